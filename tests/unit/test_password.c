/*
 * test_password.c - unit tests of rt_password (bcrypt via libxcrypt) at
 * cost 4, the cheapest bcrypt allows, so the tests stay fast.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_password.h"

#define COST 4

typedef struct password_fixture {
    char hash[RT_PASSWORD_HASH_MAX];
} password_fixture;

static int setup_hash(void **state)
{
    static password_fixture fixture;
    memset(&fixture, 0, sizeof(fixture));
    if (rt_password_hash("correct horse battery staple", COST, fixture.hash,
                         sizeof(fixture.hash)) != 0)
        return -1;
    *state = &fixture;
    return 0;
}

static void test_hash_shape(void **state)
{
    password_fixture *fixture = *state;
    /* $2b$04$ + 22 salt characters + 31 hash characters */
    assert_int_equal(strlen(fixture->hash), 60);
    assert_memory_equal(fixture->hash, "$2b$04$", 7);
}

static void test_verify_right_password(void **state)
{
    password_fixture *fixture = *state;
    bool match = false;
    assert_int_equal(
        rt_password_verify("correct horse battery staple", fixture->hash, COST, &match), 0);
    assert_true(match);
}

static void test_verify_wrong_password(void **state)
{
    password_fixture *fixture = *state;
    bool match = true;
    assert_int_equal(rt_password_verify("correct horse battery stapl", fixture->hash, COST, &match),
                     0);
    assert_false(match);
    match = true;
    assert_int_equal(rt_password_verify("", fixture->hash, COST, &match), 0);
    assert_false(match);
}

static void test_salts_differ(void **state)
{
    password_fixture *fixture = *state;
    char again[RT_PASSWORD_HASH_MAX];
    bool match = false;
    assert_int_equal(rt_password_hash("correct horse battery staple", COST, again, sizeof(again)),
                     0);
    assert_string_not_equal(again, fixture->hash);
    assert_int_equal(rt_password_verify("correct horse battery staple", again, COST, &match), 0);
    assert_true(match);
}

static void test_null_hash_never_matches(void **state)
{
    (void)state;
    bool match = true;
    assert_int_equal(rt_password_verify("anything", NULL, COST, &match), 0);
    assert_false(match);
    /* Not even the dummy salt's own password ("" hashed with it). */
    match = true;
    assert_int_equal(rt_password_verify("", NULL, COST, &match), 0);
    assert_false(match);
}

static void test_malformed_hash_never_matches(void **state)
{
    (void)state;
    static const char *const hashes[] = {"", "*0", "plaintext", "$2b$04$short", "$9$nope"};
    for (size_t i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++) {
        bool match = true;
        assert_int_equal(rt_password_verify("plaintext", hashes[i], COST, &match), 0);
        assert_false(match);
    }
}

static void test_72_byte_password(void **state)
{
    (void)state;
    char password[73];
    char other[73];
    char hash[RT_PASSWORD_HASH_MAX];
    bool match = false;

    memset(password, 'a', 72);
    password[72] = '\0';
    memcpy(other, password, sizeof(other));
    other[71] = 'b'; /* differs only in the 72nd byte */

    assert_int_equal(rt_password_hash(password, COST, hash, sizeof(hash)), 0);
    assert_int_equal(rt_password_verify(password, hash, COST, &match), 0);
    assert_true(match);
    assert_int_equal(rt_password_verify(other, hash, COST, &match), 0);
    assert_false(match); /* every one of the 72 bytes counts */
}

static void test_over_72_bytes_refused(void **state)
{
    (void)state;
    char password[74];
    char hash72[RT_PASSWORD_HASH_MAX];
    char hash[RT_PASSWORD_HASH_MAX];
    bool match = true;

    memset(password, 'a', 73);
    password[73] = '\0';
    assert_int_equal(rt_password_hash(password, COST, hash, sizeof(hash)), RT_EINVAL);
    /* bcrypt would see only the first 72 bytes: verification refuses to
     * let a 73-byte password match the 72-byte prefix's hash. */
    password[72] = '\0';
    assert_int_equal(rt_password_hash(password, COST, hash72, sizeof(hash72)), 0);
    password[72] = 'a';
    assert_int_equal(rt_password_verify(password, hash72, COST, &match), 0);
    assert_false(match);
}

static void test_invalid_arguments(void **state)
{
    (void)state;
    char hash[RT_PASSWORD_HASH_MAX];
    char small[20];
    bool match;
    assert_int_equal(rt_password_hash("pw", 3, hash, sizeof(hash)), RT_EINVAL);
    assert_int_equal(rt_password_hash("pw", 32, hash, sizeof(hash)), RT_EINVAL);
    assert_int_equal(rt_password_hash(NULL, COST, hash, sizeof(hash)), RT_EINVAL);
    assert_int_equal(rt_password_hash("pw", COST, small, sizeof(small)), RT_EINVAL);
    assert_int_equal(rt_password_verify(NULL, "x", COST, &match), RT_EINVAL);
    assert_int_equal(rt_password_verify("pw", NULL, 0, &match), RT_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_hash_shape, setup_hash),
        cmocka_unit_test_setup(test_verify_right_password, setup_hash),
        cmocka_unit_test_setup(test_verify_wrong_password, setup_hash),
        cmocka_unit_test_setup(test_salts_differ, setup_hash),
        cmocka_unit_test(test_null_hash_never_matches),
        cmocka_unit_test(test_malformed_hash_never_matches),
        cmocka_unit_test(test_72_byte_password),
        cmocka_unit_test(test_over_72_bytes_refused),
        cmocka_unit_test(test_invalid_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
