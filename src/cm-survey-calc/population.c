/*
 * population.c: how many customers each group has and how many forms were
 * issued to them, for the issue rate (issued / customers) and the return
 * rate (returned / issued) of 000 §5.3.1.2, 001/2, 001/3 and 001/5.
 */
#include <limits.h>
#include <stdlib.h>

#include "csvin.h"
#include "msg.h"
#include "num.h"
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

static void
read_population(struct survey *sv)
{
	struct cm_error err;
	struct cm_csv *r = cm_csv_open(sv->population, &sv->co.in, &err);
	/*
	 * Static, so that the data errors below, which exit from inside the
	 * loop, leave nothing unreachable for LeakSanitizer.
	 */
	static char **vals;
	static int *by;
	int cust, iss, rc;
	size_t i;

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
	while ((rc = cm_csv_next(r, &err)) > 0) {
		struct group *g;

		for (i = 0; i < sv->nby; i++)
			vals[i] = (char *)cm_csv_field(r, (size_t)by[i]);
		g = survey_group(sv, vals);
		if (g->has_pop && sv->nby == 0)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "a second row: without -g a population has one row");
		if (g->has_pop)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "a second row for group '%s'",
			    survey_group_name(sv, g));
		g->has_pop = 1;
		g->customers = count(r, cust);
		g->issued = count(r, iss);
		if (g->issued > g->customers)
			cm_notice("%s:%ld: more forms issued (%lld) than "
			    "customers (%lld)", cm_csv_name(r), cm_csv_line(r),
			    (long long)g->issued, (long long)g->customers);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	free(vals);
	free(by);
	vals = NULL;
	by = NULL;
}

/*
 * Attach the population to every group.  A group with answers but no
 * population row is a data error: its return rate cannot be known.  A
 * population row with no answers makes a group of its own, whose return
 * rate of 0 is exactly what the office must see.
 */
void
survey_population(struct survey *sv)
{
	struct group **v, *missing;
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
	for (i = 0; v[i] != NULL && v[i]->has_pop; i++)
		;
	missing = v[i];
	free(v);
	if (missing != NULL)
		cm_die(CM_DATA, "%s: no row for group '%s'", sv->population,
		    survey_group_name(sv, missing));
}
