/*
 * report.c: reading the register: list (and a case's history), overdue
 * (the 催办单 of 004/4 §14, and with --late the 洽办单), stats (the
 * monthly 客户投诉案件统计表 due by the 10th, 004/4 §9.10, and the
 * annual 客户投诉综合报告, 003 §4.3.3).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "complaint.h"
#include "csvin.h"
#include "msg.h"
#include "num.h"
#include "xalloc.h"

/* A consistent snapshot: readers take the lock too, briefly. */
static struct cm_register *
snapshot(struct ctx *c, struct cm_table **t)
{
	struct cm_register *r = open_register(c);

	*t = cm_register_table(r);
	return r;
}

static cm_day
day_of(struct cm_table *t, size_t row, const char *field)
{
	const char *s = cm_table_get(t, row, col(t, field));
	cm_day d;

	if (*s == '\0')
		return -1;
	if (cm_date_parse(s, strlen(s), &d) < 0)
		cm_dieat(CM_DATA, cm_table_name(t), cm_table_line(t, row), 0,
		    "invalid %s '%s' (run check)", field, s);
	return d;
}

static int
listed(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list;

	while ((p = strstr(p, s)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' ||
		    p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static int
in_range(struct ctx *c, struct cm_table *t, size_t row)
{
	cm_day d = day_of(t, row, "received");

	return (c->from < 0 || d >= c->from) && (c->to < 0 || d <= c->to);
}

static int
history(struct ctx *c)
{
	struct cm_table *t;
	struct cm_register *r = snapshot(c, &t);
	struct cm_error err;
	struct cm_csv *log = NULL;
	struct cm_out *o;
	int idc, rc;
	size_t i;

	find_id(t, c->history);
	o = open_output(c);
	cm_out_str(o, "time");
	cm_out_str(o, "user");
	cm_out_str(o, "id");
	cm_out_str(o, "field");
	cm_out_str(o, "old");
	cm_out_str(o, "new");
	cm_out_endrow(o);
	log = cm_csv_open(cm_register_logpath(r), &(struct cm_csv_opts){
	    .delim = ','}, &err);
	if (log == NULL && err.status != CM_SYSTEM)
		cm_die_error(&err);
	if (log != NULL && (idc = cm_csv_col(log, "id")) >= 0) {
		while ((rc = cm_csv_next(log, &err)) > 0) {
			if (strcmp(cm_csv_field(log, (size_t)idc),
			    c->history) != 0)
				continue;
			for (i = 0; i < cm_csv_ncols(log) && i < 6; i++)
				cm_out_field(o, cm_csv_field(log, i),
				    cm_csv_flen(log, i));
			cm_out_endrow(o);
		}
		if (rc < 0)
			cm_die_error(&err);
	}
	cm_csv_close(log);
	cm_register_abort(r);
	cm_out_close(o);
	return CM_OK;
}

int
verb_list(struct ctx *c)
{
	struct cm_table *t;
	struct cm_register *r;
	struct cm_out *o;
	struct cm_buf b = {0};
	struct cm_error err;
	size_t i, j, n;

	if (c->history != NULL)
		return history(c);
	r = snapshot(c, &t);
	n = cm_table_ncols(t);
	o = open_output(c);
	for (j = 0; j < n; j++)
		cm_out_str(o, cm_table_rawname(t, j));
	if (c->explain)
		cm_out_str(o, "due_days");
	cm_out_endrow(o);
	for (i = 0; i < cm_table_nrows(t); i++) {
		if (c->status && !listed(c->status, cm_table_get(t, i,
		    col(t, "status"))))
			continue;
		if (c->customer && strcmp(c->customer, cm_table_get(t, i,
		    col(t, "customer"))) != 0)
			continue;
		if (!in_range(c, t, i))
			continue;
		for (j = 0; j < n; j++)
			cm_out_str(o, cm_table_get(t, i, j));
		if (c->explain) {
			cm_day from = day_of(t, i, "received");
			cm_day to = day_of(t, i, "due");

			cm_buf_reset(&b);
			if (from >= 0 && to >= 0 && cm_cal_explain(c->cal,
			    from, to, "; ", &b, &err) < 0)
				cm_dieat(CM_DATA, cm_table_name(t),
				    cm_table_line(t, i), 0, "%s", err.msg);
			cm_out_str(o, cm_buf_str(&b));
		}
		cm_out_endrow(o);
	}
	cm_buf_free(&b);
	cm_register_abort(r);
	cm_out_close(o);
	return CM_OK;
}

struct late {
	size_t row;
	long days;
};

static int
by_days(const void *a, const void *b)
{
	const struct late *x = a, *y = b;

	if (x->days != y->days)
		return x->days < y->days ? 1 : -1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/*
 * Open cases past due on --as-of, most overdue first (004/4 §14: the
 * 催办单); with --late, closed cases that were closed after their due
 * date (the 洽办单).  The due day itself is on time.
 */
int
verb_overdue(struct ctx *c)
{
	static const char *const shown[] = {"id", "received", "customer",
	    "market", "status", "dept", "due", NULL};
	struct cm_table *t;
	struct cm_register *r = snapshot(c, &t);
	struct cm_error err;
	struct late *v;
	struct cm_out *o;
	size_t i, j, n = 0;

	v = xcalloc(cm_table_nrows(t) + 1, sizeof(*v));
	for (i = 0; i < cm_table_nrows(t); i++) {
		enum state s = state_of(cm_table_get(t, i, col(t, "status")));
		cm_day due = day_of(t, i, "due"), end;
		long days;

		if (c->late ? s != ST_CLOSED : (s == ST_BAD || s >= ST_CLOSED))
			continue;
		end = c->late ? day_of(t, i, "closed") : c->as_of;
		if (due < 0 || end < 0 || end <= due)
			continue;
		if (cm_cal_count(c->cal, due, end, &days, &err) < 0)
			cm_dieat(CM_DATA, cm_table_name(t),
			    cm_table_line(t, i), 0, "%s: %s",
			    cm_table_get(t, i, col(t, "id")), err.msg);
		if (days <= 0)
			continue;
		v[n].row = i;
		v[n++].days = days;
	}
	qsort(v, n, sizeof(*v), by_days);
	o = open_output(c);
	for (j = 0; shown[j]; j++)
		cm_out_str(o, shown[j]);
	if (c->late)
		cm_out_str(o, "closed");
	cm_out_str(o, c->late ? "days_late" : "days_overdue");
	cm_out_endrow(o);
	for (i = 0; i < n; i++) {
		for (j = 0; shown[j]; j++)
			cm_out_str(o, cm_table_get(t, v[i].row,
			    col(t, shown[j])));
		if (c->late)
			cm_out_str(o, cm_table_get(t, v[i].row,
			    col(t, "closed")));
		cm_out_printf(o, "%ld", v[i].days);
		cm_out_endrow(o);
	}
	free(v);
	cm_register_abort(r);
	cm_out_close(o);
	return n > 0 ? CM_ATTENTION : CM_OK;
}

/* One row of the statistics. */
struct stat {
	char *key;
	long count, open, closed, on_time, reopened;
	long *days;		/* days to close, of the closed cases */
	long ndays;
	size_t daycap;
	long long loss;		/* cents */
};

struct rowkey {
	char *key;
	size_t row;
};

static int
by_rowkey(const void *a, const void *b)
{
	const struct rowkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->row > y->row) - (x->row < y->row);
}

static int sort_loss;

static int
pareto(const void *a, const void *b)
{
	const struct stat *x = a, *y = b;

	if (sort_loss && x->loss != y->loss)
		return x->loss < y->loss ? 1 : -1;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

static int
by_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The grouping value of row for --by. */
static void
key_of(struct cm_table *t, size_t row, const char *by, char *buf, size_t n)
{
	if (strcmp(by, "month") == 0)
		snprintf(buf, n, "%.7s", cm_table_get(t, row,
		    col(t, "received")));
	else
		snprintf(buf, n, "%s", cm_table_get(t, row, col(t, by)));
}

static void
count_row(struct ctx *c, struct cm_table *t, size_t row, struct stat *s)
{
	enum state st = state_of(cm_table_get(t, row, col(t, "status")));
	const char *loss = cm_table_get(t, row, col(t, "loss"));
	struct cm_error err;
	cm_day closed;
	double x;
	long d;

	s->count++;
	if (st >= ST_OPEN && st < ST_CLOSED)
		s->open++;
	if (*cm_table_get(t, row, col(t, "reopened")) != '\0' &&
	    strcmp(cm_table_get(t, row, col(t, "reopened")), "0") != 0)
		s->reopened++;
	if (*loss != '\0' && cm_strtod(loss, &x) == 0)
		s->loss += llround(x * 100);
	if (st != ST_CLOSED)
		return;
	s->closed++;
	closed = day_of(t, row, "closed");
	if (closed <= day_of(t, row, "due"))
		s->on_time++;
	if (cm_cal_count(c->cal, day_of(t, row, "received"), closed, &d,
	    &err) < 0)
		cm_dieat(CM_DATA, cm_table_name(t), cm_table_line(t, row), 0,
		    "%s: %s", cm_table_get(t, row, col(t, "id")), err.msg);
	s->days = xgrow(s->days, &s->daycap, (size_t)s->ndays + 1,
	    sizeof(long));
	s->days[s->ndays++] = d;
}

static void
put_stat(struct ctx *c, struct cm_out *o, struct stat *s, long long *cum,
    long long total)
{
	char buf[64];
	long long sum = 0;
	long i;

	cm_out_str(o, s->key);
	cm_out_printf(o, "%ld", s->count);
	cm_out_printf(o, "%ld", s->open);
	cm_out_printf(o, "%ld", s->closed);
	cm_out_printf(o, "%ld", s->on_time);
	cm_out_str(o, s->closed ? cm_fmt_ratio(buf, (__int128)s->on_time *
	    100, s->closed, c->co.precision) : "");
	cm_out_printf(o, "%ld", s->reopened);
	for (i = 0; i < s->ndays; i++)
		sum += s->days[i];
	cm_out_str(o, s->ndays ? cm_fmt_ratio(buf, sum, s->ndays,
	    c->co.precision) : "");
	if (s->ndays > 1)
		qsort(s->days, (size_t)s->ndays, sizeof(long), by_long);
	cm_out_str(o, s->ndays ? cm_fmt_ratio(buf,
	    (__int128)s->days[(s->ndays - 1) / 2] + s->days[s->ndays / 2], 2,
	    c->co.precision) : "");
	cm_out_str(o, cm_fmt_ratio(buf, s->loss, 100, 2));
	*cum += sort_loss ? s->loss : s->count;
	cm_out_str(o, total ? cm_fmt_ratio(buf, (__int128)*cum * 100, total,
	    c->co.precision) : "");
	cm_out_endrow(o);
}

int
verb_stats(struct ctx *c)
{
	static const char *const keys[] = {"month", "cause", "dept",
	    "customer", "responsibility", "category", NULL};
	struct cm_table *t;
	struct cm_register *r;
	struct stat *v;
	struct rowkey *rows;
	struct cm_out *o;
	size_t i, n = 0, nrows = 0;
	long long cum = 0, total = 0;
	char key[1024];

	for (i = 0; keys[i] && (c->by == NULL || strcmp(keys[i], c->by)); i++)
		;
	if (c->by == NULL || keys[i] == NULL)
		cm_usage_error("stats needs --by month, cause, dept, customer, "
		    "responsibility or category");
	sort_loss = c->sort && strcmp(c->sort, "loss") == 0;
	r = snapshot(c, &t);
	/* Sort the rows by their key once; each run of a key is a group. */
	rows = xcalloc(cm_table_nrows(t) + 1, sizeof(*rows));
	for (i = 0; i < cm_table_nrows(t); i++) {
		if (!in_range(c, t, i))
			continue;
		key_of(t, i, c->by, key, sizeof(key));
		rows[nrows].key = xstrdup(key);
		rows[nrows++].row = i;
	}
	qsort(rows, nrows, sizeof(*rows), by_rowkey);
	v = xcalloc(nrows + 1, sizeof(*v));
	for (i = 0; i < nrows; i++) {
		if (n == 0 || strcmp(v[n - 1].key, rows[i].key) != 0)
			v[n++].key = rows[i].key;
		else
			free(rows[i].key);
		count_row(c, t, rows[i].row, &v[n - 1]);
	}
	free(rows);
	qsort(v, n, sizeof(*v), pareto);
	for (i = 0; i < n; i++)
		total += sort_loss ? v[i].loss : v[i].count;
	o = open_output(c);
	cm_out_str(o, c->by);
	cm_out_str(o, "count");
	cm_out_str(o, "open");
	cm_out_str(o, "closed");
	cm_out_str(o, "on_time");
	cm_out_str(o, "on_time_rate");
	cm_out_str(o, "reopened");
	cm_out_str(o, "mean_days");
	cm_out_str(o, "median_days");
	cm_out_str(o, "loss");
	cm_out_str(o, "cumulative");
	cm_out_endrow(o);
	for (i = 0; i < n; i++) {
		put_stat(c, o, &v[i], &cum, total);
		free(v[i].key);
		free(v[i].days);
	}
	free(v);
	cm_register_abort(r);
	cm_out_close(o);
	return CM_OK;
}
