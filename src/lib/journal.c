/*
 * journal.c: an append-only file that grows by whole batches (see
 * journal.h for the contract and the protocols built on it).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "i18n.h"
#include "journal.h"
#include "xalloc.h"

char *
cm_journal_sibling(const char *path, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot != NULL && dot != base ? (size_t)(dot - path) :
	    strlen(path);
	size_t e = strlen(ext);
	char *p = xmalloc(n + e + 1);

	memcpy(p, path, n);
	memcpy(p + n, ext, e + 1);
	/* A file called x.log must not be its own log. */
	if (strcmp(p, path) == 0) {
		free(p);
		n = strlen(path);
		p = xmalloc(n + e + 1);
		memcpy(p, path, n);
		memcpy(p + n, ext, e + 1);
	}
	return p;
}

int
cm_journal_open(struct cm_journal *j, const char *path, int create,
    mode_t mode, struct cm_error *err)
{
	off_t size;
	int fd = -1, e;

	j->path = NULL;
	j->fd = -1;
	j->size = 0;
	j->created = 0;
	/*
	 * O_EXCL tells whether this open made the file, which decides the
	 * mode and the directory fsync; under the caller's lock nobody
	 * else creates it meanwhile.  A link at path is EEXIST here and
	 * refused by the second open.
	 */
	if (create) {
		fd = cm_open_file(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL,
		    mode, err);
		if (fd >= 0)
			j->created = 1;
		else if (errno != EEXIST)
			return -1;
	}
	if (fd < 0 && (fd = cm_open_file(path, O_RDWR | O_APPEND, 0,
	    err)) < 0)
		return -1;
	/* A new journal gets mode, not our umask's. */
	if (j->created)
		(void)fchmod(fd, mode);
	/* cm_open_file made sure it is a regular file: its end is its size. */
	if ((size = lseek(fd, 0, SEEK_END)) < 0) {
		e = errno;
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot seek '%s': %s", path, strerror(e));
		errno = e;
		return -1;
	}
	j->path = xstrdup(path);
	j->fd = fd;
	j->size = size;
	return 0;
}

int
cm_journal_append(struct cm_journal *j, const void *buf, size_t len,
    struct cm_error *err)
{
	const char *b = buf;
	struct stat st;
	size_t done = 0;
	ssize_t n;
	int e;

	/* We hold the lock: nobody can have appended or cut since. */
	if (fstat(j->fd, &st) != 0 || st.st_size != j->size)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "'%s' changed while it was locked", j->path);
	while (done < len) {
		n = write(j->fd, b + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(j->fd) != 0) {
		e = errno;
		goto fail;
	}
	/*
	 * A new journal's name must be durable before anything (a
	 * register's rename, a commit record) points at bytes in it.
	 */
	if (j->created && cm_fsync_parent(j->path, err) < 0) {
		if (ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		return -1;
	}
	j->size += (off_t)len;
	return 0;

fail:
	cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "write error on '%s': %s",
	    j->path, strerror(e));
	if (ftruncate(j->fd, j->size) == 0)
		fsync(j->fd);
	return -1;
}

int
cm_journal_cut(struct cm_journal *j, off_t size, struct cm_error *err)
{
	if (ftruncate(j->fd, size) != 0 || fsync(j->fd) != 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot repair '%s': %s", j->path, strerror(errno));
	j->size = size;
	return 0;
}

int
cm_journal_end_torn(struct cm_journal *j, int inq, struct cm_error *err)
{
	const char *end = inq ? "\"\n" : "\n";
	size_t n = strlen(end);
	ssize_t w;
	int e;

	do
		w = write(j->fd, end, n);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)n || fsync(j->fd) != 0) {
		e = w < 0 || w == (ssize_t)n ? errno : EIO;
		/* A short write of "\"\n" leaves the quote: undo it. */
		if (w > 0 && ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot end the last line of '%s': %s", j->path,
		    strerror(e));
	}
	j->size += (off_t)n;
	return 0;
}

void
cm_journal_close(struct cm_journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	free(j->path);
	j->path = NULL;
}

int
cm_journal_stamp(const char *s, size_t n)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddddd+dd:dd";
	size_t i;

	if (n < sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    shape[i] == '+' ? s[i] != '+' && s[i] != '-' :
		    s[i] != shape[i])
			return 0;
	return 1;
}

/* Whether a record of a batch starts at m[at]: a time and a comma. */
static int
batch_line(const char *m, size_t at, size_t size)
{
	size_t n = CM_JOURNAL_STAMP;

	return size - at > n && cm_journal_stamp(m + at, n) && m[at + n] == ',';
}

/*
 * The first newline in m[from, to) that a batch's record follows, or
 * NULL.
 */
static const char *
batch_after(const char *m, size_t from, size_t to, size_t size)
{
	const char *nl;

	while (from < to && (nl = memchr(m + from, '\n', to - from)) != NULL) {
		if (batch_line(m, (size_t)(nl + 1 - m), size))
			return nl;
		from = (size_t)(nl + 1 - m);
	}
	return NULL;
}

/*
 * Whether the record s[0..n) (no newline) is nfields fields as
 * cm_table_record writes them: unquoted without a quote, or quoted with
 * doubled quotes inside and a comma or the end after the closing one.
 */
static int
well_formed(const char *s, size_t n, size_t nfields)
{
	const char *q, *c;
	size_t i = 0, nf = 0, e;

	for (;;) {
		nf++;
		if (i < n && s[i] == '"') {
			for (i++;; i += 2) {
				if ((q = memchr(s + i, '"', n - i)) == NULL)
					return 0;
				i = (size_t)(q - s);
				if (i + 1 >= n || s[i + 1] != '"')
					break;
			}
			if (++i < n && s[i] != ',')
				return 0;
		} else {
			c = memchr(s + i, ',', n - i);
			e = c ? (size_t)(c - s) : n;
			if (memchr(s + i, '"', e - i) != NULL)
				return 0;
			i = e;
		}
		if (i >= n)
			return nf == nfields;
		i++;			/* the comma */
	}
}

/*
 * Whether the record s[0..len) (past its newline unless torn) shows a
 * stray quote (journal.h, "A stray quote"): it holds a batch's line
 * after its first, and is torn or not well formed.  multi: a quoted
 * field of it holds a newline (else no line can start inside it).
 */
static int
stray_in(const char *s, size_t len, int torn, int multi, size_t nfields)
{
	size_t n = len;

	if (!torn && !multi)
		return 0;
	if (batch_after(s, 0, len, len) == NULL)
		return 0;
	if (torn)
		return 1;
	n--;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return !well_formed(s, n, nfields);
}

/*
 * The next record from m[start]: the end just past its newline, or 0
 * when the bytes end inside it (*inq: inside quotes).  *multi: a quoted
 * field holds a newline.  resync: a newline inside quotes that a batch's
 * line follows ends the record (*broken).
 */
static size_t
next_record(const char *m, size_t start, size_t size, int resync,
    int *inq, int *multi, int *broken)
{
	const char *nl, *q, *c, *b;
	size_t p = start;

	*inq = *multi = *broken = 0;
	while (p < size) {
		nl = memchr(m + p, '\n', size - p);
		q = memchr(m + p, '"', (nl ? (size_t)(nl - m) : size) - p);
		if (q == NULL)
			return nl ? (size_t)(nl + 1 - m) : 0;
		c = memchr(q + 1, '"', size - (size_t)(q + 1 - m));
		b = resync ? batch_after(m, (size_t)(q + 1 - m),
		    c ? (size_t)(c - m) : size, size) : NULL;
		if (b != NULL) {
			*broken = 1;
			return (size_t)(b + 1 - m);
		}
		if (c == NULL) {
			*inq = 1;
			return 0;
		}
		if (memchr(q + 1, '\n', (size_t)(c - q - 1)) != NULL)
			*multi = 1;
		p = (size_t)(c + 1 - m);
	}
	return 0;
}

size_t
cm_journal_records(const char *m, size_t from, size_t size, size_t nfields,
    void (*rec)(void *arg, size_t start, size_t end), void *arg, int *inq,
    size_t *stray)
{
	return cm_journal_records_r(m, from, size, nfields, rec, arg, inq,
	    stray, NULL);
}

size_t
cm_journal_records_r(const char *m, size_t from, size_t size,
    size_t nfields, void (*rec)(void *arg, size_t start, size_t end),
    void *arg, int *inq, size_t *stray, int *resynced)
{
	size_t start = from, end = from, e;
	int resync = 0, in, multi, broken;

	*inq = 0;
	if (stray != NULL)
		*stray = 0;
	while (start < size) {
		e = next_record(m, start, size, resync, &in, &multi, &broken);
		if (!resync && stray_in(m + start, (e ? e : size) - start,
		    e == 0, multi, nfields)) {
			resync = 1;	/* read it again (journal.h) */
			continue;
		}
		if (e == 0) {
			*inq = in;	/* torn */
			break;
		}
		if (broken && stray != NULL)
			*stray = e;
		if (rec != NULL)
			rec(arg, start, e);
		start = end = e;
	}
	if (resynced != NULL)
		*resynced = resync;
	return end;
}

int
cm_journal_open_read(const char *path, struct cm_error *err)
{
	struct stat st;
	const char *why = NULL;
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY)) < 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot open '%s': %s",
		    path, strerror(e));
		errno = e;
		return e == ENOENT ? -1 : -2;
	}
	if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = _("not a regular file");
	if (why != NULL) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot read '%s': %s",
		    path, why);
		close(fd);
		return -2;
	}
	return fd;
}

/*
 * The reader that survives damage (journal.h).  It reads either a span of
 * memory or a file through a window that holds one record at least:
 * memory grows with the longest record, not the journal.
 */
void
cm_journal_rd_mem(struct cm_journal_rd *d, const char *m, size_t len,
    off_t base, long line, size_t nfields)
{
	memset(d, 0, sizeof(*d));
	d->nfields = nfields;
	d->w = m;
	d->wlen = len;
	d->base = base;
	d->fd = -1;
	d->line = line;
}

void
cm_journal_rd_file(struct cm_journal_rd *d, int fd, off_t limit,
    size_t nfields)
{
	memset(d, 0, sizeof(*d));
	d->nfields = nfields;
	d->w = "";		/* never NULL, even before the first read */
	d->fd = fd;
	d->left = limit;
	d->line = 1;
}

void
cm_journal_rd_free(struct cm_journal_rd *d)
{
	free(d->buf);
	free(d->fo);
	cm_buf_free(&d->fb);
	cm_buf_free(&d->tb);
}

/* More bytes into the window: 1, 0 at the end, -1 on a read error. */
static int
rd_fill(struct cm_journal_rd *d)
{
	ssize_t n;
	size_t want;

	if (d->fd < 0 || d->left == 0)
		return 0;
	if (d->pos > 0) {	/* drop what was handed out */
		memmove(d->buf, d->buf + d->pos, d->wlen - d->pos);
		d->base += (off_t)d->pos;
		d->wlen -= d->pos;
		d->pos = 0;
	}
	if (d->wlen == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 65536;
		d->buf = xrealloc(d->buf, d->cap);
	}
	d->w = d->buf;
	want = d->cap - d->wlen;
	if ((off_t)want > d->left)
		want = (size_t)d->left;
	do
		n = read(d->fd, d->buf + d->wlen, want);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n == 0) {		/* shorter than it was: stop there */
		d->left = 0;
		return 0;
	}
	d->wlen += (size_t)n;
	d->left -= n;
	return 1;
}

/* Keep the first nfields fields; count them all. */
static void
rd_field(struct cm_journal_rd *d, const char *s, size_t n)
{
	if (d->nf < d->nfields) {
		if (d->fo == NULL)
			d->fo = xmalloc(d->nfields * sizeof(*d->fo));
		d->fo[d->nf] = d->fb.len;
		cm_buf_add(&d->fb, s, n);
		cm_buf_addc(&d->fb, '\0');
	}
	d->nf++;
}

/*
 * Split the record w[from, to) into fields.  Text after a closing quote,
 * or a quote inside an unquoted field, is kept in the field and makes the
 * record damaged.
 */
static void
rd_split(struct cm_journal_rd *d, size_t from, size_t to)
{
	const char *w = d->w, *q, *c;
	size_t i = from, start;
	struct cm_buf *t = &d->tb;

	d->nf = 0;
	cm_buf_reset(&d->fb);
	for (;;) {
		cm_buf_reset(t);
		if (i < to && w[i] == '"') {
			for (i++;;) {
				q = memchr(w + i, '"', to - i);
				if (q == NULL) {	/* torn inside quotes */
					cm_buf_add(t, w + i, to - i);
					i = to;
					break;
				}
				cm_buf_add(t, w + i, (size_t)(q - (w + i)));
				i = (size_t)(q - w) + 1;
				if (i < to && w[i] == '"') {
					cm_buf_addc(t, '"');
					i++;
					continue;
				}
				break;
			}
			start = i;
			c = memchr(w + i, ',', to - i);
			i = c ? (size_t)(c - w) : to;
			if (i > start) {
				d->damage = _("text after a closing quote");
				cm_buf_add(t, w + start, i - start);
			}
		} else {
			start = i;
			c = memchr(w + i, ',', to - i);
			i = c ? (size_t)(c - w) : to;
			if (memchr(w + start, '"', i - start) != NULL)
				d->damage =
				    _("a quote inside an unquoted field");
			cm_buf_add(t, w + start, i - start);
		}
		rd_field(d, t->s ? t->s : "", t->len);
		if (i >= to)
			break;
		i++;			/* the comma */
	}
}

int
cm_journal_rd_next(struct cm_journal_rd *d, const char *name,
    struct cm_error *err)
{
	const char *nl = NULL, *q;
	size_t p = 0, end = 0, to, lim, qopen = 0;	/* p: scanned, from pos */
	int inq = 0, rc, torn = 0, stray = 0, multi = 0;

	d->damage = NULL;
	for (;;) {
		/* A BOM opens the file only. */
		if (d->base + (off_t)d->pos == 0 && d->wlen - d->pos < 3 &&
		    d->left > 0) {
			if ((rc = rd_fill(d)) < 0)
				goto readerr;
			continue;
		}
		if (d->base + (off_t)d->pos == 0 && d->wlen >= 3 &&
		    memcmp(d->w, "\xef\xbb\xbf", 3) == 0)
			d->pos = 3;
		break;
	}
	for (;;) {
		const char *w = d->w + d->pos;
		size_t n = d->wlen - d->pos;

		if (inq) {
			q = p < n ? memchr(w + p, '"', n - p) : NULL;
			/*
			 * Resyncing: a newline before it that a batch's line
			 * follows ends the record; the line is read whole
			 * before it is judged.
			 */
			for (lim = q ? (size_t)(q - w) : n; d->resync &&
			    p < lim && (nl = memchr(w + p, '\n', lim - p)) !=
			    NULL; p = (size_t)(nl - w) + 1) {
				if (n - (size_t)(nl - w) <= CM_JOURNAL_STAMP + 1 &&
				    d->left > 0)
					break;
				if (batch_line(w, (size_t)(nl - w) + 1, n)) {
					end = (size_t)(nl - w) + 1;
					stray = 1;
					inq = 0;
					goto found;
				}
			}
			if (d->resync && p < lim && nl != NULL)
				goto more;	/* p is at that newline */
			if (q != NULL) {
				if (memchr(w + qopen, '\n', (size_t)(q - w) -
				    qopen) != NULL)
					multi = 1;
				p = (size_t)(q - w) + 1;
				inq = 0;
				continue;
			}
		} else {
			nl = p < n ? memchr(w + p, '\n', n - p) : NULL;
			q = p < n ? memchr(w + p, '"',
			    (nl ? (size_t)(nl - w) : n) - p) : NULL;
			if (q != NULL) {
				p = qopen = (size_t)(q - w) + 1;
				inq = 1;
				continue;
			}
			if (nl != NULL) {
				end = (size_t)(nl - w) + 1;
				goto found;
			}
		}
		p = n;
more:
		if ((rc = rd_fill(d)) < 0)
			goto readerr;
		/* At the end, a line held back is judged after all. */
		if (rc > 0 || p < n)
			continue;
		if (d->pos == d->wlen)
			return 0;
		end = d->wlen - d->pos;
		torn = 1;
found:
		/* The same test as cm_journal_records'. */
		if (!d->resync && stray_in(d->w + d->pos, end, torn, multi,
		    d->nfields)) {
			d->resync = 1;
			p = multi = torn = inq = 0;
			continue;
		}
		break;
	}
	d->off = d->base + (off_t)d->pos;
	d->end = d->off + (off_t)end;
	d->raw = d->w + d->pos;
	d->recline = d->line;
	d->torn = torn;
	d->inq = inq;
	d->stray = stray;
	for (p = 0; (nl = memchr(d->w + d->pos + p, '\n', end - p)) != NULL;
	    p = (size_t)(nl - (d->w + d->pos)) + 1)
		d->line++;
	to = d->pos + end;
	if (!d->torn) {
		to--;
		if (to > d->pos && d->w[to - 1] == '\r')
			to--;
	}
	rd_split(d, d->pos, to);
	if (memchr(d->w + d->pos, '\0', to - d->pos) != NULL)
		d->damage = _("a NUL byte");
	if (d->torn)
		d->damage = _("cut short: the log ends inside it");
	else if (to == d->pos)
		d->damage = _("an empty line");
	else if (d->nf != d->nfields) {
		snprintf(d->why, sizeof(d->why), _("%zu fields, not %zu"), d->nf,
		    d->nfields);
		d->damage = d->why;
	}
	if (stray)
		d->damage = _("a quote that is never closed");
	d->pos += end;
	return 1;

readerr:
	return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot read '%s': %s",
	    name, strerror(errno));
}

off_t
cm_journal_rd_seen(const struct cm_journal_rd *d)
{
	return d->base + (off_t)d->wlen;
}
