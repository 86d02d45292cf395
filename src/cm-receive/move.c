/*
 * move.c: one row of movements, read and checked on its own: the journal's
 * columns, the action and kind words in English and Chinese, the fields
 * each action needs (000 §5.1.1: what was counted and declared, why a
 * reject or a loss happened, who borrowed the equipment).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "num.h"
#include "receive.h"
#include "suggest.h"
#include "text.h"
#include "words.h"
#include "xalloc.h"

const char *const journal_cols[] = {
	"date", "customer", "part_no", "name", "spec", "unit", "kind",
	"action", "qty", "declared_qty", "location", "ref", "by", "note",
	NULL
};

static const char *const actions[] = {
	"receive", "accept", "reject", "issue", "return", "scrap", "lose",
	"damage", "lend", "giveback"
};

static const char *const kinds[] = {"material", "equipment", "entrusted"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
action_name(enum action a)
{
	return actions[a];
}

const char *
kind_name(int k)
{
	return k < 0 ? "" : kinds[k];
}

/*
 * The index of s's canonical word in names: the words of field in
 * share/cm/words.map, English or Chinese (收货 is receive, 設備 is
 * equipment), any ASCII case; -1 for none.
 */
static int
find_word(const char *field, const char *s, const char *const *names,
    size_t n)
{
	const char *w = cm_word(field, s);
	size_t i;

	for (i = 0; w != NULL && i < n; i++)
		if (strcmp(w, names[i]) == 0)
			return (int)i;
	return -1;
}

/* The action word, English or Chinese, nearest to a mistyped one. */
static const char *
nearest_word(const char *s)
{
	size_t n;
	const char *const *w = cm_word_all("action", &n);
	long k = cm_nearest(s, w, n);

	return k >= 0 ? w[k] : NULL;
}

/*
 * The columns of s's header.  An input's column that is not a journal
 * column is exit 3 with the nearest one: nothing the user wrote is
 * dropped without a word.  The journal's own extra columns are left
 * alone (--check reports them).
 */
void
src_columns(struct src *s, int input)
{
	size_t i, n = cm_csv_ncols(s->r);
	int k;

	for (k = 0; k < C_N; k++)
		s->col[k] = cm_csv_col(s->r, journal_cols[k]);
	for (i = 0; input && i < n; i++) {
		const char *name = cm_csv_colname(s->r, i);
		long near;

		for (k = 0; k < C_N; k++)
			if (strcmp(name, journal_cols[k]) == 0)
				break;
		if (k < C_N)
			continue;
		/*
		 * Excel leaves a header cell empty over an empty column:
		 * kept only while its cells are empty too (src_next).
		 */
		if (*name == '\0') {
			s->blank = xreallocarray(s->blank, s->nblank + 1,
			    sizeof(*s->blank));
			s->blank[s->nblank++] = i;
			continue;
		}
		if (strcmp(name, "dept") == 0)
			cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r),
			    0, "column '%s' is not a journal column (the "
			    "department that borrows goes in ref)",
			    cm_msg_value(cm_csv_rawname(s->r, i)));
		near = cm_nearest(name, journal_cols, C_N);
		cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r), 0,
		    "column '%s' is not a journal column (%s%s%s)",
		    cm_msg_value(cm_csv_rawname(s->r, i)),
		    near >= 0 ? _("did you mean '") : "date, customer, part_no, "
		    "name, spec, unit, kind, action, qty, declared_qty, "
		    "location, ref, by, note",
		    near >= 0 ? journal_cols[near] : "",
		    near >= 0 ? _("'?") : "");
	}
}

void
src_input(struct ctx *c, struct src *s, const char *path)
{
	struct cm_error err;

	memset(s, 0, sizeof(*s));
	if ((s->r = cm_csv_open(path, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	s->name = cm_csv_name(s->r);
	src_columns(s, 1);
}

int
src_next(struct src *s)
{
	struct cm_error err;
	int rc = cm_csv_next(s->r, &err), k;

	if (rc < 0)
		cm_die_error(&err);
	if (rc == 0)
		return 0;
	for (k = 0; k < (int)s->nblank; k++) {
		size_t n = cm_csv_flen(s->r, s->blank[k]);
		const char *t = cm_trim(cm_csv_field(s->r, s->blank[k]), &n);

		if (n > 0) {
			static struct cm_buf v;	/* static: we exit */

			cm_buf_add(&v, t, n);
			cm_buf_adds(&v, "");
			cm_dieat(CM_DATA, s->name, cm_csv_line(s->r), 0,
			    "'%s' in column %zu, which has no name in the "
			    "header", cm_msg_value(cm_buf_str(&v)),
			    s->blank[k] + 1);
		}
	}
	/*
	 * Fields are used where the reader holds them; only one that
	 * trimming shortens is copied (a journal has none: this runs for
	 * every row of millions).
	 */
	for (k = 0; k < C_N; k++) {
		const char *f, *t;
		size_t n, len;

		if (s->col[k] < 0) {
			s->p[k] = "";
			s->len[k] = 0;
			continue;
		}
		f = cm_csv_field(s->r, (size_t)s->col[k]);
		n = len = cm_csv_flen(s->r, (size_t)s->col[k]);
		if ((t = cm_trim(f, &n)) != f || n != len) {
			cm_buf_reset(&s->v[k]);
			cm_buf_add(&s->v[k], t, n);
			cm_buf_adds(&s->v[k], "");
			f = cm_buf_str(&s->v[k]);
		}
		s->p[k] = f;
		s->len[k] = n;
	}
	return 1;
}

void
src_close(struct src *s)
{
	int k;

	if (s->r != NULL)
		cm_csv_close(s->r);
	s->r = NULL;
	free(s->blank);
	s->blank = NULL;
	s->nblank = 0;
	for (k = 0; k < C_N; k++)
		cm_buf_free(&s->v[k]);
}

int
why_fail(struct cm_buf *why, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	cm_buf_reset(why);
	cm_buf_adds(why, s != NULL ? s : _("out of memory"));
	free(s);
	return -1;
}

/* A quantity of at most three decimals, 0 or more. */
static int
quantity(const char *field, const char *s, long long *out,
    struct cm_buf *why)
{
	switch (cm_milli_parse(s, 3, -QTY_MAX, QTY_MAX, out)) {
	case -2:
		return why_fail(why, _("%s '%s' has more than 3 decimals"),
		    field, cm_msg_value(s));
	case -1:
		if (s[strspn(s, "-")] != '\0' &&
		    s[strspn(s, "-0123456789.")] == '\0' &&
		    strchr(s + 1, '-') == NULL)
			return why_fail(why, _("%s '%s' is past the limit of "
			    "%lld"), field, cm_msg_value(s), QTY_MAX / 1000);
		return why_fail(why, _("%s '%s' is not a number"), field,
		    cm_msg_value(s));
	}
	if (*out < 0)
		return why_fail(why, _("%s '%s' is negative"), field,
		    cm_msg_value(s));
	return 0;
}

static const char *
customer_suggest(struct ctx *c, const char *s)
{
	static struct cm_buf b;
	long i = cm_nearest(s, (const char *const *)c->customer_names,
	    c->ncustomers);

	cm_buf_reset(&b);
	if (i >= 0)
		cm_buf_printf(&b, _("; did you mean '%s'?"),
		    c->customer_names[i]);
	return cm_buf_str(&b);
}

int
move_parse(struct ctx *c, struct src *s, struct move *m, int input,
    struct cm_buf *why)
{
	static const char *const required[] = {"date", "customer", "part_no",
	    "action", "qty"};
	static const enum col req[] = {C_DATE, C_CUSTOMER, C_PART_NO,
	    C_ACTION, C_QTY};
	struct cm_error err;
	size_t i;
	int k;

	for (k = 0; k < C_N; k++)
		m->f[k] = s->p[k];
	for (i = 0; i < NELEM(req); i++)
		if (*m->f[req[i]] == '\0')
			return why_fail(why, _("no %s"), required[i]);
	if (cm_date_parse(m->f[C_DATE], s->len[C_DATE], &m->date) < 0)
		return why_fail(why, _("invalid date '%s'"),
		    cm_msg_value(m->f[C_DATE]));
	/*
	 * A movement records what happened: a later date is a slip of the
	 * keyboard (2062 for 2026), and since a part's dates only go
	 * forward, it would block that part for good.
	 */
	if (input && m->date > c->today) {
		char d[11];

		return why_fail(why, _("date '%s' is after today, %s"),
		    cm_msg_value(m->f[C_DATE]), cm_date_format(c->today, d));
	}
	if ((k = find_word("action", m->f[C_ACTION], actions,
	    NELEM(actions))) < 0) {
		const char *near = nearest_word(m->f[C_ACTION]);

		return why_fail(why, _("unknown action '%s' (one of %s)%s%s%s"),
		    cm_msg_value(m->f[C_ACTION]), cm_word_list("action"),
		    near != NULL ? _("; did you mean '") : "",
		    near != NULL ? near : "", near != NULL ? _("'?") : "");
	}
	m->action = (enum action)k;
	m->kind = K_NONE;
	if (*m->f[C_KIND] != '\0' && (m->kind = find_word("kind",
	    m->f[C_KIND], kinds, NELEM(kinds))) < 0)
		return why_fail(why, _("unknown kind '%s' (one of %s)"),
		    cm_msg_value(m->f[C_KIND]), cm_word_list("kind"));
	m->unit = -1;
	if (*m->f[C_UNIT] != '\0' && (m->unit = unit_find(m->f[C_UNIT])) < 0)
		return why_fail(why, _("unknown unit '%s'%s"),
		    cm_msg_value(m->f[C_UNIT]), unit_suggest(m->f[C_UNIT]));
	if (quantity("qty", m->f[C_QTY], &m->qty, why) < 0)
		return -1;
	m->declared = -1;
	if (*m->f[C_DECLARED] != '\0' &&
	    quantity("declared_qty", m->f[C_DECLARED], &m->declared, why) < 0)
		return -1;
	switch (m->action) {
	case A_RECEIVE:
		/* unit and kind: a part's first receive (book.c). */
		if (m->declared < 0)
			return why_fail(why, _("receive needs declared_qty (the "
			    "quantity the customer declared)"));
		break;
	case A_LEND:
		if (*m->f[C_REF] == '\0')
			return why_fail(why, _("lend needs ref (the borrowing "
			    "department)"));
		break;
	case A_REJECT: case A_LOSE: case A_DAMAGE:
		if (*m->f[C_NOTE] == '\0')
			return why_fail(why, _("%s needs note (why, for the "
			    "customer)"), actions[m->action]);
		break;
	default:
		break;
	}
	if (m->qty == 0 && m->action != A_RECEIVE)
		return why_fail(why, _("qty of %s is 0 (only a receive may "
		    "count nothing)"), actions[m->action]);
	if (!input)
		return 0;
	if (c->part_re != NULL) {
		switch (cm_regex_match(c->part_re, m->f[C_PART_NO],
		    s->len[C_PART_NO], CM_RE_VALID_UTF8, NULL, &err)) {
		case 1:
			break;
		case 0:
			return why_fail(why, _("part_no '%s' does not match "
			    "--part-pattern '%s'"),
			    cm_msg_value(m->f[C_PART_NO]),
			    cm_msg_value(c->part_pattern));
		default:
			return why_fail(why, _("part_no '%s': %s"),
			    cm_msg_value(m->f[C_PART_NO]), err.msg);
		}
	}
	if (c->customers != NULL &&
	    !cm_strset_get(c->customers, m->f[C_CUSTOMER], NULL))
		return why_fail(why, _("unknown customer '%s'%s"),
		    cm_msg_value(m->f[C_CUSTOMER]),
		    customer_suggest(c, m->f[C_CUSTOMER]));
	return 0;
}

/* The row as the journal keeps it: canonical words, ISO dates. */
void
write_move(struct cm_buf *out, const struct move *m, const struct item *it)
{
	const char *f[C_N];
	char day[11], q[32], d[32];
	int k;

	for (k = 0; k < C_N; k++)
		f[k] = m->f[k];
	f[C_DATE] = cm_date_format(m->date, day);
	f[C_UNIT] = unit_name(it->unit);
	f[C_KIND] = kind_name(it->kind);
	f[C_ACTION] = action_name(m->action);
	f[C_QTY] = qty_text(q, m->qty, it->unit);
	f[C_DECLARED] = m->declared < 0 ? "" : qty_text(d, m->declared,
	    it->unit);
	cm_csv_record(out, f, C_N, ',', 0);
}
