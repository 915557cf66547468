/*
 * catalog.h - the schema as the migrations leave it: tables, columns with
 * types, NOT NULL and defaults, enum types and constraint names.
 *
 * catalog_parse() reads one migration (in file-name order, each after the
 * previous ones) statement by statement: CREATE TYPE ... AS ENUM, ALTER
 * TYPE ... ADD VALUE, CREATE/ALTER/DROP TABLE, CREATE [UNIQUE] INDEX, DROP
 * INDEX. Any other statement (functions, triggers, comments, grants) is
 * skipped whole. Mistakes that make the schema unknowable (ALTER of an
 * unknown table, a duplicate table) are reported through diag.
 *
 * Ownership: all names and arrays live in the arena passed in.
 */
#ifndef CATALOG_H
#define CATALOG_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "lexer.h"
#include "model.h"

void catalog_init(catalog *cat);

/* Parses one migration file into cat. Returns 0 (errors, if any, are in
 * diag) or RT_ENOMEM. */
int catalog_parse(catalog *cat, arena *a, diag *d, const diag_source *source);

/* Parses a type spelled at tokens[*pos] (e.g. after "::" or a column name):
 * "integer", "numeric(12,2)", "timestamp with time zone", "user_role",
 * "text[]". Unknown types come back opaque. Advances *pos past the type.
 * Returns 0 or RT_ENOMEM. */
int catalog_parse_type(const catalog *cat, arena *a, const token *tokens, int end, int *pos,
                       sqltype *out);

const catalog_table *catalog_find_table(const catalog *cat, const char *name);
const catalog_column *catalog_find_column(const catalog_table *table, const char *name);
const catalog_enum *catalog_find_enum(const catalog *cat, const char *name);
const catalog_constraint *catalog_find_constraint(const catalog *cat, const char *name);
bool catalog_enum_has_label(const catalog_enum *enumeration, const char *label);

#endif /* CATALOG_H */
