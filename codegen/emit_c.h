/*
 * emit_c.h - the generated C: per spec/X.sql X_sql.h and X_sql.c (the
 * rt_query descriptors the runtime reads, nothing else), per
 * spec/X.api X_api.c (field, value, step, outcome and member tables, one
 * rt_endpoint per endpoint, rt_job per job, rt_lifecycle per lifecycle),
 * api.h (declares everything) and registry.c (the tables the runtime
 * looks things up in: routes, queries, jobs, schedules, lifecycles). The
 * OpenAPI document is generated/openapi.json alone (emit_openapi.h); the
 * Makefile links that file into orderd as it is.
 *
 * Output is deterministic: the same model gives the same bytes. Each
 * function appends one whole file to `out` (out of memory ends specc,
 * rt_alloc.h).
 * The model must have been checked without errors.
 */
#ifndef EMIT_C_H
#define EMIT_C_H

#include "model.h"
#include "rt_buf.h"

void emit_c_sql_header(const model *m, const sql_file *file, rt_buf *out);
void emit_c_sql_source(const model *m, const sql_file *file, rt_buf *out);
void emit_c_api_source(const model *m, const api_file *file, rt_buf *out);
void emit_c_api_header(const model *m, rt_buf *out);
void emit_c_registry(const model *m, rt_buf *out);

#endif /* EMIT_C_H */
