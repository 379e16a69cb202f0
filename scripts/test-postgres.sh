#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, on loopback, as the `postgres` user (Debian's postgresql package):
#   scripts/test-postgres.sh start DIR   makes a cluster in DIR (initdb, SCRAM password), starts it on a free port
#                                        and prints its URL (postgres://seminar:PASSWORD@127.0.0.1:PORT/seminar)
#   scripts/test-postgres.sh restart DIR stops it and starts it again on the same port (a database restart under live nodes)
#   scripts/test-postgres.sh stop DIR    stops it (the caller removes DIR)
# Tests/run-all.sh starts one and gives its URL to the tests as SEMINAR_TEST_DATABASE_URL.
set -euo pipefail
action=${1:?start|stop}; dir=${2:?a folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# The server must hold none of its caller's descriptors open beyond stdin/out/err (a caller waiting for this script's
# end by such a descriptor would wait for the server's end): close every other one now.
for fd in $(ls /proc/$$/fd); do
  [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null || true
done
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$password" > "$dir/.pw"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/.pw"
    as_postgres "$bin/initdb" -D "$dir/data" -U seminar --auth=scram-sha-256 --pwfile="$dir/.pw" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/.pw"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # Loopback only, its socket in DIR, enough connections for several nodes' pools and the tests; SEMINAR_PG_OPTIONS adds
    # settings (a probe: "-c shared_preload_libraries=pg_stat_statements").
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=1000 -c fsync=off -c synchronous_commit=off ${SEMINAR_PG_OPTIONS:-}" start </dev/null >/dev/null 2>>"$dir/pg_ctl.log"
    as_postgres env PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U seminar seminar
    echo "postgres://seminar:$password@127.0.0.1:$port/seminar"
    ;;
  restart)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -m fast -w -t 60 restart </dev/null >/dev/null 2>>"$dir/pg_ctl.log"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "unknown action $action (start, restart or stop)" >&2; exit 2 ;;
esac
