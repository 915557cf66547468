/* generated from migrations/0001_users.sql, spec/users.sql and spec/users.api
 * by specc — do not edit. */
#ifndef API_H
#define API_H

#include "rt_api.h"
#include "users_sql.h"

/* spec/users.api */
extern const rt_endpoint api_users__post_users_register;
extern const rt_endpoint api_users__post_users_login;
extern const rt_endpoint api_users__post_users_token_refresh;
extern const rt_endpoint api_users__post_users_logout;
extern const rt_endpoint api_users__get_users_me;
extern const rt_endpoint api_users__patch_users_uid_role;

#endif /* API_H */
