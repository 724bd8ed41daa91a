#!/bin/sh
# install-deps.sh - install what sealmilter needs to build, test and demo on a
# fresh Debian 12, as root. Idempotent: safe to run again.
#
# The system Postfix is installed only for its programs (the tests and the
# demo run private instances with their own config directory); it is left
# stopped so it never holds port 25 or delivers real mail.
set -eu

if [ "$(id -u)" != 0 ]; then
	echo "install-deps.sh: must run as root" >&2
	exit 1
fi

PKGS="build-essential autoconf automake libtool pkg-config
	libmilter-dev libgmime-3.0-dev libssl-dev libspf2-dev libgpgme-dev libzip-dev libarchive-dev libxml2-dev libpoppler-glib-dev libqpdf-dev libytnef0-dev libldap-dev libsqlite3-dev libpq-dev libidn2-dev libcrypt-dev libmicrohttpd-dev zlib1g-dev libpcre2-dev libgsf-1-dev check \
	libtesseract-dev libleptonica-dev tesseract-ocr-dan tesseract-ocr-swe tesseract-ocr-nor tesseract-ocr-fin tesseract-ocr-eng python3-pil img2pdf
	gnupg gpgsm qpdf fonts-dejavu-core slapd ldap-utils postgresql sqlite3
	postfix swaks miltertest openssl valgrind procps python3 binutils
	util-linux iproute2 coreutils grep sed findutils
	libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"

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

# The system Postfix must not run: the private instances bring their own.
if [ -f /etc/postfix/main.cf ] && postfix status >/dev/null 2>&1; then
	postfix stop >/dev/null 2>&1 || true
fi

# The daemon drops to this user after opening its socket.
if ! getent passwd sealmilter >/dev/null; then
	useradd --system --no-create-home --shell /usr/sbin/nologin sealmilter
fi

echo "install-deps.sh: dependencies installed"
