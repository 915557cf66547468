/*
 * rt_db.c - PostgreSQL connection pool, prepared statements, transactions.
 *
 * The pool holds `size` slots. A slot's PGconn is made lazily, on the
 * first acquire that finds it missing, broken or marked for reset, so
 * opening a pool never waits for PostgreSQL and a pool recovers by itself
 * when PostgreSQL comes back. Connecting is bounded by connect_timeout.
 *
 * Each connection remembers which rt_query ids it has prepared (a byte per
 * id, grown to query->id + 1 on demand); rt_db_run prepares a query there
 * on first use under the statement name query->name, then runs it with
 * PQexecPrepared, text parameters and text results. The set is cleared
 * whenever the PGconn is replaced. A statement that vanished (SQLSTATE
 * 26000, e.g. after DEALLOCATE ALL) is prepared again once.
 *
 * Stale connections: a connection whose server went away (restart,
 * pg_terminate_backend) looks fine to PQstatus until it is used. On
 * acquire, an idle connection whose socket is readable (the server only
 * speaks first when it is closing) is checked with PQconsumeInput; if it
 * is dead it is replaced before the caller sees it. A connection that
 * fails during a statement is marked for reset and replaced on its next
 * acquire; the statement itself is never retried (it may have run).
 *
 * Threads: the mutex guards only the slots' in_use flags; a slot's
 * PGconn and prepared set belong to the thread that acquired it.
 *
 * Invariants: a slot is in_use exactly between acquire and release;
 * prepared_capacity == 0 exactly when prepared == NULL; when needs_reset
 * is true the slot's PGconn is never used again.
 */
#include "rt_db.h"

#include <assert.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_buf.h"
#include "rt_error.h"
#include "rt_log.h"

/* SQLSTATE of a prepared statement that does not exist. */
#define RT_DB_SQLSTATE_NO_STATEMENT "26000"
/* Session settings every connection gets (after the URL's own options). */
#define RT_DB_SESSION_OPTIONS "-c TimeZone=UTC -c DateStyle=ISO,YMD"

struct rt_db_conn {
    PGconn *pg;                     /* owned; NULL until connected */
    bool needs_reset;               /* replace pg on the next acquire */
    bool in_use;                    /* guarded by the pool mutex */
    unsigned char *prepared;        /* prepared[id] != 0: query id is prepared */
    size_t prepared_capacity;       /* entries in prepared */
    struct rt_db_variant *variants; /* prepared variants of dynamic queries */
    size_t variant_count, variant_capacity;
};

/* One prepared variant of a dynamic query (rt_query.parts): which filter
 * parts are present (mask) and which ordering (-1: the default), with the
 * map from the variant's $1..$n to the query's parameter indexes. */
typedef struct rt_db_variant {
    const rt_query *query;
    unsigned mask;
    int ordering;
    rt_db_read read;
    char name[96];
    int *param_map; /* owned; param_map[i] = query param index of $(i+1) */
    int param_count;
} rt_db_variant;

struct rt_db_pool {
    char *url;     /* owned copy */
    char *options; /* owned: the URL's options + ours */
    int size;
    int connect_timeout_seconds;
    pthread_mutex_t mutex;
    pthread_cond_t released; /* signalled when a slot becomes free */
    rt_db_conn *slots;       /* size entries */
    int waiting;             /* threads waiting in rt_db_acquire (under mutex) */
    atomic_bool lost;        /* the last connect failed: db_lost was logged */
};

/* Server NOTICEs (e.g. "relation already exists, skipping") are not
 * errors; libpq would print them to stderr, outside the JSON log. */
static void rt_db_ignore_notice(void *arg, const PGresult *res)
{
    (void)arg;
    (void)res;
}

/* The libpq "options" for our sessions: the statement timeout, the URL's
 * own options (if any), then RT_DB_SESSION_OPTIONS, so all apply. A URL libpq cannot parse is
 * RT_EINVAL here, at start-up, not a 503 on every request. */
static int rt_db_session_options(const char *url, int64_t statement_timeout_ms, char **out)
{
    int rc = 0;
    char *parse_error = NULL;
    PQconninfoOption *parsed = PQconninfoParse(url, &parse_error);
    const char *theirs = NULL;
    size_t len;

    *out = NULL;
    if (parsed == NULL) {
        rc = parse_error != NULL ? RT_EINVAL : RT_ENOMEM;
        goto done;
    }
    for (const PQconninfoOption *option = parsed; option->keyword != NULL; option++)
        if (strcmp(option->keyword, "options") == 0 && option->val != NULL)
            theirs = option->val;
    len = (theirs != NULL ? strlen(theirs) + 1 : 0) + sizeof(RT_DB_SESSION_OPTIONS) +
          sizeof " -c statement_timeout=" + 24;
    *out = malloc(len);
    if (*out == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    /* The URL's own statement_timeout, if any, comes later and wins. */
    snprintf(*out, len, "-c statement_timeout=%lld %s%s%s", (long long)statement_timeout_ms,
             theirs != NULL ? theirs : "", theirs != NULL ? " " : "", RT_DB_SESSION_OPTIONS);
done:
    PQconninfoFree(parsed); /* NULL-safe */
    PQfreemem(parse_error);
    return rc;
}

int rt_db_pool_open(const char *url, int size, int connect_timeout_seconds,
                    int64_t statement_timeout_ms, rt_db_pool **out)
{
    int rc = 0;
    rt_db_pool *pool = NULL;
    bool mutex_made = false;

    if (out != NULL)
        *out = NULL;
    if (url == NULL || size < 1 || connect_timeout_seconds < 1 || statement_timeout_ms < 0 ||
        out == NULL) {
        rc = RT_EINVAL;
        goto done;
    }
    pool = calloc(1, sizeof(*pool));
    if (pool == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    pool->size = size;
    pool->connect_timeout_seconds = connect_timeout_seconds;
    pool->url = strdup(url);
    pool->slots = calloc((size_t)size, sizeof(*pool->slots));
    if (pool->url == NULL || pool->slots == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    rc = rt_db_session_options(url, statement_timeout_ms, &pool->options);
    if (rc != 0)
        goto done;
    if (pthread_mutex_init(&pool->mutex, NULL) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    mutex_made = true;
    if (pthread_cond_init(&pool->released, NULL) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    *out = pool;
    pool = NULL;
done:
    if (pool != NULL) {
        if (mutex_made)
            pthread_mutex_destroy(&pool->mutex);
        free(pool->slots);
        free(pool->options);
        free(pool->url);
        free(pool);
    }
    return rc;
}

/* Closes a slot's PGconn and forgets what was prepared on it. */
static void rt_db_conn_disconnect(rt_db_conn *conn)
{
    if (conn->pg != NULL)
        PQfinish(conn->pg);
    conn->pg = NULL;
    conn->needs_reset = false;
    if (conn->prepared != NULL)
        memset(conn->prepared, 0, conn->prepared_capacity);
    for (size_t i = 0; i < conn->variant_count; i++)
        free(conn->variants[i].param_map);
    conn->variant_count = 0;
}

void rt_db_pool_close(rt_db_pool *pool)
{
    if (pool == NULL)
        return;
    for (int i = 0; i < pool->size; i++) {
        assert(!pool->slots[i].in_use);
        rt_db_conn_disconnect(&pool->slots[i]);
        free(pool->slots[i].prepared);
        free(pool->slots[i].variants);
    }
    pthread_cond_destroy(&pool->released);
    pthread_mutex_destroy(&pool->mutex);
    free(pool->slots);
    free(pool->options);
    free(pool->url);
    free(pool);
}

/* Opens conn->pg to url as application_name with our session options.
 * RT_EUNAVAILABLE leaves conn->pg set (its error message for the caller). */
static int rt_db_conn_open(rt_db_conn *conn, const char *url, const char *options,
                           const char *application_name, int connect_timeout_seconds)
{
    char timeout[16];
    /* dbname (expanded from the URL) first: later keywords override it;
     * UTF8: the server sees our bytes (JSON, migration files) unchanged. */
    const char *const keywords[] = {"dbname",  "connect_timeout", "application_name",
                                    "options", "client_encoding", NULL};
    const char *values[] = {url, timeout, application_name, options, "UTF8", NULL};

    rt_db_conn_disconnect(conn);
    snprintf(timeout, sizeof(timeout), "%d", connect_timeout_seconds);
    conn->pg = PQconnectdbParams(keywords, values, 1);
    if (conn->pg == NULL)
        return RT_ENOMEM;
    if (PQstatus(conn->pg) != CONNECTION_OK)
        return RT_EUNAVAILABLE;
    PQsetNoticeReceiver(conn->pg, rt_db_ignore_notice, NULL);
    return 0;
}

/* Connects conn to the pool's database. On failure conn->pg is NULL and
 * the reason is logged (PostgreSQL's message names host and cause, never
 * the password). */
static int rt_db_conn_connect(rt_db_pool *pool, rt_db_conn *conn)
{
    int rc =
        rt_db_conn_open(conn, pool->url, pool->options, "orderd", pool->connect_timeout_seconds);

    if (rc == RT_EUNAVAILABLE) {
        /* The first failure after a success is db_lost (an error); later
         * ones are db_connect_failed warnings. */
        bool first = !atomic_exchange(&pool->lost, true);
        rt_log_line line;
        rt_log_begin(&line, first ? RT_LOG_ERROR : RT_LOG_WARN,
                     first ? "db_lost" : "db_connect_failed");
        rt_log_str(&line, "message", PQerrorMessage(conn->pg));
        rt_log_end(&line);
    }
    if (rc == 0 && atomic_load(&pool->lost) && atomic_exchange(&pool->lost, false))
        rt_log_message(RT_LOG_INFO, "db_recovered", "PostgreSQL answers again");
    if (rc != 0)
        rt_db_conn_disconnect(conn);
    return rc;
}

/* True when an idle, apparently healthy connection has in fact been
 * closed by the server. An idle server only speaks when it is going away:
 * a FATAL message (libpq treats it as a notice), then end of file. So
 * while the socket is readable, read and parse; end of file or a bad
 * status means closed. Bounded, in case notifications keep arriving. */
static bool rt_db_conn_closed_by_server(rt_db_conn *conn)
{
    struct pollfd fd = {.fd = PQsocket(conn->pg), .events = POLLIN, .revents = 0};

    if (fd.fd < 0)
        return true;
    for (int round = 0; round < 4; round++) {
        if (poll(&fd, 1, 0) <= 0)
            return false; /* nothing (more) to read: alive */
        if (PQconsumeInput(conn->pg) == 0 || PQstatus(conn->pg) != CONNECTION_OK)
            return true;
        (void)PQisBusy(conn->pg); /* parses what arrived */
    }
    return false;
}

int rt_db_acquire(rt_db_pool *pool, rt_db_conn **out)
{
    int rc = 0;
    rt_db_conn *conn = NULL;

    assert(pool != NULL && out != NULL);
    *out = NULL;
    pthread_mutex_lock(&pool->mutex);
    for (;;) {
        /* Prefer a slot that is already connected. */
        for (int i = 0; i < pool->size; i++) {
            rt_db_conn *slot = &pool->slots[i];
            if (!slot->in_use && (conn == NULL || (conn->pg == NULL && slot->pg != NULL)))
                conn = slot;
        }
        if (conn != NULL)
            break;
        pool->waiting++;
        pthread_cond_wait(&pool->released, &pool->mutex);
        pool->waiting--;
    }
    conn->in_use = true;
    pthread_mutex_unlock(&pool->mutex);

    if (conn->pg == NULL || conn->needs_reset || PQstatus(conn->pg) != CONNECTION_OK ||
        rt_db_conn_closed_by_server(conn)) {
        rc = rt_db_conn_connect(pool, conn);
        if (rc != 0) {
            rt_db_release(pool, conn);
            goto done;
        }
    }
    *out = conn;
done:
    return rc;
}

void rt_db_release(rt_db_pool *pool, rt_db_conn *conn)
{
    assert(pool != NULL && conn != NULL);
    assert(conn >= pool->slots && conn < pool->slots + pool->size);
    assert(conn->in_use);

    if (conn->pg != NULL && !conn->needs_reset && PQstatus(conn->pg) == CONNECTION_OK) {
        PGTransactionStatusType state = PQtransactionStatus(conn->pg);
        if (state == PQTRANS_INTRANS || state == PQTRANS_INERROR) {
            PGresult *res = PQexec(conn->pg, "ROLLBACK");
            if (PQresultStatus(res) != PGRES_COMMAND_OK)
                conn->needs_reset = true;
            PQclear(res);
        } else if (state != PQTRANS_IDLE) {
            conn->needs_reset = true; /* a command still active, or unknown */
        }
    }
    pthread_mutex_lock(&pool->mutex);
    conn->in_use = false;
    pthread_cond_signal(&pool->released);
    pthread_mutex_unlock(&pool->mutex);
}

void rt_db_result_clear(rt_db_result *result)
{
    if (result == NULL)
        return;
    PQclear(result->res);
    memset(result, 0, sizeof(*result));
}

/* Turns a finished PGresult into a return code and fills out (which takes
 * ownership of res). A failure on a connection that is no longer usable
 * is RT_EUNAVAILABLE and marks the connection for reset. */
static int rt_db_classify(rt_db_conn *conn, PGresult *res, rt_db_result *out)
{
    ExecStatusType status;
    const char *sqlstate;

    out->res = res;
    if (res == NULL) {
        if (PQstatus(conn->pg) != CONNECTION_OK) {
            conn->needs_reset = true;
            return RT_EUNAVAILABLE;
        }
        return RT_ENOMEM;
    }
    status = PQresultStatus(res);
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY) {
        out->rows = PQntuples(res);
        return 0;
    }
    out->message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    if (out->message == NULL)
        out->message = PQresultErrorMessage(res); /* a client-side error */
    sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    /* Class 08 is "connection exception"; 57P0x are shutdowns. */
    if (PQstatus(conn->pg) != CONNECTION_OK ||
        (sqlstate != NULL &&
         (strncmp(sqlstate, "08", 2) == 0 || strncmp(sqlstate, "57P0", 4) == 0))) {
        conn->needs_reset = true;
        return RT_EUNAVAILABLE;
    }
    if (sqlstate != NULL) {
        strncpy(out->sqlstate, sqlstate, sizeof(out->sqlstate) - 1);
        out->sqlstate[sizeof(out->sqlstate) - 1] = '\0';
    }
    out->constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    out->detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    return RT_EDB;
}

/* Makes room in conn's prepared set for query id `id`. */
static int rt_db_prepared_reserve(rt_db_conn *conn, int id)
{
    size_t needed = (size_t)id + 1;
    size_t capacity = conn->prepared_capacity;
    unsigned char *grown;

    if (needed <= capacity)
        return 0;
    if (capacity == 0)
        capacity = 32;
    while (capacity < needed)
        capacity *= 2;
    grown = realloc(conn->prepared, capacity);
    if (grown == NULL)
        return RT_ENOMEM;
    memset(grown + conn->prepared_capacity, 0, capacity - conn->prepared_capacity);
    conn->prepared = grown;
    conn->prepared_capacity = capacity;
    return 0;
}

/* Prepares query on conn unless it already is. */
static int rt_db_prepare(rt_db_conn *conn, const rt_query *query, rt_db_result *out)
{
    int rc;

    if (conn->prepared[query->id])
        return 0;
    rc = rt_db_classify(
        conn, PQprepare(conn->pg, query->name, query->sql, query->param_count, NULL), out);
    if (rc == 0) {
        conn->prepared[query->id] = 1;
        rt_db_result_clear(out);
    }
    return rc;
}

int rt_db_run(rt_db_conn *conn, const rt_query *query, const char *const *params, rt_db_result *out)
{
    int rc;

    assert(conn != NULL && conn->pg != NULL && query != NULL && out != NULL);
    assert(query->id >= 0 && query->name != NULL && query->sql != NULL);
    assert(query->param_count == 0 || params != NULL);
    memset(out, 0, sizeof(*out));
    if (conn->needs_reset) {
        rc = RT_EUNAVAILABLE;
        goto done;
    }
    rc = rt_db_prepared_reserve(conn, query->id);
    if (rc != 0)
        goto done;
    for (int attempt = 0; attempt < 2; attempt++) {
        rc = rt_db_prepare(conn, query, out);
        if (rc != 0)
            goto done;
        rc = rt_db_classify(
            conn, PQexecPrepared(conn->pg, query->name, query->param_count, params, NULL, NULL, 0),
            out);
        if (rc != RT_EDB || strcmp(out->sqlstate, RT_DB_SQLSTATE_NO_STATEMENT) != 0)
            break;
        /* The statement vanished from the session: prepare it again, once. */
        conn->prepared[query->id] = 0;
        if (attempt == 0)
            rt_db_result_clear(out);
    }
    if (rc == 0 && query->cardinality == RT_CARD_ONE && out->rows == 0)
        rc = RT_ENOROW;
done:
    return rc;
}

const char *rt_db_value(const rt_db_result *result, int row, int column)
{
    assert(result != NULL && result->res != NULL);
    assert(row >= 0 && row < PQntuples(result->res));
    assert(column >= 0 && column < PQnfields(result->res));
    if (PQgetisnull(result->res, row, column))
        return NULL;
    return PQgetvalue(result->res, row, column);
}

int rt_db_exec_sql(rt_db_conn *conn, const char *sql, rt_db_result *out)
{
    assert(conn != NULL && conn->pg != NULL && sql != NULL && out != NULL);
    memset(out, 0, sizeof(*out));
    if (conn->needs_reset)
        return RT_EUNAVAILABLE;
    return rt_db_classify(conn, PQexec(conn->pg, sql), out);
}

/* Runs a transaction-control command; `expected_tag` is the command tag
 * that means success (COMMIT of a failed transaction answers ROLLBACK). */
static int rt_db_transaction_command(rt_db_conn *conn, const char *sql, const char *expected_tag)
{
    rt_db_result result;
    int rc = rt_db_exec_sql(conn, sql, &result);

    if (rc == 0 && strcmp(PQcmdStatus(result.res), expected_tag) != 0)
        rc = RT_EDB;
    rt_db_result_clear(&result);
    return rc;
}

int rt_db_begin(rt_db_conn *conn)
{
    return rt_db_transaction_command(conn, "BEGIN", "BEGIN");
}

int rt_db_commit(rt_db_conn *conn)
{
    return rt_db_transaction_command(conn, "COMMIT", "COMMIT");
}

int rt_db_rollback(rt_db_conn *conn)
{
    return rt_db_transaction_command(conn, "ROLLBACK", "ROLLBACK");
}

PGconn *rt_db_pgconn(rt_db_conn *conn)
{
    assert(conn != NULL);
    return conn->pg;
}

void rt_db_pool_stats(rt_db_pool *pool, rt_db_pool_stats_out *out)
{
    pthread_mutex_lock(&pool->mutex);
    out->size = pool->size;
    out->in_use = 0;
    for (int i = 0; i < pool->size; i++)
        out->in_use += pool->slots[i].in_use ? 1 : 0;
    out->waiting = pool->waiting;
    pthread_mutex_unlock(&pool->mutex);
}

int rt_db_ping(rt_db_pool *pool)
{
    rt_db_conn *conn = NULL;
    rt_db_result result;
    int rc = rt_db_acquire(pool, &conn);

    if (rc != 0)
        return rc;
    rc = rt_db_exec_sql(conn, "SELECT 1", &result);
    rt_db_result_clear(&result);
    rt_db_release(pool, conn);
    return rc;
}

/* ------------------------------------------------------- dynamic queries */

/* Appends text to b, renumbering "$n" (outside quotes and comments) in
 * order of first appearance; map/map_count record which query parameter
 * each new number stands for. */
static int rt_db_append_renumbered(rt_buf *b, const char *text, int *map, int *map_count,
                                   int max_params)
{
    const char *p = text;

    while (*p) {
        if (*p == '\'' || *p == '"') {
            char quote = *p;
            const char *start = p++;
            while (*p && *p != quote)
                p++;
            if (*p)
                p++;
            rt_buf_append(b, start, (size_t)(p - start));
        } else if (p[0] == '/' && p[1] == '*') {
            const char *start = p;
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
            rt_buf_append(b, start, (size_t)(p - start));
        } else if (p[0] == '-' && p[1] == '-') {
            const char *start = p;
            while (*p && *p != '\n')
                p++;
            rt_buf_append(b, start, (size_t)(p - start));
        } else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
            int n = 0;
            int local = -1;
            p++;
            while (*p >= '0' && *p <= '9' && n < 100000)
                n = n * 10 + (*p++ - '0');
            if (n < 1 || n > max_params)
                return RT_EINVAL;
            for (int i = 0; i < *map_count && local < 0; i++)
                if (map[i] == n - 1)
                    local = i;
            if (local < 0) {
                local = (*map_count)++;
                map[local] = n - 1;
            }
            rt_buf_printf(b, "$%d", local + 1);
        } else {
            rt_buf_append(b, p, 1);
            p++;
        }
    }
    return 0;
}

/* The filter mask of a dynamic query for these parameters: bit i is set
 * when the i-th filter part has all its parameters non-NULL. */
static unsigned rt_db_filter_mask(const rt_query *query, const char *const *params)
{
    unsigned mask = 0;
    int filter = 0;

    for (int i = 0; i < query->part_count; i++) {
        const rt_sql_part *part = &query->parts[i];
        bool present = true;
        if (part->kind != RT_PART_FILTER && part->kind != RT_PART_KEYSET)
            continue;
        for (int j = 0; j < part->param_count; j++)
            if (params[part->params[j]] == NULL)
                present = false;
        if (present)
            mask |= 1u << filter;
        filter++;
    }
    return mask;
}

/* A part's text in a variant, or NULL when the variant leaves it out. */
static const char *rt_db_part_text(const rt_query *query, const rt_sql_part *part, int ordering,
                                   rt_db_read read)
{
    const rt_ordering *chosen = ordering >= 0 ? &query->orderings[ordering] : query->keyset_default;
    bool counting = read == RT_DB_READ_COUNT || read == RT_DB_READ_ESTIMATE;

    switch (part->kind) {
    case RT_PART_ORDER:
        if (counting)
            return NULL;
        if (read == RT_DB_READ_BACKWARD && chosen && chosen->reverse_sql)
            return chosen->reverse_sql;
        return ordering >= 0 ? chosen->sql : part->text;
    case RT_PART_KEYSET:
        if (counting || !chosen || !chosen->after)
            return NULL;
        return read == RT_DB_READ_BACKWARD ? chosen->before : chosen->after;
    case RT_PART_PAGE:
        return counting ? NULL : part->text;
    default:
        return part->text;
    }
}

/* The text of a variant: the parts it keeps, wrapped for a count or an
 * estimate. */
static int rt_db_variant_text(const rt_query *query, unsigned mask, int ordering, rt_db_read read,
                              rt_buf *sql, rt_db_variant *variant)
{
    int filter = 0;
    int rc = 0;

    if (read == RT_DB_READ_COUNT)
        rt_buf_puts(sql, "SELECT count(*) FROM (");
    else if (read == RT_DB_READ_ESTIMATE)
        rt_buf_puts(sql, "EXPLAIN (FORMAT JSON) ");
    for (int i = 0; i < query->part_count && rc == 0; i++) {
        const rt_sql_part *part = &query->parts[i];
        bool filtered = part->kind == RT_PART_FILTER || part->kind == RT_PART_KEYSET;
        if (filtered && !(mask & (1u << filter++)))
            continue;
        const char *text = rt_db_part_text(query, part, ordering, read);
        if (text)
            rc = rt_db_append_renumbered(sql, text, variant->param_map, &variant->param_count,
                                         query->param_count);
    }
    /* a :page query's limit is its next-to-last parameter */
    if (rc == 0 && read == RT_DB_READ_COUNT) {
        char limit[32];
        snprintf(limit, sizeof limit, "\nLIMIT $%d", query->param_count - 1);
        rc = rt_db_append_renumbered(sql, limit, variant->param_map, &variant->param_count,
                                     query->param_count);
        rt_buf_puts(sql, ") AS counted");
    }
    return rc == 0 && sql->failed ? RT_ENOMEM : rc;
}

static int rt_db_variant_prepare(rt_db_conn *conn, const rt_query *query, unsigned mask,
                                 int ordering, rt_db_read read, rt_db_variant **out_variant,
                                 rt_db_result *out)
{
    rt_buf sql;
    rt_db_variant variant = {.query = query, .mask = mask, .ordering = ordering, .read = read};
    int rc = 0;

    rt_buf_init(&sql);
    for (size_t i = 0; i < conn->variant_count; i++) {
        rt_db_variant *v = &conn->variants[i];
        if (v->query == query && v->mask == mask && v->ordering == ordering && v->read == read) {
            *out_variant = v;
            goto done;
        }
    }
    variant.param_map = calloc((size_t)query->param_count + 1, sizeof(int));
    if (!variant.param_map) {
        rc = RT_ENOMEM;
        goto done;
    }
    rc = rt_db_variant_text(query, mask, ordering, read, &sql, &variant);
    if (rc != 0)
        goto done;
    snprintf(variant.name, sizeof variant.name, "%s/%x/%d/%d", query->name, mask, ordering,
             (int)read);
    if (conn->variant_count == conn->variant_capacity) {
        size_t capacity = conn->variant_capacity ? conn->variant_capacity * 2 : 16;
        rt_db_variant *grown = realloc(conn->variants, capacity * sizeof *grown);
        if (!grown) {
            rc = RT_ENOMEM;
            goto done;
        }
        conn->variants = grown;
        conn->variant_capacity = capacity;
    }
    rc = rt_db_classify(
        conn, PQprepare(conn->pg, variant.name, rt_buf_cstr(&sql), variant.param_count, NULL), out);
    if (rc != 0)
        goto done;
    rt_db_result_clear(out);
    conn->variants[conn->variant_count] = variant;
    *out_variant = &conn->variants[conn->variant_count++];
    variant.param_map = NULL; /* now owned by the connection */

done:
    free(variant.param_map);
    rt_buf_free(&sql);
    return rc;
}

int rt_db_run_variant(rt_db_conn *conn, const rt_query *query, const char *const *params,
                      int ordering, rt_db_result *out)
{
    return rt_db_run_read(conn, query, params, ordering, RT_DB_READ_FORWARD, out);
}

int rt_db_run_read(rt_db_conn *conn, const rt_query *query, const char *const *params, int ordering,
                   rt_db_read read, rt_db_result *out)
{
    rt_db_variant *variant = NULL;
    const char *local[RT_API_MAX_QUERY_PARAMS];
    int rc;

    assert(conn != NULL && query != NULL && out != NULL);
    assert(ordering < query->ordering_count);
    if (query->parts == NULL)
        return rt_db_run(conn, query, params, out);
    memset(out, 0, sizeof(*out));
    if (conn->needs_reset)
        return RT_EUNAVAILABLE;
    if (query->param_count > RT_API_MAX_QUERY_PARAMS)
        return RT_EINVAL;
    for (int attempt = 0; attempt < 2; attempt++) {
        rc = rt_db_variant_prepare(conn, query, rt_db_filter_mask(query, params), ordering, read,
                                   &variant, out);
        if (rc != 0)
            return rc;
        for (int i = 0; i < variant->param_count; i++)
            local[i] = params[variant->param_map[i]];
        rc = rt_db_classify(
            conn,
            PQexecPrepared(conn->pg, variant->name, variant->param_count, local, NULL, NULL, 0),
            out);
        if (rc != RT_EDB || strcmp(out->sqlstate, RT_DB_SQLSTATE_NO_STATEMENT) != 0)
            break;
        /* The statement vanished from the session (DISCARD ALL, a pooler's
         * reset): forget the variant and prepare it again, once. */
        free(variant->param_map);
        *variant = conn->variants[--conn->variant_count];
        if (attempt == 0)
            rt_db_result_clear(out);
    }
    if (rc == 0 && read == RT_DB_READ_FORWARD && query->cardinality == RT_CARD_ONE &&
        out->rows == 0)
        rc = RT_ENOROW;
    return rc;
}

/* -------------------------------------------------------------- pipeline */

/* A statement's prepared name and its $1..$n values on conn, prepared
 * there first when needed (a failed PREPARE leaves its error in the
 * statement's result). name has room for a variant's name. */
static int rt_db_pipeline_resolve(rt_db_conn *conn, rt_db_statement *statement, char *name,
                                  size_t name_len, const char **values, int *out_count)
{
    const rt_query *query = statement->query;
    rt_db_variant *variant = NULL;
    int rc;

    if (query->param_count > RT_API_MAX_QUERY_PARAMS)
        return RT_EINVAL;
    if (query->parts == NULL) {
        rc = rt_db_prepared_reserve(conn, query->id);
        if (rc == 0)
            rc = rt_db_prepare(conn, query, &statement->result);
        if (rc == 0) {
            snprintf(name, name_len, "%s", query->name);
            for (int i = 0; i < query->param_count; i++)
                values[i] = statement->params[i];
            *out_count = query->param_count;
        }
    } else {
        rc = rt_db_variant_prepare(conn, query, rt_db_filter_mask(query, statement->params),
                                   statement->ordering, statement->read, &variant,
                                   &statement->result);
        if (rc == 0) {
            snprintf(name, name_len, "%s", variant->name);
            for (int i = 0; i < variant->param_count; i++)
                values[i] = statement->params[variant->param_map[i]];
            *out_count = variant->param_count;
        }
    }
    return rc;
}

/* Prepares what needs it, then sends the statements and the Sync (one
 * write; nothing synchronous may run once in pipeline mode). A statement
 * that cannot be prepared is RT_EDB (its error in its result), the ones
 * after it are not run (RT_EDB without SQLSTATE); *out_sent statements
 * go out, those before it. */
static int rt_db_pipeline_send(rt_db_conn *conn, rt_db_statement *statements, int count,
                               int *out_sent)
{
    char names[RT_DB_PIPELINE_MAX][sizeof(((rt_db_variant *)0)->name)];
    const char *values[RT_DB_PIPELINE_MAX][RT_API_MAX_QUERY_PARAMS];
    int value_counts[RT_DB_PIPELINE_MAX] = {0};
    int sent = 0;
    int rc = 0;

    *out_sent = 0;
    for (; sent < count; sent++) {
        rc = rt_db_pipeline_resolve(conn, &statements[sent], names[sent], sizeof names[sent],
                                    values[sent], &value_counts[sent]);
        if (rc != 0)
            break;
    }
    if (rc == RT_EDB) {
        for (int i = sent; i < count; i++)
            statements[i].rc = RT_EDB; /* the one that failed, and the rest */
        rc = 0;
    }
    if (rc != 0 || sent == 0)
        return rc;
    if (PQenterPipelineMode(conn->pg) != 1)
        rc = RT_EUNAVAILABLE;
    for (int i = 0; i < sent && rc == 0; i++) {
        if (PQsendQueryPrepared(conn->pg, names[i], value_counts[i], values[i], NULL, NULL, 0) != 1)
            rc = RT_EUNAVAILABLE;
    }
    if (rc == 0 && PQpipelineSync(conn->pg) != 1)
        rc = RT_EUNAVAILABLE;
    if (rc == RT_EUNAVAILABLE)
        conn->needs_reset = true;
    *out_sent = sent;
    return rc;
}

/* Reads each statement's result, then the Sync's, and leaves pipeline
 * mode. After a failed statement PostgreSQL skips the rest (aborted:
 * RT_EDB with no SQLSTATE). */
static int rt_db_pipeline_receive(rt_db_conn *conn, rt_db_statement *statements, int count)
{
    PGresult *res;

    for (int i = 0; i < count && !conn->needs_reset; i++) {
        rt_db_statement *statement = &statements[i];
        statement->rc = rt_db_classify(conn, PQgetResult(conn->pg), &statement->result);
        if (statement->rc == 0 && statement->query->cardinality == RT_CARD_ONE &&
            statement->result.rows == 0)
            statement->rc = RT_ENOROW;
        while (!conn->needs_reset && (res = PQgetResult(conn->pg)) != NULL)
            PQclear(res); /* the end of this statement's results is a NULL */
    }
    if (!conn->needs_reset) {
        res = PQgetResult(conn->pg);
        if (PQresultStatus(res) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn->pg) != 1)
            conn->needs_reset = true;
        PQclear(res);
    }
    return conn->needs_reset ? RT_EUNAVAILABLE : 0;
}

int rt_db_run_pipeline(rt_db_conn *conn, rt_db_statement *statements, int count)
{
    int sent = 0;
    int rc;

    assert(conn != NULL && conn->pg != NULL && statements != NULL);
    assert(count >= 1 && count <= RT_DB_PIPELINE_MAX);
    for (int i = 0; i < count; i++) {
        memset(&statements[i].result, 0, sizeof statements[i].result);
        statements[i].rc = 0;
    }
    if (conn->needs_reset)
        return RT_EUNAVAILABLE;
    rc = rt_db_pipeline_send(conn, statements, count, &sent);
    if (rc == 0 && sent > 0)
        rc = rt_db_pipeline_receive(conn, statements, sent);
    if (rc != 0) {
        for (int i = 0; i < count; i++)
            rt_db_result_clear(&statements[i].result);
    }
    return rc;
}

/* -------------------------------------------------------------- sessions */

int rt_db_session_open(const char *url, const char *application_name, int connect_timeout_seconds,
                       rt_db_conn **out, char *error, size_t error_len)
{
    rt_db_conn *conn = NULL;
    char *options = NULL;
    int rc;

    *out = NULL;
    if (error_len > 0)
        error[0] = '\0';
    rc = rt_db_session_options(url, 0, &options);
    if (rc == RT_EINVAL)
        snprintf(error, error_len, "DATABASE_URL cannot be parsed");
    if (rc != 0)
        goto done;
    conn = calloc(1, sizeof(*conn));
    if (conn == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    rc = rt_db_conn_open(conn, url, options, application_name, connect_timeout_seconds);
    if (rc == RT_EUNAVAILABLE)
        snprintf(error, error_len, "%s", PQerrorMessage(conn->pg));
    if (rc != 0)
        goto done;
    *out = conn;
    conn = NULL;
done:
    rt_db_session_close(conn);
    free(options);
    return rc;
}

void rt_db_session_close(rt_db_conn *conn)
{
    if (conn == NULL)
        return;
    rt_db_conn_disconnect(conn);
    free(conn->prepared);
    free(conn->variants);
    free(conn);
}

bool rt_db_session_ok(rt_db_conn *conn)
{
    return conn->pg != NULL && !conn->needs_reset && PQstatus(conn->pg) == CONNECTION_OK;
}

const char *rt_db_error_message(rt_db_conn *conn)
{
    return conn->pg != NULL ? PQerrorMessage(conn->pg) : "not connected";
}

int rt_db_listen(rt_db_conn *conn, const char *channel)
{
    rt_db_result result = {0};
    char *quoted = PQescapeIdentifier(conn->pg, channel, strlen(channel));
    rt_buf sql;
    int rc;

    rt_buf_init(&sql);
    rt_buf_printf(&sql, "LISTEN %s", quoted != NULL ? quoted : "");
    rc =
        quoted == NULL || sql.failed ? RT_ENOMEM : rt_db_exec_sql(conn, rt_buf_cstr(&sql), &result);
    rt_db_result_clear(&result);
    rt_buf_free(&sql);
    PQfreemem(quoted);
    return rc;
}

/* Takes every notification libpq has queued; true when there was one. */
static bool rt_db_drain_notifications(rt_db_conn *conn)
{
    PGnotify *notify;
    bool notified = false;

    while ((notify = PQnotifies(conn->pg)) != NULL) {
        PQfreemem(notify);
        notified = true;
    }
    return notified;
}

void rt_db_wait_notification(rt_db_conn *conn, int timeout_ms)
{
    struct pollfd fd = {.fd = PQsocket(conn->pg), .events = POLLIN, .revents = 0};

    if (fd.fd < 0)
        return;
    /* one that arrived with an earlier result is already queued in libpq */
    PQconsumeInput(conn->pg);
    if (rt_db_drain_notifications(conn))
        return;
    if (poll(&fd, 1, timeout_ms) > 0)
        PQconsumeInput(conn->pg);
    (void)rt_db_drain_notifications(conn);
}

/* ------------------------------------------------------ the spec's queries */

static int rt_db_compare_query_name(const void *key, const void *element)
{
    return strcmp(key, (*(const rt_query *const *)element)->name);
}

int rt_db_find_query(const char *name, const char *const *param_names, int param_count,
                     const rt_query **out)
{
    const rt_query *const *found = bsearch(name, api_queries, (size_t)api_query_count,
                                           sizeof(api_queries[0]), rt_db_compare_query_name);
    int rc = 0;

    *out = NULL;
    if (found == NULL || (*found)->param_count != param_count) {
        rc = RT_EINVAL;
        goto done;
    }
    for (int i = 0; i < param_count; i++)
        if (strcmp((*found)->params[i].name, param_names[i]) != 0)
            rc = RT_EINVAL;
    if (rc == 0)
        *out = *found;
done:
    if (rc != 0) {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_ERROR, "spec_query_missing");
        rt_log_str(&line, "query", name);
        rt_log_str(&line, "detail",
                   "the spec has no query of this name with the parameters "
                   "the runtime passes (spec/runtime.sql)");
        rt_log_end(&line);
    }
    return rc;
}
