#!/bin/sh
#
# cm-report chart on the real outputs of cm-survey-calc and cm-complaint:
# each type as PNG (signature, IHDR size), SVG (well-formed, its size,
# the Chinese labels as text) and text (exact); user text printed, never
# run (backquotes, system(), a macro, a datablock's end marker) and never
# enhanced (late_delivery); a missing period a gap; the errors of data,
# usage and gnuplot, and no file, half or temporary, left behind.
#
# CM_GNUPLOT=$TRASH/show-script is a stand-in that prints the script it
# is given, so the datablocks (order, gaps, exact percentages) and the
# quoting can be compared exactly; other stand-ins fail on purpose.

test_description='cm-report chart: trend, pareto, likert, bar'

. "$(dirname "$0")/test-lib.sh"

export CM_USER=tester
PY=/usr/bin/python3

# Packages: missing ones fail under CI, and skip elsewhere.
if command -v gnuplot >/dev/null 2>&1 || test -n "$CI"; then
	test_set_prereq GNUPLOT
fi
if test -x $PY || test -n "$CI"; then
	test_set_prereq PYTHON
fi

# csvq TEXT: TEXT as one quoted CSV field.
csvq() {
	printf '"%s"' "$(printf %s "$1" | sed 's/"/""/g')"
}

# png_size FILE: "W H" from the IHDR chunk, after checking the signature
# and that IHDR is the first chunk.
png_size() {
	sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n') &&
	test "$sig" = 89504e470d0a1a0a &&
	test "$(od -An -c -j12 -N4 "$1" | tr -d ' \n')" = IHDR &&
	set -- $(od -An -tu1 -j16 -N8 "$1") &&
	echo "$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))" \
	    "$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))"
}

# svg_text FILE: the root's width and height, then every text node, one
# a line; fails when FILE is not well-formed XML.
svg_text() {
	$PY -c '
import sys, xml.dom.minidom
d = xml.dom.minidom.parse(sys.argv[1])
r = d.documentElement
print(r.getAttribute("width"), r.getAttribute("height"))
def walk(n):
    for c in n.childNodes:
        if c.nodeType == c.TEXT_NODE and c.data.strip():
            print(c.data.strip())
        walk(c)
walk(r)
' "$1"
}

test_expect_success 'setup: survey outputs (shipped sample, Chinese items) and a complaint register' '
	printf "\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\0\0\0\0:~\233U" >tiny.png &&
	printf "\0\0\0\0IEND\256B\140\202" >>tiny.png &&
	cm-survey-calc -i quality,delivery,cooperation,improvement,service \
		-g period "$ROOT/share/cm/examples/survey.csv" >trend.csv &&
	cm-survey-calc -i quality,delivery,cooperation,improvement,service \
		"$ROOT/share/cm/examples/survey.csv" >items.csv &&
	cat >zh.csv <<-\EOF &&
	期间,包装质量,价格合理,总体评价
	2026-01,5,4,5
	2026-01,4,3,4
	2026-02,3,2,3
	2026-02,5,5,5
	2026-04,2,4,4
	2026-04,4,1,2
	EOF
	cm-survey-calc -i 包装质量,价格合理 -g period zh.csv >zh-trend.csv &&
	cm-survey-calc -i 包装质量,价格合理 zh.csv >zh-items.csv &&
	printf "%s\n" "received,customer,market,description,cause,loss" \
		"2026-09-01,厦门立信包装,domestic,d1,late_delivery,100" \
		"2026-09-05,中山卓越照明,domestic,d2,late_delivery,50.50" \
		"2026-09-06,中山卓越照明,domestic,d3,wrong_shipment,10" \
		"2026-11-02,中山卓越照明,domestic,d4,label_not_to_spec,500" \
		"2026-11-10,东莞华盛,domestic,d5,material_defect,0" |
		cm-complaint new >ids &&
	cm-complaint stats --by customer >by-customer.csv &&
	cm-complaint stats --by cause >by-cause.csv &&
	cm-complaint stats --by month >by-month.csv &&
	cat >expect <<-\EOF &&
	month,count,loss
	2026-09,3,160.50
	2026-11,2,500.00
	EOF
	cut -d, -f1,2,10 by-month.csv >actual &&
	test_cmp expect actual &&
	printf "#!/bin/sh\nexec cat\n" >show-script &&
	chmod +x show-script
'

# --- the script: data, order, gaps, quoting -------------------------------
# No --series and no item column: one line; 2026-10 has no row: a blank
# line in the datablock breaks the line (a gap), the period is still on
# the axis.
test_expect_success 'trend of cm-complaint stats --by month: periods filled, the gap a break' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T trend by-month.csv >actual &&
	cat >expect <<-\EOF &&
	set encoding utf8
	set terminal dumb size 100,30 mono noenhanced
	set termoption noenhanced
	set border 3
	set tics nomirror
	set label 99 "count" at graph 0, graph 1 center offset 0,1 noenhanced
	set xtics scale 0 ("2026-09" 0, "2026-10" 1, "2026-11" 2)
	set xrange [-0.5:2.5]
	unset key
	set offsets 0, 0, graph 0.05, graph 0.05
	set ytics 1
	$s0 << EOD
	0 3

	2 2
	EOD
	plot $s0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb "#4e79a7" notitle
	EOF
	test_cmp expect actual
'

# 160.50 + 500 = 660.50; 500 / 660.50 = 75.70%; 0 is left out.
test_expect_success 'pareto -y loss: money exact, sorted, cumulative % exact, zero dropped' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T pareto -y loss by-cause.csv >script &&
	sed -n "/^\\\$d << EOD/,/^EOD/p" script >actual &&
	cat >expect <<-\EOF &&
	$d << EOD
	0 500.00 75.70
	1 150.50 98.49
	2 10.00 100.00
	EOD
	EOF
	test_cmp expect actual &&
	grep "^set xtics" script >actual &&
	printf "%s\n" "set xtics scale 0 (\"label_not_to_spec\" 0, \"late_delivery\" 1, \"wrong_shipment\" 2)" >expect &&
	test_cmp expect actual
'

# by count: 中山卓越照明 3, then 东莞华盛 and 厦门立信包装 1 each, in the
# order of the input (stats prints them so); 3/5 = 60%, 80%, 100%.
test_expect_success 'pareto by count: ties keep the input order' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T pareto by-customer.csv >script &&
	sed -n "/^\\\$d << EOD/,/^EOD/p" script >actual &&
	printf "%s\n" "\$d << EOD" "0 3 60.00" "1 1 80.00" "2 1 100.00" EOD >expect &&
	test_cmp expect actual &&
	head -1 by-customer.csv >actual &&
	echo "customer,count,open,closed,on_time,on_time_rate,reopened,mean_days,median_days,loss,cumulative" >expect &&
	test_cmp expect actual &&
	printf "cause,count\nb,1\na,5\nc,1\nd,0\ne,1\n" >ties.csv &&
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T pareto ties.csv >script &&
	sed -n -e "/^set xtics/p" -e "/^\\\$d << EOD/,/^EOD/p" script >actual &&
	cat >expect <<-\EOF &&
	set xtics scale 0 ("a" 0, "b" 1, "c" 2, "e" 3)
	$d << EOD
	0 5 62.50
	1 1 75.00
	2 1 87.50
	3 1 100.00
	EOD
	EOF
	test_cmp expect actual
'

# overall: n5 2, n4 2, n3 1, n2 1, n1 0 of 6: left 0+1+0.5 = 1.5/6 = 25%.
# The left axis ran to the tallest bar and a little more, so a bar did
# not read against the cumulative % on the right; the 80% line and the
# first point of the cumulative line hid the tallest bar's value.
test_expect_success 'pareto: left axis to the total; the values drawn last' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T pareto -y loss by-cause.csv >script &&
	grep -e "^set yrange" -e "^set offsets" -e "^plot" script >actual &&
	cat >expect <<-\EOF &&
	set yrange [0:660.50]
	plot 80 axes x1y2 with lines dt 2 lw 1.5 lc rgb "#d62728" notitle, $d using 1:2 with boxes lc rgb "#4e79a7", $d using 1:3 axes x1y2 with linespoints lw 2 pt 7 ps 0.8 lc rgb "#d62728", $d using 1:2:(stringcolumn(2)) with labels boxed offset 0,0.7
	EOF
	test_cmp expect actual &&
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T pareto ties.csv >script &&
	grep "^set yrange" script >actual &&
	echo "set yrange [0:8]" >expect &&
	test_cmp expect actual
'

test_expect_success_if GNUPLOT 'pareto text chart: the tallest bar'\''s value is shown' '
	printf "cause,count\na,10\nb,1\nc,1\n" >p10.csv &&
	cm-report chart -T pareto p10.csv >chart &&
	grep "^  10 |.*#10" chart &&
	printf "cause,count\na,8\nb,1\nc,1\n" >p80.csv &&
	cm-report chart -T pareto p80.csv >chart &&
	grep "^   8 |.*#8" chart
'

# The target's key below the plot was crowded under the x label.
test_expect_success 'trend: the target named at its line, the series key at the right' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T trend --target 92.5 by-month.csv >script &&
	grep -e key -e "^set label 2" -e "^plot" script >actual &&
	cat >expect <<-\EOF &&
	unset key
	set label 2 "target 92.5\045" at graph 1, first 92.5 right offset -1,0.7 tc rgb "#d62728" front noenhanced
	plot $s0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb "#4e79a7" notitle, 92.5 with lines dt 2 lw 1.5 lc rgb "#d62728" notitle
	EOF
	test_cmp expect actual &&
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T trend trend.csv >script &&
	grep key script >actual &&
	echo "set key rmargin top vertical reverse Left" >expect &&
	test_cmp expect actual
'

test_expect_success 'likert: edges of n1..n5 diverging at the middle of n3' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T likert zh-items.csv >script &&
	sed -n "/^\\\$d << EOD/,/^EOD/p" script >actual &&
	cat >expect <<-\EOF &&
	$d << EOD
	0 -25.00 -25.00 -8.33 8.33 41.67 75.00
	1 -25.00 -25.00 -8.33 8.33 41.67 75.00
	2 -41.67 -25.00 -8.33 8.33 41.67 58.33
	EOD
	EOF
	test_cmp expect actual
'

test_expect_success 'user text reaches gnuplot only as octal escapes' '
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T bar \
		--title "a\"b\`c\`@m\$d\\e%" items.csv >script &&
	grep "^set title" script >actual &&
	printf "%s\n" "set title \"a\\042b\\140c\\140\\100m\\044d\\134e\\045\" noenhanced" >expect &&
	test_cmp expect actual
'

# --- PNG, SVG, text ---------------------------------------------------------
test_expect_success_if GNUPLOT 'trend PNG of cm-survey-calc -g period: signature and --size' '
	cm-report chart -T trend --target 90 --title "满意度趋势" --size 640,400 \
		-o trend.png trend.csv &&
	png_size trend.png >actual &&
	echo "640 400" >expect &&
	test_cmp expect actual &&
	cm-report chart -T trend -o Trend.PNG trend.csv &&
	png_size Trend.PNG >actual &&
	echo "800 480" >expect &&
	test_cmp expect actual
'

test_expect_success_if GNUPLOT 'pareto, likert and bar PNGs of the real outputs' '
	cm-report chart -T pareto --title "客户投诉柏拉图" -o pareto.png by-customer.csv &&
	cm-report chart -T pareto -y loss --title "损失" -o pareto-loss.png by-cause.csv &&
	cm-report chart -T likert --title "各单项满意度" -o likert.png zh-items.csv &&
	cm-report chart -T bar --size 1000,500 -o bar.png items.csv &&
	cm-report chart -T bar -o bar-month.png by-month.csv &&
	for f in pareto pareto-loss likert bar-month; do
		png_size $f.png || return 1
	done >actual &&
	printf "800 480\n800 480\n800 480\n800 480\n" >expect &&
	test_cmp expect actual &&
	png_size bar.png >actual &&
	echo "1000 500" >expect &&
	test_cmp expect actual
'

test_expect_success_if GNUPLOT 'trend SVG: well-formed, its size, the Chinese labels as text' '
	test_have_prereq PYTHON &&
	cm-report chart -T trend --title "满意度趋势" --size 700,420 \
		-o zh-trend.svg zh-trend.csv &&
	svg_text zh-trend.svg >text &&
	head -1 text >actual &&
	echo "700 420" >expect &&
	test_cmp expect actual &&
	for w in 满意度趋势 包装质量 价格合理 overall 2026-01 2026-03 2026-04; do
		grep -Fx "$w" text || return 1
	done
'

# zh-trend: each series has 2026-01, 2026-02 and 2026-04: its path is
# one segment from 01 to 02 and a lone point at 04 (M L M), and never
# goes through the x of 2026-03, where a zero would have put a point.
test_expect_success_if GNUPLOT 'trend SVG: a missing month is a gap in every line' '
	test_have_prereq PYTHON &&
	$PY -c "
import re, sys
s = open(\"zh-trend.svg\").read()
x = dict((m.group(2), m.group(1)) for m in re.finditer(r\"translate\(([0-9.]+),[0-9.]+\)[^>]*>\s*<text>(2026-0[1-4])</text>\", s))
paths = re.findall(r\"<path stroke=.rgb\([^)]*\).\s+d=.([^\x27]*).\", s)
assert len(paths) == 3, paths
for d in paths:
    data = d.split(\"M\")[2:]
    assert [seg.count(\"L\") for seg in data] == [1, 0], d
    assert x[\"2026-03\"] not in d, d
    assert data[1].startswith(x[\"2026-04\"]), d
print(\"ok\")
" >actual &&
	echo ok >expect &&
	test_cmp expect actual
'

test_expect_success_if GNUPLOT 'pareto SVG: the Chinese names, late_delivery as written' '
	test_have_prereq PYTHON &&
	cm-report chart -T pareto -o pareto.svg by-customer.csv &&
	cm-report chart -T pareto -o cause.svg by-cause.csv &&
	svg_text pareto.svg >text &&
	grep -Fx 中山卓越照明 text && grep -Fx 厦门立信包装 text &&
	grep -Fx 80% text && grep -Fx 100% text &&
	svg_text cause.svg >text &&
	grep -Fx late_delivery text && grep -Fx label_not_to_spec text &&
	grep -F "font-family=\"Noto Sans CJK SC\"" pareto.svg >/dev/null
'

test_expect_success_if GNUPLOT 'text chart: exact, on stdout or to .txt' '
	printf "item,rate\nquality,80\nlate_delivery,95.5\n" >small.csv &&
	cm-report chart -T bar --title Small small.csv >actual &&
	cat >expect <<-\EOF &&


	    rate                                         Small
	      +
	      |
	  100 |-+
	      |                                                  ***************95.5***************
	      |                                                  *                                *
	      |                                                  *                                *
	      |                                                  *                                *
	   80 |-+   ***************80.0***************           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	   60 |-+   *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	   40 |-+   *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	   20 |-+   *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	      |     *                                *           *                                *
	    0 +-----------------------------------------------------------------------------------------+
	                          quality                                   late_delivery
	EOF
	test_cmp expect actual &&
	cm-report chart -T bar --title Small -o small.txt <small.csv &&
	test_cmp expect small.txt
'

# --- injection --------------------------------------------------------------
test_expect_success_if GNUPLOT 'title, labels and series are printed, never run' '
	test_have_prereq PYTHON &&
	X=$TRASH/X &&
	t1="\`touch $X\`" && t2="system(\"touch $X\")" &&
	t3="\" . system(\"touch $X\") . \"" && t4="@m" &&
	{
		echo cause,count &&
		echo "$(csvq "$t1"),3" && echo EOD,2 &&
		echo "$(csvq "$t2"),1" && echo "$t4,1"
	} >evil.csv &&
	cm-report chart -T pareto --title "$t1" -o evil1.svg evil.csv &&
	cm-report chart -T pareto --title "$t2" -o evil2.svg evil.csv &&
	cm-report chart -T pareto --title "$t3" -o evil3.svg evil.csv &&
	cm-report chart -T bar --title "$t4" -o evil4.txt evil.csv &&
	test ! -e "$X" &&
	svg_text evil1.svg >text1 && svg_text evil2.svg >text2 &&
	svg_text evil3.svg >text3 &&
	grep -Fx "$t1" text1 && grep -Fx "$t2" text2 && grep -Fx "$t3" text3 &&
	grep -Fx "$t2" text1 && grep -Fx EOD text1 && grep -Fx @m text1 &&
	grep -F @m evil4.txt &&
	{
		echo month,item,count &&
		echo "2026-01,$(csvq "$t2"),1" && echo "2026-02,$(csvq "$t2"),2"
	} >evil5.csv &&
	cm-report chart -T trend -o evil5.svg evil5.csv &&
	test ! -e "$X" &&
	svg_text evil5.svg >text5 &&
	grep -Fx "$t2" text5
'

# --- errors -----------------------------------------------------------------
test_expect_success 'header only: exit 3, no file' '
	head -1 items.csv >empty.csv &&
	test_status 3 cm-report chart -T bar -o empty.png empty.csv 2>err &&
	echo "cm-report: empty.csv: no rows to chart" >expect &&
	test_cmp expect err &&
	test ! -e empty.png &&
	test_status 3 cm-report chart -T trend <empty.csv >out 2>err &&
	echo "cm-report: (standard input): no rows to chart" >expect &&
	test_cmp expect err && test ! -s out
'

test_expect_success 'a y value that is not a number: exit 3 with FILE:LINE' '
	printf "item,rate\nquality,80\nservice,n/a\n" >bad.csv &&
	test_status 3 cm-report chart -T bar -o bad.png bad.csv 2>err &&
	echo "cm-report: bad.csv:3: '\''n/a'\'' in column '\''rate'\'' is not a number" >expect &&
	test_cmp expect err && test ! -e bad.png &&
	printf "item,rate\nquality,\n" >blank.csv &&
	test_status 3 cm-report chart -T bar blank.csv 2>err &&
	echo "cm-report: blank.csv:2: '\'''\'' in column '\''rate'\'' is not a number" >expect &&
	test_cmp expect err &&
	printf "cause,loss\na,-5\n" >neg.csv &&
	test_status 3 cm-report chart -T pareto -y loss neg.csv 2>err &&
	echo "cm-report: neg.csv:2: '\''-5'\'' in column '\''loss'\'' is negative" >expect &&
	test_cmp expect err
'

# 0.001 was rounded to 0 and its row dropped without a word.
test_expect_success 'pareto: a value with more than two decimals is exit 3' '
	printf "cause,loss\na,5\nb,0.001\n" >dec3.csv &&
	test_status 3 cm-report chart -T pareto -y loss -o dec3.png dec3.csv 2>err &&
	echo "cm-report: dec3.csv:3: '\''0.001'\'' in column '\''loss'\'' is a number with more than two decimals" >expect &&
	test_cmp expect err && test ! -e dec3.png &&
	printf "cause,loss\na,1.500\nb,1\n" >dec0.csv &&
	CM_GNUPLOT=$TRASH/show-script cm-report chart -T pareto -y loss dec0.csv >script &&
	sed -n "/^\\\$d << EOD/,/^EOD/p" script >actual &&
	printf "%s\n" "\$d << EOD" "0 1.50 60.00" "1 1.00 100.00" EOD >expect &&
	test_cmp expect actual
'

test_expect_success 'a column that is not there: exit 3' '
	test_status 3 cm-report chart -T bar -y rat items.csv 2>err &&
	echo "cm-report: items.csv:1: no column '\''rat'\'' (columns: item, n, satisfied, rate, mean, n5, n4, n3 and 6 more); did you mean '\''rate'\''?" >expect &&
	test_cmp expect err
'

test_expect_success 'a second row for the same period and series: exit 3' '
	printf "month,count\n2026-01,1\n2026-01,2\n" >dup.csv &&
	test_status 3 cm-report chart -T trend dup.csv 2>err &&
	echo "cm-report: dup.csv:3: a second row for '\''2026-01'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'more than 100000 rows, 100 series or 2000000 points: exit 3' '
	awk "BEGIN { print \"item,count\"; for (i = 0; i <= 100000; i++) print \"i\" i \",1\" }" >big.csv &&
	test_status 3 cm-report chart -T bar -o big.png big.csv 2>err &&
	echo "cm-report: big.csv: more than 100000 rows to chart" >expect &&
	test_cmp expect err && test ! -e big.png &&
	awk "BEGIN { print \"month,item,count\"; for (i = 0; i < 101; i++) print \"2026-01,s\" i \",1\" }" >series.csv &&
	test_status 3 cm-report chart -T trend series.csv 2>err &&
	echo "cm-report: series.csv: too much to chart: 101 series over 1 values of x (at most 100 series, 2000000 points)" >expect &&
	test_cmp expect err &&
	awk "BEGIN { print \"month,item,count\"; print \"1900-01,s,1\"; for (i = 0; i < 30; i++) print \"9999-12,s\" i \",1\" }" >span.csv &&
	test_status 3 cm-report chart -T trend span.csv 2>err &&
	echo "cm-report: span.csv: too much to chart: 31 series over 97200 values of x (at most 100 series, 2000000 points)" >expect &&
	test_cmp expect err
'

# The limit is met after row 100001, not after the whole file is in
# memory: 2,000,000 rows (27 MB) took 70 MB before.
test_expect_success 'more than 100000 rows: reading stops at the limit' '
	seq 2000000 | awk "BEGIN { print \"item,count\" } { print \"i\" \$1 \",1\" }" >huge.csv &&
	T= && if test -x /usr/bin/time; then T="/usr/bin/time -o rss -f %M"; fi &&
	test_status 3 $T cm-report chart -T bar -o huge.png huge.csv 2>err &&
	echo "cm-report: huge.csv: more than 100000 rows to chart" >expect &&
	test_cmp expect err && test ! -e huge.png &&
	{ test ! -f rss || test "$(tail -1 rss)" -lt 40000; } &&
	rm huge.csv
'

test_expect_success 'usage: an unknown extension, no --type, --series on a pareto' '
	test_status 2 cm-report chart -T bar -o chart.pdf items.csv 2>err &&
	head -1 err >actual &&
	echo "cm-report: -o '\''chart.pdf'\'': the chart'\''s format is named by the extension: .png, .svg or .txt" >expect &&
	test_cmp expect actual && test ! -e chart.pdf &&
	test_status 2 cm-report chart items.csv 2>err &&
	head -1 err >actual &&
	echo "cm-report: chart: no --type (trend, pareto, likert or bar)" >expect &&
	test_cmp expect actual &&
	test_status 2 cm-report chart -T pareto --series item items.csv 2>err &&
	head -1 err >actual &&
	echo "cm-report: --series does not apply to a pareto chart" >expect &&
	test_cmp expect actual
'

# A size gnuplot cannot draw gave a picture without a word, and exit 0.
test_expect_success '--font: NAME,SIZE of 4 to 72 points, else exit 2' '
	for f in "x,1e9" "x,abc" "x,-5" "x,3.9" "x,72.5" "x,"; do
		test_status 2 cm-report chart -T bar --font "$f" -o f.png items.csv 2>err &&
		head -1 err >actual &&
		echo "cm-report: invalid --font '\''$f'\'' (the size is 4 to 72 points)" >expect &&
		test_cmp expect actual &&
		test ! -e f.png || return 1
	done &&
	for f in "," ",10" ""; do
		test_status 2 cm-report chart -T bar --font "$f" items.csv 2>err &&
		head -1 err >actual &&
		echo "cm-report: invalid --font '\''$f'\'' (expected NAME,SIZE, such as '\''Noto Sans CJK SC,10'\'')" >expect &&
		test_cmp expect actual || return 1
	done &&
	printf "%s\n" "#!/bin/sh" "tee font-script >/dev/null" \
		"cat \"$TRASH/tiny.png\"" >png-script &&
	chmod +x png-script &&
	CM_GNUPLOT=$TRASH/png-script cm-report chart -T bar --font "My Font" -o f.png items.csv &&
	grep "^set terminal" font-script >actual &&
	echo "set terminal pngcairo size 800,480 font \"My Font,10\" noenhanced" >expect &&
	test_cmp expect actual &&
	CM_GNUPLOT=$TRASH/png-script cm-report chart -T bar --font "A,B,10.5" -o f.png items.csv &&
	grep "^set terminal" font-script >actual &&
	echo "set terminal pngcairo size 800,480 font \"A,B,10.5\" noenhanced" >expect &&
	test_cmp expect actual
'

test_expect_success 'gnuplot missing: exit 4 naming the package' '
	echo "cm-report: gnuplot not found: install the Debian package gnuplot-nox (or gnuplot)" >expect &&
	CM_GNUPLOT=/nonexistent/gnuplot test_status 4 cm-report chart -T bar -o no.png items.csv 2>err &&
	test_cmp expect err && test ! -e no.png &&
	mkdir onlybin && ln -s "$BIN/cm-report" onlybin/cm-report &&
	PATH=$TRASH/onlybin test_status 4 cm-report chart -T bar items.csv >out 2>err &&
	test_cmp expect err && test ! -s out
'

# A gnuplot that writes half a picture and fails: its complaint reported,
# exit 4, the old file kept, no temporary file left beside it.
test_expect_success 'gnuplot failing: its stderr reported, nothing left behind' '
	printf "%s\n" "#!/bin/sh" "cat >/dev/null" "printf PARTIAL" \
		"echo \"         line 0: undefined function: foo\" >&2" \
		"echo >&2" "exit 1" >bad-gnuplot &&
	chmod +x bad-gnuplot &&
	mkdir outdir && echo old >outdir/c.png &&
	CM_GNUPLOT=$TRASH/bad-gnuplot test_status 4 cm-report chart -T bar -o outdir/c.png items.csv 2>err &&
	cat >expect <<-\EOF &&
	cm-report: gnuplot: line 0: undefined function: foo
	cm-report: gnuplot failed (exit status 1)
	EOF
	test_cmp expect err &&
	echo old >expect && test_cmp expect outdir/c.png &&
	ls -A outdir >actual && echo c.png >expect && test_cmp expect actual &&
	CM_GNUPLOT=$TRASH/bad-gnuplot test_status 4 cm-report chart -T bar -o outdir/new.svg items.csv 2>/dev/null &&
	ls -A outdir >actual && test_cmp expect actual
'

# A gnuplot that exits 0 and writes nothing left a 0-byte chart, exit 0.
test_expect_success 'gnuplot writing nothing: exit 4, no empty chart' '
	printf "%s\n" "#!/bin/sh" "cat >/dev/null" "exit 0" >mute-gnuplot &&
	chmod +x mute-gnuplot &&
	mkdir mute && echo old >mute/c.png &&
	echo "cm-report: gnuplot wrote no picture" >expect &&
	for f in c.png c.svg c.txt; do
		CM_GNUPLOT=$TRASH/mute-gnuplot test_status 4 cm-report chart -T bar -o mute/$f items.csv 2>err &&
		test_cmp expect err || return 1
	done &&
	CM_GNUPLOT=$TRASH/mute-gnuplot test_status 4 cm-report chart -T bar items.csv >out 2>err &&
	test_cmp expect err && test ! -s out &&
	echo old >expect && test_cmp expect mute/c.png &&
	ls -A mute >actual && echo c.png >expect && test_cmp expect actual &&
	printf "%s\n" "#!/bin/sh" "cat >/dev/null" "echo not a picture" >junk-gnuplot &&
	chmod +x junk-gnuplot &&
	CM_GNUPLOT=$TRASH/junk-gnuplot test_status 4 cm-report chart -T bar -o mute/c.png items.csv &&
	CM_GNUPLOT=$TRASH/junk-gnuplot test_status 4 cm-report chart -T bar -o mute/c.svg items.csv &&
	ls -A mute >actual && echo c.png >expect && test_cmp expect actual
'

# A PNG signature alone, or a PNG without its IEND end (cut short), passed.
test_expect_success 'gnuplot writing a PNG signature only or a cut PNG: exit 4' '
	printf "%s\n" "#!/bin/sh" "cat >/dev/null" "printf \"\\211PNG\\r\\n\\032\\n\"" >sig-gnuplot &&
	printf "%s\n" "#!/bin/sh" "cat >/dev/null" "head -c 8 \"$TRASH/sig\"" \
		"printf \"\\0\\0\\0\\rIHDR\"" "head -c 17 /dev/zero" >cut-gnuplot &&
	chmod +x sig-gnuplot cut-gnuplot &&
	printf "\211PNG\r\n\032\n" >sig &&
	mkdir sigdir && echo old >sigdir/c.png &&
	echo "cm-report: gnuplot wrote no picture" >expect &&
	for g in sig-gnuplot cut-gnuplot; do
		CM_GNUPLOT=$TRASH/$g test_status 4 cm-report chart -T bar -o sigdir/c.png items.csv 2>err &&
		test_cmp expect err || return 1
	done &&
	echo old >expect && test_cmp expect sigdir/c.png &&
	ls -A sigdir >actual && echo c.png >expect && test_cmp expect actual
'

# kill -9 during gnuplot left c.png.tmpXXXXXX, and the next run kept it.
test_expect_success 'a temporary file left by a killed run goes at the next' '
	mkdir stale && echo half >stale/c.png.tmpAb12Cd &&
	echo other >stale/c.png.tmpshort &&
	printf "%s\n" "#!/bin/sh" "cat >/dev/null" \
		"cat \"$TRASH/tiny.png\"" >sig-gnuplot &&
	chmod +x sig-gnuplot &&
	CM_GNUPLOT=$TRASH/sig-gnuplot cm-report chart -T bar -o stale/c.png items.csv &&
	ls -A stale >actual &&
	printf "%s\n" c.png c.png.tmpshort >expect && test_cmp expect actual
'

# -o through a link as csvout.h says: ours followed, another user's
# replaced (it was followed outside a sticky directory).
if test "$(id -u)" = 0; then
	test_set_prereq ROOT
fi

test_expect_success 'chart -o through our own link: the file it names is written' '
	mkdir real && echo old >real/c.png && ln -s real/c.png mine.png &&
	CM_GNUPLOT=$TRASH/sig-gnuplot cm-report chart -T bar -o mine.png items.csv &&
	test -h mine.png && test "$(head -c 4 real/c.png | od -An -c | tr -d " ")" = "211PNG"
'

test_expect_success_if ROOT 'chart -o over another user'\''s link replaces the link' '
	mkdir -m 700 priv && echo secret >priv/s.png &&
	ln -s ../priv/s.png theirs.png && chown -h nobody theirs.png &&
	CM_GNUPLOT=$TRASH/sig-gnuplot cm-report chart -T bar -o theirs.png items.csv &&
	echo secret >expect && test_cmp expect priv/s.png &&
	test ! -h theirs.png && test -f theirs.png &&
	mkfifo fifo.png &&
	CM_GNUPLOT=$TRASH/sig-gnuplot test_status 4 cm-report chart -T bar -o fifo.png items.csv 2>err &&
	echo "cm-report: cannot write '\''fifo.png'\'': not a regular file" >expect &&
	test_cmp expect err && test -p fifo.png
'

test_done
