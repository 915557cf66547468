"""tests/e2e/test_tokens.py - token hardening (issue #6; README, Operations,
Tokens).

- Refresh rotation under races: two refreshes of one token at once, and a
  refresh racing a logout, repeated for many rounds (threads released by a
  barrier on connections opened beforehand): whatever the interleaving a
  token is consumed once, a second presentation revokes the whole family
  (tokens issued concurrently included), and nothing issued before or
  during a logout that answered 200 stays usable.
- Tokens whose subject is not a live user (user_id not a uuid, an unknown
  user, a soft-deleted user) are 401 token_not_valid on every endpoint
  with auth, exactly like an invalid token; the role comes from the
  database at each request.
- Exact token checks: alg spelled "hs256", nbf in the future, a refresh
  token whose user_id is not its jti's owner, logout with someone else's
  refresh token.

Tokens are forged with the test server's JWT_SECRET (hmac + hashlib).
"""

import hashlib
import hmac
import http.client
import json
import threading
import time
import unittest
import uuid

import harness
from harness import ApiTestCase, b64url_encode, bearer, jwt_parts

STACK = harness.Stack("tokens")

# Enough rounds to catch a window open in 10 % of them (0.9^60 < 0.2 %).
RACE_ROUNDS = 60
# Bound on one race round (both requests); the whole race test is bounded
# by RACE_ROUNDS times this.
ROUND_TIMEOUT = 20.0

NOT_VALID = "Given token not valid for any token type"
REFRESH_NOT_VALID = "Token is invalid or expired"


def setUpModule():
    STACK.setup()


def tearDownModule():
    STACK.teardown()


def sign(header, payload, secret=None):
    """A token with exactly this header and payload, signed HMAC-SHA256 with
    the server's secret whatever the header's alg says."""
    secret = STACK.jwt_secret if secret is None else secret
    signing_input = (b64url_encode(json.dumps(header, separators=(",", ":")).encode())
                     + "." + b64url_encode(json.dumps(payload, separators=(",", ":")).encode()))
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url_encode(signature)


def access_claims(user_id, role="customer", **changes):
    now = int(time.time())
    claims = {"token_type": "access", "user_id": user_id, "role": role,
              "jti": str(uuid.uuid4()), "iat": now, "exp": now + 900}
    claims.update(changes)
    return claims


def raced(port, requests, delays=None):
    """Sends the requests (method, path, body, headers) at once: each on a
    connection opened beforehand, its thread released by a barrier, then
    waiting its delay (seconds, default none) to shift where the requests
    overlap. Returns a list of (status, parsed body) in the same order."""
    delays = delays or [0.0] * len(requests)
    barrier = threading.Barrier(len(requests), timeout=ROUND_TIMEOUT)
    results = [None] * len(requests)

    def send(index, method, path, body, headers):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=ROUND_TIMEOUT)
        try:
            connection.connect()
            payload = json.dumps(body).encode()
            all_headers = {"Content-Type": "application/json",
                           "Content-Length": str(len(payload))}
            all_headers.update(headers or {})
            barrier.wait()
            if delays[index] > 0:  # spin: sleep() is too coarse here
                until = time.perf_counter() + delays[index]
                while time.perf_counter() < until:
                    pass
            connection.request(method, path, body=payload, headers=all_headers)
            answer = connection.getresponse()
            data = answer.read()
            results[index] = (answer.status, json.loads(data) if data else None)
        except Exception as error:  # reported by the caller
            results[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,) + tuple(r), daemon=True)
               for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(ROUND_TIMEOUT)
        if thread.is_alive():
            raise AssertionError("a raced request took over %.0f s" % ROUND_TIMEOUT)
    return results


class TokensTestCase(ApiTestCase):
    stack = STACK

    def refresh(self, token):
        return self.request("POST", "/users/token/refresh", body={"refresh": token})

    def logout(self, access, refresh):
        return self.request("POST", "/users/logout", headers=bearer(access),
                            body={"refresh": refresh})

    def assertRefreshRefused(self, response):
        self.assertError(response, 401, code="token_not_valid", message=REFRESH_NOT_VALID)

    def assertTokenNotValid(self, response):
        self.assertError(response, 401, code="token_not_valid", message=NOT_VALID)

    def create_order(self, access):
        response = self.request("POST", "/orders", headers=bearer(access),
                                body={"product_name": "Widget", "quantity": 1, "amount": "9.90"})
        self.assertStatus(response, 201)
        return response.body["order_id"]


class RefreshRaceTest(TokensTestCase):

    def test_two_concurrent_refreshes_of_one_token_revoke_the_family(self):
        for round_number in range(RACE_ROUNDS):
            user = self.new_user()
            request = ("POST", "/users/token/refresh", {"refresh": user.refresh}, None)
            results = raced(self.server.port, [request, request])
            statuses = sorted(status for status, _ in results)
            self.assertEqual(statuses, [200, 401], "round %d: %r" % (round_number, results))
            issued = [body["refresh"] for status, body in results if status == 200]
            # the second presentation was reuse: every token of the family,
            # the one issued to the winner included (tried first: presenting
            # the consumed one again would itself revoke the family), is
            # refused
            for token in issued + [user.refresh]:
                self.assertRefreshRefused(self.refresh(token))

    def test_refresh_racing_logout_leaves_nothing_usable(self):
        for round_number in range(RACE_ROUNDS):
            user = self.new_user()
            # Shift where the two meet from round to round: hold one of
            # them back by 0 to 1.4 ms (the refresh in even rounds, the
            # logout in odd ones).
            delay = (round_number // 2 % 15) * 0.0001
            delays = [delay, 0.0] if round_number % 2 == 0 else [0.0, delay]
            results = raced(self.server.port, [
                ("POST", "/users/token/refresh", {"refresh": user.refresh}, None),
                ("POST", "/users/logout", {"refresh": user.refresh}, bearer(user.access)),
            ], delays=delays)
            (refresh_status, refresh_body), (logout_status, logout_body) = results
            self.assertIn(refresh_status, (200, 401), "round %d: %r" % (round_number, results))
            # logout answers 200 whichever ran first (a consumed token of the
            # caller's still names the family to revoke)
            self.assertEqual(logout_status, 200, "round %d: %r" % (round_number, results))
            # the token issued in the race first: presenting the consumed
            # one would itself revoke the family
            tokens = [user.refresh]
            if refresh_status == 200:
                tokens.insert(0, refresh_body["refresh"])
            for token in tokens:
                self.assertRefreshRefused(self.refresh(token))


class SubjectTest(TokensTestCase):
    """Access tokens correctly signed whose user_id is not a live user."""

    def endpoints(self, order_uid):
        return [
            ("GET", "/users/me", None),
            ("GET", "/orders", None),
            ("POST", "/orders", {"product_name": "Widget", "quantity": 1, "amount": "9.90"}),
            ("GET", "/orders/%s" % order_uid, None),
            ("PATCH", "/orders/%s/cancel" % order_uid, None),
        ]

    def assertRefusedEverywhere(self, token, order_uid):
        for method, path, body in self.endpoints(order_uid):
            with self.subTest(method=method, path=path):
                response = self.request(method, path, headers=bearer(token), body=body)
                self.assertTokenNotValid(response)

    def test_user_id_that_is_not_a_uuid_is_401(self):
        owner = self.new_user()
        order_uid = self.create_order(owner.access)
        for user_id in ("42", "not-a-uuid", owner.id.upper(), owner.id.replace("-", ""), ""):
            with self.subTest(user_id=user_id):
                self.assertRefusedEverywhere(sign({"typ": "JWT", "alg": "HS256"},
                                                  access_claims(user_id)), order_uid)

    def test_unknown_user_is_401(self):
        owner = self.new_user()
        order_uid = self.create_order(owner.access)
        for role in ("customer", "admin"):
            with self.subTest(role=role):
                token = sign({"typ": "JWT", "alg": "HS256"},
                             access_claims(str(uuid.uuid4()), role=role))
                self.assertRefusedEverywhere(token, order_uid)

    def test_soft_deleted_user_is_401_at_once(self):
        user = self.new_user()
        order_uid = self.create_order(user.access)
        self.assertStatus(self.request("GET", "/users/me", headers=bearer(user.access)), 200)
        STACK.psql("UPDATE users SET deleted_at = now() WHERE uid = '%s'" % user.id)
        self.assertRefusedEverywhere(user.access, order_uid)
        # nothing was created by the refused POST /orders
        count = STACK.value("SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
                            "WHERE u.uid = '%s'" % user.id)
        self.assertEqual(count, "1")
        # and the refresh token is refused too
        self.assertRefreshRefused(self.refresh(user.refresh))

    def test_role_is_read_from_the_database_at_each_request(self):
        admin = self.make_admin()
        user = self.new_user()
        self.assertEqual(jwt_parts(user.access)[1]["role"], "customer")
        patch = self.request("PATCH", "/users/%s/role" % user.id, headers=bearer(admin.access),
                             body={"role": "admin"})
        self.assertStatus(patch, 200)
        # the token still says customer; the database says admin
        other = self.new_user()
        promoted = self.request("PATCH", "/users/%s/role" % other.id,
                                headers=bearer(user.access), body={"role": "staff"})
        self.assertStatus(promoted, 200)
        # and a demotion counts at once too
        demote = self.request("PATCH", "/users/%s/role" % user.id, headers=bearer(admin.access),
                              body={"role": "customer"})
        self.assertStatus(demote, 200)
        refused = self.request("PATCH", "/users/%s/role" % other.id,
                               headers=bearer(user.access), body={"role": "customer"})
        self.assertError(refused, 403)


    def test_a_read_lists_by_the_database_role_not_the_token_role(self):
        # GET /orders filters by owner unless auth.role is staff or admin; its
        # first statement goes out with the user check (one round trip) using
        # the token's role, and runs again when the database says otherwise
        admin = self.make_admin()
        owner, reader = self.new_user(), self.new_user()
        order_uid = self.create_order(owner.access)
        own = self.request("GET", "/orders?page_size=100", headers=bearer(reader.access))
        self.assertStatus(own, 200)
        self.assertEqual(own.body["count"], 0)
        promote = self.request("PATCH", "/users/%s/role" % reader.id,
                               headers=bearer(admin.access), body={"role": "staff"})
        self.assertStatus(promote, 200)
        self.assertEqual(jwt_parts(reader.access)[1]["role"], "customer")
        for _ in range(3):  # and again, on whichever connection of the pool
            listed = self.request("GET", "/orders?user=%s&page_size=100" % owner.id,
                                  headers=bearer(reader.access))
            self.assertStatus(listed, 200)
            self.assertEqual([o["uid"] for o in listed.body["results"]], [order_uid])

    def test_deleted_user_with_bad_input_is_401_first(self):
        # a read validates its input before the user check goes out; the
        # check's 401 still comes before the input's 400 or 404
        user = self.new_user()
        STACK.psql("UPDATE users SET deleted_at = now() WHERE uid = '%s'" % user.id)
        for path in ("/orders?page_size=abc", "/orders?status=nope", "/orders/not-a-uuid"):
            with self.subTest(path=path):
                self.assertTokenNotValid(self.request("GET", path, headers=bearer(user.access)))


class ExactChecksTest(TokensTestCase):

    def test_alg_spelled_in_lower_case_is_401(self):
        user = self.new_user()
        access = access_claims(user.id)
        refresh = jwt_parts(user.refresh)[1]
        # control: the same claims under "HS256" are accepted
        self.assertStatus(self.request("GET", "/users/me", headers=bearer(
            sign({"typ": "JWT", "alg": "HS256"}, access))), 200)
        for alg in ("hs256", "Hs256"):
            with self.subTest(alg=alg):
                header = {"typ": "JWT", "alg": alg}
                self.assertTokenNotValid(self.request("GET", "/users/me",
                                                      headers=bearer(sign(header, access))))
                self.assertRefreshRefused(self.refresh(sign(header, refresh)))
        self.assertStatus(self.refresh(user.refresh), 200)  # nothing was consumed

    def test_nbf_in_the_future_is_401(self):
        user = self.new_user()
        header = {"typ": "JWT", "alg": "HS256"}
        now = int(time.time())
        # control: nbf now is fine
        self.assertStatus(self.request("GET", "/users/me", headers=bearer(
            sign(header, access_claims(user.id, nbf=now - 1)))), 200)
        for nbf in (now + 120, str(now - 1)):
            with self.subTest(nbf=nbf):
                access = sign(header, access_claims(user.id, nbf=nbf))
                self.assertTokenNotValid(self.request("GET", "/users/me", headers=bearer(access)))
                refresh = sign(header, dict(jwt_parts(user.refresh)[1], nbf=nbf))
                self.assertRefreshRefused(self.refresh(refresh))
        self.assertStatus(self.refresh(user.refresh), 200)

    def test_refresh_token_naming_another_user_is_401(self):
        victim = self.new_user()
        other = self.new_user()
        claims = dict(jwt_parts(victim.refresh)[1], user_id=other.id)
        swapped = sign({"typ": "JWT", "alg": "HS256"}, claims)
        self.assertRefreshRefused(self.refresh(swapped))
        # a token the jti's owner never held changes nothing
        self.assertStatus(self.refresh(victim.refresh), 200)

    def test_logout_naming_another_users_token_by_user_id_is_401(self):
        alice = self.new_user()
        claims = dict(jwt_parts(alice.refresh)[1], user_id=self.new_user().id)
        swapped = sign({"typ": "JWT", "alg": "HS256"}, claims)
        self.assertRefreshRefused(self.logout(alice.access, swapped))
        self.assertStatus(self.refresh(alice.refresh), 200)

    def test_logout_with_another_users_refresh_is_401_and_revokes_nothing(self):
        alice = self.new_user()
        bob = self.new_user()
        self.assertRefreshRefused(self.logout(alice.access, bob.refresh))
        self.assertStatus(self.refresh(bob.refresh), 200)
        # alice's own logout still works
        self.assertStatus(self.logout(alice.access, alice.refresh), 200)
        self.assertRefreshRefused(self.refresh(alice.refresh))


if __name__ == "__main__":
    unittest.main()
