/*
 * rt_respond.h - the one JSON error shape of every HTTP answer:
 *   {"error": {"status": 400, "code": "validation_error",
 *              "message": "...", "fields": {"name": ["..."]}}}
 * (README, The API). Written by the dispatcher (rt_app) and the endpoint
 * interpreter (rt_endpoint) alike, so neither calls the other for it.
 */
#ifndef RT_RESPOND_H
#define RT_RESPOND_H

#include "rt_http.h"
#include "rt_validate.h"

/* Replaces resp's status and body with the error shape; code NULL means
 * rt_error_default_code(status); fields may be NULL (no "fields" member).
 * Messages of one field are grouped, fields in first-seen order. A body
 * that runs out of memory is reported by rt_buf_check(&resp->body). */
void rt_respond_error(rt_response *resp, int status, const char *code, const char *message,
                      const rt_field_errors *fields);

#endif /* RT_RESPOND_H */
