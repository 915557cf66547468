/*
 * rt_router.h - maps (method, path) to a generated endpoint.
 *
 * Patterns are the spec's: literal segments and {name} segments, matched
 * segment by segment; a trailing slash on the request path is ignored
 * ("/orders" and "/orders/" are one route); empty segments ("//") match
 * nothing. Among matching routes of the method, a literal segment beats a
 * {param} (/orders/summary before /orders/{uid}); HEAD uses the GET route
 * when there is no HEAD route. Path segment values are returned raw
 * (validated later against the endpoint's path fields).
 */
#ifndef RT_ROUTER_H
#define RT_ROUTER_H

#include "rt_api.h"
#include "rt_arena.h"

#define RT_ROUTER_MAX_PARAMS 8

typedef struct rt_route_match {
    const rt_endpoint *endpoint;              /* NULL when none matched */
    int index;                                /* the matched route in routes[], or -1 */
    const char *params[RT_ROUTER_MAX_PARAMS]; /* arena copies, in order */
    int param_count;
    const char *allow; /* when the path matched but the
                          method did not: "GET, PATCH" */
} rt_route_match;

/* Looks up method and path in routes[0..count). Returns 0 with
 * out->endpoint set, or RT_EINVAL with out->endpoint NULL: out->allow is
 * then set (405) or NULL (404). RT_ENOMEM when the arena is exhausted. */
int rt_router_match(const rt_route *routes, int count, const char *method, const char *path,
                    rt_arena *arena, rt_route_match *out);

#endif /* RT_ROUTER_H */
