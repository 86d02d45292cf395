/*
 * t-html.c: text into HTML (html.h).
 */
#include <string.h>

#include "buf.h"
#include "html.h"
#include "tap.h"

static const char *
esc(struct cm_buf *b, const char *s, size_t n)
{
	cm_buf_reset(b);
	cm_html_escape(b, s, n);
	return cm_buf_str(b);
}

/* The tags of s as "name" or "/name", each with its attributes name=value. */
static const char *
tags(struct cm_buf *b, const char *s)
{
	struct cm_html_tag t;
	struct cm_html_attr a;
	size_t n = strlen(s), pos = 0, ap;

	cm_buf_reset(b);
	while (cm_html_next_tag(s, n, &pos, &t) == 1) {
		cm_buf_printf(b, "%s%s%.*s", b->len ? " " : "",
		    t.closing ? "/" : "", (int)t.namelen, s + t.name);
		for (ap = 0; cm_html_next_attr(s, &t, &ap, &a) == 1; )
			cm_buf_printf(b, "[%.*s%s%.*s]", (int)a.namelen,
			    s + a.name, a.has_value ? "=" : "",
			    (int)a.valuelen, s + a.value);
	}
	return cm_buf_str(b);
}

static const char *
meta(struct cm_buf *b, const char *s, size_t *changed)
{
	cm_buf_reset(b);
	*changed = cm_html_meta_utf8(b, s, strlen(s));
	return cm_buf_str(b);
}

static void
test_tags(void)
{
	struct cm_buf b = { 0 };

	is_str(tags(&b, "<p>报告 src=\"trend.png\"</p>"), "p /p",
	    "text that looks like an attribute is text");
	is_str(tags(&b, "<img/src=\"a.png\"><IMG SRC='b.png'>"
	    "<img\talt=x\nsrc=c.png/>"),
	    "img[src=a.png] IMG[SRC=b.png] img[alt=x][src=c.png/]",
	    "separators '/', tab, LF; quoted either way or not; any case");
	is_str(tags(&b, "<img alt=\"a>b\" src=x>"), "img[alt=a>b][src=x]",
	    "a '>' in a quoted value does not end the tag");
	is_str(tags(&b, "<img alt=a\"b>c\" src=x>"), "img[alt=a\"b]",
	    "a quote inside an unquoted value opens nothing");
	is_str(tags(&b, "<img a\"b='c>d' src=x>"), "img[a\"b=c>d][src=x]",
	    "one inside a name is part of it; the value after it is quoted");
	is_str(tags(&b, "<!-- <img src=a> --><!DOCTYPE html><?x <b>?>"
	    "<i>"), "i", "a comment and a doctype are no tags; <? ends "
	    "at the first >");
	is_str(tags(&b, "<!--><img src=a><!---><img src=b>"
	    "<!-- <img src=x> --!><img src=c><!-- -- -> <i> -->"),
	    "img[src=a] img[src=b] img[src=c]",
	    "<!--> and <!---> are empty comments; --!> ends one too");
	is_str(tags(&b, "<!--"), "", "a comment that never ends hides all");
	is_str(tags(&b, "<!---"), "", "... cut short after <!---");
	is_str(tags(&b, "<script>x = '<img src=a>'</SCRIPT ><style>"
	    "<b></style><img src=c>"), "script /SCRIPT style /style img[src=c]",
	    "no tag inside script or style, up to its end tag");
	is_str(tags(&b, "a < b <3 <- </ x> <a"), "",
	    "'<' that starts no tag, and a tag cut short, are text");
	is_str(tags(&b, "<input disabled value = 'x' =y>"),
	    "input[disabled][value=x][=y]",
	    "an attribute without a value; spaces around =");
	cm_buf_free(&b);
}

static void
test_meta(void)
{
	struct cm_buf b = { 0 };
	size_t n;

	is_str(meta(&b, "<html><head><meta charset=\"gb18030\">", &n),
	    "<html><head><meta charset=\"utf-8\">", "<meta charset>");
	ok(n == 1, "  one changed");
	is_str(meta(&b, "<META CharSet='GBK'/><Meta charset=big5>", &n),
	    "<META CharSet='utf-8'/><Meta charset=utf-8>",
	    "any case, either quote, unquoted");
	ok(n == 2, "  two changed");
	is_str(meta(&b, "<meta http-equiv=\"Content-Type\" content=\"text/html;"
	    " charset=gb2312\">", &n), "<meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=utf-8\">", "http-equiv content");
	is_str(meta(&b, "<meta content='text/html;CHARSET = \"GB18030\"' "
	    "HTTP-EQUIV=content-type>", &n), "<meta content='text/html;"
	    "CHARSET = \"utf-8\"' HTTP-EQUIV=content-type>",
	    "  content first, spaces around =, a quoted charset");
	is_str(meta(&b, "<meta name=description content=\"charset=gbk\">", &n),
	    "<meta name=description content=\"charset=gbk\">",
	    "content without http-equiv: not a declaration, kept");
	ok(n == 0, "  none changed");
	is_str(meta(&b, "<meta charset=UTF-8>", &n), "<meta charset=UTF-8>",
	    "utf-8 already: kept as written");
	ok(n == 0, "  none changed");
	is_str(meta(&b, "<p>&lt;meta charset=gbk&gt; charset=gbk</p>", &n),
	    "<p>&lt;meta charset=gbk&gt; charset=gbk</p>",
	    "text outside a meta is never changed");
	is_str(meta(&b, "<head></head><meta charset=gbk>", &n),
	    "<head></head><meta charset=gbk>", "after </head>: kept");
	is_str(meta(&b, "<body><meta charset=gbk>", &n),
	    "<body><meta charset=gbk>", "after <body>: kept");
	is_str(meta(&b, "<!-- <meta charset=gbk> --><meta charset=gbk>", &n),
	    "<!-- <meta charset=gbk> --><meta charset=utf-8>",
	    "a comment kept, the meta after it changed");
	cm_buf_free(&b);
}

int
main(void)
{
	struct cm_buf b = { 0 };
	const char *s;

	is_str(esc(&b, "", 0), "", "nothing stays nothing");
	is_str(esc(&b, "plain 文本", strlen("plain 文本")), "plain 文本",
	    "text without the five stays byte for byte");
	s = "<script>alert('x') && \"y\"</script>";
	is_str(esc(&b, s, strlen(s)),
	    "&lt;script&gt;alert(&#39;x&#39;) &amp;&amp; &quot;y&quot;"
	    "&lt;/script&gt;", "& < > \" ' all escaped");
	is_str(esc(&b, "&amp;", 5), "&amp;amp;",
	    "a reference is escaped again, not kept");
	is_str(esc(&b, "a<b>c", 2), "a&lt;", "only s[0..n) is read");
	cm_buf_reset(&b);
	cm_buf_adds(&b, "x=");
	cm_html_escape(&b, "<", 1);
	is_str(cm_buf_str(&b), "x=&lt;", "appends to what b holds");
	cm_buf_free(&b);
	test_tags();
	test_meta();
	return done_testing();
}
