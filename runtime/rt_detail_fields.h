/*
 * rt_detail_fields.h - reads the field errors a database check declares
 * in the DETAIL of its RAISE, for an `on raise NAME STATUS CODE fields
 * from detail` mapping (docs/spec-language.md, "Field errors from the
 * database").
 *
 * The DETAIL is the "fields" member of the error shape, as JSON (README,
 * The API): an object whose members are a field's messages
 *   {"note": ["..."]}
 * or, for an array field, one object per item, empty for a valid one
 *   {"items": [{}, {"sku": ["Unknown or unavailable product: A-1."]}]}
 * Anything else (not JSON, another shape, no message at all) is refused:
 * the SQL that wrote it is wrong, which the caller answers as a 500.
 */
#ifndef RT_DETAIL_FIELDS_H
#define RT_DETAIL_FIELDS_H

#include "rt_arena.h"
#include "rt_validate.h"

/* Adds the field errors of detail to out (strings copied into arena), in
 * the detail's order, items of one array together, as rt_respond renders
 * them. Returns 0; RT_EINVAL with *problem saying what is wrong (static
 * text) and out unchanged in count; or RT_ENOMEM. */
int rt_detail_fields_parse(const char *detail, rt_arena *arena, rt_field_errors *out,
                           const char **problem);

#endif /* RT_DETAIL_FIELDS_H */
