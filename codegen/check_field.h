/*
 * check_field.h - the fields of a path, query string, body or job payload:
 * types, `len`, ranges, choices and defaults, resolved to what the
 * runtime's validator reads (rt_field).
 */
#ifndef CHECK_FIELD_H
#define CHECK_FIELD_H

#include "check_context.h"

typedef enum check_field_place {
    CHECK_BODY = 0,
    CHECK_QUERY,
    CHECK_PATH,
    CHECK_ITEM,
} check_field_place;

/* Checks and resolves fields; returns 0 (errors in c->diag). */
int check_field_list(check_ctx *c, api_field *fields, int count, check_field_place place);

#endif /* CHECK_FIELD_H */
