#!/bin/sh
# nightly.sh: the nightly job of the quality office, for cron.
#
# Usage: nightly.sh [--month YYYY-MM]
#        nightly.sh --help
#
# Every night: check the registers in $CM_DATA and write the day's lists
# into $CM_REPORTS/YYYY-MM-DD/.  From the 1st to the 8th of a month, once,
# also last month's satisfaction and complaint report (to every department
# by the 8th, 002 §4.1.6) into $CM_REPORTS/YYYY-MM/, mailed when
# $CM_REPORT_TO is set; a mailing that failed is tried again (the report
# made again) each night up to the 8th, until report.sent (the day and the
# addresses, written once sendmail succeeded) says it went.  --month
# YYYY-MM makes that month's report on any day, again if it was made
# already, and mails it.
#
#   cm-complaint check     the register and its history agree
#   cm-complaint overdue   the reminder list (催办单): overdue.csv
#   cm-receive --check     the audit of the property journal
#   cm-receive --balance   property-balance.csv
#   cm-grade               customers-graded.csv, and grade-changes.csv
#                          against the last grading of the month before
#   cm-report monthly      report.html, its charts, report.eml, and
#                          report.sent once mailed
#
# Each step runs whatever the others did.  One line per step goes to
# standard output, and last the folder of the report (the day's folder
# when no report was made); the steps' own messages go to standard error.
# Cron mails both.  A crontab:
#
#   MAILTO=quality-admin@example.com
#   CM_DATA=/srv/cm
#   CM_REPORT_TO=managers@example.com
#   CM_MAIL_FROM=quality@example.com
#   30 2 * * *  /usr/local/share/cm/examples/nightly.sh
#
# Environment:
#   CM_DATA         the registers: complaints.csv, property.csv and
#                   customers.csv (default: the current directory)
#   CM_REPORTS      where lists and reports go (default $CM_DATA/reports)
#   CM_SURVEYS      the survey forms: every *.csv in it (default
#                   $CM_DATA/surveys)
#   CM_TARGET       the satisfaction target, percent (default 85)
#   CM_REPORT_TO    mail the report to these addresses (comma-separated)
#   CM_MAIL_FROM    its sender, as cm-report reads it (needed with
#                   CM_REPORT_TO)
#   CM_REPORT_LANG  zh or en (default: from the locale, as cm-report)
#   CM_SENDMAIL     the command that sends report.eml on its standard
#                   input, split at spaces (default: sendmail -t)
#   CM_BIN          the directory of the cm commands (default: PATH, else
#                   the bin/ beside share/cm/examples/)
#   CM_TODAY        today, YYYY-MM-DD (default: the clock), as for every
#                   cm command
#   REPORT_MONTH    as --month
#
# Exit status: 0 nothing needs attention; 1 a step found something
# (overdue cases, check findings, a grade change, the month below target);
# 2 a usage error of this script; otherwise the worst status of a step
# that failed (3 bad data, 4 a system error; a step killed or not found
# counts as 4), after every step has run.
#
# POSIX sh: cron runs it with /bin/sh, dash on Debian.

# --help: this comment, from its second line to the line before "POSIX sh".
usage() {
	sed -n '2,/^# POSIX sh/p' "$0" | sed '$d' | sed '$d; s/^# \{0,1\}//'
}

# die MESSAGE: a usage error.
die() {
	echo "nightly.sh: $*" >&2
	echo "usage: nightly.sh [--month YYYY-MM] | --help" >&2
	exit 2
}

month=${REPORT_MONTH:-}
while [ $# -gt 0 ]; do
	case $1 in
	-h|--help)	usage; exit 0 ;;
	--month)	[ $# -ge 2 ] || die "--month needs YYYY-MM"
			month=$2; shift 2 ;;
	--month=*)	month=${1#--month=}; shift ;;
	*)		die "unknown argument '$1'" ;;
	esac
done
case $month in
''|[0-9][0-9][0-9][0-9]-0[1-9]|[0-9][0-9][0-9][0-9]-1[0-2]) ;;
*)	die "bad month '$month' (YYYY-MM)" ;;
esac

today=${CM_TODAY:-$(date +%Y-%m-%d)}
case $today in
[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]) ;;
*)	die "CM_TODAY '$today' is not YYYY-MM-DD" ;;
esac
export CM_TODAY="$today"

# The cm commands: CM_BIN, else PATH, else the bin/ of the tree or prefix
# this script lies in (share/cm/examples/ is three levels below both).
if [ -n "${CM_BIN:-}" ]; then
	PATH=$CM_BIN:$PATH
elif ! command -v cm-complaint >/dev/null 2>&1 &&
    top=$(cd "$(dirname "$0")/../../.." 2>/dev/null && pwd); then
	PATH=$top/bin:$PATH
fi
export PATH

data=${CM_DATA:-.}
reports=${CM_REPORTS:-$data/reports}
surveys=${CM_SURVEYS:-$data/surveys}
day=$reports/$today
mkdir -p "$day" || { echo "nightly.sh: cannot make '$day'" >&2; exit 4; }

# The report month: --month, else last month on the 1st to the 8th.
year=${today%%-*}
mon=${today#*-}; mon=${mon%-*}; mon=${mon#0}
dom=${today##*-}; dom=${dom#0}
if [ "$mon" -eq 1 ]; then
	last=$(printf '%04d-12' $((year - 1)))
else
	last=$(printf '%04d-%02d' "$year" $((mon - 1)))
fi
auto=
if [ -z "$month" ] && [ "$dom" -le 8 ]; then
	month=$last
	auto=1
fi

worst=0
# run NAME CMD...: run a step, remember the worst status, return it.  Its
# line goes to descriptor 3, our standard output, whatever the caller
# redirected the step's output to; the step itself does not get 3.
exec 3>&1
run() {
	name=$1
	shift
	"$@" 3>&-
	st=$?
	[ "$st" -ge 2 ] && echo "$name: failed (exit $st)" >&3
	[ "$st" -gt 4 ] && st=4
	[ "$st" -gt "$worst" ] && worst=$st
	return "$st"
}
# lines FILE: its number of lines, without the spaces some wc put first.
lines() {
	echo $(($(wc -l <"$1")))
}
# rows FILE: the data rows of a CSV file with a header.
rows() {
	echo $(($(lines "$1") - 1))
}

# send FILE: mail FILE through CM_SENDMAIL; any failure is a system error.
send() {
	if [ ! -f "$1" ]; then
		echo "nightly.sh: cm-report wrote no '$1'" >&2
		return 4
	fi
	${CM_SENDMAIL:-sendmail -t} <"$1"
	rc=$?
	[ "$rc" -eq 0 ] && return 0
	echo "nightly.sh: '${CM_SENDMAIL:-sendmail -t}' exited with $rc," \
	    "'$1' not sent" >&2
	return 4
}

# 1. The complaint register and its log: findings go to a file.
run "cm-complaint check" cm-complaint check >"$day/complaints-check.txt"
case $? in
0)	echo "cm-complaint check: ok" ;;
1)	echo "cm-complaint check: $(lines "$day/complaints-check.txt")" \
	    "findings: $day/complaints-check.txt" ;;
esac

# 2. The reminder list (004/4 §14).
run "cm-complaint overdue" cm-complaint overdue -o "$day/overdue.csv"
case $? in
0)	echo "cm-complaint overdue: none" ;;
1)	echo "cm-complaint overdue: $(rows "$day/overdue.csv") cases" \
	    "overdue: $day/overdue.csv" ;;
esac

# 3, 4. The property journal: its audit (findings on standard error), the
# balances.
run "cm-receive --check" cm-receive --check
case $? in
0)	echo "cm-receive --check: ok" ;;
1)	echo "cm-receive --check: findings (above)" ;;
esac
run "cm-receive --balance" cm-receive --balance -o "$day/property-balance.csv" &&
	echo "cm-receive --balance: $day/property-balance.csv"

# 5. The grades, and what changed since the last grading of last month
# (not against an earlier run's file should this one fail).
rm -f "$day/customers-graded.csv" "$day/grade-changes.csv"
run "cm-grade" cm-grade -o "$day/customers-graded.csv" "$data/customers.csv" &&
	echo "cm-grade: $day/customers-graded.csv"
before=
for f in "$reports/$last"-[0-3][0-9]/customers-graded.csv; do
	[ -f "$f" ] && before=$f
done
if [ -n "$before" ] && [ -f "$day/customers-graded.csv" ]; then
	run "cm-grade --diff" cm-grade --diff "$before" \
	    -o "$day/grade-changes.csv" "$day/customers-graded.csv"
	case $? in
	0)	echo "cm-grade --diff: no change since $before" ;;
	1)	echo "cm-grade --diff: $(rows "$day/grade-changes.csv")" \
		    "changes since $before: $day/grade-changes.csv" ;;
	esac
fi

# 6. The monthly report, once a month (or as --month asks).
folder=$day
out=$reports/$month
# Made already, and mailed when it is to be: a report day that finds
# the mail of an earlier night not sent makes it again and sends it.
if [ -n "$auto" ] && [ -f "$out/report.html" ] &&
    { [ -z "${CM_REPORT_TO:-}" ] || [ -f "$out/report.sent" ]; }; then
	echo "cm-report monthly: $month made already (--month $month" \
	    "makes it again)"
	folder=$out
elif [ -n "$month" ]; then
	set --
	for f in "$surveys"/*.csv; do
		[ -f "$f" ] && set -- "$@" --responses "$f"
	done
	[ $# -eq 0 ] && echo "nightly.sh: no survey forms in '$surveys'" >&2
	[ -n "${CM_REPORT_TO:-}" ] && set -- "$@" --to "$CM_REPORT_TO"
	[ -n "${CM_REPORT_LANG:-}" ] && set -- "$@" --lang "$CM_REPORT_LANG"
	rm -f "$out/report.eml" "$out/report.sent"
	run "cm-report monthly" cm-report monthly --month "$month" "$@" \
	    --complaints "$data/complaints.csv" --target "${CM_TARGET:-85}" \
	    --out "$out" >/dev/null
	st=$?
	if [ "$st" -le 1 ]; then
		echo "cm-report monthly: $out/report.html"
		folder=$out
	fi
	if [ "$st" -le 1 ] && [ -n "${CM_REPORT_TO:-}" ] &&
	    run "${CM_SENDMAIL:-sendmail -t}" send "$out/report.eml"; then
		echo "${CM_SENDMAIL:-sendmail -t}: report.eml to $CM_REPORT_TO"
		# Only now: the nights up to the 8th retry until this exists.
		if ! echo "$today $CM_REPORT_TO" >"$out/report.sent"; then
			echo "nightly.sh: cannot write '$out/report.sent'" >&2
			worst=4
		fi
	fi
fi

echo "$folder"
exit "$worst"
