/*
 * fuzz-receive.c: libFuzzer harness for cm-receive's rows of movements: a
 * CSV batch through the command's own row parser (src/cm-receive/move.c)
 * and balance model (book.c, units.c), compiled straight in.  The driver
 * stands in for main.c: struct ctx with the shipped columns.map and
 * units.conf, read once (share/cm, or $CM_SHARE).
 *
 * Input layout, so that seed files stay readable text:
 *   byte 0: bit 0 ('1', '3') a --customers list (ACME, 华为, 格力电器),
 *           bit 1 ('2', '3') a --part-pattern of letters, digits and
 *           '-' (CJK too); '0' neither.
 *   rest:   the batch, encoding auto, as `cm-receive FILE` reads it.
 *
 * Where the command stops (a CSV error, a column that is not a journal
 * column, a bad row: exit 3), the harness reads on, so that later rows
 * still meet the book: a rejected row must leave the book as it was
 * (book.h), which makes that sound.  Contracts checked (a broken one
 * aborts, which libFuzzer reports):
 *   - no crash, leak or UB; a row refused says why;
 *   - quantities parsed are integers in [0, QTY_MAX], and
 *     cm_milli_parse(cm_milli_format(q, dec)) is q for every dec, and
 *     the field parses to the same value whatever maxdec lets it through;
 *   - a row the book accepts moves its quantity exactly as the model of
 *     receive-spec.md says (recomputed here on its own), leaves every
 *     balance in [0, QTY_MAX] and received equal to the sum of what it
 *     split into (pending + stock + hold + issued + on_loan + returned +
 *     scrapped + lost); a row the model finds would go negative is
 *     refused; a refused row leaves the book as it was;
 *   - the accepted rows written as the journal writes them (canonical
 *     words, ISO dates, quantities with the unit's decimals) read back,
 *     every one accepted again, into the same book: what an append
 *     validated is what --check and a rebuilt snapshot fold.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "csvin.h"
#include "csvout.h"
#include "enc.h"
#include "msg.h"
#include "num.h"
#include "receive.h"
#include "regex.h"
#include "share.h"
#include "strset.h"

#define NAME	"fuzz.csv"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ctx C;		/* main.c's, set up once */
static struct cm_colmap *map;
static struct cm_regex *part_re;
static struct cm_strset *customers;
static char *customer_names[] = {"ACME", "华为", "格力电器"};
static const char part_pattern[] = "[\\p{L}\\p{N}][\\p{L}\\p{N}-]*";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct cm_error err;
	char *path;
	size_t i;

	(void)argc;
	(void)argv;
#ifdef FUZZ_SHARE
	if (getenv("CM_SHARE") == NULL)
		setenv("CM_SHARE", FUZZ_SHARE, 1);
#endif
	units_load();
	map = cm_colmap_new();
	path = cm_share_path("columns.map");
	if (cm_colmap_load(map, path, &err) < 0)
		abort();
	free(path);
	if ((part_re = cm_regex_compile(part_pattern, strlen(part_pattern),
	    CM_RE_WHOLE, NULL, 0, &err)) == NULL)
		abort();
	customers = cm_strset_new();
	for (i = 0; i < sizeof(customer_names) / sizeof(*customer_names); i++)
		cm_strset_add(customers, customer_names[i], i, NULL);
	memset(&C, 0, sizeof(C));
	C.co.in.delim = ',';
	C.co.in.encoding = "auto";
	C.co.in.map = map;
	C.co.map = map;
	C.from = C.to = C.as_of = -1;
	C.max_days = -1;
	return 0;
}

static struct cm_csv *
open_mem(const void *data, size_t len, const char *enc, struct cm_error *err)
{
	struct cm_in *in = cm_in_open_mem(NAME, data, len, enc, err);

	if (in == NULL)
		abort();	/* "auto" and "utf-8" are always known */
	return cm_csv_open_in(in, &C.co.in, err);
}

/* A quantity's field and its value: the number contracts of num.h. */
static void
check_qty(const char *s, long long q)
{
	char buf[32];
	long long v;
	int dec;

	if (q < 0 || q > QTY_MAX)
		abort();
	if (cm_milli_parse(s, 3, -QTY_MAX, QTY_MAX, &v) != 0 || v != q)
		abort();
	for (dec = 0; dec <= 3; dec++) {
		/* Fewer decimals allowed: the same value, or -2. */
		switch (cm_milli_parse(s, dec, -QTY_MAX, QTY_MAX, &v)) {
		case 0:
			if (v != q)
				abort();
			break;
		case -2:
			if (q % 1000 == 0)
				abort();	/* a whole number has none */
			break;
		default:
			abort();
		}
		cm_milli_format(buf, q, dec);
		if (strlen(buf) >= sizeof(buf) ||
		    cm_milli_parse(buf, 3, 0, QTY_MAX, &v) != 0 || v != q)
			abort();
	}
}

/* Any text through the number parser: in range, and round-trips. */
static void
check_number(const char *s)
{
	char buf[32];
	long long v, w;
	int dec;

	for (dec = 0; dec <= 3; dec++) {
		if (cm_milli_parse(s, dec, -QTY_MAX, QTY_MAX, &v) != 0)
			continue;
		if (v < -QTY_MAX || v > QTY_MAX)
			abort();
		if (cm_milli_parse(s, 3, -QTY_MAX, QTY_MAX, &w) != 0 || w != v)
			abort();
		cm_milli_format(buf, v, dec);
		if (cm_milli_parse(buf, 3, -QTY_MAX, QTY_MAX, &w) != 0 ||
		    w != v)
			abort();
	}
}

/*
 * The balance model of receive-spec.md, on its own: b after m for an
 * item of kind; -1 when a balance would go below 0.
 */
static int
model(enum action a, int kind, long long q, long long *b)
{
	long long from_hold;

	switch (a) {
	case A_RECEIVE:
		b[B_RECEIVED] += q;
		b[kind == K_ENTRUSTED ? B_STOCK : B_PENDING] += q;
		return 0;
	case A_RETURN:
		if (b[B_HOLD] + b[B_STOCK] < q)
			return -1;
		from_hold = q < b[B_HOLD] ? q : b[B_HOLD];
		b[B_HOLD] -= from_hold;
		b[B_STOCK] -= q - from_hold;
		b[B_RETURNED] += q;
		return 0;
	default:
		break;
	}
	{
		static const struct {
			enum action a;
			enum bal from, to;
		} shift[] = {
			{A_ACCEPT, B_PENDING, B_STOCK},
			{A_REJECT, B_PENDING, B_HOLD},
			{A_ISSUE, B_STOCK, B_ISSUED},
			{A_SCRAP, B_HOLD, B_SCRAPPED},
			{A_LOSE, B_STOCK, B_LOST},
			{A_DAMAGE, B_STOCK, B_LOST},
			{A_LEND, B_STOCK, B_ON_LOAN},
			{A_GIVEBACK, B_ON_LOAN, B_STOCK},
		};
		size_t i;

		for (i = 0; i < sizeof(shift) / sizeof(*shift); i++)
			if (shift[i].a == a) {
				if (b[shift[i].from] < q)
					return -1;
				b[shift[i].from] -= q;
				b[shift[i].to] += q;
				return 0;
			}
	}
	abort();		/* every action is one of the above */
}

static void
check_item(const struct item *it)
{
	long long sum = 0;
	int k;

	for (k = 0; k < B_N; k++)
		if (it->b[k] < 0 || it->b[k] > QTY_MAX)
			abort();
	for (k = B_PENDING; k < B_N; k++)
		sum += it->b[k];
	if (sum != it->b[B_RECEIVED])
		abort();
}


/* One row through move_parse and book_apply, with the contracts. */
static int
row(struct src *s, struct book *b, int input, struct move *m,
    struct item **it)
{
	struct cm_buf why = {0};
	struct item *was;
	long long before[B_N], want[B_N];
	size_t n = b->n;
	int k, rc, neg = 0;

	for (k = 0; k < C_N; k++)
		check_number(s->p[k]);
	if (move_parse(&C, s, m, input, &why) < 0) {
		if (why.len == 0)
			abort();
		cm_buf_free(&why);
		return -1;
	}
	if ((int)m->action < 0 || m->action >= A_N || m->kind < K_NONE ||
	    m->kind >= K_N)
		abort();
	check_qty(m->f[C_QTY], m->qty);
	if (m->declared != -1)
		check_qty(m->f[C_DECLARED], m->declared);
	was = book_find(b, m->f[C_CUSTOMER], m->f[C_PART_NO]);
	memset(before, 0, sizeof(before));
	if (was != NULL)
		memcpy(before, was->b, sizeof(before));
	memcpy(want, before, sizeof(want));
	/* The kind that counts: the part's, or this first receive's. */
	if (was != NULL || m->kind != K_NONE)
		neg = model(m->action, was != NULL ? was->kind : m->kind,
		    m->qty, want) < 0;
	rc = book_apply(b, m, it, &why);
	if (rc < 0) {
		if (why.len == 0 || b->n != n)
			abort();
		was = book_find(b, m->f[C_CUSTOMER], m->f[C_PART_NO]);
		if (was != NULL && memcmp(was->b, before, sizeof(before)) != 0)
			abort();	/* the book as it was */
		cm_buf_free(&why);
		return -1;
	}
	if (neg || *it != book_find(b, m->f[C_CUSTOMER], m->f[C_PART_NO]) ||
	    b->n != n + (was == NULL) ||
	    memcmp((*it)->b, want, sizeof(want)) != 0)
		abort();
	check_item(*it);
	cm_buf_free(&why);
	return 0;
}

/* Whether every column of r is a journal column (else exit 3). */
static int
journal_columns(const struct cm_csv *r)
{
	size_t i;
	int k;

	for (i = 0; i < cm_csv_ncols(r); i++) {
		for (k = 0; k < C_N; k++)
			if (strcmp(cm_csv_colname(r, i), journal_cols[k]) == 0)
				break;
		if (k == C_N)
			return 0;
	}
	return 1;
}

/* Two books the same: parts in the same order, the same state. */
static void
same_book(const struct book *a, const struct book *b)
{
	size_t i;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];

		if (strcmp(x->key, y->key) != 0 ||
		    strcmp(x->name, y->name) != 0 || x->unit != y->unit ||
		    x->kind != y->kind || x->last != y->last ||
		    memcmp(x->b, y->b, sizeof(x->b)) != 0)
			abort();
	}
}

/* The journal written from the batch folds into the same book. */
static void
refold(const struct cm_buf *journal, const struct book *want)
{
	struct cm_error err;
	struct src s;
	struct move m;
	struct item *it;
	struct book b;

	memset(&s, 0, sizeof(s));
	if ((s.r = open_mem(journal->s, journal->len, "utf-8", &err)) == NULL)
		abort();
	s.name = cm_csv_name(s.r);
	if (!journal_columns(s.r) || cm_csv_ncols(s.r) != C_N)
		abort();
	src_columns(&s, 0);
	book_init(&b);
	/* src_next exits on a CSV error: our own rows must not have one. */
	while (src_next(&s))
		if (row(&s, &b, 0, &m, &it) < 0)
			abort();	/* a row appended folds again */
	same_book(&b, want);
	book_free(&b);
	src_close(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cm_error err;
	struct cm_csv *r;
	struct cm_buf journal = {0};
	struct src s;
	struct move m;
	struct item *it;
	struct book b;
	size_t good = 0, i;
	int rc, input;

	if (size < 1)
		return 0;
	C.customers = data[0] & 1 ? customers : NULL;
	C.customer_names = data[0] & 1 ? customer_names : NULL;
	C.ncustomers = data[0] & 1 ? 3 : 0;
	C.part_re = data[0] & 2 ? part_re : NULL;
	C.part_pattern = data[0] & 2 ? part_pattern : NULL;
	memset(&err, 0, sizeof(err));
	/*
	 * src_next exits on a CSV error, as the command must: count the
	 * records before the first one, and hand src_next only those.
	 */
	if ((r = open_mem(data + 1, size - 1, "auto", &err)) == NULL) {
		if (err.status != CM_DATA || err.msg[0] == '\0')
			abort();
		return 0;
	}
	while ((rc = cm_csv_next(r, &err)) == 1)
		good++;
	if (rc < 0 && (err.status != CM_DATA || err.msg[0] == '\0'))
		abort();
	cm_csv_close(r);

	memset(&s, 0, sizeof(s));
	if ((s.r = open_mem(data + 1, size - 1, "auto", &err)) == NULL)
		abort();
	s.name = cm_csv_name(s.r);
	/* src_columns exits on a column that is not a journal column. */
	input = journal_columns(s.r);
	src_columns(&s, input);
	book_init(&b);
	cm_csv_record(&journal, journal_cols, C_N, ',', 0);
	for (i = 0; i < good; i++) {
		if (src_next(&s) != 1)
			abort();
		if (row(&s, &b, 1, &m, &it) == 0)
			write_move(&journal, &m, it);
	}
	src_close(&s);
	refold(&journal, &b);
	book_free(&b);
	cm_buf_free(&journal);
	return 0;
}
