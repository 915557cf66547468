/*
 * rt_webhook.c - the webhook delivery loop and replay (see rt_webhook.h).
 * Its statements are spec queries (spec/webhooks.sql) found by name, like
 * the jobs worker's: ClaimWebhookDelivery, FinishWebhookAttempt,
 * ReplayWebhookDeliveries.
 */
#include "rt_webhook.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt_clock.h"
#include "rt_error.h"
#include "rt_log.h"
#include "rt_webhook_deliver.h"
#include "rt_webhook_sign.h"

/* How long a claim holds a delivery beyond its timeout before another
 * worker may take it (the holder was killed or lost PostgreSQL). */
#define RT_WEBHOOK_LEASE_SLACK_MS 10000
#define RT_WEBHOOK_ERROR_PAUSE_MS 500

struct rt_webhook_worker {
    const rt_config *config;
    char name[80];
    pthread_t thread;
    bool started;
    atomic_bool stopping;
};

/* What a claim returns (ClaimWebhookDelivery's columns, in order). */
enum {
    CLAIM_ID = 0,
    CLAIM_ATTEMPT,
    CLAIM_URL,
    CLAIM_SECRET,
    CLAIM_EVENT_ID,
    CLAIM_TYPE,
    CLAIM_SEQUENCE,
    CLAIM_BODY,
    CLAIM_COLUMNS
};

static const char *const claim_params[] = {"lease_ms"};
static const char *const finish_params[] = {
    "delivery_id", "attempt",      "status_code",    "duration_ms",     "error",
    "delivered",   "max_attempts", "backoff_max_ms", "backoff_base_ms",
};
static const char *const replay_params[] = {"since"};

static int webhook_run(rt_db_conn *conn, const char *name, const char *const *names, int count,
                       const char *const *params, rt_db_result *out)
{
    const rt_query *query = NULL;
    int rc = rt_db_find_query(name, names, count, &query);
    return rc != 0 ? rc : rt_db_run(conn, query, params, out);
}

static void webhook_log(const char *worker, const rt_db_result *claim,
                        const rt_webhook_outcome *outcome, const char *status)
{
    bool delivered = strcmp(status, "delivered") == 0;
    bool dead = strcmp(status, "dead") == 0;
    rt_log_line line;

    rt_log_begin(&line,
                 delivered ? RT_LOG_INFO
                 : dead    ? RT_LOG_ERROR
                           : RT_LOG_WARN,
                 delivered ? "webhook_delivered"
                 : dead    ? "webhook_dead"
                           : "webhook_failed");
    rt_log_str(&line, "worker", worker);
    rt_log_int(&line, "delivery", strtoll(rt_db_value(claim, 0, CLAIM_ID), NULL, 10));
    rt_log_str(&line, "event_id", rt_db_value(claim, 0, CLAIM_EVENT_ID));
    rt_log_str(&line, "type", rt_db_value(claim, 0, CLAIM_TYPE));
    rt_log_int(&line, "attempt", strtoll(rt_db_value(claim, 0, CLAIM_ATTEMPT), NULL, 10));
    rt_log_int(&line, "status_code", outcome->status_code);
    rt_log_int(&line, "duration_ms", outcome->duration_ms);
    rt_log_str(&line, "error", outcome->error[0] ? outcome->error : NULL);
    rt_log_end(&line);
}

/* Records the attempt and moves the delivery on. */
static int webhook_finish(rt_webhook_worker *worker, rt_db_conn *conn, const rt_db_result *claim,
                          const rt_webhook_outcome *outcome)
{
    const rt_config *config = worker->config;
    char status_code[16], duration[24], max_attempts[16], backoff_max[24], backoff_base[24];
    rt_db_result result = {0};
    int rc;

    snprintf(status_code, sizeof status_code, "%d", outcome->status_code);
    snprintf(duration, sizeof duration, "%lld", (long long)outcome->duration_ms);
    snprintf(max_attempts, sizeof max_attempts, "%d", config->webhook_max_attempts);
    snprintf(backoff_max, sizeof backoff_max, "%lld", (long long)config->webhook_backoff_max_ms);
    snprintf(backoff_base, sizeof backoff_base, "%lld", (long long)config->webhook_backoff_base_ms);
    const char *params[9] = {
        rt_db_value(claim, 0, CLAIM_ID),
        rt_db_value(claim, 0, CLAIM_ATTEMPT),
        outcome->status_code > 0 ? status_code : NULL,
        duration,
        outcome->error[0] ? outcome->error : NULL,
        outcome->delivered ? "true" : "false",
        max_attempts,
        backoff_max,
        backoff_base,
    };
    rc = webhook_run(conn, "FinishWebhookAttempt", finish_params, 9, params, &result);
    if (rc == 0)
        webhook_log(worker->name, claim, outcome, rt_db_value(&result, 0, 0));
    else if (rc == RT_ENOROW) /* retried or replayed meanwhile: its new series goes on */
        rc = 0;
    rt_db_result_clear(&result);
    return rc;
}

/* Claims and attempts one delivery. 0 when one was attempted, RT_ENOROW
 * when none is due, or an error. */
static int webhook_once(rt_webhook_worker *worker, rt_db_conn *conn)
{
    const rt_config *config = worker->config;
    char lease[24];
    char signature[RT_WEBHOOK_SIGNATURE_MAX];
    rt_db_result claim = {0};
    rt_webhook_outcome outcome;
    int rc;

    snprintf(lease, sizeof lease, "%lld",
             (long long)(config->webhook_timeout_ms + RT_WEBHOOK_LEASE_SLACK_MS));
    const char *params[1] = {lease};
    rc = webhook_run(conn, "ClaimWebhookDelivery", claim_params, 1, params, &claim);
    if (rc != 0)
        goto done;
    const char *body = rt_db_value(&claim, 0, CLAIM_BODY);
    rc = rt_webhook_sign(rt_db_value(&claim, 0, CLAIM_SECRET), (int64_t)time(NULL), body,
                         strlen(body), signature, sizeof signature);
    if (rc != 0)
        goto done;
    rt_webhook_request request = {
        .url = rt_db_value(&claim, 0, CLAIM_URL),
        .body = body,
        .body_len = strlen(body),
        .signature = signature,
        .event_id = rt_db_value(&claim, 0, CLAIM_EVENT_ID),
        .event_type = rt_db_value(&claim, 0, CLAIM_TYPE),
        .sequence = rt_db_value(&claim, 0, CLAIM_SEQUENCE),
        .allow_private = config->webhook_private_targets,
        .timeout_ms = config->webhook_timeout_ms,
    };
    rc = rt_webhook_deliver(&request, &outcome);
    if (rc == 0)
        rc = webhook_finish(worker, conn, &claim, &outcome);
done:
    rt_db_result_clear(&claim);
    return rc;
}

static rt_db_conn *webhook_connect(const rt_webhook_worker *worker)
{
    rt_db_conn *conn = NULL;
    char error[256];

    if (rt_db_session_open(worker->config->database_url, "orderd-webhooks",
                           (int)worker->config->db_connect_timeout_seconds, &conn, error,
                           sizeof error) != 0)
        return NULL;
    if (rt_db_listen(conn, RT_WEBHOOK_CHANNEL) != 0) {
        rt_db_session_close(conn);
        return NULL;
    }
    return conn;
}

static void *webhook_main(void *arg)
{
    rt_webhook_worker *worker = arg;
    int64_t poll_ms = worker->config->webhook_poll_ms;
    rt_db_conn *conn = NULL;

    while (!atomic_load(&worker->stopping)) {
        if (conn == NULL && (conn = webhook_connect(worker)) == NULL) {
            rt_log_message(RT_LOG_WARN, "worker_db_unavailable", "cannot reach PostgreSQL");
            rt_clock_nap_ms(poll_ms);
            continue;
        }
        int rc = webhook_once(worker, conn);
        if (rc == RT_ENOROW) {
            rt_db_wait_notification(conn, (int)poll_ms);
        } else if (rc != 0 && !rt_db_session_ok(conn)) {
            rt_db_session_close(conn);
            conn = NULL;
        } else if (rc != 0) {
            rt_log_message(RT_LOG_WARN, "webhook_error", rt_db_error_message(conn));
            rt_clock_nap_ms(RT_WEBHOOK_ERROR_PAUSE_MS);
        }
    }
    rt_db_session_close(conn);
    return NULL;
}

int rt_webhook_start(const rt_config *config, const char *name, rt_webhook_worker **out)
{
    rt_webhook_worker *worker = NULL;
    int rc = RT_EINVAL;

    *out = NULL;
    if (config == NULL || name == NULL || rt_webhook_deliver_init() != 0)
        goto done;
    worker = calloc(1, sizeof *worker);
    rc = RT_ENOMEM;
    if (worker == NULL)
        goto done;
    worker->config = config;
    snprintf(worker->name, sizeof worker->name, "%s/webhooks", name);
    atomic_init(&worker->stopping, false);
    if (pthread_create(&worker->thread, NULL, webhook_main, worker) != 0)
        goto done;
    worker->started = true;
    rc = 0;
done:
    if (rc != 0) {
        free(worker);
        worker = NULL;
    }
    *out = worker;
    return rc;
}

void rt_webhook_stop(rt_webhook_worker *worker)
{
    if (worker == NULL)
        return;
    atomic_store(&worker->stopping, true);
    if (worker->started)
        pthread_join(worker->thread, NULL);
    free(worker);
}

int rt_webhook_replay(rt_db_conn *conn, const char *since, int64_t *count)
{
    rt_db_result result = {0};
    const char *params[1] = {since};
    int rc = webhook_run(conn, "ReplayWebhookDeliveries", replay_params, 1, params, &result);

    *count = 0;
    if (rc == 0)
        *count = strtoll(rt_db_value(&result, 0, 0), NULL, 10);
    rt_db_result_clear(&result);
    return rc;
}
