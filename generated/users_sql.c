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
    .id = 14,
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
    .id = 22,
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

/* ---- StartRefreshFamily :one (spec/users.sql:13) */

/* spec/users.sql:13 */
static const char start_refresh_family_sql[] =
    "WITH started AS (\n"
    "    INSERT INTO refresh_families (family, user_id)\n"
    "    VALUES (gen_random_uuid(), $1)\n"
    "    RETURNING family\n"
    ")\n"
    "INSERT INTO refresh_tokens (jti, family, user_id, expires_at)\n"
    "VALUES (gen_random_uuid(), (SELECT s.family FROM started s), $1,\n"
    "        now() + make_interval(secs => $2::int))\n"
    "RETURNING jti, family";

static const rt_param start_refresh_family_params[] = {
    {.name = "user_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "ttl_seconds", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column start_refresh_family_columns[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "family", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_users__start_refresh_family_query = {
    .id = 68,
    .name = "StartRefreshFamily",
    .sql = start_refresh_family_sql,
    .cardinality = RT_CARD_ONE,
    .params = start_refresh_family_params,
    .param_count = 2,
    .columns = start_refresh_family_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 13,
};

/* ---- LockRefreshFamily :one (spec/users.sql:27) */

/* spec/users.sql:27 */
static const char lock_refresh_family_sql[] =
    "SELECT f.family\n"
    "FROM refresh_families f\n"
    "WHERE f.family = (SELECT t.family FROM refresh_tokens t WHERE t.jti = $1)\n"
    "FOR UPDATE";

static const rt_param lock_refresh_family_params[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column lock_refresh_family_columns[] = {
    {.name = "family", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_users__lock_refresh_family_query = {
    .id = 46,
    .name = "LockRefreshFamily",
    .sql = lock_refresh_family_sql,
    .cardinality = RT_CARD_ONE,
    .params = lock_refresh_family_params,
    .param_count = 1,
    .columns = lock_refresh_family_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 27,
};

/* ---- RotateRefreshToken :one (spec/users.sql:38) */

/* spec/users.sql:38 */
static const char rotate_refresh_token_sql[] =
    "WITH presented AS (\n"
    "    SELECT t.jti, t.family, t.user_id, u.uid, u.role,\n"
    "           (t.used_at IS NULL AND t.expires_at > now() AND f.revoked_at IS NULL\n"
    "            AND u.deleted_at IS NULL)::bool AS usable,\n"
    "           (t.used_at IS NOT NULL)::bool AS used\n"
    "    FROM refresh_tokens t\n"
    "    JOIN refresh_families f ON f.family = t.family\n"
    "    JOIN users u ON u.id = t.user_id\n"
    "    WHERE t.jti = $1 AND u.uid = $2\n"
    "), consumed AS (\n"
    "    UPDATE refresh_tokens t SET used_at = now()\n"
    "    FROM presented p\n"
    "    WHERE t.jti = p.jti AND p.usable\n"
    "    RETURNING t.family, t.user_id\n"
    "), issued AS (\n"
    "    INSERT INTO refresh_tokens (jti, family, user_id, expires_at)\n"
    "    SELECT gen_random_uuid(), c.family, c.user_id,\n"
    "           now() + make_interval(secs => $3::int)\n"
    "    FROM consumed c\n"
    "    RETURNING jti\n"
    "), revoked AS (\n"
    "    UPDATE refresh_families f SET revoked_at = now()\n"
    "    FROM presented p\n"
    "    WHERE f.family = p.family AND NOT p.usable AND f.revoked_at IS NULL\n"
    "    RETURNING f.family\n"
    ")\n"
    "SELECT exists(SELECT 1 FROM issued) AS rotated,\n"
    "       exists(SELECT 1 FROM revoked r WHERE (SELECT p.used FROM presented p)) AS reuse_detected,\n"
    "       (SELECT p.uid FROM presented p)::uuid AS uid,\n"
    "       (SELECT p.role FROM presented p)::user_role AS role,\n"
    "       (SELECT i.jti FROM issued i)::uuid AS jti";

static const rt_param rotate_refresh_token_params[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "user_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "ttl_seconds", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column rotate_refresh_token_columns[] = {
    {.name = "rotated", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "reuse_detected", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = true},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = true},
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = true},
};

const rt_query api_users__rotate_refresh_token_query = {
    .id = 61,
    .name = "RotateRefreshToken",
    .sql = rotate_refresh_token_sql,
    .cardinality = RT_CARD_ONE,
    .params = rotate_refresh_token_params,
    .param_count = 3,
    .columns = rotate_refresh_token_columns,
    .column_count = 5,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 38,
};

/* ---- RevokeRefreshFamily :one (spec/users.sql:82) */

/* spec/users.sql:82 */
static const char revoke_refresh_family_sql[] =
    "WITH presented AS (\n"
    "    SELECT t.family\n"
    "    FROM refresh_tokens t\n"
    "    JOIN users u ON u.id = t.user_id\n"
    "    WHERE t.jti = $1 AND u.uid = $2 AND u.uid = $3\n"
    "      AND u.deleted_at IS NULL\n"
    "), revoked AS (\n"
    "    UPDATE refresh_families f SET revoked_at = now()\n"
    "    FROM presented p\n"
    "    WHERE f.family = p.family AND f.revoked_at IS NULL\n"
    "    RETURNING f.family\n"
    ")\n"
    "SELECT exists(SELECT 1 FROM presented) AS revoked";

static const rt_param revoke_refresh_family_params[] = {
    {.name = "jti", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "user_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "token_user", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column revoke_refresh_family_columns[] = {
    {.name = "revoked", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
};

const rt_query api_users__revoke_refresh_family_query = {
    .id = 60,
    .name = "RevokeRefreshFamily",
    .sql = revoke_refresh_family_sql,
    .cardinality = RT_CARD_ONE,
    .params = revoke_refresh_family_params,
    .param_count = 3,
    .columns = revoke_refresh_family_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 82,
};

/* ---- AuthenticateUser :one (spec/users.sql:101) */

/* spec/users.sql:101 */
static const char authenticate_user_sql[] =
    "SELECT role\n"
    "FROM users\n"
    "WHERE uid = $1 AND deleted_at IS NULL";

static const rt_param authenticate_user_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column authenticate_user_columns[] = {
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
};

const rt_query api_users__authenticate_user_query = {
    .id = 1,
    .name = "AuthenticateUser",
    .sql = authenticate_user_sql,
    .cardinality = RT_CARD_ONE,
    .params = authenticate_user_params,
    .param_count = 1,
    .columns = authenticate_user_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/users.sql",
    .spec_line = 101,
};

/* ---- GetUser :one (spec/users.sql:109) */

/* spec/users.sql:109 */
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
    .id = 30,
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
    .spec_line = 109,
};

/* ---- SetUserRole :one (spec/users.sql:114) */

/* spec/users.sql:114 */
static const char set_user_role_sql[] =
    "UPDATE users SET role = $1, updated_at = now()\n"
    "WHERE uid = $2 AND deleted_at IS NULL\n"
    "RETURNING uid AS id, name, email, role, created_at";

static const rt_param set_user_role_params[] = {
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column set_user_role_columns[] = {
    {.name = "id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

const rt_query api_users__set_user_role_query = {
    .id = 66,
    .name = "SetUserRole",
    .sql = set_user_role_sql,
    .cardinality = RT_CARD_ONE,
    .params = set_user_role_params,
    .param_count = 2,
    .columns = set_user_role_columns,
    .column_count = 5,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/users.sql",
    .spec_line = 114,
};

/* ---- CreateAdmin :one (spec/users.sql:119) */

/* spec/users.sql:119 */
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
    .id = 10,
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
    .spec_line = 119,
};

/* ---- ListUsers :page (spec/users.sql:125) */

/* spec/users.sql:125 */
static const char list_users_sql[] =
    "SELECT u.uid AS id, u.name, u.email, u.role, u.created_at\n"
    "FROM users u\n"
    "WHERE u.deleted_at IS NULL\n"
    "  AND strpos(lower(u.email), lower($1::text)) > 0\n"
    "  AND u.role = $2\n"
    "ORDER BY u.email ASC, u.id ASC\n"
    "LIMIT $3 OFFSET $4";

static const rt_param list_users_params[] = {
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role"},
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_users_columns[] = {
    {.name = "id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "email", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "role", .type = RT_TYPE_ENUM, .type_name = "user_role", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

static const int list_users_part1_params[] = {0};

static const int list_users_part2_params[] = {1};

/* spec/users.sql:125: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_users_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT u.uid AS id, u.name, u.email, u.role, u.created_at\n"
         "FROM users u\n"
         "WHERE u.deleted_at IS NULL\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND strpos(lower(u.email), lower($1::text)) > 0\n",
     .params = list_users_part1_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND u.role = $2\n",
     .params = list_users_part2_params, .param_count = 1},
    {.kind = RT_PART_ORDER,
     .text = "ORDER BY u.email ASC, u.id ASC"},
    {.kind = RT_PART_PAGE,
     .text = "\n"
         "LIMIT $3 OFFSET $4"},
};

/* spec/users.sql:125: -- ordering: */
static const rt_ordering list_users_orderings[] = {
    {.name = "email", .sql = "ORDER BY email ASC, u.id ASC", .key_column = -1},
    {.name = "-email", .sql = "ORDER BY email DESC, u.id DESC", .key_column = -1},
    {.name = "name", .sql = "ORDER BY name ASC, u.id ASC", .key_column = -1},
    {.name = "-name", .sql = "ORDER BY name DESC, u.id DESC", .key_column = -1},
    {.name = "created_at", .sql = "ORDER BY created_at ASC, u.id ASC", .key_column = -1},
    {.name = "-created_at", .sql = "ORDER BY created_at DESC, u.id DESC", .key_column = -1},
};

const rt_query api_users__list_users_query = {
    .id = 40,
    .name = "ListUsers",
    .sql = list_users_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_users_params,
    .param_count = 4,
    .columns = list_users_columns,
    .column_count = 5,
    .parts = list_users_parts,
    .part_count = 5,
    .orderings = list_users_orderings,
    .ordering_count = 6,
    .reads_only = true,
    .spec_file = "spec/users.sql",
    .spec_line = 125,
};
