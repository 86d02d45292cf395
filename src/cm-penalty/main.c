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

#include "msg.h"
#include "penalty.h"
#include "xalloc.h"

static const char help[] =
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
"on standard error).\n";

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

int
main(int argc, char **argv)
{
	struct ctx c;
	int ch;

	memset(&c, 0, sizeof(c));
	cm_common_init(&c.co, argc, argv, help);
	cm_common_longopts(longopts);
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (cm_common_option(&c.co, ch, optarg))
			continue;
		switch (ch) {
		case OPT_CARRY:
			c.carry = optarg;
			break;
		case OPT_CASES:
			c.by_case = 1;
			break;
		case OPT_MONTH:
			c.month_arg = optarg;
			break;
		case OPT_REGISTER:
			c.reg = optarg;
			break;
		case OPT_SANCTIONS:
			c.sanctions = optarg;
			break;
		case OPT_STAFF:
			c.staff = optarg;
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&c.co);
	return CM_OK;
}
