/*
 * apportion.h: a sum of money split into parts by weights, exactly
 * (cm-penalty: a case's loss over its parties by the judged shares, a
 * unit's part over its members by base points; 004 article 3).
 *
 * The largest-remainder method (Hamilton's): part i is first
 * floor(total × w[i] / W), W the sum of the weights, computed exactly in
 * 128 bits; the fen the floors leave over (fewer than n) then go one each
 * to the parts with the largest remainders total × w[i] mod W.
 *
 * TIE RULE: of two equal remainders the part with the larger weight gets
 * its fen first, and of two equal weights the earlier in w.  So the
 * result depends on the weights and their order only, never on memory or
 * a sort's whims, and the same input always gives the same fen.
 *
 * What a caller may rely on:
 *   - the parts add up to total exactly;
 *   - each part is the exact quota total × w[i] / W rounded down or up,
 *     so within one fen of it, and a zero weight gets 0;
 *   - parts of equal weight differ by at most one fen, the earlier one
 *     being the larger.
 *
 *	long long w[3] = {1000, 1200, 800}, part[3];   base points 1.0/1.2/0.8
 *	cm_apportion(10000, w, 3, part);   100.00 yuan: 3333, 4000, 2667
 */
#ifndef CM_APPORTION_H
#define CM_APPORTION_H

#include <stddef.h>

/*
 * Split total (in fen, >= 0) over the n weights w (each >= 0, in any unit:
 * hundredths of a percent, thousandths of a point) into part[0..n).
 * Returns 0; or -1, leaving part unspecified, when total is negative, a
 * weight is negative, or the weights add up to 0 or overflow a long long:
 * the caller reports it (a unit whose members have no points).  Allocates
 * nothing when n is at most 16.
 */
int cm_apportion(long long total, const long long *w, size_t n,
    long long *part);

#endif
