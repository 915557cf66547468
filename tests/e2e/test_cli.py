"""tests/e2e/test_cli.py - the orderd command line never acts when asked
for help, and refuses what it does not know before doing anything.

Each check runs the real binary against a fresh, empty database and then
looks at that database (and the listen port) to prove nothing happened.
"""

import re
import socket
import tempfile
import unittest

import harness

DATABASE = "orderd_e2e_cli_%d" % __import__("os").getpid()
URL = harness.database_url(DATABASE)
COMMANDS = ["serve", "worker", "scheduler", "all", "migrate", "createadmin", "jobs", "config",
            "check"]


def setUpModule():
    harness.drop_database(DATABASE)
    harness.create_database(DATABASE)


def tearDownModule():
    harness.drop_database(DATABASE)


def table_count():
    return int(harness.rows("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                            database=DATABASE)[0][0])


class CommandLineTest(unittest.TestCase):

    def orderd(self, *args, env=None):
        port = harness.free_port()
        self.port = port
        extra = {"DATABASE_URL": URL, "PORT": str(port), "ADMIN_PASSWORD": "secret-password-1"}
        extra.update(env or {})
        return harness.run_orderd(list(args), extra, timeout=20)

    def assertPortFree(self, port):
        probe = socket.socket()
        try:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))  # fails if orderd had bound it
        finally:
            probe.close()

    def test_help_of_every_command_has_no_side_effect(self):
        for command in COMMANDS:
            for flag in ("--help", "-h"):
                with self.subTest(command=command, flag=flag):
                    done = self.orderd(command, flag)
                    self.assertEqual(done.returncode, 0, done.stderr)
                    self.assertTrue(done.stdout.startswith("usage: orderd %s" % command),
                                    done.stdout)
                    self.assertEqual(done.stderr, "")
                    self.assertPortFree(self.port)
                    self.assertEqual(table_count(), 0, "orderd %s %s touched the database"
                                     % (command, flag))

    def test_unknown_options_and_arguments_are_usage_errors(self):
        cases = [("migrate", "--bogus"), ("serve", "--port=9"), ("worker", "extra"),
                 ("check", "--fix"),
                 ("createadmin", "--email", "a@example.com", "--nmae", "Ann"),
                 ("createadmin", "--email")]
        for args in cases:
            with self.subTest(args=args):
                done = self.orderd(*args)
                self.assertEqual(done.returncode, 2, done.stderr)
                lines = done.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, done.stderr)
                self.assertIn("orderd %s:" % args[0], lines[0])
                self.assertEqual(done.stdout, "")
                self.assertEqual(table_count(), 0, "orderd %s touched the database" % (args,))

    def test_version(self):
        for args in (["version"], ["--version"]):
            done = self.orderd(*args)
            self.assertEqual(done.returncode, 0)
            self.assertRegex(done.stdout, r"^orderd \d+\.\d+\.\d+\n$")

    def test_unknown_command(self):
        done = self.orderd("migrat")
        self.assertEqual(done.returncode, 2)
        self.assertIn('unknown command "migrat"', done.stderr)

    def test_migrate_still_migrates(self):
        done = self.orderd("migrate")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertGreater(table_count(), 0)
        harness.drop_database(DATABASE)
        harness.create_database(DATABASE)


if __name__ == "__main__":
    unittest.main()


class OperatorCommandsTest(unittest.TestCase):
    """migrate --status / --dry-run, jobs list / retry / discard, config,
    a missing ENV_FILE and a malformed DATABASE_URL."""

    @classmethod
    def setUpClass(cls):
        cls.database = "orderd_e2e_cli_ops_%d" % __import__("os").getpid()
        cls.url = harness.database_url(cls.database)
        harness.drop_database(cls.database)
        harness.create_database(cls.database)

    @classmethod
    def tearDownClass(cls):
        harness.drop_database(cls.database)

    def orderd(self, *args, env=None):
        extra = {"DATABASE_URL": self.url}
        extra.update(env or {})
        return harness.run_orderd(list(args), extra, timeout=30)

    def tables(self):
        return int(harness.rows("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                                database=self.database)[0][0])

    def test_1_status_and_dry_run_change_nothing_then_migrate_applies_them(self):
        migrations = sorted(name for name in __import__("os").listdir(
            __import__("os").path.join(harness.ROOT, "migrations")) if name.endswith(".sql"))
        for args in (["migrate", "--status"], ["migrate", "--dry-run"]):
            done = self.orderd(*args)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(self.tables(), 0, "%s touched the database" % args)
            for name in migrations:
                self.assertRegex(done.stdout, r"(?m)^pending +migration +%s +[0-9a-f]{64}$"
                                 % re.escape(name))
            self.assertRegex(done.stdout, r"(?m)^pending +guard +order_status +[0-9a-f]{64}$")
        self.assertIn("%d would be applied (dry run" % (len(migrations) + 1),
                      self.orderd("migrate", "--dry-run").stdout)
        self.assertEqual(self.orderd("migrate").returncode, 0)
        done = self.orderd("migrate", "--status")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("%d applied, 0 pending, 0 changed" % (len(migrations) + 1), done.stdout)
        self.assertRegex(done.stdout, r"(?m)^applied +migration +0001_users\.sql +[0-9a-f]{64}  \d")
        self.assertIn("0 would be applied", self.orderd("migrate", "--dry-run").stdout)
        self.assertEqual(self.orderd("migrate", "--status", "--dry-run").returncode, 2)

    def test_2_jobs_list_retry_discard(self):
        self.assertEqual(self.orderd("migrate").returncode, 0)

        def insert(status):
            return int(harness.rows(
                "INSERT INTO jobs (kind, status, attempts, run_at, last_error) VALUES "
                "('order_created', '%s', 5, now() + interval '1 hour', 'boom') RETURNING id"
                % status, database=self.database)[0][0])
        dead, done_job, queued = insert("dead"), insert("done"), insert("queued")
        listed = self.orderd("jobs", "list", "--state", "dead")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        ids = [line.split()[0] for line in listed.stdout.splitlines()[1:]]
        self.assertIn(str(dead), ids)
        self.assertNotIn(str(done_job), ids)

        retried = self.orderd("jobs", "retry", str(dead))
        self.assertEqual(retried.returncode, 0, retried.stderr)
        row = harness.rows("SELECT status, attempts, run_at <= now(), last_error IS NULL "
                           "FROM jobs WHERE id = %d" % dead, database=self.database)[0]
        self.assertEqual(row, ["queued", "0", "t", "t"])

        refused = self.orderd("jobs", "retry", str(done_job))
        self.assertEqual(refused.returncode, 1)
        self.assertIn("is done", refused.stderr)
        self.assertEqual(self.orderd("jobs", "discard", "999999999").returncode, 1)

        self.assertEqual(self.orderd("jobs", "discard", str(queued)).returncode, 0)
        self.assertEqual(harness.rows("SELECT count(*) FROM jobs WHERE id = %d" % queued,
                                      database=self.database)[0][0], "0")
        for args in (["jobs"], ["jobs", "frob"], ["jobs", "retry"], ["jobs", "retry", "x"],
                     ["jobs", "list", "--state", "lost"], ["jobs", "retry", "1", "--kind", "k"]):
            with self.subTest(args=args):
                self.assertEqual(self.orderd(*args).returncode, 2)

    def test_config_masks_secrets_and_names_sources(self):
        with tempfile.NamedTemporaryFile("w", suffix=".env") as env_file:
            env_file.write("BCRYPT_COST=9\nPORT=9999\n")
            env_file.flush()
            done = self.orderd("config", env={
                "ENV_FILE": env_file.name, "PORT": "8123", "JWT_SECRET": "very-secret-value",
                "DATABASE_URL": "postgresql://ann:hunter2@db.example:5432/orders",
                "WORKER_THREADS": None, "BCRYPT_COST": None})
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("hunter2", done.stdout)
        self.assertNotIn("very-secret-value", done.stdout)
        lines = done.stdout.splitlines()
        self.assertIn("DATABASE_URL=postgresql://ann:****@db.example:5432/orders  # environment",
                      lines)
        self.assertIn("JWT_SECRET=****  # environment", lines)
        self.assertIn("PORT=8123  # environment", lines)
        self.assertIn("BCRYPT_COST=9  # .env file", lines)
        self.assertIn("WORKER_THREADS=2  # default", lines)

    def test_missing_env_file_and_malformed_database_url_are_errors(self):
        done = self.orderd("config", env={"ENV_FILE": "/nonexistent/orderd.env"})
        self.assertEqual(done.returncode, 1)
        self.assertIn("/nonexistent/orderd.env", done.stderr)
        self.assertIn("does not exist", done.stderr)
        for url in ("localhost:5432/orderd", "postgresql://host:abc/db"):
            with self.subTest(url=url):
                done = self.orderd("migrate", env={"DATABASE_URL": url})
                self.assertEqual(done.returncode, 1)
                self.assertIn("DATABASE_URL is malformed", done.stderr)
                self.assertNotIn("socket", done.stderr)


class RunScriptTest(unittest.TestCase):
    """`make run` (scripts/run.sh) ends its start-up with one human line."""

    def test_run_prints_where_api_docs_and_schema_are(self):
        import os
        import signal
        import subprocess
        port = harness.free_port()
        database = "orderd_e2e_run_%d" % os.getpid()
        harness.drop_database(database)
        harness.create_database(database)
        env = harness.orderd_env({"DATABASE_URL": harness.database_url(database),
                                  "PORT": str(port)})
        process = subprocess.Popen([os.path.join(harness.ROOT, "scripts", "run.sh")],
                                   cwd=harness.ROOT, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        try:
            line = process.stdout.readline()
            base = "http://localhost:%d" % port
            self.assertEqual(line.strip(), "orderd is running: API %s/  console %s/console/  "
                             "docs %s/api/docs/  schema %s/api/schema/  (Ctrl-C stops it)"
                             % (base, base, base, base))
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
            harness.drop_database(database)
