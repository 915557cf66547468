/*
 * rt_enqueue.c - inserts job rows (see rt_enqueue.h): the one statement
 * that puts work in the jobs table, shared by enqueue steps (rt_program)
 * and schedules (rt_scheduler); the worker (rt_jobs) only claims.
 */
#include "rt_enqueue.h"

#include <stdio.h>

/* The one statement that inserts jobs, for enqueue steps and schedules;
 * prepared once per connection (a single text part: tracked by pointer). */
static const rt_sql_part enqueue_part = {
    .kind = RT_PART_TEXT,
    .text = "INSERT INTO jobs (kind, payload, max_attempts, unique_key, request_id)"
            " VALUES ($1, $2::jsonb, $3::int, $4, $5)"
            " ON CONFLICT (unique_key) DO NOTHING RETURNING id",
};
static const rt_query enqueue_query = {
    .id = -1,
    .name = "rt_enqueue_job",
    .sql = "",
    .cardinality = RT_CARD_MANY,
    .param_count = 5,
    .parts = &enqueue_part,
    .part_count = 1,
};

int rt_enqueue_job(rt_db_conn *conn, const rt_job *job, const char *payload_json,
                   const char *unique_key, const char *request_id, bool *out_inserted,
                   rt_db_result *result)
{
    char max_attempts[16];
    const char *params[5] = {job->kind, payload_json, max_attempts, unique_key, request_id};
    int rc;

    snprintf(max_attempts, sizeof max_attempts, "%d", job->max_attempts);
    rc = rt_db_run_variant(conn, &enqueue_query, params, -1, result);
    if (out_inserted)
        *out_inserted = rc == 0 && result->rows > 0;
    return rc;
}
