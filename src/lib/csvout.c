/*
 * csvout.c: the one writer (see csvout.h).
 *
 * CSV rows are built in a 64 KiB buffer of our own and handed to stdio in
 * large pieces, so a field costs a memcpy and a hundred megabytes a few
 * thousand write(2)s; the test for quoting looks at eight bytes at a time.
 * Tables are kept whole until close, since every column's width must be
 * known before the first line is printed; they are meant for humans and
 * are small.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "colmap.h"
#include "csvout.h"
#include "msg.h"
#include "stdfd.h"
#include "text.h"
#include "xalloc.h"

#define OUTBUF	(64 * 1024)

enum sink {
	SINK_STDOUT,	/* standard output */
	SINK_ATOMIC,	/* a temporary file renamed over the path */
	SINK_DIRECT	/* a FIFO or device named by the path */
};

struct cm_out {
	enum cm_format format;
	char delim;
	int excel;		/* neutralise formulas (see csvout.h) */
	enum cm_lang lang;
	const struct cm_colmap *map;
	const char *eol;
	size_t eollen;
	enum sink sink;
	FILE *fp;
	char *name;		/* the path, for messages; NULL for stdout */
	struct cm_atomic a;

	char *buf;
	size_t len;

	size_t nfields;		/* fields in the current row so far */
	int first_empty;	/* the current row's first field is empty */

	struct cm_buf scratch;	/* cm_out_printf */

	/*
	 * CM_FMT_TABLE: cell i is cells.s[cellend[i - 1] .. cellend[i]),
	 * row r is cells [rowend[r - 1] .. rowend[r]).
	 */
	struct cm_buf cells;
	size_t *cellend;
	size_t ncells, cellcap;
	size_t *rowend;
	size_t nrows, rowcap;
};

static _Noreturn void
write_failed(const struct cm_out *o, int e)
{
	if (e == 0)
		e = EIO;
	if (o->name != NULL)
		cm_die(CM_SYSTEM, "write error on '%s': %s", o->name,
		    strerror(e));
	cm_die(CM_SYSTEM, "write error on standard output: %s", strerror(e));
}

/*
 * Dying at the first failed write rather than at close spares a cron job
 * an hour of work into a full disk.  cm_die runs the exit handler of
 * atomic.c, which removes our temporary file.
 */
static void
drain(struct cm_out *o)
{
	if (o->len == 0)
		return;
	errno = 0;
	if (fwrite(o->buf, 1, o->len, o->fp) != o->len)
		write_failed(o, errno);
	o->len = 0;
}

static void
put(struct cm_out *o, const char *s, size_t n)
{
	/* s may be NULL when n is 0, and memcpy forbids that. */
	if (n == 0)
		return;
	if (n > OUTBUF - o->len) {
		drain(o);
		if (n >= OUTBUF) {
			errno = 0;
			if (fwrite(s, 1, n, o->fp) != n)
				write_failed(o, errno);
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
putbyte(struct cm_out *o, char c)
{
	if (o->len == OUTBUF)
		drain(o);
	o->buf[o->len++] = c;
}

/*
 * A symbolic link at FILE is followed only when we or root made it: then
 * whoever aimed it could have written the target anyway, and "-o
 * /dev/stdout" (root's link to /proc/self/fd/1) keeps working.  A link
 * of another user is never written through: it is replaced by the output
 * (a link planted in /tmp must not aim a root's report at /etc/shadow).
 * A FIFO or a device cannot be replaced atomically (and as root a rename
 * would destroy the device), so output goes straight in; but not into
 * one planted by another user in a sticky world-writable directory, as
 * Linux's protected_fifos has it.
 */
enum cm_out_how
cm_out_how(const char *path, struct cm_error *err)
{
	struct stat lst, st;

	if (lstat(path, &lst) != 0 || S_ISREG(lst.st_mode))
		return CM_OUT_REPLACE;
	if (S_ISLNK(lst.st_mode)) {
		if (lst.st_uid != geteuid() && lst.st_uid != 0)
			return CM_OUT_REPLACE;
		if (stat(path, &st) != 0 || S_ISREG(st.st_mode) ||
		    S_ISDIR(st.st_mode))
			return CM_OUT_FOLLOW;	/* atomic.c says what fails */
		return CM_OUT_DIRECT_LINK;
	}
	return cm_untrusted_entry(path, &lst, err) != 0 ? CM_OUT_REFUSED :
	    CM_OUT_DIRECT;
}

static FILE *
open_direct(const char *path, int follow)
{
	struct stat st;
	FILE *fp;
	int fd;

	/* No O_CREAT: it exists, and we create nothing outside atomic.c. */
	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW));
	if (fd < 0)
		cm_die(CM_SYSTEM, "cannot open '%s': %s", path,
		    strerror(errno));
	/* Swapped for a regular file meanwhile: it would not be truncated. */
	if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode))
		cm_die(CM_SYSTEM, "cannot open '%s': changed while it was "
		    "opened", path);
	if ((fp = fdopen(fd, "w")) == NULL)
		cm_die(CM_SYSTEM, "cannot open '%s': %s", path,
		    strerror(errno));
	return fp;
}

struct cm_out *
cm_out_open(const struct cm_out_opts *opts)
{
	struct cm_out *o = xcalloc(1, sizeof(*o));
	struct cm_error err;
	enum cm_out_how how;

	o->format = opts->format;
	/* A zeroed struct cm_out_opts means plain CSV on stdout. */
	o->delim = opts->delim ? opts->delim : ',';
	o->excel = opts->excel;
	o->lang = opts->lang;
	o->map = opts->map;
	o->eol = opts->excel ? "\r\n" : "\n";
	o->eollen = strlen(o->eol);
	o->buf = xmalloc(OUTBUF);

	if (opts->path == NULL || strcmp(opts->path, "-") == 0) {
		o->sink = SINK_STDOUT;
		o->fp = stdout;
	} else if ((how = cm_out_how(opts->path, &err)) == CM_OUT_REFUSED) {
		cm_die_error(&err);
	} else if (how == CM_OUT_DIRECT || how == CM_OUT_DIRECT_LINK) {
		o->sink = SINK_DIRECT;
		o->name = xstrdup(opts->path);
		o->fp = open_direct(opts->path, how == CM_OUT_DIRECT_LINK);
	} else {
		o->sink = SINK_ATOMIC;
		o->name = xstrdup(opts->path);
		if (cm_atomic_begin(&o->a, opts->path, how == CM_OUT_REPLACE ?
		    CM_ATOMIC_NOFOLLOW : 0, 0, &err) < 0)
			cm_die_error(&err);
		o->fp = o->a.fp;
	}

	/* Excel takes a UTF-8 file for the local code page without it. */
	if (opts->excel)
		put(o, "\xef\xbb\xbf", 3);
	return o;
}

#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)
/* Nonzero when some byte of v is zero (exact, no false alarms). */
#define HASZERO(v)	(((v) - ONES) & ~(v) & HIGHS)

/*
 * Whether a field needs quotes: does it hold the delimiter, a quote, CR
 * or LF?  Eight bytes at a time, XOR turns each byte we look for into a
 * zero byte; the tail goes through the table.
 */
static int
needs_quotes(char delim, const char *s, size_t n)
{
	const uint64_t q8 = ONES * '"', cr8 = ONES * '\r', lf8 = ONES * '\n';
	const uint64_t d8 = ONES * (unsigned char)delim;
	uint64_t v;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, s + i, 8);	/* unaligned load, without UB */
		if (HASZERO(v ^ d8) | HASZERO(v ^ q8) | HASZERO(v ^ cr8) |
		    HASZERO(v ^ lf8))
			return 1;
	}
	for (; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			return 1;
	return 0;
}

void
cm_csv_record(struct cm_buf *b, const char *const *f, size_t n, char delim,
    int quote_first)
{
	const char *s;
	size_t i, j, len;
	char *p;

	/* A record of one empty field would be a blank line: see endrow. */
	if (n == 1 && f[0][0] == '\0' && !quote_first) {
		cm_buf_add(b, "\"\"\n", 3);
		return;
	}
	for (i = 0; i < n; i++) {
		s = f[i];
		len = strlen(s);
		/*
		 * Room for the worst case once (every byte a doubled quote,
		 * two quotes, the delimiter or LF), then bytes straight in:
		 * a register is rewritten a cell at a time.
		 */
		b->s = xgrow(b->s, &b->cap, b->len + 2 * len + 4, 1);
		p = b->s + b->len;
		if (!(i == 0 && quote_first) && !needs_quotes(delim, s, len)) {
			memcpy(p, s, len);
			p += len;
		} else {
			*p++ = '"';
			for (j = 0; j < len; j++)
				if ((*p++ = s[j]) == '"')
					*p++ = '"';	/* doubled */
			*p++ = '"';
		}
		*p++ = i + 1 < n ? delim : '\n';
		b->len = (size_t)(p - b->s);
	}
	if (n == 0)
		cm_buf_addc(b, '\n');
	else
		b->s[b->len] = '\0';
}

/* The field, quoted, after prefix (NULL or one character). */
static void
put_quoted(struct cm_out *o, const char *prefix, const char *s, size_t n)
{
	const char *q;

	putbyte(o, '"');
	if (prefix != NULL)
		putbyte(o, *prefix);
	while ((q = memchr(s, '"', n)) != NULL) {
		put(o, s, q - s + 1);	/* up to and including the quote */
		putbyte(o, '"');	/* which is doubled */
		n -= q - s + 1;
		s = q + 1;
	}
	put(o, s, n);
	putbyte(o, '"');
}

/*
 * A table shows a cell on one line: CR, LF and tab become a space (CRLF
 * one space), and so do the other control bytes, which would otherwise
 * let a CSV cell move the cursor or recolour the terminal.
 */
static void
table_add(struct cm_out *o, const char *prefix, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	if (prefix != NULL)
		cm_buf_addc(&o->cells, *prefix);
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		cm_buf_addc(&o->cells, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	o->cellend = xgrow(o->cellend, &o->cellcap, o->ncells + 1,
	    sizeof(*o->cellend));
	o->cellend[o->ncells++] = o->cells.len;
}

/* A number as cm writes it: optional sign, digits, optional decimals. */
static int
plain_number(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == d)
		return 0;
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

/*
 * With --excel, a cell that a spreadsheet would run as a formula (the
 * OWASP list: =, +, -, @, tab, CR first) gets an apostrophe in front, so
 * that Excel shows it as text: "=HYPERLINK(...)" from a customer's name
 * or "+cmd|' /C calc'!A0" from a description must not run on the
 * office's PC.  A plain number ("-5.00") stays a number.
 */
static int
formula_like(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	switch (s[0]) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return !plain_number(s, n);
	}
	return 0;
}

void
cm_out_field(struct cm_out *o, const char *s, size_t len)
{
	const char *prefix = o->excel && formula_like(s, len) ? "'" : NULL;

	if (o->format == CM_FMT_TABLE) {
		table_add(o, prefix, s, len);
		o->nfields++;
		return;
	}
	if (o->nfields > 0)
		putbyte(o, o->delim);
	else
		o->first_empty = len == 0;
	o->nfields++;
	if (len == 0)
		return;
	/* The common case: plain text that fits the buffer. */
	if (!needs_quotes(o->delim, s, len)) {
		if (prefix != NULL)
			putbyte(o, *prefix);
		if (len <= OUTBUF - o->len) {
			memcpy(o->buf + o->len, s, len);
			o->len += len;
		} else
			put(o, s, len);
	} else
		put_quoted(o, prefix, s, len);
}

void
cm_out_str(struct cm_out *o, const char *s)
{
	if (s == NULL)
		s = "";
	cm_out_field(o, s, strlen(s));
}

enum cm_lang
cm_out_lang(const struct cm_out *o)
{
	return o->lang;
}

void
cm_out_text(struct cm_out *o, const char *en, const char *zh)
{
	cm_out_str(o, o->lang == CM_LANG_ZH && zh != NULL ? zh : en);
}

void
cm_out_name(struct cm_out *o, const char *en, const char *zh)
{
	const char *map, *t;
	size_t n;

	if (o->lang != CM_LANG_ZH) {
		cm_out_str(o, en);
		return;
	}
	if (cm_ascii(zh) && (map = cm_colmap_zh(o->map, en)) != NULL)
		zh = map;
	if (zh == NULL) {
		cm_out_str(o, en);
		return;
	}
	/* The user's header as written, but for the spaces around it. */
	n = strlen(zh);
	t = cm_trim(zh, &n);
	cm_out_field(o, t, n);
}

void
cm_out_printf(struct cm_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Numbers are short: one vsnprintf into the reused scratch. */
	o->scratch.s = xgrow(o->scratch.s, &o->scratch.cap, 64, 1);
	va_start(ap, fmt);
	n = vsnprintf(o->scratch.s, o->scratch.cap, fmt, ap);
	va_end(ap);
	if (n < 0)
		cm_die(CM_SYSTEM, "cannot format output: %s", strerror(errno));
	if ((size_t)n >= o->scratch.cap) {
		o->scratch.s = xgrow(o->scratch.s, &o->scratch.cap,
		    (size_t)n + 1, 1);
		va_start(ap, fmt);
		vsnprintf(o->scratch.s, o->scratch.cap, fmt, ap);
		va_end(ap);
	}
	o->scratch.len = (size_t)n;
	cm_out_field(o, o->scratch.s, (size_t)n);
}

void
cm_out_endrow(struct cm_out *o)
{
	if (o->format == CM_FMT_TABLE) {
		o->rowend = xgrow(o->rowend, &o->rowcap, o->nrows + 1,
		    sizeof(*o->rowend));
		o->rowend[o->nrows++] = o->ncells;
		o->nfields = 0;
		return;
	}
	/*
	 * A row of one empty field would be a blank line, which readers
	 * skip; RFC 4180 lets us write it as "" instead.
	 */
	if (o->nfields == 1 && o->first_empty)
		put(o, "\"\"", 2);
	put(o, o->eol, o->eollen);
	o->nfields = 0;
}

int
cm_out_numeric(const char *s, size_t n)
{
	return n > 0 && s[0] != '+' && plain_number(s, n);
}

/* A cell a table right-aligns: a number, or nothing at all. */
static int
looks_numeric(const char *s, size_t n)
{
	return n == 0 || cm_out_numeric(s, n);
}

void
cm_out_write(struct cm_out *o, const void *s, size_t n)
{
	put(o, s, n);
}

static void
add_spaces(struct cm_buf *b, size_t n)
{
	while (n-- > 0)
		cm_buf_addc(b, ' ');
}

/*
 * Lay the table out: columns two spaces apart, each as wide as its widest
 * cell on screen, numbers to the right.  A row shorter than the widest
 * reads as if padded with empty cells.  Trailing blanks are cut: they
 * show nothing and make diffs of saved tables noisy.
 */
static void
table_flush(struct cm_out *o)
{
	struct cm_buf line = { 0 };
	size_t ncols = 0, r, c, i, first, n, len, start;
	size_t *width, *cw;
	const char *base = cm_buf_str(&o->cells), *s;

	for (r = 0, first = 0; r < o->nrows; first = o->rowend[r++])
		if (o->rowend[r] - first > ncols)
			ncols = o->rowend[r] - first;
	/* base is "" when every cell is empty; cells.s is NULL then. */
	width = xcalloc(ncols ? ncols : 1, sizeof(*width));
	cw = xcalloc(o->ncells ? o->ncells : 1, sizeof(*cw));
	for (r = 0, first = 0; r < o->nrows; first = o->rowend[r++])
		for (i = first; i < o->rowend[r]; i++) {
			start = i ? o->cellend[i - 1] : 0;
			cw[i] = cm_text_width(base + start,
			    o->cellend[i] - start);
			if (cw[i] > width[i - first])
				width[i - first] = cw[i];
		}

	for (r = 0, first = 0; r < o->nrows; first = o->rowend[r++]) {
		cm_buf_reset(&line);
		n = o->rowend[r] - first;
		for (c = 0; c < n; c++) {
			i = first + c;
			start = i ? o->cellend[i - 1] : 0;
			s = base + start;
			len = o->cellend[i] - start;
			if (c > 0)
				cm_buf_add(&line, "  ", 2);
			if (looks_numeric(s, len)) {
				add_spaces(&line, width[c] - cw[i]);
				cm_buf_add(&line, s, len);
			} else {
				cm_buf_add(&line, s, len);
				add_spaces(&line, width[c] - cw[i]);
			}
		}
		while (line.len > 0 && line.s[line.len - 1] == ' ')
			line.len--;
		put(o, line.s, line.len);
		put(o, o->eol, o->eollen);
	}
	cm_buf_free(&line);
	free(width);
	free(cw);
}

static void
out_free(struct cm_out *o)
{
	free(o->buf);
	free(o->name);
	cm_buf_free(&o->scratch);
	cm_buf_free(&o->cells);
	free(o->cellend);
	free(o->rowend);
	free(o);
}

void
cm_out_close(struct cm_out *o)
{
	struct cm_error err;

	if (o == NULL)
		return;
	/* A row the caller left open is ended rather than lost. */
	if (o->nfields > 0)
		cm_out_endrow(o);
	if (o->format == CM_FMT_TABLE)
		table_flush(o);
	drain(o);

	switch (o->sink) {
	case SINK_ATOMIC:
		if (cm_atomic_commit(&o->a, &err) < 0)
			cm_die_error(&err);
		break;
	case SINK_STDOUT:
	case SINK_DIRECT:
		/*
		 * Small outputs still sit in stdio's buffer, so a full disk
		 * or /dev/full shows up only here; print nothing more to
		 * stdout after this.
		 */
		if (cm_fshut(o->fp, o->name) < 0)
			exit(CM_SYSTEM);
		break;
	}
	out_free(o);
}

void
cm_out_abort(struct cm_out *o)
{
	if (o == NULL)
		return;
	/* What is still buffered is dropped; stdout stays open. */
	o->len = 0;
	switch (o->sink) {
	case SINK_ATOMIC:
		cm_atomic_abort(&o->a);
		break;
	case SINK_DIRECT:
		fclose(o->fp);
		break;
	case SINK_STDOUT:
		break;
	}
	out_free(o);
}

/*
 * Display width, independent of the locale (cron runs in "C", where
 * wcwidth knows no CJK).  Ranges are sorted; zero-width ones are looked
 * up first because some (the kana voicing marks) lie inside wide blocks.
 */
struct range {
	uint32_t lo, hi;
};

static const struct range zero_width[] = {
	{ 0x0300, 0x036f },	/* combining diacritical marks */
	{ 0x0483, 0x0489 },	/* Cyrillic */
	{ 0x0591, 0x05bd }, { 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 },
	{ 0x05c4, 0x05c5 }, { 0x05c7, 0x05c7 },	/* Hebrew points */
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0670, 0x0670 },
	{ 0x06d6, 0x06dc }, { 0x06df, 0x06e4 }, { 0x06e7, 0x06e8 },
	{ 0x06ea, 0x06ed },	/* Arabic marks */
	{ 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, /* Thai */
	{ 0x1160, 0x11ff },	/* Hangul medial vowels, final consonants */
	{ 0x1ab0, 0x1aff },	/* combining diacritical marks extended */
	{ 0x1dc0, 0x1dff },	/* combining diacritical marks supplement */
	{ 0x200b, 0x200f },	/* zero width space, joiners, LRM, RLM */
	{ 0x202a, 0x202e },	/* bidi embedding controls */
	{ 0x2060, 0x2064 },	/* word joiner, invisible operators */
	{ 0x20d0, 0x20ff },	/* combining marks for symbols */
	{ 0x302a, 0x302d },	/* ideographic tone marks */
	{ 0x3099, 0x309a },	/* kana voicing marks */
	{ 0xfe00, 0xfe0f },	/* variation selectors */
	{ 0xfe20, 0xfe2f },	/* combining half marks */
	{ 0xfeff, 0xfeff },	/* zero width no-break space (BOM) */
	{ 0xe0100, 0xe01ef },	/* variation selectors supplement */
};

static const struct range wide[] = {
	{ 0x1100, 0x115f },	/* Hangul initial consonants */
	{ 0x2329, 0x232a },	/* angle brackets */
	{ 0x2e80, 0x303e },	/* CJK radicals, punctuation */
	{ 0x3041, 0x33ff },	/* kana, bopomofo, CJK compatibility */
	{ 0x3400, 0x4dbf },	/* CJK extension A */
	{ 0x4e00, 0x9fff },	/* CJK unified ideographs */
	{ 0xa000, 0xa4cf },	/* Yi */
	{ 0xac00, 0xd7a3 },	/* Hangul syllables */
	{ 0xf900, 0xfaff },	/* CJK compatibility ideographs */
	{ 0xfe30, 0xfe4f },	/* CJK compatibility forms */
	{ 0xff00, 0xff60 },	/* fullwidth forms */
	{ 0xffe0, 0xffe6 },	/* fullwidth signs */
	{ 0x1f200, 0x1f2ff },	/* enclosed ideographic supplement */
	{ 0x1f300, 0x1f64f },	/* pictographs, emoticons */
	{ 0x1f680, 0x1f6ff },	/* transport and map symbols */
	{ 0x1f900, 0x1f9ff },	/* supplemental pictographs */
	{ 0x1fa70, 0x1faff },	/* pictographs extended-A */
	{ 0x20000, 0x2fffd },	/* CJK extensions B to F */
	{ 0x30000, 0x3fffd },	/* CJK extension G and on */
};

static int
in_ranges(uint32_t c, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n, mid;

	if (c < t[0].lo || c > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c > t[mid].hi)
			lo = mid + 1;
		else if (c < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

size_t
cm_text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0, len;
	uint32_t c;

	while (i < n) {
		if (p[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		len = cm_utf8_decode(s + i, n - i, &c);
		if (len == 0) {
			w++;
			i++;
			continue;
		}
		i += len;
		if (in_ranges(c, zero_width,
		    sizeof(zero_width) / sizeof(zero_width[0])))
			continue;
		w += in_ranges(c, wide, sizeof(wide) / sizeof(wide[0])) ? 2 : 1;
	}
	return w;
}
