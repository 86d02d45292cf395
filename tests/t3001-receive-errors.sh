#!/bin/sh
#
# cm-receive: every rejection of a batch (exit 3, nothing written, the
# file, line and bad value named), usage errors (exit 2) and system
# errors (exit 4).

test_description='cm-receive: rejections'

. "$(dirname "$0")/test-lib.sh"

# bad FILE MESSAGE [OPTION...]: FILE's batch is exit 3 with exactly
# "cm-receive: MESSAGE" on stderr, and the journal and snapshot are as
# they were.
bad() {
	f=$1 msg=$2 &&
	shift 2 &&
	test_status 3 cm-receive "$@" "$f" >out 2>err &&
	echo "cm-receive: $msg" >expect.err &&
	test_cmp expect.err err &&
	test_cmp /dev/null out &&
	cmp journal.before property.csv &&
	cmp snap.before property.csv.bal
}

# row FILE ROW...: a batch with the journal's own header.
row() {
	f=$1 &&
	shift &&
	{ echo "date,customer,part_no,name,unit,kind,action,qty,declared_qty,ref,note" &&
	  printf "%s\n" "$@"; } >"$f"
}

test_expect_success 'setup: a journal with a material and an instrument' '
	row base.csv \
		"2026-03-01,ACME,P-100,bearing,pcs,material,receive,10,10,," \
		"2026-03-02,ACME,P-100,,,,accept,8,,," \
		"2026-03-02,ACME,C-7,steel,kg,material,receive,5,5,," \
		"2026-03-02,ACME,M-1,meter,set,equipment,receive,1,1,," &&
	cm-receive base.csv &&
	cp property.csv journal.before &&
	cp property.csv.bal snap.before
'

test_expect_success 'required fields: date, customer, part_no, action, qty' '
	row x.csv ",ACME,P-100,,,,issue,1,,," && bad x.csv "x.csv:2: no date" &&
	row x.csv "2026-03-03,,P-100,,,,issue,1,,," && bad x.csv "x.csv:2: no customer" &&
	row x.csv "2026-03-03, 　 ,P-100,,,,issue,1,,," && bad x.csv "x.csv:2: no customer" &&
	row x.csv "2026-03-03,ACME,,,,,issue,1,,," && bad x.csv "x.csv:2: no part_no" &&
	row x.csv "2026-03-03,ACME,P-100,,,,,1,,," && bad x.csv "x.csv:2: no action" &&
	row x.csv "2026-03-03,ACME,P-100,,,,issue,,,," && bad x.csv "x.csv:2: no qty"
'

test_expect_success 'dates' '
	row x.csv "2026-02-30,ACME,P-100,,,,issue,1,,," &&
	bad x.csv "x.csv:2: invalid date '\''2026-02-30'\''" &&
	row x.csv "yesterday,ACME,P-100,,,,issue,1,,," &&
	bad x.csv "x.csv:2: invalid date '\''yesterday'\''" &&
	row x.csv "2026-02-28,ACME,P-100,,,,issue,1,,," &&
	bad x.csv "x.csv:2: dated 2026-02-28, before 2026-03-02, the last movement of part '\''P-100'\'' for '\''ACME'\''"
'

test_expect_success 'actions, kinds and units that do not exist' '
	row x.csv "2026-03-03,ACME,P-100,,,,recieve,1,1,," &&
	bad x.csv "x.csv:2: unknown action '\''recieve'\'' (one of receive/收货, accept/合格, reject/拒收, issue/发料, return/退回, scrap/报废, lose/丢失, damage/损坏, lend/借出, giveback/归还); did you mean '\''receive'\''?" &&
	row x.csv "2026-03-03,ACME,P-100,,,,移库,1,1,," &&
	bad x.csv "x.csv:2: unknown action '\''移库'\'' (one of receive/收货, accept/合格, reject/拒收, issue/发料, return/退回, scrap/报废, lose/丢失, damage/损坏, lend/借出, giveback/归还)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,收获,1,1,," &&
	bad x.csv "x.csv:2: unknown action '\''收获'\'' (one of receive/收货, accept/合格, reject/拒收, issue/发料, return/退回, scrap/报废, lose/丢失, damage/损坏, lend/借出, giveback/归还); did you mean '\''收货'\''?" &&
	row x.csv "2026-03-03,ACME,P-100,,,,shipment,1,1,," &&
	bad x.csv "x.csv:2: unknown action '\''shipment'\'' (one of receive/收货, accept/合格, reject/拒收, issue/发料, return/退回, scrap/报废, lose/丢失, damage/损坏, lend/借出, giveback/归还)" &&
	row x.csv "2026-03-03,ACME,N-1,nut,pcs,tool,receive,1,1,," &&
	bad x.csv "x.csv:2: unknown kind '\''tool'\'' (one of material/材料, equipment/设备, entrusted/代管)" &&
	row x.csv "2026-03-03,ACME,N-1,nut,kgs,material,receive,1,1,," &&
	bad x.csv "x.csv:2: unknown unit '\''kgs'\''; did you mean '\''kg'\''?" &&
	row x.csv "2026-03-03,ACME,N-1,nut,bags,material,receive,1,1,," &&
	bad x.csv "x.csv:2: unknown unit '\''bags'\''"
'

test_expect_success 'quantities: numbers, not negative, the unit'"'"'s decimals' '
	row x.csv "2026-03-03,ACME,P-100,,,,issue,abc,,," &&
	bad x.csv "x.csv:2: qty '\''abc'\'' is not a number" &&
	row x.csv "2026-03-03,ACME,P-100,,,,issue,\"1,000\",,," &&
	bad x.csv "x.csv:2: qty '\''1,000'\'' is not a number" &&
	row x.csv "2026-03-03,ACME,P-100,,,,issue,-2,,," &&
	bad x.csv "x.csv:2: qty '\''-2'\'' is negative" &&
	row x.csv "2026-03-03,ACME,P-100,,,,issue,1.5,,," &&
	bad x.csv "x.csv:2: qty '\''1.5'\'' has more decimals than unit '\''pcs'\'' allows (0)" &&
	row x.csv "2026-03-03,ACME,C-7,,,,accept,1.2345,,," &&
	bad x.csv "x.csv:2: qty '\''1.2345'\'' has more than 3 decimals" &&
	row x.csv "2026-03-03,ACME,P-100,,,,receive,2,2.5,," &&
	bad x.csv "x.csv:2: declared_qty '\''2.5'\'' has more decimals than unit '\''pcs'\'' allows (0)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,receive,2,-1,," &&
	bad x.csv "x.csv:2: declared_qty '\''-1'\'' is negative" &&
	row x.csv "2026-03-03,ACME,P-100,,,,issue,0,,," &&
	bad x.csv "x.csv:2: qty of issue is 0 (only a receive may count nothing)"
'

test_expect_success 'a whole quantity written with zero decimals is taken' '
	row ok.csv "2026-03-03,ACME,P-100,,,,issue,2.00,,," &&
	cm-receive -n ok.csv
'

test_expect_success 'fields each action needs' '
	row x.csv "2026-03-03,ACME,P-100,,,,receive,2,,," &&
	bad x.csv "x.csv:2: receive needs declared_qty (the quantity the customer declared)" &&
	row x.csv "2026-03-03,ACME,N-1,nut,,material,receive,2,2,," &&
	bad x.csv "x.csv:2: the first receive of part '\''N-1'\'' for '\''ACME'\'' needs unit" &&
	row x.csv "2026-03-03,ACME,N-1,nut,pcs,,receive,2,2,," &&
	bad x.csv "x.csv:2: the first receive of part '\''N-1'\'' for '\''ACME'\'' needs kind (material, equipment or entrusted)" &&
	row x.csv "2026-03-03,ACME,M-1,,,,lend,1,,," &&
	bad x.csv "x.csv:2: lend needs ref (the borrowing department)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,reject,1,,," &&
	bad x.csv "x.csv:2: reject needs note (why, for the customer)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,lose,1,,," &&
	bad x.csv "x.csv:2: lose needs note (why, for the customer)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,damage,1,,," &&
	bad x.csv "x.csv:2: damage needs note (why, for the customer)"
'

test_expect_success 'materials are issued, not lent' '
	row x.csv "2026-03-03,ACME,P-100,,,,lend,1,,QA," &&
	bad x.csv "x.csv:2: lend of part '\''P-100'\'' for '\''ACME'\'', a material (only equipment and entrusted items are lent; materials are issued)"
'

test_expect_success 'a part keeps the unit, kind and name of its first receive' '
	row x.csv "2026-03-03,ACME,P-100,,kg,,issue,1,,," &&
	bad x.csv "x.csv:2: unit '\''kg'\'' of part '\''P-100'\'' for '\''ACME'\'' is '\''pcs'\'' (its first receive'\''s)" &&
	row x.csv "2026-03-03,ACME,P-100,,,equipment,issue,1,,," &&
	bad x.csv "x.csv:2: kind '\''equipment'\'' of part '\''P-100'\'' for '\''ACME'\'' is '\''material'\'' (its first receive'\''s)" &&
	row x.csv "2026-03-03,ACME,P-100,roller,,,issue,1,,," &&
	bad x.csv "x.csv:2: name '\''roller'\'' of part '\''P-100'\'' for '\''ACME'\'' is '\''bearing'\'' (its first receive'\''s)" &&
	row ok.csv "2026-03-03,ACME,P-100,bearing,个,材料,issue,1,,," &&
	cm-receive -n ok.csv
'

# P-100: pending 2, stock 8, hold 0.  C-7 pending 5.  M-1 pending 1.
test_expect_success 'no balance below zero: the row, the balance, what it held' '
	row x.csv "2026-03-03,ACME,P-100,,,,issue,9,,," &&
	bad x.csv "x.csv:2: issue of 9 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave stock at -1 (it held 8)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,accept,3,,," &&
	bad x.csv "x.csv:2: accept of 3 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave pending at -1 (it held 2)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,scrap,1,,," &&
	bad x.csv "x.csv:2: scrap of 1 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave hold at -1 (it held 0)" &&
	row x.csv "2026-03-03,ACME,P-100,,,,return,9,,," &&
	bad x.csv "x.csv:2: return of 9 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave hold and stock at -1 (it held 8)" &&
	row x.csv "2026-03-03,ACME,C-7,,,,lose,0.5,,,gone" &&
	bad x.csv "x.csv:2: lose of 0.500 kg of part '\''C-7'\'' for '\''ACME'\'' would leave stock at -0.500 (it held 0.000)" &&
	row x.csv "2026-03-03,ACME,M-1,,,,giveback,1,,QA," &&
	bad x.csv "x.csv:2: giveback of 1 set of part '\''M-1'\'' for '\''ACME'\'' would leave on_loan at -1 (it held 0)" &&
	row x.csv "2026-03-03,ACME,Q-9,,,,accept,1,,," &&
	bad x.csv "x.csv:2: accept of part '\''Q-9'\'' for '\''ACME'\'' before any receive of it"
'

test_expect_success 'the batch is all or nothing, across rows and files' '
	row good.csv "2026-03-03,ACME,P-100,,,,issue,8,,," &&
	row x.csv "2026-03-04,ACME,P-100,,,,accept,2,,," \
		"2026-03-04,ACME,P-100,,,,issue,1,,," \
		"2026-03-04,ACME,P-100,,,,issue,2,,," &&
	bad x.csv "x.csv:4: issue of 2 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave stock at -1 (it held 1)" good.csv
'

test_expect_success 'a column that is not a journal column' '
	printf "date,customer,part_no,action,qtty\n2026-03-03,ACME,P-100,issue,1\n" >x.csv &&
	bad x.csv "x.csv:1: column '\''qtty'\'' is not a journal column (did you mean '\''qty'\''?)" &&
	printf "date,customer,part_no,action,qty,remark2\n2026-03-03,ACME,P-100,issue,1,x\n" >x.csv &&
	bad x.csv "x.csv:1: column '\''remark2'\'' is not a journal column (date, customer, part_no, name, spec, unit, kind, action, qty, declared_qty, location, ref, by, note)" &&
	printf "date,customer,part_no,action,qty,x\n2026-03-03,ACME,P-100,issue,1,x\n" >x.csv &&
	cm-receive -n --map x=note x.csv
'

test_expect_success '--part-pattern: part numbers match it whole' '
	row x.csv "2026-03-03,ACME,P-100x,bolt,pcs,material,receive,1,1,," &&
	bad x.csv "x.csv:2: part_no '\''P-100x'\'' does not match --part-pattern '\''[A-Z]-[0-9]+'\''" --part-pattern "[A-Z]-[0-9]+" &&
	row ok.csv "2026-03-03,ACME,P-101,bolt,pcs,material,receive,1,1,," &&
	cm-receive -n --part-pattern "[A-Z]-[0-9]+" ok.csv &&
	test_status 2 cm-receive --part-pattern "([A-Z]" ok.csv 2>err &&
	printf "%s\n" "cm-receive: bad pattern '\''([A-Z]'\'': missing closing parenthesis at offset 6" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err
'

test_expect_success '--customers: a known customer, or the nearest' '
	printf "客户名称,contact\nACME,x\n华丰,y\n" >customers.csv &&
	row x.csv "2026-03-03,ACEM,P-1,bolt,pcs,material,receive,1,1,," &&
	bad x.csv "x.csv:2: unknown customer '\''ACEM'\''; did you mean '\''ACME'\''?" --customers customers.csv &&
	row x.csv "2026-03-03,Zeta,P-1,bolt,pcs,material,receive,1,1,," &&
	bad x.csv "x.csv:2: unknown customer '\''Zeta'\''" --customers customers.csv &&
	row ok.csv "2026-03-03,ACME,P-1,bolt,pcs,material,receive,1,1,," &&
	cm-receive -n --customers customers.csv ok.csv &&
	printf "name\nACME\n" >nocol.csv &&
	test_status 3 cm-receive -n --customers nocol.csv ok.csv 2>err &&
	echo "cm-receive: nocol.csv:1: no column '\''customer'\'' (columns: '\''name'\'')" >expect &&
	test_cmp expect err
'

test_expect_success 'a malformed input is exit 3 naming its line' '
	printf "date,customer,part_no,action,qty\n2026-03-03,ACME,P-100,issue\n" >x.csv &&
	test_status 3 cm-receive x.csv 2>err &&
	grep -q "^cm-receive: x.csv:2: " err &&
	cmp journal.before property.csv
'

test_expect_success 'usage errors are exit 2' '
	test_status 2 cm-receive --balance x.csv 2>err &&
	printf "%s\n" "cm-receive: --balance reads the journal, not '\''x.csv'\''" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err &&
	test_status 2 cm-receive --notify --as-of 2026-01-01 2>err &&
	printf "%s\n" "cm-receive: option '\''--as-of'\'' does not apply to --notify" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err &&
	test_status 2 cm-receive --balance --check 2>err &&
	printf "%s\n" "cm-receive: --balance and --check are different reports: give one" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err &&
	test_status 2 cm-receive --balance --as-of 2026-13-01 2>err &&
	printf "%s\n" "cm-receive: invalid date '\''2026-13-01'\'' for --as-of" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err &&
	test_status 2 cm-receive --balance -o x.out --dry-run 2>err &&
	printf "%s\n" "cm-receive: option '\''--dry-run'\'' does not apply to --balance" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err &&
	test_status 2 cm-receive -o x.out ok.csv 2>err &&
	printf "%s\n" "cm-receive: option '\''--output'\'' does not apply to an append" "Try '\''cm-receive --help'\'' for more information." >expect &&
	test_cmp expect err &&
	test_status 2 cm-receive --notify --from 2026-02-01 --to 2026-01-01 2>err &&
	test_status 2 cm-receive --on-loan --max-days -1 2>err &&
	test_status 2 cm-receive --bogus 2>err &&
	! test -e x.out
'

test_expect_success 'a bad units.conf is exit 2 naming its line' '
	mkdir -p share/cm &&
	cp "$ROOT"/share/cm/columns.map share/cm/ &&
	printf "pcs 0 个\nkg three\n" >share/cm/units.conf &&
	test_status 2 env CM_SHARE=$TRASH/share/cm cm-receive --balance 2>err &&
	echo "cm-receive: $TRASH/share/cm/units.conf:2: expected '\''UNIT DECIMALS [ALIAS]...'\'' with DECIMALS 0 to 3, not '\''kg three'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'a row of the journal that does not parse: readers exit 3 at its line' '
	mkdir bad && cp property.csv bad/ &&
	echo "2026-03-05,ACME,P-100,,,pcs,material,issue,99,,,,," >>bad/property.csv &&
	test_status 3 cm-receive -j bad/property.csv --balance >out 2>err &&
	echo "cm-receive: bad/property.csv:6: issue of 99 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave stock at -91 (it held 8)" >expect &&
	test_cmp expect err
'

test_expect_success 'an append refuses a journal whose header was edited' '
	mkdir hdr &&
	sed "1s/,ref,by,/,by,ref,/" property.csv >hdr/property.csv &&
	row ok.csv "2026-03-03,ACME,P-100,,,,issue,1,,," &&
	cp hdr/property.csv hdr/before.csv &&
	test_status 3 cm-receive -j hdr/property.csv ok.csv 2>err &&
	echo "cm-receive: hdr/property.csv:1: header'\''s column 12 is '\''by'\'', where the journal has '\''ref'\''" >expect &&
	test_cmp expect err &&
	cmp hdr/before.csv hdr/property.csv &&
	sed "1s/,note\$/,note,extra/" property.csv >hdr/property.csv &&
	test_status 3 cm-receive -j hdr/property.csv ok.csv 2>err &&
	echo "cm-receive: hdr/property.csv:1: header has a column 15, '\''extra'\'', past the journal'\''s 14" >expect &&
	test_cmp expect err &&
	sed "1s/,by,note\$/,by/" property.csv >hdr/property.csv &&
	test_status 3 cm-receive -j hdr/property.csv ok.csv 2>err &&
	echo "cm-receive: hdr/property.csv:1: header ends before column 14, '\''note'\'', of the journal'\''s" >expect &&
	test_cmp expect err
'

test_expect_success 'an append refuses a journal saved with CRLF line ends' '
	mkdir crlf &&
	sed "s/\$/\r/" property.csv >crlf/property.csv &&
	cp crlf/property.csv crlf/before.csv &&
	test_status 3 cm-receive -j crlf/property.csv ok.csv 2>err &&
	echo "cm-receive: crlf/property.csv:1: line ends are CRLF (saved by another program?); the journal'\''s are LF" >expect &&
	test_cmp expect err &&
	cmp crlf/before.csv crlf/property.csv
'

test_expect_success 'the lock held by another writer: exit 4 after --timeout' '
	row ok.csv "2026-03-03,ACME,P-100,,,,issue,1,,," &&
	{ flock property.csv.lock sleep 1.2 & } &&
	sleep 0.5 &&
	test_status 4 cm-receive --timeout 0.3 ok.csv 2>err &&
	grep -q "lock timeout" err &&
	cmp journal.before property.csv &&
	wait
'

test_expect_success 'a journal that is a directory or a FIFO is exit 4' '
	mkdir dir.csv &&
	test_status 4 cm-receive -j dir.csv --balance 2>err &&
	mkfifo fifo.csv &&
	test_status 4 cm-receive -j fifo.csv --balance 2>err
'

# Today is CM_TODAY (2026-11-23 in the tests): a year mistyped would
# block the part for good, as its dates only go forward.
test_expect_success 'a date after today is refused' '
	row x.csv "2062-03-03,ACME,P-100,,,,issue,1,,," &&
	bad x.csv "x.csv:2: date '\''2062-03-03'\'' is after today, 2026-11-23" &&
	row x.csv "2026-11-23,ACME,P-100,,,,issue,1,,," &&
	cm-receive -n x.csv
'

test_expect_success 'a quantity past the limit says so, not "not a number"' '
	row x.csv "2026-03-03,ACME,C-7,,,,issue,99999999999999,,," &&
	bad x.csv "x.csv:2: qty '\''99999999999999'\'' is past the limit of 10000000000000" &&
	row x.csv "2026-03-03,ACME,C-7,,,,issue,1-2,,," &&
	bad x.csv "x.csv:2: qty '\''1-2'\'' is not a number"
'

# Excel leaves a header cell empty over an empty column.
test_expect_success 'a column with no name: taken while empty, refused with a value' '
	printf "date,customer,part_no,action,qty,,\n2026-03-03,ACME,P-100,issue,1,,\n" >blank.csv &&
	cm-receive -n blank.csv &&
	printf "date,customer,part_no,action,qty,,\n2026-03-03,ACME,P-100,issue,1,, 备注 \n" >x.csv &&
	bad x.csv "x.csv:2: '\''备注'\'' in column 7, which has no name in the header"
'

test_expect_success 'a department column: the borrower goes in ref' '
	printf "日期,客户,料号,动作,数量,部门\n2026-03-03,ACME,M-1,借出,1,品质部\n" >x.csv &&
	bad x.csv "x.csv:1: column '\''部门'\'' is not a journal column (the department that borrows goes in ref)"
'

test_expect_success '--precision: refused, saying why' '
	test_status 2 cm-receive --balance --precision 2 2>err &&
	echo "cm-receive: option '\''--precision'\'' does not apply to --balance (quantities have the decimals of their unit, units.conf)" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

# --encoding describes the movements; the customer list is found alone.
test_expect_success '--customers in UTF-8 beside movements in GB18030' '
	printf "客户名称,城市\nACME,上海\n" >customers.csv &&
	row x.csv "2026-03-03,ACME,P-100,,,,领用,1,,," &&
	iconv -f UTF-8 -t GB18030 x.csv >x-gb.csv &&
	cm-receive -n --customers customers.csv --encoding gb18030 x-gb.csv
'

test_done
