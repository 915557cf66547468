-- Queries behind the orders API (spec/orders.api).

-- name: CreateOrder :one
-- One order of either body shape (spec/orders.api, POST /orders) and its
-- lines, in one statement. Free-form (@product_name, @quantity, @amount):
-- one line without a product, its unit price the amount spread over the
-- quantity. Catalog (@items, a jsonb array of {sku, quantity}): one line
-- per item in the items' order, priced from the catalog (never from the
-- client) with snapshots of the product's sku, name and price; a duplicate
-- sku, a sku without a live active product or a total over what an amount
-- holds makes order_items_valid raise (migrations/0015) and nothing is
-- written; a bad item is named in its place (item_errors: a later item with
-- an earlier item's sku, else an item without a product). The order summarises its lines: the first line's name, plus
-- " and N more" for N more lines; the quantities' and amounts' sums. No
-- row only when the signed-in user was deleted meanwhile.
WITH given AS (
    SELECT i.sku, i.quantity, (row_number() OVER ())::int AS k
    FROM jsonb_to_recordset(coalesce(@items::jsonb, '[]'::jsonb)) AS i(sku text, quantity int)
), wanted AS (
    -- first: the first item with this sku (in any case)
    SELECT g.sku, g.quantity, g.k, (min(g.k) OVER (PARTITION BY lower(g.sku)))::int AS first
    FROM given g
), priced AS (
    -- per item, one probe of products_sku_key (a join would scan the catalog)
    SELECT w.k, p.id AS product_id, p.sku, p.name, w.quantity, p.price
    FROM wanted w
    JOIN LATERAL (SELECT x.id, x.sku, x.name, x.price FROM products x
                  WHERE lower(x.sku) = lower(w.sku) AND x.deleted_at IS NULL AND x.active
                  LIMIT 1) p ON true
), item_errors AS (
    -- per item, its error or NULL; positions count from 0, as in "fields"
    SELECT w.k, CASE
        WHEN w.first < w.k THEN 'Duplicate sku: ' || w.sku || ' is also item ' || (w.first - 1) || '.'
        WHEN NOT EXISTS (SELECT 1 FROM priced p WHERE p.k = w.k)
            THEN 'Unknown or unavailable product: ' || w.sku || '.'
        END AS error
    FROM wanted w
), checked AS (
    SELECT order_items_valid(
        (SELECT string_agg(d.sku, ', ' ORDER BY d.k)
         FROM (SELECT min(w.sku) AS sku, min(w.k) AS k FROM wanted w
               GROUP BY lower(w.sku) HAVING count(*) > 1) d),
        (SELECT string_agg(w.sku, ', ' ORDER BY w.k) FROM wanted w
         WHERE NOT EXISTS (SELECT 1 FROM priced p WHERE p.k = w.k)),
        (SELECT jsonb_build_object('items', jsonb_agg(
                    CASE WHEN e.error IS NULL THEN '{}'::jsonb
                         ELSE jsonb_build_object('sku', jsonb_build_array(e.error)) END
                    ORDER BY e.k))
         FROM item_errors e HAVING count(e.error) > 0),
        (SELECT sum(p.price * p.quantity) FROM priced p))::bool AS valid
), lines AS (
    SELECT p.k, p.product_id, p.sku, p.name AS product_name, p.quantity,
           p.price AS unit_price, (p.price * p.quantity)::numeric AS amount
    FROM priced p
    UNION ALL
    SELECT 1, NULL::bigint, NULL::text, @product_name::text, @quantity::int,
           round(@amount::numeric(12,2) / @quantity::int, 2)::numeric(12,2),
           @amount::numeric(12,2)::numeric
    WHERE @product_name::text IS NOT NULL
), new_order AS (
    INSERT INTO orders (user_id, product_name, quantity, amount)
    SELECT u.id,
           (SELECT l.product_name FROM lines l ORDER BY l.k LIMIT 1)
           || (SELECT CASE WHEN count(*) > 1 THEN ' and ' || (count(*) - 1) || ' more' ELSE '' END
               FROM lines l),
           (SELECT sum(l.quantity) FROM lines l),
           (SELECT sum(l.amount) FROM lines l)
    FROM users u
    -- the check is a one-time filter: it runs before any row is written
    WHERE u.uid = @user_uid AND u.deleted_at IS NULL AND (SELECT c.valid FROM checked c)
    RETURNING id, uid
), new_lines AS (
    INSERT INTO order_lines (order_id, product_id, sku, product_name, quantity, unit_price, amount)
    SELECT o.id, l.product_id, l.sku, l.product_name, l.quantity, l.unit_price, l.amount
    FROM new_order o, lines l
    ORDER BY l.k
)
SELECT o.id, o.uid FROM new_order o;

-- name: ListOrders :page keyset
-- The page is the derived table o: its filters, ordering, cursor and the
-- LIMIT/OFFSET the compiler adds are inside it, so each order's lines are
-- aggregated for the page's rows only, never for the rows an offset skips
-- (README, "At scale").
SELECT o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at, o.updated_at,
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'sku', x.sku, 'product_name', x.product_name, 'quantity', x.quantity,
                   'unit_price', x.unit_price::text, 'amount', x.amount::text)
                ORDER BY x.id), '[]'::jsonb)
        FROM order_lines x WHERE x.order_id = o.id)::jsonb AS lines
FROM (SELECT o.id, o.uid, o.product_name, o.quantity, o.amount, o.status, o.created_at,
             o.updated_at
      FROM orders o
      WHERE o.deleted_at IS NULL
        AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @owner)  -- filter
        AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @user)   -- filter
        AND o.status = @status                                           -- filter
        AND o.created_at >= @created_after                               -- filter
        AND o.created_at < @created_before                               -- filter
        AND o.amount >= @min_amount                                      -- filter
        AND o.amount <= @max_amount                                      -- filter
      ORDER BY o.created_at DESC, o.id DESC  -- ordering: created_at, amount, status
     ) o

-- name: GetOrder :one
SELECT o.id, o.uid, o.product_name, o.quantity, o.amount, o.status, o.cancel_reason,
       o.created_at, o.updated_at, o.version
FROM orders o
WHERE o.uid = @uid AND o.deleted_at IS NULL
  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @owner AND u.deleted_at IS NULL)  -- filter

-- name: LockOrder :one
-- A transition's first step: the order locked until the tx ends, so the
-- version compared with If-Match is still the row's when the status changes.
SELECT o.id, o.version
FROM orders o
WHERE o.uid = @uid AND o.deleted_at IS NULL
  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @owner AND u.deleted_at IS NULL)  -- filter
FOR UPDATE OF o

-- name: ListOrderLines :many
SELECT l.sku, l.product_name, l.quantity, l.unit_price, l.amount
FROM order_lines l
WHERE l.order_id = @order_id
ORDER BY l.id;

-- name: ListOrderHistory :many
SELECT h.from_status AS "from", h.to_status AS "to", h.actor, h.reason, h.created_at AS at
FROM order_status_history h
WHERE h.order_id = @order_id
ORDER BY h.id;

-- name: CancelOrder :one
-- Owners cancel their own orders; staff and admins any (owner is NULL).
-- The lifecycle guard refuses states that cannot be cancelled, puts a
-- confirmed order's stock back and keeps the reason in the history.
UPDATE orders o SET status = 'cancelled', cancel_reason = @reason, updated_at = now()
WHERE o.uid = @uid AND o.deleted_at IS NULL
  AND o.user_id = (SELECT u.id FROM users u WHERE u.uid = @owner AND u.deleted_at IS NULL)  -- filter
RETURNING o.uid, o.status, o.version;

-- name: ConfirmOrder :one
-- Staff transitions: the guard checks the transition, then moves stock.
UPDATE orders o SET status = 'confirmed', updated_at = now()
WHERE o.uid = @uid AND o.deleted_at IS NULL
RETURNING o.uid, o.status, o.version;

-- name: ShipOrder :one
UPDATE orders o SET status = 'shipped', updated_at = now()
WHERE o.uid = @uid AND o.deleted_at IS NULL
RETURNING o.uid, o.status, o.version;

-- name: DeliverOrder :one
UPDATE orders o SET status = 'delivered', updated_at = now()
WHERE o.uid = @uid AND o.deleted_at IS NULL
RETURNING o.uid, o.status, o.version;

-- name: RecordNotification :exec
INSERT INTO notifications (order_id, kind)
VALUES (@order_id, @kind)
ON CONFLICT (order_id, kind) DO NOTHING;

-- name: ClaimPendingOrders :many
-- Takes at most @batch pending orders, oldest first, for one processing
-- job (SKIP LOCKED: a row another transaction holds is left to it); a
-- catalog order whose stock is short is cancelled instead, and the batch
-- goes on (orders_claim_pending, migrations/0017_claim_batches.sql).
SELECT c.uid::uuid AS uid
FROM orders_claim_pending(@job_id::bigint, @batch::int) AS c(uid);

-- name: MoreOrdersPending :many
-- A row while an order still waits for the processor (by
-- orders_live_status_idx): the job that just finished a batch enqueues
-- the next one instead of waiting for the next tick.
SELECT 1::int AS pending
FROM orders
WHERE status = 'pending' AND deleted_at IS NULL
LIMIT 1;

-- name: OrdersToComplete :many
-- What CompleteClaimedOrders would complete now: this job's orders in
-- processing (just claimed, or claimed by an earlier attempt of it) and
-- those of dead jobs. Empty: the tick has nothing to do.
SELECT uid
FROM orders
WHERE status = 'processing'
  AND (processing_job_id = @job_id
       OR processing_job_id IN (SELECT j.id FROM jobs j WHERE j.status = 'dead'));

-- name: CompleteClaimedOrders :many
-- Completes what the same job claimed, also when the job runs again after
-- its worker died, and what a job that went dead had claimed (nothing else
-- would take those orders out of processing); an order no longer
-- processing is left alone.
UPDATE orders SET status = 'completed', updated_at = now()
WHERE status = 'processing'
  AND (processing_job_id = @job_id
       OR processing_job_id IN (SELECT j.id FROM jobs j WHERE j.status = 'dead'))
RETURNING uid;
