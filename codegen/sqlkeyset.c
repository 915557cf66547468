/*
 * sqlkeyset.c - table columns behind orderings and filters, index
 * look-ups, and keyset conditions (see sqlkeyset.h).
 */
#include "sqlkeyset.h"

#include <string.h>

#include "catalog.h"
#include "pgparse.h"

/* The RangeVar of a FROM item (joins searched) that `alias` names: its
 * alias, or its table name when it has none. NULL when none does. */
static const json_t *sqlkeyset_find_range(const json_t *item, const char *alias)
{
    json_t *range = pgparse_node(item, "RangeVar");
    json_t *join = pgparse_node(item, "JoinExpr");

    if (range) {
        const char *name = pgparse_text_of(json_object_get(range, "alias"), "aliasname");
        if (!name)
            name = pgparse_text_of(range, "relname");
        return name && strcmp(name, alias) == 0 ? range : NULL;
    }
    if (join) {
        const json_t *left = sqlkeyset_find_range(json_object_get(join, "larg"), alias);
        return left ? left : sqlkeyset_find_range(json_object_get(join, "rarg"), alias);
    }
    return NULL;
}

bool sqlkeyset_column_of(const catalog *cat, rt_arena *a, const json_t *statement,
                         const json_t *node, sqlkeyset_column *out)
{
    json_t *select = pgparse_node(statement, "SelectStmt");
    json_t *from = pgparse_list(select, "fromClause");
    json_t *fields = pgparse_list(pgparse_node(node, "ColumnRef"), "fields");
    const char *alias = NULL;
    const char *name = NULL;
    const json_t *range = NULL;

    memset(out, 0, sizeof *out);
    if (json_array_size(fields) == 2) {
        alias = pgparse_string(json_array_get(fields, 0));
        name = pgparse_string(json_array_get(fields, 1));
    } else if (json_array_size(fields) == 1 && json_array_size(from) == 1) {
        name = pgparse_string(json_array_get(fields, 0));
        alias = pgparse_text_of(
            json_object_get(pgparse_node(json_array_get(from, 0), "RangeVar"), "alias"),
            "aliasname");
        if (!alias)
            alias = pgparse_text_of(pgparse_node(json_array_get(from, 0), "RangeVar"), "relname");
    }
    if (!alias || !name)
        return false;
    for (size_t i = 0; !range && i < json_array_size(from); i++)
        range = sqlkeyset_find_range(json_array_get(from, i), alias);
    const catalog_table *table =
        range ? catalog_find_table(cat, pgparse_text_of(range, "relname")) : NULL;
    out->column = table ? catalog_find_column(table, name) : NULL;
    if (!out->column)
        return false;
    out->table = table->name;
    out->expression =
        json_array_size(fields) == 2 ? rt_arena_printf(a, "%s.%s", alias, name) : name;
    return out->expression != NULL;
}

const json_t *sqlkeyset_result_node(const json_t *statement, const char *name)
{
    json_t *targets = pgparse_list(pgparse_node(statement, "SelectStmt"), "targetList");

    for (size_t i = 0; i < json_array_size(targets); i++) {
        json_t *target = pgparse_node(json_array_get(targets, i), "ResTarget");
        json_t *value = json_object_get(target, "val");
        const char *named = pgparse_text_of(target, "name");
        if (!named)
            named = pgparse_last_name(pgparse_list(pgparse_node(value, "ColumnRef"), "fields"));
        if (named && strcmp(named, name) == 0)
            return value;
    }
    return NULL;
}

bool sqlkeyset_has_index(const catalog *cat, const char *table, const char *column)
{
    for (int i = 0; i < cat->index_count; i++) {
        const catalog_index *index = &cat->indexes[i];
        if (strcmp(index->table, table) == 0 && index->first_column &&
            strcmp(index->first_column, column) == 0)
            return true;
    }
    return false;
}

char *sqlkeyset_condition(rt_arena *a, const char *connector, const char *key, const char *tiebreak,
                          bool descending, bool before, int key_param, int tiebreak_param)
{
    return rt_arena_printf(a, "  %s (%s, %s) %s ($%d, $%d)\n", connector, key, tiebreak,
                           descending != before ? "<" : ">", key_param, tiebreak_param);
}
