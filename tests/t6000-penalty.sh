#!/bin/sh
#
# cm-penalty: the hand-worked months of issue 12 (004 article 3), each
# with its arithmetic in the comment above it: one person bears all, a
# 60/40 joint fault of two departments, a unit of three by base points,
# resale within and after the 30 days, a balance carried over three
# months, a major demerit with a carried balance, a bonus of 0; Chinese
# headers in GB18030; --register over a register built by cm-complaint;
# and a generated month whose parts must add up to its losses to the fen.
# Amounts are yuan; inside, fen.

test_description='cm-penalty: losses shared, bonus deductions capped and carried'

. "$(dirname "$0")/test-lib.sh"

HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out
CHEAD=month,case,person,name,loss,rule,amount

test_expect_success 'setup: the staff of the month' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	P1,张三,装配一组,生产部,1.0,2000
	P2,李四,装配一组,生产部,1.2,3000
	P3,王五,装配一组,生产部,0.8,1000
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	Z1,周九,,仓储部,1.0,0
	EOF
	echo case,closed,loss,party,share >none.csv
'

# 261001: one person at fault bears the whole loss (二): 赵六 123.45.  Cap
# 50% of 4000.00 = 2000.00; 123.45 is under it: all deducted.
test_expect_success 'one person at fault bears the whole loss' '
	cat >one.csv <<-\EOF &&
	case,closed,loss,party,share
	261001,2026-10-05,123.45,S1,
	EOF
	cat >expect <<-EOF &&
	$HEAD
	2026-10,S1,赵六,业务部,4000.00,0.00,123.45,0.00,123.45,2000.00,123.45,0.00
	EOF
	cm-penalty --month 2026-10 --staff staff.csv one.csv >actual 2>err &&
	test_cmp expect actual &&
	test ! -s err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,S1,赵六,123.45,actual loss; person,123.45
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --cases one.csv >actual &&
	test_cmp expect actual
'

# 261002: a joint fault of two departments judged 60/40, loss 1000.01 =
# 100001 fen: quotas 60000.6 and 40000.4, floors 60000 + 40000 = 100000,
# the one fen left goes to the larger remainder (.6): 业务部 600.01,
# 服务部 400.00.  Each department's part then goes to its members by
# points: 业务部 is 赵六 alone (1.5 of 1.5), 服务部 钱七 alone (1.0 of 1.0).
test_expect_success '60/40 across two departments, to the fen' '
	cat >joint.csv <<-\EOF &&
	case,closed,loss,party,share
	261002,2026-10-08,1000.01,业务部,60
	261002,2026-10-08,1000.01,服务部,40
	EOF
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261002,S1,赵六,1000.01,actual loss; shared 60%; dept 业务部 1.5 of 1.5 points,600.01
	2026-10,261002,S2,钱七,1000.01,actual loss; shared 40%; dept 服务部 1.0 of 1.0 points,400.00
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --cases joint.csv >actual &&
	test_cmp expect actual
'

# 261003: 装配一组 at fault, 100.00 over points 1.0, 1.2 and 0.8 (3.0 in
# all, 三.3): quotas 33.333, 40.000 and 26.667; floors 33.33 + 40.00 +
# 26.66 = 99.99; the fen left goes to the largest remainder, 王五's .667:
# 33.33 + 40.00 + 26.67 = 100.00.
test_expect_success 'a unit of three by base points 1.0/1.2/0.8 adds up to 100.00' '
	cat >unit.csv <<-\EOF &&
	case,closed,loss,party,share
	261003,2026-10-12,100.00,装配一组,100
	EOF
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261003,P1,张三,100.00,actual loss; unit 装配一组 1.0 of 3.0 points,33.33
	2026-10,261003,P2,李四,100.00,actual loss; unit 装配一组 1.2 of 3.0 points,40.00
	2026-10,261003,P3,王五,100.00,actual loss; unit 装配一组 0.8 of 3.0 points,26.67
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --cases unit.csv >actual &&
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,P1,张三,生产部,2000.00,0.00,33.33,0.00,33.33,1000.00,33.33,0.00
	2026-10,P2,李四,生产部,3000.00,0.00,40.00,0.00,40.00,1500.00,40.00,0.00
	2026-10,P3,王五,生产部,1000.00,0.00,26.67,0.00,26.67,500.00,26.67,0.00
	EOF
	cm-penalty --month 2026-10 --staff staff.csv unit.csv >actual &&
	test_cmp expect actual
'

# Resale (一), 30 days (penalty.conf):
#   261004 closed 09-20, resold 10-15 (25 days): charged in October, the
#          A-grade price loss (50.00 - 42.50) x 12.5 = 93.75;
#   261005 closed 09-05, resold 10-20 (45 days): too late; the window
#          ends 09-05 + 30 = 10-05: charged in October, actual loss 300.00;
#   261006 closed 10-10, not resold: the window ends 11-09: November's;
#   261007 closed 08-31, resold 09-30, the 30th day: within, September's,
#          (50.00 - 49.00) x 1 = 1.00 (its actual loss 77.00 not used).
test_expect_success 'resold within the window and after it' '
	cat >resale.csv <<-\EOF &&
	case,closed,loss,party,share,a_price,resale_price,resale_qty,resold
	261004,2026-09-20,,S1,,50.00,42.50,12.5,2026-10-15
	261005,2026-09-05,300,S2,,50,40,10,2026-10-20
	261006,2026-10-10,200,S2,,50,,,
	261007,2026-08-31,77,S1,,50,49,1,2026-09-30
	EOF
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261004,S1,赵六,93.75,resold within 30 days; person,93.75
	2026-10,261005,S2,钱七,300.00,not resold within 30 days; person,300.00
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --cases resale.csv >actual &&
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261006,S2,钱七,200.00,not resold within 30 days; person,200.00
	EOF
	cm-penalty --month 2026-11 --staff staff.csv --cases resale.csv >actual &&
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-09,261007,S1,赵六,1.00,resold within 30 days; person,1.00
	EOF
	cm-penalty --month 2026-09 --staff staff.csv --cases resale.csv >actual &&
	test_cmp expect actual
'

# Only the month's cases are grouped and looked up: September's 260902
# names 吴十 (X9), who has left and is no longer in the staff file, and
# that is no error in October.  One case's rows may be in two files: 261009
# is 50/50 over 张三 and 赵六, 0.01 = 1 fen with two equal remainders and
# equal shares: the earlier row, 张三, gets it (the tie rule).
test_expect_success 'other months are not looked up; a case over two files' '
	cat >sep.csv <<-\EOF &&
	case,closed,loss,party,share
	260902,2026-09-10,70,X9,
	261009,2026-10-03,0.01,P1,50
	EOF
	cat >oct.csv <<-\EOF &&
	case,closed,loss,party,share
	261009,2026-10-03,0.01,S1,50
	EOF
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261009,P1,张三,0.01,actual loss; shared 50%,0.01
	2026-10,261009,S1,赵六,0.01,actual loss; shared 50%,0.00
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --cases sep.csv oct.csv >actual &&
	test_cmp expect actual
'

# 钱七 (bonus 1000.00, cap 500.00) bears 1300.00 in September (三.4):
#   September: due 1300.00, deducted 500.00, carries 800.00  (exit 1);
#   October:   carried in 800.00, deducted 500.00, carries 300.00 (exit 1);
#   November:  carried in 300.00, deducted 300.00, carries 0   (exit 0);
#   December:  nothing to deduct or carry: no row.
# Each month's --carry is the month before's output.
test_expect_success 'a deduction above 50% carried over three months' '
	cat >big.csv <<-\EOF &&
	case,closed,loss,party,share
	260901,2026-09-14,1300,S2,100
	EOF
	test_status 1 cm-penalty --month 2026-09 --staff staff.csv big.csv >09.csv 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-09,S2,钱七,服务部,1000.00,0.00,1300.00,0.00,1300.00,500.00,500.00,800.00
	EOF
	test_cmp expect 09.csv &&
	echo "cm-penalty: S2 钱七 carries 800.00 into 2026-10" >expect &&
	test_cmp expect err &&
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv --carry 09.csv big.csv >10.csv 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,S2,钱七,服务部,1000.00,800.00,0.00,0.00,800.00,500.00,500.00,300.00
	EOF
	test_cmp expect 10.csv &&
	echo "cm-penalty: S2 钱七 carries 300.00 into 2026-11" >expect &&
	test_cmp expect err &&
	cm-penalty --month 2026-11 --staff staff.csv --carry 10.csv big.csv >11.csv 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-11,S2,钱七,服务部,1000.00,300.00,0.00,0.00,300.00,500.00,300.00,0.00
	EOF
	test_cmp expect 11.csv &&
	test ! -s err &&
	cm-penalty --month 2026-12 --staff staff.csv --carry 11.csv big.csv >12.csv &&
	echo "$HEAD" >expect &&
	test_cmp expect 12.csv
'

# Sanctions come first, up to the bonus (行政处分 (五)):
#   赵六: a major demerit costs the whole bonus, 4000.00, deducted first;
#         his 1000.00 carried in from September finds nothing left of the
#         bonus: due 5000.00, deducted 4000.00, carries 1000.00;
#   钱七: a warning 400.00 and a minor demerit 800.00 x 1.0 point =
#         1200.00, above his 1000.00 bonus: deducted 1000.00, carries
#         200.00, which next month is deducted under the cap like any other;
#   李四: two minor demerits at 800.00 x 1.2 points = 960.00 each,
#         1920.00, deducted whole although above his cap of 1500.00: the
#         cap is for complaint amounts; 1920.00 < 3000.00.
test_expect_success 'a major demerit in a month with a carried balance' '
	cat >sanctions.csv <<-\EOF &&
	person,kind,count
	S1,major,1
	S2,warning,1
	S2,小过,1
	P2,minor,2
	EOF
	cat >09.csv <<-EOF &&
	$HEAD
	2026-09,S1,赵六,业务部,4000.00,0.00,3000.00,0.00,3000.00,2000.00,2000.00,1000.00
	EOF
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv --sanctions sanctions.csv --carry 09.csv none.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,P2,李四,生产部,3000.00,0.00,0.00,1920.00,1920.00,1500.00,1920.00,0.00
	2026-10,S1,赵六,业务部,4000.00,1000.00,0.00,4000.00,5000.00,2000.00,4000.00,1000.00
	2026-10,S2,钱七,服务部,1000.00,0.00,0.00,1200.00,1200.00,500.00,1000.00,200.00
	EOF
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	cm-penalty: S1 赵六 carries 1000.00 into 2026-11
	cm-penalty: S2 钱七 carries 200.00 into 2026-11
	EOF
	test_cmp expect err
'

# 周九 has no bonus this month: cap 0.00, nothing can be deducted, the
# whole 50.00 is carried.
test_expect_success 'a person whose bonus is 0 carries everything' '
	cat >zero.csv <<-\EOF &&
	case,closed,loss,party,share
	261008,2026-10-30,50,Z1,
	EOF
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv zero.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,Z1,周九,仓储部,0.00,0.00,50.00,0.00,50.00,0.00,0.00,50.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: Z1 周九 carries 50.00 into 2026-11" >expect &&
	test_cmp expect err
'

# The files as a Chinese office saves them: Chinese headers (columns.map),
# GB18030, CRLF; the same month as the unit of three above.
test_expect_success 'Chinese headers in GB18030' '
	printf "%s\r\n" 工号,姓名,班组,部门,基点,效益奖金 \
		P1,张三,装配一组,生产部,1.0,2000 P2,李四,装配一组,生产部,1.2,3000 \
		P3,王五,装配一组,生产部,0.8,1000 |
		iconv -f UTF-8 -t GB18030 >staff-gb.csv &&
	printf "%s\r\n" 案件编号,结案日期,损失金额,责任人,责任比例 \
		261003,2026年10月12日,100.00,装配一组,100 |
		iconv -f UTF-8 -t GB18030 >cases-gb.csv &&
	cm-penalty --month 2026-10 --staff staff-gb.csv cases-gb.csv >actual &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,P1,张三,生产部,2000.00,0.00,33.33,0.00,33.33,1000.00,33.33,0.00
	2026-10,P2,李四,生产部,3000.00,0.00,40.00,0.00,40.00,1500.00,40.00,0.00
	2026-10,P3,王五,生产部,1000.00,0.00,26.67,0.00,26.67,500.00,26.67,0.00
	EOF
	test_cmp expect actual
'

# A register built by cm-complaint: 261001 received 10-02, closed 10-20
# (written to the register that day), loss 100.00, charged to 装配一组 as
# above; 261002 closed 11-03 (loss 500.00): November's; the CASES file
# names parties only.  Each month is run once it is over (CM_TODAY).
test_expect_success '--register: closed and loss from a cm-complaint register' '
	test_at "2026-10-02 09:00:00" cm-complaint -f reg.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	test_at "2026-10-09 09:00:00" cm-complaint -f reg.csv new customer=B description=y received=2026-10-09 >/dev/null &&
	test_at "2026-10-20 09:00:00" cm-complaint -f reg.csv close 261001 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=生产部 loss=100 --as-of 2026-10-20 &&
	test_at "2026-11-03 09:00:00" cm-complaint -f reg.csv close 261002 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=服务部 loss=500 --as-of 2026-11-03 &&
	cat >parties.csv <<-\EOF &&
	case,party,share
	261001,装配一组,
	261002,S2,
	EOF
	cm-penalty --month 2026-10 --staff staff.csv --register reg.csv --cases parties.csv >actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,P1,张三,100.00,actual loss; unit 装配一组 1.0 of 3.0 points,33.33
	2026-10,261001,P2,李四,100.00,actual loss; unit 装配一组 1.2 of 3.0 points,40.00
	2026-10,261001,P3,王五,100.00,actual loss; unit 装配一组 0.8 of 3.0 points,26.67
	EOF
	test_cmp expect actual &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv --register reg.csv --cases parties.csv >actual &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261002,S2,钱七,500.00,actual loss; person,500.00
	EOF
	test_cmp expect actual
'

# The property of the issue on a generated month: 2,000 cases, random
# losses, split over one to three parties with random shares (a person, then a unit, then a department); the sum of everyone's assigned equals the sum of the
# losses to the fen (counted in fen by awk, no floating point).
test_expect_success 'a generated month: the parts add up to the losses to the fen' '
	awk "BEGIN {
		srand(12);
		print \"person,name,unit,dept,base_points,bonus\";
		for (i = 1; i <= 60; i++)
			printf \"E%d,n%d,u%d,d%d,%d.%03d,%d\n\", i, i, i % 7, i % 3,
				int(rand() * 3), int(rand() * 1000), 1000 + int(rand() * 9000)
	}" >gstaff.csv &&
	awk "BEGIN {
		srand(34);
		print \"case,closed,loss,party,share\";
		for (c = 1; c <= 2000; c++) {
			loss = sprintf(\"%d.%02d\", int(rand() * 100000), int(rand() * 100));
			n = 1 + int(rand() * 3); left = 10000;
			for (k = 1; k <= n; k++) {
				sh = k == n ? left : 1 + int(rand() * (left - (n - k)));
				left -= sh;
				party = k == 1 ? \"E\" (1 + int(rand() * 60)) : k == 2 ? \
					\"u\" int(rand() * 7) : \"d\" int(rand() * 3);
				printf \"%d,2026-10-%02d,%s,%s,%d.%02d\n\", c, 1 + c % 28,
					loss, party \"\", int(sh / 100), sh % 100
			}
		}
	}" >gcases.csv &&
	{ cm-penalty --month 2026-10 --staff gstaff.csv gcases.csv \
		>gout.csv 2>/dev/null || test $? -eq 1; } &&
	awk -F, "NR > 1 && !seen[\$1]++ { s = \$3; sub(/\\./, \"\", s); t += s }
		END { printf \"%.0f\\n\", t }" gcases.csv >expect &&
	awk -F, "NR > 1 { s = \$7; sub(/\\./, \"\", s); t += s } END { printf \"%.0f\\n\", t }" gout.csv >actual &&
	test_cmp expect actual
'

test_done
