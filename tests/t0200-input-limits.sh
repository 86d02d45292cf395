#!/bin/sh

test_description='hostile input: NUL bytes, endless records, wide headers, settings files that are not files (DESIGN.md section 10, cm(7) LIMITS)'

. "$(dirname "$0")/test-lib.sh"

# The limits of src/lib/bounds.h, as cm(7) gives them.
RECORD_MAX=67108864	# 64 MiB
FIELDS_MAX=1048576
LINE_MAX=1048576	# 1 MiB

TRY="Try 'cm-survey-calc --help' for more information."

# fails STATUS "MESSAGE" CMD...: exit STATUS, exactly MESSAGE on stderr,
# nothing on stdout.
fails() {
	echo "$2" >expect.err &&
	want=$1 &&
	shift 2 &&
	test_status $want "$@" >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
}

# Endless input, cut off past the limits so that a failing reader ends:
# one line of x with no newline, and lines of x inside an open quote.
endless_line() { yes x | tr -d '\n' | head -c $((RECORD_MAX + 1000)); }
endless_quote() {
	printf 'overall\n5,"' &&
	yes xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx |
	    head -c $((RECORD_MAX + 1000))
}

test_expect_success 'setup' '
	printf "overall\n5\n4\n" >s.csv &&
	mkdir share && cp -R "$ROOT/share/cm" share/
'

# --- NUL bytes (item 5) -------------------------------------------------
# A field is handed out as a C string: "AC\0ME" would be stored as "AC".

test_expect_success 'NUL in a row of cm-complaint new: exit 3, nothing stored' '
	printf "customer,description\nAC\0ME,late\n" >nul-row.csv &&
	fails 3 "cm-complaint: (standard input):2:1: NUL byte in field 1" \
	    cm-complaint new <nul-row.csv &&
	! test -f complaints.csv
'

test_expect_success 'NUL in a field or the header of a survey' '
	printf "overall,note\n5,ok\n4,a\0b\n" >nul-field.csv &&
	fails 3 "cm-survey-calc: nul-field.csv:3:2: NUL byte in field 2" \
	    cm-survey-calc nul-field.csv &&
	printf "overall,no\0te\n5,ok\n" >nul-header.csv &&
	fails 3 "cm-survey-calc: nul-header.csv:1:2: NUL byte in field 2 of the header" \
	    cm-survey-calc nul-header.csv
'

# list and check load the register whole (cm_table_load refused a NUL
# already); overdue and stats stream it, and printed 'B' for 'B\0ETA'.
test_expect_success 'NUL in a register: exit 3 naming its line, every verb' '
	cm-complaint -f reg.csv new customer=ACME description=late >/dev/null &&
	printf "261102,2026-11-23,B\0ETA,domestic,,,,,,,x,,,,,,,open,2026-12-06,,,,,,\n" >>reg.csv &&
	fails 3 "cm-complaint: reg.csv:3:3: NUL byte in field 3" \
	    cm-complaint -f reg.csv list &&
	fails 3 "cm-complaint: reg.csv:3:3: NUL byte in field 3" \
	    cm-complaint -f reg.csv check &&
	fails 3 "cm-complaint: reg.csv:3:3: NUL byte in field 3" \
	    cm-complaint -f reg.csv overdue --as-of 2027-01-01 &&
	fails 3 "cm-complaint: reg.csv:3:3: NUL byte in field 3" \
	    cm-complaint -f reg.csv stats --by customer
'

test_expect_success 'NUL in a population or a calendar' '
	printf "customers,issued\n10,8\0\n" >nul-pop.csv &&
	fails 3 "cm-survey-calc: nul-pop.csv:2:2: NUL byte in field 2" \
	    cm-survey-calc --population nul-pop.csv s.csv &&
	printf "date,kind\n2026-10-01,holi\0day\n" >nul-cal.csv &&
	fails 3 "cm-complaint: nul-cal.csv:2:2: NUL byte in field 2" \
	    cm-complaint -f calreg.csv --calendar nul-cal.csv new customer=A description=x &&
	! test -f calreg.csv
'

# /dev/zero is all NUL bytes: every CSV input stops at its first line.
test_expect_success '/dev/zero as data, population or calendar: exit 3 at once' '
	fails 3 "cm-survey-calc: /dev/zero:1:1: NUL byte in field 1 of the header" \
	    cm-survey-calc /dev/zero &&
	fails 3 "cm-survey-calc: (standard input):1:1: NUL byte in field 1 of the header" \
	    cm-survey-calc </dev/zero &&
	fails 3 "cm-survey-calc: /dev/zero:1:1: NUL byte in field 1 of the header" \
	    cm-survey-calc --population /dev/zero s.csv &&
	fails 3 "cm-complaint: /dev/zero:1:1: NUL byte in field 1 of the header" \
	    cm-complaint -f calreg.csv --calendar /dev/zero new customer=A description=x
'

# --- records and fields past their limits (item 15) --------------------

test_expect_success 'a line of 64 MiB and more: exit 3 at the limit' '
	endless_line >/dev/null &&
	endless_line | fails 3 "cm-survey-calc: (standard input):1: record longer than $RECORD_MAX bytes" \
	    cm-survey-calc
'

test_expect_success 'a quote that never closes: exit 3 naming where it opens' '
	endless_quote | fails 3 "cm-survey-calc: (standard input):2: record longer than $RECORD_MAX bytes" \
	    cm-survey-calc
'

test_expect_success 'an endless population or calendar stops too' '
	endless_line | fails 3 "cm-survey-calc: /dev/stdin:1: record longer than $RECORD_MAX bytes" \
	    cm-survey-calc --population /dev/stdin s.csv &&
	endless_line | fails 3 "cm-complaint: /dev/stdin:1: record longer than $RECORD_MAX bytes" \
	    cm-complaint -f calreg.csv --calendar /dev/stdin new customer=A description=x &&
	! test -f calreg.csv
'

# 1,048,576 commas are 1,048,577 empty fields.
test_expect_success 'a record of more than 1,048,576 fields: exit 3' '
	{ yes , | head -n $FIELDS_MAX | tr -d "\n"; echo; } >wide.csv &&
	fails 3 "cm-survey-calc: wide.csv:1: record of more than $FIELDS_MAX fields" \
	    cm-survey-calc wide.csv &&
	{ echo overall; cat wide.csv; } >wide-row.csv &&
	fails 3 "cm-survey-calc: wide-row.csv:2: record of more than $FIELDS_MAX fields" \
	    cm-survey-calc wide-row.csv
'

# --- wide headers (item 14) ----------------------------------------------
# Each name was compared with every name before it: 80,000 columns took
# 9 s, a million never finished.
test_expect_success 'a header of 300,000 columns is checked for twins at once' '
	{ seq -f c%.0f 1 300000 | paste -sd, - | sed "s/\$/,overall,C17/"; } >twins.csv &&
	fails 3 "cm-survey-calc: twins.csv:1:300002: duplicate column '\''c17'\'' ('\''c17'\'' and '\''C17'\'')" \
	    cm-survey-calc twins.csv &&
	{ seq -f c%.0f 1 300000 | paste -sd, - | sed "s/\$/,overall/"; yes , | head -n 300000 | tr -d "\n"; echo 5; } >many.csv &&
	cm-survey-calc many.csv >actual &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,1,1,100.00,5.00,1,0,0,0,0,0,0,20.65,100.00
	EOF
	test_cmp expect actual
'

# --- settings files (items 13 and 15) -------------------------------------

test_expect_success 'complaint.conf that is a directory: exit 4, not the defaults' '
	cp -R share share-dir &&
	rm share-dir/cm/complaint.conf && mkdir share-dir/cm/complaint.conf &&
	CM_SHARE=$PWD/share-dir/cm &&
	fails 4 "cm-complaint: cannot read settings file '\''$CM_SHARE/complaint.conf'\'': Is a directory" \
	    env CM_SHARE=$CM_SHARE cm-complaint -f conf.csv new customer=A description=x &&
	! test -f conf.csv
'

test_expect_success 'a missing complaint.conf: the defaults, as before' '
	cp -R share share-none && rm share-none/cm/complaint.conf &&
	CM_SHARE=$PWD/share-none/cm cm-complaint -f none.csv new customer=A description=x >actual &&
	echo 261101 >expect &&
	test_cmp expect actual
'

test_expect_success 'complaint.conf with a NUL byte or a line past 1 MiB: exit 2' '
	cp -R share share-bad &&
	printf "domestic_days=13\0\n" >share-bad/cm/complaint.conf &&
	fails 2 "cm-complaint: $PWD/share-bad/cm/complaint.conf:1: NUL byte in settings file" \
	    env CM_SHARE=$PWD/share-bad/cm cm-complaint -f bad.csv new customer=A description=x &&
	{ printf "# "; head -c $LINE_MAX /dev/zero | tr "\0" x; echo; } >share-bad/cm/complaint.conf &&
	fails 2 "cm-complaint: $PWD/share-bad/cm/complaint.conf:1: line longer than $LINE_MAX bytes" \
	    env CM_SHARE=$PWD/share-bad/cm cm-complaint -f bad.csv new customer=A description=x &&
	! test -f bad.csv
'

test_expect_success 'causes.category that is a directory: exit 4, nothing changed' '
	cm-complaint -f cat.csv new customer=A "description=delivered late" >/dev/null &&
	cp cat.csv before.csv &&
	cp -R share share-cat &&
	rm share-cat/cm/causes.category && mkdir share-cat/cm/causes.category &&
	printf "late_delivery\t(?i)late\n" >late.rules &&
	test_status 4 env CM_SHARE=$PWD/share-cat/cm cm-complaint -f cat.csv classify --rules late.rules >actual 2>err &&
	echo "cm-complaint: cannot read settings file '\''$PWD/share-cat/cm/causes.category'\'': Is a directory" >expect.err &&
	test_cmp expect.err err &&
	cmp before.csv cat.csv
'

test_expect_success 'columns.map that is a directory or has a NUL byte' '
	cp -R share share-map &&
	rm share-map/cm/columns.map && mkdir share-map/cm/columns.map &&
	fails 4 "cm-survey-calc: cannot read column map '\''$PWD/share-map/cm/columns.map'\'': Is a directory" \
	    env CM_SHARE=$PWD/share-map/cm cm-survey-calc s.csv &&
	rmdir share-map/cm/columns.map &&
	printf "a=b\n\0=c\n" >share-map/cm/columns.map &&
	fails 2 "cm-survey-calc: $PWD/share-map/cm/columns.map:2: NUL byte in column map" \
	    env CM_SHARE=$PWD/share-map/cm cm-survey-calc s.csv
'

# A FIFO would block reading (here: no writer), /dev/zero never end.
test_expect_success 'rules and scales that are not regular files: exit 4 at once' '
	mkfifo fifo &&
	fails 4 "cm-survey-calc: cannot read scale file '\''./fifo'\'': a FIFO, not a regular file" \
	    cm-survey-calc --scale ./fifo s.csv &&
	fails 4 "cm-survey-calc: cannot read scale file '\''/dev/zero'\'': a device, not a regular file" \
	    cm-survey-calc --scale /dev/zero s.csv &&
	mkdir dir.scale &&
	fails 4 "cm-survey-calc: cannot read scale file '\''./dir.scale'\'': Is a directory" \
	    cm-survey-calc --scale ./dir.scale s.csv &&
	fails 4 "cm-complaint: cannot read rule file '\''fifo'\'': a FIFO, not a regular file" \
	    cm-complaint -f cat.csv classify --rules fifo &&
	fails 4 "cm-complaint: cannot read rule file '\''/dev/zero'\'': a device, not a regular file" \
	    cm-complaint -f cat.csv classify --rules /dev/zero &&
	cmp before.csv cat.csv
'

test_expect_success 'a rule or scale line past 1 MiB: exit 2 naming it' '
	{ printf "1\n2\n# "; head -c $LINE_MAX /dev/zero | tr "\0" x; echo; } >long.scale &&
	fails 2 "cm-survey-calc: ./long.scale:3: line longer than $LINE_MAX bytes" \
	    cm-survey-calc --scale ./long.scale s.csv &&
	{ printf "late_delivery\t"; head -c $LINE_MAX /dev/zero | tr "\0" x; } >long.rules &&
	fails 2 "cm-complaint: long.rules:1: line longer than $LINE_MAX bytes" \
	    cm-complaint -f cat.csv classify --rules long.rules &&
	{ printf "late_delivery\t(?i)late\n# "; head -c $((LINE_MAX - 2)) /dev/zero | tr "\0" x; echo; } >max.rules &&
	cm-complaint -f cat.csv classify --dry-run --rules max.rules >actual &&
	printf "261101\tlate_delivery\tmax.rules:1\n" >expect &&
	test_cmp expect actual
'

test_done
