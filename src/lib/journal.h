/*
 * journal.h: an append-only file that grows by whole batches (DESIGN.md
 * §2, "Writes are safe"; STYLE.md §5; issue 9).
 *
 * A journal is a CSV file to which records are only ever appended, a
 * batch at a time, and in which no record is ever edited: a register's
 * history log (complaints.log, register.h) and cm-receive's journal of
 * movements (property.csv).  It grows to millions of records, so an
 * append must not rewrite it as cm_atomic would: it costs what the batch
 * costs.  This module holds the mechanics; when appended bytes count
 * (the commit point) is the caller's protocol, and two are in use,
 * described below with the argument that a crash at any byte leaves
 * the old journal or the new one.
 *
 * Calling sequence (the caller holds the lock, atomic.h cm_lock on
 * PATH.lock, from before the open until after its commit point):
 *	struct cm_journal j;
 *	if (cm_journal_open(&j, path, 1, mode, &err) < 0) ...
 *	(recover: cm_journal_cut back to the committed size)
 *	if (cm_journal_append(&j, batch, len, &err) < 0) ...
 *	(commit: the caller's commit point, a rename)
 *	cm_journal_close(&j);
 * A reader takes no lock and creates nothing: cm_journal_open_read, then
 * cm_journal_rd_file or cm_in_open_fd (enc.h), with the committed size
 * as the limit under protocol B below (under protocol A, register.h
 * "Readers" says how a reader leaves out what is not committed).
 *
 * THE MECHANICS
 *   - open: never through a symbolic link, only a regular file (a FIFO
 *     does not block the open); a file this open creates (O_EXCL says
 *     so) gets mode, not the umask's, and its directory entry is made
 *     durable by the first append (fsync of the directory), before any
 *     commit point can name bytes in it.
 *   - append: the whole batch is handed to one write(2); a short write
 *     (a signal with a handler, the file size limit) is continued from
 *     where it stopped, a failed one ends the try.  Then fsync(2).  When
 *     the call fails after it may have written anything, it cuts the
 *     file back to j->size (ftruncate, fsync) before it returns, so a
 *     failing append that lives leaves the journal as it was; one that
 *     dies (SIGKILL, power) leaves a tail past j->size, which is what
 *     the recovery at the next open is for.  When the file is not
 *     j->size bytes before anything is written, nothing is written and
 *     nothing is cut: somebody changed it behind the lock, and their
 *     bytes are not ours to remove.  On success every byte up to the
 *     new j->size is on disk.
 *   - records: a record ends at a newline outside quotes.  Quotes
 *     toggle, and a doubled quote inside a quoted field toggles twice,
 *     so counting them is exact for the CSV that cm_table_record
 *     writes.  The bytes after the last complete record are a torn
 *     record (every record cm writes ends in a newline, written in the
 *     same write(2) as the record), and whether they end inside quotes
 *     tells how to end one (cm_journal_end_torn).  A quote that nothing
 *     closes, swallowing the records after it, is no torn record but
 *     damage in the middle (cm_journal_records, "A stray quote"), and
 *     damages its own record only.
 *
 * What a crash can leave.  The file system keeps what fsync returned
 * for; of bytes written after the last fsync, a process killed with
 * SIGKILL leaves any prefix (the kernel may cut a large write(2) short
 * at a page when a fatal signal is pending, so even one write is not
 * atomic), and a power failure any prefix of the size and, past the
 * last fsync, perhaps zeroed blocks.  So after a crash the journal is
 * the committed bytes, durable and untouched, followed by some bytes of
 * at most one batch (appends are serialised by the lock, and each
 * writer recovers before it appends).  Both protocols come down to
 * telling where the committed bytes end and cutting the rest.
 *
 * PROTOCOL A: A REGISTER'S HISTORY LOG (register.c; register.h has the
 * steps and the weighing of evidence).  The register is rewritten whole
 * on every transaction (cm_atomic: PATH.tmpXXXXXX, fsync, rename, fsync
 * of the directory), and that rename is the commit point; the log's
 * lines are appended (cm_journal_append, fsynced) before it.  So the
 * log is never behind the register and ahead of it by at most one
 * transaction.  Nothing records where the committed lines end (the
 * position record beside the log, register.h, only says where the last
 * transaction starts, and is a cache that spares the scan), so the
 * repair at the next open (under the lock) finds out: cm_journal_records
 * finds the last complete record, a torn tail is cut (cm_journal_cut),
 * and the last transaction (the run of records that share one time) is
 * weighed against the register's cells, which show its values before
 * or after; "before" cuts it.  A tail torn after a committed
 * transaction (damage later, not a crash) is ended instead
 * (cm_journal_end_torn), never cut.  A crash inside the append or
 * between it and the rename leaves the old register, and the repair
 * cuts the lines (the old journal); after the rename, the new register
 * with its lines durable (the new one).
 *
 * PROTOCOL B: A STANDALONE JOURNAL WITH A COMMIT RECORD (cm-receive,
 * src/cm-receive/; notes receive-spec "The append protocol").  Beside
 * the journal J (property.csv) stands its commit record S (J's name
 * with ".bal" added, property.csv.bal: never shared by two journals,
 * as a replaced extension would be), written only with
 * cm_atomic, which names the committed extent of J: bytes B and lines
 * L (with derived data, the balances after them).  Invariants, kept by
 * every writer under the lock:
 *   I1. J[0, B) is on disk and never changes again: appends start at
 *       the end, and the only cut is back to a committed B.
 *   I2. B is 0 or J[B - 1] is a newline: S names whole records.
 *   I3. S exists from before J does (a new journal's S says B = 0).
 * An append, under the lock:
 *   1. Recover: read S.  If J is longer than B, cut it to B
 *      (cm_journal_cut: ftruncate, fsync; cm-receive first copies the
 *      bytes to a file of their own, since rows added by hand would
 *      be cut too).  If J is shorter than B, or
 *      S is missing or unreadable, or J[B - 1] is not a newline, then
 *      J or S was changed outside this protocol (no crash makes these):
 *      S is not trusted and is rebuilt from the whole of J.
 *   2. Validate the batch against the balances of S (nothing written).
 *   3. Append the batch, B..B+N, with one cm_journal_append (fsync of J,
 *      and of its directory when this open created J).  The header
 *      record goes with the batch whenever J is empty (B = 0), not only
 *      when it was created.
 *   4. Write the new S (B+N, L+n, the new balances) with cm_atomic: its
 *      contents fsynced, renamed over S, the directory fsynced.  The
 *      rename is the commit point.  Exit 0 only after it.
 * Why a crash at any byte leaves the old journal or the new one (old:
 * J[0, B) under S = B; new: J[0, B+N) under S = B+N):
 *   - before step 3's write: J and S are the old ones.
 *   - inside the write (the kernel cut it short at k < N bytes), or
 *     between the write and the fsync (any prefix of the batch, or
 *     zeroed blocks after a power failure, may be on disk), or between
 *     the fsync and the rename of S (all N bytes on disk): S still says
 *     B, so readers, who read J only up to S's B, see the old journal;
 *     the next writer's step 1 cuts J back to B, which I1 makes safe,
 *     and the old journal is all there is.  Nobody was told the batch
 *     was appended: exit 0 comes after the rename.  A cut count of
 *     bytes needs no record scan: a batch cut exactly at a newline is
 *     cut all the same, which a scan could not tell from a committed one.
 *   - inside step 4 before the rename: S.tmpXXXXXX may be half written,
 *     but S is the old one: as above.  The stray temporary file is not
 *     S, whatever it holds; cm_atomic removes it at the next
 *     cm_atomic_begin on S with CM_ATOMIC_LOCK, or with
 *     CM_ATOMIC_SWEEP under J's lock, as cm-receive does (atomic.h).
 *   - after the rename: S names B+N, and J[B, B+N) was fsynced in
 *     step 3, before the rename (a new J's directory entry too): the new
 *     journal.  If power fails before the directory fsync, the rename
 *     may be lost: then S is the old one again and the batch is cut as
 *     above; the writer had not yet reported success.
 *   - the first batch: S with B = 0 is committed (step 4's way) before
 *     J is created (I3).  A crash before J exists leaves S = 0 and no
 *     J: no rows (a reader says there is no journal, as before any
 *     append), and the next append creates J.  A crash after J was
 *     created (with any prefix of header and rows in it, or none) leaves
 *     S = 0: step 1 cuts J to 0 bytes, an empty journal with no rows,
 *     and the next batch writes the header again (step 3).  After S's
 *     rename, as above.
 *   - a failure that does not kill (a full disk in step 3, a failed
 *     fsync, a failed rename in step 4): cm_journal_append cuts back to
 *     B itself, or, after the append, the writer cuts back to B
 *     (cm_journal_cut) unless S was renamed; at worst the next step 1
 *     does.
 * So at any instant S names a prefix of J of whole records that is on
 * disk, readers without a lock read exactly that prefix (J only grows
 * past B while S says B, and is cut only past B), and an append costs
 * the batch plus one rewrite of S, never a read of J.
 */
#ifndef CM_JOURNAL_H
#define CM_JOURNAL_H

#include <sys/types.h>

#include <stddef.h>

#include "buf.h"
#include "msg.h"

struct cm_journal {
	char *path;
	int fd;		/* O_RDWR | O_APPEND, opened by cm_open_file:
			   no link, regular only */
	off_t size;	/* the size the caller holds to: appends start here */
	int created;	/* this open created the file */
};

/*
 * Sibling path: path with its extension replaced by ext (".log", ".bal");
 * none (a dot that starts the base name, or only in a directory name):
 * ext added.  A path that already ends in ext gets it added again
 * (x.log's log is x.log.log), so a file is never its own sibling.
 * Returns a malloc'd string.
 */
char *cm_journal_sibling(const char *path, const char *ext);

/*
 * Open path to append, under a lock the caller holds.  create: make it
 * (with mode, not the umask's) when missing; else a missing file is -1
 * with errno ENOENT and err filled (CM_SYSTEM).  j->size is the file's
 * size, j->created whether this open made it.  Any failure: -1, err
 * filled (CM_SYSTEM), j holds nothing to close.
 */
int cm_journal_open(struct cm_journal *j, const char *path, int create,
    mode_t mode, struct cm_error *err);

/*
 * Append len bytes in one write(2) per try, then fsync (and fsync the
 * directory when this open created the file).  Fails (CM_SYSTEM "'PATH'
 * changed while it was locked") when the file is no longer j->size
 * bytes, having written nothing.  On a failure after that the file is cut
 * back to j->size.  On success j->size += len.
 */
int cm_journal_append(struct cm_journal *j, const void *buf, size_t len,
    struct cm_error *err);

/*
 * Cut the file back to size bytes and fsync it (the repair of a batch
 * that never committed); j->size becomes size.
 */
int cm_journal_cut(struct cm_journal *j, off_t size, struct cm_error *err);

/*
 * End a torn last record: append "\n" (or "\"\n" when inq: it ends inside
 * quotes), fsync; nothing is removed.  j->size grows by what was added.
 */
int cm_journal_end_torn(struct cm_journal *j, int inq, struct cm_error *err);

/* Close the file; j->path is freed.  Harmless on a closed journal. */
void cm_journal_close(struct cm_journal *j);

/*
 * Records of CSV text in memory m[from..size): a record ends at a newline
 * outside quotes (quotes toggle; a doubled quote toggles twice), except
 * after a stray quote (below).  rec(arg, start, end) is called for each
 * complete record (end is just past its newline).  Returns the end of
 * the last complete record (from when there is none); *inq tells whether
 * the bytes after it end inside quotes; *stray (unless NULL) is the end
 * of the last record that a stray quote damaged, 0 when none.  Outside
 * quotes the next quote or newline is found with memchr, inside them the
 * next quote, so a long journal scans at memory speed.
 *
 * A stray quote.  Every record of a batch starts with its time
 * (cm_journal_stamp) and a comma.  A record read by the rule above can
 * hold such a line after its first one only inside a quoted field, and
 * when the record is torn, or is not nfields well-quoted fields as
 * cm_table_record writes them, that line is a record of its own that a
 * quote nothing closed has swallowed: damage in the middle (a hand
 * edit, a failing disk), not a batch cut short, since a torn tail is
 * one record of the last batch.  The scan then reads that record
 * again, and from there to the end a newline inside quotes that such a
 * line follows ends the record (damaged: its quote is never closed);
 * the line is read as the next record.  So a stray quote damages its
 * own record only, what follows is read as it was written, and what
 * comes before is read as before.  The price: a value whose own text
 * holds a newline and then a time and a comma (a log line pasted into a
 * description) reads as damaged when it comes after a stray quote, and
 * when it is in the last batch, cut short inside it, that batch is kept
 * as damage rather than cut as torn: keeping loses nothing, and the
 * audit names the lines.  A journal whose quotes balance is read as
 * before.
 */
size_t cm_journal_records(const char *m, size_t from, size_t size,
    size_t nfields, void (*rec)(void *arg, size_t start, size_t end),
    void *arg, int *inq, size_t *stray);

/*
 * cm_journal_records, and *resynced (unless NULL) tells whether a stray
 * quote was found, from which on records end before a batch's line: a
 * scan resumed later at a record boundary would not read the records
 * after it as this one does, so whatever a caller keeps of this scan to
 * resume it (register.h, "The position record") is good only when no
 * stray quote was found.
 */
size_t cm_journal_records_r(const char *m, size_t from, size_t size,
    size_t nfields, void (*rec)(void *arg, size_t start, size_t end),
    void *arg, int *inq, size_t *stray, int *resynced);

/* The length of a batch's time, 2026-11-23T09:15:02.123456+08:00. */
#define CM_JOURNAL_STAMP	32

/*
 * Whether s[0..n) starts with the shape of a batch's time (register.h):
 * CM_JOURNAL_STAMP bytes "dddd-dd-ddTdd:dd:dd.dddddd+dd:dd", '+' or '-'.
 */
int cm_journal_stamp(const char *s, size_t n);

/*
 * Open a journal or log to read: no lock, no file created, never through
 * a link (which could show a planted file's contents), only a regular
 * file, O_NONBLOCK so that a FIFO cannot hang a nightly job.  Returns the
 * fd, -1 when it does not exist (errno ENOENT, err filled too), -2 with
 * err on any other failure (CM_SYSTEM: "cannot open 'PATH': ..." from
 * open(2), "cannot read 'PATH': not a regular file").
 */
int cm_journal_open_read(const char *path, struct cm_error *err);

/*
 * A reader of a journal's records that survives damage.  csvin stops at
 * the first malformed record, but a journal must be read past a damaged
 * one (to weigh a transaction, to audit, to show a history), so this is
 * a small parser of the CSV that cm_table_record writes.  Records end
 * where cm_journal_records says (a newline outside quotes, or before a
 * batch's line after a stray quote); a record that is not nfields
 * well-quoted fields, that the input ends inside, or that a stray quote
 * never closed, is handed out with a damage saying why, never as an
 * error.  A UTF-8 BOM at offset 0 is skipped.  Fields are unquoted; a
 * "\r" before the newline is not part of the last field.
 *
 *	struct cm_journal_rd d;
 *	cm_journal_rd_file(&d, fd, size, 6);
 *	while ((rc = cm_journal_rd_next(&d, path, &err)) == 1)
 *		... cm_journal_rd_get(&d, 2), d.damage, d.recline ...
 *	cm_journal_rd_free(&d);		(rc < 0: a read error, err filled)
 *
 * The fields below the line are the reader's own.
 */
struct cm_journal_rd {
	/* The current record, after a cm_journal_rd_next that returned 1. */
	off_t off;		/* its offset in the file */
	off_t end;		/* just past it */
	const char *raw;	/* its bytes, off to end, until the next call */
	long recline;		/* the physical line where it starts */
	long line;		/* the physical line after it */
	int torn;		/* the input ends inside it */
	int inq;		/* and inside quotes */
	int stray;		/* a stray quote in it is never closed */
	size_t nf;		/* fields found; the first nfields are kept */
	const char *damage;	/* NULL, or what is wrong with it */

	/* ---- */
	size_t nfields;		/* the fields a record must have */
	const char *w;		/* the window: bytes from file offset base */
	size_t wlen, pos;	/* bytes in it; the next record's start */
	off_t base;
	char *buf;		/* the window's memory when reading a file */
	size_t cap;
	int fd;			/* -1: w is all there is */
	int resync;		/* a stray quote was found: records end
				   before a batch's line (journal.h) */
	off_t left;		/* bytes of the file still to read */
	struct cm_buf fb;	/* the kept fields, each NUL-terminated */
	struct cm_buf tb;	/* the field being unquoted */
	size_t *fo;		/* where each kept field starts in fb */
	char why[64];
};

/*
 * Read the span m[0..len), which stands at offset base of its file and
 * starts at physical line line (the caller keeps m until the free).
 */
void cm_journal_rd_mem(struct cm_journal_rd *d, const char *m, size_t len,
    off_t base, long line, size_t nfields);

/*
 * Read fd's first limit bytes from its current offset, taken as offset
 * 0 at line 1; the caller closes fd after cm_journal_rd_free.  A file
 * that turns out shorter ends where it ends.
 */
void cm_journal_rd_file(struct cm_journal_rd *d, int fd, off_t limit,
    size_t nfields);

/*
 * The next record: 1, 0 at the end, -1 with err (CM_SYSTEM "cannot read
 * 'NAME': ...") on a read error.
 */
int cm_journal_rd_next(struct cm_journal_rd *d, const char *name,
    struct cm_error *err);

/*
 * Field i of the current record ("" past the fields it has or keeps).
 * Inline: an audit asks for every field of millions of records.
 */
static inline const char *
cm_journal_rd_get(const struct cm_journal_rd *d, size_t i)
{
	return i < d->nf && i < d->nfields ? d->fb.s + d->fo[i] : "";
}

/* Whether field i is whole: a torn record's last field is not. */
static inline int
cm_journal_rd_whole(const struct cm_journal_rd *d, size_t i)
{
	return i < d->nfields && (d->torn ? i + 1 < d->nf : i < d->nf);
}

/* The bytes read so far, from offset 0 (a file: up to its limit). */
off_t cm_journal_rd_seen(const struct cm_journal_rd *d);

void cm_journal_rd_free(struct cm_journal_rd *d);

#endif
