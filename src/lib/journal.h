/*
 * journal.h: an append-only file that grows by whole batches (DESIGN.md
 * §2, "Writes are safe"; issue 9).
 *
 * A journal is a CSV file to which records are only ever appended, a
 * batch at a time, and in which no record is ever edited: a register's
 * history log (complaints.log, register.h) and cm-receive's movements
 * (property.csv).  It may grow to millions of records, so an append
 * must not rewrite it, as cm_atomic would: it costs what the batch
 * costs.  This module holds the mechanics both share; the commit
 * protocol, which says when appended bytes count, belongs to the
 * caller (see "Commit protocols" below).
 *
 * Calling sequence (the caller holds the lock, atomic.h cm_lock, from
 * before the open until after its commit point):
 *	struct cm_journal j;
 *	if (cm_journal_open(&j, path, 1, 0666 & ~umask, &err) < 0) ...
 *	(recover: cut back to the committed size, cm_journal_cut)
 *	if (cm_journal_append(&j, batch, len, &err) < 0) ...
 *	(commit: the caller's commit point, e.g. a rename)
 *	cm_journal_close(&j);
 * A reader takes no lock: cm_journal_open_read, and reads no further
 * than the committed size its commit record names.
 *
 * The contract of the mechanics:
 *   - open: never through a symbolic link, only a regular file (a FIFO
 *     does not block the open); a file created by the open gets mode,
 *     not the umask's, and its directory entry is made durable by the
 *     first append.
 *   - append: the batch goes out in one write(2) per try (a short
 *     write, which the kernel may do when SIGKILL or a full disk cuts
 *     it, is continued from where it stopped; a failed one is not
 *     retried), then fsync(2).  When the call fails after it has
 *     written anything, it cuts the file back to j->size (ftruncate,
 *     fsync) before it returns, so a failed append leaves the journal
 *     as it was unless the process dies first, which is what the
 *     recovery at the next open is for.  When the file is no longer
 *     j->size bytes before anything is written, nothing is written and
 *     nothing is cut: somebody changed it behind the lock, and their
 *     bytes are not ours to remove.
 *   - records: a record ends at a newline outside quotes.  Quotes
 *     toggle, and a doubled quote inside a quoted field toggles twice,
 *     so counting them is exact for the CSV that cm_table_record
 *     writes; the bytes after the last complete record are a torn
 *     record (every record cm writes ends in a newline, written in the
 *     same write(2) as the record), and whether they end inside quotes
 *     tells how to end them (cm_journal_end_torn).
 */
#ifndef CM_JOURNAL_H
#define CM_JOURNAL_H

#include <sys/types.h>

#include <stddef.h>

#include "msg.h"

struct cm_journal {
	char *path;
	int fd;		/* O_RDWR | O_APPEND, opened by cm_open_file: no link, regular only */
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
 * outside quotes (quotes toggle; a doubled quote toggles twice).
 * rec(arg, start, end) is called for each complete record (end is just
 * past its newline).  Returns the end of the last complete record (from
 * when there is none); *inq tells whether the bytes after it end inside
 * quotes.  Outside quotes the next quote or newline is found with
 * memchr, inside them the next quote, so a long journal scans at memory
 * speed.
 */
size_t cm_journal_records(const char *m, size_t from, size_t size,
    void (*rec)(void *arg, size_t start, size_t end), void *arg, int *inq);

/*
 * Open a journal or log to read: no lock, no file created, never through
 * a link (which could show a planted file's contents), only a regular
 * file, O_NONBLOCK so that a FIFO cannot hang a nightly job.  Returns the
 * fd, -1 when it does not exist (errno ENOENT, err filled too), -2 with
 * err on any other failure (CM_SYSTEM: "cannot open 'PATH': ..." from
 * open(2), "cannot read 'PATH': not a regular file").
 */
int cm_journal_open_read(const char *path, struct cm_error *err);

#endif
