/*
 * parse_rule.h - `check FIELD OP FIELD else STATUS "message"` at endpoint
 * level: a rule between two request fields (docs/spec-language.md, "Rules
 * between fields"), read into api_endpoint.rules for check_rule.c.
 */
#ifndef PARSE_RULE_H
#define PARSE_RULE_H

#include <stdbool.h>

#include "parse_context.h"

/* Whether the current token starts a rule: `check NAME.` (a check step
 * goes on with a built-in call instead). */
bool parse_rule_at(const parse_api_parser *p);

/* Reads one rule into e->rules. Returns 0, RT_EINVAL after reporting a
 * syntax error. */
int parse_rule_read(parse_api_parser *p, api_endpoint *e);

#endif /* PARSE_RULE_H */
