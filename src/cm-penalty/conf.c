/*
 * conf.c: share/cm/penalty.conf, KEY=VALUE lines: what a sanction costs
 * (行政处分 (五)), the cap (经济处罚准则 (三).4) and the resale window
 * ((一)).  The seed's amounts are floors ("400元以上"): an office may
 * raise them here.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lines.h"
#include "msg.h"
#include "num.h"
#include "penalty.h"
#include "share.h"

int
money2_parse(const char *s, long long min, long long max, long long *v)
{
	long long m;
	int rc;

	/* Thousandths, at most two decimals: the fen, times ten. */
	if ((rc = cm_milli_parse(s, 2, min * 10, max * 10, &m)) < 0)
		return rc;
	*v = m / 10;
	return 0;
}

/*
 * warning= or minor=: yuan to the fen, at least the seed's floor (fen,
 * whole yuan).  行政处分 (五) sets the amounts "400元以上", "800元以上":
 * floors an office may raise, never lower.  Exit 2 saying which rule was
 * broken; fine says what the seed fines ("a warning 400 yuan or more").
 */
static long long
conf_money(const char *path, long lineno, const char *key, const char *val,
    long long floor, const char *fine)
{
	long long v;
	int rc;

	if ((rc = money2_parse(val, -MONEY_MAX, MONEY_MAX, &v)) == 0 &&
	    v >= floor)
		return v;
	if (rc == -2)
		cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s' for %s "
		    "(more than two decimals: money is to the fen)",
		    cm_msg_value(val), key);
	if (rc == 0)
		cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s' for %s "
		    "(less than %lld, the seed's floor: 004 article 3 (五) "
		    "fines %s; an office may raise the amount, not lower it)",
		    cm_msg_value(val), key, floor / 100, fine);
	/* A number, but past what an amount may be. */
	if (money2_parse(val, LLONG_MIN / 100, LLONG_MAX / 100, &v) == 0)
		cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s' for %s "
		    "(above 100000000000.00, the most an amount may be)",
		    cm_msg_value(val), key);
	cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s' for %s (an "
	    "amount of yuan, %lld or more, such as %lld.50)",
	    cm_msg_value(val), key, floor / 100, floor / 100);
}

/*
 * A whole number setting in [min, max]: out of range, the message says
 * the bound that was passed (what, its rule, says both).
 */
static long long
conf_whole(const char *path, long lineno, const char *key, const char *val,
    long long min, long long max, const char *what, const char *low,
    const char *high)
{
	long long v;
	double d;

	if (cm_strtonum(val, min, max, &v) == 0)
		return v;
	if (cm_strtonum(val, LLONG_MIN, LLONG_MAX, &v) == 0)
		cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s' for %s "
		    "(%s)", cm_msg_value(val), key, v < min ? low : high);
	cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s' for %s (%s%s)",
	    cm_msg_value(val), key, strchr(val, '.') != NULL &&
	    cm_strtod(val, &d) == 0 ? _("no decimals: ") : "", what);
}

void
conf_read(struct ctx *c)
{
	char *path = cm_share_path("penalty.conf"), *line;
	struct cm_lines *l;
	struct cm_error err;
	size_t len;
	int rc;

	c->conf.warning = 40000;
	c->conf.minor = 80000;
	c->conf.cap = 50;
	c->conf.resale_days = 30;
	/* Missing: the seed's figures; there but unreadable: exit 4. */
	if ((l = cm_lines_open(path, _("settings file"), CM_OK, &err)) ==
	    NULL) {
		if (err.status != CM_OK)
			cm_die_error(&err);
		cm_info("no %s: warning=400, minor=800, cap=50, resale_days=30",
		    path);
		free(path);
		return;
	}
	while ((rc = cm_lines_next_setting(l, &line, &len, &err)) == 1) {
		long lineno = cm_lines_lineno(l);
		char *eq = strchr(line, '='), *val;

		if (eq == NULL)
			cm_dieat(CM_USAGE, path, lineno, 0,
			    "expected KEY=VALUE");
		*eq = '\0';
		val = eq + 1;
		if (strcmp(line, "warning") == 0)
			c->conf.warning = conf_money(path, lineno, line, val,
			    40000, _("a warning 400 yuan or more (以上)"));
		else if (strcmp(line, "minor") == 0)
			c->conf.minor = conf_money(path, lineno, line, val,
			    80000, _("a minor demerit 800 yuan or more (以上) "
			    "a base point"));
		else if (strcmp(line, "cap") == 0)
			/* (三).4: at most 50%; 0 would deduct nothing. */
			c->conf.cap = conf_whole(path, lineno, line, val, 1, 50,
			    _("a whole percent above 0, at most 50"),
			    _("a percent above 0, at most 50"),
			    _("a percent above 0, at most 50"));
		else if (strcmp(line, "resale_days") == 0)
			c->conf.resale_days = (long)conf_whole(path, lineno,
			    line, val, 1, 3650,
			    _("a whole number of days, 1 to 3650"),
			    _("days, 1 or more"), _("days, at most 3650"));
		else
			cm_dieat(CM_USAGE, path, lineno, 0, "unknown setting "
			    "'%s' (warning, minor, cap, resale_days)",
			    cm_msg_value(line));
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_lines_close(l);
	free(path);
}
