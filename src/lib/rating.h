/*
 * rating.h: questionnaire answers as numbers (001/12 §5.8.3).
 *
 * The default scale is 1..5, 5 best, with the five words of the
 * 《顾客满意度调查表》: 很满意=5, 比较满意=4, 基本满意=3, 不太满意=2,
 * 不满意=1, and the English very satisfied, satisfied, basically
 * satisfied, not very satisfied, dissatisfied.  A scale file (--scale)
 * defines another: one value a line, "VALUE" or "VALUE<TAB>WORD[<TAB>WORD]..."
 * ('#' starts a comment line), values whole numbers 0..100.
 *
 * A cell is: empty or only spaces (not answered); a whole number of the
 * scale in ASCII or full-width digits (leading zeros allowed), optionally
 * followed by '.' and zeros (Excel writes 5.0); one of the scale's words (ASCII letters compared without
 * case, spaces around ignored); or invalid.
 */
#ifndef CM_RATING_H
#define CM_RATING_H

#include <stddef.h>
#include "msg.h"

enum { CM_RATING_EMPTY = -1, CM_RATING_INVALID = -2, CM_SCALE_MAXVAL = 100 };

struct cm_scale_word {
	char *word;
	int value;
};

struct cm_scale {
	int min, max;			/* lowest and highest value */
	unsigned char has[CM_SCALE_MAXVAL + 1];	/* values declared */
	struct cm_scale_word *words;
	size_t nwords;
};

/* The default 1..5 scale. */
void cm_scale_default(struct cm_scale *sc);
/*
 * Load a scale file; -1 and err (CM_USAGE, with file:line) when bad,
 * when it holds a NUL byte or a line longer than CM_LINE_MAX (bounds.h),
 * or when it does not exist; CM_SYSTEM when it is not a regular file or
 * cannot be read (lines.h).  A UTF-8 byte order mark is skipped.
 */
int cm_scale_load(struct cm_scale *sc, const char *path,
    struct cm_error *err);
/* The same from text in memory (name for messages), for tests and fuzzers. */
int cm_scale_parse(struct cm_scale *sc, const char *name, const char *text,
    size_t len, struct cm_error *err);
void cm_scale_free(struct cm_scale *sc);

/* A value of the scale, CM_RATING_EMPTY or CM_RATING_INVALID. */
int cm_rating_parse_text(const struct cm_scale *sc, const char *s,
    size_t len);

/* The same, with the common case (one ASCII digit) inline: it runs per cell. */
static inline int
cm_rating_parse(const struct cm_scale *sc, const char *s, size_t len)
{
	if (len == 1 && *s >= '0' && *s <= '9')
		return sc->has[*s - '0'] ? *s - '0' : CM_RATING_INVALID;
	return cm_rating_parse_text(sc, s, len);
}

#endif
