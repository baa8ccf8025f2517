#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the tests and prints the admin connection string.
#   eval "$(scripts/pg.sh start)"   -> exports SAFEGUARDING_TEST_POSTGRES and SAFEGUARDING_PG_DATA
#   scripts/pg.sh stop              -> stops the cluster named by SAFEGUARDING_PG_DATA and deletes its folder
set -euo pipefail
port=${SAFEGUARDING_PG_PORT:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
case "${1:-start}" in
  start)
    [ -n "$bindir" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
    data=$(mktemp -d /tmp/sg-pg.XXXXXX)
    chown postgres:postgres "$data"
    runuser -u postgres -- "$bindir/initdb" -D "$data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
unix_socket_directories = '$data'
CONF
    runuser -u postgres -- "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w start >/dev/null
    echo "export SAFEGUARDING_PG_DATA=$data"
    echo "export SAFEGUARDING_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    ;;
  stop)
    data=${SAFEGUARDING_PG_DATA:?SAFEGUARDING_PG_DATA not set}
    runuser -u postgres -- "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data"
    ;;
esac
