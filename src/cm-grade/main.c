/*
 * cm-grade: customers graded A, B or C by rules anyone can read.
 *
 * 001/13 and 001/14 (the three grades by credit standing, the report
 * rhythm of each), 000 §5.4.3 (customer grading), 000 §5.4.2 (the review
 * that wants the changes), 004/5 §1.2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "xalloc.h"

static const char help[] = N_(
"Usage: cm-grade [OPTION]... [FILE]...\n"
"  or:  cm-grade --abc=COLUMN [--cuts=A,B] [OPTION]... [FILE]...\n"
"  or:  cm-grade --due=YYYY-MM [OPTION]... [FILE]...\n"
"  or:  cm-grade --diff=PREVIOUS [OPTION]... [FILE]\n"
"Grade the customers in FILEs (CSV rows; standard input without FILE) A, B\n"
"or C by the rules of a rule file, first match wins: every row is written\n"
"unchanged with its grade and the FILE:LINE of the rule that decided.\n"
"\n"
"  -r, --rules=FILE         the rules (default share/cm/grade.rules)\n"
"      --abc=COLUMN         ABC analysis by COLUMN instead of the rules\n"
"      --as-of=DATE         the day ages are counted to (default today)\n"
"      --cuts=A,B           --abc: the cumulative shares of A and B\n"
"                           (default 80,95)\n"
"      --diff=PREVIOUS      the customers whose grade changed since\n"
"                           PREVIOUS, a graded file\n"
"      --due=YYYY-MM        only the customers whose credit report falls\n"
"                           due that month\n"
"      --explain=ID         every rule tried for customer ID, what each\n"
"                           condition saw, and which decided\n"
"\n"
"Exit status 1: --diff found a change, or --abc graded C a customer whose\n"
"value is negative or empty.\n");

enum {
	OPT_ABC = CM_OPT_FIRST_FREE,
	OPT_AS_OF,
	OPT_CUTS,
	OPT_DIFF,
	OPT_DUE,
	OPT_EXPLAIN
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"abc", required_argument, NULL, OPT_ABC},
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"cuts", required_argument, NULL, OPT_CUTS},
	{"diff", required_argument, NULL, OPT_DIFF},
	{"due", required_argument, NULL, OPT_DUE},
	{"explain", required_argument, NULL, OPT_EXPLAIN},
	{"rules", required_argument, NULL, 'r'},
	{NULL, 0, NULL, 0}
};

/*
 * What each mode does and the options it takes beyond those every mode
 * takes: an option that does not apply is a usage error, never silently
 * ignored (--cuts without --abc would grade by the rules).
 */
#define OUTPUT	" output format excel lang"
static const struct {
	int opt;		/* 0: grading */
	int (*run)(struct ctx *);
	const char *opts;
} modes[] = {
	{0, do_grade, " rules as-of" OUTPUT},
	{OPT_ABC, do_abc, " cuts precision" OUTPUT},
	{OPT_DIFF, do_diff, " rules as-of" OUTPUT},
	{OPT_DUE, do_due, " rules as-of" OUTPUT},
	{OPT_EXPLAIN, do_explain, " rules as-of lang"},
};
#define NMODES (sizeof(modes) / sizeof(modes[0]))

static const char every[] = " delimiter encoding help map quiet tsv "
    "verbose version";


static const char *
mode_name(size_t m)
{
	return m > 0 ? cm_opt_name(longopts, modes[m].opt) :
	    _("grading by the rules");
}

static void
mode_options(size_t m, const unsigned char *given)
{
	cm_opt_mode_check(longopts, given, every, modes[m].opts,
	    m > 0 ? modes[m].opt : -1, _("grading by the rules"), NULL);
}

/* --cuts A,B: two percentages, 0 < A < B <= 100, to the hundredth. */
static void
cuts_opt(struct ctx *c, const char *arg)
{
	const char *comma = strchr(arg, ',');
	char *a;

	if (comma == NULL)
		cm_usage_error("invalid --cuts '%s' (expected two percentages "
		    "such as 80,95)", arg);
	a = xstrndup(arg, (size_t)(comma - arg));
	if (cm_money_parse(a, 1, 10000, &c->cut_a) < 0 ||
	    cm_money_parse(comma + 1, 1, 10000, &c->cut_b) < 0 ||
	    c->cut_a >= c->cut_b) {
		free(a);
		cm_usage_error("invalid --cuts '%s' (expected two percentages "
		    "such as 80,95, the first smaller, neither above 100)",
		    arg);
	}
	free(a);
}

/* --due YYYY-MM. */
static void
due_opt(struct ctx *c, const char *arg)
{
	if (cm_month_parse(arg, &c->due_year, &c->due_month) < 0)
		cm_usage_error("invalid month '%s' for --due (expected "
		    "YYYY-MM)", arg);
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {NULL};
	struct ctx c;
	unsigned char given[512] = {0};
	size_t m = 0, i;
	int ch, status, as_of = 0;

	memset(&c, 0, sizeof(c));
	cm_common_init(&c.co, argc, argv, help);
	cm_common_longopts(longopts);
	c.cut_a = 8000;
	c.cut_b = 9500;
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS "r:",
	    longopts, NULL)) != -1) {
		if (ch >= 0 && ch < 512)
			given[ch] = 1;
		if (cm_common_option(&c.co, ch, optarg))
			continue;
		switch (ch) {
		case 'r':
			c.rules_path = optarg;
			break;
		case OPT_ABC: case OPT_DIFF: case OPT_DUE: case OPT_EXPLAIN:
			for (i = 1; i < NMODES; i++)
				if (modes[i].opt == ch)
					break;
			if (m != 0 && m != i)
				cm_usage_error("--%s and --%s are different "
				    "reports: give one", mode_name(m),
				    mode_name(i));
			m = i;
			if (ch == OPT_ABC)
				c.abc = optarg;
			else if (ch == OPT_DIFF)
				c.previous = optarg;
			else if (ch == OPT_DUE)
				due_opt(&c, optarg);
			else
				c.explain = optarg;
			break;
		case OPT_AS_OF:
			if (cm_date_parse(optarg, strlen(optarg), &c.today) < 0)
				cm_usage_error("invalid date '%s' for --as-of",
				    optarg);
			as_of = 1;
			break;
		case OPT_CUTS:
			cuts_opt(&c, optarg);
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&c.co);
	mode_options(m, given);
	if (modes[m].run == do_diff && argc - optind > 1)
		cm_usage_error("--diff compares one FILE with PREVIOUS, not "
		    "%d files", argc - optind);
	if (!as_of && (c.today = cm_today()) < 0)
		cm_usage_error("CM_TODAY is not a date");
	if (optind < argc) {
		c.inputs = argv + optind;
		c.ninputs = argc - optind;
	} else {
		c.inputs = stdin_only;
		c.ninputs = 1;
	}
	status = modes[m].run(&c);
	if (c.attention && status == CM_OK)
		status = CM_ATTENTION;
	rules_free(&c);
	cm_colmap_free(c.co.map);
	return status;
}
