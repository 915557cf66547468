"""tests/e2e/test_ops.py - what operators watch: GET /metrics (Prometheus
text, every line parsed), /readyz with PostgreSQL and Redis reported
separately, and the log schema (request_id on every line of a request and
of the jobs it enqueued, the level by outcome, probes at debug, the
lost/recovered and shutdown events).

Runs against a database and a redis-server of this module's own, so Redis
can be stopped without disturbing other modules.
"""

import math
import re
import unittest

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("ops")
REDIS = None

# The exposition format, version 0.0.4: comments and samples.
HELP_RE = re.compile(r"^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$")
TYPE_RE = re.compile(r"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$")
SAMPLE_RE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$")
LABEL_RE = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)')


def parse_labels(text):
    labels, at = {}, 0
    while at < len(text):
        match = LABEL_RE.match(text, at)
        if match is None:
            raise ValueError("bad labels: %r" % text)
        labels[match.group(1)] = match.group(2)
        at = match.end()
    return labels


def parse_metrics(text):
    """Parses every line; returns {(name, frozenset(labels)): value} and
    {family: type}. Raises ValueError on any line that is not valid."""
    samples, types = {}, {}
    for line in text.splitlines():
        if line.startswith("# HELP "):
            if not HELP_RE.match(line):
                raise ValueError("bad HELP line: %r" % line)
            continue
        match = TYPE_RE.match(line)
        if match:
            types[match.group(1)] = match.group(2)
            continue
        match = SAMPLE_RE.match(line)
        if match is None:
            raise ValueError("not a sample: %r" % line)
        name, labels, value = match.group(1), parse_labels(match.group(3) or ""), match.group(4)
        family = re.sub(r"_(bucket|sum|count)$", "", name) if name not in types else name
        if family not in types:
            raise ValueError("sample of an undeclared family: %r" % line)
        number = float(value)
        if math.isnan(number):
            raise ValueError("NaN: %r" % line)
        key = (name, frozenset(labels.items()))
        if key in samples:
            raise ValueError("duplicate sample: %r" % line)
        samples[key] = number
    return samples, types


def value(samples, name, **labels):
    return samples.get((name, frozenset(labels.items())))


def setUpModule():
    global REDIS
    REDIS = harness.PrivateRedis()
    REDIS.start()
    STACK.setup(start_server=False)


def tearDownModule():
    STACK.teardown()
    if REDIS is not None:
        REDIS.destroy()


class OpsTestCase(ApiTestCase):
    stack = STACK

    def scrape(self, server=None):
        response = self.request("GET", "/metrics", server=server)
        self.assertStatus(response, 200)
        self.assertEqual(response.headers.get("Content-Type"),
                         "text/plain; version=0.0.4; charset=utf-8")
        text = response.raw.decode("utf-8")
        try:
            return parse_metrics(text)
        except ValueError as error:
            self.fail("%s\n%s" % (error, text))


class MetricsTest(OpsTestCase):
    server_env = {"REDIS_URL": None, "RATE_LIMIT_MAX_REQUEST": "3", "DB_POOL_SIZE": "5"}

    @classmethod
    def setUpClass(cls):
        cls.server_env = dict(cls.server_env, REDIS_URL=REDIS.url)
        super().setUpClass()

    def test_every_line_parses_and_histograms_are_cumulative(self):
        samples, types = self.scrape()
        self.assertEqual(types["orderd_http_request_duration_seconds"], "histogram")
        for family in ("orderd_http_requests_total", "orderd_http_requests_in_flight",
                       "orderd_db_pool_connections", "orderd_db_pool_in_use",
                       "orderd_db_pool_waiting", "orderd_ratelimit_rejections_total",
                       "orderd_ratelimit_degraded", "orderd_jobs_total",
                       "orderd_scheduler_ticks_total", "orderd_lane_queue_depth"):
            self.assertIn(family, types)
        buckets = {}
        for (name, labels), number in samples.items():
            if name == "orderd_http_request_duration_seconds_bucket":
                labels = dict(labels)
                le = labels.pop("le")
                buckets.setdefault(frozenset(labels.items()), []).append(
                    (math.inf if le == "+Inf" else float(le), number))
        self.assertTrue(buckets)
        for labels, series in buckets.items():
            counts = [count for _, count in sorted(series)]
            self.assertEqual(counts, sorted(counts), labels)
            self.assertEqual(counts[-1], samples[("orderd_http_request_duration_seconds_count",
                                                   labels)])
        self.assertEqual(value(samples, "orderd_db_pool_connections"), 5 + 1)  # + the sampler
        self.assertEqual(value(samples, "orderd_lane_queue_depth", lane="requests"), 0)
        self.assertGreaterEqual(value(samples, "orderd_http_requests_in_flight"), 1)  # this one

    def test_requests_are_counted_by_route_and_status(self):
        before, _ = self.scrape()
        labels = {"method": "GET", "route": "/orders/{uid}", "status": "401"}
        for _ in range(2):
            self.assertStatus(self.request("GET", "/orders/%s" % harness.uuid.uuid4()), 401)
        self.assertStatus(self.request("GET", "/no/such/path"), 404)
        after, _ = self.scrape()
        self.assertEqual((value(after, "orderd_http_requests_total", **labels) or 0)
                         - (value(before, "orderd_http_requests_total", **labels) or 0), 2)
        other = {"method": "", "route": "other", "status": "404"}
        self.assertGreaterEqual(value(after, "orderd_http_requests_total", **other), 1)
        count = "orderd_http_request_duration_seconds_count"
        self.assertEqual(value(after, count, method="GET", route="/orders/{uid}")
                         - value(before, count, method="GET", route="/orders/{uid}"), 2)

    def test_rate_limit_rejections_are_counted(self):
        user = self.new_user()  # register and login: other buckets
        before, _ = self.scrape()
        statuses = [self.request("GET", "/users/me", headers=bearer(user.access)).status
                    for _ in range(5)]
        self.assertIn(429, statuses)
        after, _ = self.scrape()
        self.assertEqual(value(after, "orderd_ratelimit_rejections_total")
                         - value(before, "orderd_ratelimit_rejections_total"),
                         statuses.count(429))
        self.assertEqual(value(after, "orderd_ratelimit_degraded"), 0)

    def test_job_queue_is_sampled(self):
        samples = harness.wait_until(
            lambda: (lambda s: s if value(s, "orderd_jobs_queue_depth") is not None else None)(
                self.scrape()[0]), 15, message="a queue sample")
        self.assertGreaterEqual(value(samples, "orderd_jobs_queue_depth"), 0)
        self.assertGreaterEqual(value(samples, "orderd_jobs_oldest_runnable_age_seconds"), 0)


class AllInOneTest(OpsTestCase):
    """`orderd all`: jobs, ticks and the request id carried into jobs."""

    def test_jobs_and_ticks_are_counted_and_jobs_carry_the_request_id(self):
        server = self.stack.start_process("all", {"REDIS_URL": REDIS.url,
                                                  "PROCESSING_WORK_SECONDS": "0"})
        user = self.new_user(server=server)
        response = self.request("POST", "/orders", server=server, headers=bearer(user.access),
                                body={"product_name": "Lamp", "quantity": 1, "amount": "9.50"})
        self.assertStatus(response, 201)
        request_id = response.headers["X-Request-ID"]
        done = {"kind": "order_created", "outcome": "done"}
        harness.wait_until(lambda: (value(self.scrape(server)[0], "orderd_jobs_total", **done)
                                    or 0) >= 1, 15, message="order_created counted")
        samples, _ = self.scrape(server)
        self.assertGreaterEqual(value(samples, "orderd_scheduler_ticks_total"), 1)
        job_lines = [record for record in server.log_records()
                     if record["event"] in ("job_started", "job_done")
                     and record.get("kind") == "order_created"]
        self.assertTrue(job_lines, server.log_tail())
        for record in job_lines:
            self.assertEqual(record["request_id"], request_id, record)
            self.assertIsInstance(record["job"], int, record)
        created = [record for record in server.log_events("order_created")]
        self.assertEqual([record["request_id"] for record in created], [request_id])
        self.stack.stop_server(server)
        events = [record["event"] for record in server.log_records()]
        self.assertIn("shutdown_started", events)
        self.assertEqual(events[-1], "shutdown_done", events[-5:])


class LogLevelTest(OpsTestCase):
    """The request line's level follows the outcome; probes are debug."""

    def test_levels_by_outcome_and_quiet_probes(self):
        server = self.stack.start_server({"REDIS_URL": REDIS.url})
        self.assertStatus(self.request("GET", "/healthz", server=server), 200)
        self.assertStatus(self.request("GET", "/readyz", server=server), 200)
        self.assertStatus(self.request("GET", "/metrics", server=server), 200)
        self.assertStatus(self.request("GET", "/nowhere", server=server), 404)
        self.assertStatus(self.request("GET", "/api/schema/", server=server), 200)
        lines = harness.wait_until(
            lambda: [r for r in server.log_events("request") if r["path"] == "/api/schema/"]
            and server.log_events("request"), 5, message="request lines")
        by_path = {record["path"]: record for record in lines}
        for path in ("/healthz", "/readyz", "/metrics"):
            self.assertNotIn(path, by_path)  # debug: below LOG_LEVEL=info
        self.assertEqual(by_path["/nowhere"]["level"], "info")
        self.stack.stop_server(server)

        debug = self.stack.start_server({"REDIS_URL": REDIS.url, "LOG_LEVEL": "debug"})
        self.assertStatus(self.request("GET", "/healthz", server=debug), 200)
        record = harness.wait_until(
            lambda: next((r for r in debug.log_events("request") if r["path"] == "/healthz"),
                         None), 5, message="the /healthz line")
        self.assertEqual(record["level"], "debug")
        self.stack.stop_server(debug)


class RedisDownTest(OpsTestCase):
    """Redis stopped: /readyz stays 200 but says degraded; the limiter's
    gauge and the redis_lost / redis_recovered events follow."""

    def test_readyz_and_metrics_follow_redis(self):
        server = self.stack.start_server({"REDIS_URL": REDIS.url})
        ready = self.request("GET", "/readyz", server=server)
        self.assertStatus(ready, 200)
        self.assertEqual(ready.body, {"status": "ready", "postgresql": "ok", "redis": "ok"})
        user = self.new_user(server=server)
        REDIS.stop()
        try:
            self.assertStatus(self.request("GET", "/users/me", server=server,
                                           headers=bearer(user.access)), 200)
            ready = self.request("GET", "/readyz", server=server)
            self.assertStatus(ready, 200)
            self.assertEqual(ready.body, {"status": "degraded", "postgresql": "ok",
                                          "redis": "unavailable"})
            self.assertEqual(value(self.scrape(server)[0], "orderd_ratelimit_degraded"), 1)
            self.assertEqual(len(server.log_events("redis_lost")), 1, server.log_tail())
        finally:
            REDIS.start()

        def recovered():
            self.request("GET", "/users/me", server=server, headers=bearer(user.access))
            return server.log_events("redis_recovered")
        harness.wait_until(recovered, 10, interval=0.3, message="redis_recovered")
        self.assertEqual(value(self.scrape(server)[0], "orderd_ratelimit_degraded"), 0)
        self.stack.stop_server(server)


class SecurityEventsTest(OpsTestCase):
    """login_failed (no password, no hint whether the email exists) and
    refresh_reuse_detected (the family revoked), from the spec's
    `check ... else ... log EVENT` steps."""

    def test_login_failed_and_refresh_reuse_detected(self):
        server = self.stack.start_server({"REDIS_URL": REDIS.url})
        user = self.new_user(server=server)
        for email, password in ((user.email, "wrong-password-1"),
                                ("nobody-%s@example.com" % harness.uuid.uuid4().hex[:8],
                                 "wrong-password-2")):
            response = self.request("POST", "/users/login", server=server,
                                    body={"email": email, "password": password})
            self.assertStatus(response, 409)
        failed = harness.wait_until(lambda: len(server.log_events("login_failed")) == 2
                                    and server.log_events("login_failed"), 5,
                                    message="two login_failed lines")
        self.assertEqual([sorted(record) for record in failed][0],
                         sorted(["ts", "level", "event", "request_id", "email"]))
        self.assertEqual(failed[0]["email"], user.email)
        self.assertEqual(failed[0].keys(), failed[1].keys())  # no hint which one failed how
        self.assertNotIn("wrong-password", server.log_text())

        first = self.request("POST", "/users/token/refresh", server=server,
                             body={"refresh": user.refresh})
        self.assertStatus(first, 200)
        self.assertEqual(server.log_events("refresh_reuse_detected"), [])
        reused = self.request("POST", "/users/token/refresh", server=server,
                              body={"refresh": user.refresh})
        self.assertStatus(reused, 401)
        events = harness.wait_until(lambda: server.log_events("refresh_reuse_detected"), 5,
                                    message="refresh_reuse_detected")
        self.assertEqual(len(events), 1)
        self.assertEqual(events[0]["user"], user.id)
        self.assertEqual(events[0]["request_id"], reused.headers["X-Request-ID"])
        # The family is revoked: the token issued by the first refresh is refused too,
        # and a refused token of a revoked family is not "reuse" again.
        again = self.request("POST", "/users/token/refresh", server=server,
                             body={"refresh": first.body["refresh"]})
        self.assertStatus(again, 401)
        self.assertEqual(len(server.log_events("refresh_reuse_detected")), 1)
        self.stack.stop_server(server)


class EmptyTickTest(unittest.TestCase):
    """A scheduler tick with no pending order logs one line (job_done, at
    info) and does not sleep PROCESSING_WORK_SECONDS on nothing."""

    def test_empty_tick_is_one_line_and_no_work(self):
        stack = harness.Stack("ops_tick")
        stack.setup(start_server=False)
        try:
            process = stack.start_process("all", {
                "REDIS_URL": REDIS.url, "SCHEDULER_INTERVAL_SECONDS": "1",
                "PROCESSING_WORK_SECONDS": "3600"})

            def done_jobs():
                return [r for r in process.log_events("job_done")
                        if r.get("kind") == "process_pending_orders"]
            # Liveness only: without the stop the job would sleep an hour.
            done = harness.wait_until(lambda: done_jobs() or None, 20,
                                      message="an empty tick's job_done")
            job = done[0]["job"]
            lines = [r for r in process.log_records() if r.get("job") == job]
            self.assertEqual([r["event"] for r in lines], ["job_done"], lines)
            self.assertEqual(process.log_events("orders_processing"), [])
            stack.stop_server(process)
        finally:
            stack.teardown()


class ListenTest(OpsTestCase):

    def test_port_in_use_names_the_port_and_PORT(self):
        server = self.stack.start_server({"REDIS_URL": REDIS.url})
        done = self.stack.orderd(["serve"], {"PORT": str(server.port), "REDIS_URL": REDIS.url})
        self.assertEqual(done.returncode, 1)
        self.assertIn("port %d" % server.port, done.stderr)
        self.assertIn("already in use", done.stderr)
        self.assertIn("set PORT", done.stderr)
        self.stack.stop_server(server)


if __name__ == "__main__":
    unittest.main()
