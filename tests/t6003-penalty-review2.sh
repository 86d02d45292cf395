#!/bin/sh
#
# cm-penalty after the second review: a charged case later rejected is
# said; a loss set after closing is the one charged; a damaged history
# is refused; a name both a unit and a department is said; --cases
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
# reopened 11-02, rejected 11-05: November's run says so, once; October's
# and December's say nothing; the October list is unchanged.
test_expect_success '--register: a charged case rejected later is said in the month of its rejection' '
	cm-complaint -f reg.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	cm-complaint -f reg.csv close 261001 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=业务部 loss=100 --as-of 2026-10-20 &&
	cm-complaint -f reg.csv reopen 261001 --reason "not satisfied" --as-of 2026-11-02 &&
	cm-complaint -f reg.csv reject 261001 --reason "not ours" --as-of 2026-11-05 &&
	printf "%s\n" case,party 261001,S1 261001,S2 >parties.csv &&
	printf "%s\n" case,party 261001,S1 >p1.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --register reg.csv --cases p1.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,S1,赵六,100.00,actual loss; person,100.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	cm-penalty --month 2026-11 --staff staff.csv --register reg.csv p1.csv >actual 2>err &&
	echo "$HEAD" >expect &&
	test_cmp expect actual &&
	echo "cm-penalty: case ${Q}261001${Q} was rejected on 2026-11-05 after it was charged 100.00 in 2026-10: refund it with a CASES row of its own" >expect.err &&
	test_cmp expect.err err &&
	cm-penalty --month 2026-12 --staff staff.csv --register reg.csv p1.csv >actual 2>err &&
	test_cmp expect actual &&
	test ! -s err
'

# 261002: closed 2026-10-20 without a loss, given one by set on 11-03:
# 80.00 is charged in October, with no notice; set again to 90.00, the
# October run charges 80.00 all the same and says the loss is now 90.00.
test_expect_success '--register: a loss set after the closing is the one charged' '
	cm-complaint -f r2.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	cm-complaint -f r2.csv new customer=B description=y received=2026-10-03 >/dev/null &&
	cm-complaint -f r2.csv close 261002 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=业务部 --as-of 2026-10-20 &&
	cm-complaint -f r2.csv set 261002 loss=80 &&
	printf "%s\n" case,party 261002,S1 >p2.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --register r2.csv --cases p2.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261002,S1,赵六,80.00,actual loss; person,80.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	cm-complaint -f r2.csv set 261002 loss=90 &&
	cm-penalty --month 2026-10 --staff staff.csv --register r2.csv --cases p2.csv >actual 2>err &&
	test_cmp expect actual &&
	echo "cm-penalty: case ${Q}261002${Q} is charged with loss 80.00, its loss at its first closing or the first set after it; its loss is now 90.00 (closed 2026-10-20): charge the difference with a CASES row of its own" >expect.err &&
	test_cmp expect.err err
'

test_done
