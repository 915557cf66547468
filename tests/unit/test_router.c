/*
 * test_router.c - unit tests of rt_router: literal vs parameter segments,
 * trailing slashes, empty segments, 404 vs 405 with the Allow list, HEAD,
 * and parameter copies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_arena.h"
#include "rt_error.h"
#include "rt_router.h"

#include "failing_alloc.h"

static const rt_endpoint root_endpoint = {.id = "root"};
static const rt_endpoint orders_list = {.id = "orders__list"};
static const rt_endpoint orders_create = {.id = "orders__create"};
static const rt_endpoint orders_summary = {.id = "orders__summary"};
static const rt_endpoint orders_get = {.id = "orders__get"};
static const rt_endpoint orders_delete = {.id = "orders__delete"};
static const rt_endpoint orders_cancel = {.id = "orders__cancel"};
static const rt_endpoint user_order = {.id = "users__order"};

/* Sorted by (pattern, method), as generated/registry.c is. */
static const rt_route routes[] = {
    {"GET", "/", &root_endpoint},
    {"GET", "/orders", &orders_list},
    {"POST", "/orders", &orders_create},
    {"GET", "/orders/summary", &orders_summary},
    {"DELETE", "/orders/{uid}", &orders_delete},
    {"GET", "/orders/{uid}", &orders_get},
    {"PATCH", "/orders/{uid}/cancel", &orders_cancel},
    {"GET", "/users/{uid}/orders/{order_uid}", &user_order},
};
static const int route_count = (int)(sizeof routes / sizeof routes[0]);

static int setup(void **state)
{
    rt_arena *arena = NULL;
    if (rt_arena_create(&arena) != 0)
        return -1;
    *state = arena;
    return 0;
}

static int teardown(void **state)
{
    rt_arena_destroy(*state);
    return 0;
}

/* Matches and expects endpoint and its index in routes[] (NULL: expects a
 * miss, index -1). */
static rt_route_match match(void **state, const char *method, const char *path,
                            const rt_endpoint *expected)
{
    rt_route_match result;
    int rc = rt_router_match(routes, route_count, method, path, *state, &result);
    if (expected != NULL) {
        assert_int_equal(rc, 0);
        assert_non_null(result.endpoint);
        assert_string_equal(result.endpoint->id, expected->id);
        assert_in_range(result.index, 0, route_count - 1);
        assert_ptr_equal(routes[result.index].endpoint, result.endpoint);
    } else {
        assert_int_equal(rc, RT_EINVAL);
        assert_null(result.endpoint);
        assert_int_equal(result.index, -1);
        assert_int_equal(result.param_count, 0);
    }
    return result;
}

static void test_literal_beats_parameter(void **state)
{
    rt_route_match m = match(state, "GET", "/orders/summary", &orders_summary);
    assert_int_equal(m.param_count, 0);
    assert_null(m.allow);

    m = match(state, "GET", "/orders/0b6f6c1e", &orders_get);
    assert_int_equal(m.param_count, 1);
    assert_string_equal(m.params[0], "0b6f6c1e");
}

static void test_parameter_route_of_another_method_still_matches(void **state)
{
    /* No DELETE /orders/summary: DELETE /orders/{uid} takes it. */
    rt_route_match m = match(state, "DELETE", "/orders/summary", &orders_delete);
    assert_int_equal(m.param_count, 1);
    assert_string_equal(m.params[0], "summary");
}

static void test_literal_match_is_exact(void **state)
{
    match(state, "GET", "/Orders", NULL);
    match(state, "GET", "/orderss", NULL);
    match(state, "GET", "/order", NULL);
    match(state, "GET", "/orders/a/b", NULL);
}

static void test_trailing_slash_is_ignored(void **state)
{
    match(state, "GET", "/orders", &orders_list);
    match(state, "GET", "/orders/", &orders_list);
    rt_route_match m = match(state, "GET", "/orders/abc/", &orders_get);
    assert_int_equal(m.param_count, 1);
    assert_string_equal(m.params[0], "abc");
    m = match(state, "PATCH", "/orders/abc/cancel/", &orders_cancel);
    assert_string_equal(m.params[0], "abc");
}

static void test_empty_segments_do_not_match(void **state)
{
    match(state, "GET", "//", NULL);
    match(state, "GET", "//orders", NULL);
    match(state, "GET", "/orders//", NULL);
    match(state, "PATCH", "/orders//cancel", NULL);
    match(state, "GET", "/users//orders/x", NULL);
}

static void test_root_and_malformed_paths(void **state)
{
    match(state, "GET", "/", &root_endpoint);
    match(state, "GET", "", NULL);
    match(state, "GET", "orders", NULL);
}

static void test_unknown_path_is_404(void **state)
{
    rt_route_match m = match(state, "GET", "/nothing/here", NULL);
    assert_null(m.allow);
}

static void test_wrong_method_is_405_with_sorted_allow(void **state)
{
    rt_route_match m = match(state, "PUT", "/orders", NULL);
    assert_non_null(m.allow);
    assert_string_equal(m.allow, "GET, HEAD, POST");

    m = match(state, "GET", "/orders/abc/cancel", NULL);
    assert_string_equal(m.allow, "PATCH");

    /* Both /orders/summary and /orders/{uid} match: their methods merge. */
    m = match(state, "PUT", "/orders/summary/", NULL);
    assert_string_equal(m.allow, "DELETE, GET, HEAD");

    /* Methods are case-sensitive. */
    m = match(state, "get", "/orders", NULL);
    assert_string_equal(m.allow, "GET, HEAD, POST");
}

static void test_head_uses_the_get_route(void **state)
{
    rt_route_match m = match(state, "HEAD", "/orders/xyz", &orders_get);
    assert_string_equal(m.params[0], "xyz");
    match(state, "HEAD", "/orders/xyz/cancel", NULL);
}

static void test_params_are_arena_copies_in_order(void **state)
{
    char path[] = "/users/u-1/orders/o-2";
    rt_route_match m = match(state, "GET", path, &user_order);
    assert_int_equal(m.param_count, 2);
    assert_string_equal(m.params[0], "u-1");
    assert_string_equal(m.params[1], "o-2");
    /* Copies, not pointers into the caller's path. */
    assert_ptr_not_equal(m.params[0], path + strlen("/users/"));
    memset(path, 'x', sizeof path - 1);
    assert_string_equal(m.params[0], "u-1");
    assert_string_equal(m.params[1], "o-2");
}

static void test_empty_table(void **state)
{
    rt_route_match m;
    assert_int_equal(rt_router_match(NULL, 0, "GET", "/", *state, &m), RT_EINVAL);
    assert_null(m.endpoint);
    assert_null(m.allow);
}

/* ------------------------------------------------------- out of memory */

/* A request's way to its route: its arena, then the match of context (a
 * path whose parameter needs an arena chunk of its own). */
static int match_and_free(void *context)
{
    rt_arena *arena = NULL;
    rt_route_match result;
    int rc = rt_arena_create(&arena);

    if (rc == 0)
        rc = rt_router_match(routes, route_count, "GET", context, arena, &result);
    if (rc == 0 && (result.endpoint != &orders_get || result.param_count != 1))
        rc = RT_EINVAL;
    rt_arena_destroy(arena);
    return rc;
}

static void test_out_of_memory_is_reported_cleanly(void **state)
{
    char path[20000];

    (void)state;
    strcpy(path, "/orders/");
    memset(path + 8, 'a', sizeof path - 9);
    path[sizeof path - 1] = '\0';
    assert_true(failing_alloc_walk(match_and_free, path, RT_ENOMEM) >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_literal_beats_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parameter_route_of_another_method_still_matches, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_literal_match_is_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trailing_slash_is_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_segments_do_not_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_root_and_malformed_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_path_is_404, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_method_is_405_with_sorted_allow, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_head_uses_the_get_route, setup, teardown),
        cmocka_unit_test_setup_teardown(test_params_are_arena_copies_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_table, setup, teardown),
        cmocka_unit_test(test_out_of_memory_is_reported_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
