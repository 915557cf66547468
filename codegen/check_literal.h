/*
 * check_literal.h - literal values checked at compile time: a string
 * literal bound to an enum must be one of its labels (with a did-you-mean),
 * one bound to a date, a timestamp or a uuid must be one, as the runtime's
 * own validator (rt_validate_string) would accept it. A default that
 * passes here can never make a request fail at run time.
 */
#ifndef CHECK_LITERAL_H
#define CHECK_LITERAL_H

#include <stdbool.h>

#include "check_context.h"

/* Whether the literal v is a valid value of target (true for values that
 * are not string literals, and for types without a spelling to check);
 * reports why not at v. */
bool check_literal_valid(check_ctx *c, const api_value *v, const sqltype *target);

#endif /* CHECK_LITERAL_H */
