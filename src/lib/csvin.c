/*
 * csvin.c: the one CSV reader (see csvin.h).
 *
 * libcsv is a push parser: it takes bytes and calls back per field and per
 * record.  To give commands a pull interface (one record at a time) and
 * exact physical line numbers, the decoded input is fed to libcsv one line
 * at a time (LF, CRLF or a bare CR ends one); the record a line completes
 * waits in a small queue.
 * Memory is therefore bounded by the longest record, not by the input,
 * and the longest record by bounds.h: feeding line by line is also where
 * the record's size is counted, and a NUL byte and a bare CR are looked
 * for once per decoded block, so that on_field, which runs for every cell, does
 * neither.
 *
 * Feeding a line at a time cost a call, a line search and its checks per
 * record, so where the outcome is sure to be the same the reader takes a
 * whole run of lines at once instead (feed_run), and the records of the
 * run wait in the queue together: memory is then bounded by the decoded
 * block as well.  Line-by-line feeding (feed) stays for the header and
 * for whatever a run cannot take: NUL bytes, bare CRs, a quoted field
 * that goes on past the block, records near the size limit.
 *
 * In a run, the records are cut into cells here (split_lines) rather
 * than by libcsv, which spends some forty instructions a byte, copying
 * each byte and then handing over each cell to be copied again: the run
 * is copied once and cut in place.  That is only done where the outcome
 * is plain (one line a record; quoted cells that end in a quote), and a
 * record that is not (a quoted line break; a stray quote, or anything
 * else libcsv would refuse) is still read by libcsv, which says what is
 * wrong with it.  The cutting knows the well-formed case only; libcsv
 * stays the judge of the rest, and cm_csv_lines_only, which turns runs
 * off, is the reference that t-csvin and fuzz-csv hold the fast path to
 * on every input they read.  (The speed targets asked for it: a
 * bare libcsv pass alone is only 5.6 times faster than Miller on the
 * complaint register, where cm-complaint overdue must be 5 times.)
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "csvin.h"
#include "i18n.h"
#include "strset.h"
#include "xalloc.h"

/* libcsv's public parser state before the first byte of a record. */
#define ROW_NOT_BEGUN 0
/* The least libcsv grows a field's buffer by (see grow_fields). */
#define FIELD_BLK 4096
/* Bytes on_field may move for a short cell (see there). */
#define COPY_SLACK 16
/* Bytes split_lines may read past the lines it cuts (see stops). */
#define SCAN 16

struct record {
	size_t first;	/* index into fields */
	size_t nf;
	long line;
};

struct cm_csv {
	struct cm_csv_view view;	/* first: see csvin.h */
	struct cm_in *in;
	struct csv_parser p;
	int failed;		/* an error was returned; error holds it */
	struct cm_error error;
	char delim;
	int eof;

	const char *blk;	/* decoded block being fed */
	size_t blen, bpos;
	const char *nul;	/* the block's first NUL byte, or NULL */
	const char *lonecr;	/* its next bare CR (see lone_cr), or NULL */
	long line;		/* physical line of the next byte fed */
	int cr_pending;		/* the last byte fed was a CR ending a line */
	long start;		/* line where the record being parsed began */
	size_t recbytes;	/* bytes fed of the record being parsed */
	size_t max_record, max_fields;
	long overfull;		/* line of a record past max_fields, or 0 */
	size_t overfull_at;	/* its place in the queue (run mode) */
	int run;		/* feed_run feeds: on_record counts lines */
	int run_quotes;		/* the run has an LF inside quotes */
	int lines_only;		/* no run again before the next block */
	int no_runs;		/* never a run: cm_csv_lines_only */
	int opened;		/* the header is read: runs may start */
	int pend;		/* an error waits for the queue to reach... */
	size_t pend_at;		/* ...this record, not handed out */
	struct cm_error perr;
	int got_record;		/* the header has been parsed */

	struct cm_buf data;	/* field bytes of queued records, NULs */
	struct cm_csv_field *f;
	size_t nf, fcap;
	struct record *q;
	size_t qn, qcap, qhead;
	size_t rec_first;	/* first field of the record being parsed */
	/*
	 * The record handed out last, a copy: a run may queue records past
	 * a pending error, moving the queue or reusing its slots, and
	 * cm_csv_line must still say this record's line after the error.
	 */
	struct record cur;

	const struct cm_colmap *map;
	char **names, **raw;
	size_t ncols;
};

static int
never_space(unsigned char c)
{
	/* Fields are handed over untouched: a space is data. */
	(void)c;
	return 0;
}

/* Append a cell of len bytes at s to the record. */
static inline void
add_field(struct cm_csv *r, const void *s, size_t len)
{
	size_t at = r->data.len;
	char *to = r->data.s + at;

	r->f[r->nf].off = at;
	r->f[r->nf].len = len;
	r->nf++;
	r->data.len = at + len + 1;
	/*
	 * A short cell (most are: a rating, a date) is moved as one fixed
	 * COPY_SLACK-byte block, two loads and two stores rather than a
	 * call: s is libcsv's field buffer, never shorter than FIELD_BLK,
	 * and the arena keeps COPY_SLACK bytes of room past the cell.
	 */
	if (len < COPY_SLACK && r->p.entry_size >= COPY_SLACK) {
		memcpy(to, s, COPY_SLACK);
		to[len] = '\0';
	} else {
		/* Last, so that it is a jump: nothing to save around it. */
		to[len] = '\0';
		memcpy(to, s, len);
	}
}

/* on_field when the arena must grow first, out of line. */
static __attribute__((noinline)) void
grow_add_field(struct cm_csv *r, const void *s, size_t len)
{
	r->f = xgrow(r->f, &r->fcap, r->nf + 1, sizeof(*r->f));
	r->data.s = xgrow(r->data.s, &r->data.cap,
	    r->data.len + len + COPY_SLACK, 1);
	add_field(r, s, len);
}

/*
 * Called for every cell of the input, so kept a leaf whose every call
 * is a jump at the end (growth included): no register to save.
 */
static void
on_field(void *s, size_t len, void *arg)
{
	struct cm_csv *r = arg;

	if (__builtin_expect(r->nf == r->fcap ||
	    r->data.cap - r->data.len < len + COPY_SLACK, 0))
		grow_add_field(r, s, len);
	else
		add_field(r, s, len);
}

/* LFs in s[0..n). */
static long
count_lf(const char *s, size_t n)
{
	const char *end = s + n;
	long c = 0;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		c++;
		s++;
	}
	return c;
}

/*
 * LFs in the fields of the record being parsed before field upto, all
 * of them handed over by libcsv.  In a run, which has no bare CR, an
 * LF outside quotes ends the record: these are its line breaks so far.
 */
static long
record_lf(const struct cm_csv *r, size_t upto)
{
	long c = 0;

	if (upto > r->rec_first)
		c = count_lf(r->data.s + r->f[r->rec_first].off,
		    r->f[upto - 1].off + r->f[upto - 1].len -
		    r->f[r->rec_first].off);
	return c;
}

/* The fields from rec_first on make a record, which starts at line. */
static void
queue_record(struct cm_csv *r, long line)
{
	if (r->nf - r->rec_first > r->max_fields && r->overfull == 0) {
		r->overfull = line;
		r->overfull_at = r->qn;
	}
	/* Harmless now that a bare CR ends a fed line too: see feed. */
	r->recbytes = 0;
	r->got_record = 1;
	r->q = xgrow(r->q, &r->qcap, r->qn + 1, sizeof(*r->q));
	r->q[r->qn].first = r->rec_first;
	r->q[r->qn].nf = r->nf - r->rec_first;
	r->q[r->qn].line = line;
	r->qn++;
	r->rec_first = r->nf;
}

static void
on_record(int c, void *arg)
{
	struct cm_csv *r = arg;

	/*
	 * CSV_REPALL_NL: a line break outside a record (a blank line, the
	 * LF of a CRLF) comes here too, with no field.  Only a run counts
	 * lines this way: it has no bare CR, so an LF is one line.
	 */
	if (r->nf == r->rec_first) {
		if (r->run && c == '\n')
			r->line++;
		return;
	}
	if (r->run) {
		r->start = r->line;
		r->line += (r->run_quotes ? record_lf(r, r->nf) : 0) +
		    (c == '\n');
	}
	queue_record(r, r->start);
}

static int
parse_error(struct cm_csv *r, struct cm_error *err, long line,
    const char *what)
{
	return cm_error_set(err, CM_DATA, cm_in_name(r->in), line, 0,
	    "%s in field %zu", what, r->nf - r->rec_first + 1);
}

/*
 * libcsv grows the buffer of the field it is reading by blk_size bytes at
 * a time, 128 unless told: a 10 MB field took 80,000 reallocs, each a copy
 * under an allocator that cannot grow in place (ASan's), so minutes.
 * Growing by the size it already has makes the growth geometric.  Set
 * before each line, as libcsv reads blk_size at every growth.
 */
static void
grow_fields(struct cm_csv *r)
{
	if (r->p.entry_size > r->p.blk_size)
		csv_set_blk_size(&r->p, r->p.entry_size);
}

/* At line:field, as cm_table_load said it before the reader did. */
static int
nul_error(struct cm_csv *r, struct cm_error *err)
{
	size_t field = r->nf - r->rec_first + 1;

	return cm_error_set(err, CM_DATA, cm_in_name(r->in), r->line,
	    (long)field, r->got_record ? _("NUL byte in field %zu") :
	    _("NUL byte in field %zu of the header"), field);
}

/*
 * The first CR of s[0..n) that is not the start of a CRLF (one at the end
 * counts: what follows is not known yet), or NULL.  Looked for once per
 * decoded block, and again past each one found, so that LF and CRLF
 * files pay one memchr a block (and one a CR) rather than one a line.
 */
static const char *
lone_cr(const char *s, size_t n)
{
	const char *end = s + n;

	while ((s = memchr(s, '\r', (size_t)(end - s))) != NULL) {
		if (s + 1 == end || s[1] != '\n')
			return s;
		s += 2;
	}
	return NULL;
}

/*
 * Feed the next line (or the rest of the block) to libcsv, or the part
 * of it before a NUL byte.  The bytes of a record are counted line by
 * line, so a record is refused before the line that would take it past
 * max_record is parsed.  The count starts again at each line that starts
 * a record.  A bare CR ends a fed line as an LF does, so no fed line
 * holds the end of one record and the start of the next.
 */
static int
feed(struct cm_csv *r, struct cm_error *err)
{
	const char *s = r->blk + r->bpos;
	size_t n = r->blen - r->bpos;
	const char *nl = memchr(s, '\n', n);
	size_t len = nl ? (size_t)(nl - s) + 1 : n;
	const char *cr = r->lonecr;
	size_t cut;
	int eol = nl != NULL;

	/*
	 * A bare CR ends a line too (old Mac files), else every record of
	 * such a file would be line 1.  A CR at the end of a block may be
	 * the first half of a CRLF, so the line is counted at the CR and an
	 * LF that comes next counts for nothing.
	 */
	if (r->cr_pending && s[0] == '\n') {
		len = 1;
		eol = 0;
	} else if (cr != NULL && (size_t)(cr - s) < len) {
		len = (size_t)(cr - s) + 1;
		eol = 1;
	}
	r->cr_pending = cr != NULL && cr == s + len - 1;
	cut = len;

	if (r->nul != NULL && (size_t)(r->nul - s) < len)
		cut = (size_t)(r->nul - s);
	if (r->p.pstate == ROW_NOT_BEGUN) {
		r->recbytes = 0;
		if (!(len == 1 && s[0] == '\n') &&
		    !(len == 2 && s[0] == '\r' && s[1] == '\n') &&
		    !(len == 1 && s[0] == '\r'))
			r->start = r->line;
	}
	if (cut > r->max_record - r->recbytes)
		return cm_error_set(err, CM_DATA, cm_in_name(r->in), r->start,
		    0, "record longer than %zu bytes", r->max_record);
	grow_fields(r);
	/*
	 * libcsv trims spaces and tabs around unquoted fields unless given a
	 * space function, and calling one costs a quarter of the parse.  A
	 * line without spaces (or tabs, unless they delimit) has nothing to
	 * trim, so only lines that do have them pay for the call.
	 */
	csv_set_space_func(&r->p, memchr(s, ' ', cut) != NULL ||
	    (r->delim != '\t' && memchr(s, '\t', cut) != NULL) ?
	    never_space : NULL);
	if (csv_parse(&r->p, s, cut, on_field, on_record, r) != cut)
		return parse_error(r, err, r->line,
		    csv_error(&r->p) == CSV_EPARSE ?
		    _("misplaced quote") : _("parser failure"));
	r->recbytes += cut;
	if (r->overfull == 0 && r->nf - r->rec_first > r->max_fields)
		r->overfull = r->start;
	if (r->overfull != 0)
		return cm_error_set(err, CM_DATA, cm_in_name(r->in),
		    r->overfull, 0, "record of more than %zu fields",
		    r->max_fields);
	if (cut < len)
		return nul_error(r, err);
	r->bpos += len;
	if (eol)
		r->line++;
	if (r->cr_pending)
		r->lonecr = lone_cr(r->blk + r->bpos, r->blen - r->bpos);
	return 0;
}

/*
 * The next of c1 and c2 (c2 may be c1) in [s, end), or NULL.
 */
static const char *
next_of(const char *s, const char *end, char c1, char c2)
{
	const char *a = memchr(s, c1, (size_t)(end - s)), *b;

	if (c2 == c1)
		return a;
	b = memchr(s, c2, (size_t)(a ? a - s : end - s));
	return b ? b : a;
}

/*
 * Whether an LF of s[0..n) stands inside quotes and whether
 * a space or a tab (unless it is the delimiter) stands outside them,
 * reckoned by the parity of the quotes before it.  Until libcsv's first
 * error that parity is exactly whether the byte is inside a quoted
 * field, the one state where libcsv never asks its space function: a
 * run whose blanks are all inside quotes parses alike with and without
 * never_space, and the cheaper way is taken.
 */
static void
scan_quotes(const char *s, size_t n, char delim, int *lf_in,
    int *blank_out)
{
	const char *end = s + n, *q, *q2, *b;
	char tab = delim == '\t' ? ' ' : '\t';
	size_t quotes = 0;

	*lf_in = *blank_out = 0;
	for (q = memchr(s, '"', n); q != NULL; q = q2) {
		q2 = memchr(q + 1, '"', (size_t)(end - q - 1));
		if (++quotes % 2 != 0 && !*lf_in &&
		    memchr(q, '\n', (size_t)((q2 ? q2 : end) - q)) != NULL)
			*lf_in = 1;
	}
	q = memchr(s, '"', n);
	quotes = 0;
	for (b = next_of(s, end, ' ', tab); b != NULL;) {
		if (q != NULL && q < b) {
			quotes++;
			q = memchr(q + 1, '"', (size_t)(end - q - 1));
		} else if (quotes % 2 == 0) {
			*blank_out = 1;
			break;
		} else
			b = next_of(b + 1, end, ' ', tab);
	}
}

/* Keep err to be said when the queue reaches record at. */
static void
pend_error(struct cm_csv *r, size_t at, const struct cm_error *err)
{
	r->pend = 1;
	r->pend_at = at;
	cm_error_copy(&r->perr, err);
}

/*
 * Whether s[0..n) holds an odd number of quotes.  The parity of the
 * count is the parity of the XOR of every block's mask of quotes: a
 * memchr a quote cost a file with every field quoted a fifth of its
 * reading.
 */
static int
odd_quotes(const char *s, size_t n)
{
	unsigned acc = 0;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"');

	for (; n - i >= 16; i += 16)
		acc ^= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)),
		    quote));
#endif
	for (; i < n; i++)
		acc ^= s[i] == '"';
	return __builtin_parity(acc);
}

/*
 * s[0..len) ends in an LF and holds an odd number of quotes, so a
 * quoted field goes on past it (as libcsv reads quotes until its first
 * error: scan_quotes).  The length up to the last LF outside quotes, by
 * their parity, or 0 when there is none: the stretches with an even
 * number of quotes before them are searched from the end.  A block that
 * ends inside a quoted field then goes line by line only from the
 * record that holds it.
 */
static size_t
even_end(const char *s, size_t len)
{
	const char *hi = memrchr(s, '"', len), *lo, *from, *lf;

	while (hi != NULL) {
		lo = memrchr(s, '"', (size_t)(hi - s));
		from = lo ? lo + 1 : s;
		if ((lf = memrchr(from, '\n', (size_t)(hi - from))) != NULL)
			return (size_t)(lf - s) + 1;
		if (lo == NULL)
			break;
		hi = memrchr(s, '"', (size_t)(lo - s));
	}
	return 0;
}

/*
 * Feed libcsv the lines s[0..n) of a run in one call (see feed_run).
 * They start and, by the parity of their quotes, end between records.
 * Line numbers come from on_record, and an error's line from the offset
 * libcsv stops at.  Returns -1 when an error now waits in the queue.
 */
static int
parse_lines(struct cm_csv *r, const char *s, size_t n)
{
	long line0 = r->line, fline;
	size_t got, at;
	int lf_in, blank_out;
	struct cm_error e;

	scan_quotes(s, n, r->delim, &lf_in, &blank_out);
	grow_fields(r);
	csv_set_space_func(&r->p, blank_out ? never_space : NULL);
	r->run = 1;
	r->run_quotes = lf_in;
	got = csv_parse(&r->p, s, n, on_field, on_record, r);
	r->run = 0;
	if (got == n)
		return 0;
	fline = line0 + count_lf(s, got);
	at = r->qn;
	if (r->overfull != 0) {
		at = r->overfull_at;
		cm_error_set(&e, CM_DATA, cm_in_name(r->in), r->overfull, 0,
		    "record of more than %zu fields", r->max_fields);
	} else if (r->nf - r->rec_first > r->max_fields &&
	    r->line + record_lf(r, r->rec_first + r->max_fields + 1) < fline)
		cm_error_set(&e, CM_DATA, cm_in_name(r->in), r->line, 0,
		    "record of more than %zu fields", r->max_fields);
	else
		parse_error(r, &e, fline, csv_error(&r->p) == CSV_EPARSE ?
		    _("misplaced quote") : _("parser failure"));
	pend_error(r, at, &e);
	return -1;
}

/*
 * The delimiters, LFs and quotes among the SCAN bytes at p, as a bit
 * mask (bit i for p[i]).  Bytes past the end of the lines are read as
 * well (the arena keeps SCAN bytes of room) and cleared by the caller.
 */
#ifdef __SSE2__
typedef __m128i stop_set;

static inline stop_set
stop_byte(char c)
{
	return _mm_set1_epi8(c);
}

static inline unsigned
stops(const char *p, stop_set delim, stop_set lf, stop_set quote)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(x, delim), _mm_cmpeq_epi8(x, lf)),
	    _mm_cmpeq_epi8(x, quote)));
}
#else
typedef char stop_set;

static inline stop_set
stop_byte(char c)
{
	return c;
}

static inline unsigned
stops(const char *p, stop_set delim, stop_set lf, stop_set quote)
{
	unsigned m = 0, i;

	for (i = 0; i < SCAN; i++)
		if (p[i] == delim || p[i] == lf || p[i] == quote)
			m |= 1u << i;
	return m;
}
#endif

/* Per cell, and gcc would not inline it: a call a cell cost 9%. */
static inline __attribute__((always_inline)) void
add_cell(struct cm_csv *r, const char *base, char *cell, size_t len)
{
	if (__builtin_expect(r->nf == r->fcap, 0))
		r->f = xgrow(r->f, &r->fcap, r->nf + 1, sizeof(*r->f));
	cell[len] = '\0';
	r->f[r->nf].off = (size_t)(cell - base);
	r->f[r->nf].len = len;
	r->nf++;
}

/* A quoted cell's text s[0..end) with each doubled quote made one. */
static size_t
unquote(char *s, const char *end)
{
	const char *p;
	char *w = s;

	for (p = s; p < end; p++) {
		*w++ = *p;
		if (*p == '"')
			p++;
	}
	return (size_t)(w - s);
}

/*
 * Cut the lines of a run, copied into the arena at data.s[at..at+n), into
 * records in place, without libcsv; each delimiter, closing quote and
 * line break becomes the NUL that ends its cell.  Stops at the first line
 * that is not plain, and leaves it to libcsv: a quoted field with a line
 * break in it, a quote that neither starts a cell nor doubles one inside
 * a quoted cell, a closing quote that no delimiter or line break follows.
 * On the lines it cuts what libcsv does is plain: a delimiter ends a
 * cell and an LF a line, a CR just before it belongs to the line break,
 * a line with no byte before its break is blank, a cell that starts with
 * a quote ends at the quote that no other quote follows, its doubled
 * quotes are one, and nothing is trimmed (never_space; a run has no bare
 * CR and no NUL).  Returns the bytes cut: n, or where the line left to
 * libcsv starts.
 */
static size_t
split_lines(struct cm_csv *r, size_t at, size_t n)
{
	const char *base = r->data.s, *skip = NULL;
	char *d = r->data.s + at, *end = d + n, *p, *h, *cell, *line, *cq = NULL;
	stop_set delim = stop_byte(r->delim), lf = stop_byte('\n'),
	    quote = stop_byte('"');
	enum { BARE, QUOTED, CLOSED } state = BARE;
	int doubled = 0;
	unsigned m;
	size_t len;
	char c;

	line = cell = d;
	for (p = d; p < end; p += SCAN) {
		m = stops(p, delim, lf, quote);
		if (end - p < SCAN)
			m &= (1u << (end - p)) - 1;
		for (; m != 0; m &= m - 1) {
			h = p + __builtin_ctz(m);
			if (h < skip)
				continue;
			c = *h;		/* add_cell makes it a NUL */
			if (state == QUOTED) {
				if (c == '\n')
					goto libcsv;
				if (c != '"')
					continue;
				/* A run ends in an LF: h[1] is there. */
				if (h[1] == '"') {
					doubled = 1;
					skip = h + 2;
				} else {
					state = CLOSED;
					cq = h;
				}
				continue;
			}
			if (c == '"') {
				if (state == CLOSED || h != cell)
					goto libcsv;
				state = QUOTED;
				continue;
			}
			if (state == CLOSED) {
				if (h != cq + 1 && !(c == '\n' &&
				    h == cq + 2 && cq[1] == '\r'))
					goto libcsv;
				cell++;
				len = doubled ? unquote(cell, cq) :
				    (size_t)(cq - cell);
				doubled = 0;
				state = BARE;
			} else {
				len = (size_t)(h - cell);
				if (c == '\n' && len > 0 && h[-1] == '\r')
					len--;
				if (c == '\n' && len == 0 &&
				    r->nf == r->rec_first) {
					/* A blank line. */
					r->line++;
					line = cell = h + 1;
					continue;
				}
			}
			add_cell(r, base, cell, len);
			cell = h + 1;
			if (c == '\n') {
				queue_record(r, r->line);
				r->line++;
				line = cell;
			}
		}
	}
	return n;
libcsv:
	r->nf = r->rec_first;
	return (size_t)(line - d);
}

/*
 * s starts a line between records, in a run of whole lines up to end
 * that holds an even number of quotes from s on.  The end of the line
 * that ends the record starting at s: past the first line break outside
 * quotes, by their parity (as in scan_quotes).
 */
static const char *
record_end(const char *s, const char *end)
{
	const char *p = s, *q, *lf;

	for (;;) {
		q = memchr(p, '"', (size_t)(end - p));
		lf = memchr(p, '\n', (size_t)((q ? q : end) - p));
		if (lf != NULL)
			return lf + 1;
		if (q == NULL ||
		    (q = memchr(q + 1, '"', (size_t)(end - q - 1))) == NULL)
			return end;
		p = q + 1;
	}
}

/*
 * Read the longest run of whole lines from bpos that feed() would have
 * fed one by one with the same outcome: it must start between records,
 * hold no NUL and no bare CR, be no longer than max_record (so no
 * record in it is too long) and hold an even number of quotes, so that
 * it ends between records too.  The run is copied into the arena and
 * cut there by split_lines; each record it leaves (with a quoted line
 * break, or not well formed) is fed to libcsv from the block.  Records
 * before an error are handed out first, as feed() would have.  Returns
 * 1 when it read a run, 0 when feed() must take the next line.
 */
static int
feed_run(struct cm_csv *r)
{
	const char *s = r->blk + r->bpos, *end, *q;
	size_t n = r->blen - r->bpos, len, at, off;
	struct cm_error e;

	/*
	 * The header goes line by line, so that a run reads no record
	 * before cm_csv_set_limits can lower the limits.
	 */
	if (r->no_runs || !r->opened || r->lines_only ||
	    r->p.pstate != ROW_NOT_BEGUN || r->cr_pending)
		return 0;
	if (n > r->max_record)
		n = r->max_record;
	if (r->nul != NULL && (size_t)(r->nul - s) < n)
		n = (size_t)(r->nul - s);
	if (r->lonecr != NULL && (size_t)(r->lonecr - s) < n)
		n = (size_t)(r->lonecr - s);
	if ((q = memrchr(s, '\n', n)) == NULL)
		return 0;
	len = (size_t)(q - s) + 1;
	if (odd_quotes(s, len) && (len = even_end(s, len)) == 0) {
		/* A quoted field goes on past the run: lines, to the end. */
		r->lines_only = 1;
		return 0;
	}
	r->bpos += len;
	r->recbytes = 0;
	end = s + len;
	r->data.s = xgrow(r->data.s, &r->data.cap, r->data.len + len + SCAN,
	    1);
	at = r->data.len;
	memcpy(r->data.s + at, s, len);
	r->data.len += len;
	for (off = 0; r->overfull == 0; off = (size_t)(q - s)) {
		off += split_lines(r, at + off, len - off);
		if (off == len || r->overfull != 0)
			break;
		q = record_end(s + off, end);
		if (parse_lines(r, s + off, (size_t)(q - s - off)) < 0)
			return 1;
	}
	if (r->overfull != 0) {
		cm_error_set(&e, CM_DATA, cm_in_name(r->in), r->overfull, 0,
		    "record of more than %zu fields", r->max_fields);
		pend_error(r, r->overfull_at, &e);
	}
	return 1;
}

/* Make at least one record wait in the queue; 0 when input has ended. */
static int
fill(struct cm_csv *r, struct cm_error *err)
{
	int rc;

	if (r->pend && r->qhead == r->pend_at) {
		cm_error_copy(err, &r->perr);
		return -1;
	}
	if (r->qhead == r->qn) {
		/* Everything handed out: start the arena over. */
		size_t keep = r->nf - r->rec_first;

		if (keep > 0)
			memmove(r->f, r->f + r->rec_first,
			    keep * sizeof(*r->f));
		r->nf = keep;
		r->rec_first = 0;
		if (keep == 0)
			cm_buf_reset(&r->data);
		r->qn = r->qhead = 0;
	}
	while (r->qhead == r->qn) {
		if (r->eof)
			return 0;
		if (r->pend)
			break;
		if (r->bpos < r->blen) {
			if ((rc = feed_run(r)) == 0)
				rc = feed(r, err);
			if (rc < 0)
				return -1;
			continue;
		}
		rc = cm_in_read(r->in, &r->blk, &r->blen, err);
		r->bpos = 0;
		r->lines_only = 0;
		if (rc < 0)
			return -1;
		/* Once a block, not once a cell: see the top of this file. */
		r->nul = rc > 0 ? memchr(r->blk, '\0', r->blen) : NULL;
		r->lonecr = rc > 0 ? lone_cr(r->blk, r->blen) : NULL;
		if (rc == 0) {
			r->eof = 1;
			r->blen = 0;
			if (csv_fini(&r->p, on_field, on_record, r) != 0)
				return parse_error(r, err, r->start,
				    _("unterminated quoted field"));
		}
	}
	if (r->pend && r->qhead == r->pend_at) {
		cm_error_copy(err, &r->perr);
		return -1;
	}
	return 1;
}

/*
 * Whether every cell of rec is empty: the rows of bare delimiters that
 * Excel leaves below a table, which are blank lines, not records.
 */
static int
all_empty(const struct cm_csv *r, const struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->nf; i++)
		if (r->f[rec->first + i].len != 0)
			return 0;
	return 1;
}

static int
next(struct cm_csv *r, struct cm_error *err)
{
	int rc;

	do {
		if ((rc = fill(r, err)) <= 0)
			return rc;
		r->cur = r->q[r->qhead++];
	} while (all_empty(r, &r->cur));
	r->view.data = r->data.s;
	r->view.f = r->f + r->cur.first;
	return 1;
}

/*
 * The header's names, mapped.  Two columns with one name would make one
 * of them unreachable by name: an error, found with a hash set, as a
 * header may have a million columns.
 */
static int
read_header(struct cm_csv *r, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	struct cm_strset *seen;
	size_t i, j;
	int rc;

	if ((rc = next(r, err)) < 0)
		return -1;
	if (rc == 0)
		return cm_error_set(err, CM_DATA, cm_in_name(r->in), 0, 0,
		    "empty input: no header row");
	r->ncols = r->cur.nf;
	r->names = xcalloc(r->ncols, sizeof(char *));
	r->raw = xcalloc(r->ncols, sizeof(char *));
	seen = cm_strset_new();
	for (i = 0; i < r->ncols; i++) {
		const char *s = cm_csv_field(r, i);
		char *buf = xmalloc(cm_csv_flen(r, i) + 1);

		r->raw[i] = xstrdup(s);
		r->names[i] = xstrdup(cm_colmap_get(o->map, s, buf));
		free(buf);
		if (r->names[i][0] != '\0' &&
		    !cm_strset_add(seen, r->names[i], i, &j)) {
			cm_strset_free(seen);
			return cm_error_set(err, CM_DATA, cm_in_name(r->in),
			    r->cur.line, (long)i + 1,
			    "duplicate column '%s' ('%s' and '%s')",
			    r->names[i], r->raw[j], r->raw[i]);
		}
	}
	cm_strset_free(seen);
	return 0;
}

struct cm_csv *
cm_csv_open_in(struct cm_in *in, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	struct cm_csv *r;

	if (o->delim == '"' || o->delim == '\n' || o->delim == '\r') {
		/* No user reaches this: -d refuses them (opt.c). */
		cm_in_close(in);
		cm_error_set(err, CM_USAGE, NULL, 0, 0,
		    "invalid delimiter (a quote or a line break)");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->in = in;
	r->map = o->map;
	r->line = 1;
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) !=
	    0) {
		free(r);
		cm_in_close(in);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	r->delim = o->delim ? o->delim : ',';
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_blk_size(&r->p, FIELD_BLK);
	r->max_record = CM_RECORD_MAX;
	r->max_fields = CM_FIELDS_MAX;
	if (read_header(r, o, err) < 0) {
		cm_csv_close(r);
		return NULL;
	}
	r->opened = 1;
	return r;
}

struct cm_csv *
cm_csv_open(const char *path, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	struct cm_in *in = cm_in_open(path, o->encoding, err);

	return in ? cm_csv_open_in(in, o, err) : NULL;
}

void
cm_csv_set_limits(struct cm_csv *r, size_t max_record, size_t max_fields)
{
	if (max_record > 0 && max_record < r->max_record)
		r->max_record = max_record;
	if (max_fields > 0 && max_fields < r->max_fields)
		r->max_fields = max_fields;
}

void
cm_csv_lines_only(struct cm_csv *r)
{
	r->no_runs = 1;
}

int
cm_csv_next(struct cm_csv *r, struct cm_error *err)
{
	int rc;

	/* After an error the input is not trusted again: say it again. */
	if (r->failed) {
		cm_error_copy(err, &r->error);
		return -1;
	}
	rc = next(r, err);
	if (rc == 1 && r->cur.nf != r->ncols)
		rc = cm_error_set(err, CM_DATA, cm_in_name(r->in),
		    r->cur.line, 0, r->cur.nf == 1 ?
		    _("%zu field, the header has %zu") :
		    _("%zu fields, the header has %zu"), r->cur.nf, r->ncols);
	if (rc < 0) {
		r->failed = 1;
		cm_error_copy(&r->error, err);
	}
	return rc;
}

size_t
cm_csv_ncols(const struct cm_csv *r)
{
	return r->ncols;
}

const char *
cm_csv_colname(const struct cm_csv *r, size_t i)
{
	return r->names[i];
}

const char *
cm_csv_rawname(const struct cm_csv *r, size_t i)
{
	return r->raw[i];
}

int
cm_csv_col(const struct cm_csv *r, const char *name)
{
	return cm_colmap_find(r->map, r->names, r->raw, r->ncols, name);
}

long
cm_csv_line(const struct cm_csv *r)
{
	return r->cur.line;
}

const char *
cm_csv_name(const struct cm_csv *r)
{
	return cm_in_name(r->in);
}

const char *
cm_csv_encoding(const struct cm_csv *r)
{
	return cm_in_encoding(r->in);
}

void
cm_csv_close(struct cm_csv *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ncols; i++) {
		free(r->names[i]);
		free(r->raw[i]);
	}
	free(r->names);
	free(r->raw);
	csv_free(&r->p);
	cm_in_close(r->in);
	cm_buf_free(&r->data);
	free(r->f);
	free(r->q);
	free(r);
}
