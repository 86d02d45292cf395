/*
 * report-words.c: the words of the monthly and annual reports, from
 * share/cm/report.words, and the causes' Chinese names from
 * share/cm/causes.category (its third column: the first name listed).
 *
 * The words live in a share file, not in C strings, so that an office
 * can change a heading without a build, and so that the translation of
 * messages (gettext, later) can take them over.
 */
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "report-doc.h"
#include "share.h"
#include "strset.h"
#include "xalloc.h"

static struct {
	struct cm_strset *index;	/* key -> slot in v */
	char **v;
	size_t n, cap;
	int zh;
	struct cm_strset *causes;	/* cause -> slot in cv */
	char **cv;
	size_t cn, ccap;
	char **ck;			/* slot -> cause */
	size_t ckcap;
} W;

static void
put(struct cm_strset **set, char ***v, size_t *n, size_t *cap,
    const char *key, const char *value)
{
	size_t i;

	if (*set == NULL)
		*set = cm_strset_new();
	if (cm_strset_getn(*set, key, strlen(key), &i)) {
		free((*v)[i]);
		(*v)[i] = xstrdup(value);
		return;
	}
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n] = xstrdup(value);
	cm_strset_add(*set, xstrdup(key), *n, NULL);
	(*n)++;
}

static void
load_words(void)
{
	char *path = cm_share_path("report.words"), *s, *en, *zh;
	struct cm_lines *l;
	struct cm_error err;
	size_t n;
	int rc;

	if ((l = cm_lines_open(path, "words file", CM_SYSTEM, &err)) == NULL)
		cm_die_error(&err);
	while ((rc = cm_lines_next_setting(l, &s, &n, &err)) == 1) {
		if ((en = strchr(s, '\t')) == NULL ||
		    (zh = strchr(en + 1, '\t')) == NULL) {
			long line = cm_lines_lineno(l);

			cm_lines_close(l);
			cm_dieat(CM_USAGE, path, line, 0,
			    "expected KEY<TAB>ENGLISH<TAB>CHINESE");
		}
		*en++ = '\0';
		*zh++ = '\0';
		put(&W.index, &W.v, &W.n, &W.cap, s, W.zh ? zh : en);
	}
	cm_lines_close(l);
	if (rc < 0)
		cm_die_error(&err);
	free(path);
}

/*
 * Two causes whose first Chinese names are the same would be one bar
 * twice in a Pareto (a chart refuses a second row for the same x) and
 * two rows nobody can tell apart: each is named NAME（CAUSE）.
 */
static void
disambiguate(void)
{
	char *shared = xcalloc(W.cn + 1, 1);
	size_t i, j;

	for (i = 0; i < W.cn; i++)
		for (j = i + 1; j < W.cn; j++)
			if (strcmp(W.cv[i], W.cv[j]) == 0)
				shared[i] = shared[j] = 1;
	for (i = 0; i < W.cn; i++) {
		char *v;

		if (!shared[i])
			continue;
		v = xmalloc(strlen(W.cv[i]) + strlen(W.ck[i]) +
		    sizeof("（）"));
		sprintf(v, "%s（%s）", W.cv[i], W.ck[i]);
		free(W.cv[i]);
		W.cv[i] = v;
	}
	free(shared);
}

/*
 * causes.category: CAUSE<TAB>CATEGORY[<TAB>NAME,NAME...].  cm-complaint
 * checks this file whenever it reads a cause; here only the names are
 * taken, and a line without Chinese names leaves the cause as it is.
 */
static void
load_causes(void)
{
	char *path = cm_share_path("causes.category"), *s, *zh, *end;
	struct cm_lines *l;
	struct cm_error err;
	size_t n;
	int rc;

	if ((l = cm_lines_open(path, "cause list", CM_OK, &err)) == NULL) {
		if (err.status != CM_OK)
			cm_die_error(&err);
		cm_info("%s", err.msg);
		free(path);
		return;
	}
	while ((rc = cm_lines_next_setting(l, &s, &n, &err)) == 1) {
		if ((zh = strchr(s, '\t')) == NULL)
			continue;
		*zh++ = '\0';
		if ((zh = strchr(zh, '\t')) == NULL)
			continue;
		zh++;
		if ((end = strchr(zh, ',')) != NULL)
			*end = '\0';
		if (*zh != '\0') {
			size_t had = W.cn;

			put(&W.causes, &W.cv, &W.cn, &W.ccap, s, zh);
			/* a cause listed again has its slot, and its key */
			if (W.cn > had) {
				W.ck = xgrow(W.ck, &W.ckcap, W.cn,
				    sizeof(*W.ck));
				W.ck[had] = xstrdup(s);
			}
		}
	}
	cm_lines_close(l);
	if (rc < 0)
		cm_die_error(&err);
	free(path);
	disambiguate();
}

void
words_load(const char *lang)
{
	W.zh = strcmp(lang, "zh") == 0;
	load_words();
	if (W.zh)
		load_causes();
}

int
words_zh(void)
{
	return W.zh;
}

const char *
word_or(const char *key, const char *dflt)
{
	size_t i;

	if (W.index == NULL || !cm_strset_getn(W.index, key, strlen(key), &i))
		return dflt;
	return W.v[i];
}

const char *
word(const char *key)
{
	const char *w = word_or(key, NULL);

	if (w == NULL)
		cm_die(CM_SYSTEM, "%s: no word '%s' (a broken installation)",
		    cm_share_path("report.words"), key);
	return w;
}

const char *
cause_word(const char *cause)
{
	size_t i;
	char *s, *p;

	if (*cause == '\0')
		return word("unclassified");
	if (W.causes != NULL && cm_strset_getn(W.causes, cause,
	    strlen(cause), &i))
		return W.cv[i];
	if (W.zh)
		return cause;
	/* late_delivery reads "late delivery" in an English report. */
	s = xstrdup(cause);
	for (p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	put(&W.causes, &W.cv, &W.cn, &W.ccap, cause, s);
	free(s);
	cm_strset_getn(W.causes, cause, strlen(cause), &i);
	return W.cv[i];
}
