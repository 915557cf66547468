"""tests/e2e/test_faults.py - PostgreSQL going away and coming back.

Runs against a PostgreSQL cluster of its own (harness.PrivateCluster), so
stopping it does not disturb the shared private instance the other test
modules use. While it is down, requests that need the database get a 503
in the error shape, quickly, /readyz is 503 and /healthz stays 200; when
it is back, requests succeed again without restarting orderd.
"""

import time
import unittest

import harness
from harness import ApiTestCase, bearer, unique_email

CLUSTER = None
STACK = None


def setUpModule():
    global CLUSTER, STACK
    CLUSTER = harness.PrivateCluster()
    try:
        CLUSTER.init()
        CLUSTER.start()
        STACK = harness.Stack("faults", pg_port=CLUSTER.port)
        STACK.setup(start_server=False)
        # few connections, so recovery is quick to observe; a short connect
        # timeout, so a dead database is noticed quickly
        STACK.server = STACK.start_server({"DB_POOL_SIZE": "2", "HTTP_THREADS": "2",
                                           "DB_CONNECT_TIMEOUT_SECONDS": "2"})
        DatabaseDownTest.stack = STACK
    except BaseException:
        _teardown()
        raise


def _teardown():
    try:
        if STACK is not None:
            if not CLUSTER.running:
                CLUSTER.start()  # so the database can be dropped
            STACK.teardown()
    finally:
        CLUSTER.destroy()


def tearDownModule():
    _teardown()


class DatabaseDownTest(ApiTestCase):
    QUICK_SECONDS = 5.0

    def timed(self, method, path, **kwargs):
        started = time.monotonic()
        response = self.request(method, path, **kwargs)
        return response, time.monotonic() - started

    def assertUnavailable(self, method, path, **kwargs):
        response, seconds = self.timed(method, path, **kwargs)
        self.assertError(response, 503, code="service_unavailable")
        self.assertLess(seconds, self.QUICK_SECONDS, "503 took %.1f s" % seconds)

    def test_database_down_then_back(self):
        user = self.new_user()
        self.assertStatus(self.request("GET", "/readyz"), 200)

        CLUSTER.stop()
        try:
            # stateless token check passes, the query cannot run
            self.assertUnavailable("GET", "/users/me", headers=bearer(user.access))
            self.assertUnavailable("POST", "/users/login",
                                   body={"email": user.email, "password": user.password})
            self.assertUnavailable("POST", "/users/register",
                                   body={"name": "Down", "email": unique_email(),
                                         "password": "down-password"})
            self.assertUnavailable("POST", "/users/token/refresh", body={"refresh": user.refresh})
            readyz, seconds = self.timed("GET", "/readyz")
            self.assertStatus(readyz, 503)
            self.assertEqual(readyz.body, {"status": "unavailable", "postgresql": "unavailable",
                                           "redis": "ok"})
            self.assertLess(seconds, self.QUICK_SECONDS)
            self.assertStatus(self.request("GET", "/healthz"), 200)
            # bad input is still answered without the database
            self.assertError(self.request("POST", "/users/login", raw=b"{"), 400)
            self.assertTrue(self.server.alive(), "orderd died while PostgreSQL was down")
        finally:
            CLUSTER.start()

        # Back: a pooled connection broken by the restart may fail once
        # (503) before it is reset; then every request must succeed.
        deadline = time.monotonic() + 20
        in_a_row = 0
        statuses = []
        while in_a_row < 10:
            self.assertLess(time.monotonic(), deadline,
                            "no recovery within 20 s; statuses seen: %s" % statuses)
            response = self.request("GET", "/users/me", headers=bearer(user.access))
            statuses.append(response.status)
            if response.status == 200:
                in_a_row += 1
            else:
                self.assertError(response, 503)
                in_a_row = 0
                time.sleep(0.1)
        self.assertLessEqual(statuses.count(503), 4, statuses)
        self.assertStatus(self.request("GET", "/readyz"), 200)
        relogged = self.request("POST", "/users/login",
                                body={"email": user.email, "password": user.password})
        self.assertStatus(relogged, 200)
        self.register()
        self.assertTrue(self.server.alive())
        # A 503's request line is a warning (README, Log events).
        unavailable = [r for r in self.server.log_events("request") if r["status"] == 503
                       and r["path"] != "/readyz"]
        self.assertTrue(unavailable)
        self.assertEqual({r["level"] for r in unavailable}, {"warn"})
        # The outage is logged once each way.
        self.assertEqual(len(self.server.log_events("db_lost")), 1, self.server.log_tail())
        self.assertEqual(len(self.server.log_events("db_recovered")), 1, self.server.log_tail())
        ready = self.request("GET", "/readyz")
        self.assertEqual(ready.body["postgresql"], "ok")


if __name__ == "__main__":
    unittest.main()
