#!/bin/sh
test_description='messages and --help in Chinese through gettext

The catalog po/zh_CN.po translates every string the sources mark (a
string added without its translation fails here), and the programs of
bin/ find the catalog of the tree.  Under a zh_CN.UTF-8 locale (one of
our own, from localedef, through LOCPATH) every command answers in
Chinese with the same options, the same message shape (cm-NAME:
FILE:LINE: ...) and the same exit statuses; the C locale stays English.'
. "$(dirname "$0")/test-lib.sh"

Q="'"
CMDS="cm-complaint cm-grade cm-penalty cm-receive cm-report cm-sample cm-survey-calc"

# The --long options a help text names, one a line, sorted.
options() {
	grep -o -- '--[a-z][a-z-]*' | sort -u
}

# Whether the file holds a CJK ideograph (UTF-8 lead bytes E4..E9).
has_chinese() {
	LC_ALL=C grep -q "$(printf '[\344-\351]')" "$1"
}

# How many: an English help may quote a Chinese example (产品品质).
chinese() {
	LC_ALL=C tr -cd "$(printf '\344-\351')" <"$1" | wc -c
}

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'po/zh_CN.po: every string translated, none fuzzy' '
	msgfmt --check --statistics -o /dev/null "$ROOT/po/zh_CN.po" 2>stats &&
	cat stats &&
	grep -qx "[0-9]* translated messages\." stats
'

test_expect_success 'po/zh_CN.po holds every string the sources mark now' '
	make -s -C "$ROOT" po-check POT_TMP="$TRASH/cm.pot"
'

for c in $CMDS; do
	test_expect_success "$c --help: Chinese under zh_CN, the same options" "
		zh $c --help >zh.out &&
		$c --help >en.out &&
		test \$(chinese zh.out) -gt \$((\$(chinese en.out) + 20)) &&
		options <en.out >en.opts &&
		options <zh.out >zh.opts &&
		test_cmp en.opts zh.opts
	"
done

test_expect_success 'LANG alone, and LANGUAGE, choose the language too' '
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 cm-sample --help >a &&
	has_chinese a &&
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 LANGUAGE=en cm-sample --help >b &&
	! has_chinese b
'

test_expect_success 'a usage error in Chinese: the shape and exit 2 kept' '
	test_status 2 zh cm-penalty --month 2026-13 --staff staff.csv 2>err &&
	has_chinese err &&
	grep -q "^cm-penalty: " err &&
	grep -q "2026-13" err &&
	test $(wc -l <err) -eq 2
'

test_expect_success 'a data error in Chinese: cm-NAME: FILE:LINE: and exit 3 kept' '
	printf "customer,estate\nA,x\nA,y\n" >dup.csv &&
	test_status 3 zh cm-sample --rate 100 --by estate --seed s dup.csv >out 2>err &&
	! test -s out &&
	has_chinese err &&
	grep -q "^cm-sample: dup.csv:3: " err &&
	grep -q "${Q}A${Q}" err
'

test_done
