/*
 * t-atomic.c: the safe-write protocol of atomic.h: commit replaces the
 * file and keeps its mode, abort keeps the old one, the lock times out,
 * no temporary file survives exit() or a signal, and none that SIGKILL
 * left survives the next locked writer; no name planted beside the file
 * (a link or hard link at the lock or a temporary name, another user's
 * link in /tmp) aims a write elsewhere.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
	ok(strncmp(a.tmp, in_dir("reg.csv.tmp"), strlen(in_dir("reg.csv.tmp")))
	    == 0 && strlen(a.tmp) == strlen(in_dir("reg.csv.tmp")) + 6,
	    "locked temporary is PATH.tmpXXXXXX too (%s)", a.tmp);
	ok(a.lockfd >= 0, "lock descriptor held");
	fputs("new\n", a.fp);
	fflush(a.fp);
	is_str(slurp(path), "old\n", "old contents until commit");
	is_str(slurp(a.tmp), "new\n", "new contents in tmp");
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

/*
 * cm_lock is the lock cm_atomic_begin takes: it times out while another
 * descriptor (here a cm_atomic writer in this very process, since a
 * flock belongs to the open file) holds PATH.lock, and a cm_lock holder
 * keeps cm_atomic_begin out in turn.
 */
static void
test_cm_lock(void)
{
	struct cm_atomic a;
	struct cm_error err;
	const char *path = in_dir("journal.csv");
	double t0, dt;
	int fd, fd2;

	fd = cm_lock(path, 1, &err);
	ok(fd >= 0, "cm_lock takes a free lock");
	ok(exists(in_dir("journal.csv.lock")), "on PATH.lock");
	t0 = now();
	fd2 = cm_lock(path, 0.2, &err);
	dt = now() - t0;
	is_int(fd2, -1, "a second cm_lock times out");
	is_int(err.status, CM_SYSTEM, "lock timeout is CM_SYSTEM");
	ok(strstr(err.msg, "lock timeout on '") != NULL &&
	    strstr(err.msg, "journal.csv.lock' after 0.2 s") != NULL,
	    "msg: %s", err.msg);
	ok(dt >= 0.19 && dt < 2, "waited the timeout (%.3f s)", dt);
	is_int(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 0.1, &err), -1,
	    "cm_atomic_begin waits for a cm_lock holder");
	cm_unlock(fd);
	fd = cm_lock(path, 0.2, &err);
	ok(fd >= 0, "cm_unlock released it");
	cm_unlock(fd);

	ok(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err) == 0,
	    "begin locks");
	is_int(cm_lock(path, 0.1, &err), -1,
	    "cm_lock waits for a cm_atomic_begin holder");
	cm_atomic_abort(&a);

	ok(symlink("planted", in_dir("linked.csv.lock")) == 0, "link");
	is_int(cm_lock(in_dir("linked.csv"), 0.1, &err), -1,
	    "cm_lock refuses a link at PATH.lock");
	ok(strstr(err.msg, "is a symbolic link") != NULL, "msg: %s",
	    err.msg);
	ok(!exists(in_dir("planted")), "nothing created through it");
	unlink(in_dir("linked.csv.lock"));
	unlink(in_dir("journal.csv.lock"));
	cm_unlock(-1);
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

/*
 * A fixed PATH.tmp hard-linked (or symlinked) to another file must not be
 * written: the temporary file is always new.
 */
static void
test_planted_tmp(void)
{
	struct cm_atomic a;
	struct cm_error err;
	char path[600];
	struct stat st;

	snprintf(path, sizeof(path), "%s", in_dir("hl.csv"));
	spew(path, "old\n");
	spew(in_dir("victim"), "victim\n");
	chmod(in_dir("victim"), 0600);
	if (link(in_dir("victim"), in_dir("hl.csv.tmp")) != 0 ||
	    symlink("victim2", in_dir("hl.csv.tmpAAAAAA")) != 0) {
		perror("link");
		exit(99);
	}
	is_int(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err), 0,
	    "begin beside a planted PATH.tmp");
	fputs("new\n", a.fp);
	is_int(cm_atomic_commit(&a, &err), 0, "commit");
	is_str(slurp(path), "new\n", "the register is replaced");
	is_str(slurp(in_dir("victim")), "victim\n",
	    "the file hard-linked at PATH.tmp is untouched");
	ok(stat(in_dir("victim"), &st) == 0 && (st.st_mode & 07777) == 0600,
	    "and keeps its mode");
	ok(!exists(in_dir("victim2")), "no file created through a link");
	unlink(in_dir("hl.csv.tmp"));
	unlink(in_dir("hl.csv.tmpAAAAAA"));
	unlink(in_dir("victim"));
}

/*
 * What a writer killed by SIGKILL leaves, PATH.tmpXXXXXX, is removed by
 * the next locked writer; nothing else is.
 */
static void
test_stale_temps(void)
{
	struct cm_atomic a;
	struct cm_error err;
	char path[600];
	int fds[2], st, r;
	pid_t pid;
	char c;

	snprintf(path, sizeof(path), "%s", in_dir("st.csv"));
	spew(path, "old\n");
	if (pipe(fds) != 0) {
		perror("pipe");
		exit(99);
	}
	pid = xfork();
	if (pid == 0) {
		close(fds[0]);
		if (cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err) < 0)
			_exit(1);
		fputs("half", a.fp);
		fflush(a.fp);
		if (write(fds[1], "r", 1) != 1)
			_exit(2);
		for (;;)
			pause();
	}
	close(fds[1]);
	r = read(fds[0], &c, 1) == 1;
	close(fds[0]);
	ok(r, "a writer is in the middle of its write");
	kill(pid, SIGKILL);
	st = wait_status(pid);
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "and is killed -9");
	is_int(ntemps(), 1, "its temporary file is left behind");

	/* Not of our naming: these stay. */
	spew(in_dir("st.csv.tmp"), "x");
	spew(in_dir("st.csv.tmpABCDE"), "x");
	spew(in_dir("st.csv.tmpABCDEFG"), "x");
	spew(in_dir("other.csv.tmpABCDEF"), "x");
	if (mkdir(in_dir("st.csv.tmpDIRDIR"), 0700) != 0) {
		perror("mkdir");
		exit(99);
	}

	is_int(cm_atomic_begin(&a, path, 0, 0, &err), 0, "unlocked begin");
	cm_atomic_abort(&a);
	is_int(ntemps(), 6, "an unlocked writer removes nothing");

	is_int(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err), 0,
	    "the next locked writer");
	is_int(ntemps(), 6, "removed the leftover (its own is there)");
	fputs("new\n", a.fp);
	is_int(cm_atomic_commit(&a, &err), 0, "and commits");
	is_int(ntemps(), 5, "only the files not of its naming are left");
	ok(exists(in_dir("st.csv.tmp")) && exists(in_dir("st.csv.tmpABCDE")) &&
	    exists(in_dir("st.csv.tmpABCDEFG")) &&
	    exists(in_dir("other.csv.tmpABCDEF")) &&
	    exists(in_dir("st.csv.tmpDIRDIR")), "they are untouched");
	unlink(in_dir("st.csv.tmp"));
	unlink(in_dir("st.csv.tmpABCDE"));
	unlink(in_dir("st.csv.tmpABCDEFG"));
	unlink(in_dir("other.csv.tmpABCDEF"));
	rmdir(in_dir("st.csv.tmpDIRDIR"));
}

/* The lock is never opened through a link, nor anything but a file. */
static void
test_lock_links(void)
{
	struct cm_atomic a;
	struct cm_error err;
	char path[600];
	char want[1024];

	snprintf(path, sizeof(path), "%s", in_dir("lk.csv"));
	if (symlink("lk-target", in_dir("lk.csv.lock")) != 0) {
		perror("symlink");
		exit(99);
	}
	is_int(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err), -1,
	    "a symbolic link at PATH.lock is refused");
	snprintf(want, sizeof(want), "cannot open '%s': is a symbolic link",
	    in_dir("lk.csv.lock"));
	is_str(err.msg, want, "message");
	ok(!exists(in_dir("lk-target")), "nothing created through it");
	is_int(ntemps(), 0, "no temporary file");
	unlink(in_dir("lk.csv.lock"));

	if (mkfifo(in_dir("lk.csv.lock"), 0600) != 0) {
		perror("mkfifo");
		exit(99);
	}
	is_int(cm_atomic_begin(&a, path, CM_ATOMIC_LOCK, 1, &err), -1,
	    "a FIFO at PATH.lock is refused, without hanging");
	snprintf(want, sizeof(want), "cannot open '%s': not a regular file",
	    in_dir("lk.csv.lock"));
	is_str(err.msg, want, "message");
	unlink(in_dir("lk.csv.lock"));
}

static void
test_open_file(void)
{
	struct cm_error err;
	int fd;

	errno = 0;
	fd = cm_open_file(in_dir("nothere"), O_RDONLY, 0, &err);
	ok(fd < 0 && errno == ENOENT, "a missing file: -1 and ENOENT kept");
	fd = cm_open_file(in_dir("made"), O_WRONLY | O_CREAT, 0640, &err);
	ok(fd >= 0, "O_CREAT creates a file");
	if (fd >= 0)
		close(fd);
	if (symlink("made", in_dir("made-link")) != 0) {
		perror("symlink");
		exit(99);
	}
	errno = 0;
	fd = cm_open_file(in_dir("made-link"), O_RDONLY, 0, &err);
	ok(fd < 0 && errno == ELOOP, "a link to a file is refused (ELOOP)");
	fd = cm_open_file(dir, O_RDONLY, 0, &err);
	ok(fd < 0 && strstr(err.msg, "not a regular file") != NULL,
	    "a directory is refused: %s", err.msg);
	unlink(in_dir("made-link"));
	unlink(in_dir("made"));
}

/* CM_ATOMIC_NOFOLLOW replaces a link at PATH instead of its target. */
static void
test_nofollow(void)
{
	struct cm_atomic a;
	struct cm_error err;
	struct stat st;
	mode_t old = umask(022);

	spew(in_dir("nf-target"), "target\n");
	chmod(in_dir("nf-target"), 0600);
	if (symlink("nf-target", in_dir("nf.csv")) != 0 ||
	    symlink("nf-nothere", in_dir("nf-dangling.csv")) != 0) {
		perror("symlink");
		exit(99);
	}
	is_int(cm_atomic_begin(&a, in_dir("nf.csv"), CM_ATOMIC_NOFOLLOW, 0,
	    &err), 0, "begin on a link with CM_ATOMIC_NOFOLLOW");
	fputs("out\n", a.fp);
	is_int(cm_atomic_commit(&a, &err), 0, "commit");
	ok(lstat(in_dir("nf.csv"), &st) == 0 && S_ISREG(st.st_mode),
	    "the link was replaced by a regular file");
	is_int(st.st_mode & 07777, 0644, "with the mode of a new file");
	is_str(slurp(in_dir("nf.csv")), "out\n", "holding the output");
	is_str(slurp(in_dir("nf-target")), "target\n", "the target untouched");

	is_int(cm_atomic_begin(&a, in_dir("nf-dangling.csv"),
	    CM_ATOMIC_NOFOLLOW, 0, &err), 0, "a dangling link too");
	fputs("out\n", a.fp);
	is_int(cm_atomic_commit(&a, &err), 0, "commit");
	ok(!exists(in_dir("nf-nothere")), "nothing created at its target");
	unlink(in_dir("nf.csv"));
	unlink(in_dir("nf-dangling.csv"));
	unlink(in_dir("nf-target"));
	umask(old);
}

/*
 * In a sticky world-writable directory a link of another user is not
 * followed (root only: lchown gives the link away).
 */
static void
test_sticky_links(void)
{
	struct cm_atomic a;
	struct cm_error err;
	char sticky[600], link[700], want[1024];

	if (geteuid() != 0) {
		ok(1, "# SKIP not root: cannot make another user's link");
		return;
	}
	snprintf(sticky, sizeof(sticky), "%s/sticky", dir);
	snprintf(link, sizeof(link), "%s/reg.csv", sticky);
	spew(in_dir("sticky-target"), "target\n");
	if (mkdir(sticky, 0777) != 0 || chmod(sticky, 01777) != 0 ||
	    symlink(in_dir("sticky-target"), link) != 0) {
		perror(sticky);
		exit(99);
	}
	is_int(cm_atomic_begin(&a, link, CM_ATOMIC_LOCK, 1, &err), 0,
	    "our own link there is followed");
	cm_atomic_abort(&a);
	unlink(in_dir("sticky-target.lock"));
	if (lchown(link, 65534, 65534) != 0) {
		perror("lchown");
		exit(99);
	}
	is_int(cm_atomic_begin(&a, link, CM_ATOMIC_LOCK, 1, &err), -1,
	    "another user's link there is not");
	snprintf(want, sizeof(want), "not following '%s': a symbolic link "
	    "owned by another user in a sticky world-writable directory",
	    link);
	is_str(err.msg, want, "message");
	is_int(err.status, CM_SYSTEM, "CM_SYSTEM");
	ok(!exists(in_dir("sticky-target.lock")), "no lock created there");
	if (chown(sticky, 65534, 65534) != 0) {
		perror("chown");
		exit(99);
	}
	is_int(cm_atomic_begin(&a, link, CM_ATOMIC_LOCK, 1, &err), 0,
	    "the directory owner's link is followed");
	cm_atomic_abort(&a);
	unlink(link);
	unlink(in_dir("sticky-target.lock"));
	unlink(in_dir("sticky-target"));
	rmdir(sticky);
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
	test_cm_lock();
	test_lock_wait();
	test_exit_cleanup();
	test_fork_keeps_parent_temp();
	test_failures();
	test_symlink();
	test_planted_tmp();
	test_stale_temps();
	test_lock_links();
	test_open_file();
	test_nofollow();
	test_sticky_links();

	cleanup();
	return done_testing();
}
