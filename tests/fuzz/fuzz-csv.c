/*
 * fuzz-csv.c: libFuzzer harness for the CSV reader over its decoding
 * layer (csvin.h, enc.h).
 *
 * Input layout, chosen so that seed files stay readable text:
 *   byte 0: the encoding, by value mod 4: '0' auto, '1' utf-8,
 *           '2' gb18030, '3' utf-16.
 *   byte 1: the delimiter: '0' ',', '1' tab, '2' ';', '3' '|'; any other
 *           byte is the delimiter itself (a quote, CR, LF or NUL, which
 *           -d refuses, fall back to ',').
 *   rest:   the input.
 * With bit 7 of byte 0 set, byte 2 is a split point s and the input
 * (from byte 3) is read as its first s bytes, then a blank line, then the
 * rest, which starts just before 128 KiB (see read_split): the decoder's
 * first window ends there, so the records before the split come out in
 * one block and the rest meets a block edge (bits 2..6 of byte 0 say how
 * far in).  libFuzzer's inputs stay small; the edges are reached all the
 * same.  AFTER (-DAFTER=0 to leave it out) is how often the reader is
 * asked again after an error: it must not make up records then.
 *
 * Every record is read and every field touched, twice (see read_all);
 * the reader must never crash or leak, and every error must come back as a filled struct
 * cm_error (msg.h: library code that parses untrusted text never exits).
 * The contract checks abort, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "colmap.h"
#include "csvin.h"
#include "enc.h"
#include "msg.h"

#define NAME	"fuzz.csv"
#define BLK	65536	/* enc.c's block and detection window */
#ifndef AFTER
#define AFTER	4	/* cm_csv_next calls after an error */
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cm_colmap *map;

/* The error contract: a data error with this input's name and a text. */
static void
check_error(const struct cm_error *err)
{
	if (err->status != CM_DATA || err->msg[0] == '\0' || err->line < 0)
		abort();
	/* The caller prints file:line with cm_die_error; it must be ours. */
	if (err->file == NULL || strcmp(err->file, NAME) != 0)
		abort();
}

static char
pick_delim(uint8_t b)
{
	static const char common[] = ",\t;|";

	if (b >= '0' && b <= '3')
		return common[b - '0'];
	if (b == '"' || b == '\n' || b == '\r' || b == '\0')
		return ',';
	return (char)b;
}

/* What a reading did, for comparing two: records, lines, the error. */
static void
note(struct cm_buf *t, const char *what, long n, const char *s, size_t len)
{
	cm_buf_printf(t, "%s %ld %zu:", what, n, len);
	cm_buf_add(t, s, len);
	cm_buf_addc(t, '\n');
}

static void
note_error(struct cm_buf *t, const struct cm_error *err)
{
	check_error(err);
	cm_buf_printf(t, "error %d %ld %ld ", err->status, err->line,
	    err->col);
	note(t, "msg", 0, err->msg, strlen(err->msg));
}

/* Read csv whole, as a command does, into the transcript t. */
static void
read_one(const uint8_t *csv, size_t len, const char *enc, char delim,
    int lines_only, struct cm_buf *t)
{
	struct cm_csv_opts o = {delim, enc, map};
	struct cm_error err;
	struct cm_csv *r;
	struct cm_in *in;
	size_t i, n;
	long line, prev;
	int rc, go_on;

	memset(&err, 0, sizeof(err));
	in = cm_in_open_mem(NAME, csv, len, enc, &err);
	if (in == NULL)
		abort();	/* every name above is one iconv knows */
	if ((r = cm_csv_open_in(in, &o, &err)) == NULL) {
		note_error(t, &err);
		return;
	}
	if (lines_only)
		cm_csv_lines_only(r);
	n = cm_csv_ncols(r);
	if (n == 0 || cm_csv_encoding(r) == NULL ||
	    strcmp(cm_csv_name(r), NAME) != 0)
		abort();
	for (i = 0; i < n; i++) {
		const char *name = cm_csv_colname(r, i);
		int j = cm_csv_col(r, name);

		/* A header name finds its column or an earlier twin. */
		if (j < 0 || (size_t)j > i ||
		    strcmp(cm_csv_colname(r, (size_t)j), name) != 0)
			abort();
		note(t, "column", (long)i, cm_csv_rawname(r, i),
		    strlen(cm_csv_rawname(r, i)));
	}
	prev = cm_csv_line(r);
	if (prev < 1)
		abort();
	while ((rc = cm_csv_next(r, &err)) == 1) {
		line = cm_csv_line(r);
		if (line < prev)
			abort();	/* physical lines never go back */
		prev = line;
		note(t, "record", line, "", 0);
		for (i = 0; i < n; i++) {
			const char *f = cm_csv_field(r, i);
			size_t fl = cm_csv_flen(r, i);

			if (f == NULL || f[fl] != '\0')
				abort();
			/* Every byte, so ASan checks the whole field. */
			note(t, "field", (long)i, f, fl);
		}
	}
	if (rc < 0) {
		note_error(t, &err);
		/* Still the last record handed out (or the header). */
		note(t, "line after error", cm_csv_line(r), "", 0);
		/*
		 * Only a row of the wrong length leaves the reader able to
		 * go on.  After any other error (bad quoting, undecodable
		 * bytes) the input past it is unknown: a record handed out
		 * then would be invented.
		 */
		go_on = strstr(err.msg, ", the header has ") != NULL;
		for (i = 0; i < AFTER; i++) {
			rc = cm_csv_next(r, &err);
			if (rc < 0) {
				note_error(t, &err);
				note(t, "line after error", cm_csv_line(r),
				    "", 0);
				go_on = go_on && strstr(err.msg,
				    ", the header has ") != NULL;
			} else if (rc == 1) {
				if (!go_on || cm_csv_line(r) < prev)
					abort();
				prev = cm_csv_line(r);
				note(t, "after", prev, cm_csv_field(r, n - 1),
				    cm_csv_flen(r, n - 1));
			} else
				break;
		}
	}
	cm_csv_close(r);
}

/*
 * Read csv twice: as commands do, and line by line through libcsv
 * alone (cm_csv_lines_only), the reference for the reader's fast paths
 * (runs of lines, lines without a quote cut without libcsv).  The two
 * must hand out the same records on the same lines and end with the
 * same error, cm_csv_line saying the same after it.
 */
static void
read_all(const uint8_t *csv, size_t len, const char *enc, char delim)
{
	struct cm_buf fast = {0}, ref = {0};

	read_one(csv, len, enc, delim, 0, &fast);
	read_one(csv, len, enc, delim, 1, &ref);
	if (fast.len != ref.len || memcmp(fast.s, ref.s, fast.len) != 0)
		abort();
	cm_buf_free(&fast);
	cm_buf_free(&ref);
}

/* Put code unit u at p: a byte, or two bytes in UTF-16's byte order. */
static void
put_unit(uint8_t *p, unsigned u, size_t w, int le)
{
	if (w == 1)
		p[0] = (uint8_t)u;
	else if (le)
		p[0] = (uint8_t)u, p[1] = (uint8_t)(u >> 8);
	else
		p[0] = (uint8_t)(u >> 8), p[1] = (uint8_t)u;
}

static unsigned
get_unit(const uint8_t *p, size_t w, int le)
{
	if (w == 1)
		return p[0];
	return le ? p[0] | (unsigned)p[1] << 8 : (unsigned)p[0] << 8 | p[1];
}

/*
 * The split form (bit 7 of byte 0): data[0..split), a blank line of CRs
 * ending just before 128 KiB, then the rest.  The CRs are one line, which
 * the reader skips in one pass (a line per byte would cost 128K trips
 * through libcsv a run).  They are written in the input's code units:
 * UTF-16 when it is read as UTF-16: big-endian after an FE FF BOM, else
 * little-endian, as glibc's iconv reads "UTF-16" without a BOM.  Inside
 * a quoted field the CRs would be 128 KiB of data for every run, which
 * only slows the fuzzer down: so the quote is closed first.
 */
static void
read_split(const uint8_t *data, size_t size, const char *enc, char delim,
    uint8_t b0, size_t split)
{
	int bom16 = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
	    (data[0] == 0xFE && data[1] == 0xFF));
	int u16 = b0 % 4 == 3 || (b0 % 4 == 0 && bom16);
	int le = !(bom16 && data[0] == 0xFE);
	size_t w = u16 ? 2 : 1, i, pad, units;
	unsigned q = 0;
	uint8_t *buf;

	if (split > size)
		split = size;
	split -= split % w;
	pad = 2 * BLK - ((b0 >> 2) & 31) * 4u - split;
	units = pad / w;
	if ((buf = malloc(size + pad)) == NULL)
		return;
	memcpy(buf, data, split);
	for (i = 0; i < split; i += w)
		q ^= get_unit(data + i, w, le) == '"';
	for (i = 0; i < units; i++)
		put_unit(buf + split + i * w, i == 0 && q ? '"' :
		    i == units - 1 ? '\n' : '\r', w, le);
	memcpy(buf + split + pad, data + split, size - split);
	read_all(buf, size + pad, enc, delim);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encs[] = {"auto", "utf-8", "gb18030",
	    "utf-16"};
	struct cm_error err;

	if (size < 2)
		return 0;
	if (map == NULL) {
		map = cm_colmap_new();
		if (cm_colmap_add(map, "总体评价=overall", &err) < 0 ||
		    cm_colmap_add(map, "客户名称=customer", &err) < 0 ||
		    cm_colmap_add(map, " Part No =part_no", &err) < 0)
			abort();
	}
	if (!(data[0] & 0x80))
		read_all(data + 2, size - 2, encs[data[0] % 4],
		    pick_delim(data[1]));
	else if (size >= 3)
		read_split(data + 3, size - 3, encs[data[0] % 4],
		    pick_delim(data[1]), data[0], data[2]);
	return 0;
}
