#!/bin/sh
#
# cm-report monthly and annual: a year of survey forms (one file GB18030
# with Chinese headers and CRLF, one UTF-8 with a BOM), a register built
# with cm-complaint itself, and the report's figures held to what
# cm-survey-calc and cm-complaint print for the same data.

test_description='cm-report monthly and annual'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
# The month 2026-10 is over: --as-of defaults to its last day.
CM_TODAY=2026-11-15 && export CM_TODAY

# The rows of the table under the heading H of an HTML report, cells
# joined by commas (the data holds no comma, no & < > " ').
rows() {
	awk -v h="<h2>$1</h2>" '$0 == h { f = 1; next }
		f && /^<h2>/ { exit }
		f && /^<tr><td/' "$2" |
	sed -e 's,</td><td[^>]*>,|,g' -e 's,^<tr><td[^>]*>,,' \
	    -e 's,</td></tr>$,,' | tr '|' ,
}

# The section under heading H, whole (up to the next heading).
section() {
	awk -v h="<h2>$1</h2>" '$0 == h { f = 1; next }
		f && /^<h2>|^<p class="foot">/ { exit } f' "$2"
}

# --- the data -------------------------------------------------------------
# plain.csv: month and the four ratings of each form, the truth the test
# computes from.  Three forms a month from 2025-10 to 2026-09 (2025-10
# falls outside the twelve months of 2026-10; 2026-02 has none: a gap),
# five in 2026-10 and one in 2026-11 (after the month: left out).
test_expect_success 'setup: a year of forms in two files' '
	awk "BEGIN {
		s = 7
		print \"month,quality,delivery,service,overall\"
		for (k = 0; k < 14; k++) {
			y = 2025 + int((9 + k) / 12); m = (9 + k) % 12 + 1
			if (y == 2026 && m == 2) continue
			n = (k == 12) ? 5 : 3
			if (k == 13) n = 1
			for (i = 0; i < n; i++) {
				printf \"%04d-%02d\", y, m
				for (j = 0; j < 4; j++) {
					s = (s * 1103515245 + 12345) % 2147483648
					v = 2 + int(s / 65536) % 4
					if (k == 12 && j == 3 && i < 2) v = 2
					printf \",%d\", v
				}
				printf \"\\n\"
			}
		}
	}" >plain.csv &&
	grep -c "^2026-10," plain.csv >n && echo 5 >e && test_cmp e n &&
	awk -F, "NR > 1 && \$1 != \"2026-10\" {
		split(\"很满意 比较满意 基本满意 不太满意 不满意\", w, \" \")
		printf \"S%03d,%s-%02d,客户%d,%s,%s,%s,%s\\r\\n\", NR, \$1, NR % 27 + 1, NR % 5, w[6 - \$2], \$3, \$4, \$5
	}
	BEGIN { printf \"问卷编号,日期,客户名称,产品品质,交货期,服务,总体评价\\r\\n\" }" plain.csv |
		iconv -f UTF-8 -t GB18030 >year.csv &&
	{ printf "\357\273\277期间,客户名称,产品品质,交货期,服务,总体评价\r\n" &&
	  awk -F, "\$1 == \"2026-10\" { printf \"%s,客户%d,%s,%s,%s,%s\\r\\n\", \$1, NR, \$2, \$3, \$4, \$5 }" plain.csv
	} >october.csv &&
	! iconv -f UTF-8 -t UTF-8 year.csv >/dev/null 2>&1 &&
	awk -F, "NR == 1 || \$1 >= \"2025-11\" && \$1 <= \"2026-10\"" plain.csv >window.csv &&
	cm-survey-calc -g month --trend=month -i quality,delivery,service \
		window.csv >expect-survey.csv
'

# Received dates and closing days, due = received + 13 (domestic):
#   260901 09-03 late_delivery closed 09-10 on time, loss 100
#   260902 09-20 label_not_to_spec open, due 10-03: 28 days overdue on 10-31
#   261001 10-02 late_delivery closed 10-20 after due 10-15: late, loss 250.50
#   261002 10-05 late_delivery open, due 10-18: 13 days overdue
#   261003 10-09 material_defect closed 10-12 on time, loss 1000
#   261004 10-15 no cause, open, due 10-28: 3 days overdue
#   261005 10-20 wrong_shipment open, due 11-02: not overdue on 10-31
test_expect_success 'setup: the register, made by cm-complaint' '
	mkdir data &&
	printf "%s\n" "received,customer,description,cause,loss" \
		"2026-09-03,甲公司,迟交,late_delivery,100" \
		"2026-09-20,乙公司,标签不符,label_not_to_spec," \
		"2026-10-02,丙公司,迟交三天,late_delivery,250.50" \
		"2026-10-05,丁公司,迟交,late_delivery," \
		"2026-10-09,戊公司,材质,material_defect,1000" \
		"2026-10-15,己公司,不明,," \
		"2026-10-20,庚公司,错发,wrong_shipment," |
		CM_DATA=data cm-complaint new >ids &&
	printf "%s\n" 260901 260902 261001 261002 261003 261004 261005 >e &&
	test_cmp e ids &&
	CM_DATA=data CM_TODAY=2026-09-10 cm-complaint close 260901 responsibility=customer &&
	CM_DATA=data CM_TODAY=2026-10-20 cm-complaint close 261001 responsibility=customer &&
	CM_DATA=data CM_TODAY=2026-10-12 cm-complaint close 261003 responsibility=customer &&
	cp data/complaints.csv reg.csv
'

# --- the report -------------------------------------------------------------
test_expect_success 'monthly --lang zh: the folder, its path, exit 1 (below target, overdue)' '
	test_status 1 cm-report monthly --month 2026-10 --responses year.csv \
		--responses october.csv --complaints reg.csv --target 90 \
		--out out --lang zh >stdout 2>stderr &&
	echo out/report.html >e && test_cmp e stdout &&
	test_cmp /dev/null stderr &&
	ls out >actual &&
	printf "%s\n" items.png likert.png pareto-cause.png pareto-loss.png \
		report.html trend.png >e &&
	test_cmp e actual &&
	for f in out/*.png; do
		head -c 8 "$f" >magic &&
		printf "\211PNG\r\n\032\n" >e && cmp e magic || return 1
	done &&
	grep "<meta charset=\"utf-8\">" out/report.html &&
	! grep -i "<script" out/report.html
'

test_expect_success 'the trend table is cm-survey-calc -g month, twelve months' '
	awk -F, "NR > 1 && \$2 == \"overall\" { print \$1 \",\" \$3 \",\" \$4 \",\" \$5 \",\" \$16 }" \
		expect-survey.csv >calc &&
	grep "^2026-03,.*,.[0-9]" calc &&
	sed "s/^\(2026-03,[^,]*,[^,]*,[^,]*,\).*/\1/" calc >e &&
	! cmp calc e &&
	rows "近十二个月满意度趋势" out/report.html >actual &&
	test_cmp e actual &&
	test $(wc -l <actual) -eq 11 &&
	! grep "^2026-02," actual &&
	grep "<img src=\"trend.png\"" out/report.html
'

test_expect_success 'the month: rate and counts as cm-survey-calc prints them' '
	awk -F, "\$1 == \"2026-10\" && \$2 == \"overall\" { print \$5 \"%,\" \$4 \",\" \$3 }" \
		expect-survey.csv >e &&
	section "总体满意度" out/report.html | sed -n "1s,.*<strong>\([^<]*\)</strong>.*<strong>\([^<]*\)</strong>.*<strong>\([^<]*\)</strong>.*,\1\,\2\,\3,p" >actual &&
	test_cmp e actual &&
	section "总体满意度" out/report.html | grep "<p class=\"alert\">目标 <strong>90.00%</strong>：<strong>低于目标</strong></p>"
'

test_expect_success 'per-item rates in the user'"'"'s words; the items below target named' '
	awk -F, "\$1 == \"2026-10\" && \$2 != \"overall\" { print \$2 \",\" \$3 \",\" \$4 \",\" \$5 \",\" \$6 }" \
		expect-survey.csv |
		sed -e s/^quality,/产品品质,/ -e s/^delivery,/交货期,/ -e s/^service,/服务,/ >e &&
	rows "各单项满意度" out/report.html >actual &&
	test_cmp e actual &&
	awk -F, "{ split(\$0, f, \",\"); if (f[3] * 10000 < 9000 * f[2]) printf \"%s%s（%s%%）\", (n++ ? \"、\" : \"\"), f[1], f[4] }" \
		actual >below &&
	test -s below &&
	section "各单项满意度" out/report.html >s &&
	grep "<p class=\"alert\">低于目标的单项：<strong>$(cat below)</strong></p>" s
'

test_expect_success 'the Pareto tables are cm-complaint stats --by cause of the month' '
	cm-complaint -f reg.csv stats --by cause --from 2026-10-01 --to 2026-10-31 |
		awk -F, "NR > 1 { print \$1 \",\" \$2 \",\" \$11 }" |
		sed -e s/^late_delivery,/交货延迟,/ -e s/^material_defect,/材质不良,/ \
		    -e s/^wrong_shipment,/装运错误,/ -e "s/^,/（未分类）,/" >e &&
	rows "投诉原因柏拉图（按件数）" out/report.html >actual &&
	test_cmp e actual &&
	cm-complaint -f reg.csv stats --by cause --sort loss --from 2026-10-01 --to 2026-10-31 |
		awk -F, "NR > 1 && \$10 != \"0.00\" { print \$1 \",\" \$10 \",\" \$11 }" |
		sed -e s/^late_delivery,/交货延迟,/ -e s/^material_defect,/材质不良,/ >e &&
	rows "投诉原因柏拉图（按损失金额）" out/report.html >actual &&
	test_cmp e actual &&
	printf "%s\n" "材质不良,1000.00,79.97" "交货延迟,250.50,100.00" >e2 &&
	test_cmp e2 actual
'

test_expect_success 'the overdue list is cm-complaint overdue --as-of the month end' '
	test_status 1 cm-complaint -f reg.csv overdue --as-of 2026-10-31 >od.csv &&
	awk -F, "NR > 1 { print \$1 \",\" \$2 \",\" \$3 \",待处理,\" \$6 \",\" \$7 \",\" \$8 \",\" \$9 }" od.csv >e &&
	rows "逾期未结案件" out/report.html >actual &&
	test_cmp e actual &&
	cut -d, -f1,7 actual >ids &&
	printf "%s\n" 260902,28 261002,13 261004,3 >e && test_cmp e ids
'

test_expect_success '--calendar and --as-of go to cm-complaint: working days overdue' '
	test_status 1 cm-complaint -f reg.csv --calendar cn overdue --as-of 2026-11-06 |
		awk -F, "NR > 1 { print \$1 \",\" \$8 }" >e &&
	test_status 1 cm-report monthly --month 2026-10 --responses october.csv \
		--complaints reg.csv --out cal --calendar cn --as-of 2026-11-06 \
		--lang zh >/dev/null &&
	rows "逾期未结案件" cal/report.html | cut -d, -f1,7 >actual &&
	test_cmp e actual &&
	printf "%s\n" 260902,23 261002,15 261004,7 261005,4 >e &&
	test_cmp e actual &&
	test_status 4 cm-report monthly --month 2026-10 --responses october.csv \
		--complaints reg.csv --out cal2 --calendar nosuch 2>err &&
	grep "^cm-report: cannot open .*/nosuch.csv" err &&
	! test -e cal2
'

test_expect_success 'on time: cm-complaint stats --by month of the twelve months' '
	cm-complaint -f reg.csv stats --by month --from 2025-11-01 --to 2026-10-31 |
		awk -F, "NR > 1 { print \$1 \",\" \$2 \",\" \$4 \",\" \$5 \",\" \$6 }" >e &&
	rows "结案及时率" out/report.html >actual &&
	test_cmp e actual &&
	section "结案及时率" out/report.html | grep "<strong>50.00%</strong>"
'

test_expect_success '--lang en: English headings, canonical items, English causes' '
	test_status 1 cm-report monthly --month 2026-10 --responses year.csv \
		--responses october.csv --complaints reg.csv --target 90 \
		--out en --lang en >/dev/null &&
	grep "^<h2>" en/report.html >actual &&
	printf "<h2>%s</h2>\n" "Overall satisfaction" \
		"Satisfaction over twelve months" "Satisfaction by item" \
		"Answers by item" "Complaints by cause" \
		"Complaint losses by cause" "Overdue cases" \
		"Cases closed on time" >e &&
	test_cmp e actual &&
	rows "Satisfaction by item" en/report.html | cut -d, -f1 >actual &&
	printf "%s\n" quality delivery service >e && test_cmp e actual &&
	rows "Complaints by cause" en/report.html | cut -d, -f1 >actual &&
	printf "%s\n" "late delivery" "(unclassified)" "material defect" \
		"wrong shipment" >e && test_cmp e actual &&
	grep "<html lang=\"en\">" en/report.html &&
	grep "<html lang=\"zh-CN\">" out/report.html &&
	! grep "[一-龥]" en/report.html | grep -v "^<tr>" | grep -v "foot"
'

# cm_lang_default (opt.h) reads setlocale(LC_MESSAGES): the locale must
# exist, so the tests make their own (localedef into LOCPATH, as t0120).
test_expect_success 'zh_CN.UTF-8 and zh_TW.UTF-8 locales of our own (localedef, LOCPATH)' '
	mkdir locales &&
	localedef -i zh_CN -f UTF-8 locales/zh_CN.UTF-8 &&
	localedef -i zh_TW -f UTF-8 locales/zh_TW.UTF-8
'

test_expect_success 'without --lang the locale decides (LC_ALL, LC_MESSAGES, LANG)' '
	test_status 1 env LOCPATH="$TRASH/locales" LC_ALL=zh_CN.UTF-8 \
		cm-report monthly --month 2026-10 \
		--responses october.csv --complaints reg.csv --out loc >/dev/null &&
	grep "^<h2>总体满意度</h2>" loc/report.html &&
	test_status 1 env LOCPATH="$TRASH/locales" LC_ALL= \
		LC_MESSAGES=zh_TW.UTF-8 LANG=C.UTF-8 \
		cm-report monthly --month 2026-10 \
		--responses october.csv --complaints reg.csv --out loc >/dev/null &&
	grep "^<h2>总体满意度</h2>" loc/report.html &&
	test_status 1 env LOCPATH="$TRASH/locales" LC_ALL= LC_MESSAGES= \
		LANG=C.UTF-8 cm-report monthly --month 2026-10 \
		--responses october.csv --complaints reg.csv --out loc >/dev/null &&
	grep "^<h2>Overall satisfaction</h2>" loc/report.html
'

# --- sections without data ---------------------------------------------------
test_expect_success 'no complaints, no forms this month: said so, no chart drawn, old charts gone' '
	cp -R out empty &&
	printf "%s\n" "id,received,customer,market,channel,product,order_no,part_no,qty,defect_qty,description,category,cause,dept,responsibility,root_cause,action,status,due,closed,loss,disposition,result,response_id,reopened" >none.csv &&
	cm-report monthly --month 2026-02 --responses year.csv \
		--complaints none.csv --out empty --lang zh >/dev/null &&
	ls empty >actual &&
	printf "%s\n" report.html trend.png >e &&
	test_cmp e actual &&
	section "总体满意度" empty/report.html >s &&
	echo "<p class=\"nodata\">本月无调查回函。</p>" >e && test_cmp e s &&
	section "投诉原因柏拉图（按件数）" empty/report.html >s &&
	echo "<p class=\"nodata\">本月无投诉。</p>" >e && test_cmp e s &&
	section "逾期未结案件" empty/report.html >s &&
	echo "<p class=\"nodata\">无逾期未结案件。</p>" >e && test_cmp e s &&
	section "结案及时率" empty/report.html >s &&
	echo "<p class=\"nodata\">这些月份无结案案件。</p>" >e && test_cmp e s &&
	! grep "<img src=\"items.png\"" empty/report.html
'

test_expect_success 'no forms in the twelve months: no trend either; exit 0 on target' '
	cm-report monthly --month 2030-01 --responses year.csv \
		--complaints none.csv --out far --lang en --target 90 >/dev/null &&
	ls far >actual && echo report.html >e && test_cmp e actual &&
	section "Satisfaction over twelve months" far/report.html >s &&
	echo "<p class=\"nodata\">No survey responses in the twelve months.</p>" >e &&
	test_cmp e s &&
	! grep "<img" far/report.html
'

# --- mail -------------------------------------------------------------------
test_expect_success 'report.eml only with --to; python'"'"'s email reads it; the images are the PNGs' '
	! test -e out/report.eml &&
	SOURCE_DATE_EPOCH=1793318400 test_status 1 cm-report monthly \
		--month 2026-10 --responses year.csv --responses october.csv \
		--complaints reg.csv --target 90 --out out --lang zh \
		--from qa@example.com --to boss@example.com,dept@example.com \
		--cc qa@example.com >/dev/null &&
	test -s out/report.eml &&
	/usr/bin/python3 - out <<-\EOF
	import email, email.policy, sys, os
	d = sys.argv[1]
	m = email.message_from_binary_file(open(d + "/report.eml", "rb"),
	    policy=email.policy.default)
	assert m["Subject"] == "客户满意度月报 2026-10", m["Subject"]
	assert m["To"] == "boss@example.com, dept@example.com", m["To"]
	html = m.get_body(("html",)).get_content()
	cids = set()
	for p in m.walk():
	    if p.get_content_type() == "image/png":
	        cid = p["Content-ID"].strip("<>")
	        name = cid.split("@")[0]
	        assert p.get_payload(decode=True) == open(d + "/" + name, "rb").read(), name
	        cids.add(cid)
	want = {n + "@cm-report" for n in os.listdir(d) if n.endswith(".png")}
	assert cids == want, (cids, want)
	for c in want:
	    assert ("src=\"cid:" + c + "\"") in html, c
	assert "src=\"trend.png\"" not in html
	page = open(d + "/report.html", encoding="utf-8").read()
	assert html == page.replace("src=\"", "src=\"cid:").replace(".png\"", ".png@cm-report\"")
	EOF
'

test_expect_success 'a run without --to removes the old report.eml' '
	test_status 1 cm-report monthly --month 2026-10 --responses year.csv \
		--responses october.csv --complaints reg.csv --out out >/dev/null &&
	! test -e out/report.eml
'

test_expect_success 'mail options: --to without a sender, --cc without --to: exit 2' '
	test_status 2 env CM_MAIL_FROM= cm-report monthly --month 2026-10 \
		--responses year.csv --complaints reg.csv --out m1 \
		--to a@example.com 2>err &&
	printf "%s\n" "cm-report: no sender: give --from or set CM_MAIL_FROM" \
		"Try '"'"'cm-report --help'"'"' for more information." >e &&
	test_cmp e err &&
	test_status 2 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv --out m1 --cc a@example.com 2>err &&
	head -1 err >actual &&
	echo "cm-report: --cc without --to: give the recipients with --to" >e &&
	test_cmp e actual &&
	! test -e m1
'

# --- failures ---------------------------------------------------------------
test_expect_success 'a sibling'"'"'s failure: its message and status, nothing written' '
	cp -R out keep &&
	sed "s/^261003,\(.*\),1000.00,/261003,\1,lots,/" reg.csv >bad.csv &&
	! cmp reg.csv bad.csv &&
	test_status 3 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints bad.csv --out out >stdout 2>err &&
	echo "cm-report: cm-complaint: bad.csv:6: 261003: invalid loss '"'"'lots'"'"' (run check)" >e &&
	test_cmp e err &&
	test_cmp /dev/null stdout &&
	diff -r keep out &&
	test_status 4 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints nothing.csv --out new 2>err &&
	echo "cm-report: cm-complaint: no register '"'"'nothing.csv'"'"' (from -f); '"'"'cm-complaint new'"'"' creates it" >e &&
	test_cmp e err &&
	! test -e new
'

test_expect_success 'a sibling that is not there: exit 4 naming it; found on PATH otherwise' '
	mkdir alone && cp "$BIN/cm-report" alone/ &&
	test_status 4 env PATH=/usr/bin:/bin CM_SHARE="$ROOT/share/cm" \
		alone/cm-report monthly --month 2026-10 --responses october.csv \
		--complaints reg.csv --out a1 2>err &&
	echo "cm-report: cm-survey-calc not found (beside cm-report, nor on PATH): it is built and installed with cm-report" >e &&
	test_cmp e err &&
	! test -e a1 &&
	test_status 1 env CM_SHARE="$ROOT/share/cm" alone/cm-report monthly \
		--month 2026-10 --responses october.csv --complaints reg.csv \
		--out a1 >/dev/null &&
	test -s a1/report.html
'

test_expect_success 'a form without a month: exit 3 naming it, nothing written' '
	printf "期间,日期,产品品质,总体评价\n2026-10,,5,5\n2026Q4,someday,4,4\n" >nomonth.csv &&
	test_status 3 cm-report monthly --month 2026-10 --responses nomonth.csv \
		--complaints reg.csv --out nm 2>err &&
	echo "cm-report: nomonth.csv:3: no month for the form (period '"'"'2026Q4'"'"' is not YYYY-MM, date '"'"'someday'"'"' is not a date)" >e &&
	test_cmp e err &&
	! test -e nm &&
	printf "客户名称,产品品质\nA,5\n" >nocol.csv &&
	test_status 3 cm-report monthly --month 2026-10 --responses nocol.csv \
		--complaints reg.csv --out nm 2>err &&
	echo "cm-report: nocol.csv: no column '"'"'period'"'"', '"'"'month'"'"' or '"'"'date'"'"' (a form'"'"'s month comes from one)" >e &&
	test_cmp e err
'

test_expect_success '-i: named items only; a cell that is no rating named in the user'"'"'s file' '
	{ printf "期间,产品品质,交货期,总体评价\r\n" &&
	  printf "2026-10,5,好,4\r\n2026-10,3,4,5\r\n"; } >inv.csv &&
	cm-report monthly --month 2026-10 --responses inv.csv -i 交货期 \
		--complaints none.csv --out inv --lang zh >/dev/null 2>err &&
	echo "cm-report: inv.csv:2:3: invalid rating '"'"'好'"'"' in column '"'"'交货期'"'"' (counted as invalid)" >e &&
	test_cmp e err &&
	rows "各单项满意度" inv/report.html >actual &&
	echo "交货期,1,1,100.00,4.00" >e && test_cmp e actual &&
	test_status 3 cm-report monthly --month 2026-10 --responses inv.csv \
		-i 服务 --complaints none.csv --out inv 2>err &&
	echo "cm-report: inv.csv: no column '"'"'服务'"'"' (-i)" >e &&
	test_cmp e err
'

test_expect_success 'usage: --month, --lang, missing options are exit 2' '
	test_status 2 cm-report monthly --month 2026-13 --responses year.csv \
		--complaints reg.csv --out u 2>err &&
	test_status 2 cm-report monthly --month 2026-10 --lang fr \
		--responses year.csv --complaints reg.csv --out u 2>err &&
	test_status 2 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv 2>err &&
	head -1 err >actual &&
	echo "cm-report: monthly needs --out DIR" >e && test_cmp e actual &&
	test_status 2 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv --out u --as-of 2026-02-30 2>err &&
	head -1 err >actual &&
	echo "cm-report: invalid --as-of '"'"'2026-02-30'"'"' (a date such as 2026-10-31)" >e &&
	test_cmp e actual &&
	! test -e u
'

test_expect_success 'a standard output that cannot be written is exit 4' '
	test_status 4 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv --out full >/dev/full 2>err &&
	grep "^cm-report: .*No space left on device" err
'

# --- files replaced atomically ----------------------------------------------
test_expect_success 'DIR files are replaced by rename: a link to the old file keeps it' '
	ln out/report.html old.html && ln out/trend.png old.png &&
	cp out/report.html before.html &&
	test_status 1 cm-report monthly --month 2026-10 --responses year.csv \
		--responses october.csv --complaints reg.csv --target 90 \
		--out out --lang en >/dev/null &&
	cmp before.html old.html &&
	! cmp old.html out/report.html &&
	test "$(ls -i old.png | cut -d" " -f1)" != "$(ls -i out/trend.png | cut -d" " -f1)" &&
	ls -a out >actual &&
	printf "%s\n" . .. .report.lock items.png likert.png pareto-cause.png \
		pareto-loss.png report.html trend.png >e &&
	test_cmp e actual
'

# --- annual -----------------------------------------------------------------
test_expect_success 'annual: the year in figures, by month, Pareto, exit 1 (late and overdue)' '
	test_status 1 cm-report annual --year 2026 --complaints reg.csv \
		--out year --lang zh >stdout &&
	echo year/report.html >e && test_cmp e stdout &&
	ls year >actual &&
	printf "%s\n" by-month.png pareto-cause.png pareto-loss.png report.html >e &&
	test_cmp e actual &&
	rows "年度概况" year/report.html >actual &&
	printf "%s\n" 受理投诉件数,7 已结案,3 及时结案,2 "及时结案率（%）,66.67" \
		逾期结案,1 逾期未结,4 重开案件,0 "损失合计（元）,1350.50" >e &&
	test_cmp e actual &&
	cm-complaint -f reg.csv stats --by month --from 2026-01-01 --to 2026-12-31 |
		awk -F, "NR > 1 { print \$1 \",\" \$2 \",\" \$4 \",\" \$5 \",\" \$6 \",\" \$7 \",\" \$10 }" >e &&
	rows "各月投诉件数" year/report.html >actual &&
	test_cmp e actual &&
	rows "按类别统计" year/report.html | cut -d, -f1,2 >actual &&
	printf "%s\n" 非质量异常,5 （未分类）,1 质量异常,1 >e &&
	test_cmp e actual &&
	section "重开案件" year/report.html >s &&
	echo "<p class=\"nodata\">无重开案件。</p>" >e && test_cmp e s
'

test_expect_success 'annual: a reopened case is listed; a year without complaints says so' '
	cp reg.csv re.csv &&
	CM_TODAY=2026-10-25 cm-complaint -f re.csv reopen 261003 --reason=again &&
	test_status 1 cm-report annual --year 2026 --complaints re.csv \
		--out year2 --lang en >/dev/null &&
	rows "Reopened cases" year2/report.html >actual &&
	echo "261003,2026-10-09,戊公司,material defect,,action" >e &&
	test_cmp e actual &&
	cm-report annual --year 2024 --complaints reg.csv --out y24 --lang en >/dev/null &&
	ls y24 >actual && echo report.html >e && test_cmp e actual &&
	section "The year in figures" y24/report.html >s &&
	echo "<p class=\"nodata\">No complaints this year.</p>" >e && test_cmp e s
'

# --- review fixes: failures leave DIR as it was -----------------------------
test_expect_success 'gnuplot missing: exit 4 naming the package, DIR as it was' '
	rm -rf keep && cp -R out keep &&
	test_status 4 env CM_GNUPLOT=/nonexistent cm-report monthly \
		--month 2026-10 --responses year.csv --responses october.csv \
		--complaints reg.csv --target 90 --out out --lang zh \
		--from qa@example.com --to boss@example.com >stdout 2>err &&
	echo "cm-report: gnuplot not found: install the Debian package gnuplot-nox (or gnuplot)" >e &&
	test_cmp e err &&
	test_cmp /dev/null stdout &&
	diff -r keep out &&
	test_status 4 env CM_GNUPLOT=/nonexistent cm-report annual \
		--year 2026 --complaints reg.csv --out year >stdout 2>err &&
	test_cmp e err &&
	test_cmp /dev/null stdout
'

test_expect_success 'gnuplot failing at the third chart: exit 4, no chart replaced, none left' '
	rm -rf keep && cp -R out keep &&
	gp=$(command -v gnuplot) &&
	printf "#!/bin/sh\nn=\$(cat \"%s/calls\" 2>/dev/null || echo 0)\necho \$((n + 1)) >\"%s/calls\"\ntest \$n -lt 2 || { echo \"boom\" >&2; exit 1; }\nexec %s \"\$@\"\n" \
		"$PWD" "$PWD" "$gp" >gp-fail &&
	chmod +x gp-fail &&
	test_status 4 env CM_GNUPLOT="$PWD/gp-fail" cm-report monthly \
		--month 2026-10 --responses year.csv --responses october.csv \
		--complaints reg.csv --target 90 --out out --lang en >stdout 2>err &&
	echo 3 >e && test_cmp e calls &&
	grep "^cm-report: gnuplot: boom$" err &&
	test_cmp /dev/null stdout &&
	diff -r keep out
'

test_expect_success 'links planted in DIR are replaced, never written through' '
	echo victim >victim1 && echo victim >victim2 && cp victim1 victim0 &&
	rm -f out/report.html out/trend.png out/report.eml &&
	ln -s "$PWD/victim1" out/report.html &&
	ln -s "$PWD/victim2" out/trend.png &&
	ln -s "$PWD/nowhere/x" out/report.eml &&
	ln -s "$PWD/victim2" out/.new-items.png &&
	test_status 1 cm-report monthly --month 2026-10 --responses year.csv \
		--responses october.csv --complaints reg.csv --target 90 \
		--out out --from qa@example.com --to boss@example.com >/dev/null &&
	cmp victim0 victim1 && cmp victim0 victim2 &&
	! test -e nowhere &&
	for f in report.html trend.png report.eml items.png; do
		test -f out/$f && ! test -h out/$f || return 1
	done &&
	! test -e out/.new-items.png
'

# A directory at a name the run replaces stopped it half way: the charts
# renamed before it, the old report.html naming them, and exit's clean-up
# of the staged charts crashed (SIGSEGV).  Now every name is checked
# first: exit 4, DIR as it was, no staged file left.
test_expect_success 'a directory at a chart, report.eml or report.html: exit 4, DIR as it was' '
	M="--month 2026-10 --responses year.csv --responses october.csv --complaints reg.csv --target 90 --lang zh" &&
	for f in pareto-cause.png report.eml report.html; do
		rm -rf d && cp -R out d && rm -f d/$f && mkdir d/$f &&
		rm -rf keep && cp -R d keep &&
		test_status 4 cm-report monthly $M --out d \
			--from qa@example.com --to boss@example.com >stdout 2>err &&
		echo "cm-report: cannot replace '"'"'d/$f'"'"': not a regular file" >e &&
		test_cmp e err && test_cmp /dev/null stdout &&
		diff -r keep d || return 1
	done &&
	rm -rf d && cp -R out d && rm -f d/report.eml && mkdir d/report.eml &&
	rm -rf keep && cp -R d keep &&
	test_status 4 cm-report monthly $M --out d >stdout 2>err &&
	diff -r keep d &&
	rm -rf d && cp -R year d && rm d/by-month.png && mkdir d/by-month.png &&
	rm -rf keep && cp -R d keep &&
	test_status 4 cm-report annual --year 2026 --complaints reg.csv \
		--out d --lang en >stdout 2>err &&
	echo "cm-report: cannot replace '"'"'d/by-month.png'"'"': not a regular file" >e &&
	test_cmp e err && diff -r keep d
'

# The staged files of a run killed with SIGKILL (any run's: the names hold
# its process id) and its temporary report files go at the next run.
test_expect_success 'a killed run'"'"'s staged and temporary files are swept' '
	rm -rf d && cp -R out d &&
	echo half >d/.new-99999999-trend.png &&
	echo half >d/.new-trend.png &&
	echo half >d/.new-1-likert.png.tmpAb12Cd &&
	echo half >d/report.html.tmpAb12Cd &&
	echo half >d/report.eml.tmpAb12Cd &&
	test_status 1 cm-report monthly --month 2026-10 --responses year.csv \
		--responses october.csv --complaints reg.csv --target 90 \
		--out d --from qa@example.com --to boss@example.com >/dev/null &&
	ls -A d >actual &&
	printf "%s\n" .report.lock items.png likert.png pareto-cause.png \
		pareto-loss.png report.eml report.html trend.png >e &&
	test_cmp e actual
'

# Two runs into one DIR at once unlinked each other'"'"'s staged charts: now
# the second waits for the first (DIR/.report.lock); both are whole.
test_expect_success 'two runs into one DIR at once: both succeed, one after the other' '
	rm -rf d && mkdir d &&
	M="--month 2026-10 --responses year.csv --responses october.csv --complaints reg.csv --target 90" &&
	for l in zh en; do
		{ test_status 1 cm-report monthly $M --out d --lang $l \
			>out.$l 2>err.$l && echo done >rc.$l; } &
	done &&
	wait &&
	echo done >e && test_cmp e rc.zh && test_cmp e rc.en &&
	test_cmp /dev/null err.zh && test_cmp /dev/null err.en &&
	ls -A d >actual &&
	printf "%s\n" .report.lock items.png likert.png pareto-cause.png \
		pareto-loss.png report.html trend.png >e &&
	test_cmp e actual &&
	{ flock d/.report.lock sleep 1 & } &&
	sleep 0.3 &&
	test_status 1 cm-report monthly $M --out d --lang zh >/dev/null &&
	ls -A d >actual && test_cmp e actual
'

test_expect_success 'an empty --out is a usage error' '
	test_status 2 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv --out "" 2>err &&
	head -1 err >actual &&
	echo "cm-report: empty --out: name the report'"'"'s directory" >e &&
	test_cmp e actual &&
	test_status 2 cm-report annual --year 2026 --complaints reg.csv \
		--out "" 2>err &&
	head -1 err >actual && test_cmp e actual
'

test_expect_success 'two causes with one Chinese name: told apart by the cause, charted' '
	cp -R "$ROOT/share/cm" share2 &&
	sed "s/^\(material_defect	quality	\).*/\1交货延迟,其他/" \
		"$ROOT/share/cm/causes.category" >share2/causes.category &&
	test_status 1 env CM_SHARE="$PWD/share2" cm-report monthly \
		--month 2026-10 --responses october.csv --complaints reg.csv \
		--out dup --lang zh >/dev/null 2>err &&
	test_cmp /dev/null err &&
	rows "投诉原因柏拉图（按件数）" dup/report.html | cut -d, -f1,2 >actual &&
	printf "%s\n" "交货延迟（late_delivery）,2" "（未分类）,1" \
		"交货延迟（material_defect）,1" "装运错误,1" >e &&
	test_cmp e actual &&
	test -s dup/pareto-cause.png && test -s dup/pareto-loss.png
'

test_expect_success 'bad --cc, --from, SOURCE_DATE_EPOCH: exit 2 before anything is written' '
	rm -rf keep && cp -R out keep &&
	test_status 2 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv --out out --from qa@example.com \
		--to boss@example.com --cc "two words@example.com" >stdout 2>err &&
	test_cmp /dev/null stdout && test -s err &&
	diff -r keep out &&
	test_status 2 cm-report monthly --month 2026-10 --responses year.csv \
		--complaints reg.csv --out new6 --from "qa at example" \
		--to boss@example.com 2>err &&
	! test -e new6 &&
	test_status 2 env SOURCE_DATE_EPOCH=soon cm-report annual --year 2026 \
		--complaints reg.csv --out new6 --from qa@example.com \
		--to boss@example.com 2>err &&
	! test -e new6
'

test_expect_success '--as-of: the month not over yet is judged today (CM_TODAY)' '
	CM_TODAY=2026-10-17 test_status 1 cm-report monthly --month 2026-10 \
		--responses october.csv --complaints reg.csv --out asof \
		--lang en >/dev/null &&
	grep -o "past their due date on <strong>[0-9-]*</strong>" asof/report.html >actual &&
	echo "past their due date on <strong>2026-10-17</strong>" >e &&
	test_cmp e actual &&
	rows "Overdue cases" asof/report.html | cut -d, -f1,7 >actual &&
	echo 260902,14 >e && test_cmp e actual &&
	CM_TODAY=2026-10-17 test_status 1 cm-report annual --year 2026 \
		--complaints reg.csv --out asof2 --lang en >/dev/null &&
	grep -c "2026-10-17" asof2/report.html &&
	test_status 2 env CM_TODAY=someday cm-report monthly --month 2026-10 \
		--responses october.csv --complaints reg.csv --out asof3 2>err &&
	head -1 err >actual &&
	echo "cm-report: invalid CM_TODAY '"'"'someday'"'"' (a date such as 2026-10-31)" >e &&
	test_cmp e actual && ! test -e asof3
'

test_expect_success '--calendar that is not there: cm-complaint'"'"'s message and status, nothing run' '
	test_status 4 cm-report monthly --month 2026-10 --responses october.csv \
		--complaints reg.csv --calendar nosuch --out calx >stdout 2>err &&
	test_cmp /dev/null stdout && ! test -e calx &&
	test_status 4 cm-complaint -f reg.csv --calendar nosuch list 2>err2 &&
	grep "^cm-complaint: cannot open .*/nosuch.csv.: No such file or directory$" err2 &&
	sed "s/^cm-complaint:/cm-report:/" err2 >e && test_cmp e err
'

test_expect_success '-i naming the overall column, or a column twice: exit 2' '
	test_status 2 cm-report monthly --month 2026-10 --responses october.csv \
		--complaints reg.csv --out i9 -i 产品品质,总体评价 2>err &&
	printf "%s\n" "cm-report: -i names the overall column '"'"'总体评价'"'"': it is reported on its own, not as an item" \
		"Try '"'"'cm-report --help'"'"' for more information." >e &&
	test_cmp e err &&
	test_status 2 cm-report monthly --month 2026-10 --responses october.csv \
		--complaints reg.csv --out i9 -i 产品品质,交货期,quality 2>err &&
	printf "%s\n" "cm-report: -i names the column '"'"'quality'"'"' twice" \
		"Try '"'"'cm-report --help'"'"' for more information." >e &&
	test_cmp e err &&
	! test -e i9
'

test_expect_success 'items: no quantity column (数量, an unmapped 箱数 of 1 to 5); -v names them' '
	{ echo "期间,包装,数量,箱数,产品质量,态度,件数,总体评价" &&
	  echo "2026-10,4,3,2,5,很满意,1,4" &&
	  echo "2026-10,3,1,5,4,3,2,5"; } >qty.csv &&
	test_status 1 cm-report -v monthly --month 2026-10 --responses qty.csv \
		--complaints reg.csv --out q4 --lang zh >/dev/null 2>err &&
	grep "^cm-report: items: " err >actual &&
	echo "cm-report: items: 包装,quality,态度" >e &&
	test_cmp e actual &&
	rows "各单项满意度" q4/report.html | cut -d, -f1 >actual &&
	printf "%s\n" 包装 产品质量 态度 >e && test_cmp e actual
'

test_done
