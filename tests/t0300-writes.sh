#!/bin/sh
#
# Where cm writes, on every command: the standard descriptors at start
# (a closed one never becomes a file cm writes), the checked close of
# standard output (a full or closed stdout is exit 4 with its reason),
# temporary files (always new, a killed writer's leftover swept), links
# (the lock, the log and the temporary file never through one; another
# user's link in a sticky world-writable directory never followed; -o
# never writes through another user's link) and --excel (formulas
# neutralised, plain CSV byte for byte).  The steps with another user
# plant their links as nobody with setpriv(1) and run cm as root.

test_description='where cm writes: descriptors, stdout errors, temporary files, links, --excel'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
HDR=id,received,customer,market,channel,product,order_no,part_no,qty,defect_qty,description,category,cause,dept,responsibility,root_cause,action,status,due,closed,loss,disposition,result,response_id,reopened

# A register of two complaints in directory $1 (CM_DATA there).
make_register() {
	mkdir -p "$1" &&
	CM_DATA=$1 cm-complaint new customer=ACME "description=交货延迟三天" \
		>/dev/null &&
	CM_DATA=$1 cm-complaint new customer=Beta description=scratched \
		>/dev/null
}

# --- descriptors closed at start --------------------------------------

test_expect_success 'classify with stdin and stdout closed: exit 4, register untouched' '
	make_register fd &&
	cp fd/complaints.csv before.csv && cp fd/complaints.log before.log &&
	echo "cm-complaint: standard output is closed: nothing classified, since the decisions could not be printed" >expect.err &&
	CM_DATA=fd test_status 4 cm-complaint classify <&- >&- 2>err &&
	test_cmp expect.err err &&
	test_cmp before.csv fd/complaints.csv &&
	test_cmp before.log fd/complaints.log
'

test_expect_success 'the same with stdout open classifies' '
	CM_DATA=fd cm-complaint classify <&- >out 2>err &&
	test_cmp /dev/null err &&
	test $(wc -l <out) = 2 &&
	CM_DATA=fd cm-complaint check >out 2>err &&
	test_cmp /dev/null out
'

test_expect_success '--explain new with stdout and stderr closed: nothing of it in the register' '
	make_register fx &&
	CM_DATA=fx test_status 4 cm-complaint --explain new customer=Gamma \
		description=x >&- 2>&- &&
	! grep -e "due 2026" -e "write error" fx/complaints.csv fx/complaints.log &&
	CM_DATA=fx cm-complaint check >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp /dev/null err
'

test_expect_success 'a command that reads a closed stdin: exit 4, nothing written' '
	make_register fi &&
	cp fi/complaints.csv before.csv &&
	echo "cm-complaint: read error on (standard input): Bad file descriptor" >expect.err &&
	CM_DATA=fi test_status 4 cm-complaint new <&- >out 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null out &&
	test_cmp before.csv fi/complaints.csv
'

test_expect_success 'cm-survey-calc -o FILE with stderr closed: its warnings are not in FILE' '
	printf "overall,quality\n5,4\n2,bad\n" >warn.csv &&
	cm-survey-calc -i quality -o expect.csv warn.csv 2>err &&
	test -s err &&
	cm-survey-calc -i quality -o out.csv warn.csv 2>&- &&
	test_cmp expect.csv out.csv
'

test_expect_success 'a closed stderr alone changes nothing' '
	CM_DATA=fd cm-complaint list >expect &&
	CM_DATA=fd cm-complaint list >out 2>&- &&
	test_cmp expect out
'

# --- standard output: full or closed -----------------------------------

for prog in cm-complaint cm-survey-calc
do
	test_expect_success "$prog --help and --version to a full stdout: exit 4, why" "
		echo '$prog: write error on standard output: No space left on device' >expect.err &&
		test_status 4 $prog --help >/dev/full 2>err &&
		test_cmp expect.err err &&
		test_status 4 $prog --version >/dev/full 2>err &&
		test_cmp expect.err err
	"
	test_expect_success "$prog --help and --version to a closed stdout: exit 4, why" "
		echo '$prog: write error on standard output: Bad file descriptor' >expect.err &&
		test_status 4 $prog --help >&- 2>err &&
		test_cmp expect.err err &&
		test_status 4 $prog --version >&- 2>err &&
		test_cmp expect.err err
	"
done

test_expect_success 'list to a full or closed stdout: exit 4, why' '
	echo "cm-complaint: write error on standard output: No space left on device" >expect.err &&
	CM_DATA=fd test_status 4 cm-complaint list >/dev/full 2>err &&
	test_cmp expect.err err &&
	echo "cm-complaint: write error on standard output: Bad file descriptor" >expect.err &&
	CM_DATA=fd test_status 4 cm-complaint list --format table >&- 2>err &&
	test_cmp expect.err err
'

# classify prints its decisions once they are committed (issue 8, item
# 13): a full stdout cannot be known before, so the message says so.
test_expect_success 'classify to a full stdout: committed, exit 4 saying so' '
	make_register ff &&
	cp ff/complaints.csv before.csv &&
	echo "cm-complaint: classified and committed, but could not print the decisions: write error on standard output: No space left on device" >expect.err &&
	CM_DATA=ff test_status 4 cm-complaint classify >/dev/full 2>err &&
	test_cmp expect.err err &&
	grep -c late_delivery ff/complaints.csv >n &&
	echo 1 >expect && test_cmp expect n
'

test_expect_success 'a command that prints nothing does not mind a closed stdout' '
	CM_DATA=fd cm-complaint set 261101 dept=QA >&- 2>err &&
	test_cmp /dev/null err
'

# --- temporary files ---------------------------------------------------

test_expect_success 'a file hard-linked at the old temporary name is not written' '
	make_register hl &&
	printf "victim\n" >victim && chmod 600 victim &&
	ln victim hl/complaints.csv.tmp &&
	CM_DATA=hl cm-complaint new customer=Gamma description=x >out &&
	echo 261103 >expect && test_cmp expect out &&
	printf "victim\n" >expect && test_cmp expect victim &&
	test "$(stat -c %a victim)" = 600 &&
	test $(grep -c "^2611" hl/complaints.csv) = 3
'

test_expect_success 'a temporary file left by a kill -9 is removed by the next writer' '
	make_register st &&
	printf "half a reg" >st/complaints.csv.tmpAb3xY9 &&
	printf "x" >st/complaints.csv.tmpABCDE &&
	printf "x" >st/other.csv.tmpAb3xY9 &&
	CM_DATA=st cm-complaint set 261101 dept=QA &&
	(cd st && ls) >actual &&
	cat >expect <<-\EOF &&
	complaints.csv
	complaints.csv.lock
	complaints.csv.tmpABCDE
	complaints.log
	complaints.log.pos
	other.csv.tmpAb3xY9
	EOF
	test_cmp expect actual
'

test_expect_success 'a lock-free reader removes nothing' '
	printf "half a reg" >st/complaints.csv.tmpAb3xY9 &&
	CM_DATA=st cm-complaint overdue >/dev/null &&
	test -f st/complaints.csv.tmpAb3xY9
'

# --- links -------------------------------------------------------------

test_expect_success 'a link at the log: exit 4, nothing created through it' '
	make_register ll &&
	cp ll/complaints.csv before.csv &&
	mv ll/complaints.log ll/real.log &&
	ln -s real.log ll/complaints.log &&
	echo "cm-complaint: cannot open '\''ll/complaints.log'\'': is a symbolic link" >expect.err &&
	test_status 4 cm-complaint -f ll/complaints.csv new customer=X \
		description=x >out 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null out &&
	test_cmp before.csv ll/complaints.csv &&
	rm ll/complaints.log &&
	ln -s nothere.log ll/complaints.log &&
	test_status 4 cm-complaint -f ll/complaints.csv new customer=X \
		description=x >out 2>err &&
	test_cmp expect.err err &&
	test ! -e ll/nothere.log
'

test_expect_success 'a link at the lock: exit 4, nothing created through it' '
	make_register lk &&
	cp lk/complaints.csv before.csv &&
	rm lk/complaints.csv.lock &&
	ln -s planted lk/complaints.csv.lock &&
	echo "cm-complaint: cannot open '\''lk/complaints.csv.lock'\'': is a symbolic link" >expect.err &&
	test_status 4 cm-complaint -f lk/complaints.csv set 261101 dept=QA 2>err &&
	test_cmp expect.err err &&
	test ! -e lk/planted &&
	test_cmp before.csv lk/complaints.csv
'

test_expect_success 'a FIFO at the log is refused without hanging' '
	make_register ff2 &&
	rm ff2/complaints.log && mkfifo ff2/complaints.log &&
	echo "cm-complaint: cannot open '\''ff2/complaints.log'\'': not a regular file" >expect.err &&
	{ test_status 4 timeout 10 cm-complaint -f ff2/complaints.csv list 2>err >/dev/null ||
	  test_status 4 timeout 10 cm-complaint -f ff2/complaints.csv set 261101 dept=QA 2>err; } &&
	test_cmp expect.err err
'

test_expect_success 'a register reached through our own link: the file it names is changed' '
	make_register rl &&
	ln -s rl/complaints.csv reg-link.csv &&
	cm-complaint -f reg-link.csv set 261101 dept=QA &&
	test -h reg-link.csv &&
	grep -q "^261101,.*,QA," rl/complaints.csv
'

# Another user, in a sticky world-writable directory.  nobody must reach
# $TRASH (a checkout in a 0700 home cannot be reached: skipped then).
if test "$(id -u)" = 0 && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		test -x "$TRASH" 2>/dev/null
then
	test_set_prereq OTHERUSER
fi

as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

test_expect_success_if OTHERUSER 'setup: a private directory, another user in a sticky one' '
	mkdir sticky && chmod 1777 sticky &&
	mkdir -m 700 private &&
	printf "secret\n" >private/secret && chmod 600 private/secret &&
	as_nobody sh -c "ln -s ../private/planted.log sticky/complaints.log" &&
	test "$(stat -c %U sticky/complaints.log)" = nobody
'

test_expect_success_if OTHERUSER 'root does not create a log through another user'\''s link' '
	echo "cm-complaint: cannot open '\''sticky/complaints.log'\'': is a symbolic link" >expect.err &&
	test_status 4 cm-complaint -f sticky/complaints.csv new customer=X \
		description=x >out 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null out &&
	test ! -e private/planted.log &&
	test ! -e sticky/complaints.csv &&
	rm -f sticky/complaints.log sticky/complaints.csv.lock
'

test_expect_success_if OTHERUSER 'root does not create a lock through another user'\''s link' '
	as_nobody ln -s ../private/planted.lock sticky/complaints.csv.lock &&
	echo "cm-complaint: cannot open '\''sticky/complaints.csv.lock'\'': is a symbolic link" >expect.err &&
	test_status 4 cm-complaint -f sticky/complaints.csv new customer=X \
		description=x >out 2>err &&
	test_cmp expect.err err &&
	test ! -e private/planted.lock &&
	rm -f sticky/complaints.csv.lock
'

test_expect_success_if OTHERUSER 'root does not follow another user'\''s link as the register' '
	as_nobody ln -s ../private/secret sticky/complaints.csv &&
	echo "cm-complaint: not following '\''sticky/complaints.csv'\'': a symbolic link owned by another user in a sticky world-writable directory" >expect.err &&
	test_status 4 cm-complaint -f sticky/complaints.csv new customer=X \
		description=x >out 2>err &&
	test_cmp expect.err err &&
	printf "secret\n" >expect && test_cmp expect private/secret &&
	test "$(stat -c %a private/secret)" = 600 &&
	test ! -e private/secret.lock && test ! -e private/complaints.log &&
	test ! -e sticky/complaints.csv.lock &&
	rm sticky/complaints.csv
'

test_expect_success_if OTHERUSER 'a link of root'\''s own there is followed' '
	make_register private/reg &&
	ln -s ../private/reg/complaints.csv sticky/complaints.csv &&
	cm-complaint -f sticky/complaints.csv set 261101 dept=QA &&
	grep -q "^261101,.*,QA," private/reg/complaints.csv &&
	test -h sticky/complaints.csv &&
	rm sticky/complaints.csv
'

test_expect_success_if OTHERUSER 'root -o over another user'\''s link replaces the link' '
	printf "overall\n5\n" >one.csv &&
	cm-survey-calc one.csv >expect &&
	as_nobody ln -s ../private/secret sticky/out.csv &&
	cm-survey-calc -o sticky/out.csv one.csv &&
	printf "secret\n" >expect.secret && test_cmp expect.secret private/secret &&
	test "$(stat -c %a private/secret)" = 600 &&
	test ! -h sticky/out.csv &&
	test_cmp expect sticky/out.csv &&
	test "$(stat -c %U sticky/out.csv)" = root
'

test_expect_success_if OTHERUSER 'root -o into another user'\''s FIFO there: refused' '
	as_nobody mkfifo sticky/fifo.csv &&
	echo "cm-survey-calc: not opening '\''sticky/fifo.csv'\'': owned by another user in a sticky world-writable directory" >expect.err &&
	test_status 4 timeout 10 cm-survey-calc -o sticky/fifo.csv one.csv 2>err &&
	test_cmp expect.err err
'

test_expect_success '-o through root'\''s link to a device writes the device' '
	printf "overall\n5\n" >dev.csv &&
	cm-survey-calc dev.csv >expect &&
	cm-survey-calc -o /dev/stdout dev.csv >out &&
	test_cmp expect out &&
	cm-survey-calc -o /dev/stdout dev.csv | cat >out &&
	test_cmp expect out
'

# --- --excel: formulas neutralised --------------------------------------

test_expect_success 'setup: a register with formulas in it' '
	mkdir xl &&
	CM_DATA=xl cm-complaint new "customer==HYPERLINK(\"http://evil.example/\",\"ACME\")" \
		"description=+cmd|'\'' /C calc'\''!A0" >/dev/null &&
	CM_DATA=xl cm-complaint new customer=@SUM description=-2+3 >/dev/null &&
	CM_DATA=xl cm-complaint new customer=-5.00 description=-x >/dev/null
'

test_expect_success 'list without --excel: cells byte for byte' '
	cat >expect <<-EOF &&
	$HDR
	261101,2026-11-23,"=HYPERLINK(""http://evil.example/"",""ACME"")",domestic,,,,,,,+cmd|'\'' /C calc'\''!A0,,,,,,,open,2026-12-06,,,,,,
	261102,2026-11-23,@SUM,domestic,,,,,,,-2+3,,,,,,,open,2026-12-06,,,,,,
	261103,2026-11-23,-5.00,domestic,,,,,,,-x,,,,,,,open,2026-12-06,,,,,,
	EOF
	CM_DATA=xl cm-complaint list >out &&
	test_cmp expect out
'

test_expect_success 'list --excel: formulas get an apostrophe, -5.00 stays a number' '
	{
		printf "\357\273\277" &&
		sed "s/\$/\r/" <<-EOF
		$HDR
		261101,2026-11-23,"'\''=HYPERLINK(""http://evil.example/"",""ACME"")",domestic,,,,,,,'\''+cmd|'\'' /C calc'\''!A0,,,,,,,open,2026-12-06,,,,,,
		261102,2026-11-23,'\''@SUM,domestic,,,,,,,'\''-2+3,,,,,,,open,2026-12-06,,,,,,
		261103,2026-11-23,-5.00,domestic,,,,,,,'\''-x,,,,,,,open,2026-12-06,,,,,,
		EOF
	} >expect &&
	CM_DATA=xl cm-complaint list --excel >out &&
	test_cmp expect out
'

test_expect_success 'list --format table --excel: the same rule' '
	CM_DATA=xl cm-complaint list --format table --excel >out &&
	grep -q "'\''=HYPERLINK" out &&
	grep -q "  '\''@SUM  " out &&
	! grep -q "  =HYPERLINK" out &&
	! grep -q "  @SUM" out
'

test_expect_success 'cm-survey-calc --dissatisfied --excel neutralises the rows it carries' '
	cat >dis.csv <<-\EOF &&
	customer,note,overall
	"=HYPERLINK(""http://evil.example/"")",-5.00,1
	ok,+cmd|'\'' /C calc'\''!A0,2
	EOF
	{
		printf "\357\273\277" &&
		sed "s/\$/\r/" <<-\EOF
		customer,note,overall,dissatisfied_items
		"'\''=HYPERLINK(""http://evil.example/"")",-5.00,1,overall
		ok,'\''+cmd|'\'' /C calc'\''!A0,2,overall
		EOF
	} >expect &&
	cm-survey-calc --dissatisfied --excel dis.csv >out &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	customer,note,overall,dissatisfied_items
	"=HYPERLINK(""http://evil.example/"")",-5.00,1,overall
	ok,+cmd|'\'' /C calc'\''!A0,2,overall
	EOF
	cm-survey-calc --dissatisfied dis.csv >out &&
	test_cmp expect out
'

test_done
