/*
 * rt_idempotency.h - idempotency keys (README, The API: Idempotency keys).
 *
 * A request to an endpoint that honours keys (rt_endpoint.idempotent)
 * with an Idempotency-Key header runs in one transaction: the key is
 * claimed first (ClaimIdempotencyKey, spec/runtime.sql), then the
 * endpoint's steps run and its answer is rendered, then the answer is
 * stored with the key (StoreIdempotentResponse) and the transaction
 * commits. Committing the write is committing the stored answer; any
 * error answer rolls both back, so the client may retry. A repeat gets
 * the stored answer with Idempotent-Replayed: true; the key used for
 * another request is 422, a key whose first request still runs past
 * IDEMPOTENCY_WAIT_MS is 409.
 */
#ifndef RT_IDEMPOTENCY_H
#define RT_IDEMPOTENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "rt_http.h"
#include "rt_program.h"

/* One request, as the key's row records it; borrowed. */
typedef struct rt_idempotency_request {
    const char *key;      /* the header's value; NULL: no key, the work just runs */
    const char *caller;   /* "user:<uid>", or "ip:<address>" on a public endpoint */
    const char *endpoint; /* rt_endpoint.id */
    const char *method;
    const char *path;
    const char *body;           /* the bytes hashed with method and path ("" when none) */
    struct rt_metrics *metrics; /* counts replays, 409s and 422s; NULL: not counted */
} rt_idempotency_request;

/* The endpoint's own work: runs the steps and renders resp. Returns 0, or
 * a negative code with the program's answer recorded. */
typedef int (*rt_idempotency_work)(void *context);

/* True for a header value of 1..RT_IDEMPOTENCY_MAX_KEY bytes, each
 * printable ASCII (0x20..0x7e). */
bool rt_idempotency_key_valid(const char *key);

/* Runs work under request's key (see above); without a key, runs work.
 * Returns 0 (resp holds the answer, fresh or replayed) or a negative code
 * with the program's answer recorded (400 bad key, 409, 422, or the
 * work's own). The program's connection and open transaction are
 * released by rt_program_finish, as always. */
int rt_idempotency_run(const rt_idempotency_request *request, rt_program *program,
                       rt_response *resp, rt_idempotency_work work, void *context);

#endif /* RT_IDEMPOTENCY_H */
