/*
 * t-text.c: the UTF-8 helpers (text.h).
 */
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "tap.h"
#include "text.h"

static void
test_trim(void)
{
	const char s[] = "\xe3\x80\x80 \t客户\xe3\x80\x80名 \r\n\xe3\x80\x80";
	size_t n = strlen(s);
	const char *t = cm_trim(s, &n);

	is_int((long long)n, (long long)strlen("客户\xe3\x80\x80名"),
	    "trim: ASCII and ideographic spaces off both ends");
	ok(memcmp(t, "客户\xe3\x80\x80名", n) == 0,
	    "  an inner ideographic space stays");
	n = 4;
	t = cm_trim(" \t\r\n", &n);
	is_int((long long)n, 0, "trim: all spaces leave nothing");
	n = 0;
	cm_trim("", &n);
	is_int((long long)n, 0, "trim: nothing stays nothing");
}

static void
test_utf8(void)
{
	uint32_t c = 0;

	is_int((long long)cm_utf8_decode("a", 1, &c), 1, "decode: ASCII");
	is_int((long long)c, 'a', "  its code point");
	is_int((long long)cm_utf8_decode("客", 3, &c), 3, "decode: CJK");
	is_int((long long)c, 0x5ba2, "  U+5BA2");
	is_int((long long)cm_utf8_decode("客", 2, &c), 0,
	    "decode: a cut sequence is invalid");
	is_int((long long)cm_utf8_decode("\xc0\x80", 2, &c), 0,
	    "decode: an overlong is invalid");
	is_int((long long)cm_utf8_decode("\xed\xa0\x80", 3, &c), 0,
	    "decode: a surrogate is invalid");
	is_int((long long)cm_utf8_cut("ab客", 4), 2,
	    "cut: not inside a character");
	is_int((long long)cm_utf8_cut("ab客", 5), 5, "cut: a whole one stays");
	is_int((long long)cm_utf8_cut("abc", 2), 2, "cut: ASCII anywhere");
}

static void
test_leap(void)
{
	ok(cm_date_is_leap(2024) && cm_date_is_leap(2000) &&
	    !cm_date_is_leap(1900) && !cm_date_is_leap(2026),
	    "leap years: 2024 and 2000, not 1900 or 2026");
}

static void
test_ascii(void)
{
	ok(cm_ascii("quality_2 =,;"), "ascii: plain ASCII");
	ok(cm_ascii(""), "ascii: empty");
	ok(cm_ascii(NULL), "ascii: NULL");
	ok(!cm_ascii("产品品质"), "ascii: Chinese is not");
	ok(!cm_ascii("rate\xc2\xa0"), "ascii: a no-break space is not");
	ok(cm_fnv1a(CM_FNV1A_INIT, "", 0) == CM_FNV1A_INIT,
	    "fnv1a: nothing hashed is the offset basis");
	ok(cm_fnv1a(CM_FNV1A_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c),
	    "fnv1a: 'a', the published vector");
	ok(cm_fnv1a(cm_fnv1a(CM_FNV1A_INIT, "fo", 2), "obar", 4) ==
	    UINT64_C(0x85944171f73967e8), "fnv1a: 'foobar' in two pieces");
}

int
main(void)
{
	test_trim();
	test_utf8();
	test_leap();
	test_ascii();
	return done_testing();
}
