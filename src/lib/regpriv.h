/*
 * regpriv.h: what the register's transaction (register.c) and its audit
 * (regcheck.c) share of a handle and its history log.  Not for commands:
 * they use register.h and regcheck.h.
 */
#ifndef CM_REGPRIV_H
#define CM_REGPRIV_H

#include <sys/types.h>

#include <stddef.h>

#include "atomic.h"
#include "buf.h"
#include "journal.h"
#include "strset.h"
#include "table.h"

/* The first line of every history log. */
#define LOG_HEADER	"time,user,id,field,old,new"

/* One queued history line. */
struct qline {
	char *id, *field, *old, *new;
};

/*
 * What the scan of step a knows of the log at its end (register.h, "The
 * position record"): enough to weigh its last transaction and to go on
 * after an append without reading the log again.  valid: the log is
 * exactly what this describes (the open changed nothing, no stray
 * quote), so a commit may write the record of the log it leaves.
 */
struct logpos {
	int valid;
	off_t size;		/* the log's, 0 when there is none */
	size_t start, hdrend;	/* after a BOM; end of the header */
	size_t run;		/* the last run of one time, when nrun > 0 */
	long runline, endline;	/* where it starts; the line at size */
	int nrun;		/* runs, up to 2 */
	char *runtime;		/* the run's time, and the one before it */
	char *prevtime;
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
	struct cm_journal log;	/* open to cut or append; fd -1 when not */
	char *lasttime;		/* time of the log's last transaction */
	int ro;			/* cm_register_read: no lock, no repair */
	long mended;		/* the torn line the open ended (step e) */
	char *pospath;		/* the log's position record */
	struct logpos pos;	/* a writer's, after the repair */

	struct qline *q;
	size_t nq, qcap;
};

/*
 * (id, field) pairs with the first old and last new value seen, for the
 * repair, the check and the commit's own test, in the order first seen.
 * They are found through the library's string table (strset.h) under a
 * key that spells both unambiguously: the id's length, ':', the id, the
 * field.  Pairs are never removed.
 */
struct pair {
	char *id, *field;
	char *key;
	char *first, *last;
	long line;		/* of the last line seen */
	size_t n;		/* lines seen */
	int damaged;		/* check: its last line was damaged */
};

struct pairs {
	struct pair *v;
	size_t n, cap;
	struct cm_strset *index;
	struct cm_buf key;	/* the key being looked up */
};

/*
 * The pair (id, field), added empty when it is not there yet.  The
 * pointer is valid until the next call, which may move the pairs.
 */
struct pair *cm_reg_pairs_get(struct pairs *p, const char *id,
    const char *field);

void cm_reg_pairs_free(struct pairs *p);

/* Whether d's record is the log's header line, undamaged. */
int cm_reg_is_header(const struct cm_journal_rd *d);

#endif
