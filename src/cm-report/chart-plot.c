/*
 * chart-plot.c: the gnuplot script of each chart type.
 *
 * Every piece of user text (title, axis labels, tick labels, series
 * names, the font) goes through cm_gp_quote (tick labels through
 * cm_gp_quote_tic); the datablocks hold only numbers formatted here.
 * Text is never enhanced (late_delivery keeps its underscore), and the
 * picture goes to gnuplot's standard output (no `set output`).
 */
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "gnuplot.h"

/* Colours: one per series, then the target and the Pareto line. */
static const char *const palette[] = {"#4e79a7", "#f28e2b", "#59a14f",
    "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
    "#e15759"};
#define NPALETTE	(sizeof(palette) / sizeof(palette[0]))
#define RED		"#d62728"

/* n1..n5, red to blue through grey. */
static const char *const likert_colour[] = {"#b2182b", "#ef8a62",
    "#bababa", "#67a9cf", "#2166ac"};
static const char *const likert_en[] = {"dissatisfied",
    "not very satisfied", "basically satisfied", "satisfied",
    "very satisfied"};

static void
quote(struct cm_buf *b, const char *s)
{
	cm_gp_quote(b, s, strlen(s));
}

/*
 * The terminal's font: NAME,SIZE as given (main.c checked it), NAME
 * alone at 10 points, which gnuplot would otherwise size as it likes.
 */
static void
font(struct cm_buf *b, const char *f)
{
	struct cm_buf nf = {0};

	if (f == NULL)
		f = CM_GP_FONT;
	cm_buf_adds(&nf, f);
	if (strchr(f, ',') == NULL)
		cm_buf_adds(&nf, ",10");
	cm_gp_quote(b, nf.s, nf.len);
	cm_buf_free(&nf);
}

/* Columns a label takes on screen: a CJK character two, others one. */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80)
			w++;
		else if (c >= 0xe0)
			w += 2;
	}
	return w;
}

static void
terminal(const struct chart_spec *s, enum chart_fmt fmt, struct cm_buf *b)
{
	int w = s->width > 0 ? s->width : CHART_W;
	int h = s->height > 0 ? s->height : CHART_H;

	cm_buf_adds(b, "set encoding utf8\n");
	switch (fmt) {
	case CHART_PNG:
		cm_buf_printf(b, "set terminal pngcairo size %d,%d font ", w,
		    h);
		font(b, s->font);
		cm_buf_adds(b, " noenhanced\n");
		break;
	case CHART_SVG:
		cm_buf_printf(b, "set terminal svg size %d,%d fixed font ", w,
		    h);
		font(b, s->font);
		cm_buf_adds(b, " noenhanced background rgb \"white\"\n");
		break;
	case CHART_TXT:
		cm_buf_printf(b, "set terminal dumb size %d,%d mono "
		    "noenhanced\n", DUMB_W, DUMB_H);
		break;
	}
	cm_buf_adds(b, "set termoption noenhanced\n");
	if (s->title != NULL) {
		cm_buf_adds(b, "set title ");
		quote(b, s->title);
		cm_buf_adds(b, " noenhanced\n");
	}
	if (s->xlabel != NULL) {
		cm_buf_adds(b, "set xlabel ");
		quote(b, s->xlabel);
		cm_buf_adds(b, " noenhanced\n");
	}
	cm_buf_adds(b, "set border 3\nset tics nomirror\n");
	if (fmt != CHART_TXT)
		cm_buf_adds(b, "set grid ytics lc rgb \"#dddddd\"\n");
}

/*
 * The value axis: whole numbers get whole ticks (no "2.5 complaints"),
 * a rate its 0..100 scale.
 */
static void
yscale(const struct chart_data *d, int from0, struct cm_buf *b)
{
	if (d->rate && from0)
		cm_buf_adds(b, "set yrange [0:110]\nset ytics 0, 20, 100\n");
	else if (d->rate)
		cm_buf_adds(b, "set yrange [*:*<100]\n");
	else if (d->ndec == 0 && d->hi - d->lo <= 8 && d->hi - d->lo >= 0)
		cm_buf_adds(b, "set ytics 1\n");
}

/*
 * The name of the values.  The text terminal cannot turn it, and would
 * write it against the numbers of the axis ("count4"): there it stands
 * above the axis instead.
 */
static void
ylabel(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b)
{
	const char *l = s->ylabel != NULL ? s->ylabel : d->ycol;

	if (l == NULL)
		return;
	cm_buf_adds(b, fmt == CHART_TXT ? "set label 99 " : "set ylabel ");
	quote(b, l);
	if (fmt == CHART_TXT)
		cm_buf_adds(b, " at graph 0, graph 1 center offset 0,1");
	cm_buf_adds(b, " noenhanced\n");
}

/*
 * The categories along an axis (x, or y for likert), every one when they
 * fit, else every k-th; turned when they would run into each other.
 */
static void
tics(const struct chart_data *d, const char *axis, enum chart_fmt fmt,
    struct cm_buf *b)
{
	size_t most = fmt == CHART_TXT ? 10 : 24, step, i, w = 0;

	step = d->nx > most ? (d->nx + most - 1) / most : 1;
	for (i = 0; i < d->nx; i += step)
		w += width(d->xlab[i]) + 2;
	cm_buf_printf(b, "set %stics scale 0 (", axis);
	for (i = 0; i < d->nx; i += step) {
		if (i > 0)
			cm_buf_adds(b, ", ");
		cm_gp_quote_tic(b, d->xlab[i], strlen(d->xlab[i]));
		cm_buf_printf(b, " %zu", i);
	}
	cm_buf_adds(b, ")\n");
	if (*axis == 'x' && fmt != CHART_TXT && w > (size_t)90)
		cm_buf_adds(b, "set xtics rotate by 30 right\n");
}

/* The target as written: 90.00 -> 90, 92.50 -> 92.5. */
static void
target_value(const struct chart_spec *s, char *v, size_t size)
{
	size_t n;

	snprintf(v, size, "%ld.%02ld", s->target / 100, s->target % 100);
	n = strlen(v);
	while (v[n - 1] == '0')
		v[--n] = '\0';
	if (v[n - 1] == '.')
		v[--n] = '\0';
}

/*
 * The target's words at the right end of its line, as the Pareto's 80%:
 * in a key below the plot they were crowded under the x label.
 */
static void
target_label(const struct chart_spec *s, struct cm_buf *b)
{
	char v[32];
	struct cm_buf t = {0};

	target_value(s, v, sizeof(v));
	cm_buf_printf(&t, "%s %s%%", s->target_word != NULL ?
	    s->target_word : "target", v);
	cm_buf_adds(b, "set label 2 ");
	quote(b, t.s);
	/* The value is a number written here, never the user's text. */
	cm_buf_printf(b, " at graph 1, first %s right offset -1,0.7 "
	    "tc rgb \"" RED "\" front noenhanced\n", v);
	cm_buf_free(&t);
}

/*
 * The target's line, in the plot command; titled: with its words in the
 * key (bars: a label at the line's end would sit on the last bar).
 */
static void
target(const struct chart_spec *s, int titled, struct cm_buf *b)
{
	char v[32];
	struct cm_buf t = {0};

	target_value(s, v, sizeof(v));
	/* The value is a number written here, never the user's text. */
	cm_buf_printf(b, ", %s with lines dt 2 lw 1.5 lc rgb \"" RED "\" ",
	    v);
	if (!titled) {
		cm_buf_adds(b, "notitle");
		return;
	}
	cm_buf_printf(&t, "%s %s%%", s->target_word != NULL ?
	    s->target_word : "target", v);
	cm_buf_adds(b, "title ");
	quote(b, t.s);
	cm_buf_free(&t);
}

static void
trend(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b)
{
	size_t k, i;
	int first = 1;

	ylabel(s, d, fmt, b);
	tics(d, "x", fmt, b);
	cm_buf_printf(b, "set xrange [-0.5:%zu.5]\n", d->nx - 1);
	/*
	 * The series' key in the right margin, beside the lines: below, it
	 * was crowded under the x label and the turned period names.
	 */
	if (d->slab != NULL)
		cm_buf_adds(b, "set key rmargin top vertical reverse Left\n");
	else
		cm_buf_adds(b, "unset key\n");
	cm_buf_adds(b, "set offsets 0, 0, graph 0.05, graph 0.05\n");
	yscale(d, 0, b);
	if (s->has_target)
		target_label(s, b);
	/*
	 * One datablock a series; a blank line where a period has no value
	 * breaks the line there: a gap, never a zero.
	 */
	for (k = 0; k < d->ns; k++) {
		int gap = 0, any = 0;

		cm_buf_printf(b, "$s%zu << EOD\n", k);
		for (i = 0; i < d->nx; i++) {
			if (!d->has[k * d->nx + i]) {
				gap = 1;
				continue;
			}
			if (gap && any)
				cm_buf_adds(b, "\n");
			cm_buf_printf(b, "%zu %s\n", i, d->val[k * d->nx + i]);
			gap = 0;
			any = 1;
		}
		cm_buf_adds(b, "EOD\n");
	}
	cm_buf_adds(b, "plot");
	for (k = 0; k < d->ns; k++) {
		cm_buf_printf(b, "%s $s%zu using 1:2 with linespoints lw 2 "
		    "pt 7 ps 0.8 lc rgb \"%s\" ", first ? "" : ",", k,
		    palette[k % NPALETTE]);
		first = 0;
		if (d->slab != NULL) {
			cm_buf_adds(b, "title ");
			quote(b, d->slab[k]);
		} else {
			cm_buf_adds(b, "notitle");
		}
	}
	if (s->has_target)
		target(s, 0, b);
	cm_buf_adds(b, "\n");
}

static void
bar(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b)
{
	double w = 0.8 / (double)d->ns;
	size_t k, i;
	int neg = 0, labels = d->ns <= 3 && d->ns * d->nx <= 40;

	for (i = 0; i < d->ns * d->nx; i++)
		if (d->has[i] && d->v[i] < 0)
			neg = 1;
	ylabel(s, d, fmt, b);
	tics(d, "x", fmt, b);
	cm_buf_printf(b, "set xrange [-0.5:%zu.5]\n", d->nx - 1);
	if (!neg && !d->rate)
		cm_buf_adds(b, "set yrange [0:*]\n");
	yscale(d, !neg, b);
	cm_buf_adds(b, "set offsets 0, 0, graph 0.1, 0\n"
	    "set style fill solid 0.85 border -1\n");
	cm_buf_printf(b, "set boxwidth %.4f absolute\n", w * 0.9);
	if (d->slab != NULL)
		cm_buf_adds(b, "set key below horizontal reverse Left\n");
	else
		cm_buf_adds(b, "unset key\n");
	for (k = 0; k < d->ns; k++) {
		cm_buf_printf(b, "$s%zu << EOD\n", k);
		for (i = 0; i < d->nx; i++)
			if (d->has[k * d->nx + i])
				cm_buf_printf(b, "%.4f %s %s\n", (double)i -
				    0.4 + ((double)k + 0.5) * w,
				    d->val[k * d->nx + i],
				    d->val[k * d->nx + i]);
		cm_buf_adds(b, "EOD\n");
	}
	cm_buf_adds(b, "plot");
	for (k = 0; k < d->ns; k++) {
		cm_buf_printf(b, "%s $s%zu using 1:2 with boxes lc rgb \"%s\" ",
		    k ? "," : "", k, palette[k % NPALETTE]);
		if (d->slab != NULL) {
			cm_buf_adds(b, "title ");
			quote(b, d->slab[k]);
		} else {
			cm_buf_adds(b, "notitle");
		}
		if (labels)
			cm_buf_printf(b, ", $s%zu using 1:2:(stringcolumn(3)) "
			    "with labels offset 0,0.7 notitle", k);
	}
	if (s->has_target)
		target(s, 1, b);
	cm_buf_adds(b, "\n");
}

static void
pareto(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b)
{
	size_t i;

	ylabel(s, d, fmt, b);
	tics(d, "x", fmt, b);
	cm_buf_printf(b, "set xrange [-0.5:%zu.5]\n", d->nx - 1);
	/*
	 * The left axis from 0 to the total (d->hi), the right one from 0
	 * to 100%: a bar's top reads as its share on the right.
	 */
	cm_buf_printf(b, "set yrange [0:%.*f]\n", d->ndec == 2 ? 2 : 0,
	    d->hi);
	cm_buf_adds(b, "set y2range [0:100]\n"
	    "set y2tics 0, 20, 100 format \"%g%%\"\n"
	    "set style fill solid 0.85 border -1\n"
	    "set boxwidth 0.7 absolute\nunset key\n"
	    /* A value label hides the 80% line behind it, not under it. */
	    "set style textbox opaque noborder margins 1,1\n"
	    "set label 1 \"80%\" at graph 1, second 80 right offset -1,0.7 "
	    "tc rgb \"" RED "\" front noenhanced\n");
	yscale(d, 1, b);
	cm_buf_adds(b, "$d << EOD\n");
	for (i = 0; i < d->nx; i++)
		cm_buf_printf(b, "%zu %s %s\n", i, d->val[i], d->cum[i]);
	cm_buf_adds(b, "EOD\n");
	/*
	 * Plotted in this order, as what comes later is drawn over what
	 * came before (in the text chart, it wins a character cell): the
	 * 80% line under the bars, the cumulative line over them, the
	 * values last.  The first point of the cumulative line is always at
	 * the top of the first bar (the left axis runs to the total), where
	 * it hid that bar's value.
	 */
	cm_buf_printf(b, "plot 80 axes x1y2 with lines dt 2 lw 1.5 "
	    "lc rgb \"" RED "\" notitle, "
	    "$d using 1:2 with boxes lc rgb \"%s\", "
	    "$d using 1:3 axes x1y2 with linespoints lw 2 pt 7 ps 0.8 "
	    "lc rgb \"" RED "\", "
	    "$d using 1:2:(stringcolumn(2)) with labels boxed offset 0,0.7\n",
	    palette[0]);
}

static void
likert(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b)
{
	static const char *const pos[] = {"-100", "-50", "0", "50", "100"};
	static const char *const lab[] = {"100%", "50%", "0", "50%", "100%"};
	const char *const *words = s->likert_words != NULL ?
	    s->likert_words : likert_en;
	size_t i, k;

	tics(d, "y", fmt, b);
	cm_buf_printf(b, "set yrange [%zu.5:-0.5]\n", d->nx - 1);
	cm_buf_adds(b, "set xrange [-100:100]\nset xtics (");
	for (k = 0; k < 5; k++) {
		cm_buf_adds(b, k ? ", " : "");
		cm_gp_quote_tic(b, lab[k], strlen(lab[k]));
		cm_buf_printf(b, " %s", pos[k]);
	}
	cm_buf_adds(b, ")\nset grid noytics xtics\n"
	    "set style fill solid 0.9 border lc rgb \"white\"\n"
	    "set key below horizontal reverse Left\n"
	    "set arrow 1 from first 0, graph 0 to first 0, graph 1 nohead "
	    "lc rgb \"#555555\" front\n");
	cm_buf_adds(b, "$d << EOD\n");
	for (i = 0; i < d->nx; i++) {
		cm_buf_printf(b, "%zu", i);
		for (k = 0; k < 6; k++)
			cm_buf_printf(b, " %s", d->edge[i * 6 + k]);
		cm_buf_adds(b, "\n");
	}
	cm_buf_adds(b, "EOD\nplot");
	for (k = 0; k < 5; k++) {
		cm_buf_printf(b, "%s $d using (($%zu+$%zu)/2):1:%zu:%zu:"
		    "($1-0.35):($1+0.35) with boxxyerror lc rgb \"%s\" title ",
		    k ? "," : "", k + 2, k + 3, k + 2, k + 3,
		    likert_colour[k]);
		quote(b, words[k]);
	}
	cm_buf_adds(b, "\n");
}

void
chart_script(const struct chart_spec *s, const struct chart_data *d,
    enum chart_fmt fmt, struct cm_buf *b)
{
	terminal(s, fmt, b);
	switch (s->type) {
	case CHART_TREND:
		trend(s, d, fmt, b);
		break;
	case CHART_PARETO:
		pareto(s, d, fmt, b);
		break;
	case CHART_LIKERT:
		likert(s, d, fmt, b);
		break;
	case CHART_BAR:
		bar(s, d, fmt, b);
		break;
	}
}
