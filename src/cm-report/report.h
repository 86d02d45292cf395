/*
 * report.h: what the verbs of cm-report share.
 *
 * main.c reads every option into a struct report (one option table, one
 * --help) and refuses an option the verb does not take; each verb is one
 * file that reads like the procedure it serves.  chart_render() is the
 * one way a chart is drawn: `chart` draws one from a CSV, `monthly` and
 * `annual` draw theirs from what cm-survey-calc and cm-complaint print.
 */
#ifndef CM_REPORT_H
#define CM_REPORT_H

#include <stddef.h>

#include "i18n.h"
#include "msg.h"
#include "opt.h"
#include "table.h"

/* A list of values from a repeated option (--to, --attach, ...). */
struct report_list {
	const char **v;
	size_t n;
};

enum report_table_fmt { TABLE_TEXT, TABLE_MD, TABLE_HTML };

struct report {
	struct cm_common co;
	const char *verb;
	char **files;		/* operands after the verb */
	int nfiles;

	/* chart */
	const char *type;	/* trend, pareto, likert, bar */
	const char *x, *y, *series;
	const char *title;	/* chart, table */
	const char *font;	/* NAME,SIZE; NULL: the default CJK face */
	int width, height;	/* pixels; 0: the default */
	int has_target;
	long target;		/* --target in hundredths of a percent */

	/* table */
	enum report_table_fmt table_fmt;

	/* mail (and monthly/annual with --to) */
	const char *from, *subject, *body;
	struct report_list to, cc, attach;

	/* monthly, annual */
	const char *month;	/* YYYY-MM as given */
	const char *year;	/* YYYY as given */
	struct report_list responses;
	const char *complaints;
	const char *items;	/* -i, as cm-survey-calc takes it */
	const char *out_dir;
	const char *lang;	/* "zh" or "en", settled by main */
	const char *calendar;
	const char *as_of;
};

int report_chart(struct report *r);
int report_table(struct report *r);
int report_mail(struct report *r);
int report_monthly(struct report *r);
int report_annual(struct report *r);
void table_html(struct cm_buf *b, struct cm_table *t, const char *caption,
    const char *(*label)(void *, const char *), void *ctx);

/* The chart API, for chart.c's own verb and for monthly and annual. */
enum chart_type { CHART_TREND, CHART_PARETO, CHART_LIKERT, CHART_BAR };

struct chart_spec {
	enum chart_type type;
	const char *x, *y, *series;	/* column names; NULL: the default */
	const char *title, *xlabel, *ylabel;	/* NULL: none or default */
	const char *font;		/* NULL: the default CJK face */
	int width, height;		/* 0: the default */
	int has_target;
	long target;			/* hundredths of a percent */
	/*
	 * How an x or series value is shown (an item or cause in the
	 * report's language); NULL, or a NULL return: as it stands.
	 */
	const char *(*label)(void *ctx, const char *value);
	void *label_ctx;
	/* Legend words of the likert chart, n1..n5; NULL: English. */
	const char *const *likert_words;
	/* The word before the target's value in the key; NULL: "target". */
	const char *target_word;
	int nofollow; /* replace a link at path, never follow it (atomic.h CM_ATOMIC_NOFOLLOW) */
};

/*
 * Draw t as s says into path, whose extension (.png, .svg, .txt) picks
 * the format; path NULL or "-": the text chart on standard output.  The
 * file is written atomically (atomic.h).  Returns CM_OK, or a status
 * (CM_DATA for data it cannot chart, naming cm_table_name(t) and the
 * line; CM_SYSTEM for gnuplot) with err filled and nothing written.
 * CM_USAGE for an unknown extension, or --series/-y where the type
 * takes none.  When gnuplot fails, its first lines of standard error
 * have already been printed as warnings (gnuplot.h).
 *
 * Columns are looked up with cm_table_col (the column map applies); a
 * column named in s that is missing is CM_DATA "no column 'X' (...)".
 * NULL x, y, series take these defaults:
 *   trend   x: period, else month, else the first column; y: rate, else
 *           count; series: item when there is one.  When every x is a
 *           period of one kind (YYYY-MM, YYYYQn or YYYY), the axis is
 *           every period from the first to the last, and a period with
 *           no row (or an empty y) is a gap in that series' line.  Else
 *           the x values in the order they first appear.
 *   pareto  x: the first column; y: count; series: none (CM_USAGE if
 *           given).  y parsed as money (two decimals, exact); a zero
 *           row is dropped, a negative one is CM_DATA; bars sorted
 *           descending (ties in input order), cumulative % on y2, a
 *           dashed 80% line.
 *   likert  x: item; n1..n5 must exist; y, series: none.  One horizontal
 *           bar per row, in input order, top to bottom.
 *   bar     x: the first column; y: rate, else count; series: item when
 *           there is one and it is not x (cm-survey-calc -g period: one
 *           group of bars per period).  Value labels on the bars up to
 *           three series.
 * A second row for the same x (and series) is CM_DATA; no rows, or more
 * than 100000, is CM_DATA.  The y axis is named by s->ylabel, else the
 * y column's name as in the file; s->xlabel, when given, names the x
 * axis.  A y column called rate or *_rate whose values lie in 0..100
 * is drawn on 0..100.  Size: s->width x s->height pixels (default
 * 800 x 480); the text chart is always 100 x 30 characters.
 */
int chart_render(const struct chart_spec *s, struct cm_table *t,
    const char *path, struct cm_error *err);

#endif
