/*
 * csvcount: the floor for `make bench`.
 *
 *	csvcount [FILE]
 *
 * Parses CSV with libcsv in the mode cm's reader uses (CSV_STRICT,
 * CSV_APPEND_NULL) and only counts fields and records, then prints
 * "RECORDS FIELDS".  No command that parses its input with libcsv can beat
 * this; cm-survey-calc is measured against it.  Reads FILE (or standard
 * input when FILE is "-" or absent) in 64 KiB blocks, as a stream.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

int
main(int argc, char *argv[])
{
	static char buf[64 * 1024];
	struct csv_parser p;
	struct counts n = { 0, 0 };
	const char *name = "(standard input)";
	ssize_t got;
	int fd = 0;

	if (argc > 2) {
		fputs("usage: csvcount [FILE]\n", stderr);
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-") != 0) {
		name = argv[1];
		if ((fd = open(name, O_RDONLY)) == -1) {
			fprintf(stderr, "csvcount: %s: %s\n", name,
			    strerror(errno));
			return 4;
		}
	}
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		fputs("csvcount: out of memory\n", stderr);
		return 4;
	}
	while ((got = read(fd, buf, sizeof(buf))) != 0) {
		if (got == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "csvcount: %s: %s\n", name,
			    strerror(errno));
			return 4;
		}
		if (csv_parse(&p, buf, (size_t)got, on_field, on_record, &n) !=
		    (size_t)got) {
			fprintf(stderr, "csvcount: %s: %s\n", name,
			    csv_strerror(csv_error(&p)));
			return 3;
		}
	}
	if (csv_fini(&p, on_field, on_record, &n) != 0) {
		fprintf(stderr, "csvcount: %s: %s\n", name,
		    csv_strerror(csv_error(&p)));
		return 3;
	}
	csv_free(&p);
	printf("%llu %llu\n", n.records, n.fields);
	if (fflush(stdout) == EOF || ferror(stdout))
		return 4;
	return 0;
}
