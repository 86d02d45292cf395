#!/bin/sh
#
# cm-complaint: values of any length and the bounds of dates and money
# (issue 7, items 1, 6 and 11).  Values went through fixed buffers and
# came out cut (a cut inside a Chinese character left the register
# undecodable); a due date past 9999-12-31 wrapped to one before its
# receipt; a commit whose ids could not be printed said nothing of the
# commit.

test_description='cm-complaint: long values, date and money bounds, ids after commit'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester

# field N of the last row of list, for values without commas or quotes
lastfield() { cm-complaint list | tail -n 1 | cut -d, -f"$1"; }
# field N of complaint 261101
field1() { cm-complaint list | grep "^261101," | cut -d, -f"$1"; }

test_expect_success 'new: a 300-byte description is stored whole' '
	d=$(printf "%0300d" 0) &&
	cm-complaint new customer=ACME "description=$d" >ids &&
	echo 261101 >expect && test_cmp expect ids &&
	printf "%s\n" "$d" >expect &&
	lastfield 11 >actual &&
	test_cmp expect actual
'

# 2,000 bytes of 品 (three bytes each) would have been cut at 1,023
# bytes, inside a character.
test_expect_success 'set: a 2,000-byte Chinese value is stored whole' '
	v=$(awk "BEGIN { for (i = 0; i < 667; i++) printf \"品\" }") &&
	cm-complaint set 261101 "root_cause=$v" &&
	printf "%s\n" "$v" >expect &&
	lastfield 16 >actual &&
	test_cmp expect actual &&
	cm-complaint check
'

# 1 MiB and more of Chinese text through new (stdin: an argument is
# limited to 128 KiB by the kernel), list, the log, set and check.
test_expect_success 'a 1 MiB Chinese description round-trips byte for byte' '
	awk "BEGIN { for (i = 0; i < 87382; i++) printf \"交货延迟\" }" >big &&
	test $(wc -c <big) -gt 1048576 &&
	{ echo customer,description && printf "ACME,\"%s\"\n" "$(cat big)"; } |
		cm-complaint new >ids &&
	echo 261102 >expect && test_cmp expect ids &&
	{ cat big && echo; } >expect &&
	lastfield 11 >actual &&
	test_cmp expect actual &&
	cm-complaint list --history 261102 |
		awk -F, "\$4 == \"description\" { print \$6 }" >actual &&
	test_cmp expect actual &&
	head -c 99999 big >part && echo >>part &&
	cm-complaint set 261102 "action=$(head -c 99999 big)" &&
	lastfield 17 >actual &&
	test_cmp part actual &&
	cm-complaint check >out &&
	test_cmp /dev/null out
'

# 100,000 bytes of 交货延迟 end two bytes into a character.
test_expect_success 'a value that is not UTF-8 is exit 3, nothing written' '
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint set 261102 "action=$(printf "ok\344\272")" 2>err &&
	printf "cm-complaint: 261102: invalid action '\''ok\344\272'\'' (not valid UTF-8)\n" >expect &&
	test_cmp expect err &&
	test_status 3 cm-complaint new customer=A "description=$(head -c 100000 big)" 2>err &&
	printf "cm-complaint: invalid description '\''%s...'\'' (not valid UTF-8)\n" "$(head -c 63 big)" >expect &&
	test_cmp expect err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

# --- dates: 1900-01-01 to 9999-12-31 ---------------------------------------
test_expect_success 'a due date past 9999-12-31 is exit 3, nothing written' '
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 3 cm-complaint new customer=A description=d \
		received=9999-12-31 >out 2>err &&
	echo "cm-complaint: 9999-12-31 plus 13 days is past 9999-12-31, the last date cm handles" >expect &&
	test_cmp expect err && test_cmp /dev/null out &&
	test_status 3 cm-complaint new customer=A description=d \
		received=9999-12-20 market=foreign 2>err &&
	echo "cm-complaint: 9999-12-20 plus 17 days is past 9999-12-31, the last date cm handles" >expect &&
	test_cmp expect err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_expect_success 'the last due date there is: 9999-12-18 + 13' '
	cm-complaint -f last.csv new customer=A description=d \
		received=9999-12-18 >ids &&
	echo 991201 >expect && test_cmp expect ids &&
	cm-complaint -f last.csv list | tail -n 1 | cut -d, -f2,19 >actual &&
	echo 9999-12-18,9999-12-31 >expect &&
	test_cmp expect actual
'

test_expect_success 'a date before 1900 is not a date' '
	test_status 3 cm-complaint new customer=A description=d \
		received=1899-12-31 2>err &&
	echo "cm-complaint: invalid received '\''1899-12-31'\'' (not a date)" >expect &&
	test_cmp expect err
'

# --- money: fen, exactly ---------------------------------------------------
test_expect_success 'loss is exact to the fen, half away from zero' '
	cm-complaint set 261101 loss=1.005 && field1 21 >actual &&
	cm-complaint set 261101 loss=2.675 && field1 21 >>actual &&
	cm-complaint set 261101 loss=0.1 && field1 21 >>actual &&
	cm-complaint set 261101 loss=12 && field1 21 >>actual &&
	cm-complaint set 261101 loss=9999999999999.99 && field1 21 >>actual &&
	printf "1.01\n2.68\n0.10\n12.00\n9999999999999.99\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'loss: exponents, separators, negatives and too much are refused' '
	cp complaints.csv before.csv &&
	test_status 3 cm-complaint set 261101 loss=1e3 2>err &&
	test_status 3 cm-complaint set 261101 loss=1,000 2>>err &&
	test_status 3 cm-complaint set 261101 loss=-1 2>>err &&
	test_status 3 cm-complaint set 261101 loss=. 2>>err &&
	test_status 3 cm-complaint set 261101 loss=10000000000000.01 2>>err &&
	cat >expect <<-\EOF &&
	cm-complaint: 261101: invalid loss '\''1e3'\'' (an amount of money, 0 or more)
	cm-complaint: 261101: invalid loss '\''1,000'\'' (an amount of money, 0 or more)
	cm-complaint: 261101: invalid loss '\''-1'\'' (an amount of money, 0 or more)
	cm-complaint: 261101: invalid loss '\''.'\'' (an amount of money, 0 or more)
	cm-complaint: 261101: invalid loss '\''10000000000000.01'\'' (an amount of money, 0 or more)
	EOF
	test_cmp expect err &&
	cmp before.csv complaints.csv
'

# 261101 holds loss 9999999999999.99 (above).  A loss edited by hand into
# the register is no amount: stats would have skipped it and printed a
# total short by it; check names it.
test_expect_success 'stats sums loss in fen; a loss that is no amount is exit 3' '
	cm-complaint -f m.csv new customer=A description=a loss=0.10 >/dev/null &&
	cm-complaint -f m.csv new customer=A description=b loss=0.20 >/dev/null &&
	cm-complaint -f m.csv new customer=A description=c loss=9999999999999.99 >/dev/null &&
	cm-complaint -f m.csv new customer=A description=d loss=9999999999999.99 >/dev/null &&
	cm-complaint -f m.csv stats --by customer | cut -d, -f1,10 >actual &&
	printf "customer,loss\nA,20000000000000.28\n" >expect &&
	test_cmp expect actual &&
	sed "s/,0.20,/,1e3,/" m.csv >h.csv && mv h.csv m.csv &&
	test_status 3 cm-complaint -f m.csv stats --by customer >out 2>err &&
	echo "cm-complaint: m.csv:3: 261102: invalid loss '\''1e3'\'' (run check)" >expect &&
	test_cmp expect err &&
	test_status 1 cm-complaint -f m.csv check >out &&
	grep -F "m.csv:3: id '\''261102'\'': invalid loss '\''1e3'\'' (an amount of money, 0 or more)" out
'

# --- ids after the commit ----------------------------------------------------
test_expect_success 'new to a full stdout: committed, and the message names the ids' '
	cp complaints.csv before.csv &&
	test_status 4 cm-complaint new customer=A description=d >/dev/full 2>err &&
	echo "cm-complaint: opened 261103, but could not print its id: write error on standard output: No space left on device" >expect &&
	test_cmp expect err &&
	grep -c "^261103," complaints.csv >n && echo 1 >expect && test_cmp expect n &&
	printf "customer,description\nB,b\nC,c\n" |
		test_status 4 cm-complaint new >/dev/full 2>err &&
	echo "cm-complaint: opened 261104 261105, but could not print their ids: write error on standard output: No space left on device" >expect &&
	test_cmp expect err
'

test_expect_success 'new with stdout closed: nothing committed, exit 4' '
	cp complaints.csv before.csv && cp complaints.log before.log &&
	test_status 4 cm-complaint new customer=A description=d >&- 2>err &&
	echo "cm-complaint: standard output is closed: nothing opened, since the new ids could not be printed" >expect &&
	test_cmp expect err &&
	cmp before.csv complaints.csv && cmp before.log complaints.log
'

test_done
