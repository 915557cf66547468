/*
 * rt_cursor.c - signed, opaque keyset cursors (see rt_cursor.h).
 */
#include "rt_cursor.h"

#include <openssl/crypto.h>
#include <string.h>

#include "rt_error.h"
#include "rt_hmac.h"

#define RT_CURSOR_MAC_BYTES 16
#define RT_CURSOR_MAX_TEXT 4096
#define RT_CURSOR_FIELDS 5

static const char rt_cursor_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* base64url without padding of bytes[0, n) into out (room for 4n/3 + 4). */
static size_t rt_cursor_base64(const unsigned char *bytes, size_t n, char *out)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)bytes[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)bytes[i + 1] << 8;
        if (i + 2 < n)
            v |= bytes[i + 2];
        out[k++] = rt_cursor_alphabet[(v >> 18) & 63];
        out[k++] = rt_cursor_alphabet[(v >> 12) & 63];
        if (i + 1 < n)
            out[k++] = rt_cursor_alphabet[(v >> 6) & 63];
        if (i + 2 < n)
            out[k++] = rt_cursor_alphabet[v & 63];
    }
    out[k] = '\0';
    return k;
}

/* Decodes base64url text[0, n) (no padding) into out; -1 when it is not. */
static long rt_cursor_unbase64(const char *text, size_t n, unsigned char *out)
{
    unsigned v = 0;
    int bits = 0;
    long k = 0;

    if (n % 4 == 1)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *at = memchr(rt_cursor_alphabet, text[i], 64);
        if (!at || text[i] == '\0')
            return -1;
        v = (v << 6) | (unsigned)(at - rt_cursor_alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (unsigned char)((v >> bits) & 0xFF);
        }
    }
    if (bits > 0 && (v & ((1u << bits) - 1)) != 0)
        return -1; /* non-canonical trailing bits */
    return k;
}

/* HMAC-SHA256(secret, "orderd-cursor:" payload) into mac. */
static int rt_cursor_mac(const char *secret, const unsigned char *payload, size_t n,
                         unsigned char mac[RT_HMAC_SHA256_BYTES])
{
    static const char domain[] = "orderd-cursor:";
    const rt_hmac_part parts[] = {{domain, sizeof domain - 1}, {payload, n}};

    return rt_hmac_sha256(secret, parts, 2, mac);
}

int rt_cursor_encode(const char *secret, const rt_cursor *cursor, rt_arena *arena, const char **out)
{
    const char *fields[RT_CURSOR_FIELDS] = {"1", cursor->ordering, cursor->before ? "b" : "a",
                                            cursor->key, cursor->tiebreak};
    unsigned char mac[RT_HMAC_SHA256_BYTES];
    size_t n = 0;
    unsigned char *payload;
    char *text;
    int rc;

    *out = NULL;
    for (int i = 0; i < RT_CURSOR_FIELDS; i++)
        n += strlen(fields[i]) + 1;
    payload = rt_arena_alloc(arena, n);
    text = rt_arena_alloc(arena, n * 4 / 3 + RT_CURSOR_MAC_BYTES * 2 + 8);
    if (!payload || !text)
        return RT_ENOMEM;
    n = 0;
    for (int i = 0; i < RT_CURSOR_FIELDS; i++) {
        size_t length = strlen(fields[i]);
        memcpy(payload + n, fields[i], length);
        n += length;
        if (i < RT_CURSOR_FIELDS - 1)
            payload[n++] = '\0';
    }
    rc = rt_cursor_mac(secret, payload, n, mac);
    if (rc != 0)
        return rc;
    size_t k = rt_cursor_base64(payload, n, text);
    text[k++] = '.';
    rt_cursor_base64(mac, RT_CURSOR_MAC_BYTES, text + k);
    *out = text;
    return 0;
}

/* Splits a verified payload into its fields. */
static int rt_cursor_fields(const unsigned char *payload, size_t n, rt_arena *arena, rt_cursor *out)
{
    const char *fields[RT_CURSOR_FIELDS];
    int count = 0;
    size_t start = 0;

    for (size_t i = 0; i <= n; i++) {
        if (i < n && payload[i] != '\0')
            continue;
        if (count == RT_CURSOR_FIELDS)
            return RT_EINVAL;
        fields[count] = rt_arena_strndup(arena, (const char *)payload + start, i - start);
        if (!fields[count++])
            return RT_ENOMEM;
        start = i + 1;
    }
    if (count != RT_CURSOR_FIELDS || strcmp(fields[0], "1") != 0 ||
        (strcmp(fields[2], "a") != 0 && strcmp(fields[2], "b") != 0))
        return RT_EINVAL;
    out->ordering = fields[1];
    out->before = fields[2][0] == 'b';
    out->key = fields[3];
    out->tiebreak = fields[4];
    return 0;
}

int rt_cursor_decode(const char *secret, const char *text, rt_arena *arena, rt_cursor *out)
{
    size_t length = strlen(text);
    const char *dot = strchr(text, '.');
    unsigned char mac[RT_HMAC_SHA256_BYTES];
    unsigned char given[RT_CURSOR_MAC_BYTES + 4];
    unsigned char *payload;
    long n;
    int rc;

    memset(out, 0, sizeof *out);
    if (length > RT_CURSOR_MAX_TEXT || !dot || strlen(dot + 1) != 22)
        return RT_EINVAL;
    payload = rt_arena_alloc(arena, length);
    if (!payload)
        return RT_ENOMEM;
    n = rt_cursor_unbase64(text, (size_t)(dot - text), payload);
    if (n < 0 || rt_cursor_unbase64(dot + 1, 22, given) != RT_CURSOR_MAC_BYTES)
        return RT_EINVAL;
    rc = rt_cursor_mac(secret, payload, (size_t)n, mac);
    if (rc != 0)
        return rc;
    if (CRYPTO_memcmp(mac, given, RT_CURSOR_MAC_BYTES) != 0)
        return RT_EINVAL;
    return rt_cursor_fields(payload, (size_t)n, arena, out);
}
