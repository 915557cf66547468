"""tests/e2e/harness.py - what the end-to-end tests stand on.

Python 3 standard library only. The tests run the real binary ($ORDERD,
default build/orderd) against the project's private PostgreSQL (PG_PORT,
default 15432) and Redis (REDIS_PORT, default 16379), started by
scripts/services.sh:

- Stack: one per test module. A fresh database (created through psql,
  migrated with `orderd migrate`), the `orderd serve` processes started
  against it (free ports in 18200..18999, stderr captured to
  var/log/e2e/*.log), stopped with SIGTERM (which must end the process with
  status 0 within 10 s: graceful shutdown), and the database dropped.
- Processes: Stack.start_process() runs `orderd worker`, `scheduler` or
  `all` (extra env per process); a process that serves no HTTP counts as
  started once its "started" log lines are there. Server.kill() is SIGKILL
  (a crash), Server.stop() the graceful SIGTERM.
- Database: Stack.psql() / Stack.rows() run SQL on the test database as the
  superuser (rows() splits columns safely); wait_until() polls a condition.
- PrivateCluster: a PostgreSQL cluster of a test's own, for fault tests
  that stop and start the database without disturbing the shared one.
- PrivateRedis: a redis-server of a test's own on a free port and a Unix
  socket in its folder (no persistence), stopped by its pid and started
  again on the same port. pg_socket_dir() is the shared PostgreSQL's
  socket directory.
- request(): one HTTP request with http.client, able to send raw bytes,
  any method and any headers; returns a Response (status, headers, body).
- ApiTestCase: a unittest base class whose request() also asserts that
  every response carries an X-Request-ID, with helpers to register and sign
  in users and to check the error shape.
- JWT helpers to take tokens apart and to forge them (for tests that
  prove forged tokens are refused).
"""

import base64
import datetime
import glob
import hashlib
import hmac
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ORDERD = os.path.join(ROOT, os.environ.get("ORDERD", "build/orderd"))
PG_PORT = int(os.environ.get("PG_PORT", "15432"))
REDIS_PORT = int(os.environ.get("REDIS_PORT", "16379"))
LOG_DIR = os.path.join(ROOT, "var", "log", "e2e")
PORT_FIRST, PORT_LAST = 18200, 18999
# A sanitizer build starts slowly; everything else is quick.
STARTUP_TIMEOUT = float(os.environ.get("E2E_STARTUP_TIMEOUT", "30"))
SHUTDOWN_TIMEOUT = 10.0
DEV_JWT_SECRET = "orderd-development-secret-do-not-use-in-production"
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_ports_taken = set()


def free_port():
    """A port in 18200..18999 that nothing listens on now and that this
    process has not handed out before."""
    candidates = list(range(PORT_FIRST, PORT_LAST + 1))
    random.shuffle(candidates)
    for port in candidates:
        if port in _ports_taken:
            continue
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            probe.close()
        _ports_taken.add(port)
        return port
    raise RuntimeError("no free port in %d..%d" % (PORT_FIRST, PORT_LAST))


def pg_socket_dir():
    """The shared private PostgreSQL's Unix socket directory
    (scripts/services.sh; var/pg may be a link into /tmp)."""
    return os.path.join(os.path.realpath(os.path.join(ROOT, "var", "pg")), "run")


def database_url(name, port=PG_PORT):
    return "postgresql://postgres@127.0.0.1:%d/%s" % (port, name)


def psql(sql, port=PG_PORT, database="postgres"):
    """Runs one SQL command as the postgres superuser; returns its rows as
    text (psql -At). Raises RuntimeError with psql's message on failure."""
    done = subprocess.run(
        ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
         "-p", str(port), "-U", "postgres", "-d", database, "-c", sql],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError("psql %r failed: %s" % (sql, done.stderr.strip()))
    return done.stdout


# Column and row separators of rows(): bytes that never occur in test data.
_COLUMN_SEPARATOR, _ROW_SEPARATOR = "\x1f", "\x1e"


def rows(sql, port=PG_PORT, database="postgres"):
    """Runs one SQL command; returns its rows as lists of text values (NULL
    and the empty string both come back as "")."""
    done = subprocess.run(
        ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-F", _COLUMN_SEPARATOR,
         "-R", _ROW_SEPARATOR, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
         "-d", database, "-c", sql],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError("psql %r failed: %s" % (sql, done.stderr.strip()))
    output = done.stdout
    if output.endswith("\n"):
        output = output[:-1]
    return [line.split(_COLUMN_SEPARATOR) for line in output.split(_ROW_SEPARATOR) if line]


def wait_until(condition, timeout, interval=0.1, message="condition"):
    """Calls condition() until it returns something true (returned) or
    timeout seconds pass (AssertionError naming message and the last value)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("%s not met within %.1f s (last: %r)" % (message, timeout, value))
        time.sleep(interval)


def create_database(name, port=PG_PORT):
    psql("CREATE DATABASE %s" % name, port=port)


def drop_database(name, port=PG_PORT):
    psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % name, port=port)


def orderd_env(extra=None):
    """The environment of an orderd process: ours, then the configuration
    variables (README, Configuration) set to the tests' values and no .env file read (so a
    developer's .env cannot leak in), then `extra` (a value of None removes
    the variable)."""
    env = dict(os.environ)
    env.update({
        "ENV_FILE": "/dev/null",
        "REDIS_URL": "redis://127.0.0.1:%d/0" % REDIS_PORT,
        "HOST": "127.0.0.1",
        "BCRYPT_COST": "4",
        "RATE_LIMIT_MAX_REQUEST": "100000",
        "RATE_LIMIT_WINDOW_SECONDS": "600",
        "JWT_ACCESS_TTL_SECONDS": "900",
        "JWT_REFRESH_TTL_SECONDS": "604800",
        "SCHEDULER_INTERVAL_SECONDS": "120",
        "PROCESSING_WORK_SECONDS": "10",
        "LOG_LEVEL": "info",
        "APP_ENV": "development",
    })
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def run_orderd(args, env=None, input=None, timeout=120):
    """Runs `$ORDERD args...` from the project folder and waits for it.
    Returns the CompletedProcess (text, stdout and stderr captured)."""
    return subprocess.run(
        [ORDERD] + list(args), cwd=ROOT, env=orderd_env(env), input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=timeout)


def migrate(url):
    done = run_orderd(["migrate"], {"DATABASE_URL": url})
    if done.returncode != 0:
        raise RuntimeError("orderd migrate failed (exit %d):\n%s%s"
                           % (done.returncode, done.stdout, done.stderr))


# ------------------------------------------------------------------- HTTP

class Response:
    """status (int), headers (case-insensitive http.client.HTTPMessage),
    body (parsed JSON when the response says JSON and parses, else bytes)
    and raw (the bytes). Unpacks as (status, headers, body)."""

    def __init__(self, status, headers, body, raw):
        self.status = status
        self.headers = headers
        self.body = body
        self.raw = raw

    def __iter__(self):
        return iter((self.status, self.headers, self.body))

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.raw[:300])


_DEFAULT = object()


def request(port, method, path, body=None, headers=None, raw=None,
            content_type=_DEFAULT, timeout=30.0):
    """Sends one request to 127.0.0.1:port on a new connection.

    body: a JSON value to send (encoded here); raw: bytes to send as they
    are. With either, Content-Type defaults to application/json (pass
    content_type=None to send none, or a string for another) unless headers
    names one. headers: a dict of any header names and values."""
    headers = dict(headers or {})
    payload = raw if raw is not None else (
        None if body is None else json.dumps(body).encode("utf-8"))
    names = {name.lower() for name in headers}
    if payload is not None and "content-type" not in names:
        if content_type is _DEFAULT:
            headers["Content-Type"] = "application/json"
        elif content_type is not None:
            headers["Content-Type"] = content_type
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if payload is not None and "content-length" not in names:
            connection.putheader("Content-Length", str(len(payload)))
        connection.endheaders()
        if payload:
            try:
                connection.send(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered (413) before reading it all
        answer = connection.getresponse()
        data = answer.read()
        parsed = data
        if "json" in (answer.getheader("Content-Type") or "") and data:
            try:
                parsed = json.loads(data)
            except ValueError:
                parsed = data
        return Response(answer.status, answer.msg, parsed, data)
    finally:
        connection.close()


# ----------------------------------------------------------------- server

# What each command runs: it counts as started when these "started" lines
# are in its log (and, when it serves, /healthz answers).
PROCESSES = {
    "serve": ("serve",),
    "worker": ("worker",),
    "scheduler": ("scheduler",),
    "all": ("serve", "worker", "scheduler"),
}


class Server:
    """One `orderd serve` (or worker / scheduler / all) process. Its stdout
    and stderr go to log_path. port is where it listens when it serves."""

    def __init__(self, env, log_path, command="serve"):
        self.port = free_port()
        self.env = dict(env)
        self.env["PORT"] = str(self.port)
        self.log_path = log_path
        self.command = command
        self.process = None

    def start(self, wait=True):
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [ORDERD, self.command], cwd=ROOT, env=orderd_env(self.env),
                stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        if wait:
            if "serve" in PROCESSES.get(self.command, ("serve",)):
                self.wait_healthy()
            if self.command != "serve":
                self.wait_started()
        return self

    def wait_started(self, timeout=STARTUP_TIMEOUT):
        """Waits for the "started" log line of every process the command runs."""
        wanted = set(PROCESSES.get(self.command, ()))
        deadline = time.monotonic() + timeout
        while True:
            started = {record.get("process") for record in self.log_events("started")}
            if wanted <= started:
                return
            code = self.process.poll()
            if code is not None:
                raise RuntimeError("orderd %s exited with %d while starting:\n%s"
                                   % (self.command, code, self.log_tail()))
            if time.monotonic() > deadline:
                raise RuntimeError("orderd %s did not log started %s within %.0f s:\n%s"
                                   % (self.command, sorted(wanted - started), timeout,
                                      self.log_tail()))
            time.sleep(0.05)

    @property
    def pid(self):
        return self.process.pid if self.process is not None else None

    def wait_healthy(self, timeout=STARTUP_TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                raise RuntimeError("orderd %s exited with %d while starting:\n%s"
                                   % (self.command, code, self.log_tail()))
            try:
                if request(self.port, "GET", "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("orderd %s did not answer /healthz within %.0f s:\n%s"
                                   % (self.command, timeout, self.log_tail()))
            time.sleep(0.05)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        """SIGTERM, then asserts a clean exit (status 0) within 10 s."""
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise AssertionError("orderd did not exit within %.0f s of SIGTERM:\n%s"
                                 % (SHUTDOWN_TIMEOUT, self.log_tail()))
        if code != 0:
            raise AssertionError("orderd exited with %d after SIGTERM (expected 0):\n%s"
                                 % (code, self.log_tail()))

    def kill(self):
        """SIGKILL (a crash: nothing is finished or cleaned up); waits for it."""
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()

    def log_text(self):
        try:
            with open(self.log_path, "rb") as log:
                return log.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines=40):
        return "\n".join(self.log_text().splitlines()[-lines:])

    def log_records(self):
        """The log's lines parsed as JSON (a line that is not JSON raises)."""
        return [json.loads(line) for line in self.log_text().splitlines() if line.strip()]

    def log_events(self, event):
        """The log records whose "event" is event. A killed process may
        leave a torn last line: lines that are not JSON are skipped here."""
        found = []
        for line in self.log_text().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("event") == event:
                found.append(record)
        return found

    def request(self, method, path, **kwargs):
        return request(self.port, method, path, **kwargs)


class Stack:
    """A test module's world: a fresh database on the shared private
    PostgreSQL, migrated, and the servers started against it.

    setup() creates and migrates the database and starts the default server
    (self.server); teardown() stops every server (asserting graceful
    shutdown) and drops the database."""

    def __init__(self, name, pg_port=PG_PORT):
        self.name = name
        self.pg_port = pg_port
        self.database = "orderd_e2e_%s_%d" % (re.sub(r"\W", "_", name), os.getpid())
        self.url = database_url(self.database, pg_port)
        # Passed explicitly so tests can sign tokens with the server's key.
        self.jwt_secret = "e2e-secret-" + uuid.uuid4().hex
        self.servers = []
        self.servers_started = 0
        self.server = None
        self.created = False

    def setup(self, start_server=True):
        if not os.access(ORDERD, os.X_OK):
            raise RuntimeError("%s is missing: build it first (make build)" % ORDERD)
        drop_database(self.database, self.pg_port)
        create_database(self.database, self.pg_port)
        self.created = True
        migrate(self.url)
        if start_server:
            self.server = self.start_server()

    def env(self, extra=None):
        env = {"DATABASE_URL": self.url, "JWT_SECRET": self.jwt_secret}
        env.update(extra or {})
        return env

    def start_server(self, extra_env=None, wait=True, command="serve"):
        self.servers_started += 1
        suffix = "" if command == "serve" else "-" + command
        log_path = os.path.join(LOG_DIR, "%s-%d%s.log" % (self.name, self.servers_started, suffix))
        server = Server(self.env(extra_env), log_path, command=command)
        self.servers.append(server)
        server.start(wait=wait)
        return server

    def start_process(self, command, extra_env=None, wait=True):
        """Starts `orderd command` (worker, scheduler, all, serve) against
        this stack's database with extra_env; stopped (gracefully) at
        teardown unless stopped or killed before."""
        return self.start_server(extra_env, wait=wait, command=command)

    def stop_server(self, server):
        if server in self.servers:
            self.servers.remove(server)
        server.stop()

    def kill_server(self, server):
        """SIGKILL: the process is gone without any clean-up."""
        if server in self.servers:
            self.servers.remove(server)
        server.kill()

    def psql(self, sql):
        """Runs SQL on this stack's database; rows as psql -At text."""
        return psql(sql, port=self.pg_port, database=self.database)

    def rows(self, sql):
        """Runs SQL on this stack's database; rows as lists of text values."""
        return rows(sql, port=self.pg_port, database=self.database)

    def value(self, sql):
        """The one value of a one-row, one-column query (as text)."""
        found = self.rows(sql)
        if len(found) != 1 or len(found[0]) != 1:
            raise AssertionError("expected one value from %r, got %r" % (sql, found))
        return found[0][0]

    def orderd(self, args, extra_env=None, input=None):
        """Runs `$ORDERD args...` against this stack's database."""
        return run_orderd(args, self.env(extra_env), input=input)

    def createadmin(self, email, name, password):
        return self.orderd(["createadmin", "--email", email, "--name", name],
                           {"ADMIN_PASSWORD": password})

    def teardown(self):
        errors = []
        for server in list(self.servers):
            try:
                self.stop_server(server)
            except AssertionError as error:
                errors.append(error)
        if self.created:
            drop_database(self.database, self.pg_port)
            self.created = False
        if errors:
            raise errors[0]


# ------------------------------------------------- a PostgreSQL of its own

def _pg_bin():
    dirs = glob.glob("/usr/lib/postgresql/*/bin")
    dirs.sort(key=lambda d: int(re.sub(r"\D", "", d.split("/")[-2]) or 0))
    if dirs:
        return dirs[-1]
    found = shutil.which("pg_ctl")
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found")
    return os.path.dirname(found)


class PrivateCluster:
    """A throw-away PostgreSQL cluster in var/e2e-pg-<pid> (or
    /tmp/orderd-e2e-pg-<pid> when the postgres user cannot reach var/, as
    in a clone under /root) on a free port, trusting local connections,
    without fsync. As root, its commands run as the postgres user."""

    def __init__(self):
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        var = os.path.join(ROOT, "var")
        os.makedirs(var, exist_ok=True)
        name = "e2e-pg-%d-%d" % (os.getpid(), self.port)
        if self.as_root and not self._postgres_can_enter(var):
            self.dir = os.path.join("/tmp", "orderd-" + name)
        else:
            self.dir = os.path.join(var, name)
        self.data = os.path.join(self.dir, "data")
        self.socket_dir = os.path.join(self.dir, "run")
        self.log = os.path.join(self.dir, "postgres.log")
        self.bin = _pg_bin()
        self.running = False

    @staticmethod
    def _postgres_can_enter(path):
        return subprocess.run(["runuser", "-u", "postgres", "--", "test", "-x", path],
                              cwd="/").returncode == 0

    def _run(self, args, timeout=60):
        if self.as_root:
            args = ["runuser", "-u", "postgres", "--"] + args
        done = subprocess.run(args, cwd="/", stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError("%s failed (exit %d): %s%s"
                               % (" ".join(args), done.returncode, done.stdout, done.stderr))
        return done

    def init(self):
        os.makedirs(self.socket_dir, exist_ok=True)
        if self.as_root:
            for path in (self.dir, self.socket_dir):
                shutil.chown(path, "postgres", "postgres")
            os.chmod(self.dir, 0o700)
        self._run([os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres",
                   "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        return self

    def start(self):
        options = ("-c listen_addresses=127.0.0.1 -p %d -k '%s' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off"
                   % (self.port, self.socket_dir))
        self._run([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.log,
                   "-w", "-t", "60", "start", "-o", options])
        self.running = True

    def stop(self):
        self._run([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast",
                   "-w", "-t", "60", "stop"])
        self.running = False

    def destroy(self):
        try:
            if self.running:
                self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# --------------------------------------------------- a Redis of its own

class PrivateRedis:
    """A redis-server of a test's own on a free port (below 32768), bound to
    127.0.0.1, without persistence (a restart starts empty), its files in a
    temporary folder. stop() ends it by its pid; start() again reuses the
    port, so servers pointed at url find it back."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="orderd-e2e-redis-")
        self.log = os.path.join(self.dir, "redis.log")
        self.process = None
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"

    @property
    def url(self):
        return "redis://127.0.0.1:%d/0" % self.port

    @property
    def socket_url(self):
        return "unix://%s/redis.sock?db=0" % self.dir

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def ping(self, timeout=0.5):
        """True when it answers PING with PONG."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def start(self, timeout=10.0):
        if self.running:
            return self
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", self.dir,
                 "--unixsocket", os.path.join(self.dir, "redis.sock"), "--unixsocketperm", "700",
                 "--daemonize", "no", "--protected-mode", "no"],
                cwd=self.dir, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while not self.ping():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server on port %d did not start:\n%s"
                                   % (self.port, self._log_tail()))
            time.sleep(0.02)
        return self

    def stop(self, sig=signal.SIGKILL):
        """Ends it by pid (SIGKILL by default: Redis gone at once) and waits."""
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            os.kill(process.pid, sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def destroy(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _log_tail(self):
        try:
            with open(self.log, "rb") as log:
                return log.read().decode("utf-8", "replace")[-2000:]
        except OSError:
            return ""


# -------------------------------------------------------------------- JWT

def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt_parts(token):
    """(header, payload, signature) of a token, header and payload decoded."""
    header, payload, signature = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload)), signature


def jwt_sign(header, payload, secret, alg="HS256"):
    """A token with these header and payload members, signed with HMAC
    (HS256 / HS512) or not at all (alg "none")."""
    header = dict(header, alg=alg)
    signing_input = (b64url_encode(json.dumps(header, separators=(",", ":")).encode())
                     + "." + b64url_encode(json.dumps(payload, separators=(",", ":")).encode()))
    if alg == "none":
        return signing_input + "."
    digest = {"HS256": hashlib.sha256, "HS512": hashlib.sha512}[alg]
    signature = hmac.new(secret.encode(), signing_input.encode(), digest).digest()
    return signing_input + "." + b64url_encode(signature)


def parse_timestamp(text):
    """An ISO 8601 date-time ("...Z" or with an offset) as an aware datetime."""
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    value = datetime.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("timestamp without a zone: %r" % text)
    return value


# --------------------------------------------------------------- test base

def unique_email(prefix="user"):
    return "%s-%s@example.com" % (prefix, uuid.uuid4().hex[:12])


class User:
    """A registered (and, after login, signed-in) user."""

    def __init__(self, id, name, email, password):
        self.id = id
        self.name = name
        self.email = email
        self.password = password
        self.access = None
        self.refresh = None


class ApiTestCase(unittest.TestCase):
    """Base class of the end-to-end tests. A test module sets `stack`; a
    class may set `server_env` to get a server of its own with those extra
    variables (started in setUpClass, stopped, gracefully, in
    tearDownClass); otherwise requests go to the stack's default server."""

    stack = None
    server_env = None
    own_server = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.server_env is not None:
            cls.own_server = cls.stack.start_server(cls.server_env)

    @classmethod
    def tearDownClass(cls):
        server, cls.own_server = cls.own_server, None
        if server is not None:
            cls.stack.stop_server(server)
        super().tearDownClass()

    @property
    def server(self):
        return self.own_server or self.stack.server

    # -- requests

    def request(self, method, path, server=None, **kwargs):
        """harness.request() to this test's server, asserting that the
        response carries a sane X-Request-ID (every response must)."""
        response = (server or self.server).request(method, path, **kwargs)
        request_id = response.headers.get("X-Request-ID")
        self.assertIsNotNone(request_id, "no X-Request-ID on %s %s -> %r"
                             % (method, path, response))
        self.assertRegex(request_id, REQUEST_ID_RE)
        return response

    # -- assertions

    def assertStatus(self, response, status):
        self.assertEqual(response.status, status, "unexpected status: %r" % (response,))

    def assertKeys(self, body, keys):
        self.assertIsInstance(body, dict, "not a JSON object: %r" % (body,))
        self.assertEqual(sorted(body), sorted(keys))

    def assertError(self, response, status, code=None, fields=(), message=None):
        """The one error shape: {"error": {"status", "code", "message",
        "fields"?}}; fields (if given) must all be named in error.fields."""
        self.assertStatus(response, status)
        body = response.body
        self.assertIsInstance(body, dict, "error body is not JSON: %r" % (response,))
        self.assertEqual(list(body), ["error"], "error body: %r" % (body,))
        error = body["error"]
        self.assertIsInstance(error, dict)
        self.assertTrue({"status", "code", "message"} <= set(error), error)
        self.assertTrue(set(error) <= {"status", "code", "message", "fields"}, error)
        self.assertEqual(error["status"], status)
        self.assertIsInstance(error["code"], str)
        self.assertTrue(error["code"], error)
        self.assertIsInstance(error["message"], str)
        self.assertTrue(error["message"], error)
        if "fields" in error:
            self.assertIsInstance(error["fields"], dict, error)
            for name, problems in error["fields"].items():
                self.assertIsInstance(problems, list, error)
                self.assertTrue(problems, error)
                if all(isinstance(problem, dict) for problem in problems):
                    # an array's items: one object per item, {} for a valid one
                    self.assertTrue(any(problems), error)
                    problems = [message for item in problems for messages in item.values()
                                for message in messages]
                for problem in problems:
                    self.assertIsInstance(problem, str, error)
                    self.assertTrue(problem, error)
        for name in fields:
            self.assertIn(name, error.get("fields") or {},
                          "field %r not named in %r" % (name, error))
        if code is not None:
            self.assertEqual(error["code"], code, error)
        if message is not None:
            self.assertEqual(error["message"], message, error)
        return error

    # -- users

    def register(self, name=None, email=None, password=None, server=None):
        """Registers a new user (asserting 201); returns a User."""
        name = name or "Test User"
        email = email or unique_email()
        password = password or "pw-" + uuid.uuid4().hex[:12]
        response = self.request("POST", "/users/register", server=server,
                                body={"name": name, "email": email, "password": password})
        self.assertStatus(response, 201)
        return User(response.body["id"], name, email, password)

    def login(self, user, server=None):
        """Signs user in (asserting 200); sets and returns user.access."""
        response = self.request("POST", "/users/login", server=server,
                                body={"email": user.email, "password": user.password})
        self.assertStatus(response, 200)
        user.access = response.body["access"]
        user.refresh = response.body["refresh"]
        return user

    def new_user(self, server=None, **kwargs):
        return self.login(self.register(server=server, **kwargs), server=server)

    def make_admin(self, name="Admin"):
        """An admin made by `orderd createadmin`, signed in."""
        email = unique_email("admin")
        password = "admin-" + uuid.uuid4().hex[:12]
        done = self.stack.createadmin(email, name, password)
        self.assertEqual(done.returncode, 0, "createadmin failed: %s%s" % (done.stdout, done.stderr))
        admin = self.login(User(None, name, email, password))
        me = self.request("GET", "/users/me", headers=bearer(admin.access))
        self.assertStatus(me, 200)
        admin.id = me.body["id"]
        return admin


def bearer(token):
    return {"Authorization": "Bearer " + token}
