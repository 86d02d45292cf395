/*
 * calendar.h: working days (DESIGN.md §2, "Dates and deadlines"; 004/4
 * §10 through cm-complaint's --calendar).
 *
 * A working day is Monday to Friday, less the calendar's holidays, plus
 * its make-up workdays: the Saturdays and Sundays on which the Chinese
 * calendar moves work to lengthen a holiday (调休上班).
 *
 * The file is CSV, read through csvin.h (any encoding, columns by name,
 * in any order):
 *
 *	date,kind,name,source
 *	2026-02-14,workday,春节,...
 *	2026-02-15,holiday,春节,...
 *
 * date is any form cm_date_parse() accepts; kind is "holiday" or
 * "workday" (ASCII case and surrounding spaces do not matter); name, when
 * present, is what --explain shows (the festival); every other column
 * (source, note) is ignored, and is where a calendar names its source:
 * CSV has no comment lines.  A holiday may fall on a weekend (the day is
 * then rest either way, but --explain names it); a workday must fall on a
 * weekend, since a weekday is a working day already.  A bad date, an
 * unknown kind, a date listed twice or a workday on a weekday is CM_DATA
 * naming file, line and column.  A file that lists no day at all is
 * CM_DATA too: it would cover no year.
 *
 * Coverage: a calendar covers every year in which it lists at least one
 * day, and for those years it must be complete (every holiday and every
 * make-up day of the year listed), because a covered year's unlisted days
 * are taken to be ordinary.  Arithmetic that has to look at a day outside
 * the covered years fails with CM_DATA:
 *
 *	date 2027-01-01 is outside the years the calendar covers (2025-2026)
 *
 * rather than guessing that the day is ordinary.  Such errors carry no
 * file or line (err->file NULL, line 0): the caller knows which record
 * asked and reports it there.
 *
 * Every function taking a calendar accepts NULL for "no calendar": plain
 * calendar days, in which every day counts and no day is out of range.
 *
 * An office cannot stop at the year's end because the State Council has
 * not yet published next year's holidays.  cm_cal_extend() lets
 * arithmetic run past the last covered year: those days count Monday to
 * Friday, as if they had no holidays and no make-up days, and the caller
 * asks cm_cal_past() whether an answer reached them, so that it can mark
 * the answer provisional and say which year is missing (never a silent
 * guess).  Days before the first covered year, and years missing between
 * covered ones, stay errors: nothing will fill them in later.
 *
 * No arithmetic leaves the dates cm handles (date.h, CM_DAY_MAX): an
 * addition that would is CM_DATA.
 *
 * Lookups are table reads: each covered year holds a byte per day and the
 * running count of working days, so adding n days costs O(n) and counting
 * the days between two dates costs O(years spanned), whatever the number
 * of rows in the file.
 */
#ifndef CM_CALENDAR_H
#define CM_CALENDAR_H

#include "buf.h"
#include "csvin.h"
#include "date.h"
#include "enc.h"
#include "msg.h"

struct cm_cal;

/* What a day is in a calendar. */
enum cm_cal_kind {
	CM_CAL_WEEKDAY,		/* Monday..Friday, not a holiday: working */
	CM_CAL_WEEKEND,		/* Saturday or Sunday, not listed: rest */
	CM_CAL_HOLIDAY,		/* a listed holiday (any day of the week) */
	CM_CAL_WORKDAY		/* a listed make-up workday: working */
};

/*
 * Load the calendar at path.  o may be NULL for plain CSV in any
 * encoding without a column map; pass a map to allow headers such as
 * 日期, but not a command's -t/-d, which describe its data, not this
 * file.  Returns NULL and fills err on failure (CM_SYSTEM when the file
 * cannot be read, CM_DATA as above).  Free with cm_cal_free().
 */
struct cm_cal *cm_cal_load(const char *path, const struct cm_csv_opts *o,
    struct cm_error *err);
/* The same over an opened input (cm_in_open_mem in tests), which it owns. */
struct cm_cal *cm_cal_load_in(struct cm_in *in, const struct cm_csv_opts *o,
    struct cm_error *err);
void cm_cal_free(struct cm_cal *cal);

/* The file the calendar came from, for messages. */
const char *cm_cal_file(const struct cm_cal *cal);

/*
 * The covered years for messages: runs of consecutive years joined by
 * '-', runs separated by ", ": "2025-2026", "2023, 2025-2026".  Lives as
 * long as cal.  "" for a NULL calendar.
 */
const char *cm_cal_years(const struct cm_cal *cal);

/* 1 when d lies in a covered year (always, for a NULL calendar), else 0. */
int cm_cal_covers(const struct cm_cal *cal, cm_day d);

/*
 * From now on count Monday to Friday past the last covered year instead
 * of failing (see above).  Nothing for a NULL calendar.
 */
void cm_cal_extend(struct cm_cal *cal);

/*
 * 1 when d lies after the last covered year, where an extended calendar
 * only guesses; 0 otherwise and for a NULL calendar.  An addition or a
 * count is provisional when the later of its days is past.
 */
int cm_cal_past(const struct cm_cal *cal, cm_day d);

/* The last covered year (0 for a NULL calendar). */
int cm_cal_last_year(const struct cm_cal *cal);

/*
 * The calendar an option or a setting names: a NAME of letters, digits,
 * '-' and '_' only (--calendar cn) is share/cm/calendar/NAME.csv; any
 * other text is a path as given.  Returns a string to free.
 */
char *cm_cal_find(const char *arg);
/* Whether arg is such a NAME. */
int cm_cal_is_name(const char *arg);

/*
 * The kind of d, or -1 with err filled when d is not covered.  *name (if
 * name is not NULL) is set to the row's name column for a listed day,
 * else NULL; it lives as long as cal.  A NULL calendar answers by the
 * day of the week alone (WEEKDAY or WEEKEND) although plain calendar-day
 * arithmetic counts weekends too.
 */
int cm_cal_kind(const struct cm_cal *cal, cm_day d, const char **name,
    struct cm_error *err);

/*
 * 1 when d is a working day, 0 when not, -1 with err filled when d is
 * not covered.  Every day is a working day of a NULL calendar.
 */
int cm_cal_is_working(const struct cm_cal *cal, cm_day d,
    struct cm_error *err);

/*
 * The n-th working day after d into *out: d itself is not counted, and
 * n = 0 gives d (so d need not be covered, nor need any day before the
 * first one looked at: received 2024-12-31 + 13 needs only 2025).  A
 * NULL calendar gives d + n.  The first day looked at outside the covered
 * years fails the call (CM_DATA, naming that day), unless it lies past
 * them in an extended calendar.  A result past 9999-12-31 is CM_DATA.
 * n < 0 is CM_USAGE: deadlines only run forward.  0 or -1.
 */
int cm_cal_add(const struct cm_cal *cal, cm_day d, long n, cm_day *out,
    struct cm_error *err);

/*
 * The number of working days in (a, b] into *out; when b < a, minus the
 * number in (b, a], so that count(a, b) == -count(b, a), and
 * count(due, as_of) is the working days overdue, or minus the working
 * days left.  A NULL calendar gives b - a.  Every day of the interval
 * must be covered (or past the end of an extended calendar); the error
 * names the first uncovered one met walking from a towards b.  0 or -1.
 */
int cm_cal_count(const struct cm_cal *cal, cm_day a, cm_day b, long *out,
    struct cm_error *err);

/*
 * The one rule of lateness (004/4 §10, §14), for every command that
 * judges a deadline: a case is late when a day that counts lies after its
 * due day and no later than end (the day it was closed, or the day an
 * open case is judged on); *days is how many such days,
 * cm_cal_count(cal, due, end): working days with a calendar, calendar
 * days with NULL.  The due day itself is on time, and so is a rest day
 * after it: with a calendar, a case due on a Friday and closed on the
 * Saturday is on time, because its deadline was a number of working
 * days and none of them has passed.  So "late" and "days late" can
 * never disagree, in any report.  Returns 1 when late, 0 when on time
 * (*days then 0), -1 with err filled (as cm_cal_count).
 */
int cm_cal_late(const struct cm_cal *cal, cm_day due, cm_day end,
    long *days, struct cm_error *err);

/*
 * For --explain: append to out one entry per day of the interval that
 * cm_cal_count(cal, a, b) counts, walking from a towards b, entries
 * separated by sep (nothing before the first or after the last):
 *
 *	2026-02-13 Fri +1
 *	2026-02-14 Sat workday (春节) +2
 *	2026-02-15 Sun holiday (春节)
 *	2026-02-21 Sat weekend
 *
 * A working day shows the running count (negative when b < a); the name
 * in parentheses is the row's name column, left out when empty; a day
 * past the end of an extended calendar says "provisional".  With a
 * NULL calendar every day is "+k".  On error (the same as cm_cal_count's)
 * nothing is appended.  0 or -1.
 */
int cm_cal_explain(const struct cm_cal *cal, cm_day a, cm_day b,
    const char *sep, struct cm_buf *out, struct cm_error *err);

#endif
