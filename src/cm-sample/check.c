/*
 * check.c: --check-visits, the month's visit record (《访问住户记录》)
 * against the households and the callbacks due (001/5 §4.3.1: every
 * month visits to at least 10% of the resident households, phone calls
 * at most half of the visited households, every complaint and serious
 * repair called back by visit, phone or letter).
 *
 * The record is read first and only its rows of --month are kept, one
 * entry a household: a household visited twice counts once, and it is a
 * phone household only when every one of its rows in the month is by
 * phone (reached once in person, it was visited).  The customer files
 * are then read once, counting the households and marking those of the
 * record.  Memory follows the month's record and the must list, never
 * the customer files.  Nothing is written before every input has been
 * checked: a data error (exit 3) prints no row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "opt.h"
#include "sample.h"
#include "strset.h"
#include "suggest.h"
#include "words.h"
#include "xalloc.h"

/* Its formats are marked N_(): xgettext does not look into macros. */
#define DIE(r, ...) cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, \
	__VA_ARGS__)

enum method { BY_VISIT, BY_PHONE, BY_LETTER };

/* A household with a row of the record in the month. */
struct visit {
	char *id;
	long line;		/* its first row in the month */
	int phone_only;		/* every such row is by phone */
	int found;		/* the customer files name it */
};

struct record {
	char *name;		/* for messages, as csvin names it */
	struct visit *v;	/* in the order of their first rows */
	size_t n, cap;
	struct cm_strset *ix;	/* id -> index into v */
	size_t outside;		/* rows of other months, left out */
	long first_outside;	/* ... the line of the first */
};

/* What the pass over the customer files counts. */
struct tally {
	struct record *rec;
	size_t households;
};

/*
 * The method of a record row: the English word or the office's
 * (上门/登门/走访, 电话, 信函/信件, in simplified or traditional
 * characters: share/cm/words.map, field method), spaces around
 * allowed; -1 for anything else.
 */
static int
method_parse(const char *s)
{
	static const char *const methods[] = {"visit", "phone", "letter"};
	const char *w = cm_word("method", s);
	int i;

	for (i = 0; w != NULL && i < 3; i++)
		if (strcmp(w, methods[i]) == 0)
			return i;
	return -1;
}

/* One row of the month: its household's entry, made on its first row. */
static void
record_add(struct record *rec, const char *id, long line, int method)
{
	size_t i;

	if (cm_strset_get(rec->ix, id, &i)) {
		if (method != BY_PHONE)
			rec->v[i].phone_only = 0;
		return;
	}
	rec->v = xgrow(rec->v, &rec->cap, rec->n + 1, sizeof(*rec->v));
	rec->v[rec->n] = (struct visit){xstrdup(id), line, method == BY_PHONE,
	    0};
	cm_strset_add(rec->ix, rec->v[rec->n].id, rec->n, NULL);
	rec->n++;
}

/*
 * Every row of the record is checked (its id, date and method), whatever
 * its month; only the rows of --month are kept, and only their
 * households are looked up in the customer files: last month's rows may
 * name a household that has moved out since.
 */
static void
record_read(struct ctx *c, struct record *rec)
{
	struct cm_error err;
	struct cm_csv *r;
	int ci, cd, cmeth, rc;

	/* In c->cur, so that an exit on a bad row leaks nothing. */
	if ((r = c->cur = cm_csv_open(c->record_path, &c->co.in, &err)) ==
	    NULL)
		cm_die_error(&err);
	rec->name = xstrdup(cm_csv_name(r));
	rec->ix = cm_strset_new();
	ci = id_column(c, r, c->id_col);
	cd = cm_need_column(r, "date");
	cmeth = cm_need_column(r, "method");
	while ((rc = cm_csv_next(r, &err)) == 1) {
		const char *id = cm_csv_field(r, (size_t)ci);
		const char *date = cm_csv_field(r, (size_t)cd);
		const char *meth = cm_csv_field(r, (size_t)cmeth);
		int method, y, m, d;
		cm_day day;

		if (*id == '\0')
			DIE(r, N_("empty id in column '%s'"),
			    cm_msg_value(c->id_col));
		if (cm_date_parse(date, strlen(date), &day) < 0)
			DIE(r, N_("invalid date '%s'"), cm_msg_value(date));
		if ((method = method_parse(meth)) < 0)
			DIE(r, N_("invalid method '%s' (one of %s)"),
			    cm_msg_value(meth), cm_word_list("method"));
		cm_date_to_ymd(day, &y, &m, &d);
		if (y != c->year || m != c->month) {
			if (rec->outside++ == 0)
				rec->first_outside = cm_csv_line(r);
			continue;
		}
		record_add(rec, id, cm_csv_line(r), method);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	c->cur = NULL;
}

static void
count_household(struct ctx *c, struct cm_csv *r, size_t stratum,
    const char *id, size_t idlen, void *arg)
{
	struct tally *t = arg;
	size_t i;

	(void)r;
	t->households++;
	must_note(c, stratum, id, idlen);
	if (cm_strset_getn(t->rec->ix, id, idlen, &i))
		t->rec->v[i].found = 1;
}

/*
 * A record row of the month for a household the customer files do not
 * name is a mistake in one of them: the first such row, in record order.
 */
static void
record_check_found(const struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (!rec->v[i].found)
			cm_dieat(CM_DATA, rec->name, rec->v[i].line, 0,
			    "customer '%s' is not in the customer files",
			    cm_msg_value(rec->v[i].id));
}

/*
 * num / den in percent with two decimals, or with more when two would
 * round it onto the bound it misses (9.996% is not 10.00%): a message
 * that says "under" shows a number under.
 */
static const char *
pct_missed(char *buf, __int128 num, __int128 den, long long bound)
{
	char b[52];
	int prec;

	for (prec = 2; prec < 9; prec++) {
		cm_fmt_ratio(buf, num * 100, den, prec);
		if (strcmp(buf, cm_fmt_ratio(b, bound, 100, prec)) != 0)
			return buf;
	}
	return cm_fmt_ratio(buf, num * 100, den, prec);
}

static void
out_size(struct cm_out *o, size_t n)
{
	cm_out_printf(o, "%zu", n);
}

/*
 * num / den in percent with two decimals, rounded down (rate) or up
 * (phone_rate): the row never shows a missed bound as met (9.996% of
 * households is 9.99, not 10.00).  0.00 when den is 0.
 */
static const char *
pct_down(char *buf, __int128 num, __int128 den)
{
	return den == 0 ? "0.00" : cm_fmt_ratio(buf, num * RATE_WHOLE / den,
	    100, 2);
}

static const char *
pct_up(char *buf, __int128 num, __int128 den)
{
	return den == 0 ? "0.00" : cm_fmt_ratio(buf,
	    (num * RATE_WHOLE + den - 1) / den, 100, 2);
}

int
check_run(struct ctx *c)
{
	/* In Chinese as the visit record's office says it (columns.map). */
	static const char *const head[][2] = {
		{"households", "住户数"}, {"visited", "已访户数"},
		{"rate", "走访率"}, {"phone", "电话户数"},
		{"phone_rate", "电话比例"}, {"callbacks_due", "应回访"},
		{"callbacks_done", "已回访"}, {"missing", "未回访"}
	};
	struct record rec = {0};
	struct tally t = {&rec, 0};
	long long rate = c->rate < 0 ? 10 * 100 : c->rate;
	size_t phone = 0, done = 0, i;
	int under, over, status = CM_OK;
	char buf[52], buf2[52];
	struct cm_out *o;

	if (c->must_path != NULL)
		must_read(c);
	record_read(c, &rec);
	customers_pass(c, count_household, &t);
	must_check_found(c);
	record_check_found(&rec);
	if (rec.outside > 0) {
		if (rec.outside == 1)
			cm_notice("%s: 1 row outside %04d-%02d left out "
			    "(line %ld)", rec.name, c->year, c->month,
			    rec.first_outside);
		else
			cm_notice("%s: %zu rows outside %04d-%02d left out "
			    "(the first on line %ld)", rec.name, rec.outside,
			    c->year, c->month, rec.first_outside);
	}

	for (i = 0; i < rec.n; i++)
		phone += rec.v[i].phone_only != 0;
	/* A callback by visit, phone or letter is a callback (§4.3.1). */
	for (i = 0; i < c->nmusts; i++)
		done += cm_strset_get(rec.ix, c->musts[i].id, NULL);
	/* Exact integers: 10.00% and 50.00% pass. */
	under = (__int128)rec.n * RATE_WHOLE < (__int128)rate * t.households;
	over = (__int128)phone * RATE_WHOLE > (__int128)c->phone_max * rec.n;

	o = cm_out_open(&c->co.out);
	for (i = 0; i < sizeof(head) / sizeof(*head); i++)
		cm_out_name(o, head[i][0], head[i][1]);
	cm_out_endrow(o);
	out_size(o, t.households);
	out_size(o, rec.n);
	cm_out_str(o, pct_down(buf, rec.n, t.households));
	out_size(o, phone);
	cm_out_str(o, pct_up(buf, phone, rec.n));
	out_size(o, c->nmusts);
	out_size(o, done);
	out_size(o, c->nmusts - done);
	cm_out_endrow(o);
	cm_out_close(o);

	if (under) {
		cm_warn("visits %s%% of households, under %s%%",
		    pct_missed(buf, rec.n, t.households, rate),
		    cm_fmt_ratio(buf2, rate, 100, 2));
		status = CM_ATTENTION;
	}
	if (over) {
		cm_warn("phone calls %s%% of visits, over %s%%",
		    pct_missed(buf, phone, rec.n, c->phone_max),
		    cm_fmt_ratio(buf2, c->phone_max, 100, 2));
		status = CM_ATTENTION;
	}
	for (i = 0; i < c->nmusts; i++)
		if (!cm_strset_get(rec.ix, c->musts[i].id, NULL)) {
			cm_warn("callback missing: customer '%s' (%s:%ld)",
			    cm_msg_value(c->musts[i].id),
			    strcmp(c->must_path, "-") == 0 ?
			    _("(standard input)") : c->must_path,
			    c->musts[i].line);
			status = CM_ATTENTION;
		}

	for (i = 0; i < rec.n; i++)
		free(rec.v[i].id);
	free(rec.v);
	cm_strset_free(rec.ix);
	free(rec.name);
	customers_done(c);
	return status;
}
