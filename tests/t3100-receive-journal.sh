#!/bin/sh
#
# cm-receive: the journal under stress and over a year.  A year of
# movements whose balances are worked out by hand below; kill -9 during
# appends, round after round; appenders racing for one journal; readers
# while a batch is in flight.  The promise tested: every batch is all or
# nothing, a reader sees the journal before a batch or after it, never
# part of one, nothing committed is ever lost, and the journal stays one
# that --check passes.

test_description='cm-receive: the journal under stress, and a year by hand'

. "$(dirname "$0")/test-lib.sh"

BAL=customer,part_no,name,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost
IN=date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note

# batch REF PART N: N receipts of one of PART, all with ref REF, so that
# the journal's rows can be counted per batch (the ref) and the committed
# ones seen through a reader (PART's received).
batch() {
	awk -v ref="$1" -v part="$2" -v n="$3" -v hdr="$IN" 'BEGIN {
		print hdr
		for (i = 0; i < n; i++)
			printf "2026-11-23,压测客户,%s,螺丝,M3×8,pcs,material,receive,1,1,待检区,%s,张伟,\n", part, ref
	}'
}

# parts N: one receipt each of N parts, P1 to PN (a big snapshot).
parts() {
	awk -v n="$1" -v hdr="$IN" 'BEGIN {
		print hdr
		for (i = 1; i <= n; i++)
			printf "2026-11-23,压测客户,P%d,垫片,Φ3,pcs,material,receive,1,1,待检区,S,张伟,\n", i
	}'
}

# refcounts FILE: "REF ROWS" for each ref of a journal, in ref order.
refcounts() {
	awk -F, 'NR > 1 { n[$12]++ } END { for (r in n) print r, n[r] }' "$1" |
		LC_ALL=C sort
}

# interleaved FILE: the refs whose rows are not one run (a batch mixed
# with another).
interleaved() {
	awk -F, 'NR > 1 && $12 != prev { if ($12 in seen) print $12
		seen[$12] = 1; prev = $12 }' "$1"
}

# ms: the clock in milliseconds
ms() { echo $(($(date +%s%N) / 1000000)); }

# A year of movements, 2026, appended a quarter at a time: three customers,
# five parts, every action.  Lines of the journal are numbered in the
# comments (line 1 is its header), in date order:
#
#   HN-100  华南电子 连接器 pcs material
#   HN-200  华南电子 锡膏 kg material (three decimals)
#   DF-K01  东方仪器 仓库钥匙 pcs entrusted: receive goes straight to stock
#   DF-T01  东方仪器 测试治具 pcs equipment: lent and given back
#   LT-CU-35  Lumen Technik GmbH 铜箔 m material (three decimals)
#
# HN-100 (pending, stock, hold; issued, returned, scrapped, lost):
#    2 01-05 receive 1000 (declared 1000)  P 1000
#    4 01-06 accept 950                     P 50, S 950
#    5 01-06 reject 50                      P 0, H 50
#    8 01-20 issue 400                      S 550, issued 400
#   10 02-03 return 60: the hold's 50 first, then 10 of stock
#                                           H 0, S 540, returned 60
#   14 03-02 receive 500 (declared 520: a discrepancy of -20)  P 500
#   15 03-03 accept 500                     P 0, S 1040
#   22 04-10 issue 300                      S 740, issued 700
#   26 05-15 damage 5                       S 735, lost 5
#        as of 06-30: received 1500, stock 735, issued 700, returned 60,
#        lost 5 (1500 = 735 + 700 + 60 + 5)
#   30 07-01 issue 200                      S 535, issued 900
#   34 08-12 lose 2                         S 533, lost 7
#   36 09-01 receive 300 (declared 300)     P 300, received 1800
#   37 09-02 reject 20                      P 280, H 20
#   38 09-02 accept 280                     P 0, S 813
#   41 10-15 scrap 20                       H 0, scrapped 20
#        at the end: received 1800, stock 813, issued 900, returned 60,
#        scrapped 20, lost 7 (1800 = 813 + 900 + 60 + 20 + 7)
#
# HN-200, kg:
#    3 01-05 receive 25.5 (declared 25: a discrepancy of +0.500)  P 25.500
#    6 01-07 accept 25.5                    S 25.500
#   12 02-10 issue 12.345                   S 13.155, issued 12.345
#   19 04-01 issue 0.655                    S 12.500, issued 13.000
#   29 06-30 receive 10.25 (declared 10.25) P 10.250, received 35.750
#        as of 06-30 (a row dated 06-30 counts): pending 10.250, stock
#        12.500, issued 13.000 (35.750 = 10.250 + 12.500 + 13.000)
#   31 07-02 accept 10.25                   P 0, S 22.750
#   39 09-15 issue 20.001                   S 2.749, issued 33.001
#   42 11-02 return 2.749: no hold, so stock  S 0, returned 2.749
#        at the end: 35.750 = 33.001 + 2.749
#
# DF-K01, entrusted keys:
#    7 01-10 receive 3                      S 3 (no inspection)
#   20 04-01 lend 1 to 仓储部               S 2, on loan 1
#   21 04-03 giveback 1 by 仓储部           S 3, on loan 0
#        as of 06-30: received 3, stock 3
#   32 07-20 lose 1                         S 2, lost 1
#   43 11-20 return 2                       S 0, returned 2
#
# DF-T01, equipment:
#    9 02-01 receive 2                      P 2
#   11 02-03 accept 2                       S 2
#   17 03-10 lend 1 to 品质部               S 1, on loan 1
#   27 05-20 lend 1 to 工程部               S 0, on loan 2
#   28 06-15 giveback 1 by 品质部: closes 品质部's loan of 03-10
#                                           S 1, on loan 1
#        as of 06-30: stock 1, on loan 1 (工程部 since 05-20, 41 days:
#        11 left in May + 30 in June)
#   33 08-01 lend 1 to 生产部               S 0, on loan 2
#        at the end (today, 11-23): 工程部 since 05-20, 187 days
#        (11 + 30 + 31 + 31 + 30 + 31 + 23); 生产部 since 08-01, 114 days
#        (30 + 30 + 31 + 23)
#
# LT-CU-35, m:
#   13 03-01 receive 500 (declared 500)     P 500.000
#   16 03-04 reject 500                     P 0, H 500.000
#   18 03-20 return 500                     H 0, returned 500.000
#   23 04-15 receive 480.5 (declared 500: a discrepancy of -19.500)
#                                           P 480.500, received 980.500
#   24 04-16 accept 480.5                   S 480.500
#   25 05-10 issue 120.25                   S 360.250, issued 120.250
#        as of 06-30: 980.500 = 360.250 + 120.250 + 500.000
#   35 08-20 issue 200.125                  S 160.125, issued 320.375
#   40 10-05 damage 0.125                   S 160.000, lost 0.125
#        at the end: 980.500 = 160.000 + 320.375 + 500.000 + 0.125
#
# Movements after a part's first receive leave name, spec, unit and kind
# empty, as a clerk typing them does; reject, lose and damage say why.
test_expect_success 'a year of movements, appended a quarter at a time' '
	cat >q1.csv <<-\EOF &&
	date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
	2026-01-05,华南电子,HN-100,连接器,2.54mm 2×20P,pcs,material,receive,1000,1000,待检区,SH260105-01,张伟,
	2026-01-05,华南电子,HN-200,锡膏,SAC305 T4,kg,material,receive,25.5,25,待检区,SH260105-02,张伟,
	2026-01-06,华南电子,HN-100,,,,,accept,950,,A-01-01,IQC-260106,李娜,
	2026-01-06,华南电子,HN-100,,,,,reject,50,,H-01,IQC-260106,李娜,针脚变形
	2026-01-07,华南电子,HN-200,,,,,accept,25.5,,A-01-02,IQC-260107,李娜,
	2026-01-10,东方仪器,DF-K01,仓库钥匙,客户专用库位,pcs,entrusted,receive,3,3,保管柜,JJ-260110,王芳,
	2026-01-20,华南电子,HN-100,,,,,issue,400,,A-01-01,生产部,张伟,按工单领用
	2026-02-01,东方仪器,DF-T01,测试治具,ICT 针床,pcs,equipment,receive,2,2,待检区,SH260201-01,王芳,
	2026-02-03,华南电子,HN-100,,,,,return,60,,,TH260203,张伟,
	2026-02-03,东方仪器,DF-T01,,,,,accept,2,,B-02-01,IQC-260203,李娜,
	2026-02-10,华南电子,HN-200,,,,,issue,12.345,,A-01-02,生产部,张伟,
	2026-03-01,Lumen Technik GmbH,LT-CU-35,铜箔,35μm 宽10mm,m,material,receive,500,500,待检区,SH260301-01,王芳,
	2026-03-02,华南电子,HN-100,连接器,2.54mm 2×20P,pcs,material,receive,500,520,待检区,SH260302-01,张伟,清点少 20
	2026-03-03,华南电子,HN-100,,,,,accept,500,,A-01-01,IQC-260303,李娜,
	2026-03-04,Lumen Technik GmbH,LT-CU-35,,,,,reject,500,,H-01,IQC-260304,李娜,"oxidised, see photos"
	2026-03-10,东方仪器,DF-T01,,,,,lend,1,,B-02-01,品质部,王芳,
	2026-03-20,Lumen Technik GmbH,LT-CU-35,,,,,return,500,,,TH260320,王芳,
	EOF
	cat >q2.csv <<-\EOF &&
	date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
	2026-04-01,华南电子,HN-200,,,,,issue,0.655,,A-01-02,生产部,张伟,
	2026-04-01,东方仪器,DF-K01,,,,,lend,1,,保管柜,仓储部,王芳,
	2026-04-03,东方仪器,DF-K01,,,,,giveback,1,,保管柜,仓储部,王芳,
	2026-04-10,华南电子,HN-100,,,,,issue,300,,A-01-01,生产部,张伟,
	2026-04-15,Lumen Technik GmbH,LT-CU-35,铜箔,35μm 宽10mm,m,material,receive,480.5,500,待检区,SH260415-01,王芳,
	2026-04-16,Lumen Technik GmbH,LT-CU-35,,,,,accept,480.5,,C-03-01,IQC-260416,李娜,
	2026-05-10,Lumen Technik GmbH,LT-CU-35,,,,,issue,120.25,,C-03-01,生产部,张伟,
	2026-05-15,华南电子,HN-100,,,,,damage,5,,A-01-01,,张伟,"跌落, 外壳破裂"
	2026-05-20,东方仪器,DF-T01,,,,,lend,1,,B-02-01,工程部,王芳,
	2026-06-15,东方仪器,DF-T01,,,,,giveback,1,,B-02-01,品质部,王芳,
	2026-06-30,华南电子,HN-200,锡膏,SAC305 T4,kg,material,receive,10.25,10.25,待检区,SH260630-01,张伟,
	EOF
	cat >q3.csv <<-\EOF &&
	date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
	2026-07-01,华南电子,HN-100,,,,,issue,200,,A-01-01,生产部,张伟,
	2026-07-02,华南电子,HN-200,,,,,accept,10.25,,A-01-02,IQC-260702,李娜,
	2026-07-20,东方仪器,DF-K01,,,,,lose,1,,保管柜,,王芳,钥匙遗失，已换锁
	2026-08-01,东方仪器,DF-T01,,,,,lend,1,,B-02-01,生产部,王芳,
	2026-08-12,华南电子,HN-100,,,,,lose,2,,A-01-01,,张伟,盘点短少
	2026-08-20,Lumen Technik GmbH,LT-CU-35,,,,,issue,200.125,,C-03-01,生产部,张伟,
	2026-09-01,华南电子,HN-100,连接器,2.54mm 2×20P,pcs,material,receive,300,300,待检区,SH260901-01,张伟,
	2026-09-02,华南电子,HN-100,,,,,reject,20,,H-01,IQC-260902,李娜,尺寸超差
	2026-09-02,华南电子,HN-100,,,,,accept,280,,A-01-01,IQC-260902,李娜,
	2026-09-15,华南电子,HN-200,,,,,issue,20.001,,A-01-02,生产部,张伟,
	EOF
	cat >q4.csv <<-\EOF &&
	date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,location,ref,by,note
	2026-10-05,Lumen Technik GmbH,LT-CU-35,,,,,damage,0.125,,C-03-01,,张伟,edge torn
	2026-10-15,华南电子,HN-100,,,,,scrap,20,,H-01,,张伟,客户同意报废
	2026-11-02,华南电子,HN-200,,,,,return,2.749,,,TH261102,张伟,
	2026-11-20,东方仪器,DF-K01,,,,,return,2,,,JJ-261120,王芳,
	EOF
	cm-receive q1.csv &&
	cm-receive q2.csv &&
	cm-receive q3.csv &&
	cm-receive q4.csv &&
	test $(wc -l <property.csv) -eq 43 &&
	cm-receive --check
'

test_expect_success 'the year: --balance, worked out by hand' '
	cat >expect <<-EOF &&
	$BAL
	华南电子,HN-100,连接器,1800,0,813,0,900,0,60,20,7
	华南电子,HN-200,锡膏,35.750,0.000,0.000,0.000,33.001,0.000,2.749,0.000,0.000
	东方仪器,DF-K01,仓库钥匙,3,0,0,0,0,0,2,0,1
	东方仪器,DF-T01,测试治具,2,0,0,0,0,2,0,0,0
	Lumen Technik GmbH,LT-CU-35,铜箔,980.500,0.000,160.000,0.000,320.375,0.000,500.000,0.000,0.125
	EOF
	cm-receive --balance >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'the year: --balance --as-of the middle of the year' '
	cat >expect <<-EOF &&
	$BAL
	华南电子,HN-100,连接器,1500,0,735,0,700,0,60,0,5
	华南电子,HN-200,锡膏,35.750,10.250,12.500,0.000,13.000,0.000,0.000,0.000,0.000
	东方仪器,DF-K01,仓库钥匙,3,0,3,0,0,0,0,0,0
	东方仪器,DF-T01,测试治具,2,0,1,0,0,1,0,0,0
	Lumen Technik GmbH,LT-CU-35,铜箔,980.500,0.000,360.250,0.000,120.250,0.000,500.000,0.000,0.000
	EOF
	cm-receive --balance --as-of 2026-06-30 >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

# Lines 3, 14 and 23: counted 25.500 of 25, 500 of 520, 480.500 of 500.
test_expect_success 'the year: --discrepancies' '
	cat >expect <<-\EOF &&
	date,customer,part_no,name,unit,declared_qty,qty,difference,line
	2026-01-05,华南电子,HN-200,锡膏,kg,25.000,25.500,0.500,3
	2026-03-02,华南电子,HN-100,连接器,pcs,520,500,-20,14
	2026-04-15,Lumen Technik GmbH,LT-CU-35,铜箔,m,500.000,480.500,-19.500,23
	EOF
	test_expect_code 1 cm-receive --discrepancies >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

# The rejects, losses and damage of lines 16, 26, 32, 34 and 37 fall
# between 03-01 and 09-30; those of lines 5 (01-06) and 40 (10-05) do not.
test_expect_success 'the year: --notify --from --to' '
	cat >expect <<-\EOF &&
	date,customer,part_no,name,action,qty,unit,ref,by,note,message
	2026-03-04,Lumen Technik GmbH,LT-CU-35,铜箔,reject,500.000,m,IQC-260304,李娜,"oxidised, see photos","500.000 m of your part LT-CU-35 (铜箔) were rejected at incoming inspection on 2026-03-04: oxidised, see photos"
	2026-05-15,华南电子,HN-100,连接器,damage,5,pcs,,张伟,"跌落, 外壳破裂","5 pcs of your part HN-100 (连接器) were damaged on 2026-05-15: 跌落, 外壳破裂"
	2026-07-20,东方仪器,DF-K01,仓库钥匙,lose,1,pcs,,王芳,钥匙遗失，已换锁,1 pcs of your part DF-K01 (仓库钥匙) was lost on 2026-07-20: 钥匙遗失，已换锁
	2026-08-12,华南电子,HN-100,连接器,lose,2,pcs,,张伟,盘点短少,2 pcs of your part HN-100 (连接器) were lost on 2026-08-12: 盘点短少
	2026-09-02,华南电子,HN-100,连接器,reject,20,pcs,IQC-260902,李娜,尺寸超差,20 pcs of your part HN-100 (连接器) were rejected at incoming inspection on 2026-09-02: 尺寸超差
	EOF
	test_expect_code 1 cm-receive --notify --from 2026-03-01 --to 2026-09-30 >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	echo date,customer,part_no,name,action,qty,unit,ref,by,note,message >expect &&
	cm-receive --notify --from 2026-10-06 --to 2026-11-23 >actual &&
	test_cmp expect actual
'

# Today (2026-11-23): 工程部 has had one since 05-20 (187 days), 生产部
# one since 08-01 (114 days).  On 06-30 only 工程部's was out (41 days);
# on 04-02, 品质部's of 03-10 (23 days) and 仓储部's key of 04-01 (1 day).
test_expect_success 'the year: --on-loan --as-of --max-days' '
	cat >expect <<-\EOF &&
	customer,part_no,name,dept,qty,since,days
	东方仪器,DF-T01,测试治具,工程部,1,2026-05-20,187
	东方仪器,DF-T01,测试治具,生产部,1,2026-08-01,114
	EOF
	cm-receive --on-loan --max-days 187 >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	echo "cm-receive: 1 loan out longer than 120 days" >expect.err &&
	test_expect_code 1 cm-receive --on-loan --max-days 120 >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	cat >expect <<-\EOF &&
	customer,part_no,name,dept,qty,since,days
	东方仪器,DF-T01,测试治具,工程部,1,2026-05-20,41
	EOF
	cm-receive --on-loan --as-of 2026-06-30 --max-days 41 >actual &&
	test_cmp expect actual &&
	test_expect_code 1 cm-receive --on-loan --as-of 2026-06-30 --max-days 40 >actual 2>err &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	customer,part_no,name,dept,qty,since,days
	东方仪器,DF-T01,测试治具,品质部,1,2026-03-10,23
	东方仪器,DF-K01,仓库钥匙,仓储部,1,2026-04-01,1
	EOF
	cm-receive --on-loan --as-of 2026-04-02 >actual &&
	test_cmp expect actual
'

# kill -9 at random moments of appends large enough that the write is in
# flight: the first append is timed, and each kill then lands anywhere in
# that time (parsing, validating, writing, fsync, the snapshot's rename).
# The journal holds 4,000 parts first, so that writing the snapshot
# after a batch takes a while and kills land between the batch's write
# and its commit too.  Batch i is M receipts of part Ki, ref Bi.  After
# each kill a reader sees Ki's M rows or none, and every batch committed
# before; the next append (one receipt of part N) works, cuts what the
# killed writer left uncommitted, and the file then holds whole batches
# only.  --check runs after each kill too (the next test judges it).
# The rounds' outcomes are counted (committed, written but cut, not
# written) and printed with the test's output.
test_expect_success 'kill -9 during appends: whole batches or none, nothing lost, the next append works' '
	mkdir kill && cd kill &&
	M=3000 ROUNDS=20 &&
	parts 4000 >p.csv &&
	cm-receive -j j.csv p.csv &&
	batch B0 K0 $M >b.csv &&
	t0=$(ms) && cm-receive -j j.csv b.csv && t1=$(ms) &&
	d=$((t1 - t0 + 2)) &&
	echo "K0,$M" >expect.bal &&
	i=1 committed=0 written=0 none=0 &&
	while [ $i -le $ROUNDS ]; do
		batch B$i K$i $M >b.csv
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d " ")
		delay=$(awk -v r=$r -v d=$d "BEGIN { printf \"%.3f\", r % d / 1000 }")
		cm-receive -j j.csv b.csv >/dev/null 2>&1 &
		pid=$!
		sleep $delay
		kill -9 $pid 2>/dev/null || :
		wait $pid 2>/dev/null || :
		# what a reader sees: every committed batch whole, Ki whole or absent
		cm-receive -j j.csv --balance >bal 2>err || { cat err; exit 1; }
		awk -F, "NR > 1 && \$2 !~ /^P/ { print \$2 \",\" \$4 }" bal | LC_ALL=C sort >got
		got=$(awk -F, -v p=K$i "\$1 == p { print \$2 }" got)
		case $got in
		"") ;;
		$M) echo "K$i,$M" >>expect.bal ;;
		*) echo "round $i: a reader sees $got of the $M rows of batch B$i"; exit 1 ;;
		esac
		LC_ALL=C sort expect.bal >expect
		[ $i -eq 1 ] || { echo "N,$((i - 1))" >>expect && LC_ALL=C sort -o expect expect; }
		test_cmp expect got || { echo "round $i: committed batches changed"; exit 1; }
		raw=$(grep -c ",B$i," j.csv || :)
		if [ -n "$got" ]; then committed=$((committed + 1))
		elif [ "$raw" -gt 0 ]; then written=$((written + 1))
		else none=$((none + 1)); fi
		# --check is judged by the next test, so that this one goes on
		cm-receive -j j.csv --check >check.out 2>&1 ||
			{ echo "round $i ($raw rows of B$i in the file):"; cat check.out; } >>checks
		batch N$i N 1 | cm-receive -j j.csv 2>err ||
			{ echo "round $i: the next append"; cat err; exit 1; }
		# the file itself: whole batches, one after another
		refcounts j.csv >counts
		{ echo "S 4000"
		  awk -F, -v m=$M "{ print \"B\" substr(\$1, 2), m }" expect.bal
		  k=1; while [ $k -le $i ]; do echo "N$k 1"; k=$((k + 1)); done
		} | LC_ALL=C sort >expect.counts
		test_cmp expect.counts counts || { echo "round $i: rows per batch"; exit 1; }
		test -z "$(interleaved j.csv)" || { echo "round $i: batches mixed"; exit 1; }
		i=$((i + 1))
	done &&
	echo "an append takes $((d - 2)) ms; of $ROUNDS killed at random in it: $committed committed, $written written but not committed (cut by the next append), $none not written"
'

# A killed writer's uncommitted bytes are not part of the journal: the
# reader --check ignores them, as --balance does (the next append cuts
# them).  The rounds above ran --check after every kill.
test_expect_success 'kill -9 during appends: --check is clean after every kill' '
	cd kill &&
	touch checks &&
	test_cmp /dev/null checks &&
	cm-receive -j j.csv --check
'

# The same for the first append, which creates the journal (its
# snapshot of nothing first, then the file with its header as part of
# the batch): killed anywhere, it leaves no journal (a reader says so,
# exit 4), or one a reader sees as empty or holding the whole batch; and
# the next append creates or completes it.
test_expect_success 'kill -9 during the first append: no journal, or an empty or whole one' '
	mkdir first && cd first &&
	M=3000 &&
	batch B K $M >b.csv &&
	t0=$(ms) && cm-receive -j t.csv b.csv && t1=$(ms) &&
	d=$((t1 - t0 + 2)) &&
	i=1 nojournal=0 empty=0 whole=0 &&
	while [ $i -le 12 ]; do
		mkdir r$i && cd r$i
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d " ")
		delay=$(awk -v r=$r -v d=$d "BEGIN { printf \"%.3f\", r % d / 1000 }")
		cm-receive -j j.csv ../b.csv >/dev/null 2>&1 &
		pid=$!
		sleep $delay
		kill -9 $pid 2>/dev/null || :
		wait $pid 2>/dev/null || :
		st=0
		cm-receive -j j.csv --balance >bal 2>err || st=$?
		case $st,$(wc -l <bal) in
		4,0) test ! -e j.csv || { echo "round $i: exit 4 with a journal"; cat err; exit 1; }
			k=0 nojournal=$((nojournal + 1)) ;;
		0,1) k=0 empty=$((empty + 1)) ;;
		0,2) k=$M whole=$((whole + 1))
			grep -q "^压测客户,K,螺丝,$M," bal || { echo "round $i:"; cat bal; exit 1; } ;;
		*) echo "round $i: exit $st"; cat bal err; exit 1 ;;
		esac
		batch N N 1 | cm-receive -j j.csv 2>err ||
			{ echo "round $i: the next append"; cat err; exit 1; }
		refcounts j.csv >counts
		{ [ $k -eq 0 ] || echo "B $M"; echo "N 1"; } >expect
		test_cmp expect counts || { echo "round $i: rows"; exit 1; }
		test "$(head -n 1 j.csv)" = "$IN" || { echo "round $i: header"; exit 1; }
		cd ..
		i=$((i + 1))
	done &&
	echo "12 first appends killed: $nojournal left no journal, $empty an empty one, $whole a whole one"
'

# A writer killed while it wrote the new snapshot leaves its temporary
# file (j.csv.bal.tmpXXXXXX); the appends after it, which hold the lock,
# must clear it, or every crash leaves another snapshot-sized file in
# $CM_DATA for good.
test_expect_success 'kill -9 during appends: no temporary file is left behind' '
	cd kill &&
	batch L L 1 | cm-receive -j j.csv 2>/dev/null &&
	ls -a | grep "^j\." | grep -v "^j\.csv\.cut\." >actual &&
	printf "j.csv\nj.csv.bal\nj.csv.lock\n" >expect &&
	test_cmp expect actual
'

# Four writers, five batches each, racing for one journal from its
# creation: the lock serialises them.  Every row is there once, each
# batch in one run of lines, and the balances add up: Wp received 5 x 300.
test_expect_success 'concurrent appenders: every row once, batches apart, balances right' '
	mkdir race && cd race &&
	for p in 1 2 3 4; do
		for k in 1 2 3 4 5; do batch W$p-$k W$p 300 >w$p-$k.csv; done
	done &&
	for p in 1 2 3 4; do
		(
			st=0
			for k in 1 2 3 4 5; do
				cm-receive -j j.csv w$p-$k.csv 2>>err$p || st=$?
			done
			echo $st >st$p
		) &
	done &&
	wait &&
	cat st1 st2 st3 st4 >st &&
	printf "0\n0\n0\n0\n" >expect &&
	test_cmp expect st &&
	cat err1 err2 err3 err4 >err &&
	test_cmp /dev/null err &&
	for p in 1 2 3 4; do
		for k in 1 2 3 4 5; do echo "W$p-$k 300"; done
	done | LC_ALL=C sort >expect &&
	refcounts j.csv >actual &&
	test_cmp expect actual &&
	test $(wc -l <j.csv) -eq 6001 &&
	interleaved j.csv >actual &&
	test_cmp /dev/null actual &&
	cat >expect <<-EOF &&
	$BAL
	压测客户,W1,螺丝,1500,1500,0,0,0,0,0,0,0
	压测客户,W2,螺丝,1500,1500,0,0,0,0,0,0,0
	压测客户,W3,螺丝,1500,1500,0,0,0,0,0,0,0
	压测客户,W4,螺丝,1500,1500,0,0,0,0,0,0,0
	EOF
	cm-receive -j j.csv --balance >bal &&
	{ head -n 1 bal && tail -n +2 bal | LC_ALL=C sort; } >actual &&
	test_cmp expect actual &&
	cm-receive -j j.csv --check
'

# An append is stopped (SIGSTOP) again and again while it runs; at each
# stop after its batch reached the file, --balance must print the
# journal before the batch or after it (and --check runs, for the next
# test).  The journal holds 10,000 parts, so that the snapshot written
# after the batch takes long enough for some stops to land between the
# batch's write and its commit: the test goes on (up to 8 appends) until
# 3 stops found the journal longer than the committed part, and fails if
# none ever did, as it would then prove nothing.  A writer that has
# exited but is not yet reaped still takes signals: /proc tells.
test_expect_success 'a reader during an append in flight sees the old journal or the new one' '
	mkdir flight && cd flight &&
	parts 10000 >p.csv &&
	cm-receive -j j.csv p.csv &&
	t=1 caught=0 stops=0 &&
	while [ $t -le 8 ] && [ $caught -lt 3 ]; do
		cm-receive -j j.csv --balance >old
		size=$(wc -c <j.csv)
		batch F$t F$t 3000 >b.csv
		cm-receive -j j.csv b.csv 2>err &
		pid=$!
		k=0
		while :; do
			sleep 0.00$((k % 5 + 1))
			case $(cut -d" " -f3 /proc/$pid/stat 2>/dev/null) in
			""|Z) break ;;
			esac
			kill -STOP $pid 2>/dev/null || break
			stops=$((stops + 1))
			# before the write, a reader has nothing new to miss
			now=$(wc -c <j.csv)
			[ $now -gt $size ] || { kill -CONT $pid; continue; }
			k=$((k + 1))
			cm-receive -j j.csv --balance >s$k 2>serr$k ||
				{ kill -9 $pid 2>/dev/null; echo "stop $k of append $t: --balance fails"; cat serr$k; exit 1; }
			cm-receive -j j.csv --check >c$k 2>&1 ||
				{ echo "stop $k of append $t:"; cat c$k; } >>checks
			! cmp -s old s$k || caught=$((caught + 1))
			kill -CONT $pid
		done
		wait $pid || { cat err; exit 1; }
		cm-receive -j j.csv --balance >new
		j=1
		while [ $j -le $k ]; do
			cmp -s s$j old || cmp -s s$j new ||
				{ echo "stop $j of append $t: neither old nor new"; diff old s$j | head; exit 1; }
			j=$((j + 1))
		done
		t=$((t + 1))
	done &&
	echo "$stops stops in $((t - 1)) appends, $caught with the batch written but not committed" &&
	test $caught -gt 0
'

# The same stops ran --check, the nightly audit, which must not report a
# batch in flight as a finding (exit 1) while a writer is merely working.
test_expect_success 'a reader during an append in flight: --check passes' '
	cd flight &&
	touch checks &&
	test_cmp /dev/null checks
'

test_done
