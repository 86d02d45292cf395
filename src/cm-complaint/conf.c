/*
 * conf.c: cm-complaint's settings files in the share directory:
 * complaint.conf (the deadlines of 004/4 §10, the calendar, the lock
 * timeout) and causes.category (the cause list: each cause's category,
 * 004/4 §5, and Chinese names, 004/3 §4).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "complaint.h"
#include "i18n.h"
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

	l = cm_lines_open(path, _("settings file"), CM_OK, &err);
	if (l == NULL && err.status != CM_OK)
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
 * The cause list, causes.category (004/3 §4, 004/4 §5): one line a
 * cause, CAUSE<TAB>CATEGORY, then optionally <TAB> and its Chinese names
 * separated by commas.  Read once, on the first question.
 */
struct cause {
	char *name;		/* the canonical name, stored in the register */
	char *category;		/* quality or non-quality */
	char *zh;		/* its Chinese names, ",a,b," for lookups */
	char *zh1;		/* the first of them, NULL for none */
};

static struct {
	struct cause *v;
	size_t n, cap;
	char *names;		/* "a, b, c": what a message lists */
	int loaded;
	/*
	 * The file while it is read: a bad line exits from inside the loop,
	 * and the reader must still be reachable then (LeakSanitizer).
	 */
	struct cm_lines *l;
} causes;

static const struct cause *
find_cause(const char *value)
{
	size_t i, n = strlen(value);

	for (i = 0; i < causes.n; i++) {
		const char *p = causes.v[i].zh;

		if (strcmp(causes.v[i].name, value) == 0)
			return &causes.v[i];
		/* A name holds no comma: "a,b" must not span two. */
		while (n > 0 && strchr(value, ',') == NULL &&
		    (p = strstr(p, value)) != NULL) {
			if (p[-1] == ',' && p[n] == ',')
				return &causes.v[i];
			p += n;
		}
	}
	return NULL;
}

static void
load_causes(void)
{
	char *path = cm_share_path("causes.category"), *line;
	struct cm_lines *l;
	struct cm_error err;
	struct cm_buf names = {0};
	size_t len;
	int rc;

	causes.loaded = 1;
	/* Without the list no cause can be told from a typing error. */
	if ((l = causes.l = open_settings(path)) == NULL)
		cm_die(CM_SYSTEM, "no cause list '%s'", path);
	while ((rc = cm_lines_next_setting(l, &line, &len, &err)) == 1) {
		long lineno = cm_lines_lineno(l);
		char *cat, *zh, *p;
		struct cause *c;

		if ((cat = strchr(line, '\t')) == NULL)
			cm_dieat(CM_USAGE, path, lineno, 0, "expected "
			    "CAUSE<TAB>CATEGORY[<TAB>CHINESE NAMES]");
		*cat++ = '\0';
		if ((zh = strchr(cat, '\t')) != NULL)
			*zh++ = '\0';
		if (strcmp(cat, "quality") != 0 &&
		    strcmp(cat, "non-quality") != 0)
			cm_dieat(CM_USAGE, path, lineno, 0, "invalid category "
			    "'%s' (quality or non-quality)", cat);
		for (p = line; *p; p++)
			if (!islower((unsigned char)*p) && *p != '_')
				cm_dieat(CM_USAGE, path, lineno, 0, "invalid cause "
				    "name '%s' (a-z and _)", line);
		if (*line == '\0' || find_cause(line) != NULL)
			cm_dieat(CM_USAGE, path, lineno, 0, "cause '%s' listed "
			    "twice or empty", line);
		causes.v = xgrow(causes.v, &causes.cap, causes.n + 1,
		    sizeof(*causes.v));
		c = &causes.v[causes.n];
		c->name = xstrdup(line);
		c->category = xstrdup(cat);
		c->zh = xmalloc(strlen(zh ? zh : "") + 3);
		sprintf(c->zh, ",%s,", zh ? zh : "");
		c->zh1 = zh != NULL && *zh != '\0' && *zh != ',' ?
		    xstrndup(zh, strcspn(zh, ",")) : NULL;
		if (zh != NULL)
			for (p = strtok(zh, ","); p; p = strtok(NULL, ","))
				if (find_cause(p) != NULL)
					cm_dieat(CM_USAGE, path, lineno, 0,
					    "name '%s' is already a cause's", p);
		causes.n++;
		cm_buf_adds(&names, names.len ? ", " : "");
		cm_buf_adds(&names, line);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_lines_close(l);
	causes.l = NULL;
	if (causes.n == 0)
		cm_die(CM_USAGE, "%s: no cause listed", path);
	causes.names = xstrdup(cm_buf_str(&names));
	cm_buf_free(&names);
	free(path);
}

/* The cause value names, the causes file loaded on first use. */
static const struct cause *
cause(const char *value)
{
	if (!causes.loaded)
		load_causes();
	return find_cause(value);
}

const char *
cause_of(const char *value)
{
	const struct cause *c = cause(value);

	return c != NULL ? c->name : NULL;
}

const char *
cause_category(const char *name)
{
	const struct cause *c = cause(name);

	return c != NULL ? c->category : NULL;
}

const char *
cause_names(void)
{
	if (!causes.loaded)
		load_causes();
	return causes.names;
}

const char *
cause_zh(const char *name)
{
	const struct cause *c = cause(name);

	return c != NULL ? c->zh1 : NULL;
}
