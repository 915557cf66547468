/* generated from spec/orders.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- job order_created (spec/orders.api:13) */

/* spec/orders.api:15 */
static const rt_field job_order_created_payload[] = {
    {.name = "order_uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 15},
};

/* spec/orders.api:18: RecordNotification(...) */
static const rt_value job_order_created_step0_args[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "order_created"},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/orders.api:19 */
static const rt_member job_order_created_step1_members[] = {
    {.key = "order", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_BODY, .type = RT_TYPE_UUID,
     .index = 0}},
    {.key = "attempt", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_JOB, .type = RT_TYPE_INT,
     .index = 1}},
};

/* spec/orders.api:18 */
static const rt_step job_order_created_steps[] = {
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_orders__record_notification_query,
     .args = job_order_created_step0_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 18},
    {.kind = RT_STEP_LOG, .name = "notification_recorded",
     .members = job_order_created_step1_members, .member_count = 2, .spec_line = 19},
};

/* spec/orders.api:13 */
const rt_job api_orders__job_order_created = {
    .kind = "order_created",
    .summary = "Record the notification of a new order",
    .payload_fields = job_order_created_payload,
    .payload_field_count = 1,
    .steps = job_order_created_steps,
    .step_count = 2,
    .max_attempts = 5,
    .spec_file = "spec/orders.api",
    .spec_line = 13,
};

/* ---- job process_pending_orders (spec/orders.api:22) */

/* spec/orders.api:26 */
static const rt_member job_process_pending_orders_step1_members[] = {
    {.key = "orders", .kind = RT_MEMBER_EACH, .step = 1, .column = 0, .type = RT_TYPE_UUID},
};

/* spec/orders.api:27: sleep(...) */
static const rt_value job_process_pending_orders_step2_args[] = {
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_PROCESSING_WORK_SECONDS},
};

/* spec/orders.api:31 */
static const rt_member job_process_pending_orders_step4_members[] = {
    {.key = "orders", .kind = RT_MEMBER_EACH, .step = 6, .column = 0, .type = RT_TYPE_UUID},
};

/* spec/orders.api:24 */
static const rt_step job_process_pending_orders_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 23},
    {.kind = RT_STEP_QUERY, .name = "started", .query = &api_orders__start_pending_query,
     .args = NULL, .arg_count = 0, .optional = false, .outcomes = NULL, .outcome_count = 0,
     .spec_line = 24},
    {.kind = RT_STEP_COMMIT, .spec_line = 25},
    {.kind = RT_STEP_LOG, .name = "orders_processing",
     .members = job_process_pending_orders_step1_members, .member_count = 1, .spec_line = 26},
    {.kind = RT_STEP_SLEEP, .name = NULL, .args = job_process_pending_orders_step2_args,
     .arg_count = 1, .spec_line = 27},
    {.kind = RT_STEP_BEGIN, .spec_line = 28},
    {.kind = RT_STEP_QUERY, .name = "completed", .query = &api_orders__complete_processing_query,
     .args = NULL, .arg_count = 0, .optional = false, .outcomes = NULL, .outcome_count = 0,
     .spec_line = 29},
    {.kind = RT_STEP_COMMIT, .spec_line = 30},
    {.kind = RT_STEP_LOG, .name = "orders_completed",
     .members = job_process_pending_orders_step4_members, .member_count = 1, .spec_line = 31},
};

/* spec/orders.api:22 */
const rt_job api_orders__job_process_pending_orders = {
    .kind = "process_pending_orders",
    .summary = "Take the pending orders through processing",
    .payload_fields = NULL,
    .payload_field_count = 0,
    .steps = job_process_pending_orders_steps,
    .step_count = 9,
    .max_attempts = 5,
    .spec_file = "spec/orders.api",
    .spec_line = 22,
};

/* ---- POST /orders (spec/orders.api:36) */

/* spec/orders.api:38 */
static const rt_field post_orders_body[] = {
    {.name = "product_name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 255, .spec_line = 38},
    {.name = "quantity", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = 1, .max = 10000, .spec_line = 39},
    {.name = "amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = true,
     .has_range = true, .min = 1, .max = 999999999999, .precision = 12, .scale = 2,
     .spec_line = 40},
};

/* spec/orders.api:43: CreateOrder(...) */
static const rt_value post_orders_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 1},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_NUMERIC, .index = 2},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
};

/* spec/orders.api:45 */
static const rt_outcome_map post_orders_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 401, .code = "not_authenticated",
     .message = "User not found"},
};

/* spec/orders.api:46: enqueue order_created(...) */
static const rt_value post_orders_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 1},
};

/* spec/orders.api:43 */
static const rt_step post_orders_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 42},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__create_order_query,
     .args = post_orders_step0_args, .arg_count = 4, .optional = false,
     .outcomes = post_orders_step0_outcomes, .outcome_count = 1, .spec_line = 43},
    {.kind = RT_STEP_ENQUEUE, .name = NULL, .job = &api_orders__job_order_created,
     .args = post_orders_step1_args, .arg_count = 1, .spec_line = 46},
    {.kind = RT_STEP_COMMIT, .spec_line = 47},
};

/* spec/orders.api:48 */
static const rt_member post_orders_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 1, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order created"}},
};

/* spec/orders.api:36 */
const rt_endpoint api_orders__post_orders = {
    .id = "orders.post_orders",
    .method = "POST",
    .pattern = "/orders",
    .summary = "Create an order",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_orders_body,
    .body_field_count = 3,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_orders_steps,
    .step_count = 4,
    .status = 201,
    .response = post_orders_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 36,
};

/* ---- GET /orders (spec/orders.api:51) */

/* labels of enum order_status, in declaration order */
static const char *const enum_order_status_labels[] = {"pending", "processing", "completed",
                                                       "confirmed", "shipped", "delivered",
                                                       "cancelled"};

static const char *const get_orders_query_ordering_choices[] = {"created_at", "-created_at",
                                                                "amount", "-amount", "status",
                                                                "-status"};

/* spec/orders.api:53 */
static const rt_field get_orders_query[] = {
    {.name = "status", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = false,
     .enum_values = enum_order_status_labels, .enum_count = 7, .spec_line = 53},
    {.name = "created_after", .kind = RT_FIELD_TIMESTAMP, .type = RT_TYPE_TIMESTAMPTZ,
     .required = false, .spec_line = 54},
    {.name = "max_amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .spec_line = 55},
    {.name = "ordering", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_orders_query_ordering_choices, .enum_count = 6,
     .default_value = "-created_at", .spec_line = 56},
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 62},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 62},
};

/* spec/orders.api:58: ListOrders(...) */
static const char *const get_orders_step0_args_0_unless[] = {"staff", "admin"};

static const rt_value get_orders_step0_args[] = {
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID,
     .unless_roles = get_orders_step0_args_0_unless, .unless_role_count = 2, .otherwise = NULL},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_ENUM, .index = 0},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TIMESTAMPTZ, .index = 1},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 2},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/orders.api:58 */
static const rt_step get_orders_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "orders", .query = &api_orders__list_orders_query,
     .args = get_orders_step0_args, .arg_count = 6, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .ordering = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 3},
     .spec_line = 58},
};

/* spec/orders.api:62 */
static const rt_member get_orders_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 0},
};

/* spec/orders.api:51 */
const rt_endpoint api_orders__get_orders = {
    .id = "orders.get_orders",
    .method = "GET",
    .pattern = "/orders",
    .summary = "List orders",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_orders_query,
    .query_field_count = 6,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 4,
    .page_size_field = 5,
    .cursor_field = -1,
    .steps = get_orders_steps,
    .step_count = 1,
    .status = 200,
    .response = get_orders_response,
    .response_count = 1,
    .spec_file = "spec/orders.api",
    .spec_line = 51,
};

/* ---- GET /orders/page (spec/orders.api:65) */

static const char *const get_orders_page_roles[] = {"staff", "admin"};

static const char *const get_orders_page_query_ordering_choices[] = {"created_at", "-created_at",
                                                                     "amount", "-amount"};

/* spec/orders.api:68 */
static const rt_field get_orders_page_query[] = {
    {.name = "max_amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .spec_line = 68},
    {.name = "ordering", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_orders_page_query_ordering_choices, .enum_count = 4, .spec_line = 69},
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 73},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 73},
    {.name = "cursor", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 0, .max_len = 4096, .spec_line = 73},
};

/* spec/orders.api:71: ListOrderPage(...) */
static const rt_value get_orders_page_step0_args[] = {
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 0},
    {.kind = RT_VALUE_PAGE_CURSOR_KEY, .type = RT_TYPE_TIMESTAMPTZ},
    {.kind = RT_VALUE_PAGE_CURSOR_TIEBREAK, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/orders.api:71 */
static const rt_step get_orders_page_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "orders", .query = &api_orders__list_order_page_query,
     .args = get_orders_page_step0_args, .arg_count = 5, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .ordering = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 1},
     .spec_line = 71},
};

/* spec/orders.api:73 */
static const rt_member get_orders_page_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 0},
};

/* spec/orders.api:65 */
const rt_endpoint api_orders__get_orders_page = {
    .id = "orders.get_orders_page",
    .method = "GET",
    .pattern = "/orders/page",
    .summary = "List orders, keyset pages, with their owners' emails",
    .auth = RT_AUTH_ROLES,
    .roles = get_orders_page_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_orders_page_query,
    .query_field_count = 5,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 2,
    .page_size_field = 3,
    .cursor_field = 4,
    .steps = get_orders_page_steps,
    .step_count = 1,
    .status = 200,
    .response = get_orders_page_response,
    .response_count = 1,
    .spec_file = "spec/orders.api",
    .spec_line = 65,
};

/* ---- PATCH /orders/{uid}/cancel (spec/orders.api:76) */

/* spec/orders.api:76 */
static const rt_field patch_orders_uid_cancel_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 76},
};

/* spec/orders.api:78: CancelOrder(...) */
static const char *const patch_orders_uid_cancel_step0_args_1_unless[] = {"staff", "admin"};

static const rt_value patch_orders_uid_cancel_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID,
     .unless_roles = patch_orders_uid_cancel_step0_args_1_unless, .unless_role_count = 2,
     .otherwise = NULL},
};

/* spec/orders.api:79 */
static const rt_outcome_map patch_orders_uid_cancel_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
    {.outcome = RT_OUTCOME_RAISE, .constraint = NULL, .status = 409, .code = "conflict",
     .message = NULL},
};

/* spec/orders.api:78 */
static const rt_step patch_orders_uid_cancel_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 77},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__cancel_order_query,
     .args = patch_orders_uid_cancel_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_orders_uid_cancel_step0_outcomes, .outcome_count = 2, .spec_line = 78},
    {.kind = RT_STEP_COMMIT, .spec_line = 81},
};

/* spec/orders.api:82 */
static const rt_member patch_orders_uid_cancel_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 1, .column = 0}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order cancelled"}},
};

/* spec/orders.api:76 */
const rt_endpoint api_orders__patch_orders_uid_cancel = {
    .id = "orders.patch_orders_uid_cancel",
    .method = "PATCH",
    .pattern = "/orders/{uid}/cancel",
    .summary = "Cancel an order",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_orders_uid_cancel_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_cancel_steps,
    .step_count = 3,
    .status = 200,
    .response = patch_orders_uid_cancel_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 76,
};

/* ---- lifecycle order_status on orders.status (spec/orders.api:3) */

static const char *const lifecycle_order_status_by0[] = {"scheduler"};

static const char *const lifecycle_order_status_by1[] = {"scheduler"};

static const char *const lifecycle_order_status_by2[] = {"staff", "admin"};

static const char *const lifecycle_order_status_by3[] = {"staff", "admin"};

static const char *const lifecycle_order_status_by4[] = {"staff", "admin"};

static const char *const lifecycle_order_status_by5[] = {"owner", "staff", "admin"};

static const char *const lifecycle_order_status_by6[] = {"owner", "staff", "admin"};

/* spec/orders.api:4 */
static const rt_transition lifecycle_order_status_transitions[] = {
    {.from = "pending", .to = "processing", .by = lifecycle_order_status_by0, .by_count = 1},
    {.from = "processing", .to = "completed", .by = lifecycle_order_status_by1, .by_count = 1},
    {.from = "pending", .to = "confirmed", .by = lifecycle_order_status_by2, .by_count = 2},
    {.from = "confirmed", .to = "shipped", .by = lifecycle_order_status_by3, .by_count = 2},
    {.from = "shipped", .to = "delivered", .by = lifecycle_order_status_by4, .by_count = 2},
    {.from = "pending", .to = "cancelled", .by = lifecycle_order_status_by5, .by_count = 3},
    {.from = "confirmed", .to = "cancelled", .by = lifecycle_order_status_by6, .by_count = 3},
};

/* the guard trigger, applied by `orderd migrate` when it changes */
static const char lifecycle_order_status_guard_sql[] =
    "-- The order_status lifecycle of orders.status, generated from spec/orders.api by specc.\n"
    "CREATE OR REPLACE FUNCTION orderd_lifecycle_order_status() RETURNS trigger\n"
    "LANGUAGE plpgsql AS $lifecycle$\n"
    "BEGIN\n"
    "    IF TG_OP = 'INSERT' THEN\n"
    "        IF NEW.status IS DISTINCT FROM 'pending' THEN\n"
    "            RAISE EXCEPTION 'A new row starts as pending, not %', NEW.status;\n"
    "        END IF;\n"
    "    ELSIF (OLD.status::text, NEW.status::text) NOT IN (\n"
    "            ('pending', 'processing'), ('processing', 'completed'), ('pending', 'confirmed'),\n"
    "            ('confirmed', 'shipped'), ('shipped', 'delivered'), ('pending', 'cancelled'),\n"
    "            ('confirmed', 'cancelled')\n"
    "        ) THEN\n"
    "        RAISE EXCEPTION 'Cannot change status from % to %', OLD.status, NEW.status;\n"
    "    END IF;\n"
    "    INSERT INTO order_status_history (order_id, from_status, to_status, actor)\n"
    "    VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status,\n"
    "            coalesce(nullif(current_setting('orderd.actor', true), ''),\n"
    "                     'sql:' || current_user));\n"
    "    RETURN NULL;\n"
    "END\n"
    "$lifecycle$;\n"
    "DROP TRIGGER IF EXISTS orderd_lifecycle_order_status ON orders;\n"
    "CREATE TRIGGER orderd_lifecycle_order_status\n"
    "    AFTER INSERT OR UPDATE OF status ON orders\n"
    "    FOR EACH ROW EXECUTE FUNCTION orderd_lifecycle_order_status();\n";

/* spec/orders.api:3 */
const rt_lifecycle api_orders__lifecycle_order_status = {
    .name = "order_status",
    .table = "orders",
    .column = "status",
    .transitions = lifecycle_order_status_transitions,
    .transition_count = 7,
    .guard_sql = lifecycle_order_status_guard_sql,
    .spec_file = "spec/orders.api",
    .spec_line = 3,
};
