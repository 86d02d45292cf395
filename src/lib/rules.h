/*
 * rules.h: named pattern lists, first match wins.
 *
 * cm-complaint classify finds a complaint's cause in its description with
 * share/cm/causes.rules (DESIGN.md §3 cm-complaint); any list of the same
 * shape ("which name does this text belong to?") can use this module.
 * The file is UTF-8, one rule a line:
 *
 *	# a comment
 *	late_delivery<TAB>(?i)交[货貨]延[迟遲误誤]|delivered late
 *
 * NAME<TAB>PATTERN, exactly one tab: a line without one, or with a second
 * (write \t in the pattern instead), is an error.  NAME is not empty, has
 * no control characters and no spaces at either end (it becomes a cell
 * of the register, and " late_delivery" would count apart from
 * "late_delivery").  Several rules may share a name.  PATTERN is a PCRE2
 * pattern compiled through regex.h (UTF-8, UCP, JIT, limits); there is no
 * caseless flag, write (?i).  Lines that are blank or whose first
 * non-blank character is '#' are skipped.  A UTF-8 byte order mark at the
 * start and a CR before each LF are ignored (files saved by Windows
 * editors).
 *
 * Every error is CM_USAGE naming the file and line, e.g.
 *	causes.rules:12: bad pattern: missing closing parenthesis at offset 7
 *	causes.rules:3: expected CAUSE<TAB>PATTERN, found no tab
 * and so are a NUL byte and a line longer than CM_LINE_MAX (bounds.h).
 * The file is read through lines.h: a missing one is CM_USAGE (it is
 * named by an option); one that is not a regular file (a directory, a
 * FIFO, /dev/zero) or cannot be read is CM_SYSTEM.
 */
#ifndef CM_RULES_H
#define CM_RULES_H

#include <stddef.h>

#include "msg.h"
#include "regex.h"

struct cm_rule {
	char *name;		/* NUL-terminated, valid UTF-8 */
	long line;		/* line number in the file, from 1 */
	struct cm_regex *re;
};

/* A zeroed struct cm_rules is an empty list that cm_rules_free accepts. */
struct cm_rules {
	struct cm_rule *v;	/* in file order */
	size_t n;		/* at least 1 after a successful load */
	char *file;		/* the name messages use */
};

/* Read and compile the rule file path; 0, or -1 with err filled. */
int cm_rules_load(struct cm_rules *rs, const char *path,
    struct cm_error *err);

/*
 * The same from text[0..len) (no NUL needed) named name in messages, for
 * tests and fuzzers.  On error rs is left empty: nothing to free.
 */
int cm_rules_parse(struct cm_rules *rs, const char *name, const char *text,
    size_t len, struct cm_error *err);

/*
 * The first rule whose pattern matches s[0..len): 1 and *index set (the
 * rule is rs->v[*index]; its name and line, and the matched text in
 * *span unless span is NULL, tell a user which rule decided); 0 if none
 * matches; -1 and err filled when a match fails (a limit, invalid UTF-8:
 * see cm_regex_match, whose flags are passed on).  Rules after the first
 * match are not tried.
 */
int cm_rules_match(struct cm_rules *rs, const char *s, size_t len,
    unsigned flags, size_t *index, struct cm_span *span,
    struct cm_error *err);

/* Free everything rs holds and leave it empty; rs may be empty. */
void cm_rules_free(struct cm_rules *rs);

#endif
