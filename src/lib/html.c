/* html.c: text into HTML, escaped (see html.h). */
#include <string.h>

#include "html.h"

void
cm_html_escape(struct cm_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *ref;

	/* Copy the runs between special bytes whole: most text has none. */
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		/* &#39;, not &apos;: HTML 4 and older mail readers lack it. */
		case '\'': ref = "&#39;"; break;
		default: continue;
		}
		cm_buf_add(b, s + start, i - start);
		cm_buf_adds(b, ref);
		start = i + 1;
	}
	cm_buf_add(b, s + start, n - start);
}
