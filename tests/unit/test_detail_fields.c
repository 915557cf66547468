/*
 * test_detail_fields.c - unit tests of rt_detail_fields: a RAISE's DETAIL
 * read as the error shape's "fields" (docs/spec-language.md, "Field
 * errors from the database"), rendered through the one error writer to
 * the exact DRF body, and every malformed DETAIL (not JSON, cut short,
 * another shape, no message, NULL) refused with its reason and nothing
 * added; out of memory at every allocation reported cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_detail_fields.h"
#include "rt_error.h"
#include "rt_respond.h"

#include "failing_alloc.h"

/* The error body for detail, or fails the test. */
static void expect_body(const char *detail, const char *expected)
{
    rt_arena *arena = NULL;
    rt_field_errors errors = {0};
    const char *problem = "unset";
    rt_buf body;

    assert_int_equal(rt_arena_create(&arena), 0);
    assert_int_equal(rt_detail_fields_parse(detail, arena, &errors, &problem), 0);
    assert_null(problem);
    rt_buf_init(&body);
    rt_respond_error_body(&body, 400, "unknown_product", "Unknown.", &errors);
    assert_int_equal(rt_buf_check(&body), 0);
    assert_string_equal(rt_buf_cstr(&body), expected);
    rt_buf_free(&body);
    rt_arena_destroy(arena);
}

static void expect_refused(const char *detail, const char *reason)
{
    rt_arena *arena = NULL;
    rt_field_errors errors = {0};
    const char *problem = NULL;

    assert_int_equal(rt_arena_create(&arena), 0);
    assert_int_equal(rt_field_errors_add(&errors, arena, "kept", "An earlier error."), 0);
    assert_int_equal(rt_detail_fields_parse(detail, arena, &errors, &problem), RT_EINVAL);
    assert_non_null(problem);
    assert_string_equal(problem, reason);
    assert_int_equal(errors.count, 1);
    rt_arena_destroy(arena);
}

static void test_items_in_place(void **state)
{
    (void)state;
    expect_body("{\"items\": [{}, {\"sku\": [\"Unknown or unavailable product: A-1.\"]}, {},"
                " {\"sku\": [\"Duplicate sku: a-1 is also item 1.\"]}]}",
                "{\"error\":{\"status\":400,\"code\":\"unknown_product\",\"message\":"
                "\"Unknown.\",\"fields\":{\"items\":[{},{\"sku\":[\"Unknown or unavailable "
                "product: A-1.\"]},{},{\"sku\":[\"Duplicate sku: a-1 is also item 1.\"]}]}}}");
}

static void test_plain_fields_several_messages_and_members(void **state)
{
    (void)state;
    expect_body("{\"note\": [\"One.\", \"Two.\"], \"items\": [{\"sku\": [\"S.\"],"
                " \"quantity\": [\"Q.\"]}, {}], \"other\": [\"\\u00e9 \\\"q\\\"\"]}",
                "{\"error\":{\"status\":400,\"code\":\"unknown_product\",\"message\":"
                "\"Unknown.\",\"fields\":{\"note\":[\"One.\",\"Two.\"],\"items\":[{\"sku\":"
                "[\"S.\"],\"quantity\":[\"Q.\"]},{}],\"other\":[\"\xc3\xa9 \\\"q\\\"\"]}}}");
}

static void test_malformed_details_are_refused(void **state)
{
    (void)state;
    expect_refused(NULL, "the RAISE has no DETAIL");
    expect_refused("", "the DETAIL is not JSON");
    expect_refused("A-1, B-2", "the DETAIL is not JSON");
    expect_refused("{\"items\": [{\"sku\": ", "the DETAIL is not JSON");
    expect_refused("[\"items\"]", "the DETAIL is not a JSON object");
    expect_refused("{}", "the DETAIL names no error");
    expect_refused("{\"items\": [{}, {}]}", "the DETAIL names no error");
    const char *shape = "a field's value is neither a list of messages nor a list of item objects";
    expect_refused("{\"items\": \"x\"}", shape);
    expect_refused("{\"items\": []}", shape);
    expect_refused("{\"items\": [\"x\", {}]}", shape);
    expect_refused("{\"items\": [{}, \"x\"]}", shape);
    expect_refused("{\"items\": [{\"sku\": \"x\"}]}", shape);
    expect_refused("{\"items\": [{\"sku\": []}]}", shape);
    expect_refused("{\"items\": [{\"sku\": [1]}]}", shape);
    expect_refused("{\"note\": [null]}", shape);
    /* a field twice would break one array's run of item errors: rt_json
     * refuses duplicate keys */
    expect_refused("{\"note\": [\"a\"], \"note\": [\"b\"]}", "the DETAIL is not JSON");
}

static int parse_once(void *context)
{
    rt_arena *arena = NULL;
    rt_field_errors errors = {0};
    const char *problem = NULL;
    int rc = rt_arena_create(&arena);

    (void)context;
    if (rc == 0)
        rc = rt_detail_fields_parse("{\"note\": [\"n\"], \"items\": [{}, {\"sku\": [\"s\"]}]}",
                                    arena, &errors, &problem);
    if (rc == 0 && errors.count != 2)
        rc = RT_EINVAL;
    rt_arena_destroy(arena);
    return rc;
}

static void test_out_of_memory_everywhere(void **state)
{
    (void)state;
    assert_true(failing_alloc_walk(parse_once, NULL, RT_ENOMEM) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_items_in_place),
        cmocka_unit_test(test_plain_fields_several_messages_and_members),
        cmocka_unit_test(test_malformed_details_are_refused),
        cmocka_unit_test(test_out_of_memory_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
