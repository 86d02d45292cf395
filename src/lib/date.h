/*
 * date.h: calendar dates (DESIGN.md §2: ISO 8601 out; YYYY-MM-DD,
 * YYYY/MM/DD, YYYY.MM.DD and YYYY年MM月DD日 in).
 *
 * A date is a day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar, so day arithmetic is integer arithmetic.
 */
#ifndef CM_DATE_H
#define CM_DATE_H

#include <limits.h>
#include <stddef.h>

typedef long cm_day;

/*
 * The range of dates cm handles: 1900-01-01 to 9999-12-31, every date
 * of which parses and formats as ten bytes.  Arithmetic that leaves it
 * (9999-12-31 plus thirteen days) is a data error, never a date wrapped
 * or clamped into it.
 */
#define CM_DAY_MIN	(-25567L)	/* 1900-01-01 */
#define CM_DAY_MAX	2932896L	/* 9999-12-31 */
/*
 * No date (an option not given): outside the range, so that no date,
 * not even one before 1970 (a negative day), is taken for it.
 */
#define CM_NO_DAY	LONG_MIN

/*
 * Parse s[0..len): a four-digit year 1900..9999, a month and a day of one
 * or two digits (Excel writes 2026/1/5), separated by '-', '/' or '.', or
 * written 2026年1月5日.  Surrounding ASCII spaces are allowed.  The date
 * must exist (no February 30).  0 and *out on success, -1 otherwise.
 */
int cm_date_parse(const char *s, size_t len, cm_day *out);

/* "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *cm_date_format(cm_day d, char *buf);

cm_day cm_date_from_ymd(int y, int m, int d);	/* fields must be valid */
void cm_date_to_ymd(cm_day d, int *y, int *m, int *dd);
int cm_date_valid(int y, int m, int d);
int cm_date_is_leap(int y);			/* Gregorian */
int cm_date_weekday(cm_day d);			/* 1 Monday .. 7 Sunday */

/*
 * A month "YYYY-MM" (the whole string, nothing around it): year
 * 1900..9999, month 01..12, both with all their digits.  0 with *y and
 * *m set, or -1 (they are then untouched).
 */
int cm_month_parse(const char *s, int *y, int *m);

/*
 * Today in local time; the environment variable CM_TODAY (a date in any
 * accepted form) overrides it, so tests and reruns of a night's job are
 * reproducible.  -1 if CM_TODAY is set and is not a date.
 */
cm_day cm_today(void);

#endif
