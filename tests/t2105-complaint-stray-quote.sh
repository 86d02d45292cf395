#!/bin/sh
#
# cm-complaint: a quote that nothing closes in the middle of the history
# log (a hand edit, a failing disk) is a damaged line of its own, not a
# torn last line: readers see every line after it, check names it, and a
# writer keeps every byte of the log (a damaged line stops no writer,
# register.h), while a writer killed inside its append is still cut.

test_description='cm-complaint: a stray quote in the middle of the log'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
q="'"

# Line N of a file.
line() { sed -n "$2p" "$1"; }

# The stray line, put in as line 17 of an 18-line log (damaged.log).
STRAY='2026-11-09T09:00:00.5+00:00,root,261102,customer,A,"B'

test_expect_success 'setup: two complaints, changes, a quoted value' '
	mkdir base && cd base &&
	cm-complaint -f reg.csv new customer=A description=x >/dev/null &&
	cm-complaint -f reg.csv new customer=A description=y >/dev/null &&
	cm-complaint -f reg.csv set 261101 customer=B &&
	cm-complaint -f reg.csv set 261102 "description=y, \"z\"" &&
	cm-complaint -f reg.csv set 261101 customer=C &&
	test $(wc -l <reg.log) -eq 18 &&
	cm-complaint -f reg.csv check &&
	awk -v s="$STRAY" "NR == 17 { print s } { print }" reg.log >damaged.log &&
	test $(wc -l <damaged.log) -eq 19 &&
	line damaged.log 17 | grep -F ",customer,A,\"B" &&
	line damaged.log 18 | grep ",261102,description,y,\"y, \"\"z\"\"\"$"
'

test_expect_success 'check names the damaged line, and only it (exit 1)' '
	cp -R base check && cd check && cp damaged.log reg.log &&
	test_status 1 cm-complaint -f reg.csv check >out 2>err &&
	echo "reg.log:17: damaged line: a quote that is never closed" >expect &&
	test_cmp expect out && test_cmp /dev/null err &&
	cmp damaged.log reg.log
'

test_expect_success 'readers see the lines after it' '
	cp -R base read && cd read && cp damaged.log reg.log &&
	cm-complaint -f reg.csv list --history 261101 >out &&
	{ echo time,user,id,field,old,new && grep ",261101," damaged.log; } >expect &&
	test_cmp expect out &&
	line out 10 | grep ",261101,customer,B,C$" &&
	test_status 1 cm-complaint -f reg.csv list --history 261102 >out 2>err &&
	{ echo time,user,id,field,old,new &&
	  grep ",261102," damaged.log | grep -v ",root,"; } >expect &&
	test_cmp expect out &&
	echo "cm-complaint: reg.log:17: damaged line not shown: a quote that is never closed (run check)" >expect &&
	test_cmp expect err &&
	cmp damaged.log reg.log
'

test_expect_success 'a writer keeps every byte of the log and appends after it' '
	cp -R base write && cd write && cp damaged.log reg.log &&
	cm-complaint -f reg.csv set 261101 customer=Z 2>err &&
	test_cmp /dev/null err &&
	test $(wc -l <reg.log) -eq 20 &&
	head -c $(wc -c <damaged.log) reg.log | cmp - damaged.log &&
	line reg.log 20 | grep ",tester,261101,customer,C,Z$" &&
	test_status 1 cm-complaint -f reg.csv check >out &&
	echo "reg.log:17: damaged line: a quote that is never closed" >expect &&
	test_cmp expect out
'

# A writer killed inside its append, after the stray line: its torn line
# (cut inside a quoted value that holds a newline) is cut, as before, and
# nothing else.
test_expect_success 'a torn last transaction after it is still cut' '
	cp -R base killed && cd killed && cp damaged.log reg.log &&
	cp reg.csv old.csv &&
	cm-complaint -f reg.csv set 261102 "description=two
\"lines\", and more" &&
	test $(wc -l <reg.log) -eq 21 &&
	cp old.csv reg.csv &&
	truncate -s -6 reg.log &&
	cm-complaint -f reg.csv set 261101 customer=Z 2>err &&
	test_cmp /dev/null err &&
	head -c $(wc -c <damaged.log) reg.log | cmp - damaged.log &&
	test $(wc -l <reg.log) -eq 20 &&
	line reg.log 20 | grep ",tester,261101,customer,C,Z$"
'

test_done
