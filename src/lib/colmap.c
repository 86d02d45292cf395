/* colmap.c: header aliases (see colmap.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "i18n.h"
#include "lines.h"
#include "strset.h"
#include "text.h"
#include "xalloc.h"

struct alias {
	char *from;	/* trimmed, ASCII folded to lower case */
	char *to;
	int user;	/* from --map, not from a file */
};

/*
 * Every header name is looked up, and a header may have a million
 * columns: the aliases are found through a hash set of their folded
 * names, whose value is the alias's index (the last added wins).
 */
struct cm_colmap {
	struct alias *a;
	size_t n, cap;
	struct cm_strset *from;
};

struct cm_colmap *
cm_colmap_new(void)
{
	struct cm_colmap *m = xcalloc(1, sizeof(struct cm_colmap));

	m->from = cm_strset_new();
	return m;
}

void
cm_colmap_free(struct cm_colmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->a[i].from);
		free(m->a[i].to);
	}
	free(m->a);
	cm_strset_free(m->from);
	free(m);
}

/* Trimmed and ASCII-lowered copy of s[0..n) into out (n + 1 bytes). */
static char *
fold(const char *s, size_t n, char *out)
{
	const char *t;
	size_t i;

	t = cm_trim(s, &n);
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)t[i]);
	out[n] = '\0';
	return out;
}

static int
add(struct cm_colmap *m, const char *from, size_t flen, const char *to,
    size_t tlen, int user)
{
	const char *t;

	m->a = xgrow(m->a, &m->cap, m->n + 1, sizeof(*m->a));
	m->a[m->n].from = fold(from, flen, xmalloc(flen + 1));
	t = cm_trim(to, &tlen);
	m->a[m->n].to = fold(t, tlen, xmalloc(tlen + 1));
	if (m->a[m->n].from[0] == '\0' || m->a[m->n].to[0] == '\0') {
		free(m->a[m->n].from);
		free(m->a[m->n].to);
		return -1;
	}
	m->a[m->n].user = user;
	/* The strings of earlier aliases stay: the set may point at them. */
	cm_strset_put(m->from, m->a[m->n].from, m->n);
	m->n++;
	return 0;
}

int
cm_colmap_add(struct cm_colmap *m, const char *spec, struct cm_error *err)
{
	const char *eq = strchr(spec, '=');

	if (eq == NULL || add(m, spec, eq - spec, eq + 1, strlen(eq + 1), 1) < 0)
		return cm_error_set(err, CM_USAGE, NULL, 0, 0,
		    "invalid column mapping '%s' (expected OLD=NEW)", spec);
	return 0;
}

int
cm_colmap_load(struct cm_colmap *m, const char *path, struct cm_error *err)
{
	struct cm_lines *l;
	char *line;
	size_t len;
	int rc;

	if ((l = cm_lines_open(path, _("column map"), CM_SYSTEM, err)) == NULL)
		return -1;
	while ((rc = cm_lines_next_setting(l, &line, &len, err)) == 1) {
		const char *s = line, *eq;
		size_t n = len;

		eq = memchr(s, '=', n);
		if (eq == NULL || add(m, s, eq - s, eq + 1, n - (eq + 1 - s), 0) < 0) {
			rc = cm_error_set(err, CM_USAGE, path,
			    cm_lines_lineno(l), 0, "invalid column mapping "
			    "'%.*s' (expected OLD=NEW)", (int)n, s);
			break;
		}
	}
	cm_lines_close(l);
	return rc;
}

const char *
cm_colmap_get(const struct cm_colmap *m, const char *name, char *buf)
{
	size_t i;

	fold(name, strlen(name), buf);
	/* Later mappings win, so --map can override columns.map. */
	if (m != NULL && cm_strset_get(m->from, buf, &i))
		return m->a[i].to;
	return buf;
}

int
cm_colmap_find(const struct cm_colmap *m, char *const *names,
    char *const *raw, size_t n, const char *name)
{
	char *buf = xmalloc(strlen(name) + 1);
	const char *want = cm_colmap_get(m, name, buf);
	size_t i;
	int found = -1;

	/* A name given in Chinese on the command line maps like a header. */
	for (i = 0; i < n && found < 0; i++)
		if (strcmp(names[i], want) == 0 || strcmp(raw[i], name) == 0)
			found = (int)i;
	free(buf);
	return found;
}

/* The Chinese names of canonical: the last --map gives, the first file's. */
static void
zh_names(const struct cm_colmap *m, const char *canonical, const char **user,
    const char **file)
{
	size_t i;

	*user = *file = NULL;
	for (i = 0; m != NULL && i < m->n; i++) {
		if (strcmp(m->a[i].to, canonical) != 0 || cm_ascii(m->a[i].from))
			continue;
		if (m->a[i].user)
			*user = m->a[i].from;
		else if (*file == NULL)
			*file = m->a[i].from;
	}
}

const char *
cm_colmap_zh(const struct cm_colmap *m, const char *canonical)
{
	const char *user, *file;

	zh_names(m, canonical, &user, &file);
	return user != NULL ? user : file;
}

const char *
cm_colmap_zh_user(const struct cm_colmap *m, const char *canonical)
{
	const char *user, *file;

	zh_names(m, canonical, &user, &file);
	return user;
}
