/*
 * test_parser.c - the parsers on good input: migrations into the catalog,
 * named queries (parameters, inferred types, result columns, $n
 * rewriting) and endpoints (fields, steps, outcomes, response).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog.h"
#include "diag.h"
#include "parse_api.h"
#include "rt_arena.h"
#include "sqlquery.h"

static const char migration[] =
    "CREATE TYPE order_status AS ENUM ('pending', 'cancelled');\n"
    "ALTER TYPE order_status ADD VALUE 'confirmed' AFTER 'pending';\n"
    "CREATE TABLE users (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL DEFAULT gen_random_uuid(),\n"
    "    email varchar(254) NOT NULL UNIQUE,\n"
    "    nickname text,\n"
    "    CONSTRAINT users_email_check CHECK (length(email) > 2)\n"
    ");\n"
    "CREATE TABLE orders (\n"
    "    id serial,\n"
    "    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
    "    status order_status NOT NULL DEFAULT 'pending',\n"
    "    amount numeric(12, 2) NOT NULL CHECK (amount > 0),\n"
    "    paid boolean,\n"
    "    created_at timestamp with time zone DEFAULT now() NOT NULL,\n"
    "    PRIMARY KEY (id)\n"
    ");\n"
    "ALTER TABLE orders ADD COLUMN note text, DROP COLUMN paid;\n"
    "ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;\n"
    "CREATE UNIQUE INDEX orders_note_key ON orders (note);\n"
    "CREATE INDEX orders_user_idx ON orders (user_id);\n"
    "COMMENT ON TABLE users IS 'people; with a semicolon';\n";

typedef struct fixture {
    rt_arena *arena;
    diag diag;
    FILE *stream;
    char *output;
    size_t output_length;
    catalog catalog;
    diag_source migration;
    diag_source source;
} fixture;

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    rt_arena_create(&f.arena);
    f.stream = open_memstream(&f.output, &f.output_length);
    diag_init(&f.diag, f.stream);
    catalog_init(&f.catalog);
    f.migration.path = "migrations/0001.sql";
    f.migration.text = migration;
    f.migration.length = strlen(migration);
    if (catalog_parse(&f.catalog, f.arena, &f.diag, &f.migration) != 0)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fclose(f->stream);
    free(f->output);
    rt_arena_destroy(f->arena);
    return 0;
}

static void assert_no_errors(fixture *f)
{
    fflush(f->stream);
    if (f->diag.error_count != 0)
        fail_msg("unexpected errors:\n%s", f->output);
}

static void test_catalog(void **state)
{
    fixture *f = *state;
    const catalog_table *users = catalog_find_table(&f->catalog, "users");
    const catalog_table *orders = catalog_find_table(&f->catalog, "orders");
    const catalog_enum *status = catalog_find_enum(&f->catalog, "order_status");
    const catalog_column *c;

    assert_no_errors(f);
    assert_non_null(users);
    assert_non_null(orders);
    assert_int_equal(users->column_count, 4);
    c = catalog_find_column(users, "id");
    assert_int_equal(c->type.type, RT_TYPE_BIGINT);
    assert_true(c->not_null);
    assert_true(c->has_default);
    c = catalog_find_column(users, "email");
    assert_string_equal(c->type.name, "text");
    assert_true(c->not_null);
    assert_false(c->has_default);
    assert_true(catalog_find_column(users, "nickname")->not_null); /* ALTER ... SET NOT NULL */

    assert_int_equal(orders->column_count, 6); /* paid dropped, note added */
    assert_null(catalog_find_column(orders, "paid"));
    c = catalog_find_column(orders, "id");
    assert_int_equal(c->type.type, RT_TYPE_INT);
    assert_true(c->not_null);
    c = catalog_find_column(orders, "amount");
    assert_int_equal(c->type.type, RT_TYPE_NUMERIC);
    assert_int_equal(c->type.precision, 12);
    assert_int_equal(c->type.scale, 2);
    assert_string_equal(c->type.name, "numeric(12,2)");
    c = catalog_find_column(orders, "created_at");
    assert_int_equal(c->type.type, RT_TYPE_TIMESTAMPTZ);
    assert_true(c->not_null);
    c = catalog_find_column(orders, "status");
    assert_int_equal(c->type.type, RT_TYPE_ENUM);
    assert_string_equal(c->type.name, "order_status");
    assert_false(catalog_find_column(orders, "note")->not_null);

    assert_non_null(status);
    assert_int_equal(status->label_count, 3);
    assert_string_equal(status->labels[0], "pending");
    assert_string_equal(status->labels[1], "confirmed");
    assert_string_equal(status->labels[2], "cancelled");

    /* explicit and implicit constraint names */
    assert_non_null(catalog_find_constraint(&f->catalog, "users_pkey"));
    assert_non_null(catalog_find_constraint(&f->catalog, "users_email_key"));
    assert_non_null(catalog_find_constraint(&f->catalog, "users_email_check"));
    assert_non_null(catalog_find_constraint(&f->catalog, "orders_pkey"));
    assert_non_null(catalog_find_constraint(&f->catalog, "orders_user_id_fkey"));
    assert_non_null(catalog_find_constraint(&f->catalog, "orders_amount_check"));
    assert_non_null(catalog_find_constraint(&f->catalog, "orders_note_key"));
    assert_null(catalog_find_constraint(&f->catalog, "orders_user_idx")); /* not unique */
}

static sql_file parse_queries(fixture *f, const char *text)
{
    sql_file file;
    f->source.path = "spec/q.sql";
    f->source.text = text;
    f->source.length = strlen(text);
    assert_int_equal(sqlquery_parse_file(&f->catalog, f->arena, &f->diag, &f->source, "q", &file),
                     0);
    assert_no_errors(f);
    return file;
}

static void test_query_parameters_and_sql(void **state)
{
    fixture *f = *state;
    sql_file file = parse_queries(
        f, "-- leading comment\n"
           "-- name: CreateOrder :one\n"
           "-- A doc comment.\n"
           "INSERT INTO orders (user_id, amount, note)\n"
           "VALUES (@user_id, @amount, lower(@note::text))\n"
           "RETURNING id, status, note;\n"
           "\n"
           "-- name: FindOrders :many\n"
           "SELECT o.id AS order_id, u.email, u.nickname AS nick, count(*) OVER () AS total\n"
           "FROM orders o LEFT JOIN users u ON u.id = o.user_id\n"
           "WHERE o.status = @status AND @min <= o.amount AND o.user_id = @user_id\n"
           "  AND o.created_at BETWEEN @since AND @until\n"
           "LIMIT @limit OFFSET @offset\n");
    const sql_query *q;

    assert_int_equal(file.query_count, 2);
    q = &file.queries[0];
    assert_string_equal(q->name, "CreateOrder");
    assert_string_equal(q->snake_name, "create_order");
    assert_int_equal(q->cardinality, RT_CARD_ONE);
    assert_int_equal(q->line, 2);
    assert_string_equal(q->sql, "INSERT INTO orders (user_id, amount, note)\n"
                                "VALUES ($1, $2, lower($3::text))\n"
                                "RETURNING id, status, note");
    assert_int_equal(q->param_count, 3);
    assert_string_equal(q->params[0].name, "user_id");
    assert_string_equal(q->params[0].type.name, "bigint"); /* INSERT position */
    assert_string_equal(q->params[1].type.name, "numeric(12,2)");
    assert_string_equal(q->params[2].type.name, "text"); /* cast */
    assert_int_equal(q->column_count, 3);
    assert_string_equal(q->columns[1].name, "status");
    assert_int_equal(q->columns[1].type.type, RT_TYPE_ENUM);
    assert_false(q->columns[1].nullable);
    assert_true(q->columns[2].nullable);

    q = &file.queries[1];
    assert_string_equal(q->snake_name, "find_orders");
    assert_int_equal(q->cardinality, RT_CARD_MANY);
    assert_int_equal(q->param_count, 7);
    assert_string_equal(q->params[0].name, "status");
    assert_string_equal(q->params[0].type.name, "order_status");
    assert_string_equal(q->params[1].name, "min");
    assert_string_equal(q->params[1].type.name, "numeric(12,2)"); /* @p <= column */
    assert_string_equal(q->params[2].type.name, "bigint");
    assert_string_equal(q->params[3].type.name, "timestamptz"); /* BETWEEN */
    assert_string_equal(q->params[4].type.name, "timestamptz");
    assert_string_equal(q->params[5].type.name, "bigint"); /* LIMIT */
    assert_int_equal(q->column_count, 4);
    assert_string_equal(q->columns[0].name, "order_id");
    assert_false(q->columns[0].nullable);
    assert_string_equal(q->columns[1].name, "email");
    assert_true(q->columns[1].nullable); /* LEFT JOIN */
    assert_string_equal(q->columns[2].name, "nick");
    assert_true(q->columns[2].nullable);
    assert_string_equal(q->columns[3].name, "total");
    assert_int_equal(q->columns[3].type.type, RT_TYPE_BIGINT);
    assert_false(q->columns[3].nullable);
}

static void test_query_ctes_and_subqueries(void **state)
{
    fixture *f = *state;
    sql_file file = parse_queries(
        f, "-- name: Rotate :one\n"
           "WITH moved AS (\n"
           "    UPDATE orders SET status = @status WHERE id = @id RETURNING id, user_id\n"
           ")\n"
           "SELECT m.id, u.uid, exists(SELECT 1 FROM orders WHERE user_id = u.id) AS has_orders,\n"
           "       (SELECT count(*) FROM orders o WHERE o.user_id = u.id)::int AS order_count\n"
           "FROM moved m JOIN users u ON u.id = m.user_id\n"
           "WHERE u.email IN (SELECT email FROM users WHERE uid = @uid);\n"
           "\n"
           "-- name: Purge :exec\n"
           "DELETE FROM orders WHERE user_id = (SELECT id FROM users WHERE email = @email)\n");
    const sql_query *q = &file.queries[0];

    assert_int_equal(file.query_count, 2);
    assert_int_equal(q->param_count, 3);
    assert_string_equal(q->params[0].type.name, "order_status"); /* SET */
    assert_string_equal(q->params[1].type.name, "int");
    assert_string_equal(q->params[2].type.name, "uuid");
    assert_int_equal(q->column_count, 4);
    assert_string_equal(q->columns[0].name, "id");
    assert_string_equal(q->columns[0].type.name, "int"); /* through the CTE */
    assert_string_equal(q->columns[2].name, "has_orders");
    assert_int_equal(q->columns[2].type.type, RT_TYPE_BOOL);
    assert_string_equal(q->columns[3].name, "order_count");
    assert_int_equal(q->columns[3].type.type, RT_TYPE_INT);
    q = &file.queries[1];
    assert_int_equal(q->cardinality, RT_CARD_EXEC);
    assert_int_equal(q->column_count, 0);
    assert_string_equal(q->params[0].type.name, "text");
}

static void test_check_else_log(void **state)
{
    fixture *f = *state;
    api_file file;
    const api_step *s;

    f->source.path = "spec/x.api";
    f->source.text =
        "endpoint POST /x \"X\" {\n"
        "  auth public\n"
        "  check password_matches(\"x\", null) else 409 \"No\" log login_failed { who: \"x\" }\n"
        "  check password_matches(\"y\", null) else 401 token_not_valid \"No\"\n"
        "  200 { ok: true }\n"
        "}\n";
    f->source.length = strlen(f->source.text);
    assert_int_equal(parse_api_file(f->arena, &f->diag, &f->source, "x", &file), 0);
    assert_no_errors(f);
    assert_int_equal(file.endpoints[0].program.step_count, 2);
    s = &file.endpoints[0].program.steps[0];
    assert_int_equal(s->kind, RT_STEP_CHECK);
    assert_string_equal(s->else_message, "No");
    assert_string_equal(s->else_event, "login_failed");
    assert_int_equal(s->else_event_loc.line, 3);
    assert_int_equal(s->member_count, 1);
    assert_string_equal(s->members[0].key, "who");
    s = &file.endpoints[0].program.steps[1];
    assert_null(s->else_event);
    assert_string_equal(s->else_code, "token_not_valid");
    assert_int_equal(s->member_count, 0);
}

static void test_api_endpoint(void **state)
{
    fixture *f = *state;
    api_file file;
    const api_endpoint *e;
    const api_step *s;

    f->source.path = "spec/x.api";
    f->source.text = "# comment\n"
                     "endpoint PATCH /orders/{uid: uuid}/items/ \"Change\" {\n"
                     "  auth  role staff, admin\n"
                     "  limit per_user\n"
                     "  query { page int? 1.. = 1 }\n"
                     "  body {\n"
                     "    amount money 0.01..99.99\n"
                     "    kind   text in (\"a\", \"b\") = \"a\"\n"
                     "    items  [ { sku text len 1..64 } ] len 1..\n"
                     "  }\n"
                     "  let token = refresh_claims(body.kind)\n"
                     "  tx {\n"
                     "    run order = GetOrder(uid: path.uid, n: 5) optional\n"
                     "      on unique_violation orders_pkey 409 taken \"Taken\"\n"
                     "    run Touch()\n"
                     "  }\n"
                     "  check password_matches(\"x\", null) else 403 \"No\"\n"
                     "  200 { id: order.id, ...order, all: rows order, one: order, s: \"t\" }\n"
                     "}\n";
    f->source.length = strlen(f->source.text);
    assert_int_equal(parse_api_file(f->arena, &f->diag, &f->source, "x", &file), 0);
    assert_no_errors(f);
    assert_int_equal(file.endpoint_count, 1);
    e = &file.endpoints[0];
    assert_string_equal(e->method, "PATCH");
    assert_string_equal(e->pattern, "/orders/{uid}/items");
    assert_string_equal(e->id, "patch_orders_uid_items");
    assert_string_equal(e->summary, "Change");
    assert_int_equal(e->auth, RT_AUTH_ROLES);
    assert_int_equal(e->role_count, 2);
    assert_string_equal(e->roles[1], "admin");
    assert_int_equal(e->limit, RT_LIMIT_PER_USER);
    assert_int_equal(e->path_field_count, 1);
    assert_string_equal(e->path_fields[0].name, "uid");
    assert_string_equal(e->path_fields[0].type_name, "uuid");
    assert_int_equal(e->path_fields[0].loc.col, 25);
    assert_int_equal(e->query_field_count, 1);
    assert_true(e->query_fields[0].question);
    assert_true(e->query_fields[0].has_range);
    assert_string_equal(e->query_fields[0].range_min, "1");
    assert_null(e->query_fields[0].range_max);
    assert_true(e->query_fields[0].has_default);
    assert_int_equal(e->body_field_count, 3);
    assert_string_equal(e->body_fields[0].range_max, "99.99");
    assert_int_equal(e->body_fields[1].choice_count, 2);
    assert_string_equal(e->body_fields[1].choices[1], "b");
    assert_true(e->body_fields[2].is_array);
    assert_int_equal(e->body_fields[2].item_count, 1);
    assert_string_equal(e->body_fields[2].items[0].len_max, "64");
    assert_string_equal(e->body_fields[2].len_min, "1");

    assert_int_equal(e->program.step_count, 4);
    assert_int_equal(e->program.tx_count, 1);
    s = &e->program.steps[0];
    assert_int_equal(s->kind, RT_STEP_LET);
    assert_string_equal(s->name, "token");
    assert_string_equal(s->call.text, "refresh_claims");
    assert_false(s->in_tx);
    s = &e->program.steps[1];
    assert_int_equal(s->kind, RT_STEP_QUERY);
    assert_string_equal(s->name, "order");
    assert_string_equal(s->query_name, "GetOrder");
    assert_int_equal(s->arg_count, 2);
    assert_string_equal(s->args[1].name, "n");
    assert_int_equal(s->args[1].value.kind, API_VALUE_NUMBER);
    assert_true(s->optional);
    assert_true(s->in_tx);
    assert_int_equal(s->outcome_count, 1);
    assert_string_equal(s->outcomes[0].constraint, "orders_pkey");
    assert_int_equal(s->outcomes[0].status, 409);
    assert_string_equal(s->outcomes[0].code, "taken");
    assert_string_equal(s->outcomes[0].message, "Taken");
    assert_null(e->program.steps[2].name);
    assert_true(e->program.steps[2].in_tx);
    s = &e->program.steps[3];
    assert_int_equal(s->kind, RT_STEP_CHECK);
    assert_int_equal(s->else_status, 403);
    assert_int_equal(s->call.args[1].kind, API_VALUE_NULL);

    assert_int_equal(e->status, 200);
    assert_int_equal(e->member_count, 5);
    assert_int_equal(e->members[0].kind, RT_MEMBER_VALUE);
    assert_string_equal(e->members[0].value.member, "id");
    assert_int_equal(e->members[1].kind, RT_MEMBER_ROW);
    assert_null(e->members[1].key);
    assert_int_equal(e->members[2].kind, RT_MEMBER_ROWS);
    assert_int_equal(e->members[3].kind, RT_MEMBER_ROW);
    assert_string_equal(e->members[3].key, "one");
    assert_int_equal(e->members[4].value.kind, API_VALUE_STRING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_catalog, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_parameters_and_sql, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_ctes_and_subqueries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_api_endpoint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_else_log, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
