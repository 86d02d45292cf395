/*
 * cm-report: charts, tables, mail and the monthly report that managers
 * get by email.
 *
 * 002 §4.1.6 (the satisfaction report to every department by the 8th),
 * 002 §4.2-4.3 (root causes shown as a Pareto chart, 柏拉图), 000
 * §5.3.1.6 (overall and per-item satisfaction and how it moves), 003
 * §4.3.3 (the yearly complaint report for the management review).
 */
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "report.h"
#include "xalloc.h"

static const char help[] = N_(
"Usage: cm-report [OPTION]... VERB [FILE]...\n"
"Charts, tables and mail from the CSV output of cm commands, and the\n"
"monthly satisfaction and complaint report.\n"
"\n"
"Verbs:\n"
"  chart --type=TYPE [FILE] a trend, pareto, likert or bar chart of a CSV\n"
"  table [FILE]             a CSV as a text, Markdown or HTML table\n"
"  mail                     a MIME message on standard output, for\n"
"                           sendmail -t\n"
"  monthly --month=YYYY-MM  the month's satisfaction and complaint report\n"
"  annual --year=YYYY       the year's complaint report (management review)\n"
"\n"
"  -T, --type=TYPE          chart: trend, pareto, likert or bar\n"
"  -x, --x=COL              chart: the column along the x axis\n"
"  -y, --y=COL              chart: the column of values\n"
"      --series=COL         chart: one line or bar group per value of COL\n"
"      --title=TEXT         chart, table: the title\n"
"      --target=P           chart, monthly: the target rate, percent\n"
"      --font=NAME,SIZE     chart, monthly, annual: the font (default\n"
"                           Noto Sans CJK SC,10)\n"
"      --size=W,H           chart: the size in pixels (default 800,480)\n"
"      --text               table: aligned text (the default)\n"
"      --md                 table: a Markdown table\n"
"      --html               table: an HTML table\n"
"      --from=ADDR          mail, monthly, annual: the sender (default\n"
"                           $CM_MAIL_FROM)\n"
"      --to=ADDR[,ADDR]...  mail, monthly, annual: the recipients (monthly,\n"
"                           annual: also write DIR/report.eml)\n"
"      --cc=ADDR[,ADDR]...  mail, monthly, annual: copies\n"
"      --subject=TEXT       mail: the subject\n"
"      --body=FILE          mail: the body (.html: HTML, else plain text)\n"
"      --attach=FILE        mail: attach FILE (a PNG the body shows goes\n"
"                           inline)\n"
"      --month=YYYY-MM      monthly: the month reported on\n"
"      --year=YYYY          annual: the year reported on\n"
"      --responses=FILE     monthly: survey forms (repeatable)\n"
"      --complaints=FILE    monthly, annual: the complaint register\n"
"  -i, --items=LIST         monthly: the rating columns (default: every\n"
"                           column of ratings)\n"
"      --as-of=DATE         monthly, annual: the day overdue is judged on\n"
"                           (default the period's last day)\n"
"      --calendar=NAME      monthly, annual: working days (as cm-complaint)\n"
"      --out=DIR            monthly, annual: write the report into DIR\n"
"\n"
"Exit status 1: monthly: the month's satisfaction is below --target, or\n"
"cases are overdue; annual: cases were closed late or are overdue.\n");

enum {
	OPT_AS_OF = CM_OPT_FIRST_FREE,
	OPT_ATTACH,
	OPT_BODY,
	OPT_CALENDAR,
	OPT_CC,
	OPT_COMPLAINTS,
	OPT_FONT,
	OPT_FROM,
	OPT_HTML,
	OPT_MD,
	OPT_MONTH,
	OPT_OUT,
	OPT_RESPONSES,
	OPT_SERIES,
	OPT_SIZE,
	OPT_SUBJECT,
	OPT_TARGET,
	OPT_TEXT,
	OPT_TITLE,
	OPT_TO,
	OPT_YEAR
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"attach", required_argument, NULL, OPT_ATTACH},
	{"body", required_argument, NULL, OPT_BODY},
	{"calendar", required_argument, NULL, OPT_CALENDAR},
	{"cc", required_argument, NULL, OPT_CC},
	{"complaints", required_argument, NULL, OPT_COMPLAINTS},
	{"font", required_argument, NULL, OPT_FONT},
	{"from", required_argument, NULL, OPT_FROM},
	{"html", no_argument, NULL, OPT_HTML},
	{"items", required_argument, NULL, 'i'},
	{"md", no_argument, NULL, OPT_MD},
	{"month", required_argument, NULL, OPT_MONTH},
	{"out", required_argument, NULL, OPT_OUT},
	{"responses", required_argument, NULL, OPT_RESPONSES},
	{"series", required_argument, NULL, OPT_SERIES},
	{"size", required_argument, NULL, OPT_SIZE},
	{"subject", required_argument, NULL, OPT_SUBJECT},
	{"target", required_argument, NULL, OPT_TARGET},
	{"text", no_argument, NULL, OPT_TEXT},
	{"title", required_argument, NULL, OPT_TITLE},
	{"to", required_argument, NULL, OPT_TO},
	{"type", required_argument, NULL, 'T'},
	{"x", required_argument, NULL, 'x'},
	{"y", required_argument, NULL, 'y'},
	{"year", required_argument, NULL, OPT_YEAR},
	{NULL, 0, NULL, 0}
};

/*
 * The verbs and the options each takes beyond those every verb takes:
 * an option that does not apply is a usage error, never silently
 * ignored (a --target on a table that nobody would see).
 */
#define MAILTO	" from to cc"
static const struct {
	const char *name;
	int (*run)(struct report *);
	const char *opts;
} verbs[] = {
	{"annual", report_annual, " year complaints as-of calendar out lang"
	    " font" MAILTO},
	{"chart", report_chart, " type x y series title target font size lang"
	    " output"},
	{"mail", report_mail, " subject body attach output" MAILTO},
	{"monthly", report_monthly, " month responses complaints items"
	    " target as-of calendar out lang font" MAILTO},
	{"table", report_table, " text md html title output lang"},
};
#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

static const char every[] = " delimiter encoding help map quiet tsv "
    "verbose version";

/* The addresses of --to and --cc are copies (addr_add); the rest are argv's. */
static void
list_free(struct report_list *l, int copies)
{
	size_t i;

	for (i = 0; copies && i < l->n; i++)
		free((char *)l->v[i]);
	free(l->v);
}

static void
list_add(struct report_list *l, const char *v)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = v;
}

/*
 * --to and --cc repeat and take comma lists: "a@x,b@y".  A comma inside
 * a quoted display name ("Zhao, Wu" <z@x>, as RFC 5322 writes a name
 * with a comma) does not split.
 */
static void
addr_add(struct report_list *l, const char *arg)
{
	const char *p = arg, *q;
	int quoted = 0;

	for (q = arg;; q++) {
		if (quoted && *q == '\\' && q[1] != '\0')
			q++;
		else if (*q == '"')
			quoted = !quoted;
		else if (*q == '\0' || (*q == ',' && !quoted)) {
			list_add(l, xstrndup(p, (size_t)(q - p)));
			if (*q == '\0')
				break;
			p = q + 1;
		}
	}
}

/* --size W,H, each 200..4000 pixels. */
static void
size_opt(struct report *r, const char *arg)
{
	const char *comma = strchr(arg, ',');
	long long w, h;
	char *ws;

	if (comma == NULL)
		cm_usage_error("invalid --size '%s' (expected W,H in pixels, "
		    "such as 800,480)", arg);
	ws = xstrndup(arg, (size_t)(comma - arg));
	if (cm_strtonum(ws, 200, 4000, &w) < 0 ||
	    cm_strtonum(comma + 1, 200, 4000, &h) < 0) {
		free(ws);
		cm_usage_error("invalid --size '%s' (expected W,H in pixels, "
		    "each from 200 to 4000)", arg);
	}
	free(ws);
	r->width = (int)w;
	r->height = (int)h;
}

/*
 * --font NAME,SIZE: a name (its bytes reach gnuplot escaped, whatever
 * they are) and a size of 4 to 72 points, whole or decimal; NAME alone
 * is NAME at 10 points (chart-plot.c).  A size gnuplot cannot draw
 * would give a picture without a word on it, and exit 0.
 */
static void
font_opt(struct report *r, const char *arg)
{
	const char *comma = strrchr(arg, ',');
	long long pt;

	if (*arg == '\0' || comma == arg)
		cm_usage_error("invalid --font '%s' (expected NAME,SIZE, such "
		    "as 'Noto Sans CJK SC,10')", cm_msg_value(arg));
	if (comma != NULL && cm_milli_parse(comma + 1, 3, 4000, 72000,
	    &pt) != 0)
		cm_usage_error("invalid --font '%s' (the size is 4 to 72 "
		    "points)", cm_msg_value(arg));
	r->font = arg;
}

/* YYYY-MM with a month 01..12, or YYYY, as the periods are named. */
static void
period_opt(const char *opt, const char *arg, int month)
{
	long long v;
	size_t n = month ? 7 : 4;

	if (strlen(arg) != n || strspn(arg, "0123456789") != 4 ||
	    (month && (arg[4] != '-' ||
	    strspn(arg + 5, "0123456789") != 2 ||
	    cm_strtonum(arg + 5, 1, 12, &v) < 0)))
		cm_usage_error("invalid %s '%s' (expected %s)", opt, arg,
		    month ? "YYYY-MM" : "YYYY");
	{
		char *ys = xstrndup(arg, 4);
		int bad = cm_strtonum(ys, 1900, 9999, &v) < 0;

		free(ys);
		if (bad)
			cm_usage_error("invalid %s '%s' (the year is out of "
			    "range)", opt, arg);
	}
}

int
main(int argc, char **argv)
{
	struct report r;
	unsigned char given[512] = {0};
	long long target;
	size_t i;
	int ch, ntable = 0;

	memset(&r, 0, sizeof(r));
	cm_common_init(&r.co, argc, argv, help);
	cm_common_longopts(longopts);
	r.table_fmt = TABLE_TEXT;
	/* Options may stand before or after the verb (getopt permutes). */
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS "i:T:x:y:",
	    longopts, NULL)) != -1) {
		if (ch >= 0 && ch < 512)
			given[ch] = 1;
		if (cm_common_option(&r.co, ch, optarg))
			continue;
		switch (ch) {
		case 'i':
			r.items = optarg;
			break;
		case 'T':
			if (strcmp(optarg, "trend") != 0 &&
			    strcmp(optarg, "pareto") != 0 &&
			    strcmp(optarg, "likert") != 0 &&
			    strcmp(optarg, "bar") != 0)
				cm_usage_error("invalid --type '%s' (trend, "
				    "pareto, likert or bar)", optarg);
			r.type = optarg;
			break;
		case 'x':
			r.x = optarg;
			break;
		case 'y':
			r.y = optarg;
			break;
		case OPT_AS_OF:
			r.as_of = optarg;
			break;
		case OPT_ATTACH:
			list_add(&r.attach, optarg);
			break;
		case OPT_BODY:
			r.body = optarg;
			break;
		case OPT_CALENDAR:
			r.calendar = optarg;
			break;
		case OPT_CC:
			addr_add(&r.cc, optarg);
			break;
		case OPT_COMPLAINTS:
			r.complaints = optarg;
			break;
		case OPT_FONT:
			font_opt(&r, optarg);
			break;
		case OPT_FROM:
			r.from = optarg;
			break;
		case OPT_HTML:
			r.table_fmt = TABLE_HTML;
			ntable++;
			break;
		case OPT_MD:
			r.table_fmt = TABLE_MD;
			ntable++;
			break;
		case OPT_MONTH:
			period_opt("--month", optarg, 1);
			r.month = optarg;
			break;
		case OPT_OUT:
			r.out_dir = optarg;
			break;
		case OPT_RESPONSES:
			list_add(&r.responses, optarg);
			break;
		case OPT_SERIES:
			r.series = optarg;
			break;
		case OPT_SIZE:
			size_opt(&r, optarg);
			break;
		case OPT_SUBJECT:
			r.subject = optarg;
			break;
		case OPT_TARGET:
			if (cm_money_parse(optarg, 0, 10000, &target) < 0)
				cm_usage_error("invalid --target '%s' (a "
				    "percentage from 0 to 100)", optarg);
			r.target = (long)target;
			r.has_target = 1;
			break;
		case OPT_TEXT:
			r.table_fmt = TABLE_TEXT;
			ntable++;
			break;
		case OPT_TITLE:
			r.title = optarg;
			break;
		case OPT_TO:
			addr_add(&r.to, optarg);
			break;
		case OPT_YEAR:
			period_opt("--year", optarg, 0);
			r.year = optarg;
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&r.co);
	if (optind >= argc)
		cm_usage_error("no verb (chart, table, mail, monthly, annual)");
	for (i = 0; i < NVERBS; i++)
		if (strcmp(argv[optind], verbs[i].name) == 0)
			break;
	if (i == NVERBS)
		cm_usage_error("unknown verb '%s' (chart, table, mail, monthly, "
		    "annual)", argv[optind]);
	cm_opt_mode_check(longopts, given, every, verbs[i].opts, -1,
	    verbs[i].name, NULL);
	if (ntable > 1)
		cm_usage_error("--text, --md and --html are different tables: "
		    "give one");
	r.verb = verbs[i].name;
	/*
	 * Every verb writes for people (a table, a chart, a report): without
	 * --lang, the locale's language, as --format table's (opt.h).
	 */
	if (!r.co.lang_given)
		r.co.out.lang = cm_lang_default();
	r.lang = r.co.out.lang == CM_LANG_ZH ? "zh" : "en";
	r.files = argv + optind + 1;
	r.nfiles = argc - optind - 1;
	/*
	 * What main allocated is freed when the verb returns: r is main's,
	 * and LeakSanitizer (make check SANITIZE=1) counts what only a dead
	 * frame pointed to as leaked.
	 */
	ch = verbs[i].run(&r);
	cm_colmap_free(r.co.map);
	list_free(&r.to, 1);
	list_free(&r.cc, 1);
	list_free(&r.attach, 0);
	list_free(&r.responses, 0);
	return ch;
}
