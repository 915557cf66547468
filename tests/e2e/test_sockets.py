"""tests/e2e/test_sockets.py - PostgreSQL and Redis over Unix-domain sockets
(README, Configuration: DATABASE_URL with ?host=/directory, REDIS_URL
unix:///path/redis.sock).

Checked: a server started with both socket URLs serves signed-in requests,
counts them in Redis (RateLimit-* headers, then 429 with Retry-After and
nothing written) and reports both dependencies ready; a socket directory
that does not exist is a clear start-up error for either URL; a Redis
socket missing from an existing directory (Redis down) fails open as
documented: requests are served without RateLimit headers and /readyz
says degraded.
"""

import os
import unittest

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("sockets")
REDIS = None
MAX_REQUESTS = 2


def socket_database_url():
    return "postgresql://postgres@/%s?host=%s&port=%d" % (
        STACK.database, harness.pg_socket_dir(), harness.PG_PORT)


def setUpModule():
    global REDIS
    REDIS = harness.PrivateRedis()
    try:
        REDIS.start()
        STACK.setup()
    except BaseException:
        REDIS.destroy()
        raise


def tearDownModule():
    try:
        STACK.teardown()
    finally:
        REDIS.destroy()


class SocketTest(ApiTestCase):
    stack = STACK

    def test_socket_urls_serve_count_and_limit(self):
        server = self.stack.start_server({
            "DATABASE_URL": socket_database_url(), "REDIS_URL": REDIS.socket_url,
            "RATE_LIMIT_MAX_REQUEST": str(MAX_REQUESTS)})
        ready = self.request("GET", "/readyz", server=server)
        self.assertEqual(ready.status, 200, ready)
        self.assertEqual(ready.body, {"status": "ready", "postgresql": "ok", "redis": "ok"})
        user = self.new_user()  # on the default server: not counted here
        for remaining in range(MAX_REQUESTS - 1, -1, -1):
            me = self.request("GET", "/users/me", server=server, headers=bearer(user.access))
            self.assertStatus(me, 200)
            self.assertEqual(me.body["id"], user.id)
            self.assertEqual(me.headers.get("RateLimit-Remaining"), str(remaining), me)
        orders_before = self.stack.value("SELECT count(*) FROM orders")
        limited = self.request("POST", "/orders", server=server, headers=bearer(user.access),
                               body={"product_name": "Socket", "quantity": 1, "amount": "1.00"})
        self.assertStatus(limited, 201)  # another endpoint, another budget
        for _ in range(MAX_REQUESTS):
            limited = self.request("POST", "/orders", server=server,
                                   headers=bearer(user.access),
                                   body={"product_name": "Socket", "quantity": 1,
                                         "amount": "1.00"})
        self.assertError(limited, 429, "throttled")
        self.assertRegex(limited.headers.get("Retry-After") or "", r"^[1-9]\d*$")
        self.assertEqual(self.stack.value("SELECT count(*) FROM orders"),
                         str(int(orders_before) + MAX_REQUESTS))

    def test_a_missing_socket_directory_is_a_startup_error(self):
        missing = "/nonexistent-orderd-socket-dir"
        cases = [
            ({"REDIS_URL": "unix://%s/redis.sock" % missing}, "REDIS_URL"),
            ({"DATABASE_URL": "postgresql://postgres@/%s?host=%s" % (STACK.database, missing)},
             "DATABASE_URL"),
        ]
        for env, name in cases:
            with self.subTest(name=name):
                env = dict(self.stack.env(env), PORT=str(harness.free_port()))
                done = harness.run_orderd(["serve"], env, timeout=30)
                self.assertNotEqual(done.returncode, 0, done.stderr)
                self.assertIn("%s: the Unix socket directory %s cannot be used" % (name, missing),
                              done.stderr)

    def test_redis_socket_absent_fails_open(self):
        absent = "unix://%s/absent.sock" % REDIS.dir  # the directory exists, no Redis there
        server = self.stack.start_server({"REDIS_URL": absent,
                                          "RATE_LIMIT_MAX_REQUEST": str(MAX_REQUESTS)})
        user = self.new_user()
        for _ in range(MAX_REQUESTS + 2):
            me = self.request("GET", "/users/me", server=server, headers=bearer(user.access))
            self.assertStatus(me, 200)
            self.assertNotIn("RateLimit-Remaining", me.headers)
        ready = self.request("GET", "/readyz", server=server)
        self.assertEqual(ready.status, 200, ready)
        self.assertEqual(ready.body["redis"], "unavailable")
        self.assertTrue(os.path.isdir(REDIS.dir))


if __name__ == "__main__":
    unittest.main()
