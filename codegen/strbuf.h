/*
 * strbuf.h - a growable, always NUL-terminated text buffer (heap).
 *
 * The emitters build whole files in a strbuf before writing them. A failed
 * allocation makes the buffer "failed": later appends do nothing and
 * strbuf_finish() reports RT_ENOMEM, so callers check once at the end.
 * Ownership: the buffer owns `text`; strbuf_free() releases it.
 */
#ifndef STRBUF_H
#define STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *text; /* NUL-terminated, or NULL before the first append */
    size_t length;
    size_t capacity;
    bool failed;
} strbuf;

void strbuf_init(strbuf *b);
void strbuf_free(strbuf *b);
void strbuf_append(strbuf *b, const char *s);
void strbuf_append_n(strbuf *b, const char *s, size_t n);
void strbuf_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as the inside of a C string literal (no quotes). */
void strbuf_append_c_escaped(strbuf *b, const char *s, size_t n);
/* 0, or RT_ENOMEM when an append failed. */
int strbuf_finish(const strbuf *b);

#endif /* STRBUF_H */
