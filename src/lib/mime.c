/* mime.c: an RFC 5322 / MIME message (see mime.h). */
#include <sys/random.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "enc.h"
#include "i18n.h"
#include "mime.h"
#include "num.h"
#include "text.h"
#include "xalloc.h"

/*
 * Header lines are folded to stay within 76 columns: RFC 2047 §2 asks it
 * of lines holding encoded-words, and RFC 5322's 78 is then kept too.
 */
#define LINE_MAX_COLS	76
#define WORD_MAX	75	/* an encoded-word, RFC 2047 §2 */
#define WORD_OVERHEAD	12	/* "=?UTF-8?B?" and "?=" */
#define ADDR_MAX	254	/* RFC 5321 §4.5.3.1.3, a path less "<>" */
#define SECTION_MAX	48	/* of an RFC 2231 value, so lines stay short */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
cm_base64(struct cm_buf *out, const void *data, size_t n, int wrap)
{
	const unsigned char *p = data;
	char q[4];
	size_t i, col = 0;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		cm_buf_add(out, q, 4);
		col += 4;
		if (wrap && col == 76) {
			cm_buf_add(out, "\r\n", 2);
			col = 0;
		}
	}
	if (wrap && col > 0)
		cm_buf_add(out, "\r\n", 2);
}

/* A header value: no CR or LF (a header of its own: "Bcc: ..."). */
static int
check_line(const char *what, const char *s, struct cm_error *err)
{
	if (strpbrk(s, "\r\n") == NULL)
		return 0;
	return cm_error_set(err, CM_USAGE, NULL, 0, 0, "CR or LF in %s '%s'",
	    what, cm_msg_value(s));
}

static int
check_utf8(const char *what, const char *s, size_t n, struct cm_error *err)
{
	if (cm_utf8_valid_prefix(s, n, NULL) == n)
		return 0;
	return cm_error_set(err, CM_USAGE, NULL, 0, 0,
	    "%s '%s' is not valid UTF-8", what, cm_msg_value(s));
}

/*
 * A dot-atom (RFC 5322 §3.2.3) in printable ASCII: no dot first or
 * last, no two in a row.
 */
static int
dot_atom(const char *s, size_t n)
{
	static const char special[] = "()<>[]:;@\\,\"";
	size_t i;

	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] <= ' ' || s[i] > '~' || strchr(special, s[i]) != NULL)
			return 0;
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
	}
	return 1;
}

/* USER@DOMAIN: one '@', dot-atoms on both sides, no longer than a path. */
static int
addr_spec(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	return n <= ADDR_MAX && at != NULL &&
	    dot_atom(s, (size_t)(at - s)) &&
	    dot_atom(at + 1, n - (size_t)(at - s) - 1);
}

struct addr {
	const char *name, *spec;
	size_t namelen, speclen;
	char *own;		/* a quoted name unescaped, or NULL */
};

static const char *
skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static size_t
trim_end(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/*
 * Where the quoted-string (RFC 5322 §3.2.4) opening at s[0] ends: the
 * index of its closing quote, a quoted-pair ("\\\"", "\\\\") taken whole;
 * n when it does not end.
 */
static size_t
quoted_end(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (s[i] == '\\' && i + 1 < n)
			i++;
		else if (s[i] == '"')
			return i;
	return n;
}

/* The name when it is one quoted-string: quotes off, quoted-pairs undone. */
static void
unquote(struct addr *a)
{
	const char *s = a->name + 1;
	size_t n = a->namelen - 2, i, j;

	a->own = xmalloc(n + 1);
	for (i = j = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		a->own[j++] = s[i];
	}
	a->own[j] = '\0';
	a->name = a->own;
	a->namelen = j;
}

/*
 * "a@b", "<a@b>", "Name <a@b>" or "\"Name\" <a@b>" into a; what names
 * the header in messages.  The angle address starts at the first '<'
 * outside quoted-strings, so that a quoted name may hold '<', '>', ','
 * and escaped quotes: "\"a\\\"b<c\" <x@y.cn>" is the name a"b<c.
 */
static int
parse_addr(const char *what, const char *s, struct addr *a,
    struct cm_error *err)
{
	const char *end = s + strlen(s), *lt = NULL, *p, *q;
	char whatname[64];
	size_t k;

	if (check_line(what, s, err) < 0)
		return -1;
	p = skip_space(s, end);
	end = p + trim_end(p, (size_t)(end - p));
	memset(a, 0, sizeof(*a));
	for (q = p; q < end && lt == NULL; q++)
		if (*q == '"') {
			k = quoted_end(q, (size_t)(end - q));
			if (k == (size_t)(end - q))
				break;		/* unterminated: no name */
			q += k;
		} else if (*q == '<')
			lt = q;
	if (lt == NULL) {
		a->spec = p;
		a->speclen = (size_t)(end - p);
	} else {
		a->name = p;
		a->namelen = trim_end(p, (size_t)(lt - p));
		if (a->namelen >= 2 && a->name[0] == '"' &&
		    quoted_end(a->name, a->namelen) == a->namelen - 1)
			unquote(a);
		a->spec = lt + 1;
		a->speclen = end > a->spec && end[-1] == '>' ?
		    (size_t)(end - a->spec) - 1 : (size_t)-1;
	}
	if (a->speclen == (size_t)-1 || !addr_spec(a->spec, a->speclen))
		return cm_error_set(err, CM_USAGE, NULL, 0, 0, "invalid %s "
		    "'%s' (expected USER@DOMAIN or NAME <USER@DOMAIN>)", what,
		    cm_msg_value(s));
	if (a->name != NULL &&
	    cm_utf8_valid_prefix(a->name, a->namelen, NULL) != a->namelen) {
		snprintf(whatname, sizeof(whatname), _("name in %s"), what);
		return check_utf8(whatname, s, strlen(s), err);
	}
	return 0;
}

/*
 * A header being written: its column, whether its line has a word yet,
 * and whether the next word follows without white space (the first word
 * inside a quoted parameter value).
 */
struct fold {
	struct cm_buf *b;
	size_t col;
	int words;
	int glued;
};

static void
hdr_start(struct fold *f, const char *name)
{
	cm_buf_adds(f->b, name);
	cm_buf_addc(f->b, ':');
	f->col = strlen(name) + 1;
	f->words = 0;
	f->glued = 0;
}

/* One word after white space, on a new line when it would pass the edge. */
static void
hdr_word(struct fold *f, const char *s, size_t n)
{
	if (f->glued) {
		f->glued = 0;
	} else {
		if (f->words > 0 && f->col + 1 + n > LINE_MAX_COLS) {
			cm_buf_add(f->b, "\r\n", 2);
			f->col = 0;
		}
		cm_buf_addc(f->b, ' ');
		f->col++;
	}
	cm_buf_add(f->b, s, n);
	f->col += n;
	f->words++;
}

static void
hdr_end(struct fold *f)
{
	cm_buf_add(f->b, "\r\n", 2);
}

/*
 * How many bytes of s[0..n), whole characters, fit in an encoded-word of
 * at most room columns, the suffix glued to it when it takes the last.
 */
static size_t
word_fit(const char *s, size_t n, size_t room, size_t slen)
{
	size_t take = 0, clen;
	uint32_t cp;

	while (take < n) {
		clen = cm_utf8_decode(s + take, n - take, &cp);
		if (clen == 0)
			clen = 1;	/* checked before; one byte, as text.h */
		if (WORD_OVERHEAD + (take + clen + 2) / 3 * 4 +
		    (take + clen == n ? slen : 0) > room)
			break;
		take += clen;
	}
	return take;
}

/*
 * s[0..n) (valid UTF-8) as encoded-words, each as long as the room left
 * on its line allows and ending on a character boundary, so that no line
 * passes LINE_MAX_COLS; suffix ("\"") is glued to the last word.
 */
static void
hdr_encoded(struct fold *f, const char *s, size_t n, const char *suffix)
{
	struct cm_buf w = { 0 };
	size_t room, take, sep, slen = strlen(suffix);

	while (n > 0) {
		sep = f->glued ? 0 : 1;
		room = f->col + sep < LINE_MAX_COLS ?
		    LINE_MAX_COLS - f->col - sep : 0;
		if (room > WORD_MAX)
			room = WORD_MAX;
		take = word_fit(s, n, room, slen);
		if (take == 0) {
			/*
			 * Not one character fits on this line: go on on the
			 * next (never reached on a fresh line, where 75
			 * columns hold 45 bytes).
			 */
			cm_buf_add(f->b, "\r\n", 2);
			f->col = 0;
			f->words = 0;
			f->glued = 0;
			continue;
		}
		cm_buf_reset(&w);
		cm_buf_adds(&w, "=?UTF-8?B?");
		cm_base64(&w, s, take, 0);
		cm_buf_adds(&w, "?=");
		if (take == n)
			cm_buf_adds(&w, suffix);
		hdr_word(f, w.s, w.len);
		s += take;
		n -= take;
	}
	cm_buf_free(&w);
}

/* Printable ASCII that can stand as it is, without "=?" (not a word). */
static int
plain_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < ' ' || s[i] > '~' ||
		    (s[i] == '=' && i + 1 < n && s[i + 1] == '?'))
			return 0;
	return 1;
}

/* A display name: a quoted-string when plain and short, else words. */
static void
hdr_name(struct fold *f, const char *s, size_t n)
{
	struct cm_buf q = { 0 };
	size_t i;

	if (plain_text(s, n) && n <= 60) {
		cm_buf_addc(&q, '"');
		for (i = 0; i < n; i++) {
			if (s[i] == '"' || s[i] == '\\')
				cm_buf_addc(&q, '\\');
			cm_buf_addc(&q, s[i]);
		}
		cm_buf_addc(&q, '"');
		hdr_word(f, q.s, q.len);
		cm_buf_free(&q);
	} else
		hdr_encoded(f, s, n, "");
}

static void
hdr_addrs(struct cm_buf *b, const char *name, const struct addr *a,
    size_t n)
{
	struct fold f = { b, 0, 0, 0 };
	struct cm_buf w = { 0 };
	size_t i;

	hdr_start(&f, name);
	for (i = 0; i < n; i++) {
		cm_buf_reset(&w);
		if (a[i].namelen > 0) {
			hdr_name(&f, a[i].name, a[i].namelen);
			cm_buf_addc(&w, '<');
		}
		cm_buf_add(&w, a[i].spec, a[i].speclen);
		if (a[i].namelen > 0)
			cm_buf_addc(&w, '>');
		if (i + 1 < n)
			cm_buf_addc(&w, ',');
		hdr_word(&f, w.s, w.len);
	}
	hdr_end(&f);
	cm_buf_free(&w);
}

static void
hdr_subject(struct cm_buf *b, const char *s)
{
	struct fold f = { b, 0, 0, 0 };
	size_t n = strlen(s);

	hdr_start(&f, "Subject");
	if (n == 0)
		;
	else if (plain_text(s, n) && f.col + 1 + n <= LINE_MAX_COLS)
		hdr_word(&f, s, n);
	else
		hdr_encoded(&f, s, n, "");
	hdr_end(&f);
}

/* RFC 5322 §3.3, in UTC and English whatever the locale says. */
static void
hdr_date(struct cm_buf *b, time_t t)
{
	static const char days[][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char months[][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	cm_buf_printf(b, "Date: %s, %d %s %04d %02d:%02d:%02d +0000\r\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static uint64_t
fnvs(uint64_t h, const char *s)
{
	return s == NULL ? cm_fnv1a(h, "", 1) :
	    cm_fnv1a(h, s, strlen(s) + 1);
}

static uint64_t
fingerprint(const struct cm_mail *m)
{
	uint64_t h = CM_FNV1A_INIT;
	size_t i;

	h = fnvs(h, m->from);
	for (i = 0; i < m->nto; i++)
		h = fnvs(h, m->to[i]);
	for (i = 0; i < m->ncc; i++)
		h = fnvs(h, m->cc[i]);
	h = fnvs(h, m->subject);
	if (m->html != NULL)
		h = cm_fnv1a(h, m->html, m->html_len);
	if (m->text != NULL)
		h = cm_fnv1a(h, m->text, m->text_len);
	for (i = 0; i < m->nparts; i++) {
		h = fnvs(h, m->parts[i].name);
		h = fnvs(h, m->parts[i].cid);
		h = cm_fnv1a(h, m->parts[i].data, m->parts[i].len);
	}
	return h;
}

/*
 * A file name as RFC 2231 asks: UTF-8, %-escaped, continued over lines
 * (filename*0*=, filename*1*=, ...) when long, each section ending on a
 * character boundary.
 */
static void
param_2231(struct cm_buf *b, const char *param, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct cm_buf enc = { 0 };
	size_t n = strlen(s), i, j, start, nsec = 0, clen;
	size_t *cut = NULL, ncut = 0, cap = 0;
	unsigned char c;
	uint32_t cp;

	/* Cut the escaped text into sections of at most SECTION_MAX columns. */
	for (i = 0, start = 0; i < n; i += clen) {
		clen = cm_utf8_decode(s + i, n - i, &cp);
		if (clen == 0)
			clen = 1;
		if (enc.len - start + clen * 3 > SECTION_MAX) {
			cut = xgrow(cut, &cap, ncut + 1, sizeof(*cut));
			cut[ncut++] = start = enc.len;
		}
		for (j = i; j < i + clen; j++) {
			c = (unsigned char)s[j];
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || strchr(".-_~", c) != NULL)
				cm_buf_addc(&enc, (char)c);
			else {
				cm_buf_addc(&enc, '%');
				cm_buf_addc(&enc, hex[c >> 4]);
				cm_buf_addc(&enc, hex[c & 15]);
			}
		}
	}
	if (ncut == 0)
		cm_buf_printf(b, ";\r\n %s*=UTF-8''%s", param, cm_buf_str(&enc));
	else
		for (start = 0; nsec <= ncut; nsec++) {
			i = nsec < ncut ? cut[nsec] : enc.len;
			cm_buf_printf(b, ";\r\n %s*%zu*=%s%.*s", param, nsec,
			    nsec == 0 ? "UTF-8''" : "", (int)(i - start),
			    enc.s + start);
			start = i;
		}
	free(cut);
	cm_buf_free(&enc);
}

/*
 * name="..." (Content-Type) or filename="..." (Content-Disposition): a
 * plain short name as a quoted-string; else for name=, RFC 2047 words in
 * the quotes (not what RFC 2047 allows, but what Outlook and Thunderbird
 * read), and for filename=, RFC 2231.
 */
static void
param_name(struct cm_buf *b, const char *param, const char *s, int rfc2231)
{
	struct fold f = { b, 0, 1, 1 };
	size_t n = strlen(s);

	if (plain_text(s, n) && strpbrk(s, "\"\\") == NULL && n <= 60) {
		cm_buf_printf(b, ";\r\n %s=\"%s\"", param, s);
		return;
	}
	if (rfc2231) {
		param_2231(b, param, s);
		return;
	}
	cm_buf_printf(b, ";\r\n %s=\"", param);
	f.col = strlen(param) + 3;
	f.glued = 1;
	hdr_encoded(&f, s, n, "\"");
}

static void
part_headers(struct cm_buf *b, const struct cm_mail_part *p, int inl)
{
	cm_buf_printf(b, "Content-Type: %s", p->type);
	if (p->name != NULL)
		param_name(b, "name", p->name, 0);
	cm_buf_adds(b, "\r\nContent-Transfer-Encoding: base64\r\n");
	if (inl)
		cm_buf_printf(b, "Content-ID: <%s>\r\n", p->cid);
	cm_buf_adds(b, inl ? "Content-Disposition: inline" :
	    "Content-Disposition: attachment");
	if (p->name != NULL)
		param_name(b, "filename", p->name, 1);
	cm_buf_adds(b, "\r\n\r\n");
}

static void
leaf(struct cm_buf *b, const char *type, const void *data, size_t n)
{
	cm_buf_printf(b, "Content-Type: %s\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", type);
	cm_base64(b, data, n, 1);
}

/* A multipart's boundary, one per kind, the message's fingerprint in it. */
static void
boundary(char *buf, size_t cap, const char *kind, uint64_t fp)
{
	snprintf(buf, cap, "=_%s_%016" PRIx64, kind, fp);
}

static void
related(struct cm_buf *b, const struct cm_mail *m, size_t ninline,
    uint64_t fp)
{
	char bd[64];
	size_t i;

	if (ninline == 0) {
		leaf(b, "text/html; charset=utf-8", m->html, m->html_len);
		return;
	}
	boundary(bd, sizeof(bd), "related", fp);
	cm_buf_printf(b, "Content-Type: multipart/related; type=\"text/html\";"
	    "\r\n boundary=\"%s\"\r\n\r\n--%s\r\n", bd, bd);
	leaf(b, "text/html; charset=utf-8", m->html, m->html_len);
	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].cid == NULL)
			continue;
		cm_buf_printf(b, "--%s\r\n", bd);
		part_headers(b, &m->parts[i], 1);
		cm_base64(b, m->parts[i].data, m->parts[i].len, 1);
	}
	cm_buf_printf(b, "--%s--\r\n", bd);
}

static void
body(struct cm_buf *b, const struct cm_mail *m, size_t ninline, uint64_t fp)
{
	char bd[64];

	if (m->html != NULL && m->text != NULL) {
		boundary(bd, sizeof(bd), "alt", fp);
		cm_buf_printf(b, "Content-Type: multipart/alternative;\r\n"
		    " boundary=\"%s\"\r\n\r\n--%s\r\n", bd, bd);
		leaf(b, "text/plain; charset=utf-8", m->text, m->text_len);
		cm_buf_printf(b, "--%s\r\n", bd);
		related(b, m, ninline, fp);
		cm_buf_printf(b, "--%s--\r\n", bd);
	} else if (m->html != NULL)
		related(b, m, ninline, fp);
	else
		leaf(b, "text/plain; charset=utf-8", m->text ? m->text : "",
		    m->text ? m->text_len : 0);
}

/* Everything a header will hold, before a byte is written. */
static int
check(const struct cm_mail *m, struct addr *from, struct addr *to,
    struct addr *cc, struct cm_error *err)
{
	const struct cm_mail_part *p;
	size_t i;
	int rc = 0;

	if (m->from == NULL)
		return cm_error_set(err, CM_USAGE, NULL, 0, 0,
		    "no From address");
	if (parse_addr(_("From address"), m->from, from, err) < 0)
		return -1;
	if (m->nto == 0)
		return cm_error_set(err, CM_USAGE, NULL, 0, 0,
		    "no To address");
	for (i = 0; i < m->nto; i++)
		if (parse_addr(_("To address"), m->to[i], &to[i], err) < 0)
			return -1;
	for (i = 0; i < m->ncc; i++)
		if (parse_addr(_("Cc address"), m->cc[i], &cc[i], err) < 0)
			return -1;
	if (m->subject == NULL)
		return cm_error_set(err, CM_USAGE, NULL, 0, 0, "no subject");
	if (check_line(_("the subject"), m->subject, err) < 0 ||
	    check_utf8(_("the subject"), m->subject, strlen(m->subject),
	    err) < 0)
		return -1;
	for (i = 0; i < m->nparts && rc == 0; i++) {
		p = &m->parts[i];
		if (p->type == NULL || !plain_text(p->type, strlen(p->type)))
			rc = cm_error_set(err, CM_USAGE, NULL, 0, 0,
			    "invalid content type '%s'",
			    cm_msg_value(p->type ? p->type : ""));
		else if (p->name != NULL &&
		    (check_line(_("the file name"), p->name, err) < 0 ||
		    check_utf8(_("the file name"), p->name, strlen(p->name),
		    err) < 0))
			rc = -1;
		else if (p->cid != NULL && !addr_spec(p->cid, strlen(p->cid)))
			rc = cm_error_set(err, CM_USAGE, NULL, 0, 0,
			    "invalid Content-ID '%s' (expected NAME@DOMAIN in "
			    "ASCII)", cm_msg_value(p->cid));
	}
	return rc;
}

int
cm_mail_build(const struct cm_mail *m, struct cm_buf *out,
    struct cm_error *err)
{
	struct addr from = { 0 }, *to, *cc;
	const char *at;
	uint64_t fp, rnd = 0;
	size_t i, ninline = 0, nattach = 0;
	char bd[64];
	int rc;

	to = xcalloc(m->nto + 1, sizeof(*to));
	cc = xcalloc(m->ncc + 1, sizeof(*cc));
	rc = check(m, &from, to, cc, err);
	if (rc < 0)
		goto done;
	for (i = 0; i < m->nparts; i++)
		if (m->parts[i].cid != NULL && m->html != NULL)
			ninline++;
		else
			nattach++;
	fp = fingerprint(m);

	hdr_date(out, m->date);
	hdr_addrs(out, "From", &from, 1);
	hdr_addrs(out, "To", to, m->nto);
	if (m->ncc > 0)
		hdr_addrs(out, "Cc", cc, m->ncc);
	hdr_subject(out, m->subject);
	/*
	 * RFC 5322 §3.6.4: unique, the right side a domain of ours.  The
	 * sender's domain is one; a host name is often "localhost".
	 */
	cm_buf_printf(out, "Message-ID: <%lld.", (long long)m->date);
	if (m->reproducible)
		cm_buf_printf(out, "%016" PRIx64, fp);
	else {
		if (getrandom(&rnd, sizeof(rnd), GRND_NONBLOCK) !=
		    (ssize_t)sizeof(rnd))
			rnd = fp ^ (uint64_t)clock();
		cm_buf_printf(out, "%ld.%016" PRIx64, (long)getpid(), rnd);
	}
	at = memchr(from.spec, '@', from.speclen);
	cm_buf_adds(out, "@");
	cm_buf_add(out, at + 1, from.speclen - (size_t)(at - from.spec) - 1);
	cm_buf_adds(out, ">\r\n");
	cm_buf_adds(out, "MIME-Version: 1.0\r\n");

	if (nattach == 0) {
		body(out, m, ninline, fp);
		goto done;
	}
	boundary(bd, sizeof(bd), "mixed", fp);
	cm_buf_printf(out, "Content-Type: multipart/mixed;\r\n"
	    " boundary=\"%s\"\r\n\r\n--%s\r\n", bd, bd);
	body(out, m, ninline, fp);
	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].cid != NULL && m->html != NULL)
			continue;
		cm_buf_printf(out, "--%s\r\n", bd);
		part_headers(out, &m->parts[i], 0);
		cm_base64(out, m->parts[i].data, m->parts[i].len, 1);
	}
	cm_buf_printf(out, "--%s--\r\n", bd);
done:
	free(from.own);
	for (i = 0; i < m->nto; i++)
		free(to[i].own);
	for (i = 0; i < m->ncc; i++)
		free(cc[i].own);
	free(to);
	free(cc);
	return rc;
}

int
cm_mail_date(time_t *t, int *reproducible, struct cm_error *err)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long long v;

	*reproducible = 0;
	if (s == NULL || *s == '\0') {
		*t = time(NULL);
		return 0;
	}
	if (cm_strtonum(s, 0, 253402300799LL, &v) < 0)
		return cm_error_set(err, CM_USAGE, NULL, 0, 0,
		    "invalid SOURCE_DATE_EPOCH '%s' (seconds since "
		    "1970-01-01 UTC)", cm_msg_value(s));
	*reproducible = 1;
	*t = (time_t)v;
	return 0;
}
