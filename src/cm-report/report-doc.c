/*
 * report-doc.c: the report as one HTML page, its charts beside it, and
 * the same page as a mail (report-doc.h).
 *
 * The page is what a manager opens in a browser or a mail reader: one
 * file, <meta charset="utf-8">, the CSS inline (mail readers drop linked
 * style sheets), no JavaScript (mail readers run none), images by
 * relative name, so the folder can be copied or served as it is.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "html.h"
#include "mime.h"
#include "num.h"
#include "opt.h"
#include "stdfd.h"
#include "report-doc.h"
#include "xalloc.h"

/* A PNG or a body is read whole to be mailed: at most this much. */
#define MAIL_FILE_MAX	(25L * 1024 * 1024)

static const char css[] =
"body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\","
"sans-serif;color:#222;background:#fff;max-width:60em;margin:1em auto;"
"padding:0 1em;line-height:1.5}\n"
"h1{font-size:1.6em;border-bottom:2px solid #2b5797;padding-bottom:.2em}\n"
"h2{font-size:1.25em;color:#2b5797;margin-top:1.6em}\n"
"p.sub{color:#555}\n"
"p.nodata{color:#777;font-style:italic}\n"
"p.alert{color:#b00020;font-weight:bold}\n"
"p.ok{color:#1b7f3b;font-weight:bold}\n"
"img{max-width:100%;height:auto;display:block;margin:.5em 0}\n"
"table{border-collapse:collapse;margin:.5em 0}\n"
"caption{text-align:left;font-weight:bold;padding:.2em 0}\n"
"th,td{border:1px solid #bbb;padding:.2em .6em}\n"
"th{background:#eef2f8}\n"
"td.num,th.num{text-align:right}\n"
"p.foot{color:#888;font-size:.85em;margin-top:2em}\n";

void
doc_mkdir(const char *dir)
{
	char *p, *s;
	struct stat st;

	/* main refuses --out ''; the walk below needs a first byte. */
	if (*dir == '\0')
		cm_usage_error("empty --out: name the report's directory");
	p = xstrdup(dir);
	/* Each missing parent too, as mkdir -p: $CM_REPORTS/2026-10. */
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST)
				cm_die(CM_SYSTEM, "cannot create '%s': %s", p,
				    strerror(errno));
			*s = c;
		}
		if (*s == '\0')
			break;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		cm_die(CM_SYSTEM, "'%s' is not a directory", dir);
	free(p);
}

static void
both(struct doc *d, const char *s)
{
	cm_buf_adds(&d->file, s);
	cm_buf_adds(&d->mail, s);
}

static void
both_esc(struct doc *d, const char *s)
{
	cm_html_escape(&d->file, s, strlen(s));
	cm_html_escape(&d->mail, s, strlen(s));
}

static char *
join(const char *dir, const char *name)
{
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

/* How long a run waits for another one writing into DIR. */
#define LOCK_WAIT	10.0

/*
 * A chart is drawn into DIR/.new-PID-NAME (its extension picks the
 * format) and renamed to DIR/NAME only by doc_finish, once every chart
 * is drawn and the mail is built: a failure on the way leaves the
 * report's files as they were.  The staged files of a run that dies are
 * removed at exit; those of a run killed with SIGKILL are swept by the
 * next run, under DIR/.report.lock, which every run holds from
 * doc_begin to its exit: no run can then sweep or replace a file of a
 * live one.
 */
#define STAGE	".new-"

/* Take DIR/.report.lock (kept for the run), sweep a killed run's files. */
static void
lock_dir(const char *dir)
{
	struct cm_error err;
	char *path = join(dir, ".report");
	DIR *dp;
	struct dirent *e;

	if (cm_lock(path, LOCK_WAIT, &err) < 0) {
		if (strncmp(err.msg, "lock timeout", 12) == 0)
			cm_die(CM_SYSTEM, "another cm-report is writing '%s' "
			    "(waited %g s for '%s.lock')", dir, LOCK_WAIT,
			    path);
		cm_die_error(&err);
	}
	free(path);
	if ((dp = opendir(dir)) == NULL)
		cm_die(CM_SYSTEM, "cannot read '%s': %s", dir,
		    strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		struct stat st;

		if (strncmp(e->d_name, STAGE, sizeof(STAGE) - 1) != 0)
			continue;
		path = join(dir, e->d_name);
		/* A file or a link of ours; never a directory's contents. */
		if (lstat(path, &st) == 0 && !S_ISDIR(st.st_mode) &&
		    unlink(path) < 0 && errno != ENOENT)
			cm_die(CM_SYSTEM, "cannot remove '%s': %s", path,
			    strerror(errno));
		free(path);
	}
	closedir(dp);
}

void
doc_begin(struct doc *d, const char *dir, const char *font,
    const char *title, const char *subtitle)
{
	memset(d, 0, sizeof(*d));
	d->dir = dir;
	d->font = font;
	lock_dir(dir);
	both(d, "<!DOCTYPE html>\n<html lang=\"");
	both(d, words_zh() ? "zh-CN" : "en");
	both(d, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	both_esc(d, title);
	both(d, "</title>\n<style>\n");
	both(d, css);
	both(d, "</style>\n</head>\n<body>\n<h1>");
	both_esc(d, title);
	both(d, "</h1>\n");
	doc_para(d, "sub", subtitle);
}

void
doc_section(struct doc *d, const char *heading)
{
	both(d, "<h2>");
	both_esc(d, heading);
	both(d, "</h2>\n");
}

void
doc_open(struct doc *d, const char *cls)
{
	both(d, "<p");
	if (cls != NULL) {
		both(d, " class=\"");
		both(d, cls);
		both(d, "\"");
	}
	both(d, ">");
}

void
doc_text(struct doc *d, const char *text)
{
	both_esc(d, text);
}

void
doc_strong(struct doc *d, const char *text)
{
	both(d, "<strong>");
	both_esc(d, text);
	both(d, "</strong>");
}

void
doc_close(struct doc *d)
{
	both(d, "</p>\n");
}

void
doc_para(struct doc *d, const char *cls, const char *text)
{
	doc_open(d, cls);
	doc_text(d, text);
	doc_close(d);
}

static void
say(struct doc *d, const char *cls, int strong, const char *key, va_list ap)
{
	const char *w = word(key), *p, *arg = "";
	char *text;
	int done = 0;

	doc_open(d, cls);
	while ((p = strstr(w, "{}")) != NULL) {
		/* A words file with more {} than figures: never past NULL. */
		if (!done && (arg = va_arg(ap, const char *)) == NULL)
			done = 1;
		text = xstrndup(w, (size_t)(p - w));
		doc_text(d, text);
		free(text);
		if (strong)
			doc_strong(d, arg != NULL ? arg : "");
		else
			doc_text(d, arg != NULL ? arg : "");
		w = p + 2;
	}
	doc_text(d, w);
	doc_close(d);
}

void
doc_say(struct doc *d, const char *cls, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	say(d, cls, 1, key, ap);
	va_end(ap);
}

/* The same without <strong>: the footer. */
static void
doc_say_plain(struct doc *d, const char *cls, const char *key, ...)
{
	va_list ap;

	va_start(ap, key);
	say(d, cls, 0, key, ap);
	va_end(ap);
}

void
doc_nodata(struct doc *d, const char *text)
{
	doc_para(d, "nodata", text);
}

static struct doc *staging;	/* the doc whose staged charts exit removes */

static void
unstage(void)
{
	size_t i;

	if (staging == NULL)
		return;
	for (i = 0; i < staging->nimages; i++) {
		char *path;

		/* Renamed already (doc_finish failed after it): not ours. */
		if (staging->staged[i] == NULL)
			continue;
		path = join(staging->dir, staging->staged[i]);

		(void)unlink(path);
		free(path);
	}
}

void
doc_chart(struct doc *d, const char *name, const char *alt,
    const struct chart_spec *s, struct cm_table *t)
{
	struct chart_spec spec = *s;
	struct cm_error err;
	char *stage, *path;
	int rc;

	if (d->nimages == sizeof(d->images) / sizeof(d->images[0]))
		cm_die(CM_SYSTEM, "more than %zu charts in a report",
		    d->nimages);
	if (staging == NULL) {
		staging = d;
		atexit(unstage);
	}
	if (spec.font == NULL)
		spec.font = d->font;
	/* The report's directory is ours: a link planted in it is replaced. */
	spec.nofollow = 1;
	stage = xmalloc(sizeof(STAGE) + 24 + strlen(name));
	sprintf(stage, STAGE "%ld-%s", (long)getpid(), name);
	path = join(d->dir, stage);
	/* unlink(2) removes a link, never what it names. */
	if (unlink(path) < 0 && errno != ENOENT)
		cm_die(CM_SYSTEM, "cannot remove '%s': %s", path,
		    strerror(errno));
	d->staged[d->nimages] = stage;
	d->images[d->nimages++] = name;
	if ((rc = chart_render(&spec, t, path, &err)) != CM_OK)
		cm_die_error(&err);
	free(path);
	both(d, "<img src=\"");
	cm_buf_adds(&d->file, name);
	cm_buf_adds(&d->mail, "cid:");
	cm_buf_adds(&d->mail, name);
	cm_buf_adds(&d->mail, "@cm-report");
	both(d, "\" alt=\"");
	both_esc(d, alt);
	both(d, "\">\n");
}

/* A column of the report's tables is named by its word, col_NAME. */
static const char *
col_word(void *ctx, const char *name)
{
	struct cm_buf *key = ctx;

	cm_buf_reset(key);
	cm_buf_adds(key, "col_");
	cm_buf_adds(key, name);
	return word(cm_buf_str(key));
}

void
doc_table(struct doc *d, struct cm_table *t, const char *caption)
{
	struct cm_buf b = {0}, key = {0};

	table_html(&b, t, caption, col_word, &key);
	cm_buf_free(&key);
	both(d, cm_buf_str(&b));
	cm_buf_free(&b);
}

/* path's bytes, whole; exit 4 when it cannot be read or is too long. */
static char *
slurp(const char *path, size_t *len)
{
	struct cm_buf b = {0};
	char blk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		cm_die(CM_SYSTEM, "cannot open '%s': %s", path,
		    strerror(errno));
	while ((n = read(fd, blk, sizeof(blk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			cm_die(CM_SYSTEM, "cannot read '%s': %s", path,
			    strerror(errno));
		}
		if (b.len + (size_t)n > MAIL_FILE_MAX)
			cm_die(CM_DATA, "%s: larger than 25 MiB to mail", path);
		cm_buf_add(&b, blk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	if (b.s == NULL)
		cm_buf_add(&b, "", 0);
	return b.s;
}

/*
 * Write data[0..n) into a temporary file beside dir/name, synced, for
 * commit() to rename: what can fail (a full disk) fails before any file
 * of the report is replaced.  A killed run's temporary file is swept:
 * we hold DIR's lock.
 */
static void
put_file(struct cm_atomic *a, const char *dir, const char *name,
    const char *data, size_t n)
{
	struct cm_error err;
	char *path = join(dir, name);

	/* The report's directory is ours: a link planted in it is replaced. */
	if (cm_atomic_begin(a, path, CM_ATOMIC_NOFOLLOW | CM_ATOMIC_SWEEP, 0,
	    &err) < 0)
		cm_die_error(&err);
	errno = 0;
	if (fwrite(data, 1, n, a->fp) != n || fflush(a->fp) != 0 ||
	    fsync(fileno(a->fp)) < 0)
		cm_die(CM_SYSTEM, "cannot write '%s': %s", path,
		    strerror(errno ? errno : EIO));
	free(path);
}

static void
commit(struct cm_atomic *a)
{
	struct cm_error err;

	if (cm_atomic_commit(a, &err) < 0)
		cm_die_error(&err);
}

/*
 * Exit 4 unless dir/name is absent, a regular file or a link (which
 * rename(2) and unlink(2) replace): a directory or a FIFO there would
 * stop the commit half way.
 */
static void
replaceable(const char *dir, const char *name)
{
	struct stat st;
	char *path = join(dir, name);

	if (lstat(path, &st) < 0) {
		if (errno != ENOENT)
			cm_die(CM_SYSTEM, "cannot replace '%s': %s", path,
			    strerror(errno));
	} else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
		cm_die(CM_SYSTEM, "cannot replace '%s': not a regular file",
		    path);
	free(path);
}

static void
remove_file(const char *dir, const char *name)
{
	char *path = join(dir, name);

	if (unlink(path) < 0 && errno != ENOENT)
		cm_die(CM_SYSTEM, "cannot remove '%s': %s", path,
		    strerror(errno));
	free(path);
}


/* The mail of the report, built whole before any file is replaced. */
static void
build_mail(struct doc *d, struct report *r, const char *subject,
    struct cm_buf *out)
{
	struct cm_mail m;
	struct cm_mail_part *parts = xcalloc(d->nimages + 1, sizeof(*parts));
	struct cm_error err;
	char **cids = xcalloc(d->nimages + 1, sizeof(*cids));
	const char *from = r->from;
	size_t i;

	if (from == NULL)
		from = getenv("CM_MAIL_FROM");
	for (i = 0; i < d->nimages; i++) {
		char *path = join(d->dir, d->staged[i]);

		parts[i].name = d->images[i];
		parts[i].type = "image/png";
		parts[i].data = slurp(path, &parts[i].len);
		cids[i] = xmalloc(strlen(d->images[i]) + sizeof("@cm-report"));
		sprintf(cids[i], "%s@cm-report", d->images[i]);
		parts[i].cid = cids[i];
		free(path);
	}
	memset(&m, 0, sizeof(m));
	m.from = from;
	m.to = r->to.v;
	m.nto = r->to.n;
	m.cc = r->cc.v;
	m.ncc = r->cc.n;
	m.subject = subject;
	m.html = d->mail.s;
	m.html_len = d->mail.len;
	m.parts = parts;
	m.nparts = d->nimages;
	if (cm_mail_date(&m.date, &m.reproducible, &err) < 0)
		cm_die_error(&err);
	if (cm_mail_build(&m, out, &err) < 0)
		cm_die_error(&err);
	for (i = 0; i < d->nimages; i++) {
		free((char *)parts[i].data);
		free(cids[i]);
	}
	free(parts);
	free(cids);
}

void
doc_finish(struct doc *d, struct report *r, const char *subject,
    const char *const *chart_names)
{
	struct cm_buf mail = {0};
	struct cm_atomic eml, html;
	const char *drawn[sizeof(d->images) / sizeof(d->images[0])];
	size_t i, j, ndrawn = d->nimages;
	char *path;

	memcpy(drawn, d->images, sizeof(drawn));
	{
		struct cm_buf from = {0};

		for (i = 0; i < r->responses.n; i++) {
			cm_buf_adds(&from, r->responses.v[i]);
			cm_buf_adds(&from, ", ");
		}
		cm_buf_adds(&from, r->complaints);
		doc_say_plain(d, "foot", "made_by", cm_buf_str(&from), NULL);
		cm_buf_free(&from);
	}
	both(d, "</body>\n</html>\n");
	if (r->to.n > 0)
		build_mail(d, r, subject, &mail);
	/*
	 * Every name to be replaced or removed can be, and report.eml and
	 * report.html are written and synced beside theirs, before any
	 * file of the report changes: what is left to fail is rename(2)
	 * itself.
	 */
	for (j = 0; j < d->nimages; j++)
		replaceable(d->dir, d->images[j]);
	replaceable(d->dir, "report.eml");
	replaceable(d->dir, "report.html");
	for (i = 0; chart_names[i] != NULL; i++)
		replaceable(d->dir, chart_names[i]);
	if (r->to.n > 0)
		put_file(&eml, d->dir, "report.eml", mail.s, mail.len);
	put_file(&html, d->dir, "report.html", d->file.s, d->file.len);
	/*
	 * Now the files are replaced, the charts first and report.html
	 * last, so that the new page never names a chart that is missing
	 * or another month's; the charts this run did not draw are removed
	 * after it.
	 */
	for (j = 0; j < d->nimages; j++) {
		char *from = join(d->dir, d->staged[j]);
		char *to = join(d->dir, d->images[j]);

		/* rename(2) replaces a link at to, never follows it. */
		if (rename(from, to) < 0)
			cm_die(CM_SYSTEM, "cannot rename '%s' to '%s': %s",
			    from, to, strerror(errno));
		free(from);
		free(to);
		free(d->staged[j]);
		d->staged[j] = NULL;
	}
	staging = NULL;
	d->nimages = 0;
	if (r->to.n > 0)
		commit(&eml);
	else
		remove_file(d->dir, "report.eml");
	commit(&html);
	for (i = 0; chart_names[i] != NULL; i++) {
		for (j = 0; j < ndrawn; j++)
			if (strcmp(drawn[j], chart_names[i]) == 0)
				break;
		if (j == ndrawn)
			remove_file(d->dir, chart_names[i]);
	}
	path = join(d->dir, "report.html");
	printf("%s\n", path);
	free(path);
	/* A full disk or a closed pipe is exit 4, never a lost path and 0. */
	cm_close_stdout();
	cm_buf_free(&mail);
	cm_buf_free(&d->file);
	cm_buf_free(&d->mail);
}

struct cm_table *
table_of(const char *const *cols, size_t n)
{
	return cm_table_new(NULL, cols, n, ',');
}

void
table_row(struct cm_table *t, const char *const *cells, size_t n)
{
	size_t row = cm_table_append(t), i;

	for (i = 0; i < n; i++)
		cm_table_set(t, row, i, cells[i]);
}

const char *
cell(const struct cm_table *t, size_t row, const char *name)
{
	int c = cm_table_col(t, name);

	return c < 0 ? "" : cm_table_get(t, row, (size_t)c);
}

void
overdue_table(struct doc *d, struct cm_table *overdue, const char *as_of,
    const char *first, const char *last)
{
	static const char *const cols[] = {"id", "received", "customer",
	    "status", "dept", "due", "days_overdue", "description"};
	struct cm_table *tab = table_of(cols, 8);
	struct cm_buf key = {0};
	size_t i, k;

	doc_say(d, "alert", "overdue_as_of", as_of, NULL);
	for (i = 0; i < cm_table_nrows(overdue); i++) {
		const char *c[8];

		for (k = 0; k < 8; k++)
			c[k] = cell(overdue, i, cols[k]);
		if (first != NULL && (strcmp(c[1], first) < 0 ||
		    strcmp(c[1], last) > 0))
			continue;
		cm_buf_reset(&key);
		cm_buf_printf(&key, "status_%s", c[3]);
		if (words_zh())
			c[3] = word_or(cm_buf_str(&key), c[3]);
		table_row(tab, c, 8);
	}
	doc_table(d, tab, NULL);
	cm_buf_free(&key);
	cm_table_free(tab);
}

void
doc_pareto(struct doc *d, struct cm_table *src, int by_loss,
    const char *no_data, const char *total_key)
{
	const char *y = by_loss ? "loss" : "count";
	const char *const ccols[] = {"cause", y};
	const char *const tcols[] = {"cause", y, "cumulative"};
	struct cm_table *chart = table_of(ccols, 2), *tab = table_of(tcols, 3);
	struct chart_spec s;
	size_t i;

	doc_section(d, word(by_loss ? "sec_pareto_loss" : "sec_pareto_cause"));
	for (i = 0; i < cm_table_nrows(src); i++) {
		const char *v = cell(src, i, y);
		const char *c3[] = {cause_word(cell(src, i, "cause")), v,
		    cell(src, i, "cumulative")};

		/* A cause without loss is no bar of a Pareto of losses. */
		if (strcmp(v, "0") == 0 || strcmp(v, "0.00") == 0)
			continue;
		table_row(chart, c3, 2);
		table_row(tab, c3, 3);
	}
	if (cm_table_nrows(src) == 0)
		doc_nodata(d, word(no_data));
	else if (cm_table_nrows(tab) == 0)
		doc_nodata(d, word("no_loss"));
	else {
		if (total_key != NULL) {
			long long total = 0, v;
			char buf[32];

			for (i = 0; i < cm_table_nrows(src); i++)
				if (cm_strtonum(cell(src, i, "count"), 0,
				    1LL << 40, &v) == 0)
					total += v;
			snprintf(buf, sizeof(buf), "%lld", total);
			doc_say(d, NULL, total_key, buf, NULL);
		}
		memset(&s, 0, sizeof(s));
		s.type = CHART_PARETO;
		s.x = "cause";
		s.y = y;
		s.title = word(by_loss ? "chart_pareto_loss" :
		    "chart_pareto_cause");
		s.xlabel = word("axis_cause");
		s.ylabel = word(by_loss ? "axis_loss" : "axis_count");
		doc_chart(d, by_loss ? "pareto-loss.png" : "pareto-cause.png",
		    s.title, &s, chart);
		doc_table(d, tab, NULL);
	}
	cm_table_free(chart);
	cm_table_free(tab);
}
