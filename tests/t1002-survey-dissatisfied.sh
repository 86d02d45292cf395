#!/bin/sh

test_description='cm-survey-calc --dissatisfied: the forms to act on, rows passed through'

. "$(dirname "$0")/test-lib.sh"

# Form by form (threshold 3):
#   1  5 4 4              nothing low                      -> left out
#   2  2 4 1              overall and delivery             -> overall;delivery
#   3  4 不太满意(2) -     quality                          -> quality
#   4  - - -              nothing answered                 -> left out
#   5  基本满意(3) 3 5     nothing low                      -> left out
#   6  不满意 不满意 很满意  overall and quality              -> overall;quality
test_expect_success 'setup' '
	cat >forms.csv <<-\EOF
	id,customer,overall,quality,delivery,comment
	1,"Acme, Inc.",5,4,4,"fine, thanks"
	2,华南电子,2,4,1,"said ""bad""
	twice"
	3,宁波海天,4,不太满意,,
	4,深圳宏达,,,,nothing answered
	5,东莞精密,基本满意,3,5,
	6,苏州恒通,不满意,不满意,很满意,"multi
	line, with ""quotes""
	note"
	EOF
'

test_expect_success 'low forms pass through unchanged with dissatisfied_items' '
	cat >expect <<-\EOF &&
	id,customer,overall,quality,delivery,comment,dissatisfied_items
	2,华南电子,2,4,1,"said ""bad""
	twice",overall;delivery
	3,宁波海天,4,不太满意,,,quality
	6,苏州恒通,不满意,不满意,很满意,"multi
	line, with ""quotes""
	note",overall;quality
	EOF
	cm-survey-calc --dissatisfied -i quality,delivery forms.csv \
		>actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'items are named in -i order, overall first' '
	cat >expect <<-\EOF &&
	id,customer,overall,quality,delivery,comment,dissatisfied_items
	2,华南电子,2,4,1,"said ""bad""
	twice",overall;delivery
	3,宁波海天,4,不太满意,,,quality
	6,苏州恒通,不满意,不满意,很满意,"multi
	line, with ""quotes""
	note",overall;quality
	EOF
	cm-survey-calc --dissatisfied -i delivery,quality forms.csv >actual &&
	test_cmp expect actual
'

# -s 4: form 5 (3, 3, 5) now has overall and quality below the threshold.
test_expect_success '-s moves the threshold' '
	cat >expect <<-\EOF &&
	id,customer,overall,quality,delivery,comment,dissatisfied_items
	2,华南电子,2,4,1,"said ""bad""
	twice",overall;delivery
	3,宁波海天,4,不太满意,,,quality
	5,东莞精密,基本满意,3,5,,overall;quality
	6,苏州恒通,不满意,不满意,很满意,"multi
	line, with ""quotes""
	note",overall;quality
	EOF
	cm-survey-calc --dissatisfied -s 4 -i quality,delivery forms.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'the overall answer alone, without -i' '
	cat >expect <<-\EOF &&
	id,customer,overall,quality,delivery,comment,dissatisfied_items
	2,华南电子,2,4,1,"said ""bad""
	twice",overall
	6,苏州恒通,不满意,不满意,很满意,"multi
	line, with ""quotes""
	note",overall
	EOF
	cm-survey-calc --dissatisfied forms.csv >actual &&
	test_cmp expect actual
'

# Without an overall column the mean of the answered items stands for it:
#   1  4 4    mean 4                -> left out
#   2  4 1    mean 2.5 and delivery -> overall;delivery
#   3  2 -    mean 2 and quality    -> overall;quality
#   4  - -    nothing answered      -> left out
#   5  3 5    mean 4                -> left out
#   6  1 5    mean 3, quality low   -> quality
test_expect_success 'no overall column: the mean of the form decides' '
	cat >nooverall.csv <<-\EOF &&
	id,quality,delivery,comment
	1,4,4,"fine, thanks"
	2,4,1,"said ""bad""
	twice"
	3,不太满意,,
	4,,,nothing answered
	5,3,5,
	6,不满意,很满意,"multi
	line"
	EOF
	cat >expect <<-\EOF &&
	id,quality,delivery,comment,dissatisfied_items
	2,4,1,"said ""bad""
	twice",overall;delivery
	3,不太满意,,,overall;quality
	6,不满意,很满意,"multi
	line",quality
	EOF
	cm-survey-calc --dissatisfied -i quality,delivery nooverall.csv \
		>actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'no form below the threshold: the header alone' '
	head -2 forms.csv >good.csv &&
	echo "id,customer,overall,quality,delivery,comment,dissatisfied_items" >expect &&
	cm-survey-calc --dissatisfied -i quality,delivery good.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'several inputs with the same columns: one header' '
	head -5 forms.csv >part1.csv &&
	{ head -1 forms.csv && sed -n "6,\$p" forms.csv; } >part2.csv &&
	cm-survey-calc --dissatisfied -i quality,delivery forms.csv >expect &&
	cm-survey-calc --dissatisfied -i quality,delivery part1.csv part2.csv \
		>actual &&
	test_cmp expect actual
'

test_expect_success 'an input with other columns than the first: exit 3' '
	cat >other.csv <<-\EOF &&
	id,overall,quality,delivery,customer,comment
	7,1,1,1,x,y
	EOF
	echo "cm-survey-calc: other.csv:1: columns differ from those of the first input" >expect.err &&
	test_status 3 cm-survey-calc --dissatisfied -i quality,delivery \
		forms.csv other.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

# Field values pass through; the CSV around them is written afresh: a
# quote that protected nothing goes, CRLF becomes LF.  Headers come out
# under their canonical names (问卷编号 -> response_id, 客户名称 ->
# customer, 总体评价 -> overall, 产品品质 -> quality).
test_expect_success 'the CSV is rewritten: canonical headers, needless quotes, CRLF' '
	printf "问卷编号,客户名称,总体评价,产品品质,备注\r\n" >cn.csv &&
	printf "\"S1\",\"华南\",\"2\",\"5\",\"a\"\r\n" >>cn.csv &&
	printf "S2,宁波,5,5,\r\n" >>cn.csv &&
	cat >expect <<-\EOF &&
	response_id,customer,overall,quality,note,dissatisfied_items
	S1,华南,2,5,a,overall
	EOF
	cm-survey-calc --dissatisfied -i 产品品质 cn.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--excel and -t apply to the rows too' '
	printf "\357\273\277id,customer,overall,quality,delivery,comment,dissatisfied_items\r\n" >expect &&
	printf "3,宁波海天,4,不太满意,,,quality\r\n" >>expect &&
	sed -n "1p;5p" forms.csv >one.csv &&
	cm-survey-calc --dissatisfied --excel -i quality,delivery one.csv >actual &&
	test_cmp expect actual &&
	tr , "\t" <one.csv >one.tsv &&
	printf "id\tcustomer\toverall\tquality\tdelivery\tcomment\tdissatisfied_items\n3\t宁波海天\t4\t不太满意\t\t\tquality\n" >expect &&
	cm-survey-calc --dissatisfied -t -i quality,delivery one.tsv >actual &&
	test_cmp expect actual
'

# DESIGN.md section 3: an invalid rating is reported with file:line:column
# and the cell left out; --dissatisfied reads the same ratings.
test_expect_success 'an invalid rating is reported and the cell left out' '
	cat >inv.csv <<-\EOF &&
	id,overall,quality
	1,"5
	",good
	2,4,1
	EOF
	cat >expect <<-\EOF &&
	id,overall,quality,dissatisfied_items
	2,4,1,quality
	EOF
	echo "cm-survey-calc: inv.csv:2:3: invalid rating '\''good'\'' in column '\''quality'\''" >expect.err &&
	cm-survey-calc --dissatisfied -i quality inv.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

test_expect_success '--strict: an invalid rating is exit 3 and no output' '
	echo "cm-survey-calc: inv.csv:2:3: invalid rating '\''good'\'' in column '\''quality'\''" >expect.err &&
	test_status 3 cm-survey-calc --dissatisfied --strict -i quality \
		inv.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success '--strict: -o FILE keeps its old contents' '
	echo "old contents" >out.csv &&
	cp out.csv out.orig &&
	test_status 3 cm-survey-calc --dissatisfied --strict -i quality \
		-o out.csv inv.csv 2>err &&
	test_cmp out.orig out.csv
'

test_expect_success 'a missing item column: exit 3' '
	echo "cm-survey-calc: forms.csv:1: no column '\''service'\'' (columns: '\''id'\'', '\''customer'\'', '\''overall'\'', '\''quality'\'', '\''delivery'\'', '\''comment'\'')" >expect.err &&
	test_status 3 cm-survey-calc --dissatisfied -i quality,service \
		forms.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: nooverall.csv:1: no column '\''overall'\'' (columns: '\''id'\'', '\''quality'\'', '\''delivery'\'', '\''comment'\'')" >expect.err &&
	test_status 3 cm-survey-calc --dissatisfied nooverall.csv >actual 2>err &&
	test_cmp expect.err err &&
	echo "cm-survey-calc: forms.csv:1: no column '\''rating'\'' (columns: '\''id'\'', '\''customer'\'', '\''overall'\'', '\''quality'\'', '\''delivery'\'', '\''comment'\'')" >expect.err &&
	test_status 3 cm-survey-calc --dissatisfied --overall rating forms.csv \
		>actual 2>err &&
	test_cmp expect.err err
'

test_expect_success '--dissatisfied takes no grouping, targets or tallies' '
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --dissatisfied prints forms; it takes no grouping, targets or tallies
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	for opt in "-g id" "--target 90" "--partial" "--merge" "--alpha" \
		"--trend -g id" "--weights quality=1" "--customers 9 --issued 9"
	do
		test_status 2 cm-survey-calc --dissatisfied -i quality $opt \
			forms.csv >actual 2>err &&
		test_cmp expect.err err &&
		test_cmp /dev/null actual || exit 1
	done
'

test_done
