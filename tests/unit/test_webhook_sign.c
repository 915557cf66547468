/*
 * test_webhook_sign.c - unit tests of rt_webhook_sign: the Orderd-Signature
 * value against a vector computed independently (Python's hmac module),
 * and its refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_webhook_sign.h"

/* python3 -c 'import hmac, hashlib; print(hmac.new(b"whsec_test",
 *     b"1700000000.{\"a\":1}", hashlib.sha256).hexdigest())' */
#define VECTOR "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"

static void test_known_vector(void **state)
{
    char out[RT_WEBHOOK_SIGNATURE_MAX];
    const char body[] = "{\"a\":1}";
    (void)state;
    assert_int_equal(rt_webhook_sign("whsec_test", 1700000000, body, strlen(body), out, sizeof out),
                     0);
    assert_string_equal(out, "t=1700000000,v1=" VECTOR);
}

/* The body's exact bytes count: one more byte is another signature. */
static void test_body_bytes_matter(void **state)
{
    char one[RT_WEBHOOK_SIGNATURE_MAX];
    char two[RT_WEBHOOK_SIGNATURE_MAX];
    (void)state;
    assert_int_equal(rt_webhook_sign("k", 1, "{}", 2, one, sizeof one), 0);
    assert_int_equal(rt_webhook_sign("k", 1, "{} ", 3, two, sizeof two), 0);
    assert_string_not_equal(one, two);
    assert_int_equal(rt_webhook_sign("k", 2, "{}", 2, two, sizeof two), 0);
    assert_string_not_equal(one, two);
}

static void test_refusals(void **state)
{
    char out[RT_WEBHOOK_SIGNATURE_MAX];
    char small[16];
    (void)state;
    assert_int_equal(rt_webhook_sign(NULL, 1, "{}", 2, out, sizeof out), RT_EINVAL);
    assert_int_equal(rt_webhook_sign("k", 1, NULL, 0, out, sizeof out), RT_EINVAL);
    assert_int_equal(rt_webhook_sign("k", 1, "{}", 2, small, sizeof small), RT_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vector),
        cmocka_unit_test(test_body_bytes_matter),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
