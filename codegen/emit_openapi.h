/*
 * emit_openapi.h - the OpenAPI 3.1 document of the checked model: paths,
 * operations (summary, parameters, request body schemas with the fields'
 * constraints, success and error responses), the error shape as a
 * component, and the bearerAuth (JWT) scheme on non-public operations.
 * Built with jansson and dumped with sorted keys and 2-space indentation,
 * so it is deterministic.
 */
#ifndef EMIT_OPENAPI_H
#define EMIT_OPENAPI_H

#include "model.h"

/* *out receives the document, NUL-terminated, ending with a newline;
 * the caller frees it with free(). Returns 0 or RT_ENOMEM. */
int emit_openapi_document(const model *m, char **out);

#endif /* EMIT_OPENAPI_H */
