/* generated from spec/users.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- POST /users/register (spec/users.api:4) */

/* spec/users.api:9 */
static const rt_field post_users_register_body[] = {
    {.name = "name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 150, .spec_line = 9},
    {.name = "email", .kind = RT_FIELD_EMAIL, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 3, .max_len = 254, .spec_line = 10},
    {.name = "password", .kind = RT_FIELD_PASSWORD, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 8, .max_len = 72, .spec_line = 11},
};

/* spec/users.api:13: CreateUser(...) */
static const rt_value post_users_register_step0_args_2_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 2},
};

static const rt_value post_users_register_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_CALL, .type = RT_TYPE_TEXT, .index = RT_BUILTIN_HASH_PASSWORD,
     .args = post_users_register_step0_args_2_args, .arg_count = 1},
};

/* spec/users.api:15 */
static const rt_outcome_map post_users_register_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_UNIQUE_VIOLATION, .constraint = NULL, .status = 409, .code = "conflict",
     .message = "Email already registered"},
};

/* spec/users.api:16 */
static const rt_member post_users_register_step1_members[] = {
    {.key = "user", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 0, .column = 1}},
};

/* spec/users.api:13 */
static const rt_step post_users_register_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__create_user_query,
     .args = post_users_register_step0_args, .arg_count = 3, .optional = false,
     .outcomes = post_users_register_step0_outcomes, .outcome_count = 1, .spec_line = 13},
    {.kind = RT_STEP_LOG, .name = "user_registered", .members = post_users_register_step1_members,
     .member_count = 1, .spec_line = 16},
};

/* spec/users.api:17 */
static const rt_member post_users_register_response[] = {
    {.key = "id", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 0, .column = 1}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "User registered"}},
};

/* spec/users.api:4 */
const rt_endpoint api_users__post_users_register = {
    .id = "users.post_users_register",
    .method = "POST",
    .pattern = "/users/register",
    .summary = "Register a customer account",
    .auth = RT_AUTH_PUBLIC,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_IP,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_users_register_body,
    .body_field_count = 3,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_users_register_steps,
    .step_count = 2,
    .hashes_passwords = true,
    .status = 201,
    .response = post_users_register_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 4,
};

/* ---- POST /users/login (spec/users.api:20) */

/* spec/users.api:26 */
static const rt_field post_users_login_body[] = {
    {.name = "email", .kind = RT_FIELD_EMAIL, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 3, .max_len = 254, .spec_line = 26},
    {.name = "password", .kind = RT_FIELD_PASSWORD, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 72, .spec_line = 27},
};

/* spec/users.api:30: FindUserForLogin(...) */
static const rt_value post_users_login_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/users.api:32: password_matches(...) */
static const rt_value post_users_login_step1_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_TEXT, .index = 0, .column = 3},
};

/* spec/users.api:32 */
static const rt_member post_users_login_step1_members[] = {
    {.key = "email", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT,
     .index = 0}},
};

/* spec/users.api:34: StartRefreshFamily(...) */
static const rt_value post_users_login_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 0},
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_JWT_REFRESH_TTL_SECONDS},
};

/* spec/users.api:36 */
static const rt_member post_users_login_step3_members[] = {
    {.key = "user", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 0, .column = 1}},
};

/* spec/users.api:30 */
static const rt_step post_users_login_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__find_user_for_login_query,
     .args = post_users_login_step0_args, .arg_count = 1, .optional = true, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 30},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = post_users_login_step1_args, .arg_count = 2,
     .builtin = RT_BUILTIN_PASSWORD_MATCHES, .else_status = 409, .else_code = "conflict",
     .else_message = "Invalid email or password", .else_event = "login_failed",
     .members = post_users_login_step1_members, .member_count = 1, .spec_line = 32},
    {.kind = RT_STEP_QUERY, .name = "session", .query = &api_users__start_refresh_family_query,
     .args = post_users_login_step2_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 34},
    {.kind = RT_STEP_LOG, .name = "user_logged_in", .members = post_users_login_step3_members,
     .member_count = 1, .spec_line = 36},
};

static const rt_value post_users_login_response_1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM, .index = 0, .column = 2},
};

static const rt_value post_users_login_response_2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM, .index = 0, .column = 2},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 2, .column = 0},
};

/* spec/users.api:37 */
static const rt_member post_users_login_response[] = {
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Login successful"}},
    {.key = "access", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_CALL,
     .type = RT_TYPE_TEXT, .index = RT_BUILTIN_ACCESS_TOKEN,
     .args = post_users_login_response_1_args, .arg_count = 2}},
    {.key = "refresh", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_CALL,
     .type = RT_TYPE_TEXT, .index = RT_BUILTIN_REFRESH_TOKEN,
     .args = post_users_login_response_2_args, .arg_count = 3}},
};

/* spec/users.api:20 */
const rt_endpoint api_users__post_users_login = {
    .id = "users.post_users_login",
    .method = "POST",
    .pattern = "/users/login",
    .summary = "Sign in with email and password",
    .auth = RT_AUTH_PUBLIC,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_IP,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_users_login_body,
    .body_field_count = 2,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_users_login_steps,
    .step_count = 4,
    .hashes_passwords = true,
    .status = 200,
    .response = post_users_login_response,
    .response_count = 3,
    .spec_file = "spec/users.api",
    .spec_line = 20,
};

/* ---- POST /users/token/refresh (spec/users.api:44) */

/* spec/users.api:50 */
static const rt_field post_users_token_refresh_body[] = {
    {.name = "refresh", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 4096, .spec_line = 50},
};

/* spec/users.api:52: refresh_claims(...) */
static const rt_value post_users_token_refresh_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/users.api:56: LockRefreshFamily(...) */
static const rt_value post_users_token_refresh_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
};

/* spec/users.api:57: RotateRefreshToken(...) */
static const rt_value post_users_token_refresh_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 0},
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_JWT_REFRESH_TTL_SECONDS},
};

/* spec/users.api:60: is_false(...) */
static const rt_value post_users_token_refresh_step3_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BOOL, .index = 3, .column = 1},
};

/* spec/users.api:60 */
static const rt_member post_users_token_refresh_step3_members[] = {
    {.key = "user", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 3, .column = 2}},
};

/* spec/users.api:63: is_true(...) */
static const rt_value post_users_token_refresh_step4_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BOOL, .index = 3, .column = 0},
};

/* spec/users.api:52 */
static const rt_step post_users_token_refresh_steps[] = {
    {.kind = RT_STEP_LET, .name = "token", .args = post_users_token_refresh_step0_args,
     .arg_count = 1, .builtin = RT_BUILTIN_REFRESH_CLAIMS, .spec_line = 52},
    {.kind = RT_STEP_BEGIN, .spec_line = 55},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_users__lock_refresh_family_query,
     .args = post_users_token_refresh_step1_args, .arg_count = 1, .optional = true,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 56},
    {.kind = RT_STEP_QUERY, .name = "rotation", .query = &api_users__rotate_refresh_token_query,
     .args = post_users_token_refresh_step2_args, .arg_count = 3, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 57},
    {.kind = RT_STEP_COMMIT, .spec_line = 59},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = post_users_token_refresh_step3_args,
     .arg_count = 1, .builtin = RT_BUILTIN_IS_FALSE, .else_status = 401,
     .else_code = "token_not_valid", .else_message = "Token is invalid or expired",
     .else_event = "refresh_reuse_detected", .members = post_users_token_refresh_step3_members,
     .member_count = 1, .spec_line = 60},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = post_users_token_refresh_step4_args,
     .arg_count = 1, .builtin = RT_BUILTIN_IS_TRUE, .else_status = 401,
     .else_code = "token_not_valid", .else_message = "Token is invalid or expired",
     .spec_line = 63},
};

static const rt_value post_users_token_refresh_response_0_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 3, .column = 2},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM, .index = 3, .column = 3},
};

static const rt_value post_users_token_refresh_response_1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 3, .column = 2},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM, .index = 3, .column = 3},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 3, .column = 4},
};

/* spec/users.api:65 */
static const rt_member post_users_token_refresh_response[] = {
    {.key = "access", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_CALL,
     .type = RT_TYPE_TEXT, .index = RT_BUILTIN_ACCESS_TOKEN,
     .args = post_users_token_refresh_response_0_args, .arg_count = 2}},
    {.key = "refresh", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_CALL,
     .type = RT_TYPE_TEXT, .index = RT_BUILTIN_REFRESH_TOKEN,
     .args = post_users_token_refresh_response_1_args, .arg_count = 3}},
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Access token refreshed successfully"}},
};

/* spec/users.api:44 */
const rt_endpoint api_users__post_users_token_refresh = {
    .id = "users.post_users_token_refresh",
    .method = "POST",
    .pattern = "/users/token/refresh",
    .summary = "Exchange a refresh token for new tokens",
    .auth = RT_AUTH_PUBLIC,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_IP,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_users_token_refresh_body,
    .body_field_count = 1,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_users_token_refresh_steps,
    .step_count = 7,
    .status = 200,
    .response = post_users_token_refresh_response,
    .response_count = 3,
    .spec_file = "spec/users.api",
    .spec_line = 44,
};

/* ---- POST /users/logout (spec/users.api:72) */

/* spec/users.api:78 */
static const rt_field post_users_logout_body[] = {
    {.name = "refresh", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 4096, .spec_line = 78},
};

/* spec/users.api:80: refresh_claims(...) */
static const rt_value post_users_logout_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/users.api:82: LockRefreshFamily(...) */
static const rt_value post_users_logout_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
};

/* spec/users.api:83: RevokeRefreshFamily(...) */
static const rt_value post_users_logout_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 0},
};

/* spec/users.api:87: is_true(...) */
static const rt_value post_users_logout_step3_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BOOL, .index = 3, .column = 0},
};

/* spec/users.api:80 */
static const rt_step post_users_logout_steps[] = {
    {.kind = RT_STEP_LET, .name = "token", .args = post_users_logout_step0_args, .arg_count = 1,
     .builtin = RT_BUILTIN_REFRESH_CLAIMS, .spec_line = 80},
    {.kind = RT_STEP_BEGIN, .spec_line = 81},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_users__lock_refresh_family_query,
     .args = post_users_logout_step1_args, .arg_count = 1, .optional = true, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 82},
    {.kind = RT_STEP_QUERY, .name = "logout", .query = &api_users__revoke_refresh_family_query,
     .args = post_users_logout_step2_args, .arg_count = 3, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 83},
    {.kind = RT_STEP_COMMIT, .spec_line = 85},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = post_users_logout_step3_args, .arg_count = 1,
     .builtin = RT_BUILTIN_IS_TRUE, .else_status = 401, .else_code = "token_not_valid",
     .else_message = "Token is invalid or expired", .spec_line = 87},
};

/* spec/users.api:89 */
static const rt_member post_users_logout_response[] = {
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Logged out"}},
};

/* spec/users.api:72 */
const rt_endpoint api_users__post_users_logout = {
    .id = "users.post_users_logout",
    .method = "POST",
    .pattern = "/users/logout",
    .summary = "Revoke a refresh token and its family",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = post_users_logout_body,
    .body_field_count = 1,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = post_users_logout_steps,
    .step_count = 6,
    .status = 200,
    .response = post_users_logout_response,
    .response_count = 1,
    .spec_file = "spec/users.api",
    .spec_line = 72,
};

/* ---- GET /users/me (spec/users.api:92) */

/* spec/users.api:96: GetUser(...) */
static const rt_value get_users_me_step0_args[] = {
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
};

/* spec/users.api:97 */
static const rt_outcome_map get_users_me_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "User not found"},
};

/* spec/users.api:96 */
static const rt_step get_users_me_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "me", .query = &api_users__get_user_query,
     .args = get_users_me_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_users_me_step0_outcomes, .outcome_count = 1, .spec_line = 96},
};

/* spec/users.api:98 */
static const rt_member get_users_me_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/users.api:92 */
const rt_endpoint api_users__get_users_me = {
    .id = "users.get_users_me",
    .method = "GET",
    .pattern = "/users/me",
    .summary = "The signed-in user",
    .auth = RT_AUTH_ANY_USER,
    .roles = NULL,
    .role_count = 0,
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
    .steps = get_users_me_steps,
    .step_count = 1,
    .status = 200,
    .response = get_users_me_response,
    .response_count = 1,
    .spec_file = "spec/users.api",
    .spec_line = 92,
};

/* ---- GET /users (spec/users.api:101) */

static const char *const get_users_roles[] = {"admin"};

/* labels of enum user_role, in declaration order */
static const char *const enum_user_role_labels[] = {"customer", "staff", "admin"};

static const char *const get_users_query_ordering_choices[] = {"email", "-email", "name", "-name",
                                                               "created_at", "-created_at"};

/* spec/users.api:106 */
static const rt_field get_users_query[] = {
    {.name = "email", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = false,
     .has_len = true, .min_len = 1, .max_len = 254, .spec_line = 106},
    {.name = "role", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = false,
     .enum_values = enum_user_role_labels, .enum_count = 3, .spec_line = 107},
    {.name = "ordering", .kind = RT_FIELD_ENUM, .type = RT_TYPE_TEXT, .required = false,
     .enum_values = get_users_query_ordering_choices, .enum_count = 6, .spec_line = 108},
    {.name = "page", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = INT64_MAX, .default_value = "1", .spec_line = 112},
    {.name = "page_size", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = false,
     .has_range = true, .min = 1, .max = 100, .default_value = "10", .spec_line = 112},
};

/* spec/users.api:110: ListUsers(...) */
static const rt_value get_users_step0_args[] = {
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_QUERY, .type = RT_TYPE_ENUM, .index = 1},
    {.kind = RT_VALUE_PAGE_LIMIT, .type = RT_TYPE_BIGINT},
    {.kind = RT_VALUE_PAGE_OFFSET, .type = RT_TYPE_BIGINT},
};

/* spec/users.api:110 */
static const rt_step get_users_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "users", .query = &api_users__list_users_query,
     .args = get_users_step0_args, .arg_count = 4, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .ordering = {.kind = RT_VALUE_QUERY, .type = RT_TYPE_TEXT, .index = 2},
     .spec_line = 110},
};

/* spec/users.api:112 */
static const rt_member get_users_response[] = {
    {.key = NULL, .kind = RT_MEMBER_PAGE, .step = 0},
};

/* spec/users.api:101 */
const rt_endpoint api_users__get_users = {
    .id = "users.get_users",
    .method = "GET",
    .pattern = "/users",
    .summary = "List users (admins: to find one whose role to change)",
    .auth = RT_AUTH_ROLES,
    .roles = get_users_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = NULL,
    .path_field_count = 0,
    .query_fields = get_users_query,
    .query_field_count = 5,
    .body_fields = NULL,
    .body_field_count = 0,
    .has_body = false,
    .page_field = 3,
    .page_size_field = 4,
    .cursor_field = -1,
    .steps = get_users_steps,
    .step_count = 1,
    .status = 200,
    .response = get_users_response,
    .response_count = 1,
    .spec_file = "spec/users.api",
    .spec_line = 101,
};

/* ---- PATCH /users/{uid}/role (spec/users.api:115) */

static const char *const patch_users_uid_role_roles[] = {"admin"};

/* spec/users.api:115 */
static const rt_field patch_users_uid_role_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true,
     .spec_line = 115},
};

/* spec/users.api:120 */
static const rt_field patch_users_uid_role_body[] = {
    {.name = "role", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = true,
     .enum_values = enum_user_role_labels, .enum_count = 3, .spec_line = 120},
};

/* spec/users.api:122: SetUserRole(...) */
static const rt_value patch_users_uid_role_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_ENUM, .index = 0},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/users.api:123 */
static const rt_outcome_map patch_users_uid_role_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "User not found"},
};

/* spec/users.api:124 */
static const rt_member patch_users_uid_role_step1_members[] = {
    {.key = "user", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID,
     .index = 0, .column = 0}},
    {.key = "role", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM,
     .index = 0, .column = 3}},
    {.key = "by", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID,
     .index = RT_AUTH_USER_ID}},
};

/* spec/users.api:122 */
static const rt_step patch_users_uid_role_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__set_user_role_query,
     .args = patch_users_uid_role_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_users_uid_role_step0_outcomes, .outcome_count = 1, .spec_line = 122},
    {.kind = RT_STEP_LOG, .name = "user_role_changed",
     .members = patch_users_uid_role_step1_members, .member_count = 3, .spec_line = 124},
};

/* spec/users.api:125 */
static const rt_member patch_users_uid_role_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/users.api:115 */
const rt_endpoint api_users__patch_users_uid_role = {
    .id = "users.patch_users_uid_role",
    .method = "PATCH",
    .pattern = "/users/{uid}/role",
    .summary = "Change a user's role",
    .auth = RT_AUTH_ROLES,
    .roles = patch_users_uid_role_roles,
    .role_count = 1,
    .limit = RT_LIMIT_PER_USER,
    .path_fields = patch_users_uid_role_path,
    .path_field_count = 1,
    .query_fields = NULL,
    .query_field_count = 0,
    .body_fields = patch_users_uid_role_body,
    .body_field_count = 1,
    .has_body = true,
    .page_field = -1,
    .page_size_field = -1,
    .cursor_field = -1,
    .steps = patch_users_uid_role_steps,
    .step_count = 2,
    .status = 200,
    .response = patch_users_uid_role_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 115,
};
