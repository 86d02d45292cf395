/*
 * genhouseholds: write a synthetic household list of a property
 * management company for `make bench` (BENCH=sample).
 *
 *	genhouseholds [ROWS [ESTATES]]	default 1000000 households in 1000
 *					estates
 *
 * The columns are those cm-sample stratifies and keys on:
 * estate,building,customer,room,moved_in.  Estates have Chinese names
 * (花园, 小区, 苑, ...), numbered past the name list so that there are
 * ESTATES distinct ones, and uneven sizes: an estate's share is drawn
 * once, from 1 to 9 parts, so the largest are about nine times the
 * smallest (1,000 households on average at the defaults).  Households
 * come in no order of estate, as an export of a customer system does;
 * the building grows with the estate's size (about 60 households a
 * building), ids are H0000001 onwards, unique.
 *
 * The output is a function of the arguments only (a PRNG with a fixed
 * seed), so every machine times the same bytes, and the first N rows of
 * a longer run with the same ESTATES are the rows of a shorter one (the
 * memory check takes a prefix).  No field holds a comma, quote or
 * newline, so awk -F, and Miller read it as cm does.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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

/* A number in [0, n). */
static unsigned long
pick(unsigned long n)
{
	return (unsigned long)((rng() >> 11) % n);
}

static const char *const names[] = {
	"锦绣", "翠湖", "阳光", "金色", "碧桂", "紫荆", "丽景", "华庭",
	"御景", "海棠", "枫林", "桃源", "东湖", "西城", "南山", "北辰",
	"观澜", "滨江", "香榭", "春华", "秋实", "明珠", "星河", "云顶",
	"青山",
};
static const char *const kinds[] = {
	"花园", "小区", "苑", "家园", "新村", "公寓", "雅居", "名都",
};

/* Estate e's name: a name and a kind, numbered past the 200 pairs. */
static void
estate_name(unsigned long e, char *buf, size_t size)
{
	unsigned long pairs = NELEM(names) * NELEM(kinds);

	if (e < pairs)
		snprintf(buf, size, "%s%s", names[e % NELEM(names)],
		    kinds[e / NELEM(names) % NELEM(kinds)]);
	else
		snprintf(buf, size, "%s%s%lu期", names[e % NELEM(names)],
		    kinds[e / NELEM(names) % NELEM(kinds)], e / pairs + 1);
}

static unsigned long
parse(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > max) {
		fprintf(stderr, "genhouseholds: bad count '%s'\n", s);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];
	unsigned long rows = 1000000, nestates = 1000, i, e, total = 0;
	unsigned long *cum, *size;
	char (*name)[64];

	if (argc > 3 || (argc >= 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: genhouseholds [ROWS [ESTATES]]\n");
		return 2;
	}
	if (argc >= 2)
		rows = parse(argv[1], 1000000000);
	if (argc == 3)
		nestates = parse(argv[2], 1000000);
	cum = malloc(nestates * sizeof *cum);
	size = malloc(nestates * sizeof *size);
	name = malloc(nestates * sizeof *name);
	if (cum == NULL || size == NULL || name == NULL) {
		fprintf(stderr, "genhouseholds: out of memory\n");
		return 4;
	}
	/* Each estate's share, 1 to 9 parts, drawn before any household. */
	for (e = 0; e < nestates; e++) {
		total += 1 + pick(9);
		cum[e] = total;
		size[e] = 0;
		estate_name(e, name[e], sizeof name[e]);
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	fputs("estate,building,customer,room,moved_in\n", stdout);
	for (i = 0; i < rows; i++) {
		unsigned long r = pick(total), lo = 0, hi = nestates - 1;
		unsigned long storey, unit, year, month, day;

		/* The first estate whose cumulative share passes r. */
		while (lo < hi) {
			unsigned long mid = lo + (hi - lo) / 2;

			if (cum[mid] > r)
				hi = mid;
			else
				lo = mid + 1;
		}
		size[lo]++;
		/*
		 * One pick a statement: the order in which a call's
		 * arguments are evaluated is unspecified, and gcc and clang
		 * differ, which would make another file.
		 */
		storey = 1 + pick(30);
		unit = 1 + pick(4);
		year = 2000 + pick(26);
		month = 1 + pick(12);
		day = 1 + pick(28);
		printf("%s,%lu栋,H%07lu,%lu%02lu,%lu-%02lu-%02lu\n", name[lo],
		    1 + size[lo] / 60, i + 1, storey, unit, year, month, day);
	}
	/* A short file on a full disk must not pass for a good one. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "genhouseholds: write error: %s\n",
		    strerror(errno));
		return 4;
	}
	free(cum);
	free(size);
	free(name);
	return 0;
}
