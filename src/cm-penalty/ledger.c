/*
 * ledger.c: --register: the register's history log read as a ledger.
 * Each month charges what changed in the register that month: the run
 * of month M replays the log into two states of every register row, P
 * (the lines of the months before M) and C (to the end of M), and the
 * case is charged Cum(C) − Cum(P) (cases.c), which may be a refund.
 * The charges of months 1..M add up to Cum(C) of M, so nothing is
 * charged twice or never, and a month's run is a pure function of the
 * log and the files, whenever it is made.
 *
 * The month of a line is the YYYY-MM of its time as the register wrote
 * it (the office's local date; not converted to UTC): a change belongs
 * to the month it was written to the register, not to the month of the
 * date it carries.  A writer whose clock is behind stamps a line with a
 * month already gone by the lines before it; that month's run is made,
 * and the line would be charged by no month.  So the month of a line is
 * the latest month of its time and the times before it in the log (a
 * running maximum): a late-stamped change falls in the latest month
 * already seen, and a month's run, once the log has a line of a later
 * month, never changes again.  A transaction is a run of consecutive
 * lines with the same time; the values a row holds (status, closed,
 * loss) are taken at the end of each transaction that leaves it closed
 * or rejected, so a reopened case keeps its charge until it is closed or
 * rejected again.
 * Memory grows with the register, not with the log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "penalty.h"
#include "register.h"
#include "xalloc.h"

/* A row's values in one state as the lines set them, and those held. */
struct lstate {
	int status;		/* HELD_NONE (any other), closed, rejected */
	cm_day closed;
	long long loss;
	struct held held;
};

struct lrow {
	struct lstate st[2];	/* 0: P, before M; 1: C, to the end of M */
	int ever_closed, ever_rejected;	/* in the whole log */
	long damaged;		/* its first damaged line of a month <= M */
	unsigned long tx;	/* the last transaction that touched it */
	struct ledger_case pub;
};

static struct {
	struct cm_register *reg;
	struct cm_table *t;
	const char *logpath;
	int id, status;
	int want;		/* M: year × 12 + month − 1 */
	int latest;		/* the latest month of a line so far, or -1 */
	int told;		/* a line moved to a later month was said */
	struct lrow *row;
	long damaged;		/* the first damaged line of no readable id */
	/* The transaction in progress. */
	char *time;		/* its time, or NULL before the first */
	unsigned long tx;
	int in_p, in_c;		/* it is of a month before M, of M or before */
	long last;		/* its last line */
	size_t *touched;	/* the rows it touched */
	size_t ntouched, touchcap;
} L;

/*
 * The month of a log time "2026-10-20T09:00:00.933203+08:00": its first
 * ten characters as a date, or -1.
 */
static int
time_month(const char *s)
{
	static const char digits[] = "0123456789";
	int y, m, d;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, digits) != 4 || strspn(s + 5, digits) != 2 ||
	    strspn(s + 8, digits) < 2)
		return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (!cm_date_valid(y, m, d))
		return -1;
	return y * 12 + m - 1;
}

/* The end of a transaction: the rows it leaves closed or rejected hold. */
static void
tx_end(void)
{
	size_t i;
	int s;

	for (i = 0; i < L.ntouched; i++)
		for (s = 0; s < 2; s++) {
			struct lstate *st = &L.row[L.touched[i]].st[s];

			if (!(s == 0 ? L.in_p : L.in_c) ||
			    st->status == HELD_NONE)
				continue;
			st->held.status = st->status;
			st->held.closed = st->closed;
			st->held.loss = st->loss;
			st->held.line = L.last;
		}
	L.ntouched = 0;
}

static void
apply(struct lstate *st, const struct cm_logline *l)
{
	const char *v = l->f[5];
	int rc;

	if (strcmp(l->f[3], "status") == 0) {
		st->status = strcmp(v, "closed") == 0 ? HELD_CLOSED :
		    strcmp(v, "rejected") == 0 ? HELD_REJECTED : HELD_NONE;
	} else if (strcmp(l->f[3], "closed") == 0) {
		if (*v == '\0')
			st->closed = CM_NO_DAY;
		else if (cm_date_parse(v, strlen(v), &st->closed) < 0)
			cm_dieat(CM_DATA, L.logpath, l->line, 0, "invalid closed "
			    "date '%s'", cm_msg_value(v));
	} else if (strcmp(l->f[3], "loss") == 0) {
		st->loss = -1;
		if (*v != '\0' && (rc = money2_parse(v, 0, MONEY_MAX,
		    &st->loss)) < 0)
			cm_dieat(CM_DATA, L.logpath, l->line, 0, "invalid loss "
			    "'%s' (an amount of yuan, 0 or more, %s)",
			    cm_msg_value(v), rc == -2 ?
			    _("more than two decimals") : _("such as 1234.50"));
	}
}

static int
history_line(const struct cm_logline *l, void *arg)
{
	const size_t *rows;
	struct lrow *w;
	int month;

	(void)arg;
	if (l->damage != NULL) {
		/* Its time may be what is damaged: then of any month. */
		if ((month = time_month(l->f[0])) >= 0 && month < L.latest)
			month = L.latest;
		if (month > L.want)
			return 0;
		if (!l->id_whole) {
			if (L.damaged == 0)
				L.damaged = l->line;
		} else if (cm_table_find(L.t, (size_t)L.id, l->f[2],
		    &rows) != 0 && L.row[rows[0]].damaged == 0)
			L.row[rows[0]].damaged = l->line;
		return 0;
	}
	if (L.time == NULL || strcmp(L.time, l->f[0]) != 0) {
		tx_end();
		if ((month = time_month(l->f[0])) < 0)
			cm_dieat(CM_DATA, L.logpath, l->line, 0, "invalid time "
			    "'%s'", cm_msg_value(l->f[0]));
		if (month < L.latest) {
			if (!L.told) {
				L.told = 1;
				cm_info("%s:%ld: time '%s' is before a month "
				    "already in the log: counted in %04d-%02d",
				    L.logpath, l->line, cm_msg_value(l->f[0]),
				    L.latest / 12, L.latest % 12 + 1);
			}
			month = L.latest;
		}
		L.latest = month;
		free(L.time);
		L.time = xstrdup(l->f[0]);
		L.tx++;
		L.in_p = month < L.want;
		L.in_c = month <= L.want;
	}
	L.last = l->line;
	if (cm_table_find(L.t, (size_t)L.id, l->f[2], &rows) == 0)
		return 0;	/* the audit's business (cm-complaint check) */
	w = &L.row[rows[0]];
	if (strcmp(l->f[3], "status") == 0) {
		w->ever_closed |= strcmp(l->f[5], "closed") == 0;
		w->ever_rejected |= strcmp(l->f[5], "rejected") == 0;
	}
	if (!L.in_c)
		return 0;
	apply(&w->st[1], l);
	if (L.in_p)
		apply(&w->st[0], l);
	if (w->tx != L.tx) {
		w->tx = L.tx;
		L.touched = xgrow(L.touched, &L.touchcap, L.ntouched + 1,
		    sizeof(*L.touched));
		L.touched[L.ntouched++] = rows[0];
	}
	return 0;
}

void
ledger_open(struct ctx *c)
{
	static const char *const required[] = {"id", "status", "closed",
	    "loss", NULL};
	struct cm_register_opts o;
	struct cm_error err;
	size_t i, n;
	int s;
	FILE *f;

	L.want = c->year * 12 + c->month - 1;
	L.latest = -1;
	memset(&o, 0, sizeof(o));
	o.required = required;
	o.key = "id";
	o.csv = &c->co.in;
	if ((L.reg = cm_register_read(c->reg, &o, 1, &err)) == NULL)
		cm_die_error(&err);
	L.t = cm_register_table(L.reg);
	L.id = cm_table_col(L.t, "id");
	L.status = cm_table_col(L.t, "status");
	L.logpath = cm_register_logpath(L.reg);
	if ((f = fopen(L.logpath, "r")) == NULL)
		cm_die(CM_SYSTEM, "%s: cannot read the history log of the "
		    "register '%s': %s", L.logpath, c->reg, strerror(errno));
	fclose(f);
	n = cm_table_nrows(L.t);
	L.row = xreallocarray(NULL, n ? n : 1, sizeof(*L.row));
	memset(L.row, 0, (n ? n : 1) * sizeof(*L.row));
	for (i = 0; i < n; i++)
		for (s = 0; s < 2; s++) {
			L.row[i].st[s].closed = CM_NO_DAY;
			L.row[i].st[s].loss = -1;
			L.row[i].st[s].held.closed = CM_NO_DAY;
			L.row[i].st[s].held.loss = -1;
		}
	if (cm_register_history(L.reg, history_line, NULL, &err) < 0)
		cm_die_error(&err);
	tx_end();
}

struct ledger_case *
ledger_case(struct cm_csv *r, const char *id)
{
	const size_t *rows;
	const char *name = cm_table_name(L.t);
	struct lrow *w;

	if (cm_table_find(L.t, (size_t)L.id, id, &rows) == 0)
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, "case '%s' "
		    "is not in the register '%s'", cm_msg_value(id), name);
	w = &L.row[rows[0]];
	/* A damaged line may be any change of the case: no guessing. */
	if (w->damaged != 0 || L.damaged != 0)
		cm_die(CM_DATA, "the history of case '%s' is damaged at %s:%ld: "
		    "run cm-complaint check", cm_msg_value(id), L.logpath,
		    w->damaged != 0 ? w->damaged : L.damaged);
	if (!w->ever_closed) {
		if (strcmp(cm_table_get(L.t, rows[0], (size_t)L.status),
		    "closed") == 0)
			cm_dieat(CM_DATA, name, cm_table_line(L.t, rows[0]), 0,
			    "case '%s' is closed but its history log '%s' "
			    "never closes it", cm_msg_value(id), L.logpath);
		if (w->ever_rejected)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "case '%s' was rejected, never closed: it has no "
			    "loss to share", cm_msg_value(id));
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, "case "
		    "'%s' is not closed in the register", cm_msg_value(id));
	}
	w->pub.before = w->st[0].held;
	w->pub.now = w->st[1].held;
	return &w->pub;
}

const char *
ledger_logpath(void)
{
	return L.logpath;
}

void
ledger_close(void)
{
	if (L.reg != NULL)
		cm_register_abort(L.reg);
	free(L.row);
	free(L.time);
	free(L.touched);
	memset(&L, 0, sizeof(L));
}
