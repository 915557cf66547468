/* generated from spec/orders.sql by specc — do not edit. */
#ifndef API_ORDERS_SQL_H
#define API_ORDERS_SQL_H

#include "rt_api.h"

/* CreateOrder :one (spec/orders.sql:3) */
extern const rt_query api_orders__create_order_query;

/* ListOrders :page (spec/orders.sql:10) */
extern const rt_query api_orders__list_orders_query;

/* ListOrderPage :page (spec/orders.sql:22) */
extern const rt_query api_orders__list_order_page_query;

/* CancelOrder :one (spec/orders.sql:34) */
extern const rt_query api_orders__cancel_order_query;

/* RecordNotification :exec (spec/orders.sql:40) */
extern const rt_query api_orders__record_notification_query;

/* StartPending :many (spec/orders.sql:45) */
extern const rt_query api_orders__start_pending_query;

/* CompleteProcessing :many (spec/orders.sql:48) */
extern const rt_query api_orders__complete_processing_query;

#endif /* API_ORDERS_SQL_H */
