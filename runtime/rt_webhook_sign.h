/*
 * rt_webhook_sign.h - the signature of a webhook delivery (README,
 * Webhooks: verifying a delivery): the header
 *
 *     Orderd-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
 *
 * where the HMAC's key is the subscription's secret and its message is
 * "<t>.<body>" (the timestamp, a dot, the exact body bytes). A receiver
 * recomputes it, compares in constant time and refuses old timestamps.
 */
#ifndef RT_WEBHOOK_SIGN_H
#define RT_WEBHOOK_SIGN_H

#include <stddef.h>
#include <stdint.h>

/* "t=" + 20 digits + ",v1=" + 64 hex digits + NUL, rounded up. */
#define RT_WEBHOOK_SIGNATURE_MAX 96

/* Writes the header's value into out. Returns 0, or RT_EINVAL (NULL
 * arguments, out too small, OpenSSL failed). */
int rt_webhook_sign(const char *secret, int64_t timestamp, const char *body, size_t body_len,
                    char *out, size_t size);

#endif /* RT_WEBHOOK_SIGN_H */
