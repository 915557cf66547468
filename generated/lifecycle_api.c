/* generated from spec/lifecycle.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- lifecycle order_status on orders.status (spec/lifecycle.api:7) */

static const char *const lifecycle_order_status_by0[] = {"scheduler"};

static const char *const lifecycle_order_status_by1[] = {"scheduler"};

static const char *const lifecycle_order_status_by2[] = {"staff", "admin"};

static const char *const lifecycle_order_status_by3[] = {"staff", "admin"};

static const char *const lifecycle_order_status_by4[] = {"staff", "admin"};

static const char *const lifecycle_order_status_by5[] = {"owner", "staff", "admin"};

static const char *const lifecycle_order_status_by6[] = {"owner", "staff", "admin"};

/* spec/lifecycle.api:8 */
static const rt_transition lifecycle_order_status_transitions[] = {
    {.from = "pending", .to = "processing", .by = lifecycle_order_status_by0, .by_count = 1},
    {.from = "processing", .to = "completed", .by = lifecycle_order_status_by1, .by_count = 1},
    {.from = "pending", .to = "confirmed", .by = lifecycle_order_status_by2, .by_count = 2},
    {.from = "confirmed", .to = "shipped", .by = lifecycle_order_status_by3, .by_count = 2},
    {.from = "shipped", .to = "delivered", .by = lifecycle_order_status_by4, .by_count = 2},
    {.from = "pending", .to = "cancelled", .by = lifecycle_order_status_by5, .by_count = 3},
    {.from = "confirmed", .to = "cancelled", .by = lifecycle_order_status_by6, .by_count = 3},
};

/* the guard trigger, applied by `orderd migrate` when it changes */
static const char lifecycle_order_status_guard_sql[] =
    "-- The order_status lifecycle of orders.status, generated from spec/lifecycle.api by specc.\n"
    "CREATE OR REPLACE FUNCTION orderd_lifecycle_order_status() RETURNS trigger\n"
    "LANGUAGE plpgsql AS $lifecycle$\n"
    "BEGIN\n"
    "    IF TG_OP = 'INSERT' THEN\n"
    "        IF NEW.status IS DISTINCT FROM 'pending' THEN\n"
    "            RAISE EXCEPTION 'A new row starts as pending, not %', NEW.status;\n"
    "        END IF;\n"
    "    ELSIF (OLD.status::text, NEW.status::text) NOT IN (\n"
    "            ('pending', 'processing'), ('processing', 'completed'), ('pending', 'confirmed'),\n"
    "            ('confirmed', 'shipped'), ('shipped', 'delivered'), ('pending', 'cancelled'),\n"
    "            ('confirmed', 'cancelled')\n"
    "        ) THEN\n"
    "        RAISE EXCEPTION 'Cannot change status from % to %', OLD.status, NEW.status;\n"
    "    END IF;\n"
    "    IF NEW.status::text = 'confirmed' THEN\n"
    "        PERFORM order_stock_deduct(NEW.id, 'order_confirmed');\n"
    "    END IF;\n"
    "    IF NEW.status::text = 'processing' THEN\n"
    "        PERFORM order_stock_deduct(NEW.id, 'order_processing');\n"
    "    END IF;\n"
    "    IF TG_OP = 'UPDATE' AND OLD.status::text = 'confirmed' AND NEW.status::text = 'cancelled' THEN\n"
    "        PERFORM order_stock_restore(NEW.id, 'order_cancelled');\n"
    "    END IF;\n"
    "    INSERT INTO order_status_history (order_id, from_status, to_status, actor, reason)\n"
    "    VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status,\n"
    "            coalesce(nullif(current_setting('orderd.actor', true), ''),\n"
    "                     'sql:' || current_user),\n"
    "            CASE WHEN TG_OP = 'INSERT' OR NEW.cancel_reason IS DISTINCT FROM OLD.cancel_reason\n"
    "                 THEN NEW.cancel_reason END);\n"
    "    RETURN NULL;\n"
    "END\n"
    "$lifecycle$;\n"
    "DROP TRIGGER IF EXISTS orderd_lifecycle_order_status ON orders;\n"
    "CREATE TRIGGER orderd_lifecycle_order_status\n"
    "    AFTER INSERT OR UPDATE OF status ON orders\n"
    "    FOR EACH ROW EXECUTE FUNCTION orderd_lifecycle_order_status();\n";

/* spec/lifecycle.api:7 */
const rt_lifecycle api_lifecycle__lifecycle_order_status = {
    .name = "order_status",
    .table = "orders",
    .column = "status",
    .transitions = lifecycle_order_status_transitions,
    .transition_count = 7,
    .guard_sql = lifecycle_order_status_guard_sql,
    .spec_file = "spec/lifecycle.api",
    .spec_line = 7,
};
