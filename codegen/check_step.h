/*
 * check_step.h - the steps of an endpoint or a job (queries and their
 * arguments, outcomes, orderings, enqueue, check, let, sleep, log, stop)
 * and the members of a response or a log line.
 */
#ifndef CHECK_STEP_H
#define CHECK_STEP_H

#include <stdbool.h>

#include "check_context.h"

/* Checks program's steps in order (each may only use earlier ones).
 * Returns 0 (errors in c->diag). */
int check_step_program(check_ctx *c, api_program *program);
/* Response members (step_limit: all steps) or a log step's members. */
int check_step_members(check_ctx *c, api_member *members, int count, int step_limit, bool in_log);

#endif /* CHECK_STEP_H */
