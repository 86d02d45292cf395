/*
 * genproperty: write a synthetic customer-property journal for `make
 * bench` (BENCH=receive).
 *
 *	genproperty [MOVEMENTS]		a journal (default 5000000 movements)
 *	genproperty -b [ROWS]		a batch for `cm-receive` to append
 *					(default 1000 rows)
 *
 * The journal is in cm-receive's exact format (the lead's spec for issue
 * 9): the 14 columns date,customer,part_no,name,spec,unit,kind,action,
 * qty,declared_qty,location,ref,by,note, canonical English actions, kinds
 * and units, quantities with their unit's decimals, quoted only where
 * RFC 4180 needs it.  It is what cm-receive would have written had every
 * movement been appended through it, so `cm-receive --check` finds
 * nothing in it.  The output is a function of the arguments only: the
 * generator has its own PRNG with a fixed seed, so every machine times the
 * same bytes.  Movements are written in the order they happen, so any
 * prefix of whole lines of the journal is a journal too (bench/receive.sh
 * takes its 1M-row journal as the head of the 5M one).
 *
 * What is in it.  500 customers (Chinese firms, six foreign ones), each
 * with 10 to 30 parts of its own (about 20, so about 10,000 balances):
 * materials counted in pcs, kg or m, test equipment, and entrusted items
 * (keys, drawings, documents).  Every action of the balance model occurs:
 * receive (counted against the declared quantity, about 5% differ),
 * accept and reject at incoming inspection, issue to production, return
 * to the customer, scrap, lose and damage (rare), lend to a department
 * and giveback by it.  The generator keeps each part's balances and only
 * writes a movement its balances allow: no balance ever goes negative, a
 * giveback returns a loan that is out (the oldest, by its department),
 * and materials are issued, never lent.  kg and m quantities have up to
 * three decimals, pcs are whole.  Dates run evenly from 2017-01-01 to
 * 2026-11-23 (CM_TODAY of the tests and bench), never backwards.
 *
 * A batch (-b) is what a storekeeper appends at the end of that day:
 * rows dated 2026-11-23, in groups of four on one part (receive,
 * accept, issue half, return the rest for a material; receive, accept,
 * lend, giveback for equipment; receive, lend, giveback, return for an
 * entrusted item), each group valid on its own, so
 * the same batch can be appended to an empty journal and to the end of
 * any journal this program wrote.
 *
 * Fields never hold a comma, quote or newline, except note, the last
 * column: some notes hold an ASCII comma and are quoted.  So a plain
 * split on commas (bench/receive-balance.awk, awk -F,) reads the first
 * thirteen columns right, which is all a balance needs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define NCUSTOMERS 500
#define FIRST_Y 2017		/* the journal starts on 1 January */
#define TODAY_Y 2026		/* and ends on TODAY */
#define TODAY_M 11
#define TODAY_D 23
#define MAXLOANS 4		/* open loans a generated part may have */

static const char *const header =
    "date,customer,part_no,name,spec,unit,kind,action,qty,declared_qty,"
    "location,ref,by,note\n";

/* Customers: city, firm, trade; and a few foreign ones. */
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
static const char *const foreign[] = {
	"Lumen Technik GmbH", "Baltic Power Systems AB",
	"Meridian Controls LLC", "Alpen Sensorik AG",
	"Ostrava Elektro s.r.o.", "Verde Automação Ltda.",
};

enum kind { MATERIAL, EQUIPMENT, ENTRUSTED };
static const char *const kinds[] = {"material", "equipment", "entrusted"};

/* The catalogue of things customers send, with their unit. */
static const struct item {
	enum kind kind;
	const char *unit;	/* pcs (whole), kg or m (thousandths) */
	const char *name;
	const char *spec;
	int64_t lo, hi;		/* a receipt's size, in thousandths */
} items[] = {
	{MATERIAL, "pcs", "覆铜板", "FR-4 1.6mm 1020×1220", 50000, 800000},
	{MATERIAL, "pcs", "贴片电阻", "0603 10kΩ ±1%", 5000000, 50000000},
	{MATERIAL, "pcs", "电解电容", "470μF 25V", 1000000, 20000000},
	{MATERIAL, "pcs", "连接器", "2.54mm 2×20P", 500000, 10000000},
	{MATERIAL, "pcs", "塑胶外壳", "ABS 黑色 V0", 200000, 5000000},
	{MATERIAL, "pcs", "包装纸箱", "五层 600×400×300", 100000, 2000000},
	{MATERIAL, "pcs", "芯片", "STM32F103C8T6", 100000, 3000000},
	{MATERIAL, "kg", "锡膏", "SAC305 T4", 5000, 60000},
	{MATERIAL, "kg", "焊锡丝", "Sn99.3Cu0.7 Φ0.8mm", 10000, 120000},
	{MATERIAL, "kg", "塑胶粒", "PC/ABS 灰色", 100000, 2500000},
	{MATERIAL, "kg", "漆包线", "QA-1 Φ0.35mm", 20000, 600000},
	{MATERIAL, "kg", "阻焊油墨", "绿色 感光型", 5000, 80000},
	{MATERIAL, "kg", "铝型材", "6063-T5", 200000, 3000000},
	{MATERIAL, "m", "电源线", "RVV 3×1.5mm²", 100000, 3000000},
	{MATERIAL, "m", "屏蔽线", "RVVP 4×0.3mm²", 50000, 2000000},
	{MATERIAL, "m", "热缩管", "Φ6mm 黑色", 100000, 1500000},
	{MATERIAL, "m", "铜箔胶带", "35μm 宽10mm", 50000, 1000000},
	{MATERIAL, "m", "干膜", "1.5mil 宽610mm", 100000, 2000000},
	{EQUIPMENT, "pcs", "测试治具", "ICT 针床", 1000, 2000},
	{EQUIPMENT, "pcs", "示波器", "200MHz 四通道", 1000, 2000},
	{EQUIPMENT, "pcs", "烧录器", "八拖一", 1000, 3000},
	{EQUIPMENT, "pcs", "检具", "外形尺寸 专用", 1000, 4000},
	{EQUIPMENT, "pcs", "电子秤", "30kg/0.1g", 1000, 2000},
	{ENTRUSTED, "pcs", "仓库钥匙", "客户专用库位", 1000, 3000},
	{ENTRUSTED, "pcs", "技术图纸", "A3 受控版", 1000, 5000},
	{ENTRUSTED, "pcs", "承认书", "样品承认 受控", 1000, 3000},
	{ENTRUSTED, "pcs", "软件光盘", "烧录程序 V2", 1000, 2000},
};

static const char *const depts[] = {
	"品质部", "生产部", "工程部", "研发部", "仓储部", "计划部",
};
static const char *const people[] = {
	"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄磊",
	"周杰", "吴霞", "徐强", "孙丽",
};
/* Why a lot is rejected, lost or damaged: what the customer is told. */
static const char *const reject_why[] = {
	"外观划伤", "尺寸超差", "来料受潮", "标签与实物不符",
	"来料混料, 抽检 3 件", "可焊性不良", "包装破损 内有变形",
};
static const char *const lose_why[] = {
	"盘点短少", "搬运中遗失", "库位错放未找回",
};
static const char *const damage_why[] = {
	"叉车碰撞损坏", "仓库漏水受潮", "跌落, 外壳破裂", "超期存放老化",
};
static const char *const issue_note[] = {
	"", "", "", "按工单领用", "补料", "首件试产",
};

/* One balance: a customer's part and where its quantity is. */
struct part {
	unsigned customer;
	unsigned item;		/* index in items[] */
	unsigned no;		/* the part's number within its customer */
	int64_t pending, stock, hold, on_loan;
	int nloans;		/* open loans, oldest first */
	int64_t loan_qty[MAXLOANS];
	unsigned loan_dept[MAXLOANS];
};

static char customer_name[NCUSTOMERS][96];
static char customer_code[NCUSTOMERS][8];
static struct part *parts;
static size_t nparts;

/* xorshift64* (Vigna): the same numbers on every machine. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

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

/* A number in [lo, hi]. */
static int64_t
between(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
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

/* "YYYY-MM-DD" of day n, cached: consecutive rows share their day. */
static const char *
date_of(long n)
{
	static char s[48];
	static long cached = -1;
	int y = FIRST_Y, m = 1;
	long left = n;

	if (n == cached)
		return s;
	while (left >= 365 + leap(y))
		left -= 365 + leap(y++);
	while (left >= mdays(y, m))
		left -= mdays(y, m++);
	snprintf(s, sizeof(s), "%04d-%02d-%02ld", y, m, left + 1);
	cached = n;
	return s;
}

/*
 * Customers: distinct city-firm-trade names (a stride through the 2,560
 * combinations that is prime to their number); the 25th, 50th, ... 150th
 * are foreign (six of them).
 */
static void
make_customers(void)
{
	size_t ncomb = NELEM(cities) * NELEM(firms) * NELEM(trades);
	size_t k = 7, i;

	for (i = 0; i < NCUSTOMERS; i++) {
		if (i % 25 == 24 && i / 25 < NELEM(foreign))
			snprintf(customer_name[i], sizeof(customer_name[i]),
			    "%s", foreign[i / 25]);
		else
			snprintf(customer_name[i], sizeof(customer_name[i]),
			    "%s%s%s", cities[k % NELEM(cities)],
			    firms[k / NELEM(cities) % NELEM(firms)],
			    trades[k / NELEM(cities) / NELEM(firms)]);
		k = (k + 1031) % ncomb;
		snprintf(customer_code[i], sizeof(customer_code[i]), "C%03zu",
		    i + 1);
	}
}

/*
 * Parts: 10 to 30 per customer; one in eight equipment or entrusted,
 * the rest materials.  Part numbers are the customer's: C017-M05.
 */
static void
make_parts(void)
{
	size_t cap = NCUSTOMERS * 30, c;
	unsigned n, j, nmat = 0, nother = 0;

	while (nmat < NELEM(items) && items[nmat].kind == MATERIAL)
		nmat++;
	nother = (unsigned)NELEM(items) - nmat;
	if ((parts = calloc(cap, sizeof(*parts))) == NULL) {
		perror("genproperty");
		exit(4);
	}
	for (c = 0; c < NCUSTOMERS; c++) {
		n = 10 + pick(21);
		for (j = 0; j < n; j++) {
			struct part *p = &parts[nparts++];

			p->customer = (unsigned)c;
			p->no = j + 1;
			p->item = pick(8) == 0 ? nmat + pick(nother) :
			    pick(nmat);
		}
	}
}

/* A quantity in thousandths, with its unit's decimals: "12", "3.250". */
static void
put_qty(int64_t q, const char *unit)
{
	if (strcmp(unit, "pcs") == 0)
		printf("%lld", (long long)(q / 1000));
	else
		printf("%lld.%03lld", (long long)(q / 1000),
		    (long long)(q % 1000));
}

/* A note, quoted when it holds a comma (it never holds a quote). */
static void
put_note(const char *s)
{
	if (strchr(s, ',') != NULL)
		printf("\"%s\"", s);
	else
		fputs(s, stdout);
}

/*
 * One row.  A receive names the part in full; other movements do only
 * now and then (name, spec, unit and kind may be empty after a part's
 * first receive, as a clerk typing the movement leaves them).
 */
static void
put_row(long day, const struct part *p, const char *action, int64_t qty,
    int64_t declared, const char *location, const char *ref, const char *by,
    const char *note)
{
	const struct item *it = &items[p->item];
	int full = strcmp(action, "receive") == 0 || pick(2) == 0;

	printf("%s,%s,%s-%c%02u,", date_of(day), customer_name[p->customer],
	    customer_code[p->customer], "MEK"[it->kind], p->no);
	if (full)
		printf("%s,%s,%s,%s,", it->name, it->spec, it->unit,
		    kinds[it->kind]);
	else
		fputs(",,,,", stdout);
	printf("%s,", action);
	put_qty(qty, it->unit);
	putchar(',');
	if (declared >= 0)
		put_qty(declared, it->unit);
	printf(",%s,%s,%s,", location, ref, by);
	put_note(note);
	putchar('\n');
}

/* A quantity of a part's unit: whole pcs, or any thousandths. */
static int64_t
whole(const struct part *p, int64_t q)
{
	if (strcmp(items[p->item].unit, "pcs") == 0)
		q -= q % 1000;
	return q;
}

/* Some of q, at least one unit's worth when q has it (0 < result <= q). */
static int64_t
some_of(const struct part *p, int64_t q)
{
	int64_t s = whole(p, (int64_t)((uint64_t)q * (1 + pick(100)) / 100));

	if (s <= 0)
		s = q;
	return s;
}

static char refbuf[32];

static const char *
delivery_note(long day, unsigned serial)
{
	const char *d = date_of(day);

	snprintf(refbuf, sizeof(refbuf), "SH%.4s%.2s%.2s%03u", d, d + 5,
	    d + 8, serial % 1000);
	return refbuf;
}

static char locbuf[16];

static const char *
stock_location(const struct part *p)
{
	snprintf(locbuf, sizeof(locbuf), "%c-%02u-%02u",
	    "ABCD"[p->customer % 4], p->customer % 40 + 1, p->no);
	return locbuf;
}

/*
 * One movement of part p on day: an action its balances allow, with
 * weights that keep a material flowing (received, inspected, issued) and
 * the rare events rare.
 */
static void
move(long day, struct part *p, unsigned long serial)
{
	const struct item *it = &items[p->item];
	const char *who = people[pick(NELEM(people))];
	enum { RECEIVE, ACCEPT, REJECT, ISSUE, RETURN, SCRAP, LOSE, DAMAGE,
	    LEND, GIVEBACK, NACTIONS };
	unsigned w[NACTIONS] = {0}, total = 0, r, a;
	int64_t q, d;

	w[RECEIVE] = p->pending + p->stock == 0 ? 600 : 120;
	if (p->pending > 0) {
		w[ACCEPT] = 400;
		w[REJECT] = 30;
	}
	if (p->stock > 0) {
		if (it->kind == MATERIAL)
			w[ISSUE] = 450;
		else
			w[LEND] = p->nloans < MAXLOANS ? 300 : 0;
		w[LOSE] = 1;
		w[DAMAGE] = 2;
	}
	if (p->hold > 0) {
		w[RETURN] = 120;
		w[SCRAP] = 40;
	} else if (p->stock > 0)
		w[RETURN] = it->kind == MATERIAL ? 20 : 60;
	if (p->nloans > 0)
		w[GIVEBACK] = 300;
	for (a = 0; a < NACTIONS; a++)
		total += w[a];
	r = pick(total);
	for (a = 0; r >= w[a]; a++)
		r -= w[a];

	switch (a) {
	case RECEIVE:
		q = whole(p, between(it->lo, it->hi));
		d = q;
		if (pick(20) == 0) {	/* the count differs: short, or over */
			d = whole(p, q + (pick(3) == 0 ? -1 : 1) *
			    (int64_t)((uint64_t)q * (1 + pick(5)) / 100));
			if (d < 0)
				d = 0;
		}
		if (it->kind == ENTRUSTED)
			p->stock += q;
		else
			p->pending += q;
		put_row(day, p, "receive", q, d, it->kind == ENTRUSTED ?
		    "保管柜" : "待检区", delivery_note(day, (unsigned)serial),
		    who, q == d ? "" : "清点数量与送货单不符");
		break;
	case ACCEPT:
		q = pick(4) == 0 ? some_of(p, p->pending) : p->pending;
		p->pending -= q;
		p->stock += q;
		put_row(day, p, "accept", q, -1, stock_location(p), "", who,
		    "");
		break;
	case REJECT:
		q = some_of(p, p->pending);
		p->pending -= q;
		p->hold += q;
		put_row(day, p, "reject", q, -1, "H-01", "", who,
		    reject_why[pick(NELEM(reject_why))]);
		break;
	case ISSUE:
		q = some_of(p, p->stock);
		p->stock -= q;
		put_row(day, p, "issue", q, -1, stock_location(p),
		    depts[1 + pick(2)], who, issue_note[pick(NELEM(issue_note))]);
		break;
	case RETURN:	/* from the hold first, then stock */
		q = p->hold > 0 ? p->hold : some_of(p, p->stock);
		if (p->hold >= q)
			p->hold -= q;
		else {
			p->stock -= q - p->hold;
			p->hold = 0;
		}
		put_row(day, p, "return", q, -1, "", delivery_note(day,
		    (unsigned)serial + 500), who, "");
		break;
	case SCRAP:
		q = some_of(p, p->hold);
		p->hold -= q;
		put_row(day, p, "scrap", q, -1, "H-01", "", who, "客户同意报废");
		break;
	case LOSE:
	case DAMAGE:	/* a little: a fiftieth of a material, one of a thing */
		q = it->kind == MATERIAL ? whole(p, p->stock / 50) : 1000;
		if (q == 0)
			q = p->stock < 1000 ? p->stock : 1000;
		p->stock -= q;
		put_row(day, p, a == LOSE ? "lose" : "damage", q, -1,
		    stock_location(p), "", who, a == LOSE ?
		    lose_why[pick(NELEM(lose_why))] :
		    damage_why[pick(NELEM(damage_why))]);
		break;
	case LEND:
		q = 1000;
		p->stock -= q;
		p->on_loan += q;
		p->loan_qty[p->nloans] = q;
		p->loan_dept[p->nloans++] = pick(NELEM(depts));
		put_row(day, p, "lend", q, -1, stock_location(p),
		    depts[p->loan_dept[p->nloans - 1]], who, "");
		break;
	case GIVEBACK:	/* the oldest loan, by its department */
		q = p->loan_qty[0];
		p->on_loan -= q;
		p->stock += q;
		put_row(day, p, "giveback", q, -1, stock_location(p),
		    depts[p->loan_dept[0]], who, "");
		p->nloans--;
		memmove(p->loan_qty, p->loan_qty + 1,
		    (size_t)p->nloans * sizeof(p->loan_qty[0]));
		memmove(p->loan_dept, p->loan_dept + 1,
		    (size_t)p->nloans * sizeof(p->loan_dept[0]));
		break;
	}
}

/*
 * The journal: movement i happens on day i * span / n, on a part picked
 * with a skew (a third of the parts get most of the traffic), as a busy
 * materials office sees it.  Every part's first movement is a receive:
 * a part with nothing in it can only be received.
 */
static void
write_journal(unsigned long n)
{
	long span = day_of(TODAY_Y, TODAY_M, TODAY_D) + 1;
	unsigned long i;
	struct part *p;

	fputs(header, stdout);
	for (i = 0; i < n; i++) {
		size_t k = pick(3) == 0 ? pick((unsigned)nparts) :
		    pick((unsigned)(nparts / 3));

		p = &parts[k];
		move((long)((unsigned long long)i * (unsigned long)span / n),
		    p, i);
	}
}

/*
 * A batch for the end of TODAY: groups of four rows on one part each,
 * valid whatever the part held before (see the top of the file).  An
 * entrusted item skips inspection: its receive goes straight to stock.
 */
static void
write_batch(unsigned long n)
{
	static const char *const steps[][4] = {
		[MATERIAL] = {"receive", "accept", "issue", "return"},
		[EQUIPMENT] = {"receive", "accept", "lend", "giveback"},
		[ENTRUSTED] = {"receive", "lend", "giveback", "return"},
	};
	long day = day_of(TODAY_Y, TODAY_M, TODAY_D);
	const char *action, *who;
	unsigned long i;
	struct part p = {0};
	int64_t q = 1000, half = 0;

	fputs(header, stdout);
	for (i = 0; i < n; i++) {
		if (i % 4 == 0) {
			p = parts[pick((unsigned)nparts)];
			/* a material's receipt is 5 units or more */
			q = items[p.item].kind == MATERIAL ?
			    whole(&p, between(items[p.item].lo,
			    items[p.item].hi)) : 1000;
			half = whole(&p, q / 2);
		}
		action = steps[items[p.item].kind][i % 4];
		who = people[i % NELEM(people)];
		if (strcmp(action, "receive") == 0)
			put_row(day, &p, action, q, q, items[p.item].kind ==
			    ENTRUSTED ? "保管柜" : "待检区",
			    delivery_note(day, (unsigned)i), who, "");
		else if (strcmp(action, "issue") == 0)
			put_row(day, &p, action, half, -1, stock_location(&p),
			    "生产部", who, "按工单领用");
		else if (strcmp(action, "return") == 0)
			put_row(day, &p, action, items[p.item].kind ==
			    MATERIAL ? q - half : q, -1, "",
			    delivery_note(day, (unsigned)i + 500), who,
			    "余料退回");
		else if (strcmp(action, "lend") == 0 ||
		    strcmp(action, "giveback") == 0)
			put_row(day, &p, action, q, -1, stock_location(&p),
			    "品质部", who, "");
		else
			put_row(day, &p, action, q, -1, stock_location(&p),
			    "", who, "");
	}
}

static void
usage(FILE *f)
{
	fputs("usage: genproperty [MOVEMENTS]\n"
	    "       genproperty -b [ROWS]\n", f);
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];
	unsigned long long rows;
	char *end;
	int c, batch = 0;

	while ((c = getopt(argc, argv, "bh")) != -1) {
		switch (c) {
		case 'b':
			batch = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		usage(stderr);
		return 2;
	}
	rows = batch ? 1000 : 5000000;
	if (optind < argc) {
		errno = 0;
		rows = strtoull(argv[optind], &end, 10);
		if (errno != 0 || end == argv[optind] || *end != '\0' ||
		    argv[optind][0] == '-' || rows < 1 || rows > 1000000000) {
			fprintf(stderr, "genproperty: bad row count '%s'\n",
			    argv[optind]);
			return 2;
		}
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	make_customers();
	make_parts();
	if (batch)
		write_batch((unsigned long)rows);
	else
		write_journal((unsigned long)rows);

	/* A short file on a full disk must not pass for a good one. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "genproperty: write error: %s\n",
		    strerror(errno));
		return 4;
	}
	free(parts);
	return 0;
}
