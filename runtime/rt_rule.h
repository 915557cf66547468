/*
 * rt_rule.h - an endpoint's cross-field rules (`check query.created_after
 * <= query.created_before else 400 "..."`, docs/spec-language.md,
 * "Rules between fields"), run by rt_endpoint right after validation and
 * before the steps. A failing rule is one more field error in the usual
 * 400 validation_error answer, named by the rule's left field.
 */
#ifndef RT_RULE_H
#define RT_RULE_H

#include "rt_api.h"
#include "rt_arena.h"
#include "rt_validate.h"

/* Orders two validated texts of type (RT_TYPE_INT, _BIGINT, _NUMERIC:
 * decimals of any scale; RT_TYPE_DATE; RT_TYPE_TIMESTAMPTZ: instants, so
 * "10:00:00+02:00" equals "08:00:00Z"). *order is < 0, 0 or > 0.
 * Returns 0, or RT_EINVAL when a text is not of the type or the type is
 * not comparable. */
int rt_rule_order(rt_type type, const char *left, const char *right, int *order);

/* Whether `order` (from rt_rule_order) satisfies compare. */
bool rt_rule_holds(rt_compare compare, int order);

/* Runs rules[0..count) against the validated inputs of one request; an
 * operand that is absent (NULL text) passes. Each failure adds a field
 * error. Returns 0 (errors->count tells whether one failed), RT_EINVAL
 * when an operand is not of the rule's type (a generator bug) or
 * RT_ENOMEM. */
int rt_rule_check(const rt_rule *rules, int count, const rt_input *path, const rt_input *query,
                  const rt_input *body, rt_arena *arena, rt_field_errors *errors);

#endif /* RT_RULE_H */
