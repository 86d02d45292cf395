/*
 * t-rating.c: questionnaire answers as numbers (rating.h), against the
 * default scale of 001/12 §5.8.3 and against scale files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "bounds.h"
#include "buf.h"
#include "rating.h"
#include "tap.h"

#define FW(d)	"\xef\xbc" d	/* a full-width digit: FW("\x95") is ５ */
#define IDSP	"\xe3\x80\x80"	/* U+3000 IDEOGRAPHIC SPACE */

/* Cells are CSV fields: pass a copy without a NUL so ASan sees overreads. */
static int
rate(const struct cm_scale *sc, const char *s)
{
	size_t n = strlen(s);
	char *cell = malloc(n ? n : 1);
	int v;

	memcpy(cell, s, n);
	v = cm_rating_parse(sc, cell, n);
	free(cell);
	return v;
}

static void
rates(const struct cm_scale *sc, const char *s, int want)
{
	char name[128];

	snprintf(name, sizeof(name), "'%s' is %d", s, want);
	is_int(rate(sc, s), want, name);
}

static void
test_default(void)
{
	static const struct {
		const char *s;
		int v;
	} words[] = {
		{"很满意", 5}, {"比较满意", 4}, {"基本满意", 3},
		{"不太满意", 2}, {"不满意", 1},
		{"很滿意", 5}, {"比較滿意", 4}, {"基本滿意", 3},
		{"不太滿意", 2}, {"不滿意", 1},
		{"very satisfied", 5}, {"satisfied", 4},
		{"basically satisfied", 3}, {"not very satisfied", 2},
		{"dissatisfied", 1},
		{"Very Satisfied", 5}, {"SATISFIED", 4},
		{"Basically Satisfied", 3}, {"NOT VERY satisfied", 2},
		{"DisSatisfied", 1},
	};
	struct cm_scale sc;
	size_t i;
	char d[2] = "0";

	cm_scale_default(&sc);
	is_int(sc.min, 1, "default scale: min 1");
	is_int(sc.max, 5, "default scale: max 5");
	for (i = 0; i <= 9; i++) {
		d[0] = (char)('0' + i);
		rates(&sc, d, i >= 1 && i <= 5 ? (int)i : CM_RATING_INVALID);
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		rates(&sc, words[i].s, words[i].v);

	/* Spaces around: ASCII and ideographic. */
	rates(&sc, " 很满意 ", 5);
	rates(&sc, IDSP "基本满意" IDSP, 3);
	rates(&sc, "\t4 ", 4);
	rates(&sc, IDSP " not very satisfied\t", 2);
	rates(&sc, " 5" IDSP, 5);

	/* Full-width digits, as Chinese input methods type them. */
	rates(&sc, FW("\x91"), 1);
	rates(&sc, FW("\x95"), 5);
	rates(&sc, IDSP FW("\x93") " ", 3);
	rates(&sc, FW("\x96"), CM_RATING_INVALID);
	rates(&sc, FW("\x90"), CM_RATING_INVALID);

	/* Excel's 5.0. */
	rates(&sc, "5.0", 5);
	rates(&sc, "1.0", 1);
	rates(&sc, "4.5", CM_RATING_INVALID);
	rates(&sc, "6.0", CM_RATING_INVALID);

	/* Out of the scale, unknown words, not numbers. */
	rates(&sc, "6", CM_RATING_INVALID);
	rates(&sc, "10", CM_RATING_INVALID);
	rates(&sc, "-1", CM_RATING_INVALID);
	rates(&sc, "满意", CM_RATING_INVALID);
	rates(&sc, "very", CM_RATING_INVALID);
	rates(&sc, "satisfied!", CM_RATING_INVALID);
	rates(&sc, "5 分", CM_RATING_INVALID);

	/* Not answered. */
	rates(&sc, "", CM_RATING_EMPTY);
	rates(&sc, "   ", CM_RATING_EMPTY);
	rates(&sc, IDSP, CM_RATING_EMPTY);
	rates(&sc, " \t" IDSP " ", CM_RATING_EMPTY);

	/* Only len bytes count: a field sliced out of a longer line. */
	is_int(cm_rating_parse(&sc, "4,5", 1), 4, "'4' of \"4,5\" (len 1)");
	is_int(cm_rating_parse(&sc, "很满意,x", strlen("很满意")), 5,
	    "'很满意' of \"很满意,x\"");
	is_int(cm_rating_parse(&sc, "不满意", strlen("不")),
	    CM_RATING_INVALID, "a cut word is invalid");
	cm_scale_free(&sc);
}

/* Parse text as a scale named "s.scale"; err is filled on failure. */
static int
parse(struct cm_scale *sc, const char *text, struct cm_error *err)
{
	memset(err, 0, sizeof(*err));
	return cm_scale_parse(sc, "s.scale", text, strlen(text), err);
}

static void
rejects(const char *name, const char *text, long line, const char *msg)
{
	struct cm_scale sc;
	struct cm_error err;
	char label[160];

	if (!ok(parse(&sc, text, &err) == -1, "%s: rejected", name))
		cm_scale_free(&sc);
	snprintf(label, sizeof(label), "  %s: status 2", name);
	is_int(err.status, CM_USAGE, label);
	snprintf(label, sizeof(label), "  %s: file", name);
	is_str(err.file, "s.scale", label);
	snprintf(label, sizeof(label), "  %s: line", name);
	is_int(err.line, line, label);
	snprintf(label, sizeof(label), "  %s: message", name);
	is_str(err.msg, msg, label);
}

static void
test_scale_files(void)
{
	struct cm_scale sc;
	struct cm_error err;
	int v;

	/* A four-point scale with comments, blank lines and two words. */
	ok(parse(&sc, "# four points\n"
	    "  # an indented comment\n"
	    "\n"
	    "1\tpoor\n"
	    "2\tfair\n"
	    "3\tgood\tok\n"
	    "4\texcellent\t优秀\n", &err) == 0, "four-point scale parses");
	is_int(sc.min, 1, "  min 1");
	is_int(sc.max, 4, "  max 4");
	rates(&sc, "poor", 1);
	rates(&sc, "OK", 3);
	rates(&sc, IDSP "优秀", 4);
	rates(&sc, "Excellent ", 4);
	rates(&sc, "4", 4);
	rates(&sc, "4.0", 4);
	rates(&sc, FW("\x92"), 2);
	rates(&sc, "5", CM_RATING_INVALID);
	rates(&sc, "0", CM_RATING_INVALID);
	rates(&sc, "很满意", CM_RATING_INVALID);
	rates(&sc, "# four points", CM_RATING_INVALID);
	rates(&sc, "", CM_RATING_EMPTY);
	cm_scale_free(&sc);

	/* A 0..10 scale: values without words, two-digit values. */
	ok(parse(&sc, "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\tperfect\n", &err) == 0,
	    "0..10 scale parses");
	is_int(sc.min, 0, "  min 0");
	is_int(sc.max, 10, "  max 10");
	rates(&sc, "0", 0);
	rates(&sc, "10", 10);
	rates(&sc, FW("\x91") FW("\x90"), 10);
	rates(&sc, "10.0", 10);
	rates(&sc, "Perfect", 10);
	rates(&sc, "11", CM_RATING_INVALID);
	cm_scale_free(&sc);

	/* Windows line ends and a scale of 1 and 100. */
	ok(parse(&sc, "1\tlow\r\n100\thigh\r\n", &err) == 0,
	    "CRLF scale file parses");
	rates(&sc, "low", 1);
	rates(&sc, "high", 100);
	rates(&sc, "100", 100);
	rates(&sc, "50", CM_RATING_INVALID);
	cm_scale_free(&sc);

	rejects("value above 100", "1\n101\tbig\n", 2,
	    "invalid scale value '101' (a whole number from 0 to 100)");
	rejects("value not a number", "1\tlow\nhigh\t5\n", 2,
	    "invalid scale value 'high' (a whole number from 0 to 100)");
	rejects("negative value", "# c\n-1\n1\n", 2,
	    "invalid scale value '-1' (a whole number from 0 to 100)");
	rejects("word twice", "1\tbad\n2\tgood\n3\tBAD\n", 3,
	    "scale word 'BAD' is defined twice");
	rejects("word twice on one line", "1\tbad\tbad\n2\n", 1,
	    "scale word 'bad' is defined twice");
	rejects("numeric word", "1\t7\n2\n", 1, "scale word '7' is a number");
	rejects("full-width numeric word", "1\n2\t" FW("\x92") "\n", 2,
	    "scale word '" FW("\x92") "' is a number");
	rejects("one value", "# one\n5\tonly\n", 0,
	    "a scale needs at least two values");
	rejects("one value twice", "5\ta\n5\tb\n", 0,
	    "a scale needs at least two values");
	rejects("empty file", "", 0, "a scale needs at least two values");
	rejects("only comments", "# nothing\n\n# here\n", 0,
	    "a scale needs at least two values");

	v = parse(&sc, "1\n2", &err);
	ok(v == 0 && sc.min == 1 && sc.max == 2,
	    "last line without a newline");
	if (v == 0)
		cm_scale_free(&sc);
}

static void
test_scale_load(void)
{
	char path[] = "/tmp/t-rating.XXXXXX";
	struct cm_scale sc;
	struct cm_error err;
	FILE *f;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		perror(path);
		exit(99);
	}
	fputs("# 3-point\n1\tbad\t差\n2\tso-so\n3\tgood\t好\n", f);
	fclose(f);
	memset(&err, 0, sizeof(err));
	ok(cm_scale_load(&sc, path, &err) == 0, "cm_scale_load of a file");
	rates(&sc, "差", 1);
	rates(&sc, "So-So", 2);
	rates(&sc, "3", 3);
	cm_scale_free(&sc);

	f = fopen(path, "w");
	fputs("1\tbad\n\nx\n", f);
	fclose(f);
	memset(&err, 0, sizeof(err));
	ok(cm_scale_load(&sc, path, &err) == -1, "a bad scale file fails");
	is_int(err.status, CM_USAGE, "  status 2");
	is_str(err.file, path, "  names the file");
	is_int(err.line, 3, "  and the line");
	unlink(path);

	memset(&err, 0, sizeof(err));
	ok(cm_scale_load(&sc, path, &err) == -1 && err.status == CM_USAGE,
	    "a missing scale file is a usage error");
}

/*
 * A scale file is a settings file (lines.h): /dev/zero would never end
 * (the alarm turns that into a failure), a directory is no scale, a BOM
 * is no value, and a line is bounded.
 */
static void
test_scale_hostile(void)
{
	struct cm_scale sc;
	struct cm_error err;
	struct cm_buf b = {0};
	size_t i;

	alarm(10);
	memset(&err, 0, sizeof(err));
	ok(cm_scale_load(&sc, "/dev/zero", &err) == -1 &&
	    err.status == CM_SYSTEM, "/dev/zero as a scale: a system error");
	is_str(err.msg, "cannot read scale file '/dev/zero': a device, not a "
	    "regular file", "  at once, saying why");
	alarm(0);
	memset(&err, 0, sizeof(err));
	ok(cm_scale_load(&sc, "/tmp", &err) == -1 && err.status == CM_SYSTEM,
	    "a directory as a scale: a system error");
	is_str(err.msg, "cannot read scale file '/tmp': Is a directory",
	    "  saying so");
	ok(cm_scale_parse(&sc, "bom.scale", "\xef\xbb\xbf" "1\n2\n", 7,
	    &err) == 0 && sc.min == 1 && sc.max == 2,
	    "a UTF-8 BOM before the first value is skipped");
	cm_scale_free(&sc);
	cm_buf_adds(&b, "1\n2\n# ");
	for (i = 0; i < CM_LINE_MAX; i++)
		cm_buf_addc(&b, 'x');
	ok(cm_scale_parse(&sc, "long.scale", b.s, b.len, &err) == -1 &&
	    err.status == CM_USAGE && err.line == 3 &&
	    strcmp(err.msg, "line longer than 1048576 bytes") == 0,
	    "a line past CM_LINE_MAX: a bad scale at its line (%ld: %s)",
	    err.line, err.msg);
	cm_buf_free(&b);
}

int
main(void)
{
	test_default();
	test_scale_files();
	test_scale_load();
	test_scale_hostile();
	return done_testing();
}
