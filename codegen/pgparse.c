/*
 * pgparse.c - libpg_query behind the compiler: parse, map locations back
 * to spec files, read tree nodes (see pgparse.h).
 */
#include "pgparse.h"

#include <ctype.h>
#include <pg_query.h>
#include <string.h>
#include <strings.h>

#include "rt_error.h"

int pgparse_file_offset(const pgparse_text *text, int location)
{
    if (location < 0)
        location = 0;
    if (location > text->length)
        location = text->length;
    return text->offsets ? text->offsets[location] : location;
}

/* Length of the word at p: an identifier, a quoted name or string, else 1. */
static int pgparse_word_length(const char *p)
{
    const char *q = p;

    if (*p == '"' || *p == '\'') {
        q = strchr(p + 1, *p);
        return q && !memchr(p, '\n', (size_t)(q - p)) ? (int)(q - p + 1) : 1;
    }
    if (*q == '@' || *q == '$')
        q++;
    while (*q &&
           (isalnum((unsigned char)*q) || *q == '_' || *q == '$' || ((unsigned char)*q >= 0x80)))
        q++;
    return q > p ? (int)(q - p) : 1;
}

diag_loc pgparse_file_loc(const diag_source *source, int offset)
{
    diag_loc loc = {source, 1, 1, 1};
    const char *line_start = source->text;

    if (offset < 0)
        offset = 0;
    if ((size_t)offset > source->length)
        offset = (int)source->length;
    for (const char *p = source->text; p < source->text + offset; p++) {
        if (*p == '\n') {
            loc.line++;
            line_start = p + 1;
        }
    }
    loc.col = (int)(source->text + offset - line_start) + 1;
    loc.length = (size_t)offset < source->length ? pgparse_word_length(source->text + offset) : 1;
    return loc;
}

diag_loc pgparse_loc(const pgparse_text *text, int location)
{
    return pgparse_file_loc(text->source, pgparse_file_offset(text, location));
}

int pgparse_parse(diag *d, const pgparse_text *text, json_t **out)
{
    PgQueryParseResult result;
    json_error_t error;
    int rc = 0;

    *out = NULL;
    if ((int)strlen(text->text) != text->length) {
        diag_error(d, pgparse_loc(text, (int)strlen(text->text)), "NUL byte in SQL");
        return RT_EINVAL;
    }
    result = pg_query_parse(text->text);
    if (result.error) {
        const char *message = result.error->message;
        const char *newline = strchr(message, '\n');
        /* "... at or near "'abc<the rest of the file>"": the quoted text
         * ends with its first line */
        diag_error(d, pgparse_loc(text, result.error->cursorpos - 1), "%.*s%s",
                   newline ? (int)(newline - message) : (int)strlen(message), message,
                   newline ? "...\"" : "");
        rc = RT_EINVAL;
        goto done;
    }
    *out = json_loads(result.parse_tree, 0, &error);
done:
    pg_query_free_parse_result(result);
    return rc;
}

/* ------------------------------------------------------------ searching */

/* Past a string, quoted name or comment starting at p (else p). */
static const char *pgparse_skip_quoted(const char *p, const char *end)
{
    if (*p == '\'' || *p == '"') {
        const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
        return q ? q + 1 : end;
    }
    if (p + 1 < end && p[0] == '-' && p[1] == '-') {
        const char *q = memchr(p, '\n', (size_t)(end - p));
        return q ? q : end;
    }
    if (p + 1 < end && p[0] == '/' && p[1] == '*') {
        const char *q = strstr(p + 2, "*/");
        return q && q + 2 <= end ? q + 2 : end;
    }
    return p;
}

static bool pgparse_is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

int pgparse_find_name(const diag_source *source, int from, int to, const char *name)
{
    const char *text = source->text;
    const char *end = text + (to < 0 || (size_t)to > source->length ? (int)source->length : to);
    size_t n = strlen(name);

    for (const char *p = text + (from < 0 ? 0 : from); p < end;) {
        const char *skipped = pgparse_skip_quoted(p, end);
        if (skipped != p) {
            if (*p == '"' && (size_t)(skipped - p) == n + 2 && strncmp(p + 1, name, n) == 0)
                return (int)(p - text);
            p = skipped;
            continue;
        }
        if (pgparse_is_word_char(*p) && (p == text || !pgparse_is_word_char(p[-1]))) {
            if (p + n <= end && strncasecmp(p, name, n) == 0 && !pgparse_is_word_char(p[n]))
                return (int)(p - text);
            while (p < end && pgparse_is_word_char(*p))
                p++;
            continue;
        }
        p++;
    }
    return -1;
}

int pgparse_skip_qualifier(const diag_source *source, int offset)
{
    const char *p = source->text + offset;

    p += pgparse_word_length(p);
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p != '.')
        return offset;
    p++;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return (int)(p - source->text);
}

/* ---------------------------------------------------------------- nodes */

json_t *pgparse_node(const json_t *node, const char *kind)
{
    json_t *body = json_object_get(node, kind);
    return json_is_object(body) && json_object_size(node) == 1 ? body : NULL;
}

const char *pgparse_kind(const json_t *node, json_t **body)
{
    const char *key;
    json_t *value;

    *body = NULL;
    if (!json_is_object(node) || json_object_size(node) != 1)
        return NULL;
    json_object_foreach((json_t *)node, key, value)
    {
        if (!json_is_object(value) || !isupper((unsigned char)key[0]))
            return NULL;
        *body = value;
        return key;
    }
    return NULL;
}

const char *pgparse_text_of(const json_t *body, const char *key)
{
    return json_string_value(json_object_get(body, key));
}

int pgparse_int(const json_t *body, const char *key)
{
    return (int)json_integer_value(json_object_get(body, key));
}

bool pgparse_bool(const json_t *body, const char *key)
{
    return json_is_true(json_object_get(body, key));
}

bool pgparse_is(const json_t *body, const char *key, const char *value)
{
    const char *text = pgparse_text_of(body, key);
    return text && strcmp(text, value) == 0;
}

int pgparse_location(const json_t *body)
{
    json_t *location = json_object_get(body, "location");
    return json_is_integer(location) ? (int)json_integer_value(location) : -1;
}

int pgparse_first_location(const json_t *node)
{
    int best = -1;
    const char *key;
    json_t *value;
    size_t i;

    if (json_is_array(node)) {
        json_array_foreach(node, i, value)
        {
            int at = pgparse_first_location(value);
            if (at >= 0 && (best < 0 || at < best))
                best = at;
        }
        return best;
    }
    if (!json_is_object(node))
        return -1;
    json_object_foreach((json_t *)node, key, value)
    {
        int at = strcmp(key, "location") == 0 && json_is_integer(value)
                     ? (int)json_integer_value(value)
                     : pgparse_first_location(value);
        if (at >= 0 && (best < 0 || at < best))
            best = at;
    }
    return best;
}

const char *pgparse_string(const json_t *node)
{
    json_t *body = pgparse_node(node, "String");
    const char *value = body ? pgparse_text_of(body, "sval") : NULL;
    return body && !value ? "" : value;
}

const char *pgparse_last_name(const json_t *list)
{
    size_t n = json_array_size(list);
    return n > 0 ? pgparse_string(json_array_get(list, n - 1)) : NULL;
}

json_t *pgparse_list(const json_t *body, const char *key)
{
    json_t *list = json_object_get(body, key);
    return json_is_array(list) ? list : NULL;
}
