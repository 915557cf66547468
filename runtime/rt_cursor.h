/*
 * rt_cursor.h - the opaque cursors of keyset pages (README, "Pages and
 * counts"): a position in one ordering of a list, signed so that a cursor
 * the server did not make (tampered, truncated, from another secret) is
 * refused.
 *
 * A cursor is base64url(payload) "." base64url(the first 16 bytes of
 * HMAC-SHA256(JWT_SECRET, "orderd-cursor:" payload)), no padding; the
 * payload is "1", the ordering's name ("" for the default), "a" or "b"
 * (rows after or before the position), the first key's value and the
 * tiebreak's value (PostgreSQL's text), separated by NUL bytes.
 *
 * Ownership: results in the caller's arena.
 */
#ifndef RT_CURSOR_H
#define RT_CURSOR_H

#include <stdbool.h>

#include "rt_arena.h"

typedef struct rt_cursor {
    const char *ordering; /* as the client names it ("-amount"); "" for the default */
    bool before;          /* the rows before the position (a previous page) */
    const char *key;      /* the ordering's first key, as PostgreSQL wrote it */
    const char *tiebreak; /* the tiebreak's value */
} rt_cursor;

/* *out: the cursor's text (URL-safe). RT_ENOMEM. */
int rt_cursor_encode(const char *secret, const rt_cursor *cursor, rt_arena *arena,
                     const char **out);

/* Reads a cursor made by rt_cursor_encode with the same secret: 0, or
 * RT_EINVAL for anything else (the caller answers 400), RT_ENOMEM. */
int rt_cursor_decode(const char *secret, const char *text, rt_arena *arena, rt_cursor *out);

#endif /* RT_CURSOR_H */
