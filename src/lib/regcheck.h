/*
 * regcheck.h: the audit of a register against its history log (register.h),
 * for a nightly job, and the log's lines for a history.  register.h
 * includes it, so a command needs no more than register.h.
 *
 * The audit reads; it never writes, cuts or locks anything.  It sees of
 * the log what the handle's open kept (a writer, after the repair) or
 * sees (a reader, which leaves out a transaction in flight: register.h,
 * "Readers"), so a change in progress is never taken for tampering.
 * It replays the log from its first line, and what it keeps grows with
 * the register and the log's distinct (id, field) pairs, never with the
 * log's length.  Damaged lines (journal.h, cm_journal_rd) are findings,
 * not errors: the audit reads past them.
 */
#ifndef CM_REGCHECK_H
#define CM_REGCHECK_H

#include <stddef.h>

#include "msg.h"

struct cm_register;

/* A disagreement found by cm_register_check. */
struct cm_finding {
	long line;	/* the physical line it concerns */
	int in_register;	/* 1: a line of the register; 0: of the log */
	char *msg;	/* "id '261101' field 'status': ..." */
};

struct cm_findings {
	struct cm_finding *v;
	size_t n, cap;
};

/*
 * Check the whole log against the register, for a nightly job, by
 * replaying it (the part a writer keeps, or a reader sees) line by line.
 * Findings:
 *   - a damaged line (not six well-quoted fields, cut short by the end
 *     of the log, a NUL byte), and a first line that is not the header;
 *   - a transaction whose time (a bad one is a finding too) is not
 *     after the time of the transaction before it: lines moved or
 *     repeated, since one time names one transaction;
 *   - for each (id, field) naming a register column, a chain broken: a
 *     line's old value must be the previous line's new value for that
 *     cell, and the cell's first line must start from "" (a line
 *     deleted, moved or repeated), and the last new value must be the
 *     register's (a missing row counts as empty cells);
 *   - an id on more than one row;
 *   - on the register's side, a row with no line creating its id, and
 *     a non-empty cell no line sets: a register that cm wrote has every
 *     cell's history, since cm_register_set logs every change.
 * After a damaged line whose id and field are whole, that cell's next
 * line may start from anything, and the cell is not compared when the
 * damaged line is its last: the damage was reported once.  Fields that
 * are no column (a reason) are checked for damage and time only.
 * Findings are appended to f, the log's in the order of its lines, then
 * the register's; each with the line it concerns (for a disagreement
 * with the register, the cell's latest line).  Memory grows with the
 * register's cells and the log's distinct (id, field) pairs, not with
 * the log's length.  Returns the number of findings, or -1 with err when
 * the log cannot be read (CM_SYSTEM).  A register without a key column
 * has nothing to check.
 */
long cm_register_check(struct cm_register *r, struct cm_findings *f,
    struct cm_error *err);

void cm_findings_free(struct cm_findings *f);

/* One line of the log, as cm_register_history hands it out. */
struct cm_logline {
	long line;		/* the physical line where it starts */
	const char *f[6];	/* time, user, id, field, old, new ("" when
				   a damaged line has fewer fields) */
	int id_whole;		/* f[2] is the whole id, even when damaged */
	const char *damage;	/* NULL, or what makes the line damaged */
};

/*
 * Call fn for every line of the log after its header, in order, up to
 * what the open keeps or sees of it (as cm_register_check).  fn returns
 * 0 to go on; anything else stops the walk and is returned.  Returns 0,
 * or -1 with err when the log cannot be read.  No log is no lines.
 */
int cm_register_history(struct cm_register *r,
    int (*fn)(const struct cm_logline *, void *), void *arg,
    struct cm_error *err);

#endif
