/*
 * catalog.h - the schema as the migrations leave it: tables, columns with
 * types, NOT NULL and defaults, enum types and constraint names.
 *
 * catalog_parse() reads one migration (in file-name order, each after the
 * previous ones) with PostgreSQL's own parser (pgparse.h): a syntax error
 * is PostgreSQL's message at its file:line:col. Then, statement by
 * statement: CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD / RENAME VALUE,
 * CREATE / ALTER / DROP TABLE, CREATE [UNIQUE] INDEX, DROP INDEX, RENAME.
 * Any other statement (functions, triggers, comments, grants, data) is
 * skipped. Names the statements refer to are checked where PostgreSQL
 * would refuse the migration: ALTER of an unknown table or column, a
 * duplicate table or column, a foreign key to an unknown table or column,
 * constraint and index columns (and the columns of CHECK and index
 * expressions) that the table does not have.
 *
 * Ownership: all names and arrays live in the arena passed in.
 */
#ifndef CATALOG_H
#define CATALOG_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "pgparse.h"
#include "rt_arena.h"

void catalog_init(catalog *cat);

/* Parses one migration file into cat. Returns 0 (errors, if any, are in
 * diag). */
int catalog_parse(catalog *cat, rt_arena *a, diag *d, const diag_source *source);
/* Adds the PostgreSQL system views queries may read (pg_locks,
 * pg_database), before the migrations. */
int catalog_parse_system(catalog *cat, rt_arena *a, diag *d);
/* Adds the table a spec query creates (`CREATE TABLE IF NOT EXISTS`, a
 * table the runtime makes itself: schema_migrations in spec/runtime.sql):
 * raw_statement is a parsed CreateStmt (with its stmt_location) of text.
 * A table a migration made is an error. Returns 0, or RT_EINVAL when the
 * statement is not a CREATE TABLE. */
int catalog_declare_table(catalog *cat, rt_arena *a, diag *d, const pgparse_text *text,
                          const json_t *raw_statement);

/* The type a parse tree's TypeName body names ("integer" arrives as
 * pg_catalog.int4, "numeric(12,2)" with its typmods, "user_role" as an
 * enum of the catalog). Types specc does not model ("inet", "text[]")
 * come back opaque. */
void catalog_type(const catalog *cat, rt_arena *a, const json_t *type_name, sqltype *out);

/* A type from an rt_names.def spelling ("text", "uuid", "user_role"),
 * enums resolved in the catalog. Returns false when unknown. */
bool catalog_type_from_name(const catalog *cat, rt_arena *a, const char *name, sqltype *out);

const catalog_table *catalog_find_table(const catalog *cat, const char *name);
const catalog_column *catalog_find_column(const catalog_table *table, const char *name);
const catalog_enum *catalog_find_enum(const catalog *cat, const char *name);
const catalog_constraint *catalog_find_constraint(const catalog *cat, const char *name);
bool catalog_enum_has_label(const catalog_enum *enumeration, const char *label);

#endif /* CATALOG_H */
