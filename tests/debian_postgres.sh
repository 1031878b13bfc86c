#!/usr/bin/env bash
# Start Debian's PostgreSQL (if installed) and print a DATABASE_URL for the extern_postgres tests.
# Prints nothing and exits 0 when there is no such server: those tests are then skipped.
set -u
command -v pg_lsclusters >/dev/null 2>&1 || exit 0
cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
[ -n "$cluster" ] || exit 0
set -- $cluster
pg_ctlcluster "$1" "$2" start >/dev/null 2>&1 || true
port=$(pg_lsclusters --no-header | awk -v v="$1" -v n="$2" '$1==v && $2==n {print $3}')
psql_pg() { su postgres -c "psql -qtAX -p $port -c \"$1\"" 2>/dev/null; }
psql_pg "select 1" >/dev/null || exit 0
psql_pg "select 1 from pg_roles where rolname='sociale_kaart_test'" | grep -q 1 ||
  psql_pg "create role sociale_kaart_test login superuser password 'sociale_kaart_test'" >/dev/null
psql_pg "drop database if exists sociale_kaart_extern" >/dev/null
psql_pg "create database sociale_kaart_extern owner sociale_kaart_test" >/dev/null
echo "postgres://sociale_kaart_test:sociale_kaart_test@127.0.0.1:${port}/sociale_kaart_extern"
