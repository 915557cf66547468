/*
 * catalog.c - migrations -> catalog (see catalog.h).
 *
 * A migration is parsed whole by PostgreSQL's parser (pgparse.h); each
 * statement of the tree updates the catalog. Errors point at the
 * offending name: a node's location, or the name searched for in the
 * statement's text when the tree keeps no location for it (a column in a
 * key list).
 *
 * Invariants: a dropped table stays in the array with dropped = true (so
 * pointers taken earlier stay valid) and is invisible to lookups. Out of
 * memory ends specc (rt_alloc.h), so no allocation is checked here.
 */
#include "catalog.h"

#include <string.h>

#include "pgparse.h"
#include "rt_error.h"
#include "sqltype.h"

typedef struct catalog_parser {
    catalog *cat;
    rt_arena *arena;
    diag *diag;
    pgparse_text text;
    int statement_begin; /* file offsets of the current statement */
    int statement_end;
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

/* ------------------------------------------------------------------ types */

void catalog_type(const catalog *cat, rt_arena *a, const json_t *type_name, sqltype *out)
{
    const char *word = pgparse_last_name(pgparse_list(type_name, "names"));
    json_t *typmods = pgparse_list(type_name, "typmods");
    bool array = json_array_size(pgparse_list(type_name, "arrayBounds")) > 0;
    int modifiers[2] = {0, 0};
    const catalog_enum *enumeration;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < json_array_size(typmods) && i < 2; i++) {
        json_t *constant = pgparse_node(json_array_get(typmods, i), "A_Const");
        modifiers[i] = pgparse_int(json_object_get(constant, "ival"), "ival");
    }
    if (!word)
        word = "?";
    if (!array && sqltype_from_word(a, word, modifiers[0], modifiers[1], out))
        return;
    enumeration = cat ? catalog_find_enum(cat, word) : NULL;
    if (!array && enumeration) {
        out->type = RT_TYPE_ENUM;
        out->name = enumeration->name;
        return;
    }
    out->type = RT_TYPE_TEXT;
    out->opaque = true;
    out->name = rt_arena_printf(a, "%s%s", word, array ? "[]" : "");
}

bool catalog_type_from_name(const catalog *cat, rt_arena *a, const char *name, sqltype *out)
{
    const catalog_enum *enumeration;

    if (sqltype_from_word(a, name, 0, 0, out))
        return true;
    enumeration = catalog_find_enum(cat, name);
    if (!enumeration)
        return false;
    memset(out, 0, sizeof *out);
    out->type = RT_TYPE_ENUM;
    out->name = enumeration->name;
    return true;
}

/* ---------------------------------------------------------------- helpers */

static const char *catalog_dup(catalog_parser *p, const char *s)
{
    char *copy = rt_arena_strdup(p->arena, s ? s : "");
    return copy;
}

static void *catalog_grow(catalog_parser *p, void *items, int count, int *capacity, size_t size)
{
    void *grown = rt_arena_grow(p->arena, items, count, capacity, size);
    return grown;
}

/* Where `name` is written at or after file offset `from` in the statement,
 * else tree location `otherwise`. */
static diag_loc catalog_pick_loc(const catalog_parser *p, int from, const char *name, int otherwise)
{
    int offset = pgparse_find_name(p->text.source, from, p->statement_end, name);
    return offset >= 0 ? pgparse_file_loc(p->text.source, offset)
                       : pgparse_loc(&p->text, otherwise);
}

/* Where `name` is written at or after tree offset `from` in the statement
 * (the location itself when the name is not found). */
static diag_loc catalog_name_loc(const catalog_parser *p, int from, const char *name)
{
    int offset = pgparse_find_name(p->text.source, from < 0 ? 0 : from, p->statement_end, name);
    return pgparse_file_loc(p->text.source, offset >= 0 ? offset : (from < 0 ? 0 : from));
}

static catalog_table *catalog_find_table_mutable(catalog *cat, const char *name)
{
    return (catalog_table *)catalog_find_table(cat, name);
}

static void catalog_unknown_table(catalog_parser *p, diag_loc loc, const char *name)
{
    diag_suggestion s;
    char hint[300];

    diag_suggest_init(&s, name);
    for (int i = 0; i < p->cat->table_count; i++) {
        if (!p->cat->tables[i].dropped)
            diag_suggest_consider(&s, p->cat->tables[i].name);
    }
    diag_error(p->diag, loc, "unknown table \"%s\"%s", name,
               diag_suggest_hint(&s, hint, sizeof hint));
}

/* Whether table has the column; reports it at loc when not. */
static bool catalog_check_column(catalog_parser *p, const catalog_table *table, const char *name,
                                 diag_loc loc)
{
    diag_suggestion s;
    char hint[300];

    if (catalog_find_column(table, name))
        return true;
    diag_suggest_init(&s, name);
    for (int i = 0; i < table->column_count; i++)
        diag_suggest_consider(&s, table->columns[i].name);
    diag_error(p->diag, loc, "unknown column \"%s\" in table %s%s", name, table->name,
               diag_suggest_hint(&s, hint, sizeof hint));
    return false;
}

/* Checks each name of a String list (key columns) against table, looking
 * for it in the text from `from`. */
static void catalog_check_names(catalog_parser *p, const catalog_table *table, const json_t *list,
                                int from)
{
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *name = pgparse_string(json_array_get(list, i));
        if (name)
            catalog_check_column(p, table, name, catalog_name_loc(p, from, name));
    }
}

/* Checks every column reference below node (a CHECK or index expression)
 * against table; collects the distinct names in *names (up to 2). */
static void catalog_check_expression(catalog_parser *p, const catalog_table *table,
                                     const json_t *node, const char **names, int *name_count)
{
    json_t *body = pgparse_node(node, "ColumnRef");
    const char *key;
    json_t *value;
    size_t i;

    if (body) {
        const char *name = pgparse_last_name(pgparse_list(body, "fields"));
        int at = pgparse_location(body);
        if (json_array_size(pgparse_list(body, "fields")) > 1)
            at = pgparse_skip_qualifier(p->text.source, pgparse_file_offset(&p->text, at));
        if (!name || !catalog_check_column(p, table, name, pgparse_file_loc(p->text.source, at)))
            return;
        if (*name_count == 0 || (*name_count == 1 && strcmp(names[0], name) != 0))
            names[(*name_count)++] = name;
        return;
    }
    if (json_is_array(node)) {
        json_array_foreach(node, i, value)
            catalog_check_expression(p, table, value, names, name_count);
    } else if (json_is_object(node)) {
        json_object_foreach((json_t *)node, key, value)
            catalog_check_expression(p, table, value, names, name_count);
    }
}

/* "a_b" from the names of a String list, or from IndexElem names. */
static const char *catalog_joined_names(catalog_parser *p, const json_t *list)
{
    const char *joined = NULL;

    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *item = json_array_get(list, i);
        const json_t *element = pgparse_node(item, "IndexElem");
        const char *name = element ? pgparse_text_of(element, "name") : pgparse_string(item);
        if (!name)
            name = "expr";
        joined = joined ? rt_arena_printf(p->arena, "%s_%s", joined, name) : name;
    }
    return joined;
}

static void catalog_add_constraint(catalog_parser *p, const char *name, const char *table,
                                   catalog_constraint_kind kind, diag_loc loc)
{
    catalog *cat = p->cat;
    catalog_constraint *c;

    if (catalog_find_constraint(cat, name))
        return; /* PostgreSQL would have refused; keep the first */
    cat->constraints = catalog_grow(p, cat->constraints, cat->constraint_count,
                                    &cat->constraint_capacity, sizeof *cat->constraints);
    if (!cat->constraints)
        return;
    c = &cat->constraints[cat->constraint_count++];
    c->name = catalog_dup(p, name);
    c->table = table;
    c->kind = kind;
    c->loc = loc;
}

static void catalog_add_index(catalog_parser *p, const char *name, const char *table,
                              const char *first_column, bool partial)
{
    catalog *cat = p->cat;
    catalog_index *index;

    cat->indexes =
        catalog_grow(p, cat->indexes, cat->index_count, &cat->index_capacity, sizeof *cat->indexes);
    if (!cat->indexes)
        return;
    index = &cat->indexes[cat->index_count++];
    index->name = catalog_dup(p, name);
    index->table = table;
    index->first_column = first_column ? catalog_dup(p, first_column) : NULL;
    index->partial = partial;
}

static void catalog_drop_index(catalog *cat, const char *name)
{
    for (int i = 0; i < cat->index_count; i++) {
        if (cat->indexes[i].name && strcmp(cat->indexes[i].name, name) == 0) {
            memmove(&cat->indexes[i], &cat->indexes[i + 1],
                    sizeof cat->indexes[0] * (size_t)(cat->index_count - i - 1));
            cat->index_count--;
            return;
        }
    }
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

/* ----------------------------------------------------------- constraints */

/* REFERENCES pktable [(pk_attrs)]: the table and its columns exist (a
 * table may refer to itself). */
static void catalog_check_foreign_key(catalog_parser *p, const catalog_table *table,
                                      const json_t *constraint)
{
    json_t *pktable = json_object_get(constraint, "pktable");
    const char *name = pgparse_text_of(pktable, "relname");
    int at = pgparse_location(pktable);
    const catalog_table *target;

    if (!name)
        return;
    target = strcmp(name, table->name) == 0 ? table : catalog_find_table(p->cat, name);
    if (!target) {
        catalog_unknown_table(p, pgparse_loc(&p->text, at), name);
        return;
    }
    catalog_check_names(p, target, pgparse_list(constraint, "pk_attrs"),
                        pgparse_file_offset(&p->text, at) + (int)strlen(name));
}

/* The implicit name PostgreSQL gives a constraint: table_cols_suffix. */
static const char *catalog_implicit_name(catalog_parser *p, const char *table, const char *columns,
                                         const char *suffix)
{
    const char *name = columns ? rt_arena_printf(p->arena, "%s_%s_%s", table, columns, suffix)
                               : rt_arena_printf(p->arena, "%s_%s", table, suffix);
    return name ? name : "";
}

/* A constraint (of column `column`, or of the table when NULL): checks
 * what it names and records it with its (implicit) name. */
static void catalog_constraint_node(catalog_parser *p, catalog_table *table, const char *column,
                                    const json_t *constraint)
{
    const char *name = pgparse_text_of(constraint, "conname");
    int at = pgparse_location(constraint);
    int from = pgparse_file_offset(&p->text, at);
    const char *columns = column;
    const char *suffix;
    catalog_constraint_kind kind;

    if (pgparse_is(constraint, "contype", "CONSTR_PRIMARY")) {
        kind = CATALOG_PRIMARY_KEY;
        suffix = "pkey";
        catalog_check_names(p, table, pgparse_list(constraint, "keys"), from);
        for (size_t i = 0; i < json_array_size(pgparse_list(constraint, "keys")); i++) {
            const char *key = pgparse_string(json_array_get(pgparse_list(constraint, "keys"), i));
            catalog_column *c = key ? (catalog_column *)catalog_find_column(table, key) : NULL;
            if (c)
                c->not_null = true;
        }
        columns = NULL;
    } else if (pgparse_is(constraint, "contype", "CONSTR_UNIQUE")) {
        kind = CATALOG_UNIQUE;
        suffix = "key";
        catalog_check_names(p, table, pgparse_list(constraint, "keys"), from);
        if (!column)
            columns = catalog_joined_names(p, pgparse_list(constraint, "keys"));
    } else if (pgparse_is(constraint, "contype", "CONSTR_CHECK")) {
        const char *names[2] = {NULL, NULL};
        int name_count = 0;
        kind = CATALOG_CHECK;
        suffix = "check";
        catalog_check_expression(p, table, json_object_get(constraint, "raw_expr"), names,
                                 &name_count);
        if (!column)
            columns = name_count == 1 ? names[0] : NULL;
    } else if (pgparse_is(constraint, "contype", "CONSTR_FOREIGN")) {
        kind = CATALOG_FOREIGN_KEY;
        suffix = "fkey";
        catalog_check_names(p, table, pgparse_list(constraint, "fk_attrs"), from);
        catalog_check_foreign_key(p, table, constraint);
        if (!column)
            columns = catalog_joined_names(p, pgparse_list(constraint, "fk_attrs"));
    } else if (pgparse_is(constraint, "contype", "CONSTR_EXCLUSION")) {
        kind = CATALOG_EXCLUDE;
        suffix = "excl";
        columns = NULL;
    } else {
        return; /* NOT NULL, DEFAULT, ...: read with the column */
    }
    name = name ? name : catalog_implicit_name(p, table->name, columns, suffix);
    catalog_add_constraint(p, name, table->name, kind,
                           pgparse_text_of(constraint, "conname") ? catalog_name_loc(p, at, name)
                                                                  : pgparse_loc(&p->text, at));
    if (kind == CATALOG_PRIMARY_KEY || kind == CATALOG_UNIQUE) {
        const char *first = pgparse_string(json_array_get(pgparse_list(constraint, "keys"), 0));
        catalog_add_index(p, name, table->name, column ? column : first, false);
    }
}

/* ---------------------------------------------------------------- columns */

static bool catalog_is_serial(const char *word)
{
    static const char *const words[] = {"serial",  "bigserial", "smallserial",
                                        "serial4", "serial8",   "serial2"};
    for (size_t i = 0; word && i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(word, words[i]) == 0)
            return true;
    }
    return false;
}

/* Adds a ColumnDef's column (type, NOT NULL, default) to table. Returns
 * false when it is a duplicate (reported). */
static bool catalog_add_column(catalog_parser *p, catalog_table *table, const json_t *definition)
{
    catalog_column column;
    json_t *constraints = pgparse_list(definition, "constraints");
    json_t *type_name = json_object_get(definition, "typeName");
    const char *word = pgparse_last_name(pgparse_list(type_name, "names"));

    memset(&column, 0, sizeof column);
    column.name = catalog_dup(p, pgparse_text_of(definition, "colname"));
    column.loc = pgparse_loc(&p->text, pgparse_location(definition));
    if (catalog_find_column(table, column.name)) {
        diag_error(p->diag, column.loc, "column \"%s\" specified more than once in table %s",
                   column.name, table->name);
        return false;
    }
    catalog_type(p->cat, p->arena, type_name, &column.type);
    column.not_null = column.has_default = catalog_is_serial(word);
    for (size_t i = 0; i < json_array_size(constraints); i++) {
        json_t *c = pgparse_node(json_array_get(constraints, i), "Constraint");
        if (pgparse_is(c, "contype", "CONSTR_NOTNULL") ||
            pgparse_is(c, "contype", "CONSTR_PRIMARY"))
            column.not_null = true;
        else if (pgparse_is(c, "contype", "CONSTR_DEFAULT") ||
                 pgparse_is(c, "contype", "CONSTR_GENERATED"))
            column.has_default = true;
        else if (pgparse_is(c, "contype", "CONSTR_IDENTITY"))
            column.has_default = column.not_null = true;
    }
    table->columns = catalog_grow(p, table->columns, table->column_count, &table->column_capacity,
                                  sizeof *table->columns);
    if (table->columns)
        table->columns[table->column_count++] = column;
    return true;
}

/* The constraints written on a column definition. */
static void catalog_column_constraints(catalog_parser *p, catalog_table *table,
                                       const json_t *definition)
{
    json_t *constraints = pgparse_list(definition, "constraints");
    const char *column = pgparse_text_of(definition, "colname");

    for (size_t i = 0; i < json_array_size(constraints); i++) {
        json_t *c = pgparse_node(json_array_get(constraints, i), "Constraint");
        if (c)
            catalog_constraint_node(p, table, column, c);
    }
}

/* ----------------------------------------------------------------- tables */

static void catalog_create_table(catalog_parser *p, const json_t *statement)
{
    catalog *cat = p->cat;
    json_t *relation = json_object_get(statement, "relation");
    json_t *elements = pgparse_list(statement, "tableElts");
    const char *name = pgparse_text_of(relation, "relname");
    catalog_table *table;

    if (!name)
        return;
    if (catalog_find_table(cat, name)) {
        if (!pgparse_bool(statement, "if_not_exists"))
            diag_error(p->diag, pgparse_loc(&p->text, pgparse_location(relation)),
                       "table \"%s\" already exists", name);
        return;
    }
    cat->tables =
        catalog_grow(p, cat->tables, cat->table_count, &cat->table_capacity, sizeof *cat->tables);
    if (!cat->tables)
        return;
    table = &cat->tables[cat->table_count++];
    memset(table, 0, sizeof *table);
    table->name = catalog_dup(p, name);
    table->loc = pgparse_loc(&p->text, pgparse_location(relation));
    /* columns first, so that constraints (of columns too) see them all */
    for (size_t i = 0; i < json_array_size(elements); i++) {
        json_t *definition = pgparse_node(json_array_get(elements, i), "ColumnDef");
        if (definition && !catalog_add_column(p, table, definition))
            json_array_set_new(elements, i, json_null()); /* its constraints: not again */
    }
    for (size_t i = 0; i < json_array_size(elements); i++) {
        json_t *element = json_array_get(elements, i);
        json_t *definition = pgparse_node(element, "ColumnDef");
        json_t *constraint = pgparse_node(element, "Constraint");
        if (definition)
            catalog_column_constraints(p, table, definition);
        else if (constraint)
            catalog_constraint_node(p, table, NULL, constraint);
    }
}

/* A column named by an ALTER TABLE command, reported when unknown. */
static catalog_column *catalog_alter_column(catalog_parser *p, catalog_table *table,
                                            const json_t *command, int from)
{
    const char *name = pgparse_text_of(command, "name");
    catalog_column *column = name ? (catalog_column *)catalog_find_column(table, name) : NULL;

    if (!column && name && !pgparse_bool(command, "missing_ok"))
        diag_error(p->diag, catalog_name_loc(p, from, name),
                   "column \"%s\" of table %s does not exist", name, table->name);
    return column;
}

static void catalog_drop_column(catalog_table *table, const catalog_column *column)
{
    int k = (int)(column - table->columns);
    memmove(&table->columns[k], &table->columns[k + 1],
            sizeof table->columns[0] * (size_t)(table->column_count - k - 1));
    table->column_count--;
}

static void catalog_alter_command(catalog_parser *p, catalog_table *table, const json_t *command,
                                  int from)
{
    json_t *definition = json_object_get(command, "def");
    catalog_column *column;

    if (pgparse_is(command, "subtype", "AT_AddColumn")) {
        json_t *body = pgparse_node(definition, "ColumnDef");
        const char *name = pgparse_text_of(body, "colname");
        if (!body ||
            (name && catalog_find_column(table, name) && pgparse_bool(command, "missing_ok")))
            return; /* ADD COLUMN IF NOT EXISTS of a present column */
        if (catalog_add_column(p, table, body))
            catalog_column_constraints(p, table, body);
    } else if (pgparse_is(command, "subtype", "AT_AddConstraint")) {
        json_t *body = pgparse_node(definition, "Constraint");
        if (body)
            catalog_constraint_node(p, table, NULL, body);
    } else if (pgparse_is(command, "subtype", "AT_DropConstraint")) {
        const char *name = pgparse_text_of(command, "name");
        if (name)
            catalog_drop_constraint(p->cat, name);
    } else if (pgparse_is(command, "subtype", "AT_DropColumn")) {
        if ((column = catalog_alter_column(p, table, command, from)))
            catalog_drop_column(table, column);
    } else if (pgparse_is(command, "subtype", "AT_SetNotNull")) {
        if ((column = catalog_alter_column(p, table, command, from)))
            column->not_null = true;
    } else if (pgparse_is(command, "subtype", "AT_DropNotNull")) {
        if ((column = catalog_alter_column(p, table, command, from)))
            column->not_null = false;
    } else if (pgparse_is(command, "subtype", "AT_ColumnDefault")) {
        if ((column = catalog_alter_column(p, table, command, from)))
            column->has_default = definition != NULL;
    } else if (pgparse_is(command, "subtype", "AT_AlterColumnType")) {
        json_t *body = pgparse_node(definition, "ColumnDef");
        if ((column = catalog_alter_column(p, table, command, from)))
            catalog_type(p->cat, p->arena, json_object_get(body, "typeName"), &column->type);
    }
}

static void catalog_alter_table(catalog_parser *p, const json_t *statement)
{
    json_t *relation = json_object_get(statement, "relation");
    json_t *commands = pgparse_list(statement, "cmds");
    const char *name = pgparse_text_of(relation, "relname");
    int at = pgparse_location(relation);
    catalog_table *table;

    if (!name || !pgparse_is(statement, "objtype", "OBJECT_TABLE"))
        return;
    table = catalog_find_table_mutable(p->cat, name);
    if (!table) {
        if (!pgparse_bool(statement, "missing_ok"))
            catalog_unknown_table(p, pgparse_loc(&p->text, at), name);
        return;
    }
    for (size_t i = 0; i < json_array_size(commands); i++) {
        json_t *command = pgparse_node(json_array_get(commands, i), "AlterTableCmd");
        if (command)
            catalog_alter_command(p, table, command,
                                  pgparse_file_offset(&p->text, at) + (int)strlen(name));
    }
}

/* ------------------------------------------------------ indexes and drops */

static void catalog_create_index(catalog_parser *p, const json_t *statement)
{
    json_t *relation = json_object_get(statement, "relation");
    json_t *elements = pgparse_list(statement, "indexParams");
    const char *table_name = pgparse_text_of(relation, "relname");
    const char *name = pgparse_text_of(statement, "idxname");
    int at = pgparse_location(relation);
    int from = pgparse_file_offset(&p->text, at) + (table_name ? (int)strlen(table_name) : 0);
    const catalog_table *table = table_name ? catalog_find_table(p->cat, table_name) : NULL;
    const char *names[2];
    int name_count = 0;

    if (!table) {
        if (table_name)
            catalog_unknown_table(p, pgparse_loc(&p->text, at), table_name);
        return;
    }
    for (size_t i = 0; i < json_array_size(elements); i++) {
        json_t *element = pgparse_node(json_array_get(elements, i), "IndexElem");
        const char *column = pgparse_text_of(element, "name");
        if (column)
            catalog_check_column(p, table, column, catalog_name_loc(p, from, column));
        else
            catalog_check_expression(p, table, json_object_get(element, "expr"), names,
                                     &name_count);
    }
    catalog_check_expression(p, table, json_object_get(statement, "whereClause"), names,
                             &name_count);
    if (!name)
        name = catalog_implicit_name(p, table->name, catalog_joined_names(p, elements), "idx");
    catalog_add_index(
        p, name, table->name,
        pgparse_text_of(pgparse_node(json_array_get(elements, 0), "IndexElem"), "name"),
        json_object_get(statement, "whereClause") != NULL);
    if (!pgparse_bool(statement, "unique"))
        return;
    catalog_add_constraint(p, name, table->name, CATALOG_UNIQUE,
                           catalog_pick_loc(p, p->statement_begin, name, at));
}

static void catalog_drop(catalog_parser *p, const json_t *statement)
{
    json_t *objects = pgparse_list(statement, "objects");
    bool is_table = pgparse_is(statement, "removeType", "OBJECT_TABLE");
    bool is_index = pgparse_is(statement, "removeType", "OBJECT_INDEX");

    for (size_t i = 0; (is_table || is_index) && i < json_array_size(objects); i++) {
        json_t *names = json_object_get(pgparse_node(json_array_get(objects, i), "List"), "items");
        const char *name = pgparse_last_name(names);
        catalog_table *table;
        if (!name)
            continue;
        if (is_index) {
            catalog_drop_constraint(p->cat, name);
            catalog_drop_index(p->cat, name);
        } else if ((table = catalog_find_table_mutable(p->cat, name)))
            table->dropped = true;
    }
}

static void catalog_rename(catalog_parser *p, const json_t *statement)
{
    json_t *relation = json_object_get(statement, "relation");
    const char *relation_name = pgparse_text_of(relation, "relname");
    const char *subname = pgparse_text_of(statement, "subname");
    const char *to = catalog_dup(p, pgparse_text_of(statement, "newname"));
    catalog_table *table = relation_name ? catalog_find_table_mutable(p->cat, relation_name) : NULL;
    catalog_constraint *constraint = NULL;

    if (pgparse_is(statement, "renameType", "OBJECT_INDEX") && relation_name)
        constraint = (catalog_constraint *)catalog_find_constraint(p->cat, relation_name);
    else if (pgparse_is(statement, "renameType", "OBJECT_TABCONSTRAINT") && subname)
        constraint = (catalog_constraint *)catalog_find_constraint(p->cat, subname);
    for (int i = 0; pgparse_is(statement, "renameType", "OBJECT_INDEX") && relation_name &&
                    i < p->cat->index_count;
         i++) {
        if (strcmp(p->cat->indexes[i].name, relation_name) == 0)
            p->cat->indexes[i].name = to;
    }
    if (constraint) {
        constraint->name = to;
        return;
    }
    if (!table || (!pgparse_is(statement, "renameType", "OBJECT_TABLE") &&
                   !pgparse_is(statement, "renameType", "OBJECT_COLUMN")))
        return;
    if (pgparse_is(statement, "renameType", "OBJECT_TABLE")) {
        table->name = to;
    } else if (subname) {
        json_t *named = json_pack("{s:s}", "name", subname);
        catalog_column *column;
        column = catalog_alter_column(p, table, named,
                                      pgparse_file_offset(&p->text, pgparse_location(relation)));
        if (column)
            column->name = to;
        json_decref(named);
    }
}

/* ------------------------------------------------------------------ types */

static void catalog_add_label(catalog_parser *p, catalog_enum *e, const char *label, int position)
{
    e->labels = catalog_grow(p, e->labels, e->label_count, &e->label_capacity, sizeof *e->labels);
    if (!e->labels)
        return;
    if (position < 0 || position > e->label_count)
        position = e->label_count;
    memmove(&e->labels[position + 1], &e->labels[position],
            sizeof e->labels[0] * (size_t)(e->label_count - position));
    e->labels[position] = catalog_dup(p, label);
    e->label_count++;
}

static void catalog_create_enum(catalog_parser *p, const json_t *statement, int from)
{
    catalog *cat = p->cat;
    const char *name = pgparse_last_name(pgparse_list(statement, "typeName"));
    json_t *values = pgparse_list(statement, "vals");
    catalog_enum *e;

    if (!name)
        return;
    if (catalog_find_enum(cat, name)) {
        diag_error(p->diag, catalog_name_loc(p, from, name), "type \"%s\" already exists", name);
        return;
    }
    cat->enums =
        catalog_grow(p, cat->enums, cat->enum_count, &cat->enum_capacity, sizeof *cat->enums);
    if (!cat->enums)
        return;
    e = &cat->enums[cat->enum_count++];
    memset(e, 0, sizeof *e);
    e->name = catalog_dup(p, name);
    e->loc = catalog_name_loc(p, from, name);
    for (size_t i = 0; i < json_array_size(values); i++)
        catalog_add_label(p, e, pgparse_string(json_array_get(values, i)), -1);
}

/* ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'x' [BEFORE|AFTER 'y'] and
 * ALTER TYPE name RENAME VALUE 'a' TO 'b'. */
static void catalog_alter_enum(catalog_parser *p, const json_t *statement, int from)
{
    const char *name = pgparse_last_name(pgparse_list(statement, "typeName"));
    const char *old_value = pgparse_text_of(statement, "oldVal");
    const char *value = pgparse_text_of(statement, "newVal");
    const char *neighbor = pgparse_text_of(statement, "newValNeighbor");
    catalog_enum *e = name ? (catalog_enum *)catalog_find_enum(p->cat, name) : NULL;
    int position = -1;

    if (!e) {
        if (name)
            diag_error(p->diag, catalog_name_loc(p, from, name), "unknown enum type \"%s\"", name);
        return;
    }
    if (!value)
        return;
    for (int k = 0; k < e->label_count; k++) {
        if (old_value && strcmp(e->labels[k], old_value) == 0)
            e->labels[k] = catalog_dup(p, value);
        if (neighbor && strcmp(e->labels[k], neighbor) == 0)
            position = pgparse_bool(statement, "newValIsAfter") ? k + 1 : k;
    }
    if (!old_value && !catalog_enum_has_label(e, value))
        catalog_add_label(p, e, value, position);
}

/* --------------------------------------------------------------- functions */

/* CREATE [OR REPLACE] FUNCTION: the function is remembered as volatile
 * unless it says STABLE or IMMUTABLE (a replacement decides anew). */
static void catalog_create_function(catalog_parser *p, const json_t *statement)
{
    catalog *cat = p->cat;
    const char *name = pgparse_last_name(pgparse_list(statement, "funcname"));
    bool is_volatile = true;
    json_t *options = pgparse_list(statement, "options");
    size_t i;
    json_t *option;

    if (!name)
        return;
    json_array_foreach(options, i, option)
    {
        json_t *element = pgparse_node(option, "DefElem");
        const char *level = NULL;
        if (element && pgparse_is(element, "defname", "volatility"))
            level = pgparse_string(json_object_get(element, "arg"));
        if (level && strcmp(level, "volatile") != 0)
            is_volatile = false;
    }
    for (int k = 0; k < cat->volatile_function_count; k++) {
        if (strcmp(cat->volatile_functions[k], name) == 0) {
            cat->volatile_functions[k] = cat->volatile_functions[--cat->volatile_function_count];
            break;
        }
    }
    if (!is_volatile)
        return;
    cat->volatile_functions =
        catalog_grow(p, cat->volatile_functions, cat->volatile_function_count,
                     &cat->volatile_function_capacity, sizeof *cat->volatile_functions);
    cat->volatile_functions[cat->volatile_function_count++] = catalog_dup(p, name);
}

/* -------------------------------------------------------------- statements */

static void catalog_statement(catalog_parser *p, const json_t *raw)
{
    int begin = pgparse_int(raw, "stmt_location");
    int length = pgparse_int(raw, "stmt_len");
    json_t *body;
    const char *kind = pgparse_kind(json_object_get(raw, "stmt"), &body);

    p->statement_begin = pgparse_file_offset(&p->text, begin);
    p->statement_end = pgparse_file_offset(&p->text, length > 0 ? begin + length : p->text.length);
    if (!kind)
        return;
    if (strcmp(kind, "CreateStmt") == 0)
        catalog_create_table(p, body);
    else if (strcmp(kind, "AlterTableStmt") == 0)
        catalog_alter_table(p, body);
    else if (strcmp(kind, "IndexStmt") == 0)
        catalog_create_index(p, body);
    else if (strcmp(kind, "DropStmt") == 0)
        catalog_drop(p, body);
    else if (strcmp(kind, "RenameStmt") == 0)
        catalog_rename(p, body);
    else if (strcmp(kind, "CreateEnumStmt") == 0)
        catalog_create_enum(p, body, begin);
    else if (strcmp(kind, "AlterEnumStmt") == 0)
        catalog_alter_enum(p, body, begin);
    else if (strcmp(kind, "CreateFunctionStmt") == 0)
        catalog_create_function(p, body);
}

int catalog_parse(catalog *cat, rt_arena *a, diag *d, const diag_source *source)
{
    catalog_parser p;
    json_t *tree = NULL;
    json_t *statements;
    int rc;

    memset(&p, 0, sizeof p);
    p.cat = cat;
    p.arena = a;
    p.diag = d;
    p.text.source = source;
    p.text.text = source->text;
    p.text.length = (int)source->length;
    rc = pgparse_parse(d, &p.text, &tree);
    if (rc == RT_EINVAL)
        rc = 0; /* reported */
    if (rc || !tree)
        goto done;
    statements = pgparse_list(tree, "stmts");
    for (size_t i = 0; i < json_array_size(statements); i++)
        catalog_statement(&p, json_array_get(statements, i));
done:
    json_decref(tree);
    return rc;
}

int catalog_declare_table(catalog *cat, rt_arena *a, diag *d, const pgparse_text *text,
                          const json_t *raw_statement)
{
    catalog_parser p;
    json_t *body = NULL;
    const char *kind = pgparse_kind(json_object_get(raw_statement, "stmt"), &body);
    json_t *relation = json_object_get(body, "relation");
    const char *name = pgparse_text_of(relation, "relname");

    if (!kind || strcmp(kind, "CreateStmt") != 0 || !name)
        return RT_EINVAL;
    memset(&p, 0, sizeof p);
    p.cat = cat;
    p.arena = a;
    p.diag = d;
    p.text = *text;
    if (catalog_find_table(cat, name)) {
        diag_error(d, pgparse_loc(text, pgparse_location(relation)),
                   "table \"%s\" is already made by a migration (a query creates only a table "
                   "the runtime makes itself)",
                   name);
        return 0;
    }
    catalog_statement(&p, raw_statement);
    return 0;
}

/* The tables no migration makes that the runtime's own queries read
 * (spec/runtime.sql): PostgreSQL's system views (who holds a job's
 * advisory lock), with the columns they use (oid columns are opaque
 * types). The runtime's own tables are created by a query of the spec
 * (catalog_declare_table). */
static const char catalog_system_views[] =
    "CREATE TABLE pg_locks (locktype text, database oid, classid oid, objid oid,\n"
    "    objsubid smallint, pid int, mode text, granted boolean);\n"
    "CREATE TABLE pg_database (oid oid, datname text);\n";

int catalog_parse_system(catalog *cat, rt_arena *a, diag *d)
{
    /* static: catalog entries keep pointers into their source */
    static const diag_source source = {
        .path = "<postgresql>",
        .text = catalog_system_views,
        .length = sizeof catalog_system_views - 1,
    };
    return catalog_parse(cat, a, d, &source);
}
