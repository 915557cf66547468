"""tests/e2e/test_console.py - the staff console at /console/ (README,
Console): the files orderd serves from CONSOLE_DIR's manifest (content
types, long-cached hashed assets, index.html revalidated, the
Content-Security-Policy on every file, nothing outside the manifest), a
server without a built console starting anyway with a 503, and the whole
story in a real browser (console_browser.js: Debian's chromium through
playwright-core), whose screenshots are kept under
build/test-artifacts/console/. Without chromium or node the browser test
fails: it is never skipped.
"""

import json
import os
import re
import subprocess
import tempfile
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer

STACK = harness.Stack("console")
HERE = os.path.dirname(os.path.abspath(__file__))
CONSOLE_DIR = os.path.join(harness.ROOT, "build", "console")
ARTIFACTS = os.path.join(harness.ROOT, "build", "test-artifacts", "console")
IMMUTABLE = "public, max-age=31536000, immutable"


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def manifest_names():
    with open(os.path.join(CONSOLE_DIR, "console.manifest")) as manifest:
        return [line.split()[1] for line in manifest if line.strip() and not line.startswith("#")]


class ConsoleTestCase(ApiTestCase):
    stack = STACK


class ConsoleFilesTest(ConsoleTestCase):

    def test_index_is_revalidated_and_carries_the_policy(self):
        response = self.request("GET", "/console/")
        self.assertStatus(response, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        self.assertEqual(response.headers["Cache-Control"], "no-cache")
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertIn("style-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        # no inline script or style for the policy to refuse
        self.assertNotRegex(response.raw, rb"<script(?![^>]*\bsrc=)[^>]*>")
        self.assertNotIn(b"style=", response.raw)
        self.assertNotIn(b"<style", response.raw)

    def test_hashed_assets_are_cached_for_a_year(self):
        names = [name for name in manifest_names() if name != "index.html"]
        self.assertEqual(sorted(os.path.splitext(name)[1] for name in names), [".css", ".js"])
        index = self.request("GET", "/console/index.html").raw
        for name in names:
            with self.subTest(name=name):
                self.assertRegex(name, r"^console\.[0-9a-f]{12}\.(js|css)$")
                self.assertIn(name.encode(), index)
                response = self.request("GET", "/console/" + name)
                self.assertStatus(response, 200)
                self.assertEqual(response.headers["Cache-Control"], IMMUTABLE)
                self.assertIn("Content-Security-Policy", response.headers)
                kind = "text/javascript" if name.endswith(".js") else "text/css"
                self.assertTrue(response.headers["Content-Type"].startswith(kind))

    def test_only_the_manifest_is_served(self):
        redirect = self.request("GET", "/console")
        self.assertStatus(redirect, 301)
        self.assertEqual(redirect.headers.get("Location"), "/console/")
        for path in ("/console/console.manifest", "/console/../package.json", "/console/nope.js",
                     "/console/src/main.ts", "/console/%2e%2e/README.md"):
            with self.subTest(path=path):
                self.assertError(self.request("GET", path), 404)
        self.assertError(self.request("POST", "/console/"), 405)

    def test_the_bundle_carries_the_specs_rules(self):
        # The rules come from generated/openapi.json at build time.
        schema = json.loads(self.request("GET", "/api/schema/").raw)
        sku = schema["components"]["schemas"]["CreateProductRequest"]["properties"]["sku"]
        script = [name for name in manifest_names() if name.endswith(".js")][0]
        bundle = self.request("GET", "/console/" + script).raw.decode()
        rule = re.search(r"createProduct:\{.*?sku:(\{[^}]*\})", bundle)
        self.assertIsNotNone(rule, "no createProduct rules in the bundle")
        self.assertIn("maxLength:%d" % sku["maxLength"], rule.group(1))


class ConsoleMissingTest(ConsoleTestCase):
    server_env = {"CONSOLE_DIR": "/nonexistent/orderd-console"}

    def test_missing_console_is_a_503_and_a_warning_not_a_crash(self):
        error = self.assertError(self.request("GET", "/console/"), 503)
        self.assertIn("make console", error["message"])
        self.assertStatus(self.request("GET", "/api/docs/"), 200)
        warnings = self.server.log_events("console_unavailable")
        self.assertEqual(len(warnings), 1, self.server.log_tail())
        self.assertEqual(warnings[0]["dir"], "/nonexistent/orderd-console")


class ConsoleBadManifestTest(ConsoleTestCase):
    """A manifest line that leaves the directory is refused whole."""
    folder = tempfile.mkdtemp(prefix="orderd-console-")
    server_env = {"CONSOLE_DIR": folder}

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(cls.folder, "index.html"), "w") as index:
            index.write("<!doctype html>")
        with open(os.path.join(cls.folder, "console.manifest"), "w") as manifest:
            manifest.write("no-cache index.html index.html\nimmutable secret.txt ../../etc/passwd\n")
        super().setUpClass()

    def test_a_path_outside_the_directory_makes_the_console_unavailable(self):
        self.assertError(self.request("GET", "/console/"), 503)
        self.assertError(self.request("GET", "/console/secret.txt"), 503)
        warnings = self.server.log_events("console_unavailable")
        self.assertEqual(len(warnings), 1, self.server.log_tail())
        self.assertIn("../../etc/passwd", warnings[0]["missing"])


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class ConsoleBrowserTest(ConsoleTestCase):
    # A list longer than this has an estimated count ("about N").
    server_env = {"LIST_COUNT_EXACT_LIMIT": "2"}

    def test_the_whole_story_in_a_browser(self):
        admin = self.make_admin("Ada Admin")
        for number in range(3):
            self.request("POST", "/products", headers=bearer(admin.access), body={
                "sku": "EST-%d-%s" % (number, uuid.uuid4().hex[:6]), "name": "Estimate %d" % number,
                "price": "1.00", "stock": 1})
        staff = self.register(name="Sam Staff")
        customer = self.register(name="Cat Customer")
        tag = uuid.uuid4().hex[:8].upper()
        product = {"sku": "MUG-" + tag, "name": "Browser mug " + tag, "price": "12.50", "stock": 5}
        accounts = {
            "admin": {"email": admin.email, "password": admin.password},
            "staff": {"email": staff.email, "password": staff.password},
            "customer": {"email": customer.email, "password": customer.password},
            "product": product,
        }
        os.makedirs(ARTIFACTS, exist_ok=True)
        for name in os.listdir(ARTIFACTS):
            os.remove(os.path.join(ARTIFACTS, name))
        done = subprocess.run(
            ["node", os.path.join(HERE, "console_browser.js"),
             "http://127.0.0.1:%d" % self.server.port, ARTIFACTS, json.dumps(accounts)],
            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        self.assertEqual(done.returncode, 0, "browser run failed:\n%s%s"
                         % (done.stdout, done.stderr))
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertEqual(seen["problems"], [])
        self.assertEqual(seen["keyboardSignIn"], "Ada Admin (admin)")
        self.assertEqual(seen["signedOutMessage"], "You are signed out.")
        # the spec's rules, before anything was sent
        self.assertEqual(seen["skuMessage"], "Ensure this field has no more than 64 characters.")
        self.assertEqual(seen["priceMessage"],
                         "Enter an amount with at most two decimals, such as 12.50.")
        self.assertEqual(seen["postsWhileInvalid"], 0)
        self.assertEqual(seen["quantityMessage"],
                         "Ensure this value is greater than or equal to 1.")
        self.assertEqual(seen["duplicateSku"], "A product with this SKU already exists")
        # an estimated count is shown as one
        self.assertEqual(seen["productsEstimate"], "true")
        self.assertRegex(seen["productsPager"], r"^Page 1 of about \d+ \(about \d+\)$")
        # a second save sends only what changed since the first, each with
        # the version it read; the form shows the saved values
        self.assertEqual([patch["body"] for patch in seen["patches"]],
                         [{"description": "Edited once"}, {"low_stock_threshold": 1}])
        tags = [patch["ifMatch"] for patch in seen["patches"]]
        self.assertRegex(tags[0], r'^"\d+"$')
        self.assertEqual(int(tags[1].strip('"')), int(tags[0].strip('"')) + 1)
        self.assertEqual(seen["descriptionShown"], "Edited once")
        # changed from elsewhere: the next save is a 412 and the drawer shows it as it is
        self.assertEqual(seen["otherEdit"], 200)
        self.assertEqual(seen["staleProduct"],
                         "This product changed since you opened it. It is shown as it is now.")
        self.assertEqual(seen["staleProductShown"], ["Changed elsewhere", "1"])
        # the order's answer was lost: the retry had the same key and was replayed
        posts = seen["orderPosts"]
        self.assertEqual(len(posts), 2, posts)
        self.assertRegex(posts[0]["key"], UUID)
        self.assertEqual(posts[1]["key"], posts[0]["key"])
        self.assertEqual([post["status"] for post in posts], [201, 201])
        self.assertEqual(posts[1]["replayed"], "true")
        self.assertEqual(self.stack.value(
            "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = '%s'"
            % customer.email), "1")
        # keyboard only: Tab reached a row, stayed in the drawer, Escape gave the row back its focus
        self.assertTrue(seen["rowReachedByTab"])
        self.assertEqual(seen["focusWhileOpen"], ["drawer"])
        self.assertEqual(seen["focusAfterEscape"], "the row")
        # the lifecycle's transitions for staff; a stale drawer's 412, then the order as it is
        self.assertEqual(sorted(seen["pendingActions"]), ["cancelled", "confirmed"])
        self.assertEqual(seen["otherConfirm"], 200)
        self.assertEqual(seen["staleConfirm"],
                         "This order changed since you opened it. It is shown as it is now.")
        self.assertEqual(sorted(seen["staleAfterReload"]), ["cancelled", "shipped"])
        self.assertEqual(seen["deliveredActions"], 0)
        # every transition sent If-Match and its own Idempotency-Key
        sent = seen["transitionHeaders"]
        self.assertEqual(len(sent), 3, sent)
        for each in sent:
            self.assertRegex(each["ifMatch"], r'^"\d+"$')
            self.assertRegex(each["key"], UUID)
        self.assertEqual(len({each["key"] for each in sent}), 3)
        # stock and ledger as the page showed them, and as the API says
        self.assertEqual(seen["stockAfter"], 3)
        self.assertEqual(seen["ledger"][0], ["-2", "order_confirmed"])
        self.assertEqual(seen["ledger"][-1], ["+5", "initial"])
        found = self.request("GET", "/products?sku=" + product["sku"],
                             headers=bearer(admin.access)).body["results"]
        self.assertEqual(found[0]["stock"], 3)
        order = self.request("GET", "/orders/" + seen["order"], headers=bearer(admin.access))
        self.assertEqual(order.body["status"], "delivered")
        self.assertEqual([line["sku"] for line in order.body["lines"]], [product["sku"]])
        # the sale in the admin's chart
        self.assertEqual(float(seen["salesToday"]), 25.0)
        self.assertGreaterEqual(float(seen["salesTotal"]), 25.0)
        # the role change, through the API
        me = self.login(staff)
        self.assertEqual(self.request("GET", "/users/me", headers=bearer(me.access)).body["role"],
                         "staff")
        # a reused refresh token signs out with a message saying so
        self.assertEqual(seen["rotated"], 200)
        self.assertIn("Your session has ended", seen["reuseMessage"])
        self.assertLessEqual(seen["phoneOverflow"], 0)
        shots = sorted(os.listdir(ARTIFACTS))
        self.assertEqual(len(shots), 14, shots)
        for name in shots:
            with open(os.path.join(ARTIFACTS, name), "rb") as image:
                self.assertEqual(image.read(8), b"\x89PNG\r\n\x1a\n", name)


if __name__ == "__main__":
    unittest.main()
