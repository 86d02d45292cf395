/*
 * rank.h: a customer's place in a reproducible random order: a keyed
 * hash of (seed, id).  cm-sample takes the lowest ranks of a stratum, so
 * the pick is fair (every id equally likely to rank low, under any seed
 * text) and reproducible (the same seed and ids give the same pick, in
 * any row order; one customer more moves at most one in and one out).
 *
 * The hash is xxHash's XXH3 (64 bits, seeded), from the maintained
 * library Debian ships as libxxhash: not ours to write, well studied for
 * distribution (SMHasher), and fast enough to rank a million ids in a
 * few milliseconds.  It is not a secret-keyed MAC: anyone who knows the
 * seed can derive the pick, which is the point (a month's plan can be
 * re-derived by an auditor).
 */
#ifndef CM_RANK_H
#define CM_RANK_H

#include <stddef.h>
#include <stdint.h>

/* The seed text (e.g. "2026-11") as the hash's 64-bit seed. */
uint64_t cm_rank_seed(const char *text, size_t len);

/* The rank of id under seed: lower ranks are picked first. */
uint64_t cm_rank(uint64_t seed, const char *id, size_t len);

/*
 * The order of two customers: by rank, and by the ids' bytes when two
 * ranks are equal (odds 2^-64 a pair), so that the order is total and
 * never depends on the rows' order.  <0, 0 (the same id), >0.
 */
int cm_rank_cmp(uint64_t ra, const char *a, size_t alen, uint64_t rb,
    const char *b, size_t blen);

#endif
