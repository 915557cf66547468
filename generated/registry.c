/* generated from migrations/0001_users.sql, migrations/0002_orders.sql,
 * migrations/0003_jobs.sql, migrations/0004_refresh_families.sql,
 * migrations/0005_jobs_request_id.sql, spec/orders.sql, spec/users.sql, spec/jobs.api,
 * spec/lifecycle.api, spec/orders.api and spec/users.api by specc — do not edit. */
#include <stddef.h>

#include "api.h"

/* Sorted by pattern, then method (bytewise). */
const rt_route api_routes[] = {
    {"GET", "/orders", &api_orders__get_orders},
    {"POST", "/orders", &api_orders__post_orders},
    {"GET", "/orders/{uid}", &api_orders__get_orders_uid},
    {"PATCH", "/orders/{uid}/cancel", &api_orders__patch_orders_uid_cancel},
    {"POST", "/users/login", &api_users__post_users_login},
    {"POST", "/users/logout", &api_users__post_users_logout},
    {"GET", "/users/me", &api_users__get_users_me},
    {"POST", "/users/register", &api_users__post_users_register},
    {"POST", "/users/token/refresh", &api_users__post_users_token_refresh},
    {"PATCH", "/users/{uid}/role", &api_users__patch_users_uid_role},
};
const int api_route_count = 10;

/* Indexed by rt_query.id: every query, sorted by name. */
const rt_query *const api_queries[] = {
    &api_orders__add_order_line_query,
    &api_users__authenticate_user_query,
    &api_orders__cancel_order_query,
    &api_orders__claim_pending_orders_query,
    &api_orders__complete_claimed_orders_query,
    &api_users__create_admin_query,
    &api_orders__create_order_query,
    &api_users__create_user_query,
    &api_users__find_user_for_login_query,
    &api_orders__get_order_query,
    &api_users__get_user_query,
    &api_orders__list_order_history_query,
    &api_orders__list_order_lines_query,
    &api_orders__list_orders_query,
    &api_users__lock_refresh_family_query,
    &api_orders__orders_to_complete_query,
    &api_orders__record_notification_query,
    &api_users__revoke_refresh_family_query,
    &api_users__rotate_refresh_token_query,
    &api_users__set_user_role_query,
    &api_users__start_refresh_family_query,
};
const int api_query_count = 21;

/* Background jobs, sorted by kind. */
const rt_job *const api_jobs[] = {
    &api_jobs__job_order_created,
    &api_jobs__job_process_pending_orders,
};
const int api_job_count = 2;

/* schedule JOB every config.KEY */
const rt_schedule api_schedules[] = {
    {.job = &api_jobs__job_process_pending_orders, .interval = RT_CONFIG_SCHEDULER_INTERVAL_SECONDS,
     .spec_file = "spec/jobs.api", .spec_line = 29},
};
const int api_schedule_count = 1;

/* Lifecycles, sorted by name. */
const rt_lifecycle *const api_lifecycles[] = {
    &api_lifecycle__lifecycle_order_status,
};
const int api_lifecycle_count = 1;
