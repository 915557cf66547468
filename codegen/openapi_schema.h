/*
 * openapi_schema.h - JSON Schemas of the OpenAPI document (emit_openapi.c):
 * values of SQL types as the runtime writes them, request fields with the
 * constraints the runtime enforces, response objects, and the registry of
 * named component schemas (components.schemas) they refer to.
 *
 * Every json_t handed to a builder function is stolen (jansson's *_new
 * convention); out of memory ends specc (rt_alloc.h). A schema name used
 * twice for two different shapes is reported through the builder's diag.
 */
#ifndef OPENAPI_SCHEMA_H
#define OPENAPI_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"

typedef struct openapi_builder {
    const model *model;
    diag *diag;
    json_t *schemas; /* components.schemas */
    json_t *origins; /* schema name -> the `as` that named it first (messages only) */
} openapi_builder;

/* Sets key to value / appends value (both stolen). Out of memory ends
 * specc and every text is UTF-8 (compile.c), so jansson refuses only what
 * the emitter itself gets wrong (a NULL from a json_pack whose format does
 * not match): diag_internal_error. */
void openapi_set(json_t *object, const char *key, json_t *value);
void openapi_append(json_t *array, json_t *value);

/* snake_case or lowerCamel to PascalCase (order_status -> OrderStatus),
 * then suffix; allocated in the builder's model-independent heap: the
 * caller frees it. */
char *openapi_pascal(const char *name, const char *suffix);

/* {"$ref": "#/components/schemas/NAME"} */
json_t *openapi_ref(const char *name);

/* Registers schema (stolen) as components.schemas[name] and returns a
 * reference to it. With `deduplicate`, a component of the same shape
 * already registered under any name is reused instead (names the default
 * rule made). The same name with another shape is an error at loc. */
json_t *openapi_component(openapi_builder *b, const char *name, json_t *schema, diag_loc loc,
                          bool deduplicate);

/* A value of a SQL type as the runtime writes it (enums refer to their
 * component, named after the type: OrderStatus). */
json_t *openapi_type_schema(openapi_builder *b, const sqltype *type, bool nullable);

/* A request field with its constraints, as the runtime checks them. */
json_t *openapi_field_schema(openapi_builder *b, const api_field *field);

/* An object of fields (a request body), additional keys refused. */
json_t *openapi_object_schema(openapi_builder *b, const api_field *fields, int count);

/* A request body's schema: the object of its fields, or, with an `either`
 * group, oneOf one object per alternative (the other fields in each). */
json_t *openapi_body_schema(openapi_builder *b, const api_field *fields, int count);

/* The reference to the success response's schema of endpoint e, whose
 * default schema names start with default_prefix (CreateOrder). */
json_t *openapi_response_schema(openapi_builder *b, const api_endpoint *e,
                                const char *default_prefix);

#endif /* OPENAPI_SCHEMA_H */
