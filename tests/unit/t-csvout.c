/*
 * t-csvout.c: the writer: RFC 4180 quoting, TSV, --excel and its formula
 * neutralising, the table layout with CJK text, display widths, atomic -o
 * files (never written through a link) and write errors.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "colmap.h"
#include "csvout.h"
#include "msg.h"
#include "tap.h"

static char dir[256];
static char got[1 << 20];

static char *
in_dir(const char *name)
{
	static char p[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

/* The contents of path into got (NUL-terminated); its length, or -1. */
static long
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	size_t n;

	got[0] = '\0';
	if (fp == NULL)
		return -1;
	n = fread(got, 1, sizeof(got) - 1, fp);
	got[n] = '\0';
	fclose(fp);
	return (long)n;
}

static int
ntemps(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp") != NULL)
			n++;
	closedir(d);
	return n;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static struct cm_out *
open_as(enum cm_format fmt, char delim, int excel, const char *name)
{
	struct cm_out_opts o = { fmt, delim, excel, in_dir(name),
	    CM_LANG_EN, NULL };

	return cm_out_open(&o);
}

/* Write rows (fields split on '|', rows on '/') and read them back. */
static const char *
render(enum cm_format fmt, char delim, int excel, const char *const *rows)
{
	struct cm_out *o = open_as(fmt, delim, excel, "r.csv");
	const char *const *r;

	for (r = rows; *r != NULL; r++) {
		const char *s = *r, *bar;

		for (;;) {
			bar = strchr(s, '|');
			cm_out_field(o, s, bar ? (size_t)(bar - s) : strlen(s));
			if (bar == NULL)
				break;
			s = bar + 1;
		}
		cm_out_endrow(o);
	}
	cm_out_close(o);
	slurp(in_dir("r.csv"));
	return got;
}

#define ROWS(...)	((const char *const []){ __VA_ARGS__, NULL })

static void
test_quoting(void)
{
	struct cm_out *o;

	is_str(render(CM_FMT_CSV, ',', 0, ROWS("a|b|c", "1|2|3")),
	    "a,b,c\n1,2,3\n", "plain fields");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("x,y|z")),
	    "\"x,y\",z\n", "comma quoted");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("say \"hi\"|q")),
	    "\"say \"\"hi\"\"\",q\n", "quotes doubled");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("\"")),
	    "\"\"\"\"\n", "a lone quote");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("line1\nline2|cr\rhere")),
	    "\"line1\nline2\",\"cr\rhere\"\n", "LF and CR quoted");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("a\tb| lead|trail ")),
	    "a\tb, lead,trail \n", "tab and spaces are not quoted in CSV");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("")),
	    "\"\"\n", "a row of one empty field is \"\"");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("|", "|b", "a|")),
	    ",\n,b\na,\n", "empty fields beside others are bare");
	is_str(render(CM_FMT_CSV, ',', 0, ROWS("客户,名称|数量")),
	    "\"客户,名称\",数量\n", "UTF-8 text passes through");

	/*
	 * Each special byte at each position, through the eight-byte scan
	 * and the tail after it: one row per case, one file for them all.
	 */
	{
		const char specials[] = ",\"\r\n";
		static char want[1 << 16];
		char field[24];
		size_t wlen = 0;
		int len, pos, k;
		struct cm_out *q;

		q = open_as(CM_FMT_CSV, ',', 0, "s.csv");
		for (len = 1; len <= 20; len++)
			for (pos = 0; pos < len; pos++)
				for (k = 0; k < 4; k++) {
					memset(field, 'x', len);
					field[pos] = specials[k];
					cm_out_field(q, field, len);
					cm_out_endrow(q);
					wlen += snprintf(want + wlen,
					    sizeof(want) - wlen,
					    "\"%.*s%s%.*s\"\n", pos, field,
					    k == 1 ? "\"\"" :
					    (char[]){ specials[k], 0 },
					    len - pos - 1, field + pos + 1);
				}
		cm_out_close(q);
		slurp(in_dir("s.csv"));
		ok(strcmp(got, want) == 0,
		    "every special byte at every position is caught");
		memset(field, 'y', 20);
		q = open_as(CM_FMT_CSV, ',', 0, "s.csv");
		cm_out_field(q, field, 20);
		cm_out_endrow(q);
		cm_out_close(q);
		slurp(in_dir("s.csv"));
		is_str(got, "yyyyyyyyyyyyyyyyyyyy\n", "long plain field bare");
	}

	o = open_as(CM_FMT_CSV, ',', 0, "p.csv");
	cm_out_str(o, NULL);
	cm_out_str(o, "s");
	cm_out_printf(o, "%.2f", 83.333);
	cm_out_printf(o, "%d", -7);
	cm_out_printf(o, "%0100d", 1);
	cm_out_endrow(o);
	cm_out_str(o, "unended");	/* close ends the row */
	cm_out_close(o);
	slurp(in_dir("p.csv"));
	ok(strncmp(got, ",s,83.33,-7,0000", 16) == 0 && strlen(got) ==
	    strlen(",s,83.33,-7,") + 100 + 1 + strlen("unended\n"),
	    "cm_out_str(NULL), cm_out_printf short and long, open row ended");
	is_str(got + strlen(got) - 10, "1\nunended\n", "last bytes");
}

static void
test_tsv_excel(void)
{
	is_str(render(CM_FMT_CSV, '\t', 0, ROWS("a,b|c\td|e\"f", "|")),
	    "a,b\t\"c\td\"\t\"e\"\"f\"\n\t\n", "TSV: tab quoted, comma not");
	is_str(render(CM_FMT_CSV, '\t', 0, ROWS("")),
	    "\"\"\n", "TSV: one empty field");
	is_str(render(CM_FMT_CSV, ';', 0, ROWS("a;b|c,d")),
	    "\"a;b\";c,d\n", "any delimiter");
	is_str(render(CM_FMT_CSV, ',', 1, ROWS("客户|n", "a\r\nb|1")),
	    "\xef\xbb\xbf客户,n\r\n\"a\r\nb\",1\r\n",
	    "excel: BOM first, CRLF rows, field text untouched");
	is_str(render(CM_FMT_CSV, 0, 0, ROWS("a|b")), "a,b\n",
	    "delimiter 0 means comma");
}

static void
test_table(void)
{
	is_str(render(CM_FMT_TABLE, ',', 0,
	    ROWS("客户|n|rate", "张三|12|83.33", "Alice|5|100.00")),
	    "客户   n   rate\n"
	    "张三   12   83.33\n"
	    "Alice   5  100.00\n",
	    "table: CJK two columns wide, numbers right-aligned");
	is_str(render(CM_FMT_TABLE, ',', 0,
	    ROWS("item|note|x", "质量|多行\n文字|", "交付|a\r\nb\tc|-1.5",
	    "x")),
	    "item  note       x\n"
	    "质量  多行 文字\n"
	    "交付  a b c      -1.5\n"
	    "x\n",
	    "table: newlines and tabs shown as a space, no trailing blanks, "
	    "short rows");
	is_str(render(CM_FMT_TABLE, ',', 0,
	    ROWS("v", "1.", ".5", "-", "1-2", "007", "")),
	    "v\n1.\n.5\n-\n1-2\n007\n\n",
	    "table: only -?digits(.digits)? is numeric");
	is_str(render(CM_FMT_TABLE, ',', 0,
	    ROWS("name|n", "ｘｙ|3", "e\xcc\x81|10")),
	    "name  n\nｘｙ   3\ne\xcc\x81     10\n",
	    "table: fullwidth and combining characters");
	is_str(render(CM_FMT_TABLE, ',', 0, ROWS("\x1b[31mred|1")),
	    " [31mred  1\n", "table: control bytes cannot reach the terminal");
	is_str(render(CM_FMT_TABLE, ',', 0, ROWS("|", "")), "\n\n",
	    "table of empty cells: blank lines");
	is_str(render(CM_FMT_TABLE, ',', 0, ROWS(NULL)), "",
	    "table without rows: nothing");
	is_str(render(CM_FMT_TABLE, ',', 1, ROWS("a|1", "bb|22")),
	    "\xef\xbb\xbf" "a    1\r\nbb  22\r\n",
	    "table with excel: BOM, CRLF");
}

static void
test_width(void)
{
	is_int(cm_text_width("abc", 3), 3, "width ASCII");
	is_int(cm_text_width("", 0), 0, "width empty");
	is_int(cm_text_width("客户名称", 12), 8, "width CJK");
	is_int(cm_text_width("ＡＢ１", 9), 6, "width fullwidth");
	is_int(cm_text_width("e\xcc\x81", 3), 1, "width combining acute");
	is_int(cm_text_width("a\xe2\x80\x8b" "b", 5), 2,
	    "width zero width space");
	is_int(cm_text_width("\xf0\x9f\x98\x80", 4), 2, "width emoji U+1F600");
	is_int(cm_text_width("\xf0\x9f\x8c\x8d", 4), 2, "width emoji U+1F30D");
	is_int(cm_text_width("\xf0\xa0\x80\x80", 4), 2, "width CJK ext B");
	is_int(cm_text_width("한국", 6), 4, "width Hangul");
	is_int(cm_text_width("がぎ", 6), 4, "width kana");
	is_int(cm_text_width("か\xe3\x82\x99", 6), 2, "width kana + voicing");
	is_int(cm_text_width("、。", 6), 4, "width CJK punctuation");
	is_int(cm_text_width("é", 2), 1, "width Latin-1 letter");
	is_int(cm_text_width("\xff\xfe", 2), 2, "width invalid bytes one each");
	is_int(cm_text_width("\xe4\xb8", 2), 2, "width truncated sequence");
	is_int(cm_text_width("\xc0\xaf", 2), 2, "width overlong");
	is_int(cm_text_width("\xed\xa0\x80", 3), 3, "width surrogate");
	is_int(cm_text_width("客户abc", 7), 5, "width counts only n bytes");
}

static void
test_atomic(void)
{
	struct cm_out *o;
	int before_tmp, before_path;

	o = open_as(CM_FMT_CSV, ',', 0, "out.csv");
	cm_out_str(o, "a");
	cm_out_endrow(o);
	before_path = exists(in_dir("out.csv"));
	before_tmp = ntemps();
	cm_out_close(o);
	ok(!before_path, "-o: the path does not exist before close");
	is_int(before_tmp, 1, "-o: only a temporary file does");
	ok(exists(in_dir("out.csv")), "-o: the path exists after close");
	is_int(ntemps(), 0, "-o: the temporary file is gone after close");
	slurp(in_dir("out.csv"));
	is_str(got, "a\n", "-o: contents");

	o = open_as(CM_FMT_CSV, ',', 0, "out.csv");
	cm_out_str(o, "replaced");
	cm_out_endrow(o);
	slurp(in_dir("out.csv"));
	is_str(got, "a\n", "-o over a file: old contents until close");
	cm_out_close(o);
	slurp(in_dir("out.csv"));
	is_str(got, "replaced\n", "-o over a file: new contents after");

	o = open_as(CM_FMT_CSV, ',', 0, "aborted.csv");
	cm_out_str(o, "x");
	cm_out_endrow(o);
	cm_out_abort(o);
	ok(!exists(in_dir("aborted.csv")), "abort: no file");
	is_int(ntemps(), 0, "abort: no temporary file");

	o = open_as(CM_FMT_TABLE, ',', 0, "out.csv");
	cm_out_str(o, "x");
	cm_out_endrow(o);
	cm_out_abort(o);
	slurp(in_dir("out.csv"));
	is_str(got, "replaced\n", "abort keeps the old file");

	/* A device is written straight, never replaced by rename. */
	{
		struct cm_out_opts oo = { CM_FMT_CSV, ',', 0, "/dev/null",
		    CM_LANG_EN, NULL };

		o = cm_out_open(&oo);
		cm_out_str(o, "x");
		cm_out_endrow(o);
		cm_out_close(o);
		ok(1, "-o /dev/null writes to the device");
	}
}

/*
 * --excel neutralises what a spreadsheet would run as a formula (OWASP:
 * = + - @ tab CR first), keeps plain numbers, and nothing changes
 * without --excel.
 */
static void
test_excel_formulas(void)
{
	is_str(render(CM_FMT_CSV, ',', 1,
	    ROWS("=HYPERLINK(\"http://x\",\"y\")|+cmd' /C calc'!A0",
	    "-2+3|@SUM(A1)|\tx|\rx", "-5.00|+1.5|-|=|a=b|-1e5")),
	    "\xef\xbb\xbf"
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd' /C calc'!A0\r\n"
	    "'-2+3,'@SUM(A1),'\tx,\"'\rx\"\r\n"
	    "-5.00,+1.5,'-,'=,a=b,'-1e5\r\n",
	    "excel: formulas get an apostrophe, numbers stay numbers");
	is_str(render(CM_FMT_CSV, '\t', 1, ROWS("\tx|=1")),
	    "\xef\xbb\xbf\"'\tx\"\t'=1\r\n",
	    "excel TSV: a leading tab is quoted after the apostrophe");
	is_str(render(CM_FMT_CSV, ',', 0,
	    ROWS("=HYPERLINK(\"x\")|+cmd|-2+3|@a|\tx|-5.00")),
	    "\"=HYPERLINK(\"\"x\"\")\",+cmd,-2+3,@a,\tx,-5.00\n",
	    "plain CSV: byte for byte");
	is_str(render(CM_FMT_TABLE, ',', 1, ROWS("n|f", "-5.00|=1+2")),
	    "\xef\xbb\xbf" "n      f\r\n-5.00  '=1+2\r\n",
	    "excel table: the same rule");
	{
		/* Across the buffer: a long field that needs the prefix. */
		static char big[100000];
		const char *r;

		memset(big, 'x', sizeof(big) - 1);
		big[0] = '=';
		r = render(CM_FMT_CSV, ',', 1, ROWS(big));
		ok(strncmp(r, "\xef\xbb\xbf'=xx", 7) == 0 &&
		    strlen(r) == 3 + 1 + sizeof(big) - 1 + 2,
		    "excel: a long formula is neutralised whole");
	}
}

/*
 * -o FILE through a link: our own link (as /dev/stdout is root's) is
 * followed, to a file or a device; another user's link is never written
 * through but replaced (root only: lchown gives a link away).
 */
static void
test_output_links(void)
{
	struct cm_out *o;
	struct stat st;
	FILE *fp;

	if (symlink(in_dir("victim.csv"), in_dir("ln.csv")) != 0 ||
	    symlink("/dev/null", in_dir("null.csv")) != 0) {
		perror("symlink");
		exit(99);
	}
	if ((fp = fopen(in_dir("victim.csv"), "w")) == NULL ||
	    fputs("victim\n", fp) < 0 || fclose(fp) != 0) {
		perror("victim.csv");
		exit(99);
	}
	o = open_as(CM_FMT_CSV, ',', 0, "ln.csv");
	cm_out_str(o, "mine");
	cm_out_endrow(o);
	cm_out_close(o);
	ok(lstat(in_dir("ln.csv"), &st) == 0 && S_ISLNK(st.st_mode),
	    "-o over our own link: the link stays");
	slurp(in_dir("victim.csv"));
	is_str(got, "mine\n", "and its target is replaced");

	o = open_as(CM_FMT_CSV, ',', 0, "null.csv");
	cm_out_str(o, "x");
	cm_out_endrow(o);
	cm_out_close(o);
	ok(lstat(in_dir("null.csv"), &st) == 0 && S_ISLNK(st.st_mode),
	    "-o through our own link to a device: the link stays");

	if (geteuid() != 0) {
		ok(1, "# SKIP not root: cannot make another user's link");
	} else {
		if (lchown(in_dir("ln.csv"), 65534, 65534) != 0) {
			perror("lchown");
			exit(99);
		}
		o = open_as(CM_FMT_CSV, ',', 0, "ln.csv");
		cm_out_str(o, "out");
		cm_out_endrow(o);
		cm_out_close(o);
		ok(lstat(in_dir("ln.csv"), &st) == 0 && S_ISREG(st.st_mode),
		    "-o over another user's link: the link is replaced");
		slurp(in_dir("ln.csv"));
		is_str(got, "out\n", "by a file that holds the output");
		slurp(in_dir("victim.csv"));
		is_str(got, "mine\n", "and the link's target is untouched");
	}
	is_int(ntemps(), 0, "no temporary file left");
	unlink(in_dir("ln.csv"));
	unlink(in_dir("null.csv"));
	unlink(in_dir("victim.csv"));
}

/* Many rows: the buffer is drained and refilled across field bounds. */
static void
test_big(void)
{
	struct cm_out *o = open_as(CM_FMT_CSV, ',', 0, "big.csv");
	static char huge[200000];
	long i, n, want;
	int bad = 0;

	for (i = 0; i < 100000; i++) {
		cm_out_printf(o, "%ld", i);
		cm_out_str(o, "客户,\"x\"");
		cm_out_endrow(o);
	}
	memset(huge, 'h', sizeof(huge));
	huge[100000] = '"';
	cm_out_field(o, huge, sizeof(huge));
	cm_out_field(o, huge, 99999);	/* plain, larger than the buffer */
	cm_out_endrow(o);
	cm_out_close(o);
	n = slurp(in_dir("big.csv"));
	want = 0;
	for (i = 0; i < 100000; i++)
		want += snprintf(NULL, 0, "%ld", i) + (long)strlen(
		    ",\"客户,\"\"x\"\"\"\n");
	want += 1 + 200000 + 1 + 1 + 1 + 99999 + 1;
	is_int(n, want > (long)sizeof(got) - 1 ? (long)sizeof(got) - 1 : want,
	    "big output has the right length (as far as read)");
	{
		FILE *fp = fopen(in_dir("big.csv"), "r");
		char line[256];

		for (i = 0; fp != NULL && i < 100000 && !bad; i++) {
			char w[64];

			snprintf(w, sizeof(w), "%ld,\"客户,\"\"x\"\"\"\n", i);
			if (fgets(line, sizeof(line), fp) == NULL ||
			    strcmp(line, w) != 0)
				bad = 1;
		}
		ok(fp != NULL && !bad, "100000 rows read back intact");
		if (fp != NULL) {
			struct stat st;

			fstat(fileno(fp), &st);
			is_int(st.st_size, want,
			    "file size with the huge fields");
			fclose(fp);
		}
	}
}

/* Run fn in a child with stdout on /dev/full; its status and stderr. */
static int
run_full(void (*fn)(void), char *err, size_t errsz)
{
	int p[2], st, full;
	ssize_t n;
	size_t len = 0;
	pid_t pid;

	if (pipe(p) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		full = open("/dev/full", O_WRONLY);
		if (full < 0)
			_exit(98);
		dup2(full, 1);
		dup2(p[1], 2);
		close(p[0]);
		fn();
		_exit(0);
	}
	close(p[1]);
	while (len + 1 < errsz && (n = read(p[0], err + len,
	    errsz - 1 - len)) > 0)
		len += (size_t)n;
	err[len] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return st;
}

static void
small_to_full(void)
{
	struct cm_out_opts oo = { CM_FMT_CSV, ',', 0, NULL, CM_LANG_EN, NULL };
	struct cm_out *o = cm_out_open(&oo);

	cm_out_str(o, "a");
	cm_out_endrow(o);
	cm_out_close(o);
}

static void
big_to_full(void)
{
	struct cm_out_opts oo = { CM_FMT_CSV, ',', 0, "-", CM_LANG_EN, NULL };
	struct cm_out *o = cm_out_open(&oo);
	long i;

	for (i = 0; i < 1000000; i++) {
		cm_out_printf(o, "%ld", i);
		cm_out_endrow(o);
	}
	/* Not reached: the first full buffer fails. */
	fprintf(stderr, "wrote a million rows into /dev/full\n");
	cm_out_close(o);
}

static void
table_to_full(void)
{
	struct cm_out_opts oo = { CM_FMT_TABLE, ',', 0, NULL, CM_LANG_EN,
	    NULL };
	struct cm_out *o = cm_out_open(&oo);

	cm_out_str(o, "a");
	cm_out_endrow(o);
	cm_out_close(o);
}

static void
test_write_errors(void)
{
	static void (*const fns[])(void) = { small_to_full, big_to_full,
	    table_to_full };
	static const char *const names[] = { "small CSV", "large CSV",
	    "table" };
	char err[1024];
	size_t i;
	int st;

	if (access("/dev/full", W_OK) != 0) {
		ok(1, "# SKIP no /dev/full");
		return;
	}
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		st = run_full(fns[i], err, sizeof(err));
		ok(WIFEXITED(st) && WEXITSTATUS(st) == CM_SYSTEM,
		    "%s to /dev/full exits 4 (status %#x)", names[i], st);
		is_str(err, "t-csvout: write error on standard output: "
		    "No space left on device\n",
		    "its message");
	}
}

static void
cleanup(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(in_dir(e->d_name));
	closedir(d);
	rmdir(dir);
}

static void
test_record(void)
{
	const char *f[] = {"a,b", "q\"x", "", "plain", "line\nbreak",
	    "eight-byte,and-more"};
	const char *one[] = {""};
	struct cm_buf b = {0};

	cm_csv_record(&b, f, 6, ',', 0);
	is_str(b.s, "\"a,b\",\"q\"\"x\",,plain,\"line\nbreak\","
	    "\"eight-byte,and-more\"\n", "record: the quoting rule");
	cm_buf_reset(&b);
	cm_csv_record(&b, f, 2, '\t', 0);
	is_str(b.s, "a,b\t\"q\"\"x\"\n", "record: a comma is data in TSV");
	cm_buf_reset(&b);
	cm_csv_record(&b, one, 1, ',', 0);
	is_str(b.s, "\"\"\n", "record: one empty field is \"\", not a blank "
	    "line");
	cm_buf_reset(&b);
	cm_csv_record(&b, f + 3, 1, ',', 1);
	is_str(b.s, "\"plain\"\n", "record: quote_first quotes the first");
	cm_buf_free(&b);
}

/* --lang: names and words in the output's language (csvout.h). */
static const char *
render_lang(enum cm_lang lang, enum cm_format fmt,
    const struct cm_colmap *m)
{
	struct cm_out_opts oo = { fmt, ',', 0, in_dir("l.csv"), lang, m };
	struct cm_out *o = cm_out_open(&oo);

	cm_out_name(o, "quality", NULL);
	cm_out_name(o, "quality", "产品质量");
	cm_out_name(o, "quality", "Quality ");
	cm_out_name(o, "rate", "满意率");
	cm_out_name(o, "zzz", NULL);
	cm_out_name(o, "q1", "Q1");
	cm_out_name(o, "quality", " 产品品质\xe3\x80\x80");
	cm_out_endrow(o);
	cm_out_text(o, "yes", "是");
	cm_out_text(o, "no", NULL);
	cm_out_str(o, "1.50");
	cm_out_text(o, NULL, NULL);
	cm_out_str(o, "x");
	cm_out_endrow(o);
	ok(cm_out_lang(o) == lang, "cm_out_lang says the output's language");
	cm_out_close(o);
	slurp(in_dir("l.csv"));
	return got;
}

static void
test_lang(void)
{
	struct cm_colmap *m = cm_colmap_new();
	struct cm_error err;

	cm_colmap_add(m, "品质=quality", &err);
	is_str(render_lang(CM_LANG_EN, CM_FMT_CSV, m),
	    "quality,quality,quality,rate,zzz,q1,quality\nyes,no,1.50,,x\n",
	    "en: canonical names and words, whatever zh says");
	is_str(render_lang(CM_LANG_ZH, CM_FMT_CSV, m),
	    "品质,产品质量,品质,满意率,zzz,Q1,产品品质\n是,no,1.50,,x\n",
	    "zh: the map's name, the user's own, an ASCII raw name replaced, "
	    "the command's own; an unknown name and a word without Chinese "
	    "as they are; the user's ASCII name kept; spaces trimmed");
	is_str(render_lang(CM_LANG_ZH, CM_FMT_CSV, NULL),
	    "quality,产品质量,Quality,满意率,zzz,Q1,产品品质\n是,no,1.50,,x\n",
	    "zh without a map");
	is_str(render_lang(CM_LANG_ZH, CM_FMT_TABLE, m),
	    "品质  产品质量  品质  满意率  zzz  Q1  产品品质\n"
	    "是    no        1.50          x\n",
	    "zh table: CJK two columns wide");
	cm_colmap_free(m);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/t-csvout.XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 99;
	}
	cm_setprogname("t-csvout");

	test_quoting();
	test_record();
	test_tsv_excel();
	test_table();
	test_width();
	test_atomic();
	test_excel_formulas();
	test_output_links();
	test_big();
	test_write_errors();
	test_lang();

	cleanup();
	return done_testing();
}
