/*
 * mime.h: an RFC 5322 / MIME message (RFC 2045-2047, 2387, 2231), for
 * `sendmail -t`: cm-report mail, and the monthly report's report.eml.
 */
#ifndef CM_MIME_H
#define CM_MIME_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "msg.h"

struct cm_mail_part {
	const char *name;	/* the file name shown (UTF-8) */
	const char *type;	/* "image/png", "application/pdf", ... */
	const char *data;
	size_t len;
	/*
	 * Non-NULL: an inline part of the HTML body (multipart/related),
	 * Content-ID <cid>; the HTML refers to it as "cid:CID".
	 */
	const char *cid;
};

struct cm_mail {
	const char *from;		/* "Name <a@b>" or "a@b" */
	const char *const *to;
	size_t nto;
	const char *const *cc;
	size_t ncc;
	const char *subject;		/* UTF-8 */
	const char *html;		/* the body as HTML, or NULL */
	size_t html_len;
	const char *text;		/* the body as plain text, or NULL */
	size_t text_len;
	const struct cm_mail_part *parts;
	size_t nparts;
	time_t date;			/* the Date header */
};

/*
 * Append the whole message to out, CRLF line ends, every part base64 in
 * lines of 76, non-ASCII header text as RFC 2047 UTF-8 encoded-words,
 * a Message-ID.  A CR or LF in any header value, or an address that is
 * not one, is -1 with err filled (CM_USAGE, naming the value); nothing
 * is appended then.
 */
int cm_mail_build(const struct cm_mail *m, struct cm_buf *out,
    struct cm_error *err);

/* Append base64 of data[0..n) to out; wrap: lines of 76, CRLF. */
void cm_base64(struct cm_buf *out, const void *data, size_t n, int wrap);

#endif
