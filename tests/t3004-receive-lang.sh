#!/bin/sh
test_description='cm-receive --lang zh: reports in the office'"'"'s words, the journal in cm'"'"'s

Every report (--balance, --discrepancies, --notify, --on-loan) under
--lang zh is headed in Chinese, every header reading back through
columns.map; the action (拒收, 丢失, 损坏) is words.map'"'"'s Chinese, the
unit units.conf'"'"'s (个, 公斤), and --notify'"'"'s message a Chinese sentence.
The journal and its snapshot are data cm keeps, not output: they stay
canonical English whatever the locale, and --lang does not apply to an
append or --check (exit 2).  A Chinese --excel balance is read back as
an append'"'"'s --customers list.  Under a zh_CN locale a table is Chinese
without --lang, CSV English.'
. "$(dirname "$0")/test-lib.sh"

Q="'"


# zh (test-lib.sh) chooses the locale through LANG alone, as cron does.
ZH_BY=LANG

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'setup: movements typed in Chinese, appended under zh_CN' '
	cat >in.csv <<-\EOF &&
	日期,客户,料号,品名,单位,类别,动作,数量,申报数量,单号,经办人,备注
	2026-11-02,华南电子,P-100,轴承,个,材料,收货,98,100,RK-1,李明,
	2026-11-02,华南电子,C-7,钢板,公斤,材料,收货,12.5,12.5,RK-1,李明,
	2026-11-03,厦门立信,T-1,卡尺,套,设备,收货,2,2,RK-2,李明,
	2026-11-03,厦门立信,X-9,,个,代管,收货,5,5,RK-2,李明,
	2026-11-04,华南电子,P-100,,,,合格,90,,,王伟,
	2026-11-04,华南电子,P-100,,,,拒收,8,,IQC-7,王伟,毛刺
	2026-11-04,厦门立信,T-1,,,,合格,2,,,王伟,
	2026-11-05,厦门立信,T-1,,,,借出,1,,品管部,王伟,
	2026-11-06,华南电子,C-7,,,,合格,12.5,,,王伟,
	2026-11-07,华南电子,C-7,,,,损坏,0.5,,,赵刚,搬运压弯
	2026-11-08,厦门立信,X-9,,,,丢失,1,,,赵刚,库位找不到
	EOF
	zh cm-receive in.csv >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp /dev/null err
'

test_expect_success 'the journal and its snapshot keep canonical English' '
	cat >expect <<-\EOF &&
	date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
	2026-11-02,华南电子,P-100,轴承,,pcs,material,receive,98,100,,RK-1,李明,
	2026-11-02,华南电子,C-7,钢板,,kg,material,receive,12.500,12.500,,RK-1,李明,
	2026-11-03,厦门立信,T-1,卡尺,,set,equipment,receive,2,2,,RK-2,李明,
	2026-11-03,厦门立信,X-9,,,pcs,entrusted,receive,5,5,,RK-2,李明,
	2026-11-04,华南电子,P-100,,,pcs,material,accept,90,,,,王伟,
	2026-11-04,华南电子,P-100,,,pcs,material,reject,8,,,IQC-7,王伟,毛刺
	2026-11-04,厦门立信,T-1,,,set,equipment,accept,2,,,,王伟,
	2026-11-05,厦门立信,T-1,,,set,equipment,lend,1,,,品管部,王伟,
	2026-11-06,华南电子,C-7,,,kg,material,accept,12.500,,,,王伟,
	2026-11-07,华南电子,C-7,,,kg,material,damage,0.500,,,,赵刚,搬运压弯
	2026-11-08,厦门立信,X-9,,,pcs,entrusted,lose,1,,,,赵刚,库位找不到
	EOF
	test_cmp expect property.csv &&
	cat >expect <<-\EOF &&
	# cm-receive snapshot bytes=896 lines=12
	customer,part_no,name,unit,kind,last,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost
	华南电子,P-100,轴承,pcs,material,2026-11-04,98000,0,90000,8000,0,0,0,0,0
	华南电子,C-7,钢板,kg,material,2026-11-07,12500,0,12000,0,0,0,0,0,500
	厦门立信,T-1,卡尺,set,equipment,2026-11-05,2000,0,1000,0,0,1000,0,0,0
	厦门立信,X-9,,pcs,entrusted,2026-11-08,5000,0,4000,0,0,0,0,0,1000
	EOF
	test_cmp expect property.csv.bal &&
	cp property.csv journal.kept &&
	cp property.csv.bal snapshot.kept
'

test_expect_success '--lang does not apply to an append or to --check (exit 2, nothing written)' '
	printf "%s\n" date,customer,part_no,action,qty 2026-11-09,华南电子,P-100,发料,10 >issue.csv &&
	test_expect_code 2 cm-receive --lang zh issue.csv >out 2>err &&
	cat >expect <<-EOF &&
	cm-receive: option ${Q}--lang${Q} does not apply to an append
	Try ${Q}cm-receive --help${Q} for more information.
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out &&
	test_expect_code 2 cm-receive --check --lang en 2>err &&
	cat >expect <<-EOF &&
	cm-receive: option ${Q}--lang${Q} does not apply to --check
	Try ${Q}cm-receive --help${Q} for more information.
	EOF
	test_cmp expect err &&
	test_cmp journal.kept property.csv &&
	test_cmp snapshot.kept property.csv.bal &&
	cm-receive --check
'

test_expect_success '--balance: CSV without --lang stays English' '
	cat >expect <<-\EOF &&
	customer,part_no,name,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost
	华南电子,P-100,轴承,98,0,90,8,0,0,0,0,0
	华南电子,C-7,钢板,12.500,0.000,12.000,0.000,0.000,0.000,0.000,0.000,0.500
	厦门立信,T-1,卡尺,2,0,1,0,0,1,0,0,0
	厦门立信,X-9,,5,0,4,0,0,0,0,0,1
	EOF
	cm-receive --balance >actual &&
	test_cmp expect actual &&
	cp actual balance-en.csv
'

test_expect_success '--balance --lang zh: Chinese headers, the same figures' '
	{
		echo 客户名称,料号,品名,收货数量,待检数量,库存数量,隔离数量,发料数量,借出数量,退回数量,报废数量,丢失数量 &&
		sed 1d balance-en.csv
	} >expect &&
	cm-receive --balance --lang zh >actual &&
	test_cmp expect actual
'

test_expect_success '--balance --format table --lang zh aligns (a CJK character is two columns)' '
	cat >expect <<-\EOF &&
	客户名称  料号   品名  收货数量  待检数量  库存数量  隔离数量  发料数量  借出数量  退回数量  报废数量  丢失数量
	华南电子  P-100  轴承        98         0        90         8         0         0         0         0         0
	华南电子  C-7    钢板    12.500     0.000    12.000     0.000     0.000     0.000     0.000     0.000     0.500
	厦门立信  T-1    卡尺         2         0         1         0         0         1         0         0         0
	厦门立信  X-9                 5         0         4         0         0         0         0         0         1
	EOF
	cm-receive --balance --format table --lang zh >actual &&
	test_cmp expect actual
'

test_expect_success '--discrepancies --lang zh: the unit in Chinese' '
	cat >expect <<-\EOF &&
	日期,客户名称,料号,品名,单位,申报数量,数量,差异数量,行号
	2026-11-02,华南电子,P-100,轴承,个,100,98,-2,2
	EOF
	test_expect_code 1 cm-receive --discrepancies --lang zh >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	date,customer,part_no,name,unit,declared_qty,qty,difference,line
	2026-11-02,华南电子,P-100,轴承,pcs,100,98,-2,2
	EOF
	test_expect_code 1 cm-receive --discrepancies >actual &&
	test_cmp expect actual
'

test_expect_success '--notify --lang zh: the action, the unit and the message in Chinese' '
	cat >expect <<-\EOF &&
	日期,客户名称,料号,品名,动作,数量,单位,单号,经办人,备注,通知内容
	2026-11-04,华南电子,P-100,轴承,拒收,8,个,IQC-7,王伟,毛刺,贵司料号P-100（轴承）共8个于2026-11-04进料检验不合格，已拒收：毛刺
	2026-11-07,华南电子,C-7,钢板,损坏,0.500,公斤,,赵刚,搬运压弯,贵司料号C-7（钢板）共0.500公斤于2026-11-07损坏：搬运压弯
	2026-11-08,厦门立信,X-9,,丢失,1,个,,赵刚,库位找不到,贵司料号X-9共1个于2026-11-08丢失：库位找不到
	EOF
	test_expect_code 1 cm-receive --notify --lang zh >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	date,customer,part_no,name,action,qty,unit,ref,by,note,message
	2026-11-04,华南电子,P-100,轴承,reject,8,pcs,IQC-7,王伟,毛刺,8 pcs of your part P-100 (轴承) were rejected at incoming inspection on 2026-11-04: 毛刺
	2026-11-07,华南电子,C-7,钢板,damage,0.500,kg,,赵刚,搬运压弯,0.500 kg of your part C-7 (钢板) were damaged on 2026-11-07: 搬运压弯
	2026-11-08,厦门立信,X-9,,lose,1,pcs,,赵刚,库位找不到,1 pcs of your part X-9 was lost on 2026-11-08: 库位找不到
	EOF
	test_expect_code 1 cm-receive --notify >actual &&
	test_cmp expect actual
'

test_expect_success '--notify --format table --lang zh aligns' '
	cat >expect <<-\EOF &&
	日期        客户名称  料号   品名  动作  数量   单位  单号   经办人  备注        通知内容
	2026-11-04  华南电子  P-100  轴承  拒收      8  个    IQC-7  王伟    毛刺        贵司料号P-100（轴承）共8个于2026-11-04进料检验不合格，已拒收：毛刺
	2026-11-07  华南电子  C-7    钢板  损坏  0.500  公斤         赵刚    搬运压弯    贵司料号C-7（钢板）共0.500公斤于2026-11-07损坏：搬运压弯
	2026-11-08  厦门立信  X-9          丢失      1  个           赵刚    库位找不到  贵司料号X-9共1个于2026-11-08丢失：库位找不到
	EOF
	test_expect_code 1 cm-receive --notify --format table --lang zh >actual &&
	test_cmp expect actual
'

test_expect_success '--on-loan --lang zh' '
	cat >expect <<-\EOF &&
	客户名称,料号,品名,借用部门,数量,借出日期,借出天数
	厦门立信,T-1,卡尺,品管部,1,2026-11-05,18
	EOF
	cm-receive --on-loan --lang zh >actual &&
	test_cmp expect actual
'

test_expect_success 'every Chinese header reads back as its English one (columns.map)' '
	for r in balance discrepancies notify on-loan
	do
		{ cm-receive --$r --lang zh || test $? = 1; } >zh.out &&
		{ cm-receive --$r || test $? = 1; } >en.out &&
		head -n 1 zh.out | header_canon >actual &&
		head -n 1 en.out >expect &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'an --excel --lang zh balance is read back as --customers' '
	cm-receive --balance --excel --lang zh -o balance-zh.csv &&
	printf "\357\273\277%s\r\n" 客户名称,料号,品名,收货数量,待检数量,库存数量,隔离数量,发料数量,借出数量,退回数量,报废数量,丢失数量 >expect &&
	head -n 1 balance-zh.csv >actual &&
	test_cmp expect actual &&
	cat >more.csv <<-\EOF &&
	date,customer,part_no,name,unit,kind,action,qty,declared_qty
	2026-11-10,厦门立信,K-1,钥匙,个,代管,收货,2,2
	2026-11-10,厦门立新,K-2,钥匙,个,代管,收货,1,1
	EOF
	test_expect_code 3 cm-receive -n --customers balance-en.csv more.csv \
		2>err-en &&
	test_expect_code 3 cm-receive -n --customers balance-zh.csv more.csv \
		2>err-zh &&
	cat >expect <<-EOF &&
	cm-receive: more.csv:3: unknown customer ${Q}厦门立新${Q}; did you mean ${Q}厦门立信${Q}?
	EOF
	test_cmp expect err-en &&
	test_cmp err-en err-zh &&
	sed 3d more.csv >one.csv &&
	cm-receive -n -v --customers balance-zh.csv one.csv 2>err &&
	echo "cm-receive: 1 movements checked; nothing written (--dry-run)" >expect &&
	test_cmp expect err
'

test_expect_success 'under zh_CN: a table and --excel Chinese without --lang, CSV English' '
	zh cm-receive --balance --format table >actual &&
	cm-receive --balance --format table --lang zh >expect &&
	test_cmp expect actual &&
	zh cm-receive --balance >actual &&
	test_cmp balance-en.csv actual &&
	zh cm-receive --balance --excel >actual &&
	test_cmp balance-zh.csv actual &&
	zh cm-receive --balance --format table --lang en >actual &&
	cm-receive --balance --format table >expect &&
	test_cmp expect actual &&
	test_cmp journal.kept property.csv
'

test_done
