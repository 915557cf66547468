/*
 * rt_password.c - bcrypt password hashes through libxcrypt.
 *
 * Hashing: crypt_gensalt_rn("$2b$", cost) draws a random salt (libxcrypt
 * reads the OS random source itself), crypt_rn hashes with it. Both write
 * into caller-provided memory; struct crypt_data (32 KiB) lives on the heap
 * and is wiped before it is freed, since it holds password-derived state.
 *
 * Verification recomputes the hash with the stored string as the setting
 * and compares the two full strings in constant time. A NULL hash (no such
 * user) or a password over 72 bytes is hashed anyway, with a fixed setting
 * of the same cost, and reported as no match: an attacker cannot tell
 * "unknown user" from "wrong password" by the time it takes.
 *
 * Invariant: every accepted password is at most RT_PASSWORD_MAX_BYTES, so
 * bcrypt never silently ignores part of it.
 */
#include "rt_password.h"

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"

#define RT_PASSWORD_MAX_BYTES 72
#define RT_PASSWORD_MIN_COST 4
#define RT_PASSWORD_MAX_COST 31

/* A canonical 22-character bcrypt salt, used only for the dummy work done
 * when there is no hash to check against. */
#define RT_PASSWORD_DUMMY_SALT "abcdefghijklmnopqrstuu"

static bool rt_password_cost_valid(int cost)
{
    return cost >= RT_PASSWORD_MIN_COST && cost <= RT_PASSWORD_MAX_COST;
}

/* Constant-time equality of two NUL-terminated strings: the time depends
 * on the lengths (public: every bcrypt hash is 60 bytes), never on where
 * the first difference is. */
static bool rt_password_equal(const char *a, const char *b)
{
    size_t a_len = strlen(a);
    size_t b_len = strlen(b);
    size_t common = a_len < b_len ? a_len : b_len;
    volatile unsigned char diff = (unsigned char)(a_len != b_len);
    for (size_t i = 0; i < common; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

/* Runs crypt_rn(password, setting) in heap scratch space and copies the
 * result into out. A setting libxcrypt rejects gives *out_ok = false and
 * returns 0: it is bad data, not a failure of this process. */
static int rt_password_crypt(const char *password, const char *setting, char *out, size_t out_len,
                             bool *out_ok)
{
    int rc = 0;
    struct crypt_data *scratch = calloc(1, sizeof(*scratch));
    *out_ok = false;
    if (scratch == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    const char *hashed = crypt_rn(password, setting, scratch, (int)sizeof(*scratch));
    if (hashed == NULL || hashed[0] == '*')
        goto done;
    size_t hashed_len = strlen(hashed);
    if (hashed_len >= out_len)
        goto done;
    memcpy(out, hashed, hashed_len + 1);
    *out_ok = true;
done:
    if (scratch != NULL) {
        explicit_bzero(scratch, sizeof(*scratch));
        free(scratch);
    }
    return rc;
}

int rt_password_hash(const char *password, int cost, char *out, size_t out_len)
{
    int rc = 0;
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    bool ok = false;

    if (password == NULL || out == NULL || out_len < RT_PASSWORD_HASH_MAX ||
        !rt_password_cost_valid(cost) || strlen(password) > RT_PASSWORD_MAX_BYTES) {
        rc = RT_EINVAL;
        goto done;
    }
    out[0] = '\0';
    if (crypt_gensalt_rn("$2b$", (unsigned long)cost, NULL, 0, setting, (int)sizeof(setting)) ==
        NULL) {
        rc = RT_ENOMEM; /* only fails for want of resources (random bytes) */
        goto done;
    }
    rc = rt_password_crypt(password, setting, out, out_len, &ok);
    if (rc == 0 && !ok)
        rc = RT_EINVAL;
done:
    return rc;
}

int rt_password_verify(const char *password, const char *hash, int cost, bool *out_match)
{
    int rc = 0;
    char computed[CRYPT_OUTPUT_SIZE];
    char dummy_setting[64];
    bool ok = false;

    if (out_match != NULL)
        *out_match = false;
    if (password == NULL || out_match == NULL || !rt_password_cost_valid(cost)) {
        rc = RT_EINVAL;
        goto done;
    }
    if (hash == NULL || strlen(password) > RT_PASSWORD_MAX_BYTES) {
        /* Same work as a real check, then no match. */
        snprintf(dummy_setting, sizeof(dummy_setting), "$2b$%02d$%s", cost, RT_PASSWORD_DUMMY_SALT);
        rc = rt_password_crypt(password, dummy_setting, computed, sizeof(computed), &ok);
        goto done;
    }
    rc = rt_password_crypt(password, hash, computed, sizeof(computed), &ok);
    if (rc != 0 || !ok)
        goto done;
    *out_match = rt_password_equal(computed, hash);
done:
    explicit_bzero(computed, sizeof(computed));
    return rc;
}
