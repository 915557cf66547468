"""tests/e2e/test_http.py - what every endpoint shares: routing (404, 405
with Allow, trailing slashes), X-Request-ID, health and readiness, the
OpenAPI document, request logs, bad bodies of any kind, the refusal to run
in production with the default secret, and graceful shutdown.
"""

import json
import os
import time
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer, unique_email

STACK = harness.Stack("http")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class HttpTestCase(ApiTestCase):
    stack = STACK


class RoutingTest(HttpTestCase):

    def test_unknown_path_is_404_in_the_error_shape(self):
        for method, path in (("GET", "/nope"), ("GET", "/user"), ("POST", "/user/"),
                             ("GET", "/users/me/extra"), ("GET", "/%s" % ("x" * 2000))):
            with self.subTest(method=method, path=path[:30]):
                self.assertError(self.request(method, path), 404, code="not_found")

    def test_wrong_method_is_405_with_allow(self):
        cases = (("GET", "/users/register", "POST"), ("PUT", "/users/login", "POST"),
                 ("DELETE", "/users/me", "GET"), ("POST", "/users/me", "GET"))
        for method, path, allowed in cases:
            with self.subTest(method=method, path=path):
                response = self.request(method, path)
                self.assertError(response, 405, code="method_not_allowed")
                allow = response.headers.get("Allow") or ""
                self.assertIn(allowed, [part.strip() for part in allow.split(",")], allow)

    def test_paths_match_with_a_trailing_slash(self):
        user = self.register()
        response = self.request("POST", "/users/login/",
                                body={"email": user.email, "password": user.password})
        self.assertStatus(response, 200)
        self.assertEqual(response.body["message"], "Login successful")
        registered = self.request("POST", "/users/register/",
                                  body={"name": "Slash", "email": unique_email(),
                                        "password": "slash-password"})
        self.assertStatus(registered, 201)
        me = self.request("GET", "/users/me/", headers=bearer(response.body["access"]))
        self.assertStatus(me, 200)

    def test_query_string_does_not_change_the_route(self):
        self.assertStatus(self.request("GET", "/healthz?verbose=1"), 200)


class RequestIdTest(HttpTestCase):

    def test_a_sane_request_id_is_echoed(self):
        for request_id in ("abc-123_DEF.4", "x", "A" * 64,
                           "0b0f3a5e-8f0e-4c64-a2d6-0b1ac0e0c6b1"):
            with self.subTest(request_id=request_id):
                response = self.request("GET", "/healthz", headers={"X-Request-ID": request_id})
                self.assertEqual(response.headers.get("X-Request-ID"), request_id)

    def test_an_insane_request_id_is_replaced(self):
        for request_id in ("has spaces", "<script>", "A" * 65, "semi;colon", "quote\"d",
                           "caf\u00e9".encode("utf-8").decode("latin-1")):
            with self.subTest(request_id=request_id):
                response = self.request("GET", "/healthz", headers={"X-Request-ID": request_id})
                replaced = response.headers.get("X-Request-ID")
                self.assertNotEqual(replaced, request_id)
                self.assertRegex(replaced, harness.REQUEST_ID_RE)

    def test_generated_request_ids_differ(self):
        ids = {self.request("GET", "/healthz").headers.get("X-Request-ID") for _ in range(5)}
        self.assertEqual(len(ids), 5)

    def test_errors_carry_the_request_id_too(self):
        response = self.request("GET", "/nope", headers={"X-Request-ID": "err-404-check"})
        self.assertEqual(response.headers.get("X-Request-ID"), "err-404-check")
        response = self.request("POST", "/users/login", raw=b"{",
                                headers={"X-Request-ID": "err-400-check"})
        self.assertEqual(response.headers.get("X-Request-ID"), "err-400-check")


class HealthTest(HttpTestCase):

    def test_healthz_is_200(self):
        self.assertStatus(self.request("GET", "/healthz"), 200)

    def test_readyz_is_200_when_the_database_answers(self):
        self.assertStatus(self.request("GET", "/readyz"), 200)

    def test_headers_fit_in_16_kib_of_connection_memory(self):
        # README, Operations: Connections (the size is a speed choice, Speed)
        self.assertStatus(self.request("GET", "/healthz", headers={"X-Pad": "a" * 8000}), 200)
        # libmicrohttpd's own answer: no X-Request-ID (README, Operations)
        status, _, _ = self.server.request("GET", "/healthz", headers={"X-Pad": "a" * 20000})
        self.assertEqual(status, 431)
        self.assertStatus(self.request("GET", "/healthz"), 200)  # the server is fine


class SchemaTest(HttpTestCase):

    def test_openapi_document_lists_the_users_paths(self):
        for path in ("/api/schema/", "/api/schema"):
            with self.subTest(path=path):
                response = self.request("GET", path)
                self.assertStatus(response, 200)
                self.assertIn("json", response.headers.get("Content-Type", ""))
                document = response.body
                self.assertIsInstance(document, dict, response)
                self.assertTrue(str(document.get("openapi", "")).startswith("3.1"), document.get("openapi"))
                self.assertIn("info", document)
                paths = document.get("paths", {})
                for expected in ("/users/register", "/users/login", "/users/token/refresh",
                                 "/users/logout", "/users/me", "/users/{uid}/role"):
                    self.assertIn(expected, paths)
                self.assertIn("post", paths["/users/register"])
                self.assertIn("patch", paths["/users/{uid}/role"])

    def test_served_bytes_are_generated_openapi_json(self):
        # The document exists once: the server serves the file's own bytes.
        with open(os.path.join(harness.ROOT, "generated", "openapi.json"), "rb") as f:
            expected = f.read()
        response = self.request("GET", "/api/schema/")
        self.assertStatus(response, 200)
        self.assertEqual(response.raw, expected)


class BadBodyTest(HttpTestCase):
    """Bad input of any kind is a clear 4xx, never a 500 or a crash."""

    def test_deeply_nested_json_is_400(self):
        for depth in (100, 5000, 100000):
            with self.subTest(depth=depth):
                raw = b"[" * depth + b"]" * depth
                self.assertError(self.request("POST", "/users/login", raw=raw), 400)
                raw = b'{"a":' * depth + b"1" + b"}" * depth
                self.assertError(self.request("POST", "/users/login", raw=raw), 400)
        self.assertStatus(self.request("GET", "/healthz"), 200)

    def test_huge_numbers_and_long_strings_are_400(self):
        cases = [b'{"email": 1e999999, "password": "x"}',
                 b'{"email": 123456789012345678901234567890, "password": "x"}',
                 b'{"email": "%s@example.com", "password": "xxxxxxxx"}' % (b"a" * 100000)]
        for raw in cases:
            with self.subTest(raw=raw[:40]):
                self.assertError(self.request("POST", "/users/login", raw=raw), 400)

    def test_body_just_over_the_limit_is_413_and_under_it_is_read(self):
        limit = 1024 * 1024  # MAX_BODY_BYTES default
        over = b'{"email": "' + b"a" * limit + b'"}'
        self.assertError(self.request("POST", "/users/login", raw=over), 413)
        under = b'{"email": "' + b"a" * (limit - 64) + b'"}'
        self.assertError(self.request("POST", "/users/login", raw=under), 400)


class LogTest(HttpTestCase):

    def wait_for_record(self, predicate, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            records = self.server.log_records()
            found = [record for record in records if predicate(record)]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def test_every_log_line_is_a_json_object(self):
        self.request("GET", "/healthz")
        lines = [line for line in self.server.log_text().splitlines() if line.strip()]
        self.assertTrue(lines)
        for line in lines:
            record = json.loads(line)  # raises on a non-JSON line
            self.assertIsInstance(record, dict, line)

    def test_request_lines_have_method_path_status_duration_and_id(self):
        request_id = "log-check-" + uuid.uuid4().hex[:8]
        self.request("GET", "/nope/for-the-log", headers={"X-Request-ID": request_id})
        found = self.wait_for_record(lambda record: record.get("request_id") == request_id)
        self.assertEqual(len(found), 1, found)
        record = found[0]
        self.assertEqual(record.get("method"), "GET")
        self.assertEqual(record.get("path"), "/nope/for-the-log")
        self.assertEqual(record.get("status"), 404)
        self.assertIsInstance(record.get("duration_ms"), (int, float))
        self.assertGreaterEqual(record["duration_ms"], 0)

    def test_request_lines_name_the_signed_in_user(self):
        user = self.new_user()
        request_id = "log-user-" + uuid.uuid4().hex[:8]
        self.request("GET", "/users/me", headers=dict(bearer(user.access), **{"X-Request-ID": request_id}))
        found = self.wait_for_record(lambda record: record.get("request_id") == request_id)
        self.assertEqual(len(found), 1, found)
        self.assertEqual(found[0].get("status"), 200)
        self.assertEqual(found[0].get("user"), user.id)

    def test_passwords_never_reach_the_log(self):
        password = "never-log-" + uuid.uuid4().hex
        user = self.register(password=password)
        self.login(user)
        self.request("POST", "/users/login", body={"email": user.email, "password": password + "x"})
        time.sleep(0.2)
        self.assertNotIn(password, self.server.log_text())


class StartupTest(HttpTestCase):

    def start_and_expect_refusal(self, env):
        server = harness.Server(STACK.env(env),
                                os.path.join(harness.LOG_DIR, "http-refusal-%s.log"
                                             % uuid.uuid4().hex[:6]))
        server.start(wait=False)
        try:
            code = server.process.wait(timeout=10)
        except Exception:
            server.process.kill()
            server.process.wait()
            self.fail("orderd kept running in production with the default secret")
        finally:
            server.process = None
        self.assertGreater(code, 0, "expected a non-zero exit, got %d" % code)
        log = server.log_text()
        self.assertIn("JWT_SECRET", log)
        self.assertNotIn("Sanitizer", log)

    def test_production_refuses_a_missing_secret(self):
        self.start_and_expect_refusal({"APP_ENV": "production", "JWT_SECRET": None})

    def test_production_refuses_the_development_secret(self):
        self.start_and_expect_refusal({"APP_ENV": "production",
                                       "JWT_SECRET": harness.DEV_JWT_SECRET})

    def test_production_starts_with_a_real_secret(self):
        server = STACK.start_server({"APP_ENV": "production",
                                     "JWT_SECRET": "a-real-secret-" + uuid.uuid4().hex})
        self.assertStatus(self.request("GET", "/healthz", server=server), 200)
        STACK.stop_server(server)


class ShutdownTest(HttpTestCase):

    def test_sigterm_ends_the_server_cleanly(self):
        server = STACK.start_server()
        user = self.new_user(server=server)
        self.assertStatus(self.request("GET", "/users/me", server=server,
                                       headers=bearer(user.access)), 200)
        STACK.stop_server(server)  # asserts exit status 0 within 10 s
        self.assertFalse(server.alive())


if __name__ == "__main__":
    unittest.main()
