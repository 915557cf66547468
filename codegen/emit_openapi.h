/*
 * emit_openapi.h - the OpenAPI 3.1 document of the checked model: info
 * with the license, servers, tags, operations (operationId, summary,
 * parameters, request bodies and success responses as named component
 * schemas, error responses with the spec's messages as examples, response
 * headers), the ApiError shape with its ErrorCode enum, and the
 * bearerAuth (JWT) scheme on non-public operations. Built with jansson
 * and dumped with sorted keys and 2-space indentation, so it is
 * deterministic.
 */
#ifndef EMIT_OPENAPI_H
#define EMIT_OPENAPI_H

#include "diag.h"
#include "model.h"

/* *out receives the document, NUL-terminated, ending with a newline;
 * the caller frees it with free(). Returns 0, RT_EINVAL after reporting
 * a schema name given two shapes through d. */
int emit_openapi_document(const model *m, diag *d, char **out);

#endif /* EMIT_OPENAPI_H */
