#!/bin/bash
# t-archives-mta.sh - archives other than zip through a real Postfix
# (issue 11 item 5): a 7z and a tar.xz attachment, made at test time with
# p7zip and GNU tar/xz, holding a CPR number (vector dk-006 of
# tests/data/vectors.tsv) are refused at end of DATA to an untrusted
# recipient with a masked reply (the refusal policy of t-policy.sh) and
# never delivered; the same archives without the number are delivered
# byte for byte; RAR 4 and RAR 5 fixtures (tests/tools/gen_rar.py,
# gen_rar5.py) are refused too; large zip and 7z attachments with mixed
# line ends, sent in odd body chunks, are read whole; and no log or reply
# holds the number in cleartext.
. "$(dirname "$0")/lib.sh"

seal_setup archives
for prog in 7z tar xz base64; do
	command -v $prog >/dev/null || bail_out "$prog not installed (contrib/install-deps.sh)"
done
FROM=sagsbehandler@kommune.example
TO=citizen@gmail.example
NUMBER=060868-2430
MASK=060868-XXXX

CONF=$(seal_milter_conf archives <<EOF
language = en
EOF
)
seal_up archives "$CONF" || bail_out "could not start Postfix, smtp-sink and sealmilter"

# The archives: note.txt with and without the number.
A=$SEAL_T/arch
mkdir -p "$A/pos" "$A/neg"
printf 'Journal for borgeren\nCPR-nr.: %s\n' "$NUMBER" >"$A/pos/note.txt"
printf 'Journal for borgeren\nIngen numre\n' >"$A/neg/note.txt"
for d in pos neg; do
	(
		cd "$A/$d" || exit 1
		7z a -bd -bso0 "$A/$d.7z" note.txt
		tar cJf "$A/$d.tar.xz" note.txt
	) || bail_out "could not make the archives"
done
cp "$top_srcdir/tests/data/rar/cpr.rar" "$A/pos.rar"
cp "$top_srcdir/tests/data/rar/cpr5.rar" "$A/pos5.rar"

# make_mail ID FILE NAME: a letter with FILE attached as NAME (base64).
make_mail()
{
	local id=$1 file=$2 name=$3 out=$SEAL_T/mail/$1.eml
	mkdir -p "$SEAL_T/mail"
	{
		printf 'From: Sagsbehandler <%s>\nTo: <%s>\n' "$FROM" "$TO"
		printf 'Subject: Bilag til sagen\nDate: Mon, 01 Jun 2026 10:00:00 +0200\n'
		printf 'Message-ID: <%s@kommune.example>\nMIME-Version: 1.0\n' "$id"
		printf 'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
		printf 'Content-Type: text/plain; charset=utf-8\n\nSe vedhæftede bilag.\n\n--b1\n'
		printf 'Content-Type: application/octet-stream; name="%s"\n' "$name"
		printf 'Content-Disposition: attachment; filename="%s"\n' "$name"
		printf 'Content-Transfer-Encoding: base64\n\n'
		base64 "$file"
		printf '\n--b1--\n'
	} >"$out"
	echo "$out"
}

REFUSED_IDS=""
expect_refused()	# LABEL FILE NAME
{
	local label=$1 id="t-$1-$$" mail rc reply
	REFUSED_IDS="$REFUSED_IDS $id"
	mail=$(make_mail "$id" "$2" "$3")
	seal_send "$label" "$FROM" "$TO" "$mail"
	rc=$?
	reply=$(seal_reply_lines "$label")
	printf '%s\n' "$reply" >"$SEAL_T/swaks/$label.reply"
	if [ $rc -eq 26 ] && printf '%s\n' "$reply" | grep -q '^550[- ]5\.7\.1'; then
		ok "$label: refused with 550 5.7.1"
	else
		not_ok "$label: refused (got swaks exit $rc, want 26 with 550 5.7.1)"
		diag "reply: $reply"
	fi
	if printf '%s\n' "$reply" | grep -qF -- "$MASK"; then
		ok "$label: reply names $MASK"
	else
		not_ok "$label: reply names $MASK (got: $(printf '%s' "$reply" | tr '\n' ' '))"
	fi
	check "$label: nothing delivered" seal_not_delivered "<$id@"
}

expect_delivered()	# LABEL FILE NAME
{
	local label=$1 id="t-$1-$$" mail rc f
	mail=$(make_mail "$id" "$2" "$3")
	seal_send "$label" "$FROM" "$TO" "$mail"
	rc=$?
	if [ $rc -ne 0 ]; then
		not_ok "$label: accepted (got swaks exit $rc, want 0)"
		diag "$(seal_reply_lines "$label")"
		return
	fi
	ok "$label: accepted"
	if f=$(seal_wait_for_delivery "<$id@" 30); then
		check "$label: delivered byte for byte" seal_same_message "$mail" "$f"
	else
		not_ok "$label: delivered (got nothing in the sink within 30 s)"
		diag_file "$SEAL_MAILLOG" 10
	fi
}

expect_refused cpr-7z "$A/pos.7z" bilag.7z
expect_refused cpr-tar-xz "$A/pos.tar.xz" bilag.tar.xz
expect_refused cpr-rar "$A/pos.rar" bilag.rar
expect_refused cpr-rar5 "$A/pos5.rar" bilag.rar
expect_delivered clean-7z "$A/neg.7z" bilag.7z
expect_delivered clean-tar-xz "$A/neg.tar.xz" bilag.tar.xz

# Mixed line ends in odd body chunks (tests/miltertest/eol-chunks.lua):
# zip (stored) and 7z attachments of 3 MB and 20 MB, MIME headers in CRLF,
# base64 lines in LF, straight into the daemon with miltertest. With the
# number: refused; without: accepted; none of them unscannable (the report
# was "comes out as a damaged archive"). The filler is random control
# bytes: no printable strings for the fallback reader to find words in.
command -v miltertest >/dev/null || bail_out "miltertest not installed (contrib/install-deps.sh)"
E=$SEAL_T/eol
mkdir -p "$E/pos" "$E/neg"
python3 - "$E" "$NUMBER" <<'PY' || bail_out "could not make the mixed line-end bodies"
import base64, os, subprocess, sys
d, number = sys.argv[1], sys.argv[2]
table = bytes(b & 0x1F for b in range(256))
for mb in (3, 20):
    filler = os.urandom(mb << 20).translate(table)
    for kind, note in (("pos", "CPR-nr.: %s\n" % number), ("neg", "Ingen numre\n")):
        w = os.path.join(d, kind)
        with open(os.path.join(w, "filler.bin"), "wb") as f:
            f.write(filler)
        with open(os.path.join(w, "note.txt"), "w") as f:
            f.write("Journal for borgeren\n" + note)
        for arc, cmd in (("zip", ["zip", "-q", "-0"]), ("7z", ["7z", "a", "-bd", "-bso0"])):
            out = os.path.join(d, "%s-%d.%s" % (kind, mb, arc))
            subprocess.run(cmd + [out, "filler.bin", "note.txt"], cwd=w, check=True)
            head = ("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                    "Se bilag.\r\n\r\n--b1\r\n"
                    "Content-Type: application/octet-stream; name=\"bilag.%s\"\r\n"
                    "Content-Disposition: attachment; filename=\"bilag.%s\"\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n" % (arc, arc))
            with open(out, "rb") as f:
                b64 = base64.encodebytes(f.read())
            with open(out + ".body", "wb") as f:
                f.write(head.encode() + b64 + b"\r\n--b1--\r\n")
            os.remove(out)
PY
unscannable_before=$(grep -c 'unscannable' "$SEAL_MLOG")
for body in "$E"/*.body; do
	b=$(basename "$body" .body)
	case $b in pos-*) want=refused ;; *) want=accepted ;; esac
	seal_miltertest "eol $b" eol-chunks -D "body=$body" -D "rcpt=$TO" \
	    -D "want=$want" -D "label=eol-$b"
done
unscannable_after=$(grep -c 'unscannable' "$SEAL_MLOG")
if [ "$unscannable_after" = "$unscannable_before" ]; then
	ok "eol: no mixed line-end archive was unscannable"
else
	not_ok "eol: no mixed line-end archive was unscannable"
	diag_file "$SEAL_MLOG" 12
fi
seal_milter_stop

# Privacy: the number is in no log or reply in cleartext.
PATS=$SEAL_T/patterns
seal_number_patterns "$NUMBER" >"$PATS"
files="$SEAL_MAILLOG $SEAL_MLOG $SEAL_T/swaks/*.reply"
# shellcheck disable=SC2086
leaks=$(seal_leak_scan "$PATS" $files -z "$SEAL_MDIR/stdout.log" "$SEAL_T/sink.out")
if [ -z "$leaks" ]; then
	ok "privacy: no identity number in cleartext in logs and replies"
else
	not_ok "privacy: numbers in cleartext in: $leaks"
fi
if grep -qF -- "$MASK" "$SEAL_MLOG"; then
	ok "privacy: sealmilter log names $MASK"
else
	not_ok "privacy: sealmilter log names $MASK (got no such line)"
	diag_file "$SEAL_MLOG" 10
fi

done_testing
