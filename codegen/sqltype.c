/*
 * sqltype.c - SQL type spellings and compatibility (see sqltype.h).
 */
#include "sqltype.h"

#include <string.h>
#include <strings.h>

static void sqltype_set(sqltype *out, rt_type type, const char *name)
{
    out->type = type;
    out->name = name;
    out->precision = 0;
    out->scale = 0;
}

bool sqltype_from_word(rt_arena *a, const char *word, int precision, int scale, sqltype *out)
{
    static const struct {
        const char *word;
        rt_type type;
        const char *name;
    } words[] = {
        {"text", RT_TYPE_TEXT, "text"},
        {"varchar", RT_TYPE_TEXT, "text"},
        {"char", RT_TYPE_TEXT, "text"},
        {"character", RT_TYPE_TEXT, "text"},
        {"bpchar", RT_TYPE_TEXT, "text"},
        {"citext", RT_TYPE_TEXT, "text"},
        {"name", RT_TYPE_TEXT, "text"},
        {"smallint", RT_TYPE_INT, "int"},
        {"int2", RT_TYPE_INT, "int"},
        {"integer", RT_TYPE_INT, "int"},
        {"int", RT_TYPE_INT, "int"},
        {"int4", RT_TYPE_INT, "int"},
        {"serial", RT_TYPE_INT, "int"},
        {"serial4", RT_TYPE_INT, "int"},
        {"smallserial", RT_TYPE_INT, "int"},
        {"bigint", RT_TYPE_BIGINT, "bigint"},
        {"int8", RT_TYPE_BIGINT, "bigint"},
        {"bigserial", RT_TYPE_BIGINT, "bigint"},
        {"serial8", RT_TYPE_BIGINT, "bigint"},
        {"numeric", RT_TYPE_NUMERIC, "numeric"},
        {"decimal", RT_TYPE_NUMERIC, "numeric"},
        {"boolean", RT_TYPE_BOOL, "bool"},
        {"bool", RT_TYPE_BOOL, "bool"},
        {"uuid", RT_TYPE_UUID, "uuid"},
        {"timestamptz", RT_TYPE_TIMESTAMPTZ, "timestamptz"},
        {"date", RT_TYPE_DATE, "date"},
        {"json", RT_TYPE_JSON, "json"},
        {"jsonb", RT_TYPE_JSON, "jsonb"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcasecmp(word, words[i].word) != 0)
            continue;
        sqltype_set(out, words[i].type, words[i].name);
        if (words[i].type == RT_TYPE_NUMERIC && precision > 0) {
            out->precision = precision;
            out->scale = scale;
            out->name = rt_arena_printf(a, "numeric(%d,%d)", precision, scale);
            if (!out->name)
                return false;
        }
        return true;
    }
    return false;
}

bool sqltype_compatible(const sqltype *value, const sqltype *target)
{
    switch (target->type) {
    case RT_TYPE_INT:
    case RT_TYPE_BIGINT:
        return value->type == RT_TYPE_INT || value->type == RT_TYPE_BIGINT;
    case RT_TYPE_TEXT:
        return value->type == RT_TYPE_TEXT || value->type == RT_TYPE_ENUM;
    case RT_TYPE_ENUM:
        return value->type == RT_TYPE_ENUM && strcmp(value->name, target->name) == 0;
    case RT_TYPE_NUMERIC:
        if (value->type == RT_TYPE_INT || value->type == RT_TYPE_BIGINT)
            return target->precision == 0 || target->precision - target->scale >= 19;
        if (value->type != RT_TYPE_NUMERIC)
            return false;
        if (target->precision == 0)
            return true;
        return value->precision > 0 && value->scale == target->scale &&
               target->precision >= value->precision;
    case RT_TYPE_JSON:
        return value->type == RT_TYPE_JSON;
    default:
        return value->type == target->type;
    }
}

const char *sqltype_enumerator(rt_type type)
{
    switch (type) {
    case RT_TYPE_TEXT:
        return "RT_TYPE_TEXT";
    case RT_TYPE_INT:
        return "RT_TYPE_INT";
    case RT_TYPE_BIGINT:
        return "RT_TYPE_BIGINT";
    case RT_TYPE_NUMERIC:
        return "RT_TYPE_NUMERIC";
    case RT_TYPE_BOOL:
        return "RT_TYPE_BOOL";
    case RT_TYPE_UUID:
        return "RT_TYPE_UUID";
    case RT_TYPE_TIMESTAMPTZ:
        return "RT_TYPE_TIMESTAMPTZ";
    case RT_TYPE_DATE:
        return "RT_TYPE_DATE";
    case RT_TYPE_ENUM:
        return "RT_TYPE_ENUM";
    case RT_TYPE_JSON:
        return "RT_TYPE_JSON";
    }
    return "RT_TYPE_TEXT";
}
