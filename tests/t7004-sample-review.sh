#!/bin/sh
#
# cm-sample after its review: a file that changes between the passes (or
# cannot be read again), an id printed twice, standard input given to two
# inputs, a file keyed on names while it has ids, and the small ones: must
# reasons, the check row's rounding, --phone-max 0, an empty --seed, strata
# keys that could collide.  Exact stdout, stderr and status throughout.

test_description='cm-sample: the review of issue 13'

. "$(dirname "$0")/test-lib.sh"

Q="'"
TRY="Try 'cm-sample --help' for more information."

# fails STATUS CMD...: CMD exits STATUS, prints nothing, and its stderr is
# the file expect-err.
fails() {
	test_expect_code "$@" >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp expect-err err
}

# usage MSG CMD...: exit 2 with "cm-sample: MSG" and the Try line.
usage() {
	printf "cm-sample: %s\n%s\n" "$1" "$TRY" >expect-err &&
	shift &&
	fails 2 "$@"
}

# between CMD [FEED]: run `cm-sample --rate 100 a.csv fifo` (bounded by
# timeout, for a build that would wait on the FIFO a second time) while
# the FIFO's writer, after the rows of FEED (b.csv), runs CMD before it
# closes the FIFO:
# cm-sample has read a.csv to its end (it opened the FIFO after it) and
# cannot end its first pass before CMD is done, so CMD falls between the
# first pass over a.csv and the second.
between() {
	rm -f fifo && mkfifo fifo &&
	{ { cat "${2:-b.csv}" && eval "$1"; } >fifo & } &&
	test_expect_code 3 timeout 20 cm-sample --rate 100 --seed s \
		a.csv fifo >out 2>err
	st=$?
	wait
	return $st
}

test_expect_success 'setup' '
	printf "customer,estate\nA1,Old\nA2,Old\nA3,New\n" >a.csv &&
	printf "customer,estate\nB1,Old\nB2,New\n" >b.csv &&
	printf "customer,estate\nC1,Old\nC2,Old\nC3,Old\nC4,New\n" >c.csv
'

test_expect_success 'a FILE that is a pipe is read once and held: /dev/stdin' '
	cat >expect <<-\EOF &&
	customer,estate,reason
	A1,Old,random
	A2,Old,random
	A3,New,random
	EOF
	cat a.csv | cm-sample --rate 100 --seed s /dev/stdin >out 2>err &&
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'a FILE that is a pipe: process substitution, as the file' '
	cm-sample --rate 50 --by estate --seed s a.csv >expect &&
	bash -c "cm-sample --rate 50 --by estate --seed s <(cat a.csv)" \
		>out 2>err &&
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'a FIFO among the files, read once' '
	rm -f fifo && mkfifo fifo &&
	{ cat b.csv >fifo & } &&
	timeout 20 cm-sample --rate 100 --seed s a.csv fifo >out 2>err &&
	wait &&
	cat >expect <<-\EOF &&
	customer,estate,reason
	A1,Old,random
	A2,Old,random
	A3,New,random
	B1,Old,random
	B2,New,random
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'a file replaced (mv) between the passes: exit 3, nothing written' '
	cp c.csv other.csv &&
	cp a.csv keep-a.csv &&
	between "mv other.csv a.csv" &&
	echo "cm-sample: a.csv: the file changed while it was read" >expect-err &&
	test_cmp /dev/null out &&
	test_cmp expect-err err &&
	cp keep-a.csv a.csv
'

test_expect_success 'a file appended to between the passes: exit 3' '
	between "echo A4,Old >>a.csv" &&
	echo "cm-sample: a.csv: the file changed while it was read" >expect-err &&
	test_cmp /dev/null out &&
	test_cmp expect-err err &&
	cp keep-a.csv a.csv
'

test_expect_success 'same inode, size and time, other rows: the row count says so' '
	printf "customer\nA1\nA2\n" >a.csv &&
	printf "customer\nB1\n" >b1.csv &&
	cp -p a.csv ref.csv &&
	between "printf \"customer\\\\nA1A2X\\\\n\" >a.csv && touch -r ref.csv a.csv" b1.csv &&
	echo "cm-sample: a.csv: the file changed while it was read" >expect-err &&
	test_cmp /dev/null out &&
	test_cmp expect-err err &&
	cp keep-a.csv a.csv
'

test_expect_success 'the same file named twice is a usage error' '
	usage "a.csv is named twice" cm-sample --rate 10 a.csv a.csv &&
	usage "./a.csv is named twice" cm-sample --rate 10 a.csv b.csv ./a.csv &&
	ln a.csv hard.csv &&
	usage "hard.csv is named twice" \
		cm-sample --visits --month 2026-11 --must b.csv a.csv b.csv hard.csv
'

test_expect_success 'an id in two strata, picked in both: exit 3, nothing written' '
	printf "customer,estate\nX,A\nX,B\nY,A\nZ,B\n" >d.csv &&
	echo "cm-sample: d.csv:3: customer ${Q}X${Q} is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 100 --by estate --seed s d.csv &&
	fails 3 cm-sample --rate 100 --by estate --seed s --summary d.csv &&
	printf "customer\nY\n" >mY.csv &&
	fails 3 cm-sample --visits --month 2026-11 --rate 100 --by estate \
		--must mY.csv d.csv &&
	printf "customer,estate\nX,A\nY,A\n" >d1.csv &&
	printf "customer,estate\nZ,B\nX,B\n" >d2.csv &&
	echo "cm-sample: d2.csv:3: customer ${Q}X${Q} is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 100 --by estate --seed s d1.csv d2.csv
'

test_expect_success 'a must id in two rows of two strata: exit 3 in every mode' '
	printf "customer\nX\n" >mX.csv &&
	echo "cm-sample: d.csv:3: customer ${Q}X${Q} is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 10 --by estate --must mX.csv d.csv &&
	fails 3 cm-sample --visits --month 2026-11 --by estate --must mX.csv d.csv &&
	printf "customer,date,method\nY,2026-11-02,visit\n" >rec.csv &&
	fails 3 cm-sample --check-visits rec.csv --month 2026-11 --must mX.csv d.csv
'

test_expect_success 'an id in two strata, picked in one only: printed once' '
	printf "customer,estate\nX,A\nX,B\nB1,B\nB2,B\nB3,B\nB4,B\n" >d3.csv &&
	cm-sample --rate 20 --by estate --seed s d3.csv >out 2>err &&
	cat >expect <<-\EOF &&
	customer,estate,reason
	X,A,random
	B4,B,random
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err
'

test_expect_success 'standard input given to two inputs: every mode' '
	usage "standard input can be read once: give it to one of --rates, --must and the customer files" \
		cm-sample --rate 10 --must - <a.csv &&
	usage "standard input can be read once: give it to one of --rates, --must and the customer files" \
		cm-sample --rate 10 --must - b.csv - <a.csv &&
	usage "standard input can be read once: give it to one of --rates, --must and the customer files" \
		cm-sample --rate 10 - - <a.csv &&
	printf "estate,rate\nOld,10\n" >rates.csv &&
	usage "standard input can be read once: give it to one of --rates, --must and the customer files" \
		cm-sample --by estate --rates - --must - a.csv <rates.csv &&
	usage "standard input can be read once: give it to one of --must and the customer files" \
		cm-sample --visits --month 2026-11 --must - <a.csv &&
	usage "standard input can be read once: give it to one of --check-visits, --must and the customer files" \
		cm-sample --check-visits - --month 2026-11 <a.csv
'

test_expect_success 'both id and customer columns: a notice names the key' '
	printf "客户编号,客户名称,estate\nK1,张三,Old\nK2,李四,Old\n" >both.csv &&
	cat >expect <<-\EOF &&
	客户编号,客户名称,estate,reason
	K1,张三,Old,random
	K2,李四,Old,random
	EOF
	echo "cm-sample: both.csv: keyed on column ${Q}customer${Q} (客户名称); give --id id to key on ${Q}id${Q} (客户编号)" >expect-err &&
	cm-sample --rate 100 --seed s both.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp expect-err err &&
	cm-sample -q --rate 100 --seed s both.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp /dev/null err &&
	cm-sample --rate 100 --seed s --id id both.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp /dev/null err &&
	cm-sample --rate 100 --seed s --id customer both.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp /dev/null err &&
	printf "id,customer\n1,Wang\n" >both2.csv &&
	echo "cm-sample: both2.csv: keyed on column ${Q}customer${Q}; give --id id to key on ${Q}id${Q}" >expect-err &&
	cm-sample --visits --month 2026-11 --must both2.csv both2.csv \
		>out 2>err &&
	test_cmp expect-err err
'

test_expect_success 'must reasons: trimmed, any case, traditional forms' '
	printf "customer,estate\nA1,Old\nA2,Old\nA3,Old\nA4,Old\nA5,Old\nA6,Old\n" >h.csv &&
	printf "customer,reason\nA1, Complaint \nA2,REPAIR\nA3,投訴\nA4,維修\nA5,報修\nA6,Must\n" >mr.csv &&
	cm-sample --visits --month 2026-11 --phone-max 0 --must mr.csv h.csv >out &&
	cat >expect <<-\EOF &&
	customer,estate,reason,method
	A1,Old,complaint,visit
	A2,Old,repair,visit
	A3,Old,complaint,visit
	A4,Old,repair,visit
	A5,Old,repair,visit
	A6,Old,must,visit
	EOF
	test_cmp expect out &&
	printf "customer,reason\nA1,投诉\nA2,表扬\n" >bad.csv &&
	echo "cm-sample: bad.csv:3: invalid reason ${Q}表扬${Q} (one of complaint/投诉, repair/维修, must/必访)" >expect-err &&
	fails 3 cm-sample --visits --month 2026-11 --must bad.csv h.csv
'

test_expect_success 'the check row: rate rounded down, phone_rate up' '
	seq 1 2501 | sed "s/^/H/" | sed "1i customer" >h2501.csv &&
	seq 1 250 | sed "s/.*/H&,2026-11-05,visit/" |
		sed "1i customer,date,method" >r250.csv &&
	test_expect_code 1 cm-sample --check-visits r250.csv --month 2026-11 \
		h2501.csv >out 2>err &&
	cat >expect <<-\EOF &&
	households,visited,rate,phone,phone_rate,callbacks_due,callbacks_done,missing
	2501,250,9.99,0,0.00,0,0,0
	EOF
	test_cmp expect out &&
	echo "cm-sample: visits 9.996% of households, under 10.00%" >expect-err &&
	test_cmp expect-err err &&
	seq 1 10001 | sed "s/^/H/" | sed "1i customer" >h10001.csv &&
	seq 1 10001 | awk "{ print \"H\" \$1 \",2026-11-05,\" (\$1 <= 5001 ? \"phone\" : \"visit\") }" |
		sed "1i customer,date,method" >r10001.csv &&
	test_expect_code 1 cm-sample --check-visits r10001.csv --month 2026-11 \
		h10001.csv >out 2>err &&
	cat >expect <<-\EOF &&
	households,visited,rate,phone,phone_rate,callbacks_due,callbacks_done,missing
	10001,10001,100.00,5001,50.01,0,0,0
	EOF
	test_cmp expect out &&
	echo "cm-sample: phone calls 50.005% of visits, over 50.00%" >expect-err &&
	test_cmp expect-err err
'

test_expect_success '--phone-max 0: no phone calls; at most 100 still' '
	printf "customer,reason\nA1,complaint\n" >m1.csv &&
	cm-sample --visits --month 2026-11 --rate 50 --phone-max 0 \
		--must m1.csv h.csv >out 2>err &&
	cat >expect <<-\EOF &&
	customer,estate,reason,method
	A1,Old,complaint,visit
	A4,Old,random,visit
	A5,Old,random,visit
	EOF
	test_cmp expect out &&
	test_cmp /dev/null err &&
	printf "customer,date,method\nA1,2026-11-02,phone\nA2,2026-11-03,visit\n" >rec2.csv &&
	test_expect_code 1 cm-sample --check-visits rec2.csv --month 2026-11 \
		--phone-max 0 h.csv >out 2>err &&
	echo "cm-sample: phone calls 50.00% of visits, over 0.00%" >expect-err &&
	test_cmp expect-err err &&
	for p in 100.01 -1 1.005 x ""; do
		usage "invalid rate ${Q}$p${Q} for --phone-max (expected a percentage from 0 to 100, at most two decimals)" \
			cm-sample --visits --month 2026-11 --must m1.csv --phone-max "$p" h.csv ||
		return 1
	done &&
	usage "invalid rate ${Q}0${Q} for --rate (expected a percentage above 0 and at most 100, at most two decimals)" \
		cm-sample --visits --month 2026-11 --must m1.csv --rate 0 h.csv
'

test_expect_success '--seed must not be empty' '
	usage "invalid seed ${Q}${Q} for --seed (expected some text, such as the month)" \
		cm-sample --rate 10 --seed "" a.csv &&
	usage "invalid seed ${Q}${Q} for --seed (expected some text, such as the month)" \
		cm-sample --visits --month 2026-11 --must m1.csv --seed= h.csv
'

test_expect_success 'strata keys cannot collide across --by columns' '
	printf "customer,a,b\nP1,x\037y,z\nP2,x,y\037z\n" >k.csv &&
	cm-sample --rate 50 --by a,b --summary k.csv >out &&
	printf "a,b,customers,must,target,sampled,rate\nx\037y,z,1,0,1,1,100.00\nx,y\037z,1,0,1,1,100.00\ntotal,,2,0,2,2,100.00\n" >expect &&
	test_cmp expect out
'

test_done
