/*
 * rt_respond.h - the one writer of the JSON error shape of every HTTP
 * answer:
 *   {"error": {"status": 400, "code": "validation_error",
 *              "message": "...", "fields": {"name": ["..."]}}}
 * (README, The API). The dispatcher and the endpoint interpreter write it
 * through rt_response_error (rt_http.h), the HTTP layer's own answers (a
 * bad request head, the generic 500, the busy 503) directly: it writes
 * into a buffer and knows nothing of responses, so rt_http uses it without
 * a loop between the two.
 */
#ifndef RT_RESPOND_H
#define RT_RESPOND_H

#include "rt_buf.h"
#include "rt_validate.h"

/* Replaces body's content with the error shape; code NULL means
 * rt_error_default_code(status); fields may be NULL (no "fields" member).
 * Messages of one field are grouped, fields in first-seen order. Running
 * out of memory is reported by rt_buf_check(body) (RT_ENOMEM). */
void rt_respond_error_body(rt_buf *body, int status, const char *code, const char *message,
                           const rt_field_errors *fields);

#endif /* RT_RESPOND_H */
