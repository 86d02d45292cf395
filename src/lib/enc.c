/*
 * enc.c: the decoding layer under the CSV reader (see enc.h).
 *
 * Raw bytes sit in a window raw[rpos..rlen).  For a file the window is our
 * own buffer, refilled one block at a time; for memory input it is the
 * caller's data, widened a block at a time, so both kinds of input meet
 * block edges at the same offsets and a fuzzer over memory exercises the
 * same carry logic as a file does.
 *
 * UTF-8 input is validated in place and handed out without a copy: it is
 * the common case and must run at memory speed.  Everything else goes
 * through iconv(3) into a separate output buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "enc.h"
#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

/*
 * BLK is both the read size and the auto-detection window; the raw buffer
 * holds two blocks so that detection can look one byte past the window.
 */
#define BLK	(64 * 1024)
#define DETECT	BLK
#define RCAP	(2 * BLK)
#define OUTCAP	(2 * BLK)

enum mode {
	M_AUTO,		/* not decided until the first read */
	M_UTF8,
	M_ICONV
};

struct cm_in {
	int fd;			/* -1 for memory input */
	int closefd;
	off_t left;		/* bytes the fd may still give; -1: all */
	char *name;
	const char *enc;	/* what cm_in_encoding reports */
	char *encown;		/* enc when it is the caller's name */
	enum mode mode;
	int detected;		/* mode chosen by auto-detection */
	int started;
	iconv_t cd;

	const unsigned char *raw;
	unsigned char *rbuf;	/* raw for a file; NULL for memory */
	size_t memlen;
	size_t rpos;		/* first byte not yet decoded */
	size_t rlen;		/* end of the bytes read so far */
	size_t tail;		/* bytes at raw[rpos] waiting for more */
	int eof;		/* nothing exists past raw[rlen] */

	char *out;		/* iconv output; NULL for UTF-8 */
	size_t outcap;
	int bomdone;		/* first iconv output checked for U+FEFF */
	int flushed;		/* iconv's shift state written out */

	long lines;		/* line ends in all output handed out */
	int eol;		/* what ends a line: '\n', or '\r' (see start) */
	int done;
	int failed;
	struct cm_error saved;	/* what every read after a failure says */
	char not_utf8[64];	/* why auto-detection ruled UTF-8 out */
};

/*
 * The UTF-8 sequence at s[0..n), n >= 1: its length (1 to 4) when valid,
 * 0 when s[0..n) is the valid start of a longer one, -k when its k-th byte
 * makes it invalid.  The ranges are RFC 3629's table, which leaves out
 * overlongs (C0, C1, E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and
 * everything above U+10FFFF (F4 90.., F5..FF).
 */
static inline int
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	int need;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return -1;
	need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < 2)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return -2;
	if (need == 2)
		return 2;
	if (n < 3)
		return 0;
	if ((s[2] & 0xC0) != 0x80)
		return -3;
	if (need == 3)
		return 3;
	if (n < 4)
		return 0;
	if ((s[3] & 0xC0) != 0x80)
		return -4;
	return 4;
}

#define HIGH	0x8080808080808080ULL

#if defined(__GNUC__) && !defined(CM_ENC_PORTABLE)
/*
 * GCC and clang vector extensions: SSE2 or NEON code without intrinsics.
 * Customer files are half Chinese, so validating a character at a time
 * after an ASCII fast path ran at 1 GB/s, a quarter of the time a bare
 * libcsv pass takes; 16 bytes at a time is several times faster.
 */
typedef signed char v16 __attribute__((vector_size(16)));
/* Newline counters: unsigned lanes, so that counting wraps, never overflows. */
typedef unsigned char u16v __attribute__((vector_size(16)));

static inline v16
vload(const unsigned char *p)
{
	v16 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline int
vany(v16 v)
{
	uint64_t w[2];

	memcpy(w, &v, sizeof(w));
	return (w[0] | w[1]) != 0;
}

static inline int
vhigh(v16 v)
{
	uint64_t w[2];

	memcpy(w, &v, sizeof(w));
	return ((w[0] | w[1]) & HIGH) != 0;
}

/* Sum of the lanes of acc, each taken as unsigned. */
static size_t
vsum(u16v acc)
{
	uint64_t w[2], x;
	size_t sum = 0;
	int i;

	memcpy(w, &acc, sizeof(w));
	for (i = 0; i < 2; i++) {
		x = (w[i] & 0x00FF00FF00FF00FFULL) +
		    (w[i] >> 8 & 0x00FF00FF00FF00FFULL);
		sum += (size_t)((x * 0x0001000100010001ULL) >> 48);
	}
	return sum;
}

/*
 * All ones in each lane of s[0..16) that breaks RFC 3629, judged with the
 * three bytes before s, which must be readable.  A lane must be a
 * continuation byte exactly when a lead 1, 2 or 3 bytes back asks for
 * one; then come the bytes that can never lead and the four leads whose
 * second byte has a narrower range.  Lanes are biased by 0x80 so that
 * signed compares order bytes as unsigned.
 */
static inline v16
vbad(const unsigned char *s)
{
	v16 c = vload(s), u = c ^ -128;
	v16 p1 = vload(s - 1) ^ -128, p2 = vload(s - 2) ^ -128;
	v16 p3 = vload(s - 3) ^ -128;
	v16 need = (p1 >= 0xC0 - 128) | (p2 >= 0xE0 - 128) |
	    (p3 >= 0xF0 - 128);
	v16 cont = c < 0xC0 - 256;	/* unbiased, 80..BF are the lowest */

	return (need ^ cont) | (u >= 0xF5 - 128) |
	    ((u & ~1) == 0xC0 - 128) |
	    ((p1 == 0xE0 - 128) & (u < 0xA0 - 128)) |
	    ((p1 == 0xED - 128) & (u > 0x9F - 128)) |
	    ((p1 == 0xF0 - 128) & (u < 0x90 - 128)) |
	    ((p1 == 0xF4 - 128) & (u > 0x8F - 128));
}

#if defined(__x86_64__)
#include <tmmintrin.h>

/*
 * Whether s[0..16) breaks RFC 3629, as vbad judges it, by the method of
 * Keiser and Lemire ("Validating UTF-8 in less than one instruction per
 * byte", 2021): three 16-entry tables looked up with pshufb, keyed by the
 * high and low nibbles of the byte before and the high nibble of the
 * byte itself, name the errors a pair can make; AND them, and check
 * apart that a lead 2 or 3 bytes back asks for a continuation.  A byte
 * that can never lead (C0, C1, F5..FF) is found at the byte after it,
 * one window late at most: vec_run's caller goes back to the start of
 * the character at the window's edge and then reads a character at a
 * time, so where an error is found stays exact.  SSSE3, which every
 * x86-64 of the last fifteen years has, taken only when the CPU says
 * so (ssse3_ok).  About a third of vbad's instructions.
 */
#define TOO_SHORT	(1 << 0)
#define TOO_LONG	(1 << 1)
#define OVERLONG_3	(1 << 2)
#define TOO_LARGE	(1 << 3)
#define SURROGATE	(1 << 4)
#define OVERLONG_2	(1 << 5)
#define TOO_LARGE_1000	(1 << 6)
#define OVERLONG_4	(1 << 6)
#define TWO_CONTS	(1 << 7)
#define CARRY		(TOO_SHORT | TOO_LONG | TWO_CONTS)

static inline __attribute__((target("ssse3"))) __m128i
bad_ssse3(const unsigned char *s)
{
	const __m128i lo4 = _mm_set1_epi8(0x0F);
	static const unsigned char b1_high_t[16] = {
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
	    TOO_SHORT | OVERLONG_2,
	    TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4};
	static const unsigned char b1_low_t[16] = {
	    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
	    CARRY | OVERLONG_2,
	    CARRY, CARRY,
	    CARRY | TOO_LARGE,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
	    CARRY | TOO_LARGE | TOO_LARGE_1000,
	    CARRY | TOO_LARGE | TOO_LARGE_1000};
	static const unsigned char b2_high_t[16] = {
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 |
	    TOO_LARGE_1000 | OVERLONG_4,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT};
	const __m128i b1_high = _mm_loadu_si128((const __m128i *)b1_high_t);
	const __m128i b1_low = _mm_loadu_si128((const __m128i *)b1_low_t);
	const __m128i b2_high = _mm_loadu_si128((const __m128i *)b2_high_t);
	__m128i c = _mm_loadu_si128((const __m128i *)s);
	__m128i p1 = _mm_loadu_si128((const __m128i *)(s - 1));
	__m128i p2 = _mm_loadu_si128((const __m128i *)(s - 2));
	__m128i p3 = _mm_loadu_si128((const __m128i *)(s - 3));
	__m128i sc = _mm_and_si128(_mm_and_si128(
	    _mm_shuffle_epi8(b1_high, _mm_and_si128(_mm_srli_epi16(p1, 4),
	    lo4)),
	    _mm_shuffle_epi8(b1_low, _mm_and_si128(p1, lo4))),
	    _mm_shuffle_epi8(b2_high, _mm_and_si128(_mm_srli_epi16(c, 4),
	    lo4)));
	/* A lead E0..FF 2 back, or F0..FF 3 back: a continuation here. */
	__m128i must = _mm_and_si128(_mm_or_si128(
	    _mm_subs_epu8(p2, _mm_set1_epi8((char)(0xE0 - 0x80))),
	    _mm_subs_epu8(p3, _mm_set1_epi8((char)(0xF0 - 0x80)))),
	    _mm_set1_epi8((char)0x80));

	return _mm_xor_si128(must, sc);
}

static int
ssse3_ok(void)
{
	static int ok = -1;

	if (ok < 0) {
		__builtin_cpu_init();
		ok = __builtin_cpu_supports("ssse3") != 0;
	}
	return ok;
}
#endif

/* Whether a character begun in the 3 bytes before s goes on into s. */
static inline int
pending(const unsigned char *s)
{
	return (s[-1] >= 0xC0) | (s[-2] >= 0xE0) | (s[-3] >= 0xF0);
}

/*
 * Validate s[i..n) 16 bytes at a time from i, a character boundary at
 * least 3 bytes in, adding the newlines to *lines.  Returns where it
 * stopped: fewer than 16 bytes left, or trouble in s[ret..ret+16).  The
 * character holding s[ret-1] may still lack its end.
 *
 * Pure ASCII skips vbad 32 bytes at a time.  Trying that on every 16
 * bytes instead costs more than it saves on Chinese text, where the
 * branch goes both ways.
 */
static size_t
vec_run(const unsigned char *s, size_t n, size_t i, size_t *lines, int eol)
{
	const v16 nlv = (v16){ 0 } + (signed char)eol;
	v16 c, d;
	u16v acc = { 0 };
	int rounds = 0;

	while (n - i >= 16) {
		c = vload(s + i);
		d = n - i >= 32 ? vload(s + i + 16) : (v16){ 0 } - 1;
		if (!vhigh(c | d) && !pending(s + i)) {
			acc -= (u16v)(c == nlv);	/* true is -1 */
			acc -= (u16v)(d == nlv);
			i += 32;
		} else if (vany(vbad(s + i)))
			break;
		else {
			acc -= (u16v)(c == nlv);
			i += 16;
		}
		/* A lane gains at most 2 a round: sum it before 255. */
		if (++rounds == 127) {
			*lines += vsum(acc);
			acc = (u16v){ 0 };
			rounds = 0;
		}
	}
	*lines += vsum(acc);
	return i;
}

#if defined(__x86_64__)
/*
 * vec_run with bad_ssse3, and the same contract.  The tables stay in
 * registers across the loop, which is why this is a whole loop of its
 * own and not a call a window.
 */
static __attribute__((target("ssse3"))) size_t
vec_run_ssse3(const unsigned char *s, size_t n, size_t i, size_t *lines,
    int eol)
{
	const __m128i nlv = _mm_set1_epi8((char)eol);
	const __m128i zero = _mm_setzero_si128();
	__m128i c, d, acc = zero, sums = zero;
	int rounds = 0;

	while (n - i >= 16) {
		c = _mm_loadu_si128((const __m128i *)(s + i));
		d = n - i >= 32 ? _mm_loadu_si128((const __m128i *)(s + i +
		    16)) : _mm_set1_epi8(-1);
		if (_mm_movemask_epi8(_mm_or_si128(c, d)) == 0 &&
		    !pending(s + i)) {
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(c, nlv));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(d, nlv));
			i += 32;
		} else if (_mm_movemask_epi8(_mm_cmpeq_epi8(bad_ssse3(s + i),
		    zero)) != 0xFFFF)
			break;
		else {
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(c, nlv));
			i += 16;
		}
		/* A lane gains at most 2 a round: sum it before 255. */
		if (++rounds == 127) {
			sums = _mm_add_epi64(sums, _mm_sad_epu8(acc, zero));
			acc = zero;
			rounds = 0;
		}
	}
	sums = _mm_add_epi64(sums, _mm_sad_epu8(acc, zero));
	*lines += (size_t)_mm_cvtsi128_si64(sums) +
	    (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
	return i;
}
#define VEC_RUN(s, n, i, lines, eol) (ssse3_ok() ? \
	vec_run_ssse3(s, n, i, lines, eol) : vec_run(s, n, i, lines, eol))
#else
#define VEC_RUN vec_run
#endif

static size_t
count_nl(const char *s, size_t n, int eol)
{
	const unsigned char *p = (const unsigned char *)s;
	const v16 nlv = (v16){ 0 } + (signed char)eol;
	u16v acc = { 0 };
	size_t c = 0, i = 0;
	int rounds = 0;

	for (; n - i >= 16; i += 16) {
		acc -= (u16v)(vload(p + i) == nlv);
		if (++rounds == 255) {
			c += vsum(acc);
			acc = (u16v){ 0 };
			rounds = 0;
		}
	}
	c += vsum(acc);
	for (; i < n; i++)
		c += p[i] == eol;
	return c;
}
#else
#define VEC_RUN vec_run
#define ONES	0x0101010101010101ULL
#define LOW7	0x7F7F7F7F7F7F7F7FULL

static inline uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/*
 * 0x01 in each byte of w that is eol, 0x00 elsewhere.  The exact form of
 * the zero-byte test: the shorter (x - ONES) & ~x trick has false positives
 * after a borrow, which would make line numbers wrong.
 */
static inline uint64_t
nlbytes(uint64_t w, int eol)
{
	uint64_t x = w ^ (ONES * (unsigned char)eol);

	return (~(((x & LOW7) + LOW7) | x) & HIGH) >> 7;
}

/* Sum of the bytes of v, each at most 8 times smaller than 256. */
static inline size_t
bytesum(uint64_t v)
{
	return (size_t)((v * ONES) >> 56);
}

/* Without vectors only pure ASCII goes fast, 16 bytes at a time. */
static size_t
vec_run(const unsigned char *s, size_t n, size_t i, size_t *lines, int eol)
{
	uint64_t a, b;

	while (n - i >= 16) {
		a = load64(s + i);
		b = load64(s + i + 8);
		if (((a | b) & HIGH) != 0)
			break;
		*lines += bytesum(nlbytes(a, eol) + nlbytes(b, eol));
		i += 16;
	}
	return i;
}

static size_t
count_nl(const char *s, size_t n, int eol)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t c = 0, i = 0;

	for (; n - i >= 8; i += 8)
		c += bytesum(nlbytes(load64(p + i), eol));
	for (; i < n; i++)
		c += p[i] == eol;
	return c;
}
#endif

/*
 * The validator behind cm_utf8_valid_prefix, also counting the newlines
 * of the valid prefix so that the hot path reads each byte once.  The
 * first 16 bytes, the last few and any stretch that vec_run balks at go
 * one character at a time; that also finds exactly where an error is.
 */
static size_t
utf8_scan(const unsigned char *s, size_t n, int *incomplete, size_t *nl,
    int eol)
{
	size_t i = 0, j, t, stop, lines = 0;
	int k;

	*incomplete = 0;
	stop = n < 16 ? n : 16;
	for (;;) {
		while (i < stop) {
			if (s[i] < 0x80) {
				lines += s[i++] == eol;
				continue;
			}
			k = utf8_seq(s + i, n - i);
			if (k <= 0) {
				*incomplete = k == 0;
				goto out;
			}
			i += (size_t)k;
		}
		if (i >= n)
			break;
		j = VEC_RUN(s, n, i, &lines, eol);
		/*
		 * Go back to the start of the character holding s[j-1] and
		 * take back the newlines from there on, counted twice else.
		 */
		for (i = j - 1; i > 0 && j - i < 4 && (s[i] & 0xC0) == 0x80;)
			i--;
		for (t = i; t < j; t++)
			lines -= s[t] == eol;
		stop = n - j < 16 ? n : j + 16;
	}
out:
	*nl = lines;
	return i;
}

size_t
cm_utf8_valid_prefix(const char *s, size_t n, int *incomplete)
{
	int inc;
	size_t v, nl;

	v = utf8_scan((const unsigned char *)s, n, &inc, &nl, '\n');
	if (incomplete != NULL)
		*incomplete = inc;
	return v;
}

/* "0x81 0x20" into dst. */
static void
hexbytes(char *dst, size_t sz, const unsigned char *p, size_t k)
{
	size_t i, o = 0;

	dst[0] = '\0';
	for (i = 0; i < k && o + 6 < sz; i++)
		o += (size_t)snprintf(dst + o, sz - o, "%s0x%02X",
		    i ? " " : "", p[i]);
}

/* Record a failure so that every later cm_in_read repeats it. */
static int
fail(struct cm_in *in, struct cm_error *err)
{
	in->failed = 1;
	if (err != NULL)
		cm_error_copy(&in->saved, err);
	return -1;
}

static int
utf8_error(struct cm_in *in, const unsigned char *p, size_t n, size_t nl,
    struct cm_error *err)
{
	char hex[32];
	long line = in->lines + (long)nl + 1;
	int k = utf8_seq(p, n);
	size_t len = k < 0 ? (size_t)-k : n;

	hexbytes(hex, sizeof(hex), p, len);
	if (k == 0 && in->detected)
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "truncated sequence %s at end of input detected as UTF-8; "
		    "name the encoding with --encoding", hex);
	else if (k == 0)
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "truncated UTF-8 sequence %s at end of input (input read "
		    "as UTF-8; try --encoding gb18030)", hex);
	else if (in->detected)
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "undecodable %s %s in input detected as UTF-8; "
		    "name the encoding with --encoding",
		    len == 1 ? _("byte") : _("sequence"), hex);
	else
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "invalid UTF-8 %s %s (input read as UTF-8; "
		    "try --encoding gb18030)",
		    len == 1 ? _("byte") : _("sequence"), hex);
	return fail(in, err);
}

/*
 * iconv does not say how long the bad sequence is, so ask it again one
 * byte more at a time: the first length it rejects rather than calls
 * incomplete is the sequence to show.  The shift state is lost, which
 * does not matter as the input is dead anyway.
 */
static size_t
iconv_badlen(iconv_t cd, const unsigned char *p, size_t n)
{
	char tmp[64], *ib, *ob;
	size_t k, il, ol, max = n < 4 ? n : 4;

	for (k = 1; k <= max; k++) {
		iconv(cd, NULL, NULL, NULL, NULL);
		ib = (char *)p;
		il = k;
		ob = tmp;
		ol = sizeof(tmp);
		if (iconv(cd, &ib, &il, &ob, &ol) == (size_t)-1 &&
		    errno == EILSEQ)
			return k;
	}
	return max;
}

static int
iconv_error(struct cm_in *in, const unsigned char *p, size_t n, int trunc,
    long line, struct cm_error *err)
{
	char hex[32];
	size_t len;

	len = trunc ? (n < 4 ? n : 4) : iconv_badlen(in->cd, p, n);
	hexbytes(hex, sizeof(hex), p, len);
	if (trunc && in->not_utf8[0] != '\0')
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "truncated byte sequence %s at end of input detected as "
		    "%s, and not UTF-8 either (%s); name the encoding with "
		    "--encoding", hex, in->enc, in->not_utf8);
	else if (trunc && in->detected)
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "truncated byte sequence %s at end of input detected as "
		    "%s; name the encoding with --encoding", hex, in->enc);
	else if (trunc)
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "truncated %s byte sequence %s at end of input", in->enc,
		    hex);
	else if (in->not_utf8[0] != '\0')
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "undecodable byte sequence %s in input detected as %s, "
		    "and not UTF-8 either (%s); name the encoding with "
		    "--encoding", hex, in->enc, in->not_utf8);
	else if (in->detected)
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "undecodable byte sequence %s in input detected as %s; "
		    "name the encoding with --encoding", hex, in->enc);
	else
		cm_error_set(err, CM_DATA, in->name, line, 0,
		    "invalid %s byte sequence %s", in->enc, hex);
	return fail(in, err);
}

/*
 * Make more raw bytes available after raw[rlen], or set eof.  For a file
 * the undecoded rest moves to the front first; it is at most one
 * incomplete character, and the block handed out before it is no longer
 * promised to the caller.
 */
static int
fill(struct cm_in *in, struct cm_error *err)
{
	size_t room;
	ssize_t r;

	if (in->eof)
		return 0;
	if (in->fd < 0) {
		room = in->memlen - in->rlen;
		in->rlen += room < BLK ? room : BLK;
		if (in->rlen == in->memlen)
			in->eof = 1;
		return 0;
	}
	if (in->rpos > 0) {
		memmove(in->rbuf, in->rbuf + in->rpos, in->rlen - in->rpos);
		in->rlen -= in->rpos;
		in->rpos = 0;
	}
	room = RCAP - in->rlen;
	if (room > BLK)
		room = BLK;
	if (in->left >= 0 && (off_t)room > in->left)
		room = (size_t)in->left;
	if (room == 0 && in->left == 0) {
		in->eof = 1;
		return 0;
	}
	if (room == 0) {
		/* A converter stuck on a whole block without a verdict. */
		cm_error_set(err, CM_DATA, in->name, in->lines + 1, 0,
		    "undecodable %s input", in->enc);
		return fail(in, err);
	}
	do
		r = read(in->fd, in->rbuf + in->rlen, room);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "read error on %s: %s",
		    in->name, strerror(errno));
		return fail(in, err);
	}
	if (r == 0)
		in->eof = 1;
	in->rlen += (size_t)r;
	if (in->left > 0)
		in->left -= r;
	return 0;
}

static int
use_iconv(struct cm_in *in, const char *enc, struct cm_error *err)
{
	in->cd = iconv_open("UTF-8", enc);
	if (in->cd == (iconv_t)-1) {
		cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "cannot decode %s: %s", enc, strerror(errno));
		return fail(in, err);
	}
	in->enc = enc;
	in->mode = M_ICONV;
	in->outcap = OUTCAP;
	in->out = xmalloc(in->outcap);
	return 0;
}

/*
 * UTF-16 without a BOM, as some exporters write it: "UTF-16LE" when many
 * of the window's 16-bit units have a zero high byte (ASCII: digits,
 * commas, line ends) and hardly any a zero low byte, "UTF-16BE" the other
 * way round, else NULL.  UTF-8 and GB18030 text has no NUL byte at all,
 * so NULs at every other position (at least 4, and in an eighth of the
 * units: a Chinese file is mostly CJK units without one) are strong
 * evidence; a stray NUL or two is left to the CSV reader to refuse.
 */
static const char *
utf16_guess(const unsigned char *p, size_t w)
{
	size_t i, z[2] = { 0, 0 }, pairs = w / 2, hi, lo;

	if (pairs < 2 || memchr(p, '\0', w) == NULL)
		return NULL;
	for (i = 0; i < 2 * pairs; i++)
		z[i & 1] += p[i] == 0;
	hi = z[1] > z[0] ? z[1] : z[0];
	lo = z[1] > z[0] ? z[0] : z[1];
	if (hi < 4 || hi * 8 < pairs || lo * 8 > hi)
		return NULL;
	return z[1] > z[0] ? "UTF-16LE" : "UTF-16BE";
}

/*
 * What the window says for UTF-8: *good multibyte characters and *bad
 * faults, resynchronising one byte after each fault.  A character cut by
 * the window's edge counts as neither, unless the input ends there (a
 * truncated file): then it is a fault, and *cut is set.
 */
static void
utf8_evidence(const unsigned char *p, size_t w, int at_end, size_t *good,
    size_t *bad, int *cut)
{
	size_t i = 0;
	int k;

	*good = *bad = 0;
	*cut = 0;
	while (i < w) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_seq(p + i, w - i);
		if (k > 0) {
			++*good;
			i += (size_t)k;
		} else if (k == 0) {
			if (at_end) {
				++*bad;
				*cut = 1;
			}
			break;
		} else {
			++*bad;
			i++;
		}
	}
}

static long
raw_line(const unsigned char *p, size_t off, int eol)
{
	return 1 + (long)count_nl((const char *)p, off, eol);
}

/*
 * The auto-detection of enc.h, past the BOMs, on the window p[0..w),
 * which is the whole input when at_end.  A window that is mostly UTF-8
 * is UTF-8 even with a few faults or a cut last character, which the
 * UTF-8 reader then reports at their line: decoding such a file as
 * GB18030 would make every Chinese character of it garbage without a
 * word.  Anything else is GB18030; what UTF-8 found is kept for the
 * message should GB18030 fail too, so that it says what each found.
 */
static int
detect(struct cm_in *in, const unsigned char *p, size_t w, int at_end,
    struct cm_error *err)
{
	const char *u16;
	char hex[32];
	size_t v, good, bad;
	int inc, cut, k;

	if ((u16 = utf16_guess(p, w)) != NULL)
		return use_iconv(in, u16, err);
	v = cm_utf8_valid_prefix((const char *)p, w, &inc);
	if (v == w || (inc && !at_end))
		goto utf8;
	utf8_evidence(p, w, at_end, &good, &bad, &cut);
	if (bad * 4 <= good || (bad == 1 && cut && good > 0))
		goto utf8;
	k = utf8_seq(p + v, w - v);
	hexbytes(hex, sizeof(hex), p + v, k < 0 ? (size_t)-k : w - v);
	snprintf(in->not_utf8, sizeof(in->not_utf8), _("%s at line %ld"), hex,
	    raw_line(p, v, in->eol));
	return use_iconv(in, "GB18030", err);
utf8:
	in->mode = M_UTF8;
	in->enc = "UTF-8";
	return 0;
}

/*
 * First read: buffer a little more than the detection window, so that a
 * character cut by the 64 KiB edge can be told from one cut by the end of
 * the input, then settle the encoding and drop a BOM.
 */
static int
start(struct cm_in *in, struct cm_error *err)
{
	const unsigned char *p;
	const char *u16;
	size_t w;

	in->started = 1;
	while (!in->eof && in->rlen <= DETECT)
		if (fill(in, err) < 0)
			return -1;
	p = in->raw;
	in->detected = in->mode == M_AUTO;
	/*
	 * Old Mac exports end lines with a bare CR: when the window has CRs
	 * and no LF at all, count CRs, so that an undecodable byte is not
	 * said to be on line 1 of a file of thousands of lines.
	 */
	w = in->rlen < DETECT ? in->rlen : DETECT;
	if (memchr(p, '\n', w) == NULL && memchr(p, '\r', w) != NULL)
		in->eol = '\r';
	if (in->mode != M_ICONV && in->rlen >= 3 &&
	    memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		in->rpos = 3;
		in->mode = M_UTF8;
		in->enc = "UTF-8";
		return 0;
	}
	if (in->mode == M_AUTO && in->rlen >= 2 && p[0] == 0xFF &&
	    p[1] == 0xFE)
		return use_iconv(in, "UTF-16LE", err);
	if (in->mode == M_AUTO && in->rlen >= 2 && p[0] == 0xFE &&
	    p[1] == 0xFF)
		return use_iconv(in, "UTF-16BE", err);
	if (in->mode == M_AUTO)
		return detect(in, p, w, in->rlen <= w, err);
	/*
	 * Told UTF-8, a UTF-16 file would end at its first NUL as "NUL
	 * byte in field 1", which hides what is wrong.
	 */
	if (in->mode == M_UTF8 && (u16 = utf16_guess(p, w)) != NULL) {
		cm_error_set(err, CM_DATA, in->name, 1, 0,
		    "input looks like %s without a BOM (a NUL byte in every "
		    "other place), not UTF-8; name it with --encoding %s", u16,
		    strcmp(u16, "UTF-16LE") == 0 ? "utf-16le" : "utf-16be");
		return fail(in, err);
	}
	return 0;
}

static int
utf8_read(struct cm_in *in, const char **buf, size_t *len,
    struct cm_error *err)
{
	const unsigned char *p;
	size_t n, v, nl;
	int inc;

	for (;;) {
		p = in->raw + in->rpos;
		n = in->rlen - in->rpos;
		if (n > in->tail || (in->eof && n > 0)) {
			v = utf8_scan(p, n, &inc, &nl, in->eol);
			if (v == n || (v > 0 && inc && !in->eof)) {
				*buf = (const char *)p;
				*len = v;
				in->lines += (long)nl;
				in->rpos += v;
				in->tail = n - v;
				return 1;
			}
			if (!inc || in->eof)
				return utf8_error(in, p + v, n - v, nl, err);
			in->tail = n;
		} else if (n == 0 && in->eof)
			return 0;
		if (fill(in, err) < 0)
			return -1;
	}
}

/*
 * Hand out out[off..off+produced), less a leading U+FEFF at the start of
 * the stream: whatever the encoding, that is a BOM (a UTF-16 one, or
 * GB18030's 84 31 95 33), not text.  Returns 0 when nothing is left.
 */
static int
iconv_give(struct cm_in *in, size_t produced, const char **buf, size_t *len)
{
	size_t off = 0;

	if (!in->bomdone && produced > 0) {
		in->bomdone = 1;
		if (produced >= 3 && memcmp(in->out, "\xEF\xBB\xBF", 3) == 0)
			off = 3;
	}
	if (produced == off)
		return 0;
	*buf = in->out + off;
	*len = produced - off;
	in->lines += (long)count_nl(*buf, *len, in->eol);
	return 1;
}

static int
iconv_read(struct cm_in *in, const char **buf, size_t *len,
    struct cm_error *err)
{
	const unsigned char *p;
	char *ib, *ob;
	size_t n, il, ol, r, produced;
	int e;

	for (;;) {
		p = in->raw + in->rpos;
		n = in->rlen - in->rpos;
		if (n > in->tail || (in->eof && n > 0)) {
			/* iconv's inbuf is not const, but it only reads it. */
			ib = (char *)p;
			il = n;
			ob = in->out;
			ol = in->outcap;
			r = iconv(in->cd, &ib, &il, &ob, &ol);
			e = errno;
			in->rpos += n - il;
			produced = in->outcap - ol;
			in->tail = 0;
			if (r == (size_t)-1 && e == EILSEQ)
				return iconv_error(in, (unsigned char *)ib, il,
				    0, in->lines + (long)count_nl(in->out,
				    produced, in->eol) + 1, err);
			if (r == (size_t)-1 && e == EINVAL) {
				if (in->eof)
					return iconv_error(in,
					    (unsigned char *)ib, il, 1,
					    in->lines + (long)count_nl(in->out,
					    produced, in->eol) + 1, err);
				in->tail = il;
			} else if (r == (size_t)-1 && e == E2BIG &&
			    produced == 0) {
				/* Not even one character fits: grow. */
				in->out = xgrow(in->out, &in->outcap,
				    in->outcap + 1, 1);
				continue;
			} else if (r == (size_t)-1 && e != E2BIG) {
				cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
				    "cannot decode %s as %s: %s", in->name,
				    in->enc, strerror(e));
				return fail(in, err);
			}
			if (iconv_give(in, produced, buf, len))
				return 1;
			continue;
		}
		if (n == 0 && in->eof) {
			/* A stateful encoding may owe a last character. */
			if (in->flushed)
				return 0;
			in->flushed = 1;
			ob = in->out;
			ol = in->outcap;
			iconv(in->cd, NULL, NULL, &ob, &ol);
			return iconv_give(in, in->outcap - ol, buf, len);
		}
		if (fill(in, err) < 0)
			return -1;
	}
}

int
cm_in_read(struct cm_in *in, const char **buf, size_t *len,
    struct cm_error *err)
{
	int r;

	if (in->failed) {
		if (err != NULL)
			cm_error_copy(err, &in->saved);
		return -1;
	}
	if (in->done)
		return 0;
	if (!in->started && start(in, err) < 0)
		return -1;
	if (in->mode == M_UTF8)
		r = utf8_read(in, buf, len, err);
	else
		r = iconv_read(in, buf, len, err);
	if (r == 0)
		in->done = 1;
	return r;
}

static int
is_utf8_name(const char *enc)
{
	return strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0;
}

/*
 * The part common to both openers: check the encoding name before
 * touching the input, so that a usage error wins over a missing file.
 */
static struct cm_in *
in_new(const char *enc, struct cm_error *err)
{
	struct cm_in *in;

	in = xcalloc(1, sizeof(*in));
	in->fd = -1;
	in->left = -1;
	in->eol = '\n';
	in->cd = (iconv_t)-1;
	if (enc == NULL || strcasecmp(enc, "auto") == 0) {
		in->mode = M_AUTO;
		in->enc = "auto";
	} else if (is_utf8_name(enc)) {
		in->mode = M_UTF8;
		in->enc = "UTF-8";
	} else {
		/*
		 * "" would mean the locale's charset to glibc, and a "//"
		 * suffix such as //IGNORE could drop bytes silently: neither
		 * names an encoding.
		 */
		if (*enc != '\0' && strchr(enc, '/') == NULL)
			in->cd = iconv_open("UTF-8", enc);
		if (in->cd == (iconv_t)-1) {
			if (*enc == '\0' || strchr(enc, '/') != NULL ||
			    errno == EINVAL)
				cm_error_set(err, CM_USAGE, NULL, 0, 0,
				    "unknown encoding '%s'", enc);
			else
				cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
				    "cannot decode %s: %s", enc,
				    strerror(errno));
			free(in);
			return NULL;
		}
		in->mode = M_ICONV;
		in->encown = xstrdup(enc);
		in->enc = in->encown;
		in->outcap = OUTCAP;
		in->out = xmalloc(in->outcap);
	}
	return in;
}

struct cm_in *
cm_in_open(const char *path, const char *enc, struct cm_error *err)
{
	struct cm_in *in;
	int e;

	if ((in = in_new(enc, err)) == NULL)
		return NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
		in->name = xstrdup(_("(standard input)"));
	} else {
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			e = errno;
			cm_in_close(in);
			cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
			    "cannot open '%s': %s", path, strerror(e));
			return NULL;
		}
		in->closefd = 1;
		in->name = xstrdup(path);
	}
	in->rbuf = xmalloc(RCAP);
	in->raw = in->rbuf;
	return in;
}

struct cm_in *
cm_in_open_fd(int fd, const char *name, const char *enc, off_t limit,
    struct cm_error *err)
{
	struct cm_in *in;

	if ((in = in_new(enc, err)) == NULL) {
		close(fd);
		return NULL;
	}
	in->fd = fd;
	in->closefd = 1;
	in->left = limit < 0 ? -1 : limit;
	in->name = xstrdup(name != NULL ? name : _("(input)"));
	in->rbuf = xmalloc(RCAP);
	in->raw = in->rbuf;
	return in;
}

struct cm_in *
cm_in_open_mem(const char *name, const void *data, size_t len,
    const char *enc, struct cm_error *err)
{
	struct cm_in *in;

	if ((in = in_new(enc, err)) == NULL)
		return NULL;
	in->name = xstrdup(name != NULL ? name : _("(memory)"));
	in->raw = data != NULL ? data : (const void *)"";
	in->memlen = data != NULL ? len : 0;
	return in;
}

const char *
cm_in_name(const struct cm_in *in)
{
	return in->name;
}

/* Before the first read an "auto" input has no encoding yet: "auto". */
const char *
cm_in_encoding(const struct cm_in *in)
{
	return in->enc;
}

void
cm_in_close(struct cm_in *in)
{
	if (in == NULL)
		return;
	if (in->closefd)
		close(in->fd);
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	free(in->rbuf);
	free(in->out);
	free(in->encown);
	free(in->name);
	free(in);
}
