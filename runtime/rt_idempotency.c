/*
 * rt_idempotency.c - idempotency keys (see rt_idempotency.h): the claim,
 * the replay and the stored answer, around an endpoint's work, in the one
 * transaction rt_program holds open for it. What a claim finds (new,
 * replay, reused, in progress) is decided in SQL (idempotency_claim,
 * migrations/0010_idempotency_keys.sql); this file maps it to answers.
 */
#include "rt_idempotency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rt_clock.h"
#include "rt_error.h"
#include "rt_log.h"
#include "rt_metrics.h"

/* The spec's statements (spec/runtime.sql), with their parameters in order. */
#define CLAIM_QUERY "ClaimIdempotencyKey"
static const char *const claim_params[] = {"caller",  "key",         "endpoint",
                                           "request", "ttl_seconds", "wait_ms"};
#define CLAIM_PARAM_COUNT ((int)(sizeof claim_params / sizeof claim_params[0]))
#define STORE_QUERY "StoreIdempotentResponse"
static const char *const store_params[] = {"status", "body", "location", "etag", "caller", "key"};
#define STORE_PARAM_COUNT ((int)(sizeof store_params / sizeof store_params[0]))

/* The claim's columns: state, status, body, location, etag. */
enum { CLAIM_STATE, CLAIM_STATUS, CLAIM_BODY, CLAIM_LOCATION, CLAIM_ETAG };

/* The first answer's headers a replay carries again, stored with it. */
static const struct {
    const char *name;
    int column;
} replayed_headers[] = {{"Location", CLAIM_LOCATION}, {"ETag", CLAIM_ETAG}};

bool rt_idempotency_key_valid(const char *key)
{
    size_t length = 0;

    if (key == NULL)
        return false;
    for (const unsigned char *at = (const unsigned char *)key; *at != '\0'; at++, length++) {
        if (*at < 0x20 || *at > 0x7e || length >= RT_IDEMPOTENCY_MAX_KEY)
            return false;
    }
    return length > 0;
}

static int find_query(rt_program *program, const char *name, const char *const *params, int count,
                      const rt_query **out)
{
    int rc = rt_db_find_query(name, params, count, out);
    if (rc != 0)
        rt_program_fail_internal(program, "idempotency", "the spec lacks a runtime statement");
    return rc;
}

/* The answer a repeat replays: the stored status, body, Location and ETag. */
static int replay(rt_program *program, const rt_db_result *claim, rt_response *resp)
{
    const char *status = rt_db_value(claim, 0, CLAIM_STATUS);
    const char *body = rt_db_value(claim, 0, CLAIM_BODY);

    rt_buf_reset(&resp->body);
    rt_buf_puts(&resp->body, body != NULL ? body : "");
    for (size_t i = 0; i < sizeof replayed_headers / sizeof replayed_headers[0]; i++) {
        const char *value = rt_db_value(claim, 0, replayed_headers[i].column);
        const char *copy = value != NULL ? rt_arena_strdup(program->arena, value) : NULL;
        if (value != NULL && copy == NULL) {
            rt_program_fail_internal(program, "idempotency", "out of memory");
            return RT_ENOMEM;
        }
        if (copy != NULL)
            rt_response_header(resp, replayed_headers[i].name, copy);
    }
    if (resp->body.failed) {
        rt_program_fail_internal(program, "idempotency", "out of memory");
        return RT_ENOMEM;
    }
    rt_response_header(resp, RT_IDEMPOTENCY_REPLAYED_HEADER, "true");
    resp->status = status != NULL ? atoi(status) : 500;
    return 0;
}

/* How long a repeat waits for its key's first request: IDEMPOTENCY_WAIT_MS,
 * but at most half of DB_STATEMENT_TIMEOUT_MS, so the wait ends as a 409
 * before the statement's timeout would make it a 503. */
static int64_t wait_ms(const rt_config *config)
{
    int64_t wait = config->idempotency_wait_ms;
    int64_t half = config->db_statement_timeout_ms / 2;

    if (config->db_statement_timeout_ms > 0 && wait > half)
        wait = half > 0 ? half : 1;
    return wait;
}

/* A request the key kept from running: one log line (idempotency_replayed,
 * idempotency_in_progress, idempotency_key_reused) and its counter. */
static void note_outcome(const rt_idempotency_request *request, const rt_program *program,
                         rt_metrics_idempotency_outcome outcome, int status)
{
    static const char *const events[RT_METRICS_IDEMPOTENCY_OUTCOME_COUNT] = {
        "idempotency_replayed", "idempotency_in_progress", "idempotency_key_reused"};
    rt_log_line line;

    rt_metrics_idempotency(request->metrics, outcome);
    rt_log_begin(&line, outcome == RT_METRICS_IDEMPOTENCY_REPLAYED ? RT_LOG_INFO : RT_LOG_WARN,
                 events[outcome]);
    rt_program_log_ids(program, &line);
    rt_log_str(&line, "endpoint", request->endpoint);
    rt_log_str(&line, "caller", request->caller);
    rt_log_int(&line, "status", status);
    rt_log_end(&line);
}

/* Claims the key; on a replay fills resp and sets *out_replayed. Any other
 * outcome than "claimed" or "replay" is the program's answer. */
static int claim(const rt_idempotency_request *request, rt_program *program, rt_response *resp,
                 bool *out_replayed)
{
    const rt_query *query = NULL;
    const char *text = rt_arena_printf(program->arena, "%s %s\n%s", request->method, request->path,
                                       request->body != NULL ? request->body : "");
    const char *ttl = rt_arena_printf(program->arena, "%lld",
                                      (long long)program->config->idempotency_ttl_seconds);
    const char *wait = rt_arena_printf(program->arena, "%lld", (long long)wait_ms(program->config));
    const char *params[CLAIM_PARAM_COUNT] = {
        request->caller, request->key, request->endpoint, text, ttl, wait};
    rt_db_result result = {0};
    int rc = find_query(program, CLAIM_QUERY, claim_params, CLAIM_PARAM_COUNT, &query);

    *out_replayed = false;
    if (rc != 0)
        goto done;
    if (text == NULL || ttl == NULL || wait == NULL) {
        rt_program_fail_internal(program, "idempotency", "out of memory");
        rc = RT_ENOMEM;
        goto done;
    }
    rc = rt_program_run_query(program, query, params, &result);
    if (rc == RT_ENOROW) {
        rt_program_fail_internal(program, "idempotency", "the claim returned no row");
        rc = RT_EINVAL;
    }
    if (rc != 0)
        goto done;
    const char *state = rt_db_value(&result, 0, CLAIM_STATE);
    if (state != NULL && strcmp(state, "claimed") == 0) {
        rc = 0;
    } else if (state != NULL && strcmp(state, "replay") == 0) {
        rc = replay(program, &result, resp);
        *out_replayed = rc == 0;
        if (rc == 0)
            note_outcome(request, program, RT_METRICS_IDEMPOTENCY_REPLAYED, resp->status);
    } else if (state != NULL && strcmp(state, "reused") == 0) {
        note_outcome(request, program, RT_METRICS_IDEMPOTENCY_REUSED, 422);
        rt_program_fail(program, 422, RT_IDEMPOTENCY_REUSED_CODE, RT_IDEMPOTENCY_REUSED_MESSAGE);
        rc = RT_EINVAL;
    } else {
        note_outcome(request, program, RT_METRICS_IDEMPOTENCY_IN_PROGRESS, 409);
        rt_program_fail(program, 409, RT_IDEMPOTENCY_IN_PROGRESS_CODE,
                        RT_IDEMPOTENCY_IN_PROGRESS_MESSAGE);
        rc = RT_EBUSY;
    }
done:
    rt_db_result_clear(&result);
    return rc;
}

static const char *response_header(const rt_response *resp, const char *name)
{
    for (int i = 0; i < resp->header_count; i++)
        if (strcasecmp(resp->header_names[i], name) == 0)
            return resp->header_values[i];
    return NULL;
}

/* Stores the rendered answer with the key (before the commit). */
static int store(const rt_idempotency_request *request, rt_program *program, rt_response *resp)
{
    const rt_query *query = NULL;
    const char *status = rt_arena_printf(program->arena, "%d", resp->status);
    const char *params[STORE_PARAM_COUNT] = {status,
                                             rt_buf_cstr(&resp->body),
                                             response_header(resp, "Location"),
                                             response_header(resp, "ETag"),
                                             request->caller,
                                             request->key};
    rt_db_result result = {0};
    int rc = find_query(program, STORE_QUERY, store_params, STORE_PARAM_COUNT, &query);

    if (rc == 0 && status == NULL) {
        rt_program_fail_internal(program, "idempotency", "out of memory");
        rc = RT_ENOMEM;
    }
    if (rc == 0)
        rc = rt_program_run_query(program, query, params, &result);
    rt_db_result_clear(&result);
    return rc;
}

/* TEST_PAUSE_AFTER_COMMIT_MS (tests only, refused in production): the
 * committed answer is not sent yet, so a test can kill the server here. */
static void pause_after_commit(const rt_program *program)
{
    rt_clock_sleep_ms(program->config->test_pause_after_commit_ms);
}

int rt_idempotency_run(const rt_idempotency_request *request, rt_program *program,
                       rt_response *resp, rt_idempotency_work work, void *context)
{
    bool replayed = false;
    int rc;

    if (request->key == NULL)
        return work(context);
    if (!rt_idempotency_key_valid(request->key)) {
        rt_program_fail(program, 400, "bad_request", RT_IDEMPOTENCY_BAD_KEY_MESSAGE);
        return RT_EINVAL;
    }
    rc = rt_program_begin_outer(program);
    if (rc == 0)
        rc = claim(request, program, resp, &replayed);
    if (rc != 0 || replayed)
        return rc; /* a replay changes nothing: rt_program_finish rolls back */
    rc = work(context);
    if (rc == 0 && !program->failed)
        rc = store(request, program, resp);
    if (rc == 0 && !program->failed)
        rc = rt_program_commit_outer(program);
    if (rc == 0 && !program->failed)
        pause_after_commit(program);
    return rc != 0 ? rc : (program->failed ? RT_EINVAL : 0);
}
