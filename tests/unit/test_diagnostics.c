/*
 * test_diagnostics.c - issue 7's error categories for the endpoint
 * language, one test each with the exact message: misspelt keywords,
 * unclosed blocks named where they open, non-ASCII names by code point,
 * did-you-mean for enum labels (literals and defaults), lifecycle roles
 * and PostgreSQL type spellings, literal dates checked at compile time, a
 * BOM and CRLF line ends (also on a copy of the real spec), whole-file
 * errors at file:1:1, and a 10,000-endpoint spec that checks in time.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "specc_fixture.h"

#include "compile.h"
#include "rt_alloc.h"
#include "rt_error.h"

static const char base_migration[] =
    "CREATE TYPE user_role AS ENUM ('customer', 'staff', 'admin');\n"
    "CREATE TYPE order_status AS ENUM ('pending', 'cancelled');\n"
    "CREATE TABLE users (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL DEFAULT gen_random_uuid(),\n"
    "    email text NOT NULL,\n"
    "    role user_role NOT NULL DEFAULT 'customer'\n"
    ");\n"
    "CREATE TABLE orders (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    uid uuid NOT NULL,\n"
    "    user_id bigint NOT NULL REFERENCES users (id),\n"
    "    status order_status NOT NULL DEFAULT 'pending',\n"
    "    due date\n"
    ");\n"
    "CREATE TABLE order_status_history (\n"
    "    id bigserial PRIMARY KEY,\n"
    "    order_id bigint NOT NULL REFERENCES orders (id),\n"
    "    from_status order_status,\n"
    "    to_status order_status NOT NULL,\n"
    "    actor text NOT NULL,\n"
    "    changed_at timestamptz NOT NULL DEFAULT now()\n"
    ");\n";

static const char base_sql[] = "-- name: GetUser :one\n"
                               "SELECT uid, email, role FROM users WHERE uid = @uid;\n"
                               "\n"
                               "-- name: CountByStatus :one\n"
                               "SELECT count(*)::int AS n FROM orders\n"
                               "WHERE status = @status AND (due <= @due OR @due IS NULL);\n";

static const char base_api[] = "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                               "  run user = GetUser(uid: path.uid)\n"
                               "  200 user\n"
                               "}\n";

static int setup(void **state)
{
    return fixture_setup(state, base_migration, base_sql, base_api);
}

static void test_base_is_clean(void **state)
{
    fixture *f = *state;
    int rc = check(f, NULL, NULL, NULL);
    if (rc != 0)
        fail_msg("the base spec should compile: %s", f->diagnostics);
}

/* The last line of the diagnostics: "1 error" when there was one. */
static void expect_count(const fixture *f, const char *expected)
{
    const char *all = f->diagnostics ? f->diagnostics : "";
    size_t length = strlen(all);
    size_t n = strlen(expected);
    if (length < n + 1 || strncmp(all + length - n - 1, expected, n) != 0 ||
        (length > n + 1 && all[length - n - 2] != '\n'))
        fail_msg("expected the last line \"%s\":\n%s", expected, all);
}

/* ------------------------------------------------------------ keywords */

static void test_misspelt_declaration_keyword(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpont GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:1:1: error: expected \"endpoint\", \"job\", \"schedule\" or "
                 "\"lifecycle\", found \"endpont\" (did you mean \"endpoint\"?)");
    expect_count(f, "1 error");
}

/* A declaration keyword in the wrong case ("endpoInt") used to send the
 * parser's recovery round in a loop (found by the fuzzer): it is one
 * error, and the compile ends. */
static void test_declaration_keyword_in_the_wrong_case(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoInt GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:1:1: error: expected \"endpoint\", \"job\", \"schedule\" or "
                 "\"lifecycle\", found \"endpoInt\" (did you mean \"endpoint\"?)");
    expect_count(f, "1 error");
}

static void test_misspelt_endpoint_keyword(void **state)
{
    fixture *f = *state;
    expect_error(
        f, NULL, NULL,
        "endpoint GET /users/{uid: uuid} \"A user\" {\n"
        "  auht any\n"
        "  run user = GetUser(uid: path.uid)\n"
        "  200 user\n"
        "}\n",
        "spec/shop.api:2:3: error: expected operation, auth, limit, idempotency, body, "
        "query, a step (run, check, let, enqueue, log), tx, etag, a response status or \"}\", "
        "found \"auht\" (did you mean \"auth\"?)");
    expect_count(f, "1 error");
}

/* -------------------------------------------------------------- blocks */

static void test_unclosed_endpoint_names_where_it_opened(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "\n"
                 "endpoint GET /me \"Me\" {\n"
                 "  run user = GetUser(uid: auth.user_id)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:1:42: error: the \"{\" of endpoint GET /users/{uid: uuid} is "
                 "never closed");
    expect_line(f, 3, "spec/shop.api:5:1: note: the next declaration starts here");
    expect_count(f, "1 error");
}

static void test_unclosed_body_block(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint POST /users/{uid: uuid} \"A user\" {\n"
                 "  body {\n"
                 "    email text\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:8: error: the \"{\" of the body block is never closed");
    expect_line(f, 3, "spec/shop.api:4:3: note: the endpoint goes on here");
    expect_count(f, "1 error");
}

static void test_unclosed_block_at_end_of_file(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  tx {\n"
                 "    run other = GetUser(uid: path.uid)\n",
                 "spec/shop.api:3:6: error: the \"{\" of the tx block is never closed");
    expect_count(f, "1 error");
}

static void test_unclosed_string_points_where_it_opened(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user {\n"
                 "  run user = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:1:33: error: unterminated string");
    expect_count(f, "1 error");
}

/* ----------------------------------------------------------- non-ASCII */

static void test_non_ascii_name_is_named_by_code_point(void **state)
{
    fixture *f = *state;
    /* "usеr" with a Cyrillic small letter ie (U+0435) */
    expect_error(f, NULL, NULL,
                 "endpoint GET /users/{uid: uuid} \"A user\" {\n"
                 "  run us\xd0\xb5r = GetUser(uid: path.uid)\n"
                 "  200 user\n"
                 "}\n",
                 "spec/shop.api:2:9: error: non-ASCII character U+0435 (names are ASCII "
                 "letters, digits and _)");
    expect_count(f, "1 error");
}

static void test_non_ascii_label_hint_does_not_look_identical(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /count \"Count\" {\n"
                 "  run n = CountByStatus(status: \"p\xd0\xb5nding\", due: null)\n"
                 "  200 n\n"
                 "}\n",
                 "spec/shop.api:2:33: error: \"p\xd0\xb5nding\" is not a label of enum "
                 "order_status (it has the non-ASCII character U+0435; did you mean "
                 "\"pending\"?)");
}

/* ------------------------------------------------ labels, types, roles */

static void test_enum_label_literal(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /count \"Count\" {\n"
                 "  run n = CountByStatus(status: \"pendng\", due: null)\n"
                 "  200 n\n"
                 "}\n",
                 "spec/shop.api:2:33: error: \"pendng\" is not a label of enum order_status "
                 "(did you mean \"pending\"?)");
    expect_count(f, "1 error");
}

static void test_enum_label_default(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /count \"Count\" {\n"
                 "  query {\n"
                 "    status order_status = \"pendng\"\n"
                 "  }\n"
                 "  run n = CountByStatus(status: query.status, due: null)\n"
                 "  200 n\n"
                 "}\n",
                 "spec/shop.api:3:27: error: \"pendng\" is not a label of enum order_status "
                 "(did you mean \"pending\"?)");
    expect_count(f, "1 error");
}

static void test_postgres_type_spelling(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /count \"Count\" {\n"
                 "  query {\n"
                 "    limit integer?\n"
                 "  }\n"
                 "  run n = CountByStatus(status: \"pending\", due: null)\n"
                 "  200 n\n"
                 "}\n",
                 "spec/shop.api:3:11: error: unknown field type \"integer\" (did you mean "
                 "\"int\"? field types are the API's, not PostgreSQL's)");
    expect_count(f, "1 error");
}

static void test_lifecycle_role(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "lifecycle order_status on orders.status history order_status_history(order_id) "
                 "{\n"
                 "  pending -> cancelled by ownr, staff\n"
                 "}\n",
                 "spec/shop.api:2:27: error: \"ownr\" is not owner, scheduler or a user_role "
                 "(did you mean \"owner\"?)");
    expect_count(f, "1 error");
}

/* ------------------------------------------------------------ literals */

static void test_invalid_date_default(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /count \"Count\" {\n"
                 "  query {\n"
                 "    due date = \"2025-02-30\"\n"
                 "  }\n"
                 "  run n = CountByStatus(status: \"pending\", due: query.due)\n"
                 "  200 n\n"
                 "}\n",
                 "spec/shop.api:3:16: error: \"2025-02-30\" is not a date (YYYY-MM-DD)");
    expect_count(f, "1 error");
}

static void test_invalid_date_literal_argument(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "endpoint GET /count \"Count\" {\n"
                 "  run n = CountByStatus(status: \"pending\", due: \"2025-13-01\")\n"
                 "  200 n\n"
                 "}\n",
                 "spec/shop.api:2:49: error: \"2025-13-01\" is not a date (YYYY-MM-DD)");
    expect_count(f, "1 error");
}

static void test_valid_date_default_compiles(void **state)
{
    fixture *f = *state;
    int rc = check(f, NULL, NULL,
                   "endpoint GET /count \"Count\" {\n"
                   "  query {\n"
                   "    due date = \"2024-02-29\"\n"
                   "  }\n"
                   "  run n = CountByStatus(status: \"pending\", due: query.due)\n"
                   "  200 n\n"
                   "}\n");
    if (rc != 0)
        fail_msg("a leap day is a date: %s", f->diagnostics);
}

/* ------------------------------------------------------- out of memory */

/* Compiles the base spec in a child whose nth allocation fails, with the
 * policy specc runs under; returns the child's exit status and its stderr
 * in `said`. */
static int check_failing_allocation(fixture *f, long n, char *said, size_t size)
{
    int pipe_ends[2];
    int status = 0;
    ssize_t got;
    pid_t child;

    assert_int_equal(pipe(pipe_ends), 0);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        dup2(pipe_ends[1], STDERR_FILENO);
        close(pipe_ends[0]);
        compile_stop_when_out_of_memory();
        rt_alloc_fail_nth(n);
        _exit(check(f, NULL, NULL, NULL) == 0 ? 0 : 1);
    }
    close(pipe_ends[1]);
    got = read(pipe_ends[0], said, size - 1);
    said[got > 0 ? got : 0] = '\0';
    close(pipe_ends[0]);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* Whatever allocation fails, specc says so and exits 2: never a crash,
 * never a wrong diagnostic. Every n up to 150, then 10% further each time,
 * until the compile needs fewer allocations than n (some 4,000). */
static void test_out_of_memory_stops_specc(void **state)
{
    fixture *f = *state;
    char said[256];
    int stopped = 0;

    for (long n = 1;; n += n < 150 ? 1 : n / 10) {
        int status = check_failing_allocation(f, n, said, sizeof said);
        if (status == 0)
            break;
        if (status != 2 || strcmp(said, "specc: out of memory\n") != 0)
            fail_msg("allocation %ld failed: exit %d, said \"%s\"", n, status, said);
        stopped++;
    }
    assert_true(stopped > 10);
}

/* ------------------------------------------------------- input hygiene */

/* text with every "\n" written as "\r\n", after a UTF-8 byte order mark */
static char *windows_text(const char *text)
{
    size_t length = strlen(text);
    char *out = malloc(3 + 2 * length + 1);
    size_t n = 0;

    assert_non_null(out);
    memcpy(out, "\xef\xbb\xbf", 3);
    n = 3;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\n')
            out[n++] = '\r';
        out[n++] = text[i];
    }
    out[n] = '\0';
    return out;
}

static void test_bom_and_crlf_are_read_as_plain_text(void **state)
{
    fixture *f = *state;
    char *migration = windows_text(base_migration);
    char *sql = windows_text("-- name: ListUsers :many\n"
                             "SELECT uid, email FROM users\n"
                             "WHERE role = @role -- filter\n"
                             "ORDER BY email -- ordering: email\n"
                             ";\n");
    char *api = windows_text("endpoint GET /users \"Users\" {\n"
                             "  query {\n"
                             "    role user_role?\n"
                             "    ordering ordering?\n"
                             "  }\n"
                             "  run users = ListUsers(role: query.role) order_by query.ordering\n"
                             "  200 { users: rows users }\n"
                             "}\n");
    int rc = check(f, migration, sql, api);
    free(migration);
    free(sql);
    free(api);
    if (rc != 0)
        fail_msg("a BOM and CRLF line ends are plain text: %s", f->diagnostics);
}

static void test_bom_and_crlf_error_columns(void **state)
{
    fixture *f = *state;
    char *api = windows_text("endpoint GET /users/{uid: uuid} \"A user\" {\n"
                             "  run user = GetUsr(uid: path.uid)\n"
                             "  200 user\n"
                             "}\n");
    expect_error(f, NULL, NULL, api,
                 "spec/shop.api:2:14: error: unknown query \"GetUsr\" (did you mean \"GetUser\"?)");
    expect_line(f, 1, "    2 |   run user = GetUsr(uid: path.uid)");
    free(api);
}

static void test_whole_file_error_is_at_line_one(void **state)
{
    fixture *f = *state;
    static const char *const inputs[] = {"migrations/0001_base.sql", "spec/shop.sql",
                                         "spec/Shop-v2.api"};
    compile_options options;
    FILE *stream;
    int rc;

    write_file(f, inputs[0], base_migration);
    write_file(f, inputs[1], base_sql);
    memset(&options, 0, sizeof options);
    options.mode = COMPILE_CHECK;
    options.inputs = inputs;
    options.input_count = 3;
    options.root = f->dir;
    stream = open_memstream(&f->diagnostics, &f->length);
    assert_non_null(stream);
    rc = compile_run(&options, stream);
    fclose(stream);
    assert_int_equal(rc, RT_EINVAL);
    expect_line(f, 0,
                "spec/Shop-v2.api:1:1: error: a spec file name must be a C identifier in lower "
                "case (users.api)");
    expect_count(f, "1 error");
}

/* ----------------------------------------------- the real spec, CRLF */

static char *read_all(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    char *text;
    long size;

    if (!file)
        return NULL;
    fseek(file, 0, SEEK_END);
    size = ftell(file);
    fseek(file, 0, SEEK_SET);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, file), (size_t)size);
    text[size] = '\0';
    fclose(file);
    *length = (size_t)size;
    return text;
}

/* The repository's spec/ and migrations/, copied with a BOM and CRLF line
 * ends, generate exactly the committed generated/. */
static void test_real_spec_with_crlf_generates_the_same(void **state)
{
    static const char *const patterns[] = {"migrations/*.sql", "spec/*.sql", "spec/*.api"};
    fixture *f = *state;
    glob_t inputs, outputs;
    char out_dir[128];
    compile_options options;
    int rc;

    memset(&inputs, 0, sizeof inputs);
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
        glob(patterns[i], i ? GLOB_APPEND : 0, NULL, &inputs);
    if (inputs.gl_pathc < 4)
        skip(); /* not run from the repository's root */
    for (size_t i = 0; i < inputs.gl_pathc; i++) {
        size_t length;
        char *text = read_all(inputs.gl_pathv[i], &length);
        char *windows = windows_text(text);
        write_file(f, inputs.gl_pathv[i], windows);
        free(windows);
        free(text);
    }
    snprintf(out_dir, sizeof out_dir, "%s/out", f->dir);
    mkdir(out_dir, 0777);
    memset(&options, 0, sizeof options);
    options.mode = COMPILE_GEN;
    options.inputs = (const char *const *)inputs.gl_pathv;
    options.input_count = (int)inputs.gl_pathc;
    options.root = f->dir;
    options.out_dir = out_dir;
    rc = compile_run(&options, stderr);
    globfree(&inputs);
    assert_int_equal(rc, 0);
    snprintf(out_dir, sizeof out_dir, "%s/out/*", f->dir);
    assert_int_equal(glob(out_dir, 0, NULL, &outputs), 0);
    for (size_t i = 0; i < outputs.gl_pathc; i++) {
        size_t expected_length, actual_length;
        char committed[256];
        char *expected, *actual;
        snprintf(committed, sizeof committed, "generated/%s",
                 strrchr(outputs.gl_pathv[i], '/') + 1);
        expected = read_all(committed, &expected_length);
        actual = read_all(outputs.gl_pathv[i], &actual_length);
        assert_non_null(expected);
        assert_non_null(actual);
        if (expected_length != actual_length || memcmp(expected, actual, actual_length) != 0)
            fail_msg("%s differs from the LF checkout's", committed);
        free(expected);
        free(actual);
    }
    assert_true(outputs.gl_pathc > 4);
    globfree(&outputs);
}

/* -------------------------------------------------------------- scale */

/* 10,000 endpoints: the duplicate checks sort instead of comparing every
 * pair (that took 18 s and 1.7 GB). A liveness bound, not a timing. */
static void test_ten_thousand_endpoints(void **state)
{
    fixture *f = *state;
    size_t capacity = 10000 * 160;
    char *api = malloc(capacity);
    size_t n = 0;
    time_t start = time(NULL);
    int rc;

    assert_non_null(api);
    for (int i = 0; i < 10000; i++)
        n += (size_t)snprintf(api + n, capacity - n,
                              "endpoint GET /things%d/{uid: uuid} \"Thing %d\" {\n"
                              "  run user = GetUser(uid: path.uid)\n"
                              "  200 user\n"
                              "}\n",
                              i, i);
    rc = check(f, NULL, NULL, api);
    free(api);
    if (rc != 0)
        fail_msg("10,000 distinct endpoints compile: %.500s", f->diagnostics);
    assert_true(time(NULL) - start < 60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_base_is_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misspelt_declaration_keyword, setup, teardown),
        cmocka_unit_test_setup_teardown(test_declaration_keyword_in_the_wrong_case, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_misspelt_endpoint_keyword, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unclosed_endpoint_names_where_it_opened, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unclosed_body_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unclosed_block_at_end_of_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unclosed_string_points_where_it_opened, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_non_ascii_name_is_named_by_code_point, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_non_ascii_label_hint_does_not_look_identical, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_enum_label_literal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enum_label_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_postgres_type_spelling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_date_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_date_literal_argument, setup, teardown),
        cmocka_unit_test_setup_teardown(test_valid_date_default_compiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_and_crlf_are_read_as_plain_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_and_crlf_error_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_whole_file_error_is_at_line_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_real_spec_with_crlf_generates_the_same, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ten_thousand_endpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory_stops_specc, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
