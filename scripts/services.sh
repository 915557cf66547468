#!/usr/bin/env bash
# scripts/services.sh start|stop|status - the project's private PostgreSQL
# and Redis, kept under var/ in the project folder; nothing global is touched.
#
#   var/pg/data        the PostgreSQL cluster (initdb on first start)
#   var/pg/run         its Unix socket directory
#   var/pg/postgres.log  its log (var/log/postgres.log links to it)
#   var/redis/         Redis's pid file and working directory, and its Unix
#                      socket var/redis/redis.sock (REDIS_URL=unix://...)
#   var/log/redis.log  Redis's log
#
# Ports: PG_PORT (default 15432) and REDIS_PORT (default 16379), loopback
# only; both also listen on a Unix socket (var/pg/run/.s.PGSQL.<port>,
# var/redis/redis.sock), the faster way for a process on this machine. PostgreSQL trusts every local connection (initdb --auth=trust): it
# listens on 127.0.0.1 and a private socket only, and holds development data.
# PG_EXTRA_OPTS adds server options (CI passes "-c fsync=off ...").
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# `postgres` user and every PostgreSQL command runs through
# `runuser -u postgres --`. That user must be able to reach the data
# directory: when the project folder is not traversable by it (a clone under
# /root, mode 0700), the cluster lives in /tmp/orderd-<hash of the project
# path>/ instead and var/pg is a symbolic link to it.
#
# start is idempotent (a running service is left alone) and handles stale
# pid files; stop is a fast shutdown. Processes are found only through their
# pid files, never by name.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
var="$root/var"
pg_port=${PG_PORT:-15432}
redis_port=${REDIS_PORT:-16379}
pg_dir="$var/pg"
redis_dir="$var/redis"
redis_pid_file="$redis_dir/redis.pid"
redis_log="$var/log/redis.log"
database=orderd

die() { echo "services: $*" >&2; exit 1; }
say() { echo "services: $*"; }

# The newest installed PostgreSQL server binaries (Debian keeps them off PATH).
pg_bin=
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    pg_bin=$dir
done
if [ -z "$pg_bin" ]; then
    command -v pg_ctl >/dev/null 2>&1 || die "PostgreSQL server not found (run scripts/deps.sh)"
    pg_bin=$(dirname "$(command -v pg_ctl)")
fi

# Runs a command as the owner of the cluster.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        # from / : the current directory may be private to root
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# True when PID is a live (not zombie) process whose command is NAME.
process_is() {
    local pid=$1 name=$2 state comm
    [ -n "$pid" ] && [ -r "/proc/$pid/status" ] || return 1
    state=$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || return 1
    [ "$state" != Z ] && [ "$state" != X ] || return 1
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
    [[ "$comm" == "$name"* ]]
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ------------------------------------------------------------- PostgreSQL

# Paths of the cluster, through the real directory (var/pg may be a link
# into /tmp, and the postgres user may not be able to traverse var/).
pg_paths() {
    local real
    real=$(readlink -f "$pg_dir" 2>/dev/null || echo "$pg_dir")
    pg_data="$real/data"
    pg_socket_dir="$real/run"
    pg_log="$real/postgres.log"
}
pg_paths

# Creates var/pg (or the /tmp location and the link), owned by the cluster
# owner. Invariant afterwards: $pg_dir is a directory the owner can write.
pg_prepare_dir() {
    mkdir -p "$var/log"
    if [ -e "$pg_dir" ] || [ -L "$pg_dir" ]; then
        [ -d "$pg_dir" ] || die "$pg_dir is a dangling link; remove it"
    elif [ "$(id -u)" -eq 0 ] && ! (cd / && runuser -u postgres -- test -x "$var"); then
        # The project folder is private to root: keep the cluster in /tmp.
        local hash target
        hash=$(printf '%s' "$root" | sha256sum | cut -c1-12)
        target="/tmp/orderd-$hash"
        mkdir -p "$target"
        ln -s "$target" "$pg_dir"
    else
        mkdir -p "$pg_dir"
    fi
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$(readlink -f "$pg_dir")"
        chmod 0700 "$(readlink -f "$pg_dir")"
    fi
    pg_paths
    as_pg mkdir -p "$pg_socket_dir"
    ln -sfn "$pg_log" "$var/log/postgres.log"
}

# The postmaster's pid, from the first line of postmaster.pid, or nothing.
pg_pid() {
    head -n 1 "$pg_data/postmaster.pid" 2>/dev/null || true
}

# Running means: the pid file names a live postgres whose working directory
# is this cluster (a reused pid, or another cluster's server, is not ours).
pg_running() {
    local pid
    pid=$(pg_pid)
    process_is "$pid" postgres &&
        [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$(readlink -f "$pg_data")" ]
}

pg_start() {
    if pg_running; then
        say "postgres already running (pid $(pg_pid), port $pg_port)"
        return 0
    fi
    pg_prepare_dir
    if [ ! -f "$pg_data/PG_VERSION" ]; then
        say "initdb $pg_data"
        as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust \
            -E UTF8 --locale=C --no-sync >"$var/log/initdb.log" 2>&1 ||
            { cat "$var/log/initdb.log" >&2; die "initdb failed"; }
    fi
    # A pid file left by a crash or a reboot names a dead or foreign process.
    if [ -f "$pg_data/postmaster.pid" ]; then
        say "removing stale $pg_data/postmaster.pid"
        rm -f "$pg_data/postmaster.pid"
    fi
    port_open "$pg_port" && die "port $pg_port is taken by another program (set PG_PORT)"
    # -o is split by pg_ctl's shell: quote the directory for it.
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -k '$pg_socket_dir' ${PG_EXTRA_OPTS:-}" \
        >/dev/null || { tail -n 20 "$pg_log" >&2 || true; die "postgres did not start"; }
    say "postgres started on 127.0.0.1:$pg_port (pid $(pg_pid))"
    local exists
    exists=$(psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$database'")
    if [ "$exists" != 1 ]; then
        psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
            -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database" >/dev/null
        say "created database $database"
    fi
}

pg_stop() {
    if ! pg_running; then
        say "postgres not running"
        return 0
    fi
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >/dev/null
    say "postgres stopped"
}

# ------------------------------------------------------------------ Redis

redis_pid() {
    [ -r "$redis_pid_file" ] && head -n 1 "$redis_pid_file" || true
}

# Running means: a live redis-server working in var/redis (see pg_running).
redis_running() {
    local pid
    pid=$(redis_pid)
    process_is "$pid" redis-server &&
        [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$(readlink -f "$redis_dir")" ]
}

redis_start() {
    if redis_running; then
        say "redis already running (pid $(redis_pid), port $redis_port)"
        return 0
    fi
    mkdir -p "$redis_dir" "$var/log"
    if [ -f "$redis_pid_file" ]; then
        say "removing stale $redis_pid_file"
        rm -f "$redis_pid_file"
    fi
    port_open "$redis_port" && die "port $redis_port is taken by another program (set REDIS_PORT)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" \
        --save '' --appendonly no --dir "$redis_dir" \
        --unixsocket "$redis_dir/redis.sock" --unixsocketperm 700 \
        --pidfile "$redis_pid_file" --logfile "$redis_log"
    for _ in $(seq 1 100); do
        if [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; then
            # The pid file is written right after daemonizing; wait for it.
            redis_running && break
        fi
        sleep 0.05
    done
    redis_running || { tail -n 20 "$redis_log" >&2 || true; die "redis did not start"; }
    say "redis started on 127.0.0.1:$redis_port (pid $(redis_pid))"
}

redis_stop() {
    if ! redis_running; then
        say "redis not running"
        rm -f "$redis_pid_file"
        return 0
    fi
    local pid
    pid=$(redis_pid)
    kill -TERM "$pid"
    # A killed daemon can linger as a zombie for a moment: process_is
    # treats a zombie as gone.
    for _ in $(seq 1 200); do
        process_is "$pid" redis-server || break
        sleep 0.05
    done
    process_is "$pid" redis-server && die "redis (pid $pid) did not stop"
    rm -f "$redis_pid_file"
    say "redis stopped"
}

# ----------------------------------------------------------------- status

status() {
    local rc=0
    if pg_running; then
        say "postgres running (pid $(pg_pid)): postgresql://postgres@127.0.0.1:$pg_port/$database or postgresql://postgres@/$database?host=$pg_socket_dir&port=$pg_port"
    else
        say "postgres not running"
        rc=1
    fi
    if redis_running; then
        say "redis running (pid $(redis_pid)): redis://127.0.0.1:$redis_port/0 or unix://$redis_dir/redis.sock"
    else
        say "redis not running"
        rc=1
    fi
    return $rc
}

case "${1:-}" in
start) pg_start; redis_start ;;
stop) redis_stop; pg_stop ;;
status) status ;;
# PostgreSQL alone, for tests that take the database away and bring it back
# (scripts/test.sh hands these to test_db as its outage commands).
pg-start) pg_start ;;
pg-stop) pg_stop ;;
*) echo "usage: $0 start|stop|status (or pg-start|pg-stop)" >&2; exit 2 ;;
esac
