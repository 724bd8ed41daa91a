#!/bin/sh
# check-layers.sh - the layout rules of src/ (doc/ARCHITECTURE.md), checked
# from the sources and the built objects so that the tree keeps showing the
# pipeline:
#   1. every file of the core lies in one of the stage folders below;
#   2. a folder includes headers only from itself and the folders before it
#      in ORDER (read from the #include lines);
#   3. no source file of the core, the daemon or sealctl is over 800 lines;
#   4. no two object files call each other (a cycle means the shared part
#      belongs in the lower file or a small internal header).
# Needs nm (binutils): a missing nm fails the test, it does not skip it.
ORDER="util detect mime config crypto policy deliver store"
src="$top_srcdir/src"
n=0
fail=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

rank() {
	r=0
	for d in $ORDER; do
		[ "$d" = "$1" ] && { echo $r; return; }
		r=$((r + 1))
	done
	echo -1
}

# 1. no stray files or folders
stray=$(find "$src" -mindepth 1 -maxdepth 1 \( -name '*.[ch]' -o -name '*.inc' \) -print)
for d in "$src"/*/; do
	d=$(basename "$d")
	[ "$(rank "$d")" -ge 0 ] || stray="$stray $d/"
done
if [ -z "$stray" ]; then
	ok "src/ holds only the stage folders: $ORDER"
else
	echo "# outside the stage folders: $stray"
	notok "src/ holds only the stage folders: $ORDER"
fi

# 2. include order, one case per folder
for d in $ORDER; do
	mine=$(rank "$d")
	bad=""
	for f in "$src/$d"/*.c "$src/$d"/*.h "$src/$d"/*.inc; do
		[ -f "$f" ] || continue
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			if [ -f "$src/$d/$h" ]; then continue; fi
			where=$(cd "$src" && ls */"$h" 2>/dev/null | head -n 1)
			if [ -z "$where" ]; then
				bad="$bad $d/$(basename "$f"):$h(unknown)"
				continue
			fi
			if [ "$(rank "${where%%/*}")" -gt "$mine" ]; then
				bad="$bad $d/$(basename "$f"):$where"
			fi
		done
	done
	if [ -z "$bad" ]; then
		ok "src/$d includes only from itself and the folders before it"
	else
		echo "# includes from a later folder:$bad"
		notok "src/$d includes only from itself and the folders before it"
	fi
done

# 3. file size
big=""
for f in "$src"/*/*.[ch] "$top_srcdir"/milter/*.[ch] "$top_srcdir"/ctl/*.[ch] "$top_srcdir"/web/*.[ch]; do
	lines=$(wc -l < "$f")
	[ "$lines" -le 800 ] || big="$big ${f#$top_srcdir/}($lines)"
done
if [ -z "$big" ]; then
	ok "no source file of src/, milter/, ctl/ or web/ is over 800 lines"
else
	echo "# over 800 lines:$big"
	notok "no source file of src/, milter/, ctl/ or web/ is over 800 lines"
fi

# 4. no two object files call each other
if ! command -v nm >/dev/null 2>&1; then
	notok "nm (binutils) is installed: needed to check calls between files"
	echo "1..$n"
	exit 1
fi
objs=$(cd "$top_builddir" && ls src/*/*.o milter/*.o ctl/*.o web/*.o 2>/dev/null | grep -v '/fuzz')
if [ -z "$objs" ]; then
	notok "object files built in $top_builddir"
	echo "1..$n"
	exit 1
fi
cycles=$(cd "$top_builddir" && for o in $objs; do
	nm -g --defined-only "$o" | awk -v f="$o" 'NF == 3 { print "D", f, $3 }'
	nm -g --undefined-only "$o" | awk -v f="$o" '{ print "U", f, $NF }'
done | awk '
	$1 == "D" { def[$3] = $2; next }
	{ use[$2, $3] = 1; users[$3] = users[$3] " " $2 }
	END {
		for (k in use) {
			split(k, p, SUBSEP); a = p[1]; s = p[2]
			if (!(s in def)) continue
			b = def[s]
			if (a == b) continue
			calls[a, b] = 1
		}
		for (k in calls) {
			split(k, p, SUBSEP)
			if ((p[2], p[1]) in calls && p[1] < p[2])
				print p[1] "<->" p[2]
		}
	}' | sort)
if [ -z "$cycles" ]; then
	ok "no two object files call each other"
else
	echo "# files that call each other:" $cycles
	notok "no two object files call each other"
fi

echo "1..$n"
exit $fail
