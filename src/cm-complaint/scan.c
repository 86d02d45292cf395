/*
 * scan.c: the register as a stream, for the verbs that only count
 * (overdue, stats).  They need neither the whole table in memory nor the
 * lock: a writer replaces the register by rename, so an open register is
 * always one whole version of it.  A missing register is an error, not
 * an empty one: "nothing overdue" from a mistyped $CM_DATA would lie.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "complaint.h"
#include "msg.h"

static const char *const names[SC_N] = {
	"id", "received", "customer", "market", "status", "dept", "due",
	"closed", "loss", "reopened", "description"
};

/* Columns a register must have (as register open demands them too). */
static const int needed[] = {SC_ID, SC_RECEIVED, SC_CUSTOMER, SC_MARKET,
    SC_STATUS, SC_DUE, SC_CLOSED};

void
scan_open(struct ctx *c, struct scan *s)
{
	struct cm_error err;
	size_t i;

	memset(s, 0, sizeof(*s));
	if (access(c->file, F_OK) != 0 && errno == ENOENT)
		no_register(c);
	if ((s->r = cm_csv_open(c->file, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	for (i = 0; i < SC_N; i++)
		s->col[i] = cm_csv_col(s->r, names[i]);
	for (i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (s->col[needed[i]] < 0)
			cm_dieat(CM_DATA, cm_csv_name(s->r), 1, 0,
			    "not a register: no column '%s'", names[needed[i]]);
}

int
scan_next(struct scan *s)
{
	struct cm_error err;
	int rc;

	if (s->r == NULL)
		return 0;
	if ((rc = cm_csv_next(s->r, &err)) < 0)
		cm_die_error(&err);
	return rc;
}

const char *
scan_get(const struct scan *s, int which)
{
	return s->col[which] < 0 ? "" :
	    cm_csv_field(s->r, (size_t)s->col[which]);
}

/* A date column of the current row: -1 when empty. */
cm_day
scan_day(const struct scan *s, int which)
{
	const char *v = scan_get(s, which);
	cm_day d;

	if (*v == '\0')
		return -1;
	if (cm_date_parse(v, strlen(v), &d) < 0)
		cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r), 0,
		    "invalid %s '%s' (run check)", names[which], v);
	return d;
}

/* A data error about the current row, naming its complaint. */
void
scan_die(const struct scan *s, const char *msg)
{
	cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r), 0, "%s: %s",
	    scan_get(s, SC_ID), msg);
}

void
scan_close(struct scan *s)
{
	cm_csv_close(s->r);
	s->r = NULL;
}
