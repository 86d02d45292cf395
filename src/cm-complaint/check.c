/*
 * check.c: a register's consistency, for a nightly job, and classify:
 * the cause of a complaint found in its description (004/3 §4, 004/4 §5).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "complaint.h"
#include "i18n.h"
#include "msg.h"
#include "rules.h"
#include "share.h"
#include "xalloc.h"

static long findings;

static void
finding(struct cm_table *t, size_t row, const char *fmt, const char *a,
    const char *b)
{
	printf("%s:%ld: id '%s': ", cm_table_name(t), cm_table_line(t, row),
	    cm_table_get(t, row, col(t, "id")));
	printf(fmt, a, b);
	putchar('\n');
	findings++;
}

/* YYMM then a serial of two digits, or more past 99 (004/4 §8). */
static int
good_id(const char *id, const char *received)
{
	char yymm[5];

	if (id_serial(id, yymm) <= 0 || memcmp(id + 2, "00", 2) == 0 ||
	    (id[2] - '0') * 10 + id[3] - '0' > 12)
		return 0;
	return strlen(received) < 10 || (id[0] == received[2] &&
	    id[1] == received[3] && id[2] == received[5] &&
	    id[3] == received[6]);
}

/* The fields a person sets, held to what new and set would accept. */
static void
check_fields(struct cm_table *t, size_t i)
{
	static const char *const fields[] = {"channel", "category", "cause",
	    "responsibility", "qty", "defect_qty", "loss", NULL};
	struct cm_buf norm = {0}, what = {0};
	const char *v, *why;
	size_t k;
	int c;

	for (k = 0; fields[k] != NULL; k++) {
		if ((c = cm_table_col(t, fields[k])) < 0)
			continue;
		v = cm_table_get(t, i, (size_t)c);
		if (check_value(fields[k], v, &norm, &why) == 0) {
			/*
			 * new and set store the canonical word: 电话 or
			 * Phone in the register was written by hand.
			 */
			if (!vocabulary(fields[k]) ||
			    strcmp(v, cm_buf_str(&norm)) == 0)
				continue;
			cm_buf_reset(&what);
			cm_buf_printf(&what, "%s '%s'", fields[k], v);
			finding(t, i, _("%s is stored by its word: %s"),
			    cm_buf_str(&what), cm_buf_str(&norm));
			continue;
		}
		cm_buf_reset(&what);
		cm_buf_printf(&what, _("invalid %s '%s'"), fields[k], v);
		finding(t, i, "%s (%s)", cm_buf_str(&what), why);
	}
	/* What set would store: the cause's own name, its category. */
	if ((c = cm_table_col(t, "cause")) >= 0 &&
	    (v = cause_of(cm_table_get(t, i, (size_t)c))) != NULL) {
		const char *cat = cm_table_get(t, i, col(t, "category"));

		if (strcmp(v, cm_table_get(t, i, (size_t)c)) != 0)
			finding(t, i, _("cause '%s' is stored by its name: %s"),
			    cm_table_get(t, i, (size_t)c), v);
		else if (strcmp(cat, cause_category(v)) != 0) {
			cm_buf_reset(&what);
			cm_buf_printf(&what, _("category '%s' does not go "
			    "with cause '%s'"), cat, v);
			finding(t, i, "%s (%s)", cm_buf_str(&what),
			    cause_category(v));
		}
	}
	cm_buf_free(&norm);
	cm_buf_free(&what);
}

static void
check_row(struct ctx *c, struct cm_table *t, size_t i)
{
	const char *id = cm_table_get(t, i, col(t, "id"));
	const char *received = cm_table_get(t, i, col(t, "received"));
	const char *market = cm_table_get(t, i, col(t, "market"));
	const char *status = cm_table_get(t, i, col(t, "status"));
	const char *due = cm_table_get(t, i, col(t, "due"));
	const char *closed = cm_table_get(t, i, col(t, "closed"));
	int pc = cm_table_col(t, "due_provisional");
	const char *from = pc < 0 ? "" : cm_table_get(t, i, (size_t)pc);
	const size_t *rows;
	enum state s = state_of(status);
	struct cm_error err;
	char want[16];
	cm_day d;

	if (!good_id(id, received))
		finding(t, i, _("malformed id, or not of the month received "
		    "(%s)%s"), received, "");
	if (cm_table_find(t, col(t, "id"), id, &rows) > 1 && rows[0] != i) {
		snprintf(want, sizeof(want), "%ld", cm_table_line(t, rows[0]));
		finding(t, i, _("id used again (first on line %s)%s"), want,
		    "");
	}
	if (cm_date_parse(received, strlen(received), &d) < 0)
		finding(t, i, _("invalid received date '%s'%s"), received,
		    "");
	if (strcmp(market, "domestic") != 0 && strcmp(market, "foreign") != 0)
		finding(t, i, _("invalid market '%s'%s"), market, "");
	if (s == ST_BAD)
		finding(t, i, _("invalid status '%s'%s"), status, "");
	if ((s == ST_CLOSED || s == ST_REJECTED) != (*closed != '\0'))
		finding(t, i, _("status %s with closed date '%s'"), status,
		    closed);
	if (*closed && cm_date_parse(closed, strlen(closed), &d) < 0)
		finding(t, i, _("invalid closed date '%s'%s"), closed, "");
	check_fields(t, i);
	/*
	 * A provisional due date (past the calendar's last year) is counted
	 * again from the day it was counted from: listed while it stays
	 * provisional, and once the calendar covers it, listed for redue,
	 * moved or not.  Otherwise a reopened case counts from the
	 * reopening, which no column holds.
	 */
	if (*from != '\0') {
		if (due_date(c, from, strcmp(market, "foreign") == 0 ?
		    "foreign" : "domestic", want, &err) < 0)
			finding(t, i, "%s%s", err.msg, "");
		else if (past_calendar(c, want) && strcmp(due, want) != 0)
			finding(t, i, _("provisional due '%s' should be %s"),
			    due, want);
		else if (past_calendar(c, want))
			finding(t, i, _("due %s is provisional: counted "
			    "Monday to Friday from %s"), due, from);
		else if (strcmp(due, want) != 0)
			finding(t, i, _("provisional due %s is %s with "
			    "the calendar now: run 'cm-complaint redue'"), due,
			    want);
		else
			finding(t, i, _("provisional due %s is final "
			    "with the calendar now: run 'cm-complaint "
			    "redue'%s"), due, "");
	} else if (*cm_table_get(t, i, col(t, "reopened")) == '\0' &&
	    cm_date_parse(received, strlen(received), &d) == 0) {
		if (due_date(c, received, strcmp(market, "foreign") == 0 ?
		    "foreign" : "domestic", want, &err) < 0)
			finding(t, i, "%s%s", err.msg, "");
		else if (strcmp(due, want) != 0)
			finding(t, i, _("due '%s' should be %s"), due, want);
	}
}

int
verb_check(struct ctx *c)
{
	struct cm_register *r = read_register(c, 1);
	struct cm_table *t = cm_register_table(r);
	struct cm_findings f = {0};
	struct cm_error err;
	size_t i;

	for (i = 0; i < cm_table_nrows(t); i++)
		check_row(c, t, i);
	if (cm_register_check(r, &f, &err) < 0)
		cm_die_error(&err);
	for (i = 0; i < f.n; i++) {
		printf("%s:%ld: %s\n", f.v[i].in_register ? cm_table_name(t) :
		    cm_register_logpath(r), f.v[i].line, f.v[i].msg);
		findings++;
	}
	cm_findings_free(&f);
	cm_register_abort(r);
	cm_close_stdout();
	return findings ? CM_ATTENTION : CM_OK;
}

/*
 * Fill each empty cause (and an empty category) from the description
 * with the first rule that matches; print which rule decided.
 */
int
verb_classify(struct ctx *c)
{
	struct cm_register *r = open_register(c);
	struct cm_table *t = cm_register_table(r);
	struct cm_rules rs = {0};
	struct cm_buf out = {0};
	struct cm_error err;
	char *path = c->rules ? xstrdup(c->rules) :
	    cm_share_path("causes.rules");
	size_t i, k, cause = col(t, "cause"), cat = col(t, "category");
	size_t desc = col(t, "description");

	if (cm_rules_load(&rs, path, &err) < 0)
		cm_die_error(&err);
	/* A rule may only give a cause of the cause list, by its name. */
	for (k = 0; k < rs.n; k++)
		if (cause_of(rs.v[k].name) == NULL ||
		    strcmp(cause_of(rs.v[k].name), rs.v[k].name) != 0)
			cm_dieat(CM_USAGE, rs.file, rs.v[k].line, 0, "unknown "
			    "cause '%s' (one of %s)", rs.v[k].name,
			    cause_names());
	for (i = 0; i < cm_table_nrows(t); i++) {
		const char *d = cm_table_get(t, i, desc);
		int rc;

		if (*cm_table_get(t, i, cause) != '\0' || *d == '\0')
			continue;
		rc = cm_rules_match(&rs, d, strlen(d), CM_RE_VALID_UTF8, &k,
		    NULL, &err);
		if (rc < 0)
			cm_dieat(CM_DATA, cm_table_name(t), cm_table_line(t, i),
			    0, "%s", err.msg);
		if (rc == 0)
			continue;
		cm_buf_printf(&out, "%s\t%s\t%s:%ld\n", cm_table_get(t, i,
		    col(t, "id")), rs.v[k].name, rs.file, rs.v[k].line);
		if (cm_register_set(r, i, cause, rs.v[k].name, &err) < 0)
			cm_die_error(&err);
		/* The category follows the cause, as on every write. */
		if (cm_register_set(r, i, cat, cause_category(rs.v[k].name),
		    &err) < 0)
			cm_die_error(&err);
	}
	cm_rules_free(&rs);
	free(path);
	/*
	 * A decision is told once it holds: after the commit, not before,
	 * so that no line names a cause the register did not take.  As
	 * with new, decisions nobody could read are not made, and should
	 * printing fail after the commit the message says they were.
	 */
	if (cm_stdout_closed()) {
		cm_register_abort(r);
		cm_die(CM_SYSTEM, "standard output is closed: nothing "
		    "classified, since the decisions could not be printed");
	}
	if (c->dry_run)
		cm_register_abort(r);
	else
		commit_register(r);
	errno = 0;
	fputs(cm_buf_str(&out), stdout);
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		cm_die(CM_SYSTEM, "%s, but could not print the decisions: "
		    "write error on standard output: %s", c->dry_run ?
		    _("changed nothing") : _("classified and committed"),
		    strerror(errno ? errno : EIO));
	cm_buf_free(&out);
	return CM_OK;
}
