/*
 * rt_hmac.c - HMAC-SHA256 in parts (see rt_hmac.h), with OpenSSL 3's
 * EVP_MAC (the one-shot HMAC() is deprecated there).
 */
#include "rt_hmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <string.h>

#include "rt_error.h"

int rt_hmac_sha256(const char *key, const rt_hmac_part *parts, int count,
                   unsigned char out[RT_HMAC_SHA256_BYTES])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t digest_len = 0;
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *context = mac ? EVP_MAC_CTX_new(mac) : NULL;
    OSSL_PARAM params[2];
    int rc = RT_EINVAL;

    if (context == NULL)
        goto done;
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    if (EVP_MAC_init(context, (const unsigned char *)key, strlen(key), params) != 1)
        goto done;
    for (int i = 0; i < count; i++)
        if (EVP_MAC_update(context, parts[i].bytes, parts[i].length) != 1)
            goto done;
    if (EVP_MAC_final(context, digest, &digest_len, sizeof digest) != 1 ||
        digest_len != RT_HMAC_SHA256_BYTES)
        goto done;
    memcpy(out, digest, RT_HMAC_SHA256_BYTES);
    rc = 0;
done:
    EVP_MAC_CTX_free(context);
    EVP_MAC_free(mac);
    return rc;
}
