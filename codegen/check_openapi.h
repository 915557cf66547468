/*
 * check_openapi.h - the names the OpenAPI document and the Postman
 * collection expose to client generators (docs/spec-language.md,
 * "Names in the OpenAPI document"): operation names (`operation NAME`, or
 * the default rule), schema names (`as Name`) and the json column shapes
 * (`as Name(column: [Other])`). Runs after check_model, on a model
 * without errors; fills api_endpoint.operation_id.
 */
#ifndef CHECK_OPENAPI_H
#define CHECK_OPENAPI_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

/* Returns 0 (errors, if any, in d). */
int check_openapi(model *m, rt_arena *a, diag *d);

/* Whether name is a type every client generator would clash with (a
 * built-in of JavaScript/TypeScript, Java, Python, Go or C#). */
bool check_openapi_builtin_name(const char *name);

#endif /* CHECK_OPENAPI_H */
