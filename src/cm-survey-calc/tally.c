/*
 * tally.c: questionnaires in, whole-number tallies per group out
 * (000 §5.3.1.5: the survey results are counted and calculated).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvin.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "survey.h"
#include "xalloc.h"

/* Invalid answers are all counted; only the first few are each named. */
enum { INVALID_SHOWN = 20 };

/*
 * FNV-1a over the group values, each followed by a US (0x1f) byte.  The
 * group of every row is looked up here, so this table stays apart from
 * the library's strset: through strset (a key built per row, SipHash)
 * the survey bench's 100,000 rows cost 9% more instructions (callgrind:
 * 489M, 535M).  Values cannot collide by their bytes (same() compares
 * them), but crafted group values could collide the hash; the number of
 * groups is the bound, as it is for memory.
 */
static uint64_t
hash(char *const *vals, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	const char *s;
	size_t i;

	for (i = 0; i < n; i++) {
		for (s = vals[i]; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	return h;
}

static int
same(char *const *a, char *const *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

static struct group *
new_group(struct survey *sv, char **vals)
{
	struct group *g = xcalloc(1, sizeof(*g));
	struct cm_buf key = {0};
	size_t i;

	g->vals = xcalloc(sv->nby ? sv->nby : 1, sizeof(char *));
	for (i = 0; i < sv->nby; i++) {
		g->vals[i] = xstrdup(vals[i]);
		if (i > 0)
			cm_buf_addc(&key, '\x1f');
		cm_buf_adds(&key, vals[i]);
	}
	g->key = xstrdup(cm_buf_str(&key));
	cm_buf_free(&key);
	g->hash = hash(vals, sv->nby);
	g->t = xcalloc(sv->k + 1, sizeof(*g->t));
	for (i = 0; i <= sv->k; i++)
		g->t[i].count = xcalloc(sv->nvals, sizeof(int64_t));
	if (sv->alpha) {
		g->asum = xcalloc(sv->k ? sv->k : 1, sizeof(int64_t));
		g->axp = xcalloc(sv->k ? sv->k * sv->k : 1, sizeof(int64_t));
	}
	return g;
}

static void
grow_table(struct survey *sv)
{
	struct group **old = sv->tab;
	size_t oldcap = sv->tabcap, i, j;

	sv->tabcap = oldcap ? oldcap * 2 : 64;
	sv->tab = xcalloc(sv->tabcap, sizeof(*sv->tab));
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		j = old[i]->hash & (sv->tabcap - 1);
		while (sv->tab[j] != NULL)
			j = (j + 1) & (sv->tabcap - 1);
		sv->tab[j] = old[i];
	}
	free(old);
}

/* The group of these -g values, created on first sight. */
struct group *
survey_group(struct survey *sv, char **vals)
{
	uint64_t h = hash(vals, sv->nby);
	size_t j;

	if (2 * (sv->ngroups + 1) > sv->tabcap)
		grow_table(sv);
	for (j = h & (sv->tabcap - 1); sv->tab[j] != NULL;
	    j = (j + 1) & (sv->tabcap - 1))
		if (sv->tab[j]->hash == h && same(sv->tab[j]->vals, vals,
		    sv->nby))
			return sv->tab[j];
	sv->ngroups++;
	return sv->tab[j] = new_group(sv, vals);
}

static int
bykey(const void *a, const void *b)
{
	return strcmp((*(struct group *const *)a)->key,
	    (*(struct group *const *)b)->key);
}

/* The groups in order of their values, NULL-terminated. */
struct group **
survey_sorted(struct survey *sv)
{
	struct group **v = xcalloc(sv->ngroups + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < sv->tabcap; i++)
		if (sv->tab[i] != NULL)
			v[n++] = sv->tab[i];
	qsort(v, n, sizeof(*v), bykey);
	return v;
}

static int
find_col(struct cm_csv *r, const char *name)
{
	int c = cm_csv_col(r, name);

	if (c < 0)
		cm_die_no_column(r, name);
	return c;
}

/* Column numbers of the -g columns, the items and the overall column. */
struct cols {
	int *by;
	int *item;	/* [0] overall, or -1 without one */
};

static void
resolve(struct survey *sv, struct cm_csv *r, struct cols *c, int first)
{
	size_t i;
	int has_overall;

	c->by = xcalloc(sv->nby + 1, sizeof(int));
	c->item = xcalloc(sv->k + 1, sizeof(int));
	for (i = 0; i < sv->nby; i++)
		c->by[i] = find_col(r, sv->by[i]);
	for (i = 1; i <= sv->k; i++)
		c->item[i] = find_col(r, sv->items[i - 1]);
	c->item[0] = cm_csv_col(r, sv->overall);
	has_overall = c->item[0] >= 0;
	if (!has_overall && sv->overall_given)
		find_col(r, sv->overall);
	survey_keep_raw(sv, r, c->by, c->item);
	if (first) {
		sv->synth = !has_overall;
		if (sv->synth && sv->k == 0)
			cm_dieat(CM_DATA, cm_csv_name(r), 1, 0,
			    "no column '%s' and no items (-i): nothing to "
			    "count", sv->overall);
		if (sv->synth)
			cm_info("%s: no column '%s': a form is satisfied "
			    "when the mean of its items is at least %d",
			    cm_csv_name(r), sv->overall, sv->smin);
	} else if (sv->synth == has_overall)
		cm_dieat(CM_DATA, cm_csv_name(r), 1, 0, "column '%s' is %s, "
		    "unlike in the first input", sv->overall,
		    has_overall ? _("present") : _("missing"));
	cm_info("%s: read as %s", cm_csv_name(r), cm_csv_encoding(r));
}

/*
 * An answer that is not a rating (001/12 §5.8.3): an error under
 * --strict, else named (the first few, or all with -v) and counted.
 */
void
survey_invalid(struct survey *sv, struct cm_csv *r, int col)
{
	const char *s = cm_csv_field(r, (size_t)col);

	sv->invalid_total++;
	if (sv->strict)
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), col + 1,
		    "invalid rating '%s' in column '%s'", s,
		    cm_csv_colname(r, (size_t)col));
	if (!cm_quiet && (cm_verbose || sv->invalid_shown < INVALID_SHOWN)) {
		sv->invalid_shown++;
		cm_warnat(cm_csv_name(r), cm_csv_line(r), col + 1,
		    "invalid rating '%s' in column '%s'", s,
		    cm_csv_colname(r, (size_t)col));
	}
}

/* After the last input: how many invalid answers went unnamed. */
void
survey_invalid_summary(const struct survey *sv)
{
	if (sv->invalid_total > sv->invalid_shown && !cm_quiet)
		cm_warn("%ld invalid ratings in all (the first %ld named; -v "
		    "names every one)", sv->invalid_total, sv->invalid_shown);
}

/*
 * The answer of item i (0 the overall one) in column col: its value,
 * reversed for a --reverse item, or CM_RATING_EMPTY or _INVALID.
 */
int
survey_rating(const struct survey *sv, struct cm_csv *r, int col, size_t i)
{
	int v = cm_rating_parse(&sv->scale, cm_csv_field(r, (size_t)col),
	    cm_csv_flen(r, (size_t)col));

	if (v >= 0 && sv->reverse != NULL && sv->reverse[i])
		v = sv->scale.max + sv->scale.min - v;
	return v;
}

/* One answer: its value, or counted as unanswered or invalid. */
static int
answer(struct survey *sv, struct cm_csv *r, int col, size_t i,
    struct tally *t)
{
	int v = survey_rating(sv, r, col, i);

	if (v >= 0)
		t->count[v - sv->scale.min]++;
	else if (v == CM_RATING_EMPTY)
		t->unanswered++;
	else {
		t->invalid++;
		survey_invalid(sv, r, col);
	}
	return v;
}

static void
count_form(struct survey *sv, struct cm_csv *r, const struct cols *c,
    struct group *g, int *v)
{
	size_t i, j;
	int answered = 0, sum = 0, bad = 0;

	g->forms++;
	if (!sv->synth)
		answer(sv, r, c->item[0], 0, &g->t[0]);
	for (i = 1; i <= sv->k; i++) {
		v[i] = answer(sv, r, c->item[i], i, &g->t[i]);
		if (v[i] >= 0)
			answered++, sum += v[i];
		else if (v[i] == CM_RATING_INVALID)
			bad = 1;
	}
	if (sv->synth) {
		if (g->fhist == NULL)
			g->fhist = xcalloc((sv->k + 1) * sv->fstride,
			    sizeof(int64_t));
		g->fhist[(size_t)answered * sv->fstride + (size_t)sum]++;
		/* A form without one valid item is unanswered or invalid. */
		g->finvalid += answered == 0 && bad;
	}
	if (sv->alpha && (size_t)answered == sv->k && sv->k > 0) {
		g->an++;
		for (i = 0; i < sv->k; i++) {
			g->asum[i] += v[i + 1];
			for (j = i; j < sv->k; j++)
				g->axp[i * sv->k + j] += v[i + 1] * v[j + 1];
		}
	}
}

static struct cm_csv *
open_input(struct survey *sv, const char *path)
{
	struct cm_error err;
	struct cm_csv *r = cm_csv_open(path, &sv->co.in, &err);

	if (r == NULL)
		cm_die_error(&err);
	return r;
}

/* Count every questionnaire of one input into its group. */
void
survey_read(struct survey *sv, const char *path)
{
	static int first = 1;
	struct cm_error err;
	struct cm_csv *r = open_input(sv, path);
	struct group *g = NULL;
	struct cols c;
	char **vals = xcalloc(sv->nby + 1, sizeof(char *));
	int *v = xcalloc(sv->k + 1, sizeof(int));
	size_t i;
	int rc;

	resolve(sv, r, &c, first);
	first = 0;
	while ((rc = cm_csv_next(r, &err)) > 0) {
		/* Exported surveys come sorted more often than not. */
		int same = g != NULL;

		for (i = 0; i < sv->nby; i++) {
			vals[i] = (char *)cm_csv_field(r, (size_t)c.by[i]);
			if (same && strcmp(vals[i], g->vals[i]) != 0)
				same = 0;
		}
		if (!same)
			g = survey_group(sv, vals);
		count_form(sv, r, &c, g, v);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	free(c.by);
	free(c.item);
	free(vals);
	free(v);
}

/* "2026Q1,环保" for messages; "all" without groups. */
const char *
survey_group_name(const struct survey *sv, const struct group *g)
{
	static struct cm_buf b;
	size_t i;

	if (sv->nby == 0)
		return _("all");
	cm_buf_reset(&b);
	for (i = 0; i < sv->nby; i++) {
		if (i > 0)
			cm_buf_addc(&b, ',');
		cm_buf_adds(&b, g->vals[i]);
	}
	return cm_buf_str(&b);
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

void
survey_free(struct survey *sv)
{
	size_t i, j;

	for (i = 0; i < sv->tabcap; i++) {
		struct group *g = sv->tab[i];

		if (g == NULL)
			continue;
		for (j = 0; j <= sv->k; j++)
			free(g->t[j].count);
		free(g->t);
		free_list(g->vals, sv->nby);
		free(g->key);
		free(g->fhist);
		free(g->asum);
		free(g->axp);
		free(g);
	}
	free(sv->tab);
	free_list(sv->items, sv->k);
	free_list(sv->by, sv->nby);
	free_list(sv->rawby, sv->nby);
	free_list(sv->rawitem, sv->k + 1);
	free(sv->weights);
	free(sv->reverse);
	free(sv->overall);
	cm_scale_free(&sv->scale);
	cm_colmap_free(sv->co.map);
}
