/*
 * rt_webhook_sign.c - HMAC-SHA256 signatures of webhook deliveries (see
 * rt_webhook_sign.h), with OpenSSL 3's EVP_MAC (HMAC, SHA-256) fed the
 * timestamp, the dot and the body in turn (the body is not copied).
 */
#include "rt_webhook_sign.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "rt_error.h"

int rt_webhook_sign(const char *secret, int64_t timestamp, const char *body, size_t body_len,
                    char *out, size_t size)
{
    char prefix[32];
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t digest_len = 0;
    EVP_MAC *mac = NULL;
    EVP_MAC_CTX *context = NULL;
    OSSL_PARAM params[2];
    int length;
    int rc = RT_EINVAL;

    if (secret == NULL || body == NULL || out == NULL || size < RT_WEBHOOK_SIGNATURE_MAX)
        goto done;
    length = snprintf(prefix, sizeof prefix, "%lld.", (long long)timestamp);
    mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    context = mac ? EVP_MAC_CTX_new(mac) : NULL;
    if (context == NULL)
        goto done;
    params[0] = OSSL_PARAM_construct_utf8_string("digest", (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    if (EVP_MAC_init(context, (const unsigned char *)secret, strlen(secret), params) != 1 ||
        EVP_MAC_update(context, (const unsigned char *)prefix, (size_t)length) != 1 ||
        EVP_MAC_update(context, (const unsigned char *)body, body_len) != 1 ||
        EVP_MAC_final(context, digest, &digest_len, sizeof digest) != 1 || digest_len != 32)
        goto done;
    length = snprintf(out, size, "t=%lld,v1=", (long long)timestamp);
    for (size_t i = 0; i < digest_len; i++)
        length += snprintf(out + length, size - (size_t)length, "%02x", digest[i]);
    rc = 0;
done:
    EVP_MAC_CTX_free(context);
    EVP_MAC_free(mac);
    return rc;
}
