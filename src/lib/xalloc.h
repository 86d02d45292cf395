/*
 * xalloc.h: allocation that cannot fail.  On exhaustion the wrappers print
 * "cm-NAME: out of memory" and exit 4 (CM_SYSTEM), as sbase's ealloc does.
 */
#ifndef CM_XALLOC_H
#define CM_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc to nmemb * size, exiting on overflow as on exhaustion. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *p (holding *cap elements of size) to hold at least need elements. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

#endif
