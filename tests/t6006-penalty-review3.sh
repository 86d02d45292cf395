#!/bin/sh
#
# cm-penalty, the third review: a resale before a case's closing under
# --register (M1), log times that go back (M2), a judgement made after
# its month was run (M3), a file replaced between the two readings of
# files mode (M4), and the lows: "paid back" under -q (L1), a month not
# over before a bad staff file (L4), the message of rows that disagree
# under --register (L6), and resale under --register across months
# (L9).  Amounts are yuan; inside, fen.

test_description='cm-penalty: the third review'

. "$(dirname "$0")/test-lib.sh"

Q="'"
CHEAD=month,case,person,name,loss,rule,amount
HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out
RHEAD=case,party,share,a_price,resale_price,resale_qty,resold

# close DAY ID [FIELD=VALUE...]: closed on DAY, written on DAY.
close() {
	day=$1 id=$2 &&
	shift 2 &&
	test_at "$day 09:00:00" cm-complaint -f reg.csv close $id \
		responsibility=ours cause=late_delivery root_cause=rc \
		action=fix dept=业务部 --as-of $day "$@"
}

# The register, in log order:
#   261001 closed 10-20 (100.00), resold 11-10 at 40.00 of 50.00 x 2:
#          reopened 11-12, closed again 12-03      (M1, L9)
#   261002 closed 10-21 (100.00), a_price, never resold       (L9)
#   261003 closed 12-03 only (100.00), resold 11-10 before    (M1)
#   261004 closed 10-22 (100.00); after a line of 11-05, a line stamped
#          10-30 sets 60.00                                   (M2)
#   261005 closed 10-24 (100.00), judged 11-05                (M3)
# oct/ keeps the register as it was before the late line.
test_expect_success 'setup: a register written over three months' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	EOF
	for i in 1 2 3 4 5
	do
		test_at "2026-10-02 08:00:00" cm-complaint -f reg.csv new \
			customer=A description=x received=2026-10-02 \
			>/dev/null || return 1
	done &&
	close 2026-10-20 261001 loss=100 &&
	close 2026-10-21 261002 loss=100 &&
	close 2026-10-22 261004 loss=100 &&
	close 2026-10-24 261005 loss=100 &&
	mkdir oct &&
	cp reg.csv reg.log oct/ &&
	test_at "2026-11-05 09:00:00" cm-complaint -f reg.csv set 261003 description=y &&
	test_at "2026-10-30 09:00:00" cm-complaint -f reg.csv set 261004 loss=60 &&
	test_at "2026-11-12 09:00:00" cm-complaint -f reg.csv reopen 261001 --reason again --as-of 2026-11-12 &&
	close 2026-12-03 261001 &&
	close 2026-12-03 261003 loss=100 &&
	printf "%s\n" $RHEAD 261001,S1,,50,40,2,2026-11-10 >j1.csv &&
	printf "%s\n" $RHEAD 261002,S1,,50,,, >j2.csv &&
	printf "%s\n" $RHEAD 261003,S2,,50,40,2,2026-11-10 >j3.csv &&
	printf "%s\n" case,party 261004,S1 >j4.csv &&
	printf "%s\n" case,party,judged 261005,S1,2026-11-05 >j5.csv
'

# run MONTH TODAY CASES [OPTION...]: that month's --cases run, made on
# TODAY, to actual and err; its exit status must be 0.
run() {
	m=$1 today=$2 cases=$3 &&
	shift 3 &&
	CM_TODAY=$today cm-penalty --month $m --staff staff.csv \
		--register reg.csv --cases "$@" $cases >actual 2>err
}

# M1, L9: 261001 closed 10-20, resold 11-10 (21 days): (50.00 - 40.00)
# x 2 = 20.00, charged in November.  Reopened 11-12 and closed again
# 12-03, after the resale: the resale stays within the window and the
# charge month is the later of November and December, so December's
# Cum is 20.00 too: December and January charge nothing, and say
# nothing.  Before, both months were exit 3 and blocked the whole list.
test_expect_success 'M1. a resold case closed again after its resale: no error, charged once' '
	run 2026-10 2026-12-10 j1.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	run 2026-11 2026-12-10 j1.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261001,S1,赵六,20.00,resold within 30 days; person,20.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	run 2026-12 2027-01-10 j1.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err &&
	run 2027-01 2027-02-10 j1.csv &&
	test_cmp expect actual &&
	test ! -s err
'

# M1: 261003 is closed only on 12-03, its product resold on 11-10
# while it was open: resold within the window, charged 20.00 in
# December (the closing's month, later than the resale's).
test_expect_success 'M1. resold before its only closing: charged in the month of the closing' '
	run 2026-11 2026-12-10 j3.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	run 2026-12 2027-01-10 j3.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-12,261003,S2,钱七,20.00,resold within 30 days; person,20.00
	EOF
	test_cmp expect actual &&
	test ! -s err
'

# L9: 261002 closed 10-21 with a_price and never resold: the window
# ends 11-20, so November charges the actual loss 100.00; October and
# December nothing.
test_expect_success 'L9. not resold under --register: the actual loss when the window ends' '
	run 2026-10 2026-12-10 j2.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	run 2026-11 2026-12-10 j2.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261002,S1,赵六,100.00,not resold within 30 days; person,100.00
	EOF
	test_cmp expect actual &&
	run 2026-12 2027-01-10 j2.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual
'

# M2: 261004 charged 100.00 in October.  Its loss set to 60.00 by a line
# stamped 10-30 but written after a line of 11-05: it counts in
# November (the latest month already in the log), a refund of 40.00.
# October run again gives what it gave before the late line.
test_expect_success 'M2. a line stamped before a month already in the log counts in that month' '
	CM_TODAY=2026-11-03 cm-penalty --month 2026-10 --staff staff.csv \
		--register oct/reg.csv --cases j4.csv >before &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261004,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect before &&
	run 2026-10 2026-12-10 j4.csv &&
	test_cmp before actual &&
	test ! -s err &&
	run 2026-11 2026-12-10 j4.csv -q &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261004,S1,赵六,60.00,charged 100.00 before; actual loss; person,-40.00
	EOF
	test_cmp expect actual
'

test_expect_success 'M2. -v says it, once a run' '
	run 2026-11 2026-12-10 j4.csv -v &&
	line=$(grep -n "^2026-10-30" reg.log | head -1 | cut -d: -f1) &&
	time=$(sed -n "${line}p" reg.log | cut -d, -f1) &&
	grep "is before a month" err >said &&
	echo "cm-penalty: reg.log:$line: time $Q$time$Q is before a month already in the log: counted in 2026-11" >expect &&
	test_cmp expect said
'

# L1: a person paid back is money the office owes: -q does not
# silence it.
test_expect_success 'L1. paid back is said under -q' '
	CM_TODAY=2026-12-10 cm-penalty -q --month 2026-11 --staff staff.csv \
		--register reg.csv j4.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-11,S1,赵六,业务部,4000.00,0.00,-40.00,0.00,-40.00,2000.00,-40.00,0.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: S1 赵六 is paid back 40.00 in 2026-11 (refunds)" >expect.err &&
	test_cmp expect.err err
'

# M3 under --register: 261005 closed 10-24 with 100.00, judged 11-05
# (after October was run): October charges nothing, November 100.00.
test_expect_success 'M3. a judgement takes effect in its month (--register)' '
	run 2026-10 2026-12-10 j5.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual &&
	run 2026-11 2026-12-10 j5.csv &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261005,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect actual &&
	run 2026-12 2027-01-10 j5.csv &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual
'

# M3 in files mode: charged in the later of its month and the month of
# its judgement; the Chinese header 判定日期 is judged; rows of a case
# that disagree on it are refused.
test_expect_success 'M3. a judgement takes effect in its month (files)' '
	cat >late.csv <<-\EOF &&
	案件编号,结案日期,损失金额,责任人,责任比例,判定日期
	C1,2026-10-20,100.00,S1,60,2026-11-05
	C1,2026-10-20,100.00,S2,40,2026-11-05
	C2,2026-10-21,50.00,S2,,
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --cases late.csv >actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,C2,S2,钱七,50.00,actual loss; person,50.00
	EOF
	test_cmp expect actual &&
	cm-penalty --month 2026-11 --staff staff.csv --cases late.csv >actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,C1,S1,赵六,100.00,actual loss; shared 60%,60.00
	2026-11,C1,S2,钱七,100.00,actual loss; shared 40%,40.00
	EOF
	test_cmp expect actual &&
	sed "3s/2026-11-05/2026-11-06/" late.csv >differ.csv &&
	test_status 3 cm-penalty --month 2026-11 --staff staff.csv differ.csv \
		>out 2>err &&
	test ! -s out &&
	echo "cm-penalty: differ.csv:3: case ${Q}C1${Q} differs from its row at differ.csv:2 in its closed date, loss, resale or judged date" >expect &&
	test_cmp expect err &&
	sed "2s/2026-11-05/1105/" late.csv >bad.csv &&
	test_status 3 cm-penalty --month 2026-11 --staff staff.csv bad.csv \
		>out 2>err &&
	echo "cm-penalty: bad.csv:2: invalid judged date ${Q}1105${Q}" >expect &&
	test_cmp expect err
'

# L6: under --register the rows of a case can disagree only in their
# resale columns (or judged date), and the message says so.
test_expect_success 'L6. rows that disagree under --register name their resale columns' '
	printf "%s\n" $RHEAD 261002,S1,60,50,,, 261002,S2,40,60,,, >jd.csv &&
	CM_TODAY=2026-12-10 test_status 3 cm-penalty --month 2026-11 \
		--staff staff.csv --register reg.csv jd.csv >out 2>err &&
	echo "cm-penalty: jd.csv:3: case ${Q}261002${Q} differs from its row at jd.csv:2 in its resale columns or judged date" >expect &&
	test_cmp expect err
'

# L4: usage errors come first: a month not over is exit 2 even when
# the staff file is bad (before, the staff file won with exit 3).
test_expect_success 'L4. a month not over is exit 2 before any file is read' '
	printf "person,name\nS1,x\n" >badstaff.csv &&
	CM_TODAY=2026-11-30 test_status 2 cm-penalty --month 2026-11 \
		--staff badstaff.csv --register reg.csv j1.csv >out 2>err &&
	echo "cm-penalty: --month 2026-11 is not over: the register${Q}s history of it is not complete" >expect &&
	test_cmp expect err
'

# M4: files mode reads a regular file twice; a file replaced (mv) or
# appended to while it is read is exit 3, nothing written.  big.csv
# makes the first reading last; the file is changed as soon as the
# command has it open, so before its second reading.
test_expect_success 'M4. a file changed while it is read is exit 3' '
	awk "BEGIN { print \"case,closed,loss,party,share\";
		for (i = 0; i < 300000; i++)
			printf \"K%d,2026-09-01,1.00,S1,\n\", i }" >big.csv &&
	cp big.csv new.csv &&
	echo "K-new,2026-10-01,1.00,S1," >>new.csv &&
	{ cm-penalty --month 2026-10 --staff staff.csv big.csv >out 2>err & } &&
	pid=$! &&
	until ls -l /proc/$pid/fd 2>/dev/null | grep -q big.csv
	do
		kill -0 $pid 2>/dev/null || break
	done &&
	mv new.csv big.csv &&
	test_status 3 wait $pid &&
	test ! -s out &&
	echo "cm-penalty: big.csv: the file changed while it was read" >expect &&
	test_cmp expect err
'

test_done
