/* text.c: small helpers for UTF-8 text (see text.h). */
#include <ctype.h>
#include <string.h>

#include "text.h"

#define IDEOGRAPHIC_SPACE	"\xe3\x80\x80"

size_t
cm_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	if (s[0] < 0xe0) {
		len = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] < 0xf0) {
		len = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
cm_utf8_cut(const char *s, size_t n)
{
	size_t lead = n, want;
	unsigned char c;

	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0)
		return n;
	c = (unsigned char)s[lead - 1];
	want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	return n - (lead - 1) >= want ? n : lead - 1;
}

const char *
cm_trim(const char *s, size_t *n)
{
	for (;;) {
		if (*n > 0 && isspace((unsigned char)*s))
			s++, (*n)--;
		else if (*n >= 3 && memcmp(s, IDEOGRAPHIC_SPACE, 3) == 0)
			s += 3, *n -= 3;
		else if (*n > 0 && isspace((unsigned char)s[*n - 1]))
			(*n)--;
		else if (*n >= 3 &&
		    memcmp(s + *n - 3, IDEOGRAPHIC_SPACE, 3) == 0)
			*n -= 3;
		else
			return s;
	}
}

int
cm_ascii(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

uint64_t
cm_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * UINT64_C(0x100000001b3);
	return h;
}
