/*
 * report.c: reading the register: list (and a case's history), overdue
 * (the 催办单 of 004/4 §14, and with --late the 洽办单), stats (the
 * monthly 客户投诉案件统计表 due by the 10th, 004/4 §9.10, and the
 * annual 客户投诉综合报告, 003 §4.3.3).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "complaint.h"
#include "csvin.h"
#include "msg.h"
#include "num.h"
#include "strset.h"
#include "words.h"
#include "xalloc.h"

/* One whole version of the register, read without the lock. */
static struct cm_register *
snapshot(struct ctx *c, struct cm_table **t, int withlog)
{
	struct cm_register *r = read_register(c, withlog);

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

/*
 * --status names states, comma-separated: a state that does not exist
 * would match nothing, and an empty list that exits 0 reads as "no such
 * case" (opne for open), so it is a usage error naming the valid ones.
 * A state may be given in Chinese (调查中); the list comes back in
 * canonical words, as the register holds them (static: one list a run).
 */
static const char *
check_states(const char *list)
{
	static struct cm_buf states;
	const char *p = list, *end, *w;
	char *one;

	if (list == NULL)
		return NULL;
	cm_buf_reset(&states);
	do {
		end = p + strcspn(p, ",");
		one = xstrndup(p, (size_t)(end - p));
		if ((w = cm_word("status", one)) == NULL)
			cm_usage_error("invalid --status '%s' (one of %s)",
			    one, cm_word_list("status"));
		cm_buf_adds(&states, states.len ? "," : "");
		cm_buf_adds(&states, w);
		free(one);
		p = end + 1;
	} while (*end != '\0');
	return cm_buf_str(&states);
}

static int
in_range(struct ctx *c, struct cm_table *t, size_t row)
{
	cm_day d = day_of(t, row, "received");

	return (c->from == CM_NO_DAY || d >= c->from) &&
	    (c->to == CM_NO_DAY || d <= c->to);
}

/* The log's header (register.h), and that of list --history. */
static const char *const history_head[] = {"time", "user", "id", "field",
    "old", "new"};

struct history {
	struct cm_out *o;
	const char *id;
	const char *log;
	int damaged;
};

/*
 * A line of the case's history, or a damaged line that may be one: it
 * is not shown (its fields cannot be trusted) but named, and the exit
 * status says something needs attention.
 */
static int
history_line(const struct cm_logline *l, void *arg)
{
	struct history *h = arg;
	size_t i;

	if (l->id_whole && strcmp(l->f[2], h->id) != 0)
		return 0;
	if (l->damage != NULL) {
		cm_warnat(h->log, l->line, 0, "damaged line not shown: %s "
		    "(run check)", l->damage);
		h->damaged = 1;
		return 0;
	}
	for (i = 0; i < 3; i++)
		out_value(h->o, history_head[i], l->f[i]);
	/* The field is a column's name, its values that column's. */
	if (cm_out_lang(h->o) == CM_LANG_ZH && *l->f[3] != '\0')
		out_column(h->o, l->f[3], NULL);
	else
		cm_out_str(h->o, l->f[3]);
	out_value(h->o, l->f[3], l->f[4]);
	out_value(h->o, l->f[3], l->f[5]);
	cm_out_endrow(h->o);
	return 0;
}

static int
history(struct ctx *c)
{
	struct cm_table *t;
	struct cm_register *r = snapshot(c, &t, 1);
	struct history h = { NULL, c->history, cm_register_logpath(r), 0 };
	struct cm_error err;
	size_t i;

	find_id(t, c->history);
	h.o = open_output(c);
	for (i = 0; i < 6; i++)
		out_column(h.o, history_head[i], NULL);
	cm_out_endrow(h.o);
	if (cm_register_history(r, history_line, &h, &err) < 0)
		cm_die_error(&err);
	cm_register_abort(r);
	cm_out_close(h.o);
	return h.damaged ? CM_ATTENTION : CM_OK;
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
	c->status = check_states(c->status);
	r = snapshot(c, &t, 0);
	n = cm_table_ncols(t);
	o = open_output(c);
	for (j = 0; j < n; j++)
		out_column(o, cm_table_colname(t, j), cm_table_rawname(t, j));
	if (c->explain)
		out_column(o, "due_days", NULL);
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
			out_value(o, cm_table_colname(t, j), cm_table_get(t,
			    i, j));
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

/* A case on the overdue (or late) list, copied out of the stream. */
struct late {
	char *f[9];		/* shown[], then closed, then description */
	long days;
	size_t seq;		/* register order, for ties */
};

static int
by_days(const void *a, const void *b)
{
	const struct late *x = a, *y = b;

	if (x->days != y->days)
		return x->days < y->days ? 1 : -1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Open cases past due on --as-of, most overdue first (004/4 §14: the
 * 催办单); with --late, closed cases that were closed after their due
 * date (the 洽办单).  The due day itself is on time.  --dept picks one
 * department's cases, and each row carries the description, so that
 * each department gets its own list of what it must answer.
 */
int
verb_overdue(struct ctx *c)
{
	static const char *const shown[] = {"id", "received", "customer",
	    "market", "status", "dept", "due", NULL};
	static const int from[] = {SC_ID, SC_RECEIVED, SC_CUSTOMER,
	    SC_MARKET, SC_STATUS, SC_DEPT, SC_DUE, SC_CLOSED, SC_DESCRIPTION};
	struct scan sc;
	struct cm_error err;
	struct late *v = NULL;
	struct cm_out *o;
	size_t i, j, n = 0, cap = 0, seq = 0;

	scan_open(c, &sc);
	while (scan_next(&sc) > 0) {
		enum state s = state_of(scan_get(&sc, SC_STATUS));
		cm_day due, end;
		long days;
		int late;

		seq++;
		if (c->late ? s != ST_CLOSED : (s == ST_BAD || s >= ST_CLOSED))
			continue;
		if (c->dept != NULL && strcmp(c->dept, scan_get(&sc,
		    SC_DEPT)) != 0)
			continue;
		due = scan_day(&sc, SC_DUE);
		end = c->late ? scan_day(&sc, SC_CLOSED) : c->as_of;
		if (due < 0 || end < 0)
			continue;
		/* The same rule as stats' on_time (calendar.h). */
		if ((late = cm_cal_late(c->cal, due, end, &days, &err)) < 0)
			scan_die(&sc, err.msg);
		if (!late)
			continue;
		counted_to(c, end);
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		for (j = 0; j < 9; j++)
			v[n].f[j] = xstrdup(scan_get(&sc, from[j]));
		v[n].days = days;
		v[n++].seq = seq;
	}
	scan_close(&sc);
	if (n > 0)
		qsort(v, n, sizeof(*v), by_days);
	o = open_output(c);
	for (j = 0; shown[j]; j++)
		out_column(o, shown[j], NULL);
	if (c->late)
		out_column(o, "closed", NULL);
	out_column(o, c->late ? "days_late" : "days_overdue", NULL);
	out_column(o, "description", NULL);
	cm_out_endrow(o);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 7 + (size_t)c->late; j++)
			out_value(o, shown[j] ? shown[j] : "closed", v[i].f[j]);
		cm_out_printf(o, "%ld", v[i].days);
		cm_out_str(o, v[i].f[8]);
		cm_out_endrow(o);
		for (j = 0; j < 9; j++)
			free(v[i].f[j]);
	}
	free(v);
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
	__int128 loss;		/* fen: rows of ten trillion yuan add up */
};

static int sort_loss;

/*
 * A group's key holds one part per --by key, each as its length in
 * decimal, ':' and its bytes, so that no cell can pass for two.  The
 * next part at *p, its length in *n; *p moves past it.
 */
static const char *
key_part(const char **p, size_t *n)
{
	char *end;
	const char *part;

	*n = (size_t)strtoul(*p, &end, 10);
	part = end + 1;
	*p = part + *n;
	return part;
}

/* Keys part by part, as the bytes of each part compare. */
static int
key_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		size_t m, n;
		const char *x = key_part(&a, &m), *y = key_part(&b, &n);
		int d = memcmp(x, y, m < n ? m : n);

		if (d != 0)
			return d;
		if (m != n)
			return m < n ? -1 : 1;
	}
	return (*a != '\0') - (*b != '\0');
}

static int
pareto(const void *a, const void *b)
{
	const struct stat *x = a, *y = b;

	if (sort_loss && x->loss != y->loss)
		return x->loss < y->loss ? 1 : -1;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return key_cmp(x->key, y->key);
}

/* Months run in time order: a monthly table is read down the year. */
static int
by_key(const void *a, const void *b)
{
	return key_cmp(((const struct stat *)a)->key,
	    ((const struct stat *)b)->key);
}

static int
by_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/*
 * The groups of stats, found by key through the library's string table
 * (strset.h), whose values are indexes into v.
 */
struct groups {
	struct stat *v;
	size_t n, cap;
	struct cm_strset *index;
};

static struct stat *
group_of(struct groups *g, const char *key, size_t len)
{
	size_t i;

	if (g->index == NULL)
		g->index = cm_strset_new();
	if (cm_strset_getn(g->index, key, len, &i))
		return &g->v[i];
	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof(*g->v));
	memset(&g->v[g->n], 0, sizeof(*g->v));
	/* Each key is a string of its own: v may move, the key does not. */
	g->v[g->n].key = xstrndup(key, len);
	cm_strset_add(g->index, g->v[g->n].key, g->n, NULL);
	return &g->v[g->n++];
}

/* Count the current row of the stream into its group. */
static void
count_row(struct ctx *c, const struct scan *sc, struct stat *s)
{
	enum state st = state_of(scan_get(sc, SC_STATUS));
	const char *loss = scan_get(sc, SC_LOSS);
	const char *reopened = scan_get(sc, SC_REOPENED);
	struct cm_error err;
	cm_day closed, due;
	long long fen;
	long d;
	int late;

	s->count++;
	if (st >= ST_OPEN && st < ST_CLOSED)
		s->open++;
	if (*reopened != '\0' && strcmp(reopened, "0") != 0)
		s->reopened++;
	/* A loss that is no amount would make the total a lie. */
	if (*loss != '\0' && cm_money_parse(loss, 0, LOSS_MAX, &fen) < 0)
		cm_dieat(CM_DATA, cm_csv_name(sc->r), cm_csv_line(sc->r), 0,
		    "%s: invalid loss '%s' (run check)", scan_get(sc, SC_ID),
		    loss);
	if (*loss != '\0')
		s->loss += fen;
	if (st != ST_CLOSED)
		return;
	s->closed++;
	closed = scan_day(sc, SC_CLOSED);
	/* The same rule as overdue --late (calendar.h). */
	due = scan_day(sc, SC_DUE);
	if (due >= 0 && closed >= 0 && (late = cm_cal_late(c->cal, due,
	    closed, &d, &err)) < 0)
		scan_die(sc, err.msg);
	if (due >= 0 && closed >= 0 && !late)
		s->on_time++;
	if (cm_cal_count(c->cal, scan_day(sc, SC_RECEIVED), closed, &d,
	    &err) < 0)
		scan_die(sc, err.msg);
	counted_to(c, closed);
	s->days = xgrow(s->days, &s->daycap, (size_t)s->ndays + 1,
	    sizeof(long));
	s->days[s->ndays++] = d;
}

static void
put_stat(struct ctx *c, struct cm_out *o, struct stat *s, char **name,
    __int128 *cum, __int128 total)
{
	char buf[64], *v;
	long long sum = 0;
	long i;

	const char *p = s->key, *part;
	size_t k, n;

	for (k = 0; *p != '\0'; k++) {
		part = key_part(&p, &n);
		if (cm_out_lang(o) == CM_LANG_EN) {
			cm_out_field(o, part, n);
			continue;
		}
		v = xstrndup(part, n);
		out_value(o, name[k], v);
		free(v);
	}
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
	cm_out_str(o, total ? cm_fmt_ratio(buf, *cum * 100, total,
	    c->co.precision) : "");
	cm_out_endrow(o);
}

/*
 * The --by keys, comma-separated (cause,dept: the cross table of the
 * monthly statistics), each one of keys[]: their count, names in name[].
 */
static size_t
stats_keys(const char *by, char ***name)
{
	static const char *const keys[] = {"month", "cause", "dept",
	    "customer", "responsibility", "category", NULL};
	char *copy, *k, *save = NULL;
	size_t i, n = 0, cap = 0;

	if (by == NULL)
		cm_usage_error("stats needs --by month, cause, dept, customer, "
		    "responsibility or category (several: --by cause,dept)");
	copy = xstrdup(by);
	*name = NULL;
	for (k = strtok_r(copy, ",", &save); k != NULL;
	    k = strtok_r(NULL, ",", &save)) {
		for (i = 0; keys[i] && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL)
			cm_usage_error("invalid --by '%s' (month, cause, dept, "
			    "customer, responsibility or category)", k);
		*name = xgrow(*name, &cap, n + 1, sizeof(**name));
		(*name)[n++] = (char *)keys[i];
	}
	if (n == 0 || by[0] == ',' || by[strlen(by) - 1] == ',' ||
	    strstr(by, ",,") != NULL)
		cm_usage_error("invalid --by '%s' (month, cause, dept, "
		    "customer, responsibility or category)", by);
	free(copy);
	return n;
}

/*
 * The figures of a group, as the monthly 客户投诉案件统计表 heads them
 * under --lang zh: counts of cases (件数), not of the register's
 * columns of the same names (closed is 结案日期 there).
 */
static const struct {
	const char *name;
	const char *zh;
} figures[] = {
	{"count", "件数"},
	{"open", "未结件数"},
	{"closed", "结案件数"},
	{"on_time", "按时结案件数"},
	{"on_time_rate", "按时结案率"},
	{"reopened", "重开件数"},
	{"mean_days", "平均处理天数"},
	{"median_days", "处理天数中位数"},
	{"loss", "损失金额"},
	{"cumulative", "累计百分比"},
};

int
verb_stats(struct ctx *c)
{
	struct groups g = {0};
	struct scan sc;
	struct cm_out *o;
	struct cm_buf key = {0};
	char **name;
	int *colno;
	size_t i, k, nkeys = stats_keys(c->by, &name);
	__int128 cum = 0, total = 0;
	int months = 0;

	sort_loss = c->sort && strcmp(c->sort, "loss") == 0;
	scan_open(c, &sc);
	colno = xcalloc(nkeys, sizeof(int));
	for (k = 0; k < nkeys; k++) {
		months |= strcmp(name[k], "month") == 0;
		colno[k] = strcmp(name[k], "month") == 0 ? -2 :
		    cm_csv_col(sc.r, name[k]);
	}
	while (scan_next(&sc) > 0) {
		cm_day d = scan_day(&sc, SC_RECEIVED);

		if ((c->from != CM_NO_DAY && d < c->from) ||
		    (c->to != CM_NO_DAY && d > c->to))
			continue;
		cm_buf_reset(&key);
		for (k = 0; k < nkeys; k++) {
			const char *v = colno[k] == -2 ? scan_get(&sc,
			    SC_RECEIVED) : colno[k] < 0 ? "" :
			    cm_csv_field(sc.r, (size_t)colno[k]);
			size_t n = colno[k] == -2 ? strnlen(v, 7) : strlen(v);

			cm_buf_printf(&key, "%zu:", n);
			cm_buf_add(&key, v, n);
		}
		count_row(c, &sc, group_of(&g, cm_buf_str(&key), key.len));
	}
	scan_close(&sc);
	if (g.n > 0)
		qsort(g.v, g.n, sizeof(*g.v), months && c->sort == NULL ?
		    by_key : pareto);
	for (i = 0; i < g.n; i++)
		total += sort_loss ? g.v[i].loss : g.v[i].count;
	o = open_output(c);
	for (k = 0; k < nkeys; k++)
		out_column(o, name[k], NULL);
	for (k = 0; k < sizeof(figures) / sizeof(figures[0]); k++)
		cm_out_name(o, figures[k].name, figures[k].zh);
	cm_out_endrow(o);
	for (i = 0; i < g.n; i++) {
		put_stat(c, o, &g.v[i], name, &cum, total);
		free(g.v[i].key);
		free(g.v[i].days);
	}
	free(g.v);
	cm_strset_free(g.index);
	free(name);
	free(colno);
	cm_buf_free(&key);
	cm_out_close(o);
	return CM_OK;
}
