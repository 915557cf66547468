"""tests/e2e/test_lanes.py - one slow dependency does not stall the rest.

The HTTP server's own threads never wait: requests that may block run on
lanes (README, Operations). Drills, each bounded in time and on loopback:

- requests stuck behind a locked table (a psql session holds an ACCESS
  EXCLUSIVE lock on orders) fill the requests lane; /healthz and
  /api/schema/ still answer at once, and the stuck requests end as 503 in
  the error shape when DB_STATEMENT_TIMEOUT_MS strikes;
- a storm of wrong-password logins at bcrypt cost 12 fills the passwords
  lane; GET /users/me and /healthz still answer promptly;
- a lane whose queue is full (HTTP_QUEUE_LIMIT) answers 503 with
  Retry-After at once instead of queueing without bound.

The bounds below are liveness bounds (seconds, where the stall they guard
against lasted many seconds), not speed measurements.
"""

import subprocess
import threading
import time
import unittest

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("lanes")

# A request that should not wait behind blocked ones answers within this.
PROMPT_SECONDS = 2.0


def setUpModule():
    STACK.setup()
    ApiTestCase.stack = STACK


def tearDownModule():
    STACK.teardown()


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


def in_threads(count, work):
    """Starts count threads running work(i); returns (threads, results)
    where results[i] is what work(i) returned (or the exception)."""
    results = [None] * count

    def run(i):
        try:
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads, results


def join_all(threads, timeout):
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return all(not thread.is_alive() for thread in threads)


class LockedTableTest(ApiTestCase):
    server_env = {"HTTP_THREADS": "4", "DB_STATEMENT_TIMEOUT_MS": "1500"}

    def timed(self, method, path, **kwargs):
        started = time.monotonic()
        response = self.request(method, path, **kwargs)
        return response, time.monotonic() - started

    def test_health_and_schema_do_not_wait_behind_a_locked_table(self):
        user = self.new_user()
        lock = TableLock("orders")
        try:
            threads, results = in_threads(
                16, lambda i: self.timed("GET", "/orders", headers=bearer(user.access),
                                         timeout=30))
            # the requests lane (4 threads) is full and 12 more wait
            harness.wait_until(
                lambda: STACK.value("SELECT count(*) FROM pg_stat_activity "
                                    "WHERE wait_event_type = 'Lock' "
                                    "AND datname = current_database()") == "4",
                10, message="four requests waiting on the lock")
            for path in ("/healthz", "/api/schema/", "/healthz"):
                response, seconds = self.timed("GET", path)
                self.assertStatus(response, 200)
                self.assertLess(seconds, PROMPT_SECONDS, "%s waited %.1f s" % (path, seconds))
            self.assertTrue(join_all(threads, 30), "stuck requests never answered")
        finally:
            lock.release()
        for result in results:
            self.assertNotIsInstance(result, Exception, result)
            response, seconds = result
            # 16 requests, 4 at a time, each cancelled after 1.5 s
            self.assertError(response, 503, code="service_unavailable")
            self.assertLess(seconds, 20)
        self.assertTrue(self.server.log_events("statement_timeout"))
        # the lock is gone: the same request succeeds again
        self.assertStatus(self.request("GET", "/orders", headers=bearer(user.access)), 200)


class RolesBeforeReadsTest(ApiTestCase):
    """A read endpoint's first statement goes out with the user check
    (README, Operations: Tokens), but not for a token whose role the
    endpoint refuses: a customer's 403 on a staff report never runs (or
    waits on) the report's query."""

    server_env = {"DB_STATEMENT_TIMEOUT_MS": "10000"}

    def test_a_refused_role_does_not_run_the_report(self):
        customer = self.new_user()
        lock = TableLock("orders")  # SummaryReport reads orders
        try:
            started = time.monotonic()
            response = self.request("GET", "/reports/summary", headers=bearer(customer.access),
                                    timeout=30)
            seconds = time.monotonic() - started
            waiting = STACK.value("SELECT count(*) FROM pg_stat_activity "
                                  "WHERE wait_event_type = 'Lock' "
                                  "AND datname = current_database()")
        finally:
            lock.release()
        self.assertError(response, 403)
        # the report would have waited the statement timeout (10 s) on the lock
        self.assertLess(seconds, 5.0, "the 403 took %.1f s" % seconds)
        self.assertEqual(waiting, "0")


class ReadAheadTimeoutTest(ApiTestCase):
    """A read's first statement that times out inside the pipeline is that
    request's answer (503), not a reason to run it once more."""

    server_env = {"DB_STATEMENT_TIMEOUT_MS": "3000"}

    def test_a_stuck_first_statement_times_out_once(self):
        user = self.new_user()
        lock = TableLock("orders")
        try:
            started = time.monotonic()
            response = self.request("GET", "/orders", headers=bearer(user.access), timeout=30)
            seconds = time.monotonic() - started
        finally:
            lock.release()
        self.assertError(response, 503)
        # one statement timeout is 3 s; running the statement again would be 6 s
        self.assertLess(seconds, 5.5, "the 503 took %.1f s" % seconds)
        self.assertEqual(len(self.server.log_events("statement_timeout")), 1)


class FullQueueTest(ApiTestCase):
    server_env = {"HTTP_THREADS": "1", "HTTP_QUEUE_LIMIT": "2",
                  "DB_STATEMENT_TIMEOUT_MS": "3000"}

    def test_a_full_lane_answers_503_at_once(self):
        user = self.new_user()
        lock = TableLock("orders")
        try:
            def list_orders(i):
                started = time.monotonic()
                response = self.request("GET", "/orders", headers=bearer(user.access),
                                        timeout=30)
                return response, time.monotonic() - started

            threads, results = in_threads(8, list_orders)
            self.assertTrue(join_all(threads, 30), "requests never answered")
        finally:
            lock.release()
        busy = [(r, s) for r, s in results
                if r.status == 503 and r.headers.get("Retry-After") == "1"]
        # 1 running + 2 queued; the other 5 are refused at once
        self.assertGreaterEqual(len(busy), 5, results)
        for response, seconds in busy:
            self.assertError(response, 503, code="service_unavailable")
            self.assertLess(seconds, PROMPT_SECONDS)
        self.assertTrue(self.server.log_events("request_refused_busy"))


class LoginStormTest(ApiTestCase):
    # bcrypt cost 12: about 0.2 s of one core per login, by design
    server_env = {"BCRYPT_COST": "12", "PASSWORD_THREADS": "2"}

    def test_a_login_storm_slows_logins_not_the_rest(self):
        user = self.new_user()
        stop = threading.Event()

        def wrong_login(i):
            answers = []
            while not stop.is_set() and len(answers) < 3:
                response = self.request("POST", "/users/login", timeout=60,
                                        body={"email": user.email, "password": "wrong-%d" % i})
                answers.append(response.status)
            return answers

        threads, results = in_threads(40, wrong_login)
        try:
            time.sleep(1.0)  # the passwords lane is saturated by now
            for _ in range(5):
                for path, headers in (("/users/me", bearer(user.access)), ("/healthz", {})):
                    started = time.monotonic()
                    response = self.request("GET", path, headers=headers)
                    seconds = time.monotonic() - started
                    self.assertStatus(response, 200)
                    self.assertLess(seconds, PROMPT_SECONDS,
                                    "%s took %.1f s during a login storm" % (path, seconds))
                time.sleep(0.2)
        finally:
            stop.set()
            self.assertTrue(join_all(threads, 120), "logins never answered")
        for result in results:
            self.assertNotIsInstance(result, Exception, result)
            self.assertTrue(result and all(status == 409 for status in result), result)


if __name__ == "__main__":
    unittest.main()
