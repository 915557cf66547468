/* generated from spec/products.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- POST /products (spec/products.api:5) */

static const char *const post_products_roles[] = {"staff", "admin"};

/* spec/products.api:10 */
static const rt_field post_products_body[] = {
    {.name = "sku", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 64, .spec_line = 10},
    {.name = "name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 255, .spec_line = 11},
    {.name = "description", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .nullable = true, .has_len = true, .min_len = 0, .max_len = 5000, .spec_line = 12},
    {.name = "price", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = true,
     .has_range = true, .min = 1, .max = 999999999999, .precision = 12, .scale = 2,
     .spec_line = 13},
    {.name = "stock", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 0, .max = 1000000, .default_value = "0", .spec_line = 14},
    {.name = "low_stock_threshold", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 0, .max = 1000000, .default_value = "10", .spec_line = 15},
    {.name = "active", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .default_value = "true", .spec_line = 16},
};

/* spec/products.api:19: CreateProduct(...) */
static const rt_value post_products_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 2},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_NUMERIC, .index = 3},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 5},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_BOOL, .index = 6},
};

/* spec/products.api:22 */
static const rt_outcome_map post_products_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_UNIQUE_VIOLATION, .constraint = "products_sku_key", .status = 409,
     .code = "conflict", .message = "A product with this SKU already exists"},
};

/* spec/products.api:23: RecordInitialStock(...) */
static const rt_value post_products_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 4},
};

/* spec/products.api:24: GetProduct(...) */
static const rt_value post_products_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 1},
};

/* spec/products.api:19 */
static const rt_step post_products_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 18},
    {.kind = RT_STEP_QUERY, .name = "created", .query = &api_products__create_product_query,
     .args = post_products_step0_args, .arg_count = 6, .optional = false,
     .outcomes = post_products_step0_outcomes, .outcome_count = 1, .spec_line = 19},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_products__record_initial_stock_query,
     .args = post_products_step1_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 23},
    {.kind = RT_STEP_QUERY, .name = "product", .query = &api_products__get_product_query,
     .args = post_products_step2_args, .arg_count = 1, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 24},
    {.kind = RT_STEP_COMMIT, .spec_line = 25},
};

/* spec/products.api:26 */
static const rt_member post_products_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 3},
};

static const rt_value post_products_location[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "/products/"},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 3, .column = 0},
};

/* spec/products.api:5 */
const rt_endpoint api_products__post_products = {
    .id = "products.post_products",
    .method = "POST",
    .pattern = "/products",
    .summary = "Create a product",
    .auth = RT_AUTH_ROLES,
    .roles = post_products_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_products_body,
    .body_field_count = 7,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_products_steps,
    .step_count = 5,
    .status = 201,
    .response = post_products_response,
    .response_count = 1,
    .location = post_products_location,
    .location_count = 2,
    .idempotent = true,
    .spec_file = "spec/products.api",
    .spec_line = 5,
};

/* ---- GET /products (spec/products.api:29) */

static const char *const get_products_query_ordering_choices[] = {"name", "-name", "price",
                                                                  "-price", "stock", "-stock",
                                                                  "created_at", "-created_at"};

/* spec/products.api:34 */
static const rt_field get_products_query[] = {
    {.name = "sku", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false, .has_len = true,
     .min_len = 1, .max_len = 64, .spec_line = 34},
    {.name = "q", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false, .has_len = true,
     .min_len = 1, .max_len = 255, .spec_line = 35},
    {.name = "active", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .spec_line = 36},
    {.name = "min_price", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .spec_line = 37},
    {.name = "max_price", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .precision = 12, .scale = 2, .spec_line = 38},
    {.name = "low_stock", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .spec_line = 39},
    {.name = "ordering", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_products_query_ordering_choices, .enum_count = 8, .spec_line = 40},
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 46},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 46},
    {.name = "cursor", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 0, .max_len = 4096, .spec_line = 46},
};

/* spec/products.api:42: ListProducts(...) */
static const rt_value get_products_step0_args[] = {
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_BOOL, .index = 2},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 3},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_NUMERIC, .index = 4},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_BOOL, .index = 5},
    {.kind = RT_VALUE_PAGE_CURSOR_KEY, .type = RT_TYPE_TEXT},
    {.kind = RT_VALUE_PAGE_CURSOR_TIEBREAK, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/products.api:42 */
static const rt_step get_products_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "products", .query = &api_products__list_products_query,
     .args = get_products_step0_args, .arg_count = 10, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .ordering = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 6},
     .spec_line = 42},
};

/* spec/products.api:46 */
static const rt_member get_products_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 0},
};

/* spec/products.api:29 */
const rt_endpoint api_products__get_products = {
    .id = "products.get_products",
    .method = "GET",
    .pattern = "/products",
    .summary = "List products",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_products_query,
    .query_field_count = 10,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 7,
    .page_size_field = 8,
    .cursor_field = 9,
    .steps = get_products_steps,
    .step_count = 1,
    .status = 200,
    .response = get_products_response,
    .response_count = 1,
    .spec_file = "spec/products.api",
    .spec_line = 29,
};

/* ---- GET /products/{uid} (spec/products.api:49) */

/* spec/products.api:49 */
static const rt_field get_products_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 49},
};

/* spec/products.api:53: GetProduct(...) */
static const rt_value get_products_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:54 */
static const rt_outcome_map get_products_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Product not found"},
};

/* spec/products.api:53 */
static const rt_step get_products_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "product", .query = &api_products__get_product_query,
     .args = get_products_uid_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_products_uid_step0_outcomes, .outcome_count = 1, .spec_line = 53},
};

/* spec/products.api:56 */
static const rt_member get_products_uid_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

static const rt_value get_products_uid_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 10},
};

/* spec/products.api:49 */
const rt_endpoint api_products__get_products_uid = {
    .id = "products.get_products_uid",
    .method = "GET",
    .pattern = "/products/{uid}",
    .summary = "One product",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = get_products_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = get_products_uid_steps,
    .step_count = 1,
    .status = 200,
    .response = get_products_uid_response,
    .response_count = 1,
    .etag = get_products_uid_etag,
    .spec_file = "spec/products.api",
    .spec_line = 49,
};

/* ---- PATCH /products/{uid} (spec/products.api:59) */

static const char *const patch_products_uid_roles[] = {"staff", "admin"};

/* spec/products.api:59 */
static const rt_field patch_products_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 59},
};

/* spec/products.api:66 */
static const rt_field patch_products_uid_body[] = {
    {.name = "sku", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false, .has_len = true,
     .min_len = 1, .max_len = 64, .spec_line = 66},
    {.name = "name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 1, .max_len = 255, .spec_line = 67},
    {.name = "description", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .nullable = true, .has_len = true, .min_len = 0, .max_len = 5000, .spec_line = 68},
    {.name = "price", .kind = RT_FIELD_DECIMAL, .type = RT_TYPE_NUMERIC, .required = false,
     .has_range = true, .min = 1, .max = 999999999999, .precision = 12, .scale = 2,
     .spec_line = 69},
    {.name = "low_stock_threshold", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 0, .max = 1000000, .spec_line = 70},
    {.name = "active", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .spec_line = 71},
};

/* spec/products.api:76: LockProduct(...) */
static const rt_value patch_products_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:77 */
static const rt_outcome_map patch_products_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Product not found"},
};

/* spec/products.api:78: if_match(...) */
static const rt_value patch_products_uid_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 1},
};

/* spec/products.api:80: UpdateProduct(...) */
static const rt_value patch_products_uid_step2_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_BODY_PRESENT, .type = RT_TYPE_BOOL, .index = 2},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 2},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_NUMERIC, .index = 3},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 4},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_BOOL, .index = 5},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:84 */
static const rt_outcome_map patch_products_uid_step2_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Product not found"},
    {.outcome = RT_OUTCOME_UNIQUE_VIOLATION, .constraint = "products_sku_key", .status = 409,
     .code = "conflict", .message = "A product with this SKU already exists"},
};

/* spec/products.api:76 */
static const rt_step patch_products_uid_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 75},
    {.kind = RT_STEP_QUERY, .name = "current", .query = &api_products__lock_product_query,
     .args = patch_products_uid_step0_args, .arg_count = 1, .optional = false,
     .outcomes = patch_products_uid_step0_outcomes, .outcome_count = 1, .spec_line = 76},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = patch_products_uid_step1_args, .arg_count = 1,
     .builtin = RT_BUILTIN_IF_MATCH, .else_status = 412, .else_code = "precondition_failed",
     .else_message = "The product has changed since you read it (If-Match).", .spec_line = 78},
    {.kind = RT_STEP_QUERY, .name = "product", .query = &api_products__update_product_query,
     .args = patch_products_uid_step2_args, .arg_count = 8, .optional = false,
     .outcomes = patch_products_uid_step2_outcomes, .outcome_count = 2, .spec_line = 80},
    {.kind = RT_STEP_COMMIT, .spec_line = 86},
};

/* spec/products.api:88 */
static const rt_member patch_products_uid_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 3},
};

static const rt_value patch_products_uid_etag[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 3, .column = 10},
};

/* spec/products.api:59 */
const rt_endpoint api_products__patch_products_uid = {
    .id = "products.patch_products_uid",
    .method = "PATCH",
    .pattern = "/products/{uid}",
    .summary = "Change some of a product's fields",
    .auth = RT_AUTH_ROLES,
    .roles = patch_products_uid_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_products_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = patch_products_uid_body,
    .body_field_count = 6,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_products_uid_steps,
    .step_count = 5,
    .status = 200,
    .response = patch_products_uid_response,
    .response_count = 1,
    .etag = patch_products_uid_etag,
    .idempotent = true,
    .spec_file = "spec/products.api",
    .spec_line = 59,
};

/* ---- POST /products/{uid}/stock (spec/products.api:91) */

static const char *const post_products_uid_stock_roles[] = {"staff", "admin"};

/* spec/products.api:91 */
static const rt_field post_products_uid_stock_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 91},
};

static const char *const post_products_uid_stock_body_reason_choices[] = {"adjustment"};

/* spec/products.api:96 */
static const rt_field post_products_uid_stock_body[] = {
    {.name = "delta", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .has_range = true, .min = -1000000, .max = 1000000, .spec_line = 96},
    {.name = "reason", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = post_products_uid_stock_body_reason_choices, .enum_count = 1,
     .default_value = "adjustment", .spec_line = 97},
};

/* spec/products.api:100: AddStockMovement(...) */
static const rt_value post_products_uid_stock_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:101 */
static const rt_outcome_map post_products_uid_stock_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Product not found"},
    {.outcome = RT_OUTCOME_CHECK_VIOLATION, .constraint = "products_stock_check", .status = 409,
     .code = "insufficient_stock", .message = "Insufficient stock"},
    {.outcome = RT_OUTCOME_CHECK_VIOLATION, .constraint = "inventory_movements_delta_check",
     .status = 400, .code = "bad_request", .message = "delta must not be 0"},
};

/* spec/products.api:104: GetProduct(...) */
static const rt_value post_products_uid_stock_step1_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:100 */
static const rt_step post_products_uid_stock_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 99},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_products__add_stock_movement_query,
     .args = post_products_uid_stock_step0_args, .arg_count = 3, .optional = false,
     .outcomes = post_products_uid_stock_step0_outcomes, .outcome_count = 3, .spec_line = 100},
    {.kind = RT_STEP_QUERY, .name = "product", .query = &api_products__get_product_query,
     .args = post_products_uid_stock_step1_args, .arg_count = 1, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 104},
    {.kind = RT_STEP_COMMIT, .spec_line = 105},
};

/* spec/products.api:106 */
static const rt_member post_products_uid_stock_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 2},
};

/* spec/products.api:91 */
const rt_endpoint api_products__post_products_uid_stock = {
    .id = "products.post_products_uid_stock",
    .method = "POST",
    .pattern = "/products/{uid}/stock",
    .summary = "Adjust a product's stock by hand",
    .auth = RT_AUTH_ROLES,
    .roles = post_products_uid_stock_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = post_products_uid_stock_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_products_uid_stock_body,
    .body_field_count = 2,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_products_uid_stock_steps,
    .step_count = 4,
    .status = 200,
    .response = post_products_uid_stock_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/products.api",
    .spec_line = 91,
};

/* ---- GET /products/{uid}/movements (spec/products.api:109) */

static const char *const get_products_uid_movements_roles[] = {"staff", "admin"};

/* spec/products.api:109 */
static const rt_field get_products_uid_movements_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 109},
};

/* spec/products.api:116 */
static const rt_field get_products_uid_movements_query[] = {
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 116},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 116},
};

/* spec/products.api:113: FindProduct(...) */
static const rt_value get_products_uid_movements_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:114 */
static const rt_outcome_map get_products_uid_movements_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Product not found"},
};

/* spec/products.api:115: ListStockMovements(...) */
static const rt_value get_products_uid_movements_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 0},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/products.api:113 */
static const rt_step get_products_uid_movements_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "product", .query = &api_products__find_product_query,
     .args = get_products_uid_movements_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_products_uid_movements_step0_outcomes, .outcome_count = 1, .spec_line = 113},
    {.kind = RT_STEP_QUERY, .name = "movements", .query = &api_products__list_stock_movements_query,
     .args = get_products_uid_movements_step1_args, .arg_count = 3, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 115},
};

/* spec/products.api:116 */
static const rt_member get_products_uid_movements_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 1},
};

/* spec/products.api:109 */
const rt_endpoint api_products__get_products_uid_movements = {
    .id = "products.get_products_uid_movements",
    .method = "GET",
    .pattern = "/products/{uid}/movements",
    .summary = "A product's stock movements, newest first",
    .auth = RT_AUTH_ROLES,
    .roles = get_products_uid_movements_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = get_products_uid_movements_path,
    .path_field_count = 1,
    .query_fields = get_products_uid_movements_query,
    .query_field_count = 2,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 0,
    .page_size_field = 1,
    .cursor_field = -1,
    .steps = get_products_uid_movements_steps,
    .step_count = 2,
    .status = 200,
    .response = get_products_uid_movements_response,
    .response_count = 1,
    .spec_file = "spec/products.api",
    .spec_line = 109,
};

/* ---- DELETE /products/{uid} (spec/products.api:119) */

static const char *const delete_products_uid_roles[] = {"staff", "admin"};

/* spec/products.api:119 */
static const rt_field delete_products_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 119},
};

/* spec/products.api:123: DeleteProduct(...) */
static const rt_value delete_products_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/products.api:124 */
static const rt_outcome_map delete_products_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Product not found"},
};

/* spec/products.api:123 */
static const rt_step delete_products_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "product", .query = &api_products__delete_product_query,
     .args = delete_products_uid_step0_args, .arg_count = 1, .optional = false,
     .outcomes = delete_products_uid_step0_outcomes, .outcome_count = 1, .spec_line = 123},
};

/* spec/products.api:125 */
static const rt_member delete_products_uid_response[] = {
    {.key = "product_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 0, .column = 0}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Product deleted"}},
};

/* spec/products.api:119 */
const rt_endpoint api_products__delete_products_uid = {
    .id = "products.delete_products_uid",
    .method = "DELETE",
    .pattern = "/products/{uid}",
    .summary = "Delete a product (soft: its ledger stays)",
    .auth = RT_AUTH_ROLES,
    .roles = delete_products_uid_roles,
    .role_count = 2,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = delete_products_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = delete_products_uid_steps,
    .step_count = 1,
    .status = 200,
    .response = delete_products_uid_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/products.api",
    .spec_line = 119,
};
