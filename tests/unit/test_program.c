/*
 * test_program.c - unit tests of rt_program (the step interpreter) and of
 * rt_db_run_variant (dynamic filters and orderings), against a real
 * PostgreSQL named by TEST_DATABASE_URL (skipped, saying why, without it).
 *
 * The group setup creates the table test_program_items and the function
 * test_program_raise (a RAISE with the DETAIL it is given, for `fields from
 * detail`); every test starts from the table empty. Step tables are written here by hand, as specc
 * would emit them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rt_db.h"
#include "rt_error.h"
#include "rt_log.h"
#include "rt_program.h"

/* ---------------------------------------------------------------- queries */

static const rt_param insert_params[] = {{"sku", RT_TYPE_TEXT, "text"},
                                         {"qty", RT_TYPE_INT, "integer"}};
static const rt_column insert_columns[] = {{"id", RT_TYPE_INT, "integer", false},
                                           {"sku", RT_TYPE_TEXT, "text", false}};
static const rt_query insert_item = {
    .id = 0,
    .name = "TestProgramInsert",
    .sql = "INSERT INTO test_program_items (sku, qty) VALUES ($1, $2::int) RETURNING id, sku",
    .cardinality = RT_CARD_ONE,
    .params = insert_params,
    .param_count = 2,
    .columns = insert_columns,
    .column_count = 2,
};

static const rt_param find_params[] = {{"sku", RT_TYPE_TEXT, "text"}};
static const rt_column find_columns[] = {{"qty", RT_TYPE_INT, "integer", false}};
static const rt_query find_item = {
    .id = 1,
    .name = "TestProgramFind",
    .sql = "SELECT qty FROM test_program_items WHERE sku = $1",
    .cardinality = RT_CARD_ONE,
    .params = find_params,
    .param_count = 1,
    .columns = find_columns,
    .column_count = 1,
    .reads_only = true,
};

/* SELECT sku FROM items WHERE true [AND sku = $1] [AND qty >= $2] ORDER BY ... */
static const int filter_sku_params[] = {0};
static const int filter_qty_params[] = {1};
static const rt_sql_part list_parts[] = {
    {.kind = RT_PART_TEXT, .text = "SELECT sku, qty FROM test_program_items WHERE true\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND sku = $1\n",
     .params = filter_sku_params,
     .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND qty >= $2::int\n",
     .params = filter_qty_params,
     .param_count = 1},
    {.kind = RT_PART_ORDER, .text = "ORDER BY sku ASC, id ASC"},
};
static const rt_ordering list_orderings[] = {
    {.name = "qty", .sql = "ORDER BY qty ASC, id ASC", .key_column = -1},
    {.name = "-qty", .sql = "ORDER BY qty DESC, id DESC", .key_column = -1},
};
static const rt_param list_params[] = {{"sku", RT_TYPE_TEXT, "text"},
                                       {"min_qty", RT_TYPE_INT, "integer"}};
static const rt_column list_columns[] = {{"sku", RT_TYPE_TEXT, "text", false},
                                         {"qty", RT_TYPE_INT, "integer", false}};
static const rt_query list_items = {
    .id = 2,
    .name = "TestProgramList",
    .sql = "",
    .cardinality = RT_CARD_MANY,
    .params = list_params,
    .param_count = 2,
    .columns = list_columns,
    .column_count = 2,
    .parts = list_parts,
    .part_count = 4,
    .orderings = list_orderings,
    .ordering_count = 2,
};

/* RAISE with a DETAIL: a database check answering with field errors. */
static const rt_param raise_params[] = {{"detail", RT_TYPE_TEXT, "text"}};
static const rt_column raise_columns[] = {{"ok", RT_TYPE_BOOL, "boolean", false}};
static const rt_query raise_items = {
    .id = 3,
    .name = "TestProgramRaise",
    .sql = "SELECT test_program_raise($1) AS ok",
    .cardinality = RT_CARD_ONE,
    .params = raise_params,
    .param_count = 1,
    .columns = raise_columns,
    .column_count = 1,
};

/* --------------------------------------------------------------- fixtures */

typedef struct fixture {
    rt_db_pool *pool;
    rt_arena *arena;
    rt_config config;
} fixture;

static const char *database_url(void)
{
    return getenv("TEST_DATABASE_URL");
}

static int exec_sql(rt_db_pool *pool, const char *sql)
{
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    int rc = rt_db_acquire(pool, &conn);
    if (rc == 0)
        rc = rt_db_exec_sql(conn, sql, &result);
    rt_db_result_clear(&result);
    if (conn)
        rt_db_release(pool, conn);
    return rc;
}

static int group_setup(void **state)
{
    rt_db_pool *pool = NULL;
    (void)state;
    if (!database_url())
        return 0;
    if (rt_db_pool_open(database_url(), 2, 3, 0, &pool) != 0)
        return -1;
    int rc = exec_sql(pool, "DROP TABLE IF EXISTS test_program_items;"
                            "CREATE TABLE test_program_items (id serial PRIMARY KEY,"
                            " sku text NOT NULL UNIQUE, qty integer NOT NULL CHECK (qty >= 0));"
                            "CREATE OR REPLACE FUNCTION test_program_raise(detail text)"
                            " RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN"
                            " RAISE EXCEPTION USING MESSAGE = 'Bad items: B', DETAIL = detail,"
                            " CONSTRAINT = 'bad_items'; END $$");
    rt_db_pool_close(pool);
    return rc == 0 ? 0 : -1;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || rt_arena_create(&f->arena) != 0)
        return -1;
    f->config.processing_work_seconds = 7;
    *state = f;
    if (!database_url())
        return 0;
    if (rt_db_pool_open(database_url(), 2, 3, 0, &f->pool) != 0)
        return -1;
    return exec_sql(f->pool, "TRUNCATE test_program_items RESTART IDENTITY") == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->pool)
        rt_db_pool_close(f->pool);
    rt_arena_destroy(f->arena);
    free(f);
    return 0;
}

static void need_database(void)
{
    if (!database_url()) {
        print_message("TEST_DATABASE_URL is not set: skipped\n");
        skip();
    }
}

static void program_for(fixture *f, rt_program *p)
{
    rt_program_init(p);
    p->config = &f->config;
    p->db = f->pool;
    p->arena = f->arena;
    p->request_id = "test";
}

static long count_items(fixture *f)
{
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    long n = -1;
    if (rt_db_acquire(f->pool, &conn) == 0 &&
        rt_db_exec_sql(conn, "SELECT count(*) FROM test_program_items", &result) == 0)
        n = strtol(rt_db_value(&result, 0, 0), NULL, 10);
    rt_db_result_clear(&result);
    if (conn)
        rt_db_release(f->pool, conn);
    return n;
}

/* ------------------------------------------------------------------ tests */

static const rt_value sku_a_args[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "a"},
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_INT, .literal = "5"},
};
static const rt_value sku_a_negative_args[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "b"},
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_INT, .literal = "-1"},
};
static const rt_outcome_map check_map[] = {
    {.outcome = RT_OUTCOME_CHECK_VIOLATION,
     .constraint = "test_program_items_qty_check",
     .status = 409,
     .code = "conflict",
     .message = "Quantity cannot be negative"},
};
static const rt_outcome_map unique_map[] = {
    {.outcome = RT_OUTCOME_UNIQUE_VIOLATION,
     .status = 409,
     .code = "conflict",
     .message = "Already there"},
};

static void test_a_failing_step_rolls_back_its_transaction(void **state)
{
    fixture *f = *state;
    const rt_step steps[] = {
        {.kind = RT_STEP_BEGIN},
        {.kind = RT_STEP_QUERY, .query = &insert_item, .args = sku_a_args, .arg_count = 2},
        {.kind = RT_STEP_QUERY,
         .query = &insert_item,
         .args = sku_a_negative_args,
         .arg_count = 2,
         .outcomes = check_map,
         .outcome_count = 1},
        {.kind = RT_STEP_COMMIT},
    };
    rt_program p;

    need_database();
    program_for(f, &p);
    assert_int_not_equal(rt_program_run(&p, steps, 4), 0);
    assert_true(p.failed);
    assert_int_equal(p.status, 409);
    assert_string_equal(p.message, "Quantity cannot be negative");
    rt_program_finish(&p);
    assert_int_equal(count_items(f), 0); /* the first insert was rolled back */
}

/* The map naming the failed constraint wins over one naming none, even
 * when listed after it (`on raise insufficient_stock ...` next to `on raise
 * ...`). */
static void test_a_named_outcome_wins_over_an_unnamed_one(void **state)
{
    fixture *f = *state;
    static const rt_outcome_map maps[] = {
        {.outcome = RT_OUTCOME_CHECK_VIOLATION,
         .status = 400,
         .code = "bad_request",
         .message = "Some check failed"},
        {.outcome = RT_OUTCOME_CHECK_VIOLATION,
         .constraint = "test_program_items_qty_check",
         .status = 409,
         .code = "conflict",
         .message = "Quantity cannot be negative"},
    };
    const rt_step insert = {.kind = RT_STEP_QUERY,
                            .query = &insert_item,
                            .args = sku_a_negative_args,
                            .arg_count = 2,
                            .outcomes = maps,
                            .outcome_count = 2};
    rt_program p;

    need_database();
    program_for(f, &p);
    assert_int_not_equal(rt_program_run(&p, &insert, 1), 0);
    assert_int_equal(p.status, 409);
    assert_string_equal(p.message, "Quantity cannot be negative");
    rt_program_finish(&p);
}

static void test_committed_steps_stay_and_outcomes_map(void **state)
{
    fixture *f = *state;
    const rt_step insert_twice[] = {
        {.kind = RT_STEP_BEGIN},
        {.kind = RT_STEP_QUERY, .query = &insert_item, .args = sku_a_args, .arg_count = 2},
        {.kind = RT_STEP_COMMIT},
        {.kind = RT_STEP_QUERY,
         .query = &insert_item,
         .args = sku_a_args,
         .arg_count = 2,
         .outcomes = unique_map,
         .outcome_count = 1},
    };
    rt_program p;

    need_database();
    program_for(f, &p);
    assert_int_not_equal(rt_program_run(&p, insert_twice, 4), 0);
    assert_int_equal(p.status, 409);
    assert_string_equal(p.message, "Already there");
    rt_program_finish(&p);
    assert_int_equal(count_items(f), 1);
}

static void test_no_row_is_404_unless_optional(void **state)
{
    fixture *f = *state;
    static const rt_value missing[] = {
        {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "nope"}};
    rt_step find = {.kind = RT_STEP_QUERY, .query = &find_item, .args = missing, .arg_count = 1};
    rt_program p;

    need_database();
    program_for(f, &p);
    assert_int_equal(rt_program_run(&p, &find, 1), RT_ENOROW);
    assert_int_equal(p.status, 404);
    rt_program_finish(&p);

    find.optional = true;
    program_for(f, &p);
    assert_int_equal(rt_program_run(&p, &find, 1), 0);
    assert_true(p.states[0].absent);
    rt_program_finish(&p);
}

static void test_values_roles_config_and_pages(void **state)
{
    fixture *f = *state;
    static const char *const staff_roles[] = {"staff", "admin"};
    static const rt_value other = {
        .kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "everyone"};
    const rt_member members[] = {
        {.key = "owner",
         .value = {.kind = RT_VALUE_AUTH,
                   .type = RT_TYPE_UUID,
                   .index = RT_AUTH_USER_ID,
                   .unless_roles = staff_roles,
                   .unless_role_count = 2,
                   .otherwise = &other}},
        {.key = "work",
         .value = {.kind = RT_VALUE_CONFIG,
                   .type = RT_TYPE_INT,
                   .index = RT_CONFIG_PROCESSING_WORK_SECONDS}},
        {.key = "offset", .value = {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT}},
        {.key = "when",
         .value = {.kind = RT_VALUE_LITERAL,
                   .type = RT_TYPE_TIMESTAMPTZ,
                   .literal = "2026-11-22 00:07:09.12+00"}},
        {.key = "flag", .value = {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_BOOL, .literal = "t"}},
    };
    rt_program p;
    rt_render_source source;
    rt_buf out;
    bool first = true;

    program_for(f, &p);
    p.user_id = "u-1";
    p.role = "customer";
    p.page = 3;
    p.page_size = 20;
    rt_buf_init(&out);
    rt_program_render_source(&p, &source);
    assert_int_equal(rt_render_members(&source, members, 5, &out, &first), 0);
    assert_string_equal(rt_buf_cstr(&out), "\"owner\":\"u-1\",\"work\":7,\"offset\":40,"
                                           "\"when\":\"2026-11-22T00:07:09.12Z\",\"flag\":true");
    rt_buf_reset(&out);
    first = true;
    p.role = "staff"; /* staff see everyone's: the `else` value */
    assert_int_equal(rt_render_members(&source, members, 1, &out, &first), 0);
    assert_string_equal(rt_buf_cstr(&out), "\"owner\":\"everyone\"");
    rt_buf_free(&out);
}

/* body.f? (RT_VALUE_BODY_PRESENT) is true for a key sent as null and
 * false for an absent one; the plain value is NULL in both cases. */
static void test_body_present_tells_absent_from_null(void **state)
{
    fixture *f = *state;
    const rt_input body[2] = {{.text = NULL, .present = true}, {.text = NULL, .present = false}};
    const rt_value sent_null = {.kind = RT_VALUE_BODY_PRESENT, .type = RT_TYPE_BOOL, .index = 0};
    const rt_value absent = {.kind = RT_VALUE_BODY_PRESENT, .type = RT_TYPE_BOOL, .index = 1};
    const rt_value value = {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0};
    const char *text = "unset";
    rt_program p;

    program_for(f, &p);
    p.body = body;
    assert_int_equal(rt_program_value_text(&p, &sent_null, &text), 0);
    assert_string_equal(text, "true");
    assert_int_equal(rt_program_value_text(&p, &absent, &text), 0);
    assert_string_equal(text, "false");
    assert_int_equal(rt_program_value_text(&p, &value, &text), 0);
    assert_null(text);
}

static void test_filters_and_orderings_choose_fixed_variants(void **state)
{
    fixture *f = *state;
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    const char *none[2] = {NULL, NULL};
    const char *only_b[2] = {"b", NULL};
    const char *at_least_2[2] = {NULL, "2"};

    need_database();
    assert_int_equal(exec_sql(f->pool, "INSERT INTO test_program_items (sku, qty) VALUES "
                                       "('c', 1), ('a', 3), ('b', 2)"),
                     0);
    assert_int_equal(rt_db_acquire(f->pool, &conn), 0);

    assert_int_equal(rt_db_run_variant(conn, &list_items, none, -1, &result), 0);
    assert_int_equal(result.rows, 3);
    assert_string_equal(rt_db_value(&result, 0, 0), "a"); /* default: by sku */
    rt_db_result_clear(&result);

    assert_int_equal(rt_db_run_variant(conn, &list_items, none, 1, &result), 0);
    assert_string_equal(rt_db_value(&result, 0, 0), "a"); /* -qty: 3 first */
    assert_string_equal(rt_db_value(&result, 2, 0), "c");
    rt_db_result_clear(&result);

    assert_int_equal(rt_db_run_variant(conn, &list_items, only_b, -1, &result), 0);
    assert_int_equal(result.rows, 1);
    assert_string_equal(rt_db_value(&result, 0, 0), "b");
    rt_db_result_clear(&result);

    /* Only the second filter: its $2 becomes the variant's $1. */
    assert_int_equal(rt_db_run_variant(conn, &list_items, at_least_2, 0, &result), 0);
    assert_int_equal(result.rows, 2);
    assert_string_equal(rt_db_value(&result, 0, 0), "b");
    rt_db_result_clear(&result);

    /* A statement that vanished (DISCARD ALL, DEALLOCATE ALL) is prepared again. */
    assert_int_equal(rt_db_exec_sql(conn, "DEALLOCATE ALL", &result), 0);
    rt_db_result_clear(&result);
    assert_int_equal(rt_db_run_variant(conn, &list_items, at_least_2, 0, &result), 0);
    assert_int_equal(result.rows, 2);
    rt_db_result_clear(&result);

    /* The same variant again runs the statement prepared the first time. */
    assert_int_equal(rt_db_run_variant(conn, &list_items, at_least_2, 0, &result), 0);
    assert_int_equal(result.rows, 2);
    rt_db_result_clear(&result);
    rt_db_release(f->pool, conn);
}

/* Only steps whose every query specc marked a read may be sent ahead of
 * the user check: not the SELECT text, the compiler's mark decides. */
static void test_only_marked_reads_go_ahead(void **state)
{
    static const rt_query select_that_writes = {
        .name = "TestProgramTouch",
        .sql = "SELECT touch_items()",
        .cardinality = RT_CARD_ONE,
    };
    const rt_step read = {.kind = RT_STEP_QUERY, .query = &find_item};
    const rt_step writes[] = {read, {.kind = RT_STEP_QUERY, .query = &select_that_writes}};
    const rt_step in_tx[] = {{.kind = RT_STEP_BEGIN}, read, {.kind = RT_STEP_COMMIT}};

    (void)state;
    assert_true(rt_program_reads_only(&read, 1));
    assert_false(rt_program_reads_only(writes, 2));
    assert_false(rt_program_reads_only(in_tx, 3));
}

static const rt_outcome_map fields_map[] = {
    {.outcome = RT_OUTCOME_RAISE,
     .constraint = "bad_items",
     .status = 400,
     .code = "bad_items",
     .fields_from_detail = true},
};

/* Runs TestProgramRaise with detail under `fields from detail`. */
static int run_raise(fixture *f, rt_program *p, const char *detail)
{
    const rt_value args[] = {{.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = detail}};
    const rt_step step = {.kind = RT_STEP_QUERY,
                          .query = &raise_items,
                          .args = args,
                          .arg_count = 1,
                          .outcomes = fields_map,
                          .outcome_count = 1};
    program_for(f, p);
    return rt_program_run(p, &step, 1);
}

static void test_a_raise_answers_with_its_detail_fields(void **state)
{
    fixture *f = *state;
    rt_program p;

    need_database();
    assert_int_not_equal(run_raise(f, &p, "{\"items\": [{}, {\"sku\": [\"Unknown: B.\"]}]}"), 0);
    assert_int_equal(p.status, 400);
    assert_string_equal(p.code, "bad_items");
    assert_string_equal(p.message, "Bad items: B");
    assert_int_equal(p.fields.count, 1);
    assert_string_equal(p.fields.errors[0].field, "items");
    assert_int_equal(p.fields.errors[0].item, 1);
    assert_int_equal(p.fields.errors[0].item_count, 2);
    assert_string_equal(p.fields.errors[0].member, "sku");
    assert_string_equal(p.fields.errors[0].message, "Unknown: B.");
    rt_program_finish(&p);
}

/* A DETAIL that is not field errors: a 500 without fields, and one
 * internal_error line saying which raise and why. */
static void test_a_bad_detail_is_a_logged_500(void **state)
{
    fixture *f = *state;
    FILE *log = tmpfile();
    char text[2048] = "";
    rt_program p;

    need_database();
    assert_non_null(log);
    rt_log_init(RT_LOG_INFO, fileno(log));
    assert_int_not_equal(run_raise(f, &p, "{\"items\": [{\"sku\": "), 0);
    rt_log_init(RT_LOG_INFO, 2);
    assert_int_equal(p.status, 500);
    assert_string_equal(p.message, "Internal server error.");
    assert_int_equal(p.fields.count, 0);
    rt_program_finish(&p);
    rewind(log);
    assert_true(fread(text, 1, sizeof text - 1, log) > 0);
    fclose(log);
    assert_non_null(strstr(text, "\"event\":\"internal_error\""));
    assert_non_null(strstr(text, "\"what\":\"raise_fields\""));
    assert_non_null(strstr(text, "TestProgramRaise: raise bad_items: the DETAIL is not JSON"));
    assert_null(strchr(strchr(text, '\n') + 1, '\n')); /* one line */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_failing_step_rolls_back_its_transaction, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_named_outcome_wins_over_an_unnamed_one, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_committed_steps_stay_and_outcomes_map, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_no_row_is_404_unless_optional, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values_roles_config_and_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_present_tells_absent_from_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters_and_orderings_choose_fixed_variants, setup,
                                        teardown),
        cmocka_unit_test(test_only_marked_reads_go_ahead),
        cmocka_unit_test_setup_teardown(test_a_raise_answers_with_its_detail_fields, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_bad_detail_is_a_logged_500, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
