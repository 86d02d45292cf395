/*
 * spawn.h: run another program as a child, never through a shell.
 *
 * The one place cm starts a program: gnuplot for charts (gnuplot.h),
 * cm-survey-calc and cm-complaint for cm-report's monthly report.
 * fork + execvp of argv as given (no shell, so no word of a user's can
 * become a command); the child gets descriptors 0-2 only.  One poll(2)
 * loop feeds the child's standard input while it drains its standard
 * output and standard error, so a child that writes much before it has
 * read all of its input never deadlocks with us.  SIGPIPE does not kill
 * us when the child exits before reading everything.
 */
#ifndef CM_SPAWN_H
#define CM_SPAWN_H

#include <stddef.h>

#include "buf.h"
#include "msg.h"

struct cm_spawn {
	/* Standard input: in[0..in_len) written in full, then closed; NULL:
	 * /dev/null. */
	const char *in;
	size_t in_len;
	/*
	 * Standard output: into out_fd when >= 0 (dup2 in the child: a
	 * chart's temporary file), else captured into out, at most out_max
	 * bytes (0: 64 MiB); past it the child is killed and the run fails.
	 * Neither (out_fd < 0, out NULL): /dev/null.
	 */
	int out_fd;
	struct cm_buf *out;
	size_t out_max;
	/*
	 * Standard error: captured into err_out (the first 64 KiB kept, the
	 * rest read and dropped); NULL: our own standard error.
	 */
	struct cm_buf *err_out;
	/* Seconds before the child is killed (SIGKILL); 0: 120. */
	double timeout;
};

/*
 * Run argv[0] (found on PATH by execvp when it has no '/') with argv,
 * as io says, and wait for it.  Returns the child's exit status (0..255),
 * or -1 with err filled (CM_SYSTEM) when it could not be run, was killed
 * by a signal or the timeout, or its output was too long.  When the
 * program could not be found, errno is ENOENT on return, so a caller can
 * name the package to install; after a program that ran, errno is 0 (or
 * the reason poll(2) failed), never ENOENT.
 */
int cm_spawn_run(char *const argv[], const struct cm_spawn *io,
    struct cm_error *err);

#endif
