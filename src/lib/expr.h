/*
 * expr.h: the rule language of cm-grade (DESIGN.md §3 cm-grade): one
 * condition over the cells of a row, parsed once into a small tree and
 * evaluated for every row.
 *
 * GRAMMAR.  Spaces and tabs separate tokens; a '#' outside "strings",
 * `names` and /patterns/ ends the condition (the rest of the line is a
 * comment).
 *
 *	cond    = and { "or" and }
 *	and     = unary { "and" unary }
 *	unary   = "not" unary | test
 *	test    = "true" | "(" cond ")" | "empty" "(" column ")"
 *	        | value cmpop value | column ("~" | "!~") pattern
 *	value   = column | number | string | duration
 *	        | "age" "(" column ")" | "share" "(" num "," num ")"
 *	num     = column | number
 *	cmpop   = "==" | "!=" | "<" | "<=" | ">" | ">="
 *	column  = bare name: letters, digits, '_' and any non-ASCII character
 *	          but punctuation and spaces (客户类型; not （ “ ，), not
 *	          starting with a digit; or `back quoted` (any characters
 *	          but '`' and control characters, not empty).  "true", "and", "or"
 *	          and "not" are words of the language; `and` quotes a column
 *	          of that name.  empty, age and share are functions only
 *	          when a '(' follows.
 *	number  = [-] digits [ "." digits ]	(12, -3, 0.5; no exponent)
 *	string  = "..." with \" and \\ as the only escapes
 *	duration= digits ("d" | "m" | "y")	(365d, 12m, 1y)
 *	pattern = /PCRE2/ or /PCRE2/i; a '/' inside is written \/, every
 *	          other backslash goes to PCRE2 as written
 *
 * PRECEDENCE: not > comparison > and > or.  A comparison does not chain
 * and its operands are values, never conditions, so "not a == 1" can
 * only be not (a == 1); "a or b and c" is a or (b and c).
 *
 * MEANING.
 *   column OP number, column OP column, share() OP num: numbers, compared
 *     exactly as decimals (digit strings, no floating point, no size
 *     limit).  A cell is a number when it is [+|-] digits [. digits]
 *     with ASCII spaces around allowed ("1,000" and "1e3" are not).  An
 *     empty (or all-space) cell makes the comparison false; any other
 *     non-number is an error.
 *   column OP string: the cell's text, byte by byte (UTF-8 order); an
 *     empty cell is the text "", so designated == "" is true for it.
 *   column ~ /re/: the cell matches the pattern anywhere (anchor with ^
 *     and $); !~ is its negation.  An empty cell is matched as "".
 *   empty(col): the cell is empty or all ASCII spaces.
 *   age(col) OP duration: the calendar age at today of the date in col
 *     (any form date.h reads).  With t = today less the duration (Nd: N
 *     days; Nm: N calendar months; Ny: 12N months; a day past the end of
 *     the month becomes its last day: 2024-03-31 less 1m is 2024-02-29,
 *     2024-02-29 less 1y is 2023-02-28), age(x) < D iff x is after t,
 *     <= iff x >= t, > iff x is before t, >= iff x <= t, == iff x is t.
 *     The duration may stand on either side.  An empty cell makes it
 *     false; a cell that is not a date is an error.
 *   share(a, b) = a / b x 100, exactly: share(receivables, annual_trade)
 *     >= 30.  An empty a or b, or a zero b, makes the comparison false.
 *   A number compared with a string, a duration with anything but age(),
 *   age() with anything but a duration, or share() with a string, a
 *   duration or another share() is a syntax error.
 */
#ifndef CM_EXPR_H
#define CM_EXPR_H

#include <stddef.h>

#include "date.h"
#include "msg.h"

struct cm_expr;

/*
 * Parse one condition, text[0..len) (no NUL needed), found in file at
 * line, starting at column col0 (1-based, counted in characters) of that
 * line; the grammar is above.  Nesting (parentheses and not) deeper than
 * CM_EXPR_MAX_DEPTH is refused.
 *
 * Returns the tree, or NULL with err: CM_USAGE, err->file = file,
 * err->line = line, err->col = the column of the offending token (of the
 * end of the condition when something is missing there), and a message:
 *   "expected a condition", "expected a condition after 'and'",
 *   "expected a condition after 'not', found ')'",
 *   "expected a condition, found '=='", "expected a value after '<'",
 *   "expected a comparison after 'x'",
 *   "expected a comparison after 'x', found 'AND' (and, or, not and
 *   true are lower case)", "expected 'and', 'or' or the end, found 'b'",
 *   "expected ')' to close the '(' at column 3",
 *   "a pattern goes after ~ or !~", "unexpected character '$'",
 *   "unexpected character '（'" (full-width punctuation is no name),
 *   "unexpected character 0x01", "'=' is not an operator: write ==",
 *   "'!' is not an operator: write != or not",
 *   "unterminated string", "unterminated pattern",
 *   "unterminated column name", "empty column name",
 *   "control character 0x09 in a column name",
 *   "unknown escape '\n' in string (only \" and \\)",
 *   "unknown pattern flag 'g' (only i)", "expected a pattern after '~'",
 *   "'~' needs a column on its left", "bad number '1.2.3'",
 *   "bad duration '5w' (Nd, Nm or Ny)", "duration '9999999d' too long"
 *   (at most 999999), "cannot compare a number with a string",
 *   "age() compares with a duration such as 365d, 12m or 1y",
 *   "a duration such as '12m' compares only with age()",
 *   "share() compares with a number or a column",
 *   "empty() takes one column", "age() takes one column",
 *   "share() takes two numbers or columns: share(a, b)",
 *   "invalid UTF-8" (anywhere in text), "nested too deep (more than 64
 *   levels)";
 * for a pattern, at the column of its opening '/', PCRE2's own message
 * and the offset in bytes into the pattern as PCRE2 saw it (\/ counted
 * as /): "bad pattern: missing closing parenthesis at offset 7".
 * Patterns are compiled once here through regex.h (JIT when available,
 * the library's match limits); a later match names the rule as
 * "pattern at FILE:LINE".
 */
#define CM_EXPR_MAX_DEPTH	64
struct cm_expr *cm_expr_parse(const char *text, size_t len, const char *file,
    long line, int col0, struct cm_error *err);

/*
 * The distinct column names e uses, in order of first use; bind each to
 * the input's index before evaluating (the caller reports a column the
 * input lacks, before any row is read).  An unbound column is an error
 * at evaluation (CM_SYSTEM: a bug of the caller).
 */
size_t cm_expr_ncols(const struct cm_expr *e);
const char *cm_expr_colname(const struct cm_expr *e, size_t i);
void cm_expr_bind(struct cm_expr *e, size_t i, size_t index);

/*
 * What a condition saw, for --explain: called for each test evaluated
 * (comparison, match, empty(), true; in short-circuit order), with its
 * text as written, the cell value it read ("" for none; two cells as
 * "A, B", share()'s as "A / B") and its result (1 or 0).  Not called for
 * a test that fails with an error.  cond and value are valid during the
 * call only.
 */
typedef void cm_expr_seen(void *arg, const char *cond, const char *value,
    int result);

/*
 * Evaluate e over a row: f[index] and n[index] are the row's cells (as
 * bound; f need not be NUL-terminated), today the run date (--as-of).
 * Returns 1 (true) or 0 (false), or -1 with err (CM_DATA, no file or
 * line: the caller adds the row's):
 *   "'abc' in column 'receivables' is not a number",
 *   "'2026-02-30' in column 'first_trade' is not a date",
 *   "pattern at FILE:LINE exceeded its match limit (...)" (regex.h: also
 *   its depth, memory or stack limit; a cell that is not UTF-8 is
 *   "invalid UTF-8 at byte N: ..."),
 *   "'1234...' in column 'x' is too long a number for share()" (more
 *   than CM_EXPR_SHARE_DIGITS digits).
 * seen may be NULL.  e keeps scratch memory for share() and seen: one
 * e must not be evaluated from two threads at once.
 */
#define CM_EXPR_SHARE_DIGITS	200
int cm_expr_eval(const struct cm_expr *e, const char *const *f,
    const size_t *n, cm_day today, cm_expr_seen *seen, void *arg,
    struct cm_error *err);

/* Free e and all it holds (patterns too); e may be NULL. */
void cm_expr_free(struct cm_expr *e);

#endif
