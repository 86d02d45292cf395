/*
 * spawn.c: run a child program without a shell (see spawn.h).
 *
 * The steps: pipes (all O_CLOEXEC), fork; the child moves its ends onto
 * 0-2, marks every other descriptor close-on-exec and execs; an exec that
 * fails writes its errno down a close-on-exec pipe, which a successful
 * exec closes empty.  The parent reads that pipe first, so "not found"
 * is told apart from a program that ran and failed, then runs one poll
 * loop over the child's stdin, stdout and stderr until all are done, and
 * always reaps the child.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"

#define OUT_MAX_DEFAULT	((size_t)64 << 20)
#define ERR_KEEP	((size_t)64 << 10)
#define TIMEOUT_DEFAULT	120.0
#define CHUNK		65536

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

/*
 * In the child: put fd on target (0-2).  Every source was first moved to
 * 3 or above, so no dup2 clobbers a source that a later one needs.
 */
static int
child_place(int fd, int target)
{
	return dup2(fd, target) < 0 ? -1 : 0;
}

/*
 * In the child: every descriptor from 3 up closes at exec, ours (made
 * O_CLOEXEC) and any our caller's caller left open without it.
 */
static void
child_cloexec_rest(void)
{
	long max, fd;

	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 3; fd < max; fd++)
		fcntl((int)fd, F_SETFD, FD_CLOEXEC);
}

/* In the child: a descriptor at 3 or above (a source for child_place). */
static int
above_std(int fd)
{
	return fd >= 0 && fd < 3 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : fd;
}

_Noreturn static void
child(char *const argv[], int in, int out, int errfd, int status_w,
    const struct sigaction *old_pipe)
{
	int e;

	sigaction(SIGPIPE, old_pipe, NULL);
	in = above_std(in);
	out = above_std(out);
	errfd = above_std(errfd);
	if (in < 0 || out < 0 || errfd < 0 || child_place(in, 0) < 0 ||
	    child_place(out, 1) < 0 || child_place(errfd, 2) < 0)
		goto fail;
	child_cloexec_rest();
	execvp(argv[0], argv);
fail:
	e = errno;
	while (write(status_w, &e, sizeof(e)) < 0 && errno == EINTR)
		;
	_exit(127);
}

/* Wait for pid, retrying on EINTR; its wait status. */
static int
reap(pid_t pid)
{
	int st = 0;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

/*
 * After the child's output ends, wait for it to exit until deadline, then
 * kill it: a child that closed its stdout and stderr but went on
 * running must not hold us past the timeout.
 */
static int
reap_until(pid_t pid, double deadline, int *timed_out)
{
	struct timespec ts = {0, 1000000};
	int st = 0;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return st;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now() >= deadline) {
			kill(pid, SIGKILL);
			*timed_out = 1;
			return reap(pid);
		}
		nanosleep(&ts, NULL);
		if (ts.tv_nsec < 50000000)
			ts.tv_nsec *= 2;
	}
}

int
cm_spawn_run(char *const argv[], const struct cm_spawn *io,
    struct cm_error *err)
{
	const char *name = argv[0];
	struct sigaction ign, old_pipe;
	int status_p[2] = {-1, -1}, in_p[2] = {-1, -1}, out_p[2] = {-1, -1};
	int err_p[2] = {-1, -1}, null_in = -1, null_out = -1;
	int child_in, child_out, child_err;
	size_t out_max = io->out_max ? io->out_max : OUT_MAX_DEFAULT;
	size_t in_off = 0;
	double timeout = io->timeout > 0 ? io->timeout : TIMEOUT_DEFAULT;
	double deadline;
	int exec_errno = 0, timed_out = 0, too_long = 0, saved = 0;
	int st, rc = -1, n;
	char buf[CHUNK];
	pid_t pid;

	/* The descriptors the child gets, each made here, all close-on-exec. */
	if (pipe2(status_p, O_CLOEXEC) < 0)
		goto sys;
	if (io->in != NULL) {
		if (pipe2(in_p, O_CLOEXEC) < 0)
			goto sys;
		child_in = in_p[0];
	} else {
		if ((null_in = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
			goto sys;
		child_in = null_in;
	}
	if (io->out_fd >= 0) {
		child_out = io->out_fd;
	} else if (io->out != NULL) {
		if (pipe2(out_p, O_CLOEXEC) < 0)
			goto sys;
		child_out = out_p[1];
	} else {
		if ((null_out = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
			goto sys;
		child_out = null_out;
	}
	if (io->err_out != NULL) {
		if (pipe2(err_p, O_CLOEXEC) < 0)
			goto sys;
		child_err = err_p[1];
	} else {
		child_err = 2;
	}

	/*
	 * A child that exits before reading all its input makes our write
	 * fail with EPIPE; the signal that comes with it must not kill us.
	 * Ignored only for the run (a pending one is discarded with it); the
	 * child puts the old disposition back before exec.
	 */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	if (sigaction(SIGPIPE, &ign, &old_pipe) < 0)
		goto sys;

	pid = fork();
	if (pid < 0) {
		saved = errno;
		sigaction(SIGPIPE, &old_pipe, NULL);
		errno = saved;
		goto sys;
	}
	if (pid == 0)
		child(argv, child_in, child_out, child_err, status_p[1],
		    &old_pipe);

	close_fd(&status_p[1]);
	close_fd(&in_p[0]);
	close_fd(&out_p[1]);
	close_fd(&err_p[1]);
	close_fd(&null_in);
	close_fd(&null_out);

	/* The exec's outcome: nothing (it ran) or the errno of its failure. */
	for (;;) {
		ssize_t r = read(status_p[0], &exec_errno, sizeof(exec_errno));

		if (r < 0 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof(exec_errno))
			exec_errno = 0;
		break;
	}
	close_fd(&status_p[0]);
	if (exec_errno != 0) {
		close_fd(&in_p[1]);
		close_fd(&out_p[0]);
		close_fd(&err_p[0]);
		reap(pid);
		sigaction(SIGPIPE, &old_pipe, NULL);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot run '%s': %s",
		    name, strerror(exec_errno));
		errno = exec_errno;
		return -1;
	}

	if (in_p[1] >= 0) {
		fcntl(in_p[1], F_SETFL, fcntl(in_p[1], F_GETFL) | O_NONBLOCK);
		if (io->in_len == 0)
			close_fd(&in_p[1]);
	}
	deadline = now() + timeout;
	while (in_p[1] >= 0 || out_p[0] >= 0 || err_p[0] >= 0) {
		struct pollfd pf[3];
		int np = 0, ms, i;
		double left = deadline - now();

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		ms = left > 3600 ? 3600000 : (int)(left * 1000) + 1;
		if (in_p[1] >= 0)
			pf[np++] = (struct pollfd){in_p[1], POLLOUT, 0};
		if (out_p[0] >= 0)
			pf[np++] = (struct pollfd){out_p[0], POLLIN, 0};
		if (err_p[0] >= 0)
			pf[np++] = (struct pollfd){err_p[0], POLLIN, 0};
		n = poll(pf, (nfds_t)np, ms);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			break;
		}
		for (i = 0; i < np; i++) {
			ssize_t r;

			if (pf[i].revents == 0)
				continue;
			if (pf[i].fd == in_p[1]) {
				size_t want = io->in_len - in_off;

				r = write(in_p[1], io->in + in_off,
				    want > CHUNK ? CHUNK : want);
				if (r > 0)
					in_off += (size_t)r;
				/* EPIPE: the child stopped reading; its exit
				 * status says whether that was a failure. */
				if ((r < 0 && errno != EINTR &&
				    errno != EAGAIN) || in_off == io->in_len)
					close_fd(&in_p[1]);
				continue;
			}
			r = read(pf[i].fd, buf, sizeof(buf));
			if (r < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (pf[i].fd == out_p[0]) {
				if (r <= 0) {
					close_fd(&out_p[0]);
				} else if ((size_t)r > out_max - io->out->len) {
					too_long = 1;
				} else {
					cm_buf_add(io->out, buf, (size_t)r);
				}
			} else {
				if (r <= 0) {
					close_fd(&err_p[0]);
				} else if (io->err_out->len < ERR_KEEP) {
					size_t room = ERR_KEEP -
					    io->err_out->len;

					cm_buf_add(io->err_out, buf,
					    (size_t)r < room ? (size_t)r :
					    room);
				}
			}
		}
		if (too_long)
			break;
	}
	if (timed_out || too_long || saved != 0)
		kill(pid, SIGKILL);
	close_fd(&in_p[1]);
	close_fd(&out_p[0]);
	close_fd(&err_p[0]);
	st = timed_out || too_long || saved != 0 ? reap(pid) :
	    reap_until(pid, deadline, &timed_out);
	sigaction(SIGPIPE, &old_pipe, NULL);

	if (saved != 0)
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "running '%s': %s",
		    name, strerror(saved));
	else if (st < 0)
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "waiting for '%s': %s",
		    name, strerror(errno));
	else if (timed_out)
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "'%s' took longer "
		    "than %g s: killed", name, timeout);
	else if (too_long)
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "'%s' printed more "
		    "than %zu bytes: killed", name, out_max);
	else if (WIFSIGNALED(st))
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "'%s' was killed by "
		    "signal %d (%s)", name, WTERMSIG(st),
		    strsignal(WTERMSIG(st)));
	else
		rc = WEXITSTATUS(st);
	/* ENOENT means "not found" only: never left over from here. */
	errno = saved;
	return rc;

sys:
	saved = errno;
	close_fd(&status_p[0]);
	close_fd(&status_p[1]);
	close_fd(&in_p[0]);
	close_fd(&in_p[1]);
	close_fd(&out_p[0]);
	close_fd(&out_p[1]);
	close_fd(&err_p[0]);
	close_fd(&err_p[1]);
	close_fd(&null_in);
	close_fd(&null_out);
	cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot run '%s': %s", name,
	    strerror(saved));
	errno = saved;
	return -1;
}
