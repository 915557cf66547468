/*
 * rt_ratelimit.c - per-endpoint rate limits in Redis: GCRA in one Lua
 * script, a small pool of hiredis connections, fail open when Redis is
 * down or slow (see rt_ratelimit.h for the contract).
 *
 * The algorithm (GCRA, the "generic cell rate algorithm"): key
 * "orderd:rl:<bucket>" holds the theoretical arrival time (TAT) of the next
 * request, in microseconds of Redis's own clock (TIME), so every server
 * process shares one clock and one budget. With
 *   interval  = floor(window_us / max_requests)   (time one request costs)
 *   tolerance = interval * max_requests            (the burst, <= window)
 * a request at `now` is allowed when max(TAT, now) + interval - now <=
 * tolerance, and then TAT becomes max(TAT, now) + interval. A fresh client
 * can so send max_requests at once and then one per interval. All
 * arithmetic is on integers below 2^53, exact in Lua's doubles. The key
 * expires after the window (PX), when it would mean "full budget" anyway.
 *
 * The script runs with EVALSHA (its SHA1 comes from SCRIPT LOAD when a
 * connection is made); a NOSCRIPT reply (after SCRIPT FLUSH or a Redis
 * restart) falls back to EVAL with the script text, which caches it again.
 *
 * Connections: hiredis 0.14 contexts are not thread-safe, so checks borrow
 * one from a pool of at most pool_size, created lazily (open succeeds with
 * Redis down). Connect and every command are bounded by timeout_ms. A
 * context is dead after an error or a timeout: it is freed, never reused.
 * A reused connection that fails with anything but a timeout (Redis was
 * restarted, the client was killed) is retried once on a fresh connection.
 *
 * Fail open: when Redis cannot answer, the check allows the request and
 * marks the decision degraded; connects are then not attempted again for
 * RT_RATELIMIT_RETRY_MS (so an outage costs no latency), and the
 * "ratelimit_degraded" warning is logged at most once per
 * RT_RATELIMIT_WARN_MS per limiter. Both timestamps live in the limiter,
 * under its mutex: there is no global mutable state here.
 *
 * Invariants (under limiter->mutex):
 *   0 <= idle_count <= open_count <= pool_size;
 *   open_count counts every connection that exists or is being made:
 *   idle ones, lent ones and reserved slots being connected;
 *   every connection in idle[] has a healthy context (err == 0).
 *
 * Ownership: the limiter owns its connections; a lent connection belongs
 * to the borrowing thread until it is released (back to idle[] or freed).
 */
#include "rt_ratelimit.h"

#include <assert.h>
#include <errno.h>
#include <hiredis/hiredis.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt_clock.h"
#include "rt_error.h"
#include "rt_log.h"

#define RT_RATELIMIT_KEY_PREFIX "orderd:rl:"
#define RT_RATELIMIT_RETRY_MS 1000 /* no reconnect sooner after a failure */
#define RT_RATELIMIT_WARN_MS 1000  /* at most one warning per this period */
#define RT_RATELIMIT_DEFAULT_PORT 6379
#define RT_RATELIMIT_MAX_POOL 1024
#define RT_RATELIMIT_MAX_TIMEOUT_MS 60000
#define RT_RATELIMIT_MAX_WINDOW_SECONDS 315360000LL /* ten years */
#define RT_RATELIMIT_SHA_LEN 40
#define RT_RATELIMIT_HOST_MAX 256
#define RT_RATELIMIT_SOCKET_MAX 108 /* sizeof sun_path */
#define RT_RATELIMIT_SECRET_MAX 256

/* KEYS[1]: the bucket key. ARGV[1]: max requests (= the burst), ARGV[2]:
 * window in seconds. Returns {allowed (0/1), remaining, reset_ms,
 * retry_after_ms}. replicate_commands() lets a script write after TIME on
 * Redis < 5; it is the default (and a no-op) on Redis 7. */
static const char ratelimit_script[] =
    "if redis.replicate_commands then redis.replicate_commands() end\n"
    "local limit = tonumber(ARGV[1])\n"
    "local window_seconds = tonumber(ARGV[2])\n"
    "local interval = math.floor(window_seconds * 1000000 / limit)\n"
    "local tolerance = interval * limit\n"
    "local time = redis.call('TIME')\n"
    "local now = tonumber(time[1]) * 1000000 + tonumber(time[2])\n"
    "local tat = tonumber(redis.call('GET', KEYS[1]) or '') or now\n"
    "if tat < now then tat = now end\n"
    "local new_tat = tat + interval\n"
    "if new_tat - now > tolerance then\n"
    "  return {0, 0, math.ceil((tat - now) / 1000),\n"
    "          math.ceil((new_tat - tolerance - now) / 1000)}\n"
    "end\n"
    "redis.call('SET', KEYS[1], string.format('%d', new_tat),\n"
    "           'PX', string.format('%d', window_seconds * 1000))\n"
    "return {1, math.floor((tolerance - (new_tat - now)) / interval),\n"
    "        math.ceil((new_tat - now) / 1000), 0}\n";

typedef struct ratelimit_connection {
    redisContext *context;
    char script_sha[RT_RATELIMIT_SHA_LEN + 1]; /* from SCRIPT LOAD */
    int failure_errno;                         /* errno right after the last failed command */
} ratelimit_connection;

struct rt_ratelimit {
    /* Configuration: set by rt_ratelimit_open, read-only afterwards. */
    char host[RT_RATELIMIT_HOST_MAX];
    int port;
    char socket_path[RT_RATELIMIT_SOCKET_MAX]; /* "" for TCP (host, port) */
    char username[RT_RATELIMIT_SECRET_MAX];    /* "" for AUTH <password> */
    char password[RT_RATELIMIT_SECRET_MAX];    /* "" when no AUTH */
    int db;
    int64_t max_requests;
    int64_t window_seconds;
    int timeout_ms;
    int pool_size;

    /* Mutable state, guarded by mutex (see the invariants above). */
    pthread_mutex_t mutex;
    pthread_cond_t connection_released; /* an idle connection or a free slot */
    ratelimit_connection **idle;        /* pool_size slots, idle_count used */
    int idle_count;
    int open_count;
    int64_t down_until_ms;   /* monotonic: no connect attempts before */
    int64_t next_warning_ms; /* monotonic: no warning logged before */

    /* Counters and state for metrics and the lost/recovered events. */
    atomic_bool degraded;    /* the last check failed open */
    atomic_llong rejections; /* checks that refused (429) */
};

/* An operation run on a borrowed connection: 0, RT_EUNAVAILABLE when the
 * connection broke (context->err set), RT_EIO for an unexpected reply on a
 * healthy connection. reason gets a short explanation on failure. */
typedef int (*ratelimit_operation)(rt_ratelimit *limiter, ratelimit_connection *connection,
                                   void *argument, char *reason, size_t reason_len);

typedef struct ratelimit_check_argument {
    const char *bucket;
    rt_ratelimit_decision *decision;
} ratelimit_check_argument;

/* ------------------------------------------------------------ helpers */

static struct timeval ratelimit_timeval(int timeout_ms)
{
    struct timeval tv;
    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    return tv;
}

/* Milliseconds rounded up to whole seconds. */
static int64_t ratelimit_ms_to_seconds_up(int64_t ms)
{
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

/* redisCommand that remembers errno when the context breaks, so a timeout
 * (EAGAIN) can be told from a closed connection. Returns the reply (owned
 * by the caller: freeReplyObject) or NULL with context->err set. */
static redisReply *ratelimit_command(ratelimit_connection *connection, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    redisReply *reply = redisvCommand(connection->context, format, arguments);
    connection->failure_errno = reply == NULL ? errno : 0;
    va_end(arguments);
    return reply;
}

/* Describes a failed command in reason: the context's error when it broke,
 * else the reply. Returns RT_EUNAVAILABLE (broken) or RT_EIO (bad reply). */
static int ratelimit_command_failure(const ratelimit_connection *connection,
                                     const redisReply *reply, const char *what, char *reason,
                                     size_t reason_len)
{
    int rc = RT_EIO;
    if (reply == NULL || connection->context->err != 0) {
        snprintf(reason, reason_len, "%s: %s", what, connection->context->errstr);
        rc = RT_EUNAVAILABLE;
    } else if (reply->type == REDIS_REPLY_ERROR) {
        snprintf(reason, reason_len, "%s: %s", what, reply->str);
    } else {
        snprintf(reason, reason_len, "%s: unexpected reply type %d", what, reply->type);
    }
    return rc;
}

/* A broken connection worth one retry on a fresh one: closed or reset by
 * the peer, not a timeout (waiting again would double the latency). */
static bool ratelimit_broken_retryable(const ratelimit_connection *connection)
{
    const redisContext *context = connection->context;
    if (context->err == REDIS_ERR_EOF)
        return true;
    return context->err == REDIS_ERR_IO && connection->failure_errno != EAGAIN &&
           connection->failure_errno != EWOULDBLOCK && connection->failure_errno != ETIMEDOUT;
}

static void ratelimit_connection_free(ratelimit_connection *connection)
{
    if (connection == NULL)
        return;
    if (connection->context != NULL)
        redisFree(connection->context);
    free(connection);
}

/* --------------------------------------------------------- URL parsing */

static int ratelimit_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Copies text[0..len) into out (out_len bytes with the NUL), decoding %XX
 * escapes. RT_EINVAL on a bad escape, a NUL byte or no room. */
static int ratelimit_percent_decode(const char *text, size_t len, char *out, size_t out_len)
{
    int rc = 0;
    size_t written = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= len) {
                rc = RT_EINVAL;
                goto done;
            }
            int high = ratelimit_hex_value(text[i + 1]);
            int low = ratelimit_hex_value(text[i + 2]);
            if (high < 0 || low < 0) {
                rc = RT_EINVAL;
                goto done;
            }
            c = (char)(high * 16 + low);
            i += 2;
        }
        if (c == '\0' || written + 1 >= out_len) {
            rc = RT_EINVAL;
            goto done;
        }
        out[written++] = c;
    }
    out[written] = '\0';
done:
    return rc;
}

/* Parses decimal digits text[0..len) into 0..max. RT_EINVAL otherwise. */
static int ratelimit_parse_number(const char *text, size_t len, long max, long *out)
{
    int rc = RT_EINVAL;
    long value = 0;
    if (len == 0 || len > 9)
        goto done;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            goto done;
        value = value * 10 + (text[i] - '0');
    }
    if (value > max)
        goto done;
    *out = value;
    rc = 0;
done:
    return rc;
}

/* The optional "[username]:password@" before the address (%XX escapes
 * allowed) into the limiter; *authority moves past it. For a TCP address
 * the last '@' ends it (as before: a password may hold a raw '/'); for a
 * socket, whose path may hold '@', the first '@' before the path's '/'.
 * A username alone cannot authenticate: RT_EINVAL. */
static int ratelimit_parse_userinfo(rt_ratelimit *limiter, bool socket, const char **authority)
{
    const char *start = *authority;
    const char *at = socket ? memchr(start, '@', strcspn(start, "/")) : strrchr(start, '@');
    const char *colon = NULL;

    if (at == NULL)
        return 0;
    colon = memchr(start, ':', (size_t)(at - start));
    if (colon == NULL)
        return RT_EINVAL;
    if (ratelimit_percent_decode(start, (size_t)(colon - start), limiter->username,
                                 sizeof limiter->username) != 0 ||
        ratelimit_percent_decode(colon + 1, (size_t)(at - colon - 1), limiter->password,
                                 sizeof limiter->password) != 0 ||
        limiter->password[0] == '\0')
        return RT_EINVAL;
    *authority = at + 1;
    return 0;
}

/* host[:port][/db] (the host may be a bracketed IPv6 address). */
static int ratelimit_parse_tcp_address(rt_ratelimit *limiter, const char *authority)
{
    long number = 0;
    const char *authority_end = authority + strcspn(authority, "/");
    const char *host_start = NULL;
    const char *host_end = NULL;
    const char *port_start = NULL;

    if (strpbrk(authority, "?#") != NULL) /* no options are supported */
        return RT_EINVAL;
    if (*authority == '[') {
        host_start = authority + 1;
        host_end = memchr(host_start, ']', (size_t)(authority_end - host_start));
        if (host_end == NULL)
            return RT_EINVAL;
        port_start = host_end + 1;
    } else {
        host_start = authority;
        host_end = memchr(authority, ':', (size_t)(authority_end - authority));
        if (host_end == NULL)
            host_end = authority_end;
        port_start = host_end;
    }
    if (host_end == host_start || (size_t)(host_end - host_start) >= sizeof limiter->host)
        return RT_EINVAL;
    memcpy(limiter->host, host_start, (size_t)(host_end - host_start));
    limiter->host[host_end - host_start] = '\0';

    limiter->port = RT_RATELIMIT_DEFAULT_PORT;
    if (port_start < authority_end) {
        if (*port_start != ':' ||
            ratelimit_parse_number(port_start + 1, (size_t)(authority_end - port_start - 1), 65535,
                                   &number) != 0 ||
            number == 0)
            return RT_EINVAL;
        limiter->port = (int)number;
    }
    limiter->db = 0;
    if (*authority_end == '/' && authority_end[1] != '\0') {
        if (ratelimit_parse_number(authority_end + 1, strlen(authority_end + 1), INT_MAX,
                                   &number) != 0)
            return RT_EINVAL;
        limiter->db = (int)number;
    }
    return 0;
}

/* /absolute/path/of/redis.sock[?db=N]: Redis's Unix-domain socket. */
static int ratelimit_parse_socket_address(rt_ratelimit *limiter, const char *path)
{
    static const char db_option[] = "?db=";
    long number = 0;
    size_t path_len = strcspn(path, "?#");

    if (path[0] != '/' || path_len >= sizeof limiter->socket_path)
        return RT_EINVAL;
    memcpy(limiter->socket_path, path, path_len);
    limiter->socket_path[path_len] = '\0';
    limiter->db = 0;
    if (path[path_len] == '\0')
        return 0;
    if (strncmp(path + path_len, db_option, sizeof db_option - 1) != 0)
        return RT_EINVAL;
    const char *db = path + path_len + sizeof db_option - 1;
    if (ratelimit_parse_number(db, strlen(db), INT_MAX, &number) != 0)
        return RT_EINVAL;
    limiter->db = (int)number;
    return 0;
}

/* REDIS_URL into the limiter's configuration (rt_ratelimit.h):
 *   redis://[[username]:password@]host[:port][/db]   TCP
 *   unix://[[username]:password@]/path/to/redis.sock[?db=N]   a Unix socket
 * The username and password may use %XX escapes. */
static int ratelimit_parse_url(rt_ratelimit *limiter, const char *url)
{
    static const char tcp_scheme[] = "redis://";
    static const char socket_scheme[] = "unix://";
    const char *authority = NULL;
    bool socket = false;

    if (url == NULL)
        return RT_EINVAL;
    if (strncmp(url, tcp_scheme, sizeof tcp_scheme - 1) == 0) {
        authority = url + sizeof tcp_scheme - 1;
    } else if (strncmp(url, socket_scheme, sizeof socket_scheme - 1) == 0) {
        authority = url + sizeof socket_scheme - 1;
        socket = true;
    } else {
        return RT_EINVAL;
    }
    if (ratelimit_parse_userinfo(limiter, socket, &authority) != 0)
        return RT_EINVAL;
    if (socket)
        return ratelimit_parse_socket_address(limiter, authority);
    return ratelimit_parse_tcp_address(limiter, authority);
}

/* ---------------------------------------------------------------- pool */

/* Frees every idle connection (they are likely dead too). Caller holds the
 * mutex. */
static void ratelimit_drop_idle_locked(rt_ratelimit *limiter)
{
    while (limiter->idle_count > 0) {
        limiter->idle_count--;
        ratelimit_connection_free(limiter->idle[limiter->idle_count]);
        limiter->idle[limiter->idle_count] = NULL;
        limiter->open_count--;
    }
    pthread_cond_broadcast(&limiter->connection_released);
}

/* Redis failed: no connect attempts for RT_RATELIMIT_RETRY_MS, and the
 * idle connections are dropped. Waiters wake up and fail fast. */
static void ratelimit_mark_down(rt_ratelimit *limiter)
{
    pthread_mutex_lock(&limiter->mutex);
    limiter->down_until_ms = rt_clock_now_ms() + RT_RATELIMIT_RETRY_MS;
    ratelimit_drop_idle_locked(limiter);
    pthread_mutex_unlock(&limiter->mutex);
}

/* Makes a new connection: connect, timeouts, AUTH and SELECT when the URL
 * asks for them, SCRIPT LOAD. Returns 0 with *out (owned by the caller),
 * or RT_EUNAVAILABLE / RT_EIO / RT_ENOMEM with reason. */
static int ratelimit_connect(rt_ratelimit *limiter, ratelimit_connection **out, char *reason,
                             size_t reason_len)
{
    int rc = 0;
    redisReply *reply = NULL;
    struct timeval timeout = ratelimit_timeval(limiter->timeout_ms);
    ratelimit_connection *connection = calloc(1, sizeof *connection);

    if (connection == NULL) {
        snprintf(reason, reason_len, "out of memory");
        rc = RT_ENOMEM;
        goto done;
    }
    if (limiter->socket_path[0] != '\0')
        connection->context = redisConnectUnixWithTimeout(limiter->socket_path, timeout);
    else
        connection->context = redisConnectWithTimeout(limiter->host, limiter->port, timeout);
    if (connection->context == NULL) {
        snprintf(reason, reason_len, "connect: out of memory");
        rc = RT_ENOMEM;
        goto done;
    }
    if (connection->context->err != 0) {
        snprintf(reason, reason_len, "connect: %s", connection->context->errstr);
        rc = RT_EUNAVAILABLE;
        goto done;
    }
    /* The connect timeout does not carry over to commands. */
    if (redisSetTimeout(connection->context, timeout) != REDIS_OK) {
        snprintf(reason, reason_len, "set timeout: %s", connection->context->errstr);
        rc = RT_EUNAVAILABLE;
        goto done;
    }
    if (limiter->password[0] != '\0') {
        if (limiter->username[0] != '\0')
            reply =
                ratelimit_command(connection, "AUTH %s %s", limiter->username, limiter->password);
        else
            reply = ratelimit_command(connection, "AUTH %s", limiter->password);
        if (reply == NULL || reply->type != REDIS_REPLY_STATUS) {
            rc = ratelimit_command_failure(connection, reply, "AUTH", reason, reason_len);
            goto done;
        }
        freeReplyObject(reply);
        reply = NULL;
    }
    if (limiter->db != 0) {
        reply = ratelimit_command(connection, "SELECT %d", limiter->db);
        if (reply == NULL || reply->type != REDIS_REPLY_STATUS) {
            rc = ratelimit_command_failure(connection, reply, "SELECT", reason, reason_len);
            goto done;
        }
        freeReplyObject(reply);
        reply = NULL;
    }
    reply = ratelimit_command(connection, "SCRIPT LOAD %s", ratelimit_script);
    if (reply == NULL || reply->type != REDIS_REPLY_STRING || reply->len != RT_RATELIMIT_SHA_LEN) {
        rc = ratelimit_command_failure(connection, reply, "SCRIPT LOAD", reason, reason_len);
        goto done;
    }
    memcpy(connection->script_sha, reply->str, RT_RATELIMIT_SHA_LEN);
    connection->script_sha[RT_RATELIMIT_SHA_LEN] = '\0';
    *out = connection;
    connection = NULL;
done:
    if (reply != NULL)
        freeReplyObject(reply);
    ratelimit_connection_free(connection);
    return rc;
}

/* Lends a connection: an idle one (*out_reused = true), or a new one when
 * the pool has room, waiting up to timeout_ms for one to be released.
 * Returns 0 with *out, or RT_EUNAVAILABLE (Redis marked down, connect
 * failed, pool busy) / RT_EIO (AUTH, SELECT or SCRIPT LOAD refused) /
 * RT_ENOMEM with reason. Any failed connect marks Redis down. */
static int ratelimit_acquire(rt_ratelimit *limiter, ratelimit_connection **out, bool *out_reused,
                             char *reason, size_t reason_len)
{
    int rc = 0;
    bool must_connect = false;
    struct timespec deadline;

    *out = NULL;
    *out_reused = false;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += limiter->timeout_ms / 1000;
    deadline.tv_nsec += (long)(limiter->timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }

    pthread_mutex_lock(&limiter->mutex);
    for (;;) {
        assert(limiter->idle_count >= 0 && limiter->idle_count <= limiter->open_count);
        assert(limiter->open_count <= limiter->pool_size);
        if (rt_clock_now_ms() < limiter->down_until_ms) {
            snprintf(reason, reason_len, "redis failed recently; next attempt within %d ms",
                     RT_RATELIMIT_RETRY_MS);
            rc = RT_EUNAVAILABLE;
            break;
        }
        if (limiter->idle_count > 0) {
            limiter->idle_count--;
            *out = limiter->idle[limiter->idle_count];
            limiter->idle[limiter->idle_count] = NULL;
            *out_reused = true;
            break;
        }
        if (limiter->open_count < limiter->pool_size) {
            limiter->open_count++; /* reserve the slot; connect unlocked */
            must_connect = true;
            break;
        }
        if (pthread_cond_timedwait(&limiter->connection_released, &limiter->mutex, &deadline) ==
            ETIMEDOUT) {
            snprintf(reason, reason_len, "all %d redis connections busy for %d ms",
                     limiter->pool_size, limiter->timeout_ms);
            rc = RT_EUNAVAILABLE;
            break;
        }
    }
    pthread_mutex_unlock(&limiter->mutex);

    if (must_connect) {
        rc = ratelimit_connect(limiter, out, reason, reason_len);
        if (rc != 0) {
            pthread_mutex_lock(&limiter->mutex);
            limiter->open_count--;
            pthread_cond_signal(&limiter->connection_released);
            pthread_mutex_unlock(&limiter->mutex);
            /* Refused, timed out or rejected (AUTH): wait before retrying. */
            ratelimit_mark_down(limiter);
        }
    }
    return rc;
}

/* Returns a lent connection: to the idle list when its context is
 * healthy, else it is freed. */
static void ratelimit_release(rt_ratelimit *limiter, ratelimit_connection *connection)
{
    ratelimit_connection *broken = NULL;
    pthread_mutex_lock(&limiter->mutex);
    if (connection->context->err == 0) {
        assert(limiter->idle_count < limiter->open_count);
        limiter->idle[limiter->idle_count++] = connection;
    } else {
        limiter->open_count--;
        broken = connection;
    }
    pthread_cond_signal(&limiter->connection_released);
    pthread_mutex_unlock(&limiter->mutex);
    ratelimit_connection_free(broken);
}

/* Runs operation on a borrowed connection. A reused connection that broke
 * without timing out (Redis restarted, client killed) gets one retry on a
 * fresh connection; a connection that still breaks marks Redis down.
 * Returns 0, RT_EUNAVAILABLE, RT_EIO or RT_ENOMEM (reason says why). */
static int ratelimit_run(rt_ratelimit *limiter, ratelimit_operation operation, void *argument,
                         char *reason, size_t reason_len)
{
    int rc = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        ratelimit_connection *connection = NULL;
        bool reused = false;
        rc = ratelimit_acquire(limiter, &connection, &reused, reason, reason_len);
        if (rc != 0)
            goto done;
        rc = operation(limiter, connection, argument, reason, reason_len);
        bool broken = connection->context->err != 0;
        bool retry = broken && reused && attempt == 0 && ratelimit_broken_retryable(connection);
        ratelimit_release(limiter, connection);
        if (!broken)
            goto done;
        if (!retry) {
            ratelimit_mark_down(limiter);
            goto done;
        }
        /* The other idle connections went through the same restart. */
        pthread_mutex_lock(&limiter->mutex);
        ratelimit_drop_idle_locked(limiter);
        pthread_mutex_unlock(&limiter->mutex);
    }
done:
    return rc;
}

/* ---------------------------------------------------------- operations */

/* Reads the script's {allowed, remaining, reset_ms, retry_after_ms}. */
static int ratelimit_read_decision(const rt_ratelimit *limiter, const redisReply *reply,
                                   rt_ratelimit_decision *out, char *reason, size_t reason_len)
{
    int rc = RT_EIO;
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 4)
        goto done;
    for (size_t i = 0; i < 4; i++) {
        if (reply->element[i]->type != REDIS_REPLY_INTEGER || reply->element[i]->integer < 0)
            goto done;
    }
    if (reply->element[0]->integer > 1)
        goto done;
    out->allowed = reply->element[0]->integer == 1;
    out->degraded = false;
    out->limit = limiter->max_requests;
    out->remaining = reply->element[1]->integer;
    out->reset_seconds = ratelimit_ms_to_seconds_up(reply->element[2]->integer);
    out->retry_after_seconds = 0;
    if (!out->allowed) {
        /* The script never denies with less than 1 ms to wait; >= 1 s regardless. */
        out->retry_after_seconds = ratelimit_ms_to_seconds_up(reply->element[3]->integer);
        if (out->retry_after_seconds < 1)
            out->retry_after_seconds = 1;
    }
    rc = 0;
done:
    if (rc != 0)
        snprintf(reason, reason_len, "rate limit script: unexpected reply");
    return rc;
}

/* Turns the script's reply into a decision, taking ownership of reply; on
 * NOSCRIPT (a restarted Redis forgot the script) runs it once with EVAL. */
static int ratelimit_script_reply(rt_ratelimit *limiter, ratelimit_connection *connection,
                                  const char *bucket, redisReply *reply,
                                  rt_ratelimit_decision *decision, char *reason, size_t reason_len)
{
    int rc = 0;
    if (reply != NULL && reply->type == REDIS_REPLY_ERROR &&
        strncmp(reply->str, "NOSCRIPT", 8) == 0) {
        freeReplyObject(reply);
        reply = ratelimit_command(connection, "EVAL %s 1 " RT_RATELIMIT_KEY_PREFIX "%s %lld %lld",
                                  ratelimit_script, bucket, (long long)limiter->max_requests,
                                  (long long)limiter->window_seconds);
    }
    if (reply == NULL || reply->type == REDIS_REPLY_ERROR) {
        rc = ratelimit_command_failure(connection, reply, "rate limit script", reason, reason_len);
        goto done;
    }
    rc = ratelimit_read_decision(limiter, reply, decision, reason, reason_len);
done:
    if (reply != NULL)
        freeReplyObject(reply);
    return rc;
}

/* Queues the script's EVALSHA on connection and writes it out, without
 * waiting for the answer (ratelimit_script_reply reads it later). */
static int ratelimit_send_script(rt_ratelimit *limiter, ratelimit_connection *connection,
                                 const char *bucket, char *reason, size_t reason_len)
{
    int done = 0;
    redisContext *context = connection->context;
    if (redisAppendCommand(context, "EVALSHA %s 1 " RT_RATELIMIT_KEY_PREFIX "%s %lld %lld",
                           connection->script_sha, bucket, (long long)limiter->max_requests,
                           (long long)limiter->window_seconds) != REDIS_OK)
        goto failed;
    while (!done) {
        if (redisBufferWrite(context, &done) != REDIS_OK)
            goto failed;
    }
    return 0;
failed:
    connection->failure_errno = errno;
    return ratelimit_command_failure(connection, NULL, "rate limit script", reason, reason_len);
}

/* Reads the answer to ratelimit_send_script. */
static int ratelimit_receive_script(rt_ratelimit *limiter, ratelimit_connection *connection,
                                    const char *bucket, rt_ratelimit_decision *decision,
                                    char *reason, size_t reason_len)
{
    void *reply = NULL;
    if (redisGetReply(connection->context, &reply) != REDIS_OK) {
        connection->failure_errno = errno;
        reply = NULL;
    }
    return ratelimit_script_reply(limiter, connection, bucket, reply, decision, reason, reason_len);
}

static int ratelimit_check_operation(rt_ratelimit *limiter, ratelimit_connection *connection,
                                     void *argument, char *reason, size_t reason_len)
{
    const ratelimit_check_argument *check = argument;
    int rc = ratelimit_send_script(limiter, connection, check->bucket, reason, reason_len);
    if (rc == 0)
        rc = ratelimit_receive_script(limiter, connection, check->bucket, check->decision, reason,
                                      reason_len);
    return rc;
}

static int ratelimit_ping_operation(rt_ratelimit *limiter, ratelimit_connection *connection,
                                    void *argument, char *reason, size_t reason_len)
{
    (void)limiter;
    (void)argument;
    int rc = 0;
    redisReply *reply = ratelimit_command(connection, "PING");
    if (reply == NULL || reply->type != REDIS_REPLY_STATUS || strcmp(reply->str, "PONG") != 0)
        rc = ratelimit_command_failure(connection, reply, "PING", reason, reason_len);
    if (reply != NULL)
        freeReplyObject(reply);
    return rc;
}

/* The fail-open decision, and the warning when one is due. */
static void ratelimit_fail_open(rt_ratelimit *limiter, const char *bucket, const char *reason,
                                rt_ratelimit_decision *out)
{
    bool warn = false;
    char address[RT_RATELIMIT_HOST_MAX + 32];

    /* Nothing was counted: the whole budget is reported as remaining. */
    out->allowed = true;
    out->degraded = true;
    out->limit = limiter->max_requests;
    out->remaining = limiter->max_requests;
    out->reset_seconds = 0;
    out->retry_after_seconds = 0;

    pthread_mutex_lock(&limiter->mutex);
    int64_t now = rt_clock_now_ms();
    if (now >= limiter->next_warning_ms) {
        limiter->next_warning_ms = now + RT_RATELIMIT_WARN_MS;
        warn = true;
    }
    pthread_mutex_unlock(&limiter->mutex);

    if (warn) {
        rt_log_line line;
        if (limiter->socket_path[0] != '\0')
            snprintf(address, sizeof address, "unix:%s?db=%d", limiter->socket_path, limiter->db);
        else
            snprintf(address, sizeof address, "%s:%d/%d", limiter->host, limiter->port,
                     limiter->db);
        rt_log_begin(&line, RT_LOG_WARN, "ratelimit_degraded");
        rt_log_str(&line, "message", "redis unavailable: request allowed without counting");
        rt_log_str(&line, "reason", reason);
        rt_log_str(&line, "redis", address);
        rt_log_str(&line, "bucket", bucket);
        rt_log_end(&line);
    }
}

/* The first failed check after a working one logs redis_lost. */
static void ratelimit_note_degraded(rt_ratelimit *limiter, const char *reason)
{
    if (atomic_load(&limiter->degraded) || atomic_exchange(&limiter->degraded, true))
        return;
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_ERROR, "redis_lost");
    rt_log_str(&line, "message", "Redis unavailable: rate limiting is off until it is back");
    rt_log_str(&line, "reason", reason);
    rt_log_end(&line);
}

/* The first working check after failed ones logs redis_recovered. */
static void ratelimit_note_recovered(rt_ratelimit *limiter)
{
    if (!atomic_load(&limiter->degraded) || !atomic_exchange(&limiter->degraded, false))
        return;
    rt_log_message(RT_LOG_INFO, "redis_recovered", "Redis answers again: rate limiting is on");
}

/* ---------------------------------------------------------- public API */

int rt_ratelimit_open(const char *redis_url, int pool_size, int64_t max_requests,
                      int64_t window_seconds, int timeout_ms, rt_ratelimit **out)
{
    int rc = 0;
    bool mutex_made = false;
    bool cond_made = false;
    pthread_condattr_t cond_attributes;
    rt_ratelimit *limiter = NULL;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || pool_size < 1 || pool_size > RT_RATELIMIT_MAX_POOL || window_seconds < 1 ||
        window_seconds > RT_RATELIMIT_MAX_WINDOW_SECONDS || max_requests < 1 ||
        max_requests > window_seconds * 1000000 || timeout_ms < 1 ||
        timeout_ms > RT_RATELIMIT_MAX_TIMEOUT_MS) {
        rc = RT_EINVAL;
        goto done;
    }
    limiter = calloc(1, sizeof *limiter);
    if (limiter == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    rc = ratelimit_parse_url(limiter, redis_url);
    if (rc != 0)
        goto done;
    limiter->max_requests = max_requests;
    limiter->window_seconds = window_seconds;
    limiter->timeout_ms = timeout_ms;
    limiter->pool_size = pool_size;
    limiter->idle = calloc((size_t)pool_size, sizeof *limiter->idle);
    if (limiter->idle == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (pthread_mutex_init(&limiter->mutex, NULL) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    mutex_made = true;
    /* Waits are measured on the monotonic clock, like every timestamp here. */
    if (pthread_condattr_init(&cond_attributes) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (pthread_condattr_setclock(&cond_attributes, CLOCK_MONOTONIC) == 0 &&
        pthread_cond_init(&limiter->connection_released, &cond_attributes) == 0)
        cond_made = true;
    pthread_condattr_destroy(&cond_attributes);
    if (!cond_made) {
        rc = RT_ENOMEM;
        goto done;
    }
    *out = limiter;
    limiter = NULL;
done:
    if (limiter != NULL) {
        if (mutex_made)
            pthread_mutex_destroy(&limiter->mutex);
        explicit_bzero(limiter->password, sizeof limiter->password);
        free(limiter->idle);
        free(limiter);
    }
    return rc;
}

void rt_ratelimit_close(rt_ratelimit *limiter)
{
    if (limiter == NULL)
        return;
    pthread_mutex_lock(&limiter->mutex);
    /* Every lent connection must have been released by now. */
    assert(limiter->idle_count == limiter->open_count);
    ratelimit_drop_idle_locked(limiter);
    pthread_mutex_unlock(&limiter->mutex);
    pthread_cond_destroy(&limiter->connection_released);
    pthread_mutex_destroy(&limiter->mutex);
    explicit_bzero(limiter->password, sizeof limiter->password);
    free(limiter->idle);
    free(limiter);
}

int rt_ratelimit_start(rt_ratelimit *limiter, const char *bucket, rt_ratelimit_pending *out)
{
    ratelimit_connection *connection = NULL;
    bool reused = false;

    if (out == NULL)
        return RT_EINVAL;
    memset(out, 0, sizeof *out);
    if (limiter == NULL || bucket == NULL || bucket[0] == '\0')
        return RT_EINVAL;
    out->bucket = bucket;
    out->rc = ratelimit_acquire(limiter, &connection, &reused, out->reason, sizeof out->reason);
    if (out->rc != 0)
        return 0;
    out->connection = connection;
    out->reused = reused;
    out->rc = ratelimit_send_script(limiter, connection, bucket, out->reason, sizeof out->reason);
    return 0;
}

/* Reads the pending check's answer and returns its connection. A reused
 * connection that broke without timing out (Redis restarted) gets one
 * retry on a fresh one, as every operation does (ratelimit_run). */
static int ratelimit_collect(rt_ratelimit *limiter, rt_ratelimit_pending *pending,
                             rt_ratelimit_decision *out)
{
    ratelimit_connection *connection = pending->connection;
    int rc = pending->rc;

    if (connection == NULL)
        return rc;
    pending->connection = NULL;
    if (rc == 0)
        rc = ratelimit_receive_script(limiter, connection, pending->bucket, out, pending->reason,
                                      sizeof pending->reason);
    bool broken = connection->context->err != 0;
    bool retry = broken && pending->reused && ratelimit_broken_retryable(connection);
    ratelimit_release(limiter, connection);
    if (broken && !retry)
        ratelimit_mark_down(limiter);
    if (retry) {
        ratelimit_check_argument check = {pending->bucket, out};
        pthread_mutex_lock(&limiter->mutex);
        ratelimit_drop_idle_locked(limiter); /* they went through the same restart */
        pthread_mutex_unlock(&limiter->mutex);
        rc = ratelimit_run(limiter, ratelimit_check_operation, &check, pending->reason,
                           sizeof pending->reason);
    }
    return rc;
}

int rt_ratelimit_finish(rt_ratelimit *limiter, rt_ratelimit_pending *pending,
                        rt_ratelimit_decision *out)
{
    if (limiter == NULL || pending == NULL || out == NULL || pending->bucket == NULL)
        return RT_EINVAL;
    memset(out, 0, sizeof *out);
    if (ratelimit_collect(limiter, pending, out) != 0) {
        ratelimit_note_degraded(limiter, pending->reason);
        ratelimit_fail_open(limiter, pending->bucket, pending->reason, out);
        return 0;
    }
    ratelimit_note_recovered(limiter);
    if (!out->allowed)
        atomic_fetch_add_explicit(&limiter->rejections, 1, memory_order_relaxed);
    return 0;
}

int rt_ratelimit_check(rt_ratelimit *limiter, const char *bucket, rt_ratelimit_decision *out)
{
    rt_ratelimit_pending pending;
    int rc = out == NULL ? RT_EINVAL : rt_ratelimit_start(limiter, bucket, &pending);

    if (rc == 0)
        rc = rt_ratelimit_finish(limiter, &pending, out);
    return rc;
}

void rt_ratelimit_stats(rt_ratelimit *limiter, rt_ratelimit_stats_out *out)
{
    out->rejections = atomic_load_explicit(&limiter->rejections, memory_order_relaxed);
    out->degraded = atomic_load(&limiter->degraded);
}

int rt_ratelimit_ping(rt_ratelimit *limiter)
{
    int rc = RT_EINVAL;
    char reason[RT_RATELIMIT_REASON_MAX] = "";
    if (limiter == NULL)
        goto done;
    rc = ratelimit_run(limiter, ratelimit_ping_operation, NULL, reason, sizeof reason);
    if (rc != 0)
        rc = RT_EUNAVAILABLE;
done:
    return rc;
}
