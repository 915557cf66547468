/* generated from spec/orders.sql by specc — do not edit. */
#ifndef API_ORDERS_SQL_H
#define API_ORDERS_SQL_H

#include "rt_api.h"

/* CreateOrder :one (spec/orders.sql:3) */
extern const rt_query api_orders__create_order_query;

/* ListOrders :page (spec/orders.sql:80) */
extern const rt_query api_orders__list_orders_query;

/* GetOrder :one (spec/orders.sql:105) */
extern const rt_query api_orders__get_order_query;

/* LockOrder :one (spec/orders.sql:112) */
extern const rt_query api_orders__lock_order_query;

/* ListOrderLines :many (spec/orders.sql:121) */
extern const rt_query api_orders__list_order_lines_query;

/* ListOrderHistory :many (spec/orders.sql:127) */
extern const rt_query api_orders__list_order_history_query;

/* CancelOrder :one (spec/orders.sql:133) */
extern const rt_query api_orders__cancel_order_query;

/* ConfirmOrder :one (spec/orders.sql:142) */
extern const rt_query api_orders__confirm_order_query;

/* ShipOrder :one (spec/orders.sql:148) */
extern const rt_query api_orders__ship_order_query;

/* DeliverOrder :one (spec/orders.sql:153) */
extern const rt_query api_orders__deliver_order_query;

/* RecordNotification :exec (spec/orders.sql:158) */
extern const rt_query api_orders__record_notification_query;

/* ClaimPendingOrders :many (spec/orders.sql:163) */
extern const rt_query api_orders__claim_pending_orders_query;

/* MoreOrdersPending :many (spec/orders.sql:171) */
extern const rt_query api_orders__more_orders_pending_query;

/* OrdersToComplete :many (spec/orders.sql:180) */
extern const rt_query api_orders__orders_to_complete_query;

/* CompleteClaimedOrders :many (spec/orders.sql:190) */
extern const rt_query api_orders__complete_claimed_orders_query;

#endif /* API_ORDERS_SQL_H */
