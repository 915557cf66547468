-- Catalog orders name the bad item (spec/orders.sql, CreateOrder;
-- README, "ERP: catalog orders").
--
-- order_items_valid (migrations/0008) said which skus were wrong in one
-- message; this one also gets the statement's field errors per item, in
-- the error shape's "fields" form ({"items": [{}, {"sku": ["..."]}]}: one
-- object per item, empty for a valid one), and raises with them as the
-- DETAIL, which `on raise NAME 400 CODE fields from detail` answers
-- (docs/spec-language.md, "Field errors from the database"). The codes,
-- the messages and the order of the checks are 0008's: the same sku twice
-- (case-insensitively) first, then skus with no live, active product, then
-- a total that does not fit an amount (no DETAIL: it is no item's fault).
-- The three-argument function is dropped: CreateOrder calls this one.
DROP FUNCTION order_items_valid(text, text, numeric);

CREATE FUNCTION order_items_valid(p_duplicate text, p_unknown text, p_item_errors jsonb,
                                  p_total numeric)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF p_duplicate IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'Duplicate sku in items: ' || p_duplicate,
            DETAIL = coalesce(p_item_errors::text, '{}'), CONSTRAINT = 'duplicate_sku';
    END IF;
    IF p_unknown IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'Unknown or unavailable products: ' || p_unknown,
            DETAIL = coalesce(p_item_errors::text, '{}'), CONSTRAINT = 'unknown_product';
    END IF;
    IF p_total > 9999999999.99 THEN
        RAISE EXCEPTION USING MESSAGE = 'Ensure the order total is at most 9999999999.99.',
            CONSTRAINT = 'order_total_too_large';
    END IF;
    RETURN true;
END
$$;
