#!/usr/bin/env bash
# scripts/check-config.sh - every configuration variable orderd reads (the
# names in runtime/rt_config.c's config_settings table) is documented in
# .env.example, in the README's Configuration table, and passed to the
# containers by docker-compose.yml; and the compose stop_grace_period
# outlasts the default PROCESSING_WORK_SECONDS, so a worker stopped by
# compose can finish a job. Run by .ci/run; prints what is missing and
# exits 1, else ends with "N passed, 0 failed" (one check per variable).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

names=$(grep -oE 'CONFIG_[A-Z0-9]+_SETTING\("[A-Z0-9_]+"' runtime/rt_config.c |
            sed -E 's/.*\("//; s/"$//')
[ -n "$names" ] || { echo "check-config: no settings found in runtime/rt_config.c" >&2; exit 1; }

# The README's Configuration section: from its heading to the next one.
readme_section=$(awk '/^## Configuration/ { on = 1; next } /^## / { on = 0 } on' README.md)

passed=0
failed=0
for name in $names; do
    problems=()
    grep -qE "^(# )?$name=" .env.example || problems+=(".env.example")
    grep -qF "\`$name\`" <<<"$readme_section" || problems+=("README Configuration table")
    grep -qE "^ +$name:" docker-compose.yml || problems+=("docker-compose.yml environment")
    if [ "${#problems[@]}" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "check-config: $name is missing from: ${problems[*]}"
    fi
done

# stop_grace_period (seconds) >= PROCESSING_WORK_SECONDS's default.
work=$(grep -oE 'CONFIG_INT64_SETTING\("PROCESSING_WORK_SECONDS", [a-z_]+, "[0-9]+"' \
           runtime/rt_config.c | grep -oE '"[0-9]+"$' | tr -d '"')
grace=$(grep -oE '^ +stop_grace_period: [0-9]+s' docker-compose.yml | grep -oE '[0-9]+' || true)
if [ -n "$grace" ] && [ -n "$work" ] && [ "$(sort -n <<<"$grace" | head -n 1)" -gt "$work" ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "check-config: docker-compose.yml needs a stop_grace_period (in s) longer than" \
         "PROCESSING_WORK_SECONDS (${work:-?} s), got: ${grace:-none}"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
