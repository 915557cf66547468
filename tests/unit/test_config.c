/*
 * test_config.c - unit tests of rt_config: defaults, .env parsing (export,
 * quotes, comments, malformed lines), environment over .env, strict
 * integers, the production JWT secret rule, and rt_config_value.
 *
 * Each test starts with every variable rt_config reads unset and a fresh
 * temporary directory for its .env file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_config.h"
#include "rt_error.h"

static const char *const variables[] = {
    "DATABASE_URL",
    "REDIS_URL",
    "HOST",
    "PORT",
    "JWT_SECRET",
    "JWT_ACCESS_TTL_SECONDS",
    "JWT_REFRESH_TTL_SECONDS",
    "BCRYPT_COST",
    "RATE_LIMIT_MAX_REQUEST",
    "RATE_LIMIT_WINDOW_SECONDS",
    "SCHEDULER_INTERVAL_SECONDS",
    "PROCESSING_WORK_SECONDS",
    "LOG_LEVEL",
    "APP_ENV",
    "HTTP_THREADS",
    "HTTP_IO_THREADS",
    "PASSWORD_THREADS",
    "HTTP_QUEUE_LIMIT",
    "DB_POOL_SIZE",
    "DB_STATEMENT_TIMEOUT_MS",
    "MAX_BODY_BYTES",
    "DB_CONNECT_TIMEOUT_SECONDS",
    "HTTP_MAX_CONNECTIONS",
    "HTTP_MAX_CONNECTIONS_PER_IP",
    "HTTP_IDLE_TIMEOUT_SECONDS",
};

typedef struct config_fixture {
    char dir[64];
    char env_path[128];
    rt_config config;
    char err[256];
} config_fixture;

static void clear_environment(void)
{
    for (size_t i = 0; i < sizeof variables / sizeof variables[0]; i++)
        unsetenv(variables[i]);
}

static int setup(void **state)
{
    config_fixture *fixture = calloc(1, sizeof *fixture);
    if (fixture == NULL)
        return -1;
    snprintf(fixture->dir, sizeof fixture->dir, "/tmp/test_config.XXXXXX");
    if (mkdtemp(fixture->dir) == NULL) {
        free(fixture);
        return -1;
    }
    snprintf(fixture->env_path, sizeof fixture->env_path, "%s/.env", fixture->dir);
    clear_environment();
    *state = fixture;
    return 0;
}

static int teardown(void **state)
{
    config_fixture *fixture = *state;
    rt_config_free(&fixture->config);
    unlink(fixture->env_path);
    rmdir(fixture->dir);
    clear_environment();
    free(fixture);
    return 0;
}

static void write_env(config_fixture *fixture, const char *text)
{
    FILE *file = fopen(fixture->env_path, "w");
    assert_non_null(file);
    assert_int_equal(fputs(text, file) >= 0, 1);
    assert_int_equal(fclose(file), 0);
}

static int load(config_fixture *fixture)
{
    rt_config_free(&fixture->config);
    return rt_config_load(&fixture->config, fixture->env_path, false, fixture->err,
                          sizeof fixture->err);
}

/* Loads and expects failure with a message containing expected. */
static void expect_error(config_fixture *fixture, const char *expected)
{
    assert_int_equal(load(fixture), RT_EINVAL);
    if (strstr(fixture->err, expected) == NULL)
        fail_msg("error \"%s\" does not contain \"%s\"", fixture->err, expected);
    /* A failed load leaves nothing behind. */
    assert_null(fixture->config.database_url);
    assert_null(fixture->config.jwt_secret);
    assert_int_equal(fixture->config.port, 0);
}

static void test_defaults(void **state)
{
    config_fixture *fixture = *state;
    rt_config *c = &fixture->config;
    assert_int_equal(rt_config_load(c, NULL, false, fixture->err, sizeof fixture->err), 0);
    assert_string_equal(c->database_url, "postgresql://postgres@127.0.0.1:15432/orderd");
    assert_string_equal(c->redis_url, "redis://127.0.0.1:16379/0");
    assert_string_equal(c->host, "0.0.0.0");
    assert_int_equal(c->port, 8000);
    assert_string_equal(c->jwt_secret, RT_CONFIG_DEV_JWT_SECRET);
    assert_int_equal(c->http_max_connections, 10000);
    assert_int_equal(c->http_max_connections_per_ip, 256);
    assert_int_equal(c->http_idle_timeout_seconds, 10);
    assert_int_equal(c->jwt_access_ttl_seconds, 900);
    assert_int_equal(c->jwt_refresh_ttl_seconds, 604800);
    assert_int_equal(c->bcrypt_cost, 12);
    assert_int_equal(c->rate_limit_max_request, 100);
    assert_int_equal(c->rate_limit_window_seconds, 600);
    assert_int_equal(c->scheduler_interval_seconds, 120);
    assert_int_equal(c->processing_work_seconds, 10);
    assert_string_equal(c->log_level, "info");
    assert_string_equal(c->app_env, "development");
    assert_false(c->production);
    assert_int_equal(c->http_threads, 8);
    assert_int_equal(c->http_io_threads, 2);
    assert_int_equal(c->password_threads, 2);
    assert_int_equal(c->http_queue_limit, 1024);
    assert_int_equal(c->db_pool_size, 10);
    assert_int_equal(c->db_statement_timeout_ms, 5000);
    assert_int_equal(c->max_body_bytes, 1048576);
    assert_int_equal(c->db_connect_timeout_seconds, 3);
}

static void test_missing_env_file_is_fine(void **state)
{
    config_fixture *fixture = *state;
    assert_int_equal(load(fixture), 0); /* the fixture's file was never written */
    assert_int_equal(fixture->config.port, 8000);
}

static void test_missing_required_env_file_is_an_error(void **state)
{
    config_fixture *fixture = *state;
    assert_int_equal(rt_config_load(&fixture->config, fixture->env_path, true, fixture->err,
                                    sizeof fixture->err),
                     RT_EIO);
    assert_non_null(strstr(fixture->err, "does not exist"));
}

static void test_malformed_database_url_says_so(void **state)
{
    config_fixture *fixture = *state;
    const char *bad[] = {"localhost:5432/orderd", "postgresql://h:abc/db",
                         "postgresql://h/db?nonsense=1", "mysql://u:pw@h/db"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_env(fixture, "");
        setenv("DATABASE_URL", bad[i], 1);
        assert_int_equal(load(fixture), RT_EINVAL);
        assert_non_null(strstr(fixture->err, "DATABASE_URL is malformed"));
        assert_null(strstr(fixture->err, "pw@")); /* the password is masked */
        unsetenv("DATABASE_URL");
    }
}

static void test_describe_masks_secrets_and_names_sources(void **state)
{
    config_fixture *fixture = *state;
    write_env(fixture, "PORT=9001\nJWT_SECRET=from-the-file\n");
    setenv("DATABASE_URL", "postgresql://ann:hunter2@db/x", 1);
    assert_int_equal(load(fixture), 0);
    unsetenv("DATABASE_URL");
    const char *name = NULL;
    char value[256];
    rt_config_source source;
    int seen = 0;
    for (int i = 0;
         rt_config_describe(&fixture->config, i, &name, value, sizeof value, &source) == 0; i++) {
        if (strcmp(name, "DATABASE_URL") == 0) {
            assert_string_equal(value, "postgresql://ann:****@db/x");
            assert_int_equal(source, RT_CONFIG_FROM_ENVIRONMENT);
            seen++;
        } else if (strcmp(name, "JWT_SECRET") == 0) {
            assert_string_equal(value, "****");
            assert_int_equal(source, RT_CONFIG_FROM_FILE);
            seen++;
        } else if (strcmp(name, "PORT") == 0) {
            assert_string_equal(value, "9001");
            assert_int_equal(source, RT_CONFIG_FROM_FILE);
            seen++;
        } else if (strcmp(name, "HOST") == 0) {
            assert_int_equal(source, RT_CONFIG_FROM_DEFAULT);
            seen++;
        }
    }
    assert_int_equal(seen, 4);
}

static void test_env_file_syntax(void **state)
{
    config_fixture *fixture = *state;
    write_env(fixture,
              "# a comment line\n"
              "\n"
              "   \t\n"
              "PORT=9001\n"
              "export HOST=127.0.0.1\n"
              "DATABASE_URL='postgresql://u:p#w@db:5432/x?sslmode=disable' # trailing comment\n"
              "REDIS_URL=\"redis://cache:6379/2\"\n"
              "JWT_SECRET=\"with \\\"quotes\\\" and \\\\ and # hash\"\n"
              "LOG_LEVEL=debug   # inline comment after spaces\n"
              "APP_ENV = test\n"
              "  BCRYPT_COST=10\r\n"
              "UNKNOWN_THING=ignored\n"
              "HTTP_THREADS=2\n"
              "HTTP_THREADS=4\n"
              "MAX_BODY_BYTES=2048");
    assert_int_equal(load(fixture), 0);
    rt_config *c = &fixture->config;
    assert_int_equal(c->port, 9001);
    assert_string_equal(c->host, "127.0.0.1");
    assert_string_equal(c->database_url, "postgresql://u:p#w@db:5432/x?sslmode=disable");
    assert_string_equal(c->redis_url, "redis://cache:6379/2");
    assert_string_equal(c->jwt_secret, "with \"quotes\" and \\ and # hash");
    assert_string_equal(c->log_level, "debug");
    assert_string_equal(c->app_env, "test");
    assert_int_equal(c->bcrypt_cost, 10);
    assert_int_equal(c->http_threads, 4); /* the last assignment wins */
    assert_int_equal(c->db_pool_size, 6); /* follows HTTP_THREADS + PASSWORD_THREADS */
    assert_int_equal(c->max_body_bytes, 2048);
}

static void test_unquoted_hash_without_space_is_part_of_value(void **state)
{
    config_fixture *fixture = *state;
    write_env(fixture, "JWT_SECRET=abc#def\nHOST='single \"quoted\" \\n literal'\n");
    assert_int_equal(load(fixture), 0);
    assert_string_equal(fixture->config.jwt_secret, "abc#def");
    assert_string_equal(fixture->config.host, "single \"quoted\" \\n literal");
}

static void test_malformed_lines_name_file_and_line(void **state)
{
    config_fixture *fixture = *state;
    char expected[256];

    write_env(fixture, "PORT=1\nthis is not an assignment\n");
    snprintf(expected, sizeof expected, "%s:2:", fixture->env_path);
    expect_error(fixture, expected);

    write_env(fixture, "# ok\n=value\n");
    expect_error(fixture, expected);

    write_env(fixture, "\n\nHOST='unterminated\n");
    snprintf(expected, sizeof expected, "%s:3: unterminated single quote", fixture->env_path);
    expect_error(fixture, expected);

    write_env(fixture, "HOST=\"x\" junk\n");
    snprintf(expected, sizeof expected, "%s:1:", fixture->env_path);
    expect_error(fixture, expected);

    write_env(fixture, "HOST=\"open\n");
    expect_error(fixture, "unterminated double quote");

    write_env(fixture, "1PORT=80\n");
    expect_error(fixture, expected);
}

static void test_environment_overrides_env_file(void **state)
{
    config_fixture *fixture = *state;
    write_env(fixture, "PORT=8001\nHOST=10.0.0.1\nLOG_LEVEL=warn\n");
    setenv("PORT", "9000", 1);
    setenv("LOG_LEVEL", "", 1); /* empty counts as unset: the file's value */
    assert_int_equal(load(fixture), 0);
    assert_int_equal(fixture->config.port, 9000);
    assert_string_equal(fixture->config.host, "10.0.0.1");
    assert_string_equal(fixture->config.log_level, "warn");
}

static void test_environment_errors_even_with_good_file(void **state)
{
    config_fixture *fixture = *state;
    write_env(fixture, "PORT=8001\n");
    setenv("PORT", "abc", 1);
    assert_int_equal(load(fixture), RT_EINVAL);
    assert_string_equal(fixture->err, "PORT must be an integer in 1..65535, got \"abc\"");
}

static void test_bad_integers(void **state)
{
    config_fixture *fixture = *state;
    static const char *const bad_ports[] = {
        "0", "65536", "-1", " 80", "80 ", "+80", "8e3", "0x50", "80.0", "99999999999999999999",
    };
    for (size_t i = 0; i < sizeof bad_ports / sizeof bad_ports[0]; i++) {
        char expected[128];
        setenv("PORT", bad_ports[i], 1);
        snprintf(expected, sizeof expected, "PORT must be an integer in 1..65535, got \"%s\"",
                 bad_ports[i]);
        assert_int_equal(load(fixture), RT_EINVAL);
        assert_string_equal(fixture->err, expected);
    }
    unsetenv("PORT");

    setenv("BCRYPT_COST", "3", 1);
    expect_error(fixture, "BCRYPT_COST must be an integer in 4..31, got \"3\"");
    unsetenv("BCRYPT_COST");

    setenv("HTTP_THREADS", "many", 1);
    expect_error(fixture, "HTTP_THREADS must be an integer");
    unsetenv("HTTP_THREADS");

    write_env(fixture, "MAX_BODY_BYTES=1MB\n");
    expect_error(fixture, "MAX_BODY_BYTES must be an integer");
}

static void test_edges_of_ranges_are_accepted(void **state)
{
    config_fixture *fixture = *state;
    setenv("PORT", "65535", 1);
    setenv("BCRYPT_COST", "4", 1);
    setenv("PROCESSING_WORK_SECONDS", "0", 1);
    setenv("HTTP_THREADS", "1", 1);
    setenv("DB_POOL_SIZE", "5", 1);
    assert_int_equal(load(fixture), 0);
    assert_int_equal(fixture->config.port, 65535);
    assert_int_equal(fixture->config.bcrypt_cost, 4);
    assert_int_equal(fixture->config.processing_work_seconds, 0);
    assert_int_equal(fixture->config.http_threads, 1);
    assert_int_equal(fixture->config.db_pool_size, 5);
}

static void test_production_requires_a_real_secret(void **state)
{
    config_fixture *fixture = *state;
    const char *message = "JWT_SECRET must be set to a secret of at least 32 bytes in production";

    setenv("APP_ENV", "production", 1);
    assert_int_equal(load(fixture), RT_EINVAL);
    assert_string_equal(fixture->err, message);

    setenv("JWT_SECRET", RT_CONFIG_DEV_JWT_SECRET, 1);
    assert_int_equal(load(fixture), RT_EINVAL);
    assert_string_equal(fixture->err, message);

    setenv("JWT_SECRET", "0123456789abcdef0123456789abcde", 1); /* 31 bytes */
    assert_int_equal(load(fixture), RT_EINVAL);
    assert_string_equal(fixture->err, message);

    setenv("JWT_SECRET", "0123456789abcdef0123456789abcdef", 1); /* 32 bytes */
    assert_int_equal(load(fixture), 0);
    assert_true(fixture->config.production);
    assert_string_equal(fixture->config.app_env, "production");

    /* Development accepts the default and short secrets. */
    setenv("APP_ENV", "development", 1);
    setenv("JWT_SECRET", "short", 1);
    assert_int_equal(load(fixture), 0);
    assert_false(fixture->config.production);
}

static void test_invalid_words(void **state)
{
    config_fixture *fixture = *state;
    setenv("LOG_LEVEL", "loud", 1);
    expect_error(fixture, "LOG_LEVEL must be one of debug, info, warn, error, got \"loud\"");
    unsetenv("LOG_LEVEL");

    setenv("APP_ENV", "Production", 1);
    expect_error(fixture, "APP_ENV must be one of development, test, production");
    unsetenv("APP_ENV");

    setenv("REDIS_URL", "127.0.0.1:6379", 1);
    expect_error(fixture, "REDIS_URL must look like redis://");
}

static void test_config_value(void **state)
{
    config_fixture *fixture = *state;
    setenv("JWT_ACCESS_TTL_SECONDS", "60", 1);
    setenv("JWT_REFRESH_TTL_SECONDS", "3600", 1);
    setenv("PROCESSING_WORK_SECONDS", "2", 1);
    setenv("SCHEDULER_INTERVAL_SECONDS", "30", 1);
    assert_int_equal(load(fixture), 0);
    assert_int_equal(rt_config_value(&fixture->config, RT_CONFIG_JWT_ACCESS_TTL_SECONDS), 60);
    assert_int_equal(rt_config_value(&fixture->config, RT_CONFIG_JWT_REFRESH_TTL_SECONDS), 3600);
    assert_int_equal(rt_config_value(&fixture->config, RT_CONFIG_PROCESSING_WORK_SECONDS), 2);
    assert_int_equal(rt_config_value(&fixture->config, RT_CONFIG_SCHEDULER_INTERVAL_SECONDS), 30);
}

/* .env.example (found from the repository root) loads as the defaults and
 * mentions every variable. */
static void test_env_example_documents_every_variable(void **state)
{
    config_fixture *fixture = *state;
    FILE *file = fopen(".env.example", "r");
    if (file == NULL)
        skip(); /* not run from the repository root */
    static char text[16384];
    size_t len = fread(text, 1, sizeof text - 1, file);
    fclose(file);
    text[len] = '\0';
    for (size_t i = 0; i < sizeof variables / sizeof variables[0]; i++) {
        char assignment[64];
        snprintf(assignment, sizeof assignment, "\n%s=", variables[i]);
        char commented[64];
        snprintf(commented, sizeof commented, "\n# %s=", variables[i]);
        if (strstr(text, assignment) == NULL && strstr(text, commented) == NULL)
            fail_msg(".env.example does not document %s", variables[i]);
    }
    assert_int_equal(
        rt_config_load(&fixture->config, ".env.example", true, fixture->err, sizeof fixture->err),
        0);
    assert_int_equal(fixture->config.port, 8000);
    assert_string_equal(fixture->config.jwt_secret, RT_CONFIG_DEV_JWT_SECRET);
    assert_int_equal(fixture->config.db_pool_size,
                     fixture->config.http_threads + fixture->config.password_threads);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_env_file_is_fine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_required_env_file_is_an_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_malformed_database_url_says_so, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe_masks_secrets_and_names_sources, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_env_file_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unquoted_hash_without_space_is_part_of_value, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_malformed_lines_name_file_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_overrides_env_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_errors_even_with_good_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_integers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edges_of_ranges_are_accepted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_production_requires_a_real_secret, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_env_example_documents_every_variable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
