/*
 * rt_jobs.c - the worker (see rt_jobs.h).
 *
 * Per thread: connect a claim session, LISTEN orderd_jobs, then loop:
 * claim one ready job (queued and due, or running with no lock holder),
 * run its program on pooled connections, record the outcome, release the
 * advisory lock; when nothing is ready, wait for a notification or one
 * second (for retries coming due). A lost claim session is reconnected
 * after a second; its jobs become claimable by anyone at once.
 *
 * Invariant: a thread holds the advisory lock of at most one job, exactly
 * while that job is running in this thread.
 */
#include "rt_jobs.h"

#include <assert.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt_arena.h"
#include "rt_error.h"
#include "rt_json.h"
#include "rt_log.h"
#include "rt_metrics.h"
#include "rt_program.h"
#include "rt_validate.h"

#define RT_JOBS_MAX_BACKOFF_SECONDS 300

/* Claims one job: queued and due, or running while nobody holds its lock
 * (its worker is gone). The row lock (SKIP LOCKED) keeps two claimers
 * apart; the advisory lock marks the job as ours for as long as this
 * session lives. The lock is taken in a MATERIALIZED CTE over the one
 * candidate: as a join filter the planner may evaluate it on every row of
 * jobs, locking them all. */
/* The second key of a job's advisory lock: its id folded into int4 (ids
 * past 2^31 - 1 share keys, harmlessly: a shared key only delays). */
#define JOB_LOCK_KEY(id) "((" id ") % 2147483647)::int4"

static const char claim_sql[] =
    "WITH candidate AS ("
    " SELECT j.id FROM jobs j"
    " WHERE ((j.status = 'queued' AND j.run_at <= now()) OR j.status = 'running')"
    "   AND NOT EXISTS ("
    "       SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory'"
    "       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    "       AND l.classid = 28530 AND l.objid = " JOB_LOCK_KEY(
        "j.id") "::oid"
                "       AND l.objsubid = 2)"
                " ORDER BY j.run_at, j.id"
                " LIMIT 1 FOR UPDATE SKIP LOCKED),"
                " locked AS MATERIALIZED ("
                " SELECT id FROM candidate WHERE pg_try_advisory_lock(28530, " JOB_LOCK_KEY(
                    "id") "))"
                          " UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, "
                          "locked_by = $1,"
                          " updated_at = now()"
                          " FROM locked c WHERE j.id = c.id"
                          " RETURNING j.id, j.kind, j.payload::text, j.attempts, j.max_attempts,"
                          " j.request_id";

static const char done_sql[] =
    "UPDATE jobs SET status = 'done', finished_at = now(), updated_at = now(),"
    " last_error = NULL WHERE id = $1";
static const char retry_sql[] =
    "UPDATE jobs SET status = 'queued', last_error = $2, updated_at = now(),"
    " run_at = now() + make_interval(secs => $3::int) WHERE id = $1";
static const char dead_sql[] =
    "UPDATE jobs SET status = 'dead', last_error = $2, finished_at = now(), updated_at = now()"
    " WHERE id = $1";
/* Runnable jobs (queued and due) and how long the oldest has been due. */
static const char queue_stats_sql[] =
    "SELECT count(*), coalesce(extract(epoch FROM now() - min(run_at)), 0)::float8"
    " FROM jobs WHERE status = 'queued' AND run_at <= now()";
/* Operators' commands (orderd jobs list / retry / discard). */
static const char list_sql[] =
    "SELECT id, kind, status, attempts, max_attempts, to_char(run_at AT TIME ZONE 'UTC',"
    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), coalesce(request_id, ''), coalesce(last_error, '')"
    " FROM jobs WHERE ($1::job_status IS NULL OR status = $1::job_status)"
    " AND ($2::text IS NULL OR kind = $2) ORDER BY id DESC LIMIT 1000";
static const char retry_now_sql[] =
    "UPDATE jobs SET status = 'queued', attempts = 0, run_at = now(), last_error = NULL,"
    " finished_at = NULL, updated_at = now() WHERE id = $1::bigint AND status IN ('queued', 'dead')"
    " RETURNING id";
static const char discard_sql[] =
    "DELETE FROM jobs WHERE id = $1::bigint AND status IN ('queued', 'dead') RETURNING id";
static const char job_status_sql[] = "SELECT status FROM jobs WHERE id = $1::bigint";
static const char unlock_sql[] = "SELECT pg_advisory_unlock(28530, " JOB_LOCK_KEY("$1::bigint") ")";

struct rt_worker {
    const rt_config *config;
    rt_db_pool *pool;
    rt_metrics *metrics; /* borrowed; NULL: not counted */
    char name[64];
    int thread_count;
    pthread_t *threads;
    atomic_bool stopping;
};

typedef struct worker_thread {
    rt_worker *worker;
    int number;
} worker_thread;

typedef struct claimed_job {
    long long id;
    char id_text[24];
    const rt_job *job;
    char kind[64];
    char *payload; /* owned */
    int attempt;
    int max_attempts;
    char request_id[80]; /* the enqueuing request's, or "" */
} claimed_job;

static void sleep_ms(int ms)
{
    struct timespec t = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static const rt_job *find_job(const char *kind)
{
    for (int i = 0; i < api_job_count; i++)
        if (strcmp(api_jobs[i]->kind, kind) == 0)
            return api_jobs[i];
    return NULL;
}

/* Server notices on the claim session go to the JSON log, not raw stderr. */
static void log_notice(void *arg, const PGresult *res)
{
    (void)arg;
    rt_log_message(RT_LOG_WARN, "worker_db_notice", PQresultErrorMessage(res));
}

static PGconn *connect_claim_session(const rt_worker *worker)
{
    char timeout[24];
    const char *const keywords[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *values[] = {worker->config->database_url, timeout, "orderd-worker", NULL};
    PGconn *pg;
    PGresult *res = NULL;

    snprintf(timeout, sizeof timeout, "%lld",
             (long long)worker->config->db_connect_timeout_seconds);
    pg = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(pg) != CONNECTION_OK)
        goto fail;
    PQsetNoticeReceiver(pg, log_notice, NULL);
    res = PQexec(pg, "LISTEN orderd_jobs");
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        goto fail;
    PQclear(res);
    return pg;
fail:
    PQclear(res);
    PQfinish(pg);
    return NULL;
}

/* Runs a statement with text params on the claim session; 0 or RT_EDB /
 * RT_EUNAVAILABLE. *out (optional) receives the result. */
static int session_exec(PGconn *pg, const char *sql, int n, const char *const *params,
                        PGresult **out)
{
    PGresult *res = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(res);
    int rc = (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) ? 0 : RT_EDB;

    if (rc != 0 && PQstatus(pg) != CONNECTION_OK)
        rc = RT_EUNAVAILABLE;
    if (out && rc == 0)
        *out = res;
    else
        PQclear(res);
    return rc;
}

/* 0 with *claimed filled, RT_ENOROW when nothing is ready, or an error. */
static int claim(PGconn *pg, const char *locked_by, claimed_job *claimed)
{
    const char *params[1] = {locked_by};
    PGresult *res = NULL;
    int rc = session_exec(pg, claim_sql, 1, params, &res);

    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return RT_ENOROW;
    }
    memset(claimed, 0, sizeof *claimed);
    claimed->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    snprintf(claimed->id_text, sizeof claimed->id_text, "%lld", claimed->id);
    snprintf(claimed->kind, sizeof claimed->kind, "%s", PQgetvalue(res, 0, 1));
    claimed->payload = strdup(PQgetvalue(res, 0, 2));
    claimed->attempt = atoi(PQgetvalue(res, 0, 3));
    claimed->max_attempts = atoi(PQgetvalue(res, 0, 4));
    snprintf(claimed->request_id, sizeof claimed->request_id, "%s", PQgetvalue(res, 0, 5));
    claimed->job = find_job(claimed->kind);
    PQclear(res);
    return claimed->payload ? 0 : RT_ENOMEM;
}

/* Runs the job's program. Returns 0, or an error with *error set to a
 * description (static or arena text); *permanent when retrying is futile. */
static int run_job(rt_worker *worker, const claimed_job *claimed, rt_arena *arena,
                   const char **error, bool *permanent)
{
    const rt_job *job = claimed->job;
    rt_program program;
    rt_json_doc *doc = NULL;
    const rt_json *root = NULL;
    rt_json_error json_error;
    rt_field_errors errors = {0};
    rt_input *payload = NULL;
    int rc;

    rt_program_init(&program);
    *permanent = false;
    if (!job) {
        *error = "no job of this kind in the spec";
        *permanent = true;
        rc = RT_EINVAL;
        goto done;
    }
    rc = rt_json_parse(claimed->payload, strlen(claimed->payload), &doc, &root, &json_error);
    if (rc == 0) {
        payload = rt_arena_alloc(arena, sizeof(rt_input) * (size_t)(job->payload_field_count + 1));
        rc = payload ? rt_validate_object(job->payload_fields, job->payload_field_count, root,
                                          arena, payload, &errors)
                     : RT_ENOMEM;
    }
    if (rc != 0) {
        *error = errors.count > 0
                     ? rt_arena_printf(arena, "invalid payload: %s: %s", errors.errors[0].field,
                                       errors.errors[0].message)
                     : "invalid payload";
        *permanent = true;
        goto done;
    }
    program.config = worker->config;
    program.db = worker->pool;
    program.arena = arena;
    program.request_id = claimed->request_id[0] != '\0' ? claimed->request_id : NULL;
    program.role = "scheduler";
    program.actor = rt_arena_printf(arena, "job:%s:%lld", claimed->kind, claimed->id);
    program.body = payload;
    program.job_id = claimed->id;
    program.job_attempt = claimed->attempt;
    rc = rt_program_run(&program, job->steps, job->step_count);
    if (rc != 0)
        *error = rt_arena_printf(arena, "%d %s", program.status,
                                 program.message ? program.message : "failed");

done:
    rt_program_finish(&program);
    rt_json_doc_free(doc);
    return rc;
}

static void log_job(rt_log_level level, const char *event, const char *worker_name,
                    const claimed_job *claimed, double duration_ms, const char *error)
{
    rt_log_line line;
    rt_log_begin(&line, level, event);
    rt_log_str(&line, "request_id", claimed->request_id[0] != '\0' ? claimed->request_id : NULL);
    rt_log_int(&line, "job", claimed->id);
    rt_log_str(&line, "kind", claimed->kind);
    rt_log_int(&line, "attempt", claimed->attempt);
    rt_log_int(&line, "max_attempts", claimed->max_attempts);
    rt_log_str(&line, "worker", worker_name);
    if (duration_ms >= 0)
        rt_log_double(&line, "duration_ms", duration_ms);
    if (error)
        rt_log_str(&line, "error", error);
    rt_log_end(&line);
}

static double elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) * 1000.0 +
           (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* Claims and runs one job. 0 when one ran, RT_ENOROW when none was ready. */
static int work_once(rt_worker *worker, PGconn *pg, const char *name)
{
    claimed_job claimed;
    rt_arena *arena = NULL;
    const char *error = NULL;
    bool permanent = false;
    struct timespec start;
    int rc = claim(pg, name, &claimed);

    if (rc != 0)
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &start);
    /* debug: job_done / job_failed / job_dead say what happened and how
     * long it took; at info a tick with nothing to do is one line. */
    log_job(RT_LOG_DEBUG, "job_started", name, &claimed, -1, NULL);
    rc = rt_arena_create(&arena);
    if (rc == 0)
        rc = run_job(worker, &claimed, arena, &error, &permanent);
    else
        error = "out of memory";

    if (rc == 0) {
        const char *params[1] = {claimed.id_text};
        rc = session_exec(pg, done_sql, 1, params, NULL);
        log_job(RT_LOG_INFO, "job_done", name, &claimed, elapsed_ms(&start), NULL);
        rt_metrics_job_done(worker->metrics, claimed.kind, RT_METRICS_JOB_DONE);
    } else if (permanent || claimed.attempt >= claimed.max_attempts) {
        const char *params[2] = {claimed.id_text, error};
        rc = session_exec(pg, dead_sql, 2, params, NULL);
        log_job(RT_LOG_ERROR, "job_dead", name, &claimed, elapsed_ms(&start), error);
        rt_metrics_job_done(worker->metrics, claimed.kind, RT_METRICS_JOB_DEAD);
    } else {
        int shift = claimed.attempt - 1 < 9 ? claimed.attempt - 1 : 9;
        int backoff = 1 << (shift > 0 ? shift : 0);
        char backoff_text[16];
        snprintf(backoff_text, sizeof backoff_text, "%d",
                 backoff < RT_JOBS_MAX_BACKOFF_SECONDS ? backoff : RT_JOBS_MAX_BACKOFF_SECONDS);
        const char *params[3] = {claimed.id_text, error, backoff_text};
        rc = session_exec(pg, retry_sql, 3, params, NULL);
        log_job(RT_LOG_WARN, "job_failed", name, &claimed, elapsed_ms(&start), error);
        rt_metrics_job_done(worker->metrics, claimed.kind, RT_METRICS_JOB_FAILED);
    }
    {
        const char *params[1] = {claimed.id_text};
        int unlock_rc = session_exec(pg, unlock_sql, 1, params, NULL);
        if (rc == 0)
            rc = unlock_rc;
    }
    free(claimed.payload);
    if (arena)
        rt_arena_destroy(arena);
    return rc;
}

/* Waits up to timeout_ms for a NOTIFY on the claim session. */
/* Waits up to timeout_ms for a NOTIFY on the claim session; one that
 * arrived with an earlier result is already queued in libpq. */
static void wait_for_notification(PGconn *pg, int timeout_ms)
{
    struct pollfd fd = {.fd = PQsocket(pg), .events = POLLIN};
    PGnotify *notify;
    bool notified = false;

    if (fd.fd < 0)
        return;
    PQconsumeInput(pg);
    while ((notify = PQnotifies(pg)) != NULL) {
        PQfreemem(notify);
        notified = true;
    }
    if (notified)
        return;
    if (poll(&fd, 1, timeout_ms) > 0)
        PQconsumeInput(pg);
    while ((notify = PQnotifies(pg)) != NULL)
        PQfreemem(notify);
}

static void *worker_main(void *arg)
{
    worker_thread *thread = arg;
    rt_worker *worker = thread->worker;
    char name[80];
    PGconn *pg = NULL;

    snprintf(name, sizeof name, "%s/%d", worker->name, thread->number);
    while (!atomic_load(&worker->stopping)) {
        if (!pg) {
            pg = connect_claim_session(worker);
            if (!pg) {
                rt_log_message(RT_LOG_WARN, "worker_db_unavailable", "cannot reach PostgreSQL");
                sleep_ms(1000);
                continue;
            }
        }
        int rc = work_once(worker, pg, name);
        if (rc == RT_ENOROW) {
            wait_for_notification(pg, 1000);
        } else if (rc != 0 && PQstatus(pg) != CONNECTION_OK) {
            PQfinish(pg);
            pg = NULL;
        } else if (rc != 0) {
            /* Between jobs this thread holds no job lock (invariant): drop
             * any a failed claim or bookkeeping statement left behind. */
            rt_log_message(RT_LOG_WARN, "worker_error", PQerrorMessage(pg));
            PQclear(PQexec(pg, "SELECT pg_advisory_unlock_all()"));
            sleep_ms(200);
        }
    }
    PQfinish(pg);
    free(thread);
    return NULL;
}

int rt_worker_start(const rt_config *config, rt_db_pool *pool, rt_metrics *metrics,
                    const char *name, int threads, rt_worker **out)
{
    rt_worker *worker = NULL;
    int rc = 0;

    if (threads < 1 || !name)
        return RT_EINVAL;
    worker = calloc(1, sizeof *worker);
    if (!worker)
        return RT_ENOMEM;
    worker->config = config;
    worker->pool = pool;
    worker->metrics = metrics;
    snprintf(worker->name, sizeof worker->name, "%s", name);
    atomic_init(&worker->stopping, false);
    worker->threads = calloc((size_t)threads, sizeof(pthread_t));
    if (!worker->threads) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (int i = 0; i < threads; i++) {
        worker_thread *thread = malloc(sizeof *thread);
        if (!thread) {
            rc = RT_ENOMEM;
            goto done;
        }
        thread->worker = worker;
        thread->number = i;
        if (pthread_create(&worker->threads[i], NULL, worker_main, thread) != 0) {
            free(thread);
            rc = RT_ENOMEM;
            goto done;
        }
        worker->thread_count++;
    }

done:
    if (rc != 0) {
        rt_worker_stop(worker);
        worker = NULL;
    }
    *out = worker;
    return rc;
}

void rt_worker_stop(rt_worker *worker)
{
    if (!worker)
        return;
    atomic_store(&worker->stopping, true);
    for (int i = 0; i < worker->thread_count; i++)
        pthread_join(worker->threads[i], NULL);
    free(worker->threads);
    free(worker);
}

int rt_jobs_queue_stats(rt_db_conn *conn, int64_t *depth, double *oldest_age_seconds)
{
    rt_db_result result = {0};
    int rc = rt_db_exec_sql(conn, queue_stats_sql, &result);
    if (rc != 0)
        goto done;
    *depth = strtoll(rt_db_value(&result, 0, 0), NULL, 10);
    *oldest_age_seconds = strtod(rt_db_value(&result, 0, 1), NULL);
done:
    rt_db_result_clear(&result);
    return rc;
}

int rt_jobs_list(PGconn *pg, const char *state, const char *kind, PGresult **out)
{
    const char *params[2] = {state, kind};
    return session_exec(pg, list_sql, 2, params, out);
}

int rt_jobs_act(PGconn *pg, rt_jobs_action action, const char *id, char *status, size_t status_len)
{
    PGresult *res = NULL;
    const char *params[1] = {id};
    int rc =
        session_exec(pg, action == RT_JOBS_RETRY ? retry_now_sql : discard_sql, 1, params, &res);
    status[0] = '\0';
    if (rc != 0 || PQntuples(res) == 1)
        goto done;
    PQclear(res);
    res = NULL;
    rc = session_exec(pg, job_status_sql, 1, params, &res);
    if (rc != 0)
        goto done;
    if (PQntuples(res) == 0) {
        rc = RT_ENOROW;
        goto done;
    }
    snprintf(status, status_len, "%s", PQgetvalue(res, 0, 0));
    rc = RT_EINVAL;
done:
    PQclear(res);
    return rc;
}
