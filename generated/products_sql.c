/* generated from spec/products.sql by specc — do not edit. */
#include "products_sql.h"

/* ---- CreateProduct :one (spec/products.sql:4) */

/* spec/products.sql:4 */
static const char create_product_sql[] =
    "INSERT INTO products (sku, name, description, price, low_stock_threshold, active)\n"
    "VALUES ($1, $2, $3, $4, $5, $6)\n"
    "RETURNING id, uid";

static const rt_param create_product_params[] = {
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "description", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "low_stock_threshold", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool"},
};

static const rt_column create_product_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_products__create_product_query = {
    .id = 13,
    .name = "CreateProduct",
    .sql = create_product_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_product_params,
    .param_count = 6,
    .columns = create_product_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/products.sql",
    .spec_line = 4,
};

/* ---- RecordInitialStock :exec (spec/products.sql:11) */

/* spec/products.sql:11 */
static const char record_initial_stock_sql[] =
    "INSERT INTO inventory_movements (product_id, delta, reason)\n"
    "VALUES ($1, $2, 'initial')";

static const rt_param record_initial_stock_params[] = {
    {.name = "product_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "delta", .type = RT_TYPE_INT, .type_name = "int"},
};

const rt_query api_products__record_initial_stock_query = {
    .id = 53,
    .name = "RecordInitialStock",
    .sql = record_initial_stock_sql,
    .cardinality = RT_CARD_EXEC,
    .params = record_initial_stock_params,
    .param_count = 2,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/products.sql",
    .spec_line = 11,
};

/* ---- GetProduct :one (spec/products.sql:15) */

/* spec/products.sql:15 */
static const char get_product_sql[] =
    "SELECT p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,\n"
    "       p.created_at, p.updated_at, p.version\n"
    "FROM products p\n"
    "WHERE p.uid = $1 AND p.deleted_at IS NULL";

static const rt_param get_product_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column get_product_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "description", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "stock", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "low_stock_threshold", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_products__get_product_query = {
    .id = 29,
    .name = "GetProduct",
    .sql = get_product_sql,
    .cardinality = RT_CARD_ONE,
    .params = get_product_params,
    .param_count = 1,
    .columns = get_product_columns,
    .column_count = 11,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/products.sql",
    .spec_line = 15,
};

/* ---- LockProduct :one (spec/products.sql:21) */

/* spec/products.sql:21 */
static const char lock_product_sql[] =
    "SELECT p.id, p.version\n"
    "FROM products p\n"
    "WHERE p.uid = $1 AND p.deleted_at IS NULL\n"
    "FOR UPDATE";

static const rt_param lock_product_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column lock_product_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_products__lock_product_query = {
    .id = 45,
    .name = "LockProduct",
    .sql = lock_product_sql,
    .cardinality = RT_CARD_ONE,
    .params = lock_product_params,
    .param_count = 1,
    .columns = lock_product_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/products.sql",
    .spec_line = 21,
};

/* ---- ListProducts :page (spec/products.sql:29) */

/* spec/products.sql:29 */
static const char list_products_sql[] =
    "SELECT p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,\n"
    "       p.created_at, p.updated_at, p.version, p.id AS page_tiebreak\n"
    "FROM products p\n"
    "WHERE p.deleted_at IS NULL\n"
    "  AND lower(p.sku) = lower($1::text)\n"
    "  AND strpos(lower(p.name), lower($2::text)) > 0\n"
    "  AND p.active = $3\n"
    "  AND p.price >= $4\n"
    "  AND p.price <= $5\n"
    "  AND (p.stock <= p.low_stock_threshold) = $6::bool\n"
    "  AND (p.name, p.id) > ($7, $8)\n"
    "ORDER BY p.name ASC, p.id ASC\n"
    "LIMIT $9 OFFSET $10";

static const rt_param list_products_params[] = {
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "q", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "min_price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "max_price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "low_stock", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "cursor_key", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "cursor_tiebreak", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_products_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "description", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "stock", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "low_stock_threshold", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "page_tiebreak", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

static const int list_products_part1_params[] = {0};

static const int list_products_part2_params[] = {1};

static const int list_products_part3_params[] = {2};

static const int list_products_part4_params[] = {3};

static const int list_products_part5_params[] = {4};

static const int list_products_part6_params[] = {5};

static const int list_products_part7_params[] = {6, 7};

/* spec/products.sql:29: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_products_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,\n"
         "       p.created_at, p.updated_at, p.version, p.id AS page_tiebreak\n"
         "FROM products p\n"
         "WHERE p.deleted_at IS NULL\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND lower(p.sku) = lower($1::text)\n",
     .params = list_products_part1_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND strpos(lower(p.name), lower($2::text)) > 0\n",
     .params = list_products_part2_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND p.active = $3\n",
     .params = list_products_part3_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND p.price >= $4\n",
     .params = list_products_part4_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND p.price <= $5\n",
     .params = list_products_part5_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND (p.stock <= p.low_stock_threshold) = $6::bool\n",
     .params = list_products_part6_params, .param_count = 1},
    {.kind = RT_PART_KEYSET,
     .text = "  AND (p.name, p.id) > ($7, $8)\n",
     .params = list_products_part7_params, .param_count = 2},
    {.kind = RT_PART_ORDER,
     .text = "ORDER BY p.name ASC, p.id ASC"},
    {.kind = RT_PART_PAGE,
     .text = "\n"
         "LIMIT $9 OFFSET $10"},
};

/* spec/products.sql:29: -- ordering: */
static const rt_ordering list_products_orderings[] = {
    {.name = "name", .sql = "ORDER BY name ASC, p.id ASC",
     .reverse_sql = "ORDER BY name DESC, p.id DESC", .after = "  AND (p.name, p.id) > ($7, $8)\n",
     .before = "  AND (p.name, p.id) < ($7, $8)\n", .key_column = 2},
    {.name = "-name", .sql = "ORDER BY name DESC, p.id DESC",
     .reverse_sql = "ORDER BY name ASC, p.id ASC", .after = "  AND (p.name, p.id) < ($7, $8)\n",
     .before = "  AND (p.name, p.id) > ($7, $8)\n", .key_column = 2},
    {.name = "price", .sql = "ORDER BY price ASC, p.id ASC",
     .reverse_sql = "ORDER BY price DESC, p.id DESC", .after = "  AND (p.price, p.id) > ($7, $8)\n",
     .before = "  AND (p.price, p.id) < ($7, $8)\n", .key_column = 4},
    {.name = "-price", .sql = "ORDER BY price DESC, p.id DESC",
     .reverse_sql = "ORDER BY price ASC, p.id ASC", .after = "  AND (p.price, p.id) < ($7, $8)\n",
     .before = "  AND (p.price, p.id) > ($7, $8)\n", .key_column = 4},
    {.name = "stock", .sql = "ORDER BY stock ASC, p.id ASC",
     .reverse_sql = "ORDER BY stock DESC, p.id DESC", .after = "  AND (p.stock, p.id) > ($7, $8)\n",
     .before = "  AND (p.stock, p.id) < ($7, $8)\n", .key_column = 5},
    {.name = "-stock", .sql = "ORDER BY stock DESC, p.id DESC",
     .reverse_sql = "ORDER BY stock ASC, p.id ASC", .after = "  AND (p.stock, p.id) < ($7, $8)\n",
     .before = "  AND (p.stock, p.id) > ($7, $8)\n", .key_column = 5},
    {.name = "created_at", .sql = "ORDER BY created_at ASC, p.id ASC",
     .reverse_sql = "ORDER BY created_at DESC, p.id DESC",
     .after = "  AND (p.created_at, p.id) > ($7, $8)\n",
     .before = "  AND (p.created_at, p.id) < ($7, $8)\n", .key_column = 8},
    {.name = "-created_at", .sql = "ORDER BY created_at DESC, p.id DESC",
     .reverse_sql = "ORDER BY created_at ASC, p.id ASC",
     .after = "  AND (p.created_at, p.id) < ($7, $8)\n",
     .before = "  AND (p.created_at, p.id) > ($7, $8)\n", .key_column = 8},
};

/* spec/products.sql:29: the ORDER BY of a :page keyset query */
static const rt_ordering list_products_keyset_default = {.sql = "ORDER BY p.name ASC, p.id ASC",
                                                         .reverse_sql = "ORDER BY p.name DESC, p.id DESC",
                                                         .after = "  AND (p.name, p.id) > ($7, $8)\n",
                                                         .before = "  AND (p.name, p.id) < ($7, $8)\n",
                                                         .key_column = 2};

const rt_query api_products__list_products_query = {
    .id = 38,
    .name = "ListProducts",
    .sql = list_products_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_products_params,
    .param_count = 10,
    .columns = list_products_columns,
    .column_count = 12,
    .parts = list_products_parts,
    .part_count = 10,
    .orderings = list_products_orderings,
    .ordering_count = 8,
    .keyset_default = &list_products_keyset_default,
    .reads_only = true,
    .spec_file = "spec/products.sql",
    .spec_line = 29,
};

/* ---- UpdateProduct :one (spec/products.sql:44) */

/* spec/products.sql:44 */
static const char update_product_sql[] =
    "UPDATE products p\n"
    "SET sku = coalesce($1::text, p.sku),\n"
    "    name = coalesce($2::text, p.name),\n"
    "    description = CASE WHEN $3::bool THEN $4::text ELSE p.description END,\n"
    "    price = coalesce($5::numeric(12,2), p.price),\n"
    "    low_stock_threshold = coalesce($6::int, p.low_stock_threshold),\n"
    "    active = coalesce($7::bool, p.active),\n"
    "    updated_at = now()\n"
    "WHERE p.uid = $8 AND p.deleted_at IS NULL\n"
    "RETURNING p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,\n"
    "          p.created_at, p.updated_at, p.version";

static const rt_param update_product_params[] = {
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "description_set", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "description", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "low_stock_threshold", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column update_product_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "description", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "stock", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "low_stock_threshold", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_products__update_product_query = {
    .id = 73,
    .name = "UpdateProduct",
    .sql = update_product_sql,
    .cardinality = RT_CARD_ONE,
    .params = update_product_params,
    .param_count = 8,
    .columns = update_product_columns,
    .column_count = 11,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/products.sql",
    .spec_line = 44,
};

/* ---- DeleteProduct :one (spec/products.sql:60) */

/* spec/products.sql:60 */
static const char delete_product_sql[] =
    "UPDATE products p SET deleted_at = now(), active = false, updated_at = now()\n"
    "WHERE p.uid = $1 AND p.deleted_at IS NULL\n"
    "RETURNING p.uid";

static const rt_param delete_product_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column delete_product_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_products__delete_product_query = {
    .id = 16,
    .name = "DeleteProduct",
    .sql = delete_product_sql,
    .cardinality = RT_CARD_ONE,
    .params = delete_product_params,
    .param_count = 1,
    .columns = delete_product_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/products.sql",
    .spec_line = 60,
};

/* ---- AddStockMovement :one (spec/products.sql:66) */

/* spec/products.sql:66 */
static const char add_stock_movement_sql[] =
    "INSERT INTO inventory_movements (product_id, delta, reason)\n"
    "SELECT p.id, $1, $2::text::inventory_reason\n"
    "FROM products p\n"
    "WHERE p.uid = $3 AND p.deleted_at IS NULL\n"
    "RETURNING id";

static const rt_param add_stock_movement_params[] = {
    {.name = "delta", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "reason", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column add_stock_movement_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_products__add_stock_movement_query = {
    .id = 0,
    .name = "AddStockMovement",
    .sql = add_stock_movement_sql,
    .cardinality = RT_CARD_ONE,
    .params = add_stock_movement_params,
    .param_count = 3,
    .columns = add_stock_movement_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/products.sql",
    .spec_line = 66,
};

/* ---- FindProduct :one (spec/products.sql:76) */

/* spec/products.sql:76 */
static const char find_product_sql[] =
    "SELECT p.id\n"
    "FROM products p\n"
    "WHERE p.uid = $1 AND p.deleted_at IS NULL";

static const rt_param find_product_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column find_product_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_products__find_product_query = {
    .id = 21,
    .name = "FindProduct",
    .sql = find_product_sql,
    .cardinality = RT_CARD_ONE,
    .params = find_product_params,
    .param_count = 1,
    .columns = find_product_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/products.sql",
    .spec_line = 76,
};

/* ---- ListStockMovements :page (spec/products.sql:81) */

/* spec/products.sql:81 */
static const char list_stock_movements_sql[] =
    "SELECT m.id, m.delta, m.reason, o.uid AS order_id, m.actor, m.created_at\n"
    "FROM inventory_movements m\n"
    "LEFT JOIN orders o ON o.id = m.order_id\n"
    "WHERE m.product_id = $1\n"
    "ORDER BY m.id DESC\n"
    "LIMIT $2 OFFSET $3";

static const rt_param list_stock_movements_params[] = {
    {.name = "product_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_stock_movements_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "delta", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "reason", .type = RT_TYPE_ENUM, .type_name = "inventory_reason", .nullable = false},
    {.name = "order_id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = true},
    {.name = "actor", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

/* spec/products.sql:81: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_stock_movements_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT m.id, m.delta, m.reason, o.uid AS order_id, m.actor, m.created_at\n"
         "FROM inventory_movements m\n"
         "LEFT JOIN orders o ON o.id = m.order_id\n"
         "WHERE m.product_id = $1\n"
         "ORDER BY m.id DESC"},
    {.kind = RT_PART_PAGE,
     .text = "\n"
         "LIMIT $2 OFFSET $3"},
};

const rt_query api_products__list_stock_movements_query = {
    .id = 39,
    .name = "ListStockMovements",
    .sql = list_stock_movements_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_stock_movements_params,
    .param_count = 3,
    .columns = list_stock_movements_columns,
    .column_count = 6,
    .parts = list_stock_movements_parts,
    .part_count = 2,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/products.sql",
    .spec_line = 81,
};

/* ---- ProductsOffLedger :many (spec/products.sql:89) */

/* spec/products.sql:89 */
static const char products_off_ledger_sql[] =
    "SELECT p.uid, p.sku, p.stock, coalesce(sum(m.delta), 0)::bigint AS ledger\n"
    "FROM products p\n"
    "LEFT JOIN inventory_movements m ON m.product_id = p.id\n"
    "GROUP BY p.id\n"
    "HAVING p.stock <> coalesce(sum(m.delta), 0)\n"
    "ORDER BY p.id";

static const rt_column products_off_ledger_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "stock", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "ledger", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_products__products_off_ledger_query = {
    .id = 51,
    .name = "ProductsOffLedger",
    .sql = products_off_ledger_sql,
    .cardinality = RT_CARD_MANY,
    .params = NULL,
    .param_count = 0,
    .columns = products_off_ledger_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/products.sql",
    .spec_line = 89,
};
