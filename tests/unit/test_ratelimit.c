/*
 * test_ratelimit.c - unit tests of rt_ratelimit (GCRA in Redis, fail open).
 *
 * Most tests need a real Redis, named by TEST_REDIS_URL (for example
 * redis://127.0.0.1:16499/0); without it they are skipped with a message.
 * The argument and Redis-down tests need no Redis and always run. Every
 * test uses buckets unique to this process and test, so runs never see
 * each other's counts. Timing is asserted only for the fail-fast
 * behaviour, with generous bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "rt_error.h"
#include "rt_log.h"
#include "rt_ratelimit.h"

#define TEST_TIMEOUT_MS 500
#define TEST_FAIL_FAST_MS 200 /* the bound every degraded check must meet */

/* Per-test state: the Redis under test (when there is one), a direct
 * hiredis connection to it, and a bucket prefix unique to this test. */
typedef struct test_state {
    const char *url; /* TEST_REDIS_URL or NULL */
    char host[256];
    int port;
    char username[256];
    char password[256];
    int db;
    redisContext *direct;
    char prefix[96];
    rt_ratelimit *limiter;
    rt_ratelimit *other;
} test_state;

static int64_t test_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void test_sleep_ms(int ms)
{
    struct timespec pause = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&pause, &pause) != 0)
        ;
}

/* Copies text[0..len) into out, decoding %XX escapes (test input only). */
static int test_decode(const char *text, size_t len, char *out, size_t out_len)
{
    size_t written = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned value = (unsigned char)text[i];
        if (text[i] == '%' && i + 2 < len && sscanf(text + i + 1, "%2x", &value) == 1)
            i += 2;
        if (written + 1 >= out_len)
            return -1;
        out[written++] = (char)value;
    }
    out[written] = '\0';
    return 0;
}

/* A small parser for the test's own connection:
 * redis://[[username]:password@]host[:port][/db]. */
static int test_parse_url(test_state *state, const char *url)
{
    const char *rest = url;
    if (strncmp(rest, "redis://", 8) != 0)
        return -1;
    rest += 8;
    const char *at = strrchr(rest, '@');
    state->username[0] = '\0';
    state->password[0] = '\0';
    if (at != NULL) {
        const char *colon = memchr(rest, ':', (size_t)(at - rest));
        if (colon == NULL ||
            test_decode(rest, (size_t)(colon - rest), state->username, sizeof state->username) ||
            test_decode(colon + 1, (size_t)(at - colon - 1), state->password,
                        sizeof state->password))
            return -1;
        rest = at + 1;
    }
    size_t host_len = strcspn(rest, ":/");
    if (host_len == 0 || host_len >= sizeof state->host)
        return -1;
    memcpy(state->host, rest, host_len);
    state->host[host_len] = '\0';
    rest += host_len;
    state->port = 6379;
    state->db = 0;
    if (*rest == ':')
        state->port = (int)strtol(rest + 1, (char **)&rest, 10);
    if (*rest == '/' && rest[1] != '\0')
        state->db = (int)strtol(rest + 1, NULL, 10);
    return 0;
}

/* Runs a command on the direct connection; fails the test on no reply. */
static redisReply *test_direct(test_state *state, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    redisReply *reply = redisvCommand(state->direct, format, arguments);
    va_end(arguments);
    assert_non_null(reply);
    return reply;
}

static int setup(void **raw_state)
{
    test_state *state = calloc(1, sizeof *state);
    assert_non_null(state);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    /* Unique per process and per test (the clock moves between setups). */
    snprintf(state->prefix, sizeof state->prefix, "test:%d:%lld.%09ld", (int)getpid(),
             (long long)now.tv_sec, now.tv_nsec);
    state->url = getenv("TEST_REDIS_URL");
    if (state->url != NULL && state->url[0] == '\0')
        state->url = NULL;
    if (state->url != NULL) {
        assert_int_equal(test_parse_url(state, state->url), 0);
        struct timeval timeout = {2, 0};
        state->direct = redisConnectWithTimeout(state->host, state->port, timeout);
        assert_non_null(state->direct);
        assert_int_equal(state->direct->err, 0);
        if (state->username[0] != '\0')
            freeReplyObject(test_direct(state, "AUTH %s %s", state->username, state->password));
        else if (state->password[0] != '\0')
            freeReplyObject(test_direct(state, "AUTH %s", state->password));
        freeReplyObject(test_direct(state, "SELECT %d", state->db));
    }
    *raw_state = state;
    return 0;
}

static int teardown(void **raw_state)
{
    test_state *state = *raw_state;
    rt_ratelimit_close(state->limiter);
    rt_ratelimit_close(state->other);
    if (state->direct != NULL)
        redisFree(state->direct);
    free(state);
    return 0;
}

/* Skips the calling test when there is no Redis to test against. */
#define NEED_REDIS(state)                                                                          \
    do {                                                                                           \
        if ((state)->url == NULL) {                                                                \
            print_message("TEST_REDIS_URL not set: skipping (needs a real Redis)\n");              \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

static void test_bucket(const test_state *state, const char *name, char *out, size_t out_len)
{
    snprintf(out, out_len, "%s:%s", state->prefix, name);
}

static rt_ratelimit_decision test_check(rt_ratelimit *limiter, const char *bucket)
{
    rt_ratelimit_decision decision;
    memset(&decision, 0xAB, sizeof decision); /* the check must fill every field */
    assert_int_equal(rt_ratelimit_check(limiter, bucket, &decision), 0);
    return decision;
}

/* A TCP port on 127.0.0.1 that nothing listens on. */
static int test_closed_port(void)
{
    struct sockaddr_in address = {0};
    socklen_t length = sizeof address;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&address, sizeof address), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&address, &length), 0);
    close(fd);
    return ntohs(address.sin_port);
}

/* A listening socket that never accepts: connects succeed, replies never
 * come (a hung Redis). Returns the fd; *port gets its port. */
static int test_black_hole(int *port)
{
    struct sockaddr_in address = {0};
    socklen_t length = sizeof address;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&address, sizeof address), 0);
    assert_int_equal(listen(fd, 64), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&address, &length), 0);
    *port = ntohs(address.sin_port);
    return fd;
}

/* Counts lines with "event":"ratelimit_degraded" in a log file. */
static int test_count_warnings(int fd)
{
    char text[65536];
    int count = 0;
    ssize_t length = pread(fd, text, sizeof text - 1, 0);
    assert_true(length >= 0);
    text[length] = '\0';
    for (const char *p = text; (p = strstr(p, "\"event\":\"ratelimit_degraded\"")) != NULL; p++)
        count++;
    return count;
}

/* ------------------------------------------------------------- tests */

static void test_open_rejects_bad_arguments(void **raw_state)
{
    test_state *state = *raw_state;
    static const char *const bad_urls[] = {
        "",
        "http://127.0.0.1:6379",
        "redis://",
        "redis://:6379",
        "redis://127.0.0.1:0",
        "redis://127.0.0.1:65536",
        "redis://127.0.0.1:12x",
        "redis://127.0.0.1:",
        "redis://127.0.0.1/abc",
        "redis://127.0.0.1/-1",
        "redis://user@127.0.0.1",
        "redis://:@127.0.0.1",
        "redis://:%zz@127.0.0.1",
        "redis://:abc%4@127.0.0.1",
        "redis://[::1:6379",
        "redis://127.0.0.1?timeout=1",
        "unix://",
        "unix://relative/redis.sock",
        "unix:///var/run/redis.sock?db=x",
        "unix:///var/run/redis.sock?timeout=1",
        "unix://user@/var/run/redis.sock",
        "unix:///a/path/longer/than/a/socket/address/can/hold/"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sock",
    };
    for (size_t i = 0; i < sizeof bad_urls / sizeof bad_urls[0]; i++) {
        int rc = rt_ratelimit_open(bad_urls[i], 1, 10, 60, 100, &state->limiter);
        if (rc != RT_EINVAL)
            fail_msg("accepted bad url \"%s\" (rc %d)", bad_urls[i], rc);
        assert_null(state->limiter);
    }
    const char *good = "redis://127.0.0.1:6379/0";
    assert_int_equal(rt_ratelimit_open(NULL, 1, 10, 60, 100, &state->limiter), RT_EINVAL);
    assert_int_equal(rt_ratelimit_open(good, 0, 10, 60, 100, &state->limiter), RT_EINVAL);
    assert_int_equal(rt_ratelimit_open(good, 1, 0, 60, 100, &state->limiter), RT_EINVAL);
    assert_int_equal(rt_ratelimit_open(good, 1, 10, 0, 100, &state->limiter), RT_EINVAL);
    assert_int_equal(rt_ratelimit_open(good, 1, 10, 60, 0, &state->limiter), RT_EINVAL);
    assert_int_equal(rt_ratelimit_open(good, 1, 2000000, 1, 100, &state->limiter), RT_EINVAL);
    assert_int_equal(rt_ratelimit_open(good, 1, 10, 60, 100, NULL), RT_EINVAL);
    assert_null(state->limiter);
}

static void test_open_accepts_url_forms_without_connecting(void **raw_state)
{
    test_state *state = *raw_state;
    static const char *const good_urls[] = {
        "redis://127.0.0.1:1",
        "redis://127.0.0.1:1/",
        "redis://localhost",
        "redis://:secret@h:1/2",
        "redis://user:p%40ss@h:1/3",
        "redis://[::1]:1/0",
        "redis://[::1]",
        "unix:///var/run/redis.sock",
        "unix:///var/run/redis.sock?db=2",
        "unix://:secret@/run/redis@1.sock",
    };
    rt_ratelimit_decision decision;
    for (size_t i = 0; i < sizeof good_urls / sizeof good_urls[0]; i++) {
        rt_ratelimit *limiter = NULL;
        int rc = rt_ratelimit_open(good_urls[i], 2, 10, 60, 100, &limiter);
        if (rc != 0)
            fail_msg("rejected good url \"%s\" (rc %d)", good_urls[i], rc);
        assert_non_null(limiter);
        rt_ratelimit_close(limiter);
    }
    assert_int_equal(rt_ratelimit_open("redis://127.0.0.1:1", 1, 10, 60, 100, &state->limiter), 0);
    assert_int_equal(rt_ratelimit_check(state->limiter, NULL, &decision), RT_EINVAL);
    assert_int_equal(rt_ratelimit_check(state->limiter, "", &decision), RT_EINVAL);
    assert_int_equal(rt_ratelimit_check(state->limiter, "b", NULL), RT_EINVAL);
    assert_int_equal(rt_ratelimit_check(NULL, "b", &decision), RT_EINVAL);
    assert_int_equal(rt_ratelimit_ping(NULL), RT_EINVAL);
    rt_ratelimit_close(NULL); /* a no-op */
}

/* Checks started together and finished later (each request overlaps its
 * check with its statements) count exactly like one-by-one checks, and
 * give their connections back: the pool of 2 serves the checks after. */
static void test_started_checks_finish_later(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    rt_ratelimit_pending pending[2];
    rt_ratelimit_decision decision;
    test_bucket(state, "overlapped", bucket, sizeof bucket);
    assert_int_equal(rt_ratelimit_open(state->url, 2, 3, 600, TEST_TIMEOUT_MS, &state->limiter), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(rt_ratelimit_start(state->limiter, bucket, &pending[i]), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rt_ratelimit_finish(state->limiter, &pending[i], &decision), 0);
        assert_true(decision.allowed);
        assert_false(decision.degraded);
    }
    assert_true(test_check(state->limiter, bucket).allowed);
    decision = test_check(state->limiter, bucket);
    assert_false(decision.allowed);
    assert_false(decision.degraded);
    assert_true(decision.retry_after_seconds >= 1);
}

static void test_first_n_allowed_then_denied(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "first-n", bucket, sizeof bucket);
    const int64_t max = 5, window = 600; /* one request per 120 s after the burst */
    assert_int_equal(
        rt_ratelimit_open(state->url, 2, max, window, TEST_TIMEOUT_MS, &state->limiter), 0);
    for (int64_t i = 1; i <= max; i++) {
        rt_ratelimit_decision decision = test_check(state->limiter, bucket);
        assert_true(decision.allowed);
        assert_false(decision.degraded);
        assert_int_equal(decision.limit, max);
        assert_int_equal(decision.remaining, max - i);
        assert_int_equal(decision.retry_after_seconds, 0);
        /* Full again after i intervals of window/max seconds (rounded up). */
        assert_true(decision.reset_seconds <= i * (window / max));
        assert_true(decision.reset_seconds >= i * (window / max) - 1);
    }
    for (int i = 0; i < 3; i++) {
        rt_ratelimit_decision decision = test_check(state->limiter, bucket);
        assert_false(decision.allowed);
        assert_false(decision.degraded);
        assert_int_equal(decision.limit, max);
        assert_int_equal(decision.remaining, 0);
        assert_true(decision.retry_after_seconds >= 1);
        /* The next request fits when one interval has passed. */
        assert_true(decision.retry_after_seconds <= window / max);
        assert_true(decision.retry_after_seconds >= window / max - 1);
        assert_true(decision.reset_seconds <= window);
        assert_true(decision.reset_seconds >= window - 1);
    }
}

static void test_remaining_counts_down(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "countdown", bucket, sizeof bucket);
    const int64_t max = 12;
    assert_int_equal(rt_ratelimit_open(state->url, 1, max, 3600, TEST_TIMEOUT_MS, &state->limiter),
                     0);
    int64_t previous = max;
    int allowed = 0;
    for (int i = 0; i < 20; i++) {
        rt_ratelimit_decision decision = test_check(state->limiter, bucket);
        if (decision.allowed) {
            allowed++;
            assert_int_equal(decision.remaining, previous - 1);
            previous = decision.remaining;
        } else {
            assert_int_equal(decision.remaining, 0);
        }
    }
    assert_int_equal(allowed, max);
    assert_int_equal(previous, 0);
}

static void test_buckets_are_independent(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char first[160], second[160];
    test_bucket(state, "users.login:ip:10.0.0.1", first, sizeof first);
    test_bucket(state, "users.login:ip:10.0.0.2", second, sizeof second);
    assert_int_equal(rt_ratelimit_open(state->url, 2, 2, 600, TEST_TIMEOUT_MS, &state->limiter), 0);
    assert_true(test_check(state->limiter, first).allowed);
    assert_true(test_check(state->limiter, first).allowed);
    assert_false(test_check(state->limiter, first).allowed);

    rt_ratelimit_decision decision = test_check(state->limiter, second);
    assert_true(decision.allowed);
    assert_int_equal(decision.remaining, 1);
    assert_false(test_check(state->limiter, first).allowed);
}

static void test_two_instances_share_one_budget(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "shared", bucket, sizeof bucket);
    const int64_t max = 6;
    /* As two server processes would: separate limiters, separate pools. */
    assert_int_equal(rt_ratelimit_open(state->url, 2, max, 600, TEST_TIMEOUT_MS, &state->limiter),
                     0);
    assert_int_equal(rt_ratelimit_open(state->url, 2, max, 600, TEST_TIMEOUT_MS, &state->other), 0);
    int allowed = 0;
    int64_t expected_remaining = max - 1;
    for (int i = 0; i < 10; i++) {
        rt_ratelimit *limiter = i % 2 == 0 ? state->limiter : state->other;
        rt_ratelimit_decision decision = test_check(limiter, bucket);
        assert_false(decision.degraded);
        if (decision.allowed) {
            allowed++;
            assert_int_equal(decision.remaining, expected_remaining);
            expected_remaining--;
        }
        assert_int_equal(decision.allowed, i < max);
    }
    assert_int_equal(allowed, max);
}

static void test_window_refills(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "refill", bucket, sizeof bucket);
    /* max 2 per second: a burst of 2, then one every 500 ms. */
    assert_int_equal(rt_ratelimit_open(state->url, 1, 2, 1, TEST_TIMEOUT_MS, &state->limiter), 0);
    assert_true(test_check(state->limiter, bucket).allowed);
    assert_true(test_check(state->limiter, bucket).allowed);
    rt_ratelimit_decision denied = test_check(state->limiter, bucket);
    assert_false(denied.allowed);
    assert_int_equal(denied.retry_after_seconds, 1);
    assert_int_equal(denied.reset_seconds, 1);

    test_sleep_ms(600);
    rt_ratelimit_decision refilled = test_check(state->limiter, bucket);
    assert_true(refilled.allowed);
    assert_false(refilled.degraded);
    assert_int_equal(refilled.remaining, 0);
    assert_false(test_check(state->limiter, bucket).allowed);

    /* After a whole window the full burst is back. */
    test_sleep_ms(1100);
    rt_ratelimit_decision full = test_check(state->limiter, bucket);
    assert_true(full.allowed);
    assert_int_equal(full.remaining, 1);
}

static void test_seconds_round_up(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "round-up", bucket, sizeof bucket);
    /* 2 per 7 s: one request costs 3.5 s, so no answer is whole seconds. */
    assert_int_equal(rt_ratelimit_open(state->url, 1, 2, 7, TEST_TIMEOUT_MS, &state->limiter), 0);
    rt_ratelimit_decision first = test_check(state->limiter, bucket);
    assert_true(first.allowed);
    assert_int_equal(first.reset_seconds, 4); /* 3.5 s, rounded up */
    assert_true(test_check(state->limiter, bucket).allowed);
    rt_ratelimit_decision denied = test_check(state->limiter, bucket);
    assert_false(denied.allowed);
    assert_int_equal(denied.retry_after_seconds, 4); /* just under 3.5 s */
    assert_int_equal(denied.reset_seconds, 7);       /* just under 7 s */
}

static void test_key_has_expiry_and_db(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160], url[600];
    test_bucket(state, "expiry", bucket, sizeof bucket);
    int db = state->db == 3 ? 4 : 3; /* a database other than the URL's */
    /* The test URL with its database replaced (credentials kept as written). */
    const char *authority = state->url + strlen("redis://");
    const char *at = strrchr(authority, '@');
    const char *host = at != NULL ? at + 1 : authority;
    size_t authority_len = (size_t)(host - authority) + strcspn(host, "/");
    snprintf(url, sizeof url, "redis://%.*s/%d", (int)authority_len, authority, db);
    assert_int_equal(rt_ratelimit_open(url, 1, 10, 60, TEST_TIMEOUT_MS, &state->limiter), 0);
    rt_ratelimit_decision decision = test_check(state->limiter, bucket);
    assert_true(decision.allowed);
    assert_false(decision.degraded);

    redisReply *reply = test_direct(state, "EXISTS orderd:rl:%s", bucket);
    assert_int_equal(reply->integer, 0); /* not in the test's own database */
    freeReplyObject(reply);
    freeReplyObject(test_direct(state, "SELECT %d", db));
    reply = test_direct(state, "PTTL orderd:rl:%s", bucket);
    assert_int_equal(reply->type, REDIS_REPLY_INTEGER);
    assert_true(reply->integer > 0);
    assert_true(reply->integer <= 60 * 1000);
    freeReplyObject(reply);
    freeReplyObject(test_direct(state, "DEL orderd:rl:%s", bucket));
    freeReplyObject(test_direct(state, "SELECT %d", state->db));
}

static void test_script_flush_falls_back_to_eval(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "flush", bucket, sizeof bucket);
    assert_int_equal(rt_ratelimit_open(state->url, 1, 5, 600, TEST_TIMEOUT_MS, &state->limiter), 0);
    assert_int_equal(test_check(state->limiter, bucket).remaining, 4);
    for (int64_t expected = 3; expected >= 2; expected--) {
        redisReply *reply = test_direct(state, "SCRIPT FLUSH");
        assert_int_equal(reply->type, REDIS_REPLY_STATUS);
        freeReplyObject(reply);
        rt_ratelimit_decision decision = test_check(state->limiter, bucket);
        assert_true(decision.allowed);
        assert_false(decision.degraded);
        assert_int_equal(decision.remaining, expected);
    }
    /* EVAL cached the script again: EVALSHA works without a fallback. */
    assert_int_equal(test_check(state->limiter, bucket).remaining, 1);
}

static void test_killed_connection_is_replaced(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    char bucket[160];
    test_bucket(state, "killed", bucket, sizeof bucket);
    assert_int_equal(rt_ratelimit_open(state->url, 1, 5, 600, TEST_TIMEOUT_MS, &state->limiter), 0);
    assert_int_equal(test_check(state->limiter, bucket).remaining, 4);
    /* As a Redis restart would: the pooled connection is closed under us. */
    redisReply *reply = test_direct(state, "CLIENT KILL TYPE normal SKIPME yes");
    assert_int_equal(reply->type, REDIS_REPLY_INTEGER);
    assert_true(reply->integer >= 1);
    freeReplyObject(reply);
    rt_ratelimit_decision decision = test_check(state->limiter, bucket);
    assert_false(decision.degraded);
    assert_int_equal(decision.remaining, 3);
    assert_int_equal(rt_ratelimit_ping(state->limiter), 0);
}

static void test_wrong_password_fails_open(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    if (state->password[0] != '\0')
        skip(); /* the test Redis needs a password: a wrong one is tested the same way */
    char bucket[160], url[600];
    test_bucket(state, "auth", bucket, sizeof bucket);
    snprintf(url, sizeof url, "redis://:not-the-password@%s:%d/%d", state->host, state->port,
             state->db);
    assert_int_equal(rt_ratelimit_open(url, 1, 1, 600, TEST_TIMEOUT_MS, &state->limiter), 0);
    /* AUTH is refused, so nothing is counted: all allowed, all degraded. */
    for (int i = 0; i < 3; i++) {
        rt_ratelimit_decision decision = test_check(state->limiter, bucket);
        assert_true(decision.allowed);
        assert_true(decision.degraded);
    }
    assert_int_equal(rt_ratelimit_ping(state->limiter), RT_EUNAVAILABLE);
}

static void test_ping(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    assert_int_equal(rt_ratelimit_open(state->url, 1, 5, 600, TEST_TIMEOUT_MS, &state->limiter), 0);
    assert_int_equal(rt_ratelimit_ping(state->limiter), 0);
    assert_int_equal(rt_ratelimit_ping(state->limiter), 0);
}

static void test_redis_down_fails_open_fast(void **raw_state)
{
    test_state *state = *raw_state;
    char url[64];
    snprintf(url, sizeof url, "redis://127.0.0.1:%d/0", test_closed_port());
    assert_int_equal(rt_ratelimit_open(url, 2, 3, 600, TEST_TIMEOUT_MS, &state->limiter), 0);

    FILE *log_file = tmpfile();
    assert_non_null(log_file);
    rt_log_init(RT_LOG_INFO, fileno(log_file));
    int64_t start = test_now_ms();
    for (int i = 0; i < 20; i++) {
        int64_t before = test_now_ms();
        rt_ratelimit_decision decision = test_check(state->limiter, "down");
        int64_t took = test_now_ms() - before;
        assert_true(decision.allowed);
        assert_true(decision.degraded);
        assert_int_equal(decision.limit, 3);
        assert_int_equal(decision.retry_after_seconds, 0);
        if (took >= TEST_FAIL_FAST_MS)
            fail_msg("degraded check %d took %lld ms", i, (long long)took);
    }
    int64_t elapsed = test_now_ms() - start;
    assert_int_equal(rt_ratelimit_ping(state->limiter), RT_EUNAVAILABLE);
    rt_log_init(RT_LOG_INFO, 2);
    /* At most one warning per second, and at least the first. */
    int warnings = test_count_warnings(fileno(log_file));
    assert_true(warnings >= 1);
    assert_true(warnings <= 1 + elapsed / 1000);
    fclose(log_file);
}

static void test_redis_hung_fails_open_within_timeout(void **raw_state)
{
    test_state *state = *raw_state;
    int port = 0;
    int listener = test_black_hole(&port);
    char url[64];
    const int timeout_ms = 300; /* longer than the fail-fast bound */
    snprintf(url, sizeof url, "redis://127.0.0.1:%d", port);
    assert_int_equal(rt_ratelimit_open(url, 2, 3, 600, timeout_ms, &state->limiter), 0);

    FILE *log_file = tmpfile();
    assert_non_null(log_file);
    rt_log_init(RT_LOG_INFO, fileno(log_file));
    /* The first check waits for one timeout, no more. */
    int64_t before = test_now_ms();
    rt_ratelimit_decision decision = test_check(state->limiter, "hung");
    int64_t first = test_now_ms() - before;
    assert_true(decision.allowed);
    assert_true(decision.degraded);
    assert_true(first >= timeout_ms - 10);
    assert_true(first < timeout_ms + 2 * TEST_FAIL_FAST_MS);
    /* Then no reconnect for a second: the outage costs no latency. */
    for (int i = 0; i < 10; i++) {
        before = test_now_ms();
        decision = test_check(state->limiter, "hung");
        int64_t took = test_now_ms() - before;
        assert_true(decision.allowed && decision.degraded);
        if (took >= TEST_FAIL_FAST_MS)
            fail_msg("check %d after the timeout took %lld ms", i, (long long)took);
    }
    rt_log_init(RT_LOG_INFO, 2);
    assert_int_equal(test_count_warnings(fileno(log_file)), 1);
    fclose(log_file);
    close(listener);
}

/* ------------------------------------------------------- concurrency */

typedef struct test_worker {
    rt_ratelimit *limiter;
    const char *bucket;
    int checks;
    int allowed;
    int degraded;
} test_worker;

static void *test_worker_run(void *raw)
{
    test_worker *worker = raw;
    for (int i = 0; i < worker->checks; i++) {
        rt_ratelimit_decision decision;
        if (rt_ratelimit_check(worker->limiter, worker->bucket, &decision) != 0)
            continue;
        worker->allowed += decision.allowed;
        worker->degraded += decision.degraded;
    }
    return NULL;
}

static void test_concurrent_checks_spend_exact_budget(void **raw_state)
{
    test_state *state = *raw_state;
    NEED_REDIS(state);
    enum { THREADS = 8, CHECKS = 25, MAX = 100 };
    char bucket[160];
    test_bucket(state, "concurrent", bucket, sizeof bucket);
    /* A pool smaller than the thread count: checks wait for connections. */
    assert_int_equal(rt_ratelimit_open(state->url, 3, MAX, 3600, 2000, &state->limiter), 0);
    pthread_t threads[THREADS];
    test_worker workers[THREADS];
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (test_worker){state->limiter, bucket, CHECKS, 0, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, test_worker_run, &workers[i]), 0);
    }
    int allowed = 0, degraded = 0;
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        allowed += workers[i].allowed;
        degraded += workers[i].degraded;
    }
    assert_int_equal(degraded, 0);
    assert_int_equal(allowed, MAX);
}

int main(void)
{
    /* A write to a connection Redis closed must fail, not kill the test
     * (orderd ignores SIGPIPE the same way). */
    signal(SIGPIPE, SIG_IGN);
    if (getenv("TEST_REDIS_URL") == NULL || getenv("TEST_REDIS_URL")[0] == '\0')
        fprintf(stderr, "test_ratelimit: TEST_REDIS_URL not set; tests that need Redis are "
                        "skipped\n");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_rejects_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_accepts_url_forms_without_connecting, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_first_n_allowed_then_denied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_started_checks_finish_later, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remaining_counts_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_buckets_are_independent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_instances_share_one_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_window_refills, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seconds_round_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_has_expiry_and_db, setup, teardown),
        cmocka_unit_test_setup_teardown(test_script_flush_falls_back_to_eval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_connection_is_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_password_fails_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redis_down_fails_open_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redis_hung_fails_open_within_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_checks_spend_exact_budget, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
