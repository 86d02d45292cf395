#!/bin/sh
#
# Chinese input words (issue 14): every vocabulary a user types is taken
# in English or in Chinese (Simplified or Traditional), with spaces
# around and in any ASCII case, through share/cm/words.map, and stored
# and printed as its one canonical English word.  A word that is none of
# them is named with what is accepted, in both forms.

test_description='Chinese input words: accepted, stored canonical, refused with both forms'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester CM_TODAY=2026-11-03

# --- cm-complaint: market, channel, category, responsibility, status ------
test_expect_success 'cm-complaint new: market=国内 channel=电话 are stored domestic, phone' '
	cm-complaint -f c.csv new customer=华南电子 description=交货延迟 \
		market=国内 channel=电话 category=品质 responsibility=供應商 >ids &&
	echo 261101 >expect &&
	test_cmp expect ids &&
	cm-complaint -f c.csv list | cut -d, -f1,4,5,12,15,18,19 >actual &&
	cat >expect <<-\EOF &&
	id,market,channel,category,responsibility,status,due
	261101,domestic,phone,quality,supplier,open,2026-11-16
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-complaint new: 國外 in a batch, 书面 and 邮件 with spaces: foreign, due +17' '
	printf "customer,description,market,channel\nA,d1, 國外 ,书面\nB,d2,Foreign,郵件\n" |
		cm-complaint -f c.csv new >ids &&
	printf "261102\n261103\n" >expect &&
	test_cmp expect ids &&
	cm-complaint -f c.csv list | sed 1d | cut -d, -f1,4,5,19 >actual &&
	cat >expect <<-\EOF &&
	261101,domestic,phone,2026-11-16
	261102,foreign,written,2026-11-20
	261103,foreign,email,2026-11-20
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-complaint set status=调查中 and list --status 調查中 find the canonical word' '
	cm-complaint -f c.csv set 261102 status=调查中 channel=来访 &&
	cm-complaint -f c.csv list --status 調查中 | cut -d, -f1,5,18 >actual &&
	cat >expect <<-\EOF &&
	id,channel,status
	261102,visit,investigating
	EOF
	test_cmp expect actual &&
	cm-complaint -f c.csv check
'

test_expect_success 'cm-complaint: a wrong word is exit 3 listing both forms, nothing written' '
	cp c.csv before.csv &&
	test_status 3 cm-complaint -f c.csv new customer=A description=d market=海外 2>err &&
	cat >expect <<-\EOF &&
	cm-complaint: invalid market '\''海外'\'' (one of domestic/国内, foreign/国外)
	EOF
	test_cmp expect err &&
	test_status 3 cm-complaint -f c.csv set 261101 channel=传真 2>err &&
	cat >expect <<-\EOF &&
	cm-complaint: 261101: invalid channel '\''传真'\'' (one of written/书面, verbal/口头, phone/电话, email/邮件, visit/来访, survey/调查)
	EOF
	test_cmp expect err &&
	test_cmp before.csv c.csv &&
	test_status 2 cm-complaint -f c.csv list --status 进行中 2>err &&
	cat >expect <<-\EOF &&
	cm-complaint: invalid --status '\''进行中'\'' (one of open/待处理, investigating/调查中, action/改善中, verifying/验证中, closed/已结案, rejected/不成立)
	Try '\''cm-complaint --help'\'' for more information.
	EOF
	test_cmp expect err
'

test_expect_success 'cm-complaint check: a Chinese word written into the register by hand is a finding' '
	sed "s/,phone,/,电话,/" c.csv >h.csv &&
	cp c.log h.log &&
	test_status 1 cm-complaint -f h.csv check >out &&
	cat >expect <<-\EOF &&
	h.csv:2: id '\''261101'\'': channel '\''电话'\'' is stored by its word: phone
	h.log:9: id '\''261101'\'' field '\''channel'\'': logged '\''phone'\'', but '\''h.csv'\'' line 2 has '\''电话'\''
	EOF
	test_cmp expect out
'

# --- cm-receive: action and kind ---------------------------------------------
test_expect_success 'cm-receive: 收貨 設備, 合格, 借出, 歸還 are stored receive equipment accept lend giveback' '
	cat >m.csv <<-\EOF &&
	date,customer,part_no,name,unit,kind,action,qty,declared_qty,ref
	2026-11-01,Beta,T-1,caliper,set, 設備 ,收貨,2,2,
	2026-11-02,Beta,T-1,,,,合格,2,,
	2026-11-03,Beta,T-1,,,,借出,1,,QA
	2026-11-03,Beta,T-1,,,,歸還,1,,QA
	EOF
	cm-receive -j p.csv m.csv &&
	cut -d, -f7,8 p.csv >actual &&
	cat >expect <<-\EOF &&
	kind,action
	equipment,receive
	equipment,accept
	equipment,lend
	equipment,giveback
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-receive: a wrong action or kind is exit 3 listing both forms' '
	cp p.csv before.csv &&
	printf "date,customer,part_no,action,qty\n2026-11-03,Beta,T-1,移库,1\n" >x.csv &&
	test_status 3 cm-receive -j p.csv x.csv 2>err &&
	cat >expect <<-\EOF &&
	cm-receive: x.csv:2: unknown action '\''移库'\'' (one of receive/收货, accept/合格, reject/拒收, issue/发料, return/退回, scrap/报废, lose/丢失, damage/损坏, lend/借出, giveback/归还)
	EOF
	test_cmp expect err &&
	printf "date,customer,part_no,name,unit,kind,action,qty,declared_qty\n2026-11-03,Beta,T-2,x,set,工具,收货,1,1\n" >x.csv &&
	test_status 3 cm-receive -j p.csv x.csv 2>err &&
	cat >expect <<-\EOF &&
	cm-receive: x.csv:2: unknown kind '\''工具'\'' (one of material/材料, equipment/设备, entrusted/代管)
	EOF
	test_cmp expect err &&
	test_cmp before.csv p.csv
'

# --- cm-penalty --sanctions: kind ------------------------------------------
test_expect_success 'cm-penalty: sanctions 警告 (spaced), 小過, 大過 count as warning, minor, major' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	S3,孙八,,服务部,1.0,1000
	EOF
	echo case,closed,loss,party,share >cases.csv &&
	printf "%s\n" person,kind,count "S1, 警告 ,1" S2,小過,1 S3,大過, >k.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --sanctions k.csv cases.csv |
		cut -d, -f2,8 >actual &&
	cat >expect <<-\EOF &&
	person,sanctions
	S1,400.00
	S2,800.00
	S3,1000.00
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-penalty: a wrong kind is exit 3 listing both forms' '
	printf "%s\n" person,kind,count S1,记过,1 >k.csv &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv --sanctions k.csv cases.csv >out 2>err &&
	cat >expect <<-\EOF &&
	cm-penalty: k.csv:2: invalid kind '\''记过'\'' (one of warning/警告, minor/小过, major/大过)
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out
'

# --- cm-sample: a callback's reason, a visit's method -----------------------
test_expect_success 'cm-sample --visits: reasons 必訪 and 報修 (spaced) are written must and repair' '
	printf "customer\nA1\nB1\nC1\n" >cust.csv &&
	printf "customer,reason\nA1,必訪\nB1, 報修 \n" >must.csv &&
	cm-sample --visits --month 2026-11 --must must.csv cust.csv >actual &&
	cat >expect <<-\EOF &&
	customer,reason,method
	A1,must,phone
	B1,repair,visit
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-sample --check-visits: methods 電話 and 上門 count; a wrong one lists both forms' '
	printf "customer,date,method\nA1,2026-11-02,電話\nB1,2026-11-03, 上門 \n" >rec.csv &&
	cm-sample --check-visits rec.csv --month 2026-11 --must must.csv cust.csv >actual &&
	cat >expect <<-\EOF &&
	households,visited,rate,phone,phone_rate,callbacks_due,callbacks_done,missing
	3,2,66.66,1,50.00,2,2,0
	EOF
	test_cmp expect actual &&
	printf "customer,date,method\nA1,2026-11-02,传真\n" >rec.csv &&
	test_status 3 cm-sample --check-visits rec.csv --month 2026-11 --must must.csv cust.csv >out 2>err &&
	cat >expect <<-\EOF &&
	cm-sample: rec.csv:2: invalid method '\''传真'\'' (one of visit/上门, phone/电话, letter/信函)
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out
'

# --- cm-grade: the grade of a graded file (001/13: A级, a等級) ----------------
test_expect_success 'cm-grade --diff: grades A级, B級 (spaced), c, C等级 read as A, B, C' '
	printf "id,name,grade\n1,甲公司,A级\n2,乙公司, B級 \n3,丙公司,c\n" >prev.csv &&
	printf "id,name,grade\n1,甲公司,B\n2,乙公司,B\n3,丙公司,C等级\n" >cur.csv &&
	test_status 1 cm-grade --diff prev.csv cur.csv >actual &&
	cat >expect <<-\EOF &&
	id,name,old,new,change
	1,甲公司,A,B,down
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-grade --due: a graded file written in Chinese comes out canonical' '
	cm-grade --due 2026-03 prev.csv >actual &&
	cat >expect <<-\EOF &&
	id,name,grade
	1,甲公司,A
	3,丙公司,C
	EOF
	test_cmp expect actual
'

test_expect_success 'cm-grade: a wrong grade is exit 3 listing both forms' '
	printf "id,name,grade\n1,丁公司,丁级\n" >bad.csv &&
	test_status 3 cm-grade --due 2026-03 bad.csv >out 2>err &&
	cat >expect <<-\EOF &&
	cm-grade: bad.csv:2: grade '\''丁级'\'' is not one of A/A级, B/B级, C/C级
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out
'

test_done
