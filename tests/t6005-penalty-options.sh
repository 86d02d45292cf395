#!/bin/sh
#
# cm-penalty's options and settings after a review: a bad penalty.conf
# value is told the rule it broke and its bound (the floors with their
# reason); --register is a file, never standard input, while --staff,
# --sanctions and --carry read it; each option that names one file or
# month is given once (cm_opt_once, opt.h), never silently replaced.

test_description='cm-penalty: settings, standard input, options given twice'

. "$(dirname "$0")/test-lib.sh"

Q="'"
HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out
TRY="Try ${Q}cm-penalty --help${Q} for more information."

test_expect_success 'setup' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	P1,张三,装配一组,生产部,1.0,2000
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	EOF
	echo case,closed,loss,party,share >head.csv &&
	printf "%s\n" case,closed,loss,party,share \
		261001,2026-10-05,1200,S2,100 >cases.csv &&
	printf "%s\n" person,kind,count S1,warning,1 >k.csv &&
	mkdir -p share && cp -R "$ROOT/share/cm" share/
'

# conf_error SETTING MESSAGE: penalty.conf with SETTING added is exit 2
# with exactly MESSAGE at its line, and nothing on standard output.
conf_error() {
	cp "$ROOT/share/cm/penalty.conf" share/cm/penalty.conf &&
	echo "$1" >>share/cm/penalty.conf &&
	n=$(wc -l <share/cm/penalty.conf) &&
	echo "cm-penalty: $PWD/share/cm/penalty.conf:$((n)): $2" >expect.err &&
	CM_SHARE=$PWD/share/cm test_status 2 cm-penalty --month 2026-10 \
		--staff staff.csv head.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out
}

# 行政处分 (五): "罚扣400元以上", "以每基数罰扣800元以上": floors.
test_expect_success 'penalty.conf: an amount below the seed floor says the floor and why' '
	conf_error warning=100 "invalid value ${Q}100${Q} for warning (less than 400, the seed${Q}s floor: 004 article 3 (五) fines a warning 400 yuan or more (以上); an office may raise the amount, not lower it)" &&
	conf_error warning=399.99 "invalid value ${Q}399.99${Q} for warning (less than 400, the seed${Q}s floor: 004 article 3 (五) fines a warning 400 yuan or more (以上); an office may raise the amount, not lower it)" &&
	conf_error warning=-400 "invalid value ${Q}-400${Q} for warning (less than 400, the seed${Q}s floor: 004 article 3 (五) fines a warning 400 yuan or more (以上); an office may raise the amount, not lower it)" &&
	conf_error minor=0 "invalid value ${Q}0${Q} for minor (less than 800, the seed${Q}s floor: 004 article 3 (五) fines a minor demerit 800 yuan or more (以上) a base point; an office may raise the amount, not lower it)"
'

test_expect_success 'penalty.conf: an amount with more than two decimals says so' '
	conf_error warning=400.005 "invalid value ${Q}400.005${Q} for warning (more than two decimals: money is to the fen)" &&
	conf_error minor=800.001 "invalid value ${Q}800.001${Q} for minor (more than two decimals: money is to the fen)"
'

test_expect_success 'penalty.conf: an amount that is no amount, or too large' '
	conf_error warning=abc "invalid value ${Q}abc${Q} for warning (an amount of yuan, 400 or more, such as 400.50)" &&
	conf_error "minor=1,000" "invalid value ${Q}1,000${Q} for minor (an amount of yuan, 800 or more, such as 800.50)" &&
	conf_error warning=100000000000.01 "invalid value ${Q}100000000000.01${Q} for warning (above 100000000000.00, the most an amount may be)"
'

test_expect_success 'penalty.conf: cap is a whole percent above 0, at most 50' '
	conf_error cap=49.99 "invalid value ${Q}49.99${Q} for cap (no decimals: a whole percent above 0, at most 50)" &&
	conf_error cap=0.5 "invalid value ${Q}0.5${Q} for cap (no decimals: a whole percent above 0, at most 50)" &&
	conf_error cap=half "invalid value ${Q}half${Q} for cap (a whole percent above 0, at most 50)" &&
	conf_error cap=51 "invalid value ${Q}51${Q} for cap (a percent above 0, at most 50)" &&
	conf_error cap=-1 "invalid value ${Q}-1${Q} for cap (a percent above 0, at most 50)"
'

test_expect_success 'penalty.conf: resale_days is whole days from 1 to 3650' '
	conf_error resale_days=3651 "invalid value ${Q}3651${Q} for resale_days (days, at most 3650)" &&
	conf_error resale_days=30.5 "invalid value ${Q}30.5${Q} for resale_days (no decimals: a whole number of days, 1 to 3650)" &&
	conf_error resale_days= "invalid value ${Q}${Q} for resale_days (a whole number of days, 1 to 3650)" &&
	cp "$ROOT/share/cm/penalty.conf" share/cm/penalty.conf &&
	printf "%s\n" warning=400.01 minor=800.5 cap=1 resale_days=3650 >>share/cm/penalty.conf &&
	CM_SHARE=$PWD/share/cm cm-penalty --month 2026-10 --staff staff.csv \
		--sanctions k.csv head.csv >out &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,S1,赵六,业务部,4000.00,0.00,0.00,400.01,400.01,40.00,400.01,0.00
	EOF
	test_cmp expect out
'

test_expect_success '--register - is refused: a register is a file with its log' '
	cat >expect <<-EOF &&
	cm-penalty: invalid value ${Q}-${Q} for --register (the register is a file, read with its history log beside it, not standard input)
	$TRY
	EOF
	test_status 2 cm-penalty --month 2026-10 --staff staff.csv \
		--register - cases.csv </dev/null >out 2>err &&
	test_cmp expect err &&
	test ! -s out &&
	test_status 2 cm-penalty --month 2026-10 --staff staff.csv \
		--register=- cases.csv <cases.csv >out 2>err &&
	test_cmp expect err &&
	test ! -s out
'

# cases.csv charges S2 1200.00 over her cap of 500.00: exit 1, said.
test_expect_success '--staff -, --sanctions - and --carry - read standard input' '
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv \
		--sanctions k.csv cases.csv >expect 2>expect.err &&
	test_status 1 cm-penalty --month 2026-10 --staff - --sanctions k.csv \
		cases.csv <staff.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp expect.err err &&
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv \
		--sanctions - cases.csv <k.csv >out 2>err &&
	test_cmp expect out &&
	test_cmp expect.err err &&
	test_status 1 cm-penalty --month 2026-11 --staff staff.csv \
		--carry expect head.csv >expect.nov 2>expect.err &&
	test_status 1 cm-penalty --month 2026-11 --staff staff.csv --carry - \
		head.csv <expect >out 2>err &&
	test_cmp expect.nov out &&
	test_cmp expect.err err
'

# given_twice MESSAGE ARG...: the October run with ARG... is exit 2 with
# exactly MESSAGE and the Try line, and writes nothing, not even -o.
given_twice() {
	printf "%s\n" "cm-penalty: $1" "$TRY" >expect.err &&
	shift &&
	rm -f o1.csv o2.csv &&
	test_status 2 cm-penalty "$@" >out 2>err </dev/null &&
	test_cmp expect.err err &&
	test ! -s out &&
	test ! -e o1.csv &&
	test ! -e o2.csv
}

test_expect_success 'an option that names one month or file given twice is exit 2' '
	given_twice "option ${Q}--month${Q} given twice (${Q}2026-10${Q}, then ${Q}2026-11${Q})" \
		--month 2026-10 --month 2026-11 --staff staff.csv cases.csv &&
	given_twice "option ${Q}--month${Q} given twice (${Q}2026-10${Q}, then ${Q}2026-10${Q})" \
		--month=2026-10 --staff staff.csv --month 2026-10 cases.csv &&
	given_twice "option ${Q}--staff${Q} given twice (${Q}staff.csv${Q}, then ${Q}other.csv${Q})" \
		--month 2026-10 --staff staff.csv --staff other.csv cases.csv &&
	given_twice "option ${Q}--sanctions${Q} given twice (${Q}k.csv${Q}, then ${Q}k2.csv${Q})" \
		--month 2026-10 --staff staff.csv --sanctions k.csv --sanctions k2.csv cases.csv &&
	given_twice "option ${Q}--carry${Q} given twice (${Q}c1.csv${Q}, then ${Q}c2.csv${Q})" \
		--month 2026-10 --staff staff.csv --carry c1.csv --carry=c2.csv cases.csv &&
	given_twice "option ${Q}--register${Q} given twice (${Q}r1.csv${Q}, then ${Q}r2.csv${Q})" \
		--month 2026-10 --staff staff.csv --register r1.csv --register r2.csv cases.csv &&
	given_twice "option ${Q}--output${Q} given twice (${Q}o1.csv${Q}, then ${Q}o2.csv${Q})" \
		--month 2026-10 --staff staff.csv -o o1.csv -o o2.csv cases.csv &&
	given_twice "option ${Q}--output${Q} given twice (${Q}o1.csv${Q}, then ${Q}-${Q})" \
		--month 2026-10 --staff staff.csv --output=o1.csv -o - cases.csv
'

test_expect_success '--cases twice is the same --cases; -o once writes the file' '
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv --cases \
		--cases cases.csv >expect 2>/dev/null &&
	test_status 1 cm-penalty --month 2026-10 --staff staff.csv --cases \
		-o o1.csv cases.csv 2>/dev/null &&
	test_cmp expect o1.csv &&
	grep -q ",261001,S2," o1.csv
'

test_done
