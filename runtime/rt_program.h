/*
 * rt_program.h - runs generated steps (rt_step).
 *
 * A "program" is the step list of an endpoint or of a job. This module is
 * the part of the interpreter both share: evaluating values, running
 * queries (inside `tx` blocks when asked), checks, lets, enqueues, sleeps
 * and log steps, and mapping database outcomes to answers; writing results
 * as JSON is rt_render's. HTTP concerns (auth, inputs, pages) live in rt_endpoint.c; job
 * concerns (claiming, retries) in rt_jobs.c.
 *
 * Ownership: an rt_program lives on its caller's stack; rt_program_init
 * borrows everything it is given (arena, inputs, config, pool) and
 * rt_program_finish releases what the program acquired (the database
 * connection, rolling back an open transaction, and query results).
 */
#ifndef RT_PROGRAM_H
#define RT_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_builtin.h"
#include "rt_config.h"
#include "rt_db.h"
#include "rt_log.h"
#include "rt_render.h"
#include "rt_validate.h"

typedef struct rt_program {
    /* given by the caller */
    const rt_config *config;
    rt_db_pool *db;
    rt_arena *arena;
    const char *request_id;     /* the request's id (a job's: the enqueuing one's), or NULL; logs */
    const char *user_id;        /* auth.user_id, or NULL */
    const char *role;           /* auth.role, or NULL */
    rt_builtin_request request; /* what built-ins read of the request (if_match) */
    const char *actor;          /* who changes data: "user:<uid>", "job:<kind>:<id>" */
    const rt_input *body;       /* body fields (a job's payload) */
    const rt_input *query;
    const rt_input *path;
    int64_t job_id, job_attempt;
    int64_t page, page_size;
    /* a keyset page's cursor (rt_cursor): its values, NULL without one */
    const char *cursor_key, *cursor_tiebreak;
    bool cursor_before; /* read the rows before it (backwards) */
    /* state */
    const rt_step *steps;
    int step_count;
    rt_step_state *states;
    rt_db_conn *conn;
    bool in_transaction;
    /* the caller opened one transaction for the whole program
     * (rt_program_begin_outer) and commits it: tx steps neither begin nor
     * commit (an Idempotency-Key, rt_idempotency.c) */
    bool outer_transaction;
    bool prefetched;                      /* steps[0] ran in rt_program_prefetch: its code below */
    int prefetched_rc;                    /* 0 or RT_ENOROW */
    const char *const *prefetched_params; /* its parameters (a :page step's count) */
    /* the answer when a step failed */
    bool failed;
    int status;
    const char *code;
    const char *message;
    rt_field_errors fields; /* its "fields": a raise's `fields from detail` */
} rt_program;

void rt_program_init(rt_program *program);

/* Runs steps[0..count). Returns 0, or a negative code with failed = true
 * and status/code/message set (a 500 is logged with context first). */
int rt_program_run(rt_program *program, const rt_step *steps, int count);

/* Adds the ids every line of a program carries: request_id (null when
 * none) and, in a job, job (its number). */
void rt_program_log_ids(const rt_program *program, rt_log_line *line);

/* Records a failure answer (used by callers for their own stages too). */
void rt_program_fail(rt_program *program, int status, const char *code, const char *message);
/* Logs an unexpected error with context and records a 500. */
void rt_program_fail_internal(rt_program *program, const char *what, const char *detail);

/* Runs one query outside the step list on the program's connection
 * (acquired here if needed, so a request still holds one connection),
 * e.g. the runtime's own user check at authentication. Returns 0 (rows in
 * out), RT_ENOROW (no answer recorded: the caller decides), or another
 * negative code with the answer recorded (503 when PostgreSQL is
 * unreachable, else a logged 500). Always rt_db_result_clear(out). */
int rt_program_run_query(rt_program *program, const rt_query *query, const char *const *params,
                         rt_db_result *out);

/* Opens one transaction for the whole program (BEGIN, and the actor as at
 * a tx block's start), inside which tx steps neither begin nor commit;
 * rt_program_commit_outer commits it, rt_program_finish rolls it back if
 * it is still open. Returns 0, or a negative code with the answer
 * recorded (503, 500). */
int rt_program_begin_outer(rt_program *program);
int rt_program_commit_outer(rt_program *program);

/* True when steps only read: no transaction, enqueue or sleep, and every
 * query one that specc found to write and lock nothing (rt_query.reads_only),
 * so running them in one implicit transaction with another read, before
 * the user is known, changes nothing. */
bool rt_program_reads_only(const rt_step *steps, int count);

/* Runs *lead (the runtime's own read, AuthenticateUser) and steps[0] in
 * one round trip (rt_db_run_pipeline), when steps read only and begin
 * with a query; *lead gets its result and code (0 or RT_ENOROW; when it
 * failed otherwise, nothing is prefetched). steps[0]'s own failure (a
 * statement timeout) is its outcome, as if it ran alone. steps[0]'s outcome is then
 * taken by rt_program_run(program, steps, count) instead of running it
 * again, unless rt_program_discard_prefetch (its inputs turned out
 * different, e.g. the role). Returns 0, or a negative code with nothing
 * prefetched and, unless evaluating an argument failed (then
 * program->failed), nothing answered: run *lead alone then. */
int rt_program_prefetch(rt_program *program, const rt_step *steps, int count,
                        rt_db_statement *lead);
void rt_program_discard_prefetch(rt_program *program);

/* Releases the connection (rolling back) and the results. Idempotent. */
void rt_program_finish(rt_program *program);

/* *out: the text of value once the steps ran (NULL for SQL NULL), e.g. a
 * part of the Location header. On failure the program has its answer. */
int rt_program_value_text(rt_program *program, const rt_value *value, const char **out);

/* Fills out so rt_render writes the program's results and values. */
void rt_program_render_source(rt_program *program, rt_render_source *out);

#endif /* RT_PROGRAM_H */
