#!/bin/bash
# Runs once when the PostgreSQL container initialises: reach wirewrap through postgres_fdw and import
# its stripe schema, so the application joins its own tables with stripe.* in one query.
set -euo pipefail
password="$(cat "${WIREWRAP_PASSWORD_FILE:-/run/secrets/wirewrap_password}")"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v ww_host="${WIREWRAP_HOST:-wirewrap}" -v ww_port="${WIREWRAP_PORT:-5433}" \
     -v ww_password="$password" <<'SQL'
create extension if not exists postgres_fdw;
create server if not exists wirewrap foreign data wrapper postgres_fdw
  options (host :'ww_host', port :'ww_port', dbname 'postgres', fetch_size '100');
create user mapping if not exists for current_user server wirewrap
  options (user 'postgres', password :'ww_password');
create schema if not exists stripe;
import foreign schema stripe from server wirewrap into stripe;
SQL
