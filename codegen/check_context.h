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
} check_ctx;

/* The query named name (the first, with duplicates), or NULL. */
const sql_query *check_find_query(const model *m, const char *name);
/* The job of that kind (the first, with duplicates), or NULL. */
const api_job *check_find_job(const model *m, const char *kind);

#endif /* CHECK_CONTEXT_H */
