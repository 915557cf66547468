"""tests/e2e/test_list_lines.py - GET /orders: a page's lines are exactly its
orders' lines (README, "At scale": ListOrders aggregates the lines for the
page's rows only, the page being a derived table, docs/spec-language.md,
"Pages").

One customer's multi-line catalog orders and free-form ones, listed with
`page` pages (deep ones included: an OFFSET), `cursor` pages forwards and
back, and another ordering; each row's `lines` must equal its order's
order_lines rows read from the database (sku, name, quantity, unit price,
amount, in line order), and the pages together list every order once.
"""

import urllib.parse
import uuid

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("list_lines")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def path_of(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + "?" + parts.query


class ListLinesTest(ApiTestCase):
    stack = STACK

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = None

    def setUp(self):
        super().setUp()
        if ListLinesTest.customer is None:
            ListLinesTest.customer = self.orders_of_one_customer()

    def call(self, path):
        response = self.request("GET", path, headers=bearer(ListLinesTest.customer.access))
        self.assertStatus(response, 200)
        return response.body

    def product(self, staff, price):
        sku = "LL-" + uuid.uuid4().hex[:10].upper()
        response = self.request("POST", "/products", headers=bearer(staff.access),
                                body={"sku": sku, "name": "Thing " + sku, "price": price,
                                      "stock": 1000})
        self.assertStatus(response, 201)
        return sku

    def orders_of_one_customer(self):
        """Eleven orders: catalog ones of one to three lines, free-form ones."""
        admin = self.make_admin()
        skus = [self.product(admin, price) for price in ("1.25", "7.00", "19.99", "0.50")]
        customer = self.new_user()
        for n in range(11):
            if n % 4 == 3:
                body = {"product_name": "Free %d" % n, "quantity": n, "amount": "%d.10" % n}
            else:
                body = {"items": [{"sku": skus[(n + k) % 4], "quantity": n + k + 1}
                                  for k in range(1 + n % 3)]}
            response = self.request("POST", "/orders", headers=bearer(customer.access),
                                    body=body)
            self.assertStatus(response, 201)
        return customer

    def expected_lines(self):
        """Every order of the customer -> its lines, from the database."""
        found = {}
        for uid, sku, name, quantity, unit_price, amount in self.stack.rows(
                "SELECT o.uid, coalesce(l.sku, '<null>'), l.product_name, l.quantity,"
                " l.unit_price::text, l.amount::text"
                " FROM order_lines l JOIN orders o ON o.id = l.order_id"
                " JOIN users u ON u.id = o.user_id WHERE u.uid = '%s' ORDER BY l.id"
                % ListLinesTest.customer.id):
            found.setdefault(uid, []).append(
                {"sku": None if sku == "<null>" else sku, "product_name": name,
                 "quantity": int(quantity), "unit_price": unit_price, "amount": amount})
        self.assertEqual(len(found), 11)
        self.assertGreater(sum(len(lines) for lines in found.values()), 15)
        return found

    def assertPagesHaveTheirLines(self, pages):
        expected = self.expected_lines()
        seen = []
        for page in pages:
            for row in page["results"]:
                self.assertEqual(row["lines"], expected[row["uid"]], row["uid"])
                seen.append(row["uid"])
        self.assertEqual(sorted(seen), sorted(expected))

    def test_page_pages_have_their_orders_lines(self):
        for size in (2, 3, 5):
            pages = [self.call("/orders?page_size=%d&page=%d" % (size, number))
                     for number in range(1, (11 + size - 1) // size + 1)]
            self.assertIsNone(pages[-1]["next"])
            self.assertPagesHaveTheirLines(pages)

    def test_cursor_pages_forwards_and_back_have_their_orders_lines(self):
        for ordering in ("", "&ordering=amount", "&ordering=-status"):
            page = self.call("/orders?page_size=3&cursor=" + ordering)
            forwards = [page]
            while page["next"] is not None:
                page = self.call(path_of(page["next"]))
                forwards.append(page)
            self.assertPagesHaveTheirLines(forwards)
            backwards = [page]
            while page["previous"] is not None:
                page = self.call(path_of(page["previous"]))
                backwards.append(page)
            self.assertEqual([row["uid"] for p in backwards for row in p["results"]],
                             [row["uid"] for p in reversed(forwards) for row in p["results"]])
            self.assertPagesHaveTheirLines(backwards)

    def test_a_page_lists_its_rows_in_the_chosen_order(self):
        amounts = [row["amount"] for row in
                   self.call("/orders?page_size=4&page=2&ordering=-amount")["results"]]
        everything = [row["amount"] for row in
                      self.call("/orders?page_size=20&ordering=-amount")["results"]]
        self.assertEqual(amounts, everything[4:8])
        self.assertEqual(everything, sorted(everything, key=float, reverse=True))
