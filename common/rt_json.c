/*
 * rt_json.c - a strict RFC 8259 JSON parser for request bodies (rt_json.h).
 * In common/: the compiler checks literal values with it and rt_validate.
 *
 * A recursive-descent parser, bounded by RT_JSON_MAX_DEPTH, that keeps each
 * number's lexeme (money never passes through a double) and decodes strings
 * into UTF-8. Beyond RFC 8259 it rejects what a request body must not hold:
 * invalid UTF-8 (overlong forms, surrogates, code points above U+10FFFF,
 * truncated sequences), lone or reversed surrogate escapes, \u0000
 * (PostgreSQL text cannot hold NUL), duplicate object keys, a leading byte
 * order mark, and anything but whitespace after the value.
 *
 * Memory: every node and string goes into one arena owned by the document.
 * While a container is open its finished children wait on a scratch stack
 * (one malloc'd array reused for the whole parse); when it closes they are
 * copied into one arena array, so each container's items are contiguous.
 *
 * Invariants:
 *   - parser.pos <= parser.len at all times;
 *   - slots [0, parser.slot_count) are the finished children of the open
 *     containers, innermost last; a container opened when slot_count was
 *     `base` owns slots [base, slot_count);
 *   - every decoded string is valid UTF-8 without NUL and is
 *     NUL-terminated; no decoded string is longer than its escaped form.
 */
#include "rt_json.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_alloc.h"
#include "rt_arena.h"
#include "rt_error.h"

/* Objects with more keys than this are checked for duplicates by sorting. */
#define JSON_PAIRWISE_KEY_LIMIT 16
/* Longest piece of a key quoted in a "duplicate key" message. */
#define JSON_MESSAGE_KEY_BYTES 40

struct rt_json_doc {
    rt_arena *arena;
};

typedef struct json_slot {
    rt_json node;
    const char *key;   /* object member name, or NULL for array items */
    size_t key_offset; /* byte offset of the key's opening quote */
} json_slot;

typedef struct json_parser {
    const unsigned char *text;
    size_t len;
    size_t pos;
    int depth; /* containers open */
    rt_arena *arena;
    json_slot *slots;
    size_t slot_count;
    size_t slot_capacity;
    rt_json_error *err;
    bool bad_string; /* the error is a bad character inside a string */
} json_parser;

typedef struct json_key_ref {
    const char *key;
    size_t index;
} json_key_ref;

static int json_parse_value(json_parser *p, rt_json *out);

/* ------------------------------------------------------------------ UTF-8 */

/* The length of the well-formed UTF-8 sequence at s (Unicode Table 3-7),
 * or 0 when the bytes there are not one (including a truncated one). */
static size_t json_utf8_sequence_length(const unsigned char *s, size_t available)
{
    unsigned char c = s[0];
    unsigned char low = 0x80, high = 0xBF;

    if (c < 0x80)
        return 1;
    if (c < 0xC2) /* continuation byte, or overlong C0/C1 lead */
        return 0;
    if (c < 0xE0) {
        if (available < 2 || s[1] < 0x80 || s[1] > 0xBF)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (c == 0xE0)
            low = 0xA0; /* overlong */
        else if (c == 0xED)
            high = 0x9F; /* surrogates D800..DFFF */
        if (available < 3 || s[1] < low || s[1] > high || s[2] < 0x80 || s[2] > 0xBF)
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (c == 0xF0)
            low = 0x90; /* overlong */
        else if (c == 0xF4)
            high = 0x8F; /* above U+10FFFF */
        if (available < 4 || s[1] < low || s[1] > high || s[2] < 0x80 || s[2] > 0xBF ||
            s[3] < 0x80 || s[3] > 0xBF)
            return 0;
        return 4;
    }
    return 0;
}

bool rt_json_utf8_valid(const char *s, size_t len)
{
    const unsigned char *bytes = (const unsigned char *)s;
    size_t i = 0;

    assert(s != NULL || len == 0);
    while (i < len) {
        if (bytes[i] < 0x80) {
            /* ASCII fast path: eight bytes at a time */
            while (i + 8 <= len) {
                uint64_t word;
                memcpy(&word, bytes + i, sizeof word);
                if (word & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            while (i < len && bytes[i] < 0x80)
                i++;
            continue;
        }
        size_t n = json_utf8_sequence_length(bytes + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/* Writes code point cp (a valid scalar value) as UTF-8; returns bytes. */
static size_t json_utf8_encode(uint32_t cp, char *out)
{
    assert(cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ----------------------------------------------------------------- errors */

static int json_fail(json_parser *p, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first error (message and offset) and returns RT_EINVAL. */
static int json_fail(json_parser *p, size_t offset, const char *fmt, ...)
{
    va_list args;

    p->err->offset = offset;
    va_start(args, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, args);
    va_end(args);
    return RT_EINVAL;
}

static int json_fail_end(json_parser *p)
{
    return json_fail(p, p->len, "unexpected end of input");
}

/* The error for an unexpected byte at offset: names printable ASCII,
 * calls out invalid UTF-8, and shows anything else in hex. */
static int json_fail_unexpected(json_parser *p, size_t offset)
{
    unsigned char c;

    if (offset >= p->len)
        return json_fail_end(p);
    c = p->text[offset];
    if (c >= 0x21 && c <= 0x7E)
        return json_fail(p, offset, "unexpected character '%c' at byte %zu", c, offset);
    if (c >= 0x80 && json_utf8_sequence_length(p->text + offset, p->len - offset) == 0)
        return json_fail(p, offset, "invalid UTF-8 at byte %zu", offset);
    if (c >= 0x80)
        return json_fail(p, offset, "unexpected character at byte %zu", offset);
    return json_fail(p, offset, "unexpected byte 0x%02X at byte %zu", c, offset);
}

/* ------------------------------------------------------------ the scanner */

static void json_skip_whitespace(json_parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = p->text[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static int json_push(json_parser *p, const rt_json *node, const char *key, size_t key_offset)
{
    if (p->slot_count == p->slot_capacity) {
        size_t capacity = p->slot_capacity == 0 ? 64 : p->slot_capacity * 2;
        json_slot *slots = NULL;
        if (capacity > SIZE_MAX / sizeof *slots)
            return RT_ENOMEM;
        slots = rt_alloc_realloc(p->slots, capacity * sizeof *slots);
        if (slots == NULL)
            return RT_ENOMEM;
        p->slots = slots;
        p->slot_capacity = capacity;
    }
    p->slots[p->slot_count].node = *node;
    p->slots[p->slot_count].key = key;
    p->slots[p->slot_count].key_offset = key_offset;
    p->slot_count++;
    return 0;
}

static int json_hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads the four hex digits of a \u escape whose backslash is at `at`
 * (the escape lies within the string, whose closing quote is at `end`). */
static int json_read_u_escape(json_parser *p, size_t at, size_t end, uint32_t *out_unit)
{
    uint32_t unit = 0;

    if (end - at < 6)
        return json_fail(p, at, "invalid \\u escape at byte %zu", at);
    for (size_t k = at + 2; k < at + 6; k++) {
        int digit = json_hex_value(p->text[k]);
        if (digit < 0)
            return json_fail(p, at, "invalid \\u escape at byte %zu", at);
        unit = unit * 16 + (uint32_t)digit;
    }
    *out_unit = unit;
    return 0;
}

/* Decodes the escaped string body [start, end) into out (room for
 * end - start bytes plus NUL); *out_len gets the decoded length. */
static int json_decode_escapes(json_parser *p, size_t start, size_t end, char *out, size_t *out_len)
{
    size_t i = start;
    size_t n = 0;
    int rc = 0;

    while (i < end) {
        unsigned char c = p->text[i];
        uint32_t unit = 0, low = 0;
        size_t at = i;

        if (c != '\\') {
            out[n++] = (char)c;
            i++;
            continue;
        }
        assert(i + 1 < end); /* the scan never ends a string inside an escape */
        switch (p->text[i + 1]) {
        case '"':
            out[n++] = '"';
            break;
        case '\\':
            out[n++] = '\\';
            break;
        case '/':
            out[n++] = '/';
            break;
        case 'b':
            out[n++] = '\b';
            break;
        case 'f':
            out[n++] = '\f';
            break;
        case 'n':
            out[n++] = '\n';
            break;
        case 'r':
            out[n++] = '\r';
            break;
        case 't':
            out[n++] = '\t';
            break;
        case 'u':
            rc = json_read_u_escape(p, at, end, &unit);
            if (rc != 0)
                goto done;
            i += 6;
            if (unit == 0) {
                rc = json_fail(p, at, "\\u0000 is not allowed at byte %zu", at);
                goto done;
            }
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
                rc = json_fail(p, at, "lone surrogate escape at byte %zu", at);
                goto done;
            }
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (end - i < 6 || p->text[i] != '\\' || p->text[i + 1] != 'u' ||
                    json_read_u_escape(p, i, end, &low) != 0 || low < 0xDC00 || low > 0xDFFF) {
                    rc = json_fail(p, at, "lone surrogate escape at byte %zu", at);
                    goto done;
                }
                i += 6;
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
            n += json_utf8_encode(unit, out + n);
            continue;
        default:
            assert(!"escape characters are checked by the scan");
            rc = json_fail(p, at, "invalid escape at byte %zu", at);
            goto done;
        }
        i += 2;
    }
    assert(n <= end - start);
    out[n] = '\0';
    *out_len = n;
done:
    return rc;
}

/* Parses the string whose opening quote is at p->pos into the arena. */
static int json_parse_string(json_parser *p, const char **out_text, size_t *out_len)
{
    size_t start = p->pos + 1;
    size_t i = start;
    bool has_escape = false;
    char *text = NULL;
    int rc = 0;

    assert(p->text[p->pos] == '"');
    for (;;) {
        /* fast path: printable ASCII other than quote and backslash */
        while (i < p->len && p->text[i] >= 0x20 && p->text[i] < 0x80 && p->text[i] != '"' &&
               p->text[i] != '\\')
            i++;
        if (i >= p->len) {
            rc = json_fail_end(p);
            goto done;
        }
        unsigned char c = p->text[i];
        if (c == '"')
            break;
        if (c == '\\') {
            if (i + 1 >= p->len) {
                rc = json_fail_end(p);
                goto done;
            }
            if (strchr("\"\\/bfnrtu", p->text[i + 1]) == NULL || p->text[i + 1] == '\0') {
                rc = json_fail(p, i, "invalid escape at byte %zu", i);
                goto done;
            }
            has_escape = true;
            i += 2; /* the escaped byte never ends the string */
            continue;
        }
        if (c < 0x20) {
            rc = json_fail(p, i, "control character in string at byte %zu", i);
            goto done;
        }
        assert(c >= 0x80); /* the fast path took the rest of ASCII */
        size_t n = json_utf8_sequence_length(p->text + i, p->len - i);
        if (n == 0) {
            rc = json_fail(p, i, "invalid UTF-8 at byte %zu", i);
            goto done;
        }
        i += n;
    }
    text = rt_arena_alloc(p->arena, i - start + 1);
    if (text == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (has_escape) {
        rc = json_decode_escapes(p, start, i, text, out_len);
        if (rc != 0)
            goto done;
    } else {
        memcpy(text, p->text + start, i - start);
        text[i - start] = '\0';
        *out_len = i - start;
    }
    *out_text = text;
    p->pos = i + 1;
done:
    /* anything but running out of input happened inside the string */
    if (rc == RT_EINVAL && p->err->offset < p->len)
        p->bad_string = true;
    return rc;
}

static bool json_is_digit(const json_parser *p, size_t at)
{
    return at < p->len && p->text[at] >= '0' && p->text[at] <= '9';
}

/* Requires one or more digits at p->pos (the number began at start). */
static int json_parse_digits(json_parser *p, size_t start)
{
    if (p->pos >= p->len)
        return json_fail_end(p);
    if (!json_is_digit(p, p->pos))
        return json_fail(p, start, "invalid number at byte %zu", start);
    while (json_is_digit(p, p->pos))
        p->pos++;
    return 0;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? kept as its lexeme. */
static int json_parse_number(json_parser *p, rt_json *out)
{
    size_t start = p->pos;
    char *lexeme = NULL;
    int rc = 0;

    if (p->text[p->pos] == '-')
        p->pos++;
    if (p->pos < p->len && p->text[p->pos] == '0') {
        p->pos++;
        if (json_is_digit(p, p->pos)) {
            rc = json_fail(p, start, "invalid number at byte %zu", start);
            goto done;
        }
    } else {
        rc = json_parse_digits(p, start);
        if (rc != 0)
            goto done;
    }
    if (p->pos < p->len && p->text[p->pos] == '.') {
        p->pos++;
        rc = json_parse_digits(p, start);
        if (rc != 0)
            goto done;
    }
    if (p->pos < p->len && (p->text[p->pos] == 'e' || p->text[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->text[p->pos] == '+' || p->text[p->pos] == '-'))
            p->pos++;
        rc = json_parse_digits(p, start);
        if (rc != 0)
            goto done;
    }
    lexeme = rt_arena_strndup(p->arena, (const char *)p->text + start, p->pos - start);
    if (lexeme == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    out->kind = RT_JSON_NUMBER;
    out->text = lexeme;
    out->text_len = p->pos - start;
done:
    return rc;
}

static int json_parse_literal(json_parser *p, const char *word, rt_json_kind kind, rt_json *out)
{
    size_t n = strlen(word);

    for (size_t k = 0; k < n; k++) {
        if (p->pos + k >= p->len || p->text[p->pos + k] != (unsigned char)word[k])
            return json_fail_unexpected(p, p->pos + k);
    }
    p->pos += n;
    out->kind = kind;
    return 0;
}

/* Moves slots [base, slot_count) into arena arrays owned by out. */
static int json_take_children(json_parser *p, size_t base, bool with_keys, rt_json *out)
{
    size_t count = p->slot_count - base;
    rt_json *items = NULL;
    const char **keys = NULL;

    if (count == 0)
        return 0;
    if (count > SIZE_MAX / sizeof *items)
        return RT_ENOMEM;
    items = rt_arena_alloc(p->arena, count * sizeof *items);
    if (items == NULL)
        return RT_ENOMEM;
    if (with_keys) {
        keys = rt_arena_alloc(p->arena, count * sizeof *keys);
        if (keys == NULL)
            return RT_ENOMEM;
    }
    for (size_t k = 0; k < count; k++) {
        items[k] = p->slots[base + k].node;
        if (with_keys)
            keys[k] = p->slots[base + k].key;
    }
    out->items = items;
    out->keys = keys;
    out->count = count;
    p->slot_count = base;
    return 0;
}

static int json_key_ref_compare(const void *a, const void *b)
{
    const json_key_ref *x = a, *y = b;
    int order = strcmp(x->key, y->key);

    if (order != 0)
        return order;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Finds the first repeated key (the repetition nearest the start) among
 * slots [base, slot_count); *out_index is its slot, or SIZE_MAX if none. */
static int json_find_duplicate_key(json_parser *p, size_t base, size_t *out_index)
{
    size_t count = p->slot_count - base;
    json_key_ref *refs = NULL;
    size_t found = SIZE_MAX;
    int rc = 0;

    if (count <= JSON_PAIRWISE_KEY_LIMIT) {
        for (size_t i = base + 1; i < p->slot_count && found == SIZE_MAX; i++) {
            for (size_t j = base; j < i; j++) {
                if (strcmp(p->slots[i].key, p->slots[j].key) == 0) {
                    found = i;
                    break;
                }
            }
        }
        goto done;
    }
    refs = rt_alloc_malloc(count * sizeof *refs);
    if (refs == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < count; k++) {
        refs[k].key = p->slots[base + k].key;
        refs[k].index = base + k;
    }
    qsort(refs, count, sizeof *refs, json_key_ref_compare);
    /* sorted by (key, index): a repetition is an entry equal to the one
     * before it; the earliest first repetition across keys wins */
    for (size_t k = 1; k < count; k++) {
        if (strcmp(refs[k].key, refs[k - 1].key) == 0 && refs[k].index < found &&
            (k < 2 || strcmp(refs[k - 1].key, refs[k - 2].key) != 0))
            found = refs[k].index;
    }
done:
    free(refs);
    *out_index = found;
    return rc;
}

/* Keeps a message short: at most JSON_MESSAGE_KEY_BYTES of key, cut on a
 * UTF-8 character boundary. Returns the number of bytes to quote. */
static int json_key_excerpt_length(const char *key, bool *out_cut)
{
    size_t n = strlen(key);

    *out_cut = false;
    if (n <= JSON_MESSAGE_KEY_BYTES)
        return (int)n;
    n = JSON_MESSAGE_KEY_BYTES;
    while (n > 0 && ((unsigned char)key[n] & 0xC0) == 0x80)
        n--;
    *out_cut = true;
    return (int)n;
}

static int json_parse_array(json_parser *p, rt_json *out)
{
    size_t base = p->slot_count;
    int rc = 0;

    assert(p->text[p->pos] == '[');
    out->kind = RT_JSON_ARRAY;
    p->pos++;
    json_skip_whitespace(p);
    if (p->pos < p->len && p->text[p->pos] == ']') {
        p->pos++;
        goto done;
    }
    for (;;) {
        rt_json item = {0};
        rc = json_parse_value(p, &item);
        if (rc != 0)
            goto done;
        rc = json_push(p, &item, NULL, 0);
        if (rc != 0)
            goto done;
        json_skip_whitespace(p);
        if (p->pos >= p->len) {
            rc = json_fail_end(p);
            goto done;
        }
        if (p->text[p->pos] == ']') {
            p->pos++;
            break;
        }
        if (p->text[p->pos] != ',') {
            rc = json_fail(p, p->pos, "expected ',' or ']' at byte %zu", p->pos);
            goto done;
        }
        p->pos++;
    }
    rc = json_take_children(p, base, false, out);
done:
    return rc;
}

static int json_parse_object(json_parser *p, rt_json *out)
{
    size_t base = p->slot_count;
    size_t duplicate = SIZE_MAX;
    int rc = 0;

    assert(p->text[p->pos] == '{');
    out->kind = RT_JSON_OBJECT;
    p->pos++;
    json_skip_whitespace(p);
    if (p->pos < p->len && p->text[p->pos] == '}') {
        p->pos++;
        goto done;
    }
    for (;;) {
        rt_json value = {0};
        const char *key = NULL;
        size_t key_len = 0;
        size_t key_offset;

        json_skip_whitespace(p);
        if (p->pos >= p->len) {
            rc = json_fail_end(p);
            goto done;
        }
        if (p->text[p->pos] != '"') {
            rc = json_fail(p, p->pos, "expected a string key at byte %zu", p->pos);
            goto done;
        }
        key_offset = p->pos;
        rc = json_parse_string(p, &key, &key_len);
        if (rc != 0)
            goto done;
        json_skip_whitespace(p);
        if (p->pos >= p->len) {
            rc = json_fail_end(p);
            goto done;
        }
        if (p->text[p->pos] != ':') {
            rc = json_fail(p, p->pos, "expected ':' at byte %zu", p->pos);
            goto done;
        }
        p->pos++;
        rc = json_parse_value(p, &value);
        if (rc == RT_EINVAL && p->bad_string && p->depth == 1 && p->err->field[0] == '\0')
            snprintf(p->err->field, sizeof p->err->field, "%s", key);
        if (rc != 0)
            goto done;
        rc = json_push(p, &value, key, key_offset);
        if (rc != 0)
            goto done;
        json_skip_whitespace(p);
        if (p->pos >= p->len) {
            rc = json_fail_end(p);
            goto done;
        }
        if (p->text[p->pos] == '}') {
            p->pos++;
            break;
        }
        if (p->text[p->pos] != ',') {
            rc = json_fail(p, p->pos, "expected ',' or '}' at byte %zu", p->pos);
            goto done;
        }
        p->pos++;
    }
    rc = json_find_duplicate_key(p, base, &duplicate);
    if (rc != 0)
        goto done;
    if (duplicate != SIZE_MAX) {
        const char *key = p->slots[duplicate].key;
        bool cut = false;
        int n = json_key_excerpt_length(key, &cut);
        rc = json_fail(p, p->slots[duplicate].key_offset, "duplicate key \"%.*s%s\"", n, key,
                       cut ? "..." : "");
        goto done;
    }
    rc = json_take_children(p, base, true, out);
done:
    return rc;
}

static int json_parse_value(json_parser *p, rt_json *out)
{
    int rc = 0;

    json_skip_whitespace(p);
    if (p->pos >= p->len)
        return json_fail_end(p);
    switch (p->text[p->pos]) {
    case '{':
    case '[':
        if (p->depth >= RT_JSON_MAX_DEPTH)
            return json_fail(p, p->pos, "nesting deeper than %d at byte %zu", RT_JSON_MAX_DEPTH,
                             p->pos);
        p->depth++;
        if (p->text[p->pos] == '{')
            rc = json_parse_object(p, out);
        else
            rc = json_parse_array(p, out);
        p->depth--;
        return rc;
    case '"':
        out->kind = RT_JSON_STRING;
        return json_parse_string(p, &out->text, &out->text_len);
    case 't':
        return json_parse_literal(p, "true", RT_JSON_TRUE, out);
    case 'f':
        return json_parse_literal(p, "false", RT_JSON_FALSE, out);
    case 'n':
        return json_parse_literal(p, "null", RT_JSON_NULL, out);
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return json_parse_number(p, out);
    default:
        return json_fail_unexpected(p, p->pos);
    }
}

/* ----------------------------------------------------------------- public */

int rt_json_parse(const char *text, size_t len, rt_json_doc **out_doc, const rt_json **out_root,
                  rt_json_error *err)
{
    rt_json_error unused_error;
    json_parser p = {0};
    rt_json_doc *doc = NULL;
    rt_json *root = NULL;
    rt_arena *arena = NULL;
    int rc = 0;

    assert(text != NULL || len == 0);
    assert(out_doc != NULL && out_root != NULL);
    *out_doc = NULL;
    *out_root = NULL;
    if (err == NULL)
        err = &unused_error;
    err->offset = 0;
    err->message[0] = '\0';
    err->field[0] = '\0';

    rc = rt_arena_create(&arena);
    if (rc != 0)
        goto done;
    doc = rt_arena_alloc(arena, sizeof *doc);
    root = rt_arena_alloc(arena, sizeof *root);
    if (doc == NULL || root == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    doc->arena = arena;
    p.text = (const unsigned char *)text;
    p.len = len;
    p.arena = arena;
    p.err = err;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        rc = json_fail(&p, 0, "byte order mark is not allowed");
        goto done;
    }
    rc = json_parse_value(&p, root);
    if (rc != 0)
        goto done;
    json_skip_whitespace(&p);
    if (p.pos < p.len) {
        rc = json_fail(&p, p.pos, "trailing data at byte %zu", p.pos);
        goto done;
    }
    assert(p.slot_count == 0 && p.depth == 0);
    *out_doc = doc;
    *out_root = root;
    arena = NULL; /* owned by doc now */
done:
    if (rc == RT_ENOMEM) {
        err->offset = p.pos;
        snprintf(err->message, sizeof err->message, "out of memory");
    }
    free(p.slots);
    rt_arena_destroy(arena);
    return rc;
}

void rt_json_doc_free(rt_json_doc *doc)
{
    if (doc == NULL)
        return;
    rt_arena_destroy(doc->arena);
}

const rt_json *rt_json_get(const rt_json *object, const char *key)
{
    assert(key != NULL);
    if (object == NULL || object->kind != RT_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < object->count; i++) {
        if (strcmp(object->keys[i], key) == 0)
            return &object->items[i];
    }
    return NULL;
}
