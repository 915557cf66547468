/* generated from spec/users.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- POST /users/register (spec/users.api:4) */

/* spec/users.api:8 */
static const rt_field post_users_register_body[] = {
    {.name = "name", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true, .has_len = true,
     .min_len = 1, .max_len = 150, .spec_line = 8},
    {.name = "email", .kind = RT_FIELD_EMAIL, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 3, .max_len = 254, .spec_line = 9},
    {.name = "password", .kind = RT_FIELD_PASSWORD, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 8, .max_len = 72, .spec_line = 10},
};

/* spec/users.api:12: CreateUser(...) */
static const rt_value post_users_register_step0_args_2_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 2},
};

static const rt_value post_users_register_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_CALL, .type = RT_TYPE_TEXT, .index = RT_BUILTIN_HASH_PASSWORD,
     .args = post_users_register_step0_args_2_args, .arg_count = 1},
};

/* spec/users.api:14 */
static const rt_outcome_map post_users_register_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_UNIQUE_VIOLATION, .constraint = NULL, .status = 409, .code = "conflict",
     .message = "Email already registered"},
};

/* spec/users.api:12 */
static const rt_step post_users_register_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__create_user_query,
     .args = post_users_register_step0_args, .arg_count = 3, .optional = false,
     .outcomes = post_users_register_step0_outcomes, .outcome_count = 1, .spec_line = 12},
};

/* spec/users.api:15 */
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
    .step_count = 1,
    .hashes_passwords = true,
    .status = 201,
    .response = post_users_register_response,
    .response_count = 2,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 4,
};

/* ---- POST /users/login (spec/users.api:18) */

/* spec/users.api:22 */
static const rt_field post_users_login_body[] = {
    {.name = "email", .kind = RT_FIELD_EMAIL, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 3, .max_len = 254, .spec_line = 22},
    {.name = "password", .kind = RT_FIELD_PASSWORD, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 72, .spec_line = 23},
};

/* spec/users.api:26: FindUserForLogin(...) */
static const rt_value post_users_login_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/users.api:27: password_matches(...) */
static const rt_value post_users_login_step1_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_TEXT, .index = 0, .column = 3},
};

/* spec/users.api:29: CreateRefreshToken(...) */
static const rt_value post_users_login_step2_args[] = {
    {.kind = RT_VALUE_NULL, .type = RT_TYPE_TEXT},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 0, .column = 0},
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_JWT_REFRESH_TTL_SECONDS},
};

/* spec/users.api:26 */
static const rt_step post_users_login_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__find_user_for_login_query,
     .args = post_users_login_step0_args, .arg_count = 1, .optional = true, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 26},
    {.kind = RT_STEP_CHECK, .name = NULL, .args = post_users_login_step1_args, .arg_count = 2,
     .builtin = RT_BUILTIN_PASSWORD_MATCHES, .else_status = 409, .else_code = "conflict",
     .else_message = "Invalid email or password", .spec_line = 27},
    {.kind = RT_STEP_QUERY, .name = "session", .query = &api_users__create_refresh_token_query,
     .args = post_users_login_step2_args, .arg_count = 3, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 29},
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

/* spec/users.api:31 */
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

/* spec/users.api:18 */
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
    .step_count = 3,
    .hashes_passwords = true,
    .status = 200,
    .response = post_users_login_response,
    .response_count = 3,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 18,
};

/* ---- POST /users/token/refresh (spec/users.api:38) */

/* spec/users.api:42 */
static const rt_field post_users_token_refresh_body[] = {
    {.name = "refresh", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 4096, .spec_line = 42},
};

/* spec/users.api:44: refresh_claims(...) */
static const rt_value post_users_token_refresh_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/users.api:45: RotateRefreshToken(...) */
static const rt_value post_users_token_refresh_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
};

/* spec/users.api:46 */
static const rt_outcome_map post_users_token_refresh_step1_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 401, .code = "token_not_valid",
     .message = "Token is invalid or expired"},
};

/* spec/users.api:47: CreateRefreshToken(...) */
static const rt_value post_users_token_refresh_step2_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 3},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_BIGINT, .index = 1, .column = 0},
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_JWT_REFRESH_TTL_SECONDS},
};

/* spec/users.api:44 */
static const rt_step post_users_token_refresh_steps[] = {
    {.kind = RT_STEP_LET, .name = "token", .args = post_users_token_refresh_step0_args,
     .arg_count = 1, .builtin = RT_BUILTIN_REFRESH_CLAIMS, .spec_line = 44},
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__rotate_refresh_token_query,
     .args = post_users_token_refresh_step1_args, .arg_count = 1, .optional = false,
     .outcomes = post_users_token_refresh_step1_outcomes, .outcome_count = 1, .spec_line = 45},
    {.kind = RT_STEP_QUERY, .name = "next", .query = &api_users__create_refresh_token_query,
     .args = post_users_token_refresh_step2_args, .arg_count = 3, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 47},
};

static const rt_value post_users_token_refresh_response_0_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM, .index = 1, .column = 2},
};

static const rt_value post_users_token_refresh_response_1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 1, .column = 1},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_ENUM, .index = 1, .column = 2},
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 2, .column = 0},
};

/* spec/users.api:49 */
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

/* spec/users.api:38 */
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
    .step_count = 3,
    .status = 200,
    .response = post_users_token_refresh_response,
    .response_count = 3,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 38,
};

/* ---- POST /users/logout (spec/users.api:56) */

/* spec/users.api:60 */
static const rt_field post_users_logout_body[] = {
    {.name = "refresh", .kind = RT_FIELD_TEXT, .type = RT_TYPE_TEXT, .required = true,
     .has_len = true, .min_len = 1, .max_len = 4096, .spec_line = 60},
};

/* spec/users.api:62: refresh_claims(...) */
static const rt_value post_users_logout_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_TEXT, .index = 0},
};

/* spec/users.api:63: RevokeRefreshFamily(...) */
static const rt_value post_users_logout_step1_args[] = {
    {.kind = RT_VALUE_STEP, .type = RT_TYPE_UUID, .index = 0, .column = 1},
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
};

/* spec/users.api:62 */
static const rt_step post_users_logout_steps[] = {
    {.kind = RT_STEP_LET, .name = "token", .args = post_users_logout_step0_args, .arg_count = 1,
     .builtin = RT_BUILTIN_REFRESH_CLAIMS, .spec_line = 62},
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_users__revoke_refresh_family_query,
     .args = post_users_logout_step1_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 63},
};

/* spec/users.api:64 */
static const rt_member post_users_logout_response[] = {
    {.key = "message", .kind = RT_MEMBER_VALUE, .value = {.kind = RT_VALUE_LITERAL,
     .type = RT_TYPE_TEXT, .literal = "Logged out"}},
};

/* spec/users.api:56 */
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
    .step_count = 2,
    .status = 200,
    .response = post_users_logout_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 56,
};

/* ---- GET /users/me (spec/users.api:67) */

/* spec/users.api:70: GetUser(...) */
static const rt_value get_users_me_step0_args[] = {
    {.kind = RT_VALUE_AUTH, .type = RT_TYPE_UUID, .index = RT_AUTH_USER_ID},
};

/* spec/users.api:71 */
static const rt_outcome_map get_users_me_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "User not found"},
};

/* spec/users.api:70 */
static const rt_step get_users_me_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "me", .query = &api_users__get_user_query,
     .args = get_users_me_step0_args, .arg_count = 1, .optional = false,
     .outcomes = get_users_me_step0_outcomes, .outcome_count = 1, .spec_line = 70},
};

/* spec/users.api:72 */
static const rt_member get_users_me_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/users.api:67 */
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
    .spec_line = 67,
};

/* ---- PATCH /users/{uid}/role (spec/users.api:75) */

static const char *const patch_users_uid_role_roles[] = {"admin"};

/* spec/users.api:75 */
static const rt_field patch_users_uid_role_path[] = {
    {.name = "uid", .kind = RT_FIELD_UUID, .type = RT_TYPE_UUID, .required = true, .spec_line = 75},
};

/* labels of enum user_role, in declaration order */
static const char *const enum_user_role_labels[] = {"customer", "staff", "admin"};

/* spec/users.api:79 */
static const rt_field patch_users_uid_role_body[] = {
    {.name = "role", .kind = RT_FIELD_ENUM, .type = RT_TYPE_ENUM, .required = true,
     .enum_values = enum_user_role_labels, .enum_count = 3, .spec_line = 79},
};

/* spec/users.api:81: SetUserRole(...) */
static const rt_value patch_users_uid_role_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_ENUM, .index = 0},
    {.kind = RT_VALUE_PATH, .type = RT_TYPE_UUID, .index = 0},
};

/* spec/users.api:82 */
static const rt_outcome_map patch_users_uid_role_step0_outcomes[] = {
    {.outcome = RT_OUTCOME_NO_ROW, .constraint = NULL, .status = 404, .code = "not_found",
     .message = "User not found"},
};

/* spec/users.api:81 */
static const rt_step patch_users_uid_role_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "user", .query = &api_users__set_user_role_query,
     .args = patch_users_uid_role_step0_args, .arg_count = 2, .optional = false,
     .outcomes = patch_users_uid_role_step0_outcomes, .outcome_count = 1, .spec_line = 81},
};

/* spec/users.api:83 */
static const rt_member patch_users_uid_role_response[] = {
    {.key = NULL, .kind = RT_MEMBER_ROW, .step = 0},
};

/* spec/users.api:75 */
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
    .step_count = 1,
    .status = 200,
    .response = patch_users_uid_role_response,
    .response_count = 1,
    .idempotent = true,
    .spec_file = "spec/users.api",
    .spec_line = 75,
};
