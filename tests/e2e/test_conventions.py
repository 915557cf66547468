"""tests/e2e/test_conventions.py - the HTTP conventions clients of DRF
and browsers expect (README, The API and Operations):

- CORS: nothing is allowed by default; origins in CORS_ALLOWED_ORIGINS get
  preflights answered and their answers readable, other origins nothing;
- every 401 carries WWW-Authenticate: Bearer;
- X-Forwarded-For / -Proto / -Host count only from TRUSTED_PROXIES: the
  client address of logs and rate limits, and the links' scheme and host;
- pagination links use PUBLIC_BASE_URL when it is set, whatever the Host;
- unknown query parameters are ignored, unknown body keys still refused;
- a page_size above the maximum is clamped to it;
- a bad datetime says which formats are accepted.
(Logout with someone else's refresh token is covered by test_tokens.)
"""

import random
import time
import unittest
import urllib.parse

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("conventions")
ALLOWED = "https://app.example.com"


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class ConventionsTestCase(ApiTestCase):
    stack = STACK

    def make_orders(self, user, count):
        for _ in range(count):
            response = self.request("POST", "/orders", headers=bearer(user.access),
                                    body={"product_name": "Widget", "quantity": 1,
                                          "amount": "1.00"})
            self.assertStatus(response, 201)

    def get(self, user, path, query=None, headers=None):
        if query:
            path += "?" + urllib.parse.urlencode(query)
        all_headers = dict(bearer(user.access))
        all_headers.update(headers or {})
        return self.request("GET", path, headers=all_headers)

    def request_log(self, request_id):
        """The "request" log line of the request with this id."""
        found = []

        def logged():
            found[:] = [record for record in self.server.log_events("request")
                        if record.get("request_id") == request_id]
            return found
        harness.wait_until(logged, 5, message="request %s logged" % request_id)
        return found[0]


class CorsDefaultTest(ConventionsTestCase):
    """No CORS_ALLOWED_ORIGINS: no origin is allowed anything."""

    def test_nothing_is_allowed_by_default(self):
        preflight = self.request("OPTIONS", "/orders", headers={
            "Origin": ALLOWED, "Access-Control-Request-Method": "POST"})
        self.assertNotEqual(preflight.status, 204)
        self.assertIsNone(preflight.headers.get("Access-Control-Allow-Origin"))
        answer = self.request("GET", "/healthz", headers={"Origin": ALLOWED})
        self.assertStatus(answer, 200)
        self.assertIsNone(answer.headers.get("Access-Control-Allow-Origin"))


class CorsAllowedTest(ConventionsTestCase):
    server_env = {"CORS_ALLOWED_ORIGINS": "http://localhost:3000, %s/" % ALLOWED}

    def test_preflight_from_an_allowed_origin_is_answered(self):
        response = self.request("OPTIONS", "/orders/", headers={
            "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"})
        self.assertStatus(response, 204)
        self.assertEqual(response.headers.get("Access-Control-Allow-Origin"), ALLOWED)
        methods = [m.strip() for m in response.headers.get("Access-Control-Allow-Methods").split(",")]
        self.assertTrue({"GET", "POST"} <= set(methods), methods)
        self.assertNotIn("DELETE", methods)
        allowed_headers = response.headers.get("Access-Control-Allow-Headers").lower()
        for name in ("authorization", "content-type", "if-match", "if-none-match"):
            self.assertIn(name, allowed_headers)
        self.assertIn("Origin", response.headers.get("Vary"))

    def test_answers_to_an_allowed_origin_are_readable(self):
        user = self.new_user()
        response = self.get(user, "/users/me", headers={"Origin": "http://localhost:3000"})
        self.assertStatus(response, 200)
        self.assertEqual(response.headers.get("Access-Control-Allow-Origin"),
                         "http://localhost:3000")
        exposed = response.headers.get("Access-Control-Expose-Headers")
        for name in ("X-Request-ID", "RateLimit-Remaining", "Location", "WWW-Authenticate",
                     "ETag"):
            self.assertIn(name, exposed)
        # errors too, so a browser client can read the error shape
        denied = self.request("GET", "/users/me", headers={"Origin": ALLOWED})
        self.assertError(denied, 401)
        self.assertEqual(denied.headers.get("Access-Control-Allow-Origin"), ALLOWED)

    def test_other_origins_get_nothing(self):
        for origin in ("https://evil.example.com", "https://app.example.com.evil.example",
                       "http://app.example.com", "null"):
            with self.subTest(origin=origin):
                preflight = self.request("OPTIONS", "/orders", headers={
                    "Origin": origin, "Access-Control-Request-Method": "GET"})
                self.assertNotEqual(preflight.status, 204)
                self.assertIsNone(preflight.headers.get("Access-Control-Allow-Origin"))
                answer = self.request("GET", "/healthz", headers={"Origin": origin})
                self.assertIsNone(answer.headers.get("Access-Control-Allow-Origin"))

    def test_a_bad_origin_list_stops_start_up(self):
        done = harness.run_orderd(["serve"], {"CORS_ALLOWED_ORIGINS": "app.example.com",
                                              "DATABASE_URL": self.stack.url})
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("CORS_ALLOWED_ORIGINS", done.stderr)


class AuthenticateHeaderTest(ConventionsTestCase):

    def test_every_401_names_the_bearer_scheme(self):
        user = self.new_user()
        cases = (("GET", "/users/me", {}, None, 'Bearer realm="api"'),
                 ("GET", "/orders", {"Authorization": "Basic abc"}, None, "Bearer"),
                 ("GET", "/users/me", bearer("not.a.token"), None, 'error="invalid_token"'),
                 ("POST", "/users/token/refresh", {}, {"refresh": "nope"}, "Bearer"),
                 ("POST", "/users/logout", bearer(user.access), {"refresh": "nope"}, "Bearer"))
        for method, path, headers, body, expected in cases:
            with self.subTest(method=method, path=path, headers=headers):
                response = self.request(method, path, headers=headers, body=body)
                self.assertError(response, 401)
                challenge = response.headers.get("WWW-Authenticate") or ""
                self.assertTrue(challenge.startswith("Bearer"), challenge)
                self.assertIn(expected, challenge)
        ok = self.get(user, "/users/me")
        self.assertStatus(ok, 200)
        self.assertIsNone(ok.headers.get("WWW-Authenticate"))


class UntrustedForwardingTest(ConventionsTestCase):
    """TRUSTED_PROXIES empty (the default): X-Forwarded-* are ignored."""

    def test_forwarded_for_does_not_change_the_client_address(self):
        # /api/schema/ logs its request at info (/healthz only at debug)
        response = self.request("GET", "/api/schema/", headers={
            "X-Forwarded-For": "203.0.113.7", "X-Request-ID": "untrusted-forwarding"})
        self.assertStatus(response, 200)
        self.assertEqual(self.request_log("untrusted-forwarding")["client_ip"], "127.0.0.1")


class TrustedProxyTest(ConventionsTestCase):
    server_env = {"TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1/32"}

    def test_the_client_address_comes_from_a_trusted_proxy(self):
        # right to left, skipping the trusted hops: 198.51.100.9 is the client
        # (a client-written left part cannot choose it)
        response = self.request("GET", "/api/schema/", headers={
            "X-Forwarded-For": "1.2.3.4, 198.51.100.9, 10.1.2.3",
            "X-Request-ID": "trusted-forwarding"})
        self.assertStatus(response, 200)
        self.assertEqual(self.request_log("trusted-forwarding")["client_ip"], "198.51.100.9")

    def test_rate_limits_count_the_forwarded_client(self):
        # two clients behind the proxy have buckets of their own
        env = {"TRUSTED_PROXIES": "127.0.0.1", "RATE_LIMIT_MAX_REQUEST": "2"}
        server = self.stack.start_server(env)
        try:
            def login(client):
                return self.request("POST", "/users/login", server=server,
                                    headers={"X-Forwarded-For": client},
                                    body={"email": "nobody@example.com", "password": "x"})
            # addresses of this run only (Redis keeps buckets across runs)
            first, second = ("198.18.%d.%d" % (random.randrange(256), random.randrange(1, 255))
                             for _ in range(2))
            statuses = [login(first).status for _ in range(3)]
            self.assertEqual(statuses[-1], 429, statuses)
            self.assertNotEqual(login(second).status, 429)
        finally:
            self.stack.stop_server(server)

    def test_links_use_the_forwarded_scheme_and_host(self):
        user = self.new_user()
        self.make_orders(user, 2)
        page = self.get(user, "/orders", {"page_size": 1}, headers={
            "X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.com"}).body
        self.assertTrue(page["next"].startswith("https://api.example.com/orders?"), page)


class PublicBaseUrlTest(ConventionsTestCase):
    server_env = {"PUBLIC_BASE_URL": "https://api.example.com/v1/"}

    def test_links_are_built_from_the_public_base_url(self):
        user = self.new_user()
        self.make_orders(user, 3)
        page = self.get(user, "/orders", {"page_size": 1, "page": 2}, headers={
            "Host": "evil.example", "X-Forwarded-Host": "evil.example"}).body
        self.assertEqual(page["next"], "https://api.example.com/v1/orders?page_size=1&page=3")
        self.assertEqual(page["previous"], "https://api.example.com/v1/orders?page_size=1")

    def test_a_bad_public_base_url_stops_start_up(self):
        for value in ("api.example.com", "ftp://api.example.com", "https://a.example/?x=1"):
            with self.subTest(value=value):
                done = harness.run_orderd(["serve"], {"PUBLIC_BASE_URL": value,
                                                      "DATABASE_URL": self.stack.url})
                self.assertEqual(done.returncode, 1, done.stderr)
                self.assertIn("PUBLIC_BASE_URL", done.stderr)


class QueryConventionsTest(ConventionsTestCase):

    def test_unknown_query_parameters_are_ignored(self):
        user = self.new_user()
        self.make_orders(user, 1)
        response = self.get(user, "/orders", {"format": "json", "_": str(int(time.time()))})
        self.assertStatus(response, 200)
        self.assertEqual(response.body["count"], 1)
        self.assertStatus(self.get(user, "/users/me", {"bogus": "1"}), 200)

    def test_unknown_body_keys_are_still_refused(self):
        user = self.new_user()
        response = self.request("POST", "/orders", headers=bearer(user.access),
                                body={"product_name": "Widget", "quantity": 1,
                                      "amount": "1.00", "discount": "5"})
        self.assertError(response, 400, code="validation_error", fields=["discount"])

    def test_page_size_above_the_maximum_is_clamped(self):
        user = self.new_user()
        self.make_orders(user, 101)
        page = self.get(user, "/orders", {"page_size": 1000}).body
        self.assertEqual((page["count"], len(page["results"])), (101, 100))
        self.assertIn("page_size=100", page["next"])
        self.assertIn("page=2", page["next"])
        huge = self.get(user, "/orders", {"page_size": "9" * 40})
        self.assertStatus(huge, 200)
        self.assertEqual(len(huge.body["results"]), 100)

    def test_a_bad_datetime_names_the_accepted_formats(self):
        user = self.new_user()
        response = self.get(user, "/orders", {"created_after": "yesterday"})
        error = self.assertError(response, 400, fields=["created_after"])
        message = error["fields"]["created_after"][0]
        self.assertIn("Use one of these formats instead", message)
        self.assertIn("YYYY-MM-DDThh:mm:ss", message)


if __name__ == "__main__":
    unittest.main()
