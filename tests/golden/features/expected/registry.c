/* generated from migrations/0001_shop.sql, spec/shop.sql and spec/shop.api
 * by specc — do not edit. */
#include <stddef.h>

#include "api.h"

/* Sorted by pattern, then method (bytewise). */
const rt_route api_routes[] = {
    {"POST", "/orders", &api_shop__post_orders},
    {"POST", "/orders/count", &api_shop__post_orders_count},
    {"DELETE", "/orders/{uid}", &api_shop__delete_orders_uid},
    {"GET", "/orders/{uid}", &api_shop__get_orders_uid},
    {"PATCH", "/orders/{uid}", &api_shop__patch_orders_uid},
    {"PATCH", "/orders/{uid}/status", &api_shop__patch_orders_uid_status},
    {"GET", "/products", &api_shop__get_products},
};
const int api_route_count = 7;

/* Indexed by rt_query.id: every query, sorted by name. */
const rt_query *const api_queries[] = {
    &api_shop__add_line_query,
    &api_shop__add_lines_query,
    &api_shop__count_orders_query,
    &api_shop__create_order_query,
    &api_shop__delete_order_query,
    &api_shop__get_order_query,
    &api_shop__list_lines_query,
    &api_shop__search_products_query,
    &api_shop__set_note_query,
    &api_shop__set_status_query,
};
const int api_query_count = 10;

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
