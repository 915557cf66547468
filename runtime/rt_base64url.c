/*
 * rt_base64url.c - base64url without padding (see rt_base64url.h).
 */
#include "rt_base64url.h"

#include <string.h>

#include "rt_error.h"

static const char base64url_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t rt_base64url_encode(const unsigned char *bytes, size_t n, char *out)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)bytes[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)bytes[i + 1] << 8;
        if (i + 2 < n)
            v |= bytes[i + 2];
        out[k++] = base64url_alphabet[(v >> 18) & 63];
        out[k++] = base64url_alphabet[(v >> 12) & 63];
        if (i + 1 < n)
            out[k++] = base64url_alphabet[(v >> 6) & 63];
        if (i + 2 < n)
            out[k++] = base64url_alphabet[v & 63];
    }
    out[k] = '\0';
    return k;
}

int rt_base64url_decode(const char *text, size_t n, unsigned char *out, size_t *out_len)
{
    unsigned v = 0;
    int bits = 0;
    size_t k = 0;

    if (n % 4 == 1)
        return RT_EINVAL;
    for (size_t i = 0; i < n; i++) {
        const char *at = text[i] != '\0' ? memchr(base64url_alphabet, text[i], 64) : NULL;
        if (!at)
            return RT_EINVAL;
        v = (v << 6) | (unsigned)(at - base64url_alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (unsigned char)((v >> bits) & 0xFF);
        }
    }
    if (bits > 0 && (v & ((1u << bits) - 1)) != 0)
        return RT_EINVAL; /* non-canonical trailing bits */
    *out_len = k;
    return 0;
}
