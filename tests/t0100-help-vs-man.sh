#!/bin/sh
test_description='--help and the man pages agree, and the pages render

After t0450-txt-doc-vs-help.sh of git.  For every built bin/cm-* the page
man/man1/PROG.1 exists, names PROG in NAME and SYNOPSIS, and its OPTIONS
list holds exactly the options --help prints, with the same short letters
and argument names; every flag in SYNOPSIS and OPTIONS is one --help knows.
The SHARED OPTIONS of cm(7) are exactly the shared block of every --help.
Every page renders without a warning under mandoc -T lint and under groff
(each check is skipped when its program is not installed).

Conventions the checks rely on: --help lists an option on a line of its own
as "  -x, --name=ARG" or "      --name=ARG" (GNU layout); a page lists it as
".It Fl x , Fl -name Ns = Ns Ar ARG" or ".It Fl -name" (a long option may
also be written "Fl \-name").'
. "$(dirname "$0")/test-lib.sh"

MAN=$ROOT/man

# help_opts [all|common] < HELP: "name short arg" per option, sorted; "-"
# for no short letter or no argument.  "common" keeps only the shared block
# that cm_common_help starts with "Input and output".
help_opts() {
	awk -v which="$1" '
	/^Input and output/ { common = 1 }
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
man_items() {
	awk -v sec=".Sh $1" '
	/^\.Sh / { in_sec = ($0 == sec); next }
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
	awk -v sec=".Sh $1" '
	/^\.Sh / { in_sec = ($0 == sec); next }
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
	# text is written as \[uXXXX].
	groff -mdoc -Tutf8 -ww -z "$1" >groff.out 2>&1 &&
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

test_done
