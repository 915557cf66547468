"""tests/e2e/test_products.py - the products API and the inventory ledger
(README, "ERP: products and stock").

Every endpoint for each role (allowed and refused), bad input, PATCH's
absent key (column unchanged) against null (column cleared), the soft
delete, the SKU conflict, the ledger row after each change of stock (and
nothing changed by a refused one), the database refusing a change of stock
outside the ledger, `orderd check` (0, then 1 after the invariant is broken
by hand), 50 concurrent decrements against a stock of 10, and the Location
header of POST /products (a path, or absolute from PUBLIC_BASE_URL; POST
/orders's is in test_orders.py).
"""

import threading
import unittest
import urllib.parse
import uuid

import harness
from harness import ApiTestCase, bearer, jwt_parts

STACK = harness.Stack("products")

PRODUCT_KEYS = {"uid", "sku", "name", "description", "price", "stock", "low_stock_threshold",
                "active", "created_at", "updated_at", "version"}
MOVEMENT_KEYS = {"id", "delta", "reason", "order_id", "actor", "created_at"}


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def unique_sku(prefix="SKU"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10].upper())


class ProductsTestCase(ApiTestCase):
    stack = STACK
    _admin = None
    _staff = None
    _customer = None

    # -- users

    def admin(self):
        if ProductsTestCase._admin is None:
            ProductsTestCase._admin = self.make_admin()
        return ProductsTestCase._admin

    def staff(self):
        """A customer made staff by the admin, signed in again."""
        if ProductsTestCase._staff is None:
            user = self.new_user()
            response = self.request("PATCH", "/users/%s/role" % user.id,
                                    headers=bearer(self.admin().access), body={"role": "staff"})
            self.assertStatus(response, 200)
            self.login(user)
            self.assertEqual(jwt_parts(user.access)[1]["role"], "staff")
            ProductsTestCase._staff = user
        return ProductsTestCase._staff

    def customer(self):
        if ProductsTestCase._customer is None:
            ProductsTestCase._customer = self.new_user()
        return ProductsTestCase._customer

    def writers(self):
        return (("staff", self.staff()), ("admin", self.admin()))

    # -- requests

    def call(self, user, method, path, body=None, query=None, **kwargs):
        if query:
            path += "?" + urllib.parse.urlencode(query)
        headers = bearer(user.access) if user is not None else {}
        return self.request(method, path, body=body, headers=headers, **kwargs)

    def create(self, user=None, **changes):
        """POST /products (asserting 201); returns the product."""
        body = {"sku": unique_sku(), "name": "Widget", "price": "12.50", "stock": 10}
        body.update(changes)
        body = {key: value for key, value in body.items() if value is not None}  # None: absent
        response = self.call(user or self.staff(), "POST", "/products", body)
        self.assertStatus(response, 201)
        return response.body

    def get(self, uid, user=None):
        return self.call(user or self.customer(), "GET", "/products/%s" % uid)

    def patch(self, uid, body, user=None):
        return self.call(user or self.staff(), "PATCH", "/products/%s" % uid, body)

    def adjust(self, uid, body, user=None):
        return self.call(user or self.staff(), "POST", "/products/%s/stock" % uid, body)

    def listing(self, user=None, **query):
        response = self.call(user or self.customer(), "GET", "/products", query=query)
        self.assertStatus(response, 200)
        self.assertEqual(set(response.body), {"count", "count_is_estimate", "next", "previous", "results"})
        return response.body

    # -- the database

    def stock(self, uid):
        return int(self.stack.value("SELECT stock FROM products WHERE uid = '%s'" % uid))

    def ledger(self, uid):
        """The product's movements, oldest first: (delta, reason, actor)."""
        return [(int(delta), reason, actor) for delta, reason, actor in self.stack.rows(
            "SELECT m.delta, m.reason, m.actor FROM inventory_movements m"
            " JOIN products p ON p.id = m.product_id WHERE p.uid = '%s' ORDER BY m.id" % uid)]

    def assertLedgerHolds(self, uid):
        self.assertEqual(self.stock(uid), sum(delta for delta, _, _ in self.ledger(uid)))


class CreateTest(ProductsTestCase):

    def test_staff_and_admin_create_with_location_and_initial_movement(self):
        for who, user in self.writers():
            with self.subTest(who=who):
                sku = unique_sku()
                response = self.call(user, "POST", "/products", {
                    "sku": sku, "name": "Blue mug", "price": 12.5, "stock": 7})
                self.assertStatus(response, 201)
                product = response.body
                self.assertEqual(set(product), PRODUCT_KEYS)
                self.assertEqual((product["sku"], product["name"], product["price"],
                                  product["stock"]), (sku, "Blue mug", "12.50", 7))
                self.assertEqual((product["description"], product["low_stock_threshold"],
                                  product["active"]), (None, 10, True))
                location = response.headers.get("Location")
                self.assertEqual(location, "/products/%s" % product["uid"])
                self.assertEqual(self.get(product["uid"]).body, product)
                self.assertEqual(self.ledger(product["uid"]),
                                 [(7, "initial", "user:%s" % user.id)])

    def test_zero_stock_still_has_its_initial_row(self):
        product = self.create(stock=0, description="none yet", low_stock_threshold=3,
                              active=False)
        self.assertEqual((product["stock"], product["description"],
                          product["low_stock_threshold"], product["active"]),
                         (0, "none yet", 3, False))
        self.assertEqual([row[:2] for row in self.ledger(product["uid"])], [(0, "initial")])

    def test_stock_defaults_to_zero(self):
        product = self.create(stock=None)
        self.assertEqual(product["stock"], 0)

    def test_customers_and_strangers_cannot_create(self):
        sku = unique_sku()
        body = {"sku": sku, "name": "Nope", "price": "1.00"}
        self.assertError(self.call(self.customer(), "POST", "/products", body), 403)
        self.assertError(self.call(None, "POST", "/products", body), 401)
        self.assertEqual(self.stack.value("SELECT count(*) FROM products WHERE sku = '%s'" % sku),
                         "0")

    def test_bad_input_names_the_field(self):
        good = {"sku": unique_sku(), "name": "Mug", "price": "3.00"}
        cases = [
            ({}, ("sku", "name", "price")),
            (dict(good, price="0.00"), ("price",)),
            (dict(good, price="-1.00"), ("price",)),
            (dict(good, price="1.234"), ("price",)),
            (dict(good, price="abc"), ("price",)),
            (dict(good, stock=-1), ("stock",)),
            (dict(good, stock="5"), ("stock",)),
            (dict(good, stock=1.5), ("stock",)),
            (dict(good, low_stock_threshold=-1), ("low_stock_threshold",)),
            (dict(good, sku=""), ("sku",)),
            (dict(good, sku="x" * 65), ("sku",)),
            (dict(good, name=None), ("name",)),
            (dict(good, active="yes"), ("active",)),
            (dict(good, colour="blue"), ("colour",)),
        ]
        for body, fields in cases:
            with self.subTest(body=body):
                self.assertError(self.call(self.staff(), "POST", "/products", body), 400,
                                 "validation_error", fields=fields)

    def test_sku_is_unique_case_insensitively(self):
        sku = unique_sku("Case")
        first = self.create(sku=sku)
        response = self.call(self.staff(), "POST", "/products",
                             {"sku": sku.lower(), "name": "Twin", "price": "2.00", "stock": 5})
        self.assertError(response, 409, "conflict",
                         message="A product with this SKU already exists")
        # nothing of the refused product was kept: no row, no movement
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM products WHERE lower(sku) = lower('%s')" % sku), "1")
        # a deleted product's SKU may be used again
        self.assertStatus(self.call(self.staff(), "DELETE", "/products/%s" % first["uid"]), 200)
        self.create(sku=sku.lower())


class ReadTest(ProductsTestCase):

    def test_detail_and_list_for_any_signed_in_user(self):
        product = self.create(description="Glazed")
        for who, user in self.writers() + (("customer", self.customer()),):
            with self.subTest(who=who):
                response = self.get(product["uid"], user)
                self.assertStatus(response, 200)
                self.assertEqual(response.body, product)
                listed = self.listing(user, sku=product["sku"])["results"]
                self.assertEqual(listed, [product])
        self.assertError(self.get(uuid.uuid4()), 404, message="Product not found")
        self.assertError(self.call(None, "GET", "/products/%s" % product["uid"]), 401)
        self.assertError(self.call(None, "GET", "/products"), 401)

    def test_list_filters_ordering_and_pages(self):
        tag = uuid.uuid4().hex[:8]
        made = {
            "a": self.create(sku=unique_sku("F"), name="Apple %s" % tag, price="5.00", stock=2,
                             low_stock_threshold=5),
            "b": self.create(sku=unique_sku("F"), name="Banana %s" % tag, price="15.00",
                             stock=50),
            "c": self.create(sku=unique_sku("F"), name="Cherry %s" % tag, price="25.00",
                             stock=10, active=False),
        }
        uid = {key: product["uid"] for key, product in made.items()}

        def uids(**query):
            return [p["uid"] for p in self.listing(q=tag.upper(), **query)["results"]]

        self.assertEqual(uids(), [uid["a"], uid["b"], uid["c"]])  # by name, case-insensitive q
        self.assertEqual(uids(ordering="-price"), [uid["c"], uid["b"], uid["a"]])
        self.assertEqual(uids(ordering="stock"), [uid["a"], uid["c"], uid["b"]])
        self.assertEqual(uids(ordering="-created_at"), [uid["c"], uid["b"], uid["a"]])
        self.assertEqual(uids(active="true"), [uid["a"], uid["b"]])
        self.assertEqual(uids(active="false"), [uid["c"]])
        self.assertEqual(uids(min_price="15.00"), [uid["b"], uid["c"]])
        self.assertEqual(uids(max_price="15"), [uid["a"], uid["b"]])
        self.assertEqual(uids(low_stock="true"), [uid["a"], uid["c"]])  # 2 <= 5, 10 <= 10
        self.assertEqual(uids(low_stock="false"), [uid["b"]])
        self.assertEqual(uids(sku=made["b"]["sku"].lower()), [uid["b"]])
        page = self.listing(q=tag, page_size=2)
        self.assertEqual((page["count"], len(page["results"]), page["previous"]), (3, 2, None))
        self.assertIn("page=2", page["next"])
        self.assertEqual([p["uid"] for p in self.listing(q=tag, page_size=2, page=2)["results"]],
                         [uid["c"]])
        self.assertEqual(set(page["results"][0]), PRODUCT_KEYS)
        self.assertEqual(self.listing(q="no such name %s" % tag)["count"], 0)
        # q is text, not a pattern: % and _ match themselves only
        self.assertEqual(self.listing(q="%" + tag)["count"], 0)

    def test_list_bad_query(self):
        for query, field in (({"min_price": "x"}, "min_price"), ({"low_stock": "maybe"},
                                                                  "low_stock"),
                             ({"ordering": "colour"}, "ordering"), ({"page_size": "0"},
                                                                    "page_size")):
            with self.subTest(query=query):
                self.assertError(self.call(self.customer(), "GET", "/products", query=query),
                                 400, fields=(field,))
        self.assertError(self.call(self.customer(), "GET", "/products",
                                   query={"page": "999"}), 404)


class PatchTest(ProductsTestCase):

    def test_absent_key_keeps_the_column_and_null_clears_it(self):
        product = self.create(description="Hand made", low_stock_threshold=4)
        uid = product["uid"]
        # an absent key: unchanged
        renamed = self.patch(uid, {"name": "Big mug"})
        self.assertStatus(renamed, 200)
        self.assertEqual((renamed.body["name"], renamed.body["description"],
                          renamed.body["low_stock_threshold"], renamed.body["price"]),
                         ("Big mug", "Hand made", 4, "12.50"))
        unchanged = self.patch(uid, {})
        self.assertStatus(unchanged, 200)
        self.assertEqual(unchanged.body["description"], "Hand made")
        # an explicit null: cleared (description is nullable)
        cleared = self.patch(uid, {"description": None})
        self.assertStatus(cleared, 200)
        self.assertIsNone(cleared.body["description"])
        self.assertEqual(self.stack.value(
            "SELECT description IS NULL FROM products WHERE uid = '%s'" % uid), "t")
        # and set again, with every other field
        changed = self.patch(uid, {"description": "Again", "price": 20, "sku": unique_sku(),
                                   "low_stock_threshold": 0, "active": False})
        self.assertStatus(changed, 200)
        self.assertEqual((changed.body["description"], changed.body["price"],
                          changed.body["low_stock_threshold"], changed.body["active"],
                          changed.body["stock"]), ("Again", "20.00", 0, False, 10))
        self.assertEqual(self.get(uid).body, changed.body)

    def test_null_for_a_field_that_cannot_be_null_is_a_400(self):
        product = self.create()
        for key in ("sku", "name", "price", "low_stock_threshold", "active"):
            with self.subTest(key=key):
                error = self.assertError(self.patch(product["uid"], {key: None}), 400,
                                         "validation_error", fields=(key,))
                self.assertEqual(error["fields"][key], ["This field may not be null."])
        self.assertEqual(self.get(product["uid"]).body, product)

    def test_bad_input_and_stock_is_not_patched(self):
        product = self.create()
        for body, field in (({"stock": 5}, "stock"), ({"price": "0"}, "price"),
                            ({"name": ""}, "name"), ({"description": 5}, "description")):
            with self.subTest(body=body):
                self.assertError(self.patch(product["uid"], body), 400, fields=(field,))
        self.assertEqual(self.get(product["uid"]).body, product)

    def test_sku_conflict_roles_and_unknown(self):
        taken = self.create(sku=unique_sku("Taken"))
        product = self.create()
        self.assertError(self.patch(product["uid"], {"sku": taken["sku"].lower()}), 409,
                         "conflict")
        self.assertStatus(self.patch(product["uid"], {"name": "By admin"}, self.admin()), 200)
        self.assertError(self.patch(product["uid"], {"name": "x"}, self.customer()), 403)
        self.assertError(self.call(None, "PATCH", "/products/%s" % product["uid"], {}), 401)
        self.assertError(self.patch(uuid.uuid4(), {"name": "x"}), 404)


class DeleteTest(ProductsTestCase):

    def test_soft_delete(self):
        tag = uuid.uuid4().hex[:8]
        product = self.create(name="Gone %s" % tag)
        uid = product["uid"]
        self.assertError(self.call(self.customer(), "DELETE", "/products/%s" % uid), 403)
        response = self.call(self.staff(), "DELETE", "/products/%s" % uid)
        self.assertStatus(response, 200)
        self.assertEqual(response.body, {"product_id": uid, "message": "Product deleted"})
        self.assertError(self.get(uid), 404)
        self.assertEqual(self.listing(q=tag)["count"], 0)
        self.assertError(self.call(self.admin(), "DELETE", "/products/%s" % uid), 404)
        self.assertError(self.patch(uid, {"name": "x"}), 404)
        self.assertError(self.adjust(uid, {"delta": 1}), 404)
        self.assertError(self.call(self.staff(), "GET", "/products/%s/movements" % uid), 404)
        # the row and its ledger stay
        self.assertEqual(self.stack.value(
            "SELECT deleted_at IS NOT NULL FROM products WHERE uid = '%s'" % uid), "t")
        self.assertEqual(len(self.ledger(uid)), 1)
        other = self.create()
        self.assertStatus(self.call(self.admin(), "DELETE", "/products/%s" % other["uid"]), 200)


class StockTest(ProductsTestCase):

    def test_adjustments_write_the_ledger(self):
        product = self.create(stock=10)
        uid = product["uid"]
        added = self.adjust(uid, {"delta": 5, "reason": "adjustment"})
        self.assertStatus(added, 200)
        self.assertEqual(set(added.body), PRODUCT_KEYS)
        self.assertEqual(added.body["stock"], 15)
        taken = self.adjust(uid, {"delta": -15}, self.admin())  # reason defaults to adjustment
        self.assertStatus(taken, 200)
        self.assertEqual(taken.body["stock"], 0)
        self.assertEqual(self.ledger(uid), [
            (10, "initial", "user:%s" % self.staff().id),
            (5, "adjustment", "user:%s" % self.staff().id),
            (-15, "adjustment", "user:%s" % self.admin().id)])
        self.assertLedgerHolds(uid)

    def test_below_zero_is_409_and_changes_nothing(self):
        product = self.create(stock=3)
        uid = product["uid"]
        self.assertError(self.adjust(uid, {"delta": -4}), 409, "insufficient_stock",
                         message="Insufficient stock")
        self.assertEqual(self.stock(uid), 3)
        self.assertEqual(len(self.ledger(uid)), 1)
        self.assertEqual(self.get(uid).body["updated_at"], product["updated_at"])

    def test_bad_input_roles_and_unknown(self):
        product = self.create()
        uid = product["uid"]
        for body, field in (({}, "delta"), ({"delta": "1"}, "delta"),
                            ({"delta": 1, "reason": "initial"}, "reason"),
                            ({"delta": 1, "reason": "order_confirmed"}, "reason"),
                            ({"delta": 10 ** 7}, "delta"), ({"delta": 1, "note": "x"}, "note")):
            with self.subTest(body=body):
                self.assertError(self.adjust(uid, body), 400, "validation_error",
                                 fields=(field,))
        self.assertError(self.adjust(uid, {"delta": 0}), 400, "bad_request",
                         message="delta must not be 0")
        self.assertError(self.adjust(uid, {"delta": 1}, self.customer()), 403)
        self.assertError(self.call(None, "POST", "/products/%s/stock" % uid, {"delta": 1}), 401)
        self.assertError(self.adjust(uuid.uuid4(), {"delta": 1}), 404,
                         message="Product not found")
        self.assertEqual(len(self.ledger(uid)), 1)

    def test_movements_are_paginated_newest_first(self):
        product = self.create(stock=1)
        uid = product["uid"]
        for delta in (2, 3, -1):
            self.assertStatus(self.adjust(uid, {"delta": delta}), 200)
        for who, user in self.writers():
            with self.subTest(who=who):
                response = self.call(user, "GET", "/products/%s/movements" % uid,
                                     query={"page_size": 3})
                self.assertStatus(response, 200)
                page = response.body
                self.assertEqual(page["count"], 4)
                self.assertEqual([m["delta"] for m in page["results"]], [-1, 3, 2])
                self.assertEqual(set(page["results"][0]), MOVEMENT_KEYS)
                self.assertEqual((page["results"][0]["reason"], page["results"][0]["order_id"]),
                                 ("adjustment", None))
                last = self.call(user, "GET", "/products/%s/movements" % uid,
                                 query={"page_size": 3, "page": 2}).body
                self.assertEqual([(m["delta"], m["reason"]) for m in last["results"]],
                                 [(1, "initial")])
        self.assertError(self.call(self.customer(), "GET", "/products/%s/movements" % uid), 403)
        self.assertError(self.call(self.staff(), "GET", "/products/%s/movements" % uuid.uuid4()),
                         404)

    def test_the_database_refuses_stock_changes_outside_the_ledger(self):
        product = self.create(stock=4)
        uid = product["uid"]
        with self.assertRaisesRegex(RuntimeError, "only through inventory_movements"):
            self.stack.psql("UPDATE products SET stock = 40 WHERE uid = '%s'" % uid)
        with self.assertRaisesRegex(RuntimeError, "only through inventory_movements"):
            self.stack.psql("INSERT INTO products (sku, name, price, stock)"
                            " VALUES ('%s', 'x', 1, 5)" % unique_sku())
        with self.assertRaisesRegex(RuntimeError, "append-only"):
            self.stack.psql("DELETE FROM inventory_movements WHERE product_id ="
                            " (SELECT id FROM products WHERE uid = '%s')" % uid)
        # hand-written SQL that goes through the ledger works, with its actor
        self.stack.psql("INSERT INTO inventory_movements (product_id, delta, reason)"
                        " SELECT id, 6, 'adjustment' FROM products WHERE uid = '%s'" % uid)
        self.assertEqual(self.stock(uid), 10)
        self.assertEqual(self.ledger(uid)[-1], (6, "adjustment", "sql:postgres"))
        self.assertLedgerHolds(uid)

    def test_concurrent_decrements_never_oversell(self):
        product = self.create(stock=10)
        uid = product["uid"]
        statuses = []
        lock = threading.Lock()
        start = threading.Barrier(50)

        def take_one():
            start.wait()
            response = self.server.request("POST", "/products/%s/stock" % uid,
                                           body={"delta": -1},
                                           headers=bearer(self.staff().access))
            with lock:
                statuses.append((response.status,
                                 response.body.get("error", {}).get("code")
                                 if response.status != 200 else None))

        threads = [threading.Thread(target=take_one) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(len(statuses), 50)
        self.assertEqual(statuses.count((200, None)), 10, statuses)
        self.assertEqual(statuses.count((409, "insufficient_stock")), 40, statuses)
        self.assertEqual(self.stock(uid), 0)
        self.assertEqual(self.ledger(uid).count((-1, "adjustment", "user:%s" % self.staff().id)),
                         10)
        self.assertLedgerHolds(uid)


class CheckCommandTest(ProductsTestCase):

    def test_help_has_no_side_effect(self):
        done = self.stack.orderd(["check", "--help"])
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("usage: orderd check", done.stdout)

    def test_check_passes_then_names_a_product_broken_by_hand(self):
        product = self.create(stock=5)
        uid = product["uid"]
        self.assertStatus(self.adjust(uid, {"delta": -2}), 200)
        done = self.stack.orderd(["check"])
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("ok", done.stdout)
        # break the invariant by hand: triggers off for this session only
        broken = ("SET session_replication_role = replica;"
                  " UPDATE products SET stock = stock + %d WHERE uid = '" + uid + "'")
        self.stack.psql(broken % 4)
        try:
            done = self.stack.orderd(["check"])
            self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
            lines = [line for line in done.stdout.splitlines() if uid in line]
            self.assertEqual(len(lines), 1, done.stdout)
            self.assertEqual(lines[0].split()[1:], [product["sku"], "7", "3"])
            self.assertIn("1 product(s)", done.stdout)
        finally:
            self.stack.psql(broken % -4)
        done = self.stack.orderd(["check"])
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)


class LocationTest(ProductsTestCase):

    def test_no_location_on_other_answers(self):
        self.assertIsNone(self.call(self.customer(), "GET", "/products").headers.get("Location"))
        response = self.request("POST", "/users/register", body={
            "name": "Ann", "email": harness.unique_email(), "password": "long enough"})
        self.assertStatus(response, 201)
        self.assertIsNone(response.headers.get("Location"))


class PublicBaseUrlLocationTest(ProductsTestCase):
    server_env = {"PUBLIC_BASE_URL": "https://api.example.com/v1"}

    def test_location_is_absolute_from_public_base_url(self):
        response = self.call(self.staff(), "POST", "/products",
                             {"sku": unique_sku(), "name": "Far", "price": "1.00"})
        self.assertStatus(response, 201)
        self.assertEqual(response.headers.get("Location"),
                         "https://api.example.com/v1/products/%s" % response.body["uid"])


if __name__ == "__main__":
    unittest.main()
