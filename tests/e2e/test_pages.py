"""tests/e2e/test_pages.py - keyset (cursor) pages and the bounded count
(README, "Pages and counts").

Orders are inserted with SQL (hundreds, quickly) for users of this module;
the server runs with LIST_COUNT_EXACT_LIMIT=50 so that a few hundred rows
cross the count's cap. Staff list a user's orders (the `user` filter), so
each test reads a set it owns.
"""

import threading
import urllib.parse

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("pages")
CAP = 50


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def path_of(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + "?" + parts.query


class PagesTestCase(ApiTestCase):
    stack = STACK
    server_env = {"LIST_COUNT_EXACT_LIMIT": str(CAP)}
    _admin = None

    def admin(self):
        if PagesTestCase._admin is None:
            PagesTestCase._admin = self.make_admin()
        return PagesTestCase._admin

    def insert_orders(self, user, count, first=0):
        """count orders of user, amounts with many ties (10 values), statuses
        cycling, created_at spread over days; returns nothing."""
        # the lifecycle guard would refuse rows that do not start pending
        self.stack.psql(
            "SET session_replication_role = replica; INSERT INTO orders (user_id, status, product_name, quantity, amount, created_at) "
            "SELECT u.id, (ARRAY['pending','completed','cancelled'])[1 + n %% 3]::order_status, "
            "'Item ' || n, 1, 10 + n %% 10, now() - n * interval '1 hour' "
            "FROM users u, generate_series(%d, %d) AS n WHERE u.uid = '%s'"
            % (first, first + count - 1, user.id))

    def list(self, query, token=None):
        response = self.request("GET", "/orders?" + urllib.parse.urlencode(query),
                                headers=bearer(token or self.admin().access))
        return response

    def follow(self, link):
        response = self.request("GET", path_of(link), headers=bearer(self.admin().access))
        self.assertStatus(response, 200)
        return response.body


class CursorWalkTest(PagesTestCase):
    def walk(self, user, ordering, insert_while_walking):
        """Walks every page forward from cursor= and back from the last page;
        returns (forward uids, backward uids) in list order."""
        page = self.list({"user": user.id, "ordering": ordering, "page_size": 7, "cursor": ""})
        self.assertStatus(page, 200)
        page = page.body
        self.assertIsNone(page["previous"])
        forward, pages = [], 0
        while True:
            forward += [row["uid"] for row in page["results"]]
            pages += 1
            insert_while_walking(pages)
            if page["next"] is None:
                break
            self.assertIn("cursor=", page["next"])
            page = self.follow(page["next"])
        backward = [row["uid"] for row in page["results"]]
        while page["previous"] is not None:
            page = self.follow(page["previous"])
            backward = [row["uid"] for row in page["results"]] + backward
        return forward, backward

    def test_walks_every_row_once_forward_and_back_while_rows_are_inserted(self):
        for ordering in ("amount", "-amount", "-created_at", "status", "created_at"):
            with self.subTest(ordering=ordering):
                user = self.new_user()
                self.insert_orders(user, 120)
                before = {row[0] for row in self.stack.rows(
                    "SELECT o.uid FROM orders o JOIN users u ON u.id = o.user_id "
                    "WHERE u.uid = '%s'" % user.id)}
                inserted = [0]

                def insert_some(pages, user=user, inserted=inserted):
                    # a concurrent writer: rows land before, inside and after
                    # the pages already read (amounts and times tie with them)
                    thread = threading.Thread(target=self.insert_orders,
                                              args=(user, 3, 1000 + inserted[0]))
                    thread.start()
                    thread.join()
                    inserted[0] += 3

                forward, backward = self.walk(user, ordering, insert_some)
                self.assertEqual(len(forward), len(set(forward)), "a row came twice")
                self.assertEqual(len(backward), len(set(backward)), "a row came twice")
                self.assertLessEqual(before, set(forward), "a row was missed going forward")
                self.assertLessEqual(before, set(backward), "a row was missed going back")
                # every row read forward that still qualifies is read back in
                # the same relative order
                self.assertEqual([u for u in backward if u in set(forward)],
                                 [u for u in forward if u in set(backward)])

    def test_pages_are_in_the_chosen_order(self):
        user = self.new_user()
        self.insert_orders(user, 30)
        page = self.list({"user": user.id, "ordering": "-amount", "page_size": 10,
                          "cursor": ""}).body
        amounts = []
        while True:
            amounts += [float(row["amount"]) for row in page["results"]]
            if page["next"] is None:
                break
            page = self.follow(page["next"])
        self.assertEqual(len(amounts), 30)
        self.assertEqual(amounts, sorted(amounts, reverse=True))


class CursorRefusedTest(PagesTestCase):
    def a_next_link(self, ordering):
        user = self.new_user()
        self.insert_orders(user, 5)
        page = self.list({"user": user.id, "ordering": ordering, "page_size": 2,
                          "cursor": ""}).body
        return user, urllib.parse.parse_qs(urllib.parse.urlsplit(page["next"]).query)["cursor"][0]

    def test_a_tampered_cursor_is_a_400(self):
        user, cursor = self.a_next_link("amount")
        payload, signature = cursor.split(".")
        flip = lambda s, i: s[:i] + ("A" if s[i] != "A" else "B") + s[i + 1:]
        for bad in (flip(payload, 3), flip(signature, 5), payload, payload + "." + signature[:-1],
                    "%s.%s" % (payload, signature + "A"), "not-a-cursor", "." * 30,
                    cursor + "x"):
            with self.subTest(cursor=bad):
                response = self.list({"user": user.id, "ordering": "amount", "cursor": bad})
                self.assertError(response, 400, "validation_error")
                self.assertEqual(response.body["error"]["fields"], {"cursor": ["Invalid cursor."]})

    def test_a_cursor_of_another_ordering_is_a_400(self):
        user, cursor = self.a_next_link("amount")
        for ordering in ("-amount", "created_at", None):
            with self.subTest(ordering=ordering):
                query = {"user": user.id, "cursor": cursor}
                if ordering:
                    query["ordering"] = ordering
                response = self.list(query)
                self.assertError(response, 400, "validation_error")
                self.assertEqual(response.body["error"]["fields"],
                                 {"cursor": ["This cursor belongs to another ordering."]})

    def test_page_and_cursor_together_are_a_400(self):
        user, cursor = self.a_next_link("amount")
        response = self.list({"user": user.id, "ordering": "amount", "cursor": cursor, "page": 1})
        self.assertError(response, 400, "validation_error")
        self.assertIn("cursor", response.body["error"]["fields"])

    def test_the_same_cursor_reads_the_same_page(self):
        user, cursor = self.a_next_link("amount")
        first = self.list({"user": user.id, "ordering": "amount", "page_size": 2,
                           "cursor": cursor}).body
        again = self.list({"user": user.id, "ordering": "amount", "page_size": 2,
                           "cursor": cursor}).body
        self.assertEqual(first["results"], again["results"])
        self.assertEqual(len(first["results"]), 2)


class CountTest(PagesTestCase):
    def test_count_is_exact_up_to_the_cap(self):
        user = self.new_user()
        self.insert_orders(user, CAP)
        page = self.list({"user": user.id}).body
        self.assertEqual((page["count"], page["count_is_estimate"]), (CAP, False))
        own = self.list({}, token=user.access).body
        self.assertEqual((own["count"], own["count_is_estimate"]), (CAP, False))

    def test_above_the_cap_count_is_an_estimate_and_says_so(self):
        user = self.new_user()
        self.insert_orders(user, 300)
        self.stack.psql("ANALYZE orders")
        page = self.list({"user": user.id, "page_size": 100}).body
        self.assertTrue(page["count_is_estimate"], page["count"])
        self.assertGreater(page["count"], CAP)
        self.assertEqual(len(page["results"]), 100)
        # a narrower filter under the cap is exact again
        pending = self.list({"user": user.id, "status": "pending",
                             "max_amount": "10.00"}).body
        self.assertEqual((pending["count"], pending["count_is_estimate"]), (10, False))

    def test_pages_past_an_estimated_count_follow_the_rows(self):
        user = self.new_user()
        self.insert_orders(user, 120)
        page = self.list({"user": user.id, "page_size": 100, "page": 2}).body
        self.assertEqual(len(page["results"]), 20)
        self.assertIsNone(page["next"])
        self.assertIn("page_size=100", page["previous"])
        self.assertError(self.list({"user": user.id, "page_size": 100, "page": 3}), 404)
