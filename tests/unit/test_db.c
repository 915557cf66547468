/*
 * test_db.c - unit tests of rt_db against a real PostgreSQL.
 *
 * TEST_DATABASE_URL names the database (a libpq URI); without it the
 * tests that need PostgreSQL are skipped, saying why. The table
 * test_db_items is dropped and created by the group setup.
 *
 * Optional: TEST_DATABASE_STOP_CMD and TEST_DATABASE_START_CMD (shell
 * commands that stop and start that PostgreSQL) enable the outage test:
 * PostgreSQL stopped -> RT_EUNAVAILABLE, started again -> the same pool
 * works again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "rt_db.h"
#include "rt_error.h"

static const rt_param insert_params[] = {
    {"sku", RT_TYPE_TEXT, "text"},
    {"qty", RT_TYPE_INT, "integer"},
};
static const rt_column insert_columns[] = {{"id", RT_TYPE_INT, "integer", false}};
static const rt_query insert_item = {
    .id = 0,
    .name = "TestDbInsertItem",
    .sql = "INSERT INTO test_db_items (sku, qty) VALUES ($1, $2::int) RETURNING id",
    .cardinality = RT_CARD_ONE,
    .params = insert_params,
    .param_count = 2,
    .columns = insert_columns,
    .column_count = 1,
    .spec_file = "tests/unit/test_db.c",
    .spec_line = __LINE__,
};

static const rt_param find_params[] = {{"sku", RT_TYPE_TEXT, "text"}};
static const rt_column find_columns[] = {
    {"sku", RT_TYPE_TEXT, "text", false},
    {"qty", RT_TYPE_INT, "integer", true},
};
static const rt_query find_item = {
    .id = 1,
    .name = "TestDbFindItem",
    .sql = "SELECT sku, qty FROM test_db_items WHERE sku = $1",
    .cardinality = RT_CARD_ONE,
    .params = find_params,
    .param_count = 1,
    .columns = find_columns,
    .column_count = 2,
    .spec_file = "tests/unit/test_db.c",
    .spec_line = __LINE__,
};

static const rt_column list_columns[] = {{"sku", RT_TYPE_TEXT, "text", false}};
static const rt_query list_items = {
    .id = 5, /* ids need not be dense here: the prepared set grows */
    .name = "TestDbListItems",
    .sql = "SELECT sku FROM test_db_items ORDER BY sku",
    .cardinality = RT_CARD_MANY,
    .columns = list_columns,
    .column_count = 1,
    .spec_file = "tests/unit/test_db.c",
    .spec_line = __LINE__,
};

static const rt_param echo_params[] = {{"value", RT_TYPE_TEXT, "text"}};
static const rt_column echo_columns[] = {
    {"value", RT_TYPE_TEXT, "text", true},
    {"is_null", RT_TYPE_BOOL, "boolean", false},
};
static const rt_query echo_value = {
    .id = 70, /* beyond the first growth step */
    .name = "TestDbEcho",
    .sql = "SELECT $1::text AS value, $1::text IS NULL AS is_null",
    .cardinality = RT_CARD_ONE,
    .params = echo_params,
    .param_count = 1,
    .columns = echo_columns,
    .column_count = 2,
    .spec_file = "tests/unit/test_db.c",
    .spec_line = __LINE__,
};

static const rt_query broken_query = {
    .id = 2,
    .name = "TestDbBroken",
    .sql = "SELECT no_such_column FROM test_db_items",
    .cardinality = RT_CARD_MANY,
    .spec_file = "tests/unit/test_db.c",
    .spec_line = __LINE__,
};

static const rt_param divide_params[] = {{"by", RT_TYPE_INT, "integer"}};
static const rt_column divide_columns[] = {{"q", RT_TYPE_INT, "integer", false}};
static const rt_query divide_ten = {
    .id = 71,
    .name = "TestDbDivideTen",
    .sql = "SELECT 10 / $1::int AS q", /* fails when run with 0, not when prepared */
    .cardinality = RT_CARD_ONE,
    .params = divide_params,
    .param_count = 1,
    .columns = divide_columns,
    .column_count = 1,
    .spec_file = "tests/unit/test_db.c",
    .spec_line = __LINE__,
};

/* Set by the group setup: the database URL, or NULL to skip. */
static const char *database_url;

#define REQUIRE_DATABASE()                                                                         \
    do {                                                                                           \
        if (database_url == NULL)                                                                  \
            skip();                                                                                \
    } while (0)

static int group_setup(void **state)
{
    (void)state;
    PGconn *pg;
    PGresult *res;
    bool ok;

    database_url = getenv("TEST_DATABASE_URL");
    if (database_url == NULL || database_url[0] == '\0') {
        database_url = NULL;
        fprintf(stderr, "test_db: TEST_DATABASE_URL is not set; skipping the tests that "
                        "need PostgreSQL\n");
        return 0;
    }
    pg = PQconnectdb(database_url);
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "test_db: cannot connect to TEST_DATABASE_URL: %s", PQerrorMessage(pg));
        PQfinish(pg);
        return -1;
    }
    res = PQexec(pg, "SET client_min_messages = warning;"
                     "DROP TABLE IF EXISTS test_db_items;"
                     "CREATE TABLE test_db_items ("
                     "  id serial PRIMARY KEY,"
                     "  sku text NOT NULL,"
                     "  qty integer,"
                     "  CONSTRAINT test_db_items_sku_key UNIQUE (sku))");
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "test_db: setup failed: %s", PQerrorMessage(pg));
    PQclear(res);
    PQfinish(pg);
    return ok ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    if (database_url != NULL) {
        PGconn *pg = PQconnectdb(database_url);
        PQclear(PQexec(pg, "DROP TABLE IF EXISTS test_db_items"));
        PQfinish(pg);
    }
    return 0;
}

/* Per test: a pool of 2 and an empty table. Connections taken with
 * hold() are given back by the teardown even when a test fails midway,
 * so one failure does not take the other tests down with it. */
typedef struct db_fixture {
    rt_db_pool *pool;
    rt_db_conn *held[2];
} db_fixture;

static int hold(db_fixture *db, rt_db_conn **out)
{
    int rc = rt_db_acquire(db->pool, out);
    if (rc == 0)
        for (int i = 0; i < 2; i++)
            if (db->held[i] == NULL) {
                db->held[i] = *out;
                break;
            }
    return rc;
}

static void unhold(db_fixture *db, rt_db_conn *conn)
{
    for (int i = 0; i < 2; i++)
        if (db->held[i] == conn)
            db->held[i] = NULL;
    rt_db_release(db->pool, conn);
}

static int setup(void **state)
{
    db_fixture *db;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    int rc;

    *state = NULL;
    if (database_url == NULL)
        return 0;
    db = calloc(1, sizeof(*db));
    if (db == NULL || rt_db_pool_open(database_url, 2, 5, 0, &db->pool) != 0) {
        free(db);
        return -1;
    }
    *state = db;
    if (hold(db, &conn) != 0)
        return -1;
    rc = rt_db_exec_sql(conn, "TRUNCATE test_db_items", &result);
    rt_db_result_clear(&result);
    unhold(db, conn);
    return rc;
}

static int teardown(void **state)
{
    db_fixture *db = *state;
    if (db == NULL)
        return 0;
    for (int i = 0; i < 2; i++)
        if (db->held[i] != NULL)
            rt_db_release(db->pool, db->held[i]);
    rt_db_pool_close(db->pool);
    free(db);
    return 0;
}

static int insert(rt_db_conn *conn, const char *sku, const char *qty, rt_db_result *out)
{
    const char *params[] = {sku, qty};
    return rt_db_run(conn, &insert_item, params, out);
}

/* Whether sku is in the table, seen from a fresh connection. */
static bool item_exists(db_fixture *db, const char *sku)
{
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *params[] = {sku};
    int rc;

    assert_int_equal(hold(db, &conn), 0);
    rc = rt_db_run(conn, &find_item, params, &result);
    rt_db_result_clear(&result);
    unhold(db, conn);
    assert_true(rc == 0 || rc == RT_ENOROW);
    return rc == 0;
}

static void test_insert_and_find(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *params[] = {"SKU-1"};

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(insert(conn, "SKU-1", "7", &result), 0);
    assert_int_equal(result.rows, 1);
    assert_non_null(rt_db_value(&result, 0, 0));
    assert_true(atoi(rt_db_value(&result, 0, 0)) > 0);
    rt_db_result_clear(&result);
    assert_null(result.res);

    assert_int_equal(rt_db_run(conn, &find_item, params, &result), 0);
    assert_int_equal(result.rows, 1);
    assert_string_equal(rt_db_value(&result, 0, 0), "SKU-1");
    assert_string_equal(rt_db_value(&result, 0, 1), "7");
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_one_without_row_is_enorow(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *params[] = {"missing"};

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(rt_db_run(conn, &find_item, params, &result), RT_ENOROW);
    assert_int_equal(result.rows, 0);
    assert_non_null(result.res); /* still valid, still to be cleared */
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_many_and_null_params(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *null_param[] = {NULL};
    const char *text_param[] = {"x"};

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(insert(conn, "B", NULL, &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(insert(conn, "A", "1", &result), 0);
    rt_db_result_clear(&result);

    assert_int_equal(rt_db_run(conn, &list_items, NULL, &result), 0);
    assert_int_equal(result.rows, 2);
    assert_string_equal(rt_db_value(&result, 0, 0), "A");
    assert_string_equal(rt_db_value(&result, 1, 0), "B");
    rt_db_result_clear(&result);

    /* A NULL parameter is SQL NULL, and a NULL cell reads as NULL. */
    assert_int_equal(rt_db_run(conn, &echo_value, null_param, &result), 0);
    assert_null(rt_db_value(&result, 0, 0));
    assert_string_equal(rt_db_value(&result, 0, 1), "t");
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_run(conn, &echo_value, text_param, &result), 0);
    assert_string_equal(rt_db_value(&result, 0, 0), "x");
    assert_string_equal(rt_db_value(&result, 0, 1), "f");
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_unique_violation(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(insert(conn, "DUP", "1", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(insert(conn, "DUP", "2", &result), RT_EDB);
    assert_string_equal(result.sqlstate, "23505");
    assert_non_null(result.constraint);
    assert_string_equal(result.constraint, "test_db_items_sku_key");
    assert_non_null(result.message);
    assert_non_null(strstr(result.message, "duplicate key"));
    rt_db_result_clear(&result);
    /* The connection is still usable after a statement error. */
    assert_int_equal(insert(conn, "DUP-2", "2", &result), 0);
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_statement_error(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(rt_db_run(conn, &broken_query, NULL, &result), RT_EDB);
    assert_string_equal(result.sqlstate, "42703"); /* undefined_column */
    assert_null(result.constraint);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_exec_sql(conn, "SELEC 1", &result), RT_EDB);
    assert_string_equal(result.sqlstate, "42601"); /* syntax_error */
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_transactions(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    assert_int_equal(hold(db, &conn), 0);
    /* Rollback undoes. */
    assert_int_equal(rt_db_begin(conn), 0);
    assert_int_equal(insert(conn, "ROLLED-BACK", "1", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_rollback(conn), 0);
    /* Commit keeps. */
    assert_int_equal(rt_db_begin(conn), 0);
    assert_int_equal(insert(conn, "COMMITTED", "1", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_commit(conn), 0);
    /* A failed transaction cannot commit; its work is gone. */
    assert_int_equal(rt_db_begin(conn), 0);
    assert_int_equal(insert(conn, "FAILED", "1", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(insert(conn, "COMMITTED", "1", &result), RT_EDB);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_commit(conn), RT_EDB);
    assert_int_equal(PQtransactionStatus(rt_db_pgconn(conn)), PQTRANS_IDLE);
    unhold(db, conn);

    assert_false(item_exists(db, "ROLLED-BACK"));
    assert_true(item_exists(db, "COMMITTED"));
    assert_false(item_exists(db, "FAILED"));
}

static void test_release_rolls_back_open_transaction(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(rt_db_begin(conn), 0);
    assert_int_equal(insert(conn, "ABANDONED", "1", &result), 0);
    rt_db_result_clear(&result);
    unhold(db, conn); /* forgot to commit */
    assert_int_equal(PQtransactionStatus(rt_db_pgconn(conn)), PQTRANS_IDLE);
    assert_false(item_exists(db, "ABANDONED"));
}

/* How many times a statement is prepared in conn's session. */
static int prepared_count(rt_db_conn *conn, const char *name)
{
    char sql[200];
    rt_db_result result;
    int count;
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM pg_prepared_statements WHERE name = '%s'",
             name);
    assert_int_equal(rt_db_exec_sql(conn, sql, &result), 0);
    count = atoi(rt_db_value(&result, 0, 0));
    rt_db_result_clear(&result);
    return count;
}

static void test_prepared_once_and_reprepared_when_gone(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *params[] = {"nothing"};

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(prepared_count(conn, "TestDbFindItem"), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rt_db_run(conn, &find_item, params, &result), RT_ENOROW);
        rt_db_result_clear(&result);
    }
    assert_int_equal(prepared_count(conn, "TestDbFindItem"), 1);

    /* Someone deallocates behind our back: prepared again, transparently. */
    assert_int_equal(rt_db_exec_sql(conn, "DEALLOCATE ALL", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(prepared_count(conn, "TestDbFindItem"), 0);
    assert_int_equal(rt_db_run(conn, &find_item, params, &result), RT_ENOROW);
    rt_db_result_clear(&result);
    assert_int_equal(prepared_count(conn, "TestDbFindItem"), 1);
    unhold(db, conn);
}

/* Three statements in one round trip: each gets its result and code, and
 * the connection leaves pipeline mode intact (same backend, usable). */
static void test_pipeline_runs_statements_together(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *found[] = {"P-1"};
    const char *missing[] = {"none"};
    const char *null_value[] = {NULL};
    rt_db_statement statements[3] = {
        {.query = &find_item, .params = found, .ordering = -1},
        {.query = &find_item, .params = missing, .ordering = -1},
        {.query = &echo_value, .params = null_value, .ordering = -1},
    };

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(insert(conn, "P-1", "3", &result), 0);
    rt_db_result_clear(&result);
    int backend = PQbackendPID(rt_db_pgconn(conn));

    assert_int_equal(rt_db_run_pipeline(conn, statements, 3), 0);
    assert_int_equal(statements[0].rc, 0);
    assert_string_equal(rt_db_value(&statements[0].result, 0, 1), "3");
    assert_int_equal(statements[1].rc, RT_ENOROW);
    assert_int_equal(statements[2].rc, 0);
    assert_null(rt_db_value(&statements[2].result, 0, 0));
    assert_string_equal(rt_db_value(&statements[2].result, 0, 1), "t");
    for (int i = 0; i < 3; i++)
        rt_db_result_clear(&statements[i].result);
    assert_int_equal(PQpipelineStatus(rt_db_pgconn(conn)), PQ_PIPELINE_OFF);
    assert_int_equal(rt_db_run(conn, &find_item, found, &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(PQbackendPID(rt_db_pgconn(conn)), backend);
    unhold(db, conn);
}

/* A failing statement has its code and SQLSTATE; the ones before keep
 * their results, the ones after are not run; the connection stays usable. */
static void test_pipeline_failure_is_the_statements(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *found[] = {"P-2"};
    const char *zero[] = {"0"};
    rt_db_statement statements[3] = {
        {.query = &find_item, .params = found, .ordering = -1},
        {.query = &divide_ten, .params = zero, .ordering = -1},
        {.query = &find_item, .params = found, .ordering = -1}, /* skipped: aborted */
    };

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(insert(conn, "P-2", "1", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_run_pipeline(conn, statements, 3), 0);
    assert_int_equal(statements[0].rc, 0);
    assert_string_equal(rt_db_value(&statements[0].result, 0, 1), "1");
    assert_int_equal(statements[1].rc, RT_EDB);
    assert_string_equal(statements[1].result.sqlstate, "22012"); /* division_by_zero */
    assert_int_equal(statements[2].rc, RT_EDB);
    assert_string_equal(statements[2].result.sqlstate, "");
    for (int i = 0; i < 3; i++)
        rt_db_result_clear(&statements[i].result);
    assert_int_equal(rt_db_run(conn, &find_item, found, &result), 0);
    rt_db_result_clear(&result);

    /* one that cannot even be prepared: the same, the ones before still run */
    statements[1] = (rt_db_statement){.query = &broken_query, .ordering = -1};
    assert_int_equal(rt_db_run_pipeline(conn, statements, 3), 0);
    assert_int_equal(statements[0].rc, 0);
    assert_int_equal(statements[1].rc, RT_EDB);
    assert_string_equal(statements[1].result.sqlstate, "42703"); /* undefined_column */
    assert_int_equal(statements[2].rc, RT_EDB);
    for (int i = 0; i < 3; i++)
        rt_db_result_clear(&statements[i].result);
    assert_int_equal(rt_db_run(conn, &find_item, found, &result), 0);
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_session_settings(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(rt_db_exec_sql(conn,
                                    "SELECT current_setting('TimeZone'), "
                                    "current_setting('DateStyle'), "
                                    "current_setting('application_name')",
                                    &result),
                     0);
    assert_string_equal(rt_db_value(&result, 0, 0), "UTC");
    assert_string_equal(rt_db_value(&result, 0, 1), "ISO, YMD");
    assert_string_equal(rt_db_value(&result, 0, 2), "orderd");
    rt_db_result_clear(&result);
    unhold(db, conn);
}

static void test_statement_timeout(void **state)
{
    REQUIRE_DATABASE();
    (void)state;
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    /* DB_STATEMENT_TIMEOUT_MS: PostgreSQL cancels the statement, the
     * connection stays usable. */
    assert_int_equal(rt_db_pool_open(database_url, 1, 5, 150, &pool), 0);
    assert_int_equal(rt_db_acquire(pool, &conn), 0);
    assert_int_equal(rt_db_exec_sql(conn, "SELECT pg_sleep(2)", &result), RT_EDB);
    assert_string_equal(result.sqlstate, RT_DB_SQLSTATE_TIMEOUT);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_exec_sql(conn, "SELECT current_setting('statement_timeout')", &result),
                     0);
    assert_string_equal(rt_db_value(&result, 0, 0), "150ms");
    rt_db_result_clear(&result);
    rt_db_release(pool, conn);
    rt_db_pool_close(pool);
}

static void test_url_options_are_kept(void **state)
{
    REQUIRE_DATABASE();
    (void)state;
    char url[2048];
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = NULL;
    rt_db_result result;

    /* The URL's own options apply together with the pool's settings. */
    snprintf(url, sizeof(url), "%s%coptions=-c%%20statement_timeout%%3D12345", database_url,
             strchr(database_url, '?') != NULL ? '&' : '?');
    assert_int_equal(rt_db_pool_open(url, 1, 5, 0, &pool), 0);
    assert_int_equal(rt_db_acquire(pool, &conn), 0);
    assert_int_equal(rt_db_exec_sql(conn,
                                    "SELECT current_setting('statement_timeout'), "
                                    "current_setting('TimeZone')",
                                    &result),
                     0);
    assert_string_equal(rt_db_value(&result, 0, 0), "12345ms");
    assert_string_equal(rt_db_value(&result, 0, 1), "UTC");
    rt_db_result_clear(&result);
    rt_db_release(pool, conn);
    rt_db_pool_close(pool);
}

/* Terminates the backend of `victim` from `killer`, waiting until it is
 * gone (pg_terminate_backend with a timeout, PostgreSQL 14+). */
static void terminate_backend(rt_db_conn *killer, rt_db_conn *victim)
{
    char sql[120];
    rt_db_result result;
    snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%d, 5000)",
             PQbackendPID(rt_db_pgconn(victim)));
    assert_int_equal(rt_db_exec_sql(killer, sql, &result), 0);
    assert_string_equal(rt_db_value(&result, 0, 0), "t");
    rt_db_result_clear(&result);
}

static void test_killed_connection_in_use(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *a = NULL;
    rt_db_conn *b = NULL;
    rt_db_result result;
    const char *params[] = {"x"};
    int rc;

    assert_int_equal(hold(db, &a), 0);
    assert_int_equal(hold(db, &b), 0);
    terminate_backend(b, a);
    /* The holder of the dead connection learns it on its next statement. */
    rc = rt_db_run(a, &find_item, params, &result);
    rt_db_result_clear(&result);
    assert_int_equal(rc, RT_EUNAVAILABLE);
    unhold(db, a);
    unhold(db, b);

    /* Both slots work again, without a new pool. */
    assert_int_equal(hold(db, &a), 0);
    assert_int_equal(hold(db, &b), 0);
    assert_int_equal(rt_db_run(a, &find_item, params, &result), RT_ENOROW);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_run(b, &find_item, params, &result), RT_ENOROW);
    rt_db_result_clear(&result);
    unhold(db, a);
    unhold(db, b);
}

static void test_killed_idle_connection_recovers_transparently(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *a = NULL;
    rt_db_conn *b = NULL;
    rt_db_result result;
    const char *params[] = {"x"};
    int old_pid;

    assert_int_equal(hold(db, &a), 0);
    assert_int_equal(hold(db, &b), 0);
    assert_int_equal(rt_db_run(a, &find_item, params, &result), RT_ENOROW); /* prepared */
    rt_db_result_clear(&result);
    old_pid = PQbackendPID(rt_db_pgconn(a));
    unhold(db, a);
    terminate_backend(b, a); /* a is idle in the pool now */
    unhold(db, b);

    /* Whichever slot we get, the first statement works. */
    assert_int_equal(hold(db, &a), 0);
    assert_int_equal(hold(db, &b), 0);
    assert_int_equal(rt_db_run(a, &find_item, params, &result), RT_ENOROW);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_run(b, &find_item, params, &result), RT_ENOROW);
    rt_db_result_clear(&result);
    assert_int_not_equal(PQbackendPID(rt_db_pgconn(a)), old_pid);
    assert_int_not_equal(PQbackendPID(rt_db_pgconn(b)), old_pid);
    unhold(db, a);
    unhold(db, b);
}

static void test_ping(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    assert_int_equal(rt_db_ping(db->pool), 0);
}

static void test_unreachable_is_unavailable(void **state)
{
    (void)state;
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = (rt_db_conn *)&pool;
    time_t started = time(NULL);

    /* Nothing listens on port 1: opening works, connecting does not. */
    assert_int_equal(rt_db_pool_open("postgresql://nobody@127.0.0.1:1/none", 1, 2, 0, &pool), 0);
    assert_int_equal(rt_db_acquire(pool, &conn), RT_EUNAVAILABLE);
    assert_null(conn);
    assert_int_equal(rt_db_ping(pool), RT_EUNAVAILABLE);
    /* The slot went back to the pool: a third try does not block. */
    assert_int_equal(rt_db_acquire(pool, &conn), RT_EUNAVAILABLE);
    assert_true(time(NULL) - started < 10);
    rt_db_pool_close(pool);
}

/* The runtime's statements come from the spec's registry, by name and
 * parameter list; a mismatch is refused, never run. */
static void test_find_query_checks_name_and_parameters(void **state)
{
    (void)state;
    const rt_query *query = NULL;
    const char *const claim[] = {"lock_class", "locked_by"};
    const char *const swapped[] = {"locked_by", "lock_class"};

    assert_int_equal(rt_db_find_query("ClaimJob", claim, 2, &query), 0);
    assert_non_null(query);
    assert_string_equal(query->name, "ClaimJob");
    assert_int_equal(rt_db_find_query("ClaimJob", swapped, 2, &query), RT_EINVAL);
    assert_null(query);
    assert_int_equal(rt_db_find_query("ClaimJob", claim, 1, &query), RT_EINVAL);
    assert_int_equal(rt_db_find_query("NoSuchQuery", NULL, 0, &query), RT_EINVAL);
    assert_null(query);
}

/* A session is a connection of its own: LISTEN, a NOTIFY from another
 * connection wakes it, and spec queries run on it. */
static void test_session_listens_and_runs_queries(void **state)
{
    REQUIRE_DATABASE();
    db_fixture *db = *state;
    rt_db_conn *session = NULL;
    rt_db_conn *other = NULL;
    rt_db_result result = {0};
    const rt_query *query = NULL;
    char error[256];
    time_t started = time(NULL);

    assert_int_equal(
        rt_db_session_open(database_url, "orderd-test", 5, &session, error, sizeof error), 0);
    assert_true(rt_db_session_ok(session));
    assert_int_equal(rt_db_listen(session, "test_channel"), 0);
    assert_int_equal(rt_db_acquire(db->pool, &other), 0);
    assert_int_equal(rt_db_exec_sql(other, "NOTIFY test_channel", &result), 0);
    rt_db_result_clear(&result);
    rt_db_release(db->pool, other);
    rt_db_wait_notification(session, 5000);
    assert_true(time(NULL) - started < 5); /* woken, not timed out */
    assert_int_equal(rt_db_find_query("SetActor", (const char *const[]){"actor"}, 1, &query), 0);
    assert_int_equal(rt_db_run(session, query, (const char *const[]){"test"}, &result), 0);
    assert_string_equal(rt_db_value(&result, 0, 0), "test");
    rt_db_result_clear(&result);
    rt_db_session_close(session);
}

static void test_session_unreachable_says_why(void **state)
{
    (void)state;
    rt_db_conn *session = (rt_db_conn *)&session;
    char error[256];

    assert_int_equal(rt_db_session_open("postgresql://nobody@127.0.0.1:1/none", "orderd-test", 2,
                                        &session, error, sizeof error),
                     RT_EUNAVAILABLE);
    assert_null(session);
    assert_non_null(strstr(error, "127.0.0.1"));
}

static void test_pool_open_rejects_bad_arguments(void **state)
{
    (void)state;
    rt_db_pool *pool = NULL;
    assert_int_equal(rt_db_pool_open(NULL, 2, 5, 0, &pool), RT_EINVAL);
    assert_int_equal(rt_db_pool_open("postgresql://x/y", 0, 5, 0, &pool), RT_EINVAL);
    assert_int_equal(rt_db_pool_open("postgresql://x/y", 2, 0, 0, &pool), RT_EINVAL);
    /* Not something libpq can parse: refused at once. */
    assert_int_equal(rt_db_pool_open("postgresql://x/y?no_such_keyword=1", 2, 5, 0, &pool),
                     RT_EINVAL);
    assert_int_equal(rt_db_pool_open("host='unterminated", 2, 5, 0, &pool), RT_EINVAL);
    assert_null(pool);
}

typedef struct worker_args {
    rt_db_pool *pool;
    int failures;
} worker_args;

static void *worker(void *arg)
{
    worker_args *args = arg;
    for (int i = 0; i < 100; i++) {
        rt_db_conn *conn = NULL;
        rt_db_result result;
        char value[32];
        const char *params[] = {value};
        snprintf(value, sizeof(value), "%d", i);
        if (rt_db_acquire(args->pool, &conn) != 0) {
            args->failures++;
            continue;
        }
        if (rt_db_run(conn, &echo_value, params, &result) != 0 ||
            strcmp(rt_db_value(&result, 0, 0), value) != 0)
            args->failures++;
        rt_db_result_clear(&result);
        rt_db_release(args->pool, conn);
    }
    return NULL;
}

static void test_threads_share_the_pool(void **state)
{
    REQUIRE_DATABASE();
    pthread_t threads[6];
    worker_args args[6];

    for (int i = 0; i < 6; i++) {
        args[i].pool = ((db_fixture *)*state)->pool;
        args[i].failures = 0;
        assert_int_equal(pthread_create(&threads[i], NULL, worker, &args[i]), 0);
    }
    for (int i = 0; i < 6; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(args[i].failures, 0);
    }
}

static void test_postgres_outage_and_recovery(void **state)
{
    REQUIRE_DATABASE();
    const char *stop = getenv("TEST_DATABASE_STOP_CMD");
    const char *start = getenv("TEST_DATABASE_START_CMD");
    db_fixture *db = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result;
    const char *params[] = {"x"};
    time_t started;

    if (stop == NULL || start == NULL) {
        fprintf(stderr, "test_db: TEST_DATABASE_STOP_CMD/START_CMD not set; skipping the "
                        "outage test\n");
        skip();
    }
    assert_int_equal(rt_db_ping(db->pool), 0);
    assert_int_equal(system(stop), 0);

    started = time(NULL);
    assert_int_equal(rt_db_ping(db->pool), RT_EUNAVAILABLE);
    assert_int_equal(hold(db, &conn), RT_EUNAVAILABLE);
    assert_int_equal(hold(db, &conn), RT_EUNAVAILABLE);
    assert_true(time(NULL) - started < 5); /* refused at once, no hang */

    assert_int_equal(system(start), 0);
    assert_int_equal(rt_db_ping(db->pool), 0);
    assert_int_equal(hold(db, &conn), 0);
    assert_int_equal(rt_db_run(conn, &find_item, params, &result), RT_ENOROW);
    rt_db_result_clear(&result);
    unhold(db, conn);
}

int main(void)
{
#define DB_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_open_rejects_bad_arguments),
        cmocka_unit_test(test_unreachable_is_unavailable),
        cmocka_unit_test(test_find_query_checks_name_and_parameters),
        cmocka_unit_test(test_session_unreachable_says_why),
        DB_TEST(test_session_listens_and_runs_queries),
        DB_TEST(test_insert_and_find),
        DB_TEST(test_one_without_row_is_enorow),
        DB_TEST(test_many_and_null_params),
        DB_TEST(test_unique_violation),
        DB_TEST(test_statement_error),
        DB_TEST(test_transactions),
        DB_TEST(test_release_rolls_back_open_transaction),
        DB_TEST(test_prepared_once_and_reprepared_when_gone),
        DB_TEST(test_pipeline_runs_statements_together),
        DB_TEST(test_pipeline_failure_is_the_statements),
        DB_TEST(test_session_settings),
        DB_TEST(test_url_options_are_kept),
        DB_TEST(test_statement_timeout),
        DB_TEST(test_killed_connection_in_use),
        DB_TEST(test_killed_idle_connection_recovers_transparently),
        DB_TEST(test_ping),
        DB_TEST(test_threads_share_the_pool),
        DB_TEST(test_postgres_outage_and_recovery),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
