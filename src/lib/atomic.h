/*
 * atomic.h: writes that never leave half a file (DESIGN.md §2, STYLE.md §5
 * and §10).
 *
 * Calling sequence:
 *	struct cm_atomic a;
 *	if (cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 10, &err) < 0) ...
 *	fprintf(a.fp, ...);			(write the whole new contents)
 *	if (cm_atomic_commit(&a, &err) < 0) ...	(or cm_atomic_abort(&a))
 *
 * begin optionally takes an exclusive flock(2) on PATH.lock, waiting up to
 * timeout seconds (then CM_SYSTEM, "lock timeout"); the kernel drops the
 * lock when the process dies, so it never goes stale.  It creates a new
 * PATH.tmpXXXXXX (mkstemp(3): exclusively, under a unique name) in the
 * same directory.  commit flushes and fsyncs it, renames it over PATH,
 * fsyncs the directory and releases the lock: a crash or kill -9 at any
 * moment leaves the old PATH or the new one.  A temporary file still open
 * at exit (cm_die, a signal) is removed; one left by a writer killed with
 * SIGKILL is removed by the next locked begin on PATH, when it is a
 * regular file of the same user (an unlocked writer cannot tell a dead
 * writer's file from a live one's and leaves them).
 *
 * Links.  PATH.lock is opened with cm_open_file (never through a link,
 * only a regular file) and the temporary file is always new, so no name
 * planted beside PATH can aim a write elsewhere.  PATH itself:
 *   - by default, a symbolic link at PATH is followed to the file it names
 *     (a register kept elsewhere and linked into $CM_DATA), and that file
 *     is locked and replaced, the link kept; but a link in a sticky
 *     world-writable directory (/tmp) that belongs to neither us nor the
 *     directory's owner is refused, CM_SYSTEM "not following 'PATH': a
 *     symbolic link owned by another user in a sticky world-writable
 *     directory" (Linux's fs.protected_symlinks rule, which may be off);
 *   - with CM_ATOMIC_NOFOLLOW, a link at PATH is not followed but replaced
 *     by the new regular file: csvout.c does so for -o FILE when FILE is
 *     another user's link, so that the output goes to the name given,
 *     never through that link to another file.
 */
#ifndef CM_ATOMIC_H
#define CM_ATOMIC_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stdio.h>
#include "msg.h"

enum {
	CM_ATOMIC_LOCK = 1,		/* flock PATH.lock around the write */
	CM_ATOMIC_NOFOLLOW = 2,		/* replace a link at PATH, see above */
	/*
	 * Without CM_ATOMIC_LOCK: remove stale PATH.tmpXXXXXX as a locked
	 * begin does, for a caller that holds another lock every writer of
	 * PATH takes first (cm-receive's snapshot, under the journal's
	 * lock).  Only under that lock, or a live writer's file could go.
	 */
	CM_ATOMIC_SWEEP = 4
};

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
 * Take the exclusive flock(2) on PATH.lock, as cm_atomic_begin does with
 * CM_ATOMIC_LOCK (the same code): the lock file is opened with
 * cm_open_file (created 0666 when missing, read-only when a colleague's
 * is not writable by us), and the lock is polled for up to timeout
 * seconds, then CM_SYSTEM "lock timeout on 'PATH.lock' after N s".
 * path is taken as given, not through a link.  Returns the lock's
 * descriptor (closing it, or cm_unlock, or exit releases the lock; so
 * does the kernel when the process dies), or -1 with err filled.  For a
 * file that grows in place (journal.h) rather than being replaced.
 */
int cm_lock(const char *path, double timeout, struct cm_error *err);

/* Release a lock taken by cm_lock (fd < 0: nothing). */
void cm_unlock(int fd);

/*
 * open(2) a file that cm keeps beside a register (its lock, its log) or
 * otherwise trusts: flags (O_RDONLY, O_WRONLY | O_APPEND | O_CREAT, ...)
 * plus O_NOFOLLOW, O_CLOEXEC and O_NOCTTY.  A symbolic link at path is
 * refused, never followed, and so is anything that is not a regular file
 * (a FIFO does not block the open).  Returns the descriptor, or -1 with
 * err filled (CM_SYSTEM; "cannot open 'PATH': is a symbolic link", "...:
 * not a regular file", or the system's reason) and errno kept, so that a
 * caller can take ENOENT (no such file) or EACCES as no error.
 */
int cm_open_file(const char *path, int flags, mode_t mode,
    struct cm_error *err);

/*
 * Whether the directory entry at path, of which st is the lstat, is one
 * that a user other than us planted where anyone may: in a sticky
 * world-writable directory, owned by neither us nor the directory's
 * owner (Linux's fs.protected_symlinks and protected_fifos rule).
 * Returns 0 when it is not, 1 when it is, with err filled (CM_SYSTEM,
 * "not following 'PATH': ..." for a link, "not opening 'PATH': ..."
 * otherwise), and -1 with err filled when the directory cannot be
 * looked at.
 */
int cm_untrusted_entry(const char *path, const struct stat *st,
    struct cm_error *err);

/*
 * fsync the directory holding path, so that a rename or a new file in it
 * is durable.  A file system that cannot (EINVAL) is not an error.
 */
int cm_fsync_parent(const char *path, struct cm_error *err);

#endif
