/*
 * test_builtin.c - unit tests of rt_builtin: each built-in of rt_names.def
 * called the way the endpoint interpreter calls it (text in, text out in
 * an arena), including every way refresh_claims refuses a token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "rt_arena.h"
#include "rt_builtin.h"
#include "rt_config.h"
#include "rt_error.h"
#include "rt_jwt.h"

#define USER_ID "8c1f6d1e-1111-4a2b-9c3d-0123456789ab"
#define JTI "0b7f9e4c-2222-4d5e-8f90-abcdefabcdef"

typedef struct builtin_fixture {
    rt_config config;
    rt_builtin_request request;
    rt_arena *arena;
    const char *out[RT_BUILTIN_MAX_COLUMNS];
    rt_builtin_failure failure;
} builtin_fixture;

static int setup(void **state)
{
    builtin_fixture *fixture = calloc(1, sizeof(*fixture));
    if (fixture == NULL)
        return -1;
    fixture->config.jwt_secret = (char *)"builtin-test-secret";
    fixture->config.jwt_access_ttl_seconds = 900;
    fixture->config.jwt_refresh_ttl_seconds = 604800;
    fixture->config.bcrypt_cost = 4;
    if (rt_arena_create(&fixture->arena) != 0) {
        free(fixture);
        return -1;
    }
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    builtin_fixture *fixture = *state;
    rt_arena_destroy(fixture->arena);
    free(fixture);
    return 0;
}

static int call(builtin_fixture *fixture, rt_builtin_id id, const char *const *args, int nargs)
{
    memset(&fixture->failure, 0, sizeof(fixture->failure));
    return rt_builtin_call(id, &fixture->config, &fixture->request, fixture->arena, args, nargs,
                           fixture->out, &fixture->failure);
}

static void test_column_counts(void **state)
{
    (void)state;
    assert_int_equal(rt_builtin_column_count(RT_BUILTIN_HASH_PASSWORD), 1);
    assert_int_equal(rt_builtin_column_count(RT_BUILTIN_PASSWORD_MATCHES), 1);
    assert_int_equal(rt_builtin_column_count(RT_BUILTIN_ACCESS_TOKEN), 1);
    assert_int_equal(rt_builtin_column_count(RT_BUILTIN_REFRESH_TOKEN), 1);
    assert_int_equal(rt_builtin_column_count(RT_BUILTIN_REFRESH_CLAIMS), 2);
}

static void test_hash_and_match(void **state)
{
    builtin_fixture *fixture = *state;
    const char *hash_args[] = {"s3cret-password"};
    char *hash;

    assert_int_equal(call(fixture, RT_BUILTIN_HASH_PASSWORD, hash_args, 1), 0);
    assert_non_null(fixture->out[0]);
    assert_memory_equal(fixture->out[0], "$2b$04$", 7); /* config's cost */
    hash = strdup(fixture->out[0]);
    assert_non_null(hash);

    const char *right[] = {"s3cret-password", hash};
    assert_int_equal(call(fixture, RT_BUILTIN_PASSWORD_MATCHES, right, 2), 0);
    assert_string_equal(fixture->out[0], "true");

    const char *wrong[] = {"s3cret-passwort", hash};
    assert_int_equal(call(fixture, RT_BUILTIN_PASSWORD_MATCHES, wrong, 2), 0);
    assert_string_equal(fixture->out[0], "false");

    const char *no_user[] = {"s3cret-password", NULL};
    assert_int_equal(call(fixture, RT_BUILTIN_PASSWORD_MATCHES, no_user, 2), 0);
    assert_string_equal(fixture->out[0], "false");
    free(hash);
}

static void test_hash_password_rejects_null(void **state)
{
    builtin_fixture *fixture = *state;
    const char *args[] = {NULL};
    assert_int_equal(call(fixture, RT_BUILTIN_HASH_PASSWORD, args, 1), RT_EINVAL);
}

static void test_access_token(void **state)
{
    builtin_fixture *fixture = *state;
    const char *args[] = {USER_ID, "staff"};
    rt_token_claims claims;
    int64_t now = (int64_t)time(NULL);

    assert_int_equal(call(fixture, RT_BUILTIN_ACCESS_TOKEN, args, 2), 0);
    assert_int_equal(
        rt_jwt_verify("builtin-test-secret", fixture->out[0], RT_TOKEN_ACCESS, now, &claims), 0);
    assert_string_equal(claims.user_id, USER_ID);
    assert_string_equal(claims.role, "staff");
    assert_int_equal(claims.exp - claims.iat, 900);
    assert_true(claims.iat >= now - 5 && claims.iat <= now + 5);
    /* An access token is not a refresh token. */
    assert_int_equal(
        rt_jwt_verify("builtin-test-secret", fixture->out[0], RT_TOKEN_REFRESH, now, &claims),
        RT_EAUTH);
}

static void test_refresh_token_and_claims(void **state)
{
    builtin_fixture *fixture = *state;
    const char *args[] = {USER_ID, "customer", JTI};
    rt_token_claims claims;
    char *token;

    assert_int_equal(call(fixture, RT_BUILTIN_REFRESH_TOKEN, args, 3), 0);
    token = strdup(fixture->out[0]);
    assert_non_null(token);
    assert_int_equal(
        rt_jwt_verify("builtin-test-secret", token, RT_TOKEN_REFRESH, (int64_t)time(NULL), &claims),
        0);
    assert_string_equal(claims.jti, JTI);
    assert_int_equal(claims.exp - claims.iat, 604800);

    const char *claim_args[] = {token};
    assert_int_equal(call(fixture, RT_BUILTIN_REFRESH_CLAIMS, claim_args, 1), 0);
    assert_string_equal(fixture->out[0], USER_ID);
    assert_string_equal(fixture->out[1], JTI);
    free(token);
}

static void test_refresh_token_needs_jti(void **state)
{
    builtin_fixture *fixture = *state;
    const char *args[] = {USER_ID, "customer", NULL};
    assert_int_equal(call(fixture, RT_BUILTIN_REFRESH_TOKEN, args, 3), RT_EINVAL);
}

static void expect_token_not_valid(builtin_fixture *fixture, const char *token)
{
    const char *args[] = {token};
    assert_int_equal(call(fixture, RT_BUILTIN_REFRESH_CLAIMS, args, 1), RT_EAUTH);
    assert_int_equal(fixture->failure.status, 401);
    assert_string_equal(fixture->failure.code, "token_not_valid");
    assert_string_equal(fixture->failure.message, "Token is invalid or expired");
}

static void test_refresh_claims_failures(void **state)
{
    builtin_fixture *fixture = *state;
    char *token = NULL;
    int64_t now = (int64_t)time(NULL);

    /* An access token offered as a refresh token. */
    const char *access_args[] = {USER_ID, "customer"};
    assert_int_equal(call(fixture, RT_BUILTIN_ACCESS_TOKEN, access_args, 2), 0);
    expect_token_not_valid(fixture, fixture->out[0]);

    /* An expired refresh token. */
    assert_int_equal(rt_jwt_issue("builtin-test-secret", RT_TOKEN_REFRESH, USER_ID, "customer", JTI,
                                  60, now - 3600, &token),
                     0);
    expect_token_not_valid(fixture, token);
    free(token);

    /* Signed with another secret. */
    assert_int_equal(rt_jwt_issue("some-other-secret", RT_TOKEN_REFRESH, USER_ID, "customer", JTI,
                                  600, now, &token),
                     0);
    expect_token_not_valid(fixture, token);
    free(token);

    expect_token_not_valid(fixture, "not-a-token");
    expect_token_not_valid(fixture, "");
    expect_token_not_valid(fixture, NULL);
}

static void test_is_true(void **state)
{
    builtin_fixture *fixture = *state;
    static const struct {
        const char *arg;
        const char *want;
    } cases[] = {{"t", "true"},   {"true", "true"}, {"f", "false"}, {"false", "false"},
                 {NULL, "false"}, {"yes", "false"}, {"", "false"}};

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *args[] = {cases[i].arg};
        assert_int_equal(call(fixture, RT_BUILTIN_IS_TRUE, args, 1), 0);
        assert_string_equal(fixture->out[0], cases[i].want);
    }
}

/* if_match: no header passes; a header must list the strong ETag. */
static void test_if_match(void **state)
{
    builtin_fixture *fixture = *state;
    static const struct {
        const char *header;
        const char *version;
        const char *want;
    } cases[] = {{NULL, "3", "true"},           {"\"3\"", "3", "true"},    {"\"2\"", "3", "false"},
                 {"\"1\", \"3\"", "3", "true"}, {"W/\"3\"", "3", "false"}, {"*", "3", "true"},
                 {"*", NULL, "false"},          {"\"3\"", NULL, "false"},  {"3", "3", "false"},
                 {NULL, NULL, "true"}};

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *args[] = {cases[i].version};
        fixture->request.if_match = cases[i].header;
        assert_int_equal(call(fixture, RT_BUILTIN_IF_MATCH, args, 1), 0);
        assert_string_equal(fixture->out[0], cases[i].want);
    }
}

static void test_wrong_argument_count(void **state)
{
    builtin_fixture *fixture = *state;
    const char *args[] = {USER_ID, "customer", JTI};
    assert_int_equal(call(fixture, RT_BUILTIN_ACCESS_TOKEN, args, 3), RT_EINVAL);
    assert_int_equal(call(fixture, RT_BUILTIN_REFRESH_TOKEN, args, 2), RT_EINVAL);
    assert_int_equal(call(fixture, RT_BUILTIN_COUNT, args, 1), RT_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_counts),
        cmocka_unit_test_setup_teardown(test_hash_and_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hash_password_rejects_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_access_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_token_and_claims, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_token_needs_jti, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_claims_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_is_true, setup, teardown),
        cmocka_unit_test_setup_teardown(test_if_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_argument_count, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
