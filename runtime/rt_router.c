/*
 * rt_router.c - maps (method, path) to a generated endpoint.
 *
 * The route table (generated/registry.c) is sorted by (pattern, method) and
 * holds a few dozen routes, so a linear scan is used. Matching walks the
 * path and the pattern segment by segment with pointers, without copying;
 * the only allocations (from the request arena) are the copies of the
 * {param} values of the chosen route and, for a 405, the Allow string.
 *
 * Rules:
 *   - a path must start with '/'; one trailing slash is ignored, so
 *     "/orders" and "/orders/" are the same path, and "/" has no segments;
 *   - an empty segment ("//", or a trailing "//") matches nothing;
 *   - a literal segment matches itself exactly (case-sensitive), and a
 *     "{name}" segment matches any non-empty segment;
 *   - among the routes of the request's method that match, the most
 *     specific wins: at the first segment where two patterns differ, a
 *     literal beats a parameter (/orders/summary before /orders/{uid});
 *   - HEAD is answered by the GET route when there is no HEAD route;
 *   - when routes match the path but none has the method, out->allow lists
 *     the methods of every matching route, sorted, without duplicates,
 *     joined by ", " (HEAD included where GET is).
 */
#include "rt_router.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "rt_error.h"

/* The distinct methods an Allow list can hold; HTTP has nine. */
#define ROUTER_MAX_ALLOW_METHODS 16

/* One segment of a path or a pattern: [start, start + len). */
typedef struct router_segment {
    const char *start;
    size_t len;
} router_segment;

/* A cursor over the segments of a path or pattern: "/a/b/" gives "a" and
 * "b"; "/" gives none; "//" gives one empty segment. */
typedef struct router_cursor {
    const char *next; /* start of the next segment */
    const char *end;  /* end of the text, one trailing slash excluded */
    bool done;
} router_cursor;

/* Starts a cursor over text; false when text does not start with '/'. */
static bool router_cursor_init(router_cursor *cursor, const char *text)
{
    size_t len = strlen(text);
    if (len == 0 || text[0] != '/')
        return false;
    /* Ignore one trailing slash ("/orders/" is "/orders"; "/" is empty). */
    if (text[len - 1] == '/')
        len--;
    cursor->next = text + 1;
    cursor->end = text + len;
    cursor->done = len == 0;
    return true;
}

/* Takes the next segment (possibly empty); false when there are no more. */
static bool router_cursor_take(router_cursor *cursor, router_segment *out)
{
    if (cursor->done)
        return false;
    const char *slash = memchr(cursor->next, '/', (size_t)(cursor->end - cursor->next));
    const char *stop = slash != NULL ? slash : cursor->end;
    out->start = cursor->next;
    out->len = (size_t)(stop - cursor->next);
    if (slash != NULL)
        cursor->next = slash + 1;
    else
        cursor->done = true;
    return true;
}

static bool router_segment_is_param(const router_segment *segment)
{
    return segment->len >= 2 && segment->start[0] == '{' && segment->start[segment->len - 1] == '}';
}

/* True if path matches pattern. When it does and params is not NULL, the
 * path segments matching the {param} segments go to params (pointers into
 * path, not terminated) and their count to *param_count. */
static bool router_pattern_matches(const char *pattern, const char *path, router_segment *params,
                                   int *param_count)
{
    router_cursor pattern_cursor, path_cursor;
    router_segment pattern_segment, path_segment;
    int count = 0;
    bool matches = false;
    if (!router_cursor_init(&pattern_cursor, pattern) || !router_cursor_init(&path_cursor, path))
        goto done;
    for (;;) {
        bool has_pattern = router_cursor_take(&pattern_cursor, &pattern_segment);
        bool has_path = router_cursor_take(&path_cursor, &path_segment);
        if (!has_pattern || !has_path) {
            matches = has_pattern == has_path;
            goto done;
        }
        if (path_segment.len == 0)
            goto done;
        if (router_segment_is_param(&pattern_segment)) {
            if (count == RT_ROUTER_MAX_PARAMS) {
                assert(!"route pattern has more than RT_ROUTER_MAX_PARAMS parameters");
                goto done;
            }
            if (params != NULL)
                params[count] = path_segment;
            count++;
        } else if (pattern_segment.len != path_segment.len ||
                   memcmp(pattern_segment.start, path_segment.start, path_segment.len) != 0) {
            goto done;
        }
    }
done:
    if (matches && param_count != NULL)
        *param_count = count;
    return matches;
}

/* True if pattern a is more specific than pattern b, both matching the same
 * path: at the first segment where one is a literal and the other a
 * parameter, the literal wins. */
static bool router_more_specific(const char *a, const char *b)
{
    router_cursor cursor_a, cursor_b;
    router_segment segment_a, segment_b;
    if (!router_cursor_init(&cursor_a, a) || !router_cursor_init(&cursor_b, b))
        return false;
    while (router_cursor_take(&cursor_a, &segment_a) && router_cursor_take(&cursor_b, &segment_b)) {
        bool param_a = router_segment_is_param(&segment_a);
        bool param_b = router_segment_is_param(&segment_b);
        if (param_a != param_b)
            return !param_a;
    }
    return false;
}

/* Inserts method into the sorted, duplicate-free methods[0..*count). */
static void router_allow_add(const char **methods, int *count, const char *method)
{
    int at = 0;
    while (at < *count && strcmp(methods[at], method) < 0)
        at++;
    if (at < *count && strcmp(methods[at], method) == 0)
        return;
    if (*count == ROUTER_MAX_ALLOW_METHODS) {
        assert(!"more distinct methods than ROUTER_MAX_ALLOW_METHODS");
        return;
    }
    memmove(&methods[at + 1], &methods[at], (size_t)(*count - at) * sizeof methods[0]);
    methods[at] = method;
    (*count)++;
}

/* Builds "GET, HEAD, PATCH" in the arena; NULL when out of memory. */
static const char *router_allow_join(const char **methods, int count, rt_arena *arena)
{
    size_t len = 0;
    for (int i = 0; i < count; i++)
        len += strlen(methods[i]) + 2;
    char *joined = rt_arena_alloc(arena, len + 1);
    if (joined == NULL)
        return NULL;
    char *at = joined;
    for (int i = 0; i < count; i++) {
        size_t method_len = strlen(methods[i]);
        if (i > 0) {
            memcpy(at, ", ", 2);
            at += 2;
        }
        memcpy(at, methods[i], method_len);
        at += method_len;
    }
    *at = '\0';
    return joined;
}

/* The best route for method among those matching path, or -1. */
static int router_find(const rt_route *routes, int count, const char *method, const char *path)
{
    int best = -1;
    for (int i = 0; i < count; i++) {
        if (strcmp(routes[i].method, method) != 0)
            continue;
        if (!router_pattern_matches(routes[i].pattern, path, NULL, NULL))
            continue;
        if (best < 0 || router_more_specific(routes[i].pattern, routes[best].pattern))
            best = i;
    }
    return best;
}

int rt_router_match(const rt_route *routes, int count, const char *method, const char *path,
                    rt_arena *arena, rt_route_match *out)
{
    int rc = RT_EINVAL;
    router_segment params[RT_ROUTER_MAX_PARAMS];
    int param_count = 0;
    const char *allow[ROUTER_MAX_ALLOW_METHODS];
    int allow_count = 0;

    assert(count == 0 || routes != NULL);
    memset(out, 0, sizeof *out);
    if (method == NULL || path == NULL)
        goto done;

    int best = router_find(routes, count, method, path);
    if (best < 0 && strcmp(method, "HEAD") == 0)
        best = router_find(routes, count, "GET", path);
    if (best < 0) {
        for (int i = 0; i < count; i++) {
            if (!router_pattern_matches(routes[i].pattern, path, NULL, NULL))
                continue;
            router_allow_add(allow, &allow_count, routes[i].method);
            if (strcmp(routes[i].method, "GET") == 0)
                router_allow_add(allow, &allow_count, "HEAD");
        }
        if (allow_count > 0) {
            out->allow = router_allow_join(allow, allow_count, arena);
            if (out->allow == NULL)
                rc = RT_ENOMEM;
        }
        goto done;
    }

    bool matched = router_pattern_matches(routes[best].pattern, path, params, &param_count);
    assert(matched);
    (void)matched;
    for (int i = 0; i < param_count; i++) {
        out->params[i] = rt_arena_strndup(arena, params[i].start, params[i].len);
        if (out->params[i] == NULL) {
            rc = RT_ENOMEM;
            goto done;
        }
    }
    out->param_count = param_count;
    out->endpoint = routes[best].endpoint;
    out->index = best;
    rc = 0;

done:
    if (rc != 0) {
        out->endpoint = NULL;
        out->index = -1;
        out->param_count = 0;
    }
    return rc;
}
