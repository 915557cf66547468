/*
 * diag.c - diagnostics with source lines, carets and "did you mean" hints
 * (see diag.h).
 */
#include "diag.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag *d, FILE *stream)
{
    d->stream = stream;
    d->error_count = 0;
    d->warning_count = 0;
    d->max_errors = 50;
}

/* Finds the start of line `line` (1-based) in source; NULL when past the end. */
static const char *diag_line_start(const diag_source *source, int line)
{
    const char *p = source->text;
    int current = 1;

    while (current < line) {
        const char *newline = strchr(p, '\n');
        if (!newline)
            return NULL;
        p = newline + 1;
        current++;
    }
    return p;
}

static void diag_print_excerpt(diag *d, diag_loc loc)
{
    const char *start;
    const char *end;
    int caret_col;
    int length;

    if (!loc.source || loc.line < 1 || !loc.source->text[0])
        return; /* no location, or a file that was not read (file:1:1) */
    start = diag_line_start(loc.source, loc.line);
    if (!start)
        return;
    end = strchr(start, '\n');
    if (!end)
        end = start + strlen(start);
    fprintf(d->stream, "%5d | %.*s\n", loc.line, (int)(end - start), start);
    fprintf(d->stream, "      | ");
    caret_col = loc.col < 1 ? 1 : loc.col;
    /* Keep tabs so the caret lines up; skip UTF-8 continuation bytes. */
    for (const char *p = start; p < end && p < start + caret_col - 1; p++) {
        if (*p == '\t')
            fputc('\t', d->stream);
        else if (((unsigned char)*p & 0xC0) != 0x80)
            fputc(' ', d->stream);
    }
    fputc('^', d->stream);
    length = loc.length;
    if (start + caret_col - 1 + length > end)
        length = (int)(end - (start + caret_col - 1));
    for (int i = 1; i < length; i++) {
        const char *p = start + caret_col - 1 + i;
        if (((unsigned char)*p & 0xC0) != 0x80)
            fputc('~', d->stream);
    }
    fputc('\n', d->stream);
}

static void diag_vreport(diag *d, diag_loc loc, const char *kind, const char *fmt, va_list args)
{
    if (loc.source)
        fprintf(d->stream, "%s:%d:%d: %s: ", loc.source->path, loc.line, loc.col, kind);
    else
        fprintf(d->stream, "specc: %s: ", kind);
    vfprintf(d->stream, fmt, args);
    fputc('\n', d->stream);
    diag_print_excerpt(d, loc);
}

void diag_error(diag *d, diag_loc loc, const char *fmt, ...)
{
    va_list args;

    d->error_count++;
    if (d->max_errors > 0 && d->error_count > d->max_errors)
        return;
    va_start(args, fmt);
    diag_vreport(d, loc, "error", fmt, args);
    va_end(args);
}

void diag_warning(diag *d, diag_loc loc, const char *fmt, ...)
{
    va_list args;

    d->warning_count++;
    va_start(args, fmt);
    diag_vreport(d, loc, "warning", fmt, args);
    va_end(args);
}

void diag_note(diag *d, diag_loc loc, const char *fmt, ...)
{
    va_list args;

    if (d->max_errors > 0 && d->error_count > d->max_errors)
        return;
    va_start(args, fmt);
    if (loc.source) {
        diag_vreport(d, loc, "note", fmt, args);
    } else {
        fprintf(d->stream, "      = note: ");
        vfprintf(d->stream, fmt, args);
        fputc('\n', d->stream);
    }
    va_end(args);
}

int diag_edit_distance(const char *a, const char *b)
{
    enum { MAX = 64 };
    int before[MAX + 1]; /* row i - 2, for transpositions */
    int previous[MAX + 1];
    int current[MAX + 1];
    size_t la = strlen(a);
    size_t lb = strlen(b);

    if (la > MAX || lb > MAX)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        previous[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        current[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
            int best = previous[j - 1] + cost;
            if (previous[j] + 1 < best)
                best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            if (i > 1 && j > 1 &&
                tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
                before[j - 2] + 1 < best)
                best = before[j - 2] + 1; /* "auht" -> "auth" is one mistake */
            current[j] = best;
        }
        memcpy(before, previous, sizeof(int) * (lb + 1));
        memcpy(previous, current, sizeof(int) * (lb + 1));
    }
    return previous[lb] > 99 ? 99 : previous[lb];
}

void diag_suggest_init(diag_suggestion *s, const char *name)
{
    s->name = name;
    s->best = NULL;
    s->best_distance = 99;
}

void diag_suggest_consider(diag_suggestion *s, const char *candidate)
{
    size_t length = strlen(s->name);
    int limit = length >= 9 ? 3 : length >= 5 ? 2 : 1;
    int distance;

    if (!candidate || strcmp(candidate, s->name) == 0)
        return;
    distance = diag_edit_distance(s->name, candidate);
    if (distance <= limit && distance < s->best_distance) {
        s->best = candidate;
        s->best_distance = distance;
    }
}

/* The first non-ASCII character of name as "U+0435", or NULL. */
static const char *diag_non_ascii(const char *name, char *buffer, size_t size)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned code;
        int length;
        if (*p < 0x80)
            continue;
        length = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        code = length == 1 ? *p : *p & (0x7F >> length);
        for (int i = 1; i < length && (p[i] & 0xC0) == 0x80; i++)
            code = (code << 6) | (p[i] & 0x3F);
        snprintf(buffer, size, "U+%04X", code);
        return buffer;
    }
    return NULL;
}

const char *diag_suggest_hint(const diag_suggestion *s, char *buffer, size_t size)
{
    char code[16];
    const char *non_ascii = diag_non_ascii(s->name, code, sizeof code);

    assert(size > 0);
    if (!s->best) {
        buffer[0] = '\0';
    } else if (non_ascii) {
        /* a look-alike letter: say which, or the hint would look identical */
        snprintf(buffer, size, " (it has the non-ASCII character %s; did you mean \"%s\"?)",
                 non_ascii, s->best);
    } else {
        snprintf(buffer, size, " (did you mean \"%s\"?)", s->best);
    }
    return buffer;
}

void diag_internal_error(const char *what, const char *where)
{
    fprintf(stderr, "specc: internal error building the %s at %s\n", what, where);
    abort();
}
