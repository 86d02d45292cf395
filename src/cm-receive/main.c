/*
 * cm-receive: the journal of property that belongs to customers.
 *
 * 000 §5.1 (all of it: counting against the declaration §5.1.1.1, incoming
 * inspection §5.1.1.2, reports of loss and damage §5.1.1.3, equipment lent
 * §5.1.6), 001/6 (records), 001/7 §5.5 (customer property), 001/9.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "msg.h"
#include "receive.h"
#include "share.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

static const char help[] = N_(
"Usage: cm-receive [OPTION]... [FILE]...\n"
"  or:  cm-receive [OPTION]... REPORT\n"
"Append the movements of customers' property in FILEs (CSV rows; standard\n"
"input without FILE) to the journal ($CM_DATA/property.csv), all or\n"
"nothing, or report on the journal: REPORT is one of --balance, --check,\n"
"--discrepancies, --notify, --on-loan.\n"
"\n"
"  -j, --journal=FILE       the journal (default $CM_DATA/property.csv)\n"
"  -n, --dry-run            check the rows, write nothing\n"
"      --balance            balances per customer and part\n"
"      --check              audit the journal against its snapshot\n"
"      --discrepancies      receipts whose count differs from the declared\n"
"                           quantity\n"
"      --notify             rejects, losses and damage to report to the\n"
"                           customer in writing\n"
"      --on-loan            equipment lent out, who has it, for how long\n"
"      --as-of=DATE         --balance, --on-loan: as of the end of DATE\n"
"                           (--on-loan: default today)\n"
"      --customers=FILE     append: customers must be in FILE's customer\n"
"                           column\n"
"      --from=DATE          --notify: movements on or after DATE\n"
"      --max-days=N         --on-loan: exit 1 when a loan is out longer\n"
"      --part-pattern=REGEX append: part numbers must match REGEX whole\n"
"      --timeout=SECONDS    append: wait this long for the lock (10)\n"
"      --to=DATE            --notify: movements on or before DATE\n"
"\n"
"Exit status 1: --discrepancies or --notify listed something, --on-loan\n"
"found a loan past --max-days, or --check found problems.\n");

enum {
	OPT_AS_OF = CM_OPT_FIRST_FREE,
	OPT_BALANCE,
	OPT_CHECK,
	OPT_CUSTOMERS,
	OPT_DISCREPANCIES,
	OPT_FROM,
	OPT_MAX_DAYS,
	OPT_NOTIFY,
	OPT_ON_LOAN,
	OPT_PART_PATTERN,
	OPT_TIMEOUT,
	OPT_TO
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"balance", no_argument, NULL, OPT_BALANCE},
	{"check", no_argument, NULL, OPT_CHECK},
	{"customers", required_argument, NULL, OPT_CUSTOMERS},
	{"discrepancies", no_argument, NULL, OPT_DISCREPANCIES},
	{"dry-run", no_argument, NULL, 'n'},
	{"from", required_argument, NULL, OPT_FROM},
	{"journal", required_argument, NULL, 'j'},
	{"max-days", required_argument, NULL, OPT_MAX_DAYS},
	{"notify", no_argument, NULL, OPT_NOTIFY},
	{"on-loan", no_argument, NULL, OPT_ON_LOAN},
	{"part-pattern", required_argument, NULL, OPT_PART_PATTERN},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"to", required_argument, NULL, OPT_TO},
	{NULL, 0, NULL, 0}
};

/*
 * What each mode does and the options it takes beyond those every mode
 * takes: an option that does not apply is a usage error, never silently
 * ignored (an --as-of on --notify that would report everything).
 */
#define OUTPUT	" output format excel lang"
static const struct {
	int opt;		/* 0: the append */
	int (*run)(struct ctx *);
	const char *opts;
} modes[] = {
	{0, NULL, " customers dry-run part-pattern timeout"},
	{OPT_BALANCE, do_balance, " as-of" OUTPUT},
	{OPT_CHECK, do_check, ""},
	{OPT_DISCREPANCIES, do_discrepancies, OUTPUT},
	{OPT_NOTIFY, do_notify, " from to" OUTPUT},
	{OPT_ON_LOAN, do_on_loan, " as-of max-days" OUTPUT},
};
#define NMODES (sizeof(modes) / sizeof(modes[0]))

static const char every[] = " delimiter encoding help journal map quiet "
    "tsv verbose version";


static const char *
mode_name(size_t m)
{
	return m > 0 ? cm_opt_name(longopts, modes[m].opt) : _("an append");
}

static const char *
precision_hint(const char *name)
{
	return strcmp(name, "precision") == 0 ? _(" (quantities have the "
	    "decimals of their unit, units.conf)") : "";
}

static void
mode_options(size_t m, const unsigned char *given)
{
	cm_opt_mode_check(longopts, given, every, modes[m].opts,
	    m > 0 ? modes[m].opt : -1, _("an append"), precision_hint);
}

static cm_day
date_opt(const char *opt, const char *arg)
{
	cm_day d;

	if (cm_date_parse(arg, strlen(arg), &d) < 0)
		cm_usage_error("invalid date '%s' for %s", arg, opt);
	return d;
}

/* --customers FILE: the names of its customer column. */
static void
load_customers(struct ctx *c, const char *path)
{
	struct cm_error err;
	struct cm_csv *r;
	int col, rc;

	/*
	 * A list of its own, from anywhere: --encoding, -t and -d describe
	 * the movements, not it.
	 */
	struct cm_csv_opts o = {',', "auto", c->co.in.map};

	if ((r = cm_csv_open(path, &o, &err)) == NULL)
		cm_die_error(&err);
	if ((col = cm_csv_col(r, "customer")) < 0)
		cm_die_no_column(r, "customer");
	c->customers = cm_strset_new();
	while ((rc = cm_csv_next(r, &err)) == 1) {
		size_t n = cm_csv_flen(r, (size_t)col), cap = c->ncustomers;
		const char *s = cm_trim(cm_csv_field(r, (size_t)col), &n);
		char *name;

		if (n == 0)
			continue;
		name = xstrndup(s, n);
		if (!cm_strset_add(c->customers, name, c->ncustomers, NULL)) {
			free(name);
			continue;
		}
		c->customer_names = xgrow(c->customer_names, &cap,
		    c->ncustomers + 1, sizeof(*c->customer_names));
		c->customer_names[c->ncustomers++] = name;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
}

int
main(int argc, char **argv)
{
	struct ctx c;
	struct cm_error err;
	const char *journal = NULL, *customers = NULL;
	unsigned char given[512] = {0};
	size_t m = 0, i;
	int ch, status;

	memset(&c, 0, sizeof(c));
	cm_common_init(&c.co, argc, argv, help);
	cm_common_longopts(longopts);
	c.lock_timeout = 10;
	c.from = c.to = c.as_of = NO_DAY;
	c.max_days = -1;
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS "j:n",
	    longopts, NULL)) != -1) {
		if (ch >= 0 && ch < 512)
			given[ch] = 1;
		if (cm_common_option(&c.co, ch, optarg))
			continue;
		switch (ch) {
		case 'j':
			journal = optarg;
			break;
		case 'n':
			c.dry_run = 1;
			break;
		case OPT_AS_OF:
			c.as_of = date_opt("--as-of", optarg);
			break;
		case OPT_BALANCE: case OPT_CHECK: case OPT_DISCREPANCIES:
		case OPT_NOTIFY: case OPT_ON_LOAN:
			for (i = 1; i < NMODES; i++)
				if (modes[i].opt == ch)
					break;
			if (m != 0 && m != i)
				cm_usage_error("--%s and --%s are different "
				    "reports: give one", mode_name(m),
				    mode_name(i));
			m = i;
			break;
		case OPT_CUSTOMERS:
			customers = optarg;
			break;
		case OPT_FROM:
			c.from = date_opt("--from", optarg);
			break;
		case OPT_MAX_DAYS:
			c.max_days = (long)cm_opt_num("--max-days", optarg, 0,
			    100000);
			break;
		case OPT_PART_PATTERN:
			c.part_pattern = optarg;
			break;
		case OPT_TIMEOUT:
			c.lock_timeout = cm_opt_double("--timeout", optarg, 0,
			    86400);
			break;
		case OPT_TO:
			c.to = date_opt("--to", optarg);
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&c.co);
	mode_options(m, given);
	if (m > 0 && optind < argc)
		cm_usage_error("--%s reads the journal, not '%s'", mode_name(m),
		    argv[optind]);
	if (c.from != NO_DAY && c.to != NO_DAY && c.from > c.to)
		cm_usage_error("--from is after --to");
	if ((c.today = cm_today()) < 0)
		cm_usage_error("CM_TODAY is not a date");
	if (c.as_of == NO_DAY && modes[m].run == do_on_loan)
		c.as_of = c.today;
	c.journal = journal ? xstrdup(journal) : cm_data_path("property.csv");
	c.journal_from = journal ? _("from -j") : getenv("CM_DATA") != NULL &&
	    *getenv("CM_DATA") != '\0' ? _("from $CM_DATA") :
	    _("the current directory, as $CM_DATA is not set");
	/*
	 * PATH.bal, not the sibling with the extension replaced: property.csv
	 * and a copy property.bak must not share one commit record.
	 */
	c.snapshot = xmalloc(strlen(c.journal) + sizeof(".bal"));
	strcpy(stpcpy(c.snapshot, c.journal), ".bal");
	if (c.part_pattern != NULL && (c.part_re = cm_regex_compile(
	    c.part_pattern, strlen(c.part_pattern), CM_RE_WHOLE, NULL, 0,
	    &err)) == NULL)
		cm_die_error(&err);
	units_load();
	if (customers != NULL)
		load_customers(&c, customers);
	status = m == 0 ? do_append(&c, argv + optind, argc - optind) :
	    modes[m].run(&c);
	if (c.attention && status == CM_OK)
		status = CM_ATTENTION;
	for (i = 0; i < c.ncustomers; i++)
		free(c.customer_names[i]);
	free(c.customer_names);
	cm_strset_free(c.customers);
	cm_regex_free(c.part_re);
	cm_colmap_free(c.co.map);
	free(c.journal);
	free(c.snapshot);
	return status;
}
