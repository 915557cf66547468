/*
 * rt_enqueue.h - puts a job in the jobs table (migrations/0003_jobs.sql):
 * what an `enqueue` step of a program and a schedule's tick do. Its own
 * module, so the interpreter (rt_program) and the worker that runs programs
 * (rt_jobs) do not call each other.
 */
#ifndef RT_ENQUEUE_H
#define RT_ENQUEUE_H

#include <stdbool.h>

#include "rt_api.h"
#include "rt_db.h"

/* Inserts a job row of job's kind on conn (inside the caller's
 * transaction, if any): payload_json is its JSON payload; unique_key NULL
 * or a key that makes a second insert a no-op (*out_inserted false then;
 * out_inserted may be NULL); request_id is the enqueuing request's id
 * (NULL for schedules), kept in the row for the job's log lines. On RT_EDB, result (cleared by the
 * caller) holds PostgreSQL's answer. The insert wakes workers (NOTIFY orderd_jobs, by a trigger).
 */
int rt_enqueue_job(rt_db_conn *conn, const rt_job *job, const char *payload_json,
                   const char *unique_key, const char *request_id, bool *out_inserted,
                   rt_db_result *result);

#endif /* RT_ENQUEUE_H */
