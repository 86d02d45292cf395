/*
 * must.c: the customers who are always in (--must: complaints and
 * repairs to call back, 001/5 §4.3.1) and the rate of each estate
 * (--rates: 15% of old estates, 30% of new ones, 001/3 (2)a).
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "sample.h"
#include "suggest.h"
#include "text.h"
#include "words.h"
#include "xalloc.h"

/*
 * A must file's reason, as --visits writes it; NULL when unknown.  An
 * empty one is a plain must; the office's words are read too (投诉,
 * 维修 and 报修, in either script).
 */
static const char *
reason_of(const char *s)
{
	size_t n = strlen(s);

	cm_trim(s, &n);
	return n == 0 ? "must" : cm_word("reason", s);
}

void
must_read(struct ctx *c)
{
	struct cm_error err;
	struct cm_csv *r;
	struct must *m;
	const char *reason;
	int rc, idcol, rcol = -1;
	size_t len;

	if ((r = c->cur = cm_csv_open(c->must_path, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	idcol = id_column(c, r, c->must_id_col);
	if (c->mode == MODE_VISITS)
		rcol = cm_csv_col(r, "reason");
	c->must_ix = cm_strset_new();
	while ((rc = cm_csv_next(r, &err)) == 1) {
		const char *id = cm_csv_field(r, (size_t)idcol);

		if ((len = cm_csv_flen(r, (size_t)idcol)) == 0)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "empty id in column '%s'", c->must_id_col);
		if (cm_strset_getn(c->must_ix, id, len, NULL))
			continue;	/* two complaints: one callback */
		reason = "must";
		if (rcol >= 0 && (reason = reason_of(cm_csv_field(r,
		    (size_t)rcol))) == NULL)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "invalid reason '%s' (one of %s)",
			    cm_msg_value(cm_csv_field(r, (size_t)rcol)),
			    cm_word_list("reason"));
		c->musts = xgrow(c->musts, &c->mustcap, c->nmusts + 1,
		    sizeof(*c->musts));
		m = &c->musts[c->nmusts];
		memset(m, 0, sizeof(*m));
		m->id = xstrndup(id, len);
		m->reason = xstrdup(reason);
		m->line = cm_csv_line(r);
		m->order = (int)c->nmusts;
		cm_strset_add(c->must_ix, m->id, c->nmusts, NULL);
		c->nmusts++;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	c->cur = NULL;
}

void
rates_read(struct ctx *c)
{
	struct cm_error err;
	struct cm_csv *r;
	int rc, vcol, rcol;
	size_t cap = 0, kcap = 0, first;
	long long v;

	if ((r = c->cur = cm_csv_open(c->rates_path, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	vcol = cm_need_column(r, c->by[0]);
	rcol = cm_need_column(r, "rate");
	c->rates = cm_strset_new();
	while ((rc = cm_csv_next(r, &err)) == 1) {
		const char *val = cm_csv_field(r, (size_t)vcol);
		const char *rate = cm_csv_field(r, (size_t)rcol);

		if (rate_parse(rate, 1, &v) < 0)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "invalid rate '%s' (expected a percentage above 0 "
			    "and at most 100, at most two decimals)",
			    cm_msg_value(rate));
		if (cm_strset_get(c->rates, val, &first))
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "%s '%s' has a rate already", c->by[0],
			    cm_msg_value(val));
		c->rate_keys = xgrow(c->rate_keys, &kcap, c->nrates + 1,
		    sizeof(*c->rate_keys));
		c->rate_of = xgrow(c->rate_of, &cap, c->nrates + 1,
		    sizeof(*c->rate_of));
		c->rate_keys[c->nrates] = xstrdup(val);
		c->rate_of[c->nrates] = v;
		cm_strset_add(c->rates, c->rate_keys[c->nrates], c->nrates,
		    NULL);
		c->nrates++;
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	c->cur = NULL;
}

long
must_find(const struct ctx *c, const char *id, size_t len)
{
	size_t ix;

	if (c->must_ix == NULL || !cm_strset_getn(c->must_ix, id, len, &ix))
		return -1;
	return (long)ix;
}

int
must_note(struct ctx *c, size_t s, const char *id, size_t len)
{
	long ix = must_find(c, id, len);
	struct must *m;

	if (ix < 0)
		return 0;
	m = &c->musts[ix];
	if (m->found)
		cm_dieat(CM_DATA, c->at_file, c->at_line, 0,
		    "customer '%s' is in the customer files twice",
		    cm_msg_value(m->id));
	m->found = 1;
	m->stratum = s;
	c->strata[s].must++;
	return 1;
}

void
must_check_found(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nmusts; i++)
		if (!c->musts[i].found)
			cm_dieat(CM_DATA, c->must_path, c->musts[i].line, 0,
			    "customer '%s' is not in the customer files",
			    cm_msg_value(c->musts[i].id));
}
