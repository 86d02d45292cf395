/*
 * t-regex.c: the PCRE2 wrapper (regex.h): UTF-8 and Unicode properties,
 * caseless matching, spans, PCRE2's compile errors with their offsets, the
 * limits that stop a pathological pattern, and invalid UTF-8 subjects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "regex.h"
#include "tap.h"

static struct cm_error err;

static struct cm_regex *
comp(const char *pat, unsigned flags)
{
	memset(&err, 0, sizeof(err));
	return cm_regex_compile(pat, strlen(pat), flags, NULL, 0, &err);
}

/*
 * Match pat against s, handed over as a CSV field is: a copy without a
 * NUL after it, so ASan sees a read past len.  Returns cm_regex_match's
 * result; *sp gets the span.
 */
static int
run(const char *pat, unsigned cflags, const char *s, size_t len,
    unsigned mflags, struct cm_span *sp)
{
	struct cm_regex *re;
	char *copy;
	int rc;

	if ((re = comp(pat, cflags)) == NULL) {
		printf("# compile '%s': %s\n", pat, err.msg);
		return -9;
	}
	copy = malloc(len ? len : 1);
	memcpy(copy, s, len);
	memset(&err, 0, sizeof(err));
	rc = cm_regex_match(re, copy, len, mflags, sp, &err);
	free(copy);
	cm_regex_free(re);
	return rc;
}

static void
matches(const char *pat, unsigned flags, const char *s, int want)
{
	struct cm_span sp;

	char name[256];

	snprintf(name, sizeof(name), "/%s/%s %s '%s'", pat,
	    flags & CM_RE_CASELESS ? "i" : "", want ? "matches" :
	    "does not match", s);
	is_int(run(pat, flags, s, strlen(s), 0, &sp), want, name);
}

/* The text a match covered, "" when none. */
static const char *
matched(const char *pat, unsigned flags, const char *s)
{
	static char buf[256];
	struct cm_span sp;

	buf[0] = '\0';
	if (run(pat, flags, s, strlen(s), 0, &sp) == 1 &&
	    sp.start <= sp.end && sp.end <= strlen(s))
		snprintf(buf, sizeof(buf), "%.*s", (int)(sp.end - sp.start),
		    s + sp.start);
	return buf;
}

static void
test_chinese_english(void)
{
	struct cm_span sp;
	const char *s = "客户反映交货延迟三天";

	is_int(run("交货延迟", 0, s, strlen(s), 0, &sp), 1,
	    "Chinese pattern matches Chinese text");
	is_int((long long)sp.start, 12, "span starts at byte 12 (4 characters)");
	is_int((long long)sp.end, 24, "span ends at byte 24");
	matches("交[货貨]延[迟遲]", 0, "交貨延遲", 1);
	matches("交[货貨]延[迟遲]", 0, "交货延迟", 1);
	matches("交货延迟", 0, "交货准时", 0);
	is_str(matched("delivered \\d+ days late", 0,
	    "The goods were delivered 5 days late."), "delivered 5 days late",
	    "English pattern and span");
	is_str(matched("延迟(\\d+)天", 0, "延迟13天交货"), "延迟13天",
	    "capturing groups do not disturb the span");
	is_str(matched("^.$", 0, "汉"), "汉", ". is one character, not a byte");
	matches("^...$", 0, "汉", 0);
	is_str(matched("[^a]", 0, "a貨"), "貨",
	    "a negated class takes a whole character");
}

static void
test_caseless(void)
{
	matches("late delivery", 0, "LATE DELIVERY", 0);
	matches("late delivery", CM_RE_CASELESS, "LATE DELIVERY", 1);
	matches("(?i)late delivery", 0, "Late Delivery", 1);
	/* Unicode case folding, not ASCII only. */
	matches("ｅｒｒｏｒ", CM_RE_CASELESS, "ＥＲＲＯＲ", 1);
	matches("défaut", CM_RE_CASELESS, "DÉFAUT", 1);
	matches("σ", CM_RE_CASELESS, "Σ", 1);
	/* Caseless leaves Chinese alone and still matches it. */
	matches("划伤", CM_RE_CASELESS, "表面划伤", 1);
}

static void
test_ucp(void)
{
	matches("^\\w+$", 0, "汉字", 1);
	matches("^\\w+$", 0, "漢字ABC_123", 1);
	is_str(matched("\\w+", 0, "，交货延迟。"), "交货延迟",
	    "\\w+ stops at Chinese punctuation");
	matches("^\\d+$", 0, "１２３", 1);
	matches("^[[:alpha:]]+$", 0, "尺寸", 1);
	matches("^\\s$", 0, "\xe3\x80\x80", 1);	/* U+3000 is a space */
	matches("\\p{Han}", 0, "abc字", 1);
	/* A Han character is a word character: no \b between it and "COA". */
	matches("\\bCOA\\b", 0, "COA不符", 0);
	matches("(?<![a-z])COA(?![a-z])", CM_RE_CASELESS, "COA不符", 1);
}

static void
test_whole(void)
{
	matches("AB-\\d+", CM_RE_WHOLE, "AB-123", 1);
	matches("AB-\\d+", CM_RE_WHOLE, "xAB-123", 0);
	matches("AB-\\d+", CM_RE_WHOLE, "AB-123x", 0);
	matches("ab-\\d+", CM_RE_WHOLE | CM_RE_CASELESS, "AB-7", 1);
	matches("AB-\\d+", 0, "xAB-123x", 1);
}

static void
test_subjects(void)
{
	struct cm_regex *re;
	struct cm_span sp;
	int i, good = 0;

	is_int(run("a\\x00b", 0, "xa\0b", 4, 0, &sp), 1,
	    "a NUL inside the subject is a character");
	is_int((long long)sp.start, 1, "span after a NUL counts bytes");
	re = comp("^$", 0);
	is_int(cm_regex_match(re, NULL, 0, 0, NULL, &err), 1,
	    "NULL subject of length 0 is the empty string");
	cm_regex_free(re);
	/* Matching reuses the regex's match data; results stay right. */
	re = comp("(\\d+)件", 0);
	for (i = 0; i < 1000; i++) {
		char s[64];

		snprintf(s, sizeof(s), "不良%d件", i);
		if (cm_regex_match(re, s, strlen(s), CM_RE_VALID_UTF8, &sp,
		    &err) == 1 && sp.start == 6 && sp.end == strlen(s))
			good++;
	}
	is_int(good, 1000, "1000 matches on one regex all right");
	cm_regex_free(re);
	cm_regex_free(NULL);
	ok(1, "cm_regex_free(NULL) is harmless");
}

static void
bad(const char *pat, const char *file, long line, const char *want)
{
	struct cm_regex *re;

	memset(&err, 0, sizeof(err));
	re = cm_regex_compile(pat, strlen(pat), 0, file, line, &err);
	ok(re == NULL, "bad pattern refused: %s", want);
	is_int(err.status, CM_USAGE, "bad pattern is a usage error");
	is_str(err.msg, want, "message");
	is_str(err.file, file, "file");
	is_int(err.line, line, "line");
	cm_regex_free(re);
}

static void
test_bad_patterns(void)
{
	char longpat[200];
	size_t i;

	bad("(abc", "causes.rules", 12,
	    "bad pattern: missing closing parenthesis at offset 4");
	bad("交货(延迟", "causes.rules", 3,
	    "bad pattern: missing closing parenthesis at offset 13");
	bad("[a-", "g.rules", 1,
	    "bad pattern: missing terminating ] for character class at "
	    "offset 3");
	bad("a{2,1}", NULL, 0,
	    "bad pattern 'a{2,1}': numbers out of order in {} quantifier at "
	    "offset 5");
	bad("(?<=a+)b", NULL, 0,
	    "bad pattern '(?<=a+)b': lookbehind assertion is not fixed length "
	    "at offset 0");
	bad("x\\Cy", "g.rules", 2,
	    "bad pattern: using \\C is disabled by the application at "
	    "offset 3");
	bad("ab\xff", NULL, 0,
	    "bad pattern 'ab...': UTF-8 error: illegal byte (0xfe or 0xff) at "
	    "offset 2");
	bad("延\xe8\xbf", "c.rules", 9,
	    "bad pattern: UTF-8 error: 1 byte missing at end at offset 3");
	/* A long pattern from the command line is quoted in part. */
	for (i = 0; i < 39 * 3; i += 3)
		memcpy(longpat + i, "交", 3);
	strcpy(longpat + i, "(");
	bad(longpat, NULL, 0,
	    "bad pattern '交交交交交交交交交交交交交交交交交交交交交交交交交交...': "
	    "missing closing parenthesis at offset 118");
}

/* A subject of n copies of unit, then tail. */
static char *
repeat(const char *unit, size_t n, const char *tail, size_t *len)
{
	size_t u = strlen(unit), t = strlen(tail), i;
	char *s = malloc(n * u + t + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + n * u, tail, t + 1);
	*len = n * u + t;
	return s;
}

/* Match pat from file:line against s; expect a CM_DATA limit error. */
static void
trips(const char *pat, const char *s, size_t len, const char *what)
{
	struct cm_regex *re;
	int rc;

	memset(&err, 0, sizeof(err));
	re = cm_regex_compile(pat, strlen(pat), 0, "t.rules", 7, &err);
	if (!ok(re != NULL, "compiles: %s", pat)) {
		printf("#   %s\n", err.msg);
		return;
	}
	rc = cm_regex_match(re, s, len, CM_RE_VALID_UTF8, NULL, &err);
	is_int(rc, -1, "limit is an error, not a non-match");
	is_int(err.status, CM_DATA, "limit is a data error");
	ok(strstr(err.msg, what) != NULL &&
	    strncmp(err.msg, "pattern at t.rules:7 exceeded its ", 34) == 0,
	    "message names the rule and the %s", what);
	printf("#   %s (jit %d)\n", err.msg, cm_regex_jitted(re));
	cm_regex_free(re);
}

static void
test_limits(void)
{
	char *s;
	size_t len;
	struct cm_regex *re;
	char many[2048];
	size_t i;

	s = repeat("a", 33, "b", &len);
	/* As the platform gives it: JIT where there is one. */
	trips("(a+)+$", s, len, "match limit");
	/* (*NO_JIT) forces the interpreter, which must trip the same way. */
	trips("(*NO_JIT)(a+)+$", s, len, "match limit");
	/* A pattern may lower the limit but not raise it (pcre2pattern). */
	trips("(*LIMIT_MATCH=4000000000)(a+)+$", s, len, "match limit");
	trips("(*NO_JIT)(*LIMIT_MATCH=4000000000)(a+)+$", s, len,
	    "match limit");
	free(s);

	/* Depth: a repeated group with alternatives backtracks deeply. */
	s = repeat("a", 30000, "b", &len);
	trips("(*NO_JIT)^(?:a|c)*$", s, len, "depth limit");
	/* The same pattern stays within the limit on a short field. */
	re = comp("^(?:a|c)*$", 0);
	is_int(cm_regex_match(re, s + 30000 - 5000, 5001, 0, NULL, &err), 0,
	    "5000 repetitions are within every limit");
	cm_regex_free(re);
	free(s);

	/* The JIT ignores the depth limit; its stack is bounded instead. */
	s = repeat("a", 400000, "b", &len);
	re = comp("^(?:a|c)*$", 0);
	if (cm_regex_jitted(re))
		trips("^(?:a|c)*$", s, len, "stack limit");
	else
		trips("^(?:a|c)*$", s, len, "depth limit");
	cm_regex_free(re);
	free(s);

	/* Many groups make each backtracking frame large: the heap limit. */
	strcpy(many, "(*NO_JIT)^(?:(a)|");
	for (i = 0; i < 300; i++)
		strcat(many, "(b)");
	strcat(many, ")*$");
	s = repeat("a", 30000, "x", &len);
	trips(many, s, len, "memory limit");
	free(s);
}

static void
test_invalid_utf8(void)
{
	struct cm_span sp;

	is_int(run("b", 0, "abc\xff", 4, 0, &sp), -1,
	    "invalid UTF-8 subject is an error without CM_RE_VALID_UTF8");
	is_int(err.status, CM_DATA, "invalid UTF-8 is a data error");
	is_str(err.msg,
	    "invalid UTF-8 at byte 3: UTF-8 error: illegal byte (0xfe or 0xff)",
	    "message names the byte");
	is_int(run("x", 0, "交\xe8\xbf", 5, 0, &sp), -1,
	    "a cut sequence at the end is an error");
	is_str(err.msg,
	    "invalid UTF-8 at byte 3: UTF-8 error: 1 byte missing at end",
	    "message names where the cut sequence starts");
	is_int(run("x", 0, "\xc0\x80x", 3, 0, &sp), -1,
	    "an overlong NUL is an error");
	is_int(run("交货", 0, "交货", 6, CM_RE_VALID_UTF8, &sp), 1,
	    "valid subject with CM_RE_VALID_UTF8 matches");
	is_int(run("交货", 0, "交货", 6, 0, &sp), 1,
	    "valid subject without the flag matches too");
}

int
main(void)
{
	test_chinese_english();
	test_caseless();
	test_ucp();
	test_whole();
	test_subjects();
	test_bad_patterns();
	test_limits();
	test_invalid_utf8();
	return done_testing();
}
