/*
 * rt_jwt.h - HS256 JSON Web Tokens with SimpleJWT's claim names.
 *
 * Claims: token_type ("access" | "refresh"), user_id (the user's uid),
 * role, jti, iat, exp (nbf optional). Verification pins the algorithm to
 * exactly "HS256" (libjwt 1.10 would accept HS512 or, without a key, alg
 * none), requires exp in the future, iat present, nbf (when present) not
 * in the future, user_id and jti canonical uuid text, and checks
 * token_type against what is expected.
 */
#ifndef RT_JWT_H
#define RT_JWT_H

#include <stdint.h>

typedef enum rt_token_type {
    RT_TOKEN_ACCESS = 0,
    RT_TOKEN_REFRESH,
} rt_token_type;

typedef struct rt_token_claims {
    rt_token_type type;
    char user_id[64];
    char role[32];
    char jti[64];
    int64_t iat;
    int64_t exp;
} rt_token_claims;

/* Issues a token; jti NULL makes a random one (uuid v4). *out_token is
 * malloc'd; the caller frees it. Returns 0, RT_EINVAL or RT_ENOMEM. */
int rt_jwt_issue(const char *secret, rt_token_type type, const char *user_id, const char *role,
                 const char *jti, int64_t ttl_seconds, int64_t now, char **out_token);

/* Verifies a token; returns 0 with *out filled, or RT_EAUTH for anything
 * wrong (bad signature, other algorithm, expired, not yet valid, wrong
 * type, missing or malformed claims). */
int rt_jwt_verify(const char *secret, const char *token, rt_token_type expected, int64_t now,
                  rt_token_claims *out);

#endif /* RT_JWT_H */
