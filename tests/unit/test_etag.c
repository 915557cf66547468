/*
 * test_etag.c - unit tests of rt_etag: formatting an ETag from a version
 * and RFC 9110's strong and weak comparison against If-Match and
 * If-None-Match lists, malformed lists included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_etag.h"

static void test_format(void **state)
{
    char out[RT_ETAG_MAX];
    char tiny[3];
    (void)state;
    assert_int_equal(rt_etag_format("17", out, sizeof out), 0);
    assert_string_equal(out, "\"17\"");
    assert_int_equal(rt_etag_format("9223372036854775807", out, sizeof out), 0);
    assert_int_equal(rt_etag_format("", out, sizeof out), RT_EINVAL);
    assert_int_equal(rt_etag_format("1a", out, sizeof out), RT_EINVAL);
    assert_int_equal(rt_etag_format("\"1", out, sizeof out), RT_EINVAL);
    assert_int_equal(rt_etag_format(NULL, out, sizeof out), RT_EINVAL);
    assert_int_equal(rt_etag_format("17", tiny, sizeof tiny), RT_EINVAL);
}

static bool matches(const char *header, const char *etag, rt_etag_compare compare)
{
    bool match = true;
    assert_int_equal(rt_etag_list_matches(header, etag, compare, &match), 0);
    return match;
}

static void test_strong(void **state)
{
    (void)state;
    assert_true(matches("\"5\"", "\"5\"", RT_ETAG_STRONG));
    assert_true(matches(" \"1\" , \"5\" ", "\"5\"", RT_ETAG_STRONG));
    assert_true(matches("\"1\",,\"5\"", "\"5\"", RT_ETAG_STRONG));
    assert_true(matches("*", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("\"6\"", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("W/\"5\"", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("\"55\"", "\"5\"", RT_ETAG_STRONG));
}

static void test_weak(void **state)
{
    (void)state;
    assert_true(matches("W/\"5\"", "\"5\"", RT_ETAG_WEAK));
    assert_true(matches("\"5\"", "\"5\"", RT_ETAG_WEAK));
    assert_true(matches("\"4\", W/\"5\"", "\"5\"", RT_ETAG_WEAK));
    assert_true(matches("*", "\"5\"", RT_ETAG_WEAK));
    assert_false(matches("W/\"4\"", "\"5\"", RT_ETAG_WEAK));
}

/* A malformed list matches nothing, even when a good tag is in it. */
static void test_malformed(void **state)
{
    (void)state;
    assert_false(matches("5", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("\"5", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("\"5\" x", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("\"5\", *", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("* \"5\"", "\"5\"", RT_ETAG_STRONG));
    assert_false(matches("w/\"5\"", "\"5\"", RT_ETAG_WEAK));
    assert_false(matches("\"a\"b\"", "\"5\"", RT_ETAG_WEAK));
    assert_false(matches("", "\"5\"", RT_ETAG_WEAK));
}

static void test_null_arguments(void **state)
{
    bool match = false;
    (void)state;
    assert_int_equal(rt_etag_list_matches(NULL, "\"1\"", RT_ETAG_WEAK, &match), RT_EINVAL);
    assert_int_equal(rt_etag_list_matches("*", NULL, RT_ETAG_WEAK, &match), RT_EINVAL);
    assert_int_equal(rt_etag_list_matches("*", "\"1\"", RT_ETAG_WEAK, NULL), RT_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),         cmocka_unit_test(test_strong),
        cmocka_unit_test(test_weak),           cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
