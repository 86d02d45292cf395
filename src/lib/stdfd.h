/*
 * stdfd.h: the standard descriptors, at the start and at the end
 * (DESIGN.md §2 "Writes are safe", STYLE.md §6 and §10).
 *
 * At the start.  A program started with descriptor 0, 1 or 2 closed
 * (`cm-complaint classify >&-`) would get that number for the next file
 * it opens, the register's temporary file say, and then print its output
 * or its messages into it.  cm_stdfd_init() takes every closed one of the
 * three, as OpenBSD's C start-up and sbase do, before anything else is
 * opened.  It puts /dev/null there opened the wrong way round (stdin
 * write-only, stdout and stderr read-only): the number is taken, and a
 * read or write on it still fails with EBADF as it would have on the
 * closed descriptor.  So output meant for a closed stdout is an error
 * (cm_close_stdout() says "write error on standard output: Bad file
 * descriptor" and exits 4), never a silent success into /dev/null; a
 * command that reads a closed stdin fails the same way; messages for a
 * closed stderr are lost, as they would have been.
 *
 * At the end.  stdio buffers, so a full disk (`>/dev/full`) or a closed
 * stdout shows up only when the buffer is flushed; NFS may report it only
 * at close.  Every path that writes stdout ends with one checked flush
 * and close, as sbase's fshut does.
 */
#ifndef CM_STDFD_H
#define CM_STDFD_H

#include <stdio.h>

/*
 * Make sure descriptors 0, 1 and 2 are open (see above).  Call it first
 * thing in main, before anything opens a file: cm_common_init does.  When
 * /dev/null cannot be opened nothing is safe to open either: it prints
 * why (if stderr is open) and exits CM_SYSTEM.  Calling it again does
 * nothing.
 */
void cm_stdfd_init(void);

/*
 * Whether descriptor 1 was closed when the process started (1) or not
 * (0): a command that would commit a change and then print its result
 * can refuse before committing.  0 before cm_stdfd_init.
 */
int cm_stdout_closed(void);

/*
 * Flush and close fp, which writes path (NULL: standard output).  Returns
 * 0, or -1 after printing "cm-NAME: write error on 'PATH': REASON" ("on
 * standard output" for NULL; without ": REASON" when the error happened
 * in an earlier flush whose errno is gone).  fp is closed in either case:
 * use it no more.
 */
int cm_fshut(FILE *fp, const char *path);

/*
 * cm_fshut(stdout, "standard output"), exiting CM_SYSTEM when it fails.
 * The last thing a command that printed to stdout does with it: after
 * it, nothing may be printed to stdout.
 */
void cm_close_stdout(void);

#endif
