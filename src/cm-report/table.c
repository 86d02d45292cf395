/*
 * table.c: `cm-report table`, a CSV as a table a person reads: aligned
 * text for a terminal or a plain-text mail, a Markdown pipe table, or an
 * HTML <table> for a page or a mail (002 §4.1.6: the report that reaches
 * every department).  table_html() is the one HTML table of cm-report:
 * the monthly and annual reports draw theirs with it.
 *
 * A CSV with a header and no rows is a table with no rows (the header
 * alone): an empty overdue list is an answer, not an error.
 */
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "html.h"
#include "report-doc.h"
#include "report.h"
#include "words.h"
#include "xalloc.h"
#include "text.h"

/* The cells of one row, wherever they come from (a reader, a table). */
struct row {
	const char *(*cell)(void *src, size_t i, size_t *len);
	void *src;
	size_t n;
};

/*
 * HTML.  Numbers are right-aligned by an inline style, not a class: mail
 * readers (Outlook, webmail) drop a page's <style> more often than they
 * drop a style attribute.
 */
static void
html_begin(struct cm_buf *b, const char *caption)
{
	cm_buf_adds(b, "<table>\n");
	if (caption != NULL) {
		cm_buf_adds(b, "<caption>");
		cm_html_escape(b, caption, strlen(caption));
		cm_buf_adds(b, "</caption>\n");
	}
}

static void
html_row(struct cm_buf *b, const struct row *row, int head)
{
	const char *s;
	size_t i, len;

	cm_buf_adds(b, "<tr>");
	for (i = 0; i < row->n; i++) {
		s = row->cell(row->src, i, &len);
		if (head)
			cm_buf_adds(b, "<th>");
		else if (cm_out_numeric(s, len))
			cm_buf_adds(b, "<td style=\"text-align:right\">");
		else
			cm_buf_adds(b, "<td>");
		cm_html_escape(b, s, len);
		cm_buf_adds(b, head ? "</th>" : "</td>");
	}
	cm_buf_adds(b, "</tr>\n");
	if (head)
		cm_buf_adds(b, "</thead>\n<tbody>\n");
}

static const char html_end[] = "</tbody>\n</table>\n";

/*
 * Markdown (GitHub's pipe tables).  A cell is data, shown as it is, never
 * markup: a '|' would end the cell and a line break the row, so they
 * become "\\|" and "<br>"; the characters Markdown reads as emphasis,
 * code, links or strike-through (\\ ` * _ [ ] ~; '_' not inside a word)
 * get a backslash, so
 * "\\|" stays a backslash and a bar and "*x*" stays in its stars; and
 * < > & become &lt; &gt; &amp;, since GitHub passes raw HTML in a cell
 * through and a customer's "<b>" must not become bold.
 */
/* Not isalnum(3): the locale must not decide what a table shows. */
static int
ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static void
md_cell(struct cm_buf *b, const char *s, size_t len)
{
	size_t j;

	for (j = 0; j < len; j++) {
		switch (s[j]) {
		case '\r':
			if (j + 1 < len && s[j + 1] == '\n')
				j++;
			/* FALLTHROUGH */
		case '\n':
			cm_buf_adds(b, "<br>");
			break;
		case '<':
			cm_buf_adds(b, "&lt;");
			break;
		case '>':
			cm_buf_adds(b, "&gt;");
			break;
		case '&':
			cm_buf_adds(b, "&amp;");
			break;
		case '_':
			/*
			 * Between two letters or digits '_' is no emphasis
			 * (CommonMark's flanking rule): days_overdue stays.
			 */
			if (j > 0 && j + 1 < len && ascii_alnum(s[j - 1]) &&
			    ascii_alnum(s[j + 1])) {
				cm_buf_addc(b, '_');
				break;
			}
			/* FALLTHROUGH */
		case '|': case '\\': case '`': case '*': case '[': case ']':
		case '~':
			cm_buf_addc(b, '\\');
			/* FALLTHROUGH */
		default:
			cm_buf_addc(b, s[j]);
		}
	}
}

static void
md_row(struct cm_buf *b, const struct row *row, int head)
{
	const char *s;
	size_t i, len;

	for (i = 0; i < row->n; i++) {
		s = row->cell(row->src, i, &len);
		cm_buf_adds(b, i ? " | " : "| ");
		md_cell(b, s, len);
	}
	cm_buf_adds(b, row->n ? " |\n" : "|\n");
	if (head) {
		for (i = 0; i < row->n; i++)
			cm_buf_adds(b, i ? " | ---" : "| ---");
		cm_buf_adds(b, row->n ? " |\n" : "|\n");
	}
}

/* A loaded table's header, through label, and its rows. */
struct table_src {
	struct cm_table *t;
	size_t row;
	const char *(*label)(void *, const char *);
	void *ctx;
};

static const char *
table_head(void *src, size_t i, size_t *len)
{
	struct table_src *ts = src;
	const char *s = NULL;

	if (ts->label != NULL)
		s = ts->label(ts->ctx, cm_table_colname(ts->t, i));
	if (s == NULL)
		s = cm_table_rawname(ts->t, i);
	*len = strlen(s);
	return s;
}

static const char *
table_cell(void *src, size_t i, size_t *len)
{
	struct table_src *ts = src;
	const char *s = cm_table_get(ts->t, ts->row, i);

	*len = strlen(s);
	return s;
}

/*
 * The contract, declared in report.h: append to b the HTML <table> of t,
 * a fragment (no page around it), with caption (NULL: none) as its
 * <caption>, the header in <thead> and the rows in <tbody>, every cell
 * escaped (html.h), numeric cells right-aligned.  label, when not NULL,
 * is given each column's canonical name (cm_table_colname) and returns
 * the header to show; NULL, or a NULL return, shows the name as the file
 * writes it.
 */
void
table_html(struct cm_buf *b, struct cm_table *t, const char *caption,
    const char *(*label)(void *, const char *), void *ctx)
{
	struct table_src ts = { t, 0, label, ctx };
	struct row row = { table_head, &ts, cm_table_ncols(t) };

	html_begin(b, caption);
	cm_buf_adds(b, "<thead>\n");
	html_row(b, &row, 1);
	row.cell = table_cell;
	for (ts.row = 0; ts.row < cm_table_nrows(t); ts.row++)
		html_row(b, &row, 0);
	cm_buf_adds(b, html_end);
}

/*
 * Under --lang zh the table is in the office's words, as every cm table
 * is (opt.h, csvout.h): a header the file writes in English is shown by
 * the name the monthly report heads that column with (report.words
 * col_NAME) when it reads back as the column through columns.map, else
 * by its Chinese name there (cm_colmap_zh, as cm_out_name does), and
 * by the office's own --map name before either; a header in Chinese is
 * shown as written.  In the columns that hold cm's own
 * words, a canonical word is shown in Chinese: a status, a channel ...
 * by words.map (cm_out_word), a cause by causes.category (cause_word),
 * an item of cm-survey-calc by the column it stands for.  A cell that
 * is not cm's canonical word (the user's own) is shown as written.
 */
enum zh_kind { ZH_ECHO, ZH_WORD, ZH_CAUSE, ZH_ITEM };

struct zh_cols {
	int on;
	const struct report *r;
	const struct cm_colmap *map;
	enum zh_kind *kind;	/* per column */
	const char **field;	/* ZH_WORD: the words.map field */
};

static void
zh_setup(struct zh_cols *z, const struct report *r, struct cm_csv *in)
{
	size_t i, n = cm_csv_ncols(in);

	memset(z, 0, sizeof(*z));
	if (r->co.out.lang != CM_LANG_ZH)
		return;
	z->on = 1;
	z->r = r;
	z->map = r->co.map;
	z->kind = xcalloc(n + 1, sizeof(*z->kind));
	z->field = xcalloc(n + 1, sizeof(*z->field));
	words_load("zh");
	for (i = 0; i < n; i++) {
		const char *c = cm_csv_colname(in, i);

		if (strcmp(c, "cause") == 0)
			z->kind[i] = ZH_CAUSE;
		else if (strcmp(c, "item") == 0)
			z->kind[i] = ZH_ITEM;
		else if (cm_word_list(c) != NULL) {
			z->kind[i] = ZH_WORD;
			z->field[i] = c;
		}
	}
}

static void
zh_free(struct zh_cols *z)
{
	free(z->kind);
	free(z->field);
}

/* Whether name reads back as canonical through the column map. */
static int
reads_as(const struct cm_colmap *map, const char *name, const char *canonical)
{
	char *buf = xmalloc(strlen(name) + 1);
	int same = strcmp(cm_colmap_get(map, name, buf), canonical) == 0;

	free(buf);
	return same;
}

/* Whether a --map of the command line names canonical in Chinese. */
static int
user_named(const struct zh_cols *z, const char *canonical)
{
	size_t i;

	for (i = 0; i < z->r->maps.n; i++) {
		const char *spec = z->r->maps.v[i];
		const char *eq = strchr(spec, '=');
		char *old;
		int named;

		if (eq == NULL)
			continue;
		old = xstrndup(spec, (size_t)(eq - spec));
		named = !cm_ascii(old) && reads_as(z->map, old, canonical);
		free(old);
		if (named)
			return 1;
	}
	return 0;
}

/* Column i's header as the table shows it. */
static const char *
zh_head(const struct zh_cols *z, struct cm_csv *in, size_t i)
{
	const char *raw = cm_csv_rawname(in, i), *c, *zh;
	struct cm_buf key = {0};

	if (!z->on || !cm_ascii(raw))
		return raw;
	c = cm_csv_colname(in, i);
	cm_buf_printf(&key, "col_%s", c);
	zh = word_or(cm_buf_str(&key), NULL);
	cm_buf_free(&key);
	if (zh == NULL || !reads_as(z->map, zh, c) || user_named(z, c))
		zh = cm_colmap_zh(z->map, c);
	return zh != NULL ? zh : raw;
}

/* Cell s of column i as the table shows it; NULL: as it stands. */
static const char *
zh_cell(const struct zh_cols *z, size_t i, const char *s)
{
	const char *w;

	if (!z->on || *s == '\0')
		return NULL;
	switch (z->kind[i]) {
	case ZH_WORD:
		w = cm_word(z->field[i], s);
		if (w == NULL || strcmp(w, s) != 0)
			return NULL;
		return cm_word_alias(z->field[i], s);
	case ZH_CAUSE:
		return cm_ascii(s) ? cause_word(s) : NULL;
	case ZH_ITEM:
		return cm_ascii(s) ? cm_colmap_zh(z->map, s) : NULL;
	case ZH_ECHO:
		break;
	}
	return NULL;
}

/* The verb reads its CSV as a stream: the header, then record by record. */
struct csv_src {
	struct cm_csv *in;
	const struct zh_cols *z;
};

static const char *
csv_head(void *src, size_t i, size_t *len)
{
	struct csv_src *cs = src;
	const char *s = zh_head(cs->z, cs->in, i);

	*len = strlen(s);
	return s;
}

static const char *
csv_cell(void *src, size_t i, size_t *len)
{
	struct csv_src *cs = src;
	const char *s = zh_cell(cs->z, i, cm_csv_field(cs->in, i));

	if (s != NULL) {
		*len = strlen(s);
		return s;
	}
	*len = cm_csv_flen(cs->in, i);
	return cm_csv_field(cs->in, i);
}

/* Text and pipe tables have no caption: the title is a line above. */
static void
title_line(struct cm_buf *b, const char *title)
{
	if (title != NULL) {
		cm_buf_adds(b, title);
		cm_buf_adds(b, "\n\n");
	}
}

/*
 * --text: csvout's aligned table (CJK two columns, numbers right), which
 * must see every row before it prints one; --md and --html go out row by
 * row.  Either way the output is written whole or not at all (-o).
 */
int
report_table(struct report *r)
{
	struct cm_out_opts oo = r->co.out;
	struct cm_error err;
	struct cm_buf b = { 0 };
	struct cm_csv *in;
	struct cm_out *out;
	struct zh_cols z;
	struct csv_src cs;
	struct row row;
	size_t i;
	int rc;

	if (r->nfiles > 1)
		cm_usage_error("table reads one FILE, not %d", r->nfiles);
	in = cm_csv_open(r->nfiles ? r->files[0] : NULL, &r->co.in, &err);
	if (in == NULL)
		cm_die_error(&err);
	zh_setup(&z, r, in);
	oo.format = r->table_fmt == TABLE_TEXT ? CM_FMT_TABLE : CM_FMT_CSV;
	oo.excel = 0;
	out = cm_out_open(&oo);
	cs.in = in;
	cs.z = &z;
	row.src = &cs;
	row.n = cm_csv_ncols(in);
	row.cell = csv_head;

	switch (r->table_fmt) {
	case TABLE_TEXT:
		title_line(&b, r->title);
		for (i = 0; i < row.n; i++) {
			const char *h = zh_head(&z, in, i);

			/* English: the header as the file writes it. */
			if (z.on && !cm_ascii(h))
				cm_out_name(out, cm_csv_colname(in, i), h);
			else
				cm_out_str(out, h);
		}
		cm_out_endrow(out);
		break;
	case TABLE_MD:
		title_line(&b, r->title);
		md_row(&b, &row, 1);
		break;
	case TABLE_HTML:
		html_begin(&b, r->title);
		cm_buf_adds(&b, "<thead>\n");
		html_row(&b, &row, 1);
		break;
	}
	row.cell = csv_cell;
	while ((rc = cm_csv_next(in, &err)) == 1) {
		cm_out_write(out, b.s, b.len);
		cm_buf_reset(&b);
		switch (r->table_fmt) {
		case TABLE_TEXT:
			for (i = 0; i < row.n; i++) {
				const char *v = cm_csv_field(in, i);

				if (zh_cell(&z, i, v) == NULL)
					cm_out_field(out, v,
					    cm_csv_flen(in, i));
				else if (z.kind[i] == ZH_WORD)
					cm_out_word(out, z.field[i], v);
				else if (z.kind[i] == ZH_ITEM)
					cm_out_name(out, v, NULL);
				else
					cm_out_text(out, v, zh_cell(&z, i, v));
			}
			cm_out_endrow(out);
			break;
		case TABLE_MD:
			md_row(&b, &row, 0);
			break;
		case TABLE_HTML:
			html_row(&b, &row, 0);
			break;
		}
	}
	if (rc < 0) {
		cm_out_abort(out);
		cm_die_error(&err);
	}
	if (r->table_fmt == TABLE_HTML)
		cm_buf_adds(&b, html_end);
	cm_out_write(out, b.s, b.len);
	cm_buf_free(&b);
	zh_free(&z);
	cm_csv_close(in);
	cm_out_close(out);
	return CM_OK;
}
