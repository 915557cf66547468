/*
 * test_rule.c - unit tests for rt_rule: ordering validated texts as
 * decimals (any scale, signs), dates and instants (offsets honoured), the
 * six comparisons, and a rule list over request inputs: an absent operand
 * passes, a failure is a field error under the left field's name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rt_arena.h"
#include "rt_error.h"
#include "rt_rule.h"

static int order_of(rt_type type, const char *left, const char *right)
{
    int order = 99;
    assert_int_equal(rt_rule_order(type, left, right, &order), 0);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
}

static void test_decimals(void **state)
{
    (void)state;
    assert_int_equal(order_of(RT_TYPE_INT, "9", "10"), -1);
    assert_int_equal(order_of(RT_TYPE_BIGINT, "-10", "-9"), -1);
    assert_int_equal(order_of(RT_TYPE_BIGINT, "-1", "1"), -1);
    assert_int_equal(order_of(RT_TYPE_INT, "7", "7"), 0);
    assert_int_equal(order_of(RT_TYPE_INT, "9223372036854775807", "-9223372036854775808"), 1);
    assert_int_equal(order_of(RT_TYPE_NUMERIC, "10.50", "10.5"), 0);
    assert_int_equal(order_of(RT_TYPE_NUMERIC, "0.09", "0.1"), -1);
    assert_int_equal(order_of(RT_TYPE_NUMERIC, "-0.00", "0"), 0);
    assert_int_equal(order_of(RT_TYPE_NUMERIC, "-2.5", "-2.25"), -1);
    assert_int_equal(order_of(RT_TYPE_NUMERIC, "100.00", "99.99"), 1);
}

static void test_dates_and_instants(void **state)
{
    (void)state;
    assert_int_equal(order_of(RT_TYPE_DATE, "2026-02-28", "2026-03-01"), -1);
    assert_int_equal(order_of(RT_TYPE_DATE, "2026-03-01", "2026-03-01"), 0);
    /* instants, not text: 09:00Z is after 10:00+02:00 (08:00Z) */
    assert_int_equal(
        order_of(RT_TYPE_TIMESTAMPTZ, "2026-03-01T09:00:00Z", "2026-03-01T10:00:00+02:00"), 1);
    assert_int_equal(
        order_of(RT_TYPE_TIMESTAMPTZ, "2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z"), 0);
    assert_int_equal(
        order_of(RT_TYPE_TIMESTAMPTZ, "2026-02-28T23:30:00-01:00", "2026-03-01T00:00:00Z"), 1);
    assert_int_equal(
        order_of(RT_TYPE_TIMESTAMPTZ, "2026-03-01T00:00:00.5Z", "2026-03-01T00:00:00.25Z"), 1);
    assert_int_equal(
        order_of(RT_TYPE_TIMESTAMPTZ, "2026-03-01T00:00:00.500Z", "2026-03-01T00:00:00.5Z"), 0);
    assert_int_equal(order_of(RT_TYPE_TIMESTAMPTZ, "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z"),
                     -1);
}

static void test_not_comparable(void **state)
{
    int order = 0;
    (void)state;
    assert_int_equal(rt_rule_order(RT_TYPE_TEXT, "a", "b", &order), RT_EINVAL);
    assert_int_equal(rt_rule_order(RT_TYPE_INT, "1x", "2", &order), RT_EINVAL);
    assert_int_equal(rt_rule_order(RT_TYPE_DATE, "2026-03-01T00:00:00Z", "2026-03-01", &order),
                     RT_EINVAL);
    assert_int_equal(rt_rule_order(RT_TYPE_TIMESTAMPTZ, "2026-03-01T00:00:00", "x", &order),
                     RT_EINVAL);
}

static void test_comparisons(void **state)
{
    (void)state;
    assert_true(rt_rule_holds(RT_COMPARE_LT, -1));
    assert_false(rt_rule_holds(RT_COMPARE_LT, 0));
    assert_true(rt_rule_holds(RT_COMPARE_LE, 0));
    assert_false(rt_rule_holds(RT_COMPARE_LE, 1));
    assert_true(rt_rule_holds(RT_COMPARE_GT, 1));
    assert_false(rt_rule_holds(RT_COMPARE_GT, 0));
    assert_true(rt_rule_holds(RT_COMPARE_GE, 0));
    assert_false(rt_rule_holds(RT_COMPARE_GE, -1));
    assert_true(rt_rule_holds(RT_COMPARE_EQ, 0));
    assert_false(rt_rule_holds(RT_COMPARE_EQ, 1));
    assert_true(rt_rule_holds(RT_COMPARE_NE, -1));
    assert_false(rt_rule_holds(RT_COMPARE_NE, 0));
}

/* query.from <= query.to, and body.low < path.high */
static const rt_rule rules[] = {
    {.left = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_DATE, .index = 0},
     .compare = RT_COMPARE_LE,
     .right = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_DATE, .index = 1},
     .field = "from",
     .message = "Ensure this value is not after to."},
    {.left = {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 0},
     .compare = RT_COMPARE_LT,
     .right = {.kind = RT_VALUE_PATH, .type = RT_TYPE_INT, .index = 0},
     .field = "low",
     .message = "Ensure this value is less than high."},
};

static void test_rule_list(void **state)
{
    rt_arena *arena = NULL;
    rt_field_errors errors = {0};
    rt_input path[1] = {{.text = "5"}};
    rt_input query[2] = {{.text = "2026-03-02"}, {.text = "2026-03-01"}};
    rt_input body[1] = {{.text = "5"}};
    (void)state;

    assert_int_equal(rt_arena_create(&arena), 0);
    assert_int_equal(rt_rule_check(rules, 2, path, query, body, arena, &errors), 0);
    assert_int_equal(errors.count, 2);
    assert_string_equal(errors.errors[0].field, "from");
    assert_string_equal(errors.errors[0].message, "Ensure this value is not after to.");
    assert_string_equal(errors.errors[1].field, "low");

    /* both hold */
    errors.count = 0;
    query[0].text = "2026-03-01";
    body[0].text = "4";
    assert_int_equal(rt_rule_check(rules, 2, path, query, body, arena, &errors), 0);
    assert_int_equal(errors.count, 0);

    /* an absent operand passes */
    query[0].text = "2026-03-09";
    query[1].text = NULL;
    body[0].text = NULL;
    assert_int_equal(rt_rule_check(rules, 2, path, query, body, arena, &errors), 0);
    assert_int_equal(errors.count, 0);

    /* an operand not of its type is the generator's bug, not a field error */
    query[1].text = "yesterday";
    assert_int_equal(rt_rule_check(rules, 2, path, query, body, arena, &errors), RT_EINVAL);
    assert_int_equal(errors.count, 0);
    rt_arena_destroy(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimals),       cmocka_unit_test(test_dates_and_instants),
        cmocka_unit_test(test_not_comparable), cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_rule_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
