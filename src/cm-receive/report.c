/*
 * report.c: the readers of the journal: balances (000 §5.1.1-5.1.6),
 * receipts that differ from the customer's declaration (000 §5.1.1.1),
 * what must be reported to the customer in writing (000 §5.1.1.3, 001/7
 * §5.5), equipment out on loan (000 §5.1.6).  Each folds the committed
 * journal once; memory grows with customers x parts (and open loans).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "msg.h"
#include "num.h"
#include "receive.h"
#include "words.h"
#include "xalloc.h"

/*
 * A report's header: each column's canonical name and the Chinese one
 * --lang zh writes, NULL for columns.map's first (客户名称, 料号, 品名);
 * every one reads back through columns.map (its cm-receive section).
 */
struct head {
	const char *en, *zh;
};

static void
header(struct cm_out *o, const struct head *h)
{
	for (; h->en != NULL; h++)
		cm_out_name(o, h->en, h->zh);
	cm_out_endrow(o);
}

/* A unit in the output's language: pcs, or 个 under --lang zh. */
static void
unit_out(struct cm_out *o, int unit)
{
	cm_out_text(o, unit_name(unit), unit_zh(unit));
}

static void
qty_out(struct cm_out *o, long long q, int unit)
{
	char buf[32];

	cm_out_str(o, qty_text(buf, q, unit));
}

/* --balance [--as-of DATE] */
int
do_balance(struct ctx *c)
{
	/* Not 受理日期 and 发放数, the first names of received and issued. */
	static const struct head cols[] = {{"customer", NULL},
	    {"part_no", NULL}, {"name", NULL}, {"received", "收货数量"},
	    {"pending", "待检数量"}, {"stock", "库存数量"},
	    {"hold", "隔离数量"}, {"issued", "发料数量"},
	    {"on_loan", "借出数量"}, {"returned", "退回数量"},
	    {"scrapped", "报废数量"}, {"lost", "丢失数量"}, {NULL, NULL}};
	static const enum bal order[] = {B_RECEIVED, B_PENDING, B_STOCK,
	    B_HOLD, B_ISSUED, B_ON_LOAN, B_RETURNED, B_SCRAPPED, B_LOST};
	struct jread jr;
	struct book b;
	struct cm_out *o;
	size_t i, k;

	jread_open(c, &jr, 1);
	book_init(&b);
	fold(c, &jr.s, &b, c->as_of, NULL, NULL);
	jread_close(&jr);
	o = cm_out_open(&c->co.out);
	header(o, cols);
	for (i = 0; i < b.n; i++) {
		const struct item *it = &b.items[i];

		cm_out_str(o, it->customer);
		cm_out_str(o, it->part);
		cm_out_str(o, it->name);
		for (k = 0; k < sizeof(order) / sizeof(order[0]); k++)
			qty_out(o, it->b[order[k]], it->unit);
		cm_out_endrow(o);
	}
	cm_out_close(o);
	book_free(&b);
	return CM_OK;
}

struct listing {
	struct ctx *c;
	struct cm_out *o;
	size_t n;
};

/* --discrepancies: the count differs from the declaration. */
static void
discrepancy(void *arg, const struct move *m, const struct item *it,
    long line)
{
	struct listing *l = arg;
	char day[11];

	if (m->action != A_RECEIVE || m->qty == m->declared)
		return;
	cm_out_str(l->o, cm_date_format(m->date, day));
	cm_out_str(l->o, it->customer);
	cm_out_str(l->o, it->part);
	cm_out_str(l->o, it->name);
	unit_out(l->o, it->unit);
	qty_out(l->o, m->declared, it->unit);
	qty_out(l->o, m->qty, it->unit);
	qty_out(l->o, m->qty - m->declared, it->unit);
	cm_out_printf(l->o, "%ld", line);
	cm_out_endrow(l->o);
	l->n++;
}

static int
listing(struct ctx *c, const struct head *cols,
    void (*seen)(void *, const struct move *, const struct item *, long))
{
	struct jread jr;
	struct book b;
	struct listing l = {c, NULL, 0};

	jread_open(c, &jr, 1);
	book_init(&b);
	l.o = cm_out_open(&c->co.out);
	header(l.o, cols);
	fold(c, &jr.s, &b, NO_DAY, seen, &l);
	jread_close(&jr);
	cm_out_close(l.o);
	book_free(&b);
	return l.n > 0 ? CM_ATTENTION : CM_OK;
}

int
do_discrepancies(struct ctx *c)
{
	static const struct head cols[] = {{"date", NULL},
	    {"customer", NULL}, {"part_no", NULL}, {"name", NULL},
	    {"unit", NULL}, {"declared_qty", NULL}, {"qty", NULL},
	    {"difference", "差异数量"}, {"line", "行号"}, {NULL, NULL}};

	return listing(c, cols, discrepancy);
}

/*
 * The message of --notify in Chinese: a whole sentence for each action,
 * with and without the part's name, as a letter to the customer says it.
 */
static void
message_zh(struct cm_out *o, const struct move *m, const struct item *it,
    const char *q, const char *day)
{
	const char *u = unit_zh(it->unit) != NULL ? unit_zh(it->unit) :
	    unit_name(it->unit), *note = m->f[C_NOTE];

	if (m->action == A_REJECT && *it->name != '\0')
		cm_out_printf(o, "贵司料号%s（%s）共%s%s于%s进料检验不合格，"
		    "已拒收：%s", it->part, it->name, q, u, day, note);
	else if (m->action == A_REJECT)
		cm_out_printf(o, "贵司料号%s共%s%s于%s进料检验不合格，已拒收："
		    "%s", it->part, q, u, day, note);
	else if (m->action == A_LOSE && *it->name != '\0')
		cm_out_printf(o, "贵司料号%s（%s）共%s%s于%s丢失：%s",
		    it->part, it->name, q, u, day, note);
	else if (m->action == A_LOSE)
		cm_out_printf(o, "贵司料号%s共%s%s于%s丢失：%s", it->part, q,
		    u, day, note);
	else if (*it->name != '\0')
		cm_out_printf(o, "贵司料号%s（%s）共%s%s于%s损坏：%s",
		    it->part, it->name, q, u, day, note);
	else
		cm_out_printf(o, "贵司料号%s共%s%s于%s损坏：%s", it->part, q,
		    u, day, note);
}

/*
 * --notify: rejects, losses and damage, with what to tell the customer
 * (001/7 §5.5: in writing, with the part, the quantity and why).
 */
static void
notice(void *arg, const struct move *m, const struct item *it, long line)
{
	struct listing *l = arg;
	char day[11], q[32];
	const char *what;

	(void)line;
	switch (m->action) {
	case A_REJECT:
		what = "rejected at incoming inspection";
		break;
	case A_LOSE:
		what = "lost";
		break;
	case A_DAMAGE:
		what = "damaged";
		break;
	default:
		return;
	}
	if ((l->c->from != NO_DAY && m->date < l->c->from) ||
	    (l->c->to != NO_DAY && m->date > l->c->to))
		return;
	qty_text(q, m->qty, it->unit);
	cm_out_str(l->o, cm_date_format(m->date, day));
	cm_out_str(l->o, it->customer);
	cm_out_str(l->o, it->part);
	cm_out_str(l->o, it->name);
	cm_out_word(l->o, "action", action_name(m->action));
	cm_out_str(l->o, q);
	unit_out(l->o, it->unit);
	cm_out_str(l->o, m->f[C_REF]);
	cm_out_str(l->o, m->f[C_BY]);
	cm_out_str(l->o, m->f[C_NOTE]);
	if (cm_out_lang(l->o) == CM_LANG_ZH)
		message_zh(l->o, m, it, q, day);
	else
		cm_out_printf(l->o, "%s %s of your part %s%s%s%s %s %s on %s: "
		    "%s", q, unit_name(it->unit), it->part, *it->name ?
		    " (" : "", it->name, *it->name ? ")" : "", m->qty == 1000 ?
		    "was" : "were", what, day, m->f[C_NOTE]);
	cm_out_endrow(l->o);
	l->n++;
}

int
do_notify(struct ctx *c)
{
	static const struct head cols[] = {{"date", NULL},
	    {"customer", NULL}, {"part_no", NULL}, {"name", NULL},
	    {"action", NULL}, {"qty", NULL}, {"unit", NULL}, {"ref", NULL},
	    {"by", NULL}, {"note", NULL}, {"message", "通知内容"},
	    {NULL, NULL}};

	return listing(c, cols, notice);
}

/* --on-loan: open loans, matched first in, first out. */
struct loan {
	size_t item;
	char *dept;
	long long qty;
	cm_day since;
};

struct loans {
	struct book *b;
	struct loan *l;
	size_t n, cap;
	size_t closed;		/* loans of qty 0 still in l */
};

/*
 * Drop the closed loans once they are most of the list, so that memory
 * follows the loans open at once, not every lend the journal holds.
 */
static void
compact(struct loans *ls)
{
	size_t i, k = 0;

	if (ls->closed < 64 || ls->closed < ls->n / 2)
		return;
	for (i = 0; i < ls->n; i++) {
		if (ls->l[i].qty == 0)
			free(ls->l[i].dept);
		else
			ls->l[k++] = ls->l[i];
	}
	ls->n = k;
	ls->closed = 0;
}

static void
close_loans(struct loans *ls, size_t item, const char *dept, long long *q)
{
	size_t i;

	for (i = 0; i < ls->n && *q > 0; i++) {
		struct loan *l = &ls->l[i];
		long long take;

		if (l->item != item || l->qty == 0 ||
		    (dept != NULL && strcmp(l->dept, dept) != 0))
			continue;
		take = l->qty < *q ? l->qty : *q;
		l->qty -= take;
		*q -= take;
		if (l->qty == 0)
			ls->closed++;
	}
}

static void
loan_seen(void *arg, const struct move *m, const struct item *it, long line)
{
	struct loans *ls = arg;
	size_t item = (size_t)(it - ls->b->items);
	long long q = m->qty;

	(void)line;
	if (m->action == A_LEND) {
		ls->l = xgrow(ls->l, &ls->cap, ls->n + 1, sizeof(*ls->l));
		ls->l[ls->n].item = item;
		ls->l[ls->n].dept = xstrdup(m->f[C_REF]);
		ls->l[ls->n].qty = m->qty;
		ls->l[ls->n].since = m->date;
		ls->n++;
	} else if (m->action == A_GIVEBACK) {
		/* The department that gives back closes its own loans first. */
		if (*m->f[C_REF] != '\0')
			close_loans(ls, item, m->f[C_REF], &q);
		close_loans(ls, item, NULL, &q);
		compact(ls);
	}
}

int
do_on_loan(struct ctx *c)
{
	static const struct head cols[] = {{"customer", NULL},
	    {"part_no", NULL}, {"name", NULL}, {"dept", "借用部门"},
	    {"qty", NULL}, {"since", "借出日期"}, {"days", "借出天数"},
	    {NULL, NULL}};
	struct loans ls = {0};
	struct jread jr;
	struct book b;
	struct cm_out *o;
	size_t i;
	int late = 0;

	jread_open(c, &jr, 1);
	book_init(&b);
	ls.b = &b;
	fold(c, &jr.s, &b, c->as_of, loan_seen, &ls);
	jread_close(&jr);
	o = cm_out_open(&c->co.out);
	header(o, cols);
	for (i = 0; i < ls.n; i++) {
		const struct loan *l = &ls.l[i];
		const struct item *it = &b.items[l->item];
		char day[11];
		long days = (long)(c->as_of - l->since);

		if (l->qty > 0) {
			cm_out_str(o, it->customer);
			cm_out_str(o, it->part);
			cm_out_str(o, it->name);
			cm_out_str(o, l->dept);
			qty_out(o, l->qty, it->unit);
			cm_out_str(o, cm_date_format(l->since, day));
			cm_out_printf(o, "%ld", days);
			cm_out_endrow(o);
			if (c->max_days >= 0 && days > c->max_days)
				late++;
		}
		free(ls.l[i].dept);
	}
	cm_out_close(o);
	free(ls.l);
	book_free(&b);
	if (late > 0)
		cm_notice(ngettext("%d loan out longer than %ld days",
		    "%d loans out longer than %ld days", (unsigned long)late),
		    late, c->max_days);
	return late > 0 ? CM_ATTENTION : CM_OK;
}
