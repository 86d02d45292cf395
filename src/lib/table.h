/*
 * table.h: a whole CSV file in memory, as rows of strings.
 *
 * Registers (complaints.csv, property.csv, customers.csv) are read whole,
 * changed, and written back whole through atomic.h: memory grows with the
 * number of register rows (DESIGN.md §2, "Scale").  A table keeps every
 * column of the file, known or not, in the file's order, so that a
 * command carries unknown columns through untouched when it rewrites the
 * register.
 *
 *	struct cm_table *t = cm_table_load(path, &opts, &err);
 *	int id = cm_table_col(t, "id");
 *	const size_t *rows;
 *	if (cm_table_find(t, id, "261101", &rows) == 1)
 *		cm_table_set(t, rows[0], cm_table_col(t, "status"), "closed");
 *	cm_table_write(t, fp, &err);
 *	cm_table_free(t);
 *
 * Cells are NUL-terminated UTF-8 strings; an empty cell is "".  A string
 * handed out by the table stays valid until the table is freed, even
 * after the cell is set to something else (old values are kept, so a
 * caller may hold the old value while it logs the change).
 *
 * Rows are only ever added, never removed or reordered: a row index, once
 * handed out, names the same row for the life of the table.  Columns are
 * only ever added, at the end.
 */
#ifndef CM_TABLE_H
#define CM_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "csvin.h"
#include "enc.h"
#include "msg.h"

struct cm_table;

/*
 * Read a whole CSV file (path "-" or NULL: standard input) through the
 * one reader of csvin.h, with its options (delimiter, encoding, column
 * map).  A header row is required.  Each row remembers the physical line
 * where it starts, for messages.  A cell holding a NUL byte is CM_DATA:
 * it could not be carried through as a C string, and a register is text.
 * Returns NULL and fills err on failure (csvin's errors, with file and
 * line).  o may be NULL (plain CSV, encoding auto, no map).  The column
 * map, when given, must outlive the table: cm_table_col maps names
 * through it.
 */
struct cm_table *cm_table_load(const char *path, const struct cm_csv_opts *o,
    struct cm_error *err);

/*
 * The same, reading max + 1 data rows at most (max 0: no limit): a
 * command that takes at most max rows (a chart) sees that the input has
 * more (cm_table_nrows is max + 1) and says so after reading max + 1,
 * not after the whole of a huge file is in memory.  The rows past
 * max + 1 are not read, so errors in them are not seen.
 */
struct cm_table *cm_table_load_max(const char *path,
    const struct cm_csv_opts *o, size_t max, struct cm_error *err);

/*
 * The same over an opened input (cm_in_open_mem for tests and fuzzers),
 * which the table takes over and closes, as cm_csv_open_in does.
 */
struct cm_table *cm_table_load_in(struct cm_in *in,
    const struct cm_csv_opts *o, struct cm_error *err);

/*
 * An empty table (no rows) with the given columns, written with delim
 * (0: ','); name is used in messages (NULL: "(new)").  Used for a
 * register that does not exist yet.  Column names must be distinct.
 */
struct cm_table *cm_table_new(const char *name, const char *const *cols,
    size_t ncols, char delim);

void cm_table_free(struct cm_table *t);

/* The name given at load or creation, for messages. */
const char *cm_table_name(const struct cm_table *t);

size_t cm_table_ncols(const struct cm_table *t);
size_t cm_table_nrows(const struct cm_table *t);

/*
 * The canonical name of column col (after the column map: "customer" for
 * a header "客户名称") and its name as it stands in the file, which is
 * what cm_table_write puts back in the header row.
 */
const char *cm_table_colname(const struct cm_table *t, size_t col);
const char *cm_table_rawname(const struct cm_table *t, size_t col);

/*
 * The index of the column called name, or -1.  name is mapped like a
 * header (so "客户名称" and "Customer" find "customer") and also matches
 * a column's name exactly as written in the file.
 */
int cm_table_col(const struct cm_table *t, const char *name);

/*
 * Add a column called name at the end; every existing row gets "".
 * Returns its index.  When the table already has such a column (as
 * cm_table_col finds it), returns that one and changes nothing: callers
 * can use it to make sure a column exists.
 */
size_t cm_table_add_col(struct cm_table *t, const char *name);

/* Append a row of empty cells; returns its index.  Its line is 0. */
size_t cm_table_append(struct cm_table *t);

/* Cell (row, col); both must be in range. */
const char *cm_table_get(const struct cm_table *t, size_t row, size_t col);

/*
 * Set cell (row, col) to a copy of value (NULL: "").  Setting a cell to
 * the value it has is not a change.  The old string stays valid.
 */
void cm_table_set(struct cm_table *t, size_t row, size_t col,
    const char *value);

/*
 * The rows whose cell in column col equals value byte for byte, in row
 * order: returns how many, and points *rows at them (NULL when none).
 * The list stays valid until the table is next changed.
 *
 * The first call for a column builds a hash index of it, which later
 * changes keep up to date: a lookup then costs O(1) whatever the size of
 * the register, so a batch that looks up every id of a 100,000-row
 * register stays linear.
 */
size_t cm_table_find(struct cm_table *t, size_t col, const char *value,
    const size_t **rows);

/*
 * The physical line of the input where row starts (csvin.h), or 0 for a
 * row appended since.
 */
long cm_table_line(const struct cm_table *t, size_t row);

/*
 * The value cell (row, col) had when the table was loaded or created, or
 * NULL when the cell did not exist then (a row appended or a column added
 * since).  A register transaction uses it to check that the history it
 * logs starts from what the file held.
 */
const char *cm_table_orig(const struct cm_table *t, size_t row, size_t col);

/* Whether anything was set (to a different value), appended or added. */
int cm_table_changed(const struct cm_table *t);

/*
 * Write the table to fp as RFC 4180 CSV: the header row (names as in the
 * file), then every row, each line ending in LF, in UTF-8 whatever the
 * input's encoding was, without a BOM, with the delimiter the table was
 * read with.  Fields are quoted only when they must be, by the rule of
 * csvout.h, so a table read and written back unchanged is byte for byte
 * the file our writer made; one more case is quoted: a first header name
 * that starts with U+FEFF, which would otherwise read back as a byte
 * order mark and vanish.  Returns 0, or -1 with err (CM_SYSTEM,
 * naming the table) when a write fails; fp is neither flushed nor
 * closed, so the caller must still check its own fflush or fclose.
 */
int cm_table_write(const struct cm_table *t, FILE *fp, struct cm_error *err);

/*
 * Whether every cell of row is empty.  The reader takes such a row for a
 * blank line (csvin.h), so cm_table_write leaves it out: it could not be
 * read back.
 */
int cm_table_row_empty(const struct cm_table *t, size_t row);

/*
 * Append one CSV record of n fields to b, ending in LF, quoted by the
 * same rule.  For writers of other CSV files that must match, such as a
 * register's history log.
 */
void cm_table_record(struct cm_buf *b, const char *const *fields, size_t n,
    char delim);

#endif
