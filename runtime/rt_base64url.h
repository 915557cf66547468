/*
 * rt_base64url.h - base64url without padding (RFC 4648, section 5), the
 * one codec of the runtime: JWT segments (rt_jwt.c) and keyset cursors
 * (rt_cursor.c). Decoding is strict: a character outside the alphabet, a
 * length that no byte count gives, or non-zero trailing bits is refused,
 * so each byte string has exactly one text.
 */
#ifndef RT_BASE64URL_H
#define RT_BASE64URL_H

#include <stddef.h>

/* Encodes bytes[0, n) into out (room for 4 * n / 3 + 4) and NUL-ends it;
 * returns the text's length. */
size_t rt_base64url_encode(const unsigned char *bytes, size_t n, char *out);

/* Decodes text[0, n) into out (room for 3 * n / 4 + 1); *out_len is the
 * byte count. Returns 0, or RT_EINVAL for text that is not canonical
 * unpadded base64url. */
int rt_base64url_decode(const char *text, size_t n, unsigned char *out, size_t *out_len);

#endif /* RT_BASE64URL_H */
