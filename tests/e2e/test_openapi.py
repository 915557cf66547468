"""tests/e2e/test_openapi.py - the OpenAPI document makes good clients
(README, "The OpenAPI document and the Postman collection"): it is served
as generated; operations have natural names; every body and answer is a
named component schema, none named like a language built-in; and what the
real server answers - statuses, headers, bodies, error codes - is what the
document says, checked with a small JSON Schema validator (the subset the
document uses) on a real run through every operation.
"""

import json
import os
import re
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer, unique_email

STACK = harness.Stack("openapi")

# Global names of JavaScript/TypeScript, Java, Python and C# that a
# generated type must not take.
BUILTINS = {"Array", "Boolean", "Date", "Error", "Function", "Map", "Number", "Object",
            "Promise", "Record", "RegExp", "Response", "Request", "Set", "String", "Symbol",
            "Exception", "List", "Dict", "Type", "Integer", "Long", "Void", "Any"}

NATURAL_NAMES = {
    ("get", "/orders"): "listOrders",
    ("post", "/orders"): "createOrder",
    ("get", "/orders/{uid}"): "getOrder",
    ("patch", "/orders/{uid}/cancel"): "cancelOrder",
    ("patch", "/orders/{uid}/confirm"): "confirmOrder",
    ("patch", "/orders/{uid}/ship"): "shipOrder",
    ("patch", "/orders/{uid}/deliver"): "deliverOrder",
    ("get", "/reports/summary"): "getSummaryReport",
    ("get", "/reports/sales"): "getSalesReport",
    ("get", "/products"): "listProducts",
    ("post", "/products"): "createProduct",
    ("get", "/products/{uid}"): "getProduct",
    ("patch", "/products/{uid}"): "updateProduct",
    ("delete", "/products/{uid}"): "deleteProduct",
    ("post", "/products/{uid}/stock"): "adjustStock",
    ("get", "/products/{uid}/movements"): "listStockMovements",
    ("post", "/users/register"): "registerUser",
    ("post", "/users/login"): "login",
    ("post", "/users/token/refresh"): "refreshToken",
    ("post", "/users/logout"): "logout",
    ("get", "/users/me"): "getCurrentUser",
    ("get", "/users"): "listUsers",
    ("patch", "/users/{uid}/role"): "setUserRole",
    ("post", "/webhooks"): "createWebhook",
    ("get", "/webhooks"): "listWebhooks",
    ("get", "/webhooks/{uid}"): "getWebhook",
    ("patch", "/webhooks/{uid}"): "updateWebhook",
    ("delete", "/webhooks/{uid}"): "deleteWebhook",
    ("post", "/webhooks/{uid}/rotate-secret"): "rotateWebhookSecret",
    ("get", "/webhooks/{uid}/deliveries"): "listWebhookDeliveries",
    ("post", "/webhooks/{uid}/deliveries/{id}/retry"): "retryWebhookDelivery",
}


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class Validator:
    """Validates a JSON value against a schema of the document: $ref,
    type (one or a list), enum, properties, required,
    additionalProperties: false, items, anyOf, oneOf, allOf, pattern, format
    uuid and date-time, minimum/maximum, minLength/maxLength."""

    UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    KNOWN = {"$ref", "type", "enum", "properties", "required", "additionalProperties", "items",
             "anyOf", "oneOf", "allOf", "pattern", "format", "minimum", "maximum", "minLength",
             "maxLength", "examples", "description", "default", "writeOnly", "x-minBytes",
             "x-maxBytes", "minItems", "maxItems"}

    def __init__(self, document):
        self.document = document

    def resolve(self, schema):
        while "$ref" in schema:
            node = self.document
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    @staticmethod
    def type_of(value):
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            return "integer"
        if isinstance(value, float):
            return "number"
        if isinstance(value, str):
            return "string"
        if isinstance(value, list):
            return "array"
        return "object"

    def errors(self, value, schema, where="$"):
        schema = self.resolve(schema)
        unknown = set(schema) - self.KNOWN
        if unknown:
            return ["%s: the validator does not know %s" % (where, sorted(unknown))]
        if "anyOf" in schema:
            if all(self.errors(value, option, where) for option in schema["anyOf"]):
                return ["%s: %r matches no anyOf option" % (where, value)]
        if "oneOf" in schema:
            matches = [option for option in schema["oneOf"] if not self.errors(value, option, where)]
            if len(matches) != 1:
                return ["%s: %r matches %d oneOf options" % (where, value, len(matches))]
        problems = []
        for part in schema.get("allOf", []):
            problems += self.errors(value, part, where)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            actual = self.type_of(value)
            if actual not in types and not (actual == "integer" and "number" in types):
                return problems + ["%s: %r is %s, not %s" % (where, value, actual, types)]
        if "enum" in schema and value not in schema["enum"]:
            problems.append("%s: %r not in %r" % (where, value, schema["enum"]))
        if isinstance(value, str):
            if "pattern" in schema and not re.search(schema["pattern"], value):
                problems.append("%s: %r does not match %s" % (where, value, schema["pattern"]))
            if schema.get("format") == "uuid" and not self.UUID.match(value):
                problems.append("%s: %r is not a uuid" % (where, value))
            if schema.get("format") == "date-time":
                try:
                    harness.parse_timestamp(value)
                except Exception:  # noqa: BLE001 - any parse failure is the finding
                    problems.append("%s: %r is not a date-time" % (where, value))
        if isinstance(value, dict):
            for key in schema.get("required", []):
                if key not in value:
                    problems.append("%s: %r is required" % (where, key))
            properties = schema.get("properties", {})
            for key, item in value.items():
                if key in properties:
                    problems += self.errors(item, properties[key], "%s.%s" % (where, key))
                elif schema.get("additionalProperties") is False or properties:
                    # every answer is fully described: an undocumented key is a finding
                    if not isinstance(schema.get("additionalProperties"), dict):
                        problems.append("%s: key %r is not documented" % (where, key))
                    else:
                        problems += self.errors(item, schema["additionalProperties"],
                                                "%s.%s" % (where, key))
        if isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                problems += self.errors(item, schema["items"], "%s[%d]" % (where, index))
        return problems


class OpenApiTestCase(ApiTestCase):
    stack = STACK

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        response = harness.request(cls.stack.server.port, "GET", "/api/schema/")
        cls.document = response.body
        cls.validator = Validator(cls.document)

    def operation(self, method, pattern):
        return self.document["paths"][pattern][method.lower()]

    def assertAnswers(self, response, method, pattern):
        """response (of method pattern) is documented: its status, its
        headers and its body."""
        operation = self.operation(method, pattern)
        documented = operation["responses"].get(str(response.status))
        self.assertIsNotNone(documented, "%s %s answered %d, documented: %s"
                             % (method, pattern, response.status, sorted(operation["responses"])))
        documented = self.validator.resolve(documented)
        headers = documented.get("headers", {})
        for name in ("X-Request-ID", "RateLimit-Limit", "RateLimit-Remaining",
                     "RateLimit-Reset", "Retry-After", "Location"):
            if response.headers.get(name) is not None:
                self.assertIn(name, headers, "%s %s %d sends %s: not declared"
                              % (method, pattern, response.status, name))
        schema = documented["content"]["application/json"]["schema"]
        problems = self.validator.errors(response.body, schema)
        self.assertEqual(problems, [], "%s %s %d: %r" % (method, pattern, response.status,
                                                         response.body))
        if response.status >= 400:
            codes = self.validator.resolve({"$ref": "#/components/schemas/ErrorCode"})["enum"]
            self.assertIn(response.body["error"]["code"], codes)
        return response


class DocumentTest(OpenApiTestCase):

    def test_served_document_is_the_generated_one(self):
        with open(os.path.join(harness.ROOT, "generated", "openapi.json")) as f:
            self.assertEqual(self.document, json.load(f))

    def test_operations_have_natural_names(self):
        names = {}
        for pattern, item in self.document["paths"].items():
            for method, operation in item.items():
                names[(method, pattern)] = operation["operationId"]
        self.assertEqual(names, NATURAL_NAMES)

    def test_bodies_and_answers_are_named_components_not_builtins(self):
        schemas = self.document["components"]["schemas"]
        for name in ("Order", "OrderPage", "OrderDetail", "OrderLine", "User", "ApiError",
                     "ErrorCode", "OrderStatus", "UserRole"):
            self.assertIn(name, schemas)
        self.assertEqual(sorted(set(schemas) & BUILTINS), [])
        for pattern, item in self.document["paths"].items():
            for method, operation in item.items():
                bodies = [operation.get("requestBody", {})]
                bodies += [self.validator.resolve(r) for r in operation["responses"].values()]
                for body in bodies:
                    for media in body.get("content", {}).values():
                        self.assertEqual(list(media["schema"]), ["$ref"],
                                         "%s %s: an inline schema" % (method, pattern))

    def test_lists_are_typed_like_details(self):
        schemas = self.document["components"]["schemas"]
        page = schemas["OrderPage"]["properties"]["results"]["items"]
        self.assertEqual(page, {"$ref": "#/components/schemas/Order"})
        lines = schemas["Order"]["properties"]["lines"]
        detail = schemas["OrderDetail"]["properties"]["lines"]
        self.assertEqual(detail["items"], {"$ref": "#/components/schemas/OrderLine"})
        self.assertIn({"items": {"$ref": "#/components/schemas/OrderLine"}, "type": "array"},
                      lines["anyOf"])
        self.assertEqual(schemas["User"]["properties"]["role"],
                         {"$ref": "#/components/schemas/UserRole"})

    def test_no_404_where_the_operation_cannot_answer_one(self):
        for method, pattern in (("post", "/users/register"), ("post", "/users/login"),
                                ("post", "/users/token/refresh"), ("post", "/users/logout"),
                                ("post", "/orders")):
            with self.subTest(operation=self.operation(method, pattern)["operationId"]):
                self.assertNotIn("404", self.operation(method, pattern)["responses"])
        self.assertIn("404", self.operation("get", "/orders/{uid}")["responses"])

    def test_the_order_body_is_one_of_two_shapes(self):
        """CreateOrderRequest says what the runtime accepts: the free-form
        body or catalog items, not both, not neither."""
        schema = {"$ref": "#/components/schemas/CreateOrderRequest"}
        free_form = {"product_name": "Tea", "quantity": 1, "amount": "1.00"}
        catalog = {"items": [{"sku": "A-1", "quantity": 2}]}
        self.assertEqual(self.validator.errors(free_form, schema), [])
        self.assertEqual(self.validator.errors(catalog, schema), [])
        for body in (dict(free_form, **catalog), {}, {"items": [{"sku": "A-1"}]},
                     {"items": [{"sku": "A-1", "quantity": 1, "unit_price": "1.00"}]}):
            with self.subTest(body=body):
                self.assertNotEqual(self.validator.errors(body, schema), [])
        items = self.validator.resolve(schema)["oneOf"][1]["properties"]["items"]
        self.assertEqual((items["minItems"], items["maxItems"]), (1, 50))

    def test_server_license_and_examples(self):
        self.assertTrue(self.document["servers"])
        self.assertTrue(self.document["info"]["license"]["identifier"])
        schemas = self.document["components"]["schemas"]
        self.assertEqual(schemas["Tokens"]["properties"]["message"]["examples"],
                         ["Login successful", "Access token refreshed successfully"])
        conflict = self.operation("post", "/users/login")["responses"]["409"]
        examples = conflict["content"]["application/json"]["examples"]
        self.assertEqual([e["value"]["error"]["message"] for e in examples.values()],
                         ["Invalid email or password"])


class LiveAnswersTest(OpenApiTestCase):
    """Every operation, run for real, answers as documented."""

    def test_every_operation_answers_as_documented(self):
        password = "pw-" + uuid.uuid4().hex[:12]
        email = unique_email("openapi")
        register = self.assertAnswers(self.request("POST", "/users/register", body={
            "name": "Ann", "email": email, "password": password}), "POST", "/users/register")
        login = self.assertAnswers(self.request("POST", "/users/login", body={
            "email": email, "password": password}), "POST", "/users/login")
        auth = bearer(login.body["access"])
        refreshed = self.assertAnswers(self.request("POST", "/users/token/refresh", body={
            "refresh": login.body["refresh"]}), "POST", "/users/token/refresh")
        self.assertAnswers(self.request("GET", "/users/me", headers=auth), "GET", "/users/me")
        created = self.assertAnswers(self.request("POST", "/orders", headers=auth, body={
            "product_name": "Tea", "quantity": 2, "amount": "49.90"}), "POST", "/orders")
        order = created.body["order_id"]
        self.assertAnswers(self.request("GET", "/orders?page_size=5", headers=auth),
                           "GET", "/orders")
        self.assertAnswers(self.request("GET", "/orders/%s" % order, headers=auth),
                           "GET", "/orders/{uid}")
        self.assertAnswers(self.request("PATCH", "/orders/%s/cancel" % order, headers=auth),
                           "PATCH", "/orders/{uid}/cancel")
        self.assertAnswers(self.request("PATCH", "/users/%s/role" % register.body["id"],
                                        headers=auth, body={"role": "staff"}),
                           "PATCH", "/users/{uid}/role")
        self.assertAnswers(self.request("POST", "/users/logout", headers=auth, body={
            "refresh": refreshed.body["refresh"]}), "POST", "/users/logout")
        admin_email = unique_email("openapi-admin")
        self.stack.createadmin(admin_email, "Admin", password)
        admin = self.request("POST", "/users/login", body={"email": admin_email,
                                                          "password": password})
        self.assertAnswers(self.request("PATCH", "/users/%s/role" % register.body["id"],
                                        headers=bearer(admin.body["access"]),
                                        body={"role": "staff"}),
                           "PATCH", "/users/{uid}/role")

    def test_every_products_operation_answers_as_documented(self):
        password = "admin-password"
        admin_email = unique_email("openapi-products")
        self.stack.createadmin(admin_email, "Admin", password)
        auth = bearer(self.request("POST", "/users/login", body={
            "email": admin_email, "password": password}).body["access"])
        created = self.assertAnswers(self.request("POST", "/products", headers=auth, body={
            "sku": "OA-" + uuid.uuid4().hex[:8], "name": "Mug", "price": "3.50", "stock": 2}),
            "POST", "/products")
        self.assertIsNotNone(created.headers.get("Location"))
        path = "/products/%s" % created.body["uid"]
        self.assertAnswers(self.request("GET", "/products?low_stock=true", headers=auth),
                           "GET", "/products")
        self.assertAnswers(self.request("GET", path, headers=auth), "GET", "/products/{uid}")
        cleared = self.assertAnswers(self.request("PATCH", path, headers=auth,
                                                  body={"description": None}),
                                     "PATCH", "/products/{uid}")
        self.assertIsNone(cleared.body["description"])
        self.assertAnswers(self.request("POST", path + "/stock", headers=auth,
                                        body={"delta": -1}), "POST", "/products/{uid}/stock")
        self.assertAnswers(self.request("POST", path + "/stock", headers=auth,
                                        body={"delta": -5}), "POST", "/products/{uid}/stock")
        self.assertAnswers(self.request("GET", path + "/movements", headers=auth),
                           "GET", "/products/{uid}/movements")
        self.assertAnswers(self.request("DELETE", path, headers=auth),
                           "DELETE", "/products/{uid}")
        self.assertAnswers(self.request("GET", path, headers=auth), "GET", "/products/{uid}")

    def test_every_erp_operation_answers_as_documented(self):
        password = "admin-password"
        admin_email = unique_email("openapi-erp")
        self.stack.createadmin(admin_email, "Admin", password)
        auth = bearer(self.request("POST", "/users/login", body={
            "email": admin_email, "password": password}).body["access"])
        sku = "OE-" + uuid.uuid4().hex[:8]
        self.assertStatus(self.request("POST", "/products", headers=auth, body={
            "sku": sku, "name": "Mug", "price": "3.50", "stock": 1}), 201)
        orders = []
        for _ in range(3):
            created = self.request("POST", "/orders", headers=auth, body={
                "product_name": "Tea", "quantity": 1, "amount": "1.00"})
            self.assertStatus(created, 201)
            orders.append(created.body["order_id"])
        # the third: a catalog order of 2 units of a product with one
        catalog = self.assertAnswers(self.request("POST", "/orders", headers=auth, body={
            "items": [{"sku": sku, "quantity": 2}]}), "POST", "/orders")
        orders[2] = catalog.body["order_id"]
        nested = self.assertAnswers(self.request("POST", "/orders", headers=auth, body={
            "items": [{"sku": sku, "quantity": 2}, {"sku": sku, "quantity": 0}]}),
            "POST", "/orders")
        self.assertEqual(nested.body["error"]["fields"], {"items": [{}, {"quantity": [
            "Ensure this value is greater than or equal to 1."]}]})
        self.assertAnswers(self.request("POST", "/orders", headers=auth, body={
            "items": [{"sku": "NO-" + sku, "quantity": 1}]}), "POST", "/orders")
        path = "/orders/%s" % orders[0]
        for action in ("confirm", "ship", "deliver", "deliver"):  # the last one: 409
            self.assertAnswers(self.request("PATCH", "%s/%s" % (path, action), headers=auth),
                               "PATCH", "/orders/{uid}/%s" % action)
        self.assertAnswers(self.request("PATCH", "/orders/%s/cancel" % orders[1], headers=auth,
                                        body={"reason": "no longer needed"}),
                           "PATCH", "/orders/{uid}/cancel")
        self.assertAnswers(self.request("GET", "/orders/%s" % orders[1], headers=auth),
                           "GET", "/orders/{uid}")
        short = self.assertAnswers(self.request("PATCH", "/orders/%s/confirm" % orders[2],
                                                headers=auth), "PATCH", "/orders/{uid}/confirm")
        self.assertEqual(short.body["error"]["code"], "insufficient_stock")
        self.assertAnswers(self.request("GET", "/reports/summary", headers=auth),
                           "GET", "/reports/summary")
        for query in ("from=2026-01-01&to=2026-12-31", "from=2026-01-01&to=2026-12-31"
                      "&group_by=product", "from=2026-02-01&to=2026-01-01"):
            self.assertAnswers(self.request("GET", "/reports/sales?" + query, headers=auth),
                               "GET", "/reports/sales")

    def test_errors_answer_as_documented(self):
        user = self.register()
        auth = bearer(self.login(user).access)
        cases = [
            ("POST", "/users/register", {"raw": b"{"}),                       # parse_error
            ("POST", "/users/register", {"body": {"name": ""}}),              # validation_error
            ("POST", "/users/register", {"body": {"name": "A", "email": user.email,
                                                  "password": "password1"}}),  # conflict
            ("POST", "/users/login", {"body": {"email": user.email, "password": "nope"}}),
            ("POST", "/users/token/refresh", {"body": {"refresh": "x.y.z"}}),  # token_not_valid
            ("GET", "/users/me", {}),                                          # not_authenticated
            ("GET", "/orders/%s" % uuid.uuid4(), {"headers": auth}),           # not_found
            ("GET", "/orders?page=99", {"headers": auth}),                     # page out of range
            ("PATCH", "/users/%s/role" % user.id, {"headers": auth,
                                                  "body": {"role": "admin"}}),  # 403
            ("POST", "/orders", {"headers": dict(auth, **{"Content-Type": "text/plain"}),
                                 "raw": b"x"}),                                # 415
        ]
        for method, path, options in cases:
            pattern = re.sub(r"/[0-9a-f-]{36}", "/{uid}", path.split("?")[0])
            with self.subTest(method=method, path=path):
                self.assertAnswers(self.request(method, path, **options), method, pattern)

    def test_password_length_is_stated_in_bytes(self):
        schema = self.validator.resolve(
            self.operation("post", "/users/register")["requestBody"]["content"]
            ["application/json"]["schema"])["properties"]["password"]
        self.assertEqual((schema["x-minBytes"], schema["x-maxBytes"]), (8, 72))
        self.assertEqual(schema["maxLength"], 72)
        # 40 two-byte characters: within maxLength in characters, over 72 bytes
        response = self.request("POST", "/users/register", body={
            "name": "Ann", "email": unique_email(), "password": "\u00e9" * 40})
        self.assertError(response, 400, fields=("password",))


if __name__ == "__main__":
    unittest.main()
