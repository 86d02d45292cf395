#!/bin/sh
#
# cm-complaint --lang zh|en (issue 14, "output in the office's words"):
# list (the 投诉处理登记表), list --history, overdue (催办单) and
# --late (洽办单), stats (客户投诉案件统计表) and redue write Chinese
# headers and the register's words in Chinese: status, market, channel,
# category and responsibility as words.map's first alias, a cause as
# causes.category's first Chinese name, yes/no as 是/否.  The register
# and its log are data, not output: they stay canonical whatever --lang
# and the locale say.  Every Chinese header reads back through
# columns.map, and a Chinese list read back by cm-sample --must plans
# the same visits as the English one.

test_description='cm-complaint --lang: the office words, the register canonical'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
MAP=$ROOT/share/cm/columns.map
EX=$ROOT/share/cm/examples
CN=$ROOT/share/cm/calendar/cn.csv

# The log without its time column.
nolog() { cut -d, -f2- "$1"; }

# readback NAME ARGS...: cm-complaint ARGS under --lang zh has a header
# with no ASCII name that maps back through columns.map to its header
# under --lang en.
readback() {
	name=$1
	shift
	test_expect_success "$name: every Chinese header reads back as the English" "
		test_status \$rc cm-complaint $* --lang en >en.csv &&
		test_status \$rc cm-complaint $* --lang zh >zh.csv &&
		csv_header <en.csv >en.h &&
		csv_header <zh.csv >zh.raw &&
		! LC_ALL=C grep -v '[^ -~]' zh.raw &&
		colmap_canon <zh.raw >zh.h &&
		test_cmp en.h zh.h
	"
}

# 261101 open (due 2026-12-06), 261001 foreign, late delivery, closed
# 2026-10-30 after its due 10-19, 261002 in action since its due 10-18.
test_expect_success 'setup: three complaints, one closed late, one overdue' '
	cm-complaint new customer=ACME "description=late delivery" \
		channel=phone product=X >/dev/null &&
	cm-complaint new customer=京东方 market=foreign description=label \
		received=2026-10-02 >/dev/null &&
	cm-complaint new customer=Beta description=scratches \
		received=2026-10-05 channel=email >/dev/null &&
	cm-complaint set 261001 status=investigating cause=late_delivery \
		dept=物流 &&
	cm-complaint close 261001 responsibility=ours root_cause=rc \
		action=fixed loss=120.5 --as-of 2026-10-30 &&
	cm-complaint set 261002 cause=appearance dept=品质 status=action &&
	cp complaints.csv register.csv &&
	cp complaints.log register.log
'

test_expect_success 'list --lang zh: the 投诉处理登记表, its words in Chinese' '
	cm-complaint list --lang zh >out 2>err &&
	cat >expect <<-\EOF &&
	编号,受理日期,客户,市场,投诉方式,产品,订单号,料号,数量,不良数量,投诉内容,异常类别,原因,责任部门,职责归属,根本原因,处理对策,状态,处理期限,结案日期,损失金额,处理方式,处理结果,问卷编号,重开次数
	261101,2026-11-23,ACME,国内,电话,X,,,,,late delivery,,,,,,,待处理,2026-12-06,,,,,,
	261001,2026-10-02,京东方,国外,,,,,,,label,非质量,交货延迟,物流,我方,rc,fixed,已结案,2026-10-19,2026-10-30,120.50,,,,
	261002,2026-10-05,Beta,国内,邮件,,,,,,scratches,质量,外观不良,品质,,,,改善中,2026-10-18,,,,,,
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'list --lang en and plain list: the register as it is' '
	cm-complaint list --lang en >en &&
	cm-complaint list >plain &&
	test_cmp register.csv en &&
	test_cmp register.csv plain
'

test_expect_success 'list --history --lang zh: fields as headers, values as words' '
	cm-complaint list --history 261001 --lang zh >out &&
	cat >expect <<-\EOF &&
	操作人,编号,字段,原值,新值
	tester,261001,编号,,261001
	tester,261001,受理日期,,2026-10-02
	tester,261001,市场,,国外
	tester,261001,状态,,待处理
	tester,261001,处理期限,,2026-10-19
	tester,261001,客户,,京东方
	tester,261001,投诉内容,,label
	tester,261001,状态,待处理,调查中
	tester,261001,原因,,交货延迟
	tester,261001,责任部门,,物流
	tester,261001,异常类别,,非质量
	tester,261001,职责归属,,我方
	tester,261001,根本原因,,rc
	tester,261001,处理对策,,fixed
	tester,261001,损失金额,,120.50
	tester,261001,状态,调查中,已结案
	tester,261001,结案日期,,2026-10-30
	EOF
	nolog out >actual &&
	test_cmp expect actual &&
	head -n 1 out >h &&
	echo 时间,操作人,编号,字段,原值,新值 >expect &&
	test_cmp expect h
'

# 261002 due 2026-10-18: 36 calendar days over on 11-23; 261001 closed
# 10-30, 11 days after 10-19.  CJK characters are two columns wide.
test_expect_success 'overdue --format table --lang zh: the 催办单 aligns' '
	test_status 1 cm-complaint overdue --format table --lang zh >out &&
	cat >expect <<-\EOF &&
	编号    受理日期    客户  市场  状态    责任部门  处理期限    逾期天数  投诉内容
	261002  2026-10-05  Beta  国内  改善中  品质      2026-10-18        36  scratches
	EOF
	test_cmp expect out
'

test_expect_success 'overdue --late --format table --lang zh: the 洽办单 aligns' '
	test_status 1 cm-complaint overdue --late --format table --lang zh >out &&
	cat >expect <<-\EOF &&
	编号    受理日期    客户    市场  状态    责任部门  处理期限    结案日期    延迟天数  投诉内容
	261001  2026-10-02  京东方  国外  已结案  物流      2026-10-19  2026-10-30        11  label
	EOF
	test_cmp expect out
'

test_expect_success 'stats --format table --lang zh: causes and words in Chinese, aligned' '
	cm-complaint stats --by cause,responsibility,category --format table \
		--lang zh >out &&
	cat >expect <<-\EOF &&
	原因      职责归属  异常类别  件数  未结件数  结案件数  按时结案件数  按时结案率  重开件数  平均处理天数  处理天数中位数  损失金额  累计百分比
	                                 1         1         0             0                     0                                    0.00       33.33
	外观不良            质量         1         1         0             0                     0                                    0.00       66.67
	交货延迟  我方      非质量       1         0         1             0        0.00         0         28.00           28.00    120.50      100.00
	EOF
	test_cmp expect out
'

test_expect_success 'stats --lang zh by month, dept and customer: the data as it is' '
	cm-complaint stats --by month,dept,customer --lang zh >out &&
	cat >expect <<-\EOF &&
	月份,责任部门,客户,件数,未结件数,结案件数,按时结案件数,按时结案率,重开件数,平均处理天数,处理天数中位数,损失金额,累计百分比
	2026-10,品质,Beta,1,1,0,0,,0,,,0.00,33.33
	2026-10,物流,京东方,1,0,1,0,0.00,0,28.00,28.00,120.50,66.67
	2026-11,,ACME,1,1,0,0,,0,,,0.00,100.00
	EOF
	test_cmp expect out
'

test_expect_success 'stats --lang zh groups as English does: the same figures' '
	cm-complaint stats --by cause --sort loss >en &&
	cm-complaint stats --by cause --sort loss --lang zh >zh &&
	tail -n +2 en | cut -d, -f2- >en.f &&
	tail -n +2 zh | cut -d, -f2- >zh.f &&
	test_cmp en.f zh.f &&
	cut -d, -f1 zh >zh.k &&
	printf "原因\n交货延迟\n\n外观不良\n" >expect &&
	test_cmp expect zh.k
'

test_expect_success 'a cause the cause list gives no Chinese name is written as it is' '
	cp -R "$ROOT/share/cm" share2 &&
	sed "s/^appearance\tquality\t.*/appearance\tquality/" \
		"$ROOT/share/cm/causes.category" >share2/causes.category &&
	CM_SHARE=$PWD/share2 cm-complaint stats --by cause --lang zh >out &&
	cut -d, -f1 out >actual &&
	printf "原因\n\nappearance\n交货延迟\n" >expect &&
	test_cmp expect actual
'

rc=0
readback 'list' list
readback 'list --explain' list --explain
readback 'list --history' list --history 261001
readback 'stats --by every key' stats --by month,cause,dept,customer,responsibility,category
rc=1
readback 'overdue' overdue
readback 'overdue --late' overdue --late

test_expect_success 'the register and its log did not change' '
	cmp register.csv complaints.csv &&
	cmp register.log complaints.log
'

test_expect_success '--lang on a verb that writes only the register is a usage error' '
	test_status 2 cm-complaint new --lang zh customer=X description=y \
		>out 2>err &&
	cat >expect <<-\EOF &&
	cm-complaint: option '\''--lang'\'' does not apply to new
	Try '\''cm-complaint --help'\'' for more information.
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out &&
	cmp register.csv complaints.csv &&
	cmp register.log complaints.log
'

# redue writes the register and prints: 261201 received 2026-12-20 is
# due 2027-01-06 counted Monday to Friday, 2027-01-08 once 2027 has
# 01-01 and 01-04 as holidays (t2002).
test_expect_success 'setup: a provisional due date, two copies of its register' '
	mkdir ren rzh &&
	CM_TODAY=2026-12-20 test_status 1 cm-complaint -f ren/c.csv --calendar cn \
		new customer=ACME market=国内 channel=电话 description=late \
		>/dev/null 2>&1 &&
	cp ren/c.csv ren/c.log rzh/ &&
	cat "$CN" >cn2027.csv &&
	printf "2027-01-01,holiday,t,t\n2027-01-04,holiday,t,t\n" >>cn2027.csv
'

test_expect_success 'redue --excel --lang zh: 是 in the list, the register canonical' '
	cm-complaint -f ren/c.csv --calendar ./cn2027.csv redue >out.en &&
	cm-complaint -f rzh/c.csv --calendar ./cn2027.csv redue --excel \
		--lang zh >out.zh &&
	printf "id,due_was,due,final\n261201,2027-01-06,2027-01-08,yes\n" >expect &&
	test_cmp expect out.en &&
	printf "\357\273\277编号,原处理期限,处理期限,期限已确定\r\n261201,2027-01-06,2027-01-08,是\r\n" >expect &&
	test_cmp expect out.zh &&
	cmp ren/c.csv rzh/c.csv &&
	grep "^261201,.*,domestic,phone,.*,open,2027-01-08," rzh/c.csv &&
	nolog ren/c.log >en.log &&
	nolog rzh/c.log >zh.log &&
	test_cmp en.log zh.log &&
	tail -n 2 zh.log >actual &&
	printf "tester,261201,due,2027-01-06,2027-01-08\ntester,261201,due_provisional,2026-12-20,\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'zh locale: a table is Chinese without --lang, CSV English' '
	test_status 1 zh cm-complaint overdue --format table >zt &&
	test_status 1 cm-complaint overdue --format table --lang zh >t &&
	test_cmp t zt &&
	test_status 1 zh cm-complaint overdue >zc &&
	test_status 1 cm-complaint overdue >c &&
	test_cmp c zc &&
	head -n 1 zc >h &&
	echo id,received,customer,market,status,dept,due,days_overdue,description >expect &&
	test_cmp expect h
'

test_expect_success 'zh locale: words typed in Chinese are stored canonical' '
	zh cm-complaint -f zl.csv new customer=Foo market=国外 channel=书面 \
		description=d >/dev/null &&
	zh cm-complaint -f zl.csv set 261101 status=调查中 cause=尺寸不良 \
		responsibility=供应商 &&
	cm-complaint -f cl.csv new customer=Foo market=foreign \
		channel=written description=d >/dev/null &&
	cm-complaint -f cl.csv set 261101 status=investigating \
		cause=dimension responsibility=supplier &&
	cmp cl.csv zl.csv &&
	nolog cl.log >cl &&
	nolog zl.log >zl &&
	test_cmp cl zl &&
	grep "^261101,.*,foreign,written,.*,quality,dimension,,supplier,.*,investigating," zl.csv
'

# cm-sample --visits --must takes a list of complaints (cm-sample(1)):
# the customers of the open and in-action cases come first.
test_expect_success 'setup: households, ACME, 京东方 and Beta among them' '
	{
		echo customer,estate &&
		for i in $(seq 1 30); do echo "H$i,East"; done &&
		echo ACME,West && echo 京东方,West && echo Beta,East
	} >h.csv
'

test_expect_success 'list --excel --lang zh read back by cm-sample --must: the same plan' '
	cm-complaint list --status open,action >must-en.csv &&
	cm-complaint list --status 待处理,改善中 --excel --lang zh >must-zh.csv &&
	has_chinese must-zh.csv &&
	cm-sample --visits --month 2026-12 --must must-en.csv h.csv >plan-en &&
	cm-sample --visits --month 2026-12 --must must-zh.csv h.csv >plan-zh &&
	cat >expect <<-\EOF &&
	customer,estate,reason,method
	ACME,West,must,phone
	Beta,East,must,phone
	H28,East,random,visit
	H30,East,random,visit
	EOF
	test_cmp expect plan-en &&
	test_cmp plan-en plan-zh &&
	cm-complaint list --status open,action --lang zh |
	cm-sample --visits --month 2026-12 --must - h.csv >plan-pipe &&
	test_cmp plan-en plan-pipe
'

# new --from-survey reads cm-survey-calc --dissatisfied: the same cases
# (the description may name the items in the user's words).
test_expect_success 'new --from-survey reads cm-survey-calc --excel --lang zh as English' '
	I=产品品质,交货期,配合度,问题改善效果,服务 &&
	cm-survey-calc --dissatisfied -i $I "$EX/survey.csv" |
	cm-complaint -f s-en.csv new --from-survey >ids-en &&
	cm-survey-calc --dissatisfied --excel --lang zh -i $I "$EX/survey.csv" |
	cm-complaint -f s-zh.csv new --from-survey >ids-zh &&
	test_cmp ids-en ids-zh &&
	test $(wc -l <ids-en) -gt 1 &&
	cut -d, -f1-5,18,19,24 s-en.csv >en &&
	cut -d, -f1-5,18,19,24 s-zh.csv >zh &&
	test_cmp en zh
'

test_done
