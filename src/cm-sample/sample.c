/*
 * sample.c: the survey sample (000 §5.3.1.2, 001/3 (2)a): the rows
 * picked, or with --summary the size of each stratum's pick.
 */
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "msg.h"
#include "num.h"
#include "sample.h"
#include "xalloc.h"

static void
count_row(struct ctx *c, struct cm_csv *r, size_t s, const char *id,
    size_t len, void *arg)
{
	(void)r;
	(void)arg;
	must_note(c, s, id, len);
}

static void
print_row(struct ctx *c, struct cm_csv *r, size_t s, const char *id,
    size_t len, void *arg)
{
	struct rows *h = arg;
	const char *reason;

	if (must_find(c, id, len) >= 0)
		reason = "must";
	else if (pick_has(c, s, id, len))
		reason = "random";
	else
		return;
	rows_add(h, r, c->nheader);
	rows_str(h, out_word(c, "reason", reason));
}

/* customers, must, target, sampled, rate: one stratum or the sum. */
static void
summary_cells(struct cm_out *o, size_t n, size_t must, size_t target,
    size_t sampled)
{
	char buf[64];

	cm_out_printf(o, "%zu", n);
	cm_out_printf(o, "%zu", must);
	cm_out_printf(o, "%zu", target);
	cm_out_printf(o, "%zu", sampled);
	cm_out_str(o, n > 0 ? cm_fmt_ratio(buf, (__int128)sampled * 100,
	    (__int128)n, 2) : "0.00");
	cm_out_endrow(o);
}

/*
 * The header: the --by columns as given (in Chinese as the user wrote
 * them, or columns.map's Chinese), then the counts (客户数 and 抽样比例
 * are columns.map's first Chinese for customers and rate).
 */
static void
summary_header(struct ctx *c, struct cm_out *o)
{
	static const char *const names[][2] = {
		{"customers", NULL}, {"must", "必选数"}, {"target", "应抽数"},
		{"sampled", "抽样数"}, {"rate", NULL}
	};
	char *buf;
	size_t j;

	for (j = 0; j < c->nby; j++) {
		buf = xmalloc(strlen(c->by[j]) + 1);
		if (cm_out_lang(o) == CM_LANG_ZH)
			cm_out_name(o, cm_colmap_get(c->co.map, c->by[j], buf),
			    c->by[j]);
		else
			cm_out_str(o, c->by[j]);
		free(buf);
	}
	for (j = 0; j < 5; j++)
		cm_out_name(o, names[j][0], names[j][1]);
	cm_out_endrow(o);
}

static void
summary(struct ctx *c, struct cm_out *o)
{
	size_t i, j, n = 0, must = 0, target = 0, sampled = 0;

	summary_header(c, o);
	for (i = 0; i < c->nstrata; i++) {
		struct stratum *s = &c->strata[i];

		n += s->customers;
		must += s->must;
		target += s->target;
		sampled += s->sampled;
		if (c->nby == 0)
			continue;
		for (j = 0; j < c->nby; j++)
			cm_out_str(o, s->values[j]);
		summary_cells(o, s->customers, s->must, s->target, s->sampled);
	}
	for (j = 0; j < c->nby; j++)
		if (j == 0)
			cm_out_text(o, "total", "合计");
		else
			cm_out_str(o, "");
	summary_cells(o, n, must, target, sampled);
}

int
sample_run(struct ctx *c)
{
	struct cm_out *o;

	if (c->rates_path != NULL)
		rates_read(c);
	if (c->must_path != NULL)
		must_read(c);
	customers_pass(c, count_row, NULL);
	must_check_found(c);
	pick_targets(c);
	customers_pass(c, pick_offer_row, NULL);
	pick_done(c);
	if (c->mode == MODE_SUMMARY) {
		o = cm_out_open(&c->co.out);
		summary(c, o);
		cm_out_close(o);
		return CM_OK;
	}
	customers_pass(c, print_row, &c->held);
	o = cm_out_open(&c->co.out);
	header_write(c, o);
	/* Why a customer is in the sample: 入选原因, not a visit's. */
	cm_out_name(o, "reason", "入选原因");
	cm_out_endrow(o);
	rows_write(&c->held, o, c->nheader + 1);
	cm_out_close(o);
	return CM_OK;
}
