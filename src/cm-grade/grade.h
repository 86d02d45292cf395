/*
 * grade.h: the state of one cm-grade run: customers graded A, B or C by
 * credit standing (001/13, 001/14), the report rhythm of each grade, and
 * the changes for the customer review (000 §5.4.2, §5.4.3).
 */
#ifndef GRADE_H
#define GRADE_H

#include <stddef.h>

#include "csvin.h"
#include "csvout.h"
#include "date.h"
#include "expr.h"
#include "opt.h"
#include "suggest.h"

/* One line of the rule file: GRADE CONDITION. */
struct rule {
	char grade;		/* 'A', 'B' or 'C' */
	long line;
	char *cond;		/* the condition as written, for --explain */
	struct cm_expr *e;
};

struct ctx {
	struct cm_common co;
	const char *rules_path;	/* -r, or NULL: share/cm/grade.rules */
	char *rules_file;	/* the path read */
	const char *rules_name;	/* the name grade_rule and messages use */
	struct rule *rules;
	size_t nrules, rulecap;
	cm_day today;		/* --as-of, or today */
	const char *explain;	/* --explain ID */
	const char *abc;	/* --abc COLUMN */
	long long cut_a, cut_b;	/* --cuts, in hundredths of a percent */
	int due_year, due_month;	/* --due */
	const char *previous;	/* --diff */
	char **inputs;		/* FILE..., or one NULL: standard input */
	int ninputs;
	int attention;		/* exit 1 */
};

/* rulefile.c */
void rules_load(struct ctx *c);
/*
 * Bind every column the rules name to r's columns; a column r lacks is
 * exit 3 before any row is read, naming it, the rule and r's columns.
 */
void rules_bind(struct ctx *c, const struct cm_csv *r);
/*
 * The rule that decides the current row of r (first match wins), with
 * f and n its cells; seen and arg as cm_expr_eval's, for --explain.
 * A row no rule matches and a failed evaluation are exit 3, naming the
 * row, its id (id_col >= 0) and the rule.
 */
const struct rule *rules_grade(struct ctx *c, const struct cm_csv *r,
    const char *const *f, const size_t *n, int id_col, cm_expr_seen *seen,
    void *arg);
void rules_free(struct ctx *c);

/* source.c: the input rows, each with a grade, read or decided. */
struct source {
	struct ctx *c;
	int k;			/* the input being read */
	struct cm_csv *r;
	size_t ncols;
	const char **f;
	size_t *n;
	char *header;		/* the first input's columns, for the others */
	int id_col, name_col;	/* -1: none */
	int grade_col;		/* -1: graded here by the rules */
	int refuse_graded;	/* an input with a grade column is an error */
	int read_only;		/* rows are not graded (rule and grade NULL) */
	const struct rule *rule;	/* of the current row, or NULL */
	const char *grade;	/* of the current row */
	size_t glen;
	/* Called with each input's header (r and ncols set), or NULL. */
	void (*on_header)(struct source *s, int first);
	void *arg;
};

void source_init(struct source *s, struct ctx *c);
/* An on_header for the modes that name customers by id. */
void source_need_id(struct source *s, int first);
/* The next row: 1, or 0 at the end of the last input. */
int source_next(struct source *s);
const char *source_id(const struct source *s);
void source_free(struct source *s);
/*
 * A customer's name under --lang zh: columns.map's first Chinese for
 * name is 品名, a product's.
 */
#define NAME_ZH	"名称"
/*
 * The input's columns as a header row (the names the user wrote under
 * --lang zh, cm_out_name; NAME_ZH for a name headed in ASCII), and the
 * current row's cells: the grade column, when the input has one, as the
 * output's word for its grade (A, or A级 under --lang zh), the other
 * cells as they came.
 */
void source_out_header(const struct source *s, struct cm_out *o);
void source_out_row(const struct source *s, struct cm_out *o);
/* "FILE:LINE" of a rule, into buf (its name may be any length). */
const char *rule_where(const struct ctx *c, const struct rule *ru,
    struct cm_buf *buf);

/* grade.c: the grade and grade_rule headers a graded file adds. */
void grade_columns(struct cm_out *o);

/* The modes. */
int do_grade(struct ctx *c);
int do_explain(struct ctx *c);
int do_abc(struct ctx *c);
int do_due(struct ctx *c);
int do_diff(struct ctx *c);

#endif
