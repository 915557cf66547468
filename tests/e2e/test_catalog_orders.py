"""tests/e2e/test_catalog_orders.py - POST /orders with catalog items
(README, "The API" and "ERP: orders, transitions and stock").

A multi-line order priced from the catalog (its amount, the lines'
snapshots of sku, name and unit price, the summary in list and detail);
every invalid body, each with its exact 400 body and nothing written
(orders, lines and jobs counted before and after): 0 and 51 items,
quantity 0, 10001 and a string, a missing sku, an item that is not an
object, an unknown key in an item, several bad items at once, unknown,
inactive and deleted products and the same sku twice (in any case), each
named in its place, alone and in mixed positions, a DETAIL that is not
field errors (a logged 500), a total too large for an amount, both body
shapes at once and neither; the
snapshot surviving a later price change; and the order going through
confirm, ship and deliver with stock and ledger right.
"""

import unittest
import uuid

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("catalog_orders")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def unique_sku(prefix="CAT"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10].upper())


def item_errors(code, message, items):
    """A database check's 400: its code and message, the items' errors."""
    return {"error": {"status": 400, "code": code, "message": message,
                      "fields": {"items": items}}}


def validation_error(fields):
    return {"error": {"status": 400, "code": "validation_error", "message": "Invalid input.",
                      "fields": fields}}


class CatalogOrderTestCase(ApiTestCase):
    stack = STACK
    _users = {}

    def user(self, role):
        """One user per role for the module: customer or staff."""
        if role not in CatalogOrderTestCase._users:
            user = self.new_user()
            if role == "staff":
                admin = self.make_admin()
                response = self.request("PATCH", "/users/%s/role" % user.id,
                                        headers=bearer(admin.access), body={"role": "staff"})
                self.assertStatus(response, 200)
                self.login(user)
            CatalogOrderTestCase._users[role] = user
        return CatalogOrderTestCase._users[role]

    def call(self, user, method, path, body=None, **kwargs):
        return self.request(method, path, body=body, headers=bearer(user.access), **kwargs)

    def product(self, price="10.00", stock=100, name=None):
        """A new product (POST /products as staff); returns (uid, sku, name)."""
        sku = unique_sku()
        name = name or "Item " + sku
        response = self.call(self.user("staff"), "POST", "/products",
                             {"sku": sku, "name": name, "price": price, "stock": stock})
        self.assertStatus(response, 201)
        return response.body["uid"], sku, name

    def order(self, items, user=None):
        return self.call(user or self.user("customer"), "POST", "/orders", {"items": items})

    def counts(self):
        return self.stack.rows("SELECT (SELECT count(*) FROM orders),"
                               " (SELECT count(*) FROM order_lines),"
                               " (SELECT count(*) FROM jobs)")[0]

    def assertRefused(self, body, expected):
        """POST /orders with body is a 400 with exactly the expected body,
        and writes nothing."""
        before = self.counts()
        response = self.call(self.user("customer"), "POST", "/orders", body)
        self.assertError(response, 400)
        self.assertEqual(response.body, expected)
        self.assertEqual(self.counts(), before)


class CreateTest(CatalogOrderTestCase):

    def test_a_multi_line_order_is_priced_from_the_catalog(self):
        mug, mug_sku, mug_name = self.product(price="2.50")
        pot, pot_sku, pot_name = self.product(price="10.00")
        cup, cup_sku, cup_name = self.product(price="0.99")
        customer = self.user("customer")
        response = self.order([{"sku": mug_sku, "quantity": 4},
                               {"sku": pot_sku.lower(), "quantity": 1},  # SKUs ignore case
                               {"sku": cup_sku, "quantity": 3}])
        self.assertStatus(response, 201)
        self.assertEqual(response.body["message"], "Order created")
        uid = response.body["order_id"]
        self.assertEqual(response.headers["Location"], "/orders/%s" % uid)
        detail = self.call(customer, "GET", "/orders/%s" % uid).body
        self.assertEqual(detail["lines"], [
            {"sku": mug_sku, "product_name": mug_name, "quantity": 4, "unit_price": "2.50",
             "amount": "10.00"},
            {"sku": pot_sku, "product_name": pot_name, "quantity": 1, "unit_price": "10.00",
             "amount": "10.00"},
            {"sku": cup_sku, "product_name": cup_name, "quantity": 3, "unit_price": "0.99",
             "amount": "2.97"},
        ])
        summary = (mug_name + " and 2 more", 8, "22.97")
        self.assertEqual((detail["product_name"], detail["quantity"], detail["amount"]), summary)
        self.assertEqual(detail["status"], "pending")
        listed = self.call(customer, "GET", "/orders").body["results"]
        row = [item for item in listed if item["uid"] == uid][0]
        self.assertEqual((row["product_name"], row["quantity"], row["amount"]), summary)
        self.assertEqual(row["lines"], detail["lines"])
        # the order_created job is enqueued with it, as for a free-form order
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM jobs j JOIN orders o ON o.id = (j.payload->>'order_id')::bigint"
            " WHERE j.kind = 'order_created' AND o.uid = '%s'" % uid), "1")

    def test_a_one_line_order_is_named_after_its_product(self):
        _, sku, name = self.product(price="3.00")
        uid = self.order([{"sku": sku, "quantity": 2}]).body["order_id"]
        detail = self.call(self.user("customer"), "GET", "/orders/%s" % uid).body
        self.assertEqual((detail["product_name"], detail["quantity"], detail["amount"]),
                         (name, 2, "6.00"))

    def test_the_client_cannot_set_prices(self):
        _, sku, _ = self.product(price="5.00")
        self.assertRefused({"items": [{"sku": sku, "quantity": 1, "unit_price": "0.01"}]},
                           validation_error({"items": [{"unit_price": ["Unknown field."]}]}))
        self.assertRefused({"items": [{"sku": sku, "quantity": 1}], "amount": "0.01"},
                           validation_error({"product_name": ["This field is required."],
                                             "quantity": ["This field is required."],
                                             "items": ["This field cannot be combined with "
                                                       "amount."]}))

    def test_a_price_change_after_ordering_leaves_the_snapshot(self):
        product, sku, name = self.product(price="2.50")
        customer = self.user("customer")
        uid = self.order([{"sku": sku, "quantity": 4}]).body["order_id"]
        response = self.call(self.user("staff"), "PATCH", "/products/%s" % product,
                             {"name": "Renamed", "price": "99.00"})
        self.assertStatus(response, 200)
        detail = self.call(customer, "GET", "/orders/%s" % uid).body
        self.assertEqual(detail["lines"], [{"sku": sku, "product_name": name, "quantity": 4,
                                            "unit_price": "2.50", "amount": "10.00"}])
        self.assertEqual(detail["amount"], "10.00")
        # a new order takes the new price
        uid = self.order([{"sku": sku, "quantity": 1}]).body["order_id"]
        detail = self.call(customer, "GET", "/orders/%s" % uid).body
        self.assertEqual((detail["product_name"], detail["amount"]), ("Renamed", "99.00"))

    def test_the_free_form_body_still_works(self):
        response = self.call(self.user("customer"), "POST", "/orders",
                             {"product_name": "Widget", "quantity": 3, "amount": "10.00"})
        self.assertStatus(response, 201)
        detail = self.call(self.user("customer"), "GET",
                           "/orders/%s" % response.body["order_id"]).body
        self.assertEqual(detail["lines"], [{"sku": None, "product_name": "Widget", "quantity": 3,
                                            "unit_price": "3.33", "amount": "10.00"}])


class InvalidTest(CatalogOrderTestCase):

    def test_the_number_of_items(self):
        _, sku, _ = self.product()
        self.assertRefused({"items": []}, validation_error(
            {"items": ["Ensure this field has at least 1 elements."]}))
        self.assertRefused({"items": [{"sku": "%s-%d" % (sku, k), "quantity": 1}
                                      for k in range(51)]},
                           validation_error(
                               {"items": ["Ensure this field has no more than 50 elements."]}))
        self.assertRefused({"items": "A-1"}, validation_error(
            {"items": ["Expected a list of items but got type \"str\"."]}))
        self.assertRefused({"items": None}, validation_error(
            {"items": ["This field may not be null."]}))

    def test_50_items_are_accepted(self):
        products = [self.product(price="1.00", stock=0) for _ in range(50)]
        response = self.order([{"sku": sku, "quantity": 1} for _, sku, _ in products])
        self.assertStatus(response, 201)
        detail = self.call(self.user("customer"), "GET",
                           "/orders/%s" % response.body["order_id"]).body
        self.assertEqual([line["sku"] for line in detail["lines"]],
                         [sku for _, sku, _ in products])
        self.assertEqual((detail["quantity"], detail["amount"]), (50, "50.00"))
        self.assertEqual(detail["product_name"], products[0][2] + " and 49 more")

    def test_an_invalid_item_is_named_by_its_place(self):
        _, sku, _ = self.product()
        good = {"sku": sku, "quantity": 1}
        cases = [
            ({"sku": sku, "quantity": 0},
             {"quantity": ["Ensure this value is greater than or equal to 1."]}),
            ({"sku": sku, "quantity": 10001},
             {"quantity": ["Ensure this value is less than or equal to 10000."]}),
            ({"sku": sku, "quantity": "2"}, {"quantity": ["A valid integer is required."]}),
            ({"sku": sku, "quantity": 1.5}, {"quantity": ["A valid integer is required."]}),
            ({"quantity": 1}, {"sku": ["This field is required."]}),
            ({"sku": "", "quantity": 1}, {"sku": ["This field may not be blank."]}),
            ({"sku": sku, "quantity": None}, {"quantity": ["This field may not be null."]}),
            (5, {"non_field_errors": ["Invalid data. Expected a dictionary, but got int."]}),
        ]
        for item, errors in cases:
            with self.subTest(item=item):
                self.assertRefused({"items": [good, item]},
                                   validation_error({"items": [{}, errors]}))

    def test_every_invalid_item_is_named_at_once(self):
        _, sku, _ = self.product()
        self.assertRefused(
            {"items": [{"quantity": 0}, {"sku": sku, "quantity": 1}, {"sku": sku, "x": 1}],
             "note": 1},
            validation_error({"items": [
                {"sku": ["This field is required."],
                 "quantity": ["Ensure this value is greater than or equal to 1."]},
                {},
                {"quantity": ["This field is required."], "x": ["Unknown field."]},
            ], "note": ["Unknown field."]}))

    def unavailable(self):
        """Skus of one live product and of an inactive and a deleted one."""
        _, good_sku, _ = self.product()
        inactive, inactive_sku, _ = self.product()
        deleted, deleted_sku, _ = self.product()
        staff = self.user("staff")
        self.assertStatus(self.call(staff, "PATCH", "/products/%s" % inactive,
                                    {"active": False}), 200)
        self.assertStatus(self.call(staff, "DELETE", "/products/%s" % deleted), 200)
        return good_sku, inactive_sku, deleted_sku

    def test_unknown_inactive_and_deleted_products_are_named_in_place(self):
        good_sku, inactive_sku, deleted_sku = self.unavailable()
        for sku in ("NO-SUCH-SKU", inactive_sku, deleted_sku):
            with self.subTest(sku=sku):
                self.assertRefused(
                    {"items": [{"sku": good_sku, "quantity": 1}, {"sku": sku, "quantity": 1}]},
                    item_errors("unknown_product", "Unknown or unavailable products: %s" % sku,
                                [{}, {"sku": ["Unknown or unavailable product: %s." % sku]}]))
        self.assertRefused(
            {"items": [{"sku": deleted_sku, "quantity": 1}, {"sku": good_sku, "quantity": 1},
                       {"sku": "NOPE", "quantity": 2}, {"sku": inactive_sku, "quantity": 1}]},
            item_errors("unknown_product", "Unknown or unavailable products: %s, NOPE, %s"
                        % (deleted_sku, inactive_sku),
                        [{"sku": ["Unknown or unavailable product: %s." % deleted_sku]}, {},
                         {"sku": ["Unknown or unavailable product: NOPE."]},
                         {"sku": ["Unknown or unavailable product: %s." % inactive_sku]}]))

    def test_the_same_sku_twice_names_the_later_item(self):
        _, sku, _ = self.product()
        _, other, _ = self.product()
        for second in (sku, sku.lower()):
            with self.subTest(second=second):
                self.assertRefused(
                    {"items": [{"sku": sku, "quantity": 1}, {"sku": other, "quantity": 1},
                               {"sku": second, "quantity": 2}]},
                    item_errors("duplicate_sku", "Duplicate sku in items: %s" % sku,
                                [{}, {}, {"sku": ["Duplicate sku: %s is also item 0." % second]}]))

    def test_duplicates_and_unavailable_skus_in_mixed_positions(self):
        """The brief's own example: every bad item at once, the duplicate
        naming its first occurrence; the code stays duplicate_sku (checked
        first, as before), the message lists the duplicates."""
        good_sku, inactive_sku, deleted_sku = self.unavailable()
        _, other, _ = self.product()
        self.assertRefused(
            {"items": [{"sku": good_sku, "quantity": 1}, {"sku": "A-1", "quantity": 1},
                       {"sku": other, "quantity": 1}, {"sku": "a-1", "quantity": 3},
                       {"sku": inactive_sku, "quantity": 1}, {"sku": good_sku.lower(), "quantity": 1},
                       {"sku": deleted_sku, "quantity": 1}, {"sku": inactive_sku, "quantity": 2}]},
            item_errors("duplicate_sku", "Duplicate sku in items: %s, A-1, %s"
                        % (good_sku, inactive_sku),
                        [{}, {"sku": ["Unknown or unavailable product: A-1."]}, {},
                         {"sku": ["Duplicate sku: a-1 is also item 1."]},
                         {"sku": ["Unknown or unavailable product: %s." % inactive_sku]},
                         {"sku": ["Duplicate sku: %s is also item 0." % good_sku.lower()]},
                         {"sku": ["Unknown or unavailable product: %s." % deleted_sku]},
                         {"sku": ["Duplicate sku: %s is also item 4." % inactive_sku]}]))

    def test_a_bad_detail_is_a_logged_500_and_writes_nothing(self):
        """A database check whose DETAIL is not field errors is the SQL's
        mistake: 500, one internal_error line naming it, nothing written."""
        original = self.stack.value(
            "SELECT pg_get_functiondef('order_items_valid(text,text,jsonb,numeric)'::regprocedure)")
        self.stack.psql(
            "CREATE OR REPLACE FUNCTION order_items_valid(p_duplicate text, p_unknown text,"
            " p_item_errors jsonb, p_total numeric)"
            " RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN"
            " RAISE EXCEPTION USING MESSAGE = 'broken', DETAIL = '{\"items\": [{\"sku\": ',"
            " CONSTRAINT = 'unknown_product'; END $$")
        try:
            before = self.counts()
            response = self.order([{"sku": "NOPE", "quantity": 1}])
            self.assertError(response, 500)
            self.assertEqual(response.body, {"error": {"status": 500, "code": "internal_error",
                                                       "message": "Internal server error."}})
            self.assertEqual(self.counts(), before)
            lines = [line for line in self.stack.server.log_events("internal_error")
                     if line.get("request_id") == response.headers["X-Request-ID"]]
            self.assertEqual(len(lines), 1, lines)
            self.assertEqual(lines[0]["what"], "raise_fields")
            self.assertIn("unknown_product: the DETAIL is not JSON", lines[0]["detail"])
        finally:
            self.stack.psql(original)
        self.assertStatus(self.order([{"sku": "NOPE", "quantity": 1}]), 400)

    def test_a_total_too_large_for_an_amount(self):
        _, sku, _ = self.product(price="9999999999.99")
        self.assertRefused(
            {"items": [{"sku": sku, "quantity": 10000}]},
            {"error": {"status": 400, "code": "order_total_too_large",
                       "message": "Ensure the order total is at most 9999999999.99."}})

    def test_both_shapes_or_neither(self):
        _, sku, _ = self.product()
        items = [{"sku": sku, "quantity": 1}]
        self.assertRefused(
            {"product_name": "Widget", "quantity": 1, "amount": "1.00", "items": items},
            validation_error({"items": ["This field cannot be combined with product_name."]}))
        self.assertRefused(
            {"items": items, "quantity": 2},
            validation_error({"product_name": ["This field is required."],
                              "amount": ["This field is required."],
                              "items": ["This field cannot be combined with quantity."]}))
        required = validation_error({"product_name": ["This field is required."],
                                     "quantity": ["This field is required."],
                                     "amount": ["This field is required."]})
        self.assertRefused({}, required)
        self.assertRefused(None, required)


class LifecycleTest(CatalogOrderTestCase):

    def stock(self, product):
        return int(self.stack.value("SELECT stock FROM products WHERE uid = '%s'" % product))

    def ledger(self, product):
        return [(int(delta), reason, order) for delta, reason, order in self.stack.rows(
            "SELECT m.delta, m.reason, coalesce(o.uid::text, '') FROM inventory_movements m"
            " JOIN products p ON p.id = m.product_id LEFT JOIN orders o ON o.id = m.order_id"
            " WHERE p.uid = '%s' AND m.reason <> 'initial' ORDER BY m.id" % product)]

    def test_confirm_ship_deliver_moves_stock_once(self):
        first, first_sku, _ = self.product(stock=10)
        second, second_sku, _ = self.product(stock=5)
        uid = self.order([{"sku": first_sku, "quantity": 3},
                          {"sku": second_sku, "quantity": 5}]).body["order_id"]
        self.assertEqual((self.stock(first), self.stock(second)), (10, 5))  # pending: no move
        staff = self.user("staff")
        for action, status in (("confirm", "confirmed"), ("ship", "shipped"),
                               ("deliver", "delivered")):
            response = self.call(staff, "PATCH", "/orders/%s/%s" % (uid, action))
            self.assertStatus(response, 200)
            self.assertEqual(response.body["status"], status)
            self.assertEqual((self.stock(first), self.stock(second)), (7, 0))
        self.assertEqual(self.ledger(first), [(-3, "order_confirmed", uid)])
        self.assertEqual(self.ledger(second), [(-5, "order_confirmed", uid)])
        done = self.stack.orderd(["check"])
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)


if __name__ == "__main__":
    unittest.main()
