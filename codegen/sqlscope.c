/*
 * sqlscope.c - scopes, name resolution and result columns on the parse
 * tree (see sqlscope.h and docs/spec-language.md, "Queries").
 *
 * Invariants: scope tables are addressed by index (the array grows); a
 * table with column_count -1 is an unknown one, already reported, that
 * resolves nothing and reports nothing. Out of memory ends specc
 * (rt_alloc.h), so no allocation is checked here.
 */
#include "sqlscope.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "rt_error.h"
#include "sqltype.h"

enum { SQLSCOPE_MAX_DEPTH = 32 };

typedef struct scope_table {
    const char *name;  /* table or CTE name, for messages */
    const char *alias; /* what qualifies its columns */
    const sql_column *columns;
    int column_count;    /* -1: an unknown table (already reported) */
    bool nullable;       /* on the nullable side of an outer join */
    bool qualified_only; /* EXCLUDED: only as excluded.col */
    bool from_catalog;   /* a table of the catalog (not a CTE or subquery) */
} scope_table;

typedef struct scope {
    const struct scope *parent;
    scope_table *tables;
    int table_count, table_capacity;
    int target;                /* INSERT / UPDATE / DELETE target index, or -1 */
    const json_t *target_list; /* select-list (ORDER BY may use its names) */
} scope;

typedef struct scope_cte {
    const char *name;
    const sql_column *columns;
    int column_count;
    const struct scope_cte *next; /* earlier CTEs */
} scope_cte;

static void sq_statement(sqlscope *s, const json_t *node, const scope *parent,
                         const scope_cte *ctes, bool strict, sql_column **columns, int *count);
static void sq_walk(sqlscope *s, const scope *sc, const scope_cte *ctes, const json_t *node);

/* ---------------------------------------------------------------- helpers */

static void *sq_grow(sqlscope *s, void *items, int count, int *capacity, size_t size)
{
    void *grown = rt_arena_grow(s->arena, items, count, capacity, size);
    return grown;
}

static const char *sq_dup(sqlscope *s, const char *text)
{
    char *copy = rt_arena_strdup(s->arena, text ? text : "");
    return copy;
}

static diag_loc sq_loc(const sqlscope *s, int location)
{
    return pgparse_loc(s->text, location);
}

static void sq_add_table(sqlscope *s, scope *sc, const scope_table *table)
{
    sc->tables = sq_grow(s, sc->tables, sc->table_count, &sc->table_capacity, sizeof *sc->tables);
    if (sc->tables)
        sc->tables[sc->table_count++] = *table;
}

static void sq_add_column(sqlscope *s, sql_column **columns, int *count, int *capacity,
                          const sql_column *column)
{
    *columns = sq_grow(s, *columns, *count, capacity, sizeof **columns);
    if (*columns)
        (*columns)[(*count)++] = *column;
}

static const sql_column *sq_table_column(const scope_table *table, const char *name)
{
    for (int i = 0; i < table->column_count; i++) {
        if (strcmp(table->columns[i].name, name) == 0)
            return &table->columns[i];
    }
    return NULL;
}

static void sq_opaque(sqltype *type, const char *name)
{
    memset(type, 0, sizeof *type);
    type->type = RT_TYPE_TEXT;
    type->name = name;
    type->opaque = true;
}

static void sq_record_ref(sqlscope *s, const json_t *node, const sqltype *type, bool nullable)
{
    s->refs = sq_grow(s, s->refs, s->ref_count, &s->ref_capacity, sizeof *s->refs);
    if (!s->refs)
        return;
    s->refs[s->ref_count].node = node;
    s->refs[s->ref_count].type = *type;
    s->refs[s->ref_count].nullable = nullable;
    s->ref_count++;
}

const sqlscope_ref *sqlscope_find_ref(const sqlscope *s, const json_t *node)
{
    for (int i = 0; i < s->ref_count; i++) {
        if (s->refs[i].node == node)
            return &s->refs[i];
    }
    return NULL;
}

void sqlscope_add_hint(sqlscope *s, const json_t *value, int priority, const sqltype *type)
{
    json_t *param = pgparse_node(value, "ParamRef");
    int number = pgparse_int(param, "number");

    if (!param || number < 1 || number > s->query->param_count)
        return;
    s->hints = sq_grow(s, s->hints, s->hint_count, &s->hint_capacity, sizeof *s->hints);
    if (!s->hints)
        return;
    s->hints[s->hint_count].param = number - 1;
    s->hints[s->hint_count].priority = priority;
    s->hints[s->hint_count].location = pgparse_location(param);
    s->hints[s->hint_count].type = *type;
    s->hint_count++;
}

/* ------------------------------------------------------------ table items */

static void sq_catalog_columns(sqlscope *s, const catalog_table *table, scope_table *out)
{
    sql_column *columns =
        rt_arena_alloc(s->arena, sizeof *columns * (size_t)(table->column_count + 1));
    for (int i = 0; i < table->column_count; i++) {
        columns[i].name = table->columns[i].name;
        columns[i].type = table->columns[i].type;
        columns[i].nullable = !table->columns[i].not_null;
        columns[i].loc = table->columns[i].loc;
    }
    out->columns = columns;
    out->column_count = table->column_count;
    out->from_catalog = true;
}

static void sq_unknown_table(sqlscope *s, int location, const char *name, const scope_cte *ctes)
{
    diag_suggestion sug;
    char hint[300];

    diag_suggest_init(&sug, name);
    for (const scope_cte *c = ctes; c; c = c->next)
        diag_suggest_consider(&sug, c->name);
    for (int i = 0; i < s->cat->table_count; i++) {
        if (!s->cat->tables[i].dropped)
            diag_suggest_consider(&sug, s->cat->tables[i].name);
    }
    diag_error(s->diag, sq_loc(s, location), "unknown table \"%s\"%s", name,
               diag_suggest_hint(&sug, hint, sizeof hint));
}

/* A RangeVar: a CTE or a catalog table, with its alias. */
static void sq_range_var(sqlscope *s, const json_t *range, const scope_cte *ctes, scope_table *out)
{
    const char *name = pgparse_text_of(range, "relname");
    const char *alias = pgparse_text_of(json_object_get(range, "alias"), "aliasname");
    const catalog_table *table;

    memset(out, 0, sizeof *out);
    out->name = sq_dup(s, name);
    out->alias = alias ? sq_dup(s, alias) : out->name;
    for (const scope_cte *c = pgparse_text_of(range, "schemaname") ? NULL : ctes; c; c = c->next) {
        if (strcmp(c->name, out->name) == 0) {
            out->columns = c->columns;
            out->column_count = c->column_count;
            return;
        }
    }
    table = catalog_find_table(s->cat, out->name);
    if (table) {
        sq_catalog_columns(s, table, out);
        return;
    }
    sq_unknown_table(s, pgparse_location(range), out->name, ctes);
    out->column_count = -1;
}

/* Columns of a derived table renamed by its alias's column names. */
static void sq_rename_columns(sqlscope *s, const json_t *alias, sql_column *columns, int count)
{
    json_t *names = pgparse_list(alias, "colnames");
    for (int i = 0; i < count && (size_t)i < json_array_size(names); i++)
        columns[i].name = sq_dup(s, pgparse_string(json_array_get(names, i)));
}

/* A function in FROM: its column definitions (AS x(a int, b text)), the
 * alias's column names (opaque types), or one column named by the alias. */
static void sq_range_function(sqlscope *s, scope *sc, const scope_cte *ctes, const json_t *range,
                              scope_table *out)
{
    json_t *functions = pgparse_list(range, "functions");
    json_t *alias = json_object_get(range, "alias");
    json_t *definitions = pgparse_list(range, "coldeflist");
    json_t *first = json_object_get(pgparse_node(json_array_get(functions, 0), "List"), "items");
    json_t *call = pgparse_node(json_array_get(first, 0), "FuncCall");
    const char *name = pgparse_text_of(alias, "aliasname");
    sql_column *columns = NULL;
    int count = 0;
    int capacity = 0;

    memset(out, 0, sizeof *out);
    sq_walk(s, sc, ctes, functions);
    if (!definitions)
        definitions = pgparse_list(json_array_get(first, 1), "List");
    out->name = out->alias =
        sq_dup(s, name ? name : pgparse_last_name(pgparse_list(call, "funcname")));
    for (size_t i = 0; i < json_array_size(definitions); i++) {
        json_t *definition = pgparse_node(json_array_get(definitions, i), "ColumnDef");
        sql_column column = {0};
        column.name = sq_dup(s, pgparse_text_of(definition, "colname"));
        column.nullable = true;
        column.loc = sq_loc(s, pgparse_location(definition));
        catalog_type(s->cat, s->arena, json_object_get(definition, "typeName"), &column.type);
        sq_add_column(s, &columns, &count, &capacity, &column);
    }
    /* AS c(a, b, ...): every name, when no definitions gave columns */
    size_t alias_count = count == 0 ? json_array_size(pgparse_list(alias, "colnames")) : 0;
    for (size_t i = 0; i < alias_count; i++) {
        sql_column column = {0};
        column.name = sq_dup(s, pgparse_string(json_array_get(pgparse_list(alias, "colnames"), i)));
        column.nullable = true;
        sq_opaque(&column.type, "unknown");
        sq_add_column(s, &columns, &count, &capacity, &column);
    }
    if (count == 0) {
        sql_column column = {0};
        column.name = out->alias;
        column.nullable = true;
        sq_opaque(&column.type, "unknown");
        sq_add_column(s, &columns, &count, &capacity, &column);
    }
    out->columns = columns;
    out->column_count = count;
}

/* One FROM item (a table, a subquery, a function, a join): adds its
 * tables to sc. */
static void sq_from_item(sqlscope *s, scope *sc, const scope_cte *ctes, const json_t *node,
                         bool nullable)
{
    scope_table table;
    json_t *body;
    const char *kind = pgparse_kind(node, &body);

    if (!kind)
        return;
    memset(&table, 0, sizeof table);
    if (strcmp(kind, "JoinExpr") == 0) {
        bool left = pgparse_is(body, "jointype", "JOIN_LEFT");
        bool right = pgparse_is(body, "jointype", "JOIN_RIGHT");
        bool full = pgparse_is(body, "jointype", "JOIN_FULL");
        int first = sc->table_count;
        sq_from_item(s, sc, ctes, json_object_get(body, "larg"), nullable);
        for (int i = first; (right || full) && i < sc->table_count; i++)
            sc->tables[i].nullable = true;
        sq_from_item(s, sc, ctes, json_object_get(body, "rarg"), nullable || left || full);
        sq_walk(s, sc, ctes, json_object_get(body, "quals"));
        return;
    }
    if (strcmp(kind, "RangeVar") == 0) {
        sq_range_var(s, body, ctes, &table);
    } else if (strcmp(kind, "RangeSubselect") == 0) {
        sql_column *columns = NULL;
        const scope *parent = pgparse_bool(body, "lateral") ? sc : sc->parent;
        json_t *alias = json_object_get(body, "alias");
        sq_statement(s, json_object_get(body, "subquery"), parent, ctes, false, &columns,
                     &table.column_count);
        sq_rename_columns(s, alias, columns, table.column_count);
        table.columns = columns;
        table.name = table.alias = sq_dup(s, pgparse_text_of(alias, "aliasname"));
    } else if (strcmp(kind, "RangeFunction") == 0) {
        sq_range_function(s, sc, ctes, body, &table);
    } else {
        return; /* TABLESAMPLE, XMLTABLE, ...: not modelled */
    }
    table.nullable = nullable;
    sq_add_table(s, sc, &table);
}

/* ----------------------------------------------------- column references */

static void sq_unknown_column(sqlscope *s, const scope *sc, diag_loc loc, const char *name,
                              const scope_table *only)
{
    diag_suggestion sug;
    char hint[300];

    diag_suggest_init(&sug, name);
    for (const scope *p = sc; p; p = p->parent) {
        for (int k = 0; k < p->table_count; k++) {
            if (only && &p->tables[k] != only)
                continue;
            for (int c = 0; c < p->tables[k].column_count; c++)
                diag_suggest_consider(&sug, p->tables[k].columns[c].name);
        }
    }
    if (!only && sc->table_count == 1 && sc->tables[0].column_count >= 0)
        only = &sc->tables[0];
    if (only)
        diag_error(s->diag, loc, "unknown column \"%s\" in table %s%s", name, only->name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
    else
        diag_error(s->diag, loc, "unknown column \"%s\"%s", name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
}

static bool sq_has_unknown_table(const scope *sc)
{
    for (const scope *p = sc; p; p = p->parent) {
        for (int k = 0; k < p->table_count; k++) {
            if (p->tables[k].column_count < 0)
                return true;
        }
    }
    return false;
}

/* Whether name is an output name of a select list (ORDER BY may use it). */
static bool sq_is_output_name(const json_t *target_list, const char *name)
{
    for (size_t i = 0; i < json_array_size(target_list); i++) {
        const char *output =
            pgparse_text_of(pgparse_node(json_array_get(target_list, i), "ResTarget"), "name");
        if (output && strcmp(output, name) == 0)
            return true;
    }
    return false;
}

static void sq_resolve_bare(sqlscope *s, const scope *sc, const json_t *ref, const char *name)
{
    int location = pgparse_location(ref);

    for (const scope *p = sc; p; p = p->parent) {
        const scope_table *first = NULL;
        const scope_table *second = NULL;
        const sql_column *column = NULL;
        for (int k = 0; k < p->table_count; k++) {
            const sql_column *c =
                p->tables[k].qualified_only ? NULL : sq_table_column(&p->tables[k], name);
            if (c && !first) {
                first = &p->tables[k];
                column = c;
            } else if (c && !second) {
                second = &p->tables[k];
            }
        }
        if (second) {
            diag_error(s->diag, sq_loc(s, location),
                       "column reference \"%s\" is ambiguous: it is in %s and in %s", name,
                       first->name, second->name);
            diag_note(s->diag, (diag_loc){0}, "qualify it: %s.%s", first->alias, name);
            return;
        }
        if (first) {
            sq_record_ref(s, ref, &column->type, column->nullable || first->nullable);
            return;
        }
        if (sq_is_output_name(p->target_list, name))
            return;
        for (int k = 0; k < p->table_count; k++) {
            if (strcmp(p->tables[k].alias, name) == 0) {
                sqltype record;
                sq_opaque(&record, "record"); /* a whole row */
                sq_record_ref(s, ref, &record, p->tables[k].nullable);
                return;
            }
        }
    }
    if (!sq_has_unknown_table(sc))
        sq_unknown_column(s, sc, sq_loc(s, location), name, NULL);
}

/* " (did you mean ...?)" among the columns of table. */
static const char *sq_unknown_column_hint(const scope_table *table, const char *name, char *hint,
                                          size_t size)
{
    diag_suggestion sug;

    diag_suggest_init(&sug, name);
    for (int c = 0; c < table->column_count; c++)
        diag_suggest_consider(&sug, table->columns[c].name);
    return diag_suggest_hint(&sug, hint, size);
}

static void sq_resolve_qualified(sqlscope *s, const scope *sc, const json_t *ref,
                                 const char *qualifier, const char *name)
{
    int location = pgparse_location(ref);
    int column_at = pgparse_skip_qualifier(s->text->source, pgparse_file_offset(s->text, location));
    diag_suggestion sug;
    char hint[300];

    for (const scope *p = sc; p; p = p->parent) {
        for (int k = 0; k < p->table_count; k++) {
            const scope_table *table = &p->tables[k];
            const sql_column *column;
            if (strcmp(table->alias, qualifier) != 0)
                continue;
            if (table->column_count < 0 || !name)
                return; /* already reported, or table.* */
            column = sq_table_column(table, name);
            if (column)
                sq_record_ref(s, ref, &column->type, column->nullable || table->nullable);
            else
                diag_error(s->diag, pgparse_file_loc(s->text->source, column_at),
                           "unknown column \"%s\" in table %s%s", name, table->name,
                           sq_unknown_column_hint(table, name, hint, sizeof hint));
            return;
        }
    }
    diag_suggest_init(&sug, qualifier);
    for (const scope *p = sc; p; p = p->parent) {
        for (int k = 0; k < p->table_count; k++)
            diag_suggest_consider(&sug, p->tables[k].alias);
    }
    diag_error(s->diag, sq_loc(s, location), "unknown table or alias \"%s\"%s", qualifier,
               diag_suggest_hint(&sug, hint, sizeof hint));
}

/* A ColumnRef: name, table.name, schema.table.name, table.* or *. */
static void sq_column_ref(sqlscope *s, const scope *sc, const json_t *ref)
{
    json_t *fields = pgparse_list(ref, "fields");
    size_t n = json_array_size(fields);
    const char *last = pgparse_string(json_array_get(fields, n - 1)); /* NULL: A_Star */

    if (n == 1 && last)
        sq_resolve_bare(s, sc, ref, last);
    else if (n >= 2)
        sq_resolve_qualified(s, sc, ref, pgparse_string(json_array_get(fields, n - 2)), last);
}

/* Resolves every column reference in an expression; nested statements
 * (subqueries) get a scope of their own. */
static void sq_walk(sqlscope *s, const scope *sc, const scope_cte *ctes, const json_t *node)
{
    const char *key;
    json_t *value;
    json_t *body;
    const char *kind;
    size_t i;

    if (json_is_array(node)) {
        json_array_foreach(node, i, value) sq_walk(s, sc, ctes, value);
        return;
    }
    kind = pgparse_kind(node, &body);
    if (kind && strcmp(kind, "ColumnRef") == 0) {
        sq_column_ref(s, sc, body);
        return;
    }
    if (kind && (strcmp(kind, "SelectStmt") == 0 || strcmp(kind, "InsertStmt") == 0 ||
                 strcmp(kind, "UpdateStmt") == 0 || strcmp(kind, "DeleteStmt") == 0)) {
        sq_statement(s, node, sc, ctes, false, NULL, NULL);
        return;
    }
    if (!json_is_object(node))
        return;
    json_object_foreach((json_t *)node, key, value)
    {
        if (strcmp(key, "typeName") != 0)
            sq_walk(s, sc, ctes, value);
    }
}

/* ---------------------------------------------------------- result lists */

static bool sq_is_call_of(const json_t *node, const char *name)
{
    json_t *call = pgparse_node(node, "FuncCall");
    const char *function = pgparse_last_name(pgparse_list(call, "funcname"));
    return function && strcasecmp(function, name) == 0;
}

static bool sq_is_exists(const json_t *node)
{
    return pgparse_is(pgparse_node(node, "SubLink"), "subLinkType", "EXISTS_SUBLINK");
}

/* count(...), exists(...), coalesce(..., literal): never NULL. */
static bool sq_never_null(const json_t *node)
{
    json_t *coalesce = pgparse_node(node, "CoalesceExpr");
    json_t *args = pgparse_list(coalesce, "args");
    json_t *last = pgparse_node(json_array_get(args, json_array_size(args) - 1), "A_Const");

    if (sq_is_call_of(node, "count") || sq_is_exists(node))
        return true;
    return json_array_size(args) >= 2 && last &&
           (json_object_get(last, "ival") || json_object_get(last, "fval") ||
            json_object_get(last, "sval"));
}

/* A literal: 12 is int, 1.5 numeric, 'x' text, true bool; NULL has no
 * type. */
static void sq_constant_type(sqlscope *s, const json_t *constant, sql_column *out, bool *known)
{
    const char *word = json_object_get(constant, "ival")      ? "int"
                       : json_object_get(constant, "fval")    ? "numeric"
                       : json_object_get(constant, "sval")    ? "text"
                       : json_object_get(constant, "boolval") ? "bool"
                                                              : NULL;
    *known = word != NULL;
    out->type.name = "";
    if (word)
        sqltype_from_word(s->arena, word, 0, 0, &out->type);
}

/* The type of a result expression: a column, a cast, count() or exists().
 * *known is false when it cannot be typed; *name gets the column's name
 * for a (cast) column. */
static void sq_expression_type(sqlscope *s, const json_t *node, sql_column *out, bool *known)
{
    json_t *ref = pgparse_node(node, "ColumnRef");
    json_t *cast = pgparse_node(node, "TypeCast");

    *known = true;
    if (ref || (cast && pgparse_node(json_object_get(cast, "arg"), "ColumnRef"))) {
        json_t *column = ref ? ref : pgparse_node(json_object_get(cast, "arg"), "ColumnRef");
        const sqlscope_ref *resolved = sqlscope_find_ref(s, column);
        if (!resolved) {
            *known = false; /* reported, or an output name */
            out->type.name = NULL;
            return;
        }
        out->type = resolved->type;
        out->nullable = resolved->nullable;
        if (!out->name)
            out->name = sq_dup(s, pgparse_last_name(pgparse_list(column, "fields")));
    } else if (cast) {
        out->nullable = !sq_never_null(json_object_get(cast, "arg"));
    } else if (pgparse_node(node, "A_Const")) {
        sq_constant_type(s, pgparse_node(node, "A_Const"), out, known);
        return;
    } else if (sq_is_call_of(node, "count")) {
        sqltype_from_word(s->arena, "bigint", 0, 0, &out->type);
    } else if (sq_is_exists(node)) {
        sqltype_from_word(s->arena, "bool", 0, 0, &out->type);
    } else {
        *known = false;
        out->type.name = "";
        return;
    }
    if (cast)
        catalog_type(s->cat, s->arena, json_object_get(cast, "typeName"), &out->type);
}

/* The file offset of a result column's alias (after AS, else the first
 * occurrence of the name) between from and to. */
static int sq_alias_offset(const sqlscope *s, int from, int to, const char *name)
{
    const char *text = s->text->source->text;
    int first = -1;

    for (int at = pgparse_find_name(s->text->source, from, to, name); at >= 0;
         at = pgparse_find_name(s->text->source, at + 1, to, name)) {
        int p = at;
        if (first < 0)
            first = at;
        while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t' || text[p - 1] == '\n'))
            p--;
        if (p >= 2 && strncasecmp(text + p - 2, "as", 2) == 0 &&
            (p == 2 || !(isalnum((unsigned char)text[p - 3]) || text[p - 3] == '_')))
            return at;
    }
    return first >= 0 ? first : from;
}

/* One result column (ResTarget body) of a select list or RETURNING. A
 * strict list (the query's own result) reports what it cannot type; a
 * derived table's columns are opaque instead. */
static bool sq_output(sqlscope *s, const json_t *target, int end, bool strict, sql_column *out)
{
    const char *alias = pgparse_text_of(target, "name");
    json_t *value = json_object_get(target, "val");
    int location = pgparse_location(target);
    bool known;

    memset(out, 0, sizeof *out);
    out->loc = sq_loc(s, location);
    if (alias) {
        int from = pgparse_file_offset(s->text, location);
        out->name = sq_dup(s, alias);
        out->loc = pgparse_file_loc(s->text->source, sq_alias_offset(s, from, end, alias));
    }
    sq_expression_type(s, value, out, &known);
    if (!known && !strict) {
        sq_opaque(&out->type, "unknown");
        out->nullable = true;
    }
    if (!known && strict && out->type.name) {
        diag_error(s->diag, sq_loc(s, location),
                   "cannot infer the type of this result column: add a cast and a name");
        diag_note(s->diag, (diag_loc){0}, "for example: expression::text AS name");
        return false;
    }
    if (!known && strict)
        return false; /* already reported */
    if (!out->name && !strict)
        out->name = "?column?";
    if (!out->name) {
        diag_error(s->diag, sq_loc(s, location), "this result column needs a name (AS name)");
        return false;
    }
    if (strict && out->type.opaque) {
        diag_error(s->diag, sq_loc(s, location),
                   "result column \"%s\" has type %s, which specc does not support: cast it",
                   out->name, out->type.name);
        return false;
    }
    return true;
}

static bool sq_is_star(const json_t *target)
{
    json_t *fields =
        pgparse_list(pgparse_node(json_object_get(target, "val"), "ColumnRef"), "fields");
    size_t n = json_array_size(fields);
    return n > 0 && pgparse_node(json_array_get(fields, n - 1), "A_Star");
}

/* table.* or * in a derived table: the columns it stands for. */
static bool sq_star(sqlscope *s, const scope *sc, const json_t *target, sql_column **columns,
                    int *count, int *capacity)
{
    json_t *fields =
        pgparse_list(pgparse_node(json_object_get(target, "val"), "ColumnRef"), "fields");
    size_t n = json_array_size(fields);
    const char *qualifier = n >= 2 ? pgparse_string(json_array_get(fields, n - 2)) : NULL;

    if (!sq_is_star(target))
        return false;
    for (int k = 0; k < sc->table_count; k++) {
        const scope_table *table = &sc->tables[k];
        if (table->qualified_only || (qualifier && strcmp(table->alias, qualifier) != 0))
            continue;
        for (int c = 0; c < table->column_count; c++) {
            sql_column column = table->columns[c];
            column.nullable = column.nullable || table->nullable;
            sq_add_column(s, columns, count, capacity, &column);
        }
    }
    return true;
}

static void sq_outputs(sqlscope *s, const scope *sc, const json_t *list, bool strict,
                       sql_column **out, int *out_count)
{
    sql_column *columns = NULL;
    int count = 0;
    int capacity = 0;

    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *target = pgparse_node(json_array_get(list, i), "ResTarget");
        json_t *next = pgparse_node(json_array_get(list, i + 1), "ResTarget");
        int end = next ? pgparse_file_offset(s->text, pgparse_location(next)) : s->text->length;
        sql_column column;
        bool ok = true;
        if (!strict && sq_star(s, sc, target, &columns, &count, &capacity))
            continue;
        if (strict && sq_is_star(target)) {
            diag_error(s->diag, sq_loc(s, pgparse_location(target)),
                       "\"*\" is not allowed in a result list: name the columns");
            continue;
        }
        if (!sq_output(s, target, end, strict, &column))
            continue;
        for (int k = 0; strict && k < count; k++) {
            if (strcmp(columns[k].name, column.name) == 0) {
                diag_error(s->diag, column.loc, "duplicate result column \"%s\"", column.name);
                ok = false;
            }
        }
        if (ok)
            sq_add_column(s, &columns, &count, &capacity, &column);
    }
    *out = columns;
    *out_count = count;
}

/* ------------------------------------------------------------- statements */

/* WITH a AS (...), b AS (...): each CTE sees the earlier ones (and itself,
 * through its first branch, when RECURSIVE). */
static const scope_cte *sq_with(sqlscope *s, const json_t *with, const scope *parent,
                                const scope_cte *ctes)
{
    json_t *list = pgparse_list(with, "ctes");
    bool recursive = pgparse_bool(with, "recursive");

    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *cte = pgparse_node(json_array_get(list, i), "CommonTableExpr");
        json_t *query = json_object_get(cte, "ctequery");
        json_t *select = pgparse_node(query, "SelectStmt");
        scope_cte *added = rt_arena_alloc(s->arena, sizeof *added);
        sql_column *columns = NULL;
        json_t *names = pgparse_list(cte, "aliascolnames");
        added->name = sq_dup(s, pgparse_text_of(cte, "ctename"));
        added->next = ctes;
        if (recursive && select && !pgparse_is(select, "op", "SETOP_NONE")) {
            json_t *first = json_pack("{s:O}", "SelectStmt", json_object_get(select, "larg"));
            json_t *second = json_pack("{s:O}", "SelectStmt", json_object_get(select, "rarg"));
            sq_statement(s, first, parent, ctes, false, &columns, &added->column_count);
            added->columns = columns;
            for (int k = 0; k < added->column_count && (size_t)k < json_array_size(names); k++)
                columns[k].name = sq_dup(s, pgparse_string(json_array_get(names, k)));
            sq_statement(s, second, parent, added, false, NULL, NULL);
            json_decref(first);
            json_decref(second);
        } else {
            sq_statement(s, query, parent, ctes, false, &columns, &added->column_count);
            added->columns = columns;
        }
        for (int k = 0; k < added->column_count && (size_t)k < json_array_size(names); k++)
            columns[k].name = sq_dup(s, pgparse_string(json_array_get(names, k)));
        ctes = added;
    }
    return ctes;
}

/* UNION / INTERSECT / EXCEPT: the first branch's columns, NULL when any
 * branch's is; branches must agree on the number and types. */
static void sq_set_operation(sqlscope *s, const json_t *select, const scope *parent,
                             const scope_cte *ctes, bool strict, sql_column **out, int *count)
{
    json_t *first = json_pack("{s:O}", "SelectStmt", json_object_get(select, "larg"));
    json_t *second = json_pack("{s:O}", "SelectStmt", json_object_get(select, "rarg"));
    sql_column *other = NULL;
    int other_count = 0;

    sq_statement(s, first, parent, ctes, strict, out, count);
    sq_statement(s, second, parent, ctes, false, &other, &other_count);
    if (*count != other_count && *out && other) {
        diag_error(s->diag, other_count > 0 ? other[0].loc : (*out)[0].loc,
                   "each branch of a set operation must have the same number of columns (%d "
                   "and %d)",
                   *count, other_count);
    } else {
        for (int k = 0; *out && k < *count; k++) {
            (*out)[k].nullable = (*out)[k].nullable || other[k].nullable;
            if (strict && !other[k].type.opaque &&
                strcmp((*out)[k].type.name, other[k].type.name) != 0)
                diag_error(s->diag, other[k].loc,
                           "column \"%s\" is %s in the first branch and %s here: add a cast",
                           (*out)[k].name, (*out)[k].type.name, other[k].type.name);
        }
    }
    json_decref(first);
    json_decref(second);
}

static void sq_select(sqlscope *s, const json_t *select, const scope *parent, const scope_cte *ctes,
                      bool strict, sql_column **out, int *count)
{
    static const char *const clauses[] = {"distinctClause", "whereClause",  "groupClause",
                                          "havingClause",   "windowClause", "sortClause",
                                          "limitCount",     "limitOffset",  "valuesLists"};
    scope *sc = rt_arena_alloc(s->arena, sizeof *sc);
    json_t *from = pgparse_list(select, "fromClause");

    sc->parent = parent;
    sc->target = -1;
    sc->target_list = pgparse_list(select, "targetList");
    if (!pgparse_is(select, "op", "SETOP_NONE") && json_object_get(select, "larg")) {
        const json_t *first = select;
        while (json_object_get(first, "larg"))
            first = json_object_get(first, "larg");
        sc->target_list = pgparse_list(first, "targetList"); /* the names ORDER BY sees */
        sq_set_operation(s, select, parent, ctes, strict, out, count);
        sq_walk(s, sc, ctes, json_object_get(select, "sortClause"));
        return;
    }
    for (size_t i = 0; i < json_array_size(from); i++)
        sq_from_item(s, sc, ctes, json_array_get(from, i), false);
    sq_walk(s, sc, ctes, sc->target_list);
    for (size_t i = 0; i < sizeof clauses / sizeof clauses[0]; i++)
        sq_walk(s, sc, ctes, json_object_get(select, clauses[i]));
    if (out && !json_object_get(select, "valuesLists"))
        sq_outputs(s, sc, sc->target_list, strict, out, count);
}

/* The target table of INSERT / UPDATE / DELETE: the scope's first table. */
static void sq_target(sqlscope *s, scope *sc, const json_t *statement, const scope_cte *ctes)
{
    scope_table table;

    sq_range_var(s, json_object_get(statement, "relation"), ctes, &table);
    sq_add_table(s, sc, &table);
    sc->target = sc->table_count - 1;
}

/* A target column (SET col, INSERT (col), ON CONFLICT (col)) written at
 * loc, or NULL (reported). */
static const sql_column *sq_target_column(sqlscope *s, const scope *sc, const char *name,
                                          diag_loc loc)
{
    const scope_table *target = sc->target >= 0 ? &sc->tables[sc->target] : NULL;
    const sql_column *column;

    if (!target || target->column_count < 0 || !name)
        return NULL;
    column = sq_table_column(target, name);
    if (!column)
        sq_unknown_column(s, sc, loc, name, target);
    return column;
}

/* The 0-based indexes of the parameters in node (each once). */
static void sq_params_in(sqlscope *s, const json_t *node, int *indexes, int *count)
{
    json_t *param = pgparse_node(node, "ParamRef");
    const char *key;
    json_t *value;
    size_t i;

    if (param) {
        int index = pgparse_int(param, "number") - 1;
        bool seen = index < 0 || index >= s->query->param_count;
        for (int k = 0; k < *count; k++)
            seen = seen || indexes[k] == index;
        if (!seen)
            indexes[(*count)++] = index;
    } else if (json_is_array(node)) {
        json_array_foreach(node, i, value) sq_params_in(s, value, indexes, count);
    } else if (json_is_object(node)) {
        json_object_foreach((json_t *)node, key, value) sq_params_in(s, value, indexes, count);
    }
}

/* Records `SET column = value` of a catalog table for the lifecycle
 * checks (sql_assignment): the literal ('x' or 'x'::type), where the
 * value is, and the parameters of the statement's WHERE clause. */
static void sq_assignment(sqlscope *s, const scope *sc, const char *column, const json_t *value,
                          const json_t *where)
{
    sql_query *q = s->query;
    const scope_table *target = &sc->tables[sc->target];
    json_t *cast = pgparse_node(value, "TypeCast");
    json_t *constant = pgparse_node(cast ? json_object_get(cast, "arg") : value, "A_Const");
    const char *literal = pgparse_text_of(json_object_get(constant, "sval"), "sval");
    sql_assignment *a;

    if (!target->from_catalog)
        return;
    q->assignments = sq_grow(s, q->assignments, q->assignment_count, &q->assignment_capacity,
                             sizeof *q->assignments);
    if (!q->assignments)
        return;
    a = &q->assignments[q->assignment_count++];
    memset(a, 0, sizeof *a);
    a->table = target->name;
    a->column = sq_dup(s, column);
    a->literal = constant && json_object_get(constant, "sval") ? sq_dup(s, literal) : NULL;
    a->loc = sq_loc(s, pgparse_first_location(value));
    a->where_params = rt_arena_alloc(s->arena, sizeof(int) * (size_t)(q->param_count + 1));
    sq_params_in(s, where, a->where_params, &a->where_param_count);
}

/* SET a = x, (b, c) = (y, z): target columns, parameter hints and the
 * assignments; the values are resolved in sc. */
static void sq_set_list(sqlscope *s, const scope *sc, const scope_cte *ctes, const json_t *list,
                        const json_t *where)
{
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *target = pgparse_node(json_array_get(list, i), "ResTarget");
        json_t *value = json_object_get(target, "val");
        const sql_column *column = sq_target_column(s, sc, pgparse_text_of(target, "name"),
                                                    sq_loc(s, pgparse_location(target)));
        if (column && !pgparse_node(value, "MultiAssignRef")) {
            sqlscope_add_hint(s, value, 2, &column->type);
            sq_assignment(s, sc, column->name, value, where);
        }
        sq_walk(s, sc, ctes, value);
    }
}

/* An INSERT row of `items` against the target columns (count: the column
 * list's, or the table's when there is none): PostgreSQL's count errors,
 * and a parameter alone in slot k takes the type of column k. Returns
 * false when the counts differ (reported). */
static bool sq_insert_row(sqlscope *s, const json_t *items, const json_t *cols,
                          const sql_column *const *columns, int column_count)
{
    int n = (int)json_array_size(items);

    if (column_count >= 0 && n > column_count) {
        diag_error(s->diag,
                   sq_loc(s, pgparse_first_location(json_array_get(items, (size_t)column_count))),
                   "INSERT has more expressions than target columns");
        return false;
    }
    if (cols && n < column_count) {
        diag_error(
            s->diag,
            sq_loc(s, pgparse_location(pgparse_node(json_array_get(cols, (size_t)n), "ResTarget"))),
            "INSERT has more target columns than expressions");
        return false;
    }
    for (int k = 0; k < n && k < column_count; k++) {
        json_t *item = json_array_get(items, (size_t)k);
        json_t *target = pgparse_node(item, "ResTarget");
        if (columns[k])
            sqlscope_add_hint(s, target ? json_object_get(target, "val") : item, 4,
                              &columns[k]->type);
    }
    return true;
}

/* INSERT's VALUES rows or SELECT, checked against the target columns. */
static void sq_insert_source(sqlscope *s, const scope *sc, const scope_cte *ctes,
                             const json_t *insert, const sql_column *const *columns,
                             int column_count)
{
    json_t *source = json_object_get(insert, "selectStmt");
    json_t *select = pgparse_node(source, "SelectStmt");
    json_t *rows = pgparse_list(select, "valuesLists");
    json_t *cols = pgparse_list(insert, "cols");
    scope *values = rt_arena_alloc(s->arena, sizeof *values);

    values->parent = sc->parent;
    values->target = -1;
    if (rows) {
        for (size_t i = 0; i < json_array_size(rows); i++) {
            json_t *items = json_object_get(pgparse_node(json_array_get(rows, i), "List"), "items");
            if (!sq_insert_row(s, items, cols, columns, column_count))
                break;
        }
        sq_walk(s, values, ctes, rows);
        return;
    }
    if (select && pgparse_is(select, "op", "SETOP_NONE"))
        sq_insert_row(s, pgparse_list(select, "targetList"), cols, columns, column_count);
    if (source)
        sq_statement(s, source, sc->parent, ctes, false, NULL, NULL);
}

/* ON CONFLICT (cols) [WHERE ...] DO UPDATE SET ... [WHERE ...]. */
static void sq_on_conflict(sqlscope *s, const scope *sc, const scope_cte *ctes,
                           const json_t *conflict)
{
    json_t *infer = json_object_get(conflict, "infer");
    json_t *elements = pgparse_list(infer, "indexElems");
    int from = pgparse_file_offset(s->text, pgparse_location(infer));

    for (size_t i = 0; i < json_array_size(elements); i++) {
        json_t *element = pgparse_node(json_array_get(elements, i), "IndexElem");
        const char *name = pgparse_text_of(element, "name");
        int at = name ? pgparse_find_name(s->text->source, from, -1, name) : -1;
        if (name)
            sq_target_column(s, sc, name, pgparse_file_loc(s->text->source, at < 0 ? from : at));
        else
            sq_walk(s, sc, ctes, json_object_get(element, "expr"));
    }
    sq_walk(s, sc, ctes, json_object_get(infer, "whereClause"));
    sq_set_list(s, sc, ctes, pgparse_list(conflict, "targetList"),
                json_object_get(conflict, "whereClause"));
    sq_walk(s, sc, ctes, json_object_get(conflict, "whereClause"));
}

static scope *sq_new_scope(sqlscope *s, const scope *parent)
{
    scope *sc = rt_arena_alloc(s->arena, sizeof *sc);
    sc->parent = parent;
    sc->target = -1;
    return sc;
}

static void sq_insert(sqlscope *s, const json_t *insert, const scope *parent, const scope_cte *ctes,
                      bool strict, sql_column **out, int *count)
{
    scope *sc = sq_new_scope(s, parent);
    json_t *cols = pgparse_list(insert, "cols");
    const sql_column **columns;
    int column_count;
    scope_table excluded;

    if (!sc)
        return;
    sq_target(s, sc, insert, ctes);
    excluded = sc->tables[sc->target];
    excluded.alias = "excluded";
    excluded.qualified_only = true;
    sq_add_table(s, sc, &excluded);
    column_count = cols ? (int)json_array_size(cols) : sc->tables[sc->target].column_count;
    columns = rt_arena_alloc(s->arena, sizeof *columns * (size_t)(column_count + 1));
    for (int k = 0; k < column_count; k++) {
        json_t *target = pgparse_node(json_array_get(cols, (size_t)k), "ResTarget");
        columns[k] = cols ? sq_target_column(s, sc, pgparse_text_of(target, "name"),
                                             sq_loc(s, pgparse_location(target)))
                          : &sc->tables[sc->target].columns[k];
    }
    sq_insert_source(s, sc, ctes, insert, columns, column_count);
    sq_on_conflict(s, sc, ctes, json_object_get(insert, "onConflictClause"));
    sq_walk(s, sc, ctes, json_object_get(insert, "returningList"));
    if (out)
        sq_outputs(s, sc, pgparse_list(insert, "returningList"), strict, out, count);
}

static void sq_update_or_delete(sqlscope *s, const json_t *statement, bool is_update,
                                const scope *parent, const scope_cte *ctes, bool strict,
                                sql_column **out, int *count)
{
    scope *sc = sq_new_scope(s, parent);
    json_t *from = pgparse_list(statement, is_update ? "fromClause" : "usingClause");
    json_t *where = json_object_get(statement, "whereClause");

    if (!sc)
        return;
    sq_target(s, sc, statement, ctes);
    for (size_t i = 0; i < json_array_size(from); i++)
        sq_from_item(s, sc, ctes, json_array_get(from, i), false);
    if (is_update)
        sq_set_list(s, sc, ctes, pgparse_list(statement, "targetList"), where);
    sq_walk(s, sc, ctes, where);
    sq_walk(s, sc, ctes, json_object_get(statement, "returningList"));
    if (out)
        sq_outputs(s, sc, pgparse_list(statement, "returningList"), strict, out, count);
}

static void sq_statement(sqlscope *s, const json_t *node, const scope *parent,
                         const scope_cte *ctes, bool strict, sql_column **columns, int *count)
{
    json_t *body;
    const char *kind = pgparse_kind(node, &body);

    if (columns) {
        *columns = NULL;
        *count = 0;
    }
    if (!kind)
        return;
    if (++s->depth > SQLSCOPE_MAX_DEPTH) {
        diag_error(s->diag, sq_loc(s, pgparse_first_location(node)), "statement nested too deeply");
        goto done;
    }
    ctes = sq_with(s, json_object_get(body, "withClause"), parent, ctes);
    if (strcmp(kind, "SelectStmt") == 0)
        sq_select(s, body, parent, ctes, strict, columns, count);
    else if (strcmp(kind, "InsertStmt") == 0)
        sq_insert(s, body, parent, ctes, strict, columns, count);
    else if (strcmp(kind, "UpdateStmt") == 0 || strcmp(kind, "DeleteStmt") == 0)
        sq_update_or_delete(s, body, strcmp(kind, "UpdateStmt") == 0, parent, ctes, strict, columns,
                            count);
done:
    s->depth--;
}

int sqlscope_analyze(sqlscope *s, const json_t *statement, sql_column **columns, int *count)
{
    json_t *body;
    const char *kind = pgparse_kind(statement, &body);

    *columns = NULL;
    *count = 0;
    if (!kind || (strcmp(kind, "SelectStmt") != 0 && strcmp(kind, "InsertStmt") != 0 &&
                  strcmp(kind, "UpdateStmt") != 0 && strcmp(kind, "DeleteStmt") != 0)) {
        diag_loc loc = sq_loc(s, 0);
        diag_error(s->diag, loc, "expected SELECT, INSERT, UPDATE, DELETE or WITH, found \"%.*s\"",
                   loc.length, s->text->text);
        return 0;
    }
    sq_statement(s, statement, NULL, NULL, true, columns, count);
    return 0;
}
