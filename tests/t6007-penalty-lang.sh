#!/bin/sh
test_description='cm-penalty --lang zh: the deduction list in the office'"'"'s words

The month'"'"'s list and --cases under --lang zh are headed as the office
heads its 经济处罚 list (月份, 工号, 姓名, 部门 ... 本月扣款, 结转下月),
every header reading back through columns.map; the rule of --cases is
written in Chinese phrases; the figures and the user'"'"'s cells are the
same as in English.  A list written with --excel --lang zh is next
month'"'"'s --carry as the English one is.  CSV without --lang stays
English; under a zh_CN locale a table is Chinese without --lang.'
. "$(dirname "$0")/test-lib.sh"

HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out
ZHEAD=月份,工号,姓名,部门,效益奖金,上月结转,投诉罚扣,行政罚扣,应扣合计,罚扣上限,本月扣款,结转下月
CHEAD=month,case,person,name,loss,rule,amount
ZCHEAD=月份,案件编号,工号,姓名,损失金额,罚扣依据,罚扣金额


test_expect_success 'setup: staff with Chinese headers, a month of cases' '
	cat >staff.csv <<-\EOF &&
	工号,姓名,班组,部门,基点,效益奖金
	P01,王芳,装配一组,制造科,1.0,3000
	P02,李强,装配一组,制造科,1.2,3000
	P03,张敏,装配一组,制造科,0.8,3000
	P04,陈杰,,业务部,1.0,2000
	P05,刘洋,,业务部,1.0,2000
	EOF
	cat >cases.csv <<-\EOF &&
	case,closed,loss,party,share,a_price,resale_price,resale_qty,resold
	2601001,2026-01-12,3000.00,P04,60,,,,
	2601001,2026-01-12,3000.00,装配一组,40,,,,
	2601002,2026-01-15,100.00,业务部,100,,,,
	2512009,2025-12-20,500.00,P05,100,50.00,40.00,10,
	2601003,2026-01-20,2400.00,P04,100,50.00,35.00,120,2026-02-10
	EOF
	printf "%s\n" person,kind,count P02,warning,1 >sanctions.csv &&
	echo "cm-penalty: P04 陈杰 carries 850.00 into 2026-02" >carry-01.err
'

test_expect_success 'CSV without --lang: the canonical English headers' '
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv cases.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-01,P01,王芳,制造科,3000.00,0.00,400.00,0.00,400.00,1500.00,400.00,0.00
	2026-01,P02,李强,制造科,3000.00,0.00,480.00,400.00,880.00,1500.00,880.00,0.00
	2026-01,P03,张敏,制造科,3000.00,0.00,320.00,0.00,320.00,1500.00,320.00,0.00
	2026-01,P04,陈杰,业务部,2000.00,0.00,1850.00,0.00,1850.00,1000.00,1000.00,850.00
	2026-01,P05,刘洋,业务部,2000.00,0.00,550.00,0.00,550.00,1000.00,550.00,0.00
	EOF
	test_cmp expect actual &&
	test_cmp carry-01.err err &&
	cp actual list-en.csv
'

test_expect_success '--lang zh: the list headed in Chinese, the same figures' '
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --lang zh cases.csv >actual 2>err &&
	{ echo "$ZHEAD" && sed 1d list-en.csv; } >expect &&
	test_cmp expect actual &&
	test_cmp carry-01.err err
'

test_expect_success '--lang en: English, also for a table' '
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --lang en --format table cases.csv \
		>actual 2>err &&
	head -n 1 actual >head &&
	echo "month    person  name  dept    bonus    carried_in  assigned  sanctions  due      cap      deducted  carried_out" >expect &&
	test_cmp expect head &&
	test_cmp carry-01.err err
'

test_expect_success '--format table --lang zh aligns (a CJK character is two columns)' '
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --format table --lang zh cases.csv \
		>actual 2>err &&
	cat >expect <<-\EOF &&
	月份     工号  姓名  部门    效益奖金  上月结转  投诉罚扣  行政罚扣  应扣合计  罚扣上限  本月扣款  结转下月
	2026-01  P01   王芳  制造科   3000.00      0.00    400.00      0.00    400.00   1500.00    400.00      0.00
	2026-01  P02   李强  制造科   3000.00      0.00    480.00    400.00    880.00   1500.00    880.00      0.00
	2026-01  P03   张敏  制造科   3000.00      0.00    320.00      0.00    320.00   1500.00    320.00      0.00
	2026-01  P04   陈杰  业务部   2000.00      0.00   1850.00      0.00   1850.00   1000.00   1000.00    850.00
	2026-01  P05   刘洋  业务部   2000.00      0.00    550.00      0.00    550.00   1000.00    550.00      0.00
	EOF
	test_cmp expect actual &&
	test_cmp carry-01.err err
'

test_expect_success '--cases --lang zh: the rule in Chinese phrases, the same amounts' '
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--cases --lang zh cases.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$ZCHEAD
	2026-01,2601001,P04,陈杰,3000.00,按实际损失；分摊60%,1800.00
	2026-01,2601001,P01,王芳,3000.00,按实际损失；分摊40%；班组装配一组，基点1.0/3.0,400.00
	2026-01,2601001,P02,李强,3000.00,按实际损失；分摊40%；班组装配一组，基点1.2/3.0,480.00
	2026-01,2601001,P03,张敏,3000.00,按实际损失；分摊40%；班组装配一组，基点0.8/3.0,320.00
	2026-01,2601002,P04,陈杰,100.00,按实际损失；部门业务部，基点1.0/2.0,50.00
	2026-01,2601002,P05,刘洋,100.00,按实际损失；部门业务部，基点1.0/2.0,50.00
	2026-01,2512009,P05,刘洋,500.00,30天内未转售；个人承担,500.00
	EOF
	test_cmp expect actual &&
	test_cmp carry-01.err err &&
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--cases cases.csv >en 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-01,2601001,P04,陈杰,3000.00,actual loss; shared 60%,1800.00
	2026-01,2601001,P01,王芳,3000.00,actual loss; shared 40%; unit 装配一组 1.0 of 3.0 points,400.00
	2026-01,2601001,P02,李强,3000.00,actual loss; shared 40%; unit 装配一组 1.2 of 3.0 points,480.00
	2026-01,2601001,P03,张敏,3000.00,actual loss; shared 40%; unit 装配一组 0.8 of 3.0 points,320.00
	2026-01,2601002,P04,陈杰,100.00,actual loss; dept 业务部 1.0 of 2.0 points,50.00
	2026-01,2601002,P05,刘洋,100.00,actual loss; dept 业务部 1.0 of 2.0 points,50.00
	2026-01,2512009,P05,刘洋,500.00,not resold within 30 days; person,500.00
	EOF
	test_cmp expect en
'

test_expect_success '--cases --lang zh: a case resold within the window' '
	test_expect_code 1 cm-penalty --month 2026-02 --staff staff.csv \
		--cases --lang zh cases.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$ZCHEAD
	2026-02,2601003,P04,陈杰,1800.00,30天内已转售；个人承担,1800.00
	EOF
	test_cmp expect actual &&
	echo "cm-penalty: P04 陈杰 carries 800.00 into 2026-03" >expect &&
	test_cmp expect err
'

# A case charged in October and rejected in November, and one whose loss
# is corrected in November: the register's history, written under
# faketime (test_at), as t6004 does.
test_expect_success '--register --cases --lang zh: a rejection and a correction' '
	for d in 02 03
	do
		test_at "2026-10-$d 08:00:00" cm-complaint -f reg.csv new \
			customer=A description=x received=2026-10-$d >/dev/null ||
		return 1
	done &&
	for id in 261001 261002
	do
		test_at "2026-10-20 09:00:00" cm-complaint -f reg.csv close $id \
			responsibility=ours cause=late_delivery root_cause=rc \
			action=fix dept=业务部 loss=100 --as-of 2026-10-20 ||
		return 1
	done &&
	test_at "2026-11-03 09:00:00" cm-complaint -f reg.csv reopen 261001 \
		--reason again --as-of 2026-11-03 &&
	test_at "2026-11-04 09:00:00" cm-complaint -f reg.csv reject 261001 \
		--reason "not ours" --as-of 2026-11-04 &&
	test_at "2026-11-10 09:00:00" cm-complaint -f reg.csv set 261002 \
		loss=80 &&
	printf "%s\n" case,party,share 261001,P05, 261002,P05, >judged.csv &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv \
		--register reg.csv --cases --lang zh judged.csv >actual 2>err &&
	echo "cm-penalty: P05 刘洋 is paid back 120.00 in 2026-11 (refunds)" \
		>expect.err &&
	test_cmp expect.err err &&
	cat >expect <<-EOF &&
	$ZCHEAD
	2026-11,261001,P05,刘洋,0.00,投诉不成立；此前已扣100.00；按实际损失；个人承担,-100.00
	2026-11,261002,P05,刘洋,80.00,此前已扣100.00；按实际损失；个人承担,-20.00
	EOF
	test_cmp expect actual &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv \
		--register reg.csv --cases judged.csv >actual 2>err &&
	test_cmp expect.err err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261001,P05,刘洋,0.00,rejected; charged 100.00 before; actual loss; person,-100.00
	2026-11,261002,P05,刘洋,80.00,charged 100.00 before; actual loss; person,-20.00
	EOF
	test_cmp expect actual
'

test_expect_success '--lang zh: the staff file'"'"'s own Chinese headers are kept' '
	sed "1s/.*/员工编号,姓名,班组,责任部门,基点,效益奖金/" staff.csv >staff2.csv &&
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff2.csv \
		--sanctions sanctions.csv --lang zh cases.csv >actual 2>err &&
	{
		echo 月份,员工编号,姓名,责任部门,效益奖金,上月结转,投诉罚扣,行政罚扣,应扣合计,罚扣上限,本月扣款,结转下月 &&
		sed 1d list-en.csv
	} >expect &&
	test_cmp expect actual &&
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff2.csv \
		--cases --lang zh cases.csv >actual 2>err &&
	echo 月份,案件编号,员工编号,姓名,损失金额,罚扣依据,罚扣金额 >expect &&
	head -n 1 actual >head &&
	test_cmp expect head &&
	printf "%s\n" person,name,unit,dept,base_points,bonus >staff3.csv &&
	sed 1d staff.csv >>staff3.csv &&
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff3.csv \
		--sanctions sanctions.csv --lang zh cases.csv >actual 2>err &&
	{ echo "$ZHEAD" && sed 1d list-en.csv; } >expect &&
	test_cmp expect actual
'

test_expect_success 'every Chinese header reads back as its English one (columns.map)' '
	echo "$ZHEAD" | header_canon >actual &&
	echo "$HEAD" >expect &&
	test_cmp expect actual &&
	echo "$ZCHEAD" | header_canon >actual &&
	echo "$CHEAD" >expect &&
	test_cmp expect actual
'

test_expect_success 'a list written with --excel --lang zh is next month'"'"'s --carry' '
	test_expect_code 1 cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --excel --lang zh -o list-zh.csv \
		cases.csv 2>err &&
	test_cmp carry-01.err err &&
	printf "\357\273\277%s\r\n" "$ZHEAD" >expect &&
	head -n 1 list-zh.csv >actual &&
	test_cmp expect actual &&
	test_expect_code 1 cm-penalty --month 2026-02 --staff staff.csv \
		--carry list-en.csv cases.csv >from-en 2>err-en &&
	test_expect_code 1 cm-penalty --month 2026-02 --staff staff.csv \
		--carry list-zh.csv cases.csv >from-zh 2>err-zh &&
	cat >expect <<-EOF &&
	$HEAD
	2026-02,P04,陈杰,业务部,2000.00,850.00,1800.00,0.00,2650.00,1000.00,1000.00,1650.00
	EOF
	test_cmp expect from-en &&
	test_cmp from-en from-zh &&
	echo "cm-penalty: P04 陈杰 carries 1650.00 into 2026-03" >expect &&
	test_cmp expect err-en &&
	test_cmp err-en err-zh
'

test_expect_success 'a Chinese list chained: --lang zh in, --lang zh out, the same figures' '
	test_expect_code 1 cm-penalty --month 2026-02 --staff staff.csv \
		--carry list-zh.csv --lang zh --excel -o feb-zh.csv cases.csv \
		2>/dev/null &&
	test_expect_code 1 cm-penalty --month 2026-03 --staff staff.csv \
		--carry feb-zh.csv cases.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$HEAD
	2026-03,P04,陈杰,业务部,2000.00,1650.00,0.00,0.00,1650.00,1000.00,1000.00,650.00
	EOF
	test_cmp expect actual
'

# The locale chooses the language of a table and --excel, not of CSV.
# zh (test-lib.sh) chooses the locale through LANG alone, as cron does.
ZH_BY=LANG

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'under zh_CN: a table and --excel Chinese without --lang, CSV English' '
	test_expect_code 1 zh cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --format table cases.csv \
		>actual 2>err &&
	head -n 1 actual >head &&
	echo "月份     工号  姓名  部门    效益奖金  上月结转  投诉罚扣  行政罚扣  应扣合计  罚扣上限  本月扣款  结转下月" >expect &&
	test_cmp expect head &&
	test_expect_code 1 zh cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv cases.csv >actual 2>err &&
	test_cmp list-en.csv actual &&
	test_expect_code 1 zh cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --excel cases.csv >actual 2>err &&
	printf "\357\273\277%s\r\n" "$ZHEAD" >expect &&
	head -n 1 actual >head &&
	test_cmp expect head &&
	test_expect_code 1 zh cm-penalty --month 2026-01 --staff staff.csv \
		--sanctions sanctions.csv --format table --lang en cases.csv \
		>actual 2>err &&
	head -n 1 actual >head &&
	echo "month    person  name  dept    bonus    carried_in  assigned  sanctions  due      cap      deducted  carried_out" >expect &&
	test_cmp expect head
'

test_done
