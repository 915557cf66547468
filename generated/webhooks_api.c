/* generated from spec/webhooks.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- POST /webhooks (spec/webhooks.api:6) */

static const char *const post_webhooks_roles[] = {"admin"};

static const char *const post_webhooks_body_events_items_events_choices[] = {"order.created",
                                                                             "order.status_changed",
                                                                             "product.low_stock",
                                                                             "inventory.adjusted"};

/* spec/webhooks.api:12 */
static const rt_field post_webhooks_body_events_items[] = {
    {.name = "events", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = true,
     .enum_values = post_webhooks_body_events_items_events_choices, .enum_count = 4,
     .spec_line = 12},
};

/* spec/webhooks.api:11 */
static const rt_field post_webhooks_body[] = {
    {.name = "url", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 2000, .spec_line = 11},
    {.name = "events", .kind = RT_FIELD_ARRAY, .type = RT_TYPE_JSON, .required = true,
     .has_len = true, .min_len = 1, .max_len = 4, .item_fields = post_webhooks_body_events_items,
     .item_field_count = 1, .item_scalar = true, .unique_items = true, .spec_line = 12},
    {.name = "active", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .default_value = "true", .spec_line = 14},
};

/* spec/webhooks.api:16: webhook_target_allowed(...) */
static const rt_value post_webhooks_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/webhooks.api:18: CreateWebhook(...) */
static const rt_value post_webhooks_step1_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_JSON, .index = 1},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_BOOL, .index = 2},
};

/* spec/webhooks.api:19 */
static const rt_outcome_map post_webhooks_step1_outcomes[] = {
    {.outcome = RT_OUTCOME_CHECK_VIOLATION, .constraint = "webhook_subscriptions_url_check",
     .status = 400, .code = "invalid_webhook_url",
     .message = "The URL must be http(s) on a public address."},
};

/* spec/webhooks.api:16 */
static const rt_step post_webhooks_steps[] = {
    {.kind = RT_STEP_CHECK, .name = NULL, .args = post_webhooks_step0_args, .arg_count = 1,
     .builtin = RT_BUILTIN_WEBHOOK_TARGET_ALLOWED, .else_status = 400,
     .else_code = "invalid_webhook_url",
     .else_message = "The URL must be http(s) on a public address.", .spec_line = 16},
    {.kind = RT_STEP_QUERY, .name = "webhook", .query = &api_webhooks__create_webhook_query,
     .args = post_webhooks_step1_args, .arg_count = 3, .optional = false,
     .outcomes = post_webhooks_step1_outcomes, .outcome_count = 1, .spec_line = 18},
};

/* spec/webhooks.api:21 */
static const rt_member post_webhooks_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 1},
};

static const rt_value post_webhooks_location[] = {
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "/webhooks/"},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 0},
};

/* spec/webhooks.api:6 */
const rt_endpoint api_webhooks__post_webhooks = {
    .id = "webhooks.post_webhooks",
    .method = "POST",
    .pattern = "/webhooks",
    .summary = "Subscribe a URL to events (the secret is shown once)",
    .auth = RT_AUTH_ROLES,
    .roles = post_webhooks_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_webhooks_body,
    .body_field_count = 3,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_webhooks_steps,
    .step_count = 2,
    .status = 201,
    .response = post_webhooks_response,
    .response_count = 1,
    .location = post_webhooks_location,
    .location_count = 2,
    .idempotent = true,
    .spec_file = "spec/webhooks.api",
    .spec_line = 6,
};

/* ---- GET /webhooks (spec/webhooks.api:24) */

static const char *const get_webhooks_roles[] = {"admin"};

/* spec/webhooks.api:29 */
static const rt_field get_webhooks_query[] = {
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 29},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 29},
};

/* spec/webhooks.api:28: ListWebhooks(...) */
static const rt_value get_webhooks_step0_args[] = {
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/webhooks.api:28 */
static const rt_step get_webhooks_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "webhooks", .query = &api_webhooks__list_webhooks_query,
     .args = get_webhooks_step0_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 28},
};

/* spec/webhooks.api:29 */
static const rt_member get_webhooks_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 0},
};

/* spec/webhooks.api:24 */
const rt_endpoint api_webhooks__get_webhooks = {
    .id = "webhooks.get_webhooks",
    .method = "GET",
    .pattern = "/webhooks",
    .summary = "List webhook subscriptions, newest first",
    .auth = RT_AUTH_ROLES,
    .roles = get_webhooks_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_webhooks_query,
    .query_field_count = 2,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 0,
    .page_size_field = 1,
    .cursor_field = -1,
    .steps = get_webhooks_steps,
    .step_count = 1,
    .status = 200,
    .response = get_webhooks_response,
    .response_count = 1,
    .spec_file = "spec/webhooks.api",
    .spec_line = 24,
};

/* ---- GET /webhooks/{uid} (spec/webhooks.api:32) */

static const char *const get_webhooks_uid_roles[] = {"admin"};

/* spec/webhooks.api:32 */
static const rt_field get_webhooks_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 32},
};

/* spec/webhooks.api:36: GetWebhook(...) */
static const rt_value get_webhooks_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/webhooks.api:37 */
static const rt_outcome_map get_webhooks_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Webhook not found"},
};

/* spec/webhooks.api:36 */
static const rt_step get_webhooks_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "webhook", .query = &api_webhooks__get_webhook_query,
     .args = get_webhooks_uid_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_webhooks_uid_step0_outcomes, .outcome_count = 1, .spec_line = 36},
};

/* spec/webhooks.api:38 */
static const rt_member get_webhooks_uid_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/webhooks.api:32 */
const rt_endpoint api_webhooks__get_webhooks_uid = {
    .id = "webhooks.get_webhooks_uid",
    .method = "GET",
    .pattern = "/webhooks/{uid}",
    .summary = "One webhook subscription (without its secret)",
    .auth = RT_AUTH_ROLES,
    .roles = get_webhooks_uid_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = get_webhooks_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = get_webhooks_uid_steps,
    .step_count = 1,
    .status = 200,
    .response = get_webhooks_uid_response,
    .response_count = 1,
    .spec_file = "spec/webhooks.api",
    .spec_line = 32,
};

/* ---- PATCH /webhooks/{uid} (spec/webhooks.api:41) */

static const char *const patch_webhooks_uid_roles[] = {"admin"};

/* spec/webhooks.api:41 */
static const rt_field patch_webhooks_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 41},
};

static const char *const patch_webhooks_uid_body_events_items_events_choices[] = {"order.created",
                                                                                  "order.status_changed",
                                                                                  "product.low_stock",
                                                                                  "inventory.adjusted"};

/* spec/webhooks.api:47 */
static const rt_field patch_webhooks_uid_body_events_items[] = {
    {.name = "events", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = true,
     .enum_values = patch_webhooks_uid_body_events_items_events_choices, .enum_count = 4,
     .spec_line = 47},
};

/* spec/webhooks.api:46 */
static const rt_field patch_webhooks_uid_body[] = {
    {.name = "url", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false, .has_len = true,
     .min_len = 1, .max_len = 2000, .spec_line = 46},
    {.name = "events", .kind = RT_FIELD_ARRAY, .type = RT_TYPE_JSON, .required = false,
     .has_len = true, .min_len = 1, .max_len = 4,
     .item_fields = patch_webhooks_uid_body_events_items, .item_field_count = 1,
     .item_scalar = true, .unique_items = true, .spec_line = 47},
    {.name = "active", .kind = RT_FIELD_BOOL, .type = RT_TYPE_BOOL, .required = false,
     .spec_line = 49},
};

/* spec/webhooks.api:51: webhook_target_allowed(...) */
static const rt_value patch_webhooks_uid_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/webhooks.api:53: UpdateWebhook(...) */
static const rt_value patch_webhooks_uid_step1_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_JSON, .index = 1},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_BOOL, .index = 2},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/webhooks.api:55 */
static const rt_outcome_map patch_webhooks_uid_step1_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Webhook not found"},
    {.outcome = RT_OUTCOME_CHECK_VIOLATION, .constraint = "webhook_subscriptions_url_check",
     .status = 400, .code = "invalid_webhook_url",
     .message = "The URL must be http(s) on a public address."},
};

/* spec/webhooks.api:51 */
static const rt_step patch_webhooks_uid_steps[] = {
    {.kind = RT_STEP_CHECK, .name = NULL, .args = patch_webhooks_uid_step0_args, .arg_count = 1,
     .builtin = RT_BUILTIN_WEBHOOK_TARGET_ALLOWED, .else_status = 400,
     .else_code = "invalid_webhook_url",
     .else_message = "The URL must be http(s) on a public address.", .spec_line = 51},
    {.kind = RT_STEP_QUERY, .name = "webhook", .query = &api_webhooks__update_webhook_query,
     .args = patch_webhooks_uid_step1_args, .arg_count = 4, .optional = false,
     .outcomes = patch_webhooks_uid_step1_outcomes, .outcome_count = 2, .spec_line = 53},
};

/* spec/webhooks.api:58 */
static const rt_member patch_webhooks_uid_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 1},
};

/* spec/webhooks.api:41 */
const rt_endpoint api_webhooks__patch_webhooks_uid = {
    .id = "webhooks.patch_webhooks_uid",
    .method = "PATCH",
    .pattern = "/webhooks/{uid}",
    .summary = "Change a subscription's url, events or active flag",
    .auth = RT_AUTH_ROLES,
    .roles = patch_webhooks_uid_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_webhooks_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = patch_webhooks_uid_body,
    .body_field_count = 3,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_webhooks_uid_steps,
    .step_count = 2,
    .status = 200,
    .response = patch_webhooks_uid_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/webhooks.api",
    .spec_line = 41,
};

/* ---- DELETE /webhooks/{uid} (spec/webhooks.api:61) */

static const char *const delete_webhooks_uid_roles[] = {"admin"};

/* spec/webhooks.api:61 */
static const rt_field delete_webhooks_uid_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 61},
};

/* spec/webhooks.api:65: DeleteWebhook(...) */
static const rt_value delete_webhooks_uid_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/webhooks.api:66 */
static const rt_outcome_map delete_webhooks_uid_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Webhook not found"},
};

/* spec/webhooks.api:65 */
static const rt_step delete_webhooks_uid_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "webhook", .query = &api_webhooks__delete_webhook_query,
     .args = delete_webhooks_uid_step0_args, .arg_count = 1, .optional = false,
     .outcomes = delete_webhooks_uid_step0_outcomes, .outcome_count = 1, .spec_line = 65},
};

/* spec/webhooks.api:67 */
static const rt_member delete_webhooks_uid_response[] = {
    {.key = "webhook_id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP,
     .type = RT_TYPE_UUID, .index = 0, .column = 0}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Webhook deleted"}},
};

/* spec/webhooks.api:61 */
const rt_endpoint api_webhooks__delete_webhooks_uid = {
    .id = "webhooks.delete_webhooks_uid",
    .method = "DELETE",
    .pattern = "/webhooks/{uid}",
    .summary = "Delete a subscription (its deliveries stay)",
    .auth = RT_AUTH_ROLES,
    .roles = delete_webhooks_uid_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = delete_webhooks_uid_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = delete_webhooks_uid_steps,
    .step_count = 1,
    .status = 200,
    .response = delete_webhooks_uid_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/webhooks.api",
    .spec_line = 61,
};

/* ---- POST /webhooks/{uid}/rotate-secret (spec/webhooks.api:70) */

static const char *const post_webhooks_uid_rotate_secret_roles[] = {"admin"};

/* spec/webhooks.api:70 */
static const rt_field post_webhooks_uid_rotate_secret_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 70},
};

/* spec/webhooks.api:74: RotateWebhookSecret(...) */
static const rt_value post_webhooks_uid_rotate_secret_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/webhooks.api:75 */
static const rt_outcome_map post_webhooks_uid_rotate_secret_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Webhook not found"},
};

/* spec/webhooks.api:74 */
static const rt_step post_webhooks_uid_rotate_secret_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "webhook", .query = &api_webhooks__rotate_webhook_secret_query,
     .args = post_webhooks_uid_rotate_secret_step0_args, .arg_count = 1, .optional = false,
     .outcomes = post_webhooks_uid_rotate_secret_step0_outcomes, .outcome_count = 1,
     .spec_line = 74},
};

/* spec/webhooks.api:76 */
static const rt_member post_webhooks_uid_rotate_secret_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/webhooks.api:70 */
const rt_endpoint api_webhooks__post_webhooks_uid_rotate_secret = {
    .id = "webhooks.post_webhooks_uid_rotate_secret",
    .method = "POST",
    .pattern = "/webhooks/{uid}/rotate-secret",
    .summary = "A new secret (shown once); the old one stops signing",
    .auth = RT_AUTH_ROLES,
    .roles = post_webhooks_uid_rotate_secret_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = post_webhooks_uid_rotate_secret_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_webhooks_uid_rotate_secret_steps,
    .step_count = 1,
    .status = 200,
    .response = post_webhooks_uid_rotate_secret_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/webhooks.api",
    .spec_line = 70,
};

/* ---- GET /webhooks/{uid}/deliveries (spec/webhooks.api:79) */

static const char *const get_webhooks_uid_deliveries_roles[] = {"admin"};

/* spec/webhooks.api:79 */
static const rt_field get_webhooks_uid_deliveries_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 79},
};

/* spec/webhooks.api:86 */
static const rt_field get_webhooks_uid_deliveries_query[] = {
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 86},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 86},
};

/* spec/webhooks.api:83: FindWebhook(...) */
static const rt_value get_webhooks_uid_deliveries_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/webhooks.api:84 */
static const rt_outcome_map get_webhooks_uid_deliveries_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Webhook not found"},
};

/* spec/webhooks.api:85: ListWebhookDeliveries(...) */
static const rt_value get_webhooks_uid_deliveries_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 0},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/webhooks.api:83 */
static const rt_step get_webhooks_uid_deliveries_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "webhook", .query = &api_webhooks__find_webhook_query,
     .args = get_webhooks_uid_deliveries_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_webhooks_uid_deliveries_step0_outcomes, .outcome_count = 1, .spec_line = 83},
    {.kind = RT_STEP_QUERY, .name = "deliveries",
     .query = &api_webhooks__list_webhook_deliveries_query,
     .args = get_webhooks_uid_deliveries_step1_args, .arg_count = 3, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 85},
};

/* spec/webhooks.api:86 */
static const rt_member get_webhooks_uid_deliveries_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 1},
};

/* spec/webhooks.api:79 */
const rt_endpoint api_webhooks__get_webhooks_uid_deliveries = {
    .id = "webhooks.get_webhooks_uid_deliveries",
    .method = "GET",
    .pattern = "/webhooks/{uid}/deliveries",
    .summary = "A subscription's deliveries, newest first, with every attempt",
    .auth = RT_AUTH_ROLES,
    .roles = get_webhooks_uid_deliveries_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = get_webhooks_uid_deliveries_path,
    .path_field_count = 1,
    .query_fields = get_webhooks_uid_deliveries_query,
    .query_field_count = 2,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 0,
    .page_size_field = 1,
    .cursor_field = -1,
    .steps = get_webhooks_uid_deliveries_steps,
    .step_count = 2,
    .status = 200,
    .response = get_webhooks_uid_deliveries_response,
    .response_count = 1,
    .spec_file = "spec/webhooks.api",
    .spec_line = 79,
};

/* ---- POST /webhooks/{uid}/deliveries/{id}/retry (spec/webhooks.api:89) */

static const char *const post_webhooks_uid_deliveries_id_retry_roles[] = {"admin"};

/* spec/webhooks.api:89 */
static const rt_field post_webhooks_uid_deliveries_id_retry_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 89},
    {.name = "id", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true, .spec_line = 89},
};

/* spec/webhooks.api:94: FindWebhookDelivery(...) */
static const rt_value post_webhooks_uid_deliveries_id_retry_step0_args[] = {
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_INT, .index = 1},
};

/* spec/webhooks.api:95 */
static const rt_outcome_map post_webhooks_uid_deliveries_id_retry_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "Delivery not found"},
};

/* spec/webhooks.api:96: RetryWebhookDelivery(...) */
static const rt_value post_webhooks_uid_deliveries_id_retry_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 0},
};

/* spec/webhooks.api:97 */
static const rt_outcome_map post_webhooks_uid_deliveries_id_retry_step1_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 409, .code = "delivery_pending",
     .message = "The delivery is already on its way."},
};

/* spec/webhooks.api:94 */
static const rt_step post_webhooks_uid_deliveries_id_retry_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 93},
    {.kind = RT_STEP_QUERY, .name = "found", .query = &api_webhooks__find_webhook_delivery_query,
     .args = post_webhooks_uid_deliveries_id_retry_step0_args, .arg_count = 2, .optional = false,
     .outcomes = post_webhooks_uid_deliveries_id_retry_step0_outcomes, .outcome_count = 1,
     .spec_line = 94},
    {.kind = RT_STEP_QUERY, .name = "delivery",
     .query = &api_webhooks__retry_webhook_delivery_query,
     .args = post_webhooks_uid_deliveries_id_retry_step1_args, .arg_count = 1, .optional = false,
     .outcomes = post_webhooks_uid_deliveries_id_retry_step1_outcomes, .outcome_count = 1,
     .spec_line = 96},
    {.kind = RT_STEP_COMMIT, .spec_line = 98},
};

/* spec/webhooks.api:99 */
static const rt_member post_webhooks_uid_deliveries_id_retry_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 2},
};

/* spec/webhooks.api:89 */
const rt_endpoint api_webhooks__post_webhooks_uid_deliveries_id_retry = {
    .id = "webhooks.post_webhooks_uid_deliveries_id_retry",
    .method = "POST",
    .pattern = "/webhooks/{uid}/deliveries/{id}/retry",
    .summary = "Send a dead or delivered delivery again",
    .auth = RT_AUTH_ROLES,
    .roles = post_webhooks_uid_deliveries_id_retry_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = post_webhooks_uid_deliveries_id_retry_path,
    .path_field_count = 2,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_webhooks_uid_deliveries_id_retry_steps,
    .step_count = 4,
    .status = 200,
    .response = post_webhooks_uid_deliveries_id_retry_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/webhooks.api",
    .spec_line = 89,
};
