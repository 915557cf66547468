/*
 * rt_metrics.h - the process's metrics registry, rendered as Prometheus
 * text (GET /metrics).
 *
 * Why: operators need request rates, latencies, pool and queue pressure
 * without reading logs (README, Operations: Metrics). Every counter is an
 * atomic in the registry, so recording costs a few relaxed atomic adds
 * and never takes a lock on the request path.
 *
 * Ownership: orderd.c creates one registry per process and passes it down
 * (rt_app, rt_http_options, the worker, the scheduler, the sampler); it
 * outlives them all. There is no global registry. Every recording
 * function accepts NULL (metrics off: tests, tools) and does nothing.
 */
#ifndef RT_METRICS_H
#define RT_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_buf.h"

typedef struct rt_metrics rt_metrics;

/* One route label pair: method and the route's pattern. */
typedef struct rt_metrics_route {
    const char *method;
    const char *route;
} rt_metrics_route;

/* The label values the registry counts by, fixed at creation (the
 * arrays are copied; their strings must outlive the registry). Requests for a route index outside
 * 0..route_count-1 are counted under route "other". */
typedef struct rt_metrics_layout {
    const rt_metrics_route *routes;
    int route_count;
    const char *const *job_kinds;
    int job_kind_count;
    const char *const *lanes;
    int lane_count;
} rt_metrics_layout;

/* What a job attempt came to (orderd_jobs_total's outcome label). */
typedef enum rt_metrics_job_outcome {
    RT_METRICS_JOB_DONE = 0,
    RT_METRICS_JOB_FAILED, /* to be retried */
    RT_METRICS_JOB_DEAD,
    RT_METRICS_JOB_OUTCOME_COUNT,
} rt_metrics_job_outcome;

/* What a request with an Idempotency-Key came to, when not its first run
 * (orderd_idempotency_total's outcome label). */
typedef enum rt_metrics_idempotency_outcome {
    RT_METRICS_IDEMPOTENCY_REPLAYED = 0, /* the stored answer sent again */
    RT_METRICS_IDEMPOTENCY_IN_PROGRESS,  /* 409: its first request still runs */
    RT_METRICS_IDEMPOTENCY_REUSED,       /* 422: the key of another request */
    RT_METRICS_IDEMPOTENCY_OUTCOME_COUNT,
} rt_metrics_idempotency_outcome;

/* Values other components own, read when rendering (may be left -1:
 * not in this process, the metric is omitted). */
typedef struct rt_metrics_gauges {
    int64_t db_pool_size, db_pool_in_use, db_pool_waiting;
    int64_t ratelimit_rejections; /* counter */
    int64_t ratelimit_degraded;   /* 0 or 1 */
} rt_metrics_gauges;

/* Returns 0, RT_EINVAL or RT_ENOMEM. */
int rt_metrics_create(const rt_metrics_layout *layout, rt_metrics **out);
void rt_metrics_free(rt_metrics *metrics);

/* A request's life: started (its connection sent a request line), done
 * when answered with status (100..599) after `seconds`, finished when
 * the server forgets it (answered or not: a client may hang up). */
void rt_metrics_request_started(rt_metrics *metrics);
void rt_metrics_request_done(rt_metrics *metrics, int route, int status, double seconds);
void rt_metrics_request_finished(rt_metrics *metrics);
/* A lane's queue grew (+1) or shrank (-1). */
void rt_metrics_lane_waiting(rt_metrics *metrics, int lane, int delta);
/* A job attempt of kind ended; an unknown kind is not counted. */
void rt_metrics_job_done(rt_metrics *metrics, const char *kind, rt_metrics_job_outcome outcome);
void rt_metrics_scheduler_tick(rt_metrics *metrics);
void rt_metrics_idempotency(rt_metrics *metrics, rt_metrics_idempotency_outcome outcome);
/* The sampler's reading of the jobs table: runnable jobs and the age of
 * the oldest, in seconds (0 when none). */
void rt_metrics_set_queue(rt_metrics *metrics, int64_t depth, double oldest_age_seconds);

/* Appends the Prometheus text exposition (version 0.0.4) of every metric
 * to out. Returns 0 or RT_ENOMEM. */
int rt_metrics_render(rt_metrics *metrics, const rt_metrics_gauges *gauges, rt_buf *out);

/* The Content-Type of rt_metrics_render's text. */
#define RT_METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

#endif /* RT_METRICS_H */
