/*
 * regex.c: the PCRE2 wrapper (see regex.h).
 *
 * PCRE2 calls follow pcre2api(3) and pcre2jit(3).  The JIT is asked for
 * with pcre2_jit_compile(); when it fails (no JIT in this build of PCRE2,
 * an architecture without one, a system that forbids executable memory,
 * a pattern with (*NO_JIT)) pcre2_match() simply runs the interpreter,
 * so the failure is not an error and is not reported.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "regex.h"
#include "text.h"
#include "xalloc.h"

struct cm_regex {
	pcre2_code *code;
	pcre2_match_data *md;		/* reused by every match */
	pcre2_match_context *mctx;	/* the limits, and the JIT stack */
	pcre2_jit_stack *jstack;	/* NULL when not on the JIT */
	int jit;
	char *where;			/* "at FILE:LINE" or "'PATTERN'" */
};

/* Quoted patterns are cut so a message still fits struct cm_error. */
#define QUOTE_MAX	80

/*
 * How messages name the pattern: where it came from, or else the pattern
 * itself, of which only pat[0..show) may be quoted (the valid UTF-8 part
 * of a pattern PCRE2 refused as invalid UTF-8).
 */
static char *
describe(const char *pat, size_t len, size_t show, const char *file,
    long line)
{
	struct cm_buf b = {0};
	size_t n;
	const char *nul;

	if (file != NULL && line > 0)
		cm_buf_printf(&b, _("at %s:%ld"), file, line);
	else if (file != NULL)
		cm_buf_printf(&b, _("in %s"), file);
	else {
		n = show > QUOTE_MAX ? cm_utf8_cut(pat, QUOTE_MAX) : show;
		/* %.*s would stop at a NUL; a pattern may hold one. */
		if ((nul = memchr(pat, '\0', n)) != NULL)
			n = (size_t)(nul - pat);
		cm_buf_printf(&b, "'%.*s%s'", (int)n, pat,
		    n < len ? "..." : "");
	}
	return b.s;		/* the caller owns it now */
}

static void
pcre2_message(int code, char *buf, size_t size)
{
	/* A message too long for buf comes back cut, which will do. */
	if (pcre2_get_error_message(code, (PCRE2_UCHAR *)buf, size) < 0 &&
	    buf[0] == '\0')
		snprintf(buf, size, _("PCRE2 error %d"), code);
}

static int
compile_error(const char *pat, size_t len, const char *file, long line,
    int code, PCRE2_SIZE off, struct cm_error *err)
{
	char msg[256];
	char *quoted;
	int rc;

	pcre2_message(code, msg, sizeof(msg));
	/* Only memory can fail to compile a good pattern. */
	if (code == PCRE2_ERROR_HEAP_FAILED)
		return cm_error_set(err, CM_SYSTEM, file, line, 0,
		    "cannot compile pattern: %s", msg);
	if (file != NULL)
		return cm_error_set(err, CM_USAGE, file, line, 0,
		    "bad pattern: %s at offset %zu", msg, (size_t)off);
	/* At a UTF-8 error, quote only what comes before the bad byte. */
	quoted = describe(pat, len, code <= PCRE2_ERROR_UTF8_ERR1 &&
	    code >= PCRE2_ERROR_UTF8_ERR21 && off < len ? off : len, NULL, 0);
	rc = cm_error_set(err, CM_USAGE, NULL, 0, 0,
	    "bad pattern %s: %s at offset %zu", quoted, msg, (size_t)off);
	free(quoted);
	return rc;
}

void
cm_regex_free(struct cm_regex *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_jit_stack_free(re->jstack);
	pcre2_code_free(re->code);
	free(re->where);
	free(re);
}

/*
 * Try the JIT.  Any failure leaves re on the interpreter, which gives the
 * same results; only the speed differs.
 */
static void
try_jit(struct cm_regex *re)
{
	size_t size = 0;

	if (pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) != 0)
		return;
	/* (*NO_JIT) in the pattern makes pcre2_jit_compile a no-op. */
	if (pcre2_pattern_info(re->code, PCRE2_INFO_JITSIZE, &size) != 0 ||
	    size == 0)
		return;
	/*
	 * Without a stack of its own the JIT uses 32 KiB of the machine
	 * stack, too little for a repeated group over a long field.  If
	 * ours cannot be had, that smaller bound still holds.
	 */
	re->jstack = pcre2_jit_stack_create(32 * 1024, CM_RE_JIT_STACK, NULL);
	if (re->jstack != NULL)
		pcre2_jit_stack_assign(re->mctx, NULL, re->jstack);
	re->jit = 1;
}

struct cm_regex *
cm_regex_compile(const char *pat, size_t len, unsigned flags,
    const char *file, long line, struct cm_error *err)
{
	struct cm_regex *re;
	uint32_t opts;
	PCRE2_SIZE off;
	int code;

	/*
	 * PCRE2_NEVER_BACKSLASH_C: \C matches one byte even in UTF mode and
	 * so can end a match inside a character; spans would then cut
	 * characters in two.  No rule needs it.
	 */
	opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
	if (flags & CM_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & CM_RE_WHOLE)
		opts |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	if (pat == NULL)
		pat = "";

	re = xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pat, len, opts, &code, &off,
	    NULL);
	if (re->code == NULL) {
		compile_error(pat, len, file, line, code, off, err);
		cm_regex_free(re);
		return NULL;
	}
	re->mctx = pcre2_match_context_create(NULL);
	/* Only the ovector's first pair is read: the whole match. */
	re->md = pcre2_match_data_create(1, NULL);
	if (re->mctx == NULL || re->md == NULL) {
		cm_error_set(err, CM_SYSTEM, file, line, 0,
		    "cannot compile pattern: out of memory");
		cm_regex_free(re);
		return NULL;
	}
	/* regex.h says why these numbers. */
	pcre2_set_match_limit(re->mctx, CM_RE_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, CM_RE_DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, CM_RE_HEAP_LIMIT);
	try_jit(re);
	re->where = describe(pat, len, len, file, line);
	return re;
}

int
cm_regex_jitted(const struct cm_regex *re)
{
	return re->jit;
}

static int
match_error(const struct cm_regex *re, int rc, struct cm_error *err)
{
	const char *what = NULL;
	char msg[256];

	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		what = _("match limit");
		break;
	case PCRE2_ERROR_DEPTHLIMIT:
		what = _("depth limit");
		break;
	case PCRE2_ERROR_HEAPLIMIT:
		what = _("memory limit");
		break;
	case PCRE2_ERROR_JIT_STACKLIMIT:
		what = _("stack limit");
		break;
	}
	/*
	 * Say what usually causes it: a pattern that can match one text in
	 * very many ways, or a repeated group that goes very deep.
	 */
	if (what != NULL)
		return cm_error_set(err, CM_DATA, NULL, 0, 0,
		    "pattern %s exceeded its %s (%s)", re->where, what,
		    rc == PCRE2_ERROR_MATCHLIMIT ? _("too much backtracking: "
		    "look for a nested repeat such as (a+)+") : _("a repeated "
		    "group over too long a text"));
	pcre2_message(rc, msg, sizeof(msg));
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
		/* For UTF errors the start char is the offending byte. */
		return cm_error_set(err, CM_DATA, NULL, 0, 0,
		    "invalid UTF-8 at byte %zu: %s",
		    (size_t)pcre2_get_startchar(re->md), msg);
	return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
	    "pattern %s cannot be matched: %s", re->where, msg);
}

int
cm_regex_match(struct cm_regex *re, const char *s, size_t len,
    unsigned flags, struct cm_span *span, struct cm_error *err)
{
	PCRE2_SIZE *ov;
	uint32_t opts = 0;
	int rc;

	if (flags & CM_RE_VALID_UTF8)
		opts |= PCRE2_NO_UTF_CHECK;
	if (s == NULL)
		s = "";
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, opts, re->md,
	    re->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return match_error(re, rc, err);
	/* rc 0 only says the ovector had no room for the groups. */
	if (span != NULL) {
		ov = pcre2_get_ovector_pointer(re->md);
		span->start = ov[0];
		span->end = ov[1];
	}
	return 1;
}
