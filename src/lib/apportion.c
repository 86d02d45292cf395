/*
 * apportion.c: the largest-remainder split of apportion.h.
 */
#include <stdlib.h>

#include "apportion.h"
#include "xalloc.h"

struct rem {
	long long rem;		/* total × w mod W: below W, fits */
	long long w;
	size_t i;
};

/* Larger remainder first, then larger weight, then earlier: the tie rule. */
static int
rem_cmp(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int
cm_apportion(long long total, const long long *w, size_t n, long long *part)
{
	struct rem small[16], *r;
	long long sum = 0, given = 0, left;
	size_t i;

	if (total < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (w[i] < 0 || __builtin_add_overflow(sum, w[i], &sum))
			return -1;
	}
	if (sum == 0)
		return -1;
	r = n <= 16 ? small : xreallocarray(NULL, n, sizeof(*r));
	for (i = 0; i < n; i++) {
		/* total × w[i] < 2^126: exact; the quotient <= total. */
		__int128 q = (__int128)total * w[i];

		part[i] = (long long)(q / sum);
		r[i].rem = (long long)(q % sum);
		r[i].w = w[i];
		r[i].i = i;
		given += part[i];
	}
	/* Fewer than n fen are left: each floor lost less than one. */
	left = total - given;
	if (left > 0) {
		qsort(r, n, sizeof(*r), rem_cmp);
		for (i = 0; i < (size_t)left; i++)
			part[r[i].i]++;
	}
	if (r != small)
		free(r);
	return 0;
}
