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
 * The safe set of cm_gp_quote: the bytes that stand as themselves
 * (A-Z a-z 0-9, space and . , : ; ( ) / + - = _); every other byte is
 * written \ooo, always three octal digits.  gnuplot 5.4 decodes \ooo in
 * double-quoted strings wherever they are used (titles, axis labels,
 * tick labels, key titles, set label), checked by tests/t5000.
 */
int cm_gp_safe(unsigned char c);

/*
 * As cm_gp_quote, for the label of a tick in `set xtics ("LABEL" pos)`:
 * gnuplot takes that label, after decoding, as a printf format for the
 * tick's position ("a%gb" prints "a1b"), so each '%' is doubled first
 * and the label prints as written.
 */
void cm_gp_quote_tic(struct cm_buf *b, const char *s, size_t n);

/*
 * Run gnuplot (on PATH, or $CM_GNUPLOT) on script[0..len), its standard
 * output into out_fd.  Returns 0, or -1 with err filled: CM_SYSTEM
 * "gnuplot not found: install the Debian package gnuplot-nox (or
 * gnuplot)" when it is missing; gnuplot's own complaint (its first lines
 * of standard error) when it fails.
 *
 * gnuplot runs as `gnuplot -d` (no ~/.gnuplot nor system gnuplotrc: a
 * chart is the same for every user), through spawn.h, with a timeout of
 * 120 s.  When it fails (exit status not 0, killed, timeout), each of
 * the first 20 non-blank lines of its standard error is printed as a
 * warning "PROG: gnuplot: LINE" (msg.h) before returning, and err says
 * "gnuplot failed (exit status N)" or why it was killed; the caller
 * exits with err as usual.  Its standard error when it succeeds (such
 * as "Warning: empty y range") is printed only under -v (cm_info).
 */
int cm_gp_run(const char *script, size_t len, int out_fd,
    struct cm_error *err);

/*
 * As cm_gp_run, with gnuplot's standard output appended to out (at most
 * 64 MiB), for a caller that writes it itself (a text chart on standard
 * output, whose write errors are then ours to see).
 */
int cm_gp_run_buf(const char *script, size_t len, struct cm_buf *out,
    struct cm_error *err);

#endif
