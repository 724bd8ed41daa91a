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
if [ "$n" -eq 0 ]; then
	n=1; echo "not ok 1 - no fuzz seeds found"; fail=1
fi
echo "1..$n"
exit $fail
