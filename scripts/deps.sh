#!/usr/bin/env bash
# scripts/deps.sh - make sure the Debian packages orderd needs are installed,
# then the npm packages of web/ (Swagger UI for /api/docs/; esbuild,
# typescript and openapi-typescript, which build the console of /console/;
# playwright-core for the browser tests): `npm ci` from web/package-lock.json (exact
# versions, no install scripts), run only when web/node_modules is missing
# or older than the lock file.
#
# node and npm run the OpenAPI checks (scripts/openapi-check.sh); clang and
# libclang-rt-14-dev (libFuzzer) build the fuzz targets (`make fuzz`).
# Checks every package with one dpkg-query call (fast and silent when all
# are present). Installs the missing ones with apt-get (as root) or
# `sudo -n apt-get` (when sudo works without a password), running
# `apt-get update` once first. Otherwise prints the exact command to run
# and exits 1. Used by `make deps` (and so `make run`, `make test`) and by
# .ci/run on a fresh Debian 12.
set -euo pipefail

packages=(
    build-essential gcc make pkg-config git python3 ca-certificates
    libmicrohttpd-dev libpq-dev libhiredis-dev libjansson-dev libjwt-dev
    libcrypt-dev libcmocka-dev re2c libpg-query-dev libcurl4-openssl-dev libssl-dev
    clang libclang-rt-14-dev
    postgresql redis-server wrk
    nodejs chromium
)
# Debian's npm; a Node.js from elsewhere (e.g. NodeSource's nodejs, which
# conflicts with Debian's npm) brings its own.
command -v npm >/dev/null 2>&1 || packages+=(npm)

# dpkg-query prints "ii " for installed packages; unknown ones go to stderr.
installed=$(dpkg-query -W -f='${db:Status-Abbrev}${Package}\n' "${packages[@]}" \
                2>/dev/null | awk '$1 == "ii" { print $2 }' || true)
missing=()
for package in "${packages[@]}"; do
    if ! grep -qxF -- "$package" <<<"$installed"; then
        missing+=("$package")
    fi
done
# node and npm from elsewhere (e.g. NodeSource's nodejs, which bundles npm
# and conflicts with Debian's npm) are used as they are.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    kept=()
    for package in "${missing[@]}"; do
        case $package in nodejs | npm) ;; *) kept+=("$package") ;; esac
    done
    missing=("${kept[@]}")
fi

# The npm packages of web/ (after the Debian ones: npm is one of them).
install_web() {
    local marker=web/node_modules/.package-lock.json
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    if [ -f "$marker" ] && [ ! web/package-lock.json -nt "$marker" ]; then
        return 0
    fi
    echo "deps: npm ci in web/"
    (cd web && SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
}

if [ "${#missing[@]}" -eq 0 ]; then
    install_web
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_get=(sudo -n env DEBIAN_FRONTEND=noninteractive apt-get)
else
    echo "deps: missing packages: ${missing[*]}" >&2
    echo "deps: install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -q
"${apt_get[@]}" install -y -q --no-install-recommends "${missing[@]}"
install_web
