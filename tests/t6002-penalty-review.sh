#!/bin/sh
#
# cm-penalty after a hostile review: a reopened case keeps its charge
# and a new closing charges the difference (the register's history as a
# ledger: t6004); a case's
# rows agree across months and files; money and shares have at most two
# decimals; every amount printed can be read back; a balance of 0 is no
# balance; penalty.conf holds the seed's floors; the parts of a month are
# not all kept without --cases; a party both a person and a unit is said.

test_description='cm-penalty: charged once, bounded, exact to the fen'

. "$(dirname "$0")/test-lib.sh"

Q="'"
CHEAD=month,case,person,name,loss,rule,amount
HEAD=month,person,name,dept,bonus,carried_in,assigned,sanctions,due,cap,deducted,carried_out

test_expect_success 'setup' '
	cat >staff.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	P1,张三,装配一组,生产部,1.0,2000
	S1,赵六,,业务部,1.5,4000
	S2,钱七,,服务部,1.0,1000
	EOF
	echo case,closed,loss,party,share >head.csv
'

# data_error MESSAGE ARG...: the October run exits 3 with exactly MESSAGE
# and prints nothing.
data_error() {
	echo "cm-penalty: $1" >expect.err &&
	shift &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv "$@" \
		>out 2>err &&
	test_cmp expect.err err &&
	test ! -s out
}

# 261001: closed 10-20 with a loss of 100.00, reopened 11-02, closed
# again 11-05 with 150.00, each written to the register that day:
# October charges 100.00; November charges what changed in November,
# 150.00 - 100.00 = 50.00, said as charged 100.00 before.  261003:
# closed 10-25 (50.00), reopened 11-03, open now: it keeps its charge,
# so November charges it 50.00 - 50.00 = 0 (no row); December nothing.
# 261002 is never closed: judging it is exit 3.
test_expect_success '--register: a reopened case keeps its charge, a new closing charges the difference' '
	test_at "2026-10-02 09:00:00" cm-complaint -f reg.csv new customer=A description=x received=2026-10-02 >/dev/null &&
	test_at "2026-10-09 09:00:00" cm-complaint -f reg.csv new customer=B description=y received=2026-10-09 >/dev/null &&
	test_at "2026-10-10 09:00:00" cm-complaint -f reg.csv new customer=C description=z received=2026-10-10 >/dev/null &&
	test_at "2026-10-20 09:00:00" cm-complaint -f reg.csv close 261001 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=业务部 loss=100 --as-of 2026-10-20 &&
	test_at "2026-10-25 09:00:00" cm-complaint -f reg.csv close 261003 responsibility=ours cause=late_delivery \
		root_cause=rc action=fix dept=生产部 loss=50 --as-of 2026-10-25 &&
	test_at "2026-11-02 09:00:00" cm-complaint -f reg.csv reopen 261001 --reason "not satisfied" --as-of 2026-11-02 &&
	test_at "2026-11-05 09:00:00" cm-complaint -f reg.csv close 261001 loss=150 --as-of 2026-11-05 &&
	test_at "2026-11-03 09:00:00" cm-complaint -f reg.csv reopen 261003 --reason "again" --as-of 2026-11-03 &&
	printf "%s\n" case,party 261001,S1 261003,P1 >parties.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --register reg.csv --cases parties.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-10,261001,S1,赵六,100.00,actual loss; person,100.00
	2026-10,261003,P1,张三,50.00,actual loss; person,50.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	CM_TODAY=2026-12-10 cm-penalty --month 2026-11 --staff staff.csv --register reg.csv --cases parties.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$CHEAD
	2026-11,261001,S1,赵六,150.00,charged 100.00 before; actual loss; person,50.00
	EOF
	test_cmp expect actual &&
	test ! -s err &&
	CM_TODAY=2027-01-10 cm-penalty --month 2026-12 --staff staff.csv --register reg.csv parties.csv >actual 2>err &&
	echo "$HEAD" >expect &&
	test_cmp expect actual &&
	test ! -s err &&
	printf "%s\n" case,party 261001,S1 261002,S2 >p2.csv &&
	echo "cm-penalty: p2.csv:3: case ${Q}261002${Q} is not closed in the register" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff staff.csv --register reg.csv p2.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out
'

test_expect_success '--register without its history log is exit 4, and creates nothing' '
	mv reg.log saved.log &&
	echo "cm-penalty: reg.log: cannot read the history log of the register ${Q}reg.csv${Q}: No such file or directory" >expect.err &&
	test_status 4 cm-penalty --month 2026-10 --staff staff.csv --register reg.csv parties.csv >out 2>err &&
	test ! -e reg.log &&
	mv saved.log reg.log &&
	test_cmp expect.err err &&
	test ! -s out
'

# Each row alone would be charged whole in its own month: 261001 twice.
test_expect_success 'rows of a case that disagree are refused in any month, across files' '
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100,S1, >a.csv &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-11-05,100,S2, >b.csv &&
	data_error "b.csv:2: case ${Q}261001${Q} differs from its row at a.csv:2 in its closed date, loss, resale or judged date" a.csv b.csv &&
	cat >c.csv <<-\EOF &&
	case,closed,loss,party,share,a_price,resale_price,resale_qty,resold
	261001,2026-10-05,100,S1,,10,9,10,2026-10-20
	261001,2026-10-05,100,S2,,10,9,10,2026-11-20
	EOF
	data_error "c.csv:3: case ${Q}261001${Q} differs from its row at c.csv:2 in its closed date, loss, resale or judged date" c.csv
'

# Regular files are read twice, and only the cases charged in --month
# are held to their first row: a.csv and b.csv disagree on 261001, which
# is October's (a.csv) and November's (b.csv), so December's run does
# not refuse it (those months' runs do), and November's names the first
# row in file order, a.csv:2, October's.  Standard input is read once,
# every case held to its first row whatever its month: December refuses.
test_expect_success 'files read twice: only the cases of the month are held to their first row' '
	echo "$HEAD" >expect &&
	cm-penalty --month 2026-12 --staff staff.csv a.csv b.csv >actual 2>err &&
	test_cmp expect actual &&
	test ! -s err &&
	echo "cm-penalty: b.csv:2: case ${Q}261001${Q} differs from its row at a.csv:2 in its closed date, loss, resale or judged date" >expect.err &&
	test_status 3 cm-penalty --month 2026-11 --staff staff.csv a.csv b.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	{ cat a.csv && tail -n +2 b.csv; } >ab.csv &&
	echo "cm-penalty: (standard input):3: case ${Q}261001${Q} differs from its row at (standard input):2 in its closed date, loss, resale or judged date" >expect.err &&
	test_status 3 cm-penalty --month 2026-12 --staff staff.csv <ab.csv >out 2>err &&
	test_cmp expect.err err &&
	test ! -s out &&
	cm-penalty --month 2026-12 --staff staff.csv ab.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'money and shares with more than two decimals are refused' '
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100.005,S1, >x.csv &&
	data_error "x.csv:2: loss ${Q}100.005${Q} has more than two decimals (money is to the fen)" x.csv &&
	cat >x.csv <<-\EOF &&
	case,closed,loss,party,share,a_price,resale_price,resale_qty,resold
	261001,2026-10-05,,S1,,10.005,10.004,1000,2026-10-20
	EOF
	data_error "x.csv:2: a_price ${Q}10.005${Q} has more than two decimals (money is to the fen)" x.csv &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100,S1,50.004 261001,2026-10-05,100,S2,50.004 >x.csv &&
	data_error "x.csv:2: share ${Q}50.004${Q} has more than two decimals" x.csv &&
	printf "%s\n" person,name,unit,dept,base_points,bonus S1,x,,d,1,2000.001 >s3.csv &&
	echo "cm-penalty: s3.csv:2: bonus ${Q}2000.001${Q} has more than two decimals (money is to the fen)" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff s3.csv head.csv >out 2>err &&
	test_cmp expect.err err &&
	printf "%s\n" month,person,carried_out 2026-09,S1,1.005 >carry.csv &&
	data_error "carry.csv:2: carried_out ${Q}1.005${Q} has more than two decimals (money is to the fen)" --carry carry.csv head.csv &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,100.000,S1,50.00 261001,2026-10-05,100.000,S2,50.000 >x.csv &&
	cm-penalty --month 2026-10 --staff staff.csv x.csv >out
'

# Every amount printed is at most 100000000000.00, what --carry reads
# back: 99999999999.99 carried in + 1.00 assigned is refused; so are
# sanctions of 1000 minor demerits × 800.00 × 1,000,000 points, and two
# cases that together assign more.
test_expect_success 'amounts past what can be read back are refused where they are made' '
	printf "%s\n" month,person,carried_out 2026-09,S1,99999999999.99 >carry.csv &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,1,S1, >one.csv &&
	data_error "staff.csv:3: the amounts of person ${Q}S1${Q} are too large (due above 100000000000.00)" --carry carry.csv one.csv &&
	printf "%s\n" person,name,unit,dept,base_points,bonus B1,x,,d,1000000,1000 >big.csv &&
	printf "%s\n" person,kind,count B1,minor,1000 >k.csv &&
	echo "cm-penalty: big.csv:2: the amounts of person ${Q}B1${Q} are too large (due above 100000000000.00)" >expect.err &&
	test_status 3 cm-penalty --month 2026-10 --staff big.csv --sanctions k.csv head.csv >out 2>err &&
	test_cmp expect.err err && test ! -s out &&
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,99999999999,S1, 261002,2026-10-06,2,S1, >two.csv &&
	data_error "two.csv:3: the amounts assigned to person ${Q}S1${Q} pass 100000000000.00 with case ${Q}261002${Q}" two.csv
'

test_expect_success 'a carried_out of 0.00 is no balance, even for someone who left' '
	printf "%s\n" month,person,carried_out 2026-09,X9,0.00 2026-09,S2,5.00 >carry.csv &&
	cm-penalty --month 2026-10 --staff staff.csv --carry carry.csv head.csv >actual &&
	cat >expect <<-EOF &&
	$HEAD
	2026-10,S2,钱七,服务部,1000.00,5.00,0.00,0.00,5.00,500.00,5.00,0.00
	EOF
	test_cmp expect actual &&
	printf "%s\n" month,person,carried_out 2026-09,X9,0.01 >carry.csv &&
	data_error "carry.csv:2: person ${Q}X9${Q} of the carry file is not in the staff file ${Q}staff.csv${Q}" --carry carry.csv head.csv
'

# conf_error SETTING MESSAGE: penalty.conf with SETTING added is exit 2.
conf_error() {
	cp "$ROOT/share/cm/penalty.conf" share/cm/penalty.conf &&
	echo "$1" >>share/cm/penalty.conf &&
	n=$(wc -l <share/cm/penalty.conf) &&
	echo "cm-penalty: $PWD/share/cm/penalty.conf:$((n)): $2" >expect.err &&
	CM_SHARE=$PWD/share/cm test_status 2 cm-penalty --month 2026-10 --staff staff.csv head.csv >out 2>err &&
	test_cmp expect.err err
}

test_expect_success 'penalty.conf below the seed floors is exit 2' '
	mkdir -p share && cp -R "$ROOT/share/cm" share/ &&
	conf_error warning=100 "invalid value ${Q}100${Q} for warning (less than 400, the seed${Q}s floor: 004 article 3 (五) fines a warning 400 yuan or more (以上); an office may raise the amount, not lower it)" &&
	conf_error minor=0 "invalid value ${Q}0${Q} for minor (less than 800, the seed${Q}s floor: 004 article 3 (五) fines a minor demerit 800 yuan or more (以上) a base point; an office may raise the amount, not lower it)" &&
	conf_error minor=800.001 "invalid value ${Q}800.001${Q} for minor (more than two decimals: money is to the fen)" &&
	conf_error cap=100 "invalid value ${Q}100${Q} for cap (a percent above 0, at most 50)" &&
	conf_error cap=0 "invalid value ${Q}0${Q} for cap (a percent above 0, at most 50)" &&
	conf_error resale_days=0 "invalid value ${Q}0${Q} for resale_days (days, 1 or more)" &&
	cp "$ROOT/share/cm/penalty.conf" share/cm/penalty.conf &&
	echo warning=400.50 >>share/cm/penalty.conf &&
	CM_SHARE=$PWD/share/cm cm-penalty --month 2026-10 --staff staff.csv head.csv >out
'

# A department of 3,000 members bearing 3,000 cases is 9,000,000 parts:
# about 300 MB if each were kept; without --cases only the totals are.
# Against the same department bearing one case, so that a sanitizer's
# own memory cancels out: less than 50 MB more (ASan's quarantine of
# freed blocks, 256 MB, turned off: apportion.c's scratch is freed per
# split).
test -x /usr/bin/time && test_set_prereq TIME
ASAN_OPTIONS=$ASAN_OPTIONS:quarantine_size_mb=0
test_expect_success_if TIME 'without --cases the parts of a month are not kept' '
	awk "BEGIN { print \"person,name,unit,dept,base_points,bonus\";
		for (i = 1; i <= 3000; i++) printf \"E%d,n,,D,1,100000\n\", i }" >dstaff.csv &&
	awk "BEGIN { print \"case,closed,loss,party,share\";
		for (i = 1; i <= 3000; i++) printf \"%d,2026-10-05,3000,D,\n\", i }" >dcases.csv &&
	head -n 2 dcases.csv >dcase1.csv &&
	/usr/bin/time -f %M -o rss1 cm-penalty --month 2026-10 --staff dstaff.csv dcase1.csv >out &&
	/usr/bin/time -f %M -o rss cm-penalty --month 2026-10 --staff dstaff.csv dcases.csv >out &&
	test $(wc -l <out) -eq 3001 &&
	grep -x "2026-10,E1,n,D,100000.00,0.00,3000.00,0.00,3000.00,50000.00,3000.00,0.00" out &&
	test $(($(cat rss) - $(cat rss1))) -lt 51200
'

test_expect_success 'a party both a person and a unit is said once; -q keeps the carried list' '
	cat >amb.csv <<-\EOF &&
	person,name,unit,dept,base_points,bonus
	QA,质检,QA,质量部,1.0,1000
	Q2,孙八,QA,质量部,1.0,1000
	EOF
	printf "%s\n" case,closed,loss,party,share 261001,2026-10-05,600,QA, 261002,2026-10-06,100,QA, >q.csv &&
	cat >expect.err <<-EOF &&
	cm-penalty: q.csv:2: party ${Q}QA${Q} is both a person and a unit: taken as the person
	cm-penalty: QA 质检 carries 200.00 into 2026-11
	EOF
	test_status 1 cm-penalty --month 2026-10 --staff amb.csv q.csv >out 2>err &&
	test_cmp expect.err err &&
	echo "cm-penalty: QA 质检 carries 200.00 into 2026-11" >expect.err &&
	test_status 1 cm-penalty -q --month 2026-10 --staff amb.csv q.csv >out 2>err &&
	test_cmp expect.err err
'

test_done
