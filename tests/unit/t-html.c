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
	return done_testing();
}
