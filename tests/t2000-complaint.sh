#!/bin/sh
#
# cm-complaint: numbering, deadlines, life cycle, reports, calendar,
# classify, check, --from-survey and the safety of concurrent and killed
# writers.  Expected dates are worked out by hand in the comments.

test_description='cm-complaint: the complaint register'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
HDR=id,received,customer,market,channel,product,order_no,part_no,qty,defect_qty,description,category,cause,dept,responsibility,root_cause,action,status,due,closed,loss,disposition,result,response_id,reopened
CAL=$ROOT/share/cm/calendar/cn.csv

# log without its time column
nolog() { cut -d, -f2- "$1"; }

# --- new ---------------------------------------------------------------
# received defaults to CM_TODAY 2026-11-23; +13 = 2026-12-06, +17 = 2026-12-10;
# 2026-10-30 + 13 = 2026-11-12 and takes serial 01 of October.
test_expect_success 'new: ids by month of received, due +13 / +17' '
	cm-complaint new customer=ACME "description=late delivery" >out1 &&
	cm-complaint new customer=Beta description=label market=foreign >out2 &&
	cm-complaint new customer=Gamma description=scratched received=2026-10-30 >out3 &&
	echo 261101 >e1 && echo 261102 >e2 && echo 261001 >e3 &&
	test_cmp e1 out1 && test_cmp e2 out2 && test_cmp e3 out3 &&
	cat >expect <<-EOF &&
	$HDR
	261101,2026-11-23,ACME,domestic,,,,,,,late delivery,,,,,,,open,2026-12-06,,,,,,
	261102,2026-11-23,Beta,foreign,,,,,,,label,,,,,,,open,2026-12-10,,,,,,
	261001,2026-10-30,Gamma,domestic,,,,,,,scratched,,,,,,,open,2026-11-12,,,,,,
	EOF
	test_cmp expect complaints.csv
'

test_expect_success 'new: the log has one line per field set' '
	cat >expect <<-\EOF &&
	user,id,field,old,new
	tester,261101,id,,261101
	tester,261101,received,,2026-11-23
	tester,261101,market,,domestic
	tester,261101,status,,open
	tester,261101,due,,2026-12-06
	tester,261101,customer,,ACME
	tester,261101,description,,late delivery
	EOF
	nolog complaints.log | head -8 >actual &&
	test_cmp expect actual
'

test_expect_success 'new: missing customer or description is exit 3, nothing written' '
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint new customer=X 2>err &&
	echo "cm-complaint: no description" >expect.err && test_cmp expect.err err &&
	test_status 3 cm-complaint new description=x 2>err &&
	echo "cm-complaint: no customer" >expect.err && test_cmp expect.err err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'new: unknown field is exit 2' '
	test_status 2 cm-complaint new customer=X description=y bogus=1 2>err &&
	printf "%s\n" "cm-complaint: unknown field '\''bogus'\''" "Try '\''cm-complaint --help'\'' for more information." >expect.err && test_cmp expect.err err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'new: stdin batch is all or nothing (bad row on line 3)' '
	printf "customer,description\nA,a\nB,\nC,c\n" >batch.csv &&
	test_status 3 cm-complaint new <batch.csv >out 2>err &&
	echo "cm-complaint: (standard input):3: no description" >expect.err && test_cmp expect.err err &&
	test_cmp /dev/null out &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'new: good stdin batch prints every id' '
	printf "customer,description,received\nA,a,2026-10-01\nB,b,2026-11-02\n" |
		cm-complaint new >out &&
	printf "261002\n261103\n" >expect &&
	test_cmp expect out
'

# --- life cycle --------------------------------------------------------
test_expect_success 'close refused, naming every missing field' '
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint close 261101 2>err &&
	echo "cm-complaint: 261101: cannot close: no responsibility" >expect.err && test_cmp expect.err err &&
	cm-complaint set 261101 responsibility=ours &&
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint close 261101 2>err &&
	echo "cm-complaint: 261101: cannot close: no cause, root_cause, action, dept (responsibility is ours)" >expect.err && test_cmp expect.err err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'illegal transitions are exit 3, register unchanged' '
	test_status 3 cm-complaint reopen 261101 --reason=x 2>err &&
	echo "cm-complaint: 261101: cannot reopen a complaint that is open" >expect.err && test_cmp expect.err err &&
	cm-complaint set 261101 status=investigating &&
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint set 261101 status=open 2>err &&
	echo "cm-complaint: 261101: cannot go from investigating to open with set (use close, reject or reopen)" >expect.err && test_cmp expect.err err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'reject needs --reason; a rejected case cannot be closed' '
	test_status 2 cm-complaint reject 261102 2>err &&
	printf "%s\n" "cm-complaint: reject needs --reason (what the customer is told)" "Try '\''cm-complaint --help'\'' for more information." >expect.err && test_cmp expect.err err &&
	cm-complaint reject 261102 "--reason=not ours" &&
	grep "^261102,.*,rejected,2026-12-10,2026-11-23,,,not ours,," complaints.csv &&
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint close 261102 responsibility=none 2>err &&
	echo "cm-complaint: 261102: cannot close a complaint that is rejected" >expect.err && test_cmp expect.err err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'unknown id is exit 3' '
	test_status 3 cm-complaint set 999999 loss=1 2>err &&
	echo "cm-complaint: $TRASH/complaints.csv: no complaint '\''999999'\''" >expect.err && test_cmp expect.err err &&
	cmp before.csv complaints.csv
'

# closed 2026-11-25; reopened 2026-11-30: due 2026-11-30 + 13 = 2026-12-13
test_expect_success 'close with KEY=VALUE, then reopen: action, new due, reopened=1' '
	CM_TODAY=2026-11-25 cm-complaint close 261101 cause=late_delivery root_cause=rc action=fix dept=QA &&
	grep "^261101,.*,non-quality,late_delivery,QA,ours,rc,fix,closed,2026-12-06,2026-11-25," complaints.csv &&
	CM_TODAY=2026-11-30 cm-complaint reopen 261101 "--reason=customer unhappy" &&
	echo "261101,2026-11-23,ACME,domestic,,,,,,,late delivery,non-quality,late_delivery,QA,ours,rc,fix,action,2026-12-13,,,,,,1" >expect &&
	grep "^261101," complaints.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'list --history keeps the first due' '
	cat >expect <<-\EOF &&
	user,id,field,old,new
	tester,261101,id,,261101
	tester,261101,received,,2026-11-23
	tester,261101,market,,domestic
	tester,261101,status,,open
	tester,261101,due,,2026-12-06
	tester,261101,customer,,ACME
	tester,261101,description,,late delivery
	tester,261101,responsibility,,ours
	tester,261101,status,open,investigating
	tester,261101,cause,,late_delivery
	tester,261101,root_cause,,rc
	tester,261101,action,,fix
	tester,261101,dept,,QA
	tester,261101,category,,non-quality
	tester,261101,status,investigating,closed
	tester,261101,closed,,2026-11-25
	tester,261101,reason,,customer unhappy
	tester,261101,status,closed,action
	tester,261101,closed,2026-11-25,
	tester,261101,reopened,,1
	tester,261101,due,2026-12-06,2026-12-13
	EOF
	cm-complaint list --history 261101 >h &&
	nolog h >actual &&
	test_cmp expect actual
'

# --- list, overdue, stats ------------------------------------------------
test_expect_success 'list filters' '
	cm-complaint list --status open >actual &&
	printf "%s\n" "$HDR" \
		"261001,2026-10-30,Gamma,domestic,,,,,,,scratched,,,,,,,open,2026-11-12,,,,,," \
		"261002,2026-10-01,A,domestic,,,,,,,a,,,,,,,open,2026-10-14,,,,,," \
		"261103,2026-11-02,B,domestic,,,,,,,b,,,,,,,open,2026-11-15,,,,,," >expect &&
	test_cmp expect actual &&
	cm-complaint list --customer Beta | cut -d, -f1 >actual &&
	printf "id\n261102\n" >expect && test_cmp expect actual &&
	cm-complaint list --from 2026-11-01 --to 2026-11-30 | cut -d, -f1 >actual &&
	printf "id\n261101\n261102\n261103\n" >expect && test_cmp expect actual &&
	cm-complaint --status=open,rejected list --to 2026-10-31 | cut -d, -f1 >actual &&
	printf "id\n261001\n261002\n" >expect && test_cmp expect actual
'

test_expect_success 'setup: a register for overdue and stats' '
	mkdir -p r && cd r &&
	printf "received,customer,market,description,cause,loss\n2026-09-01,A,domestic,d1,material_defect,100\n2026-09-05,B,domestic,d2,material_defect,50\n2026-10-02,C,foreign,d3,label_not_to_spec,500\n2026-10-10,D,domestic,d4,material_defect,\n" |
		cm-complaint -f reg.csv new >ids &&
	printf "260901\n260902\n261001\n261002\n" >expect && test_cmp expect ids &&
	CM_TODAY=2026-09-10 cm-complaint -f reg.csv close 260901 responsibility=customer &&
	CM_TODAY=2026-09-25 cm-complaint -f reg.csv close 260902 responsibility=carrier &&
	CM_TODAY=2026-10-19 cm-complaint -f reg.csv close 261001 responsibility=supplier
'

# 261002 due 2026-10-23; as of 2026-11-01 9 days over.  As of 2026-12-20
# on the first register: 261001 due 11-12 (38), 261002 due 10-14 (67),
# 261103 due 11-15 (35), 261101 due 12-13 (7).
test_expect_success 'overdue --as-of: most overdue first, exit 1' '
	cd r &&
	test_status 1 cm-complaint -f reg.csv overdue --as-of 2026-11-01 >actual &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,days_overdue,description
	261002,2026-10-10,D,domestic,open,,2026-10-23,9,d4
	EOF
	test_cmp expect actual &&
	cd .. &&
	test_status 1 cm-complaint overdue --as-of 2026-12-20 >actual &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,days_overdue,description
	261002,2026-10-01,A,domestic,open,,2026-10-14,67,a
	261001,2026-10-30,Gamma,domestic,open,,2026-11-12,38,scratched
	261103,2026-11-02,B,domestic,open,,2026-11-15,35,b
	261101,2026-11-23,ACME,domestic,action,QA,2026-12-13,7,late delivery
	EOF
	test_cmp expect actual
'

test_expect_success 'overdue: none is exit 0 with the header' '
	cd r &&
	test_status 0 cm-complaint -f reg.csv overdue --as-of 2026-10-23 >actual &&
	echo "id,received,customer,market,status,dept,due,days_overdue,description" >expect &&
	test_cmp expect actual
'

# 260902 due 09-18, closed 09-25: 7 days late
test_expect_success 'overdue --late lists cases closed after due' '
	cd r &&
	test_status 1 cm-complaint -f reg.csv overdue --late >actual &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,closed,days_late,description
	260902,2026-09-05,B,domestic,closed,,2026-09-18,2026-09-25,7,d2
	EOF
	test_cmp expect actual
'

# 09: closed in 9 (on time) and 20 days (late): 50%, mean = median 14.5, loss 150
# 10: 261001 closed in 17 days on its due day; 261002 open; loss 500
test_expect_success 'stats --by month' '
	cd r &&
	cm-complaint -f reg.csv stats --by month >actual &&
	cat >expect <<-\EOF &&
	month,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative
	2026-09,2,0,2,1,50.00,0,14.50,14.50,150.00,50.00
	2026-10,2,1,1,1,100.00,0,17.00,17.00,500.00,100.00
	EOF
	test_cmp expect actual &&
	cm-complaint -f reg.csv stats --by month --from 2026-10-01 >actual &&
	cat >expect <<-\EOF &&
	month,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative
	2026-10,2,1,1,1,100.00,0,17.00,17.00,500.00,100.00
	EOF
	test_cmp expect actual
'

# loss total 650: label 500 = 76.92%
test_expect_success 'stats --by cause, by count and --sort loss' '
	cd r &&
	cm-complaint -f reg.csv stats --by cause >actual &&
	cat >expect <<-\EOF &&
	cause,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative
	material_defect,3,1,2,1,50.00,0,14.50,14.50,150.00,75.00
	label_not_to_spec,1,0,1,1,100.00,0,17.00,17.00,500.00,100.00
	EOF
	test_cmp expect actual &&
	cm-complaint -f reg.csv stats --by cause --sort loss >actual &&
	cat >expect <<-\EOF &&
	cause,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative
	label_not_to_spec,1,0,1,1,100.00,0,17.00,17.00,500.00,76.92
	material_defect,3,1,2,1,50.00,0,14.50,14.50,150.00,100.00
	EOF
	test_cmp expect actual
'

# --- calendar ------------------------------------------------------------
# 2026-09-24 Thu: 09-25..27 中秋 off, 28,29,30 = 1..3, 10-01..07 国庆 off,
# 08,09 = 4,5, Sat 10-10 make-up workday = 6, 12..16 = 7..11, 19,20 = 12,13.
test_expect_success 'calendar: working days across 中秋 and 国庆' '
	cm-complaint -f cal.csv --calendar "$CAL" new customer=X description=y received=2026-09-24 >out &&
	echo 260901 >expect && test_cmp expect out &&
	cut -d, -f1,2,19 cal.csv >actual &&
	printf "id,received,due\n260901,2026-09-24,2026-10-20\n" >expect &&
	test_cmp expect actual
'

# Past the calendar's last year the office goes on (issue 7, item 17):
# t2002-complaint-year-end.sh has the whole story.
test_expect_success 'calendar: a due date in 2027 is provisional, exit 1' '
	test_status 1 cm-complaint -f cal.csv --calendar "$CAL" new customer=X description=y received=2026-12-20 >out 2>err &&
	echo 261201 >expect && test_cmp expect out &&
	grep "^261201,.*,2027-01-06,.*,2026-12-20$" cal.csv
'

# --- classify ------------------------------------------------------------
test_expect_success 'setup: classify register and rules' '
	mkdir c && cd c &&
	cm-complaint -f reg.csv new customer=A "description=货物延迟交货三天" &&
	cm-complaint -f reg.csv new customer=B "description=Label not to spec" &&
	cm-complaint -f reg.csv new customer=C description=xyz cause=other &&
	cm-complaint -f reg.csv new customer=D description=nothing &&
	printf "# test rules\nlate_delivery\t延迟|(?i)late\n\nlabel_not_to_spec\t(?i)label\n" >r.rules
'

test_expect_success 'classify --dry-run prints ID, cause, rule and changes nothing' '
	cd c &&
	cp reg.csv before.csv && cp reg.log before.log &&
	cm-complaint -f reg.csv classify --dry-run --rules r.rules >actual &&
	printf "261101\tlate_delivery\tr.rules:2\n261102\tlabel_not_to_spec\tr.rules:4\n" >expect &&
	test_cmp expect actual &&
	cmp before.csv reg.csv && cmp before.log reg.log
'

test_expect_success 'classify fills cause and category' '
	cd c &&
	cm-complaint -f reg.csv classify --rules r.rules >actual &&
	test_cmp expect actual &&
	cut -d, -f1,12,13 reg.csv >actual &&
	cat >expect <<-\EOF &&
	id,category,cause
	261101,non-quality,late_delivery
	261102,non-quality,label_not_to_spec
	261103,non-quality,other
	261104,,
	EOF
	test_cmp expect actual
'

test_expect_success 'classify: a bad pattern is exit 2 with file, line, offset' '
	cd c &&
	printf "x\t(a+\n" >bad.rules &&
	cp reg.csv before.csv &&
	test_status 2 cm-complaint -f reg.csv classify --rules bad.rules 2>err &&
	echo "cm-complaint: bad.rules:1: bad pattern: missing closing parenthesis at offset 3" >expect.err && test_cmp expect.err err &&
	cmp before.csv reg.csv
'

# --- check ---------------------------------------------------------------
test_expect_success 'check: a clean register is exit 0, silent' '
	cd c &&
	cm-complaint -f reg.csv check >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	cd ../r && cm-complaint -f reg.csv check >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err
'

test_expect_success 'check: a hand-edited register is exit 1, every finding' '
	cd c &&
	sed -e "s/^261102,/261101,/" -e "/^261103,/s/,open,2026-12-06,/,bogus,2026-12-06,/" \
	    -e "/^261104,/s/2026-12-06/2026-12-07/" reg.csv >bad.csv &&
	cp reg.log bad.log &&
	cp bad.csv before.csv &&
	test_status 1 cm-complaint -f bad.csv check >actual &&
	cmp before.csv bad.csv &&
	grep "^bad.csv:3: id .261101.: id used again (first on line 2)" actual &&
	grep "^bad.csv:4: id .261103.: invalid status .bogus." actual &&
	grep "^bad.csv:5: id .261104.: due .2026-12-07. should be 2026-12-06" actual &&
	grep "^bad.log:.*261102.*no such id" actual
'

test_expect_success 'check: not a register (wrong header) is exit 3' '
	echo "a,b,c" >notreg.csv &&
	test_status 3 cm-complaint -f notreg.csv check 2>err &&
	echo "cm-complaint: notreg.csv:1: not a register: no column '\''id'\''" >expect.err && test_cmp expect.err err &&
	test_status 3 cm-complaint -f notreg.csv new customer=a description=b 2>err &&
	echo "a,b,c" >expect && test_cmp expect notreg.csv
'

# --- from survey -----------------------------------------------------------
test_expect_success 'new --from-survey: channel survey, no duplicates on a rerun' '
	mkdir s && cd s &&
	printf "response_id,customer,overall,dissatisfied_items,comment\nR1,ACME,2,overall;delivery,too slow\nR2,Beta,1,quality,\n" >s.csv &&
	cm-complaint -f reg.csv new --from-survey <s.csv >out &&
	printf "261101\n261102\n" >expect && test_cmp expect out &&
	cm-complaint -f reg.csv new --from-survey <s.csv >out &&
	test_cmp /dev/null out &&
	cat >expect <<-EOF &&
	$HDR
	261101,2026-11-23,ACME,domestic,survey,,,,,,survey: dissatisfied with overall;delivery: too slow,,,,,,,open,2026-12-06,,,,,R1,
	261102,2026-11-23,Beta,domestic,survey,,,,,,survey: dissatisfied with quality,,,,,,,open,2026-12-06,,,,,R2,
	EOF
	test_cmp expect reg.csv
'

# --- safety ----------------------------------------------------------------
test_expect_success 'sixteen concurrent new: 16 ids, 16 rows, 16 id log lines' '
	mkdir p && cd p &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		cm-complaint -f reg.csv new customer=C$i description=d$i >id.$i 2>err.$i &
	done &&
	wait &&
	cat id.* | sort -u >ids &&
	test $(wc -l <ids) -eq 16 &&
	seq 261101 261116 >expect && test_cmp expect ids &&
	test $(tail -n +2 reg.csv | wc -l) -eq 16 &&
	test $(grep -c ",id,," reg.log) -eq 16 &&
	cm-complaint -f reg.csv check
'

test_expect_success 'a held lock: the writer waits, then succeeds' '
	cd p &&
	{ flock reg.csv.lock sleep 2 & } &&
	sleep 0.3 &&
	start=$(date +%s) &&
	cm-complaint -f reg.csv new customer=L description=l >out &&
	end=$(date +%s) &&
	wait &&
	echo 261117 >expect && test_cmp expect out &&
	test $((end - start)) -ge 1
'

test_expect_success 'kill -9 during a 300-row batch leaves the old or the new register' '
	mkdir k && cd k &&
	{ echo customer,description; i=0; while [ $i -lt 300 ]; do echo "C$i,d$i"; i=$((i+1)); done; } >batch.csv &&
	cm-complaint -f reg.csv new customer=seed description=seed >/dev/null &&
	n=0 changed=0 &&
	while [ $n -lt 20 ]; do
		old=$(wc -l <reg.csv)
		cm-complaint -f reg.csv new <batch.csv >/dev/null 2>&1 &
		pid=$!
		d=$(od -An -N2 -tu2 /dev/urandom | tr -d " ")
		sleep 0.0$((d % 8))$((d / 8 % 10))
		kill -9 $pid 2>/dev/null || :
		wait $pid 2>/dev/null || :
		new=$(wc -l <reg.csv) &&
		if [ "$new" -ne "$old" ] && [ "$new" -ne $((old + 300)) ]; then
			echo "iteration $n: $old -> $new rows"; exit 1
		fi
		[ "$new" -eq "$old" ] || changed=$((changed + 1))
		cm-complaint -f reg.csv check >check.out 2>&1 || { cat check.out; exit 1; }
		# the reader above believed the position record when the log
		# bore it out; a scan (no record) must see the same
		if [ -f reg.log.pos ]; then
			mv reg.log.pos aside.pos &&
			cm-complaint -f reg.csv check >scan.out 2>&1 &&
			mv aside.pos reg.log.pos &&
			test_cmp scan.out check.out || exit 1
		fi
		n=$((n + 1))
	done &&
	echo "$changed of 20 batches committed" &&
	# the log agrees: one id line per row, once the next writer has cut
	# a killed batch (check only reads)
	cm-complaint -f reg.csv new customer=last description=last >/dev/null &&
	test $(grep -c ",id,," reg.log) -eq $(($(wc -l <reg.csv) - 1))
'

# A group without one closed case has no days to close: its mean and
# median are empty (and sorting its no days must not touch a NULL list).
test_expect_success 'stats of a group with no closed case' '
	cm-complaint -f open.csv new customer=A description=x cause=dimension >/dev/null &&
	cm-complaint -f open.csv new customer=B description=y cause=dimension >/dev/null &&
	cat >expect <<-\EOF &&
	cause,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative
	dimension,2,2,0,0,,0,,,0.00,100.00
	EOF
	cm-complaint -f open.csv stats --by cause >actual &&
	test_cmp expect actual
'

# complaint.conf may name the calendar every verb counts with; --calendar
# none turns it off again.
test_expect_success 'calendar from complaint.conf, and --calendar none' '
	mkdir -p share/cm &&
	cp -R "$ROOT/share/cm/." share/cm/ &&
	sed "s|^calendar=\$|calendar=calendar/cn.csv|" "$ROOT/share/cm/complaint.conf" >share/cm/complaint.conf &&
	CM_SHARE=$PWD/share/cm cm-complaint -f confcal.csv new customer=A description=x received=2026-09-24 >/dev/null &&
	CM_SHARE=$PWD/share/cm cm-complaint -f confcal.csv --calendar none new customer=B description=y received=2026-09-24 >/dev/null &&
	cut -d, -f1,2,19 confcal.csv >actual &&
	cat >expect <<-\EOF &&
	id,received,due
	260901,2026-09-24,2026-10-20
	260902,2026-09-24,2026-10-07
	EOF
	test_cmp expect actual
'

test_expect_success 'bad input: unknown verb, bad date, malformed CSV on stdin' '
	printf "%s\n%s\n" "cm-complaint: unknown verb '\''frobnicate'\''" "Try '\''cm-complaint --help'\'' for more information." >expect.err &&
	test_status 2 cm-complaint -f bad.csv frobnicate 2>err &&
	test_cmp expect.err err &&
	echo "cm-complaint: invalid received '\''2026-02-30'\'' (not a date)" >expect.err &&
	test_status 3 cm-complaint -f bad.csv new customer=A description=x received=2026-02-30 2>err &&
	test_cmp expect.err err &&
	printf "customer,description\nA,\"unterminated\n" >broken.csv &&
	echo "cm-complaint: (standard input):2: unterminated quoted field in field 2" >expect.err &&
	test_status 3 cm-complaint -f bad.csv new <broken.csv 2>err &&
	test_cmp expect.err err &&
	test ! -e bad.csv
'

# lock_timeout=1 in a copy of complaint.conf: a writer that cannot get
# the lock gives up with exit 4 and changes nothing.
test_expect_success 'lock timeout is exit 4, nothing written' '
	mkdir -p lt/share/cm &&
	cp -R "$ROOT/share/cm/." lt/share/cm/ &&
	sed "s/^lock_timeout=.*/lock_timeout=1/" "$ROOT/share/cm/complaint.conf" >lt/share/cm/complaint.conf &&
	CM_SHARE=$PWD/lt/share/cm cm-complaint -f lt/reg.csv new customer=A description=x >/dev/null &&
	cp lt/reg.csv lt/before &&
	{ flock lt/reg.csv.lock sleep 4 & } &&
	sleep 0.5 &&
	test_status 4 env CM_SHARE=$PWD/lt/share/cm cm-complaint -f lt/reg.csv new customer=B description=y 2>err &&
	echo "cm-complaint: lock timeout on '\''lt/reg.csv.lock'\'' after 1 s" >expect.err && test_cmp expect.err err &&
	cmp lt/before lt/reg.csv &&
	wait
'

test_expect_success 'close --as-of: a case closed yesterday, entered today' '
	cm-complaint -f asof.csv new customer=A description=x received=2026-11-01 >/dev/null &&
	cm-complaint -f asof.csv close 261101 responsibility=customer --as-of 2026-11-20 &&
	cut -d, -f1,18-20 asof.csv >actual &&
	cat >expect <<-\EOF &&
	id,status,due,closed
	261101,closed,2026-11-14,2026-11-20
	EOF
	test_cmp expect actual &&
	test_expect_code 1 cm-complaint -f asof.csv overdue --late >actual &&
	grep "^261101,.*,2026-11-20,6,x$" actual
'

test_done
