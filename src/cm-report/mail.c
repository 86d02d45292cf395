/*
 * mail.c: `cm-report mail`, the report as a message for `sendmail -t`
 * (002 §4.1.6: the monthly report reaches every department by the 8th,
 * and managers read it in their mail).
 *
 * `cm-report mail --body out/report.html --attach out/NAME.png...` mails the
 * report as the browser shows it: each attached PNG whose name the HTML
 * shows (src="NAME" or src="cid:NAME") goes inline in a
 * multipart/related, its src rewritten to the part's cid.  The message
 * itself is the mime module's (mime.h).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "enc.h"
#include "html.h"
#include "lines.h"
#include "mime.h"
#include "num.h"
#include "report.h"
#include "xalloc.h"

/*
 * A body or attachment larger than this is refused (exit 3): mail
 * servers refuse messages of 25 MB and more (Gmail, Exchange Online's
 * default is lower still), and base64 adds a third.
 */
#define MAIL_FILE_MAX	((size_t)25 << 20)

/* A file read whole, with its name as the message shows it. */
struct file {
	const char *path;
	const char *base;	/* the name after the last '/' */
	char *data;
	size_t len;
};

/*
 * Read path whole.  Only a regular file is read (lines.h's
 * cm_open_regular): a FIFO would hang the job, a device such as
 * /dev/zero never end; either, a directory, or a file that cannot be
 * opened is a system error (exit 4), as every cm command reports a FILE
 * it cannot read.  Past 25 MiB is bad input (exit 3).
 */
static void
read_file(struct file *f, const char *path)
{
	struct cm_buf b = { 0 };
	struct cm_error err;
	char chunk[65536];
	ssize_t n;
	int fd;

	f->path = path;
	f->base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if ((fd = cm_open_regular(path, NULL, &err)) < 0)
		cm_die_error(&err);
	/* One byte past the limit, no more: the file may grow as we read. */
	while (b.len <= MAIL_FILE_MAX) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			cm_die(CM_SYSTEM, "cannot read '%s': %s",
			    cm_msg_value(path), strerror(errno));
		if (n == 0)
			break;
		cm_buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (b.len > MAIL_FILE_MAX)
		cm_die(CM_DATA, "%s: larger than 25 MiB, too large to mail",
		    cm_msg_value(path));
	if (b.s == NULL)
		cm_buf_add(&b, "", 0);
	f->data = b.s;
	f->len = b.len;
}

static int
has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int
is_png(const struct file *f)
{
	return f->len >= 8 && memcmp(f->data, "\x89PNG\r\n\x1a\n", 8) == 0;
}

/* The media type, by the file's first bytes, then by its name. */
static const char *
file_type(const struct file *f)
{
	int utf8 = cm_utf8_valid_prefix(f->data, f->len, NULL) == f->len;

	if (is_png(f))
		return "image/png";
	if (f->len >= 5 && memcmp(f->data, "%PDF-", 5) == 0)
		return "application/pdf";
	if (has_ext(f->base, ".svg"))
		return "image/svg+xml";
	/* Chinese Excel saves its "CSV" in GB18030 (enc.h's auto). */
	if (has_ext(f->base, ".csv"))
		return utf8 ? "text/csv; charset=utf-8" :
		    "text/csv; charset=gb18030";
	if (has_ext(f->base, ".txt"))
		return utf8 ? "text/plain; charset=utf-8" :
		    "text/plain; charset=gb18030";
	return "application/octet-stream";
}

/*
 * The text of a body file as UTF-8, through the shared decoder (a
 * GB18030 text file from a Chinese Windows PC reads right).
 */
static char *
body_text(const struct report *r, const struct file *f, size_t *len)
{
	struct cm_error err;
	struct cm_buf b = { 0 };
	struct cm_in *in;
	const char *blk;
	size_t n;
	int rc;

	in = cm_in_open_mem(f->path, f->data, f->len, r->co.in.encoding, &err);
	if (in == NULL)
		cm_die_error(&err);
	while ((rc = cm_in_read(in, &blk, &n, &err)) == 1)
		cm_buf_add(&b, blk, n);
	if (rc < 0)
		cm_die_error(&err);
	cm_in_close(in);
	if (b.s == NULL)
		cm_buf_add(&b, "", 0);
	*len = b.len;
	return b.s;
}

/*
 * The Content-ID of an inline image: NAME@cm-report when the name is
 * plain ASCII (the HTML then reads src="cid:trend.png@cm-report"), else
 * imageN@cm-report, since a Content-ID is ASCII (RFC 2392).
 */
static char *
make_cid(const char *name, size_t i)
{
	struct cm_buf b = { 0 };
	size_t n = strlen(name);

	if (n > 0 && n <= 64 && strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-") == n &&
	    name[0] != '.' && name[n - 1] != '.' && strstr(name, "..") == NULL)
		cm_buf_printf(&b, "%s@cm-report", name);
	else
		cm_buf_printf(&b, "image%zu@cm-report", i + 1);
	return b.s;
}

/* The attached PNG that src s[0..n) shows ("NAME" or "cid:NAME"), or n. */
static size_t
shown_png(const char *s, size_t len, const struct file *files,
    const struct cm_mail_part *parts, size_t n)
{
	size_t i, nl;

	if (len > 4 && strncasecmp(s, "cid:", 4) == 0) {
		s += 4;
		len -= 4;
	}
	for (i = 0; i < n; i++) {
		nl = strlen(files[i].base);
		if (strcmp(parts[i].type, "image/png") == 0 && len == nl &&
		    memcmp(s, files[i].base, nl) == 0)
			break;
	}
	return i;
}

/*
 * Rewrite the HTML: the src of each <img> (html.h finds the tags as a
 * browser does: any case, after white space or '/', quoted either way or
 * not) that names an attached PNG, as NAME or cid:NAME, becomes
 * cid:CID, and that PNG goes inline (cid set).  Text outside tags, other
 * tags and other src values stay as they are, byte for byte.
 */
static char *
inline_images(const char *html, size_t len, struct file *files,
    struct cm_mail_part *parts, size_t n, size_t *outlen)
{
	struct cm_buf b = { 0 };
	struct cm_html_tag t;
	struct cm_html_attr a;
	size_t pos = 0, last = 0, ap, i;

	while (cm_html_next_tag(html, len, &pos, &t) == 1) {
		if (t.closing || !cm_html_is(html, t.name, t.namelen, "img"))
			continue;
		for (ap = 0; cm_html_next_attr(html, &t, &ap, &a) == 1; ) {
			if (!a.has_value ||
			    !cm_html_is(html, a.name, a.namelen, "src"))
				continue;
			i = shown_png(html + a.value, a.valuelen, files, parts,
			    n);
			if (i < n) {
				if (parts[i].cid == NULL)
					parts[i].cid = make_cid(files[i].base,
					    i);
				/* A cid is [A-Za-z0-9._@-]: safe unquoted too. */
				cm_buf_add(&b, html + last, a.value - last);
				cm_buf_adds(&b, "cid:");
				cm_buf_adds(&b, parts[i].cid);
				last = a.value + a.valuelen;
			}
			/* The first src is the one a browser takes. */
			break;
		}
	}
	cm_buf_add(&b, html + last, len - last);
	*outlen = b.len;
	return b.s;
}

/* With no --body: a short text saying what is attached. */
static char *
list_text(const struct file *files, size_t n, size_t *len)
{
	struct cm_buf b = { 0 };
	size_t i;

	if (n > 0)
		cm_buf_adds(&b, "Attached:\n\n");
	for (i = 0; i < n; i++)
		cm_buf_printf(&b, "  %s\n", files[i].base);
	if (b.s == NULL)
		cm_buf_add(&b, "", 0);
	*len = b.len;
	return b.s;
}



int
report_mail(struct report *r)
{
	struct cm_out_opts oo = r->co.out;
	struct cm_mail m;
	struct cm_error err;
	struct cm_buf msg = { 0 }, meta = { 0 };
	struct cm_mail_part *parts;
	struct file body, *files;
	struct cm_out *out;
	char *html = NULL, *text = NULL, *raw = NULL;
	size_t i, n = r->attach.n, len = 0;
	const char *from = r->from;

	/* Options first: a usage error before any file is read. */
	if (r->nfiles > 0)
		cm_usage_error("mail takes no FILE operand: '%s' (attach it "
		    "with --attach)", cm_msg_value(r->files[0]));
	if (from == NULL && (from = getenv("CM_MAIL_FROM")) != NULL &&
	    *from == '\0')
		from = NULL;
	if (from == NULL)
		cm_usage_error("no sender: give --from or set CM_MAIL_FROM");
	if (r->to.n == 0)
		cm_usage_error("no recipient: give --to");
	if (r->subject == NULL)
		cm_usage_error("no subject: give --subject");
	memset(&m, 0, sizeof(m));
	if (cm_mail_date(&m.date, &m.reproducible, &err) < 0)
		cm_die_error(&err);
	m.from = from;
	m.to = r->to.v;
	m.nto = r->to.n;
	m.cc = r->cc.v;
	m.ncc = r->cc.n;
	m.subject = r->subject;

	/*
	 * The header values, file names included, are checked by a message
	 * built without contents, so that a CR in --subject is a usage error
	 * even when an attachment is missing too.
	 */
	files = xcalloc(n ? n : 1, sizeof(*files));
	parts = xcalloc(n ? n : 1, sizeof(*parts));
	for (i = 0; i < n; i++) {
		parts[i].name = strrchr(r->attach.v[i], '/') ?
		    strrchr(r->attach.v[i], '/') + 1 : r->attach.v[i];
		parts[i].type = "application/octet-stream";
	}
	m.parts = parts;
	m.nparts = n;
	if (cm_mail_build(&m, &msg, &err) < 0)
		cm_die_error(&err);
	cm_buf_reset(&msg);

	for (i = 0; i < n; i++) {
		read_file(&files[i], r->attach.v[i]);
		parts[i].name = files[i].base;
		parts[i].type = file_type(&files[i]);
		parts[i].data = files[i].data;
		parts[i].len = files[i].len;
	}
	if (r->body != NULL) {
		read_file(&body, r->body);
		raw = body_text(r, &body, &len);
		free(body.data);
		if (has_ext(r->body, ".html") || has_ext(r->body, ".htm")) {
			html = inline_images(raw, len, files, parts, n, &len);
			/*
			 * The part is UTF-8 (body_text made it so, from
			 * GB18030 perhaps): a <meta charset> saying otherwise
			 * would have the reader decode it wrong.
			 */
			cm_buf_reset(&meta);
			cm_html_meta_utf8(&meta, html, len);
			free(html);
			html = meta.s;
			len = meta.len;
			meta.s = NULL;
			m.html = html;
			m.html_len = len;
		} else {
			text = raw;
			raw = NULL;
			m.text = text;
			m.text_len = len;
		}
	} else {
		text = list_text(files, n, &len);
		m.text = text;
		m.text_len = len;
	}

	if (cm_mail_build(&m, &msg, &err) < 0)
		cm_die_error(&err);

	oo.format = CM_FMT_CSV;
	oo.excel = 0;
	out = cm_out_open(&oo);
	cm_out_write(out, msg.s, msg.len);
	cm_out_close(out);

	for (i = 0; i < n; i++) {
		free(files[i].data);
		free((char *)parts[i].cid);
	}
	free(files);
	free(parts);
	free(html);
	free(text);
	free(raw);
	cm_buf_free(&msg);
	return CM_OK;
}
