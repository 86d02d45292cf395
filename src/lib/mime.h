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
	/*
	 * Non-zero: the Message-ID is made of the date and a hash of the
	 * message instead of the process id and random bytes, so that the
	 * same input makes the same message byte for byte (tests, under
	 * $SOURCE_DATE_EPOCH).
	 */
	int reproducible;
};

/*
 * Append the whole message to out, CRLF line ends, every part base64 in
 * lines of 76, non-ASCII header text as RFC 2047 UTF-8 encoded-words,
 * a Message-ID.  A CR or LF in any header value, or an address that is
 * not one, is -1 with err filled (CM_USAGE, naming the value); nothing
 * is appended then.
 *
 * The shape (RFC 2046, 2387): multipart/mixed { the body, the parts
 * without cid as attachments }, the body being multipart/alternative
 * { text, html } when both are given, and the html multipart/related
 * { html, the parts with a cid, inline }; a level that would hold one
 * part is left out (a lone HTML body is the message itself).  Parts with
 * a cid but no html are attachments.  Neither html nor text: an empty
 * text/plain body.  Boundaries contain "=_", which base64 never does.
 *
 * Header text: the subject, display names ("Name <a@b>", the name
 * optionally in double quotes) and part names must be valid UTF-8; one
 * that is not printable ASCII short enough to stand as it is goes out as
 * encoded-words of at most 75 characters, folded so that no header line
 * passes 76, never splitting a UTF-8 character.  Addresses are
 * USER@DOMAIN in printable ASCII, at most 254 bytes; a cid likewise
 * (RFC 2392).  A file name is given as RFC 2231 filename*=UTF-8''...
 * (continued over lines when long) and as an RFC 2047 name= in
 * Content-Type, which Outlook reads.  The Date is in UTC, in English
 * whatever the locale; the Message-ID's right side is the From domain.
 */
int cm_mail_build(const struct cm_mail *m, struct cm_buf *out,
    struct cm_error *err);

/*
 * The Date of a message: now, or $SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), which also sets *reproducible so that
 * the Message-ID is a function of the message and the same input makes
 * the same message byte for byte.  A SOURCE_DATE_EPOCH that is not a
 * number of seconds from 1970 to 9999 is -1 with err filled (CM_USAGE).
 */
int cm_mail_date(time_t *t, int *reproducible, struct cm_error *err);

/*
 * Append base64 (RFC 4648, with padding) of data[0..n) to out; wrap:
 * lines of 76, each ending in CRLF, the last one too (nothing for n 0).
 */
void cm_base64(struct cm_buf *out, const void *data, size_t n, int wrap);

#endif
