#!/bin/sh
# run_clients.sh BIN DIR CONF: every pos-*.eml and clean-*.eml of DIR
# (written by gen_clients.py) through `sealmilter --scan --json` with one
# untrusted recipient; prints found/total for pos-*, false positives for
# clean-*, and the names of the misses (MISS) and false positives (FP).
# Exit 1 on a miss, a false positive or a scan error.
set -u
bin=$1; dir=$2; conf=$3
pf=0; pn=0; cf=0; cn=0; rc=0
for eml in "$dir"/pos-*.eml "$dir"/clean-*.eml; do
	[ -f "$eml" ] || continue
	name=$(basename "$eml" .eml)
	if ! out=$("$bin" --scan "$eml" -c "$conf" --date 2026-06-01 --json \
	    --from caseworker@kommune.example --rcpt citizen@gmail.example 2>/dev/null); then
		echo "ERROR $name"; rc=1; continue
	fi
	case "$out" in *'"counted": true'*) hit=1 ;; *) hit=0 ;; esac
	case "$name" in
	pos-*) pn=$((pn + 1)); if [ $hit = 1 ]; then pf=$((pf + 1)); else echo "MISS $name"; rc=1; fi ;;
	clean-*) cn=$((cn + 1)); if [ $hit = 1 ]; then cf=$((cf + 1)); echo "FP $name"; rc=1; fi ;;
	esac
done
echo "found $pf/$pn; clean false positives $cf/$cn"
exit $rc
