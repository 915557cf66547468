-- Queries of the golden "features" case.

-- name: CreateOrder :one
-- A free-form order for a user found by uid.
INSERT INTO orders (user_id, amount, note)
SELECT u.id, @amount, @note::text
FROM users u
WHERE u.uid = @user_uid
RETURNING uid, status, created_at;

-- name: AddLine :exec
INSERT INTO order_lines (order_id, product_id, quantity, gift)
VALUES ((SELECT id FROM orders WHERE uid = @order_uid), @product_id, @quantity, @gift);

-- name: AddLines :exec
-- An array body field binds as jsonb (NULL when the other alternative is chosen).
INSERT INTO order_lines (order_id, product_id, quantity, gift)
SELECT (SELECT id FROM orders WHERE uid = @order_uid), i.product_id, i.quantity, @gift
FROM jsonb_to_recordset(@lines::jsonb) AS i(product_id int, quantity int);

-- name: GetOrder :one
SELECT o.uid, o.status, o.amount, o.note, u.email AS owner_email,
       count(l.order_id) AS line_count
FROM orders o
JOIN users u ON u.id = o.user_id
LEFT JOIN order_lines l ON l.order_id = o.id
WHERE o.uid = @uid
GROUP BY o.id, u.email;

-- name: ListLines :many
SELECT p.sku, p.name, l.quantity, l.gift, p.stock, p.active
FROM order_lines l
LEFT JOIN products p ON p.id = l.product_id
WHERE l.order_id = (SELECT id FROM orders WHERE uid = @uid)
ORDER BY p.sku;

-- name: SearchProducts :many
WITH visible AS (
    SELECT id, sku, name, price FROM products WHERE active AND stock >= @min_stock::int
)
SELECT v.sku, v.name, v.price, exists(SELECT 1 FROM order_lines l WHERE l.product_id = v.id) AS ordered
FROM visible v
WHERE v.name ILIKE @pattern AND v.price BETWEEN @min_price AND @max_price
ORDER BY v.sku
LIMIT @max_rows;

-- name: SetStatus :one
UPDATE orders SET status = @status
WHERE uid = @uid
RETURNING uid, status;

-- name: DeleteOrder :exec
DELETE FROM orders WHERE uid = @uid AND status = 'pending';

-- name: SetNote :one
-- note_sent: whether the body had the key (null clears the note).
UPDATE orders SET note = CASE WHEN @note_sent::bool THEN @note::text ELSE note END
WHERE uid = @uid
RETURNING uid, note;

-- name: CountOrders :one
-- An array of values binds as a JSON array of them (NULL when absent).
SELECT count(*) AS orders
FROM orders o
WHERE o.status::text IN (SELECT jsonb_array_elements_text(@statuses::jsonb))
  AND (@skus::jsonb IS NULL OR EXISTS (
        SELECT 1 FROM order_lines l JOIN products p ON p.id = l.product_id
        WHERE l.order_id = o.id AND p.sku IN (SELECT jsonb_array_elements_text(@skus::jsonb))));
