"""tests/e2e/test_jobs.py - durable jobs and the scheduler (runtime/rt_jobs.h,
runtime/rt_scheduler.h, spec/jobs.api).

Against real `orderd scheduler`, `orderd worker` and `orderd all`
processes: pending orders go through processing to completed with the
history and log lines to show for it; two schedulers and two workers at
once process each order exactly once and fire each tick once; a worker
killed with SIGKILL mid-job leaves its job to another worker, which runs
it again as attempt 2 and completes the orders exactly once; failing jobs
are retried with backoff and end dead; a cancelled order is left alone.

Orders are made over HTTP on the stack's `orderd serve`; each test starts
and stops its own background processes, and asserts only about its own
orders (another test's leftovers may be processed alongside).
"""

import re
import threading
import unittest

import harness
from harness import ApiTestCase, bearer, parse_timestamp

STACK = harness.Stack("jobs")
FAST = {"SCHEDULER_INTERVAL_SECONDS": "2", "PROCESSING_WORK_SECONDS": "1"}
ACTOR_RE = re.compile(r"^job:process_pending_orders:(\d+)$")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class JobsTestCase(ApiTestCase):
    stack = STACK

    def setUp(self):
        super().setUp()
        self.user = self.new_user()

    # -- orders

    def create_order(self, server=None, user=None):
        user = user or self.user
        response = harness.request((server or self.server).port, "POST", "/orders",
                                   body={"product_name": "Job widget", "quantity": 1,
                                         "amount": "10.00"},
                                   headers=bearer(user.access))
        self.assertEqual(response.status, 201, response)
        return response.body["order_id"]

    def create_orders(self, count, threads=5):
        """count orders made by `threads` concurrent clients; their uids."""
        uids, errors = [], []
        lock = threading.Lock()

        def client(share):
            try:
                for _ in range(share):
                    uid = self.create_order()
                    with lock:
                        uids.append(uid)
            except BaseException as error:  # reported below, in the test's thread
                with lock:
                    errors.append(error)

        shares = [count // threads + (1 if n < count % threads else 0) for n in range(threads)]
        workers = [threading.Thread(target=client, args=(share,)) for share in shares]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        if errors:
            raise errors[0]
        return uids

    def statuses(self, uids):
        """{uid: status} from the database."""
        return dict(tuple(row) for row in self.stack.rows(
            "SELECT uid, status FROM orders WHERE uid IN (%s)" % _quoted(uids)))

    def wait_for_status(self, uids, status, timeout):
        def all_there():
            now = self.statuses(uids)
            return now if all(now.get(uid) == status for uid in uids) else None
        try:
            return harness.wait_until(all_there, timeout, interval=0.1,
                                      message="orders %s" % status)
        except AssertionError:
            raise AssertionError("orders not all %s within %.0f s: %r"
                                 % (status, timeout, self.statuses(uids)))

    def history(self, uid):
        """[(from, to, actor, created_at)] of an order, oldest first."""
        return [(row[0] or None, row[1], row[2], parse_timestamp(row[3]))
                for row in self.stack.rows(
                    "SELECT h.from_status, h.to_status, h.actor,"
                    " to_char(h.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                    " FROM order_status_history h JOIN orders o ON o.id = h.order_id"
                    " WHERE o.uid = '%s' ORDER BY h.id" % uid)]

    def job(self, job_id):
        """The jobs row as a dict of text values."""
        names = ["id", "kind", "status", "attempts", "max_attempts", "unique_key", "last_error",
                 "finished_at", "payload"]
        found = self.stack.rows("SELECT %s FROM jobs WHERE id = %d"
                                % (", ".join(names[:-1]) + ", payload::text", int(job_id)))
        self.assertEqual(len(found), 1, "no job %s" % job_id)
        return dict(zip(names, found[0]))

    def assertProcessedOnce(self, uid):
        """The history is exactly pending, pending->processing,
        processing->completed, both by the same process_pending_orders job,
        which is done; returns that job's id."""
        history = self.history(uid)
        self.assertEqual([(entry[0], entry[1]) for entry in history],
                         [(None, "pending"), ("pending", "processing"),
                          ("processing", "completed")], "history of %s: %r" % (uid, history))
        self.assertEqual(history[0][2], "user:%s" % self.user.id)
        match = ACTOR_RE.match(history[1][2])
        self.assertIsNotNone(match, "processing actor: %r" % (history[1][2],))
        self.assertEqual(history[2][2], history[1][2], "completed by another job: %r" % (history,))
        job = self.job(match.group(1))
        self.assertEqual((job["kind"], job["status"]), ("process_pending_orders", "done"), job)
        return int(match.group(1))

    # -- processes

    def start(self, command, **env):
        # These tests read job_started and schedule_fired / _taken: debug lines.
        env.setdefault("LOG_LEVEL", "debug")
        return self.stack.start_process(command, env)

    def stop(self, *processes):
        for process in processes:
            self.stack.stop_server(process)

    def log_uids(self, processes, event, job_id=None):
        """Every uid the processes logged under event (orders_processing /
        orders_completed), with repeats, optionally for one job only."""
        uids = []
        for process in processes:
            for record in process.log_events(event):
                if job_id is None or record.get("job") == job_id:
                    self.assertIsInstance(record.get("uids"), list, record)
                    uids.extend(record["uids"])
        return uids


def _quoted(uids):
    for uid in uids:
        assert harness.UUID_RE.match(uid), uid
    return ", ".join("'%s'" % uid for uid in uids)


class ProcessPendingOrdersTest(JobsTestCase):

    def test_pending_order_is_processed_then_completed_with_history_and_logs(self):
        first_job = int(self.stack.value("SELECT coalesce(max(id), 0) FROM jobs"))
        uid = self.create_order()
        scheduler = self.start("scheduler", **FAST)
        worker = self.start("worker", **FAST)
        try:
            seen = set()

            def completed():
                status = self.statuses([uid])[uid]
                seen.add(status)
                return status == "completed"
            harness.wait_until(completed, 10, interval=0.05, message="order completed")
        finally:
            self.stop(scheduler, worker)
        self.assertIn("processing", seen, "never seen processing: %r" % seen)

        job_id = self.assertProcessedOnce(uid)
        history = self.history(uid)
        worked = (history[2][3] - history[1][3]).total_seconds()
        self.assertGreaterEqual(worked, 0.9, "PROCESSING_WORK_SECONDS=1 not honoured: %r" % history)
        self.assertLess(worked, 5, history)
        job = self.job(job_id)
        self.assertRegex(job["unique_key"], r"^schedule:process_pending_orders:\d+$")
        self.assertEqual(job["attempts"], "1")

        processing = [record for record in worker.log_events("orders_processing")
                      if uid in record.get("uids", [])]
        completed_lines = [record for record in worker.log_events("orders_completed")
                           if uid in record.get("uids", [])]
        self.assertEqual(len(processing), 1, worker.log_tail())
        self.assertEqual(len(completed_lines), 1, worker.log_tail())
        self.assertEqual(processing[0].get("job"), job_id)
        self.assertEqual(completed_lines[0].get("job"), job_id)
        self.assertIn("request_id", processing[0])  # null: a schedule enqueued it
        self.assertIsNone(processing[0]["request_id"])
        if job_id > first_job:  # (else a tick job an earlier test's scheduler left queued)
            fired = [record for record in scheduler.log_events("schedule_fired")
                     if str(record.get("job")) == str(job_id)]
            self.assertEqual(len(fired), 1, scheduler.log_tail())
            self.assertEqual(fired[0].get("kind"), "process_pending_orders")
            self.assertEqual(job["unique_key"], "schedule:process_pending_orders:%s"
                             % fired[0].get("tick"))

    def test_an_order_cancelled_before_the_tick_is_not_processed(self):
        cancelled = self.create_order()
        response = self.request("PATCH", "/orders/%s/cancel" % cancelled,
                                headers=bearer(self.user.access))
        self.assertStatus(response, 200)
        kept = self.create_order()
        # `orderd all`: the API, a worker and the scheduler in one process
        everything = self.start("all", **FAST)
        try:
            later = self.create_order(server=everything)
            self.wait_for_status([kept, later], "completed", 10)
        finally:
            self.stop(everything)
        self.assertProcessedOnce(kept)
        self.assertProcessedOnce(later)
        self.assertEqual(self.statuses([cancelled])[cancelled], "cancelled")
        self.assertEqual([(entry[0], entry[1]) for entry in self.history(cancelled)],
                         [(None, "pending"), ("pending", "cancelled")])
        self.assertEqual(self.stack.value("SELECT coalesce(processing_job_id::text, 'none')"
                                          " FROM orders WHERE uid = '%s'" % cancelled), "none")
        self.assertNotIn(cancelled, self.log_uids([everything], "orders_processing"))

    def test_orders_of_a_job_that_went_dead_are_completed_by_the_next_tick(self):
        uid = self.create_order()
        # A processing job that failed for good after taking the order.
        dead = int(self.stack.value(
            "INSERT INTO jobs (kind, status, attempts, max_attempts, last_error, finished_at)"
            " VALUES ('process_pending_orders', 'dead', 3, 3, 'test: failed for good', now())"
            " RETURNING id"))
        self.stack.psql("UPDATE orders SET status = 'processing', processing_job_id = %d"
                        " WHERE uid = '%s'" % (dead, uid))
        scheduler = self.start("scheduler", **FAST)
        worker = self.start("worker", **FAST)
        try:
            self.wait_for_status([uid], "completed", 10)
        finally:
            self.stop(scheduler, worker)
        history = self.history(uid)
        self.assertEqual([(entry[0], entry[1]) for entry in history],
                         [(None, "pending"), ("pending", "processing"),
                          ("processing", "completed")], history)
        self.assertRegex(history[2][2], ACTOR_RE.pattern)


class BacklogTest(JobsTestCase):
    """A backlog is taken in batches of 1,000, one job after another."""

    def test_a_backlog_drains_in_bounded_batches_from_one_tick(self):
        user_id = self.stack.value("SELECT id FROM users WHERE uid = '%s'" % self.user.id)
        self.stack.psql("INSERT INTO orders (user_id, product_name, quantity, amount)"
                        " SELECT %s, 'Backlog ' || n, 1, 1.00 FROM generate_series(1, 2500) n"
                        % user_id)
        # One tick in the hour: only the jobs' own follow-ups can drain it
        # (3599 s: the tick numbers of 3600 s stay free for WorkerKilledTest).
        hourly = {"SCHEDULER_INTERVAL_SECONDS": "3599", "PROCESSING_WORK_SECONDS": "0",
                  "LOG_LEVEL": "info"}
        scheduler = self.start("scheduler", **hourly)
        worker = self.start("worker", **hourly)
        try:
            harness.wait_until(lambda: self.stack.value(
                "SELECT count(*) FROM orders WHERE product_name LIKE 'Backlog %'"
                " AND status <> 'completed'") == "0", 120, message="the backlog completed")
        finally:
            self.stop(scheduler, worker)
            # a follow-up enqueued before the last batch ended must not run
            # in the next test's worker
            self.stack.psql("DELETE FROM jobs WHERE kind = 'process_pending_orders'"
                            " AND status = 'queued'")
        batches = self.stack.value(
            "SELECT count(*) || ' ' || max(n) FROM (SELECT processing_job_id, count(*) AS n"
            " FROM orders WHERE product_name LIKE 'Backlog %' GROUP BY 1) b").split()
        self.assertGreaterEqual(int(batches[0]), 3, batches)   # 2,500 orders, 1,000 a job
        self.assertLessEqual(int(batches[1]), 1000, batches)
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id"
            " WHERE o.product_name LIKE 'Backlog %' AND h.to_status = 'processing'"), "2500")


class ConcurrencyTest(JobsTestCase):

    def test_two_schedulers_and_two_workers_process_each_order_once(self):
        first_job = int(self.stack.value("SELECT coalesce(max(id), 0) FROM jobs"))
        processes = [self.start("scheduler", **FAST), self.start("scheduler", **FAST),
                     self.start("worker", **FAST), self.start("worker", **FAST)]
        schedulers, workers = processes[:2], processes[2:]
        try:
            uids = self.create_orders(30)
            self.assertEqual(len(set(uids)), 30)
            self.wait_for_status(uids, "completed", 20)

            def a_tick_seen_by_both():
                ticks = [{record["tick"] for event in ("schedule_fired", "schedule_taken")
                          for record in scheduler.log_events(event)
                          if record.get("kind") == "process_pending_orders"}
                         for scheduler in schedulers]
                return ticks[0] & ticks[1]
            harness.wait_until(a_tick_seen_by_both, 5, message="a tick seen by both schedulers")
        finally:
            self.stop(*processes)

        for uid in uids:
            self.assertProcessedOnce(uid)
        processing = self.log_uids(workers, "orders_processing")
        completed = self.log_uids(workers, "orders_completed")
        for uid in uids:
            self.assertEqual(processing.count(uid), 1, "%s logged processing %d times"
                             % (uid, processing.count(uid)))
            self.assertEqual(completed.count(uid), 1, "%s logged completed %d times"
                             % (uid, completed.count(uid)))

        # Each tick: one job, fired by exactly one scheduler (the other's
        # insert is a no-op on the unique key). Only this schedule's ticks
        # (purge_idempotency_keys has its own).
        fired, taken = {}, {}
        for scheduler in schedulers:
            for event, ticks in (("schedule_fired", fired), ("schedule_taken", taken)):
                for record in scheduler.log_events(event):
                    if record.get("kind") == "process_pending_orders":
                        ticks.setdefault(record["tick"], []).append(record)
        self.assertTrue(fired, "no schedule_fired line: %s" % schedulers[0].log_tail())
        for tick, records in fired.items():
            self.assertEqual(len(records), 1, "tick %s fired %d times" % (tick, len(records)))
        both = [tick for tick in taken if tick in fired]
        self.assertTrue(both, "no tick seen by both schedulers: fired %s, taken %s"
                        % (sorted(fired), sorted(taken)))
        for tick in taken:
            self.assertIn(tick, fired, "tick %s taken but fired by nobody" % tick)
        jobs = self.stack.rows(
            "SELECT unique_key, count(*) FROM jobs WHERE kind = 'process_pending_orders'"
            " AND unique_key IS NOT NULL"  # the ticks' (a batch's follow-up has none)
            " AND id > %d GROUP BY unique_key" % first_job)
        per_key = {key: int(count) for key, count in jobs}
        for tick, records in fired.items():
            key = "schedule:process_pending_orders:%s" % tick
            self.assertEqual(per_key.get(key), 1, "jobs of tick %s: %r" % (tick, per_key))
            self.assertEqual(str(records[0]["job"]),
                             self.stack.value("SELECT id FROM jobs WHERE unique_key = '%s'" % key))
        self.assertEqual(sorted(per_key), sorted("schedule:process_pending_orders:%s" % tick
                                                 for tick in fired))


class WorkerKilledTest(JobsTestCase):

    def stray_job_locks(self):
        """Job advisory locks (RT_JOBS_LOCK_CLASS 28530, rt_jobs.h) held on
        jobs that are not running: [(job id, status)]. A claim must lock its
        own job only ("a thread holds the advisory lock of at most one job,
        exactly while that job is running")."""
        return [tuple(row) for row in self.stack.rows(
            "SELECT l.objid::text, coalesce(j.status::text, 'no such job') FROM pg_locks l"
            " LEFT JOIN jobs j ON j.id = l.objid::int8"
            " WHERE l.locktype = 'advisory' AND l.classid = 28530 AND l.objsubid = 2"
            " AND j.status IS DISTINCT FROM 'running'")]

    def test_a_killed_workers_job_runs_again_and_completes_once(self):
        uids = [self.create_order() for _ in range(3)]
        # planner statistics as a live database has them (autovacuum)
        self.stack.psql("ANALYZE jobs")
        slow = {"PROCESSING_WORK_SECONDS": "4", "SCHEDULER_INTERVAL_SECONDS": "3600"}
        first = self.start("worker", **slow)
        # The orders' order_created jobs first: one running beside the tick's
        # claim holds its order's row (the notification's foreign key), and
        # the claim (SKIP LOCKED) would leave that order to the next tick.
        harness.wait_until(lambda: self.stack.value(
            "SELECT count(*) FROM jobs j JOIN orders o ON j.payload->>'order_id' = o.id::text"
            " WHERE j.kind = 'order_created' AND j.status <> 'done' AND o.uid IN (%s)"
            % _quoted(uids)) == "0", 10, message="the orders' order_created jobs done")
        scheduler = self.start("scheduler", **slow)
        second = None
        try:
            self.wait_for_status(uids, "processing", 10)
            jobs = {int(row[0]) for row in self.stack.rows(
                "SELECT processing_job_id FROM orders WHERE uid IN (%s)" % _quoted(uids))}
            for job_id in jobs:
                job = self.job(job_id)
                self.assertEqual((job["status"], job["attempts"]), ("running", "1"), job)
            # (a lock of a job being claimed or finished shows for a moment)
            try:
                harness.wait_until(lambda: not self.stray_job_locks(), 2, interval=0.2,
                                   message="no job locks but the running jobs'")
            except AssertionError:
                stray = self.stray_job_locks()
                self.fail("job advisory locks held on %d jobs that are not running (a claim "
                          "locked other jobs too, so they look taken), e.g. %r"
                          % (len(stray), stray[:8]))
            self.stack.kill_server(first)  # SIGKILL mid-job (4 s of work)
            self.assertEqual(set(self.statuses(uids).values()), {"processing"})
            self.stop(scheduler)
            # a backlog: a job queued before the dead one, claimed first
            backlog = int(self.stack.value(
                "INSERT INTO jobs (kind, payload, run_at) SELECT 'order_created',"
                " jsonb_build_object('order_id', id), now() - interval '1 hour'"
                " FROM orders WHERE uid = '%s' RETURNING id" % uids[0]))
            second = self.start("worker", **slow)
            self.wait_for_status(uids, "completed", 15)
            harness.wait_until(lambda: self.job(backlog)["status"] == "done", 5,
                               message="backlog job done")
        finally:
            if second is not None:
                self.stop(second)
            if first.alive():
                self.stack.kill_server(first)

        for job_id in jobs:
            job = self.job(job_id)
            self.assertEqual((job["status"], job["attempts"]), ("done", "2"), job)
            restarted = [record for record in second.log_events("job_started")
                         if record.get("job") == job_id]
            self.assertEqual([record.get("attempt") for record in restarted], [2],
                             second.log_tail())
            self.assertEqual(self.log_uids([first], "orders_completed", job_id), [])
        self.assertEqual(sorted(self.log_uids([first], "orders_processing")), sorted(uids))
        self.assertEqual(sorted(self.log_uids([second], "orders_completed")), sorted(uids))
        for uid in uids:
            self.assertIn(self.assertProcessedOnce(uid), jobs)


class FailingJobTest(JobsTestCase):

    def insert_job(self, kind, payload, max_attempts):
        return int(self.stack.value(
            "INSERT INTO jobs (kind, payload, max_attempts) VALUES ('%s', '%s', %d) RETURNING id"
            % (kind, payload, max_attempts)))

    def test_failing_jobs_are_retried_with_backoff_then_dead(self):
        missing_order = int(self.stack.value("SELECT coalesce(max(id), 0) + 1000000 FROM orders"))
        retried = self.insert_job("order_created", '{"order_id": %d}' % missing_order, 3)
        invalid = self.insert_job("order_created", '{"order_id": "abc"}', 5)
        unknown_key = self.insert_job("order_created", '{"order_id": 1, "extra": true}', 5)
        unknown_kind = self.insert_job("no_such_job", '{}', 5)
        worker = self.start("worker")
        try:
            def all_dead():
                return all(self.job(job_id)["status"] == "dead"
                           for job_id in (retried, invalid, unknown_key, unknown_kind))
            harness.wait_until(all_dead, 15, interval=0.2, message="the failing jobs dead")
        finally:
            self.stop(worker)

        # invalid payloads and unknown kinds cannot succeed: dead at once
        for job_id in (invalid, unknown_key, unknown_kind):
            job = self.job(job_id)
            self.assertEqual(job["attempts"], "1", job)
            self.assertTrue(job["last_error"], job)
            self.assertTrue(job["finished_at"], job)
        self.assertIn("order_id", self.job(invalid)["last_error"])
        self.assertIn("extra", self.job(unknown_key)["last_error"])

        # a foreign-key failure is retried: 3 attempts, 1 s then 2 s apart
        job = self.job(retried)
        self.assertEqual((job["status"], job["attempts"]), ("dead", "3"), job)
        self.assertTrue(job["last_error"], job)
        self.assertTrue(job["finished_at"], job)
        records = [record for record in worker.log_records()
                   if record.get("job") == retried and record["event"].startswith("job_")]
        self.assertEqual([(record["event"], record.get("attempt")) for record in records],
                         [("job_started", 1), ("job_failed", 1), ("job_started", 2),
                          ("job_failed", 2), ("job_started", 3), ("job_dead", 3)],
                         worker.log_tail())
        started = [parse_timestamp(record["ts"]) for record in records
                   if record["event"] == "job_started"]
        self.assertGreaterEqual((started[1] - started[0]).total_seconds(), 0.9)
        self.assertGreaterEqual((started[2] - started[1]).total_seconds(), 1.9)
        self.assertEqual(self.stack.value("SELECT count(*) FROM notifications WHERE order_id = %d"
                                          % missing_order), "0")


if __name__ == "__main__":
    unittest.main()
