/*
 * rt_webhook_deliver.h - one HTTP attempt of a webhook delivery: a JSON
 * POST with libcurl, to the address rt_webhook_target checked just before
 * (and only there: the connection is pinned to it and checked again when
 * the socket opens), no redirects, no proxies, a timeout.
 */
#ifndef RT_WEBHOOK_DELIVER_H
#define RT_WEBHOOK_DELIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rt_webhook_request {
    const char *url;
    const char *body;
    size_t body_len;
    const char *signature;  /* Orderd-Signature */
    const char *event_id;   /* Orderd-Event-Id */
    const char *event_type; /* Orderd-Event-Type */
    const char *sequence;   /* Orderd-Sequence */
    bool allow_private;     /* WEBHOOK_ALLOW_PRIVATE_TARGETS */
    int64_t timeout_ms;
} rt_webhook_request;

typedef struct rt_webhook_outcome {
    bool delivered;      /* a 2xx answer */
    int status_code;     /* 0: no answer */
    int64_t duration_ms; /* the whole attempt */
    char error[256];     /* "" when delivered; else what went wrong */
} rt_webhook_outcome;

/* Call once, before any thread delivers (curl_global_init). 0 or RT_EINVAL. */
int rt_webhook_deliver_init(void);

/* Makes the attempt; every outcome (refused target, timeout, 500) is in
 * out. Returns 0, or RT_ENOMEM when curl could not be set up. */
int rt_webhook_deliver(const rt_webhook_request *request, rt_webhook_outcome *out);

#endif /* RT_WEBHOOK_DELIVER_H */
