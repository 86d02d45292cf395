/*
 * pick.c: how many each stratum takes, and which.
 *
 * A stratum keeps a max-heap of the `want` lowest (rank, id) offered so
 * far: memory grows with the picks, never with the file, and the pick
 * does not depend on the order of the rows.
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "rank.h"
#include "sample.h"
#include "xalloc.h"

size_t
stratum_target(long long rate, size_t n, size_t must)
{
	unsigned __int128 t = ((unsigned __int128)rate * n + RATE_WHOLE - 1) /
	    RATE_WHOLE;

	return t > must ? (size_t)t : must;
}

void
pick_targets(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nstrata; i++) {
		struct stratum *s = &c->strata[i];

		s->target = stratum_target(s->rate, s->customers, s->must);
		s->want = s->target - s->must;
		/* Never more than the stratum's other customers. */
		if (s->want > s->customers - s->must)
			s->want = s->customers - s->must;
	}
}

static int
cmp(const struct pick *a, const struct pick *b)
{
	return cm_rank_cmp(a->rank, a->id, a->len, b->rank, b->id, b->len);
}

static _Noreturn void
twice(struct ctx *c, const char *id)
{
	cm_dieat(CM_DATA, c->at_file, c->at_line, 0,
	    "customer '%s' is in the customer files twice", cm_msg_value(id));
}

/* An id picked twice: the message names its second row. */
static _Noreturn void
twice_at(struct ctx *c, const struct pick *p)
{
	const char *name = c->inputs[p->input];

	if (name == NULL || strcmp(name, "-") == 0)
		name = "(standard input)";
	cm_dieat(CM_DATA, name, p->line, 0,
	    "customer '%s' is in the customer files twice", cm_msg_value(p->id));
}

static void
sift_down(struct pick *h, size_t n, size_t i)
{
	struct pick t;
	size_t l, big;

	for (;;) {
		l = 2 * i + 1;
		if (l >= n)
			return;
		big = l + 1 < n && cmp(&h[l + 1], &h[l]) > 0 ? l + 1 : l;
		if (cmp(&h[big], &h[i]) <= 0)
			return;
		t = h[i];
		h[i] = h[big];
		h[big] = t;
		i = big;
	}
}

void
pick_offer(struct ctx *c, size_t stratum, const char *id, size_t len)
{
	struct stratum *s = &c->strata[stratum];
	struct pick p, t;
	size_t i;
	int d;

	if (s->want == 0)
		return;
	p.rank = cm_rank(c->seed, id, len);
	p.id = (char *)id;
	p.len = len;
	p.input = c->at_input;
	p.line = c->at_line;
	if (s->nheap < s->want) {
		s->heap = xgrow(s->heap, &s->heapcap, s->nheap + 1,
		    sizeof(*s->heap));
		p.id = xstrndup(id, len);
		i = s->nheap++;
		s->heap[i] = p;
		while (i > 0 && cmp(&s->heap[(i - 1) / 2], &s->heap[i]) < 0) {
			t = s->heap[i];
			s->heap[i] = s->heap[(i - 1) / 2];
			s->heap[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
		return;
	}
	if ((d = cmp(&p, &s->heap[0])) == 0)
		twice(c, s->heap[0].id);
	if (d > 0)
		return;
	free(s->heap[0].id);
	p.id = xstrndup(id, len);
	s->heap[0] = p;
	sift_down(s->heap, s->nheap, 0);
}

/* By (rank, id), then where offered: the first of an id twice first. */
static int
qcmp(const void *va, const void *vb)
{
	const struct pick *a = va, *b = vb;
	int d = cmp(a, b);

	if (d != 0)
		return d;
	if (a->input != b->input)
		return a->input < b->input ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

void
pick_done(struct ctx *c)
{
	size_t i, j;

	/* Sorted, the heap's top is its last; an id twice sits side by side. */
	for (i = 0; i < c->nstrata; i++) {
		struct stratum *s = &c->strata[i];

		if (s->nheap > 1)
			qsort(s->heap, s->nheap, sizeof(*s->heap), qcmp);
		for (j = 1; j < s->nheap; j++)
			if (cmp(&s->heap[j - 1], &s->heap[j]) == 0)
				twice_at(c, &s->heap[j]);
		s->sampled = s->must + s->nheap;
	}
}

int
pick_has(struct ctx *c, size_t stratum, const char *id, size_t len)
{
	struct stratum *s = &c->strata[stratum];
	struct pick p;

	if (s->nheap == 0)
		return 0;
	if (s->nheap < s->want)
		return 1;
	p.rank = cm_rank(c->seed, id, len);
	p.id = (char *)id;
	p.len = len;
	return cmp(&p, &s->heap[s->nheap - 1]) <= 0;
}
