/*
 * num.h: checked number conversion and exact decimal formatting.
 *
 * Rates and means are ratios of whole numbers; they are formatted from the
 * ratio itself, rounding half away from zero as Excel's ROUND does, so
 * 1 of 32 as a percentage is "3.13", never the "3.12" a binary double
 * would print.
 */
#ifndef CM_NUM_H
#define CM_NUM_H

#include <stddef.h>

/*
 * Whole decimal number in [min, max], the whole string (leading and
 * trailing spaces allowed).  0 on success, -1 when not a number or out of
 * range.
 */
int cm_strtonum(const char *s, long long min, long long max, long long *out);
/* A finite decimal number (e.g. "72.5"); 0 or -1 as above. */
int cm_strtod(const char *s, double *out);

/*
 * num / den with prec decimals (0..9), half away from zero, into buf
 * (at least 52 bytes).  den must not be 0.  Returns buf.
 * Percentages are ratios too: pass num * 100.
 */
char *cm_fmt_ratio(char *buf, __int128 num, __int128 den, int prec);
/*
 * An amount of money in fen (hundredths), exactly: [sign] digits [.
 * digits], spaces around allowed, a digit on one side of the point at
 * least; "1,000.00" and exponents are refused.  Digits past the second
 * decimal round half away from zero (Excel's ROUND(x, 2)), decided on the
 * decimal digits themselves, so "1.005" is 101 fen, never the 100 a
 * binary double would give.  0 with *fen in [min, max], or -1.
 */
int cm_money_parse(const char *s, long long min, long long max,
    long long *fen);
/* fen as yuan with two decimals ("-12.05") into buf (at least 32 bytes). */
char *cm_money_format(char *buf, long long fen);
/*
 * A quantity in thousandths (kg to the gram, m to the millimetre),
 * exactly: [sign] digits [. digits], spaces around allowed, a digit on one
 * side of the point at least; "1,000", "1e3" and a comma for the point
 * are refused.  At most maxdec (0..3) decimals may be other than 0:
 * "2.50" is 2500 for a unit of one decimal, "2.05" is -2 (the caller
 * says "more decimals than UNIT allows"), as is any non-zero digit past
 * the third.  Zeros past maxdec lose nothing and are taken ("5.0" pieces,
 * as a spreadsheet may write them).  0 with *milli in [min, max]; -1 when
 * s is not such a number or is out of range; -2 as above.
 */
int cm_milli_parse(const char *s, int maxdec, long long min, long long max,
    long long *milli);
/*
 * milli (thousandths) with dec decimals (0..3) into buf (at least 32
 * bytes): 2500 is "2.5" with 1, "3" with 0.  A value with more
 * decimals than dec shows all three rather than lose any ("2.505").
 */
char *cm_milli_format(char *buf, long long milli, int dec);
/* A double with prec decimals, half away from zero; "-0.00" never. */
char *cm_fmt_double(char *buf, double x, int prec);

#endif
