/*
 * test_idempotency.c - unit tests of rt_idempotency: which Idempotency-Key
 * values are keys (1..255 printable ASCII), and that a request without a
 * key runs its work once and nothing else (the database side is covered
 * end to end, tests/e2e/test_idempotency.py).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_idempotency.h"

static void test_printable_ascii_of_1_to_255_bytes_is_a_key(void **state)
{
    char longest[RT_IDEMPOTENCY_MAX_KEY + 2];

    (void)state;
    assert_true(rt_idempotency_key_valid("a"));
    assert_true(rt_idempotency_key_valid("3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"));
    assert_true(rt_idempotency_key_valid(" !~ spaces and punctuation: {}[]\"'\\ "));
    memset(longest, 'k', RT_IDEMPOTENCY_MAX_KEY);
    longest[RT_IDEMPOTENCY_MAX_KEY] = '\0';
    assert_true(rt_idempotency_key_valid(longest));
    longest[RT_IDEMPOTENCY_MAX_KEY] = 'k';
    longest[RT_IDEMPOTENCY_MAX_KEY + 1] = '\0';
    assert_false(rt_idempotency_key_valid(longest));
}

static void test_empty_control_and_non_ascii_are_not_keys(void **state)
{
    (void)state;
    assert_false(rt_idempotency_key_valid(NULL));
    assert_false(rt_idempotency_key_valid(""));
    assert_false(rt_idempotency_key_valid("tab\there"));
    assert_false(rt_idempotency_key_valid("del\x7f"));
    assert_false(rt_idempotency_key_valid("caf\xc3\xa9"));
    assert_false(rt_idempotency_key_valid("\x1f"));
}

static int work_calls;

static int count_work(void *context)
{
    (void)context;
    work_calls++;
    return 0;
}

static void test_without_a_key_the_work_runs_once_and_nothing_else(void **state)
{
    rt_program program;
    rt_response resp = {0};
    rt_idempotency_request request = {.key = NULL, .endpoint = "orders.post_orders"};

    (void)state;
    rt_program_init(&program); /* no pool: any database use would crash */
    work_calls = 0;
    assert_int_equal(rt_idempotency_run(&request, &program, &resp, count_work, NULL), 0);
    assert_int_equal(work_calls, 1);
    assert_false(program.failed);
    assert_false(program.in_transaction);
}

static void test_a_bad_key_is_400_before_any_work(void **state)
{
    rt_program program;
    rt_response resp = {0};
    rt_idempotency_request request = {.key = "", .endpoint = "orders.post_orders"};

    (void)state;
    rt_program_init(&program);
    work_calls = 0;
    assert_int_equal(rt_idempotency_run(&request, &program, &resp, count_work, NULL), RT_EINVAL);
    assert_int_equal(work_calls, 0);
    assert_true(program.failed);
    assert_int_equal(program.status, 400);
    assert_string_equal(program.code, "bad_request");
    assert_string_equal(program.message, RT_IDEMPOTENCY_BAD_KEY_MESSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printable_ascii_of_1_to_255_bytes_is_a_key),
        cmocka_unit_test(test_empty_control_and_non_ascii_are_not_keys),
        cmocka_unit_test(test_without_a_key_the_work_runs_once_and_nothing_else),
        cmocka_unit_test(test_a_bad_key_is_400_before_any_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
