/*
 * customers.c: the customer files, pass after pass, and their strata.
 *
 * A sample needs three passes (count, pick, print) and memory only for
 * the strata and the picks, so a regular file is read again rather than
 * held.  What is read again must be what was counted: a file replaced
 * (mv) or written to between two passes would hand out rows that were
 * never counted, as if drawn at random.  So each open of a regular file
 * is checked against the first (device, inode, size, time of change) and
 * each pass's rows against the first pass's count.  Standard input, a
 * pipe (`<(cmd)`), a FIFO or a device cannot be read again and is held
 * whole, as its bytes, and decoded anew on each pass.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "msg.h"
#include "opt.h"
#include "sample.h"
#include "suggest.h"
#include "words.h"
#include "xalloc.h"
#include "text.h"

/*
 * The key column of the customer files, on the first pass: a file with
 * both `customer` (names, 客户名称) and `id` (客户编号) is keyed on
 * `customer`, since the callbacks (cm-complaint list) name customers so,
 * but it says so once: the ids may be what was meant.
 */
static void
key_notice(struct ctx *c, struct cm_csv *r)
{
	static int said;
	int ci = cm_csv_col(r, "customer"), ii = cm_csv_col(r, "id");
	const char *cr, *ir;

	if (said || c->id_given || ci < 0 || ii < 0)
		return;
	said = 1;
	cr = cm_csv_rawname(r, (size_t)ci);
	ir = cm_csv_rawname(r, (size_t)ii);
	/* The header as written, when it is not the name itself. */
	cm_notice("%s: keyed on column 'customer'%s%s%s; give --id id to key "
	    "on 'id'%s%s%s", cm_csv_name(r),
	    strcmp(cr, "customer") != 0 ? " (" : "",
	    strcmp(cr, "customer") != 0 ? cm_msg_value(cr) : "",
	    strcmp(cr, "customer") != 0 ? ")" : "",
	    strcmp(ir, "id") != 0 ? " (" : "",
	    strcmp(ir, "id") != 0 ? cm_msg_value(ir) : "",
	    strcmp(ir, "id") != 0 ? ")" : "");
}

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

static int
is_stdin(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/*
 * Standard input can be read once: given to two of the inputs, the
 * second would find it empty and say "no header row", which is not
 * what is wrong.
 */
static void
stdin_once(const struct ctx *c)
{
	int n = 0, i;

	if (c->mode == MODE_CHECK)
		n += is_stdin(c->record_path);
	if (c->must_path != NULL)
		n += is_stdin(c->must_path);
	if (c->rates_path != NULL)
		n += is_stdin(c->rates_path);
	for (i = 0; i < c->ninputs; i++)
		n += is_stdin(c->inputs[i]);
	if (n <= 1)
		return;
	if (c->mode == MODE_CHECK)
		cm_usage_error("standard input can be read once: give it to "
		    "one of --check-visits, --must and the customer files");
	if (c->mode == MODE_VISITS)
		cm_usage_error("standard input can be read once: give it to "
		    "one of --must and the customer files");
	cm_usage_error("standard input can be read once: give it to one of "
	    "--rates, --must and the customer files");
}

struct named {
	dev_t dev;
	ino_t ino;
	int i;
};

static int
named_cmp(const void *va, const void *vb)
{
	const struct named *a = va, *b = vb;

	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/*
 * The same file twice among the customer files (h.csv h.csv, or ./h.csv,
 * or a link) would count its households twice.  A FILE that cannot be
 * stat'ed is left to its open, which says why.
 */
static void
named_once(struct ctx *c)
{
	struct named *v = xcalloc((size_t)c->ninputs + 1, sizeof(*v));
	struct stat st;
	int i, n = 0, first = -1;

	for (i = 0; i < c->ninputs; i++) {
		if (is_stdin(c->inputs[i]) ? fstat(0, &st) :
		    stat(c->inputs[i], &st))
			continue;
		v[n++] = (struct named){st.st_dev, st.st_ino, i};
	}
	qsort(v, (size_t)n, sizeof(*v), named_cmp);
	/* The first name, in command-line order, that repeats one before. */
	for (i = 1; i < n; i++)
		if (v[i].dev == v[i - 1].dev && v[i].ino == v[i - 1].ino &&
		    (first < 0 || v[i].i < first))
			first = v[i].i;
	free(v);
	if (first >= 0)
		cm_usage_error("%s is named twice", c->inputs[first] != NULL ?
		    cm_msg_value(c->inputs[first]) : "-");
}

void
inputs_check(struct ctx *c)
{
	int i;

	stdin_once(c);
	named_once(c);
	c->in = xcalloc((size_t)c->ninputs + 1, sizeof(*c->in));
	for (i = 0; i < c->ninputs; i++)
		c->in[i].fd = -1;
}

/* Read fd to its end into in; path NULL: standard input. */
static void
hold(struct input *in, int fd, const char *path)
{
	size_t cap = 0;
	ssize_t n;

	for (;;) {
		in->data = xgrow(in->data, &cap, in->len + 65536, 1);
		n = read(fd, in->data + in->len, cap - in->len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (path == NULL)
				cm_die(CM_SYSTEM, "read error on standard "
				    "input: %s", strerror(errno));
			cm_die(CM_SYSTEM, "read error on %s: %s", path,
			    strerror(errno));
		}
		in->len += (size_t)n;
	}
	in->held = 1;
}

static _Noreturn void
changed(const char *path)
{
	cm_dieat(CM_DATA, path, 0, 0, "the file changed while it was read");
}

static struct cm_csv *
open_input(struct ctx *c, int f)
{
	const char *path = c->inputs[f];
	struct input *in = &c->in[f];
	struct cm_error err;
	struct cm_in *ci;
	struct cm_csv *r;
	struct cm_fstamp now;
	struct stat st;
	int fd;

	if (is_stdin(path)) {
		path = _("(standard input)");
		if (!in->held)
			hold(in, 0, NULL);
	} else if (!in->held) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			cm_die(CM_SYSTEM, "cannot open '%s': %s", path,
			    strerror(errno));
		if (fstat(fd, &st) < 0)
			cm_die(CM_SYSTEM, "cannot stat '%s': %s", path,
			    strerror(errno));
		if (c->pass == 1 && !S_ISREG(st.st_mode)) {
			hold(in, fd, path);
			close(fd);
		} else {
			if (cm_fstamp_get(fd, &now) < 0)
				cm_die(CM_SYSTEM, "cannot stat '%s': %s", path,
				    strerror(errno));
			if (c->pass == 1) {
				in->stamp = now;
				in->regular = 1;
			} else if (!S_ISREG(st.st_mode) ||
			    !cm_fstamp_same(&now, &in->stamp))
				changed(path);
			/* Kept to look at the file again at its end. */
			if ((in->fd = dup(fd)) < 0)
				cm_die(CM_SYSTEM, "cannot read '%s': %s", path,
				    strerror(errno));
			ci = cm_in_open_fd(fd, path, c->co.in.encoding, -1,
			    &err);
			r = ci != NULL ? cm_csv_open_in(ci, &c->co.in, &err) :
			    NULL;
			if (r == NULL)
				cm_die_error(&err);
			return r;
		}
	}
	ci = cm_in_open_mem(path, in->data != NULL ? in->data : "", in->len,
	    c->co.in.encoding, &err);
	r = ci != NULL ? cm_csv_open_in(ci, &c->co.in, &err) : NULL;
	if (r == NULL)
		cm_die_error(&err);
	return r;
}

/* At a file's end: still the file it was, and as many rows. */
static void
close_input(struct ctx *c, int f, size_t rows)
{
	struct input *in = &c->in[f];
	struct cm_fstamp st;

	if (in->fd >= 0) {
		if (cm_fstamp_get(in->fd, &st) < 0)
			cm_die(CM_SYSTEM, "cannot stat '%s': %s",
			    c->inputs[f], strerror(errno));
		close(in->fd);
		in->fd = -1;
		if (!cm_fstamp_same(&st, &in->stamp))
			changed(c->inputs[f]);
	}
	if (c->pass == 1)
		in->rows = rows;
	else if (rows != in->rows)
		changed(is_stdin(c->inputs[f]) ? _("(standard input)") :
		    c->inputs[f]);
}

/* The header of every file is the first file's: the output has one. */
static void
check_header(struct ctx *c, struct cm_csv *r)
{
	size_t i, n = cm_csv_ncols(r);

	if (c->header == NULL) {
		c->header = xcalloc(n + 1, sizeof(*c->header));
		c->canon = xcalloc(n + 1, sizeof(*c->canon));
		for (i = 0; i < n; i++) {
			c->header[i] = xstrdup(cm_csv_rawname(r, i));
			c->canon[i] = xstrdup(cm_csv_colname(r, i));
		}
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

/* n and a colon, by hand: printf for every row costs a third of a pass. */
static void
key_len(struct cm_buf *key, size_t n)
{
	char d[24];
	size_t i = sizeof(d);

	d[--i] = ':';
	do
		d[--i] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	cm_buf_add(key, d + i, sizeof(d) - i);
}

/*
 * The stratum of the current row; created on the first pass.  Its key
 * is each --by value as "LEN:VALUE": values may hold any byte, and two
 * rows are one stratum only when every value is the same.
 */
static size_t
stratum_of(struct ctx *c, struct cm_csv *r, const int *bycol,
    struct cm_buf *key)
{
	struct stratum *s;
	size_t i, ix, rix;

	cm_buf_reset(key);
	for (i = 0; i < c->nby; i++) {
		key_len(key, cm_csv_flen(r, (size_t)bycol[i]));
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
	size_t i, s, rows;

	c->pass++;
	if (c->stratum_ix == NULL)
		c->stratum_ix = cm_strset_new();
	if (c->bycol == NULL)
		c->bycol = xcalloc(c->nby + 1, sizeof(*c->bycol));
	bycol = c->bycol;
	for (f = 0; f < c->ninputs; f++) {
		r = c->cur = open_input(c, f);
		check_header(c, r);
		if (c->pass == 1)
			key_notice(c, r);
		idcol = id_column(c, r, c->id_col);
		for (i = 0; i < c->nby; i++)
			bycol[i] = cm_need_column(r, c->by[i]);
		rows = 0;
		while ((rc = cm_csv_next(r, &err)) == 1) {
			const char *id = cm_csv_field(r, (size_t)idcol);
			size_t len = cm_csv_flen(r, (size_t)idcol);

			rows++;
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
		close_input(c, f, rows);
	}
	c->at_file = NULL;
	c->at_line = 0;
}

void
customers_done(struct ctx *c)
{
	size_t i;
	int f;

	for (i = 0; i < c->nheader; i++) {
		free(c->header[i]);
		free(c->canon[i]);
	}
	free(c->header);
	free(c->canon);
	c->header = NULL;
	c->canon = NULL;
	c->nheader = 0;
	for (f = 0; c->in != NULL && f < c->ninputs; f++) {
		free(c->in[f].data);
		if (c->in[f].fd >= 0)
			close(c->in[f].fd);
	}
	free(c->in);
	c->in = NULL;
	free(c->bycol);
	c->bycol = NULL;
	cm_buf_free(&c->key);
	rows_free(&c->held);
}

void
rows_add(struct rows *h, struct cm_csv *r, size_t nfields)
{
	size_t i, len;

	for (i = 0; i < nfields; i++) {
		len = cm_csv_flen(r, i);
		cm_buf_add(&h->b, &len, sizeof(len));
		cm_buf_add(&h->b, cm_csv_field(r, i), len);
	}
}

void
rows_str(struct rows *h, const char *s)
{
	size_t len = strlen(s);

	cm_buf_add(&h->b, &len, sizeof(len));
	cm_buf_add(&h->b, s, len);
}

void
rows_write(struct rows *h, struct cm_out *o, size_t nfields)
{
	const char *p = cm_buf_str(&h->b), *end = p + h->b.len;
	size_t i, len;

	while (p < end) {
		for (i = 0; i < nfields; i++) {
			memcpy(&len, p, sizeof(len));
			cm_out_field(o, p + sizeof(len), len);
			p += sizeof(len) + len;
		}
		cm_out_endrow(o);
	}
	rows_free(h);
}

void
header_write(const struct ctx *c, struct cm_out *o)
{
	size_t i;

	for (i = 0; i < c->nheader; i++)
		if (cm_out_lang(o) != CM_LANG_ZH)
			cm_out_str(o, c->header[i]);
		else if (strcmp(c->canon[i], "customer") == 0)
			/*
			 * The key of a household, not a company's name:
			 * 客户, where columns.map's first is 客户名称.
			 */
			cm_out_name(o, c->canon[i], !cm_ascii(c->header[i]) ?
			    c->header[i] : "客户");
		else
			cm_out_name(o, c->canon[i], c->header[i]);
}

const char *
out_word(const struct ctx *c, const char *field, const char *canonical)
{
	const char *zh;

	if (c->co.out.lang != CM_LANG_ZH)
		return canonical;
	if (strcmp(field, "reason") == 0 && strcmp(canonical, "random") == 0)
		return "随机";
	zh = cm_word_alias(field, canonical);
	return zh != NULL ? zh : canonical;
}

void
rows_free(struct rows *h)
{
	cm_buf_free(&h->b);
}
