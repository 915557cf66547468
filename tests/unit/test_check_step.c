/*
 * test_check_step.c - unit tests of the step checker's `fields from
 * detail` (docs/spec-language.md, "Field errors from the database"): the
 * clause compiles on a raise of an endpoint with a 4xx status (with or
 * without a code and a message), and each misuse is one error at its
 * place: another outcome, a 5xx status, a job, a source other than
 * detail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "specc_fixture.h"

static const char migration[] = "CREATE TABLE orders (\n"
                                "    id bigserial PRIMARY KEY,\n"
                                "    uid uuid NOT NULL\n"
                                ");\n";

static const char sql[] = "-- name: DeleteOrder :exec\n"
                          "DELETE FROM orders WHERE uid = @uid;\n";

static const char api[] = "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
                          "  run DeleteOrder(uid: path.uid)\n"
                          "    on raise bad_items 400 bad_items fields from detail\n"
                          "    on raise other 422 \"Other.\" fields from detail\n"
                          "    on raise third 400 fields from detail\n"
                          "  200 { deleted: true }\n"
                          "}\n";

static int setup(void **state)
{
    return fixture_setup(state, migration, sql, api);
}

/* The endpoint with `on LINE` as its only outcome. */
static const char *endpoint_with(char *buffer, size_t size, const char *outcome)
{
    snprintf(buffer, size,
             "endpoint DELETE /orders/{uid: uuid} \"Delete\" {\n"
             "  run DeleteOrder(uid: path.uid)\n"
             "    on %s\n"
             "  200 { deleted: true }\n"
             "}\n",
             outcome);
    return buffer;
}

static void test_a_raise_of_an_endpoint_compiles(void **state)
{
    fixture *f = *state;
    int rc = check(f, NULL, NULL, NULL);
    if (rc != 0)
        fail_msg("expected a clean compile, got %d:\n%s", rc, f->diagnostics);
}

static void test_only_a_raise_has_a_detail(void **state)
{
    fixture *f = *state;
    char text[512];
    expect_error(
        f, NULL, NULL,
        endpoint_with(text, sizeof text, "unique_violation 409 \"Taken.\" fields from detail"),
        "spec/shop.api:3:38: error: fields from detail needs a raise outcome (only "
        "RAISE sets a DETAIL); this is unique_violation");
}

static void test_field_errors_are_a_client_status(void **state)
{
    fixture *f = *state;
    char text[512];
    expect_error(f, NULL, NULL,
                 endpoint_with(text, sizeof text, "raise broken 500 fields from detail"),
                 "spec/shop.api:3:21: error: fields from detail answers a client's mistake: a "
                 "4xx status, not 500");
}

static void test_a_job_has_no_answer(void **state)
{
    fixture *f = *state;
    expect_error(f, NULL, NULL,
                 "job cleanup \"Clean\" {\n"
                 "  payload { uid uuid }\n"
                 "  run DeleteOrder(uid: payload.uid)\n"
                 "    on raise bad 400 fields from detail\n"
                 "}\n",
                 "spec/shop.api:4:22: error: fields from detail is for endpoints: a job has no "
                 "answer to put them in");
}

static void test_fields_come_from_detail_only(void **state)
{
    fixture *f = *state;
    char text[512];
    expect_error(f, NULL, NULL,
                 endpoint_with(text, sizeof text, "raise bad 400 fields from message"),
                 "spec/shop.api:3:34: error: expected \"detail\" (the RAISE's DETAIL holds the "
                 "field errors), found \"message\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_raise_of_an_endpoint_compiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_only_a_raise_has_a_detail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_field_errors_are_a_client_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_job_has_no_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fields_come_from_detail_only, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
