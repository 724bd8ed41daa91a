#!/bin/sh
# The core library (src/) must never use libmilter: it runs in --scan,
# tests and fuzzers without an MTA (DESIGN.md, STYLE.md section 1).
# Two checks: no source includes a libmilter header, and the built
# library references no smfi_* symbol (comments may still name them).
echo "1..2"
if grep -lE '#[[:space:]]*include[[:space:]]*[<"](libmilter/|mfapi\.h)' \
    "$top_srcdir"/src/*/*.c "$top_srcdir"/src/*/*.h; then
	echo "not ok 1 - src/ must not include libmilter headers (files above)"
else
	echo "ok 1 - src/ includes no libmilter header"
fi
lib="$top_builddir/src/libseal.a"
# Without nm the symbol check cannot run: that is a failure, not a pass
# (contrib/install-deps.sh installs binutils). nm's own errors fail too.
if [ ! -f "$lib" ]; then
	echo "not ok 2 - $lib not built"
elif ! command -v nm >/dev/null 2>&1; then
	echo "not ok 2 - nm not installed (binutils, contrib/install-deps.sh): symbols unchecked"
elif ! undef=$(nm -u "$lib" 2>&1); then
	echo "not ok 2 - nm -u $lib failed: $undef"
elif [ -z "$undef" ]; then
	echo "not ok 2 - nm -u $lib listed no undefined symbol at all (want at least libc's)"
elif syms=$(printf '%s\n' "$undef" | grep -E '\bsmfi_'); then
	echo "not ok 2 - libseal references libmilter: $syms"
else
	echo "ok 2 - libseal references no smfi_* symbol ($(printf '%s\n' "$undef" | grep -c ' U ') undefined symbols read)"
fi
