/*
 * rt_jwt.c - HS256 JSON Web Tokens (libjwt 1.10) with SimpleJWT's claims.
 *
 * libjwt 1.10 checks the signature when jwt_decode is given a key, but
 * accepts any HMAC algorithm the token names (HS384/HS512 with our secret)
 * and never looks at exp. So verification here:
 *   1. refuses tokens over RT_JWT_MAX_TOKEN_BYTES before parsing;
 *   2. decodes WITH the key (never without: that accepts unsigned tokens);
 *   3. pins the algorithm to HS256, twice: libjwt's parsed algorithm, and
 *      the header's "alg" read here (base64url + jansson) and compared
 *      exactly, since libjwt may match algorithm names without regard to
 *      case ("hs256");
 *   4. requires integer exp > now and an integer iat, and, when the token
 *      has nbf, an integer nbf <= now (read from the payload here too, so
 *      a non-integer nbf is refused rather than read as 0);
 *   5. requires token_type == the expected type;
 *   6. requires user_id, role and jti to be non-empty strings that fit
 *      rt_token_claims, and user_id and jti to be canonical (lower-case,
 *      8-4-4-4-12) uuid text: the database and the rate limiter key on
 *      them, so "ABC..." and "abc..." must not be two users.
 * Any failure is RT_EAUTH; the reason is not told to the caller (nor to a
 * client).
 *
 * Ownership: libjwt objects and strings are freed on every path; the
 * issued token is malloc'd (jwt_encode_str) and handed to the caller.
 */
#include "rt_jwt.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <jansson.h>
#include <jwt.h>

#include "rt_base64url.h"
#include "rt_error.h"

#define RT_JWT_MAX_TOKEN_BYTES 4096
#define RT_JWT_UUID_TEXT_LEN 36
#define RT_JWT_FIELD_SIZE(field) sizeof(((rt_token_claims *)0)->field)

static const char *rt_jwt_type_name(rt_token_type type)
{
    return type == RT_TOKEN_REFRESH ? "refresh" : "access";
}

/* A random (version 4) uuid in lower-case text; out holds >= 37 bytes. */
static int rt_jwt_random_uuid(char *out, size_t out_len)
{
    unsigned char bytes[16];
    size_t have = 0;

    if (out_len < RT_JWT_UUID_TEXT_LEN + 1)
        return RT_EINVAL;
    while (have < sizeof(bytes)) {
        ssize_t got = getrandom(bytes + have, sizeof(bytes) - have, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return RT_ENOMEM; /* no randomness: a resource failure */
        }
        have += (size_t)got;
    }
    bytes[6] = (unsigned char)((bytes[6] & 0x0f) | 0x40); /* version 4 */
    bytes[8] = (unsigned char)((bytes[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, out_len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
             bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return 0;
}

/* A claim value fits when it is a non-empty string shorter than the
 * rt_token_claims field it goes into. */
static bool rt_jwt_claim_fits(const char *value, size_t field_size)
{
    return value != NULL && value[0] != '\0' && strlen(value) < field_size;
}

int rt_jwt_issue(const char *secret, rt_token_type type, const char *user_id, const char *role,
                 const char *jti, int64_t ttl_seconds, int64_t now, char **out_token)
{
    int rc = 0;
    jwt_t *jwt = NULL;
    char random_jti[RT_JWT_UUID_TEXT_LEN + 1];

    if (out_token != NULL)
        *out_token = NULL;
    if (secret == NULL || secret[0] == '\0' || out_token == NULL || ttl_seconds <= 0 ||
        (type != RT_TOKEN_ACCESS && type != RT_TOKEN_REFRESH) ||
        !rt_jwt_claim_fits(user_id, RT_JWT_FIELD_SIZE(user_id)) ||
        !rt_jwt_claim_fits(role, RT_JWT_FIELD_SIZE(role)) ||
        (jti != NULL && !rt_jwt_claim_fits(jti, RT_JWT_FIELD_SIZE(jti))) ||
        now > INT64_MAX - ttl_seconds) {
        rc = RT_EINVAL;
        goto done;
    }
    if (jti == NULL) {
        rc = rt_jwt_random_uuid(random_jti, sizeof(random_jti));
        if (rc != 0)
            goto done;
        jti = random_jti;
    }
    if (jwt_new(&jwt) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)secret, (int)strlen(secret)) != 0 ||
        jwt_add_grant(jwt, "token_type", rt_jwt_type_name(type)) != 0 ||
        jwt_add_grant(jwt, "user_id", user_id) != 0 || jwt_add_grant(jwt, "role", role) != 0 ||
        jwt_add_grant(jwt, "jti", jti) != 0 || jwt_add_grant_int(jwt, "iat", (long)now) != 0 ||
        jwt_add_grant_int(jwt, "exp", (long)(now + ttl_seconds)) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    *out_token = jwt_encode_str(jwt);
    if (*out_token == NULL)
        rc = RT_ENOMEM;
done:
    jwt_free(jwt); /* NULL-safe */
    return rc;
}

/* Reads an integer claim; false when it is missing or not an integer. */
static bool rt_jwt_int_claim(jwt_t *jwt, const char *name, int64_t *out)
{
    errno = 0;
    long value = jwt_get_grant_int(jwt, name);
    if (errno != 0)
        return false;
    *out = (int64_t)value;
    return true;
}

/* Parses segment `index` (0 header, 1 payload) of token as a JSON object;
 * *out is the caller's to json_decref. RT_EINVAL when it is not one. */
static int rt_jwt_segment_json(const char *token, int index, json_t **out)
{
    const char *start = token;
    const char *end;
    unsigned char *decoded = NULL;
    size_t decoded_len = 0;
    json_t *root = NULL;
    int rc = RT_EINVAL;

    *out = NULL;
    for (int i = 0; i < index && start != NULL; i++) {
        start = strchr(start, '.');
        start = start ? start + 1 : NULL;
    }
    if (start == NULL)
        goto done;
    end = strchr(start, '.');
    if (end == NULL)
        goto done;
    decoded = malloc((size_t)(end - start) * 3 / 4 + 1);
    if (decoded == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (rt_base64url_decode(start, (size_t)(end - start), decoded, &decoded_len) != 0)
        goto done;
    root = json_loadb((const char *)decoded, decoded_len, JSON_REJECT_DUPLICATES, NULL);
    if (root == NULL || !json_is_object(root))
        goto done;
    *out = root;
    root = NULL;
    rc = 0;
done:
    json_decref(root); /* NULL-safe */
    free(decoded);
    return rc;
}

/* The header's alg is exactly "HS256" and, when the payload has nbf, it
 * is an integer no later than now. */
static bool rt_jwt_raw_checks(const char *token, int64_t now)
{
    json_t *header = NULL;
    json_t *payload = NULL;
    const json_t *alg;
    const json_t *nbf;
    bool ok = false;

    if (rt_jwt_segment_json(token, 0, &header) != 0 || rt_jwt_segment_json(token, 1, &payload) != 0)
        goto done;
    alg = json_object_get(header, "alg");
    if (!json_is_string(alg) || strcmp(json_string_value(alg), "HS256") != 0)
        goto done;
    nbf = json_object_get(payload, "nbf");
    if (nbf != NULL && (!json_is_integer(nbf) || json_integer_value(nbf) > now))
        goto done;
    ok = true;
done:
    json_decref(header);
    json_decref(payload);
    return ok;
}

/* Canonical uuid text: 36 characters, lower-case hex, dashes at 8, 13,
 * 18 and 23 (as PostgreSQL writes a uuid). */
static bool rt_jwt_is_uuid(const char *s)
{
    if (strlen(s) != RT_JWT_UUID_TEXT_LEN)
        return false;
    for (int i = 0; i < RT_JWT_UUID_TEXT_LEN; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

int rt_jwt_verify(const char *secret, const char *token, rt_token_type expected, int64_t now,
                  rt_token_claims *out)
{
    int rc = RT_EAUTH;
    jwt_t *jwt = NULL;
    rt_token_claims claims;
    const char *token_type;
    const char *user_id;
    const char *role;
    const char *jti;

    memset(&claims, 0, sizeof(claims));
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    if (secret == NULL || secret[0] == '\0' || token == NULL || out == NULL ||
        strnlen(token, RT_JWT_MAX_TOKEN_BYTES + 1) > RT_JWT_MAX_TOKEN_BYTES)
        goto done;
    if (jwt_decode(&jwt, token, (const unsigned char *)secret, (int)strlen(secret)) != 0) {
        jwt = NULL; /* not set on failure; be explicit */
        goto done;
    }
    if (jwt_get_alg(jwt) != JWT_ALG_HS256 || !rt_jwt_raw_checks(token, now))
        goto done;
    if (!rt_jwt_int_claim(jwt, "exp", &claims.exp) || claims.exp <= now)
        goto done;
    if (!rt_jwt_int_claim(jwt, "iat", &claims.iat))
        goto done;
    token_type = jwt_get_grant(jwt, "token_type");
    if (token_type == NULL || strcmp(token_type, rt_jwt_type_name(expected)) != 0)
        goto done;
    user_id = jwt_get_grant(jwt, "user_id");
    role = jwt_get_grant(jwt, "role");
    jti = jwt_get_grant(jwt, "jti");
    if (!rt_jwt_claim_fits(user_id, sizeof(claims.user_id)) ||
        !rt_jwt_claim_fits(role, sizeof(claims.role)) ||
        !rt_jwt_claim_fits(jti, sizeof(claims.jti)) || !rt_jwt_is_uuid(user_id) ||
        !rt_jwt_is_uuid(jti))
        goto done;
    claims.type = expected;
    memcpy(claims.user_id, user_id, strlen(user_id) + 1);
    memcpy(claims.role, role, strlen(role) + 1);
    memcpy(claims.jti, jti, strlen(jti) + 1);
    *out = claims;
    rc = 0;
done:
    jwt_free(jwt);
    return rc;
}
