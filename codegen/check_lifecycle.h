/*
 * check_lifecycle.h - the lifecycle transitions programs fire: a query
 * that sets a lifecycle's column to a literal state fires the transitions
 * into it, and whoever runs the query must be allowed to (the `by` lists).
 */
#ifndef CHECK_LIFECYCLE_H
#define CHECK_LIFECYCLE_H

#include "check_context.h"

/* After the lifecycles themselves are checked (lifecycle.c): every
 * assigned state, then every program. Returns 0. */
int check_lifecycle_firings(check_ctx *c);

#endif /* CHECK_LIFECYCLE_H */
