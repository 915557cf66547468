/*
 * check_lookup.h - the checker's lookups: a query, a job, a field by
 * name, and an endpoint's step by its runtime index (the emitters use that
 * one too).
 * A file of their own, so the checker's files that use them (check.c and
 * the check_*.c it calls) do not call each other back.
 */
#ifndef CHECK_LOOKUP_H
#define CHECK_LOOKUP_H

#include "check_context.h"

/* The query named name (the first, with duplicates), or NULL; a binary
 * search of m->queries_by_id, once check.c has sorted it. */
const sql_query *check_lookup_query(const model *m, const char *name);
/* The job of that kind (the first, with duplicates), or NULL; a binary
 * search, once check.c has indexed the jobs. */
const api_job *check_lookup_job(const check_ctx *c, const char *kind);
/* The field called name among fields[0, count), its index in *index. */
api_field *check_lookup_field(api_field *fields, int count, const char *name, int *index);
/* The step of e whose runtime index (api_step.rt_index) is rt_index, or
 * NULL (a response member's `step`). */
const api_step *check_lookup_step(const api_endpoint *e, int rt_index);

#endif /* CHECK_LOOKUP_H */
