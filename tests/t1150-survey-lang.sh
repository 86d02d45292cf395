#!/bin/sh

test_description='cm-survey-calc --lang zh: the office'"'"'s words, read back

Under --lang zh every output of cm-survey-calc (the report, --format
table, --excel, --partial, --merge, --dissatisfied) is headed in Chinese
(调查项目, 答卷数, 满意率 ...), its own words are Chinese (达标, 加权指数), the
-g columns and items are named as the input'"'"'s header names them
(产品品质, not quality), and what it writes reads back: partials written
with --excel --lang zh merge into the figures of one English run, and
dissatisfied forms go into the complaint register as the English ones
do.  English output stays cm'"'"'s canonical names.'

. "$(dirname "$0")/test-lib.sh"

I=产品品质,交货期

# The English item names of a report or partial in Chinese.
names() {
	sed "s/,overall,/,总体评价,/; s/,quality,/,产品品质,/;
	     s/,delivery,/,交货期,/; s/,weighted,/,加权指数,/"
}

test_expect_success 'setup: four forms under Chinese headers' '
	cat >s.csv <<-\EOF
	问卷编号,客户名称,季度,产品类型,总体评价,产品品质,交货期
	S1,甲公司,2026Q1,环保,5,4,2
	S2,乙公司,2026Q1,非环保,2,3,1
	S3,丙公司,2026Q2,环保,4,5,5
	S4,丁公司,2026Q2,非环保,3,,x
	EOF
'

test_expect_success 'English: canonical names, as before' '
	cat >expect <<-\EOF &&
	period,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	2026Q1,overall,2,1,50.00,3.50,1,0,0,1,0,0,0,9.45,90.55
	2026Q1,quality,2,2,100.00,3.50,0,1,1,0,0,0,0,34.24,100.00
	2026Q1,delivery,2,0,0.00,1.50,0,0,0,1,1,0,0,0.00,65.76
	2026Q2,overall,2,2,100.00,3.50,0,1,1,0,0,0,0,34.24,100.00
	2026Q2,quality,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00
	2026Q2,delivery,1,1,100.00,5.00,1,0,0,0,0,0,1,20.65,100.00
	EOF
	cm-survey-calc -q -g 季度 -i $I s.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -q --lang en -g 季度 -i $I s.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--lang zh: Chinese headers, the items as the header names them' '
	cat >expect <<-\EOF &&
	季度,调查项目,答卷数,满意数,满意率,平均分,5分,4分,3分,2分,1分,未答,无效,置信下限,置信上限
	2026Q1,总体评价,2,1,50.00,3.50,1,0,0,1,0,0,0,9.45,90.55
	2026Q1,产品品质,2,2,100.00,3.50,0,1,1,0,0,0,0,34.24,100.00
	2026Q1,交货期,2,0,0.00,1.50,0,0,0,1,1,0,0,0.00,65.76
	2026Q2,总体评价,2,2,100.00,3.50,0,1,1,0,0,0,0,34.24,100.00
	2026Q2,产品品质,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00
	2026Q2,交货期,1,1,100.00,5.00,1,0,0,0,0,0,1,20.65,100.00
	EOF
	cm-survey-calc -q --lang zh -g 季度 -i $I s.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	cm-survey-calc -q --lang zh -g period -i quality,delivery s.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--lang zh: an English header gets the Chinese of columns.map' '
	sed "1s/.*/id,customer,period,type,overall,Quality,delivery/" s.csv >en.csv &&
	cat >expect <<-\EOF &&
	期间,调查项目,答卷数,满意数,满意率,平均分,5分,4分,3分,2分,1分,未答,无效,置信下限,置信上限
	2026Q1,总体评价,2,1,50.00,3.50,1,0,0,1,0,0,0,9.45,90.55
	2026Q1,产品品质,2,2,100.00,3.50,0,1,1,0,0,0,0,34.24,100.00
	2026Q1,交货期,2,0,0.00,1.50,0,0,0,1,1,0,0,0.00,65.76
	2026Q2,总体评价,2,2,100.00,3.50,0,1,1,0,0,0,0,34.24,100.00
	2026Q2,产品品质,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00
	2026Q2,交货期,1,1,100.00,5.00,1,0,0,0,0,0,1,20.65,100.00
	EOF
	cm-survey-calc -q --lang zh -g period -i $I en.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--format table --lang zh aligns, targets in words (exit 1)' '
	cat >expect <<-\EOF &&
	季度    调查项目  答卷数  满意数  满意率  平均分  5分  4分  3分  2分  1分  未答  无效  置信下限  置信上限  较上期  达标情况
	2026Q1  总体评价       2       1   50.00    3.50    1    0    0    1    0     0     0      9.45     90.55          未达标
	2026Q1  产品品质       2       2  100.00    3.50    0    1    1    0    0     0     0     34.24    100.00
	2026Q1  交货期         2       0    0.00    1.50    0    0    0    1    1     0     0      0.00     65.76
	2026Q2  总体评价       2       2  100.00    3.50    0    1    1    0    0     0     0     34.24    100.00   50.00  达标
	2026Q2  产品品质       1       1  100.00    5.00    1    0    0    0    0     1     0     20.65    100.00    0.00
	2026Q2  交货期         1       1  100.00    5.00    1    0    0    0    0     0     1     20.65    100.00  100.00
	EOF
	cat >expect.err <<-\EOF &&
	cm-survey-calc: 2026Q1: satisfaction 50.00% below target 80.00% (1 of 2 forms)
	EOF
	test_status 1 cm-survey-calc -q --lang zh --format table -g 季度 \
		--trend --target 80 -i $I s.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

test_expect_success '--lang zh: every column of the report, and the weighted row' '
	cat >pop.csv <<-\EOF &&
	产品类型,季度,客户数,发放数
	环保,2026Q1,2,2
	非环保,2026Q1,2,1
	环保,2026Q2,2,1
	非环保,2026Q2,2,1
	EOF
	cat >expect <<-\EOF &&
	产品类型,调查项目,答卷数,满意数,满意率,平均分,5分,4分,3分,2分,1分,未答,无效,置信下限,置信上限,满意度指数,α系数,删除该项后α系数,α答卷数,发放率,回收率
	环保,总体评价,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,87.50,0.75,,2,75.00,66.67
	环保,产品品质,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,87.50,0.75,,2,,
	环保,交货期,2,1,50.00,3.50,1,0,0,1,0,0,0,9.45,90.55,62.50,0.75,,2,,
	环保,加权指数,2,,,,,,,,,,,,,79.17,,,,,
	非环保,总体评价,2,1,50.00,2.50,0,0,1,1,0,0,0,9.45,90.55,37.50,,,1,50.00,100.00
	非环保,产品品质,1,1,100.00,3.00,0,0,1,0,0,1,0,20.65,100.00,50.00,,,1,,
	非环保,交货期,1,0,0.00,1.00,0,0,0,0,1,0,1,0.00,79.35,0.00,,,1,,
	非环保,加权指数,2,,,,,,,,,,,,,33.33,,,,,
	EOF
	cm-survey-calc -q --lang zh -g 产品类型 -i $I --alpha \
		--weights 产品品质=2,交货期=1 --population pop.csv s.csv >zh &&
	test_cmp expect zh &&
	cm-survey-calc -q -g 产品类型 -i $I --alpha \
		--weights quality=2,delivery=1 --population pop.csv s.csv >en &&
	head -1 en >actual &&
	echo "product_type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,index,alpha,alpha_if_deleted,alpha_n,issue_rate,return_rate" >expect &&
	test_cmp expect actual &&
	tail -n +2 en | names >actual &&
	tail -n +2 zh >expect &&
	test_cmp expect actual
'

# Read the Chinese report as input, grouped by every English name but
# rate (its overall column): each Chinese header must map back.
test_expect_success 'every Chinese header of the report reads back as its English name' '
	test_status 1 cm-survey-calc -q --lang zh -g 季度 -i $I --alpha \
		--trend --target 90 --weights 产品品质=1 --population pop.csv \
		s.csv >zh 2>/dev/null &&
	test_status 1 cm-survey-calc -q -g 季度 -i $I --alpha \
		--trend --target 90 --weights 产品品质=1 --population pop.csv \
		s.csv >en 2>/dev/null &&
	head -1 en | sed "s/,rate,/,/" >cols &&
	test $(tr , "\n" <cols | wc -l) = 22 &&
	cm-survey-calc -q --partial --overall rate -g "$(cat cols)" zh >back &&
	echo "$(cat cols),item,stat,value" >expect &&
	head -1 back >actual &&
	test_cmp expect actual
'

test_expect_success '--partial --lang zh: the statistics in words' '
	cat >expect <<-\EOF &&
	产品类型,调查项目,统计量,数值
	环保,*,回收份数,2
	环保,总体评价,5分,1
	环保,总体评价,4分,1
	环保,产品品质,5分,1
	环保,产品品质,4分,1
	环保,交货期,5分,1
	环保,交货期,2分,1
	环保,*,全答份数,2
	环保,产品品质,总分,9
	环保,产品品质,乘积和:产品品质,41
	环保,产品品质,乘积和:交货期,33
	环保,交货期,总分,7
	环保,交货期,乘积和:交货期,29
	非环保,*,回收份数,2
	非环保,总体评价,3分,1
	非环保,总体评价,2分,1
	非环保,产品品质,3分,1
	非环保,产品品质,未答,1
	非环保,交货期,1分,1
	非环保,交货期,无效,1
	非环保,*,全答份数,1
	非环保,产品品质,总分,3
	非环保,产品品质,乘积和:产品品质,9
	非环保,产品品质,乘积和:交货期,3
	非环保,交货期,总分,1
	非环保,交货期,乘积和:交货期,1
	EOF
	cm-survey-calc -q --lang zh --partial -g 产品类型 -i $I --alpha s.csv >actual &&
	test_cmp expect actual &&
	cut -d, -f1,2,3,6,7 s.csv >no.csv &&
	cat >expect <<-\EOF &&
	调查项目,统计量,数值
	*,回收份数,4
	产品品质,5分,1
	产品品质,4分,1
	产品品质,3分,1
	产品品质,未答,1
	交货期,5分,1
	交货期,2分,1
	交货期,1分,1
	交货期,无效,1
	总体评价,答0项共0分,1
	总体评价,答2项共4分,1
	总体评价,答2项共6分,1
	总体评价,答2项共10分,1
	总体评价,无效答卷,1
	EOF
	cm-survey-calc -q --lang zh --partial -i $I no.csv >actual &&
	test_cmp expect actual
'

# 200 forms from a fixed linear congruential generator (as in t1004),
# under the headers of a 顾客满意度调查表: two quarters, two product
# types, ratings as digits and words, empty and invalid answers.
test_expect_success 'setup: 200 generated forms, split in three' '
	awk "
	function next_int(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
	function rating(   r) {
		r = next_int(20)
		if (r == 0) return \"\"
		if (r == 1) return \"x\"
		if (r <= 4) return w[next_int(5) + 1]
		return 1 + next_int(5)
	}
	BEGIN {
		seed = 7
		w[1] = \"很满意\"; w[2] = \"比较满意\"; w[3] = \"基本满意\"
		w[4] = \"不太满意\"; w[5] = \"不满意\"
		p[0] = \"2026Q1\"; p[1] = \"2026Q2\"
		t[0] = \"环保\"; t[1] = \"非环保\"
		print \"问卷编号,季度,产品类型,总体评价,产品品质,交货期,服务\"
		for (i = 1; i <= 200; i++)
			printf \"S%03d,%s,%s,%s,%s,%s,%s\n\", i, p[next_int(2)], t[next_int(2)], rating(), rating(), rating(), rating()
	}" >all.csv &&
	cut -d, -f1-3,5- all.csv >nooverall.csv &&
	for f in all nooverall
	do
		csv_parts $f 2,70 71,140 141,201 || exit 1
	done
'

# check_zh BASE OPTIONS...: partials of the thirds written with --excel
# --lang zh merge into what one English run over the whole gives, and
# under --lang zh into what one Chinese run gives; so do partials in
# both languages, with and without --excel, concatenated.
check_zh() {
	base=$1
	shift
	cm-survey-calc -q "$@" $base.csv >expect &&
	cm-survey-calc -q --lang zh "$@" $base.csv >expect.zh &&
	cm-survey-calc -q --partial --excel --lang zh "$@" $base.1.csv >p1 &&
	cm-survey-calc -q --partial --excel --lang zh "$@" $base.2.csv >p2 &&
	cm-survey-calc -q --partial --excel --lang zh "$@" $base.3.csv >p3 &&
	head -c 3 p1 | od -An -tx1 >bom &&
	echo " ef bb bf" >bom.expect &&
	test_cmp bom.expect bom &&
	test $(tr -cd "\r" <p1 | wc -c) = $(wc -l <p1) &&
	grep -q "产品品质,5分," p1 &&
	cm-survey-calc --merge "$@" p1 p2 p3 >actual &&
	test_cmp expect actual &&
	cm-survey-calc --merge --lang zh "$@" p3 p1 p2 >actual &&
	test_cmp expect.zh actual &&
	cm-survey-calc -q --partial "$@" $base.1.csv >e1 &&
	cm-survey-calc -q --partial --lang zh "$@" $base.2.csv >z2 &&
	cat e1 z2 p3 | cm-survey-calc --merge "$@" >actual &&
	test_cmp expect actual &&
	cat p3 z2 e1 | cm-survey-calc --merge --lang zh "$@" >actual &&
	test_cmp expect.zh actual
}

test_expect_success '--excel --lang zh partials merge into the English figures' '
	check_zh all -i 产品品质,交货期,服务 &&
	check_zh all -g 季度,产品类型 -i 产品品质,交货期,服务
'

test_expect_success '... without an overall column: form means' '
	check_zh nooverall -i 产品品质,交货期,服务 &&
	check_zh nooverall -g 产品类型 -i 产品品质,交货期,服务
'

test_expect_success '... with --alpha, and merged by English names' '
	check_zh all -g 季度 --alpha -i 产品品质,交货期,服务 &&
	check_zh all -g period --alpha -i quality,delivery,service
'

# An English partial has lost the user's header: its period column is
# written under columns.map's Chinese, 期间.
test_expect_success '--merge --lang zh of English partials names the items in Chinese' '
	cm-survey-calc -q --partial -g 季度 -i $I s.csv >p &&
	cm-survey-calc -q --lang zh -g 季度 -i $I s.csv >zh &&
	sed "1s/^季度,/期间,/" zh >expect &&
	cm-survey-calc --merge --lang zh -g 季度 -i $I p >actual &&
	test_cmp expect actual &&
	sed -n 2p actual | grep "^2026Q1,总体评价,2,1,"
'

test_expect_success '--merge: a Chinese item or statistic it does not know (exit 3)' '
	printf "调查项目,统计量,数值\n服务,5分,1\n" >bad1 &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: bad1:2: item not named by -i or --overall: '"'"'服务'"'"'
	EOF
	test_status 3 cm-survey-calc --merge -i $I bad1 >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp expect.err err &&
	printf "调查项目,统计量,数值\n产品品质,5点,1\n产品品质,答2项共分,1\n" >bad2 &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: bad2:2: unknown statistic '"'"'5点'"'"'
	EOF
	test_status 3 cm-survey-calc --merge -i $I bad2 >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp expect.err err &&
	sed 2d bad2 >bad3 &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: bad3:2: unknown statistic '"'"'答2项共分'"'"'
	EOF
	test_status 3 cm-survey-calc --merge -i $I bad3 >out 2>err &&
	test_cmp expect.err err
'

test_expect_success '--dissatisfied --lang zh: the header as written, 不满意项目' '
	printf "\357\273\277" >expect &&
	printf "%s\r\n" \
		"问卷编号,客户名称,季度,产品类型,总体评价,产品品质,交货期,不满意项目" \
		"S1,甲公司,2026Q1,环保,5,4,2,交货期" \
		"S2,乙公司,2026Q1,非环保,2,3,1,总体评价;交货期" >>expect &&
	cm-survey-calc -q --dissatisfied --excel --lang zh -i $I s.csv >zh.csv &&
	test_cmp expect zh.csv &&
	cat >expect <<-\EOF &&
	response_id,customer,period,type,overall,quality,delivery,dissatisfied_items
	S1,甲公司,2026Q1,环保,5,4,2,delivery
	S2,乙公司,2026Q1,非环保,2,3,1,overall;delivery
	EOF
	cm-survey-calc -q --dissatisfied -i $I s.csv >en.csv &&
	sed "s/^response_id,customer,period,product_type,/response_id,customer,period,type,/" en.csv >actual &&
	test_cmp expect actual
'

test_expect_success '... and reads back into the complaint register as the English does' '
	CM_USER=tester cm-complaint -f zh-reg.csv new --from-survey <zh.csv >zh.ids &&
	CM_USER=tester cm-complaint -f en-reg.csv new --from-survey <en.csv >en.ids &&
	test_cmp en.ids zh.ids &&
	printf "261101\n261102\n" >expect &&
	test_cmp expect zh.ids &&
	cut -d, -f1-10,12- en-reg.csv >expect &&
	cut -d, -f1-10,12- zh-reg.csv >actual &&
	test_cmp expect actual &&
	cut -d, -f11 zh-reg.csv >actual &&
	cat >expect <<-\EOF &&
	description
	survey: dissatisfied with 交货期
	survey: dissatisfied with 总体评价;交货期
	EOF
	test_cmp expect actual
'

if command -v gnuplot >/dev/null 2>&1 || test -n "$CI"; then
	test_set_prereq GNUPLOT
fi

# cm-report chart reads the report by its columns, item and n5..n1: the
# chart of an --excel --lang zh report is the English one, its items
# labelled in Chinese.
test_expect_success_if GNUPLOT 'the likert chart of an --excel --lang zh report is the English one' '
	cm-survey-calc -q -i $I s.csv >en.csv &&
	cm-survey-calc -q --excel --lang zh -i $I s.csv >zh.csv &&
	cm-report chart --type likert -o en.svg en.csv &&
	cm-report chart --type likert -o zh.svg zh.csv &&
	grep -q ">总体评价<" zh.svg &&
	sed "s/>overall</>总体评价</; s/>quality</>产品品质</; s/>delivery</>交货期</" \
		en.svg >expect &&
	test_cmp expect zh.svg
'

# zh (test-lib.sh) chooses the locale through LANG alone, as cron does.
ZH_BY=LANG

test_expect_success 'under a zh_CN.UTF-8 locale: tables Chinese, CSV English' '
	test_zh_locale loc &&
	cm-survey-calc -q --lang zh --format table -g 季度 -i $I s.csv >expect &&
	zh cm-survey-calc -q --format table -g 季度 -i $I s.csv >actual &&
	test_cmp expect actual &&
	head -1 actual | grep "^季度    调查项目  答卷数" &&
	cm-survey-calc -q -g 季度 -i $I s.csv >expect &&
	zh cm-survey-calc -q -g 季度 -i $I s.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -q --format table -g 季度 -i $I s.csv >expect &&
	zh cm-survey-calc -q --lang en --format table -g 季度 -i $I s.csv >actual &&
	test_cmp expect actual &&
	head -1 actual | grep "^period  item" &&
	cm-survey-calc -q --excel --lang zh --partial -i $I s.csv >expect &&
	zh cm-survey-calc -q --excel --partial -i $I s.csv >actual &&
	test_cmp expect actual
'

test_done
