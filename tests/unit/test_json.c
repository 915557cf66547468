/*
 * test_json.c - unit tests for rt_json: the strict request-body parser and
 * the UTF-8 validator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rt_buf.h"
#include "rt_error.h"
#include "rt_json.h"

#include "failing_alloc.h"

/* Each test parses through one fixture; teardown frees the document. */
typedef struct json_fixture {
    rt_json_doc *doc;
    const rt_json *root;
    rt_json_error err;
} json_fixture;

static int json_setup(void **state)
{
    json_fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    *state = f;
    return 0;
}

static int json_teardown(void **state)
{
    json_fixture *f = *state;
    rt_json_doc_free(f->doc);
    free(f);
    return 0;
}

/* Parses n bytes (replacing the fixture's document); returns the code. */
static int parse_n(json_fixture *f, const char *text, size_t n)
{
    rt_json_doc_free(f->doc);
    f->doc = NULL;
    f->root = NULL;
    memset(&f->err, 0, sizeof f->err);
    int rc = rt_json_parse(text, n, &f->doc, &f->root, &f->err);
    if (rc != 0) {
        assert_null(f->doc);
        assert_null(f->root);
    } else {
        assert_non_null(f->doc);
        assert_non_null(f->root);
    }
    return rc;
}

static const rt_json *parse_ok(json_fixture *f, const char *text)
{
    int rc = parse_n(f, text, strlen(text));
    if (rc != 0)
        fail_msg("parse of '%s' failed: %s", text, f->err.message);
    return f->root;
}

/* Expects text (n bytes) to fail with message and offset. */
static void parse_fails_n(json_fixture *f, const char *text, size_t n, const char *message,
                          size_t offset)
{
    int rc = parse_n(f, text, n);
    if (rc != RT_EINVAL)
        fail_msg("parse of '%.*s' returned %d, expected an error", (int)n, text, rc);
    assert_string_equal(f->err.message, message);
    assert_int_equal(f->err.offset, offset);
}

static void parse_fails(json_fixture *f, const char *text, const char *message, size_t offset)
{
    parse_fails_n(f, text, strlen(text), message, offset);
}

/* ------------------------------------------------------------- structure */

static void test_scalars(void **state)
{
    json_fixture *f = *state;
    assert_int_equal(parse_ok(f, "null")->kind, RT_JSON_NULL);
    assert_int_equal(parse_ok(f, "true")->kind, RT_JSON_TRUE);
    assert_int_equal(parse_ok(f, " false ")->kind, RT_JSON_FALSE);
    const rt_json *s = parse_ok(f, "\"hi\"");
    assert_int_equal(s->kind, RT_JSON_STRING);
    assert_string_equal(s->text, "hi");
    assert_int_equal(s->text_len, 2);
}

static void test_nested_document(void **state)
{
    json_fixture *f = *state;
    const rt_json *root =
        parse_ok(f, " \t\r\n{\"name\": \"Widget\", \"items\": [1, {\"sku\": \"A-1\"}, [], {}],"
                    " \"price\": 12.50, \"ok\": true, \"none\": null}\n");
    assert_int_equal(root->kind, RT_JSON_OBJECT);
    assert_int_equal(root->count, 5);
    assert_string_equal(root->keys[0], "name");
    assert_string_equal(root->keys[4], "none");
    const rt_json *items = rt_json_get(root, "items");
    assert_non_null(items);
    assert_int_equal(items->kind, RT_JSON_ARRAY);
    assert_int_equal(items->count, 4);
    assert_null(items->keys);
    assert_string_equal(items->items[0].text, "1");
    assert_string_equal(rt_json_get(&items->items[1], "sku")->text, "A-1");
    assert_int_equal(items->items[2].kind, RT_JSON_ARRAY);
    assert_int_equal(items->items[2].count, 0);
    assert_int_equal(items->items[3].kind, RT_JSON_OBJECT);
    assert_int_equal(items->items[3].count, 0);
    assert_string_equal(rt_json_get(root, "price")->text, "12.50");
    assert_int_equal(rt_json_get(root, "ok")->kind, RT_JSON_TRUE);
    assert_int_equal(rt_json_get(root, "none")->kind, RT_JSON_NULL);
    assert_null(rt_json_get(root, "missing"));
    assert_null(rt_json_get(items, "sku")); /* not an object */
    assert_null(rt_json_get(NULL, "sku"));
}

static void test_syntax_errors(void **state)
{
    json_fixture *f = *state;
    parse_fails(f, "", "unexpected end of input", 0);
    parse_fails(f, "   ", "unexpected end of input", 3);
    parse_fails(f, "{", "unexpected end of input", 1);
    parse_fails(f, "[1,", "unexpected end of input", 3);
    parse_fails(f, "{\"a\"", "unexpected end of input", 4);
    parse_fails(f, "{\"a\":", "unexpected end of input", 5);
    parse_fails(f, "\"abc", "unexpected end of input", 4);
    parse_fails(f, "\"abc\\", "unexpected end of input", 5);
    parse_fails(f, "tru", "unexpected end of input", 3);
    parse_fails(f, "[1,]", "unexpected character ']' at byte 3", 3);
    parse_fails(f, "{\"a\":1,}", "expected a string key at byte 7", 7);
    parse_fails(f, "{1:2}", "expected a string key at byte 1", 1);
    parse_fails(f, "{\"a\" 1}", "expected ':' at byte 5", 5);
    parse_fails(f, "[1 2]", "expected ',' or ']' at byte 3", 3);
    parse_fails(f, "{\"a\":1 \"b\":2}", "expected ',' or '}' at byte 7", 7);
    parse_fails(f, "nul", "unexpected end of input", 3);
    parse_fails(f, "nulL", "unexpected character 'L' at byte 3", 3);
    parse_fails(f, "'a'", "unexpected character ''' at byte 0", 0);
    parse_fails(f, "\x01", "unexpected byte 0x01 at byte 0", 0);
    parse_fails(f, "[\xC3\xA9]", "unexpected character at byte 1", 1);
}

static void test_trailing_data(void **state)
{
    json_fixture *f = *state;
    assert_non_null(parse_ok(f, "{}  \n\t\r"));
    parse_fails(f, "{} x", "trailing data at byte 3", 3);
    parse_fails(f, "{}{}", "trailing data at byte 2", 2);
    parse_fails(f, "1 2", "trailing data at byte 2", 2);
    parse_fails(f, "nulls", "trailing data at byte 4", 4);
    parse_fails_n(f, "{}\0", 3, "trailing data at byte 2", 2);
    parse_fails(f, "1.5.3", "trailing data at byte 3", 3);
}

static void test_bom_rejected(void **state)
{
    json_fixture *f = *state;
    parse_fails(f, "\xEF\xBB\xBF{}", "byte order mark is not allowed", 0);
}

/* ---------------------------------------------------------------- numbers */

static void test_numbers_valid_keep_lexeme(void **state)
{
    static const char *valid[] = {
        "0",
        "-0",
        "1",
        "-1",
        "10",
        "1.5",
        "-1.5e10",
        "1E+2",
        "1e-2",
        "0.0",
        "12.50",
        "0e0",
        "-0.000",
        "9999999999.99",
        "123456789012345678901234567890.123456789",
    };
    json_fixture *f = *state;
    char text[128];

    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        const rt_json *n = parse_ok(f, valid[i]);
        assert_int_equal(n->kind, RT_JSON_NUMBER);
        assert_string_equal(n->text, valid[i]);
        assert_int_equal(n->text_len, strlen(valid[i]));
        snprintf(text, sizeof text, "[%s]", valid[i]);
        assert_string_equal(parse_ok(f, text)->items[0].text, valid[i]);
    }
}

static void test_numbers_invalid(void **state)
{
    static const struct {
        const char *text;
        const char *message;
        size_t offset;
    } cases[] = {
        {"01", "invalid number at byte 0", 0},
        {"-01", "invalid number at byte 0", 0},
        {"[00]", "invalid number at byte 1", 1},
        {"+1", "unexpected character '+' at byte 0", 0},
        {".5", "unexpected character '.' at byte 0", 0},
        {"1.", "unexpected end of input", 2},
        {"[1.]", "invalid number at byte 1", 1},
        {"-", "unexpected end of input", 1},
        {"[-]", "invalid number at byte 1", 1},
        {"-a", "invalid number at byte 0", 0},
        {"1e", "unexpected end of input", 2},
        {"[1e]", "invalid number at byte 1", 1},
        {"[1e+]", "invalid number at byte 1", 1},
        {"[1.e5]", "invalid number at byte 1", 1},
        {"NaN", "unexpected character 'N' at byte 0", 0},
        {"Infinity", "unexpected character 'I' at byte 0", 0},
        {"-Infinity", "invalid number at byte 0", 0},
        {"0x10", "trailing data at byte 1", 1},
        {"[1,-]", "invalid number at byte 3", 3},
    };
    json_fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        parse_fails(f, cases[i].text, cases[i].message, cases[i].offset);
}

/* ---------------------------------------------------------------- strings */

static void test_string_escapes(void **state)
{
    static const struct {
        const char *json;
        const char *decoded;
    } cases[] = {
        {"\"a\\nb\"", "a\nb"},
        {"\"\\t\\r\\b\\f\"", "\t\r\b\f"},
        {"\"\\\"\\\\\\/\"", "\"\\/"},
        {"\"\\u0041\"", "A"},
        {"\"\\u00e9\\u00E9\"", "\xC3\xA9\xC3\xA9"},
        {"\"\\u20AC\"", "\xE2\x82\xAC"},
        {"\"\\uFFFF\"", "\xEF\xBF\xBF"},
        {"\"\\ud834\\udd1e\"", "\xF0\x9D\x84\x9E"},
        {"\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF"},
        {"\"x\\u0001y\"", "x\x01y"},
        {"\"caf\xC3\xA9\\n\"", "caf\xC3\xA9\n"},
    };
    json_fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rt_json *s = parse_ok(f, cases[i].json);
        assert_int_equal(s->kind, RT_JSON_STRING);
        assert_string_equal(s->text, cases[i].decoded);
        assert_int_equal(s->text_len, strlen(cases[i].decoded));
    }
}

static void test_string_escape_errors(void **state)
{
    static const struct {
        const char *json;
        const char *message;
        size_t offset;
    } cases[] = {
        {"\"\\u0000\"", "\\u0000 is not allowed at byte 1", 1},
        {"\"ab\\ud834\"", "lone surrogate escape at byte 3", 3},
        {"\"\\udd1e\"", "lone surrogate escape at byte 1", 1},
        {"\"\\ud834\\u0041\"", "lone surrogate escape at byte 1", 1},
        {"\"\\udd1e\\ud834\"", "lone surrogate escape at byte 1", 1},
        {"\"\\ud834\\ud834\"", "lone surrogate escape at byte 1", 1},
        {"\"\\ud834x\"", "lone surrogate escape at byte 1", 1},
        {"\"\\x41\"", "invalid escape at byte 1", 1},
        {"\"\\U0041\"", "invalid escape at byte 1", 1},
        {"\"\\u12G4\"", "invalid \\u escape at byte 1", 1},
        {"\"\\u12\"", "invalid \\u escape at byte 1", 1},
        {"\"a\tb\"", "control character in string at byte 2", 2},
        {"\"a\nb\"", "control character in string at byte 2", 2},
        {"\"\x1f\"", "control character in string at byte 1", 1},
    };
    json_fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        parse_fails(f, cases[i].json, cases[i].message, cases[i].offset);
    parse_fails_n(f, "\"a\0b\"", 5, "control character in string at byte 2", 2);
}

typedef struct utf8_case {
    const char *bytes;
    size_t len;
    bool valid;
    const char *what;
} utf8_case;

#define UTF8(s, v, w)                                                                              \
    {                                                                                              \
        s, sizeof(s) - 1, v, w                                                                     \
    }

static const utf8_case utf8_cases[] = {
    UTF8("", true, "empty"),
    UTF8("plain ascii", true, "ascii"),
    UTF8("\x7F", true, "DEL"),
    UTF8("\xC2\x80", true, "U+0080"),
    UTF8("\xC3\xA9", true, "U+00E9"),
    UTF8("\xDF\xBF", true, "U+07FF"),
    UTF8("\xE0\xA0\x80", true, "U+0800"),
    UTF8("\xE2\x82\xAC", true, "U+20AC"),
    UTF8("\xED\x9F\xBF", true, "U+D7FF"),
    UTF8("\xEE\x80\x80", true, "U+E000"),
    UTF8("\xEF\xBF\xBF", true, "U+FFFF"),
    UTF8("\xF0\x90\x80\x80", true, "U+10000"),
    UTF8("\xF0\x9D\x84\x9E", true, "U+1D11E"),
    UTF8("\xF4\x8F\xBF\xBF", true, "U+10FFFF"),
    UTF8("\x80", false, "lone continuation"),
    UTF8("\xBF", false, "lone continuation"),
    UTF8("\xC0\x80", false, "overlong NUL"),
    UTF8("\xC1\xBF", false, "overlong 2-byte"),
    UTF8("\xE0\x80\x80", false, "overlong 3-byte"),
    UTF8("\xE0\x9F\xBF", false, "overlong 3-byte"),
    UTF8("\xF0\x80\x80\x80", false, "overlong 4-byte"),
    UTF8("\xF0\x8F\xBF\xBF", false, "overlong 4-byte"),
    UTF8("\xED\xA0\x80", false, "surrogate D800"),
    UTF8("\xED\xAF\xBF", false, "surrogate DBFF"),
    UTF8("\xED\xB0\x80", false, "surrogate DC00"),
    UTF8("\xED\xBF\xBF", false, "surrogate DFFF"),
    UTF8("\xED\xA0\xBD\xED\xB8\x80", false, "CESU-8 pair"),
    UTF8("\xF4\x90\x80\x80", false, "U+110000"),
    UTF8("\xF5\x80\x80\x80", false, "F5 lead"),
    UTF8("\xF8\x88\x80\x80\x80", false, "5-byte form"),
    UTF8("\xFE", false, "FE"),
    UTF8("\xFF", false, "FF"),
    UTF8("\xC3", false, "truncated 2-byte"),
    UTF8("\xE2\x82", false, "truncated 3-byte"),
    UTF8("\xF0\x9D\x84", false, "truncated 4-byte"),
    UTF8("\xC3\x28", false, "bad continuation"),
    UTF8("\xE2\x28\xA1", false, "bad continuation"),
    UTF8("abcdefgh\xC3\xA9ijklmnop\x80", false, "bad byte after fast path"),
    UTF8("abcdefghijklmnopqrstuvw\xFF", false, "bad byte at the end of a long run"),
};

static void test_utf8_valid_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        if (rt_json_utf8_valid(utf8_cases[i].bytes, utf8_cases[i].len) != utf8_cases[i].valid)
            fail_msg("rt_json_utf8_valid wrong for %s", utf8_cases[i].what);
    }
}

/* The same table inside a JSON string: valid bytes are kept verbatim,
 * invalid ones are reported at the first bad byte. */
static void test_utf8_in_strings(void **state)
{
    json_fixture *f = *state;
    char json[64];

    for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        const utf8_case *c = &utf8_cases[i];
        size_t n = 0;
        json[n++] = '"';
        memcpy(json + n, c->bytes, c->len);
        n += c->len;
        json[n++] = '"';
        int rc = parse_n(f, json, n);
        if (c->valid) {
            if (rc != 0)
                fail_msg("valid %s rejected: %s", c->what, f->err.message);
            assert_int_equal(f->root->text_len, c->len);
            assert_memory_equal(f->root->text, c->bytes, c->len);
        } else {
            if (rc != RT_EINVAL)
                fail_msg("invalid %s accepted", c->what);
            assert_non_null(strstr(f->err.message, "invalid UTF-8 at byte "));
        }
    }
}

static void test_utf8_error_message_and_offset(void **state)
{
    json_fixture *f = *state;
    /* byte 12 is a lone continuation byte */
    parse_fails(f, "{\"name\": \"ab\x80\"}", "invalid UTF-8 at byte 12", 12);
    parse_fails(f, "{\"k\xED\xA0\x80\": 1}", "invalid UTF-8 at byte 3", 3);
    parse_fails(f, "[\xFF]", "invalid UTF-8 at byte 1", 1);
    parse_fails(f, "\"\xC3", "invalid UTF-8 at byte 1", 1);
}

/* --------------------------------------------------------- depth and keys */

static void test_depth_limit(void **state)
{
    json_fixture *f = *state;
    char text[2 * (RT_JSON_MAX_DEPTH + 1) + 1];
    int depth;

    for (depth = RT_JSON_MAX_DEPTH; depth <= RT_JSON_MAX_DEPTH + 1; depth++) {
        memset(text, '[', (size_t)depth);
        memset(text + depth, ']', (size_t)depth);
        text[2 * depth] = '\0';
        if (depth == RT_JSON_MAX_DEPTH) {
            const rt_json *node = parse_ok(f, text);
            for (int k = 1; k < depth; k++) {
                assert_int_equal(node->kind, RT_JSON_ARRAY);
                assert_int_equal(node->count, 1);
                node = &node->items[0];
            }
            assert_int_equal(node->count, 0);
        } else {
            parse_fails(f, text, "nesting deeper than 32 at byte 32", 32);
        }
    }
    /* objects count too, and a deep document cannot blow the stack */
    parse_fails(f,
                "[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":["
                "{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{\"a\":[{}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]}]",
                "nesting deeper than 32 at byte 96", 96);
    char *deep = malloc(100001);
    assert_non_null(deep);
    memset(deep, '[', 100000);
    deep[100000] = '\0';
    parse_fails(f, deep, "nesting deeper than 32 at byte 32", 32);
    free(deep);
}

static void test_duplicate_keys(void **state)
{
    json_fixture *f = *state;
    parse_fails(f, "{\"name\": 1, \"name\": 2}", "duplicate key \"name\"", 12);
    parse_fails(f, "{\"a\": {\"x\": 1, \"y\": 2, \"x\": 3}}", "duplicate key \"x\"", 23);
    /* keys are compared after decoding escapes */
    parse_fails(f, "{\"ab\": 1, \"a\\u0062\": 2}", "duplicate key \"ab\"", 10);
    /* the same key in different objects is fine */
    assert_non_null(parse_ok(f, "[{\"a\": 1}, {\"a\": 2}, {\"b\": {\"a\": 3}, \"a\": 4}]"));
    /* a long key is cut in the message */
    parse_fails(f,
                "{\"0123456789012345678901234567890123456789xyz\": 1,"
                " \"0123456789012345678901234567890123456789xyz\": 2}",
                "duplicate key \"0123456789012345678901234567890123456789...\"", 51);
}

/* Objects with many keys are checked by sorting: same answers. */
static void test_duplicate_keys_large_object(void **state)
{
    json_fixture *f = *state;
    rt_buf b;

    rt_buf_init(&b);
    rt_buf_puts(&b, "{");
    for (int i = 0; i < 5000; i++)
        rt_buf_printf(&b, "%s\"key%d\": %d", i > 0 ? ", " : "", i, i);
    rt_buf_puts(&b, "}");
    const rt_json *root = parse_ok(f, rt_buf_cstr(&b));
    assert_int_equal(root->count, 5000);
    assert_string_equal(rt_json_get(root, "key4999")->text, "4999");
    assert_string_equal(root->keys[1234], "key1234");

    /* two repeated keys: the repetition nearest the start is reported */
    rt_buf_reset(&b);
    rt_buf_puts(&b, "{");
    for (int i = 0; i < 40; i++)
        rt_buf_printf(&b, "%s\"k%02d\": 0", i > 0 ? "," : "", i);
    size_t second_k30 = b.len + 1;
    rt_buf_puts(&b, ",\"k30\": 1");
    rt_buf_puts(&b, ",\"k05\": 1}");
    parse_fails(f, rt_buf_cstr(&b), "duplicate key \"k30\"", second_k30);
    rt_buf_free(&b);
}

/* A big body parses quickly and keeps its order. */
static void test_large_array(void **state)
{
    json_fixture *f = *state;
    rt_buf b;

    rt_buf_init(&b);
    rt_buf_puts(&b, "[");
    for (int i = 0; i < 100000; i++)
        rt_buf_printf(&b, "%s{\"sku\":\"S%d\",\"quantity\":%d}", i > 0 ? "," : "", i, i % 7);
    rt_buf_puts(&b, "]");
    const rt_json *root = parse_ok(f, rt_buf_cstr(&b));
    assert_int_equal(root->count, 100000);
    assert_string_equal(rt_json_get(&root->items[99999], "sku")->text, "S99999");
    assert_string_equal(rt_json_get(&root->items[12345], "quantity")->text, "4");
    rt_buf_free(&b);
}

/* What rt_buf_json_string writes, rt_json_parse reads back unchanged. */
static void test_round_trip_with_writer(void **state)
{
    json_fixture *f = *state;
    char input[256];
    rt_buf b;

    for (int i = 0; i < 255; i++)
        input[i] = (char)(i < 127 ? i + 1 : 'x');
    input[255] = '\0';
    rt_buf_init(&b);
    rt_buf_json_string(&b, input);
    const rt_json *s = parse_ok(f, rt_buf_cstr(&b));
    assert_string_equal(s->text, input);
    rt_buf_free(&b);
}

/* A bad character inside a string names the top-level member holding it;
 * structural errors and bad keys name none. */
static void test_bad_string_names_its_field(void **state)
{
    json_fixture *f = *state;
    static const struct {
        const char *text;
        const char *field;
    } cases[] = {
        {"{\"name\": \"Ada \xff\"}", "name"},
        {"{\"a\": 1, \"email\": \"x\x01y\"}", "email"},
        {"{\"name\": \"a\\u0000b\"}", "name"},
        {"{\"name\": \"a\\qb\"}", "name"},
        {"{\"items\": [{\"sku\": \"\xc0\xaf\"}]}", "items"},
        {"{\"name\": \"Ada", ""},             /* unterminated: structure */
        {"{\"name\": \"Ada\" \"x\": 1}", ""}, /* missing comma */
        {"{\"na\xffme\": \"Ada\"}", ""},      /* a bad key */
        {"[\"\xff\"]", ""},                   /* no member to name */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(parse_n(f, cases[i].text, strlen(cases[i].text)), RT_EINVAL);
        assert_string_equal(f->err.field, cases[i].field);
    }
}

/* ------------------------------------------------------- out of memory */

/* Parses context (a NUL-terminated body); a failure must leave nothing. */
static int parse_and_free(void *context)
{
    const char *text = context;
    rt_json_doc *doc = NULL;
    const rt_json *root = NULL;
    rt_json_error err;
    int rc = rt_json_parse(text, strlen(text), &doc, &root, &err);

    if (rc != 0 && (doc != NULL || root != NULL))
        return RT_EINVAL; /* a failed parse handed something out */
    rt_json_doc_free(doc);
    return rc;
}

/* A body big enough for new arena chunks, a growing scratch stack and the
 * duplicate-key index: every allocation failure answers RT_ENOMEM. */
static void test_out_of_memory_is_reported_cleanly(void **state)
{
    rt_buf body;

    (void)state;
    rt_buf_init(&body);
    rt_buf_puts(&body, "{");
    for (int key = 0; key < 100; key++) {
        rt_buf_printf(&body, "%s\"key%d\":[", key ? "," : "", key);
        for (int item = 0; item < 20; item++)
            rt_buf_printf(&body,
                          "%s{\"name\":\"item %d of key %d, \\u00e9t\u00e9\",\"n\":[1,2.50]}",
                          item ? "," : "", item, key);
        rt_buf_puts(&body, "]");
    }
    rt_buf_puts(&body, "}");
    assert_int_equal(rt_buf_check(&body), 0);
    assert_true(failing_alloc_walk(parse_and_free, (void *)rt_buf_cstr(&body), RT_ENOMEM) > 5);
    rt_buf_free(&body);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, json_setup, json_teardown)
    const struct CMUnitTest tests[] = {
        T(test_scalars),
        T(test_nested_document),
        T(test_syntax_errors),
        T(test_trailing_data),
        T(test_bom_rejected),
        T(test_numbers_valid_keep_lexeme),
        T(test_numbers_invalid),
        T(test_string_escapes),
        T(test_string_escape_errors),
        T(test_utf8_valid_table),
        T(test_utf8_in_strings),
        T(test_utf8_error_message_and_offset),
        T(test_depth_limit),
        T(test_duplicate_keys),
        T(test_duplicate_keys_large_object),
        T(test_large_array),
        T(test_round_trip_with_writer),
        T(test_bad_string_names_its_field),
        T(test_out_of_memory_is_reported_cleanly),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
