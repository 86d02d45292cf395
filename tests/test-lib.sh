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

TESTS=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS/.." && pwd)
BIN=$ROOT/bin
PATH=$BIN:$PATH
TRASH=$ROOT/build/trash/$(basename "$0" .sh)
rm -rf "$TRASH" && mkdir -p "$TRASH" && cd "$TRASH" || exit 1
export PATH LC_ALL=C.UTF-8 CM_TODAY=2026-11-23 CM_DATA="$TRASH"
unset CM_SHARE
# Sanitizer reports must fail the test that caused them.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
       UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

test_count=0
test_failed=0

test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "set -e; $2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "$TRASH/.out"
	fi
}

# test_cmp EXPECT ACTUAL: identical files, or a diff and failure.
test_cmp() {
	diff -u "$1" "$2"
}

# test_status N CMD...: run CMD, succeed only if it exits with N.
test_status() {
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
