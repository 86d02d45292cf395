#!/bin/sh
#
# cm-receive: what a failing or hostile environment must not do to the
# journal: a commit that fails leaves no batch behind, a link planted at
# the snapshot's name is never written through, two journals never share
# a snapshot, a damaged snapshot is never half-used, a row the journal
# could not read back is refused, and what a cut removes is kept.

test_description='cm-receive: safety of the journal and its snapshot'

. "$(dirname "$0")/test-lib.sh"

row() {
	f=$1 &&
	shift &&
	{ echo "date,customer,part_no,name,unit,kind,action,qty,declared_qty" &&
	  printf "%s\n" "$@"; } >"$f"
}

test_expect_success 'setup: a journal of two parts' '
	row base.csv \
		"2026-03-01,ACME,P-100,bearing,pcs,material,receive,10,10" \
		"2026-03-02,ACME,P-100,,,,accept,8," \
		"2026-03-02,ACME,C-7,steel,kg,material,receive,5,5" &&
	cm-receive base.csv &&
	row issue.csv "2026-03-03,ACME,P-100,,,,issue,3," &&
	cm-receive --balance >bal.before
'

# The snapshot cannot be renamed in (a directory stands at its name): the
# batch did not commit, so its bytes go at once; a rebuild (the snapshot
# removed by hand, as the man page allows) must not count them.
test_expect_success 'a commit that fails cuts its batch back at once' '
	mkdir fail && cp property.csv fail/ &&
	mkdir fail/property.csv.bal &&
	test_status 4 cm-receive -j fail/property.csv issue.csv 2>err &&
	grep "property.csv.bal" err &&
	cmp property.csv fail/property.csv &&
	rmdir fail/property.csv.bal &&
	cm-receive -j fail/property.csv --balance >actual &&
	test_cmp bal.before actual
'

# A root cron job appends: a link planted at property.csv.bal must not
# make it write over the file the link names.
test_expect_success 'a link at the snapshot is replaced, never written through' '
	mkdir link && cp property.csv property.csv.bal link/ &&
	echo secret >victim &&
	rm link/property.csv.bal &&
	ln -s "$TRASH/victim" link/property.csv.bal &&
	cm-receive -j link/property.csv issue.csv &&
	echo secret >expect &&
	test_cmp expect victim &&
	test ! -h link/property.csv.bal &&
	head -n 1 link/property.csv.bal | grep "^# cm-receive snapshot bytes=" &&
	cm-receive -j link/property.csv --check
'

# property.csv and a copy property.bak once shared property.bal, and an
# append to the copy could cut committed rows from the real journal.
test_expect_success 'two journals with one stem keep their own snapshots' '
	mkdir stem && cp property.csv property.csv.bal stem/ &&
	cp stem/property.csv stem/property.bak &&
	cp stem/property.csv.bal saved.bal &&
	cm-receive -j stem/property.bak issue.csv &&
	cmp saved.bal stem/property.csv.bal &&
	test -f stem/property.bak.bal &&
	cm-receive -j stem/property.csv issue.csv 2>err &&
	test ! -s err &&
	cm-receive -j stem/property.csv --check
'

# A snapshot whose head reads but whose rows do not: --dry-run used to
# fold the journal onto the rows it had read, doubling balances.
test_expect_success 'a damaged snapshot: --dry-run rebuilds, --check says so' '
	mkdir dmg && cp property.csv property.csv.bal dmg/ &&
	sed -i "3s/,pcs,/,pcz,/" dmg/property.csv.bal &&
	row over.csv "2026-03-03,ACME,P-100,,,,accept,3," &&
	test_status 3 cm-receive -j dmg/property.csv -n over.csv 2>err &&
	echo "cm-receive: over.csv:2: accept of 3 pcs of part '\''P-100'\'' for '\''ACME'\'' would leave pending at -1 (it held 2)" >expect &&
	test_cmp expect err &&
	test_status 1 cm-receive -j dmg/property.csv --check 2>err &&
	echo "cm-receive: snapshot '\''dmg/property.csv.bal'\'' is damaged; the next append rebuilds it" >expect &&
	test_cmp expect err
'

# Without a snapshot, the next append would cut a torn last line; a
# reader must not count it meanwhile.
test_expect_success 'no snapshot: a reader leaves out a torn last line as an append would' '
	mkdir torn && cp property.csv torn/ &&
	printf "2026-03-04,ACME,P-100,,,pcs,material,issue,8," >>torn/property.csv &&
	cm-receive -j torn/property.csv --balance >actual &&
	test_cmp bal.before actual
'

# A first batch killed inside the header leaves a piece of it: nothing
# worth keeping, and a kept file of half a header could not be appended.
test_expect_success 'a cut of a piece of the header keeps nothing' '
	mkdir hdr &&
	printf "# cm-receive snapshot bytes=0 lines=0\ncustomer,part_no,name,unit,kind,last,received,pending,stock,hold,issued,on_loan,returned,scrapped,lost\n" >hdr/property.csv.bal &&
	printf "date,customer,part_" >hdr/property.csv &&
	cm-receive -j hdr/property.csv base.csv 2>err &&
	echo "cm-receive: hdr/property.csv: cut 19 bytes after line 0, a batch whose writer stopped before committing it (a piece of the header: nothing kept)" >expect &&
	test_cmp expect err &&
	ls hdr >actual &&
	printf "property.csv\nproperty.csv.bal\nproperty.csv.lock\n" >expect &&
	test_cmp expect actual &&
	cmp property.csv hdr/property.csv
'

# A row that fits the input limit can grow past it as the journal keeps
# it (quoted, unit and kind filled in): refused, or no reader could read
# the journal again.
test_expect_success 'a row too long for the journal to read back is refused' '
	mkdir big && cp property.csv property.csv.bal big/ &&
	{ printf "date\tcustomer\tpart_no\taction\tqty\tnote\n2026/3/5\tACME\tP-100\t合格\t1\t" &&
	  head -c 67108830 /dev/zero | tr "\0" , && echo; } >big.tsv &&
	test_status 3 cm-receive -j big/property.csv -t big.tsv 2>err &&
	echo "cm-receive: big.tsv:2: as the journal keeps it, the row is 67108883 bytes, past the limit of 67108864" >expect &&
	test_cmp expect err &&
	cmp property.csv big/property.csv
'

test_done
