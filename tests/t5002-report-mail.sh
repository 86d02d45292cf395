#!/bin/sh

test_description='cm-report mail: the MIME message, its refusals, and end to end through msmtp into an SMTP sink'

. "$(dirname "$0")/test-lib.sh"

# Python's email package reads what we write (and what arrives): Debian's
# /usr/bin/python3, where python3-aiosmtpd installs, not a pyenv python.
# Under CI a missing package fails; elsewhere the tests that need it skip,
# naming the package.
PY=/usr/bin/python3
missing_py= missing_mta=
"$PY" -c "import email.policy" 2>/dev/null || missing_py=python3
command -v msmtp >/dev/null 2>&1 || missing_mta=msmtp
"$PY" -c "import aiosmtpd" 2>/dev/null ||
	missing_mta="${missing_mta:+$missing_mta }python3-aiosmtpd"
test -z "$missing_py" && test_set_prereq PY
test -z "$missing_py$missing_mta" && test_set_prereq MTA
if test "$CI" = true && test -n "$missing_py$missing_mta"; then
	test_expect_success "packages for the mail tests (CI)" "
		echo 'missing: $missing_py $missing_mta' && false
	"
fi
# test_expect_success_if with the packages named in the skip.
expect_with() {
	if test_have_prereq "$1"; then
		test_expect_success "$2" "$3"
	elif test "$1" = PY; then
		test_skip "$2 (install $missing_py)"
	else
		test_skip "$2 (install $missing_py $missing_mta)"
	fi
}

# The SMTP sink, stopped however the script ends.
stop_sink() {
	if test -s "$TRASH/sink.pid"; then
		kill "$(cat "$TRASH/sink.pid")" 2>/dev/null
		rm -f "$TRASH/sink.pid"
	fi
}
trap 'stop_sink' EXIT
trap 'stop_sink; exit 1' HUP INT TERM

export SOURCE_DATE_EPOCH=1790000000
unset CM_MAIL_FROM

test_expect_success 'setup: a report page, a PNG it shows, a CSV, an SVG, a PDF' '
	"$PY" -c "
import struct, zlib
def chunk(t, d):
    return struct.pack(\">I\", len(d)) + t + d + struct.pack(\">I\", zlib.crc32(t + d))
rows = b\"\".join(b\"\\0\" + bytes((x * 7 + y * 3) % 256 for x in range(16)) for y in range(16))
open(\"trend.png\", \"wb\").write(b\"\\x89PNG\\r\\n\\x1a\\n\" + chunk(b\"IHDR\", struct.pack(\">IIBBBBB\", 16, 16, 8, 0, 0, 0, 0)) + chunk(b\"IDAT\", zlib.compress(rows)) + chunk(b\"IEND\", b\"\"))
" &&
	cp trend.png pareto.png &&
	cp trend.png unused.png &&
	cat >report.html <<-\EOF &&
	<html><body><h1>客户满意度月报</h1>
	<img src="trend.png" alt="趋势"> <img alt="p" src='\''pareto.png'\''>
	<img src="https://example.com/logo.png"> <img src="cid:trend.png">
	</body></html>
	EOF
	printf "cause,count\n交货延迟,3\n" >投诉统计.csv &&
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n" >chart.svg &&
	printf "%%PDF-1.4\n%%EOF\n" >annual.pdf &&
	printf "\000\001\002" >data.bin &&
	cat >show.py <<-\EOF
	# show.py MESSAGE: what a mail reader sees, one line a part, and
	# whether the message is well made (CRLF only, base64 lines of 76).
	import email, email.policy, re, sys
	raw = open(sys.argv[1], "rb").read()
	if re.search(rb"(?<!\r)\n|\r(?!\n)", raw):
	    print("BARE CR OR LF")
	m = email.message_from_bytes(raw, policy=email.policy.default)
	for h in ("Date", "From", "To", "Cc", "Subject", "MIME-Version"):
	    if m[h] is not None:
	        print("%s: %s" % (h, m[h]))
	if not re.fullmatch(r"<1790000000\.[0-9a-f]{16}@example\.com>", m["Message-ID"]):
	    print("BAD MESSAGE-ID", m["Message-ID"])
	def walk(p, depth):
	    line = "  " * depth + p.get_content_type()
	    if p.get_param("charset"):
	        line += " charset=" + p.get_param("charset")
	    if p["Content-ID"]:
	        line += " id=" + p["Content-ID"]
	    if p.get_content_disposition():
	        line += " " + p.get_content_disposition()
	    if p.get_filename():
	        line += " " + p.get_filename()
	    if p.is_multipart():
	        if "=_" not in p.get_boundary():
	            print("BOUNDARY WITHOUT =_")
	        print(line)
	        for q in p.iter_parts():
	            walk(q, depth + 1)
	        return
	    if p["Content-Transfer-Encoding"] != "base64":
	        print("NOT BASE64")
	    body = p.get_payload(decode=False).split("\n")
	    lens = [len(l.rstrip("\r")) for l in body if l.strip()]
	    if any(n != 76 for n in lens[:-1]) or (lens and lens[-1] > 76):
	        print("BASE64 LINES", lens)
	    data = p.get_payload(decode=True)
	    print(line + " %d bytes" % len(data))
	    if p.get_content_maintype() == "text":
	        for l in data.decode("utf-8").splitlines():
	            print("  " * depth + "| " + l)
	walk(m, 0)
	EOF
'

expect_with PY 'the report: related HTML with its PNGs inline, the rest attached' '
	cm-report mail --from "客户服务部 <cs@example.com>" \
		--to "张三 <zhang@example.com>,li@example.com" --to wang@example.com \
		--cc "\"Zhao, Wu\" <zhao@example.com>" \
		--subject "客户满意度月报 2026-10" --body report.html \
		--attach trend.png --attach pareto.png --attach unused.png \
		--attach 投诉统计.csv --attach chart.svg --attach annual.pdf \
		--attach data.bin >m.eml 2>err &&
	test_cmp /dev/null err &&
	"$PY" show.py m.eml >actual &&
	cat >expect <<-\EOF &&
	Date: Mon, 21 Sep 2026 14:13:20 +0000
	From: 客户服务部 <cs@example.com>
	To: 张三 <zhang@example.com>, li@example.com, wang@example.com
	Cc: "Zhao, Wu" <zhao@example.com>
	Subject: 客户满意度月报 2026-10
	MIME-Version: 1.0
	multipart/mixed
	  multipart/related
	    text/html charset=utf-8 229 bytes
	    | <html><body><h1>客户满意度月报</h1>
	    | <img src="cid:trend.png@cm-report" alt="趋势"> <img alt="p" src='\''cid:pareto.png@cm-report'\''>
	    | <img src="https://example.com/logo.png"> <img src="cid:trend.png@cm-report">
	    | </body></html>
	    image/png id=<trend.png@cm-report> inline trend.png 240 bytes
	    image/png id=<pareto.png@cm-report> inline pareto.png 240 bytes
	  image/png attachment unused.png 240 bytes
	  text/csv charset=utf-8 attachment 投诉统计.csv 27 bytes
	  | cause,count
	  | 交货延迟,3
	  image/svg+xml attachment chart.svg 42 bytes
	  application/pdf attachment annual.pdf 14 bytes
	  application/octet-stream attachment data.bin 3 bytes
	EOF
	test_cmp expect actual
'

test_expect_success 'the same input, the same message (SOURCE_DATE_EPOCH)' '
	cm-report mail --from "客户服务部 <cs@example.com>" \
		--to "张三 <zhang@example.com>,li@example.com" --to wang@example.com \
		--cc "\"Zhao, Wu\" <zhao@example.com>" \
		--subject "客户满意度月报 2026-10" --body report.html \
		--attach trend.png --attach pareto.png --attach unused.png \
		--attach 投诉统计.csv --attach chart.svg --attach annual.pdf \
		--attach data.bin -o again.eml &&
	cmp m.eml again.eml &&
	grep "^Message-ID: <1790000000\.[0-9a-f]*@example.com>" m.eml &&
	grep "^Subject: =?UTF-8?B?5a6i5oi35ruh5oSP5bqm5pyI5oqlIDIwMjYtMTA=?=" m.eml
'

expect_with PY 'a long Chinese subject: folded encoded-words, lines of 76 at most' '
	subject="客户满意度月报 2026-10：产品品质、交货期、服务态度三项低于目标，请各部门于本月8日前提交原因分析与纠正措施（柏拉图见附件）" &&
	cm-report mail --from cs@example.com --to a@example.com \
		--subject "$subject" >long.eml &&
	"$PY" -c "
import email, email.policy, sys
m = email.message_from_bytes(open(\"long.eml\", \"rb\").read(), policy=email.policy.default)
print(m[\"Subject\"])
" >actual &&
	echo "$subject" >expect &&
	test_cmp expect actual &&
	sed -n "/^Subject:/,/^[^ S]/p" long.eml >subject.lines &&
	test $(wc -l <subject.lines) -gt 3 &&
	! awk "length(\$0) > 77" long.eml | grep .
'

expect_with PY 'no --body: a short text naming the attachments' '
	cm-report mail --from cs@example.com --to a@example.com \
		--subject "Complaints 2026-10" --attach 投诉统计.csv \
		--attach trend.png >plain.eml &&
	"$PY" show.py plain.eml >actual &&
	cat >expect <<-\EOF &&
	Date: Mon, 21 Sep 2026 14:13:20 +0000
	From: cs@example.com
	To: a@example.com
	Subject: Complaints 2026-10
	MIME-Version: 1.0
	multipart/mixed
	  text/plain charset=utf-8 42 bytes
	  | Attached:
	  |
	  |   投诉统计.csv
	  |   trend.png
	  text/csv charset=utf-8 attachment 投诉统计.csv 27 bytes
	  | cause,count
	  | 交货延迟,3
	  image/png attachment trend.png 240 bytes
	EOF
	sed "s/ *\$//" actual >actual.trim &&
	test_cmp expect actual.trim
'

expect_with PY 'a text body in GB18030 goes out as UTF-8; CM_MAIL_FROM' '
	printf "各位经理：\n\n月报见附件。\n" >body.utf8 &&
	iconv -f UTF-8 -t GB18030 body.utf8 >body.txt &&
	CM_MAIL_FROM="客服 <cs@example.com>" cm-report mail --to a@example.com \
		--subject 月报 --body body.txt >text.eml &&
	"$PY" show.py text.eml >actual &&
	cat >expect <<-\EOF &&
	Date: Mon, 21 Sep 2026 14:13:20 +0000
	From: 客服 <cs@example.com>
	To: a@example.com
	Subject: 月报
	MIME-Version: 1.0
	text/plain charset=utf-8 36 bytes
	| 各位经理：
	|
	| 月报见附件。
	EOF
	sed "s/ *\$//" actual >actual.trim &&
	test_cmp expect actual.trim
'

# CR or LF in a header value would let the value start a header of its
# own ("Bcc: ..."): a usage error, and nothing on stdout.
test_expect_success 'CR or LF in --subject, --to, --cc, --from: exit 2' '
	nl="
" &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com \
		--subject "月报${nl}Bcc: x@example.com" >out 2>err &&
	test_cmp /dev/null out &&
	cat >expect <<-\EOF &&
	cm-report: CR or LF in the subject '\''月报\nBcc: x@example.com'\''
	Try '\''cm-report --help'\'' for more information.
	EOF
	test_cmp expect err &&
	cr=$(printf "\r") &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com \
		--subject "a${cr}b" 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: CR or LF in the subject '\''a\rb'\''" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from cs@example.com \
		--to "a@example.com${cr}${nl}Bcc: x@example.com" --subject s 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: CR or LF in To address '\''a@example.com\r\nBcc: x@example.com'\''" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com \
		--cc "b@example.com${nl}x" --subject s 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: CR or LF in Cc address '\''b@example.com\nx'\''" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from "cs${nl}@example.com" \
		--to a@example.com --subject s 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: CR or LF in From address '\''cs\n@example.com'\''" >expect &&
	test_cmp expect actual &&
	CM_MAIL_FROM="cs@example.com${nl}Bcc: x@y" test_expect_code 2 \
		cm-report mail --to a@example.com --subject s 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: CR or LF in From address '\''cs@example.com\nBcc: x@y'\''" >expect &&
	test_cmp expect actual
'

test_expect_success 'a file name with LF: exit 2, before the files are read' '
	nl="
" &&
	printf x >"a${nl}b.csv" &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com \
		--subject s --attach "a${nl}b.csv" --attach nosuch.csv >out 2>err &&
	test_cmp /dev/null out &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: CR or LF in the file name '\''a\nb.csv'\''" >expect &&
	test_cmp expect actual
'

test_expect_success 'bad addresses: exit 2 naming the value' '
	test_expect_code 2 cm-report mail --from cs@example.com \
		--to "zhang san@example.com" --subject s 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: invalid To address '\''zhang san@example.com'\'' (expected USER@DOMAIN or NAME <USER@DOMAIN>)" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from cs@example.com \
		--to "a@example.com,,b@example.com" --subject s 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: invalid To address '\'''\'' (expected USER@DOMAIN or NAME <USER@DOMAIN>)" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from "张三 <zhang>" \
		--to a@example.com --subject s 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: invalid From address '\''张三 <zhang>'\'' (expected USER@DOMAIN or NAME <USER@DOMAIN>)" >expect &&
	test_cmp expect actual
'

test_expect_success 'no sender, no recipient, no subject: exit 2' '
	test_expect_code 2 cm-report mail --to a@example.com --subject s 2>err &&
	cat >expect <<-\EOF &&
	cm-report: no sender: give --from or set CM_MAIL_FROM
	Try '\''cm-report --help'\'' for more information.
	EOF
	test_cmp expect err &&
	test_expect_code 2 cm-report mail --from cs@example.com --subject s 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: no recipient: give --to" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: no subject: give --subject" >expect &&
	test_cmp expect actual &&
	SOURCE_DATE_EPOCH=yesterday test_expect_code 2 cm-report mail \
		--from cs@example.com --to a@example.com --subject s 2>err &&
	head -n 1 err >actual &&
	echo "cm-report: invalid SOURCE_DATE_EPOCH '\''yesterday'\'' (seconds since 1970-01-01 UTC)" >expect &&
	test_cmp expect actual
'

# A missing FILE is exit 4 in every cm command (cm-survey-calc FILE,
# --population FILE): an input that cannot be opened is a system error.
test_expect_success 'an attachment or body that cannot be read: exit 4' '
	test_expect_code 4 cm-report mail --from cs@example.com --to a@example.com \
		--subject s --attach nosuch.png >out 2>err &&
	test_cmp /dev/null out &&
	echo "cm-report: cannot open '\''nosuch.png'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	test_expect_code 4 cm-report mail --from cs@example.com --to a@example.com \
		--subject s --body nosuch.html 2>err &&
	echo "cm-report: cannot open '\''nosuch.html'\'': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'a file past 25 MiB: exit 3 naming it, nothing written' '
	head -c 26214401 /dev/zero >big.bin &&
	echo old >out.eml &&
	test_expect_code 3 cm-report mail --from cs@example.com --to a@example.com \
		--subject s --attach big.bin -o out.eml 2>err &&
	echo "cm-report: big.bin: larger than 25 MiB, too large to mail" >expect &&
	test_cmp expect err &&
	echo old >expect &&
	test_cmp expect out.eml &&
	head -c 26214400 /dev/zero >max.bin &&
	cm-report mail --from cs@example.com --to a@example.com \
		--subject s --attach max.bin -o out.eml &&
	grep "^ filename=\"max.bin\"" out.eml
'

# A FIFO would hang the open (and then the read) forever, a device such
# as /dev/zero never end: only a regular file is read, as lines.h reads
# every settings file; anything else is exit 4 before a byte is read.  A
# symbolic link to a file is the file.
test_expect_success 'a FIFO, a device, a directory as --attach or --body: exit 4, no hang' '
	mkfifo fifo.png fifo.html &&
	test_expect_code 4 timeout 10 cm-report mail --from cs@example.com \
		--to a@example.com --subject s --attach fifo.png >out 2>err &&
	test_cmp /dev/null out &&
	echo "cm-report: cannot read '\''fifo.png'\'': a FIFO, not a regular file" >expect &&
	test_cmp expect err &&
	test_expect_code 4 timeout 10 cm-report mail --from cs@example.com \
		--to a@example.com --subject s --body fifo.html >out 2>err &&
	echo "cm-report: cannot read '\''fifo.html'\'': a FIFO, not a regular file" >expect &&
	test_cmp expect err &&
	test_expect_code 4 timeout 10 cm-report mail --from cs@example.com \
		--to a@example.com --subject s --attach /dev/zero >out 2>err &&
	echo "cm-report: cannot read '\''/dev/zero'\'': a device, not a regular file" >expect &&
	test_cmp expect err &&
	mkdir adir &&
	test_expect_code 4 cm-report mail --from cs@example.com \
		--to a@example.com --subject s --attach adir >out 2>err &&
	echo "cm-report: cannot read '\''adir'\'': Is a directory" >expect &&
	test_cmp expect err &&
	ln -s trend.png link.png &&
	cm-report mail --from cs@example.com --to a@example.com --subject s \
		--attach link.png >link.eml &&
	grep "^ filename=\"link.png\"" link.eml
'

# body_text made the HTML UTF-8 (the part says charset=utf-8): a <meta>
# of its head that says GB18030 would make the reader decode UTF-8 as
# GB18030.  Only the declarations change, not text that looks like one.
expect_with PY 'a GB18030 HTML body: its <meta> charset says utf-8 too' '
	cat >gb.utf8 <<-\EOF &&
	<html><head><meta charset="gb18030">
	<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB18030">
	<title>月报 charset=gb18030</title></head>
	<body><p>编码 &lt;meta charset="gb18030"&gt;</p></body></html>
	EOF
	iconv -f UTF-8 -t GB18030 gb.utf8 >gb.html &&
	cm-report mail --from cs@example.com --to a@example.com --subject s \
		--body gb.html >gb.eml &&
	"$PY" show.py gb.eml >actual &&
	cat >expect <<-\EOF &&
	Date: Mon, 21 Sep 2026 14:13:20 +0000
	From: cs@example.com
	To: a@example.com
	Subject: s
	MIME-Version: 1.0
	text/html charset=utf-8 213 bytes
	| <html><head><meta charset="utf-8">
	| <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8">
	| <title>月报 charset=gb18030</title></head>
	| <body><p>编码 &lt;meta charset="gb18030"&gt;</p></body></html>
	EOF
	test_cmp expect actual
'

# Only the src of an <img> is a picture's name: text that reads
# src="trend.png" stays, and <img/src=...>, <IMG SRC=...> and an unquoted
# value are found as a browser finds them.
expect_with PY 'the src of <img> tags only, found as a browser does' '
	cat >tags.html <<-\EOF &&
	<p>报告 src="trend.png"</p><a src="trend.png">a</a>
	<img/src="trend.png"><IMG SRC='\''pareto.png'\'' ALT="x>y">
	<img	alt=a
	src=trend.png><!-- <img src="pareto.png"> -->
	<script>s = "<img src=\"trend.png\">";</script>
	EOF
	cm-report mail --from cs@example.com --to a@example.com --subject s \
		--body tags.html --attach trend.png --attach pareto.png >tags.eml &&
	"$PY" show.py tags.eml | sed -n "/^multipart/,\$p" >actual &&
	cat >expect <<-\EOF &&
	multipart/related
	  text/html charset=utf-8 255 bytes
	  | <p>报告 src="trend.png"</p><a src="trend.png">a</a>
	  | <img/src="cid:trend.png@cm-report"><IMG SRC='\''cid:pareto.png@cm-report'\'' ALT="x>y">
	  | <img	alt=a
	  | src=cid:trend.png@cm-report><!-- <img src="pareto.png"> -->
	  | <script>s = "<img src=\"trend.png\">";</script>
	  image/png id=<trend.png@cm-report> inline trend.png 240 bytes
	  image/png id=<pareto.png@cm-report> inline pareto.png 240 bytes
	EOF
	test_cmp expect actual
'

# HTML ends a comment at <!--> and <!---> (empty comments): the <img>
# after one is a picture, as a browser shows it, and is named by its cid.
expect_with PY 'an <img> after an empty comment <!--> or <!---> is rewritten' '
	printf "%s\n" "<!---><img src=trend.png><!--><img src=pareto.png>" >empty.html &&
	cm-report mail --from cs@example.com --to a@example.com --subject s \
		--body empty.html --attach trend.png --attach pareto.png >empty.eml &&
	"$PY" show.py empty.eml | sed -n "/^multipart/,\$p" >actual &&
	cat >expect <<-\EOF &&
	multipart/related
	  text/html charset=utf-8 79 bytes
	  | <!---><img src=cid:trend.png@cm-report><!--><img src=cid:pareto.png@cm-report>
	  image/png id=<trend.png@cm-report> inline trend.png 240 bytes
	  image/png id=<pareto.png@cm-report> inline pareto.png 240 bytes
	EOF
	test_cmp expect actual
'

# RFC 5322 §3.2.4: a quoted display name may hold '<', ',' and \"; the
# address is the first '<' outside the quotes.
expect_with PY 'a quoted display name with \" and < inside' '
	cm-report mail --from "\"a\\\"b<c\" <x@y.cn>" \
		--to "\"李, 四 <经理>\" <li@example.com>,\"a\\\\b\" <b@example.com>" \
		--subject s >q.eml &&
	"$PY" -c "
import email, email.policy, sys
m = email.message_from_bytes(open(\"q.eml\", \"rb\").read(), policy=email.policy.default)
for h in (\"From\", \"To\"):
    for a in m[h].addresses:
        print(h, repr(a.display_name), a.addr_spec)
" >actual &&
	cat >expect <<-\EOF &&
	From '\''a"b<c'\'' x@y.cn
	To '\''李, 四 <经理>'\'' li@example.com
	To '\''a\\b'\'' b@example.com
	EOF
	test_cmp expect actual
'

# A value goes into a message through cm_msg_value: control characters
# and bytes that are not UTF-8 as \xNN, never raw onto a terminal.
test_expect_success 'control characters and bad UTF-8 in a value: shown as \xNN' '
	esc=$(printf "\033") &&
	test_expect_code 4 cm-report mail --from cs@example.com --to a@example.com \
		--subject s --attach "no${esc}[2Jsuch.png" 2>err &&
	printf "%s\n" "cm-report: cannot open '\''no\\x1b[2Jsuch.png'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com \
		--subject "$(printf "\260\241 GBK")" 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: the subject '\''\\xb0\\xa1 GBK'\'' is not valid UTF-8" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 cm-report mail --from cs@example.com --to a@example.com \
		--subject s "x${esc}y" 2>err &&
	head -n 1 err >actual &&
	printf "%s\n" "cm-report: mail takes no FILE operand: '\''x\\x1by'\'' (attach it with --attach)" >expect &&
	test_cmp expect actual
'

# End to end: a real MTA (msmtp, as sendmail -t) into a real SMTP server
# (aiosmtpd), and what arrived read back by Python's email package.
expect_with MTA 'end to end: cm-report mail | msmtp -t into an SMTP sink' '
	{ "$PY" "$TESTS/lib/smtp-sink.py" port maildir >sink.log 2>&1 & } &&
	echo $! >sink.pid &&
	i=0 &&
	while ! test -s port && test $i -lt 100; do
		sleep 0.1 && i=$((i + 1))
	done &&
	test -s port &&
	cat >msmtprc <<-EOF &&
	account default
	host 127.0.0.1
	port $(cat port)
	auth off
	tls off
	from cs@example.com
	logfile $TRASH/msmtp.log
	EOF
	chmod 600 msmtprc &&
	cm-report mail --from "客户服务部 <cs@example.com>" \
		--to "张三 <zhang@example.com>" --cc li@example.com \
		--subject "客户满意度月报 2026-10" --body report.html \
		--attach trend.png --attach pareto.png --attach 投诉统计.csv |
		msmtp -C msmtprc -t &&
	test -s maildir/1.eml &&
	printf "zhang@example.com\nli@example.com\n" >expect &&
	test_cmp expect maildir/1.rcpt &&
	"$PY" - maildir/1.eml >actual <<-\EOF &&
	import email, email.policy, sys
	m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
	                             policy=email.policy.default)
	print(m["Subject"])
	html = m.get_body(("html",)).get_content()
	print("cid:trend.png@cm-report" in html, "cid:pareto.png@cm-report" in html)
	for p in m.walk():
	    cid = p["Content-ID"]
	    if p.get_content_type() == "image/png":
	        same = p.get_payload(decode=True) == open("trend.png", "rb").read()
	        print(cid, p.get_content_disposition(), same)
	    elif p.get_content_disposition() == "attachment":
	        print(p.get_filename(), p.get_payload(decode=True).decode())
	EOF
	cat >expect <<-\EOF &&
	客户满意度月报 2026-10
	True True
	<trend.png@cm-report> inline True
	<pareto.png@cm-report> inline True
	投诉统计.csv cause,count
	交货延迟,3

	EOF
	test_cmp expect actual &&
	stop_sink
'

test_done
