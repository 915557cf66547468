/*
 * test_render.c - unit tests of rt_render: values by type, the rows of a
 * query step (and a page's, without its total column), and members read
 * through the source's evaluator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_render.h"

static const char *render_value(rt_buf *out, rt_type type, const char *text)
{
    rt_buf_reset(out);
    rt_render_value(out, type, text);
    return rt_buf_cstr(out);
}

static void test_values_by_type(void **state)
{
    rt_buf out;

    (void)state;
    rt_buf_init(&out);
    assert_string_equal(render_value(&out, RT_TYPE_TEXT, NULL), "null");
    assert_string_equal(render_value(&out, RT_TYPE_INT, "42"), "42");
    assert_string_equal(render_value(&out, RT_TYPE_BOOL, "f"), "false");
    assert_string_equal(render_value(&out, RT_TYPE_BOOL, "t"), "true");
    assert_string_equal(render_value(&out, RT_TYPE_NUMERIC, "49.90"), "\"49.90\"");
    assert_string_equal(render_value(&out, RT_TYPE_TIMESTAMPTZ, "2026-11-22 00:07:09.12+00"),
                        "\"2026-11-22T00:07:09.12Z\"");
    assert_string_equal(render_value(&out, RT_TYPE_TEXT, "say \"hi\""), "\"say \\\"hi\\\"\"");
    rt_buf_free(&out);
}

static const rt_column let_columns[] = {{.name = "id", .type = RT_TYPE_UUID},
                                        {.name = "n", .type = RT_TYPE_INT}};
static const rt_query let_query = {.name = "Let", .columns = let_columns, .column_count = 2};

/* Answers every value member with its literal. */
static int evaluate_literal(void *context, const rt_value *value, const char **out)
{
    (void)context;
    *out = value->literal;
    return 0;
}

static void test_rows_and_members(void **state)
{
    const char *texts[] = {"0d6c3f6e-8f0c-4a8e-9a52-5a8c2c1d1e01", "7"};
    rt_step steps[] = {{.kind = RT_STEP_LET, .query = &let_query}};
    rt_step_state states[] = {{.columns = texts}};
    rt_render_source source = {
        .steps = steps, .states = states, .evaluate = evaluate_literal, .context = NULL};
    const rt_member members[] = {
        {.kind = RT_MEMBER_VALUE,
         .key = "note",
         .value = {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "hi"}},
        {.kind = RT_MEMBER_ROW, .key = "item", .step = 0},
        {.kind = RT_MEMBER_EACH, .key = "ids", .step = 0, .column = 0, .type = RT_TYPE_UUID},
    };
    rt_buf out;
    bool first = true;

    (void)state;
    rt_buf_init(&out);
    rt_render_window window = {.rows = 10, .hidden_columns = 1};
    rt_render_rows(&source, 0, &window, &out);
    assert_string_equal(rt_buf_cstr(&out), "[]"); /* a let step has no query rows */
    rt_buf_reset(&out);
    assert_int_equal(rt_render_members(&source, members, 3, &out, &first), 0);
    assert_string_equal(rt_buf_cstr(&out), "\"note\":\"hi\",\"item\":null,\"ids\":[]");
    assert_string_equal(rt_render_column(&source, 0, 0, 1), "7");
    assert_null(rt_render_column(&source, 0, 1, 1));
    rt_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_by_type),
        cmocka_unit_test(test_rows_and_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
