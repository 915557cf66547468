/*
 * rt_json.h - a strict JSON parser for request bodies. In common/: the
 * compiler parses a spec's literal values with it too.
 *
 * Why not jansson here: jansson turns every number into a double, and money
 * must never pass through a binary float. This parser keeps each number's
 * lexeme. It rejects invalid UTF-8 (including overlong forms and
 * surrogates), unescaped control characters, lone surrogate escapes,
 * \u0000, duplicate object keys, trailing data, and nesting deeper than
 * RT_JSON_MAX_DEPTH. Errors carry a byte offset and a message.
 *
 * Ownership: rt_json_parse allocates every node and string in one arena
 * owned by the returned rt_json_doc; rt_json_doc_free releases all of it.
 */
#ifndef RT_JSON_H
#define RT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define RT_JSON_MAX_DEPTH 32

typedef enum rt_json_kind {
    RT_JSON_NULL = 0,
    RT_JSON_FALSE,
    RT_JSON_TRUE,
    RT_JSON_NUMBER, /* text: the lexeme as written, e.g. "-12.50e3" */
    RT_JSON_STRING, /* text: decoded UTF-8, length in text_len */
    RT_JSON_ARRAY,  /* items / count */
    RT_JSON_OBJECT, /* keys, items / count, in document order */
} rt_json_kind;

typedef struct rt_json {
    rt_json_kind kind;
    const char *text; /* NUMBER, STRING (NUL-terminated) */
    size_t text_len;
    const char *const *keys;     /* OBJECT: NUL-terminated keys */
    const struct rt_json *items; /* ARRAY, OBJECT */
    size_t count;
} rt_json;

typedef struct rt_json_doc rt_json_doc;

typedef struct rt_json_error {
    size_t offset;    /* byte offset of the problem */
    char message[96]; /* "invalid UTF-8", "expected ',' or '}'", ... */
    /* A bad character inside a string (invalid UTF-8, a control
     * character, a bad escape) somewhere in the value of a member of the
     * top-level object: that member's key, so the answer can name the
     * field. "" otherwise (including bad characters in keys). */
    char field[64];
} rt_json_error;

/* Parses len bytes (not NUL-terminated). On success *out_doc owns the tree
 * and *out_root points into it. Returns 0, RT_EINVAL (err filled) or
 * RT_ENOMEM. */
int rt_json_parse(const char *text, size_t len, rt_json_doc **out_doc, const rt_json **out_root,
                  rt_json_error *err);
void rt_json_doc_free(rt_json_doc *doc);

/* The member named key of an object, or NULL. */
const rt_json *rt_json_get(const rt_json *object, const char *key);

/* True if the bytes are valid UTF-8 (used for query strings and paths). */
bool rt_json_utf8_valid(const char *s, size_t len);

#endif /* RT_JSON_H */
