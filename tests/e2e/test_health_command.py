"""tests/e2e/test_health_command.py - `orderd health`, the health check of
the worker and scheduler containers (docker-compose.yml): exit 0 when
PostgreSQL answers, 1 when it does not, and --help without checking
anything.
"""

import unittest

import harness

DATABASE = "orderd_e2e_health_%d" % __import__("os").getpid()


def setUpModule():
    harness.drop_database(DATABASE)
    harness.create_database(DATABASE)


def tearDownModule():
    harness.drop_database(DATABASE)


class HealthCommandTest(unittest.TestCase):

    def test_healthy_when_postgresql_answers(self):
        done = harness.run_orderd(["health"], {"DATABASE_URL": harness.database_url(DATABASE)})
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("ok", done.stdout)

    def test_unhealthy_when_postgresql_does_not(self):
        port = harness.free_port()  # nothing listens there
        done = harness.run_orderd(["health"], {
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:%d/orderd" % port,
            "DB_CONNECT_TIMEOUT_SECONDS": "2"}, timeout=30)
        self.assertEqual(done.returncode, 1, done.stdout)
        self.assertIn("PostgreSQL is unreachable", done.stderr)

    def test_help_checks_nothing(self):
        port = harness.free_port()
        done = harness.run_orderd(["health", "--help"], {
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:%d/orderd" % port})
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("usage: orderd health", done.stdout)
        self.assertEqual(done.stderr, "")

    def test_unknown_option_is_a_usage_error(self):
        done = harness.run_orderd(["health", "--deep"])
        self.assertEqual(done.returncode, 2)
        self.assertIn("--deep", done.stderr)


if __name__ == "__main__":
    unittest.main()
