#!/bin/sh

test_description='the one CSV reader at the edges of what offices export: cut files, bad bytes, old Mac line ends, rows of commas, UTF-16 without a BOM'

. "$(dirname "$0")/test-lib.sh"

# Three forms of 2026Q1: overall 5 3 1, quality 4 2 5.
test_expect_success 'setup: a UTF-8 survey and its result' '
	cat >u8.csv <<-\EOF &&
	期间,客户名称,总体评价,产品品质
	2026Q1,华南电子,很满意,比较满意
	2026Q1,宁波海天,基本满意,不太满意
	2026Q1,深圳宏达,不满意,很满意
	EOF
	cat >expect <<-\EOF
	period,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high
	2026Q1,overall,3,2,66.67,3.00,1,0,1,0,1,0,0,20.77,93.85
	2026Q1,quality,3,2,66.67,3.67,1,1,0,1,0,0,0,20.77,93.85
	EOF
'

# 很满意 loses its last byte and the newline: E6 84 of E6 84 8F.
test_expect_success 'a UTF-8 export cut inside its last character: UTF-8, exit 3 at that line' '
	head -c -2 u8.csv >cut.csv &&
	test_status 3 cm-survey-calc -g 期间 -i 产品品质 cut.csv >actual 2>err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: cut.csv:4: truncated sequence 0xE6 0x84 at end of input detected as UTF-8; name the encoding with --encoding" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'a bad byte in the first 64 KiB of a UTF-8 file: a UTF-8 error at its line' '
	sed "3s/宁波/\\xff/" u8.csv >bad.csv &&
	test_status 3 cm-survey-calc -g 期间 -i 产品品质 bad.csv >actual 2>err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: bad.csv:3: undecodable byte 0xFF in input detected as UTF-8; name the encoding with --encoding" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'neither UTF-8 nor GB18030: the error says what each found' '
	iconv -f UTF-8 -t GB18030 u8.csv | sed "3s/,/\\xff/" >gbbad.csv &&
	test_status 3 cm-survey-calc -g 期间 -i 产品品质 gbbad.csv >actual 2>err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: gbbad.csv:3: undecodable byte sequence 0xFF in input detected as GB18030, and not UTF-8 either (0xC6 0xDA at line 1); name the encoding with --encoding" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'bare CR line ends (old Mac exports): the same result' '
	tr "\\n" "\\r" <u8.csv >mac.csv &&
	cm-survey-calc -g 期间 -i 产品品质 mac.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'bare CR line ends: notices and errors name their own line' '
	sed "3s/不太满意/一般/" u8.csv | tr "\\n" "\\r" >mac2.csv &&
	cm-survey-calc -g 期间 -i 产品品质 mac2.csv >actual 2>err &&
	echo "cm-survey-calc: mac2.csv:3:4: invalid rating '\''一般'\'' in column '\''quality'\''" >expect.err &&
	test_cmp expect.err err &&
	{ cat mac.csv && printf "2026Q1,x\\r"; } >mac3.csv &&
	test_status 3 cm-survey-calc -g 期间 -i 产品品质 mac3.csv >actual 2>err &&
	echo "cm-survey-calc: mac3.csv:5: 2 fields, the header has 4" >expect.err &&
	test_cmp expect.err err &&
	sed "3s/宁波/\xff/" u8.csv | tr "\n" "\r" >mac4.csv &&
	test_status 3 cm-survey-calc -g 期间 -i 产品品质 mac4.csv >actual 2>err &&
	echo "cm-survey-calc: mac4.csv:3: undecodable byte 0xFF in input detected as UTF-8; name the encoding with --encoding" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'rows of only commas below the table (Excel) are blank lines' '
	{ cat u8.csv && printf "%s\\r\\n" ",,," ",,," "\"\",,,"; } >commas.csv &&
	test "$(tail -n 1 commas.csv)" = "$(printf "\"\",,,\r")" &&
	cm-survey-calc -g 期间 -i 产品品质 commas.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'rows of only commas and --population: no empty group' '
	printf "期间,customers,issued\\n2026Q1,5,4\\n" >pop.csv &&
	cm-survey-calc -g 期间 -i 产品品质 --population pop.csv commas.csv \
		>actual 2>err &&
	cat >expect.pop <<-\EOF &&
	period,item,n,satisfied,rate,mean,n5,n4,n3,n2,n1,unanswered,invalid,ci_low,ci_high,issue_rate,return_rate
	2026Q1,overall,3,2,66.67,3.00,1,0,1,0,1,0,0,20.77,93.85,80.00,75.00
	2026Q1,quality,3,2,66.67,3.67,1,1,0,1,0,0,0,20.77,93.85,,
	EOF
	test_cmp expect.pop actual &&
	test_cmp /dev/null err
'

test_expect_success 'UTF-16LE and UTF-16BE without a BOM: detected and decoded' '
	iconv -f UTF-8 -t UTF-16LE u8.csv >le.csv &&
	iconv -f UTF-8 -t UTF-16BE u8.csv >be.csv &&
	cm-survey-calc -v -g 期间 -i 产品品质 le.csv >actual 2>err &&
	test_cmp expect actual &&
	echo "cm-survey-calc: le.csv: read as UTF-16LE" >expect.err &&
	test_cmp expect.err err &&
	cm-survey-calc -g 期间 -i 产品品质 <be.csv >actual 2>err &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'UTF-16LE without a BOM named as UTF-8: exit 3 naming --encoding utf-16le' '
	test_status 3 cm-survey-calc --encoding utf-8 -g 期间 -i 产品品质 le.csv \
		>actual 2>err &&
	test_cmp /dev/null actual &&
	echo "cm-survey-calc: le.csv:1: input looks like UTF-16LE without a BOM (a NUL byte in every other place), not UTF-8; name it with --encoding utf-16le" >expect.err &&
	test_cmp expect.err err
'

test_done
