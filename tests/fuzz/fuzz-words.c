/*
 * fuzz-words.c: libFuzzer harness for word tables (words.h), the parser
 * of share/cm/words.map and the lookups every vocabulary goes through.
 *
 * The input is parsed as a table (cm_words_parse); each line's text
 * before its first tab is taken as a field name and every line as a value
 * to look up in it.  Contract checks abort, which libFuzzer reports:
 *   - a bad table is CM_USAGE (or CM_SYSTEM for what lines.h refuses)
 *     with a message naming this input;
 *   - every word cm_words_all lists finds a canonical word, which finds
 *     itself, and whose alias (the Chinese written under --lang zh)
 *     finds it back;
 *   - a lookup of any value gives NULL or a canonical word that finds
 *     itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "words.h"
#include "xalloc.h"

#define NAME	"fuzz.words"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_canon(const struct cm_words *w, const char *field, const char *c)
{
	const char *a, *back = cm_words_find(w, field, c);

	if (back == NULL || strcmp(back, c) != 0)
		abort();
	if ((a = cm_words_alias(w, field, c)) != NULL &&
	    ((back = cm_words_find(w, field, a)) == NULL ||
	    strcmp(back, c) != 0))
		abort();
}

static void
check_field(const struct cm_words *w, const char *field, const char *value)
{
	const char *const *all;
	const char *c;
	size_t i, n;

	if ((c = cm_words_find(w, field, value)) != NULL)
		check_canon(w, field, c);
	all = cm_words_all(w, field, &n);
	if ((all == NULL) != (n == 0) ||
	    (all == NULL) != (cm_words_list(w, field) == NULL))
		abort();
	for (i = 0; i < n; i++) {
		if ((c = cm_words_find(w, field, all[i])) == NULL)
			abort();
		check_canon(w, field, c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *nl, *tab;
	struct cm_error err;
	struct cm_words *w;

	memset(&err, 0, sizeof(err));
	if ((w = cm_words_parse(NAME, s, size, &err)) == NULL) {
		if ((err.status != CM_USAGE && err.status != CM_SYSTEM) ||
		    err.msg[0] == '\0' || err.file == NULL ||
		    strcmp(err.file, NAME) != 0)
			abort();
		return 0;
	}
	while (s < end) {
		char *field, *value;

		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		tab = memchr(s, '\t', (size_t)(nl - s));
		field = xstrndup(s, (size_t)((tab ? tab : nl) - s));
		value = xstrndup(s, (size_t)(nl - s));
		/* A NUL cut the strings short: still a lookup to survive. */
		check_field(w, field, value);
		if (tab != NULL) {
			char *rest = xstrndup(tab + 1, (size_t)(nl - tab - 1));

			check_field(w, field, rest);
			free(rest);
		}
		free(field);
		free(value);
		s = nl + 1;
	}
	cm_words_free(w);
	return 0;
}
