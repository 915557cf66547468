/*
 * rt_db.h - PostgreSQL connection pool, prepared statements, transactions.
 *
 * One rt_db_conn is one PGconn, used by one thread at a time (acquire /
 * release). Each generated rt_query is prepared on a connection the first
 * time it runs there (statement name = query name) and reused after.
 * A connection found broken (PQstatus != CONNECTION_OK, or a statement
 * failing with a connection error) is reset on its next acquire, so the
 * pool recovers when PostgreSQL comes back, without a restart.
 * Sessions run with TimeZone=UTC and DateStyle=ISO.
 *
 * Parameters and results are text (numeric stays exact).
 */
#ifndef RT_DB_H
#define RT_DB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"

/* SQLSTATE query_canceled: the statement timeout struck. */
#define RT_DB_SQLSTATE_TIMEOUT "57014"

typedef struct rt_db_pool rt_db_pool;
typedef struct rt_db_conn rt_db_conn;

/* Opens a pool of `size` connections to url. Connections are made lazily;
 * opening succeeds even when PostgreSQL is down. Every statement on them
 * is cancelled by PostgreSQL after statement_timeout_ms (0: never), which
 * rt_db_run reports as RT_EDB with SQLSTATE RT_DB_SQLSTATE_TIMEOUT. */
int rt_db_pool_open(const char *url, int size, int connect_timeout_seconds,
                    int64_t statement_timeout_ms, rt_db_pool **out);
void rt_db_pool_close(rt_db_pool *pool);

/* Waits for a free connection and makes sure it is connected.
 * Returns 0, or RT_EUNAVAILABLE when PostgreSQL cannot be reached (the
 * connection is already back in the pool then). */
int rt_db_acquire(rt_db_pool *pool, rt_db_conn **out);
/* Returns the connection; a connection left inside a transaction is
 * rolled back first. */
void rt_db_release(rt_db_pool *pool, rt_db_conn *conn);

typedef struct rt_db_result {
    PGresult *res; /* owned; NULL after rt_db_result_clear */
    int rows;
    char sqlstate[6];       /* on RT_EDB: "23505", ... */
    const char *constraint; /* on RT_EDB: constraint name or NULL (in res) */
    const char *message;    /* on RT_EDB: primary message (in res) */
    const char *detail;     /* on RT_EDB: the DETAIL, or NULL (in res) */
} rt_db_result;

/* Runs query with param_count text parameters (NULL entries are SQL NULL).
 * Returns 0 (rows in out), RT_ENOROW (:one with no row; out still valid),
 * RT_EDB (statement error; sqlstate/constraint/message set),
 * RT_EUNAVAILABLE (connection lost; conn is marked for reset) or
 * RT_ENOMEM. Always call rt_db_result_clear(out) afterwards. */
int rt_db_run(rt_db_conn *conn, const rt_query *query, const char *const *params,
              rt_db_result *out);
void rt_db_result_clear(rt_db_result *result);

/* rt_db_run for queries with parts (filters, orderings): includes each
 * filter part whose parameters are all non-NULL and the ordering with
 * index `ordering` (-1: the default); each variant is prepared once per
 * connection. Queries without parts go to rt_db_run. */
int rt_db_run_variant(rt_db_conn *conn, const rt_query *query, const char *const *params,
                      int ordering, rt_db_result *out);

/* How a :page query is read (docs/spec-language.md, "Pages"):
 *   FORWARD  - as written: the chosen ordering, the cursor's `after`;
 *   BACKWARD - a keyset query's rows before a cursor: the ordering's
 *              reverse_sql and `before` (the caller reverses the rows);
 *   COUNT    - SELECT count(*) FROM (the query without ordering, cursor
 *              and page, LIMIT $limit) AS counted: a count bounded by the
 *              limit parameter;
 *   ESTIMATE - EXPLAIN (FORMAT JSON) of the query without ordering, cursor
 *              and page: the planner's estimate of its rows. */
typedef enum rt_db_read {
    RT_DB_READ_FORWARD = 0,
    RT_DB_READ_BACKWARD,
    RT_DB_READ_COUNT,
    RT_DB_READ_ESTIMATE,
} rt_db_read;

/* rt_db_run_variant with a way of reading (one variant each). */
int rt_db_run_read(rt_db_conn *conn, const rt_query *query, const char *const *params, int ordering,
                   rt_db_read read, rt_db_result *out);

/* One statement of a pipeline: what rt_db_run_variant takes (ordering -1
 * for the default or a query without orderings), and after
 * rt_db_run_pipeline its result and code. */
typedef struct rt_db_statement {
    const rt_query *query;
    const char *const *params;
    int ordering;
    rt_db_read read;     /* how a :page query is read (FORWARD: as written) */
    rt_db_result result; /* always rt_db_result_clear it */
    int rc;              /* as rt_db_run's: 0, RT_ENOROW or RT_EDB */
} rt_db_statement;

#define RT_DB_PIPELINE_MAX 4

/* Runs count (1..RT_DB_PIPELINE_MAX) statements in one round trip: libpq
 * pipeline mode, one Sync, so one implicit transaction: for reads only (a
 * write would commit whatever the others found). Each statement is
 * prepared first where the connection has not yet (once per connection).
 * Returns 0 when the pipeline ran: each statement has its code and
 * result; after a statement that failed (RT_EDB, in PREPARE or when run)
 * none of the rest runs (RT_EDB without SQLSTATE). Else RT_EUNAVAILABLE
 * (connection lost, marked for reset) or RT_ENOMEM, with every result
 * cleared: run them one by one then, which answers the failure as usual. */
int rt_db_run_pipeline(rt_db_conn *conn, rt_db_statement *statements, int count);

/* Text of a cell, or NULL for SQL NULL. */
const char *rt_db_value(const rt_db_result *result, int row, int column);

int rt_db_begin(rt_db_conn *conn);
int rt_db_commit(rt_db_conn *conn); /* RT_EDB when the commit failed */
int rt_db_rollback(rt_db_conn *conn);

/* Runs plain SQL without parameters (migrations, admin tasks). */
int rt_db_exec_sql(rt_db_conn *conn, const char *sql, rt_db_result *out);

/* The raw connection, for tests and tools. */
PGconn *rt_db_pgconn(rt_db_conn *conn);

/* A session: one connection of its own, outside any pool, for a worker
 * thread's claims (its advisory locks live as long as it does),
 * LISTEN/NOTIFY and `orderd migrate` / `orderd jobs`. Same session
 * settings as the pool's, no statement timeout; rt_db_run, rt_db_exec_sql
 * and transactions work on it. RT_EUNAVAILABLE: error holds libpq's
 * message. A session found broken (rt_db_session_ok false) is closed and
 * opened again by its owner. */
int rt_db_session_open(const char *url, const char *application_name, int connect_timeout_seconds,
                       rt_db_conn **out, char *error, size_t error_len);
void rt_db_session_close(rt_db_conn *conn); /* NULL-safe */
bool rt_db_session_ok(rt_db_conn *conn);
/* libpq's last error message on conn (for logs). */
const char *rt_db_error_message(rt_db_conn *conn);

/* LISTEN channel on a session. */
int rt_db_listen(rt_db_conn *conn, const char *channel);
/* Waits up to timeout_ms for a notification on a listening session and
 * takes every one queued (they only wake the caller). */
void rt_db_wait_notification(rt_db_conn *conn, int timeout_ms);

/* The spec's query `name` (spec/runtime.sql and the other spec files),
 * found in the generated registry (api_queries, sorted by name), checked
 * to take exactly param_names in this order. RT_EINVAL (logged) when the
 * spec has none such: callers resolve theirs before first use. */
int rt_db_find_query(const char *name, const char *const *param_names, int param_count,
                     const rt_query **out);

/* The pool's size, connections lent out and threads waiting for one
 * (for metrics; takes the pool's mutex briefly, never waits on I/O). */
typedef struct rt_db_pool_stats_out {
    int size, in_use, waiting;
} rt_db_pool_stats_out;
void rt_db_pool_stats(rt_db_pool *pool, rt_db_pool_stats_out *out);

/* SELECT 1 on a pooled connection: 0 when PostgreSQL answers. */
int rt_db_ping(rt_db_pool *pool);

#endif /* RT_DB_H */
