/*
 * test_log.c - unit tests of rt_log: lines are captured through a pipe and
 * parsed with jansson (valid JSON, one object per line), string escaping,
 * the timestamp format, number formatting, levels and filtering.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rt_error.h"
#include "rt_log.h"

typedef struct log_fixture {
    int read_fd;
    int write_fd;
    char captured[16384];
    size_t captured_len;
} log_fixture;

static int setup(void **state)
{
    log_fixture *fixture = calloc(1, sizeof *fixture);
    int fds[2];
    if (fixture == NULL || pipe2(fds, O_NONBLOCK) != 0) {
        free(fixture);
        return -1;
    }
    fixture->read_fd = fds[0];
    fixture->write_fd = fds[1];
    rt_log_init(RT_LOG_INFO, fixture->write_fd);
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    log_fixture *fixture = *state;
    rt_log_init(RT_LOG_INFO, 2);
    close(fixture->read_fd);
    close(fixture->write_fd);
    free(fixture);
    return 0;
}

/* Everything written to the pipe so far, NUL-terminated. */
static const char *drain(log_fixture *fixture)
{
    for (;;) {
        size_t room = sizeof fixture->captured - 1 - fixture->captured_len;
        ssize_t got = read(fixture->read_fd, fixture->captured + fixture->captured_len, room);
        if (got <= 0)
            break;
        fixture->captured_len += (size_t)got;
    }
    fixture->captured[fixture->captured_len] = '\0';
    return fixture->captured;
}

/* Parses exactly one captured line (which must end in '\n') as a JSON
 * object and resets the capture. The caller decrefs. */
static json_t *take_line(log_fixture *fixture)
{
    const char *text = drain(fixture);
    const char *newline = strchr(text, '\n');
    assert_non_null(newline);
    assert_int_equal((size_t)(newline - text) + 1, fixture->captured_len); /* one line */
    json_error_t error;
    json_t *object = json_loadb(text, fixture->captured_len, 0, &error);
    if (object == NULL)
        fail_msg("not JSON (%s): %s", error.text, text);
    assert_true(json_is_object(object));
    fixture->captured_len = 0;
    return object;
}

static void test_line_is_json_with_all_field_kinds(void **state)
{
    log_fixture *fixture = *state;
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_INFO, "request");
    rt_log_str(&line, "method", "GET");
    rt_log_str(&line, "user", NULL);
    rt_log_int(&line, "status", 200);
    rt_log_int(&line, "big", INT64_MIN);
    rt_log_double(&line, "duration_ms", 1.42);
    rt_log_bool(&line, "cached", true);
    rt_log_bool(&line, "retried", false);
    rt_log_end(&line);

    json_t *object = take_line(fixture);
    assert_string_equal(json_string_value(json_object_get(object, "level")), "info");
    assert_string_equal(json_string_value(json_object_get(object, "event")), "request");
    assert_string_equal(json_string_value(json_object_get(object, "method")), "GET");
    assert_true(json_is_null(json_object_get(object, "user")));
    assert_int_equal(json_integer_value(json_object_get(object, "status")), 200);
    assert_true(json_integer_value(json_object_get(object, "big")) == INT64_MIN);
    assert_true(json_real_value(json_object_get(object, "duration_ms")) == 1.42);
    assert_true(json_is_true(json_object_get(object, "cached")));
    assert_true(json_is_false(json_object_get(object, "retried")));
    /* ts comes first, then level, then event. */
    assert_true(strncmp(fixture->captured, "{\"ts\":\"", 7) == 0);
    json_decref(object);
}

static void test_timestamp_is_utc_iso8601_with_milliseconds(void **state)
{
    log_fixture *fixture = *state;
    time_t before = time(NULL);
    rt_log_message(RT_LOG_WARN, "tick", "hello");
    time_t after = time(NULL);

    json_t *object = take_line(fixture);
    const char *ts = json_string_value(json_object_get(object, "ts"));
    assert_non_null(ts);
    assert_int_equal(strlen(ts), strlen("2026-11-22T00:07:09.123Z"));
    struct tm parsed;
    memset(&parsed, 0, sizeof parsed);
    const char *rest = strptime(ts, "%Y-%m-%dT%H:%M:%S", &parsed);
    assert_non_null(rest);
    assert_true(rest[0] == '.' && rest[1] >= '0' && rest[1] <= '9' && rest[2] >= '0' &&
                rest[2] <= '9' && rest[3] >= '0' && rest[3] <= '9' && rest[4] == 'Z' &&
                rest[5] == '\0');
    time_t when = timegm(&parsed);
    assert_true(when >= before - 1 && when <= after + 1);
    assert_string_equal(json_string_value(json_object_get(object, "level")), "warn");
    assert_string_equal(json_string_value(json_object_get(object, "message")), "hello");
    json_decref(object);
}

static void test_strings_and_keys_are_escaped(void **state)
{
    log_fixture *fixture = *state;
    const char *nasty = "quote \" backslash \\ newline \n tab \t bell \a nul-free \x01 "
                        "slash / unicode \xc3\xa9\xe2\x82\xac";
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_ERROR, "ev\"ent\n");
    rt_log_str(&line, "value", nasty);
    rt_log_str(&line, "k\"ey", "v");
    rt_log_end(&line);

    json_t *object = take_line(fixture);
    assert_string_equal(json_string_value(json_object_get(object, "event")), "ev\"ent\n");
    assert_string_equal(json_string_value(json_object_get(object, "value")), nasty);
    assert_string_equal(json_string_value(json_object_get(object, "k\"ey")), "v");
    assert_string_equal(json_string_value(json_object_get(object, "level")), "error");
    json_decref(object);
}

static void test_invalid_utf8_is_replaced(void **state)
{
    log_fixture *fixture = *state;
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_INFO, "utf8");
    rt_log_str(&line, "path", "/a\xff/b\xc0\xaf/\xed\xa0\x80/\xe2\x82");
    rt_log_str(&line, "fine", "caf\xc3\xa9 \xf0\x9f\x98\x80");
    rt_log_end(&line);

    json_t *object = take_line(fixture); /* jansson rejects invalid UTF-8 */
    const char *r = "\xef\xbf\xbd";
    char expected[64];
    snprintf(expected, sizeof expected, "/a%s/b%s%s/%s%s%s/%s%s", r, r, r, r, r, r, r, r);
    assert_string_equal(json_string_value(json_object_get(object, "path")), expected);
    assert_string_equal(json_string_value(json_object_get(object, "fine")),
                        "caf\xc3\xa9 \xf0\x9f\x98\x80");
    json_decref(object);
}

static void test_non_finite_doubles_are_null(void **state)
{
    log_fixture *fixture = *state;
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_INFO, "numbers");
    rt_log_double(&line, "nan", NAN);
    rt_log_double(&line, "inf", INFINITY);
    rt_log_double(&line, "small", 0.001);
    rt_log_double(&line, "whole", 250.0);
    rt_log_end(&line);

    json_t *object = take_line(fixture);
    assert_true(json_is_null(json_object_get(object, "nan")));
    assert_true(json_is_null(json_object_get(object, "inf")));
    assert_true(json_number_value(json_object_get(object, "small")) == 0.001);
    assert_true(json_number_value(json_object_get(object, "whole")) == 250.0);
    json_decref(object);
}

static void test_disabled_levels_write_nothing(void **state)
{
    log_fixture *fixture = *state;
    assert_false(rt_log_enabled(RT_LOG_DEBUG));
    assert_true(rt_log_enabled(RT_LOG_INFO));
    assert_true(rt_log_enabled(RT_LOG_ERROR));

    rt_log_line line;
    rt_log_begin(&line, RT_LOG_DEBUG, "noise");
    assert_false(line.enabled);
    rt_log_str(&line, "a", "b");
    rt_log_int(&line, "n", 1);
    rt_log_end(&line);
    rt_log_message(RT_LOG_DEBUG, "noise", "more");
    drain(fixture);
    assert_int_equal(fixture->captured_len, 0);

    rt_log_init(RT_LOG_ERROR, fixture->write_fd);
    rt_log_message(RT_LOG_WARN, "hidden", "x");
    assert_int_equal(strlen(drain(fixture)), 0);
    rt_log_message(RT_LOG_ERROR, "shown", "x");
    json_t *object = take_line(fixture);
    assert_string_equal(json_string_value(json_object_get(object, "event")), "shown");
    json_decref(object);
}

static void test_each_line_is_one_complete_object(void **state)
{
    log_fixture *fixture = *state;
    rt_log_message(RT_LOG_INFO, "first", "1");
    rt_log_message(RT_LOG_INFO, "second", "2");
    const char *text = drain(fixture);
    const char *newline = strchr(text, '\n');
    assert_non_null(newline);
    json_error_t error;
    json_t *first = json_loadb(text, (size_t)(newline - text), 0, &error);
    json_t *second = json_loads(newline + 1, 0, &error);
    assert_non_null(first);
    assert_non_null(second);
    assert_string_equal(json_string_value(json_object_get(first, "event")), "first");
    assert_string_equal(json_string_value(json_object_get(second, "event")), "second");
    assert_int_equal(text[fixture->captured_len - 1], '\n');
    json_decref(first);
    json_decref(second);
}

static void test_level_parse(void **state)
{
    (void)state;
    rt_log_level level = RT_LOG_ERROR;
    assert_int_equal(rt_log_level_parse("debug", &level), 0);
    assert_int_equal(level, RT_LOG_DEBUG);
    assert_int_equal(rt_log_level_parse("info", &level), 0);
    assert_int_equal(level, RT_LOG_INFO);
    assert_int_equal(rt_log_level_parse("WARN", &level), 0);
    assert_int_equal(level, RT_LOG_WARN);
    assert_int_equal(rt_log_level_parse("error", &level), 0);
    assert_int_equal(level, RT_LOG_ERROR);
    assert_int_equal(rt_log_level_parse("verbose", &level), RT_EINVAL);
    assert_int_equal(rt_log_level_parse("", &level), RT_EINVAL);
    assert_int_equal(rt_log_level_parse(NULL, &level), RT_EINVAL);
    assert_int_equal(level, RT_LOG_ERROR); /* unchanged on error */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_line_is_json_with_all_field_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timestamp_is_utc_iso8601_with_milliseconds, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_strings_and_keys_are_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_is_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_finite_doubles_are_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disabled_levels_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_line_is_one_complete_object, setup, teardown),
        cmocka_unit_test(test_level_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
