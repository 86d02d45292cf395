/*
 * append.c: movements appended to the journal, all or nothing (000
 * §5.1.1: what arrived, what inspection found, where it went).
 *
 * The protocol (src/lib/journal.h tells why a crash at any byte leaves
 * the old journal or the new one), under the journal's lock:
 *   1. recover: the snapshot says how much of the journal is committed;
 *      bytes past it are a batch whose writer died before its commit
 *      point, and are cut.  A snapshot that cannot be trusted (missing,
 *      damaged, longer than the journal, ending inside a line) is
 *      rebuilt by folding the whole journal.
 *   2. validate the whole batch, every input, against the balances;
 *   3. append it in one cm_journal_append (a new journal: its snapshot
 *      of nothing first, then the header as part of the first batch);
 *   4. write the new snapshot with cm_atomic: its rename commits.
 * An append costs the batch and one snapshot (customers x parts), never
 * a read of the journal.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "csvout.h"
#include "journal.h"
#include "msg.h"
#include "receive.h"
#include "xalloc.h"

static long long
count_lines(const char *s, size_t n)
{
	long long k = 0;
	const char *p = s, *end = s + n;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

static void
write_header(struct cm_buf *out)
{
	cm_csv_record(out, journal_cols, C_N, ',', 0);
}

/*
 * Open a new file to keep what a cut removes: the journal's name with
 * ".cut." and the time, "-2", "-3"... added if a cut in the same second
 * made one: every cut gets a file of its own, never added to another, so
 * that each one can be weighed and dealt with once.
 */
static char *
open_keep(struct ctx *c, struct cm_journal *k, mode_t mode)
{
	struct cm_error err;
	struct cm_buf p = {0};
	char stamp[32];
	time_t now = time(NULL);
	int n;

	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", localtime(&now));
	for (n = 1;; n++) {
		cm_buf_reset(&p);
		cm_buf_printf(&p, "%s.cut.%s", c->journal, stamp);
		if (n > 1)
			cm_buf_printf(&p, "-%d", n);
		if (cm_journal_open(k, p.s, 1, mode, &err) < 0)
			cm_die_error(&err);
		if (k->created && k->size == 0)
			return p.s;
		cm_journal_close(k);
		if (n == 100)
			cm_die(CM_SYSTEM, "cannot make a new '%s.cut.%s': 100 "
			    "exist", c->journal, stamp);
	}
}

/*
 * Copy the bytes past to into a file of their own before they go: they
 * are a batch whose writer died before its commit point, which no one
 * was told had happened, but they may also be rows somebody added by
 * hand, and cm loses nothing a person wrote.  The file starts with the
 * journal's header, so that once looked over (a killed batch is usually
 * run again) what is missing can be appended.  A tail that is all or
 * part of the header alone (a first batch cut short) holds no rows and
 * is not kept.  Returns the file's path, or NULL.
 */
static char *
keep_aside(struct ctx *c, struct cm_journal *j, long long to)
{
	struct cm_journal k;
	struct cm_error err;
	struct cm_buf b = {0}, h = {0};
	struct stat st;
	off_t at = (off_t)to;
	char *path = NULL;
	ssize_t r;

	write_header(&h);
	while (at < j->size) {
		char block[65536];
		size_t want = (size_t)(j->size - at) < sizeof(block) ?
		    (size_t)(j->size - at) : sizeof(block);

		r = pread(j->fd, block, want, at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			cm_die(CM_SYSTEM, "cannot read '%s': %s", c->journal,
			    r < 0 ? strerror(errno) : _("cut short"));
		cm_buf_add(&b, block, (size_t)r);
		at += r;
	}
	/* A first batch's tail starts with the header, or a piece of it. */
	if (to == 0 && b.len > 0 && memcmp(b.s, h.s, b.len < h.len ? b.len :
	    h.len) == 0) {
		size_t drop = b.len < h.len ? b.len : h.len;

		memmove(b.s, b.s + drop, b.len - drop);
		b.len -= drop;
	}
	if (b.len > 0) {
		if (b.s[b.len - 1] != '\n')	/* a torn line stays apart */
			cm_buf_addc(&b, '\n');
		if (fstat(j->fd, &st) != 0)
			cm_die(CM_SYSTEM, "cannot stat '%s': %s", c->journal,
			    strerror(errno));
		path = open_keep(c, &k, st.st_mode & 0666);
		cm_buf_add(&h, b.s, b.len);
		if (cm_journal_append(&k, h.s, h.len, &err) < 0)
			cm_die_error(&err);
		cm_journal_close(&k);
	}
	cm_buf_free(&b);
	cm_buf_free(&h);
	return path;
}

/* lines < 0: no snapshot says where the batch began. */
static void
cut(struct ctx *c, struct cm_journal *j, long long to, long long lines)
{
	struct cm_error err;
	struct cm_buf kept = {0};
	char *path = keep_aside(c, j, to);

	if (path != NULL)
		cm_buf_printf(&kept, _(" (kept in '%s')"), path);
	else
		cm_buf_adds(&kept, _(" (a piece of the header: nothing kept)"));
	if (lines >= 0)
		cm_notice("%s: cut %lld bytes after line %lld, a batch whose "
		    "writer stopped before committing it%s", c->journal,
		    (long long)j->size - to, lines, kept.s);
	else
		cm_notice("%s: cut %lld bytes of an unfinished last line, "
		    "left by a writer that stopped before committing it%s",
		    c->journal, (long long)j->size - to, kept.s);
	free(path);
	cm_buf_free(&kept);
	if (cm_journal_cut(j, (off_t)to, &err) < 0)
		cm_die_error(&err);
}

/* Name the first column where the header read differs from ours. */
static _Noreturn void
header_differs(struct ctx *c, char *got)
{
	char *p = got, *name;
	int k;

	for (k = 0; k < C_N; k++) {
		if (p == NULL)
			cm_dieat(CM_DATA, c->journal, 1, 0, "header ends before "
			    "column %d, '%s', of the journal's", k + 1,
			    journal_cols[k]);
		name = strsep(&p, ",");
		if (strcmp(name, journal_cols[k]) != 0)
			cm_dieat(CM_DATA, c->journal, 1, 0, "header's column "
			    "%d is '%s', where the journal has '%s'", k + 1,
			    cm_msg_value(name), journal_cols[k]);
	}
	cm_dieat(CM_DATA, c->journal, 1, 0, "header has a column %d, '%s', "
	    "past the journal's %d", C_N + 1, cm_msg_value(p), C_N);
}

/*
 * Rows go out in the journal's column order, so a journal whose header
 * says otherwise (edited by hand) would take them under the wrong names.
 */
static void
check_header(struct ctx *c, struct cm_journal *j)
{
	/* Static: a refusal exits from inside, and nothing may leak. */
	static struct cm_buf want, read;
	static char *got;
	ssize_t n;

	write_header(&want);
	/* Room to quote a longer header than ours. */
	got = xmalloc(want.len + 256);
	n = pread(j->fd, got, want.len + 256, 0);
	if (n < 0)
		cm_die(CM_SYSTEM, "cannot read '%s': %s", c->journal,
		    strerror(errno));
	if ((size_t)n < want.len || memcmp(got, want.s, want.len) != 0) {
		const char *nl = memchr(got, '\n', (size_t)n);

		cm_buf_add(&read, got, nl ? (size_t)(nl - got) : (size_t)n);
		if (read.len == want.len && read.s[read.len - 1] == '\r' &&
		    memcmp(read.s, want.s, want.len - 1) == 0)
			cm_dieat(CM_DATA, c->journal, 1, 0, "line ends are CRLF "
			    "(saved by another program?); the journal's are "
			    "LF");
		cm_buf_addc(&read, '\0');
		header_differs(c, read.s);
	}
	free(got);
	got = NULL;
	cm_buf_free(&want);
}

/* Step 1: the committed journal's balances in b and extent in s. */
static void
recover(struct ctx *c, struct cm_journal *j, struct book *b, struct snap *s)
{
	struct cm_buf why = {0};
	struct jread jr;
	long long end;
	char ch = '\n';

	if (snap_read(c->snapshot, b, s, &why) == 0 &&
	    s->bytes <= (long long)j->size && (s->bytes == 0 ||
	    (pread(j->fd, &ch, 1, (off_t)s->bytes - 1) == 1 && ch == '\n'))) {
		if ((long long)j->size > s->bytes)
			cut(c, j, s->bytes, s->lines);
		cm_buf_free(&why);
		return;
	}
	book_free(b);
	book_init(b);
	if (why.len == 0)
		cm_buf_printf(&why, _("snapshot '%s' does not match "
		    "journal '%s'"), c->snapshot, c->journal);
	cm_info("%s: rebuilding it from the journal", why.s);
	cm_buf_free(&why);
	/* A torn last line with no commit record: a batch cut short. */
	end = through_last_newline(c->journal, j->fd, (long long)j->size);
	if (end < (long long)j->size)
		cut(c, j, end, -1);
	/* A header not ours would make the fold's errors nonsense. */
	if (j->size > 0)
		check_header(c, j);
	jread_open(c, &jr, 0);
	fold(c, &jr.s, b, NO_DAY, NULL, NULL);
	jread_close(&jr);
	s->bytes = (long long)j->size;
	/* The lines of the committed journal, for --check. */
	{
		char block[65536];
		ssize_t n;
		off_t at = 0;

		s->lines = 0;
		while ((n = pread(j->fd, block, sizeof(block), at)) > 0) {
			s->lines += count_lines(block, (size_t)n);
			at += n;
		}
	}
}


/* Step 2: every row of every input, checked; the batch's bytes in out. */
static size_t
validate(struct ctx *c, struct book *b, char **files, int nfiles,
    struct cm_buf *out)
{
	static char *stdin_only[] = {"-"};
	struct cm_buf why = {0};
	struct src s;
	struct move m;
	struct item *it;
	size_t rows = 0, at;
	int i;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++) {
		src_input(c, &s, files[i]);
		while (src_next(&s)) {
			if (move_parse(c, &s, &m, 1, &why) < 0 ||
			    book_apply(b, &m, &it, &why) < 0)
				cm_dieat(CM_DATA, s.name, cm_csv_line(s.r), 0,
				    "%s", why.s);
			at = out->len;
			write_move(out, &m, it);
			/*
			 * Quoted, with the unit and kind filled in, a row
			 * grows: the journal must stay readable.
			 */
			if (out->len - at > CM_RECORD_MAX)
				cm_dieat(CM_DATA, s.name, cm_csv_line(s.r), 0,
				    "as the journal keeps it, the row is %zu "
				    "bytes, past the limit of %zu",
				    out->len - at, CM_RECORD_MAX);
			rows++;
		}
		src_close(&s);
	}
	cm_buf_free(&why);
	return rows;
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

/* -n: a reader's view; no lock, nothing created or repaired. */
static int
dry_run(struct ctx *c, char **files, int nfiles)
{
	struct cm_buf out = {0};
	struct book b;
	struct jread jr;
	size_t rows;

	book_init(&b);
	if (exists(c->journal)) {
		/* What an append would check against: the snapshot. */
		struct cm_buf why = {0};
		struct snap s;

		jread_open(c, &jr, 1);
		if (!jr.have_snap || snap_read(c->snapshot, &b, &s, &why) < 0)
			fold(c, &jr.s, &b, NO_DAY, NULL, NULL);
		jread_close(&jr);
		cm_buf_free(&why);
	}
	rows = validate(c, &b, files, nfiles, &out);
	cm_info("%zu movements checked; nothing written (--dry-run)", rows);
	cm_buf_free(&out);
	book_free(&b);
	return CM_OK;
}

int
do_append(struct ctx *c, char **files, int nfiles)
{
	struct cm_journal j;
	struct cm_error err;
	struct cm_buf out = {0};
	struct book b;
	struct snap s = {0, 0};
	size_t rows;
	off_t committed;
	int lockfd, fresh, st;

	if (c->dry_run)
		return dry_run(c, files, nfiles);
	if ((lockfd = cm_lock(c->journal, c->lock_timeout, &err)) < 0)
		cm_die_error(&err);
	book_init(&b);
	memset(&j, 0, sizeof(j));
	j.fd = -1;
	fresh = cm_journal_open(&j, c->journal, 0, 0, &err) < 0;
	if (fresh && errno != ENOENT)
		cm_die_error(&err);
	if (!fresh)
		recover(c, &j, &b, &s);
	if (!fresh && j.size > 0)
		check_header(c, &j);
	if (fresh || j.size == 0)
		write_header(&out);
	rows = validate(c, &b, files, nfiles, &out);
	if (rows == 0) {
		cm_info("no movements: nothing written");
		goto done;
	}
	if (fresh) {
		/*
		 * The commit record of nothing, before the journal exists: a
		 * crash during the first batch leaves bytes past 0, cut.
		 */
		struct book none;
		mode_t um = umask(0);

		umask(um);
		book_init(&none);
		if (snap_write(c->snapshot, &none, &s, &err) < 0)
			cm_die_error(&err);
		book_free(&none);
		if (cm_journal_open(&j, c->journal, 1, 0666 & ~um, &err) < 0)
			cm_die_error(&err);
	}
	committed = j.size;
	if (cm_journal_append(&j, out.s, out.len, &err) < 0)
		cm_die_error(&err);
	s.bytes = (long long)j.size;
	s.lines += count_lines(out.s, out.len);
	/*
	 * A commit that fails leaves the old snapshot: the batch did not
	 * happen, and its bytes go now, not at the next append, so that
	 * nothing (a rebuild after the snapshot is removed, say) can count
	 * them.  Only a snapshot renamed in stands, since readers may
	 * already have seen the batch.
	 */
	if ((st = snap_write(c->snapshot, &b, &s, &err)) < 0) {
		struct cm_error e2;

		if (st == SNAP_KEPT && cm_journal_cut(&j, committed, &e2) < 0)
			cm_warn("%s", e2.msg);
		cm_die_error(&err);
	}
	cm_info("%zu movements appended to '%s'", rows, c->journal);
done:
	if (j.fd >= 0)
		cm_journal_close(&j);
	cm_unlock(lockfd);
	cm_buf_free(&out);
	book_free(&b);
	return CM_OK;
}
