/*
 * report-resp.c: the survey forms of the monthly report (000 §5.3.1.6),
 * read through the one CSV reader (GB18030, BOM, CRLF, Chinese headers,
 * --map) and turned into what cm-survey-calc reads: canonical UTF-8 CSV
 * with a month column, the forms of the twelve months only.
 *
 * A form's month is its period when that is YYYY-MM (a monthly survey),
 * else its month column (月份) when that is, else the month of its date.
 */
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "date.h"
#include "num.h"
#include "rating.h"
#include "report-resp.h"
#include "strset.h"
#include "xalloc.h"

/*
 * Columns that are never items even when they hold numbers 1..5: who,
 * when and what group, not a rating (a customer called 3, a region 2).
 */
static const char *const not_items[] = {"overall", "id", "response_id",
    "period", "month", "date", "customer", "comment", "product_type",
    "green", "dept", "region", "customers", "issued", "name", "note",
    /* ... nor what columns.map names that is no rating: counts, money */
    "qty", "defect_qty", "declared_qty", "loss", "amount", "employees",
    "receivables", "annual_trade", "defaults", "reputation", "designated",
    "first_trade", "type", "kind", "unit", "ref", "order_no", "part_no",
    "spec", "location", "cause", "received", "result", "action", "by",
    "description", NULL};

/* What columns.map names that is a rating: an item whatever its header. */
static const char *const rating_names[] = {"quality", "delivery",
    "cooperation", "service", "delivery_service", "sales_service",
    "improvement", NULL};

/*
 * Pieces of a header that say it counts (数量, 箱数, 件数, 金额, qty): a
 * column of such a header that holds digits only is no item, however
 * small its numbers (1 to 5 boxes).
 */
static const char *const count_words[] = {"数", "量", "额", "額", "次",
    "件", "箱", "个", "個", "金", "价", "價", "qty", "quantity", "count",
    "number", "amount", "total", "price", "cost", NULL};

struct col {
	char *canon, *raw;	/* raw: as the first file to have it writes it */
	int invalid;		/* a cell that is no rating of the scale */
	int worded;		/* a rating written as a word (满意), not digits */
	size_t answered;
};

struct form {
	size_t file;
	long line;
	int month;
	char **cells;		/* by the file's column */
};

struct reader {
	struct col *cols;
	size_t ncols, colcap;
	struct cm_strset *byname;
	size_t **fmap;		/* per file: its column -> cols[] */
	size_t *fncols;
	struct form *forms;
	size_t nforms, formcap;
};

int
month_index(const char *s, size_t n)
{
	long long y, m;
	char ys[5], ms[3];

	if (n != 7 || s[4] != '-' || strspn(s, "0123456789") != 4 ||
	    strspn(s + 5, "0123456789") != 2)
		return -1;
	memcpy(ys, s, 4);
	ys[4] = '\0';
	memcpy(ms, s + 5, 2);
	ms[2] = '\0';
	if (cm_strtonum(ys, 1900, 9999, &y) < 0 ||
	    cm_strtonum(ms, 1, 12, &m) < 0)
		return -1;
	return (int)(y * 12 + m - 1);
}

void
month_name(int idx, char buf[8])
{
	char day[11];

	/* The month's first day as cm_date_format writes it, less the day. */
	cm_date_format(cm_date_from_ymd(idx / 12, idx % 12 + 1, 1), day);
	memcpy(buf, day, 7);
	buf[7] = '\0';
}

static size_t
col_of(struct reader *rd, const char *canon, const char *raw)
{
	size_t i;

	if (rd->byname == NULL)
		rd->byname = cm_strset_new();
	if (cm_strset_get(rd->byname, canon, &i))
		return i;
	rd->cols = xgrow(rd->cols, &rd->colcap, rd->ncols + 1,
	    sizeof(*rd->cols));
	memset(&rd->cols[rd->ncols], 0, sizeof(*rd->cols));
	rd->cols[rd->ncols].canon = xstrdup(canon);
	rd->cols[rd->ncols].raw = xstrdup(raw);
	cm_strset_add(rd->byname, rd->cols[rd->ncols].canon, rd->ncols, NULL);
	return rd->ncols++;
}

/* The month of the current form, or -1. */
static int
form_month(struct cm_csv *c, int pcol, int mcol, int dcol)
{
	cm_day d;
	int y, m, dd, idx;

	if (pcol >= 0 && (idx = month_index(cm_csv_field(c, (size_t)pcol),
	    cm_csv_flen(c, (size_t)pcol))) >= 0)
		return idx;
	if (mcol >= 0 && (idx = month_index(cm_csv_field(c, (size_t)mcol),
	    cm_csv_flen(c, (size_t)mcol))) >= 0)
		return idx;
	if (dcol >= 0 && cm_date_parse(cm_csv_field(c, (size_t)dcol),
	    cm_csv_flen(c, (size_t)dcol), &d) == 0) {
		cm_date_to_ymd(d, &y, &m, &dd);
		return y * 12 + m - 1;
	}
	return -1;
}

static const char *
field_or(struct cm_csv *c, int col)
{
	return col >= 0 ? cm_csv_field(c, (size_t)col) : "";
}

/* One file: its header into the union of columns, its forms of [lo, hi]. */
static void
read_file(struct reader *rd, struct report *r, size_t fi, int lo, int hi)
{
	const char *path = r->responses.v[fi];
	struct cm_error err;
	struct cm_csv *c;
	size_t i, n;
	int pcol, mcol, dcol, rc;

	if ((c = cm_csv_open(path, &r->co.in, &err)) == NULL)
		cm_die_error(&err);
	n = cm_csv_ncols(c);
	rd->fmap = xreallocarray(rd->fmap, fi + 1, sizeof(*rd->fmap));
	rd->fncols = xreallocarray(rd->fncols, fi + 1, sizeof(size_t));
	rd->fmap[fi] = xcalloc(n ? n : 1, sizeof(size_t));
	rd->fncols[fi] = n;
	for (i = 0; i < n; i++)
		rd->fmap[fi][i] = col_of(rd, cm_csv_colname(c, i),
		    cm_csv_rawname(c, i));
	pcol = cm_csv_col(c, "period");
	mcol = cm_csv_col(c, "month");
	dcol = cm_csv_col(c, "date");
	if (pcol < 0 && mcol < 0 && dcol < 0) {
		cm_csv_close(c);
		cm_die(CM_DATA, "%s: no column 'period', 'month' or 'date' "
		    "(a form's month comes from one)", path);
	}
	while ((rc = cm_csv_next(c, &err)) == 1) {
		int m = form_month(c, pcol, mcol, dcol);
		struct form *f;

		if (m < 0) {
			long line = cm_csv_line(c);
			char *p = xstrdup(cm_msg_value(field_or(c, pcol)));
			char *d = xstrdup(cm_msg_value(field_or(c, dcol)));

			cm_csv_close(c);
			cm_dieat(CM_DATA, path, line, 0, "no month for the form "
			    "(period '%s' is not YYYY-MM, date '%s' is not a "
			    "date)", p, d);
		}
		if (m < lo || m > hi)
			continue;
		rd->forms = xgrow(rd->forms, &rd->formcap, rd->nforms + 1,
		    sizeof(*rd->forms));
		f = &rd->forms[rd->nforms++];
		f->file = fi;
		f->line = cm_csv_line(c);
		f->month = m;
		f->cells = xcalloc(n ? n : 1, sizeof(char *));
		for (i = 0; i < n; i++)
			f->cells[i] = xstrndup(cm_csv_field(c, i),
			    cm_csv_flen(c, i));
	}
	if (rc < 0) {
		cm_csv_close(c);
		cm_die_error(&err);
	}
	cm_csv_close(c);
}

/* The file column of union column u in file fi, or -1. */
static long
file_col(const struct reader *rd, size_t fi, size_t u)
{
	size_t i;

	for (i = 0; i < rd->fncols[fi]; i++)
		if (rd->fmap[fi][i] == u)
			return (long)i;
	return -1;
}

static int excluded(const char *canon);

static int
listed(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/*
 * Whether an unnamed column (no -i) is an item: not a column of the
 * lists above, every answer a rating of the default scale, one at least;
 * and when every answer is written in digits, a header that does not
 * count (count_words, ASCII letters in any case), unless columns.map
 * makes it one of cm's rating names (产品质量 is quality).
 */
static int
is_item(const struct col *c)
{
	size_t i;

	if (excluded(c->canon) || c->invalid || c->answered == 0)
		return 0;
	if (c->worded || listed(rating_names, c->canon))
		return 1;
	for (i = 0; count_words[i] != NULL; i++)
		if (strcasestr(c->raw, count_words[i]) != NULL ||
		    strcasestr(c->canon, count_words[i]) != NULL)
			return 0;
	return 1;
}

static int
excluded(const char *canon)
{
	size_t i;

	for (i = 0; not_items[i] != NULL; i++)
		if (strcmp(not_items[i], canon) == 0)
			return 1;
	/* cm-survey-calc's -i is a comma list: no item can hold a comma. */
	return strchr(canon, ',') != NULL;
}

/* Tally every cell of the window against the default scale. */
static void
tally(struct reader *rd, const struct cm_scale *sc)
{
	size_t k, i;

	for (k = 0; k < rd->nforms; k++) {
		struct form *f = &rd->forms[k];

		for (i = 0; i < rd->fncols[f->file]; i++) {
			struct col *c = &rd->cols[rd->fmap[f->file][i]];
			int v = cm_rating_parse(sc, f->cells[i],
			    strlen(f->cells[i]));

			if (v == CM_RATING_INVALID)
				c->invalid = 1;
			else if (v >= 0) {
				c->answered++;
				if (f->cells[i][strspn(f->cells[i],
				    " 0123456789")] != '\0')
					c->worded = 1;
			}
		}
	}
}

/* The column called name (-i): as the file writes it, or mapped. */
static size_t
find_col(const struct reader *rd, const struct report *r, const char *name)
{
	char *buf = xmalloc(strlen(name) + 1);
	const char *canon = cm_colmap_get(r->co.map, name, buf);
	size_t i;

	for (i = 0; i < rd->ncols; i++)
		if (strcmp(rd->cols[i].raw, name) == 0 ||
		    strcmp(rd->cols[i].canon, canon) == 0)
			break;
	free(buf);
	return i;
}

/* -i: each name must be a column of every file, as cm-survey-calc says. */
static void
named_items(struct reader *rd, struct report *r, struct responses *out)
{
	char *list = xstrdup(r->items), *name, *save = NULL;
	size_t fi, u, j;

	for (name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		u = find_col(rd, r, name);
		for (fi = 0; fi < r->responses.n; fi++)
			if (u == rd->ncols || file_col(rd, fi, u) < 0)
				cm_die(CM_DATA, "%s: no column '%s' (-i)",
				    r->responses.v[fi], name);
		for (j = 0; j < out->nitems; j++)
			if (out->items[j] == u)
				break;
		if (j == out->nitems) {
			out->items = xreallocarray(out->items, out->nitems + 1,
			    sizeof(size_t));
			out->items[out->nitems++] = u;
		}
	}
	free(list);
}

/*
 * An item named with -i whose cell is no rating: cm-survey-calc counts
 * it as invalid and would name a line of the pipe, so the user's file
 * and line are named here.
 */
static void
warn_invalid(struct reader *rd, struct report *r, struct responses *out,
    const struct cm_scale *sc)
{
	size_t k, j;

	for (k = 0; k < rd->nforms; k++) {
		struct form *f = &rd->forms[k];

		for (j = 0; j < out->nitems; j++) {
			long i = file_col(rd, f->file, out->items[j]);
			const char *s = i < 0 ? "" : f->cells[i];

			if (cm_rating_parse(sc, s, strlen(s)) ==
			    CM_RATING_INVALID)
				cm_warnat(r->responses.v[f->file], f->line,
				    i + 1, "invalid rating '%s' in column "
				    "'%s' (counted as invalid)",
				    cm_msg_value(s), rd->cols[out->items[j]].raw);
		}
	}
}

/*
 * -i names items: the overall column is not one (cm-survey-calc rates
 * it on its own, and a second overall column is its usage error about a
 * line of our pipe), and neither is a column named twice, under any of
 * its names (产品品质 and quality are one column).
 */
static void
check_items(const struct report *r)
{
	char *list = xstrdup(r->items), *name, *save = NULL;
	struct cm_strset *seen = cm_strset_new();
	char **canon = NULL;
	size_t n = 0, cap = 0, i;

	for (name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		char *buf = xmalloc(strlen(name) + 1);
		const char *c = cm_colmap_get(r->co.map, name, buf);

		if (strcmp(c, "overall") == 0)
			cm_usage_error("-i names the overall column '%s': it "
			    "is reported on its own, not as an item", name);
		canon = xgrow(canon, &cap, n + 1, sizeof(*canon));
		canon[n] = xstrdup(c);
		free(buf);
		if (!cm_strset_add(seen, canon[n++], 0, NULL))
			cm_usage_error("-i names the column '%s' twice", name);
	}
	cm_strset_free(seen);
	for (i = 0; i < n; i++)
		free(canon[i]);
	free(canon);
	free(list);
}

void
responses_read(struct report *r, int lo, int hi, struct responses *out)
{
	struct reader rd;
	struct cm_scale sc;
	const char **fields;
	size_t fi, k, j, nf;
	size_t overall = 0;

	memset(&rd, 0, sizeof(rd));
	memset(out, 0, sizeof(*out));
	if (r->items != NULL)
		check_items(r);
	for (fi = 0; fi < r->responses.n; fi++)
		read_file(&rd, r, fi, lo, hi);
	cm_scale_default(&sc);
	if (r->items != NULL) {
		named_items(&rd, r, out);
		warn_invalid(&rd, r, out, &sc);
	} else {
		tally(&rd, &sc);
		for (k = 0; k < rd.ncols; k++)
			if (is_item(&rd.cols[k])) {
				out->items = xreallocarray(out->items,
				    out->nitems + 1, sizeof(size_t));
				out->items[out->nitems++] = k;
			}
	}
	out->has_overall = rd.byname != NULL &&
	    cm_strset_get(rd.byname, "overall", &overall);
	/* The names: canonical for cm-survey-calc, the user's for people. */
	out->canon = xcalloc(out->nitems + 1, sizeof(char *));
	out->raw = xcalloc(out->nitems + 1, sizeof(char *));
	for (j = 0; j < out->nitems; j++) {
		out->canon[j] = xstrdup(rd.cols[out->items[j]].canon);
		out->raw[j] = xstrdup(rd.cols[out->items[j]].raw);
		cm_buf_adds(&out->ilist, j ? "," : "");
		cm_buf_adds(&out->ilist, out->canon[j]);
	}
	if (out->has_overall)
		out->overall_raw = xstrdup(rd.cols[overall].raw);
	if (cm_verbose)
		cm_info("items: %s", out->nitems ? cm_buf_str(&out->ilist) :
		    _("(none)"));

	/* The feed: month, overall, items. */
	nf = 1 + (size_t)out->has_overall + out->nitems;
	fields = xcalloc(nf, sizeof(*fields));
	fields[0] = "month";
	if (out->has_overall)
		fields[1] = "overall";
	for (j = 0; j < out->nitems; j++)
		fields[1 + out->has_overall + j] = out->canon[j];
	cm_table_record(&out->feed, fields, nf, ',');
	for (k = 0; k < rd.nforms; k++) {
		struct form *f = &rd.forms[k];
		char mbuf[8];
		long i;

		month_name(f->month, mbuf);
		fields[0] = mbuf;
		if (out->has_overall) {
			i = file_col(&rd, f->file, overall);
			fields[1] = i < 0 ? "" : f->cells[i];
		}
		for (j = 0; j < out->nitems; j++) {
			i = file_col(&rd, f->file, out->items[j]);
			fields[1 + out->has_overall + j] = i < 0 ? "" :
			    f->cells[i];
		}
		cm_table_record(&out->feed, fields, nf, ',');
		out->nforms++;
	}
	free(fields);

	for (k = 0; k < rd.nforms; k++) {
		for (j = 0; j < rd.fncols[rd.forms[k].file]; j++)
			free(rd.forms[k].cells[j]);
		free(rd.forms[k].cells);
	}
	free(rd.forms);
	for (k = 0; k < rd.ncols; k++) {
		free(rd.cols[k].canon);
		free(rd.cols[k].raw);
	}
	free(rd.cols);
	cm_strset_free(rd.byname);
	for (fi = 0; fi < r->responses.n; fi++)
		free(rd.fmap[fi]);
	free(rd.fmap);
	free(rd.fncols);
	cm_scale_free(&sc);
}

const char *
responses_shown(const struct responses *rs, const char *canon)
{
	size_t j;

	if (strcmp(canon, "overall") == 0)
		return words_zh() && rs->has_overall ? rs->overall_raw :
		    word("overall");
	if (!words_zh())
		return canon;
	for (j = 0; j < rs->nitems; j++)
		if (strcmp(rs->canon[j], canon) == 0)
			return rs->raw[j];
	return canon;
}

void
responses_free(struct responses *rs)
{
	size_t j;

	for (j = 0; j < rs->nitems; j++) {
		free(rs->canon[j]);
		free(rs->raw[j]);
	}
	free(rs->canon);
	free(rs->raw);
	free(rs->items);
	free(rs->overall_raw);
	cm_buf_free(&rs->feed);
	cm_buf_free(&rs->ilist);
}
