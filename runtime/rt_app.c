/*
 * rt_app.c - request dispatch for a serving process, and the error shape.
 *
 * Order of dispatch: the runtime's own routes (/healthz, /readyz,
 * /api/schema/), then the generated route table (rt_router), then the
 * endpoint interpreter (rt_endpoint). Unknown paths are 404 and known
 * paths with another method 405 with Allow, both in the error shape.
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
    route->rc =
        rt_router_match(api_routes, api_route_count, req->method, req->path, req->arena, &route->match);
    req->handler_data = route;
    return route;
}

int rt_app_lane(void *context, rt_request *req)
{
    (void)context;
    if (path_is(req->path, "/healthz") || path_is(req->path, "/api/schema"))
        return RT_HTTP_INLINE;
    if (path_is(req->path, "/readyz"))
        return RT_APP_LANE_REQUESTS;
    app_route *route = match_route(req);
    if (route == NULL || route->rc != 0)
        return RT_HTTP_INLINE; /* 404, 405, or a 500 for want of memory */
    return rt_endpoint_hashes_passwords(route->match.endpoint) ? RT_APP_LANE_PASSWORDS
                                                              : RT_APP_LANE_REQUESTS;
}

static bool handle_runtime_route(const rt_app *app, rt_request *req, rt_response *resp)
{
    bool is_get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;

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

void rt_app_handle(void *context, rt_request *req, rt_response *resp)
{
    const rt_app *app = context;

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
