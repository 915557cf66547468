#!/usr/bin/env bash
# scripts/test.sh UNIT_BINARY... - runs every test of the project:
#
#   1. each cmocka unit test binary given, with TEST_DATABASE_URL naming a
#      fresh, empty database on the private PostgreSQL (created for that
#      binary, dropped after it), TEST_DATABASE_STOP_CMD / _START_CMD that
#      stop and start that PostgreSQL (test_db's outage test; the services
#      are started again after every binary in any case), SPECC_TEST_PG (a
#      libpq conninfo prefix for the spec compiler's verify tests) and
#      TEST_REDIS_URL (database 1 of the private Redis; the servers use 0);
#      stops at the first failing binary;
#   2. scripts/verify.sh (generated queries against a migrated database);
#   3. the end-to-end suite, python3 tests/e2e/run.py.
#
# ORDERD names the server binary under test (default build/orderd; `make
# test-asan` passes build/asan/orderd). Ends with one line
# "N passed, N failed" (N counts unit binaries and end-to-end tests; a
# failed verify counts as one failure) and exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ORDERD=${ORDERD:-build/orderd}
export PG_PORT=${PG_PORT:-15432}
export REDIS_PORT=${REDIS_PORT:-16379}
admin_url="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
passed=0
failed=0
database=
e2e_output=$(mktemp)

sql() { psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "$1" >/dev/null; }

drop_database() {
    [ -n "$database" ] || return 0
    sql "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
    database=
}

cleanup() {
    drop_database
    rm -f "$e2e_output"
}
trap cleanup EXIT

finish() {
    echo "$passed passed, $failed failed"
    if [ "$failed" -eq 0 ]; then exit 0; fi
    exit 1
}

scripts/services.sh start >/dev/null

# 1. unit tests
export TEST_DATABASE_STOP_CMD="'$PWD/scripts/services.sh' pg-stop >/dev/null"
export TEST_DATABASE_START_CMD="'$PWD/scripts/services.sh' pg-start >/dev/null"
export SPECC_TEST_PG="host=127.0.0.1 port=$PG_PORT user=postgres"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
index=0
for binary in "$@"; do
    index=$((index + 1))
    database="orderd_unit_$$_$index"
    sql "CREATE DATABASE $database"
    echo "== $binary"
    unit_status=0
    TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/$database" "$binary" ||
        unit_status=$?
    scripts/services.sh start >/dev/null  # in case a test left PostgreSQL down
    if [ "$unit_status" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $binary"
        finish
    fi
    drop_database
done

# 2. generated queries against the real schema
echo "== scripts/verify.sh"
if ! scripts/verify.sh; then
    failed=$((failed + 1))
    echo "FAILED: scripts/verify.sh"
    finish
fi

# 3. end to end
echo "== tests/e2e (ORDERD=$ORDERD)"
e2e_status=0
python3 tests/e2e/run.py 2>&1 | tee "$e2e_output" || e2e_status=$?
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$e2e_output" | tail -n 1 || true)
if [ -n "$summary" ]; then
    passed=$((passed + $(awk '{ print $1 }' <<<"$summary")))
    failed=$((failed + $(awk '{ print $3 }' <<<"$summary")))
fi
if [ "$e2e_status" -ne 0 ]; then
    echo "FAILED: tests/e2e"
    # a crash before the summary still counts as a failure
    [ -n "$summary" ] && [ "$(awk '{ print $3 }' <<<"$summary")" -gt 0 ] || failed=$((failed + 1))
fi
finish
