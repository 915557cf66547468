"""test_build.py - the edit loop: `make` after a one-line change to one
endpoint regenerates generated/ and recompiles only the files whose content
changed (README, "Speed of the edit loop").

Works on a copy of the sources and of build/ (times kept), so the real tree
is never touched; the first `make build` there brings the copy up to date
(nothing to do when build/ is current).
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

import harness

SOURCES = ("Makefile", "codegen", "common", "runtime", "generated", "spec", "migrations")
# What a plain build needs of build/ (not the test binaries, build/asan or build/fuzz).
BUILD_SKIPPED = ("asan", "unit", "tests", "fuzz")
MAKE_TIMEOUT = 600


def make(tree, *targets):
    done = subprocess.run(["make", "--no-print-directory", "-j2", *targets], cwd=tree,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=MAKE_TIMEOUT)
    if done.returncode != 0:
        raise AssertionError("make %s failed:\n%s" % (" ".join(targets), done.stdout))
    return done.stdout


def compiled(output):
    """The objects make compiled, from its `CC path` lines."""
    return sorted(re.findall(r"^\s*CC\s+(\S+)$", output, re.M))


class EditLoopTest(unittest.TestCase):

    def setUp(self):
        self.tree = tempfile.mkdtemp(prefix="orderd-build-")
        for name in SOURCES:
            source = os.path.join(harness.ROOT, name)
            target = os.path.join(self.tree, name)
            if os.path.isdir(source):
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        build = os.path.join(harness.ROOT, "build")
        if os.path.isdir(build):
            shutil.copytree(build, os.path.join(self.tree, "build"),
                            ignore=lambda folder, names: [n for n in names
                                                          if folder == build
                                                          and n in BUILD_SKIPPED])

    def tearDown(self):
        shutil.rmtree(self.tree, ignore_errors=True)

    def test_one_endpoint_changed_recompiles_only_what_changed(self):
        make(self.tree, "build")
        self.assertEqual(compiled(make(self.tree, "build")), [], "a second make compiles nothing")

        api = os.path.join(self.tree, "spec", "users.api")
        with open(api) as f:
            text = f.read()
        self.assertIn('"The signed-in user"', text)
        with open(api, "w") as f:
            f.write(text.replace('"The signed-in user"', '"The user who is signed in"'))
        output = make(self.tree, "build")

        self.assertIn("SPECC", output)
        objects = compiled(output)
        self.assertIn("build/generated/users_api.o", objects)
        unchanged = ("orders_api", "jobs_api", "lifecycle_api", "orders_sql", "users_sql",
                     "registry")
        for stem in unchanged:
            self.assertNotIn("build/generated/%s.o" % stem, objects)
        self.assertFalse([o for o in objects if o.startswith("build/runtime/")
                          or o.startswith("build/codegen/")
                          or o.startswith("build/common/")], objects)
        self.assertEqual(compiled(make(self.tree, "build")), [], "and then nothing again")

    def test_a_deleted_output_is_made_again(self):
        make(self.tree, "build")
        header = os.path.join(self.tree, "generated", "api.h")
        os.unlink(header)
        make(self.tree, "build")
        self.assertTrue(os.path.exists(header))


if __name__ == "__main__":
    unittest.main()
