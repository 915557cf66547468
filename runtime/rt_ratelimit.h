/*
 * rt_ratelimit.h - per-endpoint rate limits in Redis (GCRA, one Lua script).
 *
 * Each check runs one atomic script (EVALSHA, falling back to EVAL on
 * NOSCRIPT) on key "orderd:rl:<bucket>", so any number of server processes
 * share one budget. The budget is max_requests per window_seconds, with
 * bursts up to max_requests. Redis connections come from a small pool; a
 * command or connect timeout is short (timeout_ms).
 *
 * Redis down or slow: fail open. The request is allowed, the decision is
 * marked degraded, a warning is logged at most once per second per
 * process, and reconnects are attempted at most once per second, so an
 * outage costs no latency.
 */
#ifndef RT_RATELIMIT_H
#define RT_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rt_ratelimit rt_ratelimit;

typedef struct rt_ratelimit_decision {
    bool allowed;
    bool degraded;               /* Redis unavailable: allowed without counting */
    int64_t limit;               /* RateLimit-Limit */
    int64_t remaining;           /* RateLimit-Remaining */
    int64_t reset_seconds;       /* RateLimit-Reset: until the budget is full again */
    int64_t retry_after_seconds; /* Retry-After when !allowed (>= 1) */
} rt_ratelimit_decision;

/* Parses redis_url (redis://[[user]:password@]host[:port][/db], or a Unix
 * socket: unix://[[user]:password@]/path/redis.sock[?db=N]); connections
 * are made lazily,
 * so opening succeeds with Redis down. Returns 0, RT_EINVAL, RT_ENOMEM. */
int rt_ratelimit_open(const char *redis_url, int pool_size, int64_t max_requests,
                      int64_t window_seconds, int timeout_ms, rt_ratelimit **out);
void rt_ratelimit_close(rt_ratelimit *limiter);

#define RT_RATELIMIT_REASON_MAX 192

/* A check under way (see rt_ratelimit_start). Fields are the module's. */
typedef struct rt_ratelimit_pending {
    const char *bucket;                      /* borrowed until finish */
    struct ratelimit_connection *connection; /* the command went out on it, or NULL */
    bool reused;                             /* connection came from the idle list */
    int rc;                                  /* 0: sent; else why not (reason) */
    char reason[RT_RATELIMIT_REASON_MAX];
} rt_ratelimit_pending;

/* A check in two halves, so its round trip overlaps other work (a read's
 * statements): start sends the script without waiting, finish reads the
 * decision (fail open as rt_ratelimit_check). Every start that returned 0
 * must be finished: it holds a pooled connection until then. RT_EINVAL
 * for bad args. */
int rt_ratelimit_start(rt_ratelimit *limiter, const char *bucket, rt_ratelimit_pending *out);
int rt_ratelimit_finish(rt_ratelimit *limiter, rt_ratelimit_pending *pending,
                        rt_ratelimit_decision *out);

/* Counts one request against bucket (e.g. "users.post_users_login:ip:1.2.3.4"):
 * start then finish. Always returns 0 with *out filled (fail open); RT_EINVAL for bad args. */
int rt_ratelimit_check(rt_ratelimit *limiter, const char *bucket, rt_ratelimit_decision *out);

/* Requests refused so far, and whether the last check failed open
 * (Redis down or slow). Atomics only: cheap, never blocks. */
typedef struct rt_ratelimit_stats_out {
    long long rejections;
    bool degraded;
} rt_ratelimit_stats_out;
void rt_ratelimit_stats(rt_ratelimit *limiter, rt_ratelimit_stats_out *out);

/* PING on a pooled connection: 0 when Redis answers. */
int rt_ratelimit_ping(rt_ratelimit *limiter);

#endif /* RT_RATELIMIT_H */
