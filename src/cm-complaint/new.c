/*
 * new.c: opening complaints (004/4 §9.1-9.4: the complaint is recorded and
 * numbered; 001/12 §5.9.2: a dissatisfied survey answer enters the
 * complaint procedure).  A batch is all or nothing: one bad row and
 * nothing is written (DESIGN §2).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "complaint.h"
#include "csvin.h"
#include "i18n.h"
#include "msg.h"
#include "suggest.h"
#include "words.h"
#include "xalloc.h"

/* The highest serial used so far in each month (004/4 §8). */
struct serials {
	struct {
		char yymm[5];
		long max;
	} *v;
	size_t n, cap;
};

/*
 * An id is YYMM and a serial of two digits, or more past 99: the serial,
 * with the month in yymm (5 bytes), or -1 when id is not one.
 */
long
id_serial(const char *id, char *yymm)
{
	size_t n = strlen(id), i;
	long s = 0;

	if (n < 6 || n > 9)
		return -1;
	for (i = 0; i < n; i++)
		if (id[i] < '0' || id[i] > '9')
			return -1;
	if (n > 6 && id[4] == '0')
		return -1;
	memcpy(yymm, id, 4);
	yymm[4] = '\0';
	for (i = 4; i < n; i++)
		s = s * 10 + (id[i] - '0');
	return s;
}

static long *
month(struct serials *s, const char *yymm)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].yymm, yymm) == 0)
			return &s->v[i].max;
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	memcpy(s->v[s->n].yymm, yymm, 5);
	s->v[s->n].max = 0;
	return &s->v[s->n++].max;
}

static void
load_serials(struct serials *s, struct cm_table *t)
{
	size_t idc = col(t, "id"), i;
	char yymm[5];
	long n, *max;

	for (i = 0; i < cm_table_nrows(t); i++)
		if ((n = id_serial(cm_table_get(t, i, idc), yymm)) >= 0 &&
		    *(max = month(s, yymm)) < n)
			*max = n;
}

/*
 * The next id of the month of received (YYYY-MM-DD): a backdated
 * complaint takes the next serial of its own month, not of this one.
 */
static void
next_id(struct serials *s, const char *received, char *id)
{
	char yymm[5] = {received[2], received[3], received[5], received[6],
	    '\0'};
	long *max = month(s, yymm);

	snprintf(id, 32, "%s%02ld", yymm, ++*max % 10000000);
}

/* One complaint to open: field names and values, and where it came from. */
struct draft {
	const char **name;
	const char **value;
	size_t n;
	const char *where;	/* file, or NULL for the command line */
	long line;
};

static const char *
draft_get(const struct draft *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->name[i], name) == 0)
			return d->value[i];
	return NULL;
}

static _Noreturn void
bad_draft(const struct draft *d, int status, const char *fmt, const char *a,
    const char *b)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), fmt, a, b);
	if (d->where == NULL && status == CM_USAGE)
		cm_usage_error("%s", msg);
	cm_dieat(status, d->where, d->line, 0, "%s", msg);
}

/* --explain: the days counted from received to due, on stderr. */
static void
explain_due(struct ctx *c, const char *id, const char *received,
    const char *due)
{
	struct cm_buf b = {0};
	struct cm_error err;
	cm_day from, to;

	cm_date_parse(received, strlen(received), &from);
	cm_date_parse(due, strlen(due), &to);
	if (cm_cal_explain(c->cal, from, to, ", ", &b, &err) == 0)
		cm_warn("%s: due %s: %s", id, due, cm_buf_str(&b));
	cm_buf_free(&b);
}

/*
 * The fields a draft names must be the register's, and ones a person
 * sets: checked once, where they are named (the header's line of a
 * batch, or the command line), with the nearest name suggested.
 */
static void
check_names(struct cm_table *t, const struct draft *d)
{
	const char **cand = xcalloc(cm_table_ncols(t), sizeof(char *));
	struct cm_buf hint = {0};
	size_t i, j;
	long k;

	for (j = 0; j < cm_table_ncols(t); j++)
		cand[j] = cm_table_colname(t, j);
	for (i = 0; i < d->n; i++) {
		if (cm_table_col(t, d->name[i]) < 0 && strcmp(d->name[i],
		    "response_id") != 0 && strcmp(d->name[i], "reopened") != 0) {
			if ((k = cm_nearest(d->name[i], cand,
			    cm_table_ncols(t))) >= 0)
				cm_buf_printf(&hint, _("; did you mean '%s'?"),
				    cand[k]);
			bad_draft(d, d->where ? CM_DATA : CM_USAGE,
			    _("unknown field '%s'%s"), d->name[i],
			    cm_buf_str(&hint));
		}
		if (strcmp(d->name[i], "status") == 0 || !settable(d->name[i]))
			bad_draft(d, d->where ? CM_DATA : CM_USAGE,
			    _("field '%s' is set by cm-complaint itself%s"),
			    d->name[i], "");
	}
	free(cand);
}

/* Validate a draft, number it and add it to the register. */
static void
open_one(struct ctx *c, struct cm_register *r, struct serials *s,
    const struct draft *d, struct cm_buf *ids)
{
	struct cm_table *t = cm_register_table(r);
	struct cm_error err;
	struct cm_buf norm = {0};
	char id[32], due[16], today[16];
	const char *received, *market, *category, *why;
	size_t i, row;

	for (i = 0; i < d->n; i++) {
		if (check_value(d->name[i], d->value[i], &norm, &why) < 0)
			cm_dieat(CM_DATA, d->where, d->line, 0,
			    "invalid %s '%s' (%s)", d->name[i],
			    cm_msg_value(d->value[i]), why);
	}
	if (draft_get(d, "customer") == NULL ||
	    *draft_get(d, "customer") == '\0')
		bad_draft(d, CM_DATA, _("no customer%s%s"), "", "");
	if (draft_get(d, "description") == NULL ||
	    *draft_get(d, "description") == '\0')
		bad_draft(d, CM_DATA, _("no description%s%s"), "", "");
	received = draft_get(d, "received");
	if (received == NULL || *received == '\0')
		received = cm_date_format(c->today, today);
	else {
		check_value("received", received, &norm, &why);
		snprintf(today, sizeof(today), "%s", cm_buf_str(&norm));
		received = today;
	}
	market = draft_get(d, "market");
	if (market == NULL || *market == '\0')
		market = "domestic";
	else	/* 国内 is domestic: the due date needs the canonical word. */
		market = cm_word("market", market);
	if (due_date(c, received, market, due, &err) < 0)
		bad_draft(d, CM_DATA, "%s%s", err.msg, "");
	next_id(s, received, id);
	row = cm_table_append(t);
	/* The id first: its line ("" to the id) records the creation. */
	cm_register_set(r, row, col(t, "id"), id, &err);
	cm_register_set(r, row, col(t, "received"), received, &err);
	cm_register_set(r, row, col(t, "market"), market, &err);
	cm_register_set(r, row, col(t, "status"), "open", &err);
	store_due(c, r, row, due, received);
	for (i = 0; i < d->n; i++) {
		if (strcmp(d->name[i], "received") == 0 ||
		    strcmp(d->name[i], "market") == 0)
			continue;
		check_value(d->name[i], d->value[i], &norm, &why);
		cm_register_set(r, row, col(t, d->name[i]), cm_buf_str(&norm),
		    &err);
	}
	cm_buf_free(&norm);
	category = draft_get(d, "category");
	follow_cause(r, row, category != NULL ? cm_word("category", category) :
	    NULL, id);
	if (c->explain)
		explain_due(c, id, received, due);
	cm_buf_adds(ids, id);
	cm_buf_addc(ids, '\n');
}

/* KEY=VALUE arguments: one complaint. */
static void
from_args(struct ctx *c, struct cm_register *r, struct serials *s,
    struct cm_buf *ids)
{
	struct draft d = {0};
	int i;

	d.name = xcalloc((size_t)c->nargs, sizeof(char *));
	d.value = xcalloc((size_t)c->nargs, sizeof(char *));
	for (i = 0; i < c->nargs; i++) {
		char *eq = strchr(c->args[i], '=');
		char *buf;

		if (eq == NULL || eq == c->args[i])
			cm_usage_error("expected KEY=VALUE, not '%s'",
			    c->args[i]);
		*eq = '\0';
		buf = xmalloc(strlen(c->args[i]) + 1);
		d.name[d.n] = xstrdup(cm_colmap_get(c->co.map, c->args[i],
		    buf));
		free(buf);
		d.value[d.n++] = eq + 1;
	}
	check_names(cm_register_table(r), &d);
	open_one(c, r, s, &d, ids);
	for (i = 0; i < (int)d.n; i++)
		free((char *)d.name[i]);
	free(d.name);
	free(d.value);
}

/* CSV rows on standard input, one complaint each. */
static void
from_stdin(struct ctx *c, struct cm_register *r, struct serials *s,
    struct cm_buf *ids)
{
	struct cm_error err;
	struct cm_csv *in = cm_csv_open("-", &c->co.in, &err);
	struct draft d = {0};
	size_t i;
	int rc;

	if (in == NULL)
		cm_die_error(&err);
	d.n = cm_csv_ncols(in);
	d.name = xcalloc(d.n, sizeof(char *));
	d.value = xcalloc(d.n, sizeof(char *));
	for (i = 0; i < d.n; i++)
		d.name[i] = cm_csv_colname(in, i);
	d.where = cm_csv_name(in);
	d.line = cm_csv_line(in);	/* the header's, until the first row */
	check_names(cm_register_table(r), &d);
	while ((rc = cm_csv_next(in, &err)) > 0) {
		d.line = cm_csv_line(in);
		for (i = 0; i < d.n; i++)
			d.value[i] = cm_csv_field(in, i);
		open_one(c, r, s, &d, ids);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(in);
	free(d.name);
	free(d.value);
}

/*
 * cm-survey-calc --dissatisfied rows: one complaint per form, skipping
 * forms already opened (the same response_id), so a nightly job may run
 * twice without duplicates.
 */
static void
from_survey(struct ctx *c, struct cm_register *r, struct serials *s,
    struct cm_buf *ids)
{
	struct cm_table *t = cm_register_table(r);
	struct cm_error err;
	struct cm_csv *in = cm_csv_open("-", &c->co.in, &err);
	struct cm_buf desc = {0};
	const char *name[4] = {"customer", "description", "channel",
	    "response_id"};
	const char *value[4];
	struct draft d = {name, value, 4, NULL, 0};
	int rid, cust, items, comment, rc;
	const size_t *rows;

	if (in == NULL)
		cm_die_error(&err);
	d.where = cm_csv_name(in);
	if ((rid = cm_csv_col(in, "response_id")) < 0)
		rid = cm_csv_col(in, "id");
	cust = cm_csv_col(in, "customer");
	items = cm_csv_col(in, "dissatisfied_items");
	comment = cm_csv_col(in, "comment");
	if (rid < 0 || cust < 0 || items < 0)
		cm_dieat(CM_DATA, d.where, 1, 0, "not cm-survey-calc "
		    "--dissatisfied output: needs response_id (or id), customer "
		    "and dissatisfied_items");
	while ((rc = cm_csv_next(in, &err)) > 0) {
		d.line = cm_csv_line(in);
		value[3] = cm_csv_field(in, (size_t)rid);
		if (*value[3] == '\0')
			cm_dieat(CM_DATA, d.where, d.line, 0, "no response id");
		if (cm_table_find(t, col(t, "response_id"), value[3],
		    &rows) > 0) {
			cm_info("%s:%ld: form '%s' already opened", d.where,
			    d.line, value[3]);
			continue;
		}
		cm_buf_reset(&desc);
		cm_buf_printf(&desc, "survey: dissatisfied with %s",
		    cm_csv_field(in, (size_t)items));
		if (comment >= 0 && *cm_csv_field(in, (size_t)comment))
			cm_buf_printf(&desc, ": %s",
			    cm_csv_field(in, (size_t)comment));
		value[0] = cm_csv_field(in, (size_t)cust);
		value[1] = cm_buf_str(&desc);
		value[2] = "survey";
		open_one(c, r, s, &d, ids);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(in);
	cm_buf_free(&desc);
}

int
verb_new(struct ctx *c)
{
	struct cm_register *r = open_register(c);
	struct serials s = {0};
	struct cm_buf ids = {0};
	size_t i;

	load_serials(&s, cm_register_table(r));
	if (c->from_survey && c->nargs > 0)
		cm_usage_error("new --from-survey takes no KEY=VALUE");
	if (c->from_survey)
		from_survey(c, r, &s, &ids);
	else if (c->nargs > 0)
		from_args(c, r, &s, &ids);
	else
		from_stdin(c, r, &s, &ids);
	/*
	 * Nobody would learn the ids of complaints committed with stdout
	 * closed: refuse before anything is written.
	 */
	if (cm_stdout_closed()) {
		cm_register_abort(r);
		cm_die(CM_SYSTEM, "standard output is closed: nothing opened, "
		    "since the new ids could not be printed");
	}
	commit_register(r);
	/*
	 * The ids are printed once they are durable.  Should that fail, the
	 * complaints are in the register all the same: the message must say
	 * so and name them, or the retry a careful user makes would open
	 * every one of them twice.
	 */
	errno = 0;
	fputs(cm_buf_str(&ids), stdout);
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		int e = errno ? errno : EIO;

		ids.s[ids.len - 1] = '\0';
		for (i = 0; i < ids.len; i++)
			if (ids.s[i] == '\n')
				ids.s[i] = ' ';
		cm_die(CM_SYSTEM, "opened %s, but could not print %s: write "
		    "error on standard output: %s", ids.s,
		    strchr(ids.s, ' ') ? _("their ids") : _("its id"),
		    strerror(e));
	}
	cm_buf_free(&ids);
	free(s.v);
	return CM_OK;
}
