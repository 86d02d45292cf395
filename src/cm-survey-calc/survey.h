/*
 * survey.h: the state of one cm-survey-calc run (000 §5.3, 001/12 §5.10).
 *
 * Everything the report needs is a whole-number tally per group, so a run
 * can stop at the tallies (--partial) and another can add tallies up
 * (--merge) and get exactly what one run over all the input would give.
 */
#ifndef SURVEY_H
#define SURVEY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "csvin.h"
#include "csvout.h"
#include "opt.h"
#include "rating.h"
#include "suggest.h"

/* Answers to one question (or to the overall one) within a group. */
struct tally {
	int64_t *count;		/* count[v - scale.min]: answers of value v */
	int64_t unanswered;
	int64_t invalid;
};

struct group {
	char *key;		/* group values joined by US (0x1f) */
	char **vals;
	uint64_t hash;		/* of vals, for the group table */
	int64_t forms;		/* questionnaires returned */
	struct tally *t;	/* [0] overall, [1..k] the -i items */
	/*
	 * Without an overall column a form is satisfied when the mean of its
	 * answered items reaches the threshold (DESIGN §3).  fhist counts
	 * forms by (answered items c, their sum s) at c * fstride + s, which
	 * gives n, the satisfied count at any threshold and the mean of the
	 * form means, all exactly.
	 */
	int64_t *fhist;
	int64_t finvalid;	/* forms with invalid items and no valid one */
	/* Cronbach's alpha: forms with every item answered, sums, products. */
	int64_t an;
	int64_t *asum;		/* [k] */
	int64_t *axp;		/* [k * k], upper triangle used */
	/* --population / --customers --issued */
	int has_pop;
	int64_t customers, issued;
	struct group *prev;	/* previous period, for --trend */
};

struct survey {
	struct cm_common co;
	struct cm_scale scale;
	int smin;		/* -s: lowest satisfied value */
	char **items;		/* -i, canonical names */
	size_t k;
	char *overall;		/* --overall, canonical */
	int overall_given;
	int synth;		/* no overall column: form means decide */
	int seen_ocount;	/* --merge saw counts of an overall column */
	char **by;		/* -g */
	size_t nby;
	int strict, trend, alpha, partial, merge, dissatisfied;
	double *weights;	/* [k + 1], or NULL */
	unsigned char *reverse;	/* [k + 1]: item i scored max+min-x; or NULL */
	size_t trend_col;	/* --trend runs along by[trend_col] */
	const char *population;
	int64_t customers, issued;	/* --customers, --issued; -1 unset */
	double min_issue, min_return, target;	/* -1 unset */
	size_t fstride;		/* k * scale.max + 1 */
	size_t nvals;		/* scale.max - scale.min + 1 */

	/*
	 * The names the user's header gave the -g columns ([nby]) and the
	 * items ([0] overall, [1..k]), from the first input that has them,
	 * for --lang zh (names.c); NULL until an input is read.
	 */
	char **rawby, **rawitem;

	struct group **tab;	/* open-addressing hash of groups */
	size_t tabcap, ngroups;
	long invalid_shown, invalid_total;
};

/* tally.c */
int survey_rating(const struct survey *sv, struct cm_csv *r, int col,
    size_t i);
void survey_invalid(struct survey *sv, struct cm_csv *r, int col);
void survey_invalid_summary(const struct survey *sv);
struct group *survey_group(struct survey *sv, char **vals);
void survey_read(struct survey *sv, const char *path);
void survey_merge(struct survey *sv, const char *path);
void survey_write_partial(struct survey *sv, struct cm_out *o);
void survey_dissatisfied(struct survey *sv, const char *path,
    struct cm_out *o, int first);
struct group **survey_sorted(struct survey *sv);
const char *survey_group_name(const struct survey *sv, const struct group *g);
void survey_free(struct survey *sv);

/*
 * names.c: the names and words written, in the output's language
 * (--lang).  survey_put_col writes the header of a column the command
 * makes (item, n, rate ..., stat, value, dissatisfied_items);
 * survey_put_ncol the header of the count of answers v; survey_put_by
 * the -g columns' headers and survey_put_item the name of item i (0 the
 * overall one), as the user's header wrote them under --lang zh.
 * survey_keep_raw keeps the header names of columns by[nby] and
 * item[k + 1] of r (-1: none), once; survey_keep_item keeps raw as the
 * name of item i when it is Chinese (a partial's item cell).
 * survey_item_name is item i's name as text for a cell.  survey_put_stat
 * writes a partial's statistic en ("x:" with x, 1..k, the index of the
 * item of x:ITEM);
 * survey_stat_en gives the English statistic of s, which it may build in
 * b, or s itself when s is no Chinese statistic.
 */
void survey_put_col(struct cm_out *o, const char *en);
void survey_put_ncol(struct cm_out *o, int v);
void survey_put_by(const struct survey *sv, struct cm_out *o);
void survey_put_item(const struct survey *sv, struct cm_out *o, size_t i);
void survey_keep_raw(struct survey *sv, struct cm_csv *r, const int *by,
    const int *item);
void survey_keep_item(struct survey *sv, long i, const char *raw);
const char *survey_item_raw(const struct survey *sv, size_t i);
const char *survey_item_en(const struct survey *sv, size_t i);
const char *survey_item_name(const struct survey *sv, const struct cm_out *o,
    size_t i);
void survey_put_stat(const struct survey *sv, struct cm_out *o,
    const char *en, long x);
const char *survey_stat_en(const char *s, struct cm_buf *b);

/* population.c */
void survey_population(struct survey *sv);

/* report.c */
int survey_report(struct survey *sv, struct cm_out *o);

#endif
