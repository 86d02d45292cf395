/*
 * csvin.h: the one CSV reader (DESIGN.md §2, "Input").
 *
 * Streams RFC 4180 CSV (or TSV, or any one-byte delimiter) through libcsv
 * over the decoding layer of enc.h: one record in memory at a time.  A
 * header row is required; its names pass through the column map, so
 * commands look columns up by canonical name.  Quoted fields may hold the
 * delimiter, quotes and newlines; CRLF, LF and a bare CR (old Mac
 * exports) all end records; blank lines are skipped, and so is a row
 * whose cells are all empty (",,,,", what Excel leaves below a table,
 * quoted "" cells included), before the header too: such a row is never
 * a record, in a survey or a register alike.  Field text is handed over
 * untouched (no space trimming).
 *
 * Line numbers are physical lines of the input (line breaks inside
 * quoted fields count; a CRLF is one), the header being line 1 when it
 * starts the file.
 *
 * Errors (malformed quoting, a record whose field count differs from the
 * header's, undecodable bytes, a NUL byte, a record past the limits of
 * bounds.h) are CM_DATA with file and line; read errors are CM_SYSTEM.
 * A NUL byte is refused wherever it stands, header included ("NUL byte in
 * field 2"): fields are handed out as C strings, and a NUL would cut one
 * short without a word.  A record longer than CM_RECORD_MAX bytes (its
 * fields, delimiters, quotes and line breaks as decoded), or with more
 * than CM_FIELDS_MAX fields, is refused as soon as the reader sees it
 * pass the limit, naming the line where the record starts: memory stays
 * bounded whatever the input, /dev/zero and an unclosed quote included.
 */
#ifndef CM_CSVIN_H
#define CM_CSVIN_H

#include <stddef.h>
#include "bounds.h"
#include "colmap.h"
#include "enc.h"
#include "msg.h"

struct cm_csv_opts {
	/*
	 * ',' by default (0), '\t' for TSV; never a quote, CR or LF
	 * (cm_csv_open fails with CM_USAGE, as -d refuses them).
	 */
	char delim;
	const char *encoding;		/* NULL or "auto": see enc.h */
	const struct cm_colmap *map;	/* may be NULL */
};

struct cm_csv;

/*
 * Open path ("-" or NULL: standard input) and read its header row.
 * Returns NULL and fills err on failure, including an empty input
 * ("no header row") and duplicate column names after mapping.
 */
struct cm_csv *cm_csv_open(const char *path, const struct cm_csv_opts *o,
    struct cm_error *err);
/* The same over an opened input, which the reader then owns. */
struct cm_csv *cm_csv_open_in(struct cm_in *in, const struct cm_csv_opts *o,
    struct cm_error *err);

/* Number of columns, and the canonical and original names of column i. */
size_t cm_csv_ncols(const struct cm_csv *r);
const char *cm_csv_colname(const struct cm_csv *r, size_t i);
const char *cm_csv_rawname(const struct cm_csv *r, size_t i);

/* Index of the column named name (mapped first), or -1. */
int cm_csv_col(const struct cm_csv *r, const char *name);

/*
 * Lower the limits of bounds.h for the records still to come, for tests
 * that reach them with a small input: max_record bytes, max_fields
 * fields; 0, or a value above the limit, leaves that limit as it is.
 * Call it before the first cm_csv_next: the reader reads ahead, and a
 * record already read keeps the limits it was read under.
 */
void cm_csv_set_limits(struct cm_csv *r, size_t max_record,
    size_t max_fields);

/*
 * Feed libcsv line by line from now on and never take the fast paths
 * (runs of whole lines, lines cut without libcsv: csvin.c): the
 * reference that tests and fuzz-csv hold those paths to.  Call it
 * before the first cm_csv_next, as cm_csv_set_limits.
 */
void cm_csv_lines_only(struct cm_csv *r);

/*
 * Read the next record: 1 when there is one, 0 at end of input, -1 with
 * err filled on error.  Fields stay valid until the next call.
 */
int cm_csv_next(struct cm_csv *r, struct cm_error *err);

/*
 * Field i of the current record, NUL-terminated, and its length.  These
 * run for every cell of the input, so they are inline: a struct cm_csv
 * starts with this view of the current record.
 */
struct cm_csv_field {
	size_t off, len;
};

struct cm_csv_view {
	const char *data;
	const struct cm_csv_field *f;
};

static inline const char *
cm_csv_field(const struct cm_csv *r, size_t i)
{
	const struct cm_csv_view *v = (const struct cm_csv_view *)r;

	return v->data + v->f[i].off;
}

static inline size_t
cm_csv_flen(const struct cm_csv *r, size_t i)
{
	return ((const struct cm_csv_view *)r)->f[i].len;
}

/*
 * The physical line where the current record (or header) starts.  After
 * an error, the last record handed out is the current one, or the row
 * whose field count was wrong: an error's own line is in its cm_error.
 */
long cm_csv_line(const struct cm_csv *r);
/* The name for messages: the path, or "(standard input)". */
const char *cm_csv_name(const struct cm_csv *r);
/* The input encoding in use (see cm_in_encoding). */
const char *cm_csv_encoding(const struct cm_csv *r);

void cm_csv_close(struct cm_csv *r);

#endif
