"""tests/e2e/test_ratelimit.py - rate limits in Redis (runtime/rt_ratelimit.h).

Servers limited to RATE_LIMIT_MAX_REQUEST=3 per RATE_LIMIT_WINDOW_SECONDS=600
run against a redis-server of this module's own (harness.PrivateRedis), so
no other test's traffic counts. Users are registered and signed in through
the stack's default server (high limits, the shared Redis), so only the
requests under test count against the limited servers' budgets.

Checked: the budget per user per endpoint with RateLimit-* headers, the
429 in the error shape with Retry-After and a retry message, login limited
per client IP, one budget shared by two server processes, and the
documented fail-open policy: Redis stopped under a running server ->
requests still succeed, quickly, with a "ratelimit_degraded" warning;
Redis back -> limits apply again.
"""

import time
import unittest

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("ratelimit")
REDIS = None
MAX_REQUESTS = 3
WINDOW_SECONDS = 600


def limited_env(redis):
    return {"REDIS_URL": redis.url, "RATE_LIMIT_MAX_REQUEST": str(MAX_REQUESTS),
            "RATE_LIMIT_WINDOW_SECONDS": str(WINDOW_SECONDS)}


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


class RateLimitTestCase(ApiTestCase):
    stack = STACK

    @property
    def helper(self):
        """The unlimited server users are made on."""
        return self.stack.server

    def fresh_user(self):
        return self.new_user(server=self.helper)

    def header_int(self, response, name):
        value = response.headers.get(name)
        self.assertIsNotNone(value, "no %s header on %r" % (name, response))
        self.assertRegex(value, r"^\d+$", "%s: %r" % (name, value))
        return int(value)

    def assertCounted(self, response, remaining):
        """A request let through and counted: 2xx with the RateLimit headers."""
        self.assertLess(response.status, 300, "unexpected status: %r" % (response,))
        self.assertEqual(self.header_int(response, "RateLimit-Limit"), MAX_REQUESTS)
        self.assertEqual(self.header_int(response, "RateLimit-Remaining"), remaining)
        reset = self.header_int(response, "RateLimit-Reset")
        self.assertGreater(reset, 0)
        self.assertLessEqual(reset, WINDOW_SECONDS)

    def assertThrottled(self, response):
        """429 in the error shape with Retry-After (>= 1) and a retry message."""
        error = self.assertError(response, 429)
        retry_after = self.header_int(response, "Retry-After")
        self.assertGreaterEqual(retry_after, 1)
        self.assertLessEqual(retry_after, WINDOW_SECONDS)
        self.assertEqual(self.header_int(response, "RateLimit-Remaining"), 0)
        self.assertEqual(self.header_int(response, "RateLimit-Limit"), MAX_REQUESTS)
        # the message says when to try again (DRF: "... available in N seconds.")
        self.assertRegex(error["message"], r"\b%d second" % retry_after, error)
        return retry_after


class BudgetTest(RateLimitTestCase):
    server_env = None  # set in setUpClass: needs REDIS

    @classmethod
    def setUpClass(cls):
        cls.server_env = limited_env(REDIS)
        super().setUpClass()

    def get_orders(self, user, server=None):
        return self.request("GET", "/orders", headers=bearer(user.access), server=server)

    def test_fourth_request_is_429_with_retry_after(self):
        user = self.fresh_user()
        for remaining in (2, 1, 0):
            response = self.get_orders(user)
            self.assertStatus(response, 200)
            self.assertCounted(response, remaining)
        self.assertThrottled(self.get_orders(user))
        self.assertThrottled(self.get_orders(user))  # still refused, not reset

    def test_other_users_and_other_endpoints_have_their_own_budget(self):
        user, other = self.fresh_user(), self.fresh_user()
        for _ in range(MAX_REQUESTS):
            self.assertStatus(self.get_orders(user), 200)
        self.assertThrottled(self.get_orders(user))

        response = self.get_orders(other)
        self.assertStatus(response, 200)
        self.assertCounted(response, 2)

        me = self.request("GET", "/users/me", headers=bearer(user.access))
        self.assertStatus(me, 200)
        self.assertCounted(me, 2)
        created = self.request("POST", "/orders", headers=bearer(user.access),
                               body={"product_name": "Widget", "quantity": 1, "amount": "1.00"})
        self.assertStatus(created, 201)
        self.assertCounted(created, 2)
        self.assertThrottled(self.get_orders(user))

    def test_login_is_limited_per_client_ip_separately(self):
        users = [self.fresh_user() for _ in range(2)]
        # exhaust one user's GET /orders: login is another budget
        for _ in range(MAX_REQUESTS):
            self.assertStatus(self.get_orders(users[0]), 200)
        self.assertThrottled(self.get_orders(users[0]))

        for remaining in (2, 1):
            response = self.request("POST", "/users/login",
                                    body={"email": users[0].email, "password": users[0].password})
            self.assertStatus(response, 200)
            self.assertCounted(response, remaining)
        wrong = self.request("POST", "/users/login",
                             body={"email": users[1].email, "password": "wrong-password"})
        self.assertError(wrong, 409)
        self.assertEqual(self.header_int(wrong, "RateLimit-Remaining"), 0)
        # anonymous: the budget is the client IP's, whichever account is tried
        for user in users:
            self.assertThrottled(self.request("POST", "/users/login",
                                              body={"email": user.email,
                                                    "password": user.password}))
        # signed-in endpoints of the other user are not touched
        response = self.get_orders(users[1])
        self.assertStatus(response, 200)
        self.assertCounted(response, 2)
        # and the other anonymous endpoint has its own budget
        registered = self.request("POST", "/users/register",
                                  body={"name": "Late", "email": harness.unique_email(),
                                        "password": "late-password"})
        self.assertStatus(registered, 201)
        self.assertCounted(registered, 2)

    def test_two_server_processes_share_one_budget(self):
        second = self.stack.start_server(limited_env(REDIS))
        try:
            user = self.fresh_user()
            for server, remaining in ((self.server, 2), (second, 1), (self.server, 0)):
                response = self.get_orders(user, server=server)
                self.assertStatus(response, 200)
                self.assertCounted(response, remaining)
            self.assertThrottled(self.get_orders(user, server=second))
            self.assertThrottled(self.get_orders(user, server=self.server))
        finally:
            self.stack.stop_server(second)


class OverlappedCheckTest(RateLimitTestCase):
    """The check's round trip overlaps a read's statements (README, Speed):
    a limited read is still a 429 with nothing of the query in it, a bad
    input of a limited read still a 429, and a write still checks first,
    so a limited write creates nothing."""

    server_env = None  # set in setUpClass: needs REDIS

    @classmethod
    def setUpClass(cls):
        cls.server_env = limited_env(REDIS)
        super().setUpClass()

    def test_limited_read_answers_429_without_its_rows(self):
        user = self.fresh_user()
        self.assertStatus(self.request("POST", "/orders", headers=bearer(user.access),
                                       body={"product_name": "Widget", "quantity": 1,
                                             "amount": "1.00"}, server=self.helper), 201)
        for _ in range(MAX_REQUESTS):
            self.assertStatus(self.request("GET", "/orders", headers=bearer(user.access)), 200)
        for _ in range(3):
            throttled = self.request("GET", "/orders", headers=bearer(user.access))
            self.assertThrottled(throttled)
            self.assertEqual(list(throttled.body.keys()), ["error"], throttled.body)
        # the order of answers holds: 429 before the input's 400
        self.assertThrottled(self.request("GET", "/orders?page_size=abc",
                                          headers=bearer(user.access)))

    def test_limited_write_creates_nothing(self):
        user = self.fresh_user()
        body = {"product_name": "Limited", "quantity": 1, "amount": "2.00"}
        for remaining in (2, 1, 0):
            created = self.request("POST", "/orders", headers=bearer(user.access), body=body)
            self.assertStatus(created, 201)
            self.assertCounted(created, remaining)
        for _ in range(3):
            self.assertThrottled(self.request("POST", "/orders", headers=bearer(user.access),
                                              body=body))
        count = self.stack.value("SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                                 "WHERE u.uid = '%s'" % user.id)
        self.assertEqual(count, str(MAX_REQUESTS))


class RedisDownTest(RateLimitTestCase):
    """Fail open (rt_ratelimit.h): with its Redis gone, a server serves
    requests without counting them, quickly, and says so in its log."""

    QUICK_SECONDS = 1.0

    def setUp(self):
        super().setUp()
        self.redis = harness.PrivateRedis().start()
        self.addCleanup(self.redis.destroy)
        self.limited = self.stack.start_server(limited_env(self.redis))
        self.addCleanup(self.stack.stop_server, self.limited)

    def timed_get(self, user, path="/orders"):
        started = time.monotonic()
        response = self.request("GET", path, headers=bearer(user.access), server=self.limited)
        return response, time.monotonic() - started

    def test_redis_down_fails_open_then_limits_again(self):
        user = self.fresh_user()
        response, _ = self.timed_get(user)
        self.assertStatus(response, 200)
        self.assertCounted(response, 2)

        self.redis.stop()  # SIGKILL by pid
        stopped_at = time.monotonic()
        for attempt in range(3 * MAX_REQUESTS):
            response, seconds = self.timed_get(user)
            self.assertStatus(response, 200)
            self.assertLess(seconds, self.QUICK_SECONDS,
                            "request %d took %.2f s with Redis down" % (attempt, seconds))
        response, seconds = self.timed_get(user, "/users/me")
        self.assertStatus(response, 200)
        self.assertLess(seconds, self.QUICK_SECONDS)
        created = self.request("POST", "/orders", headers=bearer(user.access),
                               body={"product_name": "Outage", "quantity": 1, "amount": "1.00"},
                               server=self.limited)
        self.assertStatus(created, 201)  # fail open for writes too (documented)
        self.assertIsNone(created.headers.get("RateLimit-Limit"))
        self.assertTrue(self.limited.alive(), "orderd died when Redis went away")
        warnings = harness.wait_until(lambda: self.limited.log_events("ratelimit_degraded"), 5,
                                      message="a ratelimit_degraded log line")
        self.assertIn(warnings[0].get("level"), ("warn", "warning"), warnings[0])
        # at most one warning a second (documented), not one per request
        elapsed = time.monotonic() - stopped_at
        self.assertLessEqual(len(warnings), int(elapsed) + 2,
                             "%d warnings in %.1f s" % (len(warnings), elapsed))

        self.redis.start()  # same port, empty: every budget is full again
        fresh = self.fresh_user()
        deadline = time.monotonic() + 5
        while True:
            response, seconds = self.timed_get(fresh)
            self.assertStatus(response, 200)
            self.assertLess(seconds, self.QUICK_SECONDS)
            if response.headers.get("RateLimit-Limit") is not None:
                break  # counted again
            self.assertLess(time.monotonic(), deadline,
                            "limits did not apply again within 5 s of Redis coming back")
            time.sleep(0.1)
        self.assertCounted(response, 2)
        for remaining in (1, 0):
            response, _ = self.timed_get(fresh)
            self.assertCounted(response, remaining)
        self.assertThrottled(self.timed_get(fresh)[0])


if __name__ == "__main__":
    unittest.main()
