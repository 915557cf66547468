/*
 * rt_buf.h - a growable byte buffer, and the JSON writer built on it.
 * In common/: shared by the runtime and the compiler.
 *
 * Ownership: a rt_buf owns `data` (malloc'd); rt_buf_free releases it.
 * On allocation failure the buffer is marked failed (failed = true) and
 * further appends are no-ops, so callers check once at the end.
 * `data` is always NUL-terminated when len > 0 or after rt_buf_cstr().
 */
#ifndef RT_BUF_H
#define RT_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rt_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} rt_buf;

void rt_buf_init(rt_buf *b);
void rt_buf_free(rt_buf *b);
void rt_buf_reset(rt_buf *b); /* len = 0, keeps memory */
void rt_buf_append(rt_buf *b, const char *s, size_t n);
void rt_buf_puts(rt_buf *b, const char *s);
void rt_buf_printf(rt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *rt_buf_cstr(rt_buf *b); /* "" when empty */
/* 0, or RT_ENOMEM when an append failed: one check after building. */
int rt_buf_check(const rt_buf *b);

/* JSON writing: appends s as a JSON string literal, quotes included:
 * quote, backslash and control characters (< 0x20) are escaped (\n, \t, ...
 * or \u00XX); everything else, UTF-8 included, is copied verbatim (callers
 * pass valid UTF-8). A NULL s is written as null. Callers write the other
 * punctuation (braces, commas, colons). */
void rt_buf_json_string(rt_buf *b, const char *s);
void rt_buf_json_string_n(rt_buf *b, const char *s, size_t n);

#endif /* RT_BUF_H */
