/* generated from spec/shop.sql by specc — do not edit. */
#include "shop_sql.h"

/* ---- CreateOrder :one (spec/shop.sql:3) */

/* spec/shop.sql:3 */
static const char create_order_sql[] =
    "INSERT INTO orders (user_id, amount, note)\n"
    "SELECT u.id, $1, $2::text\n"
    "FROM users u\n"
    "WHERE u.uid = $3\n"
    "RETURNING uid, status, created_at";

static const rt_param create_order_params[] = {
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "note", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "user_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column create_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

const rt_query api_shop__create_order_query = {
    .id = 3,
    .name = "CreateOrder",
    .sql = create_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_order_params,
    .param_count = 3,
    .columns = create_order_columns,
    .column_count = 3,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/shop.sql",
    .spec_line = 3,
};

/* ---- AddLine :exec (spec/shop.sql:11) */

/* spec/shop.sql:11 */
static const char add_line_sql[] =
    "INSERT INTO order_lines (order_id, product_id, quantity, gift)\n"
    "VALUES ((SELECT id FROM orders WHERE uid = $1), $2, $3, $4)";

static const rt_param add_line_params[] = {
    {.name = "order_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "product_id", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "quantity", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "gift", .type = RT_TYPE_BOOL, .type_name = "bool"},
};

const rt_query api_shop__add_line_query = {
    .id = 0,
    .name = "AddLine",
    .sql = add_line_sql,
    .cardinality = RT_CARD_EXEC,
    .params = add_line_params,
    .param_count = 4,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/shop.sql",
    .spec_line = 11,
};

/* ---- AddLines :exec (spec/shop.sql:15) */

/* spec/shop.sql:15 */
static const char add_lines_sql[] =
    "INSERT INTO order_lines (order_id, product_id, quantity, gift)\n"
    "SELECT (SELECT id FROM orders WHERE uid = $1), i.product_id, i.quantity, $2\n"
    "FROM jsonb_to_recordset($3::jsonb) AS i(product_id int, quantity int)";

static const rt_param add_lines_params[] = {
    {.name = "order_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "gift", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "lines", .type = RT_TYPE_JSON, .type_name = "jsonb"},
};

const rt_query api_shop__add_lines_query = {
    .id = 1,
    .name = "AddLines",
    .sql = add_lines_sql,
    .cardinality = RT_CARD_EXEC,
    .params = add_lines_params,
    .param_count = 3,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/shop.sql",
    .spec_line = 15,
};

/* ---- GetOrder :one (spec/shop.sql:21) */

/* spec/shop.sql:21 */
static const char get_order_sql[] =
    "SELECT o.uid, o.status, o.amount, o.note, u.email AS owner_email,\n"
    "       count(l.order_id) AS line_count\n"
    "FROM orders o\n"
    "JOIN users u ON u.id = o.user_id\n"
    "LEFT JOIN order_lines l ON l.order_id = o.id\n"
    "WHERE o.uid = $1\n"
    "GROUP BY o.id, u.email";

static const rt_param get_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column get_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "note", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "owner_email", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "line_count", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_shop__get_order_query = {
    .id = 5,
    .name = "GetOrder",
    .sql = get_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = get_order_params,
    .param_count = 1,
    .columns = get_order_columns,
    .column_count = 6,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/shop.sql",
    .spec_line = 21,
};

/* ---- ListLines :many (spec/shop.sql:30) */

/* spec/shop.sql:30 */
static const char list_lines_sql[] =
    "SELECT p.sku, p.name, l.quantity, l.gift, p.stock, p.active\n"
    "FROM order_lines l\n"
    "LEFT JOIN products p ON p.id = l.product_id\n"
    "WHERE l.order_id = (SELECT id FROM orders WHERE uid = $1)\n"
    "ORDER BY p.sku";

static const rt_param list_lines_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column list_lines_columns[] = {
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "quantity", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "gift", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = true},
    {.name = "stock", .type = RT_TYPE_INT, .type_name = "int", .nullable = true},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = true},
};

const rt_query api_shop__list_lines_query = {
    .id = 6,
    .name = "ListLines",
    .sql = list_lines_sql,
    .cardinality = RT_CARD_MANY,
    .params = list_lines_params,
    .param_count = 1,
    .columns = list_lines_columns,
    .column_count = 6,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/shop.sql",
    .spec_line = 30,
};

/* ---- SearchProducts :many (spec/shop.sql:37) */

/* spec/shop.sql:37 */
static const char search_products_sql[] =
    "WITH visible AS (\n"
    "    SELECT id, sku, name, price FROM products WHERE active AND stock >= $1::int\n"
    ")\n"
    "SELECT v.sku, v.name, v.price, exists(SELECT 1 FROM order_lines l WHERE l.product_id = v.id) AS ordered\n"
    "FROM visible v\n"
    "WHERE v.name ILIKE $2 AND v.price BETWEEN $3 AND $4\n"
    "ORDER BY v.sku\n"
    "LIMIT $5";

static const rt_param search_products_params[] = {
    {.name = "min_stock", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "pattern", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "min_price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "max_price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "max_rows", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column search_products_columns[] = {
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "ordered", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
};

const rt_query api_shop__search_products_query = {
    .id = 7,
    .name = "SearchProducts",
    .sql = search_products_sql,
    .cardinality = RT_CARD_MANY,
    .params = search_products_params,
    .param_count = 5,
    .columns = search_products_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/shop.sql",
    .spec_line = 37,
};

/* ---- SetStatus :one (spec/shop.sql:47) */

/* spec/shop.sql:47 */
static const char set_status_sql[] =
    "UPDATE orders SET status = $1\n"
    "WHERE uid = $2\n"
    "RETURNING uid, status";

static const rt_param set_status_params[] = {
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column set_status_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
};

const rt_query api_shop__set_status_query = {
    .id = 9,
    .name = "SetStatus",
    .sql = set_status_sql,
    .cardinality = RT_CARD_ONE,
    .params = set_status_params,
    .param_count = 2,
    .columns = set_status_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/shop.sql",
    .spec_line = 47,
};

/* ---- DeleteOrder :exec (spec/shop.sql:52) */

/* spec/shop.sql:52 */
static const char delete_order_sql[] =
    "DELETE FROM orders WHERE uid = $1 AND status = 'pending'";

static const rt_param delete_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

const rt_query api_shop__delete_order_query = {
    .id = 4,
    .name = "DeleteOrder",
    .sql = delete_order_sql,
    .cardinality = RT_CARD_EXEC,
    .params = delete_order_params,
    .param_count = 1,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/shop.sql",
    .spec_line = 52,
};

/* ---- SetNote :one (spec/shop.sql:55) */

/* spec/shop.sql:55 */
static const char set_note_sql[] =
    "UPDATE orders SET note = CASE WHEN $1::bool THEN $2::text ELSE note END\n"
    "WHERE uid = $3\n"
    "RETURNING uid, note";

static const rt_param set_note_params[] = {
    {.name = "note_sent", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "note", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column set_note_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "note", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_shop__set_note_query = {
    .id = 8,
    .name = "SetNote",
    .sql = set_note_sql,
    .cardinality = RT_CARD_ONE,
    .params = set_note_params,
    .param_count = 3,
    .columns = set_note_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/shop.sql",
    .spec_line = 55,
};

/* ---- CountOrders :one (spec/shop.sql:61) */

/* spec/shop.sql:61 */
static const char count_orders_sql[] =
    "SELECT count(*) AS orders\n"
    "FROM orders o\n"
    "WHERE o.status::text IN (SELECT jsonb_array_elements_text($1::jsonb))\n"
    "  AND ($2::jsonb IS NULL OR EXISTS (\n"
    "        SELECT 1 FROM order_lines l JOIN products p ON p.id = l.product_id\n"
    "        WHERE l.order_id = o.id AND p.sku IN (SELECT jsonb_array_elements_text($2::jsonb))))";

static const rt_param count_orders_params[] = {
    {.name = "statuses", .type = RT_TYPE_JSON, .type_name = "jsonb"},
    {.name = "skus", .type = RT_TYPE_JSON, .type_name = "jsonb"},
};

static const rt_column count_orders_columns[] = {
    {.name = "orders", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_shop__count_orders_query = {
    .id = 2,
    .name = "CountOrders",
    .sql = count_orders_sql,
    .cardinality = RT_CARD_ONE,
    .params = count_orders_params,
    .param_count = 2,
    .columns = count_orders_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/shop.sql",
    .spec_line = 61,
};
