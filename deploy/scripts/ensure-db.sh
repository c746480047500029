#!/usr/bin/env bash
# Prints the owner URL of the development database "sendqa", creating the
# database on the server dev-db.sh finds when it is missing. DATABASE_URL,
# when set, is used as it is.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then
  echo "$DATABASE_URL"
  exit 0
fi
admin=$("$(dirname "$0")/dev-db.sh")
name=${SENDQA_DB_NAME:-sendqa}
if [ "$(psql "$admin" -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
  echo "ensure-db: creating database $name" >&2
  psql "$admin" -qc "CREATE DATABASE $name" >&2
fi
echo "${admin/\/postgres\?/\/$name?}"
