"""tests/e2e/test_idempotency.py - idempotency keys (README, The API:
Idempotency keys).

A repeat replays the first answer (status, body, Location, with
Idempotent-Replayed: true) and changes nothing; another body or endpoint
under the same key is 422; another user's same key is independent; 50
concurrent identical POST /orders under one key make one order and 50
identical answers (several rounds); a 400 and a 503 store nothing and the
corrected retry succeeds; a repeat while the first request is held on a
lock is 409 and, once it commits, replays (also when IDEMPOTENCY_WAIT_MS
exceeds the statement timeout: the wait is capped, never a 503); an expired
key is claimed anew
and the scheduled purge removes it; a server SIGKILLed after the commit and
before the answer (TEST_PAUSE_AFTER_COMMIT_MS) replays the committed answer
after a restart; bad header values are 400, and so are two Idempotency-Key
headers; replays, 409s and 422s are logged and counted in /metrics; a
backlog of expired keys is purged 10,000 a run; GET and login ignore the header;
PATCH /orders/{uid}/cancel, DELETE /products/{uid} and POST /users/register
replay too; browsers on an allowed origin may send the key and read
Idempotent-Replayed.
"""

import subprocess
import threading
import time
import uuid

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("idempotency")

ORDER = {"product_name": "Idempotent mug", "quantity": 2, "amount": "19.90"}


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def new_key():
    return "key-" + uuid.uuid4().hex


class TableLock:
    """A psql session holding ACCESS EXCLUSIVE on a table until released."""

    def __init__(self, table):
        self.process = subprocess.Popen(
            ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(STACK.pg_port), "-U", "postgres",
             "-d", STACK.database, "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.process.stdin.write("BEGIN;\nLOCK TABLE %s IN ACCESS EXCLUSIVE MODE;\n"
                                 "SELECT 'locked';\n" % table)
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        while line and "locked" not in line:
            line = self.process.stdout.readline()
        if "locked" not in line:
            raise RuntimeError("could not lock %s: %s" % (table, self.process.stderr.read()))

    def release(self):
        if self.process.poll() is None:
            self.process.stdin.write("ROLLBACK;\n\\q\n")
            self.process.stdin.close()
            self.process.wait(timeout=30)


class KeysTestCase(ApiTestCase):
    stack = STACK

    def post_order(self, user, key, body=None, server=None):
        headers = bearer(user.access)
        if key is not None:
            headers["Idempotency-Key"] = key
        return self.request("POST", "/orders", server=server, headers=headers,
                            body=ORDER if body is None else body)

    def orders_of(self, user):
        return int(STACK.value("SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                               "WHERE u.uid = '%s'" % user.id))

    def key_rows(self, key):
        return int(STACK.value("SELECT count(*) FROM idempotency_keys WHERE key = '%s'" % key))

    def assertReplay(self, first, again):
        self.assertEqual(again.status, first.status)
        self.assertEqual(again.raw, first.raw)
        self.assertEqual(again.headers.get("Location"), first.headers.get("Location"))
        self.assertEqual(again.headers.get("ETag"), first.headers.get("ETag"))
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertIsNone(first.headers.get("Idempotent-Replayed"))


class ReplayTest(KeysTestCase):
    def test_a_repeat_replays_status_body_and_location_and_changes_nothing(self):
        user = self.new_user()
        key = new_key()
        first = self.post_order(user, key)
        self.assertStatus(first, 201)
        self.assertTrue(first.headers.get("Location", "").startswith("/orders/"))
        for _ in range(3):
            self.assertReplay(first, self.post_order(user, key))
        self.assertEqual(self.orders_of(user), 1)
        self.assertEqual(STACK.value(
            "SELECT count(*) FROM jobs WHERE kind = 'order_created' AND payload->>'order_id' = "
            "(SELECT id::text FROM orders WHERE uid = '%s')" % first.body["order_id"]), "1")
        # without the key the same body is a new order, as before
        self.assertStatus(self.post_order(user, None), 201)
        self.assertEqual(self.orders_of(user), 2)

    def test_another_body_or_endpoint_under_the_key_is_422_and_changes_nothing(self):
        user = self.new_user()
        key = new_key()
        first = self.post_order(user, key)
        self.assertStatus(first, 201)
        other = dict(ORDER, quantity=3)
        self.assertError(self.post_order(user, key, body=other), 422, "idempotency_key_reused")
        order = first.body["order_id"]
        cancel = self.request("PATCH", "/orders/%s/cancel" % order,
                              headers=dict(bearer(user.access), **{"Idempotency-Key": key}))
        self.assertError(cancel, 422, "idempotency_key_reused")
        self.assertEqual(STACK.value("SELECT status FROM orders WHERE uid = '%s'" % order),
                         "pending")
        self.assertEqual(self.orders_of(user), 1)
        self.assertReplay(first, self.post_order(user, key))

    def test_another_users_same_key_is_theirs(self):
        ann, bob = self.new_user(), self.new_user()
        key = new_key()
        for_ann = self.post_order(ann, key)
        for_bob = self.post_order(bob, key, body=dict(ORDER, quantity=5))
        self.assertStatus(for_ann, 201)
        self.assertStatus(for_bob, 201)
        self.assertNotEqual(for_ann.body["order_id"], for_bob.body["order_id"])
        self.assertEqual((self.orders_of(ann), self.orders_of(bob)), (1, 1))
        self.assertEqual(self.key_rows(key), 2)

    def test_a_400_stores_nothing_and_the_corrected_retry_succeeds(self):
        user = self.new_user()
        key = new_key()
        bad = self.post_order(user, key, body=dict(ORDER, quantity=0))
        self.assertError(bad, 400, "validation_error", fields=["quantity"])
        self.assertEqual(self.key_rows(key), 0)
        good = self.post_order(user, key)
        self.assertStatus(good, 201)
        self.assertIsNone(good.headers.get("Idempotent-Replayed"))
        self.assertEqual(self.orders_of(user), 1)

    def test_a_conflict_from_a_step_stores_nothing(self):
        user = self.new_user()
        order = self.post_order(user, None).body["order_id"]
        headers = bearer(user.access)
        self.assertStatus(self.request("PATCH", "/orders/%s/cancel" % order, headers=headers), 200)
        key = new_key()
        again = self.request("PATCH", "/orders/%s/cancel" % order,
                             headers=dict(headers, **{"Idempotency-Key": key}))
        self.assertError(again, 409, "invalid_transition")
        self.assertEqual(self.key_rows(key), 0)

    def test_bad_header_values_are_400_and_change_nothing(self):
        user = self.new_user()
        for value in ("", "k" * 256, "caf\u00e9", "del\x7f"):
            with self.subTest(value=value[:20]):
                response = self.post_order(user, value)
                self.assertError(response, 400, "bad_request",
                                 message="Idempotency-Key must be 1 to 255 printable ASCII "
                                         "characters.")
        self.assertEqual(self.orders_of(user), 0)
        self.assertStatus(self.post_order(user, "k" * 255), 201)

    def test_a_replayed_conditional_patch_carries_its_etag(self):
        admin = self.make_admin()
        created = self.request("POST", "/products", headers=bearer(admin.access),
                               body={"sku": "ETAG-" + uuid.uuid4().hex[:8], "name": "Jug",
                                     "price": "7.00"})
        self.assertStatus(created, 201)
        path = "/products/%s" % created.body["uid"]
        read = self.request("GET", path, headers=bearer(admin.access))
        headers = dict(bearer(admin.access), **{"Idempotency-Key": new_key(),
                                                "If-Match": read.headers["ETag"]})
        first = self.request("PATCH", path, headers=headers, body={"name": "Big jug"})
        self.assertStatus(first, 200)
        self.assertRegex(first.headers.get("ETag", ""), r'^"[0-9]+"$')
        self.assertNotEqual(first.headers["ETag"], read.headers["ETag"])
        # the retry (its If-Match now stale) gets the first answer, ETag included
        again = self.request("PATCH", path, headers=headers, body={"name": "Big jug"})
        self.assertReplay(first, again)
        self.assertEqual(again.headers["ETag"],
                         self.request("GET", path, headers=bearer(admin.access)).headers["ETag"])
        # a 201's Location and an ETag-less answer replay without an ETag
        key = new_key()
        user = self.new_user()
        posted = self.post_order(user, key)
        self.assertIsNone(posted.headers.get("ETag"))
        self.assertReplay(posted, self.post_order(user, key))

    def test_two_key_headers_are_400_and_change_nothing(self):
        user = self.new_user()
        first, second = new_key(), new_key()
        for keys in ((first, second), (first, first)):
            headers = dict(bearer(user.access), **{"Idempotency-Key": keys[0],
                                                   "idempotency-key": keys[1]})
            response = self.request("POST", "/orders", headers=headers, body=ORDER)
            self.assertError(response, 400, "bad_request",
                             message="More than one Idempotency-Key header.")
        self.assertEqual(self.orders_of(user), 0)
        self.assertEqual(self.key_rows(first) + self.key_rows(second), 0)

    def test_get_and_login_ignore_the_header(self):
        user = self.new_user()
        key = new_key()
        headers = dict(bearer(user.access), **{"Idempotency-Key": key})
        for _ in range(2):
            me = self.request("GET", "/users/me", headers=headers)
            self.assertStatus(me, 200)
            self.assertIsNone(me.headers.get("Idempotent-Replayed"))
        logins = [self.request("POST", "/users/login", headers={"Idempotency-Key": key},
                               body={"email": user.email, "password": user.password})
                  for _ in range(2)]
        for login in logins:
            self.assertStatus(login, 200)
            self.assertIsNone(login.headers.get("Idempotent-Replayed"))
        self.assertNotEqual(logins[0].body["refresh"], logins[1].body["refresh"])
        self.assertEqual(self.key_rows(key), 0)

    def test_cancel_delete_and_register_replay(self):
        user = self.new_user()
        order = self.post_order(user, None).body["order_id"]
        key = new_key()
        headers = dict(bearer(user.access), **{"Idempotency-Key": key})
        cancel = self.request("PATCH", "/orders/%s/cancel" % order, headers=headers,
                              body={"reason": "changed my mind"})
        self.assertStatus(cancel, 200)
        self.assertReplay(cancel, self.request("PATCH", "/orders/%s/cancel" % order,
                                               headers=headers, body={"reason": "changed my mind"}))
        self.assertEqual(STACK.value("SELECT count(*) FROM order_status_history h JOIN orders o "
                                     "ON o.id = h.order_id WHERE o.uid = '%s' AND "
                                     "h.to_status = 'cancelled'" % order), "1")

        admin = self.make_admin()
        created = self.request("POST", "/products", headers=bearer(admin.access),
                               body={"sku": "IDEM-" + uuid.uuid4().hex[:8], "name": "Mug",
                                     "price": "5.00"})
        self.assertStatus(created, 201)
        path = "/products/%s" % created.body["uid"]
        headers = dict(bearer(admin.access), **{"Idempotency-Key": new_key()})
        deleted = self.request("DELETE", path, headers=headers)
        self.assertStatus(deleted, 200)
        self.assertReplay(deleted, self.request("DELETE", path, headers=headers))
        self.assertStatus(self.request("DELETE", path, headers=bearer(admin.access)), 404)

        key = new_key()
        body = {"name": "Reg", "email": harness.unique_email(), "password": "correct horse"}
        registered = self.request("POST", "/users/register", headers={"Idempotency-Key": key},
                                  body=body)
        self.assertStatus(registered, 201)
        self.assertReplay(registered, self.request("POST", "/users/register",
                                                   headers={"Idempotency-Key": key}, body=body))
        self.assertEqual(STACK.value("SELECT caller FROM idempotency_keys WHERE key = '%s'" % key),
                         "ip:127.0.0.1")


class ConcurrentTest(KeysTestCase):
    # generous: the 49 repeats wait for the first on a loaded machine
    server_env = {"IDEMPOTENCY_WAIT_MS": "20000", "DB_STATEMENT_TIMEOUT_MS": "30000"}

    def test_50_concurrent_identical_posts_make_one_order_and_50_identical_answers(self):
        user = self.new_user()
        for round_number in range(5):
            key = new_key()
            barrier = threading.Barrier(50)
            answers = [None] * 50

            def post(i, key=key, barrier=barrier, answers=answers):
                barrier.wait(timeout=30)
                answers[i] = harness.request(
                    self.server.port, "POST", "/orders", body=ORDER,
                    headers=dict(bearer(user.access), **{"Idempotency-Key": key}), timeout=60)

            threads = [threading.Thread(target=post, args=(i,), daemon=True) for i in range(50)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(90)
            with self.subTest(round=round_number):
                self.assertTrue(all(answer is not None for answer in answers), answers)
                self.assertEqual({answer.status for answer in answers}, {201}, answers)
                self.assertEqual(len({answer.raw for answer in answers}), 1)
                self.assertEqual(len({answer.headers.get("Location") for answer in answers}), 1)
                fresh = [a for a in answers if a.headers.get("Idempotent-Replayed") is None]
                self.assertEqual(len(fresh), 1)
                self.assertEqual(self.orders_of(user), round_number + 1)


class HeldTestCase(KeysTestCase):
    """The first request of a key held on a lock the test holds."""

    def start_post(self, user, key):
        result = {}

        def post():
            result["answer"] = self.post_order(user, key)

        thread = threading.Thread(target=post, daemon=True)
        thread.start()
        return thread, result

    def wait_blocked(self):
        # by the lock it waits for: pg_stat_activity.query is cut at
        # track_activity_query_size, before CreateOrder's INSERT
        harness.wait_until(lambda: STACK.value(
            "SELECT count(*) FROM pg_locks WHERE NOT granted "
            "AND relation = 'orders'::regclass") != "0", 20, message="a blocked insert")


class HeldTest(HeldTestCase):
    server_env = {"IDEMPOTENCY_WAIT_MS": "500", "DB_STATEMENT_TIMEOUT_MS": "4000"}

    def test_a_repeat_while_the_first_runs_is_409_then_replays(self):
        user = self.new_user()
        key = new_key()
        lock = TableLock("orders")
        try:
            thread, result = self.start_post(user, key)
            self.wait_blocked()
            self.assertError(self.post_order(user, key), 409, "idempotency_in_progress")
        finally:
            lock.release()
        thread.join(30)
        first = result["answer"]
        self.assertStatus(first, 201)
        self.assertReplay(first, self.post_order(user, key))
        self.assertEqual(self.orders_of(user), 1)

    def test_keys_that_keep_a_request_from_running_are_logged_and_counted(self):
        def counts():
            text = self.request("GET", "/metrics").raw.decode()
            found = {}
            for outcome in ("replayed", "in_progress", "reused"):
                line = 'orderd_idempotency_total{outcome="%s"} ' % outcome
                (value,) = [l[len(line):] for l in text.splitlines() if l.startswith(line)]
                found[outcome] = int(value)
            return found

        user = self.new_user()
        key = new_key()
        before = counts()
        first = self.post_order(user, key)
        self.assertStatus(first, 201)
        self.assertReplay(first, self.post_order(user, key))
        self.assertError(self.post_order(user, key, body=dict(ORDER, quantity=9)), 422,
                         "idempotency_key_reused")
        busy_key = new_key()
        lock = TableLock("orders")
        try:
            thread, _ = self.start_post(user, busy_key)
            self.wait_blocked()
            busy = self.post_order(user, busy_key)
            self.assertError(busy, 409, "idempotency_in_progress")
        finally:
            lock.release()
        thread.join(30)
        after = counts()
        self.assertEqual({k: after[k] - before[k] for k in after},
                         {"replayed": 1, "in_progress": 1, "reused": 1})
        caller = "user:%s" % user.id
        for event, status in (("idempotency_replayed", 201), ("idempotency_key_reused", 422),
                              ("idempotency_in_progress", 409)):
            lines = [line for line in self.server.log_events(event) if line["caller"] == caller]
            self.assertEqual(len(lines), 1, event)
            self.assertEqual((lines[0]["endpoint"], lines[0]["status"]), ("orders.post_orders", status))
            self.assertRegex(lines[0]["request_id"], harness.REQUEST_ID_RE)
        self.assertEqual(busy.headers["X-Request-ID"],
                         [line for line in self.server.log_events("idempotency_in_progress")
                          if line["caller"] == caller][0]["request_id"])

    def test_a_503_stores_nothing_and_the_retry_succeeds(self):
        user = self.new_user()
        key = new_key()
        lock = TableLock("orders")
        try:
            thread, result = self.start_post(user, key)
            thread.join(30)  # DB_STATEMENT_TIMEOUT_MS strikes
        finally:
            lock.release()
        self.assertError(result["answer"], 503)
        self.assertEqual(self.key_rows(key), 0)
        retry = self.post_order(user, key)
        self.assertStatus(retry, 201)
        self.assertIsNone(retry.headers.get("Idempotent-Replayed"))
        self.assertEqual(self.orders_of(user), 1)


class ExpiryTest(KeysTestCase):
    def test_an_expired_key_is_claimed_anew(self):
        server = STACK.start_server({"IDEMPOTENCY_TTL_SECONDS": "1"})
        try:
            user = self.new_user(server=server)
            key = new_key()
            self.assertStatus(self.post_order(user, key, server=server), 201)
            time.sleep(1.5)
            again = self.post_order(user, key, body=dict(ORDER, quantity=7), server=server)
            self.assertStatus(again, 201)
            self.assertIsNone(again.headers.get("Idempotent-Replayed"))
            self.assertEqual(self.orders_of(user), 2)
            self.assertEqual(self.key_rows(key), 1)
        finally:
            STACK.stop_server(server)

    def test_the_scheduled_purge_removes_expired_keys(self):
        everything = STACK.start_process("all", {"IDEMPOTENCY_TTL_SECONDS": "2",
                                                 "IDEMPOTENCY_PURGE_INTERVAL_SECONDS": "1"})
        try:
            user = self.new_user(server=everything)
            key = new_key()
            first = self.post_order(user, key, server=everything)
            self.assertStatus(first, 201)
            self.assertReplay(first, self.post_order(user, key, server=everything))
            harness.wait_until(lambda: self.key_rows(key) == 0, 30, message="the purge")
            self.assertEqual(STACK.value("SELECT count(*) > 0 FROM jobs WHERE kind = "
                                         "'purge_idempotency_keys' AND status = 'done'"), "t")
            again = self.post_order(user, key, server=everything)
            self.assertStatus(again, 201)
            self.assertIsNone(again.headers.get("Idempotent-Replayed"))
            self.assertEqual(self.orders_of(user), 2)
        finally:
            STACK.stop_server(everything)


class PurgeBatchTest(KeysTestCase):
    def test_a_backlog_is_purged_10000_rows_a_run(self):
        # 25,000 expired keys (and a live one): three runs of the job,
        # 10,000 + 10,000 + 5,000, each its own short statement; the first
        # is enqueued by hand and each full batch enqueues the next
        before = STACK.value("SELECT coalesce(max(id), 0) FROM jobs")
        STACK.psql("INSERT INTO idempotency_keys (caller, key, endpoint, request_hash, created_at) "
                   "SELECT 'user:purge', 'old-' || n, 'post_orders', 'x', "
                   "now() - interval '2 days' - n * interval '1 second' "
                   "FROM generate_series(1, 25000) n; "
                   "INSERT INTO idempotency_keys (caller, key, endpoint, request_hash) "
                   "VALUES ('user:purge', 'live', 'post_orders', 'x'); "
                   "INSERT INTO jobs (kind, max_attempts) VALUES ('purge_idempotency_keys', 3);")
        worker = STACK.start_process("worker")
        try:
            harness.wait_until(lambda: STACK.value(
                "SELECT count(*) FROM jobs WHERE kind = 'purge_idempotency_keys' "
                "AND status <> 'done'") == "0" and STACK.value(
                "SELECT count(*) FROM idempotency_keys WHERE caller = 'user:purge'") == "1",
                60, message="the purge runs")
        finally:
            STACK.stop_server(worker)
        self.assertEqual(STACK.value("SELECT key FROM idempotency_keys "
                                     "WHERE caller = 'user:purge'"), "live")
        self.assertEqual(STACK.value("SELECT count(*) FROM jobs WHERE kind = "
                                     "'purge_idempotency_keys' AND id > %s" % before), "3")


class KilledAfterCommitTest(KeysTestCase):
    def test_a_retry_after_a_kill_between_commit_and_answer_replays(self):
        paused = STACK.start_server({"TEST_PAUSE_AFTER_COMMIT_MS": "60000"})
        user = self.new_user(server=paused)
        key = new_key()
        outcome = {}

        def post():
            try:
                outcome["answer"] = self.post_order(user, key, server=paused)
            except OSError as error:  # the connection dies with the server
                outcome["error"] = error

        thread = threading.Thread(target=post, daemon=True)
        thread.start()
        harness.wait_until(lambda: STACK.value(
            "SELECT count(*) FROM idempotency_keys WHERE key = '%s' AND status = 201" % key) == "1",
            20, message="the committed answer")
        STACK.kill_server(paused)
        thread.join(30)
        self.assertNotIn("answer", outcome)
        self.assertEqual(self.orders_of(user), 1)
        server = STACK.start_server()
        try:
            retry = self.post_order(user, key, server=server)
            self.assertStatus(retry, 201)
            self.assertEqual(retry.headers.get("Idempotent-Replayed"), "true")
            self.assertEqual(retry.body["order_id"], STACK.value(
                "SELECT o.uid FROM orders o JOIN users u ON u.id = o.user_id "
                "WHERE u.uid = '%s'" % user.id))
            self.assertEqual(self.orders_of(user), 1)
        finally:
            STACK.stop_server(server)

    def test_the_pause_is_refused_in_production(self):
        done = STACK.orderd(["config"], {"TEST_PAUSE_AFTER_COMMIT_MS": "1000",
                                         "APP_ENV": "production",
                                         "JWT_SECRET": "x" * 40})
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("TEST_PAUSE_AFTER_COMMIT_MS", done.stderr)


class BrowserTest(KeysTestCase):
    server_env = {"CORS_ALLOWED_ORIGINS": "https://console.example.com"}

    def test_a_browser_may_send_the_key_and_read_the_replay_header(self):
        origin = {"Origin": "https://console.example.com"}
        preflight = self.request("OPTIONS", "/orders", headers=dict(origin, **{
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"}))
        self.assertStatus(preflight, 204)
        self.assertIn("idempotency-key",
                      preflight.headers.get("Access-Control-Allow-Headers").lower())
        user = self.new_user()
        key = new_key()
        headers = dict(bearer(user.access), **origin)
        headers["Idempotency-Key"] = key
        self.assertStatus(self.request("POST", "/orders", headers=headers, body=ORDER), 201)
        again = self.request("POST", "/orders", headers=headers, body=ORDER)
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertIn("Idempotent-Replayed", again.headers.get("Access-Control-Expose-Headers"))


class CappedWaitTest(HeldTestCase):
    """IDEMPOTENCY_WAIT_MS longer than the statement timeout: the wait is
    cut to half of it, so the repeat is a 409, not the statement's 503."""

    server_env = {"IDEMPOTENCY_WAIT_MS": "60000", "DB_STATEMENT_TIMEOUT_MS": "4000"}

    def test_a_long_wait_still_ends_as_409(self):
        user = self.new_user()
        key = new_key()
        lock = TableLock("orders")
        try:
            thread, result = self.start_post(user, key)
            self.wait_blocked()
            self.assertError(self.post_order(user, key), 409, "idempotency_in_progress")
        finally:
            lock.release()
        thread.join(30)
        self.assertIn(result["answer"].status, (201, 503))
