/*
 * rt_cors.h - cross-origin requests (CORS_ALLOWED_ORIGINS).
 *
 * Browsers on another origin may call the API only when their Origin is
 * one of the configured ones; nothing is allowed by default. For those,
 * a preflight (OPTIONS with Origin and Access-Control-Request-Method) is
 * answered 204 with the methods the path takes, and every other answer
 * carries Access-Control-Allow-Origin and the headers a client may read.
 * Credentials are bearer tokens, never cookies: no Allow-Credentials.
 *
 * Ownership: an rt_cors owns its origins; rt_cors_free releases them. It
 * is read-only after rt_cors_parse, so threads may share it.
 */
#ifndef RT_CORS_H
#define RT_CORS_H

#include <stdbool.h>
#include <stddef.h>

#include "rt_http.h"

typedef struct rt_cors {
    char **origins; /* "https://app.example.com", without a trailing slash */
    int count;
} rt_cors;

/* Parses a comma-separated list of origins, each scheme://host[:port]
 * with scheme http or https; an empty list allows none. Returns 0,
 * RT_EINVAL (the bad item named in err) or RT_ENOMEM. */
int rt_cors_parse(const char *text, rt_cors *out, char *err, size_t err_len);
void rt_cors_free(rt_cors *cors);

/* True if origin (the request's Origin header, may be NULL) is allowed. */
bool rt_cors_allows(const rt_cors *cors, const char *origin);

/* True for a preflight from an allowed origin: answer it with
 * rt_cors_answer_preflight instead of running the request. */
bool rt_cors_is_preflight(const rt_cors *cors, const rt_request *req);

/* 204 with the Access-Control-Allow-* headers; allow lists the methods the
 * path takes ("GET, POST"). */
void rt_cors_answer_preflight(const rt_request *req, const char *allow, rt_response *resp);

/* Adds Access-Control-Allow-Origin, Vary and Expose-Headers to an answer
 * for an allowed origin; does nothing for any other request. */
void rt_cors_decorate(const rt_cors *cors, const rt_request *req, rt_response *resp);

#endif /* RT_CORS_H */
