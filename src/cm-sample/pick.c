/*
 * pick.c: how many each stratum takes, and which.
 *
 * A stratum keeps a max-heap of the `want` lowest (rank, id) offered so
 * far: memory grows with the picks, never with the file, and the pick
 * does not depend on the order of the rows.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
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
		name = _("(standard input)");
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

void
pick_offer_row(struct ctx *c, struct cm_csv *r, size_t stratum,
    const char *id, size_t len, void *arg)
{
	(void)r;
	(void)arg;
	if (must_find(c, id, len) < 0)
		pick_offer(c, stratum, id, len);
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

/* By id, then where offered: an id twice sits side by side, first first. */
static int
id_cmp(const void *va, const void *vb)
{
	const struct pick *a = *(struct pick *const *)va;
	const struct pick *b = *(struct pick *const *)vb;
	size_t n = a->len < b->len ? a->len : b->len;
	int d = memcmp(a->id, b->id, n);

	if (d != 0)
		return d;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->input != b->input)
		return a->input < b->input ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

static int
before(const struct pick *a, const struct pick *b)
{
	return a->input != b->input ? a->input < b->input : a->line < b->line;
}

/*
 * Everything printed once: the picks of every stratum together.  An id
 * in two rows of two strata (or of one) is picked in each when each
 * stratum ranks it low enough; printed twice, it would be one household
 * counted as two.  (A must id is never offered, and two rows of one must
 * id are caught on the first pass, must_note.)  The message names the
 * first row, in input order, that repeats an id picked before.
 */
static void
picks_once(struct ctx *c)
{
	struct pick **all, *first = NULL;
	size_t i, j, n = 0;

	for (i = 0; i < c->nstrata; i++)
		n += c->strata[i].nheap;
	if (n < 2)
		return;
	all = xreallocarray(NULL, n, sizeof(*all));
	for (i = 0, n = 0; i < c->nstrata; i++)
		for (j = 0; j < c->strata[i].nheap; j++)
			all[n++] = &c->strata[i].heap[j];
	qsort(all, n, sizeof(*all), id_cmp);
	for (i = 1; i < n; i++)
		if (all[i]->len == all[i - 1]->len &&
		    memcmp(all[i]->id, all[i - 1]->id, all[i]->len) == 0 &&
		    (first == NULL || before(all[i], first)))
			first = all[i];
	free(all);
	if (first != NULL)
		twice_at(c, first);
}

void
pick_done(struct ctx *c)
{
	size_t i;

	/* Sorted, the heap's top is its last (pick_has). */
	for (i = 0; i < c->nstrata; i++) {
		struct stratum *s = &c->strata[i];

		if (s->nheap > 1)
			qsort(s->heap, s->nheap, sizeof(*s->heap), qcmp);
		s->sampled = s->must + s->nheap;
	}
	picks_once(c);
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
