/* t-date.c: unit tests of date.c. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"

static cm_day
parse(const char *s)
{
	cm_day d;

	return cm_date_parse(s, strlen(s), &d) == 0 ? d : -1;
}

static int
parses(const char *s)
{
	cm_day d;

	return cm_date_parse(s, strlen(s), &d) == 0;
}

/*
 * Every day of 1900..2100, counted by walking the month lengths rather
 * than by the algorithm under test: day numbers follow one another, and
 * from_ymd, to_ymd, format and parse agree on each.
 */
static void
test_round_trip(void)
{
	static const int len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	char buf[11], want[32];
	cm_day d, first = cm_date_from_ymd(1900, 1, 1), expect = first;
	int y, m, dd, n, yy, mm, ddd, bad_seq = 0, bad_back = 0, bad_fmt = 0;
	int bad_parse = 0, bad_valid = 0, days = 0;

	for (y = 1900; y <= 2100; y++) {
		for (m = 1; m <= 12; m++) {
			n = len[m - 1];
			if (m == 2 && y % 4 == 0 && (y % 100 != 0 ||
			    y % 400 == 0))
				n = 29;
			for (dd = 1; dd <= n; dd++, expect++, days++) {
				d = cm_date_from_ymd(y, m, dd);
				if (d != expect)
					bad_seq++;
				cm_date_to_ymd(d, &yy, &mm, &ddd);
				if (yy != y || mm != m || ddd != dd)
					bad_back++;
				snprintf(want, sizeof(want), "%04d-%02d-%02d",
				    y, m, dd);
				if (strcmp(cm_date_format(d, buf), want) != 0)
					bad_fmt++;
				if (parse(buf) != d)
					bad_parse++;
				if (!cm_date_valid(y, m, dd) ||
				    cm_date_valid(y, m, n + 1))
					bad_valid++;
			}
		}
	}
	is_int(first, -25567, "1900-01-01 is day -25567");
	is_int(days, 73414, "73414 days in 1900..2100");
	is_int(bad_seq, 0, "from_ymd counts days one by one");
	is_int(bad_back, 0, "to_ymd inverts from_ymd");
	is_int(bad_fmt, 0, "format writes YYYY-MM-DD");
	is_int(bad_parse, 0, "parse reads what format writes");
	is_int(bad_valid, 0, "valid accepts each day and not the one after");
}

static void
test_known_days(void)
{
	char buf[11];
	int y, m, d;

	is_int(cm_date_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	is_int(cm_date_from_ymd(1969, 12, 31), -1, "1969-12-31 is day -1");
	is_int(cm_date_from_ymd(2000, 1, 1), 10957, "2000-01-01");
	is_int(cm_date_from_ymd(2000, 3, 1), 11017, "2000-03-01");
	is_int(cm_date_from_ymd(9999, 12, 31), 2932896, "9999-12-31");
	is_str(cm_date_format(2932896, buf), "9999-12-31", "format 9999-12-31");
	cm_date_to_ymd(-719468, &y, &m, &d);
	ok(y == 0 && m == 3 && d == 1, "day -719468 is 0000-03-01");
	cm_date_to_ymd(-719469, &y, &m, &d);
	ok(y == 0 && m == 2 && d == 29, "day -719469 is 0000-02-29");
}

static void
test_leap(void)
{
	ok(!cm_date_valid(1900, 2, 29), "1900-02-29 invalid (not leap)");
	ok(cm_date_valid(2000, 2, 29), "2000-02-29 valid (leap)");
	ok(cm_date_valid(2024, 2, 29), "2024-02-29 valid");
	ok(!cm_date_valid(2026, 2, 29), "2026-02-29 invalid");
	ok(!cm_date_valid(2100, 2, 29), "2100-02-29 invalid");
	ok(cm_date_valid(2400, 2, 29), "2400-02-29 valid");
	ok(!cm_date_valid(2026, 4, 31), "2026-04-31 invalid");
	ok(!cm_date_valid(2026, 0, 1), "month 0 invalid");
	ok(!cm_date_valid(2026, 1, 0), "day 0 invalid");
	ok(!cm_date_valid(1899, 12, 31), "1899 out of range");
	ok(!cm_date_valid(10000, 1, 1), "10000 out of range");
	is_int(cm_date_from_ymd(2024, 3, 1) - cm_date_from_ymd(2024, 2, 28),
	    2, "2024-02-28 to 03-01 is 2 days");
	is_int(cm_date_from_ymd(1900, 3, 1) - cm_date_from_ymd(1900, 2, 28),
	    1, "1900-02-28 to 03-01 is 1 day");
}

static void
test_forms(void)
{
	cm_day want = cm_date_from_ymd(2026, 1, 5);
	static const char *const good[] = {
		"2026-01-05", "2026-1-5", "2026/1/5", "2026/01/05",
		"2026.1.5", "2026.01.05", "2026-01-5", "2026-1-05",
		"2026\xe5\xb9\xb4" "1\xe6\x9c\x88" "5\xe6\x97\xa5",
		"2026\xe5\xb9\xb4" "01\xe6\x9c\x88" "05\xe6\x97\xa5",
		" 2026-01-05", "2026-01-05 ", "   2026/1/5   ",
		" 2026\xe5\xb9\xb4" "1\xe6\x9c\x88" "5\xe6\x97\xa5 ",
	};
	size_t i;
	cm_day d = 0;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		is_int(parse(good[i]), want, good[i]);

	/* Only len bytes are read: the rest of a CSV line is left alone. */
	ok(cm_date_parse("2026-01-05,next", 10, &d) == 0 && d == want,
	    "parse stops at len");
	ok(cm_date_parse("2026-01-051", 10, &d) == 0 && d == want,
	    "parse ignores bytes past len");
}

static void
test_rejects(void)
{
	static const char *const bad[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
		"2026-01-32", "2026-04-31", "1900-02-29", "1899-12-31",
		"2026-1-5x", "x2026-1-5", "26-01-05", "026-01-05",
		"20260-01-05", "2026-01/05", "2026/01-05", "2026.01-05",
		"", " ", "     ", "2026\xe5\xb9\xb4" "1\xe6\x9c\x88",
		"2026\xe5\xb9\xb4" "1\xe6\x9c\x88" "5",
		"2026\xe5\xb9\xb4" "1-5", "2026-1\xe6\x9c\x88" "5\xe6\x97\xa5",
		"2026-001-05", "2026-01-005", "2026-01-05T10:00",
		"2026-01-05 10:00", "2026--01-05", "2026-01-", "2026-",
		"2026", "20260105", "2026 01 05", "2026_01_05",
		"\t2026-01-05", "2026-01-05\t", "2026-01-05\r",
		"+2026-01-05", "2026-+1-05", "2026-1 -5", "2026- 1-5",
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-1-5",
	};
	size_t i;
	cm_day d = 12345;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!parses(bad[i]), "reject '%s'", bad[i]);
	ok(cm_date_parse("2026-01-05", 9, &d) == -1 && d == 12345,
	    "a cut field is rejected and *out left alone");
	ok(cm_date_parse("2026-01\0-05", 11, &d) == -1,
	    "an embedded NUL is rejected");
	ok(parses("9999-12-31") && parses("1900-01-01"), "range ends");
}

static void
test_weekday(void)
{
	is_int(cm_date_weekday(0), 4, "1970-01-01 was a Thursday");
	is_int(cm_date_weekday(parse("2026-11-23")), 1,
	    "2026-11-23 is a Monday");
	is_int(cm_date_weekday(parse("2026-11-29")), 7,
	    "2026-11-29 is a Sunday");
	is_int(cm_date_weekday(parse("2000-01-01")), 6,
	    "2000-01-01 was a Saturday");
	is_int(cm_date_weekday(parse("1900-01-01")), 1,
	    "1900-01-01 was a Monday");
	is_int(cm_date_weekday(-1), 3, "1969-12-31 was a Wednesday");
	is_int(cm_date_weekday(parse("2026\xe5\xb9\xb4" "10\xe6\x9c\x88"
	    "1\xe6\x97\xa5")), 4, "2026-10-01 is a Thursday");
}

static void
test_today(void)
{
	cm_day t;
	int y, m, d;

	setenv("CM_TODAY", "2026-11-23", 1);
	is_int(cm_today(), parse("2026-11-23"), "CM_TODAY=2026-11-23");
	setenv("CM_TODAY", " 2026/1/5 ", 1);
	is_int(cm_today(), parse("2026-01-05"), "CM_TODAY in / form");
	setenv("CM_TODAY", "2026\xe5\xb9\xb4" "1\xe6\x9c\x88" "5\xe6\x97\xa5",
	    1);
	is_int(cm_today(), parse("2026-01-05"), "CM_TODAY in CJK form");
	setenv("CM_TODAY", "2026-02-29", 1);
	is_int(cm_today(), -1, "CM_TODAY not a date gives -1");
	setenv("CM_TODAY", "", 1);
	is_int(cm_today(), -1, "CM_TODAY set but empty gives -1");
	unsetenv("CM_TODAY");
	t = cm_today();
	cm_date_to_ymd(t, &y, &m, &d);
	ok(t != -1 && y >= 2024 && y <= 9999 && cm_date_valid(y, m, d),
	    "without CM_TODAY, the clock gives a plausible date");
}

/* cm_month_parse: YYYY-MM exactly, in the range of the dates. */
static void
test_month(void)
{
	static const char *bad[] = {
		"", "2026", "2026-1", "2026-13", "2026-00", "1899-12", "2026/11",
		"2026-11-01", " 2026-11", "2026-11 ", "20261-1", "2026-1a",
		"+026-11", "2026--1"
	};
	size_t i;
	int y = 7, m = 7;

	ok(cm_month_parse("2026-11", &y, &m) == 0 && y == 2026 && m == 11,
	    "2026-11 is November 2026");
	ok(cm_month_parse("1900-01", &y, &m) == 0 && y == 1900 && m == 1,
	    "1900-01, the first month");
	ok(cm_month_parse("9999-12", &y, &m) == 0 && y == 9999 && m == 12,
	    "9999-12, the last month");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		y = m = 7;
		ok(cm_month_parse(bad[i], &y, &m) == -1 && y == 7 && m == 7,
		    "month '%s' refused, nothing set", bad[i]);
	}
}

int
main(void)
{
	test_round_trip();
	test_known_days();
	test_leap();
	test_forms();
	test_rejects();
	test_weekday();
	test_today();
	test_month();
	return done_testing();
}
