/*
 * rt_hmac.h - HMAC-SHA256 over a message given in parts: the one keyed
 * hash of the runtime, used by the keyset cursors' signature (rt_cursor.c)
 * and the webhook deliveries' (rt_webhook_sign.c). The parts are hashed in
 * order without being copied together.
 */
#ifndef RT_HMAC_H
#define RT_HMAC_H

#include <stddef.h>

#define RT_HMAC_SHA256_BYTES 32

typedef struct rt_hmac_part {
    const void *bytes;
    size_t length;
} rt_hmac_part;

/* out = HMAC-SHA256(key, parts[0] || ... || parts[count - 1]). Returns 0,
 * or RT_EINVAL when OpenSSL fails (out then undefined). */
int rt_hmac_sha256(const char *key, const rt_hmac_part *parts, int count,
                   unsigned char out[RT_HMAC_SHA256_BYTES]);

#endif /* RT_HMAC_H */
