"""tests/e2e/test_webhooks.py - signed webhooks from the transactional
outbox (README, Webhooks), against a real receiver: a small HTTP server
this test starts on loopback.

Subscriptions (admin only; the secret shown once, rotatable); the
signature verified in Python with hmac; a receiver failing for a while gets
every event, once per successful attempt, in order; one answering 500 or
too slowly is retried, then the delivery is dead, and the retry endpoint
and `orderd webhooks replay --since` send it again; two workers never make
the same attempt twice; events of a rolled-back transaction never arrive;
product.low_stock comes once, when a movement crosses the threshold;
a worker SIGKILLed while the receiver holds its request leaves a lease
whose expiry brings the attempt again (nothing lost); a receiver refusing
connections is retried, then dead; URLs on loopback, private or
link-local addresses (also through a name) are refused while
WEBHOOK_ALLOW_PRIVATE_TARGETS is off, at subscription time and again at
delivery time (an attempt refused, recorded, and never sent).
"""

import hashlib
import hmac
import http.server
import json
import threading
import time
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("webhooks")
MAX_ATTEMPTS = 4
WORKER_ENV = {
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": "true",
    "WEBHOOK_TIMEOUT_MS": "500",
    "WEBHOOK_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
    "WEBHOOK_BACKOFF_BASE_MS": "20",
    "WEBHOOK_BACKOFF_MAX_MS": "100",
    "WEBHOOK_POLL_MS": "50",
}
LIVENESS_SECONDS = 30


class Receiver:
    """An HTTP server on loopback recording every POST per path. Its
    behaviour per path: `fail_first[path] = n` answers 503 to the first n
    requests, `status[path]` answers that status to all, `delay[path]`
    sleeps that many seconds before answering, `hold[path]` (an Event)
    answers only once it is set."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = {}  # path -> [(headers, body bytes, answered status)]
        self.fail_first = {}
        self.status = {}
        self.delay = {}
        self.hold = {}  # path -> threading.Event the answer waits for
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    seen = receiver.received.setdefault(self.path, [])
                    status = receiver.status.get(self.path, 200)
                    if len(seen) < receiver.fail_first.get(self.path, 0):
                        status = 503
                    delay = receiver.delay.get(self.path, 0)
                    hold = receiver.hold.get(self.path)
                    seen.append((dict(self.headers), body, status))
                if delay:
                    time.sleep(delay)
                if hold is not None:
                    hold.wait(LIVENESS_SECONDS)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the client gave up (a timeout)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def requests(self, path):
        with self.lock:
            return list(self.received.get(path, []))

    def delivered(self, path):
        """Bodies (parsed) of the requests answered 2xx, in arrival order."""
        return [json.loads(body) for _, body, status in self.requests(path) if status < 300]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


RECEIVER = None


def setUpModule():
    global RECEIVER
    STACK.setup(start_server=False)
    STACK.server = STACK.start_process("all", WORKER_ENV)
    RECEIVER = Receiver()


def tearDownModule():
    RECEIVER.stop()
    STACK.teardown()


def verify_signature(secret, headers, body, tolerance=300):
    """What a receiver does (README, Webhooks): recompute the HMAC over
    "<t>.<body>" and compare in constant time; refuse old timestamps."""
    parts = dict(item.split("=", 1) for item in headers["Orderd-Signature"].split(","))
    timestamp = int(parts["t"])
    expected = hmac.new(secret.encode(), b"%d." % timestamp + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and abs(time.time() - timestamp) < tolerance


class WebhookTestCase(ApiTestCase):
    stack = STACK
    _admin = None

    def admin(self):
        if WebhookTestCase._admin is None:
            WebhookTestCase._admin = self.make_admin()
        return WebhookTestCase._admin

    def call(self, method, path, body=None, user=None, server=None):
        return self.request(method, path, body=body, server=server,
                            headers=bearer((user or self.admin()).access))

    def subscribe(self, events, path=None):
        """A subscription of a fresh receiver path; deleted after the test
        (so a failing receiver does not hold the worker for later tests)."""
        path = path or "/hook/%s" % uuid.uuid4().hex
        response = self.call("POST", "/webhooks", {"url": RECEIVER.url(path), "events": events})
        self.assertStatus(response, 201)
        webhook = response.body
        self.addCleanup(self.call, "DELETE", "/webhooks/%s" % webhook["uid"])
        return webhook, path

    def order(self):
        response = self.call("POST", "/orders",
                             {"product_name": "Kettle", "quantity": 1, "amount": "20.00"})
        self.assertStatus(response, 201)
        return response.body["order_id"]

    def wait_delivered(self, path, count):
        harness.wait_until(lambda: len(RECEIVER.delivered(path)) >= count, LIVENESS_SECONDS,
                           message="%d deliveries to %s" % (count, path))
        return RECEIVER.delivered(path)

    def deliveries(self, webhook):
        response = self.call("GET", "/webhooks/%s/deliveries?page_size=100" % webhook["uid"])
        self.assertStatus(response, 200)
        return response.body["results"]

    def wait_status(self, webhook, status, count):
        def done():
            return sum(d["status"] == status for d in self.deliveries(webhook)) >= count
        harness.wait_until(done, LIVENESS_SECONDS, message="%d %s deliveries" % (count, status))
        return self.deliveries(webhook)


class Subscriptions(WebhookTestCase):
    def test_secret_is_shown_once_and_rotates(self):
        webhook, _ = self.subscribe(["order.created", "order.status_changed"])
        self.assertRegex(webhook["secret"], r"^whsec_[0-9a-f]{64}$")
        self.assertEqual(webhook["events"], ["order.created", "order.status_changed"])
        got = self.call("GET", "/webhooks/%s" % webhook["uid"])
        self.assertStatus(got, 200)
        self.assertNotIn("secret", got.body)
        listed = self.call("GET", "/webhooks")
        self.assertTrue(all("secret" not in item for item in listed.body["results"]))
        rotated = self.call("POST", "/webhooks/%s/rotate-secret" % webhook["uid"])
        self.assertStatus(rotated, 200)
        self.assertNotEqual(rotated.body["secret"], webhook["secret"])
        patched = self.call("PATCH", "/webhooks/%s" % webhook["uid"], {"active": False})
        self.assertStatus(patched, 200)
        self.assertFalse(patched.body["active"])

    def test_admin_only_and_bad_input(self):
        customer = self.new_user()
        response = self.call("POST", "/webhooks", {"url": RECEIVER.url("/x"), "events": ["order.created"]},
                             user=customer)
        self.assertError(response, 403)
        refused = [
            ("order.created", 'Expected a list of items but got type "str".'),
            ([], "Ensure this field has at least 1 elements."),
            (["order.created", "order.created"],
             'Items must be unique: "order.created" is given twice.'),
            (["order.created", "order.deleted"], '"order.deleted" is not a valid choice.'),
            (["order.created", None], "This field may not be null."),
            (["order.created", 7], '"7" is not a valid choice.'),
            (["order.created", "order.status_changed", "product.low_stock",
              "inventory.adjusted", "order.created"],
             "Ensure this field has no more than 4 elements."),
        ]
        for events, message in refused:
            response = self.call("POST", "/webhooks", {"url": RECEIVER.url("/x"),
                                                       "events": events})
            self.assertError(response, 400, "validation_error")
            self.assertEqual(response.body["error"]["fields"], {"events": [message]}, events)
        created, _ = self.subscribe(["order.created"])
        for events in ("order.created", ["order.created", "order.created"], []):
            response = self.call("PATCH", "/webhooks/%s" % created["uid"], {"events": events})
            self.assertError(response, 400, "validation_error", fields=["events"])
        self.assertEqual(self.call("GET", "/webhooks/%s" % created["uid"]).body["events"],
                         ["order.created"])
        patched = self.call("PATCH", "/webhooks/%s" % created["uid"],
                            {"events": ["inventory.adjusted", "order.created"]})
        self.assertStatus(patched, 200)
        self.assertEqual(patched.body["events"], ["inventory.adjusted", "order.created"])
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM webhook_subscriptions WHERE url = '%s'" % RECEIVER.url("/x")),
            "0")
        self.assertError(self.call("GET", "/webhooks/%s" % uuid.uuid4()), 404)


class Delivery(WebhookTestCase):
    def test_signed_event_verifies(self):
        webhook, path = self.subscribe(["order.created"])
        uid = self.order()
        (event,) = self.wait_delivered(path, 1)
        headers, body, _ = RECEIVER.requests(path)[0]
        self.assertTrue(verify_signature(webhook["secret"], headers, body))
        self.assertFalse(verify_signature("whsec_wrong", headers, body))
        self.assertFalse(verify_signature(webhook["secret"], headers, body + b" "))
        self.assertEqual(event["type"], "order.created")
        self.assertEqual(event["sequence"], 1)
        self.assertEqual(event["data"]["order"], uid)
        self.assertEqual(headers["Orderd-Event-Id"], event["id"])
        self.assertEqual(headers["Content-Type"], "application/json")

    def test_status_changed_carries_from_to_actor_reason(self):
        webhook, path = self.subscribe(["order.status_changed"])
        uid = self.order()
        self.assertStatus(self.call("PATCH", "/orders/%s/cancel" % uid, {"reason": "changed mind"}),
                          200)
        (event,) = self.wait_delivered(path, 1)
        self.assertEqual(event["data"]["order"], uid)
        self.assertEqual((event["data"]["from"], event["data"]["to"]), ("pending", "cancelled"))
        self.assertEqual(event["data"]["reason"], "changed mind")
        self.assertTrue(event["data"]["actor"].startswith("user:"))

    def test_low_stock_when_the_threshold_is_crossed(self):
        webhook, path = self.subscribe(["product.low_stock"])
        product = self.call("POST", "/products", {"sku": "LS-%s" % uuid.uuid4().hex[:8],
                                                 "name": "Mug", "price": "3.00", "stock": 12,
                                                 "low_stock_threshold": 10})
        self.assertStatus(product, 201)
        uid = product.body["uid"]
        self.assertStatus(self.call("POST", "/products/%s/stock" % uid, {"delta": -1}), 200)
        self.assertStatus(self.call("POST", "/products/%s/stock" % uid, {"delta": -2}), 200)
        self.assertStatus(self.call("POST", "/products/%s/stock" % uid, {"delta": -1}), 200)
        (event,) = self.wait_delivered(path, 1)  # 12 -> 11 -> 9 (crossed) -> 8
        self.assertEqual(event["data"], {"product": uid, "sku": product.body["sku"], "stock": 9,
                                         "low_stock_threshold": 10})
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM webhook_deliveries d JOIN webhook_subscriptions s "
            "ON s.id = d.subscription_id WHERE s.uid = '%s'" % webhook["uid"]), "1")

    def test_rolled_back_changes_never_emit(self):
        webhook, path = self.subscribe(["order.status_changed", "inventory.adjusted"])
        product = self.call("POST", "/products", {"sku": "WH-%s" % uuid.uuid4().hex[:8],
                                                 "name": "Pot", "price": "5.00", "stock": 1})
        self.assertStatus(product, 201)
        uid = product.body["uid"]
        # refused by the ledger's check: the movement and its event roll back
        self.assertStatus(self.call("POST", "/products/%s/stock" % uid, {"delta": -5}), 409)
        # a transaction rolled back by hand
        self.stack.psql("BEGIN; UPDATE orders SET status = 'cancelled' WHERE status = 'pending';"
                        " ROLLBACK;")
        # then one committed change, which must be the only event
        self.assertStatus(self.call("POST", "/products/%s/stock" % uid, {"delta": 2}), 200)
        events = self.wait_delivered(path, 2)  # the initial stock, then +2
        time.sleep(0.5)  # anything else would have been delivered by now
        events = RECEIVER.delivered(path)
        self.assertEqual([(e["type"], e["data"]["delta"]) for e in events],
                         [("inventory.adjusted", 1), ("inventory.adjusted", 2)])
        self.assertEqual([e["sequence"] for e in events], [1, 2])

    def test_receiver_down_for_a_while_loses_nothing_and_keeps_order(self):
        webhook, path = self.subscribe(["order.created"])
        RECEIVER.fail_first[path] = 3  # down: 503 to the first three requests
        uids = [self.order() for _ in range(8)]
        events = self.wait_delivered(path, 8)
        self.assertEqual([e["data"]["order"] for e in events], uids)
        self.assertEqual([e["sequence"] for e in events], list(range(1, 9)))
        self.assertEqual(len({e["id"] for e in events}), 8)  # once each
        deliveries = self.wait_status(webhook, "delivered", 8)
        oldest = sorted(deliveries, key=lambda d: d["sequence"])[0]
        self.assertEqual([a["status_code"] for a in oldest["history"]], [503, 503, 503, 200])

    def test_500_is_retried_then_dead_then_retried_by_hand(self):
        webhook, path = self.subscribe(["order.created"])
        RECEIVER.status[path] = 500
        self.order()
        (delivery,) = self.wait_status(webhook, "dead", 1)
        self.assertEqual(delivery["attempts"], MAX_ATTEMPTS)
        self.assertEqual([a["status_code"] for a in delivery["history"]], [500] * MAX_ATTEMPTS)
        self.assertEqual(delivery["last_error"], "HTTP 500")
        RECEIVER.status[path] = 200
        retried = self.call("POST", "/webhooks/%s/deliveries/%d/retry"
                            % (webhook["uid"], delivery["id"]))
        self.assertStatus(retried, 200)
        self.wait_status(webhook, "delivered", 1)
        self.assertEqual(len(RECEIVER.delivered(path)), 1)
        # delivered again by hand is allowed; an unknown id is a 404
        self.assertError(self.call("POST", "/webhooks/%s/deliveries/%d/retry"
                                   % (webhook["uid"], delivery["id"] + 100000)), 404)

    def test_timeout_is_retried_then_dead_and_replay_sends_it(self):
        webhook, path = self.subscribe(["order.created"])
        RECEIVER.delay[path] = 1.5  # longer than WEBHOOK_TIMEOUT_MS
        since = self.stack.value("SELECT now()::text")
        uid = self.order()
        (delivery,) = self.wait_status(webhook, "dead", 1)
        self.assertTrue(all(a["status_code"] is None and "imeout" in a["error"]
                            for a in delivery["history"]), delivery["history"])
        RECEIVER.delay[path] = 0
        done = self.stack.orderd(["webhooks", "replay", "--since", since])
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout, r"^[1-9][0-9]* deliveries queued again\n$")
        harness.wait_until(lambda: any(e["data"]["order"] == uid
                                       for e in RECEIVER.delivered(path)),
                           LIVENESS_SECONDS, message="the replayed delivery")

    def test_replay_of_delivered_events_keeps_event_ids(self):
        webhook, path = self.subscribe(["order.created"])
        since = self.stack.value("SELECT now()::text")
        self.order()
        (first,) = self.wait_delivered(path, 1)
        self.wait_status(webhook, "delivered", 1)
        done = self.stack.orderd(["webhooks", "replay", "--since", since])
        self.assertEqual(done.returncode, 0, done.stderr)
        events = self.wait_delivered(path, 2)
        self.assertEqual(events[1]["id"], first["id"])  # de-duplicable by event id
        self.assertEqual(events[1]["sequence"], first["sequence"])
        self.assertNotEqual(self.stack.orderd(["webhooks", "replay"]).returncode, 0)


class RefusedConnections(WebhookTestCase):
    def test_nothing_listening_is_retried_then_dead(self):
        closed = "http://127.0.0.1:%d/nobody" % harness.free_port()  # bound, then closed
        response = self.call("POST", "/webhooks", {"url": closed, "events": ["order.created"]})
        self.assertStatus(response, 201)
        webhook = response.body
        self.addCleanup(self.call, "DELETE", "/webhooks/%s" % webhook["uid"])
        self.order()
        (delivery,) = self.wait_status(webhook, "dead", 1)
        self.assertEqual(delivery["attempts"], MAX_ATTEMPTS)
        self.assertEqual([a["attempt"] for a in delivery["history"]],
                         list(range(1, MAX_ATTEMPTS + 1)))
        for attempt in delivery["history"]:
            self.assertIsNone(attempt["status_code"], attempt)
            self.assertIn("connect", attempt["error"].lower(), attempt)
        self.assertEqual(delivery["last_error"], delivery["history"][-1]["error"])


class OwnWorkers(WebhookTestCase):
    """Deliveries made only by workers a test starts (and kills): the
    module's `orderd all` is stopped for these tests, requests go to a
    `serve` of their own (which delivers nothing), and `all` is started
    again afterwards."""
    server_env = WORKER_ENV

    @classmethod
    def setUpClass(cls):
        STACK.stop_server(STACK.server)
        STACK.server = None
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        STACK.server = STACK.start_process("all", WORKER_ENV)

    def test_worker_killed_mid_attempt_is_attempted_again(self):
        # the lease is WEBHOOK_TIMEOUT_MS + 10 s: the killed worker's
        # attempt is taken again after it, by the other worker
        slow = dict(WORKER_ENV, WEBHOOK_TIMEOUT_MS="3000")
        first = self.stack.start_process("worker", slow)
        webhook, path = self.subscribe(["order.created"])
        RECEIVER.hold[path] = threading.Event()
        uid = self.order()
        harness.wait_until(lambda: len(RECEIVER.requests(path)) >= 1, LIVENESS_SECONDS,
                           message="the first attempt reaching the receiver")
        self.stack.kill_server(first)  # SIGKILL while the receiver holds the request
        RECEIVER.hold[path].set()
        self.assertEqual(self.stack.value(
            "SELECT d.attempts || ' ' || d.status || ' ' || (d.leased_until > now()) "
            "FROM webhook_deliveries d JOIN webhook_subscriptions s "
            "ON s.id = d.subscription_id WHERE s.uid = '%s'" % webhook["uid"]),
            "1 pending true")
        second = self.stack.start_process("worker", WORKER_ENV)
        (delivery,) = self.wait_status(webhook, "delivered", 1)
        self.stack.stop_server(second)
        self.assertEqual(delivery["attempts"], 2)
        # the killed attempt wrote no outcome; the second is kept
        self.assertEqual([(a["attempt"], a["status_code"]) for a in delivery["history"]],
                         [(2, 200)])
        requests = RECEIVER.requests(path)
        self.assertEqual(len(requests), 2)
        self.assertEqual({headers["Orderd-Event-Id"] for headers, _, _ in requests},
                         {delivery["event_id"]})
        self.assertEqual([json.loads(body)["data"]["order"] for _, body, _ in requests],
                         [uid, uid])

    def test_private_target_is_refused_at_delivery_time(self):
        # saved while private targets were allowed (this class's server)...
        webhook, path = self.subscribe(["order.created"])
        self.order()
        # ...delivered by a worker that does not allow them
        strict = dict(WORKER_ENV, WEBHOOK_ALLOW_PRIVATE_TARGETS="false")
        worker = self.stack.start_process("worker", strict)
        (delivery,) = self.wait_status(webhook, "dead", 1)
        self.stack.stop_server(worker)
        self.assertEqual(delivery["attempts"], MAX_ATTEMPTS)
        for attempt in delivery["history"]:
            self.assertIsNone(attempt["status_code"], attempt)
            self.assertTrue(attempt["error"].startswith("target refused: "), attempt)
        self.assertEqual(RECEIVER.requests(path), [])  # never sent
        (dead,) = [line for line in worker.log_events("webhook_dead")
                   if line["delivery"] == delivery["id"]]
        self.assertEqual(dead["event_id"], delivery["event_id"])  # not a second "event" key
        self.assertTrue(dead["error"].startswith("target refused: "), dead)


class TwoWorkers(WebhookTestCase):
    def test_two_workers_never_make_one_attempt_twice(self):
        second = self.stack.start_process("worker", WORKER_ENV)
        self.addCleanup(self.stack.stop_server, second)
        webhooks = [self.subscribe(["order.created"]) for _ in range(3)]
        for _ in range(15):
            self.order()
        for webhook, path in webhooks:
            events = self.wait_delivered(path, 15)
            self.assertEqual([e["sequence"] for e in events], list(range(1, 16)))
            self.assertEqual(len(RECEIVER.requests(path)), 15)  # no attempt made twice
        uids = ", ".join("'%s'" % webhook["uid"] for webhook, _ in webhooks)
        attempts = self.stack.rows(
            "SELECT a.delivery_id, a.attempt, count(*) FROM webhook_attempts a "
            "JOIN webhook_deliveries d ON d.id = a.delivery_id "
            "JOIN webhook_subscriptions s ON s.id = d.subscription_id "
            "WHERE s.uid IN (%s) GROUP BY 1, 2" % uids)
        self.assertEqual(len(attempts), 45)
        self.assertTrue(all(row[1:] == ["1", "1"] for row in attempts), attempts)


class PrivateTargets(WebhookTestCase):
    """A serving process with WEBHOOK_ALLOW_PRIVATE_TARGETS off (the default)."""
    server_env = {"WEBHOOK_ALLOW_PRIVATE_TARGETS": None}

    def test_private_targets_are_refused(self):
        for url in ("http://127.0.0.1:9/x", "http://10.1.2.3/x", "http://169.254.169.254/latest",
                    "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "http://[fd00::1]/",
                    "http://192.168.1.1/", "http://localhost:%d/x" % RECEIVER.port,
                    "ftp://example.com/", "http://user@93.184.216.34/", "http://0.0.0.0/"):
            response = self.call("POST", "/webhooks", {"url": url, "events": ["order.created"]})
            self.assertError(response, 400, "invalid_webhook_url")
        self.assertEqual(self.stack.value("SELECT count(*) FROM webhook_subscriptions "
                                          "WHERE url LIKE '%169.254%' OR url LIKE '%10.1.2.3%'"),
                         "0")
        public = self.call("POST", "/webhooks", {"url": "https://93.184.216.34/hook",
                                                 "events": ["order.created"], "active": False})
        self.assertStatus(public, 201)
        self.call("DELETE", "/webhooks/%s" % public.body["uid"])


if __name__ == "__main__":
    unittest.main()
