/*
 * rt_log.c - structured logs: one JSON object per line, one write(2) per
 * line.
 *
 * A line is built in the caller's rt_log_line buffer:
 *   {"ts":"2026-11-22T00:07:09.123Z","level":"info","event":"request",...}
 * then written whole by rt_log_end, retrying on EINTR and partial writes,
 * so lines from different threads never interleave (for pipes up to
 * PIPE_BUF bytes, and for files opened with O_APPEND). Strings (keys and
 * values) are JSON-escaped; bytes that are not valid UTF-8 become U+FFFD,
 * so a line is valid JSON whatever a client sent.
 *
 * State: the minimum level and the output fd are configuration, set once
 * by rt_log_init before any thread starts and only read afterwards. Until
 * then the defaults apply (info, fd 2).
 *
 * Invariant: line->enabled is false exactly when nothing is being built;
 * every function is then a no-op and line->buf holds no memory.
 */
#include "rt_log.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "rt_error.h"

typedef struct log_settings {
    rt_log_level min_level;
    int fd;
} log_settings;

/* Configuration read once at start-up (see the file comment). */
static log_settings log_config = {RT_LOG_INFO, 2};

static const char *const log_level_names[] = {"debug", "info", "warn", "error"};

int rt_log_level_parse(const char *name, rt_log_level *out)
{
    int rc = RT_EINVAL;
    if (name == NULL)
        goto done;
    for (int level = RT_LOG_DEBUG; level <= RT_LOG_ERROR; level++) {
        if (strcasecmp(name, log_level_names[level]) == 0) {
            *out = (rt_log_level)level;
            rc = 0;
            goto done;
        }
    }
done:
    return rc;
}

void rt_log_init(rt_log_level min_level, int fd)
{
    assert(min_level >= RT_LOG_DEBUG && min_level <= RT_LOG_ERROR);
    assert(fd >= 0);
    log_config.min_level = min_level;
    log_config.fd = fd;
}

bool rt_log_enabled(rt_log_level level)
{
    return level >= log_config.min_level;
}

/* Writes all n bytes to fd, retrying on EINTR and partial writes. Returns 0
 * or RT_EIO. */
static int log_write_all(int fd, const char *data, size_t n)
{
    int rc = 0;
    while (n > 0) {
        ssize_t written = write(fd, data, n);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            rc = RT_EIO;
            goto done;
        }
        data += written;
        n -= (size_t)written;
    }
done:
    return rc;
}

/* Writes value as exactly `width` decimal digits ending at end[-1]. */
static void log_digits(char *end, int width, int64_t value)
{
    for (int i = 1; i <= width; i++) {
        end[-i] = (char)('0' + value % 10);
        value /= 10;
    }
}

/* Appends the current UTC time as "2026-11-22T00:07:09.123Z" (quoted).
 * gmtime_r and strftime take glibc's timezone lock on every call, which
 * serialises the HTTP threads; the civil date is computed here instead
 * (days to year/month/day, H. Hinnant's algorithm, proleptic Gregorian). */
static void log_append_timestamp(rt_buf *buf)
{
    struct timespec now;
    char text[sizeof "\"2026-11-22T00:07:09.123Z\""];
    clock_gettime(CLOCK_REALTIME, &now);

    int64_t seconds = (int64_t)now.tv_sec;
    int64_t days = seconds / 86400, of_day = seconds % 86400;
    if (of_day < 0) {
        of_day += 86400;
        days--;
    }
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t day_of_era = z - era * 146097;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_index = (5 * day_of_year + 2) / 153;
    int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
    int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
    int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        year = 0; /* a clock that far off is not worth a longer format */

    memcpy(text, "\"0000-00-00T00:00:00.000Z\"", sizeof text);
    log_digits(text + 5, 4, year);
    log_digits(text + 8, 2, month);
    log_digits(text + 11, 2, day);
    log_digits(text + 14, 2, of_day / 3600);
    log_digits(text + 17, 2, of_day / 60 % 60);
    log_digits(text + 20, 2, of_day % 60);
    log_digits(text + 24, 3, now.tv_nsec / 1000000);
    rt_buf_append(buf, text, sizeof text - 1);
}

/* The length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes
 * there are not one (overlong forms, surrogates, > U+10FFFF, truncated). */
static size_t log_utf8_sequence(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return (s[1] & 0xc0) == 0x80 ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        unsigned char low = c == 0xe0 ? 0xa0 : 0x80, high = c == 0xed ? 0x9f : 0xbf;
        return s[1] >= low && s[1] <= high && (s[2] & 0xc0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        unsigned char low = c == 0xf0 ? 0x90 : 0x80, high = c == 0xf4 ? 0x8f : 0xbf;
        return s[1] >= low && s[1] <= high && (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80 ? 4
                                                                                             : 0;
    }
    return 0;
}

/* Appends s as a JSON string. Log values come from clients (paths, ids),
 * so bytes that are not valid UTF-8 are replaced by U+FFFD to keep every
 * line valid JSON. */
static void log_append_string(rt_buf *buf, const char *s)
{
    const unsigned char *at = (const unsigned char *)s;
    size_t len;
    for (;;) {
        while (*at != '\0' && *at < 0x80) /* ASCII: the common case */
            at++;
        if (*at == '\0' || (len = log_utf8_sequence(at)) == 0)
            break;
        at += len;
    }
    if (*at == '\0') {
        rt_buf_json_string_n(buf, s, (size_t)(at - (const unsigned char *)s));
        return;
    }
    rt_buf clean;
    rt_buf_init(&clean);
    for (at = (const unsigned char *)s; *at != '\0'; at += len) {
        len = log_utf8_sequence(at);
        if (len > 0) {
            rt_buf_append(&clean, (const char *)at, len);
        } else {
            rt_buf_append(&clean, "\xef\xbf\xbd", 3);
            len = 1;
        }
    }
    if (clean.failed)
        buf->failed = true;
    else
        rt_buf_json_string_n(buf, clean.data, clean.len);
    rt_buf_free(&clean);
}

void rt_log_begin(rt_log_line *line, rt_log_level level, const char *event)
{
    assert(level >= RT_LOG_DEBUG && level <= RT_LOG_ERROR);
    rt_buf_init(&line->buf);
    line->enabled = rt_log_enabled(level);
    if (!line->enabled)
        return;
    rt_buf_puts(&line->buf, "{\"ts\":");
    log_append_timestamp(&line->buf);
    rt_buf_puts(&line->buf, ",\"level\":\"");
    rt_buf_puts(&line->buf, log_level_names[level]);
    rt_buf_puts(&line->buf, "\",\"event\":");
    log_append_string(&line->buf, event != NULL ? event : "");
}

/* Appends ,"key": */
static void log_key(rt_log_line *line, const char *key)
{
    rt_buf_puts(&line->buf, ",");
    log_append_string(&line->buf, key);
    rt_buf_puts(&line->buf, ":");
}

void rt_log_str(rt_log_line *line, const char *key, const char *value)
{
    if (!line->enabled)
        return;
    log_key(line, key);
    if (value == NULL)
        rt_buf_puts(&line->buf, "null");
    else
        log_append_string(&line->buf, value);
}

void rt_log_int(rt_log_line *line, const char *key, int64_t value)
{
    if (!line->enabled)
        return;
    char digits[24];
    char *at = digits + sizeof digits;
    /* Work with the negative magnitude so INT64_MIN needs no special case. */
    int64_t rest = value < 0 ? value : -value;
    do {
        *--at = (char)('0' - rest % 10);
        rest /= 10;
    } while (rest != 0);
    if (value < 0)
        *--at = '-';
    log_key(line, key);
    rt_buf_append(&line->buf, at, (size_t)(digits + sizeof digits - at));
}

void rt_log_double(rt_log_line *line, const char *key, double value)
{
    if (!line->enabled)
        return;
    log_key(line, key);
    /* JSON has no NaN or infinity. %.15g round-trips short decimals (1.42). */
    if (!isfinite(value))
        rt_buf_puts(&line->buf, "null");
    else
        rt_buf_printf(&line->buf, "%.15g", value);
}

void rt_log_bool(rt_log_line *line, const char *key, bool value)
{
    if (!line->enabled)
        return;
    log_key(line, key);
    rt_buf_puts(&line->buf, value ? "true" : "false");
}

void rt_log_end(rt_log_line *line)
{
    static const char out_of_memory[] =
        "{\"level\":\"error\",\"event\":\"log_failed\",\"message\":\"out of memory\"}\n";
    if (!line->enabled)
        goto done;
    rt_buf_puts(&line->buf, "}\n");
    /* A failed write has nowhere to be reported; the line is dropped. */
    if (line->buf.failed)
        (void)log_write_all(log_config.fd, out_of_memory, sizeof out_of_memory - 1);
    else
        (void)log_write_all(log_config.fd, line->buf.data, line->buf.len);
done:
    rt_buf_free(&line->buf);
    line->enabled = false;
}

void rt_log_message(rt_log_level level, const char *event, const char *message)
{
    rt_log_line line;
    rt_log_begin(&line, level, event);
    rt_log_str(&line, "message", message);
    rt_log_end(&line);
}
