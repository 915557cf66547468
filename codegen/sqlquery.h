/*
 * sqlquery.h - named queries: spec/<name>.sql -> sql_file of sql_query.
 *
 * A file is split at "-- name: <Name> :<kind>" comments (kinds: one,
 * many, exec, page). Each query is parsed by PostgreSQL's own parser
 * (libpg_query: its syntax errors are reported at their file:line:col);
 * on the parse tree the analyzer resolves every table and
 * column against the catalog and the statement's CTEs (unknown and
 * ambiguous names are errors with "did you mean" hints), gives each @param
 * a type (cast, comparison with a column, SET, INSERT position, LIMIT /
 * OFFSET; otherwise an error asking for a cast), derives the result
 * columns (types and nullability) and rewrites @name to $n. Lines marked
 * `-- filter` and `-- ordering: a, b` become the parts and orderings of a
 * dynamic query; a :page query gets `count(*) OVER () AS total` and
 * `LIMIT $limit OFFSET $offset` added.
 *
 * Ownership: everything in the arena.
 */
#ifndef SQLQUERY_H
#define SQLQUERY_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

/* The tables the file's queries create (a query that is `CREATE TABLE IF
 * NOT EXISTS ...`, :exec, without parameters: a table the runtime makes
 * itself), added to the catalog; run on every query file before any is
 * parsed, so every query sees them. Returns 0 (errors reported through
 * d); sqlquery_parse_file then keeps such a query's text as it is. */
int sqlquery_declare_tables(catalog *cat, rt_arena *a, diag *d, const diag_source *source);

/* Parses and analyzes one file. `stem` names the file in C ("users").
 * Returns 0 (errors, if any, reported through d). */
int sqlquery_parse_file(const catalog *cat, rt_arena *a, diag *d, const diag_source *source,
                        const char *stem, sql_file *out);

/* "FindUserForLogin" -> "find_user_for_login" (arena). */
char *sqlquery_snake_case(rt_arena *a, const char *name);

#endif /* SQLQUERY_H */
