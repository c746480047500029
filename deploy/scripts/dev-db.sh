#!/usr/bin/env bash
# Finds a PostgreSQL server for development and tests, starting one if need
# be, and prints the URL of a superuser connection to its "postgres"
# database. In order:
#   1. $SENDQA_ADMIN_DATABASE_URL, if set;
#   2. the server on 127.0.0.1:5432, started with pg_ctlcluster if it is
#      installed but down;
#   3. a private cluster under .data/pg on port 54329, created with the
#      machine's PostgreSQL binaries (installed with apt-get if missing) and
#      run as the postgres user when invoked as root.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
log() { echo "dev-db: $*" >&2; }

answers() { pg_isready -q -h "$1" -p "$2" -t 2 2>/dev/null; }

if [ -n "${SENDQA_ADMIN_DATABASE_URL:-}" ]; then
  echo "$SENDQA_ADMIN_DATABASE_URL"
  exit 0
fi

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing PostgreSQL with apt-get"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    log "PostgreSQL is not installed; install it or set SENDQA_ADMIN_DATABASE_URL"
    exit 1
  fi
fi

if answers 127.0.0.1 5432; then
  echo "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
  exit 0
fi

if command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
  version=$(ls /etc/postgresql | sort -V | tail -1)
  log "starting the system cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do
    if answers 127.0.0.1 5432; then
      echo "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
      exit 0
    fi
    sleep 0.5
  done
fi

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
data="$root/.data/pg"
port=54329
run_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if ! answers 127.0.0.1 "$port"; then
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating a private cluster in $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown -R postgres "$root/.data"
    run_as "$bin/initdb" -D "$data" -U postgres -A trust >/dev/null
  fi
  log "starting the private cluster on port $port"
  run_as "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >&2
fi
echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
