/*
 * genpenalty: write the synthetic inputs of cm-penalty for `make bench`
 * (BENCH=penalty): a factory's staff, a year of judged complaint cases,
 * and a month's sanctions.
 *
 *	genpenalty staff STAFF		person,name,unit,dept,base_points,bonus
 *	genpenalty cases CASES STAFF	case,closed,loss,party,share,a_price,
 *					resale_price,resale_qty,resold
 *	genpenalty sanctions MONTH STAFF	person,kind,count (MONTH 1..12)
 *
 * Each output is a function of its arguments only (a PRNG with a fixed
 * seed per file), so every machine times the same bytes.
 *
 * The staff is that of a manufacturer (004 article 3, 经济处罚准则 一/二):
 * nine in ten are in production sections (制造N科) made of groups of
 * about fifteen (装配NN组), the rest in sales and service departments of
 * about a hundred, in groups too; person ids P00001..; base points 0.8 to
 * 2.0 with one decimal, a few with two (1.25); monthly efficiency bonus
 * 1,500 to 6,000 yuan, one person in a hundred with none.
 *
 * The cases are closed from 2026-01-01 to 2026-12-31, evenly in case
 * order, and numbered YYMM and a serial of the month.  Each is judged
 * (经济处罚准则 一/二, 二 sharing): seven in ten on one party, two in ten
 * on two (60/40, 50/50, 70/30), one in ten on three (50/30/20,
 * 33.33/33.33/33.34), never the same party twice; a party is a person
 * (half), a group (a third) or a department (the rest, mostly production
 * sections).
 * Parties are drawn with a skew, so that a few people are at fault often
 * and carry deductions over months.  Losses are 20 to 2,000 yuan with fen,
 * spread on a log scale.  One case in seven is a returned product with an
 * A-grade price (一): half resold within 30 days of closing, a quarter
 * later, a quarter not resold.
 *
 * No field holds a comma, quote or newline, so awk -F, reads it as cm
 * does.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define GROUP 15		/* people in a group */
#define DAY_FIRST 20454L	/* 2026-01-01, days since 1970-01-01 */
#define DAYS 365L

static uint64_t rng_state;

/* xorshift64* (Vigna): the same numbers on every machine. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1du;
}

static unsigned long
pick(unsigned long n)
{
	return (unsigned long)((rng() >> 11) % n);
}

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

static void
date(long day)
{
	int y, m, d;

	ymd(day, &y, &m, &d);
	printf("%04d-%02d-%02d", y, m, d);
}

/*
 * The organisation, a function of the staff count: person i (from 0) is
 * in group i / GROUP; the first nine tenths of the groups make up the
 * production sections, ten groups a section; the rest make up sales and
 * service departments, seven groups a department.
 */
static unsigned long nstaff, ngroups, nprodgroups;

static void
org(unsigned long staff)
{
	nstaff = staff;
	ngroups = (staff + GROUP - 1) / GROUP;
	nprodgroups = ngroups * 9 / 10;
	if (nprodgroups == 0)
		nprodgroups = 1;
}

/* Names are short: 64 bytes hold any of them. */
#define NAMELEN 64

static void
group_name(char *b, unsigned long g)
{
	if (g < nprodgroups)
		snprintf(b, NAMELEN, "制造%lu科装配%02lu组", g / 10 + 1,
		    g % 10 + 1);
	else {
		unsigned long k = g - nprodgroups;
		snprintf(b, NAMELEN, "%s%lu部%lu组",
		    k / 7 % 2 ? "服务" : "业务", k / 14 + 1, k % 7 + 1);
	}
}

static void
dept_name(char *b, unsigned long g)
{
	if (g < nprodgroups)
		snprintf(b, NAMELEN, "制造%lu科", g / 10 + 1);
	else {
		unsigned long k = g - nprodgroups;
		snprintf(b, NAMELEN, "%s%lu部", k / 7 % 2 ? "服务" : "业务",
		    k / 14 + 1);
	}
}

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐",
	"孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
	"艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国", "志强",
	"海燕", "小红", "晓东",
};

static void
staff(void)
{
	unsigned long i, p, b;
	char unit[NAMELEN], dept[NAMELEN];

	puts("person,name,unit,dept,base_points,bonus");
	for (i = 0; i < nstaff; i++) {
		group_name(unit, i / GROUP);
		dept_name(dept, i / GROUP);
		printf("P%05lu,%s%s,%s,%s", i + 1,
		    surnames[pick(NELEM(surnames))],
		    given[pick(NELEM(given))], unit, dept);
		/* Points 0.8 to 2.0; one in twenty with two decimals. */
		p = 8 + pick(13);
		if (pick(20) == 0)
			printf(",%lu.%lu5", p / 10, p % 10);
		else
			printf(",%lu.%lu", p / 10, p % 10);
		/* Bonus 1,500 to 6,000 yuan, in tens; 1% none. */
		b = pick(100) == 0 ? 0 : 1500 + 10 * pick(451);
		printf(",%lu\n", b);
	}
}

/* One of n drawn with a skew: a quarter of the draws fall on a fixed
   twentieth of them (spread over the organisation by the factor 17), so
   that some people and groups are at fault month after month. */
static unsigned long
skewed(unsigned long n)
{
	unsigned long few = n / 20 ? n / 20 : 1;

	if (pick(4) == 0)
		return pick(few) * 17 % n;
	return pick(n);
}

static void
party(char *b)
{
	unsigned long r = pick(6);

	if (r < 3)
		snprintf(b, NAMELEN, "P%05lu", skewed(nstaff) + 1);
	else if (r < 5)
		group_name(b, skewed(ngroups));
	else
		dept_name(b, pick(ngroups));
}

static const char *const splits[][3] = {
	{"100", NULL, NULL},
	{"60", "40", NULL}, {"50", "50", NULL}, {"70", "30", NULL},
	{"50", "30", "20"}, {"33.33", "33.33", "33.34"},
};

static void
cases(unsigned long n)
{
	unsigned long i, serial = 0, k, nparties, a_price, resale, qty;
	long day, resold;
	int lastm = 0, y, m, d;
	const char *const *split;
	unsigned long long loss;
	char parties[3][NAMELEN];

	puts("case,closed,loss,party,share,a_price,resale_price,resale_qty,"
	    "resold");
	for (i = 0; i < n; i++) {
		day = DAY_FIRST + (long)(i * DAYS / n);
		ymd(day, &y, &m, &d);
		serial = m == lastm ? serial + 1 : 1;
		lastm = m;
		/* 20 to 2,000 yuan with fen, log-spread. */
		loss = 2000;
		for (k = pick(7); k > 0; k--)
			loss *= 2;
		loss += pick((unsigned long)loss);
		if (loss > 200000)
			loss = 200000 - pick(5000);
		k = pick(10);
		split = splits[k < 7 ? 0 : k < 9 ? 1 + pick(3) : 4 + pick(2)];
		nparties = split[2] ? 3 : split[1] ? 2 : 1;
		/* One in seven resellable: half resold within 30 days. */
		a_price = resale = qty = 0;
		resold = -1;
		if (pick(7) == 0) {
			a_price = 1000 + pick(19001);
			resale = a_price * (40 + pick(51)) / 100;
			qty = 1 + pick(60);
			k = pick(4);
			if (k < 2)
				resold = day + (long)pick(31);
			else if (k == 2)
				resold = day + 31 + (long)pick(60);
		}
		/* A party is named once in a case. */
		for (k = 0; k < nparties; k++)
			do
				party(parties[k]);
			while ((k > 0 && !strcmp(parties[k], parties[0])) ||
			    (k > 1 && !strcmp(parties[k], parties[1])));
		for (k = 0; k < nparties; k++) {
			printf("%02d%02d%05lu,", y % 100, m, serial);
			date(day);
			printf(",%llu.%02llu,%s,%s,", loss / 100, loss % 100,
			    parties[k], split[k]);
			if (a_price) {
				printf("%lu.%02lu,%lu.%02lu,%lu,", a_price / 100,
				    a_price % 100, resale / 100, resale % 100,
				    qty);
				if (resold >= 0)
					date(resold);
			} else
				fputs(",,,", stdout);
			putchar('\n');
		}
	}
}

/* A month's sanctions (五): about 1% of the staff warned, 0.3% a minor
   demerit, 0.05% a major one. */
static void
sanctions(unsigned long month)
{
	unsigned long i, r;

	puts("person,kind,count");
	for (i = 0; i < nstaff; i++) {
		r = pick(10000);
		if (r < 100)
			printf("P%05lu,warning,%d\n", i + 1, 1 + (r < 10));
		else if (r < 130)
			printf("P%05lu,minor,1\n", i + 1);
		else if (r < 135)
			printf("P%05lu,major,1\n", i + 1);
	}
	(void)month;
}

static unsigned long
count(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > max) {
		fprintf(stderr, "genpenalty: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];

	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	if (argc == 3 && strcmp(argv[1], "staff") == 0) {
		org(count(argv[2], 10000000));
		rng_state = 0x9e3779b97f4a7c15u;
		staff();
	} else if (argc == 4 && strcmp(argv[1], "cases") == 0) {
		org(count(argv[3], 10000000));
		rng_state = 0x2545f4914f6cdd1du;
		cases(count(argv[2], 100000000));
	} else if (argc == 4 && strcmp(argv[1], "sanctions") == 0) {
		unsigned long month = count(argv[2], 12);

		org(count(argv[3], 10000000));
		rng_state = 0xd1b54a32d192ed03u + month;
		sanctions(month);
	} else {
		fprintf(stderr, "usage: genpenalty staff STAFF\n"
		    "       genpenalty cases CASES STAFF\n"
		    "       genpenalty sanctions MONTH STAFF\n");
		return 2;
	}
	/* A short file on a full disk must not pass for a good one. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "genpenalty: write error: %s\n",
		    strerror(errno));
		return 4;
	}
	return 0;
}
