/* date.c: calendar dates as day numbers (see date.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

/*
 * The parser accepts years 1900..9999 only: four digits, so every valid
 * date formats to exactly ten bytes and parses back to the same day.
 * cm_date_valid() uses the same range to keep that promise.
 */
#define YEAR_MIN	1900
#define YEAR_MAX	9999

/* UTF-8 spellings of the CJK date markers. */
#define CJK_YEAR	"\xe5\xb9\xb4"	/* 年 */
#define CJK_MONTH	"\xe6\x9c\x88"	/* 月 */
#define CJK_DAY		"\xe6\x97\xa5"	/* 日 */
#define CJK_LEN		3

/*
 * Day numbers are computed in a year that starts on 1 March, so the leap
 * day is the last day of its year and the month lengths before it repeat
 * in a fixed 153-day pattern of five months (31 30 31 30 31).  An era is
 * 400 years, 146097 days, after which the Gregorian calendar repeats;
 * working within an era keeps every division on non-negative numbers.
 * 719468 is the number of days from 0000-03-01 to 1970-01-01.
 */
#define DAYS_PER_ERA	146097L
#define EPOCH_SHIFT	719468L

int
cm_date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && cm_date_is_leap(y) ? 29 : len[m - 1];
}

int
cm_date_valid(int y, int m, int d)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return 0;
	return d >= 1 && d <= month_days(y, m);
}

cm_day
cm_date_from_ymd(int y, int m, int d)
{
	long yy, era, yoe, doy, doe;

	/* January and February belong to the previous March-based year. */
	yy = (long)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;				/* 0..399 */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* 0..365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */
	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/*
 * The inverse of cm_date_from_ymd().  d must be the day number of a date
 * whose year fits in an int; any day a parser or cm_today() returns does.
 */
void
cm_date_to_ymd(cm_day d, int *y, int *m, int *dd)
{
	long z, era, doe, yoe, doy, mp, yy;

	z = d + EPOCH_SHIFT;
	era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	doe = z - era * DAYS_PER_ERA;			/* 0..146096 */
	/*
	 * Take out the leap days before doe (one per 1460 days, none per
	 * 36524, one more at 146096); the rest divides into 365-day years.
	 */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* 0..365 */
	mp = (5 * doy + 2) / 153;		/* 0 = March .. 11 = February */
	yy = yoe + era * 400;
	*dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/*
 * Digits by hand rather than snprintf: commands print a date per row.
 * Years outside 0..9999 cannot come from the parser; they are clamped so
 * that the 11-byte contract holds even for a caller's bad day number.
 */
char *
cm_date_format(cm_day d, char *buf)
{
	int y, m, dd;

	cm_date_to_ymd(d, &y, &m, &dd);
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
	return buf;
}

/*
 * Read min..max decimal digits at *p (not past end) into *val; advances *p.
 * 0 on success, -1 when there are too few digits or more follow: a third
 * digit must not silently become part of the next field.
 */
static int
digits(const char **p, const char *end, int min, int max, int *val)
{
	const char *s = *p;
	int n = 0, v = 0;

	while (s < end && *s >= '0' && *s <= '9') {
		if (++n > max)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	if (n < min)
		return -1;
	*p = s;
	*val = v;
	return 0;
}

/* Match the byte string lit of length n at *p and advance past it. */
static int
match(const char **p, const char *end, const char *lit, size_t n)
{
	if ((size_t)(end - *p) < n || memcmp(*p, lit, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/*
 * s need not be NUL-terminated: every read is checked against end, since
 * callers hand in fields straight from a CSV buffer.
 */
int
cm_date_parse(const char *s, size_t len, cm_day *out)
{
	const char *p = s, *end = s + len;
	int y, m, d, cjk;
	char sep = '\0';

	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;

	if (digits(&p, end, 4, 4, &y) == -1)
		return -1;
	cjk = match(&p, end, CJK_YEAR, CJK_LEN) == 0;
	if (!cjk) {
		if (p == end || (*p != '-' && *p != '/' && *p != '.'))
			return -1;
		sep = *p++;
	}
	if (digits(&p, end, 1, 2, &m) == -1)
		return -1;
	if (cjk) {
		if (match(&p, end, CJK_MONTH, CJK_LEN) == -1)
			return -1;
	} else if (match(&p, end, &sep, 1) == -1)
		return -1;
	if (digits(&p, end, 1, 2, &d) == -1)
		return -1;
	if (cjk && match(&p, end, CJK_DAY, CJK_LEN) == -1)
		return -1;
	if (p != end || !cm_date_valid(y, m, d))
		return -1;
	*out = cm_date_from_ymd(y, m, d);
	return 0;
}

int
cm_date_weekday(cm_day d)
{
	/* Day 0, 1970-01-01, was a Thursday; d % 7 is negative before it. */
	long r = d % 7;

	if (r < 0)
		r += 7;
	return (int)((r + 3) % 7 + 1);
}

/*
 * A set but empty CM_TODAY is an error too, not a fallback to the clock:
 * a job meant to be reproducible must not quietly depend on the date.
 * The -1 of date.h doubles as the day number of 1969-12-31; that date is
 * outside the years the parser accepts, so CM_TODAY cannot produce it.
 */
cm_day
cm_today(void)
{
	const char *env;
	cm_day d;
	time_t now;
	struct tm tm;

	if ((env = getenv("CM_TODAY")) != NULL)
		return cm_date_parse(env, strlen(env), &d) == 0 ? d : -1;
	if ((now = time(NULL)) == (time_t)-1 || localtime_r(&now, &tm) == NULL)
		return -1;
	return cm_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
cm_month_parse(const char *s, int *y, int *m)
{
	int i, yy = 0, mm;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	if (s[7] != '\0')
		return -1;
	for (i = 0; i < 4; i++)
		yy = yy * 10 + (s[i] - '0');
	mm = (s[5] - '0') * 10 + (s[6] - '0');
	if (yy < 1900 || mm < 1 || mm > 12)
		return -1;
	*y = yy;
	*m = mm;
	return 0;
}
