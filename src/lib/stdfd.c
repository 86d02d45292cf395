/* stdfd.c: the standard descriptors at the start and at the end (stdfd.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "stdfd.h"

static int stdout_was_closed;

void
cm_stdfd_init(void)
{
	int fd, nfd;

	/*
	 * In order, so that open(2), which returns the lowest free number,
	 * fills the hole we are looking at: the ones below it are open.
	 */
	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		nfd = open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY));
		if (nfd != fd) {
			/*
			 * No /dev/null (a bare chroot): nothing we open could
			 * be trusted not to land on 0, 1 or 2.  stderr may be
			 * closed itself; then the status has to say it.
			 */
			if (nfd >= 0)
				close(nfd);
			cm_die(CM_SYSTEM, "cannot open '/dev/null': %s",
			    nfd < 0 ? strerror(errno) :
			    _("unexpected descriptor"));
		}
		if (fd == 1)
			stdout_was_closed = 1;
	}
}

int
cm_stdout_closed(void)
{
	return stdout_was_closed;
}

static void
report(const char *path, int e)
{
	if (path == NULL && e != 0)
		cm_warn("write error on standard output: %s", strerror(e));
	else if (path == NULL)
		cm_warn("write error on standard output");
	else if (e != 0)
		cm_warn("write error on '%s': %s", path, strerror(e));
	else
		cm_warn("write error on '%s'", path);
}

int
cm_fshut(FILE *fp, const char *path)
{
	int e = 0, bad;

	/*
	 * fflush reports a failure of its own write with errno; ferror also
	 * remembers one of an earlier, implicit flush, whose errno we no
	 * longer know.
	 */
	errno = 0;
	bad = fflush(fp) != 0;
	if (bad)
		e = errno;
	bad |= ferror(fp) != 0;
	/* Some file systems (NFS) report a failed write only at close. */
	errno = 0;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad)
		report(path, e);
	return bad ? -1 : 0;
}

void
cm_close_stdout(void)
{
	if (cm_fshut(stdout, NULL) < 0)
		exit(CM_SYSTEM);
}
