# test-lib.sh: a small git-style test library that prints TAP.
#
# A test script sources this file, then runs steps:
#
#	test_description='what the script covers'
#	. ./test-lib.sh      (from tests/; scripts cd there first)
#	test_expect_success 'name' '
#		cmd >actual &&
#		test_cmp expect actual
#	'
#	test_done
#
# Every step, setup too, runs inside a test so that a failure is reported
# with its name.  Each script gets its own scratch directory, $TRASH, as the
# working directory; $TESTS is tests/ (fixtures), $BIN the built programs.
# CM_TODAY is fixed so that anything date-dependent is reproducible.
#
# A body runs under "set -e", but the shell ignores set -e inside the
# "if (...)" that runs it, so only the status of its last command counts: a
# failing middle command whose && is missing goes unseen.  Hence the chain
# check (git's "chain lint"): before its real run every body is evaluated
# once as "(exit 117) && BODY".  When every command is chained, none runs and
# 117 comes back; a missing && lets the rest run and the test fails, naming
# the broken chain.  A command that must fail is written
# "test_expect_code N cmd", never "cmd; test $? = N".

TESTS=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS/.." && pwd)
BIN=$ROOT/bin
PATH=$BIN:$PATH
TRASH=$ROOT/build/trash/$(basename "$0" .sh)
rm -rf "$TRASH" && mkdir -p "$TRASH" && cd "$TRASH" || exit 1
export PATH LC_ALL=C.UTF-8 CM_TODAY=2026-11-23 CM_DATA="$TRASH"
unset CM_SHARE
# A user's LANGUAGE (zh_CN:en) would turn messages and tables Chinese.
unset LANGUAGE
# Sanitizer reports must fail the test that caused them.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
       UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

test_count=0
test_failed=0

test_expect_success() {
	test_count=$((test_count + 1))
	if ! test_chain_ok "$2"; then
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		echo "#   broken && chain: a command of the body is not" \
			"joined to the next by &&"
		return
	fi
	if (eval "set -e; $2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out"
	fi
}

# test_chain_ok BODY: true when BODY is one && chain.  The check runs in a
# subshell; commands past a break do run (as they would in the real run)
# but their output is thrown away.  A newline after "&&", "||" or "|", a
# comment line, "{ ...; }", "( ... )", if/for/case and function bodies are
# all fine: what is inside a compound command is not run, so is not checked.
test_chain_ok() {
	(eval "(exit 117) && $1") >/dev/null 2>&1 </dev/null
	test $? -eq 117
}

# test_cmp EXPECT ACTUAL: identical files, or a diff and failure.
test_cmp() {
	diff -u "$1" "$2"
}

# test_expect_code N CMD...: run CMD, succeed only if it exits with N
# (git's test_expect_code).  The way to expect a failure inside a chain:
#	test_expect_code 3 cm-complaint new x=1 2>err &&
#	test_cmp expect-err err
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "exit status $got, expected $want: $*" >&2
		return 1
	fi
	return 0
}

# test_status N CMD...: the older name of test_expect_code.
test_status() {
	test_expect_code "$@"
}

# test_at 'YYYY-MM-DD HH:MM:SS' CMD...: run CMD with the clock at that
# time (faketime; it runs on from there) and CM_TODAY its date.  A
# register stamps its history log with the clock, and cm-penalty
# --register charges a change in the month its line was written, so
# tests build registers whose lines carry past months this way.  An ASan
# build (make check SANITIZE=1) refuses to start when faketime's
# LD_PRELOAD library comes before its runtime: verify_asan_link_order=0
# lets it run, and is set here only, where the preload is wanted.
test_at() {
	test_at_time=$1
	shift
	ASAN_OPTIONS=$ASAN_OPTIONS:verify_asan_link_order=0 \
		CM_TODAY=${test_at_time%% *} faketime "$test_at_time" "$@"
}

# For the --lang tests (issue 14).  colmap_canon: header names on stdin,
# one a line, each one's canonical name out, as cm reads columns.map
# (OLD=NEW, spaces trimmed, ASCII letters without case, a later line
# winning).  csv_header: the header row of a CSV on stdin, byte order mark
# and CR off, one name a line.  has_chinese FILE: a CJK ideograph in FILE
# (UTF-8 lead bytes E4..E9).  header_canon: the header row on stdin
# as columns.map reads it, joined by commas.
colmap_canon() {
	awk -v map="$ROOT/share/cm/columns.map" '
	function norm(s) {
		gsub(/^[ \t]+|[ \t]+$/, "", s)
		return tolower(s)
	}
	BEGIN {
		while ((getline l < map) > 0) {
			if (l ~ /^#/ || index(l, "=") == 0)
				continue
			i = index(l, "=")
			m[norm(substr(l, 1, i - 1))] = norm(substr(l, i + 1))
		}
	}
	{ k = norm($0); print (k in m) ? m[k] : k }'
}
csv_header() {
	head -n 1 | sed "s/^$(printf '\357\273\277')//; s/$(printf '\r')\$//" |
	tr , '\n'
}
header_canon() {
	csv_header | colmap_canon | paste -sd , -
}
has_chinese() {
	LC_ALL=C grep -q "$(printf '[\344-\351]')" "$1"
}

# test_zh_locale DIR: DIR holds a zh_CN.UTF-8 locale, for LOCPATH=DIR
# (Debian generates none by default).  localedef takes a second or more,
# so the locale is built once per tree, in build/locale, by the first
# script that asks (made beside it and renamed into place, so scripts
# run side by side never see half of it), and DIR is a link to it.
test_zh_locale() {
	if ! test -d "$ROOT/build/locale/zh_CN.UTF-8"; then
		zh_locale_tmp=$(mktemp -d "$ROOT/build/locale.XXXXXX") &&
		localedef -i zh_CN -f UTF-8 "$zh_locale_tmp/zh_CN.UTF-8" ||
			return 1
		mv -T "$zh_locale_tmp" "$ROOT/build/locale" 2>/dev/null ||
			rm -rf "$zh_locale_tmp"
	fi
	ln -s "$ROOT/build/locale" "$1"
}

# zh CMD...: CMD in the zh_CN.UTF-8 locale that test_zh_locale made in
# $TRASH/loc, through LC_ALL; with ZH_BY=LANG, through LANG alone (LC_ALL
# unset), as a cron line chooses it.
zh() {
	if test "${ZH_BY-}" = LANG; then
		env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 "$@"
	else
		LOCPATH="$TRASH/loc" LC_ALL=zh_CN.UTF-8 "$@"
	fi
}

# csv_parts NAME RANGE...: NAME.1.csv, NAME.2.csv... from NAME.csv, each
# its header and the lines of one sed RANGE ("2,70"): the parts of one
# input, as a split over processes makes them.
csv_parts() {
	csv_parts_f=$1 csv_parts_k=0
	shift
	for csv_parts_r
	do
		csv_parts_k=$((csv_parts_k + 1))
		{ head -1 "$csv_parts_f.csv" &&
		  sed -n "${csv_parts_r}p" "$csv_parts_f.csv"; } \
			>"$csv_parts_f.$csv_parts_k.csv" || return 1
	done
}

# test_skip REASON: a TAP skip, counted like a test.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1"
}

# Prerequisites, after git's test-lib: test_set_prereq NAME records one
# that holds; test_expect_success_if NAME TITLE BODY runs the test when
# NAME holds, else prints a skip that names the missing prerequisite.
test_prereqs=' '
test_set_prereq() {
	test_prereqs="$test_prereqs$1 "
}
test_have_prereq() {
	case $test_prereqs in
	*" $1 "*) return 0 ;;
	esac
	return 1
}
test_expect_success_if() {
	if test_have_prereq "$1"; then
		test_expect_success "$2" "$3"
	else
		test_skip "$2 (missing $1)"
	fi
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}
