/*
 * rt_log.h - structured logs: one JSON object per line on stderr.
 *
 *   {"ts":"2026-11-22T00:07:09.123Z","level":"info","event":"request",
 *    "method":"GET","path":"/orders","status":200,"duration_ms":1.42,
 *    "user":"8c1f...","request_id":"..."}
 *
 * A line is built in an rt_log_line (a buffer on the caller's stack) and
 * written with one write(2), so lines from many threads never interleave.
 * The minimum level is set once at start-up (rt_log_init) and read-only
 * afterwards.
 */
#ifndef RT_LOG_H
#define RT_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_buf.h"

typedef enum rt_log_level {
    RT_LOG_DEBUG = 0,
    RT_LOG_INFO,
    RT_LOG_WARN,
    RT_LOG_ERROR,
} rt_log_level;

/* Parses "debug" / "info" / "warn" / "error"; returns 0 or RT_EINVAL. */
int rt_log_level_parse(const char *name, rt_log_level *out);
/* Sets the minimum level and the output fd (2 by default). Call once. */
void rt_log_init(rt_log_level min_level, int fd);
bool rt_log_enabled(rt_log_level level);

typedef struct rt_log_line {
    rt_buf buf;
    bool enabled;
} rt_log_line;

/* begin writes ts, level and event; end closes the object, writes the line
 * and frees the buffer. Between them, add fields. Every function is a
 * no-op when the level is disabled. */
void rt_log_begin(rt_log_line *line, rt_log_level level, const char *event);
void rt_log_str(rt_log_line *line, const char *key, const char *value); /* NULL -> null */
void rt_log_int(rt_log_line *line, const char *key, int64_t value);
void rt_log_double(rt_log_line *line, const char *key, double value);
void rt_log_bool(rt_log_line *line, const char *key, bool value);
void rt_log_end(rt_log_line *line);

/* One-shot helper: {"event": event, "message": message}. */
void rt_log_message(rt_log_level level, const char *event, const char *message);

#endif /* RT_LOG_H */
