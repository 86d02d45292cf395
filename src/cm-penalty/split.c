/*
 * split.c: each case's loss to the persons who bear it, in two exact
 * steps (004 article 3 (二); 经济处罚准则 (三).3, (四).2): the loss to the
 * case's parties by their judged shares, then the part of a unit (班/组)
 * or department to its members by base points (member's part = part ×
 * member's points ÷ the unit's points).  Each step is the
 * largest-remainder split of apportion.h, so the parts of a case add up
 * to its loss to the fen, and the same files always give the same fen.
 */
#include <stdlib.h>

#include "apportion.h"
#include "msg.h"
#include "penalty.h"
#include "xalloc.h"

static void
charge(struct ctx *c, size_t k, size_t party, size_t person, long long fen)
{
	struct person *p = &c->staff[person];
	struct part *pt;

	/* Each is within ±MONEY_MAX: no overflow. */
	if (p->assigned + fen > MONEY_MAX || p->assigned + fen < -MONEY_MAX)
		cm_dieat(CM_DATA, c->names[c->cases[k].file],
		    c->cases[k].line, 0, "the amounts assigned to person '%s' "
		    "pass 100000000000.00 with case '%s'", cm_msg_value(p->id),
		    cm_msg_value(c->cases[k].id));
	p->assigned += fen;
	/* Parts are kept for --cases only: a department has many members. */
	if (!c->by_case)
		return;
	c->parts = xgrow(c->parts, &c->partcap, c->nparts + 1,
	    sizeof(*c->parts));
	pt = &c->parts[c->nparts++];
	pt->k = k;
	pt->party = party;
	pt->person = person;
	pt->amount = fen;
}

void
cases_split(struct ctx *c)
{
	long long *w = NULL, *part = NULL, *sub = NULL, *gw = NULL;
	size_t wcap = 0, pcap = 0, scap = 0, gcap = 0, k, i, j;

	for (k = 0; k < c->ncases; k++) {
		const struct kase *ks = &c->cases[k];

		/*
		 * A refund (--register) is split as its absolute value and
		 * the parts negated: the tie rule stays symmetric, and the
		 * parts still add up to the charge exactly.
		 */
		long long sign = ks->charge < 0 ? -1 : 1;

		w = xgrow(w, &wcap, ks->n, sizeof(*w));
		part = xgrow(part, &pcap, ks->n, sizeof(*part));
		for (i = 0; i < ks->n; i++)
			w[i] = ks->party[i].share;
		/* Shares add up to 100 (cases_read): the split cannot fail. */
		if (cm_apportion(sign * ks->charge, w, ks->n, part) < 0)
			abort();
		for (i = 0; i < ks->n; i++) {
			const struct party *pa = &ks->party[i];
			const struct group *g;

			if (pa->kind == PARTY_PERSON) {
				charge(c, k, i, pa->who, sign * part[i]);
				continue;
			}
			g = pa->kind == PARTY_UNIT ? &c->units[pa->who] :
			    &c->depts[pa->who];
			gw = xgrow(gw, &gcap, g->n, sizeof(*gw));
			sub = xgrow(sub, &scap, g->n, sizeof(*sub));
			for (j = 0; j < g->n; j++)
				gw[j] = c->staff[g->member[j]].points;
			/* A group without points was refused (find_party). */
			if (cm_apportion(part[i], gw, g->n, sub) < 0)
				abort();
			/* A member without points bears nothing: no row. */
			for (j = 0; j < g->n; j++)
				if (gw[j] > 0)
					charge(c, k, i, g->member[j],
					    sign * sub[j]);
		}
	}
	free(w);
	free(part);
	free(sub);
	free(gw);
}
