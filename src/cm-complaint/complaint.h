/*
 * complaint.h: the state of one cm-complaint run (004/4 §8-§14, 003 §4.3,
 * 000 §5.2, 001/12 §5.2-5.7).
 */
#ifndef COMPLAINT_H
#define COMPLAINT_H

#include <stddef.h>

#include "buf.h"
#include "calendar.h"
#include "csvin.h"
#include "date.h"
#include "opt.h"
#include "register.h"
#include "table.h"

/* A loss up to ten trillion yuan, in fen: far past any real case. */
#define LOSS_MAX	1000000000000000LL

/* The life cycle (DESIGN §3): each state's rank orders the open ones. */
enum state {
	ST_OPEN, ST_INVESTIGATING, ST_ACTION, ST_VERIFYING, ST_CLOSED,
	ST_REJECTED, ST_BAD = -1
};

struct ctx {
	struct cm_common co;
	char *file;		/* -f, or $CM_DATA/complaints.csv */
	const char *file_from;	/* how file was chosen, for messages */
	const char *verb;	/* the verb's name: only new creates */
	struct cm_cal *cal;	/* --calendar, or NULL: calendar days */
	char *conf_calendar;	/* complaint.conf calendar= */
	long days_domestic;	/* complaint.conf: 13 (004/4 §10) */
	long days_foreign;	/* 17 */
	double lock_timeout;
	cm_day today;
	cm_day as_of;		/* --as-of: overdue's day, close's date */
	cm_day from, to;	/* --from, --to; -1 unset */
	const char *reason;
	const char *by;
	const char *sort;
	const char *history;
	const char *status;
	const char *customer;
	const char *dept;
	const char *rules;
	int explain, dry_run, late, from_survey;
	cm_day provisional;	/* the latest day counted past the calendar */
	int attention;		/* exit 1: something was found and told */
	char **args;		/* after the verb */
	int nargs;
};

/* scan.c: the register read as a stream by overdue and stats. */
enum {
	SC_ID, SC_RECEIVED, SC_CUSTOMER, SC_MARKET, SC_STATUS, SC_DEPT,
	SC_DUE, SC_CLOSED, SC_LOSS, SC_REOPENED, SC_DESCRIPTION,
	SC_N
};

struct scan {
	struct cm_csv *r;	/* NULL once closed */
	int col[SC_N];		/* -1: the register has no such column */
};

void scan_open(struct ctx *c, struct scan *s);
int scan_next(struct scan *s);
const char *scan_get(const struct scan *s, int which);
cm_day scan_day(const struct scan *s, int which);
_Noreturn void scan_die(const struct scan *s, const char *msg);
void scan_close(struct scan *s);

/* main.c */
struct cm_register *open_register(struct ctx *c);
struct cm_register *read_register(struct ctx *c, int withlog);
_Noreturn void no_register(const struct ctx *c);
void commit_register(struct cm_register *r);
size_t col(struct cm_table *t, const char *name);
size_t find_id(struct cm_table *t, const char *id);
enum state state_of(const char *s);
const char *state_name(enum state s);
int due_date(struct ctx *c, const char *received, const char *market,
    char *out, struct cm_error *err);
int counted_to(struct ctx *c, cm_day d);
int past_calendar(struct ctx *c, const char *d);
void year_end_warning(struct ctx *c);
/* Whether field's values are words of words.map (market, status...). */
int vocabulary(const char *field);
int check_value(const char *field, const char *value, struct cm_buf *norm,
    const char **why);
int settable(const char *field);
void follow_cause(struct cm_register *r, size_t row, const char *given,
    const char *id);
struct cm_out *open_output(struct ctx *c);
_Noreturn void die_row(const char *where, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
extern const char *const columns[];

/* conf.c */
void read_conf(struct ctx *c);
/*
 * The cause list (share/cm/causes.category, read on the first call; a
 * bad list is exit 2, a missing one exit 4).  cause_of: the canonical
 * name of value, a cause's name or one of its Chinese names, or NULL
 * when it is none.  cause_category: quality or non-quality, for a
 * canonical name (NULL for none).  cause_zh: the Chinese name written
 * for a canonical name under --lang zh, the first the list gives it
 * (which cause_of reads back), or NULL for none.  cause_names:
 * "a, b, ..." for messages.  The strings live until exit.
 */
const char *cause_of(const char *value);
const char *cause_category(const char *name);
const char *cause_zh(const char *name);
const char *cause_names(void);
/* lang.c */
struct cm_out;
void out_column(struct cm_out *o, const char *name, const char *raw);
void out_value(struct cm_out *o, const char *name, const char *value);
/* new.c */
long id_serial(const char *id, char *yymm);
int verb_new(struct ctx *c);
/* change.c */
int verb_set(struct ctx *c);
int verb_close(struct ctx *c);
int verb_reject(struct ctx *c);
int verb_reopen(struct ctx *c);
int verb_redue(struct ctx *c);
void store_due(struct ctx *c, struct cm_register *r, size_t row,
    const char *due, const char *from);
/* report.c */
int verb_list(struct ctx *c);
int verb_overdue(struct ctx *c);
int verb_stats(struct ctx *c);
/* check.c */
int verb_check(struct ctx *c);
int verb_classify(struct ctx *c);

#endif
