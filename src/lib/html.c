/* html.c: text into HTML, escaped; the tags of an HTML text (see html.h). */
#include <string.h>

#include "html.h"

void
cm_html_escape(struct cm_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *ref;

	/* Copy the runs between special bytes whole: most text has none. */
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		/* &#39;, not &apos;: HTML 4 and older mail readers lack it. */
		case '\'': ref = "&#39;"; break;
		default: continue;
		}
		cm_buf_add(b, s + start, i - start);
		cm_buf_adds(b, ref);
		start = i + 1;
	}
	cm_buf_add(b, s + start, n - start);
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int
cm_html_is(const char *s, size_t at, size_t len, const char *name)
{
	size_t i;

	if (strlen(name) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (lower(s[at + i]) != lower(name[i]))
			return 0;
	return 1;
}

/* Where needle next starts in s[from..n), ASCII case ignored; n if not. */
static size_t
find(const char *s, size_t n, size_t from, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = from; i + k <= n; i++)
		if (cm_html_is(s, i, k, needle))
			return i;
	return n;
}

int
cm_html_next_attr(const char *s, const struct cm_html_tag *t, size_t *pos,
    struct cm_html_attr *a)
{
	size_t i = *pos ? *pos : t->name + t->namelen, end = t->end - 1;
	const char *q;

	while (i < end && (space(s[i]) || s[i] == '/'))
		i++;
	if (i >= end)
		return 0;
	memset(a, 0, sizeof(*a));
	/* A name's first character may be '=' (the tokenizer's rule). */
	a->name = i++;
	while (i < end && !space(s[i]) && s[i] != '/' && s[i] != '=')
		i++;
	a->namelen = i - a->name;
	a->value = i;
	while (i < end && space(s[i]))
		i++;
	if (i < end && s[i] == '=') {
		i++;
		while (i < end && space(s[i]))
			i++;
		a->has_value = 1;
		if (i < end && (s[i] == '"' || s[i] == '\'')) {
			a->quote = s[i];
			q = memchr(s + i + 1, s[i], end - i - 1);
			/* tag_end found it; the tag's end is a guard only. */
			a->value = i + 1;
			a->valuelen = (q ? (size_t)(q - s) : end) - a->value;
			i = q ? (size_t)(q - s) + 1 : end;
		} else {
			a->value = i;
			while (i < end && !space(s[i]))
				i++;
			a->valuelen = i - a->value;
		}
	} else
		i = a->value;	/* no value: the next name starts here */
	*pos = i;
	return 1;
}

/*
 * The end of the tag whose name ends at i: past its '>', found with the
 * tokenizer's attribute states, so that a quote opens a value only where
 * a value starts (alt=a"b is unquoted) and a quoted value is taken whole;
 * n when s ends first.
 */
static size_t
tag_end(const char *s, size_t n, size_t i)
{
	enum { BETWEEN, NAME, AFTER_NAME, BEFORE_VALUE, UNQUOTED } st =
	    BETWEEN;
	const char *q;

	for (; i < n; i++) {
		if (s[i] == '>')
			return i + 1;
		switch (st) {
		case BETWEEN:
			if (!space(s[i]) && s[i] != '/')
				st = NAME;
			break;
		case NAME:
		case AFTER_NAME:
			if (s[i] == '=')
				st = BEFORE_VALUE;
			else if (s[i] == '/')
				st = BETWEEN;
			else if (space(s[i]))
				st = AFTER_NAME;
			else if (st == AFTER_NAME)
				st = NAME;
			break;
		case BEFORE_VALUE:
			if (s[i] == '"' || s[i] == '\'') {
				q = memchr(s + i + 1, s[i], n - i - 1);
				if (q == NULL)
					return n;
				i = (size_t)(q - s);
				st = BETWEEN;
			} else if (!space(s[i]))
				st = UNQUOTED;
			break;
		case UNQUOTED:
			if (space(s[i]))
				st = BETWEEN;
			break;
		}
	}
	return n;
}

int
cm_html_next_tag(const char *s, size_t n, size_t *pos, struct cm_html_tag *t)
{
	static const char *const raw[] = {
		"script", "style", "title", "textarea", "xmp", "iframe",
		"noembed", "noframes"
	};
	size_t i = *pos, j, k, close;
	const char *lt;

	while (i < n && (lt = memchr(s + i, '<', n - i)) != NULL) {
		i = (size_t)(lt - s);
		if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
			/*
			 * As the HTML tokenizer ends a comment: <!--> and
			 * <!---> are whole (empty) comments, and --!> ends
			 * one as --> does; the tag after it is a tag.
			 */
			i += 4;
			if (i < n && s[i] == '>') {
				i++;
				continue;
			}
			if (i + 1 < n && s[i] == '-' && s[i + 1] == '>') {
				i += 2;
				continue;
			}
			j = find(s, n, i, "-->");
			k = find(s, n, i, "--!>");
			if (k < j)
				j = k + 1;
			if (j == n)
				return 0;
			i = j + 3;
			continue;
		}
		if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
			lt = memchr(s + i, '>', n - i);
			if (lt == NULL)
				return 0;
			i = (size_t)(lt - s) + 1;
			continue;
		}
		memset(t, 0, sizeof(*t));
		t->closing = i + 1 < n && s[i + 1] == '/';
		j = i + 1 + (size_t)t->closing;
		if (j >= n || !letter(s[j])) {
			i++;
			continue;
		}
		t->start = i;
		t->name = j;
		while (j < n && !space(s[j]) && s[j] != '/' && s[j] != '>')
			j++;
		t->namelen = j - t->name;
		t->end = tag_end(s, n, j);
		if (t->end == n && (n == 0 || s[n - 1] != '>'))
			return 0;	/* cut short: no tag */
		*pos = t->end;
		if (t->closing)
			return 1;
		/* Raw text: no tag inside until the element's end tag. */
		for (k = 0; k < sizeof(raw) / sizeof(raw[0]); k++) {
			if (!cm_html_is(s, t->name, t->namelen, raw[k]))
				continue;
			for (close = t->end; ; close += 2) {
				close = find(s, n, close, "</");
				if (close == n) {
					*pos = n;
					break;
				}
				j = close + 2 + t->namelen;
				if (cm_html_is(s, close + 2, j <= n ?
				    t->namelen : 0, raw[k]) && (j == n ||
				    space(s[j]) || s[j] == '/' || s[j] == '>')) {
					*pos = close;
					break;
				}
			}
			break;
		}
		return 1;
	}
	return 0;
}

/*
 * Append to b the content attribute's value v[0..n) with the charset
 * after "charset=" set to utf-8; 1 when it changed.
 */
static int
content_utf8(struct cm_buf *b, const char *v, size_t n)
{
	size_t i = find(v, n, 0, "charset"), j = 0, e;
	char q;

	while (i < n) {
		j = i + 7;
		while (j < n && space(v[j]))
			j++;
		if (j < n && v[j] == '=')
			break;
		i = find(v, n, i + 7, "charset");
	}
	if (i == n)
		goto same;
	j++;
	while (j < n && space(v[j]))
		j++;
	if (j < n && (v[j] == '"' || v[j] == '\'')) {
		q = v[j++];
		for (e = j; e < n && v[e] != q; e++)
			;
	} else
		for (e = j; e < n && v[e] != ';' && !space(v[e]); e++)
			;
	if (cm_html_is(v, j, e - j, "utf-8"))
		goto same;
	cm_buf_add(b, v, j);
	cm_buf_adds(b, "utf-8");
	cm_buf_add(b, v + e, n - e);
	return 1;
same:
	cm_buf_add(b, v, n);
	return 0;
}

/*
 * Copy s[*last..) up to attribute a's value, then the value with its
 * charset set to utf-8 (content: the charset= inside it); 1 when changed.
 */
static int
edit(struct cm_buf *b, const char *s, size_t *last,
    const struct cm_html_attr *a, int content)
{
	int changed = 0;

	if (!a->has_value)
		return 0;
	cm_buf_add(b, s + *last, a->value - *last);
	if (content)
		changed = content_utf8(b, s + a->value, a->valuelen);
	else if (cm_html_is(s, a->value, a->valuelen, "utf-8"))
		cm_buf_add(b, s + a->value, a->valuelen);
	else {
		cm_buf_adds(b, "utf-8");
		changed = 1;
	}
	*last = a->value + a->valuelen;
	return changed;
}

size_t
cm_html_meta_utf8(struct cm_buf *b, const char *s, size_t n)
{
	struct cm_html_tag t;
	struct cm_html_attr a, cs, ct;
	size_t pos = 0, last = 0, ap, changed = 0;
	int equiv;

	while (cm_html_next_tag(s, n, &pos, &t) == 1) {
		if (cm_html_is(s, t.name, t.namelen, t.closing ? "head" :
		    "body"))
			break;
		if (t.closing || !cm_html_is(s, t.name, t.namelen, "meta"))
			continue;
		equiv = 0;
		memset(&cs, 0, sizeof(cs));
		memset(&ct, 0, sizeof(ct));
		for (ap = 0; cm_html_next_attr(s, &t, &ap, &a) == 1; ) {
			if (!a.has_value)
				continue;
			if (cm_html_is(s, a.name, a.namelen, "charset"))
				cs = a;
			else if (cm_html_is(s, a.name, a.namelen, "content"))
				ct = a;
			else if (cm_html_is(s, a.name, a.namelen,
			    "http-equiv"))
				equiv = cm_html_is(s, a.value, a.valuelen,
				    "content-type");
		}
		/* content= names a charset only in an http-equiv meta. */
		if (!equiv)
			ct.has_value = 0;
		/* The two edits in the order they stand in the tag. */
		if (cs.has_value && ct.has_value && ct.value < cs.value) {
			changed += (size_t)edit(b, s, &last, &ct, 1);
			changed += (size_t)edit(b, s, &last, &cs, 0);
		} else {
			changed += (size_t)edit(b, s, &last, &cs, 0);
			changed += (size_t)edit(b, s, &last, &ct, 1);
		}
	}
	cm_buf_add(b, s + last, n - last);
	return changed;
}
