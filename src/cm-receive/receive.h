/*
 * receive.h: the state of one cm-receive run: the journal of property
 * that belongs to customers (000 §5.1, 001/6, 001/7 §5.5, 001/9).
 */
#ifndef RECEIVE_H
#define RECEIVE_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"
#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "i18n.h"
#include "opt.h"
#include "regex.h"
#include "strset.h"

/* No date given: day numbers before 1970 are negative, so not -1. */
#define NO_DAY	CM_NO_DAY

/* Ten trillion of any unit, in thousandths: far past any real stock. */
#define QTY_MAX	10000000000000000LL

/* The movements (DESIGN §3 cm-receive); the order of names[] in move.c. */
enum action {
	A_RECEIVE, A_ACCEPT, A_REJECT, A_ISSUE, A_RETURN, A_SCRAP, A_LOSE,
	A_DAMAGE, A_LEND, A_GIVEBACK, A_N
};

enum kind { K_NONE = -1, K_MATERIAL, K_EQUIPMENT, K_ENTRUSTED, K_N };

/* The balances of a part; B_RECEIVED counts, the others hold. */
enum bal {
	B_RECEIVED, B_PENDING, B_STOCK, B_HOLD, B_ISSUED, B_ON_LOAN,
	B_RETURNED, B_SCRAPPED, B_LOST, B_N
};

/* The journal's columns, in their order (the lead's spec). */
enum col {
	C_DATE, C_CUSTOMER, C_PART_NO, C_NAME, C_SPEC, C_UNIT, C_KIND,
	C_ACTION, C_QTY, C_DECLARED, C_LOCATION, C_REF, C_BY, C_NOTE, C_N
};
extern const char *const journal_cols[];	/* C_N names, then NULL */
extern const char *const bal_names[];		/* B_N names */

struct ctx {
	struct cm_common co;
	char *journal;		/* -j, or $CM_DATA/property.csv */
	const char *journal_from;	/* how it was chosen, for messages */
	char *snapshot;		/* journal with .bal */
	double lock_timeout;
	cm_day today, as_of, from, to;	/* NO_DAY: unset */
	long max_days;		/* --on-loan: -1 unset */
	int dry_run;
	struct cm_regex *part_re;	/* --part-pattern, or NULL */
	const char *part_pattern;
	struct cm_strset *customers;	/* --customers, or NULL */
	char **customer_names;
	size_t ncustomers;
	int attention;		/* exit 1 */
};

/* units.c: share/cm/units.conf. */
void units_load(void);
/* The unit written as s (a name or an alias), or -1. */
int unit_find(const char *s);
const char *unit_name(int u);
/*
 * Its first alias with a character that is not ASCII (个 for pcs, 公斤
 * for kg), what --lang zh writes; NULL when it has none (or u < 0).
 */
const char *unit_zh(int u);
int unit_decimals(int u);
/* "'pc'?" nearest suggestion, or "", for a message. */
const char *unit_suggest(const char *s);

/* One movement, as read from a row and checked on its own. */
struct move {
	const char *f[C_N];	/* trimmed fields; "" for a missing column */
	cm_day date;
	enum action action;
	int kind;		/* K_NONE when empty */
	int unit;		/* -1 when empty */
	long long qty;		/* thousandths */
	long long declared;	/* thousandths, -1 when empty */
};

/* A source of rows: an input file or the journal. */
struct src {
	struct cm_csv *r;
	int col[C_N];		/* -1: the file has no such column */
	const char *p[C_N];	/* the trimmed fields of the current row */
	size_t len[C_N];
	struct cm_buf v[C_N];	/* copies of those trimming shortened */
	const char *name;
	size_t *blank, nblank;	/* an input's columns with no name */
};

/*
 * move.c.  src_input: open an input file to append from; a column that is
 * not a journal column is exit 3.  src_next: the next row, 1/0, exit on a
 * read error.  move_parse: the checks of one row on its own (dates,
 * words, required fields, numbers; with input, --part-pattern and
 * --customers too): 0, or -1 with the reason in why.
 */
void src_input(struct ctx *c, struct src *s, const char *path);
void src_columns(struct src *s, int input);
int src_next(struct src *s);
void src_close(struct src *s);
int move_parse(struct ctx *c, struct src *s, struct move *m, int input,
    struct cm_buf *why);
const char *action_name(enum action a);
/* Put the message in why (replacing what it held); returns -1. */
int why_fail(struct cm_buf *why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *kind_name(int k);
/*
 * Append the row m of item it to out as the journal keeps it: canonical
 * words, ISO dates, quantities in the unit's decimals (the fuzzer holds
 * the journal to this same writer).
 */
struct item;
void write_move(struct cm_buf *out, const struct move *m,
    const struct item *it);

/* book.c: the balances per (customer, part_no), in order of first row. */
struct item {
	char *key;		/* the strset's key: customer and part_no */
	char *customer, *part, *name;
	int unit, kind;
	cm_day last;		/* the date of its last movement */
	long long b[B_N];
};

struct book {
	struct cm_strset *set;
	struct item *items;
	size_t n, cap;
	struct cm_buf key;
};

void book_init(struct book *b);
void book_free(struct book *b);
struct item *book_find(struct book *b, const char *customer,
    const char *part);
struct item *book_add(struct book *b, const char *customer,
    const char *part);
/*
 * Apply m to the book: the checks that need the part's past (its unit,
 * kind and name, the order of dates, the decimals of its unit, no
 * balance below 0).  0 and *it the part, or -1 with why, the book as it
 * was.
 */
int book_apply(struct book *b, const struct move *m, struct item **it,
    struct cm_buf *why);
/* qty with the decimals of unit u, into buf (32 bytes). */
char *qty_text(char *buf, long long qty, int u);

/* snapshot.c: the commit record (property.csv.bal). */
struct snap {
	long long bytes, lines;	/* the committed extent of the journal */
};
/*
 * Read the snapshot at path into b (empty) and s: 0; -1 when it does not
 * exist or cannot be used, with why (for -v and --check), b left empty.
 */
int snap_read(const char *path, struct book *b, struct snap *s,
    struct cm_buf *why);
/* Only its first line: the committed extent, for readers. */
int snap_head(const char *path, struct snap *s, struct cm_buf *why);
/*
 * Write it with cm_atomic, never through a link (the caller holds the
 * journal's lock).  0 when committed; on failure, err filled and
 * SNAP_KEPT when the old snapshot stands (the append did not commit),
 * SNAP_RENAMED when the new one was renamed in but its directory's fsync
 * failed (it did, though perhaps not durably).
 */
enum { SNAP_KEPT = -1, SNAP_RENAMED = -2 };
int snap_write(const char *path, const struct book *b, const struct snap *s,
    struct cm_error *err);

/* read.c: the journal as a reader sees it. */
struct jread {
	struct src s;
	long long size;		/* the journal's size */
	long long limit;	/* bytes read: the committed ones, or size */
	int have_snap;		/* a snapshot was found and trusted */
	struct snap snap;
	struct cm_buf why;	/* why the snapshot was not trusted */
};
_Noreturn void no_journal(const struct ctx *c);
/* Open the journal to read (no lock, nothing created); exit 4 if none. */
void jread_open(struct ctx *c, struct jread *j, int committed_only);
void jread_close(struct jread *j);
/* The size of fd up to and with its last newline (0 when none). */
long long through_last_newline(const char *path, int fd, long long size);
/*
 * Fold the rows of an open journal into b.  Rows dated after as_of
 * (unless NO_DAY) are left out.  Each row folded is handed to seen (unless
 * NULL) with its line.  A bad row is exit 3 naming its line.
 */
void fold(struct ctx *c, struct src *s, struct book *b, cm_day as_of,
    void (*seen)(void *arg, const struct move *m, const struct item *it,
    long line), void *arg);

/* append.c */
int do_append(struct ctx *c, char **files, int nfiles);
/* report.c */
int do_balance(struct ctx *c);
int do_discrepancies(struct ctx *c);
int do_notify(struct ctx *c);
int do_on_loan(struct ctx *c);
/* check.c */
int do_check(struct ctx *c);

#endif
