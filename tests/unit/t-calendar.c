/*
 * t-calendar.c: working-day calendars (calendar.h) and the shipped
 * share/cm/calendar/cn.csv.
 *
 * The shipped file is checked day by day against the State Council
 * notices as transcribed below (a second, independent copy of the same
 * facts), then the arithmetic is checked against a naive walk over that
 * copy, and a handful of due dates are pinned that were counted by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "calendar.h"
#include "colmap.h"
#include "date.h"
#include "enc.h"
#include "msg.h"
#include "tap.h"

static cm_day
D(const char *s)
{
	cm_day d;

	if (cm_date_parse(s, strlen(s), &d) < 0) {
		printf("Bail out! test has a bad date '%s'\n", s);
		exit(1);
	}
	return d;
}

/* Format into one of a few rotating buffers, so a printf can take two. */
static const char *
F(cm_day d)
{
	static char buf[4][11];
	static int i;

	i = (i + 1) % 4;
	return cm_date_format(d, buf[i]);
}

/*
 * The notices, transcribed from the brief of issue 4 (国办发明电〔2024〕
 * 12号 for 2025; the notice of 2025-11-04 for 2026).
 */
static const struct {
	int y, m1, d1, m2, d2;
} holidays[] = {
	{2025, 1, 1, 1, 1}, {2025, 1, 28, 2, 4}, {2025, 4, 4, 4, 6},
	{2025, 5, 1, 5, 5}, {2025, 5, 31, 6, 2}, {2025, 10, 1, 10, 8},
	{2026, 1, 1, 1, 3}, {2026, 2, 15, 2, 23}, {2026, 4, 4, 4, 6},
	{2026, 5, 1, 5, 5}, {2026, 6, 19, 6, 21}, {2026, 9, 25, 9, 27},
	{2026, 10, 1, 10, 7},
};
static const struct {
	int y, m, d;
} makeups[] = {
	{2025, 1, 26}, {2025, 2, 8}, {2025, 4, 27}, {2025, 9, 28},
	{2025, 10, 11},
	{2026, 1, 4}, {2026, 2, 14}, {2026, 2, 28}, {2026, 5, 9},
	{2026, 9, 20}, {2026, 10, 10},
};
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
ref_holiday(cm_day d)
{
	size_t i;

	for (i = 0; i < NELEM(holidays); i++)
		if (d >= cm_date_from_ymd(holidays[i].y, holidays[i].m1,
		    holidays[i].d1) && d <= cm_date_from_ymd(holidays[i].y,
		    holidays[i].m2, holidays[i].d2))
			return 1;
	return 0;
}

static int
ref_makeup(cm_day d)
{
	size_t i;

	for (i = 0; i < NELEM(makeups); i++)
		if (d == cm_date_from_ymd(makeups[i].y, makeups[i].m,
		    makeups[i].d))
			return 1;
	return 0;
}

static int
ref_covered(cm_day d)
{
	return d >= D("2025-01-01") && d <= D("2026-12-31");
}

static int
ref_working(cm_day d)
{
	if (ref_makeup(d))
		return 1;
	return cm_date_weekday(d) <= 5 && !ref_holiday(d);
}

/* The naive walk: -1 when it steps off the covered years. */
static int
ref_add(cm_day d, long n, cm_day *out)
{
	while (n > 0) {
		d++;
		if (!ref_covered(d))
			return -1;
		n -= ref_working(d);
	}
	*out = d;
	return 0;
}

static int
ref_count(cm_day a, cm_day b, long *out)
{
	cm_day lo = a < b ? a : b, hi = a < b ? b : a, d;
	long n = 0;

	for (d = lo + 1; d <= hi; d++) {
		if (!ref_covered(d))
			return -1;
		n += ref_working(d);
	}
	*out = a <= b ? n : -n;
	return 0;
}

static char *
shipped_path(void)
{
	const char *share = getenv("CM_SHARE");
	char *p;

	if (share == NULL || *share == '\0')
		return strdup("share/cm/calendar/cn.csv");
	if ((p = malloc(strlen(share) + sizeof("/calendar/cn.csv"))) != NULL)
		sprintf(p, "%s/calendar/cn.csv", share);
	return p;
}

static struct cm_cal *
load_mem(const char *text, const struct cm_csv_opts *o, struct cm_error *err)
{
	struct cm_in *in;

	in = cm_in_open_mem("mem.csv", text, strlen(text),
	    o != NULL ? o->encoding : NULL, err);
	return in != NULL ? cm_cal_load_in(in, o, err) : NULL;
}

/* An error as one line: "STATUS FILE:LINE:COL: MSG", for exact checks. */
static const char *
E(const struct cm_error *err)
{
	static char buf[1024];

	snprintf(buf, sizeof(buf), "%d %s:%ld:%ld: %s", err->status,
	    err->file != NULL ? err->file : "-", err->line, err->col,
	    err->msg);
	return buf;
}

/* A load that must fail; returns the error line. */
static const char *
load_error(const char *text)
{
	static struct cm_error err;
	struct cm_cal *cal;

	memset(&err, 0, sizeof(err));
	if ((cal = load_mem(text, NULL, &err)) != NULL) {
		cm_cal_free(cal);
		return "(loaded)";
	}
	return E(&err);
}

static const char *
add(const struct cm_cal *cal, const char *from, long n)
{
	static char buf[600];
	struct cm_error err;
	cm_day out;

	if (cm_cal_add(cal, D(from), n, &out, &err) < 0)
		snprintf(buf, sizeof(buf), "error: %s", E(&err));
	else
		snprintf(buf, sizeof(buf), "%s", F(out));
	return buf;
}

static const char *
count(const struct cm_cal *cal, const char *a, const char *b)
{
	static char buf[600];
	struct cm_error err;
	long n;

	if (cm_cal_count(cal, D(a), D(b), &n, &err) < 0)
		snprintf(buf, sizeof(buf), "error: %s", E(&err));
	else
		snprintf(buf, sizeof(buf), "%ld", n);
	return buf;
}

static const char *
kind(const struct cm_cal *cal, const char *day)
{
	static const char *const names[] = {
		"weekday", "weekend", "holiday", "workday"
	};
	static char buf[600];
	struct cm_error err;
	const char *name;
	int k;

	if ((k = cm_cal_kind(cal, D(day), &name, &err)) < 0)
		snprintf(buf, sizeof(buf), "error: %s", E(&err));
	else
		snprintf(buf, sizeof(buf), "%s%s%s", names[k],
		    name != NULL ? " " : "", name != NULL ? name : "");
	return buf;
}

/* The shipped file agrees with the notices on every day of 2025-2026. */
static void
test_shipped_days(const struct cm_cal *cal)
{
	cm_day d, first = D("2025-01-01"), last = D("2026-12-31");
	int bad_work = 0, bad_kind = 0, k, listed_name = 1;
	const char *name;
	struct cm_error err;
	long n2025, n2026;

	for (d = first; d <= last; d++) {
		if (cm_cal_is_working(cal, d, &err) != ref_working(d)) {
			if (bad_work++ < 5)
				printf("# working day mismatch on %s\n", F(d));
		}
		k = cm_cal_kind(cal, d, &name, &err);
		if ((ref_makeup(d) && k != CM_CAL_WORKDAY) ||
		    (ref_holiday(d) && k != CM_CAL_HOLIDAY) ||
		    (!ref_makeup(d) && !ref_holiday(d) &&
		    k != (cm_date_weekday(d) <= 5 ? CM_CAL_WEEKDAY :
		    CM_CAL_WEEKEND))) {
			if (bad_kind++ < 5)
				printf("# kind mismatch on %s\n", F(d));
		}
		/* Every listed day names its festival; no other does. */
		if ((k == CM_CAL_WORKDAY || k == CM_CAL_HOLIDAY) !=
		    (name != NULL))
			listed_name = 0;
	}
	is_int(bad_work, 0, "cn.csv: working days as the notices say, "
	    "every day of 2025-2026");
	is_int(bad_kind, 0, "cn.csv: kinds as the notices say");
	ok(listed_name, "cn.csv: every listed day and only those has a name");

	/* 261 weekdays a year; 2025: -18 +5, 2026: -19 +6 (counted by hand). */
	is_str(count(cal, "2024-12-31", "2025-12-31"), "248",
	    "2025 has 248 working days (start day need not be covered)");
	is_str(count(cal, "2025-12-31", "2026-12-31"), "248",
	    "2026 has 248 working days");
	cm_cal_count(cal, D("2024-12-31"), D("2025-12-31"), &n2025, &err);
	cm_cal_count(cal, D("2024-12-31"), D("2026-12-31"), &n2026, &err);
	is_int(n2026, 496, "both years at once");
	is_int(n2025 * 2, n2026, "a count across years is the sum");
}

static void
test_shipped_kinds(const struct cm_cal *cal)
{
	is_str(cm_cal_years(cal), "2025-2026", "cn.csv covers 2025-2026");
	is_str(kind(cal, "2026-02-14"), "workday 春节",
	    "2026-02-14 Sat: make-up workday of 春节");
	is_str(kind(cal, "2026-02-15"), "holiday 春节",
	    "2026-02-15 Sun: a holiday on a weekend keeps its name");
	is_str(kind(cal, "2026-02-16"), "holiday 春节", "2026-02-16 Mon");
	is_str(kind(cal, "2026-03-07"), "weekend", "2026-03-07 Sat: weekend");
	is_str(kind(cal, "2026-03-09"), "weekday", "2026-03-09 Mon: weekday");
	is_str(kind(cal, "2025-10-06"), "holiday 国庆节、中秋节",
	    "2025-10-06: the joint 国庆节、中秋节 holiday");
	is_str(kind(cal, "2026-09-20"), "workday 国庆节",
	    "2026-09-20 Sun: make-up workday of 国庆节");
	is_str(kind(cal, "2026-06-19"), "holiday 端午节",
	    "2026-06-19 端午节");
	is_str(kind(cal, "2025-05-31"), "holiday 端午节",
	    "2025-05-31 端午节 (Sat)");
	is_str(kind(cal, "2025-01-01"), "holiday 元旦", "2025-01-01 元旦");
	is_str(kind(cal, "2025-04-04"), "holiday 清明节",
	    "2025-04-04 清明节");
	is_str(kind(cal, "2026-05-09"), "workday 劳动节",
	    "2026-05-09 Sat: make-up workday of 劳动节");
	is_str(kind(cal, "2027-01-01"),
	    "error: 3 -:0:0: date 2027-01-01 is outside the years the "
	    "calendar covers (2025-2026)", "kind of an uncovered day");
	ok(cm_cal_covers(cal, D("2025-01-01")), "covers 2025-01-01");
	ok(cm_cal_covers(cal, D("2026-12-31")), "covers 2026-12-31");
	ok(!cm_cal_covers(cal, D("2024-12-31")), "not 2024-12-31");
	ok(!cm_cal_covers(cal, D("2027-01-01")), "not 2027-01-01");
	ok(!cm_cal_covers(cal, -1000000000L), "not a day far away");
	ok(!cm_cal_covers(cal, 1000000000L), "nor the other way");
}

/* Due dates of 004/4 §10 (13 days domestic, 17 foreign), counted by hand. */
static void
test_shipped_due(const struct cm_cal *cal)
{
	/*
	 * Thu 09-24: 09-25..27 中秋; Mon 28 +1, 29 +2, 30 +3; 10-01..07
	 * 国庆; Thu 8 +4, Fri 9 +5, Sat 10 (make-up) +6, Sun 11 rest,
	 * 12..16 +7..+11, 17-18 weekend, Mon 19 +12, Tue 20 +13.
	 */
	is_str(add(cal, "2026-09-24", 13), "2026-10-20",
	    "2026-09-24 + 13 across 中秋 and 国庆, "
	    "with the 10-10 make-up day");
	/* ... then 21 +14, 22 +15, 23 +16, 24-25 weekend, Mon 26 +17. */
	is_str(add(cal, "2026-09-24", 17), "2026-10-26",
	    "2026-09-24 + 17 (foreign)");
	/*
	 * Fri 09-18: Sat 19 rest, Sun 20 (make-up) +1, 21..24 +2..+5,
	 * 25..27 中秋, 28..30 +6..+8, 10-01..07 国庆, 8 +9, 9 +10,
	 * Sat 10 +11, 12 +12, 13 +13.
	 */
	is_str(add(cal, "2026-09-18", 13), "2026-10-13",
	    "2026-09-18 + 13 uses both make-up days, 09-20 and 10-10");
	/*
	 * Tue 02-10: 11 +1, 12 +2, 13 +3, Sat 14 (make-up) +4, 15..23
	 * 春节, Tue 24 +5 .. Fri 27 +8, Sat 28 (make-up) +9, Sun 03-01
	 * rest, Mon 2 +10 .. Thu 5 +13.
	 */
	is_str(add(cal, "2026-02-10", 13), "2026-03-05",
	    "2026-02-10 + 13 across 春节, "
	    "with the 02-14 and 02-28 make-up days");
	/*
	 * Mon 2025-12-29: 30 +1, 31 +2, 2026-01-01..03 元旦, Sun 4
	 * (make-up) +3, 5..9 +4..+8, 12..16 +9..+13.
	 */
	is_str(add(cal, "2025-12-29", 13), "2026-01-16",
	    "2025-12-29 + 13 crosses into 2026, which is covered");
	/* Mon 2026-12-28: 29, 30, 31 are +1..+3, then 2027 is unknown. */
	is_str(add(cal, "2026-12-28", 13),
	    "error: 3 -:0:0: date 2027-01-01 is outside the years the "
	    "calendar covers (2025-2026)",
	    "2026-12-28 + 13 needs 2027: an error, never a guess");
	/*
	 * Mon 2025-01-20: 21..24 +1..+4, Sun 26 (make-up) +5, Mon 27 +6,
	 * 28..02-04 春节, 5 +7, 6 +8, 7 +9, Sat 8 (make-up) +10, 10 +11,
	 * 11 +12, 12 +13.
	 */
	is_str(add(cal, "2025-01-20", 13), "2025-02-12",
	    "2025-01-20 + 13 across 春节 2025");
	/*
	 * Fri 2025-09-26: Sun 28 (make-up) +1, 29 +2, 30 +3, 10-01..08,
	 * 9 +4, 10 +5, Sat 11 (make-up) +6, 13..17 +7..+11, 20..24
	 * +12..+16, 27 +17.
	 */
	is_str(add(cal, "2025-09-26", 17), "2025-10-27",
	    "2025-09-26 + 17 across the 8-day 国庆节、中秋节");
	is_str(add(cal, "2025-04-25", 1), "2025-04-27",
	    "the next working day after Fri 2025-04-25 is Sun 04-27");
	is_str(add(cal, "2025-05-30", 1), "2025-06-03",
	    "after Fri 2025-05-30 comes 端午, then Tue 06-03");
	is_str(add(cal, "2026-02-13", 0), "2026-02-13", "+0 is the day itself");
	is_str(add(cal, "2026-02-15", 0), "2026-02-15",
	    "+0 on a holiday is still the day itself");
	is_str(add(cal, "2030-06-01", 0), "2030-06-01",
	    "+0 looks at no day, so any day will do");
	/* Tue 2024-12-31: 2025-01-01 元旦; 2..3 +1..+2, 6..10, 13..17, 20. */
	is_str(add(cal, "2024-12-31", 13), "2025-01-20",
	    "the start day itself need not be covered");
	is_str(add(cal, "2024-12-30", 1),
	    "error: 3 -:0:0: date 2024-12-31 is outside the years the "
	    "calendar covers (2025-2026)",
	    "the first day looked at is named");
	is_str(add(cal, "2026-12-31", 1),
	    "error: 3 -:0:0: date 2027-01-01 is outside the years the "
	    "calendar covers (2025-2026)", "the day after the last");
	is_str(add(cal, "2026-12-30", 1), "2026-12-31", "up to the last day");
	is_str(add(cal, "2026-03-02", -1),
	    "error: 2 -:0:0: negative number of days: -1",
	    "a negative number of days is a usage error");
}

static void
test_shipped_count(const struct cm_cal *cal)
{
	is_str(count(cal, "2026-09-24", "2026-10-20"), "13",
	    "count (09-24, 10-20] = 13, the due date above");
	is_str(count(cal, "2026-10-20", "2026-09-24"), "-13",
	    "counting the other way is negative");
	is_str(count(cal, "2026-10-20", "2026-10-20"), "0", "(a, a] is empty");
	is_str(count(cal, "2026-02-13", "2026-02-24"), "2",
	    "Fri 02-13 to 02-24: the 02-14 make-up day and 02-24");
	is_str(count(cal, "2026-02-24", "2026-02-13"), "-2",
	    "and back: (02-13, 02-24] counted down");
	is_str(count(cal, "2026-02-14", "2026-02-23"), "0",
	    "春节 2026 holds no working day");
	/* Overdue on Monday for a case due on the Friday before: one day. */
	is_str(count(cal, "2026-03-06", "2026-03-09"), "1",
	    "days overdue: due Fri, as of Mon: 1");
	is_str(count(cal, "2026-03-09", "2026-03-06"), "-1",
	    "days left: as of Fri, due Mon: 1");
	is_str(count(cal, "2025-12-31", "2026-01-05"), "2",
	    "across the year: Sun 01-04 make-up and Mon 01-05");
	is_str(count(cal, "2026-10-20", "2027-01-05"),
	    "error: 3 -:0:0: date 2027-01-01 is outside the years the "
	    "calendar covers (2025-2026)",
	    "a count into 2027 names the first day of 2027");
	is_str(count(cal, "2027-01-05", "2026-12-20"),
	    "error: 3 -:0:0: date 2027-01-05 is outside the years the "
	    "calendar covers (2025-2026)",
	    "counting down from 2027 names where the walk starts");
	is_str(count(cal, "2026-01-05", "2024-12-20"),
	    "error: 3 -:0:0: date 2024-12-31 is outside the years the "
	    "calendar covers (2025-2026)",
	    "counting down into 2024 names its last day");
	is_str(count(cal, "2024-12-31", "2025-01-02"), "1",
	    "(2024-12-31, 2025-01-02]: 2024-12-31 itself is not looked at");
	is_str(count(cal, "2025-01-02", "2024-12-31"), "-1",
	    "and down: (2024-12-31, 2025-01-02] again, 01-01 a holiday");
}

/*
 * Against the naive walk: every start day of 2024-12-01..2027-01-31 and
 * several spans, every pair of days within 60 of each other.
 */
static void
test_shipped_vs_reference(const struct cm_cal *cal)
{
	static const long ns[] = {0, 1, 2, 5, 13, 17, 30, 100, 400};
	cm_day d, e, got = 0, want = 0, from = D("2024-12-01");
	cm_day to = D("2027-01-31");
	long gn = 0, wn = 0;
	int bad_add = 0, bad_count = 0, rc, wrc;
	size_t i;
	struct cm_error err;

	for (d = from; d <= to; d++)
		for (i = 0; i < NELEM(ns); i++) {
			rc = cm_cal_add(cal, d, ns[i], &got, &err);
			wrc = ref_add(d, ns[i], &want);
			if (rc != wrc || (rc == 0 && got != want) ||
			    (rc < 0 && err.status != CM_DATA)) {
				if (bad_add++ < 5)
					printf("# add %s + %ld: %d %s, want "
					    "%d %s\n", F(d), ns[i], rc,
					    rc == 0 ? F(got) : err.msg, wrc,
					    wrc == 0 ? F(want) : "error");
			}
		}
	is_int(bad_add, 0, "add agrees with a naive walk, 2024-12..2027-01");

	for (d = from; d <= to; d++)
		for (e = d - 60; e <= d + 60; e++) {
			rc = cm_cal_count(cal, d, e, &gn, &err);
			wrc = ref_count(d, e, &wn);
			if (rc != wrc || (rc == 0 && gn != wn)) {
				if (bad_count++ < 5)
					printf("# count %s %s: %d %ld, want "
					    "%d %ld\n", F(d), F(e), rc, gn,
					    wrc, wn);
			}
		}
	is_int(bad_count, 0, "count agrees with a naive walk");

	/* add and count are inverse where add lands. */
	bad_add = 0;
	for (d = D("2025-01-01"); d <= D("2026-11-30"); d++) {
		if (cm_cal_add(cal, d, 13, &got, &err) == 0 &&
		    (cm_cal_count(cal, d, got, &gn, &err) < 0 || gn != 13))
			bad_add++;
	}
	is_int(bad_add, 0, "count(d, add(d, 13)) == 13");
}

static void
test_explain(const struct cm_cal *cal)
{
	struct cm_buf b = {0};
	struct cm_error err;

	ok(cm_cal_explain(cal, D("2026-02-12"), D("2026-02-24"), ", ", &b,
	    &err) == 0, "explain 02-12..02-24");
	is_str(cm_buf_str(&b),
	    "2026-02-13 Fri +1, 2026-02-14 Sat workday (春节) +2, "
	    "2026-02-15 Sun holiday (春节), 2026-02-16 Mon holiday (春节), "
	    "2026-02-17 Tue holiday (春节), 2026-02-18 Wed holiday (春节), "
	    "2026-02-19 Thu holiday (春节), 2026-02-20 Fri holiday (春节), "
	    "2026-02-21 Sat holiday (春节), 2026-02-22 Sun holiday (春节), "
	    "2026-02-23 Mon holiday (春节), 2026-02-24 Tue +3",
	    "explain lists each day with its kind and the running count");

	cm_buf_reset(&b);
	ok(cm_cal_explain(cal, D("2026-03-09"), D("2026-03-06"), "\n", &b,
	    &err) == 0, "explain backwards");
	is_str(cm_buf_str(&b),
	    "2026-03-09 Mon -1\n2026-03-08 Sun weekend\n2026-03-07 Sat weekend",
	    "backwards: from a down to b+1, counting negative");

	cm_buf_reset(&b);
	ok(cm_cal_explain(cal, D("2026-03-09"), D("2026-03-09"), ", ", &b,
	    &err) == 0 && b.len == 0, "explain of an empty interval is empty");

	cm_buf_reset(&b);
	cm_buf_adds(&b, "before");
	ok(cm_cal_explain(cal, D("2026-12-30"), D("2027-01-02"), ", ", &b,
	    &err) < 0, "explain into 2027 fails");
	is_str(cm_buf_str(&b), "before", "... and appends nothing");
	is_str(err.msg, "date 2027-01-01 is outside the years the calendar "
	    "covers (2025-2026)", "... with the coverage message");

	cm_buf_reset(&b);
	ok(cm_cal_explain(NULL, D("2026-02-12"), D("2026-02-15"), ", ", &b,
	    &err) == 0, "explain without a calendar");
	is_str(cm_buf_str(&b),
	    "2026-02-13 Fri +1, 2026-02-14 Sat +2, 2026-02-15 Sun +3",
	    "without a calendar every day counts");
	cm_buf_reset(&b);
	cm_cal_explain(NULL, D("2026-02-15"), D("2026-02-13"), ", ", &b,
	    &err);
	is_str(cm_buf_str(&b), "2026-02-15 Sun -1, 2026-02-14 Sat -2",
	    "... and backwards");
	cm_buf_free(&b);
}

static void
test_null_calendar(void)
{
	struct cm_error err;
	cm_day out;
	long n;

	is_str(add(NULL, "2026-09-24", 13), "2026-10-07",
	    "no calendar: + 13 calendar days");
	is_str(add(NULL, "2026-12-28", 17), "2027-01-14",
	    "no calendar: any year");
	is_str(add(NULL, "2026-12-28", 0), "2026-12-28", "no calendar: + 0");
	is_str(add(NULL, "2024-02-28", 1), "2024-02-29", "leap day");
	is_str(count(NULL, "2026-09-24", "2026-10-07"), "13",
	    "no calendar: count is b - a");
	is_str(count(NULL, "2026-10-07", "2026-09-24"), "-13",
	    "no calendar: and negative");
	is_str(count(NULL, "2026-12-31", "2027-03-01"), "60",
	    "no calendar: across years");
	ok(cm_cal_is_working(NULL, D("2026-02-15"), &err) == 1,
	    "no calendar: every day is a working day");
	is_int(cm_cal_kind(NULL, D("2026-02-14"), NULL, &err), CM_CAL_WEEKEND,
	    "no calendar: kind by the day of the week");
	is_int(cm_cal_kind(NULL, D("2026-02-16"), NULL, &err), CM_CAL_WEEKDAY,
	    "no calendar: Monday is a weekday");
	ok(cm_cal_covers(NULL, D("1900-01-01")), "no calendar covers all");
	is_str(cm_cal_years(NULL), "", "no calendar: no years text");
	ok(cm_cal_file(NULL) == NULL, "no calendar: no file");
	ok(cm_cal_add(NULL, 0, -1, &out, &err) < 0 && err.status == CM_USAGE,
	    "no calendar: negative n is still refused");
	ok(cm_cal_count(NULL, 5, 5, &n, &err) == 0 && n == 0,
	    "no calendar: empty interval");
}

/* Years with gaps, rows in any order, the far ends of the date range. */
static void
test_coverage_text(void)
{
	struct cm_error err;
	struct cm_cal *cal;

	cal = load_mem("date,kind\n"
	    "2026-01-01,holiday\n"
	    "2023-01-02,holiday\n"
	    "2025-01-01,holiday\n"
	    "2021-01-01,holiday\n", NULL, &err);
	if (!ok(cal != NULL, "calendar with gaps, rows out of order")) {
		printf("# %s\n", E(&err));
		return;
	}
	is_str(cm_cal_years(cal), "2021, 2023, 2025-2026",
	    "years text: runs and single years");
	ok(cm_cal_covers(cal, D("2023-06-01")) &&
	    !cm_cal_covers(cal, D("2024-06-01")) &&
	    !cm_cal_covers(cal, D("2022-12-31")), "covers the listed years");
	/* Fri 2023-12-29: Sat 30 and Sun 31 rest, then 2024 is unknown. */
	is_str(add(cal, "2023-12-29", 1),
	    "error: 3 -:0:0: date 2024-01-01 is outside the years the "
	    "calendar covers (2021, 2023, 2025-2026)",
	    "add through a gap year names its first day");
	is_str(count(cal, "2023-12-01", "2025-01-10"),
	    "error: 3 -:0:0: date 2024-01-01 is outside the years the "
	    "calendar covers (2021, 2023, 2025-2026)",
	    "count forward through a gap names its first day");
	is_str(count(cal, "2025-01-10", "2023-12-01"),
	    "error: 3 -:0:0: date 2024-12-31 is outside the years the "
	    "calendar covers (2021, 2023, 2025-2026)",
	    "count backward through a gap names its last day");
	/* 2023-01-02 is a Monday holiday; 2023 has 260 weekdays. */
	is_str(count(cal, "2022-12-31", "2023-12-31"), "259",
	    "a year with one weekday holiday");
	is_str(count(cal, "2020-12-31", "2021-12-31"), "260",
	    "2021: 01-01 is a Friday holiday, 261 weekdays");
	cm_cal_free(cal);

	cal = load_mem("date,kind\n9999-12-31,holiday\n1900-01-01,holiday\n",
	    NULL, &err);
	if (!ok(cal != NULL, "a calendar at both ends of the date range")) {
		printf("# %s\n", E(&err));
		return;
	}
	is_str(cm_cal_years(cal), "1900, 9999", "years text at the ends");
	is_str(add(cal, "1900-12-30", 5),
	    "error: 3 -:0:0: date 1901-01-01 is outside the years the "
	    "calendar covers (1900, 9999)", "add off the end of 1900");
	/* 9999-12-31 is listed as a holiday, so the walk runs off the end. */
	is_str(add(cal, "9999-12-29", 1), "9999-12-30",
	    "add near the end of the date range");
	is_str(add(cal, "9999-12-30", 1), "error: 3 -:0:0: 9999-12-30 plus "
	    "1 days is past 9999-12-31, the last date cm handles",
	    "add past the last day there can be: a data error");
	is_str(count(cal, "1900-01-01", "9999-12-31"),
	    "error: 3 -:0:0: date 1901-01-01 is outside the years the "
	    "calendar covers (1900, 9999)", "count over 8000 years");
	ok(!cm_cal_covers(cal, D("9999-12-31") + 1), "beyond 9999");
	cm_cal_free(cal);
}

/*
 * Past the last covered year an extended calendar counts Monday to
 * Friday (the year-end stop of issue 7): 2026-12-20 + 13 runs through
 * nine working days of December, then 2027-01-01 (Fri), 01-04, 01-05 and
 * 01-06 by the weekday rule alone.
 */
static void
test_extended(void)
{
	struct cm_buf b = {0};
	struct cm_error err;
	char *path = shipped_path();
	struct cm_cal *cal = cm_cal_load(path, NULL, &err);

	free(path);
	if (!ok(cal != NULL, "load the shipped calendar again"))
		return;
	is_str(add(cal, "2026-12-20", 13), "error: 3 -:0:0: date 2027-01-01 "
	    "is outside the years the calendar covers (2025-2026)",
	    "not extended: add into 2027 fails");
	cm_cal_extend(cal);
	is_str(add(cal, "2026-12-20", 13), "2027-01-06",
	    "extended: add into 2027 counts Monday to Friday");
	is_str(add(cal, "2026-12-01", 13), "2026-12-18",
	    "extended: add inside the covered years is unchanged");
	ok(!cm_cal_past(cal, D("2026-12-31")) && cm_cal_past(cal,
	    D("2027-01-01")), "past: the day after the last covered one");
	ok(!cm_cal_past(NULL, D("9999-12-31")), "past: never without one");
	ok(cm_cal_last_year(cal) == 2026 && cm_cal_last_year(NULL) == 0,
	    "last year covered");
	is_str(count(cal, "2026-12-30", "2027-01-05"), "4",
	    "extended count: 12-31, then 01-01, 01-04, 01-05");
	is_str(count(cal, "2027-01-05", "2026-12-30"), "-4",
	    "extended count backwards");
	is_str(count(cal, "2027-01-01", "2027-01-11"), "6",
	    "extended count wholly past the end");
	is_str(count(cal, "2024-12-30", "2025-01-03"), "error: 3 -:0:0: date "
	    "2024-12-31 is outside the years the calendar covers (2025-2026)",
	    "extended: before the first year is still an error");
	is_str(add(cal, "9999-12-20", 13), "error: 3 -:0:0: 9999-12-20 plus "
	    "13 days is past 9999-12-31, the last date cm handles",
	    "extended: no date past 9999-12-31");
	ok(cm_cal_explain(cal, D("2026-12-31") - 1, D("2027-01-04"), ", ",
	    &b, &err) == 0, "explain across the end");
	is_str(cm_buf_str(&b), "2026-12-31 Thu +1, 2027-01-01 Fri provisional "
	    "+2, 2027-01-02 Sat weekend provisional, 2027-01-03 Sun weekend "
	    "provisional, 2027-01-04 Mon provisional +3",
	    "explain marks the provisional days");
	cm_buf_free(&b);
	cm_cal_free(cal);

	is_str(add(NULL, "9999-12-31", 13), "error: 3 -:0:0: 9999-12-31 plus "
	    "13 days is past 9999-12-31, the last date cm handles",
	    "calendar days: no date past 9999-12-31");
	is_str(add(NULL, "9999-12-18", 13), "9999-12-31",
	    "calendar days: the last date there is");
	path = cm_cal_find("cn");
	ok(strlen(path) > 16 && strcmp(path + strlen(path) - 16,
	    "/calendar/cn.csv") == 0, "find: a name is a shipped calendar");
	free(path);
	path = cm_cal_find("cn.csv");
	is_str(path, "cn.csv", "find: a file name is a path");
	free(path);
	path = cm_cal_find("../x");
	is_str(path, "../x", "find: a path is a path");
	free(path);
}

static void
test_bad_files(void)
{
	is_str(load_error("date,kind\n2026-02-30,holiday\n"),
	    "3 mem.csv:2:1: bad date '2026-02-30'", "bad date: file:line:col");
	is_str(load_error("kind,date\nholiday,2026-10-01\nholiday,26-10-02\n"),
	    "3 mem.csv:3:2: bad date '26-10-02'",
	    "bad date in the second column");
	is_str(load_error("date,kind\n,holiday\n"),
	    "3 mem.csv:2:1: bad date ''", "an empty date with a kind");
	is_str(load_error("date,kind\n2026-10-01,holiday\n"
	    "2026-10-02,vacation\n"),
	    "3 mem.csv:3:2: unknown kind 'vacation' (expected holiday or "
	    "workday)", "unknown kind");
	is_str(load_error("date,kind\n2026-10-01,\n"),
	    "3 mem.csv:2:2: unknown kind '' (expected holiday or workday)",
	    "empty kind");
	is_str(load_error("date,kind\n2026-10-01,holiday\n"
	    "2026-10-02,holiday\n2026/10/1,holiday\n"),
	    "3 mem.csv:4:1: date 2026-10-01 listed twice (first on line 2)",
	    "a date listed twice, in another spelling");
	is_str(load_error("date,kind\n2026-10-12,workday\n"),
	    "3 mem.csv:2:1: workday 2026-10-12 is a Monday, not a weekend "
	    "make-up day", "a workday on a weekday is an error");
	is_str(load_error("date,kind\n2026-10-09,workday\n"),
	    "3 mem.csv:2:1: workday 2026-10-09 is a Friday, not a weekend "
	    "make-up day", "... Friday too");
	is_str(load_error("date,type\n2026-10-01,holiday\n"),
	    "3 mem.csv:1:0: no column 'kind'", "no kind column");
	is_str(load_error("day,kind\n2026-10-01,holiday\n"),
	    "3 mem.csv:1:0: no column 'date'", "no date column");
	is_str(load_error("date,kind\n"),
	    "3 mem.csv:0:0: calendar lists no day, so it covers no year",
	    "a header alone covers nothing");
	is_str(load_error("date,kind\n,\n , \n"),
	    "3 mem.csv:0:0: calendar lists no day, so it covers no year",
	    "empty rows alone cover nothing");
	is_str(load_error("date,kind\n2026-10-01,holiday\n2026-10-02\n"),
	    "3 mem.csv:3:0: 1 field, the header has 2",
	    "a ragged row: the reader's error");
	is_str(load_error("date,kind\n2026-10-01,\"holiday\n"),
	    "3 mem.csv:2:0: unterminated quoted field in field 2",
	    "an open quote: the reader's error");
	is_str(load_error(""), "3 mem.csv:0:0: empty input: no header row",
	    "an empty file: the reader's error");
	is_str(load_error("date,kind\n2026-10-01,holiday\n"
	    "2026-10-02,holiday,extra\n"),
	    "3 mem.csv:3:0: 3 fields, the header has 2",
	    "too many fields");
}

static void
test_good_files(void)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_colmap *map;
	struct cm_error err;
	struct cm_cal *cal;

	cal = load_mem("\xef\xbb\xbfsource,Kind,DATE,name\r\n"
	    "x,holiday,2026/10/1,国庆节\r\n"
	    "y, Holiday ,2026年10月2日,  国庆节 \r\n"
	    ",,,\r\n"
	    "\r\n"
	    "z,WORKDAY,2026-10-10,\r\n"
	    "w,holiday,2026-10-03,\r\n", NULL, &err);
	if (ok(cal != NULL, "BOM, CRLF, column order, case, spaces, blank "
	    "rows, other date forms")) {
		is_str(kind(cal, "2026-10-01"), "holiday 国庆节",
		    "2026/10/1 read");
		is_str(kind(cal, "2026-10-02"), "holiday 国庆节",
		    "2026年10月2日 read, name trimmed");
		is_str(kind(cal, "2026-10-10"), "workday",
		    "WORKDAY read, empty name is no name");
		is_str(kind(cal, "2026-10-03"), "holiday",
		    "a holiday on a Saturday is allowed");
		is_str(count(cal, "2026-09-30", "2026-10-10"), "6",
		    "Oct 5-9 and the make-up day");
		is_str(cm_cal_file(cal), "mem.csv", "file name kept");
		cm_cal_free(cal);
	} else
		printf("# %s\n", E(&err));

	/* What Chinese Excel saves: GB18030 bytes (春节 is B4BA BDDA). */
	cal = load_mem("date,kind,name\n2026-02-16,holiday,\xb4\xba\xbd\xda\n",
	    NULL, &err);
	if (ok(cal != NULL, "a GB18030 calendar (auto-detected)")) {
		is_str(kind(cal, "2026-02-16"), "holiday 春节",
		    "its names come out as UTF-8");
		cm_cal_free(cal);
	} else
		printf("# %s\n", E(&err));

	o.encoding = "gb18030";
	cal = load_mem("date,kind\n2026-02-16,holiday\n", &o, &err);
	ok(cal != NULL, "an explicit encoding");
	cm_cal_free(cal);

	/* Chinese headers through the column map, as commands load it. */
	map = cm_colmap_new();
	cm_colmap_add(map, "日期=date", &err);
	cm_colmap_add(map, "类型=kind", &err);
	cm_colmap_add(map, "节日=name", &err);
	o.encoding = NULL;
	o.map = map;
	cal = load_mem("日期,类型,节日\n"
	    "2026-06-19,holiday,端午节\n", &o, &err);
	if (ok(cal != NULL, "Chinese headers through a column map")) {
		is_str(kind(cal, "2026-06-19"), "holiday 端午节",
		    "mapped columns read");
		cm_cal_free(cal);
	} else
		printf("# %s\n", E(&err));
	cm_colmap_free(map);
}

/*
 * A row per weekday of a year, each with its own name: the load stays
 * linear, the year has no working day left, and lookups are table reads.
 */
static void
test_year_of_holidays(void)
{
	struct cm_buf b = {0};
	struct cm_error err;
	struct cm_cal *cal;
	cm_day d, jan1 = D("2030-01-01");
	int i, want, bad = 0;

	cm_buf_adds(&b, "date,kind,name\n");
	for (d = jan1; d <= D("2030-12-31"); d++)
		if (cm_date_weekday(d) <= 5)
			cm_buf_printf(&b, "%s,holiday,h%ld\n", F(d), (long)d);
	cal = load_mem(b.s, NULL, &err);
	if (!ok(cal != NULL, "a year of weekday holidays, distinct names")) {
		printf("# %s\n", E(&err));
		cm_buf_free(&b);
		return;
	}
	is_str(count(cal, "2029-12-31", "2030-12-31"), "0",
	    "... has no working day");
	is_str(add(cal, "2030-01-01", 1),
	    "error: 3 -:0:0: date 2031-01-01 is outside the years the "
	    "calendar covers (2030)", "... and adding a day runs off its end");
	for (i = 0; i < 100000; i++) {
		d = jan1 + i % 365;
		want = cm_date_weekday(d) <= 5 ? CM_CAL_HOLIDAY :
		    CM_CAL_WEEKEND;
		if (cm_cal_kind(cal, d, NULL, &err) != want)
			bad++;
	}
	is_int(bad, 0, "100000 lookups");
	cm_cal_free(cal);
	cm_buf_free(&b);
}

/* Through a real file: path in messages, and a missing file. */
static void
test_files_on_disk(void)
{
	char path[] = "/tmp/t-calendar-XXXXXX";
	struct cm_error err;
	struct cm_cal *cal;
	FILE *fp;
	int fd;
	char want[600];

	cal = cm_cal_load("/nonexistent/cn.csv", NULL, &err);
	ok(cal == NULL && err.status == CM_SYSTEM,
	    "a missing file is a system error (%s)", err.msg);

	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		ok(0, "cannot create a temporary file");
		return;
	}
	fputs("date,kind\n2026-10-01,holiday\n2026-10-05,workday\n", fp);
	fclose(fp);
	cal = cm_cal_load(path, NULL, &err);
	snprintf(want, sizeof(want), "3 %s:3:1: workday 2026-10-05 is a "
	    "Monday, not a weekend make-up day", path);
	ok(cal == NULL, "a bad file on disk fails");
	is_str(E(&err), want, "... naming the path, line and column");

	if ((fp = fopen(path, "w")) != NULL) {
		fputs("date,kind\n2026-10-01,holiday\n", fp);
		fclose(fp);
	}
	cal = cm_cal_load(path, NULL, &err);
	if (ok(cal != NULL, "a good file on disk loads"))
		is_str(cm_cal_file(cal), path, "... and keeps its path");
	cm_cal_free(cal);
	unlink(path);
}

/* cm_cal_late: late by date, counted in the calendar's days. */
static void
test_late(const struct cm_cal *cal)
{
	struct cm_error err;
	long n = -1;

	ok(cm_cal_late(cal, D("2026-09-30"), D("2026-09-30"), &n, &err) == 0 &&
	    n == 0, "late: closed on the due day is on time");
	n = -1;
	ok(cm_cal_late(cal, D("2026-09-30"), D("2026-09-01"), &n, &err) == 0 &&
	    n == 0, "late: closed before due is on time, 0 days");
	ok(cm_cal_late(cal, D("2026-09-30"), D("2026-10-07"), &n, &err) == 0 &&
	    n == 0, "late: closed in the national holiday after due is on "
	    "time: no working day has passed");
	ok(cm_cal_late(cal, D("2026-09-30"), D("2026-10-10"), &n, &err) == 1 &&
	    n == 3, "late: the 8th, the 9th and the make-up Saturday: 3");
	ok(cm_cal_late(NULL, D("2026-09-30"), D("2026-10-07"), &n, &err) == 1 &&
	    n == 7, "late: no calendar counts calendar days");
	ok(cm_cal_late(cal, D("2026-09-30"), D("2026-09-29"), &n, &err) == 0 &&
	    n == 0, "late: a day early");
	ok(cm_cal_late(cal, D("2024-12-31"), D("2025-01-02"), &n, &err) == 1 &&
	    n == 1, "late: across a year, New Year's Day not counted");
}

int
main(void)
{
	struct cm_error err;
	struct cm_cal *cal;
	char *path = shipped_path();

	cal = cm_cal_load(path, NULL, &err);
	if (!ok(cal != NULL, "load the shipped %s", path))
		printf("# %s\n", E(&err));
	else {
		test_shipped_days(cal);
		test_shipped_kinds(cal);
		test_shipped_due(cal);
		test_shipped_count(cal);
		test_shipped_vs_reference(cal);
		test_explain(cal);
		test_late(cal);
		cm_cal_free(cal);
	}
	free(path);
	test_null_calendar();
	test_coverage_text();
	test_extended();
	test_bad_files();
	test_good_files();
	test_year_of_holidays();
	test_files_on_disk();
	cm_cal_free(NULL);
	return done_testing();
}
