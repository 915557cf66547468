/*
 * parse_value.h - reads one value of the .api language into an api_value.
 * Returns 0, RT_EINVAL after reporting a syntax error.
 */
#ifndef PARSE_VALUE_H
#define PARSE_VALUE_H

#include "parse_context.h"

/* VALUE [unless auth.role in (ROLE, ...) [else VALUE]] */
int parse_value_read(parse_api_parser *p, api_value *out);
/* A value without `unless`: a literal, a reference or a call. */
int parse_value_simple(parse_api_parser *p, api_value *out);

#endif /* PARSE_VALUE_H */
