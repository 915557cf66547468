/* generated from spec/shop.sql by specc — do not edit. */
#ifndef API_SHOP_SQL_H
#define API_SHOP_SQL_H

#include "rt_api.h"

/* CreateOrder :one (spec/shop.sql:3) */
extern const rt_query api_shop__create_order_query;

/* AddLine :exec (spec/shop.sql:11) */
extern const rt_query api_shop__add_line_query;

/* GetOrder :one (spec/shop.sql:15) */
extern const rt_query api_shop__get_order_query;

/* ListLines :many (spec/shop.sql:24) */
extern const rt_query api_shop__list_lines_query;

/* SearchProducts :many (spec/shop.sql:31) */
extern const rt_query api_shop__search_products_query;

/* SetStatus :one (spec/shop.sql:41) */
extern const rt_query api_shop__set_status_query;

/* DeleteOrder :exec (spec/shop.sql:46) */
extern const rt_query api_shop__delete_order_query;

/* SetNote :one (spec/shop.sql:49) */
extern const rt_query api_shop__set_note_query;

#endif /* API_SHOP_SQL_H */
