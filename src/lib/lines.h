/*
 * lines.h: settings files, one line at a time, bounded (DESIGN.md §10).
 *
 * Every settings file the library and the commands read (complaint.conf,
 * causes.category, columns.map, rule files, scale files) comes through
 * here, so that each gets the same care:
 *   - only a regular file is read: a directory, FIFO, device or socket
 *     is CM_SYSTEM (exit 4) naming the path and what it is, before any
 *     byte is read (a FIFO would block, /dev/zero would never end);
 *   - a file that exists but cannot be opened or read is CM_SYSTEM with
 *     the path and the reason; one that does not exist is whatever the
 *     caller says (see cm_lines_open);
 *   - a line is at most CM_LINE_MAX bytes (bounds.h); a longer one, and
 *     a NUL byte anywhere, is CM_USAGE (exit 2, a bad settings file)
 *     naming the file and line, and nothing past it is read;
 *   - a UTF-8 byte order mark at the start of the file and the CR of a
 *     CRLF are not part of any line (files saved by Windows editors).
 * Memory is one line and one read block, whatever the file's size.
 *
 *	struct cm_lines *l = cm_lines_open(path, "rule file", CM_USAGE, &err);
 *	char *s;
 *	size_t n;
 *	int rc;
 *
 *	if (l == NULL)
 *		return -1;
 *	while ((rc = cm_lines_next(l, &s, &n, &err)) == 1)
 *		use(cm_lines_name(l), cm_lines_lineno(l), s, n);
 *	cm_lines_close(l);
 *	return rc;
 */
#ifndef CM_LINES_H
#define CM_LINES_H

#include <stddef.h>

#include "msg.h"

struct cm_lines;

/*
 * Open path, a settings file whose kind what names in messages ("rule
 * file", translated by the caller: _("rule file"), i18n.h; NULL for
 * none).  Returns the reader, or NULL with err filled.
 * A file that does not exist (ENOENT, or ENOTDIR for a component of the
 * path) gets the status missing: CM_USAGE for a file named by an option,
 * CM_SYSTEM for one that must be there, or CM_OK for an optional one,
 * which a caller then tells apart by err->status == CM_OK (err->msg says
 * what was not found, for -v).  A file of the share directory
 * (cm_share_holds, share.h) that does not exist is CM_SYSTEM even when
 * missing is CM_USAGE: the default rules of a broken installation are no
 * fault of the command line.  Every other failure is CM_SYSTEM.
 */
struct cm_lines *cm_lines_open(const char *path, const char *what,
    int missing, struct cm_error *err);

/*
 * open(2) path, a file a user named that is read whole (a settings file
 * here; a mail's body or attachment), the way cm_lines_open does: links
 * followed, O_NONBLOCK so that a FIFO cannot hang the open, and only a
 * regular file, so that a FIFO (which would block) and a device
 * (/dev/zero never ends) are refused before a byte is read.  label names
 * the file in messages ("rule file 'x.rules'"; NULL: the path, quoted
 * through cm_msg_value).  Returns the descriptor, blocking, O_CLOEXEC;
 * or -1 with err filled, always CM_SYSTEM: "cannot open LABEL: REASON"
 * when open(2) fails, errno kept (ENOENT for no such file, which a caller
 * may take otherwise), and "cannot read LABEL: Is a directory", "...: a
 * FIFO, not a regular file", "...: a device, not a regular file", "...:
 * a socket, not a regular file" when it is not a regular file.
 * (atomic.h's cm_open_file is the one for files cm trusts: it refuses a
 * link; a user's file given by name may well be one.)
 */
int cm_open_regular(const char *path, const char *label,
    struct cm_error *err);

/*
 * The same over text[0..len), which the caller keeps until
 * cm_lines_close; name is used in messages.  For parsers that take text
 * (tests, fuzzers).
 */
struct cm_lines *cm_lines_open_mem(const char *name, const char *what,
    const char *text, size_t len);

/*
 * Lower the line limit below CM_LINE_MAX, so that a test reaches it with
 * a small input; 0, or anything above CM_LINE_MAX, restores CM_LINE_MAX.
 */
void cm_lines_set_max(struct cm_lines *l, size_t max);

/*
 * The next line: 1, with *s the line without its line break,
 * NUL-terminated, and *n its length; the caller may change the bytes of
 * the line, which stay valid until the next call.  0 at the end of the
 * file; -1 with err filled (see above).  After -1 every call returns -1
 * again with the same error.
 */
int cm_lines_next(struct cm_lines *l, char **s, size_t *n,
    struct cm_error *err);

/*
 * The same, for KEY=VALUE and TABLE files: the next line that says
 * something, trimmed of ASCII and ideographic spaces at both ends
 * (cm_trim, text.h).  Blank lines and comments (a '#' after any spaces)
 * are skipped, so every settings file has the same comments.  Files in
 * which spaces are meaningful (rule files: a pattern may end in one) use
 * cm_lines_next and cm_lines_is_comment.
 */
int cm_lines_next_setting(struct cm_lines *l, char **s, size_t *n,
    struct cm_error *err);

/* Whether s[0..n) is blank or a comment, as cm_lines_next_setting says. */
int cm_lines_is_comment(const char *s, size_t n);

/* The number of the line last returned, from 1 (blank lines count). */
long cm_lines_lineno(const struct cm_lines *l);
/* The name for messages: the path as given. */
const char *cm_lines_name(const struct cm_lines *l);

void cm_lines_close(struct cm_lines *l);

#endif
