/*
 * t-spawn.c: cm_spawn_run (spawn.h) with real programs: a megabytes-long
 * round trip through cat with no deadlock, a missing program told apart
 * (ENOENT), exit statuses, the timeout, stderr and its limit, the stdout
 * limit, a child that exits without reading, descriptors beyond 0-2 kept
 * from the child, EINTR from a signal handler, and no zombie left.
 */
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "msg.h"
#include "spawn.h"
#include "tap.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct cm_spawn
io_init(void)
{
	struct cm_spawn io;

	memset(&io, 0, sizeof(io));
	io.out_fd = -1;
	return io;
}

static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* Input of n bytes that is not all one byte, so a lost chunk shows. */
static char *
pattern(size_t n)
{
	char *s = malloc(n);
	size_t i;

	if (s == NULL)
		exit(99);
	for (i = 0; i < n; i++)
		s[i] = (char)('a' + (i * 7 + i / 4096) % 26);
	return s;
}

static void
round_trip(void)
{
	char *argv[] = {"cat", NULL};
	struct cm_spawn io = io_init();
	struct cm_buf out = {0}, errb = {0};
	struct cm_error err;
	size_t n = (size_t)3 << 20;
	char *in = pattern(n);
	int rc;

	io.in = in;
	io.in_len = n;
	io.out = &out;
	io.err_out = &errb;
	rc = cm_spawn_run(argv, &io, &err);
	is_int(rc, 0, "cat: exit 0");
	is_int((long long)out.len, (long long)n, "cat: 3 MiB back");
	ok(out.len == n && memcmp(out.s, in, n) == 0, "cat: the same bytes");
	is_int((long long)errb.len, 0, "cat: nothing on stderr");
	cm_buf_free(&out);
	cm_buf_free(&errb);
	free(in);
}

/* A child that writes much before reading anything: no deadlock. */
static void
both_ways(void)
{
	char *argv[] = {"sh", "-c", "head -c 2000000 /dev/zero; "
	    "head -c 1500000 /dev/zero >&2; cat", NULL};
	struct cm_spawn io = io_init();
	struct cm_buf out = {0}, errb = {0};
	struct cm_error err;
	size_t n = (size_t)2 << 20;
	char *in = pattern(n);
	int rc;

	io.in = in;
	io.in_len = n;
	io.out = &out;
	io.err_out = &errb;
	io.timeout = 30;
	rc = cm_spawn_run(argv, &io, &err);
	is_int(rc, 0, "writes 3.5 MB before reading 2 MiB: exit 0");
	is_int((long long)out.len, 2000000 + (long long)n, "all of stdout");
	ok(out.len == 2000000 + n && memcmp(out.s + 2000000, in, n) == 0,
	    "the input came back after the zeros");
	is_int((long long)errb.len, 65536, "stderr: the first 64 KiB kept");
	cm_buf_free(&out);
	cm_buf_free(&errb);
	free(in);
}

static void
missing(void)
{
	char *abs[] = {"/nonexistent/cm-no-such-program", NULL};
	char *onpath[] = {"cm-no-such-program-at-all", NULL};
	struct cm_spawn io = io_init();
	struct cm_error err;
	int rc;

	errno = 0;
	rc = cm_spawn_run(abs, &io, &err);
	is_int(rc, -1, "missing by path: -1");
	is_int(errno, ENOENT, "missing by path: errno ENOENT");
	is_int(err.status, CM_SYSTEM, "missing: CM_SYSTEM");
	is_str(err.msg, "cannot run '/nonexistent/cm-no-such-program': "
	    "No such file or directory", "missing: the message");
	errno = 0;
	rc = cm_spawn_run(onpath, &io, &err);
	ok(rc == -1 && errno == ENOENT, "missing on PATH: -1, ENOENT");
}

static void
statuses(void)
{
	char *seven[] = {"sh", "-c", "exit 7", NULL};
	char *killed[] = {"sh", "-c", "kill -9 $$", NULL};
	char *oops[] = {"sh", "-c", "echo oops >&2; exit 3", NULL};
	struct cm_spawn io = io_init();
	struct cm_buf errb = {0};
	struct cm_error err;
	int rc;

	errno = ENOENT;
	is_int(cm_spawn_run(seven, &io, &err), 7, "exit 7 is returned");
	is_int(errno, 0, "after a program that ran, errno is not ENOENT");
	rc = cm_spawn_run(killed, &io, &err);
	is_int(rc, -1, "killed by a signal: -1");
	is_str(err.msg, "'sh' was killed by signal 9 (Killed)",
	    "killed by a signal: the message");
	io.err_out = &errb;
	is_int(cm_spawn_run(oops, &io, &err), 3, "stderr: exit 3");
	is_str(cm_buf_str(&errb), "oops\n", "stderr captured");
	cm_buf_free(&errb);
}

static void
timeout(void)
{
	char *argv[] = {"sleep", "10", NULL};
	/* The child closes its output but goes on: still killed in time. */
	char *quiet[] = {"sh", "-c", "exec >&- 2>&-; sleep 10", NULL};
	struct cm_spawn io = io_init();
	struct cm_buf out = {0}, errb = {0};
	struct cm_error err;
	double t0;
	int rc;

	io.timeout = 0.3;
	io.out = &out;
	io.err_out = &errb;
	t0 = now();
	rc = cm_spawn_run(argv, &io, &err);
	is_int(rc, -1, "timeout: -1");
	is_str(err.msg, "'sleep' took longer than 0.3 s: killed",
	    "timeout: the message");
	ok(now() - t0 < 3, "timeout: killed in time (%.2f s)", now() - t0);
	t0 = now();
	rc = cm_spawn_run(quiet, &io, &err);
	ok(rc == -1 && now() - t0 < 3,
	    "timeout after the output closed: killed in time");
	cm_buf_free(&out);
	cm_buf_free(&errb);
}

static void
out_limit(void)
{
	char *argv[] = {"head", "-c", "3000000", "/dev/zero", NULL};
	struct cm_spawn io = io_init();
	struct cm_buf out = {0};
	struct cm_error err;
	int rc;

	io.out = &out;
	io.out_max = 100000;
	rc = cm_spawn_run(argv, &io, &err);
	is_int(rc, -1, "stdout past out_max: -1");
	is_str(err.msg, "'head' printed more than 100000 bytes: killed",
	    "stdout past out_max: the message");
	ok(out.len <= 100000, "no more than out_max kept");
	cm_buf_free(&out);
}

/* The child exits without reading: EPIPE, never a fatal SIGPIPE. */
static void
early_exit(void)
{
	char *argv[] = {"true", NULL};
	struct cm_spawn io = io_init();
	struct cm_error err;
	size_t n = (size_t)4 << 20;
	char *in = pattern(n);
	struct sigaction sa;

	io.in = in;
	io.in_len = n;
	is_int(cm_spawn_run(argv, &io, &err), 0,
	    "a child that reads nothing: exit 0, we live");
	sigaction(SIGPIPE, NULL, &sa);
	ok(sa.sa_handler == SIG_DFL, "SIGPIPE's disposition is put back");
	free(in);
}

static void
out_fd(void)
{
	char path[] = "/tmp/t-spawn-XXXXXX";
	char *argv[] = {"printf", "%s", "to the file", NULL};
	struct cm_spawn io = io_init();
	struct cm_error err;
	char b[64] = "";
	int fd = mkstemp(path);
	ssize_t r;

	if (fd < 0)
		exit(99);
	io.out_fd = fd;
	is_int(cm_spawn_run(argv, &io, &err), 0, "out_fd: exit 0");
	r = pread(fd, b, sizeof(b) - 1, 0);
	ok(r == 11 && strcmp(b, "to the file") == 0,
	    "out_fd: the child wrote into our descriptor");
	close(fd);
	unlink(path);
}

/* A descriptor we leave open without O_CLOEXEC does not reach the child. */
static void
fds(void)
{
	char *argv[] = {"sh", "-c", "test ! -e /proc/$$/fd/57", NULL};
	struct cm_spawn io = io_init();
	struct cm_error err;
	int fd = open("/dev/null", O_RDONLY);

	if (fd < 0 || dup2(fd, 57) < 0)
		exit(99);
	is_int(cm_spawn_run(argv, &io, &err), 0,
	    "descriptor 57 (no O_CLOEXEC) is not the child's");
	close(57);
	close(fd);
}

/* Signals every 2 ms interrupt poll, read, write and waitpid. */
static void
eintr(void)
{
	char *argv[] = {"cat", NULL};
	struct cm_spawn io = io_init();
	struct cm_buf out = {0};
	struct cm_error err;
	struct sigaction sa;
	struct itimerval it = {{0, 2000}, {0, 2000}}, off = {{0, 0}, {0, 0}};
	size_t n = (size_t)8 << 20;
	char *in = pattern(n);
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	io.in = in;
	io.in_len = n;
	io.out = &out;
	rc = cm_spawn_run(argv, &io, &err);
	setitimer(ITIMER_REAL, &off, NULL);
	is_int(rc, 0, "under signals: exit 0");
	ok(out.len == n && memcmp(out.s, in, n) == 0,
	    "under signals: every byte back (%d signals)", (int)alarms);
	cm_buf_free(&out);
	free(in);
}

int
main(void)
{
	round_trip();
	both_ways();
	missing();
	statuses();
	timeout();
	out_limit();
	early_exit();
	out_fd();
	fds();
	eintr();
	errno = 0;
	ok(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD,
	    "no child left, not even a zombie");
	return done_testing();
}
