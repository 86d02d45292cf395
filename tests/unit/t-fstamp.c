/*
 * t-fstamp.c: the identity of an open file (fstamp.h): the same file
 * opened twice is the same; a file replaced by rename, appended to or
 * rewritten with another time is not; a bad descriptor is -1.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fstamp.h"
#include "tap.h"

static char dir[256];

static const char *
in_dir(const char *name)
{
	static char p[2][512];
	static int k;

	k = (k + 1) % 2;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void
put(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(s, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

/* The stamp of path, opened afresh. */
static struct cm_fstamp
stamp(const char *path)
{
	struct cm_fstamp s;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || cm_fstamp_get(fd, &s) < 0) {
		perror(path);
		exit(99);
	}
	close(fd);
	return s;
}

int
main(void)
{
	struct cm_fstamp a, b, z;
	struct timespec t[2];
	char f[512], g[512];
	int fd;

	snprintf(dir, sizeof(dir), "%s/t-fstamp.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 99;
	}
	snprintf(f, sizeof(f), "%s", in_dir("f"));
	snprintf(g, sizeof(g), "%s", in_dir("g"));
	put(f, "case,party\n1,P1\n");
	a = stamp(f);
	b = stamp(f);
	ok(cm_fstamp_same(&a, &b), "the same file opened twice is the same");

	/* Same size, same time, another inode: mv over it. */
	put(g, "case,party\n2,P2\n");
	fd = open(f, O_RDONLY);
	t[0].tv_sec = t[1].tv_sec = 1700000000;
	t[0].tv_nsec = t[1].tv_nsec = 0;
	utimensat(AT_FDCWD, f, t, 0);
	utimensat(AT_FDCWD, g, t, 0);
	a = stamp(f);
	if (rename(g, f) < 0) {
		perror("rename");
		return 99;
	}
	b = stamp(f);
	ok(!cm_fstamp_same(&a, &b), "a file replaced by rename is another, "
	    "even with the same size and time");
	/* The descriptor opened before the rename still sees the old one. */
	cm_fstamp_get(fd, &z);
	ok(cm_fstamp_same(&a, &z), "the descriptor opened first keeps the "
	    "old file's stamp");
	close(fd);

	/* Appended to in place: another size. */
	a = stamp(f);
	fd = open(f, O_WRONLY | O_APPEND);
	if (fd < 0 || write(fd, "3,P3\n", 5) != 5) {
		perror(f);
		return 99;
	}
	close(fd);
	utimensat(AT_FDCWD, f, t, 0);
	b = stamp(f);
	ok(!cm_fstamp_same(&a, &b), "a file appended to is another");

	/* Rewritten in place with the same size: another time. */
	a = stamp(f);
	put(f, "case,party\n1,P9\n3,P3\n");
	t[0].tv_sec = t[1].tv_sec = 1700000001;
	utimensat(AT_FDCWD, f, t, 0);
	b = stamp(f);
	ok(a.size == b.size && !cm_fstamp_same(&a, &b),
	    "a file rewritten with the same size at another time is another");
	t[0].tv_nsec = t[1].tv_nsec = 5;
	utimensat(AT_FDCWD, f, t, 0);
	a = stamp(f);
	ok(!cm_fstamp_same(&a, &b), "a nanosecond of difference counts");

	errno = 0;
	memset(&z, 0xff, sizeof(z));
	ok(cm_fstamp_get(-1, &z) == -1 && errno == EBADF,
	    "a bad descriptor is -1 with errno");
	memset(&a, 0, sizeof(a));
	ok(memcmp(&z, &a, sizeof(a)) == 0, "... and the stamp is zeroed");

	unlink(f);
	rmdir(dir);
	return done_testing();
}
