#!/bin/sh
test_description='--lang: output in the office words, read back by cm

--lang is a shared option: its default is the locale language for
--format table and --excel and English for plain CSV.  Every Chinese
header a command writes maps back through share/cm/columns.map to the
English header of the same output, so any cm command reads a
Chinese-headed cm output; no Chinese name in columns.map stands for two
columns.'
. "$(dirname "$0")/test-lib.sh"

MAP=$ROOT/share/cm/columns.map
EX=$ROOT/share/cm/examples

# readback NAME CMD...: CMD's header under --lang zh, mapped back through
# columns.map, is its header under --lang en; and the zh header is Chinese.
readback() {
	name=$1
	shift
	test_expect_success "$name: the Chinese header reads back as the English" "
		$* --lang en >en.csv &&
		$* --lang zh >zh.csv &&
		csv_header <en.csv >en.h &&
		csv_header <zh.csv | colmap_canon >zh.h &&
		test_cmp en.h zh.h &&
		! cmp -s en.csv zh.csv &&
		has_chinese zh.csv
	"
}

test_expect_success 'a zh_CN.UTF-8 locale of our own (localedef, LOCPATH)' '
	test_zh_locale loc
'

test_expect_success 'columns.map: no name stands for two columns' '
	grep -v "^#" "$MAP" | grep = | awk -F= "
		{ k = tolower(\$1); gsub(/^[ \t]+|[ \t]+\$/, \"\", k) }
		k in m && m[k] != \$2 { print k \": \" m[k] \" and \" \$2 }
		{ m[k] = \$2 }" >dups &&
	test_cmp /dev/null dups
'

survey() {
	cm-survey-calc -i 产品品质,交货期 "$EX/survey.csv" "$@"
}

test_expect_success 'zh locale: CSV stays English, a table and --excel are Chinese' '
	survey >c.csv &&
	zh cm-survey-calc -i 产品品质,交货期 "$EX/survey.csv" >zc.csv &&
	test_cmp c.csv zc.csv &&
	head -n 1 zc.csv >h &&
	echo item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high >want &&
	test_cmp want h &&
	zh cm-survey-calc -i 产品品质,交货期 --format table "$EX/survey.csv" >zt &&
	survey --format table --lang zh >t &&
	test_cmp t zt &&
	zh cm-survey-calc -i 产品品质,交货期 --excel "$EX/survey.csv" >ze &&
	survey --excel --lang zh >e &&
	test_cmp e ze &&
	has_chinese zt &&
	has_chinese ze
'

test_expect_success '--lang given wins over the locale, both ways' '
	zh cm-survey-calc -i 产品品质 --format table --lang en "$EX/survey.csv" >a &&
	cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >b &&
	test_cmp b a &&
	cm-survey-calc -i 产品品质 --lang zh "$EX/survey.csv" >c &&
	zh cm-survey-calc -i 产品品质 --lang zh "$EX/survey.csv" >d &&
	test_cmp c d
'

test_expect_success 'the C locale is English whatever LANGUAGE says (as gettext)' '
	LANGUAGE=zh_CN LC_ALL=C cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >a &&
	cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >b &&
	test_cmp b a
'

test_expect_success 'LANGUAGE, over a locale that is not C: a zh entry anywhere in it' '
	cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >en &&
	cm-survey-calc -i 产品品质 --format table --lang zh "$EX/survey.csv" >zh &&
	zh env LANGUAGE=en cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >a &&
	test_cmp en a &&
	LANGUAGE=zh_CN:en cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >b &&
	test_cmp zh b &&
	zh env LANGUAGE=en_US:zh_CN cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >c &&
	test_cmp zh c &&
	test_status 2 zh env LANGUAGE=en_US:zh_CN cm-survey-calc --lang xx 2>err &&
	grep -q "无效" err
'

test_expect_success 'LANG=zh_CN.UTF-8 where no such locale is generated: Chinese tables' '
	mkdir noloc &&
	LOCPATH="$TRASH/noloc" LC_ALL= LANG=zh_CN.UTF-8 cm-survey-calc -i 产品品质 --format table "$EX/survey.csv" >a &&
	cm-survey-calc -i 产品品质 --format table --lang zh "$EX/survey.csv" >b &&
	test_cmp b a
'

test_expect_success 'a bad --lang is a usage error' '
	test_status 2 cm-survey-calc --lang fr "$EX/survey.csv" >out 2>err &&
	test_cmp /dev/null out &&
	cat >want <<-\EOT &&
	cm-survey-calc: invalid --lang '\''fr'\'' (zh or en)
	Try '\''cm-survey-calc --help'\'' for more information.
	EOT
	test_cmp want err
'

# The names cm writes must not take over columns users have: a
# property office groups its survey by 项目 (its estate), a customer
# file keeps the grade it has as 等级 (review of issue 14).
test_expect_success 'a survey grouped by its own 项目 column, partials merged' '
	sed "1s/产品类型/项目/" "$EX/survey.csv" >sp.csv &&
	cm-survey-calc -g 项目 -i 产品品质 sp.csv >one.csv &&
	head -n 1 one.csv | cut -d, -f1,2 >h &&
	echo 项目,item >want &&
	test_cmp want h &&
	cm-survey-calc -g 项目 -i 产品品质 --partial sp.csv >p.csv &&
	cm-survey-calc --merge -g 项目 -i 产品品质 p.csv >merged.csv &&
	test_cmp one.csv merged.csv &&
	cm-survey-calc -g 项目 -i 产品品质 --lang zh sp.csv >zh.csv &&
	head -n 1 zh.csv | cut -d, -f1,2 >h &&
	echo 项目,调查项目 >want &&
	test_cmp want h
'

test_expect_success 'a customer file with its own 等级 column is graded' '
	printf "客户编号,名称,应收账款,等级\\nK1,华丰,500,B\\nK2,Apex,9000,A\\n" >cg.csv &&
	printf "A receivables < 1000\\nB receivables < 5000\\nC true\\n" >r.rules &&
	cm-grade -r r.rules cg.csv >out &&
	cat >want <<-\EOT &&
	id,name,receivables,等级,grade,grade_rule
	K1,华丰,500,B,A,r.rules:1
	K2,Apex,9000,A,C,r.rules:3
	EOT
	test_cmp want out
'

readback 'cm-survey-calc' survey -g period
readback 'cm-grade' cm-grade "$EX/customers.csv"
readback 'cm-grade (Chinese headers)' cm-grade "$EX/customers-zh.csv"
readback 'cm-sample' cm-sample --rate 10 --seed 1 --by estate "$EX/households.csv"
readback 'cm-sample --summary' cm-sample --rate 10 --seed 1 --by estate --summary "$EX/households.csv"
readback 'cm-sample --visits' cm-sample --visits --month 2026-11 --must "$EX/callbacks-2026-11.csv" "$EX/households.csv"
readback 'cm-sample --check-visits' cm-sample --check-visits "$EX/visits-2026-11.csv" --month 2026-11 --must "$EX/callbacks-2026-11.csv" "$EX/households.csv"

test_done
