/*
 * rt_cursor.c - signed, opaque keyset cursors (see rt_cursor.h).
 */
#include "rt_cursor.h"

#include <openssl/crypto.h>
#include <string.h>

#include "rt_base64url.h"
#include "rt_error.h"
#include "rt_hmac.h"

#define RT_CURSOR_MAC_BYTES 16
#define RT_CURSOR_MAX_TEXT 4096
#define RT_CURSOR_FIELDS 5

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
    size_t k = rt_base64url_encode(payload, n, text);
    text[k++] = '.';
    rt_base64url_encode(mac, RT_CURSOR_MAC_BYTES, text + k);
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
    size_t n = 0, given_len = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if (length > RT_CURSOR_MAX_TEXT || !dot || strlen(dot + 1) != 22)
        return RT_EINVAL;
    payload = rt_arena_alloc(arena, length);
    if (!payload)
        return RT_ENOMEM;
    if (rt_base64url_decode(text, (size_t)(dot - text), payload, &n) != 0 ||
        rt_base64url_decode(dot + 1, 22, given, &given_len) != 0 ||
        given_len != RT_CURSOR_MAC_BYTES)
        return RT_EINVAL;
    rc = rt_cursor_mac(secret, payload, n, mac);
    if (rc != 0)
        return rc;
    if (CRYPTO_memcmp(mac, given, RT_CURSOR_MAC_BYTES) != 0)
        return RT_EINVAL;
    return rt_cursor_fields(payload, n, arena, out);
}
