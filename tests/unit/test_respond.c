/*
 * test_respond.c - unit tests of rt_respond: the one error shape, its
 * default codes, and field messages grouped by field in first-seen order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_buf.h"
#include "rt_respond.h"

static const char *body_of(rt_response *resp)
{
    assert_int_equal(rt_buf_check(&resp->body), 0);
    return rt_buf_cstr(&resp->body);
}

static void test_default_code_and_no_fields(void **state)
{
    rt_response resp = {.status = 200, .content_type = "text/html"};

    (void)state;
    rt_buf_init(&resp.body);
    rt_buf_puts(&resp.body, "replaced");
    rt_respond_error(&resp, 404, NULL, "Not found.", NULL);
    assert_int_equal(resp.status, 404);
    assert_null(resp.content_type);
    assert_string_equal(body_of(&resp),
                        "{\"error\":{\"status\":404,\"code\":\"not_found\",\"message\":\"Not "
                        "found.\"}}");
    rt_buf_free(&resp.body);
}

static void test_fields_grouped_in_first_seen_order(void **state)
{
    rt_field_error list[] = {
        {"quantity", "Ensure this value is less than or equal to 10000."},
        {"name", "This field is required."},
        {"quantity", "A valid integer is required."},
    };
    rt_field_errors fields = {.errors = list, .count = 3, .capacity = 3};
    rt_response resp = {0};

    (void)state;
    rt_buf_init(&resp.body);
    rt_respond_error(&resp, 400, "validation_error", "Invalid \"input\".", &fields);
    assert_string_equal(body_of(&resp),
                        "{\"error\":{\"status\":400,\"code\":\"validation_error\","
                        "\"message\":\"Invalid \\\"input\\\".\",\"fields\":{"
                        "\"quantity\":[\"Ensure this value is less than or equal to 10000.\","
                        "\"A valid integer is required.\"],"
                        "\"name\":[\"This field is required.\"]}}}");
    rt_buf_free(&resp.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_code_and_no_fields),
        cmocka_unit_test(test_fields_grouped_in_first_seen_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
