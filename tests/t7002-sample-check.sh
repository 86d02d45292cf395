#!/bin/sh
#
# cm-sample --check-visits: the month's visit record (《访问住户记录》)
# against the households and the callbacks due (001/5 §4.3.1): one row of
# figures, exit 1 for each target missed (each named on stderr), both
# bounds inclusive; a bad record row exit 3 with FILE:LINE and nothing
# written.

test_description='cm-sample: --check-visits'

. "$(dirname "$0")/test-lib.sh"

Q="'"
HEAD=households,visited,rate,phone,phone_rate,callbacks_due,callbacks_done,missing

# expect_row ROW: the expected standard output, the header and ROW.
expect_row() {
	printf '%s\n%s\n' "$HEAD" "$1" >expect
}

# expect_err LINE...: the expected standard error, one message a line.
expect_err() {
	: >expect.err &&
	for l in "$@"; do
		echo "cm-sample: $l" >>expect.err || return 1
	done
}

# check N [OPTION...]: November's check of record.csv against
# households.csv exits N; standard output in out, standard error in err.
check() {
	want=$1 &&
	shift &&
	test_status "$want" cm-sample --check-visits record.csv \
		--month 2026-11 "$@" households.csv >out 2>err
}

# record ROWS on standard input: record.csv, after its header.
record() {
	{ echo customer,date,method && cat; } >record.csv
}

test_expect_success 'setup: 20 households, two callbacks due' '
	{
		echo customer,estate &&
		for i in $(seq -w 1 20); do
			echo "H$i,翠湖苑" || return 1
		done
	} >households.csv &&
	cat >must.csv <<-\EOF
	customer,reason
	H03,complaint
	H07,repair
	H03,repair
	EOF
'

test_expect_success 'a month that passes: 10.00% visited, 50.00% by phone' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	H07,2026-11-20,phone
	EOF
	check 0 --must must.csv &&
	expect_row 20,2,10.00,1,50.00,2,2,0 &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'visits under the rate: exit 1, said alone' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	EOF
	check 1 &&
	expect_row 20,1,5.00,0,0.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "visits 5.00% of households, under 10.00%" &&
	test_cmp expect.err err
'

test_expect_success '--rate: 2 of 20 is under 10.01%' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	H07,2026-11-20,phone
	EOF
	check 1 --rate 10.01 &&
	expect_row 20,2,10.00,1,50.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "visits 10.00% of households, under 10.01%" &&
	test_cmp expect.err err
'

test_expect_success 'a rate just under that rounds to the bound shows more decimals' '
	{
		echo customer &&
		seq -f "C%05g" 1 10001
	} >big.csv &&
	{
		echo customer,date,method &&
		seq -f "C%05g,2026-11-05,visit" 1 1000
	} >record.csv &&
	test_status 1 cm-sample --check-visits record.csv --month 2026-11 \
		big.csv >out 2>err &&
	expect_row 10001,1000,9.99,0,0.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "visits 9.999% of households, under 10.00%" &&
	test_cmp expect.err err
'

test_expect_success 'phone over the limit: exit 1, said alone' '
	record <<-\EOF &&
	H01,2026-11-02,phone
	H02,2026-11-03,phone
	H03,2026-11-04,visit
	EOF
	check 1 &&
	expect_row 20,3,15.00,2,66.67,0,0,0 &&
	test_cmp expect out &&
	expect_err "phone calls 66.67% of visits, over 50.00%" &&
	test_cmp expect.err err
'

test_expect_success '--phone-max: 1 of 2 is over 49.99%, not over 50' '
	record <<-\EOF &&
	H01,2026-11-02,phone
	H02,2026-11-03,visit
	EOF
	check 1 --phone-max 49.99 &&
	expect_row 20,2,10.00,1,50.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "phone calls 50.00% of visits, over 49.99%" &&
	test_cmp expect.err err &&
	check 0 --phone-max 50 &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'a callback missing: exit 1, named with the must file line' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	H05,2026-11-20,visit
	EOF
	check 1 --must must.csv &&
	expect_row 20,2,10.00,0,0.00,2,1,1 &&
	test_cmp expect out &&
	expect_err "callback missing: customer ${Q}H07${Q} (must.csv:3)" &&
	test_cmp expect.err err
'

test_expect_success 'every reason at once, each said' '
	record <<-\EOF &&
	H01,2026-11-02,phone
	EOF
	check 1 --must must.csv &&
	expect_row 20,1,5.00,1,100.00,2,0,2 &&
	test_cmp expect out &&
	expect_err "visits 5.00% of households, under 10.00%" \
		"phone calls 100.00% of visits, over 50.00%" \
		"callback missing: customer ${Q}H03${Q} (must.csv:2)" \
		"callback missing: customer ${Q}H07${Q} (must.csv:3)" &&
	test_cmp expect.err err
'

test_expect_success 'a callback by phone or letter is a callback' '
	record <<-\EOF &&
	H03,2026-11-02,letter
	H07,2026-11-20,phone
	EOF
	check 0 --must must.csv &&
	expect_row 20,2,10.00,1,50.00,2,2,0 &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'a household visited twice counts once' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	H03,2026-11-09,visit
	EOF
	check 1 &&
	expect_row 20,1,5.00,0,0.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "visits 5.00% of households, under 10.00%" &&
	test_cmp expect.err err
'

test_expect_success 'phone is counted per household: phoned and visited is no phone household' '
	record <<-\EOF &&
	H01,2026-11-02,phone
	H01,2026-11-03,visit
	H02,2026-11-04,phone
	H02,2026-11-05,phone
	H03,2026-11-06,visit
	H04,2026-11-07,letter
	EOF
	check 0 &&
	expect_row 20,4,20.00,1,25.00,0,0,0 &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'rows outside the month are left out, with one notice' '
	record <<-\EOF &&
	H01,2026-11-02,visit
	H03,2026-10-31,visit
	H02,2026-11-30,visit
	H07,2026-12-01,phone
	H99,2025-11-05,visit
	EOF
	check 1 --must must.csv &&
	expect_row 20,2,10.00,0,0.00,2,0,2 &&
	test_cmp expect out &&
	expect_err "record.csv: 3 rows outside 2026-11 left out (the first on line 3)" \
		"callback missing: customer ${Q}H03${Q} (must.csv:2)" \
		"callback missing: customer ${Q}H07${Q} (must.csv:3)" &&
	test_cmp expect.err err &&
	check 1 -q --must must.csv &&
	test_cmp expect out &&
	expect_err "callback missing: customer ${Q}H03${Q} (must.csv:2)" \
		"callback missing: customer ${Q}H07${Q} (must.csv:3)" &&
	test_cmp expect.err err
'

test_expect_success 'one row outside the month' '
	record <<-\EOF &&
	H01,2026-11-02,visit
	H02,2026-11-30,visit
	H03,2026-10-31,visit
	EOF
	check 0 &&
	expect_row 20,2,10.00,0,0.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "record.csv: 1 row outside 2026-11 left out (line 4)" &&
	test_cmp expect.err err
'

# data_error MESSAGE: the check exits 3 with exactly MESSAGE and writes
# nothing, neither on standard output nor to -o.
data_error() {
	expect_err "$1" &&
	check 3 &&
	test_cmp expect.err err &&
	test ! -s out &&
	check 3 -o res.csv &&
	test_cmp expect.err err &&
	test ! -e res.csv
}

test_expect_success 'a record row for a household not in the customer files' '
	record <<-\EOF &&
	H01,2026-11-02,visit
	H99,2026-11-03,visit
	H98,2026-11-04,visit
	EOF
	data_error "record.csv:3: customer ${Q}H99${Q} is not in the customer files"
'

test_expect_success 'a bad method' '
	record <<-\EOF &&
	H01,2026-11-02,visit
	H02,2026-10-03,fax
	EOF
	data_error "record.csv:3: invalid method ${Q}fax${Q} (one of visit/上门, phone/电话, letter/信函)" &&
	record <<-\EOF &&
	H01,2026-11-02,
	EOF
	data_error "record.csv:2: invalid method ${Q}${Q} (one of visit/上门, phone/电话, letter/信函)"
'

test_expect_success 'a bad date' '
	record <<-\EOF &&
	H01,2026-11-02,visit
	H02,2026-11-31,visit
	EOF
	data_error "record.csv:3: invalid date ${Q}2026-11-31${Q}" &&
	record <<-\EOF &&
	H01,11/02/2026,visit
	EOF
	data_error "record.csv:2: invalid date ${Q}11/02/2026${Q}"
'

test_expect_success 'an empty customer id in the record' '
	record <<-\EOF &&
	,2026-11-02,visit
	EOF
	data_error "record.csv:2: empty id in column ${Q}customer${Q}"
'

test_expect_success 'a record without a method column' '
	cat >record.csv <<-\EOF &&
	customer,date
	H01,2026-11-02
	EOF
	data_error "record.csv:1: no column ${Q}method${Q} (columns: ${Q}customer${Q}, ${Q}date${Q})"
'

test_expect_success 'a Chinese GB18030 record: 客户编号, 走访日期, 方式, 电话/上门' '
	cat <<-\EOF | iconv -f UTF-8 -t GB18030 >record.csv &&
	客户编号,走访日期,方式
	H03,2026年11月2日,上门
	H07,2026/11/20,电话
	H01,2026.11.21,登门
	H02,2026-11-22,电话
	H04,2026-11-23,信函
	H05,2026-10-23,走访
	EOF
	check 0 --must must.csv &&
	expect_row 20,5,25.00,2,40.00,2,2,0 &&
	test_cmp expect out &&
	expect_err "record.csv: 1 row outside 2026-11 left out (line 7)" &&
	test_cmp expect.err err
'

test_expect_success 'method words: any case, spaces around, simplified or traditional' '
	record <<-\EOF &&
	H01,2026-11-02,Visit
	H02,2026-11-03, PHONE 
	H03,2026-11-04,信件
	H04,2026-11-05,走访
	H05,2026-11-06,電話
	H06,2026-11-07,上門
	EOF
	check 0 &&
	expect_row 20,6,30.00,2,33.34,0,0,0 &&
	test_cmp expect out &&
	test ! -s err
'

test_expect_success 'the record, or the must list, on standard input' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	EOF
	test_status 1 cm-sample --check-visits - --month 2026-11 \
		households.csv <record.csv >out 2>err &&
	expect_row 20,1,5.00,0,0.00,0,0,0 &&
	test_cmp expect out &&
	expect_err "visits 5.00% of households, under 10.00%" &&
	test_cmp expect.err err &&
	test_status 1 cm-sample --check-visits record.csv --month 2026-11 \
		--must - households.csv <must.csv >out 2>err &&
	expect_row 20,1,5.00,0,0.00,2,1,1 &&
	test_cmp expect out &&
	expect_err "visits 5.00% of households, under 10.00%" \
		"callback missing: customer ${Q}H07${Q} ((standard input):3)" &&
	test_cmp expect.err err
'

test_expect_success 'standard input given to two inputs is a usage error' '
	expect_err "standard input can be read once: give it to one of --check-visits, --must and the customer files" &&
	echo "Try ${Q}cm-sample --help${Q} for more information." >>expect.err &&
	test_status 2 cm-sample --check-visits - --month 2026-11 \
		<record.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	test_status 2 cm-sample --check-visits record.csv --must - \
		--month 2026-11 - <households.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out
'

test_expect_success 'a must id not in the customer files' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	EOF
	printf "customer\nH03\nX01\n" >must2.csv &&
	expect_err "must2.csv:3: customer ${Q}X01${Q} is not in the customer files" &&
	check 3 --must must2.csv &&
	test_cmp expect.err err &&
	test ! -s out
'

test_expect_success '-o writes the row to a file, --format table aligns it' '
	record <<-\EOF &&
	H03,2026-11-02,visit
	H07,2026-11-20,phone
	EOF
	check 0 --must must.csv -o res.csv &&
	test ! -s out &&
	test ! -s err &&
	expect_row 20,2,10.00,1,50.00,2,2,0 &&
	test_cmp expect res.csv &&
	check 0 --must must.csv --format table &&
	cat >expect <<-\EOF &&
	households  visited  rate   phone  phone_rate  callbacks_due  callbacks_done  missing
	        20        2  10.00      1       50.00              2               2        0
	EOF
	test_cmp expect out
'

test_done
