/*
 * check_endpoint.h - one endpoint: auth and rate limit, page fields, its
 * fields, rules, steps and response, unused path parameters and orderings.
 */
#ifndef CHECK_ENDPOINT_H
#define CHECK_ENDPOINT_H

#include "check_context.h"

/* Returns 0 (errors in c->diag). */
int check_endpoint_resolve(check_ctx *c, api_endpoint *e);

#endif /* CHECK_ENDPOINT_H */
