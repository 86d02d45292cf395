#!/bin/sh
#
# cm-penalty --register: the register's history as a ledger.  Each
# month charges what changed in the register that month, the month of a
# change being the month its log line was written: the run of month M
# charges each judged case Cum(C) - Cum(P), its cumulative charge to the
# end of M less that to the end of M - 1.  The register is built under
# faketime (test_at) so that its lines carry October, November and
# December 2026; each month is run once over (CM_TODAY).  Amounts are
# yuan; inside, fen.

test_description='cm-penalty: the register history as a ledger'

. "$(dirname "$0")/test-lib.sh"

Q="'"
CHEAD=month,case,person,name,loss,rule,amount
HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out

# new DAY: a complaint received on DAY, written on DAY.
new() {
	test_at "$1 08:00:00" cm-complaint -f reg.csv new customer=A \
		description=x received=$1 >/dev/null
}

# close DAY ID [FIELD=VALUE...]: closed on DAY, written on DAY.
close() {
	day=$1 id=$2 &&
	shift 2 &&
	test_at "$day 09:00:00" cm-complaint -f reg.csv close $id \
		responsibility=ours cause=late_delivery root_cause=rc \
		action=fix dept=业务部 --as-of $day "$@"
}

# The register of the consequences, October's lines first:
#   261001 closed 10-20, loss 100.00             (1: once)
#   261002 closed 10-21, loss 100.00; set 80.00 on 11-10   (2: a refund)
#   261003 closed 10-22, loss 100.00; reopened 11-03, closed 12-04
#          with 150.00                            (3: held, then +50.00)
#   261004 closed 10-23, loss 100.00; reopened 11-06, rejected 11-07 (4)
#   261005 closed 10-24 without a loss; set 300.00 on 12-05      (5)
#   261006 closed as of 10-31, written 11-02, loss 100.00        (6)
#   261007 closed 10-26, loss 100.00 to a unit; set 0.01 on 11-12
#   261008 never closed; 261009 rejected 10-28, never closed.
# oct/ and nov/ keep the register as it was at the end of those months.
test_expect_success 'setup: a register written over three months' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	P1,张三,装配一组,生产部,1.0,2000
	P2,李四,装配一组,生产部,1.2,3000
	P3,王五,装配一组,生产部,0.8,1000
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	EOF
	for i in 1 2 3 4 5 6 7 8 9
	do
		new 2026-10-02 || return 1
	done &&
	close 2026-10-20 261001 loss=100 &&
	close 2026-10-21 261002 loss=100 &&
	close 2026-10-22 261003 loss=100 &&
	close 2026-10-23 261004 loss=100 &&
	close 2026-10-24 261005 &&
	close 2026-10-26 261007 loss=100 &&
	test_at "2026-10-28 09:00:00" cm-complaint -f reg.csv reject 261009 --reason "not ours" --as-of 2026-10-28 &&
	mkdir oct nov &&
	cp reg.csv reg.log oct/ &&
	test_at "2026-11-02 09:00:00" cm-complaint -f reg.csv close 261006 responsibility=ours \
		cause=late_delivery root_cause=rc action=fix dept=业务部 loss=100 --as-of 2026-10-31 &&
	test_at "2026-11-03 09:00:00" cm-complaint -f reg.csv reopen 261003 --reason again --as-of 2026-11-03 &&
	test_at "2026-11-06 09:00:00" cm-complaint -f reg.csv reopen 261004 --reason again --as-of 2026-11-06 &&
	test_at "2026-11-07 09:00:00" cm-complaint -f reg.csv reject 261004 --reason "not ours" --as-of 2026-11-07 &&
	test_at "2026-11-10 09:00:00" cm-complaint -f reg.csv set 261002 loss=80 &&
	test_at "2026-11-12 09:00:00" cm-complaint -f reg.csv set 261007 loss=0.01 &&
	cp reg.csv reg.log nov/ &&
	test_at "2026-12-04 09:00:00" cm-complaint -f reg.csv close 261003 loss=150 --as-of 2026-12-04 &&
	test_at "2026-12-05 09:00:00" cm-complaint -f reg.csv set 261005 loss=300 &&
	printf "%s\n" case,party,share 261001,S1, >j1.csv &&
	printf "%s\n" case,party,share 261002,S1,60 261002,S2,40 >j2.csv &&
	printf "%s\n" case,party,share 261003,P1, >j3.csv &&
	printf "%s\n" case,party,share 261004,S1, >j4.csv &&
	printf "%s\n" case,party,share 261005,S2, >j5.csv &&
	printf "%s\n" case,party,share 261006,S1, >j6.csv &&
	printf "%s\n" case,party,share 261007,装配一组, >j7.csv &&
	cat j1.csv j2.csv j3.csv j4.csv j5.csv j6.csv j7.csv | grep -v "^case" >all &&
	{ echo case,party,share && cat all; } >judged.csv
'

# run MONTH TODAY CASES [OPTION...]: that month's --cases run, made on
# TODAY, to actual and err; its exit status must be 0.
run() {
	m=$1 today=$2 cases=$3 &&
	shift 3 &&
	CM_TODAY=$today cm-penalty --month $m --staff staff.csv \
		--register reg.csv --cases "$@" $cases >actual 2>err
}

# 1. 261001 closed on 2026-10-20, written that day, loss 100.00: Cum of
# October 100.00, of September 0: October charges 100.00 - 0 = 100.00;
# November 100.00 - 100.00 = 0: no rows.
test_expect_success '1. a case closed in October is charged in October, once' '
	run 2026-10 2026-11-23 j1.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	run 2026-11 2026-12-10 j1.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err
'

# 2. 261002 charged 100.00 in October (60/40: 60.00 and 40.00); its loss
# set to 80.00 on 11-10: November charges 80.00 - 100.00 = -20.00, split
# by the same shares: 2000 fen × 60% = -12.00, × 40% = -8.00; each
# owes nothing else, so each is paid back (the list's warning).
test_expect_success '2. a loss corrected down in November is refunded in November' '
	run 2026-10 2026-11-23 j2.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261002,S1,赵六,100.00,actual loss; shared 60%,60.00
	2026-10,261002,S2,钱七,100.00,actual loss; shared 40%,40.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	run 2026-11 2026-12-10 j2.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261002,S1,赵六,80.00,charged 100.00 before; actual loss; shared 60%,-12.00
	2026-11,261002,S2,钱七,80.00,charged 100.00 before; actual loss; shared 40%,-8.00
	EOF
	test_cmp expect actual &&
	cat >expect.err <<-\EOF &&
	cm-penalty: S1 赵六 is paid back 12.00 in 2026-11 (refunds)
	cm-penalty: S2 钱七 is paid back 8.00 in 2026-11 (refunds)
	EOF
	test_cmp expect.err err
'

# 3. 261003 charged 100.00 in October, reopened on 11-03: it holds its
# October values, so November charges 100.00 - 100.00 = 0 (no rows);
# closed again on 12-04 with 150.00: December charges 150.00 - 100.00 =
# 50.00.
test_expect_success '3. reopened in November, closed in December: the difference in December' '
	run 2026-11 2026-12-10 j3.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err &&
	run 2026-12 2027-01-10 j3.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-12,261003,P1,张三,150.00,charged 100.00 before; actual loss; person,50.00
	EOF
	test_cmp expect actual &&
	test ! -s err
'

# 4. 261004 charged 100.00 in October, reopened and rejected in
# November: a rejected complaint bears no loss, Cum 0: November charges
# 0 - 100.00 = -100.00; its loss now is 0.00.  赵六 owes nothing else:
# paid back 100.00 (the list's notice, --cases too).
test_expect_success '4. rejected in November after its October charge: refunded in November' '
	run 2026-11 2026-12-10 j4.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261004,S1,赵六,0.00,rejected; charged 100.00 before; actual loss; person,-100.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: S1 赵六 is paid back 100.00 in 2026-11 (refunds)" >expect.err &&
	test_cmp expect.err err &&
	run 2026-12 2027-01-10 j4.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err
'

# 5. 261005 closed on 10-24 without a loss: Cum 0 in October and
# November, each run says so (once a case); its loss set to 300.00 on
# 12-05: December charges 300.00 - 0 = 300.00 (under 钱七's cap of
# 500.00: nothing carried).
test_expect_success '5. closed without a loss: charged in the month its loss is set' '
	echo "cm-penalty: case ${Q}261005${Q} is closed without a loss in the register: it is charged in the month its loss is set" >expect.err &&
	echo "$CHEAD" >expect &&
	run 2026-10 2026-11-23 j5.csv &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	run 2026-11 2026-12-10 "j5.csv j5.csv" &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	run 2026-12 2027-01-10 j5.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-12,261005,S2,钱七,300.00,actual loss; person,300.00
	EOF
	test_cmp expect actual &&
	test ! -s err
'

# 6. 261006 closed as of 2026-10-31 but written to the register on
# 11-02: October's run knows nothing of it (closed only after October in
# the log: 0, no message); November charges 100.00 - 0 = 100.00.
test_expect_success '6. closed as of October, written in November: charged in November' '
	run 2026-10 2026-11-23 j6.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err &&
	run 2026-11 2026-12-10 j6.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261006,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect actual &&
	test ! -s err
'

# 7. A month's run is a pure function of the log: October's and
# November's lists made right after their month (oct/, nov/) and again
# now, after the changes of the months since, are the same bytes.  (At
# the end of October 261006 was not yet closed: not judged then.)
test_expect_success '7. a month run again after later changes gives the same bytes' '
	grep -v "^261006," judged.csv >judged-oct.csv &&
	for m in oct/2026-10/judged-oct.csv nov/2026-11/judged.csv
	do
		d=${m%%/*} j=${m##*/} month=${m#*/} month=${month%/*} &&
		(cd $d && CM_TODAY=2027-01-10 cm-penalty --month $month \
			--staff ../staff.csv --register reg.csv ../$j \
			>../then.csv 2>../then.err || test $? -eq 1) &&
		{ CM_TODAY=2027-01-10 cm-penalty --month $month --staff staff.csv \
			--register reg.csv $j >now.csv 2>now.err ||
			test $? -eq 1; } &&
		test_cmp then.csv now.csv &&
		test_cmp then.err now.err &&
		test $(wc -l <now.csv) -gt 1 || return 1
	done
'

# A refund over a unit: 261007 charged 100.00 in October to 装配一组
# (points 1.0, 1.2, 0.8 of 3.0: 33.33, 40.00, 26.67), its loss set to
# 0.01 in November: -99.99 is split as 9999 fen: quotas 3333, 3999.6,
# 2666.4, floors 9998, the fen left to the largest remainder (李四's
# .6): 3333, 4000, 2666, negated: -33.33 - 40.00 - 26.66 = -99.99.
test_expect_success 'a refund split over a unit by points adds up to the fen' '
	run 2026-11 2026-12-10 j7.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261007,P1,张三,0.01,charged 100.00 before; actual loss; unit 装配一组 1.0 of 3.0 points,-33.33
	2026-11,261007,P2,李四,0.01,charged 100.00 before; actual loss; unit 装配一组 1.2 of 3.0 points,-40.00
	2026-11,261007,P3,王五,0.01,charged 100.00 before; actual loss; unit 装配一组 0.8 of 3.0 points,-26.66
	EOF
	test_cmp expect actual &&
	cat >expect.err <<-\EOF &&
	cm-penalty: P1 张三 is paid back 33.33 in 2026-11 (refunds)
	cm-penalty: P2 李四 is paid back 40.00 in 2026-11 (refunds)
	cm-penalty: P3 王五 is paid back 26.66 in 2026-11 (refunds)
	EOF
	test_cmp expect.err err
'

# November's list of 261002's refund: 赵六 -12.00 and 钱七 -8.00, each
# with nothing else owed: net < 0, no sanctions to set it against, so
# deducted = 0 - 12.00 = -12.00 (paid back), carried out 0; the same
# for 钱七, -8.00.  Paid back is money the office owes: a warning that
# -q does not silence, but not exit 1.
test_expect_success 'a person paid back: deducted is negative, said, exit 0' '
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv \
		--register reg.csv j2.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-11,S1,赵六,业务部,4000.00,0.00,-12.00,0.00,-12.00,2000.00,-12.00,0.00
	2026-11,S2,钱七,服务部,1000.00,0.00,-8.00,0.00,-8.00,500.00,-8.00,0.00
	EOF
	test_cmp expect actual &&
	cat >expect.err <<-\EOF &&
	cm-penalty: S1 赵六 is paid back 12.00 in 2026-11 (refunds)
	cm-penalty: S2 钱七 is paid back 8.00 in 2026-11 (refunds)
	EOF
	test_cmp expect.err err &&
	CM_TODAY=2026-12-10 cm-penalty -q --month 2026-11 --staff staff.csv \
		--register reg.csv j2.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

# The same refund against what is owed.  赵六 carries 30.00 in: net =
# 30.00 - 12.00 = 18.00 >= 0, under his cap: deducted 18.00, carried 0.
# 钱七 has three warnings, 1200.00 on a bonus of 1000.00: 1000.00 is
# deducted, 200.00 is left; net = 0 - 8.00 < 0: the refund is set
# against those 200.00 (offset 8.00, nothing paid back): deducted
# 1000.00, carried out 200.00 - 8.00 = 192.00, due 1200.00 - 8.00 =
# 1192.00; exit 1, he carries.
test_expect_success 'a refund set against a carried-in balance and unpaid sanctions' '
	printf "%s\n" month,person,carried_out 2026-10,S1,30.00 >carry.csv &&
	printf "%s\n" person,kind,count S2,warning,3 >sanctions.csv &&
	CM_TODAY=2026-12-10 test_status 1 cm-penalty --month 2026-11 --staff staff.csv \
		--carry carry.csv --sanctions sanctions.csv \
		--register reg.csv j2.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-11,S1,赵六,业务部,4000.00,30.00,-12.00,0.00,18.00,2000.00,18.00,0.00
	2026-11,S2,钱七,服务部,1000.00,0.00,-8.00,1200.00,1192.00,500.00,1000.00,192.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: S2 钱七 carries 192.00 into 2026-12" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'a month not over is exit 2 under --register' '
	cat >expect.err <<-\EOF &&
	cm-penalty: --month 2026-11 is not over: the register'"'"'s history of it is not complete
	EOF
	CM_TODAY=2026-11-30 test_status 2 cm-penalty --month 2026-11 --staff staff.csv \
		--register reg.csv j1.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	sed "s/2026-11/2027-03/" expect.err >expect2.err &&
	CM_TODAY=2026-12-01 test_status 2 cm-penalty --month 2027-03 --staff staff.csv \
		--register reg.csv j1.csv >out 2>err &&
	test_cmp expect2.err err &&
	CM_TODAY=2026-12-01 cm-penalty --month 2026-11 --staff staff.csv \
		--register reg.csv j1.csv >out 2>err
'

# 261008 is never closed in the whole log; 261009 was rejected on 10-28
# and never closed: neither has a loss to share, whatever the month.
test_expect_success 'a judged case never closed, or rejected and never closed, is exit 3' '
	printf "%s\n" case,party 261001,S1 261008,S1 >j8.csv &&
	echo "cm-penalty: j8.csv:3: case ${Q}261008${Q} is not closed in the register" >expect.err &&
	CM_TODAY=2027-01-10 test_status 3 cm-penalty --month 2026-12 --staff staff.csv \
		--register reg.csv j8.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	printf "%s\n" case,party 261009,S2 >j9.csv &&
	echo "cm-penalty: j9.csv:2: case ${Q}261009${Q} was rejected, never closed: it has no loss to share" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv \
		--register reg.csv j9.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out
'

# A damaged line of 261001 (a seventh field), October's: exit 3 for its
# month and after; a line whose time is no date: exit 3 naming it.
test_expect_success 'a damaged log line, or a time that is no date, is exit 3' '
	mkdir bad &&
	cp reg.csv reg.log bad/ &&
	cd bad &&
	n=$(grep -n ",261001,loss,,100.00\$" reg.log | cut -d: -f1) &&
	sed -i "${n}s/\$/,x/" reg.log &&
	echo "cm-penalty: the history of case ${Q}261001${Q} is damaged at reg.log:$n: run cm-complaint check" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff ../staff.csv \
		--register reg.csv ../j1.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	cp ../reg.log reg.log &&
	sed -i "${n}s/^2026-10-20/2026-10-32/" reg.log &&
	t=$(sed -n "${n}s/,.*//p" reg.log) &&
	echo "cm-penalty: reg.log:$n: invalid time ${Q}$t${Q}" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff ../staff.csv \
		--register reg.csv ../j2.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out
'

test_done
