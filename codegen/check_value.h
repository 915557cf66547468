/*
 * check_value.h - values (literals, body./query./path./payload. fields,
 * auth., config., job., earlier steps' columns, built-in calls, `unless
 * auth.role in (...)`): resolved to what the runtime reads, with their
 * types, and whether a value fits where a type is expected.
 */
#ifndef CHECK_VALUE_H
#define CHECK_VALUE_H

#include <stdbool.h>

#include "check_context.h"

/* Resolves a value that may use steps [0, step_limit). Returns 0 (errors
 * in c->diag). */
int check_value_resolve(check_ctx *c, api_value *v, int step_limit);
/* Whether v may bind where target is expected; literals are judged by what
 * they spell. */
bool check_value_fits(const check_ctx *c, const api_value *v, const sqltype *target);
/* How a value reads in messages: body.email, "text", hash_password(...). */
const char *check_value_describe(check_ctx *c, const api_value *v);
/* Reports each role that is not a label of the user_role enum. */
void check_value_roles(check_ctx *c, const char *const *roles, const diag_loc *locs, int count);
/* Reports v->text as an unknown step (or one used before it runs). */
void check_value_unknown_step(check_ctx *c, const api_value *v, int step_limit);
/* The type a runtime name (common/rt_names.def) gives; false after
 * reporting it. */
bool check_value_type_of_name(check_ctx *c, const char *name, diag_loc loc, sqltype *out);
/* Checks a built-in call's arguments; *builtin receives its index (-1 when
 * it is unknown or its arguments do not count right). */
int check_value_call(check_ctx *c, api_value *v, int step_limit, int *builtin);

#endif /* CHECK_VALUE_H */
