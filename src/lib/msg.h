/*
 * msg.h: the one voice of every cm command.
 *
 * Messages go to stderr as "cm-NAME: FILE:LINE[:COL]: what is wrong", lower
 * case, no full stop, the bad value quoted (STYLE.md §3).  Exit statuses are
 * the same on every command (DESIGN.md §2).
 *
 * Library code that parses untrusted text never exits: it fills a struct
 * cm_error and returns -1, so a fuzzer or a caller can decide.  Commands
 * turn such an error into a message and an exit with cm_die_error().
 */
#ifndef CM_MSG_H
#define CM_MSG_H

#include <stdarg.h>

enum cm_status {
	CM_OK = 0,		/* done */
	CM_ATTENTION = 1,	/* done, and something needs attention */
	CM_USAGE = 2,		/* bad option, bad rule file */
	CM_DATA = 3,		/* bad input data; nothing was written */
	CM_SYSTEM = 4		/* I/O error, lock timeout, missing program */
};

/*
 * A failure reported by library code.  line and col are 0 when unknown;
 * file may be NULL.  msg holds the text without program name or position.
 * The file name is copied into the struct (file points at filebuf), so
 * the error outlives the reader that failed; pass it by pointer, never
 * copy the struct.
 */
struct cm_error {
	int status;
	const char *file;
	long line;
	long col;
	char msg[512];
	char filebuf[1024];
};

extern const char *cm_progname;	/* "cm-survey-calc"; set by cm_setprogname */
extern int cm_quiet;		/* -q: silence notices */
extern int cm_verbose;		/* -v: explain */

void cm_setprogname(const char *argv0);

/* Copy an error: a plain struct copy would leave file pointing at from. */
void cm_error_copy(struct cm_error *to, const struct cm_error *from);

/* Fill err (status, position, printf-style message); always returns -1. */
int cm_error_set(struct cm_error *err, int status, const char *file,
    long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* "prog: msg" / "prog: file:line:col: msg"; line or col 0 are left out. */
void cm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cm_warnat(const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Like cm_warn, but silent under -q. */
void cm_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like cm_warn, but only under -v. */
void cm_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

_Noreturn void cm_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void cm_dieat(int status, const char *file, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * A bad value as a message quotes it: s itself when it is at most
 * CM_QUOTE_MAX bytes of printable UTF-8, else its first bytes up to a
 * character boundary and "...", so that a 100,000-byte cell leaves a
 * message of one line that still says what is wrong.  CR and LF show as
 * \r and \n, other control characters (C0, DEL, C1) and bytes that are
 * not UTF-8 as \xNN, one per byte: a value never breaks the line, never
 * drives the terminal and never puts invalid UTF-8 on stderr.  The
 * result is s or one of four static buffers, valid until the fourth call
 * after: enough for one message.
 */
#define CM_QUOTE_MAX	64
const char *cm_msg_value(const char *s);

/* Print err as a message and exit with err->status. */
_Noreturn void cm_die_error(const struct cm_error *err);

void cm_vwarnat(const char *file, long line, long col, const char *fmt,
    va_list ap);

#endif
