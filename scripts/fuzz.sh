#!/usr/bin/env bash
# scripts/fuzz.sh FUZZ_REQUEST FUZZ_SPEC - runs the two libFuzzer targets
# (tests/fuzz/) for FUZZ_SECONDS each (default 60), one after the other.
# `make fuzz` builds them and calls this; CI runs it as a phase of its own.
#
# Seed corpora:
#   fuzz_request  tests/fuzz/corpus/request/ (committed JSON bodies and a
#                 query string), read only;
#   fuzz_spec     built here from the spec, the migrations and the golden
#                 tests' inputs (tests/golden/*/): each seed is one byte that
#                 says what the file is (0 endpoints, 1 queries, 2 a
#                 migration; see tests/fuzz/fuzz_spec.c) and then the file.
# What the fuzzer finds is kept under build/fuzz/corpus/NAME/ (so a later
# run starts from it); a crash, a sanitizer report, a timeout (10 s for one
# input) or a leak leaves its input as build/fuzz/NAME-crash-... and fails
# the run. Each target counts as one test: the output ends with
# "N passed, N failed" (.ci/run adds it up).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ "$#" -eq 2 ] || { echo "usage: scripts/fuzz.sh FUZZ_REQUEST FUZZ_SPEC" >&2; exit 2; }
seconds=${FUZZ_SECONDS:-60}
work=build/fuzz
passed=0
failed=0
failed_parts=()

# The compiler's seeds: a kind byte, then the file.
spec_seeds=$work/seeds/spec
rm -rf "$spec_seeds"
mkdir -p "$spec_seeds"
add_seed() {
    local kind=$1 file=$2 name
    name=$(tr '/' '_' <<<"$file")
    { printf "\\x$kind"; cat "$file"; } >"$spec_seeds/$name"
}
shopt -s nullglob
for file in spec/*.api tests/golden/*/spec/*.api; do add_seed 00 "$file"; done
for file in spec/*.sql tests/golden/*/spec/*.sql; do add_seed 01 "$file"; done
for file in migrations/*.sql tests/golden/*/migrations/*.sql; do add_seed 02 "$file"; done
shopt -u nullglob

# Runs one target: fuzz NAME BINARY SEED_FOLDER.
fuzz() {
    local name=$1 binary=$2 seeds=$3 log=$work/$1.log status=0
    mkdir -p "$work/corpus/$name"
    echo "== $name: ${seconds} s from $(find "$seeds" -type f | wc -l) seeds ($seeds)"
    "$binary" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$work/$name-" "$work/corpus/$name" "$seeds" >"$log" 2>&1 ||
        status=$?
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "== $name: passed: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)," \
             "$(sed -n 's/^stat::new_units_added: *//p' "$log") new inputs kept"
    else
        failed=$((failed + 1))
        failed_parts+=("$name")
        echo "== $name: FAILED (exit status $status); the end of its output ($log):"
        tail -n 60 "$log"
    fi
}

fuzz fuzz_request "$1" tests/fuzz/corpus/request
fuzz fuzz_spec "$2" "$spec_seeds"

if [ "${#failed_parts[@]}" -gt 0 ]; then
    echo "FAILED: ${failed_parts[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
