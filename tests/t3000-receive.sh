#!/bin/sh
#
# cm-receive: every action on a year of movements whose balances are
# worked out by hand below, the Chinese forms, and the journal's life:
# created by the first append, carried through the snapshot, rebuilt when
# the snapshot is gone, cut back after a killed writer, read-only readers.

test_description='cm-receive: appends and balances'

. "$(dirname "$0")/test-lib.sh"

# The year's movements run to 2026-11-26: today is after them.
CM_TODAY=2026-12-31
export CM_TODAY

HDR=date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
BALHDR=customer,part_no,name,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost

# A year of movements, in date order (each part's balance after the row):
#  P-100 bearing, pcs, material           C-7 steel, kg (3 decimals)
#  T-1 caliper, set, equipment            K-1 keys, pcs, entrusted
test_expect_success 'setup: a year of movements' '
	cat >year.csv <<-\EOF
	date,customer,part_no,name,unit,kind,action,qty,declared_qty,ref,note
	2026-01-05,ACME,P-100,bearing,pcs,material,receive,100,100,,
	2026-01-06,ACME,P-100,,,,accept,90,,,
	2026-01-06,ACME,P-100,,,,reject,10,,,cracked
	2026-01-12,ACME,C-7,steel,kg,material,receive,12.5,12.75,,
	2026-01-13,ACME,C-7,,,,accept,12.5,,,
	2026-02-10,ACME,P-100,,,,issue,60,,,
	2026-03-01,ACME,P-100,,,,return,15,,,
	2026-04-02,ACME,C-7,,,,issue,7.25,,,
	2026-05-01,Beta,T-1,caliper,set,equipment,receive,2,2,,
	2026-05-02,Beta,T-1,,,,accept,2,,,
	2026-05-03,Beta,T-1,,,,lend,1,,QA,
	2026-05-20,Beta,T-1,,,,lend,1,,PE,
	2026-06-30,ACME,C-7,,,,lose,0.25,,,spilled
	2026-07-01,Beta,T-1,,,,giveback,1,,QA,
	2026-08-15,Beta,T-1,,,,damage,1,,,dropped
	2026-09-01,Beta,K-1,keys,pcs,entrusted,receive,3,3,,
	2026-10-10,Beta,K-1,,,,lend,1,,warehouse,
	2026-11-20,ACME,P-100,,,,receive,50,48,,
	2026-11-21,ACME,P-100,,,,reject,50,,,wrong size
	2026-11-22,ACME,P-100,,,,scrap,20,,,
	EOF
'

test_expect_success 'a reader on a missing journal is exit 4 naming it and CM_DATA' '
	test_status 4 cm-receive --balance >out 2>err &&
	echo "cm-receive: no journal '\''$TRASH/property.csv'\'' (from \$CM_DATA); appending movements creates it" >expect &&
	test_cmp expect err && test_cmp /dev/null out &&
	test_status 4 cm-receive -j none.csv --notify 2>err &&
	echo "cm-receive: no journal '\''none.csv'\'' (from -j); appending movements creates it" >expect &&
	test_cmp expect err &&
	test_status 4 env -u CM_DATA cm-receive --check 2>err &&
	echo "cm-receive: no journal '\''./property.csv'\'' (the current directory, as \$CM_DATA is not set); appending movements creates it" >expect &&
	test_cmp expect err &&
	! test -e property.csv && ! test -e property.csv.bal && ! test -e property.csv.lock
'

test_expect_success 'the first append creates the journal, canonical, and its snapshot' '
	cm-receive year.csv >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	cat >expect <<-EOF &&
	$HDR
	2026-01-05,ACME,P-100,bearing,,pcs,material,receive,100,100,,,,
	2026-01-06,ACME,P-100,,,pcs,material,accept,90,,,,,
	2026-01-06,ACME,P-100,,,pcs,material,reject,10,,,,,cracked
	2026-01-12,ACME,C-7,steel,,kg,material,receive,12.500,12.750,,,,
	2026-01-13,ACME,C-7,,,kg,material,accept,12.500,,,,,
	2026-02-10,ACME,P-100,,,pcs,material,issue,60,,,,,
	2026-03-01,ACME,P-100,,,pcs,material,return,15,,,,,
	2026-04-02,ACME,C-7,,,kg,material,issue,7.250,,,,,
	2026-05-01,Beta,T-1,caliper,,set,equipment,receive,2,2,,,,
	2026-05-02,Beta,T-1,,,set,equipment,accept,2,,,,,
	2026-05-03,Beta,T-1,,,set,equipment,lend,1,,,QA,,
	2026-05-20,Beta,T-1,,,set,equipment,lend,1,,,PE,,
	2026-06-30,ACME,C-7,,,kg,material,lose,0.250,,,,,spilled
	2026-07-01,Beta,T-1,,,set,equipment,giveback,1,,,QA,,
	2026-08-15,Beta,T-1,,,set,equipment,damage,1,,,,,dropped
	2026-09-01,Beta,K-1,keys,,pcs,entrusted,receive,3,3,,,,
	2026-10-10,Beta,K-1,,,pcs,entrusted,lend,1,,,warehouse,,
	2026-11-20,ACME,P-100,,,pcs,material,receive,50,48,,,,
	2026-11-21,ACME,P-100,,,pcs,material,reject,50,,,,,wrong size
	2026-11-22,ACME,P-100,,,pcs,material,scrap,20,,,,,
	EOF
	test_cmp expect property.csv &&
	head -n 1 property.csv.bal >actual &&
	echo "# cm-receive snapshot bytes=$(wc -c <property.csv | tr -d " ") lines=21" >expect &&
	test_cmp expect actual
'

# P-100: received 100+50; 90 accepted, 10 rejected to hold; 60 issued
# (stock 30); return 15 takes the hold's 10 first, then 5 of stock (25);
# 50 rejected (hold 50), 20 of them scrapped (hold 30).  150 = 25+30+60+15+20.
# C-7: 12.5 accepted, 7.25 issued, 0.25 lost: stock 5.000.
# T-1: 2 accepted, 1 to QA and 1 to PE (stock 0), QA gives back (stock
# 1), that one damaged (lost 1): on_loan 1.
# K-1: entrusted, so straight to stock (3), 1 lent: stock 2, on_loan 1.
test_expect_success '--balance: the year worked out by hand' '
	cat >expect <<-EOF &&
	$BALHDR
	ACME,P-100,bearing,150,0,25,30,60,0,15,20,0
	ACME,C-7,steel,12.500,0.000,5.000,0.000,7.250,0.000,0.000,0.000,0.250
	Beta,T-1,caliper,2,0,0,0,0,1,0,0,1
	Beta,K-1,keys,3,0,2,0,0,1,0,0,0
	EOF
	cm-receive --balance >actual &&
	test_cmp expect actual
'

# As of 2026-06-30: P-100 before its November rows, C-7 with its loss of
# that day, T-1 with both loans out, K-1 not yet received.
test_expect_success '--balance --as-of folds the rows dated up to that day' '
	cat >expect <<-EOF &&
	$BALHDR
	ACME,P-100,bearing,100,0,25,0,60,0,15,0,0
	ACME,C-7,steel,12.500,0.000,5.000,0.000,7.250,0.000,0.000,0.000,0.250
	Beta,T-1,caliper,2,0,0,0,0,2,0,0,0
	EOF
	cm-receive --balance --as-of 2026-06-30 >actual &&
	test_cmp expect actual &&
	cm-receive --balance --as-of 2025-12-31 >actual &&
	echo "$BALHDR" >expect &&
	test_cmp expect actual
'

test_expect_success '--balance --format table and --excel' '
	cm-receive --balance --format table >actual &&
	head -n 1 actual | grep -q "^customer  *part_no  *name  *received" &&
	test $(wc -l <actual) = 5 &&
	cm-receive --balance --excel >actual &&
	printf "\357\273\277%s\r\n" "$BALHDR" >expect &&
	head -n 1 actual >first &&
	test_cmp expect first
'

test_expect_success 'a second append carries the balances through the snapshot' '
	cp property.csv.bal bal.before &&
	printf "%s\n" "date,customer,part_no,action,qty" \
		"2026-11-23,ACME,P-100,return,30" \
		"2026-11-23,Beta,K-1,giveback,1" >second.csv &&
	cm-receive second.csv &&
	tail -n 2 property.csv >actual &&
	cat >expect <<-\EOF &&
	2026-11-23,ACME,P-100,,,pcs,material,return,30,,,,,
	2026-11-23,Beta,K-1,,,pcs,entrusted,giveback,1,,,,,
	EOF
	test_cmp expect actual &&
	cat >expect <<-EOF &&
	$BALHDR
	ACME,P-100,bearing,150,0,25,0,60,0,45,20,0
	ACME,C-7,steel,12.500,0.000,5.000,0.000,7.250,0.000,0.000,0.000,0.250
	Beta,T-1,caliper,2,0,0,0,0,1,0,0,1
	Beta,K-1,keys,3,0,3,0,0,0,0,0,0
	EOF
	cm-receive --balance >actual &&
	test_cmp expect actual &&
	head -n 1 property.csv.bal >actual &&
	echo "# cm-receive snapshot bytes=$(wc -c <property.csv | tr -d " ") lines=23" >expect &&
	test_cmp expect actual &&
	cm-receive --balance >bal.good
'

test_expect_success 'an append checks against the snapshot, not the journal' '
	cp property.csv.bal bal.keep &&
	sed "s/^ACME,P-100,bearing,pcs,material,2026-11-23,150000,0,25000,/ACME,P-100,bearing,pcs,material,2026-11-23,150000,0,0,/" \
		bal.keep >property.csv.bal &&
	! cmp -s bal.keep property.csv.bal &&
	printf "date,customer,part_no,action,qty\n2026-11-23,ACME,P-100,issue,1\n" >one.csv &&
	test_status 3 cm-receive -n one.csv 2>/dev/null &&
	test_status 3 cm-receive one.csv 2>err &&
	echo "cm-receive: one.csv:2: issue of 1 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave stock at -1 (it held 0)" >expect &&
	test_cmp expect err &&
	cp bal.keep property.csv.bal
'

test_expect_success 'a deleted snapshot is rebuilt from the journal, same answers' '
	cp property.csv journal.before &&
	rm property.csv.bal &&
	cm-receive --balance >actual &&
	test_cmp bal.good actual &&
	! test -e property.csv.bal &&
	printf "date,customer,part_no,action,qty\n2026-11-24,ACME,C-7,issue,1\n" >third.csv &&
	cm-receive third.csv &&
	{ cat journal.before && echo "2026-11-24,ACME,C-7,,,kg,material,issue,1.000,,,,,"; } >expect &&
	test_cmp expect property.csv &&
	sed "3s/ACME,C-7,steel,12.500,0.000,5.000,0.000,7.250,/ACME,C-7,steel,12.500,0.000,4.000,0.000,8.250,/" bal.good >expect &&
	cm-receive --balance >actual &&
	test_cmp expect actual &&
	cm-receive --check
'

test_expect_success 'a rebuilt snapshot is the one appends keep' '
	cp property.csv.bal kept.bal &&
	rm property.csv.bal &&
	printf "date,customer,part_no,action,qty\n" >empty.csv &&
	cm-receive empty.csv &&
	! test -e property.csv.bal &&
	printf "date,customer,part_no,action,qty\n2026-11-24,ACME,C-7,issue,0.5\n" >fourth.csv &&
	cm-receive fourth.csv &&
	sed -e "1s/bytes=[0-9]*/bytes=N/" -e "1s/lines=[0-9]*/lines=L/" \
		-e "s/^ACME,C-7,steel,kg,material,2026-11-24,12500,0,4000,0,8250,/ACME,C-7,steel,kg,material,2026-11-24,12500,0,3500,0,8750,/" \
		kept.bal >expect &&
	sed -e "1s/bytes=[0-9]*/bytes=N/" -e "1s/lines=[0-9]*/lines=L/" property.csv.bal >actual &&
	test_cmp expect actual
'

test_expect_success 'a killed writer: bytes past the snapshot are unseen, then cut' '
	cp property.csv committed.csv &&
	cm-receive --balance >bal.committed &&
	printf "2026-11-25,ACME,C-7,,,kg,material,issue,1.000,,,,,\n2026-11-25,ACME,C-7,,,kg,mat" >torn &&
	cat torn >>property.csv &&
	cm-receive --balance >actual &&
	test_cmp bal.committed actual &&
	lines=$(wc -l <committed.csv | tr -d " ") &&
	printf "date,customer,part_no,action,qty\n2026-11-25,ACME,P-100,issue,5\n" >fifth.csv &&
	cm-receive fifth.csv 2>err &&
	kept=$(echo property.csv.cut.*) && test -f "$kept" &&
	echo "cm-receive: $TRASH/property.csv: cut $(wc -c <torn | tr -d " ") bytes after line $lines, a batch whose writer stopped before committing it (kept in '\''$TRASH/$kept'\'')" >expect &&
	test_cmp expect err &&
	{ cat committed.csv && echo "2026-11-25,ACME,P-100,,,pcs,material,issue,5,,,,,"; } >expect &&
	test_cmp expect property.csv &&
	cm-receive --check &&
	{ head -n 1 committed.csv && cat torn && echo; } >expect &&
	test_cmp expect "$kept" &&
	mkdir cut1 && mv "$kept" cut1/
'

# What was cut is kept with a header, so that it can be looked over and
# appended again: nothing a person wrote is lost.
test_expect_success 'the rows cut are kept in a file of their own, and can be appended again' '
	mkdir again && cp property.csv property.csv.bal again/ &&
	head -n 2 cut1/property.csv.cut.* >again.csv &&
	cm-receive -j again/property.csv again.csv &&
	tail -n 1 again/property.csv >actual &&
	echo "2026-11-25,ACME,C-7,,,kg,material,issue,1.000,,,,," >expect &&
	test_cmp expect actual &&
	cm-receive -j again/property.csv --check
'

test_expect_success 'no snapshot and a torn last line: the line is cut, the rest rebuilt' '
	cp property.csv committed.csv &&
	cm-receive --balance >bal.committed &&
	rm property.csv.bal &&
	printf "2026-11-26,ACME,C-7,,,kg,mat" >torn &&
	cat torn >>property.csv &&
	printf "date,customer,part_no,action,qty\n2026-11-26,ACME,C-7,issue,1\n" >sixth.csv &&
	cm-receive sixth.csv 2>err &&
	kept=$(echo property.csv.cut.*) && test -f "$kept" &&
	echo "cm-receive: $TRASH/property.csv: cut $(wc -c <torn | tr -d " ") bytes of an unfinished last line, left by a writer that stopped before committing it (kept in '\''$TRASH/$kept'\'')" >expect &&
	test_cmp expect err &&
	{ head -n 1 committed.csv && cat torn && echo; } >expect &&
	test_cmp expect "$kept" &&
	{ cat committed.csv && echo "2026-11-26,ACME,C-7,,,kg,material,issue,1.000,,,,,"; } >expect &&
	test_cmp expect property.csv &&
	sed "3s/^ACME,C-7,steel,12.500,0.000,3.500,0.000,8.750,/ACME,C-7,steel,12.500,0.000,2.500,0.000,9.750,/" bal.committed >expect &&
	cm-receive --balance >actual &&
	test_cmp expect actual &&
	cm-receive --check
'

test_expect_success 'a read-only journal: readers work and create nothing' '
	mkdir ro && cp property.csv property.csv.bal ro/ &&
	chmod a-w ro/property.csv ro/property.csv.bal ro &&
	ls -a ro >before &&
	CM_DATA=$TRASH/ro cm-receive --balance >actual &&
	cm-receive --balance >expect &&
	test_cmp expect actual &&
	test_status 1 env CM_DATA=$TRASH/ro cm-receive --notify >/dev/null &&
	CM_DATA=$TRASH/ro cm-receive --check &&
	CM_DATA=$TRASH/ro cm-receive --on-loan >/dev/null &&
	test_status 1 env CM_DATA=$TRASH/ro cm-receive --discrepancies >/dev/null &&
	CM_DATA=$TRASH/ro cm-receive -n fifth.csv &&
	ls -a ro >after &&
	chmod u+w ro &&
	test_cmp before after
'

test_expect_success 'a journal copied alone (no snapshot) reads whole' '
	mkdir alone && cp property.csv alone/ &&
	CM_DATA=$TRASH/alone cm-receive --balance >actual &&
	cm-receive --balance >expect &&
	test_cmp expect actual &&
	! test -e alone/property.csv.bal
'

test_expect_success 'Chinese headers and words, GB18030 with a BOM and CRLF' '
	cat >zh.txt <<-\EOF &&
	日期,客户,料号,品名,规格,单位,类别,动作,数量,申报数量,库位,单号,经办人,备注
	2026年1月5日,华丰,HF-01,垫片,M8,个,材料,收货,200,200,A-01,RK001,张三,
	2026/1/6,华丰,HF-01,,,,,合格,150,,A-01,,李四,
	2026.1.6,华丰,HF-01,,,,,拒收,50,,,,李四,毛刺
	2026-01-07,华丰,HF-01,,,,,发料,100,,,,王五,
	2026-01-08,华丰,HF-01,,,,,退回,60,,,,,
	2026-01-09,华丰,GJ-2,量规,,套,仪器,接收,1,1,,,,
	2026-01-09,华丰,GJ-2,,,,,验收合格,1,,,,,
	2026-01-10,华丰,GJ-2,,,,,借出,1,,,品质部,,
	2026-01-11,华丰,GJ-2,,,,,归还,1,,,品质部,,
	2026-01-12,华丰,GJ-2,,,,,损坏,1,,,,,摔坏
	2026-01-13,华丰,YS-1,钥匙,,把,代管,收货,2,2,,,,
	2026-01-14,华丰,YS-1,,,,,遗失,1,,,,,不慎遗失
	2026-01-15,华丰,HF-01,,,,,不合格,0,,,,,
	EOF
	sed "\$d" zh.txt | sed "s/\$/\r/" | { printf "\357\273\277"; cat; } |
		iconv -f UTF-8 -t GB18030 >zh.csv &&
	! grep -q "华丰" zh.csv &&
	cm-receive -j zh-journal.csv zh.csv &&
	cat >expect <<-EOF &&
	$HDR
	2026-01-05,华丰,HF-01,垫片,M8,pcs,material,receive,200,200,A-01,RK001,张三,
	2026-01-06,华丰,HF-01,,,pcs,material,accept,150,,A-01,,李四,
	2026-01-06,华丰,HF-01,,,pcs,material,reject,50,,,,李四,毛刺
	2026-01-07,华丰,HF-01,,,pcs,material,issue,100,,,,王五,
	2026-01-08,华丰,HF-01,,,pcs,material,return,60,,,,,
	2026-01-09,华丰,GJ-2,量规,,set,equipment,receive,1,1,,,,
	2026-01-09,华丰,GJ-2,,,set,equipment,accept,1,,,,,
	2026-01-10,华丰,GJ-2,,,set,equipment,lend,1,,,品质部,,
	2026-01-11,华丰,GJ-2,,,set,equipment,giveback,1,,,品质部,,
	2026-01-12,华丰,GJ-2,,,set,equipment,damage,1,,,,,摔坏
	2026-01-13,华丰,YS-1,钥匙,,pcs,entrusted,receive,2,2,,,,
	2026-01-14,华丰,YS-1,,,pcs,entrusted,lose,1,,,,,不慎遗失
	EOF
	test_cmp expect zh-journal.csv &&
	cat >expect <<-EOF &&
	$BALHDR
	华丰,HF-01,垫片,200,0,40,0,100,0,60,0,0
	华丰,GJ-2,量规,1,0,0,0,0,0,0,0,1
	华丰,YS-1,钥匙,2,0,1,0,0,0,0,0,1
	EOF
	cm-receive -j zh-journal.csv --balance >actual &&
	test_cmp expect actual
'

test_expect_success 'TSV input with -t' '
	printf "date\tcustomer\tpart_no\tname\tunit\tkind\taction\tqty\tdeclared_qty\n2026-02-01\tACME\tT-9\ttape, wide\troll\tmaterial\treceive\t4\t4\n" >in.tsv &&
	cm-receive -t -j tsv.csv in.tsv &&
	tail -n 1 tsv.csv >actual &&
	echo "2026-02-01,ACME,T-9,\"tape, wide\",,roll,material,receive,4,4,,,," >expect &&
	test_cmp expect actual
'

test_expect_success 'standard input, and several files in one batch' '
	printf "date,customer,part_no,name,unit,kind,action,qty,declared_qty\n2026-03-01,ACME,S-1,screw,pcs,material,receive,10,10\n" |
		cm-receive -j multi.csv &&
	printf "date,customer,part_no,action,qty\n2026-03-02,ACME,S-1,accept,10\n" >a.csv &&
	printf "date,customer,part_no,action,qty\n2026-03-03,ACME,S-1,issue,4\n" >b.csv &&
	cm-receive -j multi.csv a.csv b.csv &&
	cat >expect <<-EOF &&
	$BALHDR
	ACME,S-1,screw,10,0,6,0,4,0,0,0,0
	EOF
	cm-receive -j multi.csv --balance >actual &&
	test_cmp expect actual
'

test_done
