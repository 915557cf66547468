#!/usr/bin/env bash
# scripts/bench.sh - measures orderd with wrk, and the database's own ceiling
# with pgbench, on this machine. Prints numbers; never asserts timings.
#
#   1. a fresh database orderd_bench on the private PostgreSQL, migrated;
#   2. `orderd serve` on 127.0.0.1:18080 (BENCH_PORT) with the rate limit
#      out of the way (RATE_LIMIT_MAX_REQUEST=1000000000) and production's
#      bcrypt cost (BCRYPT_COST=12);
#   3. one user registered and signed in;
#   4. wrk -t2 -c64 -d10s (BENCH_DURATION) on GET /users/me (with the access
#      token) and on POST /users/login (bcrypt-bound by design);
#   5. the server's peak resident memory (VmHWM);
#   6. the query behind GET /users/me (GetUser, read from spec/users.sql)
#      through pgbench -M prepared -c 64 -j 2 for as long: what PostgreSQL
#      alone can do, so "me / pgbench" says how much of it the server keeps.
#
# The server is stopped and the database dropped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
orderd=${ORDERD:-build/orderd}
pg_port=${PG_PORT:-15432}
redis_port=${REDIS_PORT:-16379}
bench_port=${BENCH_PORT:-18080}
duration=${BENCH_DURATION:-10}
database=orderd_bench
admin_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
database_url="postgresql://postgres@127.0.0.1:$pg_port/$database"
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
env DATABASE_URL="$database_url" REDIS_URL="redis://127.0.0.1:$redis_port/0" \
    HOST=127.0.0.1 PORT="$bench_port" APP_ENV=development \
    RATE_LIMIT_MAX_REQUEST=1000000000 RATE_LIMIT_WINDOW_SECONDS=3600 \
    BCRYPT_COST=12 LOG_LEVEL="${BENCH_LOG_LEVEL:-info}" \
    "$orderd" serve >"$server_log" 2>&1 &
server_pid=$!

# ------------------------------------------------------------ 3. a user
# python3 (standard library) does the HTTP and JSON: no curl or jq needed.
python3 - "$base" "$work" "$server_pid" <<'EOF'
import json, os, sys, time, urllib.error, urllib.request, uuid

base, work = sys.argv[1], sys.argv[2]

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
server_pid = int(sys.argv[3])
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

email = "bench-%s@example.com" % uuid.uuid4().hex[:12]
password = "bench-password-1"
call("POST", "/users/register", {"name": "Bench", "email": email, "password": password})
tokens = call("POST", "/users/login", {"email": email, "password": password})
me = call("GET", "/users/me", token=tokens["access"])
for name, value in (("token", tokens["access"]), ("uid", me["id"]),
                    ("login_body", json.dumps({"email": email, "password": password}))):
    with open("%s/%s" % (work, name), "w") as out:
        out.write(value)
EOF

# ----------------------------------------------------------------- 4. wrk
# done() prints: requests seconds p50_us p99_us errors
report='
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %.6f %d %d %d\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end'
cat >"$work/me.lua" <<EOF
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $(cat "$work/token")"
$report
EOF
lua_body=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$work/login_body")
cat >"$work/login.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = $lua_body
$report
EOF

run_wrk() { # name script path
    wrk -t2 -c64 -d"${duration}s" -s "$2" "$base$3" >"$work/$1.out" 2>&1 ||
        { cat "$work/$1.out" >&2; echo "bench: wrk failed" >&2; exit 1; }
    grep '^BENCH ' "$work/$1.out" | tail -n 1 >"$work/$1.result"
}
echo "bench: wrk -t2 -c64 -d${duration}s GET /users/me"
run_wrk me "$work/me.lua" /users/me
echo "bench: wrk -t2 -c64 -d${duration}s POST /users/login (BCRYPT_COST=12)"
run_wrk login "$work/login.lua" /users/login

# ---------------------------------------------------------- 5. peak memory
peak_rss=$(awk '/^VmHWM:/ { print $2 " " $3 }' "/proc/$server_pid/status" 2>/dev/null || echo "?")

# ------------------------------------------------------------- 6. pgbench
# The GetUser query from spec/users.sql, @uid as a pgbench variable.
query=$(awk '/^-- name: GetUser /{on=1; next} /^-- name:/{on=0} on && !/^--/' spec/users.sql |
        sed 's/@uid/:uid/g' | tr '\n' ' ' | sed 's/[; ]*$//')
[ -n "$query" ] || query="SELECT uid AS id, name, email, role, created_at FROM users WHERE uid = :uid AND deleted_at IS NULL"
# (pgbench's \set holds numbers only: the uuid comes in with -D uid=...)
echo "$query;" >"$work/me.sql"
echo "bench: pgbench -M prepared -c 64 -j 2 -T $duration (GET /users/me's query)"
(cd "$work" && pgbench -n -M prepared -c 64 -j 2 -T "$duration" -D "uid=$(cat uid)" \
    -f me.sql -h 127.0.0.1 -p "$pg_port" -U postgres "$database" >pgbench.out 2>&1) ||
    { cat "$work/pgbench.out" >&2; exit 1; }
pgbench_tps=$(awk '/^tps = / { print $3; exit }' "$work/pgbench.out")
# pgbench gives the mean latency only (its per-transaction log uses a coarse
# clock under load, so no percentiles from it).
pgbench_latency=$(awk '/^latency average = / { print $4; exit }' "$work/pgbench.out")

stop_server

# ---------------------------------------------------------------- report
row() { # label requests seconds p50_us p99_us errors
    awk -v label="$1" -v n="$2" -v s="$3" -v p50="$4" -v p99="$5" -v errors="$6" 'BEGIN {
        printf "%-26s %12.1f %10.2f %10.2f %10s\n", label, (s > 0 ? n / s : 0),
               p50 / 1000, p99 / 1000, errors }'
}
read -r _ me_n me_s me_p50 me_p99 me_err <"$work/me.result"
read -r _ login_n login_s login_p50 login_p99 login_err <"$work/login.result"
echo
echo "orderd bench: $(nproc) cores, wrk -t2 -c64 -d${duration}s, server $orderd"
printf "%-26s %12s %10s %10s %10s\n" endpoint req/s p50_ms p99_ms errors
row "GET /users/me" "$me_n" "$me_s" "$me_p50" "$me_p99" "$me_err"
row "POST /users/login" "$login_n" "$login_s" "$login_p50" "$login_p99" "$login_err"
printf "%-26s %12.1f %10s %10s %10s   (mean latency %s ms)\n" "pgbench GetUser (tps)" \
    "$pgbench_tps" - - - "$pgbench_latency"
awk -v n="$me_n" -v s="$me_s" -v tps="$pgbench_tps" 'BEGIN {
    printf "GET /users/me / pgbench tps: %.2f\n", (tps > 0 && s > 0 ? (n / s) / tps : 0) }'
echo "orderd peak RSS (VmHWM): $peak_rss"
echo "(errors: wrk's connect/read/write/timeout errors plus non-2xx answers; server log: $server_log)"
