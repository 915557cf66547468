"""tests/e2e/test_edges.py - the HTTP layer's edges (issue #6, Hardening):
connection limits (idle connections, per client address, idle timeout),
strict request heads (duplicate Authorization, control characters in the
path or query, unknown Transfer-Encoding, Expect: 100-continue with a body
over the limit), pagination links that never echo an insane Host or
scheme, and exact Content-Type matching.

Raw-socket tests talk to the server over loopback only; every socket they
open is closed before the test ends, and each drill is bounded in count
and time. The idle drill spreads its connections across 127.0.0.2..N (all
of 127/8 is loopback on Linux) so the per-address limit is not what it
measures.
"""

import contextlib
import json
import resource
import socket
import time
import unittest

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("edges")

IDLE_CONNECTIONS = 1500
IDLE_SOURCE_ADDRESSES = 8  # 127.0.0.2 .. 127.0.0.9: under 256 each
LIVENESS_BOUND_SECONDS = 3.0


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def raise_open_files(wanted):
    """Raises this process's soft RLIMIT_NOFILE towards wanted (at most the
    hard limit); returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def open_idle(port, source, timeout=5.0):
    """A TCP connection from source (an address of 127/8) that sends nothing."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.bind((source, 0))
        sock.connect(("127.0.0.1", port))
    except OSError:
        sock.close()
        raise
    return sock


def read_until_closed(sock, timeout):
    """Everything the server sends until it closes (b"" + closed=True), or
    what came before timeout seconds passed (closed=False)."""
    data = b""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return data, False
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return data, False
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, True
        data += chunk


def raw_exchange(port, data, timeout=5.0, source="127.0.0.1"):
    """Sends data as it is; returns (bytes received, closed by the server)."""
    with contextlib.closing(open_idle(port, source, timeout)) as sock:
        sock.sendall(data)
        return read_until_closed(sock, timeout)


def parse_response(data):
    """(status, headers with lower-case names, body bytes, the whole head)
    of the first response in data."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body, head


class EdgesTestCase(ApiTestCase):
    stack = STACK

    def assertRawError(self, data, status, closed=True):
        """One response, in the error shape, with X-Request-ID, and nothing
        after it."""
        self.assertTrue(data, "no answer at all")
        code, headers, body, _ = parse_response(data)
        self.assertEqual(code, status, data[:300])
        self.assertEqual(data.count(b"HTTP/1."), 1, "more than one status line: %r" % data[:400])
        self.assertRegex(headers.get("x-request-id", ""), harness.REQUEST_ID_RE)
        length = int(headers.get("content-length", "-1"))
        self.assertEqual(len(body), length, data[:400])
        error = json.loads(body)["error"]
        self.assertEqual(error["status"], status)
        self.assertTrue(error["code"] and error["message"], error)
        return error


class IdleConnectionsTest(EdgesTestCase):
    """Idle TCP connections never stop the server from serving others."""

    def test_many_idle_connections_leave_the_server_serving(self):
        soft = raise_open_files(IDLE_CONNECTIONS + 512)
        if soft < IDLE_CONNECTIONS + 64:
            self.skipTest("RLIMIT_NOFILE hard limit %d is too low for the drill" % soft)
        user = self.new_user()
        sockets = []
        try:
            for index in range(IDLE_CONNECTIONS):
                source = "127.0.0.%d" % (2 + index % IDLE_SOURCE_ADDRESSES)
                sockets.append(open_idle(self.server.port, source))
            time.sleep(0.5)  # let the server accept them all
            started = time.monotonic()
            health = self.server.request("GET", "/healthz", timeout=LIVENESS_BOUND_SECONDS)
            me = self.server.request("GET", "/users/me", headers=bearer(user.access),
                                     timeout=LIVENESS_BOUND_SECONDS)
            elapsed = time.monotonic() - started
        finally:
            for sock in sockets:
                sock.close()
        self.assertStatus(health, 200)
        self.assertStatus(me, 200)
        self.assertLess(elapsed, 2 * LIVENESS_BOUND_SECONDS)


class PerAddressLimitTest(EdgesTestCase):
    server_env = {"HTTP_MAX_CONNECTIONS_PER_IP": "5"}

    def test_connections_over_the_per_address_limit_are_closed(self):
        sockets = []
        try:
            for _ in range(5):
                sockets.append(open_idle(self.server.port, "127.0.0.2"))
            time.sleep(0.3)
            with contextlib.closing(open_idle(self.server.port, "127.0.0.2")) as extra:
                try:
                    extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                except OSError:
                    pass  # already closed: what we expect
                data, closed = read_until_closed(extra, 5.0)
            self.assertTrue(closed, "the connection over the limit stayed open")
            self.assertNotIn(b"200 OK", data)
            # Another address is served meanwhile.
            data, _ = raw_exchange(self.server.port,
                                   b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                   source="127.0.0.3")
            self.assertEqual(parse_response(data)[0], 200, data[:200])
        finally:
            for sock in sockets:
                sock.close()


class IdleTimeoutTest(EdgesTestCase):
    server_env = {"HTTP_IDLE_TIMEOUT_SECONDS": "1"}

    def test_a_silent_connection_is_closed_by_the_server(self):
        with contextlib.closing(open_idle(self.server.port, "127.0.0.1")) as sock:
            started = time.monotonic()
            data, closed = read_until_closed(sock, 8.0)
            self.assertTrue(closed, "still open after 8 s with a 1 s idle timeout")
            self.assertEqual(data, b"")
            self.assertLess(time.monotonic() - started, 8.0)


class RequestHeadTest(EdgesTestCase):

    def test_two_authorization_headers_are_400(self):
        user = self.new_user()
        request = ("GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
                   "Authorization: Bearer %s\r\n\r\n" % (user.access, user.access)).encode()
        data, closed = raw_exchange(self.server.port, request)
        self.assertRawError(data, 400)
        self.assertTrue(closed)

    def test_unknown_transfer_encoding_is_answered_at_once(self):
        for encoding in (b"gzip", b"chunked, gzip", b"identity"):
            with self.subTest(encoding=encoding):
                started = time.monotonic()
                data, closed = raw_exchange(
                    self.server.port,
                    b"POST /users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Transfer-Encoding: " + encoding + b"\r\n\r\n", timeout=5.0)
                self.assertRawError(data, 501)
                self.assertTrue(closed)
                self.assertLess(time.monotonic() - started, 5.0)

    def test_chunked_bodies_still_work(self):
        body = b'{"email": "nobody@example.com", "password": "wrong-password"}'
        data, _ = raw_exchange(
            self.server.port,
            b"POST /users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
        self.assertEqual(parse_response(data)[0], 409, data[:300])

    def test_expect_continue_with_a_huge_body_is_413_before_continue(self):
        data, closed = raw_exchange(
            self.server.port,
            b"POST /users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Expect: 100-continue\r\nContent-Length: 99999999\r\n\r\n", timeout=5.0)
        self.assertNotIn(b"100 Continue", data)
        self.assertRawError(data, 413)
        self.assertTrue(closed)

    def test_expect_continue_with_a_small_body_still_works(self):
        body = b'{"email": "nobody@example.com", "password": "wrong-password"}'
        with contextlib.closing(open_idle(self.server.port, "127.0.0.1")) as sock:
            sock.sendall(b"POST /users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Expect: 100-continue\r\nConnection: close\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body))
            sock.settimeout(5.0)
            self.assertIn(b"100 Continue", sock.recv(4096))
            sock.sendall(body)
            data, _ = read_until_closed(sock, 5.0)
        self.assertEqual(parse_response(data)[0], 409, data[:300])

    @unittest.skip("libmicrohttpd 0.9.75 answers an invalid Content-Length itself, before "
                   "any hook (README, Operations)")
    def test_invalid_content_length_is_one_clean_400(self):
        for value in (b"-1", b"abc", b"1e3", b"99999999999999999999999"):
            with self.subTest(value=value):
                data, _ = raw_exchange(
                    self.server.port,
                    b"POST /users/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + value
                    + b"\r\n\r\n")
                self.assertRawError(data, 400)


class ControlCharacterTest(EdgesTestCase):

    def post_order(self, user):
        response = self.request("POST", "/orders", headers=bearer(user.access),
                                body={"product_name": "Widget", "quantity": 1, "amount": "9.90"})
        self.assertStatus(response, 201)
        return response.body["order_id"]

    def test_nul_after_an_order_uid_is_400_not_the_order(self):
        user = self.new_user()
        order_id = self.post_order(user)
        self.assertStatus(self.request("GET", "/orders/%s" % order_id,
                                       headers=bearer(user.access)), 200)
        for suffix in ("%00garbage", "%00", "%0a", "%1F", "%7f"):
            with self.subTest(suffix=suffix):
                response = self.request("GET", "/orders/%s%s" % (order_id, suffix),
                                        headers=bearer(user.access))
                self.assertError(response, 400, code="bad_request")

    def test_control_characters_in_the_query_are_400(self):
        user = self.new_user()
        self.post_order(user)
        self.assertStatus(self.request("GET", "/orders?status=pending",
                                       headers=bearer(user.access)), 200)
        for query in ("status=pending%00", "status%00=pending", "status=pend%09ing",
                      "ordering=amount%7F"):
            with self.subTest(query=query):
                response = self.request("GET", "/orders?" + query, headers=bearer(user.access))
                self.assertError(response, 400, code="bad_request")

    def test_ordinary_escapes_still_work(self):
        self.assertStatus(self.request("GET", "/healthz?note=a%20b%2Fc+d"), 200)


class PageLinkTest(EdgesTestCase):

    def links(self, user, headers):
        """next and previous of page 2 of 3, sent raw (http.client would
        add a Host of its own)."""
        lines = ["GET /orders?page_size=1&page=2 HTTP/1.1", "Authorization: Bearer " + user.access,
                 "Connection: close"] + ["%s: %s" % item for item in headers.items()]
        data, _ = raw_exchange(self.server.port, ("\r\n".join(lines) + "\r\n\r\n").encode())
        status, _, body, _ = parse_response(data)
        self.assertEqual(status, 200, data[:300])
        page = json.loads(body)
        return page["next"], page["previous"]

    def make_user_with_orders(self):
        user = self.new_user()
        for _ in range(3):
            response = self.request("POST", "/orders", headers=bearer(user.access),
                                    body={"product_name": "Widget", "quantity": 1,
                                          "amount": "1.00"})
            self.assertStatus(response, 201)
        return user

    def test_insane_host_and_scheme_are_never_echoed(self):
        user = self.make_user_with_orders()
        cases = (({"Host": "evil.example/<x>"}, "http://localhost/orders"),
                 ({"Host": "a b"}, "http://localhost/orders"),
                 ({"Host": "example.com:8080", "X-Forwarded-Proto": "javascript"},
                  "http://example.com:8080/orders"),
                 # not from a trusted proxy (TRUSTED_PROXIES is empty): ignored
                 ({"Host": "example.com", "X-Forwarded-Proto": "https"},
                  "http://example.com/orders"),
                 ({"Host": "example.com", "X-Forwarded-Host": "evil.example"},
                  "http://example.com/orders"),
                 ({"Host": "[::1]:8000"}, "http://[::1]:8000/orders"),
                 ({"Host": "example.com:99999999"}, "http://localhost/orders"))
        for headers, prefix in cases:
            with self.subTest(headers=headers):
                next_link, previous_link = self.links(user, headers)
                self.assertTrue(next_link.startswith(prefix + "?"), next_link)
                self.assertTrue(previous_link.startswith(prefix), previous_link)


class ContentTypeTest(EdgesTestCase):

    def test_only_application_json_is_json(self):
        body = json.dumps({"email": "nobody@example.com", "password": "wrong-password"}).encode()
        for content_type in ("application/jsonp", "application/json-patch+json",
                             "application/jsonx; charset=utf-8"):
            with self.subTest(content_type=content_type):
                response = self.request("POST", "/users/login", raw=body,
                                        content_type=content_type)
                self.assertError(response, 415)
        for content_type in ("application/json", "APPLICATION/JSON",
                             "application/json; charset=utf-8", "application/json ;charset=UTF-8"):
            with self.subTest(content_type=content_type):
                response = self.request("POST", "/users/login", raw=body,
                                        content_type=content_type)
                self.assertError(response, 409)


if __name__ == "__main__":
    unittest.main()
