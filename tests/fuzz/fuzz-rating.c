/*
 * fuzz-rating.c: libFuzzer harness for scales and ratings (rating.h).
 *
 * The input is parsed as a scale file (cm_scale_parse), then read as a
 * rating cell, whole and line by line, against the default scale and, when
 * it parsed, against its own scale.  Cells are handed over without a copy
 * and without a NUL, as CSV fields are sliced, so ASan catches a read past
 * len.  Contract checks abort, which libFuzzer reports as a crash:
 *   - a rating is CM_RATING_EMPTY, CM_RATING_INVALID or a declared value;
 *   - a scale that parses has min < max, both declared, and each of its
 *     words reads back as its own value;
 *   - a bad scale is CM_USAGE with a message naming this input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "rating.h"

#define NAME	"fuzz.scale"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_rating(const struct cm_scale *sc, const char *s, size_t len)
{
	int v = cm_rating_parse(sc, s, len);

	if (v == CM_RATING_EMPTY || v == CM_RATING_INVALID)
		return;
	if (v < sc->min || v > sc->max || v > CM_SCALE_MAXVAL || !sc->has[v])
		abort();
}

/* The whole input and each of its lines, as cells of scale sc. */
static void
check_cells(const struct cm_scale *sc, const char *s, size_t n)
{
	const char *end = s + n, *nl;

	check_rating(sc, s, n);
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		check_rating(sc, s, (size_t)(nl - s));
		s = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct cm_scale def, sc;
	struct cm_error err;
	size_t i;

	cm_scale_default(&def);
	check_cells(&def, s, size);
	cm_scale_free(&def);

	memset(&err, 0, sizeof(err));
	if (cm_scale_parse(&sc, NAME, s, size, &err) < 0) {
		if (err.status != CM_USAGE || err.msg[0] == '\0' ||
		    err.file == NULL || strcmp(err.file, NAME) != 0)
			abort();
		return 0;
	}
	if (sc.min < 0 || sc.min >= sc.max || sc.max > CM_SCALE_MAXVAL ||
	    !sc.has[sc.min] || !sc.has[sc.max])
		abort();
	for (i = 0; i < sc.nwords; i++) {
		const char *w = sc.words[i].word;

		if (cm_rating_parse(&sc, w, strlen(w)) != sc.words[i].value)
			abort();
	}
	check_cells(&sc, s, size);
	cm_scale_free(&sc);
	return 0;
}
