/*
 * catalog.c - migrations -> catalog (see catalog.h).
 *
 * Statements are token ranges [begin, end) split at top-level ';'. Each
 * parser below reads one statement kind; positions move forward only.
 * Invariant: a dropped table stays in the array with dropped = true (so
 * pointers taken earlier stay valid) and is invisible to lookups.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"
#include "sqltok.h"
#include "sqltype.h"

typedef struct catalog_parser {
    catalog *cat;
    arena *arena;
    diag *diag;
    const diag_source *source;
    const token *tokens;
    int end; /* end of the current statement */
} catalog_parser;

void catalog_init(catalog *cat)
{
    memset(cat, 0, sizeof *cat);
}

/* ---------------------------------------------------------------- lookups */

const catalog_table *catalog_find_table(const catalog *cat, const char *name)
{
    for (int i = 0; i < cat->table_count; i++) {
        if (!cat->tables[i].dropped && strcmp(cat->tables[i].name, name) == 0)
            return &cat->tables[i];
    }
    return NULL;
}

const catalog_column *catalog_find_column(const catalog_table *table, const char *name)
{
    for (int i = 0; i < table->column_count; i++) {
        if (strcmp(table->columns[i].name, name) == 0)
            return &table->columns[i];
    }
    return NULL;
}

const catalog_enum *catalog_find_enum(const catalog *cat, const char *name)
{
    for (int i = 0; i < cat->enum_count; i++) {
        if (strcmp(cat->enums[i].name, name) == 0)
            return &cat->enums[i];
    }
    return NULL;
}

const catalog_constraint *catalog_find_constraint(const catalog *cat, const char *name)
{
    for (int i = 0; i < cat->constraint_count; i++) {
        if (strcmp(cat->constraints[i].name, name) == 0)
            return &cat->constraints[i];
    }
    return NULL;
}

bool catalog_enum_has_label(const catalog_enum *enumeration, const char *label)
{
    for (int i = 0; i < enumeration->label_count; i++) {
        if (strcmp(enumeration->labels[i], label) == 0)
            return true;
    }
    return false;
}

/* ---------------------------------------------------------------- helpers */

static const token *catalog_tok(const catalog_parser *p, int i)
{
    static const token eof = {TOKEN_EOF, "", 0, 0, 0, NULL};
    return i < p->end ? &p->tokens[i] : &eof;
}

static bool catalog_is(const catalog_parser *p, int i, const char *word)
{
    return lexer_token_is(catalog_tok(p, i), word);
}

static diag_loc catalog_loc(const catalog_parser *p, int i)
{
    return lexer_loc(p->source, catalog_tok(p, i));
}

/* Skips "IF EXISTS" / "IF NOT EXISTS" at *i. */
static void catalog_skip_if_exists(const catalog_parser *p, int *i)
{
    if (catalog_is(p, *i, "if") && catalog_is(p, *i + 1, "not") && catalog_is(p, *i + 2, "exists"))
        *i += 3;
    else if (catalog_is(p, *i, "if") && catalog_is(p, *i + 1, "exists"))
        *i += 2;
}

/* Reads a possibly schema-qualified name at *i (keeps the last part). */
static int catalog_read_name(catalog_parser *p, int *i, const char **out)
{
    const token *t = catalog_tok(p, *i);

    *out = NULL;
    if (!sqltok_is_name(t))
        return 0;
    while (catalog_tok(p, *i + 1)->kind == TOKEN_DOT && sqltok_is_name(catalog_tok(p, *i + 2)))
        *i += 2;
    *out = sqltok_name(p->arena, catalog_tok(p, *i));
    if (!*out)
        return RT_ENOMEM;
    (*i)++;
    return 0;
}

static int catalog_add_constraint(catalog_parser *p, const char *name, const char *table,
                                  catalog_constraint_kind kind, diag_loc loc)
{
    catalog *cat = p->cat;
    catalog_constraint *c;

    if (catalog_find_constraint(cat, name))
        return 0; /* PostgreSQL would have refused; keep the first */
    cat->constraints = arena_grow(p->arena, cat->constraints, cat->constraint_count,
                                  &cat->constraint_capacity, sizeof *cat->constraints);
    if (!cat->constraints)
        return RT_ENOMEM;
    c = &cat->constraints[cat->constraint_count++];
    c->name = name;
    c->table = table;
    c->kind = kind;
    c->loc = loc;
    return 0;
}

static void catalog_drop_constraint(catalog *cat, const char *name)
{
    for (int i = 0; i < cat->constraint_count; i++) {
        if (strcmp(cat->constraints[i].name, name) == 0) {
            memmove(&cat->constraints[i], &cat->constraints[i + 1],
                    sizeof cat->constraints[0] * (size_t)(cat->constraint_count - i - 1));
            cat->constraint_count--;
            return;
        }
    }
}

static catalog_table *catalog_find_table_mutable(catalog *cat, const char *name)
{
    return (catalog_table *)catalog_find_table(cat, name);
}

static void catalog_unknown_table(catalog_parser *p, int at, const char *name)
{
    diag_suggestion s;
    char hint[300];

    diag_suggest_init(&s, name);
    for (int i = 0; i < p->cat->table_count; i++) {
        if (!p->cat->tables[i].dropped)
            diag_suggest_consider(&s, p->cat->tables[i].name);
    }
    diag_error(p->diag, catalog_loc(p, at), "unknown table \"%s\"%s", name,
               diag_suggest_hint(&s, hint, sizeof hint));
}

/* ------------------------------------------------------------------ types */

int catalog_parse_type(const catalog *cat, arena *a, const token *tokens, int end, int *pos,
                       sqltype *out)
{
    int i = *pos;
    int first = i;
    int precision = 0;
    int scale = 0;
    int rc = 0;
    const char *word;
    const catalog_enum *enumeration;
    bool array = false;

    memset(out, 0, sizeof *out);
    if (i >= end || !sqltok_is_name(&tokens[i])) {
        out->opaque = true;
        out->name = "?";
        goto done;
    }
    while (i + 2 < end && tokens[i + 1].kind == TOKEN_DOT && sqltok_is_name(&tokens[i + 2]))
        i += 2; /* pg_catalog.int4 */
    word = sqltok_name(a, &tokens[i]);
    if (!word) {
        rc = RT_ENOMEM;
        goto done;
    }
    i++;
    /* Multi-word spellings. */
    if (strcmp(word, "double") == 0 && i < end && lexer_token_is(&tokens[i], "precision")) {
        word = "double precision";
        i++;
    } else if (strcmp(word, "character") == 0 && i < end && lexer_token_is(&tokens[i], "varying")) {
        word = "varchar";
        i++;
    } else if ((strcmp(word, "timestamp") == 0 || strcmp(word, "time") == 0) && i + 2 < end &&
               (lexer_token_is(&tokens[i], "with") || lexer_token_is(&tokens[i], "without")) &&
               lexer_token_is(&tokens[i + 1], "time") && lexer_token_is(&tokens[i + 2], "zone")) {
        bool with = lexer_token_is(&tokens[i], "with");
        if (strcmp(word, "timestamp") == 0 && with)
            word = "timestamptz";
        else
            word = arena_printf(a, "%s %s time zone", word, with ? "with" : "without");
        i += 3;
    }
    if (!word) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (i < end && tokens[i].kind == TOKEN_LPAREN) {
        int close = sqltok_skip_group(tokens, i, end);
        if (i + 1 < end && tokens[i + 1].kind == TOKEN_NUMBER)
            precision = atoi(tokens[i + 1].text);
        if (i + 3 < end && tokens[i + 2].kind == TOKEN_COMMA && tokens[i + 3].kind == TOKEN_NUMBER)
            scale = atoi(tokens[i + 3].text);
        i = close;
    }
    while (i + 1 < end && tokens[i].kind == TOKEN_LBRACKET) {
        i = sqltok_skip_group(tokens, i, end);
        array = true;
    }
    if (!array && sqltype_from_word(a, word, precision, scale, out))
        goto done;
    enumeration = cat ? catalog_find_enum(cat, word) : NULL;
    if (!array && enumeration) {
        out->type = RT_TYPE_ENUM;
        out->name = enumeration->name;
        goto done;
    }
    out->type = RT_TYPE_TEXT;
    out->opaque = true;
    out->name = arena_printf(a, "%.*s",
                             (int)(tokens[i - 1].text + tokens[i - 1].length - tokens[first].text),
                             tokens[first].text);
    if (!out->name)
        rc = RT_ENOMEM;
done:
    *pos = i;
    return rc;
}

/* ----------------------------------------------------------- CREATE TYPE */

static int catalog_add_enum_label(catalog_parser *p, catalog_enum *e, const char *label,
                                  int position)
{
    e->labels =
        arena_grow(p->arena, e->labels, e->label_count, &e->label_capacity, sizeof *e->labels);
    if (!e->labels)
        return RT_ENOMEM;
    if (position < 0 || position > e->label_count)
        position = e->label_count;
    memmove(&e->labels[position + 1], &e->labels[position],
            sizeof e->labels[0] * (size_t)(e->label_count - position));
    e->labels[position] = label;
    e->label_count++;
    return 0;
}

/* CREATE TYPE name AS ENUM ('a', 'b'); other CREATE TYPEs are skipped. */
static int catalog_create_type(catalog_parser *p, int i)
{
    catalog *cat = p->cat;
    catalog_enum *e;
    const char *name;
    int name_at = i;
    int rc;

    rc = catalog_read_name(p, &i, &name);
    if (rc || !name)
        goto done;
    if (!catalog_is(p, i, "as") || !catalog_is(p, i + 1, "enum") ||
        catalog_tok(p, i + 2)->kind != TOKEN_LPAREN)
        goto done;
    if (catalog_find_enum(cat, name)) {
        diag_error(p->diag, catalog_loc(p, name_at), "type \"%s\" already exists", name);
        goto done;
    }
    cat->enums =
        arena_grow(p->arena, cat->enums, cat->enum_count, &cat->enum_capacity, sizeof *cat->enums);
    if (!cat->enums) {
        rc = RT_ENOMEM;
        goto done;
    }
    e = &cat->enums[cat->enum_count++];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->loc = catalog_loc(p, name_at);
    for (i += 3; i < p->end && catalog_tok(p, i)->kind != TOKEN_RPAREN; i++) {
        const token *t = catalog_tok(p, i);
        if (t->kind != TOKEN_STRING)
            continue;
        const char *label = sqltok_string(p->arena, t);
        if (!label) {
            rc = RT_ENOMEM;
            goto done;
        }
        rc = catalog_add_enum_label(p, e, label, -1);
        if (rc)
            goto done;
    }
done:
    return rc;
}

/* ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'x' [BEFORE|AFTER 'y'] and
 * ALTER TYPE name RENAME VALUE 'a' TO 'b'. */
static int catalog_alter_type(catalog_parser *p, int i)
{
    catalog_enum *e;
    const char *name;
    int name_at = i;
    int rc;

    rc = catalog_read_name(p, &i, &name);
    if (rc || !name)
        goto done;
    e = (catalog_enum *)catalog_find_enum(p->cat, name);
    if (!e) {
        diag_error(p->diag, catalog_loc(p, name_at), "unknown enum type \"%s\"", name);
        goto done;
    }
    if (catalog_is(p, i, "add") && catalog_is(p, i + 1, "value")) {
        int position = -1;
        const char *label;
        i += 2;
        catalog_skip_if_exists(p, &i);
        if (catalog_tok(p, i)->kind != TOKEN_STRING)
            goto done;
        label = sqltok_string(p->arena, catalog_tok(p, i));
        if (!label) {
            rc = RT_ENOMEM;
            goto done;
        }
        if (catalog_enum_has_label(e, label))
            goto done;
        if ((catalog_is(p, i + 1, "before") || catalog_is(p, i + 1, "after")) &&
            catalog_tok(p, i + 2)->kind == TOKEN_STRING) {
            const char *anchor = sqltok_string(p->arena, catalog_tok(p, i + 2));
            if (!anchor) {
                rc = RT_ENOMEM;
                goto done;
            }
            for (int k = 0; k < e->label_count; k++) {
                if (strcmp(e->labels[k], anchor) == 0)
                    position = catalog_is(p, i + 1, "before") ? k : k + 1;
            }
        }
        rc = catalog_add_enum_label(p, e, label, position);
    } else if (catalog_is(p, i, "rename") && catalog_is(p, i + 1, "value") &&
               catalog_tok(p, i + 2)->kind == TOKEN_STRING && catalog_is(p, i + 3, "to") &&
               catalog_tok(p, i + 4)->kind == TOKEN_STRING) {
        const char *from = sqltok_string(p->arena, catalog_tok(p, i + 2));
        const char *to = sqltok_string(p->arena, catalog_tok(p, i + 4));
        if (!from || !to) {
            rc = RT_ENOMEM;
            goto done;
        }
        for (int k = 0; k < e->label_count; k++) {
            if (strcmp(e->labels[k], from) == 0)
                e->labels[k] = to;
        }
    }
done:
    return rc;
}

/* ---------------------------------------------------------- CREATE TABLE */

static bool catalog_is_column_constraint_start(const catalog_parser *p, int i)
{
    static const char *const words[] = {"not",       "null",       "primary", "unique",
                                        "check",     "references", "default", "constraint",
                                        "generated", "collate"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (catalog_is(p, i, words[k]))
            return true;
    }
    return false;
}

/* The first column of `table` named inside tokens [begin, end). */
static const char *catalog_first_column_in(catalog_parser *p, const catalog_table *table, int begin,
                                           int end)
{
    for (int i = begin; i < end; i++) {
        const token *t = catalog_tok(p, i);
        if (!sqltok_is_name(t))
            continue;
        const char *name = sqltok_name(p->arena, t);
        if (name && catalog_find_column(table, name))
            return name;
    }
    return NULL;
}

/* Implicit constraint name as PostgreSQL makes it: table_col_suffix. */
static const char *catalog_implicit_name(catalog_parser *p, const char *table, const char *column,
                                         const char *suffix)
{
    if (column)
        return arena_printf(p->arena, "%s_%s_%s", table, column, suffix);
    return arena_printf(p->arena, "%s_%s", table, suffix);
}

/* A column definition at [i, end): name type constraints. */
static int catalog_column_definition(catalog_parser *p, catalog_table *table, int i, int end)
{
    catalog_column column;
    const char *constraint_name = NULL;
    int constraint_at = i;
    int saved_end = p->end;
    int rc = 0;

    memset(&column, 0, sizeof column);
    p->end = end;
    if (!sqltok_is_name(catalog_tok(p, i)))
        goto done;
    column.name = sqltok_name(p->arena, catalog_tok(p, i));
    column.loc = catalog_loc(p, i);
    if (!column.name) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (catalog_find_column(table, column.name)) {
        diag_error(p->diag, column.loc, "column \"%s\" specified more than once in table %s",
                   column.name, table->name);
        goto done;
    }
    i++;
    {
        /* serial spellings: an int type, NOT NULL, with a default */
        const token *type_word = catalog_tok(p, i);
        if (lexer_token_is(type_word, "serial") || lexer_token_is(type_word, "bigserial") ||
            lexer_token_is(type_word, "smallserial") || lexer_token_is(type_word, "serial4") ||
            lexer_token_is(type_word, "serial8")) {
            column.not_null = true;
            column.has_default = true;
        }
    }
    rc = catalog_parse_type(p->cat, p->arena, p->tokens, end, &i, &column.type);
    if (rc)
        goto done;
    while (i < end) {
        const token *t = catalog_tok(p, i);
        const char *name;
        if (catalog_is(p, i, "constraint") && sqltok_is_name(catalog_tok(p, i + 1))) {
            constraint_name = sqltok_name(p->arena, catalog_tok(p, i + 1));
            constraint_at = i + 1;
            if (!constraint_name) {
                rc = RT_ENOMEM;
                goto done;
            }
            i += 2;
            continue;
        }
        if (catalog_is(p, i, "not") && catalog_is(p, i + 1, "null")) {
            column.not_null = true;
            i += 2;
        } else if (catalog_is(p, i, "default") || catalog_is(p, i, "generated")) {
            column.has_default = true;
            if (catalog_is(p, i, "generated") && catalog_is(p, i + 3, "identity"))
                column.not_null = true;
            i++;
            do {
                i = catalog_tok(p, i)->kind == TOKEN_LPAREN ? sqltok_skip_group(p->tokens, i, end)
                                                            : i + 1;
            } while (i < end && !catalog_is_column_constraint_start(p, i));
        } else if (catalog_is(p, i, "primary") && catalog_is(p, i + 1, "key")) {
            column.not_null = true;
            name = constraint_name ? constraint_name
                                   : catalog_implicit_name(p, table->name, NULL, "pkey");
            rc = name ? catalog_add_constraint(p, name, table->name, CATALOG_PRIMARY_KEY,
                                               catalog_loc(p, constraint_name ? constraint_at : i))
                      : RT_ENOMEM;
            i += 2;
        } else if (catalog_is(p, i, "unique")) {
            name = constraint_name ? constraint_name
                                   : catalog_implicit_name(p, table->name, column.name, "key");
            rc = name ? catalog_add_constraint(p, name, table->name, CATALOG_UNIQUE,
                                               catalog_loc(p, constraint_name ? constraint_at : i))
                      : RT_ENOMEM;
            i++;
        } else if (catalog_is(p, i, "check")) {
            name = constraint_name ? constraint_name
                                   : catalog_implicit_name(p, table->name, column.name, "check");
            rc = name ? catalog_add_constraint(p, name, table->name, CATALOG_CHECK,
                                               catalog_loc(p, constraint_name ? constraint_at : i))
                      : RT_ENOMEM;
            i++;
            if (catalog_tok(p, i)->kind == TOKEN_LPAREN)
                i = sqltok_skip_group(p->tokens, i, end);
        } else if (catalog_is(p, i, "references")) {
            name = constraint_name ? constraint_name
                                   : catalog_implicit_name(p, table->name, column.name, "fkey");
            rc = name ? catalog_add_constraint(p, name, table->name, CATALOG_FOREIGN_KEY,
                                               catalog_loc(p, constraint_name ? constraint_at : i))
                      : RT_ENOMEM;
            i++;
        } else {
            i = t->kind == TOKEN_LPAREN ? sqltok_skip_group(p->tokens, i, end) : i + 1;
            continue; /* ON DELETE CASCADE, COLLATE x, NULL, ... */
        }
        if (rc)
            goto done;
        constraint_name = NULL;
    }
    table->columns = arena_grow(p->arena, table->columns, table->column_count,
                                &table->column_capacity, sizeof *table->columns);
    if (!table->columns) {
        rc = RT_ENOMEM;
        goto done;
    }
    table->columns[table->column_count++] = column;
done:
    p->end = saved_end;
    return rc;
}

/* A table constraint at [i, end): [CONSTRAINT name] PRIMARY KEY | UNIQUE |
 * CHECK | FOREIGN KEY | EXCLUDE ... */
static int catalog_table_constraint(catalog_parser *p, catalog_table *table, int i, int end)
{
    const char *name = NULL;
    int at = i;
    int saved_end = p->end;
    int rc = 0;
    catalog_constraint_kind kind;
    const char *suffix;
    const char *column = NULL;

    p->end = end;
    if (catalog_is(p, i, "constraint")) {
        rc = catalog_read_name(p, &(int){i + 1}, &name);
        if (rc)
            goto done;
        at = i + 1;
        i += 2;
    }
    if (catalog_is(p, i, "primary")) {
        kind = CATALOG_PRIMARY_KEY;
        suffix = "pkey";
        /* every primary key column is NOT NULL */
        int open = i + 2;
        if (catalog_tok(p, open)->kind == TOKEN_LPAREN) {
            int close = sqltok_skip_group(p->tokens, open, end);
            for (int k = open + 1; k < close - 1; k++) {
                const char *col = sqltok_is_name(catalog_tok(p, k))
                                      ? sqltok_name(p->arena, catalog_tok(p, k))
                                      : NULL;
                catalog_column *c = col ? (catalog_column *)catalog_find_column(table, col) : NULL;
                if (c)
                    c->not_null = true;
            }
        }
    } else if (catalog_is(p, i, "unique")) {
        kind = CATALOG_UNIQUE;
        suffix = "key";
    } else if (catalog_is(p, i, "check")) {
        kind = CATALOG_CHECK;
        suffix = "check";
    } else if (catalog_is(p, i, "foreign")) {
        kind = CATALOG_FOREIGN_KEY;
        suffix = "fkey";
    } else if (catalog_is(p, i, "exclude")) {
        kind = CATALOG_EXCLUDE;
        suffix = "excl";
    } else {
        goto done;
    }
    if (!name) {
        if (kind != CATALOG_PRIMARY_KEY) {
            int open = i + 1;
            while (open < end && catalog_tok(p, open)->kind != TOKEN_LPAREN)
                open++;
            column =
                catalog_first_column_in(p, table, open, sqltok_skip_group(p->tokens, open, end));
        }
        name = catalog_implicit_name(p, table->name, column, suffix);
        if (!name) {
            rc = RT_ENOMEM;
            goto done;
        }
    }
    rc = catalog_add_constraint(p, name, table->name, kind, catalog_loc(p, at));
done:
    p->end = saved_end;
    return rc;
}

static bool catalog_is_table_constraint_start(const catalog_parser *p, int i)
{
    return catalog_is(p, i, "constraint") || catalog_is(p, i, "primary") ||
           catalog_is(p, i, "unique") || catalog_is(p, i, "check") || catalog_is(p, i, "foreign") ||
           catalog_is(p, i, "exclude");
}

/* Calls the element parser for each top-level comma-separated element of
 * the group (open, close). */
static int catalog_table_elements(catalog_parser *p, catalog_table *table, int open, int close)
{
    int start = open + 1;
    int rc = 0;

    /* Columns first (so table constraints can see them), then constraints. */
    for (int pass = 0; pass < 2; pass++) {
        start = open + 1;
        for (int i = open + 1; i < close; i++) {
            const token *t = catalog_tok(p, i);
            if (t->kind == TOKEN_LPAREN || t->kind == TOKEN_LBRACKET) {
                i = sqltok_skip_group(p->tokens, i, close) - 1;
                continue;
            }
            if (t->kind != TOKEN_COMMA && i != close - 1)
                continue;
            int element_end = t->kind == TOKEN_COMMA ? i : close - 1;
            if (element_end > start) {
                bool is_constraint = catalog_is_table_constraint_start(p, start);
                if (catalog_is(p, start, "like"))
                    ; /* LIKE other_table: not modelled */
                else if (pass == 0 && !is_constraint)
                    rc = catalog_column_definition(p, table, start, element_end);
                else if (pass == 1 && is_constraint)
                    rc = catalog_table_constraint(p, table, start, element_end);
                if (rc)
                    goto done;
            }
            start = i + 1;
        }
    }
done:
    return rc;
}

static int catalog_create_table(catalog_parser *p, int i)
{
    catalog *cat = p->cat;
    catalog_table *table;
    const char *name;
    int name_at;
    int open;
    int close;
    int rc;

    catalog_skip_if_exists(p, &i);
    name_at = i;
    rc = catalog_read_name(p, &i, &name);
    if (rc || !name)
        goto done;
    open = i;
    if (catalog_tok(p, open)->kind != TOKEN_LPAREN)
        goto done; /* CREATE TABLE ... AS SELECT: not modelled */
    close = sqltok_skip_group(p->tokens, open, p->end);
    if (catalog_find_table(cat, name)) {
        diag_error(p->diag, catalog_loc(p, name_at), "table \"%s\" already exists", name);
        goto done;
    }
    cat->tables = arena_grow(p->arena, cat->tables, cat->table_count, &cat->table_capacity,
                             sizeof *cat->tables);
    if (!cat->tables) {
        rc = RT_ENOMEM;
        goto done;
    }
    table = &cat->tables[cat->table_count++];
    memset(table, 0, sizeof *table);
    table->name = name;
    table->loc = catalog_loc(p, name_at);
    rc = catalog_table_elements(p, table, open, close);
done:
    return rc;
}

/* ----------------------------------------------------------- ALTER TABLE */

static int catalog_alter_action(catalog_parser *p, catalog_table *table, int i, int end)
{
    int rc = 0;
    const char *name;

    if (catalog_is(p, i, "add")) {
        i++;
        if (catalog_is_table_constraint_start(p, i))
            return catalog_table_constraint(p, table, i, end);
        if (catalog_is(p, i, "column"))
            i++;
        catalog_skip_if_exists(p, &i);
        return catalog_column_definition(p, table, i, end);
    }
    if (catalog_is(p, i, "drop")) {
        i++;
        if (catalog_is(p, i, "constraint")) {
            i++;
            catalog_skip_if_exists(p, &i);
            rc = catalog_read_name(p, &i, &name);
            if (!rc && name)
                catalog_drop_constraint(p->cat, name);
            return rc;
        }
        if (catalog_is(p, i, "column"))
            i++;
        catalog_skip_if_exists(p, &i);
        int name_at = i;
        rc = catalog_read_name(p, &i, &name);
        if (rc || !name)
            return rc;
        for (int k = 0; k < table->column_count; k++) {
            if (strcmp(table->columns[k].name, name) == 0) {
                memmove(&table->columns[k], &table->columns[k + 1],
                        sizeof table->columns[0] * (size_t)(table->column_count - k - 1));
                table->column_count--;
                return 0;
            }
        }
        if (!catalog_is(p, name_at - 1, "exists"))
            diag_error(p->diag, catalog_loc(p, name_at), "column \"%s\" of table %s does not exist",
                       name, table->name);
        return 0;
    }
    if (catalog_is(p, i, "alter")) {
        catalog_column *column;
        i++;
        if (catalog_is(p, i, "column"))
            i++;
        int name_at = i;
        rc = catalog_read_name(p, &i, &name);
        if (rc || !name)
            return rc;
        column = (catalog_column *)catalog_find_column(table, name);
        if (!column) {
            diag_error(p->diag, catalog_loc(p, name_at), "column \"%s\" of table %s does not exist",
                       name, table->name);
            return 0;
        }
        if (catalog_is(p, i, "set") && catalog_is(p, i + 1, "not") && catalog_is(p, i + 2, "null"))
            column->not_null = true;
        else if (catalog_is(p, i, "drop") && catalog_is(p, i + 1, "not"))
            column->not_null = false;
        else if (catalog_is(p, i, "set") && catalog_is(p, i + 1, "default"))
            column->has_default = true;
        else if (catalog_is(p, i, "drop") && catalog_is(p, i + 1, "default"))
            column->has_default = false;
        else if (catalog_is(p, i, "type") ||
                 (catalog_is(p, i, "set") && catalog_is(p, i + 2, "type"))) {
            i += catalog_is(p, i, "type") ? 1 : 3;
            rc = catalog_parse_type(p->cat, p->arena, p->tokens, end, &i, &column->type);
        }
        return rc;
    }
    if (catalog_is(p, i, "rename")) {
        if (catalog_is(p, i + 1, "to")) {
            i += 2;
            rc = catalog_read_name(p, &i, &name);
            if (!rc && name)
                table->name = name;
            return rc;
        }
        if (catalog_is(p, i + 1, "constraint"))
            return 0;
        i++;
        if (catalog_is(p, i, "column"))
            i++;
        const char *to;
        int name_at = i;
        rc = catalog_read_name(p, &i, &name);
        if (rc || !name || !catalog_is(p, i, "to"))
            return rc;
        i++;
        rc = catalog_read_name(p, &i, &to);
        if (rc || !to)
            return rc;
        catalog_column *column = (catalog_column *)catalog_find_column(table, name);
        if (column)
            column->name = to;
        else
            diag_error(p->diag, catalog_loc(p, name_at), "column \"%s\" of table %s does not exist",
                       name, table->name);
    }
    return 0;
}

static int catalog_alter_table(catalog_parser *p, int i)
{
    catalog_table *table;
    const char *name;
    int name_at;
    int start;
    int rc;

    catalog_skip_if_exists(p, &i);
    if (catalog_is(p, i, "only"))
        i++;
    name_at = i;
    rc = catalog_read_name(p, &i, &name);
    if (rc || !name)
        goto done;
    table = catalog_find_table_mutable(p->cat, name);
    if (!table) {
        catalog_unknown_table(p, name_at, name);
        goto done;
    }
    start = i;
    for (int k = i; k <= p->end; k++) {
        const token *t = catalog_tok(p, k);
        if (t->kind == TOKEN_LPAREN) {
            k = sqltok_skip_group(p->tokens, k, p->end) - 1;
            continue;
        }
        if (t->kind == TOKEN_COMMA || k == p->end) {
            rc = catalog_alter_action(p, table, start, k);
            if (rc)
                goto done;
            start = k + 1;
        }
    }
done:
    return rc;
}

/* ------------------------------------------------------ indexes and drops */

static int catalog_create_index(catalog_parser *p, int i, bool unique)
{
    const char *name = NULL;
    const char *table = NULL;
    int name_at = i;
    int rc = 0;

    if (catalog_is(p, i, "concurrently"))
        i++;
    catalog_skip_if_exists(p, &i);
    if (!catalog_is(p, i, "on")) {
        name_at = i;
        rc = catalog_read_name(p, &i, &name);
        if (rc)
            goto done;
    }
    if (!catalog_is(p, i, "on"))
        goto done;
    i++;
    if (catalog_is(p, i, "only"))
        i++;
    int table_at = i;
    rc = catalog_read_name(p, &i, &table);
    if (rc || !table)
        goto done;
    if (!catalog_find_table(p->cat, table)) {
        catalog_unknown_table(p, table_at, table);
        goto done;
    }
    if (unique && name)
        rc = catalog_add_constraint(p, name, table, CATALOG_UNIQUE, catalog_loc(p, name_at));
done:
    return rc;
}

static int catalog_drop(catalog_parser *p, int i)
{
    const char *name;
    int rc = 0;
    bool is_table = catalog_is(p, i, "table");
    bool is_index = catalog_is(p, i, "index");

    if (!is_table && !is_index)
        goto done;
    i++;
    if (catalog_is(p, i, "concurrently"))
        i++;
    catalog_skip_if_exists(p, &i);
    while (i < p->end) {
        rc = catalog_read_name(p, &i, &name);
        if (rc || !name)
            goto done;
        if (is_index) {
            catalog_drop_constraint(p->cat, name);
        } else {
            catalog_table *table = catalog_find_table_mutable(p->cat, name);
            if (table)
                table->dropped = true;
        }
        if (catalog_tok(p, i)->kind != TOKEN_COMMA)
            break;
        i++;
    }
done:
    return rc;
}

/* -------------------------------------------------------------- statements */

static int catalog_statement(catalog_parser *p, int i)
{
    if (catalog_is(p, i, "create")) {
        i++;
        if (catalog_is(p, i, "or") && catalog_is(p, i + 1, "replace"))
            return 0; /* functions, views */
        while (catalog_is(p, i, "global") || catalog_is(p, i, "local") ||
               catalog_is(p, i, "temp") || catalog_is(p, i, "temporary") ||
               catalog_is(p, i, "unlogged"))
            i++;
        if (catalog_is(p, i, "table"))
            return catalog_create_table(p, i + 1);
        if (catalog_is(p, i, "type"))
            return catalog_create_type(p, i + 1);
        if (catalog_is(p, i, "index"))
            return catalog_create_index(p, i + 1, false);
        if (catalog_is(p, i, "unique") && catalog_is(p, i + 1, "index"))
            return catalog_create_index(p, i + 2, true);
        return 0;
    }
    if (catalog_is(p, i, "alter") && catalog_is(p, i + 1, "table"))
        return catalog_alter_table(p, i + 2);
    if (catalog_is(p, i, "alter") && catalog_is(p, i + 1, "type"))
        return catalog_alter_type(p, i + 2);
    if (catalog_is(p, i, "drop"))
        return catalog_drop(p, i + 1);
    return 0;
}

int catalog_parse(catalog *cat, arena *a, diag *d, const diag_source *source)
{
    token *tokens = NULL;
    int count = 0;
    int start = 0;
    int rc;
    catalog_parser p;

    rc = lexer_tokenize(a, source, LEXER_SQL, false, &tokens, &count);
    if (rc)
        goto done;
    p.cat = cat;
    p.arena = a;
    p.diag = d;
    p.source = source;
    p.tokens = tokens;
    for (int i = 0; i < count; i++) {
        if (tokens[i].kind == TOKEN_ERROR) {
            diag_error(d, lexer_loc(source, &tokens[i]), "%s", tokens[i].message);
            goto done;
        }
    }
    for (int i = 0; i < count; i++) {
        if (tokens[i].kind != TOKEN_SEMICOLON && tokens[i].kind != TOKEN_EOF)
            continue;
        if (i > start) {
            p.end = i;
            rc = catalog_statement(&p, start);
            if (rc)
                goto done;
        }
        start = i + 1;
    }
done:
    return rc;
}
