#!/bin/sh
#
# cm-penalty after the second review: a charged case later rejected is
# refunded; a loss set after closing is charged, a correction in the
# month it is made; a damaged history is refused; a name both a unit and a department is said; --cases
# carries what the list carries; 60% shares; messages that name files
# and bounds.

test_description='cm-penalty: the register history read whole'

. "$(dirname "$0")/test-lib.sh"

Q="'"
CHEAD=month,case,person,name,loss,rule,amount
HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out

test_expect_success 'setup' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	P1,张三,装配一组,生产部,1.0,2000
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	EOF
	echo case,closed,loss,party,share >head.csv
'

# 261001: closed 2026-10-20 with a loss of 100.00 (charged in October),
# reopened 11-02, rejected 11-05: November refunds it, 0 - 100.00 =
# -100.00, and 赵六, who owes nothing else (carried in 0, sanctions 0),
# is paid back 100.00: deducted -100.00, carried out 0.  October's list
# is unchanged; December's says nothing.
test_expect_success '--register: a charged case rejected later is refunded in the month of its rejection' '
	test_at "2026-10-02 09:00:00" cm-complaint -f reg.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	test_at "2026-10-20 09:00:00" cm-complaint -f reg.csv close 261001 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=业务部 loss=100 --as-of 2026-10-20 &&
	test_at "2026-11-02 09:00:00" cm-complaint -f reg.csv reopen 261001 --reason "not satisfied" --as-of 2026-11-02 &&
	test_at "2026-11-05 09:00:00" cm-complaint -f reg.csv reject 261001 --reason "not ours" --as-of 2026-11-05 &&
	printf "%s\n" case,party 261001,S1 >p1.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --register reg.csv --cases p1.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv --register reg.csv p1.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-11,S1,赵六,业务部,4000.00,0.00,-100.00,0.00,-100.00,2000.00,-100.00,0.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: S1 赵六 is paid back 100.00 in 2026-11 (refunds)" >expect.err &&
	test_cmp expect.err err &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv --register reg.csv --cases p1.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261001,S1,赵六,0.00,rejected; charged 100.00 before; actual loss; person,-100.00
	EOF
	test_cmp expect actual &&
	CM_TODAY=2027-01-10 cm-penalty --month 2026-12 --staff staff.csv --register reg.csv p1.csv >actual 2>err &&
	echo "$HEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err
'

# 261002: closed 2026-10-20 without a loss, given one by set on 10-25:
# 80.00 is charged in October, with no notice; set again to 90.00 on
# 11-03, the October run charges 80.00 all the same (the change is
# November's), and November charges 90.00 - 80.00 = 10.00.
test_expect_success '--register: a loss set after the closing is charged, a correction in its month' '
	test_at "2026-10-02 09:00:00" cm-complaint -f r2.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	test_at "2026-10-03 09:00:00" cm-complaint -f r2.csv new customer=B description=y received=2026-10-03 >/dev/null &&
	test_at "2026-10-20 09:00:00" cm-complaint -f r2.csv close 261002 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=业务部 --as-of 2026-10-20 &&
	test_at "2026-10-25 09:00:00" cm-complaint -f r2.csv set 261002 loss=80 &&
	printf "%s\n" case,party 261002,S1 >p2.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --register r2.csv --cases p2.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261002,S1,赵六,80.00,actual loss; person,80.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	test_at "2026-11-03 09:00:00" cm-complaint -f r2.csv set 261002 loss=90 &&
	cm-penalty --month 2026-10 --staff staff.csv --register r2.csv --cases p2.csv >actual 2>err &&
	test_cmp expect actual &&
	test ! -s err &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv --register r2.csv --cases p2.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261002,S1,赵六,90.00,charged 80.00 before; actual loss; person,10.00
	EOF
	test_cmp expect actual &&
	test ! -s err
'

# 261003 closed 10-20 with 100.00, reopened 11-02, closed 11-05 with
# 150.00; its first closing's status line damaged (7 fields): October's
# and November's runs refuse it.  Made a line with no readable id (and
# so of no known month), the same.  A damaged line of a month after the
# run's (the reopening, in November) is not October's business.
test_expect_success '--register: a damaged line of the case up to the month is exit 3' '
	test_at "2026-10-02 09:00:00" cm-complaint -f r3.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	test_at "2026-10-03 09:00:00" cm-complaint -f r3.csv new customer=B description=y received=2026-10-03 >/dev/null &&
	test_at "2026-10-04 09:00:00" cm-complaint -f r3.csv new customer=C description=z received=2026-10-04 >/dev/null &&
	test_at "2026-10-20 09:00:00" cm-complaint -f r3.csv close 261003 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=业务部 loss=100 --as-of 2026-10-20 &&
	test_at "2026-11-02 09:00:00" cm-complaint -f r3.csv reopen 261003 --reason r --as-of 2026-11-02 &&
	test_at "2026-11-05 09:00:00" cm-complaint -f r3.csv close 261003 loss=150 --as-of 2026-11-05 &&
	cp r3.log r3.good &&
	n=$(grep -n ",261003,status,open,closed\$" r3.log | cut -d: -f1) &&
	sed -i "${n}s/\$/,x/" r3.log &&
	printf "%s\n" case,party 261003,S1 >p3.csv &&
	echo "cm-penalty: the history of case ${Q}261003${Q} is damaged at r3.log:$n: run cm-complaint check" >expect.err &&
	for m in 2026-10 2026-11
	do
		CM_TODAY=2026-12-10 test_status 3 cm-penalty --month $m --staff staff.csv --register r3.csv p3.csv >out 2>err &&
		test_cmp expect.err err &&
		test ! -s out || return 1
	done &&
	cp r3.good r3.log &&
	sed -i "${n}s/.*/garbage/" r3.log &&
	CM_TODAY=2026-12-10 test_status 3 cm-penalty --month 2026-11 --staff staff.csv --register r3.csv p3.csv >out 2>err &&
	test_cmp expect.err err &&
	cp r3.good r3.log &&
	n=$(grep -n ",261003,reopened," r3.log | cut -d: -f1) &&
	sed -i "${n}s/\$/,x/" r3.log &&
	cm-penalty --month 2026-10 --staff staff.csv --register r3.csv --cases p3.csv >actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261003,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect actual
'

# The README's crontab line, run with a mail that keeps what it is
# given: without the list it carries (the first month), the job must
# fail and say so on stderr, which cron mails; the old line mailed
# nothing, its messages kept in a file.
test_expect_success 'the cron line lets a failed run reach cron' '
	mkdir -p cron/bin &&
	printf "%s\n" "#!/bin/sh" "cat >>\"$PWD/cron/mail.out\"" >cron/bin/mail &&
	chmod +x cron/bin/mail &&
	grep "^    0 7 10 \* \*  " "$ROOT/README.md" >line &&
	test $(wc -l <line) -eq 1 &&
	sed -e "s/^    0 7 10 \* \*  //" -e "s/\\\\%/%/g" -e "s|cd /srv/quality|cd \"$PWD/cron\"|" line >job.sh &&
	(PATH="$PWD/cron/bin:$PATH" && export PATH && ! sh job.sh >out 2>err) &&
	grep "^no deduction list for [0-9-]*: cm-penalty exit [234]\$" err &&
	grep "^cm-penalty: " err &&
	test ! -e cron/mail.out
'

# 质检 is a unit of 质量部 and a department of its own: taken as the
# unit (Q1 alone, 100.00 each case), said once.
test_expect_success 'a party both a unit and a department is said once' '
	cat >ud.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	Q1,孙八,质检,质量部,1.0,1000
	Q2,周九,,质检,1.0,1000
	EOF
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100,质检, 261002,2026-10-06,100,质检, >ud-cases.csv &&
	cm-penalty --month 2026-10 --staff ud.csv ud-cases.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,Q1,孙八,质量部,1000.00,0.00,200.00,0.00,200.00,500.00,200.00,0.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: ud-cases.csv:2: party ${Q}质检${Q} is both a unit and a department: taken as the unit" >expect.err &&
	test_cmp expect.err err
'

# The man page's February: P04 carries 800.00 in and is assigned
# 1800.00, cap 1000.00: 1600.00 carried into March, in both views.  Its
# --cases example (the command as the page shows it) must say so too:
# without --carry it said 800.00.
test_expect_success 'the man page --cases example carries what the list carries' '
	mkdir feb &&
	cd feb &&
	cat >st.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	P04,陈杰,业务一组,业务部,1.0,2000
	EOF
	cp st.csv staff.csv &&
	printf "%s\n" case,closed,loss,party,share,a_price,resale_price,resale_qty,resold \
		2601003,2026-01-20,2400.00,P04,100,50.00,35.00,120,2026-02-10 >cases.csv &&
	printf "%s\n" month,person,carried_out 2026-01,P04,800.00 >2026-01.csv &&
	sed -n "/^\\\$ cm-penalty --month 2026-02 /{/\\\\e\$/{N;s/\\\\e\\n */ /;};p;}" \
		"$ROOT/man/man1/cm-penalty.1" | grep -e --cases | sed "s/^\\\$ //" >cmd &&
	test $(wc -l <cmd) -eq 1 &&
	echo "cm-penalty: P04 陈杰 carries 1600.00 into 2026-03" >expect.err &&
	test_status 1 cm-penalty --month 2026-02 --staff staff.csv --carry 2026-01.csv cases.csv >out 2>err &&
	test_cmp expect.err err &&
	test_status 1 sh cmd >out 2>err &&
	test_cmp expect.err err
'

# 60% and 40%, as a spreadsheet exports its percent cells: 60 and 40.
# A party named twice across two files names the other file.  A loss
# past what can be read back says what the bound is.
test_expect_success 'shares in percent cells, files in messages, the bound stated' '
	printf "%s\n" case,closed,loss,party,share "261001,2026-10-05,100,S1,60%" "261001,2026-10-05,100,S2, 40% " >pc.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --cases pc.csv >actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,S1,赵六,100.00,actual loss; shared 60%,60.00
	2026-10,261001,S2,钱七,100.00,actual loss; shared 40%,40.00
	EOF
	test_cmp expect actual &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100,S1,50 >t1.csv &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100,S1,50 >t2.csv &&
	echo "cm-penalty: t2.csv:2: party ${Q}S1${Q} is named twice in case ${Q}261001${Q} (first at t1.csv:2)" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv t1.csv t2.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100000000000.01,S1, >big.csv &&
	echo "cm-penalty: big.csv:2: loss ${Q}100000000000.01${Q} is above 100000000000.00, the most an amount may be" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv big.csv >out 2>err &&
	test_cmp expect.err err &&
	cat >big.csv <<-\EOF &&
	case,closed,loss,party,share,a_price,resale_price,resale_qty,resold
	261001,2026-10-05,,S1,,100000000000,0,2,2026-10-20
	EOF
	echo "cm-penalty: big.csv:2: loss of case ${Q}261001${Q} is above 100000000000.00, the most an amount may be" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv big.csv >out 2>err &&
	test_cmp expect.err err
'

test_done
