/*
 * rt_http.c - the HTTP server: libmicrohttpd 0.9.75 with an internal epoll
 * thread pool, turning each request into one rt_http_handler call.
 *
 * Life of a request (MHD calls http_access several times per request):
 *   0. URI log callback (request line read, URI still raw): allocate the
 *      http_exchange (in its own arena), note whether the URI decodes to a
 *      control character; it becomes *con_cls;
 *   1. first call (headers received): set the request id and check the
 *      head (http_check_head). Never respond to a sane request here: MHD
 *      0.9.75 then closes the connection after every response, which
 *      kills keep-alive (measured: 21.7k against 126k requests a second); a bad one is answered at
 * once in the error shape (http_answer_error), and MHD then closes;
 *   2. calls with *upload_data_size > 0: append the body chunk, up to
 *      max_body_bytes. Beyond that (or when Content-Length says so up
 *      front) body_too_large is set and the rest is read and discarded;
 *   3. the call with *upload_data_size == 0: build the rt_request and ask
 *      the classifier where it runs. Inline: call the handler and queue
 *      its response at once. On a lane: suspend the connection and queue
 *      http_run_on_lane on that lane's executor; the lane thread calls the
 *      handler, marks the exchange handled and resumes the connection,
 *      and MHD calls http_access again: the same step then only queues the
 *      response. Either way the response is copied, with X-Request-ID and
 *      Content-Type, and one "request" line is logged;
 *   4. MHD_OPTION_NOTIFY_COMPLETED: free the exchange.
 *
 * Ownership: the exchange owns the arena it lives in, the request body and
 * the response body; http_exchange_destroy releases all three. While the
 * connection is suspended the exchange belongs to the lane thread, which
 * must not touch it after MHD_resume_connection. The server owns its lane
 * executors, nothing of the handler's context.
 *
 * Invariants: exchange->request.arena is the arena holding the exchange;
 * body.len <= max_body_bytes; body is empty when body_too_large; a
 * suspended connection is always resumed exactly once (by the lane
 * thread, or at once when its lane refused the task).
 */
#include "rt_http.h"

#include <arpa/inet.h>
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "rt_error.h"
#include "rt_executor.h"
#include "rt_log.h"
#include "rt_metrics.h"
#include "rt_respond.h"

/* Memory MHD gives each connection for the request line, headers and
 * read buffer; headers beyond it get MHD's own 431 (README, Operations).
 * libmicrohttpd 0.9.75 clears it between two requests of a connection,
 * so its size is paid on every request: 64 KiB cost 5 % of the server's
 * CPU (README, Speed). 16 KiB is Node.js's default header limit. */
#define HTTP_CONNECTION_MEMORY_BYTES (16 * 1024)
/* rt_http_options fields left 0 take these (the README's defaults). */
#define HTTP_DEFAULT_MAX_CONNECTIONS 10000
#define HTTP_DEFAULT_MAX_CONNECTIONS_PER_IP 256u
#define HTTP_DEFAULT_IDLE_TIMEOUT_SECONDS 10u
/* rt_http_stop waits at most this long for requests in flight. */
#define HTTP_STOP_GRACE_MILLISECONDS 10000
#define HTTP_REQUEST_ID_MAX 64

struct rt_http_server {
    struct MHD_Daemon *daemon;
    rt_http_handler handler;
    void *context;
    int64_t max_body_bytes;
    const rt_proxy_list *trusted_proxies;
    atomic_int in_flight; /* requests between first call and completion */
    rt_http_classifier classify;
    rt_executor *lanes[RT_HTTP_MAX_LANES];
    int lane_count;
    rt_metrics *metrics; /* borrowed; NULL: none */
    /* The answers that must not need memory when they are sent (the
     * generic 500 may follow an out-of-memory): written once at start. */
    rt_buf internal_error_body;
    rt_buf busy_body;
};

/* Where an exchange is after its body arrived (see the file comment). */
typedef enum http_stage {
    HTTP_COLLECTING = 0, /* headers and body */
    HTTP_ON_LANE,        /* suspended, queued on or running on a lane */
    HTTP_HANDLED,        /* the answer is ready to be queued */
} http_stage;

/* What the answer is, once handled. */
typedef enum http_answer {
    HTTP_ANSWER_INTERNAL = 0, /* the generic 500 (the handler failed us) */
    HTTP_ANSWER_REPLY,        /* the handler's response */
    HTTP_ANSWER_BUSY,         /* 503: the lane's queue was full */
} http_answer;

typedef struct http_exchange {
    rt_http_server *server;
    struct MHD_Connection *connection;
    struct timespec started; /* CLOCK_MONOTONIC, when the headers arrived */
    bool uri_has_control;    /* the raw URI decodes to a control character */
    bool headers_seen;       /* the first access-handler call happened */
    rt_buf body;
    bool body_too_large;
    atomic_int stage; /* http_stage */
    int lane;         /* the lane it was sent to, or RT_HTTP_INLINE */
    http_answer answer;
    rt_request request;
    rt_response response;
} http_exchange;

/* ------------------------------------------------------------- responses */

void rt_response_header(rt_response *resp, const char *name, const char *value)
{
    assert(name != NULL && value != NULL);
    if (resp->header_count == RT_HTTP_MAX_HEADERS) {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_ERROR, "response_header_dropped");
        rt_log_str(&line, "name", name);
        rt_log_int(&line, "max", RT_HTTP_MAX_HEADERS);
        rt_log_end(&line);
        return;
    }
    resp->header_names[resp->header_count] = name;
    resp->header_values[resp->header_count] = value;
    resp->header_count++;
}

void rt_response_error(rt_response *resp, int status, const char *code, const char *message,
                       const rt_field_errors *fields)
{
    resp->status = status;
    resp->content_type = NULL;
    rt_respond_error_body(&resp->body, status, code, message, fields);
}

/* ------------------------------------------------------------- exchanges */

static bool http_request_id_is_sane(const char *id)
{
    size_t len = 0;
    if (id == NULL)
        return false;
    for (; id[len] != '\0'; len++) {
        char c = id[len];
        bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
        if (!allowed || len == HTTP_REQUEST_ID_MAX)
            return false;
    }
    return len > 0;
}

/* 32 random lower-case hex characters into out (at least 33 bytes). */
static void http_generate_request_id(char *out, size_t out_len, const void *salt)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char bytes[16];
    assert(out_len >= 2 * sizeof bytes + 1);
    ssize_t got;
    do {
        got = getrandom(bytes, sizeof bytes, 0);
    } while (got < 0 && errno == EINTR);
    if (got != (ssize_t)sizeof bytes) {
        /* No entropy source: still unique enough to correlate logs. */
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        uint64_t a = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
        uint64_t b = (uint64_t)(uintptr_t)salt;
        memcpy(bytes, &a, sizeof a);
        memcpy(bytes + sizeof a, &b, sizeof b);
    }
    for (size_t i = 0; i < sizeof bytes; i++) {
        out[2 * i] = hex[bytes[i] >> 4];
        out[2 * i + 1] = hex[bytes[i] & 0xf];
    }
    out[2 * sizeof bytes] = '\0';
}

static double http_elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1000.0 +
           (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

static void http_exchange_destroy(http_exchange *exchange)
{
    if (exchange == NULL)
        return;
    rt_arena *arena = exchange->request.arena;
    rt_buf_free(&exchange->body);
    rt_buf_free(&exchange->response.body);
    rt_arena_destroy(arena); /* frees the exchange itself */
}

/* True if Content-Length is present and says more than max bytes. */
static bool http_declared_too_large(struct MHD_Connection *connection, int64_t max)
{
    const char *declared =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (declared == NULL)
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long long length = strtoull(declared, &end, 10);
    if (errno == ERANGE)
        return true;
    return end != declared && (uint64_t)length > (uint64_t)max;
}

/* True if uri, raw as received, holds a control character (bytes below
 * 0x20 and 0x7f) itself or %-encoded: MHD would decode %00 into a NUL that
 * silently ends the path or query value (README, The API). */
static bool http_uri_has_control(const char *uri)
{
    for (const unsigned char *at = (const unsigned char *)uri; *at != '\0'; at++) {
        unsigned int value = *at;
        if (*at == '%' && isxdigit(at[1]) && isxdigit(at[2])) {
            char hex[3] = {(char)at[1], (char)at[2], '\0'};
            value = (unsigned int)strtoul(hex, NULL, 16);
        }
        if (value < 0x20 || value == 0x7f)
            return true;
    }
    return false;
}

static int http_exchange_create(rt_http_server *server, const char *raw_uri, http_exchange **out)
{
    int rc = 0;
    rt_arena *arena = NULL;
    http_exchange *exchange = NULL;

    rc = rt_arena_create(&arena);
    if (rc != 0)
        goto done;
    exchange = rt_arena_alloc(arena, sizeof *exchange);
    if (exchange == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    exchange->server = server;
    clock_gettime(CLOCK_MONOTONIC, &exchange->started);
    rt_buf_init(&exchange->body);
    rt_buf_init(&exchange->response.body);
    exchange->request.arena = arena;
    exchange->uri_has_control = raw_uri != NULL && http_uri_has_control(raw_uri);
    http_generate_request_id(exchange->request.request_id, sizeof exchange->request.request_id,
                             exchange);
    exchange->request.metrics_route = -1;
    exchange->lane = RT_HTTP_INLINE;
    atomic_fetch_add(&server->in_flight, 1);
    rt_metrics_request_started(server->metrics);
    *out = exchange;
    arena = NULL;
done:
    if (arena != NULL)
        rt_arena_destroy(arena);
    return rc;
}

/* Appends one chunk of the body, or discards it once over the limit. */
static void http_exchange_collect(http_exchange *exchange, const char *data, size_t size)
{
    if (exchange->body_too_large)
        return;
    if ((uint64_t)exchange->body.len + size > (uint64_t)exchange->server->max_body_bytes) {
        exchange->body_too_large = true;
        rt_buf_free(&exchange->body);
        return;
    }
    rt_buf_append(&exchange->body, data, size);
}

/* ----------------------------------------------------- building requests */

typedef struct http_query_state {
    rt_request *request;
    bool failed;
} http_query_state;

static enum MHD_Result http_copy_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                           const char *value)
{
    http_query_state *state = cls;
    rt_request *request = state->request;
    (void)kind;
    if (request->query_count == RT_HTTP_MAX_QUERY_ARGS) {
        request->query_overflow = true;
        return MHD_NO;
    }
    const char *key_copy = rt_arena_strdup(request->arena, key != NULL ? key : "");
    const char *value_copy = rt_arena_strdup(request->arena, value != NULL ? value : "");
    if (key_copy == NULL || value_copy == NULL) {
        state->failed = true;
        return MHD_NO;
    }
    request->query_keys[request->query_count] = key_copy;
    request->query_values[request->query_count] = value_copy;
    request->query_count++;
    return MHD_YES;
}

/* The header's value copied into the arena, or NULL when absent. Sets
 * *failed when out of memory. */
static const char *http_copy_header(struct MHD_Connection *connection, rt_arena *arena,
                                    const char *name, bool *failed)
{
    const char *value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
    if (value == NULL)
        return NULL;
    const char *copy = rt_arena_strdup(arena, value);
    if (copy == NULL)
        *failed = true;
    return copy;
}

/* The peer's address as text; IPv4-mapped IPv6 addresses as plain IPv4. */
static void http_client_ip(struct MHD_Connection *connection, char *out, size_t out_len)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, out_len, "unknown");
    if (info == NULL || info->client_addr == NULL)
        return;
    if (info->client_addr->sa_family == AF_INET) {
        struct sockaddr_in address;
        memcpy(&address, info->client_addr, sizeof address);
        inet_ntop(AF_INET, &address.sin_addr, out, (socklen_t)out_len);
    } else if (info->client_addr->sa_family == AF_INET6) {
        struct sockaddr_in6 address;
        memcpy(&address, info->client_addr, sizeof address);
        if (IN6_IS_ADDR_V4MAPPED(&address.sin6_addr))
            inet_ntop(AF_INET, &address.sin6_addr.s6_addr[12], out, (socklen_t)out_len);
        else
            inet_ntop(AF_INET6, &address.sin6_addr, out, (socklen_t)out_len);
    }
}

/* X-Forwarded-For, -Proto and -Host count only from a trusted proxy
 * (TRUSTED_PROXIES): then the client address is the one X-Forwarded-For
 * names and links may use the forwarded scheme and host; from anyone else
 * they are ignored (README, Operations). */
static void http_apply_proxy_headers(http_exchange *exchange, struct MHD_Connection *connection,
                                     bool *failed)
{
    rt_request *request = &exchange->request;
    const rt_proxy_list *proxies = exchange->server->trusted_proxies;

    if (!rt_proxy_trusts(proxies, request->client_ip))
        return;
    const char *forwarded_for =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Forwarded-For");
    char peer[sizeof request->client_ip];
    snprintf(peer, sizeof peer, "%s", request->client_ip);
    rt_proxy_client_ip(proxies, peer, forwarded_for, request->client_ip, sizeof request->client_ip);
    request->forwarded_proto =
        http_copy_header(connection, request->arena, "X-Forwarded-Proto", failed);
    request->forwarded_host =
        http_copy_header(connection, request->arena, "X-Forwarded-Host", failed);
}

/* Fills exchange->request from the connection. Returns 0 or RT_ENOMEM. */
static int http_request_fill(http_exchange *exchange, struct MHD_Connection *connection,
                             const char *url, const char *method)
{
    int rc = 0;
    rt_request *request = &exchange->request;
    rt_arena *arena = request->arena;
    bool failed = false;
    http_query_state query_state = {request, false};

    /* request->request_id was set on the first call (http_first_call). */
    http_client_ip(connection, request->client_ip, sizeof request->client_ip);

    request->method = rt_arena_strdup(arena, method);
    request->path = rt_arena_strdup(arena, url);
    if (request->method == NULL || request->path == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, http_copy_query_arg, &query_state);
    request->content_type =
        http_copy_header(connection, arena, MHD_HTTP_HEADER_CONTENT_TYPE, &failed);
    request->authorization =
        http_copy_header(connection, arena, MHD_HTTP_HEADER_AUTHORIZATION, &failed);
    request->host = http_copy_header(connection, arena, MHD_HTTP_HEADER_HOST, &failed);
    request->origin = http_copy_header(connection, arena, "Origin", &failed);
    request->cors_request_method =
        http_copy_header(connection, arena, "Access-Control-Request-Method", &failed);
    request->if_match = http_copy_header(connection, arena, MHD_HTTP_HEADER_IF_MATCH, &failed);
    request->if_none_match =
        http_copy_header(connection, arena, MHD_HTTP_HEADER_IF_NONE_MATCH, &failed);
    request->idempotency_key = http_copy_header(connection, arena, RT_IDEMPOTENCY_HEADER, &failed);
    http_apply_proxy_headers(exchange, connection, &failed);
    if (failed || query_state.failed) {
        rc = RT_ENOMEM;
        goto done;
    }

    request->body_too_large = exchange->body_too_large;
    if (!exchange->body_too_large && exchange->body.len > 0) {
        if (exchange->body.failed) {
            rc = RT_ENOMEM;
            goto done;
        }
        request->body = exchange->body.data;
        request->body_len = exchange->body.len;
    }
done:
    return rc;
}

/* ------------------------------------------------------------ responding */

/* The level of a request's line: by outcome (5xx error, 503 warning,
 * else info), debug for the probes the handler marked quiet. */
static rt_log_level http_request_level(const rt_request *request, int status)
{
    if (request->quiet)
        return RT_LOG_DEBUG;
    if (status == 503)
        return RT_LOG_WARN;
    return status >= 500 ? RT_LOG_ERROR : RT_LOG_INFO;
}

/* Counts the answered request (metrics) and logs its line. */
static void http_log_request(const http_exchange *exchange, int status, size_t bytes)
{
    const rt_request *request = &exchange->request;
    double elapsed_ms = http_elapsed_ms(&exchange->started);
    rt_log_line line;

    rt_metrics_request_done(exchange->server->metrics, request->metrics_route, status,
                            elapsed_ms / 1000.0);
    rt_log_begin(&line, http_request_level(request, status), "request");
    rt_log_str(&line, "method", request->method);
    rt_log_str(&line, "path", request->path);
    rt_log_int(&line, "status", status);
    rt_log_double(&line, "duration_ms", elapsed_ms);
    rt_log_str(&line, "user", request->user_id[0] != '\0' ? request->user_id : NULL);
    rt_log_str(&line, "request_id", request->request_id);
    rt_log_str(&line, "client_ip", request->client_ip);
    rt_log_int(&line, "bytes", (int64_t)bytes);
    rt_log_end(&line);
}

static void http_log_failure(const http_exchange *exchange, const char *what)
{
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_ERROR, "http_failure");
    rt_log_str(&line, "what", what);
    rt_log_str(&line, "request_id", exchange->request.request_id);
    rt_log_end(&line);
}

/* Runs the handler and records what the answer is (on whichever thread
 * the request runs). */
static void http_call_handler(http_exchange *exchange)
{
    rt_response *reply = &exchange->response;

    exchange->server->handler(exchange->server->context, &exchange->request, reply);
    if (reply->status < 100 || reply->status > 599)
        http_log_failure(exchange, "handler set no valid status");
    else if (reply->body.failed)
        http_log_failure(exchange, "out of memory writing the response");
    else
        exchange->answer = HTTP_ANSWER_REPLY;
}

/* A lane thread's task: handle the suspended request, then give the
 * connection back to MHD (after which the exchange is not ours). */
static void http_run_on_lane(void *argument)
{
    http_exchange *exchange = argument;
    struct MHD_Connection *connection = exchange->connection;

    rt_metrics_lane_waiting(exchange->server->metrics, exchange->lane, -1);
    http_call_handler(exchange);
    atomic_store(&exchange->stage, HTTP_HANDLED);
    MHD_resume_connection(connection);
}

/* Queues the answer the exchange holds, with X-Request-ID and
 * Content-Type, and logs the request. */
static enum MHD_Result http_queue_answer(http_exchange *exchange, struct MHD_Connection *connection)
{
    enum MHD_Result result = MHD_NO;
    struct MHD_Response *response = NULL;
    rt_response *reply = &exchange->response;
    bool use_reply = exchange->answer == HTTP_ANSWER_REPLY;
    const rt_buf *fixed = &exchange->server->internal_error_body;
    const char *body = fixed->data;
    size_t body_len = fixed->len;
    int status = 500;

    if (use_reply) {
        status = reply->status;
        body = rt_buf_cstr(&reply->body);
        body_len = reply->body.len;
    } else if (exchange->answer == HTTP_ANSWER_BUSY) {
        status = 503;
        body = exchange->server->busy_body.data;
        body_len = exchange->server->busy_body.len;
    }
    response = MHD_create_response_from_buffer(body_len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (response == NULL) {
        http_log_failure(exchange, "cannot create the response");
        goto done;
    }
    const char *content_type = "application/json";
    if (use_reply && reply->content_type != NULL)
        content_type = reply->content_type;
    bool headers_ok =
        MHD_add_response_header(response, "X-Request-ID", exchange->request.request_id) ==
            MHD_YES &&
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) == MHD_YES;
    if (exchange->answer == HTTP_ANSWER_BUSY &&
        MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, "1") != MHD_YES)
        headers_ok = false;
    for (int i = 0; use_reply && i < reply->header_count; i++) {
        if (MHD_add_response_header(response, reply->header_names[i], reply->header_values[i]) !=
            MHD_YES)
            headers_ok = false;
    }
    if (!headers_ok)
        http_log_failure(exchange, "a response header was rejected");
    result = MHD_queue_response(connection, (unsigned int)status, response);
    http_log_request(exchange, status, body_len);
done:
    if (response != NULL)
        MHD_destroy_response(response);
    return result;
}

/* Hands the request to a lane: suspends the connection first, so the lane
 * may resume it at any moment after the task is queued. A lane that
 * refuses (queue full, stopping) makes the answer a 503 at once. */
static void http_send_to_lane(http_exchange *exchange, struct MHD_Connection *connection, int lane)
{
    rt_http_server *server = exchange->server;

    exchange->connection = connection;
    exchange->lane = lane;
    atomic_store(&exchange->stage, HTTP_ON_LANE);
    MHD_suspend_connection(connection);
    /* Counted before the submit: the task may start (and uncount) at once. */
    rt_metrics_lane_waiting(server->metrics, lane, 1);
    if (rt_executor_submit(server->lanes[lane], http_run_on_lane, exchange) != 0) {
        rt_metrics_lane_waiting(server->metrics, lane, -1);
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_WARN, "request_refused_busy");
        rt_log_int(&line, "lane", lane);
        rt_log_str(&line, "request_id", exchange->request.request_id);
        rt_log_end(&line);
        exchange->answer = HTTP_ANSWER_BUSY;
        atomic_store(&exchange->stage, HTTP_HANDLED);
        MHD_resume_connection(connection);
    }
}

/* The last call of a request: answer it inline, or send it to its lane
 * and answer when the lane is done. */
static enum MHD_Result http_finish(http_exchange *exchange, struct MHD_Connection *connection,
                                   const char *url, const char *method)
{
    rt_http_server *server = exchange->server;
    int stage = atomic_load(&exchange->stage);

    if (stage == HTTP_HANDLED)
        return http_queue_answer(exchange, connection);
    if (stage == HTTP_ON_LANE)
        return MHD_YES; /* not ours until resumed */
    if (http_request_fill(exchange, connection, url, method) != 0) {
        http_log_failure(exchange, "out of memory building the request");
        return http_queue_answer(exchange, connection);
    }
    int lane = server->classify != NULL ? server->classify(server->context, &exchange->request)
                                        : RT_HTTP_INLINE;
    if (lane == RT_HTTP_INLINE || lane < 0 || lane >= server->lane_count) {
        http_call_handler(exchange);
        return http_queue_answer(exchange, connection);
    }
    http_send_to_lane(exchange, connection, lane);
    return MHD_YES;
}

/* ------------------------------------------------- the first call's checks */

/* Answers status at once, in the error shape, with X-Request-ID, and logs
 * the request. Queued on the first call, so MHD reads no body and closes
 * the connection after sending it (what an error should do). */
static enum MHD_Result http_answer_error(struct MHD_Connection *connection, http_exchange *exchange,
                                         int status, const char *code, const char *message)
{
    enum MHD_Result result = MHD_NO;
    struct MHD_Response *response = NULL;
    rt_buf body;

    rt_buf_init(&body);
    rt_respond_error_body(&body, status, code, message, NULL);
    if (body.failed) {
        http_log_failure(exchange, "out of memory writing an error");
        goto done;
    }
    response = MHD_create_response_from_buffer(body.len, (void *)rt_buf_cstr(&body),
                                               MHD_RESPMEM_MUST_COPY);
    if (response == NULL) {
        http_log_failure(exchange, "cannot create the response");
        goto done;
    }
    if (MHD_add_response_header(response, "X-Request-ID", exchange->request.request_id) !=
            MHD_YES ||
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json") !=
            MHD_YES ||
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close") != MHD_YES)
        http_log_failure(exchange, "a response header was rejected");
    result = MHD_queue_response(connection, (unsigned int)status, response);
    http_log_request(exchange, status, body.len);
done:
    if (response != NULL)
        MHD_destroy_response(response);
    rt_buf_free(&body);
    return result;
}

typedef struct http_header_census {
    int authorization_count;
    int idempotency_key_count; /* two keys: which one would the client mean? */
    bool has_nul;              /* a NUL inside a name or value, as far as MHD shows it */
} http_header_census;

static enum MHD_Result http_count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                         size_t key_size, const char *value, size_t value_size)
{
    http_header_census *census = cls;
    (void)kind;
    if (key_size == strlen(MHD_HTTP_HEADER_AUTHORIZATION) &&
        strncasecmp(key, MHD_HTTP_HEADER_AUTHORIZATION, key_size) == 0)
        census->authorization_count++;
    if (key_size == strlen(RT_IDEMPOTENCY_HEADER) &&
        strncasecmp(key, RT_IDEMPOTENCY_HEADER, key_size) == 0)
        census->idempotency_key_count++;
    if (memchr(key, '\0', key_size) != NULL ||
        (value != NULL && memchr(value, '\0', value_size) != NULL))
        census->has_nul = true;
    return MHD_YES;
}

/* True if the request says Expect: 100-continue. */
static bool http_expects_continue(struct MHD_Connection *connection)
{
    const char *expect =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
    return expect != NULL && strcasecmp(expect, "100-continue") == 0;
}

/* What is wrong with the request line and headers, decided before any body
 * is read: *status stays 0 when nothing is. */
static void http_check_head(const http_exchange *exchange, struct MHD_Connection *connection,
                            int *status, const char **code, const char **message)
{
    http_header_census census = {0, 0, false};
    const char *encoding =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);

    *status = 0;
    MHD_get_connection_values_n(connection, MHD_HEADER_KIND, http_count_header, &census);
    if (exchange->uri_has_control) {
        *status = 400;
        *code = "bad_request";
        *message = "The path or query string holds a control character.";
    } else if (census.authorization_count > 1) {
        *status = 400;
        *code = "bad_request";
        *message = "More than one Authorization header.";
    } else if (census.idempotency_key_count > 1) {
        *status = 400;
        *code = "bad_request";
        *message = "More than one Idempotency-Key header.";
    } else if (census.has_nul) {
        *status = 400;
        *code = "bad_request";
        *message = "A header holds a NUL character.";
    } else if (encoding != NULL && strcasecmp(encoding, "chunked") != 0) {
        /* MHD would read such a body until the client closes. */
        *status = 501;
        *code = "not_implemented";
        *message = "Only the chunked Transfer-Encoding is supported.";
    } else if (exchange->body_too_large && http_expects_continue(connection)) {
        /* Before MHD sends 100 Continue and reads the body. */
        *status = 413;
        *code = "payload_too_large";
        *message = "Request body is too large.";
    }
}

/* The first call (headers received): the exchange (made by the URI log
 * callback, or here when that one ran out of memory), the request id, and
 * the checks of http_check_head. Never responds to a sane request (see the
 * file comment); answers a bad one at once. */
static enum MHD_Result http_first_call(rt_http_server *server, struct MHD_Connection *connection,
                                       const char *url, const char *method,
                                       http_exchange **exchange_in_out)
{
    http_exchange *exchange = *exchange_in_out;
    int status = 0;
    const char *code = NULL, *message = NULL;

    if (exchange == NULL && http_exchange_create(server, NULL, &exchange) != 0)
        return MHD_NO; /* out of memory: MHD closes the connection */
    *exchange_in_out = exchange;
    exchange->headers_seen = true;
    clock_gettime(CLOCK_MONOTONIC, &exchange->started);
    const char *client_id =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Request-ID");
    if (http_request_id_is_sane(client_id))
        snprintf(exchange->request.request_id, sizeof exchange->request.request_id, "%s",
                 client_id);
    exchange->body_too_large = http_declared_too_large(connection, server->max_body_bytes);

    http_check_head(exchange, connection, &status, &code, &message);
    if (status == 0)
        return MHD_YES;
    /* For the log line: the path as MHD decoded it (cut at a NUL). */
    exchange->request.method = rt_arena_strdup(exchange->request.arena, method);
    exchange->request.path = rt_arena_strdup(exchange->request.arena, url);
    http_client_ip(connection, exchange->request.client_ip, sizeof exchange->request.client_ip);
    return http_answer_error(connection, exchange, status, code, message);
}

/* MHD_OPTION_URI_LOG_CALLBACK: called with the raw URI (before MHD
 * unescapes it in place); what it returns becomes *con_cls. */
static void *http_uri_logged(void *cls, const char *uri, struct MHD_Connection *connection)
{
    http_exchange *exchange = NULL;
    (void)connection;
    if (http_exchange_create(cls, uri, &exchange) != 0)
        return NULL; /* http_first_call tries again */
    return exchange;
}

static enum MHD_Result http_access(void *cls, struct MHD_Connection *connection, const char *url,
                                   const char *method, const char *version, const char *upload_data,
                                   size_t *upload_data_size, void **con_cls)
{
    rt_http_server *server = cls;
    http_exchange *exchange = *con_cls;
    enum MHD_Result result = MHD_YES;
    (void)version;

    if (exchange == NULL || !exchange->headers_seen) {
        /* First call: headers only. Never respond to a sane request here
         * (see file comment); a bad one is answered at once. */
        result = http_first_call(server, connection, url, method, &exchange);
        *con_cls = exchange;
        goto done;
    }
    if (*upload_data_size > 0) {
        http_exchange_collect(exchange, upload_data, *upload_data_size);
        *upload_data_size = 0;
        goto done;
    }
    result = http_finish(exchange, connection, url, method);
done:
    return result;
}

static void http_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                           enum MHD_RequestTerminationCode termination)
{
    rt_http_server *server = cls;
    http_exchange *exchange = *con_cls;
    (void)connection;
    if (exchange == NULL)
        return;
    if (termination != MHD_REQUEST_TERMINATED_COMPLETED_OK && rt_log_enabled(RT_LOG_DEBUG)) {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_DEBUG, "request_terminated");
        rt_log_str(&line, "request_id", exchange->request.request_id);
        rt_log_int(&line, "reason", (int64_t)termination);
        rt_log_end(&line);
    }
    http_exchange_destroy(exchange);
    *con_cls = NULL;
    rt_metrics_request_finished(server->metrics);
    atomic_fetch_sub(&server->in_flight, 1);
}

/* MHD's own messages, as info lines: nearly all are about clients (closed
 * connections, malformed requests); failures to start are logged as errors
 * by rt_http_start. */
__attribute__((format(printf, 2, 0))) static void http_log_mhd(void *cls, const char *format,
                                                               va_list args)
{
    char message[512];
    (void)cls;
    vsnprintf(message, sizeof message, format, args);
    size_t len = strlen(message);
    while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == '\r'))
        message[--len] = '\0';
    rt_log_message(RT_LOG_INFO, "http_server", message);
}

/* --------------------------------------------------------- start / stop */

/* Resolves host:port into address. *flags gets the MHD IPv6 flags. */
static int http_resolve(const char *host, int port, struct sockaddr_storage *address,
                        unsigned int *flags)
{
    int rc = 0;
    struct addrinfo *found = NULL;
    char name[256];
    size_t len = strlen(host);

    memset(address, 0, sizeof *address);
    *flags = 0;
    /* "[::1]" -> "::1" */
    if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
        host++;
        len -= 2;
    }
    if (len == 0 || len >= sizeof name) {
        rc = RT_EINVAL;
        goto done;
    }
    memcpy(name, host, len);
    name[len] = '\0';

    struct sockaddr_in *ipv4 = (struct sockaddr_in *)address;
    struct sockaddr_in6 *ipv6 = (struct sockaddr_in6 *)address;
    if (inet_pton(AF_INET, name, &ipv4->sin_addr) == 1) {
        ipv4->sin_family = AF_INET;
        ipv4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, name, &ipv6->sin6_addr) == 1) {
        ipv6->sin6_family = AF_INET6;
        ipv6->sin6_port = htons((uint16_t)port);
    } else {
        struct addrinfo hints;
        memset(&hints, 0, sizeof hints);
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        if (getaddrinfo(name, NULL, &hints, &found) != 0 || found == NULL ||
            found->ai_addrlen > sizeof *address) {
            rc = RT_EINVAL;
            goto done;
        }
        memcpy(address, found->ai_addr, found->ai_addrlen);
        if (address->ss_family == AF_INET)
            ipv4->sin_port = htons((uint16_t)port);
        else
            ipv6->sin6_port = htons((uint16_t)port);
    }
    if (address->ss_family == AF_INET6) {
        /* "::" serves IPv4 too (dual stack); other IPv6 addresses only IPv6. */
        *flags = IN6_IS_ADDR_UNSPECIFIED(&ipv6->sin6_addr) ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
    }
done:
    if (found != NULL)
        freeaddrinfo(found);
    return rc;
}

/* Starts one executor per lane the options name. */
static int http_lanes_start(rt_http_server *server, const rt_http_options *options)
{
    assert(options->lane_count >= 0 && options->lane_count <= RT_HTTP_MAX_LANES);
    server->classify = options->classify;
    for (int i = 0; i < options->lane_count; i++) {
        const rt_http_lane *lane = &options->lanes[i];
        int queue_limit = options->queue_limit > 0 ? options->queue_limit : 1;
        int rc = rt_executor_start(lane->name, lane->threads, queue_limit, &server->lanes[i]);
        if (rc != 0)
            return rc;
        server->lane_count = i + 1;
    }
    return 0;
}

/* Runs what the lanes still hold (each resumes its connection) and joins
 * their threads; later requests for a lane get the busy 503. */
static void http_lanes_stop(rt_http_server *server)
{
    for (int i = 0; i < server->lane_count; i++)
        rt_executor_stop(server->lanes[i]);
}

/* Frees the lanes: only once no MHD thread can submit to them. */
static void http_lanes_free(rt_http_server *server)
{
    for (int i = 0; i < server->lane_count; i++) {
        rt_executor_free(server->lanes[i]);
        server->lanes[i] = NULL;
    }
    server->lane_count = 0;
}

/* Raises the soft RLIMIT_NOFILE towards what max_connections needs (at
 * most to the hard limit) and returns how many connections fit: wanted,
 * or fewer (logged as a warning) when the hard limit is too low. */
static int http_fit_file_limit(int wanted, int reserved)
{
    struct rlimit limit;
    rlim_t needed = (rlim_t)wanted + (rlim_t)reserved;

    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return wanted;
    if (limit.rlim_cur < needed && limit.rlim_cur != RLIM_INFINITY) {
        rlim_t target = needed;
        if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < target)
            target = limit.rlim_max;
        struct rlimit raised = {target, limit.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit.rlim_cur = target;
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed)
        return wanted;
    int fitting =
        limit.rlim_cur > (rlim_t)reserved + 1 ? (int)(limit.rlim_cur - (rlim_t)reserved) : 1;
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_WARN, "http_connection_limit_lowered");
    rt_log_int(&line, "wanted", wanted);
    rt_log_int(&line, "max_connections", fitting);
    rt_log_int(&line, "open_files_limit", (int64_t)limit.rlim_cur);
    rt_log_str(&line, "message",
               "RLIMIT_NOFILE (hard) is too low for HTTP_MAX_CONNECTIONS: serving fewer");
    rt_log_end(&line);
    return fitting;
}

/* Frees what a server owns (its daemon stopped, or never started). */
static void http_server_free(rt_http_server *server)
{
    if (server == NULL)
        return;
    http_lanes_free(server);
    rt_buf_free(&server->internal_error_body);
    rt_buf_free(&server->busy_body);
    free(server);
}

int rt_http_start(const rt_http_options *options, rt_http_server **out)
{
    int rc = 0;
    rt_http_server *server = NULL;
    struct sockaddr_storage address;
    unsigned int address_flags = 0;

    assert(options != NULL && options->handler != NULL && options->host != NULL);
    assert(options->port > 0 && options->port <= 65535 && options->threads >= 1);
    assert(options->max_body_bytes >= 0);
    assert(options->max_connections >= 0 && options->max_connections_per_ip >= 0);
    assert(options->idle_timeout_seconds >= 0 && options->reserved_files >= 0);
    *out = NULL;

    rc = http_resolve(options->host, options->port, &address, &address_flags);
    if (rc != 0) {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_ERROR, "http_listen_failed");
        rt_log_str(&line, "host", options->host);
        rt_log_str(&line, "message", "cannot resolve the listen address");
        rt_log_end(&line);
        rc = RT_EIO;
        goto done;
    }
    server = calloc(1, sizeof *server);
    if (server == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    server->handler = options->handler;
    server->context = options->context;
    server->max_body_bytes = options->max_body_bytes;
    server->trusted_proxies = options->trusted_proxies;
    server->metrics = options->metrics;
    atomic_init(&server->in_flight, 0);
    rt_respond_error_body(&server->internal_error_body, 500, NULL, "Internal server error.", NULL);
    rt_respond_error_body(&server->busy_body, 503, NULL, "The server is busy; try again shortly.",
                          NULL);
    rc = rt_buf_check(&server->internal_error_body);
    if (rc == 0)
        rc = rt_buf_check(&server->busy_body);
    if (rc != 0)
        goto done;
    rc = http_lanes_start(server, options);
    if (rc != 0)
        goto done;

    int max_connections = http_fit_file_limit(
        options->max_connections > 0 ? options->max_connections : HTTP_DEFAULT_MAX_CONNECTIONS,
        options->reserved_files);
    unsigned int per_ip = options->max_connections_per_ip > 0
                              ? (unsigned int)options->max_connections_per_ip
                              : HTTP_DEFAULT_MAX_CONNECTIONS_PER_IP;
    unsigned int idle_timeout = options->idle_timeout_seconds > 0
                                    ? (unsigned int)options->idle_timeout_seconds
                                    : HTTP_DEFAULT_IDLE_TIMEOUT_SECONDS;
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                         MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG | address_flags;
    server->daemon = MHD_start_daemon(
        flags, (uint16_t)options->port, NULL, NULL, http_access, server, MHD_OPTION_EXTERNAL_LOGGER,
        http_log_mhd, (void *)NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
        MHD_OPTION_NOTIFY_COMPLETED, http_completed, server, MHD_OPTION_URI_LOG_CALLBACK,
        http_uri_logged, server, MHD_OPTION_CONNECTION_TIMEOUT, idle_timeout,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)HTTP_CONNECTION_MEMORY_BYTES, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)options->threads, MHD_OPTION_END);
    if (server->daemon == NULL) {
        /* MHD leaves bind(2)'s errno in place when the port is taken. */
        rc = errno == EADDRINUSE ? RT_EBUSY : RT_EIO;
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_ERROR, "http_listen_failed");
        rt_log_str(&line, "host", options->host);
        rt_log_int(&line, "port", options->port);
        rt_log_str(&line, "message",
                   rc == RT_EBUSY ? "address in use" : "cannot listen (address not available?)");
        rt_log_end(&line);
        goto done;
    }
    *out = server;
    server = NULL;
done:
    http_server_free(server);
    return rc;
}

void rt_http_stop(rt_http_server *server)
{
    if (server == NULL)
        return;
    /* Let requests in flight finish (bounded), then stop. Not
     * MHD_quiesce_daemon: with the epoll thread pool of 0.9.75 it races the
     * worker threads and aborts ("Failed to remove listen FD from epoll
     * set") about one stop in five. */
    for (int waited = 0;
         atomic_load(&server->in_flight) > 0 && waited < HTTP_STOP_GRACE_MILLISECONDS;
         waited += 10) {
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    http_lanes_stop(server);
    MHD_stop_daemon(server->daemon);
    http_server_free(server);
}
