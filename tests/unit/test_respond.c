/*
 * test_respond.c - unit tests of rt_respond: the one error shape, its
 * default codes, field messages grouped by field in first-seen order, and
 * the errors of an array's items in DRF's nested shape.
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
        {.field = "quantity",
         .message = "Ensure this value is less than or equal to 10000.",
         .item = -1},
        {.field = "name", .message = "This field is required.", .item = -1},
        {.field = "quantity", .message = "A valid integer is required.", .item = -1},
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

/* An item error as rt_field_errors_add_item adds it. */
#define ITEM_ERROR(field_, item_, count_, member_, message_)                                       \
    {                                                                                              \
        .field = field_, .message = message_, .item = item_, .item_count = count_,                 \
        .member = member_                                                                          \
    }

static void test_item_errors_nest_one_object_per_item(void **state)
{
    rt_field_error list[] = {
        {.field = "note", .message = "Not a valid string.", .item = -1},
        ITEM_ERROR("items", 1, 4, "quantity", "Ensure this value is less than or equal to 10000."),
        ITEM_ERROR("items", 1, 4, "sku", "This field is required."),
        ITEM_ERROR("items", 1, 4, "quantity", "Second."),
        ITEM_ERROR("items", 2, 4, "non_field_errors",
                   "Invalid data. Expected a dictionary, but got int."),
        {.field = "extra", .message = "Unknown field.", .item = -1},
    };
    rt_field_errors fields = {.errors = list, .count = 6, .capacity = 6};
    rt_response resp = {0};

    (void)state;
    rt_buf_init(&resp.body);
    rt_respond_error(&resp, 400, "validation_error", "Invalid input.", &fields);
    assert_string_equal(body_of(&resp),
                        "{\"error\":{\"status\":400,\"code\":\"validation_error\","
                        "\"message\":\"Invalid input.\",\"fields\":{"
                        "\"note\":[\"Not a valid string.\"],"
                        "\"items\":[{},{\"quantity\":[\"Ensure this value is less than or "
                        "equal to 10000.\",\"Second.\"],\"sku\":[\"This field is required.\"]},"
                        "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got "
                        "int.\"]},{}],"
                        "\"extra\":[\"Unknown field.\"]}}}");
    rt_buf_free(&resp.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_code_and_no_fields),
        cmocka_unit_test(test_fields_grouped_in_first_seen_order),
        cmocka_unit_test(test_item_errors_nest_one_object_per_item),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
