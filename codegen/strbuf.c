/*
 * strbuf.c - growable text buffer for the emitters (see strbuf.h).
 *
 * Invariant: when text != NULL, text[length] == '\0' and length < capacity.
 */
#include "strbuf.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"

void strbuf_init(strbuf *b)
{
    b->text = NULL;
    b->length = 0;
    b->capacity = 0;
    b->failed = false;
}

void strbuf_free(strbuf *b)
{
    free(b->text);
    strbuf_init(b);
}

static bool strbuf_reserve(strbuf *b, size_t extra)
{
    size_t needed = b->length + extra + 1;
    size_t capacity = b->capacity ? b->capacity : 256;
    char *bigger;

    if (b->failed)
        return false;
    if (needed <= b->capacity)
        return true;
    while (capacity < needed)
        capacity *= 2;
    bigger = realloc(b->text, capacity);
    if (!bigger) {
        b->failed = true;
        return false;
    }
    b->text = bigger;
    b->capacity = capacity;
    return true;
}

void strbuf_append_n(strbuf *b, const char *s, size_t n)
{
    if (!strbuf_reserve(b, n))
        return;
    memcpy(b->text + b->length, s, n);
    b->length += n;
    b->text[b->length] = '\0';
    assert(b->length < b->capacity);
}

void strbuf_append(strbuf *b, const char *s)
{
    strbuf_append_n(b, s, strlen(s));
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
    va_list args;
    int length;

    va_start(args, fmt);
    length = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (length < 0) {
        b->failed = true;
        return;
    }
    if (!strbuf_reserve(b, (size_t)length))
        return;
    va_start(args, fmt);
    vsnprintf(b->text + b->length, (size_t)length + 1, fmt, args);
    va_end(args);
    b->length += (size_t)length;
}

void strbuf_append_c_escaped(strbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            strbuf_append(b, "\\\"");
            break;
        case '\\':
            strbuf_append(b, "\\\\");
            break;
        case '\n':
            strbuf_append(b, "\\n");
            break;
        case '\t':
            strbuf_append(b, "\\t");
            break;
        case '\r':
            strbuf_append(b, "\\r");
            break;
        case '?':
            /* "??x" would be a trigraph under -std=c11 */
            strbuf_append(b, i > 0 && s[i - 1] == '?' ? "\\?" : "?");
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                strbuf_printf(b, "\\%03o", c);
            else
                strbuf_append_n(b, (const char *)&s[i], 1);
        }
    }
}

int strbuf_finish(const strbuf *b)
{
    return b->failed ? RT_ENOMEM : 0;
}
