/* generated from migrations/0001_users.sql, spec/users.sql and spec/users.api
 * by specc — do not edit. */
#include <stddef.h>

#include "api.h"

/* Sorted by pattern, then method (bytewise). */
const rt_route api_routes[] = {
    {"POST", "/users/login", &api_users__post_users_login},
    {"POST", "/users/logout", &api_users__post_users_logout},
    {"GET", "/users/me", &api_users__get_users_me},
    {"POST", "/users/register", &api_users__post_users_register},
    {"POST", "/users/token/refresh", &api_users__post_users_token_refresh},
    {"PATCH", "/users/{uid}/role", &api_users__patch_users_uid_role},
};
const int api_route_count = 6;

/* Indexed by rt_query.id: every query, sorted by name. */
const rt_query *const api_queries[] = {
    &api_users__create_admin_query,
    &api_users__create_refresh_token_query,
    &api_users__create_user_query,
    &api_users__find_user_for_login_query,
    &api_users__get_user_query,
    &api_users__revoke_refresh_family_query,
    &api_users__rotate_refresh_token_query,
    &api_users__set_user_role_query,
};
const int api_query_count = 8;

/* Background jobs, sorted by kind. */
const rt_job *const api_jobs[] = {
    NULL, /* no jobs: a placeholder */
};
const int api_job_count = 0;

/* schedule JOB every config.KEY */
const rt_schedule api_schedules[] = {
    {.job = NULL}, /* no schedules: a placeholder */
};
const int api_schedule_count = 0;

/* Lifecycles, sorted by name. */
const rt_lifecycle *const api_lifecycles[] = {
    NULL, /* no lifecycles: a placeholder */
};
const int api_lifecycle_count = 0;
