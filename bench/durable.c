/*
 * durable: the floor of a durable rewrite, for `make bench`.
 *
 *	durable FILE [OUT]
 *
 * Does the least that any safe change to a CSV register must do: one pass
 * of libcsv over FILE in the mode cm's reader uses (CSV_STRICT,
 * CSV_APPEND_NULL), counting fields and records, while the same bytes are
 * written to OUT.tmp; then fsync OUT.tmp, rename it over OUT (FILE when
 * OUT is not given) and fsync OUT's directory.  Prints "RECORDS FIELDS".
 *
 * It changes nothing, takes no lock and keeps no log, so `cm-complaint
 * set` (which also holds the table in memory, changes a cell, appends to
 * the log and fsyncs it) cannot beat it; bench/complaint.sh measures set
 * against it.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long long fields;
	unsigned long long records;
};

static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void
on_record(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

static _Noreturn void
fail(const char *what, const char *name)
{
	fprintf(stderr, "durable: %s%s%s: %s\n", what, *name ? " " : "", name,
	    strerror(errno));
	exit(4);
}

static void
write_all(int fd, const char *p, size_t n, const char *name)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			fail("write", name);
		}
		p += k;
		n -= (size_t)k;
	}
}

int
main(int argc, char *argv[])
{
	static char buf[64 * 1024];
	struct csv_parser p;
	struct counts n = { 0, 0 };
	const char *in, *out;
	char *tmp, *dir, *slash;
	ssize_t got;
	int fd, wfd, dfd;

	if (argc < 2 || argc > 3) {
		fputs("usage: durable FILE [OUT]\n", stderr);
		return 2;
	}
	in = argv[1];
	out = argc == 3 ? argv[2] : argv[1];
	if ((tmp = malloc(strlen(out) + 5)) == NULL ||
	    (dir = malloc(strlen(out) + 2)) == NULL) {
		fputs("durable: out of memory\n", stderr);
		return 4;
	}
	sprintf(tmp, "%s.tmp", out);
	strcpy(dir, out);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';

	if ((fd = open(in, O_RDONLY)) == -1)
		fail("open", in);
	if ((wfd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		fail("open", tmp);
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		fputs("durable: out of memory\n", stderr);
		return 4;
	}
	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got == -1) {
			if (errno == EINTR)
				continue;
			fail("read", in);
		}
		if (csv_parse(&p, buf, (size_t)got, on_field, on_record, &n) !=
		    (size_t)got) {
			fprintf(stderr, "durable: %s: %s\n", in,
			    csv_strerror(csv_error(&p)));
			unlink(tmp);
			return 3;
		}
		write_all(wfd, buf, (size_t)got, tmp);
	}
	if (csv_fini(&p, on_field, on_record, &n) != 0) {
		fprintf(stderr, "durable: %s: %s\n", in,
		    csv_strerror(csv_error(&p)));
		unlink(tmp);
		return 3;
	}
	csv_free(&p);
	close(fd);
	if (fsync(wfd) != 0)
		fail("fsync", tmp);
	if (close(wfd) != 0)
		fail("close", tmp);
	if (rename(tmp, out) != 0)
		fail("rename to", out);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		fail("open", dir);
	if (fsync(dfd) != 0)
		fail("fsync", dir);
	close(dfd);
	free(tmp);
	free(dir);
	printf("%llu %llu\n", n.records, n.fields);
	if (fflush(stdout) == EOF || ferror(stdout))
		return 4;
	return 0;
}
