/*
 * rt_rule.c - cross-field rules between validated request fields (see
 * rt_rule.h): comparing canonical texts as numbers, dates and instants.
 * Apart from rt_validate.c, which looks at one field at a time.
 */
#include "rt_rule.h"

#include <stdint.h>
#include <string.h>

#include "rt_error.h"

/* ---------------------------------------------------------------- decimals */

/* A decimal text split: sign, whole digits without leading zeros, fraction. */
typedef struct rule_decimal {
    bool negative;
    const char *whole;
    size_t whole_length;
    const char *fraction;
    size_t fraction_length;
} rule_decimal;

static bool rule_is_digits(const char *s, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

static int rule_decimal_read(const char *text, rule_decimal *out)
{
    const char *point;

    out->negative = text[0] == '-';
    if (text[0] == '-' || text[0] == '+')
        text++;
    point = strchr(text, '.');
    out->whole = text;
    out->whole_length = point ? (size_t)(point - text) : strlen(text);
    out->fraction = point ? point + 1 : "";
    out->fraction_length = strlen(out->fraction);
    if (out->whole_length + out->fraction_length == 0 ||
        !rule_is_digits(out->whole, out->whole_length) ||
        !rule_is_digits(out->fraction, out->fraction_length))
        return RT_EINVAL;
    while (out->whole_length > 0 && out->whole[0] == '0') {
        out->whole++;
        out->whole_length--;
    }
    while (out->fraction_length > 0 && out->fraction[out->fraction_length - 1] == '0')
        out->fraction_length--;
    if (out->whole_length == 0 && out->fraction_length == 0)
        out->negative = false; /* -0 is 0 */
    return 0;
}

/* Compares the magnitudes of a and b. */
static int rule_decimal_magnitude(const rule_decimal *a, const rule_decimal *b)
{
    size_t longest =
        a->fraction_length > b->fraction_length ? a->fraction_length : b->fraction_length;
    int order;

    if (a->whole_length != b->whole_length)
        return a->whole_length < b->whole_length ? -1 : 1;
    order = memcmp(a->whole, b->whole, a->whole_length);
    if (order != 0)
        return order;
    for (size_t i = 0; i < longest; i++) {
        char x = i < a->fraction_length ? a->fraction[i] : '0';
        char y = i < b->fraction_length ? b->fraction[i] : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

static int rule_order_decimal(const char *left, const char *right, int *order)
{
    rule_decimal a, b;

    if (rule_decimal_read(left, &a) != 0 || rule_decimal_read(right, &b) != 0)
        return RT_EINVAL;
    if (a.negative != b.negative)
        *order = a.negative ? -1 : 1;
    else
        *order = a.negative ? -rule_decimal_magnitude(&a, &b) : rule_decimal_magnitude(&a, &b);
    return 0;
}

/* ---------------------------------------------------------- dates, instants */

static bool rule_number(const char *s, size_t length, int *out)
{
    if (!rule_is_digits(s, length))
        return false;
    *out = 0;
    for (size_t i = 0; i < length; i++)
        *out = *out * 10 + (s[i] - '0');
    return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int64_t rule_days(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

/* YYYY-MM-DD at the start of text as days since the epoch. */
static int rule_read_date(const char *text, int64_t *days)
{
    int year, month, day;

    if (strlen(text) < 10 || text[4] != '-' || text[7] != '-' || !rule_number(text, 4, &year) ||
        !rule_number(text + 5, 2, &month) || !rule_number(text + 8, 2, &day))
        return RT_EINVAL;
    *days = rule_days(year, month, day);
    return 0;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), as rt_validate accepts
 * it, as UTC seconds since the epoch and nanoseconds. */
static int rule_read_instant(const char *text, int64_t *seconds, int *nanoseconds)
{
    int hour, minute, second, offset_hour, offset_minute;
    int64_t days;
    const char *p = text + 19;

    if (rule_read_date(text, &days) != 0 || strlen(text) < 20 || text[10] != 'T' ||
        !rule_number(text + 11, 2, &hour) || text[13] != ':' ||
        !rule_number(text + 14, 2, &minute) || text[16] != ':' ||
        !rule_number(text + 17, 2, &second))
        return RT_EINVAL;
    *nanoseconds = 0;
    if (*p == '.') {
        int digits = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            if (digits < 9)
                *nanoseconds = *nanoseconds * 10 + (*p - '0');
        }
        for (; digits < 9; digits++)
            *nanoseconds *= 10;
    }
    *seconds = ((days * 24 + hour) * 60 + minute) * 60 + second;
    if (p[0] == 'Z' && p[1] == '\0')
        return 0;
    if ((p[0] != '+' && p[0] != '-') || strlen(p) != 6 || p[3] != ':' ||
        !rule_number(p + 1, 2, &offset_hour) || !rule_number(p + 4, 2, &offset_minute))
        return RT_EINVAL;
    /* 10:00+02:00 is 08:00 UTC */
    *seconds -= (p[0] == '+' ? 1 : -1) * (int64_t)(offset_hour * 60 + offset_minute) * 60;
    return 0;
}

static int rule_order_instant(const char *left, const char *right, int *order)
{
    int64_t a, b;
    int a_nanoseconds, b_nanoseconds;

    if (rule_read_instant(left, &a, &a_nanoseconds) != 0 ||
        rule_read_instant(right, &b, &b_nanoseconds) != 0)
        return RT_EINVAL;
    if (a != b)
        *order = a < b ? -1 : 1;
    else
        *order = (a_nanoseconds > b_nanoseconds) - (a_nanoseconds < b_nanoseconds);
    return 0;
}

/* ------------------------------------------------------------------ rules */

int rt_rule_order(rt_type type, const char *left, const char *right, int *order)
{
    int64_t a, b;

    switch (type) {
    case RT_TYPE_INT:
    case RT_TYPE_BIGINT:
    case RT_TYPE_NUMERIC:
        return rule_order_decimal(left, right, order);
    case RT_TYPE_DATE:
        if (strlen(left) != 10 || strlen(right) != 10 || rule_read_date(left, &a) != 0 ||
            rule_read_date(right, &b) != 0)
            return RT_EINVAL;
        *order = (a > b) - (a < b);
        return 0;
    case RT_TYPE_TIMESTAMPTZ:
        return rule_order_instant(left, right, order);
    default:
        return RT_EINVAL;
    }
}

bool rt_rule_holds(rt_compare compare, int order)
{
    switch (compare) {
    case RT_COMPARE_LT:
        return order < 0;
    case RT_COMPARE_LE:
        return order <= 0;
    case RT_COMPARE_GT:
        return order > 0;
    case RT_COMPARE_GE:
        return order >= 0;
    case RT_COMPARE_EQ:
        return order == 0;
    case RT_COMPARE_NE:
        return order != 0;
    }
    return false;
}

/* The validated text of a request field operand, or NULL when absent. */
static const char *rule_operand(const rt_value *value, const rt_input *path, const rt_input *query,
                                const rt_input *body)
{
    switch (value->kind) {
    case RT_VALUE_PATH:
        return path[value->index].text;
    case RT_VALUE_QUERY:
        return query[value->index].text;
    case RT_VALUE_BODY:
        return body[value->index].text;
    default:
        return NULL;
    }
}

int rt_rule_check(const rt_rule *rules, int count, const rt_input *path, const rt_input *query,
                  const rt_input *body, rt_arena *arena, rt_field_errors *errors)
{
    int rc = 0;

    for (int i = 0; i < count; i++) {
        const rt_rule *rule = &rules[i];
        const char *left = rule_operand(&rule->left, path, query, body);
        const char *right = rule_operand(&rule->right, path, query, body);
        int order = 0;

        if (!left || !right)
            continue;
        rc = rt_rule_order(rule->left.type, left, right, &order);
        if (rc != 0)
            goto done;
        if (rt_rule_holds(rule->compare, order))
            continue;
        rc = rt_field_errors_add(errors, arena, rule->field, rule->message);
        if (rc != 0)
            goto done;
    }
done:
    return rc;
}
