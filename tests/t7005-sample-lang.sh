#!/bin/sh
#
# cm-sample --lang zh|en (issue 14, "output in the office's words"): the
# households' columns under the headers the user wrote (columns.map's
# Chinese for an ASCII one), the reason as 入选原因 in a sample and
# 走访原因 in a plan, with words.map's words (投诉, 维修, 必访) and 随机,
# which no must file may give; the method 走访方式 电话/上门; the check
# row and the summary headed in Chinese.  A plan written with --lang zh
# (and --excel) is the must list of the month's --check-visits, as the
# README's pipeline uses it, with the figures of the English plan.

test_description='cm-sample --lang: Chinese headers and words, read back'

. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: 20 households of two estates, three callbacks, a record' '
	{
		echo customer,estate,room &&
		for i in $(seq 1 20); do
			if test $i -le 12; then
				echo "H$i,锦绣花园,$i"
			else
				echo "H$i,翠湖家园,$i"
			fi
		done
	} >h.csv &&
	printf "customer,reason\nH15,repair\nH3,complaint\nH9,\n" >cb.csv &&
	cat >rec.csv <<-\EOF
	customer,date,method
	H15,2026-11-02,电话
	H3,2026-11-05,visit
	H5,2026-11-09,上门
	H7,2026-10-30,phone
	EOF
'

test_expect_success 'sample rows --lang zh: 客户, 房号, 入选原因 必访 and 随机' '
	cm-sample --rate 30 --by estate --must cb.csv --seed s1 --lang zh h.csv \
		>out 2>err &&
	cat >expect <<-\EOF &&
	客户,小区,房号,入选原因
	H2,锦绣花园,2,随机
	H3,锦绣花园,3,必访
	H6,锦绣花园,6,随机
	H9,锦绣花园,9,必访
	H15,翠湖家园,15,必访
	H16,翠湖家园,16,随机
	H18,翠湖家园,18,随机
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'CSV without --lang, and --lang en: the header as read, must and random' '
	cm-sample --rate 30 --by estate --must cb.csv --seed s1 h.csv >out &&
	cat >expect <<-\EOF &&
	customer,estate,room,reason
	H2,锦绣花园,2,random
	H3,锦绣花园,3,must
	H6,锦绣花园,6,random
	H9,锦绣花园,9,must
	H15,翠湖家园,15,must
	H16,翠湖家园,16,random
	H18,翠湖家园,18,random
	EOF
	test_cmp expect out &&
	cm-sample --rate 30 --by estate --must cb.csv --seed s1 --lang en \
		--excel h.csv >excel &&
	tr -d "\r" <excel | sed "1s/^\xef\xbb\xbf//" >out &&
	test_cmp expect out
'

test_expect_success 'Chinese headers stay as the user wrote them' '
	sed "1s/.*/客户编号,小区,房间/" h.csv >zh.csv &&
	cm-sample --rate 5 --seed s1 --lang zh zh.csv >out &&
	printf "客户编号,小区,房间,入选原因\nH18,翠湖家园,18,随机\n" >expect &&
	test_cmp expect out
'

test_expect_success '--summary --format table --lang zh aligns: 小区, 客户数 ... 合计' '
	cm-sample --rate 10 --by estate --must cb.csv --seed s1 --summary \
		--lang zh --format table h.csv >out &&
	cat >expect <<-\EOF &&
	小区      客户数  必选数  应抽数  抽样数  抽样比例
	锦绣花园      12       2       2       2     16.67
	翠湖家园       8       1       1       1     12.50
	合计          20       3       3       3     15.00
	EOF
	test_cmp expect out &&
	cm-sample --rate 10 --by 小区 --must cb.csv --seed s1 --summary \
		--lang zh h.csv >out &&
	head -1 out >head &&
	echo "小区,客户数,必选数,应抽数,抽样数,抽样比例" >expect &&
	test_cmp expect head
'

test_expect_success '--visits --lang zh: 走访原因 投诉/维修/必访/随机, 走访方式 电话/上门' '
	cm-sample --visits --month 2026-11 --must cb.csv --rate 20 --lang zh \
		--format table h.csv >out &&
	cat >expect <<-\EOF &&
	客户  小区      房号  走访原因  走访方式
	H15   翠湖家园    15  维修      电话
	H3    锦绣花园     3  投诉      电话
	H9    锦绣花园     9  必访      上门
	H5    锦绣花园     5  随机      上门
	EOF
	test_cmp expect out &&
	cm-sample --visits --month 2026-11 --must cb.csv --rate 20 h.csv >en.csv &&
	cat >expect <<-\EOF &&
	customer,estate,room,reason,method
	H15,翠湖家园,15,repair,phone
	H3,锦绣花园,3,complaint,phone
	H9,锦绣花园,9,must,visit
	H5,锦绣花园,5,random,visit
	EOF
	test_cmp expect en.csv
'

test_expect_success 'a must file may not say 随机 (nor random): no wider input' '
	printf "customer,reason\nH1,随机\n" >m.csv &&
	test_status 3 cm-sample --visits --month 2026-12 --must m.csv h.csv \
		>out 2>err &&
	test_cmp /dev/null out &&
	echo "cm-sample: m.csv:2: invalid reason '\''随机'\'' (one of complaint/投诉, repair/维修, must/必访)" \
		>expect &&
	test_cmp expect err
'

# The README's pipeline: the plan of the month, kept, is the must list
# of the month's check.  Each language in a directory of its own, so that
# the messages, which name the must file, compare too.
test_expect_success 'read back: the --lang zh plan (CSV, --excel) as --check-visits'\'' must list' '
	mkdir en zh xl &&
	cm-sample --visits --month 2026-11 --must cb.csv h.csv >en/plan.csv &&
	cm-sample --visits --month 2026-11 --must cb.csv --lang zh h.csv \
		>zh/plan.csv &&
	cm-sample --visits --month 2026-11 --must cb.csv --lang zh --excel \
		h.csv >xl/plan.csv &&
	! cmp -s en/plan.csv zh/plan.csv &&
	for d in en zh xl; do
		(
			cd $d &&
			test_status 1 cm-sample --check-visits ../rec.csv \
				--month 2026-11 --must plan.csv ../h.csv >out 2>err
		) || return 1
	done &&
	cat >expect <<-\EOF &&
	households,visited,rate,phone,phone_rate,callbacks_due,callbacks_done,missing
	20,3,15.00,1,33.34,3,2,1
	EOF
	test_cmp expect en/out &&
	test_cmp en/out zh/out &&
	test_cmp en/out xl/out &&
	test_cmp en/err zh/err &&
	test_cmp en/err xl/err
'

test_expect_success 'read back: a --lang zh plan of callbacks is next month'\''s must list' '
	cm-sample --visits --month 2026-12 --must en/plan.csv h.csv >en/dec &&
	cm-sample --visits --month 2026-12 --must zh/plan.csv h.csv >zh/dec &&
	cm-sample --visits --month 2026-12 --must xl/plan.csv h.csv >xl/dec &&
	test_cmp en/dec zh/dec &&
	test_cmp en/dec xl/dec
'

test_expect_success '--check-visits --lang zh aligns: 住户数, 已访户数, 走访率 ...' '
	test_status 1 cm-sample --check-visits rec.csv --month 2026-11 \
		--must cb.csv --lang zh --format table h.csv >out 2>/dev/null &&
	cat >expect <<-\EOF &&
	住户数  已访户数  走访率  电话户数  电话比例  应回访  已回访  未回访
	    20         3   15.00         1     33.34       3       2       1
	EOF
	test_cmp expect out
'

# cm-grade writes the canonical names of its input's header in English:
# every Chinese header cm-sample writes comes back as its name.
test_expect_success 'every Chinese header cm-sample writes reads back as its name' '
	echo "C true" >all.rules &&
	cm-sample --rate 30 --must cb.csv --seed s1 --lang zh h.csv >s.csv &&
	test_status 1 cm-sample --check-visits rec.csv --month 2026-11 \
		--must cb.csv --lang zh h.csv >c.csv 2>/dev/null &&
	cm-sample --rate 10 --by estate --seed s1 --summary --lang zh h.csv \
		>m.csv &&
	for f in s zh/plan c m; do
		cm-grade -r all.rules $f.csv >$f.graded &&
		head -1 $f.graded || return 1
	done >heads &&
	cat >expect <<-\EOF &&
	customer,estate,room,reason,grade,grade_rule
	customer,estate,room,reason,method,grade,grade_rule
	households,visited,rate,phone,phone_rate,callbacks_due,callbacks_done,missing,grade,grade_rule
	estate,customers,must,target,sampled,rate,grade,grade_rule
	EOF
	test_cmp expect heads
'

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'under zh_CN: a table is Chinese without --lang, CSV English' '
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 \
		cm-sample --visits --month 2026-11 --must cb.csv --format table \
		h.csv >table &&
	cm-sample --visits --month 2026-11 --must cb.csv --lang zh \
		--format table h.csv >expect &&
	test_cmp expect table &&
	env -u LC_ALL LOCPATH="$TRASH/loc" LANG=zh_CN.UTF-8 \
		cm-sample --visits --month 2026-11 --must cb.csv h.csv >csv &&
	test_cmp en/plan.csv csv
'

test_done
