/*
 * gencomplaints: write a synthetic complaint register for `make bench`.
 *
 *	gencomplaints [ROWS]		a register (default 100000 cases)
 *	gencomplaints -l [ROWS]		the history log of that register
 *	gencomplaints -n [ROWS]		new complaints for `cm-complaint new`
 *					on stdin (default 1000)
 *
 * The register is in cm-complaint's exact format: its header is the
 * columns[] list of src/cm-complaint/main.c, and `cm-complaint check`
 * finds nothing in it with the log that -l writes.  The
 * output is a function of the arguments only: the generator has its own
 * PRNG with a fixed seed, so every machine times the same bytes.
 *
 * The cases are received from 2025-01-01 to TODAY (2026-11-23, the
 * CM_TODAY of bench/complaint.sh), spread evenly and written in the order
 * received, as a register grows.  Ids are YYMM of the month received and
 * a serial per month, two digits, more past 99 (004/4 §8).  due is
 * received + 13 calendar days at home, + 17 abroad (complaint.conf, no
 * calendar).  Most cases are closed, within their due date or after it;
 * about 2% were rejected; about 1% were reopened (their due date counts
 * from the reopening, so `check` does not compare it with received);
 * about 1.5% never progressed and are still open long after their due
 * date (the overdue list); the last weeks' cases are at every stage of
 * the life cycle.  A closed case whose responsibility is ours has the
 * cause, root cause, action and department that `close` demands.  loss is
 * always an amount in yuan with two decimals (0.00 when there was none),
 * so that Miller's count of it counts every case.
 *
 * Customers and descriptions are Chinese, foreign customers' names are
 * English, and several text fields hold commas and doubled quotes, so a
 * naive split on commas goes wrong.  No field holds a newline.
 *
 * With -l, the output is instead the history log that would have made
 * that register (complaints.log): one transaction per case, in register
 * order, a microsecond apart, that sets its id and then each of its non-empty
 * cells from "", so that `cm-complaint check` finds the pair clean.
 *
 * With -n, the rows are what an intake clerk types for new complaints:
 * received (in the month of TODAY, up to TODAY), customer, market,
 * channel, product, order_no, part_no, qty, defect_qty, description.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* TODAY: the last day anything is received, closed or reopened. */
#define TODAY_Y 2026
#define TODAY_M 11
#define TODAY_D 23
#define FIRST_Y 2025		/* cases are received from 1 January */
#define DAYS_DOMESTIC 13
#define DAYS_FOREIGN 17

static const char *const columns[] = {
	"id", "received", "customer", "market", "channel", "product",
	"order_no", "part_no", "qty", "defect_qty", "description", "category",
	"cause", "dept", "responsibility", "root_cause", "action", "status",
	"due", "closed", "loss", "disposition", "result", "response_id",
	"reopened",
};

static const char *const intake[] = {
	"received", "customer", "market", "channel", "product", "order_no",
	"part_no", "qty", "defect_qty", "description",
};

/* Domestic customers: city, firm, trade. */
static const char *const cities[] = {
	"苏州", "宁波", "东莞", "深圳", "无锡", "常州", "佛山", "温州",
	"昆山", "嘉兴", "台州", "中山", "厦门", "惠州", "合肥", "青岛",
};
static const char *const firms[] = {
	"华信", "恒远", "鼎盛", "凯达", "联创", "泰和", "瑞祥", "天宇",
	"明辉", "嘉杰", "新科", "长虹", "佳讯", "富升", "正源", "东方",
	"金运", "宏晟", "立德", "永宁",
};
static const char *const trades[] = {
	"电子有限公司", "电器厂", "通讯设备有限公司", "汽车电子有限公司",
	"照明科技有限公司", "智能科技股份有限公司", "仪表厂", "电源有限公司",
};

/* Foreign customers, some with a comma in the name. */
static const char *const foreign[] = {
	"Lumen Technik GmbH",
	"Sakura Denshi Co., Ltd.",
	"Northwind Components, Inc.",
	"Baltic Power Systems AB",
	"Hanil Electronics Co., Ltd.",
	"Verde Automação Ltda.",
	"Meridian Controls LLC",
	"Alpen Sensorik AG",
	"Pacific Rim Assemblies Pte. Ltd.",
	"Ostrava Elektro s.r.o.",
	"Kestrel Devices, S.A. de C.V.",
	"Thai Circuit Works Co., Ltd.",
};

/* channel, with weights in per cent */
static const struct {
	const char *name;
	unsigned weight;
} channels[] = {
	{"email", 35}, {"phone", 25}, {"written", 15}, {"survey", 10},
	{"visit", 8}, {"verbal", 7},
};

static const char *const products[] = {
	"双面板 FR-4 1.6mm", "四层板 FR-4 1.2mm", "六层 HDI 板", "铝基板",
	"柔性线路板 FPC", "软硬结合板", "高频板 Rogers 4350", "厚铜板 3oz",
	"八层阻抗板", "LED 灯条板",
};

static const char *const depts[] = {
	"品质部", "生产部", "业务部", "物流部", "仓储部", "财务部",
	"采购部", "工程部", "计划部",
};

/*
 * The causes of causes.category, with a weight (per mille), the
 * department that usually answers for them, and what the customer wrote,
 * the root cause found and the action taken.  %d in a description is a
 * number from 1 to 50.  A quote is one '"': the CSV writer doubles it.
 */
static const struct cause {
	const char *name;
	int quality;
	unsigned weight;
	unsigned dept;		/* index in depts[] */
	const char *desc[3];
	const char *root[2];
	const char *action[2];
} causes[] = {
	{"late_delivery", 0, 140, 8,
	    {"交货延迟%d天, 客户产线停线", "交期比订单晚了%d天, 客户催货三次",
	     "分批交货未按计划到齐, 欠%d片"},
	    {"排产未考虑设备保养, 产能不足", "外协电镀延误, 未及时预警"},
	    {"每周评审交期, 产能不足时提前通知客户", "外协进度每日跟踪, 列入周会"}},
	{"wrong_shipment", 0, 60, 4,
	    {"发错料号, 收到的是相近型号, 共%d片", "装错箱, 两个订单的货互换了",
	     "送错货, 客户收到他厂的产品%d片"},
	    {"拣货未扫码核对料号", "两单同时出货, 标签贴混"},
	    {"出货前扫码核对料号与订单", "同一时段只备一个订单的货"}},
	{"delivery_note_error", 0, 30, 4,
	    {"送货单数量与实物不符, 差%d片", "送货单上的订单号写错",
	     "随货单据缺少批号"},
	    {"手工填写送货单, 未复核", "系统打印模板缺少批号字段"},
	    {"送货单由系统生成, 出货前复核", "修改打印模板, 增加批号"}},
	{"label_not_to_spec", 0, 70, 1,
	    {"标签\"型号\"印错, 与图纸不一致", "外箱唛头缺少客户料号",
	     "标签模糊, 扫码失败%d箱"},
	    {"标签模板未按客户要求更新", "打印机色带老化"},
	    {"建立客户标签要求清单, 首件核对", "色带按计划更换"}},
	{"document_error", 0, 40, 2,
	    {"出货报告缺少切片数据", "COC 文件日期写错",
	     "资料\"承认书\"版本不对"},
	    {"文件管理未按版本控制", "报告模板由人工填写"},
	    {"文件发放前由品质部审核", "报告由系统自动生成"}},
	{"finance_error", 0, 25, 5,
	    {"发票金额与订单不符, 多开%d元", "对账单重复计费",
	     "价格按旧报价结算, 客户要求更正"},
	    {"报价更新未同步到财务系统", "对账时未核对已开发票"},
	    {"报价变更同时通知财务", "对账单交叉复核"}},
	{"material_not_per_spec", 0, 35, 6,
	    {"板材用错, 应为 TG170, 实为 TG150", "铜厚不足, 客户要求 2oz",
	     "用料不符合\"RoHS\"要求"},
	    {"采购按旧规格下单", "来料检验未核对板材型号"},
	    {"采购单附规格书, 品质审核", "来料检验增加型号核对"}},
	{"rejects_mixed_in", 0, 45, 1,
	    {"良品中混入报废板%d片, 已打叉未剔除", "不良品混入出货, 客户 IQC 发现",
	     "次品未隔离, 随良品出货"},
	    {"报废板未及时隔离", "打叉板识别依赖目视"},
	    {"报废板当班隔离上锁", "自动光学检查剔除打叉板"}},
	{"over_shipment", 0, 15, 4,
	    {"超量交货%d片, 客户要求退回", "多发了一箱, 客户拒收"},
	    {"出货数量未与订单余量核对", "包装按整箱出货"},
	    {"系统控制出货数量不超订单", "尾数单独包装"}},
	{"production_data_reduced", 0, 20, 7,
	    {"擅自省略电测工序, 客户发现开路", "擅自更改工艺参数, 未通知客户"},
	    {"赶交期时跳过工序", "工程变更未走流程"},
	    {"工序由系统控制, 不能跳过", "工程变更须客户书面确认"}},
	{"special_requirement_not_passed_on", 0, 20, 2,
	    {"客户特殊要求\"不许补线\"未传达到生产", "特殊包装要求未执行"},
	    {"业务接单时未录入特殊要求", "生产指示单无备注栏"},
	    {"特殊要求录入系统并随单流转", "生产指示单增加备注栏"}},
	{"order_entry_error", 0, 20, 2,
	    {"订单录入错误, 数量多录了%d片", "订单版本录错, 按旧版生产"},
	    {"手工录入未复核", "客户改版邮件未同步"},
	    {"订单录入双人复核", "客户改版统一由业务部登记"}},
	{"storage_transport_damage", 0, 30, 3,
	    {"运输途中受潮, 板面氧化%d片", "外箱压坏, 板弯翘"},
	    {"包装未加干燥剂", "承运商堆码超高"},
	    {"真空包装加干燥剂与湿度卡", "与承运商签订装卸要求"}},
	{"inspection_data_mismatch", 0, 15, 0,
	    {"检验报告数据与实测不符, 阻抗偏差%d%", "出货检验报告与客户测量结果不一致"},
	    {"测量仪器未按期校准", "抽样数量不足"},
	    {"仪器按期校准并贴标识", "按 AQL 标准抽样"}},
	{"other", 0, 25, 2,
	    {"客户投诉业务回复不及时", "其他问题, 详见附件%d页"},
	    {"业务人员不足", "未建立投诉处理时限"},
	    {"增设客服专员", "投诉 24 小时内回复"}},
	{"packaging_damage", 1, 40, 3,
	    {"包装破损, 板面划伤%d片", "真空包装漏气, 板面氧化"},
	    {"封口机温度不稳", "纸箱强度不够"},
	    {"封口机每班点检", "更换五层纸箱"}},
	{"solderability", 1, 90, 1,
	    {"上锡不良, 焊盘拒焊, 不良率%d%", "沉金层发黑, 焊接不良",
	     "喷锡不均, 客户贴片虚焊%d片"},
	    {"沉金线药水老化", "存放超期, 焊盘氧化"},
	    {"药水按分析结果补加更换", "超过六个月的库存重新处理"}},
	{"material_defect", 1, 60, 6,
	    {"板材分层起泡%d片", "基材有杂质, 耐压不良"},
	    {"供应商板材批次异常", "压合参数偏离"},
	    {"更换板材供应商批次并加严检验", "压合参数锁定"}},
	{"dimension", 1, 80, 1,
	    {"外形尺寸超差%dmm, 装不进外壳", "孔位偏移, 插件困难",
	     "板厚超差, 客户来料检验不合格"},
	    {"锣板程序用错版本", "钻孔定位销磨损"},
	    {"首件三坐标测量", "定位销按寿命更换"}},
	{"appearance", 1, 90, 1,
	    {"阻焊起泡, 外观不良%d片", "丝印字符模糊", "板面划伤, 露铜"},
	    {"阻焊前处理不良", "网版使用超寿命"},
	    {"前处理线每班检测水膜", "网版按次数报废"}},
	{"function_failure", 1, 50, 7,
	    {"客户测试开路%d片", "短路, 整机烧毁一台", "阻抗不合格, 信号异常"},
	    {"电测治具漏测", "蚀刻过度, 线宽不足"},
	    {"电测治具每日验证", "蚀刻线速按线宽调整"}},
};

static const char *const dispositions[] = {
	"退货", "返工", "换货", "让步接收", "补发", "折价处理",
};
static const char *const results[] = {
	"客户满意", "客户认可, 已结案", "已回访, 客户无异议",
	"客户接受改善方案", "8D 报告已提交, 客户确认",
};
static const char *const rejections[] = {
	"经核实非我司责任, 客户使用不当", "客户来料问题, 不成立",
	"承运商责任, 已转索赔", "超出保修期, 不成立",
};

/* xorshift64* (Vigna): the same numbers on every machine. */
static uint64_t rng_state = 0x2545f4914f6cdd1du;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1du;
}

/* A number in [0, n): the top bits are the good ones. */
static unsigned
pick(unsigned n)
{
	return (unsigned)((rng() >> 32) * n >> 32);
}

/* Dates as day numbers, day 0 = 1 January FIRST_Y (proleptic Gregorian). */
static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return n[m - 1] + (m == 2 && leap(y));
}

static long
day_of(int y, int m, int d)
{
	long n = d - 1;
	int i;

	for (i = FIRST_Y; i < y; i++)
		n += 365 + leap(i);
	for (i = 1; i < m; i++)
		n += mdays(y, i);
	return n;
}

struct ymd {
	int y, m, d;
};

static struct ymd
ymd_of(long n)
{
	struct ymd t = {FIRST_Y, 1, 1};

	while (n >= 365 + leap(t.y))
		n -= 365 + leap(t.y++);
	while (n >= mdays(t.y, t.m))
		n -= mdays(t.y, t.m++);
	t.d = (int)n + 1;
	return t;
}

/* Output: a field separator before every field but a row's first. */
static int first_field;

/*
 * -l: a row's fields are kept (field i of columns[]) and endrow writes
 * them as log lines instead.
 */
static int log_mode;
static char log_field[NELEM(columns)][512];
static size_t log_nfield;
static unsigned long log_tx;

static void
sep(void)
{
	if (!first_field && !log_mode)
		putchar(',');
	first_field = 0;
}

/* A text field, quoted (quotes doubled) when it holds , or ". */
static void
write_str(const char *s)
{
	if (strpbrk(s, ",\"") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

/* One transaction per row: id first, then each non-empty cell. */
static void
write_log_row(void)
{
	char t[64];
	size_t i;

	/* A microsecond apart: 2,000,000 rows fit in one minute. */
	snprintf(t, sizeof(t), "2026-11-23T00:00:%02lu.%06lu+08:00",
	    log_tx / 1000000 % 60, log_tx % 1000000);
	log_tx++;
	for (i = 0; i < log_nfield; i++) {
		if (log_field[i][0] == '\0')
			continue;
		printf("%s,gen,", t);
		write_str(log_field[0]);
		printf(",%s,,", columns[i]);
		write_str(log_field[i]);
		putchar('\n');
	}
	log_nfield = 0;
}

static void
endrow(void)
{
	if (log_mode)
		write_log_row();
	else
		putchar('\n');
	first_field = 1;
}

/* A field's text, to the row or (-l) kept for the log. */
static void
put_text(const char *s, int quote)
{
	sep();
	if (log_mode) {
		if (log_nfield < NELEM(columns))
			snprintf(log_field[log_nfield++],
			    sizeof(log_field[0]), "%s", s);
	} else if (quote)
		write_str(s);
	else
		fputs(s, stdout);
}

static void
put_str(const char *s)
{
	put_text(s, 1);
}

static void
put_date(long n)
{
	struct ymd t = ymd_of(n);
	char b[32];

	snprintf(b, sizeof(b), "%04d-%02d-%02d", t.y, t.m, t.d);
	put_text(b, 0);
}

static void
put_num(unsigned long long n)
{
	char b[32];

	snprintf(b, sizeof(b), "%llu", n);
	put_text(b, 0);
}

/*
 * Fill a template: its "%d", if any, becomes a number from 1 to max.  The
 * rest is copied as it is ("%" included).
 */
static void
fill(const char *tmpl, unsigned max, char *buf, size_t size)
{
	const char *at = strstr(tmpl, "%d");

	if (at == NULL)
		snprintf(buf, size, "%s", tmpl);
	else
		snprintf(buf, size, "%.*s%u%s", (int)(at - tmpl), tmpl,
		    1 + pick(max), at + 2);
}

static unsigned
weighted_cause(void)
{
	unsigned total = 0, u, i;

	for (i = 0; i < NELEM(causes); i++)
		total += causes[i].weight;
	u = pick(total);
	for (i = 0; u >= causes[i].weight; i++)
		u -= causes[i].weight;
	return i;
}

static const char *
weighted_channel(void)
{
	unsigned u = pick(100), i;

	for (i = 0; u >= channels[i].weight; i++)
		u -= channels[i].weight;
	return channels[i].name;
}

/* The customer, the market and the intake fields every case has. */
struct intake {
	int is_foreign;
	char customer[128];
	const char *channel;
	const char *product;
	char order_no[32];
	char part_no[32];
	unsigned qty, defect_qty;
	unsigned cause;
	char desc[256];
};

static void
make_intake(struct intake *k, long received)
{
	struct ymd t = ymd_of(received);
	const struct cause *c;
	unsigned u;

	k->is_foreign = pick(100) < 22;
	if (k->is_foreign)
		snprintf(k->customer, sizeof(k->customer), "%s",
		    foreign[pick(NELEM(foreign))]);
	else {
		/* One pick per statement: argument order is unspecified. */
		const char *city = cities[pick(NELEM(cities))];
		const char *firm = firms[pick(NELEM(firms))];

		snprintf(k->customer, sizeof(k->customer), "%s%s%s", city,
		    firm, trades[pick(NELEM(trades))]);
	}
	k->channel = weighted_channel();
	k->product = products[pick(NELEM(products))];
	snprintf(k->order_no, sizeof(k->order_no), "SO%02d%02d%04u",
	    t.y % 100, t.m, pick(10000));
	u = pick(100000);
	snprintf(k->part_no, sizeof(k->part_no), "PN-%05u-%c", u,
	    'A' + (int)pick(6));
	k->qty = 100 * (1 + pick(200));
	k->defect_qty = 1 + pick(k->qty / 10);
	k->cause = weighted_cause();
	c = &causes[k->cause];
	fill(c->desc[pick(c->desc[2] ? 3 : 2)], 50, k->desc, sizeof(k->desc));
}

/* The life cycle: how far an open case has come. */
static const char *const open_states[] = {
	"open", "investigating", "action", "verifying",
};

static void
write_case(long received, long today, const char *id, unsigned serial)
{
	struct intake k;
	const struct cause *c;
	const char *status, *resp, *dept = "", *root = "", *action = "";
	const char *disposition = "", *result = "";
	long due, closed = -1, reopen = -1;
	unsigned long long loss = 0;	/* fen */
	int investigated, u;
	char rid[32] = "", reopened[8] = "", money[32];

	make_intake(&k, received);
	c = &causes[k.cause];
	due = received + (k.is_foreign ? DAYS_FOREIGN : DAYS_DOMESTIC);

	u = (int)pick(1000);
	resp = u < 750 ? "ours" : u < 830 ? "supplier" : u < 890 ?
	    "carrier" : u < 960 ? "customer" : "none";
	if (u < 20) {			/* rejected: not established */
		status = "rejected";
		resp = pick(2) ? "customer" : "none";
		closed = received + 1 + pick(10);
		result = rejections[pick(NELEM(rejections))];
	} else if (u < 35) {		/* stuck: never got further */
		status = open_states[pick(NELEM(open_states))];
	} else {
		/* Days to close: mostly in time, one case in eight late. */
		long span = pick(8) == 0 ? 14 + pick(30) : 2 + pick(12);

		closed = received + span;
		if (pick(100) == 0 && closed + 3 <= today) {
			/* Reopened once, up to 17 days after closing. */
			reopen = closed + 3 + pick(15);
			if (reopen > today)
				reopen = today;
			closed = reopen + 2 + pick(14);
			due = reopen + (k.is_foreign ? DAYS_FOREIGN :
			    DAYS_DOMESTIC);
		}
		if (closed > today) {
			long age = today - (reopen >= 0 ? reopen : received);

			closed = -1;
			status = reopen >= 0 ? "action" : open_states[age < 2 ?
			    0 : age < 5 ? 1 : age < 10 ? 2 : 3];
		} else
			status = "closed";
	}
	if (closed > today)
		closed = today;

	/* What is known by now: nothing at intake, everything at closing. */
	investigated = strcmp(status, "open") != 0;
	if (strcmp(status, "investigating") == 0)
		resp = "";
	if (investigated)
		dept = depts[pick(3) == 0 ? pick(NELEM(depts)) : c->dept];
	if (investigated && strcmp(status, "investigating") != 0) {
		root = c->root[pick(2)];
		action = c->action[pick(2)];
	}
	if (strcmp(status, "closed") == 0) {
		disposition = dispositions[pick(NELEM(dispositions))];
		result = results[pick(NELEM(results))];
		if (pick(10) >= 3) {
			loss = 100ULL * (1 + pick(200));
			loss *= 1 + pick(100);
			loss += pick(100);
		}
	}
	if (strcmp(k.channel, "survey") == 0)
		snprintf(rid, sizeof(rid), "Q%02d%05u",
		    ymd_of(received).y % 100, serial);
	if (reopen >= 0)
		snprintf(reopened, sizeof(reopened), "1");

	put_str(id);
	put_date(received);
	put_str(k.customer);
	put_str(k.is_foreign ? "foreign" : "domestic");
	put_str(k.channel);
	put_str(k.product);
	put_str(k.order_no);
	put_str(k.part_no);
	put_num(k.qty);
	put_num(c->quality ? k.defect_qty : 0);
	put_str(k.desc);
	put_str(investigated && *resp ? (c->quality ? "quality" :
	    "non-quality") : "");
	put_str(investigated && *resp ? c->name : "");
	put_str(dept);
	put_str(resp);
	put_str(root);
	put_str(action);
	put_str(status);
	put_date(due);
	if (closed >= 0)
		put_date(closed);
	else
		put_str("");
	snprintf(money, sizeof(money), "%llu.%02llu", loss / 100, loss % 100);
	put_text(money, 0);
	put_str(disposition);
	put_str(result);
	put_str(rid);
	put_str(reopened);
	endrow();
}

static void
write_register(unsigned long rows)
{
	long today = day_of(TODAY_Y, TODAY_M, TODAY_D), ndays = today + 1;
	unsigned long i;
	unsigned serial = 0, total = 0;
	int month = -1;
	size_t j;

	if (log_mode)
		fputs("time,user,id,field,old,new\n", stdout);
	else {
		for (j = 0; j < NELEM(columns); j++)
			put_str(columns[j]);
		endrow();
	}
	for (i = 0; i < rows; i++) {
		long received = (long)(i * (unsigned long)ndays / rows);
		struct ymd t = ymd_of(received);
		char id[32];

		if (t.y * 12 + t.m != month) {
			month = t.y * 12 + t.m;
			serial = 0;
		}
		snprintf(id, sizeof(id), "%02d%02d%02u", t.y % 100, t.m,
		    ++serial);
		write_case(received, today, id, ++total);
	}
}

static void
write_intake(unsigned long rows)
{
	long today = day_of(TODAY_Y, TODAY_M, TODAY_D);
	long first = day_of(TODAY_Y, TODAY_M, 1);
	unsigned long i;
	size_t j;

	rng_state = 0x9e3779b97f4a7c15u;	/* not the register's cases */
	for (j = 0; j < NELEM(intake); j++)
		put_str(intake[j]);
	endrow();
	for (i = 0; i < rows; i++) {
		long received = first + (long)(i * (unsigned long)(today -
		    first + 1) / rows);
		struct intake k;

		make_intake(&k, received);
		put_date(received);
		put_str(k.customer);
		put_str(k.is_foreign ? "foreign" : "domestic");
		put_str(k.channel);
		put_str(k.product);
		put_str(k.order_no);
		put_str(k.part_no);
		put_num(k.qty);
		put_num(causes[k.cause].quality ? k.defect_qty : 0);
		put_str(k.desc);
		endrow();
	}
}

static void
usage(FILE *f)
{
	fputs("usage: gencomplaints [-l | -n] [ROWS]\n", f);
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];
	unsigned long long rows;
	char *end;
	int c, batch = 0;

	while ((c = getopt(argc, argv, "hln")) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'l':
			log_mode = 1;
			break;
		case 'n':
			batch = 1;
			break;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		usage(stderr);
		return 2;
	}
	rows = batch ? 1000 : 100000;
	if (optind < argc) {
		errno = 0;
		rows = strtoull(argv[optind], &end, 10);
		/*
		 * Serials have at most five digits (ids are 6 to 9 long):
		 * at most 99999 cases in each of the 23 months.
		 */
		if (errno != 0 || end == argv[optind] || *end != '\0' ||
		    argv[optind][0] == '-' || rows < 1 || rows > 2000000) {
			fprintf(stderr, "gencomplaints: bad row count '%s'\n",
			    argv[optind]);
			return 2;
		}
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	first_field = 1;
	if (batch)
		write_intake((unsigned long)rows);
	else
		write_register((unsigned long)rows);

	/* A short file on a full disk must not pass for a good one. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "gencomplaints: write error: %s\n",
		    strerror(errno));
		return 4;
	}
	return 0;
}
