/*
 * chart-data.c: from a table (the CSV output of cm-survey-calc or
 * cm-complaint) to the numbers of one chart: the columns by name with
 * defaults for each command's output, the periods of a trend filled from
 * the first to the last (a missing one a gap, never a zero), the Pareto
 * order and its exact cumulative percentages, the Likert segments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "num.h"
#include "strset.h"
#include "suggest.h"
#include "xalloc.h"

/* What a row contributes, before the x values are put in order. */
struct row {
	size_t x, s;		/* index among distinct x values, series */
	long line;
	const char *y;		/* the y cell, "" when empty */
	double v;
	long long amt;		/* pareto: hundredths */
	long long n[5];		/* likert */
};

struct reader {
	const struct chart_spec *s;
	struct cm_table *t;
	const char *file;
	int xc, yc, sc;		/* column indexes; -1: none */
	int nc[5];		/* likert: n1..n5 */
	struct cm_strset *xset, *sset;
	const char **xs, **ss;	/* distinct values, first appearance order */
	size_t nxs, nss;
	struct row *rows;
	size_t nrows;
};

static const char *
shown(const struct chart_spec *s, const char *v)
{
	const char *l = s->label != NULL ? s->label(s->label_ctx, v) : NULL;

	return l != NULL ? l : v;
}

/* "no column 'NAME' (columns: a, b, c)" and a guess, as suggest.h words it. */
static int
no_column(struct reader *rd, const char *name, struct cm_error *err)
{
	struct cm_buf b = {0};
	size_t i, n = cm_table_ncols(rd->t);
	const char **names = xreallocarray(NULL, n ? n : 1, sizeof(*names));
	long k;

	for (i = 0; i < n; i++)
		names[i] = cm_table_colname(rd->t, i);
	cm_buf_printf(&b, _("no column '%s' (columns: "), cm_msg_value(name));
	for (i = 0; i < n && i < 8; i++)
		cm_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	if (n > 8)
		cm_buf_printf(&b, _(" and %zu more"), n - 8);
	cm_buf_adds(&b, ")");
	k = cm_nearest(name, names, n < 1000 ? n : 1000);
	if (k >= 0)
		cm_buf_printf(&b, _("; did you mean '%s'?"), names[k]);
	cm_error_set(err, CM_DATA, rd->file, 1, 0, "%s", cm_buf_str(&b));
	cm_buf_free(&b);
	free(names);
	return CM_DATA;
}

/*
 * The column given by the user (which must exist), else the first of
 * the defaults that exists, else -1.
 */
static int
column(struct reader *rd, const char *given, const char *const *dflt,
    int *out, struct cm_error *err)
{
	int c;

	if (given != NULL) {
		if ((c = cm_table_col(rd->t, given)) < 0)
			return no_column(rd, given, err);
		*out = c;
		return CM_OK;
	}
	*out = -1;
	for (; dflt != NULL && *dflt != NULL; dflt++)
		if ((c = cm_table_col(rd->t, *dflt)) >= 0) {
			*out = c;
			break;
		}
	return CM_OK;
}

static int
usage(struct cm_error *err, const char *what, const char *type)
{
	cm_error_set(err, CM_USAGE, NULL, 0, 0, "%s does not apply to a %s "
	    "chart", what, type);
	return CM_USAGE;
}

static int
columns(struct reader *rd, struct cm_error *err)
{
	static const char *const trend_x[] = {"period", "month", NULL};
	static const char *const rate_count[] = {"rate", "count", NULL};
	static const char *const count[] = {"count", NULL};
	static const char *const item[] = {"item", NULL};
	static const char *const ncol[] = {"n1", "n2", "n3", "n4", "n5"};
	const struct chart_spec *s = rd->s;
	int st, k;

	rd->yc = rd->sc = -1;
	switch (s->type) {
	case CHART_TREND:
		if ((st = column(rd, s->x, trend_x, &rd->xc, err)) != CM_OK)
			return st;
		if (rd->xc < 0)
			rd->xc = 0;
		if ((st = column(rd, s->y, rate_count, &rd->yc, err)) != CM_OK ||
		    (st = column(rd, s->series, item, &rd->sc, err)) != CM_OK)
			return st;
		break;
	case CHART_PARETO:
		if (s->series != NULL)
			return usage(err, "--series", "pareto");
		if ((st = column(rd, s->x, NULL, &rd->xc, err)) != CM_OK ||
		    (st = column(rd, s->y, count, &rd->yc, err)) != CM_OK)
			return st;
		if (rd->xc < 0)
			rd->xc = 0;
		break;
	case CHART_LIKERT:
		if (s->series != NULL)
			return usage(err, "--series", "likert");
		if (s->y != NULL)
			return usage(err, "-y", "likert");
		if ((st = column(rd, s->x, item, &rd->xc, err)) != CM_OK)
			return st;
		if (rd->xc < 0)
			return no_column(rd, "item", err);
		for (k = 0; k < 5; k++)
			if ((st = column(rd, ncol[k], NULL, &rd->nc[k], err)) !=
			    CM_OK)
				return st;
		return CM_OK;
	case CHART_BAR:
		if ((st = column(rd, s->x, NULL, &rd->xc, err)) != CM_OK)
			return st;
		if (rd->xc < 0)
			rd->xc = 0;
		if ((st = column(rd, s->y, rate_count, &rd->yc, err)) != CM_OK ||
		    (st = column(rd, s->series, item, &rd->sc, err)) != CM_OK)
			return st;
		break;
	}
	if (rd->yc < 0)
		return no_column(rd, s->type == CHART_PARETO ? "count" :
		    "rate", err);
	/* The default series is never the x axis itself (item, item). */
	if (s->series == NULL && rd->sc == rd->xc)
		rd->sc = -1;
	if (rd->sc == rd->xc && rd->sc >= 0) {
		cm_error_set(err, CM_USAGE, NULL, 0, 0, "--series '%s' is the "
		    "x column too", cm_msg_value(s->series));
		return CM_USAGE;
	}
	return CM_OK;
}

static int
not_number(struct reader *rd, long line, const char *v, int col,
    const char *what, struct cm_error *err)
{
	cm_error_set(err, CM_DATA, rd->file, line, 0, "'%s' in column '%s' "
	    "is %s", cm_msg_value(v), cm_table_rawname(rd->t, (size_t)col),
	    what);
	return CM_DATA;
}

/* Decimals written after the point in a number as given (its shape). */
static int
decimals(const char *v)
{
	const char *p = strchr(v, '.');
	int n = 0;

	if (strpbrk(v, "eE") != NULL)
		return 6;
	if (p == NULL)
		return 0;
	for (p++; *p >= '0' && *p <= '9'; p++)
		n++;
	return n;
}

static size_t
intern(struct cm_strset *set, const char ***list, size_t *n, const char *v)
{
	size_t i;

	if (cm_strset_get(set, v, &i))
		return i;
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[*n] = v;
	cm_strset_add(set, v, *n, NULL);
	return (*n)++;
}

static int
read_rows(struct reader *rd, struct chart_data *d, struct cm_error *err)
{
	const struct chart_spec *s = rd->s;
	size_t i, n = cm_table_nrows(rd->t);
	int k;

	if (n == 0) {
		cm_error_set(err, CM_DATA, rd->file, 0, 0, "no rows to chart");
		return CM_DATA;
	}
	if (n > CHART_MAX_ROWS) {
		cm_error_set(err, CM_DATA, rd->file, 0, 0, "more than %d rows "
		    "to chart", CHART_MAX_ROWS);
		return CM_DATA;
	}
	rd->rows = xreallocarray(NULL, n, sizeof(*rd->rows));
	rd->xset = cm_strset_new();
	rd->sset = cm_strset_new();
	for (i = 0; i < n; i++) {
		struct row *r = &rd->rows[rd->nrows];
		const char *y;

		memset(r, 0, sizeof(*r));
		r->line = cm_table_line(rd->t, i);
		r->x = intern(rd->xset, &rd->xs, &rd->nxs,
		    cm_table_get(rd->t, i, (size_t)rd->xc));
		r->s = rd->sc < 0 ? 0 : intern(rd->sset, &rd->ss, &rd->nss,
		    cm_table_get(rd->t, i, (size_t)rd->sc));
		if (s->type == CHART_LIKERT) {
			for (k = 0; k < 5; k++) {
				y = cm_table_get(rd->t, i, (size_t)rd->nc[k]);
				if (cm_strtonum(y, 0, 1000000000000LL,
				    &r->n[k]) < 0)
					return not_number(rd, r->line, y,
					    rd->nc[k], _("not a count"), err);
			}
			rd->nrows++;
			continue;
		}
		y = r->y = cm_table_get(rd->t, i, (size_t)rd->yc);
		if (s->type == CHART_PARETO) {
			long long milli;

			/*
			 * Money and counts have two decimals at most: a
			 * third is refused, never rounded away (0.001 was a
			 * row of 0, dropped).
			 */
			k = cm_milli_parse(y, 2, -1000000000000000LL,
			    1000000000000000LL, &milli);
			if (k == -2)
				return not_number(rd, r->line, y, rd->yc,
				    _("a number with more than two decimals"),
				    err);
			if (k < 0)
				return not_number(rd, r->line, y, rd->yc,
				    _("not a number"), err);
			r->amt = milli / 10;
			if (r->amt < 0)
				return not_number(rd, r->line, y, rd->yc,
				    _("negative"), err);
			if (strchr(y, '.') != NULL)
				d->ndec = 2;
			if (r->amt == 0)
				continue;	/* no bar, no share */
		} else if (*y == '\0' && s->type == CHART_TREND) {
			r->y = NULL;		/* a gap */
		} else {
			if (cm_strtod(y, &r->v) < 0)
				return not_number(rd, r->line, y, rd->yc,
				    _("not a number"), err);
			k = decimals(y);
			if (k > d->ndec)
				d->ndec = k > 6 ? 6 : k;
		}
		rd->nrows++;
	}
	if (rd->sc < 0)
		rd->nss = 1;
	return CM_OK;
}

/* A period: YYYY-MM, YYYYQn or YYYY, as an ordinal; kind 0 when none. */
enum { P_NONE, P_MONTH, P_QUARTER, P_YEAR };

static int
digits(const char *s, size_t n)
{
	return strspn(s, "0123456789") >= n;
}

static int
period(const char *v, int *kind, long *ord)
{
	size_t n = strlen(v);
	long y;

	if (n < 4 || !digits(v, 4))
		return -1;
	y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 +
	    (v[3] - '0');
	if (n == 4) {
		*kind = P_YEAR;
		*ord = y;
	} else if (n == 7 && v[4] == '-' && digits(v + 5, 2)) {
		int m = (v[5] - '0') * 10 + (v[6] - '0');

		if (m < 1 || m > 12)
			return -1;
		*kind = P_MONTH;
		*ord = y * 12 + m - 1;
	} else if (n == 6 && v[4] == 'Q' && v[5] >= '1' && v[5] <= '4') {
		*kind = P_QUARTER;
		*ord = y * 4 + (v[5] - '1');
	} else {
		return -1;
	}
	return 0;
}

static char *
period_name(int kind, long ord)
{
	char b[32];

	if (kind == P_MONTH)
		snprintf(b, sizeof(b), "%04ld-%02ld", ord / 12, ord % 12 + 1);
	else if (kind == P_QUARTER)
		snprintf(b, sizeof(b), "%04ldQ%ld", ord / 4, ord % 4 + 1);
	else
		snprintf(b, sizeof(b), "%04ld", ord);
	return xstrdup(b);
}

/*
 * The x axis: for a trend whose every x is a period of one kind, the run
 * of periods from the first to the last (pos[i] is where x value i goes);
 * else the x values in the order they first appear.
 */
static int
x_axis(struct reader *rd, struct chart_data *d, size_t *pos,
    struct cm_error *err)
{
	const struct chart_spec *s = rd->s;
	long *ord = xreallocarray(NULL, rd->nxs ? rd->nxs : 1, sizeof(*ord));
	long lo = 0, hi = 0;
	int kind = P_NONE, k = P_NONE;
	size_t i;

	for (i = 0; s->type == CHART_TREND && i < rd->nxs; i++) {
		if (period(rd->xs[i], &k, &ord[i]) < 0 ||
		    (kind != P_NONE && k != kind)) {
			kind = P_NONE;
			break;
		}
		kind = k;
		if (i == 0 || ord[i] < lo)
			lo = ord[i];
		if (i == 0 || ord[i] > hi)
			hi = ord[i];
	}
	if (kind != P_NONE && hi - lo >= CHART_MAX_ROWS) {
		free(ord);
		cm_error_set(err, CM_DATA, rd->file, 0, 0, "more than %d "
		    "periods to chart (from %s to %s)", CHART_MAX_ROWS,
		    cm_msg_value(rd->xs[0]), cm_msg_value(rd->xs[rd->nxs - 1]));
		return CM_DATA;
	}
	if (kind != P_NONE) {
		d->nx = (size_t)(hi - lo + 1);
		d->xlab = xreallocarray(NULL, d->nx, sizeof(*d->xlab));
		for (i = 0; i < d->nx; i++) {
			char *name = period_name(kind, lo + (long)i);

			d->xlab[i] = xstrdup(shown(s, name));
			free(name);
		}
		for (i = 0; i < rd->nxs; i++)
			pos[i] = (size_t)(ord[i] - lo);
	} else {
		d->nx = rd->nxs;
		d->xlab = xreallocarray(NULL, d->nx ? d->nx : 1,
		    sizeof(*d->xlab));
		for (i = 0; i < d->nx; i++) {
			d->xlab[i] = xstrdup(shown(s, rd->xs[i]));
			pos[i] = i;
		}
	}
	free(ord);
	return CM_OK;
}

static int
duplicate(struct reader *rd, const struct row *r, struct cm_error *err)
{
	if (rd->sc < 0)
		cm_error_set(err, CM_DATA, rd->file, r->line, 0, "a second row "
		    "for '%s'", cm_msg_value(rd->xs[r->x]));
	else
		cm_error_set(err, CM_DATA, rd->file, r->line, 0, "a second row "
		    "for '%s' in series '%s'", cm_msg_value(rd->xs[r->x]),
		    cm_msg_value(rd->ss[r->s]));
	return CM_DATA;
}

static char *
fmt_value(double v, int ndec)
{
	char b[64];

	return xstrdup(cm_fmt_double(b, v, ndec));
}

/* trend and bar: a value per (series, x). */
static int
grid(struct reader *rd, struct chart_data *d, struct cm_error *err)
{
	size_t *pos = xreallocarray(NULL, rd->nxs ? rd->nxs : 1, sizeof(*pos));
	unsigned char *seen;
	size_t i, cells;
	int st, any = 0;

	if ((st = x_axis(rd, d, pos, err)) != CM_OK) {
		free(pos);
		return st;
	}
	d->ns = rd->nss;
	if (d->ns > CHART_MAX_SERIES || d->ns * d->nx > CHART_MAX_CELLS) {
		free(pos);
		cm_error_set(err, CM_DATA, rd->file, 0, 0, "too much to chart: "
		    "%zu series over %zu values of x (at most %d series, %d "
		    "points)", d->ns, d->nx, CHART_MAX_SERIES,
		    CHART_MAX_CELLS);
		return CM_DATA;
	}
	cells = d->ns * d->nx;
	d->v = xreallocarray(NULL, cells, sizeof(*d->v));
	d->has = xreallocarray(NULL, cells, 1);
	d->val = xreallocarray(NULL, cells, sizeof(*d->val));
	seen = xreallocarray(NULL, cells, 1);
	memset(d->has, 0, cells);
	memset(seen, 0, cells);
	memset(d->val, 0, cells * sizeof(*d->val));
	for (i = 0; i < rd->nrows; i++) {
		const struct row *r = &rd->rows[i];
		size_t c = r->s * d->nx + pos[r->x];

		if (seen[c]) {
			free(pos);
			free(seen);
			return duplicate(rd, r, err);
		}
		seen[c] = 1;
		if (r->y == NULL)
			continue;
		d->v[c] = r->v;
		d->has[c] = 1;
		d->val[c] = fmt_value(r->v, d->ndec);
		if (!any || r->v < d->lo)
			d->lo = r->v;
		if (!any || r->v > d->hi)
			d->hi = r->v;
		any = 1;
	}
	free(pos);
	free(seen);
	if (!any) {
		cm_error_set(err, CM_DATA, rd->file, 0, 0, "no values to chart "
		    "in column '%s'", cm_table_rawname(rd->t, (size_t)rd->yc));
		return CM_DATA;
	}
	if (rd->sc >= 0) {
		d->slab = xreallocarray(NULL, d->ns, sizeof(*d->slab));
		for (i = 0; i < d->ns; i++)
			d->slab[i] = xstrdup(shown(rd->s, rd->ss[i]));
	}
	return CM_OK;
}

static struct row *sort_rows;

/* Descending by amount; ties keep the input order. */
static int
by_amount(const void *a, const void *b)
{
	const struct row *p = &sort_rows[*(const size_t *)a];
	const struct row *q = &sort_rows[*(const size_t *)b];

	if (p->amt != q->amt)
		return p->amt > q->amt ? -1 : 1;
	return p->line < q->line ? -1 : p->line > q->line;
}

static int
pareto(struct reader *rd, struct chart_data *d, struct cm_error *err)
{
	size_t *idx, i;
	__int128 total = 0, cum = 0;
	unsigned char *seen = xreallocarray(NULL, rd->nxs ? rd->nxs : 1, 1);
	char b[64];

	memset(seen, 0, rd->nxs);
	for (i = 0; i < rd->nrows; i++) {
		if (seen[rd->rows[i].x]) {
			free(seen);
			return duplicate(rd, &rd->rows[i], err);
		}
		seen[rd->rows[i].x] = 1;
		total += rd->rows[i].amt;
	}
	free(seen);
	if (rd->nrows == 0) {
		cm_error_set(err, CM_DATA, rd->file, 0, 0, "no rows to chart "
		    "(every value in column '%s' is 0)",
		    cm_table_rawname(rd->t, (size_t)rd->yc));
		return CM_DATA;
	}
	idx = xreallocarray(NULL, rd->nrows, sizeof(*idx));
	for (i = 0; i < rd->nrows; i++)
		idx[i] = i;
	sort_rows = rd->rows;
	qsort(idx, rd->nrows, sizeof(*idx), by_amount);
	d->nx = rd->nrows;
	d->ns = 1;
	d->xlab = xreallocarray(NULL, d->nx, sizeof(*d->xlab));
	d->val = xreallocarray(NULL, d->nx, sizeof(*d->val));
	d->cum = xreallocarray(NULL, d->nx, sizeof(*d->cum));
	d->v = xreallocarray(NULL, d->nx, sizeof(*d->v));
	for (i = 0; i < d->nx; i++) {
		const struct row *r = &rd->rows[idx[i]];

		d->xlab[i] = xstrdup(shown(rd->s, rd->xs[r->x]));
		d->v[i] = (double)r->amt / 100;
		if (d->v[i] > d->hi)
			d->hi = d->v[i];
		if (d->ndec == 2) {
			d->val[i] = xstrdup(cm_money_format(b, r->amt));
		} else {
			snprintf(b, sizeof(b), "%lld", r->amt / 100);
			d->val[i] = xstrdup(b);
		}
		cum += r->amt;
		d->cum[i] = xstrdup(cm_fmt_ratio(b, cum * 100, total, 2));
	}
	free(idx);
	/*
	 * The left axis runs to the total, so that a bar reads against the
	 * cumulative percentage on the right one (the classic Pareto).
	 */
	d->hi = (double)total / 100;
	return CM_OK;
}

/* twice-counts num2 over total as a percentage, negated when neg. */
static char *
pct(__int128 num2, __int128 total, int neg)
{
	char b[64], o[72];

	if (total == 0 || num2 == 0)
		return xstrdup("0");
	cm_fmt_ratio(b, num2 * 50, total, 2);
	snprintf(o, sizeof(o), "%s%s", neg ? "-" : "", b);
	return xstrdup(o);
}

/*
 * likert: each item's bar diverges at the middle of n3, so n1, n2 and
 * half of n3 lie left of 0, the rest right, as percentages of n1..n5.
 */
static int
likert(struct reader *rd, struct chart_data *d, struct cm_error *err)
{
	unsigned char *seen = xreallocarray(NULL, rd->nxs ? rd->nxs : 1, 1);
	size_t i;

	memset(seen, 0, rd->nxs);
	d->nx = rd->nrows;
	d->ns = 1;
	d->xlab = xreallocarray(NULL, d->nx, sizeof(*d->xlab));
	d->edge = xreallocarray(NULL, d->nx * 6, sizeof(*d->edge));
	memset(d->xlab, 0, d->nx * sizeof(*d->xlab));
	memset(d->edge, 0, d->nx * 6 * sizeof(*d->edge));
	for (i = 0; i < rd->nrows; i++) {
		const struct row *r = &rd->rows[i];
		const long long *n = r->n;
		__int128 t = (__int128)n[0] + n[1] + n[2] + n[3] + n[4];
		__int128 h = n[2];	/* twice half of n3 */

		if (seen[r->x]) {
			free(seen);
			return duplicate(rd, r, err);
		}
		seen[r->x] = 1;
		d->xlab[i] = xstrdup(shown(rd->s, rd->xs[r->x]));
		d->edge[i * 6 + 0] = pct(2 * ((__int128)n[0] + n[1]) + h, t, 1);
		d->edge[i * 6 + 1] = pct(2 * (__int128)n[1] + h, t, 1);
		d->edge[i * 6 + 2] = pct(h, t, 1);
		d->edge[i * 6 + 3] = pct(h, t, 0);
		d->edge[i * 6 + 4] = pct(h + 2 * (__int128)n[3], t, 0);
		d->edge[i * 6 + 5] = pct(h + 2 * ((__int128)n[3] + n[4]), t, 0);
	}
	free(seen);
	return CM_OK;
}

/* rate, on_time_rate: a percentage, drawn on a 0..100 scale. */
static int
is_rate(const char *name)
{
	size_t n = strlen(name);

	return strcmp(name, "rate") == 0 ||
	    (n > 5 && strcmp(name + n - 5, "_rate") == 0);
}

int
chart_data_read(const struct chart_spec *s, struct cm_table *t,
    struct chart_data *d, struct cm_error *err)
{
	struct reader rd;
	int st;

	memset(d, 0, sizeof(*d));
	memset(&rd, 0, sizeof(rd));
	rd.s = s;
	rd.t = t;
	rd.file = cm_table_name(t);
	if ((st = columns(&rd, err)) == CM_OK &&
	    (st = read_rows(&rd, d, err)) == CM_OK) {
		if (rd.yc >= 0)
			d->ycol = cm_table_rawname(t, (size_t)rd.yc);
		if (st == CM_OK && rd.yc >= 0)
			d->rate = is_rate(cm_table_colname(t, (size_t)rd.yc));
		if (s->type == CHART_PARETO)
			st = pareto(&rd, d, err);
		else if (s->type == CHART_LIKERT)
			st = likert(&rd, d, err);
		else
			st = grid(&rd, d, err);
		if (d->rate && (d->lo < 0 || d->hi > 100))
			d->rate = 0;
	}
	cm_strset_free(rd.xset);
	cm_strset_free(rd.sset);
	free(rd.xs);
	free(rd.ss);
	free(rd.rows);
	if (st != CM_OK)
		chart_data_free(d);
	return st;
}

static void
free_list(char **l, size_t n)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void
chart_data_free(struct chart_data *d)
{
	free_list(d->xlab, d->nx);
	free_list(d->slab, d->ns);
	free_list(d->val, d->val != NULL && d->cum == NULL ? d->ns * d->nx :
	    d->nx);
	free_list(d->cum, d->nx);
	free_list(d->edge, d->nx * 6);
	free(d->v);
	free(d->has);
	memset(d, 0, sizeof(*d));
}
