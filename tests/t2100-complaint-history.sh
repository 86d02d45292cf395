#!/bin/sh
#
# cm-complaint: the history log and the verbs that read.  check replays the
# whole log against the register (every tampering found, a register cm
# wrote found clean); a torn line of a committed change is kept, reported
# and never glued onto; readers lock and create nothing, and a missing
# register is an error, not an empty one.

test_description='cm-complaint: history log, check, readers'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
# Messages quote values; expected text says ${q} inside the test bodies.
q="'"

# A TAP skip, for a step this machine cannot run.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1"
}

# A file with the log's times made T.
notime() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{15}[+-][0-9]{2}:[0-9]{2}/T/g' "$1"
}

# Line N of a file.
line() { sed -n "$2p" "$1"; }

# --- a register made by every writer checks clean --------------------------
test_expect_success 'setup: new, set, close, reopen, reject, classify, from-survey' '
	mkdir base && cd base &&
	cm-complaint -f complaints.csv new customer=ACME "description=late delivery" qty=5 >/dev/null &&
	printf "customer,description,received\nB,label wrong,2026-10-01\nC,scratched,2026-11-02\n" |
		cm-complaint -f complaints.csv new >/dev/null &&
	cm-complaint -f complaints.csv set 261101 status=investigating loss=120 &&
	CM_TODAY=2026-11-25 cm-complaint -f complaints.csv close 261101 responsibility=ours cause=late_delivery root_cause=rc action=fix dept=QA &&
	CM_TODAY=2026-11-30 cm-complaint -f complaints.csv reopen 261101 --reason=unhappy &&
	cm-complaint -f complaints.csv reject 261001 "--reason=not ours" &&
	cm-complaint -f complaints.csv classify >/dev/null &&
	printf "response_id,customer,overall,dissatisfied_items,comment\nR1,ACME,2,overall,slow\n" |
		cm-complaint -f complaints.csv new --from-survey >/dev/null &&
	test $(wc -l <complaints.log) -eq 54 &&
	line complaints.log 24 | grep ",261101,status,open,investigating$" &&
	line complaints.log 39 | grep ",261001,status,open,rejected$" &&
	ls -A >files &&
	printf "complaints.csv\ncomplaints.csv.lock\ncomplaints.log\ncomplaints.log.pos\nfiles\n" >expect &&
	test_cmp expect files && rm files
'

test_expect_success 'check: a register cm wrote is clean (exit 0, silent)' '
	cd base &&
	cm-complaint -f complaints.csv check >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err
'

# --- check finds every tampering -------------------------------------------
test_expect_success 'check: a deleted log line breaks its cell chain' '
	cp -R base del && cd del &&
	sed -i 24d complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.log:31: id ${q}261101${q} field ${q}status${q}: old ${q}investigating${q}, but line 5 left ${q}open${q} (a line deleted, moved or repeated)
	EOF
	test_cmp expect out
'

test_expect_success 'check: the last line of a cell deleted leaves its value unexplained' '
	cp -R base dellast && cd dellast &&
	sed -i 25d complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.csv:2: id ${q}261101${q} field ${q}loss${q}: ${q}120.00${q} has no history
	EOF
	test_cmp expect out
'

test_expect_success 'check: every line of an id deleted' '
	cp -R base delid && cd delid &&
	sed -i "/,261102,/d" complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.csv:4: id ${q}261102${q}: no history (no line of ${q}complaints.log${q} creates it)
	EOF
	test_cmp expect out
'

test_expect_success 'check: an emptied log, and a removed one' '
	cp -R base empty && cd empty &&
	: >complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.csv:2: id ${q}261101${q}: no history (no line of ${q}complaints.log${q} creates it)
	complaints.csv:3: id ${q}261001${q}: no history (no line of ${q}complaints.log${q} creates it)
	complaints.csv:4: id ${q}261102${q}: no history (no line of ${q}complaints.log${q} creates it)
	complaints.csv:5: id ${q}261103${q}: no history (no line of ${q}complaints.log${q} creates it)
	EOF
	test_cmp expect out &&
	rm complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	test_cmp expect out &&
	test ! -e complaints.log
'

test_expect_success 'check: a log without its header' '
	cp -R base nohdr && cd nohdr &&
	sed -i 1d complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.log:1: not a history log: the first line is not ${q}time,user,id,field,old,new${q}
	EOF
	test_cmp expect out
'

test_expect_success 'check: a register row no line creates, a cell no line sets' '
	cp -R base row && cd row &&
	echo "261104,2026-11-23,D,domestic,,,,,,,x,,,,,,,open,2026-12-06,,,,,," >>complaints.csv &&
	sed -i "/^261102,/s/,scratched,/,scratched (hand edit),/" complaints.csv &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.log:23: id ${q}261102${q} field ${q}description${q}: logged ${q}scratched${q}, but ${q}complaints.csv${q} line 4 has ${q}scratched (hand edit)${q}
	complaints.csv:6: id ${q}261104${q}: no history (no line of ${q}complaints.log${q} creates it)
	EOF
	test_cmp expect out
'

test_expect_success 'check: a line repeated at once, and a transaction repeated later' '
	cp -R base dup && cd dup &&
	sed -i 39p complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.log:40: id ${q}261001${q} field ${q}status${q}: old ${q}open${q}, but line 39 left ${q}rejected${q} (a line deleted, moved or repeated)
	EOF
	test_cmp expect out &&
	cp ../base/complaints.log . &&
	sed -n 24,25p complaints.log >>complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	notime out >actual &&
	cat >expect <<-EOF &&
	complaints.log:55: id ${q}261101${q} field ${q}status${q}: logged ${q}investigating${q}, but ${q}complaints.csv${q} line 2 has ${q}action${q}
	complaints.log:55: id ${q}261101${q} field ${q}status${q}: old ${q}open${q}, but line 35 left ${q}action${q} (a line deleted, moved or repeated)
	complaints.log:55: time ${q}T${q} is not after ${q}T${q} of line 46 (a line moved or repeated)
	complaints.log:56: id ${q}261101${q} field ${q}loss${q}: old ${q}${q}, but line 25 left ${q}120.00${q} (a line deleted, moved or repeated)
	EOF
	test_cmp expect actual
'

test_expect_success 'check: a transaction moved after a later one' '
	cp -R base moved && cd moved &&
	{ sed -n 1,23p ../base/complaints.log && sed -n 26,33p ../base/complaints.log &&
	  sed -n 24,25p ../base/complaints.log && sed -n 34,54p ../base/complaints.log; } >complaints.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	notime out >actual &&
	cat >expect <<-EOF &&
	complaints.log:30: id ${q}261101${q} field ${q}status${q}: old ${q}investigating${q}, but line 5 left ${q}open${q} (a line deleted, moved or repeated)
	complaints.log:32: id ${q}261101${q} field ${q}status${q}: old ${q}open${q}, but line 30 left ${q}closed${q} (a line deleted, moved or repeated)
	complaints.log:32: time ${q}T${q} is not after ${q}T${q} of line 24 (a line moved or repeated)
	complaints.log:35: id ${q}261101${q} field ${q}status${q}: old ${q}closed${q}, but line 32 left ${q}investigating${q} (a line deleted, moved or repeated)
	EOF
	test_cmp expect actual
'

test_expect_success 'check: a value the log does not explain, and a field no line sets' '
	cp -R base value && cd value &&
	sed -i -e "/^261101,/s/,120.00,/,130.00,/" -e "/^261102,/s/^261102,2026-11-02,C,domestic,,,/261102,2026-11-02,C,domestic,,P-1,/" complaints.csv &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	cat >expect <<-EOF &&
	complaints.log:25: id ${q}261101${q} field ${q}loss${q}: logged ${q}120.00${q}, but ${q}complaints.csv${q} line 2 has ${q}130.00${q}
	complaints.csv:4: id ${q}261102${q} field ${q}product${q}: ${q}P-1${q} has no history
	EOF
	test_cmp expect out
'

# --- a torn line of a committed change (issue 7, item 3) ------------------
# The close of 261102 logs responsibility, status and closed (the last,
# "...,closed,,2026-11-23" less 5 bytes: "...,closed,,2026-1").
test_expect_success 'torn close: check reports the line, removes nothing' '
	cp -R base torn && cd torn &&
	cm-complaint -f complaints.csv close 261102 responsibility=carrier &&
	n=$(wc -l <complaints.log) &&
	test $n -eq 57 &&
	truncate -s -5 complaints.log &&
	tail -c 14 complaints.log >tail && printf ",closed,,2026-1" | tail -c 14 >expect && test_cmp expect tail &&
	cp complaints.log torn.log && cp complaints.csv before.csv &&
	test_status 1 cm-complaint -f complaints.csv check >out 2>err &&
	echo "complaints.log:57: damaged line: cut short: the log ends inside it" >expect &&
	test_cmp expect out && test_cmp /dev/null err &&
	cmp torn.log complaints.log && cmp before.csv complaints.csv
'

test_expect_success 'torn close: list --history shows the intact lines, names the torn one' '
	cd torn &&
	test_status 1 cm-complaint -f complaints.csv list --history 261102 >out 2>err &&
	{ echo time,user,id,field,old,new && grep ",261102," torn.log | sed \$d; } >expect &&
	test_cmp expect out &&
	echo "cm-complaint: complaints.log:57: damaged line not shown: cut short: the log ends inside it (run check)" >expect &&
	test_cmp expect err &&
	test $(wc -l <out) -eq 12 &&
	cmp torn.log complaints.log
'

test_expect_success 'torn close: the next writer ends the line, keeps it, exit 1' '
	cd torn &&
	test_status 1 cm-complaint -f complaints.csv set 261101 loss=1 2>err &&
	echo "cm-complaint: complaints.log:57: last line cut short, though the register shows its change was made: ended it so that nothing is lost; run check" >expect &&
	test_cmp expect err &&
	line complaints.log 57 | grep ",tester,261102,closed,,2026-1$" &&
	line complaints.log 58 | grep ",tester,261101,loss,120.00,1.00$" &&
	test $(wc -l <complaints.log) -eq 58 &&
	head -c $(wc -c <torn.log) complaints.log | cmp - torn.log &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	echo "complaints.log:57: id ${q}261102${q} field ${q}closed${q}: logged ${q}2026-1${q}, but ${q}complaints.csv${q} line 4 has ${q}2026-11-23${q}" >expect &&
	test_cmp expect out &&
	cm-complaint -f complaints.csv set 261101 loss=2 2>err &&
	test_cmp /dev/null err
'

# Cut inside a quoted value: the line is ended with the quote it lacks.
test_expect_success 'torn inside quotes: ended with a quote and a newline' '
	cp -R base quoted && cd quoted &&
	cm-complaint -f complaints.csv set 261102 "action=a, \"b\" and c" &&
	truncate -s -8 complaints.log &&
	cp complaints.log torn.log &&
	test_status 1 cm-complaint -f complaints.csv set 261101 loss=1 2>err &&
	echo "cm-complaint: complaints.log:55: last line cut short, though the register shows its change was made: ended it so that nothing is lost; run check" >expect.err && test_cmp expect.err err &&
	head -c $(wc -c <torn.log) complaints.log | cmp - torn.log &&
	tail -n 2 complaints.log | head -n 1 | tail -c 3 >actual &&
	printf "\"\"\n" | tail -c 3 >expect && test_cmp expect actual &&
	test_status 1 cm-complaint -f complaints.csv check >out &&
	grep "field ${q}action${q}: logged" out
'

# A killed writer's torn line is no committed change: the next writer cuts
# it (and its transaction), as before.
test_expect_success 'torn line of a change never renamed: cut by the next writer' '
	cp -R base killed && cd killed &&
	cp complaints.csv old.csv && cp complaints.log old.log &&
	cm-complaint -f complaints.csv set 261102 dept=QA loss=5 &&
	cp old.csv complaints.csv &&
	truncate -s -3 complaints.log &&
	cm-complaint -f complaints.csv check >out &&
	test_cmp /dev/null out &&
	cm-complaint -f complaints.csv set 261103 dept=PR &&
	head -54 complaints.log >first && cmp old.log first &&
	test $(wc -l <complaints.log) -eq 55 &&
	line complaints.log 55 | grep ",261103,dept,,PR$"
'

# What readers show (check, and the history of 261102) with the position
# record and without it, by a scan: the same, and the change that was never
# renamed (loss=7) is in neither.
reader_views() {
	cm-complaint -f complaints.csv check >check.with 2>&1 &&
	cm-complaint -f complaints.csv list --history 261102 >hist.with &&
	mv complaints.log.pos aside.pos &&
	cm-complaint -f complaints.csv check >check.scan 2>&1 &&
	cm-complaint -f complaints.csv list --history 261102 >hist.scan &&
	mv aside.pos complaints.log.pos &&
	test_cmp check.scan check.with && test_cmp /dev/null check.with &&
	test_cmp hist.scan hist.with &&
	{ echo time,user,id,field,old,new && head -n $(wc -l <old.log) complaints.log | grep ",261102,"; } >expect &&
	test_cmp expect hist.with
}

# The log's position record (register.h): believed only when the log
# bears it out, and never about whether the last change happened.
test_expect_success 'killed before the rename, the record of its log kept: the change is cut' '
	cp -R base posrec && cd posrec &&
	cm-complaint -f complaints.csv set 261102 dept=QA &&
	cp complaints.csv old.csv && cp complaints.log old.log &&
	cm-complaint -f complaints.csv set 261102 loss=7 &&
	cp complaints.log.pos ahead.pos &&
	cp complaints.log ahead.log &&
	cp old.csv complaints.csv &&
	cmp ahead.pos complaints.log.pos &&
	reader_views &&
	cmp ahead.pos complaints.log.pos && cmp ahead.log complaints.log &&
	cm-complaint -f complaints.csv set 261103 dept=PR &&
	n=$(wc -l <old.log) &&
	head -n $n complaints.log >first && cmp old.log first &&
	test $(wc -l <complaints.log) -eq $((n + 1)) &&
	line complaints.log $((n + 1)) | grep ",261103,dept,,PR$" &&
	cm-complaint -f complaints.csv check
'

test_expect_success 'a line an older cm appended after the record: weighed after a scan' '
	cd posrec &&
	cp complaints.log old.log &&
	echo "2099-01-01T00:00:00.000000+08:00,old,261101,loss,120.00,1" >>complaints.log &&
	cm-complaint -f complaints.csv set 261103 dept=QA &&
	n=$(wc -l <old.log) &&
	head -n $n complaints.log >first && cmp old.log first &&
	line complaints.log $((n + 1)) | grep ",261103,dept,PR,QA$" &&
	cm-complaint -f complaints.csv check
'

test_expect_success 'a record torn or edited by hand is no record' '
	cd posrec &&
	for rec in "" "cm-logpos 1" "$(sed "s/ 2 / 1 /" complaints.log.pos)"; do
		printf "%s\n" "$rec" >complaints.log.pos &&
		cm-complaint -f complaints.csv set 261103 dept="x$rec" || return 1
	done &&
	cm-complaint -f complaints.csv check &&
	grep "^cm-logpos 1 " complaints.log.pos
'

# --- a log that runs ahead of the register by one transaction --------------
test_expect_success 'a transaction in flight is no tampering, and is not history yet' '
	cp -R base ahead && cd ahead &&
	cp complaints.csv old.csv &&
	cm-complaint -f complaints.csv set 261101 loss=200 &&
	cp old.csv complaints.csv &&
	cp complaints.log ahead.log &&
	cm-complaint -f complaints.csv check >out 2>err &&
	test_cmp /dev/null out && test_cmp /dev/null err &&
	cm-complaint -f complaints.csv list --history 261101 >out &&
	{ echo time,user,id,field,old,new && sed -n "1,54p" ahead.log | grep ",261101,"; } >expect &&
	test_cmp expect out &&
	cmp ahead.log complaints.log
'

# --- missing registers (issue 7, item 10) -----------------------------------
test_expect_success 'a missing register: every verb but new is exit 4, naming how it was found' '
	for v in list "list --history=261101" overdue "stats --by=month" check classify \
	    "set 261101 loss=1" "close 261101" "reject 261101 --reason=x" "reopen 261101 --reason=x"; do
		CM_DATA=/nonexistent test_status 4 cm-complaint $v >out 2>err &&
		echo "cm-complaint: no register ${q}/nonexistent/complaints.csv${q} (from \$CM_DATA); ${q}cm-complaint new${q} creates it" >expect &&
		test_cmp expect err && test_cmp /dev/null out || exit 1
	done &&
	test ! -e /nonexistent
'

test_expect_success 'a missing register: $CM_DATA unset, and -f; nothing created' '
	mkdir none && cd none &&
	test_status 4 env -u CM_DATA cm-complaint overdue >../out 2>../err &&
	echo "cm-complaint: no register ${q}./complaints.csv${q} (the current directory, as \$CM_DATA is not set); ${q}cm-complaint new${q} creates it" >../expect &&
	test_cmp ../expect ../err &&
	test_status 4 cm-complaint -f reg.csv set 261101 loss=1 2>../err &&
	echo "cm-complaint: no register ${q}reg.csv${q} (from -f); ${q}cm-complaint new${q} creates it" >../expect &&
	test_cmp ../expect ../err &&
	test_status 4 cm-complaint -f reg.csv stats --by month 2>../err &&
	test_cmp ../expect ../err &&
	ls -A >../files && test_cmp /dev/null ../files
'

test_expect_success 'readers create and lock nothing' '
	mkdir ro && cp base/complaints.csv base/complaints.log ro/ && cd ro &&
	cm-complaint -f complaints.csv list >/dev/null &&
	cm-complaint -f complaints.csv list --history 261101 >/dev/null &&
	test_status 1 cm-complaint -f complaints.csv overdue --as-of 2026-12-31 >/dev/null &&
	cm-complaint -f complaints.csv stats --by cause >/dev/null &&
	cm-complaint -f complaints.csv check &&
	ls -A >files &&
	printf "complaints.csv\ncomplaints.log\nfiles\n" >expect && test_cmp expect files
'

test_expect_success 'readers read no log through a link, and no FIFO' '
	mkdir lnk && cp base/complaints.csv lnk/ && cd lnk &&
	ln -s ../base/complaints.log complaints.log &&
	test_status 4 cm-complaint -f complaints.csv check >out 2>err &&
	echo "cm-complaint: cannot open ${q}complaints.log${q}: Too many levels of symbolic links" >expect &&
	test_cmp expect err &&
	rm complaints.log && mkfifo complaints.log &&
	test_status 4 timeout 10 cm-complaint -f complaints.csv list --history 261101 >out 2>err &&
	echo "cm-complaint: cannot read ${q}complaints.log${q}: not a regular file" >expect &&
	test_cmp expect err
'

# As root, chmod does not stop a write: the readers run as nobody on a
# copy owned by root (0755, 0644).  As another user, the copy is made
# read-only instead.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
   setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
	as_reader() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	reader_ok=1
elif [ "$(id -u)" -ne 0 ]; then
	as_reader() { "$@"; }
	reader_ok=1
else
	reader_ok=
fi
if [ -n "$reader_ok" ]; then
test_expect_success 'readers work on a copy they cannot write' '
	dir=$(mktemp -d /tmp/cm-t2100.XXXXXX) &&
	cp base/complaints.csv base/complaints.log "$dir"/ &&
	chmod 0644 "$dir"/* && chmod 0755 "$dir" &&
	{ [ "$(id -u)" -eq 0 ] || chmod a-w "$dir" "$dir"/*; } &&
	as_reader cm-complaint -f "$dir"/complaints.csv list >list.out &&
	test $(wc -l <list.out) -eq 5 &&
	as_reader cm-complaint -f "$dir"/complaints.csv list --history 261102 >hist.out &&
	test $(wc -l <hist.out) -eq 10 &&
	test_status 1 as_reader cm-complaint -f "$dir"/complaints.csv overdue >/dev/null &&
	as_reader cm-complaint -f "$dir"/complaints.csv stats --by month >/dev/null &&
	as_reader cm-complaint -f "$dir"/complaints.csv check >check.out &&
	test_cmp /dev/null check.out &&
	test_status 4 as_reader cm-complaint -f "$dir"/complaints.csv set 261101 loss=1 2>err &&
	echo "cm-complaint: cannot open '\''$dir/complaints.csv.lock'\'': Permission denied" >expect &&
	test_cmp expect err &&
	ls -A "$dir" >files &&
	printf "complaints.csv\ncomplaints.log\n" >expect && test_cmp expect files &&
	chmod -R u+w "$dir" && rm -rf "$dir"
'
else
	test_skip 'readers on a read-only copy: root without setpriv'
fi

test_done
