/*
 * emit_postman.h - a Postman collection (v2.1) of the checked model: one
 * request per endpoint, in an order that runs as is (public endpoints,
 * which sign in, first), against {{baseUrl}}, signed with the access token
 * the sign-in stored. Each request carries a test script: the status is
 * the success status (or 403 for role-restricted endpoints) and a
 * documented one, the answer is JSON with X-Request-ID and the success
 * body has its required keys; tokens and created ids are stored for the
 * later requests. Dumped with sorted keys: deterministic.
 */
#ifndef EMIT_POSTMAN_H
#define EMIT_POSTMAN_H

#include "model.h"

/* *out receives the collection, NUL-terminated, ending with a newline;
 * the caller frees it with free(). openapi_json is the document
 * emit_openapi_document() made (for the statuses each operation
 * documents; one that does not parse is a bug: diag_internal_error). */
void emit_postman_collection(const model *m, const char *openapi_json, char **out);

#endif /* EMIT_POSTMAN_H */
