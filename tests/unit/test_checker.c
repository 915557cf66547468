/*
 * test_checker.c - the compiler's error messages, one kind of mistake per
 * test: each writes a small spec (a base with one mistake) into a
 * temporary folder, runs the compiler in-process (compile_run, mode
 * check) and asserts the exact first diagnostic line, and for some the
 * source line and caret under it.
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
#include "rt_api.h"
#include "rt_error.h"

static const char base_migration[] =
    "CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');\n"
    "CREATE TABLE users (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL DEFAULT gen_random_uuid(),\n"
    "    email text NOT NULL,\n"
    "    role user_role NOT NULL DEFAULT 'customer'\n"
    ");\n"
    "CREATE UNIQUE INDEX users_email_key ON users (lower(email));\n"
    "CREATE TABLE orders (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL,\n"
    "    user_id bigint NOT NULL REFERENCES users (id),\n"
    "    amount numeric(12,2) NOT NULL\n"
    ");\n";

static const char base_sql[] = "-- name: GetUser :one\n"
                               "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                               "\n"
                               "-- name: DeleteOrder :exec\n"
                               "DELETE FROM orders WHERE uid = @uid;\n";

static const char base_api[] = "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                               "  run user = GetUser(uid: path.uid)\n"
                               "  200 user\n"
                               "}\n";

static int setup(void **state)
{
    return fixture_setup(state, base_migration, base_sql, base_api);
}

/* ------------------------------------------------------------------ tests */

static void test_base_is_clean(void **state)
{
    fixture *f = *state;
    int rc = check(f, NULL, NULL, NULL);
    if (rc != 0)
        fail_msg("the base spec should compile: %s", f->diagnostics);
    assert_true(f->diagnostics == NULL || f->diagnostics[0] == '\0');
}

static void test_syntax_error_names_expected_token(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\"\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:3: error: expected \"{\", found \"run\"");
    expect_line(f, 1, "    2 |   run user = GetUser(uid: path.uid)");
    expect_line(f, 2, "      |   ^~~");
}

static void test_unterminated_string(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:1:33: error: unterminated string");
}

static void test_unknown_column_with_suggestion(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, emial, role FROM users WHERE uid = @uid;\n",
                 NULL,
                 "spec/shop.sql:2:13: error: unknown column \"emial\" in table users (did you "
                 "mean \"email\"?)");
    expect_line(f, 1, "    2 | SELECT uid, emial, role FROM users WHERE uid = @uid;");
    expect_line(f, 2, "      |             ^~~~~");
}

/* One maximum for query arguments, shared with the runtime (rt_api.h). */
static void test_too_many_query_parameters(void **state)
{
    fixture *f = *state;
    char sql[4096];
    char first[256];
    int length = snprintf(sql, sizeof sql,
                          "-- name: ManyUsers :many\n"
                          "SELECT uid FROM users WHERE email IN (");

    for (int i = 1; i <= RT_API_MAX_QUERY_PARAMS + 1; i++)
        length +=
            snprintf(sql + length, sizeof sql - (size_t)length, "%s@e%d", i > 1 ? ", " : "", i);
    snprintf(sql + length, sizeof sql - (size_t)length, ");\n");
    snprintf(first, sizeof first,
             "spec/shop.sql:1:10: error: query ManyUsers has %d parameters; a query may have "
             "at most %d (RT_API_MAX_QUERY_PARAMS, common/rt_api.h)",
             RT_API_MAX_QUERY_PARAMS + 1, RT_API_MAX_QUERY_PARAMS);
    expect_error(f, NULL, sql, NULL, first);

    /* exactly the maximum compiles */
    length = snprintf(sql, sizeof sql,
                      "-- name: GetUser :one\n"
                      "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                      "-- name: ManyUsers :many\n"
                      "SELECT uid FROM users WHERE email IN (");
    for (int i = 1; i <= RT_API_MAX_QUERY_PARAMS; i++)
        length +=
            snprintf(sql + length, sizeof sql - (size_t)length, "%s@e%d", i > 1 ? ", " : "", i);
    snprintf(sql + length, sizeof sql - (size_t)length, ");\n");
    if (check(f, NULL, sql, NULL) != 0)
        fail_msg("a query with RT_API_MAX_QUERY_PARAMS parameters should compile:\n%s",
                 f->diagnostics);
}

static void test_unknown_table(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role FROM userz WHERE uid = @uid;\n",
                 NULL,
                 "spec/shop.sql:2:30: error: unknown table \"userz\" (did you mean \"users\"?)");
}

static void test_ambiguous_column(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role FROM users u JOIN orders o ON o.user_id = u.id\n"
                 "WHERE u.uid = @uid;\n",
                 NULL,
                 "spec/shop.sql:2:8: error: column reference \"uid\" is ambiguous: it is in users "
                 "and in orders");
}

static void test_unknown_query(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUsr(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:14: error: unknown query \"GetUsr\" (did you mean \"GetUser\"?)");
}

static void test_unknown_query_argument(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(id: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:22: error: query GetUser has no parameter \"id\" (did you mean "
                 "\"uid\"?)");
}

static void test_missing_query_argument(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser()\n"
                 "  check password_matches(path.uid, \"x\") else 409 \"no\"\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:22: error: missing argument \"uid\" for query GetUser (uuid)");
}

static void test_type_mismatch_body_field(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find a user\" {\n"
                 "  body {\n"
                 "    uid  text  len 1..40\n"
                 "  }\n"
                 "  run user = GetUser(uid: body.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:5:27: error: type mismatch: parameter \"uid\" of GetUser is uuid, "
                 "but body.uid is text");
    expect_line(f, 2, "      |                           ^~~~");
}

static void test_duplicate_route(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n"
                 "endpoint GET /users/{id: uuid}/ \"The same\" {\n"
                 "  run user = GetUser(uid: path.id)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:5:14: error: duplicate route GET /users/{id}");
    expect_line(f, 3, "spec/shop.api:1:14: note: GET /users/{uid} is already defined here");
}

static void test_unused_path_parameter(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid}/orders/{order: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:1:41: error: path parameter \"order\" is never used (use "
                 "path.order in a step or the response)");
}

/* location "...": only on a 201, literal path characters, values a step
 * column or a path parameter that is never null. */
static void test_location_only_on_201(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user location \"/users/{user.uid}\"\n"
                 "}\n",
                 "spec/shop.api:3:12: error: a location is the Location header of a 201");
}

static void test_idempotency_is_for_unsafe_methods(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  idempotency on\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:3: error: idempotency keys are for POST, PUT, PATCH and DELETE: "
                 "a GET changes nothing");
    expect_error(f, NULL, NULL,
                 "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                 "  idempotency off\n"
                 "  idempotency on\n"
                 "  run DeleteOrder(uid: path.uid)\n"
                 "  200 { message: \"Deleted\" }\n"
                 "}\n",
                 "spec/shop.api:3:3: error: idempotency given twice");
    expect_error(f, NULL, NULL,
                 "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                 "  idempotency maybe\n"
                 "  run DeleteOrder(uid: path.uid)\n"
                 "  200 { message: \"Deleted\" }\n"
                 "}\n",
                 "spec/shop.api:2:15: error: expected \"on\" or \"off\", found \"maybe\"");
}

/* With a key the endpoint is one transaction: a step that may fail after
 * a tx block would undo what the block committed. */
static void test_idempotency_refuses_a_failure_after_a_commit(void **state)
{
    fixture *f = *state;
    static const char after_commit[] = "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                                       "  %s"
                                       "  tx {\n"
                                       "    run DeleteOrder(uid: path.uid)\n"
                                       "  }\n"
                                       "  run user = GetUser(uid: auth.user_id)\n"
                                       "  200 { message: \"Deleted\" }\n"
                                       "}\n";
    char api[512];

    snprintf(api, sizeof api, after_commit, "");
    expect_error(f, NULL, NULL, api,
                 "spec/shop.api:5:3: error: this step may fail after the tx block committed; with "
                 "an Idempotency-Key the endpoint is one transaction and the failure would undo "
                 "the block: declare `idempotency off`");
    snprintf(api, sizeof api, after_commit, "idempotency off\n");
    if (check(f, NULL, NULL, api) != 0)
        fail_msg("`idempotency off` should compile: %s", f->diagnostics);
}

static void test_location_values_and_text(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  201 user location \"/users/{auth.user_id}\"\n"
                 "}\n",
                 "spec/shop.api:3:30: error: a location's value is {STEP.column} or {path.name}");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  201 user location \"/users?id={user.uid}\"\n"
                 "}\n",
                 "spec/shop.api:3:22: error: a location's text is letters, digits and - . _ ~ /");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid) optional\n"
                 "  201 user location \"/users/{user.uid}\"\n"
                 "}\n",
                 "spec/shop.api:3:30: error: user.uid may be null: a location needs a value");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  201 user location \"/users/{user.id}\"\n"
                 "}\n",
                 "spec/shop.api:3:35: error: unknown column \"id\" in step user (query GetUser) "
                 "(did you mean \"uid\"?)");
    assert_non_null(strstr(f->diagnostics, "\n1 error\n")); /* one mistake, one error */
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  201 user location \"/users/{user.uid\"\n"
                 "}\n",
                 "spec/shop.api:3:29: error: unclosed \"{\" in a location");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  201 user location \"/users/{uid}\"\n"
                 "}\n",
                 "spec/shop.api:3:30: error: expected {STEP.column} or {path.name} in a location");
}

/* etag STEP.column: a version (bigint or int) a step always has; the
 * if_match check compares inside a tx only. */
static void test_etag_and_if_match(void **state)
{
    fixture *f = *state;
    static const char sql[] = "-- name: GetUser :one\n"
                              "SELECT id, uid FROM users WHERE uid = @uid;\n";
    expect_error(f, NULL, sql,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  etag user.uid\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:8: error: an etag is a version number (bigint), not uuid");
    expect_error(f, NULL, sql,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid) optional\n"
                 "  etag user.id\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:8: error: user.id may be null: an etag needs a value");
    expect_error(f, NULL, sql,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  etag path.uid\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:8: error: an etag is a step's version column (etag "
                 "STEP.column)");
    expect_error(f, NULL, sql,
                 "endpoint PATCH /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  check if_match(user.id) else 412 precondition_failed \"Changed\"\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:3: error: check if_match(...) outside a tx block: compare the "
                 "version of a row the tx locked (SELECT ... FOR UPDATE), so no change slips in "
                 "before the write");
    assert_int_equal(check(f, NULL, sql,
                           "endpoint PATCH /users/{uid: uuid} \"A user\" {\n"
                           "  tx {\n"
                           "    run user = GetUser(uid: path.uid)\n"
                           "    check if_match(user.id) else 412 precondition_failed \"Changed\"\n"
                           "  }\n"
                           "  etag user.id\n"
                           "  200 user\n"
                           "}\n"),
                     0);
}

/* nullable is for body fields; body.f? for optional body fields only. */
static void test_nullable_and_present(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  query {\n"
                 "    email  text?  nullable\n"
                 "  }\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 { user: user, email: query.email }\n"
                 "}\n",
                 "spec/shop.api:3:19: error: only a body field may be nullable");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  body {\n"
                 "    email  text\n"
                 "  }\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 { user: user, sent: body.email? }\n"
                 "}\n",
                 "spec/shop.api:6:32: error: body.email? is always true: the field is required");
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  query {\n"
                 "    email  text?\n"
                 "  }\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 { user: user, sent: query.email? }\n"
                 "}\n",
                 "spec/shop.api:6:27: error: query.email?: only a body field can be asked whether "
                 "it was sent");
}

static void test_len_on_int(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    count  int  len 1..5\n"
                 "  }\n"
                 "  200 { n: body.count }\n"
                 "}\n",
                 "spec/shop.api:3:17: error: len applies to text, password, email and array "
                 "fields, not int");
}

/* Arrays of values: `unique` after the "]" of values only; the item is
 * never absent or null; arrays do not nest. */
static void test_array_of_values_rules(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    email  text  unique\n"
                 "  }\n"
                 "  200 { n: body.email }\n"
                 "}\n",
                 "spec/shop.api:3:18: error: unique applies to an array of values ([ text ... ]), "
                 "not a single value");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    emails  [ { email text } ]  unique\n"
                 "  }\n"
                 "  200 { n: body.emails }\n"
                 "}\n",
                 "spec/shop.api:3:33: error: unique applies to an array of values ([ text ... ]), "
                 "not an array of objects");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    emails  [ text? ]\n"
                 "  }\n"
                 "  200 { n: body.emails }\n"
                 "}\n",
                 "spec/shop.api:3:15: error: an array's item is never absent: no \"?\" or default "
                 "on it");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    emails  [ text nullable ]\n"
                 "  }\n"
                 "  200 { n: body.emails }\n"
                 "}\n",
                 "spec/shop.api:3:20: error: an array's item may not be null");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    emails  [ [ text ] ]\n"
                 "  }\n"
                 "  200 { n: body.emails }\n"
                 "}\n",
                 "spec/shop.api:3:15: error: arrays do not nest: an item is an object or a value");
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/find \"Find\" {\n"
                 "  query {\n"
                 "    emails  [ text ]\n"
                 "  }\n"
                 "  200 { n: query.emails }\n"
                 "}\n",
                 "spec/shop.api:3:13: error: arrays are only allowed in a body");
}

static void test_either_only_in_a_body(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/find \"Find\" {\n"
                 "  query {\n"
                 "    either { name text } or { email text }\n"
                 "  }\n"
                 "  200 { n: query.name, e: query.email }\n"
                 "}\n",
                 "spec/shop.api:3:5: error: either belongs in an endpoint's body block");
}

static void test_either_shapes(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    either { name text }\n"
                 "  }\n"
                 "  200 { n: body.name }\n"
                 "}\n",
                 "spec/shop.api:4:3: error: either needs a second alternative: either { fields } "
                 "or { fields }");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    either { name text } or { }\n"
                 "  }\n"
                 "  200 { n: body.name }\n"
                 "}\n",
                 "spec/shop.api:3:26: error: an alternative of either holds at least one field");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    either { name text } or { email text }\n"
                 "    either { a text } or { b text }\n"
                 "  }\n"
                 "  200 { n: body.name }\n"
                 "}\n",
                 "spec/shop.api:4:5: error: a fields block holds one either group");
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    either { either { a text } or { b text } } or { email text }\n"
                 "  }\n"
                 "  200 { n: body.email }\n"
                 "}\n",
                 "spec/shop.api:3:14: error: either groups do not nest");
}

static void test_min_greater_than_max(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body {\n"
                 "    name   text  len 10..5\n"
                 "    count  int   9..1\n"
                 "  }\n"
                 "  200 { n: body.count, s: body.name }\n"
                 "}\n",
                 "spec/shop.api:3:18: error: len minimum 10 is greater than its maximum 5");
    expect_line(f, 3, "spec/shop.api:4:18: error: range minimum 9 is greater than its maximum 1");
}

static void test_unknown_step_column(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 { mail: user.emial }\n"
                 "}\n",
                 "spec/shop.api:3:20: error: unknown column \"emial\" in step user (query GetUser) "
                 "(did you mean \"email\"?)");
}

static void test_unknown_step(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 { mail: usr.email }\n"
                 "}\n",
                 "spec/shop.api:3:15: error: unknown step \"usr\" (did you mean \"user\"?)");
}

static void test_unknown_role(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  auth role staff, admn\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:20: error: unknown role \"admn\" (did you mean \"admin\"?)");
}

static void test_unknown_builtin(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 { h: hash_pasword(user.email) }\n"
                 "}\n",
                 "spec/shop.api:3:12: error: unknown built-in \"hash_pasword\" (did you mean "
                 "\"hash_password\"?)");
}

static void test_builtin_argument_count(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  check password_matches(user.email) else 409 \"Wrong\"\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:9: error: password_matches takes 2 arguments, 1 given");
}

static void test_uninferable_parameter(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role FROM users WHERE lower(email) = lower(@email);\n",
                 "endpoint GET /users \"A user\" {\n"
                 "  run user = GetUser(email: \"a@b.c\")\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.sql:2:63: error: cannot infer the type of parameter @email");
    expect_line(f, 3, "      = note: add a cast: @email::TYPE (text, int, uuid, ...)");
}

static void test_no_row_on_exec(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                 "  run DeleteOrder(uid: path.uid)\n"
                 "    on no_row 404 \"Order not found\"\n"
                 "  204 { }\n"
                 "}\n",
                 "spec/shop.api:3:8: error: no_row applies to :one queries; DeleteOrder is :exec");
}

static void test_unknown_constraint(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                 "\n"
                 "-- name: CreateUser :one\n"
                 "INSERT INTO users (email) VALUES (@email) RETURNING uid;\n",
                 "endpoint POST /users \"Create\" {\n"
                 "  body { email email }\n"
                 "  run user = CreateUser(email: body.email)\n"
                 "    on unique_violation users_emial_key 409 \"Taken\"\n"
                 "  201 { id: user.uid }\n"
                 "}\n",
                 "spec/shop.api:4:25: error: unknown constraint \"users_emial_key\" (did you mean "
                 "\"users_email_key\"?)");
}

static void test_select_star(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT * FROM users WHERE uid = @uid;\n",
                 NULL,
                 "spec/shop.sql:2:8: error: \"*\" is not allowed in a result list: name the "
                 "columns");
}

static void test_duplicate_query(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL,
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                 "-- name: GetUser :one\n"
                 "SELECT uid, email, role FROM users WHERE email = @email;\n",
                 NULL, "spec/shop.sql:3:10: error: duplicate query name \"GetUser\"");
}

static void test_unknown_field_type(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/find \"Find\" {\n"
                 "  body { mail emial }\n"
                 "  200 { m: body.mail }\n"
                 "}\n",
                 "spec/shop.api:2:15: error: unknown field type \"emial\" (did you mean "
                 "\"email\"?)");
}

static void test_several_errors_in_one_run(void **state)
{
    fixture *f = *state;
    int rc = check(f, NULL, NULL,
                   "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                   "  auth role boss\n"
                   "  run user = GetUser(uid: path.uid)\n"
                   "  200 { a: user.mail, b: nobody.x }\n"
                   "}\n");
    assert_int_equal(rc, RT_EINVAL);
    assert_non_null(strstr(f->diagnostics, "spec/shop.api:2:13: error: unknown role \"boss\""));
    assert_non_null(strstr(f->diagnostics, "spec/shop.api:4:17: error: unknown column \"mail\""));
    assert_non_null(strstr(f->diagnostics, "spec/shop.api:4:26: error: unknown step \"nobody\""));
    assert_non_null(strstr(f->diagnostics, "3 errors\n"));
}

static void test_broken_query_is_reported_once(void **state)
{
    fixture *f = *state;
    /* the steps using a query with errors add no "returns no row" noise */
    int rc = check(f, NULL,
                   "-- name: GetUser :one\n"
                   "SELECT uid, emial, role FROM users WHERE uid = @uid;\n",
                   "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                   "  run user = GetUser(uid: path.uid)\n"
                   "  200 { uid: user.uid, role: user.role, user: user }\n"
                   "}\n");
    assert_int_equal(rc, RT_EINVAL);
    expect_line(f, 0,
                "spec/shop.sql:2:13: error: unknown column \"emial\" in table users (did you "
                "mean \"email\"?)");
    assert_non_null(strstr(f->diagnostics, "\n1 error\n"));
}

/* ---------------------------------------------- pages, jobs, lifecycles */

static const char orders_migration[] =
    "CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');\n"
    "CREATE TYPE order_status AS ENUM ('pending', 'shipped', 'cancelled');\n"
    "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL, email text NOT NULL);\n"
    "CREATE TABLE orders (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL,\n"
    "    amount numeric(12,2) NOT NULL,\n"
    "    status order_status NOT NULL DEFAULT 'pending'\n"
    ");\n"
    "CREATE TABLE order_history (order_id bigint NOT NULL, from_status order_status,\n"
    "    to_status order_status NOT NULL, actor text NOT NULL);\n"
    "CREATE INDEX orders_status_idx ON orders (status);\n"
    "CREATE INDEX orders_amount_idx ON orders (amount);\n";

static const char orders_sql[] = "-- name: ListOrders :page\n"
                                 "SELECT uid, amount, status FROM orders\n"
                                 "WHERE true\n"
                                 "  AND status = @status -- filter\n"
                                 "ORDER BY uid -- ordering: amount\n"
                                 "\n"
                                 "-- name: GetOrder :one\n"
                                 "SELECT uid, amount FROM orders WHERE uid = @uid;\n";

static void test_ordering_not_a_column(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration,
                 "-- name: ListOrders :page\n"
                 "SELECT uid, amount, status FROM orders\n"
                 "ORDER BY uid -- ordering: amont\n",
                 "endpoint GET /orders \"List\" {\n"
                 "  run orders = ListOrders()\n"
                 "  200 page orders\n"
                 "}\n",
                 "spec/shop.sql:3:27: error: ordering \"amont\" is not a result column of "
                 "ListOrders (did you mean \"amount\"?)");
}

static void test_filter_without_parameter(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration,
                 "-- name: ListOrders :many\n"
                 "SELECT uid, amount, status FROM orders\n"
                 "WHERE true\n"
                 "  AND status = 'pending' -- filter\n",
                 "endpoint GET /orders \"List\" {\n"
                 "  run orders = ListOrders()\n"
                 "  200 { orders: rows orders }\n"
                 "}\n",
                 "spec/shop.sql:4:26: error: a -- filter line needs a parameter: it is left out "
                 "when its parameters are null");
}

static void test_page_query_needs_page_response(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "endpoint GET /orders \"List\" {\n"
                 "  query { status order_status? }\n"
                 "  run orders = ListOrders(status: query.status)\n"
                 "  200 { orders: rows orders }\n"
                 "}\n",
                 "spec/shop.api:4:22: error: ListOrders is a :page query: answer with `200 page "
                 "orders`");
}

static void test_unknown_job(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "job order_shipped \"Notify\" {\n"
                 "  payload { order_uid uuid }\n"
                 "  run GetOrder(uid: payload.order_uid)\n"
                 "}\n"
                 "endpoint POST /orders/{uid: uuid}/notify \"Notify\" {\n"
                 "  run order = GetOrder(uid: path.uid)\n"
                 "  enqueue order_shiped(order_uid: order.uid)\n"
                 "  202 { queued: true }\n"
                 "}\n",
                 "spec/shop.api:7:11: error: unknown job \"order_shiped\" (did you mean "
                 "\"order_shipped\"?)");
}

static void test_auth_in_job(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "job audit \"Audit\" {\n"
                 "  run GetOrder(uid: auth.user_id)\n"
                 "}\n",
                 "spec/shop.api:2:21: error: auth.user_id: a job runs without a signed-in user");
}

static void test_unknown_lifecycle_state(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "lifecycle order_status on orders.status history order_history(order_id) {\n"
                 "  pending -> shiped   by staff\n"
                 "  pending -> cancelled by owner\n"
                 "}\n",
                 "spec/shop.api:2:14: error: \"shiped\" is not a state of order_status (did you "
                 "mean \"shipped\"?)");
}

/* Lifecycle effects: their states exist, a transition's is listed, and a
 * `reason` column exists on the table with a reason column in the history. */
static void test_lifecycle_effect_rules(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "lifecycle order_status on orders.status history order_history(order_id) {\n"
                 "  pending -> shipped   by staff\n"
                 "  on enter shiped call stock_deduct(\"x\")\n"
                 "}\n",
                 "spec/shop.api:3:12: error: \"shiped\" is not a state of order_status (did you "
                 "mean \"shipped\"?)");
    expect_error(f, orders_migration, orders_sql,
                 "lifecycle order_status on orders.status history order_history(order_id) {\n"
                 "  pending -> shipped   by staff\n"
                 "  on shipped -> cancelled call stock_restore()\n"
                 "}\n",
                 "spec/shop.api:3:6: error: shipped -> cancelled is not a transition of "
                 "lifecycle order_status");
    expect_error(f, orders_migration, orders_sql,
                 "lifecycle order_status on orders.status history order_history(order_id) {\n"
                 "  pending -> shipped   by staff\n"
                 "  on enter shipped stock_deduct()\n"
                 "}\n",
                 "spec/shop.api:3:20: error: expected \"call\" FUNCTION, found \"stock_deduct\"");
    expect_error(f, orders_migration, orders_sql,
                 "lifecycle order_status on orders.status history order_history(order_id) {\n"
                 "  pending -> shipped   by staff\n"
                 "  reason why\n"
                 "}\n",
                 "spec/shop.api:3:10: error: table orders has no column \"why\" (the reason)");
    if (check(f, orders_migration, orders_sql,
              "lifecycle order_status on orders.status history order_history(order_id) {\n"
              "  pending -> shipped   by staff\n"
              "  pending -> cancelled by staff\n"
              "  on enter shipped call stock_deduct(\"order's\")\n"
              "  on leave pending call stock_note()\n"
              "  on pending -> cancelled call stock_restore(\"x\")\n"
              "}\n") != 0)
        fail_msg("effects should compile: %s", f->diagnostics);
}

static void test_unless_on_public_endpoint(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "endpoint GET /orders \"List\" {\n"
                 "  auth public\n"
                 "  run orders = ListOrders(status: null unless auth.role in (staf))\n"
                 "  200 page orders\n"
                 "}\n",
                 "spec/shop.api:3:61: error: unless auth.role needs a signed-in user, but the "
                 "endpoint is public");
}

static void test_stop_rules(void **state)
{
    fixture *f = *state;
    /* stop is for jobs */
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  stop if empty user\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:3: error: stop is for jobs; an endpoint refuses with check ... "
                 "else");
    /* it names an earlier step */
    expect_error(f, NULL, NULL,
                 "job audit \"Audit\" {\n"
                 "  stop if empty nothing\n"
                 "}\n",
                 "spec/shop.api:2:17: error: no earlier step named \"nothing\"");
    /* and a query step */
    expect_error(f, NULL, NULL,
                 "job audit \"Audit\" {\n"
                 "  let token = refresh_claims(\"x\")\n"
                 "  stop if empty token\n"
                 "}\n",
                 "spec/shop.api:3:17: error: stop if empty needs a query step; token is not one");
}

static void test_check_else_log_members_are_checked(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  check is_true(null) else 403 \"No\" log denied { who: user.emial }\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:3:60: error: unknown column \"emial\" in step user (query GetUser) "
                 "(did you mean \"email\"?)");
}

static void test_enqueue_outside_tx(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "job order_shipped \"Notify\" {\n"
                 "  payload { order_uid uuid }\n"
                 "  run GetOrder(uid: payload.order_uid)\n"
                 "}\n"
                 "endpoint POST /orders/{uid: uuid}/notify \"Notify\" {\n"
                 "  run order = GetOrder(uid: path.uid)\n"
                 "  enqueue order_shipped(order_uid: order.uid)\n"
                 "  202 { queued: true }\n"
                 "}\n",
                 "spec/shop.api:7:3: error: enqueue order_shipped outside a tx block: put it in "
                 "the tx { } of the change that causes it, so the job commits or rolls back with "
                 "that change");
}

static void test_unknown_payload_field(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "job order_shipped \"Notify\" {\n"
                 "  payload { order_uid uuid }\n"
                 "  run GetOrder(uid: payload.order_uid)\n"
                 "}\n"
                 "endpoint POST /orders/{uid: uuid}/notify \"Notify\" {\n"
                 "  run order = GetOrder(uid: path.uid)\n"
                 "  tx { enqueue order_shipped(order_id: order.uid) }\n"
                 "  202 { queued: true }\n"
                 "}\n",
                 "spec/shop.api:7:30: error: job order_shipped has no payload field \"order_id\" "
                 "(did you mean \"order_uid\"?)");
    /* the misspelt name is the one mistake: no "missing argument" for it */
    assert_non_null(strstr(f->diagnostics, "\n1 error\n"));
}

static void test_payload_type_mismatch(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "job order_shipped \"Notify\" {\n"
                 "  payload { order_uid uuid }\n"
                 "  run GetOrder(uid: payload.order_uid)\n"
                 "}\n"
                 "endpoint POST /orders/{uid: uuid}/notify \"Notify\" {\n"
                 "  run order = GetOrder(uid: path.uid)\n"
                 "  tx { enqueue order_shipped(order_uid: order.amount) }\n"
                 "  202 { queued: true }\n"
                 "}\n",
                 "spec/shop.api:7:41: error: type mismatch: payload field \"order_uid\" of "
                 "order_shipped is uuid, but order.amount is numeric(12,2)");
}

static void test_unknown_job_in_schedule(void **state)
{
    fixture *f = *state;
    expect_error(f, orders_migration, orders_sql,
                 "job sweep_orders \"Sweep\" {\n"
                 "  run GetOrder(uid: null)\n"
                 "}\n"
                 "schedule sweep_order every config.scheduler_interval_seconds\n",
                 "spec/shop.api:4:10: error: unknown job \"sweep_order\" (did you mean "
                 "\"sweep_orders\"?)");
}

/* ------------------------------------------ who may fire a transition */

static const char transitions_migration[] =
    "CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');\n"
    "CREATE TYPE order_status AS ENUM ('pending', 'confirmed', 'shipped', 'cancelled');\n"
    "CREATE TABLE users (id bigserial PRIMARY KEY, uid uuid NOT NULL);\n"
    "CREATE TABLE orders (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL,\n"
    "    user_id bigint NOT NULL REFERENCES users (id),\n"
    "    status order_status NOT NULL DEFAULT 'pending',\n"
    "    cancelled_by uuid\n"
    ");\n"
    "CREATE TABLE order_history (order_id bigint NOT NULL, from_status order_status,\n"
    "    to_status order_status NOT NULL, actor text NOT NULL);\n";

static const char transitions_sql[] =
    "-- name: CancelOrder :one\n"
    "UPDATE orders o SET status = 'cancelled'\n"
    "WHERE o.uid = @uid\n"
    "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @owner) -- filter\n"
    "RETURNING o.uid, o.status;\n"
    "\n"
    "-- name: ShipOrder :one\n"
    "UPDATE orders SET status = 'shipped'::order_status WHERE uid = @uid RETURNING uid;\n"
    "\n"
    "-- name: ConfirmPending :many\n"
    "UPDATE orders SET status = 'confirmed' WHERE status = 'pending' RETURNING uid;\n"
    "\n"
    "-- name: CancelAs :one\n"
    "UPDATE orders SET status = 'cancelled', cancelled_by = @owner WHERE uid = @uid\n"
    "RETURNING uid;\n";

/* Six lines: the endpoints and jobs of each test start at line 7. */
#define TRANSITIONS_LIFECYCLE                                                                      \
    "lifecycle order_status on orders.status history order_history(order_id) {\n"                  \
    "  pending   -> confirmed  by scheduler, staff\n"                                              \
    "  confirmed -> shipped    by staff, admin\n"                                                  \
    "  pending   -> cancelled  by owner, staff, admin\n"                                           \
    "  confirmed -> cancelled  by owner, staff, admin\n"                                           \
    "}\n"

static void test_transitions_allowed(void **state)
{
    fixture *f = *state;
    int rc = check(
        f, transitions_migration, transitions_sql,
        TRANSITIONS_LIFECYCLE
        "endpoint PATCH /orders/{uid: uuid}/cancel \"Anyone's own; staff and admins any\" {\n"
        "  tx { run order = CancelOrder(uid: path.uid,\n"
        "                               owner: auth.user_id unless auth.role in (staff, admin)) }\n"
        "  200 order\n"
        "}\n"
        "endpoint PATCH /orders/{uid: uuid}/withdraw \"Customers: their own only\" {\n"
        "  auth role customer\n"
        "  tx { run order = CancelOrder(uid: path.uid, owner: auth.user_id) }\n"
        "  200 order\n"
        "}\n"
        "endpoint PATCH /orders/{uid: uuid}/ship \"Staff\" {\n"
        "  auth role staff, admin\n"
        "  tx { run order = ShipOrder(uid: path.uid) }\n"
        "  200 order\n"
        "}\n"
        "job confirm_pending \"The scheduler confirms\" {\n"
        "  tx { run confirmed = ConfirmPending() }\n"
        "}\n");
    if (rc != 0)
        fail_msg("every transition is fired by someone allowed to: %s", f->diagnostics);
}

static void test_transition_any_user_without_owner_filter(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE "endpoint PATCH /orders/{uid: uuid}/cancel \"Cancel\" {\n"
                                       "  auth any\n"
                                       "  tx {\n"
                                       "    run order = CancelOrder(uid: path.uid, owner: null)\n"
                                       "  }\n"
                                       "  200 order\n"
                                       "}\n",
                 "spec/shop.api:10:5: error: CancelOrder moves orders.status to cancelled, which "
                 "only owner, staff, admin may do (pending -> cancelled, confirmed -> cancelled); "
                 "this endpoint allows any signed-in user without an owner filter");
    expect_line(f, 1, "   10 |     run order = CancelOrder(uid: path.uid, owner: null)");
    expect_line(f, 2, "      |     ^~~");
    expect_line(f, 3, "spec/shop.sql:2:30: note: CancelOrder sets orders.status here");
}

static void test_transition_role_not_allowed(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE "endpoint PATCH /orders/{uid: uuid}/ship \"Ship\" {\n"
                                       "  auth role staff, customer\n"
                                       "  run order = ShipOrder(uid: path.uid)\n"
                                       "  200 order\n"
                                       "}\n",
                 "spec/shop.api:9:3: error: ShipOrder moves orders.status to shipped, which only "
                 "staff, admin may do (confirmed -> shipped); this endpoint allows role customer");
}

static void test_transition_any_user_without_owner_right(void **state)
{
    fixture *f = *state;
    /* an owner filter does not help when owners may not fire it */
    expect_error(f, transitions_migration,
                 "-- name: ShipOwn :one\n"
                 "UPDATE orders o SET status = 'shipped'\n"
                 "WHERE o.uid = @uid\n"
                 "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @owner) -- filter\n"
                 "RETURNING o.uid;\n",
                 TRANSITIONS_LIFECYCLE
                 "endpoint PATCH /orders/{uid: uuid}/ship \"Ship\" {\n"
                 "  run order = ShipOwn(uid: path.uid,\n"
                 "                      owner: auth.user_id unless auth.role in (staff, admin))\n"
                 "  200 order\n"
                 "}\n",
                 "spec/shop.api:8:3: error: ShipOwn moves orders.status to shipped, which only "
                 "staff, admin may do (confirmed -> shipped); this endpoint allows any signed-in "
                 "user");
}

static void test_transition_unless_lets_role_past_owner_filter(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE
                 "endpoint PATCH /orders/{uid: uuid}/cancel \"Cancel\" {\n"
                 "  run order = CancelOrder(uid: path.uid,\n"
                 "                          owner: auth.user_id unless auth.role in (customer))\n"
                 "  200 order\n"
                 "}\n",
                 "spec/shop.api:8:3: error: CancelOrder moves orders.status to cancelled, which "
                 "only owner, staff, admin may do (pending -> cancelled, confirmed -> cancelled); "
                 "this endpoint lets role customer past the owner filter (unless auth.role in "
                 "(...))");
}

static void test_transition_owner_parameter_not_a_filter(void **state)
{
    fixture *f = *state;
    /* auth.user_id bound to a SET value filters nothing */
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE
                 "endpoint PATCH /orders/{uid: uuid}/cancel \"Cancel\" {\n"
                 "  run order = CancelAs(uid: path.uid, owner: auth.user_id)\n"
                 "  200 order\n"
                 "}\n",
                 "spec/shop.api:8:3: error: CancelAs moves orders.status to cancelled, which only "
                 "owner, staff, admin may do (pending -> cancelled, confirmed -> cancelled); this "
                 "endpoint allows any signed-in user without an owner filter");
}

static void test_transition_job_needs_scheduler(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE "job ship_all \"Ship\" {\n"
                                       "  tx { run ShipOrder(uid: null) }\n"
                                       "}\n",
                 "spec/shop.api:8:8: error: ShipOrder moves orders.status to shipped, which only "
                 "staff, admin may do (confirmed -> shipped); a job fires it as scheduler");
}

static void test_transition_on_public_endpoint(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE "endpoint PATCH /orders/{uid: uuid}/ship \"Ship\" {\n"
                                       "  auth public\n"
                                       "  run order = ShipOrder(uid: path.uid)\n"
                                       "  200 order\n"
                                       "}\n",
                 "spec/shop.api:9:3: error: ShipOrder moves orders.status to shipped, which only "
                 "staff, admin may do (confirmed -> shipped); this endpoint is public");
}

static void test_transition_outside_tx(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration, transitions_sql,
                 TRANSITIONS_LIFECYCLE "endpoint PATCH /orders/{uid: uuid}/ship \"Ship\" {\n"
                                       "  auth role staff, admin\n"
                                       "  run order = ShipOrder(uid: path.uid)\n"
                                       "  200 order\n"
                                       "}\n",
                 "spec/shop.api:9:3: error: ShipOrder moves orders.status outside a tx block: put "
                 "the step in tx { } so the history row records who made the change (the runtime "
                 "names the actor per transaction)");
}

static void test_transition_into_state_without_transition(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration,
                 "-- name: Reopen :one\n"
                 "UPDATE orders SET status = 'pending' WHERE uid = @uid RETURNING uid;\n"
                 "\n"
                 "-- name: Cancel :one\n"
                 "UPDATE orders SET status = 'canceled' WHERE uid = @uid RETURNING uid;\n",
                 TRANSITIONS_LIFECYCLE,
                 "spec/shop.sql:5:28: error: Cancel sets orders.status to \"canceled\", but no "
                 "transition of lifecycle order_status leads there (transitions lead to "
                 "confirmed, shipped, cancelled) (did you mean \"cancelled\"?)");
    assert_non_null(strstr(f->diagnostics,
                           "spec/shop.sql:2:28: error: Reopen sets orders.status to \"pending\", "
                           "but no transition of lifecycle order_status leads there (transitions "
                           "lead to confirmed, shipped, cancelled)\n"));
}

static void test_transition_to_an_expression(void **state)
{
    fixture *f = *state;
    expect_error(f, transitions_migration,
                 "-- name: SetStatus :exec\n"
                 "UPDATE orders SET status = @status WHERE uid = @uid;\n",
                 TRANSITIONS_LIFECYCLE,
                 "spec/shop.sql:2:28: error: SetStatus sets orders.status (lifecycle "
                 "order_status) to an expression: write the state as a literal ('state'), so the "
                 "compiler can check who may fire the transition");
}

/* ------------------------------------------------- names in the OpenAPI */

static void test_operation_name_must_be_lower_camel(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  operation Get_user\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:13: error: operation name \"Get_user\" must be lowerCamelCase "
                 "letters and digits (listOrders)");
}

static void test_operation_names_are_unique(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  operation getUser\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n"
                 "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                 "  operation getUser\n"
                 "  run DeleteOrder(uid: path.uid)\n"
                 "  200 { deleted: path.uid }\n"
                 "}\n",
                 "spec/shop.api:7:13: error: operation name \"getUser\" is also GET "
                 "/users/{uid}'s (name one with \"operation NAME\")");
}

static void test_default_operation_names_clash(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n"
                 "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                 "  operation getUsersUid\n"
                 "  run DeleteOrder(uid: path.uid)\n"
                 "  200 { deleted: path.uid }\n"
                 "}\n",
                 "spec/shop.api:6:13: error: operation name \"getUsersUid\" is also GET "
                 "/users/{uid}'s (name one with \"operation NAME\")");
}

static void test_schema_name_not_a_builtin(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user as Object\n"
                 "}\n",
                 "spec/shop.api:3:15: error: schema name \"Object\" is a built-in type of client "
                 "languages; name the thing itself (Order, OrderLine)");
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user as user_row\n"
                 "}\n",
                 "spec/shop.api:3:15: error: schema name \"user_row\" must be PascalCase letters "
                 "and digits (Order)");
}

static void test_schema_name_with_two_shapes(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user as Account\n"
                 "}\n"
                 "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                 "  run DeleteOrder(uid: path.uid)\n"
                 "  200 { deleted: path.uid } as Account\n"
                 "}\n",
                 "spec/shop.api:7:32: error: schema \"Account\" names two different shapes; the "
                 "other is at spec/shop.api:3");
}

static void test_json_shape_needs_a_json_column_and_a_schema(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user as Account(email: [Line])\n"
                 "}\n",
                 "spec/shop.api:3:23: error: column \"email\" is text, not json or jsonb: its "
                 "shape is known");
    expect_line(f, 3,
                "spec/shop.api:3:31: error: no response names a schema \"Line\" (with \"as "
                "Line\")");
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user as Account(lines: [Account])\n"
                 "}\n",
                 "spec/shop.api:3:23: error: the row has no column \"lines\"");
}

/* ------------------------------------------------------ rules between fields */

/* An endpoint with one rule (`check RULE`) before its step. */
static const char *rule_api(char *buffer, size_t size, const char *rule)
{
    snprintf(buffer, size,
             "endpoint GET /users/{uid: uuid} \"A user\" {\n"
             "  query {\n"
             "    from date?\n"
             "    to date?\n"
             "    at timestamp?\n"
             "    n int?\n"
             "    note text?\n"
             "  }\n"
             "  check %s\n"
             "  run user = GetUser(uid: path.uid)\n"
             "  200 user\n"
             "}\n",
             rule);
    return buffer;
}

static void test_rule_between_fields_compiles(void **state)
{
    fixture *f = *state;
    char api[1024];
    int rc =
        check(f, NULL, NULL,
              rule_api(api, sizeof api,
                       "query.from <= query.to else 400 \"Ensure this value is not after to.\""));
    if (rc != 0)
        fail_msg("a rule between two date fields should compile: %s", f->diagnostics);
}

static void test_rule_operand_not_a_request_field(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(f, NULL, NULL, rule_api(api, sizeof api, "query.n <= auth.user_id else 400 \"x\""),
                 "spec/shop.api:9:20: error: a rule compares two request fields (query.x, body.x "
                 "or path.x), not auth.user_id");
}

static void test_rule_operand_a_literal(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(f, NULL, NULL, rule_api(api, sizeof api, "query.n <= 10 else 400 \"x\""),
                 "spec/shop.api:9:20: error: a rule compares two request fields (query.x, body.x "
                 "or path.x), not 10");
}

static void test_rule_operand_not_comparable(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(f, NULL, NULL,
                 rule_api(api, sizeof api, "query.note <> query.note else 400 \"x\""),
                 "spec/shop.api:9:9: error: query.note is text: a rule compares int, bigint, "
                 "numeric, date or timestamp fields");
}

static void test_rule_operands_of_two_types(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(f, NULL, NULL, rule_api(api, sizeof api, "query.from < query.at else 400 \"x\""),
                 "spec/shop.api:9:22: error: query.from is date and query.at is timestamptz: a "
                 "rule compares fields of one type");
}

static void test_rule_answers_400(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(f, NULL, NULL, rule_api(api, sizeof api, "query.from <= query.to else 404 \"x\""),
                 "spec/shop.api:9:37: error: a rule answers 400 (a field error in the "
                 "validation_error answer), not 404");
}

static void test_rule_unknown_field(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(
        f, NULL, NULL, rule_api(api, sizeof api, "query.form <= query.to else 400 \"x\""),
        "spec/shop.api:9:15: error: unknown query field \"form\" (did you mean \"from\"?)");
}

static void test_rule_needs_a_comparison(void **state)
{
    fixture *f = *state;
    char api[1024];
    expect_error(
        f, NULL, NULL, rule_api(api, sizeof api, "query.from query.to else 400 \"x\""),
        "spec/shop.api:9:20: error: expected a comparison (<, <=, >, >=, =, <>), found \"query\"");
}

static void test_rule_after_a_step(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  query {\n"
                 "    from date?\n"
                 "    to date?\n"
                 "  }\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  check query.from <= query.to else 400 \"x\"\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:7:3: error: a rule between fields (check query.a <= query.b) "
                 "comes before the steps");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_base_is_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error_names_expected_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unterminated_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_column_with_suggestion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_many_query_parameters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_query_argument, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_query_argument, setup, teardown),
        cmocka_unit_test_setup_teardown(test_type_mismatch_body_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_route, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unused_path_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_len_on_int, setup, teardown),
        cmocka_unit_test_setup_teardown(test_min_greater_than_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_step_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_builtin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_argument_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uninferable_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_row_on_exec, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_constraint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_select_star, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_field_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_errors_in_one_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_query_is_reported_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ordering_not_a_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_without_parameter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_query_needs_page_response, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_job, setup, teardown),
        cmocka_unit_test_setup_teardown(test_auth_in_job, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_lifecycle_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle_effect_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unless_on_public_endpoint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enqueue_outside_tx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_else_log_members_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_payload_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_payload_type_mismatch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_job_in_schedule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transitions_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transition_any_user_without_owner_filter, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transition_role_not_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transition_any_user_without_owner_right, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transition_unless_lets_role_past_owner_filter, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transition_owner_parameter_not_a_filter, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transition_job_needs_scheduler, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transition_on_public_endpoint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transition_outside_tx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transition_into_state_without_transition, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transition_to_an_expression, setup, teardown),
        cmocka_unit_test_setup_teardown(test_operation_name_must_be_lower_camel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_location_only_on_201, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotency_is_for_unsafe_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotency_refuses_a_failure_after_a_commit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_location_values_and_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_etag_and_if_match, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nullable_and_present, setup, teardown),
        cmocka_unit_test_setup_teardown(test_operation_names_are_unique, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_operation_names_clash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_name_not_a_builtin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_name_with_two_shapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_shape_needs_a_json_column_and_a_schema, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rule_between_fields_compiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_operand_not_a_request_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_operand_a_literal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_operand_not_comparable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_operands_of_two_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_answers_400, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_unknown_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_needs_a_comparison, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_after_a_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_array_of_values_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_either_only_in_a_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_either_shapes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
