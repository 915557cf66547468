#!/usr/bin/env bash
# scripts/openapi-check.sh - checks what clients are generated from
# (README, "The OpenAPI document and the Postman collection"), with the npm
# tools pinned in tools/openapi/package.json and package-lock.json:
#
#   1. npm ci in tools/openapi (node and npm are Debian packages:
#      scripts/deps.sh);
#   2. redocly lint generated/openapi.json on the recommended ruleset
#      (tools/openapi/redocly.yaml): any error or warning fails;
#   3. openapi-typescript turns it into tools/openapi/build/api.d.ts and
#      tsc --strict compiles tools/openapi/client.ts against those types;
#   4. newman runs generated/postman_collection.json against a real orderd
#      on the private PostgreSQL and Redis (tools/openapi/run_newman.py,
#      started as the end-to-end tests start one).
#
# Needs build/orderd (or $ORDERD) and the private services (started here
# when not running, stopped again at the end then). Honours PG_PORT and
# REDIS_PORT. Ends with "N passed, N failed" (one per step) and exits
# non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
tools=tools/openapi
bin=$tools/node_modules/.bin
passed=0
failed=0
services_started=no

finish() {
    if [ "$services_started" = yes ]; then
        scripts/services.sh stop >/dev/null 2>&1 || true
    fi
    echo "$passed passed, $failed failed"
}
trap finish EXIT

step() {
    local name=$1
    shift
    echo "== openapi-check: $name"
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name"
    fi
}

# redocly prints {"totals": {"errors": N, "warnings": N, ...}} with --format=json.
lint() {
    local report
    report=$(mktemp)
    "$bin/redocly" lint --config "$tools/redocly.yaml" --format=json generated/openapi.json \
        >"$report" 2>/dev/null || true
    "$bin/redocly" lint --config "$tools/redocly.yaml" generated/openapi.json 2>&1 |
        grep -v -e '║' -e '╔' -e '╚' || true
    python3 - "$report" <<'PY'
import json, sys
totals = json.load(open(sys.argv[1]))["totals"]
print("redocly: %d errors, %d warnings" % (totals["errors"], totals["warnings"]))
sys.exit(1 if totals["errors"] or totals["warnings"] else 0)
PY
    local status=$?
    rm -f "$report"
    return "$status"
}

types() {
    mkdir -p "$tools/build"
    "$bin/openapi-typescript" generated/openapi.json -o "$tools/build/api.d.ts" &&
        "$bin/tsc" -p "$tools/tsconfig.json" &&
        echo "tsc --strict: $tools/client.ts compiles against the generated types"
}

collection() {
    python3 "$tools/run_newman.py" generated/postman_collection.json
}

echo "== openapi-check: npm ci ($tools)"
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)

if ! scripts/services.sh status >/dev/null 2>&1; then
    scripts/services.sh start >/dev/null
    services_started=yes
fi

step "redocly lint" lint
step "openapi-typescript + tsc --strict" types
step "newman" collection
[ "$failed" -eq 0 ]
