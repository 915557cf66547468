/*
 * rt_buf.c - a growable byte buffer and JSON string escaping (rt_buf.h).
 * In common/: the compiler writes its output through it too.
 *
 * Invariants:
 *   - data == NULL exactly when cap == 0; otherwise len < cap and
 *     data[len] == '\0' (the buffer is always NUL-terminated);
 *   - once failed is set it stays set until rt_buf_free(): appends are
 *     no-ops and the content is what was written before the failure.
 */
#include "rt_buf.h"

#include "rt_alloc.h"
#include "rt_error.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MIN_CAPACITY 64

void rt_buf_init(rt_buf *b)
{
    assert(b != NULL);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

void rt_buf_free(rt_buf *b)
{
    assert(b != NULL);
    free(b->data);
    rt_buf_init(b);
}

void rt_buf_reset(rt_buf *b)
{
    assert(b != NULL);
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

/* Makes room for `extra` more bytes plus the terminating NUL. Returns
 * false (and marks the buffer failed) when memory runs out. */
static bool buf_reserve(rt_buf *b, size_t extra)
{
    size_t needed;
    size_t cap;
    char *data = NULL;

    if (b->failed)
        return false;
    if (extra > SIZE_MAX - 1 - b->len)
        goto fail;
    needed = b->len + extra + 1;
    if (needed <= b->cap)
        return true;
    cap = b->cap < BUF_MIN_CAPACITY ? BUF_MIN_CAPACITY : b->cap;
    while (cap < needed) {
        if (cap > SIZE_MAX / 2) {
            cap = needed;
            break;
        }
        cap *= 2;
    }
    data = rt_alloc_realloc(b->data, cap);
    if (data == NULL)
        goto fail;
    b->data = data;
    b->cap = cap;
    return true;
fail:
    b->failed = true;
    return false;
}

void rt_buf_append(rt_buf *b, const char *s, size_t n)
{
    assert(b != NULL);
    assert(s != NULL || n == 0);
    if (!buf_reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rt_buf_puts(rt_buf *b, const char *s)
{
    assert(s != NULL);
    rt_buf_append(b, s, strlen(s));
}

void rt_buf_printf(rt_buf *b, const char *fmt, ...)
{
    va_list args;
    int n;

    assert(b != NULL);
    if (!buf_reserve(b, 0))
        return;
    va_start(args, fmt);
    n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, args);
    va_end(args);
    if (n < 0) {
        b->failed = true;
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= b->cap - b->len) {
        if (!buf_reserve(b, (size_t)n)) {
            b->data[b->len] = '\0';
            return;
        }
        va_start(args, fmt);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, args);
        va_end(args);
    }
    b->len += (size_t)n;
}

const char *rt_buf_cstr(rt_buf *b)
{
    assert(b != NULL);
    return b->data != NULL ? b->data : "";
}

void rt_buf_json_string(rt_buf *b, const char *s)
{
    if (s == NULL) {
        rt_buf_append(b, "null", 4);
        return;
    }
    rt_buf_json_string_n(b, s, strlen(s));
}

void rt_buf_json_string_n(rt_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run_start = 0; /* first byte not yet copied */
    size_t i;

    assert(s != NULL || n == 0);
    rt_buf_append(b, "\"", 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char escape[6];
        size_t escape_len = 2;

        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rt_buf_append(b, s + run_start, i - run_start);
        run_start = i + 1;
        escape[0] = '\\';
        switch (c) {
        case '"':
            escape[1] = '"';
            break;
        case '\\':
            escape[1] = '\\';
            break;
        case '\b':
            escape[1] = 'b';
            break;
        case '\f':
            escape[1] = 'f';
            break;
        case '\n':
            escape[1] = 'n';
            break;
        case '\r':
            escape[1] = 'r';
            break;
        case '\t':
            escape[1] = 't';
            break;
        default:
            escape[1] = 'u';
            escape[2] = '0';
            escape[3] = '0';
            escape[4] = hex[c >> 4];
            escape[5] = hex[c & 0xf];
            escape_len = 6;
            break;
        }
        rt_buf_append(b, escape, escape_len);
    }
    rt_buf_append(b, s + run_start, n - run_start);
    rt_buf_append(b, "\"", 1);
}

int rt_buf_check(const rt_buf *b)
{
    return b->failed ? RT_ENOMEM : 0;
}
