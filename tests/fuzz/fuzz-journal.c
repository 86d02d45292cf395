/*
 * fuzz-journal.c: libFuzzer harness for the journal's two record scanners
 * (journal.h): cm_journal_records, which finds where complete records end
 * (the repair of a register's log cuts there), and the damage-tolerant
 * reader cm_journal_rd_*, which hands the records out with their fields
 * (the audit and the history read through it).  They must agree, or a
 * repair and an audit would see different journals.
 *
 * Input layout, so that seed files stay readable text:
 *   byte 0: the fields a record must have: its low four bits, 1 to 15,
 *           0 meaning 14 (a property.csv row); '0' is 14, '6' is 6.  With
 *           bit 6 set ('@' to 'O') the file pass puts the journal behind
 *           a filler record, across the reader's window edges (see
 *           file_pass).
 *   rest:   the journal's bytes.
 *
 * Contracts checked (a broken one aborts, which libFuzzer reports):
 *   - from memory and from a file (a memfd, read through the window):
 *     the records the reader hands out are contiguous, and the complete
 *     ones end exactly where cm_journal_records says, one for one; the
 *     bytes after the last complete record come out as one torn record
 *     (torn, damaged) whose inq is the one cm_journal_records gives;
 *   - a UTF-8 BOM at offset 0 is skipped by the reader, so the scan
 *     starts after it; recline and line count the newlines before;
 *   - a limit shorter than the file reads that prefix only, a longer
 *     one ends where the file ends; a read from an offset inside the
 *     file reads the bytes from there as a journal of their own;
 *   - a record without damage has exactly nfields fields, and those
 *     fields written by cm_table_record (the journal's writer) read back
 *     as one undamaged record of the same fields, whose bytes the writer
 *     writes again the same; at offset 0 too when written as a header
 *     is (cm_csv_record's quote_first).
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csvout.h"
#include "journal.h"
#include "msg.h"
#include "table.h"

#define NAME	"fuzz.csv"
#define WINDOW	65536	/* rd_fill's first window */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The record ends cm_journal_records finds. */
struct ends {
	size_t *e;
	size_t n, cap;
};

static void
add_end(void *arg, size_t start, size_t end)
{
	struct ends *x = arg;

	if (end <= start)
		abort();
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		if ((x->e = realloc(x->e, x->cap * sizeof(*x->e))) == NULL)
			abort();
	}
	x->e[x->n++] = end;
}

static size_t
bom(const char *m, size_t len)
{
	return len >= 3 && memcmp(m, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

static long
newlines(const char *m, size_t from, size_t to)
{
	long k = 0;

	for (; from < to; from++)
		k += m[from] == '\n';
	return k;
}

/*
 * b, written from f, read back at offset base of a file: one sound record
 * of the same fields, which written again gives the same bytes.
 */
static void
read_back(const struct cm_buf *b, const char **f, size_t nfields,
    off_t base, int quote_first)
{
	struct cm_journal_rd e;
	struct cm_error err;
	struct cm_buf b2 = {0};
	size_t i;

	if (b->len == 0 || b->s[b->len - 1] != '\n')
		abort();
	cm_journal_rd_mem(&e, b->s, b->len, base, 1, nfields);
	if (cm_journal_rd_next(&e, NAME, &err) != 1 || e.damage != NULL ||
	    e.torn || e.nf != nfields || e.end != base + (off_t)b->len)
		abort();
	for (i = 0; i < nfields; i++) {
		if (strcmp(cm_journal_rd_get(&e, i), f[i]) != 0 ||
		    !cm_journal_rd_whole(&e, i))
			abort();
		f[i] = cm_journal_rd_get(&e, i);
	}
	cm_csv_record(&b2, f, nfields, ',', quote_first);
	if (b2.len != b->len || memcmp(b2.s, b->s, b->len) != 0)
		abort();
	if (cm_journal_rd_next(&e, NAME, &err) != 0)
		abort();	/* one record, nothing after it */
	cm_journal_rd_free(&e);
	cm_buf_free(&b2);
}

/*
 * Fields of a sound record round-trip through the writer: as a record
 * past the start of the journal (cm_table_record, the rows), and as its
 * first record (quote_first, as a header is written: unquoted, a first
 * field that starts with U+FEFF would read back as a BOM and vanish).
 */
static void
round_trip(const struct cm_journal_rd *d)
{
	struct cm_buf b = {0};
	const char **f = malloc(d->nfields * sizeof(*f));
	size_t i;

	if (f == NULL)
		abort();
	for (i = 0; i < d->nfields; i++)
		f[i] = cm_journal_rd_get(d, i);
	cm_table_record(&b, f, d->nfields, ',');
	read_back(&b, f, d->nfields, 1, 0);
	for (i = 0; i < d->nfields; i++)
		f[i] = cm_journal_rd_get(d, i);
	cm_buf_reset(&b);
	cm_csv_record(&b, f, d->nfields, ',', 1);
	read_back(&b, f, d->nfields, 0, 1);
	cm_buf_free(&b);
	free(f);
}

/*
 * Read everything d hands out and hold it to cm_journal_records over the
 * same bytes m[0..len) (which stand at file offset base).
 */
static void
agree(struct cm_journal_rd *d, const char *m, size_t len, off_t base,
    int trip)
{
	struct cm_error err;
	struct ends x = {0};
	size_t from = base == 0 ? bom(m, len) : 0, last, k = 0, at = from;
	long line = 1 + newlines(m, 0, from);
	int inq, rc;

	last = cm_journal_records(m, from, len, d->nfields, add_end, &x, &inq,
	    NULL);
	if (last < from || last > len || (x.n > 0 && x.e[x.n - 1] != last) ||
	    (x.n == 0 && last != from))
		abort();
	if (last == len && inq)
		abort();	/* nothing after: nothing inside quotes */
	while ((rc = cm_journal_rd_next(d, NAME, &err)) == 1) {
		if (d->off != base + (off_t)at || d->end <= d->off ||
		    d->end > base + (off_t)len ||
		    d->raw[0] != m[at] || d->raw[d->end - d->off - 1] !=
		    m[d->end - base - 1])
			abort();
		if (d->recline != line)
			abort();
		line += newlines(m, at, (size_t)(d->end - base));
		if (d->line != line)
			abort();
		if (k < x.n) {
			/* A complete record: where the scan ended one. */
			if (d->end != base + (off_t)x.e[k] || d->torn ||
			    d->raw[d->end - d->off - 1] != '\n')
				abort();
			if (d->damage == NULL) {
				if (d->nf != d->nfields)
					abort();
				if (trip)
					round_trip(d);
			}
		} else {
			/* The tail after the last complete record, once. */
			if (k != x.n || d->off != base + (off_t)last ||
			    d->end != base + (off_t)len || !d->torn ||
			    d->inq != inq || d->damage == NULL)
				abort();
		}
		at = (size_t)(d->end - base);
		k++;
	}
	if (rc != 0)
		abort();	/* memory and memfds do not fail */
	/* Every complete record handed out, and a tail iff there is one. */
	if (k != x.n + (last < len) || at != len)
		abort();
	free(x.e);
}

static void
mem_pass(const char *m, size_t len, size_t nfields)
{
	struct cm_journal_rd d;

	cm_journal_rd_mem(&d, m, len, 0, 1, nfields);
	agree(&d, m, len, 0, 1);
	cm_journal_rd_free(&d);
	/*
	 * A span that stands further into its file (a reader that starts
	 * at the committed offset): no BOM there, offsets shifted.
	 */
	cm_journal_rd_mem(&d, m, len, 1000, 1, nfields);
	agree(&d, m, len, 1000, 0);
	cm_journal_rd_free(&d);
}

/*
 * The reader over limit bytes of fd from offset at (which it takes for
 * offset 0, line 1) agrees on m[0..want), the bytes from there.
 */
static void
file_read(int fd, off_t at, off_t limit, const char *m, size_t want,
    size_t nfields)
{
	struct cm_journal_rd d;

	if (lseek(fd, at, SEEK_SET) != at)
		abort();
	cm_journal_rd_file(&d, fd, limit, nfields);
	agree(&d, m, want, 0, 0);
	if (cm_journal_rd_seen(&d) != (off_t)want)
		abort();
	cm_journal_rd_free(&d);
}

/*
 * The same bytes from a file, read through the window: whole, up to a
 * limit inside it, with a limit past its end, and from a third of the
 * way in.  With pad (bit 6 of
 * byte 0), a record of filler comes first, longer than the first window
 * so that the window grows, and ending where the input's middle meets
 * the grown window's edge: records straddle both.
 */
static void
file_pass(const char *m, size_t len, size_t nfields, int pad)
{
	char *big = NULL;
	size_t n = len, i, fill;
	int fd;

	if (pad) {
		fill = 2 * WINDOW - len / 2;
		n = fill + len;
		if ((big = malloc(n)) == NULL)
			abort();
		memset(big, 'a', fill - 1);
		big[fill - 1] = '\n';
		memcpy(big + fill, m, len);
		m = big;
	}
	if ((fd = memfd_create("fuzz-journal", MFD_CLOEXEC)) < 0)
		abort();
	for (i = 0; i < n; ) {
		ssize_t w = write(fd, m + i, n - i);

		if (w <= 0)
			abort();
		i += (size_t)w;
	}
	file_read(fd, 0, (off_t)n, m, n, nfields);
	file_read(fd, 0, (off_t)n + 7, m, n, nfields);
	file_read(fd, 0, (off_t)(n / 2), m, n / 2, nfields);
	file_read(fd, (off_t)(n / 3), (off_t)n, m + n / 3, n - n / 3,
	    nfields);
	close(fd);
	free(big);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t nfields;
	char *m;

	if (size < 1)
		return 0;
	nfields = data[0] & 0x0f ? data[0] & 0x0f : 14;
	/* A copy of its own size, so ASan sees any read past the end. */
	if ((m = malloc(size - 1 ? size - 1 : 1)) == NULL)
		abort();
	memcpy(m, data + 1, size - 1);
	mem_pass(m, size - 1, nfields);
	file_pass(m, size - 1, nfields, data[0] & 0x40);
	free(m);
	return 0;
}
