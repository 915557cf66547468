"""tests/e2e/test_cli.py - the orderd command line never acts when asked
for help, and refuses what it does not know before doing anything.

Each check runs the real binary against a fresh, empty database and then
looks at that database (and the listen port) to prove nothing happened.
"""

import socket
import unittest

import harness

DATABASE = "orderd_e2e_cli_%d" % __import__("os").getpid()
URL = harness.database_url(DATABASE)
COMMANDS = ["serve", "worker", "scheduler", "all", "migrate", "createadmin"]


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
