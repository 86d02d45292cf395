#!/bin/sh

test_description='messages that help: the candidates of a bad long option, the columns of a header and the nearest name, the header'"'"'s own line; make install rebuilds what PREFIX is compiled into'

. "$(dirname "$0")/test-lib.sh"

# fails STATUS CMD...: exit STATUS, expect.err exactly on stderr, nothing
# on stdout.
fails() {
	want=$1 &&
	shift &&
	test_status $want "$@" >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
}

TRY_C="Try 'cm-complaint --help' for more information."
TRY_S="Try 'cm-survey-calc --help' for more information."

test_expect_success 'an ambiguous long option lists what it could be' '
	cat >expect.err <<-EOF &&
	cm-complaint: ambiguous option '"'"'--fr'"'"' (could be --from, --from-survey)
	$TRY_C
	EOF
	fails 2 cm-complaint list --fr=2026-01-01
'

test_expect_success 'an unknown long option names the option it is a typo of' '
	cat >expect.err <<-EOF &&
	cm-survey-calc: unknown option '"'"'--iteems'"'"'; did you mean '"'"'--items'"'"'?
	$TRY_S
	EOF
	fails 2 cm-survey-calc --iteems=quality s.csv &&
	cat >expect.err <<-EOF &&
	cm-complaint: unknown option '"'"'--frmo'"'"'; did you mean '"'"'--from'"'"'?
	$TRY_C
	EOF
	fails 2 cm-complaint list --frmo 2026-01-01
'

test_expect_success 'an unknown long option far from every name is only named' '
	cat >expect.err <<-EOF &&
	cm-survey-calc: unknown option '"'"'--zzzzzz'"'"'
	$TRY_S
	EOF
	fails 2 cm-survey-calc --zzzzzz s.csv
'

test_expect_success 'an unknown column lists the columns and the nearest name' '
	printf "period,quality,overall\n1,5,5\n" >s.csv &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: s.csv:1: no column '"'"'qualty'"'"' (columns: '"'"'period'"'"', '"'"'quality'"'"', '"'"'overall'"'"'); did you mean '"'"'quality'"'"'?
	EOF
	fails 3 cm-survey-calc -i qualty s.csv
'

test_expect_success 'a header error names the header'"'"'s own line, on standard input too' '
	printf "\n\nperiod,quality,overall\n1,5,5\n" >late.csv &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: late.csv:3: no column '"'"'region'"'"' (columns: '"'"'period'"'"', '"'"'quality'"'"', '"'"'overall'"'"')
	EOF
	fails 3 cm-survey-calc -g region -i quality late.csv &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: (standard input):3: no column '"'"'perod'"'"' (columns: '"'"'period'"'"', '"'"'quality'"'"', '"'"'overall'"'"'); did you mean '"'"'period'"'"'?
	EOF
	fails 3 cm-survey-calc -g perod -i quality <late.csv
'

test_expect_success 'cm-complaint new quotes the bad value, on the command line and on standard input' '
	cat >expect.err <<-\EOF &&
	cm-complaint: invalid received '"'"'2026-02-30'"'"' (not a date)
	EOF
	fails 3 cm-complaint new customer=A market=domestic channel=phone \
		description=x received=2026-02-30 &&
	printf "customer,market,channel,qty\nA,domestic,phone,１２００\n" >fw.csv &&
	cat >expect.err <<-\EOF &&
	cm-complaint: (standard input):2: invalid qty '"'"'１２００'"'"' (a whole number, 0 or more)
	EOF
	fails 3 cm-complaint new <fw.csv &&
	! test -e complaints.csv
'

test_expect_success 'a shipped settings file that is missing is exit 4, a named one exit 2' '
	mkdir -p brokenshare &&
	cat >expect.err <<-EOF &&
	cm-complaint: cannot open word table '"'"'$PWD/brokenshare/words.map'"'"': No such file or directory
	EOF
	(CM_SHARE=$PWD/brokenshare && export CM_SHARE &&
		fails 4 cm-complaint new customer=A market=domestic \
		channel=phone description=x) &&
	! test -e complaints.csv &&
	cp "$ROOT/share/cm/words.map" brokenshare/ &&
	CM_SHARE=$PWD/brokenshare cm-complaint new customer=A market=domestic \
		channel=phone description=x >/dev/null &&
	cat >expect.err <<-EOF &&
	cm-complaint: cannot open rule file '"'"'$PWD/brokenshare/causes.rules'"'"': No such file or directory
	EOF
	(CM_SHARE=$PWD/brokenshare && export CM_SHARE &&
		fails 4 cm-complaint classify) &&
	cat >expect.err <<-EOF &&
	cm-complaint: cannot open rule file '"'"'my.rules'"'"': No such file or directory
	$TRY_C
	EOF
	fails 2 cm-complaint classify --rules my.rules
'

test_expect_success 'a file that cannot be written is named, not the temporary file beside it' '
	printf "period,quality,overall\n1,5,5\n" >s.csv &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: cannot create '"'"'nodir/report.csv'"'"': No such file or directory
	EOF
	fails 4 cm-survey-calc -i quality -o nodir/report.csv s.csv
'

# A message is one line: a newline or an escape sequence in a bad value
# would forge a second message ("cm-report: all good") or recolour the
# terminal.
test_expect_success 'control bytes of a quoted value are shown as escapes' '
	nl="
" &&
	test_expect_code 2 cm-report --lang "x${nl}cm-report: all good" chart 2>err &&
	cat >expect <<-\EOF &&
	cm-report: invalid --lang '"'"'x\ncm-report: all good'"'"' (zh or en)
	Try '"'"'cm-report --help'"'"' for more information.
	EOF
	test_cmp expect err &&
	esc=$(printf "\033") &&
	test_expect_code 2 cm-grade --due "2026-1${esc}[31m" 2>err &&
	cat >expect <<-\EOF &&
	cm-grade: invalid month '"'"'2026-1\x1b[31m'"'"' for --due (expected YYYY-MM)
	Try '"'"'cm-grade --help'"'"' for more information.
	EOF
	test_cmp expect err
'

# A UTF-8 C1 control (U+009B, CSI: bytes C2 9B) starts an escape sequence
# on a terminal as ESC [ does; a message that names a file (not through
# cm_msg_value) must show it as escapes too, and leave other UTF-8 alone.
test_expect_success 'a C1 control in a file name is shown as escapes' '
	csi=$(printf "\302\233") &&
	test_expect_code 4 cm-survey-calc "a${csi}31m表.csv" 2>err &&
	cat >expect <<-\EOF &&
	cm-survey-calc: cannot open '"'"'a\xc2\x9b31m表.csv'"'"': No such file or directory
	EOF
	test_cmp expect err
'

# The share directory is compiled into share.o from PREFIX: a build for
# one PREFIX must not be installed for another.  Only share.o is built,
# in a copy of the library, so this takes a second, not a full build.
test_expect_success 'share.o is rebuilt when PREFIX changes' '
	mkdir -p tree/src tree/tests/unit &&
	cp -R "$ROOT/Makefile" "$ROOT/mk" tree/ &&
	cp -R "$ROOT/src/lib" tree/src/ &&
	MAKEFLAGS= make -s -C tree SANITIZE= build/opt/lib/share.o >/dev/null &&
	grep -q /usr/local/share/cm tree/build/opt/lib/share.o &&
	MAKEFLAGS= make -s -C tree SANITIZE= PREFIX=/opt/cm build/opt/lib/share.o >/dev/null &&
	grep -q /opt/cm/share/cm tree/build/opt/lib/share.o &&
	! grep -q /usr/local/share/cm tree/build/opt/lib/share.o
'

test_done
