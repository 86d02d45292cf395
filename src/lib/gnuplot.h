/*
 * gnuplot.h: drive gnuplot (a separate program, DESIGN.md §2) safely.
 *
 * The script goes down a pipe (no temporary script file) and the picture
 * comes out of gnuplot's standard output into a descriptor of ours, so
 * gnuplot never opens a path.  User text reaches the script only through
 * cm_gp_quote, so a title can never run a command or change the script.
 */
#ifndef CM_GNUPLOT_H
#define CM_GNUPLOT_H

#include <stddef.h>

#include "buf.h"
#include "msg.h"

/* The default font: Debian's fonts-noto-cjk, so Chinese renders. */
#define CM_GP_FONT	"Noto Sans CJK SC,10"

/*
 * Append to b s[0..n) as a gnuplot double-quoted string literal in which
 * every byte outside a small safe set is an octal escape (\ooo): no quote,
 * backquote, '@', '$', backslash, newline or control byte of the user's
 * reaches gnuplot's parser, and gnuplot turns the string back into the
 * same bytes (UTF-8 text prints as written).
 */
void cm_gp_quote(struct cm_buf *b, const char *s, size_t n);

/*
 * Run gnuplot (on PATH, or $CM_GNUPLOT) on script[0..len), its standard
 * output into out_fd.  Returns 0, or -1 with err filled: CM_SYSTEM
 * "gnuplot not found: install the Debian package gnuplot-nox" when it is
 * missing; gnuplot's own complaint (its first lines of standard error)
 * when it fails.
 */
int cm_gp_run(const char *script, size_t len, int out_fd,
    struct cm_error *err);

#endif
