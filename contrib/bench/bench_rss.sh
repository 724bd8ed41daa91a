#!/bin/bash
# bench_rss.sh - sealmilter's peak memory and time for one large message.
#
# Usage (as root, after `make` and `make bench`):
#   contrib/bench/bench_rss.sh [-b BUILDDIR] [-m MEGABYTES]
#
# Generates a MEGABYTES (default 50) text/plain message of filler lines with
# a few identity numbers (the "input" column of "found" rows of
# tests/data/vectors.tsv, one per country, spread over the body), addressed
# to a trusted domain so sealmilter lets it pass. It goes through the private
# Postfix (message_size_limit raised to 2 x MEGABYTES) into smtp-sink, once
# with no milter and once with sealmilter on its unix socket, and prints:
#   - the time from the start of the SMTP transaction to the message
#     counted by the sink with the queue empty, for both;
#   - sealmilter's VmHWM (peak resident set, /proc/PID/status) before and
#     after, in MB, and its CPU time for the message.
# The numbers themselves are never printed.
#
# Helpers: tests/integration/lib.sh (Postfix, ports, config) and
# contrib/bench/bench_mta.sh (sink counter, drain, milter start/stop).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$BENCH_DIR/../.." && pwd)}"

RSS_MB=50

rss_parse_args()
{
	local opt
	while getopts b:m:h opt; do
		case $opt in
		b) top_builddir=$(cd "$OPTARG" && pwd) || exit 64 ;;
		m) RSS_MB=$OPTARG ;;
		*)
			sed -n '4,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
			exit 64
			;;
		esac
	done
}

# rss_numbers: one "found" input per kind, at most 8 lines.
rss_numbers()
{
	awk -F'\t' '$4 == "found" && !seen[$2]++ { print $3 }' \
		"$top_srcdir/tests/data/vectors.tsv" | head -n 8
}

# rss_message FILE: headers and RSS_MB MB of 71-column filler; the numbers
# sit at evenly spread line positions, so the scan must read to the end.
rss_message()
{
	local f=$1 lines
	lines=$(( RSS_MB * 1024 * 1024 / 72 ))
	{
		cat <<EOF
From: Sagsbehandler <sagsbehandler@kommune.example>
To: Modtager <modtager@partner.example>
Subject: bench_rss large message
Date: $(LC_ALL=C date -R)
Message-ID: <bench-rss-$$@kommune.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

EOF
		rss_numbers | awk -v lines="$lines" '
		{ num[n++] = $0 }
		END {
			filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod"
			step = int(lines / (n + 1))
			for (i = 1; i <= lines; i++) {
				if (n > 0 && i % step == 0 && i / step <= n)
					print "Sagen vedr. " num[i / step - 1] " - se bilag."
				else
					print filler
			}
		}'
	} >"$f"
}

rss_status_mb()
{
	awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null
}

# rss_send LABEL: one transaction with the big message; prints seconds.
rss_send()
{
	local label=$1 before t0 t2 limit=300
	before=$(bench_sink_count)
	t0=$(bench_now)
	if ! smtp-source -m 1 -s 1 -M client.kommune.example -F "$RSS_FILE" \
		-f sagsbehandler@kommune.example -t modtager@partner.example \
		"127.0.0.1:$SEAL_SMTP_PORT" >"$SEAL_T/rss-$label.log" 2>&1 </dev/null; then
		bench_log "$label: smtp-source failed: $(tail -n 2 "$SEAL_T/rss-$label.log" | seal_mask_filter | tr '\n' ' ')"
		return 1
	fi
	if ! t2=$(bench_drain "$before" 1 \
		"$(awk -v a="$t0" -v l="$limit" 'BEGIN { printf "%.3f", a + l }')"); then
		bench_log "$label: not delivered within ${limit}s"
		return 1
	fi
	awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.2f", b - a }'
}

rss_main()
{
	local t_pf t_seal hwm0 rss0 hwm1 c0 c1 size
	rss_parse_args "$@"
	. "$top_srcdir/tests/integration/lib.sh" || exit 1
	. "$BENCH_DIR/bench_mta.sh" || exit 1
	[ -x "$SEALMILTER" ] || bail_out "$SEALMILTER missing: make"
	seal_setup rss
	seal_pf_create || bail_out "postfix config"
	postconf -c "$SEAL_PF_CONF" -e "smtpd_milters =" "non_smtpd_milters =" \
		"message_size_limit = $(( RSS_MB * 2 * 1024 * 1024 ))" ||
		bail_out "postconf"
	bench_sink_start || bail_out "smtp-sink did not start"
	seal_pf_start || bail_out "postfix did not start"
	BENCH_SEAL_CONF=$(printf '%s\n' "spf_check = no" \
		"max_scan_size = $(( RSS_MB * 2 ))M" | seal_milter_conf rss)

	RSS_FILE=$SEAL_T/big.eml
	rss_message "$RSS_FILE"
	size=$(stat -c %s "$RSS_FILE")
	bench_log "message: $size bytes, $(rss_numbers | wc -l) identity numbers"

	t_pf=$(rss_send postfix) || exit 1
	bench_log "Postfix alone: $t_pf s"

	bench_milter_start seal-unix || bail_out "sealmilter did not start"
	bench_set_milter "$BENCH_MILTER_PF" || bail_out "postfix reload"
	hwm0=$(rss_status_mb "$BENCH_MILTER_PID" VmHWM)
	rss0=$(rss_status_mb "$BENCH_MILTER_PID" VmRSS)
	c0=$(bench_cpu_ticks "$BENCH_MILTER_PID")
	t_seal=$(rss_send sealmilter)
	hwm1=$(rss_status_mb "$BENCH_MILTER_PID" VmHWM)
	c1=$(bench_cpu_ticks "$BENCH_MILTER_PID")
	bench_set_milter ""
	bench_milter_stop

	echo
	echo "sealmilter large-message benchmark: $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MB text/plain, $(rss_numbers | wc -l) identity numbers, trusted recipient"
	printf '  %-34s %s s\n' "Postfix alone, SMTP start..drained" "$t_pf"
	if [ -n "$t_seal" ]; then
		printf '  %-34s %s s (accepted and delivered)\n' \
			"with sealmilter (unix socket)" "$t_seal"
	else
		printf '  %-34s FAILED (see above)\n' "with sealmilter (unix socket)"
	fi
	printf '  %-34s %s MB\n' "sealmilter VmRSS idle" "$rss0"
	printf '  %-34s %s MB before, %s MB after\n' "sealmilter VmHWM (peak RSS)" \
		"$hwm0" "$hwm1"
	printf '  %-34s %s s\n' "sealmilter CPU (user+sys)" \
		"$(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz }')"
	[ -n "$t_seal" ]
}

rss_main "$@"
