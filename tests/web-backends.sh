# web-backends.sh - sourced by the console's HTTP tests to run them
# against both stores: SQLite (a file) and PostgreSQL (a throwaway
# server started here, as tests/t-store-pg.sh does).
#
#   web_pg_start DIR    initdb and start a server in DIR (made, owned by
#                       postgres), database "seal"; sets WEB_PG_SPEC;
#                       returns 1 (with a diagnostic) when it cannot
#   web_pg_stop         stops it (also at exit through the caller's trap)
#   web_sql BACKEND DB  runs one SQL statement against the SQLite file DB
#                       (sqlite) or the server (pg): rows on stdout,
#                       columns separated by '|', as both clients print them
#
# A missing server binary is an install bug (contrib/install-deps.sh): the
# caller bails out, never skips.
WEB_PGBIN=${SEAL_PGBIN:-}
if [ -z "$WEB_PGBIN" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && WEB_PGBIN=$d
	done
fi
WEB_PG_DIR=""; WEB_PG_PORT=""; WEB_PG_SPEC=""

web_pg_check() {
	[ -n "$WEB_PGBIN" ] && [ -x "$WEB_PGBIN/initdb" ] && [ -x "$WEB_PGBIN/pg_ctl" ] &&
		command -v psql >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1 &&
		id postgres >/dev/null 2>&1
}

web_pg_start() {
	WEB_PG_DIR=$1
	mkdir -p "$WEB_PG_DIR" && chown postgres: "$WEB_PG_DIR" || return 1
	WEB_PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	runuser -u postgres -- "$WEB_PGBIN/initdb" -D "$WEB_PG_DIR/data" -U postgres -A trust \
		-E UTF8 --no-locale >"$WEB_PG_DIR/initdb.log" 2>&1 || { sed 's/^/# /' "$WEB_PG_DIR/initdb.log" | tail -n 5; return 1; }
	runuser -u postgres -- "$WEB_PGBIN/pg_ctl" -D "$WEB_PG_DIR/data" -l "$WEB_PG_DIR/server.log" \
		-w -t 60 -o "-p $WEB_PG_PORT -k $WEB_PG_DIR -c listen_addresses=127.0.0.1" start \
		>"$WEB_PG_DIR/pg_ctl.log" 2>&1 || { sed 's/^/# /' "$WEB_PG_DIR/server.log" | tail -n 5; return 1; }
	psql -X -q -h 127.0.0.1 -p "$WEB_PG_PORT" -U postgres -d postgres -c 'CREATE DATABASE seal' \
		>"$WEB_PG_DIR/createdb.log" 2>&1 || { sed 's/^/# /' "$WEB_PG_DIR/createdb.log"; return 1; }
	WEB_PG_SPEC=postgresql://postgres@127.0.0.1:$WEB_PG_PORT/seal
}

web_pg_stop() {
	[ -n "$WEB_PG_DIR" ] && [ -d "$WEB_PG_DIR/data" ] &&
		runuser -u postgres -- "$WEB_PGBIN/pg_ctl" -D "$WEB_PG_DIR/data" -m immediate -w stop \
			>/dev/null 2>&1
	WEB_PG_DIR=""
}

web_sql() {
	if [ "$1" = pg ]; then
		psql -X -q -At -h 127.0.0.1 -p "$WEB_PG_PORT" -U postgres -d seal -c "$3"
	else
		sqlite3 "$2" "$3"
	fi
}
