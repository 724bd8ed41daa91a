# sealweb-lib.sh - sourced (by bash) by the console's HTTP tests,
# t-sealweb*.sh, for what each of them sets up the same way: the programs,
# a temporary folder cleaned at exit, TAP's ok, a configuration, officers,
# sealweb started and stopped, sign-in with the form's CSRF token, and both
# stores (through tests/web-backends.sh). The caller sets top_srcdir and
# top_builddir first; what it checks stays in the caller.
#
#   web_need PROG...        bail out unless each PROG is installed
#   web_need_built FILE...  bail out unless each FILE is built
#   web_need_root WHY       bail out unless root (WHY: what needs it)
#   web_need_pg             bail out unless the PostgreSQL server is installed
#   web_tmp NAME            makes T (and WEB_TMP, removed at exit unless
#                           SEAL_KEEP_TMP is set); the exit trap also stops
#                           sealweb (PID), an smtp-sink (SINK_PID) and the
#                           PostgreSQL server of web_pg_start
#   ok STATUS DESC [DIAG]   one TAP line, "$BK: " before DESC when BK is set;
#                           DIAG is printed with identity numbers masked
#   free_port               a free TCP port on 127.0.0.1
#   web_conf FILE STORE DIR PORT
#                           writes FILE: STORE, quarantine_dir DIR/q,
#                           fingerprint_key_file DIR/fp.key (made here),
#                           console_listen 127.0.0.1:PORT, officers_file
#                           DIR/officers, then the caller's keys from stdin
#   web_officer CONF NAME ROLE PASSWORD
#                           sealctl officer add, the password on stdin
#   start_web CONF [LOG]    starts sealweb (stderr appended to LOG, by
#                           default $T/web.log) and waits for $U/login;
#                           sets PID
#   stop_web                stops it
#   login NAME PASSWORD JAR the sign-in form's token, then POST /login;
#                           prints the HTTP status
#   csrf JAR                the CSRF token of the signed-in home page
#   get JAR PATH NAME       GET $U/PATH into $PAGES/NAME; prints the status
#   in_clear [FILE...]      0 when N1 (a synthetic CPR number) is in clear
#   web_each_backend FUNC   FUNC sqlite, then FUNC pg against a throwaway
#                           PostgreSQL server (WEB_PG_SPEC)
WEB=$top_builddir/web/sealweb
CTL=$top_builddir/ctl/sealctl
TOOL=$top_builddir/tests/tools/seal_store_tool
export PATH="$PATH:/usr/sbin:/sbin"
# shellcheck source=web-backends.sh
. "$top_srcdir/tests/web-backends.sh"

# A valid Danish CPR number (synthetic); its mask is 070761-XXXX.
N1=070761-4285

web_need() {
	for prog in "$@"; do
		command -v "$prog" >/dev/null 2>&1 || { echo "Bail out! $prog not installed"; exit 1; }
	done
}
web_need_built() {
	for b in "$@"; do [ -x "$b" ] || { echo "Bail out! $b not built"; exit 1; }; done
}
web_need_root() {
	[ "$(id -u)" = 0 ] || { echo "Bail out! needs root ($1)"; exit 1; }
}
web_need_pg() {
	web_pg_check || { echo "Bail out! PostgreSQL server not installed (contrib/install-deps.sh)"; exit 1; }
}

PID=""; SINK_PID=""; WEB_TMP=""
web_cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null
	web_pg_stop
	[ -n "${SEAL_KEEP_TMP:-}" ] || [ -z "$WEB_TMP" ] || rm -rf "$WEB_TMP"
}
web_tmp() {
	WEB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
	T=$WEB_TMP
	trap web_cleanup EXIT
}

n=0; fails=0
ok() {	# ok STATUS DESCRIPTION [DIAG] (diagnostics masked: a leak must not spread)
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - ${BK:+$BK: }$2"; else
		echo "not ok $n - ${BK:+$BK: }$2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed -E 's/[0-9]{6}-?[0-9]{4}/NNNNNN-NNNN/g; s/^/# /'
		fails=1
	fi
}
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
in_clear() { grep -q -e "$N1" -e "${N1//-/}" "$@"; }

web_conf() {	# web_conf FILE STORE DIR PORT <extra keys
	head -c 32 /dev/urandom >"$3/fp.key" && chmod 600 "$3/fp.key"
	{
		cat <<EOC
store = $2
quarantine_dir = $3/q
fingerprint_key_file = $3/fp.key
console_listen = 127.0.0.1:$4
officers_file = $3/officers
EOC
		cat
	} >"$1"
}
web_officer() {	# web_officer CONF NAME ROLE PASSWORD
	echo "$4" | "$CTL" -c "$1" officer add "$2" --role "$3" 2>/dev/null
}

start_web() {	# start_web CONFIG [LOG]
	"$WEB" -f -c "$1" 2>>"${2:-$T/web.log}" &
	PID=$!
	i=0; until curl -s -o /dev/null "$U/login"; do i=$((i+1)); [ $i -gt 100 ] && break; sleep 0.2; done
}
stop_web() { kill "$PID"; wait "$PID" 2>/dev/null; PID=""; }

login() {	# login NAME PASSWORD JAR -> status
	curl -s -c "$3" -b "$3" -o "$T/form.html" "$U/login"
	tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/form.html")
	curl -s -c "$3" -b "$3" -o /dev/null -w '%{http_code}' \
	    --data-urlencode "name=$1" --data-urlencode "password=$2" --data "csrf=$tok" "$U/login"
}
csrf() { curl -s -b "$1" "$U/" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 | cut -d'"' -f4; }
get() {	# get JAR PATH NAME -> status; the page kept in $PAGES/NAME
	curl -s -b "$1" -o "$PAGES/$3" -w '%{http_code}' "$U$2"
}

web_each_backend() {	# web_each_backend FUNC
	"$1" sqlite
	chmod 711 "$WEB_TMP"	# postgres must reach its directory inside
	web_pg_start "$WEB_TMP/pg" || { echo "Bail out! PostgreSQL did not start"; exit 1; }
	"$1" pg
}
