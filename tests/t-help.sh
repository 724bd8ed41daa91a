#!/bin/sh
# t-help.sh - every installed program (sbin: sealmilter, sealctl) answers
# -h and --help with its usage on stdout and exit status 0, and a wrong
# option with a message that names that option and exit status 64 (EX_USAGE).
# Output: TAP.
set -u
top_builddir=${top_builddir:-.}
T=$(mktemp -d "${TMPDIR:-/tmp}/t-help.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$T/out" "$T/err"; }

# run PROGRAM ARGS...: status in $rc, output in $T/out and $T/err
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

for prog in milter/sealmilter ctl/sealctl; do
	bin=$top_builddir/$prog
	name=${prog#*/}
	[ -x "$bin" ] || { echo "Bail out! $bin not built"; exit 1; }
	for opt in -h --help; do
		run "$bin" "$opt"
		if [ "$rc" = 0 ] && grep -q "^usage: $name" "$T/out" && [ ! -s "$T/err" ]; then
			ok "$name $opt prints the usage on stdout and exits 0"
		else
			notok "$name $opt prints the usage on stdout and exits 0 (status $rc)"
		fi
	done
	for opt in --no-such-option -Q; do
		run "$bin" "$opt"
		# The message names the option itself, not the program's path.
		if [ "$rc" = 64 ] && grep -q "^$name: unknown option $opt\$" "$T/err" \
		    && ! grep -q "unknown option .*$bin" "$T/err"; then
			ok "$name $opt: exit 64 and the message names $opt"
		else
			notok "$name $opt: exit 64 and the message names $opt (status $rc)"
		fi
	done
	run "$bin" -c
	if [ "$rc" = 64 ] && grep -q "^$name: option -c needs an argument\$" "$T/err"; then
		ok "$name -c without its argument says so"
	else
		notok "$name -c without its argument says so (status $rc)"
	fi
done

# sealmilter's --scan mode parses its own options.
run "$top_builddir/milter/sealmilter" --scan /dev/null --help
if [ "$rc" = 0 ] && grep -q "^usage: sealmilter --scan" "$T/out"; then
	ok "sealmilter --scan --help prints the scan usage and exits 0"
else
	notok "sealmilter --scan --help prints the scan usage and exits 0 (status $rc)"
fi
run "$top_builddir/milter/sealmilter" --scan /dev/null --rcpt a@b.example --bogus
if [ "$rc" = 64 ] && grep -q "^sealmilter: unknown option --bogus\$" "$T/err"; then
	ok "sealmilter --scan names an unknown option"
else
	notok "sealmilter --scan names an unknown option (status $rc)"
fi
run "$top_builddir/milter/sealmilter" --version
if [ "$rc" = 0 ] && grep -q "^sealmilter [0-9]" "$T/out"; then
	ok "sealmilter --version prints the version"
else
	notok "sealmilter --version prints the version (status $rc)"
fi
# A command's own wrong option is named too (getopt's message, with the command).
: >"$T/empty.conf"
run "$top_builddir/ctl/sealctl" -c "$T/empty.conf" keys --bogus a@b.example
if [ "$rc" = 64 ] && grep -q "'--bogus'" "$T/err"; then
	ok "sealctl keys names an unknown option"
else
	notok "sealctl keys names an unknown option (status $rc)"
fi
echo "1..$n"
