/*
 * buf.h: a growable byte string, always NUL-terminated (after git's strbuf).
 * A zeroed struct cm_buf is an empty buffer; s may be NULL until first add.
 */
#ifndef CM_BUF_H
#define CM_BUF_H

#include <stddef.h>

struct cm_buf {
	char *s;
	size_t len;
	size_t cap;
};

void cm_buf_add(struct cm_buf *b, const void *data, size_t n);
void cm_buf_adds(struct cm_buf *b, const char *s);
void cm_buf_addc(struct cm_buf *b, char c);
void cm_buf_printf(struct cm_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cm_buf_reset(struct cm_buf *b);	/* len = 0, keeps the memory */
void cm_buf_free(struct cm_buf *b);
/* The contents as a C string ("" when nothing was ever added). */
const char *cm_buf_str(const struct cm_buf *b);

#endif
