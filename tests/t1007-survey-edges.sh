#!/bin/sh

test_description='cm-survey-calc: the trend column, finer populations, rates over 100%, reversed items'

. "$(dirname "$0")/test-lib.sh"

TRY="Try 'cm-survey-calc --help' for more information."

usage_error() {
	printf "%s\n%s\n" "$1" "$TRY" >expect.err &&
	shift &&
	test_status 2 cm-survey-calc "$@" >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
}

# Overall answers per group, satisfied from 3:
#   环保    2026Q1  5,2  1 of 2 = 50     2026Q2  4    1 of 1 = 100
#   非环保  2026Q1  4    1 of 1 = 100    2026Q2  2,5  1 of 2 = 50
# late is worded negatively ("deliveries were often late"): 1 is the
# satisfied answer.
test_expect_success 'setup' '
	cat >survey.csv <<-\EOF &&
	产品类别,期间,overall,quality,late
	环保,2026Q1,5,4,1
	环保,2026Q1,2,3,5
	非环保,2026Q1,4,2,2
	环保,2026Q2,4,4,2
	非环保,2026Q2,2,1,4
	非环保,2026Q2,5,5,
	EOF
	sed "1s/期间/quarter/" survey.csv >quarter.csv
'

# 000 §5.3.1.6: the trend compares a product type with itself a period
# earlier, whatever the order of the -g columns.
test_expect_success '--trend runs along the period column, not the first -g column' '
	cat >expect <<-\EOF &&
	product_type,period,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,trend
	环保,2026Q1,overall,2,1,50.00,3.50,1,0,0,1,0,0,0,9.45,90.55,
	环保,2026Q2,overall,1,1,100.00,4.00,0,1,0,0,0,0,0,20.65,100.00,50.00
	非环保,2026Q1,overall,1,1,100.00,4.00,0,1,0,0,0,0,0,20.65,100.00,
	非环保,2026Q2,overall,2,1,50.00,3.50,1,0,0,1,0,0,0,9.45,90.55,-50.00
	EOF
	cm-survey-calc -g 产品类别,期间 --trend survey.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -g 期间,产品类别 --trend survey.csv |
		sed "s/^\([^,]*\),\([^,]*\),/\2,\1,/" | sort >actual2 &&
	sort expect >expect2 &&
	test_cmp expect2 actual2
'

test_expect_success '--trend=COL names the period column' '
	cm-survey-calc -g 产品类别,期间 --trend survey.csv >expect &&
	cm-survey-calc -g 产品类别,quarter --trend=quarter quarter.csv |
		sed "1s/quarter/period/" >actual &&
	test_cmp expect actual
'

test_expect_success 'a single -g column is the period column, whatever its name' '
	cat >expect <<-\EOF &&
	quarter,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,trend
	2026Q1,overall,3,2,66.67,3.67,1,1,0,1,0,0,0,20.77,93.85,
	2026Q2,overall,3,2,66.67,3.67,1,1,0,1,0,0,0,20.77,93.85,0.00
	EOF
	cm-survey-calc -g quarter --trend quarter.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--trend without a period column among several: exit 2' '
	usage_error "cm-survey-calc: --trend: no column '\''period'\'' in -g; name the column of the periods with --trend=COL" \
		-g 产品类别,quarter --trend quarter.csv &&
	usage_error "cm-survey-calc: --trend=region names a column that is not in -g" \
		-g 产品类别,期间 --trend=region survey.csv
'

# Forms returned: 2026Q1 3, 2026Q2 3.
test_expect_success 'a population finer than -g is summed to the -g groups' '
	cat >fine.csv <<-\EOF &&
	期间,region,customers,issued
	2026Q1,north,3,2
	2026Q1,south,4,2
	2026Q2,north,2,2
	2026Q2,south,5,3
	EOF
	cat >coarse.csv <<-\EOF &&
	期间,customers,issued
	2026Q1,7,4
	2026Q2,7,5
	EOF
	cm-survey-calc -g 期间 --population coarse.csv --min-return-rate 60 \
		survey.csv >expect &&
	grep "^2026Q1,overall,.*,57.14,75.00,ok$" expect &&
	cm-survey-calc -g 期间 --population fine.csv --min-return-rate 60 \
		survey.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'two population rows equal but for the counts: exit 3' '
	cat >dup.csv <<-\EOF &&
	期间,region,customers,issued
	2026Q1,north,3,2
	2026Q2,north,2,2
	2026Q1,north,4,2
	EOF
	echo "cm-survey-calc: dup.csv:4: a second row for group '\''2026Q1'\''" >expect.err &&
	test_status 3 cm-survey-calc -g 期间 --population dup.csv survey.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success 'a return rate over 100% is exit 3 naming the group' '
	cat >short.csv <<-\EOF &&
	期间,region,customers,issued
	2026Q1,north,3,2
	2026Q1,south,4,2
	2026Q2,north,2,1
	2026Q2,south,5,1
	EOF
	echo "cm-survey-calc: short.csv: group '\''2026Q2'\'': return rate over 100% (3 forms returned of 2 issued)" >expect.err &&
	test_status 3 cm-survey-calc -g 期间 --population short.csv survey.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: --issued: group '\''all'\'': return rate over 100% (6 forms returned of 3 issued)" >expect.err &&
	test_status 3 cm-survey-calc --customers 9 --issued 3 survey.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: --issued: group '\''all'\'': issue rate over 100% (10 forms issued to 9 customers)" >expect.err &&
	test_status 3 cm-survey-calc --customers 9 --issued 10 survey.csv \
		>actual 2>err &&
	test_cmp expect.err err
'

# --reverse=late gives what the same file with late scored max+min-x gives.
test_expect_success '--reverse scores max+min-x before everything else' '
	awk -F, -v OFS=, "NR > 1 && \$5 != \"\" { \$5 = 6 - \$5 } 1" survey.csv >flipped.csv &&
	cm-survey-calc -g 产品类别 -i quality,late --alpha --weights quality=1,late=2 \
		flipped.csv >expect &&
	grep "^环保,late,3,2,66.67,3.33,1,1,0,0,1,0,0," expect &&
	cm-survey-calc -g 产品类别 -i quality,late --alpha --weights quality=1,late=2 \
		--reverse=late survey.csv >actual &&
	test_cmp expect actual &&
	cut -d, -f1,2,4,5 survey.csv >nooverall.csv &&
	cut -d, -f1,2,4,5 flipped.csv >nooverall-flipped.csv &&
	cm-survey-calc -q -i quality,late nooverall-flipped.csv >expect &&
	grep "^overall,6,4,66.67,3.33," expect &&
	cm-survey-calc -q -i quality,late --reverse=late nooverall.csv >actual &&
	test_cmp expect actual
'

# On the four-point scale (1 to 4) a reversed 4 is 1 and a 2 is 3.
test_expect_success '--reverse on another scale mirrors its own min and max' '
	cat >four.csv <<-\EOF &&
	overall,quality,late
	4,4,4
	3,2,1
	2,3,2
	EOF
	cat >four-flipped.csv <<-\EOF &&
	overall,quality,late
	4,4,1
	3,2,4
	2,3,3
	EOF
	cm-survey-calc --scale four-point -i quality,late four-flipped.csv >expect &&
	cm-survey-calc --scale four-point -i quality,late --reverse late \
		four.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--reverse with --partial and --merge is exact and identical' '
	head -4 survey.csv >p1.csv &&
	{ head -1 survey.csv && sed 1,4d survey.csv; } >p2.csv &&
	cm-survey-calc -g 产品类别,期间 -i quality,late --alpha --reverse=late \
		--trend survey.csv >expect &&
	cm-survey-calc --partial -g 产品类别,期间 -i quality,late --alpha \
		--reverse=late p1.csv >part1 &&
	cm-survey-calc --partial -g 产品类别,期间 -i quality,late --alpha \
		--reverse=late p2.csv >part2 &&
	cm-survey-calc --merge -g 产品类别,期间 -i quality,late --alpha \
		--trend part1 part2 >actual &&
	test_cmp expect actual
'

# late=5 on a negative statement is the dissatisfied answer; late=1 is not.
test_expect_success '--dissatisfied tests a reversed item on its reversed score' '
	cat >expect <<-\EOF &&
	product_type,period,overall,quality,late,dissatisfied_items
	环保,2026Q1,2,3,5,overall;late
	非环保,2026Q1,4,2,2,quality
	非环保,2026Q2,2,1,4,overall;quality;late
	EOF
	cm-survey-calc --dissatisfied -i quality,late --reverse=late \
		survey.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--reverse that cannot mean anything: exit 2' '
	usage_error "cm-survey-calc: --reverse names '\''overall'\'', which is not an item (-i)" \
		-i quality,late --reverse=overall survey.csv &&
	usage_error "cm-survey-calc: --reverse names '\''late'\'', which is not an item (-i)" \
		-i quality --reverse=late survey.csv &&
	usage_error "cm-survey-calc: --reverse applies where answers are read: give it to the --partial runs, whose tallies are reversed" \
		--merge -i quality,late --reverse=late survey.csv &&
	printf "1\tbad\n2\tpoor\n5\tgood\n" >gap.scale &&
	usage_error "cm-survey-calc: --reverse needs a scale whose values mirror: 2 is on it, 4 is not" \
		--scale ./gap.scale -i quality,late --reverse=late survey.csv
'

test_done
