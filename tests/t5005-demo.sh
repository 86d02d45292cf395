#!/bin/sh
#
# make demo's parts: mk/demo-data.sh writes share/cm/examples/demo/ again
# byte for byte; mk/demo-load.sh builds the registers of the sample year
# through the commands; share/cm/examples/nightly.sh runs every step on a
# copy, on the demo night (2026-11-03, --month 2026-10: report.html and
# its charts), on later report days (made already; made and mailed
# through CM_SENDMAIL) and on a night that is no report day, says what
# each step found, prints the folder last and exits with the worst
# status; a damaged register fails its steps (exit 3) while the others
# still run.

test_description='make demo: the sample year and nightly.sh'

. "$(dirname "$0")/test-lib.sh"

DEMO=$ROOT/share/cm/examples/demo
NIGHTLY=$ROOT/share/cm/examples/nightly.sh
R=$TRASH/data/reports
D=$R/2026-11-03
# Q: a single quote, for the messages that quote values.
Q="'"

test_expect_success 'mk/demo-data.sh writes share/cm/examples/demo byte for byte' '
	sh "$ROOT/mk/demo-data.sh" gen &&
	diff -r "$DEMO" gen &&
	(cd "$DEMO" && find . -type f | sort) >shipped &&
	(cd gen && find . -type f | sort) >made &&
	test_cmp shipped made &&
	(cd gen && find . -type f | sort | while read -r f; do
		cmp "$f" "$DEMO/$f" || exit 1
	done)
'

test_expect_success 'the sample year is small: under 1 MB in all' '
	n=$(find "$DEMO" -type f -exec cat {} + | wc -c) &&
	test "$n" -lt 1000000
'

test_expect_success 'the surveys: 40 to 80 forms a month, the header Excel exports' '
	for f in gen/surveys/*.csv; do
		n=$(($(wc -l <"$f") - 1)) &&
		test "$n" -ge 40 && test "$n" -le 80 || exit 1
	done &&
	printf "\357\273\277问卷编号,期间,日期,客户名称,产品类型,产品品质,交货期,配合度,问题改善效果,服务,总体评价,意见\r\n" >expect &&
	head -n 1 gen/surveys/2026-10.csv >actual &&
	test_cmp expect actual &&
	iconv -f GB18030 -t UTF-8 gen/surveys/2026-02.csv | head -n 1 >actual &&
	tail -c +4 expect >expect2 &&
	test_cmp expect2 actual
'

# The satisfaction of the year as cm-survey-calc sees it: dips in 2026-02
# and 2026-07/08, 交货期 the weak item.
test_expect_success 'the surveys: the overall rate dips in 2026-02 and 2026-07/08' '
	cat >expect <<-\EOF &&
	2025-11 overall 92.50
	2025-12 overall 90.20
	2026-01 overall 89.58
	2026-02 overall 75.61
	2026-03 overall 84.21
	2026-04 overall 89.66
	2026-05 overall 91.80
	2026-06 overall 90.32
	2026-07 overall 82.35
	2026-08 overall 79.41
	2026-09 overall 87.18
	2026-10 overall 89.23
	EOF
	cm-survey-calc -g period -i 产品品质,交货期,配合度,问题改善效果,服务 \
	    gen/surveys/*.csv >rates.csv &&
	awk -F, "\$2 == \"overall\" { print \$1, \$2, \$5 }" rates.csv >actual &&
	test_cmp expect actual &&
	awk -F, "\$2 == \"delivery\" && \$5 >= 85" rates.csv >above &&
	test_cmp /dev/null above
'

test_expect_success 'mk/demo-load.sh builds the registers through the commands' '
	cp -R "$DEMO" data &&
	CM_TODAY=2026-11-03 sh "$ROOT/mk/demo-load.sh" data &&
	CM_DATA=$TRASH/data cm-complaint check &&
	CM_DATA=$TRASH/data cm-receive --check &&
	test -f data/reports/2026-10-31/customers-graded.csv
'

test_expect_success 'the register: 10 to 30 complaints a month, every one classified' '
	CM_DATA=$TRASH/data cm-complaint stats --by month >stats.csv &&
	awk -F, "NR > 1 && (\$2 < 10 || \$2 > 30)" stats.csv >bad &&
	test_cmp /dev/null bad &&
	test $(wc -l <stats.csv) -eq 13 &&
	awk -F, "NR > 1 && \$12 == \"\"" data/complaints.csv >nocause &&
	test_cmp /dev/null nocause
'

test_expect_success 'the register: the cases overdue on the demo night' '
	cat >expect <<-\EOF &&
	260305 action 218
	260608 action 119
	260807 action 76
	260906 action 28
	260903 action 23
	261010 action 2
	EOF
	CM_DATA=$TRASH/data CM_TODAY=2026-11-03 \
	    test_expect_code 1 cm-complaint overdue >overdue.csv &&
	awk -F, "NR > 1 { print \$1, \$5, \$8 }" overdue.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'setup: a copy for the damaged register' '
	cp -R data damaged
'

# The demo night, as make demo runs it.
test_expect_success 'nightly.sh --month 2026-10 on the demo night: every step runs' '
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-03 CM_REPORT_LANG=zh &&
	 export CM_DATA CM_TODAY CM_REPORT_LANG &&
	 unset CM_REPORTS CM_SURVEYS CM_TARGET CM_REPORT_TO &&
	 sh "$NIGHTLY" --month 2026-10 >night.out 2>night.err;
	 echo $? >night.status) &&
	cat >expect <<-EOF &&
	cm-complaint check: ok
	cm-complaint overdue: 6 cases overdue: $D/overdue.csv
	cm-receive --check: ok
	cm-receive --balance: $D/property-balance.csv
	cm-grade: $D/customers-graded.csv
	cm-grade --diff: 5 changes since $R/2026-10-31/customers-graded.csv: $D/grade-changes.csv
	EOF
	head -n 6 night.out >actual &&
	test_cmp expect actual &&
	test_cmp /dev/null "$D/complaints-check.txt"
'

test_expect_success 'nightly.sh: the reminder list and the grade changes' '
	cut -d, -f1 "$D/overdue.csv" >actual &&
	printf "%s\n" id 260305 260608 260807 260906 260903 261010 >expect &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	id,name,old,new,change
	K003,苏州恒通电器,B,C,down
	K010,珠海格瑞电气,B,A,up
	K023,南京熊猫电器,B,C,down
	K031,深圳云帆智能,,C,new
	K030,西安秦川电气,B,,gone
	EOF
	test_cmp expect "$D/grade-changes.csv" &&
	test $(wc -l <"$D/property-balance.csv") -eq 10 &&
	test $(wc -l <"$D/customers-graded.csv") -eq 31
'

test_expect_success 'nightly.sh: the report of 2026-10, its folder last, exit 1 (overdue cases)' '
	cat >expect <<-EOF &&
	cm-report monthly: $R/2026-10/report.html
	$R/2026-10
	EOF
	tail -n 2 night.out >actual &&
	test_cmp expect actual &&
	test $(wc -l <night.out) -eq 8 &&
	echo 1 >expect &&
	test_cmp expect night.status &&
	test_cmp /dev/null night.err &&
	for f in report.html trend.png items.png likert.png pareto-cause.png \
	    pareto-loss.png; do
		test -s "$R/2026-10/$f" || { echo "no $f"; exit 1; }
	done &&
	for f in "$R"/2026-10/*.png; do
		printf "\211PNG\r\n\032\n" >magic &&
		head -c 8 "$f" | cmp - magic || exit 1
	done &&
	test ! -e "$R/2026-10/report.eml" &&
	grep -q "<h1>客户满意度月报 2026-10</h1>" "$R/2026-10/report.html"
'

test_expect_success 'nightly.sh on the 4th: the report is made already, not again' '
	rm "$R/2026-10/trend.png" &&
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-04 && export CM_DATA CM_TODAY &&
	 unset CM_REPORTS CM_SURVEYS CM_REPORT_TO &&
	 test_expect_code 1 sh "$NIGHTLY" >out 2>err) &&
	cat >expect <<-EOF &&
	cm-report monthly: 2026-10 made already (--month 2026-10 makes it again)
	$R/2026-10
	EOF
	tail -n 2 out >actual &&
	test_cmp expect actual &&
	test ! -e "$R/2026-10/trend.png"
'

# On a report day with no report yet, it is made, and mailed.
test_expect_success 'nightly.sh on the 5th, CM_REPORT_TO: made, report.eml to CM_SENDMAIL' '
	rm -r "$R/2026-10" &&
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-05 CM_REPORT_TO=qa@example.com \
	 CM_MAIL_FROM=cm@example.com CM_SENDMAIL="cp /dev/stdin $TRASH/sent.eml" &&
	 export CM_DATA CM_TODAY CM_REPORT_TO CM_MAIL_FROM CM_SENDMAIL &&
	 unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 1 sh "$NIGHTLY" >out 2>err) &&
	cat >expect <<-EOF &&
	cm-report monthly: $R/2026-10/report.html
	cp /dev/stdin $TRASH/sent.eml: report.eml to qa@example.com
	$R/2026-10
	EOF
	tail -n 3 out >actual &&
	test_cmp expect actual &&
	test -f "$R/2026-10/trend.png" &&
	cmp sent.eml "$R/2026-10/report.eml" &&
	echo "2026-11-05 qa@example.com" >expect &&
	test_cmp expect "$R/2026-10/report.sent" &&
	grep -q "^To: qa@example.com" sent.eml
'

test_expect_success 'nightly.sh: a sendmail that fails is exit 4, named' '
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-03 CM_REPORT_TO=qa@example.com \
	 CM_MAIL_FROM=cm@example.com CM_SENDMAIL=false &&
	 export CM_DATA CM_TODAY CM_REPORT_TO CM_MAIL_FROM CM_SENDMAIL &&
	 unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 4 sh "$NIGHTLY" --month 2026-10 >out 2>err) &&
	cat >expect <<-EOF &&
	cm-report monthly: $R/2026-10/report.html
	false: failed (exit 4)
	$R/2026-10
	EOF
	tail -n 3 out >actual &&
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	nightly.sh: ${Q}false${Q} exited with 1, ${Q}$R/2026-10/report.eml${Q} not sent
	EOF
	test_cmp expect err
'

# The mailing failed on the 3rd: the report days after it try again
# (and fail again with a sendmail that fails) until one succeeds;
# report.sent says so, and the night after does nothing more.
test_expect_success 'nightly.sh: a failed mailing is tried again on the next report days' '
	test ! -e "$R/2026-10/report.sent" &&
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-06 CM_REPORT_TO=qa@example.com \
	 CM_MAIL_FROM=cm@example.com CM_SENDMAIL=false &&
	 export CM_DATA CM_TODAY CM_REPORT_TO CM_MAIL_FROM CM_SENDMAIL &&
	 unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 4 sh "$NIGHTLY" >out 2>err) &&
	tail -n 3 out >actual &&
	cat >expect <<-EOF &&
	cm-report monthly: $R/2026-10/report.html
	false: failed (exit 4)
	$R/2026-10
	EOF
	test_cmp expect actual &&
	test ! -e "$R/2026-10/report.sent" &&
	rm -f retry.eml &&
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-07 CM_REPORT_TO=qa@example.com \
	 CM_MAIL_FROM=cm@example.com CM_SENDMAIL="cp /dev/stdin $TRASH/retry.eml" &&
	 export CM_DATA CM_TODAY CM_REPORT_TO CM_MAIL_FROM CM_SENDMAIL &&
	 unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 1 sh "$NIGHTLY" >out 2>err) &&
	tail -n 3 out >actual &&
	cat >expect <<-EOF &&
	cm-report monthly: $R/2026-10/report.html
	cp /dev/stdin $TRASH/retry.eml: report.eml to qa@example.com
	$R/2026-10
	EOF
	test_cmp expect actual &&
	cmp retry.eml "$R/2026-10/report.eml" &&
	echo "2026-11-07 qa@example.com" >expect &&
	test_cmp expect "$R/2026-10/report.sent" &&
	rm retry.eml &&
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-08 CM_REPORT_TO=qa@example.com \
	 CM_MAIL_FROM=cm@example.com CM_SENDMAIL="cp /dev/stdin $TRASH/retry.eml" &&
	 export CM_DATA CM_TODAY CM_REPORT_TO CM_MAIL_FROM CM_SENDMAIL &&
	 unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 1 sh "$NIGHTLY" >out 2>err) &&
	tail -n 2 out >actual &&
	cat >expect <<-EOF &&
	cm-report monthly: 2026-10 made already (--month 2026-10 makes it again)
	$R/2026-10
	EOF
	test_cmp expect actual &&
	test ! -e retry.eml
'

# Not a report day: no report, the day's folder last; and the commands
# found beside the script (share/cm/examples/../../../bin) when PATH has
# none of them.
test_expect_success 'nightly.sh on the 20th: no report; commands found beside it' '
	(CM_DATA=$TRASH/data CM_TODAY=2026-11-20 PATH=/usr/bin:/bin &&
	 export CM_DATA CM_TODAY PATH &&
	 unset CM_REPORTS CM_SURVEYS CM_BIN &&
	 test_expect_code 1 sh "$NIGHTLY" >out 2>err) &&
	cat >expect <<-EOF &&
	cm-complaint check: ok
	cm-complaint overdue: 7 cases overdue: $R/2026-11-20/overdue.csv
	cm-receive --check: ok
	cm-receive --balance: $R/2026-11-20/property-balance.csv
	cm-grade: $R/2026-11-20/customers-graded.csv
	cm-grade --diff: 5 changes since $R/2026-10-31/customers-graded.csv: $R/2026-11-20/grade-changes.csv
	$R/2026-11-20
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

# A register that no longer parses: its two steps fail with exit 3, the
# property and grade steps still run and write their files, exit 3.
test_expect_success 'nightly.sh: a damaged register fails its steps, the others run' '
	printf "\"261099,2026-10-30,unterminated\n" >>damaged/complaints.csv &&
	(CM_DATA=$TRASH/damaged CM_TODAY=2026-11-20 &&
	 export CM_DATA CM_TODAY && unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 3 sh "$NIGHTLY" >out 2>err) &&
	B=$TRASH/damaged/reports &&
	cat >expect <<-EOF &&
	cm-complaint check: failed (exit 3)
	cm-complaint overdue: failed (exit 3)
	cm-receive --check: ok
	cm-receive --balance: $B/2026-11-20/property-balance.csv
	cm-grade: $B/2026-11-20/customers-graded.csv
	cm-grade --diff: 5 changes since $B/2026-10-31/customers-graded.csv: $B/2026-11-20/grade-changes.csv
	$B/2026-11-20
	EOF
	test_cmp expect out &&
	n=$(wc -l <damaged/complaints.csv) &&
	cat >expect <<-EOF &&
	cm-complaint: $TRASH/damaged/complaints.csv:$n: unterminated quoted field in field 1
	cm-complaint: $TRASH/damaged/complaints.csv:$n: unterminated quoted field in field 1
	EOF
	test_cmp expect err &&
	test -s "$B/2026-11-20/property-balance.csv" &&
	test -s "$B/2026-11-20/grade-changes.csv"
'

test_expect_success 'nightly.sh: a missing register is exit 4, named' '
	mkdir empty &&
	(CM_DATA=$TRASH/empty CM_TODAY=2026-11-20 &&
	 export CM_DATA CM_TODAY && unset CM_REPORTS CM_SURVEYS &&
	 test_expect_code 4 sh "$NIGHTLY" >out 2>err) &&
	cat >expect <<-EOF &&
	cm-complaint check: failed (exit 4)
	cm-complaint overdue: failed (exit 4)
	cm-receive --check: failed (exit 4)
	cm-receive --balance: failed (exit 4)
	cm-grade: failed (exit 4)
	$TRASH/empty/reports/2026-11-20
	EOF
	test_cmp expect out &&
	test $(wc -l <err) -eq 5
'

test_expect_success 'nightly.sh --help: the usage on standard output, exit 0' '
	sh "$NIGHTLY" --help >out 2>err &&
	test_cmp /dev/null err &&
	cat >expect <<-\EOF &&
	nightly.sh: the nightly job of the quality office, for cron.

	Usage: nightly.sh [--month YYYY-MM]
	       nightly.sh --help
	EOF
	head -n 4 out >actual &&
	test_cmp expect actual &&
	grep -q "^  CM_REPORT_TO " out &&
	grep -q "^Exit status: 0 nothing needs attention" out
'

test_expect_success 'nightly.sh: usage errors are exit 2' '
	cat >expect <<-EOF &&
	nightly.sh: unknown argument ${Q}--bogus${Q}
	usage: nightly.sh [--month YYYY-MM] | --help
	EOF
	test_expect_code 2 sh "$NIGHTLY" --bogus >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp expect err &&
	cat >expect <<-EOF &&
	nightly.sh: bad month ${Q}2026-13${Q} (YYYY-MM)
	usage: nightly.sh [--month YYYY-MM] | --help
	EOF
	test_expect_code 2 sh "$NIGHTLY" --month 2026-13 >out 2>err &&
	test_cmp expect err &&
	cat >expect <<-EOF &&
	nightly.sh: CM_TODAY ${Q}3.11.2026${Q} is not YYYY-MM-DD
	usage: nightly.sh [--month YYYY-MM] | --help
	EOF
	CM_TODAY=3.11.2026 test_expect_code 2 sh "$NIGHTLY" >out 2>err &&
	test_cmp expect err
'

test_done
