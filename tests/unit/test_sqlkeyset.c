/*
 * test_sqlkeyset.c - the compiler's side of lists at scale (sqlkeyset.c,
 * sqlquery.c): the warning when no index can serve a declared ordering or
 * a filter (a warning: the compile still succeeds), and the rules of a
 * `:page keyset` query (docs/spec-language.md, "Pages").
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

static const char base_migration[] = "CREATE TABLE orders (\n"
                                     "    id bigserial PRIMARY KEY,\n"
                                     "    uid uuid NOT NULL,\n"
                                     "    status text NOT NULL,\n"
                                     "    amount numeric(12,2) NOT NULL,\n"
                                     "    note text,\n"
                                     "    created_at timestamptz NOT NULL DEFAULT now()\n"
                                     ");\n"
                                     "CREATE INDEX orders_created_idx ON orders (created_at, id);\n"
                                     "CREATE INDEX orders_amount_idx ON orders (amount, id);\n";

static const char base_sql[] =
    "-- name: ListOrders :page keyset\n"
    "SELECT o.uid, o.amount, o.note, o.created_at\n"
    "FROM orders o\n"
    "WHERE o.amount >= @min_amount  -- filter\n"
    "ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n";

static const char base_api[] = "endpoint GET /orders \"Orders\" {\n"
                               "  query {\n"
                               "    min_amount  money?\n"
                               "    ordering    ordering?\n"
                               "  }\n"
                               "  run orders = ListOrders(min_amount: query.min_amount)\n"
                               "    order_by query.ordering\n"
                               "  200 page orders\n"
                               "}\n";

static int setup(void **state)
{
    return fixture_setup(state, base_migration, base_sql, base_api);
}

static void test_served_orderings_and_filters_are_quiet(void **state)
{
    fixture *f = *state;
    assert_int_equal(check(f, NULL, NULL, NULL), 0);
    assert_true(f->diagnostics == NULL || f->diagnostics[0] == '\0');
}

static void test_an_ordering_without_an_index_is_a_warning(void **state)
{
    fixture *f = *state;
    char migration[sizeof base_migration];
    snprintf(migration, sizeof migration, "%.*s",
             (int)(strstr(base_migration, "CREATE INDEX orders_amount") - base_migration),
             base_migration);
    assert_int_equal(check(f, migration, NULL, NULL), 0);
    expect_line(f, 0,
                "spec/shop.sql:5:65: warning: ordering `amount` of ListOrders has no index that "
                "can serve it (no index on orders starts with amount)");
}

static void test_a_filter_without_an_index_is_a_warning(void **state)
{
    fixture *f = *state;
    static const char sql[] =
        "-- name: ListOrders :page keyset\n"
        "SELECT o.uid, o.amount, o.note, o.created_at\n"
        "FROM orders o\n"
        "WHERE o.amount >= @min_amount  -- filter\n"
        "  AND o.status = @status  -- filter\n"
        "  AND lower(o.note) = lower(@note::text)  -- filter\n"
        "ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n";
    static const char api[] = "endpoint GET /orders \"Orders\" {\n"
                              "  query {\n"
                              "    min_amount  money?\n"
                              "    status      text?\n"
                              "    note        text?\n"
                              "    ordering    ordering?\n"
                              "  }\n"
                              "  run orders = ListOrders(min_amount: query.min_amount,\n"
                              "                          status: query.status, note: query.note)\n"
                              "    order_by query.ordering\n"
                              "  200 page orders\n"
                              "}\n";
    assert_int_equal(check(f, NULL, sql, api), 0);
    /* the expression filter (lower(note)) is not checked */
    expect_line(f, 0,
                "spec/shop.sql:5:7: warning: filter on `status` of ListOrders has no index that "
                "can serve it (no index on orders starts with status)");
    expect_line(f, 3, "");
}

static void test_a_keyset_query_orders_by_key_and_tiebreak(void **state)
{
    fixture *f = *state;
    static const char one_key[] = "-- name: ListOrders :page keyset\n"
                                  "SELECT o.uid, o.amount, o.note, o.created_at\n"
                                  "FROM orders o\n"
                                  "WHERE o.amount >= @min_amount  -- filter\n"
                                  "ORDER BY o.created_at DESC  -- ordering: created_at, amount\n";
    expect_error(f, NULL, one_key, NULL,
                 "spec/shop.sql:1:10: error: a :page keyset query orders by KEY, TIEBREAK: two "
                 "table columns that cannot be null, both ascending or both descending (e.g. "
                 "ORDER BY o.created_at DESC, o.id DESC, the tiebreak unique)");
}

static void test_a_keyset_ordering_cannot_be_null(void **state)
{
    fixture *f = *state;
    static const char sql[] =
        "-- name: ListOrders :page keyset\n"
        "SELECT o.uid, o.amount, o.note, o.created_at\n"
        "FROM orders o\n"
        "WHERE o.amount >= @min_amount  -- filter\n"
        "ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, note\n";
    expect_error(f,
                 "CREATE TABLE orders (id bigserial PRIMARY KEY, uid uuid NOT NULL,\n"
                 " amount numeric(12,2) NOT NULL, note text, created_at timestamptz NOT NULL);\n"
                 "CREATE INDEX a ON orders (amount);\nCREATE INDEX b ON orders (note);\n"
                 "CREATE INDEX c ON orders (created_at);\n",
                 sql, NULL,
                 "spec/shop.sql:5:65: error: ordering `note` of a :page keyset query must be a "
                 "table column that cannot be null (a cursor holds its value)");
}

/* A derived-table page (docs/spec-language.md, "Pages"): the outer SELECT
 * adds columns to the page's rows. */
static const char derived_head[] =
    "-- name: ListOrders :page keyset\n"
    "SELECT o.uid, o.amount, o.created_at,\n"
    "       (SELECT count(*) FROM orders x WHERE x.amount > o.amount)::bigint "
    "AS richer\n";

static void test_a_derived_page_compiles_quietly(void **state)
{
    fixture *f = *state;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "%sFROM (SELECT o.id, o.uid, o.amount, o.created_at FROM orders o\n"
             "      WHERE true\n"
             "        AND o.amount >= @min_amount  -- filter\n"
             "      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n"
             "     ) o\n",
             derived_head);
    assert_int_equal(check(f, NULL, sql, NULL), 0);
    assert_true(f->diagnostics == NULL || f->diagnostics[0] == '\0');
}

static void test_a_derived_page_filter_belongs_inside(void **state)
{
    fixture *f = *state;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "%sFROM (SELECT o.id, o.uid, o.amount, o.created_at FROM orders o\n"
             "      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n"
             "     ) o\n"
             "WHERE true\n"
             "  AND o.amount >= @min_amount  -- filter\n",
             derived_head);
    expect_error(f, NULL, sql, NULL,
                 "spec/shop.sql:8:32: error: a -- filter line of ListOrders belongs inside its "
                 "page (the derived table o), before its ORDER BY");
}

static void test_a_derived_page_orders_by_its_own_columns(void **state)
{
    fixture *f = *state;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "%sFROM (SELECT o.uid, o.amount, o.created_at FROM orders o\n"
             "      WHERE o.amount >= @min_amount  -- filter\n"
             "      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n"
             "     ) o\n",
             derived_head);
    expect_error(f, NULL, sql, NULL,
                 "spec/shop.sql:6:35: error: each ORDER BY key of the page of ListOrders is a "
                 "result column of the page, written `o.column` or `column`, so the outer SELECT "
                 "keeps its order");
}

static void test_a_derived_page_outer_select_only_adds_columns(void **state)
{
    fixture *f = *state;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "%sFROM (SELECT o.id, o.uid, o.amount, o.created_at FROM orders o\n"
             "      WHERE o.amount >= @min_amount  -- filter\n"
             "      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n"
             "     ) o\n"
             "LIMIT 5\n",
             derived_head);
    expect_error(f, NULL, sql, NULL,
                 "spec/shop.sql:1:10: error: the SELECT around the page of ListOrders (the "
                 "derived table o) only adds columns to its rows: no GROUP BY, HAVING, DISTINCT, "
                 "WINDOW, LIMIT or OFFSET");
}

static void test_a_derived_page_ordering_is_passed_on(void **state)
{
    fixture *f = *state;
    static const char sql[] =
        "-- name: ListOrders :page keyset\n"
        "SELECT o.uid, (o.amount * 2)::numeric(12,2) AS amount, o.created_at\n"
        "FROM (SELECT o.id, o.uid, o.amount, o.created_at FROM orders o\n"
        "      WHERE o.amount >= @min_amount  -- filter\n"
        "      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount\n"
        "     ) o\n";
    expect_error(f, NULL, sql, NULL,
                 "spec/shop.sql:5:71: error: ordering `amount` of ListOrders must be a result "
                 "column of its page (the derived table o) that the outer SELECT passes on as "
                 "o.amount");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_served_orderings_and_filters_are_quiet, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_an_ordering_without_an_index_is_a_warning, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_filter_without_an_index_is_a_warning, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_keyset_query_orders_by_key_and_tiebreak, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_keyset_ordering_cannot_be_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_derived_page_compiles_quietly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_derived_page_filter_belongs_inside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_derived_page_orders_by_its_own_columns, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_derived_page_outer_select_only_adds_columns, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_derived_page_ordering_is_passed_on, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
