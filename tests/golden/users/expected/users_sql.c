/* generated from spec/users.sql by specc — do not edit. */
#include "users_sql.h"

/* ---- CreateUser :one (spec/users.sql:3) */

/* spec/users.sql:3 */
static const char create_user_sql[] =
    "INSERT INTO users (name, email, password_hash)\n"
    "VALUES ($1, $2, $3)\n"
    "RETURNING id, uid";

static const rt_param create_user_params[] = {
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "password_hash", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column create_user_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_users__create_user_query = {
    .id = 2,
    .name = "CreateUser",
    .sql = create_user_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_user_params,
    .param_count = 3,
    .columns = create_user_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 3,
};

/* ---- FindUserForLogin :one (spec/users.sql:8) */

/* spec/users.sql:8 */
static const char find_user_for_login_sql[] =
    "SELECT id, uid, role, password_hash\n"
    "FROM users\n"
    "WHERE lower(email) = lower($1::text) AND deleted_at IS NULL";

static const rt_param find_user_for_login_params[] = {
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column find_user_for_login_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
    {.name = "password_hash", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
};

const rt_query api_users__find_user_for_login_query = {
    .id = 3,
    .name = "FindUserForLogin",
    .sql = find_user_for_login_sql,
    .cardinality = RT_CARD_ONE,
    .params = find_user_for_login_params,
    .param_count = 1,
    .columns = find_user_for_login_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/users.sql",
    .spec_line = 8,
};

/* ---- CreateRefreshToken :one (spec/users.sql:13) */

/* spec/users.sql:13 */
static const char create_refresh_token_sql[] =
    "INSERT INTO refresh_tokens (jti, family, user_id, expires_at)\n"
    "VALUES (gen_random_uuid(), coalesce($1::uuid, gen_random_uuid()), $2,\n"
    "        now() + make_interval(secs => $3::int))\n"
    "RETURNING jti, family";

static const rt_param create_refresh_token_params[] = {
    {.name = "family", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "user_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "ttl_seconds", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column create_refresh_token_columns[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "family", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_users__create_refresh_token_query = {
    .id = 1,
    .name = "CreateRefreshToken",
    .sql = create_refresh_token_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_refresh_token_params,
    .param_count = 3,
    .columns = create_refresh_token_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 13,
};

/* ---- RotateRefreshToken :one (spec/users.sql:21) */

/* spec/users.sql:21 */
static const char rotate_refresh_token_sql[] =
    "WITH rotated AS (\n"
    "    UPDATE refresh_tokens SET used_at = now()\n"
    "    WHERE jti = $1 AND used_at IS NULL AND revoked_at IS NULL\n"
    "      AND expires_at > now()\n"
    "    RETURNING user_id, family\n"
    "), reused AS (\n"
    "    UPDATE refresh_tokens SET revoked_at = now()\n"
    "    WHERE revoked_at IS NULL\n"
    "      AND family IN (SELECT family FROM refresh_tokens\n"
    "                     WHERE jti = $1 AND used_at IS NOT NULL)\n"
    ")\n"
    "SELECT u.id, u.uid, u.role, r.family\n"
    "FROM rotated r JOIN users u ON u.id = r.user_id\n"
    "WHERE u.deleted_at IS NULL";

static const rt_param rotate_refresh_token_params[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column rotate_refresh_token_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
    {.name = "family", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_users__rotate_refresh_token_query = {
    .id = 6,
    .name = "RotateRefreshToken",
    .sql = rotate_refresh_token_sql,
    .cardinality = RT_CARD_ONE,
    .params = rotate_refresh_token_params,
    .param_count = 1,
    .columns = rotate_refresh_token_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 21,
};

/* ---- RevokeRefreshFamily :exec (spec/users.sql:40) */

/* spec/users.sql:40 */
static const char revoke_refresh_family_sql[] =
    "UPDATE refresh_tokens SET revoked_at = now()\n"
    "WHERE revoked_at IS NULL\n"
    "  AND family = (SELECT family FROM refresh_tokens WHERE jti = $1)\n"
    "  AND user_id = (SELECT id FROM users WHERE uid = $2)";

static const rt_param revoke_refresh_family_params[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "user_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

const rt_query api_users__revoke_refresh_family_query = {
    .id = 5,
    .name = "RevokeRefreshFamily",
    .sql = revoke_refresh_family_sql,
    .cardinality = RT_CARD_EXEC,
    .params = revoke_refresh_family_params,
    .param_count = 2,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 40,
};

/* ---- GetUser :one (spec/users.sql:46) */

/* spec/users.sql:46 */
static const char get_user_sql[] =
    "SELECT uid AS id, name, email, role, created_at\n"
    "FROM users\n"
    "WHERE uid = $1 AND deleted_at IS NULL";

static const rt_param get_user_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column get_user_columns[] = {
    {.name = "id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

const rt_query api_users__get_user_query = {
    .id = 4,
    .name = "GetUser",
    .sql = get_user_sql,
    .cardinality = RT_CARD_ONE,
    .params = get_user_params,
    .param_count = 1,
    .columns = get_user_columns,
    .column_count = 5,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/users.sql",
    .spec_line = 46,
};

/* ---- SetUserRole :one (spec/users.sql:51) */

/* spec/users.sql:51 */
static const char set_user_role_sql[] =
    "UPDATE users SET role = $1, updated_at = now()\n"
    "WHERE uid = $2 AND deleted_at IS NULL\n"
    "RETURNING uid AS id, name, email, role";

static const rt_param set_user_role_params[] = {
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column set_user_role_columns[] = {
    {.name = "id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
};

const rt_query api_users__set_user_role_query = {
    .id = 7,
    .name = "SetUserRole",
    .sql = set_user_role_sql,
    .cardinality = RT_CARD_ONE,
    .params = set_user_role_params,
    .param_count = 2,
    .columns = set_user_role_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 51,
};

/* ---- CreateAdmin :one (spec/users.sql:56) */

/* spec/users.sql:56 */
static const char create_admin_sql[] =
    "INSERT INTO users (name, email, password_hash, role)\n"
    "VALUES ($1, $2, $3, 'admin')\n"
    "RETURNING id, uid";

static const rt_param create_admin_params[] = {
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "password_hash", .type = RT_TYPE_TEXT, .type_name = "text"},
};

static const rt_column create_admin_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_users__create_admin_query = {
    .id = 0,
    .name = "CreateAdmin",
    .sql = create_admin_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_admin_params,
    .param_count = 3,
    .columns = create_admin_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 56,
};
