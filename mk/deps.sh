#!/bin/sh
# deps.sh: make sure the Debian packages cm builds and runs with are here.
# Installs what is missing (as root, or through sudo when it can run without
# a password); otherwise prints the exact apt-get line and fails.
#
# With arguments, those packages instead (make fuzz asks for clang, make
# bench for the peers it measures against).  The default is what the build
# and the tests need: libcsv, PCRE2 and xxHash, gnuplot for charts and
# fonts-noto-cjk for their Chinese glyphs, prove (perl), msmtp and
# python3-aiosmtpd for the mail test (a real MTA, an SMTP sink), chromium
# for the test that opens the monthly report in a browser, faketime for
# the tests that build complaint registers whose history log lines carry
# past months, gettext for the message catalogs and locales for the
# zh_CN locale of the tests of Chinese messages, po4a for the Chinese
# man pages (mk/man-po.mk), GNU parallel for the tests that run the split
# survey of cm-survey-calc(1) as printed.
pkgs=${*:-"libcsv-dev libpcre2-dev libxxhash-dev gnuplot-nox fonts-noto-cjk perl msmtp python3-aiosmtpd chromium faketime gettext locales po4a parallel"}
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO=sudo
else
	echo "cm: missing Debian packages:$missing" >&2
	echo "cm: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "cm: installing$missing" >&2
$SUDO apt-get update -qq &&
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
