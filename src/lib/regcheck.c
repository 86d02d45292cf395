/*
 * regcheck.c: the audit of a register against its history log, and the
 * log's lines for a history (see regcheck.h).  It replays the log
 * through the journal's damage-proof reader (journal.h); the handle and
 * the (id, field) pairs are the register's (regpriv.h).
 */
#include <sys/types.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "i18n.h"
#include "journal.h"
#include "register.h"
#include "regpriv.h"
#include "table.h"
#include "xalloc.h"

static void
add_finding(struct cm_findings *f, int inreg, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
add_finding(struct cm_findings *f, int inreg, long line, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n].line = line;
	f->v[f->n].in_register = inreg;
	f->v[f->n].msg = s;
	f->n++;
}

static int
by_line(const void *a, const void *b)
{
	const struct cm_finding *x = a, *y = b;

	if (x->in_register != y->in_register)
		return x->in_register - y->in_register;
	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return strcmp(x->msg, y->msg);	/* the same output every night */
}

/*
 * A log time, 2026-11-23T09:15:02.123456+08:00 (what stamp writes), as
 * microseconds since the epoch: 0, or -1 when it is not one.
 */
static int
log_time(const char *s, int64_t *us)
{
	cm_day day;
	long h, mi, sec, frac, off;

	if (strlen(s) != CM_JOURNAL_STAMP || !cm_journal_stamp(s,
	    CM_JOURNAL_STAMP))
		return -1;
	if (cm_date_parse(s, 10, &day) < 0)
		return -1;
	h = strtol(s + 11, NULL, 10);
	mi = strtol(s + 14, NULL, 10);
	sec = strtol(s + 17, NULL, 10);
	frac = strtol(s + 20, NULL, 10);
	off = strtol(s + 27, NULL, 10) * 60 + strtol(s + 30, NULL, 10);
	if (h > 23 || mi > 59 || sec > 60 || off > 24 * 60)
		return -1;
	if (s[26] == '-')
		off = -off;
	*us = (((int64_t)day * 86400 + h * 3600 + mi * 60 + sec - off * 60) *
	    1000000) + frac;
	return 0;
}

/*
 * What the replay knows of one cell: its latest logged value.  Cells of
 * the register's rows live in an array as the table's (memory follows
 * the register, not the log); cells of ids on no row or on several rows
 * are found through a table of pairs, whose n is the index + 1 of their
 * cell in another array.
 */
struct cell {
	char *last;		/* NULL: no line yet */
	long line;		/* its latest line */
	int damaged;		/* and that line was damaged */
};

struct replay {
	struct cm_register *r;
	struct cm_findings *f;
	struct cell *cells;	/* nrows x ncols */
	size_t nrows, ncols;
	struct pairs other;
	struct cell *xs;
	size_t nxs, xscap;
	struct fieldcol {
		char *name;
		int col;
	} *fc;			/* field names seen, and their columns */
	size_t nfc, fccap;

	char *time;		/* the current transaction's; NULL: none yet */
	int64_t us;
	int timed;		/* us holds the latest good time */
	long tline;		/* where that time was first seen */
};

/* The column a field names, or -1: looked up once per name. */
static int
field_col(struct replay *rp, const char *field)
{
	size_t i;

	for (i = 0; i < rp->nfc; i++)
		if (strcmp(rp->fc[i].name, field) == 0)
			return rp->fc[i].col;
	rp->fc = xgrow(rp->fc, &rp->fccap, rp->nfc + 1, sizeof(*rp->fc));
	rp->fc[rp->nfc].name = xstrdup(field);
	rp->fc[rp->nfc].col = cm_table_col(rp->r->t, field);
	return rp->fc[rp->nfc++].col;
}

/*
 * The cell of (id, field), or NULL when the field is no column (a reason
 * proves nothing).  Valid until the next call.
 */
static struct cell *
cell_of(struct replay *rp, const char *id, const char *field)
{
	const size_t *rows;
	struct pair *e;
	int col = field_col(rp, field);

	if (col < 0)
		return NULL;
	if ((size_t)col < rp->ncols && cm_table_find(rp->r->t,
	    (size_t)rp->r->key, id, &rows) == 1)
		return &rp->cells[rows[0] * rp->ncols + (size_t)col];
	e = cm_reg_pairs_get(&rp->other, id, field);
	if (e->n == 0) {
		rp->xs = xgrow(rp->xs, &rp->xscap, rp->nxs + 1,
		    sizeof(*rp->xs));
		memset(&rp->xs[rp->nxs], 0, sizeof(*rp->xs));
		e->n = ++rp->nxs;
	}
	return &rp->xs[e->n - 1];
}

/*
 * One line of the log (register.h, cm_register_check): its damage, its
 * time against the transaction before, its old value against the cell's
 * latest new value.
 */
static void
replay_line(struct replay *rp, const struct cm_journal_rd *d)
{
	const char *t = cm_journal_rd_get(d, 0);
	const char *id = cm_journal_rd_get(d, 2);
	const char *field = cm_journal_rd_get(d, 3);
	const char *old = cm_journal_rd_get(d, 4);
	struct cm_findings *f = rp->f;
	struct cell *c;
	int64_t us;

	if (d->damage != NULL) {
		add_finding(f, 0, d->recline, _("damaged line: %s"), d->damage);
		/* The cell's next value cannot be checked against it. */
		if (cm_journal_rd_whole(d, 3) &&
		    (c = cell_of(rp, id, field)) != NULL) {
			c->damaged = 1;
			c->line = d->recline;
		}
		return;
	}
	if (rp->time == NULL || strcmp(t, rp->time) != 0) {
		if (log_time(t, &us) < 0)
			add_finding(f, 0, d->recline, _("id '%s' field '%s': "
			    "bad time '%s'"), id, field, t);
		else {
			if (rp->timed && us <= rp->us)
				add_finding(f, 0, d->recline,
				    _("time '%s' is not after '%s' of line %ld "
				    "(a line moved or repeated)"), t, rp->time,
				    rp->tline);
			rp->us = us;
			rp->timed = 1;
		}
		free(rp->time);
		rp->time = xstrdup(t);
		rp->tline = d->recline;
	}
	if ((c = cell_of(rp, id, field)) == NULL)
		return;
	if (c->damaged)
		;	/* after a damaged line, any old value may follow */
	else if (c->last == NULL && *old != '\0')
		add_finding(f, 0, d->recline, _("id '%s' field '%s': old '%s', "
		    "but no line before sets it (a line deleted or moved)"),
		    id, field, old);
	else if (c->last != NULL && strcmp(old, c->last) != 0)
		add_finding(f, 0, d->recline, _("id '%s' field '%s': old '%s', "
		    "but line %ld left '%s' (a line deleted, moved or "
		    "repeated)"), id, field, old, c->line, c->last);
	free(c->last);
	c->last = xstrdup(cm_journal_rd_get(d, 5));
	c->line = d->recline;
	c->damaged = 0;
}

/*
 * Call fn for every line of the log, up to r->logsize, but its header:
 * a first line that is not the header is handed out too, with bad set.
 * fn returns 0 to go on; anything else stops the walk and is returned.
 * Returns 0, or -1 with err when the log cannot be read.  No log is no
 * lines.
 */
static int
walk_log(struct cm_register *r,
    int (*fn)(const struct cm_journal_rd *, int, void *), void *arg,
    struct cm_error *err)
{
	struct cm_journal_rd d;
	int fd, rc, first = 1, bad;

	if ((fd = cm_journal_open_read(r->logpath, err)) < 0)
		return fd == -1 ? 0 : -1;
	cm_journal_rd_file(&d, fd, r->logsize, 6);
	while ((rc = cm_journal_rd_next(&d, r->logpath, err)) == 1) {
		bad = first;
		if (first) {
			first = 0;
			if (cm_reg_is_header(&d))
				continue;
		}
		if ((rc = fn(&d, bad, arg)) != 0)
			break;
	}
	cm_journal_rd_free(&d);
	close(fd);
	return rc;
}

static int
replay_rec(const struct cm_journal_rd *d, int bad, void *arg)
{
	struct replay *rp = arg;

	if (bad)
		add_finding(rp->f, 0, d->recline, _("not a history log: "
		    "the first line is not '%s'"), LOG_HEADER);
	replay_line(rp, d);
	return 0;
}

/*
 * The register's side, row by row: each cell's latest logged value is
 * its value, the row has a line that creates it, and every value in it
 * was logged.
 */
static void
check_rows(struct replay *rp)
{
	struct cm_register *r = rp->r;
	const size_t *rows;
	size_t i, j;

	for (i = 0; i < rp->nrows; i++) {
		const char *id = cm_table_get(r->t, i, (size_t)r->key);
		long line = cm_table_line(r->t, i);
		struct cell *c = &rp->cells[i * rp->ncols];
		int made = c[r->key].last != NULL || c[r->key].damaged;

		/* An id on several rows: the other pairs name it. */
		if (cm_table_find(r->t, (size_t)r->key, id, &rows) > 1)
			continue;
		if (!made)
			add_finding(rp->f, 1, line, _("id '%s': no history (no "
			    "line of '%s' creates it)"), id, r->logpath);
		for (j = 0; j < rp->ncols; j++) {
			const char *v = cm_table_get(r->t, i, j);
			const char *name = cm_table_colname(r->t, j);

			/* A damaged last line was named already. */
			if (c[j].damaged)
				continue;
			if (c[j].last != NULL && strcmp(c[j].last, v) != 0)
				add_finding(rp->f, 0, c[j].line,
				    _("id '%s' field '%s': logged '%s', but "
				    "'%s' line %ld has '%s'"), id, name,
				    c[j].last, r->path, line, v);
			else if (c[j].last == NULL && made && *v != '\0')
				add_finding(rp->f, 1, line, _("id '%s' field "
				    "'%s': '%s' has no history"), id, name, v);
		}
	}
}

/* Cells of ids on no row (logged, then lost) and on several rows. */
static void
check_other(struct replay *rp)
{
	struct cm_register *r = rp->r;
	struct pairs dup = { 0 };
	const size_t *rows;
	struct pair *d;
	size_t i, n;

	for (i = 0; i < rp->other.n; i++) {
		struct pair *e = &rp->other.v[i];
		struct cell *c;

		c = &rp->xs[e->n - 1];
		n = cm_table_find(r->t, (size_t)r->key, e->id, &rows);
		if (n > 1) {
			/* Once per id, at the latest line that names it. */
			d = cm_reg_pairs_get(&dup, e->id, "");
			d->n = n;
			if (c->line > d->line)
				d->line = c->line;
		} else if (!c->damaged && c->last != NULL && *c->last != '\0')
			add_finding(rp->f, 0, c->line, _("id '%s' field '%s': "
			    "logged '%s', but '%s' has no such id"), e->id,
			    e->field, c->last, r->path);
	}
	for (i = 0; i < dup.n; i++)
		add_finding(rp->f, 0, dup.v[i].line, _("id '%s' is on %zu "
		    "rows of '%s'"), dup.v[i].id, dup.v[i].n, r->path);
	cm_reg_pairs_free(&dup);
}

long
cm_register_check(struct cm_register *r, struct cm_findings *f,
    struct cm_error *err)
{
	struct replay rp = { 0 };
	size_t i, first = f->n;
	int rc;

	if (r->key < 0)
		return 0;
	rp.r = r;
	rp.f = f;
	rp.nrows = cm_table_nrows(r->t);
	rp.ncols = cm_table_ncols(r->t);
	rp.cells = xcalloc(rp.nrows * rp.ncols + 1, sizeof(*rp.cells));
	if ((rc = walk_log(r, replay_rec, &rp, err)) == 0) {
		check_rows(&rp);
		check_other(&rp);
	}
	for (i = 0; i < rp.nrows * rp.ncols; i++)
		free(rp.cells[i].last);
	for (i = 0; i < rp.nxs; i++)
		free(rp.xs[i].last);
	for (i = 0; i < rp.nfc; i++)
		free(rp.fc[i].name);
	free(rp.cells);
	free(rp.xs);
	free(rp.fc);
	free(rp.time);
	cm_reg_pairs_free(&rp.other);
	if (rc < 0)
		return -1;
	if (f->n > first)	/* f->v is NULL while the list is empty */
		qsort(f->v + first, f->n - first, sizeof(*f->v), by_line);
	return (long)(f->n - first);
}

/* cm_register_history's callback and its argument. */
struct history {
	int (*fn)(const struct cm_logline *, void *);
	void *arg;
};

static int
history_rec(const struct cm_journal_rd *d, int bad, void *arg)
{
	struct history *h = arg;
	struct cm_logline l;
	size_t i;

	(void)bad;		/* not the header: a line like any other */
	l.line = d->recline;
	for (i = 0; i < 6; i++)
		l.f[i] = cm_journal_rd_get(d, i);
	l.id_whole = cm_journal_rd_whole(d, 2);
	l.damage = d->damage;
	return h->fn(&l, h->arg);
}

int
cm_register_history(struct cm_register *r,
    int (*fn)(const struct cm_logline *, void *), void *arg,
    struct cm_error *err)
{
	struct history h = { fn, arg };

	return walk_log(r, history_rec, &h, err);
}

void
cm_findings_free(struct cm_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].msg);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}
