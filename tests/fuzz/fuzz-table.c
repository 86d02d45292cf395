/*
 * fuzz-table.c: libFuzzer harness for the register table (table.h): load,
 * look up, change, write, and load again.
 *
 * Input layout, so that seed files stay readable text:
 *   byte 0: '0' (or any even byte) CSV, '1' (odd) TSV; bit 1 also asks
 *           for a change round (see change) before the round trip.
 *   rest:   the register, encoding auto.
 *
 * Contracts checked (a broken one aborts, which libFuzzer reports):
 *   - a load that fails fills struct cm_error with CM_DATA and this
 *     input's name (library code never exits on bad data);
 *   - every column finds itself by its canonical name, every cell finds
 *     its row through the column index;
 *   - what cm_table_write writes loads again (as UTF-8) into the same
 *     header and the same cells, and writing that gives the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "enc.h"
#include "msg.h"
#include "table.h"

#define NAME	"fuzz.csv"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

static struct cm_table *
load(const void *data, size_t len, const char *enc, char delim,
    struct cm_error *err)
{
	struct cm_csv_opts o = { delim, enc, NULL };
	struct cm_in *in = cm_in_open_mem(NAME, data, len, enc, err);

	if (in == NULL)
		abort();	/* "auto" and "utf-8" are always known */
	return cm_table_load_in(in, &o, err);
}

/* The table as text, in a malloc'd buffer. */
static char *
write_text(const struct cm_table *t, size_t *len)
{
	struct cm_error err;
	char *s = NULL;
	FILE *fp = open_memstream(&s, len);

	if (fp == NULL)
		abort();
	if (cm_table_write(t, fp, &err) < 0 || fclose(fp) != 0)
		abort();	/* memory does not fill up */
	return s;
}

static void
check_lookups(struct cm_table *t)
{
	size_t c, r, i, n, ncols = cm_table_ncols(t);
	const size_t *rows;
	int k;

	for (c = 0; c < ncols; c++) {
		k = cm_table_col(t, cm_table_colname(t, c));
		/*
		 * A name finds its column, or an earlier one of that name
		 * (an empty header name may repeat).
		 */
		if (k < 0 || (size_t)k > c)
			abort();
	}
	if (ncols == 0)
		return;
	c = cm_table_nrows(t) % ncols;
	for (r = 0; r < cm_table_nrows(t); r++) {
		n = cm_table_find(t, c, cm_table_get(t, r, c), &rows);
		for (i = 1; i < n; i++)
			if (rows[i] <= rows[i - 1])
				abort();	/* rows come in order */
		for (i = 0; i < n && rows[i] != r; i++)
			;
		if (i == n)
			abort();	/* and the row is among them */
	}
}

/*
 * Change the table through every entry point, so the index, the
 * originals and the re-laid rows of an added column are exercised: each
 * row's first cell takes the next row's value, a column and a row are
 * added, and the lookups must still hold.
 */
static void
change(struct cm_table *t)
{
	size_t n = cm_table_nrows(t), r, col;
	const size_t *rows;
	const char *was;

	if (cm_table_ncols(t) == 0)
		return;
	(void)cm_table_find(t, 0, "", &rows);	/* build the index first */
	for (r = 0; r + 1 < n; r++) {
		was = cm_table_get(t, r, 0);
		cm_table_set(t, r, 0, cm_table_get(t, r + 1, 0));
		/* The old string stays readable (ASan checks the read). */
		sink += strlen(was);
		if (cm_table_orig(t, r, 0) == NULL)
			abort();
	}
	col = cm_table_add_col(t, "fuzz_added");
	r = cm_table_append(t);
	if (cm_table_orig(t, r, 0) != NULL || cm_table_line(t, r) != 0)
		abort();
	cm_table_set(t, r, col, "新, \"值\"\n");
	cm_table_set(t, r, 0, n > 0 ? cm_table_get(t, 0, 0) : "x");
	if (!cm_table_changed(t))
		abort();
	check_lookups(t);
}

/*
 * b was read from what a wrote: the same, but for the rows of a whose
 * cells are all empty, which the writer leaves out (table.h).
 */
static void
same(const struct cm_table *a, const struct cm_table *b)
{
	size_t c, r, rb = 0;

	if (cm_table_ncols(a) != cm_table_ncols(b))
		abort();
	for (c = 0; c < cm_table_ncols(a); c++)
		if (strcmp(cm_table_rawname(a, c), cm_table_rawname(b, c)) ||
		    strcmp(cm_table_colname(a, c), cm_table_colname(b, c)))
			abort();
	for (r = 0; r < cm_table_nrows(a); r++) {
		if (cm_table_row_empty(a, r))
			continue;
		if (rb >= cm_table_nrows(b))
			abort();
		for (c = 0; c < cm_table_ncols(a); c++)
			if (strcmp(cm_table_get(a, r, c),
			    cm_table_get(b, rb, c)) != 0)
				abort();
		rb++;
	}
	if (rb != cm_table_nrows(b))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cm_table *t, *u;
	struct cm_error err;
	char delim, *s1, *s2;
	size_t n1, n2;

	if (size < 1)
		return 0;
	delim = data[0] & 1 ? '\t' : ',';
	memset(&err, 0, sizeof(err));
	if ((t = load(data + 1, size - 1, "auto", delim, &err)) == NULL) {
		if (err.status != CM_DATA || err.msg[0] == '\0' ||
		    err.file == NULL || strcmp(err.file, NAME) != 0)
			abort();
		return 0;
	}
	check_lookups(t);
	if (data[0] & 2)
		change(t);

	s1 = write_text(t, &n1);
	if ((u = load(s1, n1, "utf-8", delim, &err)) == NULL)
		abort();	/* our own output must load */
	same(t, u);
	s2 = write_text(u, &n2);
	if (n1 != n2 || memcmp(s1, s2, n1) != 0)
		abort();	/* and write the same again */

	free(s1);
	free(s2);
	cm_table_free(u);
	cm_table_free(t);
	return 0;
}
