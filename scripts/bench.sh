#!/usr/bin/env bash
# scripts/bench.sh - measures orderd with wrk, and the database's own ceiling
# with pgbench, on this machine. Prints numbers; never asserts timings.
#
#   1. a fresh database orderd_bench on the private PostgreSQL, migrated;
#   2. `orderd serve` on 127.0.0.1:18080 (BENCH_PORT) with the rate limit
#      out of the way (RATE_LIMIT_MAX_REQUEST=1000000000 per
#      RATE_LIMIT_WINDOW_SECONDS=3600) and the bcrypt cost as configured
#      (BCRYPT_COST, default 12 as in production);
#   3. a reader with 100 orders (made through POST /orders) and a writer,
#      both registered and signed in;
#   4. wrk -t2 --latency for BENCH_DURATION (10 s) on GET /users/me and
#      GET /orders?page_size=20 (the reader's first page) at 8, 16 and 64
#      connections, then at 64 on POST /orders (as the writer, so the
#      reader's list stays as seeded) and POST /users/login (bcrypt-bound by
#      design); tokens and bodies go in through wrk Lua scripts; around
#      each GET run, the CPU time (utime + stime from /proc) of the server,
#      of every process of the private PostgreSQL and of Redis, so the
#      report gives the CPU each request cost at 64 connections (a figure
#      that holds on a loaded machine, where rates do not);
#   5. the server's peak resident memory (VmHWM);
#   6. the queries behind GET /users/me (GetUser, read from spec/users.sql)
#      and GET /orders (ListOrders of spec/orders.sql as the server runs it:
#      the text in generated/orders_sql.c with the owner filter only, the
#      default ordering, LIMIT 20 OFFSET 0) through pgbench -M prepared
#      -j 2 at 8, 16 and 64 clients for as long: what PostgreSQL alone can
#      do. Its best rate over the three is the ceiling: "GET / pgbench"
#      divides the server's best rate (and its rate at 64 connections) by
#      it. The ratios and p99s are also written to bench/results-server.json
#      (bench_result NAME VALUE).
#
# Transport (BENCH_TRANSPORT): "unix" (the default when the private
# services have their sockets, scripts/services.sh) connects the server AND
# pgbench to PostgreSQL and Redis through Unix-domain sockets; "tcp" through
# 127.0.0.1. Both sides of a ratio always use the same transport.
#
# The server is stopped and the database dropped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
orderd=${ORDERD:-build/orderd}
pg_port=${PG_PORT:-15432}
redis_port=${REDIS_PORT:-16379}
bench_port=${BENCH_PORT:-18080}
duration=${BENCH_DURATION:-10}
bcrypt_cost=${BCRYPT_COST:-12}
seed_orders=100
database=orderd_bench
admin_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
pg_socket_dir=$(readlink -f var/pg 2>/dev/null || echo var/pg)/run
redis_socket=$PWD/var/redis/redis.sock
transport=${BENCH_TRANSPORT:-}
if [ -z "$transport" ]; then
    transport=tcp
    [ -S "$pg_socket_dir/.s.PGSQL.$pg_port" ] && [ -S "$redis_socket" ] && transport=unix
fi
case "$transport" in
unix)
    database_url="postgresql://postgres@/$database?host=$pg_socket_dir&port=$pg_port"
    redis_url="unix://$redis_socket?db=0"
    pgbench_host=$pg_socket_dir ;;
tcp)
    database_url="postgresql://postgres@127.0.0.1:$pg_port/$database"
    redis_url="redis://127.0.0.1:$redis_port/0"
    pgbench_host=127.0.0.1 ;;
*) echo "bench: BENCH_TRANSPORT must be unix or tcp, got \"$transport\"" >&2; exit 2 ;;
esac
connection_counts="8 16 64"
results_file=bench/results-server.json
base="http://127.0.0.1:$bench_port"
work=$(mktemp -d /tmp/orderd-bench.XXXXXX)
server_pid=

sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "$1" >/dev/null; }

stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}

cleanup() {
    stop_server
    sql "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
    rm -rf "$work"
}
trap cleanup EXIT

[ -x "$orderd" ] || { echo "bench: $orderd not found (run 'make build')" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk not found (run scripts/deps.sh)" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "bench: pgbench not found (postgresql-contrib)" >&2; exit 1; }

# ------------------------------------------------------------ 1. database
sql "DROP DATABASE IF EXISTS $database WITH (FORCE)"
sql "CREATE DATABASE $database"
DATABASE_URL=$database_url "$orderd" migrate >"$work/migrate.log" 2>&1 ||
    { cat "$work/migrate.log" >&2; exit 1; }

# -------------------------------------------------------------- 2. server
server_log=var/log/bench-server.log
mkdir -p var/log
# The limiter resolves time in microseconds: max requests <= window x 10^6,
# hence a window of an hour for 10^9 requests.
env DATABASE_URL="$database_url" REDIS_URL="$redis_url" \
    HOST=127.0.0.1 PORT="$bench_port" APP_ENV=development \
    RATE_LIMIT_MAX_REQUEST=1000000000 RATE_LIMIT_WINDOW_SECONDS=3600 \
    BCRYPT_COST="$bcrypt_cost" LOG_LEVEL="${BENCH_LOG_LEVEL:-info}" \
    "$orderd" serve >"$server_log" 2>&1 &
server_pid=$!

# ------------------------------------------------------------ 3. users
# python3 (standard library) does the HTTP and JSON: no curl or jq needed.
python3 - "$base" "$work" "$server_pid" "$seed_orders" <<'PYTHON'
import json, os, sys, time, urllib.error, urllib.request, uuid

base, work, server_pid, seed_orders = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def call(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as answer:
        return json.loads(answer.read() or b"null")

deadline = time.monotonic() + 30
while True:
    try:
        call("GET", "/healthz")
        break
    except (OSError, urllib.error.URLError):
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            sys.exit("bench: the server exited; see var/log/bench-server.log")
        if time.monotonic() > deadline:
            sys.exit("bench: the server did not answer /healthz within 30 s")
        time.sleep(0.05)

def user(role):
    """Registers and signs in a user: (email, password, access token, uid)."""
    email = "bench-%s-%s@example.com" % (role, uuid.uuid4().hex[:12])
    password = "bench-password-1"
    call("POST", "/users/register", {"name": "Bench " + role, "email": email,
                                     "password": password})
    tokens = call("POST", "/users/login", {"email": email, "password": password})
    me = call("GET", "/users/me", token=tokens["access"])
    return email, password, tokens["access"], me["id"]

email, password, token, uid = user("reader")
for n in range(seed_orders):
    call("POST", "/orders", {"product_name": "Bench item %03d" % n, "quantity": 1 + n % 5,
                             "amount": "%d.%02d" % (10 + n, n)}, token=token)
page = call("GET", "/orders?page_size=20", token=token)
if page["count"] != seed_orders or len(page["results"]) != 20:
    sys.exit("bench: seeding failed: count %r, %d results" % (page["count"], len(page["results"])))
writer_token = user("writer")[2]
for name, value in (("token", token), ("uid", uid), ("writer_token", writer_token),
                    ("login_body", json.dumps({"email": email, "password": password})),
                    ("order_body", json.dumps({"product_name": "Bench order", "quantity": 2,
                                               "amount": "49.90"}))):
    with open("%s/%s" % (work, name), "w") as out:
        out.write(value)
PYTHON

# ----------------------------------------------------------------- 4. wrk
# done() prints: requests seconds p50_us p99_us errors
report='
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %.6f %d %d %d\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end'
lua_string() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$1"; }
cat >"$work/me.lua" <<EOF
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $(cat "$work/token")"
$report
EOF
# the same script serves GET /orders?page_size=20 (the path is in wrk's URL)
cp "$work/me.lua" "$work/orders.lua"
cat >"$work/create.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $(cat "$work/writer_token")"
wrk.body = $(lua_string "$work/order_body")
$report
EOF
cat >"$work/login.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = $(lua_string "$work/login_body")
$report
EOF

run_wrk() { # name script path [connections]
    wrk -t2 -c"${4:-64}" -d"${duration}s" --latency -s "$2" "$base$3" >"$work/$1.out" 2>&1 ||
        { cat "$work/$1.out" >&2; echo "bench: wrk failed" >&2; exit 1; }
    grep '^BENCH ' "$work/$1.out" | tail -n 1 >"$work/$1.result"
    [ -s "$work/$1.result" ] || { cat "$work/$1.out" >&2; echo "bench: no wrk result" >&2; exit 1; }
}

# ----------------------------------------------- server throughput (issue #10, item 3)
# "who pid cpu-seconds" (utime + stime) of the server, every process of the
# private PostgreSQL (var/pg) and its Redis (var/redis), one line each.
cpu_snapshot() { # file
    local postmaster
    postmaster=$(head -n 1 var/pg/data/postmaster.pid 2>/dev/null || true)
    {
        echo "orderd $server_pid"
        if [ -n "$postmaster" ]; then
            echo "postgresql $postmaster"
            ps -o pid= --ppid "$postmaster" | sed 's/^ */postgresql /'
        fi
        echo "redis $(cat var/redis/redis.pid 2>/dev/null || echo 0)"
    } | while read -r who pid; do
        [ -r "/proc/$pid/stat" ] || continue
        # after "pid (name) ", utime and stime are the 12th and 13th fields
        sed 's/^.*) //' "/proc/$pid/stat" |
            awk -v who="$who" -v pid="$pid" -v tick="$(getconf CLK_TCK)" \
                '{ printf "%s %s %.2f\n", who, pid, ($12 + $13) / tick }'
    done >"$1"
}

# CPU microseconds per request of orderd, PostgreSQL and Redis between two
# snapshots: "orderd_us postgresql_us redis_us".
cpu_per_request() { # before after requests
    awk -v n="$3" 'NR == FNR { before[$2] = $3; next }
        { used[$1] += $3 - before[$2] }
        END { printf "%.0f %.0f %.0f\n", used["orderd"] * 1e6 / n,
              used["postgresql"] * 1e6 / n, used["redis"] * 1e6 / n }' "$1" "$2"
}

# The reads measured at each of $connection_counts connections: NAME-C.result,
# and at 64 the CPU each request cost across the stack: NAME-64.cpu.
throughput_wrk() { # name script path
    local requests
    for connections in $connection_counts; do
        echo "bench: wrk -t2 -c$connections -d${duration}s GET $3 ($transport)"
        cpu_snapshot "$work/cpu-before"
        run_wrk "$1-$connections" "$2" "$3" "$connections"
        cpu_snapshot "$work/cpu-after"
        read -r _ requests _ <"$work/$1-$connections.result"
        cpu_per_request "$work/cpu-before" "$work/cpu-after" "$requests" \
            >"$work/$1-$connections.cpu"
    done
}

# pgbench at each of $connection_counts clients: pgbench-NAME-C.tps.
throughput_pgbench() { # name script variable=value
    for clients in $connection_counts; do
        echo "bench: pgbench -M prepared -c $clients -j 2 -T $duration ($1, $transport)"
        run_pgbench "$1-$clients" "$2" "$3" "$clients"
    done
}

# The best of the NAME-C rates (requests / seconds of each wrk result).
throughput_best_server() { # name
    for connections in $connection_counts; do
        read -r _ n seconds _ <"$work/$1-$connections.result"
        awk -v n="$n" -v s="$seconds" 'BEGIN { printf "%.1f\n", (s > 0 ? n / s : 0) }'
    done | sort -g | tail -n 1
}

throughput_best_pgbench() { # name
    for clients in $connection_counts; do cat "$work/pgbench-$1-$clients.tps"; done |
        sort -g | tail -n 1
}

# Appends "NAME": VALUE to the results (written as JSON by bench_results_write).
bench_result() { # name value
    printf '%s %s\n' "$1" "$2" >>"$work/results"
}

bench_results_write() { # file
    mkdir -p "$(dirname "$1")"
    python3 - "$work/results" "$1" <<'PYTHON'
import json, sys
results = {}
for line in open(sys.argv[1]):
    name, _, value = line.strip().partition(" ")
    try:
        results[name] = float(value) if "." in value else int(value)
    except ValueError:
        results[name] = value
with open(sys.argv[2], "w") as out:
    json.dump(results, out, indent=2, sort_keys=True)
    out.write("\n")
PYTHON
}

# One endpoint's lines of the report: its rate at each connection count,
# the ceiling, and the ratios; each also a bench_result.
throughput_report() { # label name pgbench-name
    local best_server best_pgbench at64 p99 cpu_orderd cpu_postgresql cpu_redis
    best_server=$(throughput_best_server "$2")
    best_pgbench=$(throughput_best_pgbench "$3")
    for connections in $connection_counts; do
        read -r _ n seconds p50 p99 errors <"$work/$2-$connections.result"
        row "$1 -c$connections" "$n" "$seconds" "$p50" "$p99" "$errors"
        bench_result "$2_c${connections}_rps" "$(awk -v n="$n" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')"
        bench_result "$2_c${connections}_p99_ms" "$(awk -v p="$p99" 'BEGIN { printf "%.2f", p / 1000 }')"
        bench_result "pgbench_$3_c${connections}_tps" "$(cat "$work/pgbench-$3-$connections.tps")"
        [ "$connections" = 64 ] && at64=$(awk -v n="$n" -v s="$seconds" 'BEGIN { print n / s }')
    done
    awk -v label="$1" -v server="$best_server" -v pg="$best_pgbench" -v at64="$at64" 'BEGIN {
        printf "%-30s %12.2f   (best %.1f req/s / pgbench best %.1f tps)\n", label " / pgbench best", server / pg, server, pg
        printf "%-30s %12.2f\n", label " -c64 / pgbench best", at64 / pg }'
    read -r cpu_orderd cpu_postgresql cpu_redis <"$work/$2-64.cpu"
    printf "%-30s %12s   (orderd %s + PostgreSQL %s + Redis %s)\n" "$1 -c64 CPU us/request" \
        "$((cpu_orderd + cpu_postgresql + cpu_redis))" "$cpu_orderd" "$cpu_postgresql" "$cpu_redis"
    bench_result "$2_c64_cpu_us_orderd" "$cpu_orderd"
    bench_result "$2_c64_cpu_us_postgresql" "$cpu_postgresql"
    bench_result "$2_c64_cpu_us_redis" "$cpu_redis"
    bench_result "$2_best_rps" "$best_server"
    bench_result "pgbench_$3_best_tps" "$best_pgbench"
    bench_result "$2_ratio_best" "$(awk -v a="$best_server" -v b="$best_pgbench" 'BEGIN { printf "%.3f", a / b }')"
    bench_result "$2_ratio_c64" "$(awk -v a="$at64" -v b="$best_pgbench" 'BEGIN { printf "%.3f", a / b }')"
}

throughput_wrk me "$work/me.lua" /users/me
throughput_wrk orders "$work/orders.lua" "/orders?page_size=20"
# ------------------------------------------------------------- 5. pgbench
# The GetUser query from spec/users.sql, @uid as a pgbench variable.
query=$(awk '/^-- name: GetUser /{on=1; next} /^-- name:/{on=0} on && !/^--/' spec/users.sql |
        sed 's/@uid/:uid/g' | tr '\n' ' ' | sed 's/[; ]*$//')
[ -n "$query" ] || query="SELECT uid AS id, name, email, role, created_at FROM users WHERE uid = :uid AND deleted_at IS NULL"
# (pgbench's \set holds numbers only: the uuids come in with -D name=...)
echo "$query;" >"$work/me.sql"

# The statements the server runs for a customer's GET /orders?page_size=20:
# ListOrders of spec/orders.sql as the compiler wrote it in
# generated/orders_sql.c (its page in a derived table, each row's lines
# aggregated around it), with only the owner filter kept (a customer sends
# no other), no cursor, the default ordering, LIMIT 20 OFFSET 0; then the
# page's count, as the runtime reads it (RT_DB_READ_COUNT in rt_db.h): the
# page's rows without ordering or page, at most LIST_COUNT_EXACT_LIMIT + 1.
python3 - generated/orders_sql.c "$work/orders.sql" <<'PYTHON'
import re, sys
source = open(sys.argv[1]).read()
found = re.search(r'static const char list_orders_sql\[\] =\s*((?:"(?:[^"\\]|\\.)*"\s*)+);', source)
if not found:
    sys.exit("bench: list_orders_sql not found in %s" % sys.argv[1])
text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', found.group(1)))
text = re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)
# $1 is the owner, the last two are LIMIT and OFFSET, the ones between the
# other filters and the cursor (left out: a customer's first page sends none).
last = max(int(n) for n in re.findall(r"\$(\d+)", text))
def other_filter(line):
    return any(1 < int(n) < last - 1 for n in re.findall(r"\$(\d+)", line))
query = "\n".join(line for line in text.split("\n") if not other_filter(line))
query, limits = re.subn(r"LIMIT \$%d OFFSET \$%d" % (last - 1, last), "LIMIT 20 OFFSET 0", query)
query = re.sub(r"\$1\b", ":owner", query)
page = re.search(r"FROM \((SELECT .*?)\n\s*ORDER BY [^\n]*\nLIMIT 20 OFFSET 0", query, re.S)
if limits != 1 or ":owner" not in query or re.search(r"\$\d", query) or not page:
    sys.exit("bench: unexpected ListOrders text in %s:\n%s" % (sys.argv[1], query))
count = "SELECT count(*) FROM (%s\nLIMIT 10001) AS counted" % page.group(1)
open(sys.argv[2], "w").write(query + ";\n" + count + ";\n")
PYTHON

run_pgbench() { # name script variable=value clients
    (cd "$work" && pgbench -n -M prepared -c "$4" -j 2 -T "$duration" -D "$3" \
        -f "$2" -h "$pgbench_host" -p "$pg_port" -U postgres "$database" >"pgbench-$1.out" 2>&1) ||
        { cat "$work/pgbench-$1.out" >&2; exit 1; }
    awk '/^tps = / { print $3; exit }' "$work/pgbench-$1.out" >"$work/pgbench-$1.tps"
}
throughput_pgbench me me.sql "uid=$(cat "$work/uid")"
throughput_pgbench orders orders.sql "owner=$(cat "$work/uid")"

# The writes last: POST /orders grows the orders table, which must be as
# seeded while the reads and their pgbench twins are measured.
echo "bench: wrk -t2 -c64 -d${duration}s POST /orders"
run_wrk create "$work/create.lua" /orders
echo "bench: wrk -t2 -c64 -d${duration}s POST /users/login (BCRYPT_COST=$bcrypt_cost)"
run_wrk login "$work/login.lua" /users/login

# -------------------------------------------- 6. the writes, peak memory
peak_rss=$(awk '/^VmHWM:/ { print $2 " " $3 }' "/proc/$server_pid/status" 2>/dev/null || echo "?")

stop_server

# ------------------------------------------------------------- 7. at scale
# Lists, reports and the scheduler at BENCH_ORDERS orders (default
# 1,000,000 across 10,000 users), built with SQL (scripts/bench-data.sql),
# measured one request at a time (median and p95 of BENCH_SCALE_REQUESTS
# requests each); figures also go to var/bench/scale.json. Kept apart from
# the throughput sections above (a function of its own).
bench_scale() {
    local orders=${BENCH_ORDERS:-1000000} scale_db=orderd_scale
    local scale_url="postgresql://postgres@127.0.0.1:$pg_port/$scale_db"
    local started
    sql "DROP DATABASE IF EXISTS $scale_db WITH (FORCE)"
    sql "CREATE DATABASE $scale_db"
    DATABASE_URL=$scale_url "$orderd" migrate >"$work/scale-migrate.log" 2>&1 ||
        { cat "$work/scale-migrate.log" >&2; return 1; }
    echo "bench: building $orders orders with SQL (scripts/bench-data.sql)"
    started=$SECONDS
    psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$scale_db" -v users=10000 \
        -v orders="$orders" -v pending=$((orders / 10)) -f scripts/bench-data.sql
    echo "bench: data set built in $((SECONDS - started)) s"
    env DATABASE_URL="$scale_url" REDIS_URL="redis://127.0.0.1:$redis_port/0" \
        HOST=127.0.0.1 PORT="$bench_port" APP_ENV=development BCRYPT_COST=4 \
        RATE_LIMIT_MAX_REQUEST=1000000000 RATE_LIMIT_WINDOW_SECONDS=3600 \
        SCHEDULER_INTERVAL_SECONDS=1 PROCESSING_WORK_SECONDS=0 LOG_LEVEL=warn \
        "$orderd" serve >"$server_log" 2>&1 &
    server_pid=$!
    mkdir -p var/bench
    python3 scripts/bench-scale.py "$base" "$scale_url" "$orderd" "$orders" var/bench/scale.json
    stop_server
    sql "DROP DATABASE IF EXISTS $scale_db WITH (FORCE)"
}
if [ "${BENCH_SCALE:-1}" != 0 ]; then
    bench_scale
fi

# ---------------------------------------------------------------- report
row() { # label requests seconds p50_us p99_us errors
    awk -v label="$1" -v n="$2" -v s="$3" -v p50="$4" -v p99="$5" -v errors="$6" 'BEGIN {
        printf "%-30s %12.1f %10.2f %10.2f %10s\n", label, (s > 0 ? n / s : 0),
               p50 / 1000, p99 / 1000, errors }'
}
read -r _ create_n create_s create_p50 create_p99 create_err <"$work/create.result"
read -r _ login_n login_s login_p50 login_p99 login_err <"$work/login.result"
: >"$work/results"
echo
echo "orderd bench: $(nproc) cores, wrk -t2 -d${duration}s --latency, pgbench -M prepared -j 2," \
    "transport $transport, server $orderd"
printf "%-30s %12s %10s %10s %10s\n" endpoint req/s p50_ms p99_ms errors
throughput_report "GET /users/me" me me
throughput_report "GET /orders?page_size=20" orders orders
row "POST /orders -c64" "$create_n" "$create_s" "$create_p50" "$create_p99" "$create_err"
row "POST /users/login -c64 (cost $bcrypt_cost)" "$login_n" "$login_s" "$login_p50" "$login_p99" \
    "$login_err"
for name in me orders; do
    for clients in $connection_counts; do
        printf "%-30s %12.1f\n" "pgbench $name -c$clients (tps)" "$(cat "$work/pgbench-$name-$clients.tps")"
    done
done
bench_result transport "$transport"
bench_result duration_seconds "$duration"
bench_result cores "$(nproc)"
bench_results_write "$results_file"
echo "orderd peak RSS (VmHWM): $peak_rss"
echo "results: $results_file"
echo "(errors: wrk's connect/read/write/timeout errors plus non-2xx answers; server log: $server_log)"
