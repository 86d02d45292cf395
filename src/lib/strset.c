/*
 * strset.c: a set of strings with a number each (see strset.h).
 *
 * Open addressing with linear probing over a power-of-two table of at
 * most three quarters full.  The hash is keyed: the set holds names and
 * values that any input can choose (a header, a register's ids, a log's
 * fields), and the low bits of an unkeyed hash such as FNV-1a are easy
 * to make collide, which would turn every add into a walk over all the
 * keys before it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "strset.h"
#include "xalloc.h"

struct slot {
	const char *key;	/* NULL: free */
	uint64_t h;
	size_t val;
};

struct cm_strset {
	struct slot *v;
	size_t n, cap;		/* cap: a power of two */
};

static uint64_t k0, k1;
static int keyed;

/*
 * The hash key, once per process.  Without getrandom (an old kernel)
 * the clock and an address still keep a file from knowing the key in
 * advance.
 */
static void
make_key(void)
{
	uint64_t k[2];
	struct timespec ts;

	if (getrandom(k, sizeof(k), GRND_NONBLOCK) != (ssize_t)sizeof(k)) {
		clock_gettime(CLOCK_REALTIME, &ts);
		k[0] = (uint64_t)ts.tv_nsec * UINT64_C(0x9E3779B97F4A7C15) ^
		    (uint64_t)ts.tv_sec;
		k[1] = (uint64_t)(uintptr_t)&keyed ^ (k[0] >> 17);
	}
	k0 = k[0];
	k1 = k[1];
	keyed = 1;
}

#define ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

/*
 * SipHash-1-3 of s[0..n) (Aumasson and Bernstein, 2012, with the rounds
 * that Rust's HashMap and Python's str hash take): every lookup of a
 * register's index hashes a key, and the fewer rounds halve the cost
 * while the key still keeps the hash values out of an attacker's reach.
 */
static uint64_t
siphash(const unsigned char *s, size_t n)
{
	uint64_t v0 = UINT64_C(0x736f6d6570736575) ^ k0;
	uint64_t v1 = UINT64_C(0x646f72616e646f6d) ^ k1;
	uint64_t v2 = UINT64_C(0x6c7967656e657261) ^ k0;
	uint64_t v3 = UINT64_C(0x7465646279746573) ^ k1;
	uint64_t m, b = (uint64_t)n << 56;
	size_t i, left = n & 7, end = n - left;
	int j;

	for (i = 0; i < end; i += 8) {
		for (m = 0, j = 7; j >= 0; j--)
			m = m << 8 | s[i + (size_t)j];
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (j = (int)left - 1; j >= 0; j--)
		b |= (uint64_t)s[end + (size_t)j] << (8 * j);
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static uint64_t
hash(const char *key)
{
	return siphash((const unsigned char *)key, strlen(key));
}

/* The slot of key[0..n): its own, or the free one where it would go. */
static struct slot *
find(struct slot *v, size_t cap, const char *key, size_t n, uint64_t h)
{
	size_t mask = cap - 1, i = (size_t)h & mask;

	for (;; i = (i + 1) & mask)
		if (v[i].key == NULL || (v[i].h == h &&
		    strncmp(v[i].key, key, n) == 0 && v[i].key[n] == '\0'))
			return &v[i];
}

struct cm_strset *
cm_strset_new(void)
{
	struct cm_strset *s = xcalloc(1, sizeof(*s));

	if (!keyed)
		make_key();
	s->cap = 16;
	s->v = xcalloc(s->cap, sizeof(*s->v));
	return s;
}

void
cm_strset_free(struct cm_strset *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s);
}

/* Room for n keys in all, without growing again. */
static void
grow(struct cm_strset *s, size_t n)
{
	struct slot *ov = s->v;
	size_t i, ocap = s->cap;

	if (n * 4 <= s->cap * 3)
		return;
	if (n > SIZE_MAX / 8)
		n = SIZE_MAX / 8;	/* xcalloc fails: out of memory */
	/* xcalloc runs out of memory long before cap can overflow. */
	while (n * 4 > s->cap * 3)
		s->cap *= 2;
	s->v = xcalloc(s->cap, sizeof(*s->v));
	for (i = 0; i < ocap; i++)
		if (ov[i].key != NULL)
			*find(s->v, s->cap, ov[i].key,
			    strlen(ov[i].key), ov[i].h) = ov[i];
	free(ov);
}

void
cm_strset_reserve(struct cm_strset *s, size_t n)
{
	grow(s, n);
}

/* The slot for key, made room for first. */
static struct slot *
slot_for(struct cm_strset *s, const char *key, uint64_t h)
{
	grow(s, s->n + 1);
	return find(s->v, s->cap, key, strlen(key), h);
}

int
cm_strset_add(struct cm_strset *s, const char *key, size_t val,
    size_t *old)
{
	uint64_t h = hash(key);
	struct slot *e = slot_for(s, key, h);

	if (e->key != NULL) {
		if (old != NULL)
			*old = e->val;
		return 0;
	}
	e->key = key;
	e->h = h;
	e->val = val;
	s->n++;
	return 1;
}

void
cm_strset_put(struct cm_strset *s, const char *key, size_t val)
{
	uint64_t h = hash(key);
	struct slot *e = slot_for(s, key, h);

	if (e->key == NULL)
		s->n++;
	e->key = key;
	e->h = h;
	e->val = val;
}

int
cm_strset_get(const struct cm_strset *s, const char *key, size_t *val)
{
	return cm_strset_getn(s, key, strlen(key), val);
}

int
cm_strset_getn(const struct cm_strset *s, const char *key, size_t n,
    size_t *val)
{
	const struct slot *e = find(s->v, s->cap, key, n,
	    siphash((const unsigned char *)key, n));

	if (e->key == NULL)
		return 0;
	if (val != NULL)
		*val = e->val;
	return 1;
}

size_t
cm_strset_count(const struct cm_strset *s)
{
	return s->n;
}
