/*
 * test_sqlwrites.c - which named queries specc marks as reads
 * (codegen/sqlwrites.c, rt_query.reads_only): only those the runtime may
 * send ahead of the user check. Each case is a statement parsed by
 * PostgreSQL's parser against a catalog read from a small migration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "catalog.h"
#include "diag.h"
#include "pgparse.h"
#include "rt_arena.h"
#include "sqlwrites.h"

static const char migration[] =
    "CREATE TABLE orders (id bigserial PRIMARY KEY, amount numeric(12,2) NOT NULL);\n"
    "CREATE FUNCTION order_total() RETURNS numeric LANGUAGE sql STABLE AS\n"
    "  $$ SELECT sum(amount) FROM orders $$;\n"
    "CREATE FUNCTION order_touch(p bigint) RETURNS void LANGUAGE sql AS\n"
    "  $$ UPDATE orders SET amount = amount WHERE id = p $$;\n"
    "CREATE FUNCTION order_settled(p bigint) RETURNS bool LANGUAGE sql AS $$ SELECT true $$;\n"
    "CREATE OR REPLACE FUNCTION order_settled(p bigint) RETURNS bool LANGUAGE sql\n"
    "  IMMUTABLE AS $$ SELECT true $$;\n";

typedef struct fixture {
    rt_arena *arena;
    diag diag;
    catalog cat;
    diag_source source;
} fixture;

static int setup(void **state)
{
    static fixture f;

    memset(&f, 0, sizeof f);
    if (rt_arena_create(&f.arena) != 0)
        return -1;
    diag_init(&f.diag, stderr);
    catalog_init(&f.cat);
    f.source = (diag_source){
        .path = "migrations/0001_test.sql", .text = migration, .length = sizeof migration - 1};
    if (catalog_parse(&f.cat, f.arena, &f.diag, &f.source) != 0 || f.diag.error_count > 0)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rt_arena_destroy(f->arena);
    return 0;
}

static bool reads_only(fixture *f, const char *sql)
{
    diag_source source = {.path = "spec/test.sql", .text = sql, .length = strlen(sql)};
    pgparse_text text = {.source = &source, .text = sql, .length = (int)strlen(sql)};
    json_t *tree = NULL;
    bool answer;

    assert_int_equal(pgparse_parse(&f->diag, &text, &tree), 0);
    answer = sqlwrites_reads_only(
        &f->cat, json_object_get(json_array_get(json_object_get(tree, "stmts"), 0), "stmt"));
    json_decref(tree);
    return answer;
}

static void test_plain_selects_read(void **state)
{
    fixture *f = *state;
    assert_true(reads_only(f, "SELECT id, lower('A'), now(), count(*) OVER () FROM orders"));
    assert_true(reads_only(f, "WITH t AS (SELECT id FROM orders) SELECT * FROM t"));
    assert_true(reads_only(f, "SELECT order_total()"));            /* STABLE */
    assert_true(reads_only(f, "SELECT order_settled(1)"));         /* replaced as IMMUTABLE */
    assert_true(reads_only(f, "SELECT currval('orders_id_seq')")); /* reads the session */
}

static void test_writes_and_locks_do_not(void **state)
{
    fixture *f = *state;
    assert_false(reads_only(f, "INSERT INTO orders (amount) VALUES (1) RETURNING id"));
    assert_false(reads_only(f, "UPDATE orders SET amount = 2 RETURNING id"));
    assert_false(reads_only(f, "DELETE FROM orders RETURNING id"));
    assert_false(reads_only(f, "SELECT id FROM orders FOR UPDATE"));
    assert_false(reads_only(f, "SELECT o.id FROM orders o WHERE o.id IN "
                               "(SELECT id FROM orders FOR SHARE SKIP LOCKED)"));
    assert_false(reads_only(f, "WITH d AS (DELETE FROM orders RETURNING id) SELECT * FROM d"));
}

static void test_functions_with_effects_do_not(void **state)
{
    fixture *f = *state;
    assert_false(reads_only(f, "SELECT order_touch(1)")); /* VOLATILE by default */
    assert_false(reads_only(f, "SELECT id FROM orders WHERE order_touch(id) IS NULL"));
    assert_false(reads_only(f, "SELECT nextval('orders_id_seq')"));
    assert_false(reads_only(f, "SELECT pg_advisory_xact_lock(1)"));
    assert_false(reads_only(f, "SELECT pg_try_advisory_lock(1)"));
    assert_false(reads_only(f, "SELECT pg_notify('c', 'x')"));
    assert_false(reads_only(f, "SELECT set_config('orderd.actor', '1', true)"));
    assert_false(reads_only(f, "SELECT pg_catalog.nextval('orders_id_seq')"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_selects_read),
        cmocka_unit_test(test_writes_and_locks_do_not),
        cmocka_unit_test(test_functions_with_effects_do_not),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
