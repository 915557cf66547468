/*
 * check_rule.h - an endpoint's rules between fields (`check
 * query.created_after <= query.created_before else 400 "..."`): two
 * request fields of one comparable type, answered with 400.
 */
#ifndef CHECK_RULE_H
#define CHECK_RULE_H

#include "check_context.h"

/* Resolves and checks e's rules (after its fields, before its steps).
 * Returns 0 (errors in c->diag). */
int check_rule_list(check_ctx *c, api_endpoint *e);

#endif /* CHECK_RULE_H */
