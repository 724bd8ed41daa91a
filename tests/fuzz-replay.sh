#!/bin/sh
# Replays every fuzz target over its seeds (the sample corpus for the
# message target, tests/fuzz/seeds/* for the others) under the build's
# sanitizers. TAP: one case per target. The property is the same for every
# input (no crash, no sanitizer report), so the inputs of a target are one
# check, not one each; a failure names the input that broke it.
#
# tests/fuzz/seeds/detect holds starting points for libFuzzer that
# tests/data/vectors.tsv does not (mixed HTML, a meeting text, and the
# vectors whose input needs a character the .tsv writes as an escape, here
# as the real bytes); the plain vectors are checked by test_vectors.
set -u
b="$top_builddir/tests/fuzz"
s="$top_srcdir/tests"
n=0; fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run() {   # target, files...
	target=$1; shift
	n=$((n + 1))
	if [ $# -eq 0 ]; then
		echo "not ok $n - $target: no input files"
		fail=1
		return
	fi
	"$b/$target" "$@" >"$out" 2>&1
	rc=$?
	# replay prints "ok I - FILE" after each input it survived.
	done_n=$(grep -c '^ok ' "$out")
	if [ $rc -eq 0 ] && [ "$done_n" -eq $# ] && ! grep -q '^not ok' "$out"; then
		echo "ok $n - $target: $# inputs replayed"
	else
		echo "not ok $n - $target: exit $rc after $done_n of $# inputs"
		grep '^not ok' "$out" | sed 's/^/# /'
		# The input being replayed when it died is the one after the last ok.
		[ "$done_n" -lt $# ] && eval "echo \"# died on: \${$((done_n + 1))}\""
		grep -v '^ok ' "$out" | sed 's/^/# /' | head -40
		fail=1
	fi
}
# the corpus, and inputs a campaign found (fuzz/seeds/scan)
run replay_scan $( (find "$s/corpus" -type f -name '*.eml'; find "$s/fuzz/seeds/scan" -type f) | sort)
run replay_detect $(find "$s/fuzz/seeds/detect" -type f | sort)
run replay_config $(find "$s/fuzz/seeds/config" "$s/data/conf" -type f 2>/dev/null | sort)
# The HTML and OpenPGP readers: their seeds, each also mutated 300 times
# (replay.c, fixed seeds: a failure repeats).
SEAL_FUZZ_MUTATE=300; export SEAL_FUZZ_MUTATE
run replay_html $(find "$s/fuzz/seeds/html" -type f | sort)
run replay_form $(find "$s/fuzz/seeds/form" -type f | sort)
run replay_weblang $(find "$s/fuzz/seeds/weblang" -type f | sort)
run replay_webfields $(find "$s/fuzz/seeds/webfields" -type f | sort)
run replay_pgpread $(find "$s/fuzz/seeds/pgpread" -type f | sort)
# Pictures' metadata (PNG, JPEG, WebP with EXIF, XMP and text chunks)
run replay_picmeta $(find "$s/fuzz/seeds/picmeta" -type f | sort)
# Windows metafiles (EMF, EMF+, WMF text records; LibreOffice's)
run replay_metafile $(find "$s/fuzz/seeds/metafile" -type f | sort)
# The dictionary reader: its seeds and the test dictionaries (the first
# byte of an input picks the file name), each mutated too.
run replay_dict $(find "$s/fuzz/seeds/dict" "$s/data/dict" -type f | sort)
# RTF (hand-made and LibreOffice's) and TNEF (tests/tools/gen_tnef.py)
run replay_rtf $(find "$s/fuzz/seeds/rtf" -type f | sort)
run replay_tnef $(find "$s/fuzz/seeds/tnef" -type f | sort)
# Calendars and cards: content-line unfolding, unescaping, both readers
# (the corpus invitations and cards, and hand-made edge cases)
run replay_calendar $(find "$s/fuzz/seeds/calendar" -type f | sort)
# Compound files (.doc, .xls, .msg) and compressed RTF: 100 mutations each
# (a file is parsed whole each time; ASan on 2 cores).
# libgsf leaks on some damaged files (tests/fuzz/lsan.supp says where); the
# suppression needs whole stacks, which the fast unwinder cannot walk
# through GLib.
SEAL_FUZZ_MUTATE=100
ASAN_OPTIONS=fast_unwind_on_malloc=0
LSAN_OPTIONS=suppressions=$s/fuzz/lsan.supp:print_suppressions=0
export ASAN_OPTIONS LSAN_OPTIONS
run replay_ole2 $(find "$s/fuzz/seeds/ole2" -type f | sort)
unset ASAN_OPTIONS LSAN_OPTIONS
# Compressed RTF alone (the spec's and a public compressor's examples, the
# streams of the TNEF seeds): each mutation also with its CRC made right.
SEAL_FUZZ_MUTATE=2000
run replay_lzfu $(find "$s/fuzz/seeds/lzfu" -type f | sort)
# Site rules (the example rules of conf/rules.d and edge cases), the
# office XML and package readers, the reinjection client against replies.
SEAL_FUZZ_MUTATE=300
run replay_rules $(find "$s/fuzz/seeds/rules" -type f | sort)
run replay_reinject $(find "$s/fuzz/seeds/reinject" -type f | sort)
SEAL_FUZZ_MUTATE=100
run replay_office $(find "$s/fuzz/seeds/office" -type f | sort)
unset SEAL_FUZZ_MUTATE
echo "1..$n"
exit $fail
