/* generated from migrations/0001_shop.sql, spec/orders.sql and spec/orders.api
 * by specc — do not edit. */
#ifndef API_H
#define API_H

#include "rt_api.h"
#include "orders_sql.h"

/* spec/orders.api */
extern const rt_job api_orders__job_order_created;
extern const rt_job api_orders__job_process_pending_orders;
extern const rt_endpoint api_orders__post_orders;
extern const rt_endpoint api_orders__get_orders;
extern const rt_endpoint api_orders__get_orders_page;
extern const rt_endpoint api_orders__patch_orders_uid_cancel;
extern const rt_lifecycle api_orders__lifecycle_order_status;

#endif /* API_H */
