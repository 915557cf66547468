/*
 * check_field.c - fields of a path, query string, body or payload (see
 * check_field.h): types, len, ranges, choices, defaults.
 */
#include "check_field.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check_literal.h"
#include "check_lookup.h"
#include "check_value.h"
#include "rt_error.h"
#include "sqltype.h"

/* Parses an integer or decimal literal scaled by 10^scale. */
static bool check_parse_scaled(const char *text, int scale, int64_t *out, bool *too_many_decimals)
{
    const char *p = text;
    bool negative = false;
    int64_t value = 0;
    int decimals = -1;

    *too_many_decimals = false;
    if (*p == '-') {
        negative = true;
        p++;
    }
    for (; *p; p++) {
        if (*p == '.') {
            decimals = 0;
            continue;
        }
        if (decimals >= 0 && ++decimals > scale) {
            *too_many_decimals = true;
            return false;
        }
        if (value > (INT64_MAX - 9) / 10)
            return false;
        value = value * 10 + (*p - '0');
    }
    for (int k = decimals < 0 ? 0 : decimals; k < scale; k++) {
        if (value > INT64_MAX / 10)
            return false;
        value *= 10;
    }
    *out = negative ? -value : value;
    return true;
}

/* PostgreSQL's spellings of the field types (a field type is the API's,
 * not a column's: "int", not "integer"). */
static const char *check_postgres_spelling(const char *name)
{
    static const struct {
        const char *postgres, *field;
    } spellings[] = {
        {"integer", "int"},
        {"int4", "int"},
        {"smallint", "int"},
        {"int2", "int"},
        {"serial", "int"},
        {"int8", "bigint"},
        {"bigserial", "bigint"},
        {"boolean", "bool"},
        {"varchar", "text"},
        {"character", "text"},
        {"char", "text"},
        {"string", "text"},
        {"citext", "email"},
        {"timestamptz", "timestamp"},
        {"datetime", "timestamp"},
        {"numeric", "decimal(12,2)"},
        {"real", "decimal(12,2)"},
        {"float", "decimal(12,2)"},
        {"double", "decimal(12,2)"},
        {"float8", "decimal(12,2)"},
    };

    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        if (strcmp(spellings[i].postgres, name) == 0)
            return spellings[i].field;
    }
    return NULL;
}

static void check_unknown_type(check_ctx *c, const api_field *f)
{
    static const char *const types[] = {"text",   "password",  "email",   "int",
                                        "bigint", "money",     "decimal", "bool",
                                        "uuid",   "timestamp", "date"};
    const char *spelling = check_postgres_spelling(f->type_name);
    diag_suggestion s;
    char hint[300];

    if (spelling) {
        diag_error(c->diag, f->type_loc,
                   "unknown field type \"%s\" (did you mean \"%s\"? field types are the API's, "
                   "not PostgreSQL's)",
                   f->type_name, spelling);
        return;
    }
    diag_suggest_init(&s, f->type_name);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        diag_suggest_consider(&s, types[i]);
    for (int i = 0; i < c->model->catalog.enum_count; i++)
        diag_suggest_consider(&s, c->model->catalog.enums[i].name);
    diag_error(c->diag, f->type_loc, "unknown field type \"%s\"%s", f->type_name,
               diag_suggest_hint(&s, hint, sizeof hint));
}

/* Returns 0, RT_EINVAL after reporting an error. */
static int check_field_type(check_ctx *c, api_field *f, check_field_place place)
{
    static const struct {
        const char *name;
        rt_field_kind kind;
        const char *sql;
    } kinds[] = {
        {"text", RT_FIELD_TEXT, "text"},    {"password", RT_FIELD_PASSWORD, "text"},
        {"email", RT_FIELD_EMAIL, "text"},  {"int", RT_FIELD_INT, "int"},
        {"bigint", RT_FIELD_INT, "bigint"}, {"bool", RT_FIELD_BOOL, "bool"},
        {"uuid", RT_FIELD_UUID, "uuid"},    {"timestamp", RT_FIELD_TIMESTAMP, "timestamptz"},
        {"date", RT_FIELD_DATE, "date"},
    };
    const catalog_enum *enumeration;

    if (f->is_array) {
        f->kind = RT_FIELD_ARRAY;
        sqltype_from_word(c->arena, "jsonb", 0, 0, &f->type);
        if (place != CHECK_BODY) {
            diag_error(c->diag, f->type_loc, "arrays are only allowed in a body");
            return RT_EINVAL;
        }
        return 0;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(f->type_name, kinds[i].name) == 0) {
            f->kind = kinds[i].kind;
            sqltype_from_word(c->arena, kinds[i].sql, 0, 0, &f->type);
            goto found;
        }
    }
    if (strcmp(f->type_name, "money") == 0 || strcmp(f->type_name, "decimal") == 0) {
        int precision = strcmp(f->type_name, "money") == 0 ? 12 : f->precision;
        int scale = strcmp(f->type_name, "money") == 0 ? 2 : f->scale;
        if (strcmp(f->type_name, "decimal") == 0 &&
            (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
            diag_error(c->diag, f->type_loc, "decimal needs a precision and scale: decimal(12,2)");
            return RT_EINVAL;
        }
        f->kind = RT_FIELD_DECIMAL;
        sqltype_from_word(c->arena, "numeric", precision, scale, &f->type);
        goto found;
    }
    if (strcmp(f->type_name, "ordering") == 0) {
        /* an enum of the orderings of the query whose order_by uses it;
           the labels are filled in by check_order_by */
        f->kind = RT_FIELD_ENUM;
        sqltype_from_word(c->arena, "text", 0, 0, &f->type);
        if (place != CHECK_QUERY) {
            diag_error(c->diag, f->type_loc, "an ordering field belongs in the query block");
            return RT_EINVAL;
        }
        return 0;
    }
    enumeration = catalog_find_enum(&c->model->catalog, f->type_name);
    if (enumeration) {
        f->kind = RT_FIELD_ENUM;
        f->enumeration = enumeration;
        f->type.type = RT_TYPE_ENUM;
        f->type.name = enumeration->name;
        goto found;
    }
    check_unknown_type(c, f);
    return RT_EINVAL;
found:
    if (place == CHECK_PATH && f->kind != RT_FIELD_UUID && f->kind != RT_FIELD_INT &&
        f->kind != RT_FIELD_TEXT) {
        diag_error(c->diag, f->type_loc, "a path parameter is uuid, int or text, not %s",
                   f->type_name);
        return RT_EINVAL;
    }
    if (place == CHECK_QUERY && f->kind == RT_FIELD_PASSWORD) {
        diag_error(c->diag, f->type_loc, "a password never goes in a query string");
        return RT_EINVAL;
    }
    return 0;
}

static bool check_is_text_kind(rt_field_kind kind)
{
    return kind == RT_FIELD_TEXT || kind == RT_FIELD_PASSWORD || kind == RT_FIELD_EMAIL;
}

static int check_field_constraints(check_ctx *c, api_field *f)
{
    bool too_many;

    if (f->has_len) {
        if (!check_is_text_kind(f->kind) && f->kind != RT_FIELD_ARRAY) {
            diag_error(c->diag, f->len_loc,
                       "len applies to text, password, email and array fields, not %s",
                       f->type_name ? f->type_name : "this field");
            return 0;
        }
        f->min_len = 0;
        f->max_len = INT64_MAX;
        if ((f->len_min &&
             (!check_parse_scaled(f->len_min, 0, &f->min_len, &too_many) || f->min_len < 0)) ||
            (f->len_max &&
             (!check_parse_scaled(f->len_max, 0, &f->max_len, &too_many) || f->max_len < 0))) {
            diag_error(c->diag, f->len_loc, "len bounds are whole numbers of 0 or more");
            return 0;
        }
        if (f->min_len > f->max_len) {
            diag_error(c->diag, f->len_loc, "len minimum %s is greater than its maximum %s",
                       f->len_min, f->len_max);
            return 0;
        }
    }
    if (f->has_range) {
        int scale = f->kind == RT_FIELD_DECIMAL ? f->type.scale : 0;
        if (f->kind != RT_FIELD_INT && f->kind != RT_FIELD_DECIMAL) {
            diag_error(c->diag, f->range_loc,
                       "a range applies to int, money and decimal fields, not %s%s",
                       f->type_name ? f->type_name : "arrays",
                       check_is_text_kind(f->kind) ? " (did you mean len MIN..MAX?)" : "");
            return 0;
        }
        f->min = INT64_MIN;
        f->max = INT64_MAX;
        if ((f->range_min && !check_parse_scaled(f->range_min, scale, &f->min, &too_many)) ||
            (f->range_max && !check_parse_scaled(f->range_max, scale, &f->max, &too_many))) {
            if (too_many)
                diag_error(c->diag, f->range_loc, "a bound has more than %d decimal%s", scale,
                           scale == 1 ? "" : "s");
            else
                diag_error(c->diag, f->range_loc, "a bound is out of range");
            return 0;
        }
        if (f->min > f->max) {
            diag_error(c->diag, f->range_loc, "range minimum %s is greater than its maximum %s",
                       f->range_min, f->range_max);
            return 0;
        }
        if (f->kind == RT_FIELD_DECIMAL) {
            int64_t limit = 1;
            for (int k = 0; k < f->type.precision && k < 18; k++)
                limit *= 10;
            if (f->type.precision <= 18 && (f->max >= limit || f->min <= -limit)) {
                diag_error(c->diag, f->range_loc, "a bound does not fit %s", f->type.name);
                return 0;
            }
        }
    }
    if (f->choice_count > 0) {
        if (f->kind != RT_FIELD_TEXT) {
            diag_error(c->diag, f->choices_loc, "in (...) applies to text fields");
            return 0;
        }
        f->kind = RT_FIELD_ENUM;
    }
    return 0;
}

/* A scaled integer as decimal text with exactly `scale` decimals. */
static char *check_format_scaled(rt_arena *a, int64_t value, int scale)
{
    char digits[64];
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    int length =
        snprintf(digits, sizeof digits, "%0*llu", scale + 1, (unsigned long long)magnitude);

    if (scale == 0)
        return rt_arena_printf(a, "%s%s", value < 0 ? "-" : "", digits);
    return rt_arena_printf(a, "%s%.*s.%s", value < 0 ? "-" : "", length - scale, digits,
                           digits + length - scale);
}

/* The default's canonical text (see rt_field). */
static int check_field_default(check_ctx *c, api_field *f, check_field_place place)
{
    api_value *v = &f->default_value;
    bool too_many;
    int64_t scaled;

    if (!f->has_default)
        return 0;
    if (place == CHECK_PATH) {
        diag_error(c->diag, v->loc, "a path parameter has no default");
        return 0;
    }
    if (v->kind == API_VALUE_NULL || v->kind == API_VALUE_REF || v->kind == API_VALUE_CALL) {
        diag_error(c->diag, v->loc, "a default is a literal (a string, number, true or false)");
        return 0;
    }
    if (f->choice_count > 0) {
        bool found = false;
        for (int i = 0; i < f->choice_count; i++)
            found = found || (v->kind == API_VALUE_STRING && strcmp(f->choices[i], v->text) == 0);
        if (!found) {
            diag_error(c->diag, v->loc, "the default is not one of the field's choices");
            return 0;
        }
        f->default_text = v->text;
        return 0;
    }
    if (!check_literal_valid(c, v, &f->type))
        return 0;
    if (!check_value_fits(c, v, &f->type) || (f->kind == RT_FIELD_ARRAY) ||
        (v->kind == API_VALUE_STRING && !check_is_text_kind(f->kind) && f->kind != RT_FIELD_ENUM &&
         f->kind != RT_FIELD_UUID && f->kind != RT_FIELD_DATE && f->kind != RT_FIELD_TIMESTAMP)) {
        diag_error(c->diag, v->loc, "default %s does not fit a %s field",
                   check_value_describe(c, v), f->type_name ? f->type_name : "array");
        return 0;
    }
    if (f->kind == RT_FIELD_DECIMAL) {
        char *text;
        if (!check_parse_scaled(v->text, f->type.scale, &scaled, &too_many)) {
            diag_error(c->diag, v->loc, "default %s does not fit %s", v->text, f->type.name);
            return 0;
        }
        text = check_format_scaled(c->arena, scaled, f->type.scale);
        f->default_text = text;
        return 0;
    }
    f->default_text = v->text;
    return 0;
}

/* `unique` belongs to an array of values (whose items compare as text). */
static void check_field_unique(check_ctx *c, const api_field *f)
{
    if (f->unique && !f->scalar_items)
        diag_error(c->diag, f->unique_loc,
                   "unique applies to an array of values ([ text ... ]), not %s",
                   f->is_array ? "an array of objects" : "a single value");
}

/* The item of an array of values is always there and never null: it has
 * no `?`, `nullable`, default or `unique` of its own. */
static void check_field_scalar_item(check_ctx *c, const api_field *item)
{
    if (item->question || item->has_default)
        diag_error(c->diag, item->type_loc,
                   "an array's item is never absent: no \"?\" or default on it");
    if (item->nullable)
        diag_error(c->diag, item->nullable_loc, "an array's item may not be null");
    if (item->unique)
        diag_error(c->diag, item->unique_loc,
                   "unique belongs after the \"]\": it is about the whole array");
}

int check_field_list(check_ctx *c, api_field *fields, int count, check_field_place place)
{
    int rc = 0;

    for (int i = 0; i < count; i++) {
        api_field *f = &fields[i];
        int index;
        if (check_lookup_field(fields, i, f->name, &index)) {
            diag_error(c->diag, f->loc, "duplicate field \"%s\"", f->name);
            continue;
        }
        if (f->alternative != 0 && (place != CHECK_BODY || c->job) &&
            (i == 0 || fields[i - 1].alternative == 0)) {
            /* once per group: its first field */
            diag_error(c->diag, f->alternative_loc, "either belongs in an endpoint's body block");
        }
        rc = check_field_type(c, f, place);
        if (rc == RT_EINVAL) {
            /* reported; an opaque type keeps its uses from adding noise */
            f->type.type = RT_TYPE_TEXT;
            f->type.name = "?";
            f->type.opaque = true;
            rc = 0;
            continue;
        }
        if (rc)
            return rc;
        rc = check_field_constraints(c, f);
        if (rc)
            return rc;
        rc = check_field_default(c, f, place);
        if (rc)
            return rc;
        f->required = place == CHECK_PATH || (!f->question && !f->has_default);
        if (f->nullable && (place == CHECK_QUERY || place == CHECK_PATH || c->job))
            diag_error(c->diag, f->nullable_loc, "only a body field may be nullable");
        /* an optional payload field holds null when its enqueued value was NULL */
        if (c->job && place == CHECK_BODY && !f->required)
            f->nullable = true;
        check_field_unique(c, f);
        if (f->is_array) {
            rc = check_field_list(c, f->items, f->item_count, CHECK_ITEM);
            if (rc)
                return rc;
        }
        if (f->scalar_items)
            check_field_scalar_item(c, &f->items[0]);
    }
    return rc;
}
