/*
 * staff.c: who can bear a part (经济处罚准则 (一), (二)) and what each
 * already owes: the staff file with its units and departments and their
 * base points ((三).3, (四).2), the month's sanctions (行政处分 (五)) and
 * last month's carried balances ((三).4).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "penalty.h"
#include "suggest.h"
#include "words.h"
#include "xalloc.h"

/* Its formats are marked N_(): xgettext does not look into macros. */
#define DIE(r, ...) cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, \
	__VA_ARGS__)

static struct cm_csv *
open_csv(struct ctx *c, const char *path)
{
	struct cm_csv *r;
	struct cm_error err;

	if ((r = cm_csv_open(path, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	return r;
}

/* An amount of money in a cell: fen, 0 or more; what names it. */
long long
cell_money(struct cm_csv *r, int col, const char *what)
{
	const char *s = cm_csv_field(r, (size_t)col);
	long long v;
	int rc;

	if ((rc = money2_parse(s, -MONEY_MAX, MONEY_MAX, &v)) == -2)
		DIE(r, N_("%s '%s' has more than two decimals (money is to the "
		    "fen)"), what, cm_msg_value(s));
	/* A number, but past what any later run could read back. */
	if (rc < 0 && money2_parse(s, LLONG_MIN / 100, LLONG_MAX / 100,
	    &v) == 0 && v > 0)
		DIE(r, N_("%s '%s' is above 100000000000.00, the most an "
		    "amount may be"), what, cm_msg_value(s));
	if (rc < 0)
		DIE(r, N_("invalid %s '%s' (an amount of yuan such as "
		    "1234.50)"), what, cm_msg_value(s));
	if (v < 0)
		DIE(r, N_("negative %s '%s'"), what, cm_msg_value(s));
	return v;
}

/* The group called name among v, added at the end when new. */
static size_t
group_of(struct group **v, size_t *n, size_t *cap, struct cm_strset *ix,
    const char *name)
{
	size_t g;

	if (cm_strset_get(ix, name, &g))
		return g;
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].name = name;
	cm_strset_add(ix, name, *n, NULL);
	return (*n)++;
}

static void
join(struct group *g, size_t person, long long points)
{
	g->member = xgrow(g->member, &g->cap, g->n + 1, sizeof(*g->member));
	g->member[g->n++] = person;
	g->points += points;	/* at most a million members of 1e9 */
}

/* --staff: person, name, unit, dept, base_points, bonus. */
void
staff_read(struct ctx *c)
{
	struct cm_csv *r = open_csv(c, c->staff_path);
	struct cm_error err;
	int cp, cn, cu, cd, cb, cbo, rc;
	size_t first;

	cp = cm_need_column(r, "person");
	cn = cm_need_column(r, "name");
	cu = cm_need_column(r, "unit");
	cd = cm_need_column(r, "dept");
	cb = cm_need_column(r, "base_points");
	cbo = cm_need_column(r, "bonus");
	c->raw_person = xstrdup(cm_csv_rawname(r, (size_t)cp));
	c->raw_name = xstrdup(cm_csv_rawname(r, (size_t)cn));
	c->raw_dept = xstrdup(cm_csv_rawname(r, (size_t)cd));
	c->by_id = cm_strset_new();
	c->unit_ix = cm_strset_new();
	c->dept_ix = cm_strset_new();
	while ((rc = cm_csv_next(r, &err)) == 1) {
		const char *id = cm_csv_field(r, (size_t)cp);
		const char *pts = cm_csv_field(r, (size_t)cb);
		struct person *p;
		int prc;

		if (*id == '\0')
			DIE(r, N_("empty person"));
		c->staff = xgrow(c->staff, &c->staffcap, c->nstaff + 1,
		    sizeof(*c->staff));
		p = &c->staff[c->nstaff];
		memset(p, 0, sizeof(*p));
		p->line = cm_csv_line(r);
		p->id = xstrdup(id);
		if (!cm_strset_add(c->by_id, p->id, c->nstaff, &first)) {
			free(p->id);
			DIE(r, N_("person '%s' is listed twice (first on line "
			    "%ld)"), cm_msg_value(id), c->staff[first].line);
		}
		p->name = xstrdup(cm_csv_field(r, (size_t)cn));
		p->unit = xstrdup(cm_csv_field(r, (size_t)cu));
		p->dept = xstrdup(cm_csv_field(r, (size_t)cd));
		if ((prc = cm_milli_parse(pts, 3, -POINTS_MAX, POINTS_MAX,
		    &p->points)) < 0 || p->points < 0) {
			c->nstaff++;
			DIE(r, N_("%s base_points '%s' (a number of points, 0 "
			    "or more, up to three decimals, such as 1.2)"),
			    prc == 0 ? _("negative") : _("invalid"),
			    cm_msg_value(pts));
		}
		p->bonus = cell_money(r, cbo, "bonus");
		c->nstaff++;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	/* Groups after the array stops moving: they borrow the names. */
	for (first = 0; first < c->nstaff; first++) {
		struct person *p = &c->staff[first];
		size_t g;

		/* group_of may move the array: index it after. */
		if (*p->unit != '\0') {
			g = group_of(&c->units, &c->nunits, &c->unitcap,
			    c->unit_ix, p->unit);
			join(&c->units[g], first, p->points);
		}
		if (*p->dept != '\0') {
			g = group_of(&c->depts, &c->ndepts, &c->deptcap,
			    c->dept_ix, p->dept);
			join(&c->depts[g], first, p->points);
		}
	}
}

/* The staff row of the person in column col of r, or exit 3. */
static struct person *
person_at(struct ctx *c, struct cm_csv *r, int col, const char *file_kind)
{
	const char *id = cm_csv_field(r, (size_t)col);
	size_t i;

	if (!cm_strset_get(c->by_id, id, &i))
		DIE(r, N_("person '%s' of the %s is not in the staff file "
		    "'%s'"), cm_msg_value(id), file_kind, c->staff_path);
	return &c->staff[i];
}

/*
 * --sanctions: person, kind, count (行政处分 (五)): warning (警告),
 * minor (小过) or major (大过, and anything worse, which costs the same:
 * the whole bonus), in either script (share/cm/words.map, field
 * sanction).  An empty count is one.
 */
void
sanctions_read(struct ctx *c)
{
	static const char *const kinds[] = {"warning", "minor", "major"};
	struct cm_csv *r;
	struct cm_error err;
	int cp, ck, cc, rc;

	if (c->sanctions == NULL)
		return;
	r = open_csv(c, c->sanctions);
	cp = cm_need_column(r, "person");
	ck = cm_need_column(r, "kind");
	cc = cm_csv_col(r, "count");
	while ((rc = cm_csv_next(r, &err)) == 1) {
		struct person *p = person_at(c, r, cp, _("sanctions"));
		const char *kind = cm_csv_field(r, (size_t)ck);
		const char *cnt = cc >= 0 ? cm_csv_field(r, (size_t)cc) : "";
		const char *w = cm_word("sanction", kind);
		long long n = 1;
		size_t k;

		for (k = 0; w != NULL && k < 3; k++)
			if (strcmp(w, kinds[k]) == 0)
				break;
		if (w == NULL || k == 3)
			DIE(r, N_("invalid kind '%s' (one of %s)"),
			    cm_msg_value(kind), cm_word_list("sanction"));
		if (*cnt != '\0' && cm_strtonum(cnt, 0, 1000, &n) < 0)
			DIE(r, N_("invalid count '%s' (a whole number, 0 "
			    "to 1000)"), cm_msg_value(cnt));
		if (k == 0)
			p->warnings += n;
		else if (k == 1)
			p->minors += n;
		else if (n > 0)
			p->major = 1;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
}

/*
 * --carry: last month's output.  Its carried_out is this month's
 * carried_in; its month, when it has one, must be the month before, so
 * that a chain of months cannot skip or repeat one.
 */
void
carry_read(struct ctx *c)
{
	struct cm_csv *r;
	struct cm_error err;
	char prev[16];
	int cp, co, cm, rc;

	if (c->carry == NULL)
		return;
	month_name(c, -1, prev);
	r = open_csv(c, c->carry);
	cp = cm_need_column(r, "person");
	co = cm_need_column(r, "carried_out");
	cm = cm_csv_col(r, "month");
	while ((rc = cm_csv_next(r, &err)) == 1) {
		struct person *p;
		long long v;

		if (cm >= 0 && strcmp(cm_csv_field(r, (size_t)cm), prev) != 0)
			DIE(r, N_("month '%s' is not %s, the month before %s"),
			    cm_msg_value(cm_csv_field(r, (size_t)cm)), prev,
			    c->month_arg);
		/* No balance: someone who left with nothing to carry. */
		if ((v = cell_money(r, co, "carried_out")) == 0)
			continue;
		p = person_at(c, r, cp, _("carry file"));
		if (p->carry_line != 0)
			DIE(r, N_("person '%s' is carried twice (first on line "
			    "%ld)"), cm_msg_value(p->id), p->carry_line);
		p->carry_line = cm_csv_line(r);
		p->carried_in = v;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
}

const char *
month_name(const struct ctx *c, int n, char *buf)
{
	int m = c->year * 12 + (c->month - 1) + n;

	snprintf(buf, 16, "%04d-%02d", m / 12, m % 12 + 1);
	return buf;
}
