#!/bin/bash
# t-hold-pg.sh - t-hold.sh (divert, hold, audit through a real Postfix)
# against a real PostgreSQL store: starts a throwaway server, runs t-hold.sh
# with SEAL_TEST_STORE pointing at it (it stops and restarts the server for
# its "store down" case), stops the server. Output: t-hold.sh's TAP.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || bail_out "needs root (runuser postgres)"
PGT=$(mktemp -d /tmp/seal-hold-pg.XXXXXX) || bail_out "mktemp"
chmod 0755 "$PGT"
trap 'seal_pg_stop; rm -rf "$PGT"' EXIT
seal_pg_start "$PGT/pg" || bail_out "PostgreSQL did not start"
export SEAL_PG_DIR SEAL_PG_PORT SEAL_PG_BIN
SEAL_TEST_STORE=$SEAL_PG_URI \
SEAL_TEST_STORE_STOP='seal_pg_stop' \
SEAL_TEST_STORE_START='seal_pg_start_again' \
	bash "$(dirname "$0")/t-hold.sh"
