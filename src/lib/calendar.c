/* calendar.c: working-day calendars (see calendar.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "i18n.h"
#include "share.h"
#include "text.h"
#include "xalloc.h"

/*
 * One covered year.  kind[] answers "what is this day" in one read;
 * cum[] makes a count over a year one subtraction, so counting the
 * working days between two dates never walks them.  A year has at most
 * 366 days, so the counts fit an unsigned short.
 */
struct cal_year {
	cm_day jan1;			/* day number of 1 January */
	int ndays;			/* 365 or 366 */
	unsigned char kind[366];	/* enum cm_cal_kind */
	uint32_t name[366];		/* 1 + index into cal->names; 0: none */
	unsigned short cum[367];	/* working days among days [0, i) */
	long *line;			/* while loading: the row of each day */
};

struct cm_cal {
	char *file;
	int y0;				/* first year of years[] */
	int ny;				/* years[] spans y0 .. y0 + ny - 1 */
	struct cal_year **years;	/* NULL: a year not in the file */
	cm_day lo, hi;			/* first and last day of that span */
	char **names;			/* the distinct name cells, in order */
	size_t nnames, capnames;
	char *years_text;		/* "2025-2026" */
	int extend;			/* cm_cal_extend: Mon-Fri past hi */
};

static const char wdname[7][4] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const wdlong[7] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday")
};

/* Longest cell text quoted in a message: a stray long cell stays legible. */
#define QUOTE_MAX	64

static int
is_working(int kind)
{
	return kind == CM_CAL_WEEKDAY || kind == CM_CAL_WORKDAY;
}

/* Monday to Friday, for the days past an extended calendar's end. */
static int
weekday_rule(cm_day d)
{
	return cm_date_weekday(d) <= 5;
}

/* The Mondays to Fridays among [s, e] (s <= e), without walking them. */
static long
weekdays_in(cm_day s, cm_day e)
{
	long n = (e - s + 1) / 7 * 5;
	cm_day d;

	for (d = s + (e - s + 1) / 7 * 7; d <= e; d++)
		n += weekday_rule(d);
	return n;
}

static int
year_of_day(cm_day d)
{
	int y, m, dd;

	cm_date_to_ymd(d, &y, &m, &dd);
	return y;
}

/*
 * The table of d's year and d's index in it, or NULL when the year is
 * not covered.  The span check comes first so that cm_date_to_ymd only
 * ever sees days of years 1900..9999 (all a parser can produce), however
 * far a caller's arithmetic has wandered.
 */
static const struct cal_year *
year_table(const struct cm_cal *cal, cm_day d, int *doy)
{
	const struct cal_year *yr;

	if (d < cal->lo || d > cal->hi)
		return NULL;
	yr = cal->years[year_of_day(d) - cal->y0];
	if (yr != NULL)
		*doy = (int)(d - yr->jan1);
	return yr;
}

static int
outside(const struct cm_cal *cal, cm_day d, struct cm_error *err)
{
	char buf[11];

	return cm_error_set(err, CM_DATA, NULL, 0, 0,
	    "date %s is outside the years the calendar covers (%s)",
	    cm_date_format(d, buf), cal->years_text);
}

/*
 * Loading.
 */

/*
 * The table for year y, created (every day ordinary, by its day of the
 * week) when the file first lists a day of it.  Rows may come in any
 * order, so years[] grows at either end.
 */
static struct cal_year *
year_for_load(struct cm_cal *cal, int y)
{
	struct cal_year *yr;
	int i, wd;

	if (cal->ny == 0) {
		cal->years = xcalloc(1, sizeof(*cal->years));
		cal->y0 = y;
		cal->ny = 1;
	} else if (y < cal->y0) {
		int grow = cal->y0 - y;
		struct cal_year **v = xcalloc((size_t)(cal->ny + grow),
		    sizeof(*v));

		memcpy(v + grow, cal->years, (size_t)cal->ny * sizeof(*v));
		free(cal->years);
		cal->years = v;
		cal->y0 = y;
		cal->ny += grow;
	} else if (y >= cal->y0 + cal->ny) {
		int n = y - cal->y0 + 1;

		cal->years = xreallocarray(cal->years, (size_t)n,
		    sizeof(*cal->years));
		memset(cal->years + cal->ny, 0,
		    (size_t)(n - cal->ny) * sizeof(*cal->years));
		cal->ny = n;
	}
	if ((yr = cal->years[y - cal->y0]) != NULL)
		return yr;

	yr = xcalloc(1, sizeof(*yr));
	yr->jan1 = cm_date_from_ymd(y, 1, 1);
	yr->ndays = cm_date_is_leap(y) ? 366 : 365;
	yr->line = xcalloc(366, sizeof(*yr->line));
	wd = cm_date_weekday(yr->jan1);
	for (i = 0; i < yr->ndays; i++) {
		yr->kind[i] = wd <= 5 ? CM_CAL_WEEKDAY : CM_CAL_WEEKEND;
		wd = wd % 7 + 1;
	}
	cal->years[y - cal->y0] = yr;
	return yr;
}

/*
 * 1 + the index of name s[0..len) in cal->names.  Rows of one festival
 * come together, so only the last name is compared: a strange file with
 * many names costs memory in proportion to its rows, never a quadratic
 * search.
 */
static uint32_t
intern_name(struct cm_cal *cal, const char *s, size_t len)
{
	const char *last;

	if (cal->nnames > 0) {
		last = cal->names[cal->nnames - 1];
		if (strlen(last) == len && memcmp(last, s, len) == 0)
			return (uint32_t)cal->nnames;
	}
	cal->names = xgrow(cal->names, &cal->capnames, cal->nnames + 1,
	    sizeof(*cal->names));
	cal->names[cal->nnames++] = xstrndup(s, len);
	return (uint32_t)cal->nnames;
}

struct cols {
	int date, kind, name;
};

static int
load_row(struct cm_cal *cal, struct cm_csv *r, const struct cols *c,
    struct cm_error *err)
{
	const char *file = cm_csv_name(r), *ks, *ds, *ns;
	size_t klen, dlen, nlen;
	long line = cm_csv_line(r);
	struct cal_year *yr;
	char buf[11];
	int kind, doy, wd;
	cm_day d;

	dlen = cm_csv_flen(r, (size_t)c->date);
	ds = cm_trim(cm_csv_field(r, (size_t)c->date), &dlen);
	klen = cm_csv_flen(r, (size_t)c->kind);
	ks = cm_trim(cm_csv_field(r, (size_t)c->kind), &klen);
	/* Excel saves rows it once formatted as ",,,": not a day. */
	if (dlen == 0 && klen == 0)
		return 0;

	if (cm_date_parse(ds, dlen, &d) < 0)
		return cm_error_set(err, CM_DATA, file, line, c->date + 1,
		    "bad date '%.*s'", dlen > QUOTE_MAX ? QUOTE_MAX :
		    (int)dlen, ds);
	if (klen == 7 && strncasecmp(ks, "holiday", 7) == 0)
		kind = CM_CAL_HOLIDAY;
	else if (klen == 7 && strncasecmp(ks, "workday", 7) == 0)
		kind = CM_CAL_WORKDAY;
	else
		return cm_error_set(err, CM_DATA, file, line, c->kind + 1,
		    "unknown kind '%.*s' (expected holiday or workday)",
		    klen > QUOTE_MAX ? QUOTE_MAX : (int)klen, ks);

	wd = cm_date_weekday(d);
	if (kind == CM_CAL_WORKDAY && wd <= 5)
		return cm_error_set(err, CM_DATA, file, line, c->date + 1,
		    "workday %s is a %s, not a weekend make-up day",
		    cm_date_format(d, buf), _(wdlong[wd - 1]));

	yr = year_for_load(cal, year_of_day(d));
	doy = (int)(d - yr->jan1);
	if (yr->line[doy] != 0)
		return cm_error_set(err, CM_DATA, file, line, c->date + 1,
		    "date %s listed twice (first on line %ld)",
		    cm_date_format(d, buf), yr->line[doy]);
	yr->line[doy] = line;
	yr->kind[doy] = (unsigned char)kind;

	if (c->name >= 0) {
		ns = cm_csv_field(r, (size_t)c->name);
		nlen = cm_csv_flen(r, (size_t)c->name);
		ns = cm_trim(ns, &nlen);
		if (nlen > 0)
			yr->name[doy] = intern_name(cal, ns, nlen);
	}
	return 0;
}

/* "2023, 2025-2026": runs of consecutive covered years. */
static char *
years_text(const struct cm_cal *cal)
{
	struct cm_buf b = {0};
	char *s;
	int i, j;

	for (i = 0; i < cal->ny; i = j) {
		if (cal->years[i] == NULL) {
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < cal->ny && cal->years[j] != NULL; j++)
			;
		if (b.len > 0)
			cm_buf_adds(&b, ", ");
		if (j - i == 1)
			cm_buf_printf(&b, "%d", cal->y0 + i);
		else
			cm_buf_printf(&b, "%d-%d", cal->y0 + i,
			    cal->y0 + j - 1);
	}
	s = xstrdup(cm_buf_str(&b));
	cm_buf_free(&b);
	return s;
}

/* Running counts, the span, the text; the load-time line table goes. */
static void
finish(struct cm_cal *cal)
{
	struct cal_year *yr;
	int i, k;

	for (i = 0; i < cal->ny; i++) {
		if ((yr = cal->years[i]) == NULL)
			continue;
		yr->cum[0] = 0;
		for (k = 0; k < yr->ndays; k++)
			yr->cum[k + 1] = (unsigned short)(yr->cum[k] +
			    is_working(yr->kind[k]));
		free(yr->line);
		yr->line = NULL;
	}
	cal->lo = cm_date_from_ymd(cal->y0, 1, 1);
	cal->hi = cm_date_from_ymd(cal->y0 + cal->ny - 1, 12, 31);
	cal->years_text = years_text(cal);
}

struct cm_cal *
cm_cal_load_in(struct cm_in *in, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	static const struct cm_csv_opts plain = {',', NULL, NULL};
	struct cm_csv *r;
	struct cm_cal *cal;
	struct cols c;
	int rc;

	if ((r = cm_csv_open_in(in, o != NULL ? o : &plain, err)) == NULL)
		return NULL;
	cal = xcalloc(1, sizeof(*cal));
	cal->file = xstrdup(cm_csv_name(r));
	c.date = cm_csv_col(r, "date");
	c.kind = cm_csv_col(r, "kind");
	c.name = cm_csv_col(r, "name");
	if (c.date < 0 || c.kind < 0) {
		cm_error_set(err, CM_DATA, cal->file, cm_csv_line(r), 0,
		    "no column '%s'", c.date < 0 ? "date" : "kind");
		goto fail;
	}
	while ((rc = cm_csv_next(r, err)) == 1)
		if (load_row(cal, r, &c, err) < 0)
			goto fail;
	if (rc < 0)
		goto fail;
	if (cal->ny == 0) {
		cm_error_set(err, CM_DATA, cal->file, 0, 0,
		    "calendar lists no day, so it covers no year");
		goto fail;
	}
	cm_csv_close(r);
	finish(cal);
	return cal;

fail:
	cm_csv_close(r);
	cm_cal_free(cal);
	return NULL;
}

struct cm_cal *
cm_cal_load(const char *path, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	struct cm_in *in;

	in = cm_in_open(path, o != NULL ? o->encoding : NULL, err);
	return in != NULL ? cm_cal_load_in(in, o, err) : NULL;
}

void
cm_cal_free(struct cm_cal *cal)
{
	size_t i;
	int y;

	if (cal == NULL)
		return;
	for (y = 0; y < cal->ny; y++) {
		if (cal->years[y] != NULL)
			free(cal->years[y]->line);
		free(cal->years[y]);
	}
	free(cal->years);
	for (i = 0; i < cal->nnames; i++)
		free(cal->names[i]);
	free(cal->names);
	free(cal->years_text);
	free(cal->file);
	free(cal);
}

/*
 * Questions.
 */

const char *
cm_cal_file(const struct cm_cal *cal)
{
	return cal != NULL ? cal->file : NULL;
}

const char *
cm_cal_years(const struct cm_cal *cal)
{
	return cal != NULL ? cal->years_text : "";
}

int
cm_cal_covers(const struct cm_cal *cal, cm_day d)
{
	int doy;

	return cal == NULL || year_table(cal, d, &doy) != NULL;
}

int
cm_cal_kind(const struct cm_cal *cal, cm_day d, const char **name,
    struct cm_error *err)
{
	const struct cal_year *yr;
	int doy;

	if (name != NULL)
		*name = NULL;
	if (cal == NULL || (cal->extend && d > cal->hi))
		return weekday_rule(d) ? CM_CAL_WEEKDAY : CM_CAL_WEEKEND;
	if ((yr = year_table(cal, d, &doy)) == NULL)
		return outside(cal, d, err);
	if (name != NULL && yr->name[doy] != 0)
		*name = cal->names[yr->name[doy] - 1];
	return yr->kind[doy];
}

int
cm_cal_is_working(const struct cm_cal *cal, cm_day d, struct cm_error *err)
{
	int kind;

	if (cal == NULL)
		return 1;
	if ((kind = cm_cal_kind(cal, d, NULL, err)) < 0)
		return -1;
	return is_working(kind);
}

static int
past_range(cm_day d, long n, struct cm_error *err)
{
	char buf[11];

	return cm_error_set(err, CM_DATA, NULL, 0, 0,
	    "%s plus %ld days is past 9999-12-31, the last date cm handles",
	    cm_date_format(d, buf), n);
}

int
cm_cal_add(const struct cm_cal *cal, cm_day d, long n, cm_day *out,
    struct cm_error *err)
{
	const struct cal_year *yr = NULL;
	cm_day start = d;
	long want = n;
	int doy = 0;

	if (n < 0)
		return cm_error_set(err, CM_USAGE, NULL, 0, 0,
		    "negative number of days: %ld", n);
	if (cal == NULL) {
		if (n > CM_DAY_MAX - d)
			return past_range(start, want, err);
		*out = d + n;
		return 0;
	}
	/*
	 * Step through the year's table and look the next year up only when
	 * the table runs out; each step is then an increment and one read.
	 * Past the end of an extended calendar every Monday to Friday
	 * counts (cm_cal_extend).
	 */
	while (n > 0) {
		if (++d > CM_DAY_MAX)
			return past_range(start, want, err);
		if (cal->extend && d > cal->hi) {
			n -= weekday_rule(d);
			continue;
		}
		if (yr == NULL || ++doy >= yr->ndays)
			if ((yr = year_table(cal, d, &doy)) == NULL)
				return outside(cal, d, err);
		if (is_working(yr->kind[doy]))
			n--;
	}
	*out = d;
	return 0;
}

void
cm_cal_extend(struct cm_cal *cal)
{
	if (cal != NULL)
		cal->extend = 1;
}

int
cm_cal_past(const struct cm_cal *cal, cm_day d)
{
	return cal != NULL && d > cal->hi;
}

int
cm_cal_last_year(const struct cm_cal *cal)
{
	return cal != NULL ? cal->y0 + cal->ny - 1 : 0;
}

/*
 * Whether every day of [s, e] (s <= e) is covered.  When not, *bad is
 * the first uncovered day met walking from s up (forward) or from e down,
 * which is the day a walk would have stumbled on: the message names the
 * day the user would check by hand.
 */
static int
covered(const struct cm_cal *cal, cm_day s, cm_day e, int forward,
    cm_day *bad)
{
	int y, ys, ye, ylast = cal->y0 + cal->ny - 1;

	if (forward) {
		if (s < cal->lo || s > cal->hi) {
			*bad = s;
			return 0;
		}
		ys = year_of_day(s);
		ye = e > cal->hi ? ylast : year_of_day(e);
		for (y = ys; y <= ye; y++)
			if (cal->years[y - cal->y0] == NULL) {
				*bad = y == ys ? s : cm_date_from_ymd(y, 1, 1);
				return 0;
			}
		if (e > cal->hi) {
			*bad = cal->hi + 1;
			return 0;
		}
		return 1;
	}
	if (e < cal->lo || e > cal->hi) {
		*bad = e;
		return 0;
	}
	ye = year_of_day(e);
	ys = s < cal->lo ? cal->y0 : year_of_day(s);
	for (y = ye; y >= ys; y--)
		if (cal->years[y - cal->y0] == NULL) {
			*bad = y == ye ? e : cm_date_from_ymd(y, 12, 31);
			return 0;
		}
	if (s < cal->lo) {
		*bad = cal->lo - 1;
		return 0;
	}
	return 1;
}

/* Working days in [s, e], every day of which is covered. */
static long
working_in(const struct cm_cal *cal, cm_day s, cm_day e)
{
	const struct cal_year *ys, *ye;
	int ds, de, y, y1, y2;
	long n;

	ys = year_table(cal, s, &ds);
	ye = year_table(cal, e, &de);
	if (ys == ye)
		return ys->cum[de + 1] - ys->cum[ds];
	n = ys->cum[ys->ndays] - ys->cum[ds];
	y1 = year_of_day(s) - cal->y0;
	y2 = year_of_day(e) - cal->y0;
	for (y = y1 + 1; y < y2; y++)
		n += cal->years[y]->cum[cal->years[y]->ndays];
	return n + ye->cum[de + 1];
}

int
cm_cal_count(const struct cm_cal *cal, cm_day a, cm_day b, long *out,
    struct cm_error *err)
{
	cm_day bad;

	if (cal == NULL || a == b) {
		*out = b - a;
		return 0;
	}
	/* Past an extended calendar's end, Monday to Friday count. */
	if (cal->extend && (a > cal->hi || b > cal->hi)) {
		cm_day lo = a < b ? a : b, hi = a < b ? b : a;
		long n = 0;

		if (lo < cal->hi && cm_cal_count(cal, lo, cal->hi, &n,
		    err) < 0)
			return -1;
		n += weekdays_in(lo > cal->hi ? lo + 1 : cal->hi + 1, hi);
		*out = a < b ? n : -n;
		return 0;
	}
	if (a < b) {
		if (!covered(cal, a + 1, b, 1, &bad))
			return outside(cal, bad, err);
		*out = working_in(cal, a + 1, b);
	} else {
		if (!covered(cal, b + 1, a, 0, &bad))
			return outside(cal, bad, err);
		*out = -working_in(cal, b + 1, a);
	}
	return 0;
}

int
cm_cal_late(const struct cm_cal *cal, cm_day due, cm_day end, long *days,
    struct cm_error *err)
{
	*days = 0;
	if (end <= due)
		return 0;
	if (cm_cal_count(cal, due, end, days, err) < 0)
		return -1;
	if (*days <= 0) {
		*days = 0;
		return 0;
	}
	return 1;
}

int
cm_cal_explain(const struct cm_cal *cal, cm_day a, cm_day b,
    const char *sep, struct cm_buf *out, struct cm_error *err)
{
	static const char *const what[] = {
		[CM_CAL_WEEKDAY] = "",
		[CM_CAL_WEEKEND] = " weekend",
		[CM_CAL_HOLIDAY] = " holiday",
		[CM_CAL_WORKDAY] = " workday"
	};
	const char *name;
	char buf[11];
	cm_day d, step = b >= a ? 1 : -1;
	long total, k = 0;
	int kind;

	/* Check first, so that an error appends nothing. */
	if (cm_cal_count(cal, a, b, &total, err) < 0)
		return -1;
	/* Forward the days are a+1..b; backward a..b+1, as counted. */
	for (d = step > 0 ? a + 1 : a; step > 0 ? d <= b : d > b; d += step) {
		kind = cm_cal_kind(cal, d, &name, NULL);
		if (d != (step > 0 ? a + 1 : a))
			cm_buf_adds(out, sep);
		cm_buf_printf(out, "%s %s", cm_date_format(d, buf),
		    wdname[cm_date_weekday(d) - 1]);
		/* Without a calendar every day counts and has no kind. */
		if (cal != NULL)
			cm_buf_adds(out, what[kind]);
		if (name != NULL)
			cm_buf_printf(out, " (%s)", name);
		if (cm_cal_past(cal, d))
			cm_buf_adds(out, " provisional");
		if (cal == NULL || is_working(kind)) {
			k += step;
			cm_buf_printf(out, " %+ld", k);
		}
	}
	return 0;
}

int
cm_cal_is_name(const char *arg)
{
	return *arg != '\0' && arg[strspn(arg, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")] == '\0';
}

char *
cm_cal_find(const char *arg)
{
	struct cm_buf b = { 0 };
	char *path;

	if (!cm_cal_is_name(arg))
		return xstrdup(arg);
	cm_buf_printf(&b, "calendar/%s.csv", arg);
	path = cm_share_path(cm_buf_str(&b));
	cm_buf_free(&b);
	return path;
}
