/*
 * fuzz-gpquote.c: libFuzzer harness for cm_gp_quote and cm_gp_quote_tic.
 *
 * Whatever the bytes, the literal must be one double-quoted string that
 * holds only the safe set and backslash-octal escapes of exactly three
 * digits (so no quote, backquote, '@', '$', newline or stray backslash
 * reaches gnuplot's parser), and decoding the escapes as gnuplot does
 * must give back the input (for a tick label: the input with each '%'
 * doubled).  Any breach aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gnuplot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The safe set as gnuplot.h documents it, written out here rather than
 * taken from cm_gp_safe, so that a byte added to the library's set by
 * mistake (a quote, '@', '$') is caught.
 */
static int
safe(unsigned char c)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789 .,:;()/+-=_";

	return c != '\0' && strchr(set, c) != NULL;
}

/* Check b is a safe literal and decode it into d. */
static void
decode(const struct cm_buf *b, struct cm_buf *d)
{
	size_t i;

	if (b->len < 2 || b->s[0] != '"' || b->s[b->len - 1] != '"')
		abort();
	for (i = 1; i < b->len - 1; i++) {
		unsigned char c = (unsigned char)b->s[i];
		int v, k;

		if (safe(c)) {
			cm_buf_addc(d, (char)c);
			continue;
		}
		if (c != '\\' || i + 3 >= b->len)
			abort();
		for (v = 0, k = 1; k <= 3; k++) {
			c = (unsigned char)b->s[i + (size_t)k];
			if (c < '0' || c > '7')
				abort();
			v = v * 8 + (c - '0');
		}
		if (v > 255 || safe((unsigned char)v))
			abort();
		cm_buf_addc(d, (char)v);
		i += 3;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cm_buf b = {0}, d = {0}, want = {0};
	size_t i;
	int c;

	for (c = 0; c < 256; c++)
		if (!cm_gp_safe((unsigned char)c) != !safe((unsigned char)c))
			abort();
	cm_gp_quote(&b, (const char *)data, size);
	decode(&b, &d);
	if (d.len != size || (size > 0 && memcmp(d.s, data, size) != 0))
		abort();
	cm_buf_reset(&b);
	cm_buf_reset(&d);
	cm_gp_quote_tic(&b, (const char *)data, size);
	decode(&b, &d);
	for (i = 0; i < size; i++) {
		cm_buf_addc(&want, (char)data[i]);
		if (data[i] == '%')
			cm_buf_addc(&want, '%');
	}
	if (d.len != want.len || (d.len > 0 && memcmp(d.s, want.s, d.len)))
		abort();
	cm_buf_free(&b);
	cm_buf_free(&d);
	cm_buf_free(&want);
	return 0;
}
