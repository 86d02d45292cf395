/*
 * t-strset.c: the string set (strset.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strset.h"
#include "tap.h"

static void
test_basic(void)
{
	struct cm_strset *s = cm_strset_new();
	char again[] = "customer";
	size_t v = 99;

	is_int(cm_strset_count(s), 0, "a new set is empty");
	ok(!cm_strset_get(s, "customer", &v) && v == 99,
	    "get on an empty set: 0, *val untouched");
	is_int(cm_strset_add(s, "customer", 0, NULL), 1, "add customer");
	is_int(cm_strset_add(s, "overall", 1, NULL), 1, "add overall");
	is_int(cm_strset_add(s, "", 2, NULL), 1, "add the empty string");
	is_int(cm_strset_add(s, again, 7, &v), 0,
	    "an equal string (another pointer) is there already");
	is_int((long long)v, 0, "  and *old is the first one's value");
	ok(cm_strset_get(s, "customer", &v) && v == 0,
	    "the first value stays");
	ok(cm_strset_get(s, "", &v) && v == 2, "the empty string is a key");
	ok(!cm_strset_get(s, "Customer", NULL), "keys compare exactly");
	ok(!cm_strset_get(s, "custom", NULL), "a prefix is another key");
	ok(cm_strset_get(s, "overall", NULL), "get with val NULL");
	is_int(cm_strset_count(s), 3, "three keys");
	cm_strset_free(s);
	cm_strset_free(NULL);
}

static void
test_put(void)
{
	struct cm_strset *s = cm_strset_new();
	char *first = strdup("总体评价");
	size_t v;

	cm_strset_put(s, first, 1);
	cm_strset_put(s, "总体评价", 2);
	/* The set holds the second pointer now: the first may go. */
	free(first);
	ok(cm_strset_get(s, "总体评价", &v) && v == 2, "put: the last wins");
	is_int(cm_strset_count(s), 1, "  and the key counts once");
	cm_strset_put(s, "客户名称", 3);
	is_int(cm_strset_count(s), 2, "put adds a new key");
	cm_strset_free(s);
}

/*
 * Many keys, through many growths: each is found with its own value,
 * and those never added are not.  The alarm fails the test, rather than
 * hangs it, if adding ever turns quadratic.
 */
static void
test_many(void)
{
	enum { N = 200000 };
	struct cm_strset *s = cm_strset_new();
	char **k = malloc(N * sizeof(*k)), miss[32];
	size_t i, v, bad = 0, dup = 0;

	alarm(20);
	for (i = 0; i < N; i++) {
		k[i] = malloc(16);
		snprintf(k[i], 16, "c%zu", i);
		if (!cm_strset_add(s, k[i], i, NULL))
			dup++;
	}
	is_int((long long)dup, 0, "200,000 distinct keys all added");
	is_int((long long)cm_strset_count(s), N, "  and counted");
	for (i = 0; i < N; i++)
		if (!cm_strset_get(s, k[i], &v) || v != i)
			bad++;
	is_int((long long)bad, 0, "  each found with its value");
	for (i = 0; i < N; i++) {
		snprintf(miss, sizeof(miss), "d%zu", i);
		if (cm_strset_get(s, miss, NULL))
			bad++;
	}
	is_int((long long)bad, 0, "  and no other key is found");
	alarm(0);
	cm_strset_free(s);
	for (i = 0; i < N; i++)
		free(k[i]);
	free(k);
}

static void
test_getn(void)
{
	struct cm_strset *s = cm_strset_new();
	const char rec[] = "cause,customer,cust";
	size_t v = 99;

	cm_strset_add(s, "customer", 1, NULL);
	cm_strset_add(s, "cust", 2, NULL);
	ok(cm_strset_getn(s, rec + 6, 8, &v) && v == 1,
	    "getn finds a key inside a longer string");
	ok(cm_strset_getn(s, rec + 6, 4, &v) && v == 2,
	    "getn: a prefix of one key is another key");
	v = 99;
	ok(!cm_strset_getn(s, rec + 6, 5, &v) && v == 99,
	    "getn: a prefix that is no key is not found");
	ok(!cm_strset_getn(s, rec, 5, NULL), "getn: cause is not there");
	ok(!cm_strset_getn(s, "customers", 9, NULL),
	    "getn: a key longer than every key is not found");
	cm_strset_add(s, "", 3, NULL);
	ok(cm_strset_getn(s, rec, 0, &v) && v == 3,
	    "getn of no bytes is the empty key");
	cm_strset_free(s);
}

int
main(void)
{
	test_basic();
	test_put();
	test_many();
	test_getn();
	return done_testing();
}
