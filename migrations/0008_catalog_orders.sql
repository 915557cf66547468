-- Catalog orders: POST /orders with items (spec/orders.sql, CreateOrder).
--
-- The order and its lines are inserted by one statement of the spec; this
-- function is its refusal: PostgreSQL's SQL has no RAISE, so the statement
-- calls it with what it found wrong (true when nothing), and it raises
-- (SQLSTATE P0001, the `raise` outcome) with a CONSTRAINT name
-- the endpoint maps to a 400 (`on raise duplicate_sku 400 ...`). Checked in
-- this order: the same sku twice (case-insensitively, as SKUs are unique),
-- then skus with no live, active product, then an order total that does
-- not fit an amount (numeric(12,2)). Each list is ", "-separated, in the
-- order of the items, and is also the DETAIL.
CREATE FUNCTION order_items_valid(p_duplicate text, p_unknown text, p_total numeric)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF p_duplicate IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'Duplicate sku in items: ' || p_duplicate,
            DETAIL = p_duplicate, CONSTRAINT = 'duplicate_sku';
    END IF;
    IF p_unknown IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'Unknown or unavailable products: ' || p_unknown,
            DETAIL = p_unknown, CONSTRAINT = 'unknown_product';
    END IF;
    IF p_total > 9999999999.99 THEN
        RAISE EXCEPTION USING MESSAGE = 'Ensure the order total is at most 9999999999.99.',
            CONSTRAINT = 'order_total_too_large';
    END IF;
    RETURN true;
END
$$;
