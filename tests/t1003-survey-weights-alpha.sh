#!/bin/sh

test_description='cm-survey-calc --weights and --alpha worked out by hand'

. "$(dirname "$0")/test-lib.sh"

# Four forms, three items:
#
#	form  overall  a  b  c   total a+b+c
#	1     4        3  4  3   10
#	2     5        5  4  5   14
#	3     2        2  3  1    6
#	4     4        4  5  3   12
#
# Means: overall 15/4 = 3.75, a 14/4 = 3.50, b 16/4 = 4.00, c 12/4 = 3.00.
# Index (mean - 1)/4 * 100: overall 68.75, a 62.50, b 75.00, c 50.00.
#
# Cronbach's alpha = k/(k-1) * (1 - sum of item variances / variance of
# the totals), variances with n - 1 = 3:
#   a: deviations from 3.5: -0.5 1.5 -1.5 0.5, squares 5      -> 5/3
#   b: deviations from 4:    0   0   -1   1,  squares 2      -> 2/3
#   c: deviations from 3:    0   2   -2   0,  squares 8      -> 8/3
#   totals: from 10.5: -0.5 3.5 -4.5 1.5, squares 35         -> 35/3
#   alpha = 3/2 * (1 - (15/3)/(35/3)) = 3/2 * 20/35 = 6/7 = 0.857142 -> 0.86
# If deleted (k = 2, 2/1 * (1 - sum/total)):
#   a: b + c = 7 9 4 8, mean 7, squares 0+4+9+1 = 14;
#      2 * (1 - (2+8)/14) = 8/14 = 0.571428 -> 0.57
#   b: a + c = 6 10 3 7, mean 6.5, squares 0.25+12.25+12.25+0.25 = 25;
#      2 * (1 - (5+8)/25) = 24/25 = 0.96
#   c: a + b = 7 9 5 9, mean 7.5, squares 0.25+2.25+6.25+2.25 = 11;
#      2 * (1 - (5+2)/11) = 8/11 = 0.727272 -> 0.73
test_expect_success 'setup' '
	cat >four.csv <<-\EOF
	overall,a,b,c
	4,3,4,3
	5,5,4,5
	2,2,3,1
	4,4,5,3
	EOF
'

# Weighted (a=2, b=1, c=1): (2 * 62.50 + 75.00 + 50.00)/4 = 250/4 = 62.50.
test_expect_success '--weights: an index per item and a weighted row' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,index
	overall,4,3,75.00,3.75,1,2,0,1,0,0,0,30.06,95.44,68.75
	a,4,3,75.00,3.50,1,1,1,1,0,0,0,30.06,95.44,62.50
	b,4,4,100.00,4.00,1,2,1,0,0,0,0,51.01,100.00,75.00
	c,4,3,75.00,3.00,1,0,2,0,1,0,0,30.06,95.44,50.00
	weighted,4,,,,,,,,,,,,,62.50
	EOF
	cm-survey-calc -i a,b,c --weights a=2,b=1,c=1 four.csv >actual &&
	test_cmp expect actual
'

# overall=1, a=1: (68.75 + 62.50)/2 = 65.625, a tie -> 65.63.
# a=0, b=1: b alone, 75.00.  Unnamed items weigh nothing.
test_expect_success '--weights may name overall; weight 0 leaves an item out' '
	cm-survey-calc -i a,b,c --weights overall=1,a=1 four.csv >actual &&
	echo "weighted,4,,,,,,,,,,,,,65.63" >expect &&
	tail -1 actual >last &&
	test_cmp expect last &&
	cm-survey-calc -i a,b,c --weights a=0,b=1 four.csv >actual &&
	echo "weighted,4,,,,,,,,,,,,,75.00" >expect &&
	tail -1 actual >last &&
	test_cmp expect last &&
	cm-survey-calc -i a,b,c --weights b=3 four.csv >actual &&
	tail -1 actual >last &&
	test_cmp expect last
'

# A group where nobody answered c: its index is empty and c drops out of
# the weighted index, which is then (2 * 25.00 + 100.00)/3 = 50.00 for
# a = 2 (index 25), b = 5 (index 100).
test_expect_success '--weights per group, an item without answers' '
	cat >grouped.csv <<-\EOF &&
	g,overall,a,b,c
	X,4,3,4,3
	X,5,5,4,5
	Y,3,2,5,
	EOF
	cat >expect <<-\EOF &&
	g,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,index
	X,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,87.50
	X,a,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00,75.00
	X,b,2,2,100.00,4.00,0,2,0,0,0,0,0,34.24,100.00,75.00
	X,c,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00,75.00
	X,weighted,2,,,,,,,,,,,,,75.00
	Y,overall,1,1,100.00,3.00,0,0,1,0,0,0,0,20.65,100.00,50.00
	Y,a,1,0,0.00,2.00,0,0,0,1,0,0,0,0.00,79.35,25.00
	Y,b,1,1,100.00,5.00,1,0,0,0,0,0,0,20.65,100.00,100.00
	Y,c,0,0,,,0,0,0,0,0,1,0,,,
	Y,weighted,1,,,,,,,,,,,,,50.00
	EOF
	cm-survey-calc -g g -i a,b,c --weights a=2,b=1,c=1 grouped.csv >actual &&
	test_cmp expect actual
'

# Four-point scale: index (mean - 1)/3 * 100.  overall 4 3 1 3: mean
# 11/4 = 2.75 -> 58.33; x 4 1 1: mean 2 -> 33.33; weighted equally
# (58.333 + 33.333)/2 = 45.83.
test_expect_success '--weights on another scale: (mean - min)/(max - min)' '
	cat >fourpt.csv <<-\EOF &&
	overall,x
	4,4
	3,1
	1,1
	3,
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,index
	overall,4,3,75.00,2.75,1,2,0,1,0,0,30.06,95.44,58.33
	x,3,1,33.33,2.00,1,0,0,2,1,0,6.15,79.23,33.33
	weighted,4,,,,,,,,,,,,45.83
	EOF
	cm-survey-calc --scale "$ROOT/share/cm/scales/four-point.scale" -i x \
		--weights overall=1,x=1 fourpt.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--alpha: alpha, alpha if each item were deleted, alpha_n' '
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,alpha,alpha_if_deleted,alpha_n
	overall,4,3,75.00,3.75,1,2,0,1,0,0,0,30.06,95.44,0.86,,4
	a,4,3,75.00,3.50,1,1,1,1,0,0,0,30.06,95.44,0.86,0.57,4
	b,4,4,100.00,4.00,1,2,1,0,0,0,0,51.01,100.00,0.86,0.96,4
	c,4,3,75.00,3.00,1,0,2,0,1,0,0,30.06,95.44,0.86,0.73,4
	EOF
	cm-survey-calc -i a,b,c --alpha four.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success '--alpha --precision 4: 6/7, 8/14, 24/25, 8/11' '
	cut -d, -f15-17 <<-\EOF >expect &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,alpha,alpha_if_deleted,alpha_n
	overall,,,,,,,,,,,,,,0.8571,,4
	a,,,,,,,,,,,,,,0.8571,0.5714,4
	b,,,,,,,,,,,,,,0.8571,0.9600,4
	c,,,,,,,,,,,,,,0.8571,0.7273,4
	EOF
	cm-survey-calc -i a,b,c --alpha --precision 4 four.csv >out &&
	cut -d, -f15-17 out >actual &&
	test_cmp expect actual
'

# Only complete forms count for alpha: a form with c empty and one with
# an invalid a leave alpha as above (alpha_n 4), while n, means and the
# index see every answer.
test_expect_success '--alpha counts only forms with every item answered' '
	cp four.csv six.csv &&
	echo "3,x,5,5" >>six.csv &&
	echo "1,1,1," >>six.csv &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,index,alpha,alpha_if_deleted,alpha_n
	overall,6,4,66.67,3.17,1,2,1,1,1,0,0,30.00,90.32,54.17,0.86,,4
	a,5,3,60.00,3.00,1,1,1,1,1,0,1,23.07,88.24,50.00,0.86,0.57,4
	b,6,5,83.33,3.67,2,2,1,0,1,0,0,43.65,96.99,66.67,0.86,0.96,4
	c,5,4,80.00,3.40,2,0,2,0,1,1,0,37.55,96.38,60.00,0.86,0.73,4
	weighted,6,,,,,,,,,,,,,66.67,,,
	EOF
	cm-survey-calc -q -i a,b,c --alpha --weights a=0,b=1 six.csv >actual &&
	test_cmp expect actual
'

# Group A: x 1 3 5, y 5 1 3: variances 4 and 4, totals 6 4 8 variance 4:
#   alpha = 2 * (1 - 8/4) = -2.00 (negatively related items).
# Group B: complete forms (5,5) and (1,1): variances 8 and 8, totals 10 2
#   variance 32: alpha = 2 * (1 - 16/32) = 1.00; the third form misses x.
# With two items, deleting one leaves one: alpha_if_deleted is empty.
test_expect_success '--alpha per group, negative alpha, two items' '
	cat >neg.csv <<-\EOF &&
	g,overall,x,y
	A,3,1,5
	A,4,3,1
	A,5,5,3
	B,5,5,5
	B,1,1,1
	B,3,,2
	EOF
	cat >expect <<-\EOF &&
	g,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,alpha,alpha_if_deleted,alpha_n
	A,overall,3,3,100.00,4.00,1,1,1,0,0,0,0,43.85,100.00,-2.00,,3
	A,x,3,2,66.67,3.00,1,0,1,0,1,0,0,20.77,93.85,-2.00,,3
	A,y,3,2,66.67,3.00,1,0,1,0,1,0,0,20.77,93.85,-2.00,,3
	B,overall,3,2,66.67,3.00,1,0,1,0,1,0,0,20.77,93.85,1.00,,2
	B,x,2,1,50.00,3.00,1,0,0,0,1,1,0,9.45,90.55,1.00,,2
	B,y,3,1,33.33,2.67,1,0,0,1,1,0,0,6.15,79.23,1.00,,2
	EOF
	cm-survey-calc -g g -i x,y --alpha neg.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

# Group P has one complete form: no alpha.  Group Q has two, (3 4 3) and
# (5 4 5): variances a 2, b 0, c 2, totals 10 14 variance 8:
#   alpha = 3/2 * (1 - 4/8) = 0.75; without a: b c, 0 + 2 over totals 7 9
#   (variance 2): 2 * (1 - 2/2) = 0.00; without b: a c, 4 over totals 6 10
#   (variance 8): 1.00; without c: as without a, 0.00.
test_expect_success '--alpha with fewer than 2 complete forms: empty, a notice' '
	cat >short.csv <<-\EOF &&
	g,overall,a,b,c
	P,4,3,4,3
	P,5,5,,5
	Q,4,3,4,3
	Q,5,5,4,5
	EOF
	cat >expect <<-\EOF &&
	g,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,alpha,alpha_if_deleted,alpha_n
	P,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,,,1
	P,a,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00,,,1
	P,b,1,1,100.00,4.00,0,1,0,0,0,1,0,20.65,100.00,,,1
	P,c,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00,,,1
	Q,overall,2,2,100.00,4.50,1,1,0,0,0,0,0,34.24,100.00,0.75,,2
	Q,a,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00,0.75,0.00,2
	Q,b,2,2,100.00,4.00,0,2,0,0,0,0,0,34.24,100.00,0.75,1.00,2
	Q,c,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00,0.75,0.00,2
	EOF
	echo "cm-survey-calc: P: alpha needs at least 2 forms with every item answered (has 1)" >expect.err &&
	cm-survey-calc -g g -i a,b,c --alpha short.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	cm-survey-calc -q -g g -i a,b,c --alpha short.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success '--alpha with one item: a notice' '
	echo "cm-survey-calc: --alpha needs at least 2 items (-i)" >expect.err &&
	cm-survey-calc -i a --alpha four.csv >actual 2>err &&
	test_cmp expect.err err &&
	head -2 actual >first &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,alpha,alpha_if_deleted,alpha_n
	overall,4,3,75.00,3.75,1,2,0,1,0,0,0,30.06,95.44,,,4
	EOF
	test_cmp expect first
'

test_expect_success 'bad --weights: exit 2' '
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --weights names '\''d'\'', which is not an item (-i)
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc -i a,b,c --weights d=1 four.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: invalid weight '\''a'\'' (expected ITEM=WEIGHT)
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc -i a,b,c --weights a four.csv \
		>actual 2>err &&
	test_cmp expect.err err &&
	cat >expect.err <<-\EOF &&
	cm-survey-calc: invalid value '\''heavy'\'' for --weights (a number from 0 to 1e+06)
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	test_status 2 cm-survey-calc -i a,b,c --weights a=heavy four.csv \
		>actual 2>err &&
	test_cmp expect.err err
'

test_done
