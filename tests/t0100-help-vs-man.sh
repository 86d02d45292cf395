#!/bin/sh
test_description='--help and the man pages agree, and the pages render

After t0450-txt-doc-vs-help.sh of git.  For every built bin/cm-* the page
man/man1/PROG.1 exists, names PROG in NAME and SYNOPSIS, and its OPTIONS
list holds exactly the options --help prints, with the same short letters
and argument names; every flag in SYNOPSIS and OPTIONS is one --help knows.
The SHARED OPTIONS of cm(7) are exactly the shared block of every --help.
Every page renders without a warning under mandoc -T lint and under groff
(each check is skipped when its program is not installed).

The same holds in Chinese: for every page po/man/zh_CN.po translates
completely, the Chinese --help (under a zh_CN.UTF-8 locale of our own, as
t0120 makes it) and man/zh_CN/man1/PROG.1 (po4a, mk/man-po.mk) agree, the
Chinese page keeps the literal blocks of the English one (the examples t0110
runs) and renders without a warning (groff with -mzh, which breaks lines
between ideographs).  A page not yet wholly translated is a skip that says
how many of its paragraphs are left.

Conventions the checks rely on: --help lists an option on a line of its own
as "  -x, --name=ARG" or "      --name=ARG" (GNU layout); a page lists it as
".It Fl x , Fl -name Ns = Ns Ar ARG" or ".It Fl -name" (a long option may
also be written "Fl \-name").'
. "$(dirname "$0")/test-lib.sh"

MAN=$ROOT/man

# help_opts [all|common] < HELP: "name short arg" per option, sorted; "-"
# for no short letter or no argument.  "common" keeps only the shared block
# that cm_common_help starts with "Input and output".
# The shared block starts at "Input and output", or at HELP_COMMON.
help_opts() {
	awk -v which="$1" '
	BEGIN { mark = ENVIRON["HELP_COMMON"]; if (mark == "") mark = "Input and output" }
	index($0, mark) == 1 { common = 1 }
	/^  (-[A-Za-z0-9], |    )--[a-z0-9]/ {
		if (which == "common" && !common)
			next
		line = $0
		sub(/^ +/, "", line)
		short = "-"
		if (line ~ /^-[A-Za-z0-9], /) {
			short = substr(line, 2, 1)
			line = substr(line, 5)
		}
		opt = line
		sub(/ .*/, "", opt)
		opt = substr(opt, 3)
		arg = "-"
		if ((i = index(opt, "=")) > 0) {
			arg = substr(opt, i + 1)
			opt = substr(opt, 1, i - 1)
		}
		print opt, short, arg
	}' | LC_ALL=C sort
}

# man_items SECTION < PAGE: the same for the ".It Fl" items of SECTION.
# SECTION goes through the environment: awk -v would read the
# backslashes of a \[uXXXX] name as escapes.
man_items() {
	SEC=".Sh $1" awk '
	/^\.Sh / { in_sec = ($0 == ENVIRON["SEC"]); next }
	in_sec && /^\.It Fl / {
		short = "-"; long = "-"; arg = "-"
		n = split($0, t, " ")
		for (i = 2; i < n; i++) {
			if (t[i] != "Fl")
				continue
			f = t[i + 1]
			sub(/^\\-/, "-", f)
			if (f !~ /^-/) {
				short = f
				continue
			}
			long = substr(f, 2)
			if (t[i + 2] == "Ns" && t[i + 3] == "=" &&
			    t[i + 4] == "Ns" && t[i + 5] == "Ar")
				arg = t[i + 6]
		}
		print long, short, arg
	}' | LC_ALL=C sort
}

# man_flags SECTION < PAGE: every flag a macro line of SECTION names, as
# "long NAME" or "short X" (a cluster such as "Fl qtv" gives three).
man_flags() {
	SEC=".Sh $1" awk '
	/^\.Sh / { in_sec = ($0 == ENVIRON["SEC"]); next }
	in_sec && /^\./ {
		n = split($0, t, " ")
		for (i = 1; i < n; i++) {
			if (t[i] != "Fl" && t[i] != ".Fl")
				continue
			f = t[i + 1]
			sub(/^\\-/, "-", f)
			if (f ~ /^-[a-z0-9]/)
				print "long", substr(f, 2)
			else if (f ~ /^[A-Za-z0-9]+$/)
				for (j = 1; j <= length(f); j++)
					print "short", substr(f, j, 1)
		}
	}' | LC_ALL=C sort -u
}

# known_flags < HELP_OPTS: the flags of help_opts output, as man_flags.
known_flags() {
	awk '{ print "long", $1; if ($2 != "-") print "short", $2 }' |
		LC_ALL=C sort -u
}

# render_check PAGE: no warning from mandoc or groff, whichever is here.
render_mandoc() {
	mandoc -T lint -W warning "$1" >lint.out 2>&1 &&
	test_cmp /dev/null lint.out
}
render_groff() {
	# No preconv (-k): a page must render with plain groff, so non-ASCII
	# text is written as \[uXXXX].  A Chinese page adds -mzh.
	groff $2 -mdoc -Tutf8 -ww -z "$1" >groff.out 2>&1 &&
	test_cmp /dev/null groff.out
}

progs=
for p in "$BIN"/cm-*; do
	[ -x "$p" ] && progs="$progs ${p##*/}"
done

test_expect_success 'there are built programs to check' '
	if test -z "$progs"; then echo "no bin/cm-* program: run make" >&2; false; fi
'

test_expect_success 'cm(7) exists and names cm' '
	test -f "$MAN/man7/cm.7" &&
	grep -qxF ".Dt CM 7" "$MAN/man7/cm.7" &&
	sed -n "/^\.Sh NAME/,/^\.Sh /p" "$MAN/man7/cm.7" | grep -qxF ".Nm cm"
'

for prog in $progs; do
	page=$MAN/man1/$prog.1
	upper=$(echo "$prog" | tr a-z A-Z)

	test_expect_success "$prog --help exits 0 and writes stdout only" '
		"$BIN/$prog" --help >help.$prog 2>err &&
		test_cmp /dev/null err &&
		grep -q "^Usage: $prog " help.$prog
	'

	test_expect_success "$prog: man/man1/$prog.1 with NAME and SYNOPSIS" '
		test -f "$page" &&
		grep -qxF ".Dt $upper 1" "$page" &&
		sed -n "/^\.Sh NAME/,/^\.Sh /p" "$page" >name &&
		grep -qxF ".Nm $prog" name &&
		grep -q "^\.Nd ." name &&
		sed -n "/^\.Sh SYNOPSIS/,/^\.Sh /p" "$page" >synopsis &&
		grep -q "^\.Nm" synopsis &&
		grep -qxF ".Sh OPTIONS" "$page" &&
		grep -qxF ".Sh EXIT STATUS" "$page"
	'

	test_expect_success "$prog: OPTIONS lists every option of --help" '
		help_opts all <help.$prog >help-opts &&
		test -s help-opts &&
		man_items OPTIONS <"$page" >man-opts &&
		test_cmp help-opts man-opts
	'

	test_expect_success "$prog: every flag in SYNOPSIS and OPTIONS is in --help" '
		help_opts all <help.$prog | known_flags >known &&
		{ man_flags SYNOPSIS <"$page"; man_flags OPTIONS <"$page"; } |
			LC_ALL=C sort -u >named &&
		LC_ALL=C comm -23 named known >unknown &&
		test_cmp /dev/null unknown
	'

	test_expect_success "$prog: shared options are those of cm(7)" '
		help_opts common <help.$prog >help-common &&
		test -s help-common &&
		man_items "SHARED OPTIONS" <"$MAN/man7/cm.7" >man-common &&
		test_cmp help-common man-common
	'
done

# The Chinese pages.  Their section names are po/man/zh_CN.po's, written
# \[uXXXX] as mk/man-po.mk writes them: 概要, 选项, 退出状态, 共用选项;
# NAME stays NAME, the first section mdoc requires.
ZH_MAN=$MAN/zh_CN
ZH_SYNOPSIS='\[u6982]\[u8981]'
ZH_OPTIONS='\[u9009]\[u9879]'
ZH_EXIT='\[u9000]\[u51FA]\[u72B6]\[u6001]'
ZH_SHARED='\[u5171]\[u7528]\[u9009]\[u9879]'
# The first words of the shared block of a Chinese --help (po/zh_CN.po).
# Its usage line starts "用法：".
ZH_COMMON='输入与输出'

# zh_left PAGE: how many msgids of the English PAGE (man/man1/X.1, as the
# po's references name it) po/man/zh_CN.po leaves untranslated or fuzzy
# (both counts hold the header).
zh_left() {
	zh_all=$(cd "$ROOT" && msggrep -N "$1" po/man/zh_CN.po | grep -c '^msgid ')
	zh_done=$(cd "$ROOT" && msggrep -N "$1" po/man/zh_CN.po |
		msgattrib --translated --no-fuzzy | grep -c '^msgid ')
	echo $((zh_all - zh_done))
}

# literal < PAGE: the page's literal blocks and display lines.
literal() {
	awk '/^\.Bd -literal/ { lit = 1 } lit || /^\.Dl / { print } /^\.Ed/ { lit = 0 }'
}

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

# The po against the English pages as they are now (the pot make man-pot
# would write): a paragraph changed without make man-pot and its
# translation would otherwise leave the generated page silently English.
if command -v po4a-updatepo >/dev/null 2>&1; then
	test_expect_success 'po/man/zh_CN.po translates every paragraph of the English pages' '
		set -- &&
		for f in "$MAN"/man1/*.1 "$MAN"/man7/cm.7; do set -- "$@" -m "$f"; done &&
		po4a-updatepo -f man -M UTF-8 "$@" -p man.pot >po4a.out 2>&1 &&
		msgcmp "$ROOT/po/man/zh_CN.po" man.pot
	'
else
	test_skip "po/man/zh_CN.po against the English pages: po4a not installed"
fi

zh_pages=
if left=$(zh_left man/man7/cm.7) && test "$left" -eq 0; then
	zh_pages="$ZH_MAN/man7/cm.7"
	zh_cm7=yes
else
	test_skip "zh_CN cm.7: not yet wholly translated ($left paragraphs left)"
	zh_cm7=
fi

for prog in $progs; do
	left=$(zh_left "man/man1/$prog.1")
	if test "$left" -ne 0; then
		test_skip "zh_CN $prog.1: not yet wholly translated ($left paragraphs left)"
		continue
	fi
	page=$ZH_MAN/man1/$prog.1
	zh_pages="$zh_pages $page"
	upper=$(echo "$prog" | tr a-z A-Z)

	test_expect_success "$prog --help in Chinese exits 0 and writes stdout only" '
		zh "$BIN/$prog" --help >zhhelp.$prog 2>err &&
		test_cmp /dev/null err &&
		grep -q "^用法：$prog " zhhelp.$prog
	'

	test_expect_success "$prog: man/zh_CN/man1/$prog.1 with NAME and SYNOPSIS" '
		test -f "$page" &&
		grep -qxF ".Dt $upper 1" "$page" &&
		sed -n "/^\.Sh NAME/,/^\.Sh /p" "$page" >name &&
		grep -qxF ".Nm $prog" name &&
		grep -q "^\.Nd ." name &&
		grep -qxF ".Sh $ZH_SYNOPSIS" "$page" &&
		SEC=".Sh $ZH_SYNOPSIS" awk "\$0 == ENVIRON[\"SEC\"] { s = 1; next }
			/^\.Sh / { s = 0 } s" "$page" >synopsis &&
		grep -q "^\.Nm" synopsis &&
		grep -qxF ".Sh $ZH_OPTIONS" "$page" &&
		grep -qxF ".Sh $ZH_EXIT" "$page"
	'

	test_expect_success "$prog (zh_CN): the options of the page are those of --help" '
		help_opts all <zhhelp.$prog >help-opts &&
		test -s help-opts &&
		help_opts all <help.$prog >help-opts-en &&
		test_cmp help-opts-en help-opts &&
		man_items "$ZH_OPTIONS" <"$page" >man-opts &&
		test_cmp help-opts man-opts
	'

	test_expect_success "$prog (zh_CN): every flag in SYNOPSIS and OPTIONS is in --help" '
		help_opts all <zhhelp.$prog | known_flags >known &&
		{ man_flags "$ZH_SYNOPSIS" <"$page"; man_flags "$ZH_OPTIONS" <"$page"; } |
			LC_ALL=C sort -u >named &&
		LC_ALL=C comm -23 named known >unknown &&
		test_cmp /dev/null unknown
	'

	test_expect_success "$prog (zh_CN): the examples are the English page's" '
		literal <"$MAN/man1/$prog.1" >lit-en &&
		literal <"$page" >lit-zh &&
		test_cmp lit-en lit-zh
	'

	if test -n "$zh_cm7"; then
		test_expect_success "$prog (zh_CN): shared options are those of cm(7)" '
			HELP_COMMON=$ZH_COMMON help_opts common <zhhelp.$prog >help-common &&
			test -s help-common &&
			man_items "$ZH_SHARED" <"$ZH_MAN/man7/cm.7" >man-common &&
			test_cmp help-common man-common
		'
	fi
done

pages="$MAN/man7/cm.7"
for prog in $progs; do
	pages="$pages $MAN/man1/$prog.1"
done

for page in $pages; do
	name=${page##*/}
	if command -v mandoc >/dev/null 2>&1; then
		test_expect_success "$name: mandoc -T lint has no warning" '
			render_mandoc "$page"
		'
	else
		test_skip "$name: mandoc not installed"
	fi
	if command -v groff >/dev/null 2>&1; then
		test_expect_success "$name: groff -mdoc -ww has no warning" '
			render_groff "$page"
		'
	else
		test_skip "$name: groff not installed"
	fi
done

for page in $zh_pages; do
	name=zh_CN/${page##*/}
	if command -v mandoc >/dev/null 2>&1; then
		test_expect_success "$name: mandoc -T lint has no warning" '
			render_mandoc "$page"
		'
	else
		test_skip "$name: mandoc not installed"
	fi
	if command -v groff >/dev/null 2>&1; then
		test_expect_success "$name: groff -mzh -mdoc -ww has no warning" '
			render_groff "$page" -mzh
		'
	else
		test_skip "$name: groff not installed"
	fi
done

test_done
