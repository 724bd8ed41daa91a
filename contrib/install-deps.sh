#!/bin/sh
# install-deps.sh - install what sealmilter needs to build, test and demo on a
# fresh Debian 12, as root. Idempotent: safe to run again.
#
# The system Postfix is installed for its programs (the tests and the demo
# run private instances with their own configuration, queue and ports). A
# Postfix that already runs is left running: on a live relay, stopping it
# would stop production mail. On a fresh machine it is installed with "No
# configuration" and so does not start.
set -eu

if [ "$(id -u)" != 0 ]; then
	echo "install-deps.sh: must run as root" >&2
	exit 1
fi

PKGS="build-essential autoconf automake libtool pkg-config
	libmilter-dev libgmime-3.0-dev libssl-dev libspf2-dev libgpgme-dev libzip-dev libarchive-dev libxml2-dev libpoppler-glib-dev libqpdf-dev libytnef0-dev libldap-dev libsqlite3-dev libpq-dev libidn2-dev libcrypt-dev libmicrohttpd-dev zlib1g-dev libpcre2-dev libgsf-1-dev libheif-dev libheif-examples libexif-dev check \
	libtesseract-dev libleptonica-dev tesseract-ocr-dan tesseract-ocr-swe tesseract-ocr-nor tesseract-ocr-fin tesseract-ocr-eng python3-pil img2pdf
	gnupg gpgsm qpdf fonts-dejavu-core slapd ldap-utils postgresql sqlite3
	zip bzip2 xz-utils cpio p7zip-full xorriso libarchive-tools
	postfix swaks miltertest openssl valgrind strace procps python3 binutils
	util-linux iproute2 coreutils grep sed findutils git
	m4 libwrap0 libdb5.3 liblockfile1 libnsl2 libsasl2-2 libldap-2.5-0
	libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
	debhelper devscripts lintian debootstrap fakeroot
	cppcheck clang clang-tools systemd
	curl chromium python3-websocket"

missing=""
for p in $PKGS; do
	# dpkg-query says "install ok installed" only for a complete install.
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	"install ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -n "$missing" ]; then
	# Without the preseed the postfix package asks for a mailer type.
	echo 'postfix postfix/main_mailer_type select No configuration' |
		debconf-set-selections
	# slapd is only for the tests' own directory servers: no system database.
	echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
	apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends $missing
fi

# Debian's real Sendmail for tests/integration/t-sendmail-real.sh. Its
# packages conflict with postfix, so they are only downloaded here (the
# libraries they need are in PKGS above); the test unpacks them with
# dpkg-deb -x into the same directory and runs its own instance.
SM_CACHE=/var/cache/sealmilter-test/sendmail
if ! ls "$SM_CACHE"/sendmail-bin_*.deb "$SM_CACHE"/sendmail-base_*.deb \
	"$SM_CACHE"/sendmail-cf_*.deb >/dev/null 2>&1; then
	mkdir -p "$SM_CACHE"
	(cd "$SM_CACHE" && apt-get download sendmail-bin sendmail-base sendmail-cf) ||
		(apt-get update && cd "$SM_CACHE" &&
			apt-get download sendmail-bin sendmail-base sendmail-cf)
fi

# The daemon drops to this user after opening its socket.
if ! getent passwd sealmilter >/dev/null; then
	useradd --system --no-create-home --shell /usr/sbin/nologin sealmilter
fi

echo "install-deps.sh: dependencies installed"
