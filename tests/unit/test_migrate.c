/*
 * test_migrate.c - unit tests of rt_migrate against a real PostgreSQL.
 *
 * TEST_DATABASE_URL names a database whose role may CREATE DATABASE; each
 * test gets a fresh database (dropped afterwards) and a fresh temporary
 * migrations directory, so the tests never touch the application's own
 * schema_migrations. Without TEST_DATABASE_URL the tests that need
 * PostgreSQL are skipped, saying why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <pthread.h>

#include "rt_error.h"
#include "rt_migrate.h"

#define FILE_1 "CREATE TABLE t1 (id int);\n"
#define FILE_1_SHA256 "e193a4d8625c84e0dd2a73d6934516528737db916fab0d92f4591704682778f4"
#define FILE_2 "CREATE TABLE t2 (id int PRIMARY KEY, t1_id int);\n"
#define FILE_2_SHA256 "7c52f66243f2b555e1d7df8aff5fcf8f55d41f82ea11f87771b7e36db67a6f89"

static const char *admin_url; /* TEST_DATABASE_URL, or NULL to skip */

typedef struct migrate_fixture {
    char database[64]; /* the fresh database's name */
    char url[2048];    /* conninfo string for it */
    char dir[64];      /* the temporary migrations directory */
    char err[1024];
    PGconn *pg; /* a connection to the fresh database, to look */
} migrate_fixture;

#define REQUIRE_DATABASE()                                                                         \
    do {                                                                                           \
        if (admin_url == NULL)                                                                     \
            skip();                                                                                \
    } while (0)

static int group_setup(void **state)
{
    (void)state;
    admin_url = getenv("TEST_DATABASE_URL");
    if (admin_url == NULL || admin_url[0] == '\0') {
        admin_url = NULL;
        fprintf(stderr, "test_migrate: TEST_DATABASE_URL is not set; skipping the tests "
                        "that need PostgreSQL\n");
    }
    return 0;
}

static void ignore_notice(void *arg, const PGresult *res)
{
    (void)arg;
    (void)res;
}

/* Runs one admin statement on TEST_DATABASE_URL's database. */
static int admin_exec(const char *sql)
{
    PGconn *pg = PQconnectdb(admin_url);
    PGresult *res;
    PQsetNoticeReceiver(pg, ignore_notice, NULL);
    res = PQexec(pg, sql);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
    if (rc != 0)
        fprintf(stderr, "test_migrate: %s: %s", sql, PQerrorMessage(pg));
    PQclear(res);
    PQfinish(pg);
    return rc;
}

/* A conninfo string equal to TEST_DATABASE_URL except for the database. */
static int build_url(const char *database, char *out, size_t out_len)
{
    char *error = NULL;
    PQconninfoOption *options = PQconninfoParse(admin_url, &error);
    size_t len = 0;

    if (options == NULL) {
        fprintf(stderr, "test_migrate: bad TEST_DATABASE_URL: %s\n", error ? error : "?");
        PQfreemem(error);
        return -1;
    }
    out[0] = '\0';
    for (PQconninfoOption *o = options; o->keyword != NULL; o++) {
        const char *value = strcmp(o->keyword, "dbname") == 0 ? database : o->val;
        if (value == NULL)
            continue;
        len += (size_t)snprintf(out + len, out_len - len, "%s='", o->keyword);
        for (const char *c = value; *c != '\0' && len + 3 < out_len; c++) {
            if (*c == '\'' || *c == '\\')
                out[len++] = '\\';
            out[len++] = *c;
        }
        len += (size_t)snprintf(out + len, out_len - len, "' ");
        if (len >= out_len - 1) {
            PQconninfoFree(options);
            return -1;
        }
    }
    PQconninfoFree(options);
    return 0;
}

static int setup(void **state)
{
    static int counter;
    migrate_fixture *f = calloc(1, sizeof(*f));
    char sql[128];

    if (f == NULL)
        return -1;
    *state = f;
    snprintf(f->dir, sizeof(f->dir), "/tmp/test_migrate_XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    if (admin_url == NULL)
        return 0;
    snprintf(f->database, sizeof(f->database), "test_migrate_%d_%d", (int)getpid(), counter++);
    snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", f->database);
    if (admin_exec(sql) != 0)
        return -1;
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->database);
    if (admin_exec(sql) != 0 || build_url(f->database, f->url, sizeof(f->url)) != 0)
        return -1;
    f->pg = PQconnectdb(f->url);
    return PQstatus(f->pg) == CONNECTION_OK ? 0 : -1;
}

static int teardown(void **state)
{
    migrate_fixture *f = *state;
    char command[128];
    char sql[128];

    if (f == NULL)
        return 0;
    PQfinish(f->pg);
    if (admin_url != NULL && f->database[0] != '\0') {
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", f->database);
        admin_exec(sql);
    }
    snprintf(command, sizeof(command), "rm -rf '%s'", f->dir);
    if (system(command) != 0)
        fprintf(stderr, "test_migrate: could not remove %s\n", f->dir);
    free(f);
    return 0;
}

static void write_file(migrate_fixture *f, const char *name, const char *text)
{
    char path[256];
    FILE *file;
    snprintf(path, sizeof(path), "%s/%s", f->dir, name);
    file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, strlen(text), file), strlen(text));
    assert_int_equal(fclose(file), 0);
}

/* The single value of a query on the fresh database, as an int. */
static int query_int(migrate_fixture *f, const char *sql)
{
    PGresult *res = PQexec(f->pg, sql);
    int value;
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(res), 1);
    value = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    return value;
}

static bool table_exists(migrate_fixture *f, const char *table)
{
    char sql[200];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM pg_tables WHERE tablename = '%s'", table);
    return query_int(f, sql) == 1;
}

static int migrate(migrate_fixture *f, int *applied)
{
    f->err[0] = '\0';
    return rt_migrate_run(f->url, f->dir, NULL, 0, applied, f->err, sizeof(f->err));
}

static void test_applies_in_order_then_nothing(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    int applied = -1;
    PGresult *res;

    write_file(f, "0002_second.sql", FILE_2);
    write_file(f, "0001_first.sql", FILE_1);
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 2);
    assert_string_equal(f->err, "");
    assert_true(table_exists(f, "t1"));
    assert_true(table_exists(f, "t2"));

    res = PQexec(f->pg, "SELECT version, name, checksum, applied_at IS NOT NULL "
                        "FROM schema_migrations ORDER BY applied_at, version");
    assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(res), 2);
    assert_string_equal(PQgetvalue(res, 0, 0), "0001");
    assert_string_equal(PQgetvalue(res, 0, 1), "0001_first.sql");
    assert_string_equal(PQgetvalue(res, 0, 2), FILE_1_SHA256); /* sha256sum of the file */
    assert_string_equal(PQgetvalue(res, 0, 3), "t");
    assert_string_equal(PQgetvalue(res, 1, 0), "0002");
    assert_string_equal(PQgetvalue(res, 1, 2), FILE_2_SHA256);
    PQclear(res);

    /* Idempotent. */
    applied = -1;
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 0);
    assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations"), 2);

    /* A new file is applied alone. */
    write_file(f, "0003_third.sql", "ALTER TABLE t1 ADD COLUMN name text;\n");
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 1);
    assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations"), 3);
}

static void test_changed_file_refused(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    int applied = -1;

    write_file(f, "0001_first.sql", FILE_1);
    write_file(f, "0002_second.sql", FILE_2);
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 2);

    write_file(f, "0001_first.sql", "CREATE TABLE t1 (id bigint);\n");
    write_file(f, "0003_third.sql", "CREATE TABLE t3 (id int);\n");
    assert_int_equal(migrate(f, &applied), RT_EINVAL);
    assert_int_equal(applied, 0);
    assert_non_null(strstr(f->err, "migration 0001_first.sql was changed after it was applied"));
    assert_non_null(strstr(f->err, FILE_1_SHA256));
    assert_non_null(strstr(f->err, "write a new migration instead"));
    /* Nothing ran, not even the pending 0003. */
    assert_false(table_exists(f, "t3"));
    assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations"), 2);
}

static void test_broken_sql_rolled_back_and_reported(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    int applied = -1;

    write_file(f, "0001_first.sql", FILE_1);
    /* Line 1 is 40 two-byte characters: the line number must count
     * characters, as PostgreSQL's error position does, not bytes. */
    write_file(f, "0002_broken.sql",
               "-- éééééééééééééééééééééééééééééééééééééééé\n"
               "CREATE TABLE t2 (id int);\n"
               "CREATE TABLEX t3 (id int);\n");
    assert_int_equal(migrate(f, &applied), RT_EDB);
    assert_int_equal(applied, 1); /* 0001 went in before 0002 failed */
    assert_non_null(strstr(f->err, "/0002_broken.sql:3: "));
    assert_non_null(strstr(f->err, "syntax error"));
    assert_non_null(strstr(f->err, "42601"));
    /* 0002 left nothing behind: not its first statement, not its row. */
    assert_false(table_exists(f, "t2"));
    assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations"), 1);
    assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations "
                                  "WHERE version = '0002'"),
                     0);

    /* Fixed, it applies. */
    write_file(f, "0002_broken.sql", FILE_2);
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 1);
    assert_true(table_exists(f, "t2"));
}

static void test_runtime_error_without_position(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    int applied = -1;

    write_file(f, "0001_first.sql", "CREATE TABLE t1 (id int);\nINSERT INTO t1 VALUES (1 / 0);\n");
    assert_int_equal(migrate(f, &applied), RT_EDB);
    assert_int_equal(applied, 0);
    assert_non_null(strstr(f->err, "0001_first.sql"));
    assert_non_null(strstr(f->err, "division by zero"));
    assert_false(table_exists(f, "t1"));
}

static void test_bad_file_names_refused(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    static const char *const bad_names[] = {
        "2_short.sql", "0003-dash.sql", "0003_orders.SQL",
        "notes.txt",   "0003_.sql",     "0003_sp ace.sql",
    };
    char path[256];
    int applied = -1;

    write_file(f, "0001_first.sql", FILE_1);
    write_file(f, ".hidden.swp", "ignored"); /* dot files are not migrations */
    for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
        write_file(f, bad_names[i], FILE_2);
        assert_int_equal(migrate(f, &applied), RT_EINVAL);
        assert_int_equal(applied, 0);
        assert_non_null(strstr(f->err, bad_names[i]));
        snprintf(path, sizeof(path), "%s/%s", f->dir, bad_names[i]);
        assert_int_equal(unlink(path), 0);
    }
    assert_false(table_exists(f, "t1"));
    /* With the strays gone, it runs. */
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 1);
}

static void test_duplicate_version_refused(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    int applied = -1;

    write_file(f, "0001_first.sql", FILE_1);
    write_file(f, "0001_other.sql", FILE_2);
    assert_int_equal(migrate(f, &applied), RT_EINVAL);
    assert_non_null(strstr(f->err, "0001_other.sql"));
    assert_false(table_exists(f, "t1"));
}

static void test_empty_directory(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    int applied = -1;
    assert_int_equal(migrate(f, &applied), 0);
    assert_int_equal(applied, 0);
    assert_true(table_exists(f, "schema_migrations"));
}

typedef struct racer {
    migrate_fixture *fixture;
    int rc;
    int applied;
    char err[512];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    r->rc = rt_migrate_run(r->fixture->url, r->fixture->dir, NULL, 0, &r->applied, r->err,
                           sizeof(r->err));
    return NULL;
}

static void test_concurrent_migrators_apply_once(void **state)
{
    REQUIRE_DATABASE();
    migrate_fixture *f = *state;
    racer racers[3];
    pthread_t threads[3];
    int total = 0;

    write_file(f, "0001_slow.sql", "SELECT pg_sleep(0.3);\nCREATE TABLE t1 (id int);\n");
    write_file(f, "0002_second.sql", FILE_2);
    for (int i = 0; i < 3; i++) {
        memset(&racers[i], 0, sizeof(racers[i]));
        racers[i].fixture = f;
        assert_int_equal(pthread_create(&threads[i], NULL, race, &racers[i]), 0);
    }
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        if (racers[i].rc != 0)
            fprintf(stderr, "racer %d: %s\n", i, racers[i].err);
        assert_int_equal(racers[i].rc, 0);
        total += racers[i].applied;
    }
    assert_int_equal(total, 2);
    assert_int_equal(query_int(f, "SELECT count(*) FROM schema_migrations"), 2);
}

static void test_missing_directory(void **state)
{
    migrate_fixture *f = *state;
    char err[256];
    int applied = -1;
    assert_int_equal(rt_migrate_run("postgresql://nobody@127.0.0.1:1/none",
                                    "/nonexistent/migrations", NULL, 0, &applied, err, sizeof(err)),
                     RT_EINVAL);
    assert_non_null(strstr(err, "/nonexistent/migrations"));
    (void)f;
}

static void test_unreachable_database(void **state)
{
    migrate_fixture *f = *state;
    char err[512];
    int applied = -1;
    write_file(f, "0001_first.sql", FILE_1);
    assert_int_equal(rt_migrate_run("postgresql://nobody@127.0.0.1:1/none", f->dir, NULL, 0,
                                    &applied, err, sizeof(err)),
                     RT_EUNAVAILABLE);
    assert_int_equal(applied, 0);
    assert_non_null(strstr(err, "cannot connect to PostgreSQL"));
}

int main(void)
{
#define MIGRATE_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        MIGRATE_TEST(test_missing_directory),
        MIGRATE_TEST(test_unreachable_database),
        MIGRATE_TEST(test_applies_in_order_then_nothing),
        MIGRATE_TEST(test_changed_file_refused),
        MIGRATE_TEST(test_broken_sql_rolled_back_and_reported),
        MIGRATE_TEST(test_runtime_error_without_position),
        MIGRATE_TEST(test_bad_file_names_refused),
        MIGRATE_TEST(test_duplicate_version_refused),
        MIGRATE_TEST(test_empty_directory),
        MIGRATE_TEST(test_concurrent_migrators_apply_once),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
