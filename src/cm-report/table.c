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
 * The table shows the CSV as it is given.  An English CSV carries cm's
 * canonical names, and one name means different things in different
 * commands' outputs (rate is a satisfaction rate, a sampling rate or a
 * visit rate; received a date or a quantity; action a complaint's own
 * text or a movement): only the command that made the CSV knows which,
 * so Chinese headers and words come from its --lang zh (csvout.h), and
 * the table does not guess them.  Under --lang zh the table heads an
 * English column by the Chinese name the command line's --map gives it:
 * the office's own, by its own choice.
 */
struct zh_cols {
	int on;
	const struct cm_colmap *map;
};

static void
zh_setup(struct zh_cols *z, const struct report *r)
{
	z->on = r->co.out.lang == CM_LANG_ZH;
	z->map = r->co.map;
}

/* Column i's header as the table shows it. */
static const char *
zh_head(const struct zh_cols *z, struct cm_csv *in, size_t i)
{
	const char *raw = cm_csv_rawname(in, i), *zh;

	if (!z->on || !cm_ascii(raw) ||
	    (zh = cm_colmap_zh_user(z->map, cm_csv_colname(in, i))) == NULL)
		return raw;
	return zh;
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
	zh_setup(&z, r);
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
			cm_out_str(out, zh_head(&z, in, i));
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
			for (i = 0; i < row.n; i++)
				cm_out_field(out, cm_csv_field(in, i),
				    cm_csv_flen(in, i));
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
	cm_csv_close(in);
	cm_out_close(out);
	return CM_OK;
}
