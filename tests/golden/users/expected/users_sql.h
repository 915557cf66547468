/* generated from spec/users.sql by specc — do not edit. */
#ifndef API_USERS_SQL_H
#define API_USERS_SQL_H

#include "rt_api.h"

/* CreateUser :one (spec/users.sql:3) */
extern const rt_query api_users__create_user_query;

/* FindUserForLogin :one (spec/users.sql:8) */
extern const rt_query api_users__find_user_for_login_query;

/* CreateRefreshToken :one (spec/users.sql:13) */
extern const rt_query api_users__create_refresh_token_query;

/* RotateRefreshToken :one (spec/users.sql:21) */
extern const rt_query api_users__rotate_refresh_token_query;

/* RevokeRefreshFamily :exec (spec/users.sql:40) */
extern const rt_query api_users__revoke_refresh_family_query;

/* GetUser :one (spec/users.sql:46) */
extern const rt_query api_users__get_user_query;

/* SetUserRole :one (spec/users.sql:51) */
extern const rt_query api_users__set_user_role_query;

/* CreateAdmin :one (spec/users.sql:56) */
extern const rt_query api_users__create_admin_query;

#endif /* API_USERS_SQL_H */
