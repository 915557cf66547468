"""tests/e2e/test_reports.py - the admin reports (README, "ERP: reports").

A database of its own holds a data set built here (products, catalog and
free-form orders on known UTC days, taken through their transitions by
hand-written SQL, which the lifecycle guard and its stock effects see like
any other path), so every figure of GET /reports/summary and GET
/reports/sales is checked exactly. Also: the roles (admin only), and the
period's rules (from after to, more than 366 days, bad dates and group_by
are 400s).
"""

import unittest

import harness
from harness import ApiTestCase, bearer, jwt_parts

STACK = harness.Stack("reports")

STATUSES = ["pending", "processing", "completed", "confirmed", "shipped", "delivered",
            "cancelled"]


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class ReportsTest(ApiTestCase):
    stack = STACK
    admin = None
    staff = None
    customer = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        case = cls("test_summary_is_exact")
        cls.admin = case.make_admin()
        cls.customer = case.new_user()
        cls.staff = case.new_user()
        response = case.request("PATCH", "/users/%s/role" % cls.staff.id,
                                headers=bearer(cls.admin.access), body={"role": "staff"})
        case.assertStatus(response, 200)
        case.login(cls.staff)
        case.assertEqual(jwt_parts(cls.staff.access)[1]["role"], "staff")
        case.build_data_set()

    # -- the data set

    def product(self, sku, price, stock, threshold=10, active=True):
        response = self.request("POST", "/products", headers=bearer(self.staff.access), body={
            "sku": sku, "name": "Name " + sku, "price": price, "stock": stock,
            "low_stock_threshold": threshold, "active": active})
        self.assertStatus(response, 201)
        return response.body["uid"]

    def order(self, created_at, lines, statuses):
        """An order created at created_at (UTC) with lines [(sku, quantity)]
        (catalog) or [(None, name, quantity, amount)] (free-form), then
        moved through statuses by hand-written SQL."""
        if lines[0][0] is None:
            _, name, quantity, amount = lines[0]
            uid = self.stack.value(
                "WITH o AS (INSERT INTO orders (user_id, product_name, quantity, amount)"
                " SELECT id, '%s', %d, %s FROM users WHERE uid = '%s' RETURNING id, uid),"
                " l AS (INSERT INTO order_lines (order_id, product_name, quantity, unit_price,"
                " amount) SELECT o.id, '%s', %d, %s / %d, %s FROM o) SELECT uid FROM o"
                % (name, quantity, amount, self.customer.id, name, quantity, amount, quantity,
                   amount))
        else:
            values = ", ".join("('%s', %d, %d)" % (sku, quantity, k)
                               for k, (sku, quantity) in enumerate(lines))
            uid = self.stack.value(
                "WITH w (sku, quantity, k) AS (VALUES %s),"
                " p AS (SELECT pr.id, pr.sku, pr.name, pr.price, w.quantity, w.k"
                "       FROM w JOIN products pr ON pr.sku = w.sku),"
                " o AS (INSERT INTO orders (user_id, product_name, quantity, amount)"
                "   SELECT u.id, (SELECT name FROM p ORDER BY k LIMIT 1),"
                "          (SELECT sum(quantity) FROM p), (SELECT sum(price * quantity) FROM p)"
                "   FROM users u WHERE u.uid = '%s' RETURNING id, uid),"
                " l AS (INSERT INTO order_lines"
                "   (order_id, product_id, sku, product_name, quantity, unit_price, amount)"
                "   SELECT o.id, p.id, p.sku, p.name, p.quantity, p.price, p.price * p.quantity"
                "   FROM o, p)"
                " SELECT uid FROM o" % (values, self.customer.id))
        self.stack.psql("UPDATE orders SET created_at = '%s' WHERE uid = '%s'"
                        % (created_at, uid))
        for status in statuses:
            self.stack.psql("UPDATE orders SET status = '%s' WHERE uid = '%s'" % (status, uid))
        return uid

    def build_data_set(self):
        self.product("RPT-A", "10.00", 8)                 # 8 - 2 - 1 = 5: low (threshold 10)
        self.product("RPT-B", "2.50", 100)                # 100 - 4 - 1 = 95
        self.product("RPT-C", "1.00", 1, active=False)    # low, but inactive
        deleted = self.product("RPT-D", "1.00", 1)        # low, but deleted
        self.assertStatus(self.request("DELETE", "/products/%s" % deleted,
                                       headers=bearer(self.staff.access)), 200)
        self.product("RPT-E", "1.00", 3, threshold=3)     # at the threshold: low
        delivered = ["confirmed", "shipped", "delivered"]
        self.order("2026-03-01T23:30:00Z", [("RPT-A", 2)], delivered)                   # 20.00
        self.order("2026-03-01T00:00:00Z", [(None, "Gadget", 1, "7.00")],
                   ["processing", "completed"])                                         # 7.00
        self.order("2026-03-02T12:00:00Z", [("RPT-A", 1), ("RPT-B", 4)], delivered)   # 20.00
        self.order("2026-03-02T13:00:00Z", [("RPT-B", 2)], [])                          # pending
        self.order("2026-03-02T14:00:00Z", [("RPT-B", 1)], ["cancelled"])
        self.order("2026-03-03T00:00:00Z", [("RPT-B", 1)], delivered)                   # 2.50
        self.order("2026-02-28T23:59:59Z", [("RPT-B", 1)], ["confirmed"])               # not sold

    # -- requests

    def get(self, path, user=None):
        return self.request("GET", path, headers=bearer((user or self.admin).access))

    def sales(self, query):
        response = self.get("/reports/sales?" + query)
        self.assertStatus(response, 200)
        self.assertEqual(set(response.body), {"results"})
        return response.body["results"]

    # -- tests

    def test_summary_is_exact(self):
        response = self.get("/reports/summary")
        self.assertStatus(response, 200)
        self.assertEqual(response.body, {
            "total_orders": 7,
            "total_revenue": "49.50",
            "orders_by_status": {"pending": 1, "processing": 0, "completed": 1, "confirmed": 1,
                                 "shipped": 0, "delivered": 3, "cancelled": 1},
            "low_stock_products": [
                {"sku": "RPT-A", "name": "Name RPT-A", "stock": 5, "low_stock_threshold": 10},
                {"sku": "RPT-E", "name": "Name RPT-E", "stock": 3, "low_stock_threshold": 3},
            ],
        })
        self.assertEqual(sorted(response.body["orders_by_status"]), sorted(STATUSES))

    def test_sales_by_utc_day(self):
        row = {"sku": None, "product_name": None}
        self.assertEqual(self.sales("from=2026-03-01&to=2026-03-02&group_by=day"), [
            dict(row, day="2026-03-01", orders=2, units=3, revenue="27.00"),
            dict(row, day="2026-03-02", orders=1, units=5, revenue="20.00"),
        ])
        # day is the default grouping; to is inclusive
        self.assertEqual(self.sales("from=2026-03-03&to=2026-03-03"), [
            dict(row, day="2026-03-03", orders=1, units=1, revenue="2.50"),
        ])
        self.assertEqual(self.sales("from=2025-01-01&to=2025-12-31"), [])

    def test_sales_by_product(self):
        self.assertEqual(self.sales("from=2026-02-01&to=2026-03-31&group_by=product"), [
            {"day": None, "sku": "RPT-A", "product_name": "Name RPT-A", "orders": 2,
             "units": 3, "revenue": "30.00"},
            {"day": None, "sku": "RPT-B", "product_name": "Name RPT-B", "orders": 2,
             "units": 5, "revenue": "12.50"},
            {"day": None, "sku": None, "product_name": "Gadget", "orders": 1, "units": 1,
             "revenue": "7.00"},
        ])

    def test_admins_only(self):
        for path in ("/reports/summary", "/reports/sales?from=2026-03-01&to=2026-03-02"):
            with self.subTest(path=path):
                self.assertError(self.get(path, self.staff), 403)
                self.assertError(self.get(path, self.customer), 403)
                self.assertError(self.request("GET", path), 401)

    def test_bad_periods_are_400(self):
        message = "to must be on or after from, at most 366 days later"
        self.assertError(self.get("/reports/sales?from=2026-03-02&to=2026-03-01"), 400,
                         "validation_error", message=message)
        self.assertError(self.get("/reports/sales?from=2024-01-01&to=2025-01-01"), 400,
                         "validation_error", message=message)
        # 366 days (a leap year) is the longest period
        self.assertStatus(self.get("/reports/sales?from=2024-01-01&to=2024-12-31"), 200)
        for query, field in (("to=2026-03-01", "from"), ("from=2026-03-01", "to"),
                             ("from=2026-02-30&to=2026-03-01", "from"),
                             ("from=2026-03-01&to=2026-03-02&group_by=week", "group_by")):
            with self.subTest(query=query):
                self.assertError(self.get("/reports/sales?" + query), 400, fields=[field])


if __name__ == "__main__":
    unittest.main()
