/*
 * rt_http.h - the HTTP server (libmicrohttpd) and the request/response
 * records the rest of the runtime sees.
 *
 * The server runs MHD with an internal thread pool (epoll). For each
 * request it collects the body (capped at max_body_bytes: 413 beyond, the
 * rest is discarded), then asks the classifier where the request runs:
 * inline, on the server's own thread (work that never blocks: health,
 * schema, 404s), or on one of its lanes (rt_executor threads) while the
 * connection is suspended, so a request waiting on PostgreSQL, Redis or a
 * password hash holds no server thread. A full lane queue is a 503. Either
 * way the handler is called once with a complete rt_request and an empty
 * rt_response, and the server sends what the handler filled in. It adds X-Request-ID (the client's,
 * if sane: 1..64 of [A-Za-z0-9._-], else a generated one) and Content-Type: application/json unless
 * the handler set another, and logs one "request" line per request (error for a 5xx, warning for a
 * 503, else info; debug when the handler marks the request quiet) and counts it in the metrics
 * registry it is given.
 *
 * Ownership: rt_request and everything in it (including the arena) belong
 * to the server and are freed after the response is sent.
 */
#ifndef RT_HTTP_H
#define RT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_proxy.h"
#include "rt_validate.h"

#define RT_HTTP_MAX_HEADERS 16
#define RT_HTTP_MAX_QUERY_ARGS 32

typedef struct rt_request {
    const char *method;
    const char *path; /* decoded path, without the query string */
    const char *query_keys[RT_HTTP_MAX_QUERY_ARGS];
    const char *query_values[RT_HTTP_MAX_QUERY_ARGS];
    int query_count;
    bool query_overflow; /* more than RT_HTTP_MAX_QUERY_ARGS args */
    const char *body;    /* NULL when none */
    size_t body_len;
    bool body_too_large;             /* over max_body_bytes: answer 413 */
    const char *content_type;        /* header or NULL */
    const char *authorization;       /* header or NULL */
    const char *host;                /* Host header or NULL */
    const char *origin;              /* Origin header or NULL (CORS) */
    const char *cors_request_method; /* Access-Control-Request-Method or NULL */
    const char *if_match;            /* If-Match or NULL (conditional writes) */
    const char *if_none_match;       /* If-None-Match or NULL (conditional reads) */
    const char *idempotency_key;     /* Idempotency-Key or NULL (rt_idempotency) */
    /* X-Forwarded-Proto and X-Forwarded-Host: set only when the peer is a
     * trusted proxy (rt_http_options.trusted_proxies), else NULL. */
    const char *forwarded_proto;
    const char *forwarded_host;
    char request_id[72];
    /* the client's address: the peer's, or behind a trusted proxy the one
     * X-Forwarded-For names (rt_proxy_client_ip) */
    char client_ip[64];
    rt_arena *arena; /* per-request memory */
    /* set by handlers, for the request log line */
    char user_id[64];
    /* set by the classifier for the handler (e.g. the matched route) */
    void *handler_data;
    /* set by the classifier or handler: the route's index in the
     * metrics layout (-1: "other"), and whether the request's log line
     * is debug (health probes, scrapes) */
    int metrics_route;
    bool quiet;
} rt_request;

typedef struct rt_response {
    int status; /* starts at 0; left outside 100..599 -> 500 */
    rt_buf body;
    const char *content_type; /* NULL: application/json */
    const char *header_names[RT_HTTP_MAX_HEADERS];
    const char *header_values[RT_HTTP_MAX_HEADERS]; /* arena or static */
    int header_count;
} rt_response;

/* Adds a response header (name and value must outlive the request). Beyond
 * RT_HTTP_MAX_HEADERS the header is dropped and an error is logged. */
void rt_response_header(rt_response *resp, const char *name, const char *value);

/* Replaces resp's status and body with the error shape (rt_respond.h);
 * code NULL means rt_error_default_code(status); fields may be NULL. A
 * body that runs out of memory is reported by rt_buf_check(&resp->body). */
void rt_response_error(rt_response *resp, int status, const char *code, const char *message,
                       const rt_field_errors *fields);

typedef void (*rt_http_handler)(void *context, rt_request *req, rt_response *resp);

/* Where a request runs: RT_HTTP_INLINE (the server's own thread; the
 * handler must not block) or the index of a lane in rt_http_options. */
#define RT_HTTP_INLINE (-1)
#define RT_HTTP_MAX_LANES 4
typedef int (*rt_http_classifier)(void *context, rt_request *req);

typedef struct rt_http_lane {
    const char *name; /* for logs: "requests", "passwords" */
    int threads;      /* >= 1 */
} rt_http_lane;

typedef struct rt_http_server rt_http_server;

typedef struct rt_http_options {
    const char *host;
    int port;
    int threads; /* the server's own (I/O) threads */
    int64_t max_body_bytes;
    /* 0 in the next three: the defaults (10000, 256, 10). */
    int max_connections;        /* open at once; lowered to fit RLIMIT_NOFILE */
    int max_connections_per_ip; /* open at once from one client address */
    int idle_timeout_seconds;   /* a connection silent this long is closed */
    int reserved_files;         /* descriptors kept free for everything else */
    /* peers whose X-Forwarded-* headers are believed (NULL: none) */
    const rt_proxy_list *trusted_proxies;
    rt_http_handler handler;
    void *context;
    /* NULL: every request runs inline */
    rt_http_classifier classify;
    rt_http_lane lanes[RT_HTTP_MAX_LANES];
    int lane_count;
    int queue_limit; /* requests waiting per lane before 503s (>= 1) */
    /* NULL: not counted. Requests are counted by rt_request.metrics_route
     * and lanes by their index in lanes[]. */
    struct rt_metrics *metrics;
} rt_http_options;

/* Starts listening; returns 0, RT_EBUSY (the port is in use), RT_EIO
 * (cannot resolve or bind otherwise) or RT_ENOMEM. Raises
 * the soft RLIMIT_NOFILE (up to the hard one) to max_connections +
 * reserved_files; when the hard limit is lower, serves fewer connections
 * and logs http_connection_limit_lowered. */
int rt_http_start(const rt_http_options *options, rt_http_server **out);
/* Stops accepting, finishes requests in flight (those queued on lanes
 * too), frees the server. */
void rt_http_stop(rt_http_server *server);

#endif /* RT_HTTP_H */
