/*
 * sqlquery.c - named queries: split, resolve names, infer types (see
 * sqlquery.h and docs/spec-language.md, "Queries").
 *
 * The analyzer works on one query's token array. A statement is a token
 * range; each SELECT / INSERT / UPDATE / DELETE level gets a scope holding
 * the tables it names (FROM, JOIN, USING, the target, CTEs and derived
 * tables); nested subqueries get a child scope, so a bare column resolves
 * in the innermost scope that has it. Per-token side tables record what
 * each token turned out to be (a resolved column, or a token to skip).
 *
 * Invariants: every token index used is in [0, count] (tokens[count] is
 * TOKEN_EOF); a token is resolved at most once.
 */
#include "sqlquery.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "lexer.h"
#include "rt_buf.h"
#include "rt_error.h"
#include "sqltok.h"
#include "sqltype.h"

enum { SQ_MAX_DEPTH = 32 };

typedef enum sq_role {
    SQ_ROLE_NONE = 0,
    SQ_ROLE_SKIP,   /* table name, alias, type, handled elsewhere */
    SQ_ROLE_COLUMN, /* resolved column reference */
} sq_role;

typedef struct sq_table {
    const char *name;  /* table or CTE name, for messages */
    const char *alias; /* what qualifies its columns */
    const sql_column *columns;
    int column_count;    /* -1: an unknown table (already reported) */
    bool nullable;       /* on the nullable side of an outer join */
    bool qualified_only; /* EXCLUDED: only as excluded.col */
    bool from_catalog;   /* a table of the catalog (not a CTE or subquery) */
} sq_table;

typedef struct sq_scope {
    struct sq_scope *parent;
    sq_table *tables;
    int table_count, table_capacity;
    const sq_table *target;    /* INSERT / UPDATE / DELETE target */
    const char **output_names; /* select-list names (ORDER BY may use them) */
    int output_count;
} sq_scope;

typedef struct sq_cte {
    const char *name;
    const sql_column *columns;
    int column_count;
    const struct sq_cte *next; /* earlier CTEs */
} sq_cte;

typedef struct sq_token_info {
    sq_role role;
    sqltype type; /* SQ_ROLE_COLUMN */
    bool nullable;
    bool has_insert_hint; /* a parameter alone in an INSERT VALUES slot */
    sqltype insert_hint;
} sq_token_info;

typedef struct sq_analyzer {
    arena *arena;
    diag *diag;
    const catalog *cat;
    const diag_source *source;
    const token *tokens;
    int count;
    sq_token_info *info;
    sql_query *query;
    int depth;
    int top_list_last; /* last token of the outermost SELECT list, or -1 */
} sq_analyzer;

static int sq_statement(sq_analyzer *an, int begin, int end, sq_scope *parent, const sq_cte *ctes,
                        sql_column **out_columns, int *out_count);
static int sq_param_number(const sql_query *q, const token *t);

/* ---------------------------------------------------------------- helpers */

static const token *sq_tok(const sq_analyzer *an, int i)
{
    if (i < 0 || i > an->count)
        return &an->tokens[an->count];
    return &an->tokens[i];
}

static bool sq_is(const sq_analyzer *an, int i, const char *word)
{
    return i >= 0 && lexer_token_is(sq_tok(an, i), word);
}

static bool sq_kind(const sq_analyzer *an, int i, token_kind kind)
{
    return i >= 0 && sq_tok(an, i)->kind == kind;
}

static diag_loc sq_loc(const sq_analyzer *an, int i)
{
    return lexer_loc(an->source, sq_tok(an, i));
}

static bool sq_starts_statement(const sq_analyzer *an, int i)
{
    return sq_is(an, i, "select") || sq_is(an, i, "with") || sq_is(an, i, "values") ||
           sq_is(an, i, "insert") || sq_is(an, i, "update") || sq_is(an, i, "delete");
}

static bool sq_is_comparison(const sq_analyzer *an, int i)
{
    static const char *const ops[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
    const token *t = sq_tok(an, i);
    if (t->kind == TOKEN_OPERATOR) {
        for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            if (lexer_token_op(t, ops[k]))
                return true;
        }
        return false;
    }
    return sq_is(an, i, "like") || sq_is(an, i, "ilike");
}

/* A name that may be an alias: an identifier that is not a keyword. */
static bool sq_is_alias_name(const sq_analyzer *an, int i)
{
    const token *t = sq_tok(an, i);
    return sqltok_is_name(t) && !sqltok_is_keyword(t);
}

static void sq_mark(sq_analyzer *an, int i, sq_role role)
{
    if (i >= 0 && i < an->count)
        an->info[i].role = role;
}

/* Marks the tokens of [begin, end) not yet classified (a nested
 * statement's resolved columns keep their role). */
static void sq_mark_range(sq_analyzer *an, int begin, int end, sq_role role)
{
    for (int i = begin; i < end && i < an->count; i++) {
        if (an->info[i].role == SQ_ROLE_NONE)
            an->info[i].role = role;
    }
}

static int sq_add_table(sq_analyzer *an, sq_scope *scope, const sq_table *table)
{
    scope->tables = arena_grow(an->arena, scope->tables, scope->table_count, &scope->table_capacity,
                               sizeof *scope->tables);
    if (!scope->tables)
        return RT_ENOMEM;
    scope->tables[scope->table_count++] = *table;
    return 0;
}

/* Columns of a catalog table as result-style columns. */
static int sq_catalog_columns(sq_analyzer *an, const catalog_table *table, sql_column **out)
{
    sql_column *columns =
        arena_alloc(an->arena, sizeof *columns * (size_t)(table->column_count + 1));
    if (!columns)
        return RT_ENOMEM;
    for (int i = 0; i < table->column_count; i++) {
        columns[i].name = table->columns[i].name;
        columns[i].type = table->columns[i].type;
        columns[i].nullable = !table->columns[i].not_null;
        columns[i].loc = table->columns[i].loc;
    }
    *out = columns;
    return 0;
}

static const sql_column *sq_table_column(const sq_table *table, const char *name)
{
    for (int i = 0; i < table->column_count; i++) {
        if (strcmp(table->columns[i].name, name) == 0)
            return &table->columns[i];
    }
    return NULL;
}

static void sq_set_column(sq_analyzer *an, int i, const sql_column *column, bool nullable_side)
{
    if (i < 0 || i >= an->count)
        return;
    an->info[i].role = SQ_ROLE_COLUMN;
    an->info[i].type = column->type;
    an->info[i].nullable = column->nullable || nullable_side;
}

/* ------------------------------------------------------------ table items */

/* Looks up a table name: CTEs first, then the catalog. */
static int sq_lookup_table(sq_analyzer *an, const sq_cte *ctes, const char *name, sq_table *out,
                           bool *found)
{
    int rc = 0;
    const catalog_table *table;

    *found = false;
    memset(out, 0, sizeof *out);
    for (const sq_cte *c = ctes; c; c = c->next) {
        if (strcmp(c->name, name) == 0) {
            out->name = c->name;
            out->alias = c->name;
            out->columns = c->columns;
            out->column_count = c->column_count;
            *found = true;
            goto done;
        }
    }
    table = catalog_find_table(an->cat, name);
    if (table) {
        sql_column *columns;
        rc = sq_catalog_columns(an, table, &columns);
        if (rc)
            goto done;
        out->name = table->name;
        out->alias = table->name;
        out->columns = columns;
        out->column_count = table->column_count;
        out->from_catalog = true;
        *found = true;
    }
done:
    return rc;
}

static void sq_unknown_table(sq_analyzer *an, int at, const char *name, const sq_cte *ctes)
{
    diag_suggestion s;
    char hint[300];

    diag_suggest_init(&s, name);
    for (const sq_cte *c = ctes; c; c = c->next)
        diag_suggest_consider(&s, c->name);
    for (int i = 0; i < an->cat->table_count; i++) {
        if (!an->cat->tables[i].dropped)
            diag_suggest_consider(&s, an->cat->tables[i].name);
    }
    diag_error(an->diag, sq_loc(an, at), "unknown table \"%s\"%s", name,
               diag_suggest_hint(&s, hint, sizeof hint));
}

/* [AS] alias at *i; marks it and stores it in *alias (unchanged if none). */
static int sq_read_alias(sq_analyzer *an, int *i, const char **alias)
{
    int at = *i;

    if (sq_is(an, at, "as"))
        at++;
    else if (!sq_is_alias_name(an, at))
        return 0;
    if (!sqltok_is_name(sq_tok(an, at)))
        return 0;
    *alias = sqltok_name(an->arena, sq_tok(an, at));
    if (!*alias)
        return RT_ENOMEM;
    sq_mark_range(an, *i, at + 1, SQ_ROLE_SKIP);
    *i = at + 1;
    return 0;
}

/* A column definition list "(name type, ...)" after a function alias. */
static int sq_column_definitions(sq_analyzer *an, int open, int close, sql_column **out,
                                 int *out_count)
{
    sql_column *columns = NULL;
    int count = 0;
    int capacity = 0;
    int rc = 0;

    for (int i = open + 1; i < close - 1;) {
        sql_column column;
        memset(&column, 0, sizeof column);
        if (!sqltok_is_name(sq_tok(an, i))) {
            i++;
            continue;
        }
        column.name = sqltok_name(an->arena, sq_tok(an, i));
        column.loc = sq_loc(an, i);
        column.nullable = true;
        if (!column.name) {
            rc = RT_ENOMEM;
            goto done;
        }
        i++;
        rc = catalog_parse_type(an->cat, an->arena, an->tokens, close - 1, &i, &column.type);
        if (rc)
            goto done;
        columns = arena_grow(an->arena, columns, count, &capacity, sizeof *columns);
        if (!columns) {
            rc = RT_ENOMEM;
            goto done;
        }
        columns[count++] = column;
        while (i < close - 1 && !sq_kind(an, i, TOKEN_COMMA))
            i++;
        i++;
    }
    *out = columns;
    *out_count = count;
done:
    return rc;
}

/* One FROM/JOIN item at *i: a table, a subquery or a function call, with
 * an optional alias. Adds it to scope. */
static int sq_table_item(sq_analyzer *an, sq_scope *scope, const sq_cte *ctes, int *i, int end,
                         bool nullable)
{
    sq_table table;
    int at = *i;
    int rc = 0;

    memset(&table, 0, sizeof table);
    table.nullable = nullable;
    if (sq_is(an, at, "lateral") || sq_is(an, at, "only"))
        at++;
    if (sq_kind(an, at, TOKEN_LPAREN)) {
        int close = sqltok_skip_group(an->tokens, at, end);
        sql_column *columns = NULL;
        int column_count = 0;
        if (!sq_starts_statement(an, at + 1)) {
            *i = close;
            goto done; /* (a JOIN b): not modelled */
        }
        rc = sq_statement(an, at + 1, close - 1, scope, ctes, &columns, &column_count);
        if (rc)
            goto done;
        sq_mark_range(an, at, close, SQ_ROLE_SKIP);
        at = close;
        table.name = "subquery";
        table.columns = columns;
        table.column_count = column_count;
        rc = sq_read_alias(an, &at, &table.alias);
        if (rc)
            goto done;
        if (!table.alias)
            table.alias = "";
        table.name = table.alias;
    } else if (sqltok_is_name(sq_tok(an, at)) && sq_kind(an, at + 1, TOKEN_LPAREN)) {
        int close = sqltok_skip_group(an->tokens, at + 1, end);
        sq_mark(an, at, SQ_ROLE_SKIP);
        at = close;
        if (sq_is(an, at, "with") && sq_is(an, at + 1, "ordinality")) {
            sq_mark_range(an, at, at + 2, SQ_ROLE_SKIP);
            at += 2;
        }
        rc = sq_read_alias(an, &at, &table.alias);
        if (rc)
            goto done;
        if (!table.alias) {
            table.alias = sqltok_name(an->arena, sq_tok(an, *i));
            if (!table.alias) {
                rc = RT_ENOMEM;
                goto done;
            }
        }
        table.name = table.alias;
        if (sq_kind(an, at, TOKEN_LPAREN)) {
            int defs_close = sqltok_skip_group(an->tokens, at, end);
            sql_column *columns = NULL;
            rc = sq_column_definitions(an, at, defs_close, &columns, &table.column_count);
            if (rc)
                goto done;
            table.columns = columns;
            sq_mark_range(an, at, defs_close, SQ_ROLE_SKIP);
            at = defs_close;
        } else {
            sql_column *column = arena_alloc(an->arena, sizeof *column);
            if (!column) {
                rc = RT_ENOMEM;
                goto done;
            }
            column->name = table.alias;
            column->type.type = RT_TYPE_TEXT;
            column->type.name = "unknown";
            column->type.opaque = true;
            column->nullable = true;
            table.columns = column;
            table.column_count = 1;
        }
    } else if (sqltok_is_name(sq_tok(an, at))) {
        const char *name;
        bool found;
        int name_at;
        while (sq_kind(an, at + 1, TOKEN_DOT) && sqltok_is_name(sq_tok(an, at + 2))) {
            sq_mark_range(an, at, at + 2, SQ_ROLE_SKIP);
            at += 2; /* schema.table */
        }
        name_at = at;
        name = sqltok_name(an->arena, sq_tok(an, at));
        if (!name) {
            rc = RT_ENOMEM;
            goto done;
        }
        sq_mark(an, at, SQ_ROLE_SKIP);
        rc = sq_lookup_table(an, ctes, name, &table, &found);
        if (rc)
            goto done;
        table.nullable = nullable;
        at++;
        if (!found) {
            sq_unknown_table(an, name_at, name, ctes);
            table.name = name;
            table.alias = name;
            table.column_count = -1; /* unknown: resolves nothing, reports nothing */
        }
        rc = sq_read_alias(an, &at, &table.alias);
        if (rc)
            goto done;
    } else {
        *i = at;
        goto done;
    }
    rc = sq_add_table(an, scope, &table);
    *i = at;
done:
    return rc;
}

/* Table lists after FROM / USING (comma separated) and JOIN items, at the
 * top level of [begin, end). */
static int sq_collect_tables(sq_analyzer *an, sq_scope *scope, const sq_cte *ctes, int begin,
                             int end, bool using_is_table_list)
{
    int rc = 0;

    for (int i = begin; i < end;) {
        const token *t = sq_tok(an, i);
        if (t->kind == TOKEN_LPAREN) {
            i = sqltok_skip_group(an->tokens, i, end);
            continue;
        }
        if (sq_is(an, i, "from") ||
            (using_is_table_list && sq_is(an, i, "using") && !sq_kind(an, i + 1, TOKEN_LPAREN))) {
            i++;
            for (;;) {
                rc = sq_table_item(an, scope, ctes, &i, end, false);
                if (rc)
                    goto done;
                if (!sq_kind(an, i, TOKEN_COMMA))
                    break;
                i++;
            }
            continue;
        }
        if (sq_is(an, i, "join")) {
            bool left =
                sq_is(an, i - 1, "left") || (sq_is(an, i - 1, "outer") && sq_is(an, i - 2, "left"));
            bool right = sq_is(an, i - 1, "right") ||
                         (sq_is(an, i - 1, "outer") && sq_is(an, i - 2, "right"));
            bool full =
                sq_is(an, i - 1, "full") || (sq_is(an, i - 1, "outer") && sq_is(an, i - 2, "full"));
            if (right || full) {
                for (int k = 0; k < scope->table_count; k++)
                    scope->tables[k].nullable = true;
            }
            i++;
            rc = sq_table_item(an, scope, ctes, &i, end, left || full);
            if (rc)
                goto done;
            continue;
        }
        i++;
    }
done:
    return rc;
}

/* ----------------------------------------------------- column resolution */

static void sq_unknown_column(sq_analyzer *an, const sq_scope *scope, int at, const char *name,
                              const sq_table *only)
{
    diag_suggestion s;
    char hint[300];

    diag_suggest_init(&s, name);
    for (const sq_scope *sc = scope; sc; sc = sc->parent) {
        for (int k = 0; k < sc->table_count; k++) {
            const sq_table *table = &sc->tables[k];
            if (only && table != only)
                continue;
            for (int c = 0; c < table->column_count; c++)
                diag_suggest_consider(&s, table->columns[c].name);
        }
    }
    if (only)
        diag_error(an->diag, sq_loc(an, at), "unknown column \"%s\" in table %s%s", name,
                   only->name, diag_suggest_hint(&s, hint, sizeof hint));
    else if (scope->table_count == 1 && scope->tables[0].column_count >= 0)
        diag_error(an->diag, sq_loc(an, at), "unknown column \"%s\" in table %s%s", name,
                   scope->tables[0].name, diag_suggest_hint(&s, hint, sizeof hint));
    else
        diag_error(an->diag, sq_loc(an, at), "unknown column \"%s\"%s", name,
                   diag_suggest_hint(&s, hint, sizeof hint));
}

static bool sq_scope_has_unknown_table(const sq_scope *scope)
{
    for (const sq_scope *sc = scope; sc; sc = sc->parent) {
        for (int k = 0; k < sc->table_count; k++) {
            if (sc->tables[k].column_count < 0)
                return true;
        }
    }
    return false;
}

static int sq_resolve_bare(sq_analyzer *an, const sq_scope *scope, int at)
{
    const char *name = sqltok_name(an->arena, sq_tok(an, at));

    if (!name)
        return RT_ENOMEM;
    for (const sq_scope *sc = scope; sc; sc = sc->parent) {
        const sq_table *first = NULL;
        const sq_table *second = NULL;
        const sql_column *column = NULL;
        for (int k = 0; k < sc->table_count; k++) {
            if (sc->tables[k].qualified_only)
                continue;
            const sql_column *c = sq_table_column(&sc->tables[k], name);
            if (!c)
                continue;
            if (!first) {
                first = &sc->tables[k];
                column = c;
            } else if (!second) {
                second = &sc->tables[k];
            }
        }
        if (second) {
            diag_error(an->diag, sq_loc(an, at),
                       "column reference \"%s\" is ambiguous: it is in %s and in %s", name,
                       first->name, second->name);
            diag_note(an->diag, (diag_loc){0}, "qualify it: %s.%s", first->alias, name);
            return 0;
        }
        if (first) {
            sq_set_column(an, at, column, first->nullable);
            return 0;
        }
        for (int k = 0; k < sc->output_count; k++) {
            if (strcmp(sc->output_names[k], name) == 0)
                return 0; /* ORDER BY a select-list name */
        }
    }
    if (!sq_scope_has_unknown_table(scope))
        sq_unknown_column(an, scope, at, name, NULL);
    return 0;
}

static int sq_resolve_qualified(sq_analyzer *an, const sq_scope *scope, int qualifier_at,
                                int column_at)
{
    const char *qualifier = sqltok_name(an->arena, sq_tok(an, qualifier_at));
    const char *name = sqltok_name(an->arena, sq_tok(an, column_at));
    diag_suggestion s;
    char hint[300];

    if (!qualifier || !name)
        return RT_ENOMEM;
    sq_mark(an, qualifier_at, SQ_ROLE_SKIP);
    for (const sq_scope *sc = scope; sc; sc = sc->parent) {
        for (int k = 0; k < sc->table_count; k++) {
            const sq_table *table = &sc->tables[k];
            if (strcmp(table->alias, qualifier) != 0)
                continue;
            if (table->column_count < 0)
                return 0; /* already reported */
            const sql_column *column = sq_table_column(table, name);
            if (!column) {
                sq_unknown_column(an, sc, column_at, name, table);
                return 0;
            }
            sq_set_column(an, column_at, column, table->nullable);
            return 0;
        }
    }
    diag_suggest_init(&s, qualifier);
    for (const sq_scope *sc = scope; sc; sc = sc->parent) {
        for (int k = 0; k < sc->table_count; k++)
            diag_suggest_consider(&s, sc->tables[k].alias);
    }
    diag_error(an->diag, sq_loc(an, qualifier_at), "unknown table or alias \"%s\"%s", qualifier,
               diag_suggest_hint(&s, hint, sizeof hint));
    return 0;
}

/* A target-table column (SET col, INSERT (col), ON CONFLICT (col)). */
static int sq_resolve_target_column(sq_analyzer *an, const sq_scope *scope, int at)
{
    const char *name;
    const sql_column *column;

    if (!scope->target || scope->target->column_count < 0 || !sqltok_is_name(sq_tok(an, at)))
        return 0;
    name = sqltok_name(an->arena, sq_tok(an, at));
    if (!name)
        return RT_ENOMEM;
    column = sq_table_column(scope->target, name);
    if (!column) {
        sq_unknown_column(an, scope, at, name, scope->target);
        sq_mark(an, at, SQ_ROLE_SKIP);
        return 0;
    }
    sq_set_column(an, at, column, false);
    return 0;
}

/* Walks [begin, end) resolving column references in scope; nested
 * statements in parentheses get their own scope. */
static int sq_walk(sq_analyzer *an, sq_scope *scope, const sq_cte *ctes, int begin, int end)
{
    int rc = 0;

    for (int i = begin; i < end; i++) {
        const token *t = sq_tok(an, i);
        if (an->info[i].role != SQ_ROLE_NONE)
            continue;
        if (t->kind == TOKEN_LPAREN && sq_starts_statement(an, i + 1)) {
            int close = sqltok_skip_group(an->tokens, i, end);
            rc = sq_statement(an, i + 1, close - 1, scope, ctes, NULL, NULL);
            if (rc)
                goto done;
            i = close - 1;
            continue;
        }
        if (t->kind == TOKEN_CAST) {
            int k = i + 1;
            sqltype type;
            rc = catalog_parse_type(an->cat, an->arena, an->tokens, end, &k, &type);
            if (rc)
                goto done;
            sq_mark_range(an, i + 1, k, SQ_ROLE_SKIP);
            i = k - 1;
            continue;
        }
        if (!sqltok_is_name(t))
            continue;
        if (t->kind == TOKEN_IDENT && sqltok_is_keyword(t)) {
            if (sq_is(an, i, "as"))
                sq_mark(an, i + 1, SQ_ROLE_SKIP); /* alias, or a type in CAST */
            continue;
        }
        if (sq_kind(an, i + 1, TOKEN_LPAREN)) {
            if (sq_is(an, i, "extract"))
                sq_mark(an, i + 2, SQ_ROLE_SKIP); /* EXTRACT(epoch FROM x) */
            continue;                             /* a function name */
        }
        if (sq_kind(an, i + 1, TOKEN_STRING) || lexer_token_op(sq_tok(an, i + 1), "=>"))
            continue; /* date '2024-01-01', named argument */
        if (sq_kind(an, i + 1, TOKEN_DOT)) {
            if (sqltok_is_name(sq_tok(an, i + 2)) && !sq_kind(an, i + 3, TOKEN_LPAREN)) {
                rc = sq_resolve_qualified(an, scope, i, i + 2);
                if (rc)
                    goto done;
            }
            i += 2;
            continue;
        }
        rc = sq_resolve_bare(an, scope, i);
        if (rc)
            goto done;
    }
done:
    return rc;
}

/* ---------------------------------------------------------- result lists */

/* The index of the last top-level "::" in [begin, end), or -1. */
static int sq_last_cast(const sq_analyzer *an, int begin, int end)
{
    int last = -1;
    for (int i = begin; i < end; i++) {
        if (sq_kind(an, i, TOKEN_LPAREN) || sq_kind(an, i, TOKEN_LBRACKET)) {
            i = sqltok_skip_group(an->tokens, i, end) - 1;
            continue;
        }
        if (sq_kind(an, i, TOKEN_CAST))
            last = i;
    }
    return last;
}

/* Whether [begin, end) is a single (possibly qualified) resolved column;
 * *column_at receives the column token. */
static bool sq_single_column(const sq_analyzer *an, int begin, int end, int *column_at)
{
    int at = -1;
    if (end - begin == 1 && sqltok_is_name(sq_tok(an, begin)))
        at = begin;
    else if (end - begin == 3 && sq_kind(an, begin + 1, TOKEN_DOT) &&
             sqltok_is_name(sq_tok(an, begin + 2)))
        at = begin + 2;
    if (at < 0)
        return false;
    *column_at = at;
    return true;
}

/* Whether the expression [begin, end) is name(...) [FILTER (...)] [OVER (...)]. */
static bool sq_is_call_of(const sq_analyzer *an, int begin, int end, const char *name)
{
    int i;
    if (!sq_is(an, begin, name) || !sq_kind(an, begin + 1, TOKEN_LPAREN))
        return false;
    i = sqltok_skip_group(an->tokens, begin + 1, end);
    while (i < end && (sq_is(an, i, "filter") || sq_is(an, i, "over")) &&
           sq_kind(an, i + 1, TOKEN_LPAREN))
        i = sqltok_skip_group(an->tokens, i + 1, end);
    return i == end;
}

/* coalesce(..., literal): never NULL. */
static bool sq_is_coalesce_with_literal(const sq_analyzer *an, int begin, int end)
{
    int close;
    if (!sq_is_call_of(an, begin, end, "coalesce"))
        return false;
    close = sqltok_skip_group(an->tokens, begin + 1, end);
    return close - 2 > begin + 2 && sq_kind(an, close - 3, TOKEN_COMMA) &&
           (sq_kind(an, close - 2, TOKEN_NUMBER) || sq_kind(an, close - 2, TOKEN_STRING));
}

static int sq_output_item(sq_analyzer *an, int begin, int end, sql_column *out, bool *ok)
{
    int expr_end = end;
    int column_at;
    int cast;
    int rc = 0;

    memset(out, 0, sizeof *out);
    *ok = false;
    out->loc = sq_loc(an, begin);
    if ((end - begin == 1 && lexer_token_op(sq_tok(an, begin), "*")) ||
        (end - begin == 3 && sq_kind(an, begin + 1, TOKEN_DOT) &&
         lexer_token_op(sq_tok(an, begin + 2), "*"))) {
        diag_error(an->diag, sq_loc(an, begin),
                   "\"*\" is not allowed in a result list: name the columns");
        goto done;
    }
    if (end - begin >= 3 && sq_is(an, end - 2, "as") && sqltok_is_name(sq_tok(an, end - 1))) {
        out->name = sqltok_name(an->arena, sq_tok(an, end - 1));
        out->loc = sq_loc(an, end - 1);
        expr_end = end - 2;
    } else if (end - begin >= 2 && sq_is_alias_name(an, end - 1) &&
               !sq_kind(an, end - 2, TOKEN_DOT) && !sq_kind(an, end - 2, TOKEN_CAST)) {
        out->name = sqltok_name(an->arena, sq_tok(an, end - 1));
        out->loc = sq_loc(an, end - 1);
        expr_end = end - 1;
    }
    if (sq_single_column(an, begin, expr_end, &column_at)) {
        if (an->info[column_at].role != SQ_ROLE_COLUMN)
            goto done; /* already reported */
        out->type = an->info[column_at].type;
        out->nullable = an->info[column_at].nullable;
        if (!out->name)
            out->name = sqltok_name(an->arena, sq_tok(an, column_at));
    } else if ((cast = sq_last_cast(an, begin, expr_end)) >= 0) {
        int k = cast + 1;
        rc = catalog_parse_type(an->cat, an->arena, an->tokens, expr_end, &k, &out->type);
        if (rc)
            goto done;
        if (sq_single_column(an, begin, cast, &column_at) &&
            an->info[column_at].role == SQ_ROLE_COLUMN) {
            out->nullable = an->info[column_at].nullable;
            if (!out->name)
                out->name = sqltok_name(an->arena, sq_tok(an, column_at));
        } else {
            out->nullable = !(sq_is_call_of(an, begin, cast, "count") ||
                              sq_is_call_of(an, begin, cast, "exists") ||
                              sq_is_coalesce_with_literal(an, begin, cast));
        }
    } else if (sq_is_call_of(an, begin, expr_end, "count")) {
        sqltype_from_word(an->arena, "bigint", 0, 0, &out->type);
        out->nullable = false;
    } else if (sq_is_call_of(an, begin, expr_end, "exists")) {
        sqltype_from_word(an->arena, "bool", 0, 0, &out->type);
        out->nullable = false;
    } else {
        diag_error(an->diag, sq_loc(an, begin),
                   "cannot infer the type of this result column: add a cast and a name");
        diag_note(an->diag, (diag_loc){0}, "for example: expression::text AS name");
        goto done;
    }
    if (!out->name) {
        diag_error(an->diag, sq_loc(an, begin), "this result column needs a name (AS name)");
        goto done;
    }
    if (out->type.opaque) {
        diag_error(an->diag, sq_loc(an, begin),
                   "result column \"%s\" has type %s, which specc does not support: cast it",
                   out->name, out->type.name);
        goto done;
    }
    *ok = true;
done:
    return rc;
}

/* Output names only (for ORDER BY), before resolution. */
static int sq_output_names(sq_analyzer *an, sq_scope *scope, int begin, int end)
{
    int start = begin;
    for (int i = begin; i <= end; i++) {
        if (i < end && (sq_kind(an, i, TOKEN_LPAREN) || sq_kind(an, i, TOKEN_LBRACKET))) {
            i = sqltok_skip_group(an->tokens, i, end) - 1;
            continue;
        }
        if (i < end && !sq_kind(an, i, TOKEN_COMMA))
            continue;
        if (i - start >= 3 && sq_is(an, i - 2, "as") && sqltok_is_name(sq_tok(an, i - 1))) {
            const char *name = sqltok_name(an->arena, sq_tok(an, i - 1));
            scope->output_names = arena_grow(an->arena, scope->output_names, scope->output_count,
                                             &(int){scope->output_count}, sizeof(char *));
            if (!name || !scope->output_names)
                return RT_ENOMEM;
            scope->output_names[scope->output_count++] = name;
            sq_mark(an, i - 1, SQ_ROLE_SKIP);
        }
        start = i + 1;
    }
    return 0;
}

static int sq_outputs(sq_analyzer *an, int begin, int end, sql_column **out, int *out_count)
{
    sql_column *columns = NULL;
    int count = 0;
    int capacity = 0;
    int start = begin;
    int rc = 0;

    for (int i = begin; i <= end; i++) {
        if (i < end && (sq_kind(an, i, TOKEN_LPAREN) || sq_kind(an, i, TOKEN_LBRACKET))) {
            i = sqltok_skip_group(an->tokens, i, end) - 1;
            continue;
        }
        if (i < end && !sq_kind(an, i, TOKEN_COMMA))
            continue;
        if (i > start) {
            sql_column column;
            bool ok;
            rc = sq_output_item(an, start, i, &column, &ok);
            if (rc)
                goto done;
            if (ok) {
                for (int k = 0; k < count; k++) {
                    if (strcmp(columns[k].name, column.name) == 0) {
                        diag_error(an->diag, column.loc, "duplicate result column \"%s\"",
                                   column.name);
                        ok = false;
                    }
                }
            }
            if (ok) {
                columns = arena_grow(an->arena, columns, count, &capacity, sizeof *columns);
                if (!columns) {
                    rc = RT_ENOMEM;
                    goto done;
                }
                columns[count++] = column;
            }
        }
        start = i + 1;
    }
    *out = columns;
    *out_count = count;
done:
    return rc;
}

/* ------------------------------------------------------------- statements */

/* Index of the first top-level word in [begin, end) among words, or end. */
static int sq_find_top(const sq_analyzer *an, int begin, int end, const char *const *words, int n)
{
    for (int i = begin; i < end; i++) {
        if (sq_kind(an, i, TOKEN_LPAREN) || sq_kind(an, i, TOKEN_LBRACKET)) {
            i = sqltok_skip_group(an->tokens, i, end) - 1;
            continue;
        }
        for (int k = 0; k < n; k++) {
            if (sq_is(an, i, words[k]))
                return i;
        }
    }
    return end;
}

/* WITH name [(cols)] AS [NOT] [MATERIALIZED] (stmt), ... ; returns the
 * index after the WITH clause. */
static int sq_with(sq_analyzer *an, int i, int end, sq_scope *parent, const sq_cte **ctes,
                   int *after)
{
    int rc = 0;

    i++;
    if (sq_is(an, i, "recursive"))
        i++;
    for (;;) {
        sq_cte *cte;
        int aliases_open = -1;
        int close;
        if (!sqltok_is_name(sq_tok(an, i)))
            break;
        cte = arena_alloc(an->arena, sizeof *cte);
        if (!cte) {
            rc = RT_ENOMEM;
            goto done;
        }
        cte->name = sqltok_name(an->arena, sq_tok(an, i));
        if (!cte->name) {
            rc = RT_ENOMEM;
            goto done;
        }
        sq_mark(an, i, SQ_ROLE_SKIP);
        i++;
        if (sq_kind(an, i, TOKEN_LPAREN)) {
            aliases_open = i;
            i = sqltok_skip_group(an->tokens, i, end);
            sq_mark_range(an, aliases_open, i, SQ_ROLE_SKIP);
        }
        if (!sq_is(an, i, "as"))
            break;
        i++;
        if (sq_is(an, i, "not"))
            i++;
        if (sq_is(an, i, "materialized"))
            i++;
        if (!sq_kind(an, i, TOKEN_LPAREN))
            break;
        close = sqltok_skip_group(an->tokens, i, end);
        {
            sql_column *columns = NULL;
            int column_count = 0;
            rc = sq_statement(an, i + 1, close - 1, parent, *ctes, &columns, &column_count);
            if (rc)
                goto done;
            if (aliases_open >= 0) {
                int k = 0;
                int aliases_close = sqltok_skip_group(an->tokens, aliases_open, end);
                for (int m = aliases_open + 1; m < aliases_close - 1 && k < column_count; m++) {
                    if (!sqltok_is_name(sq_tok(an, m)))
                        continue;
                    columns[k].name = sqltok_name(an->arena, sq_tok(an, m));
                    if (!columns[k].name) {
                        rc = RT_ENOMEM;
                        goto done;
                    }
                    k++;
                }
            }
            cte->columns = columns;
            cte->column_count = column_count;
        }
        cte->next = *ctes;
        *ctes = cte;
        sq_mark_range(an, i, close, SQ_ROLE_SKIP);
        i = close;
        if (!sq_kind(an, i, TOKEN_COMMA))
            break;
        i++;
    }
done:
    *after = i;
    return rc;
}

/* The parameters used in [begin, end) as 0-based indexes (arena), each
 * once. */
static int sq_params_in(sq_analyzer *an, int begin, int end, int **out, int *out_count)
{
    const sql_query *q = an->query;
    int *indexes = NULL;
    int count = 0;
    int rc = 0;

    *out = NULL;
    *out_count = 0;
    indexes = arena_alloc(an->arena, sizeof *indexes * (size_t)(q->param_count + 1));
    if (!indexes) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (int i = begin; i < end; i++) {
        int number;
        bool seen = false;
        if (!sq_kind(an, i, TOKEN_PARAM))
            continue;
        number = sq_param_number(q, sq_tok(an, i));
        assert(number > 0); /* sq_register_params saw every parameter */
        for (int k = 0; k < count; k++)
            seen = seen || indexes[k] == number - 1;
        if (!seen)
            indexes[count++] = number - 1;
    }
    *out = indexes;
    *out_count = count;
done:
    return rc;
}

/* Records `SET column = value` of a catalog table for the checker (see
 * sql_assignment); value is [value_at, value_end). */
static int sq_record_assignment(sq_analyzer *an, const sq_scope *scope, int column_at, int value_at,
                                int value_end, int *where_params, int where_param_count)
{
    sql_query *q = an->query;
    sql_assignment *assignment;
    bool single_string = value_end - value_at == 1; /* 'x' or 'x'::type */
    int rc = 0;

    if (value_end - value_at >= 3 && sq_kind(an, value_at + 1, TOKEN_CAST)) {
        single_string = true;
        for (int i = value_at + 2; i < value_end; i++)
            single_string =
                single_string && (sqltok_is_name(sq_tok(an, i)) || sq_kind(an, i, TOKEN_DOT));
    }

    if (!scope->target || !scope->target->from_catalog ||
        an->info[column_at].role != SQ_ROLE_COLUMN)
        goto done;
    q->assignments = arena_grow(an->arena, q->assignments, q->assignment_count,
                                &q->assignment_capacity, sizeof *q->assignments);
    if (!q->assignments) {
        rc = RT_ENOMEM;
        goto done;
    }
    assignment = &q->assignments[q->assignment_count++];
    memset(assignment, 0, sizeof *assignment);
    assignment->table = scope->target->name;
    assignment->column = sqltok_name(an->arena, sq_tok(an, column_at));
    assignment->loc = sq_loc(an, value_at < value_end ? value_at : column_at);
    assignment->where_params = where_params;
    assignment->where_param_count = where_param_count;
    if (!assignment->column) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (single_string && sq_kind(an, value_at, TOKEN_STRING)) {
        assignment->literal = sqltok_string(an->arena, sq_tok(an, value_at));
        if (!assignment->literal)
            rc = RT_ENOMEM;
    }
done:
    return rc;
}

/* SET a = x, b = y: marks each assigned column as a target column and
 * records the assignments (see sq_record_assignment). */
static int sq_set_list(sq_analyzer *an, sq_scope *scope, int set_at, int end)
{
    static const char *const where_word[] = {"where"};
    static const char *const list_end[] = {"from", "where", "returning"};
    static const char *const returning_word[] = {"returning"};
    int list_close = sq_find_top(an, set_at + 1, end, list_end, 3);
    int where_at = sq_find_top(an, set_at + 1, end, where_word, 1);
    int where_end = where_at < end ? sq_find_top(an, where_at, end, returning_word, 1) : end;
    int *where_params = NULL;
    int where_param_count = 0;
    int column_at = -1;
    int value_at = -1;
    int rc = 0;

    rc = sq_params_in(an, where_at, where_end, &where_params, &where_param_count);
    if (rc)
        goto done;
    for (int i = set_at + 1; i <= list_close; i++) {
        if (i == list_close || sq_kind(an, i, TOKEN_COMMA)) {
            if (column_at >= 0) {
                rc = sq_record_assignment(an, scope, column_at, value_at, i, where_params,
                                          where_param_count);
                if (rc)
                    goto done;
            }
            column_at = -1;
            if (i == list_close)
                break;
            if (sqltok_is_name(sq_tok(an, i + 1)) && lexer_token_op(sq_tok(an, i + 2), "=")) {
                column_at = i + 1;
                value_at = i + 3;
            }
            continue;
        }
        if (i == set_at + 1 && sqltok_is_name(sq_tok(an, i)) &&
            lexer_token_op(sq_tok(an, i + 1), "=")) {
            column_at = i;
            value_at = i + 2;
        }
        if (i == column_at) {
            rc = sq_resolve_target_column(an, scope, i);
            if (rc)
                goto done;
        }
        if (sq_kind(an, i, TOKEN_LPAREN) || sq_kind(an, i, TOKEN_LBRACKET))
            i = sqltok_skip_group(an->tokens, i, list_close) - 1;
    }
done:
    return rc;
}

/* Gives the parameter alone in slot k of [begin, end) (a VALUES tuple or
 * a select list) the type of the k-th column of the INSERT column list. */
static void sq_insert_slot_hints(sq_analyzer *an, const sq_scope *scope, int columns_open,
                                 int columns_close, int begin, int end)
{
    int slot = 0;
    int start = begin;

    if (!scope->target || scope->target->column_count < 0)
        return;
    for (int m = begin; m <= end; m++) {
        if (m < end && (sq_kind(an, m, TOKEN_LPAREN) || sq_kind(an, m, TOKEN_LBRACKET))) {
            m = sqltok_skip_group(an->tokens, m, end) - 1;
            continue;
        }
        if (m < end && !sq_kind(an, m, TOKEN_COMMA))
            continue;
        if (m - start == 1 && sq_kind(an, start, TOKEN_PARAM)) {
            int seen = 0;
            for (int c = columns_open + 1; c < columns_close - 1; c++) {
                if (!sqltok_is_name(sq_tok(an, c)))
                    continue;
                if (seen++ == slot && an->info[c].role == SQ_ROLE_COLUMN) {
                    an->info[start].has_insert_hint = true;
                    an->info[start].insert_hint = an->info[c].type;
                }
            }
        }
        slot++;
        start = m + 1;
    }
}

/* INSERT INTO t (cols) SELECT a, b FROM ...: the select list's slots. */
static void sq_insert_select_hints(sq_analyzer *an, const sq_scope *scope, int columns_open,
                                   int columns_close, int begin, int end)
{
    static const char *const list_end[] = {"from", "where", "group", "order", "limit", "union"};
    int stop = sq_find_top(an, begin, end, list_end, (int)(sizeof list_end / sizeof list_end[0]));
    sq_insert_slot_hints(an, scope, columns_open, columns_close, begin, stop);
}

/* INSERT INTO t [AS a] [(cols)] VALUES (...), ... | SELECT ... [ON CONFLICT
 * ...] [RETURNING ...] */
static int sq_insert(sq_analyzer *an, sq_scope *scope, const sq_cte *ctes, int i, int end,
                     int *returning_at)
{
    static const char *const tail_words[] = {"on", "returning"};
    sq_table target;
    sq_table excluded;
    bool found = false;
    const char *name;
    int name_at;
    int columns_open = -1;
    int columns_close = -1;
    int rc = 0;

    *returning_at = -1;
    if (!sq_is(an, i, "into"))
        goto done;
    i++;
    while (sq_kind(an, i + 1, TOKEN_DOT))
        i += 2;
    name_at = i;
    name = sqltok_name(an->arena, sq_tok(an, i));
    if (!name) {
        rc = RT_ENOMEM;
        goto done;
    }
    sq_mark_range(an, i - (sq_kind(an, i - 1, TOKEN_DOT) ? 2 : 0), i + 1, SQ_ROLE_SKIP);
    rc = sq_lookup_table(an, ctes, name, &target, &found);
    if (rc)
        goto done;
    if (!found) {
        sq_unknown_table(an, name_at, name, ctes);
        target.name = name;
        target.alias = name;
        target.column_count = -1;
    }
    i++;
    if (sq_is(an, i, "as")) {
        rc = sq_read_alias(an, &i, &target.alias);
        if (rc)
            goto done;
    }
    rc = sq_add_table(an, scope, &target);
    if (rc)
        goto done;
    excluded = target;
    excluded.alias = "excluded";
    excluded.qualified_only = true;
    rc = sq_add_table(an, scope, &excluded);
    if (rc)
        goto done;
    scope->target = &scope->tables[0];
    if (sq_kind(an, i, TOKEN_LPAREN) && !sq_starts_statement(an, i + 1)) {
        columns_open = i;
        columns_close = sqltok_skip_group(an->tokens, i, end);
        for (int k = i + 1; k < columns_close - 1; k++) {
            if (sqltok_is_name(sq_tok(an, k))) {
                rc = sq_resolve_target_column(an, scope, k);
                if (rc)
                    goto done;
            }
        }
        i = columns_close;
    }
    if (sq_is(an, i, "overriding"))
        i += 3;
    /* the VALUES or SELECT ends at a top-level ON CONFLICT or RETURNING */
    int tail = i;
    for (;;) {
        tail = sq_find_top(an, tail, end, tail_words, 2);
        if (tail >= end || !sq_is(an, tail, "on") || sq_is(an, tail + 1, "conflict"))
            break;
        tail++;
    }
    if (sq_is(an, i, "values")) {
        /* VALUES (a, b), (c, d): a parameter alone in a slot takes the type
         * of the column at that position. */
        for (int k = i + 1; k < tail; k++) {
            if (!sq_kind(an, k, TOKEN_LPAREN))
                continue;
            int close = sqltok_skip_group(an->tokens, k, tail);
            if (columns_open >= 0)
                sq_insert_slot_hints(an, scope, columns_open, columns_close, k + 1, close - 1);
            k = close - 1;
        }
        rc = sq_walk(an, scope, ctes, i + 1, tail);
        if (rc)
            goto done;
    } else if (sq_starts_statement(an, i)) {
        if (sq_is(an, i, "select") && columns_open >= 0)
            sq_insert_select_hints(an, scope, columns_open, columns_close, i + 1, tail);
        rc = sq_statement(an, i, tail, scope->parent, ctes, NULL, NULL);
        if (rc)
            goto done;
        sq_mark_range(an, i, tail, SQ_ROLE_SKIP);
    }
    i = tail;
    if (sq_is(an, i, "on") && sq_is(an, i + 1, "conflict")) {
        static const char *const returning_word[] = {"returning"};
        int conflict_end = sq_find_top(an, i, end, returning_word, 1);
        int k = i + 2;
        if (sq_kind(an, k, TOKEN_LPAREN)) {
            int close = sqltok_skip_group(an->tokens, k, conflict_end);
            for (int m = k + 1; m < close - 1; m++) {
                if (sqltok_is_name(sq_tok(an, m)) && !sqltok_is_keyword(sq_tok(an, m))) {
                    rc = sq_resolve_target_column(an, scope, m);
                    if (rc)
                        goto done;
                }
            }
        } else if (sq_is(an, k, "on") && sq_is(an, k + 1, "constraint")) {
            sq_mark(an, k + 2, SQ_ROLE_SKIP);
        }
        for (int m = k; m < conflict_end; m++) {
            if (sq_is(an, m, "set")) {
                rc = sq_set_list(an, scope, m, conflict_end);
                if (rc)
                    goto done;
                break;
            }
        }
        rc = sq_walk(an, scope, ctes, k, conflict_end);
        if (rc)
            goto done;
        i = conflict_end;
    }
    if (sq_is(an, i, "returning"))
        *returning_at = i;
done:
    return rc;
}

static int sq_statement(sq_analyzer *an, int begin, int end, sq_scope *parent, const sq_cte *ctes,
                        sql_column **out_columns, int *out_count)
{
    static const char *const select_list_end[] = {
        "from",  "into",   "where", "group", "having", "window",    "order",
        "limit", "offset", "fetch", "for",   "union",  "intersect", "except",
    };
    static const char *const returning_word[] = {"returning"};
    sq_scope *scope;
    int i = begin;
    int returning_at = -1;
    int list_begin = -1;
    int list_end = -1;
    int rc = 0;

    if (out_columns) {
        *out_columns = NULL;
        *out_count = 0;
    }
    if (++an->depth > SQ_MAX_DEPTH) {
        diag_error(an->diag, sq_loc(an, begin), "statement nested too deeply");
        goto done;
    }
    /* ( SELECT ... ) as a whole statement */
    if (sq_kind(an, i, TOKEN_LPAREN) && sqltok_skip_group(an->tokens, i, end) == end) {
        rc = sq_statement(an, i + 1, end - 1, parent, ctes, out_columns, out_count);
        goto done;
    }
    if (sq_is(an, i, "with")) {
        rc = sq_with(an, i, end, parent, &ctes, &i);
        if (rc)
            goto done;
    }
    scope = arena_alloc(an->arena, sizeof *scope);
    if (!scope) {
        rc = RT_ENOMEM;
        goto done;
    }
    scope->parent = parent;
    if (sq_is(an, i, "select")) {
        list_begin = i + 1;
        if (sq_is(an, list_begin, "distinct")) {
            list_begin++;
            if (sq_is(an, list_begin, "on") && sq_kind(an, list_begin + 1, TOKEN_LPAREN))
                list_begin = sqltok_skip_group(an->tokens, list_begin + 1, end);
        } else if (sq_is(an, list_begin, "all")) {
            list_begin++;
        }
        list_end = sq_find_top(an, list_begin, end, select_list_end,
                               (int)(sizeof select_list_end / sizeof select_list_end[0]));
        if (an->depth == 1)
            an->top_list_last = list_end - 1;
        rc = sq_collect_tables(an, scope, ctes, list_end, end, false);
        if (rc)
            goto done;
        rc = sq_output_names(an, scope, list_begin, list_end);
        if (rc)
            goto done;
        rc = sq_walk(an, scope, ctes, i + 1, end);
    } else if (sq_is(an, i, "insert")) {
        rc = sq_insert(an, scope, ctes, i + 1, end, &returning_at);
        if (rc)
            goto done;
        if (returning_at >= 0)
            rc = sq_walk(an, scope, ctes, returning_at + 1, end);
    } else if (sq_is(an, i, "update") || (sq_is(an, i, "delete") && sq_is(an, i + 1, "from"))) {
        bool is_delete = sq_is(an, i, "delete");
        int k = i + (is_delete ? 2 : 1);
        rc = sq_table_item(an, scope, ctes, &k, end, false);
        if (rc)
            goto done;
        if (scope->table_count > 0)
            scope->target = &scope->tables[0];
        rc = sq_collect_tables(an, scope, ctes, k, end, is_delete);
        if (rc)
            goto done;
        if (scope->table_count > 0)
            scope->target = &scope->tables[0]; /* the array may have moved */
        if (!is_delete && sq_is(an, k, "set")) {
            rc = sq_set_list(an, scope, k, end);
            if (rc)
                goto done;
        }
        returning_at = sq_find_top(an, k, end, returning_word, 1);
        if (returning_at == end)
            returning_at = -1;
        rc = sq_walk(an, scope, ctes, k, end);
    } else if (sq_is(an, i, "values")) {
        rc = sq_walk(an, scope, ctes, i + 1, end);
    } else {
        diag_error(an->diag, sq_loc(an, i),
                   "expected SELECT, INSERT, UPDATE, DELETE or WITH, found %s",
                   lexer_describe(an->arena, sq_tok(an, i)));
        goto done;
    }
    if (rc || !out_columns)
        goto done;
    if (list_begin >= 0)
        rc = sq_outputs(an, list_begin, list_end, out_columns, out_count);
    else if (returning_at >= 0)
        rc = sq_outputs(an, returning_at + 1, end, out_columns, out_count);
done:
    an->depth--;
    return rc;
}

/* ------------------------------------------------------------- parameters */

/* The column token compared with the parameter at k, or -1. */
static int sq_compared_column(const sq_analyzer *an, int k)
{
    if (k >= 2 && sq_is_comparison(an, k - 1) && an->info[k - 2].role == SQ_ROLE_COLUMN)
        return k - 2;
    if (sq_is(an, k - 1, "between") && k - 2 >= 0 && an->info[k - 2].role == SQ_ROLE_COLUMN)
        return k - 2;
    if (sq_is(an, k - 1, "and") && sq_is(an, k - 3, "between") && k - 4 >= 0 &&
        an->info[k - 4].role == SQ_ROLE_COLUMN)
        return k - 4;
    if (sq_is_comparison(an, k + 1)) {
        int c = k + 2;
        if (sq_kind(an, c + 1, TOKEN_DOT))
            c += 2;
        if (c < an->count && an->info[c].role == SQ_ROLE_COLUMN)
            return c;
    }
    return -1;
}

static int sq_infer_params(sq_analyzer *an)
{
    sql_query *q = an->query;
    int rc = 0;

    for (int p = 0; p < q->param_count; p++) {
        sql_param *param = &q->params[p];
        int best_priority = 99;
        for (int k = 0; k < an->count; k++) {
            const token *t = sq_tok(an, k);
            sqltype type;
            int priority = 99;
            int column;
            if (t->kind != TOKEN_PARAM || (size_t)(t->length - 1) != strlen(param->name) ||
                strncmp(t->text + 1, param->name, (size_t)t->length - 1) != 0)
                continue;
            memset(&type, 0, sizeof type);
            if (sq_kind(an, k + 1, TOKEN_CAST)) {
                int m = k + 2;
                rc = catalog_parse_type(an->cat, an->arena, an->tokens, an->count, &m, &type);
                if (rc)
                    goto done;
                priority = 1;
            } else if ((column = sq_compared_column(an, k)) >= 0) {
                type = an->info[column].type;
                priority = 2;
            } else if (an->info[k].has_insert_hint) {
                type = an->info[k].insert_hint;
                priority = 4;
            } else if (sq_is(an, k - 1, "limit") || sq_is(an, k - 1, "offset")) {
                sqltype_from_word(an->arena, "bigint", 0, 0, &type);
                priority = 5;
            }
            if (priority < best_priority) {
                best_priority = priority;
                param->type = type;
                param->typed = true;
            }
        }
        if (!param->typed) {
            diag_error(an->diag, param->loc, "cannot infer the type of parameter @%s", param->name);
            diag_note(an->diag, (diag_loc){0}, "add a cast: @%s::TYPE (text, int, uuid, ...)",
                      param->name);
        } else if (param->type.opaque) {
            diag_error(an->diag, param->loc,
                       "parameter @%s has type %s, which specc does not support", param->name,
                       param->type.name);
        }
    }
done:
    return rc;
}

/* --------------------------------------------------------------- queries */

char *sqlquery_snake_case(arena *a, const char *name)
{
    size_t n = strlen(name);
    char *out = arena_alloc(a, n * 2 + 1);
    size_t k = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isupper(c) && i > 0 &&
            (islower((unsigned char)name[i - 1]) || isdigit((unsigned char)name[i - 1]) ||
             (isupper((unsigned char)name[i - 1]) && i + 1 < n &&
              islower((unsigned char)name[i + 1]))) &&
            out[k - 1] != '_')
            out[k++] = '_';
        out[k++] = (char)tolower(c);
    }
    out[k] = '\0';
    return out;
}

/* A marker comment inside a query: `-- filter` or `-- ordering: a, b`. */
typedef struct sq_marker {
    rt_part_kind kind; /* RT_PART_FILTER or RT_PART_ORDER */
    const token *comment;
} sq_marker;

/* Registers the parameters in order of first use. */
static int sq_register_params(sq_analyzer *an)
{
    sql_query *q = an->query;

    for (int k = 0; k < an->count; k++) {
        const token *t = &an->tokens[k];
        bool known = false;
        if (t->kind != TOKEN_PARAM)
            continue;
        for (int p = 0; p < q->param_count; p++) {
            known = known || (strlen(q->params[p].name) == (size_t)t->length - 1 &&
                              strncmp(q->params[p].name, t->text + 1, (size_t)t->length - 1) == 0);
        }
        if (known)
            continue;
        q->params =
            arena_grow(an->arena, q->params, q->param_count, &q->param_capacity, sizeof *q->params);
        if (!q->params)
            return RT_ENOMEM;
        sql_param *param = &q->params[q->param_count++];
        memset(param, 0, sizeof *param);
        param->name = arena_strndup(an->arena, t->text + 1, (size_t)t->length - 1);
        param->loc = lexer_loc(an->source, t);
        if (!param->name)
            return RT_ENOMEM;
    }
    return 0;
}

static int sq_param_number(const sql_query *q, const token *t)
{
    for (int p = 0; p < q->param_count; p++) {
        if (strlen(q->params[p].name) == (size_t)t->length - 1 &&
            strncmp(q->params[p].name, t->text + 1, (size_t)t->length - 1) == 0)
            return p + 1;
    }
    return 0;
}

typedef struct sq_edit {
    const char *at;
    int length;
    int number;         /* a parameter: $number */
    bool marker;        /* a marker comment: removed with the blanks before it */
    const char *insert; /* text to insert at `at` */
} sq_edit;

/* The query's text with $n for @name, marker comments (and the blanks
 * before them) removed, and `insert` put right after token insert_after
 * (-1: none). Newlines are kept: line k of the result is line
 * tokens[0].line + k of the source. NULL when out of memory. */
static char *sq_render(sq_analyzer *an, const sq_marker *markers, int marker_count,
                       int insert_after, const char *insert)
{
    const char *begin = an->tokens[0].text;
    const char *end = an->tokens[an->count - 1].text + an->tokens[an->count - 1].length;
    sq_edit *edits = arena_alloc(an->arena, sizeof *edits * (size_t)(an->count + marker_count + 2));
    int edit_count = 0;
    const char *cursor = begin;
    rt_buf out;
    char *text = NULL;

    if (!edits)
        return NULL;
    for (int k = 0; k < an->count; k++) {
        if (an->tokens[k].kind == TOKEN_PARAM)
            edits[edit_count++] =
                (sq_edit){an->tokens[k].text, an->tokens[k].length,
                          sq_param_number(an->query, &an->tokens[k]), false, NULL};
    }
    for (int m = 0; m < marker_count; m++) {
        const token *c = markers[m].comment;
        if (c->text > begin && c->text < end)
            edits[edit_count++] = (sq_edit){c->text, c->length, 0, true, NULL};
    }
    if (insert_after >= 0)
        edits[edit_count++] = (sq_edit){
            an->tokens[insert_after].text + an->tokens[insert_after].length, 0, 0, false, insert};
    /* by position (few edits: insertion sort) */
    for (int i = 1; i < edit_count; i++) {
        sq_edit e = edits[i];
        int j = i - 1;
        while (j >= 0 && edits[j].at > e.at) {
            edits[j + 1] = edits[j];
            j--;
        }
        edits[j + 1] = e;
    }
    rt_buf_init(&out);
    for (int i = 0; i < edit_count; i++) {
        const char *segment_end = edits[i].at;
        if (edits[i].marker) {
            while (segment_end > cursor && (segment_end[-1] == ' ' || segment_end[-1] == '\t'))
                segment_end--;
        }
        rt_buf_append(&out, cursor, (size_t)(segment_end - cursor));
        if (edits[i].number > 0)
            rt_buf_printf(&out, "$%d", edits[i].number);
        if (edits[i].insert)
            rt_buf_puts(&out, edits[i].insert);
        cursor = edits[i].at + edits[i].length;
    }
    rt_buf_append(&out, cursor, (size_t)(end - cursor));
    if (rt_buf_check(&out) == 0)
        text = arena_strdup(an->arena, rt_buf_cstr(&out));
    rt_buf_free(&out);
    return text;
}

static const sq_marker *sq_marker_at_line(const sq_marker *markers, int count, int line)
{
    for (int m = 0; m < count; m++) {
        if (markers[m].comment->line == line)
            return &markers[m];
    }
    return NULL;
}

static int sq_add_part(sq_analyzer *an, rt_part_kind kind, const char *text, size_t length,
                       int line)
{
    sql_query *q = an->query;
    sql_part *part;

    q->parts = arena_grow(an->arena, q->parts, q->part_count, &q->part_capacity, sizeof *q->parts);
    if (!q->parts)
        return RT_ENOMEM;
    part = &q->parts[q->part_count++];
    memset(part, 0, sizeof *part);
    part->kind = kind;
    part->line = line;
    part->text = arena_strndup(an->arena, text, length);
    if (!part->text)
        return RT_ENOMEM;
    if (kind != RT_PART_FILTER)
        return 0;
    part->params = arena_alloc(an->arena, sizeof *part->params * (size_t)(q->param_count + 1));
    if (!part->params)
        return RT_ENOMEM;
    for (int k = 0; k < an->count; k++) {
        int number;
        bool seen = false;
        if (an->tokens[k].kind != TOKEN_PARAM || an->tokens[k].line != line)
            continue;
        number = sq_param_number(q, &an->tokens[k]);
        for (int i = 0; i < part->param_count; i++)
            seen = seen || part->params[i] == number - 1;
        if (!seen)
            part->params[part->param_count++] = number - 1;
    }
    return 0;
}

/* Orderings from `-- ordering: a, b` on the ORDER BY line `line`: each
 * name ascending and descending ("-name"), keeping the default's last key
 * as the tie-breaker. suffix ends each (the line's newline, if any). */
static int sq_orderings(sq_analyzer *an, const sq_marker *marker, int line, const char *suffix)
{
    sql_query *q = an->query;
    const token *comment = marker->comment;
    const char *list = memchr(comment->text, ':', (size_t)comment->length);
    const char *list_end = comment->text + comment->length;
    int first = -1;
    int last = -1;
    int tie_begin = -1;
    const char *tiebreak = NULL;

    for (int k = 0; k < an->count; k++) {
        if (an->tokens[k].line == line) {
            if (first < 0)
                first = k;
            last = k;
        }
    }
    if (first < 0 || !sq_is(an, first, "order") || !sq_is(an, first + 1, "by")) {
        diag_error(an->diag, lexer_loc(an->source, comment),
                   "-- ordering: marks the line holding the ORDER BY clause (the default)");
        return 0;
    }
    for (int k = first + 2; k <= last; k++) {
        if (sq_kind(an, k, TOKEN_LPAREN)) {
            k = sqltok_skip_group(an->tokens, k, last + 1) - 1;
            continue;
        }
        if (sq_is(an, k, "limit") || sq_is(an, k, "offset") || sq_is(an, k, "for")) {
            diag_error(
                an->diag, sq_loc(an, k),
                "the -- ordering: line holds only the ORDER BY clause: move this to the next line");
            return 0;
        }
        if (sq_kind(an, k, TOKEN_COMMA))
            tie_begin = k + 1;
    }
    if (tie_begin > 0) {
        int tie_end = last;
        while (tie_end > tie_begin && (sq_is(an, tie_end, "asc") || sq_is(an, tie_end, "desc") ||
                                       sq_is(an, tie_end, "first") || sq_is(an, tie_end, "last") ||
                                       sq_is(an, tie_end, "nulls")))
            tie_end--;
        tiebreak = arena_printf(an->arena, ", %.*s",
                                (int)(an->tokens[tie_end].text + an->tokens[tie_end].length -
                                      an->tokens[tie_begin].text),
                                an->tokens[tie_begin].text);
        if (!tiebreak)
            return RT_ENOMEM;
    }
    for (const char *p = list + 1; p < list_end;) {
        const char *name_begin;
        const char *name;
        bool found = false;
        while (p < list_end && (*p == ' ' || *p == '\t' || *p == ','))
            p++;
        name_begin = p;
        while (p < list_end && (isalnum((unsigned char)*p) || *p == '_'))
            p++;
        if (p == name_begin) {
            if (p < list_end) {
                diag_loc loc = lexer_loc(an->source, comment);
                loc.col += (int)(p - comment->text);
                loc.length = 1;
                diag_error(an->diag, loc, "expected a result column name in the ordering list");
                return 0;
            }
            break;
        }
        name = arena_strndup(an->arena, name_begin, (size_t)(p - name_begin));
        if (!name)
            return RT_ENOMEM;
        diag_suggestion s;
        char hint[300];
        diag_suggest_init(&s, name);
        for (int c = 0; c < q->column_count; c++) {
            found = found || strcmp(q->columns[c].name, name) == 0;
            diag_suggest_consider(&s, q->columns[c].name);
        }
        if (!found) {
            diag_loc loc = lexer_loc(an->source, comment);
            loc.col += (int)(name_begin - comment->text);
            loc.length = (int)(p - name_begin);
            diag_error(an->diag, loc, "ordering \"%s\" is not a result column of %s%s", name,
                       q->name, diag_suggest_hint(&s, hint, sizeof hint));
            continue;
        }
        for (int direction = 0; direction < 2; direction++) {
            const char *word = direction == 0 ? "ASC" : "DESC";
            sql_ordering *o;
            q->orderings = arena_grow(an->arena, q->orderings, q->ordering_count,
                                      &q->ordering_capacity, sizeof *q->orderings);
            if (!q->orderings)
                return RT_ENOMEM;
            o = &q->orderings[q->ordering_count++];
            o->name = direction == 0 ? name : arena_printf(an->arena, "-%s", name);
            if (tiebreak)
                o->sql = arena_printf(an->arena, "ORDER BY %s %s%s %s%s", name, word, tiebreak,
                                      word, suffix);
            else
                o->sql = arena_printf(an->arena, "ORDER BY %s %s%s", name, word, suffix);
            if (!o->name || !o->sql)
                return RT_ENOMEM;
        }
    }
    return 0;
}

/* Splits the rendered text into parts at marked lines. */
static int sq_parts(sq_analyzer *an, const char *rendered, const sq_marker *markers,
                    int marker_count, const char *page_tail)
{
    int first_line = an->tokens[0].line;
    const char *text_start = rendered; /* of the pending TEXT part */
    const char *p = rendered;
    int line = first_line;
    int rc = 0;

    while (*p) {
        const char *newline = strchr(p, '\n');
        const char *next = newline ? newline + 1 : p + strlen(p);
        const sq_marker *marker = sq_marker_at_line(markers, marker_count, line);
        if (marker) {
            if (p > text_start) {
                rc = sq_add_part(an, RT_PART_TEXT, text_start, (size_t)(p - text_start), line);
                if (rc)
                    return rc;
            }
            rc = sq_add_part(an, marker->kind, p, (size_t)(next - p), line);
            if (rc)
                return rc;
            if (marker->kind == RT_PART_FILTER &&
                an->query->parts[an->query->part_count - 1].param_count == 0)
                diag_error(an->diag, lexer_loc(an->source, marker->comment),
                           "a -- filter line needs a parameter: it is left out when its "
                           "parameters are null");
            if (marker->kind == RT_PART_ORDER) {
                rc = sq_orderings(an, marker, line, newline ? "\n" : "");
                if (rc)
                    return rc;
            }
            text_start = next;
        }
        p = next;
        line++;
    }
    if (p > text_start) {
        rc = sq_add_part(an, RT_PART_TEXT, text_start, (size_t)(p - text_start), line);
        if (rc)
            return rc;
    }
    if (page_tail)
        rc = sq_add_part(an, RT_PART_TEXT, page_tail, strlen(page_tail), line);
    return rc;
}

/* :page: the compiler adds `count(*) OVER () AS total` to the select list
 * and `LIMIT $limit OFFSET $offset`; checks what the spec may not write. */
static int sq_page(sq_analyzer *an, sql_column **columns, int *column_count)
{
    static const char *const words[] = {"limit", "offset", "fetch"};
    sql_query *q = an->query;
    sql_column *total;
    int at;

    if (an->top_list_last < 0) {
        diag_error(an->diag, q->loc, "a :page query is a SELECT");
        return 0;
    }
    at = sq_find_top(an, 0, an->count, words, 3);
    if (at < an->count) {
        diag_error(an->diag, sq_loc(an, at),
                   "a :page query gets its LIMIT and OFFSET from the page: remove this");
        return 0;
    }
    for (int i = 0; i < q->param_count; i++) {
        if (strcmp(q->params[i].name, "limit") == 0 || strcmp(q->params[i].name, "offset") == 0) {
            diag_error(an->diag, q->params[i].loc,
                       "@%s is reserved in a :page query (the page's own parameter)",
                       q->params[i].name);
            return 0;
        }
    }
    for (int i = 0; i < *column_count; i++) {
        if (strcmp((*columns)[i].name, "total") == 0) {
            diag_error(an->diag, (*columns)[i].loc,
                       "\"total\" is reserved in a :page query (the row count the page adds)");
            return 0;
        }
    }
    for (int i = 0; i < 2; i++) {
        sql_param *param;
        q->params =
            arena_grow(an->arena, q->params, q->param_count, &q->param_capacity, sizeof *q->params);
        if (!q->params)
            return RT_ENOMEM;
        param = &q->params[q->param_count++];
        memset(param, 0, sizeof *param);
        param->name = i == 0 ? "limit" : "offset";
        param->loc = q->loc;
        param->typed = true;
        sqltype_from_word(an->arena, "bigint", 0, 0, &param->type);
    }
    q->page_params = 2;
    total = arena_alloc(an->arena, sizeof *total * (size_t)(*column_count + 1));
    if (!total)
        return RT_ENOMEM;
    memcpy(total, *columns, sizeof *total * (size_t)*column_count);
    total[*column_count].name = "total";
    total[*column_count].loc = q->loc;
    sqltype_from_word(an->arena, "bigint", 0, 0, &total[*column_count].type);
    *columns = total;
    (*column_count)++;
    return 0;
}

/* Parameter and column names become C struct members. */
static bool sq_is_c_name(const char *name)
{
    static const char *const keywords[] = {
        "_Bool",    "_Complex", "_Imaginary", "auto",  "bool",     "break",  "case",     "char",
        "const",    "continue", "default",    "do",    "double",   "else",   "enum",     "extern",
        "false",    "float",    "for",        "goto",  "if",       "inline", "int",      "long",
        "register", "restrict", "return",     "short", "signed",   "sizeof", "static",   "struct",
        "switch",   "true",     "typedef",    "union", "unsigned", "void",   "volatile", "while",
    };
    if (!(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return false;
    for (const char *p = name; *p; p++) {
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return false;
    }
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (strcmp(name, keywords[i]) == 0)
            return false;
    }
    return true;
}

static void sq_check_c_names(sq_analyzer *an, const sql_column *columns, int column_count)
{
    const sql_query *q = an->query;

    for (int i = 0; i < q->param_count; i++) {
        if (!sq_is_c_name(q->params[i].name))
            diag_error(an->diag, q->params[i].loc,
                       "parameter @%s cannot be a C name (a keyword?): rename it",
                       q->params[i].name);
    }
    for (int i = 0; i < column_count; i++) {
        if (!sq_is_c_name(columns[i].name))
            diag_error(an->diag, columns[i].loc,
                       "result column \"%s\" cannot be a C name: rename it with AS",
                       columns[i].name);
    }
}

static int sq_analyze_query(const catalog *cat, arena *a, diag *d, const diag_source *source,
                            token *tokens, int count, const sq_marker *markers, int marker_count,
                            sql_query *q)
{
    sq_analyzer an;
    sql_column *columns = NULL;
    int column_count = 0;
    int errors_before = d->error_count;
    char *rendered;
    const char *page_tail = NULL;
    int order_markers = 0;
    int rc = 0;

    memset(&an, 0, sizeof an);
    an.arena = a;
    an.diag = d;
    an.cat = cat;
    an.source = source;
    an.tokens = tokens;
    an.count = count;
    an.query = q;
    an.top_list_last = -1;
    an.info = arena_alloc(a, sizeof *an.info * (size_t)(count + 1));
    if (!an.info) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (int k = 0; k < count; k++) {
        if (tokens[k].kind == TOKEN_ERROR) {
            diag_error(d, lexer_loc(source, &tokens[k]), "%s", tokens[k].message);
            goto done;
        }
        if (tokens[k].kind == TOKEN_SEMICOLON && k != count - 1) {
            diag_error(d, lexer_loc(source, &tokens[k]),
                       "a query holds one statement: start the next one with -- name: Name :kind");
            goto done;
        }
        if (tokens[k].kind == TOKEN_PLACEHOLDER) {
            diag_error(d, lexer_loc(source, &tokens[k]),
                       "use a named parameter (@name) instead of %.*s", tokens[k].length,
                       tokens[k].text);
            goto done;
        }
    }
    if (count > 0 && tokens[count - 1].kind == TOKEN_SEMICOLON)
        an.count = --count; /* the final ';' is optional and not part of the SQL */
    if (count == 0) {
        diag_error(d, q->loc, "query %s has no SQL", q->name);
        goto done;
    }
    for (int m = 0; m < marker_count; m++) {
        bool on_a_line = false;
        for (int k = 0; k < count; k++)
            on_a_line = on_a_line || tokens[k].line == markers[m].comment->line;
        if (!on_a_line) {
            diag_error(d, lexer_loc(source, markers[m].comment),
                       "a marker comment ends the line it marks (here it stands alone)");
            goto done;
        }
        if (markers[m].kind == RT_PART_ORDER && ++order_markers > 1) {
            diag_error(d, lexer_loc(source, markers[m].comment), "one -- ordering: line per query");
            goto done;
        }
    }
    rc = sq_register_params(&an);
    if (rc)
        goto done;
    rc = sq_statement(&an, 0, count, NULL, NULL, &columns, &column_count);
    if (rc)
        goto done;
    if (d->error_count > errors_before)
        goto done;
    rc = sq_infer_params(&an);
    if (rc)
        goto done;
    sq_check_c_names(&an, columns, column_count);
    if (d->error_count > errors_before)
        goto done;
    if (q->cardinality == RT_CARD_PAGE) {
        rc = sq_page(&an, &columns, &column_count);
        if (rc || d->error_count > errors_before)
            goto done;
        page_tail = arena_printf(a, "\nLIMIT $%d OFFSET $%d", q->param_count - 1, q->param_count);
        if (!page_tail) {
            rc = RT_ENOMEM;
            goto done;
        }
    }
    q->columns = columns;
    q->column_count = column_count;
    q->column_capacity = column_count;
    rendered = sq_render(&an, markers, marker_count,
                         q->cardinality == RT_CARD_PAGE ? an.top_list_last : -1,
                         ", count(*) OVER () AS total");
    if (!rendered) {
        rc = RT_ENOMEM;
        goto done;
    }
    q->sql = page_tail ? arena_printf(a, "%s%s", rendered, page_tail) : rendered;
    if (!q->sql) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (marker_count > 0) {
        rc = sq_parts(&an, rendered, markers, marker_count, page_tail);
        if (rc)
            goto done;
    }
    if (q->cardinality != RT_CARD_EXEC && column_count == 0)
        diag_error(d, q->loc,
                   "query %s is :%s but returns no columns (add RETURNING, or use :exec)", q->name,
                   q->cardinality == RT_CARD_ONE    ? "one"
                   : q->cardinality == RT_CARD_MANY ? "many"
                                                    : "page");
done:
    return rc;
}

/* Whether a comment is a marker: "-- filter" or "-- ordering: a, b". */
static bool sq_marker_kind(const token *t, rt_part_kind *kind)
{
    const char *p = t->text + 2;
    const char *end = t->text + t->length;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    if (end - p == 6 && strncmp(p, "filter", 6) == 0) {
        *kind = RT_PART_FILTER;
        return true;
    }
    if (end - p >= 9 && strncmp(p, "ordering:", 9) == 0) {
        *kind = RT_PART_ORDER;
        return true;
    }
    return false;
}

/* Parses "-- name: Name :kind" in a comment token. Returns false when the
 * comment is not a name line. */
static bool sq_name_line(arena *a, diag *d, const diag_source *source, const token *t, sql_query *q,
                         bool *bad)
{
    const char *p = t->text + 2;
    const char *end = t->text + t->length;
    const char *name;
    const char *kind;
    size_t name_length;
    size_t kind_length;

    *bad = false;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (end - p < 5 || strncmp(p, "name:", 5) != 0)
        return false;
    p += 5;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    name = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
        p++;
    name_length = (size_t)(p - name);
    q->loc.source = source;
    q->loc.line = t->line;
    q->loc.col = t->col + (int)(name - t->text);
    q->loc.length = name_length > 0 ? (int)name_length : 1;
    q->line = t->line;
    if (name_length == 0 || !isalpha((unsigned char)name[0])) {
        diag_error(d, q->loc, "expected a query name after \"-- name:\"");
        *bad = true;
        return true;
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != ':') {
        diag_loc loc = q->loc;
        loc.col = t->col + (int)(p - t->text);
        loc.length = 1;
        diag_error(d, loc,
                   "expected \":one\", \":many\", \":exec\" or \":page\" after the query name");
        *bad = true;
        return true;
    }
    kind = ++p;
    while (p < end && isalpha((unsigned char)*p))
        p++;
    kind_length = (size_t)(p - kind);
    if (kind_length == 3 && strncmp(kind, "one", 3) == 0) {
        q->cardinality = RT_CARD_ONE;
    } else if (kind_length == 4 && strncmp(kind, "many", 4) == 0) {
        q->cardinality = RT_CARD_MANY;
    } else if (kind_length == 4 && strncmp(kind, "exec", 4) == 0) {
        q->cardinality = RT_CARD_EXEC;
    } else if (kind_length == 4 && strncmp(kind, "page", 4) == 0) {
        q->cardinality = RT_CARD_PAGE;
    } else {
        diag_loc loc = q->loc;
        loc.col = t->col + (int)(kind - 1 - t->text);
        loc.length = (int)kind_length + 1;
        diag_error(d, loc, "unknown query kind \":%.*s\" (expected :one, :many, :exec or :page)",
                   (int)kind_length, kind);
        *bad = true;
        return true;
    }
    q->name = arena_strndup(a, name, name_length);
    q->snake_name = q->name ? sqlquery_snake_case(a, q->name) : NULL;
    return true;
}

int sqlquery_parse_file(const catalog *cat, arena *a, diag *d, const diag_source *source,
                        const char *stem, sql_file *out)
{
    token *tokens = NULL;
    int count = 0;
    int rc;
    int query_start = -1; /* first token of the current query */
    sql_query current;
    bool have_current = false;
    bool reported_stray = false;

    memset(out, 0, sizeof *out);
    out->source = source;
    out->stem = stem;
    rc = lexer_tokenize(a, source, LEXER_SQL, true, &tokens, &count);
    if (rc)
        goto done;
    memset(&current, 0, sizeof current);
    for (int i = 0; i < count; i++) {
        const token *t = &tokens[i];
        sql_query next;
        bool bad = false;
        bool is_name_line = false;
        memset(&next, 0, sizeof next);
        if (t->kind == TOKEN_COMMENT)
            is_name_line = sq_name_line(a, d, source, t, &next, &bad);
        if (!is_name_line && t->kind != TOKEN_EOF) {
            if (t->kind != TOKEN_COMMENT && !have_current && !reported_stray) {
                diag_error(d, lexer_loc(source, t),
                           "SQL outside a named query: start it with \"-- name: Name :one\"");
                reported_stray = true;
            }
            continue;
        }
        if (have_current) {
            /* the query's own tokens, comments dropped, EOF appended */
            token *own = arena_alloc(a, sizeof *own * (size_t)(i - query_start + 1));
            int n = 0;
            if (!own) {
                rc = RT_ENOMEM;
                goto done;
            }
            sq_marker *markers = arena_alloc(a, sizeof *markers * (size_t)(i - query_start + 1));
            int marker_count = 0;
            if (!markers) {
                rc = RT_ENOMEM;
                goto done;
            }
            for (int k = query_start; k < i; k++) {
                if (tokens[k].kind != TOKEN_COMMENT)
                    own[n++] = tokens[k];
                else if (sq_marker_kind(&tokens[k], &markers[marker_count].kind))
                    markers[marker_count++].comment = &tokens[k];
            }
            own[n] = tokens[count - 1];
            own[n].kind = TOKEN_EOF;
            out->queries = arena_grow(a, out->queries, out->query_count, &out->query_capacity,
                                      sizeof *out->queries);
            if (!out->queries) {
                rc = RT_ENOMEM;
                goto done;
            }
            sql_query *q = &out->queries[out->query_count++];
            *q = current;
            q->file = out;
            int errors = d->error_count;
            rc = sq_analyze_query(cat, a, d, source, own, n, markers, marker_count, q);
            if (rc)
                goto done;
            q->has_errors = d->error_count > errors;
            have_current = false;
        }
        if (t->kind == TOKEN_EOF)
            break;
        if (bad) {
            reported_stray = true; /* the broken query's SQL is not "stray" */
            continue;
        }
        if (!next.name || !next.snake_name) {
            rc = RT_ENOMEM;
            goto done;
        }
        current = next;
        have_current = true;
        query_start = i + 1;
    }
    /* file pointers: the array may have moved while growing */
    for (int k = 0; k < out->query_count; k++)
        out->queries[k].file = out;
done:
    return rc;
}
