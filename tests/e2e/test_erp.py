"""tests/e2e/test_erp.py - staff transitions and the lifecycle's stock
effects (README, "ERP: orders, transitions and stock").

Every transition endpoint for each role (allowed and refused), every
transition valid and invalid with stock, ledger and history after each,
insufficient stock (409 naming the skus, nothing changed), the transition
check coming before the stock check, the cancel reason (body, history,
malformed body), the detail's lines and history, and concurrency: 100
confirms of one-unit orders against a stock of 10, two-line orders over
the same products in opposite order, and the scheduler racing staff on the
same pending catalog orders (each order's stock moves once; an order the
processor cannot fill is cancelled and the batch goes on). `orderd check`
passes after all of it.

Catalog orders are placed with POST /orders and items
(tests/e2e/test_catalog_orders.py tests that endpoint itself).
"""

import threading
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer, jwt_parts, parse_timestamp

STACK = harness.Stack("erp")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def unique_sku(prefix="ERP"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10].upper())


class ErpTestCase(ApiTestCase):
    stack = STACK
    _users = {}
    _skus = {}  # product uid -> sku

    # -- users

    def user(self, role):
        """One user per role for the module: customer, staff or admin."""
        if role not in ErpTestCase._users:
            if role == "admin":
                user = self.make_admin()
            else:
                user = self.new_user()
                if role != "customer":
                    response = self.request("PATCH", "/users/%s/role" % user.id,
                                            headers=bearer(self.user("admin").access),
                                            body={"role": role})
                    self.assertStatus(response, 200)
                    self.login(user)
                    self.assertEqual(jwt_parts(user.access)[1]["role"], role)
            ErpTestCase._users[role] = user
        return ErpTestCase._users[role]

    def call(self, user, method, path, body=None, **kwargs):
        headers = bearer(user.access) if user is not None else {}
        return self.request(method, path, body=body, headers=headers, **kwargs)

    # -- data

    def product(self, stock, price="10.00"):
        """A new product (POST /products as staff); returns (uid, sku)."""
        sku = unique_sku()
        response = self.call(self.user("staff"), "POST", "/products",
                             {"sku": sku, "name": "Item " + sku, "price": price, "stock": stock})
        self.assertStatus(response, 201)
        ErpTestCase._skus[response.body["uid"]] = sku
        return response.body["uid"], sku

    def catalog_order(self, owner, lines):
        """A pending catalog order of owner (POST /orders with items) with
        lines [(product uid, quantity)], at catalog prices; returns its uid."""
        items = [{"sku": ErpTestCase._skus[uid], "quantity": quantity} for uid, quantity in lines]
        response = self.call(owner, "POST", "/orders", {"items": items})
        self.assertStatus(response, 201)
        return response.body["order_id"]

    def transition(self, user, uid, action, body=None):
        return self.call(user, "PATCH", "/orders/%s/%s" % (uid, action), body)

    # -- the database

    def status(self, uid):
        return self.stack.value("SELECT status FROM orders WHERE uid = '%s'" % uid)

    def stock(self, product_uid):
        return int(self.stack.value("SELECT stock FROM products WHERE uid = '%s'" % product_uid))

    def ledger(self, product_uid):
        """The product's movements after its initial one: (delta, reason, order uid)."""
        return [(int(delta), reason, order) for delta, reason, order in self.stack.rows(
            "SELECT m.delta, m.reason, coalesce(o.uid::text, '') FROM inventory_movements m"
            " JOIN products p ON p.id = m.product_id LEFT JOIN orders o ON o.id = m.order_id"
            " WHERE p.uid = '%s' AND m.reason <> 'initial' ORDER BY m.id" % product_uid)]

    def history(self, uid):
        return [tuple(row) for row in self.stack.rows(
            "SELECT coalesce(h.from_status::text, ''), h.to_status, coalesce(h.reason, '')"
            " FROM order_status_history h JOIN orders o ON o.id = h.order_id"
            " WHERE o.uid = '%s' ORDER BY h.id" % uid)]

    def assertLedgerHolds(self):
        broken = self.stack.rows(
            "SELECT p.sku FROM products p WHERE p.stock <>"
            " (SELECT coalesce(sum(m.delta), 0) FROM inventory_movements m"
            "  WHERE m.product_id = p.id)")
        self.assertEqual(broken, [])

    def assertCheckPasses(self):
        done = self.stack.orderd(["check"])
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)


class RolesTest(ErpTestCase):

    def test_staff_and_admin_move_orders_through_every_staff_transition(self):
        for role in ("staff", "admin"):
            with self.subTest(role=role):
                product, _ = self.product(5)
                uid = self.catalog_order(self.user("customer"), [(product, 1)])
                for action, status, message in (("confirm", "confirmed", "Order confirmed"),
                                                ("ship", "shipped", "Order shipped"),
                                                ("deliver", "delivered", "Order delivered")):
                    response = self.transition(self.user(role), uid, action)
                    self.assertStatus(response, 200)
                    self.assertEqual(response.body, {"order_id": uid, "status": status,
                                                     "message": message})
                    self.assertEqual(self.status(uid), status)
                self.assertEqual(self.stock(product), 4)

    def test_customers_strangers_and_unknown_orders(self):
        product, _ = self.product(5)
        customer = self.user("customer")
        uid = self.catalog_order(customer, [(product, 1)])
        for action in ("confirm", "ship", "deliver"):
            with self.subTest(action=action):
                self.assertError(self.transition(customer, uid, action), 403)
                self.assertError(self.transition(None, uid, action), 401)
                self.assertError(self.transition(self.user("staff"), str(uuid.uuid4()), action),
                                 404)
                self.assertError(self.transition(self.user("staff"), "not-a-uuid", action), 404)
        self.assertEqual(self.status(uid), "pending")
        self.assertEqual(self.ledger(product), [])


class TransitionsTest(ErpTestCase):

    def test_confirm_deducts_and_cancel_restores_with_ledger_rows(self):
        first, _ = self.product(10)
        second, _ = self.product(4)
        customer = self.user("customer")
        uid = self.catalog_order(customer, [(first, 3), (second, 4)])
        staff = self.user("staff")
        self.assertStatus(self.transition(staff, uid, "confirm"), 200)
        self.assertEqual((self.stock(first), self.stock(second)), (7, 0))
        self.assertEqual(self.ledger(first), [(-3, "order_confirmed", uid)])
        self.assertEqual(self.ledger(second), [(-4, "order_confirmed", uid)])
        # the owner cancels the confirmed order, with a reason
        response = self.call(customer, "PATCH", "/orders/%s/cancel" % uid,
                             {"reason": "changed my mind"})
        self.assertStatus(response, 200)
        self.assertEqual((self.stock(first), self.stock(second)), (10, 4))
        self.assertEqual(self.ledger(first), [(-3, "order_confirmed", uid),
                                              (3, "order_cancelled", uid)])
        self.assertEqual(self.history(uid), [("", "pending", ""), ("pending", "confirmed", ""),
                                             ("confirmed", "cancelled", "changed my mind")])
        detail = self.call(customer, "GET", "/orders/%s" % uid).body
        self.assertEqual(detail["cancel_reason"], "changed my mind")
        self.assertEqual([(entry["from"], entry["to"], entry["reason"])
                          for entry in detail["history"]],
                         [(None, "pending", None), ("pending", "confirmed", None),
                          ("confirmed", "cancelled", "changed my mind")])
        self.assertEqual(detail["history"][1]["actor"], "user:%s" % staff.id)
        for entry in detail["history"]:
            parse_timestamp(entry["at"])
        self.assertLedgerHolds()

    def test_every_invalid_transition_is_409_naming_the_current_state(self):
        product, _ = self.product(100)
        staff = self.user("staff")
        uid = self.catalog_order(self.user("customer"), [(product, 2)])
        # pending: ship and deliver are invalid
        for action, wanted in (("ship", "shipped"), ("deliver", "delivered")):
            self.assertError(self.transition(staff, uid, action), 409, "invalid_transition",
                             message="Cannot change status from pending to %s" % wanted)
        self.assertStatus(self.transition(staff, uid, "confirm"), 200)
        for action, wanted in (("confirm", "confirmed"), ("deliver", "delivered")):
            self.assertError(self.transition(staff, uid, action), 409, "invalid_transition",
                             message="Cannot change status from confirmed to %s" % wanted)
        self.assertStatus(self.transition(staff, uid, "ship"), 200)
        for action in ("confirm", "ship", "cancel"):
            response = self.transition(staff, uid, action)
            self.assertError(response, 409, "invalid_transition")
            self.assertIn("from shipped", response.body["error"]["message"])
        self.assertStatus(self.transition(staff, uid, "deliver"), 200)
        for action in ("confirm", "ship", "deliver", "cancel"):
            response = self.transition(staff, uid, action)
            self.assertError(response, 409, "invalid_transition")
            self.assertIn("from delivered", response.body["error"]["message"])
        # one deduction, whatever was refused afterwards
        self.assertEqual(self.ledger(product), [(-2, "order_confirmed", uid)])
        self.assertEqual(self.stock(product), 98)
        self.assertEqual([to for _, to, _ in self.history(uid)],
                         ["pending", "confirmed", "shipped", "delivered"])

    def test_cancelling_a_pending_order_moves_no_stock(self):
        product, _ = self.product(3)
        uid = self.catalog_order(self.user("customer"), [(product, 2)])
        self.assertStatus(self.transition(self.user("admin"), uid, "cancel"), 200)
        self.assertEqual(self.stock(product), 3)
        self.assertEqual(self.ledger(product), [])
        self.assertError(self.transition(self.user("staff"), uid, "confirm"), 409,
                         "invalid_transition",
                         message="Cannot change status from cancelled to confirmed")

    def test_insufficient_stock_is_409_naming_the_skus_and_changes_nothing(self):
        plenty, _ = self.product(50)
        short_a, sku_a = self.product(1)
        short_b, sku_b = self.product(0)
        uid = self.catalog_order(self.user("customer"),
                                 [(short_b, 1), (plenty, 5), (short_a, 2)])
        response = self.transition(self.user("staff"), uid, "confirm")
        self.assertError(response, 409, "insufficient_stock")
        message = response.body["error"]["message"]
        self.assertEqual(message, "Insufficient stock: %s" % ", ".join(sorted([sku_a, sku_b])))
        self.assertEqual(self.status(uid), "pending")
        self.assertEqual((self.stock(plenty), self.stock(short_a), self.stock(short_b)),
                         (50, 1, 0))
        for product in (plenty, short_a, short_b):
            self.assertEqual(self.ledger(product), [])
        self.assertEqual(self.history(uid), [("", "pending", "")])

    def test_the_transition_check_comes_before_the_stock_check(self):
        product, _ = self.product(5)
        uid = self.catalog_order(self.user("customer"), [(product, 5)])
        self.assertStatus(self.transition(self.user("staff"), uid, "cancel"), 200)
        self.stack.psql("INSERT INTO inventory_movements (product_id, delta, reason)"
                        " SELECT id, -5, 'adjustment' FROM products WHERE uid = '%s'" % product)
        self.assertError(self.transition(self.user("staff"), uid, "confirm"), 409,
                         "invalid_transition",
                         message="Cannot change status from cancelled to confirmed")

    def test_free_form_orders_move_no_stock(self):
        customer = self.user("customer")
        response = self.call(customer, "POST", "/orders",
                             {"product_name": "Gadget", "quantity": 2, "amount": "9.90"})
        self.assertStatus(response, 201)
        uid = response.body["order_id"]
        before = self.stack.value("SELECT count(*) FROM inventory_movements")
        self.assertStatus(self.transition(self.user("staff"), uid, "confirm"), 200)
        self.assertStatus(self.transition(self.user("staff"), uid, "cancel"), 200)
        self.assertEqual(self.stack.value("SELECT count(*) FROM inventory_movements"), before)

    def test_hand_written_sql_runs_the_same_effects(self):
        product, _ = self.product(4)
        uid = self.catalog_order(self.user("customer"), [(product, 3)])
        self.stack.psql("UPDATE orders SET status = 'confirmed' WHERE uid = '%s'" % uid)
        self.assertEqual(self.stock(product), 1)
        self.assertEqual(self.ledger(product), [(-3, "order_confirmed", uid)])
        self.assertEqual(self.stack.value(
            "SELECT m.actor FROM inventory_movements m JOIN orders o ON o.id = m.order_id"
            " WHERE o.uid = '%s'" % uid), "sql:postgres")


class CancelBodyTest(ErpTestCase):

    def test_no_body_and_an_empty_object_cancel_without_a_reason(self):
        for body in (None, {}):
            with self.subTest(body=body):
                product, _ = self.product(1)
                uid = self.catalog_order(self.user("customer"), [(product, 1)])
                self.assertStatus(self.transition(self.user("customer"), uid, "cancel", body), 200)
                self.assertEqual(self.history(uid)[-1], ("pending", "cancelled", ""))

    def test_a_malformed_body_is_400_and_changes_nothing(self):
        product, _ = self.product(1)
        customer = self.user("customer")
        uid = self.catalog_order(customer, [(product, 1)])
        for body, field in (({"reason": ""}, "reason"), ({"reason": "x" * 501}, "reason"),
                            ({"reason": 5}, "reason"), ({"why": "no"}, "why")):
            with self.subTest(body=body):
                self.assertError(self.transition(customer, uid, "cancel", body), 400,
                                 "validation_error", fields=[field])
        response = self.request("PATCH", "/orders/%s/cancel" % uid, raw=b"{not json",
                                headers=dict(bearer(customer.access),
                                             **{"Content-Type": "application/json"}))
        self.assertError(response, 400)
        self.assertEqual(self.status(uid), "pending")


class DetailTest(ErpTestCase):

    def test_lines_keep_snapshots_of_sku_name_and_price(self):
        product, sku = self.product(9, price="2.50")
        customer = self.user("customer")
        uid = self.catalog_order(customer, [(product, 4)])
        # a later change of the catalog does not change the order
        response = self.call(self.user("staff"), "PATCH", "/products/%s" % product,
                             {"name": "Renamed", "price": "99.00"})
        self.assertStatus(response, 200)
        detail = self.call(customer, "GET", "/orders/%s" % uid).body
        self.assertEqual(detail["lines"], [{"sku": sku, "product_name": "Item " + sku,
                                            "quantity": 4, "unit_price": "2.50",
                                            "amount": "10.00"}])
        self.assertEqual((detail["product_name"], detail["quantity"], detail["amount"]),
                         ("Item " + sku, 4, "10.00"))
        listed = self.call(customer, "GET", "/orders").body["results"]
        line = [item for item in listed if item["uid"] == uid][0]["lines"][0]
        self.assertEqual(line["sku"], sku)


class ConcurrencyTest(ErpTestCase):

    def run_all(self, calls):
        """Runs calls (functions returning a response) at once; the statuses
        with error codes."""
        results = []
        lock = threading.Lock()
        start = threading.Barrier(len(calls))

        def run(call):
            start.wait()
            response = call()
            code = response.body.get("error", {}).get("code") if response.status != 200 else None
            with lock:
                results.append((response.status, code))

        threads = [threading.Thread(target=run, args=(call,)) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertEqual(len(results), len(calls))
        return results

    def confirm_call(self, uid):
        staff = self.user("staff")
        return lambda: self.server.request("PATCH", "/orders/%s/confirm" % uid,
                                           headers=bearer(staff.access))

    def test_100_confirms_of_one_unit_against_a_stock_of_10(self):
        product, _ = self.product(10)
        customer = self.user("customer")
        uids = [self.catalog_order(customer, [(product, 1)]) for _ in range(100)]
        results = self.run_all([self.confirm_call(uid) for uid in uids])
        self.assertEqual(results.count((200, None)), 10, results)
        self.assertEqual(results.count((409, "insufficient_stock")), 90, results)
        self.assertEqual(self.stock(product), 0)
        ledger = self.ledger(product)
        self.assertEqual(len(ledger), 10)
        self.assertEqual(sum(delta for delta, _, _ in ledger), -10)
        confirmed = set(self.stack.value(
            "SELECT string_agg(uid::text, ',') FROM orders WHERE status = 'confirmed'"
            " AND uid IN (%s)" % ",".join("'%s'" % uid for uid in uids)).split(","))
        self.assertEqual({order for _, _, order in ledger}, confirmed)
        self.assertLedgerHolds()

    def test_two_line_orders_in_opposite_order_never_deadlock(self):
        first, _ = self.product(1000)
        second, _ = self.product(1000)
        customer = self.user("customer")
        uids = []
        for k in range(40):
            lines = [(first, 1), (second, 1)] if k % 2 else [(second, 1), (first, 1)]
            uids.append(self.catalog_order(customer, lines))
        results = self.run_all([self.confirm_call(uid) for uid in uids])
        self.assertEqual(results, [(200, None)] * 40)
        self.assertEqual((self.stock(first), self.stock(second)), (960, 960))
        self.assertLedgerHolds()

    def test_scheduler_and_staff_race_on_pending_catalog_orders(self):
        product, _ = self.product(1000)
        short, short_sku = self.product(0)
        customer = self.user("customer")
        uids = [self.catalog_order(customer, [(product, 2)]) for _ in range(30)]
        unfillable = self.catalog_order(customer, [(product, 1), (short, 1)])
        fast = {"SCHEDULER_INTERVAL_SECONDS": "1", "PROCESSING_WORK_SECONDS": "1"}
        worker = self.stack.start_process("all", fast)
        try:
            results = self.run_all([self.confirm_call(uid) for uid in uids])
            self.assertNotIn(500, [status for status, _ in results])
            harness.wait_until(
                lambda: self.status(unfillable) == "cancelled", 60,
                message="the processor cancels the order it cannot fill")
        finally:
            self.stack.stop_server(worker)
        for uid in uids:
            moves = self.stack.rows(
                "SELECT m.delta, m.reason FROM inventory_movements m"
                " JOIN orders o ON o.id = m.order_id WHERE o.uid = '%s'" % uid)
            status = self.status(uid)
            with self.subTest(uid=uid, status=status):
                self.assertEqual(len(moves), 1, moves)
                wanted = "order_confirmed" if status == "confirmed" else "order_processing"
                self.assertEqual(moves[0], ["-2", wanted])
        self.assertEqual(self.stack.value(
            "SELECT cancel_reason FROM orders WHERE uid = '%s'" % unfillable),
            "insufficient stock: %s" % short_sku)
        self.assertEqual(self.history(unfillable)[-1],
                         ("pending", "cancelled", "insufficient stock: %s" % short_sku))
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM inventory_movements m JOIN orders o ON o.id = m.order_id"
            " WHERE o.uid = '%s'" % unfillable), "0")
        self.assertEqual(self.stock(product), 1000 - 2 * len(uids))
        self.assertLedgerHolds()
        self.assertCheckPasses()


if __name__ == "__main__":
    unittest.main()
