/*
 * atomic.h: writes that never leave half a file (DESIGN.md §2, STYLE.md §5).
 *
 * Calling sequence:
 *	struct cm_atomic a;
 *	if (cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 10, &err) < 0) ...
 *	fprintf(a.fp, ...);			(write the whole new contents)
 *	if (cm_atomic_commit(&a, &err) < 0) ...	(or cm_atomic_abort(&a))
 *
 * begin optionally takes an exclusive flock(2) on PATH.lock, waiting up to
 * timeout seconds (then CM_SYSTEM, "lock timeout"); the kernel drops the
 * lock when the process dies, so it never goes stale.  It creates PATH.tmp
 * in the same directory.  commit flushes and fsyncs it, renames it over
 * PATH, fsyncs the directory and releases the lock: a crash or kill -9 at
 * any moment leaves the old PATH or the new one.  A temporary file still
 * open at exit (cm_die, a signal) is removed.
 */
#ifndef CM_ATOMIC_H
#define CM_ATOMIC_H

#include <stdio.h>
#include "msg.h"

enum { CM_ATOMIC_LOCK = 1 };

struct cm_atomic {
	char *path;
	char *tmp;
	FILE *fp;
	int lockfd;		/* -1 when not locked */
	int slot;		/* in the exit-cleanup table */
};

int cm_atomic_begin(struct cm_atomic *a, const char *path, int flags,
    double timeout, struct cm_error *err);
int cm_atomic_commit(struct cm_atomic *a, struct cm_error *err);
void cm_atomic_abort(struct cm_atomic *a);

/*
 * fsync the directory holding path, so that a rename or a new file in it
 * is durable.  A file system that cannot (EINVAL) is not an error.
 */
int cm_fsync_parent(const char *path, struct cm_error *err);

#endif
