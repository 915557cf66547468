#!/usr/bin/env python3
"""scripts/bench-scale.py - the at-scale part of `make bench` (scripts/bench.sh
section 7): against a server on a database built by scripts/bench-data.sql,
times single requests (median and p95 of BENCH_SCALE_REQUESTS, default 30)
of the customer list, the staff list (first page, page 100, a cursor page
deep in the list, a filter, an ordering), the detail, POST /orders and both
reports, then the scheduler draining the pending orders (orderd scheduler
and worker, orders/s). Writes the figures as JSON and prints the table the
README copies. Standard library only; never asserts a timing.

    bench-scale.py BASE DATABASE_URL ORDERD ORDERS OUT.json
"""
import json, os, subprocess, sys, time, urllib.error, urllib.request

base, database_url, orderd, orders, out = sys.argv[1:6]
requests = int(os.environ.get("BENCH_SCALE_REQUESTS", "30"))


def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as answer:
        return json.loads(answer.read() or b"null")


def psql(sql):
    url = database_url
    return subprocess.run(["psql", "-X", "-q", "-At", url, "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


deadline = time.monotonic() + 30
while True:
    try:
        call("GET", "/healthz")
        break
    except (OSError, urllib.error.URLError):
        if time.monotonic() > deadline:
            sys.exit("bench: the server did not answer /healthz")
        time.sleep(0.1)


def user(role):
    email = "scale-%s-%d@example.com" % (role, time.time_ns())
    call("POST", "/users/register", {"name": role, "email": email, "password": "bench-password"})
    if role != "customer":
        psql("UPDATE users SET role = '%s' WHERE email = '%s'" % (role, email))
    return call("POST", "/users/login", {"email": email, "password": "bench-password"})["access"]


staff, admin = user("staff"), user("admin")
# a bench customer of the data set (about ORDERS / 10,000 orders)
customer_email = psql("SELECT email FROM users WHERE email LIKE 'bench-%' ORDER BY id LIMIT 1")
psql("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE role = 'admin' "
     "ORDER BY id DESC LIMIT 1) WHERE email = '%s'" % customer_email)
customer = call("POST", "/users/login", {"email": customer_email,
                                         "password": "bench-password"})["access"]
some_order = psql("SELECT uid FROM orders ORDER BY id DESC LIMIT 1")
deep = call("GET", "/orders?page_size=20&cursor=", token=staff)
for _ in range(50):  # a cursor 1,000 rows in
    deep = call("GET", deep["next"].split(base, 1)[-1], token=staff)
deep_path = deep["next"].split(base, 1)[-1]
today = time.strftime("%Y-%m-%d")
year_ago = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 364 * 86400))

cases = [
    ("customer GET /orders?page_size=20", "GET", "/orders?page_size=20", customer, None),
    ("staff GET /orders?page_size=20", "GET", "/orders?page_size=20", staff, None),
    ("staff GET /orders?page_size=20&page=100", "GET", "/orders?page_size=20&page=100", staff,
     None),
    ("staff GET /orders (cursor, 1,000 rows in)", "GET", deep_path, staff, None),
    ("staff GET /orders?status=shipped", "GET", "/orders?page_size=20&status=shipped", staff, None),
    ("staff GET /orders?ordering=-amount", "GET", "/orders?page_size=20&ordering=-amount", staff,
     None),
    ("GET /orders/{uid}", "GET", "/orders/" + some_order, staff, None),
    ("POST /orders", "POST", "/orders", customer,
     {"product_name": "Bench order", "quantity": 2, "amount": "49.90"}),
    ("GET /reports/summary", "GET", "/reports/summary", admin, None),
    ("GET /reports/sales (a year, by day)", "GET",
     "/reports/sales?from=%s&to=%s&group_by=day" % (year_ago, today), admin, None),
]
results = []
for label, method, path, token, body in cases:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        call(method, path, body, token)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    results.append({"case": label, "median_ms": round(times[len(times) // 2], 2),
                    "p95_ms": round(times[int(len(times) * 0.95) - 1], 2), "requests": requests})

# the scheduler and a worker drain the pending orders (PROCESSING_WORK_SECONDS=0)
pending = int(psql("SELECT count(*) FROM orders WHERE status = 'pending'"))
env = dict(os.environ, DATABASE_URL=database_url, SCHEDULER_INTERVAL_SECONDS="1",
           PROCESSING_WORK_SECONDS="0", LOG_LEVEL="warn")
started = time.monotonic()
processes = [subprocess.Popen([orderd, command], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for command in ("scheduler", "worker")]
try:
    while time.monotonic() - started < 1800:
        left = int(psql("SELECT count(*) FROM orders WHERE status IN ('pending', 'processing')"))
        if left == 0:
            break
        time.sleep(0.5)
finally:
    for process in processes:
        process.terminate()
        process.wait(timeout=30)
seconds = time.monotonic() - started
drain = {"pending": pending, "seconds": round(seconds, 1),
         "orders_per_second": round(pending / seconds, 1) if seconds > 0 else None}

report = {"orders": int(orders), "cores": os.cpu_count(), "cases": results, "scheduler": drain}
with open(out, "w") as f:
    json.dump(report, f, indent=2)
print("\norderd at scale: %s orders, %d cores, %d single requests each" % (orders, os.cpu_count(),
                                                                           requests))
print("| request | median ms | p95 ms |\n| --- | ---: | ---: |")
for r in results:
    print("| `%s` | %.1f | %.1f |" % (r["case"], r["median_ms"], r["p95_ms"]))
print("| scheduler draining %d pending orders | %s orders/s | %.0f s |"
      % (pending, drain["orders_per_second"], seconds))
print("(figures in %s)" % out)
