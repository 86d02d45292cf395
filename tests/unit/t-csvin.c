/*
 * t-csvin.c: the CSV reader (csvin.h).
 *
 * Most tests read a whole input and compare a transcript of it with the
 * expected one, so a test shows the exact records a command would see:
 *
 *	1: customer|overall		the header: line, canonical names
 *	2: [ACME][5]			a record: its line, its fields
 *	end				end of input
 *	error 4: MESSAGE		or the error cm_csv_next returned
 *	open error 1:2: MESSAGE		or cm_csv_open_in's (line:col)
 *
 * Fields are bracketed so that kept spaces show.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bounds.h"
#include "buf.h"
#include "colmap.h"
#include "csvin.h"
#include "enc.h"
#include "msg.h"
#include "tap.h"

/*
 * Every test runs twice: as commands read, then line by line through
 * libcsv alone (cm_csv_lines_only), so that each expected transcript
 * holds the reader's fast paths and the reference alike.
 */
static int ref_path;

struct run {
	struct cm_buf out;	/* the transcript */
	struct cm_error err;
	char file[256];		/* err.file, copied while it is alive */
	int status;		/* err.status of the error, 0 when none */
};

static void
transcript(struct cm_csv *r, struct run *t)
{
	size_t i, n = cm_csv_ncols(r);
	int rc;

	cm_buf_printf(&t->out, "%ld: ", cm_csv_line(r));
	for (i = 0; i < n; i++)
		cm_buf_printf(&t->out, "%s%s", i ? "|" : "",
		    cm_csv_colname(r, i));
	cm_buf_adds(&t->out, "\n");
	while ((rc = cm_csv_next(r, &t->err)) == 1) {
		cm_buf_printf(&t->out, "%ld: ", cm_csv_line(r));
		for (i = 0; i < n; i++) {
			cm_buf_adds(&t->out, "[");
			cm_buf_add(&t->out, cm_csv_field(r, i),
			    cm_csv_flen(r, i));
			cm_buf_adds(&t->out, "]");
		}
		cm_buf_adds(&t->out, "\n");
	}
	if (rc == 0) {
		cm_buf_adds(&t->out, "end\n");
		return;
	}
	cm_buf_printf(&t->out, "error %ld: %s\n", t->err.line, t->err.msg);
	t->status = t->err.status;
	snprintf(t->file, sizeof(t->file), "%s",
	    t->err.file ? t->err.file : "(null)");
}

/* Read data from memory as "mem.csv"; the caller frees t->out. */
static void
run_mem(struct run *t, const char *data, size_t len, char delim,
    const char *enc, const struct cm_colmap *map)
{
	struct cm_csv_opts o = {delim, enc, map};
	struct cm_in *in;
	struct cm_csv *r;

	memset(t, 0, sizeof(*t));
	in = cm_in_open_mem("mem.csv", data, len, enc, &t->err);
	if (in == NULL) {
		cm_buf_printf(&t->out, "cm_in_open_mem: %s\n", t->err.msg);
		t->status = t->err.status;
		return;
	}
	if ((r = cm_csv_open_in(in, &o, &t->err)) == NULL) {
		/* err.file is not read here: see test_open_error_file. */
		cm_buf_printf(&t->out, "open error %ld:%ld: %s\n", t->err.line,
		    t->err.col, t->err.msg);
		t->status = t->err.status;
		return;
	}
	if (ref_path)
		cm_csv_lines_only(r);
	transcript(r, t);
	cm_csv_close(r);
}

/* Read s (a C string) with delimiter delim, no map, auto encoding. */
static void
reads_d(const char *name, const char *s, char delim, const char *want)
{
	struct run t;

	run_mem(&t, s, strlen(s), delim, NULL, NULL);
	is_str(cm_buf_str(&t.out), want, name);
	cm_buf_free(&t.out);
}

static void
reads(const char *name, const char *s, const char *want)
{
	reads_d(name, s, ',', want);
}

/* An input whose reading ends in a data error naming mem.csv. */
static void
fails_enc(const char *name, const char *s, const char *enc,
    const char *want)
{
	struct run t;
	char label[256];

	run_mem(&t, s, strlen(s), ',', enc, NULL);
	is_str(cm_buf_str(&t.out), want, name);
	snprintf(label, sizeof(label), "  %s: status 3", name);
	is_int(t.status, CM_DATA, label);
	if (strncmp(want, "open error", 10) != 0) {
		snprintf(label, sizeof(label), "  %s: file", name);
		is_str(t.file, "mem.csv", label);
	}
	cm_buf_free(&t.out);
}

static void
fails(const char *name, const char *s, const char *want)
{
	fails_enc(name, s, NULL, want);
}

static void
test_basic(void)
{
	reads("LF", "customer,overall\nACME,5\nBeta,4\n",
	    "1: customer|overall\n2: [ACME][5]\n3: [Beta][4]\nend\n");
	reads("CRLF", "customer,overall\r\nACME,5\r\nBeta,4\r\n",
	    "1: customer|overall\n2: [ACME][5]\n3: [Beta][4]\nend\n");
	reads("no newline at the end", "a,b\n1,2",
	    "1: a|b\n2: [1][2]\nend\n");
	reads("header only", "a,b\n", "1: a|b\nend\n");
	reads("UTF-8 BOM skipped", "\xef\xbb\xbf" "customer,overall\r\nA,5\r\n",
	    "1: customer|overall\n2: [A][5]\nend\n");
	reads("fields untouched: spaces kept",
	    " a , b \n  x  , \xe3\x80\x80y\xe3\x80\x80\n",
	    "1: a|b\n2: [  x  ][ \xe3\x80\x80y\xe3\x80\x80]\nend\n");
	reads("empty fields", "a,b,c\n,x,\n\"\",x,\n",
	    "1: a|b|c\n2: [][x][]\n3: [][x][]\nend\n");
	/* Excel's rows of bare commas below a table are blank lines. */
	reads("a row of empty cells is a blank line",
	    "a,b,c\n,,\n1,2,3\n\"\",\"\",\n,,\r\n",
	    "1: a|b|c\n3: [1][2][3]\nend\n");
	reads("rows of empty cells before the header are blank lines",
	    ",,\n,,\na,b\n1,2\n", "3: a|b\n4: [1][2]\nend\n");
	/* Old Mac exports: a bare CR ends each line, and counts as one. */
	reads("bare CR line ends count lines",
	    "a,b\r1,2\r\r3,4\r", "1: a|b\n2: [1][2]\n4: [3][4]\nend\n");
	reads("bare CR inside quotes counts a line",
	    "a,b\r\"x\ry\",2\r3,4\r",
	    "1: a|b\n2: [x\ry][2]\n4: [3][4]\nend\n");
	reads("CRLF still counts once",
	    "a,b\r\n1,2\r\n\r\n3,4\r\n",
	    "1: a|b\n2: [1][2]\n4: [3][4]\nend\n");
	fails("a ragged row of a CR file names its line",
	    "a,b\r1,2\r3\r", "1: a|b\n2: [1][2]\nerror 3: 1 field, the header has 2\n");
}

/*
 * A line end cut by a block edge: the CR of a CRLF as the last byte of a
 * block must not count a line of its own, nor a bare CR lose one.  Five
 * header lengths put the CR of some row on every offset modulo the row's
 * five bytes, so one of them meets each block edge.
 */
static void
test_cr_block_edge(void)
{
	struct cm_buf in = {0}, want = {0};
	struct run t;
	const char *ends[] = {"\r\n", "\r"};
	int e, h, i, good;

	for (e = 0; e < 2; e++) {
		good = 1;
		for (h = 1; h <= 5; h++) {
			cm_buf_reset(&in);
			cm_buf_reset(&want);
			cm_buf_printf(&in, "%.*s,b%s", h, "aaaaa", ends[e]);
			cm_buf_printf(&want, "1: %.*s|b\n", h, "aaaaa");
			for (i = 0; i < 60000; i++) {
				cm_buf_printf(&in, "1,2%s", ends[e]);
				cm_buf_printf(&want, "%d: [1][2]\n", i + 2);
			}
			cm_buf_adds(&want, "end\n");
			run_mem(&t, in.s, in.len, ',', NULL, NULL);
			good &= strcmp(cm_buf_str(&t.out),
			    cm_buf_str(&want)) == 0;
			cm_buf_free(&t.out);
		}
		ok(good, e ? "bare CR at block edges" : "CRLF at block edges");
	}
	cm_buf_free(&in);
	cm_buf_free(&want);
}

static void
test_quoting(void)
{
	reads("quoted comma and quotes",
	    "customer,note\n\"ACME, Inc.\",\"said \"\"fine\"\"\"\n",
	    "1: customer|note\n2: [ACME, Inc.][said \"fine\"]\nend\n");
	reads("quoted newlines (LF)",
	    "a,b\n1,\"two\nlines\"\n2,x\n",
	    "1: a|b\n2: [1][two\nlines]\n4: [2][x]\nend\n");
	reads("quoted CRLF is kept inside the field",
	    "a,b\r\n1,\"two\r\nlines\"\r\n2,x\r\n",
	    "1: a|b\n2: [1][two\r\nlines]\n4: [2][x]\nend\n");
	reads("quoted header name", "\"a,b\",c\n1,2\n",
	    "1: a,b|c\n2: [1][2]\nend\n");
	reads("delimiter-only quoted field", "a,b\n\",\",\"\"\"\"\n",
	    "1: a|b\n2: [,][\"]\nend\n");
}

/*
 * Physical lines: blank lines count, newlines inside quotes count, and the
 * line of a record is where it starts.
 */
static void
test_lines(void)
{
	reads("lines after a multi-line field",
	    "id,text\n"
	    "1,\"one\ntwo\nthree\"\n"
	    "2,plain\n"
	    "3,\"a\n\nb\"\n"
	    "4,end\n",
	    "1: id|text\n2: [1][one\ntwo\nthree]\n5: [2][plain]\n"
	    "6: [3][a\n\nb]\n9: [4][end]\nend\n");
	reads("blank lines skipped, and counted",
	    "a,b\n\n1,2\n\r\n\n3,4\n\n",
	    "1: a|b\n3: [1][2]\n6: [3][4]\nend\n");
	reads("blank lines before the header",
	    "\n\r\na,b\n1,2\n", "3: a|b\n4: [1][2]\nend\n");
	reads("CRLF lines after a multi-line field",
	    "a,b\r\n\"x\r\ny\",1\r\n\r\nz,2\r\n",
	    "1: a|b\n2: [x\r\ny][1]\n5: [z][2]\nend\n");
}

static void
test_errors(void)
{
	fails("ragged row: too few",
	    "a,b,c\n1,2,3\n4,5\n",
	    "1: a|b|c\n2: [1][2][3]\nerror 3: 2 fields, the header has 3\n");
	fails("ragged row: too many, after a multi-line field",
	    "a,b\n1,\"x\ny\"\n1,2,3\n",
	    "1: a|b\n2: [1][x\ny]\nerror 4: 3 fields, the header has 2\n");
	fails("ragged row: one field",
	    "a,b\n1\n", "1: a|b\nerror 2: 1 field, the header has 2\n");
	fails("misplaced quote inside a field",
	    "a,b\n1,2\n3,x\"y\n",
	    "1: a|b\n2: [1][2]\nerror 3: misplaced quote in field 2\n");
	fails("misplaced quote after a closing quote",
	    "a,b\n\"q\"z,1\n",
	    "1: a|b\nerror 2: misplaced quote in field 1\n");
	fails("unterminated quote at the end names the record's start",
	    "a,b\n1,2\n3,\"open\nmore\nstill\n",
	    "1: a|b\n2: [1][2]\n"
	    "error 3: unterminated quoted field in field 2\n");
	fails("duplicate column",
	    "id,name,ID\n1,2,3\n",
	    "open error 1:3: duplicate column 'id' ('id' and 'ID')\n");
	fails("empty input", "",
	    "open error 0:0: empty input: no header row\n");
	fails("only blank lines", "\n\r\n\n",
	    "open error 0:0: empty input: no header row\n");
	/*
	 * The decoder fails before it hands out the text in front of a bad
	 * byte in the same block, so here the header read meets the error.
	 */
	fails_enc("invalid UTF-8 names its line",
	    "a,b\n1,2\n\xff,3\n", "utf-8",
	    "open error 3:0: invalid UTF-8 byte 0xFF (input "
	    "read as UTF-8; try --encoding gb18030)\n");
	/* Not UTF-8, so taken as GB18030, where 0xFF is no character. */
	fails("undecodable GB18030 names its line",
	    "a,b\n1,2\n\xff,3\n",
	    "open error 3:0: undecodable byte sequence 0xFF in input "
	    "detected as GB18030, and not UTF-8 either (0xFF at line 3); "
	    "name the encoding with --encoding\n");
}

/*
 * The open errors of an input must name it: commands print err with
 * cm_die_error after cm_csv_open returned NULL.  Reading err.file is done
 * in a child so that a dangling pointer fails this one test (ASan aborts
 * the child) rather than the whole file.
 */
static void
open_error_file(const char *name, const char *s)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_error err;
	struct cm_in *in;
	struct cm_csv *r;
	pid_t pid;
	int st;

	memset(&err, 0, sizeof(err));
	in = cm_in_open_mem("mem.csv", s, strlen(s), NULL, &err);
	r = cm_csv_open_in(in, &o, &err);
	ok(r == NULL, "%s: open fails", name);
	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(99);
	}
	if (pid == 0)
		_exit(err.file != NULL && strcmp(err.file, "mem.csv") == 0 ?
		    0 : 1);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "%s: err.file is still \"mem.csv\" after the failed open", name);
	cm_csv_close(r);
}

static void
test_open_error_file(void)
{
	open_error_file("empty input", "");
	open_error_file("duplicate column", "a,a\n");
}

static void
test_delimiters(void)
{
	reads_d("TSV", "name\tscore\tnote\nACME\t5\ta,b\n\"x\ty\"\t4\t\n",
	    '\t', "1: name|score|note\n2: [ACME][5][a,b]\n"
	    "3: [x\ty][4][]\nend\n");
	reads_d("';' (European Excel)", "a;b\n1,5;\"x;y\"\n",
	    ';', "1: a|b\n2: [1,5][x;y]\nend\n");
	reads_d("a comma is data under ';'", "a;b\nx,y;z\n",
	    ';', "1: a|b\n2: [x,y][z]\nend\n");
}

static void
test_columns(void)
{
	static const char csv[] = "客户名称, Overall ,Score,\xe3\x80\x80note\n"
	    "A,5,4,x\n";
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_colmap *map = cm_colmap_new();
	struct cm_error err;
	struct cm_csv *r;
	struct run t;

	memset(&err, 0, sizeof(err));
	ok(cm_colmap_add(map, "总体评价=overall", &err) == 0 &&
	    cm_colmap_add(map, "客户名称=customer", &err) == 0,
	    "map: 总体评价=overall, 客户名称=customer");
	o.map = map;
	r = cm_csv_open_in(cm_in_open_mem("mem.csv", csv, strlen(csv), NULL,
	    &err), &o, &err);
	if (!ok(r != NULL, "header with mapped, spaced and cased names"))
		printf("# %s\n", err.msg);
	if (r == NULL)
		goto out;
	is_int((long long)cm_csv_ncols(r), 4, "four columns");
	is_str(cm_csv_colname(r, 0), "customer", "colname 0: mapped");
	is_str(cm_csv_rawname(r, 0), "客户名称", "rawname 0: as written");
	is_str(cm_csv_colname(r, 1), "overall", "colname 1: trimmed, folded");
	is_str(cm_csv_rawname(r, 1), " Overall ", "rawname 1: untouched");
	is_str(cm_csv_colname(r, 2), "score", "colname 2: folded");
	is_str(cm_csv_colname(r, 3), "note", "colname 3: U+3000 trimmed");
	is_int(cm_csv_col(r, "customer"), 0, "col customer");
	is_int(cm_csv_col(r, "客户名称"), 0, "col 客户名称 (mapped name)");
	is_int(cm_csv_col(r, "overall"), 1, "col overall");
	is_int(cm_csv_col(r, "OVERALL"), 1, "col OVERALL (case)");
	is_int(cm_csv_col(r, "score"), 2, "col score");
	is_int(cm_csv_col(r, "note"), 3, "col note");
	is_int(cm_csv_col(r, "quality"), -1, "col quality: missing is -1");
	is_int(cm_csv_line(r), 1, "header on line 1");
	is_str(cm_csv_name(r), "mem.csv", "name");
	is_str(cm_csv_encoding(r), "UTF-8", "encoding detected");
	ok(cm_csv_next(r, &err) == 1 && strcmp(cm_csv_field(r,
	    (size_t)cm_csv_col(r, "overall")), "5") == 0,
	    "field found by name");
	cm_csv_close(r);

	/* Columns in another order are found all the same. */
	run_mem(&t, "note,总体评价\nx,4\n", strlen("note,总体评价\nx,4\n"),
	    ',', NULL, map);
	is_str(cm_buf_str(&t.out), "1: note|overall\n2: [x][4]\nend\n",
	    "mapped header in another order");
	cm_buf_free(&t.out);
	/* Two names that map to one column are a duplicate. */
	run_mem(&t, "overall,总体评价\n5,5\n",
	    strlen("overall,总体评价\n5,5\n"), ',', NULL, map);
	is_str(cm_buf_str(&t.out), "open error 1:2: duplicate column "
	    "'overall' ('overall' and '总体评价')\n",
	    "duplicate after mapping");
	is_int(t.status, CM_DATA, "  status 3");
	cm_buf_free(&t.out);
out:
	cm_colmap_free(map);
}

/* A survey export with a quoted comma and a quoted CRLF. */
static const char u8_text[] =
    "客户名称,总体评价,备注\r\n华为,很满意,\"交期,准时\"\r\n"
    "\"中兴\r\n通讯\",不太满意,\r\n";
/* The same in GB18030, made with iconv(1). */
static const char gb_text[] =
    "\xbf\xcd\xbb\xa7\xc3\xfb\xb3\xc6\x2c\xd7\xdc\xcc\xe5\xc6\xc0\xbc"
    "\xdb\x2c\xb1\xb8\xd7\xa2\x0d\x0a\xbb\xaa\xce\xaa\x2c\xba\xdc\xc2"
    "\xfa\xd2\xe2\x2c\x22\xbd\xbb\xc6\xda\x2c\xd7\xbc\xca\xb1\x22\x0d"
    "\x0a\x22\xd6\xd0\xd0\xcb\x0d\x0a\xcd\xa8\xd1\xb6\x22\x2c\xb2\xbb"
    "\xcc\xab\xc2\xfa\xd2\xe2\x2c\x0d\x0a";

static void
test_gb18030(void)
{
	static const char want[] =
	    "1: 客户名称|总体评价|备注\n"
	    "2: [华为][很满意][交期,准时]\n"
	    "3: [中兴\r\n通讯][不太满意][]\n"
	    "end\n";
	static const char *const encs[] = {NULL, "gb18030", "GBK"};
	struct run t;
	size_t i;

	run_mem(&t, u8_text, sizeof(u8_text) - 1, ',', NULL, NULL);
	is_str(cm_buf_str(&t.out), want, "UTF-8 reference");
	cm_buf_free(&t.out);
	for (i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
		run_mem(&t, gb_text, sizeof(gb_text) - 1, ',', encs[i], NULL);
		ok(strcmp(cm_buf_str(&t.out), want) == 0,
		    "GB18030 bytes, encoding %s: the same records as UTF-8",
		    encs[i] ? encs[i] : "auto");
		if (strcmp(cm_buf_str(&t.out), want) != 0)
			printf("# got:\n# %s\n", cm_buf_str(&t.out));
		cm_buf_free(&t.out);
	}
}

static char tmpdir[] = "/tmp/t-csvin.XXXXXX";

static const char *
write_tmp(const char *base, const void *data, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, base);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
	return path;
}

/* cm_csv_open: a file, read in blocks; its transcript must match memory's. */
static void
test_file(void)
{
	struct cm_csv_opts o = {',', "gb18030", NULL};
	const char *path = write_tmp("gb.csv", gb_text, sizeof(gb_text) - 1);
	struct cm_error err;
	struct cm_csv *r;
	struct run t, m;

	memset(&t, 0, sizeof(t));
	r = cm_csv_open(path, &o, &t.err);
	if (ok(r != NULL, "cm_csv_open of a GB18030 file")) {
		is_str(cm_csv_name(r), path, "  named by its path");
		is_str(cm_csv_encoding(r), "gb18030", "  encoding as given");
		transcript(r, &t);
		cm_csv_close(r);
		run_mem(&m, u8_text, sizeof(u8_text) - 1, ',', NULL, NULL);
		is_str(cm_buf_str(&t.out), cm_buf_str(&m.out),
		    "  the same records as the UTF-8 text");
		cm_buf_free(&m.out);
	}
	cm_buf_free(&t.out);
	unlink(path);

	memset(&err, 0, sizeof(err));
	r = cm_csv_open(path, &o, &err);
	ok(r == NULL && err.status == CM_SYSTEM,
	    "a missing file is a system error");
	cm_csv_close(r);

	/* A data error in a file names the file. */
	path = write_tmp("ragged.csv", "a,b\r\n1,2\r\n3\r\n", 12);
	o.encoding = NULL;
	memset(&t, 0, sizeof(t));
	if (ok((r = cm_csv_open(path, &o, &t.err)) != NULL,
	    "cm_csv_open of a ragged file")) {
		transcript(r, &t);
		cm_csv_close(r);
		is_str(cm_buf_str(&t.out),
		    "1: a|b\n2: [1][2]\nerror 3: 1 field, the header has 2\n",
		    "  records, then the error");
		is_str(t.file, path, "  the error names the file");
		is_int(t.status, CM_DATA, "  status 3");
	}
	cm_buf_free(&t.out);
	unlink(path);
}

/*
 * Many multi-line records past the decoder's 64 KiB blocks: every
 * record's line must still be exact, from memory and from a file.
 */
static void
test_long(void)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_buf b = {0};
	struct cm_error err;
	struct cm_csv *r;
	long i, n = 30000, bad, count;
	int pass, rc;

	cm_buf_adds(&b, "id,text\n");
	for (i = 0; i < n; i++)
		cm_buf_printf(&b, "%ld,\"line one\nline two, \xe5\xae\xa2\"\n",
		    i);
	for (pass = 0; pass < 2; pass++) {
		memset(&err, 0, sizeof(err));
		r = pass == 0 ?
		    cm_csv_open_in(cm_in_open_mem("mem.csv", b.s, b.len, NULL,
		    &err), &o, &err) :
		    cm_csv_open(write_tmp("long.csv", b.s, b.len), &o, &err);
		if (!ok(r != NULL, "long input (%s) opens",
		    pass ? "file" : "memory")) {
			printf("# %s\n", err.msg);
			continue;
		}
		bad = count = 0;
		while ((rc = cm_csv_next(r, &err)) == 1) {
			char want[32];

			snprintf(want, sizeof(want), "%ld", count);
			if (cm_csv_line(r) != 2 + 2 * count ||
			    strcmp(cm_csv_field(r, 0), want) != 0 ||
			    cm_csv_flen(r, 1) != 22)
				bad++;
			count++;
		}
		is_int(rc, 0, "  read to the end");
		is_int(count, n, "  every record");
		is_int(bad, 0, "  every line number and field exact");
		cm_csv_close(r);
	}
	unlink(write_tmp("long.csv", "", 0));	/* the path, emptied */
	cm_buf_free(&b);
}

/*
 * An undecodable byte far into the input (past the decoder's first
 * blocks): the error names its line, and the reader hands out nothing
 * after it, however often it is asked.
 */
static void
test_error_is_final(void)
{
	struct cm_csv_opts o = {',', "utf-8", NULL};
	struct cm_buf b = {0};
	struct cm_error err;
	struct cm_csv *r;
	long i, n = 40000, count = 0, bad = 0;
	int rc, pass;

	cm_buf_adds(&b, "id,text\n");
	for (i = 0; i < n; i++)
		cm_buf_printf(&b, "%ld,abc\n", i);
	cm_buf_adds(&b, "x,\xff\n1,2\n");
	for (pass = 0; pass < 2; pass++) {
		const char *what = pass ? "file" : "memory";

		memset(&err, 0, sizeof(err));
		r = pass == 0 ?
		    cm_csv_open_in(cm_in_open_mem("mem.csv", b.s, b.len,
		    o.encoding, &err), &o, &err) :
		    cm_csv_open(write_tmp("bad.csv", b.s, b.len), &o, &err);
		if (!ok(r != NULL, "bad byte at line %ld (%s): opens", n + 2,
		    what)) {
			printf("# %s\n", err.msg);
			continue;
		}
		count = bad = 0;
		while ((rc = cm_csv_next(r, &err)) == 1)
			if (cm_csv_line(r) != 2 + count++)
				bad++;
		is_int(rc, -1, "  an error");
		is_int(err.status, CM_DATA, "  status 3");
		is_int(err.line, n + 2, "  on the line of the bad byte");
		is_int(bad, 0, "  records before it on their own lines");
		ok(count <= n, "  no record from past the bad byte (%ld)",
		    count);
		for (i = 0; i < 3 && (rc = cm_csv_next(r, &err)) != 1; i++)
			;
		ok(rc != 1, "  nothing handed out when asked again");
		if (rc == 1)
			printf("#   got a record at line %ld\n",
			    cm_csv_line(r));
		cm_csv_close(r);
	}
	unlink(write_tmp("bad.csv", "", 0));
	cm_buf_free(&b);

	/*
	 * The same after bad quoting: line 3 closes the quote of line 2 and
	 * goes on with 'y'.  Fed again, the line would reopen the field and
	 * make up a record [x\n"y\n][1].
	 */
	{
		static const char q[] = "a,b\n\"x\n\"y\n\",1\n";
		struct cm_in *in = cm_in_open_mem("mem.csv", q, strlen(q),
		    NULL, &err);

		o.encoding = NULL;
		r = cm_csv_open_in(in, &o, &err);
		rc = cm_csv_next(r, &err);
		ok(rc == -1 && err.line == 3 &&
		    strcmp(err.msg, "misplaced quote in field 1") == 0,
		    "misplaced quote on line 3");
		for (i = 0; i < 3 && (rc = cm_csv_next(r, &err)) != 1; i++)
			;
		ok(rc != 1, "  nothing handed out when asked again");
		if (rc == 1)
			printf("#   got a record at line %ld\n",
			    cm_csv_line(r));
		cm_csv_close(r);
	}
}

/* A data error read from data[0..len), which may hold NUL bytes. */
static void
fails_n(const char *name, const char *data, size_t len, const char *want)
{
	struct run t;
	char label[256];

	run_mem(&t, data, len, ',', NULL, NULL);
	is_str(cm_buf_str(&t.out), want, name);
	snprintf(label, sizeof(label), "  %s: status 3", name);
	is_int(t.status, CM_DATA, label);
	cm_buf_free(&t.out);
}

#define FAILS_N(name, lit, want) fails_n(name, lit, sizeof(lit) - 1, want)

/*
 * A NUL byte would end the C string a field is handed out as, so the
 * field would come out cut short without a word ("AC\0ME" as "AC"): it
 * is a data error naming its line and field, header included.
 */
static void
test_nul(void)
{
	struct run t;
	static const char mid[] = "a,b\n1,2\n3,x\0y\n4,5\n";

	FAILS_N("NUL in a field", mid,
	    "1: a|b\n2: [1][2]\nerror 3: NUL byte in field 2\n");
	run_mem(&t, mid, sizeof(mid) - 1, ',', NULL, NULL);
	is_int(t.err.col, 2, "  the error's column is the field");
	cm_buf_free(&t.out);
	FAILS_N("NUL first on its line", "a,b\n\0,1\n",
	    "1: a|b\nerror 2: NUL byte in field 1\n");
	FAILS_N("NUL at the very end, no newline", "a,b\n1,\0",
	    "1: a|b\nerror 2: NUL byte in field 2\n");
	FAILS_N("NUL in a quoted field, on its third line",
	    "a,b\n1,\"x\ny\nz\0\"\n",
	    "1: a|b\nerror 4: NUL byte in field 2\n");
	FAILS_N("NUL in the header", "a,b\0c\n1,2\n",
	    "open error 1:2: NUL byte in field 2 of the header\n");
	FAILS_N("NUL after blank lines before the header", "\n\r\n\0",
	    "open error 3:1: NUL byte in field 1 of the header\n");
	/* /dev/zero: the first block is all NULs. */
	{
		static char zeros[200000];

		fails_n("200,000 NUL bytes", zeros, sizeof(zeros),
		    "open error 1:1: NUL byte in field 1 of the header\n");
	}
	/* UTF-16 U+0000 decodes to a NUL: the same error. */
	fails_n("UTF-16 NUL", "\xff\xfe" "a\0,\0b\0\n\0" "1\0,\0\0\0\n\0", 18,
	    "1: a|b\nerror 2: NUL byte in field 2\n");
}

/* A NUL deep in the input (past the decoder's first blocks). */
static void
test_nul_far(void)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_buf b = {0};
	struct cm_error err;
	struct cm_csv *r;
	long i, n = 40000, count = 0;
	int rc;

	cm_buf_adds(&b, "id,text\n");
	for (i = 0; i < n; i++)
		cm_buf_printf(&b, "%ld,abc\n", i);
	cm_buf_add(&b, "x,ab\0c\n1,2\n", 11);
	memset(&err, 0, sizeof(err));
	r = cm_csv_open_in(cm_in_open_mem("mem.csv", b.s, b.len, NULL, &err),
	    &o, &err);
	while ((rc = cm_csv_next(r, &err)) == 1)
		count++;
	ok(rc == -1 && err.line == n + 2 &&
	    strcmp(err.msg, "NUL byte in field 2") == 0,
	    "NUL at line %ld: named there (%ld: %s)", n + 2, err.line,
	    err.msg);
	is_int(count, n, "  every record before it handed out");
	cm_csv_close(r);
	cm_buf_free(&b);
}

/* Read data[0..len) with limits lowered after the header. */
static void
run_limited(struct run *t, const char *data, size_t len, size_t max_record,
    size_t max_fields)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_csv *r;

	memset(t, 0, sizeof(*t));
	r = cm_csv_open_in(cm_in_open_mem("mem.csv", data, len, NULL,
	    &t->err), &o, &t->err);
	if (r == NULL) {
		cm_buf_printf(&t->out, "open error %ld: %s\n", t->err.line,
		    t->err.msg);
		return;
	}
	cm_csv_set_limits(r, max_record, max_fields);
	if (ref_path)
		cm_csv_lines_only(r);
	transcript(r, t);
	cm_csv_close(r);
}

static void
limited(const char *name, const char *s, size_t max_record,
    size_t max_fields, const char *want)
{
	struct run t;

	run_limited(&t, s, strlen(s), max_record, max_fields);
	is_str(cm_buf_str(&t.out), want, name);
	cm_buf_free(&t.out);
}

/*
 * The limits of bounds.h, lowered through the API: a record may be as
 * long as the limit (line break, quotes and delimiters counted) and not
 * a byte longer; the error names the line where the record starts.
 */
static void
test_record_limit(void)
{
	struct cm_buf b = {0};
	struct run t;
	long i;

	limited("record of 10 bytes under a limit of 10", "a,b\n1234,6789\n",
	    10, 0, "1: a|b\n2: [1234][6789]\nend\n");
	limited("record of 11 bytes under a limit of 10", "a,b\n1,2\n"
	    "1234,67890\n", 10, 0,
	    "1: a|b\n2: [1][2]\nerror 3: record longer than 10 bytes\n");
	limited("CRLF counts", "a,b\r\n1234,678\r\n", 10, 0,
	    "1: a|b\n2: [1234][678]\nend\n");
	limited("CRLF counts: one byte more", "a,b\r\n1234,6789\r\n", 10, 0,
	    "1: a|b\nerror 2: record longer than 10 bytes\n");
	limited("a multi-line record: all its lines count, its start named",
	    "a,b\n1,2\n3,\"abc\nde\nfgh\"\n", 12, 0,
	    "1: a|b\n2: [1][2]\nerror 3: record longer than 12 bytes\n");
	limited("a multi-line record at the limit", "a,b\n3,\"abc\nde\nf\"\n",
	    13, 0, "1: a|b\n2: [3][abc\nde\nf]\nend\n");
	limited("the limit is per record, not per file",
	    "a,b\n1234,6789\n1234,6789\n1234,6789\n", 10, 0,
	    "1: a|b\n2: [1234][6789]\n3: [1234][6789]\n4: [1234][6789]\n"
	    "end\n");
	/* An unclosed quote: it stops at the limit, not at the end. */
	cm_buf_adds(&b, "a,b\n1,\"open\n");
	for (i = 0; i < 100000; i++)
		cm_buf_adds(&b, "more text\n");
	run_limited(&t, b.s, b.len, 1000, 0);
	is_str(cm_buf_str(&t.out), "1: a|b\nerror 2: record longer than "
	    "1000 bytes\n", "an unclosed quote stops at the limit");
	cm_buf_free(&t.out);
	/* Bare CR line ends: one fed line, many records, none too long. */
	cm_buf_reset(&b);
	cm_buf_adds(&b, "a,b\r");
	for (i = 0; i < 20000; i++)
		cm_buf_adds(&b, "1234,6789\r");
	run_limited(&t, b.s, b.len, 10, 0);
	ok(strstr(cm_buf_str(&t.out), "error") == NULL &&
	    strstr(cm_buf_str(&t.out), "[1234][6789]\nend\n") != NULL,
	    "bare CR records of 10 bytes under a limit of 10");
	cm_buf_free(&t.out);
	cm_buf_free(&b);
}

static void
test_fields_limit(void)
{
	struct cm_buf b = {0};
	struct run t;
	long i;

	limited("3 fields under a limit of 3", "a,b,c\n1,2,3\n", 0, 3,
	    "1: a|b|c\n2: [1][2][3]\nend\n");
	/* Before the count against the header: the row is never kept. */
	limited("4 fields under a limit of 3", "a,b,c\n1,2,3\n1,2,3,4\n", 0,
	    3, "1: a|b|c\n2: [1][2][3]\n"
	    "error 3: record of more than 3 fields\n");
	limited("fields of a multi-line record count, its start named",
	    "a,b,c\n1,\"x\ny\",3,\n", 0, 3,
	    "1: a|b|c\nerror 2: record of more than 3 fields\n");
	/* A line of commas that never ends: it stops at the limit. */
	cm_buf_adds(&b, "a\n");
	for (i = 0; i < 500000; i++)
		cm_buf_addc(&b, ',');
	run_limited(&t, b.s, b.len, 0, 1000);
	is_str(cm_buf_str(&t.out), "1: a\nerror 2: record of more than "
	    "1000 fields\n", "a line of commas stops at the limit");
	cm_buf_free(&t.out);
	cm_buf_free(&b);
}

/*
 * bounds.h's own limits on the header (cm_csv_set_limits comes after
 * it): CM_FIELDS_MAX columns are read, one more is an error.
 */
static void
test_header_limit(void)
{
	struct cm_buf b = {0};
	struct run t;
	size_t i;

	for (i = 0; i < CM_FIELDS_MAX; i++)
		cm_buf_adds(&b, i ? ",c" : "c");
	cm_buf_adds(&b, "\n");
	run_mem(&t, b.s, b.len, ',', NULL, NULL);
	is_str(cm_buf_str(&t.out), "open error 1:2: duplicate column 'c' "
	    "('c' and 'c')\n", "a header of CM_FIELDS_MAX columns is read");
	cm_buf_free(&t.out);
	b.s[--b.len] = '\0';
	cm_buf_adds(&b, ",c\n");
	run_mem(&t, b.s, b.len, ',', NULL, NULL);
	is_str(cm_buf_str(&t.out), "open error 1:0: record of more than "
	    "1048576 fields\n", "one column more is an error");
	cm_buf_free(&t.out);
	cm_buf_free(&b);
}

/*
 * A 10 MB field, unquoted and quoted over many lines.  libcsv grew a
 * field's buffer 128 bytes at a time, a copy each time under ASan:
 * minutes.  The alarm makes that a failure, not a hang.
 */
static void
test_big_field(void)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_buf b = {0};
	struct cm_error err;
	struct cm_csv *r;
	size_t i, n = 10000000;
	int pass;

	alarm(30);
	for (pass = 0; pass < 2; pass++) {
		cm_buf_reset(&b);
		cm_buf_adds(&b, pass ? "a,b\n1,\"" : "a,b\n1,");
		for (i = 0; i < n; i++)
			cm_buf_addc(&b, pass && i % 100 == 99 ? '\n' : 'x');
		cm_buf_adds(&b, pass ? "\"\n" : "\n");
		memset(&err, 0, sizeof(err));
		r = cm_csv_open_in(cm_in_open_mem("mem.csv", b.s, b.len, NULL,
		    &err), &o, &err);
		ok(r != NULL && cm_csv_next(r, &err) == 1 &&
		    cm_csv_flen(r, 1) == n && cm_csv_next(r, &err) == 0,
		    "a 10 MB field (%s) is read whole",
		    pass ? "quoted, 100,000 lines" : "unquoted");
		cm_csv_close(r);
	}
	alarm(0);
	cm_buf_free(&b);
}

/*
 * A wide header is checked for twins in linear time: 200,000 columns
 * took about a minute when each was compared with all before it.
 */
static void
test_wide_header(void)
{
	struct cm_buf b = {0};
	struct run t;
	long i, n = 200000;

	alarm(30);
	for (i = 0; i < n; i++)
		cm_buf_printf(&b, "%sc%ld", i ? "," : "", i);
	cm_buf_adds(&b, ",C77\n");
	run_mem(&t, b.s, b.len, ',', NULL, NULL);
	is_str(cm_buf_str(&t.out), "open error 1:200001: duplicate column "
	    "'c77' ('c77' and 'C77')\n",
	    "a twin after 200,000 columns is found, with the first of them");
	cm_buf_free(&t.out);
	b.s[b.len - 4] = 'D';
	run_mem(&t, b.s, b.len, ',', NULL, NULL);
	ok(strncmp(cm_buf_str(&t.out), "1: c0|c1|", 9) == 0 &&
	    strstr(cm_buf_str(&t.out), "|c199999|d77\nend\n") != NULL,
	    "200,001 distinct columns are read");
	alarm(0);
	cm_buf_free(&t.out);
	cm_buf_free(&b);
}

/*
 * The reader hands libcsv runs of whole lines at once after the header
 * (see feed_run in csvin.c): what it says must be what it said line by
 * line.  Every case here holds several records in one run.
 */
static void
test_runs(void)
{
	reads("run: blank lines, CRLF and a quoted LF keep the lines",
	    "a,b\n1,2\n\n3,\"x\ny\"\r\n\r\n4,5\n",
	    "1: a|b\n2: [1][2]\n4: [3][x\ny]\n7: [4][5]\nend\n");
	reads("run: a quoted CRLF is one line",
	    "a,b\n1,\"x\r\ny\"\n2,3\n",
	    "1: a|b\n2: [1][x\r\ny]\n4: [2][3]\nend\n");
	fails("run: the records before a fault come first",
	    "a,b\n1,2\n3,\"x\ny\"\n5,6\"\n7,8\n",
	    "1: a|b\n2: [1][2]\n3: [3][x\ny]\n"
	    "error 5: misplaced quote in field 2\n");
	fails("run: a fault in its first record",
	    "a,b\n1,2\"\n3,4\n",
	    "1: a|b\nerror 2: misplaced quote in field 2\n");
	fails("run: a fault on a later line of a record names that line",
	    "a,b\n0,0\n1,\"x\n\ny\"z\n",
	    "1: a|b\n2: [0][0]\nerror 5: misplaced quote in field 2\n");
	reads("run: spaces inside quotes are data",
	    "a,b\n\"x y\",2\n\" \",3\n",
	    "1: a|b\n2: [x y][2]\n3: [ ][3]\nend\n");
	reads("run: spaces outside quotes are data too",
	    "a,b\n x ,2\n\"y\",3\n",
	    "1: a|b\n2: [ x ][2]\n3: [y][3]\nend\n");
	fails("run: a space before a quote makes it misplaced",
	    "a,b\n0,0\n1, \"x\"\n",
	    "1: a|b\n2: [0][0]\nerror 3: misplaced quote in field 2\n");
	fails("run: a space after a closing quote is refused",
	    "a,b\n0,0\n\"x\" ,2\n",
	    "1: a|b\n2: [0][0]\nerror 3: misplaced quote in field 1\n");
	reads_d("run: TSV, tabs delimit",
	    "a\tb\n1\t2\n\"x\ty\"\t3\n",
	    '\t', "1: a|b\n2: [1][2]\n3: [x\ty][3]\nend\n");
	limited("run: a record of too many fields before a fault",
	    "a,b,c\n1,2,3\n1,2,3,4\n5\"\n", 0, 3,
	    "1: a|b|c\n2: [1][2][3]\n"
	    "error 3: record of more than 3 fields\n");
	limited("run: too many fields on a line before the fault's",
	    "a,b,c\n0,0,0\n1,2,3,4,\"x\ny\"z\n", 0, 3,
	    "1: a|b|c\n2: [0][0][0]\n"
	    "error 3: record of more than 3 fields\n");
	limited("run: too many fields on the fault's line",
	    "a,b,c\n0,0,0\n1,2,3,4,5\"\n", 0, 3,
	    "1: a|b|c\n2: [0][0][0]\n"
	    "error 3: misplaced quote in field 5\n");
	/*
	 * The same where libcsv reads the record within a run (its quotes
	 * are even): the field past the limit ends on the fault's line.
	 */
	limited("run: too many fields on the fault's line, quotes even",
	    "a,b,c\n0,0,0\n1,2,3,4,\"5\"x\n0,0,0\n", 0, 3,
	    "1: a|b|c\n2: [0][0][0]\n"
	    "error 3: misplaced quote in field 5\n");
	limited("run: too many fields, the last after a quoted LF, on the "
	    "fault's line",
	    "a,b,c\n0,0,0\n1,2,\"x\ny\",4,\"5\"z\n0,0,0\n", 0, 3,
	    "1: a|b|c\n2: [0][0][0]\n"
	    "error 4: misplaced quote in field 5\n");
}

/*
 * The lines of a run are cut without libcsv (split_lines) but for a
 * record with a quoted line break or not well formed, which libcsv
 * reads: the tests below mix the two.
 */
static void
test_plain(void)
{
	reads("cut: quoted cells, delimiters and doubled quotes in them",
	    "a,b,c\n\"x,y\",\"\",\"say \"\"hi\"\"\"\n\"\"\"\",2,\"3\"\r\n",
	    "1: a|b|c\n2: [x,y][][say \"hi\"]\n3: [\"][2][3]\nend\n");
	reads("cut: a quoted cell of sixteen bytes and more",
	    "a,b\n\"0123456789abcdef\",\"0123456789\"\"abcdefgh\"\n",
	    "1: a|b\n2: [0123456789abcdef][0123456789\"abcdefgh]\nend\n");
	fails("cut: a byte after a closing quote goes to libcsv",
	    "a,b\n1,2\n\"x\"y,3\n4,5\n",
	    "1: a|b\n2: [1][2]\nerror 3: misplaced quote in field 1\n");
	fails("cut: a quote inside a bare cell goes to libcsv",
	    "a,b\n1,\"2\"\n3,4\"5\n",
	    "1: a|b\n2: [1][2]\nerror 3: misplaced quote in field 2\n");
	reads("cut: a quoted line break among quoted lines",
	    "a,b\n\"1\",\"x\ny\"\n\"2\",\"z\"\n\"3\",\"\n\"\n4,5\n",
	    "1: a|b\n2: [1][x\ny]\n4: [2][z]\n5: [3][\n]\n7: [4][5]\nend\n");
	reads("plain: lines without quotes around one with",
	    "a,b\n1,2\n3,\"x,y\"\n4,5\n",
	    "1: a|b\n2: [1][2]\n3: [3][x,y]\n4: [4][5]\nend\n");
	reads("plain: a quoted field over three lines between plain ones",
	    "a,b\n1,2\n3,\"x\ny\nz\"\n4,5\n6,\"\"\n7,8\n",
	    "1: a|b\n2: [1][2]\n3: [3][x\ny\nz]\n6: [4][5]\n"
	    "7: [6][]\n8: [7][8]\nend\n");
	reads("plain: quoted lines in a row",
	    "a,b\n\"1\",2\n3,\"4\"\"\"\n\"5\",\"6\"\n7,8\n",
	    "1: a|b\n2: [1][2]\n3: [3][4\"]\n4: [5][6]\n5: [7][8]\nend\n");
	reads("plain: CRLF, empty cells, blank lines, a row of commas",
	    "a,b,c\r\n1,,\r\n\r\n,,\r\n\n,2,\r\n",
	    "1: a|b|c\n2: [1][][]\n6: [][2][]\nend\n");
	reads("plain: spaces and tabs are data",
	    "a,b\n x\t, \n\t,y \n",
	    "1: a|b\n2: [ x\t][ ]\n3: [\t][y ]\nend\n");
	reads("plain: a cell of sixteen bytes and more, across the scan",
	    "a,b\n0123456789abcdef,0123456789abcdefg\n"
	    "0123456789abcde,\n",
	    "1: a|b\n2: [0123456789abcdef][0123456789abcdefg]\n"
	    "3: [0123456789abcde][]\nend\n");
	reads("plain: no line break at the end",
	    "a,b\n1,2\n3,4",
	    "1: a|b\n2: [1][2]\n3: [3][4]\nend\n");
	reads_d("plain: another delimiter, commas are data",
	    "a;b\n1,5;2\n3;\"x;y\"\n", ';',
	    "1: a|b\n2: [1,5][2]\n3: [3][x;y]\nend\n");
	reads_d("plain: a tab delimits, a space is data",
	    "a\tb\n1 \t 2\n\t\n", '\t',
	    "1: a|b\n2: [1 ][ 2]\nend\n");
	fails("plain: a misplaced quote after plain lines names its line",
	    "a,b\n1,2\n3,4\n5,6\"\n7,8\n",
	    "1: a|b\n2: [1][2]\n3: [3][4]\n"
	    "error 4: misplaced quote in field 2\n");
	fails("plain: a short row after plain lines",
	    "a,b\n1,2\n3\n4,5\n",
	    "1: a|b\n2: [1][2]\nerror 3: 1 field, the header has 2\n");
	limited("plain: too many fields",
	    "a,b,c\n1,2,3\n1,2,3,4\n5,6,7\n", 0, 3,
	    "1: a|b|c\n2: [1][2][3]\n"
	    "error 3: record of more than 3 fields\n");
	limited("plain: too many fields before a quoted line's fault",
	    "a,b,c\n1,2,3,4\n5,6\"\n", 0, 3,
	    "1: a|b|c\nerror 2: record of more than 3 fields\n");
}

/*
 * After an error cm_csv_line still says where the last record handed
 * out starts (the header's line 1 when none was), both ways, however
 * often the reader is asked again.  A run reads ahead: the record of too
 * many fields that stops it may come first in its run, with records
 * queued after it.  In a child, so that a read of freed memory (ASan)
 * fails this test only.
 */
static void
line_after_error(const char *name, const char *data, size_t max_record,
    size_t max_fields, long want)
{
	struct cm_csv_opts o = {',', NULL, NULL};
	struct cm_error err;
	struct cm_csv *r;
	long got[2];
	pid_t pid;
	int st, i, rc;

	fflush(stdout);
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(99);
	}
	if (pid == 0) {
		memset(&err, 0, sizeof(err));
		r = cm_csv_open_in(cm_in_open_mem("mem.csv", data,
		    strlen(data), NULL, &err), &o, &err);
		if (r == NULL)
			_exit(2);
		cm_csv_set_limits(r, max_record, max_fields);
		if (ref_path)
			cm_csv_lines_only(r);
		while ((rc = cm_csv_next(r, &err)) == 1)
			;
		for (i = 0; i < 2; i++) {
			got[i] = cm_csv_line(r);
			rc = cm_csv_next(r, &err);
		}
		if (rc != -1 || got[0] != want || got[1] != want) {
			printf("#   rc %d, cm_csv_line %ld then %ld, want %ld\n",
			    rc, got[0], got[1], want);
			fflush(stdout);
			_exit(1);
		}
		cm_csv_close(r);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "line after an error: %s", name);
}

static void
test_line_after_error(void)
{
	struct cm_buf b = {0};
	int i;

	line_after_error("a ragged row: its own line",
	    "a,b\n1,2\n3\n4,5\n", 0, 0, 3);
	line_after_error("a misplaced quote: the record before",
	    "a,b\n1,2\n3,4\"\n5,6\n", 0, 0, 2);
	line_after_error("too many fields: the record before",
	    "a,b,c\n1,2,3\n1,2,3,4\n5,6,7\n", 0, 3, 2);
	/* Four rows in a run of 30 bytes, then one that starts a run. */
	line_after_error("too many fields first in a run: the record before",
	    "a,b,c\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3,4\n5,6,7\n5,6,7\n"
	    "5,6,7\n", 30, 3, 5);
	/* The run's rows after it grow the queue. */
	cm_buf_adds(&b, "a,b,c\n1,2,3,4\n");
	for (i = 0; i < 100; i++)
		cm_buf_printf(&b, "%d,x,y\n", i);
	line_after_error("too many fields first, 100 rows after: the header",
	    b.s, 0, 3, 1);
	cm_buf_free(&b);
}

/*
 * Block edges.  The decoder hands out the first 128 KiB of an input as
 * one block and 64 KiB blocks after it (enc.c), so a run ends where a
 * block does, whatever is there: inside a quoted field, between a CR
 * and its LF, inside a doubled quote.  Each construct below starts at
 * every offset from 47 bytes before the first edge to the edge (and at
 * some before the second), after numbered plain rows that fill the
 * block, so that every byte of it meets an edge.  Both ways, as every
 * test here; the transcripts are known, the rows being numbered.
 */
#define EDGE1	(128 * 1024)
#define EDGE2	(EDGE1 + 64 * 1024)

/*
 * The header "id,text" and plain rows "N,rrr..." (N their line), the last
 * padded so that the input is exactly at bytes long, into in, and their
 * transcript into want.  Returns the line of the next row.
 */
static long
edge_rows(struct cm_buf *in, struct cm_buf *want, size_t at)
{
	/* Long rows: fewer records to write down. */
	static const char r[] = "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
	    "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr";
	long line = 2;
	size_t pad;
	int n;

	cm_buf_reset(in);
	cm_buf_reset(want);
	cm_buf_adds(in, "id,text\n");
	cm_buf_adds(want, "1: id|text\n");
	/* Stop with 32 bytes or more left, for a padded row. */
	while (in->len + (size_t)(n = snprintf(NULL, 0, "%ld,%s\n", line,
	    r)) + 32 <= at) {
		cm_buf_printf(in, "%ld,%s\n", line, r);
		cm_buf_printf(want, "%ld: [%ld][%s]\n", line, line, r);
		line++;
	}
	cm_buf_printf(in, "%ld,", line);
	cm_buf_printf(want, "%ld: [%ld][", line, line);
	for (pad = at - in->len - 1; pad > 0; pad--) {
		cm_buf_addc(in, 'p');
		cm_buf_addc(want, 'p');
	}
	cm_buf_addc(in, '\n');
	cm_buf_adds(want, "]\n");
	return line + 1;
}

/* Bytes "y" to make a row of L's number as long as len in all. */
static void
row_of(struct cm_buf *in, long line, size_t len)
{
	size_t n = (size_t)snprintf(NULL, 0, "%ld,\n", line);

	cm_buf_printf(in, "%ld,", line);
	while (n++ < len)
		cm_buf_addc(in, 'y');
	cm_buf_addc(in, '\n');
}

enum { EDGE_KINDS = 12 };

static const char *const edge_names[EDGE_KINDS] = {
	"a quoted field with LF, CRLF and doubled quotes",
	"doubled quotes across the 16-byte scan",
	"CRLF rows, a quoted cell before CRLF, a blank CRLF line",
	"a misplaced quote after a good row",
	"an unterminated quoted field at the end",
	"a NUL byte after a good row",
	"bare CRs, one inside quotes",
	"empty quoted cells, spaces inside quotes, all-empty rows",
	"a space after a closing quote",
	"a long line and a long quoted field",
	"a row of too many fields (limit 2)",
	"rows of 200 bytes and of 201 (limit 200)",
};

/* Construct kind at line L onto in, its transcript onto want. */
static void
edge_construct(int kind, long L, struct cm_buf *in, struct cm_buf *want)
{
	int i;

	switch (kind) {
	case 0:
		cm_buf_printf(in, "%ld,\"x\ny\r\n\"\"z\"\"\"\n%ld,after\n", L,
		    L + 3);
		cm_buf_printf(want, "%ld: [%ld][x\ny\r\n\"z\"]\n"
		    "%ld: [%ld][after]\nend\n", L, L, L + 3, L + 3);
		break;
	case 1:
		cm_buf_printf(in, "%ld,\"0123456789abcd\"\"ef\"\",\"\"g\"\n"
		    "%ld,\"\"\"\"\n", L, L + 1);
		cm_buf_printf(want, "%ld: [%ld][0123456789abcd\"ef\",\"g]\n"
		    "%ld: [%ld][\"]\nend\n", L, L, L + 1, L + 1);
		break;
	case 2:
		cm_buf_printf(in, "%ld,a\r\n%ld,\"b\"\r\n\r\n%ld,c\r\n", L,
		    L + 1, L + 3);
		cm_buf_printf(want, "%ld: [%ld][a]\n%ld: [%ld][b]\n"
		    "%ld: [%ld][c]\nend\n", L, L, L + 1, L + 1, L + 3, L + 3);
		break;
	case 3:
		cm_buf_printf(in, "%ld,ok\n%ld,x\"y\n%ld,z\n", L, L + 1,
		    L + 2);
		cm_buf_printf(want, "%ld: [%ld][ok]\n"
		    "error %ld: misplaced quote in field 2\n", L, L, L + 1);
		break;
	case 4:
		cm_buf_printf(in, "%ld,ok\n%ld,\"open\nmore\n", L, L + 1);
		cm_buf_printf(want, "%ld: [%ld][ok]\n"
		    "error %ld: unterminated quoted field in field 2\n", L, L,
		    L + 1);
		break;
	case 5:
		cm_buf_printf(in, "%ld,ok\n%ld,a", L, L + 1);
		cm_buf_add(in, "\0b\n", 3);
		cm_buf_printf(want, "%ld: [%ld][ok]\n"
		    "error %ld: NUL byte in field 2\n", L, L, L + 1);
		break;
	case 6:
		cm_buf_printf(in, "%ld,a\r%ld,b\r\n%ld,\"c\rd\"\n%ld,e\n", L,
		    L + 1, L + 2, L + 4);
		cm_buf_printf(want, "%ld: [%ld][a]\n%ld: [%ld][b]\n"
		    "%ld: [%ld][c\rd]\n%ld: [%ld][e]\nend\n", L, L, L + 1,
		    L + 1, L + 2, L + 2, L + 4, L + 4);
		break;
	case 7:
		cm_buf_printf(in, "%ld,\"\"\n%ld,\" a \"\"b\"\" \"\n,\n\"\",\"\"\n"
		    "%ld,x\n", L, L + 1, L + 4);
		cm_buf_printf(want, "%ld: [%ld][]\n%ld: [%ld][ a \"b\" ]\n"
		    "%ld: [%ld][x]\nend\n", L, L, L + 1, L + 1, L + 4, L + 4);
		break;
	case 8:
		cm_buf_printf(in, "%ld,ok\n%ld,\"a\" \n", L, L + 1);
		cm_buf_printf(want, "%ld: [%ld][ok]\n"
		    "error %ld: misplaced quote in field 2\n", L, L, L + 1);
		break;
	case 9:
		cm_buf_printf(in, "%ld,", L);
		cm_buf_printf(want, "%ld: [%ld][", L, L);
		for (i = 0; i < 300; i++) {
			cm_buf_addc(in, 'w');
			cm_buf_addc(want, 'w');
		}
		cm_buf_printf(in, "\n%ld,\"", L + 1);
		cm_buf_printf(want, "]\n%ld: [%ld][", L + 1, L + 1);
		for (i = 0; i < 200; i++) {
			cm_buf_addc(in, i == 100 ? '\n' : 'q');
			cm_buf_addc(want, i == 100 ? '\n' : 'q');
		}
		cm_buf_printf(in, "\"\n%ld,z\n", L + 3);
		cm_buf_printf(want, "]\n%ld: [%ld][z]\nend\n", L + 3, L + 3);
		break;
	case 10:
		cm_buf_printf(in, "%ld,ok\n%ld,a,b\n%ld,c\n", L, L + 1, L + 2);
		cm_buf_printf(want, "%ld: [%ld][ok]\n"
		    "error %ld: record of more than 2 fields\n", L, L, L + 1);
		break;
	case 11:
		row_of(in, L, 200);
		cm_buf_printf(want, "%ld: [%ld][", L, L);
		for (i = snprintf(NULL, 0, "%ld,\n", L); i < 200; i++)
			cm_buf_addc(want, 'y');
		cm_buf_adds(want, "]\n");
		row_of(in, L + 1, 201);
		cm_buf_printf(want, "error %ld: record longer than 200 "
		    "bytes\n", L + 1);
		break;
	}
}

/* The end of a transcript, for a failure's message. */
static const char *
tail(const struct cm_buf *b)
{
	return cm_buf_str(b) + (b->len > 200 ? b->len - 200 : 0);
}

static void
test_block_edges(void)
{
	struct cm_buf in = {0}, want = {0};
	struct run t;
	size_t k, at, in0, want0;
	int kind, pass, good[EDGE_KINDS], shown[EDGE_KINDS];
	long L;

	for (kind = 0; kind < EDGE_KINDS; kind++)
		good[kind] = 1, shown[kind] = 0;
	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < 48; k += pass ? 7 : 1) {
			at = (pass ? EDGE2 : EDGE1) - k;
			L = edge_rows(&in, &want, at);
			in0 = in.len;
			want0 = want.len;
			for (kind = 0; kind < EDGE_KINDS; kind++) {
				in.len = in0;
				want.len = want0;
				edge_construct(kind, L, &in, &want);
				if (kind == 10)
					run_limited(&t, in.s, in.len, 0, 2);
				else if (kind == 11)
					run_limited(&t, in.s, in.len, 200, 0);
				else
					run_mem(&t, in.s, in.len, ',', NULL,
					    NULL);
				if (strcmp(cm_buf_str(&t.out),
				    cm_buf_str(&want)) != 0) {
					good[kind] = 0;
					if (!shown[kind]++)
						printf("# %s: %zu bytes before "
						    "the edge at %d\n#   got: "
						    "...%s#  want: ...%s",
						    edge_names[kind], k,
						    pass ? EDGE2 : EDGE1,
						    tail(&t.out), tail(&want));
				}
				cm_buf_free(&t.out);
			}
		}
	for (kind = 0; kind < EDGE_KINDS; kind++)
		ok(good[kind], "block edges: %s", edge_names[kind]);
	cm_buf_free(&in);
	cm_buf_free(&want);
}

/* The bytes that matter to the reader, for random inputs. */
static const char noise[] = "ab,,\"\"\n\n\r \t;\xc3\xa9";

/* The next number of a fixed sequence (MMIX's LCG): a failure repeats. */
static unsigned long
lcg(unsigned long *x)
{
	return *x = *x * 6364136223846793005UL + 1442695040888963407UL;
}

/* n bytes of noise, at random, at the end of b. */
static void
add_noise(struct cm_buf *b, unsigned long *x, int n)
{
	int i;

	for (i = 0; i < n; i++)
		cm_buf_addc(b, noise[(lcg(x) >> 33) % (sizeof(noise) - 1)]);
}

/* Whether two readings went alike; frees both transcripts. */
static int
alike(struct run *a, struct run *b)
{
	int same = strcmp(cm_buf_str(&a->out), cm_buf_str(&b->out)) == 0 &&
	    a->status == b->status;

	cm_buf_free(&a->out);
	cm_buf_free(&b->out);
	return same;
}

/*
 * Random rows of noise (see add_noise), after plain
 * rows that end up to 300 bytes before a block edge, so that what the
 * random test reads in one block is read here over an edge: both ways
 * alike, a quarter of them under lowered limits.
 */
static void
test_random_block_edges(void)
{
	unsigned long x = 20261130;
	struct cm_buf in = {0}, want = {0};
	struct run fast, ref;
	size_t max_record, max_fields;
	int i, bad = 0;

	for (i = 0; i < 300; i++) {
		lcg(&x);
		edge_rows(&in, &want, (i % 2 ? EDGE2 : EDGE1) -
		    (size_t)((x >> 33) % 300));
		max_record = (x >> 20) % 4 == 0 ? 150 + (x >> 24) % 100 : 0;
		max_fields = (x >> 22) % 4 == 0 ? 2 + (x >> 26) % 2 : 0;
		add_noise(&in, &x, 20 + (int)((x >> 40) % 400));
		ref_path = 0;
		run_limited(&fast, in.s, in.len, max_record, max_fields);
		ref_path = 1;
		run_limited(&ref, in.s, in.len, max_record, max_fields);
		ref_path = 0;
		if (bad == 0 && strcmp(cm_buf_str(&fast.out),
		    cm_buf_str(&ref.out)) != 0)
			printf("# input %d\n#   got: ...%s#  want: ...%s", i,
			    tail(&fast.out), tail(&ref.out));
		bad += !alike(&fast, &ref);
	}
	cm_buf_free(&in);
	cm_buf_free(&want);
	is_int(bad, 0, "300 random tails over block edges read alike both "
	    "ways");
}

/* A delimiter the reader cannot cut by (-d refuses them too). */
static void
test_bad_delimiter(void)
{
	static const char bad[] = "\"\n\r";
	size_t i;
	struct run t;
	char name[64];

	for (i = 0; i < sizeof(bad) - 1; i++) {
		run_mem(&t, "a,b\n1,2\n", 8, bad[i], NULL, NULL);
		snprintf(name, sizeof(name), "delimiter 0x%02x refused",
		    (unsigned)bad[i]);
		is_str(cm_buf_str(&t.out), "open error 0:0: invalid delimiter "
		    "(a quote or a line break)\n", name);
		is_int(t.status, CM_USAGE, "  with status 2");
		cm_buf_free(&t.out);
	}
}

/*
 * Random inputs over the bytes that matter to the reader, read both
 * ways: the fast paths must hand out what line-by-line libcsv does,
 * records, lines and errors alike.  A fixed seed, so a failure repeats;
 * fuzz-csv goes on from here.
 */
static void
test_random_both_ways(void)
{
	unsigned long x = 20261129;
	struct cm_buf in = {0};
	struct run fast, ref;
	int i, bad = 0, delim;

	for (i = 0; i < 20000; i++) {
		cm_buf_reset(&in);
		delim = (lcg(&x) >> 60) % 3 == 0 ? ';' : ',';
		cm_buf_adds(&in, delim == ';' ? "a;b;c\n" : "a,b,c\n");
		add_noise(&in, &x, (int)((x >> 33) % 120));
		ref_path = 0;
		run_mem(&fast, in.s, in.len, (char)delim, NULL, NULL);
		ref_path = 1;
		run_mem(&ref, in.s, in.len, (char)delim, NULL, NULL);
		ref_path = 0;
		if (bad == 0 && strcmp(cm_buf_str(&fast.out),
		    cm_buf_str(&ref.out)) != 0)
			is_str(cm_buf_str(&fast.out), cm_buf_str(&ref.out),
			    cm_buf_str(&in));
		bad += !alike(&fast, &ref);
	}
	cm_buf_free(&in);
	is_int(bad, 0, "20,000 random inputs read alike both ways");
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	for (ref_path = 0; ref_path <= 1; ref_path++) {
		if (ref_path)
			printf("# again, line by line through libcsv "
			    "alone\n");
		test_basic();
		test_cr_block_edge();
		test_quoting();
		test_lines();
		test_errors();
		test_delimiters();
		test_columns();
		test_gb18030();
		test_file();
		test_long();
		test_error_is_final();
		test_open_error_file();
		test_nul();
		test_nul_far();
		test_record_limit();
		test_fields_limit();
		test_header_limit();
		test_big_field();
		test_wide_header();
		test_runs();
		test_plain();
		test_block_edges();
		test_line_after_error();
	}
	ref_path = 0;
	test_bad_delimiter();
	test_random_both_ways();
	test_random_block_edges();
	rmdir(tmpdir);
	return done_testing();
}
