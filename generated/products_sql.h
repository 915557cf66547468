/* generated from spec/products.sql by specc — do not edit. */
#ifndef API_PRODUCTS_SQL_H
#define API_PRODUCTS_SQL_H

#include "rt_api.h"

/* CreateProduct :one (spec/products.sql:4) */
extern const rt_query api_products__create_product_query;

/* RecordInitialStock :exec (spec/products.sql:11) */
extern const rt_query api_products__record_initial_stock_query;

/* GetProduct :one (spec/products.sql:15) */
extern const rt_query api_products__get_product_query;

/* LockProduct :one (spec/products.sql:21) */
extern const rt_query api_products__lock_product_query;

/* ListProducts :page (spec/products.sql:29) */
extern const rt_query api_products__list_products_query;

/* UpdateProduct :one (spec/products.sql:44) */
extern const rt_query api_products__update_product_query;

/* DeleteProduct :one (spec/products.sql:60) */
extern const rt_query api_products__delete_product_query;

/* AddStockMovement :one (spec/products.sql:66) */
extern const rt_query api_products__add_stock_movement_query;

/* FindProduct :one (spec/products.sql:76) */
extern const rt_query api_products__find_product_query;

/* ListStockMovements :page (spec/products.sql:81) */
extern const rt_query api_products__list_stock_movements_query;

/* ProductsOffLedger :many (spec/products.sql:89) */
extern const rt_query api_products__products_off_ledger_query;

#endif /* API_PRODUCTS_SQL_H */
