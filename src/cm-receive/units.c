/*
 * units.c: the units quantities are counted in (share/cm/units.conf), and
 * the decimals each allows: pieces are whole, kilograms go to the gram.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "msg.h"
#include "num.h"
#include "receive.h"
#include "share.h"
#include "suggest.h"
#include "xalloc.h"

static struct {
	char **name;		/* canonical, per unit */
	int *dec;
	const char **zh;	/* its first Chinese alias, or NULL */
	size_t n, cap, capd, capzh;
	char **all;		/* every name and alias, folded */
	int *of;		/* the unit of all[i] */
	size_t nall, capall, capof;
	struct cm_strset *set;	/* all[i] -> i */
	/*
	 * The file's reader and the line being read, held here while a bad
	 * line exits from inside the loop, so nothing is leaked
	 * (LeakSanitizer), as conf.c does for the cause list.
	 */
	struct cm_lines *l;
	char *line, *path;
} U;

/* ASCII letters folded to lower case: "KG" and "Kg" are kg. */
static char *
fold_ascii(const char *s)
{
	char *t = xstrdup(s), *p;

	for (p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return t;
}

static void
add_name(const char *file, long line, const char *s, int u)
{
	char *t = fold_ascii(s);

	if (cm_strset_get(U.set, t, NULL))
		cm_dieat(CM_USAGE, file, line, 0, "unit name '%s' given twice",
		    cm_msg_value(s));
	U.all = xgrow(U.all, &U.capall, U.nall + 1, sizeof(*U.all));
	U.of = xgrow(U.of, &U.capof, U.nall + 1, sizeof(*U.of));
	U.all[U.nall] = t;
	U.of[U.nall] = u;
	cm_strset_add(U.set, t, U.nall, NULL);
	U.nall++;
	for (; *s != '\0' && U.zh[u] == NULL; s++)
		if ((unsigned char)*s >= 0x80)
			U.zh[u] = t;
}

/* "NAME DECIMALS [ALIAS]..." a line; a bad line is exit 2. */
void
units_load(void)
{
	struct cm_error err;
	struct cm_lines *l;
	char *s, *w, *save;
	size_t n;
	long long d;
	int rc;

	U.set = cm_strset_new();
	U.path = cm_share_path("units.conf");
	if ((U.l = l = cm_lines_open(U.path, _("unit list"), CM_SYSTEM, &err)) ==
	    NULL)
		cm_die_error(&err);
	while ((rc = cm_lines_next_setting(l, &s, &n, &err)) == 1) {
		char *line = U.line = xstrdup(s);
		char *name = strtok_r(s, " \t", &save);
		char *dec = strtok_r(NULL, " \t", &save);
		int u = (int)U.n;

		if (dec == NULL || cm_strtonum(dec, 0, 3, &d) < 0)
			cm_dieat(CM_USAGE, cm_lines_name(l), cm_lines_lineno(l),
			    0, "expected 'UNIT DECIMALS [ALIAS]...' with "
			    "DECIMALS 0 to 3, not '%s'", cm_msg_value(line));
		free(line);
		U.line = NULL;
		U.name = xgrow(U.name, &U.cap, U.n + 1, sizeof(*U.name));
		U.dec = xgrow(U.dec, &U.capd, U.n + 1, sizeof(*U.dec));
		U.zh = xgrow(U.zh, &U.capzh, U.n + 1, sizeof(*U.zh));
		U.name[u] = fold_ascii(name);
		U.dec[u] = (int)d;
		U.zh[u] = NULL;
		U.n++;
		add_name(cm_lines_name(l), cm_lines_lineno(l), name, u);
		while ((w = strtok_r(NULL, " \t", &save)) != NULL)
			add_name(cm_lines_name(l), cm_lines_lineno(l), w, u);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_lines_close(l);
	U.l = NULL;
	free(U.path);
	U.path = NULL;
}

int
unit_find(const char *s)
{
	size_t i;
	char *t;
	int found;

	if (cm_strset_get(U.set, s, &i))
		return U.of[i];
	t = fold_ascii(s);
	found = cm_strset_get(U.set, t, &i);
	free(t);
	return found ? U.of[i] : -1;
}

const char *
unit_name(int u)
{
	return u < 0 ? "" : U.name[u];
}

const char *
unit_zh(int u)
{
	return u < 0 ? NULL : U.zh[u];
}

int
unit_decimals(int u)
{
	return u < 0 ? 3 : U.dec[u];
}

const char *
unit_suggest(const char *s)
{
	static struct cm_buf b;
	long i = cm_nearest(s, (const char *const *)U.all, U.nall);

	cm_buf_reset(&b);
	if (i >= 0)
		cm_buf_printf(&b, _("; did you mean '%s'?"), U.name[U.of[i]]);
	return cm_buf_str(&b);
}
