/*
 * cases.c: the complaint cases charged in --month and their parties
 * (004 article 3 (一), (二)).
 *
 * The loss of a case (一): a returned product (a_price given) has
 * resale_days (30) from the case's closing to be resold; resold within
 * them, the loss is the A-grade price loss (a_price − resale_price) ×
 * resale_qty, charged in the month of the resale; otherwise the actual
 * loss, charged in the month the window ends (closed + resale_days).  A
 * case without a_price is charged in the month it was closed.  A
 * judgement takes effect in its month: a case whose judged date is of a
 * later month is charged in that month instead (charge_facts).  So each
 * month's run is a pure function of the files: no case is charged twice
 * or never, whenever the run is made.
 *
 * Every row is checked (its dates and amounts); the rows of a case
 * charged in --month are held to its first row, whatever their months
 * (struct seen), and kept whole, grouped by case.  Regular files are
 * read twice for it: the first pass checks and finds the cases of the
 * month, the second takes their rows (read_input).  Parties are looked
 * up only for those: an old case may name someone who has left.
 *
 * With --register, closed and loss are the register's, and each month
 * charges what changed in the register that month (ledger.c): the
 * case's charge is its cumulative charge to the end of --month less that
 * to the end of the month before, a refund when negative (cum,
 * register_facts).  Its rows then agree on their resale columns, one
 * fingerprint per register row.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "fstamp.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "penalty.h"
#include "suggest.h"
#include "xalloc.h"

/* Its formats are marked N_(): xgettext does not look into macros. */
#define DIE(r, ...) cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, \
	__VA_ARGS__)

/* The columns of a CASES input; -1 for an optional one it lacks. */
struct cols {
	int kase, party, share, closed, loss;
	int a_price, resale_price, resale_qty, resold;
	int judged;		/* optional: the day the office judged it */
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
	cm_day judged;		/* its judgement takes effect in its month */
	/* What this month charges (struct kase). */
	long long charge, before;
	int rejected;
};

/*
 * A case's fingerprint: its first row's dates and amounts, so that rows
 * of one case that disagree are refused even when they fall in different
 * months or files (they would charge it twice).  Regular files are read
 * twice (cases_read), and only the cases charged in --month get one:
 * memory follows the month, not the history.  Standard input can be
 * read once: there every case seen gets one, whatever its month, 32
 * bytes, its id in a block of ids and its slot in the set: some 80
 * bytes a case, growing with the history.  Two different rows share a
 * fingerprint with odds of 2^-64.
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

static struct seen *seen;
static size_t nseen, seencap;
static struct cm_strset *seen_ix;
static struct idblock *ids;
/* Two passes: the ids of the cases charged in --month (pass 1). */
static struct cm_strset *charged;
/* The input being read, as an index into c->names. */
static size_t cur_file;
/* Two passes: each input's identity when pass 1 opened it. */
static struct cm_fstamp *stamps;

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
	    f->resale_price, f->resale_qty, f->resold, f->judged};
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
		DIE(r, N_("invalid %s date '%s'"), what, cm_msg_value(s));
	return d;
}

/* The judged column of the current row: a day, or CM_NO_DAY. */
static cm_day
row_judged(struct cm_csv *r, const struct cols *k)
{
	return *cell(r, k->judged) != '\0' ? cell_date(r, k->judged,
	    "judged") : CM_NO_DAY;
}

/*
 * The loss rule of (一) for the current row, its case closed on closed
 * with loss (-1: none): the month it is charged and the loss charged.
 * In files mode a judgement takes effect in its month: the case is
 * charged in the later of that month and the rule's (a judgement made
 * after its month was run is charged in the next run, not lost).  Under
 * --register the month stays the rule's and cum() holds the judgement
 * back instead, so that Cum(S) telescopes.
 *
 * A resale before the closing is exit 3 in files mode (a typing error:
 * the case's one closed date comes first).  Under --register the closed
 * date is the last one held, and a product resold while its case was
 * reopened was still resold within the window: it counts as resold, in
 * the later of the resale's month and the closing's.
 */
static void
charge_facts(struct ctx *c, struct cm_csv *r, const struct cols *k,
    cm_day closed, long long loss, struct facts *f)
{
	const char *id = cell(r, k->kase);
	long long a, p, q;
	cm_day resold, end;
	int rc;

	f->closed = closed;
	f->a_price = f->resale_price = f->resale_qty = -1;
	f->resold = CM_NO_DAY;
	f->judged = row_judged(r, k);
	if (*cell(r, k->a_price) == '\0') {
		if (*cell(r, k->resale_price) != '\0' ||
		    *cell(r, k->resale_qty) != '\0' ||
		    *cell(r, k->resold) != '\0')
			DIE(r, N_("case '%s' has resale columns but no "
			    "a_price"), cm_msg_value(id));
		f->rule = LOSS_ACTUAL;
		f->month = month_of(f->closed);
	} else {
		a = f->a_price = cell_money(r, k->a_price, "a_price");
		end = f->closed + c->conf.resale_days;
		if (end > CM_DAY_MAX)
			DIE(r, N_("the resale window of case '%s' ends past "
			    "9999-12-31"), cm_msg_value(id));
		resold = *cell(r, k->resold) != '\0' ?
		    cell_date(r, k->resold, "resold") : CM_NO_DAY;
		f->resold = resold;
		if (*cell(r, k->resale_price) != '\0')
			f->resale_price = cell_money(r, k->resale_price,
			    "resale_price");
		if (resold != CM_NO_DAY && resold < f->closed && c->reg == NULL)
			DIE(r, N_("case '%s' resold '%s' before it was closed"),
			    cm_msg_value(id), cm_msg_value(cell(r, k->resold)));
		if (resold != CM_NO_DAY && resold <= end) {
			const char *qs = cell(r, k->resale_qty);
			__int128 l;

			if (*cell(r, k->resale_price) == '\0' || *qs == '\0')
				DIE(r, N_("case '%s' resold without "
				    "resale_price and resale_qty"),
				    cm_msg_value(id));
			p = cell_money(r, k->resale_price, "resale_price");
			if ((rc = cm_milli_parse(qs, 3, -MONEY_MAX, MONEY_MAX,
			    &q)) < 0 || q < 0)
				DIE(r, N_("%s resale_qty '%s' (a quantity, 0 "
				    "or more, up to three decimals)"),
				    rc == 0 ? _("negative") : _("invalid"),
				    cm_msg_value(qs));
			f->resale_qty = q;
			if (a < p)
				DIE(r, N_("negative loss: a_price '%s' is "
				    "below resale_price '%s'"),
				    cm_msg_value(cell(r, k->a_price)),
				    cm_msg_value(cell(r, k->resale_price)));
			/* Fen × thousandths, to the fen, half up. */
			l = ((__int128)(a - p) * q + 500) / 1000;
			if (l > MONEY_MAX)
				DIE(r, N_("loss of case '%s' is above "
				    "100000000000.00, the most an amount may "
				    "be"), cm_msg_value(id));
			loss = (long long)l;
			f->rule = LOSS_RESOLD;
			f->month = month_of(resold > f->closed ? resold :
			    f->closed);
		} else {
			f->rule = LOSS_NOT_RESOLD;
			f->month = month_of(end);
		}
	}
	f->loss = loss;
	if (c->reg == NULL && f->judged != CM_NO_DAY &&
	    month_of(f->judged) > f->month)
		f->month = month_of(f->judged);
}

/*
 * Cum(S): what a case whose state S holds h has been charged by the end
 * of month s (ledger.c): its loss once its charge month has come, 0
 * before, 0 when rejected (a rejected complaint bears no loss) or never
 * closed.  *noloss: closed without a loss, its charge month come.
 * A case judged (CASES' judged column) after month s is not charged by
 * then: the office had not judged it, and the run of s, made before,
 * charged nothing; it is charged in the month of its judgement.
 */
static long long
cum(struct ctx *c, struct cm_csv *r, const struct cols *k,
    const struct held *h, int s, struct facts *f, int *noloss)
{
	if (h->status != HELD_CLOSED)
		return 0;
	if (h->closed == CM_NO_DAY)
		cm_dieat(CM_DATA, ledger_logpath(), h->line, 0, "case '%s' "
		    "closed without a closed date",
		    cm_msg_value(cell(r, k->kase)));
	charge_facts(c, r, k, h->closed, h->loss, f);
	if (f->month > s || (f->judged != CM_NO_DAY &&
	    month_of(f->judged) > s))
		return 0;
	if (f->loss < 0) {
		*noloss = 1;
		return 0;
	}
	return f->loss;
}

/*
 * The resale columns and judged date of a row, as the one thing the rows
 * of a case can disagree on under --register (closed and loss are the
 * register's): a quantity that is no number is one value (-2), refused
 * only where the rule needs it (charge_facts), as in files mode.
 */
static unsigned long long
resale_fp(struct cm_csv *r, const struct cols *k)
{
	struct facts f;
	const char *qs = cell(r, k->resale_qty);

	memset(&f, 0, sizeof(f));
	f.closed = CM_NO_DAY;
	f.a_price = f.resale_price = f.resale_qty = -1;
	f.resold = CM_NO_DAY;
	f.judged = row_judged(r, k);
	if (*cell(r, k->a_price) == '\0') {
		if (*cell(r, k->resale_price) != '\0' || *qs != '\0' ||
		    *cell(r, k->resold) != '\0')
			DIE(r, N_("case '%s' has resale columns but no "
			    "a_price"), cm_msg_value(cell(r, k->kase)));
		return fingerprint(&f);
	}
	f.a_price = cell_money(r, k->a_price, "a_price");
	if (*cell(r, k->resale_price) != '\0')
		f.resale_price = cell_money(r, k->resale_price,
		    "resale_price");
	if (*cell(r, k->resold) != '\0')
		f.resold = cell_date(r, k->resold, "resold");
	if (*qs != '\0' && cm_milli_parse(qs, 3, 0, MONEY_MAX,
	    &f.resale_qty) < 0)
		f.resale_qty = -2;
	return fingerprint(&f);
}

/*
 * --register: this month's charge of the current row's case, Cum(C) −
 * Cum(P) (ledger.c), and the rows of one case held to the same resale
 * columns, one fingerprint per register row.
 */
static void
register_facts(struct ctx *c, struct cm_csv *r, const struct cols *k,
    struct facts *f)
{
	const char *id = cell(r, k->kase);
	struct ledger_case *lc = ledger_case(r, id);
	int want = c->year * 12 + c->month - 1, noloss = 0, dummy = 0;
	unsigned long long fp = resale_fp(r, k);
	struct facts fb, fn;
	long long before, now;

	if (lc->fp_line == 0) {
		lc->fp = fp;
		lc->fp_file = cur_file;
		lc->fp_line = cm_csv_line(r);
	} else if (lc->fp != fp)
		DIE(r, N_("case '%s' differs from its row at %s:%ld in its "
		    "resale columns or judged date"), cm_msg_value(id),
		    c->names[lc->fp_file], lc->fp_line);
	memset(&fb, 0, sizeof(fb));
	memset(&fn, 0, sizeof(fn));
	before = cum(c, r, k, &lc->before, want - 1, &fb, &dummy);
	now = cum(c, r, k, &lc->now, want, &fn, &noloss);
	if (noloss && !lc->noticed) {
		lc->noticed = 1;
		cm_notice("case '%s' is closed without a loss in the register: "
		    "it is charged in the month its loss is set",
		    cm_msg_value(id));
	}
	/* A refund says the rule of what it gives back. */
	*f = now != 0 ? fn : fb;
	f->month = want;
	f->loss = now;
	f->before = before;
	f->charge = now - before;
	f->rejected = lc->now.status == HELD_REJECTED;
}

/* The current row's facts: the files', or the register's. */
static void
row_facts(struct ctx *c, struct cm_csv *r, const struct cols *k,
    struct facts *f)
{
	const char *id = cell(r, k->kase);
	long long loss = -1;

	memset(f, 0, sizeof(*f));
	if (c->reg != NULL) {
		register_facts(c, r, k, f);
		return;
	}
	if (*cell(r, k->loss) != '\0')
		loss = cell_money(r, k->loss, "loss");
	charge_facts(c, r, k, cell_date(r, k->closed, "closed"), loss, f);
	if (f->loss < 0 && f->month == c->year * 12 + c->month - 1)
		DIE(r, N_("case '%s' has no loss"), cm_msg_value(id));
	f->charge = f->loss;
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
			    cm_strset_get(c->unit_ix, name, NULL) ? _("unit") :
			    _("department"));
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
		DIE(r, N_("unknown party '%s' (not a person, unit or "
		    "department of the staff file '%s')"), cm_msg_value(name),
		    c->staff_path);
	p->who = i;
	/* "unit" and "dept" name the staff file's column: not translated. */
	if (g->points == 0)
		DIE(r, N_("%s '%s' has no base points to share by (its "
		    "members' total is 0)"),
		    p->kind == PARTY_UNIT ? "unit" : "dept",
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
		DIE(r, N_("share '%s' has more than two decimals"),
		    cm_msg_value(s));
	if (rc < 0 || v <= 0 ||
	    v > SHARE_WHOLE)
		DIE(r, N_("invalid share '%s' (a percentage above 0 and at "
		    "most 100, such as 60 or 33.33)"), cm_msg_value(s));
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
	p.file = cur_file;
	if (*cell(r, k->party) == '\0')
		DIE(r, N_("case '%s' has an empty party"), cm_msg_value(id));
	find_party(c, r, cell(r, k->party), &p);
	p.share = row_share(r, k->share);
	if (!cm_strset_get(c->case_ix, id, &i)) {
		c->cases = xgrow(c->cases, &c->casecap, c->ncases + 1,
		    sizeof(*c->cases));
		ks = &c->cases[c->ncases];
		memset(ks, 0, sizeof(*ks));
		ks->id = xstrdup(id);
		ks->file = cur_file;
		ks->line = p.line;
		ks->closed = f->closed;
		ks->loss = f->loss;
		ks->charge = f->charge;
		ks->before = f->before;
		ks->rejected = f->rejected;
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
			DIE(r, N_("party '%s' is named twice in case '%s' "
			    "(first on line %ld)"),
			    cm_msg_value(cell(r, k->party)),
			    cm_msg_value(id), q->line);
		DIE(r, N_("party '%s' is named twice in case '%s' (first at "
		    "%s:%ld)"), cm_msg_value(cell(r, k->party)),
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
			DIE(r, N_("case '%s' differs from its row at %s:%ld in "
			    "its closed date, loss, resale or judged date"),
			    cm_msg_value(id),
			    c->names[sn->file], sn->line);
		return;
	}
	seen = xgrow(seen, &seencap, nseen + 1, sizeof(*seen));
	sn = &seen[nseen];
	sn->fp = fp;
	sn->id = id_keep(id);
	sn->file = cur_file;
	sn->line = cm_csv_line(r);
	cm_strset_add(seen_ix, sn->id, nseen++, NULL);
}

/*
 * The input being read: a data error exits (DIE) with it open, and held
 * here it is still reachable then, not a leak to LeakSanitizer
 * (volatile: a static only written would be optimised away).
 */
static struct cm_csv *volatile reading;

/*
 * How an input is read: in one pass (standard input, --register), or in
 * two over regular files: PASS_CHECK checks every row and keeps the ids
 * of the cases charged in --month, PASS_TAKE reads the rows of those
 * cases again and takes them.
 */
enum pass { PASS_ONE, PASS_CHECK, PASS_TAKE };

/*
 * Two passes read a file twice by name: one replaced between them (mv,
 * an editor's save) or written while a pass reads it would give a list
 * that matches no version of it.  Its identity is taken when pass 1
 * opens it, and compared when each pass has opened it and has read it.
 */
static void
stamp_check(const char *path, int fd, int n, int take)
{
	struct cm_fstamp now;

	if (cm_fstamp_get(fd, &now) < 0)
		cm_die(CM_SYSTEM, "%s: %s", path, strerror(errno));
	if (take)
		stamps[n] = now;
	else if (!cm_fstamp_same(&stamps[n], &now))
		cm_dieat(CM_DATA, path, 0, 0, "the file changed while it was "
		    "read");
}

/* Open input n, and in two passes check or take its identity. */
static struct cm_csv *
input_open(struct ctx *c, int n, enum pass pass, int *fd)
{
	const char *path = c->inputs[n];
	struct cm_error err;
	struct cm_csv *r;
	struct cm_in *in;

	*fd = -1;
	if (pass == PASS_ONE)
		r = cm_csv_open(path, &c->co.in, &err);
	else {
		if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			cm_die(CM_SYSTEM, "cannot open '%s': %s", path,
			    strerror(errno));
		stamp_check(path, *fd, n, pass == PASS_CHECK);
		in = cm_in_open_fd(*fd, path, c->co.in.encoding, -1, &err);
		r = in != NULL ? cm_csv_open_in(in, &c->co.in, &err) : NULL;
	}
	if (r == NULL)
		cm_die_error(&err);
	return r;
}

/* Input n of c->inputs. */
static void
read_input(struct ctx *c, int n, enum pass pass)
{
	struct cm_csv *r;
	struct cm_error err;
	struct cols k;
	int fd, rc, want = c->year * 12 + c->month - 1;

	r = reading = input_open(c, n, pass, &fd);
	if (pass != PASS_TAKE) {
		c->names = xreallocarray(c->names, c->nnames + 1,
		    sizeof(*c->names));
		c->names[c->nnames++] = xstrdup(cm_csv_name(r));
	}
	cur_file = (size_t)n;
	k.kase = cm_need_column(r, "case");
	k.party = cm_need_column(r, "party");
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
	k.judged = cm_csv_col(r, "judged");
	while ((rc = cm_csv_next(r, &err)) == 1) {
		const char *id = cell(r, k.kase);
		struct facts f;

		if (pass == PASS_TAKE && !cm_strset_get(charged, id, NULL))
			continue;
		if (*id == '\0')
			DIE(r, N_("empty case"));
		row_facts(c, r, &k, &f);
		if (c->reg != NULL) {
			/* A charge of 0 is no charge: no rows. */
			if (f.charge != 0)
				add_row(c, r, &k, &f);
			continue;
		}
		if (pass == PASS_CHECK) {
			if (f.month == want && !cm_strset_get(charged, id,
			    NULL))
				cm_strset_add(charged, id_keep(id), 0, NULL);
			continue;
		}
		check_seen(c, r, id, &f);
		if (f.month == want)
			add_row(c, r, &k, &f);
	}
	if (rc < 0)
		cm_die_error(&err);
	if (fd >= 0)
		stamp_check(c->inputs[n], fd, n, 0);
	cm_csv_close(r);
	reading = NULL;
}

/*
 * Whether every input can be read twice: regular files, not standard
 * input or a pipe (whose second reading would find nothing).
 */
static int
rereadable(const struct ctx *c)
{
	struct stat st;
	int n;

	for (n = 0; n < c->ninputs; n++)
		if (c->inputs[n] == NULL || strcmp(c->inputs[n], "-") == 0 ||
		    stat(c->inputs[n], &st) < 0 || !S_ISREG(st.st_mode))
			return 0;
	return 1;
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
		ledger_open(c);
	if (c->reg == NULL && rereadable(c)) {
		charged = cm_strset_new();
		stamps = xreallocarray(NULL, (size_t)c->ninputs,
		    sizeof(*stamps));
		for (n = 0; n < c->ninputs; n++)
			read_input(c, n, PASS_CHECK);
		for (n = 0; n < c->ninputs; n++)
			read_input(c, n, PASS_TAKE);
		cm_strset_free(charged);
		charged = NULL;
		free(stamps);
		stamps = NULL;
	} else
		for (n = 0; n < c->ninputs; n++)
			read_input(c, n, PASS_ONE);
	ledger_close();
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
