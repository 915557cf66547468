-- Catalog order lines and the stock effects of the order lifecycle.
--
-- spec/lifecycle.api says WHEN these functions run (`on enter confirmed call
-- order_stock_deduct(...)`); the lifecycle's guard trigger calls them in the
-- same statement as the status change, whatever made it (an endpoint, a job,
-- hand-written SQL). They say WHAT happens, as ledger rows: stock only moves
-- through inventory_movements (0006_products.sql).
--
-- Locking: every function that moves an order's stock first locks the
-- order's products in one global order (by id), so two orders over the same
-- products never wait for each other in a cycle. FOR NO KEY UPDATE, the
-- lock the stock update itself takes, does not block a new order line's
-- foreign key check (KEY SHARE).

-- A catalog line keeps a snapshot of its product's sku (and name and unit
-- price, as every line does); free-form lines have neither product nor sku.
ALTER TABLE order_lines ADD COLUMN sku text;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_product_fkey
    FOREIGN KEY (product_id) REFERENCES products (id);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_catalog_check
    CHECK ((product_id IS NULL) = (sku IS NULL));

CREATE INDEX order_lines_product_idx ON order_lines (product_id, order_id)
    WHERE product_id IS NOT NULL;

-- Reports: orders by day and status.
CREATE INDEX orders_created_idx ON orders (created_at) WHERE deleted_at IS NULL;

-- Locks the products of an order's catalog lines, in id order.
CREATE FUNCTION order_stock_lock(p_order_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM products p
    WHERE p.id IN (SELECT l.product_id FROM order_lines l WHERE l.order_id = p_order_id)
    ORDER BY p.id
    FOR NO KEY UPDATE;
END
$$;

-- Takes an order's catalog lines out of stock (p_reason: order_confirmed or
-- order_processing). When a product has too little, nothing moves and it
-- raises with CONSTRAINT insufficient_stock, the short skus in the message
-- and, alone, in DETAIL (the processor's cancel reason).
CREATE FUNCTION order_stock_deduct(p_order_id bigint, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    short text;
BEGIN
    PERFORM order_stock_lock(p_order_id);
    SELECT string_agg(need.sku, ', ' ORDER BY need.sku) INTO short
    FROM (SELECT l.product_id, min(l.sku) AS sku, sum(l.quantity) AS quantity
          FROM order_lines l
          WHERE l.order_id = p_order_id AND l.product_id IS NOT NULL
          GROUP BY l.product_id) need
    JOIN products p ON p.id = need.product_id
    WHERE p.stock < need.quantity;
    IF short IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'Insufficient stock: ' || short,
                              DETAIL = short, CONSTRAINT = 'insufficient_stock';
    END IF;
    INSERT INTO inventory_movements (product_id, delta, reason, order_id)
    SELECT l.product_id, -sum(l.quantity)::int, p_reason::inventory_reason, p_order_id
    FROM order_lines l
    WHERE l.order_id = p_order_id AND l.product_id IS NOT NULL
    GROUP BY l.product_id
    ORDER BY l.product_id;
END
$$;

-- Puts an order's catalog lines back in stock (p_reason: order_cancelled).
CREATE FUNCTION order_stock_restore(p_order_id bigint, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM order_stock_lock(p_order_id);
    INSERT INTO inventory_movements (product_id, delta, reason, order_id)
    SELECT l.product_id, sum(l.quantity)::int, p_reason::inventory_reason, p_order_id
    FROM order_lines l
    WHERE l.order_id = p_order_id AND l.product_id IS NOT NULL
    GROUP BY l.product_id
    ORDER BY l.product_id;
END
$$;

-- The processor's claim (spec/jobs.api, process_pending_orders): takes the
-- pending orders no other transaction holds (SKIP LOCKED) for one job, one
-- at a time, each in its own subtransaction; an order whose stock is short
-- is cancelled instead ("insufficient stock: <skus>") and the batch goes
-- on. The batch's products are locked first, in id order, so the claim
-- never holds one product while waiting for a smaller one. Returns the
-- uids taken into processing.
CREATE FUNCTION orders_claim_pending(p_job_id bigint) RETURNS SETOF uuid
LANGUAGE plpgsql AS $$
DECLARE
    batch bigint[];
    next_order bigint;
    claimed uuid;
    failed_constraint text;
    short text;
BEGIN
    SELECT coalesce(array_agg(b.id ORDER BY b.id), '{}') INTO batch
    FROM (SELECT o.id FROM orders o
          WHERE o.status = 'pending' AND o.deleted_at IS NULL
          ORDER BY o.id
          FOR UPDATE SKIP LOCKED) b;
    PERFORM 1 FROM products p
    WHERE p.id IN (SELECT l.product_id FROM order_lines l WHERE l.order_id = ANY (batch))
    ORDER BY p.id
    FOR NO KEY UPDATE;
    FOREACH next_order IN ARRAY batch LOOP
        BEGIN
            UPDATE orders o
            SET status = 'processing', processing_job_id = p_job_id, updated_at = now()
            WHERE o.id = next_order
            RETURNING o.uid INTO claimed;
            RETURN NEXT claimed;
        EXCEPTION WHEN raise_exception THEN
            GET STACKED DIAGNOSTICS failed_constraint = CONSTRAINT_NAME, short = PG_EXCEPTION_DETAIL;
            IF failed_constraint IS DISTINCT FROM 'insufficient_stock' THEN
                RAISE;
            END IF;
            UPDATE orders o
            SET status = 'cancelled', cancel_reason = 'insufficient stock: ' || short,
                updated_at = now()
            WHERE o.id = next_order;
        END;
    END LOOP;
END
$$;
