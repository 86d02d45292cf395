/*
 * clocks: one timed run, for bench/lib.sh's alternate.
 *
 *	clocks FILE COMMAND [ARG]...
 *
 * Runs COMMAND (no shell: name sh -c for one) with this process's
 * descriptors, waits for it, and writes "WALL CPU" to FILE: its elapsed
 * seconds and the user+system seconds of COMMAND and of every descendant
 * it waited for, both to the microsecond.  GNU time prints both to the
 * centisecond, near a tenth of the 0.1 to 0.2 s the durable floor takes
 * on the complaint part's register: too coarse to tell 1.2x from 1.3x.
 *
 * Exits with COMMAND's status, 128+N when signal N ended it (the shell's
 * numbers), 127 when it cannot be run or FILE cannot be written.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct timespec t0, t1;
	struct rusage ru;
	FILE *f;
	pid_t pid;
	int st;

	if (argc < 3) {
		fputs("usage: clocks FILE COMMAND [ARG]...\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		fprintf(stderr, "clocks: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "clocks: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1) {
		if (errno != EINTR) {
			fprintf(stderr, "clocks: wait: %s\n", strerror(errno));
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/*
	 * COMMAND is the only child this process ever has, so the children's
	 * total is COMMAND's own, its descendants included.
	 */
	getrusage(RUSAGE_CHILDREN, &ru);
	if ((f = fopen(argv[1], "w")) == NULL) {
		fprintf(stderr, "clocks: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	fprintf(f, "%.6f %.6f\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	    seconds(ru.ru_utime) + seconds(ru.ru_stime));
	if (fclose(f) == EOF) {
		fprintf(stderr, "clocks: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
