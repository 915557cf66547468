/* generated from migrations/0001_users.sql, migrations/0002_orders.sql,
 * migrations/0003_jobs.sql, migrations/0004_refresh_families.sql,
 * migrations/0005_jobs_request_id.sql, migrations/0006_products.sql,
 * migrations/0007_order_stock.sql, migrations/0008_catalog_orders.sql,
 * migrations/0009_list_indexes.sql, migrations/0010_idempotency_keys.sql,
 * migrations/0011_versions.sql, migrations/0012_webhooks.sql,
 * migrations/0013_user_list_indexes.sql, migrations/0015_order_item_errors.sql,
 * migrations/0016_idempotency_etag.sql, spec/orders.sql, spec/products.sql, spec/reports.sql,
 * spec/runtime.sql, spec/users.sql, spec/webhooks.sql, spec/jobs.api, spec/lifecycle.api,
 * spec/orders.api, spec/products.api, spec/reports.api, spec/users.api and spec/webhooks.api
 * by specc — do not edit. */
#include <stddef.h>

#include "api.h"

/* Sorted by pattern, then method (bytewise). */
const rt_route api_routes[] = {
    {"GET", "/orders", &api_orders__get_orders},
    {"POST", "/orders", &api_orders__post_orders},
    {"GET", "/orders/{uid}", &api_orders__get_orders_uid},
    {"PATCH", "/orders/{uid}/cancel", &api_orders__patch_orders_uid_cancel},
    {"PATCH", "/orders/{uid}/confirm", &api_orders__patch_orders_uid_confirm},
    {"PATCH", "/orders/{uid}/deliver", &api_orders__patch_orders_uid_deliver},
    {"PATCH", "/orders/{uid}/ship", &api_orders__patch_orders_uid_ship},
    {"GET", "/products", &api_products__get_products},
    {"POST", "/products", &api_products__post_products},
    {"DELETE", "/products/{uid}", &api_products__delete_products_uid},
    {"GET", "/products/{uid}", &api_products__get_products_uid},
    {"PATCH", "/products/{uid}", &api_products__patch_products_uid},
    {"GET", "/products/{uid}/movements", &api_products__get_products_uid_movements},
    {"POST", "/products/{uid}/stock", &api_products__post_products_uid_stock},
    {"GET", "/reports/sales", &api_reports__get_reports_sales},
    {"GET", "/reports/summary", &api_reports__get_reports_summary},
    {"GET", "/users", &api_users__get_users},
    {"POST", "/users/login", &api_users__post_users_login},
    {"POST", "/users/logout", &api_users__post_users_logout},
    {"GET", "/users/me", &api_users__get_users_me},
    {"POST", "/users/register", &api_users__post_users_register},
    {"POST", "/users/token/refresh", &api_users__post_users_token_refresh},
    {"PATCH", "/users/{uid}/role", &api_users__patch_users_uid_role},
    {"GET", "/webhooks", &api_webhooks__get_webhooks},
    {"POST", "/webhooks", &api_webhooks__post_webhooks},
    {"DELETE", "/webhooks/{uid}", &api_webhooks__delete_webhooks_uid},
    {"GET", "/webhooks/{uid}", &api_webhooks__get_webhooks_uid},
    {"PATCH", "/webhooks/{uid}", &api_webhooks__patch_webhooks_uid},
    {"GET", "/webhooks/{uid}/deliveries", &api_webhooks__get_webhooks_uid_deliveries},
    {"POST", "/webhooks/{uid}/deliveries/{id}/retry", &api_webhooks__post_webhooks_uid_deliveries_id_retry},
    {"POST", "/webhooks/{uid}/rotate-secret", &api_webhooks__post_webhooks_uid_rotate_secret},
};
const int api_route_count = 31;

/* Indexed by rt_query.id: every query, sorted by name. */
const rt_query *const api_queries[] = {
    &api_products__add_stock_movement_query,
    &api_users__authenticate_user_query,
    &api_runtime__bury_job_query,
    &api_orders__cancel_order_query,
    &api_runtime__claim_idempotency_key_query,
    &api_runtime__claim_job_query,
    &api_orders__claim_pending_orders_query,
    &api_webhooks__claim_webhook_delivery_query,
    &api_orders__complete_claimed_orders_query,
    &api_orders__confirm_order_query,
    &api_users__create_admin_query,
    &api_runtime__create_migrations_table_query,
    &api_orders__create_order_query,
    &api_products__create_product_query,
    &api_users__create_user_query,
    &api_webhooks__create_webhook_query,
    &api_products__delete_product_query,
    &api_webhooks__delete_webhook_query,
    &api_orders__deliver_order_query,
    &api_runtime__discard_job_query,
    &api_runtime__enqueue_job_query,
    &api_products__find_product_query,
    &api_users__find_user_for_login_query,
    &api_webhooks__find_webhook_query,
    &api_webhooks__find_webhook_delivery_query,
    &api_runtime__finish_job_query,
    &api_webhooks__finish_webhook_attempt_query,
    &api_runtime__get_job_status_query,
    &api_orders__get_order_query,
    &api_products__get_product_query,
    &api_users__get_user_query,
    &api_webhooks__get_webhook_query,
    &api_runtime__job_queue_stats_query,
    &api_runtime__list_applied_migrations_query,
    &api_runtime__list_jobs_query,
    &api_orders__list_order_history_query,
    &api_orders__list_order_lines_query,
    &api_orders__list_orders_query,
    &api_products__list_products_query,
    &api_products__list_stock_movements_query,
    &api_users__list_users_query,
    &api_webhooks__list_webhook_deliveries_query,
    &api_webhooks__list_webhooks_query,
    &api_runtime__lock_migrations_query,
    &api_orders__lock_order_query,
    &api_products__lock_product_query,
    &api_users__lock_refresh_family_query,
    &api_runtime__migration_checksum_query,
    &api_runtime__migrations_recorded_query,
    &api_orders__orders_to_complete_query,
    &api_products__products_off_ledger_query,
    &api_runtime__purge_idempotency_keys_query,
    &api_products__record_initial_stock_query,
    &api_runtime__record_migration_query,
    &api_orders__record_notification_query,
    &api_webhooks__replay_webhook_deliveries_query,
    &api_runtime__requeue_job_query,
    &api_runtime__retry_job_query,
    &api_webhooks__retry_webhook_delivery_query,
    &api_users__revoke_refresh_family_query,
    &api_users__rotate_refresh_token_query,
    &api_webhooks__rotate_webhook_secret_query,
    &api_reports__sales_range_query,
    &api_reports__sales_report_query,
    &api_runtime__set_actor_query,
    &api_users__set_user_role_query,
    &api_orders__ship_order_query,
    &api_users__start_refresh_family_query,
    &api_runtime__store_idempotent_response_query,
    &api_reports__summary_report_query,
    &api_runtime__unlock_all_jobs_query,
    &api_runtime__unlock_job_query,
    &api_products__update_product_query,
    &api_webhooks__update_webhook_query,
};
const int api_query_count = 74;

/* Background jobs, sorted by kind. */
const rt_job *const api_jobs[] = {
    &api_jobs__job_order_created,
    &api_jobs__job_process_pending_orders,
    &api_jobs__job_purge_idempotency_keys,
};
const int api_job_count = 3;

/* schedule JOB every config.KEY */
const rt_schedule api_schedules[] = {
    {.job = &api_jobs__job_process_pending_orders, .interval = RT_CONFIG_SCHEDULER_INTERVAL_SECONDS,
     .spec_file = "spec/jobs.api", .spec_line = 29},
    {.job = &api_jobs__job_purge_idempotency_keys,
     .interval = RT_CONFIG_IDEMPOTENCY_PURGE_INTERVAL_SECONDS, .spec_file = "spec/jobs.api",
     .spec_line = 44},
};
const int api_schedule_count = 2;

/* Lifecycles, sorted by name. */
const rt_lifecycle *const api_lifecycles[] = {
    &api_lifecycle__lifecycle_order_status,
};
const int api_lifecycle_count = 1;
