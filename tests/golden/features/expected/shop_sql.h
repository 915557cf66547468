/* generated from spec/shop.sql by specc — do not edit. */
#ifndef API_SHOP_SQL_H
#define API_SHOP_SQL_H

#include "rt_api.h"

/* CreateOrder :one (spec/shop.sql:3) */
extern const rt_query api_shop__create_order_query;

/* AddLine :exec (spec/shop.sql:11) */
extern const rt_query api_shop__add_line_query;

/* AddLines :exec (spec/shop.sql:15) */
extern const rt_query api_shop__add_lines_query;

/* GetOrder :one (spec/shop.sql:21) */
extern const rt_query api_shop__get_order_query;

/* ListLines :many (spec/shop.sql:30) */
extern const rt_query api_shop__list_lines_query;

/* SearchProducts :many (spec/shop.sql:37) */
extern const rt_query api_shop__search_products_query;

/* SetStatus :one (spec/shop.sql:47) */
extern const rt_query api_shop__set_status_query;

/* DeleteOrder :exec (spec/shop.sql:52) */
extern const rt_query api_shop__delete_order_query;

/* SetNote :one (spec/shop.sql:55) */
extern const rt_query api_shop__set_note_query;

/* CountOrders :one (spec/shop.sql:61) */
extern const rt_query api_shop__count_orders_query;

#endif /* API_SHOP_SQL_H */
