/*
 * csvout.h: the one writer (DESIGN.md §2, "Output").
 *
 * CSV with RFC 4180 quoting (a field is quoted when it holds the
 * delimiter, a quote, CR or LF, or is empty while the row has one field),
 * TSV with the same rule, or an aligned table for humans in which CJK and
 * other wide characters count two columns and numbers are right-aligned.
 * Without --excel the fields are written byte for byte.
 *
 * --excel puts a UTF-8 BOM first, ends lines with CRLF and neutralises
 * formulas, in every format: a field that starts with '=', '+', '-', '@',
 * a tab or a CR (the OWASP "CSV injection" list) is written with an
 * apostrophe in front ("=1+2" becomes "'=1+2", quoted as usual when it
 * must be), which Excel shows as text and never runs; a field that is a
 * plain number (optional sign, digits, optional decimals: "-5.00",
 * "+1.5") stays as it is, a number.
 *
 * With a path, output goes to a temporary file beside it that is fsynced
 * and renamed over the path at cm_out_close(): a reader never sees half a
 * file.  A symbolic link at the path that we or root made is followed
 * (the file it names is replaced; "-o /dev/stdout" works); another user's
 * link is never written through but replaced by the output (atomic.h,
 * CM_ATOMIC_NOFOLLOW).  A path that is a FIFO or a device, or our link to
 * one, is written straight into; one planted by another user in a sticky
 * world-writable directory is refused.  A write error (a full disk)
 * is reported ("write error on standard output: REASON", "write error on
 * 'PATH': REASON") and exits CM_SYSTEM; it is never a short file and
 * status 0.
 */
#ifndef CM_CSVOUT_H
#define CM_CSVOUT_H

#include <stddef.h>

#include "buf.h"

enum cm_format { CM_FMT_CSV, CM_FMT_TABLE };

/*
 * The language of the names and words a command writes (--lang, opt.h):
 * English, cm's canonical names and words, for pipes; or Chinese, the
 * office's own (issue 14).  Numbers, dates and the user's data are the
 * same in both.
 */
enum cm_lang { CM_LANG_EN, CM_LANG_ZH };

struct cm_colmap;

struct cm_out_opts {
	enum cm_format format;
	char delim;		/* ',' or '\t' (with CM_FMT_CSV) */
	int excel;		/* BOM, CRLF, formulas neutralised */
	const char *path;	/* NULL or "-": standard output */
	enum cm_lang lang;	/* CM_LANG_EN unless --lang zh (or default) */
	const struct cm_colmap *map;	/* Chinese headers (colmap.h) */
};

struct cm_out;

struct cm_out *cm_out_open(const struct cm_out_opts *o);
/* Append one field to the current row. */
void cm_out_field(struct cm_out *o, const char *s, size_t len);
void cm_out_str(struct cm_out *o, const char *s);	/* NULL: empty */
void cm_out_printf(struct cm_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Names and words in the output's language.  Under CM_LANG_EN each
 * writes en, cm's canonical form, byte for byte as cm_out_str does;
 * under CM_LANG_ZH its Chinese:
 *
 * cm_out_text: zh, or en when zh is NULL.
 * cm_out_name: a column name in a header row, or a name that stands for
 *	one in a cell (a survey item): zh when it has a character that
 *	is not ASCII (the name as the user wrote it in the header,
 *	cm_csv_rawname, or the command's own Chinese for a column it
 *	makes), else the Chinese header columns.map gives en
 *	(cm_colmap_zh), else zh in ASCII as the user wrote it (Q1), else
 *	en; zh without the spaces around it.  Every Chinese name written
 *	must read back as en through columns.map: the header cm writes in
 *	Chinese is a header cm reads.
 * cm_out_word (words.h): a canonical word of a words.map field.
 */
void cm_out_text(struct cm_out *o, const char *en, const char *zh);
void cm_out_name(struct cm_out *o, const char *en, const char *zh);
/* The output's language, for a command that lays out text of its own. */
enum cm_lang cm_out_lang(const struct cm_out *o);

/* End the current row. */
void cm_out_endrow(struct cm_out *o);
/*
 * Flush (tables are laid out here), commit the file, or flush and close
 * stdout (cm_fshut, stdfd.h); exits 4 on error.  Nothing may be printed
 * to stdout after closing an output on it.
 */
void cm_out_close(struct cm_out *o);
/* Throw the output away: the temporary file is removed, path untouched. */
void cm_out_abort(struct cm_out *o);

/*
 * Append s[0..n) as it stands, for a format the writer does not lay out
 * (a Markdown or HTML table, a MIME message) that still wants -o FILE
 * written as above; s may be NULL when n is 0.  Between rows only.  On a
 * CM_FMT_TABLE output the bytes land before the table, which is laid out
 * at cm_out_close (a title line).
 */
void cm_out_write(struct cm_out *o, const void *s, size_t n);

/*
 * How -o path is to be written, by the rule above, for a writer that
 * cannot go through cm_out (a chart, whose picture gnuplot writes):
 * CM_OUT_REFUSED with err filled (another user's FIFO or device in a
 * sticky world-writable directory), CM_OUT_REPLACE (nothing, a regular
 * file, or another user's link there: atomically, with
 * CM_ATOMIC_NOFOLLOW), CM_OUT_FOLLOW (our or root's link to a file, or
 * to what atomic.c refuses: atomically through the link),
 * CM_OUT_DIRECT (a FIFO or device: written straight in) or
 * CM_OUT_DIRECT_LINK (the same through our or root's link to one).
 */
enum cm_out_how {
	CM_OUT_REFUSED = -1,
	CM_OUT_REPLACE,
	CM_OUT_FOLLOW,
	CM_OUT_DIRECT,
	CM_OUT_DIRECT_LINK
};
struct cm_error;
enum cm_out_how cm_out_how(const char *path, struct cm_error *err);

/*
 * Whether s[0..n) is a number as cm writes it (an optional '-', digits,
 * optional decimals; not empty): the cells a table puts to the right.
 */
int cm_out_numeric(const char *s, size_t n);

/*
 * Append to b one record of the n fields f by the quoting rule above,
 * ending in LF, without --excel's changes; quote_first quotes the first
 * field whatever it holds (a first header name that starts with U+FEFF,
 * which would read back as a byte order mark).  For writers that keep
 * their own file or buffer: a register rewritten whole (table.h) and its
 * history log, which must match what cm_out writes byte for byte.
 */
void cm_csv_record(struct cm_buf *b, const char *const *f, size_t n,
    char delim, int quote_first);

/*
 * Display width of UTF-8 text s[0..n) in terminal columns: East Asian
 * Wide and Fullwidth characters count 2, combining marks 0, others 1.
 */
size_t cm_text_width(const char *s, size_t n);

#endif
