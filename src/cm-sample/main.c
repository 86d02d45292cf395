/*
 * cm-sample: who gets the survey form, who gets a visit, and whether the
 * month's visits were made.
 *
 * 000 §5.3.1.2 (forms to at least 80% of customers), 001/3 (2)a (15% of
 * the households of old estates, 30% of new ones, random and evenly
 * spread), 001/5 §4.3.1 (visits to 10% of households a month, every
 * complaint and serious repair called back, phone at most half).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "rank.h"
#include "sample.h"
#include "xalloc.h"

/* Printed by fputs: its "%" is no printf conversion (no-c-format). */
static const char help[] = N_(
/* xgettext:no-c-format */
"Usage: cm-sample --rate=P [OPTION]... [FILE]...\n"
"  or:  cm-sample --visits --month=YYYY-MM --must=FILE [OPTION]... [FILE]...\n"
"  or:  cm-sample --check-visits=RECORD --month=YYYY-MM [OPTION]... [FILE]...\n"
"Pick the customers of FILEs (CSV rows; standard input without FILE) who\n"
"get the survey form: P% of each stratum, rounded up, after its must list,\n"
"the rest by a keyed hash of (seed, id), so that anyone can re-derive the\n"
"pick.  Rows are written unchanged with their reason, must or random.\n"
"\n"
"      --rate=P             the share of each stratum, in percent (--visits,\n"
"                           --check-visits: default 10)\n"
"      --by=COLS            strata by these columns, comma-separated\n"
"      --rates=FILE         a rate per value of the first --by column\n"
"      --must=FILE          customers always in (and callbacks due)\n"
"      --must-id=COL        the id column of the must file (default --id)\n"
"      --seed=TEXT          the hash's seed (default the month, YYYY-MM)\n"
"      --id=COL             the id column (default customer; in a file\n"
"                           without one, id)\n"
"      --summary            one row per stratum instead of the rows\n"
"      --visits             the month's visit plan, with method\n"
"      --month=YYYY-MM      the month of the plan or of the record\n"
"      --phone-max=P        at most P% of the plan by phone (default 50)\n"
"      --check-visits=RECORD  the month's visit record against the plan's\n"
"                           rules: rate, phone share, callbacks\n"
"\n"
"Exit status 1: --check-visits found the rate under --rate, phone calls\n"
"over --phone-max, or a callback missing.\n");

enum {
	OPT_BY = CM_OPT_FIRST_FREE,
	OPT_CHECK,
	OPT_ID,
	OPT_MONTH,
	OPT_MUST,
	OPT_MUST_ID,
	OPT_PHONE_MAX,
	OPT_RATE,
	OPT_RATES,
	OPT_SEED,
	OPT_SUMMARY,
	OPT_VISITS
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"by", required_argument, NULL, OPT_BY},
	{"check-visits", required_argument, NULL, OPT_CHECK},
	{"id", required_argument, NULL, OPT_ID},
	{"month", required_argument, NULL, OPT_MONTH},
	{"must", required_argument, NULL, OPT_MUST},
	{"must-id", required_argument, NULL, OPT_MUST_ID},
	{"phone-max", required_argument, NULL, OPT_PHONE_MAX},
	{"rate", required_argument, NULL, OPT_RATE},
	{"rates", required_argument, NULL, OPT_RATES},
	{"seed", required_argument, NULL, OPT_SEED},
	{"summary", no_argument, NULL, OPT_SUMMARY},
	{"visits", no_argument, NULL, OPT_VISITS},
	{NULL, 0, NULL, 0}
};

/*
 * The modes and the options each takes beyond those every mode takes:
 * an option that does not apply is a usage error, never silently ignored
 * (--rates under --visits would look like a plan by estate).
 */
#define OUTPUT	" output format excel lang"
static const struct {
	int opt;		/* 0: the sample */
	int (*run)(struct ctx *);
	const char *opts;
} modes[] = {
	{0, sample_run, " rate by rates must must-id seed id summary" OUTPUT},
	{OPT_VISITS, visits_run,
	    " month rate phone-max by must must-id seed id" OUTPUT},
	{OPT_CHECK, check_run, " month rate phone-max must must-id id" OUTPUT},
};
#define NMODES (sizeof(modes) / sizeof(modes[0]))

static const char every[] = " delimiter encoding help map quiet tsv "
    "verbose version";

static const char *
mode_name(size_t m)
{
	return m > 0 ? cm_opt_name(longopts, modes[m].opt) : _("the sample");
}

int
rate_parse(const char *s, long long min, long long *out)
{
	const char *dot;
	size_t n = strlen(s);
	char *t;
	int rc;

	if (n > 0 && s[n - 1] == '%')
		n--;
	t = xstrndup(s, n);
	/* cm_money_parse rounds a third decimal; a rate must not lose one. */
	dot = strchr(t, '.');
	rc = (dot != NULL && strspn(dot + 1, "0123456789") > 2) ? -1 :
	    cm_money_parse(t, min, RATE_WHOLE, out);
	free(t);
	return rc;
}

static long long
rate_opt(const char *opt, const char *arg)
{
	long long v;

	if (rate_parse(arg, 1, &v) < 0)
		cm_usage_error("invalid rate '%s' for --%s (expected a "
		    "percentage above 0 and at most 100, at most two decimals)",
		    cm_msg_value(arg), opt);
	return v;
}

/* --phone-max 0: a month without phone calls, every household visited. */
static long long
phone_max_opt(const char *arg)
{
	long long v;

	if (rate_parse(arg, 0, &v) < 0)
		cm_usage_error("invalid rate '%s' for --phone-max (expected a "
		    "percentage from 0 to 100, at most two decimals)",
		    cm_msg_value(arg));
	return v;
}

/* --by a,b: the names as given; an empty one is a usage error. */
static void
by_opt(struct ctx *c, const char *arg)
{
	const char *p = arg, *comma;

	for (;;) {
		comma = strchr(p, ',');
		if (comma == p || *p == '\0')
			cm_usage_error("invalid --by '%s' (expected column "
			    "names separated by commas)", cm_msg_value(arg));
		c->by = xreallocarray(c->by, c->nby + 1, sizeof(*c->by));
		c->by[c->nby++] = comma != NULL ?
		    xstrndup(p, (size_t)(comma - p)) : xstrdup(p);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

static void
month_opt(struct ctx *c, const char *arg)
{
	if (cm_month_parse(arg, &c->year, &c->month) < 0)
		cm_usage_error("invalid month '%s' for --month (expected "
		    "YYYY-MM)", cm_msg_value(arg));
}

void
ctx_free(struct ctx *c)
{
	size_t i, j;

	for (i = 0; i < c->nby; i++)
		free(c->by[i]);
	free(c->by);
	for (i = 0; i < c->nstrata; i++) {
		struct stratum *s = &c->strata[i];

		free(s->key);
		for (j = 0; j < c->nby; j++)
			free(s->values[j]);
		free(s->values);
		for (j = 0; j < s->nheap; j++)
			free(s->heap[j].id);
		free(s->heap);
	}
	free(c->strata);
	cm_strset_free(c->stratum_ix);
	for (i = 0; i < c->nrates; i++)
		free(c->rate_keys[i]);
	free(c->rate_keys);
	free(c->rate_of);
	cm_strset_free(c->rates);
	for (i = 0; i < c->nmusts; i++) {
		free(c->musts[i].id);
		free(c->musts[i].reason);
	}
	free(c->musts);
	cm_strset_free(c->must_ix);
	customers_done(c);
	cm_colmap_free(c->co.map);
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {NULL};
	static char month_seed[8];
	struct ctx c;
	unsigned char given[512] = {0};
	size_t m = 0, i;
	int ch, status;

	memset(&c, 0, sizeof(c));
	cm_common_init(&c.co, argc, argv, help);
	cm_common_longopts(longopts);
	c.rate = -1;
	c.phone_max = -1;
	c.id_col = "customer";
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (ch >= 0 && ch < 512)
			given[ch] = 1;
		if (cm_common_option(&c.co, ch, optarg))
			continue;
		switch (ch) {
		case OPT_VISITS: case OPT_CHECK:
			for (i = 1; i < NMODES; i++)
				if (modes[i].opt == ch)
					break;
			if (m != 0 && m != i)
				cm_usage_error("--%s and --%s are different "
				    "modes: give one", mode_name(m),
				    mode_name(i));
			m = i;
			if (ch == OPT_CHECK)
				c.record_path = optarg;
			break;
		case OPT_BY:
			by_opt(&c, optarg);
			break;
		case OPT_ID:
			c.id_col = optarg;
			c.id_given = 1;
			break;
		case OPT_MONTH:
			month_opt(&c, optarg);
			break;
		case OPT_MUST:
			c.must_path = optarg;
			break;
		case OPT_MUST_ID:
			c.must_id_col = optarg;
			break;
		case OPT_PHONE_MAX:
			c.phone_max = phone_max_opt(optarg);
			break;
		case OPT_RATE:
			c.rate = rate_opt("rate", optarg);
			break;
		case OPT_RATES:
			c.rates_path = optarg;
			break;
		case OPT_SEED:
			/* An empty seed is a forgotten one ("--seed $Q"). */
			if (*optarg == '\0')
				cm_usage_error("invalid seed '' for --seed "
				    "(expected some text, such as the month)");
			c.seed_text = optarg;
			break;
		case OPT_SUMMARY:
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&c.co);
	c.co.in.map = c.co.map;
	cm_opt_mode_check(longopts, given, every, modes[m].opts,
	    m > 0 ? modes[m].opt : -1, _("the sample"), NULL);
	if (m == 0) {
		c.mode = given[OPT_SUMMARY] ? MODE_SUMMARY : MODE_SAMPLE;
		if (c.rate < 0 && c.rates_path == NULL)
			cm_usage_error("--rate or --rates is required");
		if (c.rates_path != NULL && c.nby == 0)
			cm_usage_error("--rates gives a rate per value of the "
			    "first --by column: give --by");
	} else {
		c.mode = m == 1 ? MODE_VISITS : MODE_CHECK;
		if (!given[OPT_MONTH])
			cm_usage_error("--%s needs --month", mode_name(m));
		if (m == 1 && c.must_path == NULL)
			cm_usage_error("--visits needs --must (the callbacks "
			    "due)");
		if (c.rate < 0)
			c.rate = 1000;
		if (c.phone_max < 0)
			c.phone_max = 5000;
	}
	if (c.must_id_col != NULL && c.must_path == NULL)
		cm_usage_error("--must-id names the id column of --must: give "
		    "--must");
	if (c.must_id_col == NULL)
		c.must_id_col = c.id_col;
	if (c.seed_text == NULL) {
		int y, mo, d;

		if (given[OPT_MONTH]) {
			y = c.year;
			mo = c.month;
		} else {
			cm_day t = cm_today();

			if (t < 0)
				cm_usage_error("CM_TODAY is not a date");
			cm_date_to_ymd(t, &y, &mo, &d);
		}
		snprintf(month_seed, sizeof(month_seed), "%04d-%02d", y, mo);
		c.seed_text = month_seed;
	}
	c.seed = cm_rank_seed(c.seed_text, strlen(c.seed_text));
	if (m != 2)
		cm_info("seed '%s'", cm_msg_value(c.seed_text));
	if (optind < argc) {
		c.inputs = argv + optind;
		c.ninputs = argc - optind;
	} else {
		c.inputs = stdin_only;
		c.ninputs = 1;
	}
	inputs_check(&c);
	status = modes[m].run(&c);
	ctx_free(&c);
	return status;
}
