/*
 * atomic.c: writes that never leave half a file (see atomic.h).
 *
 * The protocol follows git's lockfile.c and tempfile.c in spirit, with two
 * changes that STYLE.md §5 asks for: the lock is a flock(2) on PATH.lock,
 * which the kernel drops when we die, so a kill -9 cannot leave a stale
 * lock behind; and commit fsyncs the data before the rename and the
 * directory after it, because a rename alone is not durable.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "msg.h"
#include "xalloc.h"

/*
 * Temporary files that exist right now, so that exit() and fatal signals
 * can remove them.  A handful is plenty: a command writes one register
 * and perhaps one output at a time.  The table is only changed with the
 * cleanup signals blocked, so the handler never sees a half-made entry,
 * and an entry is only removed by the process that created it: a child
 * forked to run gnuplot inherits the table and must not unlink the
 * parent's files when it exits.
 */
#define NTEMP	16

struct temp {
	char *volatile path;
	volatile pid_t owner;
	FILE *fp;		/* its stream while open, for exit */
};

static struct temp temps[NTEMP];

/*
 * SIGPIPE (our stdout piped into head) and SIGQUIT kill the process as
 * surely as the other three; git's tempfile.c cleans up after them too.
 */
static const int cleanup_signals[] = { SIGHUP, SIGINT, SIGPIPE, SIGQUIT,
    SIGTERM };
#define NSIG_CLEANUP \
	(sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))

static struct sigaction old_actions[NSIG_CLEANUP];
static int installed;

static void
remove_temps(void)
{
	pid_t me = getpid();
	size_t i;

	for (i = 0; i < NTEMP; i++)
		if (temps[i].path != NULL && temps[i].owner == me)
			unlink(temps[i].path);
}

/*
 * A forked child that calls exit() (cm_die after a failed exec of
 * gnuplot) would flush its copy of our stream's buffer into our
 * temporary file, writing those bytes twice.  atexit handlers run before
 * stdio's final flush, so the child can drop its copies here.
 */
static void
on_exit_cleanup(void)
{
	pid_t me = getpid();
	size_t i;

	for (i = 0; i < NTEMP; i++)
		if (temps[i].path != NULL && temps[i].owner != me &&
		    temps[i].fp != NULL)
			__fpurge(temps[i].fp);
	remove_temps();
}

/*
 * Only async-signal-safe calls here: unlink, sigaction, raise.  The
 * signal is then delivered again with the action it had before us, by
 * default death.  Should that be a handler of the program's own that
 * returns, the entries stay in the table and a later commit fails on the
 * missing file instead of pretending to succeed.
 */
static void
on_signal(int sig)
{
	int saved = errno;
	size_t i;

	remove_temps();
	for (i = 0; i < NSIG_CLEANUP; i++)
		if (cleanup_signals[i] == sig)
			sigaction(sig, &old_actions[i], NULL);
	raise(sig);	/* blocked while we run: it lands when we return */
	errno = saved;
}

static void
install_cleanup(void)
{
	struct sigaction sa, old;
	size_t i;

	if (installed)
		return;
	installed = 1;
	atexit(on_exit_cleanup);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIG_CLEANUP; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (i = 0; i < NSIG_CLEANUP; i++) {
		if (sigaction(cleanup_signals[i], NULL, &old) != 0)
			continue;
		old_actions[i] = old;
		/*
		 * A signal ignored by whoever started us (nohup, a cron
		 * wrapper, a shell running us in the background) must stay
		 * ignored: catching it would turn a harmless SIGHUP into a
		 * death.
		 */
		if (old.sa_handler == SIG_IGN)
			continue;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NSIG_CLEANUP; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

static int
free_slot(void)
{
	int i;

	for (i = 0; i < NTEMP; i++)
		if (temps[i].path == NULL)
			return i;
	return -1;
}

/* Call with the cleanup signals blocked. */
static void
unregister(struct cm_atomic *a)
{
	if (a->slot >= 0) {
		temps[a->slot].path = NULL;
		temps[a->slot].owner = 0;
		temps[a->slot].fp = NULL;
		a->slot = -1;
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Poll for the lock rather than block in flock(): a blocking flock cannot
 * time out without an alarm signal, and the signal would be ours to
 * manage in every command.  Returns 0, -1 with errno set, or 1 on
 * timeout.
 */
static int
take_lock(int fd, double timeout)
{
	double start = now(), left;
	long nap = 10 * 1000 * 1000;	/* ns; grows to 50 ms */
	struct timespec ts;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			return -1;
		left = timeout - (now() - start);
		if (left <= 0)
			return 1;
		if (left * 1e9 < nap) {
			ts.tv_sec = 0;
			ts.tv_nsec = (long)(left * 1e9);
		} else {
			ts.tv_sec = 0;
			ts.tv_nsec = nap;
		}
		nanosleep(&ts, NULL);
		if (nap < 50 * 1000 * 1000)
			nap += 10 * 1000 * 1000;
	}
}

static int
lock_path(struct cm_atomic *a, double timeout, struct cm_error *err)
{
	size_t n = strlen(a->path);
	char *lock = xmalloc(n + sizeof(".lock"));
	int fd, r;

	memcpy(lock, a->path, n);
	memcpy(lock + n, ".lock", sizeof(".lock"));
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	/*
	 * A lock file made by a colleague under umask 022 is not writable
	 * by us, yet flock works on a read-only descriptor just as well.
	 */
	if (fd < 0 && errno == EACCES)
		fd = open(lock, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot open '%s': %s", lock, strerror(errno));
		free(lock);
		return -1;
	}
	r = take_lock(fd, timeout);
	if (r != 0) {
		if (r > 0)
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "lock timeout on '%s' after %g s", lock,
			    timeout > 0 ? timeout : 0);
		else
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot lock '%s': %s", lock, strerror(errno));
		close(fd);
		free(lock);
		return -1;
	}
	free(lock);
	a->lockfd = fd;
	return 0;
}

/*
 * The new file gets the old one's permission bits, so that a register
 * made group-writable for the quality office stays so; a new file gets
 * what open(2) would give it.
 */
static int
target_mode(const char *path, mode_t *mode, struct cm_error *err)
{
	struct stat st;
	mode_t um;

	if (stat(path, &st) == 0) {
		/*
		 * Renaming over a device or a FIFO would replace it with a
		 * regular file: as root, "-o /dev/null" would destroy
		 * /dev/null.  Atomic replacement means nothing there.
		 */
		if (!S_ISREG(st.st_mode))
			return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot replace '%s': not a regular file", path);
		*mode = st.st_mode & 07777;
		return 0;
	}
	if (errno != ENOENT)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", path, strerror(errno));
	um = umask(0);
	umask(um);
	*mode = 0666 & ~um;
	return 0;
}

/* Create the temporary file and enter it in the table; returns its fd. */
static int
make_temp(struct cm_atomic *a, int locked, mode_t mode, struct cm_error *err)
{
	size_t n = strlen(a->path);
	sigset_t old;
	int fd, slot, e;

	a->tmp = xmalloc(n + sizeof(".tmpXXXXXX"));
	memcpy(a->tmp, a->path, n);
	/*
	 * Under the lock PATH.tmp is ours alone.  Without it two writers
	 * could truncate each other's PATH.tmp, so each gets a unique name.
	 */
	memcpy(a->tmp + n, locked ? ".tmp" : ".tmpXXXXXX",
	    locked ? sizeof(".tmp") : sizeof(".tmpXXXXXX"));

	/* No signal between creating the file and recording it. */
	block_signals(&old);
	slot = free_slot();
	if (slot < 0) {
		restore_signals(&old);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot create a temporary file for '%s': "
		    "too many open", a->path);
	}
	/* O_NOFOLLOW: a planted PATH.tmp symlink must not aim our write. */
	if (locked)
		fd = open(a->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
		    O_NOFOLLOW, mode);
	else
		fd = mkostemp(a->tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		restore_signals(&old);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot create '%s': %s", a->tmp, strerror(e));
	}
	temps[slot].owner = getpid();
	temps[slot].path = a->tmp;
	a->slot = slot;
	restore_signals(&old);

	/*
	 * mkstemp makes 0600, and a PATH.tmp left by a killed writer keeps
	 * whatever mode it had: set the mode explicitly either way.
	 */
	if (fchmod(fd, mode) != 0) {
		e = errno;
		close(fd);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot chmod '%s': %s", a->tmp, strerror(e));
	}
	return fd;
}

/*
 * A register reached through a symbolic link is the file the link names:
 * renaming over the link itself would replace it with a regular file,
 * leave the real register stale, and (as root, "-o /dev/stdout") could
 * even replace a link in /dev.  Locking the real name also makes two
 * writers that use different links to one file exclude each other.
 */
static int
resolve(struct cm_atomic *a, struct cm_error *err)
{
	struct stat st;
	char *real;

	if (lstat(a->path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	if ((real = realpath(a->path, NULL)) == NULL)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot resolve '%s': %s", a->path, strerror(errno));
	free(a->path);
	a->path = xstrdup(real);
	free(real);
	return 0;
}

int
cm_atomic_begin(struct cm_atomic *a, const char *path, int flags,
    double timeout, struct cm_error *err)
{
	mode_t mode = 0;
	int fd, e;

	a->path = xstrdup(path);
	a->tmp = NULL;
	a->fp = NULL;
	a->lockfd = -1;
	a->slot = -1;
	install_cleanup();

	if (resolve(a, err) < 0)
		goto fail;
	if ((flags & CM_ATOMIC_LOCK) && lock_path(a, timeout, err) < 0)
		goto fail;
	/* Only now, under the lock, is the old file's mode current. */
	if (target_mode(a->path, &mode, err) < 0)
		goto fail;
	fd = make_temp(a, flags & CM_ATOMIC_LOCK, mode, err);
	if (fd < 0)
		goto fail;
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot open '%s': %s",
		    a->tmp, strerror(e));
		goto fail;
	}
	temps[a->slot].fp = a->fp;
	return 0;

fail:
	/* The caller has nothing to abort after a failed begin. */
	cm_atomic_abort(a);
	return -1;
}

int
cm_fsync_parent(const char *path, struct cm_error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, e;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, slash - path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot open directory '%s': %s", dir, strerror(e));
		free(dir);
		return -1;
	}
	/*
	 * Some file systems (certain FUSE and network ones) cannot fsync a
	 * directory and say EINVAL; the rename is then as durable as that
	 * file system can make it, which is no reason to fail a finished
	 * write.
	 */
	if (fsync(fd) != 0 && errno != EINVAL) {
		e = errno;
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot fsync directory '%s': %s", dir, strerror(e));
		free(dir);
		return -1;
	}
	close(fd);
	free(dir);
	return 0;
}

int
cm_atomic_commit(struct cm_atomic *a, struct cm_error *err)
{
	sigset_t old;
	FILE *fp = a->fp;
	int e;

	if (fp == NULL) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot commit '%s': not open",
		    a->path ? a->path : "(null)");
		goto fail;
	}
	/*
	 * ferror catches a failure of an earlier implicit flush whose errno
	 * is long gone; EIO is the honest guess then.  Messages name the
	 * file the user asked for: the temporary one will be gone by the
	 * time they read them.
	 */
	errno = 0;
	if (fflush(fp) != 0 || ferror(fp)) {
		e = errno ? errno : EIO;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "write error on '%s': %s", a->path, strerror(e));
		goto fail;
	}
	if (fsync(fileno(fp)) != 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot fsync '%s': %s", a->path, strerror(e));
		goto fail;
	}
	a->fp = NULL;
	temps[a->slot].fp = NULL;
	if (fclose(fp) != 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "write error on '%s': %s", a->path, strerror(e));
		goto fail;
	}

	/*
	 * Between the rename and forgetting the name, a signal handler
	 * could unlink whatever appears at the old temporary name.
	 */
	block_signals(&old);
	if (rename(a->tmp, a->path) != 0) {
		e = errno;
		restore_signals(&old);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot rename '%s' to '%s': %s", a->tmp, a->path,
		    strerror(e));
		goto fail;
	}
	unregister(a);
	restore_signals(&old);
	free(a->tmp);
	a->tmp = NULL;

	/* Keep the lock until the new name is on disk too. */
	if (cm_fsync_parent(a->path, err) < 0)
		goto fail;
	cm_atomic_abort(a);	/* only the lock and the names are left */
	return 0;

fail:
	cm_atomic_abort(a);
	return -1;
}

void
cm_atomic_abort(struct cm_atomic *a)
{
	sigset_t old;

	if (a->fp != NULL) {
		if (a->slot >= 0)
			temps[a->slot].fp = NULL;
		fclose(a->fp);
		a->fp = NULL;
	}
	if (a->tmp != NULL) {
		block_signals(&old);
		if (a->slot >= 0)
			unlink(a->tmp);
		unregister(a);
		restore_signals(&old);
		free(a->tmp);
		a->tmp = NULL;
	}
	/*
	 * Closing the descriptor releases the lock.  The lock file stays:
	 * unlinking it would let a waiter lock the old inode while a
	 * newcomer creates and locks a new one, two holders at once.
	 */
	if (a->lockfd >= 0) {
		close(a->lockfd);
		a->lockfd = -1;
	}
	free(a->path);
	a->path = NULL;
}
