/* generated from spec/shop.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- POST /orders (spec/shop.api:3) */

/* spec/shop.api:14 */
static const rt_field post_orders_body_lines_items[] = {
    {.name = "product_id", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = 1, .max = INT64_MAX, .spec_line = 14},
    {.name = "quantity", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = 1, .max = 10000, .spec_line = 15},
};

/* spec/shop.api:7 */
static const rt_field post_orders_body[] = {
    {.name = "amount", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = true,
     .has_range = true, .min = 1, .max = 999999999999, .precision = 12, .scale = 2, .spec_line = 7},
    {.name = "note", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 0, .max_len = 500, .spec_line = 8},
    {.name = "gift", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .default_value = "false", .spec_line = 9},
    {.name = "product_id", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = 1, .max = INT64_MAX, .alternative = 1, .spec_line = 11},
    {.name = "lines", .kind = RT_FIELD_ARRAY, .type = RT_TYPE_JSON, .required = true,
     .has_len = true, .min_len = 1, .max_len = 50, .item_fields = post_orders_body_lines_items,
     .item_field_count = 2, .alternative = 2, .spec_line = 13},
};

/* spec/shop.api:20: CreateOrder(...) */
static const rt_value post_orders_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_NUMERIC, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
};

/* spec/shop.api:21 */
static const rt_outcome_map post_orders_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "user_not_found",
     .message = "User not found"},
    {.outcome = RT_OUTCOME_CHECK_VIOLATION, .constraint = "orders_amount_positive", .status = 409,
     .code = "conflict", .message = "Amount must be positive"},
};

/* spec/shop.api:23: AddLine(...) */
static const rt_value post_orders_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 3},
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_INT, .literal = "2"},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_BOOL, .index = 2},
};

/* spec/shop.api:24 */
static const rt_outcome_map post_orders_step1_outcomes[] = {
    {.outcome = RT_OUTCOME_FOREIGN_KEY_VIOLATION, .constraint = NULL, .status = 409,
     .code = "conflict", .message = "Unknown product"},
};

/* spec/shop.api:25: AddLines(...) */
static const rt_value post_orders_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_BOOL, .index = 2},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_JSON, .index = 4},
};

/* spec/shop.api:26 */
static const rt_outcome_map post_orders_step2_outcomes[] = {
    {.outcome = RT_OUTCOME_RAISE, .constraint = "unknown_product", .status = 400,
     .code = "unknown_product", .message = NULL, .fields_from_detail = true},
};

/* spec/shop.api:20 */
static const rt_step post_orders_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 19},
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_shop__create_order_query,
     .args = post_orders_step0_args, .arg_count = 3, .optional = false,
     .outcomes = post_orders_step0_outcomes, .outcome_count = 2, .spec_line = 20},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_shop__add_line_query,
     .args = post_orders_step1_args, .arg_count = 4, .optional = false,
     .outcomes = post_orders_step1_outcomes, .outcome_count = 1, .spec_line = 23},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_shop__add_lines_query,
     .args = post_orders_step2_args, .arg_count = 3, .optional = false,
     .outcomes = post_orders_step2_outcomes, .outcome_count = 1, .spec_line = 25},
    {.kind = RT_STEP_COMMIT, .spec_line = 27},
};

/* spec/shop.api:28 */
static const rt_member post_orders_response[] = {
    {.key = "order_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 1, .column = 0}},
    {.key = "status", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_ENUM, .index = 1, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Order created"}},
};

static const rt_value post_orders_location[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "/orders/"},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 0},
};

/* spec/shop.api:3 */
const rt_endpoint api_shop__post_orders = {
    .id = "shop.post_orders",
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
    .body_field_count = 5,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_orders_steps,
    .step_count = 5,
    .status = 201,
    .response = post_orders_response,
    .response_count = 3,
    .location = post_orders_location,
    .location_count = 2,
    .idempotent = true,
    .spec_file = "spec/shop.api",
    .spec_line = 3,
};

/* ---- PATCH /orders/{uid} (spec/shop.api:32) */

static const char *const patch_orders_uid_roles[] = {"staff", "admin"};

/* spec/shop.api:32 */
static const rt_field patch_orders_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 32},
};

/* spec/shop.api:35 */
static const rt_field patch_orders_uid_body[] = {
    {.name = "note", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .nullable = true, .has_len = true, .min_len = 0, .max_len = 500, .spec_line = 35},
};

/* spec/shop.api:37: SetNote(...) */
static const rt_value patch_orders_uid_step0_args[] = {
    {.kind = RT_VALUE_BODY_PRESENT, .type = RT_TYPE_BOOL, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/shop.api:38 */
static const rt_outcome_map patch_orders_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/shop.api:37 */
static const rt_step patch_orders_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_shop__set_note_query,
     .args = patch_orders_uid_step0_args, .arg_count = 3, .optional = false,
     .outcomes = patch_orders_uid_step0_outcomes, .outcome_count = 1, .spec_line = 37},
};

/* spec/shop.api:39 */
static const rt_member patch_orders_uid_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/shop.api:32 */
const rt_endpoint api_shop__patch_orders_uid = {
    .id = "shop.patch_orders_uid",
    .method = "PATCH",
    .pattern = "/orders/{uid}",
    .summary = "Change or clear an order's note",
    .auth = RT_AUTH_ROLES,
    .roles = patch_orders_uid_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_orders_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = patch_orders_uid_body,
    .body_field_count = 1,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_steps,
    .step_count = 1,
    .status = 200,
    .response = patch_orders_uid_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/shop.api",
    .spec_line = 32,
};

/* ---- GET /orders/{uid} (spec/shop.api:42) */

/* spec/shop.api:42 */
static const rt_field get_orders_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 42},
};

/* spec/shop.api:43: GetOrder(...) */
static const rt_value get_orders_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/shop.api:44 */
static const rt_outcome_map get_orders_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/shop.api:45: ListLines(...) */
static const rt_value get_orders_uid_step1_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/shop.api:43 */
static const rt_step get_orders_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_shop__get_order_query,
     .args = get_orders_uid_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_orders_uid_step0_outcomes, .outcome_count = 1, .spec_line = 43},
    {.kind = RT_STEP_QUERY, .name = "lines", .query = &api_shop__list_lines_query,
     .args = get_orders_uid_step1_args, .arg_count = 1, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 45},
};

/* spec/shop.api:46 */
static const rt_member get_orders_uid_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
    {.key = "lines", .kind = RT_MEMBER_ROWS, .step = 1},
};

/* spec/shop.api:42 */
const rt_endpoint api_shop__get_orders_uid = {
    .id = "shop.get_orders_uid",
    .method = "GET",
    .pattern = "/orders/{uid}",
    .summary = "An order with its lines",
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
    .step_count = 2,
    .status = 200,
    .response = get_orders_uid_response,
    .response_count = 2,
    .spec_file = "spec/shop.api",
    .spec_line = 42,
};

/* ---- GET /products (spec/shop.api:49) */

static const char *const get_products_query_sort_choices[] = {"sku", "-sku"};

/* spec/shop.api:53 */
static const rt_field get_products_query[] = {
    {.name = "search", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 1, .max_len = 100, .default_value = "%", .spec_line = 53},
    {.name = "min_stock", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 0, .max = INT64_MAX, .default_value = "0", .spec_line = 54},
    {.name = "min_price", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .default_value = "0.00", .spec_line = 55},
    {.name = "max_price", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .has_range = true, .min = 0, .max = 9999950, .precision = 12, .scale = 2, .spec_line = 56},
    {.name = "sort", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_products_query_sort_choices, .enum_count = 2, .default_value = "sku",
     .spec_line = 57},
    {.name = "max_rows", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "20", .spec_line = 58},
};

/* spec/shop.api:60: rules between fields */
static const rt_rule get_products_rules[] = {
    {.left = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 2},
     .compare = RT_COMPARE_LE,
     .right = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 3}, .field = "min_price",
     .message = "Ensure this value is not above max_price."},
};

/* spec/shop.api:61: SearchProducts(...) */
static const rt_value get_products_step0_args[] = {
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_INT, .index = 1},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 2},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 3},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_INT, .index = 5},
};

/* spec/shop.api:61 */
static const rt_step get_products_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "products", .query = &api_shop__search_products_query,
     .args = get_products_step0_args, .arg_count = 5, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 61},
};

/* spec/shop.api:64 */
static const rt_member get_products_response[] = {
    {.key = "products", .kind = RT_MEMBER_ROWS, .step = 0},
    {.key = "sort", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT,
     .index = 4}},
};

/* spec/shop.api:49 */
const rt_endpoint api_shop__get_products = {
    .id = "shop.get_products",
    .method = "GET",
    .pattern = "/products",
    .summary = "Search products",
    .auth = RT_AUTH_PUBLIC,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_NONE,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_products_query,
    .query_field_count = 6,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .rules = get_products_rules,
    .rule_count = 1,
    .steps = get_products_steps,
    .step_count = 1,
    .status = 200,
    .response = get_products_response,
    .response_count = 2,
    .spec_file = "spec/shop.api",
    .spec_line = 49,
};

/* ---- PATCH /orders/{uid}/status (spec/shop.api:67) */

static const char *const patch_orders_uid_status_roles[] = {"staff", "admin"};

/* spec/shop.api:67 */
static const rt_field patch_orders_uid_status_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 67},
};

/* labels of enum order_status, in declaration order */
static const char *const enum_order_status_labels[] = {"pending", "confirmed", "cancelled"};

/* spec/shop.api:70 */
static const rt_field patch_orders_uid_status_body[] = {
    {.name = "status", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = true,
     .enum_values = enum_order_status_labels, .enum_count = 3, .spec_line = 70},
};

/* spec/shop.api:72: SetStatus(...) */
static const rt_value patch_orders_uid_status_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_ENUM, .index = 0},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/shop.api:73 */
static const rt_outcome_map patch_orders_uid_status_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Order not found"},
};

/* spec/shop.api:72 */
static const rt_step patch_orders_uid_status_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "order", .query = &api_shop__set_status_query,
     .args = patch_orders_uid_status_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_orders_uid_status_step0_outcomes, .outcome_count = 1, .spec_line = 72},
};

/* spec/shop.api:74 */
static const rt_member patch_orders_uid_status_response[] = {
    {.key = "order", .kind = RT_MEMBER_ROW, .step = 0},
    {.key = "by", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_AUTH, .type = RT_TYPE_ENUM,
     .index = RT_AUTH_ROLE}},
};

/* spec/shop.api:67 */
const rt_endpoint api_shop__patch_orders_uid_status = {
    .id = "shop.patch_orders_uid_status",
    .method = "PATCH",
    .pattern = "/orders/{uid}/status",
    .summary = "Change an order's status",
    .auth = RT_AUTH_ROLES,
    .roles = patch_orders_uid_status_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_orders_uid_status_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = patch_orders_uid_status_body,
    .body_field_count = 1,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_orders_uid_status_steps,
    .step_count = 1,
    .status = 200,
    .response = patch_orders_uid_status_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/shop.api",
    .spec_line = 67,
};

/* ---- DELETE /orders/{uid} (spec/shop.api:77) */

static const char *const delete_orders_uid_roles[] = {"admin"};

/* spec/shop.api:77 */
static const rt_field delete_orders_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 77},
};

/* spec/shop.api:80: GetOrder(...) */
static const rt_value delete_orders_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/shop.api:81: DeleteOrder(...) */
static const rt_value delete_orders_uid_step1_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/shop.api:80 */
static const rt_step delete_orders_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "current", .query = &api_shop__get_order_query,
     .args = delete_orders_uid_step0_args, .arg_count = 1, .optional = true, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 80},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_shop__delete_order_query,
     .args = delete_orders_uid_step1_args, .arg_count = 1, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 81},
};

/* spec/shop.api:82 */
static const rt_member delete_orders_uid_response[] = {
    {.key = "deleted", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 0, .column = 0}},
};

/* spec/shop.api:77 */
const rt_endpoint api_shop__delete_orders_uid = {
    .id = "shop.delete_orders_uid",
    .method = "DELETE",
    .pattern = "/orders/{uid}",
    .summary = "Delete a pending order",
    .auth = RT_AUTH_ROLES,
    .roles = delete_orders_uid_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = delete_orders_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = delete_orders_uid_steps,
    .step_count = 2,
    .status = 204,
    .response = delete_orders_uid_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/shop.api",
    .spec_line = 77,
};

/* ---- POST /orders/count (spec/shop.api:85) */

static const char *const post_orders_count_roles[] = {"staff", "admin"};

/* spec/shop.api:88 */
static const rt_field post_orders_count_body_statuses_items[] = {
    {.name = "statuses", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = true,
     .enum_values = enum_order_status_labels, .enum_count = 3, .spec_line = 88},
};

/* spec/shop.api:89 */
static const rt_field post_orders_count_body_skus_items[] = {
    {.name = "skus", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 64, .spec_line = 89},
};

/* spec/shop.api:88 */
static const rt_field post_orders_count_body[] = {
    {.name = "statuses", .kind = RT_FIELD_ARRAY, .type = RT_TYPE_JSON, .required = true,
     .has_len = true, .min_len = 1, .max_len = 3,
     .item_fields = post_orders_count_body_statuses_items, .item_field_count = 1,
     .item_scalar = true, .unique_items = true, .spec_line = 88},
    {.name = "skus", .kind = RT_FIELD_ARRAY, .type = RT_TYPE_JSON, .required = false,
     .has_len = true, .min_len = 0, .max_len = 10, .item_fields = post_orders_count_body_skus_items,
     .item_field_count = 1, .item_scalar = true, .spec_line = 89},
};

/* spec/shop.api:91: CountOrders(...) */
static const rt_value post_orders_count_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_JSON, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_JSON, .index = 1},
};

/* spec/shop.api:91 */
static const rt_step post_orders_count_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "counted", .query = &api_shop__count_orders_query,
     .args = post_orders_count_step0_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 91},
};

/* spec/shop.api:92 */
static const rt_member post_orders_count_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/shop.api:85 */
const rt_endpoint api_shop__post_orders_count = {
    .id = "shop.post_orders_count",
    .method = "POST",
    .pattern = "/orders/count",
    .summary = "Count the orders in some statuses",
    .auth = RT_AUTH_ROLES,
    .roles = post_orders_count_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_orders_count_body,
    .body_field_count = 2,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_orders_count_steps,
    .step_count = 1,
    .status = 200,
    .response = post_orders_count_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/shop.api",
    .spec_line = 85,
};
