/* generated from spec/reports.sql by specc — do not edit. */
#include "reports_sql.h"

/* ---- SummaryReport :one (spec/reports.sql:5) */

/* spec/reports.sql:5 */
static const char summary_report_sql[] =
    "SELECT (SELECT count(*) FROM orders o WHERE o.deleted_at IS NULL)::bigint AS total_orders,\n"
    "       (SELECT coalesce(sum(o.amount), 0)\n"
    "        FROM orders o\n"
    "        WHERE o.deleted_at IS NULL AND o.status IN ('completed', 'delivered'))::numeric(14,2)\n"
    "           AS total_revenue,\n"
    "       (SELECT jsonb_object_agg(s.status::text, coalesce(c.orders, 0))\n"
    "        FROM (SELECT unnest(enum_range(NULL::order_status))::order_status AS status) s\n"
    "        LEFT JOIN (SELECT o.status, count(*) AS orders\n"
    "                   FROM orders o WHERE o.deleted_at IS NULL\n"
    "                   GROUP BY o.status) c ON c.status = s.status)::jsonb AS orders_by_status,\n"
    "       (SELECT coalesce(jsonb_agg(jsonb_build_object(\n"
    "                   'sku', p.sku, 'name', p.name, 'stock', p.stock,\n"
    "                   'low_stock_threshold', p.low_stock_threshold) ORDER BY p.sku), '[]'::jsonb)\n"
    "        FROM products p\n"
    "        WHERE p.deleted_at IS NULL AND p.active AND p.stock <= p.low_stock_threshold)::jsonb\n"
    "           AS low_stock_products";

static const rt_column summary_report_columns[] = {
    {.name = "total_orders", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = true},
    {.name = "total_revenue", .type = RT_TYPE_NUMERIC, .type_name = "numeric(14,2)",
     .nullable = true},
    {.name = "orders_by_status", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
    {.name = "low_stock_products", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
};

const rt_query api_reports__summary_report_query = {
    .id = 70,
    .name = "SummaryReport",
    .sql = summary_report_sql,
    .cardinality = RT_CARD_ONE,
    .params = NULL,
    .param_count = 0,
    .columns = summary_report_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/reports.sql",
    .spec_line = 5,
};

/* ---- SalesRange :one (spec/reports.sql:24) */

/* spec/reports.sql:24 */
static const char sales_range_sql[] =
    "SELECT ($1::date >= $2::date AND $1::date - $2::date < 366)::bool AS valid";

static const rt_param sales_range_params[] = {
    {.name = "to", .type = RT_TYPE_DATE, .type_name = "date"},
    {.name = "from", .type = RT_TYPE_DATE, .type_name = "date"},
};

static const rt_column sales_range_columns[] = {
    {.name = "valid", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = true},
};

const rt_query api_reports__sales_range_query = {
    .id = 63,
    .name = "SalesRange",
    .sql = sales_range_sql,
    .cardinality = RT_CARD_ONE,
    .params = sales_range_params,
    .param_count = 2,
    .columns = sales_range_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/reports.sql",
    .spec_line = 24,
};

/* ---- SalesReport :many (spec/reports.sql:28) */

/* spec/reports.sql:28 */
static const char sales_report_sql[] =
    "SELECT (CASE WHEN $1::text = 'day' THEN (o.created_at AT TIME ZONE 'UTC')::date END)::date AS day,\n"
    "       (CASE WHEN $1::text = 'product' THEN l.sku END)::text AS sku,\n"
    "       (CASE WHEN $1::text = 'product' THEN l.product_name END)::text AS product_name,\n"
    "       count(DISTINCT o.id) AS orders,\n"
    "       sum(l.quantity)::bigint AS units,\n"
    "       sum(l.amount)::numeric(14,2) AS revenue\n"
    "FROM orders o\n"
    "JOIN order_lines l ON l.order_id = o.id\n"
    "WHERE o.deleted_at IS NULL\n"
    "  AND o.status IN ('completed', 'delivered')\n"
    "  AND o.created_at >= ($2::date)::timestamp AT TIME ZONE 'UTC'\n"
    "  AND o.created_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'\n"
    "GROUP BY 1, 2, 3\n"
    "ORDER BY 1, 2, 3";

static const rt_param sales_report_params[] = {
    {.name = "group_by", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "from", .type = RT_TYPE_DATE, .type_name = "date"},
    {.name = "to", .type = RT_TYPE_DATE, .type_name = "date"},
};

static const rt_column sales_report_columns[] = {
    {.name = "day", .type = RT_TYPE_DATE, .type_name = "date", .nullable = true},
    {.name = "sku", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "product_name", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "orders", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "units", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = true},
    {.name = "revenue", .type = RT_TYPE_NUMERIC, .type_name = "numeric(14,2)", .nullable = true},
};

const rt_query api_reports__sales_report_query = {
    .id = 64,
    .name = "SalesReport",
    .sql = sales_report_sql,
    .cardinality = RT_CARD_MANY,
    .params = sales_report_params,
    .param_count = 3,
    .columns = sales_report_columns,
    .column_count = 6,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/reports.sql",
    .spec_line = 28,
};
