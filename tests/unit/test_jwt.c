/*
 * test_jwt.c - unit tests of rt_jwt: HS256 tokens with SimpleJWT claims.
 *
 * Hostile tokens are made by hand (alg none) or with libjwt directly
 * (HS512 with the same secret, missing claims, oversized), so each test
 * shows that rt_jwt_verify itself rejects them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "rt_error.h"
#include "rt_jwt.h"

#define SECRET "test-secret-0123456789abcdef"
#define USER_ID "8c1f6d1e-1111-4a2b-9c3d-0123456789ab"
#define JTI "0b7f9e4c-2222-4d5e-8f90-abcdefabcdef"
#define NOW ((int64_t)1700000000)

/* base64url without padding, as JWTs use; returns a malloc'd string. */
static char *b64url_bytes(const unsigned char *bytes, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const char *data = (const char *)bytes;
    char *out = malloc(len * 4 / 3 + 4);
    size_t o = 0;
    assert_non_null(out);
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned char)data[i] << 16;
        if (i + 1 < len)
            v |= (unsigned char)data[i + 1] << 8;
        if (i + 2 < len)
            v |= (unsigned char)data[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        if (i + 1 < len)
            out[o++] = alphabet[(v >> 6) & 63];
        if (i + 2 < len)
            out[o++] = alphabet[v & 63];
    }
    out[o] = '\0';
    return out;
}

static char *b64url(const char *data)
{
    return b64url_bytes((const unsigned char *)data, strlen(data));
}

/* header.payload.signature from raw JSON parts (signature given as is). */
static char *craft_token(const char *header_json, const char *payload_json, const char *signature)
{
    char *header = b64url(header_json);
    char *payload = b64url(payload_json);
    size_t len = strlen(header) + strlen(payload) + strlen(signature) + 3;
    char *token = malloc(len);
    assert_non_null(token);
    snprintf(token, len, "%s.%s.%s", header, payload, signature);
    free(header);
    free(payload);
    return token;
}

/* header.payload signed with HMAC-SHA256 and key, whatever the header
 * says (so a header libjwt would never write can carry a valid
 * signature); returns a malloc'd token. */
static char *hmac_token(const char *header_json, const char *payload_json, const char *key)
{
    char *unsigned_token = craft_token(header_json, payload_json, "");
    size_t len = strlen(unsigned_token) - 1; /* without the final '.' */
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    char *signature;
    char *token;

    assert_non_null(HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)unsigned_token,
                         len, mac, &mac_len));
    signature = b64url_bytes(mac, mac_len);
    token = malloc(len + strlen(signature) + 2);
    assert_non_null(token);
    snprintf(token, len + strlen(signature) + 2, "%.*s.%s", (int)len, unsigned_token, signature);
    free(signature);
    free(unsigned_token);
    return token;
}

static const char *valid_payload(void)
{
    return "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
           "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}";
}

/* A token signed by libjwt directly; grants_json is the whole payload. */
static char *libjwt_token(jwt_alg_t alg, const char *key, const char *grants_json)
{
    jwt_t *jwt = NULL;
    char *token;
    assert_int_equal(jwt_new(&jwt), 0);
    assert_int_equal(jwt_set_alg(jwt, alg, (const unsigned char *)key, (int)strlen(key)), 0);
    assert_int_equal(jwt_add_grants_json(jwt, grants_json), 0);
    token = jwt_encode_str(jwt);
    assert_non_null(token);
    jwt_free(jwt);
    return token;
}

static void expect_rejected(const char *token, rt_token_type expected)
{
    rt_token_claims claims;
    memset(&claims, 0x5a, sizeof(claims));
    assert_int_equal(rt_jwt_verify(SECRET, token, expected, NOW, &claims), RT_EAUTH);
    /* Nothing of a rejected token leaks into the output. */
    assert_string_equal(claims.user_id, "");
    assert_string_equal(claims.jti, "");
}

static void test_round_trip_access(void **state)
{
    (void)state;
    char *token = NULL;
    rt_token_claims claims;

    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "staff", NULL, 900, NOW, &token), 0);
    assert_non_null(token);
    assert_int_equal(rt_jwt_verify(SECRET, token, RT_TOKEN_ACCESS, NOW + 10, &claims), 0);
    assert_int_equal(claims.type, RT_TOKEN_ACCESS);
    assert_string_equal(claims.user_id, USER_ID);
    assert_string_equal(claims.role, "staff");
    assert_int_equal(claims.iat, NOW);
    assert_int_equal(claims.exp, NOW + 900);
    /* A random jti is a version 4 uuid. */
    assert_int_equal(strlen(claims.jti), 36);
    assert_int_equal(claims.jti[14], '4');
    assert_non_null(strchr("89ab", claims.jti[19]));
    free(token);
}

static void test_round_trip_refresh_with_jti(void **state)
{
    (void)state;
    char *token = NULL;
    rt_token_claims claims;

    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_REFRESH, USER_ID, "customer", JTI, 604800, NOW, &token), 0);
    assert_int_equal(rt_jwt_verify(SECRET, token, RT_TOKEN_REFRESH, NOW, &claims), 0);
    assert_int_equal(claims.type, RT_TOKEN_REFRESH);
    assert_string_equal(claims.jti, JTI);
    assert_string_equal(claims.role, "customer");
    free(token);
}

static void test_random_jtis_differ(void **state)
{
    (void)state;
    char *first = NULL;
    char *second = NULL;
    rt_token_claims a, b;

    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "customer", NULL, 60, NOW, &first), 0);
    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "customer", NULL, 60, NOW, &second), 0);
    assert_int_equal(rt_jwt_verify(SECRET, first, RT_TOKEN_ACCESS, NOW, &a), 0);
    assert_int_equal(rt_jwt_verify(SECRET, second, RT_TOKEN_ACCESS, NOW, &b), 0);
    assert_string_not_equal(a.jti, b.jti);
    free(first);
    free(second);
}

static void test_issue_rejects_bad_input(void **state)
{
    (void)state;
    char *token = (char *)"untouched";
    char long_id[100];
    memset(long_id, 'x', sizeof(long_id) - 1);
    long_id[sizeof(long_id) - 1] = '\0';

    assert_int_equal(rt_jwt_issue("", RT_TOKEN_ACCESS, USER_ID, "staff", NULL, 60, NOW, &token),
                     RT_EINVAL);
    assert_null(token);
    assert_int_equal(rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, "", "staff", NULL, 60, NOW, &token),
                     RT_EINVAL);
    assert_int_equal(rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, long_id, "staff", NULL, 60, NOW, &token),
                     RT_EINVAL);
    assert_int_equal(rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, NULL, NULL, 60, NOW, &token),
                     RT_EINVAL);
    assert_int_equal(rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "staff", NULL, 0, NOW, &token),
                     RT_EINVAL);
    assert_null(token);
}

static void test_alg_none_rejected(void **state)
{
    (void)state;
    char *token = craft_token("{\"alg\":\"none\",\"typ\":\"JWT\"}", valid_payload(), "");
    /* The same payload decodes without a key: libjwt itself accepts it. */
    jwt_t *unchecked = NULL;
    assert_int_equal(jwt_decode(&unchecked, token, NULL, 0), 0);
    jwt_free(unchecked);

    expect_rejected(token, RT_TOKEN_ACCESS);
    free(token);
}

static void test_hs512_same_secret_rejected(void **state)
{
    (void)state;
    char *token = libjwt_token(JWT_ALG_HS512, SECRET, valid_payload());
    /* libjwt alone would accept it with our key. */
    jwt_t *decoded = NULL;
    assert_int_equal(
        jwt_decode(&decoded, token, (const unsigned char *)SECRET, (int)strlen(SECRET)), 0);
    jwt_free(decoded);

    expect_rejected(token, RT_TOKEN_ACCESS);
    free(token);
}

static void test_libjwt_hs256_accepted(void **state)
{
    (void)state;
    /* Control for the crafted cases: the same payload, HS256, passes. */
    char *token = libjwt_token(JWT_ALG_HS256, SECRET, valid_payload());
    rt_token_claims claims;
    assert_int_equal(rt_jwt_verify(SECRET, token, RT_TOKEN_ACCESS, NOW, &claims), 0);
    assert_string_equal(claims.jti, JTI);
    free(token);
}

static void test_alg_must_be_exactly_hs256(void **state)
{
    (void)state;
    rt_token_claims claims;
    /* Control: a hand-signed HS256 token passes, so the refusals below are
     * about the header's spelling of the algorithm. */
    char *good = hmac_token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", valid_payload(), SECRET);
    assert_int_equal(rt_jwt_verify(SECRET, good, RT_TOKEN_ACCESS, NOW, &claims), 0);
    free(good);

    static const char *const headers[] = {
        "{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"Hs256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"HS256 \",\"typ\":\"JWT\"}",
        "{\"alg\":[\"HS256\"],\"typ\":\"JWT\"}",
        "{\"typ\":\"JWT\"}",
    };
    for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
        char *token = hmac_token(headers[i], valid_payload(), SECRET);
        expect_rejected(token, RT_TOKEN_ACCESS);
        free(token);
    }
}

static void test_nbf_in_the_future_rejected(void **state)
{
    (void)state;
    rt_token_claims claims;
    char *now = libjwt_token(JWT_ALG_HS256, SECRET,
                             "{\"token_type\":\"access\",\"user_id\":\"" USER_ID
                             "\",\"role\":\"customer\",\"jti\":\"" JTI
                             "\",\"iat\":1700000000,\"exp\":1700000900,\"nbf\":1700000000}");
    assert_int_equal(rt_jwt_verify(SECRET, now, RT_TOKEN_ACCESS, NOW, &claims), 0);
    free(now);

    static const char *const payloads[] = {
        /* nbf one second after now */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900,\"nbf\":1700000001}",
        /* nbf as a string (libjwt would read it as 0) */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900,\"nbf\":\"1700000001\"}",
    };
    for (size_t i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
        char *token = libjwt_token(JWT_ALG_HS256, SECRET, payloads[i]);
        expect_rejected(token, RT_TOKEN_ACCESS);
        free(token);
    }
}

static void test_user_id_and_jti_must_be_uuids(void **state)
{
    (void)state;
    static const char *const values[] = {
        "42",
        "not-a-uuid",
        "8C1F6D1E-1111-4A2B-9C3D-0123456789AB", /* upper case: not canonical */
        "8c1f6d1e11114a2b9c3d0123456789ab",     /* no dashes */
        "{8c1f6d1e-1111-4a2b-9c3d-0123456789ab}",
        "8c1f6d1e-1111-4a2b-9c3d-0123456789ag",
        "8c1f6d1e-1111-4a2b-9c3d-0123456789a",
    };
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        char user_payload[512];
        char jti_payload[512];
        snprintf(user_payload, sizeof(user_payload),
                 "{\"token_type\":\"access\",\"user_id\":\"%s\",\"role\":\"customer\","
                 "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}",
                 values[i]);
        snprintf(jti_payload, sizeof(jti_payload),
                 "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
                 "\"jti\":\"%s\",\"iat\":1700000000,\"exp\":1700000900}",
                 values[i]);
        char *bad_user = libjwt_token(JWT_ALG_HS256, SECRET, user_payload);
        char *bad_jti = libjwt_token(JWT_ALG_HS256, SECRET, jti_payload);
        expect_rejected(bad_user, RT_TOKEN_ACCESS);
        expect_rejected(bad_jti, RT_TOKEN_ACCESS);
        free(bad_user);
        free(bad_jti);
    }
}

static void test_wrong_key_rejected(void **state)
{
    (void)state;
    char *token = NULL;
    assert_int_equal(
        rt_jwt_issue("another-secret", RT_TOKEN_ACCESS, USER_ID, "admin", NULL, 900, NOW, &token),
        0);
    expect_rejected(token, RT_TOKEN_ACCESS);
    free(token);
}

static void test_tampered_payload_rejected(void **state)
{
    (void)state;
    char *token = NULL;
    char *payload;
    char *forged;
    size_t len;

    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "customer", JTI, 900, NOW, &token), 0);
    /* Keep header and signature, swap in a payload that says admin. */
    const char *first_dot = strchr(token, '.');
    const char *last_dot = strrchr(token, '.');
    assert_non_null(first_dot);
    assert_true(last_dot > first_dot);
    payload = b64url("{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":"
                     "\"admin\",\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}");
    len = strlen(token) + strlen(payload) + 1;
    forged = malloc(len);
    assert_non_null(forged);
    snprintf(forged, len, "%.*s.%s%s", (int)(first_dot - token), token, payload, last_dot);
    expect_rejected(forged, RT_TOKEN_ACCESS);

    /* Flipping one signature character is rejected too. */
    token[strlen(token) - 2] = token[strlen(token) - 2] == 'A' ? 'B' : 'A';
    expect_rejected(token, RT_TOKEN_ACCESS);
    free(payload);
    free(forged);
    free(token);
}

static void test_expired_rejected(void **state)
{
    (void)state;
    char *token = NULL;
    rt_token_claims claims;

    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "customer", NULL, 900, NOW, &token), 0);
    assert_int_equal(rt_jwt_verify(SECRET, token, RT_TOKEN_ACCESS, NOW + 899, &claims), 0);
    /* exp == now is already expired. */
    assert_int_equal(rt_jwt_verify(SECRET, token, RT_TOKEN_ACCESS, NOW + 900, &claims), RT_EAUTH);
    assert_int_equal(rt_jwt_verify(SECRET, token, RT_TOKEN_ACCESS, NOW + 100000, &claims),
                     RT_EAUTH);
    free(token);
}

static void test_missing_or_malformed_claims_rejected(void **state)
{
    (void)state;
    static const char *const payloads[] = {
        /* no exp */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000}",
        /* no iat */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"exp\":1700000900}",
        /* exp as a string */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":\"1700000900\"}",
        /* no token_type */
        "{\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}",
        /* user_id not a string */
        "{\"token_type\":\"access\",\"user_id\":42,\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}",
        /* empty role */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}",
        /* no jti */
        "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
        "\"iat\":1700000000,\"exp\":1700000900}",
        /* user_id too long for the claims struct */
        "{\"token_type\":\"access\",\"user_id\":\"0123456789012345678901234567890123456789"
        "012345678901234567890123456789\",\"role\":\"customer\","
        "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900}",
    };
    for (size_t i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
        char *token = libjwt_token(JWT_ALG_HS256, SECRET, payloads[i]);
        expect_rejected(token, RT_TOKEN_ACCESS);
        free(token);
    }
}

static void test_wrong_type_rejected(void **state)
{
    (void)state;
    char *access = NULL;
    char *refresh = NULL;
    rt_token_claims claims;

    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_ACCESS, USER_ID, "customer", NULL, 900, NOW, &access), 0);
    assert_int_equal(
        rt_jwt_issue(SECRET, RT_TOKEN_REFRESH, USER_ID, "customer", JTI, 900, NOW, &refresh), 0);
    expect_rejected(access, RT_TOKEN_REFRESH);
    expect_rejected(refresh, RT_TOKEN_ACCESS);
    assert_int_equal(rt_jwt_verify(SECRET, access, RT_TOKEN_ACCESS, NOW, &claims), 0);
    assert_int_equal(rt_jwt_verify(SECRET, refresh, RT_TOKEN_REFRESH, NOW, &claims), 0);
    free(access);
    free(refresh);
}

static void test_oversized_token_rejected(void **state)
{
    (void)state;
    /* Correctly signed, otherwise valid, but over 4096 bytes. */
    char padding[4200];
    char payload[4500];
    memset(padding, 'p', sizeof(padding) - 1);
    padding[sizeof(padding) - 1] = '\0';
    snprintf(payload, sizeof(payload),
             "{\"token_type\":\"access\",\"user_id\":\"" USER_ID "\",\"role\":\"customer\","
             "\"jti\":\"" JTI "\",\"iat\":1700000000,\"exp\":1700000900,\"pad\":\"%s\"}",
             padding);
    char *token = libjwt_token(JWT_ALG_HS256, SECRET, payload);
    assert_true(strlen(token) > 4096);
    expect_rejected(token, RT_TOKEN_ACCESS);
    free(token);
}

static void test_garbage_rejected(void **state)
{
    (void)state;
    static const char *const garbage[] = {
        "",
        "abc",
        "a.b.c",
        "..",
        "....",
        "eyJhbGciOiJIUzI1NiJ9",
        "eyJ.eyJ.sig",
        "\xff\xfe.\x01.\x02",
        "Bearer x.y.z",
    };
    rt_token_claims claims;
    for (size_t i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++)
        expect_rejected(garbage[i], RT_TOKEN_ACCESS);
    assert_int_equal(rt_jwt_verify(SECRET, NULL, RT_TOKEN_ACCESS, NOW, &claims), RT_EAUTH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_access),
        cmocka_unit_test(test_round_trip_refresh_with_jti),
        cmocka_unit_test(test_random_jtis_differ),
        cmocka_unit_test(test_issue_rejects_bad_input),
        cmocka_unit_test(test_alg_none_rejected),
        cmocka_unit_test(test_hs512_same_secret_rejected),
        cmocka_unit_test(test_libjwt_hs256_accepted),
        cmocka_unit_test(test_alg_must_be_exactly_hs256),
        cmocka_unit_test(test_nbf_in_the_future_rejected),
        cmocka_unit_test(test_user_id_and_jti_must_be_uuids),
        cmocka_unit_test(test_wrong_key_rejected),
        cmocka_unit_test(test_tampered_payload_rejected),
        cmocka_unit_test(test_expired_rejected),
        cmocka_unit_test(test_missing_or_malformed_claims_rejected),
        cmocka_unit_test(test_wrong_type_rejected),
        cmocka_unit_test(test_oversized_token_rejected),
        cmocka_unit_test(test_garbage_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
