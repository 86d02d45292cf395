#!/bin/sh
#
# cm-complaint at the year's end (issue 7, item 17; DESIGN §2 "Dates and
# deadlines").  The shipped calendar covers 2025-2026.  A complaint
# received on 2026-12-20 is due 13 working days later: nine in December
# (12-21..25, 12-28..31), then 2027-01-01, 01-04, 01-05 and 01-06 counted
# Monday to Friday, because nobody knows 2027's holidays yet.  Once 2027
# is added (here with 01-01 and 01-04 as holidays) it is due 01-08.

test_description='cm-complaint: provisional due dates past the calendar'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester CM_TODAY=2026-12-20
CN=$ROOT/share/cm/calendar/cn.csv
NOTICE="cm-complaint: provisional: calendar '$CN' covers 2025-2026, not 2027, so days after 2026-12-31 were counted Monday to Friday; add 2027's holiday and workday rows to it, then run 'cm-complaint redue'"

test_expect_success 'new past the calendar: a provisional due date, exit 1 and a notice' '
	test_status 1 cm-complaint --calendar cn new customer=ACME description=late >out 2>err &&
	echo 261201 >expect && test_cmp expect out &&
	echo "$NOTICE" >expect && test_cmp expect err &&
	cut -d, -f1,2,19,26 complaints.csv >actual &&
	printf "id,received,due,due_provisional\n261201,2026-12-20,2027-01-06,2026-12-20\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the mark is in the log like any change' '
	cut -d, -f3- complaints.log | grep -E ",(due|due_provisional)," >actual &&
	printf "261201,due,,2027-01-06\n261201,due_provisional,,2026-12-20\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a due date inside the calendar is final: exit 0, no notice' '
	cm-complaint --calendar cn new customer=B description=d received=2026-12-01 >out 2>err &&
	echo 261202 >expect && test_cmp expect out && test_cmp /dev/null err &&
	grep "^261202,.*,2026-12-18,,,,,,,$" complaints.csv
'

test_expect_success 'a register that never had a provisional date keeps its columns' '
	cm-complaint -f final.csv --calendar cn new customer=B description=d received=2026-11-02 &&
	head -n 1 final.csv | grep -v due_provisional
'

test_expect_success 'list --explain marks the days counted Monday to Friday' '
	cm-complaint --calendar cn list --explain >out &&
	grep "^261201," out | sed "s/.*2026-12-31 Thu +9; //" >actual &&
	echo "2027-01-01 Fri provisional +10; 2027-01-02 Sat weekend provisional; 2027-01-03 Sun weekend provisional; 2027-01-04 Mon provisional +11; 2027-01-05 Tue provisional +12; 2027-01-06 Wed provisional +13" >expect &&
	test_cmp expect actual
'

# As of 2027-01-20: 261202 due 2026-12-18 is 2 days over in December
# (12-21..25: 5, 12-28..31: 4) = 9, then 2027-01-01..01-20 Monday to
# Friday = 14: 23 in all; 261201 due 01-06: 01-07..01-20 = 10.
test_expect_success 'overdue into the next year: counted, not stopped; exit 1 and the notice' '
	CM_TODAY=2027-01-20 test_status 1 cm-complaint --calendar cn overdue >out 2>err &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,days_overdue,description
	261202,2026-12-01,B,domestic,open,,2026-12-18,23,d
	261201,2026-12-20,ACME,domestic,open,,2027-01-06,10,late
	EOF
	test_cmp expect out &&
	echo "$NOTICE" >expect && test_cmp expect err
'

test_expect_success 'from 1 December overdue and check warn that next year is missing' '
	CM_TODAY=2026-12-01 cm-complaint --calendar cn overdue --as-of 2026-12-02 >out 2>err &&
	echo "cm-complaint: calendar '\''$CN'\'' covers 2025-2026: from 2027-01-01 due dates will be provisional until 2027 is added to it" >expect &&
	test_cmp expect err &&
	CM_TODAY=2026-11-30 cm-complaint --calendar cn overdue --as-of 2026-12-02 >out 2>err &&
	test_cmp /dev/null err &&
	CM_TODAY=2026-12-01 cm-complaint -q --calendar cn overdue --as-of 2026-12-02 >out 2>err &&
	test_cmp /dev/null err
'

test_expect_success 'check lists the provisional due dates while the year is missing' '
	CM_TODAY=2026-11-30 test_status 1 cm-complaint --calendar cn check >out 2>err &&
	echo "$TRASH/complaints.csv:2: id '\''261201'\'': due 2027-01-06 is provisional: counted Monday to Friday from 2026-12-20" >expect &&
	test_cmp expect out &&
	echo "$NOTICE" >expect && test_cmp expect err
'

test_expect_success 'setup: the calendar with 2027 added' '
	cat "$CN" >cn2027.csv &&
	printf "2027-01-01,holiday,元旦,test\n2027-01-04,holiday,test,test\n" >>cn2027.csv
'

test_expect_success 'once the year is added, check lists the dates that move' '
	test_status 1 cm-complaint --calendar ./cn2027.csv check >out 2>err &&
	echo "$TRASH/complaints.csv:2: id '\''261201'\'': provisional due 2027-01-06 is 2027-01-08 with the calendar now: run '\''cm-complaint redue'\''" >expect &&
	test_cmp expect out && test_cmp /dev/null err
'

test_expect_success 'redue of a due date that is not provisional is exit 3' '
	cp complaints.csv before.csv &&
	test_status 3 cm-complaint --calendar ./cn2027.csv redue 261202 2>err &&
	echo "cm-complaint: 261202: due 2026-12-18 is not provisional" >expect &&
	test_cmp expect err &&
	cmp before.csv complaints.csv
'

test_expect_success 'redue counts them again, logged; check is clean after' '
	cm-complaint --calendar ./cn2027.csv redue >out 2>err &&
	printf "id,due_was,due,final\n261201,2027-01-06,2027-01-08,yes\n" >expect &&
	test_cmp expect out && test_cmp /dev/null err &&
	grep "^261201,.*,2027-01-08,,,,,,,$" complaints.csv &&
	cut -d, -f3- complaints.log | tail -n 2 >actual &&
	printf "261201,due,2027-01-06,2027-01-08\n261201,due_provisional,2026-12-20,\n" >expect &&
	test_cmp expect actual &&
	cm-complaint --calendar ./cn2027.csv check >out &&
	test_cmp /dev/null out
'

# Reopened on 2026-12-28: 13 working days from then are 12-29..31 (3),
# then 2027 Monday to Friday: 01-01, 01-04..08, 01-11..14: 01-14.  With
# 01-01 and 01-04 holidays: 01-05..08, 01-11..15, 01-18: 01-18.
test_expect_success 'reopen past the calendar counts from the reopening; redue too' '
	CM_TODAY=2026-12-22 cm-complaint --calendar cn close 261202 responsibility=none &&
	CM_TODAY=2026-12-28 test_status 1 cm-complaint --calendar cn reopen 261202 --reason=again 2>err &&
	echo "$NOTICE" >expect && test_cmp expect err &&
	grep "^261202,.*,action,2027-01-14,.*,2026-12-28$" complaints.csv &&
	cm-complaint --calendar ./cn2027.csv redue 261202 >out &&
	printf "id,due_was,due,final\n261202,2027-01-14,2027-01-18,yes\n" >expect &&
	test_cmp expect out
'

test_expect_success 'set received past the calendar: provisional again' '
	test_status 1 cm-complaint --calendar cn set 261201 received=2026-12-24 2>err &&
	echo "$NOTICE" >expect && test_cmp expect err &&
	grep "^261201,2026-12-24,.*,2027-01-12,.*,2026-12-24$" complaints.csv
'

# 261201 received 2026-12-24, closed 2027-01-11: 12-25, 12-28..31 (5),
# then 01-01, 01-04..08, 01-11 Monday to Friday (7): 12 days to close.
test_expect_success 'stats over days past the calendar: exit 1 and the notice' '
	cm-complaint --calendar ./cn2027.csv close 261201 responsibility=none --as-of 2027-01-11 &&
	test_status 1 cm-complaint --calendar cn stats --by customer >out 2>err &&
	grep "^ACME,1,0,1,1,100.00,0,12.00,12.00," out &&
	echo "$NOTICE" >expect && test_cmp expect err
'

test_expect_success 'complaint.conf names the calendar: calendar=cn' '
	mkdir -p share/cm &&
	cp -R "$ROOT/share/cm/." share/cm/ &&
	sed "s|^calendar=\$|calendar=cn|" "$ROOT/share/cm/complaint.conf" >share/cm/complaint.conf &&
	CM_SHARE=$PWD/share/cm test_status 1 cm-complaint -f conf.csv new customer=A description=x >out 2>err &&
	echo "cm-complaint: provisional: calendar '\''$PWD/share/cm/calendar/cn.csv'\'' covers 2025-2026, not 2027, so days after 2026-12-31 were counted Monday to Friday; add 2027'\''s holiday and workday rows to it, then run '\''cm-complaint redue'\''" >expect &&
	test_cmp expect err &&
	cut -d, -f19 conf.csv | tail -n 1 >actual &&
	echo 2027-01-06 >expect && test_cmp expect actual
'

test_expect_success 'a calendar name that is not shipped is exit 4' '
	test_status 4 cm-complaint --calendar nosuch list >out 2>err &&
	test_cmp /dev/null out &&
	echo "cm-complaint: cannot open '\''$ROOT/share/cm/calendar/nosuch.csv'\'': No such file or directory" >expect.err && test_cmp expect.err err
'

test_done
