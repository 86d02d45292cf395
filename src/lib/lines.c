/*
 * lines.c: settings files, one line at a time, bounded (see lines.h).
 *
 * getline(3) grows its buffer until the line ends, which on /dev/zero or
 * a file of one endless line is never; here a line is assembled from
 * read blocks and refused as soon as it would pass the limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bounds.h"
#include "buf.h"
#include "i18n.h"
#include "lines.h"
#include "share.h"
#include "text.h"
#include "xalloc.h"

#define BLK	(64 * 1024)
#define BOM	"\xef\xbb\xbf"

struct cm_lines {
	int fd;			/* -1 for text in memory */
	char *name;
	char *what;		/* "rule file", or "" */
	char *label;		/* "rule file 'x.rules'", for messages */
	const char *buf;	/* bytes not yet taken: buf[pos..len) */
	char *blk;		/* buf for a file */
	size_t pos, len;
	int eof;		/* nothing past buf[len] */
	struct cm_buf line;
	long lineno;
	size_t max;
	int failed;
	struct cm_error saved;	/* what every call after a failure says */
};

static struct cm_lines *
lines_new(const char *name, const char *what)
{
	struct cm_lines *l = xcalloc(1, sizeof(*l));
	struct cm_buf b = {0};

	l->fd = -1;
	l->name = xstrdup(name != NULL ? name : "-");
	l->what = xstrdup(what != NULL ? what : "");
	if (*l->what != '\0')
		cm_buf_printf(&b, "%s ", what);
	cm_buf_printf(&b, "'%s'", l->name);
	l->label = b.s;
	l->max = CM_LINE_MAX;
	return l;
}

int
cm_open_regular(const char *path, const char *label, struct cm_error *err)
{
	struct cm_buf b = {0};
	struct stat st;
	const char *why = NULL;
	int fd, e = EINVAL, fl;

	if (label == NULL) {
		cm_buf_printf(&b, "'%s'", cm_msg_value(path));
		label = cm_buf_str(&b);
	}
	/*
	 * O_NONBLOCK: opening a FIFO must not wait for a writer before
	 * fstat can tell what it is.  It means nothing to a regular file.
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		e = errno;
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot open %s: %s",
		    label, strerror(e));
	} else {
		if (fstat(fd, &st) < 0)
			why = strerror(e = errno);
		else if (S_ISDIR(st.st_mode))
			why = strerror(e = EISDIR);
		else if (!S_ISREG(st.st_mode))
			why = S_ISFIFO(st.st_mode) ?
			    _("a FIFO, not a regular file") :
			    S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ?
			    _("a device, not a regular file") :
			    S_ISSOCK(st.st_mode) ?
			    _("a socket, not a regular file") :
			    _("not a regular file");
		if (why != NULL) {
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot read %s: %s", label, why);
			close(fd);
			fd = -1;
		} else if ((fl = fcntl(fd, F_GETFL)) >= 0)
			(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	cm_buf_free(&b);
	errno = e;
	return fd;
}

struct cm_lines *
cm_lines_open(const char *path, const char *what, int missing,
    struct cm_error *err)
{
	struct cm_lines *l = lines_new(path, what);
	int e;

	l->fd = cm_open_regular(path, l->label, err);
	if (l->fd < 0) {
		e = errno;
		/* A shipped file (causes.rules) missing: a broken install. */
		if (missing == CM_USAGE && cm_share_holds(path))
			missing = CM_SYSTEM;
		if (err != NULL && (e == ENOENT || e == ENOTDIR))
			err->status = missing;
		cm_lines_close(l);
		return NULL;
	}
	l->blk = xmalloc(BLK);
	l->buf = l->blk;
	return l;
}

struct cm_lines *
cm_lines_open_mem(const char *name, const char *what, const char *text,
    size_t len)
{
	struct cm_lines *l = lines_new(name, what);

	l->buf = text != NULL ? text : "";
	l->len = text != NULL ? len : 0;
	l->eof = 1;
	return l;
}

void
cm_lines_set_max(struct cm_lines *l, size_t max)
{
	l->max = max > 0 && max < CM_LINE_MAX ? max : CM_LINE_MAX;
}

/* Record a failure so that every later call repeats it. */
static int
fail(struct cm_lines *l, struct cm_error *err)
{
	l->failed = 1;
	if (err != NULL)
		cm_error_copy(&l->saved, err);
	return -1;
}

static int
too_long(struct cm_lines *l, long lineno, struct cm_error *err)
{
	cm_error_set(err, CM_USAGE, l->name, lineno, 0,
	    "line longer than %zu bytes", l->max);
	return fail(l, err);
}

/* The next block of a file into buf[0..len), or eof. */
static int
fill(struct cm_lines *l, struct cm_error *err)
{
	ssize_t r;

	do
		r = read(l->fd, l->blk, BLK);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "read error on %s: %s",
		    l->label, strerror(errno));
		return fail(l, err);
	}
	l->pos = 0;
	l->len = (size_t)r;
	l->eof = r == 0;
	return 0;
}

int
cm_lines_next(struct cm_lines *l, char **s, size_t *n,
    struct cm_error *err)
{
	const char *p, *nl = NULL;
	size_t take;
	int any = 0;

	if (l->failed) {
		if (err != NULL)
			cm_error_copy(err, &l->saved);
		return -1;
	}
	cm_buf_reset(&l->line);
	while (nl == NULL) {
		if (l->pos == l->len) {
			if (l->eof) {
				if (!any)
					return 0;
				break;
			}
			if (fill(l, err) < 0)
				return -1;
			continue;
		}
		any = 1;
		p = l->buf + l->pos;
		nl = memchr(p, '\n', l->len - l->pos);
		take = nl != NULL ? (size_t)(nl - p) : l->len - l->pos;
		/* One byte more than max: the CR of a CRLF is no text. */
		if (take > l->max + 1 - l->line.len)
			return too_long(l, l->lineno + 1, err);
		cm_buf_add(&l->line, p, take);
		l->pos += take + (nl != NULL);
	}
	l->lineno++;
	if (l->lineno == 1 && l->line.len >= 3 &&
	    memcmp(l->line.s, BOM, 3) == 0) {
		memmove(l->line.s, l->line.s + 3, l->line.len - 2);
		l->line.len -= 3;
	}
	if (l->line.len > 0 && l->line.s[l->line.len - 1] == '\r')
		l->line.s[--l->line.len] = '\0';
	if (l->line.len > l->max)
		return too_long(l, l->lineno, err);
	if (memchr(l->line.s, '\0', l->line.len) != NULL) {
		if (*l->what != '\0')
			cm_error_set(err, CM_USAGE, l->name, l->lineno, 0,
			    "NUL byte in %s", l->what);
		else
			cm_error_set(err, CM_USAGE, l->name, l->lineno, 0,
			    "NUL byte");
		return fail(l, err);
	}
	*s = l->line.s;
	*n = l->line.len;
	return 1;
}

int
cm_lines_is_comment(const char *s, size_t n)
{
	s = cm_trim(s, &n);
	return n == 0 || *s == '#';
}

int
cm_lines_next_setting(struct cm_lines *l, char **s, size_t *n,
    struct cm_error *err)
{
	char *line;
	size_t len;
	int rc;

	while ((rc = cm_lines_next(l, &line, &len, err)) == 1) {
		*s = (char *)cm_trim(line, &len);
		if (len == 0 || **s == '#')
			continue;
		(*s)[len] = '\0';
		*n = len;
		return 1;
	}
	return rc;
}

long
cm_lines_lineno(const struct cm_lines *l)
{
	return l->lineno;
}

const char *
cm_lines_name(const struct cm_lines *l)
{
	return l->name;
}

void
cm_lines_close(struct cm_lines *l)
{
	if (l == NULL)
		return;
	if (l->fd >= 0)
		close(l->fd);
	cm_buf_free(&l->line);
	free(l->blk);
	free(l->label);
	free(l->what);
	free(l->name);
	free(l);
}
