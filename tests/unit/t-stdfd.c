/*
 * t-stdfd.c: the standard descriptors (stdfd.h).  A process started with
 * 0, 1 or 2 closed gets them taken, the next open is 3 or above, and I/O
 * on a descriptor that was closed still fails with EBADF; cm_fshut and
 * cm_close_stdout report a full disk with its reason.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "stdfd.h"
#include "tap.h"

#define REPORT	20	/* the child's line back to us, out of the way */

/*
 * In a child with the descriptors of mask closed (1: stdin, 2: stdout,
 * 4: stderr), call cm_stdfd_init and describe what it finds: for each of
 * 0, 1, 2 "o" (open) or "-", then "r" when a read of 0 fails with EBADF,
 * "w" when a write to 1 does, "c" when cm_stdout_closed says so, and the
 * next descriptor open(2) gives.
 */
static const char *
started_with_closed(int mask)
{
	static char got[64];
	int p[2], fd, st;
	ssize_t n;
	char c;
	pid_t pid;

	if (pipe(p) != 0) {
		perror("pipe");
		exit(99);
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char out[64];
		int len;

		if (dup2(p[1], REPORT) < 0)
			_exit(98);
		close(p[0]);
		close(p[1]);
		/* The ones left open must neither block a read nor print. */
		if ((fd = open("/dev/null", O_RDWR)) < 0 || dup2(fd, 0) < 0 ||
		    dup2(fd, 1) < 0)
			_exit(96);
		if (fd > 2)
			close(fd);
		for (fd = 0; fd <= 2; fd++)
			if (mask & (1 << fd))
				close(fd);
		cm_stdfd_init();
		len = 0;
		for (fd = 0; fd <= 2; fd++)
			out[len++] = fcntl(fd, F_GETFD) >= 0 ? 'o' : '-';
		out[len++] = read(0, &c, 1) < 0 && errno == EBADF ? 'r' : '.';
		out[len++] = write(1, "x", 1) < 0 && errno == EBADF ? 'w' : '.';
		out[len++] = cm_stdout_closed() ? 'c' : '.';
		len += snprintf(out + len, sizeof(out) - len, " %d",
		    open("/dev/null", O_RDONLY));
		_exit(write(REPORT, out, len) == len ? 0 : 97);
	}
	close(p[1]);
	n = read(p[0], got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		snprintf(got, sizeof(got), "child status %#x", st);
	return got;
}

static void
test_init(void)
{
	is_str(started_with_closed(0), "ooo... 3", "nothing closed: no change");
	is_str(started_with_closed(1), "ooor.. 3",
	    "stdin closed: taken, and a read fails with EBADF");
	is_str(started_with_closed(2), "ooo.wc 3",
	    "stdout closed: taken, a write fails with EBADF, remembered");
	is_str(started_with_closed(4), "ooo... 3", "stderr closed: taken");
	is_str(started_with_closed(7), "ooorwc 3", "all three closed");
	is_str(started_with_closed(5), "ooor.. 3", "stdin and stderr closed");
}

/* Run fn in a child with stdout on /dev/full; its stderr into err. */
static int
run_full(void (*fn)(void), char *err, size_t errsz)
{
	int p[2], st, full;
	ssize_t n;
	size_t len = 0;
	pid_t pid;

	if (pipe(p) != 0) {
		perror("pipe");
		exit(99);
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((full = open("/dev/full", O_WRONLY)) < 0)
			_exit(98);
		dup2(full, 1);
		dup2(p[1], 2);
		close(p[0]);
		fn();
		_exit(0);
	}
	close(p[1]);
	while (len + 1 < errsz &&
	    (n = read(p[0], err + len, errsz - 1 - len)) > 0)
		len += (size_t)n;
	err[len] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return st;
}

static void
print_and_close(void)
{
	fputs("hello\n", stdout);
	cm_close_stdout();
	_exit(0);
}

static void
shut_file(void)
{
	FILE *fp = fopen("/dev/full", "w");

	if (fp == NULL)
		_exit(98);
	fputs("hello\n", fp);
	_exit(cm_fshut(fp, "/dev/full") == -1 ? 5 : 6);
}

static void
test_shut(void)
{
	char err[1024];
	FILE *fp;
	int st;

	if (access("/dev/full", W_OK) != 0) {
		ok(1, "# SKIP no /dev/full");
		return;
	}
	st = run_full(print_and_close, err, sizeof(err));
	ok(WIFEXITED(st) && WEXITSTATUS(st) == CM_SYSTEM,
	    "cm_close_stdout on a full disk exits 4 (status %#x)", st);
	is_str(err, "t-stdfd: write error on standard output: "
	    "No space left on device\n", "and says why");
	st = run_full(shut_file, err, sizeof(err));
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	    "cm_fshut of a file on a full disk returns -1 (status %#x)", st);
	is_str(err, "t-stdfd: write error on '/dev/full': "
	    "No space left on device\n", "and names the file");

	fp = fopen("/dev/null", "w");
	ok(fp != NULL && fputs("x\n", fp) >= 0 && cm_fshut(fp, "/dev/null") ==
	    0, "cm_fshut of a good stream returns 0");
}

int
main(void)
{
	cm_setprogname("t-stdfd");
	test_init();
	test_shut();
	return done_testing();
}
