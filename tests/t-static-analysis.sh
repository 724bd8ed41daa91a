#!/bin/sh
# t-static-analysis.sh - three static analysers over the C of src/, milter/,
# ctl/ and web/ (libseal, sealmilter, sealctl, sealweb); any finding fails:
#   cppcheck (warning and portability checks),
#   clang's analyzer through scan-build (a build of its own),
#   gcc -fanalyzer (a build of its own; -Werror makes each finding an error).
# A false positive is suppressed where it is, narrowly, with a comment
# saying why (cppcheck: "// cppcheck-suppress ID"; clang: #ifndef
# __clang_analyzer__; gcc: a #pragma GCC diagnostic around the line).
# The two builds live in $top_builddir/tests/static-analysis and are kept:
# gcc's rerun compiles only what changed (a finding is an error, so its
# object is never made); scan-build's is cleaned first and redone whole.
# Output: TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
for prog in cppcheck scan-build clang gcc; do
	command -v $prog >/dev/null 2>&1 ||
		{ echo "Bail out! $prog not installed (contrib/install-deps.sh)"; exit 1; }
done
D=$top_builddir/tests/static-analysis
mkdir -p "$D" || { echo "Bail out! mkdir $D"; exit 1; }
TARGETS="src/libseal.a milter/sealmilter ctl/sealctl web/sealweb"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
show() { sed -n "$1" "$2" | head -n 60 | sed 's/^/# /'; }
secs() { echo $(( $(date +%s) - $1 )); }

# configure_in DIR CC CFLAGS: a build directory of the sources, configured once.
configure_in()
{
	mkdir -p "$1"
	[ -f "$1/Makefile" ] && return 0
	(cd "$1" && "$top_srcdir/configure" -q CC="$2" CFLAGS="$3") >"$1/configure.log" 2>&1
}

# ---------------------------------------------------------------- cppcheck
t=$(date +%s)
# Only the project's own headers: system headers would make cppcheck guess
# at glibc's macros (missingIncludeSystem is therefore off); GObject's
# G_DEFINE_TYPE (a GMime stream type) is defined away, as cppcheck cannot
# see into GLib's headers to expand it.
inc=""
for d in src src/util src/detect src/mime src/config src/crypto src/policy src/deliver src/store; do
	inc="$inc -I$top_srcdir/$d"
done
# shellcheck disable=SC2086
if (cd "$top_srcdir" && cppcheck -q -j2 --std=c11 --enable=warning,portability \
	--inline-suppr --error-exitcode=1 --suppress=missingIncludeSystem \
	-DSEAL_SYSCONFDIR='"/etc/sealmilter"' -D'G_DEFINE_TYPE(a,b,c)=' \
	$inc src milter ctl web) >"$D/cppcheck.out" 2>&1; then
	ok "cppcheck finds nothing ($(secs "$t") s)"
else
	notok "cppcheck finds nothing"
	show p "$D/cppcheck.out"
fi

# ---------------------------------------------------------------- scan-build
t=$(date +%s)
B=$D/scan-build
rm -rf "$B/report"
if ! (mkdir -p "$B" && cd "$B" && [ -f Makefile ] ||
	scan-build "$top_srcdir/configure" -q >configure.log 2>&1); then
	echo "Bail out! configure under scan-build failed ($B/configure.log)"
	exit 1
fi
# Everything again each run: an object clang found a bug in was still built,
# so an incremental run would skip it and pass.
(cd "$B" && make clean) >/dev/null 2>&1
# shellcheck disable=SC2086
if (cd "$B" && scan-build --status-bugs -o "$B/report" make -j2 $TARGETS) >"$B/make.log" 2>&1; then
	ok "clang's static analyzer (scan-build) finds nothing ($(secs "$t") s)"
else
	notok "clang's static analyzer (scan-build) finds nothing"
	show '/warning:\|error:\|bugs\? found/p' "$B/make.log"
fi

# ---------------------------------------------------------------- gcc -fanalyzer
t=$(date +%s)
G=$D/gcc-analyzer
# -O1: the analyzer sees the code as written (inlining hides paths at -O2).
configure_in "$G" gcc "-O1 -g -fanalyzer" ||
	{ echo "Bail out! configure for gcc -fanalyzer failed ($G/configure.log)"; exit 1; }
# shellcheck disable=SC2086
if (cd "$G" && make -k -j2 $TARGETS) >"$G/make.log" 2>&1; then
	ok "gcc -fanalyzer finds nothing ($(secs "$t") s)"
else
	notok "gcc -fanalyzer finds nothing"
	show '/\[-W\(error=\)\?analyzer\|error:/p' "$G/make.log"
fi
echo "1..$n"
