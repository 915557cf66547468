/* generated from migrations/0001_users.sql, migrations/0002_orders.sql,
 * migrations/0003_jobs.sql, migrations/0004_refresh_families.sql,
 * migrations/0005_jobs_request_id.sql, migrations/0006_products.sql,
 * migrations/0007_order_stock.sql, migrations/0008_catalog_orders.sql,
 * migrations/0009_list_indexes.sql, migrations/0010_idempotency_keys.sql,
 * migrations/0011_versions.sql, migrations/0012_webhooks.sql,
 * migrations/0013_user_list_indexes.sql, migrations/0015_order_item_errors.sql,
 * migrations/0016_idempotency_etag.sql, migrations/0017_claim_batches.sql, spec/orders.sql,
 * spec/products.sql, spec/reports.sql, spec/runtime.sql, spec/users.sql, spec/webhooks.sql,
 * spec/jobs.api, spec/lifecycle.api, spec/orders.api, spec/products.api, spec/reports.api,
 * spec/users.api and spec/webhooks.api by specc — do not edit. */
#ifndef API_H
#define API_H

#include "rt_api.h"
#include "orders_sql.h"
#include "products_sql.h"
#include "reports_sql.h"
#include "runtime_sql.h"
#include "users_sql.h"
#include "webhooks_sql.h"

/* spec/jobs.api */
extern const rt_job api_jobs__job_order_created;
extern const rt_job api_jobs__job_process_pending_orders;
extern const rt_job api_jobs__job_purge_idempotency_keys;

/* spec/lifecycle.api */
extern const rt_lifecycle api_lifecycle__lifecycle_order_status;

/* spec/orders.api */
extern const rt_endpoint api_orders__get_orders;
extern const rt_endpoint api_orders__post_orders;
extern const rt_endpoint api_orders__get_orders_uid;
extern const rt_endpoint api_orders__patch_orders_uid_cancel;
extern const rt_endpoint api_orders__patch_orders_uid_confirm;
extern const rt_endpoint api_orders__patch_orders_uid_ship;
extern const rt_endpoint api_orders__patch_orders_uid_deliver;

/* spec/products.api */
extern const rt_endpoint api_products__post_products;
extern const rt_endpoint api_products__get_products;
extern const rt_endpoint api_products__get_products_uid;
extern const rt_endpoint api_products__patch_products_uid;
extern const rt_endpoint api_products__post_products_uid_stock;
extern const rt_endpoint api_products__get_products_uid_movements;
extern const rt_endpoint api_products__delete_products_uid;

/* spec/reports.api */
extern const rt_endpoint api_reports__get_reports_summary;
extern const rt_endpoint api_reports__get_reports_sales;

/* spec/users.api */
extern const rt_endpoint api_users__post_users_register;
extern const rt_endpoint api_users__post_users_login;
extern const rt_endpoint api_users__post_users_token_refresh;
extern const rt_endpoint api_users__post_users_logout;
extern const rt_endpoint api_users__get_users_me;
extern const rt_endpoint api_users__get_users;
extern const rt_endpoint api_users__patch_users_uid_role;

/* spec/webhooks.api */
extern const rt_endpoint api_webhooks__post_webhooks;
extern const rt_endpoint api_webhooks__get_webhooks;
extern const rt_endpoint api_webhooks__get_webhooks_uid;
extern const rt_endpoint api_webhooks__patch_webhooks_uid;
extern const rt_endpoint api_webhooks__delete_webhooks_uid;
extern const rt_endpoint api_webhooks__post_webhooks_uid_rotate_secret;
extern const rt_endpoint api_webhooks__get_webhooks_uid_deliveries;
extern const rt_endpoint api_webhooks__post_webhooks_uid_deliveries_id_retry;

#endif /* API_H */
