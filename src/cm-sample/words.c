/*
 * words.c: the words of the office's records (a visit's method, a
 * callback's reason) as people type them: in English in any case, or in
 * Chinese, simplified or traditional, with spaces around.
 */
#include <string.h>

#include "sample.h"
#include "text.h"

/* ASCII letters without case: "Visit" as someone typed it in Excel. */
static int
word_eq(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)s[i];

		if (word[i] == '\0')
			return 0;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != (unsigned char)word[i])
			return 0;
	}
	return word[n] == '\0';
}

int
word_find(const char *s, const struct word *words, size_t nwords)
{
	size_t n = strlen(s), i;
	const char *t = cm_trim(s, &n);

	for (i = 0; i < nwords; i++)
		if (word_eq(t, n, words[i].word))
			return words[i].value;
	return -1;
}
