"""tests/e2e/test_testsh.py - `make test` counts every cmocka test, not
every binary, and shows a failing binary's output in full.

Runs scripts/test.sh --units-only on stand-in binaries that print what
cmocka 1.1.5 prints (its summary lines on stderr), one passing, one with a
failing test and one that dies before its summary.
"""

import os
import stat
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PASSING = """#!/bin/sh
echo '[==========] Running 3 test(s).'
echo '[ RUN      ] test_a'
echo '[       OK ] test_a'
echo '[==========] 3 test(s) run.' >&2
echo '[  PASSED  ] 3 test(s).' >&2
"""

FAILING = """#!/bin/sh
echo '[ RUN      ] test_broken'
echo 'MARKER: 1 != 2'
echo '[  FAILED  ] test_broken'
echo '[==========] 4 test(s) run.' >&2
echo '[  PASSED  ] 3 test(s).' >&2
echo '[  FAILED  ] 1 test(s), listed below:' >&2
exit 1
"""

SKIPPING = """#!/bin/sh
echo '[==========] 3 test(s) run.' >&2
echo '[  PASSED  ] 2 test(s).' >&2
echo '[  SKIPPED ] 1 test(s), listed below:' >&2
echo '[  SKIPPED ] test_needs_a_database' >&2
"""

CRASHING = """#!/bin/sh
echo '[ RUN      ] test_crash'
kill -SEGV $$
"""


class TestScriptCountTest(unittest.TestCase):

    def write(self, folder, name, text):
        path = os.path.join(folder, name)
        with open(path, "w") as out:
            out.write(text)
        os.chmod(path, stat.S_IRWXU)
        return path

    def run_units(self, *binaries):
        return subprocess.run([os.path.join(ROOT, "scripts", "test.sh"), "--units-only"]
                              + list(binaries), cwd=ROOT, capture_output=True, text=True,
                              timeout=120)

    def test_each_cmocka_test_counts_and_failures_show_in_full(self):
        with tempfile.TemporaryDirectory() as folder:
            passing = self.write(folder, "test_passing", PASSING)
            failing = self.write(folder, "test_failing", FAILING)
            crashing = self.write(folder, "test_crashing", CRASHING)
            done = self.run_units(passing, failing, crashing)
        lines = done.stdout.strip().splitlines()
        self.assertNotEqual(done.returncode, 0)
        self.assertEqual(lines[-1], "6 passed, 2 failed", done.stdout)
        self.assertIn("FAILED: %s %s" % (failing, crashing), done.stdout)
        self.assertIn("MARKER: 1 != 2", done.stdout)  # the failing output, in full
        self.assertNotIn("[ RUN      ] test_a", done.stdout)  # a pass is one line
        self.assertIn("== %s: 3 passed" % passing, done.stdout)

    def test_all_passing_exits_zero_and_skips_count_neither_way(self):
        with tempfile.TemporaryDirectory() as folder:
            done = self.run_units(self.write(folder, "test_passing", PASSING),
                                  self.write(folder, "test_skipping", SKIPPING))
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(done.stdout.strip().splitlines()[-1], "5 passed, 0 failed")
        self.assertIn("test_skipping: 2 passed, 1 skipped", done.stdout)
