#!/usr/bin/env bash
# scripts/check-config.sh - every configuration variable orderd reads (the
# lines of runtime/rt_config.def) is documented in .env.example, in the
# README's Configuration table, and passed to the containers by
# docker-compose.yml; a variable .env.example sets (NAME=VALUE, not
# commented out) shows its default there, exactly; and the compose
# stop_grace_period outlasts the default PROCESSING_WORK_SECONDS, so a
# worker stopped by compose can finish a job. Run by .ci/run; prints what
# is missing and exits 1, else ends with "N passed, 0 failed" (one check
# per variable).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# "NAME DEFAULT" per setting; DEFAULT is a string literal's text, or "-"
# when it is not a literal (computed, or a macro).
settings=$(sed -nE 's/^RT_CONFIG_SETTING\([A-Z0-9]+, ([A-Z0-9_]+), [a-z0-9_]+, ("[^"]*"|[A-Za-z_]+),.*/\1 \2/p' \
               runtime/rt_config.def |
           sed -E 's/ "(.*)"$/ =\1/; s/ [A-Za-z_]+$/ -/')
[ -n "$settings" ] || { echo "check-config: no settings found in runtime/rt_config.def" >&2; exit 1; }
names=$(awk '{ print $1 }' <<<"$settings")

# The README's Configuration section: from its heading to the next one.
readme_section=$(awk '/^## Configuration/ { on = 1; next } /^## / { on = 0 } on' README.md)

passed=0
failed=0
for name in $names; do
    problems=()
    grep -qE "^(# )?$name=" .env.example || problems+=(".env.example")
    grep -qF "\`$name\`" <<<"$readme_section" || problems+=("README Configuration table")
    grep -qE "^ +$name:" docker-compose.yml || problems+=("docker-compose.yml environment")
    default=$(awk -v name="$name" '$1 == name { sub(/^[^ ]+ /, ""); print; exit }' <<<"$settings")
    documented=$(sed -n "s/^$name=//p" .env.example | tail -n 1)
    if [ "$default" != - ] && grep -qE "^$name=" .env.example && [ "=$documented" != "$default" ]; then
        problems+=(".env.example default (it says \"$documented\", rt_config.def \"${default#=}\")")
    fi
    if [ "${#problems[@]}" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "check-config: $name is missing from or wrong in: ${problems[*]}"
    fi
done

# stop_grace_period (seconds) >= PROCESSING_WORK_SECONDS's default.
work=$(awk '$1 == "PROCESSING_WORK_SECONDS" { sub(/^=/, "", $2); print $2 }' <<<"$settings")
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
