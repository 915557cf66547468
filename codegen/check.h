/*
 * check.h - names and types across everything: queries against each
 * other (duplicates, ids), endpoints and jobs against queries, jobs, the
 * catalog and common/rt_names.def; schedules; lifecycles (lifecycle.c).
 * Fills the "resolved" members of the model
 * (model.h) that the emitters read.
 *
 * Errors are reported through diag; the model may be only partly resolved
 * when there were errors, so emit nothing then.
 */
#ifndef CHECK_H
#define CHECK_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

/* Returns 0 (errors, if any, in d). */
int check_model(model *m, rt_arena *a, diag *d);

#endif /* CHECK_H */
