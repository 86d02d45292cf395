/*
 * register.c: locked transactions over a register and its history log
 * (see register.h for the protocol and why it holds): open, read, set,
 * log, commit, abort, and the repair of the log at open.  The log's
 * mechanics are journal.c's; the audit is regcheck.c.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "journal.h"
#include "register.h"
#include "regpriv.h"
#include "strset.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

#define BOM		"\xef\xbb\xbf"

static const char *const log_cols[] = {
	"time", "user", "id", "field", "old", "new"
};

struct pair *
cm_reg_pairs_get(struct pairs *p, const char *id, const char *field)
{
	struct pair *e;
	size_t i;

	if (p->index == NULL)
		p->index = cm_strset_new();
	cm_buf_reset(&p->key);
	cm_buf_printf(&p->key, "%zu:%s%s", strlen(id), id, field);
	if (cm_strset_get(p->index, p->key.s, &i))
		return &p->v[i];
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	e = &p->v[p->n];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(id);
	e->field = xstrdup(field);
	e->key = xstrdup(p->key.s);
	cm_strset_add(p->index, e->key, p->n++, NULL);
	return e;
}

/* Record that id's field went from old to new at line. */
static void
pairs_see(struct pairs *p, const char *id, const char *field,
    const char *old, const char *new, long line)
{
	struct pair *e = cm_reg_pairs_get(p, id, field);

	if (e->n++ == 0)
		e->first = xstrdup(old);
	free(e->last);
	e->last = xstrdup(new);
	e->line = line;
}

void
cm_reg_pairs_free(struct pairs *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].id);
		free(p->v[i].field);
		free(p->v[i].key);
		free(p->v[i].first);
		free(p->v[i].last);
	}
	free(p->v);
	cm_strset_free(p->index);
	cm_buf_free(&p->key);
	memset(p, 0, sizeof(*p));
}

/*
 * The register's cell for a pair: 1 with *cur set when the field is a
 * column and the id names at most one row (a missing row has empty
 * cells), 0 when the pair says nothing about the register, -2 when the
 * id names several rows (*nrows says how many).
 */
static int
pair_cell(struct cm_register *r, const struct pair *e, const char **cur,
    size_t *row, size_t *nrows)
{
	const size_t *rows;
	int col;
	size_t n;

	if (r->key < 0 || (col = cm_table_col(r->t, e->field)) < 0)
		return 0;
	n = cm_table_find(r->t, (size_t)r->key, e->id, &rows);
	*nrows = n;
	if (n > 1)
		return -2;
	if (n == 0) {
		*cur = "";
		*row = (size_t)-1;
	} else {
		*cur = cm_table_get(r->t, rows[0], (size_t)col);
		*row = rows[0];
	}
	return 1;
}

static void
free_queue(struct cm_register *r)
{
	size_t i;

	for (i = 0; i < r->nq; i++) {
		free(r->q[i].id);
		free(r->q[i].field);
		free(r->q[i].old);
		free(r->q[i].new);
	}
	free(r->q);
	r->q = NULL;
	r->nq = r->qcap = 0;
}

static void
pos_clear(struct logpos *p)
{
	free(p->runtime);
	free(p->prevtime);
	memset(p, 0, sizeof(*p));
}

static void
reg_free(struct cm_register *r)
{
	cm_atomic_abort(&r->a);	/* harmless when already done */
	cm_journal_close(&r->log);
	cm_table_free(r->t);
	free_queue(r);
	free(r->path);
	free(r->logpath);
	free(r->lasttime);
	free(r->pospath);
	pos_clear(&r->pos);
	free(r);
}

int
cm_reg_is_header(const struct cm_journal_rd *d)
{
	size_t i;

	if (d->damage != NULL)
		return 0;
	for (i = 0; i < 6; i++)
		if (strcmp(cm_journal_rd_get(d, i), log_cols[i]) != 0)
			return 0;
	return 1;
}

/*
 * The log as the repair sees it.  Offsets are into the file; tl is the
 * length of a time field (the bytes of a record up to its first comma).
 * tail holds the file's bytes from tailoff to size: the whole mapped log
 * for a writer, the last transaction and what follows it for a reader.
 */
struct scan {
	const char *m;		/* the whole log when mapped, else NULL */
	const char *tail;
	size_t tailoff;
	size_t size;
	size_t start;		/* after a BOM */
	size_t hdrend;		/* end of the header record; 0: none */
	int hdrok;		/* and it is the header */
	size_t end;		/* end of the last complete record */
	size_t run, runtl;	/* the last run of records with one time */
	size_t prev, prevtl;	/* and the run before it */
	int nrun;		/* runs seen, up to 2 */
	long runline, endline;	/* where the run and the torn tail start */
	int inq;		/* the torn tail ends inside quotes */
	size_t stray;		/* end of the last record a stray quote
				   damaged (journal.h); 0: none */
	int resync;		/* a stray quote was found */
	const char *prevtime;	/* the run before's time, when m is NULL */
};

#define AT(s, off)	((s)->tail + ((off) - (s)->tailoff))

static size_t
time_len(const char *s, size_t n)
{
	const char *c = memchr(s, ',', n);

	return c ? (size_t)(c - s) : n;
}

/* A record ending at e, from rec, joins the last run or starts one. */
static void
scan_record(struct scan *s, const char *m, size_t rec, size_t e)
{
	size_t tl = time_len(m, e - rec);

	if (s->nrun == 0 || tl != s->runtl ||
	    memcmp(m, AT(s, s->run), tl) != 0) {
		s->prev = s->run;
		s->prevtl = s->runtl;
		s->run = rec;
		s->runtl = tl;
		if (s->nrun < 2)
			s->nrun++;
	}
}

static void
scan_rec(void *arg, size_t rec, size_t e)
{
	struct scan *s = arg;

	if (s->hdrend == 0)
		s->hdrend = e;
	else
		scan_record(s, s->m + rec, rec, e);
	s->end = e;
}

/* Find the records of the mapped log (register.h, step a; journal.h). */
static void
scan_log(struct scan *s)
{
	(void)cm_journal_records_r(s->m, s->start, s->size, 6, scan_rec, s,
	    &s->inq, &s->stray, &s->resync);
}

static long
line_at(const char *m, size_t from, size_t off, long line)
{
	const char *p = m + from, *nl;

	while ((nl = memchr(p, '\n', (size_t)(m + off - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

static int
header_ok(const struct scan *s)
{
	size_t n = s->hdrend - s->start;
	const char *h = s->m + s->start;

	if (n > 0 && h[n - 1] == '\n')
		n--;
	if (n > 0 && h[n - 1] == '\r')
		n--;
	return n == sizeof(LOG_HEADER) - 1 && memcmp(h, LOG_HEADER, n) == 0;
}

/*
 * The torn record's own evidence (register.h, step b): the cell it names
 * shows its before value (*not), or a value that its cut-short after
 * value begins (*committed).  Its pair's lines earlier in the run give
 * the before value; without them, its own old value when that is whole.
 */
static void
weigh_torn(struct cm_register *r, struct pairs *p,
    const struct cm_journal_rd *x, int *committed, int *not)
{
	struct pair *e;
	const char *before = NULL, *after = NULL, *cur;
	size_t row, nrows;

	if (!cm_journal_rd_whole(x, 3))
		return;		/* no whole id and field: it names no cell */
	e = cm_reg_pairs_get(p, cm_journal_rd_get(x, 2),
	    cm_journal_rd_get(x, 3));
	e->damaged = 1;		/* its run's last value is not the after */
	if (e->n > 0)
		before = e->first;
	else if (cm_journal_rd_whole(x, 4))
		before = cm_journal_rd_get(x, 4);
	if (x->nf >= 6)
		after = cm_journal_rd_get(x, 5);
	if (before == NULL || pair_cell(r, e, &cur, &row, &nrows) != 1)
		return;
	if (strcmp(cur, before) == 0)
		(*not)++;
	else if (after != NULL && strncmp(cur, after, strlen(after)) == 0)
		(*committed)++;
}

/*
 * Weigh the last transaction (register.h, step b): how many cells show
 * its after value (*committed) and how many its before value (*not).
 * The run's lines count when run is set, the torn record x when given.
 * A damaged line proves nothing and is passed over.
 */
static void
weigh(struct cm_register *r, const struct scan *s, int run,
    const struct cm_journal_rd *x, int *committed, int *not)
{
	struct pairs p = { 0 };
	struct cm_journal_rd d;
	struct cm_error err;
	const char *cur;
	size_t i, row, nrows;

	*committed = *not = 0;
	if (run) {
		cm_journal_rd_mem(&d, AT(s, s->run), s->end - s->run,
		    (off_t)s->run, s->runline, 6);
		while (cm_journal_rd_next(&d, r->logpath, &err) == 1)
			if (d.damage == NULL)
				pairs_see(&p, cm_journal_rd_get(&d, 2),
				    cm_journal_rd_get(&d, 3),
				    cm_journal_rd_get(&d, 4),
				    cm_journal_rd_get(&d, 5), d.recline);
		cm_journal_rd_free(&d);
	}
	if (x != NULL)
		weigh_torn(r, &p, x, committed, not);
	for (i = 0; i < p.n; i++) {
		struct pair *e = &p.v[i];

		if (e->n == 0 || e->damaged ||
		    strcmp(e->first, e->last) == 0 ||
		    pair_cell(r, e, &cur, &row, &nrows) != 1)
			continue;
		if (strcmp(cur, e->last) == 0)
			(*committed)++;
		else if (strcmp(cur, e->first) == 0)
			(*not)++;
	}
	cm_reg_pairs_free(&p);
}

/* The log open to write, for a writer's cut or append (journal.h). */
static int
log_open(struct cm_register *r, int create, struct cm_error *err)
{
	if (r->log.fd >= 0)
		return 0;
	return cm_journal_open(&r->log, r->logpath, create, r->mode, err);
}

/* Cut the log back to size bytes and make that durable. */
static int
cut_log(struct cm_register *r, off_t size, struct cm_error *err)
{
	if (log_open(r, 0, err) < 0)
		return -1;
	return cm_journal_cut(&r->log, size, err);
}

/*
 * End the torn last record of a committed transaction (register.h, step
 * e).  Nothing is removed; *size is the log's new size.
 */
static int
end_torn(struct cm_register *r, const struct scan *s, size_t *size,
    struct cm_error *err)
{
	if (log_open(r, 0, err) < 0 ||
	    cm_journal_end_torn(&r->log, s->inq, err) < 0)
		return -1;
	*size = (size_t)r->log.size;
	r->mended = s->endline;
	return 0;
}

/*
 * Not a history log: a writer must not append to it; a reader reads it
 * all, and check says what is wrong with it.
 */
static int
not_a_log(struct cm_register *r, const struct scan *s, struct cm_error *err)
{
	if (r->ro) {
		r->logsize = (off_t)s->size;
		return 0;
	}
	return cm_error_set(err, CM_DATA, r->logpath, 1, 0,
	    "not a history log: the first line is not '%s'", LOG_HEADER);
}

/*
 * Decide what to cut (register.h, steps b to e) and, for a writer, cut
 * it.  Returns 0 with r->logsize (and a writer's r->lasttime) set, or -1.
 */
static int
decide(struct cm_register *r, const struct scan *s, struct cm_error *err)
{
	const char *run = s->nrun > 0 ? AT(s, s->run) : NULL;
	size_t cut = s->size, xtl = 0;
	int committed, not, torn = s->end < s->size, same = 0, whole = 0;
	struct cm_journal_rd x = { 0 };
	struct cm_error e2;

	if (s->hdrend == 0) {
		/* No whole header: a first append cut short, or not ours. */
		if (s->size - s->start > sizeof(LOG_HEADER) ||
		    memcmp(AT(s, s->start), LOG_HEADER "\n",
		    s->size - s->start) != 0)
			return not_a_log(r, s, err);
		cut = 0;
		goto done;
	}
	if (!s->hdrok)
		return not_a_log(r, s, err);
	if (torn) {
		cm_journal_rd_mem(&x, AT(s, s->end), s->size - s->end,
		    (off_t)s->end, s->endline, 6);
		(void)cm_journal_rd_next(&x, r->logpath, &e2);
		xtl = strlen(cm_journal_rd_get(&x, 0));
		whole = cm_journal_rd_whole(&x, 0);
		same = whole && run != NULL && xtl == s->runtl &&
		    memcmp(cm_journal_rd_get(&x, 0), run, xtl) == 0;
	}
	if (!torn) {
		weigh(r, s, run != NULL, NULL, &committed, &not);
		if (run != NULL && not > 0 && committed == 0)
			cut = s->run;
	} else if (!whole) {
		/*
		 * Torn inside its time: it names no change, so cutting it
		 * loses no history.  A prefix of the run's time may or may
		 * not be the same transaction: the run's evidence decides,
		 * and a run that shows none stays, as in step d.
		 */
		weigh(r, s, run != NULL, NULL, &committed, &not);
		cut = run != NULL && xtl <= s->runtl &&
		    memcmp(cm_journal_rd_get(&x, 0), run, xtl) == 0 &&
		    not > 0 && committed == 0 ? s->run : s->end;
	} else {
		/*
		 * Its time is whole: the run is its transaction exactly
		 * when the times are equal.  A torn record says its writer
		 * died inside step 3, unless the register shows the
		 * transaction's after values: then the damage came later,
		 * and nothing of a committed transaction may go (step e).
		 */
		weigh(r, s, same, &x, &committed, &not);
		cut = committed > 0 ? s->size : same ? s->run : s->end;
	}
	/*
	 * A cut right after a record damaged by a stray quote would leave
	 * that quote at the end, where the next open reads it as a torn
	 * record and could cut a line that was committed (journal.h, "A
	 * stray quote").  The lines after it stay instead; check names
	 * them (step d's choice: keeping loses no history).
	 */
	if (cut < s->size && cut == s->stray)
		cut = s->size;
	if (torn && cut == s->size && !r->ro &&
	    end_torn(r, s, &cut, err) < 0) {
		cm_journal_rd_free(&x);
		return -1;
	}
done:
	cm_journal_rd_free(&x);
	r->logsize = (off_t)cut;
	if (r->ro)
		return 0;
	if (cut < s->size && cut_log(r, (off_t)cut, err) < 0)
		return -1;
	if (s->nrun > 0 && cut > s->run)
		r->lasttime = xstrndup(run, s->runtl);
	else if (s->nrun > 1)
		r->lasttime = s->m != NULL ? xstrndup(s->m + s->prev,
		    s->prevtl) : xstrdup(s->prevtime);
	return 0;
}

/*
 * The position record (register.h): one line of text beside the log,
 * which ends with a hash of the line before it, so that a record torn by
 * a crash or edited by hand is no record.
 */
#define POS_MAGIC	"cm-logpos 1"
#define POS_FIELDS	17	/* the magic's 2 words, 14 values, hash */

/* The record's path: the log's with ".pos" added. */
static char *
pos_name(const char *logpath)
{
	char *p = xmalloc(strlen(logpath) + sizeof(".pos"));

	strcpy(stpcpy(p, logpath), ".pos");
	return p;
}

/* A time as the record holds it: a batch's time exactly, or "-". */
static int
pos_time(const char *w, int dash)
{
	size_t n = strlen(w);

	return (dash && strcmp(w, "-") == 0) || (n == CM_JOURNAL_STAMP &&
	    cm_journal_stamp(w, n));
}

/*
 * Read the position record and hold it to the log open on fd (st its
 * fstat): 1 with s filled (the run's bytes read into *tail) when the log
 * is the one the record was written for, to the byte, else 0 and the
 * caller scans.  Nothing in the record is believed until the log's own
 * bytes bear it out.
 */
static int
pos_read(struct cm_register *r, int fd, const struct stat *st,
    struct scan *s, char **tail)
{
	unsigned long long v[11], h;
	char line[512], *w[POS_FIELDS], *save, *end, *tok, *buf = NULL;
	struct cm_error e2;
	ssize_t n, k;
	size_t i, len, got;
	int pfd;

	/*
	 * Read-only, by a writer and a reader alike: never through a link,
	 * only a regular file, and O_NONBLOCK so that a FIFO planted at
	 * the name cannot hang the open (atomic.h); any failure is "no
	 * record".  The record is one line, so a file as long as the
	 * buffer, or holding a second line, is none either.
	 */
	if ((pfd = cm_open_file(r->pospath, O_RDONLY, 0, &e2)) < 0)
		return 0;
	n = read(pfd, line, sizeof(line));
	close(pfd);
	if (n <= 0 || (size_t)n == sizeof(line) || line[n - 1] != '\n' ||
	    memchr(line, '\n', (size_t)n - 1) != NULL)
		return 0;
	line[n - 1] = '\0';
	if ((end = strrchr(line, ' ')) == NULL ||
	    (h = strtoull(end + 1, &tok, 16), *tok != '\0') ||
	    h != cm_fnv1a(CM_FNV1A_INIT, line, (size_t)(end - line)))
		return 0;
	for (i = 0, tok = strtok_r(line, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (i == POS_FIELDS)
			return 0;
		w[i++] = tok;
	}
	if (i != POS_FIELDS || strcmp(w[0], "cm-logpos") != 0 ||
	    strcmp(w[1], "1") != 0 || !pos_time(w[14], 0) ||
	    !pos_time(w[15], 1))
		return 0;
	for (i = 0; i < 11; i++) {
		errno = 0;
		v[i] = strtoull(w[i + 2], &end, 10);
		if (errno != 0 || *end != '\0' || *w[i + 2] == '-')
			return 0;
	}
	/*
	 * dev ino size ctime.sec ctime.nsec start hdrend run runline
	 * endline nrun: a header before the run, the run before the end.
	 */
	if (v[0] != (unsigned long long)st->st_dev ||
	    v[1] != (unsigned long long)st->st_ino ||
	    v[2] != (unsigned long long)st->st_size ||
	    v[3] != (unsigned long long)st->st_ctim.tv_sec ||
	    v[4] != (unsigned long long)st->st_ctim.tv_nsec ||
	    v[5] >= v[6] || v[6] > v[7] || v[7] >= v[2] || v[8] < 2 ||
	    v[9] < v[8] || v[10] < 1 || v[10] > 2 ||
	    (v[10] == 2) != (strcmp(w[15], "-") != 0))
		return 0;
	/* The last transaction's bytes: its time, whole records, its hash. */
	len = (size_t)(v[2] - v[7]);
	buf = xmalloc(len + 1);
	for (got = 0; got < len; got += (size_t)k) {
		k = pread(fd, buf + got, len - got, (off_t)(v[7] + got));
		if (k < 0 && errno == EINTR) {
			k = 0;
			continue;
		}
		if (k <= 0)
			break;
	}
	h = strtoull(w[13], &end, 16);
	if (got != len || *end != '\0' || buf[len - 1] != '\n' ||
	    len <= CM_JOURNAL_STAMP ||
	    memcmp(buf, w[14], CM_JOURNAL_STAMP) != 0 ||
	    buf[CM_JOURNAL_STAMP] != ',' ||
	    cm_fnv1a(CM_FNV1A_INIT, buf, len) != h) {
		free(buf);
		return 0;
	}
	memset(s, 0, sizeof(*s));
	s->tail = buf;
	s->tailoff = (size_t)v[7];
	s->size = s->end = (size_t)v[2];
	s->start = (size_t)v[5];
	s->hdrend = (size_t)v[6];
	s->hdrok = 1;
	s->run = (size_t)v[7];
	s->runtl = CM_JOURNAL_STAMP;
	s->runline = (long)v[8];
	s->endline = (long)v[9];
	s->nrun = (int)v[10];
	s->prevtime = s->nrun > 1 ? xstrdup(w[15]) : NULL;
	*tail = buf;
	return 1;
}

/*
 * Keep what the scan knew of the log, when the open left it as the scan
 * found it and no stray quote was in it (journal.h,
 * cm_journal_records_r): a commit then writes the record.
 */
static void
pos_keep(struct cm_register *r, const struct scan *s)
{
	struct logpos *p = &r->pos;

	pos_clear(p);
	if (r->logsize != (off_t)s->size || r->mended != 0 || !s->hdrok ||
	    s->resync || s->stray != 0 || s->end != s->size)
		return;
	p->valid = 1;
	p->size = (off_t)s->size;
	p->start = s->start;
	p->hdrend = s->hdrend;
	p->run = s->run;
	p->runline = s->runline;
	p->endline = s->endline;
	p->nrun = s->nrun;
	if (s->nrun > 0)
		p->runtime = xstrndup(AT(s, s->run), s->runtl);
	if (s->nrun > 1)
		p->prevtime = s->m != NULL ? xstrndup(s->m + s->prev,
		    s->prevtl) : xstrdup(s->prevtime);
}

/*
 * Steps b to e on the last run that the position record names, when the
 * log open on fd (st its fstat) bears the record out: the one use of
 * the record, a writer's open (which keeps the state for its commit)
 * and a reader's alike.  Returns 0 when there is no record the log bears
 * out (the caller scans), 1 when decided, -1 with err as decide.
 */
static int
decide_at_pos(struct cm_register *r, int fd, const struct stat *st,
    struct cm_error *err)
{
	struct scan s;
	char *tail;
	int rc;

	if (!pos_read(r, fd, st, &s, &tail))
		return 0;
	rc = decide(r, &s, err);
	if (rc == 0 && !r->ro)
		pos_keep(r, &s);
	free((char *)s.prevtime);
	free(tail);
	return rc < 0 ? -1 : 1;
}

/*
 * After a commit that appended the batch b (its records from offset
 * from of b, with time t) to a log that p described: write the record of
 * the log as it is now.  Best effort, and not made durable: a record
 * lost, torn or stale is no record (pos_read), and costs a scan.
 */
static void
pos_write(struct cm_register *r, const struct cm_buf *b, size_t from,
    const char *t)
{
	struct logpos *p = &r->pos;
	struct cm_buf l = { 0 };
	struct cm_error e2;
	struct stat st;
	const char *c;
	long endline;
	size_t run, hdrend, i;
	int fd, ok = 0;

	if (!p->valid || fstat(r->log.fd, &st) != 0 ||
	    st.st_size != r->log.size)
		goto out;
	run = (size_t)p->size + from;
	hdrend = from > 0 ? run : p->hdrend;
	endline = p->size == 0 ? 2 : p->endline;
	for (i = from, c = b->s; i < b->len; i++)
		endline += c[i] == '\n';
	cm_buf_printf(&l, POS_MAGIC " %ju %ju %jd %jd %ld %zu %zu %zu %ld %ld "
	    "%d %016llx %s %s", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
	    (intmax_t)st.st_size, (intmax_t)st.st_ctim.tv_sec,
	    (long)st.st_ctim.tv_nsec, p->size == 0 ? (size_t)0 : p->start,
	    hdrend, run, p->size == 0 ? 2L : p->endline, endline,
	    p->nrun > 0 ? 2 : 1, (unsigned long long)cm_fnv1a(CM_FNV1A_INIT,
	    b->s + from, b->len - from), t,
	    p->nrun > 0 ? p->runtime : "-");
	cm_buf_printf(&l, " %016llx\n",
	    (unsigned long long)cm_fnv1a(CM_FNV1A_INIT, l.s, l.len));
	if ((fd = cm_open_file(r->pospath, O_WRONLY | O_CREAT | O_TRUNC,
	    r->mode, &e2)) < 0)
		goto out;
	ok = write(fd, l.s, l.len) == (ssize_t)l.len;
	if (close(fd) != 0)
		ok = 0;
out:
	if (!ok)
		(void)unlink(r->pospath);
	cm_buf_free(&l);
}

/* Repair the log left by a writer that was killed (register.h). */
static int
repair_log(struct cm_register *r, struct cm_error *err)
{
	struct scan s = { 0 };
	struct stat st;
	void *m;
	int fd, rc;

	/* Never through a link, only a regular file (atomic.h). */
	if ((fd = cm_open_file(r->logpath, O_RDONLY, 0, err)) < 0) {
		if (errno != ENOENT)
			return -1;
		r->pos.valid = 1;	/* no log: the first commit's record */
		return 0;
	}
	if (fstat(fd, &st) != 0) {
		rc = cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", r->logpath, strerror(errno));
		close(fd);
		return rc;
	}
	if (st.st_size == 0) {
		close(fd);
		r->pos.valid = 1;
		return 0;
	}
	/* The position record, when the log bears it out (register.h). */
	if ((rc = decide_at_pos(r, fd, &st, err)) != 0) {
		close(fd);
		return rc < 0 ? -1 : 0;
	}
	/*
	 * Mapped, so the scan is memchr over one span.  No cm process
	 * truncates the log without the lock we hold; a hand edit that
	 * shrinks it meanwhile would kill us with SIGBUS before we have
	 * written anything, which loses nothing.
	 */
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot read '%s': %s", r->logpath, strerror(errno));
	madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
	s.m = s.tail = m;
	s.size = (size_t)st.st_size;
	if (s.size >= 3 && memcmp(s.m, BOM, 3) == 0)
		s.start = 3;
	scan_log(&s);
	s.hdrok = s.hdrend > 0 && header_ok(&s);
	s.runline = s.nrun > 0 ? line_at(s.m, 0, s.run, 1) : 0;
	s.endline = s.nrun > 0 ? line_at(s.m, s.run, s.end, s.runline) :
	    line_at(s.m, 0, s.end, 1);
	rc = decide(r, &s, err);
	if (rc == 0)
		pos_keep(r, &s);
	munmap(m, (size_t)st.st_size);
	return rc;
}

/*
 * A reader's view of the log (cm_register_read): the records are
 * streamed to find the last transaction, which is then read whole and
 * weighed as the repair would, so that lines of a transaction in flight
 * are left out instead of cut.
 */
static int
read_log_extent(struct cm_register *r, struct cm_error *err)
{
	struct scan s = { 0 };
	struct cm_journal_rd d;
	struct stat st;
	char *tail = NULL, *runtime = NULL;
	size_t n, e, got;
	ssize_t k;
	int fd, rc, seen = 0;

	/* Never through a link, never a FIFO (journal.h). */
	if ((fd = cm_journal_open_read(r->logpath, err)) < 0)
		return fd == -1 ? 0 : -1;
	if (fstat(fd, &st) != 0) {
		rc = cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", r->logpath, strerror(errno));
		close(fd);
		return rc;
	}
	/*
	 * The position record, read as a writer's open reads it and
	 * believed under the same checks (register.h, "Readers"); the
	 * reader writes, creates and repairs nothing for it.
	 */
	if ((rc = decide_at_pos(r, fd, &st, err)) != 0) {
		close(fd);
		return rc < 0 ? -1 : 0;
	}
	cm_journal_rd_file(&d, fd, st.st_size, 6);
	while ((rc = cm_journal_rd_next(&d, r->logpath, err)) == 1) {
		const char *raw = d.raw;

		e = (size_t)d.end;
		if (!seen++)
			s.start = (size_t)d.off;	/* after a BOM */
		if (d.torn) {
			s.inq = d.inq;
			s.endline = d.recline;
			break;
		}
		if (d.stray)
			s.stray = e;
		if (s.hdrend == 0) {
			s.hdrend = e;
			s.hdrok = cm_reg_is_header(&d);
		} else {
			/* The run's time, kept: the window moves on. */
			s.tail = runtime;
			s.tailoff = s.run;
			scan_record(&s, raw, (size_t)d.off, e);
			if (s.tailoff != s.run) {
				free(runtime);
				runtime = xstrndup(raw, s.runtl);
				s.runline = d.recline;
			}
		}
		s.end = e;
		s.endline = d.line;
	}
	n = (size_t)cm_journal_rd_seen(&d);	/* all that was there */
	cm_journal_rd_free(&d);
	free(runtime);
	if (rc < 0) {
		close(fd);
		return -1;
	}
	s.size = n;
	if (!seen)
		s.start = n;	/* nothing, or a BOM alone */
	s.tailoff = s.hdrend == 0 ? s.start : s.nrun > 0 ? s.run : s.end;
	tail = xmalloc(s.size - s.tailoff + 1);
	for (got = 0; got < s.size - s.tailoff; got += (size_t)k) {
		k = pread(fd, tail + got, s.size - s.tailoff - got,
		    (off_t)(s.tailoff + got));
		if (k < 0 && errno == EINTR) {
			k = 0;
			continue;
		}
		if (k <= 0)
			break;
	}
	close(fd);
	s.size = s.tailoff + got;	/* cut meanwhile: see the retry */
	if (s.end > s.size)
		s.end = s.size;
	s.tail = tail;
	rc = decide(r, &s, err);
	free(tail);
	return rc;
}

static int
check_columns(struct cm_register *r, const struct cm_register_opts *o,
    struct cm_error *err)
{
	const char *const *c;

	for (c = o->required; c != NULL && *c != NULL; c++)
		if (cm_table_col(r->t, *c) < 0)
			return cm_error_set(err, CM_DATA, r->path, 1, 0,
			    "not a register: no column '%s'", *c);
	if (o->key != NULL) {
		if ((r->key = cm_table_col(r->t, o->key)) < 0)
			return cm_error_set(err, CM_DATA, r->path, 1, 0,
			    "not a register: no column '%s'", o->key);
	}
	return 0;
}

struct cm_register *
cm_register_open(const char *path, const struct cm_register_opts *o,
    struct cm_error *err)
{
	struct cm_register *r = xcalloc(1, sizeof(*r));
	struct stat st;
	size_t n;
	mode_t um;

	r->key = -1;
	r->log.fd = -1;
	if (cm_atomic_begin(&r->a, path, CM_ATOMIC_LOCK, o->timeout,
	    err) < 0) {
		free(r);
		return NULL;
	}
	r->path = xstrdup(r->a.path);
	r->logpath = cm_journal_sibling(r->path, ".log");
	r->pospath = pos_name(r->logpath);
	if (stat(r->path, &st) == 0) {
		r->mode = st.st_mode & 0666;
		r->t = cm_table_load(r->path, o->csv, err);
		if (r->t == NULL)
			goto fail;
	} else if (errno == ENOENT && o->header != NULL) {
		um = umask(0);
		umask(um);
		r->mode = 0666 & ~um;
		r->isnew = 1;
		for (n = 0; o->header[n] != NULL; n++)
			;
		r->t = cm_table_new(r->path, o->header, n,
		    o->csv ? o->csv->delim : ',');
	} else {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot open '%s': %s",
		    r->path, strerror(errno));
		goto fail;
	}
	/* Without a key there is no log to keep, hence none to repair. */
	if (check_columns(r, o, err) < 0 ||
	    (r->key >= 0 && repair_log(r, err) < 0))
		goto fail;
	return r;

fail:
	reg_free(r);
	return NULL;
}

/* Whether two stats name one version of a file. */
static int
same_version(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* One try of cm_register_read; *stable says whether nothing moved. */
static struct cm_register *
read_once(const char *path, const struct cm_register_opts *o, int withlog,
    int *stable, struct cm_error *err)
{
	struct cm_register *r = xcalloc(1, sizeof(*r));
	struct stat st, st2, lst, lst2;
	char *real;
	int haslog;

	r->key = -1;
	r->log.fd = -1;
	r->ro = 1;
	r->a.lockfd = -1;
	r->a.slot = -1;
	/* The log of a linked register is the one beside its target. */
	real = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) ?
	    realpath(path, NULL) : NULL;
	r->path = real != NULL ? real : xstrdup(path);
	r->logpath = cm_journal_sibling(r->path, ".log");
	r->pospath = pos_name(r->logpath);
	if (stat(r->path, &st) != 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot open '%s': %s",
		    r->path, strerror(errno));
		goto fail;
	}
	r->mode = st.st_mode & 0666;
	haslog = withlog && stat(r->logpath, &lst) == 0;
	if ((r->t = cm_table_load(r->path, o->csv, err)) == NULL ||
	    check_columns(r, o, err) < 0 ||
	    (withlog && r->key >= 0 && read_log_extent(r, err) < 0))
		goto fail;
	*stable = stat(r->path, &st2) == 0 && same_version(&st, &st2) &&
	    (!haslog || (stat(r->logpath, &lst2) == 0 &&
	    same_version(&lst, &lst2)));
	return r;

fail:
	reg_free(r);
	return NULL;
}

struct cm_register *
cm_register_read(const char *path, const struct cm_register_opts *o,
    int withlog, struct cm_error *err)
{
	struct timespec nap = { 0, 5 * 1000 * 1000 };
	struct cm_register *r;
	int stable, tries;

	/*
	 * A writer that renames a new register, or appends to the log,
	 * while we read could pair one version of the register with
	 * another's log: read again until nothing moved (a writer holds
	 * the lock for milliseconds), and after that make do.
	 */
	for (tries = 0;; tries++) {
		if ((r = read_once(path, o, withlog, &stable, err)) == NULL)
			return NULL;
		if (stable || tries == 20)
			return r;
		reg_free(r);
		nanosleep(&nap, NULL);
	}
}

struct cm_table *
cm_register_table(struct cm_register *r)
{
	return r->t;
}

int
cm_register_is_new(const struct cm_register *r)
{
	return r->isnew;
}

const char *
cm_register_path(const struct cm_register *r)
{
	return r->path;
}

long
cm_register_mended(const struct cm_register *r)
{
	return r->mended;
}

const char *
cm_register_logpath(const struct cm_register *r)
{
	return r->logpath;
}

void
cm_register_log(struct cm_register *r, const char *id, const char *field,
    const char *old_value, const char *new_value)
{
	struct qline *l;

	r->q = xgrow(r->q, &r->qcap, r->nq + 1, sizeof(*r->q));
	l = &r->q[r->nq++];
	l->id = xstrdup(id ? id : "");
	l->field = xstrdup(field ? field : "");
	l->old = xstrdup(old_value ? old_value : "");
	l->new = xstrdup(new_value ? new_value : "");
}

int
cm_register_set(struct cm_register *r, size_t row, size_t col,
    const char *value, struct cm_error *err)
{
	const char *old = cm_table_get(r->t, row, col), *orig, *id;

	if (value == NULL)
		value = "";
	if (r->ro)
		return cm_error_set(err, CM_SYSTEM, r->path, 0, 0,
		    "register opened to read only");
	if (r->key < 0)
		return cm_error_set(err, CM_SYSTEM, r->path, 0, 0,
		    "register has no key column to log changes by");
	if (strcmp(old, value) == 0)
		return 0;
	/* A row's id names it in the log, before and after: it is fixed. */
	orig = cm_table_orig(r->t, row, col);
	if ((size_t)r->key == col && orig != NULL && *orig != '\0')
		return cm_error_set(err, CM_DATA, r->path,
		    cm_table_line(r->t, row), 0,
		    "cannot change the %s of a row ('%s')",
		    cm_table_colname(r->t, col), orig);
	id = (size_t)r->key == col ? value : cm_table_get(r->t, row,
	    (size_t)r->key);
	cm_register_log(r, id, cm_table_colname(r->t, col), old, value);
	cm_table_set(r->t, row, col, value);
	return 0;
}

/*
 * The queued lines must start from the register's values and end at the
 * table's (cm_register_commit): the repair relies on it.
 */
static int
check_queue(struct cm_register *r, struct cm_error *err)
{
	struct pairs p = { 0 };
	const char *cur, *orig;
	size_t i, row, nrows;
	int rc = 0, k;

	if (r->nq > 0 && r->key < 0)
		return cm_error_set(err, CM_SYSTEM, r->path, 0, 0,
		    "register has no key column to log changes by");
	for (i = 0; i < r->nq; i++)
		pairs_see(&p, r->q[i].id, r->q[i].field, r->q[i].old,
		    r->q[i].new, 0);
	for (i = 0; i < p.n && rc == 0; i++) {
		struct pair *e = &p.v[i];

		k = pair_cell(r, e, &cur, &row, &nrows);
		if (k == -2)
			rc = cm_error_set(err, CM_DATA, r->path, 0, 0,
			    "id '%s' is on %zu rows", e->id, nrows);
		if (k != 1)
			continue;
		orig = row == (size_t)-1 ? NULL : cm_table_orig(r->t, row,
		    (size_t)cm_table_col(r->t, e->field));
		if (orig == NULL)
			orig = "";
		if (strcmp(e->first, orig) != 0 || strcmp(e->last, cur) != 0)
			rc = cm_error_set(err, CM_SYSTEM, r->path, 0, 0,
			    "history of id '%s' field '%s' does not match "
			    "the register: logged '%s' to '%s', "
			    "register '%s' to '%s'", e->id, e->field,
			    e->first, e->last, orig, cur);
	}
	cm_reg_pairs_free(&p);
	return rc;
}

/*
 * Local time with its offset, to the microsecond, never the time of the
 * log's last transaction: the time is what tells transactions apart.
 */
static char *
stamp(const char *last)
{
	char buf[128], date[64];
	struct timespec ts, nap = { 0, 1000 };
	struct tm tm;
	int off;

	for (;;) {
		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		/* UTC offsets stay within a day; the % keeps that visible. */
		off = (int)(tm.tm_gmtoff / 60 % (24 * 60));
		snprintf(buf, sizeof(buf), "%s.%06d%c%02d:%02d", date,
		    (int)(ts.tv_nsec / 1000), off < 0 ? '-' : '+',
		    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
		if (last == NULL || strcmp(buf, last) != 0)
			return xstrdup(buf);
		nanosleep(&nap, NULL);
	}
}

static const char *
user_name(void)
{
	static char uid[32];
	const char *names[] = { "CM_USER", "USER", "LOGNAME" };
	struct passwd *pw;
	const char *s;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((s = getenv(names[i])) != NULL && *s != '\0')
			return s;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_name != NULL)
		return pw->pw_name;
	snprintf(uid, sizeof(uid), "%ld", (long)getuid());
	return uid;
}


/*
 * Append the queued lines in one write(2) per try, then fsync (step 3;
 * journal.h).  On failure the log is cut back to where it was: we still
 * hold the lock, so nobody can have appended since.
 */
static int
append_log(struct cm_register *r, struct cm_buf *b, size_t *from, char **t,
    struct cm_error *err)
{
	const char *f[6];
	size_t i;

	*t = stamp(r->lasttime);
	f[0] = *t;
	f[1] = user_name();
	if (r->logsize == 0)
		cm_table_record(b, log_cols, 6, ',');
	*from = b->len;		/* the transaction's records start here */
	for (i = 0; i < r->nq; i++) {
		f[2] = r->q[i].id;
		f[3] = r->q[i].field;
		f[4] = r->q[i].old;
		f[5] = r->q[i].new;
		cm_table_record(b, f, 6, ',');
	}
	/* A new log gets the register's permissions, not our umask's. */
	if (log_open(r, 1, err) < 0)
		return -1;
	r->log.size = r->logsize;	/* what the repair left */
	return cm_journal_append(&r->log, b->s, b->len, err);
}

int
cm_register_commit(struct cm_register *r, struct cm_error *err)
{
	struct stat tmp, now;
	struct cm_error e2;
	struct cm_buf b = { 0 };
	char *t = NULL;
	size_t from = 0;
	int lock = -1, rc = -1;

	if (r->ro) {
		cm_error_set(err, CM_SYSTEM, r->path, 0, 0,
		    "register opened to read only");
		goto done;
	}
	if (check_queue(r, err) < 0)
		goto done;
	if (!r->isnew && r->nq == 0 && !cm_table_changed(r->t)) {
		rc = 0;		/* nothing to write */
		goto done;
	}
	/* Step 2: the new register, in PATH.tmp. */
	if (cm_table_write(r->t, r->a.fp, err) < 0)
		goto done;
	if (fflush(r->a.fp) != 0 || fstat(fileno(r->a.fp), &tmp) != 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "write error on '%s': %s", r->path, strerror(errno));
		goto done;
	}
	/* Step 3: the lines, durable in the log. */
	if (r->nq > 0 && append_log(r, &b, &from, &t, err) < 0)
		goto done;
	/*
	 * Step 4.  cm_atomic_commit releases the lock even when it fails;
	 * a second descriptor for the lock file keeps it ours (a flock
	 * belongs to the open file, not to the descriptor) until the log
	 * agrees with whichever register the failure left.
	 */
	if (r->nq > 0 && (lock = fcntl(r->a.lockfd, F_DUPFD_CLOEXEC, 0)) < 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot keep lock: %s",
		    strerror(errno));
		cut_log(r, r->logsize, &e2);
		goto done;
	}
	if (cm_atomic_commit(&r->a, err) < 0) {
		/* Renamed (the directory fsync failed): the lines stand. */
		if (r->nq > 0 && !(stat(r->path, &now) == 0 &&
		    now.st_dev == tmp.st_dev && now.st_ino == tmp.st_ino))
			cut_log(r, r->logsize, &e2);
		goto done;
	}
	/* Committed; still under the lock, the log's position record. */
	if (r->nq > 0)
		pos_write(r, &b, from, t);
	rc = 0;
done:
	if (lock >= 0)
		close(lock);
	cm_buf_free(&b);
	free(t);
	reg_free(r);
	return rc;
}

void
cm_register_abort(struct cm_register *r)
{
	if (r != NULL)
		reg_free(r);
}
