/* fstamp.c: the identity of an open file (fstamp.h). */
#include <sys/stat.h>

#include <string.h>

#include "fstamp.h"

int
cm_fstamp_get(int fd, struct cm_fstamp *s)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (fstat(fd, &st) < 0)
		return -1;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->size = st.st_size;
	s->mtime = st.st_mtim;
	return 0;
}

int
cm_fstamp_same(const struct cm_fstamp *a, const struct cm_fstamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec;
}
