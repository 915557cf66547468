"""tests/e2e/test_orders.py - the orders contract (README, "The API").

POST /orders (free-form single-line orders: validation of every field by
name, money as "49.90" whether sent as a string or a number, the
order_created job enqueued in the same transaction and run by `orderd
worker`), GET /orders (DRF pages with absolute links, ownership, staff
filters and ordering), GET /orders/{uid} (lines and status history) and
PATCH /orders/{uid}/cancel (ownership, the lifecycle, 409s), and the
lifecycle guard refusing an invalid transition made with plain SQL.
"""

import json
import re
import time
import unittest
import urllib.parse
import uuid

import harness
from harness import ApiTestCase, bearer, jwt_parts, parse_timestamp

STACK = harness.Stack("orders")

MONEY_RE = re.compile(r"^\d+\.\d{2}$")
ITEM_KEYS = {"uid", "product_name", "quantity", "amount", "status", "created_at", "lines"}
LINE_KEYS = {"product_name", "quantity", "unit_price", "amount"}
# The order_status enum in declaration order (migrations/0002_orders.sql).
STATUS_ORDER = ["pending", "processing", "completed", "confirmed", "shipped", "delivered",
                "cancelled"]


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def valid_order(**changes):
    body = {"product_name": "Widget", "quantity": 2, "amount": "49.90"}
    body.update(changes)
    return body


class OrdersTestCase(ApiTestCase):
    stack = STACK
    _admin = None

    # -- requests

    def post_order(self, user, body=None, raw=None, **kwargs):
        headers = bearer(user.access) if user is not None else {}
        return self.request("POST", "/orders", body=body, raw=raw, headers=headers, **kwargs)

    def create_order(self, user, **changes):
        """POST /orders (asserting 201); returns the new order's uid."""
        response = self.post_order(user, valid_order(**changes))
        self.assertStatus(response, 201)
        return response.body["order_id"]

    def get(self, user, path, query=None):
        if query:
            path += "?" + urllib.parse.urlencode(query)
        headers = bearer(user.access) if user is not None else {}
        return self.request("GET", path, headers=headers)

    def list_orders(self, viewer, **query):
        """GET /orders as viewer with query (asserting 200); returns the page body."""
        response = self.get(viewer, "/orders", query)
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["count", "count_is_estimate", "next", "previous", "results"])
        return response.body

    def all_uids(self, viewer, **query):
        """Every uid the listing shows to viewer (all pages), in page order."""
        uids = []
        page = 1
        while True:
            body = self.list_orders(viewer, page=page, page_size=100, **query)
            uids.extend(item["uid"] for item in body["results"])
            if body["next"] is None:
                return uids
            page += 1

    def cancel(self, user, uid):
        headers = bearer(user.access) if user is not None else {}
        return self.request("PATCH", "/orders/%s/cancel" % uid, headers=headers)

    def detail(self, user, uid):
        response = self.get(user, "/orders/%s" % uid)
        self.assertStatus(response, 200)
        return response.body

    # -- the database

    def order_row(self, uid):
        """(id, status, amount as text, owner uid) of an order, from the database."""
        found = self.stack.rows(
            "SELECT o.id, o.status, o.amount::text, u.uid FROM orders o"
            " JOIN users u ON u.id = o.user_id WHERE o.uid = '%s'" % uid)
        self.assertEqual(len(found), 1, "order %s not in the database" % uid)
        return found[0]

    def history_rows(self, uid):
        """[(from, to, actor)] of an order, oldest first, from the database."""
        return [tuple(row) for row in self.stack.rows(
            "SELECT coalesce(h.from_status::text, ''), h.to_status, h.actor"
            " FROM order_status_history h JOIN orders o ON o.id = h.order_id"
            " WHERE o.uid = '%s' ORDER BY h.id" % uid)]

    def order_count_of(self, user):
        return int(self.stack.value(
            "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id"
            " WHERE u.uid = '%s'" % user.id))

    # -- users

    def admin(self):
        """One admin (orderd createadmin) shared by the module's tests."""
        if OrdersTestCase._admin is None:
            OrdersTestCase._admin = self.make_admin()
        return OrdersTestCase._admin

    def new_staff(self):
        """A customer made staff by an admin (PATCH /users/{uid}/role),
        signed in again so that the token carries the new role."""
        user = self.new_user()
        response = self.request("PATCH", "/users/%s/role" % user.id,
                                headers=bearer(self.admin().access), body={"role": "staff"})
        self.assertStatus(response, 200)
        self.login(user)
        self.assertEqual(jwt_parts(user.access)[1]["role"], "staff")
        return user

    def set_status_as_scheduler(self, uid, *statuses):
        """Moves an order through statuses the way the scheduler's job does
        (its SQL, with the job's actor), in one transaction."""
        steps = "".join("UPDATE orders SET status = '%s', updated_at = now() WHERE uid = '%s';"
                        % (status, uid) for status in statuses)
        self.stack.psql("BEGIN; SELECT set_config('orderd.actor', 'job:test:0', true); %s COMMIT;"
                        % steps)


# --------------------------------------------------------------- POST /orders

class CreateOrderTest(OrdersTestCase):

    def test_create_returns_201_with_order_id_and_message(self):
        user = self.new_user()
        response = self.post_order(user, valid_order())
        self.assertStatus(response, 201)
        self.assertKeys(response.body, ["order_id", "message"])
        self.assertEqual(response.body["message"], "Order created")
        self.assertRegex(response.body["order_id"], harness.UUID_RE)
        _, status, amount, owner = self.order_row(response.body["order_id"])
        self.assertEqual((status, amount, owner), ("pending", "49.90", user.id))

    def test_location_names_the_new_order(self):
        user = self.new_user()
        response = self.post_order(user, valid_order())
        self.assertStatus(response, 201)
        location = response.headers.get("Location")
        self.assertEqual(location, "/orders/%s" % response.body["order_id"])
        detail = self.get(user, location)
        self.assertStatus(detail, 200)
        self.assertEqual(detail.body["uid"], response.body["order_id"])

    def test_creating_and_cancelling_are_logged_with_order_and_user(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.assertStatus(self.cancel(user, uid), 200)

        def logged(event):
            return [record for record in self.server.log_events(event)
                    if record.get("order") == uid]
        records = harness.wait_until(lambda: logged("order_created") or None, 5,
                                     message="order_created log line")
        self.assertEqual(records[0].get("user"), user.id, records)
        self.assertTrue(records[0].get("request_id"), records)
        records = harness.wait_until(lambda: logged("order_cancelled") or None, 5,
                                     message="order_cancelled log line")
        self.assertEqual(records[0].get("by"), user.id, records)

    def test_trailing_slash_is_the_same_endpoint(self):
        user = self.new_user()
        response = self.request("POST", "/orders/", body=valid_order(), headers=bearer(user.access))
        self.assertStatus(response, 201)
        self.assertEqual(response.body["message"], "Order created")

    def test_amount_as_string_or_number_is_stored_and_returned_with_two_decimals(self):
        user = self.new_user()
        cases = [
            (b'"49.90"', "49.90"), (b'49.9', "49.90"), (b'49', "49.00"), (b'"7"', "7.00"),
            (b'0.01', "0.01"), (b'"9999999999.99"', "9999999999.99"),
            (b'9999999999.99', "9999999999.99"),
        ]
        for literal, expected in cases:
            with self.subTest(amount=literal):
                raw = b'{"product_name": "Widget", "quantity": 1, "amount": ' + literal + b'}'
                response = self.post_order(user, raw=raw)
                self.assertStatus(response, 201)
                uid = response.body["order_id"]
                self.assertEqual(self.order_row(uid)[2], expected)
                self.assertEqual(self.detail(user, uid)["amount"], expected)
                listed = [item for item in self.list_orders(user)["results"] if item["uid"] == uid]
                self.assertEqual(len(listed), 1)
                self.assertEqual(listed[0]["amount"], expected)

    def test_boundary_values_are_accepted(self):
        user = self.new_user()
        for changes in ({"quantity": 1}, {"quantity": 10000, "amount": "10000.00"},
                        {"product_name": "x"}, {"product_name": "x" * 255},
                        {"product_name": "\u00e9" * 255},  # characters, not bytes
                        {"product_name": "Caf\u00e9 \u2615 \U0001F600"}):
            with self.subTest(changes=changes):
                uid = self.create_order(user, **changes)
                line = self.detail(user, uid)["lines"][0]
                self.assertEqual(line["product_name"], valid_order(**changes)["product_name"])
                self.assertEqual(line["quantity"], valid_order(**changes)["quantity"])

    def test_missing_fields_are_400_naming_the_field(self):
        user = self.new_user()
        for missing in ("product_name", "quantity", "amount"):
            with self.subTest(missing=missing):
                body = valid_order()
                del body[missing]
                error = self.assertError(self.post_order(user, body), 400, fields=[missing])
                self.assertEqual(set(error["fields"]), {missing})
        error = self.assertError(self.post_order(user, {}), 400,
                                 fields=["product_name", "quantity", "amount"])
        self.assertEqual(set(error["fields"]), {"product_name", "quantity", "amount"})

    def assertFieldRejected(self, user, field, literal):
        body = valid_order()
        del body[field]
        raw = (b'{' + b", ".join(b'"%s": %s' % (name.encode(), _json(value))
                                 for name, value in body.items())
               + b', "%s": %s}' % (field.encode(), literal))
        error = self.assertError(self.post_order(user, raw=raw), 400, fields=[field])
        self.assertEqual(set(error["fields"]), {field}, error)

    def test_bad_quantity_is_400_naming_quantity(self):
        user = self.new_user()
        for literal in (b'0', b'-1', b'10001', b'1.5', b'"3"', b'1e3', b'99999999999999999999',
                        b'true', b'null', b'[]', b'{}', b'-99999999999999999999'):
            with self.subTest(quantity=literal):
                self.assertFieldRejected(user, "quantity", literal)
        self.assertEqual(self.order_count_of(user), 0)

    def test_bad_amount_is_400_naming_amount(self):
        user = self.new_user()
        for literal in (b'-1', b'0', b'"0"', b'"0.001"', b'49.999', b'"49.999"', b'"NaN"', b'"abc"',
                        b'"Infinity"', b'1e309', b'-1e309', b'10000000000.00',
                        b'"10000000000.00"', b'""', b'" 1.00"', b'true', b'null', b'[]'):
            with self.subTest(amount=literal):
                self.assertFieldRejected(user, "amount", literal)
        self.assertEqual(self.order_count_of(user), 0)

    def test_bad_product_name_is_400_naming_product_name(self):
        user = self.new_user()
        for literal in (b'""', b'"' + b"x" * 256 + b'"', ('"' + "\u00e9" * 256 + '"').encode(),
                        b'5', b'null', b'["Widget"]', b'{"name": "Widget"}'):
            with self.subTest(product_name=literal[:20]):
                self.assertFieldRejected(user, "product_name", literal)
        self.assertEqual(self.order_count_of(user), 0)

    def test_unknown_field_is_rejected_by_name(self):
        user = self.new_user()
        for name in ("quantiy", "price", "status", "user_id"):
            with self.subTest(field=name):
                body = valid_order()
                body[name] = 1
                error = self.assertError(self.post_order(user, body), 400, fields=[name])
                self.assertEqual(set(error["fields"]), {name}, error)

    def test_malformed_bodies_are_400(self):
        user = self.new_user()
        for raw in (b'{', b'{"product_name": "Widget", "quantity": 2,', b'not json', b'[]',
                    b'"order"', b'null', b'{"product_name": "Widget" "quantity": 2}',
                    b'{"product_name": "W", "quantity": 1, "amount": "1.00", "amount": "2.00"}',
                    b''):
            with self.subTest(body=raw):
                self.assertError(self.post_order(user, raw=raw), 400)
        self.assertEqual(self.order_count_of(user), 0)

    def test_invalid_utf8_is_400(self):
        user = self.new_user()
        for name in (b'\xff\xfe', b'Caf\xe9', b'\xc0\xaf', b'\xed\xa0\x80', b'\xe2\x82'):
            with self.subTest(product_name=name):
                raw = b'{"product_name": "' + name + b'", "quantity": 1, "amount": "1.00"}'
                self.assertError(self.post_order(user, raw=raw), 400, code="validation_error",
                                 fields=["product_name"])
        self.assertEqual(self.order_count_of(user), 0)

    def test_3_mib_body_is_413(self):
        user = self.new_user()
        raw = b'{"product_name": "' + b"x" * (3 << 20) + b'", "quantity": 1, "amount": "1.00"}'
        self.assertError(self.post_order(user, raw=raw), 413)
        self.assertEqual(self.order_count_of(user), 0)

    def test_without_a_valid_token_is_401(self):
        self.assertError(self.post_order(None, valid_order()), 401)
        claims = {"token_type": "access", "user_id": str(uuid.uuid4()), "jti": uuid.uuid4().hex,
                  "iat": int(time.time()), "exp": int(time.time()) + 600, "role": "customer"}
        forged = harness.jwt_sign({"typ": "JWT"}, claims, "not-the-secret")
        response = self.request("POST", "/orders", body=valid_order(), headers=bearer(forged))
        self.assertError(response, 401)
        response = self.request("POST", "/orders", body=valid_order(),
                                headers={"Authorization": "Token abc"})
        self.assertError(response, 401)


def _json(value):
    return json.dumps(value).encode()


# ------------------------------------------------- jobs in the same transaction

class OrderJobTest(OrdersTestCase):

    def jobs_of(self, uid):
        """[(kind, status)] of the jobs whose payload names the order."""
        return [tuple(row) for row in self.stack.rows(
            "SELECT j.kind, j.status FROM jobs j JOIN orders o"
            " ON (j.payload ->> 'order_id')::bigint = o.id WHERE o.uid = '%s'" % uid)]

    def notifications_of(self, uid):
        return [row[0] for row in self.stack.rows(
            "SELECT n.kind FROM notifications n JOIN orders o ON o.id = n.order_id"
            " WHERE o.uid = '%s'" % uid)]

    def test_created_order_has_its_job_and_the_worker_records_the_notification(self):
        user = self.new_user()
        uid = self.create_order(user)
        # No worker runs yet: the job waits, committed with the order.
        self.assertEqual(self.jobs_of(uid), [("order_created", "queued")])
        self.assertEqual(self.notifications_of(uid), [])

        worker = self.stack.start_process("worker")
        try:
            harness.wait_until(lambda: self.notifications_of(uid), 10,
                               message="notification of order %s" % uid)
            harness.wait_until(lambda: self.jobs_of(uid) == [("order_created", "done")], 10,
                               message="order_created job of %s done" % uid)
            self.assertEqual(self.notifications_of(uid), ["order_created"])
            # An order made while the worker runs is handled too (NOTIFY).
            second = self.create_order(user)
            harness.wait_until(lambda: self.notifications_of(second), 10,
                               message="notification of order %s" % second)
        finally:
            self.stack.stop_server(worker)
        done = [record for record in worker.log_events("job_done")
                if record.get("kind") == "order_created"]
        self.assertGreaterEqual(len(done), 2, worker.log_tail())

    def test_rejected_request_leaves_no_order_and_no_job(self):
        user = self.new_user()
        jobs_before = int(self.stack.value("SELECT count(*) FROM jobs"))
        orders_before = int(self.stack.value("SELECT count(*) FROM orders"))
        for body in (valid_order(quantity=0), valid_order(amount="0.001"),
                     valid_order(product_name=""), valid_order(extra=True), {}):
            self.assertError(self.post_order(user, body), 400)
        self.assertError(self.post_order(user, raw=b'{"product_name":'), 400)
        self.assertEqual(self.order_count_of(user), 0)
        self.assertEqual(int(self.stack.value("SELECT count(*) FROM orders")), orders_before)
        self.assertEqual(int(self.stack.value("SELECT count(*) FROM jobs")), jobs_before)
        self.assertEqual(self.list_orders(user)["count"], 0)


# ---------------------------------------------------------------- GET /orders

class ListOrdersTest(OrdersTestCase):

    def make_orders(self, user, count):
        """count orders, oldest first; returns their uids in creation order."""
        return [self.create_order(user, product_name="item-%02d" % n, amount="%d.00" % (n + 1))
                for n in range(count)]

    def assertAbsoluteLink(self, link, **expected_query):
        """link is an absolute URL to this server's /orders; returns the
        path and query to request it with."""
        self.assertIsInstance(link, str)
        parts = urllib.parse.urlsplit(link)
        self.assertEqual(parts.scheme, "http", link)
        self.assertEqual(parts.netloc, "127.0.0.1:%d" % self.server.port, link)
        self.assertIn(parts.path, ("/orders", "/orders/"), link)
        query = dict(urllib.parse.parse_qsl(parts.query))
        for name, value in expected_query.items():
            if value is None:
                self.assertIn(query.get(name), (None, "1"), link)
            else:
                self.assertEqual(query.get(name), str(value), link)
        return parts.path + ("?" + parts.query if parts.query else "")

    def test_page_shape_defaults_and_absolute_links(self):
        user = self.new_user()
        uids = self.make_orders(user, 12)
        newest_first = list(reversed(uids))

        first = self.list_orders(user)
        self.assertEqual(first["count"], 12)
        self.assertIsNone(first["previous"])
        self.assertEqual([item["uid"] for item in first["results"]], newest_first[:10])
        next_path = self.assertAbsoluteLink(first["next"], page=2)

        response = self.request("GET", next_path, headers=bearer(user.access))
        self.assertStatus(response, 200)
        second = response.body
        self.assertEqual(second["count"], 12)
        self.assertIsNone(second["next"])
        self.assertEqual([item["uid"] for item in second["results"]], newest_first[10:])
        previous_path = self.assertAbsoluteLink(second["previous"], page=None)
        back = self.request("GET", previous_path, headers=bearer(user.access))
        self.assertStatus(back, 200)
        self.assertEqual([item["uid"] for item in back.body["results"]], newest_first[:10])

    def test_page_size_is_kept_in_links_and_pages_cover_everything_once(self):
        user = self.new_user()
        uids = self.make_orders(user, 12)
        seen = []
        body = self.list_orders(user, page_size=5)
        pages = 1
        while True:
            self.assertLessEqual(len(body["results"]), 5)
            seen.extend(item["uid"] for item in body["results"])
            if body["next"] is None:
                break
            pages += 1
            path = self.assertAbsoluteLink(body["next"], page=pages, page_size=5)
            response = self.request("GET", path, headers=bearer(user.access))
            self.assertStatus(response, 200)
            body = response.body
        self.assertEqual(pages, 3)
        self.assertEqual(seen, list(reversed(uids)))
        self.assertEqual(len(self.list_orders(user, page_size=5, page=3)["results"]), 2)
        self.assertEqual(len(self.list_orders(user, page_size=100)["results"]), 12)

    def test_items_have_the_contract_fields_newest_first(self):
        user = self.new_user()
        self.make_orders(user, 3)
        results = self.list_orders(user)["results"]
        self.assertEqual([item["product_name"] for item in results],
                         ["item-02", "item-01", "item-00"])
        for item in results:
            self.assertTrue(ITEM_KEYS <= set(item),
                            "missing %s in %r" % (ITEM_KEYS - set(item), item))
            self.assertRegex(item["uid"], harness.UUID_RE)
            self.assertIsInstance(item["quantity"], int)
            self.assertEqual(item["quantity"], 2)
            self.assertRegex(item["amount"], MONEY_RE)
            self.assertEqual(item["status"], "pending")
            parse_timestamp(item["created_at"])
            self.assertEqual(len(item["lines"]), 1)
            line = item["lines"][0]
            self.assertTrue(LINE_KEYS <= set(line), line)
            self.assertEqual(line["product_name"], item["product_name"])
            self.assertEqual(line["quantity"], item["quantity"])
            self.assertEqual(line["amount"], item["amount"])
        created = [parse_timestamp(item["created_at"]) for item in results]
        self.assertEqual(created, sorted(created, reverse=True))

    def test_bad_page_and_page_size_are_400(self):
        user = self.new_user()
        for name, value in (("page", "0"), ("page", "-1"), ("page", "abc"), ("page", "1.5"),
                            ("page_size", "0"), ("page_size", "-5"),
                            ("page_size", "x")):
            with self.subTest(**{name: value}):
                self.assertError(self.get(user, "/orders", {name: value}), 400, fields=[name])

    def test_page_out_of_range_is_404_in_the_error_shape(self):
        user = self.new_user()
        empty = self.list_orders(user)
        self.assertEqual(empty, {"count": 0, "count_is_estimate": False, "next": None, "previous": None, "results": []})
        self.assertError(self.get(user, "/orders", {"page": 2}), 404)
        self.make_orders(user, 3)
        self.assertError(self.get(user, "/orders", {"page": 2}), 404)
        self.assertError(self.get(user, "/orders", {"page": 2, "page_size": 3}), 404)
        self.assertError(self.get(user, "/orders", {"page": 999999999}), 404)
        self.assertEqual(len(self.list_orders(user, page=2, page_size=2)["results"]), 1)

    def test_a_customer_sees_only_their_own_orders(self):
        ann, bob = self.new_user(), self.new_user()
        ann_uids = self.make_orders(ann, 2)
        bob_uids = self.make_orders(bob, 3)
        self.assertEqual(sorted(self.all_uids(ann)), sorted(ann_uids))
        self.assertEqual(sorted(self.all_uids(bob)), sorted(bob_uids))
        self.assertEqual(self.list_orders(ann)["count"], 2)
        # a customer's user filter applies within their own orders: another
        # user's uid gives an empty page, their own uid their own orders
        page = self.list_orders(ann, user=bob.id)
        self.assertEqual((page["count"], page["results"]), (0, []))
        self.assertEqual(sorted(self.all_uids(ann, user=ann.id)), sorted(ann_uids))
        for uid in bob_uids:
            self.assertError(self.get(ann, "/orders/%s" % uid), 404)

    def test_staff_and_admin_see_all_orders(self):
        customer = self.new_user()
        mine = self.make_orders(customer, 2)
        total = int(self.stack.value("SELECT count(*) FROM orders WHERE deleted_at IS NULL"))
        for who, user in (("admin", self.admin()), ("staff", self.new_staff())):
            with self.subTest(role=who):
                self.assertEqual(self.list_orders(user)["count"], total)
                self.assertTrue(set(mine) <= set(self.all_uids(user)))
                self.assertEqual(sorted(self.all_uids(user, user=customer.id)), sorted(mine))
                self.assertEqual(self.detail(user, mine[0])["uid"], mine[0])

    def test_staff_filters(self):
        staff = self.new_staff()
        customer = self.new_user()
        uids = [self.create_order(customer, amount="%d.00" % amount)
                for amount in (10, 20, 30, 40, 50)]
        self.assertStatus(self.cancel(customer, uids[1]), 200)
        created = {item["uid"]: item["created_at"]
                   for item in self.list_orders(staff, user=customer.id)["results"]}

        def listed(**query):
            return sorted(self.all_uids(staff, user=customer.id, **query), key=uids.index)

        self.assertEqual(listed(), uids)
        self.assertEqual(listed(status="cancelled"), [uids[1]])
        self.assertEqual(listed(status="pending"), [uids[0]] + uids[2:])
        self.assertEqual(listed(status="completed"), [])
        self.assertEqual(listed(min_amount="20.00", max_amount="40"), uids[1:4])
        self.assertEqual(listed(min_amount="30.01"), uids[3:])
        self.assertEqual(listed(max_amount="9.99"), [])
        self.assertEqual(listed(created_after=created[uids[2]]), uids[2:])
        self.assertEqual(listed(created_before=created[uids[2]]), uids[:2])
        self.assertEqual(listed(created_after=created[uids[1]], created_before=created[uids[3]]),
                         uids[1:3])
        self.assertEqual(listed(status="pending", min_amount="30"), uids[2:])
        # the user filter alone, across every customer
        everyone = self.all_uids(staff, status="cancelled")
        self.assertIn(uids[1], everyone)
        for uid in everyone:
            self.assertEqual(self.order_row(uid)[1], "cancelled")

    def test_staff_ordering(self):
        staff = self.new_staff()
        customer = self.new_user()
        amounts = ("30.00", "10.00", "50.00", "20.00", "40.00")
        uids = [self.create_order(customer, amount=amount) for amount in amounts]
        self.assertStatus(self.cancel(customer, uids[0]), 200)
        self.set_status_as_scheduler(uids[2], "processing")

        def ordered(ordering):
            return self.list_orders(staff, user=customer.id, ordering=ordering)["results"]

        self.assertEqual([item["amount"] for item in ordered("amount")],
                         sorted(amounts, key=float))
        self.assertEqual([item["amount"] for item in ordered("-amount")],
                         sorted(amounts, key=float, reverse=True))
        self.assertEqual([item["uid"] for item in ordered("created_at")], uids)
        self.assertEqual([item["uid"] for item in ordered("-created_at")], list(reversed(uids)))
        statuses = [item["status"] for item in ordered("status")]
        self.assertIn(statuses, (sorted(statuses, key=STATUS_ORDER.index), sorted(statuses)))
        self.assertEqual(sorted(statuses), ["cancelled", "pending", "pending", "pending",
                                            "processing"])
        descending = [item["status"] for item in ordered("-status")]
        self.assertEqual(descending, list(reversed(statuses)))

    def test_bad_filters_and_orderings_are_400(self):
        staff = self.new_staff()
        for name, value in (("ordering", "bogus"), ("ordering", "uid"), ("ordering", "--amount"),
                            ("ordering", "password_hash"), ("status", "bogus"),
                            ("user", "not-a-uuid"), ("created_after", "yesterday"),
                            ("created_before", "2026-13-45T00:00:00Z"), ("min_amount", "abc"),
                            ("max_amount", "1.234")):
            with self.subTest(**{name: value}):
                self.assertError(self.get(staff, "/orders", {name: value}), 400, fields=[name])
        customer = self.new_user()
        self.assertError(self.get(customer, "/orders", {"ordering": "bogus"}), 400,
                         fields=["ordering"])

    def test_created_after_past_created_before_is_400_naming_created_after(self):
        # spec/orders.api: check query.created_after <= query.created_before
        staff = self.new_staff()
        message = "Ensure this value is not after created_before."
        for after, before in (("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"),
                              # 09:00Z is after 10:00+02:00 (08:00Z), though "09" < "10"
                              ("2026-03-01T09:00:00Z", "2026-03-01T10:00:00+02:00")):
            with self.subTest(created_after=after, created_before=before):
                response = self.get(staff, "/orders",
                                    {"created_after": after, "created_before": before})
                self.assertError(response, 400, code="validation_error")
                self.assertEqual(response.body["error"]["fields"], {"created_after": [message]})
        # equal instants (written with other offsets), one bound alone, or none
        for query in ({"created_after": "2026-03-01T10:00:00+02:00",
                       "created_before": "2026-03-01T08:00:00Z"},
                      {"created_after": "2026-03-02T00:00:00Z"},
                      {"created_before": "2026-03-01T00:00:00Z"}, {}):
            with self.subTest(**query):
                self.assertStatus(self.get(staff, "/orders", query), 200)

    def test_without_a_token_is_401(self):
        self.assertError(self.get(None, "/orders"), 401)


# ----------------------------------------------------------- GET /orders/{uid}

class OrderDetailTest(OrdersTestCase):

    def test_detail_has_lines_and_history(self):
        user = self.new_user()
        uid = self.create_order(user, product_name="Gadget", quantity=2, amount="49.90")
        body = self.detail(user, uid)
        self.assertTrue({"uid", "amount", "status", "created_at", "lines", "history"} <= set(body),
                        body)
        self.assertEqual(body["uid"], uid)
        self.assertEqual(body["amount"], "49.90")
        self.assertEqual(body["status"], "pending")
        parse_timestamp(body["created_at"])
        self.assertEqual(len(body["lines"]), 1)
        line = body["lines"][0]
        self.assertEqual({key: line[key] for key in LINE_KEYS},
                         {"product_name": "Gadget", "quantity": 2, "unit_price": "24.95",
                          "amount": "49.90"})
        self.assertEqual(len(body["history"]), 1)
        entry = body["history"][0]
        self.assertEqual(set(entry), {"from", "to", "actor", "reason", "at"})
        self.assertIsNone(entry["from"])
        self.assertEqual(entry["to"], "pending")
        self.assertEqual(entry["actor"], "user:%s" % user.id)
        self.assertIsNone(entry["reason"])
        parse_timestamp(entry["at"])

    def test_another_users_unknown_and_malformed_uids_are_404(self):
        owner, other = self.new_user(), self.new_user()
        uid = self.create_order(owner)
        for path in ("/orders/%s" % uid, "/orders/%s" % uuid.uuid4(), "/orders/not-a-uuid",
                     "/orders/%s" % uid.upper().replace("-", "")[:-1], "/orders/123"):
            with self.subTest(path=path):
                self.assertError(self.get(other, path), 404)
        self.assertError(self.get(owner, "/orders/%s" % uuid.uuid4()), 404)
        self.assertEqual(self.detail(owner, uid)["uid"], uid)

    def test_without_a_token_is_401(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.assertError(self.get(None, "/orders/%s" % uid), 401)


# ------------------------------------------------------ PATCH /orders/{uid}/cancel

class CancelOrderTest(OrdersTestCase):

    def test_owner_cancels_a_pending_order(self):
        user = self.new_user()
        uid = self.create_order(user)
        response = self.cancel(user, uid)
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["order_id", "message"])
        self.assertEqual(response.body, {"order_id": uid, "message": "Order cancelled"})
        body = self.detail(user, uid)
        self.assertEqual(body["status"], "cancelled")
        self.assertEqual([(entry["from"], entry["to"], entry["actor"])
                          for entry in body["history"]],
                         [(None, "pending", "user:%s" % user.id),
                          ("pending", "cancelled", "user:%s" % user.id)])
        self.assertEqual(self.order_row(uid)[1], "cancelled")

    def test_cancelling_twice_is_409(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.assertStatus(self.cancel(user, uid), 200)
        history = self.history_rows(uid)
        self.assertError(self.cancel(user, uid), 409)
        self.assertEqual(self.history_rows(uid), history)
        self.assertEqual(self.order_row(uid)[1], "cancelled")

    def test_another_users_order_is_404_and_stays_pending(self):
        owner, other = self.new_user(), self.new_user()
        uid = self.create_order(owner)
        self.assertError(self.cancel(other, uid), 404)
        self.assertEqual(self.order_row(uid)[1], "pending")
        self.assertEqual(self.detail(owner, uid)["status"], "pending")
        self.assertEqual(len(self.history_rows(uid)), 1)

    def test_unknown_and_malformed_uids_are_404(self):
        user = self.new_user()
        for uid in (str(uuid.uuid4()), "not-a-uuid", "1"):
            with self.subTest(uid=uid):
                self.assertError(self.cancel(user, uid), 404)

    def test_staff_cancel_anyones_order(self):
        staff = self.new_staff()
        for canceller in (staff, self.admin()):
            with self.subTest(role=jwt_parts(canceller.access)[1]["role"]):
                owner = self.new_user()
                uid = self.create_order(owner)
                response = self.cancel(canceller, uid)
                self.assertStatus(response, 200)
                self.assertEqual(response.body, {"order_id": uid, "message": "Order cancelled"})
                self.assertEqual(self.history_rows(uid)[-1],
                                 ("pending", "cancelled", "user:%s" % canceller.id))
                self.assertEqual(self.detail(owner, uid)["status"], "cancelled")

    def test_a_completed_order_cannot_be_cancelled(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.set_status_as_scheduler(uid, "processing", "completed")
        self.assertEqual(self.order_row(uid)[1], "completed")
        for who in (user, self.admin()):
            self.assertError(self.cancel(who, uid), 409)
        self.assertEqual(self.order_row(uid)[1], "completed")
        self.assertEqual([row[:2] for row in self.history_rows(uid)],
                         [("", "pending"), ("pending", "processing"),
                          ("processing", "completed")])

    def test_a_processing_order_cannot_be_cancelled(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.set_status_as_scheduler(uid, "processing")
        self.assertError(self.cancel(user, uid), 409)
        self.assertEqual(self.order_row(uid)[1], "processing")

    def test_without_a_token_is_401(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.assertError(self.cancel(None, uid), 401)
        self.assertEqual(self.order_row(uid)[1], "pending")


# ------------------------------------------------------------ lifecycle guard

class LifecycleGuardTest(OrdersTestCase):

    def assertRefused(self, sql):
        with self.assertRaises(RuntimeError) as raised:
            self.stack.psql(sql)
        return str(raised.exception)

    def test_invalid_transitions_by_plain_sql_fail(self):
        user = self.new_user()
        uid = self.create_order(user)
        for status in ("delivered", "completed", "shipped"):
            with self.subTest(to=status):
                message = self.assertRefused(
                    "UPDATE orders SET status = '%s' WHERE uid = '%s'" % (status, uid))
                self.assertIn("pending", message)
                self.assertEqual(self.order_row(uid)[1], "pending")
        self.assertEqual(len(self.history_rows(uid)), 1)

        self.assertStatus(self.cancel(user, uid), 200)
        self.assertRefused("UPDATE orders SET status = 'pending' WHERE uid = '%s'" % uid)
        self.assertEqual(self.order_row(uid)[1], "cancelled")

    def test_a_new_order_must_start_pending(self):
        user = self.new_user()
        message = self.assertRefused(
            "INSERT INTO orders (user_id, product_name, quantity, amount, status)"
            " SELECT id, 'Widget', 1, 1, 'completed' FROM users WHERE uid = '%s'" % user.id)
        self.assertIn("starts as pending", message)
        self.assertEqual(self.order_count_of(user), 0)

    def test_valid_transition_by_plain_sql_is_recorded(self):
        user = self.new_user()
        uid = self.create_order(user)
        self.stack.psql("UPDATE orders SET status = 'confirmed' WHERE uid = '%s'" % uid)
        history = self.history_rows(uid)
        self.assertEqual([row[:2] for row in history], [("", "pending"), ("pending", "confirmed")])
        self.assertTrue(history[-1][2], "a transition without an actor: %r" % (history,))


if __name__ == "__main__":
    unittest.main()
