"""tests/e2e/test_etags.py - ETags and conditional writes (README, The API:
ETags).

GET /orders/{uid} and GET /products/{uid} carry a strong ETag, the row's
version, which every change bumps (an endpoint, the ledger's stock trigger,
the lifecycle, hand-written SQL); If-None-Match answers 304 with no body
(weak comparison, `*`, lists); PATCH /products/{uid} and the order
transitions honour If-Match (a stale or weak tag is 412
precondition_failed and nothing changes; `*` matches; no header: the write
is unconditional); and two writers racing with the same If-Match: exactly
one wins, repeated over many rounds.
"""

import json
import os
import threading
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("etags")
ROUNDS = 30


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class EtagTestCase(ApiTestCase):
    stack = STACK
    _admin = None

    def admin(self):
        if EtagTestCase._admin is None:
            EtagTestCase._admin = self.make_admin()
        return EtagTestCase._admin

    def call(self, method, path, body=None, headers=None, user=None):
        all_headers = dict(bearer((user or self.admin()).access))
        all_headers.update(headers or {})
        return self.request(method, path, body=body, headers=all_headers)

    def product(self):
        body = {"sku": "ET-%s" % uuid.uuid4().hex[:10], "name": "Lamp", "price": "10.00",
                "stock": 5}
        response = self.call("POST", "/products", body)
        self.assertStatus(response, 201)
        return response.body["uid"]

    def order(self, user=None):
        response = self.call("POST", "/orders",
                             {"product_name": "Lamp", "quantity": 1, "amount": "10.00"}, user=user)
        self.assertStatus(response, 201)
        return response.body["order_id"]

    def etag(self, path, user=None):
        response = self.call("GET", path, user=user)
        self.assertStatus(response, 200)
        etag = response.headers.get("ETag")
        self.assertRegex(etag or "", r'^"[0-9]+"$')
        return etag, response.body

    def version(self, table, uid):
        return int(self.stack.value("SELECT version FROM %s WHERE uid = '%s'" % (table, uid)))


class ConditionalReads(EtagTestCase):
    def test_product_etag_and_304(self):
        uid = self.product()
        path = "/products/%s" % uid
        etag, body = self.etag(path)
        self.assertEqual(etag, '"%d"' % body["version"])
        for header in (etag, "W/" + etag, '"0", ' + etag, "*"):
            response = self.call("GET", path, headers={"If-None-Match": header})
            self.assertStatus(response, 304)
            self.assertEqual(response.raw, b"")
            self.assertEqual(response.headers.get("ETag"), etag)
        for header in ('"0"', "W/\"0\"", "garbage", etag + " x"):
            response = self.call("GET", path, headers={"If-None-Match": header})
            self.assertStatus(response, 200)
            self.assertEqual(response.body["uid"], uid)

    def test_every_change_bumps_the_version(self):
        uid = self.product()
        path = "/products/%s" % uid
        first, _ = self.etag(path)
        self.assertStatus(self.call("PATCH", path, {"name": "Desk lamp"}), 200)
        second, _ = self.etag(path)
        self.assertNotEqual(first, second)
        # the ledger's stock trigger changes the row: a new version too
        self.assertStatus(self.call("POST", path + "/stock", {"delta": 2}), 200)
        third, _ = self.etag(path)
        self.assertNotEqual(second, third)
        # hand-written SQL cannot keep (or choose) the version
        self.stack.psql("UPDATE products SET version = 1, name = 'x' WHERE uid = '%s'" % uid)
        fourth, _ = self.etag(path)
        self.assertNotIn(fourth, (first, second, third))
        response = self.call("GET", path, headers={"If-None-Match": third})
        self.assertStatus(response, 200)

    def test_order_etag_follows_the_lifecycle(self):
        customer = self.new_user()
        uid = self.order(user=customer)
        path = "/orders/%s" % uid
        etag, _ = self.etag(path, user=customer)
        self.assertStatus(self.call("GET", path, headers={"If-None-Match": etag}, user=customer),
                          304)
        self.assertStatus(self.call("PATCH", path + "/confirm"), 200)
        after, body = self.etag(path, user=customer)
        self.assertNotEqual(etag, after)
        self.assertEqual(body["status"], "confirmed")
        response = self.call("GET", path, headers={"If-None-Match": etag}, user=customer)
        self.assertStatus(response, 200)
        # someone else's order is still a 404, whatever the header
        other = self.new_user()
        self.assertError(self.call("GET", path, headers={"If-None-Match": "*"}, user=other), 404)


    def test_head_is_served_as_get_without_a_body(self):
        # the router answers HEAD with its GET (rt_router): the same status
        # and headers, ETag included, and no body; If-None-Match gives 304
        uid = self.product()
        path = "/products/%s" % uid
        etag, _ = self.etag(path)
        head = self.call("HEAD", path)
        self.assertStatus(head, 200)
        self.assertEqual(head.raw, b"")
        self.assertEqual(head.headers.get("ETag"), etag)
        self.assertStatus(self.call("HEAD", path, headers={"If-None-Match": etag}), 304)
        self.assertError(self.call("GET", "/products/%s" % uuid.uuid4()), 404)
        self.assertStatus(self.call("HEAD", "/products/%s" % uuid.uuid4()), 404)

    def test_openapi_lists_304_only_where_an_etag_is_declared(self):
        with open(os.path.join(harness.ROOT, "generated", "openapi.json")) as handle:
            document = json.load(handle)
        with_304 = []
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                success = operation["responses"].get("200") or {}
                has_etag = "ETag" in (success.get("headers") or {})
                if "304" in operation["responses"]:
                    self.assertTrue(has_etag and method == "get", (method, path))
                    with_304.append((method, path))
                elif has_etag:
                    self.assertNotEqual(method, "get", (method, path))
        self.assertEqual(sorted(with_304), [("get", "/orders/{uid}"), ("get", "/products/{uid}")])


class ConditionalWrites(EtagTestCase):
    def test_patch_with_current_etag(self):
        uid = self.product()
        path = "/products/%s" % uid
        etag, _ = self.etag(path)
        response = self.call("PATCH", path, {"name": "Fresh"}, headers={"If-Match": etag})
        self.assertStatus(response, 200)
        self.assertEqual(response.body["name"], "Fresh")
        new_etag = response.headers.get("ETag")
        self.assertEqual(new_etag, '"%d"' % self.version("products", uid))
        self.assertNotEqual(new_etag, etag)
        self.assertStatus(self.call("PATCH", path, {"name": "Star"}, headers={"If-Match": "*"}),
                          200)

    def test_stale_or_weak_etag_is_412_and_changes_nothing(self):
        uid = self.product()
        path = "/products/%s" % uid
        etag, before = self.etag(path)
        self.assertStatus(self.call("PATCH", path, {"name": "Changed"}), 200)  # unconditional
        changed = self.version("products", uid)
        for header in (etag, "W/" + etag.replace("W/", ""), '"999999"', "garbage"):
            response = self.call("PATCH", path, {"name": "Lost update"},
                                 headers={"If-Match": header})
            self.assertError(response, 412, "precondition_failed")
        self.assertEqual(self.version("products", uid), changed)
        self.assertEqual(self.stack.value("SELECT name FROM products WHERE uid = '%s'" % uid),
                         "Changed")
        self.assertNotEqual(before["name"], "Lost update")

    def test_weak_tag_of_the_current_version_never_matches_if_match(self):
        # strong comparison (RFC 9110 13.1.1): W/"7" is not "7", even when
        # "7" is the current tag; a weak comparison would let this write in
        uid = self.product()
        path = "/products/%s" % uid
        etag, _ = self.etag(path)
        version = self.version("products", uid)
        for header in ("W/" + etag, '"0", W/' + etag):
            response = self.call("PATCH", path, {"name": "Weakly matched"},
                                 headers={"If-Match": header})
            self.assertError(response, 412, "precondition_failed")
        self.assertEqual(self.version("products", uid), version)
        self.assertStatus(self.call("PATCH", path, {"name": "Strongly matched"},
                                    headers={"If-Match": etag}), 200)

    def test_unknown_product_is_404_before_412(self):
        path = "/products/%s" % uuid.uuid4()
        self.assertError(self.call("PATCH", path, {"name": "x"}, headers={"If-Match": '"1"'}),
                         404)
        self.assertError(self.call("PATCH", path, {"name": "x"}, headers={"If-Match": "*"}), 404)

    def test_transitions_honour_if_match(self):
        customer = self.new_user()
        uid = self.order(user=customer)
        path = "/orders/%s" % uid
        etag, _ = self.etag(path)
        response = self.call("PATCH", path + "/confirm", headers={"If-Match": '"0"'})
        self.assertError(response, 412, "precondition_failed")
        self.assertEqual(self.stack.value("SELECT status FROM orders WHERE uid = '%s'" % uid),
                         "pending")
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id "
            "WHERE o.uid = '%s' AND h.to_status = 'confirmed'" % uid), "0")
        response = self.call("PATCH", path + "/confirm", headers={"If-Match": etag})
        self.assertStatus(response, 200)
        confirmed = response.headers.get("ETag")
        self.assertEqual(confirmed, '"%d"' % self.version("orders", uid))
        # the customer's cancel with the old tag is refused, with the new one it works
        response = self.call("PATCH", path + "/cancel", {"reason": "late"},
                             headers={"If-Match": etag}, user=customer)
        self.assertError(response, 412, "precondition_failed")
        response = self.call("PATCH", path + "/cancel", {"reason": "late"},
                             headers={"If-Match": confirmed}, user=customer)
        self.assertStatus(response, 200)
        self.assertEqual(self.stack.value("SELECT status FROM orders WHERE uid = '%s'" % uid),
                         "cancelled")

    def test_ship_and_deliver_without_header_stay_unconditional(self):
        uid = self.order()
        for step in ("confirm", "ship", "deliver"):
            response = self.call("PATCH", "/orders/%s/%s" % (uid, step))
            self.assertStatus(response, 200)
            self.assertEqual(response.headers.get("ETag"),
                             '"%d"' % self.version("orders", uid))

    def test_two_writers_with_one_etag_exactly_one_wins(self):
        """Both read the same ETag, then PATCH at once: the row lock makes
        the second see the first's version, so it gets 412 (never two
        200s), every round."""
        uid = self.product()
        path = "/products/%s" % uid
        for round_number in range(ROUNDS):
            etag, _ = self.etag(path)
            barrier = threading.Barrier(2)
            statuses = []

            def writer(name):
                barrier.wait()
                response = self.call("PATCH", path, {"name": name}, headers={"If-Match": etag})
                statuses.append((response.status, name))

            threads = [threading.Thread(target=writer, args=("w%d-%d" % (round_number, k),))
                       for k in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            self.assertEqual(sorted(status for status, _ in statuses), [200, 412], statuses)
            winner = [name for status, name in statuses if status == 200][0]
            self.assertEqual(self.stack.value(
                "SELECT name FROM products WHERE uid = '%s'" % uid), winner)

    def test_two_transitions_with_one_etag_exactly_one_wins(self):
        for _ in range(ROUNDS // 3):
            uid = self.order()
            path = "/orders/%s" % uid
            etag, _ = self.etag(path)
            barrier = threading.Barrier(2)
            statuses = []

            def writer(step):
                barrier.wait()
                response = self.call("PATCH", "%s/%s" % (path, step), headers={"If-Match": etag},
                                     body={} if step == "cancel" else None)
                statuses.append(response.status)

            threads = [threading.Thread(target=writer, args=(step,))
                       for step in ("confirm", "cancel")]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            self.assertEqual(sorted(statuses), [200, 412], statuses)
            self.assertEqual(self.stack.value(
                "SELECT count(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id "
                "WHERE o.uid = '%s' AND h.to_status IN ('confirmed', 'cancelled')" % uid), "1")


if __name__ == "__main__":
    unittest.main()
