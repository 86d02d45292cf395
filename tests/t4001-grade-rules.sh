#!/bin/sh
#
# cm-grade's default rules (share/cm/grade.rules, 001/13): each rule on a
# customer of its own who would also be caught by the rules after it, so
# that the first match is seen to win; the edges of every figure (a year
# to the day, 500,000, 20 employees, the 30% share, the 200,000 bound);
# the Chinese and English words; the shipped examples with English and
# Chinese headers, in UTF-8 and GB18030; the default rule file found
# without -r.
#
# A rule is found by its text, not by a line number written here, so that
# a comment added to grade.rules does not break this script, while a rule
# changed or moved does: the setup pins their order, which is the policy.

test_description='cm-grade: the default rules of 001/13'

. "$(dirname "$0")/test-lib.sh"

HDR=id,name,first_trade,designated,receivables,annual_trade,employees,type,defaults,reputation

# rule_line PREFIX: the line number of the one rule of grade.rules that
# starts with PREFIX; fails when none or more than one does.
rule_line() {
	awk -v p="$1" 'index($0, p) == 1 { n++; at = NR }
	END { if (n != 1) { print "rule \"" p "\": " n + 0 " lines" > "/dev/stderr"; exit 1 }
	      print at }' grade.rules
}

# check_grade GRADE LINE ROW...: each ROW, alone under $HDR, comes out
# unchanged plus GRADE and grade.rules:LINE, with nothing on stderr and
# exit 0.
check_grade() {
	g=$1 l=$2
	shift 2
	for row in "$@"; do
		printf '%s\n%s\n' "$HDR" "$row" >in.csv &&
		cm-grade -r grade.rules --as-of 2026-11-23 in.csv >out 2>err &&
		printf '%s\n%s\n' "$HDR,grade,grade_rule" "$row,$g,grade.rules:$l" \
			>expect &&
		test_cmp expect out &&
		test_cmp /dev/null err ||
		return 1
	done
}

test_expect_success 'setup: the default rules, in the order of the issue' '
	cp "$ROOT/share/cm/grade.rules" grade.rules &&
	nodate=$(rule_line "C empty(first_trade)") &&
	new=$(rule_line "C age(first_trade) < 1y") &&
	a=$(rule_line "A designated ~ ") &&
	big=$(rule_line "C receivables >= 500000") &&
	whole=$(rule_line "C type ~ /批[发發]") &&
	small=$(rule_line "C employees < 20") &&
	shop=$(rule_line "C type ~ /[个個]人商店") &&
	dflt=$(rule_line "C defaults >= 1") &&
	rep=$(rule_line "C reputation ~ ") &&
	share=$(rule_line "C receivables <= 200000 and share(receivables, annual_trade) >= 30") &&
	notrade=$(rule_line "C receivables > 0 and receivables <= 200000 and not (annual_trade > 0)") &&
	b=$(rule_line "B designated ~ ") &&
	rest=$(rule_line "C true") &&
	test "$nodate" -lt "$new" && test "$new" -lt "$a" &&
	test "$a" -lt "$big" && test "$big" -lt "$whole" &&
	test "$whole" -lt "$small" && test "$small" -lt "$shop" &&
	test "$shop" -lt "$dflt" && test "$dflt" -lt "$rep" &&
	test "$rep" -lt "$share" && test "$share" -lt "$notrade" &&
	test "$notrade" -lt "$b" &&
	test "$b" -lt "$rest" &&
	# Nothing but comments and blank lines besides these thirteen rules.
	grep -c "^[ABC] " grade.rules >n &&
	echo 13 >expect && test_cmp expect n &&
	cat >lines.sh <<-EOF
	L_NODATE=$nodate L_NEW=$new L_A=$a L_BIG=$big L_WHOLE=$whole
	L_SMALL=$small L_SHOP=$shop L_DEFAULT=$dflt L_REP=$rep
	L_SHARE=$share L_NOTRADE=$notrade L_B=$b L_REST=$rest
	EOF
'
# The rules' line numbers, for the tests below (missing if setup failed).
test -f lines.sh && . ./lines.sh

# Each customer below is also caught by some rules after the one named:
# the first match decides.
test_expect_success '001/13 (三)7: a customer trading for under a year is C, even designated A with everything against it' '
	check_grade C "$L_NEW" \
		"N1,新创精密,2025-11-24,A,800000,900000,5,批发商,3,差" \
		"N2,Newco,2026-11-23,A,0,100000,500,manufacturer,0,good" \
		"N3,新开,2026年3月1日,B,0,100000,500,制造商,0,良好" \
		"N4,Future,2027-01-01,,0,100000,500,manufacturer,0,good"
'

test_expect_success '001/13 (三)7: no first trade date recorded is taken as new' '
	check_grade C "$L_NODATE" \
		"D1,宏达五金,,A,0,900000,45,制造商,0,良好"
'

test_expect_success 'a customer trading for a year to the day is no longer new' '
	check_grade A "$L_A" "Y1,立信电子,2025-11-23,A,0,0,40,制造商,0,良好" &&
	check_grade A "$L_A" "Y2,立信电子,2025/11/23,A,0,0,40,制造商,0,良好" &&
	check_grade B "$L_B" "Y3,立信电子,2025年11月23日,B,0,0,40,制造商,0,良好"
'

test_expect_success '001/13 (一): designated A is A, whatever the rules after it say' '
	check_grade A "$L_A" \
		"A1,华丰电子,2015-03-12,A,820000.00,9600000.00,5,中间批发商,3,差" \
		"A2,Apex,2012-06-01,a,0,3200000,1200,manufacturer,0,good" \
		"A3,鑫源,2016-04-19,A级,150000,12000000,600,制造商,0,良好" \
		"A4,鑫源,2016-04-19, A級 ,150000,12000000,600,制造商,0,良好"
'

test_expect_success '001/13 (三)2: receivables of 500,000 or more are C unless designated A' '
	check_grade C "$L_BIG" \
		"R1,远东塑胶,2018-09-20,B,500000,4100000,3,批发商,1,差" \
		"R2,远东塑胶,2018-09-20,B,560000.50,400000,300,制造商,0,良好" &&
	check_grade B "$L_B" \
		"R3,远东塑胶,2018-09-20,B,499999.99,4100000,300,制造商,0,良好"
'

test_expect_success '001/13 (三)1: a wholesaler or middleman is C, in Chinese or English' '
	check_grade C "$L_WHOLE" \
		"W1,金诚五金,2016-02-14,B,80000,150000,5,批发商,1,差" \
		"W2,金誠五金,2016-02-14,B,80000,1500000,35,批發商,0,良好" \
		"W3,通达,2016-02-14,B,80000,1500000,35,中间商,0,良好" \
		"W4,通達,2016-02-14,B,80000,1500000,35,區域經銷商,0,良好" \
		"W5,Pacific,2019-11-05,,20000,600000,80,Wholesaler,0,good" \
		"W6,Pacific,2019-11-05,B,20000,600000,80,WHOLESALE,0,good" \
		"W7,Orient,2019-11-05,B,20000,600000,80,distributor,0,good"
'

test_expect_success '001/13 (三)4: fewer than 20 employees is C; 20 is not' '
	check_grade C "$L_SMALL" \
		"S1,明辉电器,2020-04-08,B,40000,80000,19,制造商,2,差" \
		"S2,明辉电器,2020-04-08,B,40000,800000,0,制造商,0,良好" &&
	check_grade B "$L_B" \
		"S3,明辉电器,2020-04-08,B,40000,800000,20,制造商,0,良好"
'

test_expect_success '001/13 (三)4: a one-person shop (个人商店, 个体户) is C, its headcount unknown' '
	check_grade C "$L_SHOP" \
		"P1,老张五金店,2017-07-30,B,5000,6000,,个体工商户,1,差" \
		"P2,老張五金店,2017-07-30,B,5000,60000,,個體戶,0,良好" \
		"P3,小林商店,2017-07-30,B,5000,60000,,个人商店,0,良好" \
		"P4,Joe,2017-07-30,B,5000,60000,,Sole proprietor,0,good"
'

test_expect_success '001/13 (三)5: a prior default is C' '
	check_grade C "$L_DEFAULT" \
		"F1,瑞丰纺织,2014-10-10,B,60000,100000,220,制造商,1,差" \
		"F2,瑞丰纺织,2014-10-10,B,60000,2000000,220,制造商,2,一般" &&
	check_grade B "$L_B" \
		"F3,瑞丰纺织,2014-10-10,B,60000,2000000,220,制造商,0,一般"
'

test_expect_success '001/13 (三)6: a bad reputation is C, in Chinese or English' '
	check_grade C "$L_REP" \
		"B1,东方包装,2016-12-01,B,90000,180000,150,制造商,0,差" \
		"B2,东方包装,2016-12-01,B,90000,1800000,150,制造商,0,较差" \
		"B3,東方包裝,2016-12-01,B,90000,1800000,150,制造商,0,欠佳" \
		"B4,东方包装,2016-12-01,B,90000,1800000,150,制造商,0,有拖欠记录" \
		"B5,东方包装,2016-12-01,B,90000,1800000,150,制造商,0,黑名單" \
		"B6,Northwind,2018-03-15,B,15000,1200000,90,manufacturer,0,\"Poor, pays late\"" \
		"B7,Northwind,2018-03-15,B,15000,1200000,90,manufacturer,0,BAD" \
		"B8,Northwind,2018-03-15,B,15000,1200000,90,manufacturer,0,blacklisted"
'

test_expect_success 'a word that only looks bad is not (不差, not bad, badge)' '
	check_grade B "$L_B" \
		"G1,海通,2021-06-30,B,10000,400000,500,制造商,0,不差" \
		"G2,Kestrel,2011-01-17,B,10000,400000,500,manufacturer,0,not bad" \
		"G3,Kestrel,2011-01-17,B,10000,400000,500,manufacturer,0,gold badge" \
		"G4,海通,2021-06-30,B,10000,400000,500,制造商,0,良好"
'

test_expect_success '001/13 (三)3: receivables of 200,000 or less, 30% or more of the trade, are C' '
	check_grade C "$L_SHARE" \
		"T1,嘉利电子,2019-08-22,B,180000,450000,95,制造商,0,良好" \
		"T2,嘉利电子,2019-08-22,B,60000,200000,95,制造商,0,良好" \
		"T3,嘉利电子,2019-08-22,B,200000,600000,95,制造商,0,良好" \
		"T4,Brightway,2022-02-28,B,199999.99,600000,75,manufacturer,0,Good" \
		"T5,嘉利电子,2019-08-22,,60000,200000,95,制造商,0,良好" &&
	check_grade B "$L_B" \
		"T6,嘉利电子,2019-08-22,B,59999.99,200000,95,制造商,0,良好"
'

test_expect_success 'the 200,000 bound is kept: above it the share does not count' '
	check_grade B "$L_B" \
		"U1,Kestrel,2011-01-17,B,200000.01,400000,180,manufacturer,0,good" \
		"U2,Kestrel,2011-01-17,B,499999,500000,180,manufacturer,0,good"
'

# Owing money with no trade with us is the largest share of all: share()
# is false there (no divisor), so a rule of its own makes it C; owing
# nothing is no share at all.
test_expect_success '001/13 (三)3: owing with no annual trade (empty or zero) is C' '
	check_grade C "$L_NOTRADE" \
		"V1,立信电子,2015-01-01,B,10000,0,40,制造商,0,良好" \
		"V2,立信电子,2015-01-01,B,10000,,40,制造商,0,良好" &&
	check_grade B "$L_B" \
		"V3,立信电子,2015-01-01,B,0,0,40,制造商,0,良好" \
		"V4,立信电子,2015-01-01,B,,,40,制造商,0,良好"
'

# The usual words of a clean credit check negate a bad word: not C.
test_expect_success '001/13 (三)6: a negated bad word is no bad reputation' '
	check_grade B "$L_B" \
		"W1,x,2015-01-01,B,1000,100000,40,制造商,0,无不良记录" \
		"W2,x,2015-01-01,B,1000,100000,40,制造商,0,从未拖欠" \
		"W3,x,2015-01-01,B,1000,100000,40,制造商,0,零差评" \
		"W4,x,2015-01-01,B,1000,100000,40,制造商,0,差不多" \
		"W5,x,2015-01-01,B,1000,100000,40,制造商,0,no bad debts" \
		"W6,x,2015-01-01,B,1000,100000,40,制造商,0,not too bad" &&
	check_grade C "$L_REP" \
		"W7,x,2015-01-01,B,1000,100000,40,制造商,0,有不良记录" \
		"W8,x,2015-01-01,B,1000,100000,40,制造商,0,经常拖欠"
'

# What an input method types: full-width letters, 级/类, 甲/乙.
test_expect_success 'designations written as Ａ, A类, 甲, Ｂ, B级, 乙' '
	check_grade A "$L_A" \
		"Y1,x,2015-01-01,Ａ,1000,100000,40,制造商,0,良好" \
		"Y2,x,2015-01-01,A类,1000,100000,40,制造商,0,良好" \
		"Y3,x,2015-01-01,甲,1000,100000,40,制造商,0,良好" &&
	check_grade B "$L_B" \
		"Y4,x,2015-01-01,Ｂ,1000,100000,40,制造商,0,良好" \
		"Y5,x,2015-01-01,b级,1000,100000,40,制造商,0,良好" \
		"Y6,x,2015-01-01,乙,1000,100000,40,制造商,0,良好"
'

test_expect_success 'empty receivables, headcount and default count catch nobody' '
	check_grade B "$L_B" "E1,永信精工,2013-05-06,B,,,,,,"
'

test_expect_success '001/13 (二): designated B is B' '
	check_grade B "$L_B" \
		"B1,永信精工,2013-05-06,B,120000,2400000,400,制造商,0,良好" \
		"B2,永信精工,2013-05-06,b,120000,2400000,400,制造商,0,良好" \
		"B3,永信精工,2013-05-06,B级,120000,2400000,400,制造商,0,良好"
'

test_expect_success '001/13: every customer not designated is C' '
	check_grade C "$L_REST" \
		"C1,华南化工,2015-11-11,,70000,1100000,260,制造商,0,良好" \
		"C2,华南化工,2015-11-11,C,70000,1100000,260,制造商,0,良好" \
		"C3,华南化工,2015-11-11,AB,70000,1100000,260,制造商,0,良好"
'

# The shipped examples: their grades at 2026-11-23, by id.
test_expect_success 'setup: the grades of the shipped examples' '
	cp "$ROOT/share/cm/examples/customers.csv" \
		"$ROOT/share/cm/examples/customers-zh.csv" . &&
	cat >grades <<-EOF &&
	grade,grade_rule
	A,grade.rules:$L_A
	A,grade.rules:$L_A
	C,grade.rules:$L_NEW
	C,grade.rules:$L_NODATE
	C,grade.rules:$L_BIG
	C,grade.rules:$L_WHOLE
	C,grade.rules:$L_WHOLE
	C,grade.rules:$L_SMALL
	C,grade.rules:$L_SHOP
	C,grade.rules:$L_DEFAULT
	C,grade.rules:$L_REP
	C,grade.rules:$L_REP
	C,grade.rules:$L_SHARE
	B,grade.rules:$L_B
	B,grade.rules:$L_B
	C,grade.rules:$L_REST
	B,grade.rules:$L_B
	C,grade.rules:$L_REST
	A,grade.rules:$L_A
	C,grade.rules:$L_SHARE
	EOF
	test $(wc -l <customers.csv) = 21 &&
	test $(wc -l <customers-zh.csv) = 21 &&
	paste -d, customers.csv grades >expect &&
	# Output headers are canonical (DESIGN.md §2): the mapped Chinese
	# headers come out in English, the unmapped 城市 as it is.
	sed 1d grades >grades.rows &&
	{ echo "$HDR,城市,grade,grade_rule" &&
	  sed 1d customers-zh.csv | paste -d, - grades.rows; } >expect-zh
'

test_expect_success 'customers.csv: every row unchanged plus its grade and rule' '
	cm-grade -r grade.rules --as-of 2026-11-23 customers.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'customers-zh.csv: Chinese headers (out in English) and dates, the same grades' '
	cm-grade -r grade.rules --as-of 2026-11-23 customers-zh.csv >out 2>err &&
	test_cmp expect-zh out &&
	test_cmp /dev/null err
'

test_expect_success 'customers-zh.csv in GB18030 with CRLF, as Excel saves it: the same' '
	sed "s/\$/\r/" customers-zh.csv | iconv -f UTF-8 -t GB18030 >gb.csv &&
	! iconv -f UTF-8 -t UTF-8 gb.csv >/dev/null 2>&1 &&
	cm-grade -r grade.rules --as-of 2026-11-23 gb.csv >out 2>err &&
	test_cmp expect-zh out &&
	test_cmp /dev/null err &&
	cm-grade -r grade.rules --as-of 2026-11-23 --encoding gb18030 <gb.csv >out 2>err &&
	test_cmp expect-zh out &&
	test_cmp /dev/null err
'

test_expect_success 'traditional Chinese headers and words (應收帳款, 從業人員, 批發商)' '
	cat >tw.csv <<-\EOF &&
	客戶編號,名稱,首次交易日期,指定等級,應收帳款,年交易額,從業人員,客戶類型,違約次數,信譽
	T1,金誠,2016/2/14,B,80000,1500000,35,批發商,0,良好
	T2,遠東,2018/9/20,B,560000,4100000,300,製造商,0,良好
	T3,東方,2016/12/1,B,90000,1800000,150,製造商,0,欠佳
	T4,永信,2013/5/6,B,120000,2400000,400,製造商,0,良好
	EOF
	cm-grade -r grade.rules --as-of 2026-11-23 tw.csv >out 2>err &&
	cut -d, -f1,11,12 out >actual &&
	cat >expect-tw <<-EOF &&
	id,grade,grade_rule
	T1,C,grade.rules:$L_WHOLE
	T2,C,grade.rules:$L_BIG
	T3,C,grade.rules:$L_REP
	T4,B,grade.rules:$L_B
	EOF
	test_cmp expect-tw actual &&
	test_cmp /dev/null err
'

test_expect_success 'without -r and --as-of: share/cm/grade.rules at CM_TODAY' '
	cm-grade customers.csv >out 2>err &&
	test_cmp /dev/null err &&
	# The file is named as cm-grade found it: compare from its base name.
	sed "s|,[^,]*/\\(grade\\.rules:[0-9]*\\)\$|,\\1|" out >actual &&
	test_cmp expect actual
'

test_done
