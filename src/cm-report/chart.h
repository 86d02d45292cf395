/*
 * chart.h: what the chart files share.  chart-data.c turns a table into
 * the numbers of one chart (columns, periods, sorting, checks);
 * chart-plot.c writes the gnuplot script for them; chart.c is the verb
 * and chart_render(), which runs gnuplot and writes the file.
 */
#ifndef CM_CHART_H
#define CM_CHART_H

#include <stddef.h>

#include "buf.h"
#include "msg.h"
#include "report.h"

/* At most this many data rows, or periods of a trend, are charted. */
#define CHART_MAX_ROWS	100000
/*
 * At most this many series (lines or bars in a group: beyond it no one
 * reads the key), and series x periods, so that a period run of 100,000
 * times 100 series cannot ask for gigabytes.
 */
#define CHART_MAX_SERIES	100
#define CHART_MAX_CELLS		2000000

enum chart_fmt { CHART_PNG, CHART_SVG, CHART_TXT };

/* Default size in pixels; the text chart is DUMB_W x DUMB_H characters. */
#define CHART_W		800
#define CHART_H		480
#define DUMB_W		100
#define DUMB_H		30

struct chart_data {
	size_t nx;		/* bars, items or periods, in drawing order */
	char **xlab;		/* nx labels as shown */
	size_t ns;		/* series (trend, bar); 1 without --series */
	char **slab;		/* ns series names as shown; NULL: none */
	/*
	 * trend, bar: the value of series s at x in v[s * nx + x], when
	 * has[s * nx + x]; each formatted by us (val) with ndec decimals.
	 * pareto: v[x] the amounts sorted descending, cum[x] the cumulative
	 * percentage ("75.00").  likert: edge[x * 6 + k], k = 0..5, the
	 * edges of the five segments in percent (n1 leftmost, negative).
	 */
	double *v;
	unsigned char *has;
	char **val;
	char **cum;
	char **edge;
	int ndec;		/* decimals of the values (0: whole numbers) */
	double lo, hi;		/* the least and greatest value drawn */
	int rate;		/* y is a rate (rate, *_rate) within 0..100 */
	const char *ycol;	/* the y column's name as in the file */
};

/* Read t into d as s says; CM_OK, or a status with err filled. */
int chart_data_read(const struct chart_spec *s, struct cm_table *t,
    struct chart_data *d, struct cm_error *err);
void chart_data_free(struct chart_data *d);

/* Append to b the whole gnuplot script for d. */
void chart_script(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b);

#endif
