/*
 * t-apportion.c: unit tests of apportion.c, the largest-remainder split:
 * hand-worked splits, the tie rule, the errors, and a property test over
 * thousands of seeds (parts add up to the total to the fen, each within
 * one fen of its exact quota, the same input the same parts).
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "apportion.h"
#include "tap.h"

static int
split_is(long long total, const long long *w, size_t n, const long long *want,
    const char *name)
{
	long long part[64];
	size_t i;
	int good;

	good = cm_apportion(total, w, n, part) == 0;
	for (i = 0; good && i < n; i++)
		good = part[i] == want[i];
	if (!ok(good, "%s", name))
		for (i = 0; i < n; i++)
			printf("#   part %zu: got %lld want %lld\n", i, part[i],
			    want[i]);
	return good;
}

static void
test_hand(void)
{
	/*
	 * Base points 1.0, 1.2, 0.8 of 3.0 and 100.00 yuan: quotas 3333.33,
	 * 4000, 2666.67; floors 3333 + 4000 + 2666 = 9999, one fen left,
	 * which goes to the largest remainder: 0.67 (the third).
	 */
	{
		long long w[] = {1000, 1200, 800}, want[] = {3333, 4000, 2667};

		split_is(10000, w, 3, want, "100.00 over 1.0/1.2/0.8 points");
	}
	/* 60/40 of 1,234.57: 74074.2 and 49382.8 fen: the .8 gets the fen. */
	{
		long long w[] = {6000, 4000}, want[] = {74074, 49383};

		split_is(123457, w, 2, want, "1234.57 shared 60/40");
	}
	/* One party: everything. */
	{
		long long w[] = {10000}, want[] = {98765};

		split_is(98765, w, 1, want, "one party bears the whole loss");
	}
	/*
	 * Tie rule: 1.00 over three equal thirds: 33 each and one fen, three
	 * equal remainders and equal weights: the earliest gets it.
	 */
	{
		long long w[] = {1, 1, 1}, want[] = {34, 33, 33};

		split_is(100, w, 3, want, "equal remainders, equal weights: "
		    "the earlier");
	}
	/*
	 * Tie rule: 0.02 over weights 2 and 6 (W = 8): remainders 2×2 mod 8
	 * = 4 and 2×6 mod 8 = 4, a tie, which the larger weight wins.
	 * Quotas 0.5 and 1.5: floors 0 and 1, the fen goes to the second.
	 */
	{
		long long w[] = {2, 6}, want[] = {0, 2};

		split_is(2, w, 2, want, "equal remainders: the larger weight");
	}
	/* A zero weight gets nothing, even with fen left over. */
	{
		long long w[] = {0, 1, 1}, want[] = {0, 1, 0};

		split_is(1, w, 3, want, "a zero weight gets 0");
	}
	/* Nothing to split. */
	{
		long long w[] = {3, 7}, want[] = {0, 0};

		split_is(0, w, 2, want, "a zero total");
	}
	/* Beyond 64 bits in the product: 9e16 fen × 1e5. */
	{
		long long w[] = {100000, 200000}, want[] = {
			30000000000000000LL, 60000000000000000LL};

		split_is(90000000000000000LL, w, 2, want,
		    "a product past 64 bits is exact");
	}
}

static void
test_errors(void)
{
	long long part[3], zero[] = {0, 0}, neg[] = {5, -1},
	    big[] = {LLONG_MAX, 1}, w[] = {1, 1};

	is_int(cm_apportion(100, zero, 2, part), -1, "weights adding to 0");
	is_int(cm_apportion(100, zero, 0, part), -1, "no weights");
	is_int(cm_apportion(100, neg, 2, part), -1, "a negative weight");
	is_int(cm_apportion(100, big, 2, part), -1, "weights overflowing");
	is_int(cm_apportion(-1, w, 2, part), -1, "a negative total");
}

/* xorshift64*: the same numbers on every machine for a seed. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/*
 * The property: for 5,000 seeds, random weights (some zero, some equal,
 * from 1 to 40 of them, small and large) and a random total, the parts add
 * up to the total, each lies between the floor and the ceiling of its
 * exact quota, and a second call gives the same parts.
 */
static void
test_property(void)
{
	long long w[40], part[40], again[40];
	uint64_t seed;
	int bad_sum = 0, bad_quota = 0, bad_same = 0, bad_err = 0;

	for (seed = 1; seed <= 5000; seed++) {
		uint64_t s = seed * 0x9E3779B97F4A7C15ULL;
		size_t n = 1 + rnd(&s) % 40, i;
		long long total, sum = 0, got = 0;
		uint64_t scale = rnd(&s) % 3 == 0 ? 1000000 : 10000;

		for (i = 0; i < n; i++) {
			uint64_t k = rnd(&s) % 8;

			/* Equal weights and zero weights on purpose. */
			w[i] = k == 0 ? 0 : k == 1 && i > 0 ? w[i - 1] :
			    (long long)(rnd(&s) % scale);
			sum += w[i];
		}
		if (sum == 0)
			w[0] = sum = 1;
		total = (long long)(rnd(&s) % 100000000000ULL);
		if (cm_apportion(total, w, n, part) != 0) {
			bad_err++;
			continue;
		}
		for (i = 0; i < n; i++) {
			__int128 q = (__int128)total * w[i];

			got += part[i];
			/* part × sum in (q − sum, q + sum): floor or ceil. */
			if ((__int128)part[i] * sum <= q - sum ||
			    (__int128)part[i] * sum >= q + sum)
				bad_quota++;
		}
		if (got != total)
			bad_sum++;
		cm_apportion(total, w, n, again);
		if (memcmp(part, again, n * sizeof(*part)) != 0)
			bad_same++;
	}
	is_int(bad_err, 0, "5000 seeds: every split succeeds");
	is_int(bad_sum, 0, "5000 seeds: the parts add up to the total");
	is_int(bad_quota, 0, "5000 seeds: each part within 1 fen of its quota");
	is_int(bad_same, 0, "5000 seeds: the same input, the same parts");
}

/*
 * The property, in the two steps cm-penalty takes (split.c): for
 * 2,000 seeds, random staff in units (random base points, some zero) and a
 * month of random cases, each over one to four parties with random shares
 * adding up to 100.00%, a party being a person or a unit; a case's loss
 * goes to its parties by share, a unit's part to its members by points.
 * Every person's parts added up equal the month's losses to the fen.
 */
static void
test_two_steps(void)
{
	enum { STAFF = 30, UNITS = 5 };
	long long points[STAFF], got[STAFF];
	uint64_t seed;
	int bad = 0, bad_err = 0;

	for (seed = 1; seed <= 2000; seed++) {
		uint64_t s = seed * 0xD1B54A32D192ED03ULL;
		long long losses = 0, sum = 0, unitpts[UNITS] = {0};
		size_t i, k, ncases = 1 + rnd(&s) % 50;

		memset(got, 0, sizeof(got));
		for (i = 0; i < STAFF; i++) {
			points[i] = rnd(&s) % 5 == 0 ? 0 :
			    (long long)(rnd(&s) % 3000);
			unitpts[i % UNITS] += points[i];
		}
		for (k = 0; k < ncases; k++) {
			long long loss = (long long)(rnd(&s) % 10000000);
			long long share[4], part[4], left = 10000;
			size_t n = 1 + rnd(&s) % 4, j, who[4];

			for (j = 0; j < n; j++) {
				share[j] = j + 1 == n ? left :
				    1 + (long long)(rnd(&s) %
				    (uint64_t)(left - (long long)(n - j - 1)));
				left -= share[j];
				/* Below STAFF a person, else a unit with points. */
				who[j] = (size_t)(rnd(&s) % (STAFF + UNITS));
				if (who[j] >= STAFF &&
				    unitpts[who[j] - STAFF] == 0)
					who[j] = 0;
			}
			losses += loss;
			if (cm_apportion(loss, share, n, part) != 0) {
				bad_err++;
				continue;
			}
			for (j = 0; j < n; j++) {
				long long w[STAFF], sub[STAFF];
				size_t m, u;

				if (who[j] < STAFF) {
					got[who[j]] += part[j];
					continue;
				}
				u = who[j] - STAFF;
				for (m = 0; m < STAFF; m++)
					w[m] = m % UNITS == u ? points[m] : 0;
				if (cm_apportion(part[j], w, STAFF, sub) != 0) {
					bad_err++;
					continue;
				}
				for (m = 0; m < STAFF; m++)
					got[m] += sub[m];
			}
		}
		for (i = 0; i < STAFF; i++)
			sum += got[i];
		if (sum != losses)
			bad++;
	}
	is_int(bad_err, 0, "2000 months: every split succeeds");
	is_int(bad, 0, "2000 months: everyone's parts add up to the losses");
}

/* Equal weights: parts differ by at most one fen, the earlier larger. */
static void
test_equal(void)
{
	long long w[7], part[7];
	int bad = 0;
	long long t;
	size_t i;

	for (i = 0; i < 7; i++)
		w[i] = 1234;
	for (t = 0; t < 2000; t++) {
		cm_apportion(t, w, 7, part);
		for (i = 1; i < 7; i++)
			if (part[i] > part[i - 1] || part[i - 1] - part[i] > 1)
				bad++;
	}
	is_int(bad, 0, "equal weights: a fen apart at most, the earlier "
	    "larger");
}

int
main(void)
{
	test_hand();
	test_errors();
	test_property();
	test_equal();
	test_two_steps();
	return done_testing();
}
