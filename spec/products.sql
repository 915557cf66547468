-- Queries behind the products API and the inventory ledger
-- (spec/products.api; migrations/0006_products.sql explains the ledger).

-- name: CreateProduct :one
-- Stock starts at 0: RecordInitialStock's movement brings it to the
-- requested amount (stock changes only through the ledger).
INSERT INTO products (sku, name, description, price, low_stock_threshold, active)
VALUES (@sku, @name, @description, @price, @low_stock_threshold, @active)
RETURNING id, uid;

-- name: RecordInitialStock :exec
INSERT INTO inventory_movements (product_id, delta, reason)
VALUES (@product_id, @delta, 'initial');

-- name: GetProduct :one
SELECT p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,
       p.created_at, p.updated_at, p.version
FROM products p
WHERE p.uid = @uid AND p.deleted_at IS NULL;

-- name: LockProduct :one
-- A conditional write's first step: the row locked until the tx ends, so
-- the version compared with If-Match is still the row's when it is written.
SELECT p.id, p.version
FROM products p
WHERE p.uid = @uid AND p.deleted_at IS NULL
FOR UPDATE;

-- name: ListProducts :page keyset
-- q: the name contains it, case-insensitively (strpos: no LIKE wildcards).
-- low_stock: true lists products at or below their threshold, false the others.
SELECT p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,
       p.created_at, p.updated_at, p.version
FROM products p
WHERE p.deleted_at IS NULL
  AND lower(p.sku) = lower(@sku::text)                          -- filter
  AND strpos(lower(p.name), lower(@q::text)) > 0                -- filter
  AND p.active = @active                                        -- filter
  AND p.price >= @min_price                                     -- filter
  AND p.price <= @max_price                                     -- filter
  AND (p.stock <= p.low_stock_threshold) = @low_stock::bool     -- filter
ORDER BY p.name ASC, p.id ASC  -- ordering: name, price, stock, created_at

-- name: UpdateProduct :one
-- A partial update: a NULL argument leaves its column unchanged, except
-- description, which is nullable: description_set says whether the client
-- sent the key (then NULL clears it).
UPDATE products p
SET sku = coalesce(@sku::text, p.sku),
    name = coalesce(@name::text, p.name),
    description = CASE WHEN @description_set::bool THEN @description::text ELSE p.description END,
    price = coalesce(@price::numeric(12,2), p.price),
    low_stock_threshold = coalesce(@low_stock_threshold::int, p.low_stock_threshold),
    active = coalesce(@active::bool, p.active),
    updated_at = now()
WHERE p.uid = @uid AND p.deleted_at IS NULL
RETURNING p.uid, p.sku, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.active,
          p.created_at, p.updated_at, p.version;

-- name: DeleteProduct :one
-- Soft delete: the row stays (its ledger and past orders refer to it).
UPDATE products p SET deleted_at = now(), active = false, updated_at = now()
WHERE p.uid = @uid AND p.deleted_at IS NULL
RETURNING p.uid;

-- name: AddStockMovement :one
-- One movement; its trigger changes the product's stock in the same
-- statement. Below zero: products_stock_check fails, nothing is written.
-- No row: no such live product.
INSERT INTO inventory_movements (product_id, delta, reason)
SELECT p.id, @delta, @reason::text::inventory_reason
FROM products p
WHERE p.uid = @uid AND p.deleted_at IS NULL
RETURNING id;

-- name: FindProduct :one
SELECT p.id
FROM products p
WHERE p.uid = @uid AND p.deleted_at IS NULL;

-- name: ListStockMovements :page
-- Newest first; order_id is the order's uid when an order caused it.
SELECT m.id, m.delta, m.reason, o.uid AS order_id, m.actor, m.created_at
FROM inventory_movements m
LEFT JOIN orders o ON o.id = m.order_id
WHERE m.product_id = @product_id
ORDER BY m.id DESC

-- name: ProductsOffLedger :many
-- `orderd check`: every product (deleted ones too) whose stock is not the
-- sum of its movements.
SELECT p.uid, p.sku, p.stock, coalesce(sum(m.delta), 0)::bigint AS ledger
FROM products p
LEFT JOIN inventory_movements m ON m.product_id = p.id
GROUP BY p.id
HAVING p.stock <> coalesce(sum(m.delta), 0)
ORDER BY p.id;
