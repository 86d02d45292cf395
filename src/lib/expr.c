/*
 * expr.c: the rule language of cm-grade (see expr.h): a scanner that
 * hands the parser one token at a time, a recursive-descent parser to a
 * tree of tests, and an evaluator over a row's cells.
 *
 * Numbers are never converted to binary: a cell is split into its sign,
 * integer digits and fraction digits, in place, and two numbers are
 * compared digit by digit, so 0.1 + 0.2 troubles nobody and a 30-digit
 * amount compares as well as a 3-digit one.  Only share() multiplies,
 * on digit strings in scratch memory kept in the tree.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "expr.h"
#include "i18n.h"
#include "regex.h"
#include "strset.h"
#include "text.h"
#include "xalloc.h"

/* ---- the tree ---- */

enum tok {
	T_END, T_NAME, T_QNAME, T_NUM, T_STR, T_DUR, T_LP, T_RP, T_COMMA,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_MATCH, T_NMATCH,
	T_TRUE, T_AND, T_OR, T_NOT, T_SLASH
};

/* An operand of a comparison. */
enum okind { O_COL, O_NUM, O_STR, O_DUR, O_AGE, O_SHARE };

/* A decimal number, split in place: digits only, no leading zeros in
   the integer part, no trailing zeros in the fraction; zero is never
   negative. */
struct dec {
	int neg;
	const char *ip;
	size_t il;
	const char *fp;
	size_t fl;
};

struct operand {
	enum okind kind;
	size_t col;		/* O_COL, O_AGE: the column's slot */
	char *lit;		/* O_NUM, O_STR: the literal (decoded) */
	size_t litlen;
	struct dec num;		/* O_NUM: lit, split */
	long dur;		/* O_DUR: count */
	char unit;		/* O_DUR: 'd', 'm' or 'y' */
	struct operand *a, *b;	/* O_SHARE: share(a, b) */
};

enum nkind { N_TRUE, N_NOT, N_AND, N_OR, N_CMP, N_MATCH, N_EMPTY };
enum ckind { C_TEXT, C_NUM, C_AGE };

struct node {
	enum nkind kind;
	enum tok op;		/* N_CMP: T_EQ .. T_GE; N_MATCH: T_MATCH/T_NMATCH */
	enum ckind ck;		/* N_CMP */
	struct operand *l, *r;	/* N_CMP; N_MATCH and N_EMPTY use l */
	struct cm_regex *re;	/* N_MATCH */
	char *text;		/* the test as written, for seen */
	struct node *a;		/* N_NOT */
	/*
	 * N_AND, N_OR: a chain a and b and c is one node of three, so that
	 * a long chain costs no depth of recursion.
	 */
	struct node **kids;
	size_t nkids, capkids;
};

/* Scratch for evaluation, behind a pointer so a const tree can use it. */
struct scratch {
	struct cm_buf seen;
	char *p1, *p2, *d1, *d2;	/* share(): digit strings */
	size_t c1, c2, cd1, cd2;
	unsigned *acc;			/* share(): the long multiplication */
	size_t cacc;
};

struct cm_expr {
	struct node *root;
	char **names;
	size_t *index;
	size_t ncols, capcols;
	struct cm_strset *slots;	/* name to slot, while parsing */
	struct scratch *sc;
};

/* ---- the scanner ---- */

struct parser {
	const char *s;
	size_t len;		/* where the condition ends ('#' or len) */
	size_t full;		/* the text's length */
	size_t pos;		/* where the next token starts scanning */
	const char *file;
	long line;
	int col0;
	int depth;
	struct cm_error *err;
	struct cm_expr *e;
	/* the current token */
	enum tok t;
	size_t ts, te;		/* its bytes */
	size_t prev_end;	/* end of the token before it */
	int failed;
};

static long
colat(const struct parser *p, size_t off)
{
	long c = p->col0;
	size_t i;

	for (i = 0; i < off && i < p->full; i++)
		if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

__attribute__((format(printf, 3, 4)))
static void
fail(struct parser *p, size_t off, const char *fmt, ...)
{
	char msg[sizeof(p->err->msg)];
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cm_error_set(p->err, CM_USAGE, p->file, p->line, colat(p, off), "%s",
	    msg);
}

/*
 * The length of the name character at s[0..n) (n > 0), or 0 if there is
 * none: an ASCII letter, digit or '_', or a non-ASCII character that is
 * not punctuation or a space.  Full-width （ ） “ ” ， and the like,
 * which a Chinese input method types for ( ) " , are then refused where
 * they stand instead of becoming part of a name.  The text is valid UTF-8
 * (checked first).
 */
static size_t
namechar(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	uint32_t cp;
	size_t k;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_';
	if ((k = cm_utf8_decode(s, n, &cp)) == 0)
		return 0;
	if ((cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x206f) ||	/* “ ” … and spaces */
	    (cp >= 0x3000 && cp <= 0x303f) ||	/* 　 、 。 《 》 【 】 */
	    (cp >= 0xfe30 && cp <= 0xfe4f) ||	/* vertical forms */
	    (cp >= 0xff00 && cp <= 0xff0f) ||	/* ！ （ ） ， */
	    (cp >= 0xff1a && cp <= 0xff20) ||	/* ： ； ＜ ＝ ＞ */
	    (cp >= 0xff3b && cp <= 0xff40) ||
	    (cp >= 0xff5b && cp <= 0xff65) || cp == 0xfeff)
		return 0;
	return k;
}

/* The end of the name that starts at i (i itself if none does). */
static size_t
name_end(const struct parser *p, size_t i, size_t lim)
{
	size_t k;

	while (i < lim && (k = namechar(p->s + i, lim - i)) > 0)
		i += k;
	return i;
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* The current token's text, for messages (cut to keep them short). */
static const char *
toktext(const struct parser *p, char *buf, size_t size)
{
	size_t n = p->te - p->ts;

	if (p->t == T_END)
		return _("end");
	if (n > size - 4)
		n = cm_utf8_cut(p->s + p->ts, size - 4);
	snprintf(buf, size, "%.*s%s", (int)n, p->s + p->ts,
	    n < p->te - p->ts ? "..." : "");
	return buf;
}

static const struct {
	const char *w;
	enum tok t;
} words[] = {
	{ "true", T_TRUE }, { "and", T_AND }, { "or", T_OR }, { "not", T_NOT }
};

/* For a name found where an operator was wanted: AND, Or, NOT... */
static const char *
hint(const struct parser *p)
{
	size_t k;

	if (p->t != T_NAME)
		return "";
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strlen(words[k].w) == p->te - p->ts &&
		    strncasecmp(words[k].w, p->s + p->ts, p->te - p->ts) == 0)
			return _(" (and, or, not and true are lower case)");
	return "";
}

/* Scan a number or a duration at p->pos (a digit, or '-' and a digit). */
static void
scan_number(struct parser *p)
{
	size_t i = p->ts;
	int dot = 0;

	if (p->s[i] == '-')
		i++;
	while (i < p->len && (isdig(p->s[i]) || (p->s[i] == '.' && !dot &&
	    i + 1 < p->len && isdig(p->s[i + 1])))) {
		dot |= p->s[i] == '.';
		i++;
	}
	p->t = T_NUM;
	if (name_end(p, i, p->len) > i) {
		size_t j = name_end(p, i, p->len);

		p->te = j;
		if (j == i + 1 && (p->s[i] == 'd' || p->s[i] == 'm' ||
		    p->s[i] == 'y') && !dot && p->s[p->ts] != '-') {
			p->t = T_DUR;
			return;
		}
		{
			char b[80];

			fail(p, p->ts, j == i + 1 && !dot &&
			    p->s[p->ts] != '-' ? _("bad duration '%s' (Nd, Nm "
			    "or Ny)") : _("bad number '%s'"), toktext(p, b,
			    sizeof(b)));
		}
		return;
	}
	if (i < p->len && p->s[i] == '.') {
		size_t j = i;
		char b[80];

		while (j < p->len && (isdig(p->s[j]) || p->s[j] == '.'))
			j++;
		p->te = j;
		fail(p, p->ts, _("bad number '%s'"), toktext(p, b, sizeof(b)));
		return;
	}
	p->te = i;
}

static void
advance(struct parser *p)
{
	size_t i;
	unsigned char c;

	p->prev_end = p->te;
	if (p->failed) {
		p->t = T_END;
		return;
	}
	i = p->pos;
	while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t'))
		i++;
	p->ts = i;
	if (i >= p->len) {
		p->t = T_END;
		p->te = p->pos = i;
		return;
	}
	c = (unsigned char)p->s[i];
	p->te = i + 1;
	switch (c) {
	case '(': p->t = T_LP; break;
	case ')': p->t = T_RP; break;
	case ',': p->t = T_COMMA; break;
	case '/': p->t = T_SLASH; break;
	case '~': p->t = T_MATCH; break;
	case '=':
		if (i + 1 < p->len && p->s[i + 1] == '=') {
			p->t = T_EQ;
			p->te = i + 2;
		} else
			fail(p, i, _("'=' is not an operator: write =="));
		break;
	case '!':
		if (i + 1 < p->len && p->s[i + 1] == '=') {
			p->t = T_NE;
			p->te = i + 2;
		} else if (i + 1 < p->len && p->s[i + 1] == '~') {
			p->t = T_NMATCH;
			p->te = i + 2;
		} else
			fail(p, i, _("'!' is not an operator: write != or not"));
		break;
	case '<':
	case '>':
		p->t = c == '<' ? T_LT : T_GT;
		if (i + 1 < p->len && p->s[i + 1] == '=') {
			p->t = c == '<' ? T_LE : T_GE;
			p->te = i + 2;
		}
		break;
	case '"':
		p->t = T_STR;
		for (i++; i < p->len && p->s[i] != '"'; i++)
			if (p->s[i] == '\\' && i + 1 < p->len)
				i++;
		if (i >= p->len)
			fail(p, p->ts, _("unterminated string"));
		p->te = i + 1;
		break;
	case '`':
		p->t = T_QNAME;
		for (i++; i < p->len && p->s[i] != '`'; i++)
			if ((unsigned char)p->s[i] < 0x20) {
				fail(p, i, _("control character 0x%02x in a "
				    "column name"), (unsigned char)p->s[i]);
				break;
			}
		if (p->failed)
			;
		else if (i >= p->len)
			fail(p, p->ts, _("unterminated column name"));
		else if (i == p->ts + 1)
			fail(p, p->ts, _("empty column name"));
		p->te = i + 1;
		break;
	default:
		if (isdig((char)c) || (c == '-' && i + 1 < p->len &&
		    isdig(p->s[i + 1]))) {
			scan_number(p);
			break;
		}
		if (name_end(p, i, p->len) > i) {
			size_t k;

			p->te = name_end(p, i, p->len);
			p->t = T_NAME;
			for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
				if (strlen(words[k].w) == p->te - i &&
				    memcmp(words[k].w, p->s + i, p->te - i) == 0)
					p->t = words[k].t;
			break;
		}
		if (c < 0x20 || c == 0x7f)
			fail(p, i, _("unexpected character 0x%02x"), c);
		else
			fail(p, i, _("unexpected character '%.*s'"),
			    (int)cm_utf8_decode(p->s + i, p->len - i,
			    &(uint32_t){0}), p->s + i);
		break;
	}
	if (p->failed)
		p->t = T_END;
	p->pos = p->te;
}

/* Where the condition ends: the first '#' outside quotes and patterns.
   Patterns are found by the parser, which moves the end past them. */
static size_t
find_end(const char *s, size_t len)
{
	size_t i;
	char q;

	for (i = 0; i < len; i++) {
		if (s[i] == '#')
			return i;
		if (s[i] == '"' || s[i] == '`') {
			q = s[i];
			for (i++; i < len && s[i] != q; i++)
				if (s[i] == '\\' && q == '"')
					i++;
			if (i >= len)
				return len;
		}
	}
	return len;
}

/* ---- building the tree ---- */

static void
free_operand(struct operand *o)
{
	if (o == NULL)
		return;
	free(o->lit);
	free_operand(o->a);
	free_operand(o->b);
	free(o);
}

static void
free_node(struct node *n)
{
	if (n == NULL)
		return;
	free_operand(n->l);
	free_operand(n->r);
	cm_regex_free(n->re);
	free(n->text);
	free_node(n->a);
	while (n->nkids > 0)
		free_node(n->kids[--n->nkids]);
	free(n->kids);
	free(n);
}

static struct node *
new_node(enum nkind k)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->kind = k;
	return n;
}

/* The slot of column name[0..len), added at first use. */
static size_t
column_slot(struct cm_expr *e, const char *name, size_t len)
{
	char *s = xstrndup(name, len);
	size_t i;

	if (cm_strset_get(e->slots, s, &i)) {
		free(s);
		return i;
	}
	e->names = xgrow(e->names, &e->capcols, e->ncols + 1,
	    sizeof(*e->names));
	/* index grows with names: same count, same capacity */
	e->index = xreallocarray(e->index, e->capcols, sizeof(*e->index));
	e->names[e->ncols] = s;
	e->index[e->ncols] = SIZE_MAX;
	cm_strset_add(e->slots, s, e->ncols, NULL);
	return e->ncols++;
}

/* Split a decimal number s[0..n) (spaces around allowed); -1 if not one. */
static int
dec_split(const char *s, size_t n, struct dec *d)
{
	size_t i = 0, j;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	while (i < n && s[i] == ' ')
		i++;
	d->neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		d->neg = s[i++] == '-';
	j = i;
	while (i < n && isdig(s[i]))
		i++;
	d->ip = s + j;
	d->il = i - j;
	d->fp = s + i;
	d->fl = 0;
	if (i < n && s[i] == '.') {
		d->fp = s + ++i;
		j = i;
		while (i < n && isdig(s[i]))
			i++;
		d->fl = i - j;
	}
	if (i != n || d->il + d->fl == 0)
		return -1;
	while (d->il > 0 && d->ip[0] == '0') {
		d->ip++;
		d->il--;
	}
	while (d->fl > 0 && d->fp[d->fl - 1] == '0')
		d->fl--;
	if (d->il == 0 && d->fl == 0)
		d->neg = 0;
	return 0;
}

static int
dec_cmp(const struct dec *a, const struct dec *b)
{
	size_t i;
	int r = 0;

	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	if (a->il != b->il)
		r = a->il < b->il ? -1 : 1;
	else if ((r = memcmp(a->ip, b->ip, a->il)) == 0) {
		for (i = 0; i < a->fl && i < b->fl && r == 0; i++)
			r = a->fp[i] - b->fp[i];
		if (r == 0 && a->fl != b->fl)
			r = a->fl < b->fl ? -1 : 1;
	}
	r = r < 0 ? -1 : r > 0;
	return a->neg ? -r : r;
}

static char *
decode_string(const struct parser *p, size_t *len)
{
	struct cm_buf b = {0};
	size_t i;
	char *s;

	for (i = p->ts + 1; i < p->te - 1; i++) {
		if (p->s[i] == '\\')
			i++;
		cm_buf_addc(&b, p->s[i]);
	}
	*len = b.len;
	s = xmalloc(b.len + 1);
	memcpy(s, cm_buf_str(&b), b.len + 1);
	cm_buf_free(&b);
	return s;
}

/* Check a string's escapes; the scanner only found its end. */
static int
check_string(struct parser *p)
{
	size_t i;
	char b[8];

	for (i = p->ts + 1; i < p->te - 1; i++)
		if (p->s[i] == '\\') {
			if (p->s[i + 1] != '"' && p->s[i + 1] != '\\') {
				size_t n = cm_utf8_decode(p->s + i + 1,
				    p->te - 1 - (i + 1), &(uint32_t){0});

				if (n == 0)
					n = 1;
				snprintf(b, sizeof(b), "%.*s", (int)n,
				    p->s + i + 1);
				fail(p, i, _("unknown escape '\\%s' in string "
				    "(only \\\" and \\\\)"), b);
				return -1;
			}
			i++;
		}
	return 0;
}

static struct node *parse_or(struct parser *p);

/* A function call: name '(' args ')', with the name current. */
static int
is_call(const struct parser *p, const char *name)
{
	size_t n = strlen(name), i = p->te;

	if (p->t != T_NAME || p->te - p->ts != n ||
	    memcmp(p->s + p->ts, name, n) != 0)
		return 0;
	while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t'))
		i++;
	return i < p->len && p->s[i] == '(';
}

/* A column: the current token, a name or a `name`; -1 if not one. */
static int
take_column(struct parser *p, size_t *slot)
{
	if (p->t == T_NAME)
		*slot = column_slot(p->e, p->s + p->ts, p->te - p->ts);
	else if (p->t == T_QNAME)
		*slot = column_slot(p->e, p->s + p->ts + 1,
		    p->te - p->ts - 2);
	else
		return -1;
	advance(p);
	return 0;
}

/* fn '(' column ')' with fn current; the slot, or -1. */
static int
call1(struct parser *p, const char *fn, size_t *slot)
{
	advance(p);			/* fn */
	advance(p);			/* ( */
	if (p->t == T_NAME && (is_call(p, "empty") || is_call(p, "age") ||
	    is_call(p, "share")))
		goto bad;
	if (take_column(p, slot) < 0)
		goto bad;
	if (p->t != T_RP)
		goto bad;
	advance(p);
	return 0;
bad:
	fail(p, p->ts, _("%s() takes one column"), fn);
	return -1;
}

static struct operand *
new_operand(enum okind k)
{
	struct operand *o = xcalloc(1, sizeof(*o));

	o->kind = k;
	return o;
}

/* A number or a column, inside share(). */
static struct operand *
share_arg(struct parser *p)
{
	struct operand *o;
	size_t slot;

	if (p->t == T_NUM) {
		o = new_operand(O_NUM);
		o->litlen = p->te - p->ts;
		o->lit = xstrndup(p->s + p->ts, o->litlen);
		dec_split(o->lit, o->litlen, &o->num);
		advance(p);
		return o;
	}
	if (p->t == T_NAME && (is_call(p, "empty") || is_call(p, "age") ||
	    is_call(p, "share")))
		return NULL;
	if (take_column(p, &slot) < 0)
		return NULL;
	o = new_operand(O_COL);
	o->col = slot;
	return o;
}

/* A value, or NULL (with no error set) when the token is not one. */
static struct operand *
parse_value(struct parser *p)
{
	struct operand *o;
	size_t slot;

	switch (p->t) {
	case T_NUM:
		return share_arg(p);
	case T_STR:
		if (check_string(p) < 0)
			return NULL;
		o = new_operand(O_STR);
		o->lit = decode_string(p, &o->litlen);
		advance(p);
		return o;
	case T_DUR: {
		long v = 0;
		size_t i;

		for (i = p->ts; i + 1 < p->te && v <= 999999; i++)
			v = v * 10 + (p->s[i] - '0');
		if (v > 999999) {
			char b[80];

			fail(p, p->ts, _("duration '%s' too long"),
			    toktext(p, b, sizeof(b)));
			return NULL;
		}
		o = new_operand(O_DUR);
		o->dur = v;
		o->unit = p->s[p->te - 1];
		advance(p);
		return o;
	}
	case T_QNAME:
	case T_NAME:
		if (is_call(p, "age")) {
			if (call1(p, "age", &slot) < 0)
				return NULL;
			o = new_operand(O_AGE);
			o->col = slot;
			return o;
		}
		if (is_call(p, "share")) {
			advance(p);
			advance(p);
			o = new_operand(O_SHARE);
			if ((o->a = share_arg(p)) == NULL || p->t != T_COMMA)
				goto badshare;
			advance(p);
			if ((o->b = share_arg(p)) == NULL || p->t != T_RP)
				goto badshare;
			advance(p);
			return o;
badshare:
			free_operand(o);
			fail(p, p->ts, _("share() takes two numbers or columns: "
			    "share(a, b)"));
			return NULL;
		}
		if (take_column(p, &slot) < 0)
			return NULL;
		o = new_operand(O_COL);
		o->col = slot;
		return o;
	default:
		return NULL;
	}
}

static const char *
opname(enum tok t)
{
	switch (t) {
	case T_EQ: return "==";
	case T_NE: return "!=";
	case T_LT: return "<";
	case T_LE: return "<=";
	case T_GT: return ">";
	case T_GE: return ">=";
	case T_MATCH: return "~";
	case T_NMATCH: return "!~";
	default: return "?";
	}
}

/* a OP b is b OP' a */
static enum tok
flip(enum tok t)
{
	switch (t) {
	case T_LT: return T_GT;
	case T_LE: return T_GE;
	case T_GT: return T_LT;
	case T_GE: return T_LE;
	default: return t;
	}
}

/* Decide how l OP r compares; put age() and share() on the left. */
static int
typecheck(struct parser *p, struct node *n, size_t at)
{
	struct operand *t;
	enum okind lk = n->l->kind, rk = n->r->kind;

	if (rk == O_AGE || (rk == O_SHARE && lk != O_SHARE) ||
	    (lk == O_DUR && rk != O_DUR)) {
		t = n->l;
		n->l = n->r;
		n->r = t;
		n->op = flip(n->op);
		lk = n->l->kind;
		rk = n->r->kind;
	}
	if (lk == O_AGE) {
		if (rk != O_DUR)
			goto noage;
		n->ck = C_AGE;
		return 0;
	}
	if (rk == O_DUR || lk == O_DUR) {
		char b[40];

		t = lk == O_DUR ? n->l : n->r;
		snprintf(b, sizeof(b), "%ld%c", t->dur, t->unit);
		fail(p, at,
		    _("a duration such as '%s' compares only with age()"), b);
		return -1;
	}
	if (lk == O_SHARE) {
		if (rk != O_NUM && rk != O_COL) {
			fail(p, at, _("share() compares with a number or a "
			    "column"));
			return -1;
		}
		n->ck = C_NUM;
		return 0;
	}
	if (lk == O_STR || rk == O_STR) {
		if (lk == O_NUM || rk == O_NUM) {
			fail(p, at, _("cannot compare a number with a string"));
			return -1;
		}
		n->ck = C_TEXT;
		return 0;
	}
	n->ck = C_NUM;
	return 0;
noage:
	fail(p, at, _("age() compares with a duration such as 365d, 12m or 1y"));
	return -1;
}

/* The pattern after ~ or !~, scanned from p->pos. */
static int
parse_pattern(struct parser *p, struct node *n)
{
	struct cm_buf b = {0};
	struct cm_error e2;
	size_t i = p->pos, start;
	unsigned flags = 0;

	while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t'))
		i++;
	if (i >= p->len || p->s[i] != '/') {
		advance(p);
		if (!p->failed)
			fail(p, p->ts, _("expected a pattern after '%s'"),
			    opname(n->op));
		return -1;
	}
	start = i;
	/* The pattern runs to the end of the text, past any '#'. */
	for (i++; i < p->full && p->s[i] != '/'; i++) {
		if (p->s[i] == '\\' && i + 1 < p->full) {
			if (p->s[i + 1] != '/')
				cm_buf_addc(&b, '\\');
			i++;
		}
		cm_buf_addc(&b, p->s[i]);
	}
	if (i >= p->full) {
		cm_buf_free(&b);
		fail(p, start, _("unterminated pattern"));
		return -1;
	}
	i++;
	while (i < p->full && namechar(p->s + i, p->full - i) > 0) {
		if (p->s[i] != 'i') {
			size_t k = cm_utf8_decode(p->s + i, p->full - i,
			    &(uint32_t){0});

			cm_buf_free(&b);
			fail(p, i, _("unknown pattern flag '%.*s' (only i)"),
			    (int)(k ? k : 1), p->s + i);
			return -1;
		}
		flags |= CM_RE_CASELESS;
		i++;
	}
	memset(&e2, 0, sizeof(e2));
	n->re = cm_regex_compile(b.s ? b.s : "", b.len, flags, p->file,
	    p->line, &e2);
	cm_buf_free(&b);
	if (n->re == NULL) {
		if (e2.status != CM_USAGE) {
			cm_error_copy(p->err, &e2);
			p->failed = 1;
		} else
			fail(p, start, "%s", e2.msg);
		return -1;
	}
	/*
	 * find_end() stopped at a '#' inside the pattern or skipped a comment
	 * behind a quote in it: the condition ends at the first '#' after it.
	 */
	p->len = i + find_end(p->s + i, p->full - i);
	p->pos = i;
	p->te = i;
	advance(p);
	return 0;
}

/* test as written, trimmed: p->s[from .. end of the last token) */
static char *
test_text(const struct parser *p, size_t from)
{
	return xstrndup(p->s + from, p->prev_end - from);
}

static struct node *
parse_test(struct parser *p)
{
	struct node *n;
	struct operand *l;
	size_t from = p->ts, at;
	char b[80];

	if (p->t == T_TRUE) {
		n = new_node(N_TRUE);
		advance(p);
		n->text = test_text(p, from);
		return n;
	}
	if (p->t == T_LP) {
		if (++p->depth > CM_EXPR_MAX_DEPTH) {
			fail(p, p->ts,
			    _("nested too deep (more than %d levels)"),
			    CM_EXPR_MAX_DEPTH);
			return NULL;
		}
		advance(p);
		if ((n = parse_or(p)) == NULL)
			return NULL;
		if (p->t != T_RP) {
			fail(p, p->ts, _("expected ')' to close the '(' at "
			    "column %ld"), colat(p, from));
			free_node(n);
			return NULL;
		}
		p->depth--;
		advance(p);
		return n;
	}
	if (is_call(p, "empty")) {
		size_t slot;

		if (call1(p, "empty", &slot) < 0)
			return NULL;
		n = new_node(N_EMPTY);
		n->l = new_operand(O_COL);
		n->l->col = slot;
		n->text = test_text(p, from);
		return n;
	}
	if ((l = parse_value(p)) == NULL)
		return NULL;
	n = new_node(N_CMP);
	n->l = l;
	at = p->ts;
	switch (p->t) {
	case T_MATCH:
	case T_NMATCH:
		n->kind = N_MATCH;
		n->op = p->t;
		if (l->kind != O_COL) {
			fail(p, p->ts, _("'%s' needs a column on its left"),
			    opname(p->t));
			goto bad;
		}
		if (parse_pattern(p, n) < 0)
			goto bad;
		n->text = test_text(p, from);
		return n;
	case T_EQ: case T_NE: case T_LT: case T_LE: case T_GT: case T_GE:
		n->op = p->t;
		advance(p);
		if ((n->r = parse_value(p)) == NULL) {
			fail(p, p->ts, _("expected a value after '%s'"),
			    opname(n->op));
			goto bad;
		}
		if (typecheck(p, n, at) < 0)
			goto bad;
		n->text = test_text(p, from);
		return n;
	default:
		{
			size_t k = p->prev_end - from;

			if (k > sizeof(b) - 4)
				k = cm_utf8_cut(p->s + from, sizeof(b) - 4);
			snprintf(b, sizeof(b), "%.*s%s", (int)k, p->s + from,
			    k < p->prev_end - from ? "..." : "");
		}
		if (p->t == T_END)
			fail(p, at, _("expected a comparison after '%s'"), b);
		else {
			char b2[80];

			fail(p, at, _("expected a comparison after '%s', found "
			    "'%s'%s"), b, toktext(p, b2, sizeof(b2)), hint(p));
		}
		goto bad;
	}
bad:
	free_node(n);
	return NULL;
}

/* What the parser says when a condition should start at the token. */
static void
want_condition(struct parser *p, const char *after)
{
	char b[80];

	if (p->failed)
		return;
	if (p->t == T_SLASH)
		fail(p, p->ts, _("a pattern goes after ~ or !~"));
	else if (p->t != T_END && after != NULL)
		fail(p, p->ts, _("expected a condition after '%s', found '%s'"),
		    after, toktext(p, b, sizeof(b)));
	else if (p->t != T_END)
		fail(p, p->ts, _("expected a condition, found '%s'"),
		    toktext(p, b, sizeof(b)));
	else if (after != NULL)
		fail(p, p->ts, _("expected a condition after '%s'"), after);
	else
		fail(p, p->ts, _("expected a condition"));
}

static struct node *
parse_unary(struct parser *p, const char *after)
{
	struct node *n;

	if (p->t == T_NOT) {
		if (++p->depth > CM_EXPR_MAX_DEPTH) {
			fail(p, p->ts,
			    _("nested too deep (more than %d levels)"),
			    CM_EXPR_MAX_DEPTH);
			return NULL;
		}
		advance(p);
		if ((n = parse_unary(p, "not")) == NULL)
			return NULL;
		p->depth--;
		{
			struct node *m = new_node(N_NOT);

			m->a = n;
			return m;
		}
	}
	if (p->t != T_TRUE && p->t != T_LP && p->t != T_NAME &&
	    p->t != T_QNAME && p->t != T_NUM && p->t != T_STR &&
	    p->t != T_DUR) {
		want_condition(p, after);
		return NULL;
	}
	if ((n = parse_test(p)) == NULL && !p->failed)
		want_condition(p, after);
	return n;
}

/* Add kid to the chain n of kind k (made of first if need be). */
static struct node *
chain(enum nkind k, struct node *n, struct node *kid)
{
	if (n->kind != k || n->nkids == 0) {
		struct node *m = new_node(k);

		m->kids = xgrow(NULL, &m->capkids, 2, sizeof(*m->kids));
		m->kids[m->nkids++] = n;
		n = m;
	} else
		n->kids = xgrow(n->kids, &n->capkids, n->nkids + 1,
		    sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
	return n;
}

static struct node *
parse_and(struct parser *p, const char *after)
{
	struct node *n, *r;

	if ((n = parse_unary(p, after)) == NULL)
		return NULL;
	while (p->t == T_AND) {
		advance(p);
		if ((r = parse_unary(p, "and")) == NULL) {
			free_node(n);
			return NULL;
		}
		n = chain(N_AND, n, r);
	}
	return n;
}

static struct node *
parse_or(struct parser *p)
{
	struct node *n, *r;

	if ((n = parse_and(p, NULL)) == NULL)
		return NULL;
	while (p->t == T_OR) {
		advance(p);
		if ((r = parse_and(p, "or")) == NULL) {
			free_node(n);
			return NULL;
		}
		n = chain(N_OR, n, r);
	}
	return n;
}

void
cm_expr_free(struct cm_expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	free_node(e->root);
	for (i = 0; i < e->ncols; i++)
		free(e->names[i]);
	free(e->names);
	free(e->index);
	cm_strset_free(e->slots);
	if (e->sc != NULL) {
		cm_buf_free(&e->sc->seen);
		free(e->sc->p1);
		free(e->sc->p2);
		free(e->sc->d1);
		free(e->sc->d2);
		free(e->sc->acc);
		free(e->sc);
	}
	free(e);
}

struct cm_expr *
cm_expr_parse(const char *text, size_t len, const char *file, long line,
    int col0, struct cm_error *err)
{
	struct parser p;
	struct cm_expr *e;
	size_t i, k;
	char b[80];

	memset(&p, 0, sizeof(p));
	p.s = text != NULL ? text : "";
	p.full = text != NULL ? len : 0;
	p.file = file;
	p.line = line;
	p.col0 = col0;
	p.err = err;
	for (i = 0; i < p.full; i += k)
		if ((k = cm_utf8_decode(p.s + i, p.full - i,
		    &(uint32_t){0})) == 0) {
			fail(&p, i, _("invalid UTF-8"));
			return NULL;
		}
	p.len = find_end(p.s, p.full);
	e = xcalloc(1, sizeof(*e));
	e->sc = xcalloc(1, sizeof(*e->sc));
	e->slots = cm_strset_new();
	p.e = e;
	advance(&p);
	e->root = parse_or(&p);
	if (e->root != NULL && p.t != T_END)
		fail(&p, p.ts,
		    _("expected 'and', 'or' or the end, found '%s'%s"),
		    toktext(&p, b, sizeof(b)), hint(&p));
	if (p.failed) {
		cm_expr_free(e);
		return NULL;
	}
	cm_strset_free(e->slots);
	e->slots = NULL;
	return e;
}

size_t
cm_expr_ncols(const struct cm_expr *e)
{
	return e->ncols;
}

const char *
cm_expr_colname(const struct cm_expr *e, size_t i)
{
	return e->names[i];
}

void
cm_expr_bind(struct cm_expr *e, size_t i, size_t index)
{
	e->index[i] = index;
}

/* ---- evaluation ---- */

struct row {
	const struct cm_expr *e;
	const char *const *f;
	const size_t *n;
	cm_day today;
	cm_expr_seen *seen;
	void *arg;
	struct cm_error *err;
};

static int
cell(const struct row *r, size_t slot, const char **s, size_t *n)
{
	size_t i = r->e->index[slot];

	if (i == SIZE_MAX)
		return cm_error_set(r->err, CM_SYSTEM, NULL, 0, 0,
		    "column '%s' is not bound", r->e->names[slot]);
	*s = r->f[i] != NULL ? r->f[i] : "";
	*n = r->f[i] != NULL ? r->n[i] : 0;
	return 0;
}

static int
blank(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n == 0;
}

/* A message quoting s[0..n) (not NUL-terminated) as cm_msg_value does. */
static int
bad_cell(const struct row *r, size_t slot, const char *s, size_t n,
    const char *what)
{
	char *c = xstrndup(s, n);

	cm_error_set(r->err, CM_DATA, NULL, 0, 0,
	    "'%s' in column '%s' is %s", cm_msg_value(c),
	    r->e->names[slot], what);
	free(c);
	return -1;
}

/*
 * A numeric operand: 0 with *d, 1 when its cell is empty (the comparison
 * is then false), -1 on error.  *s and *sn get the cell for seen.
 */
static int
num_operand(const struct row *r, const struct operand *o, struct dec *d,
    const char **s, size_t *sn)
{
	if (o->kind == O_NUM) {
		*d = o->num;
		*s = "";
		*sn = 0;
		return 0;
	}
	if (cell(r, o->col, s, sn) < 0)
		return -1;
	if (blank(*s, *sn))
		return 1;
	if (dec_split(*s, *sn, d) < 0)
		return bad_cell(r, o->col, *s, *sn, _("not a number"));
	return 0;
}

static int
op_holds(enum tok op, int c)
{
	switch (op) {
	case T_EQ: return c == 0;
	case T_NE: return c != 0;
	case T_LT: return c < 0;
	case T_LE: return c <= 0;
	case T_GT: return c > 0;
	case T_GE: return c >= 0;
	default: return 0;
	}
}

/* The digits of d, without a point, into *buf; their count. */
static size_t
dec_digits(const struct dec *d, char **buf, size_t *cap)
{
	*buf = xgrow(*buf, cap, d->il + d->fl + 1, 1);
	memcpy(*buf, d->ip, d->il);
	memcpy(*buf + d->il, d->fp, d->fl);
	return d->il + d->fl;
}

/* a x b into *out, as a dec pointing into *out. */
static void
dec_mul(struct scratch *sc, const struct dec *a, const struct dec *b,
    char **out, size_t *cap, struct dec *res)
{
	size_t la = dec_digits(a, &sc->d1, &sc->cd1);
	size_t lb = dec_digits(b, &sc->d2, &sc->cd2);
	size_t i, j, n = la + lb, scale = a->fl + b->fl;
	unsigned *acc;
	char *o;

	if (n == 0)
		n = 1;			/* 0 x 0: one digit, 0 */
	sc->acc = xgrow(sc->acc, &sc->cacc, n, sizeof(*sc->acc));
	acc = sc->acc;
	memset(acc, 0, n * sizeof(*acc));

	for (i = 0; i < la; i++)
		for (j = 0; j < lb; j++)
			acc[i + j + 1] += (unsigned)(sc->d1[i] - '0') *
			    (unsigned)(sc->d2[j] - '0');
	/* carry from the right; each cell is at most 9 x 9 x 200 + carry */
	for (i = n - 1; i > 0; i--) {
		acc[i - 1] += acc[i] / 10;
		acc[i] %= 10;
	}
	*out = xgrow(*out, cap, n + 1, 1);
	o = *out;
	for (i = 0; i < n; i++)
		o[i] = (char)('0' + acc[i]);
	res->neg = a->neg != b->neg;
	res->ip = o;
	res->il = n - scale;
	res->fp = o + n - scale;
	res->fl = scale;
	while (res->il > 0 && res->ip[0] == '0') {
		res->ip++;
		res->il--;
	}
	while (res->fl > 0 && res->fp[res->fl - 1] == '0')
		res->fl--;
	if (res->il == 0 && res->fl == 0)
		res->neg = 0;
}

static void
seen_add(struct cm_buf *b, const char *s, size_t n)
{
	cm_buf_add(b, s, n);
}

static int
eval_share(const struct row *r, const struct node *nd)
{
	struct scratch *sc = r->e->sc;
	const struct operand *sh = nd->l;
	static const struct dec hundred = { 0, "100", 3, "", 0 };
	struct dec a, b, c, p, q;
	const char *as, *bs, *cs;
	size_t an, bn, cn;
	int ea, eb, ec, res;

	if ((ea = num_operand(r, sh->a, &a, &as, &an)) < 0 ||
	    (eb = num_operand(r, sh->b, &b, &bs, &bn)) < 0 ||
	    (ec = num_operand(r, nd->r, &c, &cs, &cn)) < 0)
		return -1;
	if (r->seen != NULL) {
		cm_buf_reset(&sc->seen);
		seen_add(&sc->seen, sh->a->kind == O_NUM ? sh->a->lit : as,
		    sh->a->kind == O_NUM ? sh->a->litlen : an);
		cm_buf_adds(&sc->seen, " / ");
		seen_add(&sc->seen, sh->b->kind == O_NUM ? sh->b->lit : bs,
		    sh->b->kind == O_NUM ? sh->b->litlen : bn);
		if (nd->r->kind == O_COL) {
			cm_buf_adds(&sc->seen, ", ");
			seen_add(&sc->seen, cs, cn);
		}
	}
	if (ea || eb || ec || (b.il == 0 && b.fl == 0))
		return 0;
	if (a.il + a.fl > CM_EXPR_SHARE_DIGITS)
		return bad_cell(r, sh->a->col, as, an,
		    "too long a number for share()");
	if (b.il + b.fl > CM_EXPR_SHARE_DIGITS)
		return bad_cell(r, sh->b->col, bs, bn,
		    "too long a number for share()");
	if (c.il + c.fl > CM_EXPR_SHARE_DIGITS)
		return bad_cell(r, nd->r->col, cs, cn,
		    "too long a number for share()");
	/* a / b x 100 OP c  <=>  a x 100 OP b x c, turned when b < 0 */
	dec_mul(sc, &a, &hundred, &sc->p1, &sc->c1, &p);
	dec_mul(sc, &b, &c, &sc->p2, &sc->c2, &q);
	res = dec_cmp(&p, &q);
	return op_holds(nd->op, b.neg ? -res : res);
}

/* today less the duration d, as y, m, day; 0, or -1 if before 1900. */
static int
age_limit(cm_day today, const struct operand *d, cm_day *out)
{
	int y, m, dd, last;
	long months;

	if (d->unit == 'd') {
		*out = today - d->dur;
		return 0;
	}
	cm_date_to_ymd(today, &y, &m, &dd);
	months = (long)y * 12 + (m - 1) - d->dur * (d->unit == 'y' ? 12 : 1);
	if (months < 1900L * 12)
		return -1;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	last = 31;
	while (!cm_date_valid(y, m, last))
		last--;
	*out = cm_date_from_ymd(y, m, dd < last ? dd : last);
	return 0;
}

static int
eval_cmp(const struct row *r, const struct node *nd)
{
	struct scratch *sc = r->e->sc;
	const char *ls = "", *rs = "";
	size_t ln = 0, rn = 0;
	struct dec a, b;
	int ea, eb, c;

	if (nd->l->kind == O_SHARE)
		return eval_share(r, nd);
	if (nd->ck == C_AGE) {
		cm_day x, t;

		if (cell(r, nd->l->col, &ls, &ln) < 0)
			return -1;
		if (r->seen != NULL) {
			cm_buf_reset(&sc->seen);
			seen_add(&sc->seen, ls, ln);
		}
		if (blank(ls, ln))
			return 0;
		if (cm_date_parse(ls, ln, &x) < 0)
			return bad_cell(r, nd->l->col, ls, ln, _("not a date"));
		if (age_limit(r->today, nd->r, &t) < 0)
			t = CM_DAY_MIN - 1;
		/* age(x) OP D  <=>  t OP x: the older x, the smaller */
		c = x < t ? 1 : x > t ? -1 : 0;
		return op_holds(nd->op, c);
	}
	if (nd->ck == C_TEXT) {
		if (nd->l->kind == O_COL && cell(r, nd->l->col, &ls, &ln) < 0)
			return -1;
		if (nd->l->kind == O_STR) {
			ls = nd->l->lit;
			ln = nd->l->litlen;
		}
		if (nd->r->kind == O_COL && cell(r, nd->r->col, &rs, &rn) < 0)
			return -1;
		if (nd->r->kind == O_STR) {
			rs = nd->r->lit;
			rn = nd->r->litlen;
		}
		if (r->seen != NULL) {
			cm_buf_reset(&sc->seen);
			if (nd->l->kind == O_COL)
				seen_add(&sc->seen, ls, ln);
			if (nd->l->kind == O_COL && nd->r->kind == O_COL)
				cm_buf_adds(&sc->seen, ", ");
			if (nd->r->kind == O_COL)
				seen_add(&sc->seen, rs, rn);
		}
		c = memcmp(ls, rs, ln < rn ? ln : rn);
		if (c == 0 && ln != rn)
			c = ln < rn ? -1 : 1;
		return op_holds(nd->op, c);
	}
	if ((ea = num_operand(r, nd->l, &a, &ls, &ln)) < 0 ||
	    (eb = num_operand(r, nd->r, &b, &rs, &rn)) < 0)
		return -1;
	if (r->seen != NULL) {
		cm_buf_reset(&sc->seen);
		if (nd->l->kind == O_COL)
			seen_add(&sc->seen, ls, ln);
		if (nd->l->kind == O_COL && nd->r->kind == O_COL)
			cm_buf_adds(&sc->seen, ", ");
		if (nd->r->kind == O_COL)
			seen_add(&sc->seen, rs, rn);
	}
	if (ea || eb)
		return 0;
	return op_holds(nd->op, dec_cmp(&a, &b));
}

static int
eval_node(const struct row *r, const struct node *nd)
{
	struct scratch *sc = r->e->sc;
	const char *s = "";
	size_t n = 0, i;
	int v;

	switch (nd->kind) {
	case N_TRUE:
		v = 1;
		if (r->seen != NULL)
			cm_buf_reset(&sc->seen);
		break;
	case N_NOT:
		return (v = eval_node(r, nd->a)) < 0 ? -1 : !v;
	case N_AND:
	case N_OR:
		/* and stops at the first 0, or at the first 1; both at -1 */
		for (i = 0; i < nd->nkids; i++)
			if ((v = eval_node(r, nd->kids[i])) < 0 ||
			    v == (nd->kind == N_OR))
				return v;
		return nd->kind == N_AND;
	case N_EMPTY:
		if (cell(r, nd->l->col, &s, &n) < 0)
			return -1;
		v = blank(s, n);
		goto seen_cell;
	case N_MATCH:
		if (cell(r, nd->l->col, &s, &n) < 0)
			return -1;
		if ((v = cm_regex_match(nd->re, s, n, 0, NULL, r->err)) < 0)
			return -1;
		if (nd->op == T_NMATCH)
			v = !v;
seen_cell:
		if (r->seen != NULL) {
			cm_buf_reset(&sc->seen);
			seen_add(&sc->seen, s, n);
		}
		break;
	case N_CMP:
		if ((v = eval_cmp(r, nd)) < 0)
			return -1;
		break;
	default:
		return -1;
	}
	if (r->seen != NULL)
		r->seen(r->arg, nd->text, cm_buf_str(&sc->seen), v);
	return v;
}

int
cm_expr_eval(const struct cm_expr *e, const char *const *f, const size_t *n,
    cm_day today, cm_expr_seen *seen, void *arg, struct cm_error *err)
{
	struct row r = { e, f, n, today, seen, arg, err };

	return eval_node(&r, e->root);
}
