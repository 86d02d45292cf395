/*
 * cm-penalty: the complaint losses of a month shared by responsibility
 * and turned into deductions from each person's efficiency bonus.
 *
 * 004 article 3 (客户投诉损失分摊: the loss of a case and its sharing;
 * 行政处分 (五): what a sanction costs; 经济处罚准则: who bears a part,
 * base points, the 50% cap and the months after).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "opt.h"
#include "penalty.h"
#include "xalloc.h"

/* Printed by fputs: its "%" is no printf conversion (no-c-format). */
static const char help[] = N_(
/* xgettext:no-c-format */
"Usage: cm-penalty --month=YYYY-MM --staff=FILE [OPTION]... [CASES]...\n"
"Turn the complaint cases charged in a month into deductions from each\n"
"person's monthly efficiency bonus (004 article 3): a case's loss is shared\n"
"by the judged ratios, a unit's or department's part over its members by\n"
"base points; sanctions are deducted first, then complaint amounts up to\n"
"50% of the bonus, and the rest is carried into the next month.  Money is\n"
"exact to the fen.  CASES (standard input without CASES): one row per case\n"
"and party: case, closed, loss, party, share, and for a returned product\n"
"a_price, resale_price, resale_qty, resold.\n"
"\n"
"      --month=YYYY-MM      the month charged (required)\n"
"      --staff=FILE         person, name, unit, dept, base_points, bonus\n"
"                           (required)\n"
"      --sanctions=FILE     person, kind (warning, minor, major), count\n"
"      --carry=FILE         last month's output: its carried_out is carried\n"
"                           in\n"
"      --register=FILE      closed and loss of each case from a cm-complaint\n"
"                           register\n"
"      --cases              one row per case and person with the rule that\n"
"                           applied, instead of one row per person\n"
"\n"
"Settings: share/cm/penalty.conf (warning=400, minor=800, cap=50,\n"
"resale_days=30).\n"
"Exit status 1: someone carries a balance into the next month (each named\n"
"on standard error).\n");

enum {
	OPT_CARRY = CM_OPT_FIRST_FREE,
	OPT_CASES,
	OPT_MONTH,
	OPT_REGISTER,
	OPT_SANCTIONS,
	OPT_STAFF
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"carry", required_argument, NULL, OPT_CARRY},
	{"cases", no_argument, NULL, OPT_CASES},
	{"month", required_argument, NULL, OPT_MONTH},
	{"register", required_argument, NULL, OPT_REGISTER},
	{"sanctions", required_argument, NULL, OPT_SANCTIONS},
	{"staff", required_argument, NULL, OPT_STAFF},
	{NULL, 0, NULL, 0}
};

/* --month YYYY-MM: a bad month is a usage error (exit 2). */
static void
month_opt(struct ctx *c, const char *arg)
{
	if (cm_month_parse(arg, &c->year, &c->month) < 0)
		cm_usage_error("invalid month '%s' for --month (expected "
		    "YYYY-MM)", cm_msg_value(arg));
}

/*
 * --register FILE: a cm-complaint register is read with its history log
 * beside it (the ledger of what changed in each month,
 * cm_register_logpath), so it is a file: standard input has no log
 * beside it.
 */
static void
register_opt(struct ctx *c, const char *arg)
{
	cm_opt_once(&c->reg, OPT_REGISTER, arg);
	if (strcmp(arg, "-") == 0)
		cm_usage_error("invalid value '-' for --register (the "
		    "register is a file, read with its history log beside "
		    "it, not standard input)");
}

/*
 * --register: the run of a month not over would change with the lines
 * still to come: it would not be the pure function that --carry chains.
 * A usage error, checked before any file is read.
 */
static void
month_over(const struct ctx *c)
{
	cm_day today;
	int y, m, d;

	if (c->reg == NULL)
		return;
	if ((today = cm_today()) < 0)
		cm_usage_error("CM_TODAY is not a date");
	cm_date_to_ymd(today, &y, &m, &d);
	if (c->year * 12 + c->month >= y * 12 + m)
		cm_die(CM_USAGE, "--month %s is not over: the register's "
		    "history of it is not complete", c->month_arg);
}

/* Standard input can be read once: by one of the files at most. */
static void
stdin_once(const struct ctx *c)
{
	const char *const named[] = {c->staff_path, c->sanctions, c->carry};
	int n = 0, i;

	for (i = 0; i < 3; i++)
		n += named[i] != NULL && strcmp(named[i], "-") == 0;
	for (i = 0; i < c->ninputs; i++)
		n += c->inputs[i] == NULL || strcmp(c->inputs[i], "-") == 0;
	if (n > 1)
		cm_usage_error("standard input can be read only once: name "
		    "the other files (CASES are read from it when none is "
		    "given)");
}

void
ctx_free(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nstaff; i++) {
		free(c->staff[i].id);
		free(c->staff[i].name);
		free(c->staff[i].unit);
		free(c->staff[i].dept);
	}
	free(c->staff);
	free(c->raw_person);
	free(c->raw_name);
	free(c->raw_dept);
	for (i = 0; i < c->nunits; i++)
		free(c->units[i].member);
	for (i = 0; i < c->ndepts; i++)
		free(c->depts[i].member);
	free(c->units);
	free(c->depts);
	for (i = 0; i < c->ncases; i++) {
		free(c->cases[i].id);
		free(c->cases[i].party);
	}
	free(c->cases);
	for (i = 0; i < c->nnames; i++)
		free(c->names[i]);
	free(c->names);
	free(c->parts);
	cm_strset_free(c->by_id);
	cm_strset_free(c->unit_ix);
	cm_strset_free(c->dept_ix);
	cm_strset_free(c->case_ix);
	cm_strset_free(c->ambiguous);
	cm_colmap_free(c->co.map);
}

int
main(int argc, char **argv)
{
	static char *stdin_only[] = {NULL};
	struct ctx c;
	int ch, status;

	memset(&c, 0, sizeof(c));
	cm_common_init(&c.co, argc, argv, help);
	cm_common_longopts(longopts);
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		/* Amounts are exact fen: fewer decimals would hide some. */
		if (ch == CM_OPT_PRECISION)
			cm_usage_error("option '--precision' does not apply: "
			    "money is written to the fen");
		/* Each file is named once: a second would replace the first. */
		if (ch == 'o') {
			cm_opt_once(&c.co.out.path, ch, optarg);
			continue;
		}
		if (cm_common_option(&c.co, ch, optarg))
			continue;
		switch (ch) {
		case OPT_CARRY:
			cm_opt_once(&c.carry, ch, optarg);
			break;
		case OPT_CASES:
			c.by_case = 1;
			break;
		case OPT_MONTH:
			cm_opt_once(&c.month_arg, ch, optarg);
			month_opt(&c, optarg);
			break;
		case OPT_REGISTER:
			register_opt(&c, optarg);
			break;
		case OPT_SANCTIONS:
			cm_opt_once(&c.sanctions, ch, optarg);
			break;
		case OPT_STAFF:
			cm_opt_once(&c.staff_path, ch, optarg);
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	if (c.month_arg == NULL)
		cm_usage_error("--month is required");
	if (c.staff_path == NULL)
		cm_usage_error("--staff is required");
	cm_common_finish(&c.co);
	if (optind < argc) {
		c.inputs = argv + optind;
		c.ninputs = argc - optind;
	} else {
		c.inputs = stdin_only;
		c.ninputs = 1;
	}
	stdin_once(&c);
	month_over(&c);
	/*
	 * The procedure: who can bear a part (the staff, its units and
	 * departments), what each owes already (sanctions, last month's
	 * balance), the cases charged this month and their split, then each
	 * person's month.  Everything is read and checked before a byte is
	 * printed, so a data error (exit 3) leaves no output.
	 */
	conf_read(&c);
	staff_read(&c);
	sanctions_read(&c);
	carry_read(&c);
	cases_read(&c);
	cases_split(&c);
	status = output(&c);
	ctx_free(&c);
	return status;
}
