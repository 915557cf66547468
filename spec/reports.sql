-- Queries behind the admin reports (spec/reports.api): one statement per
-- report. Revenue counts orders that are completed or delivered; days are
-- UTC days of the order's creation.

-- name: SummaryReport :one
-- Every status is named, zeros included (the enum's labels).
SELECT (SELECT count(*) FROM orders o WHERE o.deleted_at IS NULL)::bigint AS total_orders,
       (SELECT coalesce(sum(o.amount), 0)
        FROM orders o
        WHERE o.deleted_at IS NULL AND o.status IN ('completed', 'delivered'))::numeric(14,2)
           AS total_revenue,
       (SELECT jsonb_object_agg(s.status::text, coalesce(c.orders, 0))
        FROM (SELECT unnest(enum_range(NULL::order_status))::order_status AS status) s
        LEFT JOIN (SELECT o.status, count(*) AS orders
                   FROM orders o WHERE o.deleted_at IS NULL
                   GROUP BY o.status) c ON c.status = s.status)::jsonb AS orders_by_status,
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'sku', p.sku, 'name', p.name, 'stock', p.stock,
                   'low_stock_threshold', p.low_stock_threshold) ORDER BY p.sku), '[]'::jsonb)
        FROM products p
        WHERE p.deleted_at IS NULL AND p.active AND p.stock <= p.low_stock_threshold)::jsonb
           AS low_stock_products;

-- name: SalesRange :one
-- Whether a report's period is sane: to on or after from, at most 366 days.
SELECT (@to::date >= @from::date AND @to::date - @from::date < 366)::bool AS valid;

-- name: SalesReport :many
-- Completed and delivered orders created in [from, to] (UTC days), by day
-- (sku and product_name null) or by product (day null; a free-form line is
-- its product_name, with sku null).
SELECT (CASE WHEN @group_by::text = 'day' THEN (o.created_at AT TIME ZONE 'UTC')::date END)::date AS day,
       (CASE WHEN @group_by::text = 'product' THEN l.sku END)::text AS sku,
       (CASE WHEN @group_by::text = 'product' THEN l.product_name END)::text AS product_name,
       count(DISTINCT o.id) AS orders,
       sum(l.quantity)::bigint AS units,
       sum(l.amount)::numeric(14,2) AS revenue
FROM orders o
JOIN order_lines l ON l.order_id = o.id
WHERE o.deleted_at IS NULL
  AND o.status IN ('completed', 'delivered')
  AND o.created_at >= (@from::date)::timestamp AT TIME ZONE 'UTC'
  AND o.created_at < (@to::date + 1)::timestamp AT TIME ZONE 'UTC'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
