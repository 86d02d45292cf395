/* suggest.c: "did you mean" (see suggest.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "suggest.h"
#include "text.h"
#include "xalloc.h"

/* Names listed in a message, and the bytes shown of each. */
#define LIST_MAX	8
#define NAME_SHOW	32

/*
 * s as code points into a fresh array, *n of them.  A byte that starts
 * no valid sequence is one code point of its own (0x110000 + byte), so
 * that it equals only itself.
 */
static uint32_t *
decode(const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, k = 0, m;
	uint32_t *v = xcalloc(len + 1, sizeof(*v)), c;

	while (i < len) {
		if ((m = cm_utf8_decode(s + i, len - i, &c)) == 0) {
			c = 0x110000 + (unsigned char)s[i];
			m = 1;
		} else if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		v[k++] = c;
		i += m;
	}
	*n = k;
	return v;
}

size_t
cm_edit_distance(const char *a, const char *b)
{
	size_t na, nb, i, j, d, *pp, *p, *r, *t;
	uint32_t *va = decode(a, &na), *vb = decode(b, &nb);

	/* Three rows of the matrix: memory in b's length, time na * nb. */
	pp = xcalloc(nb + 1, sizeof(*pp));
	p = xcalloc(nb + 1, sizeof(*p));
	r = xcalloc(nb + 1, sizeof(*r));
	for (j = 0; j <= nb; j++)
		r[j] = j;
	for (i = 1; i <= na; i++) {
		t = pp, pp = p, p = r, r = t;
		r[0] = i;
		for (j = 1; j <= nb; j++) {
			d = p[j - 1] + (va[i - 1] != vb[j - 1]);
			if (p[j] + 1 < d)
				d = p[j] + 1;
			if (r[j - 1] + 1 < d)
				d = r[j - 1] + 1;
			if (i > 1 && j > 1 && va[i - 1] == vb[j - 2] &&
			    va[i - 2] == vb[j - 1] && pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			r[j] = d;
		}
	}
	d = r[nb];
	free(pp);
	free(p);
	free(r);
	free(va);
	free(vb);
	return d;
}

long
cm_nearest(const char *name, const char *const *cand, size_t n)
{
	size_t len, i, d, best = SIZE_MAX, max;
	long at = -1;

	free(decode(name, &len));
	max = len / 3 > 0 ? len / 3 : 1;
	for (i = 0; i < n; i++) {
		d = cm_edit_distance(name, cand[i]);
		if (d <= max && d < best) {
			best = d;
			at = (long)i;
		}
	}
	return at;
}

/* name, cut to NAME_SHOW bytes at a character boundary, quoted. */
static void
add_name(struct cm_buf *b, const char *name)
{
	size_t n = strlen(name);

	if (n > NAME_SHOW)
		n = cm_utf8_cut(name, NAME_SHOW);
	cm_buf_printf(b, "'%.*s%s'", (int)n, name, name[n] != '\0' ? "..." :
	    "");
}

int
cm_no_column(const struct cm_csv *r, const char *name, struct cm_error *err)
{
	size_t i, ncols = cm_csv_ncols(r);
	const char **names = xcalloc(ncols + 1, sizeof(*names));
	struct cm_buf q = {0}, cols = {0}, guess = {0};
	long near;

	/* Whole sentences, not pieces, for the translator (i18n.h). */
	for (i = 0; i < ncols; i++)
		names[i] = cm_csv_colname(r, i);
	add_name(&q, name);
	for (i = 0; i < ncols && i < LIST_MAX; i++) {
		if (i > 0)
			cm_buf_adds(&cols, ", ");
		add_name(&cols, names[i]);
	}
	if (ncols > LIST_MAX)
		cm_buf_printf(&cols, _(" and %zu more"), ncols - LIST_MAX);
	/* Thousands of columns would cost seconds: no guess then. */
	if (ncols <= 1000 && (near = cm_nearest(name, names, ncols)) >= 0) {
		add_name(&guess, names[near]);
		cm_error_set(err, CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
		    "no column %s (columns: %s); did you mean %s?", q.s,
		    cols.s != NULL ? cols.s : "", guess.s);
	} else
		cm_error_set(err, CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
		    "no column %s (columns: %s)", q.s,
		    cols.s != NULL ? cols.s : "");
	cm_buf_free(&q);
	cm_buf_free(&cols);
	cm_buf_free(&guess);
	free(names);
	return -1;
}

void
cm_die_no_column(const struct cm_csv *r, const char *name)
{
	struct cm_error err;

	cm_no_column(r, name, &err);
	cm_die_error(&err);
}

int
cm_need_column(const struct cm_csv *r, const char *name)
{
	int col = cm_csv_col(r, name);

	if (col < 0)
		cm_die_no_column(r, name);
	return col;
}
