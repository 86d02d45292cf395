/*
 * monthly.c: `cm-report monthly`, the satisfaction and complaint report
 * every department gets by the 8th (002 §4.1.6): overall satisfaction
 * and how it moved over twelve months against the target, each item's
 * rate and the items that pull it down, the answers item by item (000
 * §5.3.1.6: 总括满意度, 各单项满意度, 总体满意度发展变化情况), the
 * causes of the month's complaints as Pareto charts by count and by
 * loss (002 §4.2, 柏拉图), the overdue cases (004/4 §14) and the share
 * closed on time.
 *
 * Every figure is computed by cm-survey-calc or cm-complaint, run as
 * children (report-run.c): the report shows what they print.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "num.h"
#include "report-doc.h"
#include "report-resp.h"
#include "xalloc.h"

struct monthly {
	struct report *r;
	int end;			/* the month, as month_index */
	char month[8];
	char first[11], last[11];	/* its first and last day */
	char wfirst[11];		/* the first day of the twelve months */
	char as_of[11];
	struct responses rs;
	struct cm_table *survey;	/* cm-survey-calc -g month */
	struct cm_table *cause, *loss, *bymonth, *overdue;
	int below;			/* the month's rate is below target */
};

/* monthly's options beyond main.c's checks: what it cannot do without. */
static void
check_options(struct report *r)
{
	if (r->month == NULL)
		cm_usage_error("monthly needs --month YYYY-MM");
	if (r->responses.n == 0)
		cm_usage_error("monthly needs --responses FILE (the survey "
		    "forms)");
	if (r->complaints == NULL)
		cm_usage_error("monthly needs --complaints FILE (the "
		    "complaint register)");
	if (r->out_dir == NULL)
		cm_usage_error("monthly needs --out DIR");
	if (r->nfiles > 0)
		cm_usage_error("monthly takes no FILE operand ('%s'): name "
		    "the inputs with --responses and --complaints",
		    r->files[0]);
	report_check_mail(r);
}

/* The month's days, the twelve months' first day, the day judged on. */
static void
settle_dates(struct monthly *m)
{
	struct report *r = m->r;
	int y, mo, k;
	cm_day d;

	m->end = month_index(r->month, strlen(r->month));
	month_name(m->end, m->month);
	y = m->end / 12;
	mo = m->end % 12 + 1;
	cm_date_format(cm_date_from_ymd(y, mo, 1), m->first);
	d = mo == 12 ? cm_date_from_ymd(y + 1, 1, 1) :
	    cm_date_from_ymd(y, mo + 1, 1);
	cm_date_format(d - 1, m->last);
	/* Twelve months back from 1900-05 would leave the dates cm knows. */
	k = m->end - 11 < 1900 * 12 ? 1900 * 12 : m->end - 11;
	cm_date_format(cm_date_from_ymd(k / 12, k % 12 + 1, 1), m->wfirst);
	report_as_of(r, m->last, m->as_of);
}

/* cm-survey-calc over the twelve months, fed through a pipe. */
static void
run_survey(struct monthly *m)
{
	const char *args[8];
	size_t n = 0;
	int finding = 0;

	responses_read(m->r, m->end - 11, m->end, &m->rs);
	if (m->rs.nforms == 0)
		return;
	if (m->rs.nitems == 0 && !m->rs.has_overall)
		cm_die(CM_DATA, "no rating columns in the responses (name "
		    "them with -i)");
	args[n++] = "-g";
	args[n++] = "month";
	args[n++] = "--trend=month";
	if (m->rs.nitems > 0) {
		args[n++] = "-i";
		args[n++] = cm_buf_str(&m->rs.ilist);
	}
	args[n++] = "-";
	args[n] = NULL;
	m->survey = sibling_csv("cm-survey-calc", args, m->rs.feed.s,
	    m->rs.feed.len, 1, &finding);
}

/* cm-complaint's figures: the month's causes, the year's months, overdue. */
static void
run_complaints(struct monthly *m)
{
	struct report *r = m->r;
	int finding = 0;

	m->cause = complaint_csv(r, &finding, "stats", "--by=cause", "--from",
	    m->first, "--to", m->last, NULL);
	m->loss = complaint_csv(r, &finding, "stats", "--by=cause",
	    "--sort=loss", "--from", m->first, "--to", m->last, NULL);
	m->bymonth = complaint_csv(r, &finding, "stats", "--by=month",
	    "--from", m->wfirst, "--to", m->last, NULL);
	m->overdue = complaint_csv(r, &finding, "overdue", "--as-of", m->as_of,
	    NULL);
}

/* The rows of cm-survey-calc's output for month and item, or -1. */
static long
survey_row(const struct monthly *m, const char *month, const char *item)
{
	size_t i;

	if (m->survey == NULL)
		return -1;
	for (i = 0; i < cm_table_nrows(m->survey); i++)
		if (strcmp(cell(m->survey, i, "month"), month) == 0 &&
		    strcmp(cell(m->survey, i, "item"), item) == 0)
			return (long)i;
	return -1;
}

/*
 * Whether a rate of cm-survey-calc's row is below the target, exactly:
 * satisfied / n * 100 < target / 100, in whole numbers.
 */
static int
row_below(const struct monthly *m, size_t row)
{
	long long n, sat;

	if (!m->r->has_target ||
	    cm_strtonum(cell(m->survey, row, "n"), 1, 1LL << 40, &n) < 0 ||
	    cm_strtonum(cell(m->survey, row, "satisfied"), 0, 1LL << 40,
	    &sat) < 0)
		return 0;
	return (__int128)sat * 10000 < (__int128)m->r->target * n;
}

static void
target_words(struct doc *d, const struct report *r, int below)
{
	char buf[64];

	if (!r->has_target)
		return;
	strcat(cm_fmt_ratio(buf, r->target, 100, 2), "%");
	doc_say(d, below ? "alert" : "ok", "target_line", buf,
	    word(below ? "below_target" : "on_target"), NULL);
}

/* 总括满意度: the month's rate, its counts, the target. */
static void
section_overall(struct monthly *m, struct doc *d)
{
	long row = survey_row(m, m->month, "overall");

	doc_section(d, word("sec_overall"));
	if (row < 0 || strcmp(cell(m->survey, row, "n"), "0") == 0) {
		doc_nodata(d, word("no_responses_month"));
		return;
	}
	{
		struct cm_buf rate = {0};

		cm_buf_printf(&rate, "%s%%", cell(m->survey, row, "rate"));
		doc_say(d, NULL, "month_rate", cm_buf_str(&rate),
		    cell(m->survey, row, "satisfied"), cell(m->survey, row,
		    "n"), NULL);
		cm_buf_free(&rate);
	}
	m->below = row_below(m, (size_t)row);
	target_words(d, m->r, m->below);
}

/* 总体满意度发展变化情况: twelve months, a gap where none answered. */
static void
section_trend(struct monthly *m, struct doc *d)
{
	static const char *const tcols[] = {"month", "forms", "satisfied",
	    "rate", "change"};
	static const char *const ccols[] = {"month", "rate"};
	struct cm_table *chart, *tab;
	struct chart_spec s;
	long prev = -1;
	int k;

	doc_section(d, word("sec_trend"));
	if (m->survey == NULL) {
		doc_nodata(d, word("no_responses"));
		return;
	}
	chart = table_of(ccols, 2);
	tab = table_of(tcols, 5);
	for (k = m->end - 11; k <= m->end; k++) {
		char name[8];
		long row;

		month_name(k, name);
		row = survey_row(m, name, "overall");
		{
			const char *c2[] = {name, row < 0 ? "" :
			    cell(m->survey, row, "rate")};

			table_row(chart, c2, 2);
		}
		if (row < 0) {
			prev = row;
			continue;
		}
		{
			/*
			 * --trend=month compares with the month before that
			 * has forms; the table says "from the month before":
			 * none after a month without forms.
			 */
			const char *c5[] = {name, cell(m->survey, row, "n"),
			    cell(m->survey, row, "satisfied"),
			    cell(m->survey, row, "rate"),
			    prev < 0 ? "" : cell(m->survey, row, "trend")};

			table_row(tab, c5, 5);
		}
		prev = row;
	}
	memset(&s, 0, sizeof(s));
	s.type = CHART_TREND;
	s.x = "month";
	s.y = "rate";
	s.title = word("chart_trend");
	s.xlabel = word("axis_month");
	s.ylabel = word("axis_rate");
	s.has_target = m->r->has_target;
	s.target = m->r->target;
	s.target_word = word("target_word");
	doc_chart(d, "trend.png", word("chart_trend"), &s, chart);
	doc_table(d, tab, NULL);
	cm_table_free(chart);
	cm_table_free(tab);
}

/* 各单项满意度, and the items that pull the overall rate down. */
static void
section_items(struct monthly *m, struct doc *d)
{
	static const char *const tcols[] = {"item", "forms", "satisfied",
	    "rate", "mean"};
	static const char *const ccols[] = {"item", "rate"};
	struct cm_table *chart, *tab;
	struct chart_spec s;
	struct cm_buf names = {0};
	size_t i, nbelow = 0;
	long low = -1;

	doc_section(d, word("sec_items"));
	chart = table_of(ccols, 2);
	tab = table_of(tcols, 5);
	for (i = 0; m->survey != NULL && i < cm_table_nrows(m->survey); i++) {
		const char *item = cell(m->survey, i, "item");
		const char *shown = responses_shown(&m->rs, item);

		if (strcmp(cell(m->survey, i, "month"), m->month) != 0 ||
		    strcmp(item, "overall") == 0 ||
		    strcmp(cell(m->survey, i, "n"), "0") == 0)
			continue;
		{
			const char *c2[] = {shown, cell(m->survey, i, "rate")};
			const char *c5[] = {shown, cell(m->survey, i, "n"),
			    cell(m->survey, i, "satisfied"),
			    cell(m->survey, i, "rate"),
			    cell(m->survey, i, "mean")};

			table_row(chart, c2, 2);
			table_row(tab, c5, 5);
		}
		if (row_below(m, i)) {
			cm_buf_adds(&names, nbelow++ ? (words_zh() ? "、" :
			    ", ") : "");
			cm_buf_adds(&names, shown);
			cm_buf_printf(&names, words_zh() ? "（%s%%）" :
			    " (%s%%)", cell(m->survey, i, "rate"));
		}
		{
			long long a, b;

			/* rates have the same decimals: compare as fixed point */
			if (low < 0 || (cm_money_parse(cell(m->survey, i,
			    "rate"), 0, 1000000, &a) == 0 &&
			    cm_money_parse(cell(m->survey, (size_t)low,
			    "rate"), 0, 1000000, &b) == 0 && a < b))
				low = (long)i;
		}
	}
	if (cm_table_nrows(tab) == 0) {
		doc_nodata(d, word("no_responses_month"));
	} else {
		memset(&s, 0, sizeof(s));
		s.type = CHART_BAR;
		s.x = "item";
		s.y = "rate";
		s.title = word("chart_items");
		s.xlabel = word("axis_item");
		s.ylabel = word("axis_rate");
		s.has_target = m->r->has_target;
		s.target = m->r->target;
		s.target_word = word("target_word");
		doc_chart(d, "items.png", word("chart_items"), &s, chart);
		if (nbelow > 0) {
			doc_say(d, "alert", "items_below", cm_buf_str(&names),
			    NULL);
		} else {
			cm_buf_reset(&names);
			cm_buf_adds(&names, responses_shown(&m->rs,
			    cell(m->survey, (size_t)low, "item")));
			cm_buf_printf(&names, words_zh() ? "（%s%%）" :
			    " (%s%%)", cell(m->survey, (size_t)low, "rate"));
			doc_say(d, NULL, "item_lowest", cm_buf_str(&names),
			    NULL);
		}
		doc_table(d, tab, NULL);
	}
	cm_buf_free(&names);
	cm_table_free(chart);
	cm_table_free(tab);
}

/* The answers item by item, n1..n5 as diverging bars. */
static void
section_likert(struct monthly *m, struct doc *d)
{
	static const char *const cols[] = {"item", "n1", "n2", "n3", "n4",
	    "n5"};
	const char *lw[5];
	struct cm_table *chart = table_of(cols, 6);
	struct chart_spec s;
	size_t i, k;

	doc_section(d, word("sec_likert"));
	for (i = 0; m->survey != NULL && i < cm_table_nrows(m->survey); i++) {
		const char *c6[6];

		/* overall without its column has no answers, only a mean */
		if (strcmp(cell(m->survey, i, "month"), m->month) != 0 ||
		    *cell(m->survey, i, "n5") == '\0' ||
		    strcmp(cell(m->survey, i, "n"), "0") == 0)
			continue;
		c6[0] = responses_shown(&m->rs, cell(m->survey, i, "item"));
		for (k = 1; k <= 5; k++)
			c6[k] = cell(m->survey, i, cols[k]);
		table_row(chart, c6, 6);
	}
	if (cm_table_nrows(chart) == 0) {
		doc_nodata(d, word("no_responses_month"));
		cm_table_free(chart);
		return;
	}
	for (k = 0; k < 5; k++) {
		char key[16];

		snprintf(key, sizeof(key), "likert_%zu", k + 1);
		lw[k] = word(key);
	}
	memset(&s, 0, sizeof(s));
	s.type = CHART_LIKERT;
	s.x = "item";
	s.title = word("chart_likert");
	s.likert_words = lw;
	doc_chart(d, "likert.png", word("chart_likert"), &s, chart);
	cm_table_free(chart);
}

/* 催办单: open cases past due on the day judged. */
static int
section_overdue(struct monthly *m, struct doc *d)
{
	size_t n = cm_table_nrows(m->overdue);

	doc_section(d, word("sec_overdue"));
	if (n == 0) {
		doc_nodata(d, word("no_overdue"));
		return 0;
	}
	overdue_table(d, m->overdue, m->as_of, NULL, NULL);
	return 1;
}

/* The share closed on time, month by month (004/4 §10: due dates). */
static void
section_ontime(struct monthly *m, struct doc *d)
{
	static const char *const cols[] = {"month", "count", "closed",
	    "on_time", "on_time_rate"};
	struct cm_table *tab = table_of(cols, 5);
	size_t i, k;
	long mrow = -1;

	doc_section(d, word("sec_ontime"));
	for (i = 0; i < cm_table_nrows(m->bymonth); i++) {
		const char *c5[5];

		for (k = 0; k < 5; k++)
			c5[k] = cell(m->bymonth, i, cols[k]);
		table_row(tab, c5, 5);
		if (strcmp(c5[0], m->month) == 0 && *c5[4] != '\0')
			mrow = (long)i;
	}
	if (cm_table_nrows(tab) == 0) {
		doc_nodata(d, word("no_closed"));
	} else {
		if (mrow >= 0) {
			struct cm_buf rate = {0};

			cm_buf_printf(&rate, "%s%%", cell(m->bymonth, mrow,
			    "on_time_rate"));
			doc_say(d, NULL, "ontime_month", cm_buf_str(&rate),
			    NULL);
			cm_buf_free(&rate);
		}
		doc_table(d, tab, NULL);
	}
	cm_table_free(tab);
}

static const char *const charts[] = {"trend.png", "items.png",
    "likert.png", "pareto-cause.png", "pareto-loss.png", NULL};

int
report_monthly(struct report *r)
{
	struct monthly m;
	struct doc d;
	struct cm_buf title = {0};
	int overdue;

	check_options(r);
	memset(&m, 0, sizeof(m));
	m.r = r;
	settle_dates(&m);
	words_load(r->lang);
	/* Every figure first: a sibling's failure leaves DIR untouched. */
	run_survey(&m);
	run_complaints(&m);

	doc_mkdir(r->out_dir);
	cm_buf_printf(&title, "%s %s", word("title_monthly"), m.month);
	doc_begin(&d, r->out_dir, r->font, cm_buf_str(&title),
	    word("subtitle_monthly"));
	section_overall(&m, &d);
	section_trend(&m, &d);
	section_items(&m, &d);
	section_likert(&m, &d);
	doc_pareto(&d, m.cause, 0, "no_complaints", "complaints_month");
	doc_pareto(&d, m.loss, 1, "no_complaints", NULL);
	overdue = section_overdue(&m, &d);
	section_ontime(&m, &d);
	doc_finish(&d, r, cm_buf_str(&title), charts);

	cm_buf_free(&title);
	responses_free(&m.rs);
	cm_table_free(m.survey);
	cm_table_free(m.cause);
	cm_table_free(m.loss);
	cm_table_free(m.bymonth);
	cm_table_free(m.overdue);
	return m.below || overdue ? CM_ATTENTION : CM_OK;
}
