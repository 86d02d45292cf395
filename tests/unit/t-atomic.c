/*
 * t-atomic.c: the safe-write protocol of atomic.h: commit replaces the
 * file and keeps its mode, abort keeps the old one, the lock times out,
 * and no temporary file survives exit() or a signal.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "msg.h"
#include "tap.h"

static char dir[256];

static char *
in_dir(const char *name)
{
	static char p[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void
spew(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fputs(s, fp) == EOF || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

/* The contents of path, or "(missing)". */
static const char *
slurp(const char *path)
{
	static char b[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return "(missing)";
	n = fread(b, 1, sizeof(b) - 1, fp);
	b[n] = '\0';
	fclose(fp);
	return b;
}

/* How many entries of the directory hold ".tmp" in their name. */
static int
ntemps(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp") != NULL)
			n++;
	closedir(d);
	return n;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static pid_t
xfork(void)
{
	pid_t pid;

	/* Else the child would print our buffered TAP lines a second time. */
	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(99);
	}
	return pid;
}

static int
wait_status(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

/*
 * First, before any begin installs the handlers: a SIGHUP ignored by
 * whoever started us (nohup) must stay ignored.
 */
static void
test_ignored_signal(void)
{
	struct cm_atomic a;
	struct cm_error err;
	pid_t pid;
	int st;

	pid = xfork();
	if (pid == 0) {
		signal(SIGHUP, SIG_IGN);
		if (cm_atomic_begin(&a, in_dir("hup.csv"), CM_ATOMIC_LOCK, 1,
		    &err) < 0)
			_exit(1);
		fputs("survived\n", a.fp);
		raise(SIGHUP);
		if (cm_atomic_commit(&a, &err) < 0)
			_exit(2);
		_exit(0);
	}
	st = wait_status(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "an ignored SIGHUP stays ignored (status %#x)", st);
	is_str(slurp(in_dir("hup.csv")), "survived\n",
	    "and the write completes");
}

static void
test_commit(void)
{
	struct cm_atomic a;
	struct cm_error err;
	const char *path = in_dir("reg.csv");
	struct stat st;
	int r;

	spew(path, "old\n");
	chmod(path, 0640);
	r = cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err);
	is_int(r, 0, "begin with lock");
	is_str(a.tmp, in_dir("reg.csv.tmp"), "temporary file is PATH.tmp");
	ok(a.lockfd >= 0, "lock descriptor held");
	fputs("new\n", a.fp);
	fflush(a.fp);
	is_str(slurp(path), "old\n", "old contents until commit");
	is_str(slurp(in_dir("reg.csv.tmp")), "new\n", "new contents in tmp");
	r = cm_atomic_commit(&a, &err);
	is_int(r, 0, "commit");
	is_str(slurp(path), "new\n", "commit replaces contents");
	stat(path, &st);
	is_int(st.st_mode & 07777, 0640, "commit keeps mode 0640");
	is_int(ntemps(), 0, "no temporary file after commit");
	ok(exists(in_dir("reg.csv.lock")), "lock file is left in place");
	ok(a.fp == NULL && a.tmp == NULL && a.path == NULL && a.lockfd == -1,
	    "commit releases everything");
}

static void
test_abort(void)
{
	struct cm_atomic a;
	struct cm_error err;
	const char *path = in_dir("reg.csv");

	is_int(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err), 0,
	    "begin for abort");
	fputs("half a fi", a.fp);
	fflush(a.fp);
	ok(ntemps() == 1, "temporary file exists while writing");
	cm_atomic_abort(&a);
	is_str(slurp(path), "new\n", "abort leaves the old file");
	is_int(ntemps(), 0, "abort removes the temporary file");
	cm_atomic_abort(&a);
	ok(1, "a second abort is harmless");
}

static void
test_unlocked(void)
{
	struct cm_atomic a, b;
	struct cm_error err;
	const char *path = in_dir("new.csv");
	struct stat st;
	mode_t old = umask(027);

	is_int(cm_atomic_begin(&a, path, 0, 0, &err), 0, "unlocked begin a");
	is_int(cm_atomic_begin(&b, path, 0, 0, &err), 0, "unlocked begin b");
	is_int(a.lockfd, -1, "no lock taken");
	ok(strncmp(a.tmp, in_dir("new.csv.tmp"), strlen(in_dir("new.csv.tmp")))
	    == 0 && strlen(a.tmp) == strlen(in_dir("new.csv.tmp")) + 6,
	    "unlocked temporary is PATH.tmpXXXXXX (%s)", a.tmp);
	ok(strcmp(a.tmp, b.tmp) != 0, "two unlocked writers, two temps");
	fstat(fileno(a.fp), &st);
	is_int(st.st_mode & 07777, 0640, "new file: 0666 & ~umask, not 0600");
	fputs("from a\n", a.fp);
	fputs("from b\n", b.fp);
	is_int(cm_atomic_commit(&a, &err), 0, "commit a");
	is_int(cm_atomic_commit(&b, &err), 0, "commit b");
	is_str(slurp(path), "from b\n", "last commit wins, whole");
	stat(path, &st);
	is_int(st.st_mode & 07777, 0640, "committed mode follows umask");
	is_int(ntemps(), 0, "no temporary files left");
	ok(!exists(in_dir("new.csv.lock")), "no lock file without the flag");
	umask(old);
}

static void
test_lock_timeout(void)
{
	struct cm_atomic a;
	struct cm_error err;
	const char *path = in_dir("reg.csv");
	int fds[2], st, r;
	double t0, dt;
	pid_t pid;
	char c;

	if (pipe(fds) != 0) {
		perror("pipe");
		exit(99);
	}
	pid = xfork();
	if (pid == 0) {
		close(fds[0]);
		if (cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err) < 0)
			_exit(1);
		fputs("child\n", a.fp);
		fflush(a.fp);
		if (write(fds[1], "r", 1) != 1)
			_exit(2);
		for (;;)
			pause();	/* until the parent's SIGTERM */
	}
	close(fds[1]);
	r = read(fds[0], &c, 1) == 1;
	close(fds[0]);
	ok(r, "child holds the lock");

	t0 = now();
	r = cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 0.3, &err);
	dt = now() - t0;
	is_int(r, -1, "begin fails while another process holds the lock");
	is_int(err.status, CM_SYSTEM, "lock timeout is CM_SYSTEM");
	ok(strstr(err.msg, "lock timeout") != NULL, "msg: %s", err.msg);
	ok(strstr(err.msg, "reg.csv.lock' after 0.3 s") != NULL,
	    "msg names the lock file and the time");
	ok(dt >= 0.29 && dt < 2, "waited the timeout (%.3f s)", dt);
	ok(a.fp == NULL && a.tmp == NULL && a.path == NULL && a.lockfd == -1,
	    "failed begin leaves nothing to abort");
	is_int(ntemps(), 1, "only the holder's temporary file exists");

	kill(pid, SIGTERM);
	st = wait_status(pid);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	    "holder dies of SIGTERM, re-raised by the handler");
	is_int(ntemps(), 0, "SIGTERM handler removed the holder's temp");
	is_str(slurp(path), "new\n", "killed holder left the old file");

	t0 = now();
	r = cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 5, &err);
	is_int(r, 0, "the kernel dropped the dead holder's lock");
	ok(now() - t0 < 1, "at once");
	if (r == 0)
		cm_atomic_abort(&a);
	is_int(ntemps(), 0, "no stray temporary files afterwards");
}

/* A waiter gets the lock soon after the holder commits. */
static void
test_lock_wait(void)
{
	struct cm_atomic a;
	struct cm_error err;
	const char *path = in_dir("reg.csv");
	int fds[2], st, r;
	pid_t pid;
	char c;

	if (pipe(fds) != 0) {
		perror("pipe");
		exit(99);
	}
	pid = xfork();
	if (pid == 0) {
		close(fds[0]);
		if (cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err) < 0)
			_exit(1);
		if (write(fds[1], "r", 1) != 1)
			_exit(2);
		usleep(200 * 1000);
		fputs("first\n", a.fp);
		_exit(cm_atomic_commit(&a, &err) < 0 ? 3 : 0);
	}
	close(fds[1]);
	r = read(fds[0], &c, 1) == 1;
	close(fds[0]);
	r = r && cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 5, &err) == 0;
	ok(r, "waiter gets the lock after the holder commits");
	is_str(slurp(path), "first\n", "and sees the holder's file");
	if (r) {
		fputs("second\n", a.fp);
		is_int(cm_atomic_commit(&a, &err), 0, "waiter commits");
	}
	st = wait_status(pid);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "holder committed");
	is_str(slurp(path), "second\n", "writes are serialized");
}

static void
test_exit_cleanup(void)
{
	struct cm_atomic a;
	struct cm_error err;
	int flags, st;
	pid_t pid;

	for (flags = 0; flags <= CM_ATOMIC_LOCK; flags++) {
		pid = xfork();
		if (pid == 0) {
			if (cm_atomic_begin(&a, in_dir("exit.csv"), flags, 1,
			    &err) < 0)
				_exit(1);
			fputs("half", a.fp);
			fflush(a.fp);
			exit(3);	/* as cm_die would, mid-write */
		}
		st = wait_status(pid);
		ok(WIFEXITED(st) && WEXITSTATUS(st) == 3,
		    "child exited 3 mid-write (flags %d)", flags);
		is_int(ntemps(), 0, "exit handler removed the temporary file");
		ok(!exists(in_dir("exit.csv")), "and the path was not created");
	}
}

/*
 * A forked child (gnuplot's) exiting must neither remove our temporary
 * nor flush its copy of our unflushed stream into it.
 */
static void
test_fork_keeps_parent_temp(void)
{
	struct cm_atomic a;
	struct cm_error err;
	pid_t pid;
	int st;

	is_int(cm_atomic_begin(&a, in_dir("fork.csv"), CM_ATOMIC_LOCK, 1,
	    &err), 0, "begin before fork");
	fputs("parent\n", a.fp);
	pid = xfork();
	if (pid == 0)
		exit(0);
	st = wait_status(pid);
	ok(WIFEXITED(st), "child exited");
	ok(exists(a.tmp), "the parent's temporary file survives");
	is_int(cm_atomic_commit(&a, &err), 0, "and commits");
	is_str(slurp(in_dir("fork.csv")), "parent\n",
	    "written once: the child's exit did not flush our buffer");
}

static void
test_failures(void)
{
	struct cm_atomic a;
	struct cm_error err;
	const char *path = in_dir("nodir/x.csv");
	int r;

	r = cm_atomic_begin(&a, path, 0, 0, &err);
	is_int(r, -1, "begin in a missing directory fails");
	is_int(err.status, CM_SYSTEM, "as CM_SYSTEM");
	ok(strstr(err.msg, "cannot create") != NULL &&
	    strstr(err.msg, "No such file or directory") != NULL,
	    "msg: %s", err.msg);

	r = cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 0, &err);
	is_int(r, -1, "locked begin in a missing directory fails");
	ok(strstr(err.msg, "x.csv.lock") != NULL, "msg: %s", err.msg);

	r = cm_atomic_begin(&a, "/dev/null", 0, 0, &err);
	is_int(r, -1, "a device is never replaced");
	ok(strstr(err.msg, "not a regular file") != NULL, "msg: %s", err.msg);

	/* rename(2) cannot put a file over a directory. */
	path = in_dir("isdir");
	r = cm_atomic_begin(&a, path, 0, 0, &err);
	is_int(r, 0, "begin before the path turns into a directory");
	mkdir(path, 0755);
	fputs("x\n", a.fp);
	r = cm_atomic_commit(&a, &err);
	is_int(r, -1, "commit over a directory fails");
	ok(strstr(err.msg, "cannot rename") != NULL, "msg: %s", err.msg);
	is_int(ntemps(), 0, "failed commit removes the temporary file");
	rmdir(path);
}

/* Writing through a symbolic link updates the file it names. */
static void
test_symlink(void)
{
	struct cm_atomic a;
	struct cm_error err;
	struct stat st;
	int r;

	spew(in_dir("target.csv"), "old\n");
	r = symlink("target.csv", in_dir("link.csv"));
	r = r == 0 && cm_atomic_begin(&a, in_dir("link.csv"), CM_ATOMIC_LOCK,
	    1, &err) == 0;
	ok(r, "begin through a symbolic link");
	if (r) {
		fputs("new\n", a.fp);
		is_int(cm_atomic_commit(&a, &err), 0, "commit through it");
	}
	ok(lstat(in_dir("link.csv"), &st) == 0 && S_ISLNK(st.st_mode),
	    "the link is still a link");
	is_str(slurp(in_dir("target.csv")), "new\n", "its target was replaced");
	ok(exists(in_dir("target.csv.lock")), "the lock is the target's");
	ok(!exists(in_dir("link.csv.lock")), "not the link's");

	unlink(in_dir("target.csv"));
	r = cm_atomic_begin(&a, in_dir("link.csv"), 0, 0, &err);
	is_int(r, -1, "a dangling link is an error");
	ok(strstr(err.msg, "cannot resolve") != NULL, "msg: %s", err.msg);
	is_int(ntemps(), 0, "no temporary files left");
}

static void
cleanup(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(in_dir(e->d_name));
	closedir(d);
	rmdir(dir);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/t-atomic.XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 99;
	}
	cm_setprogname("t-atomic");

	test_ignored_signal();
	test_commit();
	test_abort();
	test_unlocked();
	test_lock_timeout();
	test_lock_wait();
	test_exit_cleanup();
	test_fork_keeps_parent_temp();
	test_failures();
	test_symlink();

	cleanup();
	return done_testing();
}
