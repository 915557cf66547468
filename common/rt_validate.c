/*
 * rt_validate.c - request validation driven by generated rt_field tables
 * (rt_validate.h). In common/: the compiler checks a spec's literal
 * values (defaults, examples) with the very same rules.
 *
 * One function, validate_scalar(), knows every field kind; bodies (JSON),
 * query strings and path segments all go through it. Values from a query
 * string or a path arrive as text, so they are wrapped in a JSON string
 * node and validated with `textual` set, which lets an int come from
 * digits, a bool from "true"/"false" and checks the bytes are UTF-8 (JSON
 * strings already are). Messages are Django REST framework's where DRF has
 * one, so clients of the first API see familiar text. As in DRF, a JSON
 * null is refused unless the field is nullable (allow_null), whether it
 * is required or not; each body input records whether its key was there
 * at all, so a PATCH can tell an absent key from an explicit null.
 *
 * Every problem is collected (one message per field, the first that
 * applies), in field order, then unknown body keys in input order. Unknown
 * query parameters are ignored (DRF's convention: a query string may carry
 * what other layers use, such as a cache buster). Arrays of
 * objects are validated item by item; an item's errors name the array,
 * the item and its key (rendered as DRF's {"items": [{}, {"sku": [...]}]});
 * a valid array becomes its JSON text again, normalised (every item field,
 * canonical values), to bind as jsonb. A body's `either` alternatives are
 * resolved first (rt_validate.h).
 *
 * Invariants:
 *   - validated text is canonical (see rt_field in rt_api.h) and always
 *     copied into the caller's arena: it never points into a JSON document
 *     or a request buffer, which may be freed first;
 *   - a field with a message has a NULL output; a valid request has no
 *     message at all;
 *   - bounds: a length bound is checked only when has_len (a negative
 *     max_len means "no maximum"); a range only when has_range. An
 *     RT_TYPE_INT field is also held to the 32-bit range PostgreSQL's
 *     integer can store.
 */
#include "rt_validate.h"

#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rt_buf.h"
#include "rt_error.h"

/* Longest piece of a client's value echoed back in a message. */
#define VALIDATE_ECHO_BYTES 50

#define MESSAGE_REQUIRED "This field is required."
#define MESSAGE_NULL "This field may not be null."
#define MESSAGE_BLANK "This field may not be blank."
#define MESSAGE_STRING "Not a valid string."
#define MESSAGE_EMAIL "Enter a valid email address."
#define MESSAGE_INTEGER "A valid integer is required."
#define MESSAGE_NUMBER "A valid number is required."
#define MESSAGE_BOOLEAN "Must be a valid boolean."
#define MESSAGE_UUID "Must be a valid UUID."
#define MESSAGE_DATETIME                                                                           \
    "Datetime has wrong format. Use one of these formats instead: "                                \
    "YYYY-MM-DDThh:mm:ss[.fraction](Z|+HH:MM|-HH:MM)."
#define MESSAGE_DATE "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
#define MESSAGE_UNKNOWN_FIELD "Unknown field."
#define MESSAGE_REPEATED_PARAMETER "Repeated parameter."

typedef struct validate_run {
    rt_arena *arena;
    rt_field_errors *errors;
    int alternative;        /* the body's chosen `either` alternative, or 0 */
    const char *chosen_key; /* a key of it the body has, or NULL */
} validate_run;

/* Where the errors of an object's members go: item `item` (of item_count)
 * of the array field `field`; NULL for the top level. */
typedef struct validate_place {
    const char *field;
    int item, item_count;
} validate_place;

static int validate_members(validate_run *run, const rt_field *fields, int count,
                            const rt_json *object, const validate_place *place, rt_input *out);

/* ---------------------------------------------------------------- helpers */

/* The Python type name DRF would use for a JSON value ("str", "list"). */
static const char *validate_type_name(const rt_json *value)
{
    switch (value->kind) {
    case RT_JSON_NULL:
        return "NoneType";
    case RT_JSON_FALSE:
    case RT_JSON_TRUE:
        return "bool";
    case RT_JSON_NUMBER:
        return strpbrk(value->text, ".eE") != NULL ? "float" : "int";
    case RT_JSON_STRING:
        return "str";
    case RT_JSON_ARRAY:
        return "list";
    case RT_JSON_OBJECT:
        return "dict";
    }
    return "object";
}

static bool validate_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool validate_is_hex(char c)
{
    return validate_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Number of code points in valid UTF-8. */
static int64_t validate_code_points(const char *s, size_t len)
{
    int64_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    }
    return n;
}

/* A copy of s (valid UTF-8) for a message: at most VALIDATE_ECHO_BYTES,
 * cut on a character boundary, with "..." when cut. */
static const char *validate_echo(rt_arena *arena, const char *s, size_t len)
{
    size_t n = len;

    if (n <= VALIDATE_ECHO_BYTES)
        return rt_arena_strndup(arena, s, n);
    n = VALIDATE_ECHO_BYTES;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return rt_arena_printf(arena, "%.*s...", (int)n, s);
}

/* The name of `name` inside prefix: "sku" or "items[2].sku". */
/* Reports message about the member `name` of an object at place. */
static int validate_report(validate_run *run, const validate_place *place, const char *name,
                           const char *message)
{
    if (message == NULL)
        return RT_ENOMEM;
    if (place == NULL)
        return rt_field_errors_add(run->errors, run->arena, name, message);
    return rt_field_errors_add_item(run->errors, run->arena, place->field, place->item,
                                    place->item_count, name, message);
}

/* Formats v / 10^scale with exactly `scale` decimals ("0.01"). */
static const char *validate_format_scaled(rt_arena *arena, int64_t v, int scale)
{
    char digits[32];
    char text[64];
    uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 0, k = 0;

    assert(scale >= 0 && scale <= 18);
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    while (n <= scale)
        digits[n++] = '0'; /* at least one digit before the point */
    if (v < 0)
        text[k++] = '-';
    while (n > 0) {
        if (n == scale)
            text[k++] = '.';
        text[k++] = digits[--n];
    }
    text[k] = '\0';
    return rt_arena_strdup(arena, text);
}

/* ------------------------------------------------------ shapes of strings */

/* Parses exactly n digits at s. */
static bool validate_fixed_digits(const char *s, int n, int *out)
{
    int value = 0;

    for (int i = 0; i < n; i++) {
        if (!validate_is_digit(s[i]))
            return false;
        value = value * 10 + (s[i] - '0');
    }
    *out = value;
    return true;
}

/* YYYY-MM-DD, a real calendar date in years 0001..9999, at s (10 bytes). */
static bool validate_date_shape(const char *s)
{
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year, month, day, last;

    if (!validate_fixed_digits(s, 4, &year) || s[4] != '-' ||
        !validate_fixed_digits(s + 5, 2, &month) || s[7] != '-' ||
        !validate_fixed_digits(s + 8, 2, &day))
        return false;
    if (year < 1 || month < 1 || month > 12 || day < 1)
        return false;
    last = month_days[month - 1];
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        last = 29;
    return day <= last;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM). The offset is held to
 * PostgreSQL's limit of 15:59; the fraction to 1..9 digits. */
static bool validate_timestamp_shape(const char *s, size_t len)
{
    int hour, minute, second;
    size_t i = 19;

    if (len < 20 || !validate_date_shape(s) || s[10] != 'T' ||
        !validate_fixed_digits(s + 11, 2, &hour) || s[13] != ':' ||
        !validate_fixed_digits(s + 14, 2, &minute) || s[16] != ':' ||
        !validate_fixed_digits(s + 17, 2, &second))
        return false;
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    if (s[i] == '.') {
        size_t first = ++i;
        while (i < len && validate_is_digit(s[i]))
            i++;
        if (i == first || i - first > 9)
            return false;
    }
    if (i < len && s[i] == 'Z')
        return i + 1 == len;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        if (len - i != 6 || !validate_fixed_digits(s + i + 1, 2, &hour) || s[i + 3] != ':' ||
            !validate_fixed_digits(s + i + 4, 2, &minute))
            return false;
        return hour <= 15 && minute <= 59;
    }
    return false;
}

/* 8-4-4-4-12 hex digits, either case. */
static bool validate_uuid_shape(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool hyphen = i == 8 || i == 13 || i == 18 || i == 23;
        if (hyphen ? s[i] != '-' : !validate_is_hex(s[i]))
            return false;
    }
    return true;
}

/* One domain label: 1..63 of [A-Za-z0-9-], not starting or ending '-'. */
static bool validate_domain_label(const char *s, size_t len)
{
    if (len == 0 || len > 63 || s[0] == '-' || s[len - 1] == '-')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!validate_is_digit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-')
            return false;
    }
    return true;
}

/* local@domain.tld: one '@'; local part 1..64 bytes, no spaces or control
 * characters, dots only between other characters; a domain of at least
 * two labels. s is valid UTF-8. */
static bool validate_email_shape(const char *s, size_t len)
{
    const char *at = NULL;
    size_t local_len, label_start, dots = 0;
    const char *domain = NULL;
    size_t domain_len;

    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7F)
            return false;
        /* C1 controls and the no-break space (U+0080..U+00A0) */
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0xA0)
            return false;
        if (c == '@') {
            if (at != NULL)
                return false;
            at = s + i;
        }
    }
    if (at == NULL)
        return false;
    local_len = (size_t)(at - s);
    if (local_len == 0 || local_len > 64 || s[0] == '.' || s[local_len - 1] == '.')
        return false;
    for (size_t i = 1; i < local_len; i++) {
        if (s[i] == '.' && s[i - 1] == '.')
            return false;
    }
    domain = at + 1;
    domain_len = len - local_len - 1;
    if (domain_len == 0 || domain_len > 253)
        return false;
    label_start = 0;
    for (size_t i = 0; i <= domain_len; i++) {
        if (i < domain_len && domain[i] != '.')
            continue;
        if (!validate_domain_label(domain + label_start, i - label_start))
            return false;
        if (i < domain_len)
            dots++;
        label_start = i + 1;
    }
    return dots > 0;
}

/* ------------------------------------------------------------ the kinds */

/* Text, password and email. */
static int validate_text(const rt_field *field, const rt_json *value, bool textual, rt_arena *arena,
                         const char **out_text, const char **out_message)
{
    bool bytes = field->kind == RT_FIELD_PASSWORD;
    const char *unit = bytes ? "bytes" : "characters";
    int64_t length;

    if (value->kind != RT_JSON_STRING ||
        (textual && !rt_json_utf8_valid(value->text, value->text_len))) {
        *out_message = MESSAGE_STRING;
        return 0;
    }
    if (value->text_len == 0 && field->has_len && field->min_len >= 1) {
        *out_message = MESSAGE_BLANK;
        return 0;
    }
    length = bytes ? (int64_t)value->text_len : validate_code_points(value->text, value->text_len);
    if (field->has_len && field->max_len >= 0 && length > field->max_len) {
        *out_message = rt_arena_printf(arena, "Ensure this field has no more than %" PRId64 " %s.",
                                       field->max_len, unit);
        return *out_message != NULL ? 0 : RT_ENOMEM;
    }
    if (field->has_len && length < field->min_len) {
        *out_message = rt_arena_printf(arena, "Ensure this field has at least %" PRId64 " %s.",
                                       field->min_len, unit);
        return *out_message != NULL ? 0 : RT_ENOMEM;
    }
    if (field->kind == RT_FIELD_EMAIL && !validate_email_shape(value->text, value->text_len)) {
        *out_message = MESSAGE_EMAIL;
        return 0;
    }
    *out_text = rt_arena_strndup(arena, value->text, value->text_len);
    return *out_text != NULL ? 0 : RT_ENOMEM;
}

/* The range message for an out-of-range value (bound already formatted). */
static int validate_range_message(rt_arena *arena, bool too_big, const char *bound,
                                  const char **out_message)
{
    if (bound == NULL)
        return RT_ENOMEM;
    *out_message = rt_arena_printf(arena, "Ensure this value is %s than or equal to %s.",
                                   too_big ? "less" : "greater", bound);
    return *out_message != NULL ? 0 : RT_ENOMEM;
}

static int validate_int(const rt_field *field, const rt_json *value, bool textual, rt_arena *arena,
                        const char **out_text, const char **out_message)
{
    const char *s = value->text;
    size_t len = value->text_len;
    int64_t minimum = field->has_range ? field->min : INT64_MIN;
    int64_t maximum = field->has_range ? field->max : INT64_MAX;
    uint64_t magnitude = 0;
    uint64_t limit;
    bool negative = false;
    int64_t number;
    size_t i = 0;

    if (value->kind != (textual ? RT_JSON_STRING : RT_JSON_NUMBER))
        goto invalid;
    if (i < len && s[i] == '-') {
        negative = true;
        i++;
    }
    if (i == len)
        goto invalid;
    limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < len; i++) {
        if (!validate_is_digit(s[i]))
            goto invalid; /* a fraction, an exponent, or not a number */
        uint64_t digit = (uint64_t)(s[i] - '0');
        if (magnitude > (limit - digit) / 10)
            goto invalid; /* beyond int64: DRF calls it invalid too */
        magnitude = magnitude * 10 + digit;
    }
    number = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    if (field->type == RT_TYPE_INT) {
        if (minimum < INT32_MIN)
            minimum = INT32_MIN;
        if (maximum > INT32_MAX)
            maximum = INT32_MAX;
    }
    if (number > maximum)
        return validate_range_message(arena, true, rt_arena_printf(arena, "%" PRId64, maximum),
                                      out_message);
    if (number < minimum)
        return validate_range_message(arena, false, rt_arena_printf(arena, "%" PRId64, minimum),
                                      out_message);
    *out_text = rt_arena_printf(arena, "%" PRId64, number);
    return *out_text != NULL ? 0 : RT_ENOMEM;
invalid:
    *out_message = MESSAGE_INTEGER;
    return 0;
}

/* Money and other decimals: -?digits(.digits)? from a JSON string or
 * number, compared exactly as an integer scaled by 10^scale. */
static int validate_decimal(const rt_field *field, const rt_json *value, rt_arena *arena,
                            const char **out_text, const char **out_message)
{
    const char *s = value->text;
    size_t len = value->text_len;
    size_t i = 0, whole_start, whole_len, fraction_start = 0, fraction_len = 0;
    bool negative = false, zero = true, overflow = false;
    int64_t scaled = 0;
    char *text = NULL;
    size_t n = 0;

    assert(field->scale >= 0 && (field->precision == 0 || field->precision >= field->scale));
    if (value->kind != RT_JSON_STRING && value->kind != RT_JSON_NUMBER)
        goto invalid;
    if (i < len && s[i] == '-') {
        negative = true;
        i++;
    }
    while (i < len && s[i] == '0' && i + 1 < len && validate_is_digit(s[i + 1]))
        i++; /* leading zeros */
    whole_start = i;
    while (i < len && validate_is_digit(s[i]))
        i++;
    whole_len = i - whole_start;
    if (whole_len == 0)
        goto invalid;
    if (i < len && s[i] == '.') {
        fraction_start = ++i;
        while (i < len && validate_is_digit(s[i]))
            i++;
        fraction_len = i - fraction_start;
        if (fraction_len == 0)
            goto invalid;
    }
    if (i != len)
        goto invalid; /* exponent, spaces, NaN, ... */
    if (whole_len == 1 && s[whole_start] == '0')
        whole_len = 0; /* "0.5" has no digits before the point */

    if (fraction_len > (size_t)field->scale) {
        *out_message = rt_arena_printf(
            arena, "Ensure that there are no more than %d decimal places.", field->scale);
        return *out_message != NULL ? 0 : RT_ENOMEM;
    }
    if (field->precision > 0 && whole_len > (size_t)(field->precision - field->scale)) {
        *out_message = rt_arena_printf(
            arena, "Ensure that there are no more than %d digits before the decimal point.",
            field->precision - field->scale);
        return *out_message != NULL ? 0 : RT_ENOMEM;
    }

    /* canonical text: sign, whole digits (or "0"), exactly `scale` decimals */
    text = rt_arena_alloc(arena, whole_len + (size_t)field->scale + 4);
    if (text == NULL)
        return RT_ENOMEM;
    n = 1; /* room for the sign, decided below */
    if (whole_len == 0)
        text[n++] = '0';
    for (size_t k = 0; k < whole_len; k++)
        text[n++] = s[whole_start + k];
    if (field->scale > 0)
        text[n++] = '.';
    for (int k = 0; k < field->scale; k++)
        text[n++] = (size_t)k < fraction_len ? s[fraction_start + (size_t)k] : '0';
    text[n] = '\0';

    /* the value scaled by 10^scale, and whether it is zero */
    for (size_t k = 1; k < n; k++) {
        if (text[k] == '.')
            continue;
        int digit = text[k] - '0';
        if (digit != 0)
            zero = false;
        if (overflow || scaled > (INT64_MAX - digit) / 10)
            overflow = true;
        else
            scaled = scaled * 10 + digit;
    }
    if (negative && !zero) {
        text[0] = '-';
        scaled = -scaled;
    } else {
        text++; /* no sign; "-0.00" is "0.00" */
    }
    if (field->has_range) {
        /* an overflowing value lies beyond every int64 bound */
        bool too_big = overflow ? !negative : scaled > field->max;
        bool too_small = overflow ? negative : scaled < field->min;
        if (too_big || too_small)
            return validate_range_message(
                arena, too_big,
                validate_format_scaled(arena, too_big ? field->max : field->min, field->scale),
                out_message);
    }
    *out_text = text;
    return 0;
invalid:
    *out_message = MESSAGE_NUMBER;
    return 0;
}

static int validate_enum(const rt_field *field, const rt_json *value, bool textual, rt_arena *arena,
                         const char **out_text, const char **out_message)
{
    const char *echo = NULL;

    switch (value->kind) {
    case RT_JSON_STRING:
        if (textual && !rt_json_utf8_valid(value->text, value->text_len)) {
            *out_message = MESSAGE_STRING;
            return 0;
        }
        for (int i = 0; i < field->enum_count; i++) {
            if (strlen(field->enum_values[i]) == value->text_len &&
                memcmp(field->enum_values[i], value->text, value->text_len) == 0) {
                *out_text = field->enum_values[i]; /* static */
                return 0;
            }
        }
        echo = validate_echo(arena, value->text, value->text_len);
        break;
    case RT_JSON_NUMBER:
        echo = validate_echo(arena, value->text, value->text_len);
        break;
    case RT_JSON_TRUE:
        echo = "true";
        break;
    case RT_JSON_FALSE:
        echo = "false";
        break;
    default:
        *out_message = MESSAGE_STRING;
        return 0;
    }
    if (echo == NULL)
        return RT_ENOMEM;
    *out_message = rt_arena_printf(arena, "\"%s\" is not a valid choice.", echo);
    return *out_message != NULL ? 0 : RT_ENOMEM;
}

/* Validates a present, non-null value of any kind but an array.
 * On success *out_text is canonical; on invalid input *out_message is set.
 * Returns 0 or RT_ENOMEM. */
static int validate_scalar(const rt_field *field, const rt_json *value, bool textual,
                           rt_arena *arena, const char **out_text, const char **out_message)
{
    bool is_string = value->kind == RT_JSON_STRING;

    assert(!textual || is_string);
    *out_text = NULL;
    *out_message = NULL;
    switch (field->kind) {
    case RT_FIELD_TEXT:
    case RT_FIELD_PASSWORD:
    case RT_FIELD_EMAIL:
        return validate_text(field, value, textual, arena, out_text, out_message);
    case RT_FIELD_INT:
        return validate_int(field, value, textual, arena, out_text, out_message);
    case RT_FIELD_DECIMAL:
        return validate_decimal(field, value, arena, out_text, out_message);
    case RT_FIELD_BOOL:
        if (textual ? strcmp(value->text, "true") == 0 : value->kind == RT_JSON_TRUE)
            *out_text = "true";
        else if (textual ? strcmp(value->text, "false") == 0 : value->kind == RT_JSON_FALSE)
            *out_text = "false";
        else
            *out_message = MESSAGE_BOOLEAN;
        return 0;
    case RT_FIELD_UUID: {
        char *text = NULL;
        if (!is_string || !validate_uuid_shape(value->text, value->text_len)) {
            *out_message = MESSAGE_UUID;
            return 0;
        }
        text = rt_arena_strndup(arena, value->text, value->text_len);
        if (text == NULL)
            return RT_ENOMEM;
        for (char *c = text; *c != '\0'; c++) {
            if (*c >= 'A' && *c <= 'F')
                *c = (char)(*c - 'A' + 'a');
        }
        *out_text = text;
        return 0;
    }
    case RT_FIELD_TIMESTAMP:
    case RT_FIELD_DATE: {
        bool timestamp = field->kind == RT_FIELD_TIMESTAMP;
        bool valid =
            is_string && (timestamp ? validate_timestamp_shape(value->text, value->text_len)
                                    : value->text_len == 10 && validate_date_shape(value->text));
        if (!valid) {
            *out_message = timestamp ? MESSAGE_DATETIME : MESSAGE_DATE;
            return 0;
        }
        *out_text = rt_arena_strndup(arena, value->text, value->text_len);
        return *out_text != NULL ? 0 : RT_ENOMEM;
    }
    case RT_FIELD_ENUM:
        return validate_enum(field, value, textual, arena, out_text, out_message);
    case RT_FIELD_ARRAY:
        *out_message = rt_arena_printf(arena, "Expected a list of items but got type \"%s\".",
                                       validate_type_name(value));
        return *out_message != NULL ? 0 : RT_ENOMEM;
    }
    assert(!"unknown field kind");
    *out_message = MESSAGE_STRING;
    return 0;
}

/* --------------------------------------------------------- objects, arrays */

/* One validated value as JSON: numbers and booleans as they are (their
 * canonical text is JSON), everything else a string, NULL as null. */
static void validate_write_json_value(rt_buf *b, const rt_field *field, const char *text)
{
    if (text == NULL)
        rt_buf_puts(b, "null");
    else if (field->kind == RT_FIELD_INT || field->kind == RT_FIELD_DECIMAL ||
             field->kind == RT_FIELD_BOOL)
        rt_buf_puts(b, text);
    else
        rt_buf_json_string(b, text);
}

/* The validated items rows[0..count) of field as a JSON array of objects
 * (every item field, in declaration order) or, for an array of values, of
 * the values, copied into the arena. */
static int validate_items_json(validate_run *run, const rt_field *field, const rt_input *rows,
                               int count, const char **out_text)
{
    size_t width = (size_t)field->item_field_count;
    rt_buf b;
    int rc = 0;

    rt_buf_init(&b);
    rt_buf_puts(&b, "[");
    for (int k = 0; k < count && field->item_scalar; k++) {
        if (k > 0)
            rt_buf_puts(&b, ",");
        validate_write_json_value(&b, &field->item_fields[0], rows[k].text);
    }
    for (int k = 0; k < count && !field->item_scalar; k++) {
        rt_buf_puts(&b, k > 0 ? ",{" : "{");
        for (size_t i = 0; i < width; i++) {
            const rt_field *item_field = &field->item_fields[i];
            if (i > 0)
                rt_buf_puts(&b, ",");
            rt_buf_json_string(&b, item_field->name);
            rt_buf_puts(&b, ":");
            validate_write_json_value(&b, item_field, rows[(size_t)k * width + i].text);
        }
        rt_buf_puts(&b, "}");
    }
    rt_buf_puts(&b, "]");
    rc = rt_buf_check(&b);
    if (rc == 0) {
        *out_text = rt_arena_strndup(run->arena, rt_buf_cstr(&b), b.len);
        rc = *out_text != NULL ? 0 : RT_ENOMEM;
    }
    rt_buf_free(&b);
    return rc;
}

/* The message of an array's length, or NULL when it fits. */
static const char *validate_array_length(validate_run *run, const rt_field *field, int64_t count,
                                         bool *failed)
{
    int64_t max_len = field->has_len && field->max_len >= 0 ? field->max_len : INT_MAX;
    const char *message = NULL;

    if (count > max_len || count > INT_MAX)
        message =
            rt_arena_printf(run->arena, "Ensure this field has no more than %" PRId64 " elements.",
                            max_len < INT_MAX ? max_len : (int64_t)INT_MAX);
    else if (field->has_len && count < field->min_len)
        message = rt_arena_printf(
            run->arena, "Ensure this field has at least %" PRId64 " elements.", field->min_len);
    else
        return NULL;
    *failed = true;
    return message;
}

static int validate_compare_texts(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reports the first value given twice in an array of `unique` values
 * (sorted copies compared side by side: n log n for any length). */
static int validate_unique_values(validate_run *run, const rt_field *field, const rt_input *rows,
                                  int count)
{
    const char **texts;

    if (!field->unique_items || count < 2)
        return 0;
    texts = rt_arena_alloc(run->arena, (size_t)count * sizeof *texts);
    if (texts == NULL)
        return RT_ENOMEM;
    for (int k = 0; k < count; k++)
        texts[k] = rows[k].text;
    qsort(texts, (size_t)count, sizeof *texts, validate_compare_texts);
    for (int k = 1; k < count; k++) {
        if (strcmp(texts[k - 1], texts[k]) == 0)
            return validate_report(run, NULL, field->name,
                                   rt_arena_printf(run->arena,
                                                   "Items must be unique: \"%s\" is given twice.",
                                                   texts[k]));
    }
    return 0;
}

/* The values of an array of values, each validated as item_fields[0];
 * an error names the array (a plain list of reasons, as DRF's
 * MultipleChoiceField answers). */
static int validate_array_values(validate_run *run, const rt_field *field, const rt_json *value,
                                 rt_input *rows)
{
    int rc = 0;

    for (size_t k = 0; k < value->count && rc == 0; k++) {
        const rt_json *item = &value->items[k];
        const char *message = NULL;
        if (item->kind == RT_JSON_NULL)
            message = MESSAGE_NULL;
        else
            rc = validate_scalar(&field->item_fields[0], item, false, run->arena, &rows[k].text,
                                 &message);
        if (rc == 0 && message != NULL)
            rc = validate_report(run, NULL, field->name, message);
    }
    return rc;
}

static int validate_array(validate_run *run, const rt_field *field, const rt_json *value,
                          rt_input *out)
{
    size_t width = (size_t)field->item_field_count;
    int errors_before = run->errors->count;
    rt_input *rows = NULL;
    const char *message = NULL;
    bool failed = false;
    int rc = 0;

    assert(field->item_field_count >= 0);
    if (value->kind != RT_JSON_ARRAY) {
        return validate_report(run, NULL, field->name,
                               rt_arena_printf(run->arena,
                                               "Expected a list of items but got type \"%s\".",
                                               validate_type_name(value)));
    }
    /* a length error stops here: 100000 items need not be looked at */
    message = validate_array_length(run, field, (int64_t)value->count, &failed);
    if (failed)
        return validate_report(run, NULL, field->name, message);
    if (value->count > 0 && width > 0) {
        /* count <= INT_MAX and width <= INT_MAX: no overflow in size_t */
        rows = rt_arena_alloc(run->arena, value->count * width * sizeof *rows);
        if (rows == NULL)
            return RT_ENOMEM;
    }
    if (field->item_scalar && rows != NULL)
        rc = validate_array_values(run, field, value, rows);
    for (size_t k = 0; k < value->count && rc == 0 && !field->item_scalar; k++) {
        const rt_json *item = &value->items[k];
        validate_place place = {field->name, (int)k, (int)value->count};
        if (item->kind == RT_JSON_OBJECT)
            rc = validate_members(run, field->item_fields, field->item_field_count, item, &place,
                                  rows != NULL ? rows + k * width : NULL);
        else
            rc = validate_report(run, &place, "non_field_errors",
                                 rt_arena_printf(run->arena,
                                                 "Invalid data. Expected a dictionary, but got %s.",
                                                 validate_type_name(item)));
    }
    if (rc == 0 && run->errors->count == errors_before)
        rc = validate_unique_values(run, field, rows, (int)value->count);
    if (rc != 0 || run->errors->count > errors_before)
        return rc;
    out->items = rows;
    out->item_count = (int)value->count;
    return validate_items_json(run, field, rows, (int)value->count, &out->text);
}

/* Whether the top-level field is left out as another `either` alternative
 * than the chosen one. */
static bool validate_other_alternative(const validate_run *run, const validate_place *place,
                                       const rt_field *field)
{
    return place == NULL && field->alternative != 0 && field->alternative != run->alternative;
}

/* Validates one member (value: NULL when absent) into out. */
static int validate_member(validate_run *run, const rt_field *field, const rt_json *value,
                           const validate_place *place, rt_input *out)
{
    const char *message = NULL;
    int rc = 0;

    *out = (rt_input){.present = value != NULL};
    if (validate_other_alternative(run, place, field)) {
        *out = (rt_input){0};
        if (value == NULL)
            return 0;
        return validate_report(
            run, place, field->name,
            rt_arena_printf(run->arena, "This field cannot be combined with %s.", run->chosen_key));
    }
    if (value == NULL) {
        if (field->default_value != NULL)
            out->text = field->default_value;
        else if (field->required)
            message = MESSAGE_REQUIRED;
    } else if (value->kind == RT_JSON_NULL) {
        if (!field->nullable)
            message = MESSAGE_NULL;
    } else if (field->kind == RT_FIELD_ARRAY) {
        return validate_array(run, field, value, out);
    } else {
        rc = validate_scalar(field, value, false, run->arena, &out->text, &message);
    }
    if (rc == 0 && message != NULL)
        rc = validate_report(run, place, field->name, message);
    return rc;
}

/* Validates the members of object against fields; errors go to place
 * (NULL at the top level). out has count inputs. */
static int validate_members(validate_run *run, const rt_field *fields, int count,
                            const rt_json *object, const validate_place *place, rt_input *out)
{
    int rc = 0;

    assert(object->kind == RT_JSON_OBJECT);
    for (int i = 0; i < count && rc == 0; i++)
        rc = validate_member(run, &fields[i], rt_json_get(object, fields[i].name), place, &out[i]);
    for (size_t k = 0; k < object->count && rc == 0; k++) {
        bool known = false;
        for (int i = 0; i < count && !known; i++)
            known = strcmp(fields[i].name, object->keys[k]) == 0;
        /* keys belong to the document, which may be freed first: copy */
        if (!known)
            rc = validate_report(run, place, rt_arena_strdup(run->arena, object->keys[k]),
                                 MESSAGE_UNKNOWN_FIELD);
    }
    return rc;
}

/* Chooses the body's `either` alternative: the first one a key of the
 * body belongs to, else the first (so a body without any is told what the
 * first needs). */
static void validate_choose_alternative(validate_run *run, const rt_field *fields, int count,
                                        const rt_json *object)
{
    run->alternative = 0;
    run->chosen_key = NULL;
    for (int i = 0; i < count; i++) {
        if (fields[i].alternative == 0)
            continue;
        if (run->alternative == 0)
            run->alternative = fields[i].alternative; /* the first: a default */
        if (rt_json_get(object, fields[i].name) != NULL) {
            run->alternative = fields[i].alternative;
            run->chosen_key = fields[i].name;
            return;
        }
    }
}

/* ----------------------------------------------------------------- public */

int rt_field_errors_add(rt_field_errors *errors, rt_arena *arena, const char *field,
                        const char *message)
{
    assert(errors != NULL && field != NULL && message != NULL);
    assert(errors->count <= errors->capacity);
    if (errors->count == errors->capacity) {
        rt_field_error *grown = NULL;
        int capacity;
        if (errors->capacity > INT_MAX / 2)
            return RT_ENOMEM;
        capacity = errors->capacity == 0 ? 8 : errors->capacity * 2;
        grown = rt_arena_alloc(arena, (size_t)capacity * sizeof *grown);
        if (grown == NULL)
            return RT_ENOMEM;
        if (errors->count > 0)
            memcpy(grown, errors->errors, (size_t)errors->count * sizeof *grown);
        errors->errors = grown;
        errors->capacity = capacity;
    }
    errors->errors[errors->count] =
        (rt_field_error){.field = field, .message = message, .item = -1};
    errors->count++;
    return 0;
}

int rt_field_errors_add_item(rt_field_errors *errors, rt_arena *arena, const char *field, int item,
                             int item_count, const char *member, const char *message)
{
    int rc;

    assert(item >= 0 && item < item_count && member != NULL);
    rc = rt_field_errors_add(errors, arena, field, message);
    if (rc == 0) {
        rt_field_error *added = &errors->errors[errors->count - 1];
        added->item = item;
        added->item_count = item_count;
        added->member = member;
    }
    return rc;
}

int rt_validate_object(const rt_field *fields, int count, const rt_json *object, rt_arena *arena,
                       rt_input *out, rt_field_errors *errors)
{
    static const rt_json empty_object = {.kind = RT_JSON_OBJECT};
    validate_run run = {.arena = arena, .errors = errors};
    int rc = 0;

    assert(count >= 0 && (fields != NULL || count == 0) && (out != NULL || count == 0));
    assert(arena != NULL && errors != NULL);
    for (int i = 0; i < count; i++)
        out[i] = (rt_input){0};
    if (object == NULL)
        object = &empty_object; /* no body: as DRF, every required field is missing */
    if (object->kind != RT_JSON_OBJECT) {
        const char *message = rt_arena_printf(
            arena, "Invalid data. Expected a dictionary, but got %s.", validate_type_name(object));
        rc = message != NULL ? rt_field_errors_add(errors, arena, "non_field_errors", message)
                             : RT_ENOMEM;
        goto done;
    }
    validate_choose_alternative(&run, fields, count, object);
    rc = validate_members(&run, fields, count, object, NULL, out);
done:
    if (rc == 0 && errors->count > 0)
        rc = RT_EINVAL;
    return rc;
}

int rt_validate_query(const rt_field *fields, int count, const char *const *keys,
                      const char *const *values, int n, rt_arena *arena, rt_input *out,
                      rt_field_errors *errors)
{
    int rc = 0;

    assert(count >= 0 && (fields != NULL || count == 0) && (out != NULL || count == 0));
    assert(n >= 0 && (n == 0 || (keys != NULL && values != NULL)));
    assert(arena != NULL && errors != NULL);
    for (int i = 0; i < count; i++) {
        const rt_field *field = &fields[i];
        const char *message = NULL;
        int occurrences = 0, at = -1;

        out[i] = (rt_input){0};
        for (int k = 0; k < n; k++) {
            if (strcmp(keys[k], field->name) == 0) {
                occurrences++;
                at = k;
            }
        }
        if (occurrences > 1) {
            message = MESSAGE_REPEATED_PARAMETER;
        } else if (occurrences == 0) {
            if (field->default_value != NULL)
                out[i].text = field->default_value;
            else if (field->required)
                message = MESSAGE_REQUIRED;
        } else {
            const char *text = values[at] != NULL ? values[at] : "";
            rt_json value = {.kind = RT_JSON_STRING, .text = text, .text_len = strlen(text)};
            rc = validate_scalar(field, &value, true, arena, &out[i].text, &message);
            if (rc != 0)
                goto done;
        }
        if (message != NULL) {
            rc = rt_field_errors_add(errors, arena, field->name, message);
            if (rc != 0)
                goto done;
        }
    }
done:
    if (rc == 0 && errors->count > 0)
        rc = RT_EINVAL;
    return rc;
}

int rt_validate_string(const rt_field *field, const char *value, rt_arena *arena,
                       const char **out_text)
{
    rt_json node = {.kind = RT_JSON_STRING};
    const char *message = NULL;
    int rc = 0;

    assert(field != NULL && value != NULL && arena != NULL && out_text != NULL);
    *out_text = NULL;
    node.text = value;
    node.text_len = strlen(value);
    rc = validate_scalar(field, &node, true, arena, out_text, &message);
    if (rc == 0 && message != NULL)
        rc = RT_EINVAL;
    if (rc != 0)
        *out_text = NULL;
    return rc;
}
