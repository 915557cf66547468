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
 * An error inside an item of an array of objects names the array, the
 * item's index and the item's key; rt_respond renders them in DRF's nested
 * shape, one object per item: {"items": [{}, {"quantity": ["..."]}]}.
 *
 * A body's `either { ... } or { ... }` fields (rt_field.alternative) are
 * validated as one alternative: the first whose keys the body has (the
 * first when it has none); a key of another alternative is an error
 * ("This field cannot be combined with product_name.").
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
    const char *text;             /* canonical text, or NULL; for a valid
                                     RT_FIELD_ARRAY the items as a JSON array
                                     of objects, every item field present
                                     (null when absent), or of values
                                     (item_scalar), canonical values:
                                     what binds to a jsonb parameter */
    const struct rt_input *items; /* RT_FIELD_ARRAY: item_count rows of
                                     item_field_count inputs, row-major */
    int item_count;
    bool present; /* the key was in the body (null included): `body.f?` */
} rt_input;

typedef struct rt_field_error {
    const char *field;   /* the top-level key: "quantity", "items" */
    const char *message; /* "This field is required." */
    int item;            /* -1, or the index of the array item it is about */
    int item_count;      /* item >= 0: the array's item count */
    const char *member;  /* item >= 0: the item's key ("sku"; "non_field_errors"
                            for an item that is not an object) */
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

/* Adds an error about member of item `item` (of item_count) of the array
 * field. The errors of one array are added together, item by item in
 * order, so rt_respond can render them in one pass. */
int rt_field_errors_add_item(rt_field_errors *errors, rt_arena *arena, const char *field, int item,
                             int item_count, const char *member, const char *message);

#endif /* RT_VALIDATE_H */
