/* generated from spec/orders.sql by specc — do not edit. */
#include "orders_sql.h"

/* ---- CreateOrder :one (spec/orders.sql:3) */

/* spec/orders.sql:3 */
static const char create_order_sql[] =
    "INSERT INTO orders (user_id, product_name, quantity, amount)\n"
    "SELECT u.id, $1, $2, $3\n"
    "FROM users u\n"
    "WHERE u.uid = $4\n"
    "RETURNING id, uid";

static const rt_param create_order_params[] = {
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
    .id = 2,
    .name = "CreateOrder",
    .sql = create_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_order_params,
    .param_count = 4,
    .columns = create_order_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 3,
};

/* ---- ListOrders :page (spec/orders.sql:10) */

/* spec/orders.sql:10 */
static const char list_orders_sql[] =
    "SELECT o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at\n"
    "FROM orders o\n"
    "JOIN users u ON u.id = o.user_id\n"
    "WHERE true\n"
    "  AND u.uid = $1\n"
    "  AND o.status = $2\n"
    "  AND o.created_at >= $3\n"
    "  AND o.amount <= $4\n"
    "ORDER BY o.created_at DESC, o.id DESC\n"
    "LIMIT $5 OFFSET $6";

static const rt_param list_orders_params[] = {
    {.name = "owner", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status"},
    {.name = "created_after", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz"},
    {.name = "max_amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
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
};

static const int list_orders_part1_params[] = {0};

static const int list_orders_part2_params[] = {1};

static const int list_orders_part3_params[] = {2};

static const int list_orders_part4_params[] = {3};

/* spec/orders.sql:10: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_orders_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at\n"
         "FROM orders o\n"
         "JOIN users u ON u.id = o.user_id\n"
         "WHERE true\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND u.uid = $1\n",
     .params = list_orders_part1_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND o.status = $2\n",
     .params = list_orders_part2_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND o.created_at >= $3\n",
     .params = list_orders_part3_params, .param_count = 1},
    {.kind = RT_PART_FILTER,
     .text = "  AND o.amount <= $4\n",
     .params = list_orders_part4_params, .param_count = 1},
    {.kind = RT_PART_ORDER,
     .text = "ORDER BY o.created_at DESC, o.id DESC"},
    {.kind = RT_PART_PAGE,
     .text = "\n"
         "LIMIT $5 OFFSET $6"},
};

/* spec/orders.sql:10: -- ordering: */
static const rt_ordering list_orders_orderings[] = {
    {.name = "created_at", .sql = "ORDER BY created_at ASC, o.id ASC", .key_column = -1},
    {.name = "-created_at", .sql = "ORDER BY created_at DESC, o.id DESC", .key_column = -1},
    {.name = "amount", .sql = "ORDER BY amount ASC, o.id ASC", .key_column = -1},
    {.name = "-amount", .sql = "ORDER BY amount DESC, o.id DESC", .key_column = -1},
    {.name = "status", .sql = "ORDER BY status ASC, o.id ASC", .key_column = -1},
    {.name = "-status", .sql = "ORDER BY status DESC, o.id DESC", .key_column = -1},
};

const rt_query api_orders__list_orders_query = {
    .id = 4,
    .name = "ListOrders",
    .sql = list_orders_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_orders_params,
    .param_count = 6,
    .columns = list_orders_columns,
    .column_count = 6,
    .parts = list_orders_parts,
    .part_count = 7,
    .orderings = list_orders_orderings,
    .ordering_count = 6,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 10,
};

/* ---- ListOrderPage :page (spec/orders.sql:22) */

/* spec/orders.sql:22 */
static const char list_order_page_sql[] =
    "SELECT o.uid, o.amount, o.created_at,\n"
    "       (SELECT u.email FROM users u WHERE u.id = o.user_id)::text AS owner_email, o.id AS page_tiebreak\n"
    "FROM (SELECT o.id, o.uid, o.user_id, o.amount, o.created_at\n"
    "      FROM orders o\n"
    "      WHERE true\n"
    "        AND o.amount <= $1\n"
    "  AND (o.created_at, o.id) < ($2, $3)\n"
    "      ORDER BY o.created_at DESC, o.id DESC\n"
    "LIMIT $4 OFFSET $5\n"
    "     ) o\n"
    "ORDER BY o.created_at DESC, o.id DESC";

static const rt_param list_order_page_params[] = {
    {.name = "max_amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)"},
    {.name = "cursor_key", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz"},
    {.name = "cursor_tiebreak", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_order_page_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "amount", .type = RT_TYPE_NUMERIC, .type_name = "numeric(12,2)", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "owner_email", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "page_tiebreak", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

static const int list_order_page_part1_params[] = {0};

static const int list_order_page_part2_params[] = {1, 2};

/* spec/orders.sql:22: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_order_page_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT o.uid, o.amount, o.created_at,\n"
         "       (SELECT u.email FROM users u WHERE u.id = o.user_id)::text AS owner_email, o.id AS page_tiebreak\n"
         "FROM (SELECT o.id, o.uid, o.user_id, o.amount, o.created_at\n"
         "      FROM orders o\n"
         "      WHERE true\n"},
    {.kind = RT_PART_FILTER,
     .text = "        AND o.amount <= $1\n",
     .params = list_order_page_part1_params, .param_count = 1},
    {.kind = RT_PART_KEYSET,
     .text = "  AND (o.created_at, o.id) < ($2, $3)\n",
     .params = list_order_page_part2_params, .param_count = 2},
    {.kind = RT_PART_ORDER,
     .text = "      ORDER BY o.created_at DESC, o.id DESC\n"},
    {.kind = RT_PART_PAGE,
     .text = "LIMIT $4 OFFSET $5\n"},
    {.kind = RT_PART_TEXT,
     .text = "     ) o"},
    {.kind = RT_PART_TEXT,
     .text = "\n"},
    {.kind = RT_PART_ORDER,
     .text = "ORDER BY o.created_at DESC, o.id DESC"},
};

/* spec/orders.sql:22: -- ordering: */
static const rt_ordering list_order_page_orderings[] = {
    {.name = "created_at", .sql = "ORDER BY created_at ASC, o.id ASC\n",
     .reverse_sql = "ORDER BY created_at DESC, o.id DESC\n",
     .after = "  AND (o.created_at, o.id) > ($2, $3)\n",
     .before = "  AND (o.created_at, o.id) < ($2, $3)\n", .key_column = 2},
    {.name = "-created_at", .sql = "ORDER BY created_at DESC, o.id DESC\n",
     .reverse_sql = "ORDER BY created_at ASC, o.id ASC\n",
     .after = "  AND (o.created_at, o.id) < ($2, $3)\n",
     .before = "  AND (o.created_at, o.id) > ($2, $3)\n", .key_column = 2},
    {.name = "amount", .sql = "ORDER BY amount ASC, o.id ASC\n",
     .reverse_sql = "ORDER BY amount DESC, o.id DESC\n",
     .after = "  AND (o.amount, o.id) > ($2, $3)\n",
     .before = "  AND (o.amount, o.id) < ($2, $3)\n", .key_column = 1},
    {.name = "-amount", .sql = "ORDER BY amount DESC, o.id DESC\n",
     .reverse_sql = "ORDER BY amount ASC, o.id ASC\n",
     .after = "  AND (o.amount, o.id) < ($2, $3)\n",
     .before = "  AND (o.amount, o.id) > ($2, $3)\n", .key_column = 1},
};

/* spec/orders.sql:22: the ORDER BY of a :page keyset query */
static const rt_ordering list_order_page_keyset_default = {.sql = "      ORDER BY o.created_at DESC, o.id DESC\n",
                                                           .reverse_sql = "ORDER BY o.created_at ASC, o.id ASC\n",
                                                           .after = "  AND (o.created_at, o.id) < ($2, $3)\n",
                                                           .before = "  AND (o.created_at, o.id) > ($2, $3)\n",
                                                           .key_column = 2};

const rt_query api_orders__list_order_page_query = {
    .id = 3,
    .name = "ListOrderPage",
    .sql = list_order_page_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_order_page_params,
    .param_count = 5,
    .columns = list_order_page_columns,
    .column_count = 5,
    .parts = list_order_page_parts,
    .part_count = 8,
    .orderings = list_order_page_orderings,
    .ordering_count = 4,
    .keyset_default = &list_order_page_keyset_default,
    .reads_only = true,
    .spec_file = "spec/orders.sql",
    .spec_line = 22,
};

/* ---- CancelOrder :one (spec/orders.sql:34) */

/* spec/orders.sql:34 */
static const char cancel_order_sql[] =
    "UPDATE orders SET status = 'cancelled'\n"
    "WHERE uid = $1\n"
    "  AND user_id = (SELECT id FROM users WHERE uid = $2)\n"
    "RETURNING uid, status";

static const rt_param cancel_order_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "owner", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column cancel_order_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "order_status", .nullable = false},
};

static const int cancel_order_part1_params[] = {1};

/* spec/orders.sql:34: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part cancel_order_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "UPDATE orders SET status = 'cancelled'\n"
         "WHERE uid = $1\n"},
    {.kind = RT_PART_FILTER,
     .text = "  AND user_id = (SELECT id FROM users WHERE uid = $2)\n",
     .params = cancel_order_part1_params, .param_count = 1},
    {.kind = RT_PART_TEXT,
     .text = "RETURNING uid, status"},
};

const rt_query api_orders__cancel_order_query = {
    .id = 0,
    .name = "CancelOrder",
    .sql = cancel_order_sql,
    .cardinality = RT_CARD_ONE,
    .params = cancel_order_params,
    .param_count = 2,
    .columns = cancel_order_columns,
    .column_count = 2,
    .parts = cancel_order_parts,
    .part_count = 3,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 34,
};

/* ---- RecordNotification :exec (spec/orders.sql:40) */

/* spec/orders.sql:40 */
static const char record_notification_sql[] =
    "INSERT INTO notifications (order_id, kind)\n"
    "SELECT id, $1 FROM orders WHERE uid = $2\n"
    "ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING";

static const rt_param record_notification_params[] = {
    {.name = "kind", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "order_uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

const rt_query api_orders__record_notification_query = {
    .id = 5,
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
    .spec_line = 40,
};

/* ---- StartPending :many (spec/orders.sql:45) */

/* spec/orders.sql:45 */
static const char start_pending_sql[] =
    "UPDATE orders SET status = 'processing' WHERE status = 'pending' RETURNING uid";

static const rt_column start_pending_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_orders__start_pending_query = {
    .id = 6,
    .name = "StartPending",
    .sql = start_pending_sql,
    .cardinality = RT_CARD_MANY,
    .params = NULL,
    .param_count = 0,
    .columns = start_pending_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 45,
};

/* ---- CompleteProcessing :many (spec/orders.sql:48) */

/* spec/orders.sql:48 */
static const char complete_processing_sql[] =
    "UPDATE orders SET status = 'completed' WHERE status = 'processing' RETURNING uid";

static const rt_column complete_processing_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_orders__complete_processing_query = {
    .id = 1,
    .name = "CompleteProcessing",
    .sql = complete_processing_sql,
    .cardinality = RT_CARD_MANY,
    .params = NULL,
    .param_count = 0,
    .columns = complete_processing_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/orders.sql",
    .spec_line = 48,
};
