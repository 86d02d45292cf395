/*
 * t-table.c: a whole CSV file in memory (table.h): load, look up, change,
 * write back byte for byte, and do it for 100,000 rows in well under a
 * second.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "colmap.h"
#include "csvin.h"
#include "enc.h"
#include "msg.h"
#include "table.h"
#include "tap.h"

/* Sanitized builds run several times slower; the bar moves with them. */
#if defined(__SANITIZE_ADDRESS__)
#define SLOW	5
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW	5
#endif
#endif
#ifndef SLOW
#define SLOW	1
#endif

static struct cm_error err;

static struct cm_table *
load_enc(const char *data, size_t len, const char *enc,
    const struct cm_colmap *map)
{
	struct cm_csv_opts o = { ',', enc, map };
	struct cm_in *in;

	memset(&err, 0, sizeof(err));
	if ((in = cm_in_open_mem("mem.csv", data, len, enc, &err)) == NULL)
		return NULL;
	return cm_table_load_in(in, &o, &err);
}

static struct cm_table *
load(const char *data)
{
	return load_enc(data, strlen(data), "auto", NULL);
}

/* The table as CSV text; the caller frees it. */
static char *
text(const struct cm_table *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	if (fp == NULL || cm_table_write(t, fp, &err) < 0 || fclose(fp) != 0)
		return NULL;
	return s;
}

/* Whether writing t gives exactly want. */
static int
writes(const struct cm_table *t, const char *want, const char *name)
{
	char *s = text(t);
	int r = is_str(s, want, name);

	free(s);
	return r;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_load(void)
{
	const char *csv = "id,customer,description,extra\n"
	    "261101,ACME,\"two\nlines\",x\n"
	    "261102,华为,\"say \"\"hi\"\"\",\n"
	    "\n"
	    "261103,\"A, B\",,z\n";
	struct cm_table *t = load(csv);

	if (!ok(t != NULL, "load a small register"))
		return;
	is_int(cm_table_ncols(t), 4, "four columns");
	is_int(cm_table_nrows(t), 3, "three rows (blank line skipped)");
	is_str(cm_table_name(t), "mem.csv", "name for messages");
	is_str(cm_table_get(t, 0, 2), "two\nlines", "newline in a cell");
	is_str(cm_table_get(t, 1, 1), "华为", "Chinese cell");
	is_str(cm_table_get(t, 1, 2), "say \"hi\"", "doubled quotes undone");
	is_str(cm_table_get(t, 1, 3), "", "empty cell");
	is_str(cm_table_get(t, 2, 1), "A, B", "comma in a cell");
	is_int(cm_table_line(t, 0), 2, "row 0 starts on line 2");
	is_int(cm_table_line(t, 1), 4, "row 1 on line 4 (after two lines)");
	is_int(cm_table_line(t, 2), 6, "row 2 on line 6 (after a blank)");
	is_int(cm_table_col(t, "customer"), 1, "column by name");
	is_int(cm_table_col(t, " Customer "), 1, "name is trimmed, folded");
	is_int(cm_table_col(t, "nothing"), -1, "no such column");
	ok(!cm_table_changed(t), "a loaded table is unchanged");
	writes(t, "id,customer,description,extra\n"
	    "261101,ACME,\"two\nlines\",x\n"
	    "261102,华为,\"say \"\"hi\"\"\",\n"
	    "261103,\"A, B\",,z\n", "written back as read (blank dropped)");
	cm_table_free(t);
}

static void
test_map(void)
{
	const char *csv = "\xef\xbb\xbf客户名称,Part No,备注\r\nACME,P-1,好\r\n";
	struct cm_colmap *map = cm_colmap_new();
	struct cm_table *t;

	cm_colmap_add(map, "客户名称=customer", &err);
	cm_colmap_add(map, "part no=part_no", &err);
	t = load_enc(csv, strlen(csv), "auto", map);
	if (!ok(t != NULL, "load Chinese headers with a map")) {
		cm_colmap_free(map);
		return;
	}
	is_str(cm_table_colname(t, 0), "customer", "canonical name");
	is_str(cm_table_rawname(t, 0), "客户名称", "name as in the file");
	is_str(cm_table_colname(t, 1), "part_no", "mapped English alias");
	is_str(cm_table_colname(t, 2), "备注", "unknown column kept");
	is_int(cm_table_col(t, "customer"), 0, "found by canonical name");
	is_int(cm_table_col(t, "客户名称"), 0, "found by Chinese name");
	is_int(cm_table_col(t, "part_no"), 1, "found by alias target");
	is_int(cm_table_col(t, "备注"), 2, "unknown column found as is");
	writes(t, "客户名称,Part No,备注\nACME,P-1,好\n",
	    "header kept as in the file; BOM and CR dropped");
	cm_table_free(t);
	cm_colmap_free(map);
}

static void
test_gb18030(void)
{
	/* "客户,数量\n华为,3\n" in GB18030. */
	const char gb[] = "\xbf\xcd\xbb\xa7,\xca\xfd\xc1\xbf\n"
	    "\xbb\xaa\xce\xaa,3\n";
	struct cm_table *t = load_enc(gb, sizeof(gb) - 1, "auto", NULL);

	if (!ok(t != NULL, "load a GB18030 register"))
		return;
	is_str(cm_table_get(t, 0, 0), "华为", "decoded to UTF-8");
	writes(t, "客户,数量\n华为,3\n", "written as UTF-8");
	cm_table_free(t);
}

/* Text that starts with U+FEFF must not turn into a byte order mark. */
static void
test_bom_text(void)
{
	const char csv[] = "\xef\xbb\xbf\xef\xbb\xbf" "a,b\n1,2\n";
	struct cm_table *t = load_enc(csv, sizeof(csv) - 1, "auto", NULL), *u;
	char *s;

	if (!ok(t != NULL, "load a header whose name starts with U+FEFF"))
		return;
	is_str(cm_table_rawname(t, 0), "\xef\xbb\xbf" "a",
	    "the second U+FEFF is text");
	s = text(t);
	is_str(s, "\"\xef\xbb\xbf" "a\",b\n1,2\n", "so it is quoted");
	u = s ? load(s) : NULL;
	is_str(u ? cm_table_rawname(u, 0) : NULL, "\xef\xbb\xbf" "a",
	    "and reads back as itself");
	cm_table_free(t);
	cm_table_free(u);
	free(s);
}

static void
test_quoting(void)
{
	const char *cols[] = { "a", "b" };
	const char *one[] = { "only" };
	struct cm_table *t = cm_table_new("q.csv", cols, 2, 0);
	struct cm_buf b = { 0 };
	const char *rec[] = { "x,y", "", " sp", "q\"q", "cr\rlf\n" };
	size_t r;

	r = cm_table_append(t);
	cm_table_set(t, r, 0, "plain");
	cm_table_set(t, r, 1, "has,comma");
	r = cm_table_append(t);
	cm_table_set(t, r, 0, "say \"hi\"");
	cm_table_set(t, r, 1, "a\r\nb");
	r = cm_table_append(t);
	cm_table_set(t, r, 0, " spaced ");
	r = cm_table_append(t);
	writes(t, "a,b\nplain,\"has,comma\"\n\"say \"\"hi\"\"\",\"a\r\nb\"\n"
	    " spaced ,\n", "quoted only when needed; a row of empty cells, "
	    "which would read back as a blank line, left out");
	cm_table_free(t);

	t = cm_table_new("one.csv", one, 1, 0);
	cm_table_append(t);
	r = cm_table_append(t);
	cm_table_set(t, r, 0, "x");
	writes(t, "only\nx\n", "a row of one empty field is left out too");
	cm_table_free(t);

	cm_table_record(&b, rec, 5, ',');
	is_str(cm_buf_str(&b), "\"x,y\",, sp,\"q\"\"q\",\"cr\rlf\n\"\n",
	    "cm_table_record quotes by the same rule");
	cm_buf_reset(&b);
	cm_table_record(&b, rec, 1, '\t');
	is_str(cm_buf_str(&b), "x,y\n", "a comma is plain in TSV");
	cm_buf_free(&b);
}

static void
test_change(void)
{
	struct cm_table *t = load("id,status,note\n1,open,a\n2,closed,b\n"
	    "3,open,c\n");
	const size_t *rows;
	const char *old;
	size_t n, r;

	if (!ok(t != NULL, "load for changes"))
		return;
	n = cm_table_find(t, 1, "open", &rows);
	ok(n == 2 && rows[0] == 0 && rows[1] == 2, "find two open rows");
	is_int(cm_table_find(t, 1, "nothing", &rows), 0, "find none");
	ok(rows == NULL, "and no list");
	n = cm_table_find(t, 0, "2", &rows);
	ok(n == 1 && rows[0] == 1, "find by id");

	old = cm_table_get(t, 0, 1);
	cm_table_set(t, 0, 1, "closed");
	is_str(old, "open", "the old string stays valid after a set");
	ok(cm_table_changed(t), "a set changes the table");
	n = cm_table_find(t, 1, "closed", &rows);
	ok(n == 2 && rows[0] == 0 && rows[1] == 1,
	    "the index follows a set, rows in order");
	n = cm_table_find(t, 1, "open", &rows);
	ok(n == 1 && rows[0] == 2, "and the old value loses the row");
	is_str(cm_table_orig(t, 0, 1), "open", "orig: the loaded value");
	is_str(cm_table_orig(t, 1, 1), "closed", "orig of an unchanged cell");
	cm_table_set(t, 0, 1, "action");
	is_str(cm_table_orig(t, 0, 1), "open", "orig survives a second set");

	r = cm_table_append(t);
	is_int(r, 3, "append gives the next row");
	is_int(cm_table_line(t, r), 0, "an appended row has no line");
	ok(cm_table_orig(t, r, 0) == NULL, "and no original cells");
	cm_table_set(t, r, 0, "4");
	cm_table_set(t, r, 1, "open");
	n = cm_table_find(t, 1, "open", &rows);
	ok(n == 2 && rows[0] == 2 && rows[1] == 3, "index follows appends");
	n = cm_table_find(t, 0, "4", &rows);
	ok(n == 1 && rows[0] == 3, "appended id is found");

	is_int(cm_table_add_col(t, "due"), 3, "add a column");
	is_int(cm_table_add_col(t, "Due"), 3, "adding it again finds it");
	is_int(cm_table_add_col(t, "note"), 2, "an existing column is kept");
	is_str(cm_table_get(t, 1, 3), "", "old rows get empty cells");
	ok(cm_table_orig(t, 1, 3) == NULL, "an added column has no orig");
	cm_table_set(t, 1, 3, "2026-12-01");
	n = cm_table_find(t, 0, "2", &rows);
	ok(n == 1 && rows[0] == 1, "the index survives an added column");
	n = cm_table_find(t, 3, "", &rows);
	ok(n == 3 && rows[0] == 0 && rows[2] == 3, "index of a new column");
	writes(t, "id,status,note,due\n1,action,a,\n2,closed,b,2026-12-01\n"
	    "3,open,c,\n4,open,,\n", "written with the new column last");

	cm_table_set(t, 2, 2, NULL);
	is_str(cm_table_get(t, 2, 2), "", "NULL sets an empty cell");
	cm_table_free(t);

	t = load("id\n1\n");
	cm_table_set(t, 0, 0, "1");
	ok(!cm_table_changed(t), "setting a cell to its value is no change");
	cm_table_free(t);
}

static void
test_errors(void)
{
	const char nul[] = "id,x\n1,a\0b\n";
	struct cm_table *t;

	t = load_enc(nul, sizeof(nul) - 1, "auto", NULL);
	ok(t == NULL && err.status == CM_DATA && err.line == 2 &&
	    err.col == 2, "a NUL byte is a data error at its cell");
	is_str(err.msg, "NUL byte in field 2", "and says so");
	t = load("a,b\n1,2,3\n");
	ok(t == NULL && err.status == CM_DATA && err.line == 2,
	    "a ragged row is a data error with its line");
	t = load("");
	ok(t == NULL && err.status == CM_DATA, "an empty input has no header");
	t = cm_table_load("/nonexistent/x.csv", NULL, &err);
	ok(t == NULL && err.status == CM_SYSTEM, "a missing file: CM_SYSTEM");
}

/* A 64 KiB table cannot sit in stdio's buffer: the write itself fails. */
static void
test_write_error(void)
{
	const char *cols[] = { "x" };
	struct cm_table *t = cm_table_new("big.csv", cols, 1, 0);
	FILE *fp = fopen("/dev/full", "w");
	size_t i;

	if (fp == NULL) {
		ok(1, "# skip no /dev/full");
		cm_table_free(t);
		return;
	}
	for (i = 0; i < 20000; i++)
		cm_table_set(t, cm_table_append(t), 0, "0123456789");
	ok(cm_table_write(t, fp, &err) < 0 && err.status == CM_SYSTEM &&
	    strstr(err.msg, "big.csv") != NULL, "a full disk is CM_SYSTEM");
	fclose(fp);
	cm_table_free(t);
}

/* A complaint register of n rows, 23 columns, with Chinese text. */
static char *
register_text(size_t n, size_t *len)
{
	struct cm_buf b = { 0 };
	size_t i;

	cm_buf_adds(&b, "id,received,customer,market,channel,product,"
	    "order_no,part_no,qty,defect_qty,description,category,cause,dept,"
	    "responsibility,root_cause,action,status,due,closed,loss,"
	    "disposition,result\n");
	for (i = 0; i < n; i++)
		cm_buf_printf(&b, "%zu,2026-11-%02zu,客户%zu有限公司,domestic,"
		    "phone,产品%zu,PO%zu,P-%zu,%zu,%zu,"
		    "\"外观不良, 划伤 \"\"%zu\"\"\",quality,rejects mixed in,"
		    "品质部,ours,,,open,2026-11-30,,%zu.50,,\n",
		    261100000 + i, i % 28 + 1, i % 997, i % 50, i, i % 3000,
		    i % 100 + 1, i % 7, i, i % 1000);
	*len = b.len;
	return b.s;
}

static void
test_big(void)
{
	size_t len, i, n = 100000, found = 0;
	char *csv = register_text(n, &len), *out = NULL, id[32];
	struct cm_table *t;
	const size_t *rows;
	double t0, t1, t2, t3;
	size_t outlen = 0;
	FILE *fp;

	t0 = now();
	t = load_enc(csv, len, "auto", NULL);
	t1 = now();
	if (!ok(t != NULL, "load 100,000 rows")) {
		free(csv);
		return;
	}
	is_int(cm_table_nrows(t), (long long)n, "all rows are there");
	/*
	 * Into memory of the right size: open_memstream's growth would be
	 * timed too.
	 */
	out = malloc(len + 64);
	fp = fmemopen(out, len + 64, "w");
	ok(fp != NULL && cm_table_write(t, fp, &err) == 0 &&
	    fflush(fp) == 0, "write 100,000 rows");
	t2 = now();
	outlen = fp ? (size_t)ftell(fp) : 0;
	if (fp)
		fclose(fp);
	ok(outlen == len && memcmp(out, csv, len) == 0,
	    "written byte for byte as generated");
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "%zu", 261100000 + i);
		found += cm_table_find(t, 0, id, &rows) == 1 && rows[0] == i;
	}
	t3 = now();
	is_int(found, (long long)n, "every id found on its row");
	printf("# load %.3f s, write %.3f s, 100,000 finds %.3f s "
	    "(%.1f MB)\n", t1 - t0, t2 - t1, t3 - t2, len / 1e6);
	ok(t2 - t0 < 1.0 * SLOW, "load and write in under %d s (%.3f s)",
	    SLOW, t2 - t0);
	ok(t3 - t2 < 0.5 * SLOW, "100,000 finds in under %.1f s (%.3f s)",
	    0.5 * SLOW, t3 - t2);
	cm_table_free(t);
	free(out);
	free(csv);
}

int
main(void)
{
	cm_setprogname("t-table");
	test_load();
	test_map();
	test_gb18030();
	test_bom_text();
	test_quoting();
	test_change();
	test_errors();
	test_write_error();
	test_big();
	return done_testing();
}
