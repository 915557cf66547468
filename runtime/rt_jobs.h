/*
 * rt_jobs.h - the worker: durable jobs from the jobs table (migrations/
 * 0003_jobs.sql), run by their generated programs (spec `job` blocks).
 *
 * Each worker thread keeps one rt_db session of its own that LISTENs on
 * RT_JOBS_CHANNEL and claims jobs with FOR UPDATE SKIP LOCKED. While a job
 * runs, that session holds the advisory lock (RT_JOBS_LOCK_CLASS, id): a
 * job left "running" whose lock nobody holds lost its worker (killed,
 * crashed, disconnected) and is claimed again, as a new attempt. A failed
 * attempt is retried after 2^(attempt-1) seconds (at most 300); after
 * max_attempts the job is "dead". Every claim, success, failure and death
 * is logged. Job programs must be idempotent: a killed worker's job runs
 * again.
 *
 * Ownership: rt_worker_start borrows config and pool, which must outlive
 * the worker; rt_worker_stop joins the threads and frees the worker.
 */
#ifndef RT_JOBS_H
#define RT_JOBS_H

#include <stdbool.h>

#include "rt_api.h"
#include "rt_config.h"
#include "rt_db.h"

struct rt_metrics;

#define RT_JOBS_LOCK_CLASS 28530 /* 0x6f72, "or" */
/* The channel the jobs table's insert trigger notifies (migrations/0003_jobs.sql). */
#define RT_JOBS_CHANNEL "orderd_jobs"

typedef struct rt_worker rt_worker;

/* Jobs runnable now (queued and due) and how long the oldest of them has
 * been due (0 when none), for the metrics sampler. 0 or rt_db's error. */
int rt_jobs_queue_stats(rt_db_conn *conn, int64_t *depth, double *oldest_age_seconds);

/* For operators (orderd jobs): the newest 1000 jobs, optionally of one
 * status and kind (NULL: any), as rows of id, kind, status, attempts,
 * max_attempts, run_at (UTC), request_id, last_error ("" for none). *out
 * is the caller's to rt_db_result_clear. 0 or rt_db_run's codes. */
int rt_jobs_list(rt_db_conn *conn, const char *state, const char *kind, rt_db_result *out);

/* retry: a queued or dead job runs again now, with its full attempts;
 * discard: a queued or dead job is deleted. 0, RT_ENOROW (no such id),
 * RT_EINVAL (the job is running or done: status names it), or a
 * database error. */
typedef enum rt_jobs_action { RT_JOBS_RETRY = 0, RT_JOBS_DISCARD } rt_jobs_action;
int rt_jobs_act(rt_db_conn *conn, rt_jobs_action action, const char *id, char *status,
                size_t status_len);

/* Starts `threads` worker threads named "<name>/<n>" in logs and in
 * jobs.locked_by. Returns 0, RT_ENOMEM or RT_EINVAL. */
int rt_worker_start(const rt_config *config, rt_db_pool *pool, struct rt_metrics *metrics,
                    const char *name, int threads, rt_worker **out);
/* Asks the threads to stop after their current job, joins them. */
void rt_worker_stop(rt_worker *worker);

#endif /* RT_JOBS_H */
