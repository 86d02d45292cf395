/*
 * words.c: the vocabularies of share/cm/words.map (words.h).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvout.h"
#include "i18n.h"
#include "lines.h"
#include "share.h"
#include "strset.h"
#include "text.h"
#include "words.h"
#include "xalloc.h"

struct canon {
	char *field;
	char *word;		/* as the table has it: what lookups return */
	char *alias;		/* the first alias, or NULL */
};

struct list {
	char *field;
	char *text;		/* "a/甲, b/乙" */
	const char **all;	/* every word, as the table has it */
	size_t nall;
};

struct cm_words {
	struct canon *v;
	size_t n, cap;
	struct list *lists;
	size_t nlists, listcap;
	/*
	 * FIELD<TAB>word, folded, to the index of its canonical word: the
	 * keys are owned here (strset borrows them).
	 */
	struct cm_strset *ix;
	char **keys;
	size_t nkeys, keycap;
	/* Every word as written, with its field, in the table's order. */
	struct {
		char *field, *word;
	} *raw;
	size_t nraw, rawcap;
};

/*
 * FIELD<TAB>value, value trimmed and its ASCII letters in lower case,
 * freshly allocated.  A tab cannot occur in a field name, so no two
 * (field, word) pairs give one key.
 */
static char *
key_of(const char *field, const char *s, size_t n)
{
	size_t fl = strlen(field), i;
	char *k;

	s = cm_trim(s, &n);
	k = xmalloc(fl + 1 + n + 1);
	memcpy(k, field, fl);
	k[fl] = '\t';
	for (i = 0; i < n; i++) {
		char c = s[i];

		k[fl + 1 + i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	k[fl + 1 + n] = '\0';
	return k;
}

static int
add_word(struct cm_words *w, const char *field, const char *s, size_t n,
    size_t canon, struct cm_lines *l, struct cm_error *err)
{
	char *k;

	s = cm_trim(s, &n);
	if (n == 0)
		return cm_error_set(err, CM_USAGE, cm_lines_name(l),
		    cm_lines_lineno(l), 0, "empty word for field '%s'", field);
	k = key_of(field, s, n);
	if (!cm_strset_add(w->ix, k, canon, NULL)) {
		cm_error_set(err, CM_USAGE, cm_lines_name(l),
		    cm_lines_lineno(l), 0, "word '%s' of field '%s' listed "
		    "twice", k + strlen(field) + 1, field);
		free(k);
		return -1;
	}
	w->keys = xgrow(w->keys, &w->keycap, w->nkeys + 1, sizeof(*w->keys));
	w->keys[w->nkeys++] = k;
	w->raw = xgrow(w->raw, &w->rawcap, w->nraw + 1, sizeof(*w->raw));
	w->raw[w->nraw].field = xstrdup(field);
	w->raw[w->nraw].word = xmalloc(n + 1);
	memcpy(w->raw[w->nraw].word, s, n);
	w->raw[w->nraw++].word[n] = '\0';
	return 0;
}

static int
valid_field(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
			return 0;
	return n > 0;
}

/* One line: FIELD<TAB>CANONICAL[<TAB>ALIAS,ALIAS...]. */
static int
add_line(struct cm_words *w, char *line, struct cm_lines *l,
    struct cm_error *err)
{
	char *canon, *aliases, *p, *comma;
	struct canon *c;
	size_t n;

	if ((canon = strchr(line, '\t')) == NULL)
		return cm_error_set(err, CM_USAGE, cm_lines_name(l),
		    cm_lines_lineno(l), 0, "expected "
		    "FIELD<TAB>WORD[<TAB>ALIASES]");
	*canon++ = '\0';
	if (!valid_field(line, strlen(line)))
		return cm_error_set(err, CM_USAGE, cm_lines_name(l),
		    cm_lines_lineno(l), 0, "invalid field name '%s' (a-z "
		    "and _)", line);
	if ((aliases = strchr(canon, '\t')) != NULL)
		*aliases++ = '\0';
	n = strlen(canon);
	canon = (char *)cm_trim(canon, &n);
	canon[n] = '\0';
	if (add_word(w, line, canon, n, w->n, l, err) < 0)
		return -1;
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	c = &w->v[w->n++];
	c->field = xstrdup(line);
	c->word = xstrdup(canon);
	c->alias = NULL;
	for (p = aliases; p != NULL; p = comma) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma++ = '\0';
		n = strlen(p);
		if (add_word(w, line, p, n, w->n - 1, l, err) < 0)
			return -1;
		if (c->alias == NULL) {
			const char *t = cm_trim(p, &n);

			c->alias = xmalloc(n + 1);
			memcpy(c->alias, t, n);
			c->alias[n] = '\0';
		}
	}
	return 0;
}

/* The message lists, one a field, made once the table is read. */
static void
make_lists(struct cm_words *w)
{
	size_t i, j;

	for (i = 0; i < w->n; i++) {
		struct cm_buf b = {0};

		for (j = 0; j < w->nlists; j++)
			if (strcmp(w->lists[j].field, w->v[i].field) == 0)
				break;
		if (j < w->nlists)
			continue;
		for (j = i; j < w->n; j++) {
			if (strcmp(w->v[j].field, w->v[i].field) != 0)
				continue;
			cm_buf_adds(&b, b.len ? ", " : "");
			cm_buf_adds(&b, w->v[j].word);
			if (w->v[j].alias != NULL)
				cm_buf_printf(&b, "/%s", w->v[j].alias);
		}
		w->lists = xgrow(w->lists, &w->listcap, w->nlists + 1,
		    sizeof(*w->lists));
		w->lists[w->nlists].field = w->v[i].field;
		w->lists[w->nlists].text = xstrdup(cm_buf_str(&b));
		w->lists[w->nlists].all = xcalloc(w->nraw, sizeof(char *));
		w->lists[w->nlists].nall = 0;
		for (j = 0; j < w->nraw; j++)
			if (strcmp(w->raw[j].field, w->v[i].field) == 0)
				w->lists[w->nlists].all[
				    w->lists[w->nlists].nall++] =
				    w->raw[j].word;
		w->nlists++;
		cm_buf_free(&b);
	}
}

static struct cm_words *
read_words(struct cm_lines *l, struct cm_error *err)
{
	struct cm_words *w = xcalloc(1, sizeof(*w));
	char *line;
	size_t len;
	int rc;

	w->ix = cm_strset_new();
	while ((rc = cm_lines_next_setting(l, &line, &len, err)) == 1)
		if ((rc = add_line(w, line, l, err)) < 0)
			break;
	cm_lines_close(l);
	if (rc < 0) {
		cm_words_free(w);
		return NULL;
	}
	make_lists(w);
	return w;
}

struct cm_words *
cm_words_load(const char *path, struct cm_error *err)
{
	struct cm_lines *l;

	if ((l = cm_lines_open(path, _("word table"), CM_SYSTEM, err)) == NULL)
		return NULL;
	return read_words(l, err);
}

struct cm_words *
cm_words_parse(const char *name, const char *text, size_t len,
    struct cm_error *err)
{
	return read_words(cm_lines_open_mem(name, _("word table"), text, len),
	    err);
}

void
cm_words_free(struct cm_words *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].field);
		free(w->v[i].word);
		free(w->v[i].alias);
	}
	for (i = 0; i < w->nlists; i++) {
		free(w->lists[i].text);
		free(w->lists[i].all);
	}
	for (i = 0; i < w->nraw; i++) {
		free(w->raw[i].field);
		free(w->raw[i].word);
	}
	free(w->raw);
	for (i = 0; i < w->nkeys; i++)
		free(w->keys[i]);
	cm_strset_free(w->ix);
	free(w->v);
	free(w->lists);
	free(w->keys);
	free(w);
}

const char *
cm_words_find(const struct cm_words *w, const char *field, const char *value)
{
	char *k = key_of(field, value, strlen(value));
	size_t i;
	int found = cm_strset_get(w->ix, k, &i);

	free(k);
	return found ? w->v[i].word : NULL;
}

const char *
cm_words_list(const struct cm_words *w, const char *field)
{
	size_t i;

	for (i = 0; i < w->nlists; i++)
		if (strcmp(w->lists[i].field, field) == 0)
			return w->lists[i].text;
	return NULL;
}

const char *const *
cm_words_all(const struct cm_words *w, const char *field, size_t *n)
{
	size_t i;

	for (i = 0; i < w->nlists; i++)
		if (strcmp(w->lists[i].field, field) == 0) {
			*n = w->lists[i].nall;
			return w->lists[i].all;
		}
	*n = 0;
	return NULL;
}

const char *
cm_words_alias(const struct cm_words *w, const char *field,
    const char *canonical)
{
	char *k = key_of(field, canonical, strlen(canonical));
	size_t i;
	int found = cm_strset_get(w->ix, k, &i);

	free(k);
	/* The index finds aliases and other spellings too: canonical only. */
	return found && strcmp(w->v[i].word, canonical) == 0 ?
	    w->v[i].alias : NULL;
}

/* The shipped table, read once; kept to the end of the process. */
static struct cm_words *shipped;

static const struct cm_words *
shipped_words(void)
{
	struct cm_error err;
	char *path;

	if (shipped != NULL)
		return shipped;
	path = cm_share_path("words.map");
	shipped = cm_words_load(path, &err);
	free(path);
	if (shipped == NULL)
		cm_die_error(&err);
	return shipped;
}

const char *
cm_word(const char *field, const char *value)
{
	return cm_words_find(shipped_words(), field, value);
}

const char *
cm_word_list(const char *field)
{
	return cm_words_list(shipped_words(), field);
}

const char *
cm_word_alias(const char *field, const char *canonical)
{
	return cm_words_alias(shipped_words(), field, canonical);
}

const char *const *
cm_word_all(const char *field, size_t *n)
{
	return cm_words_all(shipped_words(), field, n);
}

void
cm_out_word(struct cm_out *o, const char *field, const char *canonical)
{
	cm_out_text(o, canonical, cm_out_lang(o) == CM_LANG_ZH && canonical !=
	    NULL ? cm_word_alias(field, canonical) : NULL);
}
