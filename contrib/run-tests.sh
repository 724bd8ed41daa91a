#!/bin/bash
# run-tests.sh - the whole test suite as CI runs it: dependencies, a build
# with AddressSanitizer/UBSan in ./build-ci, `make check` (unit tests,
# miltertest cases, real-Postfix integration tests), then one summary line
# "N passed, N failed" counted from every TAP case automake recorded.
#
# Exit status: 0 only if every case passed and at least one ran. Skips count
# as failures (the suite has none on purpose: STYLE.md section 6).
# Usage (root, Debian 12): bash contrib/run-tests.sh [BUILD_DIR]
set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$TOP/build-ci}
cd "$TOP" || exit 1

step()
{
	echo "=== $*"
}

if [ "$(id -u)" = 0 ]; then
	step "installing dependencies"
	sh "$TOP/contrib/install-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
else
	echo "run-tests.sh: not root: skipping contrib/install-deps.sh;" \
		"the Postfix tests need root and will fail" >&2
fi

step "autoreconf"
autoreconf -fi || { echo "0 passed, 1 failed"; exit 1; }

step "configure --enable-sanitizers in $BUILD"
mkdir -p "$BUILD"
cd "$BUILD" || exit 1
"$TOP/configure" -q --enable-sanitizers || { echo "0 passed, 1 failed"; exit 1; }

step "make"
make -j2 || { echo "0 passed, 1 failed"; exit 1; }

# Results of an earlier run must not be counted again.
find "$BUILD" -name '*.trs' -delete
rm -f "$BUILD/test-suite.log"

step "make check"
make -j2 check
check_rc=$?

# Every TAP case leaves one ":test-result:" line in its program's .trs.
passed=0
failed=0
failing_logs=""
while IFS= read -r trs; do
	p=$(grep -c '^:test-result: PASS' "$trs")
	f=$(grep -c -E '^:test-result: (FAIL|ERROR|XPASS|XFAIL|SKIP)' "$trs")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		failing_logs="$failing_logs ${trs%.trs}.log"
	fi
done < <(find "$BUILD" -name '*.trs' | sort)

if [ -n "$failing_logs" ]; then
	for log in $failing_logs; do
		echo "=================== ${log#"$BUILD"/}"
		cat "$log"
	done
	# A long log is cut when shown in a report: name the failing cases
	# again, with their diagnostics, just above the count.
	echo "=================== failing cases"
	for log in $failing_logs; do
		awk -v name="${log#"$BUILD"/}" '
			/^(not ok|Bail out!)/ { print name ": " $0; diag = 1; next }
			diag && /^#/ && shown < 20 { print name ": " $0; shown++; next }
			{ diag = 0; shown = 0 }' "$log"
	done
fi
if [ $check_rc -ne 0 ] && [ $failed -eq 0 ]; then
	# make check broke without a failing case (a test program that did
	# not build, a driver error): count it, and show the suite log.
	[ -f "$BUILD/test-suite.log" ] && cat "$BUILD/test-suite.log"
	echo "make check exited $check_rc"
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
if [ $failed -ne 0 ] || [ $passed -eq 0 ]; then
	exit 1
fi
exit 0
