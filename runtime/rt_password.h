/*
 * rt_password.h - bcrypt password hashes through libxcrypt.
 *
 * Passwords longer than 72 bytes are rejected by the spec (bcrypt ignores
 * what follows byte 72), so every accepted byte counts. Verification is
 * timing-safe: a NULL hash (unknown user) is checked against a fixed dummy
 * hash of the same cost and always fails, so it costs the same time.
 */
#ifndef RT_PASSWORD_H
#define RT_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define RT_PASSWORD_HASH_MAX 128

/* Hashes password with cost (4..31) into out (>= RT_PASSWORD_HASH_MAX).
 * Returns 0, RT_EINVAL (NULL, over 72 bytes, bad cost, small out) or
 * RT_ENOMEM. */
int rt_password_hash(const char *password, int cost, char *out, size_t out_len);

/* *out_match = whether password matches hash (NULL hash, or a password
 * over 72 bytes: false, after the same work; a malformed hash: false).
 * cost is that of the dummy work for a NULL hash. Returns 0, RT_EINVAL
 * (NULL password or out_match, cost outside 4..31) or RT_ENOMEM. */
int rt_password_verify(const char *password, const char *hash, int cost, bool *out_match);

#endif /* RT_PASSWORD_H */
