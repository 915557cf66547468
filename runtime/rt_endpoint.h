/*
 * rt_endpoint.h - the interpreter of generated endpoints.
 *
 * For one matched request it: authenticates (auth mode and roles), applies
 * the rate limit, validates path, query and body against the field tables,
 * runs the steps through rt_program (tx blocks are BEGIN/COMMIT steps),
 * maps database outcomes to HTTP answers, and renders the response members
 * (pages included). Every failure is answered in the error shape.
 */
#ifndef RT_ENDPOINT_H
#define RT_ENDPOINT_H

#include <stdbool.h>

#include "rt_api.h"
#include "rt_config.h"
#include "rt_db.h"
#include "rt_http.h"
#include "rt_ratelimit.h"

/* What the interpreter needs of the serving process; borrowed, read only. */
typedef struct rt_endpoint_context {
    const rt_config *config; /* JWT_SECRET, PUBLIC_BASE_URL, the program's settings */
    rt_db_pool *db;
    rt_ratelimit *limiter;      /* NULL: no rate limits */
    struct rt_metrics *metrics; /* NULL: not counted */
} rt_endpoint_context;

/* path_values: the raw path segment values from the router, in order. */
void rt_endpoint_handle(const rt_endpoint_context *context, const rt_endpoint *endpoint,
                        const char *const *path_values, rt_request *req, rt_response *resp);

#endif /* RT_ENDPOINT_H */
