/*
 * conf.c: share/cm/penalty.conf, KEY=VALUE lines: what a sanction costs
 * (行政处分 (五)), the cap (经济处罚准则 (三).4) and the resale window
 * ((一)).  The seed's amounts are floors ("400元以上"): an office may
 * raise them here.
 */
#include <stdlib.h>
#include <string.h>

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
	if ((l = cm_lines_open(path, "settings file", CM_OK, &err)) == NULL) {
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
		long long v;
		int bad;

		if (eq == NULL)
			cm_dieat(CM_USAGE, path, lineno, 0,
			    "expected KEY=VALUE");
		*eq = '\0';
		val = eq + 1;
		if (strcmp(line, "warning") == 0 ||
		    strcmp(line, "minor") == 0) {
			/* The seed's floors: "400元以上", "800元以上". */
			bad = money2_parse(val, *line == 'w' ? 40000 : 80000,
			    MONEY_MAX, &v) < 0;
			if (!bad && *line == 'w')
				c->conf.warning = v;
			else if (!bad)
				c->conf.minor = v;
		} else if (strcmp(line, "cap") == 0) {
			/* (三).4: at most 50%; 0 would deduct nothing. */
			if (!(bad = cm_strtonum(val, 1, 50, &v) < 0))
				c->conf.cap = v;
		} else if (strcmp(line, "resale_days") == 0) {
			if (!(bad = cm_strtonum(val, 1, 3650, &v) < 0))
				c->conf.resale_days = (long)v;
		} else
			cm_dieat(CM_USAGE, path, lineno, 0, "unknown setting "
			    "'%s' (warning, minor, cap, resale_days)",
			    cm_msg_value(line));
		if (bad)
			cm_dieat(CM_USAGE, path, lineno, 0,
			    "invalid value '%s' for %s (%s)", cm_msg_value(val),
			    line, *line == 'w' ? "400 or more, yuan" :
			    *line == 'm' ? "800 or more, yuan" :
			    *line == 'c' ? "a percent above 0, at most 50" :
			    "days, 1 or more");
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_lines_close(l);
	free(path);
}
