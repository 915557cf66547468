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
#   2. scripts/verify.sh (generated queries against a migrated database);
#   3. the end-to-end suite, python3 tests/e2e/run.py.
#
# Every test counts: each cmocka test of each binary (read from cmocka's
# "[==========] N test(s) run." and "[  PASSED  ] N test(s)." lines; a
# binary that dies before its summary counts as one more failure), verify
# as one, and each end-to-end test. A passing binary prints one line; a
# failing one prints its whole output. Everything runs even after a
# failure, so the total is complete. The output ends with the names of the
# failed parts and then one line "N passed, N failed" (.ci/run reads it);
# the exit status is non-zero on any failure.
#
# ORDERD names the server binary under test (default build/orderd; `make
# test-asan` passes build/asan/orderd), SPECC the spec compiler that
# scripts/verify.sh runs (default build/specc; `make test-asan` passes
# build/asan/specc). `scripts/test.sh --units-only
# BINARY...` runs only step 1 (tests/e2e/test_testsh.py checks the count).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ORDERD=${ORDERD:-build/orderd}
export PG_PORT=${PG_PORT:-15432}
export REDIS_PORT=${REDIS_PORT:-16379}
admin_url="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
passed=0
failed=0
failed_parts=()
database=
output=$(mktemp)

sql() { psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "$1" >/dev/null; }

drop_database() {
    [ -n "$database" ] || return 0
    sql "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
    database=
}

cleanup() {
    drop_database
    rm -f "$output"
}
trap cleanup EXIT

# Sums a cmocka output's "N test(s) run.", "[  PASSED  ] N test(s)." and
# "[  SKIPPED ] N test(s)" lines (one of each per group): prints "RUN
# PASSED SKIPPED". A skipped test is neither passed nor failed.
cmocka_counts() {
    awk '/^\[==========\] [0-9]+ test\(s\) run\./ { run += $2 }
         /^\[  PASSED  \] [0-9]+ test\(s\)\./     { ok += $4 }
         /^\[  SKIPPED \] [0-9]+ test\(s\)/        { skipped += $4 }
         END { printf "%d %d %d\n", run, ok, skipped }' "$1"
}

# Runs one unit binary on a fresh database and counts its tests.
run_unit() {
    local binary=$1 status=0 run ok skipped bad
    database="orderd_unit_$$_$2"
    sql "CREATE DATABASE $database"
    TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/$database" "$binary" \
        >"$output" 2>&1 || status=$?
    scripts/services.sh start >/dev/null  # in case a test left PostgreSQL down
    drop_database
    read -r run ok skipped < <(cmocka_counts "$output")
    bad=$((run - ok - skipped))
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1  # died before (or without) its summary
    fi
    passed=$((passed + ok))
    failed=$((failed + bad))
    if [ "$bad" -eq 0 ]; then
        if [ "$skipped" -gt 0 ]; then
            echo "== $binary: $ok passed, $skipped skipped"
        else
            echo "== $binary: $ok passed"
        fi
    else
        echo "== $binary: $ok passed, $bad failed (exit status $status); its output:"
        cat "$output"
        failed_parts+=("$binary")
    fi
}

finish() {
    if [ "${#failed_parts[@]}" -gt 0 ]; then
        echo "FAILED: ${failed_parts[*]}"
    fi
    echo "$passed passed, $failed failed"
    if [ "$failed" -eq 0 ]; then exit 0; fi
    exit 1
}

units_only=no
if [ "${1:-}" = --units-only ]; then
    units_only=yes
    shift
fi
scripts/services.sh start >/dev/null

# 1. unit tests
export TEST_DATABASE_STOP_CMD="'$PWD/scripts/services.sh' pg-stop >/dev/null"
export TEST_DATABASE_START_CMD="'$PWD/scripts/services.sh' pg-start >/dev/null"
export SPECC_TEST_PG="host=127.0.0.1 port=$PG_PORT user=postgres"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
index=0
for binary in "$@"; do
    index=$((index + 1))
    run_unit "$binary" "$index"
done

[ "$units_only" = no ] || finish

# 2. generated queries against the real schema
if scripts/verify.sh >"$output" 2>&1; then
    passed=$((passed + 1))
    echo "== scripts/verify.sh: $(tail -n 1 "$output")"
else
    failed=$((failed + 1))
    echo "== scripts/verify.sh failed; its output:"
    cat "$output"
    failed_parts+=("scripts/verify.sh")
fi

# 3. end to end (run.py prints failures in full and ends with its count)
echo "== tests/e2e (ORDERD=$ORDERD)"
e2e_status=0
python3 tests/e2e/run.py 2>&1 | tee "$output" || e2e_status=$?
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$output" | tail -n 1 || true)
if [ -n "$summary" ]; then
    passed=$((passed + $(awk '{ print $1 }' <<<"$summary")))
    failed=$((failed + $(awk '{ print $3 }' <<<"$summary")))
fi
if [ "$e2e_status" -ne 0 ]; then
    failed_parts+=("tests/e2e")
    # a crash before the summary still counts as a failure
    [ -n "$summary" ] && [ "$(awk '{ print $3 }' <<<"$summary")" -gt 0 ] || failed=$((failed + 1))
fi
finish
