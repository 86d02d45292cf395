#!/bin/sh
#
# cm-sample --visits: the month's visit plan of 001/5 §4.3.1: at least
# --rate (10%) of the households, rounded up and raised to the must list;
# the callbacks first, in the must file's order, with their reason; then
# random households in input order; phone for at most --phone-max (50%)
# of the plan, given to the callbacks first.  The seed is the month.

test_description='cm-sample --visits: plan sizes, callbacks first, phone limit'

. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: 100 households, 60 East, 40 West; three callbacks' '
	{
		echo customer,estate &&
		for i in $(seq 1 100); do
			if test $i -le 60; then echo "H$i,East"; else echo "H$i,West"; fi
		done
	} >h.csv &&
	printf "customer,reason\nH70,repair\nH3,complaint\nH70,complaint\nH9,\n" >cb.csv
'

test_expect_success 'the plan: 10% of 100, callbacks first with reasons, then random' '
	cm-sample --visits --month 2026-11 --must cb.csv h.csv >out 2>err &&
	cat >expect <<-\EOF &&
	customer,estate,reason,method
	H70,West,repair,phone
	H3,East,complaint,phone
	H9,East,must,phone
	H24,East,random,phone
	H25,East,random,phone
	H36,East,random,visit
	H50,East,random,visit
	H53,East,random,visit
	H64,West,random,visit
	H97,West,random,visit
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'by estate: ceil(5% of 60) = 3, of 40 = 2; 40% by phone is 2' '
	cm-sample --visits --month 2026-11 --must cb.csv --by estate --rate 5 \
		--phone-max 40 h.csv >out &&
	cat >expect <<-\EOF &&
	customer,estate,reason,method
	H70,West,repair,phone
	H3,East,complaint,phone
	H9,East,must,visit
	H24,East,random,visit
	H97,West,random,visit
	EOF
	test_cmp expect out
'

test_expect_success 'more callbacks than a stratum plans: all in, the rest random' '
	{ echo customer; seq 1 15 | sed "s/^/H/"; } >m15.csv &&
	cm-sample --visits --month 2026-11 --must m15.csv --by estate h.csv >out &&
	# East: 15 callbacks over its 6; West: 4 random; 9 of 19 by phone.
	test $(wc -l <out) -eq 20 &&
	sed -n "2,16p" out | cut -d, -f1 >ids &&
	seq 1 15 | sed "s/^/H/" >expect &&
	test_cmp expect ids &&
	test $(grep -c ",East,must," out) -eq 15 &&
	test $(grep -c ",West,random," out) -eq 4 &&
	test $(sed -n "2,10p" out | grep -c ",phone\$") -eq 9 &&
	test $(grep -c ",phone\$" out) -eq 9
'

test_expect_success 'Chinese: 客户编号, 小区, 回访原因 投诉/维修/报修, GB18030' '
	{
		echo 客户编号,小区 &&
		tail -n +2 h.csv | sed "s/East/东苑/; s/West/西苑/"
	} >zh.utf8 &&
	iconv -f UTF-8 -t GB18030 zh.utf8 >zh.csv &&
	printf "客户编号,回访原因\nH70,维修\nH3,投诉\nH70,投诉\nH9,报修\n" >cb.utf8 &&
	iconv -f UTF-8 -t GB18030 cb.utf8 >cb-zh.csv &&
	cm-sample --visits --month 2026-11 --must cb-zh.csv zh.csv >out 2>err &&
	cat >expect <<-\EOF &&
	客户编号,小区,reason,method
	H70,西苑,repair,phone
	H3,东苑,complaint,phone
	H9,东苑,repair,phone
	H24,东苑,random,phone
	H25,东苑,random,phone
	H36,东苑,random,visit
	H50,东苑,random,visit
	H53,东苑,random,visit
	H64,西苑,random,visit
	H97,西苑,random,visit
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'a must file without a reason column: reason must' '
	printf "customer\nH70\nH3\n" >plain.csv &&
	cm-sample --visits --month 2026-11 --must plain.csv h.csv >out &&
	head -3 out >head &&
	printf "customer,estate,reason,method\nH70,West,must,phone\nH3,East,must,phone\n" \
		>expect &&
	test_cmp expect head
'

test_expect_success 'the seed is --month, not today; -v says so' '
	cm-sample -v --visits --month 2026-10 --must cb.csv h.csv >oct 2>err &&
	echo "cm-sample: seed '\''2026-10'\''" >expect-err &&
	echo "cm-sample: plan of 10 households, at most 5 by phone" >>expect-err &&
	test_cmp expect-err err &&
	cm-sample --visits --month 2026-11 --seed 2026-10 --must cb.csv h.csv >same &&
	test_cmp oct same &&
	cm-sample --visits --month 2026-11 --must cb.csv h.csv >nov &&
	! cmp -s oct nov
'

# Every plan of many sizes and limits: the callbacks all there, first, in
# order; phone on floor(limit × plan) rows at most, the callbacks first.
test_expect_success 'phone never over the limit, every callback present' '
	printf "customer,reason\nH5,complaint\nH61,repair\nH33,complaint\nH99,repair\n" >m4.csv &&
	for rate in 1 4 10 12.5 33 100; do
		for pm in 0.01 10 25 50 62.5 100; do
			cm-sample --visits --month 2026-11 --rate $rate --phone-max $pm \
				--must m4.csv --by estate h.csv >out &&
			plan=$(($(wc -l <out) - 1)) &&
			phone=$(grep -c ",phone\$" out || :) &&
			max=$(awk -v p=$pm -v n=$plan "BEGIN { print int(p * 100 * n / 10000) }") &&
			test "$phone" -eq "$max" &&
			sed -n "2,5p" out | cut -d, -f1 | tr "\n" " " >musts &&
			printf "H5 H61 H33 H99 " >expect &&
			test_cmp expect musts &&
			if test $max -ge 4; then
				sed -n "2,5p" out | grep -vc ",phone\$" >n || :
			else
				echo 0 >n
			fi &&
			echo 0 >zero && test_cmp zero n &&
			awk -F, -v plan=$plan -v r=$rate "NR > 1 { n[\$2]++ }
			END { e = 60 * r * 100; w = 40 * r * 100
			      te = int((e + 9999) / 10000); tw = int((w + 9999) / 10000)
			      if (te < 2) te = 2; if (tw < 2) tw = 2
			      exit !(n[\"East\"] == te && n[\"West\"] == tw) }" out ||
			return 1
		done
	done
'

test_done
