/*
 * parse_path.c - an endpoint's path (see parse_path.h): literal segments
 * and {name: type} parameters, checked as the lexer cannot, and the
 * pattern and id the rest of the compiler uses. Apart from parse_api.c
 * because it reads characters, not tokens.
 */
#include "parse_path.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rt_error.h"

int parse_path_read(rt_arena *a, diag *d, api_endpoint *e)
{
    size_t length = strlen(e->path);
    const char *s = e->path;
    const char *end = e->path + length;
    char *pattern = rt_arena_alloc(a, length + 2);
    char *id = rt_arena_alloc(a, length + 16);
    size_t pattern_length = 0;
    size_t id_length = 0;

    for (const char *c = e->method; *c; c++)
        id[id_length++] = (char)tolower((unsigned char)*c);
    while (s < end) {
        const char *segment;
        assert(*s == '/');
        s++;
        segment = s;
        if (s >= end)
            break; /* trailing slash: "/users/" is "/users" */
        if (*s == '{') {
            const char *close = memchr(s, '}', (size_t)(end - s));
            const char *colon;
            const char *name_end;
            const char *type_begin;
            api_field *f;
            diag_loc loc = e->path_loc;
            assert(close); /* the lexer only makes paths with closed braces */
            loc.col += (int)(s - e->path);
            loc.length = (int)(close - s) + 1;
            colon = memchr(s, ':', (size_t)(close - s));
            name_end = colon ? colon : close;
            while (name_end > s + 1 && name_end[-1] == ' ')
                name_end--;
            const char *name_begin = s + 1;
            while (name_begin < name_end && *name_begin == ' ')
                name_begin++;
            e->path_fields = rt_arena_grow(a, e->path_fields, e->path_field_count,
                                           &e->path_field_capacity, sizeof *e->path_fields);
            f = &e->path_fields[e->path_field_count++];
            memset(f, 0, sizeof *f);
            f->name = rt_arena_strndup(a, name_begin, (size_t)(name_end - name_begin));
            f->loc = loc;
            f->loc.col += (int)(name_begin - s);
            f->loc.length = name_end > name_begin ? (int)(name_end - name_begin) : 1;
            if (!colon) {
                diag_error(d, loc, "path parameter \"%s\" needs a type: {%s: uuid}", f->name,
                           f->name);
                return RT_EINVAL;
            }
            type_begin = colon + 1;
            while (type_begin < close && *type_begin == ' ')
                type_begin++;
            const char *type_end = close;
            while (type_end > type_begin && type_end[-1] == ' ')
                type_end--;
            f->type_name = rt_arena_strndup(a, type_begin, (size_t)(type_end - type_begin));
            f->type_loc = loc;
            f->type_loc.col += (int)(type_begin - s);
            f->type_loc.length = type_end > type_begin ? (int)(type_end - type_begin) : 1;
            bool valid = f->name[0] != '\0';
            for (const char *c = f->name; *c; c++)
                valid = valid && (isalnum((unsigned char)*c) || *c == '_');
            if (!valid) {
                diag_error(d, loc, "a path parameter is written {name: type}");
                return RT_EINVAL;
            }
            pattern_length += (size_t)sprintf(pattern + pattern_length, "/{%s}", f->name);
            id_length += (size_t)sprintf(id + id_length, "_%s", f->name);
            s = close + 1;
            if (s < end && *s != '/') {
                diag_loc after = e->path_loc;
                after.col += (int)(s - e->path);
                diag_error(d, after, "a path parameter must be a whole segment");
                return RT_EINVAL;
            }
            continue;
        }
        while (s < end && *s != '/' && *s != '{')
            s++;
        if (s < end && *s == '{') {
            diag_loc at = e->path_loc;
            at.col += (int)(s - e->path);
            diag_error(d, at, "a path parameter must be a whole segment");
            return RT_EINVAL;
        }
        if (s == segment) {
            diag_loc at = e->path_loc;
            at.col += (int)(s - e->path);
            diag_error(d, at, "empty path segment (\"//\")");
            return RT_EINVAL;
        }
        pattern[pattern_length++] = '/';
        memcpy(pattern + pattern_length, segment, (size_t)(s - segment));
        pattern_length += (size_t)(s - segment);
        id[id_length++] = '_';
        for (const char *c = segment; c < s; c++)
            id[id_length++] = isalnum((unsigned char)*c) ? (char)tolower((unsigned char)*c) : '_';
    }
    if (pattern_length == 0) {
        pattern[pattern_length++] = '/';
        id_length += (size_t)sprintf(id + id_length, "_root");
    }
    pattern[pattern_length] = '\0';
    id[id_length] = '\0';
    e->pattern = pattern;
    e->id = id;
    return 0;
}
