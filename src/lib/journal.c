/*
 * journal.c: an append-only file that grows by whole batches (see
 * journal.h for the contract and the protocols built on it).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "journal.h"
#include "xalloc.h"

char *
cm_journal_sibling(const char *path, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot != NULL && dot != base ? (size_t)(dot - path) :
	    strlen(path);
	size_t e = strlen(ext);
	char *p = xmalloc(n + e + 1);

	memcpy(p, path, n);
	memcpy(p + n, ext, e + 1);
	/* A file called x.log must not be its own log. */
	if (strcmp(p, path) == 0) {
		free(p);
		n = strlen(path);
		p = xmalloc(n + e + 1);
		memcpy(p, path, n);
		memcpy(p + n, ext, e + 1);
	}
	return p;
}

int
cm_journal_open(struct cm_journal *j, const char *path, int create,
    mode_t mode, struct cm_error *err)
{
	struct stat st;
	int fd = -1, e;

	j->path = NULL;
	j->fd = -1;
	j->size = 0;
	j->created = 0;
	/*
	 * O_EXCL tells whether this open made the file, which decides the
	 * mode and the directory fsync; under the caller's lock nobody
	 * else creates it meanwhile.  A link at path is EEXIST here and
	 * refused by the second open.
	 */
	if (create) {
		fd = cm_open_file(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL,
		    mode, err);
		if (fd >= 0)
			j->created = 1;
		else if (errno != EEXIST)
			return -1;
	}
	if (fd < 0 && (fd = cm_open_file(path, O_RDWR | O_APPEND, 0,
	    err)) < 0)
		return -1;
	/* A new journal gets mode, not our umask's. */
	if (j->created)
		(void)fchmod(fd, mode);
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot stat '%s': %s", path, strerror(e));
		errno = e;
		return -1;
	}
	j->path = xstrdup(path);
	j->fd = fd;
	j->size = st.st_size;
	return 0;
}

int
cm_journal_append(struct cm_journal *j, const void *buf, size_t len,
    struct cm_error *err)
{
	const char *b = buf;
	struct stat st;
	size_t done = 0;
	ssize_t n;
	int e;

	/* We hold the lock: nobody can have appended or cut since. */
	if (fstat(j->fd, &st) != 0 || st.st_size != j->size)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "'%s' changed while it was locked", j->path);
	while (done < len) {
		n = write(j->fd, b + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(j->fd) != 0) {
		e = errno;
		goto fail;
	}
	/*
	 * A new journal's name must be durable before anything (a
	 * register's rename, a commit record) points at bytes in it.
	 */
	if (j->created && cm_fsync_parent(j->path, err) < 0) {
		if (ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		return -1;
	}
	j->size += (off_t)len;
	return 0;

fail:
	cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "write error on '%s': %s",
	    j->path, strerror(e));
	if (ftruncate(j->fd, j->size) == 0)
		fsync(j->fd);
	return -1;
}

int
cm_journal_cut(struct cm_journal *j, off_t size, struct cm_error *err)
{
	if (ftruncate(j->fd, size) != 0 || fsync(j->fd) != 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot repair '%s': %s", j->path, strerror(errno));
	j->size = size;
	return 0;
}

int
cm_journal_end_torn(struct cm_journal *j, int inq, struct cm_error *err)
{
	const char *end = inq ? "\"\n" : "\n";
	size_t n = strlen(end);
	ssize_t w;
	int e;

	do
		w = write(j->fd, end, n);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)n || fsync(j->fd) != 0) {
		e = w < 0 || w == (ssize_t)n ? errno : EIO;
		/* A short write of "\"\n" leaves the quote: undo it. */
		if (w > 0 && ftruncate(j->fd, j->size) == 0)
			fsync(j->fd);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot end the last line of '%s': %s", j->path,
		    strerror(e));
	}
	j->size += (off_t)n;
	return 0;
}

void
cm_journal_close(struct cm_journal *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
	free(j->path);
	j->path = NULL;
}

size_t
cm_journal_records(const char *m, size_t from, size_t size,
    void (*rec)(void *arg, size_t start, size_t end), void *arg, int *inq)
{
	const char *nl, *q, *c;
	size_t p = from, start = p, end = from, e;

	*inq = 0;
	while (p < size) {
		nl = memchr(m + p, '\n', size - p);
		q = memchr(m + p, '"', (nl ? (size_t)(nl - m) : size) - p);
		if (q != NULL) {
			c = memchr(q + 1, '"', size - (size_t)(q + 1 - m));
			if (c == NULL) {
				*inq = 1;	/* torn inside quotes */
				break;
			}
			p = (size_t)(c + 1 - m);
			continue;
		}
		if (nl == NULL)
			break;			/* torn outside quotes */
		e = (size_t)(nl + 1 - m);
		if (rec != NULL)
			rec(arg, start, e);
		p = start = end = e;
	}
	return end;
}

int
cm_journal_open_read(const char *path, struct cm_error *err)
{
	struct stat st;
	const char *why = NULL;
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY)) < 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot open '%s': %s",
		    path, strerror(e));
		errno = e;
		return e == ENOENT ? -1 : -2;
	}
	if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	if (why != NULL) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot read '%s': %s",
		    path, why);
		close(fd);
		return -2;
	}
	return fd;
}
