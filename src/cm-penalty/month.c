/*
 * month.c: one person's month (004 article 3 行政处分 (五), 经济处罚准则
 * (三).4).  Sanctions are deducted first, up to the bonus: a warning
 * costs `warning`, a minor demerit `minor` per base point, a major
 * demerit the whole bonus.  Then the complaint amounts, carried in first
 * and this month's after (which, being one sum, only matters for what is
 * carried: all of it is), up to the cap (cap% of the bonus, rounded down
 * to the fen) and up to what the sanctions left of the bonus.  What is
 * not deducted, sanctions included, is carried into the next month,
 * where it is a complaint amount under that month's cap.
 *
 * With --register a month's complaint amount may be negative (refunds
 * of cases charged before).  A refund is set first against what is
 * carried in, then against the sanctions the bonus could not bear (the
 * carried part of them), and what is left is paid back: the deduction
 * is then negative.  Nothing carried out is ever negative.
 */
#include "penalty.h"

static long long
min3(long long a, long long b, long long c)
{
	long long m = a < b ? a : b;

	return m < c ? m : c;
}

int
person_month(const struct ctx *c, const struct person *p, struct month *m)
{
	__int128 s, per_point;
	long long complaints, sd, rest, offset, back;

	/* A minor demerit per base point, to the fen, half up. */
	per_point = ((__int128)c->conf.minor * p->points + 500) / 1000;
	s = (__int128)p->warnings * c->conf.warning +
	    (__int128)p->minors * per_point + (p->major ? p->bonus : 0);
	/*
	 * Every amount printed is at most MONEY_MAX, what --carry and the
	 * other readers take back: a carried_out is at most due.
	 */
	if (s > MONEY_MAX)
		return -1;
	m->sanctions = (long long)s;
	/* Each within ±MONEY_MAX: no overflow. */
	complaints = p->carried_in + p->assigned;
	if (complaints > MONEY_MAX || complaints < -MONEY_MAX ||
	    complaints + m->sanctions > MONEY_MAX ||
	    complaints + m->sanctions < -MONEY_MAX)
		return -1;
	m->due = complaints + m->sanctions;
	m->cap = (long long)((__int128)p->bonus * c->conf.cap / 100);
	sd = m->sanctions < p->bonus ? m->sanctions : p->bonus;
	if (complaints >= 0) {
		m->deducted = sd + min3(complaints, m->cap, p->bonus - sd);
		m->carried_out = m->due - m->deducted;
		return 0;
	}
	/* Refunds beyond what is carried in. */
	rest = m->sanctions - sd;
	offset = -complaints < rest ? -complaints : rest;
	back = -complaints - offset;
	m->deducted = sd - back;
	m->carried_out = rest - offset;
	return 0;
}
