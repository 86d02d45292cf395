#!/bin/sh
# demo-data.sh: write the sample year of `make demo` into DIR.
#
#	sh mk/demo-data.sh DIR
#
# The year 2025-11 .. 2026-10 of a mid-size electronics assembler (PCBA:
# control boards, power boards, LED drivers) and its customers, as the
# offices keep it: the satisfaction forms of every month as Excel exports
# them, the complaints as they came in and what was done with each, the
# movements of customers' property, and the customer archive now and a
# month ago.  share/cm/examples/demo/ is this script's output, shipped;
# t5005 writes it again and compares byte for byte, so the output depends
# on nothing but this file: one fixed linear congruential generator per
# file family (Park and Miller's 16807 mod 2^31-1, whose products stay
# below 2^53 and so are exact in the doubles every awk computes with), no
# $RANDOM, no clock, LC_ALL=C so awk works on bytes.
#
# The complaint register itself is not here: cm-complaint stamps each
# history line with the real time to the microsecond (no clock override),
# and check insists those times increase, so a shipped log could never be
# made again byte for byte.  mk/demo-load.sh builds it through
# cm-complaint from complaints-new.csv and complaints-changes.tsv instead,
# on every `make demo`.
set -eu
[ $# -eq 1 ] || { echo "usage: sh mk/demo-data.sh DIR" >&2; exit 2; }
out=$1
export LC_ALL=C
mkdir -p "$out/surveys" "$out/property"

# The customer archive (cm-grade's input, 001/13), as the sales office
# exports it.  customers-2026-10.csv is the same archive a month earlier:
# since then K003's receivables passed 500,000 yuan, K010 was designated
# A, K023 defaulted once, K031 is new and K030 closed down.
cat >"$out/customers.csv" <<'EOF'
客户编号,名称,首次交易日期,指定等级,应收账款,年交易额,员工人数,客户类型,违约次数,信誉,城市
K001,华丰电子有限公司,2015-03-12,A,820000.00,9600000.00,850,制造商,0,良好,东莞
K002,深圳宏达科技有限公司,2012-06-01,A,350000.00,12500000.00,1200,制造商,0,良好,深圳
K003,苏州恒通电器,2016-09-15,B,520000.00,3800000.00,420,制造商,0,良好,苏州
K004,中山卓越照明,2018-04-20,B,90000.00,2100000.00,260,制造商,0,良好,中山
K005,厦门立信电子,2025-11-23,B,0.00,600000.00,40,制造商,0,良好,厦门
K006,宁波海天模具,2014-10-10,B,60000.00,1600000.00,310,制造商,0,良好,宁波
K007,广州华南电子有限公司,2013-05-06,B,120000.00,2400000.00,400,制造商,0,良好,广州
K008,佛山美家电器,2017-08-22,B,180000.00,450000.00,95,制造商,0,良好,佛山
K009,惠州德赛光电,2019-03-01,B,75000.00,1900000.00,330,制造商,0,良好,惠州
K010,珠海格瑞电气,2011-01-17,A,240000.00,7200000.00,980,制造商,0,良好,珠海
K011,东莞精密五金厂,2016-12-01,B,90000.00,1800000.00,150,制造商,0,差,东莞
K012,江门永信电子,2020-04-08,B,40000.00,800000.00,12,制造商,0,良好,江门
K013,昆山永信精工,2018-09-20,B,130000.00,2600000.00,300,制造商,0,良好,昆山
K014,杭州海纳通讯,2015-11-11,B,70000.00,1100000.00,260,制造商,0,良好,杭州
K015,无锡华晶微电子,2014-02-14,B,210000.00,5200000.00,640,制造商,0,良好,无锡
K016,上海鑫源国际贸易,2016-04-19,A级,150000.00,12000000.00,600,中间商,0,良好,上海
K017,义乌金诚电子批发,2016-02-14,B,80000.00,1500000.00,35,批发商,0,良好,义乌
K018,温州老张电子店,2017-07-30,,5000.00,60000.00,,个体工商户,0,良好,温州
K019,Apex Motors Ltd,2012-06-01,a,0.00,3200000.00,1200,manufacturer,0,good,Hong Kong
K020,Kestrel Optics GmbH,2011-01-17,B,250000.00,700000.00,180,manufacturer,0,not bad,München
K021,Northwind Trading,2018-03-15,B,15000.00,1200000.00,90,manufacturer,0,"poor, pays late",Taipei
K022,合肥联宝电子,2019-06-18,B,160000.00,4100000.00,720,制造商,0,良好,合肥
K023,南京熊猫电器,2013-08-08,B,110000.00,3300000.00,520,制造商,1,一般,南京
K024,青岛海达电子,2021-06-30,,10000.00,400000.00,500,制造商,0,不差,青岛
K025,成都天府智能,2020-10-26,B,95000.00,1700000.00,210,制造商,0,良好,成都
K026,武汉光谷电子,2017-05-15,B,85000.00,2000000.00,280,制造商,0,无不良记录,武汉
K027,长沙湘电科技,2022-03-03,B,60000.00,900000.00,140,制造商,0,良好,长沙
K028,重庆渝新电子,2019-12-12,B,140000.00,2800000.00,350,制造商,0,良好,重庆
K029,天津滨海仪表,2015-07-07,B,100000.00,2300000.00,270,制造商,0,良好,天津
K031,深圳云帆智能,2026-10-20,,0.00,0.00,60,制造商,0,良好,深圳
EOF
# -F, splits K021's quoted reputation, but K021 is printed as read.
awk -F, -v OFS=, '
	$1 == "K003" { $5 = "150000.00" }
	$1 == "K010" { $4 = "B" }
	$1 == "K023" { $9 = "0"; $10 = "良好" }
	$1 == "K029" { print; print "K030,西安秦川电气,2016-06-06,B,50000.00,1400000.00,160,制造商,0,良好,西安"; next }
	$1 == "K031" { next }
	{ print }
' "$out/customers.csv" >"$out/customers-2026-10.csv"

awk -v out="$out" '
# --- the generator and the calendar --------------------------------------

function rnd() {
	seed = (seed * 16807) % 2147483647
	return seed / 2147483647
}
function ri(a, b) { return a + int(rnd() * (b - a + 1)) }
# pick(w, n): an index 1..n drawn with the weights w[1..n].
function pick(w, n,    i, t, u) {
	t = 0
	for (i = 1; i <= n; i++)
		t += w[i]
	u = rnd() * t
	for (i = 1; i <= n; i++) {
		u -= w[i]
		if (u < 0)
			return i
	}
	return n
}
# q(s): s as a CSV field.
function q(s) {
	if (s !~ /[,"\r\n]/)
		return s
	gsub(/"/, "\"\"", s)
	return "\"" s "\""
}
# money(fen): yuan with two decimals; qty3(th): thousandths with three.
function money(f) { return sprintf("%d.%02d", int(f / 100), f % 100) }
function qty3(t) { return sprintf("%d.%03d", int(t / 1000), t % 1000) }
# excel(n): the date of day number n as Chinese Excel shows it, 2026/1/5.
function excel(n,    p) {
	split(DATE[n], p, "-")
	return p[1] "/" (p[2] + 0) "/" (p[3] + 0)
}

# Day numbers 1.. from 2025-10-01 to 2027-01-31: DATE[n] is the ISO date,
# DAY[date] its number.  Months of the sample year: YM[1..12], their first
# day FIRST[m] and length LEN[m].
function calendar(    y, m, d, n, ml, mi) {
	n = 0
	for (y = 2025; y <= 2027; y++)
		for (m = 1; m <= 12; m++) {
			if ((y == 2025 && m < 10) || (y == 2027 && m > 1))
				continue
			ml = (m == 2) ? (y % 4 == 0 ? 29 : 28) : \
			    (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
			for (d = 1; d <= ml; d++) {
				DATE[++n] = sprintf("%04d-%02d-%02d", y, m, d)
				DAY[DATE[n]] = n
			}
		}
	for (mi = 1; mi <= 12; mi++) {
		y = 2025 + int((10 + mi) / 13)
		m = (10 + mi - 1) % 12 + 1
		YM[mi] = sprintf("%04d-%02d", y, m)
		FIRST[mi] = DAY[YM[mi] "-01"]
		LEN[mi] = (m == 2) ? 28 : \
		    (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
	}
	# The last day the offices worked before the demo night (make demo
	# runs with CM_TODAY=2026-11-03).
	END_DAY = DAY["2026-11-02"]
}

# --- customers -------------------------------------------------------------

function customers(    i, s) {
	NC = split("华丰电子有限公司,深圳宏达科技有限公司,苏州恒通电器," \
	    "中山卓越照明,厦门立信电子,宁波海天模具,广州华南电子有限公司," \
	    "佛山美家电器,惠州德赛光电,珠海格瑞电气,东莞精密五金厂," \
	    "江门永信电子,昆山永信精工,杭州海纳通讯,无锡华晶微电子," \
	    "上海鑫源国际贸易,义乌金诚电子批发,温州老张电子店," \
	    "Apex Motors Ltd,Kestrel Optics GmbH,Northwind Trading," \
	    "合肥联宝电子,南京熊猫电器,青岛海达电子,成都天府智能," \
	    "武汉光谷电子,长沙湘电科技,重庆渝新电子,天津滨海仪表", CUST, ",")
	# How much each buys, and so answers surveys and complains.
	split("9,9,6,5,2,3,6,3,4,7,3,2,4,3,5,3,2,1,4,3,2,4,4,2,3,3,2,3,3", CW, ",")
	# Green (环保) products for these customers, the others not.
	s = ",1,2,4,5,9,10,14,15,19,20,22,25,26,"
	for (i = 1; i <= NC; i++) {
		GREEN[i] = index(s, "," i ",") > 0 ? "环保" : "非环保"
		FOREIGN[i] = (i >= 19 && i <= 21)
	}
}

# --- surveys: one file per month ------------------------------------------
#
# The overall satisfaction of the month (the share of forms rated 基本满意
# or better) dips in 2026-02 (deliveries late around the Spring Festival)
# and in 2026-07/08 (a batch of bad laminate); 交货期 is the weak item all
# year.  OFF[] shifts each item from the month level.

# rating(col): the next answer of column col of the month.  Each column
# deals NEED[col] satisfied answers (3 to 5) over LEFT[col] forms at
# random places, so that the rate of the month is what LEVEL says, not LEVEL
# give or take the noise of fifty draws.
function rating(col,    u) {
	u = rnd() * LEFT[col]--
	if (u < NEED[col]) {
		NEED[col]--
		u = rnd()
		return u < 0.35 ? 5 : u < 0.75 ? 4 : 3
	}
	return rnd() < 0.65 ? 2 : 1
}
function cell(r, style) {
	if (r == "")
		return ""
	if (style == 1 || (style == 2 && rnd() < 0.5))
		return WORD[r]
	return r
}

function surveys(    mi, n, f, day, file, c, it, r, low, style, row, cm, p, w) {
	seed = 20251101
	split("很满意 比较满意 基本满意 不太满意 不满意", w, " ")
	for (r = 1; r <= 5; r++)
		WORD[6 - r] = w[r]
	NI = split("产品品质,交货期,配合度,问题改善效果,服务", ITEM, ",")
	split("92,91,89,76,84,90,92,91,82,79,87,89", LEVEL, ",")
	split("40,50,45,42,55,60,58,62,70,66,75,64", FORMS, ",")
	split("1,-9,2,-2,4", OFF, ",")
	split("交期经常推迟，希望改善|希望交期更准时|板子有虚焊，返修多|" \
	    "来料分层，请加强进料检验|业务回复慢|问题处理太慢，没有结论|" \
	    "包装有破损, 请注意\"易碎\"标识", CMT_LOW, "|")
	split("服务态度很好|质量稳定|配合积极，谢谢|交期准确|" \
	    "希望价格再优惠, 量大可谈", CMT_OK, "|")
	for (mi = 1; mi <= 12; mi++) {
		file = out "/surveys/" YM[mi] ".csv"
		n = FORMS[mi] + ri(-3, 3)
		for (it = 0; it <= NI; it++) {
			p = LEVEL[mi] + (it ? OFF[it] : 0)
			if (it == 2 && YM[mi] == "2026-02")
				p -= 12
			if (it == 1 && (YM[mi] == "2026-07" || \
			    YM[mi] == "2026-08"))
				p -= 12
			LEFT[it] = n
			NEED[it] = int(n * (p > 100 ? 100 : p) / 100 + 0.5)
		}
		printf "\357\273\277" >file
		printf "问卷编号,期间,日期,客户名称,产品类型,产品品质,交货期," \
		    "配合度,问题改善效果,服务,总体评价,意见\r\n" >file
		for (f = 1; f <= n; f++) {
			day = FIRST[mi] + int((f - 1) * LEN[mi] / n)
			c = pick(CW, NC)
			style = rnd() < 0.45 ? 1 : rnd() < 0.8 ? 0 : 2
			row = sprintf("Q%s-%03d,%s,%s,%s,%s", \
			    substr(YM[mi], 3, 2) substr(YM[mi], 6, 2), f, \
			    YM[mi], excel(day), q(CUST[c]), GREEN[c])
			low = 0
			for (it = 1; it <= NI; it++) {
				r = rnd() < 0.03 ? "" : rating(it)
				if (r != "" && r <= 2 && !low)
					low = it
				row = row "," cell(r, style)
			}
			r = rnd() < 0.01 ? "" : rating(0)
			row = row "," cell(r, style)
			cm = ""
			if (low && rnd() < 0.6)
				cm = CMT_LOW[low == 1 ? (rnd() < 0.5 ? 3 : 4) : \
				    low == 2 ? (rnd() < 0.5 ? 1 : 2) : \
				    low == 3 ? 5 : low == 4 ? 6 : 7]
			else if (!low && rnd() < 0.12)
				cm = CMT_OK[ri(1, 5)]
			printf "%s,%s\r\n", row, q(cm) >file
		}
		close(file)
	}
}

# --- complaints ------------------------------------------------------------
#
# complaints-new.csv: every complaint of the year as the quality office
# opened it (cm-complaint new reads it on standard input); a cause is given
# for some, the others are left to cm-complaint classify, so the
# descriptions are written in the words causes.rules knows.
# complaints-changes.tsv: what happened to them afterwards, in the order it
# happened: date, verb, id, then the arguments of that verb.

function causes(    i) {
	NK = split("late_delivery appearance solderability dimension " \
	    "packaging_damage storage_transport_damage wrong_shipment " \
	    "function_failure material_defect label_not_to_spec " \
	    "document_error delivery_note_error inspection_data_mismatch " \
	    "finance_error order_entry_error over_shipment rejects_mixed_in " \
	    "special_requirement_not_passed_on production_data_reduced " \
	    "material_not_per_spec other", KEY, " ")
	split("22,14,10,9,7,6,6,5,5,4,3,2,2,2,2,1,2,1,1,1,3", KW0, ",")
	split("交货延迟,外观不良,可焊性不良,尺寸不良,包装破损,仓储运输问题," \
	    "装运错误,功能不良,材质不良,外观标示不符,票据错误,交货单误记," \
	    "检验资料不符,财务错误,订单误记,超量交货,不良品混入," \
	    "特殊要求未反映,擅自减少生产资料,未依规范备料,其他", ZH, ",")
	# Descriptions, several per cause, | between them; %d is a number.
	D[1] = "交货延迟%d天，客户产线停线待料|订单交期延误，未能按时到货|" \
	    "出货推迟一周，客户要求说明原因|交期一再推迟，客户催货"
	D[2] = "板面有划伤和污渍|阻焊层起泡，外观不合格|" \
	    "元件表面有助焊剂残留，色差明显|外壳有毛刺和凹痕"
	D[3] = "焊点虚焊，%d片返修|IC引脚上锡不良|" \
	    "客户SMT后发现假焊，功能测试不过|插件焊接不良，连锡"
	D[4] = "安装孔孔径偏小，装不上外壳|板厚超差，卡槽插不进|" \
	    "连接器位置尺寸不符图纸"
	D[5] = "外箱破损，%d片板子外露|内盒压扁，包装不牢|" \
	    "真空包漏气，包装不良"
	D[6] = "运输途中外箱被压坏，%d片板子弯折|物流搬运时摔落，板子碰伤|" \
	    "仓库存放受潮，元件氧化"
	D[7] = "发错型号，客户收到旧版本电源板|少发%d片，订单数量不足|" \
	    "两个订单的货混料"
	D[8] = "老化测试后%d片功能失效|客户装机后不工作，电源短路|" \
	    "LED驱动板不亮，无输出"
	D[9] = "板材分层，回流后爆板|PCB基材开裂，%d片报废|" \
	    "材质不良，板子发脆断裂"
	D[10] = "标签内容与实物不符|条码模糊，客户仓库扫不出|" \
	    "漏贴标签，客户仓库无法识别"
	D[11] = "合格证漏放|随货资料寄错了客户|" \
	    "图纸版本弄错，附样与订单不符"
	D[12] = "送货单数量与实物不符|送货单上的料号写错"
	D[13] = "出货报告数据与客户来料检验结果不一致|COA上的批号与实物不符"
	D[14] = "发票金额与订单不符，多开了%d元|货款重复扣款"
	D[15] = "订单误记，数量录入错误|业务下错单，型号不对"
	D[16] = "超量交货%d片，客户要求退回|未经客户同意多发了%d片"
	D[17] = "良品中夹有不良品%d片|报废板混入正常品出货"
	D[18] = "客户的特殊要求未传达到生产部，板边未做倒角"
	D[19] = "擅自减少一道清洗工序，板面残留"
	D[20] = "用错料，电容规格与BOM不符"
	D[21] = "客户对业务员的态度不满|客户要求提供更多测试样品|" \
	    "客户希望缩短报价周期"
	split("计划部|生产部,品质部|生产部,工程部|工程部,生产部|仓储部|" \
	    "物流部,仓储部|仓储部|工程部,品质部|采购部,品质部|生产部|" \
	    "业务部|仓储部|品质部|财务部|业务部|仓储部,业务部|品质部|" \
	    "业务部|生产部|采购部|业务部", DEPTS, "|")
	# Loss range per cause, yuan.
	split("200-8000|300-6000|1000-20000|500-12000|100-3000|500-8000|" \
	    "300-5000|2000-30000|5000-60000|100-2000|100-1500|100-1500|" \
	    "200-3000|0-0|300-4000|200-2000|500-6000|1000-8000|800-5000|" \
	    "1500-9000|0-0", LOSS, "|")
	split("排产未考虑春节前产能，物料到货晚|员工作业不规范，未戴手套|" \
	    "回流焊温度曲线未按新锡膏调整|钢网开孔与新版图纸不一致|" \
	    "包装规范未规定防压要求|承运商装卸野蛮，未按标识堆放|" \
	    "出货未核对订单型号|来料电容批次不良，进料抽检漏检|" \
	    "供应商基材批次层压不良|标签模板未随版本更新|" \
	    "出货资料由新人整理，未复核|开单时抄错料号|" \
	    "报告模板引用了上一批数据|开票未核对订单变更|" \
	    "订单录入后未复核|备货按预测量未按订单|" \
	    "返修品未隔离标识|业务未转发客户邮件|清洗机故障时未报告|" \
	    "仓库发料未核对BOM|沟通不及时", ROOT, "|")
	split("增加春节前备料，周排产评审|作业指导书加防护要求并培训|" \
	    "按新锡膏重做温度曲线并首件确认|钢网按新图纸重开并登记版本|" \
	    "外箱加隔板，修订包装规范|更换承运商，出货拍照留证|" \
	    "出货增加扫码核对|加严进料检验，供应商整改|" \
	    "更换基材供应商，首批全检|标签随工程变更同步更新|" \
	    "出货资料双人复核|送货单由系统打印|报告由系统生成|" \
	    "开票前核对订单|订单录入双人复核|按订单备货|" \
	    "返修品单独存放并标识|客户要求纳入评审单|工序变更须审批|" \
	    "发料扫码核对BOM|每周回访客户", ACT, "|")
	split("返工|补货|退货|报废|让步接收|赔偿", DISP, "|")
}

# One complaint of month mi: fills the C* fields of complaint k.
function complaint(k, mi, serial,    w, i, c, d, n, t, a, b) {
	for (i = 1; i <= NK; i++) {
		w[i] = KW0[i]
		if (YM[mi] == "2026-02" && i == 1)
			w[i] *= 3
		if ((YM[mi] == "2026-07" || YM[mi] == "2026-08") && \
		    (i == 9 || i == 3))
			w[i] *= i == 9 ? 6 : 2
	}
	c = pick(w, NK)
	CK[k] = c
	CID[k] = substr(YM[mi], 3, 2) substr(YM[mi], 6, 2) sprintf("%02d", serial)
	CC[k] = pick(CW, NC)
	n = split(D[c], t, "|")
	d = t[ri(1, n)]
	# Days late, yuan overcharged, or boards.
	if (d ~ /%d天/)
		d = sprintf(d, ri(2, 9))
	else if (d ~ /%d元/)
		d = sprintf(d, ri(2, 9) * 500)
	else if (d ~ /%d/)
		d = sprintf(d, ri(2, 40) * 10)
	CD[k] = d
	split(LOSS[c], t, "-")
	a = t[1] * 100; b = t[2] * 100
	CL[k] = a == b ? a : a + int(rnd() * (b - a))
	CQ[k] = ri(5, 60) * 100
	CDQ[k] = c <= 10 && c != 1 ? ri(1, CQ[k] / 20) : 0
}

function complaints(    mi, n, k, s, i, nn, r, rec, cl, f, ch, e, days, dl, open, dep, t, nd) {
	seed = 20251102
	split("phone,email,visit,written,verbal", CHAN, ",")
	split("40,30,12,10,8", CHW, ",")
	split("控制板,电源板,LED驱动板,主板,传感器板", PROD, ",")
	f = out "/complaints-new.csv"
	printf "received,customer,market,channel,product,order_no,part_no," \
	    "qty,defect_qty,description,cause\n" >f
	ch = out "/complaints-changes.tsv"
	NE = 0
	split("14,12,13,21,12,13,12,12,19,21,13,15", NMONTH, ",")
	k = 0
	for (mi = 1; mi <= 12; mi++) {
		n = NMONTH[mi] + ri(-2, 2)
		# Received days, sorted, so that the ids follow them.
		for (i = 1; i <= n; i++)
			rec[i] = FIRST[mi] + ri(0, LEN[mi] - 1)
		for (i = 2; i <= n; i++) {
			r = rec[i]
			for (s = i - 1; s >= 1 && rec[s] > r; s--)
				rec[s + 1] = rec[s]
			rec[s + 1] = r
		}
		for (i = 1; i <= n; i++) {
			k++
			complaint(k, mi, i)
			printf "%s,%s,%s,%s,%s,PO%s%03d,%s-%02d,%d,%d,%s,%s\n", \
			    DATE[rec[i]], q(CUST[CC[k]]), \
			    FOREIGN[CC[k]] ? "foreign" : "domestic", \
			    CHAN[pick(CHW, 5)], PROD[ri(1, 5)], \
			    substr(YM[mi], 3, 2) substr(YM[mi], 6, 2), ri(1, 999), \
			    "PCBA", ri(1, 40), CQ[k], \
			    CDQ[k], q(CD[k]), rnd() < 0.4 ? ZH[CK[k]] : "" >f
			events(k, rec[i])
		}
	}
	close(f)
	# The changes in the order they happened (ties: as made).
	for (i = 2; i <= NE; i++) {
		t = ED[i]; e = EL[i]
		for (s = i - 1; s >= 1 && ED[s] > t; s--) {
			ED[s + 1] = ED[s]; EL[s + 1] = EL[s]
		}
		ED[s + 1] = t; EL[s + 1] = e
	}
	printf "date\tverb\tid\targuments\n" >ch
	for (i = 1; i <= NE; i++)
		printf "%s\t%s\n", DATE[ED[i]], EL[i] >ch
	close(ch)
}

function event(day, line) {
	ED[++NE] = day
	EL[NE] = line
}

# What happens to complaint k, received on day r: a few are rejected, most
# are closed (a fifth of them after the due date), those whose closing
# day lies after the demo night are still open, a few old ones are stuck,
# two are reopened.
function events(k, r,    c, u, due, dl, cl, dep, t, n, resp, fields, id) {
	c = CK[k]; id = CID[k]
	n = split(DEPTS[c], t, ",")
	dep = t[ri(1, n)]
	due = r + (FOREIGN[CC[k]] ? 17 : 13)
	# Stuck: open long past due, for the reminder list.
	if (id == "260305" || id == "260608" || id == "260807") {
		event(r + 1, "set\t" id "\tstatus=investigating\tdept=" dep)
		event(r + 6, "set\t" id "\tstatus=action\troot_cause=" ROOT[c])
		return
	}
	u = rnd()
	if (u < 0.05 && c != 1) {
		event(r + ri(2, 6), "reject\t" id "\t--reason=经调查属客户" \
		    "使用不当（未按规格书储存），投诉不成立")
		return
	}
	u = rnd()
	dl = u < 0.80 ? ri(2, due - r) : u < 0.95 ? ri(due - r + 1, 30) : \
	    ri(31, 60)
	cl = r + dl
	if (cl > END_DAY) {
		if (r + 1 <= END_DAY)
			event(r + 1, "set\t" id "\tstatus=investigating\tdept=" dep)
		if (r + 5 <= END_DAY && rnd() < 0.6)
			event(r + 5, "set\t" id "\tstatus=action\troot_cause=" \
			    ROOT[c])
		return
	}
	resp = c == 6 ? "carrier" : c == 9 && rnd() < 0.5 ? "supplier" : \
	    c == 21 ? "none" : "ours"
	fields = "responsibility=" resp "\tdept=" dep "\troot_cause=" ROOT[c] \
	    "\taction=" ACT[c] "\tloss=" money(CL[k]) \
	    (c == 21 || c == 14 ? "" : "\tdisposition=" DISP[ri(1, 6)]) \
	    "\tresult=已书面回复客户"
	event(cl, "close\t" id "\t" fields)
	# Reopened: the customer was not satisfied with the result.
	if ((id == "260504" || id == "260903") && cl + 8 <= END_DAY) {
		event(cl + 8, "reopen\t" id "\t--reason=客户对处理结果不满意，" \
		    "要求重新分析")
		if (id == "260504" && cl + 20 <= END_DAY)
			event(cl + 20, "close\t" id "\taction=" ACT[c] \
			    "，并对客户现场培训")
	}
}

# --- customer property: one batch of movements a month ---------------------
#
# What customers sent (consigned parts, tools, drawings), as the materials
# office types it into Excel: Chinese headers and words, dates as Excel
# shows them.  Balances are followed here so that no movement takes one
# below zero, which cm-receive would refuse.

function part(i, spec) {
	split(spec, PT, "|")
	PC[i] = PT[1]; PNO[i] = PT[2]; PNAME[i] = PT[3]; PSPEC[i] = PT[4]
	PUNIT[i] = PT[5]; PKIND[i] = PT[6]; PLOC[i] = PT[7]
	PLO[i] = PT[8]; PHI[i] = PT[9]; PDEC[i] = PT[10]
}
function mv(day, p, act, qty, decl, loc, ref, by, note,    first, n) {
	first = act == "收货" || act == "接收"
	n = ++NR_MV
	MVD[n] = day
	MVL[n] = sprintf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", \
	    excel(day), q(CUST[PC[p]]), PNO[p], first ? q(PNAME[p]) : "", \
	    first ? q(PSPEC[p]) : "", first ? PUNIT[p] : "", \
	    first ? PKIND[p] : "", act, fmtq(p, qty), \
	    decl == "" ? "" : fmtq(p, decl), loc, ref, by, q(note))
}
function fmtq(p, v) { return PDEC[p] ? qty3(v) : v }

function property(    mi, p, f, d, decl, cnt, rej, acc, iss, i, n, t, s, e, who) {
	seed = 20251103
	NP = 0
	part(++NP, "1|IC-7805|稳压IC|TO-220|个|材料|A-01|2000|5000|0")
	part(++NP, "1|FX-01|ICT测试治具|HF-CTRL-V2|套|仪器|E-01|1|1|0")
	part(++NP, "2|MCU-F103|主控芯片|LQFP-48|个|材料|A-02|1000|3000|0")
	part(++NP, "2|WIRE-1007|导线|UL1007 24AWG|米|材料|B-01|300000|800000|1")
	part(++NP, "3|SP-305|锡膏|SAC305 500g/瓶|公斤|材料|C-01|5000|20000|1")
	part(++NP, "3|GW-HT10|钢网|HT10 顶面|块|设备|E-02|1|1|0")
	part(++NP, "20|LENS-5|光学透镜|Ø5 mm|片|材料|A-03|200|600|0")
	part(++NP, "20|DOC-K5|图纸及样品|Rev.C|份|代管|S-01|2|2|0")
	part(++NP, "4|LED-2835|LED灯珠|2835 0.2W|个|材料|A-04|10000|30000|0")
	split("李娜,王伟,赵磊,陈静", BY, ",")
	split("引脚氧化|来料破损|批号与申报不符|外观划伤", REJN, "|")
	for (mi = 1; mi <= 12; mi++) {
		NR_MV = 0
		s = FIRST[mi]
		for (p = 1; p <= NP; p++) {
			who = BY[ri(1, 4)]
			if (PKIND[p] == "材料") {
				d = s + ri(1, 8)
				decl = ri(PLO[p], PHI[p])
				if (PDEC[p])
					decl -= decl % 500
				else if (decl >= 1000)
					decl -= decl % 100
				cnt = rnd() < 0.12 ? decl - (PDEC[p] ? 1500 : \
				    ri(1, 5) * (decl >= 1000 ? 10 : 1)) : decl
				mv(d, p, "收货", cnt, decl, PLOC[p], \
				    sprintf("RK-%s-%02d", substr(DATE[d], 3, 2) \
				    substr(DATE[d], 6, 2) substr(DATE[d], 9, 2), p), \
				    who, cnt != decl ? "点数少于申报数" : "")
				rej = rnd() < 0.2 ? int(cnt * ri(1, 3) / 100) : 0
				if (PDEC[p])
					rej -= rej % 10
				acc = cnt - rej
				mv(d + 1, p, "合格", acc, "", PLOC[p], "IQC-" \
				    substr(YM[mi], 3, 2) substr(YM[mi], 6, 2), \
				    "王伟", "")
				STOCK[p] += acc
				if (rej > 0) {
					mv(d + 1, p, "拒收", rej, "", "H-01", \
					    "IQC-" substr(YM[mi], 3, 2) \
					    substr(YM[mi], 6, 2), "王伟", \
					    REJN[ri(1, 4)])
					HOLD[p] += rej
				}
				n = ri(1, 3)
				for (i = 1; i <= n; i++) {
					iss = int(STOCK[p] * ri(40, 90) / 100)
					if (PDEC[p])
						iss -= iss % 10
					if (iss <= 0)
						continue
					mv(d + 2 + i * 5, p, "发料", iss, "", "", \
					    sprintf("MO-%s-%02d", substr(YM[mi], 3, 2) \
					    substr(YM[mi], 6, 2), p * 3 + i), \
					    "赵磊", "")
					STOCK[p] -= iss
				}
				if (HOLD[p] > 0 && rnd() < 0.6) {
					mv(s + LEN[mi] - 2, p, "退回", HOLD[p], "", \
					    "", "RT-" substr(YM[mi], 3, 2) \
					    substr(YM[mi], 6, 2), "李娜", \
					    "退回不合格品")
					HOLD[p] = 0
				}
			} else if (mi == 1 || (PNO[p] == "GW-HT10" && \
			    YM[mi] == "2026-06")) {
				d = s + (mi == 1 ? 2 : 19)
				t = PHI[p]
				mv(d, p, "收货", t, t, PLOC[p], sprintf("RK-%s-%02d", \
				    substr(DATE[d], 3, 2) substr(DATE[d], 6, 2) \
				    substr(DATE[d], 9, 2), p), who, \
				    mi == 1 ? "" : "客户补发新钢网")
				if (PKIND[p] != "代管")
					mv(d + 1, p, "验收合格", t, "", PLOC[p], \
					    "IQC-" substr(YM[mi], 3, 2) \
					    substr(YM[mi], 6, 2), "王伟", "")
			}
			if (PNO[p] == "FX-01" && mi > 1) {
				mv(s + 2, p, "借出", 1, "", "", "品质部", "陈静", "")
				# October: lent, not back by the demo night.
				if (YM[mi] != "2026-10")
					mv(s + 19, p, "归还", 1, "", PLOC[p], \
					    "品质部", "陈静", "")
			}
			if (PNO[p] == "DOC-K5" && (mi == 4 || mi == 9)) {
				mv(s + 5, p, "借出", 1, "", "", "工程部", "陈静", "")
				mv(s + 16, p, "归还", 1, "", PLOC[p], "工程部", \
				    "陈静", "")
			}
			if (PNO[p] == "GW-HT10" && YM[mi] == "2026-06")
				mv(s + 9, p, "损坏", 1, "", "", "", "赵磊", \
				    "清洗时变形，无法使用")
			if (PNO[p] == "LED-2835" && YM[mi] == "2026-03" && \
			    STOCK[p] >= 200) {
				mv(s + LEN[mi] - 1, p, "丢失", 200, "", "", \
				    "PD-2603", "李娜", "月底盘点短少")
				STOCK[p] -= 200
			}
		}
		# The batch in date order (ties: as made).
		for (i = 2; i <= NR_MV; i++) {
			t = MVD[i]; e = MVL[i]
			for (n = i - 1; n >= 1 && MVD[n] > t; n--) {
				MVD[n + 1] = MVD[n]; MVL[n + 1] = MVL[n]
			}
			MVD[n + 1] = t; MVL[n + 1] = e
		}
		f = out "/property/" YM[mi] ".csv"
		printf "日期,客户,料号,品名,规格,单位,类别,动作,数量,申报数量," \
		    "库位,单号,经办人,备注\n" >f
		for (i = 1; i <= NR_MV; i++)
			print MVL[i] >f
		close(f)
	}
}

BEGIN {
	calendar()
	customers()
	surveys()
	causes()
	complaints()
	property()
}
'

# Two months came from a clerk whose Excel saves "CSV" in GB18030, as
# Chinese Windows does by default: no BOM, the same CRLF.
for m in 2026-02 2026-07; do
	f="$out/surveys/$m.csv"
	tail -c +4 "$f" | iconv -f UTF-8 -t GB18030 >"$f.tmp"
	mv "$f.tmp" "$f"
done

cat >"$out/README" <<'EOF'
The sample year of `make demo` (2025-11 .. 2026-10) of an electronics
assembler, written by mk/demo-data.sh; do not edit, run it again.

surveys/YYYY-MM.csv      the satisfaction forms of each month, as Excel
                         exports them (UTF-8 with a BOM and CRLF; 2026-02
                         and 2026-07 in GB18030): cm-report monthly
                         --responses
complaints-new.csv       the year's complaints as received: cm-complaint new
complaints-changes.tsv   what was done with them, in order: date, verb, id,
                         arguments (set, close, reject, reopen)
property/YYYY-MM.csv     each month's movements of customers' property:
                         cm-receive
customers.csv            the customer archive: cm-grade
customers-2026-10.csv    the same a month earlier, graded by the October
                         nights, for cm-grade --diff

mk/demo-load.sh builds the registers from these through the cm commands;
share/cm/examples/nightly.sh then runs the nightly job on them.
EOF
