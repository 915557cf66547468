/*
 * rt_validate.h - request validation driven by generated rt_field tables.
 * In common/: the compiler checks a spec's literal values with it too.
 *
 * Input comes from a parsed JSON object (bodies) or from strings (query
 * strings and path parameters). Output is one rt_input per field, holding
 * canonical text (see rt_field in rt_api.h) or NULL when the field is
 * absent (after applying defaults) or JSON null (rejected when required).
 * Every problem is collected, not just the first, as DRF does (one message
 * per field, in field order, then unknown keys), with DRF's messages:
 *   fields: {"quantity": ["Ensure this value is less than or equal to 10000."],
 *            "emial": ["Unknown field."]}
 *
 * Ownership: all output (values, messages, field names) is allocated in
 * the arena or is static (fixed messages, enum labels, default values).
 */
#ifndef RT_VALIDATE_H
#define RT_VALIDATE_H

#include "rt_api.h"
#include "rt_arena.h"
#include "rt_json.h"

typedef struct rt_input {
    const char *text;             /* canonical text, or NULL; for a present
                                     RT_FIELD_ARRAY its item count ("3") */
    const struct rt_input *items; /* RT_FIELD_ARRAY: item_count rows of
                                     item_field_count inputs, row-major */
    int item_count;
    bool present; /* the key was in the body (null included): `body.f?` */
} rt_input;

typedef struct rt_field_error {
    const char *field;   /* "quantity", "items[2].sku" */
    const char *message; /* "This field is required." */
} rt_field_error;

typedef struct rt_field_errors {
    rt_field_error *errors; /* arena-allocated, grows */
    int count;
    int capacity;
} rt_field_errors;

/* Validates a JSON value that must be an object against fields[0..count).
 * Unknown keys are errors named by the key. out: count inputs. A NULL
 * object is taken as {} (an empty body: required fields are missing).
 * Output never points into the JSON document, which may be freed first.
 * Returns 0 when valid, RT_EINVAL when errors->count > 0, RT_ENOMEM. */
int rt_validate_object(const rt_field *fields, int count, const rt_json *object, rt_arena *arena,
                       rt_input *out, rt_field_errors *errors);

/* Validates query-string arguments (keys[i] = values[i], n pairs) against
 * fields; repeated keys are errors, unknown keys are ignored (DRF). */
int rt_validate_query(const rt_field *fields, int count, const char *const *keys,
                      const char *const *values, int n, rt_arena *arena, rt_input *out,
                      rt_field_errors *errors);

/* Validates one string (a path segment) as field; *out_text is canonical.
 * Returns 0 or RT_EINVAL. */
int rt_validate_string(const rt_field *field, const char *value, rt_arena *arena,
                       const char **out_text);

/* Adds an error (arena-copied strings are not needed: both must outlive
 * the request). */
int rt_field_errors_add(rt_field_errors *errors, rt_arena *arena, const char *field,
                        const char *message);

#endif /* RT_VALIDATE_H */
