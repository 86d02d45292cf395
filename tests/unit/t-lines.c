/*
 * t-lines.c: settings files line by line (lines.h).
 *
 * Most tests read a whole text and compare a transcript: each line as
 * "LINENO:[TEXT]", then "end" or "error LINE: MESSAGE (status N)".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bounds.h"
#include "buf.h"
#include "lines.h"
#include "msg.h"
#include "tap.h"

static char tmpdir[] = "/tmp/t-lines.XXXXXX";

static void
transcript(struct cm_lines *l, struct cm_buf *out)
{
	struct cm_error err;
	char *s;
	size_t n;
	int rc;

	memset(&err, 0, sizeof(err));
	while ((rc = cm_lines_next(l, &s, &n, &err)) == 1) {
		cm_buf_printf(out, "%ld:[", cm_lines_lineno(l));
		cm_buf_add(out, s, n);
		cm_buf_adds(out, "]\n");
		if (s[n] != '\0')
			cm_buf_adds(out, "(not NUL-terminated)\n");
	}
	if (rc == 0)
		cm_buf_adds(out, "end\n");
	else
		cm_buf_printf(out, "error %s:%ld: %s (status %d)\n",
		    err.file ? err.file : "-", err.line, err.msg, err.status);
}

static void
reads_n(const char *name, const char *text, size_t len, size_t max,
    const char *want)
{
	struct cm_lines *l = cm_lines_open_mem("t.conf", "settings file",
	    text, len);
	struct cm_buf out = {0};

	if (max > 0)
		cm_lines_set_max(l, max);
	transcript(l, &out);
	is_str(cm_buf_str(&out), want, name);
	cm_lines_close(l);
	cm_buf_free(&out);
}

static void
reads(const char *name, const char *text, const char *want)
{
	reads_n(name, text, strlen(text), 0, want);
}

static void
test_lines(void)
{
	reads("LF", "a=1\nb=2\n", "1:[a=1]\n2:[b=2]\nend\n");
	reads("no newline at the end", "a=1\nb=2", "1:[a=1]\n2:[b=2]\nend\n");
	reads("CRLF, and a CR inside a line kept", "a=1\r\nb\r=2\r\n",
	    "1:[a=1]\n2:[b\r=2]\nend\n");
	reads("blank lines count", "\n\na\n\r\n", "1:[]\n2:[]\n3:[a]\n4:[]\nend\n");
	reads("empty text", "", "end\n");
	reads("a UTF-8 BOM at the start is not text",
	    "\xef\xbb\xbf" "总体评价=overall\n\xef\xbb\xbfx\n",
	    "1:[总体评价=overall]\n2:[\xef\xbb\xbfx]\nend\n");
	reads("a BOM alone", "\xef\xbb\xbf", "1:[]\nend\n");
}

static void
test_errors(void)
{
	reads_n("a NUL byte is a bad settings file", "a\nb\0c\nd\n", 8, 0,
	    "1:[a]\nerror t.conf:2: NUL byte in settings file (status 2)\n");
	reads_n("a line at the limit", "12345\n123456\n", 13, 6,
	    "1:[12345]\n2:[123456]\nend\n");
	reads_n("a line one byte past the limit", "12345\n1234567\nx\n", 16, 6,
	    "1:[12345]\nerror t.conf:2: line longer than 6 bytes "
	    "(status 2)\n");
	reads_n("the last line, unterminated, past the limit", "1234567", 7, 6,
	    "error t.conf:1: line longer than 6 bytes (status 2)\n");
	reads_n("the CR of a CRLF is not counted", "123456\r\n", 8, 6,
	    "1:[123456]\nend\n");
	reads_n("but a byte more is", "1234567\r\n", 9, 6,
	    "error t.conf:1: line longer than 6 bytes (status 2)\n");
	reads_n("0 restores CM_LINE_MAX", "1234567\n", 8, 0,
	    "1:[1234567]\nend\n");
}

static const char *
tmp_path(const char *base)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, base);
	return path;
}

static const char *
write_tmp(const char *base, const void *data, size_t len)
{
	const char *path = tmp_path(base);
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
	return path;
}

/* Opening path fails with status and exactly msg. */
static void
refused(const char *name, const char *path, int missing, int status,
    const char *msg)
{
	struct cm_error err;
	struct cm_lines *l;

	memset(&err, 0, sizeof(err));
	l = cm_lines_open(path, "rule file", missing, &err);
	ok(l == NULL && err.status == status, "%s: status %d (%d)", name,
	    status, err.status);
	is_str(err.msg, msg, name);
	cm_lines_close(l);
}

static void
test_files(void)
{
	struct cm_buf b = {0}, out = {0}, want = {0};
	struct cm_error err;
	struct cm_lines *l;
	char msg[1024];
	const char *path;
	size_t i;

	path = write_tmp("ok.rules", "a\tb\r\n\nc\td", 9);
	l = cm_lines_open(path, "rule file", CM_USAGE, &err);
	if (ok(l != NULL, "a regular file opens")) {
		is_str(cm_lines_name(l), path, "  named by its path");
		transcript(l, &out);
		is_str(cm_buf_str(&out), "1:[a\tb]\n2:[]\n3:[c\td]\nend\n",
		    "  its lines");
	}
	cm_lines_close(l);

	/* Lines longer than a read block, one past the limit. */
	cm_buf_reset(&out);
	for (i = 0; i < 400002; i++)
		cm_buf_addc(&b, i % 200001 == 200000 ? '\n' :
		    (char)('a' + i % 200001 % 26));
	path = write_tmp("long.rules", b.s, b.len);
	l = cm_lines_open(path, "rule file", CM_USAGE, &err);
	transcript(l, &out);
	cm_buf_printf(&want, "1:[%.*s]\n2:[%.*s]\nend\n", 200000, b.s,
	    200000, b.s);
	ok(strcmp(cm_buf_str(&out), cm_buf_str(&want)) == 0,
	    "lines of 200,000 bytes, over several read blocks");
	cm_lines_close(l);
	cm_buf_reset(&out);
	l = cm_lines_open(path, "rule file", CM_USAGE, &err);
	cm_lines_set_max(l, 199999);
	transcript(l, &out);
	snprintf(msg, sizeof(msg), "error %s:1: line longer than 199999 bytes "
	    "(status 2)\n", path);
	is_str(cm_buf_str(&out), msg, "  past a lowered limit: an error");
	cm_lines_close(l);

	/* CM_LINE_MAX itself: a line of it is read, one byte more is not. */
	cm_buf_reset(&b);
	for (i = 0; i < CM_LINE_MAX; i++)
		cm_buf_addc(&b, 'x');
	path = write_tmp("max.rules", b.s, b.len);
	cm_buf_reset(&out);
	l = cm_lines_open(path, "rule file", CM_USAGE, &err);
	transcript(l, &out);
	ok(out.len == CM_LINE_MAX + 9, "a line of CM_LINE_MAX bytes is read");
	cm_lines_close(l);
	cm_buf_addc(&b, 'x');
	path = write_tmp("over.rules", b.s, b.len);
	cm_buf_reset(&out);
	l = cm_lines_open(path, "rule file", CM_USAGE, &err);
	transcript(l, &out);
	snprintf(msg, sizeof(msg), "error %s:1: line longer than 1048576 "
	    "bytes (status 2)\n", path);
	is_str(cm_buf_str(&out), msg, "one byte more is an error");
	cm_lines_close(l);

	refused("a missing file named by an option", "/nonexistent/x.rules",
	    CM_USAGE, CM_USAGE, "cannot open rule file "
	    "'/nonexistent/x.rules': No such file or directory");
	refused("a missing optional file", "/nonexistent/x.rules", CM_OK,
	    CM_OK, "cannot open rule file '/nonexistent/x.rules': No such "
	    "file or directory");
	refused("a path through a regular file", "/dev/null/x", CM_OK,
	    CM_OK, "cannot open rule file '/dev/null/x': Not a directory");
	snprintf(msg, sizeof(msg), "cannot read rule file '%s': Is a "
	    "directory", tmpdir);
	refused("a directory", tmpdir, CM_OK, CM_SYSTEM, msg);
	refused("a device", "/dev/zero", CM_OK, CM_SYSTEM, "cannot read rule "
	    "file '/dev/zero': a device, not a regular file");
	path = tmp_path("fifo");
	if (mkfifo(path, 0600) == 0) {
		/* No writer: opening must not wait for one. */
		snprintf(msg, sizeof(msg), "cannot read rule file '%s': a "
		    "FIFO, not a regular file", path);
		refused("a FIFO, without waiting for a writer", path, CM_OK,
		    CM_SYSTEM, msg);
		unlink(path);
	} else
		ok(0, "mkfifo");
	/* root reads everything: the test means something only for others. */
	path = write_tmp("secret.rules", "a\tb\n", 4);
	chmod(path, 0);
	if (geteuid() != 0) {
		snprintf(msg, sizeof(msg), "cannot open rule file '%s': "
		    "Permission denied", path);
		refused("a file that cannot be read", path, CM_OK, CM_SYSTEM,
		    msg);
	} else
		ok(1, "# SKIP a file that cannot be read: running as root");
	unlink(path);
	unlink(tmp_path("ok.rules"));
	unlink(tmp_path("long.rules"));
	unlink(tmp_path("max.rules"));
	unlink(tmp_path("over.rules"));
	cm_buf_free(&b);
	cm_buf_free(&out);
	cm_buf_free(&want);
}

static void
test_settings(void)
{
	static const char text[] = "\xef\xbb\xbf# a comment\r\n"
	    "\n   \t\n  # an indented comment\n"
	    "\xe3\x80\x80 key = value \xe3\x80\x80\r\n"
	    "a\tb\n";
	struct cm_lines *l = cm_lines_open_mem("t.conf", "settings file",
	    text, sizeof(text) - 1);
	struct cm_error err;
	char *s;
	size_t n;

	is_int(cm_lines_next_setting(l, &s, &n, &err), 1,
	    "setting: comments, blank lines, BOM and CR skipped");
	is_str(s, "key = value", "  trimmed of ASCII and ideographic spaces");
	is_int((long long)n, 11, "  its length");
	is_int(cm_lines_lineno(l), 5, "  on line 5");
	is_int(cm_lines_next_setting(l, &s, &n, &err), 1, "the next setting");
	is_str(s, "a\tb", "  an inner tab stays");
	is_int(cm_lines_next_setting(l, &s, &n, &err), 0, "then the end");
	cm_lines_close(l);
	ok(cm_lines_is_comment("  # x", 5) && cm_lines_is_comment(" \t", 2) &&
	    !cm_lines_is_comment(" x # y", 6), "is_comment");
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_lines();
	test_errors();
	test_files();
	test_settings();
	rmdir(tmpdir);
	return done_testing();
}
