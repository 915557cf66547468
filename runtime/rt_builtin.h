/*
 * rt_builtin.h - the built-in functions a spec may call (rt_names.def):
 * password hashing and checking, token issuing and reading.
 *
 * Each takes text arguments and produces text results in the arena: one
 * value, or for record built-ins (`let`) one value per column in the order
 * rt_names.def lists them. A built-in that rejects its input (an invalid
 * refresh token) returns RT_EAUTH and fills failure with the HTTP answer.
 */
#ifndef RT_BUILTIN_H
#define RT_BUILTIN_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_arena.h"
#include "rt_config.h"

#define RT_BUILTIN_MAX_COLUMNS 8

typedef struct rt_builtin_failure {
    int status;
    const char *code;
    const char *message;
} rt_builtin_failure;

/* What built-ins may read of the request being served (all NULL in a
 * job): if_match reads the If-Match header. */
typedef struct rt_builtin_request {
    const char *if_match; /* the If-Match header, or NULL */
} rt_builtin_request;

/* Calls builtin id with nargs text arguments (NULL = SQL NULL).
 * out receives one text per result column (1 for value built-ins).
 * request may be NULL (no request: a job).
 * Returns 0, RT_EAUTH (failure filled), RT_EINVAL or RT_ENOMEM. */
int rt_builtin_call(rt_builtin_id id, const rt_config *config, const rt_builtin_request *request,
                    rt_arena *arena, const char *const *args, int nargs, const char **out,
                    rt_builtin_failure *failure);

/* Number of result columns of a built-in (1 unless it is a record). */
int rt_builtin_column_count(rt_builtin_id id);

#endif /* RT_BUILTIN_H */
