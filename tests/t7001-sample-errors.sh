#!/bin/sh
#
# cm-sample: every refusal, with its exact message and status: 2 for an
# option (the "Try" line follows), 3 for bad data, and nothing on
# standard output, nor at -o, either way.

test_description='cm-sample: usage and data errors'

. "$(dirname "$0")/test-lib.sh"

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

test_expect_success 'setup' '
	printf "customer,estate\nA1,Old\nA2,Old\nB1,New\n" >cust.csv &&
	printf "customer\nA1\n" >must.csv
'

test_expect_success 'the sample needs --rate or --rates; --rates needs --by' '
	usage "--rate or --rates is required" cm-sample cust.csv &&
	printf "estate,rate\nOld,15\n" >rates.csv &&
	usage "--rates gives a rate per value of the first --by column: give --by" \
		cm-sample --rates rates.csv cust.csv
'

test_expect_success 'a rate above 0, at most 100, at most two decimals' '
	for r in 0 0.00 100.01 1.005 abc -5 "" 15%% 1e1 "1 5"; do
		usage "invalid rate '\''$r'\'' for --rate (expected a percentage above 0 and at most 100, at most two decimals)" \
			cm-sample --rate "$r" cust.csv || return 1
	done &&
	usage "invalid rate '\''50.5.5'\'' for --phone-max (expected a percentage from 0 to 100, at most two decimals)" \
		cm-sample --visits --month 2026-11 --must must.csv --phone-max 50.5.5 cust.csv
'

test_expect_success '--by: names separated by commas, none empty' '
	for b in "a,,b" ",a" "a," ""; do
		usage "invalid --by '\''$b'\'' (expected column names separated by commas)" \
			cm-sample --rate 10 --by "$b" cust.csv || return 1
	done
'

test_expect_success '--month: YYYY-MM' '
	for m in 2026-13 2026-1 2026/11 1899-12 2026-11-01 ""; do
		usage "invalid month '\''$m'\'' for --month (expected YYYY-MM)" \
			cm-sample --visits --month "$m" --must must.csv cust.csv ||
		return 1
	done
'

test_expect_success 'the modes: one at a time, each with what it needs' '
	usage "--visits and --check-visits are different modes: give one" \
		cm-sample --visits --check-visits rec.csv --month 2026-11 cust.csv &&
	usage "--visits needs --month" \
		cm-sample --visits --must must.csv cust.csv &&
	usage "--check-visits needs --month" \
		cm-sample --check-visits rec.csv cust.csv &&
	usage "--visits needs --must (the callbacks due)" \
		cm-sample --visits --month 2026-11 cust.csv &&
	usage "--must-id names the id column of --must: give --must" \
		cm-sample --rate 10 --must-id who cust.csv
'

test_expect_success 'an option of another mode is refused, never ignored' '
	usage "option '\''--phone-max'\'' does not apply to the sample" \
		cm-sample --rate 10 --phone-max 40 cust.csv &&
	usage "option '\''--month'\'' does not apply to the sample" \
		cm-sample --rate 10 --month 2026-11 cust.csv &&
	usage "option '\''--precision'\'' does not apply to the sample" \
		cm-sample --rate 10 --precision 3 cust.csv &&
	usage "option '\''--summary'\'' does not apply to --visits" \
		cm-sample --visits --month 2026-11 --must must.csv --summary cust.csv &&
	usage "option '\''--rates'\'' does not apply to --visits" \
		cm-sample --visits --month 2026-11 --must must.csv --rates r.csv cust.csv &&
	usage "option '\''--seed'\'' does not apply to --check-visits" \
		cm-sample --check-visits rec.csv --month 2026-11 --seed x cust.csv &&
	usage "option '\''--by'\'' does not apply to --check-visits" \
		cm-sample --check-visits rec.csv --month 2026-11 --by estate cust.csv
'

test_expect_success 'CM_TODAY not a date, when the seed is the month of today' '
	usage "CM_TODAY is not a date" env CM_TODAY=2026-02-30 \
		cm-sample --rate 10 cust.csv &&
	CM_TODAY=2026-02-30 cm-sample --rate 10 --seed x cust.csv >out
'

test_expect_success 'no id column, no --by column: exit 3 with the columns' '
	echo "cm-sample: cust.csv:1: no column '\''estat'\'' (columns: '\''customer'\'', '\''estate'\''); did you mean '\''estate'\''?" >expect-err &&
	fails 3 cm-sample --rate 10 --by estat cust.csv &&
	echo "cm-sample: cust.csv:1: no column '\''cust'\'' (columns: '\''customer'\'', '\''estate'\'')" >expect-err &&
	fails 3 cm-sample --rate 10 --id cust cust.csv &&
	printf "name,estate\nx,Old\n" >noid.csv &&
	echo "cm-sample: noid.csv:1: no column '\''customer'\'' (columns: '\''name'\'', '\''estate'\'')" >expect-err &&
	fails 3 cm-sample --rate 10 noid.csv
'

test_expect_success 'an empty id: exit 3 at its line' '
	printf "customer,estate\nA1,Old\n,Old\n" >blank.csv &&
	echo "cm-sample: blank.csv:3: empty id in column '\''customer'\''" >expect-err &&
	fails 3 cm-sample --rate 10 blank.csv
'

test_expect_success 'FILEs with different headers: exit 3 naming the file' '
	printf "customer,area\nC1,x\n" >other.csv &&
	echo "cm-sample: other.csv:1: header differs from the first file'\''s" >expect-err &&
	fails 3 cm-sample --rate 10 cust.csv other.csv
'

test_expect_success '--rates: no rate for a stratum, a bad rate, a value twice' '
	echo "cm-sample: cust.csv:4: no rate for estate '\''New'\'' (not in rates.csv, and no --rate)" >expect-err &&
	fails 3 cm-sample --rates rates.csv --by estate cust.csv &&
	printf "estate,rate\nOld,15\nNew,0\n" >bad.csv &&
	echo "cm-sample: bad.csv:3: invalid rate '\''0'\'' (expected a percentage above 0 and at most 100, at most two decimals)" >expect-err &&
	fails 3 cm-sample --rates bad.csv --by estate cust.csv &&
	printf "estate,rate\nOld,15\nOld,30\n" >twice.csv &&
	echo "cm-sample: twice.csv:3: estate '\''Old'\'' has a rate already" >expect-err &&
	fails 3 cm-sample --rates twice.csv --by estate cust.csv &&
	printf "estate,share\nOld,15\n" >norate.csv &&
	echo "cm-sample: norate.csv:1: no column '\''rate'\'' (columns: '\''estate'\'', '\''share'\'')" >expect-err &&
	fails 3 cm-sample --rates norate.csv --by estate cust.csv
'

test_expect_success '--must: an id not in the customer files, an empty id' '
	printf "customer\nA1\nZ9\n" >m.csv &&
	echo "cm-sample: m.csv:3: customer '\''Z9'\'' is not in the customer files" >expect-err &&
	fails 3 cm-sample --rate 10 --must m.csv cust.csv &&
	printf "customer,case\nA1,K1\n,K2\n" >m.csv &&
	echo "cm-sample: m.csv:3: empty id in column '\''customer'\''" >expect-err &&
	fails 3 cm-sample --rate 10 --must m.csv cust.csv
'

test_expect_success 'an id twice in the customer files, when it is picked or a must' '
	printf "customer,estate\nA1,Old\nB1,New\nA1,Old\n" >dup.csv &&
	echo "cm-sample: dup.csv:4: customer '\''A1'\'' is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 10 --must must.csv dup.csv &&
	echo "cm-sample: dup.csv:4: customer '\''A1'\'' is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 100 dup.csv &&
	fails 3 cm-sample --rate 100 --by estate dup.csv &&
	echo "cm-sample: (standard input):4: customer '\''A1'\'' is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 100 <dup.csv &&
	printf "customer,estate\nA1,Old\n" >dup2.csv &&
	echo "cm-sample: cust.csv:2: customer '\''A1'\'' is in the customer files twice" >expect-err &&
	fails 3 cm-sample --rate 100 dup2.csv cust.csv
'

test_expect_success '--visits: a reason that is neither complaint nor repair' '
	printf "customer,reason\nA1,投诉\nB1,表扬\n" >mr.csv &&
	echo "cm-sample: mr.csv:3: invalid reason '\''表扬'\'' (one of complaint/投诉, repair/维修, must/必访)" >expect-err &&
	fails 3 cm-sample --visits --month 2026-11 --must mr.csv cust.csv
'

test_expect_success 'nothing written at -o on an error' '
	echo old >keep.csv &&
	echo "cm-sample: m.csv:3: empty id in column '\''customer'\''" >expect-err &&
	fails 3 cm-sample --rate 10 --must m.csv -o keep.csv cust.csv &&
	echo old >expect &&
	test_cmp expect keep.csv &&
	ls >files &&
	! grep "^\.keep" files
'

test_done
