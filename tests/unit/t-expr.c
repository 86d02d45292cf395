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

#include "buf.h"
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

static void
test_operators(void)
{
	set_row("C001", "2020-05-01", "B", "150000", "400000", "12",
	    "wholesaler", "1", "良好");
	is_true("employees == 12", 1);
	is_true("employees != 12", 0);
	is_true("employees < 12", 0);
	is_true("employees <= 12", 1);
	is_true("employees > 11.99", 1);
	is_true("employees >= 12.01", 0);
	is_true("designated == \"B\"", 1);
	is_true("designated != \"B\"", 0);
	is_true("designated < \"C\"", 1);
	is_true("designated <= \"B\"", 1);
	is_true("designated > \"A\"", 1);
	is_true("designated >= \"BB\"", 0);
	is_true("type ~ /^whole/", 1);
	is_true("type ~ /^WHOLE/", 0);
	is_true("type ~ /^WHOLE/i", 1);
	is_true("type !~ /^WHOLE/i", 0);
	is_true("type !~ /retail/", 1);
	is_true("reputation ~ /良|好/", 1);
	is_true("true and true", 1);
	is_true("true and not true", 0);
	is_true("not true or true", 1);
	is_true("not (true or true)", 0);
	is_true("empty(designated)", 0);
	is_true("not empty(designated)", 1);
	is_true("`a b` == \"ab\"", 1);
	is_true("`and` == \"x\"", 1);
	is_true("receivables > annual_trade", 0);
	is_true("annual_trade > receivables", 1);
	is_true("5 == 5.0", 1);
	is_true("\"a\" < \"b\"", 1);
	is_true("-1 < 0", 1);
	is_true("1 > employees", 0);
}

static void
test_precedence(void)
{
	set_row("C001", "2020-05-01", "B", "150000", "400000", "12",
	    "wholesaler", "1", "良好");
	/* and binds tighter than or: true or (false and false) */
	is_true("true or employees == 0 and employees == 0", 1);
	is_true("(true or employees == 0) and employees == 0", 0);
	/* not binds tighter than and and or */
	is_true("not employees == 0 and employees == 0", 0);
	is_true("not employees == 12 or true", 1);
	is_true("not (employees == 12 or true)", 0);
	is_true("not not true", 1);
	is_true("employees == 0 or employees == 1 or employees == 12", 1);
	is_true("true and true and employees == 0", 0);
	/* a comparison's operands are values, so not applies to it whole */
	is_true("not employees > 20", 1);
	is_true("((((employees == 12))))", 1);
}

static void
test_numbers(void)
{
	set_row("C001", "", "", " 0.30 ", "0.1", "+12", "-0", "007", "");
	is_true("receivables == 0.3", 1);	/* no binary 0.1 + 0.2 */
	is_true("receivables > 0.29999999999999999999", 1);
	is_true("receivables < 0.30000000000000000001", 1);
	is_true("annual_trade < 0.10000000000000001", 1);
	is_true("employees == 12", 1);
	is_true("type == 0", 1);		/* -0 is 0 */
	is_true("type >= 0", 1);
	is_true("defaults == 7", 1);
	is_true("defaults == \"007\"", 1);	/* a string: the text */
	is_true("defaults == \"7\"", 0);
	is_true("neg < -2.4", 1);
	is_true("neg > -2.6", 1);
	is_true("neg == -2.5", 1);
	is_true("neg < 0.5", 1);
	is_true("-0.5 > neg", 1);
	is_true("big > 123456789012345678901234567890", 1);
	is_true("big < 123456789012345678901234567890.51", 1);
	is_true("big == 123456789012345678901234567890.50", 1);
	is_true("big > 99999999999999999999999999999", 1);
	is_true("zero == -0.0", 1);
	set_row("C001", "", "", "1,000", "1e3", "12 34", "0x10", "¥5", "");
	eval_error("receivables > 0",
	    "'1,000' in column 'receivables' is not a number");
	eval_error("annual_trade > 0",
	    "'1e3' in column 'annual_trade' is not a number");
	eval_error("employees > 0",
	    "'12 34' in column 'employees' is not a number");
	eval_error("0 < type", "'0x10' in column 'type' is not a number");
	eval_error("defaults != 1", "'¥5' in column 'defaults' is not a number");
	eval_error("zero == receivables",
	    "'1,000' in column 'receivables' is not a number");
	/* a long cell is cut in the message */
	row[4] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
	eval_error("receivables > 0", "'abcdefghijklmnopqrstuvwxyzabcdefghijklmn"
	    "opqrstuvwxyzabcdefghijkl...' in column 'receivables' is not a "
	    "number");
}

static void
test_empty_cells(void)
{
	set_row("C001", "", "", "", "  ", "", "", "", "");
	/* an empty cell makes every numeric comparison false, even != */
	is_true("receivables > 0", 0);
	is_true("receivables <= 0", 0);
	is_true("receivables == 0", 0);
	is_true("receivables != 0", 0);
	is_true("not receivables > 0", 1);
	is_true("annual_trade < 1", 0);		/* spaces only */
	is_true("receivables == annual_trade", 0);
	is_true("zero == receivables", 0);
	/* but text compares: "" is a text */
	is_true("designated == \"\"", 1);
	is_true("designated != \"A\"", 1);
	is_true("designated < \"A\"", 1);
	is_true("empty(designated)", 1);
	is_true("empty(annual_trade)", 1);
	is_true("empty(zero)", 0);
	is_true("designated ~ /^$/", 1);
	is_true("designated !~ /./", 1);
	is_true("age(first_trade) < 1y", 0);
	is_true("age(first_trade) >= 1y", 0);
}

/* age(first_trade) OP dur with today and first_trade as given. */
static void
age_is(const char *t, const char *first, const char *cond, int want)
{
	char name[300];

	cm_date_parse(t, strlen(t), &today);
	set_row("C001", first, "", "", "", "", "", "", "");
	snprintf(name, sizeof(name), "on %s, first_trade %s: %s is %s", t,
	    first, cond, want ? "true" : "false");
	is_int(eval(cond), want, name);
}

static void
test_age(void)
{
	/* a year: today less a year; exactly a year is not under one */
	age_is("2026-03-15", "2025-03-16", "age(first_trade) < 1y", 1);
	age_is("2026-03-15", "2025-03-15", "age(first_trade) < 1y", 0);
	age_is("2026-03-15", "2025-03-15", "age(first_trade) >= 1y", 1);
	age_is("2026-03-15", "2025-03-15", "age(first_trade) == 1y", 1);
	age_is("2026-03-15", "2025-03-15", "age(first_trade) <= 1y", 1);
	age_is("2026-03-15", "2025-03-14", "age(first_trade) > 1y", 1);
	age_is("2026-03-15", "2025-03-14", "age(first_trade) != 1y", 1);
	age_is("2026-03-15", "2025-03-15", "age(first_trade) == 12m", 1);
	age_is("2026-03-15", "2025-03-15", "1y <= age(first_trade)", 1);
	age_is("2026-03-15", "2025-03-15", "1y > age(first_trade)", 0);
	/* days: 365d is not a year across a leap day */
	age_is("2025-03-01", "2024-03-01", "age(first_trade) == 1y", 1);
	age_is("2025-03-01", "2024-03-01", "age(first_trade) == 365d", 1);
	age_is("2024-03-01", "2023-03-01", "age(first_trade) == 366d", 1);
	age_is("2024-03-01", "2023-03-01", "age(first_trade) > 365d", 1);
	age_is("2024-03-01", "2023-03-01", "age(first_trade) == 1y", 1);
	age_is("2026-03-15", "2026-03-15", "age(first_trade) == 0d", 1);
	age_is("2026-03-15", "2026-03-16", "age(first_trade) < 0d", 1);
	/* month ends: a day past the end of the month is its last day */
	age_is("2024-03-31", "2024-02-29", "age(first_trade) == 1m", 1);
	age_is("2024-03-31", "2024-03-01", "age(first_trade) < 1m", 1);
	age_is("2023-03-31", "2023-02-28", "age(first_trade) == 1m", 1);
	age_is("2026-05-31", "2026-04-30", "age(first_trade) == 1m", 1);
	age_is("2026-05-31", "2026-04-30", "age(first_trade) < 1m", 0);
	age_is("2026-01-31", "2025-11-30", "age(first_trade) == 2m", 1);
	age_is("2026-12-31", "2025-12-31", "age(first_trade) == 12m", 1);
	/* leap days: 2024-02-29 less a year is 2023-02-28 */
	age_is("2024-02-29", "2023-02-28", "age(first_trade) == 1y", 1);
	age_is("2024-02-29", "2023-03-01", "age(first_trade) < 1y", 1);
	age_is("2025-02-28", "2024-02-29", "age(first_trade) < 1y", 1);
	age_is("2025-02-28", "2024-02-28", "age(first_trade) == 1y", 1);
	age_is("2028-02-29", "2024-02-29", "age(first_trade) == 4y", 1);
	age_is("2029-02-28", "2024-02-29", "age(first_trade) < 5y", 1);
	/* date forms date.h reads */
	age_is("2026-03-15", "2025/3/16", "age(first_trade) < 1y", 1);
	age_is("2026-03-15", "2025年3月15日", "age(first_trade) < 1y", 0);
	/* a duration reaching before 1900: every date is after it */
	age_is("2026-03-15", "1900-01-01", "age(first_trade) < 999999y", 1);
	age_is("2026-03-15", "1900-01-01", "age(first_trade) < 999999d", 1);
	age_is("2026-03-15", "1900-01-01", "age(first_trade) > 126y", 1);
	cm_date_parse("2026-03-15", 10, &today);
	set_row("C001", "2026-02-30", "", "", "", "", "", "", "");
	eval_error("age(first_trade) < 1y",
	    "'2026-02-30' in column 'first_trade' is not a date");
	row[2] = "soon";
	eval_error("1y > age(first_trade)",
	    "'soon' in column 'first_trade' is not a date");
}

static void
test_share(void)
{
	set_row("C001", "", "", "150000", "400000", "0", "-400000", "", "0.00");
	is_true("share(receivables, annual_trade) == 37.5", 1);
	is_true("share(receivables, annual_trade) >= 37.5", 1);
	is_true("share(receivables, annual_trade) > 37.49999", 1);
	is_true("share(receivables, annual_trade) < 37.50001", 1);
	is_true("share(receivables, annual_trade) != 37.5", 0);
	is_true("30 <= share(receivables, annual_trade)", 1);
	is_true("share(receivables, 400000) == 37.5", 1);
	is_true("share(1, 3) > 33.333333333333333333", 1);
	is_true("share(1, 3) < 33.333333333333333334", 1);
	is_true("share(2, 3) > 66.666666666666666666", 1);
	/* a negative divisor turns the comparison */
	is_true("share(receivables, type) == -37.5", 1);
	is_true("share(receivables, type) < -37", 1);
	is_true("share(receivables, type) > -38", 1);
	/* compared with a column */
	is_true("share(receivables, annual_trade) < receivables", 1);
	/* zero, empty: false, whatever the operator */
	is_true("share(receivables, employees) > 0", 0);
	is_true("share(receivables, employees) <= 0", 0);
	is_true("share(receivables, employees) != 1", 0);
	is_true("share(receivables, reputation) >= 0", 0);	/* 0.00 */
	is_true("share(receivables, defaults) >= 0", 0);	/* empty */
	is_true("share(defaults, receivables) >= 0", 0);	/* empty a */
	is_true("share(receivables, annual_trade) >= defaults", 0);
	is_true("share(employees, annual_trade) == 0", 1);	/* 0 / x */
	is_true("share(0, 5) == 0", 1);
	row[6] = "x";
	eval_error("share(receivables, employees) > 1",
	    "'x' in column 'employees' is not a number");
	row[6] = "1";
	row[4] = "1234567890123456789012345678901234567890123456789012345678901234567890"
	    "1234567890123456789012345678901234567890123456789012345678901234567890"
	    "12345678901234567890123456789012345678901234567890123456789012345678901";
	eval_error("share(receivables, employees) > 1",
	    "'1234567890123456789012345678901234567890123456789012345678901234..."
	    "' in column 'receivables' is too long a number for share()");
}

/* What seen was called with, one line a call. */
static struct cm_buf seen_log;

static void
log_seen(void *arg, const char *cond, const char *value, int result)
{
	(void)arg;
	cm_buf_printf(&seen_log, "%s|%s|%d\n", cond, value, result);
}

static void
seen_is(const char *text, int want, const char *log)
{
	char name[300];

	cm_buf_reset(&seen_log);
	snprintf(name, sizeof(name), "seen: %s", text);
	is_int(eval_seen(text, log_seen, NULL), want, name);
	is_str(cm_buf_str(&seen_log), log, "  what it saw");
}

static void
test_seen(void)
{
	cm_date_parse("2026-03-15", 10, &today);
	set_row("C001", "2025-03-16", "", "150000", "400000", "12",
	    "批发商", "", "差");
	seen_is("age(first_trade) < 1y", 1,
	    "age(first_trade) < 1y|2025-03-16|1\n");
	seen_is("designated == \"A\"  # comment", 0,
	    "designated == \"A\"||0\n");
	/* short circuit: the or stops at its first true */
	seen_is("type ~ /批发/ or employees < 20", 1, "type ~ /批发/|批发商|1\n");
	seen_is("(empty(designated) and   receivables >= 500000) or true", 1,
	    "empty(designated)||1\nreceivables >= 500000|150000|0\ntrue||1\n");
	seen_is("not share(receivables, annual_trade) > 30", 0,
	    "share(receivables, annual_trade) > 30|150000 / 400000|1\n");
	seen_is("receivables < annual_trade", 1,
	    "receivables < annual_trade|150000, 400000|1\n");
	seen_is("defaults >= 1", 0, "defaults >= 1||0\n");
	seen_is("reputation !~ /差|bad/i", 0, "reputation !~ /差|bad/i|差|0\n");
	/* an error calls nothing for the failing test */
	row[6] = "many";
	seen_is("true and employees < 20", -1, "true||1\n");
}

static void
test_columns(void)
{
	struct cm_expr *e;
	static const char *fs[] = { "5", "x" };
	static const size_t ns[] = { 1, 1 };

	e = parse("b == 1 or a == 2 or `b` == 3 or empty(c) or age(a) < 1y "
	    "or share(d, b) > 1 or 客户类型 ~ /x/");
	if (!ok(e != NULL, "columns: parses"))
		return;
	is_int(cm_expr_ncols(e), 5, "five distinct columns");
	is_str(cm_expr_colname(e, 0), "b", "  first b");
	is_str(cm_expr_colname(e, 1), "a", "  then a");
	is_str(cm_expr_colname(e, 2), "c", "  then c");
	is_str(cm_expr_colname(e, 3), "d", "  then d");
	is_str(cm_expr_colname(e, 4), "客户类型", "  then 客户类型");
	cm_expr_free(e);
	/* an unbound column is the caller's bug, said as such */
	e = parse("a == 5 or b == 1");
	cm_expr_bind(e, 0, 0);
	memset(&err, 0, sizeof(err));
	is_int(cm_expr_eval(e, fs, ns, today, NULL, NULL, &err), 1,
	    "bound column evaluated, unbound one never reached");
	cm_expr_free(e);
	e = parse("a == 6 or b == 1");
	cm_expr_bind(e, 0, 0);
	is_int(cm_expr_eval(e, fs, ns, today, NULL, NULL, &err), -1,
	    "unbound column: -1");
	is_int(err.status, CM_SYSTEM, "  CM_SYSTEM");
	is_str(err.msg, "column 'b' is not bound", "  message");
	cm_expr_free(e);
	cm_expr_free(NULL);
	ok(1, "cm_expr_free(NULL)");
}

static void
test_syntax(void)
{
	/* col0 is 3: text[0] is column 3 of line 7 */
	syntax("", 3, "expected a condition");
	syntax("   ", 6, "expected a condition");
	syntax("# all comment", 3, "expected a condition");
	syntax("designated", 13, "expected a comparison after 'designated'");
	syntax("a and b == 1", 5,
	    "expected a comparison after 'a', found 'and'");
	syntax("x AND y", 5, "expected a comparison after 'x', found 'AND' "
	    "(and, or, not and true are lower case)");
	syntax("x == 1 AND y == 2", 10, "expected 'and', 'or' or the end, "
	    "found 'AND' (and, or, not and true are lower case)");
	syntax("receivables < ", 17, "expected a value after '<'");
	syntax("receivables <= and", 18, "expected a value after '<='");
	syntax("x == true", 8, "expected a value after '=='");
	syntax("a == 1 b", 10, "expected 'and', 'or' or the end, found 'b'");
	syntax("a == 1 < 2", 10, "expected 'and', 'or' or the end, found '<'");
	syntax("empty(x) == 1", 12,
	    "expected 'and', 'or' or the end, found '=='");
	syntax("(a == 1", 10, "expected ')' to close the '(' at column 3");
	syntax("((a == 1) b", 13, "expected ')' to close the '(' at column 3");
	syntax("a == 1)", 9, "expected 'and', 'or' or the end, found ')'");
	syntax("()", 4, "expected a condition, found ')'");
	syntax("not", 6, "expected a condition after 'not'");
	syntax("not )", 7, "expected a condition after 'not', found ')'");
	syntax("a == 1 and", 13, "expected a condition after 'and'");
	syntax("a == 1 or", 12, "expected a condition after 'or'");
	syntax("and", 3, "expected a condition, found 'and'");
	syntax("== 1", 3, "expected a condition, found '=='");
	syntax(" ~ /a/", 4, "expected a condition, found '~'");
	syntax("/a/", 3, "a pattern goes after ~ or !~");
	syntax("x = 1", 5, "'=' is not an operator: write ==");
	syntax("x ! 1", 5, "'!' is not an operator: write != or not");
	syntax("x == \"abc", 8, "unterminated string");
	syntax("x == \"a\\\"", 8, "unterminated string");
	syntax("`abc == 1", 3, "unterminated column name");
	syntax("`` == 1", 3, "empty column name");
	syntax("`a\tb` == 1", 5, "control character 0x09 in a column name");
	syntax("x == \"A\\#1\"", 10,
	    "unknown escape '\\#' in string (only \\\" and \\\\)");
	syntax("x == \"a\\n\"", 10,
	    "unknown escape '\\n' in string (only \\\" and \\\\)");
	syntax("x == \"a\\好\"", 10,
	    "unknown escape '\\好' in string (only \\\" and \\\\)");
	syntax("x ~ /a/g", 10, "unknown pattern flag 'g' (only i)");
	syntax("x ~ /a/ig", 11, "unknown pattern flag 'g' (only i)");
	syntax("x ~ \"a\"", 7, "expected a pattern after '~'");
	syntax("x !~", 7, "expected a pattern after '!~'");
	syntax("x ~ /a", 7, "unterminated pattern");
	syntax("x ~ /a\\/", 7, "unterminated pattern");
	syntax("1 ~ /a/", 5, "'~' needs a column on its left");
	syntax("age(x) ~ /a/", 10, "'~' needs a column on its left");
	syntax("x / 1", 5, "expected a comparison after 'x', found '/'");
	syntax("x == 1.2.3", 8, "bad number '1.2.3'");
	syntax("x == 12ab", 8, "bad number '12ab'");
	syntax("x ==12and y == 1", 7, "bad number '12and'");
	syntax("x == 1.", 8, "bad number '1.'");
	syntax("x == -5d", 8, "bad number '-5d'");
	syntax("x == 1.5d", 8, "bad number '1.5d'");
	syntax("age(x) < 5w", 12, "bad duration '5w' (Nd, Nm or Ny)");
	syntax("age(x) < 9999999d", 12, "duration '9999999d' too long");
	syntax("age(x) < 1000000y", 12, "duration '1000000y' too long");
	syntax("-x == 1", 3, "unexpected character '-'");
	syntax("x == $1", 8, "unexpected character '$'");
	syntax("x == 1 \001", 10, "unexpected character 0x01");
	syntax("（x == 1）", 3, "unexpected character '（'");
	syntax("客户 == “A”", 9, "unexpected character '“'");
	syntax("x == \xff", 8, "invalid UTF-8");
	syntax("1 == \"a\"", 5, "cannot compare a number with a string");
	syntax("x == \"a\" or \"a\" != 1", 19,
	    "cannot compare a number with a string");
	syntax("age(x) < 5", 10,
	    "age() compares with a duration such as 365d, 12m or 1y");
	syntax("age(x) < age(y)", 10,
	    "age() compares with a duration such as 365d, 12m or 1y");
	syntax("\"1y\" < age(x)", 8,
	    "age() compares with a duration such as 365d, 12m or 1y");
	syntax("x < 1y", 5, "a duration such as '1y' compares only with age()");
	syntax("12m == 1y", 7,
	    "a duration such as '12m' compares only with age()");
	syntax("share(a, b) < \"x\"", 15,
	    "share() compares with a number or a column");
	syntax("share(a, b) < share(c, d)", 15,
	    "share() compares with a number or a column");
	syntax("share(a, b) < 1d", 15,
	    "a duration such as '1d' compares only with age()");
	syntax("empty(1)", 9, "empty() takes one column");
	syntax("empty(x", 10, "empty() takes one column");
	syntax("empty(x, y)", 10, "empty() takes one column");
	syntax("empty(age(x))", 9, "empty() takes one column");
	syntax("age()", 7, "age() takes one column");
	syntax("share(a)", 10, "share() takes two numbers or columns: "
	    "share(a, b)");
	syntax("share(a, \"x\")", 12, "share() takes two numbers or columns: "
	    "share(a, b)");
	syntax("share(a, b, c)", 13, "share() takes two numbers or columns: "
	    "share(a, b)");
	/* columns count characters, not bytes */
	syntax("客户类型 ==", 10, "expected a value after '=='");
	/* patterns: PCRE2's message and offset, at the opening '/' */
	syntax("type ~ /(abc/", 10,
	    "bad pattern: missing closing parenthesis at offset 4");
	syntax("类型 ~ /[a/i # c", 8, "bad pattern: missing terminating ] "
	    "for character class at offset 2");
	syntax("x ~ /a\\/b(/", 7,
	    "bad pattern: missing closing parenthesis at offset 4");
	syntax("x ~ /a/ and y ~ /*/", 19,
	    "bad pattern: quantifier does not follow a repeatable item at "
	    "offset 0");
	syntax("x ~ /\\C/", 7, "bad pattern: using \\C is disabled by the "
	    "application at offset 2");
}

static void
test_comments_and_slashes(void)
{
	set_row("C001", "", "A#1", "", "", "", "a/b", "", "");
	is_true("designated == \"A#1\" # a comment", 1);
	is_true("designated ~ /A#1/ and true # a comment", 1);
	is_true("designated ~ /\"/ # \"", 0);
	is_true("type ~ /^a\\/b$/", 1);
	is_true("type ~ /^a\\\\/", 0);		/* \\ is PCRE2's \\ */
	is_true("true # ~ /(/ is a comment", 1);
}

static void
test_depth(void)
{
	struct cm_buf b = {0};
	int i;

	for (i = 0; i < CM_EXPR_MAX_DEPTH; i++)
		cm_buf_adds(&b, "(");
	cm_buf_adds(&b, "true");
	for (i = 0; i < CM_EXPR_MAX_DEPTH; i++)
		cm_buf_adds(&b, ")");
	is_true(cm_buf_str(&b), 1);
	cm_buf_reset(&b);
	for (i = 0; i <= CM_EXPR_MAX_DEPTH; i++)
		cm_buf_adds(&b, "(");
	cm_buf_adds(&b, "true");
	syntax(cm_buf_str(&b), 3 + CM_EXPR_MAX_DEPTH,
	    "nested too deep (more than 64 levels)");
	cm_buf_reset(&b);
	for (i = 0; i <= CM_EXPR_MAX_DEPTH; i++)
		cm_buf_adds(&b, "not ");
	cm_buf_adds(&b, "true");
	syntax(cm_buf_str(&b), 3 + 4 * CM_EXPR_MAX_DEPTH,
	    "nested too deep (more than 64 levels)");
	/* a long chain of and costs no depth */
	cm_buf_reset(&b);
	cm_buf_adds(&b, "true");
	for (i = 0; i < 200000; i++)
		cm_buf_adds(&b, " and true");
	is_true(cm_buf_str(&b), 1);
	cm_buf_adds(&b, " and not true or true");
	is_true(cm_buf_str(&b), 1);
	cm_buf_free(&b);
}

static void
test_limits(void)
{
	struct timespec t0, t1;
	double ms;

	set_row("C001", "", "", "", "", "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
	    "", "");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	is_int(eval("type ~ /^(a+)+$/"), -1, "catastrophic backtracking: -1");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	is_int(err.status, CM_DATA, "  CM_DATA");
	is_str(err.msg, "pattern at grade.rules:7 exceeded its match limit "
	    "(too much backtracking: look for a nested repeat such as (a+)+)",
	    "  message names the rule");
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	ok(ms < 1000, "  quickly (%.1f ms)", ms);
	row[7] = "caf\xc3";
	is_int(eval("type ~ /x/"), -1, "invalid UTF-8 in a cell: -1");
	ok(strncmp(err.msg, "invalid UTF-8 at byte 3", 23) == 0,
	    "  invalid UTF-8 at byte 3");
}

int
main(void)
{
	today = cm_date_from_ymd(2026, 3, 31);
	test_basics();
	test_operators();
	test_precedence();
	test_numbers();
	test_empty_cells();
	test_age();
	test_share();
	test_seen();
	test_columns();
	test_syntax();
	test_comments_and_slashes();
	test_depth();
	test_limits();
	cm_buf_free(&seen_log);
	return done_testing();
}
