/*
 * change.c: the life cycle of a complaint (DESIGN §3): open,
 * investigating, action, verifying, closed, or rejected (004/4 §9.14);
 * closing needs the responsibility and, when it is ours, the cause, the
 * root cause, the corrective action and the department (003 §4.3.2);
 * reopening (the customer is not satisfied, 003 §4.3.2) goes back to
 * action with a new due date.  A refused change writes nothing (exit 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "complaint.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "words.h"
#include "xalloc.h"

static struct cm_register *
open_case(struct ctx *c, const char *verb, size_t *row, int min_args)
{
	struct cm_register *r;

	if (c->nargs < min_args)
		cm_usage_error("%s needs a complaint id%s", verb,
		    min_args > 1 ? _(" and KEY=VALUE") : "");
	r = open_register(c);
	*row = find_id(cm_register_table(r), c->args[0]);
	return r;
}

static enum state
current(struct cm_table *t, size_t row)
{
	return state_of(cm_table_get(t, row, col(t, "status")));
}

static void
set(struct cm_register *r, size_t row, const char *field, const char *value)
{
	struct cm_error err;
	struct cm_table *t = cm_register_table(r);

	if (cm_register_set(r, row, col(t, field), value, &err) < 0)
		cm_die_error(&err);
}

/*
 * Store a due date counted from day from.  One that reaches past the
 * calendar's last year is provisional: due_provisional keeps the day it
 * was counted from, so redue and check can count it again once the year
 * is added (a reopened case counts from its reopening, which no other
 * column holds).  A final date empties it; a register that never had a
 * provisional date does not grow the column.
 */
void
store_due(struct ctx *c, struct cm_register *r, size_t row, const char *due,
    const char *from)
{
	struct cm_table *t = cm_register_table(r);

	set(r, row, "due", due);
	if (past_calendar(c, due))
		set(r, row, "due_provisional", from);
	else if (cm_table_col(t, "due_provisional") >= 0)
		set(r, row, "due_provisional", "");
}

/* Recount due from day from (004/4 §10) after received or market change. */
static void
set_due(struct ctx *c, struct cm_register *r, size_t row, const char *from,
    const char *id)
{
	struct cm_table *t = cm_register_table(r);
	struct cm_error err;
	char due[16];

	if (due_date(c, from, cm_table_get(t, row, col(t, "market")), due,
	    &err) < 0)
		cm_die(CM_DATA, "%s: %s", id, err.msg);
	store_due(c, r, row, due, from);
}

/*
 * KEY=VALUE arguments args[first..]: all checked before any is set.  A
 * status may only move forward among the open states.
 */
static void
apply(struct ctx *c, struct cm_register *r, size_t row, int first)
{
	struct cm_table *t = cm_register_table(r);
	const char *id = c->args[0], *why;
	struct cm_buf norm = {0};
	const char *category = NULL;
	int i, redue = 0;

	for (i = first; i < c->nargs; i++) {
		char *eq = strchr(c->args[i], '=');
		enum state to, from;

		if (eq == NULL || eq == c->args[i])
			cm_usage_error("expected KEY=VALUE, not '%s'",
			    c->args[i]);
		*eq = '\0';
		if (cm_table_col(t, c->args[i]) < 0)
			cm_usage_error("unknown field '%s'", c->args[i]);
		if (!settable(c->args[i]))
			cm_usage_error("field '%s' is set by cm-complaint "
			    "itself", c->args[i]);
		if (check_value(c->args[i], eq + 1, &norm, &why) < 0)
			cm_die(CM_DATA, "%s: invalid %s '%s' (%s)", id,
			    c->args[i], eq + 1, why);
		if (strcmp(c->args[i], "status") == 0) {
			to = state_of(cm_buf_str(&norm));
			from = current(t, row);
			if (to >= ST_CLOSED || from >= ST_CLOSED || to < from)
				cm_die(CM_DATA, "%s: cannot go from %s to %s "
				    "with set (use close, reject or reopen)",
				    id, state_name(from), state_name(to));
		}
		*eq = '=';
	}
	for (i = first; i < c->nargs; i++) {
		char *eq = strchr(c->args[i], '=');

		*eq = '\0';
		check_value(c->args[i], eq + 1, &norm, &why);
		if (strcmp(c->args[i], "received") == 0 ||
		    strcmp(c->args[i], "market") == 0)
			redue = 1;
		set(r, row, c->args[i], cm_buf_str(&norm));
		if (strcmp(c->args[i], "category") == 0)
			category = cm_word("category", eq + 1);
		*eq = '=';
	}
	cm_buf_free(&norm);
	follow_cause(r, row, category, id);
	/* A reopened case's due date counts from the reopening instead. */
	if (redue && *cm_table_get(t, row, col(t, "reopened")) == '\0')
		set_due(c, r, row, cm_table_get(t, row, col(t, "received")),
		    id);
}

int
verb_set(struct ctx *c)
{
	size_t row;
	struct cm_register *r = open_case(c, "set", &row, 2);

	apply(c, r, row, 1);
	commit_register(r);
	return CM_OK;
}

static void
refuse_unless_open(struct cm_table *t, size_t row, const char *id,
    const char *verb)
{
	enum state s = current(t, row);

	if (s == ST_BAD || s >= ST_CLOSED)
		cm_die(CM_DATA, "%s: cannot %s a complaint that is %s", id,
		    verb, s == ST_BAD ? _("in no known state") : state_name(s));
}

int
verb_close(struct ctx *c)
{
	static const char *const ours[] = {"cause", "root_cause", "action",
	    "dept", NULL};
	struct cm_buf missing = {0};
	struct cm_table *t;
	char today[16];
	size_t row, i;
	struct cm_register *r = open_case(c, "close", &row, 1);
	const char *resp;

	t = cm_register_table(r);
	refuse_unless_open(t, row, c->args[0], "close");
	apply(c, r, row, 1);
	resp = cm_table_get(t, row, col(t, "responsibility"));
	if (*resp == '\0')
		cm_buf_adds(&missing, "responsibility");
	for (i = 0; strcmp(resp, "ours") == 0 && ours[i]; i++)
		if (*cm_table_get(t, row, col(t, ours[i])) == '\0') {
			cm_buf_adds(&missing, missing.len ? ", " : "");
			cm_buf_adds(&missing, ours[i]);
		}
	if (missing.len > 0)
		cm_die(CM_DATA, "%s: cannot close: no %s%s", c->args[0],
		    cm_buf_str(&missing),
		    *resp ? _(" (responsibility is ours)") : "");
	set(r, row, "status", "closed");
	set(r, row, "closed", cm_date_format(c->as_of, today));
	commit_register(r);
	return CM_OK;
}

int
verb_reject(struct ctx *c)
{
	struct cm_table *t;
	char today[16];
	size_t row;
	struct cm_register *r;

	if (c->reason == NULL || *c->reason == '\0')
		cm_usage_error("reject needs --reason (what the customer is "
		    "told)");
	r = open_case(c, "reject", &row, 1);
	t = cm_register_table(r);
	refuse_unless_open(t, row, c->args[0], "reject");
	apply(c, r, row, 1);
	set(r, row, "status", "rejected");
	set(r, row, "closed", cm_date_format(c->as_of, today));
	set(r, row, "result", c->reason);
	commit_register(r);
	return CM_OK;
}

int
verb_reopen(struct ctx *c)
{
	struct cm_table *t;
	char today[16], n[32];
	size_t row;
	long long times = 0;
	struct cm_register *r;
	enum state s;

	if (c->reason == NULL || *c->reason == '\0')
		cm_usage_error("reopen needs --reason (why the customer is not "
		    "satisfied)");
	r = open_case(c, "reopen", &row, 1);
	t = cm_register_table(r);
	if ((s = current(t, row)) != ST_CLOSED)
		cm_die(CM_DATA, "%s: cannot reopen a complaint that is %s",
		    c->args[0], state_name(s));
	apply(c, r, row, 1);
	cm_strtonum(cm_table_get(t, row, col(t, "reopened")), 0, 1000000,
	    &times);
	snprintf(n, sizeof(n), "%lld", times + 1);
	/* The first due date stays in the log: set logs the old value. */
	cm_register_log(r, c->args[0], "reason", "", c->reason);
	set(r, row, "status", "action");
	set(r, row, "closed", "");
	set(r, row, "reopened", n);
	set_due(c, r, row, cm_date_format(c->as_of, today), c->args[0]);
	commit_register(r);
	return CM_OK;
}

/*
 * Count provisional due dates again (DESIGN §2: once next year's
 * holidays are added, the dates counted Monday to Friday may move).  With
 * ids, only those, which must be provisional; without, every one.  Each
 * change is logged like any other; a date still past the calendar stays
 * provisional.  Prints id, the due date before and after, and whether it
 * is final now.
 */
int
verb_redue(struct ctx *c)
{
	struct cm_register *r = open_register(c);
	struct cm_table *t = cm_register_table(r);
	int pc = cm_table_col(t, "due_provisional"), i;
	struct cm_out *o;
	size_t row, n = cm_table_nrows(t);
	char *was;

	for (i = 0; i < c->nargs; i++) {
		row = find_id(t, c->args[i]);
		if (pc < 0 || *cm_table_get(t, row, (size_t)pc) == '\0')
			cm_die(CM_DATA, "%s: due %s is not provisional",
			    c->args[i], cm_table_get(t, row, col(t, "due")));
	}
	o = open_output(c);
	out_column(o, "id", NULL);
	out_column(o, "due_was", NULL);
	out_column(o, "due", NULL);
	out_column(o, "final", NULL);
	cm_out_endrow(o);
	for (row = 0; pc >= 0 && row < n; row++) {
		const char *id = cm_table_get(t, row, col(t, "id"));
		const char *from = cm_table_get(t, row, (size_t)pc);

		if (*from == '\0')
			continue;
		for (i = 0; i < c->nargs && strcmp(c->args[i], id) != 0; i++)
			;
		if (c->nargs > 0 && i == c->nargs)
			continue;
		was = xstrdup(cm_table_get(t, row, col(t, "due")));
		set_due(c, r, row, from, id);
		cm_out_str(o, id);
		cm_out_str(o, was);
		cm_out_str(o, cm_table_get(t, row, col(t, "due")));
		if (*cm_table_get(t, row, (size_t)pc) != '\0')
			cm_out_text(o, "no", "否");
		else
			cm_out_text(o, "yes", "是");
		cm_out_endrow(o);
		free(was);
	}
	commit_register(r);
	cm_out_close(o);
	return CM_OK;
}
