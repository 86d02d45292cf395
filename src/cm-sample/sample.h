/*
 * sample.h: the state of one cm-sample run: who gets the survey form, who
 * gets a visit, and whether the month's visits were made (000 §5.3.1.2;
 * 001/3 (2)a; 001/5 §4.3.1).
 *
 * Customers are ranked by a keyed hash of (seed, id) (rank.h) and each
 * stratum takes its lowest ranks, after its must list.  Files are read
 * more than once (count, pick, print), so memory holds the strata, the
 * must list and the picks, never the file; standard input and any FILE
 * that is not a regular file (a pipe, a FIFO, a device), which cannot be
 * read again, are held whole (customers.c).
 */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "csvin.h"
#include "csvout.h"
#include "fstamp.h"
#include "opt.h"
#include "strset.h"

/* Rates are hundredths of a percent: 15 is 1500, 33.33 is 3333. */
#define RATE_WHOLE	10000

/* A stratum: the customers with one value of each --by column. */
struct stratum {
	char *key;		/* the --by values, each as "LEN:VALUE" ("" without --by) */
	char **values;		/* the --by values, one per column */
	long long rate;		/* hundredths of a percent */
	size_t customers;	/* rows of the customer files in it */
	size_t must;		/* must ids in it, each once */
	size_t target;		/* ceil(rate × customers), at least must */
	size_t sampled;		/* must + random picks */
	/* The random picks: a max-heap of the lowest ranks (pick.c). */
	struct pick *heap;
	size_t nheap, heapcap, want;	/* want: target − must, or 0 */
};

/* A picked customer: rank and id, the order of rank.h. */
struct pick {
	uint64_t rank;
	char *id;
	size_t len;
	int input;		/* where it was offered: c->inputs[input], */
	long line;		/* at this line (for a duplicate's message) */
};

/* A must id: from --must, with where it was first named. */
struct must {
	char *id;
	char *reason;		/* visits: "complaint", "repair" or "must" */
	long line;		/* its first row in the must file */
	size_t stratum;		/* set when the customer files name it */
	int found;		/* the customer files name it */
	int order;		/* position in the must file, first rows first */
};

/*
 * A FILE of the customer files, as the first pass found it: a regular
 * file is read again on each pass and must be the same file, unchanged;
 * anything else is read once and held.
 */
struct input {
	char *data;		/* held: its bytes */
	size_t len;
	int held;
	int regular;		/* stamp is the first open's */
	struct cm_fstamp stamp;
	int fd;			/* a regular file: ours while it is read, or -1 */
	size_t rows;		/* its rows on the first pass */
};

/* Rows held until the pass that makes them has checked its files. */
struct rows {
	struct cm_buf b;	/* per field: its length (size_t), its bytes */
};

enum mode { MODE_SAMPLE, MODE_SUMMARY, MODE_VISITS, MODE_CHECK };

struct ctx {
	struct cm_common co;
	enum mode mode;
	long long rate;		/* --rate, hundredths; -1: not given */
	long long phone_max;	/* --phone-max, hundredths (default 50%) */
	const char *rates_path;	/* --rates, or NULL */
	const char *must_path;	/* --must, or NULL */
	const char *record_path;/* --check-visits RECORD */
	const char *seed_text;	/* --seed, or the month (see main.c) */
	uint64_t seed;
	const char *id_col;	/* --id, default "customer" */
	const char *must_id_col;/* --must-id, default --id */
	char **by;		/* --by columns, as given (mapped on lookup) */
	size_t nby;
	int year, month;	/* --month (visits, check) */
	char **inputs;		/* FILEs, or one NULL: standard input */
	int ninputs;

	struct stratum *strata;	/* in the order they are first seen */
	size_t nstrata, stratacap;
	struct cm_strset *stratum_ix;	/* key -> index */
	struct cm_strset *rates;	/* --rates: value of by[0] -> index */
	long long *rate_of;		/* ... its rate, hundredths */
	struct must *musts;	/* in must-file order, each id once */
	size_t nmusts, mustcap;
	struct cm_strset *must_ix;	/* id -> index */

	/* Added for the passes (customers.c, must.c). */
	int id_given;		/* --id given: no fallback to `id` */
	char **rate_keys;	/* --rates: the values, owned */
	size_t nrates;
	char **header;		/* the customer files' header as read */
	char **canon;		/* ... and its canonical names */
	size_t nheader;
	struct input *in;	/* c->inputs[i] is c->in[i] */
	int pass;		/* 1, 2, ... */
	const char *at_file;	/* the row being handed to a pass's fn */
	long at_line;
	int at_input;		/* ... and its index in c->inputs */
	/* A pass's own memory, held here so that an exit leaks nothing. */
	struct cm_csv *cur;	/* the file being read */
	int *bycol;		/* its --by columns */
	struct cm_buf key;	/* a row's stratum key */
	struct rows held;	/* the last pass's rows (rows_add) */
};

/*
 * The key column of a file: --id (or --must-id) when given; else
 * `customer`, or `id` (客户编号 and the other id headers of columns.map)
 * when the file has no `customer` column.  Exit 3 naming the column
 * when there is none.
 */
int id_column(struct ctx *c, struct cm_csv *r, const char *col);

/*
 * A rate "15", "33.33", "15%": hundredths in [min, 10000] (min 1: above
 * 0; min 0: --phone-max, where 0 is no phone calls), or -1.
 */
int rate_parse(const char *s, long long min, long long *out);

/*
 * must.c: on the first pass, a row of the customer files: when id is a
 * must id, it is found, in stratum s (a must id twice in the customer
 * files is exit 3).  1 when id is a must id, else 0.
 */
int must_note(struct ctx *c, size_t s, const char *id, size_t len);
/* The must id's index, or -1. */
long must_find(const struct ctx *c, const char *id, size_t len);

/*
 * pick.c: after the last offer: sort each stratum's picks and check
 * every pick of every stratum: an id picked twice (in one stratum or in
 * two) is exit 3 naming its later row.
 */
void pick_done(struct ctx *c);
/* The stratum's targets from the first pass's counts. */
void pick_targets(struct ctx *c);

/* main.c: free the run's state. */
void ctx_free(struct ctx *c);

/*
 * customers.c: before any input is read: standard input given to two
 * inputs of the mode (the customer files, --must, --rates, the record)
 * and a FILE named twice (the same device and inode) are usage errors.
 */
void inputs_check(struct ctx *c);

/*
 * customers.c: the customer files, read as often as a mode needs.  Each
 * pass calls fn for every row with its stratum (index into c->strata,
 * created on the first pass) and its id; fn returns nothing, and errors
 * exit with FILE:LINE.  An empty id, or a row missing the --id or a --by
 * column, is exit 3 on the first pass.  Standard input and every FILE
 * that is not a regular file are held in memory on the first pass and
 * replayed on the next ones; a regular file that is not the same on a
 * later pass (another file at the name, another size or time, another
 * number of rows) is exit 3, "FILE: the file changed while it was read".
 * A pass's results may be trusted only once it has returned.
 */
typedef void (*customer_fn)(struct ctx *c, struct cm_csv *r, size_t stratum,
    const char *id, size_t idlen, void *arg);
void customers_pass(struct ctx *c, customer_fn fn, void *arg);
/* After the last pass: free what the passes kept. */
void customers_done(struct ctx *c);

/*
 * customers.c: the customer files' header as the output's header row:
 * the names as read under English (byte for byte what cm-sample always
 * wrote), the names the user wrote, or columns.map's Chinese for an
 * ASCII one, under --lang zh (cm_out_name).  After the first pass.
 */
void header_write(const struct ctx *c, struct cm_out *o);

/*
 * A reason (complaint, repair, must, random) or a method (visit, phone)
 * cm-sample writes, in the output's language, for rows held before the
 * output is open: canonical under English; under --lang zh the Chinese
 * cm_out_word writes (words.map's first alias), and 随机 for random.
 * random is no words.map word, so that a must file's reason stays one
 * of complaint, repair and must (随机 there is an error, as random is).
 */
const char *out_word(const struct ctx *c, const char *field,
    const char *canonical);

/*
 * customers.c: a row kept for the output (the fields of r, then extra
 * fields by rows_str), written by rows_write once the pass is over and
 * its files checked: a file that changed while it was read prints
 * nothing.  rows_write frees what it wrote.
 */
void rows_add(struct rows *h, struct cm_csv *r, size_t nfields);
void rows_str(struct rows *h, const char *s);
void rows_write(struct rows *h, struct cm_out *o, size_t nfields);
void rows_free(struct rows *h);

/* must.c: --must (and its reason column); --rates. Exit 3 with FILE:LINE. */
void must_read(struct ctx *c);
void rates_read(struct ctx *c);
/*
 * After the first pass: every must id the customer files never named is
 * exit 3 (`must.csv:LINE: customer 'X' is not in the customer files`).
 */
void must_check_found(struct ctx *c);

/* pick.c: sizes and random picks of each stratum. */
/* ceil(rate × n / 10000) exactly, raised to must. */
size_t stratum_target(long long rate, size_t n, size_t must);
/* Offer a non-must customer to its stratum's heap of the lowest ranks. */
void pick_offer(struct ctx *c, size_t stratum, const char *id, size_t len);
/* A pass's customer_fn: every row that is not a must, offered. */
void pick_offer_row(struct ctx *c, struct cm_csv *r, size_t stratum,
    const char *id, size_t len, void *arg);
/* Whether id is one of its stratum's random picks (after every offer). */
int pick_has(struct ctx *c, size_t stratum, const char *id, size_t len);

/* The modes: each returns the exit status. */
int sample_run(struct ctx *c);		/* sample.c: rows, or --summary */
int visits_run(struct ctx *c);		/* visits.c: --visits */
int check_run(struct ctx *c);		/* check.c: --check-visits */

#endif
