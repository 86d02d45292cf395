/*
 * t-gnuplot.c: cm_gp_quote's escapes, and cm_gp_run with the real
 * gnuplot: quoted text prints as written and never runs (backquotes,
 * system(), macros, a datablock's end marker), a failing script gives
 * gnuplot's reason, a missing gnuplot names the package.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "gnuplot.h"
#include "msg.h"
#include "tap.h"

static const char *
quoted(const char *s)
{
	static struct cm_buf b;

	cm_buf_reset(&b);
	cm_gp_quote(&b, s, strlen(s));
	return cm_buf_str(&b);
}

static void
quoting(void)
{
	struct cm_buf b = {0};
	int c, nsafe = 0;

	is_str(quoted("Rate (2026-01) = 9.5/10, ok: yes_no;"),
	    "\"Rate (2026-01) = 9.5/10, ok: yes_no;\"", "the safe set as is");
	is_str(quoted("a\"b`c@d$e\\f\ng'h#i%j"),
	    "\"a\\042b\\140c\\100d\\044e\\134f\\012g\\047h\\043i\\045j\"",
	    "quote, backquote, @, $, backslash, newline, ', #, %: octal");
	is_str(quoted("中"), "\"\\344\\270\\255\"", "UTF-8 bytes: octal");
	is_str(quoted("\0011"), "\"\\0011\"",
	    "always three digits: a digit after an escape stays a digit");
	is_str(quoted(""), "\"\"", "empty");
	cm_gp_quote_tic(&b, "50% a%gb", 8);
	is_str(cm_buf_str(&b), "\"50\\045\\045 a\\045\\045gb\"",
	    "a tick label: % doubled, then quoted");
	cm_buf_free(&b);
	for (c = 0; c < 256; c++)
		nsafe += cm_gp_safe((unsigned char)c);
	is_int(nsafe, 26 + 26 + 10 + 12, "74 safe bytes, no more");
}

/* Run script through gnuplot into a buffer; the status of cm_gp_run. */
static int
gp(const char *script, struct cm_buf *out, struct cm_error *err)
{
	cm_buf_reset(out);
	return cm_gp_run_buf(script, strlen(script), out, err);
}

static void
injection(void)
{
	char dir[] = "/tmp/t-gnuplot-XXXXXX", x[64];
	const char *bad[] = {"`touch %s`", "system(\"touch %s\")",
	    "\" . system(\"touch %s\") . \"", "@m %s", "EOD\n%s\nEOD"};
	struct cm_buf script = {0}, out = {0}, text = {0};
	struct cm_error err;
	size_t i;
	struct stat st;

	if (mkdtemp(dir) == NULL)
		exit(99);
	snprintf(x, sizeof(x), "%s/X", dir);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cm_buf_reset(&text);
		cm_buf_printf(&text, bad[i], x);
		cm_buf_reset(&script);
		cm_buf_adds(&script, "set encoding utf8\nset macros\n"
		    "m = \"system('touch ");
		cm_buf_adds(&script, x);
		cm_buf_adds(&script, "')\"\nset terminal dumb size 120,12 "
		    "noenhanced\nset title ");
		cm_gp_quote(&script, text.s, text.len);
		cm_buf_adds(&script, "\nset key title ");
		cm_gp_quote(&script, text.s, text.len);
		cm_buf_adds(&script, "\nset xtics (");
		cm_gp_quote_tic(&script, text.s, text.len);
		cm_buf_adds(&script, " 1)\n$d << EOD\n0 0\n1 1\nEOD\n"
		    "plot $d using 1:2 with lines title ");
		cm_gp_quote(&script, text.s, text.len);
		cm_buf_adds(&script, "\n");
		ok(gp(script.s, &out, &err) == 0, "injection %zu: runs", i);
		ok(stat(x, &st) < 0 && errno == ENOENT,
		    "injection %zu: the file is not made", i);
		if (strchr(text.s, '\n') == NULL)
			ok(strstr(cm_buf_str(&out), text.s) != NULL,
			    "injection %zu: printed as written", i);
		unlink(x);
	}
	/* The test can fail: the same text unquoted does run. */
	cm_buf_reset(&script);
	cm_buf_printf(&script, "set terminal dumb\nset title \"`touch %s`\"\n"
	    "plot 1\n", x);
	gp(script.s, &out, &err);
	ok(stat(x, &st) == 0, "control: an unquoted backquote runs");
	unlink(x);
	rmdir(dir);
	cm_buf_free(&script);
	cm_buf_free(&out);
	cm_buf_free(&text);
}

static void
failures(void)
{
	struct cm_buf out = {0};
	struct cm_error err;

	char path[] = "/tmp/t-gnuplot-err-XXXXXX", said[256] = "";
	int fd = mkstemp(path), saved = dup(2);
	ssize_t n;

	if (fd < 0 || saved < 0)
		exit(99);
	memset(&err, 0, sizeof(err));
	/* gnuplot's complaint is printed as warnings: catch them. */
	fflush(stderr);
	dup2(fd, 2);
	is_int(gp("set terminal dumb\nplot nosuchfunction(x)\n", &out, &err),
	    -1, "a bad script: -1");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, said, sizeof(said) - 1, 0);
	said[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	is_str(said, "t-gnuplot: gnuplot: line 0: undefined function: "
	    "nosuchfunction\n", "its stderr, each line a warning");
	is_int(err.status, CM_SYSTEM, "a bad script: CM_SYSTEM");
	is_str(err.msg, "gnuplot failed (exit status 1)",
	    "a bad script: the message");
	setenv("CM_GNUPLOT", "/nonexistent/gnuplot", 1);
	is_int(gp("plot 1\n", &out, &err), -1, "missing: -1");
	is_str(err.msg, "gnuplot not found: install the Debian package "
	    "gnuplot-nox (or gnuplot)", "missing: the package named");
	unsetenv("CM_GNUPLOT");
	cm_buf_free(&out);
}

int
main(void)
{
	cm_setprogname("t-gnuplot");
	quoting();
	if (access("/usr/bin/gnuplot", X_OK) != 0 && getenv("CI") == NULL) {
		printf("# SKIP gnuplot not installed (Debian gnuplot-nox)\n");
		return done_testing();
	}
	injection();
	failures();
	return done_testing();
}
