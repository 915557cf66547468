/*
 * check_context.h - what the checker's files (check*.c) share: the
 * context of the program being checked and the model lookups of check.c.
 * Not for the rest of the compiler, which calls check_model (check.h).
 */
#ifndef CHECK_CONTEXT_H
#define CHECK_CONTEXT_H

#include "arena.h"
#include "diag.h"
#include "model.h"

typedef struct check_ctx {
    model *model;
    arena *arena;
    diag *diag;
    api_endpoint *endpoint; /* the endpoint being checked, or NULL */
    api_job *job;           /* the job being checked, or NULL */
    api_program *program;   /* the steps of either */
    /* every job in file order; job_first[i]: the first of job i's kind */
    const api_job **jobs_in_order;
    int *job_first;
    int job_count_all;
    const api_job **jobs_by_kind; /* the first of each kind, sorted by kind */
    int job_count;
} check_ctx;

/* The query named name (the first, with duplicates), or NULL; a binary
 * search of m->queries_by_id, once check.c has sorted it. */
const sql_query *check_find_query(const model *m, const char *name);
/* The job of that kind (the first, with duplicates), or NULL; a binary
 * search, once check.c has indexed the jobs. */
const api_job *check_find_job(const check_ctx *c, const char *kind);

#endif /* CHECK_CONTEXT_H */
