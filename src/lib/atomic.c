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

#include <dirent.h>
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

/* The directory holding path, for fsync and for the sticky-bit rule. */
static char *
parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, slash - path);
}

int
cm_open_file(const char *path, int flags, mode_t mode, struct cm_error *err)
{
	struct stat st;
	int fd, e, fl;

	/*
	 * O_NONBLOCK: a FIFO planted at the name must not hang us in
	 * open(2) waiting for a peer; it is refused below like any other
	 * file that is not regular.  O_NOCTTY: nor may a terminal become
	 * ours.
	 */
	fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC, mode);
	if (fd < 0) {
		e = errno;
		if (e != ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot open '%s': is a symbolic link", path);
		else if (e != ENOENT && lstat(path, &st) == 0 &&
		    !S_ISREG(st.st_mode))
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot open '%s': not a regular file", path);
		else
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot open '%s': %s", path, strerror(e));
		errno = e;
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", path, strerror(e));
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot open '%s': not a regular file", path);
		errno = EINVAL;
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

int
cm_untrusted_entry(const char *path, const struct stat *st,
    struct cm_error *err)
{
	struct stat dir;
	char *d = parent_dir(path);
	int e;

	if (stat(d, &dir) != 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat directory '%s': %s", d, strerror(e));
		free(d);
		return -1;
	}
	free(d);
	if ((dir.st_mode & (S_ISVTX | S_IWOTH)) != (S_ISVTX | S_IWOTH) ||
	    st->st_uid == geteuid() || st->st_uid == dir.st_uid)
		return 0;
	if (S_ISLNK(st->st_mode))
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "not following '%s': a symbolic link owned by another "
		    "user in a sticky world-writable directory", path);
	else
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "not opening '%s': owned by another user in a sticky "
		    "world-writable directory", path);
	return 1;
}

int
cm_lock(const char *path, double timeout, struct cm_error *err)
{
	size_t n = strlen(path);
	char *lock = xmalloc(n + sizeof(".lock"));
	int fd, r;

	memcpy(lock, path, n);
	memcpy(lock + n, ".lock", sizeof(".lock"));
	/*
	 * Never through a link: one planted at PATH.lock would make us
	 * create, as root perhaps, a file wherever it points.
	 */
	fd = cm_open_file(lock, O_RDWR | O_CREAT, 0666, err);
	/*
	 * A lock file made by a colleague under umask 022 is not writable
	 * by us, yet flock works on a read-only descriptor just as well.
	 */
	if (fd < 0 && errno == EACCES) {
		struct cm_error first;

		/*
		 * When there is no lock file to read either, the directory
		 * refused us one: that first error is the one to tell.
		 */
		cm_error_copy(&first, err);
		if ((fd = cm_open_file(lock, O_RDONLY, 0, err)) < 0 &&
		    errno == ENOENT)
			cm_error_copy(err, &first);
	}
	if (fd < 0) {
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
	return fd;
}

void
cm_unlock(int fd)
{
	/*
	 * The lock file stays: unlinking it would let a waiter lock the
	 * old inode while a newcomer creates and locks a new one.
	 */
	if (fd >= 0)
		close(fd);
}

/*
 * The new file gets the old one's permission bits, so that a register
 * made group-writable for the quality office stays so; a new file gets
 * what open(2) would give it, and so does one that replaces a symbolic
 * link (nofollow): the link's own bits mean nothing.
 */
static int
target_mode(const char *path, int nofollow, mode_t *mode,
    struct cm_error *err)
{
	struct stat st;
	mode_t um;
	int r = nofollow ? lstat(path, &st) : stat(path, &st);

	if (r == 0 && !S_ISLNK(st.st_mode)) {
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
	if (r != 0 && errno != ENOENT)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", path, strerror(errno));
	um = umask(0);
	umask(um);
	*mode = 0666 & ~um;
	return 0;
}

/* The six characters mkstemp(3) puts for XXXXXX. */
static int
temp_suffix(const char *s)
{
	size_t i;

	for (i = 0; i < 6; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return s[6] == '\0';
}

/*
 * Remove what writers killed by SIGKILL (or a crash) left of PATH: their
 * PATH.tmpXXXXXX, which no handler of theirs could remove.  Call only
 * under PATH's lock: every locked writer holds the lock from before it
 * creates its temporary file until after the file is renamed or removed,
 * so no live one has a temporary file now.  Only regular files of our
 * own are removed; a colleague's leftover in a shared directory stays
 * for the colleague (or an administrator) to remove, and so does
 * anything not named exactly as we name temporary files.  A failure here
 * only leaves litter, never stops the write.
 */
static void
sweep_stale(const char *path)
{
	char *dir = parent_dir(path);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	struct dirent *e;
	struct stat st;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, base, blen) != 0 ||
		    strncmp(e->d_name + blen, ".tmp", 4) != 0 ||
		    !temp_suffix(e->d_name + blen + 4))
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
			(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
	free(dir);
}

/*
 * Create the temporary file and enter it in the table; returns its fd.
 * It is always a new file, made exclusively under a unique name
 * (mkstemp's O_CREAT | O_EXCL): a link or a hard link planted at a fixed
 * PATH.tmp could otherwise aim our write, or our chmod, at another file.
 */
static int
make_temp(struct cm_atomic *a, mode_t mode, struct cm_error *err)
{
	size_t n = strlen(a->path);
	sigset_t old;
	int fd, slot, e;

	a->tmp = xmalloc(n + sizeof(".tmpXXXXXX"));
	memcpy(a->tmp, a->path, n);
	memcpy(a->tmp + n, ".tmpXXXXXX", sizeof(".tmpXXXXXX"));

	/* No signal between creating the file and recording it. */
	block_signals(&old);
	slot = free_slot();
	if (slot < 0) {
		restore_signals(&old);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot create a temporary file for '%s': "
		    "too many open", a->path);
	}
	fd = mkostemp(a->tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		restore_signals(&old);
		/* The user's file, not our temporary name beside it. */
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot create '%s': %s", a->path, strerror(e));
	}
	temps[slot].owner = getpid();
	temps[slot].path = a->tmp;
	a->slot = slot;
	restore_signals(&old);

	/* mkstemp makes 0600: give the file the mode it is to have. */
	if (fchmod(fd, mode) != 0) {
		e = errno;
		close(fd);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot create '%s': %s", a->path, strerror(e));
	}
	return fd;
}

/* The target of the symbolic link at path, or NULL with errno set. */
static char *
read_link(const char *path)
{
	size_t cap = 64;
	char *b = NULL;
	ssize_t n;

	/* lstat's st_size is 0 for links in /proc: grow until it fits. */
	for (;;) {
		cap *= 2;
		b = xrealloc(b, cap);
		if ((n = readlink(path, b, cap)) < 0) {
			free(b);
			return NULL;
		}
		if ((size_t)n < cap) {
			b[n] = '\0';
			return b;
		}
	}
}

/*
 * A register reached through a symbolic link is the file the link names:
 * renaming over the link itself would replace it with a regular file,
 * leave the real register stale, and (as root, "-o /dev/stdout") could
 * even replace a link in /dev.  Locking the real name also makes two
 * writers that use different links to one file exclude each other.
 *
 * But a link is followed only when its owner could have meant it, after
 * Linux's fs.protected_symlinks (which may be off): in a sticky
 * world-writable directory (/tmp) only a link of our own or of the
 * directory's owner; anyone can plant one there, and following it would
 * let them aim a root cm at any file.  Each link of a chain is held to
 * this; the directories on the way are the caller's to trust.
 */
static int
resolve(struct cm_atomic *a, struct cm_error *err)
{
	struct stat st;
	char *cur = xstrdup(a->path), *to, *dir, *real;
	int hops = 0, e;

	while (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (++hops > 40) {
			e = ELOOP;
			goto bad;
		}
		if (cm_untrusted_entry(cur, &st, err) != 0)
			goto fail;
		if ((to = read_link(cur)) == NULL) {
			e = errno;
			goto bad;
		}
		if (to[0] == '/') {
			free(cur);
			cur = to;
		} else {
			dir = parent_dir(cur);
			free(cur);
			cur = xmalloc(strlen(dir) + strlen(to) + 2);
			sprintf(cur, "%s/%s", dir, to);
			free(dir);
			free(to);
		}
	}
	free(cur);
	if (hops == 0)
		return 0;
	if ((real = realpath(a->path, NULL)) == NULL)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot resolve '%s': %s", a->path, strerror(errno));
	free(a->path);
	a->path = xstrdup(real);
	free(real);
	return 0;

bad:
	cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot resolve '%s': %s",
	    a->path, strerror(e));
fail:
	free(cur);
	return -1;
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

	if (!(flags & CM_ATOMIC_NOFOLLOW) && resolve(a, err) < 0)
		goto fail;
	if (flags & CM_ATOMIC_LOCK) {
		if ((a->lockfd = cm_lock(a->path, timeout, err)) < 0)
			goto fail;
		sweep_stale(a->path);
	} else if (flags & CM_ATOMIC_SWEEP)
		sweep_stale(a->path);
	/* Only now, under the lock, is the old file's mode current. */
	if (target_mode(a->path, flags & CM_ATOMIC_NOFOLLOW, &mode, err) < 0)
		goto fail;
	fd = make_temp(a, mode, err);
	if (fd < 0)
		goto fail;
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot create '%s': %s", a->path, strerror(e));
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
	char *dir = parent_dir(path);
	int fd, e;

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
		    "cannot rename the new '%s' into place: %s", a->path,
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
