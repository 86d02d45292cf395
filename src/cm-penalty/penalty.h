/*
 * penalty.h: the state of one cm-penalty run: the complaint cases charged
 * in a month, shared by responsibility and turned into deductions from
 * each person's efficiency bonus (004 article 3).
 *
 * Memory holds the staff (with its units and departments), the cases
 * charged in --month and a fingerprint of each one's dates and amounts,
 * so that its rows in different months cannot disagree; the rows of
 * cases charged in other months are dropped.  Regular files are read
 * twice so that nothing else is kept; standard input, read once, keeps a
 * fingerprint of every case it holds (about 80 bytes with its id:
 * cases.c), growing with the history.  A register
 * given with --register is held whole, as every register is (table.h),
 * with two states of each of its rows replayed from the history log
 * (ledger.c).  The parts of each case are kept only for --cases.
 */
#ifndef PENALTY_H
#define PENALTY_H

#include <stddef.h>

#include "csvin.h"
#include "date.h"
#include "opt.h"
#include "strset.h"

/* Money is integer fen; points thousandths; shares hundredths of a percent. */
#define MONEY_MAX	10000000000000LL	/* 100 billion yuan, in fen */
#define POINTS_MAX	1000000000LL		/* a million points */
#define SHARE_WHOLE	10000			/* 100.00% */

/* penalty.conf (行政处分 (五), 经济处罚准则 (三).4, (一)). */
struct conf {
	long long warning;	/* fen a warning costs: 400.00 */
	long long minor;	/* fen a minor demerit, per point: 800.00 */
	long long cap;		/* percent of the bonus: 50 */
	long resale_days;	/* 30 */
};

/* One row of the staff file, and its month. */
struct person {
	char *id, *name, *unit, *dept;
	long long points;	/* base points (基点), thousandths */
	long long bonus;	/* the month's efficiency bonus, fen */
	long line;
	long long carried_in, assigned, sanctions;
	long long warnings, minors;	/* counts from --sanctions */
	int major;		/* a major demerit or worse this month */
	long carry_line;	/* its row of --carry, or 0 */
};

/* A unit (班/组) or a department: members, in staff order. */
struct group {
	const char *name;
	size_t *member;
	size_t n, cap;
	long long points;	/* the members' total */
};

/* A party of a case: a person, a unit or a department, and its share. */
enum party_kind { PARTY_PERSON, PARTY_UNIT, PARTY_DEPT };
struct party {
	enum party_kind kind;
	size_t who;		/* index of the person or the group */
	long long share;	/* hundredths of a percent */
	size_t file;		/* index into ctx.names */
	long line;
};

/* How the loss of a case was settled (004 article 3 (一)). */
enum loss_rule { LOSS_ACTUAL, LOSS_RESOLD, LOSS_NOT_RESOLD };

/* A case charged in --month, with its parties. */
struct kase {
	char *id;
	size_t file;		/* index into ctx.names */
	long line;		/* its first row */
	cm_day closed;
	long long loss;		/* its loss, fen (--register: Cum(C)) */
	long long charge;	/* what this month charges: the loss, or
				   with --register Cum(C) − Cum(P), which
				   may be negative (a refund) */
	long long before;	/* --register: Cum(P), charged before */
	int rejected;		/* --register: rejected since */
	enum loss_rule rule;
	struct party *party;
	size_t n, cap;
};

struct ctx {
	struct cm_common co;
	const char *month_arg;	/* --month */
	int year, month;
	const char *staff_path;	/* --staff */
	/* Its person, name and dept headers as written, for --lang zh. */
	char *raw_person, *raw_name, *raw_dept;
	const char *sanctions;	/* --sanctions, or NULL */
	const char *carry;	/* --carry, or NULL */
	const char *reg;	/* --register, or NULL */
	int by_case;		/* --cases */
	char **inputs;		/* CASES, or one NULL: standard input */
	int ninputs;
	struct conf conf;

	struct person *staff;
	size_t nstaff, staffcap;
	struct cm_strset *by_id;	/* person id -> index */
	struct group *units, *depts;
	size_t nunits, unitcap, ndepts, deptcap;
	struct cm_strset *unit_ix, *dept_ix;

	struct kase *cases;
	size_t ncases, casecap;
	struct cm_strset *case_ix;	/* case id -> index */
	struct cm_strset *ambiguous;	/* parties noticed as ambiguous */
	char **names;		/* the input names messages give, kept */
	size_t nnames;

	struct part *parts;	/* with --cases: each person's part of a case */
	size_t nparts, partcap;
};

/* A person's part of a case, through one of its parties (--cases). */
struct part {
	size_t k;		/* the case */
	size_t party;		/* its party */
	size_t person;
	long long amount;	/* fen */
};

/* conf.c */
void conf_read(struct ctx *c);

/* staff.c: --staff, --sanctions, --carry.  Errors exit 3 with file:line. */
void staff_read(struct ctx *c);
void sanctions_read(struct ctx *c);
void carry_read(struct ctx *c);
/* The money in column col of r's row, fen, 0 or more, or exit 3. */
long long cell_money(struct cm_csv *r, int col, const char *what);
/* "YYYY-MM" of the month n months after --month (n may be negative). */
const char *month_name(const struct ctx *c, int n, char *buf);

/* cases.c: CASES (and --register): the cases charged in --month. */
void cases_read(struct ctx *c);
/* "60", "33.33": a share in hundredths as a percentage, into buf[32]. */
const char *share_fmt(long long v, char *buf);

/*
 * ledger.c: --register, the register's history log as a ledger (the
 * month of a change is the month its log line was written).
 */
enum { HELD_NONE, HELD_CLOSED, HELD_REJECTED };
/* A case's values at the end of its last closing or rejection. */
struct held {
	int status;		/* HELD_NONE: never closed or rejected */
	cm_day closed;		/* CM_NO_DAY: none */
	long long loss;		/* fen; -1: none */
	long line;		/* the log line that ended that transaction */
};
/* A register row: its two states, and cases.c's bookkeeping of it. */
struct ledger_case {
	struct held before;	/* P: the lines of the months before M */
	struct held now;	/* C: to the end of M */
	unsigned long long fp;	/* its CASES rows' resale fingerprint */
	size_t fp_file;		/* ... first met in c->names[fp_file] */
	long fp_line;		/* ... on this line; 0: none met yet */
	int noticed;		/* "closed without a loss" said */
};
/*
 * Read the register c->reg and replay its log for --month (main.c has
 * checked that --month is over): exit 3 on an invalid time, closed date
 * or loss in a line of --month or before, 4 when the log cannot be read.
 */
void ledger_open(struct ctx *c);
/*
 * The register row of case id, judged at r's current row, with its two
 * states; the pointer stays valid until ledger_close.  Exit 3 when the
 * case is not in the register, when a damaged log line of a month up to
 * --month names it or names no readable id, and when the whole log never
 * closes it.
 */
struct ledger_case *ledger_case(struct cm_csv *r, const char *id);
const char *ledger_logpath(void);
void ledger_close(void);

/* split.c: each case's loss to its parties, each party's to persons. */
void cases_split(struct ctx *c);

/* month.c: a person's month: sanctions, then complaints under the cap. */
struct month {
	long long sanctions, due, cap, deducted, carried_out;
};
/* 0, or -1 when an amount overflows (absurd counts or bonuses). */
int person_month(const struct ctx *c, const struct person *p,
    struct month *m);

/* out.c: the two outputs; the exit status (1: someone carries). */
int output(struct ctx *c);

/*
 * Money (or a share, in hundredths) with at most two decimals, exactly:
 * 0 with *v in [min, max]; -1 when s is no such number or out of range;
 * -2 when it has a non-zero third decimal or more, which would be
 * rounded away (cm_money_parse rounds "100.005" to 100.01).
 */
int money2_parse(const char *s, long long min, long long max, long long *v);

void ctx_free(struct ctx *c);

#endif
