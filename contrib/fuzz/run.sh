#!/bin/bash
# contrib/fuzz/run.sh - a fuzzing campaign: every libFuzzer target of
# tests/fuzz, each for a set time, with a corpus kept between runs.
#
#   contrib/fuzz/run.sh [-t SECONDS] [-d DIR] [-b BUILDDIR] [TARGET...]
#
#   -t SECONDS   time per target (default 1800: 30 minutes)
#   -d DIR       where corpora and crashes are kept (default
#                /var/tmp/sealmilter-fuzz): DIR/corpus/TARGET grows run
#                after run, DIR/crashes/TARGET-* holds what crashed
#   -b BUILDDIR  a build configured with CC=clang --enable-fuzzers
#                --enable-sanitizers (default build-fuzz at the top of the
#                tree, configured and built here when missing)
#   TARGET       names without "fuzz_" (default: all): scan detect config
#                pgpread html dict rtf tnef ole2 calendar form lzfu rules picmeta
#                office reinject weblang webfields metafile
#
# Each target starts from its kept corpus and its seeds (tests/fuzz/seeds,
# the sample mails for scan, the test configurations and dictionaries) and
# runs one process (the machine is shared: one core). At the end one line
# per target: executions, executions per second, coverage (libFuzzer's cov:
# edges and ft: features) at start and at the end, corpus size, crashes.
# A crash input goes to tests/fuzz/seeds/TARGET/ once fixed, where
# tests/fuzz-replay.sh replays it in make check.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=1800
dir=/var/tmp/sealmilter-fuzz
build=$top/build-fuzz
all="scan detect config pgpread html dict rtf tnef ole2 calendar form lzfu rules office reinject weblang webfields picmeta metafile"

while getopts t:d:b:h opt; do
	case $opt in
	t) secs=$OPTARG ;;
	d) dir=$OPTARG ;;
	b) build=$OPTARG ;;
	h) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "usage: $0 [-t SECONDS] [-d DIR] [-b BUILDDIR] [TARGET...]" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
targets=${*:-$all}
case $secs in ''|*[!0-9]*) echo "run.sh: -t needs whole seconds" >&2; exit 64 ;; esac
for t in $targets; do
	case " $all " in *" $t "*) ;; *) echo "run.sh: unknown target $t (known: $all)" >&2; exit 64 ;; esac
done

# The build: configured once, then only the fuzz programs are made.
if [ ! -f "$build/Makefile" ]; then
	command -v clang >/dev/null || { echo "run.sh: clang not installed (contrib/install-deps.sh)" >&2; exit 69; }
	[ -x "$top/configure" ] || (cd "$top" && autoreconf -fi) || exit 1
	mkdir -p "$build" && (cd "$build" && CC=clang CFLAGS="-g -O1" \
		"$top/configure" -q --enable-fuzzers --enable-sanitizers) || exit 1
fi
progs=""
for t in $targets; do progs="$progs tests/fuzz/fuzz_$t"; done
make -C "$build" -j2 $progs >"$build/fuzz-make.log" 2>&1 || {
	tail -n 30 "$build/fuzz-make.log" >&2; exit 1; }

seeds()	# the read-only starting points of a target
{
	local s=$top/tests
	case $1 in
	scan) echo "$s/corpus" ;;
	config) echo "$s/fuzz/seeds/config $s/data/conf" ;;
	dict) echo "$s/fuzz/seeds/dict $s/data/dict" ;;
	*) echo "$s/fuzz/seeds/$1" ;;
	esac
}

# "cov: N ft: M" of a libFuzzer status line
field() { sed -n "s/.* $1: \([0-9]*\).*/\1/p"; }

mkdir -p "$dir/crashes" "$dir/logs"
printf '%-9s %10s %8s %13s %15s %7s %s\n' target execs exec/s "cov start>end" "ft start>end" corpus crashes
failed=0
for t in $targets; do
	corpus=$dir/corpus/$t log=$dir/logs/$t.log
	mkdir -p "$corpus"
	# crash-, leak-, timeout-, oom- (not slow-unit-: a report, no failure)
	found() { find "$dir/crashes" -regex ".*/$t-\(crash\|leak\|timeout\|oom\)-.*" | wc -l; }
	before=$(found)
	# -rss_limit_mb: the sanitizers and GMime need more than the default 2 GB
	# on big inputs; -timeout: an input slower than 30 s is a finding, but
	# for scan, which OCRs images and scanned PDF pages for up to
	# ocr_time_budget (60 s), 150 s.
	# Library leaks are suppressed (tests/fuzz/lsan.supp); where compound
	# files are read (libgsf) that needs whole stacks (fast_unwind off).
	timeout=30 unwind=1
	case $t in scan) timeout=150; unwind=0 ;; ole2) unwind=0 ;; esac
	# shellcheck disable=SC2046
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=$unwind \
	LSAN_OPTIONS=suppressions=$top/tests/fuzz/lsan.supp:print_suppressions=0 \
	"$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-rss_limit_mb=4096 -timeout=$timeout -max_len=1048576 \
		-artifact_prefix="$dir/crashes/$t-" "$corpus" $(seeds "$t") >"$log" 2>&1
	rc=$?
	init=$(grep -a 'INITED' "$log" | tail -n 1)
	last=$(grep -a -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|RELOAD)' "$log" | tail -n 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	crashes=$(( $(found) - before ))
	if [ $rc -ne 0 ]; then
		failed=1
		crashes="$crashes (exit $rc, see $log)"
	fi
	printf '%-9s %10s %8s %13s %15s %7s %s\n' "$t" "${execs:-?}" "${rate:-?}" \
		"$(echo "$init" | field cov)>$(echo "$last" | field cov)" \
		"$(echo "$init" | field ft)>$(echo "$last" | field ft)" \
		"$(find "$corpus" -type f | wc -l)" "$crashes"
done
exit $failed
