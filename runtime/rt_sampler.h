/*
 * rt_sampler.h - reads the job queue's state from PostgreSQL every few
 * seconds into the metrics registry.
 *
 * Why: GET /metrics is answered on the HTTP server's own thread, which
 * must never wait on PostgreSQL; the queue depth and the age of the
 * oldest runnable job are therefore sampled by this thread (every
 * RT_SAMPLER_INTERVAL_SECONDS) and the scrape reads the last sample.
 *
 * Ownership: borrows pool and metrics (they outlive the sampler);
 * rt_sampler_stop wakes, joins and frees it.
 */
#ifndef RT_SAMPLER_H
#define RT_SAMPLER_H

#include "rt_db.h"
#include "rt_metrics.h"

#define RT_SAMPLER_INTERVAL_SECONDS 5

typedef struct rt_sampler rt_sampler;

/* Starts the thread (first sample at once). Returns 0 or RT_ENOMEM. */
int rt_sampler_start(rt_db_pool *pool, rt_metrics *metrics, rt_sampler **out);
/* NULL is a no-op. */
void rt_sampler_stop(rt_sampler *sampler);

#endif /* RT_SAMPLER_H */
