#!/bin/sh

test_description='cm-survey-calc: issue and return rates, targets, trend'

. "$(dirname "$0")/test-lib.sh"

# Forms per group (overall, q):
#   2026Q1 环保    5,4  4,2  3,-     3 forms
#   2026Q1 非环保  2,3               1 form
#   2026Q2 环保    5,5  -,4          2 forms
#   2026Q2 非环保  4,1  5,5          2 forms
# Population (customers, issued) and the rates it gives:
#   2026Q1 环保    5, 4   issue 4/5 = 80.00   return 3/4 = 75.00
#   2026Q1 非环保  4, 2   issue 2/4 = 50.00   return 1/2 = 50.00
#   2026Q2 环保    4, 3   issue 3/4 = 75.00   return 2/3 = 66.67
#   2026Q2 非环保  3, 3   issue 3/3 = 100.00  return 2/3 = 66.67
# The return rate counts returned forms, also those whose overall answer
# is empty (2026Q2 环保: 2 forms returned, 1 overall answer).
test_expect_success 'setup' '
	cat >survey.csv <<-\EOF &&
	period,type,overall,q
	2026Q1,环保,5,4
	2026Q1,环保,4,2
	2026Q1,环保,3,
	2026Q1,非环保,2,3
	2026Q2,环保,5,5
	2026Q2,环保,,4
	2026Q2,非环保,4,1
	2026Q2,非环保,5,5
	EOF
	cat >population.csv <<-\EOF &&
	period,type,customers,issued
	2026Q1,环保,5,4
	2026Q1,非环保,4,2
	2026Q2,环保,4,3
	2026Q2,非环保,3,3
	EOF
	cat >report.csv <<-\EOF
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55
	EOF
'

test_expect_success 'the report without a population' '
	cm-survey-calc -g period,type -i q survey.csv >actual &&
	test_cmp report.csv actual
'

test_expect_success '--population adds issue_rate and return_rate' '
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,80.00,75.00
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55,,
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,50.00,50.00
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,,
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00,75.00,66.67
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,,
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,100.00,66.67
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55,,
	EOF
	cm-survey-calc -g period,type -i q --population population.csv \
		survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'a population with Chinese headers, columns in any order' '
	cat >pop-cn.csv <<-\EOF &&
	发放数,产品类型,客户数,期间
	4,环保,5,2026Q1
	2,非环保,4,2026Q1
	3,环保,4,2026Q2
	3,非环保,3,2026Q2
	EOF
	sed "1s/.*/期间,产品类型,overall,q/" survey.csv >survey-cn.csv &&
	sed "1s/period,type,/period,product_type,/" expect >expect-cn &&
	cm-survey-calc -g 期间,产品类型 -i q --population pop-cn.csv \
		survey-cn.csv >actual &&
	test_cmp expect-cn actual
'

# Everything as one group: 8 forms of 20 customers, 12 issued:
# issue 12/20 = 60.00, return 8/12 = 66.67.  overall 5 4 3 2 5 - 4 5:
# 6 of 7 = 85.71, mean 28/7 = 4.00; q 4 2 - 3 5 4 1 5: 5 of 7 = 71.43,
# mean 24/7 = 3.43.
test_expect_success '--customers and --issued for one group' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate
	overall,7,6,85.71,4.00,3,2,1,1,0,1,0,48.69,97.43,60.00,66.67
	q,7,5,71.43,3.43,2,2,1,1,1,1,0,35.89,91.78,,
	EOF
	cm-survey-calc -i q --customers 20 --issued 12 survey.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -i q --customers=20 --issued=12 survey.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'targets met: a status column, exit 0' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate,status
	overall,7,6,85.71,4.00,3,2,1,1,0,1,0,48.69,97.43,60.00,66.67,ok
	q,7,5,71.43,3.43,2,2,1,1,1,1,0,35.89,91.78,,,
	EOF
	cm-survey-calc -i q --customers 20 --issued 12 --min-issue-rate 60 \
		--min-return-rate 66.66 --target 85.71 survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'a target missed by a hair: exit 1 naming each figure' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate,status
	overall,7,6,85.71,4.00,3,2,1,1,0,1,0,48.69,97.43,60.00,66.67,below
	q,7,5,71.43,3.43,2,2,1,1,1,1,0,35.89,91.78,,,
	EOF
	cat >expect.err <<-\EOF &&
	cm-survey-calc: all: issue rate 60.00% below 60.01% (12 of 20 customers)
	cm-survey-calc: all: return rate 66.67% below 66.70% (8 of 12 issued)
	cm-survey-calc: all: satisfaction 85.71% below target 85.72% (6 of 7 forms)
	EOF
	test_status 1 cm-survey-calc -i q --customers 20 --issued 12 \
		--min-issue-rate 60.01 --min-return-rate 66.7 --target 85.72 \
		survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

# The comparison is exact (2/3 = 66.666...% is below 66.67%) while the
# message shows both figures rounded, so it reads "66.67% below 66.67%".
test_expect_success 'a target compared exactly, not with the rounded rate' '
	cat >expect.err <<-\EOF &&
	cm-survey-calc: all: return rate 66.67% below 66.67% (8 of 12 issued)
	EOF
	test_status 1 cm-survey-calc -i q --customers 20 --issued 12 \
		--min-return-rate 66.67 survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_status 0 cm-survey-calc -i q --customers 20 --issued 12 \
		--min-return-rate 66.6666 survey.csv >actual 2>err &&
	test_cmp /dev/null err
'

# Per group: issue below 80 in 2026Q1 非环保 (50) and 2026Q2 环保 (75),
# 2026Q1 环保 is at 80.00 exactly, which is not below; return below 70 in
# 2026Q1 非环保 (50) and both 2026Q2 groups (66.67); satisfaction below
# 90 only in 2026Q1 非环保 (0 of 1).
test_expect_success 'targets per group: status, exit 1, every failing figure' '
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate,status
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,80.00,75.00,ok
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55,,,
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,50.00,50.00,below
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,,,
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00,75.00,66.67,below
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,,,
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,100.00,66.67,below
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55,,,
	EOF
	cat >expect.err <<-\EOF &&
	cm-survey-calc: 2026Q1,非环保: issue rate 50.00% below 80.00% (2 of 4 customers)
	cm-survey-calc: 2026Q1,非环保: return rate 50.00% below 70.00% (1 of 2 issued)
	cm-survey-calc: 2026Q1,非环保: satisfaction 0.00% below target 90.00% (0 of 1 forms)
	cm-survey-calc: 2026Q2,环保: issue rate 75.00% below 80.00% (3 of 4 customers)
	cm-survey-calc: 2026Q2,环保: return rate 66.67% below 70.00% (2 of 3 issued)
	cm-survey-calc: 2026Q2,非环保: return rate 66.67% below 70.00% (2 of 3 issued)
	EOF
	test_status 1 cm-survey-calc -g period,type -i q \
		--population population.csv --min-issue-rate 80 \
		--min-return-rate 70 --target 90 survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

test_expect_success '--target alone needs no population' '
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,status
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,ok
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55,
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,below
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00,ok
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,ok
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55,
	EOF
	echo "cm-survey-calc: 2026Q1,非环保: satisfaction 0.00% below target 90.00% (0 of 1 forms)" >expect.err &&
	test_status 1 cm-survey-calc -g period,type -i q --target 90 \
		survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	test_status 0 cm-survey-calc -g period,type -i q --target 0 \
		survey.csv >actual 2>err &&
	test_cmp /dev/null err
'

# A group of the population without a single form: its return rate, 0 of
# 4, is what the office must see.  Its satisfaction is unknown and
# counts as below any target, even 0.
test_expect_success 'a population row with no answers' '
	cp population.csv pop3.csv &&
	echo "2026Q3,环保,6,4" >>pop3.csv &&
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate,status
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,80.00,75.00,ok
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55,,,
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,50.00,50.00,ok
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,,,
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00,75.00,66.67,ok
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,,,
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,100.00,66.67,ok
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55,,,
	2026Q3,环保,overall,0,0,,,0,0,0,0,0,0,0,,,66.67,0.00,below
	2026Q3,环保,q,0,0,,,0,0,0,0,0,0,0,,,,,
	EOF
	cat >expect.err <<-\EOF &&
	cm-survey-calc: 2026Q3,环保: return rate 0.00% below 40.00% (0 of 4 issued)
	cm-survey-calc: 2026Q3,环保: satisfaction 0.00% below target 0.00% (0 of 0 forms)
	EOF
	test_status 1 cm-survey-calc -g period,type -i q --population pop3.csv \
		--min-return-rate 40 --target 0 survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

test_expect_success 'a group with answers but no population row: exit 3' '
	grep -v "2026Q2,非环保" population.csv >pop-short.csv &&
	echo "cm-survey-calc: pop-short.csv: no row for group '\''2026Q2,非环保'\''" >expect.err &&
	test_status 3 cm-survey-calc -g period,type -i q \
		--population pop-short.csv survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

# The group is named as everywhere else, its values joined by commas.
test_expect_success 'a second population row for a group: exit 3' '
	printf "period,type,customers,issued\n2026Q1,A,5,4\n2026Q1,A,5,3\n" >bad2.csv &&
	echo "cm-survey-calc: bad2.csv:3: a second row for group '\''2026Q1,A'\''" >expect.err &&
	test_status 3 cm-survey-calc -g period,type --population bad2.csv \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success 'bad population files' '
	printf "period,type,customers,issued\n2026Q1,环保,5,x\n" >bad1.csv &&
	echo "cm-survey-calc: bad1.csv:2:4: invalid issued '\''x'\'' (a whole number)" >expect.err &&
	test_status 3 cm-survey-calc -g period,type --population bad1.csv \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	printf "period,type,customers\n2026Q1,A,5\n" >bad3.csv &&
	echo "cm-survey-calc: bad3.csv:1: a population needs columns '\''customers'\'' and '\''issued'\''" >expect.err &&
	test_status 3 cm-survey-calc -g period,type --population bad3.csv \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	printf "period,customers,issued\n2026Q1,5,4\n" >bad4.csv &&
	echo "cm-survey-calc: bad4.csv:1: no column '\''type'\'' (columns: '\''period'\'', '\''customers'\'', '\''issued'\'')" >expect.err &&
	test_status 3 cm-survey-calc -g period,type --population bad4.csv \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	echo "cm-survey-calc: cannot open '\''nothere.csv'\'': No such file or directory" >expect.err &&
	test_status 4 cm-survey-calc -g period,type --population nothere.csv \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

# Without -g the population file has one row: 20 customers, 12 issued.
test_expect_success '--population without -g' '
	printf "customers,issued\n20,12\n" >one.csv &&
	cm-survey-calc -i q --customers 20 --issued 12 survey.csv >expect &&
	cm-survey-calc -i q --population one.csv survey.csv >actual &&
	test_cmp expect actual &&
	printf "customers,issued\n20,12\n20,12\n" >two.csv &&
	echo "cm-survey-calc: two.csv:3: a second row: without -g a population has one row" >expect.err &&
	test_status 3 cm-survey-calc -i q --population two.csv survey.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success 'a negative count in the population: exit 3' '
	printf "customers,issued\n-3,2\n" >neg.csv &&
	echo "cm-survey-calc: neg.csv:2:1: invalid customers '\''-3'\'' (a whole number)" >expect.err &&
	test_status 3 cm-survey-calc --population neg.csv survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

# A rate over 100% is wrong data (000 §5.3.1.2), not a fine result.
test_expect_success 'more forms issued than customers: exit 3 naming the group' '
	printf "period,type,customers,issued\n2026Q1,环保,3,4\n2026Q1,非环保,4,2\n2026Q2,环保,4,3\n2026Q2,非环保,3,3\n" >over.csv &&
	echo "cm-survey-calc: over.csv: group '\''2026Q1,环保'\'': issue rate over 100% (4 forms issued to 3 customers)" >expect.err &&
	test_status 3 cm-survey-calc -g period,type --population over.csv \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success 'population and target options that do not fit: exit 2' '
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --customers and --issued go together
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc --customers 3 survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --customers and --issued are for one group; with -g or per group use --population
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc --customers 3 --issued 2 -g period \
		survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --min-issue-rate and --min-return-rate need --population or --customers and --issued
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc --min-return-rate 70 survey.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: invalid value '\''120'\'' for --min-issue-rate (a number from 0 to 100)
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc --min-issue-rate 120 survey.csv \
		>actual 2>err &&
	test_cmp expect.err err
'

# Trend per type:          rate          change
#   环保    2026Q1  overall 3/3 = 100    -
#                   q       1/2 = 50     -
#           2026Q2  overall 1/1 = 100    0.00
#                   q       2/2 = 100    +50.00
#           2026Q3  overall 0/1 = 0      -100.00
#                   q       1/1 = 100    0.00
#   非环保  2026Q1  overall 0/1 = 0      -
#                   q       1/1 = 100    -
#           2026Q2  overall 2/2 = 100    +100.00
#                   q       1/2 = 50     -50.00
# 2026Q3 has no 非环保 forms; 环保 2026Q3 follows 环保 2026Q2, never the
# 非环保 group listed just before it.
test_expect_success '--trend follows the same product type' '
	cp survey.csv survey3.csv &&
	echo "2026Q3,环保,2,3" >>survey3.csv &&
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,trend
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55,
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00,0.00
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,50.00
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,100.00
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55,-50.00
	2026Q3,环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,-100.00
	2026Q3,环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,0.00
	EOF
	cm-survey-calc -g period,type -i q --trend survey3.csv >actual &&
	test_cmp expect actual
'

# One group column: 2026Q1 has 1 of 3 satisfied (33.333...), 2026Q2 2 of 3
# (66.666...).  The change is 2/3 - 1/3 = 33.33 points, worked out from
# the counts; the rounded rates would give 66.67 - 33.33 = 33.34.
# 2026Q3: 3 of 4 = 75.00, change 75 - 66.666... = 8.33.
test_expect_success '--trend is exact, not a difference of rounded rates' '
	cat >periods.csv <<-\EOF &&
	period,overall
	2026Q3,5
	2026Q1,5
	2026Q1,1
	2026Q1,2
	2026Q2,3
	2026Q2,4
	2026Q2,2
	2026Q3,4
	2026Q3,3
	2026Q3,1
	EOF
	cat >expect <<-\EOF &&
	period,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,trend
	2026Q1,overall,3,1,33.33,2.67,1,0,0,1,1,0,0,6.15,79.23,
	2026Q2,overall,3,2,66.67,3.00,0,1,1,1,0,0,0,20.77,93.85,33.33
	2026Q3,overall,4,3,75.00,3.25,1,1,1,0,1,0,0,30.06,95.44,8.33
	EOF
	cm-survey-calc -g period --trend periods.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--trend with a population and targets' '
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,trend,issue_rate,return_rate,status
	2026Q1,环保,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,,80.00,75.00,ok
	2026Q1,环保,q,2,1,50.00,3.00,0,1,0,1,0,1,0,9.45,90.55,,,,
	2026Q1,非环保,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,,50.00,50.00,ok
	2026Q1,非环保,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,,,,
	2026Q2,环保,overall,1,1,100.00,5.00,1,0,0,0,0,1,0,20.65,100.00,0.00,75.00,66.67,ok
	2026Q2,环保,q,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,50.00,,,
	2026Q2,非环保,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,100.00,100.00,66.67,ok
	2026Q2,非环保,q,2,1,50.00,3.00,1,0,0,0,1,0,0,9.45,90.55,-50.00,,,
	EOF
	cm-survey-calc -g period,type -i q --trend --population population.csv \
		--min-return-rate 50 survey.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success '--trend needs -g' '
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --trend needs -g with the period column
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc --trend survey.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_done
