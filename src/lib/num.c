/* num.c: checked number conversion and exact decimal formatting (num.h). */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

#define PREC_MAX	9
#define FMT_SIZE	48	/* the buffer size num.h promises callers */

typedef unsigned __int128 u128;

static const char *
skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* prec outside 0..9 is clamped: these functions never fail on it. */
static int
clamp_prec(int prec)
{
	return prec < 0 ? 0 : prec > PREC_MAX ? PREC_MAX : prec;
}

/*
 * Digits are gathered as a magnitude in unsigned long long, which holds
 * the magnitude of LLONG_MIN; the overflow test comes before each multiply,
 * so a long run of digits is rejected rather than wrapped.
 */
int
cm_strtonum(const char *s, long long min, long long max, long long *out)
{
	unsigned long long v = 0, lim;
	long long r;
	int neg = 0, d;

	s = skip_spaces(s);
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (!is_digit(*s))
		return -1;
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; is_digit(*s); s++) {
		d = *s - '0';
		if (v > (lim - (unsigned long long)d) / 10)
			return -1;
		v = v * 10 + (unsigned long long)d;
	}
	if (*skip_spaces(s) != '\0')
		return -1;
	if (!neg)
		r = (long long)v;
	else if (v == (unsigned long long)LLONG_MAX + 1)
		r = LLONG_MIN;
	else
		r = -(long long)v;
	if (r < min || r > max)
		return -1;
	*out = r;
	return 0;
}

/*
 * strtod() alone accepts "nan", "inf", "0x1p3" and leading tabs, and reads
 * the decimal point of LC_NUMERIC, which a command that calls setlocale for
 * CJK column widths may have changed.  So the syntax is checked here first
 * ([sign] digits [. digits] [e [sign] digits], a digit on one side of the
 * point at least) and the conversion runs in the C locale.
 */
static int
decimal_syntax(const char *s, const char **end)
{
	int n = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; is_digit(*s); s++)
		n++;
	if (*s == '.')
		for (s++; is_digit(*s); s++)
			n++;
	if (n == 0)
		return -1;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!is_digit(*s))
			return -1;
		while (is_digit(*s))
			s++;
	}
	*end = s;
	return 0;
}

static double
strtod_c(const char *s, char **end)
{
	static locale_t c_locale;

	if (c_locale == (locale_t)0)
		c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	/* Without a C locale object, strtod is right for every "." locale. */
	if (c_locale == (locale_t)0)
		return strtod(s, end);
	return strtod_l(s, end, c_locale);
}

int
cm_strtod(const char *s, double *out)
{
	const char *start, *stop;
	char *end;
	double x;

	start = skip_spaces(s);
	if (decimal_syntax(start, &stop) == -1 || *skip_spaces(stop) != '\0')
		return -1;
	x = strtod_c(start, &end);
	/* An overflow gives HUGE_VAL; an underflow a tiny finite value. */
	if (end != stop || !isfinite(x))
		return -1;
	*out = x;
	return 0;
}

int
cm_money_parse(const char *s, long long min, long long max, long long *fen)
{
	unsigned long long v = 0;
	int neg = 0, ndig = 0, frac = 0, d;
	long long r;

	s = skip_spaces(s);
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	/* The magnitude in fen stays below 2^63: at most 18 digits before. */
	for (; is_digit(*s); s++, ndig++) {
		if (v > (unsigned long long)LLONG_MAX / 1000)
			return -1;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	v *= 100;
	if (*s == '.')
		for (s++; is_digit(*s); s++, frac++) {
			d = *s - '0';
			if (frac == 0)
				v += (unsigned long long)d * 10;
			else if (frac == 1)
				v += (unsigned long long)d;
			else if (frac == 2 && d >= 5)
				v++;	/* half away from zero; later digits
					   cannot undo it */
			ndig++;
		}
	if (ndig == 0 || *skip_spaces(s) != '\0' ||
	    v > (unsigned long long)LLONG_MAX)
		return -1;
	r = neg ? -(long long)v : (long long)v;
	if (r < min || r > max)
		return -1;
	*fen = r;
	return 0;
}

char *
cm_money_format(char *buf, long long fen)
{
	unsigned long long m = fen < 0 ? 0ULL - (unsigned long long)fen :
	    (unsigned long long)fen;

	snprintf(buf, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", m / 100,
	    m % 100);
	return buf;
}

int
cm_milli_parse(const char *s, int maxdec, long long min, long long max,
    long long *milli)
{
	unsigned long long v = 0;
	int neg = 0, ndig = 0, frac = 0, toomany = 0;
	long long r;

	s = skip_spaces(s);
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; is_digit(*s); s++, ndig++) {
		if (v > (unsigned long long)LLONG_MAX / 10000)
			return -1;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	v *= 1000;
	if (*s == '.')
		for (s++; is_digit(*s); s++, frac++, ndig++) {
			if (*s == '0')
				continue;
			if (frac >= maxdec || frac >= 3)
				toomany = 1;
			else
				v += (unsigned long long)(*s - '0') *
				    (frac == 0 ? 100 : frac == 1 ? 10 : 1);
		}
	if (ndig == 0 || *skip_spaces(s) != '\0')
		return -1;
	if (toomany)
		return -2;
	r = neg ? -(long long)v : (long long)v;
	if (r < min || r > max)
		return -1;
	*milli = r;
	return 0;
}

char *
cm_milli_format(char *buf, long long milli, int dec)
{
	unsigned long long m = milli < 0 ? 0ULL - (unsigned long long)milli :
	    (unsigned long long)milli;
	unsigned long long f = m % 1000;
	int shown = dec < 0 ? 0 : dec > 3 ? 3 : dec;

	if ((shown == 0 && f != 0) || (shown == 1 && f % 100 != 0) ||
	    (shown == 2 && f % 10 != 0))
		shown = 3;
	if (shown == 0)
		snprintf(buf, 32, "%s%llu", milli < 0 ? "-" : "", m / 1000);
	else
		snprintf(buf, 32, "%s%llu.%0*llu", milli < 0 ? "-" : "",
		    m / 1000, shown, f / (shown == 1 ? 100 : shown == 2 ? 10 :
		    1));
	return buf;
}

/* Write the decimal digits of v at p; returns the number written. */
static int
put_u128(char *p, u128 v)
{
	char tmp[40];
	int n = 0, i;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

static int
count_digits(u128 v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/*
 * Long division, one decimal digit at a time.  The remainder r is below
 * b, but 10 * r may not fit when b is near 2^128, so 10 * r is built by
 * adding r ten times modulo b, counting the wraps: the count is the digit.
 * The comparison acc >= b - r stands for acc + r >= b without overflow.
 */
static int
next_digit(u128 *r, u128 b)
{
	u128 acc = 0;
	int i, digit = 0;

	for (i = 0; i < 10; i++) {
		if (acc >= b - *r) {
			acc -= b - *r;
			digit++;
		} else
			acc += *r;
	}
	*r = acc;
	return digit;
}

/*
 * The magnitudes go into unsigned __int128, where the magnitude of the
 * most negative __int128 fits.  A zero den, which num.h forbids, gives
 * "" rather than a crash, and so does a quotient too long for FMT_SIZE
 * bytes: num.h promises nothing more, and __int128 quotients can reach
 * 39 digits, which with sign, point and 9 decimals would need 51 bytes.
 */
char *
cm_fmt_ratio(char *buf, __int128 num, __int128 den, int prec)
{
	u128 a, b, q, r, frac = 0, scale = 1;
	int neg, i, n;
	char *p = buf;

	buf[0] = '\0';
	if (den == 0)
		return buf;
	prec = clamp_prec(prec);
	neg = (num < 0) != (den < 0);
	a = num < 0 ? -(u128)num : (u128)num;
	b = den < 0 ? -(u128)den : (u128)den;
	q = a / b;
	r = a % b;
	for (i = 0; i < prec; i++) {
		frac = frac * 10 + (u128)next_digit(&r, b);
		scale *= 10;
	}
	/* Half away from zero: the magnitude goes up when r / b >= 1/2. */
	if (r >= b - r && ++frac == scale) {
		frac = 0;
		q++;
	}
	if (q == 0 && frac == 0)
		neg = 0;
	n = neg + count_digits(q) + (prec > 0 ? 1 + prec : 0);
	if (n >= FMT_SIZE)
		return buf;
	if (neg)
		*p++ = '-';
	p += put_u128(p, q);
	if (prec > 0) {
		*p++ = '.';
		for (i = prec - 1; i >= 0; i--) {
			p[i] = (char)('0' + (int)(frac % 10));
			frac /= 10;
		}
		p += prec;
	}
	*p = '\0';
	return buf;
}

/*
 * Rounding a double half away from zero has a trap: 1.005 is stored as
 * 1.00499999999999989..., so rounding the exact binary value (or
 * llround(x * 100), which gives 100) prints "1.00" where Excel's ROUND
 * and the user who typed 1.005 expect "1.01".  Excel works on 15
 * significant digits, and so does this: x is first written with 15
 * significant digits ("%.14e"), and that decimal string is rounded half
 * away from zero as text, exactly.  Any number typed with at most 15
 * significant digits thus rounds as written; a value differing from a
 * tie only beyond the 15th digit rounds as the tie, as in Excel.
 *
 * Non-finite x gives "" (callers never pass one, and no text is better
 * than "nan" in a report).  buf must hold 48 bytes, as for cm_fmt_ratio:
 * a magnitude too large for fixed notation in that room (above about
 * 10^35) is written in exponent form, "1.23456789012345e+40".
 */
char *
cm_fmt_double(char *buf, double x, int prec)
{
	char sci[64], dig[FMT_SIZE];
	const char *s;
	int m[15], nm = 0, e, k, nd, i, neg, zero, carry;
	char *p = buf;

	buf[0] = '\0';
	if (!isfinite(x))
		return buf;
	prec = clamp_prec(prec);
	neg = signbit(x) != 0;
	snprintf(sci, sizeof(sci), "%.14e", neg ? -x : x);
	/*
	 * Collect the 15 mantissa digits, skipping the decimal point (which
	 * LC_NUMERIC may spell otherwise), then the exponent after the 'e'.
	 */
	for (s = sci; *s != 'e' && *s != '\0'; s++)
		if (is_digit(*s) && nm < 15)
			m[nm++] = *s - '0';
	if (nm != 15 || *s != 'e')
		return buf;
	e = atoi(s + 1);	/* x is m[0].m[1]...m[14] * 10^e */

	if (e > FMT_SIZE - 4 - prec) {
		if (neg)
			*p++ = '-';
		*p++ = (char)('0' + m[0]);
		*p++ = '.';
		for (i = 1; i < 15; i++)
			*p++ = (char)('0' + m[i]);
		snprintf(p, (size_t)(FMT_SIZE - (p - buf)), "e%+d", e);
		return buf;
	}

	/*
	 * m[i] has place value 10^(e - i); the digits kept are those down to
	 * 10^-prec, k of them.  dig[1..] receives them, dig[0] a carry.
	 */
	k = e + prec + 1;
	nd = 0;
	for (i = 0; i < k; i++)
		dig[1 + nd++] = (char)(i < 15 ? m[i] : 0);
	carry = k >= 0 && k < 15 && m[k] >= 5;
	dig[0] = 0;
	for (i = nd; i >= 1 && carry; i--) {
		carry = dig[i] == 9;
		dig[i] = carry ? 0 : dig[i] + 1;
	}
	if (carry) {
		/* All kept digits were 9s, or none were kept (k == 0). */
		dig[0] = 1;
		s = dig;
		nd++;
	} else
		s = dig + 1;

	zero = 1;
	for (i = 0; i < nd; i++)
		if (s[i] != 0)
			zero = 0;
	if (neg && !zero)
		*p++ = '-';
	/* The number is s[0..nd) * 10^-prec; pad with zeros on the left. */
	if (nd <= prec)
		*p++ = '0';
	else
		for (i = 0; i < nd - prec; i++)
			*p++ = (char)('0' + s[i]);
	if (prec > 0) {
		*p++ = '.';
		for (i = nd - prec; i < nd; i++)
			*p++ = (char)('0' + (i < 0 ? 0 : s[i]));
	}
	*p = '\0';
	return buf;
}
