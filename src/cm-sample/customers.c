/*
 * customers.c: the customer files, pass after pass, and their strata.
 *
 * A sample needs three passes (count, pick, print) and memory only for
 * the strata and the picks, so a file is read again rather than held;
 * standard input cannot be read again and is held whole, as its bytes,
 * and decoded anew on each pass.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "msg.h"
#include "sample.h"
#include "suggest.h"
#include "xalloc.h"

int
id_column(struct ctx *c, struct cm_csv *r, const char *col)
{
	int i = cm_csv_col(r, col);

	/* 客户编号 and the other id headers map to `id` (columns.map). */
	if (i < 0 && !c->id_given && strcmp(col, "customer") == 0)
		i = cm_csv_col(r, "id");
	if (i < 0)
		cm_die_no_column(r, col);
	return i;
}

static void
slurp_stdin(struct ctx *c)
{
	size_t cap = 0;
	ssize_t n;

	for (;;) {
		c->stdin_data = xgrow(c->stdin_data, &cap, c->stdin_len + 65536,
		    1);
		n = read(0, c->stdin_data + c->stdin_len, cap - c->stdin_len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			cm_die(CM_SYSTEM, "read error on standard input: %s",
			    strerror(errno));
		}
		c->stdin_len += (size_t)n;
	}
	c->stdin_read = 1;
}

static struct cm_csv *
open_input(struct ctx *c, const char *path)
{
	struct cm_error err;
	struct cm_in *in;
	struct cm_csv *r;

	if (path != NULL && strcmp(path, "-") != 0)
		r = cm_csv_open(path, &c->co.in, &err);
	else {
		if (!c->stdin_read)
			slurp_stdin(c);
		in = cm_in_open_mem("(standard input)",
		    c->stdin_data != NULL ? c->stdin_data : "", c->stdin_len,
		    c->co.in.encoding, &err);
		r = in != NULL ? cm_csv_open_in(in, &c->co.in, &err) : NULL;
	}
	if (r == NULL)
		cm_die_error(&err);
	return r;
}

/* The header of every file is the first file's: the output has one. */
static void
check_header(struct ctx *c, struct cm_csv *r)
{
	size_t i, n = cm_csv_ncols(r);

	if (c->header == NULL) {
		c->header = xcalloc(n + 1, sizeof(*c->header));
		for (i = 0; i < n; i++)
			c->header[i] = xstrdup(cm_csv_rawname(r, i));
		c->nheader = n;
		return;
	}
	if (n != c->nheader)
		goto differ;
	for (i = 0; i < n; i++)
		if (strcmp(c->header[i], cm_csv_rawname(r, i)) != 0)
			goto differ;
	return;
differ:
	cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
	    "header differs from the first file's");
}

/* The stratum of the current row; created on the first pass. */
static size_t
stratum_of(struct ctx *c, struct cm_csv *r, const int *bycol,
    struct cm_buf *key)
{
	struct stratum *s;
	size_t i, ix, rix;

	cm_buf_reset(key);
	for (i = 0; i < c->nby; i++) {
		if (i > 0)
			cm_buf_addc(key, '\x1f');
		cm_buf_add(key, cm_csv_field(r, (size_t)bycol[i]),
		    cm_csv_flen(r, (size_t)bycol[i]));
	}
	if (cm_strset_getn(c->stratum_ix, cm_buf_str(key), key->len, &ix))
		return ix;
	if (c->pass > 1)
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
		    "the file changed while it was read");
	c->strata = xgrow(c->strata, &c->stratacap, c->nstrata + 1,
	    sizeof(*c->strata));
	s = &c->strata[c->nstrata];
	memset(s, 0, sizeof(*s));
	s->key = xstrndup(cm_buf_str(key), key->len);
	s->values = xcalloc(c->nby + 1, sizeof(*s->values));
	for (i = 0; i < c->nby; i++)
		s->values[i] = xstrdup(cm_csv_field(r, (size_t)bycol[i]));
	s->rate = c->rate;
	if (c->rates != NULL &&
	    cm_strset_get(c->rates, s->values[0], &rix))
		s->rate = c->rate_of[rix];
	else if (c->rates != NULL && c->rate < 0)
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
		    "no rate for %s '%s' (not in %s, and no --rate)", c->by[0],
		    cm_msg_value(s->values[0]), c->rates_path);
	cm_strset_add(c->stratum_ix, s->key, c->nstrata, NULL);
	return c->nstrata++;
}

void
customers_pass(struct ctx *c, customer_fn fn, void *arg)
{
	struct cm_error err;
	struct cm_csv *r;
	int f, rc, idcol, *bycol;
	size_t i, s;

	c->pass++;
	if (c->stratum_ix == NULL)
		c->stratum_ix = cm_strset_new();
	if (c->bycol == NULL)
		c->bycol = xcalloc(c->nby + 1, sizeof(*c->bycol));
	bycol = c->bycol;
	for (f = 0; f < c->ninputs; f++) {
		r = c->cur = open_input(c, c->inputs[f]);
		check_header(c, r);
		idcol = id_column(c, r, c->id_col);
		for (i = 0; i < c->nby; i++)
			if ((bycol[i] = cm_csv_col(r, c->by[i])) < 0)
				cm_die_no_column(r, c->by[i]);
		while ((rc = cm_csv_next(r, &err)) == 1) {
			const char *id = cm_csv_field(r, (size_t)idcol);
			size_t len = cm_csv_flen(r, (size_t)idcol);

			c->at_file = cm_csv_name(r);
			c->at_line = cm_csv_line(r);
			c->at_input = f;
			if (len == 0)
				cm_dieat(CM_DATA, c->at_file, c->at_line, 0,
				    "empty id in column '%s'", c->id_col);
			s = stratum_of(c, r, bycol, &c->key);
			if (c->pass == 1)
				c->strata[s].customers++;
			fn(c, r, s, id, len, arg);
		}
		if (rc < 0)
			cm_die_error(&err);
		cm_csv_close(r);
		c->cur = NULL;
	}
	c->at_file = NULL;
	c->at_line = 0;
}

void
customers_done(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nheader; i++)
		free(c->header[i]);
	free(c->header);
	c->header = NULL;
	c->nheader = 0;
	free(c->stdin_data);
	c->stdin_data = NULL;
	free(c->bycol);
	c->bycol = NULL;
	cm_buf_free(&c->key);
}
