/*
 * html.h: text into HTML, escaped; and the tags of an HTML text, found
 * as a browser finds them, for the few rewrites a mail needs.
 */
#ifndef CM_HTML_H
#define CM_HTML_H

#include <stddef.h>

#include "buf.h"

/* Append s[0..n) to b with & < > " ' as character references. */
void cm_html_escape(struct cm_buf *b, const char *s, size_t n);

/*
 * A tag of s[0..n), by offsets into s: s[start] is its '<' and s[end - 1]
 * its '>'; its name is s[name..name + namelen) (compare it with
 * cm_html_is); closing for an end tag ("</head>").
 */
struct cm_html_tag {
	size_t start, end;
	size_t name, namelen;
	int closing;
};

/*
 * An attribute of a tag: its name s[name..name + namelen), and its value
 * s[value..value + valuelen), quotes excluded; quote is '"', '\'' or 0
 * (unquoted, or no value: then valuelen is 0 and has_value 0).
 */
struct cm_html_attr {
	size_t name, namelen;
	size_t value, valuelen;
	int quote;
	int has_value;
};

/*
 * The next tag of s[0..n) at or after *pos, as the HTML tokenizer
 * (WHATWG HTML §13.2.5) finds it: '<' and an ASCII letter starts a tag,
 * "</" and a letter an end tag, its name runs to white space, '/' or
 * '>', and a '>' inside a quoted attribute value does not end it.
 * Comments (<!-- -->), <!DOCTYPE ...>, <?...> and a '<' that starts no
 * tag are text, and so is the content of script, style, title,
 * textarea, xmp, iframe, noembed and noframes up to their end tag: no
 * tag is found inside.  Returns 1 with t filled and *pos moved past the
 * tag (past the raw text after one of those elements); 0 when no tag is
 * left (a tag cut short by the end of s is none).  Text between tags is
 * s[previous end..t->start), for the caller to copy.
 */
int cm_html_next_tag(const char *s, size_t n, size_t *pos,
    struct cm_html_tag *t);

/*
 * The next attribute of tag t (of s) at or after *pos, which starts at 0
 * for each tag: 1 with a filled and *pos moved past it, 0 when the tag
 * has no more.  Separators are white space (space, tab, CR, LF, FF) and
 * '/', so <img/src="x"> has the attribute src.
 */
int cm_html_next_attr(const char *s, const struct cm_html_tag *t,
    size_t *pos, struct cm_html_attr *a);

/* Whether s[at..at + len) is name, ASCII case ignored. */
int cm_html_is(const char *s, size_t at, size_t len, const char *name);

/*
 * Append s[0..n) to b with every character encoding declared in a
 * <meta> of the head (before </head> or <body>) set to utf-8:
 * <meta charset="gb18030"> and the charset= of the content of
 * <meta http-equiv="Content-Type" content="text/html; charset=gbk">,
 * names ASCII case ignored, the rest byte for byte.  For a text that is
 * UTF-8 now whatever it was written in: a mail's HTML part said to be
 * charset=utf-8 must not say otherwise inside.  Returns the number of
 * declarations changed (one already saying utf-8 is left as it is).
 */
size_t cm_html_meta_utf8(struct cm_buf *b, const char *s, size_t n);

#endif
