"""tests/e2e/test_users.py - the accounts contract (README, "The API").

Register, login, token refresh with rotation and reuse detection, logout,
me, role changes by an admin and `orderd createadmin`: exact keys,
messages and statuses, the one error shape everywhere, and tokens that
must be refused (tampered, alg none, HS512, expired, wrong type).
"""

import datetime
import json
import time
import unittest
import uuid

import harness
from harness import ApiTestCase, bearer, jwt_parts, jwt_sign, unique_email

STACK = harness.Stack("users")


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


class UsersTestCase(ApiTestCase):
    stack = STACK

    def post_register(self, body=None, **kwargs):
        return self.request("POST", "/users/register", body=body, **kwargs)

    def valid_registration(self, **changes):
        body = {"name": "Ada Lovelace", "email": unique_email(), "password": "correct horse"}
        body.update(changes)
        return body


class RegisterTest(UsersTestCase):

    def test_register_returns_201_with_id_and_message(self):
        response = self.post_register(self.valid_registration())
        self.assertStatus(response, 201)
        self.assertKeys(response.body, ["id", "message"])
        self.assertEqual(response.body["message"], "User registered")
        self.assertRegex(response.body["id"], harness.UUID_RE)

    def test_each_registration_gets_its_own_id(self):
        first = self.post_register(self.valid_registration())
        second = self.post_register(self.valid_registration())
        self.assertStatus(first, 201)
        self.assertStatus(second, 201)
        self.assertNotEqual(first.body["id"], second.body["id"])

    def test_content_type_with_charset_is_json(self):
        response = self.post_register(self.valid_registration(),
                                      content_type="application/json; charset=utf-8")
        self.assertStatus(response, 201)

    def test_missing_fields_are_400_naming_the_field(self):
        for missing in ("name", "email", "password"):
            with self.subTest(missing=missing):
                body = self.valid_registration()
                del body[missing]
                self.assertError(self.post_register(body), 400, fields=[missing])

    def test_all_missing_fields_are_named_at_once(self):
        error = self.assertError(self.post_register({}), 400, fields=["name", "email", "password"])
        self.assertEqual(set(error["fields"]), {"name", "email", "password"})

    def test_invalid_email_is_400(self):
        for email in ("not-an-email", "missing-domain@", "@missing-local.org",
                      "two@@example.com", "spaces in@example.com", ""):
            with self.subTest(email=email):
                response = self.post_register(self.valid_registration(email=email))
                self.assertError(response, 400, fields=["email"])

    def test_password_length_counts_bytes_8_to_72(self):
        cases = [
            ("x" * 7, 400),
            ("x" * 8, 201),
            ("x" * 72, 201),
            ("x" * 73, 400),
            ("\u00e9" * 36, 201),   # 36 characters, 72 bytes
            ("\u00e9" * 37, 400),   # 37 characters, 74 bytes
            ("\u00e9" * 70, 400),   # 70 characters, 140 bytes
        ]
        for password, status in cases:
            with self.subTest(characters=len(password), status=status):
                response = self.post_register(self.valid_registration(password=password))
                if status == 201:
                    self.assertStatus(response, 201)
                else:
                    self.assertError(response, 400, fields=["password"])

    def test_name_length_counts_characters_1_to_150(self):
        cases = [("", 400), ("n" * 150, 201), ("n" * 151, 400),
                 ("\u00e9" * 150, 201), ("\u00e9" * 151, 400)]
        for name, status in cases:
            with self.subTest(characters=len(name), status=status):
                response = self.post_register(self.valid_registration(name=name))
                if status == 201:
                    self.assertStatus(response, 201)
                else:
                    self.assertError(response, 400, fields=["name"])

    def test_wrong_json_types_are_400(self):
        cases = [("name", 123), ("name", None), ("name", ["Ada"]), ("name", {"first": "Ada"}),
                 ("name", True), ("email", 42), ("email", ["a@example.com"]),
                 ("password", 12345678), ("password", True), ("password", None)]
        for field, value in cases:
            with self.subTest(field=field, value=value):
                response = self.post_register(self.valid_registration(**{field: value}))
                self.assertError(response, 400, fields=[field])

    def test_unknown_field_is_rejected_by_name(self):
        response = self.post_register(self.valid_registration(nickname="ada"))
        self.assertError(response, 400, fields=["nickname"])

    def test_malformed_json_is_400(self):
        for raw in (b'{"name": "Ada",', b"{name: 'Ada'}", b'{"name": "Ada"} trailing',
                    b"nul", b'{"name": "\\x41"}'):
            with self.subTest(raw=raw):
                self.assertError(self.post_register(raw=raw), 400)

    def test_empty_body_is_400(self):
        self.assertError(self.post_register(raw=b""), 400)

    def test_body_that_is_not_an_object_is_400(self):
        for body in ([], [self.valid_registration()], "text", 42, None):
            with self.subTest(body=body):
                self.assertError(self.post_register(raw=json.dumps(body).encode()), 400)

    def test_invalid_utf8_in_a_string_is_400(self):
        body = self.valid_registration()
        raw = json.dumps(body).encode().replace(b'"Ada Lovelace"', b'"Ada \xff\xfe Lovelace"')
        self.assertIn(b"\xff", raw)
        # the field holding the bad character is named, as any bad value is
        self.assertError(self.post_register(raw=raw), 400, code="validation_error",
                         fields=["name"])

    def test_nul_character_in_a_string_is_400(self):
        raw = json.dumps(self.valid_registration(name="Ada\u0000Lovelace")).encode()
        self.assertIn(b"Ada\\u0000Lovelace", raw)  # the JSON escape, not a raw NUL
        self.assertError(self.post_register(raw=raw), 400, code="validation_error",
                         fields=["name"])

    def test_control_character_in_a_string_names_the_field(self):
        raw = json.dumps(self.valid_registration()).encode().replace(b"@", b"\x01@", 1)
        self.assertIn(b"\x01", raw)
        self.assertError(self.post_register(raw=raw), 400, code="validation_error",
                         fields=["email"])

    def test_broken_json_structure_is_still_a_parse_error(self):
        for raw in (b'{"name": "Ada', b'{"name": "Ada" "email": "x"}', b'{"na\xffme": "Ada"}'):
            with self.subTest(raw=raw):
                self.assertError(self.post_register(raw=raw), 400, code="parse_error")

    def test_duplicate_email_is_409(self):
        body = self.valid_registration()
        self.assertStatus(self.post_register(body), 201)
        again = self.post_register(dict(body, name="Someone Else", password="another pw"))
        self.assertError(again, 409, message="Email already registered")

    def test_duplicate_email_differing_only_in_case_is_409(self):
        body = self.valid_registration(email=unique_email("MixedCase"))
        self.assertStatus(self.post_register(body), 201)
        self.assertError(self.post_register(dict(body, email=body["email"].upper())), 409)
        self.assertError(self.post_register(dict(body, email=body["email"].lower())), 409)

    def test_non_json_content_type_is_415(self):
        raw = json.dumps(self.valid_registration()).encode()
        for content_type in ("text/plain", "application/x-www-form-urlencoded",
                             "multipart/form-data; boundary=x"):
            with self.subTest(content_type=content_type):
                response = self.post_register(raw=raw, content_type=content_type)
                self.assertError(response, 415)

    def test_three_mebibyte_body_is_413(self):
        body = self.valid_registration(name="n" * (3 * 1024 * 1024))
        response = self.post_register(body)
        self.assertError(response, 413)
        # the server is still fine afterwards
        self.assertStatus(self.post_register(self.valid_registration()), 201)


class LoginTest(UsersTestCase):

    def test_registration_and_login_are_logged_with_the_user(self):
        user = self.new_user()

        def logged(event):
            return [record for record in self.server.log_events(event)
                    if record.get("user") == user.id] or None
        harness.wait_until(lambda: logged("user_registered"), 5, message="user_registered line")
        harness.wait_until(lambda: logged("user_logged_in"), 5, message="user_logged_in line")
        for line in self.server.log_text().splitlines():
            self.assertNotIn(user.password, line, "a password reached the log")

    def test_login_returns_message_and_tokens(self):
        user = self.register()
        response = self.request("POST", "/users/login",
                                body={"email": user.email, "password": user.password})
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["message", "access", "refresh"])
        self.assertEqual(response.body["message"], "Login successful")
        self.assertEqual(jwt_parts(response.body["access"])[1]["token_type"], "access")
        self.assertEqual(jwt_parts(response.body["refresh"])[1]["token_type"], "refresh")

    def test_email_is_matched_without_regard_to_case(self):
        user = self.register(email=unique_email("Case"))
        response = self.request("POST", "/users/login",
                                body={"email": user.email.upper(), "password": user.password})
        self.assertStatus(response, 200)

    def test_wrong_password_and_unknown_email_answer_alike(self):
        user = self.register()
        wrong_password = self.request("POST", "/users/login",
                                      body={"email": user.email, "password": "not the password"})
        unknown_email = self.request("POST", "/users/login",
                                     body={"email": unique_email("nobody"),
                                           "password": "not the password"})
        self.assertError(wrong_password, 409)
        self.assertError(unknown_email, 409)
        self.assertEqual(wrong_password.body, unknown_email.body)

    def test_bad_input_is_400(self):
        user = self.register()
        cases = [
            ({"password": user.password}, "email"),
            ({"email": user.email}, "password"),
            ({"email": "not-an-email", "password": user.password}, "email"),
            ({"email": user.email, "password": ""}, "password"),
            ({"email": user.email, "password": 12345678}, "password"),
            ({"email": 7, "password": user.password}, "email"),
            ({"email": user.email, "password": user.password, "remember": True}, "remember"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                response = self.request("POST", "/users/login", body=body)
                self.assertError(response, 400, fields=[field])
        self.assertError(self.request("POST", "/users/login", raw=b"{"), 400)
        self.assertError(self.request("POST", "/users/login", raw=b"[]"), 400)

    def test_each_login_issues_different_tokens(self):
        user = self.register()
        first = self.request("POST", "/users/login",
                             body={"email": user.email, "password": user.password}).body
        second = self.request("POST", "/users/login",
                              body={"email": user.email, "password": user.password}).body
        self.assertNotEqual(first["refresh"], second["refresh"])
        self.assertNotEqual(jwt_parts(first["refresh"])[1]["jti"],
                            jwt_parts(second["refresh"])[1]["jti"])


class TokenClaimsTest(UsersTestCase):

    def test_claims_use_simplejwt_names(self):
        user = self.new_user()
        now = time.time()
        for token, token_type, lifetime in ((user.access, "access", 900),
                                            (user.refresh, "refresh", 604800)):
            with self.subTest(token_type=token_type):
                header, claims, _ = jwt_parts(token)
                self.assertEqual(header["alg"], "HS256")
                self.assertEqual(claims["token_type"], token_type)
                self.assertEqual(claims["user_id"], user.id)
                self.assertIsInstance(claims["jti"], str)
                self.assertTrue(claims["jti"])
                self.assertIsInstance(claims["iat"], int)
                self.assertIsInstance(claims["exp"], int)
                self.assertEqual(claims["exp"] - claims["iat"], lifetime)
                self.assertLess(abs(claims["iat"] - now), 60)

    def test_access_token_carries_the_role(self):
        user = self.new_user()
        self.assertEqual(jwt_parts(user.access)[1]["role"], "customer")


class RefreshTest(UsersTestCase):

    def refresh(self, token):
        return self.request("POST", "/users/token/refresh", body={"refresh": token})

    def assertRefused(self, response):
        self.assertError(response, 401, code="token_not_valid")

    def test_refresh_returns_new_tokens_and_message(self):
        user = self.new_user()
        response = self.refresh(user.refresh)
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["access", "refresh", "message"])
        self.assertEqual(response.body["message"], "Access token refreshed successfully")
        self.assertNotEqual(response.body["refresh"], user.refresh)
        claims = jwt_parts(response.body["access"])[1]
        self.assertEqual(claims["token_type"], "access")
        self.assertEqual(claims["user_id"], user.id)
        me = self.request("GET", "/users/me", headers=bearer(response.body["access"]))
        self.assertStatus(me, 200)

    def test_reusing_a_refresh_token_revokes_its_family(self):
        user = self.new_user()
        rotated = self.refresh(user.refresh)
        self.assertStatus(rotated, 200)
        self.assertRefused(self.refresh(user.refresh))            # reuse
        self.assertRefused(self.refresh(rotated.body["refresh"]))  # the family is gone
        # another session of the same user is another family, untouched
        other_session = self.login(harness.User(user.id, user.name, user.email, user.password))
        self.assertStatus(self.refresh(other_session.refresh), 200)

    def test_a_chain_of_refreshes_works(self):
        user = self.new_user()
        token = user.refresh
        for _ in range(3):
            response = self.refresh(token)
            self.assertStatus(response, 200)
            token = response.body["refresh"]

    def test_access_token_offered_as_refresh_is_401(self):
        user = self.new_user()
        self.assertRefused(self.refresh(user.access))

    def test_tampered_signature_is_401(self):
        user = self.new_user()
        head, payload, signature = user.refresh.split(".")
        middle = len(signature) // 2
        flipped = "A" if signature[middle] != "A" else "B"
        tampered = "%s.%s.%s" % (head, payload, signature[:middle] + flipped + signature[middle + 1:])
        self.assertRefused(self.refresh(tampered))
        self.assertStatus(self.refresh(user.refresh), 200)  # the real one still works

    def test_tampered_payload_is_401(self):
        user = self.new_user()
        head, _, signature = user.refresh.split(".")
        claims = jwt_parts(user.refresh)[1]
        claims["role"] = "admin"
        forged = "%s.%s.%s" % (head, harness.b64url_encode(json.dumps(claims).encode()), signature)
        self.assertRefused(self.refresh(forged))

    def test_alg_none_token_is_401(self):
        user = self.new_user()
        claims = jwt_parts(user.refresh)[1]
        forged = jwt_sign({"typ": "JWT"}, claims, "", alg="none")
        self.assertRefused(self.refresh(forged))
        self.assertRefused(self.refresh(forged[:-1]))  # without the final dot

    def test_hs512_token_with_the_server_secret_is_401(self):
        user = self.new_user()
        claims = jwt_parts(user.refresh)[1]
        hs512 = jwt_sign({"typ": "JWT"}, claims, STACK.jwt_secret, alg="HS512")
        self.assertRefused(self.refresh(hs512))
        # control: the same claims signed HS256 with that secret are accepted,
        # so the refusal above is about the algorithm
        hs256 = jwt_sign({"typ": "JWT"}, claims, STACK.jwt_secret, alg="HS256")
        self.assertStatus(self.refresh(hs256), 200)

    def test_token_signed_with_another_secret_is_401(self):
        user = self.new_user()
        claims = jwt_parts(user.refresh)[1]
        forged = jwt_sign({"typ": "JWT"}, claims, "not-the-server-secret")
        self.assertRefused(self.refresh(forged))

    def test_garbage_is_401(self):
        for token in ("garbage", "a.b.c", "...", "e30.e30.", "x" * 4096):
            with self.subTest(token=token[:20]):
                self.assertRefused(self.refresh(token))

    def test_bad_input_is_400(self):
        for body in ({}, {"refresh": ""}, {"refresh": 42}, {"refresh": None},
                     {"refresh": "x", "access": "y"}, {"refresh": "x" * 4097}):
            with self.subTest(body=str(body)[:40]):
                self.assertError(self.request("POST", "/users/token/refresh", body=body), 400)


class ExpiryTest(UsersTestCase):
    """A server whose tokens live one second."""
    server_env = {"JWT_ACCESS_TTL_SECONDS": "1", "JWT_REFRESH_TTL_SECONDS": "1"}

    def test_expired_tokens_are_401(self):
        user = self.new_user()
        for token in (user.access, user.refresh):
            claims = jwt_parts(token)[1]
            self.assertEqual(claims["exp"] - claims["iat"], 1)
        time.sleep(2.2)
        me = self.request("GET", "/users/me", headers=bearer(user.access))
        self.assertError(me, 401)
        refresh = self.request("POST", "/users/token/refresh", body={"refresh": user.refresh})
        self.assertError(refresh, 401, code="token_not_valid")


class LogoutTest(UsersTestCase):

    def logout(self, user, token=None, headers=None):
        return self.request("POST", "/users/logout",
                            headers=bearer(user.access) if headers is None else headers,
                            body={"refresh": token or user.refresh})

    def test_logout_revokes_the_refresh_token(self):
        user = self.new_user()
        response = self.logout(user)
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["message"])
        self.assertEqual(response.body["message"], "Logged out")
        refused = self.request("POST", "/users/token/refresh", body={"refresh": user.refresh})
        self.assertError(refused, 401)

    def test_logout_revokes_the_whole_family(self):
        user = self.new_user()
        first = user.refresh
        rotated = self.request("POST", "/users/token/refresh", body={"refresh": first})
        self.assertStatus(rotated, 200)
        self.assertStatus(self.logout(user, token=rotated.body["refresh"]), 200)
        refused = self.request("POST", "/users/token/refresh",
                               body={"refresh": rotated.body["refresh"]})
        self.assertError(refused, 401)

    def test_logout_without_a_token_is_401(self):
        user = self.new_user()
        self.assertError(self.logout(user, headers={}), 401)
        self.assertError(self.logout(user, headers={"Authorization": "Bearer nonsense"}), 401)
        # nothing was revoked
        still = self.request("POST", "/users/token/refresh", body={"refresh": user.refresh})
        self.assertStatus(still, 200)

    def test_logout_with_bad_input_is_400(self):
        user = self.new_user()
        response = self.request("POST", "/users/logout", headers=bearer(user.access), body={})
        self.assertError(response, 400, fields=["refresh"])

    def test_logout_with_another_users_token_does_not_revoke_it(self):
        alice = self.new_user()
        bob = self.new_user()
        response = self.logout(alice, token=bob.refresh)
        self.assertLess(response.status, 500, response)
        still = self.request("POST", "/users/token/refresh", body={"refresh": bob.refresh})
        self.assertStatus(still, 200)


class MeTest(UsersTestCase):

    def test_me_describes_the_signed_in_user(self):
        name = "Grace Hopper"
        before = datetime.datetime.now(datetime.timezone.utc)
        user = self.new_user(name=name, email=unique_email("grace"))
        response = self.request("GET", "/users/me", headers=bearer(user.access))
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["id", "name", "email", "role", "created_at"])
        self.assertEqual(response.body["id"], user.id)
        self.assertEqual(response.body["name"], name)
        self.assertEqual(response.body["email"], user.email)
        self.assertEqual(response.body["role"], "customer")
        created = harness.parse_timestamp(response.body["created_at"])
        self.assertLess(abs((created - before).total_seconds()), 120)

    def test_me_keeps_non_ascii_names(self):
        name = "Zo\u00eb \u6f22\u5b57 \U0001f600"
        user = self.new_user(name=name)
        response = self.request("GET", "/users/me", headers=bearer(user.access))
        self.assertStatus(response, 200)
        self.assertEqual(response.body["name"], name)

    def test_me_without_a_valid_access_token_is_401(self):
        user = self.new_user()
        expired_claims = dict(jwt_parts(user.access)[1], iat=int(time.time()) - 1000,
                              exp=int(time.time()) - 100)
        cases = {
            "no header": {},
            "garbage": {"Authorization": "Bearer garbage"},
            "empty bearer": {"Authorization": "Bearer "},
            "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
            "token without scheme": {"Authorization": user.access},
            "refresh token": bearer(user.refresh),
            "expired (signed by the server's key)":
                bearer(jwt_sign({"typ": "JWT"}, expired_claims, STACK.jwt_secret)),
            "hs512": bearer(jwt_sign({"typ": "JWT"}, jwt_parts(user.access)[1],
                                     STACK.jwt_secret, alg="HS512")),
            "alg none": bearer(jwt_sign({"typ": "JWT"}, jwt_parts(user.access)[1], "",
                                        alg="none")),
        }
        for label, headers in cases.items():
            with self.subTest(case=label):
                self.assertError(self.request("GET", "/users/me", headers=headers), 401)
        # control: the genuine token works
        self.assertStatus(self.request("GET", "/users/me", headers=bearer(user.access)), 200)


class RoleTest(UsersTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = None

    def setUp(self):
        if RoleTest.admin is None:
            RoleTest.admin = self.make_admin()

    def patch_role(self, uid, body, token):
        return self.request("PATCH", "/users/%s/role" % uid, body=body,
                            headers=bearer(token) if token else {})

    def test_createadmin_makes_an_admin(self):
        me = self.request("GET", "/users/me", headers=bearer(self.admin.access))
        self.assertStatus(me, 200)
        self.assertEqual(me.body["role"], "admin")
        self.assertEqual(me.body["email"], self.admin.email)
        self.assertEqual(jwt_parts(self.admin.access)[1]["role"], "admin")

    def test_admin_changes_a_role_and_the_next_refresh_carries_it(self):
        user = self.new_user()
        response = self.patch_role(user.id, {"role": "staff"}, self.admin.access)
        self.assertStatus(response, 200)
        self.assertKeys(response.body, ["id", "name", "email", "role", "created_at"])
        self.assertEqual(response.body["id"], user.id)
        self.assertEqual(response.body["email"], user.email)
        self.assertEqual(response.body["role"], "staff")
        refreshed = self.request("POST", "/users/token/refresh", body={"refresh": user.refresh})
        self.assertStatus(refreshed, 200)
        self.assertEqual(jwt_parts(refreshed.body["access"])[1]["role"], "staff")
        me = self.request("GET", "/users/me", headers=bearer(refreshed.body["access"]))
        self.assertEqual(me.body["role"], "staff")

    def test_trailing_slash_works_for_patch(self):
        user = self.new_user()
        response = self.request("PATCH", "/users/%s/role/" % user.id, body={"role": "admin"},
                                headers=bearer(self.admin.access))
        self.assertStatus(response, 200)
        self.assertEqual(response.body["role"], "admin")

    def test_customer_and_staff_are_403(self):
        customer = self.new_user()
        target = self.new_user()
        self.assertError(self.patch_role(target.id, {"role": "staff"}, customer.access), 403)
        self.assertError(self.patch_role(customer.id, {"role": "admin"}, customer.access), 403)
        staff = self.new_user()
        self.assertStatus(self.patch_role(staff.id, {"role": "staff"}, self.admin.access), 200)
        staff = self.login(staff)  # a token with the new role
        self.assertEqual(jwt_parts(staff.access)[1]["role"], "staff")
        self.assertError(self.patch_role(target.id, {"role": "admin"}, staff.access), 403)
        me = self.request("GET", "/users/me", headers=bearer(target.access))
        self.assertEqual(me.body["role"], "customer")

    def test_without_a_token_is_401(self):
        user = self.new_user()
        self.assertError(self.patch_role(user.id, {"role": "staff"}, None), 401)

    def test_unknown_uid_is_404(self):
        self.assertError(self.patch_role(str(uuid.uuid4()), {"role": "staff"},
                                         self.admin.access), 404)

    def test_non_uuid_uid_is_404(self):
        for uid in ("not-a-uuid", "12345", "%s-extra" % uuid.uuid4()):
            with self.subTest(uid=uid):
                self.assertError(self.patch_role(uid, {"role": "staff"}, self.admin.access), 404)

    def test_bad_role_is_400(self):
        user = self.new_user()
        for body in ({"role": "superuser"}, {"role": "ADMIN"}, {"role": ""}, {"role": 1},
                     {"role": None}, {}, {"role": "staff", "extra": 1}):
            with self.subTest(body=body):
                response = self.patch_role(user.id, body, self.admin.access)
                self.assertError(response, 400)
        me = self.request("GET", "/users/me", headers=bearer(user.access))
        self.assertEqual(me.body["role"], "customer")

    def test_createadmin_with_an_existing_email_fails_cleanly(self):
        user = self.register()
        done = STACK.createadmin(user.email, "Impostor", "impostor-password")
        output = done.stdout + done.stderr
        self.assertGreater(done.returncode, 0, "expected a non-zero exit, got %d: %s"
                           % (done.returncode, output))
        self.assertTrue(output.strip(), "createadmin failed without a message")
        self.assertNotIn("Sanitizer", output)
        # the existing account is unchanged
        self.login(user)
        me = self.request("GET", "/users/me", headers=bearer(user.access))
        self.assertEqual(me.body["role"], "customer")
        self.assertEqual(me.body["name"], user.name)

    def test_createadmin_reads_the_password_from_standard_input(self):
        email = unique_email("stdin-admin")
        done = STACK.orderd(["createadmin", "--email", email, "--name", "Stdin Admin"],
                            {"ADMIN_PASSWORD": None}, input="stdin-password-1\n")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        admin = self.login(harness.User(None, "Stdin Admin", email, "stdin-password-1"))
        self.assertEqual(jwt_parts(admin.access)[1]["role"], "admin")

    def test_createadmin_without_a_password_fails(self):
        email = unique_email("no-password")
        done = STACK.orderd(["createadmin", "--email", email, "--name", "Nobody"],
                            {"ADMIN_PASSWORD": None}, input="")
        self.assertGreater(done.returncode, 0, done.stdout + done.stderr)
        response = self.request("POST", "/users/login", body={"email": email, "password": "x"})
        self.assertError(response, 409)



class ListUsersTest(UsersTestCase):
    """GET /users: admins find a user (by email, by role) to change a role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = None

    def setUp(self):
        if ListUsersTest.admin is None:
            ListUsersTest.admin = self.make_admin()

    def list_users(self, query, token):
        return self.request("GET", "/users" + query, headers=bearer(token))

    def test_admin_finds_a_user_by_part_of_the_email_and_by_role(self):
        tag = uuid.uuid4().hex[:10]
        ann = self.register(email="ann-%s@example.com" % tag)
        bob = self.register(email="bob-%s@example.com" % tag)
        self.assertStatus(self.request("PATCH", "/users/%s/role" % bob.id, body={"role": "staff"},
                                       headers=bearer(self.admin.access)), 200)
        found = self.list_users("?email=%s" % tag.upper(), self.admin.access)
        self.assertStatus(found, 200)
        self.assertKeys(found.body, ["count", "count_is_estimate", "next", "previous", "results"])
        self.assertEqual(found.body["count"], 2)
        self.assertEqual([u["email"] for u in found.body["results"]], [ann.email, bob.email])
        self.assertKeys(found.body["results"][0], ["id", "name", "email", "role", "created_at"])
        staff = self.list_users("?email=%s&role=staff" % tag, self.admin.access)
        self.assertEqual([u["id"] for u in staff.body["results"]], [bob.id])
        newest = self.list_users("?email=%s&ordering=-email&page_size=1" % tag, self.admin.access)
        self.assertEqual([u["email"] for u in newest.body["results"]], [bob.email])
        self.assertIsNotNone(newest.body["next"])

    def test_customers_and_staff_are_403_and_anonymous_401(self):
        customer = self.new_user()
        staff = self.new_user()
        self.assertStatus(self.request("PATCH", "/users/%s/role" % staff.id,
                                       body={"role": "staff"},
                                       headers=bearer(self.admin.access)), 200)
        self.assertError(self.list_users("", customer.access), 403)
        self.assertError(self.list_users("", staff.access), 403)
        self.assertError(self.request("GET", "/users"), 401)

    def test_bad_filters_are_400_naming_them(self):
        self.assertError(self.list_users("?role=boss", self.admin.access), 400, fields=["role"])
        self.assertError(self.list_users("?ordering=password_hash", self.admin.access), 400,
                         fields=["ordering"])


if __name__ == "__main__":
    unittest.main()
