/*
 * rt_app.c - request dispatch for a serving process, and the error shape.
 *
 * Order of dispatch: a CORS preflight from an allowed origin (answered
 * 204, rt_cors), the runtime's own routes (/healthz, /readyz,
 * /api/schema/, the Swagger UI files of /api/docs/ from memory, rt_docs),
 * then the generated route table (rt_router), then the endpoint
 * interpreter (rt_endpoint). Unknown paths are 404 and known paths with
 * another method 405 with Allow, both in the error shape. Whatever the
 * answer, a 401 gets `WWW-Authenticate: Bearer` (RFC 6750) and an allowed
 * Origin its CORS headers.
 *
 * rt_app_lane runs first, on the HTTP server's own thread: it matches the
 * route once (kept in the request for rt_app_handle) and says whether the
 * request may block, and on which lane it should run.
 */
#include "rt_app.h"

#include <string.h>

#include "rt_api.h"
#include "rt_endpoint.h"
#include "rt_error.h"
#include "rt_router.h"
#include "rt_validate.h"

void rt_app_error(rt_response *resp, int status, const char *code, const char *message,
                  const rt_field_errors *fields)
{
    rt_buf *b = &resp->body;

    resp->status = status;
    resp->content_type = NULL;
    rt_buf_reset(b);
    rt_buf_printf(b, "{\"error\":{\"status\":%d,\"code\":", status);
    rt_buf_json_string(b, code ? code : rt_error_default_code(status));
    rt_buf_puts(b, ",\"message\":");
    rt_buf_json_string(b, message);
    if (fields && fields->count > 0) {
        /* Group messages by field, keeping first-seen field order. */
        rt_buf_puts(b, ",\"fields\":{");
        for (int i = 0; i < fields->count; i++) {
            const char *name = fields->errors[i].field;
            bool seen = false;
            for (int j = 0; j < i && !seen; j++)
                seen = strcmp(fields->errors[j].field, name) == 0;
            if (seen)
                continue;
            if (i > 0)
                rt_buf_puts(b, ",");
            rt_buf_json_string(b, name);
            rt_buf_puts(b, ":[");
            bool first = true;
            for (int j = i; j < fields->count; j++) {
                if (strcmp(fields->errors[j].field, name) != 0)
                    continue;
                if (!first)
                    rt_buf_puts(b, ",");
                rt_buf_json_string(b, fields->errors[j].message);
                first = false;
            }
            rt_buf_puts(b, "]");
        }
        rt_buf_puts(b, "}");
    }
    rt_buf_puts(b, "}}");
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

/* The docs' URL prefix; "/api/docs" alone is redirected to it, so the
 * page's relative links resolve under it. */
#define APP_DOCS_PREFIX "/api/docs/"

static bool path_is_docs(const char *path)
{
    return strncmp(path, APP_DOCS_PREFIX, strlen(APP_DOCS_PREFIX)) == 0 ||
           strcmp(path, "/api/docs") == 0;
}

int rt_app_lane(void *context, rt_request *req)
{
    const rt_app *app = context;
    if (path_is(req->path, "/healthz") || path_is(req->path, "/api/schema") ||
        path_is_docs(req->path) || rt_cors_is_preflight(&app->cors, req))
        return RT_HTTP_INLINE;
    if (path_is(req->path, "/readyz"))
        return RT_APP_LANE_REQUESTS;
    app_route *route = match_route(req);
    if (route == NULL || route->rc != 0)
        return RT_HTTP_INLINE; /* 404, 405, or a 500 for want of memory */
    return rt_endpoint_hashes_passwords(route->match.endpoint) ? RT_APP_LANE_PASSWORDS
                                                               : RT_APP_LANE_REQUESTS;
}

/* GET /api/docs/<file>: Swagger UI from memory, or 503 when it was not
 * installed (README, Operations). */
static void handle_docs(const rt_app *app, rt_request *req, rt_response *resp)
{
    if (strcmp(req->path, "/api/docs") == 0) {
        resp->status = 301;
        rt_response_header(resp, "Location", APP_DOCS_PREFIX);
        rt_buf_puts(&resp->body, "{}");
        return;
    }
    if (!rt_docs_available(&app->docs)) {
        rt_app_error(resp, 503, NULL,
                     "The API docs are not installed on this server: run `make deps` (npm ci in "
                     "web/) or set DOCS_DIR. The OpenAPI document is at /api/schema/.",
                     NULL);
        return;
    }
    const rt_docs_file *file = rt_docs_find(&app->docs, req->path + strlen(APP_DOCS_PREFIX));
    if (file == NULL) {
        rt_app_error(resp, 404, NULL, "Not found.", NULL);
        return;
    }
    resp->status = 200;
    resp->content_type = file->content_type;
    rt_response_header(resp, "Cache-Control", "no-cache");
    rt_buf_append(&resp->body, file->data, file->size);
}

static bool handle_runtime_route(const rt_app *app, rt_request *req, rt_response *resp)
{
    bool is_get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;

    if (path_is_docs(req->path)) {
        if (!is_get)
            goto not_allowed;
        handle_docs(app, req, resp);
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
        if (rt_db_ping(app->db) != 0) {
            rt_app_error(resp, 503, NULL, "PostgreSQL is unreachable.", NULL);
            return true;
        }
        resp->status = 200;
        rt_buf_puts(&resp->body, "{\"status\":\"ready\"}");
        return true;
    }
    if (path_is(req->path, "/api/schema")) {
        if (!is_get)
            goto not_allowed;
        resp->status = 200;
        resp->content_type = "application/vnd.oai.openapi+json";
        rt_buf_append(&resp->body, api_openapi_json, api_openapi_json_len);
        return true;
    }
    return false;

not_allowed:
    rt_response_header(resp, "Allow", "GET, HEAD");
    rt_app_error(resp, 405, NULL,
                 rt_arena_printf(req->arena, "Method \"%s\" not allowed.", req->method), NULL);
    return true;
}

/* The methods a path takes, for a preflight; NULL when the path is
 * unknown (then the preflight is answered like any request: 404). */
static const char *allowed_methods(rt_request *req)
{
    if (path_is(req->path, "/healthz") || path_is(req->path, "/readyz") ||
        path_is(req->path, "/api/schema") || path_is_docs(req->path))
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
        rt_app_error(resp, 500, NULL, "Internal server error.", NULL);
        return;
    }
    const rt_route_match match = route->match;
    if (route->rc != 0) {
        if (match.allow) {
            rt_response_header(resp, "Allow", match.allow);
            rt_app_error(resp, 405, NULL,
                         rt_arena_printf(req->arena, "Method \"%s\" not allowed.", req->method),
                         NULL);
        } else {
            rt_app_error(resp, 404, NULL, "Not found.", NULL);
        }
        return;
    }
    rt_endpoint_handle(app, match.endpoint, match.params, req, resp);
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
