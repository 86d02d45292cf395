/*
 * read.c: the journal as a reader sees it.  A reader takes no lock and
 * creates nothing, so it works on a read-only copy; it reads the journal
 * only as far as the snapshot says is committed, so that a batch in
 * flight, or one left by a killed writer, is never seen.  Without a
 * snapshot (a copy of the journal alone) it reads the whole journal.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enc.h"
#include "journal.h"
#include "msg.h"
#include "receive.h"
#include "suggest.h"

/*
 * Only an append creates the journal (DESIGN §2): a reader on a missing
 * one says which path it looked at and why there, since an unset or
 * mistyped $CM_DATA must not read as "nothing to report" every night.
 */
void
no_journal(const struct ctx *c)
{
	cm_die(CM_SYSTEM, "no journal '%s' (%s); appending movements creates "
	    "it", c->journal, c->journal_from);
}

/* Whether the byte before off in fd is a newline (off > 0). */
static int
ends_line(int fd, long long off)
{
	char ch;

	return off == 0 || (pread(fd, &ch, 1, (off_t)off - 1) == 1 &&
	    ch == '\n');
}

/* The size of fd up to and with its last newline (0 when none). */
long long
through_last_newline(const char *path, int fd, long long size)
{
	char block[4096];
	long long at = size;
	ssize_t n, i;

	while (at > 0) {
		size_t want = at > (long long)sizeof(block) ? sizeof(block) :
		    (size_t)at;

		if ((n = pread(fd, block, want, (off_t)(at - (long long)want)))
		    != (ssize_t)want)
			cm_die(CM_SYSTEM, "cannot read '%s': %s", path,
			    n < 0 ? strerror(errno) : _("cut short"));
		for (i = n - 1; i >= 0; i--)
			if (block[i] == '\n')
				return at - (long long)want + i + 1;
		at -= (long long)want;
	}
	return 0;
}

void
jread_open(struct ctx *c, struct jread *j, int committed_only)
{
	struct cm_csv_opts o = {',', "utf-8", NULL};
	struct cm_error err;
	struct cm_in *in;
	struct stat st;
	int fd, got;

	memset(j, 0, sizeof(*j));
	if ((fd = cm_journal_open_read(c->journal, &err)) == -1)
		no_journal(c);
	if (fd < 0)
		cm_die_error(&err);
	/*
	 * The snapshot first, then the journal's size: a writer commits
	 * after its append, so a snapshot read before is never longer than
	 * the journal seen after, whatever appends run meanwhile.
	 */
	got = snap_head(c->snapshot, &j->snap, &j->why) == 0;
	if (fstat(fd, &st) < 0)
		cm_die(CM_SYSTEM, "cannot read '%s': %s", c->journal,
		    strerror(errno));
	j->size = (long long)st.st_size;
	j->limit = -1;
	if (got) {
		if (j->snap.bytes > j->size) {
			cm_buf_reset(&j->why);
			cm_buf_printf(&j->why, _("snapshot '%s' covers %lld "
			    "bytes of journal '%s', which has %lld"),
			    c->snapshot, j->snap.bytes, c->journal, j->size);
		} else if (!ends_line(fd, j->snap.bytes)) {
			cm_buf_reset(&j->why);
			cm_buf_printf(&j->why, _("snapshot '%s' ends inside a "
			    "line of journal '%s' (byte %lld)"), c->snapshot,
			    c->journal, j->snap.bytes);
		} else {
			j->have_snap = 1;
		}
	}
	/* An append that rebuilds its snapshot has said so already. */
	if (!j->have_snap && committed_only)
		cm_info("%s: reading the whole journal", j->why.s);
	if (j->have_snap && committed_only)
		j->limit = j->snap.bytes;
	/*
	 * Without a commit record, a torn last line is what a writer's
	 * rebuild would cut (append.c): a reader leaves it out too.
	 */
	if (!j->have_snap && committed_only) {
		j->limit = through_last_newline(c->journal, fd, j->size);
		if (j->limit < j->size)
			cm_info("%s: leaving out its unfinished last line",
			    c->journal);
	}
	if ((in = cm_in_open_fd(fd, c->journal, "utf-8", (off_t)j->limit,
	    &err)) == NULL)
		cm_die_error(&err);
	/*
	 * A journal cut back to nothing (the first batch's writer died) has
	 * no header, hence no rows.
	 */
	if ((j->s.r = cm_csv_open_in(in, &o, &err)) == NULL) {
		if (j->limit == 0 || j->size == 0)
			return;
		cm_die_error(&err);
	}
	j->s.name = cm_csv_name(j->s.r);
	src_columns(&j->s, 0);
	for (int k = 0; k < C_N; k++)
		if (j->s.col[k] < 0 && k != C_SPEC && k != C_LOCATION &&
		    k != C_BY)
			cm_die_no_column(j->s.r, journal_cols[k]);
}

void
jread_close(struct jread *j)
{
	src_close(&j->s);
	cm_buf_free(&j->why);
}

void
fold(struct ctx *c, struct src *s, struct book *b, cm_day as_of,
    void (*seen)(void *arg, const struct move *m, const struct item *it,
    long line), void *arg)
{
	struct cm_buf why = {0};
	struct move m;
	struct item *it;

	if (s->r == NULL)
		return;
	while (src_next(s)) {
		if (move_parse(c, s, &m, 0, &why) < 0 ||
		    (as_of != NO_DAY && m.date > as_of) ||
		    book_apply(b, &m, &it, &why) < 0) {
			if (why.len == 0)
				continue;	/* past --as-of */
			cm_dieat(CM_DATA, s->name, cm_csv_line(s->r), 0, "%s",
			    why.s);
		}
		if (seen != NULL)
			seen(arg, &m, it, cm_csv_line(s->r));
	}
	cm_buf_free(&why);
}
