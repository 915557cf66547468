/* generated from spec/reports.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- GET /reports/summary (spec/reports.api:4) */

static const char *const get_reports_summary_roles[] = {"admin"};

/* spec/reports.api:8 */
static const rt_step get_reports_summary_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "summary", .query = &api_reports__summary_report_query,
     .args = NULL, .arg_count = 0, .optional = false, .outcomes = NULL, .outcome_count = 0,
     .spec_line = 8},
};

/* spec/reports.api:9 */
static const rt_member get_reports_summary_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/reports.api:4 */
const rt_endpoint api_reports__get_reports_summary = {
    .id = "reports.get_reports_summary",
    .method = "GET",
    .pattern = "/reports/summary",
    .summary = "Orders, revenue, orders by status and low-stock products",
    .auth = RT_AUTH_ROLES,
    .roles = get_reports_summary_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = get_reports_summary_steps,
    .step_count = 1,
    .status = 200,
    .response = get_reports_summary_response,
    .response_count = 1,
    .spec_file = "spec/reports.api",
    .spec_line = 4,
};

/* ---- GET /reports/sales (spec/reports.api:12) */

static const char *const get_reports_sales_roles[] = {"admin"};

static const char *const get_reports_sales_query_group_by_choices[] = {"day", "product"};

/* spec/reports.api:17 */
static const rt_field get_reports_sales_query[] = {
    {.name = "from", .kind = RT_FIELD_DATE, .type = RT_TYPE_DATE, .required = true,
     .spec_line = 17},
    {.name = "to", .kind = RT_FIELD_DATE, .type = RT_TYPE_DATE, .required = true, .spec_line = 18},
    {.name = "group_by", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_reports_sales_query_group_by_choices, .enum_count = 2,
     .default_value = "day", .spec_line = 19},
};

/* spec/reports.api:21: SalesRange(...) */
static const rt_value get_reports_sales_step0_args[] = {
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_DATE, .index = 1},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_DATE, .index = 0},
};

/* spec/reports.api:22: is_true(...) */
static const rt_value get_reports_sales_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BOOL, .index = 0, .column = 0},
};

/* spec/reports.api:24: SalesReport(...) */
static const rt_value get_reports_sales_step2_args[] = {
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 2},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_DATE, .index = 0},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_DATE, .index = 1},
};

/* spec/reports.api:21 */
static const rt_step get_reports_sales_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "period", .query = &api_reports__sales_range_query,
     .args = get_reports_sales_step0_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 21},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = get_reports_sales_step1_args, .arg_count = 1,
     .builtin = RT_BUILTIN_IS_TRUE, .else_status = 400, .else_code = "validation_error",
     .else_message = "to must be on or after from, at most 366 days later", .spec_line = 22},
    {.kind = RT_STEP_QUERY, .name = "sales", .query = &api_reports__sales_report_query,
     .args = get_reports_sales_step2_args, .arg_count = 3, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 24},
};

/* spec/reports.api:25 */
static const rt_member get_reports_sales_response[] = {
    {.key = "results", .kind = RT_MEMBER_ROWS, .step = 2},
};

/* spec/reports.api:12 */
const rt_endpoint api_reports__get_reports_sales = {
    .id = "reports.get_reports_sales",
    .method = "GET",
    .pattern = "/reports/sales",
    .summary = "Sales by UTC day or by product over a period",
    .auth = RT_AUTH_ROLES,
    .roles = get_reports_sales_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_reports_sales_query,
    .query_field_count = 3,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = get_reports_sales_steps,
    .step_count = 3,
    .status = 200,
    .response = get_reports_sales_response,
    .response_count = 1,
    .spec_file = "spec/reports.api",
    .spec_line = 12,
};
