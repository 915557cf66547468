/*
 * fuzz_request.c - libFuzzer target for request parsing: the JSON parser,
 * the UTF-8 validator and field validation of a body and of a query
 * string against a small field table.
 *
 * Besides crashes and sanitizer reports it checks properties, and aborts
 * when one does not hold:
 *   - rt_json_utf8_valid agrees with a slow reference decoder;
 *   - a parsed tree holds valid UTF-8 strings without NUL, number lexemes
 *     of the JSON grammar and unique keys; written back out with rt_buf it
 *     parses again to the same tree;
 *   - a rejected document has a message and an offset within the input;
 *   - validated text is canonical: validating it again as a string gives
 *     the same text.
 *
 * Built with clang's libFuzzer and run by `make fuzz` (build/fuzz/
 * fuzz_request; scripts/fuzz.sh seeds it with tests/fuzz/corpus/request/).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_error.h"
#include "rt_json.h"
#include "rt_validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_QUERY_ARGS 32

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            fprintf(stderr, "fuzz_request: property failed: %s (line %d)\n", #condition,           \
                    __LINE__);                                                                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static const char *const fuzz_roles[] = {"customer", "staff", "admin"};

static const rt_field fuzz_item_fields[] = {
    {.name = "sku",
     .kind = RT_FIELD_TEXT,
     .type = RT_TYPE_TEXT,
     .required = true,
     .has_len = true,
     .min_len = 1,
     .max_len = 32},
    {.name = "quantity",
     .kind = RT_FIELD_INT,
     .type = RT_TYPE_INT,
     .required = true,
     .has_range = true,
     .min = 1,
     .max = 10000},
    {.name = "price",
     .kind = RT_FIELD_DECIMAL,
     .type = RT_TYPE_NUMERIC,
     .precision = 5,
     .scale = 1},
};

static const rt_field fuzz_fields[] = {
    {.name = "name",
     .kind = RT_FIELD_TEXT,
     .type = RT_TYPE_TEXT,
     .required = true,
     .has_len = true,
     .min_len = 1,
     .max_len = 20},
    {.name = "email",
     .kind = RT_FIELD_EMAIL,
     .type = RT_TYPE_TEXT,
     .has_len = true,
     .min_len = 3,
     .max_len = 254},
    {.name = "password",
     .kind = RT_FIELD_PASSWORD,
     .type = RT_TYPE_TEXT,
     .has_len = true,
     .min_len = 8,
     .max_len = 72},
    {.name = "quantity",
     .kind = RT_FIELD_INT,
     .type = RT_TYPE_INT,
     .has_range = true,
     .min = 1,
     .max = 10000},
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_BIGINT, .default_value = "1"},
    {.name = "amount",
     .kind = RT_FIELD_DECIMAL,
     .type = RT_TYPE_NUMERIC,
     .has_range = true,
     .min = 1,
     .max = 999999999999,
     .precision = 12,
     .scale = 2},
    {.name = "ratio",
     .kind = RT_FIELD_DECIMAL,
     .type = RT_TYPE_NUMERIC,
     .has_range = true,
     .min = INT64_MIN,
     .max = INT64_MAX,
     .scale = 4},
    {.name = "active", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL},
    {.name = "id", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID},
    {.name = "at", .kind = RT_FIELD_TIMESTAMP, .type = RT_TYPE_TIMESTAMPTZ},
    {.name = "on", .kind = RT_FIELD_DATE, .type = RT_TYPE_DATE},
    {.name = "role",
     .kind = RT_FIELD_ENUM,
     .type = RT_TYPE_ENUM,
     .enum_values = fuzz_roles,
     .enum_count = 3},
    {.name = "items",
     .kind = RT_FIELD_ARRAY,
     .has_len = true,
     .min_len = 1,
     .max_len = 50,
     .item_fields = fuzz_item_fields,
     .item_field_count = 3},
};
#define FUZZ_FIELD_COUNT ((int)(sizeof fuzz_fields / sizeof fuzz_fields[0]))

/* ------------------------------------------------------------ references */

/* A slow, obviously correct UTF-8 check: decode, then test the value. */
static bool fuzz_reference_utf8(const uint8_t *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t n;
        if (s[i] < 0x80) {
            i++;
            continue;
        } else if ((s[i] & 0xE0) == 0xC0) {
            n = 2;
            cp = s[i] & 0x1F;
        } else if ((s[i] & 0xF0) == 0xE0) {
            n = 3;
            cp = s[i] & 0x0F;
        } else if ((s[i] & 0xF8) == 0xF0) {
            n = 4;
            cp = s[i] & 0x07;
        } else {
            return false;
        }
        if (len - i < n)
            return false;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000))
            return false; /* overlong */
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n;
    }
    return true;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool fuzz_number_grammar(const char *s)
{
    size_t i = 0, start;

    if (s[i] == '-')
        i++;
    if (s[i] == '0') {
        i++;
    } else {
        start = i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start || s[start] == '0')
            return false;
    }
    if (s[i] == '.') {
        start = ++i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return false;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-')
            i++;
        start = i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return false;
    }
    return s[i] == '\0';
}

/* ------------------------------------------------------------ tree checks */

static void fuzz_check_tree(const rt_json *node)
{
    switch (node->kind) {
    case RT_JSON_NULL:
    case RT_JSON_FALSE:
    case RT_JSON_TRUE:
        return;
    case RT_JSON_NUMBER:
        FUZZ_CHECK(strlen(node->text) == node->text_len);
        FUZZ_CHECK(fuzz_number_grammar(node->text));
        return;
    case RT_JSON_STRING:
        FUZZ_CHECK(strlen(node->text) == node->text_len); /* no NUL inside */
        FUZZ_CHECK(fuzz_reference_utf8((const uint8_t *)node->text, node->text_len));
        return;
    case RT_JSON_ARRAY:
    case RT_JSON_OBJECT:
        FUZZ_CHECK((node->items == NULL) == (node->count == 0));
        for (size_t i = 0; i < node->count; i++) {
            if (node->kind == RT_JSON_OBJECT) {
                const char *key = node->keys[i];
                FUZZ_CHECK(fuzz_reference_utf8((const uint8_t *)key, strlen(key)));
                for (size_t j = 0; j < i; j++)
                    FUZZ_CHECK(strcmp(node->keys[j], key) != 0);
                FUZZ_CHECK(rt_json_get(node, key) == &node->items[i]);
            }
            fuzz_check_tree(&node->items[i]);
        }
        return;
    }
    FUZZ_CHECK(!"unknown node kind");
}

static void fuzz_write_tree(rt_buf *b, const rt_json *node)
{
    switch (node->kind) {
    case RT_JSON_NULL:
        rt_buf_puts(b, "null");
        return;
    case RT_JSON_FALSE:
        rt_buf_puts(b, "false");
        return;
    case RT_JSON_TRUE:
        rt_buf_puts(b, "true");
        return;
    case RT_JSON_NUMBER:
        rt_buf_append(b, node->text, node->text_len);
        return;
    case RT_JSON_STRING:
        rt_buf_json_string_n(b, node->text, node->text_len);
        return;
    case RT_JSON_ARRAY:
    case RT_JSON_OBJECT:
        rt_buf_puts(b, node->kind == RT_JSON_ARRAY ? "[" : "{");
        for (size_t i = 0; i < node->count; i++) {
            if (i > 0)
                rt_buf_puts(b, ",");
            if (node->kind == RT_JSON_OBJECT) {
                rt_buf_json_string(b, node->keys[i]);
                rt_buf_puts(b, ":");
            }
            fuzz_write_tree(b, &node->items[i]);
        }
        rt_buf_puts(b, node->kind == RT_JSON_ARRAY ? "]" : "}");
        return;
    }
}

static bool fuzz_same_tree(const rt_json *a, const rt_json *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == RT_JSON_NUMBER || a->kind == RT_JSON_STRING)
        return a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0;
    if (a->kind != RT_JSON_ARRAY && a->kind != RT_JSON_OBJECT)
        return true;
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        if (a->kind == RT_JSON_OBJECT && strcmp(a->keys[i], b->keys[i]) != 0)
            return false;
        if (!fuzz_same_tree(&a->items[i], &b->items[i]))
            return false;
    }
    return true;
}

/* Written back out, the tree parses to itself. */
static void fuzz_round_trip(const rt_json *root)
{
    rt_json_doc *doc = NULL;
    const rt_json *again = NULL;
    rt_json_error err;
    rt_buf b;

    rt_buf_init(&b);
    fuzz_write_tree(&b, root);
    FUZZ_CHECK(!b.failed);
    FUZZ_CHECK(rt_json_parse(b.data, b.len, &doc, &again, &err) == 0);
    FUZZ_CHECK(fuzz_same_tree(root, again));
    rt_json_doc_free(doc);
    rt_buf_free(&b);
}

/* ----------------------------------------------------- validation checks */

/* Canonical text validates to itself. */
static void fuzz_check_canonical(const rt_field *fields, int count, const rt_input *inputs,
                                 rt_arena *arena)
{
    for (int i = 0; i < count; i++) {
        const rt_field *field = &fields[i];
        const char *again = NULL;

        if (inputs[i].text == NULL)
            continue;
        FUZZ_CHECK(fuzz_reference_utf8((const uint8_t *)inputs[i].text, strlen(inputs[i].text)));
        if (field->kind == RT_FIELD_ARRAY) {
            /* what binds as jsonb: a JSON array of one object per item */
            rt_json_doc *doc = NULL;
            const rt_json *bound = NULL;
            rt_json_error err;
            FUZZ_CHECK(rt_json_parse(inputs[i].text, strlen(inputs[i].text), &doc, &bound,
                                     &err) == 0);
            FUZZ_CHECK(bound->kind == RT_JSON_ARRAY &&
                       bound->count == (size_t)inputs[i].item_count);
            rt_json_doc_free(doc);
            for (int row = 0; row < inputs[i].item_count; row++)
                fuzz_check_canonical(field->item_fields, field->item_field_count,
                                     inputs[i].items + row * field->item_field_count, arena);
            continue;
        }
        if (inputs[i].text == field->default_value)
            continue;
        FUZZ_CHECK(rt_validate_string(field, inputs[i].text, arena, &again) == 0);
        FUZZ_CHECK(strcmp(again, inputs[i].text) == 0);
    }
}

static void fuzz_check_errors(const rt_field_errors *errors, int rc)
{
    FUZZ_CHECK(rc == RT_ENOMEM || (rc == RT_EINVAL) == (errors->count > 0));
    for (int i = 0; i < errors->count; i++) {
        const rt_field_error *e = &errors->errors[i];
        FUZZ_CHECK(e->field != NULL && e->message != NULL && e->message[0] != '\0');
        FUZZ_CHECK(fuzz_reference_utf8((const uint8_t *)e->field, strlen(e->field)));
        FUZZ_CHECK(fuzz_reference_utf8((const uint8_t *)e->message, strlen(e->message)));
        /* an item's error names its place in the array and its key */
        FUZZ_CHECK(e->item < 0 || (e->item < e->item_count && e->member != NULL &&
                                   fuzz_reference_utf8((const uint8_t *)e->member,
                                                       strlen(e->member))));
    }
}

/* The input as a query string: key=value pairs split at '&'. */
static void fuzz_query(const uint8_t *data, size_t size, rt_arena *arena)
{
    const char *keys[FUZZ_MAX_QUERY_ARGS];
    const char *values[FUZZ_MAX_QUERY_ARGS];
    rt_input inputs[FUZZ_FIELD_COUNT];
    rt_field_errors errors = {0};
    char *text = rt_arena_strndup(arena, (const char *)data, size);
    int n = 0, rc;

    if (text == NULL)
        return;
    for (char *pair = text; pair != NULL && n < FUZZ_MAX_QUERY_ARGS;) {
        char *next = strchr(pair, '&');
        if (next != NULL)
            *next++ = '\0';
        char *equals = strchr(pair, '=');
        if (equals != NULL)
            *equals++ = '\0';
        keys[n] = pair;
        values[n] = equals; /* NULL: a key without '=' */
        n++;
        pair = next;
    }
    rc = rt_validate_query(fuzz_fields, FUZZ_FIELD_COUNT, keys, values, n, arena, inputs, &errors);
    fuzz_check_errors(&errors, rc);
    if (rc == 0)
        fuzz_check_canonical(fuzz_fields, FUZZ_FIELD_COUNT, inputs, arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rt_json_doc *doc = NULL;
    const rt_json *root = NULL;
    rt_json_error err;
    rt_arena *arena = NULL;
    rt_input inputs[FUZZ_FIELD_COUNT];
    rt_field_errors errors = {0};
    int rc;

    FUZZ_CHECK(rt_json_utf8_valid((const char *)data, size) == fuzz_reference_utf8(data, size));
    if (rt_arena_create(&arena) != 0)
        return 0;

    rc = rt_json_parse((const char *)data, size, &doc, &root, &err);
    if (rc == RT_EINVAL) {
        FUZZ_CHECK(err.message[0] != '\0');
        FUZZ_CHECK(err.offset <= size);
    } else if (rc == 0) {
        fuzz_check_tree(root);
        fuzz_round_trip(root);
        rc = rt_validate_object(fuzz_fields, FUZZ_FIELD_COUNT, root, arena, inputs, &errors);
        rt_json_doc_free(doc); /* the output must not point into the document */
        doc = NULL;
        fuzz_check_errors(&errors, rc);
        if (rc == 0)
            fuzz_check_canonical(fuzz_fields, FUZZ_FIELD_COUNT, inputs, arena);
    }
    fuzz_query(data, size, arena);
    rt_json_doc_free(doc);
    rt_arena_destroy(arena);
    return 0;
}
