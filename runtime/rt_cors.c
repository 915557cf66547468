/*
 * rt_cors.c - CORS_ALLOWED_ORIGINS: the origin list and the headers of
 * preflights and of answers to allowed origins (rt_cors.h). An origin is
 * compared exactly (after lower-casing the list at start-up; browsers
 * send scheme and host in lower case), never by pattern.
 */
#include "rt_cors.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_api.h"
#include "rt_error.h"

/* What a preflight may ask for and how long a browser may keep its answer. */
#define CORS_ALLOWED_HEADERS                                                                       \
    "Authorization, Content-Type, X-Request-ID, If-Match, If-None-Match, " RT_IDEMPOTENCY_HEADER
#define CORS_MAX_AGE_SECONDS "600"
/* Response headers a cross-origin script may read. */
#define CORS_EXPOSED_HEADERS                                                                       \
    "X-Request-ID, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, "           \
    "Location, WWW-Authenticate, ETag, " RT_IDEMPOTENCY_REPLAYED_HEADER

/* True for http(s)://host[:port]: host of letters, digits, '.', '-' or a
 * bracketed IPv6 literal; no path, query or user part. */
static bool cors_origin_is_valid(const char *origin)
{
    const char *at;
    if (strncmp(origin, "http://", 7) == 0)
        at = origin + 7;
    else if (strncmp(origin, "https://", 8) == 0)
        at = origin + 8;
    else
        return false;
    size_t host =
        *at == '[' ? strcspn(at, "]") + 1 : strspn(at, "abcdefghijklmnopqrstuvwxyz0123456789.-");
    if (host == 0 || (*at == '[' && at[host - 1] != ']'))
        return false;
    at += host;
    if (*at == ':') {
        size_t digits = strspn(at + 1, "0123456789");
        if (digits == 0 || digits > 5)
            return false;
        at += 1 + digits;
    }
    return *at == '\0';
}

static int cors_add(rt_cors *cors, const char *item, size_t len)
{
    char *copy = malloc(len + 1);
    char **grown = realloc(cors->origins, sizeof *grown * (size_t)(cors->count + 1));
    if (grown != NULL)
        cors->origins = grown;
    if (copy == NULL || grown == NULL) {
        free(copy);
        return RT_ENOMEM;
    }
    for (size_t i = 0; i < len; i++)
        copy[i] = (char)tolower((unsigned char)item[i]);
    copy[len] = '\0';
    cors->origins[cors->count++] = copy;
    return 0;
}

int rt_cors_parse(const char *text, rt_cors *out, char *err, size_t err_len)
{
    int rc = 0;
    rt_cors cors = {NULL, 0};
    const char *at = text != NULL ? text : "";

    while (*at != '\0') {
        at += strspn(at, " \t,");
        size_t len = strcspn(at, ",");
        while (len > 0 && (at[len - 1] == ' ' || at[len - 1] == '\t'))
            len--;
        if (len > 0 && at[len - 1] == '/')
            len--; /* "https://app.example.com/" is that origin */
        if (len == 0) {
            at += strcspn(at, ",");
            continue;
        }
        rc = cors_add(&cors, at, len);
        if (rc != 0) {
            snprintf(err, err_len, "CORS_ALLOWED_ORIGINS: out of memory");
            goto done;
        }
        if (!cors_origin_is_valid(cors.origins[cors.count - 1])) {
            snprintf(err, err_len,
                     "CORS_ALLOWED_ORIGINS: \"%.*s\" is not an origin like https://app.example.com "
                     "(scheme, host and optional port, nothing else)",
                     (int)(len > 200 ? 200 : len), at);
            rc = RT_EINVAL;
            goto done;
        }
        at += strcspn(at, ",");
    }
    *out = cors;
    cors = (rt_cors){NULL, 0};
done:
    rt_cors_free(&cors);
    return rc;
}

void rt_cors_free(rt_cors *cors)
{
    if (cors == NULL)
        return;
    for (int i = 0; i < cors->count; i++)
        free(cors->origins[i]);
    free(cors->origins);
    cors->origins = NULL;
    cors->count = 0;
}

bool rt_cors_allows(const rt_cors *cors, const char *origin)
{
    if (cors == NULL || origin == NULL)
        return false;
    for (int i = 0; i < cors->count; i++)
        if (strcmp(cors->origins[i], origin) == 0)
            return true;
    return false;
}

bool rt_cors_is_preflight(const rt_cors *cors, const rt_request *req)
{
    return strcmp(req->method, "OPTIONS") == 0 && req->cors_request_method != NULL &&
           rt_cors_allows(cors, req->origin);
}

void rt_cors_answer_preflight(const rt_request *req, const char *allow, rt_response *resp)
{
    resp->status = 204;
    rt_buf_reset(&resp->body);
    rt_response_header(resp, "Access-Control-Allow-Origin", req->origin);
    rt_response_header(resp, "Access-Control-Allow-Methods", allow);
    rt_response_header(resp, "Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS);
    rt_response_header(resp, "Access-Control-Max-Age", CORS_MAX_AGE_SECONDS);
    rt_response_header(resp, "Vary", "Origin");
}

void rt_cors_decorate(const rt_cors *cors, const rt_request *req, rt_response *resp)
{
    if (!rt_cors_allows(cors, req->origin))
        return;
    rt_response_header(resp, "Access-Control-Allow-Origin", req->origin);
    rt_response_header(resp, "Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS);
    rt_response_header(resp, "Vary", "Origin");
}
