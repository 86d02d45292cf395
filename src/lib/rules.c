/* rules.c: named pattern lists, first match wins (see rules.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enc.h"
#include "i18n.h"
#include "lines.h"
#include "rules.h"
#include "xalloc.h"

void
cm_rules_free(struct cm_rules *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].name);
		cm_regex_free(rs->v[i].re);
	}
	free(rs->v);
	free(rs->file);
	memset(rs, 0, sizeof(*rs));
}

/*
 * NAME must read back as the same cell it was written as: valid UTF-8,
 * no control characters (a stray CR or NUL would end up in the register),
 * no spaces around it.
 */
static int
check_name(const char *file, long lineno, const char *s, size_t n,
    struct cm_error *err)
{
	size_t i;

	if (n == 0)
		return cm_error_set(err, CM_USAGE, file, lineno, 0,
		    "empty cause name before the tab");
	if (cm_utf8_valid_prefix(s, n, NULL) != n)
		return cm_error_set(err, CM_USAGE, file, lineno, 0,
		    "cause name is not valid UTF-8");
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return cm_error_set(err, CM_USAGE, file, lineno, 0,
			    "control character 0x%02x in cause name",
			    (unsigned)(unsigned char)s[i]);
	if (s[0] == ' ' || s[n - 1] == ' ')
		return cm_error_set(err, CM_USAGE, file, lineno, 0,
		    "cause name '%.*s' has spaces around it", (int)n, s);
	return 0;
}

/* One non-blank, non-comment line; its rule is appended to rs. */
static int
parse_line(struct cm_rules *rs, long lineno, const char *s, size_t n,
    struct cm_error *err)
{
	const char *tab, *pat;
	struct cm_regex *re;
	struct cm_rule *r;
	size_t namelen, patlen;

	if ((tab = memchr(s, '\t', n)) == NULL)
		return cm_error_set(err, CM_USAGE, rs->file, lineno, 0,
		    "expected CAUSE<TAB>PATTERN, found no tab");
	namelen = (size_t)(tab - s);
	pat = tab + 1;
	patlen = n - namelen - 1;
	if (check_name(rs->file, lineno, s, namelen, err) < 0)
		return -1;
	/*
	 * One tab exactly: lining patterns up with more tabs would put the
	 * extra tabs into the pattern, where they would silently demand a
	 * tab in every description.
	 */
	if (memchr(pat, '\t', patlen) != NULL)
		return cm_error_set(err, CM_USAGE, rs->file, lineno, 0,
		    "expected CAUSE<TAB>PATTERN, found a second tab (write "
		    "\\t for a tab in a pattern)");
	/* An empty pattern matches everything; a catch-all says so: \S. */
	if (patlen == 0)
		return cm_error_set(err, CM_USAGE, rs->file, lineno, 0,
		    "empty pattern after the tab");
	re = cm_regex_compile(pat, patlen, 0, rs->file, lineno, err);
	if (re == NULL)
		return -1;
	rs->v = xreallocarray(rs->v, rs->n + 1, sizeof(*rs->v));
	r = &rs->v[rs->n++];
	r->name = xstrndup(s, namelen);
	r->line = lineno;
	r->re = re;
	return 0;
}

/* Read every rule of l into rs (empty), which is left empty on error. */
static int
parse_lines(struct cm_rules *rs, struct cm_lines *l, struct cm_error *err)
{
	char *line;
	size_t n;
	int rc;

	memset(rs, 0, sizeof(*rs));
	rs->file = xstrdup(cm_lines_name(l));
	while ((rc = cm_lines_next(l, &line, &n, err)) == 1) {
		if (cm_lines_is_comment(line, n))
			continue;
		if (parse_line(rs, cm_lines_lineno(l), line, n, err) < 0) {
			rc = -1;
			break;
		}
	}
	cm_lines_close(l);
	/* A classify run with no rules would quietly fill nothing. */
	if (rc == 0 && rs->n == 0)
		rc = cm_error_set(err, CM_USAGE, rs->file, 0, 0,
		    "no rules (expected CAUSE<TAB>PATTERN lines)");
	if (rc < 0)
		cm_rules_free(rs);
	return rc;
}

int
cm_rules_parse(struct cm_rules *rs, const char *name, const char *text,
    size_t len, struct cm_error *err)
{
	return parse_lines(rs, cm_lines_open_mem(name, _("rule file"), text,
	    len), err);
}

int
cm_rules_load(struct cm_rules *rs, const char *path, struct cm_error *err)
{
	struct cm_lines *l = cm_lines_open(path, _("rule file"), CM_USAGE, err);

	if (l == NULL) {
		memset(rs, 0, sizeof(*rs));
		return -1;
	}
	return parse_lines(rs, l, err);
}

int
cm_rules_match(struct cm_rules *rs, const char *s, size_t len,
    unsigned flags, size_t *index, struct cm_span *span,
    struct cm_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < rs->n; i++) {
		rc = cm_regex_match(rs->v[i].re, s, len, flags, span, err);
		if (rc < 0)
			return -1;
		if (rc > 0) {
			if (index != NULL)
				*index = i;
			return 1;
		}
	}
	return 0;
}
