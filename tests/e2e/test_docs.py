"""tests/e2e/test_docs.py - the interactive docs at /api/docs/ (README,
The API): Swagger UI from swagger-ui-dist, served by orderd itself with the
right content types and our own initializer, wired to /api/schema/; a
server without the files starts anyway and answers 503 in the error shape.

The browser test drives Debian's chromium (playwright-core, see
docs_browser.js): it opens the page, authorizes with a real access token,
runs GET /users/me from the page and sees its 200. Its screenshot is kept
as var/log/e2e/docs.png. Without chromium or node the test fails: it is
never skipped.
"""

import json
import os
import subprocess
import unittest

import harness
from harness import ApiTestCase

STACK = harness.Stack("docs")
HERE = os.path.dirname(os.path.abspath(__file__))
SCREENSHOT = os.path.join(harness.LOG_DIR, "docs.png")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class DocsTestCase(ApiTestCase):
    stack = STACK


class DocsFilesTest(DocsTestCase):

    def test_files_are_served_with_their_content_types(self):
        cases = (("/api/docs/", "text/html", b"swagger-ui-bundle.js"),
                 ("/api/docs/index.html", "text/html", b"<html"),
                 ("/api/docs/swagger-ui-bundle.js", "text/javascript", b"SwaggerUIBundle"),
                 ("/api/docs/swagger-ui-standalone-preset.js", "text/javascript", b""),
                 ("/api/docs/swagger-ui.css", "text/css", b".swagger-ui"),
                 ("/api/docs/index.css", "text/css", b""),
                 ("/api/docs/favicon-32x32.png", "image/png", b"\x89PNG"))
        for path, content_type, start in cases:
            with self.subTest(path=path):
                response = self.request("GET", path)
                self.assertStatus(response, 200)
                self.assertTrue(response.headers.get("Content-Type").startswith(content_type),
                                response.headers.get("Content-Type"))
                self.assertIn(start, response.raw[:200000])

    def test_our_initializer_points_at_the_schema(self):
        response = self.request("GET", "/api/docs/swagger-initializer.js")
        self.assertStatus(response, 200)
        self.assertIn(b"../schema/", response.raw)
        self.assertNotIn(b"petstore.swagger.io", response.raw)
        schema = self.request("GET", "/api/schema/")
        self.assertStatus(schema, 200)
        scheme = json.loads(schema.raw)["components"]["securitySchemes"]["bearerAuth"]
        self.assertEqual((scheme["type"], scheme["scheme"]), ("http", "bearer"))

    def test_docs_without_a_slash_redirect_and_unknown_files_are_404(self):
        redirect = self.request("GET", "/api/docs")
        self.assertStatus(redirect, 301)
        self.assertEqual(redirect.headers.get("Location"), "/api/docs/")
        for path in ("/api/docs/nope.js", "/api/docs/../package.json", "/api/docs/LICENSE"):
            with self.subTest(path=path):
                self.assertError(self.request("GET", path), 404)
        self.assertError(self.request("POST", "/api/docs/"), 405)


class DocsMissingTest(DocsTestCase):
    server_env = {"DOCS_DIR": "/nonexistent/orderd-docs"}

    def test_missing_files_are_a_503_and_a_warning_not_a_crash(self):
        response = self.request("GET", "/api/docs/")
        error = self.assertError(response, 503)
        self.assertIn("DOCS_DIR", error["message"])
        self.assertStatus(self.request("GET", "/healthz"), 200)
        warnings = self.server.log_events("docs_unavailable")
        self.assertEqual(len(warnings), 1, self.server.log_tail())
        self.assertEqual(warnings[0]["level"], "warn")
        self.assertEqual(warnings[0]["dir"], "/nonexistent/orderd-docs")


class DocsBrowserTest(DocsTestCase):

    def test_authorize_and_run_users_me_from_the_page(self):
        user = self.new_user()
        os.makedirs(harness.LOG_DIR, exist_ok=True)
        if os.path.exists(SCREENSHOT):
            os.remove(SCREENSHOT)
        done = subprocess.run(
            ["node", os.path.join(HERE, "docs_browser.js"),
             "http://127.0.0.1:%d" % self.server.port, user.access, SCREENSHOT],
            capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
        self.assertEqual(done.returncode, 0, "browser run failed:\n%s%s"
                         % (done.stdout, done.stderr))
        result = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertEqual(result["status"], "200", result)
        self.assertEqual(result["authorization"], "Bearer " + user.access)
        with open(SCREENSHOT, "rb") as image:
            self.assertEqual(image.read(8), b"\x89PNG\r\n\x1a\n")


if __name__ == "__main__":
    unittest.main()
