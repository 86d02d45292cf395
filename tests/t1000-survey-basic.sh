#!/bin/sh
#
# The numbers in this file are worked out by hand in the comments; nothing
# here was copied from the program's own output without checking it.

test_description='cm-survey-calc: rates, means, counts and Wilson intervals checked by hand'

. "$(dirname "$0")/test-lib.sh"

# Wilson 95% score interval, used throughout (z = 1.959964, z^2 = 3.841459):
#
#	p = s/n,  centre = (p + z^2/2n) / (1 + z^2/n),
#	half = z * sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n),
#	ci_low = centre - half, ci_high = centre + half   (times 100)
#
# At s = 0 the low end is exactly 0 and the high end z^2/(n + z^2); at
# s = n the high end is exactly 100 and the low end n/(n + z^2).

test_expect_success 'setup: five forms rated in every accepted way' '
	cat >basic.csv <<-\EOF &&
	id,overall,quality,delivery,service
	1,5,很满意,Very Satisfied,５
	2,4,比较满意,satisfied,5.0
	3,基本满意,基本满意,basically satisfied,
	4,不太满意,不太满意,NOT VERY SATISFIED,３
	5,５,不满意, dissatisfied ,2.0
	EOF
	cut -d, -f1,3- basic.csv >nooverall.csv
'

# overall: 5, 4, 3 (基本满意), 2 (不太满意), 5 (full-width ５)
#   n = 5, satisfied (>= 3) = 4 -> 4/5 = 80.00; mean 19/5 = 3.80
#   Wilson 4 of 5: p = 0.8, 1 + z^2/5 = 1.768292,
#     centre = (0.8 + 0.384146) / 1.768292 = 0.669655,
#     half = 1.959964 * sqrt(0.032 + 0.038415) / 1.768292
#          = 1.959964 * 0.265357 / 1.768292 = 0.294121,
#     ci = 0.375535 .. 0.963776 -> 37.55, 96.38
# quality: the five Chinese words, 5 4 3 2 1: 3 of 5 = 60.00, mean 15/5 = 3.00
#   Wilson 3 of 5: centre (0.6 + 0.384146)/1.768292 = 0.556552,
#     half 1.959964 * sqrt(0.048 + 0.038415)/1.768292 = 0.325827
#     -> 23.07, 88.24
# delivery: the five English words (any case, spaces around): as quality
# service: ５ 5.0 (empty) ３ 2.0 -> 5 5 3 2, one unanswered:
#   3 of 4 = 75.00, mean 15/4 = 3.75; Wilson 3 of 4 -> 30.06, 95.44
test_expect_success 'digits, Chinese and English words, full-width digits, 5.0, empty' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,4,80.00,3.80,2,1,1,1,0,0,0,37.55,96.38
	quality,5,3,60.00,3.00,1,1,1,1,1,0,0,23.07,88.24
	delivery,5,3,60.00,3.00,1,1,1,1,1,0,0,23.07,88.24
	service,4,3,75.00,3.75,2,0,1,1,0,1,0,30.06,95.44
	EOF
	cm-survey-calc -i quality,delivery,service basic.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'traditional characters of seed 001 are the same words' '
	cat >trad.csv <<-\EOF &&
	overall
	很滿意
	比較滿意
	基本滿意
	不太滿意
	不滿意
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,3,60.00,3.00,1,1,1,1,1,0,0,23.07,88.24
	EOF
	cm-survey-calc trad.csv >actual &&
	test_cmp expect actual
'

# -s 4: only 4 and 5 count.  overall 5 4 5 -> 3 of 5 = 60.00 (23.07, 88.24);
# quality and delivery 5 4 -> 2 of 5 = 40.00 (Wilson 2 of 5: 11.76, 76.93);
# service 5 5 of 4 answers -> 50.00 (Wilson 2 of 4: centre 0.5, half
# 1.959964 * sqrt(0.0625 + 0.060037)/1.960365 = 0.349961 -> 15.00, 85.00).
test_expect_success '-s sets the lowest satisfied rating' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,3,60.00,3.80,2,1,1,1,0,0,0,23.07,88.24
	quality,5,2,40.00,3.00,1,1,1,1,1,0,0,11.76,76.93
	delivery,5,2,40.00,3.00,1,1,1,1,1,0,0,11.76,76.93
	service,4,2,50.00,3.75,2,0,1,1,0,1,0,15.00,85.00
	EOF
	cm-survey-calc -s 4 -i quality,delivery,service basic.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --satisfied-min=4 -i quality,delivery,service \
		basic.csv >actual &&
	test_cmp expect actual
'

# Eight forms.  overall 5 5 4 3 3 2 2 1: 5 of 8 = 62.50 exactly; the mean
# 25/8 = 3.125 is a tie at the third decimal and rounds away from zero to
# 3.13 (printf's %.2f, rounding the binary 3.125 to even, would say 3.12).
# q: 3 1 1 1 1 1 1 1: 1 of 8 = 12.50, mean 10/8 = 1.25.
# Wilson 5 of 8 -> 30.57, 86.32; 1 of 8 -> 2.24, 47.09.
test_expect_success 'rates and means round half away from zero' '
	cat >eight.csv <<-\EOF &&
	overall,q
	5,3
	5,1
	4,1
	3,1
	3,1
	2,1
	2,1
	1,1
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,8,5,62.50,3.13,2,1,2,2,1,0,0,30.57,86.32
	q,8,1,12.50,1.25,0,0,1,0,7,0,0,2.24,47.09
	EOF
	cm-survey-calc -i q eight.csv >actual &&
	test_cmp expect actual
'

# --precision 0: 62.5 -> 63, 12.5 -> 13, 3.125 -> 3, 1.25 -> 1, and the
# Wilson ends 30.57 -> 31, 86.32 -> 86, 2.24 -> 2, 47.09 -> 47.
test_expect_success '--precision 0 rounds x.5 away from zero' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,8,5,63,3,2,1,2,2,1,0,0,31,86
	q,8,1,13,1,0,0,1,0,7,0,0,2,47
	EOF
	cm-survey-calc --precision 0 -i q eight.csv >actual &&
	test_cmp expect actual
'

# 1 satisfied form of 32: 100/32 = 3.125 -> 3.13 (not 3.12).
# Mean (3 + 31)/32 = 1.0625 -> 1.06.  Wilson 1 of 32: p = 0.03125,
# 1 + z^2/32 = 1.120046, centre (0.03125 + 0.060023)/1.120046 = 0.081490,
# half 1.959964 * sqrt(0.000946 + 0.000938)/1.120046 = 0.075952
# -> 0.55, 15.74.
test_expect_success '1 of 32 is 3.13' '
	awk "BEGIN { print \"overall\"; print 3; for (i = 1; i < 32; i++) print 1 }" \
		>thirtytwo.csv &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,32,1,3.13,1.06,0,0,1,0,31,0,0,0.55,15.74
	EOF
	cm-survey-calc thirtytwo.csv >actual &&
	test_cmp expect actual
'

# Ties a binary double gets wrong.  200 forms, one rated 2 and 199 rated 1:
# mean 201/200 = 1.005 -> 1.01 (the double 1.005 is 1.00499999...);
# 0 of 200 satisfied: ci_high = z^2/(200 + z^2) = 3.841459/203.841459
# = 0.018845 -> 1.88.
# 2000 forms, 3 rated 3 and 1997 rated 1, --precision 1: 3/2000 = 0.15%
# -> 0.2 (the double 0.15 is 0.1499999...); mean 2006/2000 = 1.003 -> 1.0;
# Wilson 3 of 2000 -> 0.05, 0.44 -> 0.1, 0.4.
test_expect_success 'exact ties that a double would round down' '
	awk "BEGIN { print \"overall\"; print 2; for (i = 1; i < 200; i++) print 1 }" \
		>twohundred.csv &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,200,0,0.00,1.01,0,0,0,1,199,0,0,0.00,1.88
	EOF
	cm-survey-calc twohundred.csv >actual &&
	test_cmp expect actual &&
	awk "BEGIN { print \"overall\"; for (i = 0; i < 2000; i++) print (i < 3 ? 3 : 1) }" \
		>twothousand.csv &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,2000,3,0.2,1.0,0,0,3,0,1997,0,0,0.1,0.4
	EOF
	cm-survey-calc --precision 1 twothousand.csv >actual &&
	test_cmp expect actual
'

# 0 of 3: ci_low exactly 0, ci_high = z^2/(3 + z^2) = 3.841459/6.841459
# = 0.561497 -> 56.15.  3 of 3: ci_low = 3/6.841459 = 0.438503 -> 43.85,
# ci_high exactly 100.  With nine decimals the ends are still exact.
test_expect_success 'the interval is exact at 0 of n and n of n' '
	cat >ends.csv <<-\EOF &&
	overall,bad
	5,1
	4,2
	3,1
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00
	bad,3,0,0.00,1.33,0,0,0,1,2,0,0,0.00,56.15
	EOF
	cm-survey-calc -i bad ends.csv >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,3,3,100.000000000,4.000000000,1,1,1,0,0,0,0,43.850296824,100.000000000
	bad,3,0,0.000000000,1.333333333,0,0,0,1,2,0,0,0.000000000,56.149703176
	EOF
	cm-survey-calc --precision 9 -i bad ends.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--precision 4 and 0' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,4,80.0000,3.8000,2,1,1,1,0,0,0,37.5535,96.3776
	service,4,3,75.0000,3.7500,2,0,1,1,0,1,0,30.0642,95.4413
	EOF
	cm-survey-calc --precision 4 -i service basic.csv >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,4,80,4,2,1,1,1,0,0,0,38,96
	service,4,3,75,4,2,0,1,1,0,1,0,30,95
	EOF
	cm-survey-calc --precision=0 -i service basic.csv >actual &&
	test_cmp expect actual
'

# Without an overall column a form is satisfied when the mean of its
# answered items is at least 3:
#   form 1: 5 5 5 = 5        form 2: 4 4 5 = 13/3    form 3: 3 3 - = 3
#   form 4: 2 2 3 = 7/3      form 5: 1 1 2 = 4/3
# satisfied: forms 1-3, 3 of 5 = 60.00 (23.07, 88.24); the mean of the
# form means is (5 + 13/3 + 3 + 7/3 + 4/3)/5 = 16/5 = 3.20.  The overall
# row counts forms, not answers: n5..n1 are empty.
test_expect_success 'no overall column: the mean of a form decides' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,3,60.00,3.20,,,,,,0,0,23.07,88.24
	quality,5,3,60.00,3.00,1,1,1,1,1,0,0,23.07,88.24
	delivery,5,3,60.00,3.00,1,1,1,1,1,0,0,23.07,88.24
	service,4,3,75.00,3.75,2,0,1,1,0,1,0,30.06,95.44
	EOF
	cm-survey-calc -i quality,delivery,service nooverall.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'no overall column: -v says how forms are judged' '
	cat >expect <<-\EOF &&
	cm-survey-calc: nooverall.csv: no column '\''overall'\'': a form is satisfied when the mean of its items is at least 3
	cm-survey-calc: nooverall.csv: read as UTF-8
	EOF
	cm-survey-calc -v -i quality,delivery,service nooverall.csv >/dev/null 2>err &&
	test_cmp expect err
'

# The overall row counts forms.  One with no item answered is unanswered;
# one whose answers are all invalid is invalid; one with a valid answer
# beside an invalid one is judged by its valid answers (the bad cell shows
# in the item's own invalid count).  Forms: (4, 2) mean 3 satisfied;
# (2, 3) mean 2.5 not; (empty, empty) unanswered; (x, 5) mean 5
# satisfied; (x, empty) invalid.  n 3 + unanswered 1 + invalid 1 = 5
# forms; satisfied 2 of 3 = 66.67, mean (3 + 2.5 + 5)/3 = 3.50.
# Wilson 2 of 3: centre (0.666667 + 0.640243)/2.280486 = 0.573084,
# half 1.959964 * sqrt(0.074074 + 0.106707)/2.280486 = 0.365424
# -> 20.77, 93.85.
test_expect_success 'no overall column: unanswered and invalid forms' '
	cat >forms.csv <<-\EOF &&
	a,b
	4,2
	2,3
	,
	x,5
	x,
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,3,2,66.67,3.50,,,,,,0,1,20.77,93.85
	a,2,1,50.00,3.00,0,1,0,1,0,0,2,9.45,90.55
	b,3,2,66.67,3.33,1,0,1,1,0,1,0,20.77,93.85
	EOF
	cm-survey-calc -q -i a,b forms.csv >actual &&
	test_cmp expect actual
'

# The mean of form means is a ratio too: 200 forms of three items, three
# rated (3, 3, 4) and 197 (3, 3, 3), have form means summing to
# 3 * 10/3 + 197 * 3 = 601, and 601/200 = 3.005 -> 3.01.  All 200 are
# satisfied; ci_low = 200/(200 + z^2) = 0.981155 -> 98.12.
test_expect_success 'no overall column: the mean of form means rounds exactly' '
	awk "BEGIN { print \"a,b,c\"; for (i = 0; i < 200; i++) print (i < 3 ? \"3,3,4\" : \"3,3,3\") }" \
		>thirds.csv &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,200,200,100.00,3.01,,,,,,0,0,98.12,100.00
	a,200,200,100.00,3.00,0,0,200,0,0,0,0,98.12,100.00
	b,200,200,100.00,3.00,0,0,200,0,0,0,0,98.12,100.00
	c,200,200,100.00,3.02,0,3,197,0,0,0,0,98.12,100.00
	EOF
	cm-survey-calc -i a,b,c thirds.csv >actual &&
	test_cmp expect actual
'

# Headers in Chinese map to the canonical names through columns.map:
# 客户总体评价 -> overall, 产品品质 -> quality, 交货期 -> delivery.
# overall 5 3 2 -> 2 of 3 (20.77, 93.85), mean 10/3 = 3.33;
# quality 4 4 1 -> 2 of 3, mean 3.00; delivery 3 2 2 -> 1 of 3, mean 2.33
# (Wilson 1 of 3: centre 0.426916, half 0.365424 -> 6.15, 79.23).
test_expect_success 'setup: a questionnaire with Chinese headers' '
	cat >cn.csv <<-\EOF
	问卷编号,客户总体评价,产品品质,交货期,满意程度
	S1,5,4,3,1
	S2,3,4,2,2
	S3,2,1,2,5
	EOF
'

test_expect_success 'Chinese headers map to canonical names' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,3,2,66.67,3.33,1,0,1,1,0,0,0,20.77,93.85
	quality,3,2,66.67,3.00,0,2,0,0,1,0,0,20.77,93.85
	delivery,3,1,33.33,2.33,0,0,1,2,0,0,0,6.15,79.23
	EOF
	cm-survey-calc -i quality,delivery cn.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -i 产品品质,交期 cn.csv >actual &&
	test_cmp expect actual
'

test_expect_success '总体评价 is overall too' '
	sed "1s/客户总体评价/总体评价/" cn.csv >cn2.csv &&
	cm-survey-calc -i quality,delivery cn2.csv >actual &&
	test_cmp expect actual
'

# --overall 满意程度: 1 2 5 -> 1 of 3 = 33.33, mean 8/3 = 2.67.  The row is
# still called overall.
test_expect_success '--overall names another column' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,3,1,33.33,2.67,1,0,0,1,1,0,0,6.15,79.23
	quality,3,2,66.67,3.00,0,2,0,0,1,0,0,20.77,93.85
	EOF
	cm-survey-calc --overall 满意程度 -i quality cn.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--map OLD=NEW renames a header' '
	cm-survey-calc --map 满意程度=happy --overall happy -i quality \
		cn.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --map 客户总体评价=first --map 满意程度=overall \
		-i quality cn.csv >actual &&
	test_cmp expect actual
'

# Two group columns.  2026Q1/A: overall 5 4, q 4 2; 2026Q1/B: overall 3,
# q 3; 2026Q2/A: overall 2, q 5.
# Wilson 2 of 2: low 2/(2 + z^2) = 0.342380 -> 34.24; 1 of 2: centre 0.5,
# half 1.959964 * sqrt(0.125 + 0.240091)/2.920729 = 0.405469 -> 9.45, 90.55;
# 1 of 1: low 1/(1 + z^2) = 0.206549 -> 20.65; 0 of 1: high 79.35.
test_expect_success '-g with two columns' '
	cat >groups.csv <<-\EOF &&
	period,type,overall,q
	2026Q2,A,2,5
	2026Q1,B,3,3
	2026Q1,A,5,4
	2026Q1,A,4,2
	EOF
	cat >expect <<-\EOF &&
	period,type,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	2026Q1,A,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00
	2026Q1,A,q,2,1,50.00,3.00,0,1,0,1,0,0,0,9.45,90.55
	2026Q1,B,overall,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00
	2026Q1,B,q,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00
	2026Q2,A,overall,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35
	2026Q2,A,q,1,1,100.00,5.00,1,0,0,0,0,0,0,20.65,100.00
	EOF
	cm-survey-calc -g period,type -i q groups.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --by=period,type --items=q groups.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'several input files add up, whatever their column order' '
	head -3 basic.csv >part1.csv &&
	{
		echo "service,delivery,quality,overall,id" &&
		sed -n "4,6p" basic.csv |
		awk -F, "{ print \$5 \",\" \$4 \",\" \$3 \",\" \$2 \",\" \$1 }"
	} >part2.csv &&
	cm-survey-calc -i quality,delivery,service basic.csv >expect &&
	cm-survey-calc -i quality,delivery,service part1.csv part2.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -i quality,delivery,service part1.csv - <part2.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'standard input when no file is named' '
	cm-survey-calc -i quality,delivery,service basic.csv >expect &&
	cm-survey-calc -i quality,delivery,service <basic.csv >actual &&
	test_cmp expect actual
'

# CJK characters count two columns: 非环保产品 is 10 wide, 外观 4; numbers
# are right-aligned, text left-aligned, columns two spaces apart, trailing
# blanks cut.
test_expect_success '--format table aligns Chinese text' '
	cat >tab.csv <<-\EOF &&
	类型,overall,外观
	环保,5,4
	环保,3,2
	非环保产品,4,
	EOF
	cat >expect <<-\EOF &&
	类型        item     n  satisfied  rate    mean  n5  n4  n3  n2  n1  unanswered  invalid  ci_low  ci_high
	环保        overall  2          2  100.00  4.00   1   0   1   0   0           0        0   34.24   100.00
	环保        外观     2          1   50.00  3.00   0   1   0   1   0           0        0    9.45    90.55
	非环保产品  overall  1          1  100.00  4.00   0   1   0   0   0           0        0   20.65   100.00
	非环保产品  外观     0          0                 0   0   0   0   0           1        0
	EOF
	cm-survey-calc --format table -g 类型 -i 外观 tab.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--excel writes a UTF-8 BOM and CRLF' '
	printf "\357\273\277item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high\r\n" >expect &&
	printf "overall,5,4,80.00,3.80,2,1,1,1,0,0,0,37.55,96.38\r\n" >>expect &&
	printf "service,4,3,75.00,3.75,2,0,1,1,0,1,0,30.06,95.44\r\n" >>expect &&
	cm-survey-calc --excel -i service basic.csv >actual &&
	test_cmp expect actual &&
	od -An -c actual | head -1 | tr -s " " >od.actual &&
	echo " 357 273 277 i t e m , n , s a t i s f" >od.expect &&
	test_cmp od.expect od.actual
'

test_expect_success '-t reads and writes TSV' '
	tr , "\t" <basic.csv >basic.tsv &&
	printf "item\tn\tsatisfied\trate\tmean\tn5\tn4\tn3\tn2\tn1\tunanswered\tinvalid\tci_low\tci_high\n" >expect &&
	printf "overall\t5\t4\t80.00\t3.80\t2\t1\t1\t1\t0\t0\t0\t37.55\t96.38\n" >>expect &&
	printf "service\t4\t3\t75.00\t3.75\t2\t0\t1\t1\t0\t1\t0\t30.06\t95.44\n" >>expect &&
	cm-survey-calc -t -i service basic.tsv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --tsv -i service basic.tsv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --format tsv -i service basic.csv >actual &&
	test_cmp expect actual
'

test_expect_success '-t reads a comma as data' '
	echo "cm-survey-calc: basic.csv:1: no column '\''service'\'' (columns: '\''id,overall,quality,delivery,serv...'\'')" >expect &&
	test_status 3 cm-survey-calc -t -i service basic.csv >out 2>err &&
	test_cmp expect err &&
	test_cmp /dev/null out
'

test_expect_success '-d takes another delimiter' '
	tr , ";" <basic.csv >semi.csv &&
	cm-survey-calc -i service basic.csv | tr , ";" >expect &&
	cm-survey-calc -d ";" -i service semi.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -i service basic.csv | tr , "\t" >expect &&
	cm-survey-calc -d tab -i service basic.tsv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -d "\\t" -i service basic.tsv >actual &&
	test_cmp expect actual
'

# Spaces (ASCII and the ideographic U+3000) around a rating do not matter,
# nor leading zeros or zeros after the point; a sign, a fraction or a
# full-width point do.  Valid: 05 5. " 5 " "　4　" 4.000 -> 5 5 5 4 4.
test_expect_success 'what else is a number' '
	cat >numbers.csv <<-\EOF &&
	overall
	05
	5.
	" 5 "
	　4　
	4.000
	+5
	5.5
	-1
	５．０
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,5,100.00,4.60,3,2,0,0,0,0,4,56.55,100.00
	EOF
	cm-survey-calc -q numbers.csv >actual &&
	test_cmp expect actual
'

test_expect_success '-o FILE writes the file and nothing to stdout' '
	cm-survey-calc -i service basic.csv >expect &&
	cm-survey-calc -o result.csv -i service basic.csv >out &&
	test_cmp /dev/null out &&
	test_cmp expect result.csv &&
	echo old >result.csv &&
	cm-survey-calc --output=result.csv -i service basic.csv &&
	test_cmp expect result.csv &&
	cm-survey-calc -o - -i service basic.csv >actual &&
	test_cmp expect actual &&
	ls >files &&
	! grep "result.csv." files
'

test_done
