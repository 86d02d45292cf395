/*
 * strset.h: a set of strings, each with a number: the library's one hash
 * table for strings (the columns of a header, the values of a register's
 * column, the groups of a report, the (id, field) pairs of a log).  A
 * caller that keeps more per key stores its records in an array of its
 * own and the index into it as the value, as below.
 *
 * Keys are borrowed, not copied: the caller keeps each string alive and
 * unchanged while it is in the set.  Adding and finding take expected
 * constant time whatever the keys: the hash is SipHash-1-3 under a key
 * drawn at random once per process, so names crafted to collide (a header
 * of a million columns, say) cannot make the set quadratic.  Nothing is
 * ever removed, and the order of the keys is not kept: a caller that
 * needs an order keeps its own array and stores indexes into it as the
 * values.
 *
 *	struct cm_strset *seen = cm_strset_new();
 *	size_t first;
 *
 *	for (i = 0; i < n; i++)
 *		if (!cm_strset_add(seen, name[i], i, &first))
 *			complain(name[first], name[i]);
 *	cm_strset_free(seen);
 */
#ifndef CM_STRSET_H
#define CM_STRSET_H

#include <stddef.h>

struct cm_strset;

struct cm_strset *cm_strset_new(void);
/*
 * Make room for n keys in all, so that adding them never grows the table
 * (a caller that knows how many keys are coming saves the rehashing).
 */
void cm_strset_reserve(struct cm_strset *s, size_t n);

/* Frees the set, not the keys; s may be NULL. */
void cm_strset_free(struct cm_strset *s);

/*
 * Add key with value val and return 1.  When key is already there,
 * return 0, leave the set as it was and put the value it has into *old
 * (unless old is NULL): the first of two equal keys stays.
 */
int cm_strset_add(struct cm_strset *s, const char *key, size_t val,
    size_t *old);

/*
 * Give key the value val, adding it when it is not there: the last of
 * two equal keys wins.  The set then holds this key pointer, so the
 * string an equal key was added with may be freed afterwards.
 */
void cm_strset_put(struct cm_strset *s, const char *key, size_t val);

/* 1 and the value of key in *val (unless val is NULL), or 0. */
int cm_strset_get(const struct cm_strset *s, const char *key, size_t *val);

/*
 * The same for the key key[0..n), which need not be NUL-terminated (a
 * cell of a record, a key being built) but holds no NUL byte: a key of
 * the set matches when its n bytes are these and it ends there.
 */
int cm_strset_getn(const struct cm_strset *s, const char *key, size_t n,
    size_t *val);

/* The number of keys. */
size_t cm_strset_count(const struct cm_strset *s);

#endif
