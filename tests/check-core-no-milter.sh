#!/bin/sh
# The core library (src/) must never include libmilter: it runs in --scan,
# tests and fuzzers without an MTA (DESIGN.md, STYLE.md section 1).
echo "1..1"
if grep -lE '#[[:space:]]*include[[:space:]]*[<"]libmilter|\bsmfi_[a-z]+[[:space:]]*\(' "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; then
	echo "not ok 1 - src/ must not use libmilter (files above)"
else
	echo "ok 1 - src/ does not use libmilter"
fi
