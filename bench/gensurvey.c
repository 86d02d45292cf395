/*
 * gensurvey: write a synthetic satisfaction-survey file for `make bench`.
 *
 *	gensurvey [-q | -t] [ROWS]
 *
 * Writes ROWS questionnaires (default 1000000) after a header row to
 * standard output, as RFC 4180 CSV, or as TSV with -t.  With -q every
 * field of the CSV is quoted, the header's and empty ones too, as some
 * exporters write it: the same rows, so cm must print the same answer
 * for both files, and the bench sees what quoting costs.  The output is
 * a function of ROWS and the flag only: the generator has its own PRNG
 * with a fixed seed, so every machine times the same bytes.
 *
 * Columns: id, period (8 quarters), product_type (环保, 非环保, OEM: 24
 * groups in all), the six ratings cm-survey-calc reads, customer, comment.
 * Ratings are digits 1..5 leaning to 4 and 5, with about 2% empty (not
 * answered).  The customer column is not in the description; it is
 * here because a real form names the customer, and it brings the file to
 * the size (about 73 bytes a row) without padding comments.
 *
 * The comment is empty in four rows of five.  In the fifth it is a quoted
 * field holding commas, doubled quotes and Chinese text, the case a naive
 * split gets wrong.  It is the last column and never holds a newline, so a
 * split on commas still finds columns 1 to 10 correctly: the awk peer in
 * bench/run.sh relies on that.  In TSV the comment is written unquoted,
 * its quotes as single characters; it holds no tab.  An unanswered rating
 * is "NA" in TSV (see rating()).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const periods[] = {
	"2025Q1", "2025Q2", "2025Q3", "2025Q4",
	"2026Q1", "2026Q2", "2026Q3", "2026Q4",
};

static const char *const ptypes[] = { "环保", "非环保", "OEM" };

/* Customer names are built from three parts: city, firm, trade. */
static const char *const cities[] = {
	"苏州", "宁波", "东莞", "深圳", "无锡", "常州", "佛山", "温州",
	"昆山", "嘉兴", "台州", "中山",
};
static const char *const firms[] = {
	"华东", "恒通", "鑫达", "永盛", "宏远", "金泰", "瑞丰", "天成",
	"博源", "汇川", "新亚", "长信", "佳和", "富临", "正泰", "东升",
};
static const char *const trades[] = {
	"塑胶公司", "电子厂", "机械有限公司", "五金厂",
	"包装材料厂", "汽配公司", "电器厂", "科技有限公司",
};

/*
 * Comment clauses, as the respondent typed them (a quote is one '"').
 * The CSV writer doubles the quotes; clauses are joined with ", ".
 */
static const char *const clauses[] = {
	"交货期太长",
	"包装\"破损\"",
	"please fix",
	"希望改进售后服务",
	"响应太慢",
	"产品质量稳定",
	"标签\"不符合\"要求",
	"价格偏高",
	"送货及时",
	"thanks",
	"来料检验报告缺失",
	"说明书\"看不懂\"",
	"希望缩短交期",
	"客服态度很好",
	"批次间颜色不一致",
	"尺寸超差, 已退货",
	"业务员\"小王\"很专业",
	"发票开错, 请更正",
};

/*
 * xorshift64* (Vigna): 64 bits of state, good enough for test data and
 * the same everywhere, unlike rand().
 */
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

/*
 * One rating as text: not answered (about 2%) or a digit leaning to 4
 * and 5.  Not answered is an empty cell in CSV and "NA" in TSV: datamash
 * takes an empty cell for a bad number even with --narm, and NA is the
 * marker --narm skips, so that is how its users write a missing value.
 * bias (per mille) moves a group's answers up or down a little, so the
 * groups' means differ as they would in a real survey.
 */
static const char *
rating(int bias, int tsv)
{
	int u = (int)pick(1000);

	if (u < 20)
		return tsv ? "NA" : "";
	u += bias;
	if (u < 45)
		return "1";
	if (u < 110)
		return "2";
	if (u < 260)
		return "3";
	if (u < 610)
		return "4";
	return "5";
}

/*
 * Append the comment, quoted for CSV (quotes doubled) or raw for TSV.
 * Under -q it is quoted once, like any other field.
 */
static void
put_comment(FILE *f, int tsv)
{
	unsigned i, k = 2 + pick(3);
	const char *s;

	if (!tsv)
		putc('"', f);
	for (i = 0; i < k; i++) {
		if (i > 0)
			fputs(", ", f);
		for (s = clauses[pick(NELEM(clauses))]; *s != '\0'; s++) {
			if (*s == '"' && !tsv)
				putc('"', f);
			putc(*s, f);
		}
	}
	if (!tsv)
		putc('"', f);
}

static void
usage(FILE *f)
{
	fputs("usage: gensurvey [-q | -t] [ROWS]\n", f);
}

int
main(int argc, char *argv[])
{
	static char obuf[1 << 20];
	const char *sep = ",";
	unsigned long long rows = 1000000, n;
	char *end;
	int c, quote = 0, tsv = 0;

	while ((c = getopt(argc, argv, "hqt")) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'q':
			quote = 1;
			/* Each separator closes a field and opens the next. */
			sep = "\",\"";
			break;
		case 't':
			tsv = 1;
			sep = "\t";
			break;
		default:
			usage(stderr);
			return 2;
		}
	}
	/* TSV has no quoting: -q -t would be a file no exporter writes. */
	if (argc - optind > 1 || (quote && tsv)) {
		usage(stderr);
		return 2;
	}
	if (optind < argc) {
		errno = 0;
		rows = strtoull(argv[optind], &end, 10);
		if (errno != 0 || end == argv[optind] || *end != '\0' ||
		    argv[optind][0] == '-' || rows > 999999999) {
			fprintf(stderr, "gensurvey: bad row count '%s'\n",
			    argv[optind]);
			return 2;
		}
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));

	/*
	 * Under -q, sep is '","': only a line's first and last quotes are
	 * written apart.
	 */
	printf("%sid%speriod%sproduct_type%squality%sdelivery%scooperation%s"
	    "improvement%sservice%soverall%scustomer%scomment%s\n",
	    quote ? "\"" : "", sep, sep, sep, sep, sep, sep, sep, sep, sep,
	    sep, quote ? "\"" : "");
	for (n = 1; n <= rows; n++) {
		unsigned p = pick(NELEM(periods)), t = pick(NELEM(ptypes));
		int bias = (int)((p * 7 + t * 13) % 9) * 10 - 40, i;

		printf("%sR%06llu%s%s%s%s", quote ? "\"" : "", n, sep,
		    periods[p], sep, ptypes[t]);
		for (i = 0; i < 6; i++)
			printf("%s%s", sep, rating(bias, tsv));
		/* One pick per statement: argument order is unspecified. */
		fputs(sep, stdout);
		fputs(cities[pick(NELEM(cities))], stdout);
		fputs(firms[pick(NELEM(firms))], stdout);
		fputs(trades[pick(NELEM(trades))], stdout);
		/* The comment brings its own quotes (put_comment). */
		fputs(quote ? "\"," : sep, stdout);
		if (pick(5) == 0)
			put_comment(stdout, tsv);
		else if (quote)
			fputs("\"\"", stdout);
		putchar('\n');
	}

	/* A short file on a full disk must not pass for a good one. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "gensurvey: write error: %s\n",
		    strerror(errno));
		return 4;
	}
	return 0;
}
