/*
 * test_sql.c - the compiler's SQL diagnostics now that PostgreSQL's own
 * parser (libpg_query) reads migrations and queries: each test writes a
 * small spec (a base with one mistake) into a temporary folder, runs the
 * compiler in-process (compile_run, mode check) and asserts the exact
 * diagnostic lines - PostgreSQL's syntax errors at their file:line:col,
 * the checks of migrations, INSERT counts, one error per mistake - and
 * that what PostgreSQL 15 accepts compiles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "specc_fixture.h"

#include "compile.h"
#include "rt_error.h"

static const char base_migration[] =
    "CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');\n"
    "CREATE TABLE users (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL DEFAULT gen_random_uuid(),\n"
    "    email text NOT NULL,\n"
    "    role user_role NOT NULL DEFAULT 'customer',\n"
    "    created_at timestamptz NOT NULL DEFAULT now()\n"
    ");\n"
    "CREATE TABLE orders (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL,\n"
    "    user_id bigint NOT NULL REFERENCES users (id),\n"
    "    amount numeric(12,2) NOT NULL,\n"
    "    note text,\n"
    "    CONSTRAINT orders_uid_key UNIQUE (uid)\n"
    ");\n";

static const char base_sql[] = "-- name: GetUser :one\n"
                               "SELECT uid, email, role FROM users WHERE uid = @uid;\n";

static const char base_api[] = "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                               "  run user = GetUser(uid: path.uid)\n"
                               "  200 user\n"
                               "}\n";

static int setup(void **state)
{
    return fixture_setup(state, base_migration, base_sql, base_api);
}

/* Compiles and expects exactly one error, whose first line is `first`. */
static void expect_one_error(fixture *f, const char *migration, const char *sql, const char *api,
                             const char *first)
{
    expect_error(f, migration, sql, api, first);
    if (!strstr(f->diagnostics, "\n1 error\n"))
        fail_msg("expected exactly one error:\n%s", f->diagnostics);
}

static void expect_clean(fixture *f, const char *migration, const char *sql, const char *api)
{
    int rc = check(f, migration, sql, api);
    if (rc != 0)
        fail_msg("expected no errors, got %d:\n%s", rc, f->diagnostics);
}

/* -------------------------------------------------- PostgreSQL's syntax */

static void test_misspelt_keyword(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FORM users WHERE uid = @uid;\n",
                     NULL, "spec/shop.sql:2:30: error: syntax error at or near \"users\"");
    expect_line(f, 1, "    2 | SELECT uid, email, role FORM users WHERE uid = @uid;");
    expect_line(f, 2, "      |                              ^~~~~");
}

static void test_trailing_comma_in_select_list(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role, FROM users WHERE uid = @uid;\n",
                     NULL, "spec/shop.sql:2:26: error: syntax error at or near \"FROM\"");
}

static void test_syntax_error_after_a_parameter(void **state)
{
    fixture *f = *state;
    /* @uid is $1 for the parser: the column still counts in the file */
    expect_one_error(
        f, NULL,
        "-- name: GetUser :one\n"
        "SELECT uid, email, role FROM users WHERE uid = @uid AND AND role = 'staff';\n",
        NULL, "spec/shop.sql:2:57: error: syntax error at or near \"AND\"");
}

static void test_missing_parenthesis(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE (uid = @uid;\n",
                     NULL, "spec/shop.sql:2:53: error: syntax error at end of input");
}

static void test_unterminated_string_blamed_where_it_opens(void **state)
{
    fixture *f = *state;
    /* the query after it is still read (its use reports nothing) */
    expect_one_error(f, NULL,
                     "-- name: Other :one\n"
                     "SELECT uid FROM users WHERE email = 'a@b.c AND uid = @uid;\n"
                     "\n"
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n",
                     "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                     "  run user = GetUser(uid: path.uid)\n"
                     "  run other = Other(uid: path.uid)\n"
                     "  200 user\n"
                     "}\n",
                     "spec/shop.sql:2:37: error: unterminated string");
}

/* ------------------------------------------------------ INSERT counts */

static void test_insert_more_values_than_columns(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: AddOrder :exec\n"
                     "INSERT INTO orders (uid, user_id) VALUES (@uid, @user_id, @amount);\n",
                     NULL,
                     "spec/shop.sql:4:59: error: INSERT has more expressions than target columns");
    expect_line(f, 2, "      |                                                           ^~~~~~~");
}

static void test_insert_more_columns_than_values(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: AddOrder :exec\n"
                     "INSERT INTO orders (uid, user_id, amount) VALUES (@uid, @user_id);\n",
                     NULL,
                     "spec/shop.sql:4:35: error: INSERT has more target columns than expressions");
}

/* ------------------------------------------------------------ migrations */

static void test_migration_foreign_key_to_unknown_table(void **state)
{
    fixture *f = *state;
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer');\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                     "    email text NOT NULL, role user_role NOT NULL);\n"
                     "CREATE TABLE orders (id bigserial PRIMARY KEY,\n"
                     "    user_id bigint REFERENCES user (id));\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:5:31: error: syntax error at or near \"user\"");
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer');\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                     "    email text NOT NULL, role user_role NOT NULL);\n"
                     "CREATE TABLE orders (id bigserial PRIMARY KEY,\n"
                     "    user_id bigint REFERENCES userz (id));\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:5:31: error: unknown table \"userz\" (did you mean "
                     "\"users\"?)");
}

static void test_migration_foreign_key_to_unknown_column(void **state)
{
    fixture *f = *state;
    expect_one_error(
        f,
        "CREATE TYPE user_role AS ENUM ('customer');\n"
        "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
        "    email text NOT NULL, role user_role NOT NULL);\n"
        "CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint,\n"
        "    CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (idd));\n",
        NULL, NULL,
        "migrations/0001_base.sql:5:73: error: unknown column \"idd\" in table users "
        "(did you mean \"id\"?)");
}

static void test_migration_index_on_unknown_column(void **state)
{
    fixture *f = *state;
    expect_one_error(
        f,
        "CREATE TYPE user_role AS ENUM ('customer');\n"
        "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
        "    email text NOT NULL, role user_role NOT NULL);\n"
        "CREATE INDEX users_email_idx ON users (lower(emial));\n",
        NULL, NULL,
        "migrations/0001_base.sql:4:46: error: unknown column \"emial\" in table users "
        "(did you mean \"email\"?)");
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer');\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                     "    email text NOT NULL, role user_role NOT NULL);\n"
                     "CREATE UNIQUE INDEX users_uid_key ON users (uid, rol);\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:4:50: error: unknown column \"rol\" in table users "
                     "(did you mean \"role\"?)");
}

static void test_migration_constraint_on_unknown_column(void **state)
{
    fixture *f = *state;
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer');\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                     "    email text NOT NULL, role user_role NOT NULL,\n"
                     "    CONSTRAINT users_email_check CHECK (length(emal) > 3));\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:4:48: error: unknown column \"emal\" in table users "
                     "(did you mean \"email\"?)");
}

static void test_migration_trailing_comma(void **state)
{
    fixture *f = *state;
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer');\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                     "    email text NOT NULL, role user_role NOT NULL,\n"
                     ");\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:4:1: error: syntax error at or near \")\"");
}

static void test_migration_reserved_word_column(void **state)
{
    fixture *f = *state;
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer');\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                     "    email text NOT NULL, role user_role NOT NULL, order int);\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:3:51: error: syntax error at or near \"order\"");
}

static void test_migration_unterminated_string(void **state)
{
    fixture *f = *state;
    expect_one_error(f,
                     "CREATE TYPE user_role AS ENUM ('customer);\n"
                     "CREATE TABLE users (id bigserial PRIMARY KEY);\n",
                     NULL, NULL,
                     "migrations/0001_base.sql:1:32: error: unterminated quoted string at or near "
                     "\"'customer);...\"");
}

/* --------------------------------------------------- one mistake, one error */

static void test_broken_query_reported_once(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid AND (role = @role;\n",
                     "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                     "  run user = GetUser(uid: path.uid, role: \"staff\")\n"
                     "  200 { uid: user.uid, role: user.role }\n"
                     "}\n",
                     "spec/shop.sql:2:70: error: syntax error at end of input");
}

static void test_renamed_parameter_reported_once(void **state)
{
    fixture *f = *state;
    /* @uid renamed to @uidd in the query: the call's uid is the one
     * mistake, not also a missing uidd */
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uidd;\n",
                     NULL,
                     "spec/shop.api:2:22: error: query GetUser has no parameter \"uid\" (did you "
                     "mean \"uidd\"?)");
}

static void test_bad_query_kind_keeps_the_query(void **state)
{
    fixture *f = *state;
    expect_one_error(
        f, NULL,
        "-- name: GetUser :onee\n"
        "SELECT uid, email, role FROM users WHERE uid = @uid;\n",
        NULL,
        "spec/shop.sql:1:18: error: unknown query kind \":onee\" (expected :one, :many, "
        ":exec or :page)");
}

static void test_ordering_marks_the_statements_order_by(void **state)
{
    fixture *f = *state;
    /* a window's ORDER BY is not the one a client may replace */
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: ListUsers :many\n"
                     "SELECT uid, email, row_number() OVER (\n"
                     "    ORDER BY id -- ordering: email\n"
                     ")::int AS n FROM users;\n",
                     NULL,
                     "spec/shop.sql:5:17: error: -- ordering: marks the line holding the ORDER BY "
                     "clause (the default)");
}

/* ------------------------------------------------ what PostgreSQL accepts */

static void test_at_time_zone(void **state)
{
    fixture *f = *state;
    expect_clean(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role, (created_at AT TIME ZONE 'UTC')::text AS local_time\n"
                 "FROM users WHERE uid = @uid AND created_at AT TIME ZONE 'UTC' < now();\n",
                 NULL);
    /* without a cast its type is not guessed */
    expect_one_error(
        f, NULL,
        "-- name: GetUser :one\n"
        "SELECT uid, email, role, created_at AT TIME ZONE 'UTC' AS local_time\n"
        "FROM users WHERE uid = @uid;\n",
        NULL,
        "spec/shop.sql:2:26: error: cannot infer the type of this result column: add a "
        "cast and a name");
}

static void test_postgresql_constructs(void **state)
{
    fixture *f = *state;
    expect_clean(
        f, NULL,
        "-- name: GetUser :one\n"
        "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
        "\n"
        "-- name: Report :many\n"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3),\n"
        "  moved AS (UPDATE orders SET note = @note WHERE uid = @order_uid RETURNING id, user_id)\n"
        "SELECT u.uid, x.sku, row_number() OVER (PARTITION BY u.role ORDER BY u.id)::int AS rn,\n"
        "       CAST(last.amount AS text) AS last_amount, 'x' AS tag, 2 AS two,\n"
        "       (SELECT count(*) FROM moved m WHERE m.user_id = u.id)::int AS moved\n"
        "FROM users u\n"
        "LEFT JOIN LATERAL (SELECT o.amount FROM orders o WHERE o.user_id = u.id\n"
        "                   ORDER BY o.id DESC LIMIT 1) last ON true,\n"
        "     jsonb_to_recordset(@items::jsonb) AS x(sku text, quantity int)\n"
        "WHERE u.role IN (@role_a, @role_b) AND u.created_at BETWEEN @since AND now()\n"
        "UNION ALL\n"
        "SELECT u.uid, NULL, 0, NULL, 'y', 3, 0 FROM users u\n"
        "ORDER BY rn, last_amount;\n"
        "\n"
        "-- name: Upsert :one\n"
        "INSERT INTO orders AS o (uid, user_id, amount) VALUES (@uid, @user_id, @amount)\n"
        "ON CONFLICT (uid) DO UPDATE SET amount = excluded.amount + o.amount\n"
        "RETURNING o.uid, o.amount;\n"
        "\n"
        "-- name: Lock :one\n"
        "SELECT o.uid FROM orders o WHERE o.uid = @uid FOR UPDATE SKIP LOCKED;\n",
        NULL);
}

/* -------------------------------------------------------- names */

/* Spec names no longer become C identifiers (the generated C holds only
 * descriptor tables), so a C keyword is a fine parameter or column name. */
static void test_c_keyword_names_compile(void **state)
{
    fixture *f = *state;
    expect_clean(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid AS long, email AS int, role FROM users WHERE email = @static;\n",
                 "endpoint GET /users \"A user\" {\n"
                 "  query { static text }\n"
                 "  run user = GetUser(static: query.static)\n"
                 "  200 user\n"
                 "}\n");
}

/* A column the .api cannot name (a quoted name with a space) is an error. */
static void test_unnamed_result_column(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email AS \"e mail\", role FROM users WHERE uid = @uid;\n",
                     NULL,
                     "spec/shop.sql:2:22: error: result column \"e mail\" is not a name: rename it "
                     "with AS");
}

/* ------------------------------------------- a table the runtime makes */

static const char creates_ledger[] = "-- name: CreateLedger :exec\n"
                                     "CREATE TABLE IF NOT EXISTS ledger (\n"
                                     "    version text PRIMARY KEY,\n"
                                     "    note text\n"
                                     ");\n";

/* A query that is CREATE TABLE IF NOT EXISTS teaches the compiler the
 * table, for every query (one before it too); its columns are checked. */
static void test_query_creates_a_table_the_queries_read(void **state)
{
    fixture *f = *state;
    char sql[1024];

    snprintf(sql, sizeof sql,
             "-- name: GetUser :one\n"
             "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
             "-- name: ListLedger :many\n"
             "SELECT version, note FROM ledger;\n"
             "%s",
             creates_ledger);
    expect_clean(f, NULL, sql, NULL);
    snprintf(sql, sizeof sql,
             "%s"
             "-- name: GetUser :one\n"
             "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
             "-- name: ListLedger :many\n"
             "SELECT version, notes FROM ledger;\n",
             creates_ledger);
    expect_one_error(f, NULL, sql, NULL,
                     "spec/shop.sql:9:17: error: unknown column \"notes\" in table ledger (did you "
                     "mean \"note\"?)");
}

/* Without it the table is unknown: the test above can fail. */
static void test_without_the_create_the_table_is_unknown(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: ListLedger :many\n"
                     "SELECT version, note FROM ledger;\n",
                     NULL, "spec/shop.sql:4:27: error: unknown table \"ledger\"");
}

static void test_created_table_needs_if_not_exists(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: CreateLedger :exec\n"
                     "CREATE TABLE ledger (version text PRIMARY KEY);\n",
                     NULL,
                     "spec/shop.sql:4:1: error: a query may create only a table, with CREATE TABLE "
                     "IF NOT EXISTS (the runtime runs it every time)");
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: IndexUsers :exec\n"
                     "CREATE INDEX IF NOT EXISTS users_email_idx ON users (email);\n",
                     NULL,
                     "spec/shop.sql:4:1: error: a query may create only a table, with CREATE TABLE "
                     "IF NOT EXISTS (the runtime runs it every time)");
}

static void test_created_table_query_is_exec_without_parameters(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: CreateLedger :one\n"
                     "CREATE TABLE IF NOT EXISTS ledger (version text PRIMARY KEY);\n",
                     NULL,
                     "spec/shop.sql:3:10: error: query CreateLedger creates a table: it is :exec");
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: CreateLedger :exec\n"
                     "CREATE TABLE IF NOT EXISTS ledger (version text DEFAULT @version);\n",
                     NULL,
                     "spec/shop.sql:4:57: error: a query that creates a table takes no parameters");
}

/* A migration's table is the migrations' to shape. */
static void test_created_table_not_a_migrations_table(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                     "-- name: CreateUsers :exec\n"
                     "CREATE TABLE IF NOT EXISTS users (id bigint);\n",
                     NULL,
                     "spec/shop.sql:4:28: error: table \"users\" is already made by a migration (a "
                     "query creates only a table the runtime makes itself)");
}

/* A spec file that is not UTF-8 is refused at its first bad byte (before,
 * a description with one ended specc with status 2 and no message). */
static void test_input_not_utf8(void **state)
{
    fixture *f = *state;
    expect_one_error(f, NULL, NULL,
                     "endpoint GET /users/{uid: uuid} \"A \xc3\xa9 \xff user\" {\n"
                     "  run user = GetUser(uid: path.uid)\n"
                     "  200 user\n"
                     "}\n",
                     "spec/shop.api:1:39: error: not UTF-8 text (byte 0xff): a spec file is UTF-8");
    expect_one_error(f, NULL,
                     "-- name: GetUser :one\n"
                     "-- \xe2\x82\n"
                     "SELECT uid, email, role FROM users WHERE uid = @uid;\n",
                     NULL,
                     "spec/shop.sql:2:4: error: not UTF-8 text (byte 0xe2): a spec file is UTF-8");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_misspelt_keyword, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trailing_comma_in_select_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error_after_a_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_parenthesis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unterminated_string_blamed_where_it_opens, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_insert_more_values_than_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_more_columns_than_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_foreign_key_to_unknown_table, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_migration_foreign_key_to_unknown_column, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_migration_index_on_unknown_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_constraint_on_unknown_column, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_migration_trailing_comma, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_reserved_word_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_unterminated_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_query_reported_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_renamed_parameter_reported_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_query_kind_keeps_the_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ordering_marks_the_statements_order_by, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_at_time_zone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_postgresql_constructs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_c_keyword_names_compile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unnamed_result_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_creates_a_table_the_queries_read, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_without_the_create_the_table_is_unknown, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_created_table_needs_if_not_exists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_created_table_query_is_exec_without_parameters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_created_table_not_a_migrations_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_input_not_utf8, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
