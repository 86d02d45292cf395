/*
 * abc.c: ABC analysis (--abc COLUMN): customers sorted by a value, A up to
 * the first cut of the cumulative share (80%), B up to the second (95%), C
 * the rest.  It needs the whole column before the first row can be
 * classed, so it keeps each row's id and value (one buffer of text and
 * one small record a row), never whole rows.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grade.h"
#include "msg.h"
#include "num.h"
#include "text.h"
#include "words.h"
#include "xalloc.h"

/*
 * Any value long long holds in fen: the sums are __int128, so that even
 * a billion such values add up without overflow.
 */
#define VALUE_MAX	LLONG_MAX

struct item {
	long long fen;		/* the value; -1 with bad set when not ranked */
	size_t id, text;	/* offsets into the text buffer */
	size_t seq;		/* input order: ties keep it */
	int bad;		/* negative or empty: C, and reported */
};

static int
by_value(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->bad != b->bad)
		return a->bad - b->bad;
	if (!a->bad && a->fen != b->fen)
		return a->fen > b->fen ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* num / den as a percentage with prec decimals; den is not 0. */
static void
out_pct(struct cm_out *o, __int128 num, __int128 den, int prec)
{
	char buf[64];

	cm_out_str(o, cm_fmt_ratio(buf, num * 100, den, prec));
}

/* The column, and its name and the key's as the first input has them. */
struct columns {
	int col;
	char *id_raw, *canon, *raw;
};

/* The column and the key, before any row is read. */
static void
abc_header(struct source *s, int first)
{
	struct columns *k = s->arg;

	if ((k->col = cm_csv_col(s->r, s->c->abc)) < 0)
		cm_die_no_column(s->r, s->c->abc);
	if (s->id_col < 0)
		cm_die_no_column(s->r, "id");
	if (!first)
		return;
	k->id_raw = xstrdup(cm_csv_rawname(s->r, (size_t)s->id_col));
	k->canon = xstrdup(cm_csv_colname(s->r, (size_t)k->col));
	k->raw = xstrdup(cm_csv_rawname(s->r, (size_t)k->col));
}

/*
 * The header: id and the column as --abc names it in English; in
 * Chinese the key and the column as the input heads them (cm_out_name).
 */
static void
abc_out_header(struct cm_out *o, const struct ctx *c,
    const struct columns *k)
{
	if (cm_out_lang(o) == CM_LANG_ZH) {
		cm_out_name(o, "id", k->id_raw);
		cm_out_name(o, k->canon, k->raw);
	} else {
		cm_out_str(o, "id");
		cm_out_str(o, c->abc);
	}
	/* columns.map's first Chinese for share is cm-penalty's 责任比例. */
	cm_out_name(o, "share", "占比");
	cm_out_name(o, "cumulative", "累计占比");
	cm_out_name(o, "grade", NULL);
	cm_out_endrow(o);
}

int
do_abc(struct ctx *c)
{
	struct source s;
	struct cm_buf text = {0};
	struct item *v = NULL;
	size_t nv = 0, cap = 0, i;
	__int128 total = 0, cum = 0;
	struct cm_out *o;
	struct columns k = {-1, NULL, NULL, NULL};

	source_init(&s, c);
	s.read_only = 1;
	s.on_header = abc_header;
	s.arg = &k;
	while (source_next(&s)) {
		size_t len;
		const char *val;
		struct item *it;

		v = xgrow(v, &cap, nv + 1, sizeof(*v));
		it = &v[nv];
		it->seq = nv++;
		it->bad = 0;
		it->id = text.len;
		cm_buf_add(&text, s.f[s.id_col], s.n[s.id_col]);
		cm_buf_addc(&text, '\0');
		len = s.n[k.col];
		val = cm_trim(s.f[k.col], &len);
		it->text = text.len;
		cm_buf_add(&text, val, len);
		cm_buf_addc(&text, '\0');
		if (len == 0) {
			it->bad = 1;
			cm_notice("%s:%ld: customer '%s': %s is empty: graded "
			    "C", cm_csv_name(s.r), cm_csv_line(s.r),
			    cm_msg_value(source_id(&s)), c->abc);
			c->attention = 1;
			continue;
		}
		if (cm_money_parse(text.s + it->text, -VALUE_MAX, VALUE_MAX,
		    &it->fen) < 0)
			cm_dieat(CM_DATA, cm_csv_name(s.r), cm_csv_line(s.r), 0,
			    "customer '%s': %s '%s' is not a number",
			    cm_msg_value(source_id(&s)), c->abc,
			    cm_msg_value(text.s + it->text));
		if (it->fen < 0) {
			it->bad = 1;
			cm_notice("%s:%ld: customer '%s': %s '%s' is negative: "
			    "graded C", cm_csv_name(s.r), cm_csv_line(s.r),
			    cm_msg_value(source_id(&s)), c->abc,
			    cm_msg_value(text.s + it->text));
			c->attention = 1;
			continue;
		}
		total += it->fen;
	}
	source_free(&s);
	if (nv > 0 && total == 0) {
		cm_notice("the total of %s is 0: every customer is C", c->abc);
		c->attention = 1;
	}
	qsort(v, nv, sizeof(*v), by_value);
	o = cm_out_open(&c->co.out);
	abc_out_header(o, c, &k);
	for (i = 0; i < nv; i++) {
		const char *g = "C";

		cm_out_str(o, text.s + v[i].id);
		cm_out_str(o, text.s + v[i].text);
		if (v[i].bad || total == 0) {
			cm_out_str(o, NULL);
			cm_out_str(o, NULL);
		} else {
			/*
			 * The row that crosses a cut belongs to the upper
			 * class: what counts is the share before it.
			 */
			if (cum * 10000 < (__int128)c->cut_a * total)
				g = "A";
			else if (cum * 10000 < (__int128)c->cut_b * total)
				g = "B";
			cum += v[i].fen;
			out_pct(o, v[i].fen, total, c->co.precision);
			out_pct(o, cum, total, c->co.precision);
		}
		cm_out_word(o, "grade", g);
		cm_out_endrow(o);
	}
	cm_out_close(o);
	free(k.id_raw);
	free(k.canon);
	free(k.raw);
	cm_buf_free(&text);
	free(v);
	return c->attention ? CM_ATTENTION : CM_OK;
}
