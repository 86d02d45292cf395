#!/bin/sh
#
# cm-report --lang, the shared option (opt.h): the table verb and the
# chart verb in the office's words, the default from the locale (a
# zh_CN.UTF-8 of our own, localedef into LOCPATH, as t0120), English
# byte for byte as before; and Chinese-headed outputs of cm commands
# (--lang zh, --excel --lang zh) read back into the same figures.
#
# CM_GNUPLOT=$TRASH/show-script prints the gnuplot script it is given
# (as in t5000): the chart's words and numbers are compared exactly, its
# quoted strings decoded from their octal escapes (cm_gp_quote) by gp().

test_description='cm-report --lang: tables and charts in Chinese, read-back'

. "$(dirname "$0")/test-lib.sh"

# The script a chart is drawn with, its strings as UTF-8.
decode() {
	perl -pe 's/\\([0-7]{3})/chr(oct($1))/ge' "$@"
}

gp() {
	CM_GNUPLOT=$TRASH/show-script cm-report chart "$@" >gp.raw &&
	decode gp.raw
}

# The office's name for channel, which columns.map does not give (yet):
# --map names it.
MAP="--map 渠道=channel"

test_expect_success 'setup: a complaint list, survey forms, a zh_CN locale' '
	test_zh_locale loc &&
	printf "#!/bin/sh\nexec cat\n" >show-script &&
	chmod +x show-script &&
	cat >list.csv <<-\EOF &&
	received,customer,status,channel,cause,loss,description
	2026-10-08,厦门立信包装,open,phone,late_delivery,100.00,晚到三天
	2026-10-09,ACME Ltd,closed,email,,0.00,Open box
	2026-10-12,中山卓越照明,改善中,Phone,wrong_shipment,50.50,型号错
	EOF
	cat >forms.csv <<-\EOF &&
	问卷编号,期间,产品品质,交货期,总体评价
	S1,2026-09,5,4,5
	S2,2026-09,4,3,4
	S3,2026-10,3,2,3
	S4,2026-10,5,5,5
	S5,2026-10,2,4,4
	EOF
	cm-survey-calc -i 产品品质,交货期 forms.csv >items.csv &&
	cat >zh-table <<-\EOF &&
	受理日期    客户          状态    渠道   原因      损失金额  投诉内容
	2026-10-08  厦门立信包装  待处理  电话   交货延迟    100.00  晚到三天
	2026-10-09  ACME Ltd      已结案  邮件                 0.00  Open box
	2026-10-12  中山卓越照明  改善中  Phone  装运错误     50.50  型号错
	EOF
	cat >en-table <<-\EOF
	received    customer      status  channel  cause           loss    description
	2026-10-08  厦门立信包装  open    phone    late_delivery   100.00  晚到三天
	2026-10-09  ACME Ltd      closed  email                      0.00  Open box
	2026-10-12  中山卓越照明  改善中  Phone    wrong_shipment   50.50  型号错
	EOF
'

# The table shows the CSV as given: its English names mean different
# things in different commands' outputs, so Chinese comes from the
# command that made the CSV (its --lang zh), and an English column is
# headed in Chinese only by the office's own --map name (渠道 here).
test_expect_success 'table --lang zh: an English CSV as given, but for the --map names' '
	cm-report table --lang zh $MAP list.csv >actual 2>err &&
	cat >expect <<-\EOF &&
	received    customer      status  渠道   cause           loss    description
	2026-10-08  厦门立信包装  open    phone  late_delivery   100.00  晚到三天
	2026-10-09  ACME Ltd      closed  email                    0.00  Open box
	2026-10-12  中山卓越照明  改善中  Phone  wrong_shipment   50.50  型号错
	EOF
	test_cmp expect actual &&
	test_cmp /dev/null err &&
	cm-report table --lang zh list.csv >actual &&
	test_cmp en-table actual
'

test_expect_success 'table --lang zh of a Chinese CSV: as written, aligned, md and html too' '
	cat >zh-list.csv <<-\EOF &&
	受理日期,客户,状态,渠道,原因,损失金额,投诉内容
	2026-10-08,厦门立信包装,待处理,电话,交货延迟,100.00,晚到三天
	2026-10-09,ACME Ltd,已结案,邮件,,0.00,Open box
	2026-10-12,中山卓越照明,改善中,Phone,装运错误,50.50,型号错
	EOF
	cm-report table --lang zh zh-list.csv >actual &&
	test_cmp zh-table actual &&
	cm-report table zh-list.csv >actual &&
	test_cmp zh-table actual &&
	cat >expect <<-\EOF &&
	| 受理日期 | 客户 | 状态 | 渠道 | 原因 | 损失金额 | 投诉内容 |
	| --- | --- | --- | --- | --- | --- | --- |
	| 2026-10-08 | 厦门立信包装 | 待处理 | 电话 | 交货延迟 | 100.00 | 晚到三天 |
	| 2026-10-09 | ACME Ltd | 已结案 | 邮件 |  | 0.00 | Open box |
	| 2026-10-12 | 中山卓越照明 | 改善中 | Phone | 装运错误 | 50.50 | 型号错 |
	EOF
	cm-report table --md --lang zh zh-list.csv >actual &&
	test_cmp expect actual &&
	cm-report table --html --lang zh zh-list.csv >actual &&
	grep "^<tr><th>受理日期</th><th>客户</th><th>状态</th>" actual &&
	grep "^<tr><td>2026-10-09</td><td>ACME Ltd</td><td>已结案</td><td>邮件</td><td></td>" actual
'

test_expect_success 'table: English without --lang (C locale) and with --lang en, as before' '
	cm-report table $MAP list.csv >actual &&
	test_cmp en-table actual &&
	cm-report table --lang en $MAP list.csv >actual &&
	test_cmp en-table actual &&
	cm-report table --md list.csv >actual &&
	head -1 actual >first &&
	echo "| received | customer | status | channel | cause | loss | description |" >expect &&
	test_cmp expect first
'

test_expect_success 'table under LC_ALL=zh_CN.UTF-8: the --map names without --lang' '
	zh cm-report table $MAP list.csv >actual &&
	cm-report table --lang zh $MAP list.csv >expect &&
	test_cmp expect actual &&
	zh cm-report table --lang en $MAP list.csv >actual &&
	test_cmp en-table actual
'

# A column the office names by --map; the rest as the file writes it,
# Chinese headers and cells too.
test_expect_success 'table --lang zh: the office names columns by --map' '
	printf "%s\\n" "customer,count,rate,loss,closed,weird_col" \
		"a,1,50.00,2.00,2026-10-01,x" >heads.csv &&
	cm-report table --lang zh --map 顾客=customer --map 件数=count \
		--map 处理状态=status heads.csv >actual &&
	head -1 actual >first &&
	echo "顾客  件数  rate   loss  closed      weird_col" >expect &&
	test_cmp expect first &&
	printf "%s\\n" "月份,项目,客户" "2026-10,quality,a" "2026-10,包装,d" >names.csv &&
	cat >expect <<-\EOF &&
	月份     项目     客户
	2026-10  quality  a
	2026-10  包装     d
	EOF
	cm-report table --lang zh names.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'chart --lang zh: the answers, the items, the target in Chinese' '
	cat >expect <<-\EOF &&
	set ytics scale 0 ("总体评价" 0, "产品品质" 1, "交货期" 2)
	plot $d using (($2+$3)/2):1:2:3:($1-0.35):($1+0.35) with boxxyerror lc rgb "#b2182b" title "不满意", $d using (($3+$4)/2):1:3:4:($1-0.35):($1+0.35) with boxxyerror lc rgb "#ef8a62" title "不太满意", $d using (($4+$5)/2):1:4:5:($1-0.35):($1+0.35) with boxxyerror lc rgb "#bababa" title "基本满意", $d using (($5+$6)/2):1:5:6:($1-0.35):($1+0.35) with boxxyerror lc rgb "#67a9cf" title "比较满意", $d using (($6+$7)/2):1:6:7:($1-0.35):($1+0.35) with boxxyerror lc rgb "#2166ac" title "很满意"
	EOF
	gp --type likert --lang zh items.csv >script &&
	grep -e "^set ytics" -e "^plot" script >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	set label 99 "满意度（%）" at graph 0, graph 1 center offset 0,1 noenhanced
	set xtics scale 0 ("总体评价" 0, "产品品质" 1, "交货期" 2)
	plot $s0 using 1:2 with boxes lc rgb "#4e79a7" notitle, $s0 using 1:2:(stringcolumn(3)) with labels offset 0,0.7 notitle, 80 with lines dt 2 lw 1.5 lc rgb "#d62728" title "目标 80%"
	EOF
	gp --type bar --target 80 --lang zh items.csv >script &&
	grep -e "^set label 99" -e "^set xtics" -e "^plot" script >actual &&
	test_cmp expect actual
'

test_expect_success 'chart --lang zh: causes by their Chinese names; en as before; zh by the locale' '
	printf "%s\n" "cause,count" "late_delivery,3" "wrong_shipment,1" \
		"自定原因,2" >causes.csv &&
	echo "set xtics scale 0 (\"交货延迟\" 0, \"自定原因\" 1, \"装运错误\" 2)" >zh-xtics &&
	gp --type pareto --lang zh causes.csv >script &&
	grep "^set xtics" script >actual &&
	test_cmp zh-xtics actual &&
	echo "set xtics scale 0 (\"late_delivery\" 0, \"自定原因\" 1, \"wrong_shipment\" 2)" >expect &&
	gp --type pareto causes.csv >script &&
	grep "^set xtics" script >actual &&
	test_cmp expect actual &&
	zh env CM_GNUPLOT="$TRASH/show-script" \
		cm-report chart --type pareto causes.csv >gp.raw &&
	decode gp.raw | grep "^set xtics" >actual &&
	test_cmp zh-xtics actual
'

test_expect_success '--lang on mail is a usage error; --lang fr on any verb too' '
	test_expect_code 2 cm-report mail --lang zh 2>err &&
	cat >expect <<-\EOF &&
	cm-report: option '"'"'--lang'"'"' does not apply to mail
	Try '"'"'cm-report --help'"'"' for more information.
	EOF
	test_cmp expect err &&
	test_expect_code 2 cm-report table --lang fr list.csv 2>err &&
	head -1 err >actual &&
	echo "cm-report: invalid --lang '"'"'fr'"'"' (zh or en)" >expect &&
	test_cmp expect actual
'

# Read-back: cm-survey-calc's output written in Chinese (--lang zh, and
# --excel --lang zh: a BOM, CRLF) charts as its English output does:
# the same numbers, the same items; only the y axis is named by the file.
test_expect_success 'read-back: cm-survey-calc --lang zh and --excel --lang zh chart as English' '
	cm-survey-calc -g period -i 产品品质,交货期 forms.csv >en-trend.csv &&
	cm-survey-calc -g period -i 产品品质,交货期 --lang zh forms.csv >zh-trend.csv &&
	cm-survey-calc -g period -i 产品品质,交货期 --excel --lang zh forms.csv >zhx-trend.csv &&
	cm-survey-calc -i 产品品质,交货期 --lang zh forms.csv >zh-items.csv &&
	cm-survey-calc -i 产品品质,交货期 --excel --lang zh forms.csv >zhx-items.csv &&
	for t in trend bar; do
		gp --type $t --lang zh en-trend.csv | grep -v "^set label 99" >en.$t &&
		gp --type $t --lang zh zh-trend.csv | grep -v "^set label 99" >zh.$t &&
		gp --type $t --lang zh zhx-trend.csv | grep -v "^set label 99" >zhx.$t &&
		test_cmp en.$t zh.$t &&
		test_cmp en.$t zhx.$t || return 1
	done &&
	gp --type likert --lang zh items.csv >en.likert &&
	gp --type likert --lang zh zh-items.csv >zh.likert &&
	gp --type likert --lang zh zhx-items.csv >zhx.likert &&
	test_cmp en.likert zh.likert &&
	test_cmp en.likert zhx.likert &&
	grep -A3 "^\$s0 << EOD" en.trend >actual &&
	printf "%s\n" "\$s0 << EOD" "0 100.00" "1 100.00" "EOD" >expect &&
	test_cmp expect actual
'

# cm-complaint stats --by cause under the Chinese names columns.map gives
# its columns (原因, 次数, 损失金额), with an Excel BOM and CRLF: the same
# Pareto of counts and of losses as the English one.
test_expect_success 'read-back: a Chinese-headed cause table charts as the English one' '
	printf "%s\n" "cause,count,loss" "late_delivery,3,150.00" \
		"wrong_shipment,1,10.50" >en-cause.csv &&
	printf "\357\273\277原因,次数,损失金额\r\n交货延迟,3,150.00\r\n装运错误,1,10.50\r\n" >zhx-cause.csv &&
	gp --type pareto --lang zh en-cause.csv >en.p &&
	gp --type pareto --lang zh zhx-cause.csv | grep -v "^set label 99" >zh.p &&
	grep -v "^set label 99" en.p >en.p2 &&
	test_cmp en.p2 zh.p &&
	gp --type pareto --lang zh -y loss en-cause.csv >en.l &&
	gp --type pareto --lang zh -y loss zhx-cause.csv >zh.l &&
	grep -v "^set label 99" en.l >en.l2 &&
	grep -v "^set label 99" zh.l >zh.l2 &&
	test_cmp en.l2 zh.l2
'

test_expect_success 'monthly: --lang zh is the shared option, and the locale decides without it' '
	printf "%s\n" "received,customer,market,description,cause,loss" \
		"2026-10-01,厦门立信包装,domestic,d1,late_delivery,100" |
		cm-complaint new >ids &&
	cp complaints.csv reg.csv &&
	test_expect_code 1 cm-report monthly --month 2026-10 --responses forms.csv \
		--complaints reg.csv --out zh --lang zh >/dev/null &&
	grep "^<h2>总体满意度</h2>" zh/report.html &&
	grep "<td>交货延迟</td>" zh/report.html &&
	test_expect_code 1 zh cm-report monthly --month 2026-10 \
		--responses forms.csv --complaints reg.csv --out loc >/dev/null &&
	test_cmp zh/report.html loc/report.html &&
	test_expect_code 1 zh cm-report monthly --month 2026-10 --lang en \
		--responses forms.csv --complaints reg.csv --out en >/dev/null &&
	grep "^<h2>Overall satisfaction</h2>" en/report.html
'

test_done
