/*
 * rt_app.c - request dispatch for a serving process.
 *
 * Order of dispatch: a CORS preflight from an allowed origin (answered
 * 204, rt_cors), the runtime's own routes (/healthz, /readyz, /metrics,
 * /api/schema/, the static sites from memory (rt_static): Swagger UI at
 * /api/docs/ and the staff console at /console/),
 * then the generated route table (rt_router), then the endpoint
 * interpreter (rt_endpoint). Unknown paths are 404 and known paths with
 * another method 405 with Allow, both in the error shape. Whatever the
 * answer, a 401 gets `WWW-Authenticate: Bearer` (RFC 6750) and an allowed
 * Origin its CORS headers.
 *
 * rt_app_lane runs first, on the HTTP server's own thread: it matches the
 * route once (kept in the request for rt_app_handle) and says whether the
 * request may block, and on which lane it should run. It also names the
 * request's route for the metrics registry (the generated routes by their
 * index, then app_runtime_routes) and marks probes and scrapes quiet
 * (their request lines are debug).
 */
#include "rt_app.h"

#include <stdlib.h>
#include <string.h>

#include "rt_api.h"
#include "rt_endpoint.h"
#include "rt_error.h"
#include "rt_metrics.h"
#include "rt_router.h"
#include "rt_validate.h"

/* The runtime's own routes, counted after the generated ones. */
enum { APP_HEALTHZ = 0, APP_READYZ, APP_SCHEMA, APP_METRICS, APP_RUNTIME_ROUTE_COUNT };
static const rt_metrics_route app_runtime_routes[APP_RUNTIME_ROUTE_COUNT] = {
    [APP_HEALTHZ] = {"GET", "/healthz"},
    [APP_READYZ] = {"GET", "/readyz"},
    [APP_SCHEMA] = {"GET", "/api/schema/"},
    [APP_METRICS] = {"GET", "/metrics"},
};
static const char *const app_lane_names[RT_APP_LANE_COUNT] = {
    [RT_APP_LANE_REQUESTS] = "requests", [RT_APP_LANE_PASSWORDS] = "passwords"};

const char *rt_app_lane_name(int lane)
{
    return lane >= 0 && lane < RT_APP_LANE_COUNT ? app_lane_names[lane] : "";
}

int rt_app_metrics_create(rt_metrics **out)
{
    int rc = RT_ENOMEM;
    int route_count = api_route_count + APP_RUNTIME_ROUTE_COUNT;
    rt_metrics_route *routes = calloc((size_t)route_count, sizeof *routes);
    const char **kinds = calloc((size_t)api_job_count + 1, sizeof *kinds);

    *out = NULL;
    if (routes == NULL || kinds == NULL)
        goto done;
    for (int i = 0; i < api_route_count; i++)
        routes[i] = (rt_metrics_route){api_routes[i].method, api_routes[i].pattern};
    for (int i = 0; i < APP_RUNTIME_ROUTE_COUNT; i++)
        routes[api_route_count + i] = app_runtime_routes[i];
    for (int i = 0; i < api_job_count; i++)
        kinds[i] = api_jobs[i]->kind;
    rt_metrics_layout layout = {
        .routes = routes,
        .route_count = route_count,
        .job_kinds = kinds,
        .job_kind_count = api_job_count,
        .lanes = app_lane_names,
        .lane_count = RT_APP_LANE_COUNT,
    };
    rc = rt_metrics_create(&layout, out);
done:
    free(routes);
    free(kinds);
    return rc;
}

static bool path_is(const char *path, const char *base)
{
    size_t n = strlen(base);
    return strncmp(path, base, n) == 0 &&
           (path[n] == '\0' || (path[n] == '/' && path[n + 1] == '\0'));
}

/* A route match, as rt_app_lane leaves it for rt_app_handle. */
typedef struct app_route {
    int rc; /* rt_router_match's */
    rt_route_match match;
} app_route;

static app_route *match_route(rt_request *req)
{
    app_route *route = req->handler_data;
    if (route != NULL)
        return route;
    route = rt_arena_alloc(req->arena, sizeof *route);
    if (route == NULL)
        return NULL;
    route->rc = rt_router_match(api_routes, api_route_count, req->method, req->path, req->arena,
                                &route->match);
    req->handler_data = route;
    return route;
}

/* The static sites (rt_static): their URL prefix ("/api/docs" alone is
 * redirected to it, so the pages' relative links resolve under it), the
 * Content-Security-Policy of their answers (NULL: none) and what their 503
 * says when the files were not installed. */
typedef struct app_site {
    const char *prefix;
    const char *policy;
    const char *unavailable;
} app_site;

enum { APP_SITE_DOCS = 0, APP_SITE_CONSOLE, APP_SITE_COUNT };
static const app_site app_sites[APP_SITE_COUNT] = {
    [APP_SITE_DOCS] = {"/api/docs/", NULL,
                       "The API docs are not installed on this server: run `make deps` (npm ci "
                       "in web/) or set DOCS_DIR. The OpenAPI document is at /api/schema/."},
    /* The console's own scripts and styles only: no inline script or
     * style, no other origin (README, Console). */
    [APP_SITE_CONSOLE] = {"/console/",
                          "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                          "The console is not built on this server: run `make console` (it "
                          "needs node and `make deps`) or set CONSOLE_DIR."},
};

/* The static site whose prefix req->path is under (or is, without its
 * final slash), or -1. */
static int static_site_of(const char *path)
{
    for (int i = 0; i < APP_SITE_COUNT; i++) {
        size_t n = strlen(app_sites[i].prefix);
        if (strncmp(path, app_sites[i].prefix, n) == 0 ||
            (strncmp(path, app_sites[i].prefix, n - 1) == 0 && path[n - 1] == '\0'))
            return i;
    }
    return -1;
}

static const rt_static_site *static_site_files(const rt_app *app, int site)
{
    return site == APP_SITE_DOCS ? &app->docs : &app->console;
}

/* The index of the runtime route at req->path, or -1. */
static int runtime_route(const rt_request *req)
{
    static const char *const paths[APP_RUNTIME_ROUTE_COUNT] = {
        [APP_HEALTHZ] = "/healthz",
        [APP_READYZ] = "/readyz",
        [APP_SCHEMA] = "/api/schema",
        [APP_METRICS] = "/metrics",
    };
    for (int i = 0; i < APP_RUNTIME_ROUTE_COUNT; i++)
        if (path_is(req->path, paths[i]))
            return i;
    return -1;
}

int rt_app_lane(void *context, rt_request *req)
{
    const rt_app *app = context;
    int own = runtime_route(req);
    if (own >= 0) {
        req->metrics_route = api_route_count + own;
        req->quiet = own != APP_SCHEMA;
        return own == APP_READYZ ? RT_APP_LANE_REQUESTS : RT_HTTP_INLINE;
    }
    if (static_site_of(req->path) >= 0 || rt_cors_is_preflight(&app->cors, req))
        return RT_HTTP_INLINE;
    app_route *route = match_route(req);
    if (route == NULL || route->rc != 0)
        return RT_HTTP_INLINE; /* 404, 405, or a 500 for want of memory */
    req->metrics_route = route->match.index;
    return route->match.endpoint->hashes_passwords ? RT_APP_LANE_PASSWORDS : RT_APP_LANE_REQUESTS;
}

/* GET <prefix><file> of a static site, from memory, or 503 when it was
 * not installed (README, Operations). */
static void handle_static(const rt_app *app, int index, rt_request *req, rt_response *resp)
{
    const app_site *site = &app_sites[index];
    const rt_static_site *files = static_site_files(app, index);
    size_t n = strlen(site->prefix);

    if (strncmp(req->path, site->prefix, n) != 0) {
        resp->status = 301;
        rt_response_header(resp, "Location", site->prefix);
        rt_buf_puts(&resp->body, "{}");
        return;
    }
    if (!rt_static_available(files)) {
        rt_response_error(resp, 503, NULL, site->unavailable, NULL);
        return;
    }
    const rt_static_file *file = rt_static_find(files, req->path + n);
    if (file == NULL) {
        rt_response_error(resp, 404, NULL, "Not found.", NULL);
        return;
    }
    resp->status = 200;
    resp->content_type = file->content_type;
    rt_response_header(resp, "Cache-Control", file->cache_control);
    rt_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (site->policy != NULL)
        rt_response_header(resp, "Content-Security-Policy", site->policy);
    rt_buf_append(&resp->body, file->data, file->size);
}

/* /readyz: PostgreSQL and Redis, each "ok" or "unavailable". Ready (200)
 * while PostgreSQL answers; "degraded" when only Redis does not (the
 * limiter fails open, the API still works); 503 without PostgreSQL. */
static void answer_readyz(const rt_app *app, rt_response *resp)
{
    bool database = rt_db_ping(app->db) == 0;
    bool redis = app->limiter == NULL || rt_ratelimit_ping(app->limiter) == 0;

    resp->status = database ? 200 : 503;
    rt_buf_printf(&resp->body, "{\"status\":\"%s\",\"postgresql\":\"%s\",\"redis\":\"%s\"}",
                  !database ? "unavailable"
                  : redis   ? "ready"
                            : "degraded",
                  database ? "ok" : "unavailable", redis ? "ok" : "unavailable");
}

/* /metrics: the registry, with the pool's and the limiter's readings. */
static void answer_metrics(const rt_app *app, rt_response *resp)
{
    rt_metrics_gauges gauges = {-1, -1, -1, -1, -1};
    if (app->db != NULL) {
        rt_db_pool_stats_out pool;
        rt_db_pool_stats(app->db, &pool);
        gauges.db_pool_size = pool.size;
        gauges.db_pool_in_use = pool.in_use;
        gauges.db_pool_waiting = pool.waiting;
    }
    if (app->limiter != NULL) {
        rt_ratelimit_stats_out limiter;
        rt_ratelimit_stats(app->limiter, &limiter);
        gauges.ratelimit_rejections = limiter.rejections;
        gauges.ratelimit_degraded = limiter.degraded ? 1 : 0;
    }
    if (rt_metrics_render(app->metrics, &gauges, &resp->body) != 0) {
        rt_response_error(resp, 500, NULL, "Internal server error.", NULL);
        return;
    }
    resp->status = 200;
    resp->content_type = RT_METRICS_CONTENT_TYPE;
}

static bool handle_runtime_route(const rt_app *app, rt_request *req, rt_response *resp)
{
    bool is_get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;

    int site = static_site_of(req->path);
    if (site >= 0) {
        if (!is_get)
            goto not_allowed;
        handle_static(app, site, req, resp);
        return true;
    }
    if (path_is(req->path, "/healthz")) {
        if (!is_get)
            goto not_allowed;
        resp->status = 200;
        rt_buf_puts(&resp->body, "{\"status\":\"ok\"}");
        return true;
    }
    if (path_is(req->path, "/readyz")) {
        if (!is_get)
            goto not_allowed;
        answer_readyz(app, resp);
        return true;
    }
    if (path_is(req->path, "/metrics") && app->metrics != NULL) {
        if (!is_get)
            goto not_allowed;
        answer_metrics(app, resp);
        return true;
    }
    if (path_is(req->path, "/api/schema")) {
        if (!is_get)
            goto not_allowed;
        resp->status = 200;
        resp->content_type = "application/vnd.oai.openapi+json";
        rt_buf_append(&resp->body, api_openapi_json,
                      (size_t)(api_openapi_json_end - api_openapi_json));
        return true;
    }
    return false;

not_allowed:
    rt_response_header(resp, "Allow", "GET, HEAD");
    rt_response_error(resp, 405, NULL,
                      rt_arena_printf(req->arena, "Method \"%s\" not allowed.", req->method), NULL);
    return true;
}

/* The methods a path takes, for a preflight; NULL when the path is
 * unknown (then the preflight is answered like any request: 404). */
static const char *allowed_methods(rt_request *req)
{
    if (path_is(req->path, "/healthz") || path_is(req->path, "/readyz") ||
        path_is(req->path, "/api/schema") || static_site_of(req->path) >= 0)
        return "GET, HEAD";
    app_route *route = match_route(req);
    if (route == NULL)
        return NULL;
    return route->rc == 0 ? req->method : route->match.allow;
}

/* RFC 6750: a 401 names the scheme; a token that was sent and refused is
 * an invalid_token. */
static void add_authenticate(const rt_request *req, rt_response *resp)
{
    if (resp->status != 401)
        return;
    rt_response_header(resp, "WWW-Authenticate",
                       req->authorization != NULL ? "Bearer realm=\"api\", error=\"invalid_token\""
                                                  : "Bearer realm=\"api\"");
}

static void dispatch(const rt_app *app, rt_request *req, rt_response *resp)
{
    if (handle_runtime_route(app, req, resp))
        return;
    app_route *route = match_route(req);
    if (route == NULL) {
        rt_response_error(resp, 500, NULL, "Internal server error.", NULL);
        return;
    }
    const rt_route_match match = route->match;
    if (route->rc != 0) {
        if (match.allow) {
            rt_response_header(resp, "Allow", match.allow);
            rt_response_error(
                resp, 405, NULL,
                rt_arena_printf(req->arena, "Method \"%s\" not allowed.", req->method), NULL);
        } else {
            rt_response_error(resp, 404, NULL, "Not found.", NULL);
        }
        return;
    }
    const rt_endpoint_context endpoints = {
        .config = app->config, .db = app->db, .limiter = app->limiter, .metrics = app->metrics};
    rt_endpoint_handle(&endpoints, match.endpoint, match.params, req, resp);
}

void rt_app_handle(void *context, rt_request *req, rt_response *resp)
{
    const rt_app *app = context;

    if (rt_cors_is_preflight(&app->cors, req)) {
        const char *allow = allowed_methods(req);
        if (allow != NULL) {
            rt_cors_answer_preflight(req, allow, resp);
            return;
        }
    }
    dispatch(app, req, resp);
    add_authenticate(req, resp);
    rt_cors_decorate(&app->cors, req, resp);
}
