/*
 * table.c: a whole CSV file in memory (see table.h).
 *
 * Cells are pointers into an arena of strings that is only ever added to:
 * loading a 100,000-row register is then one copy per cell and no malloc
 * per cell, and a value replaced by cm_table_set stays readable for the
 * caller that is about to log it.  The cells of all rows sit in one array,
 * row after row, so a row costs one pointer per column and nothing more.
 *
 * Column indexes (built by the first cm_table_find on a column) are hash
 * tables of distinct values, each with the ascending list of rows
 * holding it.  Most registers are looked up by a unique id, so a value's
 * single row is kept inline and a list is only allocated for repeats.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "colmap.h"
#include "csvin.h"
#include "csvout.h"
#include "i18n.h"
#include "strset.h"
#include "table.h"
#include "xalloc.h"

#define CHUNK	(256 * 1024)	/* arena block */
#define OUTBUF	(64 * 1024)	/* what cm_table_write hands stdio */

#define BOM	"\xef\xbb\xbf"

static const char empty[] = "";

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

/* One distinct value of an indexed column. */
struct entry {
	size_t n;		/* rows holding the value */
	size_t cap;		/* of rows; 0 while the one row is inline */
	union {
		size_t one;
		size_t *rows;
	} u;
};

/*
 * The library's string table (strset.h) maps each value, a string of the
 * arena, to the number of its entry; the entries sit densely beside it.
 */
struct index {
	struct cm_strset *keys;
	struct entry *e;
	size_t n, cap;
};

/* The first value of a loaded cell that was changed (cm_table_orig). */
struct mod {
	size_t row, col;
	const char *orig;	/* NULL: a free slot */
};

struct cm_table {
	char *name;
	char delim;
	const struct cm_colmap *map;

	size_t ncols;
	char **names, **raw;
	const char **cell;	/* row r is cell[r * ncols ..] */
	long *line;
	size_t nrows, rowcap;

	struct chunk *arena;
	struct index **idx;	/* per column; NULL until first find */

	size_t nrows0, ncols0;	/* the shape as loaded or created */
	struct mod *mods;
	size_t nmods, modcap;
	int changed;
};

/* Copy s[0..n) into the arena, NUL-terminated. */
static const char *
keep(struct cm_table *t, const char *s, size_t n)
{
	struct chunk *c = t->arena;
	char *p;

	if (n == 0)
		return empty;
	if (c == NULL || c->cap - c->used < n + 1) {
		/*
		 * A big value gets a block of its own behind the current one,
		 * so the room left in the current block is not wasted.
		 */
		size_t cap = n + 1 > CHUNK / 4 ? n + 1 : CHUNK;

		c = xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		if (cap != CHUNK && t->arena != NULL) {
			c->next = t->arena->next;
			t->arena->next = c;
		} else {
			c->next = t->arena;
			t->arena = c;
		}
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

static char *
canonical(const struct cm_colmap *map, const char *name)
{
	char *buf = xmalloc(strlen(name) + 1);
	char *s = xstrdup(cm_colmap_get(map, name, buf));

	free(buf);
	return s;
}

static struct cm_table *
table_alloc(const char *name, char delim)
{
	struct cm_table *t = xcalloc(1, sizeof(*t));

	t->name = xstrdup(name != NULL ? name : _("(new)"));
	t->delim = delim ? delim : ',';
	return t;
}

/* Room for one more row. */
static void
grow_rows(struct cm_table *t)
{
	size_t cap = t->rowcap;

	if (t->nrows < t->rowcap)
		return;
	t->line = xgrow(t->line, &cap, t->nrows + 1, sizeof(*t->line));
	t->cell = xreallocarray(t->cell, cap,
	    (t->ncols ? t->ncols : 1) * sizeof(*t->cell));
	t->rowcap = cap;
}

struct cm_table *
cm_table_new(const char *name, const char *const *cols, size_t ncols,
    char delim)
{
	struct cm_table *t = table_alloc(name, delim);
	size_t i;

	t->ncols = t->ncols0 = ncols;
	t->names = xcalloc(ncols ? ncols : 1, sizeof(char *));
	t->raw = xcalloc(ncols ? ncols : 1, sizeof(char *));
	t->idx = xcalloc(ncols ? ncols : 1, sizeof(*t->idx));
	for (i = 0; i < ncols; i++) {
		t->raw[i] = xstrdup(cols[i]);
		t->names[i] = canonical(NULL, cols[i]);
	}
	return t;
}

/* Rows of r into t, max + 1 of them at most (max 0: every row). */
static int
load_rows(struct cm_table *t, struct cm_csv *r, size_t max,
    struct cm_error *err)
{
	size_t i, n = t->ncols, len;
	const char **row;
	const char *f;
	int rc;

	while ((max == 0 || t->nrows <= max) &&
	    (rc = cm_csv_next(r, err)) == 1) {
		grow_rows(t);
		row = t->cell + t->nrows * n;
		for (i = 0; i < n; i++) {
			/* csvin refuses a NUL: a cell is a C string. */
			f = cm_csv_field(r, i);
			len = cm_csv_flen(r, i);
			row[i] = keep(t, f, len);
		}
		t->line[t->nrows++] = cm_csv_line(r);
	}
	return max != 0 && t->nrows > max ? 1 : rc;
}

static struct cm_table *
load_in(struct cm_in *in, const struct cm_csv_opts *o, size_t max,
    struct cm_error *err)
{
	static const struct cm_csv_opts plain;
	struct cm_table *t;
	struct cm_csv *r;
	size_t i, n;

	if (o == NULL)
		o = &plain;
	if ((r = cm_csv_open_in(in, o, err)) == NULL)
		return NULL;
	t = table_alloc(cm_csv_name(r), o->delim);
	t->map = o->map;
	n = t->ncols = cm_csv_ncols(r);
	t->names = xcalloc(n, sizeof(char *));
	t->raw = xcalloc(n, sizeof(char *));
	t->idx = xcalloc(n, sizeof(*t->idx));
	for (i = 0; i < n; i++) {
		t->names[i] = xstrdup(cm_csv_colname(r, i));
		t->raw[i] = xstrdup(cm_csv_rawname(r, i));
	}
	if (load_rows(t, r, max, err) < 0) {
		cm_csv_close(r);
		cm_table_free(t);
		return NULL;
	}
	cm_csv_close(r);
	t->nrows0 = t->nrows;
	t->ncols0 = t->ncols;
	return t;
}

struct cm_table *
cm_table_load_in(struct cm_in *in, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	return load_in(in, o, 0, err);
}

struct cm_table *
cm_table_load(const char *path, const struct cm_csv_opts *o,
    struct cm_error *err)
{
	return cm_table_load_max(path, o, 0, err);
}

struct cm_table *
cm_table_load_max(const char *path, const struct cm_csv_opts *o,
    size_t max, struct cm_error *err)
{
	struct cm_in *in = cm_in_open(path, o ? o->encoding : NULL, err);

	return in ? load_in(in, o, max, err) : NULL;
}

static void
index_free(struct index *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->n; i++)
		if (x->e[i].cap > 0)
			free(x->e[i].u.rows);
	free(x->e);
	cm_strset_free(x->keys);
	free(x);
}

void
cm_table_free(struct cm_table *t)
{
	struct chunk *c, *next;
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++) {
		free(t->names[i]);
		free(t->raw[i]);
		index_free(t->idx[i]);
	}
	free(t->names);
	free(t->raw);
	free(t->idx);
	free(t->cell);
	free(t->line);
	free(t->mods);
	for (c = t->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(t->name);
	free(t);
}

const char *
cm_table_name(const struct cm_table *t)
{
	return t->name;
}

size_t
cm_table_ncols(const struct cm_table *t)
{
	return t->ncols;
}

size_t
cm_table_nrows(const struct cm_table *t)
{
	return t->nrows;
}

const char *
cm_table_colname(const struct cm_table *t, size_t col)
{
	return t->names[col];
}

const char *
cm_table_rawname(const struct cm_table *t, size_t col)
{
	return t->raw[col];
}

int
cm_table_col(const struct cm_table *t, const char *name)
{
	return cm_colmap_find(t->map, t->names, t->raw, t->ncols, name);
}

size_t
cm_table_add_col(struct cm_table *t, const char *name)
{
	size_t n = t->ncols, r, cap = t->rowcap ? t->rowcap : 1;
	const char **cell;
	int have = cm_table_col(t, name);

	if (have >= 0)
		return (size_t)have;
	/* Lay the rows out again one cell wider. */
	cell = xreallocarray(NULL, cap, (n + 1) * sizeof(*cell));
	for (r = 0; r < t->nrows; r++) {
		if (n > 0)
			memcpy(cell + r * (n + 1), t->cell + r * n,
			    n * sizeof(*cell));
		cell[r * (n + 1) + n] = empty;
	}
	free(t->cell);
	t->cell = cell;
	t->names = xreallocarray(t->names, n + 1, sizeof(char *));
	t->raw = xreallocarray(t->raw, n + 1, sizeof(char *));
	t->idx = xreallocarray(t->idx, n + 1, sizeof(*t->idx));
	t->raw[n] = xstrdup(name);
	t->names[n] = canonical(t->map, name);
	t->idx[n] = NULL;
	t->ncols = n + 1;
	t->changed = 1;
	return n;
}

static size_t *
entry_rows(struct entry *e)
{
	return e->cap ? e->u.rows : &e->u.one;
}

/* Put row into the list of value key (whose string lives in the arena). */
static void
index_add(struct index *x, const char *key, size_t row)
{
	struct entry *e;
	size_t *v, lo, hi, mid, i;

	if (cm_strset_add(x->keys, key, x->n, &i)) {
		x->e = xgrow(x->e, &x->cap, x->n + 1, sizeof(*x->e));
		e = &x->e[x->n++];
		memset(e, 0, sizeof(*e));
	} else
		e = &x->e[i];
	if (e->n == 0) {
		/* An emptied list keeps its memory. */
		*entry_rows(e) = row;
		e->n = 1;
		return;
	}
	if (e->cap == 0) {
		size_t first = e->u.one;

		e->cap = 4;
		e->u.rows = xreallocarray(NULL, e->cap, sizeof(size_t));
		e->u.rows[0] = first;
	} else if (e->n == e->cap)
		e->u.rows = xgrow(e->u.rows, &e->cap, e->n + 1,
		    sizeof(size_t));
	v = e->u.rows;
	/* Rows mostly arrive in order (loading, appending): try the end. */
	lo = e->n;
	if (v[e->n - 1] > row) {
		lo = 0;
		hi = e->n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (v[mid] < row)
				lo = mid + 1;
			else
				hi = mid;
		}
		memmove(v + lo + 1, v + lo, (e->n - lo) * sizeof(size_t));
	}
	v[lo] = row;
	e->n++;
}

static void
index_remove(struct index *x, const char *key, size_t row)
{
	struct entry *e;
	size_t *v, lo = 0, hi, mid, i;

	if (!cm_strset_get(x->keys, key, &i))
		return;
	e = &x->e[i];
	v = entry_rows(e);
	hi = e->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == e->n || v[lo] != row)
		return;
	memmove(v + lo, v + lo + 1, (e->n - lo - 1) * sizeof(size_t));
	/*
	 * The entry stays, empty: the value is likely to come back (a
	 * status), and an entry's number must not change under its key.
	 */
	e->n--;
}

static struct index *
index_build(struct cm_table *t, size_t col)
{
	struct index *x = xcalloc(1, sizeof(*x));
	size_t r;

	/* Sized for a column of distinct values: no growth while built. */
	x->keys = cm_strset_new();
	cm_strset_reserve(x->keys, t->nrows + 1);
	for (r = 0; r < t->nrows; r++)
		index_add(x, t->cell[r * t->ncols + col], r);
	return x;
}

size_t
cm_table_append(struct cm_table *t)
{
	size_t i, r = t->nrows;

	grow_rows(t);
	for (i = 0; i < t->ncols; i++) {
		t->cell[r * t->ncols + i] = empty;
		if (t->idx[i] != NULL)
			index_add(t->idx[i], empty, r);
	}
	t->line[r] = 0;
	t->nrows++;
	t->changed = 1;
	return r;
}

const char *
cm_table_get(const struct cm_table *t, size_t row, size_t col)
{
	return t->cell[row * t->ncols + col];
}

static size_t
mod_slot(const struct cm_table *t, size_t row, size_t col)
{
	size_t mask = t->modcap - 1;
	size_t i = (size_t)(((uint64_t)row * UINT64_C(0x9e3779b97f4a7c15)) ^
	    col) & mask;

	while (t->mods[i].orig != NULL &&
	    (t->mods[i].row != row || t->mods[i].col != col))
		i = (i + 1) & mask;
	return i;
}

/* Remember the loaded value of a cell the first time it changes. */
static void
remember(struct cm_table *t, size_t row, size_t col, const char *orig)
{
	struct mod *old = t->mods;
	size_t n = t->modcap, i, j;

	if (row >= t->nrows0 || col >= t->ncols0)
		return;
	if ((t->nmods + 1) * 2 > t->modcap) {
		t->modcap = n ? n * 2 : 64;
		t->mods = xcalloc(t->modcap, sizeof(*t->mods));
		for (i = 0; i < n; i++)
			if (old[i].orig != NULL) {
				j = mod_slot(t, old[i].row, old[i].col);
				t->mods[j] = old[i];
			}
		free(old);
	}
	i = mod_slot(t, row, col);
	if (t->mods[i].orig != NULL)
		return;
	t->mods[i].row = row;
	t->mods[i].col = col;
	t->mods[i].orig = orig;
	t->nmods++;
}

void
cm_table_set(struct cm_table *t, size_t row, size_t col, const char *value)
{
	const char **cell = &t->cell[row * t->ncols + col];
	const char *v;

	if (value == NULL)
		value = empty;
	if (strcmp(*cell, value) == 0)
		return;
	v = keep(t, value, strlen(value));
	remember(t, row, col, *cell);
	if (t->idx[col] != NULL) {
		index_remove(t->idx[col], *cell, row);
		index_add(t->idx[col], v, row);
	}
	*cell = v;
	t->changed = 1;
}

size_t
cm_table_find(struct cm_table *t, size_t col, const char *value,
    const size_t **rows)
{
	struct index *x;
	struct entry *e;
	size_t i;

	if (value == NULL)
		value = empty;
	if (t->idx[col] == NULL)
		t->idx[col] = index_build(t, col);
	x = t->idx[col];
	if (!cm_strset_get(x->keys, value, &i) || (e = &x->e[i])->n == 0) {
		*rows = NULL;
		return 0;
	}
	*rows = entry_rows(e);
	return e->n;
}

long
cm_table_line(const struct cm_table *t, size_t row)
{
	return t->line[row];
}

const char *
cm_table_orig(const struct cm_table *t, size_t row, size_t col)
{
	size_t i;

	if (row >= t->nrows0 || col >= t->ncols0)
		return NULL;
	if (t->modcap > 0) {
		i = mod_slot(t, row, col);
		if (t->mods[i].orig != NULL)
			return t->mods[i].orig;
	}
	return cm_table_get(t, row, col);
}

int
cm_table_changed(const struct cm_table *t)
{
	return t->changed;
}

/*
 * The output side: records built by csvout.c's one quoting rule into a
 * buffer, handed to stdio in large pieces.
 */
static int
drain(FILE *fp, struct cm_buf *b, int *e)
{
	if (*e == 0 && b->len > 0) {
		errno = 0;
		if (fwrite(b->s, 1, b->len, fp) != b->len)
			*e = errno ? errno : EIO;
	}
	cm_buf_reset(b);
	return *e;
}

int
cm_table_row_empty(const struct cm_table *t, size_t row)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		if (*cm_table_get(t, row, c) != '\0')
			return 0;
	return 1;
}

int
cm_table_write(const struct cm_table *t, FILE *fp, struct cm_error *err)
{
	struct cm_buf b = {0};
	size_t r;
	int e = 0;

	/*
	 * A first name that begins with U+FEFF is quoted: readers take a BOM
	 * only at the very first byte, so it reads back as itself.
	 */
	cm_csv_record(&b, (const char *const *)t->raw, t->ncols, t->delim,
	    t->ncols > 0 && strncmp(t->raw[0], BOM, 3) == 0);
	for (r = 0; r < t->nrows && e == 0; r++) {
		if (cm_table_row_empty(t, r))
			continue;	/* it would read back as a blank line */
		cm_csv_record(&b, t->cell + r * t->ncols, t->ncols, t->delim,
		    0);
		if (b.len >= OUTBUF)
			drain(fp, &b, &e);
	}
	drain(fp, &b, &e);
	cm_buf_free(&b);
	if (e != 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
		    "write error on '%s': %s", t->name, strerror(e));
	return 0;
}

void
cm_table_record(struct cm_buf *b, const char *const *fields, size_t n,
    char delim)
{
	cm_csv_record(b, fields, n, delim ? delim : ',', 0);
}
