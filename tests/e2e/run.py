"""tests/e2e/run.py [NAME...] - runs the end-to-end suite.

Discovers tests/e2e/test_*.py (or only the modules / tests named, e.g.
`test_users` or `test_users.RefreshTest`), runs them and ends with the ids
of the failed tests, then one line "N passed, N failed" (a failure of a
module's or class's set-up or tear-down counts as one failed test). Passing
tests show as dots (E2E_VERBOSE=1 names each), failures in full with their
traceback. Exits 1 on any failure.
Needs the private services (scripts/services.sh start) and $ORDERD.
"""

import os
import shutil
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


def main(argv):
    shutil.rmtree(harness.LOG_DIR, ignore_errors=True)
    loader = unittest.TestLoader()
    if argv:
        suite = loader.loadTestsFromNames(argv)
    else:
        suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    print("orderd under test: %s" % harness.ORDERD, flush=True)
    verbosity = 2 if os.environ.get("E2E_VERBOSE") == "1" else 1
    result = unittest.TextTestRunner(verbosity=verbosity, stream=sys.stdout).run(suite)
    # A test with failing subtests appears once per subtest: count it once.
    # Errors of setUpModule / setUpClass / tearDown* are not tests (they are
    # not in testsRun) but each is a failure.
    failing_tests = set()
    fixture_errors = 0
    problems = result.failures + result.errors + [(test, "") for test in result.unexpectedSuccesses]
    for test, _ in problems:
        test = getattr(test, "test_case", test)  # a subtest's own test
        if isinstance(test, unittest.TestCase):
            failing_tests.add(test.id())
        else:
            fixture_errors += 1
    passed = result.testsRun - len(failing_tests) - len(result.skipped)
    failed = len(failing_tests) + fixture_errors
    for test_id in sorted(failing_tests):
        print("FAILED: %s" % test_id)
    if result.skipped:
        print("%d passed, %d failed, %d skipped" % (passed, failed, len(result.skipped)))
    else:
        print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
