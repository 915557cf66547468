/*
 * rt_webhook_sign.c - HMAC-SHA256 signatures of webhook deliveries (see
 * rt_webhook_sign.h): rt_hmac_sha256 fed the timestamp and dot, then
 * the body (the body is not copied).
 */
#include "rt_webhook_sign.h"

#include <stdio.h>

#include "rt_error.h"
#include "rt_hmac.h"

int rt_webhook_sign(const char *secret, int64_t timestamp, const char *body, size_t body_len,
                    char *out, size_t size)
{
    char prefix[32];
    unsigned char digest[RT_HMAC_SHA256_BYTES];
    int length;

    if (secret == NULL || body == NULL || out == NULL || size < RT_WEBHOOK_SIGNATURE_MAX)
        return RT_EINVAL;
    length = snprintf(prefix, sizeof prefix, "%lld.", (long long)timestamp);
    if (rt_hmac_sha256(secret, (const rt_hmac_part[]){{prefix, (size_t)length}, {body, body_len}},
                       2, digest) != 0)
        return RT_EINVAL;
    length = snprintf(out, size, "t=%lld,v1=", (long long)timestamp);
    for (size_t i = 0; i < sizeof digest; i++)
        length += snprintf(out + length, size - (size_t)length, "%02x", digest[i]);
    return 0;
}
