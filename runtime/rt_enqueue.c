/*
 * rt_enqueue.c - inserts job rows (see rt_enqueue.h): the one statement
 * that puts work in the jobs table, shared by enqueue steps (rt_program)
 * and schedules (rt_scheduler); the worker (rt_jobs) only claims.
 */
#include "rt_enqueue.h"

#include <stdio.h>
#include <string.h>

/* The one statement that inserts jobs (spec/runtime.sql), with the
 * parameters passed to it, in order. */
#define ENQUEUE_QUERY "EnqueueJob"
static const char *const enqueue_params[] = {"kind", "payload", "max_attempts", "unique_key",
                                             "request_id"};
#define ENQUEUE_PARAM_COUNT ((int)(sizeof enqueue_params / sizeof enqueue_params[0]))

int rt_enqueue_job(rt_db_conn *conn, const rt_job *job, const char *payload_json,
                   const char *unique_key, const char *request_id, bool *out_inserted,
                   rt_db_result *result)
{
    char max_attempts[16];
    const char *params[ENQUEUE_PARAM_COUNT] = {job->kind, payload_json, max_attempts, unique_key,
                                               request_id};
    const rt_query *query = NULL;
    int rc = rt_db_find_query(ENQUEUE_QUERY, enqueue_params, ENQUEUE_PARAM_COUNT, &query);

    snprintf(max_attempts, sizeof max_attempts, "%d", job->max_attempts);
    memset(result, 0, sizeof *result);
    if (rc == 0)
        rc = rt_db_run(conn, query, params, result);
    if (out_inserted)
        *out_inserted = rc == 0 && result->rows > 0;
    return rc;
}
