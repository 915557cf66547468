/*
 * test_validate.c - unit tests for rt_validate: every field kind's rules
 * and messages (DRF's), canonical text, bodies, arrays of objects, query
 * strings and path segments.
 *
 * Helpers free the JSON document right after validating and before
 * looking at the output, so AddressSanitizer catches any output that
 * points into the document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_error.h"
#include "rt_json.h"
#include "rt_validate.h"

#include "failing_alloc.h"

/* The messages name the formats the server accepts (README, The API). */
#define MESSAGE_DATETIME_FORMATS                                                                   \
    "Datetime has wrong format. Use one of these formats instead: "                                \
    "YYYY-MM-DDThh:mm:ss[.fraction](Z|+HH:MM|-HH:MM)."
#define MESSAGE_DATE_FORMATS "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."

#define MAX_FIELDS 16

typedef struct validate_fixture {
    rt_arena *arena;
    rt_field_errors errors;
    rt_input out[MAX_FIELDS];
} validate_fixture;

static int validate_setup(void **state)
{
    validate_fixture *f = calloc(1, sizeof *f);
    if (f == NULL || rt_arena_create(&f->arena) != 0) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int validate_teardown(void **state)
{
    validate_fixture *f = *state;
    rt_arena_destroy(f->arena);
    free(f);
    return 0;
}

/* Parses body (must be valid JSON), validates it, frees the document. */
static int validate_body(validate_fixture *f, const rt_field *fields, int count, const char *body)
{
    rt_json_doc *doc = NULL;
    const rt_json *root = NULL;
    rt_json_error err;
    int rc;

    assert_true(count <= MAX_FIELDS);
    memset(&f->errors, 0, sizeof f->errors);
    memset(f->out, 0xA5, sizeof f->out); /* validation must overwrite every input */
    if (rt_json_parse(body, strlen(body), &doc, &root, &err) != 0)
        fail_msg("test body does not parse: %s: %s", body, err.message);
    rc = rt_validate_object(fields, count, root, f->arena, f->out, &f->errors);
    rt_json_doc_free(doc);
    return rc;
}

static int validate_query(validate_fixture *f, const rt_field *fields, int count,
                          const char *const *keys, const char *const *values, int n)
{
    memset(&f->errors, 0, sizeof f->errors);
    memset(f->out, 0xA5, sizeof f->out);
    return rt_validate_query(fields, count, keys, values, n, f->arena, f->out, &f->errors);
}

static void expect_error(const validate_fixture *f, int index, const char *field,
                         const char *message)
{
    if (index >= f->errors.count)
        fail_msg("expected error %d (%s: %s), have %d errors", index, field, message,
                 f->errors.count);
    assert_string_equal(f->errors.errors[index].field, field);
    assert_string_equal(f->errors.errors[index].message, message);
    assert_int_equal(f->errors.errors[index].item, -1);
}

/* Error `index` is about member of item `item` (of item_count) of field. */
static void expect_item_error(const validate_fixture *f, int index, const char *field, int item,
                              int item_count, const char *member, const char *message)
{
    if (index >= f->errors.count)
        fail_msg("expected error %d (%s[%d].%s: %s), have %d errors", index, field, item, member,
                 message, f->errors.count);
    assert_string_equal(f->errors.errors[index].field, field);
    assert_int_equal(f->errors.errors[index].item, item);
    assert_int_equal(f->errors.errors[index].item_count, item_count);
    assert_string_equal(f->errors.errors[index].member, member);
    assert_string_equal(f->errors.errors[index].message, message);
}

/* Checks one value of field (renamed "v") given as JSON (NULL: absent):
 * either canonical text want_text (NULL: no value) or want_message. */
static void check_json(validate_fixture *f, rt_field field, const char *json_value,
                       const char *want_text, const char *want_message)
{
    char body[4096];
    int rc;

    field.name = "v";
    if (json_value != NULL)
        snprintf(body, sizeof body, "{\"v\": %s}", json_value);
    else
        snprintf(body, sizeof body, "{}");
    rc = validate_body(f, &field, 1, body);
    if (want_message != NULL) {
        if (rc != RT_EINVAL || f->errors.count != 1)
            fail_msg("%s: expected \"%s\", got rc %d with %d errors (text %s)", body, want_message,
                     rc, f->errors.count, rc == 0 ? f->out[0].text : "-");
        if (strcmp(f->errors.errors[0].field, "v") != 0 ||
            strcmp(f->errors.errors[0].message, want_message) != 0)
            fail_msg("%s: expected \"%s\", got %s: \"%s\"", body, want_message,
                     f->errors.errors[0].field, f->errors.errors[0].message);
        assert_null(f->out[0].text);
        return;
    }
    if (rc != 0)
        fail_msg("%s: expected %s, got error \"%s\"", body, want_text ? want_text : "NULL",
                 f->errors.count > 0 ? f->errors.errors[0].message : "?");
    if (want_text == NULL) {
        if (f->out[0].text != NULL)
            fail_msg("%s: expected no value, got \"%s\"", body, f->out[0].text);
        return;
    }
    if (f->out[0].text == NULL || strcmp(f->out[0].text, want_text) != 0)
        fail_msg("%s: expected \"%s\", got \"%s\"", body, want_text,
                 f->out[0].text ? f->out[0].text : "NULL");
}

/* The same through a query string: value NULL means the key is absent. */
static void check_query(validate_fixture *f, rt_field field, const char *value,
                        const char *want_text, const char *want_message)
{
    const char *keys[] = {"v"};
    const char *values[] = {value};
    int rc;

    field.name = "v";
    rc = validate_query(f, &field, 1, keys, values, value != NULL ? 1 : 0);
    if (want_message != NULL) {
        if (rc != RT_EINVAL || f->errors.count != 1 ||
            strcmp(f->errors.errors[0].message, want_message) != 0)
            fail_msg("?v=%s: expected \"%s\", got rc %d, %s", value ? value : "(absent)",
                     want_message, rc, f->errors.count > 0 ? f->errors.errors[0].message : "-");
        assert_string_equal(f->errors.errors[0].field, "v");
        assert_null(f->out[0].text);
        return;
    }
    if (rc != 0)
        fail_msg("?v=%s: unexpected error \"%s\"", value ? value : "(absent)",
                 f->errors.count > 0 ? f->errors.errors[0].message : "?");
    if (want_text == NULL) {
        assert_null(f->out[0].text);
        return;
    }
    if (f->out[0].text == NULL || strcmp(f->out[0].text, want_text) != 0)
        fail_msg("?v=%s: expected \"%s\", got \"%s\"", value ? value : "(absent)", want_text,
                 f->out[0].text ? f->out[0].text : "NULL");
}

/* ------------------------------------------------------------ field kinds */

static const rt_field text_1_5 = {.kind = RT_FIELD_TEXT,
                                  .type = RT_TYPE_TEXT,
                                  .required = true,
                                  .has_len = true,
                                  .min_len = 1,
                                  .max_len = 5};
static const rt_field password_8_12 = {.kind = RT_FIELD_PASSWORD,
                                       .type = RT_TYPE_TEXT,
                                       .required = true,
                                       .has_len = true,
                                       .min_len = 8,
                                       .max_len = 12};
static const rt_field email_field = {.kind = RT_FIELD_EMAIL,
                                     .type = RT_TYPE_TEXT,
                                     .required = true,
                                     .has_len = true,
                                     .min_len = 3,
                                     .max_len = 254};
static const rt_field quantity = {.kind = RT_FIELD_INT,
                                  .type = RT_TYPE_INT,
                                  .required = true,
                                  .has_range = true,
                                  .min = 1,
                                  .max = 10000};
static const rt_field bigint_field = {
    .kind = RT_FIELD_INT, .type = RT_TYPE_BIGINT, .required = true};
static const rt_field int32_field = {.kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true};
static const rt_field money = {.kind = RT_FIELD_DECIMAL,
                               .type = RT_TYPE_NUMERIC,
                               .required = true,
                               .has_range = true,
                               .min = 1,
                               .max = 999999999999,
                               .precision = 12,
                               .scale = 2};
static const rt_field bool_field = {.kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = true};
static const rt_field uuid_field = {.kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true};
static const rt_field timestamp_field = {
    .kind = RT_FIELD_TIMESTAMP, .type = RT_TYPE_TIMESTAMPTZ, .required = true};
static const rt_field date_field = {.kind = RT_FIELD_DATE, .type = RT_TYPE_DATE, .required = true};
static const char *const role_values[] = {"customer", "staff", "admin"};
static const rt_field role_field = {.kind = RT_FIELD_ENUM,
                                    .type = RT_TYPE_ENUM,
                                    .required = true,
                                    .enum_values = role_values,
                                    .enum_count = 3};

static void test_required_null_and_default(void **state)
{
    validate_fixture *f = *state;
    rt_field optional = text_1_5;
    rt_field with_default = {.kind = RT_FIELD_INT, .type = RT_TYPE_INT, .default_value = "10"};

    rt_field nullable = text_1_5;
    rt_field required_nullable = text_1_5;

    optional.required = false;
    nullable.required = false;
    nullable.nullable = true;
    required_nullable.nullable = true;
    check_json(f, text_1_5, NULL, NULL, "This field is required.");
    check_json(f, text_1_5, "null", NULL, "This field may not be null.");
    check_json(f, optional, NULL, NULL, NULL);
    /* as DRF: optional is not nullable (allow_null) */
    check_json(f, optional, "null", NULL, "This field may not be null.");
    check_json(f, optional, "\"abc\"", "abc", NULL);
    check_json(f, nullable, "null", NULL, NULL);
    check_json(f, nullable, NULL, NULL, NULL);
    check_json(f, required_nullable, "null", NULL, NULL);
    check_json(f, required_nullable, NULL, NULL, "This field is required.");
    check_json(f, with_default, NULL, "10", NULL);
    /* a default is for absent keys only */
    check_json(f, with_default, "null", NULL, "This field may not be null.");
    check_json(f, with_default, "3", "3", NULL);
    check_json(f, money, NULL, NULL, "This field is required.");
    check_json(f, money, "null", NULL, "This field may not be null.");
}

static void test_text(void **state)
{
    validate_fixture *f = *state;
    rt_field unbounded = {.kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true};
    rt_field text_3_10 = text_1_5;
    text_3_10.min_len = 3;
    text_3_10.max_len = 10;

    check_json(f, text_1_5, "\"abc\"", "abc", NULL);
    check_json(f, text_1_5, "\"a\\nb\"", "a\nb", NULL);
    check_json(f, text_1_5, "42", NULL, "Not a valid string.");
    check_json(f, text_1_5, "true", NULL, "Not a valid string.");
    check_json(f, text_1_5, "{}", NULL, "Not a valid string.");
    check_json(f, text_1_5, "[\"a\"]", NULL, "Not a valid string.");
    check_json(f, text_1_5, "\"\"", NULL, "This field may not be blank.");
    check_json(f, text_1_5, "\"abcdef\"", NULL, "Ensure this field has no more than 5 characters.");
    /* lengths count code points, not bytes */
    check_json(f, text_1_5, "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"",
               "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", NULL);
    check_json(f, text_1_5,
               "\"\xF0\x9D\x84\x9E\xF0\x9D\x84\x9E\xF0\x9D\x84\x9E\xF0\x9D\x84\x9E"
               "\xF0\x9D\x84\x9E\xF0\x9D\x84\x9E\"",
               NULL, "Ensure this field has no more than 5 characters.");
    check_json(f, text_3_10, "\"ab\"", NULL, "Ensure this field has at least 3 characters.");
    check_json(f, text_3_10, "\"abc\"", "abc", NULL);
    check_json(f, unbounded, "\"\"", "", NULL);
    check_json(f, unbounded, "\"  spaced  \"", "  spaced  ", NULL);
}

static void test_password_counts_bytes(void **state)
{
    validate_fixture *f = *state;
    check_json(f, password_8_12, "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"",
               "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", NULL); /* 4 characters, 8 bytes */
    check_json(f, password_8_12, "\"\xC3\xA9\xC3\xA9\xC3\xA9\"", NULL,
               "Ensure this field has at least 8 bytes.");
    check_json(f, password_8_12, "\"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\"",
               NULL, "Ensure this field has no more than 12 bytes.");
    check_json(f, password_8_12, "\"\"", NULL, "This field may not be blank.");
    check_json(f, password_8_12, "12345678", NULL, "Not a valid string.");
}

static void test_email(void **state)
{
    static const char *valid[] = {
        "user@example.com",
        "first.last+tag@sub.example.co.uk",
        "a@b.cd",
        "\xC3\xBC@example.com",
        "x@xn--bcher-kva.example",
        "user@ex-ample.com",
        "USER@EXAMPLE.COM",
        "o'brien@example.ie",
        "1234567890123456789012345678901234567890123456789012345678901234@example.com",
    };
    static const char *invalid[] = {
        "userexample.com",
        "a@@b.com",
        "a@b@c.com",
        "@example.com",
        "user@",
        "user@localhost",
        "user@-ex.com",
        "user@ex-.com",
        "user@ex..com",
        "user@.ex.com",
        "user@ex.com.",
        "us er@ex.com",
        "user@ex ample.com",
        "user\\t@ex.com",
        "user\\u007f@ex.com",
        "a\\u00a0b@ex.com",
        "a\\u0085b@ex.com",
        "user@ex_ample.com",
        "user@ex\xC3\xA4mple.com",
        ".user@ex.com",
        "user.@ex.com",
        "us..er@ex.com",
        "12345678901234567890123456789012345678901234567890123456789012345@example.com",
    };
    validate_fixture *f = *state;
    char json[512];

    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        snprintf(json, sizeof json, "\"%s\"", valid[i]);
        check_json(f, email_field, json, valid[i], NULL);
    }
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        snprintf(json, sizeof json, "\"%s\"", invalid[i]);
        check_json(f, email_field, json, NULL, "Enter a valid email address.");
    }
    check_json(f, email_field, "\"\"", NULL, "This field may not be blank.");
    check_json(f, email_field, "\"a@\"", NULL, "Ensure this field has at least 3 characters.");
    check_json(f, email_field, "7", NULL, "Not a valid string.");
}

static void test_int(void **state)
{
    validate_fixture *f = *state;
    rt_field small_range = int32_field;
    small_range.has_range = true;
    small_range.min = -5;
    small_range.max = 5;

    check_json(f, quantity, "42", "42", NULL);
    check_json(f, quantity, "1", "1", NULL);
    check_json(f, quantity, "10000", "10000", NULL);
    check_json(f, quantity, "10001", NULL, "Ensure this value is less than or equal to 10000.");
    check_json(f, quantity, "0", NULL, "Ensure this value is greater than or equal to 1.");
    check_json(f, quantity, "-5", NULL, "Ensure this value is greater than or equal to 1.");
    check_json(f, quantity, "1.0", NULL, "A valid integer is required.");
    check_json(f, quantity, "1e2", NULL, "A valid integer is required.");
    check_json(f, quantity, "\"42\"", NULL, "A valid integer is required.");
    check_json(f, quantity, "true", NULL, "A valid integer is required.");
    check_json(f, quantity, "[]", NULL, "A valid integer is required.");
    check_json(f, small_range, "-5", "-5", NULL);
    check_json(f, small_range, "-6", NULL, "Ensure this value is greater than or equal to -5.");
    check_json(f, small_range, "-0", "0", NULL);
}

static void test_int_overflow(void **state)
{
    validate_fixture *f = *state;
    check_json(f, bigint_field, "9223372036854775807", "9223372036854775807", NULL);
    check_json(f, bigint_field, "-9223372036854775808", "-9223372036854775808", NULL);
    check_json(f, bigint_field, "9223372036854775808", NULL, "A valid integer is required.");
    check_json(f, bigint_field, "-9223372036854775809", NULL, "A valid integer is required.");
    check_json(f, bigint_field, "99999999999999999999999", NULL, "A valid integer is required.");
    check_json(f, bigint_field, "18446744073709551616", NULL, "A valid integer is required.");
    /* integer columns hold 32 bits */
    check_json(f, int32_field, "2147483647", "2147483647", NULL);
    check_json(f, int32_field, "-2147483648", "-2147483648", NULL);
    check_json(f, int32_field, "2147483648", NULL,
               "Ensure this value is less than or equal to 2147483647.");
    check_json(f, int32_field, "-2147483649", NULL,
               "Ensure this value is greater than or equal to -2147483648.");
}

static void test_money(void **state)
{
    static const char *not_numbers[] = {
        "\"1e2\"",   "1e2",    "1E-2",   "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\" 1.00\"",
        "\"1.00 \"", "\"1.\"", "\".5\"", "\"+1\"",  "\"\"",         "\"-\"",         "\"1,00\"",
        "\"0x10\"",  "true",   "[]",     "{}",      "\"1.0.0\"",    "\"--1\"",       "\"1-\"",
    };
    validate_fixture *f = *state;

    check_json(f, money, "\"49.9\"", "49.90", NULL);
    check_json(f, money, "49.90", "49.90", NULL);
    check_json(f, money, "49", "49.00", NULL);
    check_json(f, money, "\"0.01\"", "0.01", NULL);
    check_json(f, money, "\"007.50\"", "7.50", NULL);
    check_json(f, money, "\"9999999999.99\"", "9999999999.99", NULL);
    check_json(f, money, "9999999999.99", "9999999999.99", NULL);
    check_json(f, money, "\"10000000000.00\"", NULL,
               "Ensure that there are no more than 10 digits before the decimal point.");
    check_json(f, money, "\"123456789012345678901234567890\"", NULL,
               "Ensure that there are no more than 10 digits before the decimal point.");
    check_json(f, money, "\"0.005\"", NULL, "Ensure that there are no more than 2 decimal places.");
    check_json(f, money, "49.900", NULL, "Ensure that there are no more than 2 decimal places.");
    check_json(f, money, "\"0.00\"", NULL, "Ensure this value is greater than or equal to 0.01.");
    check_json(f, money, "\"-5\"", NULL, "Ensure this value is greater than or equal to 0.01.");
    for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++)
        check_json(f, money, not_numbers[i], NULL, "A valid number is required.");
}

static void test_decimal_bounds_and_canonical_text(void **state)
{
    validate_fixture *f = *state;
    rt_field hundred = money; /* -100.00 .. 100.00 */
    rt_field whole = {.kind = RT_FIELD_DECIMAL,
                      .type = RT_TYPE_NUMERIC,
                      .required = true,
                      .precision = 5,
                      .scale = 0};
    rt_field fraction = {.kind = RT_FIELD_DECIMAL,
                         .type = RT_TYPE_NUMERIC,
                         .required = true,
                         .precision = 3,
                         .scale = 3};
    rt_field unlimited = {.kind = RT_FIELD_DECIMAL,
                          .type = RT_TYPE_NUMERIC,
                          .required = true,
                          .scale = 2,
                          .has_range = true,
                          .min = 0,
                          .max = 100};
    hundred.min = -10000;
    hundred.max = 10000;

    check_json(f, hundred, "\"100.00\"", "100.00", NULL);
    check_json(f, hundred, "100", "100.00", NULL);
    check_json(f, hundred, "\"100.01\"", NULL,
               "Ensure this value is less than or equal to 100.00.");
    check_json(f, hundred, "\"-100.00\"", "-100.00", NULL);
    check_json(f, hundred, "\"-100.01\"", NULL,
               "Ensure this value is greater than or equal to -100.00.");
    check_json(f, hundred, "\"-0.00\"", "0.00", NULL);
    check_json(f, hundred, "\"-0\"", "0.00", NULL);
    check_json(f, hundred, "-0.0", "0.00", NULL);
    check_json(f, hundred, "-0.5", "-0.50", NULL);
    check_json(f, hundred, "\"-000.05\"", "-0.05", NULL);
    check_json(f, whole, "12", "12", NULL);
    check_json(f, whole, "\"00012\"", "12", NULL);
    check_json(f, whole, "\"0\"", "0", NULL);
    check_json(f, whole, "\"12.0\"", NULL, "Ensure that there are no more than 0 decimal places.");
    check_json(f, whole, "123456", NULL,
               "Ensure that there are no more than 5 digits before the decimal point.");
    check_json(f, fraction, "0.123", "0.123", NULL);
    check_json(f, fraction, "\"0.1\"", "0.100", NULL);
    check_json(f, fraction, "\"1.000\"", NULL,
               "Ensure that there are no more than 0 digits before the decimal point.");
    /* beyond int64 once scaled: still compared correctly */
    check_json(f, unlimited, "\"99999999999999999999.00\"", NULL,
               "Ensure this value is less than or equal to 1.00.");
    check_json(f, unlimited, "\"-99999999999999999999\"", NULL,
               "Ensure this value is greater than or equal to 0.00.");
    check_json(f, unlimited, "\"0.99\"", "0.99", NULL);
}

static void test_bool(void **state)
{
    validate_fixture *f = *state;
    rt_field optional = bool_field;
    optional.required = false;

    check_json(f, bool_field, "true", "true", NULL);
    check_json(f, bool_field, "false", "false", NULL);
    check_json(f, bool_field, "\"true\"", NULL, "Must be a valid boolean.");
    check_json(f, bool_field, "1", NULL, "Must be a valid boolean.");
    check_json(f, bool_field, "0", NULL, "Must be a valid boolean.");
    check_json(f, optional, "null", NULL, "This field may not be null.");
    optional.nullable = true;
    check_json(f, optional, "null", NULL, NULL);
}

/* present tells an absent key from a null one (body.f? in the spec). */
static void test_present_tells_absent_from_null(void **state)
{
    validate_fixture *f = *state;
    rt_field fields[2] = {text_1_5, text_1_5};

    fields[0].name = "a";
    fields[1].name = "b";
    for (int i = 0; i < 2; i++) {
        fields[i].required = false;
        fields[i].nullable = true;
    }
    assert_int_equal(validate_body(f, fields, 2, "{\"a\": null}"), 0);
    assert_true(f->out[0].present);
    assert_null(f->out[0].text);
    assert_false(f->out[1].present);
    assert_null(f->out[1].text);
    assert_int_equal(validate_body(f, fields, 2, "{\"b\": \"x\"}"), 0);
    assert_false(f->out[0].present);
    assert_true(f->out[1].present);
    assert_string_equal(f->out[1].text, "x");
}

static void test_uuid(void **state)
{
    validate_fixture *f = *state;
    check_json(f, uuid_field, "\"4F2A8C1E-9B3D-4E5F-8A7B-1C2D3E4F5A6B\"",
               "4f2a8c1e-9b3d-4e5f-8a7b-1c2d3e4f5a6b", NULL);
    check_json(f, uuid_field, "\"00000000-0000-0000-0000-000000000000\"",
               "00000000-0000-0000-0000-000000000000", NULL);
    check_json(f, uuid_field, "\"4f2a8c1e9b3d4e5f8a7b1c2d3e4f5a6b\"", NULL,
               "Must be a valid UUID.");
    check_json(f, uuid_field, "\"4f2a8c1e-9b3d-4e5f-8a7b-1c2d3e4f5a6\"", NULL,
               "Must be a valid UUID.");
    check_json(f, uuid_field, "\"4f2a8c1e-9b3d-4e5f-8a7b-1c2d3e4f5a6bb\"", NULL,
               "Must be a valid UUID.");
    check_json(f, uuid_field, "\"4f2a8c1g-9b3d-4e5f-8a7b-1c2d3e4f5a6b\"", NULL,
               "Must be a valid UUID.");
    check_json(f, uuid_field, "\"{4f2a8c1e-9b3d-4e5f-8a7b-1c2d3e4f5a6b}\"", NULL,
               "Must be a valid UUID.");
    check_json(f, uuid_field, "\"4f2a8c1e-9b3d4-e5f-8a7b-1c2d3e4f5a6b\"", NULL,
               "Must be a valid UUID.");
    check_json(f, uuid_field, "12", NULL, "Must be a valid UUID.");
}

static void test_timestamp_and_date(void **state)
{
    static const char *valid_timestamps[] = {
        "2024-02-29T12:30:00Z",           "2024-02-29T12:30:00.123456+05:30",
        "2023-12-31T23:59:59-08:00",      "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.9Z",         "2000-02-29T00:00:00+15:59",
        "2024-06-01T10:00:00.123456789Z",
    };
    static const char *invalid_timestamps[] = {
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-00-01T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-01-00T00:00:00Z",
        "2024-01-01 00:00:00Z",
        "2024-01-01t00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T00:60:00Z",
        "2024-01-01T00:00:60Z",
        "2024-01-01T00:00:00",
        "2024-01-01T00:00:00+16:00",
        "2024-01-01T00:00:00+05:60",
        "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00+0530",
        "2024-01-01T00:00:00Zjunk",
        "0000-01-01T00:00:00Z",
        "2024-1-01T00:00:00Z",
        "2024-01-01",
        "2024-01-01T00:00Z",
        "2024-01-01T00:00:00.1234567890Z",
        "",
        "2024-01-01T00:00:00+05:30:00",
    };
    validate_fixture *f = *state;
    char json[128];

    for (size_t i = 0; i < sizeof valid_timestamps / sizeof valid_timestamps[0]; i++) {
        snprintf(json, sizeof json, "\"%s\"", valid_timestamps[i]);
        check_json(f, timestamp_field, json, valid_timestamps[i], NULL);
    }
    for (size_t i = 0; i < sizeof invalid_timestamps / sizeof invalid_timestamps[0]; i++) {
        snprintf(json, sizeof json, "\"%s\"", invalid_timestamps[i]);
        check_json(f, timestamp_field, json, NULL, MESSAGE_DATETIME_FORMATS);
    }
    check_json(f, timestamp_field, "1700000000", NULL, MESSAGE_DATETIME_FORMATS);

    check_json(f, date_field, "\"2024-02-29\"", "2024-02-29", NULL);
    check_json(f, date_field, "\"2000-02-29\"", "2000-02-29", NULL);
    check_json(f, date_field, "\"2023-02-29\"", NULL, MESSAGE_DATE_FORMATS);
    check_json(f, date_field, "\"2024-1-01\"", NULL, MESSAGE_DATE_FORMATS);
    check_json(f, date_field, "\"2024-01-01T00:00:00Z\"", NULL, MESSAGE_DATE_FORMATS);
    check_json(f, date_field, "\"2024-01-01 \"", NULL, MESSAGE_DATE_FORMATS);
    check_json(f, date_field, "20240101", NULL, MESSAGE_DATE_FORMATS);
}

static void test_enum(void **state)
{
    validate_fixture *f = *state;
    check_json(f, role_field, "\"staff\"", "staff", NULL);
    check_json(f, role_field, "\"Staff\"", NULL, "\"Staff\" is not a valid choice.");
    check_json(f, role_field, "\"\"", NULL, "\"\" is not a valid choice.");
    check_json(f, role_field, "5", NULL, "\"5\" is not a valid choice.");
    check_json(f, role_field, "true", NULL, "\"true\" is not a valid choice.");
    check_json(f, role_field, "{}", NULL, "Not a valid string.");
    check_json(f, role_field, "\"staff \"", NULL, "\"staff \" is not a valid choice.");
    /* a long value is cut in the message, on a character boundary */
    check_json(f, role_field,
               "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xC3\xA9yyyyyyyyyy\"", NULL,
               "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" is not a valid choice.");
}

/* ------------------------------------------------------ objects and arrays */

static const rt_field item_fields[] = {
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
};
static const rt_field order_fields[] = {
    {.name = "note", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT},
    {.name = "items",
     .kind = RT_FIELD_ARRAY,
     .required = true,
     .has_len = true,
     .min_len = 1,
     .max_len = 3,
     .item_fields = item_fields,
     .item_field_count = 2},
};

static void test_array_of_objects(void **state)
{
    validate_fixture *f = *state;
    int rc = validate_body(f, order_fields, 2,
                           "{\"items\": [{\"sku\": \"A-1\", \"quantity\": 2},"
                           " {\"quantity\": 10000, \"sku\": \"B-2\"}]}");
    assert_int_equal(rc, 0);
    assert_int_equal(f->errors.count, 0);
    assert_null(f->out[0].text);
    /* what binds as jsonb: the items again, keys in declaration order */
    assert_string_equal(f->out[1].text,
                        "[{\"sku\":\"A-1\",\"quantity\":2},{\"sku\":\"B-2\",\"quantity\":10000}]");
    assert_int_equal(f->out[1].item_count, 2);
    const rt_input *rows = f->out[1].items;
    assert_non_null(rows);
    assert_string_equal(rows[0].text, "A-1");
    assert_string_equal(rows[1].text, "2");
    assert_string_equal(rows[2].text, "B-2");
    assert_string_equal(rows[3].text, "10000");
}

static void test_array_errors(void **state)
{
    validate_fixture *f = *state;
    rt_field items = order_fields[1];

    check_json(f, items, "\"str\"", NULL, "Expected a list of items but got type \"str\".");
    check_json(f, items, "{}", NULL, "Expected a list of items but got type \"dict\".");
    check_json(f, items, "5", NULL, "Expected a list of items but got type \"int\".");
    check_json(f, items, "1.5", NULL, "Expected a list of items but got type \"float\".");
    check_json(f, items, "false", NULL, "Expected a list of items but got type \"bool\".");
    check_json(f, items, "[]", NULL, "Ensure this field has at least 1 elements.");
    check_json(f, items, "[{}, {}, {}, {}]", NULL,
               "Ensure this field has no more than 3 elements.");
    check_json(f, items, NULL, NULL, "This field is required.");
}

static void test_array_nested_errors_are_named(void **state)
{
    validate_fixture *f = *state;
    int rc = validate_body(f, order_fields, 2,
                           "{\"items\": [{\"sku\": \"A\", \"quantity\": 0}, {\"quantity\": 2},"
                           " \"x\", {\"sku\": \"B\", \"quantity\": 1, \"price\": \"1.00\"}],"
                           " \"note\": 5}");
    /* 4 items > max 3: the length error alone */
    assert_int_equal(rc, RT_EINVAL);
    assert_int_equal(f->errors.count, 2);
    expect_error(f, 0, "note", "Not a valid string.");
    expect_error(f, 1, "items", "Ensure this field has no more than 3 elements.");

    rc = validate_body(f, order_fields, 2,
                       "{\"items\": [{\"sku\": \"A\", \"quantity\": 0}, {\"quantity\": 2.5},"
                       " \"x\"]}");
    assert_int_equal(rc, RT_EINVAL);
    assert_int_equal(f->errors.count, 4);
    expect_item_error(f, 0, "items", 0, 3, "quantity",
                      "Ensure this value is greater than or equal to 1.");
    expect_item_error(f, 1, "items", 1, 3, "sku", "This field is required.");
    expect_item_error(f, 2, "items", 1, 3, "quantity", "A valid integer is required.");
    expect_item_error(f, 3, "items", 2, 3, "non_field_errors",
                      "Invalid data. Expected a dictionary, but got str.");
    assert_null(f->out[1].text); /* nothing to bind */

    rc = validate_body(f, order_fields, 2,
                       "{\"items\": [{\"sku\": \"B\", \"quantity\": 1, \"price\": \"1.00\"}]}");
    assert_int_equal(rc, RT_EINVAL);
    assert_int_equal(f->errors.count, 1);
    expect_item_error(f, 0, "items", 0, 1, "price", "Unknown field.");
}

/* Every item field appears in the bound JSON, canonical: absent optional
 * ones and nullable nulls as null, numbers and booleans bare, decimals
 * with their scale, uuids lower case, strings escaped. */
static void test_array_binds_normalised_json(void **state)
{
    static const rt_field line_fields[] = {
        {.name = "name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true},
        {.name = "price",
         .kind = RT_FIELD_DECIMAL,
         .type = RT_TYPE_NUMERIC,
         .precision = 12,
         .scale = 2},
        {.name = "gift", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .nullable = true},
        {.name = "ref", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID},
    };
    static const rt_field fields[] = {
        {.name = "lines",
         .kind = RT_FIELD_ARRAY,
         .type = RT_TYPE_JSON,
         .required = true,
         .item_fields = line_fields,
         .item_field_count = 4},
    };
    validate_fixture *f = *state;

    assert_int_equal(validate_body(f, fields, 1,
                                   "{\"lines\": [{\"name\": \"a \\\"b\\\"\\n\", \"price\": 1.5,"
                                   " \"gift\": null}, {\"ref\": "
                                   "\"AAAAAAAA-0000-0000-0000-00000000000B\","
                                   " \"name\": \"\\u00e9\", \"gift\": true, \"price\": \"2\"}]}"),
                     0);
    assert_string_equal(f->out[0].text,
                        "[{\"name\":\"a \\\"b\\\"\\n\",\"price\":1.50,\"gift\":null,\"ref\":null},"
                        "{\"name\":\"\xc3\xa9\",\"price\":2.00,\"gift\":true,"
                        "\"ref\":\"aaaaaaaa-0000-0000-0000-00000000000b\"}]");
    assert_int_equal(validate_body(f, fields, 1, "{\"lines\": []}"), 0);
    assert_string_equal(f->out[0].text, "[]");
}

/* An array of values (`[ TYPE ... ] unique`): each item validated as the
 * one item field, errors named by the array in a plain list (DRF's
 * MultipleChoiceField), bound as a JSON array of canonical values. */
static const rt_field role_items[] = {{.name = "roles",
                                       .kind = RT_FIELD_ENUM,
                                       .type = RT_TYPE_TEXT,
                                       .required = true,
                                       .enum_values = role_values,
                                       .enum_count = 3}};
static const rt_field roles_field = {.name = "roles",
                                     .kind = RT_FIELD_ARRAY,
                                     .type = RT_TYPE_JSON,
                                     .required = true,
                                     .has_len = true,
                                     .min_len = 1,
                                     .max_len = 3,
                                     .item_fields = role_items,
                                     .item_field_count = 1,
                                     .item_scalar = true,
                                     .unique_items = true};

static void test_array_of_values(void **state)
{
    validate_fixture *f = *state;
    rt_field quantities = roles_field;
    static const rt_field quantity_items[] = {{.name = "q",
                                               .kind = RT_FIELD_INT,
                                               .type = RT_TYPE_INT,
                                               .has_range = true,
                                               .min = 1,
                                               .max = 9}};

    check_json(f, roles_field, "[\"staff\", \"admin\"]", "[\"staff\",\"admin\"]", NULL);
    assert_int_equal(f->out[0].item_count, 2);
    assert_string_equal(f->out[0].items[1].text, "admin");
    check_json(f, roles_field, "\"staff\"", NULL, "Expected a list of items but got type \"str\".");
    check_json(f, roles_field, "[]", NULL, "Ensure this field has at least 1 elements.");
    check_json(f, roles_field, "[\"staff\", \"admin\", \"customer\", \"staff\"]", NULL,
               "Ensure this field has no more than 3 elements.");
    check_json(f, roles_field, "[\"staff\", \"root\"]", NULL, "\"root\" is not a valid choice.");
    check_json(f, roles_field, "[null]", NULL, "This field may not be null.");
    check_json(f, roles_field, "[{}]", NULL, "Not a valid string.");
    check_json(f, roles_field, "[\"admin\", \"staff\", \"admin\"]", NULL,
               "Items must be unique: \"admin\" is given twice.");
    /* every bad item is named, in order; unique is checked only after */
    assert_int_equal(validate_body(f, &roles_field, 1, "{\"roles\": [\"x\", \"staff\", 5]}"),
                     RT_EINVAL);
    assert_int_equal(f->errors.count, 2);
    expect_error(f, 0, "roles", "\"x\" is not a valid choice.");
    expect_error(f, 1, "roles", "\"5\" is not a valid choice.");
    /* numbers bind bare, canonical; without unique a value may repeat */
    quantities.item_fields = quantity_items;
    quantities.unique_items = false;
    check_json(f, quantities, "[3, 3, 9]", "[3,3,9]", NULL);
    check_json(f, quantities, "[3, 10]", NULL, "Ensure this value is less than or equal to 9.");
}

/* A body's either { ... } or { ... }: the first alternative with a key
 * in the body is validated (the first when none); keys of another are
 * refused, naming a key of the chosen one; common fields always apply. */
static void test_either_alternatives(void **state)
{
    static const rt_field fields[] = {
        {.name = "note", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT},
        {.name = "name",
         .kind = RT_FIELD_TEXT,
         .type = RT_TYPE_TEXT,
         .required = true,
         .alternative = 1},
        {.name = "count",
         .kind = RT_FIELD_INT,
         .type = RT_TYPE_INT,
         .required = true,
         .alternative = 1},
        {.name = "items",
         .kind = RT_FIELD_ARRAY,
         .type = RT_TYPE_JSON,
         .required = true,
         .item_fields = item_fields,
         .item_field_count = 2,
         .alternative = 2},
    };
    validate_fixture *f = *state;

    assert_int_equal(validate_body(f, fields, 4, "{\"name\": \"N\", \"count\": 2}"), 0);
    assert_string_equal(f->out[1].text, "N");
    assert_null(f->out[3].text);
    assert_false(f->out[3].present);

    assert_int_equal(
        validate_body(f, fields, 4,
                      "{\"items\": [{\"sku\": \"A\", \"quantity\": 1}], \"note\": \"x\"}"),
        0);
    assert_null(f->out[1].text);
    assert_null(f->out[2].text);
    assert_string_equal(f->out[3].text, "[{\"sku\":\"A\",\"quantity\":1}]");
    assert_string_equal(f->out[0].text, "x");

    /* neither: the first alternative's needs */
    assert_int_equal(validate_body(f, fields, 4, "{}"), RT_EINVAL);
    assert_int_equal(f->errors.count, 2);
    expect_error(f, 0, "name", "This field is required.");
    expect_error(f, 1, "count", "This field is required.");

    /* both: the first with a key wins, the others' keys are refused */
    assert_int_equal(validate_body(f, fields, 4, "{\"items\": \"bad\", \"count\": 2}"), RT_EINVAL);
    assert_int_equal(f->errors.count, 2);
    expect_error(f, 0, "name", "This field is required.");
    expect_error(f, 1, "items", "This field cannot be combined with count.");
    assert_null(f->out[3].text);
}

static void test_unknown_keys_and_error_order(void **state)
{
    static const rt_field fields[] = {
        {.name = "name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true},
        {.name = "email", .kind = RT_FIELD_EMAIL, .type = RT_TYPE_TEXT, .required = true},
        {.name = "quantity", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true},
    };
    validate_fixture *f = *state;
    int rc =
        validate_body(f, fields, 3, "{\"zzz\": 1, \"quantity\": \"3\", \"emial\": \"a@b.cd\"}");
    assert_int_equal(rc, RT_EINVAL);
    assert_int_equal(f->errors.count, 5);
    expect_error(f, 0, "name", "This field is required.");
    expect_error(f, 1, "email", "This field is required.");
    expect_error(f, 2, "quantity", "A valid integer is required.");
    expect_error(f, 3, "zzz", "Unknown field.");
    expect_error(f, 4, "emial", "Unknown field.");
    for (int i = 0; i < 3; i++)
        assert_null(f->out[i].text);

    rc = validate_body(f, fields, 3, "{\"name\": \"N\", \"email\": \"a@b.cd\", \"quantity\": 3}");
    assert_int_equal(rc, 0);
    assert_string_equal(f->out[0].text, "N");
    assert_string_equal(f->out[1].text, "a@b.cd");
    assert_string_equal(f->out[2].text, "3");
}

static void test_body_not_an_object(void **state)
{
    static const struct {
        const char *body;
        const char *message;
    } cases[] = {
        {"[1]", "Invalid data. Expected a dictionary, but got list."},
        {"\"s\"", "Invalid data. Expected a dictionary, but got str."},
        {"null", "Invalid data. Expected a dictionary, but got NoneType."},
        {"3", "Invalid data. Expected a dictionary, but got int."},
        {"3.5", "Invalid data. Expected a dictionary, but got float."},
        {"true", "Invalid data. Expected a dictionary, but got bool."},
    };
    validate_fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(validate_body(f, order_fields, 2, cases[i].body), RT_EINVAL);
        assert_int_equal(f->errors.count, 1);
        expect_error(f, 0, "non_field_errors", cases[i].message);
        assert_null(f->out[0].text);
        assert_null(f->out[1].items);
    }
}

static void test_missing_body_is_empty_object(void **state)
{
    validate_fixture *f = *state;
    memset(&f->errors, 0, sizeof f->errors);
    assert_int_equal(rt_validate_object(order_fields, 2, NULL, f->arena, f->out, &f->errors),
                     RT_EINVAL);
    assert_int_equal(f->errors.count, 1);
    expect_error(f, 0, "items", "This field is required.");
    memset(&f->errors, 0, sizeof f->errors);
    assert_int_equal(rt_validate_object(NULL, 0, NULL, f->arena, NULL, &f->errors), 0);
}

/* ---------------------------------------------------------- query strings */

static void test_query_single_values(void **state)
{
    validate_fixture *f = *state;
    rt_field page = {.kind = RT_FIELD_INT,
                     .type = RT_TYPE_BIGINT,
                     .has_range = true,
                     .min = 1,
                     .max = INT64_MAX,
                     .default_value = "1"};
    rt_field active = bool_field;
    rt_field q = {.kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .has_len = true, .max_len = 5};
    rt_field status = role_field;

    check_query(f, page, "2", "2", NULL);
    check_query(f, page, "007", "7", NULL);
    check_query(f, page, NULL, "1", NULL);
    check_query(f, page, "0", NULL, "Ensure this value is greater than or equal to 1.");
    check_query(f, page, "abc", NULL, "A valid integer is required.");
    check_query(f, page, "", NULL, "A valid integer is required.");
    check_query(f, page, "+1", NULL, "A valid integer is required.");
    check_query(f, page, "1.0", NULL, "A valid integer is required.");
    check_query(f, page, " 1", NULL, "A valid integer is required.");
    check_query(f, page, "99999999999999999999", NULL, "A valid integer is required.");
    check_query(f, quantity, "-3", NULL, "Ensure this value is greater than or equal to 1.");
    check_query(f, quantity, NULL, NULL, "This field is required.");
    check_query(f, active, "true", "true", NULL);
    check_query(f, active, "false", "false", NULL);
    check_query(f, active, "True", NULL, "Must be a valid boolean.");
    check_query(f, active, "1", NULL, "Must be a valid boolean.");
    check_query(f, money, "49.9", "49.90", NULL);
    check_query(f, money, "0.005", NULL, "Ensure that there are no more than 2 decimal places.");
    check_query(f, money, "1e2", NULL, "A valid number is required.");
    check_query(f, q, "abc", "abc", NULL);
    check_query(f, q, "", "", NULL);
    check_query(f, q, "abcdef", NULL, "Ensure this field has no more than 5 characters.");
    check_query(f, q, "a\xFF", NULL, "Not a valid string.");
    check_query(f, status, "admin", "admin", NULL);
    check_query(f, status, "root", NULL, "\"root\" is not a valid choice.");
    check_query(f, status, "\xC3", NULL, "Not a valid string.");
    check_query(f, uuid_field, "4F2A8C1E-9B3D-4E5F-8A7B-1C2D3E4F5A6B",
                "4f2a8c1e-9b3d-4e5f-8a7b-1c2d3e4f5a6b", NULL);
    check_query(f, date_field, "2024-02-29", "2024-02-29", NULL);
    check_query(f, order_fields[1], "x", NULL, "Expected a list of items but got type \"str\".");
}

static void test_query_repeated_unknown_and_order(void **state)
{
    static const rt_field fields[] = {
        {.name = "page",
         .kind = RT_FIELD_INT,
         .type = RT_TYPE_BIGINT,
         .has_range = true,
         .min = 1,
         .max = INT64_MAX,
         .default_value = "1"},
        {.name = "page_size",
         .kind = RT_FIELD_INT,
         .type = RT_TYPE_INT,
         .has_range = true,
         .min = 1,
         .max = 100,
         .default_value = "10"},
        {.name = "status",
         .kind = RT_FIELD_ENUM,
         .type = RT_TYPE_ENUM,
         .enum_values = role_values,
         .enum_count = 3},
        {.name = "q", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT},
    };
    validate_fixture *f = *state;

    {
        const char *keys[] = {"page_size", "status"};
        const char *values[] = {"100", "staff"};
        assert_int_equal(validate_query(f, fields, 4, keys, values, 2), 0);
        assert_string_equal(f->out[0].text, "1");
        assert_string_equal(f->out[1].text, "100");
        assert_string_equal(f->out[2].text, "staff");
        assert_null(f->out[3].text);
    }
    {
        const char *keys[] = {"foo", "page", "b\xFFr", "page", "foo", "page_size", "q"};
        const char *values[] = {"1", "1", "x", "2", "2", "101", NULL};
        /* unknown keys ("foo", a bad UTF-8 one) are ignored (DRF) */
        assert_int_equal(validate_query(f, fields, 4, keys, values, 7), RT_EINVAL);
        assert_int_equal(f->errors.count, 2);
        expect_error(f, 0, "page", "Repeated parameter.");
        expect_error(f, 1, "page_size", "Ensure this value is less than or equal to 100.");
        assert_null(f->out[0].text);
        assert_string_equal(f->out[3].text, ""); /* "?q" without a value */
    }
    {
        assert_int_equal(validate_query(f, fields, 4, NULL, NULL, 0), 0);
        assert_string_equal(f->out[1].text, "10");
    }
    {
        const char *keys[] = {"_", "format"};
        const char *values[] = {"1700000000", "json"};
        assert_int_equal(validate_query(f, fields, 4, keys, values, 2), 0);
        assert_int_equal(f->errors.count, 0);
    }
}

static void test_validate_string_for_paths(void **state)
{
    validate_fixture *f = *state;
    rt_field path_int = {
        .name = "id", .kind = RT_FIELD_INT, .type = RT_TYPE_BIGINT, .required = true};
    rt_field path_text = {
        .name = "slug", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true};
    const char *text = "unchanged";

    assert_int_equal(
        rt_validate_string(&uuid_field, "4F2A8C1E-9B3D-4E5F-8A7B-1C2D3E4F5A6B", f->arena, &text),
        0);
    assert_string_equal(text, "4f2a8c1e-9b3d-4e5f-8a7b-1c2d3e4f5a6b");
    assert_int_equal(rt_validate_string(&uuid_field, "not-a-uuid", f->arena, &text), RT_EINVAL);
    assert_null(text);
    assert_int_equal(rt_validate_string(&path_int, "42", f->arena, &text), 0);
    assert_string_equal(text, "42");
    assert_int_equal(rt_validate_string(&path_int, "4x", f->arena, &text), RT_EINVAL);
    assert_int_equal(rt_validate_string(&path_int, "", f->arena, &text), RT_EINVAL);
    assert_int_equal(rt_validate_string(&path_text, "caf\xC3\xA9", f->arena, &text), 0);
    assert_string_equal(text, "caf\xC3\xA9");
    assert_int_equal(rt_validate_string(&path_text, "caf\xE9", f->arena, &text), RT_EINVAL);
}

static void test_field_errors_grow(void **state)
{
    validate_fixture *f = *state;
    char *names[100];

    memset(&f->errors, 0, sizeof f->errors);
    for (int i = 0; i < 100; i++) {
        names[i] = rt_arena_printf(f->arena, "field%d", i);
        assert_int_equal(rt_field_errors_add(&f->errors, f->arena, names[i], "message"), 0);
    }
    assert_int_equal(f->errors.count, 100);
    assert_true(f->errors.capacity >= 100);
    for (int i = 0; i < 100; i++)
        assert_ptr_equal(f->errors.errors[i].field, names[i]);
}

/* ------------------------------------------------------- out of memory */

typedef struct failing_body {
    const char *text;
    const rt_field *fields;
    int field_count;
    int expected_errors; /* 0: the body is valid */
} failing_body;

/* A whole request body's way: its arena, the parse, the validation (and
 * its error list); returns 0 when the outcome is the expected one. */
static int validate_and_free(void *context)
{
    const failing_body *body = context;
    rt_input out[MAX_FIELDS];
    rt_field_errors errors = {0};
    rt_arena *arena = NULL;
    rt_json_doc *doc = NULL;
    const rt_json *root = NULL;
    rt_json_error err;
    int rc = rt_arena_create(&arena);

    if (rc == 0)
        rc = rt_json_parse(body->text, strlen(body->text), &doc, &root, &err);
    if (rc == 0)
        rc = rt_validate_object(body->fields, body->field_count, root, arena, out, &errors);
    if (rc == RT_EINVAL && body->expected_errors > 0 && errors.count == body->expected_errors)
        rc = 0;
    rt_json_doc_free(doc);
    rt_arena_destroy(arena);
    return rc;
}

static const rt_field long_note = {.name = "note",
                                   .kind = RT_FIELD_TEXT,
                                   .type = RT_TYPE_TEXT,
                                   .required = true,
                                   .has_len = true,
                                   .min_len = 1,
                                   .max_len = 100000};

/* A long valid text (its canonical copy needs an arena chunk of its own)
 * and a body of 2,000 unknown keys (the error list grows): whatever
 * allocation fails, validation answers RT_ENOMEM and leaks nothing. */
static void test_out_of_memory_is_reported_cleanly(void **state)
{
    rt_field fields[2] = {long_note, quantity};
    failing_body body = {.fields = fields, .field_count = 2};
    rt_buf text;

    (void)state;
    fields[1].name = "quantity";
    rt_buf_init(&text);
    rt_buf_puts(&text, "{\"quantity\": 3, \"note\": \"");
    for (int i = 0; i < 3000; i++)
        rt_buf_puts(&text, "na\\u00efve ");
    rt_buf_puts(&text, "\"}");
    body.text = rt_buf_cstr(&text);
    assert_true(failing_alloc_walk(validate_and_free, &body, RT_ENOMEM) > 3);

    rt_buf_reset(&text);
    rt_buf_puts(&text, "{\"quantity\": 3");
    for (int i = 0; i < 2000; i++)
        rt_buf_printf(&text, ", \"unknown_key_%d\": %d", i, i);
    rt_buf_puts(&text, "}");
    assert_int_equal(rt_buf_check(&text), 0);
    body.text = rt_buf_cstr(&text);
    body.expected_errors = 2001; /* 2,000 unknown keys, the note missing */
    assert_true(failing_alloc_walk(validate_and_free, &body, RT_ENOMEM) > 3);
    rt_buf_free(&text);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, validate_setup, validate_teardown)
    const struct CMUnitTest tests[] = {
        T(test_required_null_and_default),
        T(test_present_tells_absent_from_null),
        T(test_text),
        T(test_password_counts_bytes),
        T(test_email),
        T(test_int),
        T(test_int_overflow),
        T(test_money),
        T(test_decimal_bounds_and_canonical_text),
        T(test_bool),
        T(test_uuid),
        T(test_timestamp_and_date),
        T(test_enum),
        T(test_array_of_objects),
        T(test_array_errors),
        T(test_array_nested_errors_are_named),
        T(test_array_binds_normalised_json),
        T(test_array_of_values),
        T(test_either_alternatives),
        T(test_unknown_keys_and_error_order),
        T(test_body_not_an_object),
        T(test_missing_body_is_empty_object),
        T(test_query_single_values),
        T(test_query_repeated_unknown_and_order),
        T(test_validate_string_for_paths),
        T(test_field_errors_grow),
        T(test_out_of_memory_is_reported_cleanly),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
