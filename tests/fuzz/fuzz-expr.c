/*
 * fuzz-expr.c: libFuzzer harness for the rule language of cm-grade
 * (expr.h) and, through its patterns, the PCRE2 wrapper (regex.h).
 *
 * The input is one condition, parsed as if found at line 3, column 5 of
 * a rule file.  When it parses, its columns are bound to the cells of a
 * few fixed rows (numbers, empty cells, text, dates, Chinese, a run for
 * backtracking) and it is evaluated over each, with and without seen.
 * Contract checks abort, which libFuzzer reports as a crash:
 *   - a bad condition is CM_USAGE with a message, naming this file and
 *     line, at a column within the text (or just past its end);
 *   - a good one names distinct, non-empty columns;
 *   - evaluation is 1, 0 or -1, -1 being CM_DATA with a message and no
 *     position; the same with seen as without, and seen hears 0 or 1 for
 *     a test as written (non-empty).
 * Hangs are caught by libFuzzer's -timeout: the match limits must keep
 * every pattern well inside it, so the rows are short.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "expr.h"
#include "msg.h"

#define NAME	"fuzz.rules"
#define NCELLS	8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *rows[][NCELLS] = {
	{ "C001", "150000", "400000", "2025-03-16", "批发商", "", "A", "12" },
	{ "", "", "  ", "", "", "", "", "" },
	{ "-0.50", "0", "0.00", "2024/2/29", "wholesaler", "差", "B", "+7" },
	{ "abc", "1,000", "1e3", "2026-02-30", "良好", "x", "", "007" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "99999999999999999999.5", "-3",
	    "1900-01-01", "retail", "bad", "C", "9999-12-31" },
};

static void
seen_check(void *arg, const char *cond, const char *value, int result)
{
	(void)arg;
	if (cond == NULL || cond[0] == '\0' || value == NULL ||
	    (result != 0 && result != 1))
		abort();
}

static void
eval_check(const struct cm_expr *e, const char *const *f, const size_t *n,
    cm_day today)
{
	struct cm_error err, err2;
	int rc, rc2;

	memset(&err, 0, sizeof(err));
	rc = cm_expr_eval(e, f, n, today, NULL, NULL, &err);
	if (rc < -1 || rc > 1)
		abort();
	if (rc == -1 && (err.status != CM_DATA || err.msg[0] == '\0' ||
	    err.line != 0))
		abort();
	memset(&err2, 0, sizeof(err2));
	rc2 = cm_expr_eval(e, f, n, today, seen_check, NULL, &err2);
	if (rc2 != rc || (rc == -1 && strcmp(err.msg, err2.msg) != 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct cm_expr *e;
	struct cm_error err;
	const char *f[NCELLS];
	size_t n[NCELLS], i, j, k;
	cm_day today = cm_date_from_ymd(2026, 3, 15);

	memset(&err, 0, sizeof(err));
	if ((e = cm_expr_parse(s, size, NAME, 3, 5, &err)) == NULL) {
		if (err.status != CM_USAGE || err.msg[0] == '\0' ||
		    err.file == NULL || strcmp(err.file, NAME) != 0 ||
		    err.line != 3 || err.col < 5 ||
		    err.col > 5 + (long)size)
			abort();
		return 0;
	}
	for (i = 0; i < cm_expr_ncols(e); i++) {
		const char *c = cm_expr_colname(e, i);

		if (c == NULL || c[0] == '\0')
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(c, cm_expr_colname(e, j)) == 0)
				abort();
		/* a column's cell: by its name, so the same name, the same */
		for (k = strlen(c), j = 0; *c != '\0'; c++)
			j = j * 31 + (unsigned char)*c;
		cm_expr_bind(e, i, (j + k) % NCELLS);
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		for (j = 0; j < NCELLS; j++) {
			f[j] = rows[i][j];
			n[j] = strlen(rows[i][j]);
		}
		eval_check(e, f, n, today);
	}
	/* the input as a cell too: it need not be UTF-8 */
	for (j = 0; j < NCELLS; j++) {
		f[j] = s;
		n[j] = size < 64 ? size : 64;
	}
	eval_check(e, f, n, today);
	cm_expr_free(e);
	return 0;
}
