#!/bin/bash
# t-debian-package.sh - the Debian package, end to end: dpkg-buildpackage
# builds it from this tree, lintian finds no error, and it is installed into
# a fresh Debian 12 root (debootstrap from Debian's mirror) holding a real
# Postfix. There: the postinst's user, keys and directories, the service
# enabled but not started; sealmilter (started by hand: no systemd in a
# chroot) behind that Postfix passes a clean message and refuses one with a
# CPR number; an upgrade to a newer version keeps configuration, keys and
# store; remove keeps the configuration, purge removes what postinst made.
#
# The root is made once and kept as a tarball in the build directory
# (tests/debian-root/); reruns unpack it. The upgrade's package is the built
# one repacked with a higher version: dpkg and the maintainer scripts run
# exactly as for a rebuild, without compiling everything a second time.
#
# Needs root, network access to deb.debian.org the first time, debootstrap,
# dpkg-dev, debhelper, lintian (contrib/install-deps.sh). Output: TAP.
# SEAL_KEEP=1 keeps the temporary directory.
set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
MIRROR=${SEAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" = 0 ] || { echo "Bail out! needs root (chroot, dpkg in the root)"; exit 1; }
for prog in debootstrap dpkg-buildpackage dh lintian unshare chroot swaks smtp-sink git; do
	command -v $prog >/dev/null ||
		{ echo "Bail out! $prog not installed (contrib/install-deps.sh)"; exit 1; }
done

# Everything below runs in a mount namespace of its own: /proc and /dev
# mounted into the root vanish with it, whatever way the test ends.
if [ -z "${SEAL_DEB_NS:-}" ]; then
	SEAL_DEB_NS=1 exec unshare --mount --propagation private "$BASH" "$0" "$@"
fi

. "$top_srcdir/tests/integration/lib.sh"

T=$(mktemp -d /tmp/seal-deb.XXXXXX) || bail_out "mktemp"
chmod 0755 "$T"
R=$T/root
SEAL_T=$T
SEAL_SINK=$T/sink
mkdir -p "$SEAL_SINK" "$T/swaks" "$R"

deb_cleanup()
{
	local rc=$?
	if [ -d "$R/etc/postfix" ]; then
		chroot "$R" postfix stop >/dev/null 2>&1
	fi
	stop_daemon
	for p in $SEAL_PIDS; do kill "$p" 2>/dev/null; done
	for p in $SEAL_PIDS; do wait "$p" 2>/dev/null; done
	umount "$R/dev" "$R/proc" 2>/dev/null
	if [ -z "${SEAL_KEEP:-}" ]; then
		rm -rf --one-file-system "$T"
	else
		echo "# kept $T" >&2
	fi
	exit $rc
}
trap deb_cleanup EXIT
trap 'exit 1' INT TERM HUP

# stop_daemon: the sealmilter started by hand in the root, if running.
stop_daemon()
{
	local pid n=100
	pid=$(cat "$R/run/sealmilter/sealmilter.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null || return 0
	while kill -0 "$pid" 2>/dev/null && [ $n -gt 0 ]; do
		sleep 0.2
		n=$((n - 1))
	done
}

# in_root COMMAND...: run in the root with a plain environment.
in_root()
{
	chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"
}

# in_root_q COMMAND...: the same, output dropped (its status is the check).
in_root_q()
{
	in_root "$@" >/dev/null 2>&1
}

elapsed()
{
	echo $(( $(date +%s) - $1 ))
}

# ---------------------------------------------------------------- build

t0=$(date +%s)
mkdir -p "$T/pkg/src"
# The tree as git sees it (tracked and new files, not the ignored build
# products), so an in-tree configure does not leak into the package build.
(cd "$top_srcdir" && git ls-files -co --exclude-standard -z) |
	(cd "$top_srcdir" && xargs -0 cp --parents -d -t "$T/pkg/src") ||
	bail_out "cannot copy the source tree"
if (cd "$T/pkg/src" && DEB_BUILD_OPTIONS="parallel=2 nocheck" \
	dpkg-buildpackage -us -uc -b) >"$T/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b builds the package"
else
	not_ok "dpkg-buildpackage -us -uc -b builds the package"
	diag_file "$T/build.log" 40
	bail_out "no package to test"
fi
deb=$(ls "$T"/pkg/sealmilter_*.deb | head -n 1)
version=$(dpkg-deb -f "$deb" Version)
diag "built $(basename "$deb") in $(elapsed "$t0") s"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
missing=""
for f in ./usr/sbin/sealmilter ./usr/sbin/sealctl ./etc/sealmilter/sealmilter.conf \
	./etc/sealmilter/templates/da/refuse.txt ./etc/sealmilter/rules.d/case-number.rules \
	./usr/share/man/man8/sealmilter.8.gz ./usr/share/man/man8/sealctl.8.gz \
	./usr/share/man/man5/sealmilter.conf.5.gz ./lib/systemd/system/sealmilter.service \
	./usr/share/doc/sealmilter/NEWS.Debian.gz; do
	printf '%s\n' "$contents" | grep -qx -- "$f" || missing="$missing $f"
done
printf '%s\n' "$contents" | grep -q '^\./etc/sealmilter/dictionaries/.*\.txt$' ||
	missing="$missing ./etc/sealmilter/dictionaries/*.txt"
if [ -z "$missing" ]; then
	ok "the package holds daemon, sealctl, man pages, configuration, templates, dictionaries, unit"
else
	not_ok "the package lacks:$missing"
fi

t1=$(date +%s)
lintian --fail-on error --tag-display-limit 0 "$deb" >"$T/lintian.out" 2>&1
lrc=$?
if [ $lrc = 0 ] && ! grep -q '^E:' "$T/lintian.out"; then
	ok "lintian reports no error"
else
	not_ok "lintian reports no error (status $lrc)"
fi
diag "lintian ($(elapsed "$t1") s):"
diag_file "$T/lintian.out" 40

# The upgrade's package: the same files under a higher version.
dpkg-deb -R "$deb" "$T/re" || bail_out "dpkg-deb -R"
sed -i "s/^Version: .*/Version: $version+t1/" "$T/re/DEBIAN/control"
deb2=$T/pkg/sealmilter_${version}+t1_amd64.deb
dpkg-deb -b "$T/re" "$deb2" >/dev/null || bail_out "dpkg-deb -b"

# ---------------------------------------------------------------- the root

# What the root needs beyond debootstrap's base: Postfix, and the package's
# run-time dependencies (the libraries ${shlibs:Depends} names on Debian 12),
# so installing it downloads nothing; anything new is fetched from the mirror.
ROOT_PKGS="postfix adduser gnupg gpgsm tesseract-ocr-dan tesseract-ocr-eng tesseract-ocr-fin
tesseract-ocr-nor tesseract-ocr-swe libmilter1.0.1 libgmime-3.0-0 libssl3 libspf2-2
libgpgme11 libzip4 libarchive13 libxml2 libpoppler-glib8 libqpdf29 libytnef0 libgsf-1-114
libldap-2.5-0 libsqlite3-0 libpq5 libidn2-0 zlib1g libpcre2-8-0 libtesseract5 liblept5
libglib2.0-0"
ROOT_PKGS=$(echo $ROOT_PKGS)    # one line: it goes into a sh -c string
key=$(printf '%s\n' $ROOT_PKGS | sort -u | sha256sum | cut -c1-12)
CACHE_DIR=$top_builddir/tests/debian-root
cache=$CACHE_DIR/bookworm-$key.tar
t2=$(date +%s)
if [ ! -f "$cache" ]; then
	diag "making the Debian 12 root (first run; cached in $cache)"
	mkdir -p "$CACHE_DIR" "$T/mk"
	if ! debootstrap --variant=minbase bookworm "$T/mk" "$MIRROR" >"$T/debootstrap.log" 2>&1; then
		diag_file "$T/debootstrap.log" 20
		bail_out "debootstrap from $MIRROR failed"
	fi
	# Nothing may start a daemon while packages are installed (Postfix would
	# take port 25 of this machine: the root shares its network).
	printf '#!/bin/sh\nexit 101\n' >"$T/mk/usr/sbin/policy-rc.d"
	chmod 0755 "$T/mk/usr/sbin/policy-rc.d"
	cp /etc/resolv.conf "$T/mk/etc/resolv.conf"
	echo 'postfix postfix/main_mailer_type select No configuration' >"$T/mk/tmp/preseed"
	# shellcheck disable=SC2086
	if ! chroot "$T/mk" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive sh -c "debconf-set-selections /tmp/preseed &&
		apt-get update && apt-get install -y --no-install-recommends $ROOT_PKGS &&
		apt-get clean" >"$T/apt.log" 2>&1; then
		diag_file "$T/apt.log" 20
		bail_out "cannot install the root's packages from $MIRROR"
	fi
	tar -C "$T/mk" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache" || bail_out "cannot cache the root"
	rm -rf --one-file-system "$T/mk"
fi
tar -C "$R" -xf "$cache" || bail_out "cannot unpack $cache"
mount -t proc proc "$R/proc" && mount --bind /dev "$R/dev" || bail_out "cannot mount /proc, /dev in the root"
diag "Debian 12 root ready in $(elapsed "$t2") s"

# ---------------------------------------------------------------- install

cp "$deb" "$deb2" "$R/tmp/"
if in_root apt-get install -y "/tmp/$(basename "$deb")" >"$T/install.log" 2>&1; then
	ok "apt-get installs the package in a fresh Debian 12"
else
	not_ok "apt-get installs the package in a fresh Debian 12"
	diag_file "$T/install.log" 30
	bail_out "not installed"
fi
if grep -q "set internal_domains in /etc/sealmilter/sealmilter.conf" "$T/install.log"; then
	ok "postinst tells the administrator to set internal_domains"
else
	not_ok "postinst tells the administrator to set internal_domains"
fi

# owner_mode PATH: "user:group mode" inside the root.
owner_mode()
{
	in_root stat -c '%U:%G %a' "$1" 2>/dev/null
}

check "system user sealmilter exists" in_root_q getent passwd sealmilter
for k in fingerprint held; do
	f=/etc/sealmilter/$k.key
	if [ "$(owner_mode "$f")" = "sealmilter:sealmilter 600" ] && [ "$(stat -c %s "$R$f")" = 32 ]; then
		ok "$k.key: 32 bytes, sealmilter, 0600"
	else
		not_ok "$k.key: 32 bytes, sealmilter, 0600 (got $(owner_mode "$f"))"
	fi
done
check "/var/lib/sealmilter: sealmilter, 0700" \
	test "$(owner_mode /var/lib/sealmilter)" = "sealmilter:sealmilter 700"
check "socket directory in Postfix's queue directory: sealmilter:postfix, 0750" \
	test "$(owner_mode /var/spool/postfix/sealmilter)" = "sealmilter:postfix 750"
check "the service is enabled" \
	test -L "$R/etc/systemd/system/multi-user.target.wants/sealmilter.service"
# Nothing started it: no systemd in a chroot, and postinst starts it only
# once internal_domains is set (no process of the root's sealmilter runs).
check "the daemon was not started" \
	test -z "$(pgrep -f "^/usr/sbin/sealmilter" | while read -r p; do
		[ "$(readlink "/proc/$p/root")" = "$R" ] && echo "$p"; done)"
key_sum=$(sha256sum <"$R/etc/sealmilter/fingerprint.key")
held_sum=$(sha256sum <"$R/etc/sealmilter/held.key")

# ---------------------------------------------------------------- run behind Postfix

SMTP_PORT=$(seal_free_port 1) || bail_out "no free port"
SEAL_SINK_PORT=$(seal_free_port 2) || bail_out "no free port"

# The administrator's part: internal_domains, and a log file (no syslog here).
cat >>"$R/etc/sealmilter/sealmilter.conf" <<EOF

# set by the administrator
internal_domains = kommune.example
log_target = /var/lib/sealmilter/sealmilter.log
EOF
if in_root sealmilter -n >"$T/check.out" 2>&1; then
	ok "sealmilter -n accepts the sample configuration with internal_domains set"
else
	not_ok "sealmilter -n accepts the sample configuration with internal_domains set"
	diag_file "$T/check.out"
fi

# The root's Postfix: Debian's master.cf with smtpd moved to a free port on
# loopback (chroot as shipped), relaying everything to the sink here.
sed -i "s/^smtp      inet .*/127.0.0.1:$SMTP_PORT inet n - y - - smtpd/" "$R/etc/postfix/master.cf"
grep -q "^127.0.0.1:$SMTP_PORT inet" "$R/etc/postfix/master.cf" || bail_out "master.cf: no smtp inet line"
cat >"$R/etc/postfix/main.cf" <<EOF
compatibility_level = 3.6
myhostname = relay.kommune.example
mydomain = kommune.example
myorigin = kommune.example
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
local_recipient_maps =
alias_maps =
relayhost = [127.0.0.1]:$SEAL_SINK_PORT
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
maillog_file = /var/log/postfix.log
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
# The lines of conf/postfix-main.cf.snippet
smtpd_milters     = unix:sealmilter/sealmilter.sock
non_smtpd_milters = unix:sealmilter/sealmilter.sock
milter_default_action = tempfail
milter_protocol = 6
EOF
echo relay.kommune.example >"$R/etc/mailname"

start_daemon()
{
	in_root /usr/sbin/sealmilter >"$T/daemon.out" 2>&1 || return 1
	local n=100
	while [ ! -S "$R/var/spool/postfix/sealmilter/sealmilter.sock" ] && [ $n -gt 0 ]; do
		sleep 0.2
		n=$((n - 1))
	done
	[ -S "$R/var/spool/postfix/sealmilter/sealmilter.sock" ]
}

if start_daemon; then
	ok "the installed daemon starts and opens its socket in Postfix's queue directory"
else
	not_ok "the installed daemon starts and opens its socket in Postfix's queue directory"
	diag_file "$T/daemon.out"
	diag_file "$R/var/lib/sealmilter/sealmilter.log"
fi
check "socket: sealmilter:postfix, 0660" \
	test "$(owner_mode /var/spool/postfix/sealmilter/sealmilter.sock)" = "sealmilter:postfix 660"

seal_sink_start || bail_out "smtp-sink did not start"
# Postfix's own start script (it copies resolv.conf etc. into its chroot).
if in_root /etc/init.d/postfix start >"$T/postfix.out" 2>&1 && seal_wait_port "$SMTP_PORT" 30; then
	ok "the root's Postfix starts with the milter configured"
else
	not_ok "the root's Postfix starts with the milter configured"
	diag_file "$T/postfix.out"
	diag_file "$R/var/log/postfix.log"
	bail_out "no Postfix"
fi

# send NAME TEMPLATE TO: SMTP to the root's Postfix; swaks' status
send()
{
	local m
	m=$(seal_make_mail "$2" "$1" "$3")
	head -c -1 "$m" >"$T/swaks/$1.data"
	swaks --server "127.0.0.1:$SMTP_PORT" --helo client.kommune.example \
		--from sagsbehandler@kommune.example --to "$3" --data "@$T/swaks/$1.data" \
		--timeout 60 >"$T/swaks/$1.log" 2>&1 </dev/null
}

send deb-clean clean citizen@gmail.example
rc=$?
if [ $rc = 0 ] && seal_wait_for_delivery deb-clean 60 >/dev/null; then
	ok "a clean message to an untrusted recipient is delivered"
else
	not_ok "a clean message to an untrusted recipient is delivered (swaks $rc)"
	diag_file "$T/swaks/deb-clean.log" 20
	diag_file "$R/var/log/postfix.log" 20
fi
send deb-cpr cpr citizen@gmail.example
rc=$?
if [ $rc = 26 ] && grep -q "^<\*\* *550.*5\.7\.1" "$T/swaks/deb-cpr.log" &&
	grep -q "170583-XXXX" "$T/swaks/deb-cpr.log"; then
	ok "a message with a CPR number to an untrusted recipient is refused (550 5.7.1, masked)"
else
	not_ok "a message with a CPR number to an untrusted recipient is refused (swaks $rc)"
	diag_file "$T/swaks/deb-cpr.log" 20
fi
check "the refused message was not delivered" test -z "$(seal_sink_file deb-cpr)"
check "no CPR number in clear in the daemon's log" \
	seal_no_text "$(seal_number_patterns 170583-1889)" "$R/var/lib/sealmilter/sealmilter.log"
check "the refusal is in the audit store" \
	eval 'in_root runuser -u sealmilter -- sealctl audit search --action refuse | grep -q refuse'
check "the audit log verifies" in_root_q runuser -u sealmilter -- sealctl audit verify

# ---------------------------------------------------------------- upgrade

stop_daemon
conf_sum=$(sha256sum <"$R/etc/sealmilter/sealmilter.conf")
db_before=$(in_root runuser -u sealmilter -- sealctl audit search 2>/dev/null | wc -l)
if in_root apt-get install -y "/tmp/$(basename "$deb2")" >"$T/upgrade.log" 2>&1 &&
	[ "$(in_root dpkg-query -W -f='${Version}' sealmilter)" = "$version+t1" ]; then
	ok "upgrade to $version+t1"
else
	not_ok "upgrade to $version+t1"
	diag_file "$T/upgrade.log" 30
fi
check "upgrade keeps the edited configuration" \
	test "$(sha256sum <"$R/etc/sealmilter/sealmilter.conf")" = "$conf_sum"
check "upgrade keeps the fingerprint key" \
	test "$(sha256sum <"$R/etc/sealmilter/fingerprint.key")" = "$key_sum"
check "upgrade keeps the held key" \
	test "$(sha256sum <"$R/etc/sealmilter/held.key")" = "$held_sum"
db_after=$(in_root runuser -u sealmilter -- sealctl audit search 2>/dev/null | wc -l)
check "upgrade keeps the store ($db_after audit lines)" test "$db_after" -gt 0 -a "$db_after" = "$db_before"
if start_daemon; then
	send deb-clean2 clean kollega@kommune.example
	if seal_wait_for_delivery deb-clean2 60 >/dev/null; then
		ok "the upgraded daemon passes mail"
	else
		not_ok "the upgraded daemon passes mail"
		diag_file "$T/swaks/deb-clean2.log" 20
	fi
else
	not_ok "the upgraded daemon starts"
	diag_file "$T/daemon.out"
fi
check "after the restart the audit log still verifies" \
	in_root_q runuser -u sealmilter -- sealctl audit verify

# ---------------------------------------------------------------- remove, purge

stop_daemon
in_root postfix stop >/dev/null 2>&1
if in_root dpkg -r sealmilter >"$T/remove.log" 2>&1; then
	ok "dpkg -r removes the package"
else
	not_ok "dpkg -r removes the package"
	diag_file "$T/remove.log"
fi
check "remove: programs gone" test ! -e "$R/usr/sbin/sealmilter" -a ! -e "$R/usr/sbin/sealctl"
check "remove: configuration, keys and store kept" \
	test -f "$R/etc/sealmilter/sealmilter.conf" -a -f "$R/etc/sealmilter/fingerprint.key" \
	-a -d "$R/var/lib/sealmilter"
if in_root dpkg -P sealmilter >"$T/purge.log" 2>&1; then
	ok "dpkg -P purges the package"
else
	not_ok "dpkg -P purges the package"
	diag_file "$T/purge.log"
fi
left=""
for p in /etc/sealmilter /var/lib/sealmilter /var/spool/sealmilter /var/spool/postfix/sealmilter \
	/run/sealmilter /etc/systemd/system/multi-user.target.wants/sealmilter.service; do
	[ -e "$R$p" ] || [ -L "$R$p" ] && left="$left $p"
done
check "purge leaves nothing of sealmilter behind${left:+ (left:$left)}" test -z "$left"
check "purge removes the system user" test -z "$(in_root getent passwd sealmilter)"
check "dpkg no longer knows the package" test -z "$(in_root dpkg-query -W -f='${Status}' sealmilter 2>/dev/null)"

diag "t-debian-package.sh took $(elapsed "$t0") s"
done_testing
[ "$SEAL_TAP_FAILED" = 0 ]
