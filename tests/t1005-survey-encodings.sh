#!/bin/sh

test_description='cm-survey-calc: Excel exports in GB18030, GBK, UTF-8 with BOM, UTF-16'

. "$(dirname "$0")/test-lib.sh"

# The same questionnaire in every encoding Excel on a Chinese Windows
# writes; each must give the UTF-8 result byte for byte.
#   2026Q1: overall 很满意 基本满意 -> 2 of 2, mean 4.00
#           quality 比较满意 不太满意 -> 1 of 2, mean 3.00
#           delivery 基本满意 (empty) -> 1 of 1, one unanswered
#   2026Q2: overall 不满意 -> 0 of 1; quality 很满意; delivery 4
test_expect_success 'setup: a UTF-8 questionnaire and its result' '
	cat >utf8.csv <<-\EOF &&
	问卷编号,期间,客户名称,总体评价,产品品质,交货期,意见
	S1,2026Q1,华南电子,很满意,比较满意,基本满意,"包装好, 交期准"
	S2,2026Q1,宁波海天,基本满意,不太满意,,
	S3,2026Q2,深圳宏达,不满意,很满意,4,"""易碎""标识"
	EOF
	cat >expect <<-\EOF &&
	period,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	2026Q1,overall,2,2,100.00,4.00,1,0,1,0,0,0,0,34.24,100.00
	2026Q1,quality,2,1,50.00,3.00,0,1,0,1,0,0,0,9.45,90.55
	2026Q1,delivery,1,1,100.00,3.00,0,0,1,0,0,1,0,20.65,100.00
	2026Q2,overall,1,0,0.00,1.00,0,0,0,0,1,0,0,0.00,79.35
	2026Q2,quality,1,1,100.00,5.00,1,0,0,0,0,0,0,20.65,100.00
	2026Q2,delivery,1,1,100.00,4.00,0,1,0,0,0,0,0,20.65,100.00
	EOF
	cm-survey-calc -g 期间 -i 产品品质,交货期 utf8.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'GB18030 with CRLF, as Excel saves "CSV": detected' '
	sed "s/\$/\r/" utf8.csv | iconv -f UTF-8 -t GB18030 >gb.csv &&
	! cmp -s utf8.csv gb.csv &&
	cm-survey-calc -g 期间 -i 产品品质,交货期 gb.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	cm-survey-calc -v -g period -i quality,delivery gb.csv \
		>actual 2>err &&
	test_cmp expect actual &&
	echo "cm-survey-calc: gb.csv: read as GB18030" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'GB18030 named with --encoding' '
	cm-survey-calc --encoding gb18030 -g period -i quality,delivery \
		gb.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --encoding=GB18030 -g period -i quality,delivery \
		<gb.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'GBK with --encoding gbk' '
	iconv -f UTF-8 -t GBK utf8.csv >gbk.csv &&
	cm-survey-calc --encoding gbk -g period -i quality,delivery \
		gbk.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc -g period -i quality,delivery gbk.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'GB18030 with its BOM (84 31 95 33)' '
	{ printf "\357\273\277" && cat utf8.csv; } |
	iconv -f UTF-8 -t GB18030 >gbbom.csv &&
	printf "\204\061\225\063" >bom.expect &&
	head -c 4 gbbom.csv >bom.actual &&
	test_cmp bom.expect bom.actual &&
	cm-survey-calc -g period -i quality,delivery gbbom.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'UTF-8 with a BOM and CRLF' '
	{ printf "\357\273\277" && sed "s/\$/\r/" utf8.csv; } >bom.csv &&
	cm-survey-calc -g period -i quality,delivery bom.csv >actual &&
	test_cmp expect actual &&
	cm-survey-calc --encoding utf-8 -g period -i quality,delivery \
		bom.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'a BOM before a header name does not hide the column' '
	{ printf "\357\273\277" && cut -d, -f4- utf8.csv; } >bomfirst.csv &&
	cm-survey-calc -i quality,delivery bomfirst.csv >actual &&
	cm-survey-calc -i quality,delivery utf8.csv >expect.all &&
	test_cmp expect.all actual
'

# Excel's "Unicode text": UTF-16LE with a BOM, tab-separated, CRLF.
test_expect_success 'UTF-16LE with a BOM, tab-separated (Excel Unicode text)' '
	cat >plain.tsv <<-\EOF &&
	问卷编号	期间	总体评价	产品品质	交货期	意见
	S1	2026Q1	很满意	比较满意	基本满意	包装好, 交期准
	S2	2026Q1	基本满意	不太满意
	S3	2026Q2	不满意	很满意	4	"""易碎""标识"
	EOF
	sed -i "3s/\$/\t\t/" plain.tsv &&
	{ printf "\377\376" && sed "s/\$/\r/" plain.tsv |
		iconv -f UTF-8 -t UTF-16LE; } >utf16.txt &&
	tr , "\t" <expect >expect.tsv &&
	cm-survey-calc -t -g period -i quality,delivery plain.tsv >actual &&
	test_cmp expect.tsv actual &&
	cm-survey-calc -t -g period -i quality,delivery utf16.txt >actual &&
	test_cmp expect.tsv actual &&
	cm-survey-calc -t --encoding utf-16 -g period -i quality,delivery \
		utf16.txt >actual &&
	test_cmp expect.tsv actual
'

test_expect_success 'UTF-16BE with a BOM' '
	{ printf "\376\377" && iconv -f UTF-8 -t UTF-16BE plain.tsv; } >be.txt &&
	cm-survey-calc -t -g period -i quality,delivery be.txt >actual &&
	test_cmp expect.tsv actual
'

test_expect_success '--dissatisfied writes GB18030 rows as UTF-8' '
	cat >expect.rows <<-\EOF &&
	response_id,period,customer,overall,quality,delivery,comment,dissatisfied_items
	S2,2026Q1,宁波海天,基本满意,不太满意,,,quality
	S3,2026Q2,深圳宏达,不满意,很满意,4,"""易碎""标识",overall
	EOF
	cm-survey-calc --dissatisfied -i quality,delivery gb.csv >actual &&
	test_cmp expect.rows actual
'

# 6000 lines of UTF-8 (213 830 bytes, well past the 64 KiB window that
# decides the encoding and past the first two reads), then a 0xFF.
test_expect_success 'an undecodable byte far into a UTF-8 file: exit 3 naming the line' '
	awk "BEGIN { print \"id,overall,comment\"; for (i = 1; i <= 6000; i++) printf \"%d,5,很满意的客户意见%d\n\", i, i; printf \"6001,4,bad\377byte\n\"; print \"6002,5,x\" }" >late.csv &&
	test $(wc -c <late.csv) = 213830 &&
	echo "cm-survey-calc: late.csv:6002: undecodable byte 0xFF in input detected as UTF-8; name the encoding with --encoding" >expect.err &&
	test_status 3 cm-survey-calc late.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: late.csv:6002: invalid UTF-8 byte 0xFF (input read as UTF-8; try --encoding gb18030)" >expect.err &&
	test_status 3 cm-survey-calc --encoding utf-8 late.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

# 2000 lines (69 830 bytes): the first 64 KiB are valid UTF-8, the bad
# byte is on line 2002, just past the window.
test_expect_success 'an undecodable byte just past 64 KiB: exit 3 naming the line' '
	awk "BEGIN { print \"id,overall,comment\"; for (i = 1; i <= 2000; i++) printf \"%d,5,很满意的客户意见%d\n\", i, i; printf \"2001,4,bad\377byte\n\"; print \"2002,5,x\" }" >near.csv &&
	test $(wc -c <near.csv) = 69830 &&
	echo "cm-survey-calc: near.csv:2002: undecodable byte 0xFF in input detected as UTF-8; name the encoding with --encoding" >expect.err &&
	test_status 3 cm-survey-calc near.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

# Newline-dense ASCII (50 000 lines of "1", 100 KB) counts lines on the
# fast path of the UTF-8 check: the bad byte is on line 50 002.
test_expect_success 'line numbers stay right over many short lines' '
	awk "BEGIN { print \"overall\"; for (i = 0; i < 50000; i++) print 1; printf \"\377\n\" }" >ones.csv &&
	echo "cm-survey-calc: ones.csv:50002: undecodable byte 0xFF in input detected as UTF-8; name the encoding with --encoding" >expect.err &&
	test_status 3 cm-survey-calc ones.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual
'

test_expect_success '-o FILE is left alone when decoding fails' '
	echo "yesterday" >report.csv &&
	cp report.csv report.orig &&
	test_status 3 cm-survey-calc -o report.csv late.csv 2>err &&
	test_cmp report.orig report.csv &&
	ls >files &&
	! grep "report.csv." files
'

test_expect_success 'GB18030 with an undecodable byte: exit 3 naming the line' '
	{ cat gb.csv && printf "S4,2026Q2,x,5,5,\377,\r\n"; } >gbbad.csv &&
	echo "cm-survey-calc: gbbad.csv:5: undecodable byte sequence 0xFF in input detected as GB18030, and not UTF-8 either (0xCE 0xCA at line 1); name the encoding with --encoding" >expect.err &&
	test_status 3 cm-survey-calc gbbad.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: gbbad.csv:5: invalid gb18030 byte sequence 0xFF" >expect.err &&
	test_status 3 cm-survey-calc --encoding gb18030 gbbad.csv >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success 'GB18030 cut inside a character at the end: exit 3' '
	{ cat gb.csv && printf "S9,2026Q2,x,5,5,,\201"; } >gbcut.csv &&
	echo "cm-survey-calc: gbcut.csv:5: truncated byte sequence 0x81 at end of input detected as GB18030, and not UTF-8 either (0xCE 0xCA at line 1); name the encoding with --encoding" >expect.err &&
	test_status 3 cm-survey-calc gbcut.csv >actual 2>err &&
	test_cmp expect.err err &&
	echo "cm-survey-calc: gbcut.csv:5: truncated gbk byte sequence 0x81 at end of input" >expect.err &&
	test_status 3 cm-survey-calc --encoding gbk gbcut.csv >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success 'GB18030 read as UTF-8 when told so: exit 3 at line 1' '
	test_status 3 cm-survey-calc --encoding utf-8 gb.csv >actual 2>err &&
	sed "s/sequence 0x[0-9A-F]* 0x[0-9A-F]*/sequence BYTES/" err >err.sed &&
	echo "cm-survey-calc: gb.csv:1: invalid UTF-8 sequence BYTES (input read as UTF-8; try --encoding gb18030)" >expect.err &&
	test_cmp expect.err err.sed &&
	test_cmp /dev/null actual
'

test_expect_success 'an unknown --encoding: exit 2' '
	printf "%s\n%s\n" "cm-survey-calc: unknown encoding '\''klingon'\''" "Try '\''cm-survey-calc --help'\'' for more information." >expect.err &&
	test_status 2 cm-survey-calc --encoding klingon utf8.csv >actual 2>err &&
	test_cmp expect.err err &&
	test_cmp /dev/null actual &&
	printf "%s\n%s\n" "cm-survey-calc: unknown encoding '\''gbk//IGNORE'\''" "Try '\''cm-survey-calc --help'\'' for more information." >expect.err &&
	test_status 2 cm-survey-calc --encoding gbk//IGNORE gb.csv >actual 2>err &&
	test_cmp expect.err err &&
	printf "%s\n%s\n" "cm-survey-calc: unknown encoding '\'''\''" "Try '\''cm-survey-calc --help'\'' for more information." >expect.err &&
	test_status 2 cm-survey-calc --encoding= gb.csv >actual 2>err &&
	test_cmp expect.err err
'

test_expect_success 'an unknown --encoding wins over a missing file' '
	printf "%s\n%s\n" "cm-survey-calc: unknown encoding '\''klingon'\''" "Try '\''cm-survey-calc --help'\'' for more information." >expect.err &&
	test_status 2 cm-survey-calc --encoding klingon nothere.csv >actual 2>err &&
	test_cmp expect.err err
'

test_done
