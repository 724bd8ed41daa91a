# nocleartext.sh - the one "no identity number in clear" check of the shell
# tests, sourced by the top-level tests (POSIX sh) and by
# tests/integration/lib.sh (bash).
#
# A bare `! grep PATTERN FILE` passes when FILE is missing, empty or
# unreadable (grep finds nothing there either), so a test that never got
# the file it meant to inspect would report "no cleartext". This helper
# checks that every file exists and holds something before it greps.
#
# seal_no_cleartext PATTERN-FILE FILE... [-z FILE...]
#   PATTERN-FILE: extended regexes, one per line (it must not be empty).
#   FILE: regular files, or pipes such as <(printf ...): read once.
#   -z: the files after it must exist but may be empty (a daemon's stdout,
#   which holds only sanitizer reports).
#   Succeeds when every FILE exists, is not empty, and no line of it matches
#   any pattern. Otherwise prints each file at fault with the reason
#   ("missing", "empty", "cleartext") on stdout and fails. The matching
#   text itself is never printed.

seal_no_cleartext()
{
	_snc_pats=$1
	shift
	if [ ! -s "$_snc_pats" ]; then
		echo "$_snc_pats (no patterns)"
		return 1
	fi
	if [ $# -eq 0 ]; then
		echo "(no file to check)"
		return 1
	fi
	_snc_bad=0
	_snc_empty_ok=0
	for _snc_f in "$@"; do
		if [ "$_snc_f" = -z ]; then
			_snc_empty_ok=1
			continue
		fi
		_snc_tmp=""
		if [ ! -e "$_snc_f" ]; then
			echo "$_snc_f (missing)"
			_snc_bad=1
			continue
		fi
		if [ ! -f "$_snc_f" ]; then
			# A pipe can be read only once: keep a copy to test and grep.
			_snc_tmp=$(mktemp) || { echo "$_snc_f (mktemp failed)"; return 1; }
			cat -- "$_snc_f" >"$_snc_tmp"
			_snc_in=$_snc_tmp
		else
			_snc_in=$_snc_f
		fi
		if [ ! -r "$_snc_in" ]; then
			echo "$_snc_f (unreadable)"
			_snc_bad=1
		elif [ ! -s "$_snc_in" ]; then
			[ $_snc_empty_ok = 1 ] && { [ -z "$_snc_tmp" ] || rm -f "$_snc_tmp"; continue; }
			echo "$_snc_f (empty)"
			_snc_bad=1
		else
			grep -q -a -E -f "$_snc_pats" -- "$_snc_in"
			case $? in
			0) echo "$_snc_f (cleartext)"; _snc_bad=1 ;;
			1) ;;
			*) echo "$_snc_f (grep failed)"; _snc_bad=1 ;;
			esac
		fi
		[ -z "$_snc_tmp" ] || rm -f "$_snc_tmp"
	done
	return $_snc_bad
}
