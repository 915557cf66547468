/* generated from spec/orders.sql by specc — do not edit. */
#include "orders_sql.h"

/* ---- CreateOrder :one (spec/orders.sql:3) */

/* spec/orders.sql:3 */
static const char create_order_sql[] =
    "WITH given AS (\n"
    "    SELECT i.sku, i.quantity, (row_number() OVER ())::int AS k\n"
    "    FROM jsonb_to_recordset(coalesce($1::jsonb, '[]'::jsonb)) AS i(sku text, quantity int)\n"
    "), wanted AS (\n"
    "    -- first: the first item with this sku (in any case)\n"
    "    SELECT g.sku, g.quantity, g.k, (min(g.k) OVER (PARTITION BY lower(g.sku)))::int AS first\n"
    "    FROM given g\n"
    "), priced AS (\n"
    "    -- per item, one probe of products_sku_key (a join would scan the catalog)\n"
    "    SELECT w.k, p.id AS product_id, p.sku, p.name, w.quantity, p.price\n"
    "    FROM wanted w\n"
    "    JOIN LATERAL (SELECT x.id, x.sku, x.name, x.price FROM products x\n"
    "                  WHERE lower(x.sku) = lower(w.sku) AND x.deleted_at IS NULL AND x.active\n"
    "                  LIMIT 1) p ON true\n"
    "), item_errors AS (\n"
    "    -- per item, its error or NULL; positions count from 0, as in \"fields\"\n"
    "    SELECT w.k, CASE\n"
    "        WHEN w.first < w.k THEN 'Duplicate sku: ' || w.sku || ' is also item ' || (w.first - 1) || '.'\n"
    "        WHEN NOT EXISTS (SELECT 1 FROM priced p WHERE p.k = w.k)\n"
    "            THEN 'Unknown or unavailable product: ' || w.sku || '.'\n"
    "        END AS error\n"
    "    FROM wanted w\n"
    "), checked AS (\n"
    "    SELECT order_items_valid(\n"
    "        (SELECT string_agg(d.sku, ', ' ORDER BY d.k)\n"
    "         FROM (SELECT min(w.sku) AS sku, min(w.k) AS k FROM wanted w\n"
    "               GROUP BY lower(w.sku) HAVING count(*) > 1) d),\n"
    "        (SELECT string_agg(w.sku, ', ' ORDER BY w.k) FROM wanted w\n"
    "         WHERE NOT EXISTS (SELECT 1 FROM priced p WHERE p.k = w.k)),\n"
    "        (SELECT jsonb_build_object('items', jsonb_agg(\n"
    "                    CASE WHEN e.error IS NULL THEN '{}'::jsonb\n"
    "                         ELSE jsonb_build_object('sku', jsonb_build_array(e.error)) END\n"
    "                    ORDER BY e.k))\n"
    "         FROM item_errors e HAVING count(e.error) > 0),\n"
    "        (SELECT sum(p.price * p.quantity) FROM priced p))::bool AS valid\n"
    "), lines AS (\n"
    "    SELECT p.k, p.product_id, p.sku, p.name AS product_name, p.quantity,\n"
    "           p.price AS unit_price, (p.price * p.quantity)::numeric AS amount\n"
    "    FROM priced p\n"
    "    UNION ALL\n"
    "    SELECT 1, NULL::bigint, NULL::text, $2::text, $3::int,\n"
    "           round($4::numeric(12,2) / $3::int, 2)::numeric(12,2),\n"
    "           $4::numeric(12,2)::numeric\n"
    "    WHERE $2::text IS NOT NULL\n"
    "), new_order AS (\n"
    "    INSERT INTO orders (user_id, product_name, quantity, amount)\n"
    "    SELECT u.id,\n"
    "           (SELECT l.product_name FROM lines l ORDER BY l.k LIMIT 1)\n"
    "           || (SELECT CASE WHEN count(*) > 1 THEN ' and ' || (count(*) - 1) || ' more' ELSE '' END\n"
    "               FROM lines l),\n"
    "           (SELECT sum(l.quantity) FROM lines l),\n"
    "           (SELECT sum(l.amount) FROM lines l)\n"
    "    FROM users u\n"
    "    -- the check is a one-time filter: it runs before any row is written\n"
    "    WHERE u.uid = $5 AND u.deleted_at IS NULL AND (SELECT c.valid FROM checked c)\n"
    "    RETURNING id, uid\n"
    "), new_lines AS (\n"
    "    INSERT INTO order_lines (order_id, product_id, sku, product_name, quantity, unit_price, amount)\n"
    "    SELECT o.id, l.product_id, l.sku, l.product_name, l.quantity, l.unit_price, l.amount\n"
    "    FROM new_order o, lines l\n"
    "    ORDER BY l.k\n"
    ")\n"
    "SELECT o.id, o.uid FROM new_order o";

static const rt_param create_order_params[] = {
    {.name = "items", .type = RT_TYPE_JSON, .type_name = "jsonb"},
    {.name = "product_name", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "quantity", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "user_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column create_order_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_orders__create_order_query = {
    .id = 12,
    .name = "CreateOrder",
    .sql = create_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_order_params,
    .param_count = 5,
    .columns = create_order_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 3,
};

/* ---- ListOrders :page (spec/orders.sql:80) */

/* spec/orders.sql:80 */
static const char list_orders_sql[] =
    "SELECT o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at, o.updated_at,\n"
    "       (SELECT coalesce(jsonb_agg(jsonb_build_object(\n"
    "                   'sku', x.sku, 'product_name', x.product_name, 'quantity', x.quantity,\n"
    "                   'unit_price', x.unit_price::text, 'amount', x.amount::text)\n"
    "                ORDER BY x.id), '[]'::jsonb)\n"
    "        FROM order_lines x WHERE x.order_id = o.id)::jsonb AS lines, o.id AS page_tiebreak\n"
    "FROM (SELECT o.id, o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at,\n"
    "             o.updated_at\n"
    "      FROM orders o\n"
    "      WHERE o.deleted_at IS NULL\n"
    "        AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $1)\n"
    "        AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $2)\n"
    "        AND o.status = $3\n"
    "        AND o.created_at >= $4\n"
    "        AND o.created_at < $5\n"
    "        AND o.amount >= $6\n"
    "        AND o.amount <= $7\n"
    "  AND (o.created_at, o.id) < ($8, $9)\n"
    "      ORDER BY o.created_at DESC, o.id DESC\n"
    "LIMIT $10 OFFSET $11\n"
    "     ) o\n"
    "ORDER BY o.created_at DESC, o.id DESC";

static const rt_param list_orders_params[] = {
    {.name = "owner", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "user", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status"},
    {.name = "created_after", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz"},
    {.name = "created_before", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz"},
    {.name = "min_amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "max_amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "cursor_key", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz"},
    {.name = "cursor_tiebreak", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_orders_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "product_name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "quantity", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "lines", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
    {.name = "page_tiebreak", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

static const int list_orders_part1_params[] = {0};

static const int list_orders_part2_params[] = {1};

static const int list_orders_part3_params[] = {2};

static const int list_orders_part4_params[] = {3};

static const int list_orders_part5_params[] = {4};

static const int list_orders_part6_params[] = {5};

static const int list_orders_part7_params[] = {6};

static const int list_orders_part8_params[] = {7, 8};

/* spec/orders.sql:80: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_orders_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at, o.updated_at,\n"
         "       (SELECT coalesce(jsonb_agg(jsonb_build_object(\n"
         "                   'sku', x.sku, 'product_name', x.product_name, 'quantity', x.quantity,\n"
         "                   'unit_price', x.unit_price::text, 'amount', x.amount::text)\n"
         "                ORDER BY x.id), '[]'::jsonb)\n"
         "        FROM order_lines x WHERE x.order_id = o.id)::jsonb AS lines, o.id AS page_tiebreak\n"
         "FROM (SELECT o.id, o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at,\n"
         "             o.updated_at\n"
         "      FROM orders o\n"
         "      WHERE o.deleted_at IS NULL\n"},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $1)\n",
     .params = list_orders_part1_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $2)\n",
     .params = list_orders_part2_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.status = $3\n",
     .params = list_orders_part3_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.created_at >= $4\n",
     .params = list_orders_part4_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.created_at < $5\n",
     .params = list_orders_part5_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.amount >= $6\n",
     .params = list_orders_part6_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.amount <= $7\n",
     .params = list_orders_part7_params, .param_count = 1},
    {.kind = RT_PART_KEYSET,
     .text = "  AND (o.created_at, o.id) < ($8, $9)\n",
     .params = list_orders_part8_params, .param_count = 2},
    {.kind = RT_PART_ORDER,
     .text = "      ORDER BY o.created_at DESC, o.id DESC\n"},
    {.kind = RT_PART_PAGE,
     .text = "LIMIT $10 OFFSET $11\n"},
    {.kind = RT_PART_TEXT,
     .text = "     ) o"},
    {.kind = RT_PART_TEXT,
     .text = "\n"},
    {.kind = RT_PART_ORDER,
     .text = "ORDER BY o.created_at DESC, o.id DESC"},
};

/* spec/orders.sql:80: -- ordering: */
static const rt_ordering list_orders_orderings[] = {
    {.name = "created_at", .sql = "ORDER BY created_at ASC, o.id ASC\n",
     .reverse_sql = "ORDER BY created_at DESC, o.id DESC\n",
     .after = "  AND (o.created_at, o.id) > ($8, $9)\n",
     .before = "  AND (o.created_at, o.id) < ($8, $9)\n", .key_column = 5},
    {.name = "-created_at", .sql = "ORDER BY created_at DESC, o.id DESC\n",
     .reverse_sql = "ORDER BY created_at ASC, o.id ASC\n",
     .after = "  AND (o.created_at, o.id) < ($8, $9)\n",
     .before = "  AND (o.created_at, o.id) > ($8, $9)\n", .key_column = 5},
    {.name = "amount", .sql = "ORDER BY amount ASC, o.id ASC\n",
     .reverse_sql = "ORDER BY amount DESC, o.id DESC\n",
     .after = "  AND (o.amount, o.id) > ($8, $9)\n",
     .before = "  AND (o.amount, o.id) < ($8, $9)\n", .key_column = 3},
    {.name = "-amount", .sql = "ORDER BY amount DESC, o.id DESC\n",
     .reverse_sql = "ORDER BY amount ASC, o.id ASC\n",
     .after = "  AND (o.amount, o.id) < ($8, $9)\n",
     .before = "  AND (o.amount, o.id) > ($8, $9)\n", .key_column = 3},
    {.name = "status", .sql = "ORDER BY status ASC, o.id ASC\n",
     .reverse_sql = "ORDER BY status DESC, o.id DESC\n",
     .after = "  AND (o.status, o.id) > ($8, $9)\n",
     .before = "  AND (o.status, o.id) < ($8, $9)\n", .key_column = 4},
    {.name = "-status", .sql = "ORDER BY status DESC, o.id DESC\n",
     .reverse_sql = "ORDER BY status ASC, o.id ASC\n",
     .after = "  AND (o.status, o.id) < ($8, $9)\n",
     .before = "  AND (o.status, o.id) > ($8, $9)\n", .key_column = 4},
};

/* spec/orders.sql:80: the ORDER BY of a :page keyset query */
static const rt_ordering list_orders_keyset_default = {.sql = "      ORDER BY o.created_at DESC, o.id DESC\n",
                                                       .reverse_sql = "ORDER BY o.created_at ASC, o.id ASC\n",
                                                       .after = "  AND (o.created_at, o.id) < ($8, $9)\n",
                                                       .before = "  AND (o.created_at, o.id) > ($8, $9)\n",
                                                       .key_column = 5};

const rt_query api_orders__list_orders_query = {
    .id = 37,
    .name = "ListOrders",
    .sql = list_orders_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_orders_params,
    .param_count = 11,
    .columns = list_orders_columns,
    .column_count = 9,
    .parts = list_orders_parts,
    .part_count = 14,
    .orderings = list_orders_orderings,
    .ordering_count = 6,
    .keyset_default = &list_orders_keyset_default,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 80,
};

/* ---- GetOrder :one (spec/orders.sql:105) */

/* spec/orders.sql:105 */
static const char get_order_sql[] =
    "SELECT o.id, o.uid, o.product_name, o.quantity, o.amount, o.status, o.cancel_reason,\n"
    "       o.created_at, o.updated_at, o.version\n"
    "FROM orders o\n"
    "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"
    "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $2 AND u.deleted_at IS NULL)";

static const rt_param get_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "owner", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column get_order_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "product_name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "quantity", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "cancel_reason", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

static const int get_order_part1_params[] = {1};

/* spec/orders.sql:105: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part get_order_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT o.id, o.uid, o.product_name, o.quantity, o.amount, o.status, o.cancel_reason,\n"
         "       o.created_at, o.updated_at, o.version\n"
         "FROM orders o\n"
         "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $2 AND u.deleted_at IS NULL)",
     .params = get_order_part1_params, .param_count = 1},
};

const rt_query api_orders__get_order_query = {
    .id = 28,
    .name = "GetOrder",
    .sql = get_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = get_order_params,
    .param_count = 2,
    .columns = get_order_columns,
    .column_count = 10,
    .parts = get_order_parts,
    .part_count = 2,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 105,
};

/* ---- LockOrder :one (spec/orders.sql:112) */

/* spec/orders.sql:112 */
static const char lock_order_sql[] =
    "SELECT o.id, o.version\n"
    "FROM orders o\n"
    "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"
    "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $2 AND u.deleted_at IS NULL)\n"
    "FOR UPDATE OF o";

static const rt_param lock_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "owner", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column lock_order_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

static const int lock_order_part1_params[] = {1};

/* spec/orders.sql:112: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part lock_order_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT o.id, o.version\n"
         "FROM orders o\n"
         "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $2 AND u.deleted_at IS NULL)\n",
     .params = lock_order_part1_params, .param_count = 1},
    {.kind = RT_PART_TEXT,
     .text = "FOR UPDATE OF o"},
};

const rt_query api_orders__lock_order_query = {
    .id = 44,
    .name = "LockOrder",
    .sql = lock_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = lock_order_params,
    .param_count = 2,
    .columns = lock_order_columns,
    .column_count = 2,
    .parts = lock_order_parts,
    .part_count = 3,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 112,
};

/* ---- ListOrderLines :many (spec/orders.sql:121) */

/* spec/orders.sql:121 */
static const char list_order_lines_sql[] =
    "SELECT l.sku, l.product_name, l.quantity, l.unit_price, l.amount\n"
    "FROM order_lines l\n"
    "WHERE l.order_id = $1\n"
    "ORDER BY l.id";

static const rt_param list_order_lines_params[] = {
    {.name = "order_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_order_lines_columns[] = {
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "product_name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "quantity", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "unit_price", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)",
     .nullable = false},
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
};

const rt_query api_orders__list_order_lines_query = {
    .id = 36,
    .name = "ListOrderLines",
    .sql = list_order_lines_sql,
    .cardinality = RT_CARD_MANY,
    .params = list_order_lines_params,
    .param_count = 1,
    .columns = list_order_lines_columns,
    .column_count = 5,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 121,
};

/* ---- ListOrderHistory :many (spec/orders.sql:127) */

/* spec/orders.sql:127 */
static const char list_order_history_sql[] =
    "SELECT h.from_status AS \"from\", h.to_status AS \"to\", h.actor, h.reason, h.created_at AS at\n"
    "FROM order_status_history h\n"
    "WHERE h.order_id = $1\n"
    "ORDER BY h.id";

static const rt_param list_order_history_params[] = {
    {.name = "order_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_order_history_columns[] = {
    {.name = "from", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = true},
    {.name = "to", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "actor", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "reason", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz", .nullable = false},
};

const rt_query api_orders__list_order_history_query = {
    .id = 35,
    .name = "ListOrderHistory",
    .sql = list_order_history_sql,
    .cardinality = RT_CARD_MANY,
    .params = list_order_history_params,
    .param_count = 1,
    .columns = list_order_history_columns,
    .column_count = 5,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 127,
};

/* ---- CancelOrder :one (spec/orders.sql:133) */

/* spec/orders.sql:133 */
static const char cancel_order_sql[] =
    "UPDATE orders o SET status = 'cancelled', cancel_reason = $1, updated_at = now()\n"
    "WHERE o.uid = $2 AND o.deleted_at IS NULL\n"
    "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $3 AND u.deleted_at IS NULL)\n"
    "RETURNING o.uid, o.status, o.version";

static const rt_param cancel_order_params[] = {
    {.name = "reason", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "owner", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column cancel_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

static const int cancel_order_part1_params[] = {2};

/* spec/orders.sql:133: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part cancel_order_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "UPDATE orders o SET status = 'cancelled', cancel_reason = $1, updated_at = now()\n"
         "WHERE o.uid = $2 AND o.deleted_at IS NULL\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = $3 AND u.deleted_at IS NULL)\n",
     .params = cancel_order_part1_params, .param_count = 1},
    {.kind = RT_PART_TEXT,
     .text = "RETURNING o.uid, o.status, o.version"},
};

const rt_query api_orders__cancel_order_query = {
    .id = 3,
    .name = "CancelOrder",
    .sql = cancel_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = cancel_order_params,
    .param_count = 3,
    .columns = cancel_order_columns,
    .column_count = 3,
    .parts = cancel_order_parts,
    .part_count = 3,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 133,
};

/* ---- ConfirmOrder :one (spec/orders.sql:142) */

/* spec/orders.sql:142 */
static const char confirm_order_sql[] =
    "UPDATE orders o SET status = 'confirmed', updated_at = now()\n"
    "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"
    "RETURNING o.uid, o.status, o.version";

static const rt_param confirm_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column confirm_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_orders__confirm_order_query = {
    .id = 9,
    .name = "ConfirmOrder",
    .sql = confirm_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = confirm_order_params,
    .param_count = 1,
    .columns = confirm_order_columns,
    .column_count = 3,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 142,
};

/* ---- ShipOrder :one (spec/orders.sql:148) */

/* spec/orders.sql:148 */
static const char ship_order_sql[] =
    "UPDATE orders o SET status = 'shipped', updated_at = now()\n"
    "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"
    "RETURNING o.uid, o.status, o.version";

static const rt_param ship_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column ship_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_orders__ship_order_query = {
    .id = 67,
    .name = "ShipOrder",
    .sql = ship_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = ship_order_params,
    .param_count = 1,
    .columns = ship_order_columns,
    .column_count = 3,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 148,
};

/* ---- DeliverOrder :one (spec/orders.sql:153) */

/* spec/orders.sql:153 */
static const char deliver_order_sql[] =
    "UPDATE orders o SET status = 'delivered', updated_at = now()\n"
    "WHERE o.uid = $1 AND o.deleted_at IS NULL\n"
    "RETURNING o.uid, o.status, o.version";

static const rt_param deliver_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column deliver_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
    {.name = "version", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_orders__deliver_order_query = {
    .id = 18,
    .name = "DeliverOrder",
    .sql = deliver_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = deliver_order_params,
    .param_count = 1,
    .columns = deliver_order_columns,
    .column_count = 3,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 153,
};

/* ---- RecordNotification :exec (spec/orders.sql:158) */

/* spec/orders.sql:158 */
static const char record_notification_sql[] =
    "INSERT INTO notifications (order_id, kind)\n"
    "VALUES ($1, $2)\n"
    "ON CONFLICT (order_id, kind) DO NOTHING";

static const rt_param record_notification_params[] = {
    {.name = "order_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "kind", .type = RT_TYPE_TEXT, .type_name = "text"},
};

const rt_query api_orders__record_notification_query = {
    .id = 55,
    .name = "RecordNotification",
    .sql = record_notification_sql,
    .cardinality = RT_CARD_EXEC,
    .params = record_notification_params,
    .param_count = 2,
    .columns = NULL,
    .column_count = 0,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 158,
};

/* ---- ClaimPendingOrders :many (spec/orders.sql:163) */

/* spec/orders.sql:163 */
static const char claim_pending_orders_sql[] =
    "SELECT c.uid::uuid AS uid\n"
    "FROM orders_claim_pending($1::bigint, $2::int) AS c(uid)";

static const rt_param claim_pending_orders_params[] = {
    {.name = "job_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "batch", .type = RT_TYPE_INT, .type_name = "int"},
};

static const rt_column claim_pending_orders_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = true},
};

const rt_query api_orders__claim_pending_orders_query = {
    .id = 6,
    .name = "ClaimPendingOrders",
    .sql = claim_pending_orders_sql,
    .cardinality = RT_CARD_MANY,
    .params = claim_pending_orders_params,
    .param_count = 2,
    .columns = claim_pending_orders_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 163,
};

/* ---- MoreOrdersPending :many (spec/orders.sql:171) */

/* spec/orders.sql:171 */
static const char more_orders_pending_sql[] =
    "SELECT 1::int AS pending\n"
    "FROM orders\n"
    "WHERE status = 'pending' AND deleted_at IS NULL\n"
    "LIMIT 1";

static const rt_column more_orders_pending_columns[] = {
    {.name = "pending", .type = RT_TYPE_INT, .type_name = "int", .nullable = true},
};

const rt_query api_orders__more_orders_pending_query = {
    .id = 49,
    .name = "MoreOrdersPending",
    .sql = more_orders_pending_sql,
    .cardinality = RT_CARD_MANY,
    .params = NULL,
    .param_count = 0,
    .columns = more_orders_pending_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 171,
};

/* ---- OrdersToComplete :many (spec/orders.sql:180) */

/* spec/orders.sql:180 */
static const char orders_to_complete_sql[] =
    "SELECT uid\n"
    "FROM orders\n"
    "WHERE status = 'processing'\n"
    "  AND (processing_job_id = $1\n"
    "       OR processing_job_id IN (SELECT j.id FROM jobs j WHERE j.status = 'dead'))";

static const rt_param orders_to_complete_params[] = {
    {.name = "job_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column orders_to_complete_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_orders__orders_to_complete_query = {
    .id = 50,
    .name = "OrdersToComplete",
    .sql = orders_to_complete_sql,
    .cardinality = RT_CARD_MANY,
    .params = orders_to_complete_params,
    .param_count = 1,
    .columns = orders_to_complete_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 180,
};

/* ---- CompleteClaimedOrders :many (spec/orders.sql:190) */

/* spec/orders.sql:190 */
static const char complete_claimed_orders_sql[] =
    "UPDATE orders SET status = 'completed', updated_at = now()\n"
    "WHERE status = 'processing'\n"
    "  AND (processing_job_id = $1\n"
    "       OR processing_job_id IN (SELECT j.id FROM jobs j WHERE j.status = 'dead'))\n"
    "RETURNING uid";

static const rt_param complete_claimed_orders_params[] = {
    {.name = "job_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column complete_claimed_orders_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_orders__complete_claimed_orders_query = {
    .id = 8,
    .name = "CompleteClaimedOrders",
    .sql = complete_claimed_orders_sql,
    .cardinality = RT_CARD_MANY,
    .params = complete_claimed_orders_params,
    .param_count = 1,
    .columns = complete_claimed_orders_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 190,
};
