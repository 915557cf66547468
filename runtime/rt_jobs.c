/*
 * rt_jobs.c - the worker (see rt_jobs.h).
 *
 * Per thread: open a claim session (rt_db), LISTEN RT_JOBS_CHANNEL, then loop:
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
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt_arena.h"
#include "rt_clock.h"
#include "rt_error.h"
#include "rt_json.h"
#include "rt_log.h"
#include "rt_metrics.h"
#include "rt_program.h"
#include "rt_validate.h"

/* The most jobs `orderd jobs list` prints. */
#define RT_JOBS_LIST_MAX_ROWS "1000"
/* How long an idle worker waits for a notification before looking again
 * (retries coming due), and before reconnecting a lost session. */
#define RT_JOBS_IDLE_WAIT_MS 1000
#define RT_JOBS_ERROR_PAUSE_MS 200

/* The spec's queries the worker and `orderd jobs` run (spec/runtime.sql),
 * with the parameters they pass, in order. */
typedef enum jobs_query_id {
    JOBS_CLAIM = 0,
    JOBS_FINISH,
    JOBS_RETRY,
    JOBS_BURY,
    JOBS_UNLOCK,
    JOBS_UNLOCK_ALL,
    JOBS_QUEUE_STATS,
    JOBS_LIST,
    JOBS_REQUEUE,
    JOBS_DISCARD,
    JOBS_STATUS,
    JOBS_QUERY_COUNT
} jobs_query_id;

typedef struct jobs_query_spec {
    const char *name;
    const char *params[3];
    int param_count;
} jobs_query_spec;

static const jobs_query_spec jobs_queries[JOBS_QUERY_COUNT] = {
    [JOBS_CLAIM] = {"ClaimJob", {"lock_class", "locked_by"}, 2},
    [JOBS_FINISH] = {"FinishJob", {"id"}, 1},
    [JOBS_RETRY] = {"RetryJob", {"error", "id"}, 2},
    [JOBS_BURY] = {"BuryJob", {"error", "id"}, 2},
    [JOBS_UNLOCK] = {"UnlockJob", {"lock_class", "id"}, 2},
    [JOBS_UNLOCK_ALL] = {"UnlockAllJobs", {NULL}, 0},
    [JOBS_QUEUE_STATS] = {"JobQueueStats", {NULL}, 0},
    [JOBS_LIST] = {"ListJobs", {"status", "kind", "max_rows"}, 3},
    [JOBS_REQUEUE] = {"RequeueJob", {"id"}, 1},
    [JOBS_DISCARD] = {"DiscardJob", {"id"}, 1},
    [JOBS_STATUS] = {"GetJobStatus", {"id"}, 1},
};

/* The lock class as text, the first parameter of ClaimJob and UnlockJob. */
#define RT_JOBS_STRINGIFY(x) #x
#define RT_JOBS_TEXT(x) RT_JOBS_STRINGIFY(x)
static const char lock_class_text[] = RT_JOBS_TEXT(RT_JOBS_LOCK_CLASS);

/* Runs the runtime query `id` on conn; 0 or rt_db_run's codes (RT_EINVAL
 * when the spec lacks it). out (optional) keeps the result; without it the
 * result is cleared. */
static int jobs_run(rt_db_conn *conn, jobs_query_id id, const char *const *params,
                    rt_db_result *out)
{
    const jobs_query_spec *spec = &jobs_queries[id];
    const rt_query *query = NULL;
    rt_db_result local = {0};
    int rc = rt_db_find_query(spec->name, spec->params, spec->param_count, &query);

    if (rc == 0)
        rc = rt_db_run(conn, query, params, out ? out : &local);
    rt_db_result_clear(&local);
    return rc;
}

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

static const rt_job *find_job(const char *kind)
{
    for (int i = 0; i < api_job_count; i++)
        if (strcmp(api_jobs[i]->kind, kind) == 0)
            return api_jobs[i];
    return NULL;
}

/* The claim session: a connection of the worker thread's own, listening
 * on RT_JOBS_CHANNEL; NULL when PostgreSQL cannot be reached. */
static rt_db_conn *connect_claim_session(const rt_worker *worker)
{
    rt_db_conn *conn = NULL;
    char error[256];

    if (rt_db_session_open(worker->config->database_url, "orderd-worker",
                           (int)worker->config->db_connect_timeout_seconds, &conn, error,
                           sizeof error) != 0)
        return NULL;
    if (rt_db_listen(conn, RT_JOBS_CHANNEL) != 0) {
        rt_db_session_close(conn);
        return NULL;
    }
    return conn;
}

/* 0 with *claimed filled, RT_ENOROW when nothing is ready, or an error. */
static int claim(rt_db_conn *conn, const char *locked_by, claimed_job *claimed)
{
    const char *params[2] = {lock_class_text, locked_by};
    rt_db_result result = {0};
    int rc = jobs_run(conn, JOBS_CLAIM, params, &result);

    if (rc != 0)
        goto done;
    memset(claimed, 0, sizeof *claimed);
    claimed->id = strtoll(rt_db_value(&result, 0, 0), NULL, 10);
    snprintf(claimed->id_text, sizeof claimed->id_text, "%lld", claimed->id);
    snprintf(claimed->kind, sizeof claimed->kind, "%s", rt_db_value(&result, 0, 1));
    claimed->payload = strdup(rt_db_value(&result, 0, 2));
    claimed->attempt = atoi(rt_db_value(&result, 0, 3));
    claimed->max_attempts = atoi(rt_db_value(&result, 0, 4));
    snprintf(claimed->request_id, sizeof claimed->request_id, "%s",
             rt_db_value(&result, 0, 5) ? rt_db_value(&result, 0, 5) : "");
    claimed->job = find_job(claimed->kind);
    rc = claimed->payload ? 0 : RT_ENOMEM;
done:
    rt_db_result_clear(&result);
    return rc;
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

/* Records the outcome of a claimed job's run (rc) and releases its lock. */
static int record_outcome(rt_worker *worker, rt_db_conn *conn, const char *name,
                          const claimed_job *claimed, int rc, const char *error, bool permanent,
                          const struct timespec *start)
{
    const char *unlock_params[2] = {lock_class_text, claimed->id_text};
    int unlock_rc;

    if (rc == 0) {
        const char *params[1] = {claimed->id_text};
        rc = jobs_run(conn, JOBS_FINISH, params, NULL);
        log_job(RT_LOG_INFO, "job_done", name, claimed, elapsed_ms(start), NULL);
        rt_metrics_job_done(worker->metrics, claimed->kind, RT_METRICS_JOB_DONE);
    } else if (permanent || claimed->attempt >= claimed->max_attempts) {
        const char *params[2] = {error, claimed->id_text};
        rc = jobs_run(conn, JOBS_BURY, params, NULL);
        log_job(RT_LOG_ERROR, "job_dead", name, claimed, elapsed_ms(start), error);
        rt_metrics_job_done(worker->metrics, claimed->kind, RT_METRICS_JOB_DEAD);
    } else {
        /* the wait grows with the attempts: RetryJob, spec/runtime.sql */
        const char *params[2] = {error, claimed->id_text};
        rc = jobs_run(conn, JOBS_RETRY, params, NULL);
        log_job(RT_LOG_WARN, "job_failed", name, claimed, elapsed_ms(start), error);
        rt_metrics_job_done(worker->metrics, claimed->kind, RT_METRICS_JOB_FAILED);
    }
    unlock_rc = jobs_run(conn, JOBS_UNLOCK, unlock_params, NULL);
    return rc != 0 ? rc : unlock_rc;
}

/* Claims and runs one job. 0 when one ran, RT_ENOROW when none was ready. */
static int work_once(rt_worker *worker, rt_db_conn *conn, const char *name)
{
    claimed_job claimed;
    rt_arena *arena = NULL;
    const char *error = NULL;
    bool permanent = false;
    struct timespec start;
    int rc = claim(conn, name, &claimed);

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
    rc = record_outcome(worker, conn, name, &claimed, rc, error, permanent, &start);
    free(claimed.payload);
    if (arena)
        rt_arena_destroy(arena);
    return rc;
}

static void *worker_main(void *arg)
{
    worker_thread *thread = arg;
    rt_worker *worker = thread->worker;
    char name[80];
    rt_db_conn *conn = NULL;

    snprintf(name, sizeof name, "%s/%d", worker->name, thread->number);
    while (!atomic_load(&worker->stopping)) {
        if (!conn) {
            conn = connect_claim_session(worker);
            if (!conn) {
                rt_log_message(RT_LOG_WARN, "worker_db_unavailable", "cannot reach PostgreSQL");
                rt_clock_nap_ms(RT_JOBS_IDLE_WAIT_MS);
                continue;
            }
        }
        int rc = work_once(worker, conn, name);
        if (rc == RT_ENOROW) {
            rt_db_wait_notification(conn, RT_JOBS_IDLE_WAIT_MS);
        } else if (rc != 0 && !rt_db_session_ok(conn)) {
            rt_db_session_close(conn);
            conn = NULL;
        } else if (rc != 0) {
            /* Between jobs this thread holds no job lock (invariant): drop
             * any a failed claim or bookkeeping statement left behind. */
            rt_log_message(RT_LOG_WARN, "worker_error", rt_db_error_message(conn));
            (void)jobs_run(conn, JOBS_UNLOCK_ALL, NULL, NULL);
            rt_clock_nap_ms(RT_JOBS_ERROR_PAUSE_MS);
        }
    }
    rt_db_session_close(conn);
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
    int rc = jobs_run(conn, JOBS_QUEUE_STATS, NULL, &result);
    if (rc != 0)
        goto done;
    *depth = strtoll(rt_db_value(&result, 0, 0), NULL, 10);
    *oldest_age_seconds = strtod(rt_db_value(&result, 0, 1), NULL);
done:
    rt_db_result_clear(&result);
    return rc;
}

int rt_jobs_list(rt_db_conn *conn, const char *state, const char *kind, rt_db_result *out)
{
    const char *params[3] = {state, kind, RT_JOBS_LIST_MAX_ROWS};
    return jobs_run(conn, JOBS_LIST, params, out);
}

int rt_jobs_act(rt_db_conn *conn, rt_jobs_action action, const char *id, char *status,
                size_t status_len)
{
    rt_db_result result = {0};
    const char *params[1] = {id};
    int rc = jobs_run(conn, action == RT_JOBS_RETRY ? JOBS_REQUEUE : JOBS_DISCARD, params, NULL);

    status[0] = '\0';
    if (rc != RT_ENOROW)
        goto done;
    rc = jobs_run(conn, JOBS_STATUS, params, &result);
    if (rc != 0)
        goto done;
    snprintf(status, status_len, "%s", rt_db_value(&result, 0, 0));
    rc = RT_EINVAL;
done:
    rt_db_result_clear(&result);
    return rc;
}
