/*
 * snapshot.c: the commit record of the journal (property.csv.bal): the
 * balances of every part after the committed part of the journal, and
 * that part's extent.
 *
 *	# cm-receive snapshot bytes=N lines=L
 *	customer,part_no,name,unit,kind,last,received,pending,...,lost
 *	ACME,P-100,bearing,pcs,material,2026-01-05,100000,0,...
 *
 * Quantities are thousandths, whatever the unit, so the file reads back
 * exactly.  It is derived data: a missing or damaged snapshot is rebuilt
 * by folding the journal.  Its rename is the commit point of an append
 * (src/lib/journal.h): the journal's bytes past N belong to a batch
 * whose writer died before committing, and the next append cuts them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "csvout.h"
#include "enc.h"
#include "msg.h"
#include "num.h"
#include "receive.h"
#include "xalloc.h"

static const char *const snap_cols[] = {
	"customer", "part_no", "name", "unit", "kind", "last"
};
#define NFIXED	6

static int
why_set(struct cm_buf *why, const char *path, const char *what)
{
	cm_buf_reset(why);
	cm_buf_printf(why, _("snapshot '%s' %s"), path, what);
	return -1;
}

/* The whole file: snapshots hold customers x parts, not the journal. */
static int
slurp(const char *path, struct cm_buf *data, struct cm_buf *why)
{
	struct cm_error err;
	char block[65536];
	ssize_t n;
	int fd;

	if ((fd = cm_open_file(path, O_RDONLY | O_NONBLOCK, 0, &err)) < 0)
		return why_set(why, path, errno == ENOENT ? _("does not exist") :
		    _("cannot be opened"));
	while ((n = read(fd, block, sizeof(block))) > 0)
		cm_buf_add(data, block, (size_t)n);
	close(fd);
	if (n < 0)
		return why_set(why, path, _("cannot be read"));
	return 0;
}

static int
parse_rows(const char *path, const char *text, size_t len, struct book *b,
    struct cm_buf *why)
{
	struct cm_csv_opts o = {',', "utf-8", NULL};
	struct cm_error err;
	struct cm_in *in;
	struct cm_csv *r;
	size_t i;
	int rc, ok = 0;

	if ((in = cm_in_open_mem(path, text, len, "utf-8", &err)) == NULL ||
	    (r = cm_csv_open_in(in, &o, &err)) == NULL)
		return why_set(why, path, _("has no header"));
	if (cm_csv_ncols(r) != NFIXED + B_N)
		goto bad;
	for (i = 0; i < NFIXED + B_N; i++)
		if (strcmp(cm_csv_colname(r, i), i < NFIXED ? snap_cols[i] :
		    bal_names[i - NFIXED]) != 0)
			goto bad;
	while ((rc = cm_csv_next(r, &err)) == 1) {
		struct item *it;
		long long v;

		if (book_find(b, cm_csv_field(r, 0), cm_csv_field(r, 1)))
			goto bad;
		it = book_add(b, cm_csv_field(r, 0), cm_csv_field(r, 1));
		free(it->name);
		it->name = xstrdup(cm_csv_field(r, 2));
		if ((it->unit = unit_find(cm_csv_field(r, 3))) < 0 ||
		    cm_date_parse(cm_csv_field(r, 5), cm_csv_flen(r, 5),
		    &it->last) < 0)
			goto bad;
		it->kind = strcmp(cm_csv_field(r, 4), "material") == 0 ?
		    K_MATERIAL : strcmp(cm_csv_field(r, 4), "equipment") == 0 ?
		    K_EQUIPMENT : strcmp(cm_csv_field(r, 4), "entrusted") == 0 ?
		    K_ENTRUSTED : K_NONE;
		if (it->kind == K_NONE)
			goto bad;
		for (i = 0; i < B_N; i++) {
			if (cm_strtonum(cm_csv_field(r, NFIXED + i), 0,
			    QTY_MAX, &v) < 0)
				goto bad;
			it->b[i] = v;
		}
	}
	ok = rc == 0;
bad:
	cm_csv_close(r);
	return ok ? 0 : why_set(why, path, _("is damaged"));
}

/* The first line of text[0..len): its length with the newline, or 0. */
static size_t
parse_head(const char *text, size_t len, struct snap *s)
{
	const char *nl = len > 0 ? memchr(text, '\n', len) : NULL;
	char line[128];
	int used;

	if (nl == NULL || (size_t)(nl - text) >= sizeof(line))
		return 0;
	memcpy(line, text, (size_t)(nl - text));
	line[nl - text] = '\0';
	if (sscanf(line, "# cm-receive snapshot bytes=%lld lines=%lld%n",
	    &s->bytes, &s->lines, &used) != 2 || line[used] != '\0' ||
	    s->bytes < 0 || s->lines < 0)
		return 0;
	return (size_t)(nl - text) + 1;
}

int
snap_head(const char *path, struct snap *s, struct cm_buf *why)
{
	struct cm_error err;
	char head[128];
	ssize_t n;
	int fd;

	if ((fd = cm_open_file(path, O_RDONLY | O_NONBLOCK, 0, &err)) < 0)
		return why_set(why, path, errno == ENOENT ? _("does not exist") :
		    _("cannot be opened"));
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return why_set(why, path, _("cannot be read"));
	if (parse_head(head, (size_t)n, s) == 0)
		return why_set(why, path, _("is damaged"));
	return 0;
}

int
snap_read(const char *path, struct book *b, struct snap *s,
    struct cm_buf *why)
{
	struct cm_buf data = {0};
	size_t head;
	int rc = -1;

	if (slurp(path, &data, why) < 0)
		goto out;
	if ((head = parse_head(data.s, data.len, s)) == 0) {
		why_set(why, path, _("is damaged"));
		goto out;
	}
	rc = parse_rows(path, data.s + head, data.len - head, b, why);
out:
	cm_buf_free(&data);
	if (rc < 0) {		/* half a snapshot must not be folded onto */
		book_free(b);
		book_init(b);
	}
	return rc;
}

int
snap_write(const char *path, const struct book *b, const struct snap *s,
    struct cm_error *err)
{
	struct cm_atomic a;
	struct cm_buf rec = {0};
	struct stat tmp, now;
	const char *f[NFIXED + B_N];
	char num[B_N][24], day[11];
	size_t i, k;
	int rc = 0;

	/*
	 * Never through a link: one planted at the snapshot's name would
	 * have a root cron job write over the file it names.  Our caller
	 * holds the journal's lock, so what a killed writer left of its
	 * temporary snapshot can go.
	 */
	if (cm_atomic_begin(&a, path, CM_ATOMIC_NOFOLLOW | CM_ATOMIC_SWEEP, 0,
	    err) < 0)
		return SNAP_KEPT;
	fprintf(a.fp, "# cm-receive snapshot bytes=%lld lines=%lld\n",
	    s->bytes, s->lines);
	for (k = 0; k < NFIXED + B_N; k++)
		f[k] = k < NFIXED ? snap_cols[k] : bal_names[k - NFIXED];
	cm_csv_record(&rec, f, NFIXED + B_N, ',', 0);
	for (i = 0; i < b->n; i++) {
		const struct item *it = &b->items[i];

		f[0] = it->customer;
		f[1] = it->part;
		f[2] = it->name;
		f[3] = unit_name(it->unit);
		f[4] = kind_name(it->kind);
		f[5] = cm_date_format(it->last, day);
		for (k = 0; k < B_N; k++) {
			snprintf(num[k], sizeof(num[k]), "%lld", it->b[k]);
			f[NFIXED + k] = num[k];
		}
		cm_csv_record(&rec, f, NFIXED + B_N, ',', 0);
		if (rec.len > 65536) {
			fwrite(rec.s, 1, rec.len, a.fp);
			cm_buf_reset(&rec);
		}
	}
	fwrite(rec.s, 1, rec.len, a.fp);
	cm_buf_free(&rec);
	if (fflush(a.fp) != 0 || fstat(fileno(a.fp), &tmp) != 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "write error on '%s': "
		    "%s", path, strerror(errno));
		cm_atomic_abort(&a);
		return SNAP_KEPT;
	}
	if (cm_atomic_commit(&a, err) < 0) {
		/* Renamed, and only the directory's fsync failed? */
		rc = stat(path, &now) == 0 && now.st_dev == tmp.st_dev &&
		    now.st_ino == tmp.st_ino ? SNAP_RENAMED : SNAP_KEPT;
	}
	return rc;
}
