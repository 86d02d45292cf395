/*
 * visits.c: the month's visit plan (001/5 §4.3.1): at least --rate of
 * the households, every complaint and serious repair called back first,
 * at most --phone-max of the plan by phone.
 *
 * The must rows come first, in the must file's order, so they are held
 * (the must list is small: the month's callbacks); the random rows
 * follow in input order from one more pass, held too until that pass
 * has found its files unchanged (customers.c): the plan is the size of
 * the sample, never of the file.
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sample.h"
#include "words.h"
#include "xalloc.h"

struct plan {
	char ***rows;		/* the must rows' fields, by must index */
	size_t phone;		/* phone calls left to give */
	size_t must_phone;	/* ... of which the must rows' */
	struct rows *random;	/* the random rows, held until checked */
	struct cm_out *o;
};

static void
count_row(struct ctx *c, struct cm_csv *r, size_t s, const char *id,
    size_t len, void *arg)
{
	struct plan *p = arg;
	long ix;
	size_t i;

	if (!must_note(c, s, id, len))
		return;
	ix = must_find(c, id, len);
	p->rows[ix] = xcalloc(c->nheader + 1, sizeof(**p->rows));
	for (i = 0; i < c->nheader; i++)
		p->rows[ix][i] = xstrndup(cm_csv_field(r, i),
		    cm_csv_flen(r, i));
}

/* The method of the next row: phone while the quota lasts. */
static const char *
method(struct plan *p)
{
	if (p->phone > 0) {
		p->phone--;
		return "phone";
	}
	return "visit";
}

static void
print_row(struct ctx *c, struct cm_csv *r, size_t s, const char *id,
    size_t len, void *arg)
{
	struct plan *p = arg;

	if (must_find(c, id, len) >= 0 || !pick_has(c, s, id, len))
		return;
	rows_add(p->random, r, c->nheader);
	rows_str(p->random, out_word(c, "reason", "random"));
	rows_str(p->random, out_word(c, "method", method(p)));
}

int
visits_run(struct ctx *c)
{
	struct plan p;
	size_t i, j, plan = 0;

	memset(&p, 0, sizeof(p));
	must_read(c);
	p.rows = xcalloc(c->nmusts + 1, sizeof(*p.rows));
	customers_pass(c, count_row, &p);
	must_check_found(c);
	pick_targets(c);
	customers_pass(c, pick_offer_row, NULL);
	pick_done(c);
	for (i = 0; i < c->nstrata; i++)
		plan += c->strata[i].sampled;
	/* floor(phone_max × plan): "at most" half of the plan by phone. */
	p.phone = (size_t)((unsigned __int128)c->phone_max * plan /
	    RATE_WHOLE);
	cm_info("plan of %zu households, at most %zu by phone", plan,
	    p.phone);
	/* The must rows first, then the random ones in their order. */
	p.must_phone = p.phone < c->nmusts ? p.phone : c->nmusts;
	p.random = &c->held;
	p.phone -= p.must_phone;
	customers_pass(c, print_row, &p);
	p.o = cm_out_open(&c->co.out);
	header_write(c, p.o);
	/* 走访原因 and 走访方式: a visit's (columns.map). */
	cm_out_name(p.o, "reason", "走访原因");
	cm_out_name(p.o, "method", "走访方式");
	cm_out_endrow(p.o);
	for (i = 0; i < c->nmusts; i++) {
		for (j = 0; j < c->nheader; j++)
			cm_out_str(p.o, p.rows[i][j]);
		cm_out_word(p.o, "reason", c->musts[i].reason);
		cm_out_word(p.o, "method", i < p.must_phone ? "phone" :
		    "visit");
		cm_out_endrow(p.o);
	}
	rows_write(p.random, p.o, c->nheader + 2);
	cm_out_close(p.o);
	for (i = 0; i < c->nmusts; i++) {
		for (j = 0; j < c->nheader; j++)
			free(p.rows[i][j]);
		free(p.rows[i]);
	}
	free(p.rows);
	return CM_OK;
}
