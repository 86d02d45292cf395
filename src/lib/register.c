/*
 * register.c: locked transactions over a register and its history log
 * (see register.h for the protocol and why it holds).
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "csvin.h"
#include "enc.h"
#include "register.h"
#include "share.h"
#include "table.h"
#include "xalloc.h"

#define LOG_HEADER	"time,user,id,field,old,new"
#define BOM		"\xef\xbb\xbf"

static const char *const log_cols[] = {
	"time", "user", "id", "field", "old", "new"
};

/* One queued history line. */
struct qline {
	char *id, *field, *old, *new;
};

struct cm_register {
	struct cm_atomic a;	/* the lock and PATH.tmp */
	char *path;		/* a.path: the register, through links */
	char *logpath;
	struct cm_table *t;
	int isnew;
	int key;		/* the key column, or -1 */
	mode_t mode;		/* the register's; a new log gets it too */

	off_t logsize;		/* after repair; 0 when there is none */
	int logexists;
	char *lasttime;		/* time of the log's last transaction */

	struct qline *q;
	size_t nq, qcap;
};

/*
 * (id, field) pairs with the first old and last new value seen, for the
 * repair, the check and the commit's own test.  Open addressing over a
 * power-of-two table; pairs are never removed.
 */
struct pair {
	char *id, *field;	/* NULL: a free slot */
	uint64_t h;
	char *first, *last;
	long line;		/* of the last line seen */
	size_t n;		/* lines seen */
};

struct pairs {
	struct pair *v;
	size_t n, cap;
};

static uint64_t
hash2(const char *a, const char *b)
{
	uint64_t h = UINT64_C(14695981039346656037);

	while (*a != '\0')
		h = (h ^ (unsigned char)*a++) * UINT64_C(1099511628211);
	h = (h ^ 0xff) * UINT64_C(1099511628211);	/* no byte of UTF-8 */
	while (*b != '\0')
		h = (h ^ (unsigned char)*b++) * UINT64_C(1099511628211);
	return h;
}

static struct pair *
pair_slot(struct pair *v, size_t cap, const char *id, const char *field,
    uint64_t h)
{
	size_t mask = cap - 1, i = (size_t)h & mask;

	for (;; i = (i + 1) & mask)
		if (v[i].id == NULL || (v[i].h == h &&
		    strcmp(v[i].id, id) == 0 && strcmp(v[i].field, field) == 0))
			return &v[i];
}

/* The pair (id, field), added empty when it is not there yet. */
static struct pair *
pairs_get(struct pairs *p, const char *id, const char *field)
{
	uint64_t h = hash2(id, field);
	struct pair *e, *ov = p->v;
	size_t i, ocap = p->cap;

	if ((p->n + 1) * 4 > p->cap * 3) {
		p->cap = ocap ? ocap * 2 : 64;
		p->v = xcalloc(p->cap, sizeof(*p->v));
		for (i = 0; i < ocap; i++)
			if (ov[i].id != NULL)
				*pair_slot(p->v, p->cap, ov[i].id,
				    ov[i].field, ov[i].h) = ov[i];
		free(ov);
	}
	e = pair_slot(p->v, p->cap, id, field, h);
	if (e->id == NULL) {
		e->id = xstrdup(id);
		e->field = xstrdup(field);
		e->h = h;
		p->n++;
	}
	return e;
}

/* Record that id's field went from old to new at line. */
static void
pairs_see(struct pairs *p, const char *id, const char *field,
    const char *old, const char *new, long line)
{
	struct pair *e = pairs_get(p, id, field);

	if (e->n++ == 0)
		e->first = xstrdup(old);
	free(e->last);
	e->last = xstrdup(new);
	e->line = line;
}

static void
pairs_free(struct pairs *p)
{
	size_t i;

	for (i = 0; i < p->cap; i++)
		if (p->v[i].id != NULL) {
			free(p->v[i].id);
			free(p->v[i].field);
			free(p->v[i].first);
			free(p->v[i].last);
		}
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
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

/* The log is the register's path with ".log" for its extension. */
static char *
log_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot != NULL && dot != base ? (size_t)(dot - path) :
	    strlen(path);
	char *p = xmalloc(n + sizeof(".log"));

	memcpy(p, path, n);
	memcpy(p + n, ".log", sizeof(".log"));
	/* A register called x.log must not be its own log. */
	if (strcmp(p, path) == 0) {
		free(p);
		p = xmalloc(strlen(path) + sizeof(".log"));
		strcpy(p, path);
		strcat(p, ".log");
	}
	return p;
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
reg_free(struct cm_register *r)
{
	cm_atomic_abort(&r->a);	/* harmless when already done */
	cm_table_free(r->t);
	free_queue(r);
	free(r->path);
	free(r->logpath);
	free(r->lasttime);
	free(r);
}

/*
 * The log, mapped whole, as the repair sees it.  Offsets are into the
 * file; tl is the length of a time field (the bytes of a record up to its
 * first comma).
 */
struct scan {
	const char *m;
	size_t size;
	size_t start;		/* after a BOM */
	size_t hdrend;		/* end of the header record; 0: none */
	size_t end;		/* end of the last complete record */
	size_t run, runtl;	/* the last run of records with one time */
	size_t prev, prevtl;	/* and the run before it */
	int nrun;		/* runs seen, up to 2 */
};

static size_t
time_len(const char *s, size_t n)
{
	const char *c = memchr(s, ',', n);

	return c ? (size_t)(c - s) : n;
}

/*
 * Find the records of the log (register.h, step a).  Outside quotes the
 * next quote or newline is looked for with memchr, inside them the next
 * quote: a record is a couple of calls, so a long log scans at memory
 * speed.  A doubled quote inside a quoted field closes and reopens it,
 * which leaves the parity right.
 */
static void
scan_log(struct scan *s)
{
	const char *m = s->m, *nl, *q, *c;
	size_t p = s->start, rec = p, e, tl;

	while (p < s->size) {
		nl = memchr(m + p, '\n', s->size - p);
		q = memchr(m + p, '"', (nl ? (size_t)(nl - m) : s->size) - p);
		if (q != NULL) {
			c = memchr(q + 1, '"', s->size - (size_t)(q + 1 - m));
			if (c == NULL)
				break;		/* torn inside quotes */
			p = (size_t)(c + 1 - m);
			continue;
		}
		if (nl == NULL)
			break;			/* torn outside quotes */
		e = (size_t)(nl + 1 - m);
		if (s->hdrend == 0)
			s->hdrend = e;
		else {
			tl = time_len(m + rec, e - rec);
			if (s->nrun == 0 || tl != s->runtl ||
			    memcmp(m + rec, m + s->run, tl) != 0) {
				s->prev = s->run;
				s->prevtl = s->runtl;
				s->run = rec;
				s->runtl = tl;
				if (s->nrun < 2)
					s->nrun++;
			}
		}
		s->end = e;
		p = rec = e;
	}
}

static long
line_at(const struct scan *s, size_t off)
{
	const char *p = s->m, *nl;
	long n = 1;

	while ((nl = memchr(p, '\n', (size_t)(s->m + off - p))) != NULL) {
		n++;
		p = nl + 1;
	}
	return n;
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
 * Weigh the last transaction (register.h, step b): how many cells show
 * its after value (*committed) and how many its before value (*not).
 * Lines are parsed by csvin, behind a header of our own, so that their
 * line numbers in messages are the log's.
 */
static int
weigh(struct cm_register *r, const struct scan *s, int *committed,
    int *not, struct cm_error *err)
{
	struct cm_csv_opts o = { ',', "utf-8", NULL };
	struct pairs p = { 0 };
	struct cm_buf b = { 0 };
	struct cm_csv *c;
	struct cm_in *in;
	long first = line_at(s, s->run);
	const char *cur;
	size_t i, row, nrows;
	int rc;

	*committed = *not = 0;
	cm_buf_adds(&b, LOG_HEADER "\n");
	cm_buf_add(&b, s->m + s->run, s->end - s->run);
	if ((in = cm_in_open_mem(r->logpath, b.s, b.len, "utf-8",
	    err)) == NULL) {
		cm_buf_free(&b);
		return -1;
	}
	if ((c = cm_csv_open_in(in, &o, err)) == NULL) {
		cm_buf_free(&b);
		return -1;
	}
	while ((rc = cm_csv_next(c, err)) == 1)
		pairs_see(&p, cm_csv_field(c, 2), cm_csv_field(c, 3),
		    cm_csv_field(c, 4), cm_csv_field(c, 5),
		    cm_csv_line(c) - 2 + first);
	if (rc < 0 && err->line > 0)
		err->line += first - 2;
	cm_csv_close(c);
	cm_buf_free(&b);
	if (rc < 0) {
		pairs_free(&p);
		return -1;
	}
	for (i = 0; i < p.cap; i++) {
		struct pair *e = &p.v[i];

		if (e->id == NULL || strcmp(e->first, e->last) == 0 ||
		    pair_cell(r, e, &cur, &row, &nrows) != 1)
			continue;
		if (strcmp(cur, e->last) == 0)
			(*committed)++;
		else if (strcmp(cur, e->first) == 0)
			(*not)++;
	}
	pairs_free(&p);
	return 0;
}

/* Cut the log back to size bytes and make that durable. */
static int
cut_log(struct cm_register *r, off_t size, struct cm_error *err)
{
	int fd, e;

	if ((fd = cm_open_file(r->logpath, O_WRONLY, 0, err)) < 0)
		return -1;
	if (ftruncate(fd, size) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot repair '%s': %s", r->logpath, strerror(e));
	}
	close(fd);
	return 0;
}

/*
 * Decide what to cut (register.h, steps b to d) and cut it.  Returns 0
 * with r->logsize and r->lasttime set, or -1.
 */
static int
decide(struct cm_register *r, const struct scan *s, struct cm_error *err)
{
	const char *x = s->m + s->end, *run = s->m + s->run;
	size_t cut = s->size, xlen = s->size - s->end, xtl;
	int committed, not, undone;

	if (s->hdrend == 0) {
		/* No whole header: a first append cut short, or not ours. */
		if (s->size - s->start > sizeof(LOG_HEADER) ||
		    memcmp(s->m + s->start, LOG_HEADER "\n",
		    s->size - s->start) != 0)
			return cm_error_set(err, CM_DATA, r->logpath, 1, 0,
			    "not a history log: the first line is not '%s'",
			    LOG_HEADER);
		cut = 0;
	} else if (!header_ok(s))
		return cm_error_set(err, CM_DATA, r->logpath, 1, 0,
		    "not a history log: the first line is not '%s'",
		    LOG_HEADER);
	else if (s->nrun == 0)
		cut = s->end;	/* no transaction, perhaps a torn one */
	else {
		if (weigh(r, s, &committed, &not, err) < 0)
			return -1;
		undone = not > 0 && committed == 0;
		if (xlen == 0)
			cut = undone ? s->run : s->end;
		else if ((xtl = time_len(x, xlen)) < xlen)
			/*
			 * The torn record's time is whole: the run is its
			 * transaction exactly when the times are equal.
			 */
			cut = xtl == s->runtl && memcmp(x, run, xtl) == 0 ?
			    s->run : s->end;
		else
			/*
			 * Its time is torn too.  A prefix of the run's time
			 * may or may not be the same transaction: the
			 * evidence decides, and a run that shows none
			 * stays, as in step d.
			 */
			cut = xtl <= s->runtl && memcmp(x, run, xtl) == 0 &&
			    undone ? s->run : s->end;
	}

	if (cut < s->size && cut_log(r, (off_t)cut, err) < 0)
		return -1;
	r->logsize = (off_t)cut;
	if (s->nrun > 0 && cut > s->run)
		r->lasttime = xstrndup(run, s->runtl);
	else if (s->nrun > 1)
		r->lasttime = xstrndup(s->m + s->prev, s->prevtl);
	return 0;
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
	if ((fd = cm_open_file(r->logpath, O_RDONLY, 0, err)) < 0)
		return errno == ENOENT ? 0 : -1;
	r->logexists = 1;
	if (fstat(fd, &st) != 0) {
		rc = cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", r->logpath, strerror(errno));
		close(fd);
		return rc;
	}
	if (st.st_size == 0) {
		close(fd);
		return 0;
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
	s.m = m;
	s.size = (size_t)st.st_size;
	if (s.size >= 3 && memcmp(s.m, BOM, 3) == 0)
		s.start = 3;
	scan_log(&s);
	rc = decide(r, &s, err);
	munmap(m, (size_t)st.st_size);
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
	if (cm_atomic_begin(&r->a, path, CM_ATOMIC_LOCK, o->timeout,
	    err) < 0) {
		free(r);
		return NULL;
	}
	r->path = xstrdup(r->a.path);
	r->logpath = log_path(r->path);
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
	for (i = 0; i < p.cap && rc == 0; i++) {
		struct pair *e = &p.v[i];

		if (e->id == NULL)
			continue;
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
	pairs_free(&p);
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
 * Append the queued lines in one write(2) per try, then fsync (step 3).
 * On failure the log is cut back to where it was: we still hold the
 * lock, so nobody can have appended since.
 */
static int
append_log(struct cm_register *r, struct cm_error *err)
{
	struct cm_buf b = { 0 };
	struct cm_error e2;
	const char *f[6];
	struct stat st;
	char *t;
	size_t i, done = 0;
	ssize_t n;
	int fd, e, created;

	t = stamp(r->lasttime);
	f[0] = t;
	f[1] = user_name();
	if (r->logsize == 0)
		cm_table_record(&b, log_cols, 6, ',');
	for (i = 0; i < r->nq; i++) {
		f[2] = r->q[i].id;
		f[3] = r->q[i].field;
		f[4] = r->q[i].old;
		f[5] = r->q[i].new;
		cm_table_record(&b, f, 6, ',');
	}
	free(t);

	fd = cm_open_file(r->logpath, O_WRONLY | O_APPEND | O_CREAT, r->mode,
	    err);
	if (fd < 0) {
		cm_buf_free(&b);
		return -1;
	}
	created = !r->logexists;
	if (fstat(fd, &st) != 0 || st.st_size != r->logsize) {
		close(fd);
		cm_buf_free(&b);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "'%s' changed while the register was locked",
		    r->logpath);
	}
	/* A new log gets the register's permissions, not our umask's. */
	if (created)
		(void)fchmod(fd, r->mode);
	while (done < b.len) {
		n = write(fd, b.s + done, b.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0) {
		e = errno;
		goto fail;
	}
	close(fd);
	cm_buf_free(&b);
	/*
	 * A new log's name must be durable before the register points at
	 * lines in it.
	 */
	if (created && cm_fsync_parent(r->logpath, err) < 0) {
		cut_log(r, r->logsize, &e2);
		return -1;
	}
	return 0;

fail:
	cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "write error on '%s': %s",
	    r->logpath, strerror(e));
	if (ftruncate(fd, r->logsize) == 0)
		fsync(fd);
	close(fd);
	cm_buf_free(&b);
	return -1;
}

int
cm_register_commit(struct cm_register *r, struct cm_error *err)
{
	struct stat tmp, now;
	struct cm_error e2;
	int lock = -1, rc = -1;

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
	if (r->nq > 0 && append_log(r, err) < 0)
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
	rc = 0;
done:
	if (lock >= 0)
		close(lock);
	reg_free(r);
	return rc;
}

void
cm_register_abort(struct cm_register *r)
{
	if (r != NULL)
		reg_free(r);
}

static void
add_finding(struct cm_findings *f, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_finding(struct cm_findings *f, long line, const char *fmt, ...)
{
	struct cm_buf b = { 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	b.s = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n].line = line;
	f->v[f->n].msg = b.s;
	f->n++;
}

static int
by_line(const void *a, const void *b)
{
	const struct cm_finding *x = a, *y = b;

	if (x->line != y->line)
		return (x->line > y->line) - (x->line < y->line);
	return strcmp(x->msg, y->msg);	/* the same output every night */
}

static int
read_log(struct cm_register *r, struct pairs *p, struct cm_error *err)
{
	struct cm_csv_opts o = { ',', "utf-8", NULL };
	struct cm_csv *c;
	size_t i;
	int rc;

	if ((c = cm_csv_open(r->logpath, &o, err)) == NULL)
		return -1;
	if (cm_csv_ncols(c) != 6)
		goto bad;
	for (i = 0; i < 6; i++)
		if (strcmp(cm_csv_rawname(c, i), log_cols[i]) != 0)
			goto bad;
	while ((rc = cm_csv_next(c, err)) == 1)
		pairs_see(p, cm_csv_field(c, 2), cm_csv_field(c, 3),
		    cm_csv_field(c, 4), cm_csv_field(c, 5), cm_csv_line(c));
	cm_csv_close(c);
	return rc;
bad:
	cm_csv_close(c);
	return cm_error_set(err, CM_DATA, r->logpath, 1, 0,
	    "not a history log: the first line is not '%s'", LOG_HEADER);
}

long
cm_register_check(struct cm_register *r, struct cm_findings *f,
    struct cm_error *err)
{
	struct pairs p = { 0 }, dup = { 0 };
	struct pair *d;
	const char *cur;
	size_t i, row, nrows, first = f->n;
	struct stat st;

	if (r->key < 0 || stat(r->logpath, &st) != 0 || st.st_size == 0)
		return 0;
	if (read_log(r, &p, err) < 0) {
		pairs_free(&p);
		return -1;
	}
	for (i = 0; i < p.cap; i++) {
		struct pair *e = &p.v[i];

		if (e->id == NULL)
			continue;
		switch (pair_cell(r, e, &cur, &row, &nrows)) {
		case -2:
			/* Once per id, at the latest line that names it. */
			d = pairs_get(&dup, e->id, "");
			d->n = nrows;
			if (e->line > d->line)
				d->line = e->line;
			break;
		case 1:
			if (strcmp(cur, e->last) == 0)
				break;
			if (row == (size_t)-1)
				add_finding(f, e->line, "id '%s' field '%s': "
				    "logged '%s', but '%s' has no such id",
				    e->id, e->field, e->last, r->path);
			else
				add_finding(f, e->line, "id '%s' field '%s': "
				    "logged '%s', but '%s' line %ld has '%s'",
				    e->id, e->field, e->last, r->path,
				    cm_table_line(r->t, row), cur);
			break;
		}
	}
	for (i = 0; i < dup.cap; i++)
		if (dup.v[i].id != NULL)
			add_finding(f, dup.v[i].line, "id '%s' is on %zu rows "
			    "of '%s'", dup.v[i].id, dup.v[i].n, r->path);
	pairs_free(&p);
	pairs_free(&dup);
	if (f->n > first)	/* f->v is NULL while the list is empty */
		qsort(f->v + first, f->n - first, sizeof(*f->v), by_line);
	return (long)(f->n - first);
}

void
cm_findings_free(struct cm_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].msg);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}
