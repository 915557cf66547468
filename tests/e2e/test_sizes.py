"""test_sizes.py - the house's size limits on the hand-written C of the
compiler and the runtime (README, "Tests"): every file in codegen/, common/ and
runtime/ under 1,500 lines, every function under 150.

A function is what clang-format (.clang-format) writes: its opening "{"
alone on a line at column 0, its closing "}" at column 0; the lines counted
run from the line before the "{" (the head) to the "}".
"""

import glob
import os
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATTERNS = ("codegen/*.c", "codegen/*.h", "codegen/*.re", "common/*.c", "common/*.h",
            "runtime/*.c", "runtime/*.h")
MAX_FILE_LINES = 1500
MAX_FUNCTION_LINES = 150


def sources():
    for pattern in PATTERNS:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, encoding="utf-8") as source:
                yield os.path.relpath(path, ROOT), source.read().splitlines()


def functions(lines):
    """(head line number, length in lines) of each function."""
    start = None
    for number, line in enumerate(lines, 1):
        if line == "{":
            start = number - 1
        elif line.startswith("}") and start is not None:
            yield start, number - start + 1
            start = None


class SizesTest(unittest.TestCase):
    def test_the_scan_sees_the_sources(self):
        found = dict(sources())
        self.assertIn("codegen/parse_api.c", found)
        self.assertIn("runtime/rt_endpoint.c", found)
        self.assertGreater(sum(1 for _ in functions(found["codegen/parse_api.c"])), 20)

    def test_every_file_is_under_1500_lines(self):
        long_files = ["%s: %d lines" % (path, len(lines)) for path, lines in sources()
                      if len(lines) >= MAX_FILE_LINES]
        self.assertEqual(long_files, [], "split these by concern")

    def test_every_function_is_under_150_lines(self):
        long_functions = ["%s:%d: %d lines" % (path, line, length)
                          for path, lines in sources() for line, length in functions(lines)
                          if length >= MAX_FUNCTION_LINES]
        self.assertEqual(long_functions, [], "split these")


if __name__ == "__main__":
    unittest.main()
