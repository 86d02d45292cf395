/*
 * conf.c: cm-complaint's settings files in the share directory:
 * complaint.conf (the deadlines of 004/4 §10, the calendar, the lock
 * timeout) and causes.category (the category of each cause, 004/4 §5).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "lines.h"
#include "msg.h"
#include "num.h"
#include "share.h"
#include "strset.h"
#include "xalloc.h"

/*
 * Open a settings file of the share directory; NULL when it is not there.
 * One that is there but cannot be read (a directory, no permission) is
 * exit 4: the office must not work to defaults it did not choose.
 */
static struct cm_lines *
open_settings(const char *path)
{
	struct cm_lines *l;
	struct cm_error err;

	if ((l = cm_lines_open(path, "settings file", CM_OK, &err)) == NULL &&
	    err.status != CM_OK)
		cm_die_error(&err);
	return l;
}

/* complaint.conf: KEY=VALUE lines. */
void
read_conf(struct ctx *c)
{
	char *path = cm_share_path("complaint.conf");
	struct cm_lines *l;
	struct cm_error err;
	char *line;
	size_t len;
	int rc;

	if ((l = open_settings(path)) == NULL) {
		cm_info("no %s: 13 and 17 days", path);
		free(path);
		return;
	}
	while ((rc = cm_lines_next_setting(l, &line, &len, &err)) == 1) {
		char *eq, *key = line, *val;
		long lineno = cm_lines_lineno(l);
		long long v;

		if ((eq = strchr(key, '=')) == NULL)
			cm_dieat(CM_USAGE, path, lineno, 0, "expected KEY=VALUE");
		*eq = '\0';
		val = eq + 1;
		if (strcmp(key, "calendar") == 0) {
			/*
			 * A name (cn) as --calendar takes it, else a path
			 * relative to the share directory: calendar/cn.csv.
			 */
			free(c->conf_calendar);
			c->conf_calendar = *val == '\0' ? NULL : *val == '/' ||
			    cm_cal_is_name(val) ? xstrdup(val) :
			    cm_share_path(val);
			continue;
		}
		if (cm_strtonum(val, 0, 3650, &v) < 0)
			cm_dieat(CM_USAGE, path, lineno, 0, "invalid value '%s'",
			    val);
		if (strcmp(key, "domestic_days") == 0)
			c->days_domestic = (long)v;
		else if (strcmp(key, "foreign_days") == 0)
			c->days_foreign = (long)v;
		else if (strcmp(key, "lock_timeout") == 0)
			c->lock_timeout = (double)v;
		else
			cm_dieat(CM_USAGE, path, lineno, 0, "unknown setting "
			    "'%s'", key);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_lines_close(l);
	free(path);
}

/*
 * causes.category: CAUSE<TAB>CATEGORY lines, read once: classify asks for
 * the category of every row it fills.
 */
static struct cm_strset *categories;
static char **category;
static size_t ncategories;

static void
load_categories(void)
{
	char *path = cm_share_path("causes.category"), *line, *tab;
	struct cm_lines *l;
	struct cm_error err;
	size_t len, cap = 0;
	int rc = 0;

	categories = cm_strset_new();
	if ((l = open_settings(path)) != NULL) {
		while ((rc = cm_lines_next_setting(l, &line, &len, &err)) == 1) {
			if ((tab = strchr(line, '\t')) == NULL)
				continue;
			category = xgrow(category, &cap, ncategories + 2,
			    sizeof(*category));
			/* Cause and category in a pair of strings. */
			category[ncategories] = xstrndup(line,
			    (size_t)(tab - line));
			category[ncategories + 1] = xstrdup(tab + 1);
			/* The first line for a cause wins, as it did. */
			cm_strset_add(categories, category[ncategories],
			    ncategories + 1, NULL);
			ncategories += 2;
		}
		if (rc < 0)
			cm_die_error(&err);
		cm_lines_close(l);
	}
	free(path);
}

/* The category of cause (a fresh string), or NULL. */
char *
category_of(const char *cause)
{
	size_t i;

	if (categories == NULL)
		load_categories();
	return cm_strset_get(categories, cause, &i) ?
	    xstrdup(category[i]) : NULL;
}
