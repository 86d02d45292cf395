/*
 * annual.c: `cm-report annual`, the 客户投诉综合报告 that the quality
 * office brings to the management review each year (003 §4.3.3): the
 * complaints month by month, their causes by count and by loss (002
 * §4.2, 柏拉图), by department and by category, the share closed on
 * time, the cases reopened (003 §4.3.2: the customer was not satisfied
 * with the result) and the total loss.
 *
 * Every figure is cm-complaint's (report-run.c).
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "num.h"
#include "report-doc.h"
#include "xalloc.h"

struct annual {
	struct report *r;
	char first[11], last[11], as_of[11];
	struct cm_table *bymonth, *cause, *loss, *dept, *category, *list,
	    *overdue;
	long long count, closed, on_time, reopened;
	long long loss_fen;
	size_t noverdue;
};

static void
check_options(struct report *r)
{
	if (r->year == NULL)
		cm_usage_error("annual needs --year YYYY");
	if (r->complaints == NULL)
		cm_usage_error("annual needs --complaints FILE (the complaint "
		    "register)");
	if (r->out_dir == NULL)
		cm_usage_error("annual needs --out DIR");
	if (r->nfiles > 0)
		cm_usage_error("annual takes no FILE operand ('%s'): name "
		    "the register with --complaints", r->files[0]);
	report_check_mail(r);
}

static long long
num(const struct cm_table *t, size_t row, const char *col)
{
	long long v;

	return cm_strtonum(cell(t, row, col), 0, 1LL << 50, &v) == 0 ? v : 0;
}

static void
run_complaints(struct annual *a)
{
	struct report *r = a->r;
	int finding = 0;
	size_t i;

	a->bymonth = complaint_csv(r, &finding, "stats", "--by=month",
	    "--from", a->first, "--to", a->last, NULL);
	a->cause = complaint_csv(r, &finding, "stats", "--by=cause", "--from",
	    a->first, "--to", a->last, NULL);
	a->loss = complaint_csv(r, &finding, "stats", "--by=cause",
	    "--sort=loss", "--from", a->first, "--to", a->last, NULL);
	a->dept = complaint_csv(r, &finding, "stats", "--by=dept", "--from",
	    a->first, "--to", a->last, NULL);
	a->category = complaint_csv(r, &finding, "stats", "--by=category",
	    "--from", a->first, "--to", a->last, NULL);
	a->list = complaint_csv(r, &finding, "list", "--from", a->first,
	    "--to", a->last, NULL);
	a->overdue = complaint_csv(r, &finding, "overdue", "--as-of",
	    a->as_of, NULL);
	/* The year's sums: whole numbers added, the rate as stats makes it. */
	for (i = 0; i < cm_table_nrows(a->bymonth); i++) {
		long long fen;

		a->count += num(a->bymonth, i, "count");
		a->closed += num(a->bymonth, i, "closed");
		a->on_time += num(a->bymonth, i, "on_time");
		a->reopened += num(a->bymonth, i, "reopened");
		if (cm_money_parse(cell(a->bymonth, i, "loss"), 0,
		    1000000000000000LL, &fen) == 0)
			a->loss_fen += fen;
	}
	/* Overdue now: the cases of the year still open past due. */
	for (i = 0; i < cm_table_nrows(a->overdue); i++) {
		const char *rc = cell(a->overdue, i, "received");

		if (strcmp(rc, a->first) >= 0 && strcmp(rc, a->last) <= 0)
			a->noverdue++;
	}
}

static void
figure(struct cm_table *t, const char *key, const char *value)
{
	const char *c[] = {word(key), value};

	table_row(t, c, 2);
}

static void
section_summary(struct annual *a, struct doc *d)
{
	static const char *const cols[] = {"figure", "value"};
	struct cm_table *t = table_of(cols, 2);
	char buf[64];

	doc_section(d, word("sec_summary"));
	if (a->count == 0) {
		doc_nodata(d, word("no_complaints_year"));
		cm_table_free(t);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", a->count);
	figure(t, "sum_complaints", buf);
	snprintf(buf, sizeof(buf), "%lld", a->closed);
	figure(t, "sum_closed", buf);
	snprintf(buf, sizeof(buf), "%lld", a->on_time);
	figure(t, "sum_on_time", buf);
	figure(t, "sum_on_time_rate", a->closed ? cm_fmt_ratio(buf,
	    (__int128)a->on_time * 100, a->closed, 2) : "");
	snprintf(buf, sizeof(buf), "%lld", a->closed - a->on_time);
	figure(t, "sum_late", buf);
	snprintf(buf, sizeof(buf), "%zu", a->noverdue);
	figure(t, "sum_overdue", buf);
	snprintf(buf, sizeof(buf), "%lld", a->reopened);
	figure(t, "sum_reopened", buf);
	figure(t, "sum_loss", cm_money_format(buf, a->loss_fen));
	doc_table(d, t, NULL);
	cm_table_free(t);
}

/* Twelve bars, a month without complaints a bar of 0. */
static void
section_by_month(struct annual *a, struct doc *d)
{
	static const char *const ccols[] = {"month", "count"};
	static const char *const tcols[] = {"month", "count", "closed",
	    "on_time", "on_time_rate", "reopened", "loss"};
	struct cm_table *chart = table_of(ccols, 2), *tab = table_of(tcols, 7);
	struct chart_spec s;
	size_t i, k;
	int m;

	doc_section(d, word("sec_by_month"));
	if (a->count == 0) {
		doc_nodata(d, word("no_complaints_year"));
		goto done;
	}
	for (m = 1; m <= 12; m++) {
		char name[8];
		const char *count = "0";

		snprintf(name, sizeof(name), "%.4s-%02d", a->r->year, m);
		for (i = 0; i < cm_table_nrows(a->bymonth); i++)
			if (strcmp(cell(a->bymonth, i, "month"), name) == 0) {
				const char *c7[7];

				count = cell(a->bymonth, i, "count");
				for (k = 0; k < 7; k++)
					c7[k] = cell(a->bymonth, i, tcols[k]);
				table_row(tab, c7, 7);
			}
		{
			const char *c2[] = {name, count};

			table_row(chart, c2, 2);
		}
	}
	memset(&s, 0, sizeof(s));
	s.type = CHART_BAR;
	s.x = "month";
	s.y = "count";
	s.title = word("chart_by_month");
	s.xlabel = word("axis_month");
	s.ylabel = word("axis_count");
	doc_chart(d, "by-month.png", s.title, &s, chart);
	doc_table(d, tab, NULL);
done:
	cm_table_free(chart);
	cm_table_free(tab);
}

/* By department or by category: cm-complaint's table, in our words. */
static void
section_by(struct annual *a, struct doc *d, const char *key)
{
	const char *const cols[] = {key, "count", "closed", "on_time_rate",
	    "reopened", "mean_days", "loss"};
	struct cm_table *src = strcmp(key, "dept") == 0 ? a->dept :
	    a->category;
	struct cm_table *tab = table_of(cols, 7);
	size_t i, k;

	doc_section(d, word(strcmp(key, "dept") == 0 ? "sec_by_dept" :
	    "sec_by_category"));
	if (cm_table_nrows(src) == 0) {
		doc_nodata(d, word("no_complaints_year"));
		cm_table_free(tab);
		return;
	}
	for (i = 0; i < cm_table_nrows(src); i++) {
		const char *c[7];

		for (k = 0; k < 7; k++)
			c[k] = cell(src, i, cols[k]);
		if (*c[0] == '\0')
			c[0] = word(strcmp(key, "dept") == 0 ? "no_dept" :
			    "unclassified");
		else if (strcmp(key, "category") == 0)
			c[0] = word_or(c[0], c[0]);
		table_row(tab, c, 7);
	}
	doc_table(d, tab, NULL);
	cm_table_free(tab);
}

/* The cases reopened in the year (003 §4.3.2). */
static void
section_reopened(struct annual *a, struct doc *d)
{
	static const char *const cols[] = {"id", "received", "customer",
	    "cause", "dept", "status"};
	struct cm_table *tab = table_of(cols, 6);
	struct cm_buf key = {0};
	size_t i, k;

	doc_section(d, word("sec_reopened"));
	for (i = 0; i < cm_table_nrows(a->list); i++) {
		const char *re = cell(a->list, i, "reopened"), *c[6];

		if (*re == '\0' || strcmp(re, "0") == 0)
			continue;
		for (k = 0; k < 6; k++)
			c[k] = cell(a->list, i, cols[k]);
		c[3] = cause_word(c[3]);
		cm_buf_reset(&key);
		cm_buf_printf(&key, "status_%s", c[5]);
		if (words_zh())
			c[5] = word_or(cm_buf_str(&key), c[5]);
		table_row(tab, c, 6);
	}
	if (cm_table_nrows(tab) == 0)
		doc_nodata(d, word("no_reopened"));
	else
		doc_table(d, tab, NULL);
	cm_buf_free(&key);
	cm_table_free(tab);
}

static const char *const charts[] = {"by-month.png", "pareto-cause.png",
    "pareto-loss.png", NULL};

int
report_annual(struct report *r)
{
	struct annual a;
	struct doc d;
	struct cm_buf title = {0};

	check_options(r);
	memset(&a, 0, sizeof(a));
	a.r = r;
	snprintf(a.first, sizeof(a.first), "%.4s-01-01", r->year);
	snprintf(a.last, sizeof(a.last), "%.4s-12-31", r->year);
	report_as_of(r, a.last, a.as_of);
	words_load(r->lang);
	run_complaints(&a);

	doc_mkdir(r->out_dir);
	cm_buf_printf(&title, "%s %s", word("title_annual"), r->year);
	doc_begin(&d, r->out_dir, r->font, cm_buf_str(&title),
	    word("subtitle_annual"));
	section_summary(&a, &d);
	section_by_month(&a, &d);
	doc_pareto(&d, a.cause, 0, "no_complaints_year", NULL);
	doc_pareto(&d, a.loss, 1, "no_complaints_year", NULL);
	section_by(&a, &d, "dept");
	section_by(&a, &d, "category");
	section_reopened(&a, &d);
	doc_section(&d, word("sec_overdue"));
	if (a.noverdue == 0)
		doc_nodata(&d, word("no_overdue"));
	else
		overdue_table(&d, a.overdue, a.as_of, a.first, a.last);
	doc_finish(&d, r, cm_buf_str(&title), charts);

	cm_buf_free(&title);
	cm_table_free(a.bymonth);
	cm_table_free(a.cause);
	cm_table_free(a.loss);
	cm_table_free(a.dept);
	cm_table_free(a.category);
	cm_table_free(a.list);
	cm_table_free(a.overdue);
	return a.closed > a.on_time || a.noverdue > 0 ? CM_ATTENTION : CM_OK;
}
