/*
 * gnuplot.c: quote user text for gnuplot and run it (see gnuplot.h).
 *
 * Why octal escapes: in a double-quoted gnuplot string a backquote still
 * runs a shell command (`touch X` inside "..." is substituted before the
 * string is parsed), '@' expands a macro, '$' names a datablock, '"' and
 * a newline end the string and the command.  Written as \ooo none of
 * them is seen by the parser; gnuplot decodes the escape into the byte
 * only when it builds the string, so it prints and is never run.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot.h"
#include "spawn.h"

#define ERR_LINES	20

int
cm_gp_safe(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr(" .,:;()/+-=_",
	    c) != NULL);
}

void
cm_gp_quote(struct cm_buf *b, const char *s, size_t n)
{
	size_t i;

	cm_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (cm_gp_safe(c))
			cm_buf_addc(b, (char)c);
		else
			cm_buf_printf(b, "\\%03o", c);
	}
	cm_buf_addc(b, '"');
}

void
cm_gp_quote_tic(struct cm_buf *b, const char *s, size_t n)
{
	struct cm_buf t = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		cm_buf_addc(&t, s[i]);
		if (s[i] == '%')
			cm_buf_addc(&t, '%');
	}
	cm_gp_quote(b, t.s, t.len);
	cm_buf_free(&t);
}

/* Each non-blank line of gnuplot's stderr, up to ERR_LINES, as a warning. */
static void
report_lines(const struct cm_buf *e, int verbose_only)
{
	const char *p = cm_buf_str(e), *end = p + e->len;
	int n = 0;

	while (p < end && n < ERR_LINES) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *q = nl != NULL ? nl : end;
		const char *a = p;

		while (a < q && (*a == ' ' || *a == '\t' || *a == '\r' ||
		    *a == '\f'))
			a++;
		while (q > a && (q[-1] == ' ' || q[-1] == '\r'))
			q--;
		if (q > a) {
			if (verbose_only)
				cm_info("gnuplot: %.*s", (int)(q - a), a);
			else
				cm_warn("gnuplot: %.*s", (int)(q - a), a);
			n++;
		}
		p = nl != NULL ? nl + 1 : end;
	}
}

static int
run(const char *script, size_t len, int out_fd, struct cm_buf *out,
    struct cm_error *err)
{
	const char *env = getenv("CM_GNUPLOT");
	char *argv[] = {(char *)"gnuplot", (char *)"-d", NULL};
	struct cm_spawn io;
	struct cm_buf e = {0};
	struct cm_error serr;
	int rc;

	if (env != NULL && *env != '\0')
		argv[0] = (char *)env;
	memset(&io, 0, sizeof(io));
	io.in = script;
	io.in_len = len;
	io.out_fd = out_fd;
	io.out = out;
	io.err_out = &e;
	errno = 0;
	rc = cm_spawn_run(argv, &io, &serr);
	if (rc == -1 && errno == ENOENT && e.len == 0) {
		cm_buf_free(&e);
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "gnuplot not "
		    "found: install the Debian package gnuplot-nox (or "
		    "gnuplot)");
	}
	if (rc == 0) {
		report_lines(&e, 1);
		cm_buf_free(&e);
		return 0;
	}
	report_lines(&e, 0);
	cm_buf_free(&e);
	if (rc > 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "gnuplot "
		    "failed (exit status %d)", rc);
	cm_error_copy(err, &serr);
	return -1;
}

int
cm_gp_run(const char *script, size_t len, int out_fd, struct cm_error *err)
{
	return run(script, len, out_fd, NULL, err);
}

int
cm_gp_run_buf(const char *script, size_t len, struct cm_buf *out,
    struct cm_error *err)
{
	return run(script, len, -1, out, err);
}
