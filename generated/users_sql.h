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

/* ---- StartRefreshFamily :one (spec/users.sql:13) */

extern const rt_query api_users__start_refresh_family_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__start_refresh_family_params {
    const char *user_id;     /* $1 bigint */
    const char *ttl_seconds; /* $2 int */
} api_users__start_refresh_family_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__start_refresh_family_row {
    const char *jti;    /* uuid */
    const char *family; /* uuid */
};

int api_users__start_refresh_family(rt_db_conn *conn,
                                    const api_users__start_refresh_family_params *params,
                                    rt_db_result *result);
int api_users__start_refresh_family_row(const rt_db_result *result, int row,
                                        struct api_users__start_refresh_family_row *out);

/* ---- LockRefreshFamily :one (spec/users.sql:27) */

extern const rt_query api_users__lock_refresh_family_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__lock_refresh_family_params {
    const char *jti; /* $1 uuid */
} api_users__lock_refresh_family_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__lock_refresh_family_row {
    const char *family; /* uuid */
};

int api_users__lock_refresh_family(rt_db_conn *conn,
                                   const api_users__lock_refresh_family_params *params,
                                   rt_db_result *result);
int api_users__lock_refresh_family_row(const rt_db_result *result, int row,
                                       struct api_users__lock_refresh_family_row *out);

/* ---- RotateRefreshToken :one (spec/users.sql:38) */

extern const rt_query api_users__rotate_refresh_token_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__rotate_refresh_token_params {
    const char *jti;         /* $1 uuid */
    const char *user_uid;    /* $2 uuid */
    const char *ttl_seconds; /* $3 int */
} api_users__rotate_refresh_token_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__rotate_refresh_token_row {
    bool rotated;        /* bool */
    bool reuse_detected; /* bool */
    const char *uid;     /* uuid, nullable */
    const char *role;    /* user_role, nullable */
    const char *jti;     /* uuid, nullable */
};

int api_users__rotate_refresh_token(rt_db_conn *conn,
                                    const api_users__rotate_refresh_token_params *params,
                                    rt_db_result *result);
int api_users__rotate_refresh_token_row(const rt_db_result *result, int row,
                                        struct api_users__rotate_refresh_token_row *out);

/* ---- RevokeRefreshFamily :one (spec/users.sql:82) */

extern const rt_query api_users__revoke_refresh_family_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__revoke_refresh_family_params {
    const char *jti;        /* $1 uuid */
    const char *user_uid;   /* $2 uuid */
    const char *token_user; /* $3 uuid */
} api_users__revoke_refresh_family_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__revoke_refresh_family_row {
    bool revoked; /* bool */
};

int api_users__revoke_refresh_family(rt_db_conn *conn,
                                     const api_users__revoke_refresh_family_params *params,
                                     rt_db_result *result);
int api_users__revoke_refresh_family_row(const rt_db_result *result, int row,
                                         struct api_users__revoke_refresh_family_row *out);

/* ---- AuthenticateUser :one (spec/users.sql:101) */

extern const rt_query api_users__authenticate_user_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__authenticate_user_params {
    const char *uid; /* $1 uuid */
} api_users__authenticate_user_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__authenticate_user_row {
    const char *role; /* user_role */
};

int api_users__authenticate_user(rt_db_conn *conn,
                                 const api_users__authenticate_user_params *params,
                                 rt_db_result *result);
int api_users__authenticate_user_row(const rt_db_result *result, int row,
                                     struct api_users__authenticate_user_row *out);

/* ---- GetUser :one (spec/users.sql:109) */

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

/* ---- SetUserRole :one (spec/users.sql:114) */

extern const rt_query api_users__set_user_role_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_users__set_user_role_params {
    const char *role; /* $1 user_role */
    const char *uid;  /* $2 uuid */
} api_users__set_user_role_params;

/* One result row; text members point into the rt_db_result. */
struct api_users__set_user_role_row {
    const char *id;         /* uuid */
    const char *name;       /* text */
    const char *email;      /* text */
    const char *role;       /* user_role */
    const char *created_at; /* timestamptz */
};

int api_users__set_user_role(rt_db_conn *conn, const api_users__set_user_role_params *params,
                             rt_db_result *result);
int api_users__set_user_role_row(const rt_db_result *result, int row,
                                 struct api_users__set_user_role_row *out);

/* ---- CreateAdmin :one (spec/users.sql:119) */

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
