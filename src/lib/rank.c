/*
 * rank.c: ranks of ids under a seed, through xxHash's XXH3 (rank.h).
 */
#include <string.h>

#include <xxhash.h>

#include "rank.h"

uint64_t
cm_rank_seed(const char *text, size_t len)
{
	return XXH3_64bits(text, len);
}

uint64_t
cm_rank(uint64_t seed, const char *id, size_t len)
{
	return XXH3_64bits_withSeed(id, len, seed);
}

int
cm_rank_cmp(uint64_t ra, const char *a, size_t alen, uint64_t rb,
    const char *b, size_t blen)
{
	int c;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	c = memcmp(a, b, alen < blen ? alen : blen);
	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}
