/* t-num.c: unit tests of num.c. */
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "num.h"
#include "tap.h"

#define I128_MAX	((__int128)(((unsigned __int128)1 << 127) - 1))
#define I128_MIN	(-I128_MAX - 1)

/* Exactly the 48 bytes num.h promises, so ASan sees any overrun. */
static void
ratio(__int128 num, __int128 den, int prec, const char *want,
    const char *name)
{
	char buf[48];

	is_str(cm_fmt_ratio(buf, num, den, prec), want, name);
}

static void
dbl(double x, int prec, const char *want, const char *name)
{
	char buf[48];

	is_str(cm_fmt_double(buf, x, prec), want, name);
}

static void
test_ratio(void)
{
	/* The examples the callers rely on. */
	ratio(1, 32, 2, "0.03", "1/32");
	ratio(100, 32, 2, "3.13", "100/32 = 3.125 rounds up");
	ratio(250, 3, 2, "83.33", "250/3");
	ratio(-1, 8, 2, "-0.13", "-1/8 rounds away from zero");
	ratio(-1, 1000, 2, "0.00", "-1/1000 has no minus sign");
	ratio(5, 1, 2, "5.00", "5/1");
	ratio(2, 3, 0, "1", "2/3 at prec 0");

	/* Signs. */
	ratio(1, -8, 2, "-0.13", "1/-8");
	ratio(-1, -8, 2, "0.13", "-1/-8");
	ratio(0, 5, 2, "0.00", "0/5");
	ratio(0, -5, 2, "0.00", "0/-5");
	ratio(1, -1000, 2, "0.00", "1/-1000 has no minus sign");
	ratio(-1, 3, 0, "0", "-1/3 at prec 0 is 0");

	/* Ties go away from zero; just below a tie goes toward it. */
	ratio(1, 2, 0, "1", "1/2 at prec 0");
	ratio(-1, 2, 0, "-1", "-1/2 at prec 0");
	ratio(3, 2, 0, "2", "3/2 at prec 0");
	ratio(5, 1000, 2, "0.01", "0.005");
	ratio(-5, 1000, 2, "-0.01", "-0.005");
	ratio(25, 1000, 2, "0.03", "0.025");
	ratio(4999, 1000000, 2, "0.00", "0.004999");
	ratio(9995, 1000, 2, "10.00", "9.995 carries into the units");
	ratio(-9995, 1000, 2, "-10.00", "-9.995 carries into the units");
	ratio(999, 1000, 0, "1", "0.999 at prec 0");

	/* Precision 0 and 9, and out of range. */
	ratio(1, 3, 9, "0.333333333", "1/3 at prec 9");
	ratio(2, 3, 9, "0.666666667", "2/3 at prec 9");
	ratio(1, 1, 9, "1.000000000", "1 at prec 9");
	ratio(5, 10000000000LL, 9, "0.000000001", "5e-10 at prec 9");
	ratio(-5, 10000000000LL, 9, "-0.000000001", "-5e-10 at prec 9");
	ratio(-4, 10000000000LL, 9, "0.000000000", "-4e-10 at prec 9");
	ratio(7, 2, 0, "4", "7/2 at prec 0 has no point");
	ratio(1, 3, 12, "0.333333333", "prec above 9 is 9");
	ratio(2, 3, -1, "1", "prec below 0 is 0");

	/* Near the int64 limits, as sums of a large file reach. */
	ratio(INT64_MAX, 1, 2, "9223372036854775807.00", "INT64_MAX");
	ratio(INT64_MIN, 1, 0, "-9223372036854775808", "INT64_MIN");
	ratio(INT64_MIN, -1, 2, "9223372036854775808.00", "INT64_MIN/-1");
	ratio(INT64_MAX, INT64_MAX, 2, "1.00", "INT64_MAX/INT64_MAX");
	ratio(INT64_MAX - 1, INT64_MAX, 9, "1.000000000",
	    "(INT64_MAX-1)/INT64_MAX at prec 9");
	ratio(1, INT64_MAX, 9, "0.000000000", "1/INT64_MAX");
	ratio(INT64_MAX / 2, INT64_MAX, 0, "0", "just below one half");
	ratio(INT64_MAX / 2 + 1, INT64_MAX, 0, "1", "just above one half");
	ratio((__int128)INT64_MAX * 100, 3, 2,
	    "307445734561825860233.33", "INT64_MAX*100/3");

	/* The whole __int128 range: no overflow in the long division. */
	ratio(I128_MAX, 1, 0, "170141183460469231731687303715884105727",
	    "INT128_MAX");
	ratio(I128_MIN, 1, 0, "-170141183460469231731687303715884105728",
	    "INT128_MIN");
	ratio(I128_MIN, -1, 0, "170141183460469231731687303715884105728",
	    "INT128_MIN/-1");
	ratio(I128_MAX - 1, I128_MAX, 9, "1.000000000",
	    "(INT128_MAX-1)/INT128_MAX");
	ratio(I128_MAX / 3, I128_MAX, 9, "0.333333333", "INT128_MAX/3 ratio");
	ratio(I128_MIN / 8, I128_MIN, 3, "0.125", "INT128_MIN/8 ratio");
	ratio(I128_MIN, I128_MAX, 2, "-1.00", "INT128_MIN/INT128_MAX");

	/* What does not fit in 48 bytes, and a zero den, give "". */
	ratio(I128_MAX, 1, 9, "", "39 digits and 9 decimals do not fit");
	ratio((__int128)1000000000000000000LL * 1000000000000000000LL - 1, 1,
	    9, "999999999999999999999999999999999999.000000000",
	    "10^36-1 at prec 9 fits in 47 bytes");
	ratio(-(__int128)1000000000000000000LL * 1000000000000000000LL + 1,
	    1, 9, "-999999999999999999999999999999999999.000000000",
	    "-(10^36-1) at prec 9 fits with its sign");
	ratio((__int128)1000000000000000000LL * 1000000000000000000LL, 1, 9,
	    "1000000000000000000000000000000000000.000000000",
	    "10^36 at prec 9 fills 48 bytes exactly");
	ratio(-(__int128)1000000000000000000LL * 1000000000000000000LL, 1, 9,
	    "", "-10^36 at prec 9 does not fit");
	ratio(1, 0, 2, "", "den 0 gives the empty string");
}

static void
test_double(void)
{
	/* Numbers as typed, although the double is just below the tie. */
	dbl(2.675, 2, "2.68", "2.675 (2.67499999... in binary)");
	dbl(1.005, 2, "1.01", "1.005 (1.00499999... in binary)");
	dbl(-1.005, 2, "-1.01", "-1.005");
	dbl(8.345, 2, "8.35", "8.345");
	dbl(1.115, 2, "1.12", "1.115");
	dbl(0.125, 2, "0.13", "0.125");
	dbl(-0.125, 2, "-0.13", "-0.125");
	dbl(2.5, 0, "3", "2.5 at prec 0");
	dbl(-2.5, 0, "-3", "-2.5 at prec 0");
	dbl(0.5, 0, "1", "0.5 at prec 0");
	dbl(0.49, 0, "0", "0.49 at prec 0");
	dbl(99.5, 0, "100", "99.5 carries");
	dbl(9.995, 2, "10.00", "9.995 carries");
	dbl(-9.995, 2, "-10.00", "-9.995 carries");
	dbl(0.995, 2, "1.00", "0.995 carries into the units");
	dbl(0.005, 2, "0.01", "0.005, no kept digit but the carry");
	dbl(0.0049, 2, "0.00", "0.0049");
	dbl(0.1 + 0.2, 2, "0.30", "0.1 + 0.2");
	dbl(0.1 + 0.2, 9, "0.300000000", "0.1 + 0.2 at prec 9");
	dbl(72.5, 1, "72.5", "72.5");
	dbl(83.333333, 2, "83.33", "83.333333");
	dbl(1.0 / 3, 9, "0.333333333", "1/3 at prec 9");
	dbl(2.0 / 3, 9, "0.666666667", "2/3 at prec 9");
	dbl(5e-10, 9, "0.000000001", "5e-10 at prec 9");
	dbl(4e-10, 9, "0.000000000", "4e-10 at prec 9");
	dbl(1234567.891, 2, "1234567.89", "1234567.891");
	dbl(42, 0, "42", "42 at prec 0 has no point");
	dbl(1e15, 2, "1000000000000000.00", "1e15");
	dbl(123456789012345678.0, 0, "123456789012346000",
	    "only 15 significant digits are kept");

	/* Never "-0.00". */
	dbl(-0.0, 2, "0.00", "-0.0");
	dbl(-0.001, 2, "0.00", "-0.001");
	dbl(-0.4, 0, "0", "-0.4 at prec 0");
	dbl(-5e-324, 2, "0.00", "the smallest negative subnormal");
	dbl(0.0, 0, "0", "0 at prec 0");

	/* Limits of the 48-byte buffer, and beyond. */
	dbl(-1e35, 9, "-100000000000000000000000000000000000.000000000",
	    "-1e35 at prec 9 fits in 48 bytes");
	dbl(1e36, 9, "1.00000000000000e+36", "1e36 at prec 9: exponent form");
	dbl(1e42, 2, "1000000000000000000000000000000000000000000.00",
	    "1e42 at prec 2 still fixed");
	dbl(-DBL_MAX, 2, "-1.79769313486232e+308", "-DBL_MAX");
	dbl(1.5, 15, "1.500000000", "prec above 9 is 9");
	dbl(1.5, -3, "2", "prec below 0 is 0");

	/* Non-finite values print nothing. */
	dbl(NAN, 2, "", "NaN gives the empty string");
	dbl(INFINITY, 2, "", "inf gives the empty string");
	dbl(-INFINITY, 0, "", "-inf gives the empty string");
}

/* A failed conversion shows as -12345, a value no test expects. */
static void
num_ok(const char *s, long long min, long long max, long long want)
{
	long long v = -12345;
	char name[128];

	snprintf(name, sizeof(name), "strtonum '%s' is %lld", s, want);
	is_int(cm_strtonum(s, min, max, &v) == 0 ? v : -12345, want, name);
}

static void
num_bad(const char *s, long long min, long long max)
{
	long long v = -12345;

	ok(cm_strtonum(s, min, max, &v) == -1 && v == -12345,
	    "strtonum rejects '%s' in [%lld, %lld]", s, min, max);
}

static void
test_strtonum(void)
{
	num_ok("42", 0, 100, 42);
	num_ok(" 42 ", 0, 100, 42);
	num_ok("   42", 0, 100, 42);
	num_ok("+7", 0, 100, 7);
	num_ok("-7", -10, 10, -7);
	num_ok("-0", 0, 0, 0);
	num_ok("007", 0, 100, 7);
	num_ok("000000000000000000000000000000000001", 0, 1, 1);
	num_ok("9223372036854775807", LLONG_MIN, LLONG_MAX, LLONG_MAX);
	num_ok("-9223372036854775808", LLONG_MIN, LLONG_MAX, LLONG_MIN);
	num_ok("-3", -3, 3, -3);
	num_ok("3", -3, 3, 3);

	num_bad("9223372036854775808", LLONG_MIN, LLONG_MAX);
	num_bad("-9223372036854775809", LLONG_MIN, LLONG_MAX);
	num_bad("99999999999999999999999999", LLONG_MIN, LLONG_MAX);
	num_bad("18446744073709551616", LLONG_MIN, LLONG_MAX);
	num_bad("4 2", 0, 100);
	num_bad("-", -10, 10);
	num_bad("+", -10, 10);
	num_bad("", 0, 100);
	num_bad("   ", 0, 100);
	num_bad("--1", -10, 10);
	num_bad("+-1", -10, 10);
	num_bad("- 1", -10, 10);
	num_bad("12a", 0, 100);
	num_bad("0x10", 0, 100);
	num_bad("1e3", 0, 10000);
	num_bad("1.0", 0, 100);
	num_bad("\t1", 0, 100);
	num_bad("\xef\xbc\x91", 0, 100);
	num_bad("5", 1, 4);
	num_bad("0", 1, 10);
	num_bad("-4", -3, 3);
	num_bad("1", 5, 1);
}

static void
dbl_ok(const char *s, double want)
{
	double v = -12345;

	ok(cm_strtod(s, &v) == 0 && v == want, "strtod '%s' is %g", s, want);
}

static void
dbl_bad(const char *s)
{
	double v = -12345;

	ok(cm_strtod(s, &v) == -1 && v == -12345, "strtod rejects '%s'", s);
}

static void
test_strtod(void)
{
	const char *loc;

	dbl_ok("72.5", 72.5);
	dbl_ok(" 72.5 ", 72.5);
	dbl_ok("-0.5", -0.5);
	dbl_ok("+1", 1);
	dbl_ok("42", 42);
	dbl_ok(".5", 0.5);
	dbl_ok("5.", 5);
	dbl_ok("1e3", 1000);
	dbl_ok("1.5E-2", 0.015);
	dbl_ok("2.675", 2.675);
	dbl_ok("007.50", 7.5);
	dbl_ok("1e-400", 0);	/* underflows to a finite zero */

	dbl_bad("");
	dbl_bad("   ");
	dbl_bad(".");
	dbl_bad("-");
	dbl_bad("+.");
	dbl_bad("nan");
	dbl_bad("NaN");
	dbl_bad("inf");
	dbl_bad("-inf");
	dbl_bad("infinity");
	dbl_bad("0x1p3");
	dbl_bad("0x10");
	dbl_bad("1e");
	dbl_bad("1e+");
	dbl_bad("1e999");
	dbl_bad("-1e999");
	dbl_bad("72.5%");
	dbl_bad("72,5");
	dbl_bad("1 2");
	dbl_bad("1.2.3");
	dbl_bad("\t1");
	dbl_bad("1\r");
	dbl_bad("e5");

	/* A comma locale must not change what a CSV number means. */
	loc = setlocale(LC_NUMERIC, "de_DE.UTF-8");
	if (loc == NULL)
		ok(1, "# skip no de_DE.UTF-8 locale");
	else {
		dbl_ok("72.5", 72.5);
		dbl(2.675, 2, "2.68", "fmt_double in de_DE writes '.'");
		setlocale(LC_NUMERIC, "C");
	}
}

/* "fen" for s, or "bad" when cm_money_parse refuses it. */
static void
money(const char *s, const char *want)
{
	char buf[64], name[96];
	long long fen;

	snprintf(name, sizeof(name), "money '%s'", s);
	if (cm_money_parse(s, -1000000000000000LL, 1000000000000000LL,
	    &fen) < 0)
		snprintf(buf, sizeof(buf), "bad");
	else
		cm_money_format(buf, fen);
	is_str(buf, want, name);
}

static void
test_money(void)
{
	char buf[64];

	money("12", "12.00");
	money("12.3", "12.30");
	money(" 0.10 ", "0.10");
	money(".5", "0.50");
	money("5.", "5.00");
	money("-12.05", "-12.05");
	money("+3", "3.00");
	/* Decided on the digits, so no binary rounding error. */
	money("1.005", "1.01");
	money("2.675", "2.68");
	money("1.0049999", "1.00");
	money("-1.005", "-1.01");
	money("0.004", "0.00");
	money("9999999999999.995", "10000000000000.00");
	money("10000000000000.005", "bad");
	money("10000000000000.00", "10000000000000.00");
	money("99999999999999999999", "bad");
	money("1e3", "bad");
	money("1,000", "bad");
	money(".", "bad");
	money("", "bad");
	money("-", "bad");
	money("1 2", "bad");
	is_str(cm_money_format(buf, -9223372036854775807LL - 1),
	    "-92233720368547758.08", "money: the most negative fen");
}

static void
milli(const char *s, int maxdec, const char *want)
{
	char buf[32], name[96];
	long long v = 0;
	int rc = cm_milli_parse(s, maxdec, -1000000000000000000LL,
	    1000000000000000000LL, &v);

	snprintf(name, sizeof(name), "milli: '%s' with %d decimals", s,
	    maxdec);
	is_str(rc == -1 ? "bad" : rc == -2 ? "decimals" :
	    cm_milli_format(buf, v, maxdec), want, name);
}

static void
test_milli(void)
{
	char buf[32];
	long long v = 0;

	milli("12", 0, "12");
	milli(" 12 ", 0, "12");
	milli("2.5", 1, "2.5");
	milli("2.50", 1, "2.5");
	milli("5.0", 0, "5");
	milli("5.000000", 0, "5");
	milli("2.05", 1, "decimals");
	milli("0.001", 3, "0.001");
	milli("0.0001", 3, "decimals");
	milli("1.2345", 3, "decimals");
	milli(".5", 3, "0.500");
	milli("5.", 3, "5.000");
	milli("-1.25", 3, "-1.250");
	milli("+3", 0, "3");
	milli("1e3", 3, "bad");
	milli("1,000", 3, "bad");
	milli("1 000", 3, "bad");
	milli("", 3, "bad");
	milli(".", 3, "bad");
	milli("-", 3, "bad");
	milli("abc", 3, "bad");
	milli("99999999999999999999", 3, "bad");
	milli("999999999999999.999", 3, "999999999999999.999");
	milli("1000000000000000.001", 3, "bad");
	ok(cm_milli_parse("5", 0, 0, 4000, &v) == -1, "milli: over max");
	ok(cm_milli_parse("-1", 0, 0, 4000, &v) == -1, "milli: under min");
	/* Sums of values keep whatever decimals they have. */
	is_str(cm_milli_format(buf, 2505, 0), "2.505", "milli: 3 shown");
	is_str(cm_milli_format(buf, 2500, 2), "2.50", "milli: 2 decimals");
	is_str(cm_milli_format(buf, -500, 1), "-0.5", "milli: negative");
	is_str(cm_milli_format(buf, 0, 3), "0.000", "milli: zero");
	is_str(cm_milli_format(buf, -9223372036854775807LL - 1, 3),
	    "-9223372036854775.808", "milli: the most negative");
}

int
main(void)
{
	test_ratio();
	test_double();
	test_strtonum();
	test_money();
	test_strtod();
	test_milli();
	return done_testing();
}
