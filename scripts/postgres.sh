#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the storage tests and print its URL.
# Usage: eval "$(scripts/postgres.sh start)"   ...   scripts/postgres.sh stop
set -euo pipefail
DATA=${MODBOT_PG_DATA:-/tmp/modbot-pg}
PORT=${MODBOT_PG_PORT:-54329}
BIN=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"; mkdir -p "$DATA"
    [ "$(id -u)" = 0 ] && chown postgres "$DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U modbot --auth=trust -E UTF8 >/dev/null
  fi
  if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
      -o "-h 127.0.0.1 -p $PORT -k /tmp -c fsync=off -c full_page_writes=off -c wal_recycle=off" start >/dev/null
  fi
  echo "export MODBOT_TEST_POSTGRES_URL=postgresql+psycopg://modbot@127.0.0.1:$PORT/postgres"
  ;;
stop)
  as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  ;;
esac
