/*
 * rulefile.c: the rule file (001/13 as policy a manager can change): one
 * rule a line, GRADE CONDITION, '#' comments, first match wins.  The whole
 * file is parsed before any row is read, so a bad rule costs no work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grade.h"
#include "i18n.h"
#include "lines.h"
#include "msg.h"
#include "share.h"
#include "suggest.h"
#include "xalloc.h"

/* The column of s[off] in characters, from 1: what an editor shows. */
static int
char_col(const char *s, size_t off)
{
	size_t i;
	int col = 1;

	for (i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/*
 * The condition as written, for --explain: without the comment after it
 * and the spaces before that.  The parser has read it already, so the
 * quotes, back quotes and pattern slashes are known to pair up; '/' is
 * no operator of the language, so outside strings and names it opens or
 * closes a pattern.
 */
static char *
cond_text(const char *s, size_t n)
{
	size_t e;
	char in = 0;		/* '"', '`' or '/' while inside one */

	for (e = 0; e < n; e++) {
		if (in == 0 && s[e] == '#')
			break;
		if (s[e] == '\\' && (in == '"' || in == '/') && e + 1 < n)
			e++;
		else if (in == 0 && (s[e] == '"' || s[e] == '`' ||
		    s[e] == '/'))
			in = s[e];
		else if (s[e] == in)
			in = 0;
	}
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return xstrndup(s, e);
}

static void
add_rule(struct ctx *c, const char *name, long line, char *s, size_t n)
{
	struct cm_error err;
	struct rule *ru;
	size_t i = 0, start;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (!(s[i] == 'A' || s[i] == 'B' || s[i] == 'C') ||
	    (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')) {
		size_t e = i;

		while (e < n && s[e] != ' ' && s[e] != '\t')
			e++;
		s[e] = '\0';
		cm_dieat(CM_USAGE, name, line, char_col(s, i), "expected a "
		    "grade A, B or C, found '%s'", cm_msg_value(s + i));
	}
	start = i + 1;
	while (start < n && (s[start] == ' ' || s[start] == '\t'))
		start++;
	if (start == n || s[start] == '#')
		cm_dieat(CM_USAGE, name, line, char_col(s, start), "expected a "
		    "condition after the grade '%c'", s[i]);
	c->rules = xgrow(c->rules, &c->rulecap, c->nrules + 1,
	    sizeof(*c->rules));
	ru = &c->rules[c->nrules];
	ru->grade = s[i];
	ru->line = line;
	ru->e = cm_expr_parse(s + start, n - start, name, line,
	    char_col(s, start), &err);
	if (ru->e == NULL)
		cm_die_error(&err);
	ru->cond = cond_text(s + start, n - start);
	c->nrules++;
}

void
rules_load(struct ctx *c)
{
	struct cm_error err;
	struct cm_lines *l;
	const char *name;
	char *s;
	size_t n;
	int rc;

	if (c->rules != NULL)
		return;
	if (c->rules_path != NULL) {
		c->rules_file = xstrdup(c->rules_path);
		c->rules_name = c->rules_path;
	} else {
		c->rules_file = cm_share_path("grade.rules");
		/* Short in every grade_rule cell, wherever cm is installed. */
		c->rules_name = "grade.rules";
	}
	if ((l = cm_lines_open(c->rules_file, _("rule file"), CM_USAGE,
	    &err)) == NULL)
		cm_die_error(&err);
	name = c->rules_name;
	while ((rc = cm_lines_next(l, &s, &n, &err)) == 1)
		if (!cm_lines_is_comment(s, n))
			add_rule(c, name, cm_lines_lineno(l), s, n);
	if (rc < 0)
		cm_die_error(&err);
	cm_lines_close(l);
	if (c->nrules == 0)
		cm_die(CM_USAGE, "%s: no rules", name);
}

void
rules_bind(struct ctx *c, const struct cm_csv *r)
{
	struct cm_error err;
	size_t i, j;
	int col;

	for (i = 0; i < c->nrules; i++)
		for (j = 0; j < cm_expr_ncols(c->rules[i].e); j++) {
			const char *name = cm_expr_colname(c->rules[i].e, j);

			if ((col = cm_csv_col(r, name)) < 0) {
				cm_no_column(r, name, &err);
				cm_dieat(CM_DATA, err.file, err.line, 0,
				    "%s:%ld reads a column the input lacks: %s",
				    c->rules_name, c->rules[i].line, err.msg);
			}
			cm_expr_bind(c->rules[i].e, j, (size_t)col);
		}
}

const char *
rule_where(const struct ctx *c, const struct rule *ru, struct cm_buf *buf)
{
	cm_buf_reset(buf);
	cm_buf_printf(buf, "%s:%ld", c->rules_name, ru->line);
	return cm_buf_str(buf);
}

const struct rule *
rules_grade(struct ctx *c, const struct cm_csv *r, const char *const *f,
    const size_t *n, int id_col, cm_expr_seen *seen, void *arg)
{
	struct cm_error err;
	size_t i;
	int rc;

	for (i = 0; i < c->nrules; i++) {
		rc = cm_expr_eval(c->rules[i].e, f, n, c->today, seen, arg,
		    &err);
		if (rc == 1)
			return &c->rules[i];
		if (rc < 0) {
			if (id_col >= 0)
				cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r),
				    0, "customer '%s': %s (rule %s:%ld)",
				    cm_msg_value(f[id_col]), err.msg,
				    c->rules_name, c->rules[i].line);
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "%s (rule %s:%ld)", err.msg, c->rules_name,
			    c->rules[i].line);
		}
	}
	if (id_col >= 0)
		cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, "no rule of "
		    "%s matches customer '%s' (end the rules with a catch-all "
		    "such as 'C true')", c->rules_name, cm_msg_value(f[id_col]));
	cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0, "no rule of %s "
	    "matches (end the rules with a catch-all such as 'C true')",
	    c->rules_name);
}

void
rules_free(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		cm_expr_free(c->rules[i].e);
		free(c->rules[i].cond);
	}
	free(c->rules);
	free(c->rules_file);
	c->rules = NULL;
	c->nrules = c->rulecap = 0;
}
