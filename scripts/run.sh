#!/usr/bin/env bash
# scripts/run.sh - migrate and run orderd against the private PostgreSQL and
# Redis of scripts/services.sh (unless DATABASE_URL / REDIS_URL say
# otherwise): `orderd all` (server, worker and scheduler in one process).
# Once it answers /healthz, one human line says where the API, the console,
# the docs and the schema are; Ctrl-C (or SIGTERM) stops it gracefully. ORDERD names the
# binary (default build/orderd).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
orderd=${ORDERD:-build/orderd}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:${PG_PORT:-15432}/orderd}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-16379}/0}

[ -x "$orderd" ] || { echo "run: $orderd not found (run 'make build')" >&2; exit 1; }
"$orderd" migrate

# The port orderd will use: PORT from the environment, else the .env file
# (orderd config knows which), else 8000.
port=$("$orderd" config | sed -n 's/^PORT=\([0-9]*\).*/\1/p')
base="http://localhost:${port:-8000}"

# True when orderd answers GET /healthz with 200 (bash's /dev/tcp: no curl needed).
healthy() {
    local answer
    exec 3<>"/dev/tcp/127.0.0.1/${port:-8000}" 2>/dev/null || return 1
    printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
    read -r -t 2 answer <&3 || answer=
    exec 3>&-
    [[ $answer == "HTTP/1.1 200"* ]]
}

"$orderd" all &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"  # it failed to start: its status is ours
        exit $?
    fi
    if healthy; then
        echo "orderd is running: API $base/  console $base/console/  docs $base/api/docs/  schema $base/api/schema/  (Ctrl-C stops it)"
        break
    fi
    sleep 0.1
done
status=0
wait "$pid" || status=$?
# The first wait returns when the trap runs: wait for the graceful exit.
if kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || status=$?
fi
exit "$status"
