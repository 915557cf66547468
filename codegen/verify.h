/*
 * verify.h - `specc verify`: prepares every query on a live, migrated
 * PostgreSQL (libpq) and compares what the server says with what the
 * compiler assumed: parameter count and types, result column names and
 * types (numeric precision/scale from the type modifier, enums by name
 * through pg_type), and NOT NULL of columns that come straight from a
 * table (PQftable/PQftablecol + pg_attribute), and that every whitelisted
 * ordering of a dynamic query prepares. Each mismatch is an error
 * at the query's "-- name:" line.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdio.h>

#include "diag.h"
#include "model.h"

/* Returns 0 (mismatches, if any, reported through d; on success prints
 * "verified N queries" to out), RT_EUNAVAILABLE when the connection
 * fails (reported through d). */
int verify_model(const model *m, const char *database_url, diag *d, FILE *out);

#endif /* VERIFY_H */
