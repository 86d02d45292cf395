/* msg.c: the one error printer (see msg.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "text.h"

const char *cm_progname = "cm";
int cm_quiet;
int cm_verbose;

void
cm_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	cm_progname = slash ? slash + 1 : argv0;
}

int
cm_error_set(struct cm_error *err, int status, const char *file, long line,
    long col, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->status = status;
	err->file = NULL;
	if (file != NULL) {
		snprintf(err->filebuf, sizeof(err->filebuf), "%s", file);
		err->file = err->filebuf;
	}
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), gettext(fmt), ap);
	va_end(ap);
	return -1;
}

void
cm_error_copy(struct cm_error *to, const struct cm_error *from)
{
	if (to == from)
		return;
	*to = *from;
	if (to->file != NULL)
		to->file = to->filebuf;
}

/*
 * A message is one line whatever a quoted value holds: a newline, a
 * carriage return or an escape sequence of the user's would otherwise
 * forge a second message or recolour the terminal.  Control bytes are
 * shown as C escapes (\n, \t, \x1b).
 */
static const char *
visible(const char *s)
{
	static char out[4 * 2048 + 1];
	size_t o = 0;

	for (; *s != '\0' && o + 4 < sizeof(out); s++) {
		unsigned char c = (unsigned char)*s;

		/*
		 * A C1 control in UTF-8 (U+0080..U+009F: C2 80..C2 9F, CSI
		 * among them) acts on a terminal as its ESC sequence does:
		 * shown as \xc2\x9b, as cm_msg_value shows it.
		 */
		if (c == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f) {
			if (o + 8 >= sizeof(out))
				break;
			o += (size_t)snprintf(out + o, sizeof(out) - o,
			    "\\xc2\\x%02x", (unsigned char)s[1]);
			s++;
			continue;
		}
		if (c >= 0x20 && c != 0x7f) {
			out[o++] = (char)c;
			continue;
		}
		out[o++] = '\\';
		if (c == '\n')
			out[o++] = 'n';
		else if (c == '\r')
			out[o++] = 'r';
		else if (c == '\t')
			out[o++] = 't';
		else
			o += (size_t)snprintf(out + o, sizeof(out) - o, "x%02x",
			    c);
	}
	out[o] = '\0';
	return out;
}

void
cm_vwarnat(const char *file, long line, long col, const char *fmt, va_list ap)
{
	/*
	 * One fprintf per piece would let two processes interleave their
	 * halves on a shared stderr; build the line first.
	 */
	char buf[2048];
	int n;

	n = snprintf(buf, sizeof(buf), "%s: ", cm_progname);
	if (file != NULL && n < (int)sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - n, "%s:", file);
	if (file != NULL && line > 0 && n < (int)sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - n, "%ld:", line);
	if (file != NULL && line > 0 && col > 0 && n < (int)sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - n, "%ld:", col);
	if (file != NULL && n < (int)sizeof(buf))
		n += snprintf(buf + n, sizeof(buf) - n, " ");
	/* Every message in the user's language (i18n.h): one place. */
	if (n < (int)sizeof(buf))
		vsnprintf(buf + n, sizeof(buf) - n, gettext(fmt), ap);
	fprintf(stderr, "%s\n", visible(buf));
}

void
cm_warnat(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cm_vwarnat(file, line, col, fmt, ap);
	va_end(ap);
}

void
cm_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cm_vwarnat(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
cm_notice(const char *fmt, ...)
{
	va_list ap;

	if (cm_quiet)
		return;
	va_start(ap, fmt);
	cm_vwarnat(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
cm_info(const char *fmt, ...)
{
	va_list ap;

	if (!cm_verbose)
		return;
	va_start(ap, fmt);
	cm_vwarnat(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
cm_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cm_vwarnat(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
cm_dieat(int status, const char *file, long line, long col, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	cm_vwarnat(file, line, col, fmt, ap);
	va_end(ap);
	exit(status);
}

void
cm_die_error(const struct cm_error *err)
{
	/* A bad option value found by the library (an unknown encoding). */
	if (err->status == CM_USAGE && err->file == NULL) {
		cm_warn("%s", err->msg);
		fprintf(stderr, _("Try '%s --help' for more information.\n"),
		    cm_progname);
		exit(CM_USAGE);
	}
	cm_dieat(err->status ? err->status : CM_SYSTEM, err->file, err->line,
	    err->col, "%s", err->msg);
}

const char *
cm_msg_value(const char *s)
{
	/* Each byte kept may become "\\xNN": four times the bytes. */
	static char ring[4][4 * CM_QUOTE_MAX + 4];
	static unsigned next;
	size_t n = strlen(s), cut = n, i, k, clen, j = 0;
	uint32_t cp;
	char *b;

	if (cut > CM_QUOTE_MAX)
		cut = cm_utf8_cut(s, CM_QUOTE_MAX);
	/* Most values are short and clean: s itself. */
	for (i = 0; i < cut; i += clen) {
		clen = cm_utf8_decode(s + i, cut - i, &cp);
		if (clen == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			break;
	}
	if (i == n)
		return s;
	b = ring[next++ % 4];
	for (i = 0; i < cut; i += clen) {
		clen = cm_utf8_decode(s + i, cut - i, &cp);
		if (clen == 0) {
			/* Not UTF-8: the byte's value, never the byte. */
			clen = 1;
			j += (size_t)snprintf(b + j, 5, "\\x%02x",
			    (unsigned char)s[i]);
		} else if (cp == '\r' || cp == '\n') {
			b[j++] = '\\';
			b[j++] = cp == '\r' ? 'r' : 'n';
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			/* ESC and the C1 controls would drive a terminal. */
			for (k = 0; k < clen; k++)
				j += (size_t)snprintf(b + j, 5, "\\x%02x",
				    (unsigned char)s[i + k]);
		} else {
			memcpy(b + j, s + i, clen);
			j += clen;
		}
	}
	memcpy(b + j, cut < n ? "..." : "", cut < n ? 4 : 1);
	return b;
}
