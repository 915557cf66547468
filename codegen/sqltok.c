/*
 * sqltok.c - SQL token helpers (see sqltok.h).
 */
#include "sqltok.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *sqltok_name(arena *a, const token *t)
{
    char *name;
    int n = 0;

    if (t->kind == TOKEN_QUOTED_IDENT) {
        name = arena_alloc(a, (size_t)t->length);
        if (!name)
            return NULL;
        for (int i = 1; i < t->length - 1; i++) {
            name[n++] = t->text[i];
            if (t->text[i] == '"')
                i++;
        }
        name[n] = '\0';
        return name;
    }
    name = arena_strndup(a, t->text, (size_t)t->length);
    if (!name)
        return NULL;
    for (char *p = name; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return name;
}

int sqltok_skip_group(const token *tokens, int open, int end)
{
    int depth = 0;

    for (int i = open; i < end; i++) {
        token_kind kind = tokens[i].kind;
        if (kind == TOKEN_LPAREN || kind == TOKEN_LBRACKET)
            depth++;
        else if (kind == TOKEN_RPAREN || kind == TOKEN_RBRACKET)
            depth--;
        if (depth == 0)
            return i + 1;
    }
    return end;
}

bool sqltok_is_name(const token *t)
{
    return t->kind == TOKEN_IDENT || t->kind == TOKEN_QUOTED_IDENT;
}

static int sqltok_compare_words(const void *key, const void *element)
{
    return strcasecmp((const char *)key, *(const char *const *)element);
}

bool sqltok_is_keyword(const token *t)
{
    /* Sorted (bytewise, lower case) for bsearch. */
    static const char *const words[] = {
        "all",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "asymmetric",
        "at",
        "between",
        "both",
        "by",
        "case",
        "cast",
        "check",
        "collate",
        "column",
        "conflict",
        "constraint",
        "create",
        "cross",
        "current_date",
        "current_time",
        "current_timestamp",
        "current_user",
        "default",
        "deferrable",
        "delete",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "escape",
        "except",
        "exists",
        "false",
        "fetch",
        "filter",
        "first",
        "for",
        "foreign",
        "from",
        "full",
        "grant",
        "group",
        "having",
        "ilike",
        "in",
        "initially",
        "inner",
        "insert",
        "intersect",
        "interval",
        "into",
        "is",
        "isnull",
        "join",
        "last",
        "lateral",
        "leading",
        "left",
        "like",
        "limit",
        "localtime",
        "localtimestamp",
        "locked",
        "materialized",
        "natural",
        "not",
        "nothing",
        "notnull",
        "nowait",
        "null",
        "nulls",
        "of",
        "offset",
        "on",
        "only",
        "or",
        "order",
        "ordinality",
        "outer",
        "over",
        "partition",
        "placing",
        "primary",
        "recursive",
        "references",
        "returning",
        "right",
        "select",
        "session_user",
        "set",
        "share",
        "similar",
        "skip",
        "some",
        "symmetric",
        "table",
        "then",
        "to",
        "trailing",
        "true",
        "union",
        "unique",
        "update",
        "user",
        "using",
        "values",
        "variadic",
        "when",
        "where",
        "window",
        "with",
        "without",
    };
    char word[32];

    if (t->kind != TOKEN_IDENT || t->length >= (int)sizeof word)
        return false;
    memcpy(word, t->text, (size_t)t->length);
    word[t->length] = '\0';
    return bsearch(word, words, sizeof words / sizeof words[0], sizeof words[0],
                   sqltok_compare_words) != NULL;
}

char *sqltok_string(arena *a, const token *t)
{
    const char *text = t->text;
    int length = t->length;
    char *out;
    int n = 0;

    if (length >= 2 && text[0] == '$') {
        const char *body = memchr(text + 1, '$', (size_t)length - 1);
        int tag = body ? (int)(body - text) + 1 : 1;
        return arena_strndup(a, text + tag, (size_t)(length - 2 * tag));
    }
    if (length > 0 && (text[0] == 'e' || text[0] == 'E')) {
        text++;
        length--;
    }
    out = arena_alloc(a, (size_t)length + 1);
    if (!out)
        return NULL;
    for (int i = 1; i < length - 1; i++) {
        out[n++] = text[i];
        if (text[i] == '\'')
            i++;
    }
    out[n] = '\0';
    return out;
}
