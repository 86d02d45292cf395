/*
 * t-mime.c: the MIME message (mime.h): base64, encoded-words folded
 * without splitting a character, CRLF throughout, header values refused.
 */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "enc.h"
#include "mime.h"
#include "tap.h"

static const char *
b64(struct cm_buf *b, const char *s, size_t n, int wrap)
{
	cm_buf_reset(b);
	cm_base64(b, s, n, wrap);
	return cm_buf_str(b);
}

static void
test_base64(void)
{
	/* RFC 4648 §10 */
	static const char *const vec[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" },
		{ "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	struct cm_buf b = { 0 };
	char data[200];
	size_t i;

	for (i = 0; i < sizeof(vec) / sizeof(vec[0]); i++)
		is_str(b64(&b, vec[i][0], strlen(vec[i][0]), 0), vec[i][1],
		    vec[i][0][0] ? vec[i][0] : "base64 of nothing");
	is_str(b64(&b, "\xff\xfe\x00\x01", 4, 0), "//4AAQ==",
	    "the 62nd and 63rd letters, and a NUL byte");
	is_str(b64(&b, "foobar", 6, 1), "Zm9vYmFy\r\n",
	    "wrapped: a short last line ends in CRLF");
	is_str(b64(&b, "", 0, 1), "", "wrapped: nothing is no line");
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)i;
	b64(&b, data, 57, 1);
	ok(b.len == 78 && memcmp(b.s + 76, "\r\n", 2) == 0,
	    "57 bytes: one line of exactly 76, CRLF");
	b64(&b, data, 58, 1);
	ok(b.len == 78 + 6 && memcmp(b.s + 76, "\r\n", 2) == 0 &&
	    memcmp(b.s + 82, "\r\n", 2) == 0, "58 bytes: 76, then 4");
	b64(&b, data, 200, 1);
	ok(b.len == 3 * 78 + 42, "200 bytes: three lines of 76, then 40");
	cm_buf_free(&b);
}

/* Decode base64 (no white space) into out; -1 on a bad character. */
static int
unb64(const char *s, size_t n, struct cm_buf *out)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t v = 0;
	size_t i, bits = 0;
	const char *p;

	for (i = 0; i < n && s[i] != '='; i++) {
		if ((p = strchr(a, s[i])) == NULL || s[i] == '\0')
			return -1;
		v = v << 6 | (uint32_t)(p - a);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			cm_buf_addc(out, (char)(v >> bits & 0xff));
		}
	}
	return 0;
}

/* Every line ends in CRLF, no CR or LF alone. */
static int
crlf_only(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || s[n - 2] != '\r' || s[n - 1] != '\n')
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')) ||
		    (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
			return 0;
	return 1;
}

/* The longest line of the header block (up to the blank line). */
static size_t
header_width(const char *s)
{
	const char *end = strstr(s, "\r\n\r\n"), *nl;
	size_t max = 0;

	while (s < end) {
		nl = strstr(s, "\r\n");
		if ((size_t)(nl - s) > max)
			max = (size_t)(nl - s);
		s = nl + 2;
	}
	return max;
}

/*
 * The header called name, unfolded, its encoded-words decoded one by
 * one into dec; each must be at most 75 characters and valid UTF-8 by
 * itself.  Returns the number of words, or -1.
 */
static int
decode_header(const char *msg, const char *name, struct cm_buf *dec)
{
	struct cm_buf w = { 0 };
	const char *p = strstr(msg, name), *e, *end;
	int n = 0;

	if (p == NULL)
		return -1;
	p += strlen(name);
	end = p;
	while ((end = strstr(end, "\r\n")) != NULL && end[2] == ' ')
		end += 2;
	while ((p = strstr(p, "=?UTF-8?B?")) != NULL && p < end) {
		e = strstr(p + 10, "?=");
		if (e == NULL || e - p + 2 > 75)
			return -1;
		cm_buf_reset(&w);
		if (unb64(p + 10, (size_t)(e - p - 10), &w) < 0 ||
		    cm_utf8_valid_prefix(w.s, w.len, NULL) != w.len)
			return -1;
		cm_buf_add(dec, w.s, w.len);
		p = e + 2;
		n++;
	}
	cm_buf_free(&w);
	return n;
}

static const char *const to1[] = { "a@example.com" };

static void
base_mail(struct cm_mail *m)
{
	memset(m, 0, sizeof(*m));
	m->from = "cs@example.com";
	m->to = to1;
	m->nto = 1;
	m->subject = "Monthly report";
	m->text = "hello\n";
	m->text_len = 6;
	m->reproducible = 1;
}

static void
test_subject(void)
{
	struct cm_mail m;
	struct cm_buf out = { 0 }, dec = { 0 };
	struct cm_error err;
	const char *subj = "客户满意度月报 2026-10：各部门请于本月8日前反馈，"
	    "产品品质、交货期、服务态度三项低于目标的原因分析及纠正措施"
	    "（柏拉图见附件）🙂 end";
	int words;

	base_mail(&m);
	m.subject = subj;
	ok(cm_mail_build(&m, &out, &err) == 0, "a long Chinese subject");
	ok(header_width(out.s) <= 76, "every header line at most 76 "
	    "(widest %zu)", header_width(out.s));
	words = decode_header(out.s, "\r\nSubject:", &dec);
	ok(words > 3, "  folded over %d encoded-words", words);
	is_str(cm_buf_str(&dec), subj,
	    "  each word valid UTF-8 alone, together the subject");
	ok(crlf_only(out.s, out.len), "CRLF everywhere, no bare CR or LF");

	cm_buf_reset(&out);
	base_mail(&m);
	m.subject = "Monthly report 2026-10";
	cm_mail_build(&m, &out, &err);
	ok(strstr(out.s, "\r\nSubject: Monthly report 2026-10\r\n") != NULL,
	    "short printable ASCII stands as it is");
	cm_buf_reset(&out);
	m.subject = "=?UTF-8?B?eA==?= is text";
	cm_mail_build(&m, &out, &err);
	cm_buf_reset(&dec);
	ok(decode_header(out.s, "\r\nSubject:", &dec) > 0 &&
	    strcmp(cm_buf_str(&dec), m.subject) == 0,
	    "text that looks like an encoded-word is encoded");
	cm_buf_free(&out);
	cm_buf_free(&dec);
}

/* A call that must fail with CM_USAGE and this message, appending nothing. */
static void
refused(const struct cm_mail *m, const char *msg, const char *name)
{
	struct cm_buf out = { 0 };
	struct cm_error err;

	cm_buf_adds(&out, "kept");
	err.msg[0] = '\0';
	ok(cm_mail_build(m, &out, &err) == -1 && err.status == CM_USAGE &&
	    strcmp(cm_buf_str(&out), "kept") == 0, "%s: refused", name);
	is_str(err.msg, msg, "  the message");
	cm_buf_free(&out);
}

static void
test_refused(void)
{
	struct cm_mail m;
	struct cm_mail_part part = { "a.csv", "text/csv", "x", 1, NULL };
	const char *to2[] = { "a@example.com", "b@example.com\r\nBcc: x@y" };

	base_mail(&m);
	m.subject = "hi\r\nBcc: evil@example.com";
	refused(&m, "CR or LF in the subject 'hi\\r\\nBcc: evil@example.com'",
	    "CR LF in the subject");
	m.subject = "hi\nthere";
	refused(&m, "CR or LF in the subject 'hi\\nthere'", "LF alone");
	m.subject = "hi\rthere";
	refused(&m, "CR or LF in the subject 'hi\\rthere'", "CR alone");
	base_mail(&m);
	m.from = "cs@example.com\nBcc: x@y";
	refused(&m, "CR or LF in From address 'cs@example.com\\nBcc: x@y'",
	    "LF in From");
	base_mail(&m);
	m.to = to2;
	m.nto = 2;
	refused(&m, "CR or LF in To address "
	    "'b@example.com\\r\\nBcc: x@y'", "CR LF in the second To");
	base_mail(&m);
	m.cc = to2 + 1;
	m.ncc = 1;
	refused(&m, "CR or LF in Cc address 'b@example.com\\r\\nBcc: x@y'",
	    "CR LF in Cc");
	base_mail(&m);
	part.name = "a\n.csv";
	m.parts = &part;
	m.nparts = 1;
	refused(&m, "CR or LF in the file name 'a\\n.csv'", "LF in a name");
	base_mail(&m);
	m.from = "zhang san@example.com";
	refused(&m, "invalid From address 'zhang san@example.com' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "a space in an address");
	m.from = "example.com";
	refused(&m, "invalid From address 'example.com' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "no @");
	m.from = "a@b@example.com";
	refused(&m, "invalid From address 'a@b@example.com' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "two @");
	m.from = "Zhang <a@example.com";
	refused(&m, "invalid From address 'Zhang <a@example.com' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "no closing >");
	m.from = "a.@example.com";
	refused(&m, "invalid From address 'a.@example.com' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "a dot last in the user");
	base_mail(&m);
	m.subject = "\xb0\xa1 GBK";
	refused(&m, "the subject '\\xb0\\xa1 GBK' is not valid UTF-8",
	    "a subject in GBK: its bytes shown as \\xNN, not raw");
	m.subject = "a\x1b[31mred\x7f\xc2\x9b\xff";
	m.from = "\x1b]0;title\x07 <cs@example.com";
	refused(&m, "invalid From address '\\x1b]0;title\\x07 "
	    "<cs@example.com' (expected USER@DOMAIN or NAME <USER@DOMAIN>)",
	    "ESC and BEL in an address: shown as \\xNN");
	m.from = "cs@example.com";
	refused(&m, "the subject 'a\\x1b[31mred\\x7f\\xc2\\x9b\\xff' is not "
	    "valid UTF-8", "ESC, DEL, C1 CSI in the subject: shown as \\xNN");
	base_mail(&m);
	m.from = "\xd5\xc5 <cs@example.com>";
	refused(&m, "name in From address '\\xd5\\xc5 <cs@example.com>' is "
	    "not valid UTF-8", "a GBK display name: the whole value shown");
	base_mail(&m);
	part.name = "a.csv";
	part.cid = "趋势.png@cm-report";
	m.html = "<p>";
	m.html_len = 3;
	m.parts = &part;
	m.nparts = 1;
	refused(&m, "invalid Content-ID '趋势.png@cm-report' (expected "
	    "NAME@DOMAIN in ASCII)", "a cid not in ASCII");
	base_mail(&m);
	m.nto = 0;
	refused(&m, "no To address", "no recipient");
}

static void
test_message(void)
{
	struct cm_mail m;
	struct cm_buf out = { 0 }, again = { 0 }, dec = { 0 };
	struct cm_error err;
	const char *to[] = { "张三 <zhang@example.com>",
	    "\"Li, Si\" <li@example.com>", "wang@example.com" };
	struct cm_mail_part parts[] = {
		{ "trend.png", "image/png", "\x89PNG", 4,
		    "trend.png@cm-report" },
		{ "投诉统计_2026年10月_按原因和部门分列的明细与损失金额汇总表.csv",
		    "text/csv; charset=utf-8", "a,b\n", 4, NULL },
	};

	base_mail(&m);
	m.date = 0;
	m.from = "客户服务部 <cs@example.com>";
	m.to = to;
	m.nto = 3;
	m.text = NULL;
	m.html = "<img src=\"cid:trend.png@cm-report\">";
	m.html_len = strlen(m.html);
	m.parts = parts;
	m.nparts = 2;
	ok(cm_mail_build(&m, &out, &err) == 0, "html, an inline image and "
	    "an attachment");
	ok(strncmp(out.s, "Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n", 38) == 0,
	    "Date in RFC 5322 form, UTC");
	ok(strstr(out.s, "\r\nTo: =?UTF-8?B?5byg5LiJ?= <zhang@example.com>,"
	    " \"Li, Si\" <li@example.com>,\r\n wang@example.com\r\n") != NULL,
	    "To: an encoded name, a quoted one, a bare address, folded");
	ok(strstr(out.s, "\r\nMessage-ID: <0.") != NULL &&
	    strstr(out.s, "@example.com>\r\nMIME-Version: 1.0\r\n") != NULL,
	    "Message-ID on the From domain, MIME-Version");
	ok(strstr(out.s, "\r\nContent-Type: multipart/mixed;\r\n boundary=\"=_")
	    != NULL, "multipart/mixed, boundary with =_");
	ok(strstr(out.s, "Content-Type: multipart/related; type=\"text/html\"")
	    != NULL, "  holding multipart/related");
	ok(strstr(out.s, "Content-ID: <trend.png@cm-report>\r\n"
	    "Content-Disposition: inline;\r\n filename=\"trend.png\"\r\n")
	    != NULL, "  the inline image");
	ok(strstr(out.s, " filename*0*=UTF-8''%E6%8A%95") != NULL &&
	    strstr(out.s, " filename*1*=") != NULL,
	    "a long UTF-8 file name in RFC 2231 sections");
	ok(strstr(out.s, " name=\"=?UTF-8?B?") != NULL,
	    "  and an RFC 2047 name=");
	ok(header_width(out.s) <= 76, "header lines at most 76 (widest %zu)",
	    header_width(out.s));
	ok(crlf_only(out.s, out.len), "CRLF everywhere");
	cm_mail_build(&m, &again, &err);
	ok(out.len == again.len && memcmp(out.s, again.s, out.len) == 0,
	    "reproducible: the same message twice");
	m.reproducible = 0;
	cm_buf_reset(&again);
	cm_mail_build(&m, &again, &err);
	ok(strcmp(out.s, again.s) != 0, "not reproducible: another "
	    "Message-ID");
	cm_buf_free(&again);

	/* A quoted name is taken as RFC 5322 writes it, not quoted twice. */
	base_mail(&m);
	m.from = "\"Li \\\"Boss\\\" Si\" <li@example.com>";
	cm_buf_reset(&out);
	cm_mail_build(&m, &out, &err);
	ok(strstr(out.s, "\r\nFrom: \"Li \\\"Boss\\\" Si\" <li@example.com>\r\n")
	    != NULL, "a quoted name with quoted-pairs stays as it was");

	/*
	 * The angle address is the first '<' outside quoted-strings: a
	 * quoted name may hold '<', '>', ',' and escaped quotes.
	 */
	base_mail(&m);
	m.from = "\"a\\\"b<c\" <x@y.cn>";
	cm_buf_reset(&out);
	ok(cm_mail_build(&m, &out, &err) == 0 &&
	    strstr(out.s, "\r\nFrom: \"a\\\"b<c\" <x@y.cn>\r\n") != NULL,
	    "a quoted name with \\\" and < inside");
	m.from = "  \"<a@b.cn>, \\\\\"  <x@y.cn>  ";
	cm_buf_reset(&out);
	ok(cm_mail_build(&m, &out, &err) == 0 &&
	    strstr(out.s, "\r\nFrom: \"<a@b.cn>, \\\\\" <x@y.cn>\r\n") !=
	    NULL, "a name like an address, a comma, an escaped backslash");
	m.from = "\"\xe5\xbc\xa0<\xe4\xb8\x89>\" <x@y.cn>";
	cm_buf_reset(&out);
	cm_buf_reset(&dec);
	ok(cm_mail_build(&m, &out, &err) == 0 &&
	    decode_header(out.s, "\r\nFrom:", &dec) == 1 &&
	    strcmp(cm_buf_str(&dec), "\xe5\xbc\xa0<\xe4\xb8\x89>") == 0,
	    "a Chinese quoted name with <>: one encoded-word");
	m.from = "\"a\" \"b<c\" <x@y.cn>";
	cm_buf_reset(&out);
	ok(cm_mail_build(&m, &out, &err) == 0 &&
	    strstr(out.s, "\r\nFrom: \"\\\"a\\\" \\\"b<c\\\"\" <x@y.cn>\r\n") !=
	    NULL, "two quoted-strings: a phrase kept as written, quoted");
	base_mail(&m);
	m.from = "\"a<b\" x@y.cn";
	refused(&m, "invalid From address '\"a<b\" x@y.cn' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "a quoted '<' is no address");
	m.from = "\"a\\\" <x@y.cn>";
	refused(&m, "invalid From address '\"a\\\" <x@y.cn>' (expected "
	    "USER@DOMAIN or NAME <USER@DOMAIN>)", "an unterminated quote");

	/* Levels of one part are left out. */
	base_mail(&m);
	cm_buf_reset(&out);
	cm_mail_build(&m, &out, &err);
	ok(strstr(out.s, "MIME-Version: 1.0\r\nContent-Type: text/plain; "
	    "charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "aGVsbG8K\r\n") != NULL && strstr(out.s, "multipart") == NULL,
	    "a text body alone: the message is the text");
	m.text = NULL;
	m.html = "<p>x</p>";
	m.html_len = 8;
	cm_buf_reset(&out);
	cm_mail_build(&m, &out, &err);
	ok(strstr(out.s, "\r\nContent-Type: text/html; charset=utf-8\r\n") !=
	    NULL && strstr(out.s, "multipart") == NULL,
	    "an HTML body alone: the message is the HTML");
	m.parts = parts;
	m.nparts = 1;
	cm_buf_reset(&out);
	cm_mail_build(&m, &out, &err);
	ok(strstr(out.s, "MIME-Version: 1.0\r\nContent-Type: multipart/"
	    "related") != NULL && strstr(out.s, "multipart/mixed") == NULL,
	    "HTML and an inline image: multipart/related at the top");
	m.text = "plain";
	m.text_len = 5;
	cm_buf_reset(&out);
	cm_mail_build(&m, &out, &err);
	ok(strstr(out.s, "MIME-Version: 1.0\r\nContent-Type: multipart/"
	    "alternative") != NULL, "text and HTML: multipart/alternative");
	cm_buf_free(&out);
	cm_buf_free(&dec);
}

int
main(void)
{
	test_base64();
	test_subject();
	test_refused();
	test_message();
	return done_testing();
}
