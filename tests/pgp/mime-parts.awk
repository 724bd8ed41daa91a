# mime-parts.awk - splits a CR-stripped RFC 5322 message whose body is a
# multipart (one level) for tests/t-pgp.sh. Writes PREFIX.N (each part,
# headers and body as in the message) and prints:
#   type <top-level Content-Type, unfolded>
#   boundary <boundary>
#   parts <count>
#   closed <0|1>            (closing delimiter seen)
# Usage: awk -v prefix=DIR/part -f mime-parts.awk MESSAGE
BEGIN { inhdr = 1; n = 0; closed = 0; ct = "" }
inhdr && /^$/ {
	inhdr = 0
	b = ct
	sub(/.*boundary="/, "", b)
	sub(/".*/, "", b)
	print "type " ct
	print "boundary " b
	next
}
inhdr {
	if ($0 ~ /^[ \t]/) {
		if (cur == "ct") { line = $0; sub(/^[ \t]+/, " ", line); ct = ct line }
		next
	}
	cur = ""
	if (tolower($0) ~ /^content-type:/) { ct = $0; sub(/^[^:]*:[ \t]*/, "", ct); cur = "ct" }
	next
}
$0 == "--" b "--" { closed = 1; if (n > 0) close(file); n_done = 1; next }
$0 == "--" b { if (n > 0) close(file); n++; file = prefix "." n; printf "" > file; next }
n > 0 && !closed { print > file }
END {
	print "parts " n
	print "closed " closed
}
