#!/usr/bin/env bash
# scripts/verify.sh - checks the generated queries against a real database:
# creates a fresh database on the private PostgreSQL, migrates it with
# `$ORDERD migrate`, runs `build/specc verify` (every query prepared and its
# parameter and result types compared with what the generator assumed), and
# drops the database again, whatever happened.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
orderd=${ORDERD:-build/orderd}
specc=${SPECC:-build/specc}
pg_port=${PG_PORT:-15432}
database="orderd_verify_$$"
admin_url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
url="postgresql://postgres@127.0.0.1:$pg_port/$database"

sql() { psql -X -q -v ON_ERROR_STOP=1 "$admin_url" -c "$1" >/dev/null; }

migrate_log=$(mktemp)
cleanup() {
    sql "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
    rm -f "$migrate_log"
}

sql "CREATE DATABASE $database"
trap cleanup EXIT
# migrate logs a line per file; show them only when it fails
DATABASE_URL=$url "$orderd" migrate >"$migrate_log" 2>&1 ||
    { cat "$migrate_log" >&2; echo "verify: $orderd migrate failed" >&2; exit 1; }
"$specc" verify --database "$url" migrations/*.sql spec/*.sql spec/*.api
