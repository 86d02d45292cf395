/*
 * report.c: the satisfaction table (000 §5.3.1.6: overall and per-item
 * satisfaction, its development; 001/12 §5.10: the formula) with the issue
 * and return rates checked against their targets (000 §5.3.1.2).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "survey.h"
#include "xalloc.h"

/* The 97.5th percentile of the standard normal: a 95% interval. */
static const double Z95 = 1.959963984540054;

/* One output row's figures. */
struct fig {
	int64_t n, sat;
	__int128 mnum, mden;	/* mean = mnum / mden when exact */
	long double mean;
	int exact;
	const struct tally *t;	/* NULL for the form-mean overall row */
	int64_t unanswered, invalid;
};

static void
figures(const struct survey *sv, const struct group *g, size_t i,
    struct fig *f)
{
	size_t c, s;
	int v;

	memset(f, 0, sizeof(*f));
	if (i == 0 && sv->synth) {
		long double total = 0;

		for (c = 0; g->fhist != NULL && c <= sv->k; c++)
			for (s = 0; s < sv->fstride; s++) {
				int64_t m = g->fhist[c * sv->fstride + s];

				if (c == 0) {
					f->unanswered += m;
					continue;
				}
				f->n += m;
				if ((long long)s >= (long long)sv->smin * (long long)c)
					f->sat += m;
				total += (long double)m * s / c;
			}
		f->mean = f->n ? total / f->n : 0;
		f->invalid = g->finvalid;
		f->unanswered -= g->finvalid;
		return;
	}
	f->t = &g->t[i];
	f->exact = 1;
	for (v = sv->scale.min; v <= sv->scale.max; v++) {
		int64_t m = f->t->count[v - sv->scale.min];

		f->n += m;
		if (v >= sv->smin)
			f->sat += m;
		f->mnum += (__int128)m * v;
	}
	f->mden = f->n;
	f->mean = f->n ? (long double)f->mnum / f->n : 0;
	f->unanswered = f->t->unanswered;
	f->invalid = f->t->invalid;
}

static void
put_ratio(struct cm_out *o, const struct survey *sv, __int128 num,
    __int128 den)
{
	char buf[64];

	if (den == 0)
		cm_out_str(o, "");
	else
		cm_out_str(o, cm_fmt_ratio(buf, num, den, sv->co.precision));
}

static void
put_double(struct cm_out *o, const struct survey *sv, long double x)
{
	char buf[64];

	cm_out_str(o, cm_fmt_double(buf, (double)x, sv->co.precision));
}

static void
put_mean(struct cm_out *o, const struct survey *sv, const struct fig *f)
{
	if (f->n == 0)
		cm_out_str(o, "");
	else if (f->exact)
		put_ratio(o, sv, f->mnum, f->mden);
	else
		put_double(o, sv, f->mean);
}

/* 95% Wilson score interval of sat of n, in percent, exact at the ends. */
static void
put_wilson(struct cm_out *o, const struct survey *sv, int64_t sat, int64_t n)
{
	double p, z2, den, mid, half, lo, hi;

	if (n == 0) {
		cm_out_str(o, "");
		cm_out_str(o, "");
		return;
	}
	p = (double)sat / n;
	z2 = Z95 * Z95;
	den = 1 + z2 / n;
	mid = (p + z2 / (2.0 * n)) / den;
	half = Z95 * sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
	lo = sat == 0 ? 0 : fmax(0, mid - half);
	hi = sat == n ? 1 : fmin(1, mid + half);
	put_double(o, sv, lo * 100);
	put_double(o, sv, hi * 100);
}

/* The index (0-100) of a mean on the scale. */
static long double
mean_index(const struct survey *sv, const struct fig *f)
{
	return (f->mean - sv->scale.min) * 100 /
	    (sv->scale.max - sv->scale.min);
}

/*
 * Cronbach's alpha over the items of g, leaving out item skip (-1: none).
 * With c_ij = n*Σxixj - Σxi*Σxj (the covariances times n(n-1)), alpha is
 * k/(k-1) * (1 - Σc_ii / Σc_ij), a ratio of whole numbers: exact.
 */
static void
put_alpha(struct cm_out *o, const struct survey *sv, const struct group *g,
    long skip)
{
	__int128 total = 0, diag = 0;
	size_t i, j, k = sv->k - (skip >= 0);

	if (k < 2 || g->an < 2) {
		cm_out_str(o, "");
		return;
	}
	for (i = 0; i < sv->k; i++)
		for (j = 0; j < sv->k; j++) {
			size_t a = i < j ? i : j, b = i < j ? j : i;
			__int128 c;

			if ((long)i == skip || (long)j == skip)
				continue;
			c = (__int128)g->an * g->axp[a * sv->k + b] -
			    (__int128)g->asum[a] * g->asum[b];
			total += c;
			if (i == j)
				diag += c;
		}
	if (total == 0)
		cm_out_str(o, "");
	else
		put_ratio(o, sv, (__int128)k * (total - diag),
		    (__int128)(k - 1) * total);
}

/*
 * num/den < target percent, exactly: targets are read with at most four
 * decimals, so compare num * 100 * 10^4 with round(target * 10^4) * den.
 */
static int
below(__int128 num, __int128 den, double target)
{
	__int128 t = (__int128)llround(target * 10000);

	return num * 100 * 10000 < t * den;
}

/*
 * One target: when num/den is below it (or den is 0), name the group, the
 * figure, the target and the counts on stderr; 1 when below.
 */
static int
missed(const struct survey *sv, const struct group *g, const char *what,
    const char *bound, int64_t num, int64_t den, double target,
    const char *unit)
{
	char a[64], b[64];

	if (target < 0 || (den != 0 && !below(num, den, target)))
		return 0;
	cm_fmt_ratio(a, den ? (__int128)num * 100 : 0, den ? den : 1,
	    sv->co.precision);
	cm_fmt_double(b, target, sv->co.precision);
	cm_warn("%s: %s %s%% %s %s%% (%lld of %lld %s)",
	    survey_group_name(sv, g), what, a, bound, b, (long long)num,
	    (long long)den, unit);
	return 1;
}

/* Check the overall row of g against the targets; 1 when below any. */
static int
check(const struct survey *sv, const struct group *g, const struct fig *f)
{
	int low = 0;

	low |= missed(sv, g, _("issue rate"), _("below"), g->issued,
	    g->customers, sv->min_issue, _("customers"));
	low |= missed(sv, g, _("return rate"), _("below"), g->forms, g->issued,
	    sv->min_return, _("issued"));
	low |= missed(sv, g, _("satisfaction"), _("below target"), f->sat, f->n,
	    sv->target, _("forms"));
	return low;
}

static int
has_targets(const struct survey *sv)
{
	return sv->min_issue >= 0 || sv->min_return >= 0 || sv->target >= 0;
}

static int
has_population(const struct survey *sv)
{
	return sv->population != NULL || sv->customers >= 0;
}

static void
header(const struct survey *sv, struct cm_out *o)
{
	int v;

	survey_put_by(sv, o);
	survey_put_col(o, "item");
	survey_put_col(o, "n");
	survey_put_col(o, "satisfied");
	survey_put_col(o, "rate");
	survey_put_col(o, "mean");
	for (v = sv->scale.max; v >= sv->scale.min; v--)
		if (sv->scale.has[v])
			survey_put_ncol(o, v);
	survey_put_col(o, "unanswered");
	survey_put_col(o, "invalid");
	survey_put_col(o, "ci_low");
	survey_put_col(o, "ci_high");
	if (sv->trend)
		survey_put_col(o, "trend");
	if (sv->weights)
		survey_put_col(o, "index");
	if (sv->alpha) {
		survey_put_col(o, "alpha");
		survey_put_col(o, "alpha_if_deleted");
		survey_put_col(o, "alpha_n");
	}
	if (has_population(sv)) {
		survey_put_col(o, "issue_rate");
		survey_put_col(o, "return_rate");
	}
	if (has_targets(sv))
		survey_put_col(o, "status");
	cm_out_endrow(o);
}

static void
put_counts(struct cm_out *o, const struct survey *sv, const struct fig *f)
{
	int v;

	for (v = sv->scale.max; v >= sv->scale.min; v--)
		if (!sv->scale.has[v])
			continue;
		else if (f->t == NULL)
			cm_out_str(o, "");
		else
			cm_out_printf(o, "%lld", (long long)
			    f->t->count[v - sv->scale.min]);
}

/* Change of the rate from the previous period, in points, exactly. */
static void
put_trend(struct cm_out *o, const struct survey *sv, const struct group *g,
    size_t i, const struct fig *f)
{
	struct fig p;

	if (g->prev == NULL || f->n == 0) {
		cm_out_str(o, "");
		return;
	}
	figures(sv, g->prev, i, &p);
	if (p.n == 0)
		cm_out_str(o, "");
	else
		put_ratio(o, sv, ((__int128)f->sat * p.n -
		    (__int128)p.sat * f->n) * 100, (__int128)f->n * p.n);
}

/* The weighted index of the group (--weights), from its item indexes. */
static long double
weighted_index(const struct survey *sv, const struct group *g, int *ok)
{
	long double sum = 0, wsum = 0;
	struct fig f;
	size_t i;

	for (i = 0; i <= sv->k; i++) {
		if (sv->weights[i] <= 0)
			continue;
		figures(sv, g, i, &f);
		if (f.n == 0)
			continue;
		sum += sv->weights[i] * mean_index(sv, &f);
		wsum += sv->weights[i];
	}
	*ok = wsum > 0;
	return *ok ? sum / wsum : 0;
}

static void
empty(struct cm_out *o, size_t n)
{
	while (n-- > 0)
		cm_out_str(o, "");
}

static size_t
ncounts(const struct survey *sv)
{
	size_t n = 0;
	int v;

	for (v = sv->scale.min; v <= sv->scale.max; v++)
		n += sv->scale.has[v];
	return n;
}

static int
put_group(const struct survey *sv, struct cm_out *o, const struct group *g)
{
	struct fig f;
	size_t i, j;
	int low = 0, ok;

	for (i = 0; i <= sv->k; i++) {
		figures(sv, g, i, &f);
		for (j = 0; j < sv->nby; j++)
			cm_out_str(o, g->vals[j]);
		/* The report calls the overall row overall, whatever --overall. */
		cm_out_name(o, i == 0 ? "overall" : sv->items[i - 1],
		    survey_item_raw(sv, i));
		cm_out_printf(o, "%lld", (long long)f.n);
		cm_out_printf(o, "%lld", (long long)f.sat);
		put_ratio(o, sv, (__int128)f.sat * 100, f.n);
		put_mean(o, sv, &f);
		put_counts(o, sv, &f);
		cm_out_printf(o, "%lld", (long long)f.unanswered);
		cm_out_printf(o, "%lld", (long long)f.invalid);
		put_wilson(o, sv, f.sat, f.n);
		if (sv->trend)
			put_trend(o, sv, g, i, &f);
		if (sv->weights && f.n > 0)
			put_double(o, sv, mean_index(sv, &f));
		else if (sv->weights)
			cm_out_str(o, "");
		if (sv->alpha) {
			put_alpha(o, sv, g, -1);
			if (i == 0)
				cm_out_str(o, "");
			else
				put_alpha(o, sv, g, (long)i - 1);
			cm_out_printf(o, "%lld", (long long)g->an);
		}
		if (has_population(sv) && i == 0) {
			put_ratio(o, sv, (__int128)g->issued * 100,
			    g->customers);
			put_ratio(o, sv, (__int128)g->forms * 100, g->issued);
		} else if (has_population(sv)) {
			cm_out_str(o, "");
			cm_out_str(o, "");
		}
		if (has_targets(sv) && i == 0) {
			low = check(sv, g, &f);
			if (low)
				cm_out_text(o, "below", "未达标");
			else
				cm_out_text(o, "ok", "达标");
		} else if (has_targets(sv))
			cm_out_str(o, "");
		cm_out_endrow(o);
	}
	if (sv->weights == NULL)
		return low;
	/* One more row: the weighted index of the whole questionnaire. */
	for (j = 0; j < sv->nby; j++)
		cm_out_str(o, g->vals[j]);
	cm_out_text(o, "weighted", "加权指数");
	cm_out_printf(o, "%lld", (long long)g->forms);
	empty(o, 7 + ncounts(sv) + (size_t)sv->trend);
	if ((f.mean = weighted_index(sv, g, &ok)), ok)
		put_double(o, sv, f.mean);
	else
		cm_out_str(o, "");
	empty(o, 3 * (size_t)sv->alpha + 2 * (size_t)has_population(sv) +
	    (size_t)has_targets(sv));
	cm_out_endrow(o);
	return low;
}

/*
 * Link each group to the group of the previous period: the same values in
 * every -g column but the trend column, the nearest lower value in it.
 * qsort takes no context, hence the file-scope copy of the survey.
 */
static const struct survey *trend_sv;

static int
others(const struct group *x, const struct group *y)
{
	size_t i;
	int c;

	for (i = 0; i < trend_sv->nby; i++)
		if (i != trend_sv->trend_col &&
		    (c = strcmp(x->vals[i], y->vals[i])) != 0)
			return c;
	return 0;
}

static int
byperiod(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a;
	const struct group *y = *(struct group *const *)b;
	int c = others(x, y);

	return c ? c : strcmp(x->vals[trend_sv->trend_col],
	    y->vals[trend_sv->trend_col]);
}

static void
link_periods(const struct survey *sv, struct group **v)
{
	size_t i, n;
	struct group **w;

	for (n = 0; v[n] != NULL; n++)
		;
	w = xcalloc(n + 1, sizeof(*w));
	memcpy(w, v, n * sizeof(*w));
	trend_sv = sv;
	qsort(w, n, sizeof(*w), byperiod);
	for (i = 1; i < n; i++)
		if (others(w[i - 1], w[i]) == 0)
			w[i]->prev = w[i - 1];
	free(w);
}

/* Write the table; 1 when a group is below a target. */
int
survey_report(struct survey *sv, struct cm_out *o)
{
	struct group **v = survey_sorted(sv);
	size_t i;
	int low = 0;

	if (sv->trend)
		link_periods(sv, v);
	header(sv, o);
	for (i = 0; v[i] != NULL; i++) {
		if (sv->alpha && sv->k >= 2 && v[i]->an < 2)
			cm_notice("%s: alpha needs at least 2 forms with every "
			    "item answered (has %lld)", survey_group_name(sv, v[i]),
			    (long long)v[i]->an);
		low |= put_group(sv, o, v[i]);
	}
	free(v);
	return low;
}
