/* generated from spec/users.sql by specc — do not edit. */
#ifndef API_USERS_SQL_H
#define API_USERS_SQL_H

#include "rt_api.h"

/* CreateUser :one (spec/users.sql:3) */
extern const rt_query api_users__create_user_query;

/* FindUserForLogin :one (spec/users.sql:8) */
extern const rt_query api_users__find_user_for_login_query;

/* StartRefreshFamily :one (spec/users.sql:13) */
extern const rt_query api_users__start_refresh_family_query;

/* LockRefreshFamily :one (spec/users.sql:27) */
extern const rt_query api_users__lock_refresh_family_query;

/* RotateRefreshToken :one (spec/users.sql:38) */
extern const rt_query api_users__rotate_refresh_token_query;

/* RevokeRefreshFamily :one (spec/users.sql:82) */
extern const rt_query api_users__revoke_refresh_family_query;

/* AuthenticateUser :one (spec/users.sql:101) */
extern const rt_query api_users__authenticate_user_query;

/* GetUser :one (spec/users.sql:109) */
extern const rt_query api_users__get_user_query;

/* SetUserRole :one (spec/users.sql:114) */
extern const rt_query api_users__set_user_role_query;

/* CreateAdmin :one (spec/users.sql:119) */
extern const rt_query api_users__create_admin_query;

/* ListUsers :page (spec/users.sql:125) */
extern const rt_query api_users__list_users_query;

#endif /* API_USERS_SQL_H */
