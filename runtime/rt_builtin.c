/*
 * rt_builtin.c - the built-in functions of the spec (rt_names.def):
 * hash_password, password_matches, access_token, refresh_token,
 * refresh_claims (on top of rt_password and rt_jwt), is_true, is_false and
 * if_match (rt_etag) and webhook_target_allowed (rt_webhook_target).
 *
 * Arguments arrive as text (NULL = SQL NULL) and results leave as text
 * allocated in the request's arena, one per result column. Settings come
 * from rt_config (bcrypt_cost, jwt_secret, jwt_*_ttl_seconds); "now" is
 * time(NULL).
 *
 * Invariant: builtin_table has one entry per rt_builtin_id, built from the
 * same rt_names.def the compiler reads, so argument and column counts
 * cannot drift from what the compiler checked.
 */
#include "rt_builtin.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt_error.h"
#include "rt_etag.h"
#include "rt_jwt.h"
#include "rt_password.h"
#include "rt_webhook_target.h"

typedef struct builtin_info {
    const char *name;
    int arg_count;
    const char *columns; /* "col:type,col:type" for records, else "" */
} builtin_info;

static const builtin_info builtin_table[RT_BUILTIN_COUNT] = {
#define RT_BUILTIN(id, name, result, nargs, arg_types, columns)                                    \
    [RT_BUILTIN_##id] = {name, nargs, columns},
#include "rt_names.def"
};

/* SimpleJWT's answer to an unusable refresh token. */
static const rt_builtin_failure refresh_token_failure = {401, "token_not_valid",
                                                         "Token is invalid or expired"};

int rt_builtin_column_count(rt_builtin_id id)
{
    int count = 0;
    if ((int)id < 0 || id >= RT_BUILTIN_COUNT)
        return 0;
    for (const char *c = builtin_table[id].columns; *c != '\0'; c++)
        if (*c == ':')
            count++;
    return count > 0 ? count : 1;
}

/* Copies s into the arena as result column `column`. */
static int builtin_put(rt_arena *arena, const char **out, int column, const char *s)
{
    out[column] = rt_arena_strdup(arena, s);
    return out[column] == NULL ? RT_ENOMEM : 0;
}

static int builtin_hash_password(const rt_config *config, rt_arena *arena, const char *const *args,
                                 const char **out)
{
    char hash[RT_PASSWORD_HASH_MAX];
    int rc;

    if (args[0] == NULL)
        return RT_EINVAL;
    rc = rt_password_hash(args[0], config->bcrypt_cost, hash, sizeof(hash));
    if (rc == 0)
        rc = builtin_put(arena, out, 0, hash);
    return rc;
}

static int builtin_password_matches(const rt_config *config, rt_arena *arena,
                                    const char *const *args, const char **out)
{
    bool match = false;
    int rc;

    if (args[0] == NULL)
        return RT_EINVAL;
    /* args[1] may be NULL (no such user): same work, no match. */
    rc = rt_password_verify(args[0], args[1], config->bcrypt_cost, &match);
    if (rc == 0)
        rc = builtin_put(arena, out, 0, match ? "true" : "false");
    return rc;
}

/* access_token(user_id, role) and refresh_token(user_id, role, jti). */
static int builtin_token(const rt_config *config, rt_arena *arena, rt_token_type type,
                         const char *const *args, const char **out)
{
    char *token = NULL;
    int64_t ttl =
        type == RT_TOKEN_ACCESS ? config->jwt_access_ttl_seconds : config->jwt_refresh_ttl_seconds;
    const char *jti = type == RT_TOKEN_REFRESH ? args[2] : NULL;
    int rc;

    if (args[0] == NULL || args[1] == NULL || (type == RT_TOKEN_REFRESH && jti == NULL)) {
        rc = RT_EINVAL;
        goto done;
    }
    rc = rt_jwt_issue(config->jwt_secret, type, args[0], args[1], jti, ttl, (int64_t)time(NULL),
                      &token);
    if (rc != 0)
        goto done;
    rc = builtin_put(arena, out, 0, token);
done:
    free(token);
    return rc;
}

static int builtin_refresh_claims(const rt_config *config, rt_arena *arena, const char *const *args,
                                  const char **out, rt_builtin_failure *failure)
{
    rt_token_claims claims;
    int rc;

    if (args[0] == NULL || rt_jwt_verify(config->jwt_secret, args[0], RT_TOKEN_REFRESH,
                                         (int64_t)time(NULL), &claims) != 0) {
        *failure = refresh_token_failure;
        return RT_EAUTH;
    }
    rc = builtin_put(arena, out, 0, claims.user_id);
    if (rc == 0)
        rc = builtin_put(arena, out, 1, claims.jti);
    return rc;
}

/* is_true(bool): PostgreSQL writes a bool as "t" / "f"; literals and
 * built-ins as "true" / "false". NULL is false. */
static int builtin_is_true(rt_arena *arena, const char *const *args, const char **out)
{
    bool value = args[0] != NULL && (strcmp(args[0], "t") == 0 || strcmp(args[0], "true") == 0);
    return builtin_put(arena, out, 0, value ? "true" : "false");
}

static int builtin_is_false(rt_arena *arena, const char *const *args, const char **out)
{
    bool value = args[0] != NULL && (strcmp(args[0], "f") == 0 || strcmp(args[0], "false") == 0);
    return builtin_put(arena, out, 0, value ? "true" : "false");
}

/* No If-Match: unconditional. Else the list must match the version's
 * strong ETag; a NULL version (no row) matches nothing, not even `*`. */
static int builtin_if_match(const rt_builtin_request *request, rt_arena *arena,
                            const char *const *args, const char **out)
{
    char etag[RT_ETAG_MAX];
    bool matches = true;
    int rc;

    if (request != NULL && request->if_match != NULL) {
        matches = false;
        if (args[0] != NULL && rt_etag_format(args[0], etag, sizeof etag) == 0) {
            rc = rt_etag_list_matches(request->if_match, etag, RT_ETAG_STRONG, &matches);
            if (rc != 0)
                return rc;
        }
    }
    return builtin_put(arena, out, 0, matches ? "true" : "false");
}

/* NULL (no URL given: a PATCH without it) passes; else the URL's host must
 * resolve only to public addresses unless WEBHOOK_ALLOW_PRIVATE_TARGETS. */
static int builtin_webhook_target_allowed(const rt_config *config, rt_arena *arena,
                                          const char *const *args, const char **out)
{
    rt_webhook_target target;
    const char *reason = NULL;
    bool allowed =
        args[0] == NULL ||
        rt_webhook_target_check(args[0], config->webhook_private_targets, &target, &reason) == 0;
    return builtin_put(arena, out, 0, allowed ? "true" : "false");
}

int rt_builtin_call(rt_builtin_id id, const rt_config *config, const rt_builtin_request *request,
                    rt_arena *arena, const char *const *args, int nargs, const char **out,
                    rt_builtin_failure *failure)
{
    int rc = RT_EINVAL;

    if ((int)id < 0 || id >= RT_BUILTIN_COUNT || config == NULL || arena == NULL || out == NULL ||
        failure == NULL || nargs != builtin_table[id].arg_count || (nargs > 0 && args == NULL))
        goto done;
    assert(rt_builtin_column_count(id) <= RT_BUILTIN_MAX_COLUMNS);
    for (int i = 0; i < rt_builtin_column_count(id); i++)
        out[i] = NULL;

    switch (id) {
    case RT_BUILTIN_HASH_PASSWORD:
        rc = builtin_hash_password(config, arena, args, out);
        break;
    case RT_BUILTIN_PASSWORD_MATCHES:
        rc = builtin_password_matches(config, arena, args, out);
        break;
    case RT_BUILTIN_ACCESS_TOKEN:
        rc = builtin_token(config, arena, RT_TOKEN_ACCESS, args, out);
        break;
    case RT_BUILTIN_REFRESH_TOKEN:
        rc = builtin_token(config, arena, RT_TOKEN_REFRESH, args, out);
        break;
    case RT_BUILTIN_REFRESH_CLAIMS:
        rc = builtin_refresh_claims(config, arena, args, out, failure);
        break;
    case RT_BUILTIN_IS_TRUE:
        rc = builtin_is_true(arena, args, out);
        break;
    case RT_BUILTIN_IS_FALSE:
        rc = builtin_is_false(arena, args, out);
        break;
    case RT_BUILTIN_IF_MATCH:
        rc = builtin_if_match(request, arena, args, out);
        break;
    case RT_BUILTIN_WEBHOOK_TARGET_ALLOWED:
        rc = builtin_webhook_target_allowed(config, arena, args, out);
        break;
    case RT_BUILTIN_COUNT:
        break;
    }
done:
    return rc;
}
