#!/usr/bin/env bash
# scripts/run.sh - migrate and run orderd against the private PostgreSQL and
# Redis of scripts/services.sh (unless DATABASE_URL / REDIS_URL say
# otherwise). Runs `orderd all` (server, worker and scheduler in one
# process) when the binary has that subcommand, else `orderd serve`.
# ORDERD names the binary (default build/orderd).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
orderd=${ORDERD:-build/orderd}
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:${PG_PORT:-15432}/orderd}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-16379}/0}

[ -x "$orderd" ] || { echo "run: $orderd not found (run 'make build')" >&2; exit 1; }
"$orderd" migrate
exec "$orderd" all
