/*
 * fuzz-rules.c: libFuzzer harness for rule lists (rules.h) and, through
 * them, the PCRE2 wrapper (regex.h).
 *
 * The input is parsed as a rule file from memory (cm_rules_parse).  When
 * it parses, a few fixed complaint descriptions and the input itself are
 * matched against it; the input goes in without CM_RE_VALID_UTF8, since
 * it need not be UTF-8 (nor end on a character: it is cut).  Contract checks abort, which libFuzzer reports
 * as a crash:
 *   - a bad file is CM_USAGE naming this input, at a line of it (or 0);
 *   - a good file has rules with non-empty names free of tabs and control
 *     characters, on increasing lines within the input;
 *   - a match is 1, 0 or -1; a 1 names a rule and a span inside the text,
 *     and that rule is the first that matches on its own (first match
 *     wins); a -1 is CM_DATA (a limit, invalid UTF-8) with a message.
 * Hangs are caught by libFuzzer's -timeout: the match limits must keep
 * every pattern well inside it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "regex.h"
#include "rules.h"

#define NAME	"fuzz.rules"

/*
 * PCRE2's match limit holds at each starting position of a text, so a
 * pattern can spend up to about 10 ms at every character (regex.h).
 * Matching is kept within libFuzzer's timeout by trying only files of at
 * most this many rules, and only the head of the input as a text; parsing
 * sees all of it.
 */
#define MAX_MATCHED_RULES	16
#define MAX_SELF_TEXT		512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *texts[] = {
	"客户反映交货延迟3天，影响其生产线",
	"貨物晚到兩天，外箱破損",
	"The shipment arrived two weeks late; labels were wrong.",
	"ＥＲＲＯＲ: 尺寸超差 0.2mm, COA不符",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
	"",
};

/* The same answer rule by rule as cm_rules_match gave for the list. */
static void
check_first(struct cm_rules *rs, const char *s, size_t len, unsigned flags,
    int rc, size_t idx)
{
	struct cm_error err;
	size_t i;
	int r;

	for (i = 0; i < rs->n; i++) {
		r = cm_regex_match(rs->v[i].re, s, len, flags, NULL, &err);
		/* Limits are deterministic: the list would have failed. */
		if (r < 0)
			abort();
		if (r > 0) {
			if (rc != 1 || idx != i)
				abort();
			return;
		}
	}
	if (rc != 0)
		abort();
}

static void
check_match(struct cm_rules *rs, const char *s, size_t len, unsigned flags)
{
	struct cm_error err;
	struct cm_span sp;
	size_t idx = (size_t)-1;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = cm_rules_match(rs, s, len, flags, &idx, &sp, &err);
	if (rc < 0) {
		if ((err.status != CM_DATA && err.status != CM_SYSTEM) ||
		    err.msg[0] == '\0')
			abort();
		return;
	}
	if (rc > 1)
		abort();
	if (rc == 1 && (idx >= rs->n || sp.start > sp.end || sp.end > len))
		abort();
	check_first(rs, s, len, flags, rc, idx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct cm_rules rs;
	struct cm_error err;
	long lines = 1, prev = 0;
	size_t i, j;

	for (i = 0; i < size; i++)
		lines += s[i] == '\n';
	memset(&err, 0, sizeof(err));
	if (cm_rules_parse(&rs, NAME, s, size, &err) < 0) {
		if (err.status != CM_USAGE || err.msg[0] == '\0' ||
		    err.file == NULL || strcmp(err.file, NAME) != 0 ||
		    err.line < 0 || err.line > lines || rs.n != 0)
			abort();
		return 0;
	}
	if (rs.n == 0)
		abort();
	for (i = 0; i < rs.n; i++) {
		const char *nm = rs.v[i].name;

		if (nm[0] == '\0' || rs.v[i].line <= prev ||
		    rs.v[i].line > lines || rs.v[i].re == NULL)
			abort();
		for (j = 0; nm[j] != '\0'; j++)
			if ((unsigned char)nm[j] < 0x20 || nm[j] == 0x7f)
				abort();
		prev = rs.v[i].line;
	}
	if (rs.n <= MAX_MATCHED_RULES) {
		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
			check_match(&rs, texts[i], strlen(texts[i]),
			    CM_RE_VALID_UTF8);
		check_match(&rs, s, size < MAX_SELF_TEXT ? size :
		    MAX_SELF_TEXT, 0);
	}
	cm_rules_free(&rs);
	return 0;
}
