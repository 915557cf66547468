/* generated from spec/users.sql by specc — do not edit. */
#ifndef API_USERS_SQL_H
#define API_USERS_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_db.h"

/* ---- CreateUser :one (spec/users.sql:3) */

extern const rt_query api_users__create_user_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__create_user_params {
    const char *name;          /* $1 text */
    const char *email;         /* $2 text */
    const char *password_hash; /* $3 text */
} api_users__create_user_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__create_user_row {
    int64_t id;      /* bigint */
    const char *uid; /* uuid */
};

int api_users__create_user(rt_db_conn *conn, const api_users__create_user_params *params,
                           rt_db_result *result);
int api_users__create_user_row(const rt_db_result *result, int row,
                               struct api_users__create_user_row *out);

/* ---- FindUserForLogin :one (spec/users.sql:8) */

extern const rt_query api_users__find_user_for_login_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__find_user_for_login_params {
    const char *email; /* $1 text */
} api_users__find_user_for_login_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__find_user_for_login_row {
    int64_t id;                /* bigint */
    const char *uid;           /* uuid */
    const char *role;          /* user_role */
    const char *password_hash; /* text */
};

int api_users__find_user_for_login(rt_db_conn *conn,
                                   const api_users__find_user_for_login_params *params,
                                   rt_db_result *result);
int api_users__find_user_for_login_row(const rt_db_result *result, int row,
                                       struct api_users__find_user_for_login_row *out);

/* ---- CreateRefreshToken :one (spec/users.sql:13) */

extern const rt_query api_users__create_refresh_token_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__create_refresh_token_params {
    const char *family;      /* $1 uuid */
    const char *user_id;     /* $2 bigint */
    const char *ttl_seconds; /* $3 int */
} api_users__create_refresh_token_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__create_refresh_token_row {
    const char *jti;    /* uuid */
    const char *family; /* uuid */
};

int api_users__create_refresh_token(rt_db_conn *conn,
                                    const api_users__create_refresh_token_params *params,
                                    rt_db_result *result);
int api_users__create_refresh_token_row(const rt_db_result *result, int row,
                                        struct api_users__create_refresh_token_row *out);

/* ---- RotateRefreshToken :one (spec/users.sql:21) */

extern const rt_query api_users__rotate_refresh_token_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__rotate_refresh_token_params {
    const char *jti; /* $1 uuid */
} api_users__rotate_refresh_token_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__rotate_refresh_token_row {
    int64_t id;         /* bigint */
    const char *uid;    /* uuid */
    const char *role;   /* user_role */
    const char *family; /* uuid */
};

int api_users__rotate_refresh_token(rt_db_conn *conn,
                                    const api_users__rotate_refresh_token_params *params,
                                    rt_db_result *result);
int api_users__rotate_refresh_token_row(const rt_db_result *result, int row,
                                        struct api_users__rotate_refresh_token_row *out);

/* ---- RevokeRefreshFamily :exec (spec/users.sql:40) */

extern const rt_query api_users__revoke_refresh_family_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__revoke_refresh_family_params {
    const char *jti;      /* $1 uuid */
    const char *user_uid; /* $2 uuid */
} api_users__revoke_refresh_family_params;

int api_users__revoke_refresh_family(rt_db_conn *conn,
                                     const api_users__revoke_refresh_family_params *params,
                                     rt_db_result *result);

/* ---- GetUser :one (spec/users.sql:46) */

extern const rt_query api_users__get_user_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__get_user_params {
    const char *uid; /* $1 uuid */
} api_users__get_user_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__get_user_row {
    const char *id;         /* uuid */
    const char *name;       /* text */
    const char *email;      /* text */
    const char *role;       /* user_role */
    const char *created_at; /* timestamptz */
};

int api_users__get_user(rt_db_conn *conn, const api_users__get_user_params *params,
                        rt_db_result *result);
int api_users__get_user_row(const rt_db_result *result, int row,
                            struct api_users__get_user_row *out);

/* ---- SetUserRole :one (spec/users.sql:51) */

extern const rt_query api_users__set_user_role_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__set_user_role_params {
    const char *role; /* $1 user_role */
    const char *uid;  /* $2 uuid */
} api_users__set_user_role_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__set_user_role_row {
    const char *id;    /* uuid */
    const char *name;  /* text */
    const char *email; /* text */
    const char *role;  /* user_role */
};

int api_users__set_user_role(rt_db_conn *conn, const api_users__set_user_role_params *params,
                             rt_db_result *result);
int api_users__set_user_role_row(const rt_db_result *result, int row,
                                 struct api_users__set_user_role_row *out);

/* ---- CreateAdmin :one (spec/users.sql:56) */

extern const rt_query api_users__create_admin_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__create_admin_params {
    const char *name;          /* $1 text */
    const char *email;         /* $2 text */
    const char *password_hash; /* $3 text */
} api_users__create_admin_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__create_admin_row {
    int64_t id;      /* bigint */
    const char *uid; /* uuid */
};

int api_users__create_admin(rt_db_conn *conn, const api_users__create_admin_params *params,
                            rt_db_result *result);
int api_users__create_admin_row(const rt_db_result *result, int row,
                                struct api_users__create_admin_row *out);

#endif /* API_USERS_SQL_H */
