/*
 * t-enc.c: the decoding layer (enc.h).  Every decode is compared byte for
 * byte with the expected UTF-8; files are real temporary files so that
 * cm_in_open's block reads meet the same edges as the memory variant.
 * With T_ENC_DEBUG=1 in the environment, the validator's disagreements
 * with the reference decoder are printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "enc.h"
#include "msg.h"
#include "tap.h"

#define KB64	65536

/* "客户名称,总体评价\r\n" in GB18030, made with iconv(1). */
static const char gb_line[] =
    "\xbf\xcd\xbb\xa7\xc3\xfb\xb3\xc6\x2c\xd7\xdc\xcc\xe5\xc6\xc0\xbc"
    "\xdb\x0d\x0a";
/* The same text in UTF-8. */
static const char u8_line[] =
    "\xe5\xae\xa2\xe6\x88\xb7\xe5\x90\x8d\xe7\xa7\xb0\x2c\xe6\x80\xbb"
    "\xe4\xbd\x93\xe8\xaf\x84\xe4\xbb\xb7\x0d\x0a";
/* And in UTF-16LE, without BOM. */
static const char u16le_line[] =
    "\xa2\x5b\x37\x62\x0d\x54\xf0\x79\x2c\x00\x3b\x60\x53\x4f\xc4\x8b"
    "\xf7\x4e\x0d\x00\x0a\x00";

/* What one whole decode gave. */
struct res {
	int rc;			/* 0 the end, -1 an error, -2 no open */
	struct cm_error err;
	char file[256];		/* err.file, copied before the close */
	char enc[64];
	struct cm_buf out;
	size_t blocks;
	int inside;		/* every block pointed into the input */
};

static char tmpdir[256];

static void
drain(struct cm_in *in, struct res *r, const char *lo, const char *hi)
{
	const char *b;
	size_t n;
	int rc;

	r->inside = 1;
	while ((rc = cm_in_read(in, &b, &n, &r->err)) == 1) {
		cm_buf_add(&r->out, b, n);
		r->blocks++;
		if (lo == NULL || (uintptr_t)b < (uintptr_t)lo ||
		    (uintptr_t)(b + n) > (uintptr_t)hi)
			r->inside = 0;
	}
	r->rc = rc;
	if (rc < 0 && r->err.file != NULL)
		snprintf(r->file, sizeof(r->file), "%s", r->err.file);
	snprintf(r->enc, sizeof(r->enc), "%s", cm_in_encoding(in));
}

static void
res_init(struct res *r)
{
	memset(r, 0, sizeof(*r));
}

static void
run_mem(struct res *r, const void *data, size_t len, const char *enc)
{
	struct cm_in *in;

	res_init(r);
	in = cm_in_open_mem("mem.csv", data, len, enc, &r->err);
	if (in == NULL) {
		r->rc = -2;
		return;
	}
	drain(in, r, data, (const char *)data + len);
	cm_in_close(in);
}

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

static void
run_file(struct res *r, const void *data, size_t len, const char *enc)
{
	struct cm_in *in;
	const char *path = write_tmp("in.csv", data, len);

	res_init(r);
	in = cm_in_open(path, enc, &r->err);
	if (in == NULL) {
		r->rc = -2;
		return;
	}
	drain(in, r, NULL, NULL);
	cm_in_close(in);
	unlink(path);
}

static int
same(const struct res *r, const void *want, size_t n)
{
	return r->rc == 0 && r->out.len == n &&
	    (n == 0 || memcmp(r->out.s, want, n) == 0);
}

/* Decode data by memory and by file; both must give want exactly. */
static void
decodes(const char *name, const void *data, size_t len, const char *enc,
    const void *want, size_t wlen, const char *wenc)
{
	struct res r;

	run_mem(&r, data, len, enc);
	if (!ok(same(&r, want, wlen), "%s (memory)", name))
		printf("#   rc %d, %zu bytes, want %zu; %s\n", r.rc, r.out.len,
		    wlen, r.err.msg);
	is_str(r.enc, wenc, "  encoding");
	cm_buf_free(&r.out);
	run_file(&r, data, len, enc);
	if (!ok(same(&r, want, wlen), "%s (file)", name))
		printf("#   rc %d, %zu bytes, want %zu; %s\n", r.rc, r.out.len,
		    wlen, r.err.msg);
	cm_buf_free(&r.out);
}

/* Decode data by memory and by file; both must fail the same way. */
static void
fails(const char *name, const void *data, size_t len, const char *enc,
    int status, long line, const char *msg)
{
	struct res r;
	char path[512];
	int i;

	snprintf(path, sizeof(path), "%s/in.csv", tmpdir);
	for (i = 0; i < 2; i++) {
		if (i == 0)
			run_mem(&r, data, len, enc);
		else
			run_file(&r, data, len, enc);
		ok(r.rc == -1, "%s (%s): fails", name, i ? "file" : "memory");
		is_int(r.err.status, status, "  status");
		is_int(r.err.line, line, "  line");
		if (msg != NULL)
			is_str(r.err.msg, msg, "  message");
		is_str(r.file, i ? path : "mem.csv", "  file");
		cm_buf_free(&r.out);
	}
}

static void
test_basic(void)
{
	static const char plain[] = "id,name\n1,\xe5\xae\xa2\xe6\x88\xb7\n";
	static const char bom[] = "\xef\xbb\xbfid,name\n1,x\n";
	static const char crlf[] = "a,b\r\n1,2\r\n\r\n";
	struct res r;

	decodes("plain UTF-8", plain, sizeof(plain) - 1, NULL, plain,
	    sizeof(plain) - 1, "UTF-8");
	decodes("plain UTF-8, --encoding utf8", plain, sizeof(plain) - 1,
	    "utf8", plain, sizeof(plain) - 1, "UTF-8");
	decodes("UTF-8 BOM dropped", bom, sizeof(bom) - 1, "auto", bom + 3,
	    sizeof(bom) - 4, "UTF-8");
	decodes("UTF-8 BOM dropped under --encoding UTF-8", bom,
	    sizeof(bom) - 1, "UTF-8", bom + 3, sizeof(bom) - 4, "UTF-8");
	decodes("CRLF untouched", crlf, sizeof(crlf) - 1, NULL, crlf,
	    sizeof(crlf) - 1, "UTF-8");
	decodes("empty input", "", 0, NULL, "", 0, "UTF-8");
	decodes("only a BOM", "\xef\xbb\xbf", 3, NULL, "", 0, "UTF-8");

	run_mem(&r, plain, sizeof(plain) - 1, NULL);
	ok(r.inside && r.blocks == 1, "UTF-8 memory input is handed out "
	    "in place");
	cm_buf_free(&r.out);
}

static void
test_gb18030(void)
{
	struct cm_buf in = { 0 }, want = { 0 };
	int i;

	decodes("GB18030 detected", gb_line, sizeof(gb_line) - 1, NULL,
	    u8_line, sizeof(u8_line) - 1, "GB18030");
	decodes("--encoding gbk", gb_line, sizeof(gb_line) - 1, "gbk",
	    u8_line, sizeof(u8_line) - 1, "gbk");
	decodes("--encoding GB18030 drops its BOM 84 31 95 33",
	    "\x84\x31\x95\x33" "a\n", 6, "GB18030", "a\n", 2, "GB18030");

	/* One byte first, so that two-byte characters straddle each block. */
	cm_buf_adds(&in, "x");
	cm_buf_adds(&want, "x");
	for (i = 0; i < 20000; i++) {
		cm_buf_add(&in, gb_line, sizeof(gb_line) - 1);
		cm_buf_add(&want, u8_line, sizeof(u8_line) - 1);
	}
	decodes("GB18030 over many blocks", in.s, in.len, NULL, want.s,
	    want.len, "GB18030");

	cm_buf_reset(&in);
	cm_buf_add(&in, gb_line, sizeof(gb_line) - 1);
	cm_buf_add(&in, gb_line, sizeof(gb_line) - 1);
	cm_buf_adds(&in, "ab\x81\x20" "cd\r\n");
	fails("bad GB18030 on line 3", in.s, in.len, NULL, CM_DATA, 3,
	    "undecodable byte sequence 0x81 0x20 in input detected as "
	    "GB18030, and not UTF-8 either (0xBF at line 1); name the "
	    "encoding with --encoding");
	fails("bad GB18030 on line 3, named", in.s, in.len, "gb18030",
	    CM_DATA, 3, "invalid gb18030 byte sequence 0x81 0x20");

	cm_buf_reset(&in);
	cm_buf_add(&in, gb_line, sizeof(gb_line) - 1);
	cm_buf_adds(&in, "\xbf");
	fails("GB18030 cut at the end", in.s, in.len, "GB18030", CM_DATA, 2,
	    "truncated GB18030 byte sequence 0xBF at end of input");

	cm_buf_free(&in);
	cm_buf_free(&want);
}

static void
test_utf16(void)
{
	char le[64], be[64], want[64];
	size_t n = sizeof(u16le_line) - 1, i;

	le[0] = '\xff';
	le[1] = '\xfe';
	memcpy(le + 2, u16le_line, n);
	be[0] = '\xfe';
	be[1] = '\xff';
	for (i = 0; i < n; i += 2) {
		be[2 + i] = u16le_line[i + 1];
		be[3 + i] = u16le_line[i];
	}
	decodes("UTF-16LE with BOM", le, n + 2, NULL, u8_line,
	    sizeof(u8_line) - 1, "UTF-16LE");
	decodes("UTF-16BE with BOM", be, n + 2, NULL, u8_line,
	    sizeof(u8_line) - 1, "UTF-16BE");
	decodes("--encoding UTF-16LE drops the BOM", le, n + 2, "UTF-16LE",
	    u8_line, sizeof(u8_line) - 1, "UTF-16LE");
	fails("UTF-16LE of odd length", le, n + 1, NULL, CM_DATA, 1,
	    "truncated byte sequence 0x0A at end of input detected as "
	    "UTF-16LE; name the encoding with --encoding");

	/* Without a BOM: NULs at every other place give it away. */
	memcpy(le, u16le_line, n);
	memcpy(le + n, u16le_line, n);
	for (i = 0; i < 2 * n; i += 2) {
		be[i] = le[i + 1];
		be[i + 1] = le[i];
	}
	memcpy(want, u8_line, sizeof(u8_line) - 1);
	memcpy(want + sizeof(u8_line) - 1, u8_line, sizeof(u8_line) - 1);
	decodes("UTF-16LE without a BOM, detected", le, 2 * n, NULL, want,
	    2 * (sizeof(u8_line) - 1), "UTF-16LE");
	decodes("UTF-16BE without a BOM, detected", be, 2 * n, NULL, want,
	    2 * (sizeof(u8_line) - 1), "UTF-16BE");
	fails("UTF-16LE without a BOM, read as UTF-8", le, 2 * n, "utf-8",
	    CM_DATA, 1, "input looks like UTF-16LE without a BOM (a NUL byte "
	    "in every other place), not UTF-8; name it with --encoding "
	    "utf-16le");
	fails("UTF-16BE without a BOM, read as UTF-8", be, 2 * n, "utf8",
	    CM_DATA, 1, "input looks like UTF-16BE without a BOM (a NUL byte "
	    "in every other place), not UTF-8; name it with --encoding "
	    "utf-16be");
	/* A stray NUL or two is no UTF-16: the CSV reader refuses it. */
	decodes("a few NULs are not UTF-16", "a,b\n1,\0\n2,\0\n", 10, NULL,
	    "a,b\n1,\0\n2,\0\n", 10, "UTF-8");
}

/* cp1252 0x80 is U+20AC: each input byte becomes three output bytes. */
static void
test_growth(void)
{
	size_t n = 200000, i;
	char *in = malloc(n), *want = malloc(3 * n);

	for (i = 0; i < n; i++) {
		in[i] = '\x80';
		memcpy(want + 3 * i, "\xe2\x82\xac", 3);
	}
	decodes("output three times the input", in, n, "cp1252", want,
	    3 * n, "cp1252");
	free(in);
	free(want);
}

/*
 * Lines of varied ASCII (control bytes next to '\n' included, for the
 * word-wise newline count) and CJK, then bad at offset at.
 */
static size_t
mixed(char *b, size_t at, const char *bad, size_t badlen, long *line)
{
	static const char cjk[] = "\xe4\xbd\xa0\xe5\xa5\xbd";
	uint32_t seed = 12345;
	size_t i = 0, k;
	long nl = 0;

	while (i < at) {
		seed = seed * 1103515245 + 12345;
		k = (seed >> 16) % 10;
		if (k == 0 && i + 6 <= at) {
			memcpy(b + i, cjk, 6);
			i += 6;
		} else if (k < 3) {
			b[i++] = '\n';
			nl++;
		} else {
			b[i] = (char)(1 + (seed >> 8) % 127);
			nl += b[i++] == '\n';
		}
	}
	memcpy(b + i, bad, badlen);
	i += badlen;
	memcpy(b + i, "tail\n", 5);
	*line = nl + 1;
	return i + 5;
}

static void
test_utf8_errors(void)
{
	static const char trunc[] = "a,b\n1,\xe4\xbd";
	char *b = malloc(4 * KB64);
	size_t n;
	long line;

	n = mixed(b, KB64 + 5000, "\xff", 1, &line);
	fails("bad byte past 64 KiB", b, n, NULL, CM_DATA, line,
	    "undecodable byte 0xFF in input detected as UTF-8; name the "
	    "encoding with --encoding");
	fails("bad byte past 64 KiB, named", b, n, "utf-8", CM_DATA, line,
	    "invalid UTF-8 byte 0xFF (input read as UTF-8; try --encoding "
	    "gb18030)");
	n = mixed(b, 3 * KB64 + 17, "\xc3\x28", 2, &line);
	fails("bad sequence three blocks in", b, n, "UTF8", CM_DATA, line,
	    "invalid UTF-8 sequence 0xC3 0x28 (input read as UTF-8; try "
	    "--encoding gb18030)");
	n = mixed(b, 100, "\xed\xa0\x80", 3, &line);
	fails("surrogate", b, n, "utf-8", CM_DATA, line,
	    "invalid UTF-8 sequence 0xED 0xA0 (input read as UTF-8; try "
	    "--encoding gb18030)");

	fails("bad byte after a UTF-8 BOM", "\xef\xbb\xbf" "a\n\xff\n", 7, NULL,
	    CM_DATA, 2, "undecodable byte 0xFF in input detected as UTF-8; "
	    "name the encoding with --encoding");
	fails("UTF-8 cut at the end", trunc, sizeof(trunc) - 1, "utf-8",
	    CM_DATA, 2, "truncated UTF-8 sequence 0xE4 0xBD at end of input "
	    "(input read as UTF-8; try --encoding gb18030)");
	/*
	 * A UTF-8 export cut inside its last character (a truncated file)
	 * is UTF-8 still: decoded as GB18030 every Chinese character of it
	 * would be garbage, and no error.
	 */
	fails("UTF-8 with Chinese cut at the end, detected",
	    "\xe5\xae\xa2\xe6\x88\xb7,\xe8\xaf\x84\xe4\xbb\xb7\n"
	    "\xe5\x8d\x8e\xe5\x8d\x97,\xe5\xbe\x88\xe6\xbb", 26, NULL,
	    CM_DATA, 2, "truncated sequence 0xE6 0xBB at end of input "
	    "detected as UTF-8; name the encoding with --encoding");
	/* A bad byte in the window of a mostly UTF-8 file: UTF-8's fault. */
	fails("UTF-8 with a bad byte in the window, detected",
	    "\xe5\xae\xa2\xe6\x88\xb7,\xe8\xaf\x84\xe4\xbb\xb7\n"
	    "\xe5\x8d\x8e\xe5\x8d\x97,5\n\xff,4\n", 27, NULL,
	    CM_DATA, 3, "undecodable byte 0xFF in input detected as UTF-8; "
	    "name the encoding with --encoding");
	/* A file of bare CR line ends counts its lines by them. */
	fails("bad byte in a bare-CR file names its line",
	    "a,b\r1,2\r\xff,3\r", 12, "utf-8", CM_DATA, 3,
	    "invalid UTF-8 byte 0xFF (input read as UTF-8; try --encoding "
	    "gb18030)");
	fails("bad GB18030 in a bare-CR file names its line",
	    "a,b\r1,2\r\x81\x20,3\r", 13, "gb18030", CM_DATA, 3,
	    "invalid gb18030 byte sequence 0x81 0x20");
	/* Cut by the true end, it is not UTF-8 at all: E4 BD is GB18030. */
	decodes("UTF-8 cut at the end, detected", trunc, sizeof(trunc) - 1,
	    NULL, "a,b\n1,\xe6\xb5\xa3", 9, "GB18030");

	/* Past the detection window, a cut sequence is UTF-8's to report. */
	memset(b, 'a', 2 * KB64);
	memcpy(b + 2 * KB64 - 2, "\xe4\xbd", 2);
	fails("UTF-8 cut at the end past 64 KiB", b, 2 * KB64, NULL, CM_DATA,
	    1, "truncated sequence 0xE4 0xBD at end of input detected as "
	    "UTF-8; name the encoding with --encoding");
	free(b);
}

/* The 64 KiB window: cut by its edge is valid, cut by the end is not. */
static void
test_window(void)
{
	char *b = malloc(2 * KB64), *want = malloc(2 * KB64);

	memset(b, 'a', KB64 + 1);
	memcpy(b + KB64 - 2, "\xe4\xbd\xa0", 3);
	decodes("character cut by the 64 KiB edge", b, KB64 + 1, NULL, b,
	    KB64 + 1, "UTF-8");
	memset(want, 'a', KB64);
	memcpy(want + KB64 - 2, "\xe6\xb5\xa3", 3);
	decodes("character cut by an end at 64 KiB", b, KB64, NULL, want,
	    KB64 + 1, "GB18030");
	free(b);
	free(want);
}

/* Multibyte characters across the window and every read block. */
static void
test_blocks(void)
{
	static const struct {
		size_t at;
		const char *s;
		size_t n;
	} cut[] = {
		{ KB64 - 1, "\xe4\xbd\xa0", 3 },
		{ 2 * KB64 - 2, "\xe4\xbd\xa0", 3 },
		{ 3 * KB64 - 1, "\xc3\xa9", 2 },
		{ 4 * KB64 - 3, "\xf0\x9f\x98\x80", 4 },
		{ 5 * KB64 - 2, "\xf0\x9f\x98\x80", 4 },
		{ 6 * KB64 - 1, "\xf0\x9f\x98\x80", 4 },
	};
	size_t n = 6 * KB64 + 100, i = 0, k = 0;
	char *b = malloc(n);
	struct res r;

	while (i < n) {
		if (k < sizeof(cut) / sizeof(cut[0]) && i == cut[k].at) {
			memcpy(b + i, cut[k].s, cut[k].n);
			i += cut[k++].n;
		} else {
			b[i] = i % 61 == 60 ? '\n' : 'a' + i % 26;
			i++;
		}
	}
	decodes("characters across block edges", b, n, NULL, b, n, "UTF-8");
	run_mem(&r, b, n, NULL);
	ok(r.inside && r.blocks > 2, "several blocks, all in place (%zu)",
	    r.blocks);
	cm_buf_free(&r.out);
	free(b);
}

static void
test_open(void)
{
	struct cm_error err;
	struct cm_in *in;
	struct res r;
	char want[600];
	const char *p;
	size_t n;
	int fd, saved;

	memset(&err, 0, sizeof(err));
	in = cm_in_open_mem("x", "a", 1, "klingon", &err);
	ok(in == NULL, "unknown encoding fails");
	is_int(err.status, CM_USAGE, "  status");
	is_str(err.msg, "unknown encoding 'klingon'", "  message");
	in = cm_in_open_mem("x", "a", 1, "gb18030//IGNORE", &err);
	ok(in == NULL && err.status == CM_USAGE, "an iconv suffix is no "
	    "encoding");
	in = cm_in_open_mem("x", "a", 1, "", &err);
	ok(in == NULL && err.status == CM_USAGE, "nor is ''");

	memset(&err, 0, sizeof(err));
	in = cm_in_open("/nonexistent/in.csv", NULL, &err);
	ok(in == NULL, "missing file fails");
	is_int(err.status, CM_SYSTEM, "  status");
	is_str(err.msg, "cannot open '/nonexistent/in.csv': No such file "
	    "or directory", "  message");
	ok(err.file == NULL, "  no file position");
	in = cm_in_open("/nonexistent/in.csv", "klingon", &err);
	ok(in == NULL && err.status == CM_USAGE, "bad encoding before "
	    "missing file");

	res_init(&r);
	in = cm_in_open(tmpdir, NULL, &r.err);
	drain(in, &r, NULL, NULL);
	cm_in_close(in);
	ok(r.rc == -1 && r.err.status == CM_SYSTEM, "reading a directory "
	    "fails");
	snprintf(want, sizeof(want), "read error on %s: Is a directory",
	    tmpdir);
	is_str(r.err.msg, want, "  message");

	in = cm_in_open_mem("m", "\xff", 1, "utf-8", &err);
	ok(cm_in_read(in, &p, &n, &err) == -1 &&
	    cm_in_read(in, &p, &n, &err) == -1 && err.status == CM_DATA,
	    "an error stays");
	cm_in_close(in);
	in = cm_in_open_mem("m", "a", 1, NULL, &err);
	is_str(cm_in_encoding(in), "auto", "encoding before the first read");
	ok(cm_in_read(in, &p, &n, &err) == 1 && n == 1 &&
	    cm_in_read(in, &p, &n, &err) == 0 &&
	    cm_in_read(in, &p, &n, &err) == 0, "the end stays");
	cm_in_close(in);

	/* Standard input, here a file holding GB18030. */
	fd = open(write_tmp("stdin.csv", gb_line, sizeof(gb_line) - 1),
	    O_RDONLY);
	saved = dup(0);
	dup2(fd, 0);
	close(fd);
	res_init(&r);
	in = cm_in_open("-", NULL, &r.err);
	is_str(cm_in_name(in), "(standard input)", "'-' is standard input");
	drain(in, &r, NULL, NULL);
	cm_in_close(in);
	ok(same(&r, u8_line, sizeof(u8_line) - 1), "  and reads it");
	in = cm_in_open(NULL, NULL, &r.err);
	is_str(cm_in_name(in), "(standard input)", "so is NULL");
	cm_in_close(in);
	ok(fcntl(0, F_GETFD) != -1, "  left open");
	dup2(saved, 0);
	close(saved);
	cm_buf_free(&r.out);
	unlink(write_tmp("stdin.csv", "", 0));
}

/*
 * Feed data to standard input through a pipe: first bytes, then the rest
 * one byte at a time with pauses, so that reads return single bytes and a
 * character arrives in pieces.  Decodes it with enc into r.
 */
static void
run_pipe(struct res *r, const char *data, size_t len, size_t first,
    const char *enc)
{
	struct cm_in *in;
	int fd[2], saved;
	size_t i;
	pid_t pid;

	res_init(r);
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		perror("pipe");
		exit(99);
	}
	if (pid == 0) {
		close(fd[0]);
		if (write(fd[1], data, first) != (ssize_t)first)
			_exit(1);
		for (i = first; i < len; i++) {
			usleep(20000);
			if (write(fd[1], data + i, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	close(fd[1]);
	saved = dup(0);
	dup2(fd[0], 0);
	close(fd[0]);
	in = cm_in_open(NULL, enc, &r->err);
	drain(in, r, NULL, NULL);
	cm_in_close(in);
	dup2(saved, 0);
	close(saved);
	waitpid(pid, NULL, 0);
}

static void
test_pipe(void)
{
	size_t n = KB64 + 100, i;
	char *b = malloc(n + 8), *g = malloc(n + 8), *want = malloc(2 * n);
	struct res r;

	memset(b, 'a', n);
	memcpy(b + n, "\xe4\xbd\xa0\n", 4);
	run_pipe(&r, b, n + 4, n + 1, NULL);
	ok(same(&r, b, n + 4), "UTF-8 arriving a byte at a time");
	ok(r.blocks >= 2, "  in several blocks");
	cm_buf_free(&r.out);

	memset(g, 'a', n);
	memcpy(g + n, "\x90\x30\x81\x30\n", 5);	/* U+10000 */
	memset(want, 'a', n);
	memcpy(want + n, "\xf0\x90\x80\x80\n", 5);
	run_pipe(&r, g, n + 5, n, "gb18030");
	ok(same(&r, want, n + 5), "GB18030 arriving a byte at a time");
	cm_buf_free(&r.out);
	for (i = 0; i < 2; i++) {
		/* E4 BD is whole in GB18030, E4 BD A0 in UTF-8. */
		run_pipe(&r, b, n + 2 + i, n + 1, i ? "gb18030" : "utf-8");
		ok(r.rc == -1 && r.err.status == CM_DATA &&
		    strstr(r.err.msg, "truncated") != NULL,
		    "a pipe closed inside a character (%d: %s)", r.rc,
		    r.err.msg);
		cm_buf_free(&r.out);
	}
	free(b);
	free(g);
	free(want);
}

static size_t
vp(const char *s, int *inc)
{
	return cm_utf8_valid_prefix(s, strlen(s), inc);
}

static void
prefix_is(const char *s, size_t want, int winc, const char *name)
{
	int inc = -1;
	size_t got = vp(s, &inc);

	if (!ok(got == want && inc == winc, "valid prefix: %s", name))
		printf("#   got %zu/%d, want %zu/%d\n", got, inc, want, winc);
}

/*
 * The slow, obvious decoder: code point from the bit patterns, then the
 * shortest form, the surrogate gap and the U+10FFFF ceiling.  Returns the
 * length of the one character in s[0..n) or 0 when that is not exactly
 * one valid character.
 */
static size_t
ref_char(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		len = 1, cp = s[0];
	else if ((s[0] & 0xE0) == 0xC0)
		len = 2, cp = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		len = 3, cp = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len != n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/*
 * Whether s[0..n) starts a valid character: try completing it.  Padding
 * with 0x80 suits every lead but E0 and F0, padding with 0xA0 every lead
 * but ED and F4.
 */
static int
ref_incomplete(const unsigned char *s, size_t n)
{
	unsigned char t[4];
	size_t len;
	int pad;

	if (n == 0)
		return 0;
	for (len = n + 1; len <= 4; len++)
		for (pad = 0x80; pad <= 0xA0; pad += 0x20) {
			memset(t, pad, sizeof(t));
			memcpy(t, s, n);
			if (ref_char(t, len) == len)
				return 1;
		}
	return 0;
}

/* The reference's valid prefix of s[0..n), and whether the rest starts one. */
static size_t
ref_prefix(const unsigned char *s, size_t n, int *inc)
{
	size_t i = 0, len;

	while (i < n) {
		for (len = 1; len <= 4 && i + len <= n; len++)
			if (ref_char(s + i, len) == len)
				break;
		if (len > 4 || i + len > n)
			break;
		i += len;
	}
	*inc = ref_incomplete(s + i, n - i);
	return i;
}

/* Does cm_utf8_valid_prefix agree with the reference on s[0..n)? */
static int
agrees(const unsigned char *s, size_t n)
{
	size_t want, got;
	int inc, winc;

	want = ref_prefix(s, n, &winc);
	got = cm_utf8_valid_prefix((const char *)s, n, &inc);
	if (got == want && inc == winc)
		return 1;
	if (getenv("T_ENC_DEBUG"))
		printf("# %zu bytes %02X %02X %02X %02X: got %zu/%d, want "
		    "%zu/%d\n", n, s[0], n > 1 ? s[1] : 0, n > 2 ? s[2] : 0,
		    n > 3 ? s[3] : 0, got, inc, want, winc);
	return 0;
}

/*
 * s[0..k) at offset at of a longer ASCII string, followed by more ASCII
 * and then cut right after it, so that 16-byte stretches see it at every
 * lane and across their edges.
 */
static int
agrees_at(const unsigned char *s, size_t k, size_t at)
{
	unsigned char b[80];
	size_t i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = i % 7 == 3 ? '\n' : 'a' + i % 26;
	memcpy(b + at, s, k);
	return agrees(b, sizeof(b)) && agrees(b, at + k);
}

static void
test_valid_prefix(void)
{
	static const unsigned char tails[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F,
	    0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF };
	static const unsigned char vals[] = { 0x00, 0x0A, 0x41, 0x7F, 0x80,
	    0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
	    0xF0, 0xF4, 0xF5, 0xFF };
	unsigned char s[4];
	unsigned a, b, c, d;
	size_t bad = 0, nt = sizeof(tails), nv = sizeof(vals), at;
	char big[100];
	int inc;

	prefix_is("abc", 3, 0, "ASCII");
	prefix_is("", 0, 0, "empty");
	prefix_is("\xc0\x80", 0, 0, "overlong C0 80");
	prefix_is("\xc1\xbf", 0, 0, "overlong C1 BF");
	prefix_is("\xc2\x80", 2, 0, "C2 80");
	prefix_is("\xe0\x9f\xbf", 0, 0, "overlong E0 9F BF");
	prefix_is("\xe0\xa0\x80", 3, 0, "E0 A0 80");
	prefix_is("\xed\x9f\xbf", 3, 0, "U+D7FF");
	prefix_is("\xed\xa0\x80", 0, 0, "surrogate U+D800");
	prefix_is("\xed\xbf\xbf", 0, 0, "surrogate U+DFFF");
	prefix_is("\xef\xbf\xbf", 3, 0, "U+FFFF");
	prefix_is("\xf0\x8f\xbf\xbf", 0, 0, "overlong F0 8F");
	prefix_is("\xf0\x90\x80\x80", 4, 0, "U+10000");
	prefix_is("\xf4\x8f\xbf\xbf", 4, 0, "U+10FFFF");
	prefix_is("\xf4\x90\x80\x80", 0, 0, "U+110000");
	prefix_is("\xf5\x80\x80\x80", 0, 0, "F5");
	prefix_is("\xff", 0, 0, "FF");
	prefix_is("\x80", 0, 0, "lone continuation");
	prefix_is("a\xe4\xbd\xa0" "b", 5, 0, "CJK inside ASCII");
	prefix_is("ab\xe4", 2, 1, "incomplete: one of three");
	prefix_is("ab\xe4\xbd", 2, 1, "incomplete: two of three");
	prefix_is("ab\xf0\x90\x80", 2, 1, "incomplete: three of four");
	prefix_is("ab\xe4\x41", 2, 0, "broken, not incomplete");
	prefix_is("ab\xe0\x80", 2, 0, "overlong start is not incomplete");
	prefix_is("ab\xed\xa0", 2, 0, "surrogate start is not incomplete");
	prefix_is("ab\xf4\x90", 2, 0, "too high a start is not incomplete");
	prefix_is("ab\xe4\xbd\xff", 2, 0, "bad byte after a good start");
	is_int(cm_utf8_valid_prefix("\xe4\xbd", 2, NULL), 0, "incomplete may "
	    "be NULL");

	memset(big, 'x', sizeof(big));
	big[77] = '\xfe';
	is_int(cm_utf8_valid_prefix(big, sizeof(big), &inc), 77,
	    "bad byte inside the 32-byte fast path");
	memcpy(big + 30, "\xf0\x9f\x98\x80", 4);
	big[77] = '\xe4';
	is_int(cm_utf8_valid_prefix(big, 78, &inc), 77,
	    "incomplete at the end after a fast stretch");
	is_int(inc, 1, "  flagged");

	/* Every string of one to three bytes, and the four-byte space. */
	for (a = 0; a < 256; a++) {
		s[0] = a;
		bad += !agrees(s, 1);
		for (b = 0; b < 256; b++) {
			s[1] = b;
			bad += !agrees(s, 2);
			for (c = 0; c < 256; c++) {
				s[2] = c;
				bad += !agrees(s, 3);
			}
		}
	}
	for (a = 0xF0; a < 0x100; a++)
		for (b = 0; b < 256; b++)
			for (c = 0; c < nt; c++)
				for (d = 0; d < nt; d++) {
					s[0] = a;
					s[1] = b;
					s[2] = tails[c];
					s[3] = tails[d];
					bad += !agrees(s, 4);
				}
	is_int(bad, 0, "agrees with a reference decoder everywhere");

	/* The same inside longer strings, for the 16-byte validator. */
	bad = 0;
	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++)
			for (at = 13; at <= 33; at++) {
				s[0] = a;
				s[1] = b;
				bad += !agrees_at(s, 2, at);
			}
	for (a = 0x80; a < 0x100; a++)
		for (b = 0; b < nv; b++)
			for (c = 0; c < nv; c++)
				for (at = 13; at <= 33; at += 4) {
					s[0] = a;
					s[1] = vals[b];
					s[2] = vals[c];
					bad += !agrees_at(s, 3, at);
				}
	for (a = 0xC0; a < 0x100; a++)
		for (b = 0; b < nv; b++)
			for (c = 0; c < nv; c++)
				for (d = 0; d < nv; d++) {
					s[0] = a;
					s[1] = vals[b];
					s[2] = vals[c];
					s[3] = vals[d];
					bad += !agrees_at(s, 4, 15);
					bad += !agrees_at(s, 4, 30);
				}
	is_int(bad, 0, "agrees with the reference inside longer strings");
}

/* A little PRNG of our own, so that every run tests the same bytes. */
static uint32_t
rnd(void)
{
	static uint64_t x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)(x >> 32);
}

/*
 * Random valid UTF-8 of n bytes or a little more, mostly ASCII and
 * Chinese as in customer files, with the edges of each length.
 */
static size_t
random_text(char *b, size_t n)
{
	static const char *const pool[] = { "a", "1", ",", "\n", "\r\n",
	    "\xc3\xa9", "\xe4\xb8\xad", "\xe5\xae\xa2\xe6\x88\xb7",
	    "\xef\xbf\xbf",
	    "\xed\x9f\xbf", "\xee\x80\x80", "\xe0\xa0\x80", "\xf0\x90\x80\x80",
	    "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xc2\x80", "\xdf\xbf",
	    "abcdefghijklmnopqrstuvwxyz0123456789,2025Q1,5,4,3,,\n" };
	size_t i = 0, k;
	const char *p;

	while (i < n) {
		p = pool[rnd() % (sizeof(pool) / sizeof(pool[0]))];
		k = strlen(p);
		memcpy(b + i, p, k);
		i += k;
	}
	return i;
}

/*
 * Random text, some of it broken at one random byte: the valid prefix,
 * the error line, and for long inputs the blocks of a file too.
 */
static void
test_random(void)
{
	size_t cap = 3 * KB64 + 64, n, at, want, got, i;
	char *b = malloc(cap);
	int round, inc, winc, broken;
	char eol;
	long bad = 0, line;
	struct res r;

	for (round = 0; round < 3000; round++) {
		n = random_text(b, round < 2980 ? 1 + rnd() % 300 : 3 * KB64);
		broken = rnd() % 4 != 0;
		if (broken) {
			at = rnd() % n;
			b[at] = (char)(rnd() & 0xFF);
		}
		want = ref_prefix((unsigned char *)b, n, &winc);
		got = cm_utf8_valid_prefix(b, n, &inc);
		if (got != want || inc != winc)
			bad++;
		/* Bare CRs end lines where the window has no LF at all. */
		eol = memchr(b, '\n', n < KB64 ? n : KB64) == NULL &&
		    memchr(b, '\r', n < KB64 ? n : KB64) != NULL ? '\r' : '\n';
		line = 1;
		for (i = 0; i < want; i++)
			line += b[i] == eol;
		for (i = 0; i < (round < 2980 ? 1u : 2u); i++) {
			if (i == 0)
				run_mem(&r, b, n, "utf-8");
			else
				run_file(&r, b, n, "utf-8");
			if (want == n ? !same(&r, b, n) :
			    r.rc != -1 || r.err.line != line)
				bad++;
			cm_buf_free(&r.out);
		}
	}
	is_int(bad, 0, "random text, broken or not, short and long");
	free(b);
}

/*
 * cm_in_open_fd reads no further than its limit (a journal's committed
 * size), from where the descriptor stands, across block edges and in
 * another encoding too, and owns the descriptor even when it fails.
 */
static void
test_open_fd(void)
{
	struct cm_buf big = { 0 };
	struct cm_in *in;
	struct res r;
	const char *path;
	char *first;
	size_t i;
	int fd;

	for (i = 0; i < 30000; i++)
		cm_buf_printf(&big, "row %zu,x\n", i);
	path = write_tmp("fd.csv", big.s, big.len);
	first = strdup(path);

	/* A limit past the first block, and the rest of the file ignored. */
	fd = open(path, O_RDONLY);
	res_init(&r);
	in = cm_in_open_fd(fd, "fd.csv", NULL, 100000, &r.err);
	ok(in != NULL, "open_fd");
	drain(in, &r, NULL, NULL);
	is_str(cm_in_name(in), "fd.csv", "open_fd: the name given");
	cm_in_close(in);
	ok(same(&r, big.s, 100000), "open_fd: exactly the limit (%zu bytes)",
	    r.out.len);
	cm_buf_free(&r.out);

	/* No limit: to the end, from the descriptor's offset. */
	fd = open(path, O_RDONLY);
	ok(lseek(fd, 10, SEEK_SET) == 10, "seek");
	res_init(&r);
	in = cm_in_open_fd(fd, "fd.csv", "utf-8", -1, &r.err);
	drain(in, &r, NULL, NULL);
	cm_in_close(in);
	ok(same(&r, big.s + 10, big.len - 10), "open_fd -1: to the end");
	cm_buf_free(&r.out);

	/* A zero limit is an empty input. */
	fd = open(path, O_RDONLY);
	res_init(&r);
	in = cm_in_open_fd(fd, "fd.csv", NULL, 0, &r.err);
	drain(in, &r, NULL, NULL);
	cm_in_close(in);
	ok(same(&r, "", 0), "open_fd 0: nothing");
	cm_buf_free(&r.out);

	/* GB18030, cut inside a character by the limit: an error there. */
	path = write_tmp("fd-gb.csv", gb_line, sizeof(gb_line) - 1);
	fd = open(path, O_RDONLY);
	res_init(&r);
	in = cm_in_open_fd(fd, "fd-gb.csv", "gb18030", 7, &r.err);
	drain(in, &r, NULL, NULL);
	cm_in_close(in);
	is_int(r.rc, -1, "open_fd: a limit inside a character is an error");
	is_str(r.file, "fd-gb.csv", "open_fd: the error names the file");
	cm_buf_free(&r.out);

	/* An unknown encoding: NULL, and the descriptor is closed. */
	fd = open(path, O_RDONLY);
	in = cm_in_open_fd(fd, "x", "klingon", -1, &r.err);
	ok(in == NULL && r.err.status == CM_USAGE, "open_fd: bad encoding");
	ok(fcntl(fd, F_GETFD) < 0 && errno == EBADF,
	    "open_fd: the failed open closed the descriptor");
	unlink(path);
	unlink(first);
	free(first);
	cm_buf_free(&big);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/t-enc.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_basic();
	test_gb18030();
	test_utf16();
	test_growth();
	test_utf8_errors();
	test_window();
	test_blocks();
	test_open();
	test_pipe();
	test_open_fd();
	test_valid_prefix();
	test_random();
	rmdir(tmpdir);
	return done_testing();
}
