#!/bin/sh

test_description='cm-survey-calc: bad input, bad options, system errors (DESIGN.md section 4)'

. "$(dirname "$0")/test-lib.sh"

TRY="Try 'cm-survey-calc --help' for more information."

test_expect_success 'setup' '
	cat >good.csv <<-\EOF
	id,overall,quality
	1,5,4
	2,3,2
	EOF
'

# data_error FILE "MESSAGE" ARGS...: exit 3, exactly MESSAGE on stderr,
# nothing on stdout.
data_error() {
	echo "$2" >expect.err &&
	file=$1 &&
	shift 2 &&
	test_status 3 cm-survey-calc "$@" $file >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
}

# usage_error "MESSAGE" ARGS...: exit 2, MESSAGE and the Try line.
usage_error() {
	printf "%s\n%s\n" "$1" "$TRY" >expect.err &&
	shift &&
	test_status 2 cm-survey-calc "$@" >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
}

test_expect_success 'malformed CSV: a stray quote' '
	printf "id,overall\n1,5\n2,4\"x\n" >stray.csv &&
	data_error stray.csv "cm-survey-calc: stray.csv:3: misplaced quote in field 2" &&
	printf "id,overall\n1,\"5\"x\n" >stray2.csv &&
	data_error stray2.csv "cm-survey-calc: stray2.csv:2: misplaced quote in field 2"
'

# The quoted field opens on line 3 and runs to the end of the file.
test_expect_success 'malformed CSV: a quoted field never closed' '
	printf "id,overall,comment\n1,5,\"ok\"\n2,4,\"never\nclosed\n3,5,x\n" >open.csv &&
	data_error open.csv "cm-survey-calc: open.csv:3: unterminated quoted field in field 3"
'

# Record 3 (id 2) starts on physical line 5: the comment of id 1 spans
# lines 2 to 4.  Blank lines count as lines too.
test_expect_success 'a ragged row is named by its physical line' '
	printf "id,overall,comment\n1,5,\"multi\nline\ncomment\"\n2,4\n" >short.csv &&
	data_error short.csv "cm-survey-calc: short.csv:5: 2 fields, the header has 3" &&
	printf "id,overall\r\n\r\n1,5\r\n\r\n2,4,9\r\n" >long.csv &&
	data_error long.csv "cm-survey-calc: long.csv:5: 3 fields, the header has 2" &&
	printf "id,overall\n1,5,6,7,8\n" >long2.csv &&
	data_error long2.csv "cm-survey-calc: long2.csv:2: 5 fields, the header has 2" &&
	printf "id,overall\n1\n" >one.csv &&
	data_error one.csv "cm-survey-calc: one.csv:2: 1 field, the header has 2"
'

test_expect_success 'a ragged row in the second input names that input' '
	echo "cm-survey-calc: short.csv:5: 2 fields, the header has 3" >expect.err &&
	test_status 3 cm-survey-calc good.csv short.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success 'standard input is named (standard input)' '
	echo "cm-survey-calc: (standard input):5: 2 fields, the header has 3" >expect.err &&
	test_status 3 cm-survey-calc <short.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_status 3 cm-survey-calc - <short.csv >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success 'a missing column' '
	data_error good.csv "cm-survey-calc: good.csv:1: no column '\''delivery'\'' (columns: '\''id'\'', '\''overall'\'', '\''quality'\'')" \
		-i quality,delivery &&
	data_error good.csv "cm-survey-calc: good.csv:1: no column '\''period'\'' (columns: '\''id'\'', '\''overall'\'', '\''quality'\'')" \
		-g period -i quality &&
	data_error good.csv "cm-survey-calc: good.csv:1: no column '\''rating'\'' (columns: '\''id'\'', '\''overall'\'', '\''quality'\'')" \
		--overall rating -i quality
'

test_expect_success 'no overall column and no items: nothing to count' '
	printf "id,quality\n1,4\n" >noitems.csv &&
	data_error noitems.csv "cm-survey-calc: noitems.csv:1: no column '\''overall'\'' and no items (-i): nothing to count"
'

test_expect_success 'inputs that disagree about the overall column' '
	printf "id,quality\n3,4\n" >second.csv &&
	echo "cm-survey-calc: second.csv:1: column '\''overall'\'' is missing, unlike in the first input" >expect.err &&
	test_status 3 cm-survey-calc -i quality good.csv second.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: good.csv:1: column '\''overall'\'' is present, unlike in the first input" >expect.err &&
	test_status 3 cm-survey-calc -i quality second.csv good.csv >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success 'empty input: no header row' '
	: >empty.csv &&
	data_error empty.csv "cm-survey-calc: empty.csv: empty input: no header row" &&
	printf "\n\r\n\n" >blank.csv &&
	data_error blank.csv "cm-survey-calc: blank.csv: empty input: no header row" &&
	echo "cm-survey-calc: (standard input): empty input: no header row" >expect.err &&
	test_status 3 cm-survey-calc </dev/null >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success 'a header alone: the report header alone' '
	echo "item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high" >expect &&
	echo "id,overall,quality" >header.csv &&
	cm-survey-calc -i quality header.csv >actual &&
	test_cmp expect actual
'

# 总体评价 and 客户总体评价 both map to overall (columns.map).
test_expect_success 'a duplicate header after mapping' '
	printf "id,总体评价,客户总体评价\n1,5,4\n" >dup.csv &&
	data_error dup.csv "cm-survey-calc: dup.csv:1:3: duplicate column '\''overall'\'' ('\''总体评价'\'' and '\''客户总体评价'\'')" &&
	printf "id,overall,quality,Quality\n1,5,4,4\n" >dup2.csv &&
	data_error dup2.csv "cm-survey-calc: dup2.csv:1:4: duplicate column '\''quality'\'' ('\''quality'\'' and '\''Quality'\'')" &&
	printf "id,overall,rating\n1,5,4\n" >dup3.csv &&
	data_error dup3.csv "cm-survey-calc: dup3.csv:1:3: duplicate column '\''overall'\'' ('\''overall'\'' and '\''rating'\'')" \
		--map rating=overall
'

# Row 2 (line 3) has 6 overall and good quality; the record of id 3 starts
# on line 5 because id 2's comment holds a newline.
test_expect_success 'invalid ratings: FILE:LINE:COL, left out, counted, exit 0' '
	cat >invalid.csv <<-\EOF &&
	id,overall,quality,comment
	1,5,"4",x
	2,6,good,"a
	b"
	3,满意,0,
	4,3,3.5,
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,2,2,100.00,4.00,1,0,1,0,0,0,2,34.24,100.00
	quality,1,1,100.00,4.00,0,1,0,0,0,0,3,20.65,100.00
	EOF
	cat >expect.err <<-\EOF &&
	cm-survey-calc: invalid.csv:3:2: invalid rating '\''6'\'' in column '\''overall'\''
	cm-survey-calc: invalid.csv:3:3: invalid rating '\''good'\'' in column '\''quality'\''
	cm-survey-calc: invalid.csv:5:2: invalid rating '\''满意'\'' in column '\''overall'\''
	cm-survey-calc: invalid.csv:5:3: invalid rating '\''0'\'' in column '\''quality'\''
	cm-survey-calc: invalid.csv:6:3: invalid rating '\''3.5'\'' in column '\''quality'\''
	EOF
	cm-survey-calc -i quality invalid.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	cm-survey-calc -q -i quality invalid.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'invalid ratings with --strict: exit 3 at the first, no output' '
	data_error invalid.csv "cm-survey-calc: invalid.csv:3:2: invalid rating '\''6'\'' in column '\''overall'\''" \
		--strict -i quality &&
	data_error invalid.csv "cm-survey-calc: invalid.csv:3:2: invalid rating '\''6'\'' in column '\''overall'\''" \
		-q --strict -i quality
'

# Only the first 20 are named; the count, once per run, covers them all.
test_expect_success 'many invalid ratings: 20 named, then a count' '
	awk "BEGIN { print \"overall\"; for (i = 1; i <= 25; i++) print \"bad\" i; print 5 }" >many.csv &&
	awk "BEGIN { for (i = 1; i <= 20; i++) printf \"cm-survey-calc: many.csv:%d:1: invalid rating '\''bad%d'\'' in column '\''overall'\''\n\", i + 1, i }" >expect.err &&
	echo "cm-survey-calc: 25 invalid ratings in all (the first 20 named; -v names every one)" >>expect.err &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,1,1,100.00,5.00,1,0,0,0,0,0,25,20.65,100.00
	EOF
	cm-survey-calc many.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	cm-survey-calc -v many.csv >actual 2>err &&
	test $(grep -c "invalid rating '\''bad" err) = 25 &&
	cm-survey-calc many.csv many.csv >actual 2>err &&
	head -20 expect.err >expect.err2 &&
	echo "cm-survey-calc: 50 invalid ratings in all (the first 20 named; -v names every one)" >>expect.err2 &&
	test_cmp expect.err2 err
'

test_expect_success '-o FILE survives every error byte for byte' '
	printf "old,contents\r\n\357\273\277x\n" >report.csv &&
	cp report.csv report.orig &&
	test_status 3 cm-survey-calc -o report.csv short.csv 2>err &&
	test_cmp report.orig report.csv &&
	test_status 3 cm-survey-calc --strict -i quality -o report.csv invalid.csv 2>err &&
	test_cmp report.orig report.csv &&
	test_status 3 cm-survey-calc -o report.csv good.csv stray.csv 2>err &&
	test_cmp report.orig report.csv &&
	test_status 4 cm-survey-calc -o report.csv good.csv nothere.csv 2>err &&
	test_cmp report.orig report.csv &&
	test_status 2 cm-survey-calc -o report.csv --precision 12 good.csv 2>err &&
	test_cmp report.orig report.csv &&
	test_status 3 cm-survey-calc -o report.csv -i nope good.csv 2>err &&
	test_cmp report.orig report.csv &&
	ls -a >files &&
	! grep "^report.csv." files
'

# --dissatisfied streams: after 300 KB of rows the temporary file beside
# report.csv holds them while the input (a FIFO held open) has not ended.
# kill -9 then must leave the old report.csv whole (DESIGN.md section 2).
# (The FIFO is opened read-write and written under timeout so that a
# program that died early cannot hang the test.)
test_expect_success 'kill -9 in the middle of writing -o FILE leaves the old file' '
	awk "BEGIN { print \"id,overall,comment\"; for (i = 1; i <= 6000; i++) printf \"%d,1,a comment long enough to fill the buffer %d\n\", i, i }" >stream.csv &&
	printf "old\r\nreport\n" >report.csv &&
	cp report.csv report.orig &&
	mkfifo fifo &&
	{ cm-survey-calc --dissatisfied -o report.csv fifo & } &&
	pid=$! &&
	exec 3<>fifo &&
	timeout 10 cat stream.csv >&3 &&
	n=0 &&
	while test $(cat report.csv.?* 2>/dev/null | wc -c) -le 65536
	do
		n=$((n + 1)) &&
		test $n -lt 100 &&
		sleep 0.1 || break
	done &&
	test $(cat report.csv.?* | wc -c) -gt 65536 &&
	kill -9 $pid &&
	test_status 137 wait $pid &&
	exec 3>&- &&
	test_cmp report.orig report.csv &&
	rm -f report.csv.?*
'

test_expect_success '-o FILE is not created on error' '
	test_status 3 cm-survey-calc -o new.csv short.csv 2>err &&
	! test -e new.csv &&
	ls -a >files &&
	! grep "^new.csv" files
'

test_expect_success 'bad option values: exit 2 and the Try line' '
	usage_error "cm-survey-calc: invalid value '\''x'\'' for --satisfied-min (a whole number from 0 to 100)" \
		-s x good.csv &&
	usage_error "cm-survey-calc: --satisfied-min 6 is outside the scale (1 to 5)" \
		-s 6 good.csv &&
	usage_error "cm-survey-calc: --satisfied-min 0 is outside the scale (1 to 5)" \
		--satisfied-min=0 good.csv &&
	usage_error "cm-survey-calc: invalid value '\''10'\'' for --precision (a whole number from 0 to 9)" \
		--precision 10 good.csv &&
	usage_error "cm-survey-calc: invalid value '\''-1'\'' for --precision (a whole number from 0 to 9)" \
		--precision=-1 good.csv &&
	usage_error "cm-survey-calc: invalid value '\''101'\'' for --target (a number from 0 to 100)" \
		--target 101 good.csv &&
	usage_error "cm-survey-calc: invalid value '\''abc'\'' for --target (a number from 0 to 100)" \
		--target abc good.csv &&
	usage_error "cm-survey-calc: invalid value '\''nan'\'' for --target (a number from 0 to 100)" \
		--target nan good.csv &&
	usage_error "cm-survey-calc: invalid value '\''-1'\'' for --customers (a whole number from 0 to 9223372036854775807)" \
		--customers -1 --issued 3 good.csv &&
	usage_error "cm-survey-calc: invalid format '\''html'\'' (csv, tsv or table)" \
		--format html good.csv &&
	usage_error "cm-survey-calc: invalid delimiter '\''ab'\'' (one character, not a quote or newline)" \
		-d ab good.csv &&
	usage_error "cm-survey-calc: invalid column mapping '\''bad'\'' (expected OLD=NEW)" \
		--map bad good.csv &&
	usage_error "cm-survey-calc: --items needs at least one column name" \
		-i , good.csv
'

test_expect_success 'unknown options and missing values: exit 2 and the Try line' '
	usage_error "cm-survey-calc: unknown option '\''--bogus'\''" \
		--bogus good.csv &&
	usage_error "cm-survey-calc: ambiguous option '\''--p'\'' (could be --precision, --partial, --population)" \
		--p 3 good.csv &&
	usage_error "cm-survey-calc: unknown option '\''-x'\''" \
		-x good.csv &&
	usage_error "cm-survey-calc: option '\''-i'\'' needs a value" \
		good.csv -i &&
	usage_error "cm-survey-calc: option '\''--items'\'' needs a value" \
		good.csv --items
'

# --alpha is neither unknown nor ambiguous: the message must say what is
# wrong, that it takes no value.
test_expect_success 'a value given to an option that takes none: exit 2' '
	test_status 2 cm-survey-calc --alpha=yes good.csv >actual 2>err &&
	test_cmp /dev/null actual &&
	tail -1 err >last &&
	echo "$TRY" >expect &&
	test_cmp expect last &&
	printf "%s\n" "cm-survey-calc: option '\''--alpha'\'' takes no value" "Try '\''cm-survey-calc --help'\'' for more information." >expect.err && test_cmp expect.err err &&
	! grep "unknown" err
'

test_expect_success '--help: usage on stdout, exit 0' '
	cm-survey-calc --help >out 2>err &&
	test_cmp /dev/null err &&
	head -1 out >first &&
	echo "Usage: cm-survey-calc [OPTION]... [FILE]..." >expect &&
	test_cmp expect first &&
	for opt in --items --overall --satisfied-min --scale --strict --by \
		--trend --population --customers --issued --min-issue-rate \
		--min-return-rate --target --weights --alpha --dissatisfied \
		--partial --merge --delimiter --tsv --encoding --map --output \
		--format --excel --precision --quiet --verbose --help --version
	do
		grep -e "$opt" out >/dev/null || { echo "no $opt in --help"; exit 1; }
	done &&
	cm-survey-calc -h >out2 &&
	test_cmp out out2 &&
	cm-survey-calc --help --bogus >out3 &&
	test_cmp out out3
'

test_expect_success '--help and --version to a full disk: exit 4' '
	test_status 4 cm-survey-calc --help >/dev/full 2>err &&
	test_status 4 cm-survey-calc --version >/dev/full 2>err
'

test_expect_success '--version' '
	echo "cm-survey-calc (cm) 0.1.0" >expect &&
	cm-survey-calc --version >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	cm-survey-calc -V nothere.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'a missing input file: exit 4' '
	echo "cm-survey-calc: cannot open '\''nothere.csv'\'': No such file or directory" >expect.err &&
	test_status 4 cm-survey-calc nothere.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	test_status 4 cm-survey-calc -i quality good.csv nothere.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success 'an input that is a directory: exit 4' '
	mkdir dir.csv &&
	test_status 4 cm-survey-calc dir.csv >actual 2>err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: read error on dir.csv: Is a directory" >expect.err && test_cmp expect.err err
'

test_expect_success 'writing to a full disk: exit 4' '
	echo "cm-survey-calc: write error on standard output: No space left on device" >expect.err &&
	test_status 4 cm-survey-calc -i quality good.csv >/dev/full 2>err &&
	test_cmp expect.err err &&
	echo "cm-survey-calc: write error on '\''/dev/full'\'': No space left on device" >expect.err &&
	test_status 4 cm-survey-calc -i quality -o /dev/full good.csv 2>err &&
	test_cmp expect.err err &&
	test_status 4 cm-survey-calc --dissatisfied -i quality good.csv \
		>/dev/full 2>err &&
	echo "cm-survey-calc: write error on standard output: No space left on device" >expect.err &&
	test_cmp expect.err err
'

test_expect_success '-o into a directory that does not exist: exit 4' '
	test_status 4 cm-survey-calc -o nodir/report.csv good.csv >actual 2>err &&
	test_cmp /dev/null actual &&
	sed "s/report.csv[^'\'']*/report.csv/" err >err.sed &&
	echo "cm-survey-calc: cannot create '\''nodir/report.csv'\'': No such file or directory" >expect.err &&
	test_cmp expect.err err.sed
'

test_expect_success 'an invalid scale file: exit 2 with file:line' '
	printf "# comment\n4\n3\tok\nfive\tbad\n" >bad.scale &&
	echo "cm-survey-calc: bad.scale:4: invalid scale value '\''five'\'' (a whole number from 0 to 100)" >expect.err &&
	test_status 2 cm-survey-calc --scale bad.scale good.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	printf "1\tgood\n2\tGood\n" >twice.scale &&
	echo "cm-survey-calc: twice.scale:2: scale word '\''Good'\'' is defined twice" >expect.err &&
	test_status 2 cm-survey-calc --scale twice.scale good.csv >actual 2>err &&
	test_cmp expect.err err &&
	printf "1\t7\n2\n" >num.scale &&
	echo "cm-survey-calc: num.scale:1: scale word '\''7'\'' is a number" >expect.err &&
	test_status 2 cm-survey-calc --scale num.scale good.csv >actual 2>err &&
	test_cmp expect.err err &&
	printf "1\n101\n" >big.scale &&
	echo "cm-survey-calc: big.scale:2: invalid scale value '\''101'\'' (a whole number from 0 to 100)" >expect.err &&
	test_status 2 cm-survey-calc --scale big.scale good.csv >actual 2>err &&
	test_cmp expect.err err &&
	printf "# nothing\n5\n" >single.scale &&
	echo "cm-survey-calc: single.scale: a scale needs at least two values" >expect.err &&
	test_status 2 cm-survey-calc --scale single.scale good.csv >actual 2>err &&
	test_cmp expect.err err &&
	printf "%s\n%s\n" "cm-survey-calc: cannot open scale file '\''none.scale'\'': No such file or directory" "Try '\''cm-survey-calc --help'\'' for more information." >expect.err &&
	test_status 2 cm-survey-calc --scale none.scale good.csv >actual 2>err &&
	test_cmp expect.err err
'

# share/cm/scales/four-point.scale: 很满意 4, 满意 3, 不满意 2, 很不满意 1;
# the threshold is 1 + 4/2 = 3 (满意).  overall 4 3 2 1 3: 3 of 5 = 60.00,
# mean 13/5 = 2.60; quality 3 2 1 4 and an invalid 比较满意, which is no
# word of this scale: 2 of 4, mean 10/4 = 2.50.
test_expect_success '--scale with the four-point file' '
	cat >four.csv <<-\EOF &&
	overall,quality
	很满意,满意
	满意,不满意
	不满意,很不满意
	很不满意,4
	3,比较满意
	EOF
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,5,3,60.00,2.60,1,2,1,1,0,0,23.07,88.24
	quality,4,2,50.00,2.50,1,1,1,1,0,1,15.00,85.00
	EOF
	echo "cm-survey-calc: four.csv:6:2: invalid rating '\''比较满意'\'' in column '\''quality'\''" >expect.err &&
	cm-survey-calc --scale "$ROOT/share/cm/scales/four-point.scale" \
		-i quality four.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp expect.err err &&
	usage_error "cm-survey-calc: --satisfied-min 5 is outside the scale (1 to 4)" \
		--scale "$ROOT/share/cm/scales/four-point.scale" -s 5 four.csv
'

test_expect_success '--scale finds a shipped scale by name' '
	cm-survey-calc --scale "$ROOT/share/cm/scales/four-point.scale" \
		-i quality four.csv >expect 2>/dev/null &&
	cm-survey-calc --scale four-point -i quality four.csv >actual 2>err &&
	test_cmp expect actual &&
	cm-survey-calc --scale four-point.scale -i quality four.csv >actual 2>err &&
	test_cmp expect actual
'

# ten-point.scale: digits 1 to 10, threshold 1 + 10/2 = 6.  Ratings 10 6 5
# 1: 2 of 4 = 50.00, mean 22/4 = 5.50; the words of the default scale are
# not part of it.
test_expect_success '--scale with the ten-point file' '
	printf "overall\n10\n6\n5\n1\n很满意\n" >ten.csv &&
	cat >expect <<-\EOF &&
	item,n,satisfied,rate,mean,n10,n9,n8,n7,n6,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	overall,4,2,50.00,5.50,1,0,0,0,1,1,0,0,0,1,0,1,15.00,85.00
	EOF
	cm-survey-calc -q --scale ten-point ten.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'option combinations that mean nothing: exit 2' '
	usage_error "cm-survey-calc: --trend needs -g with the period column" \
		--trend good.csv &&
	usage_error "cm-survey-calc: --customers and --issued go together" \
		--issued 3 good.csv
'

test_done
