"""test_references.py - comments and documents name only what exists
(README, "Tests"; issue #7's house-keeping): no comment or header of the
hand-written C names a function or a document the repository lacks.

- every `name()` in a comment in codegen/, common/ and runtime/ is a
  function or macro of the repository's C (tests and generated/ included),
  a spec built-in (common/rt_names.def) or one of LIBRARY_NAMES (libc,
  PostgreSQL's SQL functions, Redis commands);
- every rt_/RT_ name in those comments is an identifier of that C or a
  module (a runtime/ or common/ file of that name);
- every docs/ path written in the sources, scripts, tests and documents
  exists, and every quoted section cited as `README, "Section"` or
  `docs/spec-language.md, "Section"` is a heading of that document.

Reads files only: no server, PostgreSQL or Redis.
"""

import glob
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMENTED = ("codegen/*.c", "codegen/*.h", "codegen/*.re", "common/*.c", "common/*.h",
             "common/*.def", "runtime/*.c", "runtime/*.h", "runtime/*.def")
CODE = COMMENTED + ("tests/unit/*.c", "tests/unit/*.h", "tests/fuzz/*.c", "generated/*.c",
                    "generated/*.h")
CITING = COMMENTED + ("tests/e2e/*.py", "tests/unit/*.c", "tests/unit/*.h", "tests/fuzz/*.c",
                      "scripts/*", "spec/*", "migrations/*", "Makefile", "README.md",
                      "docs/*.md", "Dockerfile", "docker-compose.yml", ".ci/run")
# Functions of libraries, SQL and Redis that comments name.
LIBRARY_NAMES = {"abort", "free", "sigwait", "count", "exists", "now", "sha256",
                 "replicate_commands"}
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
CODE_NOISE = re.compile(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"", re.S)
DOCUMENTS = {"README": "README.md", "docs/spec-language.md": "docs/spec-language.md"}
SECTION = re.compile(r"(README(?:\.md)?|docs/spec-language\.md)[,:]? \"([^\"()]{1,80})\"")


def files(patterns):
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if os.path.isfile(path):
                with open(path, encoding="utf-8", errors="replace") as source:
                    yield os.path.relpath(path, ROOT), source.read()


def code_identifiers():
    names = set()
    for _, text in files(CODE):
        names.update(re.findall(r"\b[A-Za-z_]\w*\b", CODE_NOISE.sub(" ", text)))
    with open(os.path.join(ROOT, "common/rt_names.def"), encoding="utf-8") as names_def:
        names.update(re.findall(r"\b[a-z_]\w*\b", names_def.read()))
    for path in glob.glob(os.path.join(ROOT, "runtime/*.[ch]")) + \
            glob.glob(os.path.join(ROOT, "common/*.[ch]")):
        names.add(os.path.splitext(os.path.basename(path))[0])
    return names


def headings(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as document:
        return [re.sub(r"[`*]", "", h).strip().lower()
                for h in re.findall(r"^#+\s+(.*)$", document.read(), re.M)]


class ReferencesTest(unittest.TestCase):
    def test_functions_named_in_comments_exist(self):
        known = code_identifiers() | LIBRARY_NAMES
        missing = []
        for path, text in files(COMMENTED):
            for comment in COMMENT.findall(text):
                for name in re.findall(r"\b([A-Za-z_]\w*)\(\)", comment):
                    if name not in known:
                        missing.append("%s: %s()" % (path, name))
                for name in re.findall(r"\b((?:rt|RT)_\w*[A-Za-z0-9])\b(?!\*)", comment):
                    if name not in known:
                        missing.append("%s: %s" % (path, name))
        self.assertEqual(sorted(set(missing)), [])

    def test_documents_and_sections_cited_exist(self):
        sections = {key: headings(path) for key, path in DOCUMENTS.items()}
        missing = []
        for path, text in files(CITING):
            if path == "tests/e2e/test_references.py":
                continue  # it spells out the forms it checks
            # comment continuation marks (" * ", "# ", "-- ") are not text
            flat = re.sub(r"\s+", " ", re.sub(r"\n\s*(?:\*|#|//|--)\s?", " ", text))
            for cited in re.findall(r"(?<![\w/.])docs/[\w./-]*\w", text):
                if not os.path.exists(os.path.join(ROOT, cited)):
                    missing.append("%s: %s" % (path, cited))
            for document, section in SECTION.findall(flat):
                key = "README" if document.startswith("README") else document
                if not any(section.lower() in heading for heading in sections[key]):
                    missing.append("%s: %s, \"%s\"" % (path, document, section))
            if "PRODUCT.md" in text:
                missing.append("%s: cites PRODUCT.md" % path)
        self.assertEqual(sorted(set(missing)), [])


if __name__ == "__main__":
    unittest.main()
