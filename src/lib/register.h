/*
 * register.h: a locked read-modify-write transaction over a register and
 * its history log (DESIGN.md §2, "Writes are safe", "Records keep their
 * history"; STYLE.md §5).
 *
 * A register is a CSV file held whole in memory (table.h): complaints.csv,
 * customers.csv.  Its history log is the same path with the
 * extension replaced by ".log" (complaints.csv: complaints.log; a path
 * without an extension gets ".log" added), a CSV file with the header
 *
 *	time,user,id,field,old,new
 *
 * to which every change is appended and in which no line is ever edited:
 * a journal (journal.h, which holds the mechanics of appending, cutting
 * and reading it, and protocol A, the summary of what follows).
 * All lines of one transaction carry the same time, to the microsecond
 * (2026-11-23T09:15:02.123456+08:00, local time with its offset), and no
 * two transactions in a row share one: the time names the transaction.
 *
 * Calling sequence:
 *	struct cm_register *r = cm_register_open(path, &opts, &err);
 *	if (r == NULL)		(4: lock timeout; 3: not a register)
 *		cm_die_error(&err);
 *	t = cm_register_table(r);
 *	row = cm_table_append(t);
 *	if (cm_register_set(r, row, idcol, "261101", &err) < 0 ||
 *	    cm_register_set(r, row, custcol, "ACME", &err) < 0) {
 *		cm_register_abort(r);	(both files stay as they were)
 *		cm_die_error(&err);
 *	}
 *	if (cm_register_commit(r, &err) < 0)	(frees r in any case)
 *		cm_die_error(&err);
 * A handle is freed by commit (whatever its outcome) and by abort.
 * A reader opens with cm_register_read instead and ends with abort.
 *
 * The commit protocol.  open takes the exclusive flock(2) on PATH.lock
 * (atomic.h; waiting at most the timeout, then CM_SYSTEM "lock timeout")
 * and holds it until commit or abort have finished.  Under it:
 *
 *   1. open:   load PATH, then recover the log (below; with the
 *              position record, when the log bears it out).
 *   2. commit: write the new register to PATH.tmpXXXXXX (atomic.h);
 *   3.         append the transaction's lines to the log and fsync it
 *              (cm_journal_append: one write, cut back on failure);
 *   4.         fsync the new register, rename it over PATH, fsync the
 *              directory.
 *   5.         write the log's position record (below; a cache).
 *
 * The rename in step 4 is the commit point: the register is the truth,
 * and the log may run ahead of it by at most one transaction, never
 * behind.  A kill -9 before step 4's rename leaves the old register (and
 * perhaps PATH.tmpXXXXXX, which the next writer removes); one after it
 * leaves the new register with its lines already durable in the log.  The one
 * window that needs repair is between steps 3 and 4, or inside step 3
 * (the kernel can cut a large write(2) short when SIGKILL arrives): the
 * log then ends with lines, whole or torn, of a transaction that never
 * happened.  The next open repairs that before anything else, under the
 * lock:
 *
 *   a. The log is scanned from its start for record boundaries
 *      (cm_journal_records: a newline outside quotes; quotes toggle,
 *      and a doubled quote inside a quoted field toggles twice, so the
 *      count is exact).  The last
 *      run of complete records that share one time is the last
 *      transaction; bytes after the last complete record are a torn one
 *      (every record cm writes ends in a newline, written in the same
 *      write(2) as the record).  A torn record is one record of the last
 *      transaction, cut short, so it cannot hold another record's line
 *      (a line that starts with a time and a comma): bytes that do, and
 *      a complete record that does but is not six well-quoted fields,
 *      were swallowed by a quote that nothing closes, a hand edit or a
 *      failing disk in the middle of the log, not by a crash.  From that
 *      record on, the scan ends a record before such a line (journal.h,
 *      "A stray quote"), so the quote damages its own line only: a
 *      damaged line (below), and the records after it are found, and
 *      their last run weighed, as if it were not there.  Were a cut
 *      (c) to leave that line last, its quote would swallow nothing any
 *      more and the next open would take it for a torn record: such a
 *      cut is not made, and the lines after it stay, as in d.
 *   b. For the last transaction, for each (id, field) it touches, the
 *      first line's old value and the last line's new value are the
 *      cell's value before and after it.  commit refuses a transaction
 *      whose lines do not match the table (see cm_register_commit), so
 *      when the transaction committed, every such cell in the register
 *      holds the after value, and when it did not, the before value.  A
 *      cell whose before and after differ therefore tells which: it is
 *      the evidence.  A row missing from the register has empty cells
 *      (a transaction that creates a row logs its id going from "" to
 *      the id, so creating rows leaves evidence too).  A damaged line
 *      (not six well-quoted fields) proves nothing and is passed over:
 *      it stops no writer, and cm_register_check (regcheck.h, the
 *      audit) reports it.
 *   c. If the evidence says "not committed", the transaction's lines are
 *      cut off (ftruncate to where it starts, then fsync).  Cutting these
 *      is not editing a past line: no command ever told anyone they had
 *      happened.
 *   d. Otherwise the log is left alone.  When nothing in the transaction
 *      tells (every logged cell ends as it began, or the lines name
 *      fields the register does not have), the lines stay: keeping them
 *      can put no cell at odds with the register, where cutting them
 *      could lose history that did happen.
 *   e. A torn tail (bytes after the last complete record) says its
 *      writer died inside step 3, which no committed transaction's
 *      writer does: it is cut, and with it the run before it when that
 *      run is the same transaction (its whole time equals the run's).
 *      The one exception is a register that shows the after values of
 *      the torn record's transaction (weighed as in b, the torn record
 *      counting by its whole old value and the start of its new one):
 *      then the damage came after the commit (a hand edit, a failing
 *      disk), and nothing of the transaction may go.  The writer's
 *      open then ends the torn record (a newline, after a quote when it
 *      ends inside one; appended and fsynced, nothing removed), so that
 *      its own first line does not glue onto it, and says which line it
 *      ended (cm_register_mended): the office goes on, and the caller
 *      reports the damage.  Once ended, the line is a damaged or wrong
 *      line of the history, which cm_register_check reports and no
 *      writer removes.  A record torn inside its time
 *      names no cell and holds no history: it is always cut, and the
 *      run before it only when the run's evidence says "not committed"
 *      and the torn time could be its own.
 *
 * Only the last transaction can be uncommitted, since every writer runs
 * this repair under the lock before it appends, so the repair never
 * needs more than the last run.  Finding it (step a) is the one part
 * that reads the whole log, a memchr pass; the position record below
 * spares it, so that an open (a writer's, and a reader's: "Readers")
 * costs the register and the last transaction, however long the
 * history.
 *
 * The position record.  Step a is a left-to-right pass whose state at
 * the log's end is small: where the header ends, where the last run
 * starts and its time, the time of the run before it, the line numbers,
 * and whether a stray quote was met.  Resumed from that state over the
 * same bytes, it ends as the pass from the start would; given the state
 * at the very end, there is nothing left to pass over, and steps b to e
 * run on the last run alone, exactly as after the scan.  So the record
 * changes how step a is done, never what b to e decide: the argument
 * above stands word for word, provided the state is the one a scan of
 * this log would reach.  The record is that state for one version of
 * the log, one line in PATH.log.pos (the log's name with ".pos" added),
 * and nothing in it is believed until the log bears it out:
 *   - it is read without following a link, only from a regular file
 *     (O_NONBLOCK: a FIFO at its name cannot hang the open), and it is
 *     exactly one line shorter than 512 bytes;
 *   - it names the log's device, inode, size and ctime (st_ctim, which
 *     every write, cut and rename of the file moves, and which no user
 *     can set), and the log must have them all: a log grown since (a
 *     transaction appended after the record, by cm or by an older cm
 *     that knows no record), cut, edited, copied or restored does not;
 *   - it names the last run's offset, time and a hash (FNV-1a, 64 bits)
 *     of its bytes to the end: the open reads those bytes (it must, to
 *     weigh them) and they must start with that time and a comma, end
 *     in a newline and hash the same, which a ctime that a coarse clock
 *     repeated cannot fake;
 *   - it ends with a hash of itself, so a record torn by a crash or
 *     edited by hand is no record.
 * Otherwise the open scans as before, and the next commit writes the
 * record again.  A stale, missing or lying record therefore costs one
 * scan and changes no decision; a hand edit that kept the log's size,
 * and that its ctime did not show, within the clock's tick of a commit
 * and outside the last transaction, is the one thing it would not see,
 * and it is a forgery, not an accident: the record is a check against
 * accidents (crashes, old writers, hand edits), as the rest of this
 * argument is.
 *
 * Who writes it: commit, after step 4's rename, still under the lock,
 * and only when the open found the log in a state it can carry forward
 * (the repair cut nothing, ended no torn line, met no stray quote: after
 * one, records end before a batch's line even inside quotes, which a
 * state without the scan's history cannot carry).  The new state is the
 * old one with this transaction's run appended: its offset is the size
 * the open left, its time the one just stamped.  It is written in place
 * and not fsynced: it is a cache, every use checks it, and whatever a
 * crash leaves of it (nothing, a torn line, an old line) reads as stale.
 * A crash at any step of a commit therefore leaves the record of the
 * log before the transaction (before step 3, or when the writer died
 * after it: the log is longer, so the next open scans and repairs as
 * above), or none, or the record of the log with this transaction
 * committed (after the rename).  Were a record ever to describe a log
 * whose last transaction was not committed, the open would still weigh
 * that transaction and cut it (step c): the record says where the run
 * is, never whether it happened.  A failed write of the record removes
 * it.  Readers read it, under the same checks, and never write it
 * ("Readers").
 * A register changed outside cm (a hand edit) may show neither before
 * nor after values; the log is then left alone and cm_register_check
 * reports the disagreement.
 *
 * Two conventions make the evidence exact, and callers must keep them:
 * a row's id (the key column) never changes once set, and every change
 * to a cell is logged (cm_register_set does both the change and the
 * line).  Lines for fields that are not register columns (a reason, say)
 * are allowed and carried along, but prove nothing.
 *
 * Readers (cm_register_read) take no lock, create no file and repair
 * nothing, so they work on a read-only copy.  The rename shows them one
 * whole version of the register; the log, read after it, may run ahead
 * of that version by the lines of one transaction in flight (appended,
 * not yet renamed, or left by a killed writer and not yet cut), but by
 * no more while that version stays: the lines of a second transaction
 * follow the first one's rename or its cut.  So a reader weighs the
 * log's last transaction against the version it read, exactly as the
 * repair would, and leaves out what the repair would cut; check then
 * takes no change in progress for tampering.  A writer that renames or
 * appends while the reader reads could pair one version of the register
 * with another's log, so the reader reads again until neither file moved
 * between its first look and its last (up to 20 times, 5 ms apart, then
 * it makes do).  A reader opens the log without following a link, and
 * only a regular file.
 *
 * A reader finds the last transaction as a writer's open does: through
 * the position record when the log bears it out, else by a scan (step
 * a, streamed).  It reads the record with the writer's own code and
 * believes it under the same checks, read-only; a record it cannot
 * open or believe (missing, unreadable, a link, a FIFO, a directory,
 * torn, stale, lying, another log's) means a scan, never an error, and
 * it writes none, not even to remove a stale one.  The argument above
 * holds for it as it stands, for three reasons:
 *   - the record is held to the log the reader has open: to that
 *     descriptor's fstat (device, inode, size, ctime) and to the last
 *     run's bytes read through it (time, whole records, hash).  What
 *     the reader then weighs is what a scan of that same version would
 *     find ("The position record": the same state, not another);
 *   - a writer that appends, cuts, or writes a record between the
 *     reader's looks moves the log's size or ctime: a record written
 *     for another version of the log matches no descriptor of this one,
 *     and the version the reader read is pinned by the retry above (the
 *     log's stat before the register is loaded and after the last read
 *     must agree), so register and log are one pair however the last
 *     run was found;
 *   - the record is written in place, not atomically (truncated, then
 *     one write): a reader may find it empty or half written, which
 *     lacks its newline or its own hash and is no record.  Whatever a
 *     crash leaves (no record, an old one, the record of a transaction
 *     never renamed) is stale or says only where the last run starts,
 *     and the reader weighs that run against the register it read
 *     (steps b to e), leaving out what the repair would cut, as after
 *     a scan.
 * With a record the log bears out, a reader costs the register and the
 * last transaction; check and history then read the log themselves.
 */
#ifndef CM_REGISTER_H
#define CM_REGISTER_H

#include <stddef.h>

#include "csvin.h"
#include "msg.h"
#include "share.h"
#include "table.h"

struct cm_register_opts {
	/*
	 * Columns of a register created by this open; NULL-terminated.
	 * NULL: the register must exist.
	 */
	const char *const *header;
	/*
	 * Columns an existing register must have, NULL-terminated (NULL:
	 * none); the key is always required.  A register without one of
	 * them is CM_DATA "not a register: no column 'x'".
	 */
	const char *const *required;
	/* The column that names a row in the log ("id"); NULL: no log. */
	const char *key;
	/* Seconds to wait for the lock before CM_SYSTEM "lock timeout". */
	double timeout;
	/* How to read the register (NULL: CSV, encoding auto, no map). */
	const struct cm_csv_opts *csv;
};

struct cm_register;

/*
 * Lock path, load it (or, when it does not exist and o->header is set,
 * start a table with that header; the file is only created by commit)
 * and repair its log (above).  Returns NULL with err filled: CM_SYSTEM
 * for the lock timeout, I/O errors, a register that does not exist
 * without o->header (errno's message; the lock file is made first, so a
 * caller that must create nothing looks before it opens), and a log
 * whose torn last line could not be ended (step e); CM_DATA for a
 * register that does not parse or lacks a required column, and for a
 * log that is not a history log.
 */
struct cm_register *cm_register_open(const char *path,
    const struct cm_register_opts *o, struct cm_error *err);

/*
 * Open path to read: no lock, no file created, no repair (register.h,
 * "Readers").  The register must exist (else CM_SYSTEM with errno's
 * message); with withlog, the last transaction is found through the
 * position record when the log bears it out (else by a scan: a record
 * that cannot be read or believed is no error) and weighed as the
 * repair would, and cm_register_check and cm_register_history see what
 * a writer would keep of it; without, they see no log.  Errors as
 * cm_register_open's.
 * set and commit fail on such a handle; abort frees it.
 */
struct cm_register *cm_register_read(const char *path,
    const struct cm_register_opts *o, int withlog, struct cm_error *err);

/* The register's rows, to read and change until commit or abort. */
struct cm_table *cm_register_table(struct cm_register *r);

/* Whether the register did not exist and commit will create it. */
int cm_register_is_new(const struct cm_register *r);

/*
 * The line of the log whose torn end this open ended (register.h, step
 * e: damage after a commit), or 0.  A caller tells the user: it is a
 * finding of cm_register_check from now on.
 */
long cm_register_mended(const struct cm_register *r);

/* The register's path (through symbolic links) and its log's. */
const char *cm_register_path(const struct cm_register *r);
const char *cm_register_logpath(const struct cm_register *r);

/*
 * Queue one history line: row id's field went from old to new (NULL:
 * "").  The lines are appended at commit, in the order queued, all with
 * the transaction's time and the user ($CM_USER, else $USER, $LOGNAME,
 * the password entry, the uid).
 */
void cm_register_log(struct cm_register *r, const char *id,
    const char *field, const char *old_value, const char *new_value);

/*
 * Set cell (row, col) to value and queue its line, with the row's key as
 * id (the new value itself when col is the key column, which is how a
 * new row's creation is logged).  Setting a cell to the value it has
 * does nothing and logs nothing.  Fails without a key column
 * (CM_SYSTEM), and when asked to change the id a loaded row already has
 * (CM_DATA: ids name rows in the log, so they are fixed).
 */
int cm_register_set(struct cm_register *r, size_t row, size_t col,
    const char *value, struct cm_error *err);

/*
 * Commit (steps 2 to 4 above) and free r.  Before anything is written,
 * the queued lines are checked against the table: for every (id, field)
 * naming exactly one row and a column, the first old value must be the
 * value the register held (cm_table_orig; "" for a new row or column)
 * and the last new value the one it holds now; otherwise nothing is
 * written and the error (CM_SYSTEM: the caller's bug) names the id and
 * field.  An id on several rows is refused too (CM_DATA), since its lines
 * could not be told apart.  When nothing changed and nothing was queued,
 * nothing is written.  On any failure the register and the log are as
 * they were (the log cut back at once, or at worst by the next open),
 * except when the failure comes after the rename (the directory fsync):
 * then the register is the new one and the log holds its lines.
 */
int cm_register_commit(struct cm_register *r, struct cm_error *err);

/* Discard the changes and queued lines, release the lock, free r. */
void cm_register_abort(struct cm_register *r);

/* The audit, cm_register_check and cm_register_history. */
#include "regcheck.h"

#endif
