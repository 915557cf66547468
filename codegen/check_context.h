/*
 * check_context.h - what the checker's files (check*.c) share: the
 * context of the program being checked (its lookups: check_lookup.h).
 * Not for the rest of the compiler, which calls check_model (check.h).
 */
#ifndef CHECK_CONTEXT_H
#define CHECK_CONTEXT_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

typedef struct check_ctx {
    model *model;
    rt_arena *arena;
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

#endif /* CHECK_CONTEXT_H */
