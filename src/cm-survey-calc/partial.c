/*
 * partial.c: tallies out (--partial) and tallies added up (--merge).
 *
 * A partial is CSV in long form: the -g columns, then item, stat, value,
 * one whole number a line.  Adding the values of equal (group, item, stat)
 * lines is all a merge does, so partials combine in any order and any
 * grouping of runs (GNU parallel, Hadoop Streaming), and a merge of
 * partials may itself be written as a partial.  Repeated header lines, as
 * `cat a b` leaves them, are skipped.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "csvin.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "survey.h"
#include "xalloc.h"

/*
 * One line: item it (-1: the form as a whole, "*"), statistic stat
 * ("x:" with x the index of ITEM for x:ITEM).
 */
static void
put(struct survey *sv, struct cm_out *o, const struct group *g, long it,
    const char *stat, long x, int64_t value)
{
	size_t i;

	for (i = 0; i < sv->nby; i++)
		cm_out_str(o, g->vals[i]);
	if (it < 0)
		cm_out_str(o, "*");
	else
		survey_put_item(sv, o, (size_t)it);
	survey_put_stat(sv, o, stat, x);
	cm_out_printf(o, "%lld", (long long)value);
	cm_out_endrow(o);
}

static void
put_group(struct survey *sv, struct cm_out *o, const struct group *g)
{
	char stat[1024];
	size_t i, j, c, s;

	put(sv, o, g, -1, "forms", 0, g->forms);
	for (i = sv->synth ? 1 : 0; i <= sv->k; i++) {
		const struct tally *t = &g->t[i];

		for (j = sv->nvals; j-- > 0;)
			if (t->count[j] != 0) {
				snprintf(stat, sizeof(stat), "n%zu",
				    j + (size_t)sv->scale.min);
				put(sv, o, g, (long)i, stat, 0, t->count[j]);
			}
		if (t->unanswered != 0)
			put(sv, o, g, (long)i, "unanswered", 0,
			    t->unanswered);
		if (t->invalid != 0)
			put(sv, o, g, (long)i, "invalid", 0, t->invalid);
	}
	if (sv->synth && g->fhist != NULL) {
		for (c = 0; c <= sv->k; c++)
			for (s = 0; s < sv->fstride; s++)
				if (g->fhist[c * sv->fstride + s] != 0) {
					snprintf(stat, sizeof(stat), "f%zu:%zu",
					    c, s);
					put(sv, o, g, 0, stat, 0,
					    g->fhist[c * sv->fstride + s]);
				}
		if (g->finvalid != 0)
			put(sv, o, g, 0, "finvalid", 0, g->finvalid);
	}
	if (!sv->alpha)
		return;
	put(sv, o, g, -1, "an", 0, g->an);
	for (i = 0; i < sv->k; i++) {
		put(sv, o, g, (long)i + 1, "sum", 0, g->asum[i]);
		for (j = i; j < sv->k; j++)
			put(sv, o, g, (long)i + 1, "x:", (long)j + 1,
			    g->axp[i * sv->k + j]);
	}
}

void
survey_write_partial(struct survey *sv, struct cm_out *o)
{
	struct group **v = survey_sorted(sv);
	size_t i;

	survey_put_by(sv, o);
	survey_put_col(o, "item");
	survey_put_col(o, "stat");
	survey_put_col(o, "value");
	cm_out_endrow(o);
	for (i = 0; v[i] != NULL; i++)
		put_group(sv, o, v[i]);
	free(v);
}

/* Where one merged line lands; the position for messages. */
struct where {
	const char *file;
	long line;
};

static _Noreturn void
bad(const struct where *w, const char *what, const char *s)
{
	cm_dieat(CM_DATA, w->file, w->line, 0, "%s '%s'", what, s);
}

static void
add(const struct where *w, int64_t *to, int64_t v)
{
	if (__builtin_add_overflow(*to, v, to))
		cm_dieat(CM_DATA, w->file, w->line, 0, "count overflows");
}

/*
 * The item index of name: 0 overall, 1..k the -i items, -1 for "*".  A
 * name is mapped as a header is, so that the items of a partial written
 * under --lang zh (产品品质) are the -i items (quality); such a name is
 * kept for the output.
 */
static long
merge_item(struct survey *sv, const struct where *w, const char *name)
{
	char *buf;
	const char *canon;
	long it = -2;
	size_t i;

	if (strcmp(name, "*") == 0)
		return -1;
	buf = xmalloc(strlen(name) + 1);
	canon = cm_colmap_get(sv->co.map, name, buf);
	if (strcmp(name, sv->overall) == 0 || strcmp(canon, sv->overall) == 0)
		it = 0;
	for (i = 0; it == -2 && i < sv->k; i++)
		if (strcmp(name, sv->items[i]) == 0 ||
		    strcmp(canon, sv->items[i]) == 0)
			it = (long)i + 1;
	free(buf);
	if (it == -2)
		bad(w, _("item not named by -i or --overall:"), name);
	survey_keep_item(sv, it, name);
	return it;
}

/* Parse "%zu" or "%zu:%zu" whole numbers; -1 when malformed. */
static int
indexes(const char *s, long long max, long long *a, long long *b)
{
	const char *colon = strchr(s, ':');
	char first[32];

	if (b == NULL)
		return colon ? -1 : cm_strtonum(s, 0, max, a);
	if (colon == NULL || (size_t)(colon - s) >= sizeof(first))
		return -1;
	memcpy(first, s, (size_t)(colon - s));
	first[colon - s] = '\0';
	return cm_strtonum(first, 0, max, a) < 0 ||
	    cm_strtonum(colon + 1, 0, max, b) < 0 ? -1 : 0;
}

static void
merge_stat(struct survey *sv, const struct where *w, struct group *g,
    long it, const char *zhstat, int64_t v)
{
	static struct cm_buf sb;
	const char *stat = survey_stat_en(zhstat, &sb);
	long long a, b;

	if (it < 0 && strcmp(stat, "forms") == 0)
		add(w, &g->forms, v);
	else if (it < 0 && strcmp(stat, "an") == 0 && sv->alpha)
		add(w, &g->an, v);
	else if (it < 0 && strcmp(stat, "an") == 0)
		;	/* alpha tallies are welcome but not needed */
	else if (it < 0)
		bad(w, _("unknown statistic"), zhstat);
	else if (stat[0] == 'n' && indexes(stat + 1, sv->scale.max, &a,
	    NULL) == 0 && a >= sv->scale.min && sv->scale.has[a]) {
		if (it == 0)
			sv->seen_ocount = 1;
		add(w, &g->t[it].count[a - sv->scale.min], v);
	} else if (strcmp(stat, "unanswered") == 0)
		add(w, &g->t[it].unanswered, v);
	else if (strcmp(stat, "invalid") == 0)
		add(w, &g->t[it].invalid, v);
	else if (it == 0 && stat[0] == 'f' && indexes(stat + 1,
	    (long long)sv->fstride - 1, &a, &b) == 0 && a <= (long long)sv->k) {
		sv->synth = 1;
		if (g->fhist == NULL)
			g->fhist = xcalloc((sv->k + 1) * sv->fstride,
			    sizeof(int64_t));
		add(w, &g->fhist[a * sv->fstride + b], v);
	} else if (it == 0 && strcmp(stat, "finvalid") == 0)
		add(w, &g->finvalid, v);
	else if (it > 0 && strcmp(stat, "sum") == 0) {
		if (sv->alpha)
			add(w, &g->asum[it - 1], v);
	} else if (it > 0 && strncmp(stat, "x:", 2) == 0 &&
	    (a = merge_item(sv, w, stat + 2)) >= it) {
		if (sv->alpha)
			add(w, &g->axp[(it - 1) * (long)sv->k + a - 1], v);
	} else
		bad(w, _("unknown statistic"), zhstat);
}

/*
 * A header line again (cat a b): every field names its column, as the
 * first header did or in the other language (a partial under --lang zh
 * after one in English), after a byte order mark (one under --excel).
 */
static int
is_header(const struct survey *sv, struct cm_csv *r)
{
	size_t i;
	int same = 1;

	for (i = 0; same && i < cm_csv_ncols(r); i++) {
		const char *f = cm_csv_field(r, i);
		char *buf;

		/* cat a.csv b.csv of --excel partials: b's byte order mark. */
		if (i == 0 && strncmp(f, "\xEF\xBB\xBF", 3) == 0)
			f += 3;
		buf = xmalloc(strlen(f) + 1);
		same = strcmp(f, cm_csv_rawname(r, i)) == 0 ||
		    strcmp(cm_colmap_get(sv->co.map, f, buf),
		    cm_csv_colname(r, i)) == 0;
		free(buf);
	}
	return same;
}

/* Add up the tallies of one partial input (--merge). */
void
survey_merge(struct survey *sv, const char *path)
{
	struct cm_error err;
	struct cm_csv *r = cm_csv_open(path, &sv->co.in, &err);
	char **vals = xcalloc(sv->nby + 1, sizeof(char *));
	int *by = xcalloc(sv->nby + 1, sizeof(int));
	int item, stat, value, rc;
	struct where w;
	size_t i;

	if (r == NULL)
		cm_die_error(&err);
	w.file = cm_csv_name(r);
	for (i = 0; i < sv->nby; i++)
		if ((by[i] = cm_csv_col(r, sv->by[i])) < 0)
			cm_die_no_column(r, sv->by[i]);
	if ((item = cm_csv_col(r, "item")) < 0 ||
	    (stat = cm_csv_col(r, "stat")) < 0 ||
	    (value = cm_csv_col(r, "value")) < 0)
		cm_dieat(CM_DATA, w.file, 1, 0, "not a partial: no item, stat "
		    "and value columns (make it with --partial)");
	survey_keep_raw(sv, r, by, NULL);
	while ((rc = cm_csv_next(r, &err)) > 0) {
		long long v;
		long it;

		w.line = cm_csv_line(r);
		if (is_header(sv, r))
			continue;
		for (i = 0; i < sv->nby; i++)
			vals[i] = (char *)cm_csv_field(r, (size_t)by[i]);
		if (cm_strtonum(cm_csv_field(r, value), 0, LLONG_MAX, &v) < 0)
			bad(&w, _("invalid count"), cm_csv_field(r, value));
		it = merge_item(sv, &w, cm_csv_field(r, item));
		merge_stat(sv, &w, survey_group(sv, vals), it,
		    cm_csv_field(r, stat), v);
	}
	if (rc < 0)
		cm_die_error(&err);
	if (sv->synth && sv->seen_ocount)
		cm_dieat(CM_DATA, w.file, 0, 0, "partials disagree: some "
		    "counted an overall column, some form means");
	cm_csv_close(r);
	free(vals);
	free(by);
}
