/* generated from migrations/0001_shop.sql, spec/shop.sql and spec/shop.api
 * by specc — do not edit. */
#ifndef API_H
#define API_H

#include "rt_api.h"
#include "shop_sql.h"

/* spec/shop.api */
extern const rt_endpoint api_shop__post_orders;
extern const rt_endpoint api_shop__patch_orders_uid;
extern const rt_endpoint api_shop__get_orders_uid;
extern const rt_endpoint api_shop__get_products;
extern const rt_endpoint api_shop__patch_orders_uid_status;
extern const rt_endpoint api_shop__delete_orders_uid;
extern const rt_endpoint api_shop__post_orders_count;

#endif /* API_H */
