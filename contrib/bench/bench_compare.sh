#!/bin/bash
# bench_compare.sh - CPU per message of the whole scan, two trees in one run.
#
#   bench_compare.sh [-n MESSAGES] [-R ROUNDS] BEFORE [AFTER] [-- FILE...]
#
# BEFORE and AFTER are git revisions of this repository (AFTER defaults to
# HEAD). Each is checked out in a temporary worktree and built with the
# default optimisation (no sanitizers); contrib/bench/bench_walk.c of this
# checkout is compiled against each tree's libseal, so both run the same
# messages through their own seal_scan(). The two then run ROUNDS times in
# alternating order (A B, B A, A B, ...) so that a machine that slows down
# or speeds up during the run does not favour one of them, and the script
# prints, per message class, the median CPU microseconds per message of
# each and the ratio AFTER / BEFORE. Figures from different runs do not
# compare on a shared machine; the ratio in one run does.
# FILE arguments (after --) are extra messages, each its own class.
set -eu
n=1000
rounds=6
while getopts n:R: opt; do
	case $opt in
	n) n=$OPTARG ;;
	R) rounds=$OPTARG ;;
	*) echo "usage: $0 [-n MESSAGES] [-R ROUNDS] BEFORE [AFTER] [-- FILE...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-n MESSAGES] [-R ROUNDS] BEFORE [AFTER] [-- FILE...]" >&2; exit 2; }
before=$1; shift
after=HEAD
if [ $# -ge 1 ] && [ "$1" != -- ]; then after=$1; shift; fi
[ "${1:-}" = -- ] && shift
files=()
for f in "$@"; do files+=("$(readlink -f "$f")"); done

top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
cleanup() {
	for t in a b; do git -C "$top" worktree remove --force "$tmp/$t" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# build REV DIR: a -O2 libseal of REV and bench_walk against it.
build() {
	local rev=$1 dir=$2 libs cppflags
	git -C "$top" worktree add -q --detach "$dir" "$rev"
	(cd "$dir" && autoreconf -fi >/dev/null 2>&1 && mkdir -p build && cd build &&
	    ../configure -q >/dev/null && make -s -j2 src/libseal.a >/dev/null) || {
		echo "bench_compare: cannot build $rev" >&2; exit 1; }
	# The tree's own list of libraries: each revision may link other ones.
	libs=$(printf 'pl:\n\t@echo $(SEAL_LIBS)\n' | make -s -C "$dir/build" -f Makefile -f - pl)
	cppflags=$(printf 'pc:\n\t@echo $(AM_CPPFLAGS)\n' | make -s -C "$dir/build" -f Makefile -f - pc)
	(cd "$dir/build" && gcc -std=gnu11 -O2 $cppflags -o bench_walk \
	    "$top/contrib/bench/bench_walk.c" $libs) || {
		echo "bench_compare: cannot build bench_walk for $rev" >&2; exit 1; }
}

echo "bench_compare: building $before and $after (-O2)" >&2
build "$before" "$tmp/a"
build "$after" "$tmp/b"
conf=$top/tests/data/golden.conf

echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg); $n messages per class, $rounds rounds"
: >"$tmp/results"
for r in $(seq 1 "$rounds"); do
	if [ $((r % 2)) = 1 ]; then order="a b"; else order="b a"; fi
	for t in $order; do
		"$tmp/$t/build/bench_walk" -n "$n" -c "$conf" "${files[@]}" |
		    sed "s/^/$t /" >>"$tmp/results"
	done
done

# results: "a|b class NAME bytes B cpu_us_per_msg X"
awk -v before="$before" -v after="$after" '
	{ v[$3, $1] = v[$3, $1] " " $7; if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3; bytes[$3] = $5 } }
	function median(list,   a, m, i, j, t) {
		m = split(list, a, " ")
		for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	END {
		printf "%-28s %8s %14s %14s %8s\n", "class", "bytes", "before us/msg", "after us/msg", "ratio"
		for (i = 1; i <= k; i++) {
			c = order[i]; ma = median(v[c, "a"]); mb = median(v[c, "b"])
			printf "%-28s %8d %14.1f %14.1f %8.2f\n", c, bytes[c], ma, mb, mb / ma
		}
		printf "(before = %s, after = %s; median CPU per message over the rounds)\n", before, after
	}' "$tmp/results"
