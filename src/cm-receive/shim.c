/* TEMPORARY shim until wt-journal's journal module is merged. */
#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "atomic.h"
#include "journal.h"
#include "xalloc.h"
char *cm_journal_sibling(const char *path, const char *ext)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t n = (dot && (!slash || dot > slash + 1)) ? (size_t)(dot - path) : strlen(path);
	char *s = xmalloc(n + strlen(ext) + 1);
	memcpy(s, path, n); strcpy(s + n, ext); return s;
}
int cm_journal_open(struct cm_journal *j, const char *path, int create, mode_t mode, struct cm_error *err)
{
	struct stat st;
	j->created = 0;
	j->fd = cm_open_file(path, O_RDWR | O_APPEND, 0, err);
	if (j->fd < 0 && errno == ENOENT && create) {
		j->fd = cm_open_file(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL, mode, err);
		j->created = 1;
	}
	if (j->fd < 0) return -1;
	fstat(j->fd, &st); j->size = st.st_size; j->path = xstrdup(path);
	return 0;
}
int cm_journal_append(struct cm_journal *j, const void *buf, size_t len, struct cm_error *err)
{
	if (write(j->fd, buf, len) != (ssize_t)len || fsync(j->fd) < 0) {
		if (ftruncate(j->fd, j->size) < 0) {}
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot write '%s': %s", j->path, strerror(errno));
	}
	j->size += (off_t)len; return 0;
}
int cm_journal_cut(struct cm_journal *j, off_t size, struct cm_error *err)
{
	if (ftruncate(j->fd, size) < 0 || fsync(j->fd) < 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot cut '%s': %s", j->path, strerror(errno));
	j->size = size; return 0;
}
void cm_journal_close(struct cm_journal *j) { if (j->fd >= 0) close(j->fd); free(j->path); j->fd = -1; j->path = NULL; }
int cm_journal_open_read(const char *path, struct cm_error *err)
{
	int fd = cm_open_file(path, O_RDONLY | O_NONBLOCK, 0, err);
	if (fd < 0) return errno == ENOENT ? -1 : -2;
	return fd;
}
struct cm_in *cm_in_open_fd(int fd, const char *name, const char *enc, off_t limit, struct cm_error *err)
{
	struct stat st; char *m; ssize_t n; size_t got = 0, want;
	fstat(fd, &st); want = limit < 0 ? (size_t)st.st_size : (size_t)limit;
	m = xmalloc(want + 1);
	while (got < want && (n = pread(fd, m + got, want - got, (off_t)got)) > 0) got += (size_t)n;
	close(fd);
	return cm_in_open_mem(name, m, got, enc, err);
}
int cm_lock(const char *path, double timeout, struct cm_error *err)
{
	char *lp = xmalloc(strlen(path) + 6); int fd;
	strcpy(lp, path); strcat(lp, ".lock");
	fd = cm_open_file(lp, O_RDWR | O_CREAT, 0666, err); free(lp);
	(void)timeout;
	if (fd < 0) return -1;
	flock(fd, LOCK_EX); return fd;
}
void cm_unlock(int fd) { close(fd); }
