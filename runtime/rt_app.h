/*
 * rt_app.h - what a serving process shares between requests, and the
 * request dispatcher: CORS preflights, built-in routes (/healthz, /readyz,
 * /metrics, /api/schema/, /api/docs/, /console/), then the generated route table;
 * every answer then gets its CORS headers and, when 401, WWW-Authenticate.
 *
 * Ownership: an rt_app is built by orderd.c at start-up and outlives the
 * HTTP server; requests only read it.
 */
#ifndef RT_APP_H
#define RT_APP_H

#include "rt_config.h"
#include "rt_cors.h"
#include "rt_db.h"
#include "rt_http.h"
#include "rt_ratelimit.h"
#include "rt_static.h"

struct rt_metrics;

typedef struct rt_app {
    const rt_config *config;
    rt_db_pool *db;
    rt_ratelimit *limiter;
    rt_cors cors;               /* CORS_ALLOWED_ORIGINS */
    rt_static_site docs;        /* what /api/docs/ serves (DOCS_DIR) */
    rt_static_site console;     /* what /console/ serves (CONSOLE_DIR) */
    struct rt_metrics *metrics; /* the process's registry; NULL: no /metrics */
} rt_app;

/* The lanes of a serving process (rt_http_options.lanes, in this order):
 * requests that may wait on PostgreSQL or Redis, and requests that hash
 * passwords (login, register), so a login storm cannot hold the threads
 * that serve the rest of the API. */
enum { RT_APP_LANE_REQUESTS = 0, RT_APP_LANE_PASSWORDS = 1, RT_APP_LANE_COUNT = 2 };

/* A lane's name ("requests", "passwords"), for logs and metrics. */
const char *rt_app_lane_name(int lane);

/* Creates the process's metrics registry, laid out for the generated
 * routes, the runtime's own routes, the spec's jobs and the lanes.
 * Returns 0 or RT_ENOMEM. */
int rt_app_metrics_create(struct rt_metrics **out);

/* The rt_http_classifier of a serving process: /healthz, /metrics,
 * /api/schema/, /api/docs/, /console/, CORS preflights and unknown paths inline
 * (they never block), /readyz and endpoints on their lane. Keeps the route
 * match in req->handler_data for rt_app_handle. */
int rt_app_lane(void *context, rt_request *req);

/* The rt_http_handler of a serving process; context is the rt_app. */
void rt_app_handle(void *context, rt_request *req, rt_response *resp);

#endif /* RT_APP_H */
