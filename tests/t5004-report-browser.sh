#!/bin/sh
#
# cm-report monthly's report.html in a real browser: headless Chromium
# (Debian's chromium) opens it from file:// and takes a screenshot.  The
# test fails on an image that does not load, on a console error, or on a
# blank page.  tests/lib/browser-check.html, appended to a copy of the
# page (the report itself has no JavaScript), names on the console every
# image that did not load and where each chart stands; browser-png.py
# decodes the screenshot with python's zlib and looks for ink there.
# The machinery is itself tested: an image removed on purpose, a page
# with a console error and a white screenshot must each be caught.

test_description='cm-report: the report in a real browser'

. "$(dirname "$0")/test-lib.sh"

PY=/usr/bin/python3
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if test -n "$CHROMIUM" && test -x "$PY"; then
	test_set_prereq CHROMIUM
elif test "$CI" = true; then
	# In CI a missing package is a broken set-up, never a skip.
	test_expect_success 'chromium and python3 are installed (CI)' '
		echo "missing: Debian packages chromium and python3" >&2 &&
		false
	'
	test_done
	exit
fi

# shoot PAGE PNG LOG: the screenshot of PAGE (a file), the browser's
# console in LOG.  As root Chromium needs --no-sandbox; a profile of our
# own keeps it out of $HOME; --log-level=0 puts console lines on stderr.
shoot() {
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$TRASH/profile" --hide-scrollbars \
		--enable-logging=stderr --log-level=0 \
		--window-size=1200,3000 --screenshot="$2" \
		"file://$1" >/dev/null 2>"$3" &&
	test -s "$2"
}

# check DIR NAME: DIR/report.html with the check appended, shot into NAME.png.
check() {
	cat "$1/report.html" "$TESTS/lib/browser-check.html" >"$1/check.html" &&
	shoot "$TRASH/$1/check.html" "$2.png" "$2.log" &&
	"$PY" "$TESTS/lib/browser-png.py" "$2.png" "$2.log"
}

test_expect_success_if CHROMIUM 'setup: a month of forms and complaints' '
	{ printf "期间,产品品质,交货期,服务,总体评价\n" &&
	  for m in 2026-08 2026-09 2026-10; do
		printf "%s,%s\n" $m 5,4,3,4 $m 3,2,4,3 $m 4,4,5,2 $m 2,3,3,4
	  done; } >forms.csv &&
	printf "%s\n" "received,customer,description,cause,loss" \
		"2026-10-02,甲公司,迟交,late_delivery,100" \
		"2026-10-05,乙公司,标签,label_not_to_spec,300" \
		"2026-10-09,丙公司,材质,material_defect,50" |
		cm-complaint new >/dev/null &&
	for l in zh en; do
		test_expect_code 1 cm-report monthly --month 2026-10 \
			--responses forms.csv --complaints complaints.csv \
			--target 90 --out $l --lang $l >/dev/null || return 1
	done &&
	ls zh/*.png >pngs && test $(wc -l <pngs) = 5
'

test_expect_success_if CHROMIUM 'zh: every image loads, no console error, charts drawn' '
	check zh zh >out &&
	grep "^browser-png: [0-9]* colours, [45] charts looked at$" out &&
	grep -c "cm-test: image " zh.log >n && echo 5 >e && test_cmp e n
'

test_expect_success_if CHROMIUM 'en: the same' '
	check en en >out &&
	grep "^browser-png: [0-9]* colours, [45] charts looked at$" out
'

# One broken page for both faults, to keep the browser runs few: the
# console error is reported first, and without its line the image.
test_expect_success_if CHROMIUM 'the machinery: a missing image and a console error are caught' '
	mkdir broken &&
	sed "s,</body>,<script>console.error(\"boom\")</script></body>," \
		zh/report.html >broken/report.html &&
	cp zh/*.png broken/ && rm broken/likert.png &&
	test_expect_code 1 check broken broken 2>err &&
	echo "browser-png: console: boom" >e &&
	test_cmp e err &&
	grep -v "\"boom\"" broken.log >image.log &&
	test_expect_code 1 "$PY" "$TESTS/lib/browser-png.py" broken.png image.log 2>err &&
	echo "browser-png: missing image likert.png" >e &&
	test_cmp e err
'

test_expect_success_if CHROMIUM 'the machinery: a blank page and an empty chart are caught' '
	"$PY" -c "
import struct, sys, zlib
w, h = 1200, 3000
raw = b\"\".join(b\"\\0\" + b\"\\xff\" * (w * 3) for _ in range(h))
def chunk(k, d):
    return struct.pack(\">I\", len(d)) + k + d + struct.pack(\">I\", zlib.crc32(k + d))
sys.stdout.buffer.write(b\"\\x89PNG\\r\\n\\x1a\\n\" + chunk(b\"IHDR\", struct.pack(\">IIBBBBB\", w, h, 8, 2, 0, 0, 0)) + chunk(b\"IDAT\", zlib.compress(raw)) + chunk(b\"IEND\", b\"\"))
" >white.png &&
	test_expect_code 1 "$PY" "$TESTS/lib/browser-png.py" white.png zh.log 2>err &&
	echo "browser-png: white.png: one colour: a blank page" >e &&
	test_cmp e err &&
	sed "s/image trend.png [0-9 ]*\"/image trend.png 1150 0 40 400\"/" zh.log >moved.log &&
	! cmp zh.log moved.log &&
	test_expect_code 1 "$PY" "$TESTS/lib/browser-png.py" zh.png moved.log 2>err &&
	echo "browser-png: trend.png: nothing drawn where the chart stands (1150,0)" >e &&
	test_cmp e err
'

test_done
