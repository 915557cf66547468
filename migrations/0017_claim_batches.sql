-- The pending-order processor takes a bounded batch (README, "Background
-- work"). orders_claim_pending (0007) took every pending order in one
-- statement, each in its own subtransaction: a backlog of 100,000 orders
-- (the bench's scheduler drain) made one statement run for tens of
-- minutes, holding every pending row, while the other ticks found nothing.
-- Now a job claims at most p_batch orders, oldest first, and the job
-- (spec/jobs.api) enqueues the next one while a batch comes back full.
DROP FUNCTION orders_claim_pending(bigint);

CREATE FUNCTION orders_claim_pending(p_job_id bigint, p_batch int) RETURNS SETOF uuid
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
          LIMIT p_batch
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
