/* generated from migrations/0001_shop.sql, spec/orders.sql and spec/orders.api
 * by specc — do not edit. */
#include <stddef.h>

#include "api.h"

/* Sorted by pattern, then method (bytewise). */
const rt_route api_routes[] = {
    {"GET", "/orders", &api_orders__get_orders},
    {"POST", "/orders", &api_orders__post_orders},
    {"GET", "/orders/page", &api_orders__get_orders_page},
    {"PATCH", "/orders/{uid}/cancel", &api_orders__patch_orders_uid_cancel},
};
const int api_route_count = 4;

/* Indexed by rt_query.id: every query, sorted by name. */
const rt_query *const api_queries[] = {
    &api_orders__cancel_order_query,
    &api_orders__complete_processing_query,
    &api_orders__create_order_query,
    &api_orders__list_order_page_query,
    &api_orders__list_orders_query,
    &api_orders__record_notification_query,
    &api_orders__start_pending_query,
};
const int api_query_count = 7;

/* Background jobs, sorted by kind. */
const rt_job *const api_jobs[] = {
    &api_orders__job_order_created,
    &api_orders__job_process_pending_orders,
};
const int api_job_count = 2;

/* schedule JOB every config.KEY */
const rt_schedule api_schedules[] = {
    {.job = &api_orders__job_process_pending_orders,
     .interval = RT_CONFIG_SCHEDULER_INTERVAL_SECONDS, .spec_file = "spec/orders.api",
     .spec_line = 34},
};
const int api_schedule_count = 1;

/* Lifecycles, sorted by name. */
const rt_lifecycle *const api_lifecycles[] = {
    &api_orders__lifecycle_order_status,
};
const int api_lifecycle_count = 1;
