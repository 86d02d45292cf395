/*
 * chart.c: `cm-report chart` and chart_render(), the one way a chart is
 * drawn (002 §4.2: the 柏拉图 root-cause chart; 000 §5.3.1.6: how
 * satisfaction moves over the periods, per item).
 *
 * Read the CSV (table.h), take its numbers (chart-data.c), write the
 * gnuplot script (chart-plot.c), run gnuplot with the script on its
 * standard input and its standard output on the temporary file of an
 * atomic write: gnuplot opens no path of ours, and a failed run leaves
 * no half picture.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "atomic.h"
#include "chart.h"
#include "colmap.h"
#include "csvout.h"
#include "gnuplot.h"
#include "report-doc.h"

/* The format by path's extension; -1 for an unknown one. */
static int
format_of(const char *path)
{
	const char *dot;

	if (path == NULL || strcmp(path, "-") == 0)
		return CHART_TXT;
	dot = strrchr(path, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	if (strcasecmp(dot, ".png") == 0)
		return CHART_PNG;
	if (strcasecmp(dot, ".svg") == 0)
		return CHART_SVG;
	if (strcasecmp(dot, ".txt") == 0)
		return CHART_TXT;
	return -1;
}

/*
 * The dumb terminal's page: without the form feed it starts with and
 * the spaces that pad each line to the width, and without blank lines
 * at the end, for a terminal or a plain-text mail.
 */
static void
tidy_text(struct cm_buf *in, struct cm_buf *out)
{
	const char *p = cm_buf_str(in), *end = p + in->len;

	while (p < end && *p == '\f')
		p++;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *q = nl != NULL ? nl : end;

		while (q > p && (q[-1] == ' ' || q[-1] == '\r'))
			q--;
		cm_buf_add(out, p, (size_t)(q - p));
		cm_buf_addc(out, '\n');
		p = nl != NULL ? nl + 1 : end;
	}
	while (out->len >= 2 && out->s[out->len - 1] == '\n' &&
	    out->s[out->len - 2] == '\n')
		out->s[--out->len] = '\0';
}

static int
not_regular(const char *path, struct cm_error *err)
{
	return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "cannot write '%s': "
	    "not a regular file", path);
}

/*
 * Begin the atomic write of path, deciding on a link there as csvout.h
 * does for -o (cm_out_how): our or root's link is followed, another
 * user's replaced, and with nofollow (the report's own directory) any
 * link is replaced.  A FIFO or a device is refused: a picture is
 * checked before it is committed (checked()), which a pipe cannot be,
 * and as root a rename would replace the device node itself.
 *
 * PATH.tmpXXXXXX left by a run killed with SIGKILL (gnuplot may take
 * long) is swept without PATH's lock (CM_ATOMIC_SWEEP): a lock would
 * leave a PATH.lock beside every chart in the user's directory, for
 * ever.  The price is that of two runs writing the same chart at the
 * same moment, the first may lose its temporary file and fail loudly
 * (exit 4), while the second's chart is written; never a half file.
 */
static int
begin(struct cm_atomic *a, const char *path, int nofollow,
    struct cm_error *err)
{
	int flags = CM_ATOMIC_SWEEP;

	switch (cm_out_how(path, err)) {
	case CM_OUT_REFUSED:
		return -1;
	case CM_OUT_DIRECT:
		return not_regular(path, err);
	case CM_OUT_DIRECT_LINK:
		/* With nofollow, a link to one is replaced as any link. */
		if (!nofollow)
			return not_regular(path, err);
		flags |= CM_ATOMIC_NOFOLLOW;
		break;
	case CM_OUT_REPLACE:
		flags |= CM_ATOMIC_NOFOLLOW;
		break;
	case CM_OUT_FOLLOW:
		if (nofollow)
			flags |= CM_ATOMIC_NOFOLLOW;
		break;
	}
	return cm_atomic_begin(a, path, flags, 0, err);
}

static int
write_text(const struct cm_buf *text, const char *path, int nofollow,
    struct cm_error *err)
{
	struct cm_atomic a;

	if (text->len == 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "gnuplot wrote no picture");
	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(text->s, 1, text->len, stdout) != text->len ||
		    fflush(stdout) != 0)
			return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "write error on standard output: %s",
			    strerror(errno));
		return 0;
	}
	if (begin(&a, path, nofollow, err) < 0)
		return -1;
	if (fwrite(text->s, 1, text->len, a.fp) != text->len) {
		cm_atomic_abort(&a);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "write error "
		    "on '%s': %s", path, strerror(errno));
	}
	return cm_atomic_commit(&a, err);
}

/*
 * Whether gnuplot wrote a picture into fd: a gnuplot that exits 0 with
 * nothing written (a broken font set-up, a stand-in) must not leave an
 * empty .png and exit 0.  A PNG starts with its signature and its IHDR
 * chunk, and one cut short (a full disk, a crash) lacks the IEND chunk
 * that ends it; an SVG has its root element in the first lines, after
 * the XML declaration.
 */
static int
checked(int fd, enum chart_fmt fmt)
{
	static const char png[8] = "\x89PNG\r\n\x1a\n";
	char head[1024];
	ssize_t n = pread(fd, head, sizeof(head) - 1, 0);

	if (n <= 0)
		return 0;
	head[n] = '\0';
	if (fmt == CHART_PNG) {
		static const char iend[12] = "\0\0\0\0IEND\xae\x42\x60\x82";
		char tail[12];
		struct stat st;

		return n >= 16 && memcmp(head, png, 8) == 0 &&
		    memcmp(head + 12, "IHDR", 4) == 0 &&
		    fstat(fd, &st) == 0 && st.st_size >= 8 + 25 + 12 &&
		    pread(fd, tail, 12, st.st_size - 12) == 12 &&
		    memcmp(tail, iend, 12) == 0;
	}
	return memchr(head, '\0', (size_t)n) == NULL &&
	    strstr(head, "<svg") != NULL;
}

/* gnuplot writes the picture straight into the temporary file. */
static int
write_picture(const struct cm_buf *script, const char *path,
    enum chart_fmt fmt, int nofollow, struct cm_error *err)
{
	struct cm_atomic a;

	if (begin(&a, path, nofollow, err) < 0)
		return -1;
	if (fflush(a.fp) != 0 ||
	    cm_gp_run(script->s, script->len, fileno(a.fp), err) < 0) {
		cm_atomic_abort(&a);
		return -1;
	}
	if (!checked(fileno(a.fp), fmt)) {
		cm_atomic_abort(&a);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "gnuplot wrote no picture");
	}
	return cm_atomic_commit(&a, err);
}

int
chart_render(const struct chart_spec *s, struct cm_table *t,
    const char *path, struct cm_error *err)
{
	struct chart_data d;
	struct cm_buf script = {0}, raw = {0}, text = {0};
	int fmt = format_of(path), st;

	if (fmt < 0) {
		cm_error_set(err, CM_USAGE, NULL, 0, 0, "'%s': the chart's "
		    "format is named by the extension: .png, .svg or .txt",
		    cm_msg_value(path));
		return CM_USAGE;
	}
	if ((st = chart_data_read(s, t, &d, err)) != CM_OK)
		return st;
	chart_script(s, &d, (enum chart_fmt)fmt, &script);
	chart_data_free(&d);
	if (fmt == CHART_TXT) {
		st = cm_gp_run_buf(script.s, script.len, &raw, err);
		if (st == 0) {
			tidy_text(&raw, &text);
			st = write_text(&text, path, s->nofollow, err);
		}
	} else {
		st = write_picture(&script, path, (enum chart_fmt)fmt,
		    s->nofollow, err);
	}
	cm_buf_free(&script);
	cm_buf_free(&raw);
	cm_buf_free(&text);
	return st < 0 ? err->status : CM_OK;
}

static enum chart_type
type_of(const char *name)
{
	if (strcmp(name, "pareto") == 0)
		return CHART_PARETO;
	if (strcmp(name, "likert") == 0)
		return CHART_LIKERT;
	if (strcmp(name, "bar") == 0)
		return CHART_BAR;
	return CHART_TREND;
}

/*
 * Under --lang zh a chart is in the office's words, as the monthly
 * report's are (report.words): the target's word, the five answers of a
 * Likert chart, the y axis of a rate, a count or a loss; an item of
 * cm-survey-calc by the column it stands for (cm_colmap_zh, as
 * cm_out_name names it) and a cause of cm-complaint by its Chinese name
 * (causes.category).  A value of the user's own stays as written.
 */
struct zh_label {
	const struct cm_colmap *map;
	int items, causes;	/* the table has an item, a cause column */
};

static const char *
zh_label(void *ctx, const char *v)
{
	const struct zh_label *z = ctx;
	const char *p, *w;

	if (*v == '\0')
		return NULL;
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			return NULL;
	if (z->items && (w = cm_colmap_zh(z->map, v)) != NULL)
		return w;
	return z->causes ? cause_word(v) : NULL;
}

/* The y axis's word for the column the chart takes by default. */
static const char *
zh_ylabel(const struct report *r, struct cm_table *t, enum chart_type type)
{
	const char *y;
	struct cm_buf key = {0};
	const char *w;
	int c;

	if (r->y != NULL || type == CHART_LIKERT)
		return NULL;
	if (type == CHART_PARETO || cm_table_col(t, "rate") < 0)
		y = "count";
	else
		y = "rate";
	if ((c = cm_table_col(t, y)) < 0)
		return NULL;
	for (w = cm_table_rawname(t, (size_t)c); *w != '\0'; w++)
		if ((unsigned char)*w >= 0x80)
			return NULL;	/* the user's own Chinese name */
	cm_buf_printf(&key, "axis_%s", y);
	w = word_or(cm_buf_str(&key), NULL);
	cm_buf_free(&key);
	return w;
}

int
report_chart(struct report *r)
{
	struct chart_spec s;
	struct cm_table *t;
	struct cm_error err;
	struct zh_label zl;
	const char *path = r->co.out.path, *lw[5];
	int st;

	if (r->type == NULL)
		cm_usage_error("chart: no --type (trend, pareto, likert or "
		    "bar)");
	if (r->nfiles > 1)
		cm_usage_error("chart: one FILE at most (got %d)", r->nfiles);
	if (format_of(path) < 0)
		cm_usage_error("-o '%s': the chart's format is named by the "
		    "extension: .png, .svg or .txt", cm_msg_value(path));
	memset(&s, 0, sizeof(s));
	s.type = type_of(r->type);
	s.x = r->x;
	s.y = r->y;
	s.series = r->series;
	s.title = r->title;
	s.font = r->font;
	s.width = r->width;
	s.height = r->height;
	s.has_target = r->has_target;
	s.target = r->target;
	/* One row past the limit tells chart_data_read there are more. */
	t = cm_table_load_max(r->nfiles == 1 ? r->files[0] : "-",
	    &r->co.in, CHART_MAX_ROWS, &err);
	if (t == NULL)
		cm_die_error(&err);
	if (r->co.out.lang == CM_LANG_ZH) {
		char key[16];
		size_t k;

		words_load("zh");
		for (k = 0; k < 5; k++) {
			snprintf(key, sizeof(key), "likert_%zu", k + 1);
			lw[k] = word(key);
		}
		s.likert_words = lw;
		s.target_word = word("target_word");
		s.ylabel = zh_ylabel(r, t, s.type);
		zl.map = r->co.map;
		zl.items = cm_table_col(t, "item") >= 0;
		zl.causes = cm_table_col(t, "cause") >= 0;
		s.label = zh_label;
		s.label_ctx = &zl;
	}
	st = chart_render(&s, t, path, &err);
	cm_table_free(t);
	if (st == CM_USAGE)
		cm_usage_error("%s", err.msg);
	if (st != CM_OK)
		cm_die_error(&err);
	if (path == NULL)
		cm_close_stdout();
	return CM_OK;
}
