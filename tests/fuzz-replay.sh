#!/bin/sh
# Replays every fuzz target over its seeds (the sample corpus for the
# message target, tests/fuzz/seeds/* for the others) under the build's
# sanitizers. TAP: one case per target and input file.
set -u
b="$top_builddir/tests/fuzz"
s="$top_srcdir/tests"
n=0; fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run() {   # target, files...
	target=$1; shift
	for f in "$@"; do
		n=$((n + 1))
		if "$b/$target" "$f" >"$out" 2>&1; then
			echo "ok $n - $target $(basename "$f")"
		else
			echo "not ok $n - $target $(basename "$f")"
			sed 's/^/# /' "$out" | head -40
			fail=1
		fi
	done
}
run replay_scan $(find "$s/corpus" -type f -name '*.eml' | sort)
run replay_detect $(find "$s/fuzz/seeds/detect" -type f | sort)
run replay_config $(find "$s/fuzz/seeds/config" "$s/data/conf" -type f 2>/dev/null | sort)
# The HTML and OpenPGP readers: their seeds, each also mutated 300 times
# (replay.c, fixed seeds: a failure repeats).
SEAL_FUZZ_MUTATE=300; export SEAL_FUZZ_MUTATE
run replay_html $(find "$s/fuzz/seeds/html" -type f | sort)
run replay_pgpread $(find "$s/fuzz/seeds/pgpread" -type f | sort)
unset SEAL_FUZZ_MUTATE
if [ "$n" -eq 0 ]; then
	n=1; echo "not ok 1 - no fuzz seeds found"; fail=1
fi
echo "1..$n"
exit $fail
