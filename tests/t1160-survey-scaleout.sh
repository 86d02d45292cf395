#!/bin/sh

test_description='the split runs of cm-survey-calc(1) as printed: GNU parallel, Hadoop Streaming

The GNU parallel command and the Hadoop Streaming map.sh and reduce.sh are
taken from the EXAMPLES of man/man1/cm-survey-calc.1 (where the README
sends the reader), mdoc escapes undone, and run on a generated survey of
3,000 forms: the parallel command as printed (one block: the file is
smaller than --block 10M) and with --block 16k (several blocks), the
mapper and reducer the way Streaming pipes them, cat input | mapper |
sort | reducer, over the whole file and over three splits.  Each must
print what one run of cm-survey-calc prints, byte for byte.'

. "$(dirname "$0")/test-lib.sh"

PAGE=$ROOT/man/man1/cm-survey-calc.1
I=quality,delivery,service

# page_command FIRST: the command of the page starting "$ FIRST", with the
# lines that continue it (after a line ending in "\e" or "|"), "$ " and
# mdoc escapes undone.
page_command() {
	awk -v first="$ $1" '
	index($0, first) == 1 { on = 1; sub(/^\$ /, "") }
	on {
		gsub(/\\e/, "\\"); gsub(/\\&/, ""); gsub(/\\-/, "-")
		print
		if ($0 !~ /[\\|]$/) exit
	}' "$PAGE"
}

# page_file NAME: the lines the page shows after "$ cat NAME", up to the
# next "$ " line or the end of the block.
page_file() {
	awk -v first="$ cat $1" '
	$0 == first { on = 1; next }
	on && (/^\$ / || /^\.Ed/) { exit }
	on { gsub(/\\e/, "\\"); gsub(/\\&/, ""); gsub(/\\-/, "-"); print }' "$PAGE"
}

# mk/deps.sh installs parallel; without it, its tests are skipped.
if command -v parallel >/dev/null 2>&1; then test_set_prereq PARALLEL; fi

# 3,000 forms from a fixed linear congruential generator (the same under
# any awk), four periods; every fifth comment a quoted field with commas,
# doubled quotes and Chinese text, never a line break (the page says the
# split is only for such files).  2026Q3.csv is the same in GB18030, as
# the page's example reads it.
test_expect_success 'setup: 3,000 generated forms, in UTF-8 and GB18030' '
	awk "
	function next_int(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
	function rating(   r) { r = next_int(40); return r == 0 ? \"\" : 1 + next_int(5) }
	BEGIN {
		seed = 7
		p[0] = \"2026Q1\"; p[1] = \"2026Q2\"; p[2] = \"2026Q3\"; p[3] = \"2026Q4\"
		c[0] = \"厦门立信包装\"; c[1] = \"中山卓越照明\"; c[2] = \"华南电子\"
		print \"id,period,customer,overall,quality,delivery,service,comment\"
		for (i = 1; i <= 3000; i++) {
			printf \"S%04d,%s,%s,%s,%s,%s,%s,\", i, p[next_int(4)], c[next_int(3)], rating(), rating(), rating(), rating()
			if (i % 5 == 0) printf \"\\\"交货慢, 包装\\\"\\\"破\\\"\\\" %d\\\"\", i
			printf \"\\n\"
		}
	}" >survey.csv &&
	test $(wc -l <survey.csv) = 3001 &&
	iconv -f UTF-8 -t GB18030 survey.csv >2026Q3.csv &&
	test $(wc -c <2026Q3.csv) -gt 49152
'

test_expect_success 'the page shows the commands the test runs' '
	page_command "parallel " >parallel.sh &&
	grep "^parallel --pipe .*--header 1 --block 10M" parallel.sh &&
	grep "cm-survey-calc --merge" parallel.sh &&
	test $(grep -c "" parallel.sh) = 5 &&
	page_command "head -n 1 survey.csv" >header.sh &&
	test "$(cat header.sh)" = "head -n 1 survey.csv >header.csv" &&
	page_file map.sh >map.sh &&
	page_file reduce.sh >reduce.sh &&
	head -n 1 map.sh >first &&
	echo "#!/bin/sh" >expect &&
	test_cmp expect first &&
	head -n 1 reduce.sh >first &&
	test_cmp expect first &&
	grep -e "--partial --format tsv" map.sh &&
	grep -e "--merge -t" reduce.sh &&
	sh -n map.sh && sh -n reduce.sh
'

# The reducer reads TSV (-t), so it writes TSV, as Streaming's output is.
test_expect_success 'the single runs: the parallel one, and in TSV the Streaming one' '
	test_status 1 cm-survey-calc --encoding gb18030 -g period -i $I \
		--target 90 2026Q3.csv >single.gb 2>single.err &&
	test $(grep -c "" single.gb) = 17 &&
	test $(grep -c "below target 90.00%" single.err) = 4 &&
	cm-survey-calc --format tsv -g period -i $I survey.csv >single.tsv &&
	test $(grep -c "" single.tsv) = 17
'

test_expect_success_if PARALLEL 'parallel, as printed: what one run prints' '
	test_status 1 sh parallel.sh >split.out 2>split.err &&
	test_cmp single.gb split.out &&
	test_cmp single.err split.err
'

test_expect_success_if PARALLEL 'parallel in 16k blocks: several partials, the same result' '
	sed "s/--block 10M/--block 16k/" parallel.sh >small-blocks.sh &&
	! cmp -s parallel.sh small-blocks.sh &&
	test_status 1 sh small-blocks.sh >split.out 2>split.err &&
	test_cmp single.gb split.out &&
	test_cmp single.err split.err &&
	parallel --pipe --header 1 --block 16k \
		cm-survey-calc --encoding gb18030 --partial -g period -i $I \
		<2026Q3.csv >partials &&
	test $(grep -c "^period,item,stat,value\$" partials) -ge 3
'

# Streaming gives each mapper lines of a split, no header; sorts the
# mappers' lines together by key; pipes them to the reducer.
test_expect_success 'Hadoop Streaming: cat input | mapper | sort | reducer' '
	sh header.sh &&
	tail -n +2 survey.csv >stored.csv &&
	cat stored.csv | sh map.sh | LC_ALL=C sort | sh reduce.sh >hadoop.out &&
	test_cmp single.tsv hadoop.out
'

test_expect_success 'Hadoop Streaming: three mappers on three splits, one reducer' '
	split -l 1000 stored.csv split. &&
	test -f split.ab && test -f split.ac && ! test -f split.ad &&
	for s in split.aa split.ab split.ac
	do
		cat $s | sh map.sh >$s.map || exit 1
	done &&
	cat split.a?.map | LC_ALL=C sort | sh reduce.sh >hadoop.out &&
	test_cmp single.tsv hadoop.out
'

test_done
