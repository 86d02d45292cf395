/*
 * html.h: text into HTML, escaped.
 */
#ifndef CM_HTML_H
#define CM_HTML_H

#include <stddef.h>

#include "buf.h"

/* Append s[0..n) to b with & < > " ' as character references. */
void cm_html_escape(struct cm_buf *b, const char *s, size_t n);

#endif
