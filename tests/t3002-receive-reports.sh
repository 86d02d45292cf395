#!/bin/sh
#
# cm-receive's readers: --discrepancies, --notify, --on-loan, --check, and
# --dry-run.

test_description='cm-receive: reports and the audit'

. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a journal' '
	cat >in.csv <<-\EOF &&
	date,customer,part_no,name,unit,kind,action,qty,declared_qty,ref,by,note
	2026-09-01,ACME,P-100,bearing,pcs,material,receive,98,100,RK-1,Li,
	2026-09-02,ACME,P-100,,,,accept,90,,,Wang,
	2026-09-02,ACME,P-100,,,,reject,8,,IQC-7,Wang,"burrs, 8 of 98"
	2026-09-03,ACME,C-7,steel,kg,material,receive,12.5,12.5,,,
	2026-09-05,Beta,T-1,caliper,set,equipment,receive,3,3,,,
	2026-09-06,Beta,T-1,,,,accept,3,,,,
	2026-09-10,Beta,T-1,,,,lend,1,,QA,,
	2026-09-20,Beta,T-1,,,,lend,1,,PE,,
	2026-10-01,Beta,T-1,,,,lend,1,,QA,,
	2026-10-15,Beta,T-1,,,,giveback,1,,QA,,
	2026-10-20,ACME,P-100,,,,lose,1,,,Zhao,fell from the rack
	2026-11-01,Beta,K-1,keys,pcs,entrusted,receive,2,3,,,
	2026-11-02,Beta,T-1,,,,giveback,1,,,,
	2026-11-03,Beta,T-1,,,,damage,1,,,,dropped
	EOF
	cm-receive in.csv
'

test_expect_success '--discrepancies: counted against declared, exit 1' '
	cat >expect <<-\EOF &&
	date,customer,part_no,name,unit,declared_qty,qty,difference,line
	2026-09-01,ACME,P-100,bearing,pcs,100,98,-2,2
	2026-11-01,Beta,K-1,keys,pcs,3,2,-1,13
	EOF
	test_status 1 cm-receive --discrepancies >actual &&
	test_cmp expect actual
'

test_expect_success '--notify: rejects, losses and damage, what to say, exit 1' '
	cat >expect <<-\EOF &&
	date,customer,part_no,name,action,qty,unit,ref,by,note,message
	2026-09-02,ACME,P-100,bearing,reject,8,pcs,IQC-7,Wang,"burrs, 8 of 98","8 pcs of your part P-100 (bearing) were rejected at incoming inspection on 2026-09-02: burrs, 8 of 98"
	2026-10-20,ACME,P-100,bearing,lose,1,pcs,,Zhao,fell from the rack,1 pcs of your part P-100 (bearing) was lost on 2026-10-20: fell from the rack
	2026-11-03,Beta,T-1,caliper,damage,1,set,,,dropped,1 set of your part T-1 (caliper) was damaged on 2026-11-03: dropped
	EOF
	test_status 1 cm-receive --notify >actual &&
	test_cmp expect actual &&
	sed -n "1p;3p" expect >expect.range &&
	test_status 1 cm-receive --notify --from 2026-10-01 --to 2026-10-31 >actual &&
	test_cmp expect.range actual &&
	cm-receive --notify --from 2026-11-04 >actual &&
	head -n 1 expect >expect.none &&
	test_cmp expect.none actual
'

# T-1 loans: QA 09-10, PE 09-20, QA 10-01.  The giveback of 10-15 by QA
# closes QA's oldest (09-10); the giveback of 11-02 names nobody and
# closes the oldest open one (PE, 09-20).  Left: QA since 10-01, 53 days
# to 2026-11-23.
test_expect_success '--on-loan: who has it, since when, first in first out' '
	cat >expect <<-\EOF &&
	customer,part_no,name,dept,qty,since,days
	Beta,T-1,caliper,QA,1,2026-10-01,53
	EOF
	cm-receive --on-loan >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	customer,part_no,name,dept,qty,since,days
	Beta,T-1,caliper,QA,1,2026-09-10,21
	Beta,T-1,caliper,PE,1,2026-09-20,11
	Beta,T-1,caliper,QA,1,2026-10-01,0
	EOF
	cm-receive --on-loan --as-of 2026-09-30 >actual 2>err &&
	test_cmp /dev/null err &&
	cm-receive --on-loan --as-of 2026-10-01 >actual &&
	test_cmp expect actual
'

test_expect_success '--on-loan over hundreds of closed loans keeps the open one' '
	{
		echo date,customer,part_no,name,unit,kind,action,qty,declared_qty,ref &&
		echo 2026-01-01,Z,GAUGE,gauge,set,equipment,receive,2,2, &&
		echo 2026-01-01,Z,GAUGE,,,,accept,2,, &&
		echo 2026-01-01,Z,GAUGE,,,,lend,1,,LAB &&
		i=0 &&
		while test $i -lt 300; do
			echo 2026-01-02,Z,GAUGE,,,,lend,1,,D$i &&
			echo 2026-01-02,Z,GAUGE,,,,giveback,1,,D$i &&
			i=$((i + 1)) || return 1
		done
	} >loans.csv &&
	cm-receive -j loans-journal.csv loans.csv &&
	cat >expect <<-\EOF &&
	customer,part_no,name,dept,qty,since,days
	Z,GAUGE,gauge,LAB,1,2026-01-01,326
	EOF
	cm-receive -j loans-journal.csv --on-loan >actual &&
	test_cmp expect actual
'

test_expect_success '--on-loan --max-days: exit 1 when one is out too long' '
	cm-receive --on-loan --max-days 53 >/dev/null &&
	test_status 1 cm-receive --on-loan --max-days 52 >actual 2>err &&
	echo "cm-receive: 1 loan out longer than 52 days" >expect &&
	test_cmp expect err &&
	test_status 1 cm-receive -q --on-loan --max-days 52 >actual 2>err &&
	test_cmp /dev/null err
'

test_expect_success '-o FILE and --format table' '
	test_status 1 cm-receive --discrepancies -o disc.csv >out &&
	test_cmp /dev/null out &&
	test $(wc -l <disc.csv) = 3 &&
	cm-receive --on-loan --format table >actual &&
	cat >expect <<-\EOF &&
	customer  part_no  name     dept  qty  since       days
	Beta      T-1      caliper  QA      1  2026-10-01    53
	EOF
	test_cmp expect actual
'

test_expect_success '--check: a clean journal is exit 0, nothing said' '
	cm-receive --check >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	cm-receive -v --check 2>err &&
	echo "cm-receive: $TRASH/property.csv: 4 parts, no findings" >expect &&
	test_cmp expect err
'

test_expect_success '--check finds a hand edit' '
	cp property.csv good.csv &&
	sed "s/^2026-09-02,ACME,P-100,,,pcs,material,accept,90,/2026-09-02,ACME,P-100,,,pcs,material,accept,80,/" good.csv >property.csv &&
	! cmp -s good.csv property.csv &&
	test_status 1 cm-receive --check >out 2>err &&
	cat >expect <<-EOF &&
	cm-receive: $TRASH/property.csv.bal: pending of part '\''P-100'\'' for '\''ACME'\'' is 0 in the snapshot but 10 in the journal (edited by hand?)
	cm-receive: $TRASH/property.csv.bal: stock of part '\''P-100'\'' for '\''ACME'\'' is 89 in the snapshot but 79 in the journal (edited by hand?)
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out &&
	cp good.csv property.csv
'

test_expect_success '--check finds a row that breaks the rules, and goes on' '
	sed "s/^2026-11-03,Beta,T-1,/2026-11-01,Beta,T-1,/" good.csv >property.csv &&
	test_status 1 cm-receive --check 2>err &&
	cat >expect <<-EOF &&
	cm-receive: $TRASH/property.csv:15: dated 2026-11-01, before 2026-11-02, the last movement of part '\''T-1'\'' for '\''Beta'\''
	cm-receive: $TRASH/property.csv.bal: stock of part '\''T-1'\'' for '\''Beta'\'' is 1 in the snapshot but 2 in the journal (edited by hand?)
	cm-receive: $TRASH/property.csv.bal: lost of part '\''T-1'\'' for '\''Beta'\'' is 1 in the snapshot but 0 in the journal (edited by hand?)
	EOF
	test_cmp expect err
'

test_expect_success '--check: an uncommitted tail is no finding (-v tells it); a missing snapshot, a bad header are' '
	cp good.csv property.csv &&
	printf "2026-11-05,ACME,P-100,,,pcs,material,issue,1,,,,,\n" >tail &&
	cat tail >>property.csv &&
	cm-receive --check 2>err &&
	test ! -s err &&
	cm-receive -v --check 2>err &&
	cat >expect <<-EOF &&
	cm-receive: $TRASH/property.csv: $(wc -c <tail | tr -d " ") bytes after line 15 are not committed (an append in flight, or one that was killed)
	cm-receive: $TRASH/property.csv: 4 parts, no findings
	EOF
	test_cmp expect err &&
	cp good.csv property.csv &&
	mv property.csv.bal saved.bal &&
	test_status 1 cm-receive --check 2>err &&
	echo "cm-receive: snapshot '\''$TRASH/property.csv.bal'\'' does not exist; the next append rebuilds it" >expect &&
	test_cmp expect err &&
	mv saved.bal property.csv.bal &&
	mkdir hdr && { echo date,customer,part_no,name,location,unit,kind,action,qty,declared_qty,spec,ref,by,note && sed 1d good.csv; } >hdr/property.csv &&
	test_status 1 cm-receive -j hdr/property.csv --check 2>err &&
	cat >expect <<-\EOF &&
	cm-receive: snapshot '\''hdr/property.csv.bal'\'' does not exist; the next append rebuilds it
	cm-receive: hdr/property.csv:1: header is not the journal'\''s: date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
	EOF
	test_cmp expect err
'

test_expect_success 'a journal cut shorter than its snapshot: read whole, --check says so' '
	head -n 10 good.csv >property.csv &&
	cm-receive --balance >actual &&
	cp property.csv.bal keep.bal &&
	rm property.csv.bal &&
	cm-receive --balance >expect &&
	mv keep.bal property.csv.bal &&
	test_cmp expect actual &&
	test_status 1 cm-receive --check 2>err &&
	head -n 1 err >first &&
	echo "cm-receive: snapshot '\''$TRASH/property.csv.bal'\'' covers $(wc -c <good.csv | tr -d " ") bytes of journal '\''$TRASH/property.csv'\'', which has $(wc -c <property.csv | tr -d " "); the next append rebuilds it" >expect &&
	test_cmp expect first &&
	cp good.csv property.csv
'

test_expect_success '--dry-run checks and writes nothing, not even a lock' '
	mkdir dry &&
	printf "date,customer,part_no,name,unit,kind,action,qty,declared_qty\n2026-01-01,A,B,c,pcs,material,receive,1,1\n" >new.csv &&
	cm-receive -j dry/property.csv -n new.csv >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	cm-receive -v -j dry/property.csv --dry-run new.csv 2>err &&
	echo "cm-receive: 1 movements checked; nothing written (--dry-run)" >expect &&
	test_cmp expect err &&
	ls -A dry >actual &&
	test_cmp /dev/null actual &&
	cp property.csv before.csv && cp property.csv.bal before.bal &&
	printf "date,customer,part_no,action,qty\n2026-11-10,ACME,P-100,issue,5\n" >issue.csv &&
	cm-receive -n issue.csv &&
	cmp before.csv property.csv && cmp before.bal property.csv.bal
'

# Day numbers before 1970 are negative: once taken for "no date given".
test_expect_success 'a date before 1970 for --to and --as-of is a date' '
	cm-receive --notify --to 1969-12-31 >actual &&
	cm-receive --notify --from 2200-01-01 >expect &&
	test_cmp expect actual &&
	cm-receive --balance --as-of 1969-12-31 >actual &&
	echo customer,part_no,name,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost >expect &&
	test_cmp expect actual
'

test_done
