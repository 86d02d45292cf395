/*
 * cases.c: the complaint cases charged in --month and their parties
 * (004 article 3 (一), (二)).
 *
 * The loss of a case (一): a returned product (a_price given) has
 * resale_days (30) from the case's closing to be resold; resold within
 * them, the loss is the A-grade price loss (a_price − resale_price) ×
 * resale_qty, charged in the month of the resale; otherwise the actual
 * loss, charged in the month the window ends (closed + resale_days).  A
 * case without a_price is charged in the month it was closed.  So each
 * month's run is a pure function of the files: no case is charged twice
 * or never, whenever the run is made.
 *
 * Every row is checked (its dates and amounts) and held to the first
 * row of its case, whatever their months (struct seen); only the rows of
 * cases charged in --month are kept whole, grouped by case.  Parties are
 * looked up only for those: an old case may name someone who has left.
 *
 * With --register, closed and loss are the register's at the case's
 * first closing, from its history log: a case is charged once, however
 * often it is reopened (register_case).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "msg.h"
#include "num.h"
#include "penalty.h"
#include "register.h"
#include "suggest.h"
#include "xalloc.h"

#define DIE(r, ...) cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, \
	__VA_ARGS__)

/* The columns of a CASES input; -1 for an optional one it lacks. */
struct cols {
	int kase, party, share, closed, loss;
	int a_price, resale_price, resale_qty, resold;
};

/* A row's facts: when its case is charged, and with what loss. */
struct facts {
	cm_day closed;
	int month;		/* year × 12 + month − 1 */
	long long loss;
	enum loss_rule rule;
	/* The rest of its fingerprint (-1, CM_NO_DAY: none). */
	long long a_price, resale_price, resale_qty;
	cm_day resold;
	int skip;		/* never closed in the register: not yet */
	cm_day rejected;	/* --register: rejected after its first
				   closing, and not reopened since */
};

/*
 * Every case seen, whatever its month: a fingerprint of its first row's
 * dates and amounts, so that rows of one case that disagree are refused
 * even when they fall in different months or files (they would charge it
 * twice).  32 bytes a case, its id in a block of ids and its slot in the
 * set: some 80 bytes, the one thing that grows with the history rather
 * than the month.  Two different rows share a fingerprint with odds of
 * 2^-64.
 */
struct seen {
	unsigned long long fp;
	const char *id;
	size_t file;
	long line;
};

/* Ids in blocks that never move (the set borrows its keys). */
struct idblock {
	struct idblock *next;
	size_t used, size;
	char s[];
};

/* A register row's first closing, from its history log. */
struct first {
	const char *tx;		/* the time of the closing transaction */
	int done;		/* that transaction is over */
	cm_day closed;
	long long loss;		/* -1: none */
	long line;		/* the log line of the loss, or of the closing */
	long settled;		/* the log line after which closed and loss
				   are known for good, or 0 */
	long damaged;		/* a damaged line of it before, or 0 */
	int rejecting;		/* after it: the last status set is rejected */
	cm_day rejected;	/* ... on this day (its closed date) */
};

/* --register: a cm-complaint register, read only. */
static struct {
	struct cm_register *reg;
	struct cm_table *t;
	int id, status, closed, loss;
	struct first *first;	/* per register row */
	char **tx;		/* the closing times, kept */
	size_t ntx;
	long damaged;		/* the first damaged line of no known id */
} R;

static struct seen *seen;
static size_t nseen, seencap;
static struct cm_strset *seen_ix;
static struct idblock *ids;

static const char *
id_keep(const char *id)
{
	size_t n = strlen(id) + 1;
	struct idblock *b;

	if (ids == NULL || ids->size - ids->used < n) {
		size_t size = n > 65536 ? n : 65536;

		b = xmalloc(sizeof(*b) + size);
		b->next = ids;
		b->used = 0;
		b->size = size;
		ids = b;
	}
	memcpy(ids->s + ids->used, id, n);
	ids->used += n;
	return ids->s + ids->used - n;
}

/* splitmix64 over the row's normalised dates and amounts. */
static unsigned long long
fingerprint(const struct facts *f)
{
	const long long v[] = {f->closed, f->loss, f->a_price,
	    f->resale_price, f->resale_qty, f->resold};
	unsigned long long h = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(*v); i++) {
		h ^= (unsigned long long)v[i];
		h += 0x9e3779b97f4a7c15ULL;
		h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
		h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
		h ^= h >> 31;
	}
	return h;
}

static const char *
cell(struct cm_csv *r, int col)
{
	return col >= 0 ? cm_csv_field(r, (size_t)col) : "";
}

static int
month_of(cm_day d)
{
	int y, m, dd;

	cm_date_to_ymd(d, &y, &m, &dd);
	return y * 12 + m - 1;
}

static cm_day
cell_date(struct cm_csv *r, int col, const char *what)
{
	const char *s = cell(r, col);
	cm_day d;

	if (cm_date_parse(s, strlen(s), &d) < 0)
		DIE(r, "invalid %s date '%s'", what, cm_msg_value(s));
	return d;
}

/* A loss line of the log: the loss it sets, or none. */
static void
loss_line(const struct cm_logline *l, struct first *fi, const char *logpath)
{
	long long v;
	int rc;

	fi->loss = -1;
	fi->line = l->line;
	if (*l->f[5] != '\0' && (rc = money2_parse(l->f[5], 0, MONEY_MAX,
	    &v)) < 0)
		cm_dieat(CM_DATA, logpath, l->line, 0, "invalid loss '%s' (an "
		    "amount of yuan, 0 or more, %s)", cm_msg_value(l->f[5]),
		    rc == -2 ? "more than two decimals" : "such as 1234.50");
	if (*l->f[5] != '\0')
		fi->loss = v;
}

/*
 * A line of the log after the first closing: the first loss set after
 * it when it had none (the loss is often known only later); a rejection
 * since, and its day (reject sets closed in the same transaction), which
 * any later status undoes.
 */
static void
after_closing(const struct cm_logline *l, struct first *fi,
    const char *logpath)
{
	if (strcmp(l->f[3], "loss") == 0 && fi->loss < 0 &&
	    *l->f[5] != '\0') {
		loss_line(l, fi, logpath);
		fi->settled = l->line;
	} else if (strcmp(l->f[3], "status") == 0) {
		fi->rejecting = strcmp(l->f[5], "rejected") == 0;
		fi->rejected = CM_NO_DAY;
	} else if (strcmp(l->f[3], "closed") == 0 && fi->rejecting &&
	    *l->f[5] != '\0' && cm_date_parse(l->f[5], strlen(l->f[5]),
	    &fi->rejected) < 0)
		cm_dieat(CM_DATA, logpath, l->line, 0, "invalid closed date "
		    "'%s'", cm_msg_value(l->f[5]));
}

/*
 * A line of the history log: the closed date and loss of its row as
 * they stand at the end of the transaction that first set status to
 * closed (cm-complaint close; a reopen and a second close come after).
 */
static int
history_line(const struct cm_logline *l, void *arg)
{
	const char *logpath = arg;
	const size_t *rows;
	struct first *fi;

	/*
	 * A damaged line may be the closing or the loss it charges: kept
	 * to refuse the cases whose first closing and loss it may hide.
	 */
	if (l->damage != NULL && !l->id_whole) {
		if (R.damaged == 0)
			R.damaged = l->line;
		return 0;
	}
	if (cm_table_find(R.t, (size_t)R.id, l->f[2], &rows) == 0)
		return 0;	/* the audit's business (cm-complaint check) */
	fi = &R.first[rows[0]];
	if (l->damage != NULL) {
		if (fi->settled == 0 && fi->damaged == 0)
			fi->damaged = l->line;
		return 0;
	}
	if (fi->tx != NULL && strcmp(fi->tx, l->f[0]) != 0 && !fi->done) {
		fi->done = 1;
		if (fi->loss >= 0)
			fi->settled = l->line;
	}
	if (fi->done) {
		after_closing(l, fi, logpath);
		return 0;
	}
	if (strcmp(l->f[3], "closed") == 0) {
		if (*l->f[5] == '\0')
			fi->closed = CM_NO_DAY;
		else if (cm_date_parse(l->f[5], strlen(l->f[5]),
		    &fi->closed) < 0)
			cm_dieat(CM_DATA, logpath, l->line, 0, "invalid closed "
			    "date '%s'", cm_msg_value(l->f[5]));
	} else if (strcmp(l->f[3], "loss") == 0) {
		loss_line(l, fi, logpath);
	} else if (strcmp(l->f[3], "status") == 0 &&
	    strcmp(l->f[5], "closed") == 0 && fi->tx == NULL) {
		R.tx = xreallocarray(R.tx, R.ntx + 1, sizeof(*R.tx));
		fi->tx = R.tx[R.ntx++] = xstrdup(l->f[0]);
		if (fi->line == 0)
			fi->line = l->line;
	}
	return 0;
}

static void
register_open(struct ctx *c)
{
	static const char *const required[] = {"id", "status", "closed",
	    "loss", NULL};
	struct cm_register_opts o;
	struct cm_error err;
	const char *logpath;
	size_t i, n;
	FILE *f;

	memset(&o, 0, sizeof(o));
	o.required = required;
	o.key = "id";
	o.csv = &c->co.in;
	if ((R.reg = cm_register_read(c->reg, &o, 1, &err)) == NULL)
		cm_die_error(&err);
	R.t = cm_register_table(R.reg);
	R.id = cm_table_col(R.t, "id");
	R.status = cm_table_col(R.t, "status");
	R.closed = cm_table_col(R.t, "closed");
	R.loss = cm_table_col(R.t, "loss");
	/* A case is charged at its first closing: the log says when. */
	logpath = cm_register_logpath(R.reg);
	if ((f = fopen(logpath, "r")) == NULL)
		cm_die(CM_SYSTEM, "%s: cannot read the history log of the "
		    "register '%s': %s", logpath, c->reg, strerror(errno));
	fclose(f);
	n = cm_table_nrows(R.t);
	R.first = xreallocarray(NULL, n ? n : 1, sizeof(*R.first));
	for (i = 0; i < n; i++) {
		memset(&R.first[i], 0, sizeof(R.first[i]));
		R.first[i].closed = CM_NO_DAY;
		R.first[i].loss = -1;
		R.first[i].rejected = CM_NO_DAY;
	}
	if (cm_register_history(R.reg, history_line, (void *)logpath,
	    &err) < 0)
		cm_die_error(&err);
}

static void
register_close(void)
{
	size_t i;

	if (R.reg != NULL)
		cm_register_abort(R.reg);
	for (i = 0; i < R.ntx; i++)
		free(R.tx[i]);
	free(R.tx);
	free(R.first);
	memset(&R, 0, sizeof(R));
}

/*
 * closed and loss of case id: those of its first closing (the history
 * log); 0 when it was never closed (not chargeable yet), else 1.  A case
 * reopened, or corrected, after it was charged keeps that charge: the
 * run of the month of its closed date now says what changed, once, for
 * the office to charge the difference as a case of its own; one
 * rejected since is said by the run of the month of its rejection
 * (row_facts).  A damaged log line that may hide its first closing or
 * loss is exit 3.
 */
static int
register_case(struct ctx *c, struct cm_csv *r, const char *id,
    cm_day *closed, long long *loss, cm_day *rejected)
{
	const size_t *rows;
	const char *st, *cl, *lo;
	const char *name = cm_table_name(R.t);
	const struct first *fi;
	cm_day now;
	long long lnow = -1;
	char b1[32], b2[32];
	int want = c->year * 12 + c->month - 1;

	if (cm_table_find(R.t, (size_t)R.id, id, &rows) == 0)
		DIE(r, "case '%s' is not in the register '%s'",
		    cm_msg_value(id), name);
	fi = &R.first[rows[0]];
	st = cm_table_get(R.t, rows[0], (size_t)R.status);
	cl = cm_table_get(R.t, rows[0], (size_t)R.closed);
	/*
	 * A damaged line of the case before its closing and loss are
	 * settled, or one of no readable id before then, may be the one
	 * that charges it.  An open case never closed has no charge a line
	 * of no id can hide.
	 */
	if (fi->damaged != 0 || (R.damaged != 0 && (fi->tx != NULL ||
	    *cl != '\0') && (fi->settled == 0 || fi->settled > R.damaged)))
		cm_die(CM_DATA, "the history of case '%s' is damaged at "
		    "%s:%ld: run cm-complaint check", cm_msg_value(id),
		    cm_register_logpath(R.reg), fi->damaged != 0 ?
		    fi->damaged : R.damaged);
	lo = cm_table_get(R.t, rows[0], (size_t)R.loss);
	if (fi->tx == NULL || fi->closed == CM_NO_DAY) {
		if (fi->tx == NULL && strcmp(st, "closed") == 0)
			cm_dieat(CM_DATA, name, cm_table_line(R.t, rows[0]), 0,
			    "case '%s' is closed but its history log '%s' "
			    "never closes it", cm_msg_value(id),
			    cm_register_logpath(R.reg));
		if (fi->tx != NULL)
			cm_dieat(CM_DATA, cm_register_logpath(R.reg),
			    fi->line, 0, "case '%s' closed without a closed "
			    "date", cm_msg_value(id));
		return 0;
	}
	*closed = fi->closed;
	*loss = fi->loss;
	*rejected = fi->rejected;
	if (*lo != '\0' && money2_parse(lo, 0, MONEY_MAX, &lnow) < 0)
		lnow = -2;	/* changed, and unreadable: say so */
	if (lnow != fi->loss && !cm_strset_get(seen_ix, id, NULL) &&
	    cm_date_parse(cl, strlen(cl), &now) == 0 && month_of(now) == want)
		cm_notice("case '%s' is charged with loss %s, its loss at its "
		    "first closing or the first set after it; its loss is now "
		    "%s (closed %s): charge the difference with a CASES row "
		    "of its own", cm_msg_value(id),
		    fi->loss < 0 ? "none" : cm_money_format(b1, fi->loss),
		    lnow == -2 ? cm_msg_value(lo) :
		    lnow < 0 ? "none" : cm_money_format(b2, lnow),
		    cm_msg_value(cl));
	return 1;
}

/* The loss rule of (一) for the current row. */
static void
row_facts(struct ctx *c, struct cm_csv *r, const struct cols *k,
    struct facts *f)
{
	const char *id = cell(r, k->kase);
	long long loss = -1, a, p, q;
	cm_day resold, end;
	int rc;

	f->skip = 0;
	f->a_price = f->resale_price = f->resale_qty = -1;
	f->resold = CM_NO_DAY;
	f->rejected = CM_NO_DAY;
	if (c->reg != NULL) {
		if (!register_case(c, r, id, &f->closed, &loss,
		    &f->rejected)) {
			cm_info("%s:%ld: case '%s' is not closed in the "
			    "register: not chargeable yet", cm_csv_name(r),
			    cm_csv_line(r), cm_msg_value(id));
			f->skip = 1;
			return;
		}
	} else {
		f->closed = cell_date(r, k->closed, "closed");
		if (*cell(r, k->loss) != '\0')
			loss = cell_money(r, k->loss, "loss");
	}
	if (*cell(r, k->a_price) == '\0') {
		if (*cell(r, k->resale_price) != '\0' ||
		    *cell(r, k->resale_qty) != '\0' ||
		    *cell(r, k->resold) != '\0')
			DIE(r, "case '%s' has resale columns but no a_price",
			    cm_msg_value(id));
		f->rule = LOSS_ACTUAL;
		f->month = month_of(f->closed);
	} else {
		a = f->a_price = cell_money(r, k->a_price, "a_price");
		end = f->closed + c->conf.resale_days;
		if (end > CM_DAY_MAX)
			DIE(r, "the resale window of case '%s' ends past "
			    "9999-12-31", cm_msg_value(id));
		resold = *cell(r, k->resold) != '\0' ?
		    cell_date(r, k->resold, "resold") : CM_NO_DAY;
		f->resold = resold;
		if (*cell(r, k->resale_price) != '\0')
			f->resale_price = cell_money(r, k->resale_price,
			    "resale_price");
		if (resold != CM_NO_DAY && resold < f->closed)
			DIE(r, "case '%s' resold '%s' before it was closed",
			    cm_msg_value(id), cm_msg_value(cell(r, k->resold)));
		if (resold != CM_NO_DAY && resold <= end) {
			const char *qs = cell(r, k->resale_qty);
			__int128 l;

			if (*cell(r, k->resale_price) == '\0' || *qs == '\0')
				DIE(r, "case '%s' resold without resale_price "
				    "and resale_qty", cm_msg_value(id));
			p = cell_money(r, k->resale_price, "resale_price");
			if ((rc = cm_milli_parse(qs, 3, -MONEY_MAX, MONEY_MAX,
			    &q)) < 0 || q < 0)
				DIE(r, "%s resale_qty '%s' (a quantity, 0 or "
				    "more, up to three decimals)",
				    rc == 0 ? "negative" : "invalid",
				    cm_msg_value(qs));
			f->resale_qty = q;
			if (a < p)
				DIE(r, "negative loss: a_price '%s' is below "
				    "resale_price '%s'",
				    cm_msg_value(cell(r, k->a_price)),
				    cm_msg_value(cell(r, k->resale_price)));
			/* Fen × thousandths, to the fen, half up. */
			l = ((__int128)(a - p) * q + 500) / 1000;
			if (l > MONEY_MAX)
				DIE(r, "loss of case '%s' is above "
				    "100000000000.00, the most an amount may "
				    "be", cm_msg_value(id));
			loss = (long long)l;
			f->rule = LOSS_RESOLD;
			f->month = month_of(resold);
		} else {
			f->rule = LOSS_NOT_RESOLD;
			f->month = month_of(end);
		}
	}
	if (loss < 0 && f->month == c->year * 12 + c->month - 1)
		DIE(r, "case '%s' has no loss", cm_msg_value(id));
	f->loss = loss;
	/* Its charge stands (a month's list is never redone): say it. */
	if (f->rejected != CM_NO_DAY && loss >= 0 &&
	    month_of(f->rejected) == c->year * 12 + c->month - 1 &&
	    !cm_strset_get(seen_ix, id, NULL)) {
		char b1[32], b2[16];

		cm_notice("case '%s' was rejected on %s after it was charged "
		    "%s in %04d-%02d: refund it with a CASES row of its own",
		    cm_msg_value(id), cm_date_format(f->rejected, b2),
		    cm_money_format(b1, loss), f->month / 12,
		    f->month % 12 + 1);
	}
}

/* A party: a person id, else a unit, else a department. */
static void
find_party(struct ctx *c, struct cm_csv *r, const char *name,
    struct party *p)
{
	const struct group *g;
	size_t i;

	if (cm_strset_get(c->by_id, name, &i)) {
		p->kind = PARTY_PERSON;
		p->who = i;
		/* Once per name; the key is the staff's own copy, kept. */
		if ((cm_strset_get(c->unit_ix, name, NULL) ||
		    cm_strset_get(c->dept_ix, name, NULL)) &&
		    cm_strset_add(c->ambiguous, c->staff[i].id, 0, NULL))
			cm_notice("%s:%ld: party '%s' is both a person and a "
			    "%s: taken as the person", cm_csv_name(r),
			    cm_csv_line(r), cm_msg_value(name),
			    cm_strset_get(c->unit_ix, name, NULL) ? "unit" :
			    "department");
		return;
	}
	if (cm_strset_get(c->unit_ix, name, &i)) {
		p->kind = PARTY_UNIT;
		g = &c->units[i];
		if (cm_strset_get(c->dept_ix, name, NULL) &&
		    cm_strset_add(c->ambiguous, g->name, 0, NULL))
			cm_notice("%s:%ld: party '%s' is both a unit and a "
			    "department: taken as the unit", cm_csv_name(r),
			    cm_csv_line(r), cm_msg_value(name));
	} else if (cm_strset_get(c->dept_ix, name, &i)) {
		p->kind = PARTY_DEPT;
		g = &c->depts[i];
	} else
		DIE(r, "unknown party '%s' (not a person, unit or department "
		    "of the staff file '%s')", cm_msg_value(name),
		    c->staff_path);
	p->who = i;
	if (g->points == 0)
		DIE(r, "%s '%s' has no base points to share by (its members' "
		    "total is 0)", p->kind == PARTY_UNIT ? "unit" : "dept",
		    cm_msg_value(name));
}

static long long
row_share(struct cm_csv *r, int col)
{
	const char *s = cell(r, col);
	char *num;
	size_t n;
	long long v;
	int rc;

	if (*s == '\0')
		return SHARE_WHOLE;
	/* "60%": a spreadsheet's percent cell, written as it shows. */
	num = xstrdup(s);
	n = strlen(num);
	while (n > 0 && num[n - 1] == ' ')
		n--;
	if (n > 0 && num[n - 1] == '%')
		num[n - 1] = '\0';
	rc = money2_parse(num, -1000000, 1000000, &v);
	free(num);
	if (rc == -2)
		DIE(r, "share '%s' has more than two decimals",
		    cm_msg_value(s));
	if (rc < 0 || v <= 0 ||
	    v > SHARE_WHOLE)
		DIE(r, "invalid share '%s' (a percentage above 0 and at most "
		    "100, such as 60 or 33.33)", cm_msg_value(s));
	return v;
}

/* Add the current row, of a case charged this month, to its case. */
static void
add_row(struct ctx *c, struct cm_csv *r, const struct cols *k,
    const struct facts *f)
{
	const char *id = cell(r, k->kase);
	struct kase *ks;
	struct party p;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.line = cm_csv_line(r);
	p.file = c->nnames - 1;
	if (*cell(r, k->party) == '\0')
		DIE(r, "case '%s' has an empty party", cm_msg_value(id));
	find_party(c, r, cell(r, k->party), &p);
	p.share = row_share(r, k->share);
	if (!cm_strset_get(c->case_ix, id, &i)) {
		c->cases = xgrow(c->cases, &c->casecap, c->ncases + 1,
		    sizeof(*c->cases));
		ks = &c->cases[c->ncases];
		memset(ks, 0, sizeof(*ks));
		ks->id = xstrdup(id);
		ks->file = c->nnames - 1;
		ks->line = p.line;
		ks->closed = f->closed;
		ks->loss = f->loss;
		ks->rule = f->rule;
		cm_strset_add(c->case_ix, ks->id, c->ncases, NULL);
		i = c->ncases++;
	}
	ks = &c->cases[i];	/* its facts agree: check_seen */
	for (i = 0; i < ks->n; i++) {
		const struct party *q = &ks->party[i];

		if (q->kind != p.kind || q->who != p.who)
			continue;
		if (q->file == p.file)
			DIE(r, "party '%s' is named twice in case '%s' (first "
			    "on line %ld)", cm_msg_value(cell(r, k->party)),
			    cm_msg_value(id), q->line);
		DIE(r, "party '%s' is named twice in case '%s' (first at "
		    "%s:%ld)", cm_msg_value(cell(r, k->party)),
		    cm_msg_value(id), c->names[q->file], q->line);
	}
	ks->party = xgrow(ks->party, &ks->cap, ks->n + 1, sizeof(*ks->party));
	ks->party[ks->n++] = p;
}

/* "60", "33.33", "50.5": a share in hundredths as a percentage. */
const char *
share_fmt(long long v, char *buf)
{
	size_t n;

	cm_money_format(buf, v);
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/* Every row of a case agrees with its first, whatever its month. */
static void
check_seen(struct ctx *c, struct cm_csv *r, const char *id,
    const struct facts *f)
{
	struct seen *sn;
	size_t i;

	unsigned long long fp = fingerprint(f);

	if (cm_strset_get(seen_ix, id, &i)) {
		sn = &seen[i];
		if (sn->fp != fp)
			DIE(r, "case '%s' differs from its row at %s:%ld in its "
			    "closed date, loss or resale", cm_msg_value(id),
			    c->names[sn->file], sn->line);
		return;
	}
	seen = xgrow(seen, &seencap, nseen + 1, sizeof(*seen));
	sn = &seen[nseen];
	sn->fp = fp;
	sn->id = id_keep(id);
	sn->file = c->nnames - 1;
	sn->line = cm_csv_line(r);
	cm_strset_add(seen_ix, sn->id, nseen++, NULL);
}

static void
read_input(struct ctx *c, const char *path)
{
	struct cm_csv *r;
	struct cm_error err;
	struct cols k;
	int rc, want = c->year * 12 + c->month - 1;

	if ((r = cm_csv_open(path, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	c->names = xreallocarray(c->names, c->nnames + 1, sizeof(*c->names));
	c->names[c->nnames++] = xstrdup(cm_csv_name(r));
	if ((k.kase = cm_csv_col(r, "case")) < 0)
		cm_die_no_column(r, "case");
	if ((k.party = cm_csv_col(r, "party")) < 0)
		cm_die_no_column(r, "party");
	k.share = cm_csv_col(r, "share");
	k.closed = cm_csv_col(r, "closed");
	k.loss = cm_csv_col(r, "loss");
	/* With --register, closed and loss are the register's. */
	if (c->reg == NULL && k.closed < 0)
		cm_die_no_column(r, "closed");
	if (c->reg == NULL && k.loss < 0)
		cm_die_no_column(r, "loss");
	k.a_price = cm_csv_col(r, "a_price");
	k.resale_price = cm_csv_col(r, "resale_price");
	k.resale_qty = cm_csv_col(r, "resale_qty");
	k.resold = cm_csv_col(r, "resold");
	while ((rc = cm_csv_next(r, &err)) == 1) {
		struct facts f;

		if (*cell(r, k.kase) == '\0')
			DIE(r, "empty case");
		row_facts(c, r, &k, &f);
		if (f.skip)
			continue;
		check_seen(c, r, cell(r, k.kase), &f);
		if (f.month == want)
			add_row(c, r, &k, &f);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
}

void
cases_read(struct ctx *c)
{
	char buf[32];
	size_t i, j;
	int n;

	c->case_ix = cm_strset_new();
	c->ambiguous = cm_strset_new();
	seen_ix = cm_strset_new();
	if (c->reg != NULL)
		register_open(c);
	for (n = 0; n < c->ninputs; n++)
		read_input(c, c->inputs[n]);
	register_close();
	while (ids != NULL) {
		struct idblock *b = ids;

		ids = b->next;
		free(b);
	}
	free(seen);
	cm_strset_free(seen_ix);
	/* (二): the judged ratios of a joint fault add up to the whole. */
	for (i = 0; i < c->ncases; i++) {
		struct kase *ks = &c->cases[i];
		long long sum = 0;

		for (j = 0; j < ks->n; j++)
			sum += ks->party[j].share;
		if (sum != SHARE_WHOLE)
			cm_dieat(CM_DATA, c->names[ks->file], ks->line, 0,
			    "shares of case '%s' add up to %s, not 100",
			    cm_msg_value(ks->id), share_fmt(sum, buf));
	}
}
