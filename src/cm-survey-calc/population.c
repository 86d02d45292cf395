/*
 * population.c: how many customers each group has and how many forms were
 * issued to them, for the issue rate (issued / customers) and the return
 * rate (returned / issued) of 000 §5.3.1.2, 001/2, 001/3 and 001/5.
 */
#include <limits.h>
#include <stdlib.h>

#include "buf.h"
#include "csvin.h"
#include "msg.h"
#include "num.h"
#include "strset.h"
#include "survey.h"
#include "xalloc.h"

static int64_t
count(struct cm_csv *r, int col)
{
	long long v;

	if (cm_strtonum(cm_csv_field(r, (size_t)col), 0, LLONG_MAX, &v) < 0)
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), col + 1,
		    "invalid %s '%s' (a whole number)",
		    cm_csv_colname(r, (size_t)col), cm_csv_field(r, (size_t)col));
	return v;
}

/*
 * A population may be finer than -g (per region, say, when -g is the
 * period): its rows are added up to the -g groups.  Two rows equal in
 * every column but the counts are still a data error, as is a second row
 * for a group when the file has no columns but -g and the counts.
 */
static void
read_population(struct survey *sv)
{
	struct cm_error err;
	/*
	 * Static, so that the data errors below, which exit from inside the
	 * loop, leave nothing unreachable for LeakSanitizer.
	 */
	static struct cm_csv *r;
	static char **vals, **rows;
	static int *by;
	static struct cm_strset *seen;
	static struct cm_buf key;
	size_t nrows = 0, cap = 0, i, ncols;
	int cust, iss, rc, finer;

	r = cm_csv_open(sv->population, &sv->co.in, &err);
	if (r == NULL)
		cm_die_error(&err);
	vals = xcalloc(sv->nby + 1, sizeof(char *));
	by = xcalloc(sv->nby + 1, sizeof(int));
	for (i = 0; i < sv->nby; i++)
		if ((by[i] = cm_csv_col(r, sv->by[i])) < 0)
			cm_die_no_column(r, sv->by[i]);
	if ((cust = cm_csv_col(r, "customers")) < 0 ||
	    (iss = cm_csv_col(r, "issued")) < 0)
		cm_dieat(CM_DATA, cm_csv_name(r), 1, 0,
		    "a population needs columns 'customers' and 'issued'");
	ncols = cm_csv_ncols(r);
	finer = ncols > sv->nby + 2;
	seen = cm_strset_new();
	while ((rc = cm_csv_next(r, &err)) > 0) {
		struct group *g;
		int64_t c, n;

		for (i = 0; i < sv->nby; i++)
			vals[i] = (char *)cm_csv_field(r, (size_t)by[i]);
		g = survey_group(sv, vals);
		cm_buf_reset(&key);
		for (i = 0; i < ncols; i++)
			if ((int)i != cust && (int)i != iss) {
				cm_buf_adds(&key, cm_csv_field(r, i));
				cm_buf_addc(&key, '\x1f');
			}
		rows = xgrow(rows, &cap, nrows + 1, sizeof(*rows));
		rows[nrows] = xstrdup(cm_buf_str(&key));
		if (!cm_strset_add(seen, rows[nrows], nrows, NULL) ||
		    (g->has_pop && !finer)) {
			if (sv->nby == 0 && !finer)
				cm_dieat(CM_DATA, cm_csv_name(r),
				    cm_csv_line(r), 0, "a second row: "
				    "without -g a population has one row");
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "a second row for group '%s'",
			    survey_group_name(sv, g));
		}
		nrows++;
		c = count(r, cust);
		n = count(r, iss);
		if (__builtin_add_overflow(g->customers, c, &g->customers) ||
		    __builtin_add_overflow(g->issued, n, &g->issued))
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "the counts of group '%s' overflow",
			    survey_group_name(sv, g));
		g->has_pop = 1;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	cm_strset_free(seen);
	for (i = 0; i < nrows; i++)
		free(rows[i]);
	free(rows);
	cm_buf_free(&key);
	free(vals);
	free(by);
	r = NULL;
	rows = vals = NULL;
	by = NULL;
	seen = NULL;
}

/*
 * A rate over 100% is wrong data, not an excellent result: more forms
 * issued than customers, or more returned than issued (000 §5.3.1.2).
 */
static int
rate_over_100(const struct group *g)
{
	return g->issued > g->customers || g->forms > g->issued;
}

/*
 * Attach the population to every group.  A group with answers but no
 * population row is a data error: its return rate cannot be known.  A
 * population row with no answers makes a group of its own, whose return
 * rate of 0 is exactly what the office must see.  A rate over 100% is
 * wrong data, not an excellent result: more forms issued than customers,
 * or more returned than issued (000 §5.3.1.2).
 */
void
survey_population(struct survey *sv)
{
	const char *file = sv->population ? sv->population : "--issued";
	struct group **v, *missing = NULL, *over = NULL;
	size_t i;

	if (sv->population != NULL)
		read_population(sv);
	else if (sv->customers >= 0) {
		struct group *g = survey_group(sv, NULL);

		g->has_pop = 1;
		g->customers = sv->customers;
		g->issued = sv->issued;
	} else
		return;
	v = survey_sorted(sv);
	for (i = 0; v[i] != NULL && missing == NULL; i++)
		if (!v[i]->has_pop)
			missing = v[i];
	for (i = 0; v[i] != NULL && over == NULL; i++)
		if (rate_over_100(v[i]))
			over = v[i];
	free(v);
	if (missing != NULL)
		cm_die(CM_DATA, "%s: no row for group '%s'", sv->population,
		    survey_group_name(sv, missing));
	if (over != NULL && over->issued > over->customers)
		cm_die(CM_DATA, "%s: group '%s': issue rate over 100%% (%lld "
		    "forms issued to %lld customers)", file,
		    survey_group_name(sv, over), (long long)over->issued,
		    (long long)over->customers);
	if (over != NULL)
		cm_die(CM_DATA, "%s: group '%s': return rate over 100%% (%lld "
		    "forms returned of %lld issued)", file,
		    survey_group_name(sv, over), (long long)over->forms,
		    (long long)over->issued);
}
