-- Queries of the golden "orders" case.

-- name: CreateOrder :one
INSERT INTO orders (user_id, product_name, quantity, amount)
SELECT u.id, @product_name, @quantity, @amount
FROM users u
WHERE u.uid = @user_uid
RETURNING id, uid;

-- name: ListOrders :page
-- Customers see their own orders (owner); staff see all and filter.
SELECT o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at
FROM orders o
JOIN users u ON u.id = o.user_id
WHERE true
  AND u.uid = @owner                  -- filter
  AND o.status = @status              -- filter
  AND o.created_at >= @created_after  -- filter
  AND o.amount <= @max_amount         -- filter
ORDER BY o.created_at DESC, o.id DESC -- ordering: created_at, amount, status

-- name: ListOrderPage :page keyset
-- The page is a derived table: its filter, ordering, cursor and LIMIT are
-- inside it, and the owner's email is read for the page's rows only.
SELECT o.uid, o.amount, o.created_at,
       (SELECT u.email FROM users u WHERE u.id = o.user_id)::text AS owner_email
FROM (SELECT o.id, o.uid, o.user_id, o.amount, o.created_at
      FROM orders o
      WHERE true
        AND o.amount <= @max_amount  -- filter
      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount
     ) o

-- name: CancelOrder :one
UPDATE orders SET status = 'cancelled'
WHERE uid = @uid
  AND user_id = (SELECT id FROM users WHERE uid = @owner) -- filter
RETURNING uid, status;

-- name: RecordNotification :exec
INSERT INTO notifications (order_id, kind)
SELECT id, @kind FROM orders WHERE uid = @order_uid
ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING;

-- name: StartPending :many
UPDATE orders SET status = 'processing' WHERE status = 'pending' RETURNING uid;

-- name: CompleteProcessing :many
UPDATE orders SET status = 'completed' WHERE status = 'processing' RETURNING uid;
