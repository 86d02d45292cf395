/* buf.c: growable strings (see buf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

void
cm_buf_add(struct cm_buf *b, const void *data, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	if (n > 0)
		memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
cm_buf_adds(struct cm_buf *b, const char *s)
{
	cm_buf_add(b, s, strlen(s));
}

void
cm_buf_addc(struct cm_buf *b, char c)
{
	cm_buf_add(b, &c, 1);
}

void
cm_buf_printf(struct cm_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->s = xgrow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
cm_buf_reset(struct cm_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
cm_buf_free(struct cm_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *
cm_buf_str(const struct cm_buf *b)
{
	return b->s ? b->s : "";
}
