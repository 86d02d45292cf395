/*
 * gencustomers: write a synthetic customer archive for `make bench`
 * (BENCH=grade).
 *
 *	gencustomers [ROWS]		default 1000000 customers
 *
 * The columns are those the default grading rules read
 * (share/cm/grade.rules, 001/13), with a city carried through:
 * id,name,first_trade,designated,receivables,annual_trade,employees,type,
 * defaults,reputation,city.  The output is a function of ROWS only (a
 * PRNG with a fixed seed), so every machine times the same bytes, and the
 * first N rows of a longer run are the rows of a shorter one.
 *
 * The mix is that of a manufacturer's customer list, so that every rule
 * decides some rows and most rows run through many rules before one
 * decides (the costly case for a rule engine): about 6% of customers
 * first traded with us within the last year and 1% have no date; 5% are
 * designated A and 35% B; one in five is a wholesaler, distributor or
 * one-person shop (in Chinese, traditional Chinese or English); headcounts
 * are spread from 8 to 8000 on a log scale (a few unknown); receivables
 * are 0 to 25% of the annual trade (one in twenty owes 30 to 60%), so
 * that the large accounts owe 500,000 or more; one in ten has defaulted;
 * reputations are mostly good words, a few bad, and a few that only look
 * bad (不差, "not bad").  Money has two decimals in a third of the rows.  Dates are ISO, 2005-01-01 to 2026-11-23 (the
 * bench's run date).
 *
 * No field holds a comma, quote or newline, so awk -F, and Miller read it
 * as cm does.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Days since 1970-01-01 of the first possible first trade and of the run
   date the bench passes as --as-of (2026-11-23). */
#define DAY_FIRST 12784L	/* 2005-01-01 */
#define DAY_TODAY 20780L	/* 2026-11-23 */

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

/* A number in [0, n). */
static unsigned long
pick(unsigned long n)
{
	return (unsigned long)((rng() >> 11) % n);
}

/* One of a table of words, with weights in per mille. */
struct word {
	const char *w;
	int permille;
};

static const char *
weighted(const struct word *t, size_t n)
{
	unsigned long r = pick(1000);
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (r < (unsigned long)t[i].permille)
			return t[i].w;
		r -= (unsigned long)t[i].permille;
	}
	return t[n - 1].w;
}

static const struct word types[] = {
	{"制造商", 500}, {"manufacturer", 100}, {"贸易公司", 80},
	{"批发商", 70}, {"经销商", 50}, {"Wholesaler", 20},
	{"批發商", 10}, {"零售商", 50}, {"物流服务", 30},
	{"个体工商户", 40}, {"个人商店", 10}, {"中间商", 20},
	{"distributor", 20},
};

static const struct word reputations[] = {
	{"良好", 560}, {"一般", 150}, {"good", 80}, {"优", 60},
	{"", 30}, {"不差", 20}, {"not bad", 10}, {"差", 30},
	{"较差", 20}, {"欠佳", 10}, {"poor", 10}, {"有拖欠记录", 10},
	{"黑名单", 10},
};

static const char *const prefixes[] = {
	"华丰", "远东", "金诚", "明辉", "瑞丰", "东方", "嘉利", "永信",
	"华南", "立信", "海通", "鑫源", "宏达", "新创", "恒泰", "联发",
	"福星", "长城", "宝利", "天成",
};
static const char *const trades[] = {
	"电子", "五金", "塑胶", "精密机械", "纺织", "包装", "化工",
	"电器", "光学", "模具",
};
static const char *const en_prefixes[] = {
	"Apex", "Pacific", "Northwind", "Kestrel", "Brightway",
};
static const char *const en_trades[] = {
	"Electronics", "Motors", "Trading", "Optics", "Plastics",
};
static const char *const cities[] = {
	"东莞", "深圳", "苏州", "宁波", "佛山", "义乌", "中山", "温州",
	"绍兴", "昆山", "广州", "厦门", "天津", "上海", "Hong Kong",
	"Singapore", "Taipei", "Penang",
};

/* Howard Hinnant's days_from_civil, inverted. */
static void
ymd(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Yuan in fen, two decimals in a third of the rows, whole otherwise. */
static void
money(unsigned long long fen, int cents)
{
	if (cents)
		printf("%llu.%02llu", fen / 100, fen % 100);
	else
		printf("%llu", fen / 100);
}

static void
customer(unsigned long i)
{
	unsigned long long trade, recv;
	unsigned long r, share;
	int y, m, d, cents;

	/* One customer in ten is foreign. */
	if (pick(10) == 0)
		printf("K%07lu,%s %s Ltd,", i + 1,
		    en_prefixes[pick(NELEM(en_prefixes))],
		    en_trades[pick(NELEM(en_trades))]);
	else
		printf("K%07lu,%s%s%s,", i + 1, prefixes[pick(NELEM(prefixes))],
		    trades[pick(NELEM(trades))], pick(2) ? "有限公司" : "");

	/* first_trade: 1% unknown, 6% within the last year. */
	r = pick(1000);
	if (r >= 10) {
		long day = r < 70 ? DAY_TODAY - (long)pick(365) :
		    DAY_FIRST + (long)pick(DAY_TODAY - 365 - DAY_FIRST);
		ymd(day, &y, &m, &d);
		printf("%04d-%02d-%02d", y, m, d);
	}

	/* designated: 5% A, 35% B. */
	r = pick(100);
	printf(",%s,", r < 5 ? "A" : r < 40 ? "B" : "");

	/* annual_trade from 10,000 to about 20,000,000 yuan, log-spread;
	   receivables 0 to 25% of it
	   (one in twenty 30 to 60%), 2% of them past 500,000. */
	trade = 1000000ULL;
	for (r = pick(11); r > 0; r--)
		trade *= 2;
	trade += pick((unsigned long)trade);
	cents = pick(3) == 0;
	if (!cents)
		trade -= trade % 100;
	share = pick(20) == 0 ? 30 + pick(31) : pick(26);
	recv = trade / 100 * share;
	if (pick(50) == 0)
		recv = 50000000ULL + pick(100000000UL);
	if (!cents)
		recv -= recv % 100;
	money(recv, cents);
	putchar(',');
	money(trade, cents);
	putchar(',');

	/* employees 8 to about 8000, log-spread; 2% unknown. */
	if (pick(50) != 0) {
		unsigned long e = 8;
		for (r = pick(10); r > 0; r--)
			e *= 2;
		printf("%lu", e + pick(e));
	}

	/* type, defaults (90% none), reputation, city. */
	r = pick(100);
	printf(",%s,%lu,%s,%s\n", weighted(types, NELEM(types)),
	    r < 90 ? 0 : r < 97 ? 1 : 2 + pick(4),
	    weighted(reputations, NELEM(reputations)),
	    cities[pick(NELEM(cities))]);
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];
	unsigned long rows = 1000000, i;
	char *end;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: gencustomers [ROWS]\n");
		return 2;
	}
	if (argc == 2) {
		errno = 0;
		rows = strtoul(argv[1], &end, 10);
		if (errno != 0 || end == argv[1] || *end != '\0' ||
		    rows < 1 || rows > 1000000000) {
			fprintf(stderr, "gencustomers: bad row count '%s'\n",
			    argv[1]);
			return 2;
		}
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	fputs("id,name,first_trade,designated,receivables,annual_trade,"
	    "employees,type,defaults,reputation,city\n", stdout);
	for (i = 0; i < rows; i++)
		customer(i);

	/* A short file on a full disk must not pass for a good one. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "gencustomers: write error: %s\n",
		    strerror(errno));
		return 4;
	}
	return 0;
}
