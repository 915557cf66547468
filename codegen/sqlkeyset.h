/*
 * sqlkeyset.h - what a list query's orderings and filters need beyond
 * their SQL: the table column behind a result column or a sort key (on
 * PostgreSQL's parse tree), whether an index of the catalog is led by that
 * column (an ordering or a filter no index can serve is a warning), and
 * the texts of keyset (cursor) pagination: the row comparison that reads
 * the rows after or before a cursor. See docs/spec-language.md, "Pages".
 *
 * Ownership: strings in the arena; nodes borrowed from the parse tree.
 */
#ifndef SQLKEYSET_H
#define SQLKEYSET_H

#include <stdbool.h>

#include <jansson.h>

#include "model.h"
#include "rt_arena.h"

/* A plain column of a catalog table, as a query names it. */
typedef struct sqlkeyset_column {
    const char *table;            /* the catalog table */
    const catalog_column *column; /* its column */
    const char *expression;       /* "o.amount", as the query qualifies it */
} sqlkeyset_column;

/* The table column a ColumnRef node names among the tables of the
 * statement's FROM clause (joins included). False for anything else (an
 * expression, a derived table's column, an unknown alias). */
bool sqlkeyset_column_of(const catalog *cat, rt_arena *a, const json_t *statement,
                         const json_t *node, sqlkeyset_column *out);

/* The expression node of the statement's result column `name`, or NULL. */
const json_t *sqlkeyset_result_node(const json_t *statement, const char *name);

/* Whether an index of the catalog on table has column as its first key
 * column (partial indexes count: their condition is the list's own). */
bool sqlkeyset_has_index(const catalog *cat, const char *table, const char *column);

/* "  AND (KEY, TIEBREAK) > ($k, $t)\n": the rows after a cursor for an
 * ordering whose keys run ascending (descending: "<"); before = true for
 * the rows before it. `connector` is "AND" or "WHERE". NULL: no memory. */
char *sqlkeyset_condition(rt_arena *a, const char *connector, const char *key, const char *tiebreak,
                          bool descending, bool before, int key_param, int tiebreak_param);

#endif /* SQLKEYSET_H */
