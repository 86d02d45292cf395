/*
 * rating.c: questionnaire answers as numbers (see rating.h).
 * The default words are those of 001/12 §5.8.3, in simplified and in
 * traditional characters (seed 001 itself is written in the latter).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "lines.h"
#include "rating.h"
#include "text.h"
#include "xalloc.h"

static const struct {
	const char *word;
	int value;
} defaults[] = {
	{"很满意", 5}, {"比较满意", 4}, {"基本满意", 3}, {"不太满意", 2},
	{"不满意", 1},
	{"很滿意", 5}, {"比較滿意", 4}, {"基本滿意", 3}, {"不太滿意", 2},
	{"不滿意", 1},
	{"very satisfied", 5}, {"satisfied", 4}, {"basically satisfied", 3},
	{"not very satisfied", 2}, {"dissatisfied", 1},
};

static void
add_word(struct cm_scale *sc, const char *w, size_t n, int value)
{
	sc->words = xreallocarray(sc->words, sc->nwords + 1,
	    sizeof(*sc->words));
	sc->words[sc->nwords].word = xstrndup(w, n);
	sc->words[sc->nwords].value = value;
	sc->nwords++;
}

void
cm_scale_default(struct cm_scale *sc)
{
	size_t i;
	int v;

	memset(sc, 0, sizeof(*sc));
	sc->min = 1;
	sc->max = 5;
	for (v = 1; v <= 5; v++)
		sc->has[v] = 1;
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		add_word(sc, defaults[i].word, strlen(defaults[i].word),
		    defaults[i].value);
}

void
cm_scale_free(struct cm_scale *sc)
{
	size_t i;

	for (i = 0; i < sc->nwords; i++)
		free(sc->words[i].word);
	free(sc->words);
	sc->words = NULL;
	sc->nwords = 0;
}

/*
 * A whole number in ASCII or full-width digits (FF10..FF19, what Chinese
 * input methods type), optionally followed by '.' and zeros; -1 if s is
 * not one or exceeds CM_SCALE_MAXVAL.
 */
static int
number(const char *s, size_t n)
{
	int v = 0, digits = 0;

	while (n > 0) {
		int d;

		if (*s >= '0' && *s <= '9') {
			d = *s - '0';
			s++, n--;
		} else if (n >= 3 && (unsigned char)s[0] == 0xef &&
		    (unsigned char)s[1] == 0xbc &&
		    (unsigned char)s[2] >= 0x90 &&
		    (unsigned char)s[2] <= 0x99) {
			d = (unsigned char)s[2] - 0x90;
			s += 3, n -= 3;
		} else
			break;
		v = v * 10 + d;
		if (v > CM_SCALE_MAXVAL)
			return -1;
		digits++;
	}
	if (digits == 0)
		return -1;
	if (n > 0 && *s == '.') {
		s++, n--;
		while (n > 0 && *s == '0')
			s++, n--;
	}
	return n == 0 ? v : -1;
}

int
cm_rating_parse_text(const struct cm_scale *sc, const char *s, size_t len)
{
	size_t i;
	int v;

	s = cm_trim(s, &len);
	if (len == 0)
		return CM_RATING_EMPTY;
	if ((v = number(s, len)) >= 0)
		return v <= CM_SCALE_MAXVAL && sc->has[v] ? v :
		    CM_RATING_INVALID;
	for (i = 0; i < sc->nwords; i++)
		if (strlen(sc->words[i].word) == len &&
		    strncasecmp(sc->words[i].word, s, len) == 0)
			return sc->words[i].value;
	return CM_RATING_INVALID;
}

/* A word of digits is a number, however large: never a scale word. */
static int
digits_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] < '0' || s[i] > '9') && s[i] != '.')
			return 0;
	return 1;
}

static int
parse_line(struct cm_scale *sc, const char *name, long lineno,
    const char *s, size_t n, struct cm_error *err)
{
	const char *end = s + n, *tok;
	size_t tlen;
	int v = -1, first = 1;

	while (s <= end) {
		tok = s;
		while (s < end && *s != '\t' && *s != ',')
			s++;
		tlen = (size_t)(s - tok);
		tok = cm_trim(tok, &tlen);
		s++;
		if (first) {
			v = number(tok, tlen);
			if (v < 0)
				return cm_error_set(err, CM_USAGE, name, lineno,
				    0, "invalid scale value '%.*s' (a whole "
				    "number from 0 to %d)", (int)tlen, tok,
				    CM_SCALE_MAXVAL);
			sc->has[v] = 1;
			first = 0;
			continue;
		}
		if (tlen == 0)
			continue;
		if (number(tok, tlen) >= 0 || digits_only(tok, tlen))
			return cm_error_set(err, CM_USAGE, name, lineno, 0,
			    "scale word '%.*s' is a number", (int)tlen, tok);
		if (cm_rating_parse(sc, tok, tlen) >= 0)
			return cm_error_set(err, CM_USAGE, name, lineno, 0,
			    "scale word '%.*s' is defined twice", (int)tlen,
			    tok);
		add_word(sc, tok, tlen, v);
	}
	return 0;
}

/* Read the scale in l into sc, which is left empty on error. */
static int
parse_lines(struct cm_scale *sc, struct cm_lines *l, struct cm_error *err)
{
	const char *name = cm_lines_name(l);
	char *line;
	size_t n;
	int rc, v;

	memset(sc, 0, sizeof(*sc));
	while ((rc = cm_lines_next_setting(l, &line, &n, err)) == 1) {
		if (parse_line(sc, name, cm_lines_lineno(l), line, n, err) < 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0) {
		sc->min = -1;
		for (v = 0; v <= CM_SCALE_MAXVAL; v++)
			if (sc->has[v]) {
				if (sc->min < 0)
					sc->min = v;
				sc->max = v;
			}
		if (sc->min < 0 || sc->min == sc->max)
			rc = cm_error_set(err, CM_USAGE, name, 0, 0,
			    "a scale needs at least two values");
	}
	if (rc < 0)
		cm_scale_free(sc);
	cm_lines_close(l);
	return rc;
}

int
cm_scale_parse(struct cm_scale *sc, const char *name, const char *text,
    size_t len, struct cm_error *err)
{
	return parse_lines(sc, cm_lines_open_mem(name, _("scale file"), text,
	    len), err);
}

int
cm_scale_load(struct cm_scale *sc, const char *path, struct cm_error *err)
{
	struct cm_lines *l = cm_lines_open(path, _("scale file"), CM_USAGE, err);

	if (l == NULL) {
		memset(sc, 0, sizeof(*sc));
		return -1;
	}
	return parse_lines(sc, l, err);
}
