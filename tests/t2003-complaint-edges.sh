#!/bin/sh
#
# cm-complaint at the office's edges (issue 8): one rule of lateness for
# stats and overdue, causes from the cause list, filters that cannot
# match, stats by several keys, overdue per department, and options
# that do not apply to a verb.

test_description='cm-complaint: lateness, causes, filters, options per verb'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester

# --- one rule of lateness (item 8) ------------------------------------------
# Received Tuesday 2026-11-03, + 13 working days (11-04..06: 3,
# 11-09..13: 8, 11-16..20: 13) = due Friday 2026-11-20.  261101 is
# closed Saturday 11-21: no working day has passed since its due date,
# so it is on time; 261102 on its due day: on time.  stats used to call
# 261101 late on plain dates while overdue --late did not list it.
test_expect_success 'setup: two cases due on a Friday, closed Saturday and Friday' '
	mkdir late && cd late &&
	cm-complaint -f r.csv --calendar cn new customer=A description=d1 received=2026-11-03 dept=QA >/dev/null &&
	cm-complaint -f r.csv --calendar cn new customer=B description=d2 received=2026-11-03 dept=PR >/dev/null &&
	cm-complaint -f r.csv close 261101 responsibility=customer --as-of 2026-11-21 &&
	cm-complaint -f r.csv close 261102 responsibility=customer --as-of 2026-11-20 &&
	cut -d, -f1,19,20 r.csv >actual &&
	cat >expect <<-\EOF &&
	id,due,closed
	261101,2026-11-20,2026-11-21
	261102,2026-11-20,2026-11-20
	EOF
	test_cmp expect actual
'

test_expect_success 'closed on a rest day after due: on time in stats and in overdue --late' '
	cd late &&
	cm-complaint -f r.csv --calendar cn stats --by month >actual &&
	cat >expect <<-\EOF &&
	month,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative
	2026-11,2,0,2,2,100.00,0,13.00,13.00,0.00,100.00
	EOF
	test_cmp expect actual &&
	test_expect_code 0 cm-complaint -f r.csv --calendar cn overdue --late >actual &&
	echo "id,received,customer,market,status,dept,due,closed,days_late,description" >expect &&
	test_cmp expect actual
'

test_expect_success 'closed the Monday after: one working day late in both' '
	cd late &&
	cm-complaint -f r.csv --calendar cn new customer=D description=d4 received=2026-11-03 dept=QA >/dev/null &&
	cm-complaint -f r.csv close 261103 responsibility=customer --as-of 2026-11-23 &&
	cm-complaint -f r.csv --calendar cn stats --by month | cut -d, -f1-6 >actual &&
	printf "month,count,open,closed,on_time,on_time_rate\n2026-11,3,0,3,2,66.67\n" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 cm-complaint -f r.csv --calendar cn overdue --late >actual &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,closed,days_late,description
	261103,2026-11-03,D,domestic,closed,QA,2026-11-20,2026-11-23,1,d4
	EOF
	test_cmp expect actual
'

test_expect_success 'an open case is overdue once a working day has passed since its due day' '
	cd late &&
	cm-complaint -f r.csv --calendar cn new customer=C description=d3 received=2026-11-03 dept=QA >/dev/null &&
	test_expect_code 0 cm-complaint -f r.csv --calendar cn overdue --as-of 2026-11-21 >actual &&
	echo "id,received,customer,market,status,dept,due,days_overdue,description" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 cm-complaint -f r.csv --calendar cn overdue --as-of 2026-11-23 >actual &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,days_overdue,description
	261104,2026-11-03,C,domestic,open,QA,2026-11-20,1,d3
	EOF
	test_cmp expect actual
'

# A date before 1970 is a negative day number: it used to read as "not
# given", so --as-of 1969-12-31 judged as of today and --to 1969-12-31
# counted every case.
test_expect_success 'dates before 1970 are dates: --as-of, --to' '
	cd late &&
	test_expect_code 0 cm-complaint -f r.csv --calendar cn overdue --as-of 1969-12-31 >actual &&
	echo "id,received,customer,market,status,dept,due,days_overdue,description" >expect &&
	test_cmp expect actual &&
	cm-complaint -f r.csv stats --by month --to 1969-12-31 >actual &&
	echo "month,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative" >expect &&
	test_cmp expect actual
'

# --- causes from the cause list (item 9) ------------------------------------
test_expect_success 'setup: a register for causes' '
	mkdir causes && cd causes &&
	cm-complaint -f r.csv new customer=A description=d1 >/dev/null &&
	cm-complaint -f r.csv new customer=B description=d2 >/dev/null
'

test_expect_success 'close with a cause not on the list: exit 3 listing the names, nothing written' '
	cd causes &&
	cp r.csv before.csv &&
	test_status 3 cm-complaint -f r.csv close 261101 responsibility=ours cause=whatever root_cause=r action=a dept=QA 2>err &&
	echo "cm-complaint: 261101: invalid cause '\''whatever'\'' (one of document_error, finance_error, material_not_per_spec, rejects_mixed_in, over_shipment, production_data_reduced, special_requirement_not_passed_on, order_entry_error, late_delivery, wrong_shipment, delivery_note_error, storage_transport_damage, label_not_to_spec, inspection_data_mismatch, other, packaging_damage, solderability, material_defect, dimension, appearance, function_failure)" >expect &&
	test_cmp expect err &&
	test_cmp before.csv r.csv
'

test_expect_success 'a Chinese name is stored by its name, and the category follows' '
	cd causes &&
	cm-complaint -f r.csv close 261101 responsibility=ours cause=交货延迟 root_cause=r action=a dept=QA &&
	cm-complaint -f r.csv set 261102 cause=尺寸不良 &&
	cut -d, -f1,12,13 r.csv >actual &&
	cat >expect <<-\EOF &&
	id,category,cause
	261101,non-quality,late_delivery
	261102,quality,dimension
	EOF
	test_cmp expect actual &&
	test_status 3 cm-complaint -f r.csv set 261102 "cause=外观不良,外觀不良" 2>err &&
	cm-complaint -f r.csv set 261102 cause=appearance &&
	cm-complaint -f r.csv stats --by category >actual &&
	cut -d, -f1,2 actual >keys &&
	cat >expect <<-\EOF &&
	category,count
	non-quality,1
	quality,1
	EOF
	test_cmp expect keys &&
	grep -c ",261102,category," r.log >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'a category given against the cause: exit 3, nothing written' '
	cd causes &&
	cp r.csv before.csv &&
	test_status 3 cm-complaint -f r.csv set 261102 cause=late_delivery category=quality 2>err &&
	echo "cm-complaint: 261102: category '\''quality'\'' does not go with cause '\''late_delivery'\'' (non-quality)" >expect &&
	test_cmp expect err &&
	test_cmp before.csv r.csv
'

test_expect_success 'check reports an unknown cause and a category against its cause' '
	cd causes &&
	sed -e "s/,quality,appearance,/,quality,manual,/" -e "s/,non-quality,late_delivery,/,quality,late_delivery,/" r.csv >bad.csv &&
	cp r.log bad.log &&
	test_status 1 cm-complaint -f bad.csv check >out &&
	grep "^bad.csv:2: id '\''261101'\'': category '\''quality'\'' does not go with cause '\''late_delivery'\'' (non-quality)$" out &&
	grep "^bad.csv:3: id '\''261102'\'': invalid cause '\''manual'\'' (one of document_error, .*, function_failure)$" out
'

test_expect_success 'classify: a rule giving a cause not on the list is exit 2 naming it' '
	cd causes &&
	cm-complaint -f r.csv new customer=C description=late >/dev/null &&
	printf "late_delivery\tnothing\nlate\tlate\n" >r.rules &&
	cp r.csv before.csv &&
	test_status 2 cm-complaint -f r.csv classify --rules r.rules 2>err &&
	grep "^cm-complaint: r.rules:2: unknown cause '\''late'\'' (one of document_error, .*)$" err &&
	test_cmp before.csv r.csv
'

test_expect_success 'a bad line in the cause list is exit 2 naming it' '
	cd causes &&
	mkdir -p share &&
	cp -R "$ROOT/share/cm" share/cm &&
	printf "late_delivery\tquality\n" >>share/cm/causes.category &&
	cp r.csv before.csv &&
	test_status 2 env CM_SHARE=$PWD/share/cm cm-complaint -f r.csv set 261102 cause=other 2>err &&
	n=$(wc -l <share/cm/causes.category) &&
	echo "cm-complaint: $PWD/share/cm/causes.category:$n: cause '\''late_delivery'\'' listed twice or empty" >expect &&
	test_cmp expect err &&
	printf "odd\tkind\n" >share/cm/causes.category &&
	test_status 2 env CM_SHARE=$PWD/share/cm cm-complaint -f r.csv set 261102 cause=other 2>err &&
	echo "cm-complaint: $PWD/share/cm/causes.category:1: invalid category '\''kind'\'' (quality or non-quality)" >expect &&
	test_cmp expect err &&
	test_cmp before.csv r.csv
'

# --- filters, stats keys, overdue per department (item 10) ------------------
test_expect_success 'setup: a register over three months' '
	mkdir f && cd f &&
	printf "received,customer,description,cause,dept\n2026-09-01,A,d1,dimension,QA\n2026-10-01,B,d2,dimension,QA\n2026-10-02,C,d3,appearance,PR\n2026-10-03,D,d4,dimension,PR\n2026-11-01,E,d5,dimension,QA\n" |
		cm-complaint -f r.csv new >/dev/null
'

test_expect_success 'list --status with a state that does not exist: exit 2 naming the states' '
	cd f &&
	test_status 2 cm-complaint -f r.csv list --status opne 2>err &&
	cat >expect <<-\EOF &&
	cm-complaint: invalid --status '\''opne'\'' (one of open/待处理, investigating/调查中, action/改善中, verifying/验证中, closed/已结案, rejected/不成立)
	Try '\''cm-complaint --help'\'' for more information.
	EOF
	test_cmp expect err &&
	test_status 2 cm-complaint -f r.csv list --status open, 2>err &&
	cm-complaint -f r.csv list --status closed,open >out &&
	test $(wc -l <out) -eq 6
'

test_expect_success 'stats --by month runs in month order, not by count' '
	cd f &&
	cm-complaint -f r.csv stats --by month >actual &&
	cut -d, -f1,2 actual >keys &&
	cat >expect <<-\EOF &&
	month,count
	2026-09,1
	2026-10,3
	2026-11,1
	EOF
	test_cmp expect keys
'

test_expect_success 'stats --by cause,dept: the cross table' '
	cd f &&
	cm-complaint -f r.csv stats --by cause,dept >actual &&
	cut -d, -f1-3 actual >keys &&
	cat >expect <<-\EOF &&
	cause,dept,count
	dimension,QA,3
	appearance,PR,1
	dimension,PR,1
	EOF
	test_cmp expect keys &&
	cm-complaint -f r.csv stats --by dept,month >actual &&
	cut -d, -f1-3 actual >keys &&
	cat >expect <<-\EOF &&
	dept,month,count
	PR,2026-10,2
	QA,2026-09,1
	QA,2026-10,1
	QA,2026-11,1
	EOF
	test_cmp expect keys &&
	test_status 2 cm-complaint -f r.csv stats --by cause,bogus 2>err &&
	grep "^cm-complaint: invalid --by '\''bogus'\''" err
'

test_expect_success 'overdue --dept: one department, with the description' '
	cd f &&
	test_status 1 cm-complaint -f r.csv overdue --dept PR --as-of 2026-11-23 >actual &&
	cat >expect <<-\EOF &&
	id,received,customer,market,status,dept,due,days_overdue,description
	261002,2026-10-02,C,domestic,open,PR,2026-10-15,39,d3
	261003,2026-10-03,D,domestic,open,PR,2026-10-16,38,d4
	EOF
	test_cmp expect actual &&
	test_status 0 cm-complaint -f r.csv overdue --dept none --as-of 2026-11-23 >actual &&
	test $(wc -l <actual) -eq 1
'

# --- options that do not apply to a verb (item 13) --------------------------
test_expect_success 'an option a verb does not take is exit 2, nothing done' '
	cd f &&
	cp r.csv before.csv && cp r.log before.log &&
	test_status 2 cm-complaint -f r.csv list --dry-run --reason=x --late 2>err &&
	cat >expect <<-\EOF &&
	cm-complaint: option '\''--dry-run'\'' does not apply to list
	Try '\''cm-complaint --help'\'' for more information.
	EOF
	test_cmp expect err &&
	test_status 2 cm-complaint -f r.csv check -o f.out 2>err &&
	! test -e f.out &&
	grep "^cm-complaint: option '\''--output'\'' does not apply to check$" err &&
	test_status 2 cm-complaint -f r.csv set 261001 dept=XX --dry-run 2>err &&
	grep "^cm-complaint: option '\''--dry-run'\'' does not apply to set$" err &&
	test_status 2 cm-complaint -f r.csv new customer=Z description=z --late 2>err &&
	test_status 2 cm-complaint -f r.csv stats --by month --customer A 2>err &&
	test_cmp before.csv r.csv && test_cmp before.log r.log &&
	cm-complaint -f r.csv stats --by month --precision 1 -o s.out &&
	test -s s.out
'

test_expect_success 'classify prints nothing when its decisions are not committed' '
	cd f &&
	cm-complaint -f r.csv new customer=F description=first >/dev/null &&
	cm-complaint -f r.csv new customer=G "description=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" >/dev/null &&
	printf "late_delivery\tfirst\nother\t(a+)+\$\n" >slow.rules &&
	cp r.csv before.csv &&
	test_status 3 cm-complaint -f r.csv classify --rules slow.rules >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp before.csv r.csv
'

# Issue 8, item 12: a field of a batch is wrong where the header names it,
# on the header's own line, whatever rows follow; the nearest name is
# suggested.
test_expect_success 'new: a bad field of a batch is named at the header line' '
	mkdir names && cd names &&
	printf "\n\ncustomer,descripton\nA,b\n" >batch.csv &&
	test_expect_code 3 cm-complaint -f r.csv new <batch.csv >out 2>err &&
	echo "cm-complaint: (standard input):3: unknown field '\''descripton'\''; did you mean '\''description'\''?" >expect &&
	test_cmp expect err && test_cmp /dev/null out &&
	printf "customer,description,status\n" >header-only.csv &&
	test_expect_code 3 cm-complaint -f r.csv new <header-only.csv 2>err &&
	echo "cm-complaint: (standard input):1: field '\''status'\'' is set by cm-complaint itself" >expect &&
	test_cmp expect err &&
	test_expect_code 2 cm-complaint -f r.csv new customer=A descriptin=x 2>err &&
	printf "%s\n" "cm-complaint: unknown field '\''descriptin'\''; did you mean '\''description'\''?" "Try '\''cm-complaint --help'\'' for more information." >expect &&
	test_cmp expect err &&
	! test -e r.csv
'

test_done
