/*
 * rt_validate.h - request validation driven by generated rt_field tables.
 *
 * Input comes from a parsed JSON object (bodies) or from strings (query
 * strings and path parameters). Output is one rt_input per field, holding
 * canonical text (see rt_field in rt_api.h) or NULL when the field is
 * absent (after applying defaults) or JSON null (rejected when required).
 * Every problem is collected, not just the first, as DRF does:
 *   fields: {"quantity": ["must be between 1 and 10000"],
 *            "emial": ["unknown field"]}
 *
 * Ownership: all output (values, messages) is allocated in the arena.
 */
#ifndef RT_VALIDATE_H
#define RT_VALIDATE_H

#include "rt_api.h"
#include "rt_arena.h"
#include "rt_json.h"

typedef struct rt_input {
    const char *text;             /* canonical text, or NULL */
    const struct rt_input *items; /* RT_FIELD_ARRAY: item_count rows of
                                     item_field_count inputs, row-major */
    int item_count;
} rt_input;

typedef struct rt_field_error {
    const char *field;   /* "quantity", "items[2].sku" */
    const char *message; /* "must be between 1 and 10000" */
} rt_field_error;

typedef struct rt_field_errors {
    rt_field_error *errors; /* arena-allocated, grows */
    int count;
    int capacity;
} rt_field_errors;

/* Validates a JSON value that must be an object against fields[0..count).
 * Unknown keys are errors named by the key. out: count inputs.
 * Returns 0 when valid, RT_EINVAL when errors->count > 0, RT_ENOMEM. */
int rt_validate_object(const rt_field *fields, int count, const rt_json *object,
                       rt_arena *arena, rt_input *out, rt_field_errors *errors);

/* Validates query-string arguments (keys[i] = values[i], n pairs) against
 * fields; unknown keys and repeated keys are errors. */
int rt_validate_query(const rt_field *fields, int count, const char *const *keys,
                      const char *const *values, int n, rt_arena *arena,
                      rt_input *out, rt_field_errors *errors);

/* Validates one string (a path segment) as field; *out_text is canonical.
 * Returns 0 or RT_EINVAL. */
int rt_validate_string(const rt_field *field, const char *value, rt_arena *arena,
                       const char **out_text);

/* Adds an error (arena-copied strings are not needed: both must outlive
 * the request). */
int rt_field_errors_add(rt_field_errors *errors, rt_arena *arena,
                        const char *field, const char *message);

#endif /* RT_VALIDATE_H */
