/*
 * fstamp.h: the identity of an open file, to tell whether a file read
 * twice by name is still the one read the first time.
 *
 * A command that reads a regular file in two passes opens it twice; a
 * file replaced between the passes (mv, an editor's save) or written in
 * place would give a result that matches no version of it.  Take a stamp
 * of the descriptor when the file is first opened, and compare it with
 * the stamp of each later open (and, to catch a write in place while a
 * pass reads, of the same descriptor at the end of the pass).
 *
 * The stamp is the device and inode (the same file), its size and its
 * modification time to the nanosecond (the same contents, as far as the
 * file system tells).  A write that keeps the size within one tick of a
 * coarse file-system clock escapes it: this is a guard against the
 * replaced or appended file, not a checksum.
 */
#ifndef CM_FSTAMP_H
#define CM_FSTAMP_H

#include <sys/types.h>
#include <time.h>

struct cm_fstamp {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

/*
 * Fill *s with the identity of the open file fd: 0, or -1 with errno set
 * (fstat(2) failed; *s is then zeroed).
 */
int cm_fstamp_get(int fd, struct cm_fstamp *s);

/* 1 when a and b are stamps of the same file with the same contents. */
int cm_fstamp_same(const struct cm_fstamp *a, const struct cm_fstamp *b);

#endif
