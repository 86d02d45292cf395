/*
 * regex.h: the one PCRE2 wrapper of every cm command (DESIGN.md §2): the
 * complaint causes of cm-complaint classify, the `~ /re/i` conditions of
 * cm-grade and the --part-pattern of cm-receive all come through here, so
 * they share one dialect, one set of limits and one wording of errors.
 *
 * Patterns are UTF-8 and compiled with PCRE2_UTF and PCRE2_UCP: `.' is a
 * character, not a byte, and \w, \d, \b and [[:alpha:]] know Chinese, so
 * \w+ matches 汉字.  Note that \b therefore sees no boundary between an
 * English word and a Han character ("COA不符"); rules that must find an
 * English word written against Chinese use (?<![a-z]) and (?![a-z]).  \C
 * is refused (it could stop a match inside a character).  The JIT is used
 * when the platform has it; when it has not, or refuses a pattern, the
 * interpreter runs instead and the results are the same.
 *
 * Every match runs under limits, so a pathological pattern such as
 * (a+)+$ ends with an error instead of hanging a nightly job; see
 * CM_RE_MATCH_LIMIT below.  Reaching a limit is an error (CM_DATA), never a
 * quiet "no match": a rule that silently stopped matching would file
 * complaints under the wrong cause.
 *
 * Nothing here prints or exits: errors fill a struct cm_error (msg.h).
 *
 *	struct cm_regex *re;
 *	struct cm_span sp;
 *
 *	if ((re = cm_regex_compile(pat, strlen(pat), CM_RE_CASELESS,
 *	    "grade.rules", 12, &err)) == NULL)
 *		cm_die_error(&err);	// grade.rules:12: bad pattern: ...
 *	switch (cm_regex_match(re, cell, len, CM_RE_VALID_UTF8, &sp, &err)) {
 *	case 1:  ... cell[sp.start .. sp.end) matched ...
 *	case 0:  ... no match ...
 *	default: cm_die_error(&err);	// a limit, or invalid UTF-8
 *	}
 *	cm_regex_free(re);
 *
 * A struct cm_regex holds its own match data and stack, which each match
 * reuses: matching allocates nothing after the first call, and one regex
 * must not be matched from two threads at once (cm commands have one).
 */
#ifndef CM_REGEX_H
#define CM_REGEX_H

#include <stddef.h>

#include "msg.h"

/*
 * Flags.  CM_RE_CASELESS and CM_RE_WHOLE go to cm_regex_compile;
 * CM_RE_VALID_UTF8 goes to cm_regex_match.
 */
enum {
	CM_RE_CASELESS = 1 << 0,	/* Unicode caseless: Ｅ matches ｅ */
	CM_RE_WHOLE = 1 << 1,		/* the whole subject must match */
	/*
	 * The caller guarantees the subject is valid UTF-8 (text from the
	 * CSV reader is), so PCRE2 skips its check.  On invalid UTF-8 the
	 * behaviour is then undefined; without the flag invalid UTF-8 is a
	 * CM_DATA error naming the byte offset.
	 */
	CM_RE_VALID_UTF8 = 1 << 2
};

/*
 * The limits of every match.  A man page that states them must change
 * with them.
 *
 * CM_RE_MATCH_LIMIT bounds the work of one match attempt (PCRE2 counts
 * backtracking steps; the JIT counts alike).  PCRE2's own default is ten
 * times as much.  The rules of the shipped causes.rules need fewer than
 * 300 steps on a description, even on one of 40 KB, while (a+)+$ against
 * 33 a's needs 2^33: it stops after roughly 10 ms (the interpreter) or
 * 2 ms (the JIT), and the first such stop ends the job anyway.  Note that
 * PCRE2 counts afresh at each starting position in the subject, so a
 * pattern that stays just under the limit at every position could still
 * spend those 10 ms once per character of a long text; patterns that
 * blow up do so exponentially and trip at the first bad position.
 *
 * CM_RE_DEPTH_LIMIT bounds the backtracking depth of the interpreter, and
 * with it the memory it keeps for backtracking.  A repeated group with
 * alternatives, (?:a|b)*, takes two levels a repetition, so 40,000 lets
 * it run over 20,000 characters, far more than a description, a customer
 * type or a part number holds.  CM_RE_HEAP_LIMIT (KiB) caps that memory
 * when a pattern has many capturing groups and so larger frames.
 *
 * The JIT ignores the depth limit and uses its own stack instead, which
 * we size to CM_RE_JIT_STACK bytes: 1 MiB lets the same group repeat
 * 30,000 to 50,000 times (measured with PCRE2 10.42 on x86-64), a little
 * further than the interpreter, so a pattern that works on one works on
 * the other.  The match limit applies to the JIT too.
 */
#define CM_RE_MATCH_LIMIT	1000000u
#define CM_RE_DEPTH_LIMIT	40000u
#define CM_RE_HEAP_LIMIT	(32u * 1024)
#define CM_RE_JIT_STACK		(1024u * 1024)

struct cm_regex;

/* Where a match was found: bytes [start, end) of the subject. */
struct cm_span {
	size_t start;
	size_t end;
};

/*
 * Compile pat[0..len) (it need not end in a NUL and may contain one).
 * file and line say where the pattern came from; they go into a
 * compile error's position and are kept for the errors of later matches.
 * Either may be NULL or 0 (a pattern from the command line); the error
 * then quotes the pattern instead.
 *
 * Returns the regex, or NULL with err filled: CM_USAGE
 * "bad pattern: missing closing parenthesis at offset 7" (PCRE2's
 * message and the offset in bytes from the start of the pattern), with
 * err->file and err->line set from file and line.
 */
struct cm_regex *cm_regex_compile(const char *pat, size_t len,
    unsigned flags, const char *file, long line, struct cm_error *err);

/*
 * Match re against s[0..len) (no NUL needed; s may be NULL when len is 0).
 * Returns 1 on a match, filling *span unless span is NULL; 0 on no
 * match; -1 with err filled otherwise:
 *   CM_DATA  "pattern at causes.rules:12 exceeded its match limit" (also
 *            its depth, memory or JIT stack limit);
 *   CM_DATA  "invalid UTF-8 at byte 5: ..." when the subject is not UTF-8
 *            and CM_RE_VALID_UTF8 was not given;
 *   CM_SYSTEM on anything else PCRE2 reports (out of memory).
 * err->file and err->line are left 0: the caller knows which row of which
 * input it was matching, and words the final message from err->msg
 * (into another struct cm_error: cm_error_set must not read the msg it
 * writes).
 */
int cm_regex_match(struct cm_regex *re, const char *s, size_t len,
    unsigned flags, struct cm_span *span, struct cm_error *err);

/* 1 if re runs on the JIT, 0 if on the interpreter (for -v and tests). */
int cm_regex_jitted(const struct cm_regex *re);

/* Free re and all it holds; re may be NULL. */
void cm_regex_free(struct cm_regex *re);

#endif
