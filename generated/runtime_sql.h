/* generated from spec/runtime.sql by specc — do not edit. */
#ifndef API_RUNTIME_SQL_H
#define API_RUNTIME_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_db.h"

/* ---- ClaimJob :one (spec/runtime.sql:6) */

extern const rt_query api_runtime__claim_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__claim_job_params {
    const char *lock_class; /* $1 int */
    const char *locked_by;  /* $2 text */
} api_runtime__claim_job_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__claim_job_row {
    int64_t id;             /* bigint */
    const char *kind;       /* text */
    const char *payload;    /* text */
    int64_t attempts;       /* int */
    int64_t max_attempts;   /* int */
    const char *request_id; /* text, nullable */
};

int api_runtime__claim_job(rt_db_conn *conn, const api_runtime__claim_job_params *params,
                           rt_db_result *result);
int api_runtime__claim_job_row(const rt_db_result *result, int row,
                               struct api_runtime__claim_job_row *out);

/* ---- FinishJob :exec (spec/runtime.sql:35) */

extern const rt_query api_runtime__finish_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__finish_job_params {
    const char *id; /* $1 bigint */
} api_runtime__finish_job_params;

int api_runtime__finish_job(rt_db_conn *conn, const api_runtime__finish_job_params *params,
                            rt_db_result *result);

/* ---- RetryJob :exec (spec/runtime.sql:39) */

extern const rt_query api_runtime__retry_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__retry_job_params {
    const char *error;           /* $1 text */
    const char *backoff_seconds; /* $2 int */
    const char *id;              /* $3 bigint */
} api_runtime__retry_job_params;

int api_runtime__retry_job(rt_db_conn *conn, const api_runtime__retry_job_params *params,
                           rt_db_result *result);

/* ---- BuryJob :exec (spec/runtime.sql:45) */

extern const rt_query api_runtime__bury_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__bury_job_params {
    const char *error; /* $1 text */
    const char *id;    /* $2 bigint */
} api_runtime__bury_job_params;

int api_runtime__bury_job(rt_db_conn *conn, const api_runtime__bury_job_params *params,
                          rt_db_result *result);

/* ---- UnlockJob :one (spec/runtime.sql:50) */

extern const rt_query api_runtime__unlock_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__unlock_job_params {
    const char *lock_class; /* $1 int */
    const char *id;         /* $2 bigint */
} api_runtime__unlock_job_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__unlock_job_row {
    bool unlocked;         /* bool, nullable */
    bool unlocked_is_null; /* unlocked is SQL NULL */
};

int api_runtime__unlock_job(rt_db_conn *conn, const api_runtime__unlock_job_params *params,
                            rt_db_result *result);
int api_runtime__unlock_job_row(const rt_db_result *result, int row,
                                struct api_runtime__unlock_job_row *out);

/* ---- UnlockAllJobs :exec (spec/runtime.sql:53) */

extern const rt_query api_runtime__unlock_all_jobs_query;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__unlock_all_jobs_row {
    const char *unlocked; /* text, nullable */
};

int api_runtime__unlock_all_jobs(rt_db_conn *conn, rt_db_result *result);
int api_runtime__unlock_all_jobs_row(const rt_db_result *result, int row,
                                     struct api_runtime__unlock_all_jobs_row *out);

/* ---- EnqueueJob :many (spec/runtime.sql:58) */

extern const rt_query api_runtime__enqueue_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__enqueue_job_params {
    const char *kind;         /* $1 text */
    const char *payload;      /* $2 jsonb */
    const char *max_attempts; /* $3 int */
    const char *unique_key;   /* $4 text */
    const char *request_id;   /* $5 text */
} api_runtime__enqueue_job_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__enqueue_job_row {
    int64_t id; /* bigint */
};

int api_runtime__enqueue_job(rt_db_conn *conn, const api_runtime__enqueue_job_params *params,
                             rt_db_result *result);
int api_runtime__enqueue_job_row(const rt_db_result *result, int row,
                                 struct api_runtime__enqueue_job_row *out);

/* ---- SetActor :one (spec/runtime.sql:65) */

extern const rt_query api_runtime__set_actor_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__set_actor_params {
    const char *actor; /* $1 text */
} api_runtime__set_actor_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__set_actor_row {
    const char *actor; /* text, nullable */
};

int api_runtime__set_actor(rt_db_conn *conn, const api_runtime__set_actor_params *params,
                           rt_db_result *result);
int api_runtime__set_actor_row(const rt_db_result *result, int row,
                               struct api_runtime__set_actor_row *out);

/* ---- JobQueueStats :one (spec/runtime.sql:69) */

extern const rt_query api_runtime__job_queue_stats_query;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__job_queue_stats_row {
    int64_t depth;                  /* bigint */
    const char *oldest_age_seconds; /* numeric(18,3) */
};

int api_runtime__job_queue_stats(rt_db_conn *conn, rt_db_result *result);
int api_runtime__job_queue_stats_row(const rt_db_result *result, int row,
                                     struct api_runtime__job_queue_stats_row *out);

/* ---- ListJobs :many (spec/runtime.sql:76) */

extern const rt_query api_runtime__list_jobs_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__list_jobs_params {
    const char *status;   /* $1 job_status */
    const char *kind;     /* $2 text */
    const char *max_rows; /* $3 int */
} api_runtime__list_jobs_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__list_jobs_row {
    int64_t id;             /* bigint */
    const char *kind;       /* text */
    const char *status;     /* job_status */
    int64_t attempts;       /* int */
    int64_t max_attempts;   /* int */
    const char *run_at;     /* text, nullable */
    const char *request_id; /* text */
    const char *last_error; /* text */
};

int api_runtime__list_jobs(rt_db_conn *conn, const api_runtime__list_jobs_params *params,
                           rt_db_result *result);
int api_runtime__list_jobs_row(const rt_db_result *result, int row,
                               struct api_runtime__list_jobs_row *out);

/* ---- RequeueJob :one (spec/runtime.sql:88) */

extern const rt_query api_runtime__requeue_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__requeue_job_params {
    const char *id; /* $1 bigint */
} api_runtime__requeue_job_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__requeue_job_row {
    int64_t id; /* bigint */
};

int api_runtime__requeue_job(rt_db_conn *conn, const api_runtime__requeue_job_params *params,
                             rt_db_result *result);
int api_runtime__requeue_job_row(const rt_db_result *result, int row,
                                 struct api_runtime__requeue_job_row *out);

/* ---- DiscardJob :one (spec/runtime.sql:95) */

extern const rt_query api_runtime__discard_job_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__discard_job_params {
    const char *id; /* $1 bigint */
} api_runtime__discard_job_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__discard_job_row {
    int64_t id; /* bigint */
};

int api_runtime__discard_job(rt_db_conn *conn, const api_runtime__discard_job_params *params,
                             rt_db_result *result);
int api_runtime__discard_job_row(const rt_db_result *result, int row,
                                 struct api_runtime__discard_job_row *out);

/* ---- GetJobStatus :one (spec/runtime.sql:100) */

extern const rt_query api_runtime__get_job_status_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_runtime__get_job_status_params {
    const char *id; /* $1 bigint */
} api_runtime__get_job_status_params;

/* One result row; text members point into the rt_db_result. */
struct api_runtime__get_job_status_row {
    const char *status; /* job_status */
};

int api_runtime__get_job_status(rt_db_conn *conn, const api_runtime__get_job_status_params *params,
                                rt_db_result *result);
int api_runtime__get_job_status_row(const rt_db_result *result, int row,
                                    struct api_runtime__get_job_status_row *out);

#endif /* API_RUNTIME_SQL_H */
