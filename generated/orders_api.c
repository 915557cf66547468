/* generated from spec/orders.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- GET /orders (spec/orders.api:4) */

/* labels of enum order_status, in declaration order */
static const char *const enum_order_status_labels[] = {"pending", "processing", "completed",
                                                       "confirmed", "shipped", "delivered",
                                                       "cancelled"};

static const char *const get_orders_query_ordering_choices[] = {"created_at", "-created_at",
                                                                "amount", "-amount", "status",
                                                                "-status"};

/* spec/orders.api:9 */
static const rt_field get_orders_query[] = {
    {.name = "status", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = false,
     .enum_values = enum_order_status_labels, .enum_count = 7, .spec_line = 9},
    {.name = "user", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = false,
     .spec_line = 10},
    {.name = "created_after", .kind = RT_FIELD_TIMESTAMP, .type = RT_TYPE_TIMESTAMPTZ,
     .required = false, .spec_line = 11},
    {.name = "created_before", .kind = RT_FIELD_TIMESTAMP, .type = RT_TYPE_TIMESTAMPTZ,
     .required = false, .spec_line = 12},
    {.name = "min_amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .spec_line = 13},
    {.name = "max_amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .spec_line = 14},
    {.name = "ordering", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_orders_query_ordering_choices, .enum_count = 6, .spec_line = 15},
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 26},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 26},
    {.name = "cursor", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 0, .max_len = 4096, .spec_line = 26},
};

/* spec/orders.api:17: rules between fields */
static const rt_rule get_orders_rules[] = {
    {.left = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TIMESTAMPTZ, .index = 2},
     .compare = RT_COMPARE_LE,
     .right = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TIMESTAMPTZ, .index = 3},
     .field = "created_after", .message = "Ensure this value is not after created_before."},
};

/* spec/orders.api:19: ListOrders(...) */
static const char *const get_orders_step0_args_0_unless[] = {"staff", "admin"};

static const rt_value get_orders_step0_args[] = {
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID,
     .unless_roles = get_orders_step0_args_0_unless, .unless_role_count = 2, .otherwise = NULL},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_UUID, .index = 1},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_ENUM, .index = 0},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TIMESTAMPTZ, .index = 2},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TIMESTAMPTZ, .index = 3},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 4},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 5},
    {.kind = RT_VALUE_PAGE_CURSOR_KEY, .type = RT_TYPE_TIMESTAMPTZ},
    {.kind = RT_VALUE_PAGE_CURSOR_TIEBREAK, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/orders.api:19 */
static const rt_step get_orders_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "orders", .query = &api_orders__list_orders_query,
     .args = get_orders_step0_args, .arg_count = 11, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .ordering = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 6},
     .spec_line = 19},
};

/* spec/orders.api:26 */
static const rt_member get_orders_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 0},
};

/* spec/orders.api:4 */
const rt_endpoint api_orders__get_orders = {
    .id = "orders.get_orders",
    .method = "GET",
    .pattern = "/orders",
    .summary = "List orders, newest first",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_orders_query,
    .query_field_count = 10,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 7,
    .page_size_field = 8,
    .cursor_field = 9,
    .rules = get_orders_rules,
    .rule_count = 1,
    .steps = get_orders_steps,
    .step_count = 1,
    .status = 200,
    .response = get_orders_response,
    .response_count = 1,
    .spec_file = "spec/orders.api",
    .spec_line = 4,
};

/* ---- POST /orders (spec/orders.api:32) */

/* spec/orders.api:43 */
static const rt_field post_orders_body_items_items[] = {
    {.name = "sku", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 64, .spec_line = 43},
    {.name = "quantity", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = 1, .max = 10000, .spec_line = 44},
};

/* spec/orders.api:38 */
static const rt_field post_orders_body[] = {
    {.name = "product_name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 255, .alternative = 1, .spec_line = 38},
    {.name = "quantity", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = 1, .max = 10000, .alternative = 1, .spec_line = 39},
    {.name = "amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = true,
     .has_range = true, .min = 1, .max = 999999999999, .precision = 12, .scale = 2,
     .alternative = 1, .spec_line = 40},
    {.name = "items", .kind = RT_FIELD_ARRAY, .type = RT_TYPE_JSON, .required = true,
     .has_len = true, .min_len = 1, .max_len = 50, .item_fields = post_orders_body_items_items,
     .item_field_count = 2, .alternative = 2, .spec_line = 42},
};

/* spec/orders.api:49: CreateOrder(...) */
static const rt_value post_orders_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_JSON, .index = 3},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 1},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_NUMERIC, .index = 2},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
};

/* spec/orders.api:51 */
static const rt_outcome_map post_orders_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 401, .code = "token_not_valid",
     .message = "Given token not valid for any token type"},
    {.outcome = RT_OUTCOME_RAISE, .constraint = "duplicate_sku", .status = 400,
     .code = "duplicate_sku", .message = NULL, .fields_from_detail = true},
    {.outcome = RT_OUTCOME_RAISE, .constraint = "unknown_product", .status = 400,
     .code = "unknown_product", .message = NULL, .fields_from_detail = true},
    {.outcome = RT_OUTCOME_RAISE, .constraint = "order_total_too_large", .status = 400,
     .code = "order_total_too_large", .message = NULL},
};

/* spec/orders.api:55: enqueue order_created(...) */
static const rt_value post_orders_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 0},
};

/* spec/orders.api:57 */
static const rt_member post_orders_step2_members[] = {
    {.key = "order", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 1, .column = 1}},
    {.key = "user", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID,
     .index = RT_AUTH_USER_ID}},
};

/* spec/orders.api:49 */
static const rt_step post_orders_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 48},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__create_order_query,
     .args = post_orders_step0_args, .arg_count = 5, .optional = false,
     .outcomes = post_orders_step0_outcomes, .outcome_count = 4, .spec_line = 49},
    {.kind = RT_STEP_ENQUEUE, .name = NULL, .job = &api_jobs__job_order_created,
     .args = post_orders_step1_args, .arg_count = 1, .spec_line = 55},
    {.kind = RT_STEP_COMMIT, .spec_line = 56},
    {.kind = RT_STEP_LOG, .name = "order_created", .members = post_orders_step2_members,
     .member_count = 2, .spec_line = 57},
};

/* spec/orders.api:58 */
static const rt_member post_orders_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 1, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order created"}},
};

static const rt_value post_orders_location[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "/orders/"},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 1},
};

/* spec/orders.api:32 */
const rt_endpoint api_orders__post_orders = {
    .id = "orders.post_orders",
    .method = "POST",
    .pattern = "/orders",
    .summary = "Create an order: free-form, or from catalog items",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_orders_body,
    .body_field_count = 4,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_orders_steps,
    .step_count = 5,
    .status = 201,
    .response = post_orders_response,
    .response_count = 2,
    .location = post_orders_location,
    .location_count = 2,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 32,
};

/* ---- GET /orders/{uid} (spec/orders.api:62) */

/* spec/orders.api:62 */
static const rt_field get_orders_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 62},
};

/* spec/orders.api:66: GetOrder(...) */
static const char *const get_orders_uid_step0_args_1_unless[] = {"staff", "admin"};

static const rt_value get_orders_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID,
     .unless_roles = get_orders_uid_step0_args_1_unless, .unless_role_count = 2, .otherwise = NULL},
};

/* spec/orders.api:67 */
static const rt_outcome_map get_orders_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/orders.api:68: ListOrderLines(...) */
static const rt_value get_orders_uid_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 0},
};

/* spec/orders.api:69: ListOrderHistory(...) */
static const rt_value get_orders_uid_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 0},
};

/* spec/orders.api:66 */
static const rt_step get_orders_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__get_order_query,
     .args = get_orders_uid_step0_args, .arg_count = 2, .optional = false,
     .outcomes = get_orders_uid_step0_outcomes, .outcome_count = 1, .spec_line = 66},
    {.kind = RT_STEP_QUERY, .name = "lines", .query = &api_orders__list_order_lines_query,
     .args = get_orders_uid_step1_args, .arg_count = 1, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 68},
    {.kind = RT_STEP_QUERY, .name = "history", .query = &api_orders__list_order_history_query,
     .args = get_orders_uid_step2_args, .arg_count = 1, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 69},
};

/* spec/orders.api:71 */
static const rt_member get_orders_uid_response[] = {
    {.key = "uid", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 0, .column = 1}},
    {.key = "product_name", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_TEXT, .index = 0, .column = 2}},
    {.key = "quantity", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_INT, .index = 0, .column = 3}},
    {.key = "amount", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_NUMERIC, .index = 0, .column = 4}},
    {.key = "status", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_ENUM, .index = 0, .column = 5}},
    {.key = "cancel_reason", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_TEXT, .index = 0, .column = 6}},
    {.key = "created_at", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_TIMESTAMPTZ, .index = 0, .column = 7}},
    {.key = "updated_at", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_TIMESTAMPTZ, .index = 0, .column = 8}},
    {.key = "lines", .kind = RT_MEMBER_ROWS, .step = 1},
    {.key = "history", .kind = RT_MEMBER_ROWS, .step = 2},
};

static const rt_value get_orders_uid_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 9},
};

/* spec/orders.api:62 */
const rt_endpoint api_orders__get_orders_uid = {
    .id = "orders.get_orders_uid",
    .method = "GET",
    .pattern = "/orders/{uid}",
    .summary = "One order with its lines and status history",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = get_orders_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = get_orders_uid_steps,
    .step_count = 3,
    .status = 200,
    .response = get_orders_uid_response,
    .response_count = 10,
    .etag = get_orders_uid_etag,
    .spec_file = "spec/orders.api",
    .spec_line = 62,
};

/* ---- PATCH /orders/{uid}/cancel (spec/orders.api:85) */

/* spec/orders.api:85 */
static const rt_field patch_orders_uid_cancel_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 85},
};

/* spec/orders.api:90 */
static const rt_field patch_orders_uid_cancel_body[] = {
    {.name = "reason", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 1, .max_len = 500, .spec_line = 90},
};

/* spec/orders.api:93: LockOrder(...) */
static const char *const patch_orders_uid_cancel_step0_args_1_unless[] = {"staff", "admin"};

static const rt_value patch_orders_uid_cancel_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID,
     .unless_roles = patch_orders_uid_cancel_step0_args_1_unless, .unless_role_count = 2,
     .otherwise = NULL},
};

/* spec/orders.api:94 */
static const rt_outcome_map patch_orders_uid_cancel_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/orders.api:95: if_match(...) */
static const rt_value patch_orders_uid_cancel_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 1},
};

/* spec/orders.api:97: CancelOrder(...) */
static const char *const patch_orders_uid_cancel_step2_args_2_unless[] = {"staff", "admin"};

static const rt_value patch_orders_uid_cancel_step2_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID,
     .unless_roles = patch_orders_uid_cancel_step2_args_2_unless, .unless_role_count = 2,
     .otherwise = NULL},
};

/* spec/orders.api:99 */
static const rt_outcome_map patch_orders_uid_cancel_step2_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
    {.outcome = RT_OUTCOME_RAISE, .constraint = NULL, .status = 409, .code = "invalid_transition",
     .message = NULL},
};

/* spec/orders.api:103 */
static const rt_member patch_orders_uid_cancel_step3_members[] = {
    {.key = "order", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 3, .column = 0}},
    {.key = "by", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID,
     .index = RT_AUTH_USER_ID}},
};

/* spec/orders.api:93 */
static const rt_step patch_orders_uid_cancel_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 92},
    {.kind = RT_STEP_QUERY, .name = "current", .query = &api_orders__lock_order_query,
     .args = patch_orders_uid_cancel_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_orders_uid_cancel_step0_outcomes, .outcome_count = 1, .spec_line = 93},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = patch_orders_uid_cancel_step1_args,
     .arg_count = 1, .builtin = RT_BUILTIN_IF_MATCH, .else_status = 412,
     .else_code = "precondition_failed",
     .else_message = "The order has changed since you read it (If-Match).", .spec_line = 95},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__cancel_order_query,
     .args = patch_orders_uid_cancel_step2_args, .arg_count = 3, .optional = false,
     .outcomes = patch_orders_uid_cancel_step2_outcomes, .outcome_count = 2, .spec_line = 97},
    {.kind = RT_STEP_COMMIT, .spec_line = 101},
    {.kind = RT_STEP_LOG, .name = "order_cancelled",
     .members = patch_orders_uid_cancel_step3_members, .member_count = 2, .spec_line = 103},
};

/* spec/orders.api:104 */
static const rt_member patch_orders_uid_cancel_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 3, .column = 0}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order cancelled"}},
};

static const rt_value patch_orders_uid_cancel_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 3, .column = 2},
};

/* spec/orders.api:85 */
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
    .body_fields = patch_orders_uid_cancel_body,
    .body_field_count = 1,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_cancel_steps,
    .step_count = 6,
    .status = 200,
    .response = patch_orders_uid_cancel_response,
    .response_count = 2,
    .etag = patch_orders_uid_cancel_etag,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 85,
};

/* ---- PATCH /orders/{uid}/confirm (spec/orders.api:111) */

static const char *const patch_orders_uid_confirm_roles[] = {"staff", "admin"};

/* spec/orders.api:111 */
static const rt_field patch_orders_uid_confirm_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 111},
};

/* spec/orders.api:116: LockOrder(...) */
static const rt_value patch_orders_uid_confirm_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_NULL, .type = RT_TYPE_TEXT},
};

/* spec/orders.api:117 */
static const rt_outcome_map patch_orders_uid_confirm_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/orders.api:118: if_match(...) */
static const rt_value patch_orders_uid_confirm_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 1},
};

/* spec/orders.api:120: ConfirmOrder(...) */
static const rt_value patch_orders_uid_confirm_step2_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/orders.api:121 */
static const rt_outcome_map patch_orders_uid_confirm_step2_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
    {.outcome = RT_OUTCOME_RAISE, .constraint = "insufficient_stock", .status = 409,
     .code = "insufficient_stock", .message = NULL},
    {.outcome = RT_OUTCOME_RAISE, .constraint = NULL, .status = 409, .code = "invalid_transition",
     .message = NULL},
};

/* spec/orders.api:116 */
static const rt_step patch_orders_uid_confirm_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 115},
    {.kind = RT_STEP_QUERY, .name = "current", .query = &api_orders__lock_order_query,
     .args = patch_orders_uid_confirm_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_orders_uid_confirm_step0_outcomes, .outcome_count = 1, .spec_line = 116},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = patch_orders_uid_confirm_step1_args,
     .arg_count = 1, .builtin = RT_BUILTIN_IF_MATCH, .else_status = 412,
     .else_code = "precondition_failed",
     .else_message = "The order has changed since you read it (If-Match).", .spec_line = 118},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__confirm_order_query,
     .args = patch_orders_uid_confirm_step2_args, .arg_count = 1, .optional = false,
     .outcomes = patch_orders_uid_confirm_step2_outcomes, .outcome_count = 3, .spec_line = 120},
    {.kind = RT_STEP_COMMIT, .spec_line = 124},
};

/* spec/orders.api:126 */
static const rt_member patch_orders_uid_confirm_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 3, .column = 0}},
    {.key = "status", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_ENUM, .index = 3, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order confirmed"}},
};

static const rt_value patch_orders_uid_confirm_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 3, .column = 2},
};

/* spec/orders.api:111 */
const rt_endpoint api_orders__patch_orders_uid_confirm = {
    .id = "orders.patch_orders_uid_confirm",
    .method = "PATCH",
    .pattern = "/orders/{uid}/confirm",
    .summary = "Confirm an order: its catalog lines leave stock",
    .auth = RT_AUTH_ROLES,
    .roles = patch_orders_uid_confirm_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_orders_uid_confirm_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_confirm_steps,
    .step_count = 5,
    .status = 200,
    .response = patch_orders_uid_confirm_response,
    .response_count = 3,
    .etag = patch_orders_uid_confirm_etag,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 111,
};

/* ---- PATCH /orders/{uid}/ship (spec/orders.api:129) */

static const char *const patch_orders_uid_ship_roles[] = {"staff", "admin"};

/* spec/orders.api:129 */
static const rt_field patch_orders_uid_ship_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 129},
};

/* spec/orders.api:134: LockOrder(...) */
static const rt_value patch_orders_uid_ship_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_NULL, .type = RT_TYPE_TEXT},
};

/* spec/orders.api:135 */
static const rt_outcome_map patch_orders_uid_ship_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/orders.api:136: if_match(...) */
static const rt_value patch_orders_uid_ship_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 1},
};

/* spec/orders.api:138: ShipOrder(...) */
static const rt_value patch_orders_uid_ship_step2_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/orders.api:139 */
static const rt_outcome_map patch_orders_uid_ship_step2_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
    {.outcome = RT_OUTCOME_RAISE, .constraint = NULL, .status = 409, .code = "invalid_transition",
     .message = NULL},
};

/* spec/orders.api:134 */
static const rt_step patch_orders_uid_ship_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 133},
    {.kind = RT_STEP_QUERY, .name = "current", .query = &api_orders__lock_order_query,
     .args = patch_orders_uid_ship_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_orders_uid_ship_step0_outcomes, .outcome_count = 1, .spec_line = 134},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = patch_orders_uid_ship_step1_args, .arg_count = 1,
     .builtin = RT_BUILTIN_IF_MATCH, .else_status = 412, .else_code = "precondition_failed",
     .else_message = "The order has changed since you read it (If-Match).", .spec_line = 136},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__ship_order_query,
     .args = patch_orders_uid_ship_step2_args, .arg_count = 1, .optional = false,
     .outcomes = patch_orders_uid_ship_step2_outcomes, .outcome_count = 2, .spec_line = 138},
    {.kind = RT_STEP_COMMIT, .spec_line = 141},
};

/* spec/orders.api:143 */
static const rt_member patch_orders_uid_ship_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 3, .column = 0}},
    {.key = "status", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_ENUM, .index = 3, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order shipped"}},
};

static const rt_value patch_orders_uid_ship_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 3, .column = 2},
};

/* spec/orders.api:129 */
const rt_endpoint api_orders__patch_orders_uid_ship = {
    .id = "orders.patch_orders_uid_ship",
    .method = "PATCH",
    .pattern = "/orders/{uid}/ship",
    .summary = "Ship a confirmed order",
    .auth = RT_AUTH_ROLES,
    .roles = patch_orders_uid_ship_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_orders_uid_ship_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_ship_steps,
    .step_count = 5,
    .status = 200,
    .response = patch_orders_uid_ship_response,
    .response_count = 3,
    .etag = patch_orders_uid_ship_etag,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 129,
};

/* ---- PATCH /orders/{uid}/deliver (spec/orders.api:146) */

static const char *const patch_orders_uid_deliver_roles[] = {"staff", "admin"};

/* spec/orders.api:146 */
static const rt_field patch_orders_uid_deliver_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 146},
};

/* spec/orders.api:151: LockOrder(...) */
static const rt_value patch_orders_uid_deliver_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_NULL, .type = RT_TYPE_TEXT},
};

/* spec/orders.api:152 */
static const rt_outcome_map patch_orders_uid_deliver_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/orders.api:153: if_match(...) */
static const rt_value patch_orders_uid_deliver_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 1},
};

/* spec/orders.api:155: DeliverOrder(...) */
static const rt_value patch_orders_uid_deliver_step2_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/orders.api:156 */
static const rt_outcome_map patch_orders_uid_deliver_step2_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
    {.outcome = RT_OUTCOME_RAISE, .constraint = NULL, .status = 409, .code = "invalid_transition",
     .message = NULL},
};

/* spec/orders.api:151 */
static const rt_step patch_orders_uid_deliver_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 150},
    {.kind = RT_STEP_QUERY, .name = "current", .query = &api_orders__lock_order_query,
     .args = patch_orders_uid_deliver_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_orders_uid_deliver_step0_outcomes, .outcome_count = 1, .spec_line = 151},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = patch_orders_uid_deliver_step1_args,
     .arg_count = 1, .builtin = RT_BUILTIN_IF_MATCH, .else_status = 412,
     .else_code = "precondition_failed",
     .else_message = "The order has changed since you read it (If-Match).", .spec_line = 153},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_orders__deliver_order_query,
     .args = patch_orders_uid_deliver_step2_args, .arg_count = 1, .optional = false,
     .outcomes = patch_orders_uid_deliver_step2_outcomes, .outcome_count = 2, .spec_line = 155},
    {.kind = RT_STEP_COMMIT, .spec_line = 158},
};

/* spec/orders.api:160 */
static const rt_member patch_orders_uid_deliver_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 3, .column = 0}},
    {.key = "status", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_ENUM, .index = 3, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order delivered"}},
};

static const rt_value patch_orders_uid_deliver_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 3, .column = 2},
};

/* spec/orders.api:146 */
const rt_endpoint api_orders__patch_orders_uid_deliver = {
    .id = "orders.patch_orders_uid_deliver",
    .method = "PATCH",
    .pattern = "/orders/{uid}/deliver",
    .summary = "Mark a shipped order delivered",
    .auth = RT_AUTH_ROLES,
    .roles = patch_orders_uid_deliver_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_orders_uid_deliver_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_deliver_steps,
    .step_count = 5,
    .status = 200,
    .response = patch_orders_uid_deliver_response,
    .response_count = 3,
    .etag = patch_orders_uid_deliver_etag,
    .idempotent = true,
    .spec_file = "spec/orders.api",
    .spec_line = 146,
};
