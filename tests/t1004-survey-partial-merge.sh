#!/bin/sh

test_description='cm-survey-calc --partial and --merge give what one run gives'

. "$(dirname "$0")/test-lib.sh"

I=quality,delivery,service

# 200 forms from a fixed linear congruential generator (the same numbers
# under any awk): three periods, two product types, ratings as digits,
# words, full-width digits, empty answers and a few invalid ones.
test_expect_success 'setup: 200 generated forms, split in three' '
	awk "
	function next_int(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
	function rating(   r) {
		r = next_int(20)
		if (r == 0) return \"\"
		if (r == 1) return \"x\"
		if (r <= 4) return w[next_int(5) + 1]
		if (r == 5) return \"５\"
		return 1 + next_int(5)
	}
	BEGIN {
		seed = 42
		w[1] = \"很满意\"; w[2] = \"比较满意\"; w[3] = \"基本满意\"
		w[4] = \"不太满意\"; w[5] = \"不满意\"
		p[0] = \"2026Q1\"; p[1] = \"2026Q2\"; p[2] = \"2026Q3\"
		t[0] = \"环保\"; t[1] = \"非环保\"
		print \"id,period,type,overall,quality,delivery,service,comment\"
		for (i = 1; i <= 200; i++)
			printf \"S%03d,%s,%s,%s,%s,%s,%s,\\\"note %d, \\\"\\\"ok\\\"\\\"\\\"\n\", i, p[next_int(3)], t[next_int(2)], rating(), rating(), rating(), rating(), i
	}" >all.csv &&
	test $(wc -l <all.csv) = 201 &&
	cut -d, -f1-3,5- all.csv >nooverall.csv &&
	for f in all nooverall
	do
		csv_parts $f 2,70 71,140 141,201 || exit 1
	done &&
	cat >population.csv <<-\EOF
	period,type,customers,issued
	2026Q1,环保,40,36
	2026Q1,非环保,45,40
	2026Q2,环保,40,35
	2026Q2,非环保,44,40
	2026Q3,环保,42,38
	2026Q3,非环保,41,34
	EOF
'

test_expect_success 'the fixture has every kind of answer' '
	cm-survey-calc -q -i $I all.csv >report &&
	grep "^overall,[0-9]*,[0-9]*,[0-9.]*,[0-9.]*,[0-9]*,[0-9]*,[0-9]*,[0-9]*,[0-9]*,[1-9][0-9]*,[1-9][0-9]*," report &&
	test $(grep -c "" report) = 5
'

# split_run OPTIONS...: --partial on each third, the partials concatenated
# (a header between each), merged; the same options on the whole input.
check_split() {
	base=$1
	shift
	cm-survey-calc -q "$@" $base.csv >expect &&
	cm-survey-calc -q --partial "$@" $base.1.csv >p1 &&
	cm-survey-calc -q --partial "$@" $base.2.csv >p2 &&
	cm-survey-calc -q --partial "$@" $base.3.csv >p3 &&
	cat p1 p2 p3 >partials &&
	test $(grep -c "^.*item,stat,value$" partials) = 3 &&
	cm-survey-calc --merge "$@" partials >actual &&
	test_cmp expect actual &&
	cat p3 p1 p2 | cm-survey-calc --merge "$@" >actual &&
	test_cmp expect actual &&
	cm-survey-calc --merge "$@" p2 p3 p1 >actual &&
	test_cmp expect actual
}

test_expect_success 'plain run' '
	check_split all -i $I
'

test_expect_success 'one partial merged alone is the report' '
	cm-survey-calc -q -i $I all.csv >expect &&
	cm-survey-calc -q --partial -i $I all.csv >p &&
	cm-survey-calc --merge -i $I p >actual &&
	test_cmp expect actual
'

test_expect_success 'grouped by period and type' '
	check_split all -g period,type -i $I
'

test_expect_success 'no overall column: form means merge exactly' '
	check_split nooverall -i $I &&
	check_split nooverall -g type -i $I
'

test_expect_success '--alpha merges exactly' '
	check_split all -g period --alpha -i $I &&
	check_split all --alpha -i $I
'

test_expect_success '200 groups, one a form' '
	check_split all -g id,type --alpha -i $I &&
	test $(grep -c "" expect) = 801
'

test_expect_success '-s and --precision are merge-time settings' '
	cm-survey-calc -q -g type -s 4 --precision 3 -i $I all.csv >expect &&
	cm-survey-calc -q --partial -g type -i $I all.1.csv >q1 &&
	cm-survey-calc -q --partial -g type -i $I all.2.csv >q2 &&
	cm-survey-calc -q --partial -g type -i $I all.3.csv >q3 &&
	cat q1 q2 q3 | cm-survey-calc --merge -g type -s 4 --precision 3 \
		-i $I >actual &&
	test_cmp expect actual
'

test_expect_success 'partials of partials' '
	cm-survey-calc -q -g period,type --alpha -i $I all.csv >expect &&
	for n in 1 2 3
	do
		cm-survey-calc -q --partial -g period,type --alpha -i $I \
			all.$n.csv >p$n || exit 1
	done &&
	cat p1 p2 | cm-survey-calc --merge --partial -g period,type --alpha \
		-i $I >p12 &&
	cat p12 p3 | cm-survey-calc --merge -g period,type --alpha -i $I >actual &&
	test_cmp expect actual &&
	cm-survey-calc -q --partial -g period,type --alpha -i $I all.csv >whole &&
	cm-survey-calc --merge --partial -g period,type --alpha -i $I \
		p12 p3 >actual &&
	test_cmp whole actual
'

test_expect_success 'partials of partials without an overall column' '
	for n in 1 2 3
	do
		cm-survey-calc -q --partial -g type -i $I nooverall.$n.csv >p$n ||
		exit 1
	done &&
	cm-survey-calc --merge --partial -g type -i $I p1 p2 >p12 &&
	cm-survey-calc --merge -g type -i $I p12 p3 >actual &&
	cm-survey-calc -q -g type -i $I nooverall.csv >expect &&
	test_cmp expect actual
'

test_expect_success '--trend, --population and targets apply at merge time' '
	for n in 1 2 3
	do
		cm-survey-calc -q --partial -g period,type -i $I all.$n.csv >p$n ||
		exit 1
	done &&
	test_status 1 cm-survey-calc -g period,type -i $I --trend \
		--weights quality=2,service=1 --population population.csv \
		--min-return-rate 80 --target 60 all.csv >expect 2>all.err &&
	grep -v "invalid rating" all.err >expect.err &&
	test -s expect.err &&
	cat p1 p2 p3 >partials &&
	test_status 1 cm-survey-calc --merge -g period,type -i $I --trend \
		--weights quality=2,service=1 --population population.csv \
		--min-return-rate 80 --target 60 partials >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err
'

test_expect_success 'a merge may group more coarsely than the partials' '
	cm-survey-calc -q --partial -g period,type --alpha -i $I all.csv >fine &&
	cm-survey-calc -q --alpha -i $I all.csv >expect &&
	cm-survey-calc --merge --alpha -i $I fine >actual &&
	test_cmp expect actual &&
	cm-survey-calc -q -g type -i $I all.csv >expect &&
	cm-survey-calc --merge -g type -i $I fine >actual &&
	test_cmp expect actual &&
	cm-survey-calc -q --partial -g period -i $I nooverall.csv >fine &&
	cm-survey-calc -q -i $I nooverall.csv >expect &&
	cm-survey-calc --merge -i $I fine >actual &&
	test_cmp expect actual
'

test_expect_success 'the -i of the merge may list the items in another order' '
	cm-survey-calc -q --partial -i $I all.csv >p &&
	cm-survey-calc -q -i service,quality,delivery all.csv >expect &&
	cm-survey-calc --merge -i service,quality,delivery p >actual &&
	test_cmp expect actual
'

# A run without -i counts the overall answer alone; its partials must
# merge too (DESIGN.md section 3: partials combine exactly), and --merge
# has no items to ask for.
test_expect_success 'partials of runs without -i merge' '
	cm-survey-calc -q -g period all.csv >expect &&
	cm-survey-calc -q --partial -g period all.1.csv >p1 &&
	cm-survey-calc -q --partial -g period all.2.csv >p2 &&
	cm-survey-calc -q --partial -g period all.3.csv >p3 &&
	cat p1 p2 p3 >partials &&
	cm-survey-calc --merge -g period partials >actual &&
	test_cmp expect actual
'

test_expect_success 'a partial is whole numbers in long form' '
	printf "g,overall,a,b\nX,5,4,\nX,2,x,1\nY,3,3,3\n" >tiny.csv &&
	cat >expect <<-\EOF &&
	g,item,stat,value
	X,*,forms,2
	X,overall,n5,1
	X,overall,n2,1
	X,a,n4,1
	X,a,invalid,1
	X,b,n1,1
	X,b,unanswered,1
	Y,*,forms,1
	Y,overall,n3,1
	Y,a,n3,1
	Y,b,n3,1
	EOF
	cm-survey-calc -q --partial -g g -i a,b tiny.csv >actual &&
	test_cmp expect actual
'

test_expect_success '--partial with report options is a usage error' '
	cat >expect.err <<-\EOF &&
	cm-survey-calc: --partial prints tallies; give --trend, --weights, populations and targets to the --merge run
	Try '\''cm-survey-calc --help'\'' for more information.
	EOF
	for opt in "--trend" "--population population.csv" "--target 80" \
		"--weights quality=1" "--min-issue-rate 80 --population population.csv"
	do
		test_status 2 cm-survey-calc --partial -g period -i $I $opt \
			all.csv >actual 2>err &&
		test_cmp expect.err err &&
		test_cmp /dev/null actual || exit 1
	done
'

test_expect_success '--merge without -i: partials of the overall question alone' '
	for n in 1 2 3
	do
		cm-survey-calc -q --partial -g period all.$n.csv >o$n || exit 1
	done &&
	cm-survey-calc -q -g period all.csv >expect &&
	cat o1 o2 o3 | cm-survey-calc --merge -g period >actual &&
	test_cmp expect actual
'

test_expect_success '--merge without -i of partials with items: exit 3' '
	cm-survey-calc -q --partial -i $I all.1.csv >p &&
	line=$(grep -n "^quality," p | head -1 | cut -d: -f1) &&
	echo "cm-survey-calc: p:$line: item not named by -i or --overall: '\''quality'\''" >expect.err &&
	test_status 3 cm-survey-calc --merge p >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success '--merge of something else: exit 3' '
	echo "cm-survey-calc: all.csv:1: not a partial: no item, stat and value columns (make it with --partial)" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I all.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	printf "item,stat,value\n*,forms,3\nquality,n5,x\n" >bad1 &&
	echo "cm-survey-calc: bad1:3: invalid count '\''x'\''" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I bad1 >actual 2>err &&
	test_cmp expect.err err &&
	printf "item,stat,value\n*,forms,3\nquality,n9,1\n" >bad2 &&
	echo "cm-survey-calc: bad2:3: unknown statistic '\''n9'\''" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I bad2 >actual 2>err &&
	test_cmp expect.err err &&
	printf "item,stat,value\nprice,n5,1\n" >bad3 &&
	echo "cm-survey-calc: bad3:2: item not named by -i or --overall: '\''price'\''" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I bad3 >actual 2>err &&
	test_cmp expect.err err &&
	printf "item,stat,value\n*,forms,-1\n" >bad5 &&
	echo "cm-survey-calc: bad5:2: invalid count '\''-1'\''" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I bad5 >actual 2>err &&
	test_cmp expect.err err &&
	printf "item,stat,value\n*,forms,9223372036854775807\n*,forms,1\n" >bad4 &&
	echo "cm-survey-calc: bad4:3: count overflows" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I bad4 >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success '--merge of partials that disagree about overall: exit 3' '
	cm-survey-calc -q --partial -i $I all.1.csv >with &&
	cm-survey-calc -q --partial -i $I nooverall.2.csv >without &&
	echo "cm-survey-calc: without: partials disagree: some counted an overall column, some form means" >expect.err &&
	test_status 3 cm-survey-calc --merge -i $I with without >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_done
