/*
 * t-register.c: transactions over a register and its history log
 * (register.h): creation, changes and their lines, abort, a register that
 * is not one, the lock timeout, sixteen writers at once, logs left by a
 * writer killed at every stage, the log's position record (a writer's
 * and a reader's), and a kill -9 loop.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "msg.h"
#include "register.h"
#include "regpriv.h"
#include "table.h"
#include "tap.h"

/*
 * Sanitized builds run several times slower: the kill loop's register
 * shrinks with them, to keep the test within seconds.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SLOW	5
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW	5
#endif
#endif
#ifndef SLOW
#define SLOW	1
#endif

static char dir[256];

/* The time of a log made by hand: long before any transaction's. */
#define SEEDTIME	"2020-01-01T00:00:00.000000+08:00"

static const char *const header[] = {
	"id", "customer", "status", "description", NULL
};
static const char *const required[] = { "id", "status", NULL };

static struct cm_register_opts opts = { header, required, "id", 2, NULL };

/*
 * dir/name, valid until the end of the test: each name is made once, so
 * a test may hold as many paths as it likes.
 */
static char *paths[64];
static size_t npaths;

static char *
in_dir(const char *name)
{
	char p[512];
	size_t i;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	for (i = 0; i < npaths; i++)
		if (strcmp(paths[i], p) == 0)
			return paths[i];
	if (npaths == sizeof(paths) / sizeof(paths[0]))
		exit(99);
	return paths[npaths++] = strdup(p);
}

static void
spew(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fwrite(s, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

/* The whole file (NUL-terminated), or NULL when it does not exist. */
static char *
slurp(const char *path, size_t *len)
{
	struct cm_buf b = { 0 };
	char blk[65536];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(blk, 1, sizeof(blk), fp)) > 0)
		cm_buf_add(&b, blk, n);
	fclose(fp);
	if (len != NULL)
		*len = b.len;
	return b.s != NULL ? b.s : calloc(1, 1);
}

static int
same_file(const char *path, const char *want, size_t wantlen)
{
	size_t n;
	char *s = slurp(path, &n);
	int r;

	if (s == NULL || want == NULL)
		r = s == NULL && want == NULL;
	else
		r = n == wantlen && memcmp(s, want, n) == 0;
	free(s);
	return r;
}

static int
same_text(const char *path, const char *want)
{
	return same_file(path, want, strlen(want));
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int
ntemps(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp") != NULL)
			n++;
	closedir(d);
	return n;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static pid_t
xfork(void)
{
	pid_t pid;

	fflush(stdout);		/* else the child repeats our lines */
	if ((pid = fork()) < 0) {
		perror("fork");
		exit(99);
	}
	return pid;
}

static int
wait_status(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0, k = strlen(what);

	while (s != NULL && (s = strstr(s, what)) != NULL) {
		n++;
		s += k;
	}
	return n;
}

/* How many findings cm_register_check reports on path; -1 on error. */
static long
findings(const char *path, int show)
{
	struct cm_findings f = { 0 };
	struct cm_register *r;
	struct cm_error err;
	long n;
	size_t i;

	if ((r = cm_register_open(path, &opts, &err)) == NULL) {
		printf("# open: %s\n", err.msg);
		return -1;
	}
	n = cm_register_check(r, &f, &err);
	if (n < 0)
		printf("# check: %s:%ld: %s\n", err.file ? err.file : "",
		    err.line, err.msg);
	for (i = 0; show && i < f.n; i++)
		printf("# finding %ld: %s\n", f.v[i].line, f.v[i].msg);
	cm_findings_free(&f);
	cm_register_abort(r);
	return n;
}

static void
test_paths(void)
{
	struct cm_register *r;
	struct cm_error err;
	char *p;

	setenv("CM_DATA", dir, 1);
	p = cm_data_path("complaints.csv");
	is_str(p, in_dir("complaints.csv"), "cm_data_path is $CM_DATA/NAME");
	free(p);
	unsetenv("CM_DATA");
	p = cm_data_path("complaints.csv");
	is_str(p, "./complaints.csv", "and ./NAME without it");
	free(p);

	r = cm_register_open(in_dir("a.csv"), &opts, &err);
	is_str(r ? cm_register_logpath(r) : NULL, in_dir("a.log"),
	    "a.csv logs to a.log");
	cm_register_abort(r);
	r = cm_register_open(in_dir("plain"), &opts, &err);
	is_str(r ? cm_register_logpath(r) : NULL, in_dir("plain.log"),
	    "no extension: .log is added");
	cm_register_abort(r);
	r = cm_register_open(in_dir("x.log"), &opts, &err);
	is_str(r ? cm_register_logpath(r) : NULL, in_dir("x.log.log"),
	    "a register called x.log is not its own log");
	cm_register_abort(r);
	ok(!exists(in_dir("a.csv")) && !exists(in_dir("a.log")),
	    "an aborted new register creates neither file");
}

/* The fields of the log's line i (from 0, after the header). */
static int
log_line(const char *log, size_t i, char f[6][128])
{
	const char *p = strchr(log, '\n');
	size_t k, n;

	while (p != NULL && i-- > 0)
		p = strchr(p + 1, '\n');
	if (p == NULL || p[1] == '\0')
		return -1;
	p++;
	for (k = 0; k < 6; k++) {
		n = strcspn(p, k < 5 ? "," : "\n");
		snprintf(f[k], sizeof(f[k]), "%.*s", (int)n, p);
		p += n + (p[n] != '\0');
	}
	return 0;
}

/* 2026-11-23T09:15:02.123456+08:00 */
static int
iso_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddddd+dd:dd";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    shape[i] == '+' ? s[i] != '+' && s[i] != '-' :
		    s[i] != shape[i])
			return 0;
	return 1;
}

static void
test_create_and_change(void)
{
	const char *path = in_dir("complaints.csv");
	struct cm_register *r;
	struct cm_table *t;
	struct cm_error err;
	char f[6][128], g[6][128], *log, *log1;
	const size_t *rows;
	size_t row, n1;
	int st;

	setenv("CM_USER", "tester", 1);
	r = cm_register_open(path, &opts, &err);
	if (!ok(r != NULL, "open a register that does not exist"))
		return;
	ok(cm_register_is_new(r), "it is new");
	ok(exists(in_dir("complaints.csv.lock")), "the lock file exists");
	t = cm_register_table(r);
	is_int(cm_table_ncols(t), 4, "with the default header");
	row = cm_table_append(t);
	ok(cm_register_set(r, row, 0, "261101", &err) == 0 &&
	    cm_register_set(r, row, 1, "ACME, Inc.", &err) == 0 &&
	    cm_register_set(r, row, 2, "open", &err) == 0 &&
	    cm_register_set(r, row, 3, "", &err) == 0, "set four cells");
	is_int(cm_register_commit(r, &err), 0, "commit creates it");
	ok(same_text(path, "id,customer,status,description\n"
	    "261101,\"ACME, Inc.\",open,\n"), "the register's text");
	log = slurp(in_dir("complaints.log"), NULL);
	ok(log != NULL && strncmp(log, "time,user,id,field,old,new\n",
	    27) == 0, "the log starts with its header");
	is_int(count(log, "\n"), 4, "three lines (no line for an empty set)");
	ok(log_line(log, 0, f) == 0 && iso_time(f[0]),
	    "time is ISO 8601 with microseconds and offset ('%s')", f[0]);
	is_str(f[1], "tester", "user from CM_USER");
	ok(strcmp(f[2], "261101") == 0 && strcmp(f[3], "id") == 0 &&
	    strcmp(f[4], "") == 0 && strcmp(f[5], "261101") == 0,
	    "a new row is logged by its id going from \"\"");
	ok(log_line(log, 2, g) == 0 && strcmp(f[0], g[0]) == 0,
	    "one time for the whole transaction");
	ok(strstr(log, ",261101,customer,,\"ACME, Inc.\"\n") != NULL,
	    "logged values are quoted like CSV");
	is_int(ntemps(), 0, "no temporary file is left");

	/* A second transaction: change one cell. */
	log1 = slurp(in_dir("complaints.log"), &n1);
	r = cm_register_open(path, &opts, &err);
	if (!ok(r != NULL, "open it again")) {
		free(log);
		free(log1);
		return;
	}
	ok(!cm_register_is_new(r), "it is not new now");
	t = cm_register_table(r);
	ok(cm_table_find(t, 0, "261101", &rows) == 1, "find the row");
	cm_register_set(r, rows[0], 2, "closed", &err);
	cm_register_log(r, "261101", "reason", NULL, "customer satisfied");
	is_int(cm_register_commit(r, &err), 0, "commit a change");
	ok(same_text(path, "id,customer,status,description\n"
	    "261101,\"ACME, Inc.\",closed,\n"), "the register changed");
	free(log);
	log = slurp(in_dir("complaints.log"), NULL);
	ok(log != NULL && strncmp(log, log1, n1) == 0,
	    "the past lines are untouched");
	ok(log_line(log, 3, g) == 0 && strcmp(g[2], "261101") == 0 &&
	    strcmp(g[3], "status") == 0 && strcmp(g[4], "open") == 0 &&
	    strcmp(g[5], "closed") == 0, "the change is logged");
	ok(strcmp(g[0], f[0]) != 0, "with a time of its own");
	ok(log_line(log, 4, f) == 0 && strcmp(f[3], "reason") == 0 &&
	    strcmp(f[0], g[0]) == 0, "a free line joins the transaction");
	is_int(findings(path, 1), 0, "check finds nothing");

	/* A commit with no change writes nothing. */
	r = cm_register_open(path, &opts, &err);
	is_int(r ? cm_register_commit(r, &err) : -1, 0, "empty commit");
	ok(same_file(in_dir("complaints.log"), log, strlen(log)),
	    "leaves the log alone");

	/* Other users: $USER, or the password entry. */
	unsetenv("CM_USER");
	st = xfork();
	if (st == 0) {
		setenv("USER", "zhang", 1);
		r = cm_register_open(path, &opts, &err);
		if (r == NULL || cm_register_set(r, 0, 3, "外观", &err) < 0 ||
		    cm_register_commit(r, &err) < 0)
			_exit(1);
		_exit(0);
	}
	st = wait_status(st);
	free(log);
	log = slurp(in_dir("complaints.log"), NULL);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    strstr(log, ",zhang,261101,description,,外观\n") != NULL,
	    "user from $USER, Chinese values as they are");
	setenv("CM_USER", "tester", 1);
	free(log);
	free(log1);
}

static void
test_abort(void)
{
	const char *path = in_dir("complaints.csv");
	const char *lpath = in_dir("complaints.log");
	size_t n, nl;
	char *reg = slurp(path, &n), *log = slurp(lpath, &nl);
	struct cm_register *r;
	struct cm_table *t;
	struct cm_error err;
	size_t row;

	r = cm_register_open(path, &opts, &err);
	if (!ok(r != NULL, "open for abort"))
		return;
	t = cm_register_table(r);
	row = cm_table_append(t);
	cm_register_set(r, row, 0, "261102", &err);
	cm_register_set(r, 0, 2, "open", &err);
	cm_table_add_col(t, "extra");
	cm_register_log(r, "261101", "note", "", "x");
	ok(ntemps() == 1, "PATH.tmp exists during a transaction");
	cm_register_abort(r);
	ok(same_file(path, reg, n), "abort: the register is byte-identical");
	ok(same_file(lpath, log, nl), "abort: the log is byte-identical");
	is_int(ntemps(), 0, "abort: no temporary file");
	free(reg);
	free(log);
}

static void
test_bad_commit(void)
{
	const char *path = in_dir("complaints.csv");
	const char *lpath = in_dir("complaints.log");
	size_t n, nl;
	char *reg = slurp(path, &n), *log = slurp(lpath, &nl);
	struct cm_register *r;
	struct cm_error err;

	/* A line that says the cell was something it was not. */
	r = cm_register_open(path, &opts, &err);
	cm_table_set(cm_register_table(r), 0, 2, "action");
	cm_register_log(r, "261101", "status", "open", "action");
	ok(cm_register_commit(r, &err) < 0 && err.status == CM_SYSTEM &&
	    strstr(err.msg, "does not match") != NULL,
	    "a line that does not match the register is refused");
	ok(same_file(path, reg, n) && same_file(lpath, log, nl),
	    "and nothing is written");

	/* A change that was not logged under its id. */
	r = cm_register_open(path, &opts, &err);
	cm_register_log(r, "261101", "status", "closed", "verifying");
	ok(cm_register_commit(r, &err) < 0 && err.status == CM_SYSTEM,
	    "a line the table does not show is refused");

	/* Ids are fixed: they name rows in the log. */
	r = cm_register_open(path, &opts, &err);
	ok(cm_register_set(r, 0, 0, "261199", &err) < 0 &&
	    err.status == CM_DATA && strstr(err.msg, "cannot change") != NULL,
	    "changing a row's id is refused");
	cm_register_abort(r);
	ok(same_file(path, reg, n) && same_file(lpath, log, nl),
	    "the files are as they were");
	free(reg);
	free(log);
}

static void
test_not_a_register(void)
{
	const char *path = in_dir("wrong.csv");
	struct cm_register *r;
	struct cm_error err;

	spew(path, "foo,status\n1,open\n", 18);
	r = cm_register_open(path, &opts, &err);
	ok(r == NULL && err.status == CM_DATA && err.line == 1,
	    "a register without an id column is CM_DATA");
	is_str(err.msg, "not a register: no column 'id'", "and says which");
	ok(same_file(path, "foo,status\n1,open\n", 18), "it is untouched");
	is_int(ntemps(), 0, "no temporary file");

	spew(path, "id,status\n1,open,extra\n", 23);
	r = cm_register_open(path, &opts, &err);
	ok(r == NULL && err.status == CM_DATA && err.line == 2,
	    "a ragged register is CM_DATA with its line");

	spew(path, "id,status\n1,open\n", 17);
	spew(in_dir("wrong.log"), "when,who\nx,y\n", 13);
	r = cm_register_open(path, &opts, &err);
	ok(r == NULL && err.status == CM_DATA &&
	    strstr(err.msg, "not a history log") != NULL,
	    "a log with the wrong header is CM_DATA");
	ok(same_file(in_dir("wrong.log"), "when,who\nx,y\n", 13),
	    "and is left alone");
	unlink(in_dir("wrong.log"));
	unlink(path);
}

static void
test_lock_timeout(void)
{
	const char *path = in_dir("complaints.csv");
	struct cm_register_opts o = opts;
	struct cm_register *r;
	struct cm_error err;
	int up[2], down[2];
	double t0, t;
	pid_t pid;
	char c;

	if (pipe(up) != 0 || pipe(down) != 0)
		exit(99);
	pid = xfork();
	if (pid == 0) {
		r = cm_register_open(path, &opts, &err);
		c = r != NULL ? 'y' : 'n';
		(void)!write(up[1], &c, 1);
		(void)!read(down[0], &c, 1);	/* hold until told */
		cm_register_abort(r);
		_exit(0);
	}
	if (read(up[0], &c, 1) != 1 || c != 'y')
		exit(99);
	o.timeout = 0.3;
	t0 = now();
	r = cm_register_open(path, &o, &err);
	t = now() - t0;
	ok(r == NULL && err.status == CM_SYSTEM &&
	    strstr(err.msg, "lock timeout") != NULL,
	    "a held lock times out with CM_SYSTEM");
	printf("# %s\n", err.msg);
	ok(t >= 0.29 && t < 2, "after about the timeout (%.2f s)", t);
	(void)!write(down[1], "x", 1);
	wait_status(pid);
	r = cm_register_open(path, &o, &err);
	ok(r != NULL, "the lock is free once the holder is done");
	cm_register_abort(r);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}

static void
test_check(void)
{
	const char *path = in_dir("check.csv"), *lpath = in_dir("check.log");
	struct cm_findings f = { 0 };
	struct cm_register *r;
	struct cm_error err;
	/*
	 * Lines 2-5 are one transaction, 6-7 (a quoted newline) the next,
	 * then line 8 and line 9, whose field is no column.
	 */
	const char *log =
	    "time,user,id,field,old,new\n"
	    "2026-11-01T09:00:00.000001+08:00,a,1,id,,1\n"
	    "2026-11-01T09:00:00.000001+08:00,a,1,status,,open\n"
	    "2026-11-01T09:00:00.000001+08:00,a,2,id,,2\n"
	    "2026-11-01T09:00:00.000001+08:00,a,2,status,,open\n"
	    "2026-11-02T09:00:00.000001+08:00,a,1,status,open,\"clo\nsed\"\n"
	    "2026-11-03T09:00:00.000001+08:00,a,3,status,,open\n"
	    "2026-11-04T09:00:00.000001+08:00,a,2,reason,,x\n";

	spew(path, "id,status\n1,\"clo\nsed\"\n2,open\n", 29);
	spew(lpath, log, strlen(log));
	r = cm_register_open(path, &opts, &err);
	if (!ok(r != NULL, "open a register to check")) {
		printf("# %s\n", err.msg);
		return;
	}
	is_int(cm_register_check(r, &f, &err), 1, "one finding");
	ok(f.n == 1 && f.v[0].line == 8 &&
	    strstr(f.v[0].msg, "id '3'") != NULL,
	    "an id missing from the register, on its log line");
	printf("# %ld: %s\n", f.n ? f.v[0].line : 0L, f.n ? f.v[0].msg : "");
	cm_findings_free(&f);
	cm_register_abort(r);

	/* Edited by hand: status of 2 changed without a line; 1 twice. */
	spew(path, "id,status\n1,\"clo\nsed\"\n2,closed\n1,x\n3,open\n", 42);
	r = cm_register_open(path, &opts, &err);
	if (!ok(r != NULL, "open the edited register"))
		return;
	is_int(cm_register_check(r, &f, &err), 3, "three findings");
	ok(f.n == 3 && f.v[0].line == 5 && f.v[1].line == 6 &&
	    !f.v[0].in_register && !f.v[1].in_register,
	    "the log's in the order of its lines");
	ok(f.n == 3 && strstr(f.v[0].msg, "'open'") != NULL &&
	    strstr(f.v[0].msg, "'closed'") != NULL,
	    "the stale value names both values");
	ok(f.n == 3 && strstr(f.v[1].msg, "2 rows") != NULL,
	    "a duplicate id is named once");
	ok(f.n == 3 && f.v[2].in_register && f.v[2].line == 6 &&
	    strstr(f.v[2].msg, "id '3': no history") != NULL,
	    "then the register's: a row no line creates, on its line");
	printf("# %ld: %s\n", f.n ? f.v[0].line : 0L, f.n ? f.v[0].msg : "");
	cm_findings_free(&f);
	cm_register_abort(r);

	/*
	 * A damaged line proves nothing about its transaction: a writer
	 * opens (and appends after it), check names it.
	 */
	spew(lpath, "time,user,id,field,old,new\nx,y\n", 31);
	r = cm_register_open(path, &opts, &err);
	ok(r != NULL, "a damaged last line does not stop a writer");
	if (r != NULL && cm_register_check(r, &f, &err) > 0)
		ok(f.v[0].line == 2 && !f.v[0].in_register &&
		    strcmp(f.v[0].msg, "damaged line: 2 fields, not 6") == 0,
		    "check names it: %s", f.v[0].msg);
	else
		ok(0, "check names it");
	cm_findings_free(&f);
	cm_register_abort(r);
	unlink(lpath);
	unlink(path);
}

static int
count_line(const struct cm_logline *l, void *arg)
{
	(void)l;
	++*(int *)arg;
	return 0;
}

static int
keep_line(const struct cm_logline *l, void *arg)
{
	struct cm_buf *b = arg;

	cm_buf_printf(b, "%s%ld:%s", b->len ? "|" : "", l->line,
	    l->damage ? l->damage : l->f[5]);
	return 0;
}

/* A reader's history of path, as line:new value or damage, '|'-joined. */
static char *
history(const char *path)
{
	struct cm_buf b = { 0 };
	struct cm_register *r;
	struct cm_error err;

	if ((r = cm_register_read(path, &opts, 1, &err)) == NULL)
		return strdup(err.msg);
	cm_register_history(r, keep_line, &b, &err);
	cm_register_abort(r);
	return b.s != NULL ? b.s : strdup("");
}

/*
 * A quote that nothing closes in the middle of the log (a hand edit) is
 * a damaged line, not a torn tail: readers see the lines after it, check
 * names it, and a writer keeps every byte; a torn last transaction
 * after it is still cut.
 */
static void
test_stray_quote(void)
{
	const char *path = in_dir("sq.csv"), *lpath = in_dir("sq.log");
	static const char log[] =
	    "time,user,id,field,old,new\n"
	    "2026-11-01T09:00:00.000001+08:00,a,1,id,,1\n"
	    "2026-11-01T09:00:00.000001+08:00,a,1,status,,open\n"
	    "2026-11-09T09:00:00.5+00:00,root,1,status,open,\"x\n"
	    "2026-11-02T09:00:00.000001+08:00,a,2,id,,2\n"
	    "2026-11-02T09:00:00.000001+08:00,a,2,status,,\"a, \"\"b\"\"\"\n"
	    "2026-11-03T09:00:00.000001+08:00,a,1,status,open,closed\n";
	static const char reg[] = "id,status\n1,closed\n2,\"a, \"\"b\"\"\"\n";
	/* Torn inside a quoted value with a newline, never renamed. */
	static const char torn[] =
	    "2026-11-04T09:00:00.000001+08:00,a,2,status,\"a, \"\"b\"\"\","
	    "\"two\n\"\"lines\"\", and";
	struct cm_findings f = { 0 };
	struct cm_register *r;
	struct cm_error err;
	struct cm_buf b = { 0 };
	char *h;
	size_t n;

	spew(path, reg, strlen(reg));
	spew(lpath, log, strlen(log));
	h = history(path);
	is_str(h, "2:1|3:open|4:a quote that is never closed|5:2|6:a, \"b\"|"
	    "7:closed", "stray quote: a reader sees every line after it");
	free(h);
	r = cm_register_read(path, &opts, 1, &err);
	if (r != NULL && cm_register_check(r, &f, &err) == 1)
		ok(f.v[0].line == 4 && strcmp(f.v[0].msg,
		    "damaged line: a quote that is never closed") == 0,
		    "stray quote: check names its line: %s", f.v[0].msg);
	else
		ok(0, "stray quote: check names its line (%zu findings)", f.n);
	cm_findings_free(&f);
	cm_register_abort(r);

	r = cm_register_open(path, &opts, &err);
	ok(r != NULL && cm_register_mended(r) == 0 &&
	    same_text(lpath, log), "stray quote: a writer opens, cuts nothing");
	if (r != NULL) {
		cm_register_set(r, 1, 1, "open", &err);
		is_int(cm_register_commit(r, &err), 0, "and commits");
	}
	h = slurp(lpath, &n);
	ok(h != NULL && n > strlen(log) && memcmp(h, log, strlen(log)) == 0 &&
	    count(h + strlen(log), "\n") == 1, "after every byte of the log");
	free(h);
	is_int(findings(path, 1), 1, "check still names only the stray line");

	/* A torn last transaction after it goes, and only it. */
	spew(path, reg, strlen(reg));
	cm_buf_add(&b, log, strlen(log));
	cm_buf_add(&b, torn, strlen(torn));
	spew(lpath, b.s, b.len);
	r = cm_register_open(path, &opts, &err);
	cm_register_abort(r);
	ok(r != NULL && same_text(lpath, log),
	    "stray quote: a torn last transaction after it is cut");

	/*
	 * An uncommitted transaction right after it stays (register.h,
	 * step d): cut, it would leave the quote last, a torn tail to the
	 * next open.
	 */
	n = strlen(log) - strlen("2026-11-03T09:00:00.000001+08:00,a,1,"
	    "status,open,closed\n");
	spew(lpath, log, n);
	spew(path, "id,status\n1,open\n", 17);
	r = cm_register_open(path, &opts, &err);
	cm_register_abort(r);
	ok(r != NULL && same_file(lpath, log, n),
	    "stray quote: the transaction right after it is not cut");
	h = history(path);
	ok(strstr(h, "4:a quote that is never closed|5:2|") != NULL,
	    "and it is read as a damaged line: %s", h);
	free(h);
	cm_buf_free(&b);
	unlink(path);
	unlink(lpath);
}

/*
 * A reader's open (cm_register_read): it creates, locks and repairs
 * nothing, and sees the log as a writer would keep it.
 */
static void
test_read(void)
{
	const char *path = in_dir("rd.csv"), *lpath = in_dir("rd.log");
	struct cm_findings f = { 0 };
	struct cm_register *r;
	struct cm_table *t;
	struct cm_error err;
	char *old, *log;
	size_t n, nl, row;
	int lines = 0;

	r = cm_register_read(path, &opts, 1, &err);
	ok(r == NULL && err.status == CM_SYSTEM &&
	    strstr(err.msg, "No such file") != NULL,
	    "a missing register is an error to a reader");
	ok(!exists(path) && !exists(in_dir("rd.csv.lock")) &&
	    !exists(lpath) && ntemps() == 0, "and it creates nothing");

	/* Two rows, then a change that the register never got. */
	r = cm_register_open(path, &opts, &err);
	t = cm_register_table(r);
	row = cm_table_append(t);
	cm_register_set(r, row, 0, "1", &err);
	cm_register_set(r, row, 2, "open", &err);
	row = cm_table_append(t);
	cm_register_set(r, row, 0, "2", &err);
	cm_register_set(r, row, 3, "a, \"b\"", &err);
	cm_register_commit(r, &err);
	old = slurp(path, &n);
	r = cm_register_open(path, &opts, &err);
	cm_register_set(r, 0, 2, "closed", &err);
	cm_register_commit(r, &err);
	spew(path, old, n);
	log = slurp(lpath, &nl);
	unlink(in_dir("rd.csv.lock"));

	r = cm_register_read(path, &opts, 1, &err);
	if (!ok(r != NULL, "a reader opens a register its log runs ahead of"))
		return;
	ok(!exists(in_dir("rd.csv.lock")) && ntemps() == 0,
	    "with no lock file and no temporary file");
	is_int(cm_register_check(r, &f, &err), 0,
	    "check leaves the change in flight out: no finding");
	cm_findings_free(&f);
	cm_register_history(r, count_line, &lines, &err);
	is_int(lines, 4, "and so does the history: four lines, not five");
	ok(cm_register_set(r, 0, 2, "x", &err) < 0 && err.status == CM_SYSTEM,
	    "a reader cannot set");
	ok(cm_register_commit(r, &err) < 0 && err.status == CM_SYSTEM,
	    "nor commit");
	ok(same_file(lpath, log, nl) && same_file(path, old, n),
	    "the files are as they were");
	free(log);

	/*
	 * The committed creation of row 2, its last line torn inside its
	 * quotes: a writer ends it with the quote it lacks and a newline,
	 * says which line, and cuts nothing; a reader's check then names
	 * the damage.
	 */
	r = cm_register_open(path, &opts, &err);
	cm_register_abort(r);
	log = slurp(lpath, &nl);	/* the run of row 1's change is cut */
	ok(nl > 4 && log[nl - 2] == '"', "a log ending in a quoted field");
	spew(lpath, log, nl - 4);
	r = cm_register_open(path, &opts, &err);
	if (!ok(r != NULL && cm_register_mended(r) == 5,
	    "a writer ends a torn committed line and names it") && r == NULL)
		printf("# %s\n", err.msg);
	cm_register_abort(r);
	memcpy(log + nl - 4, "\"\n", 2);
	ok(same_file(lpath, log, nl - 2), "with a quote and a newline, "
	    "cutting nothing");
	r = cm_register_open(path, &opts, &err);
	ok(r != NULL && cm_register_mended(r) == 0,
	    "the next writer finds nothing to end");
	cm_register_abort(r);
	r = cm_register_read(path, &opts, 1, &err);
	if (r != NULL && cm_register_check(r, &f, &err) >= 1)
		ok(f.v[0].line == 5, "check names the ended line: %s",
		    f.v[0].msg);
	else
		ok(0, "check names the ended line");
	cm_findings_free(&f);
	cm_register_abort(r);
	free(log);
	free(old);
	unlink(path);
	unlink(lpath);
}

/*
 * Logs left by a writer killed during step 3, made by hand: the register
 * as it was (old) with the log of a transaction (t) appended whole or in
 * part.  Every cut of t must be undone; with the new register, t stays.
 */
static void
test_repair(void)
{
	const char *path = in_dir("rep.csv"), *lpath = in_dir("rep.log");
	struct cm_register *r;
	struct cm_error err;
	char *old, *oldlog, *new, *newlog;
	size_t n, nl, nn, nnl, k, bad = 0, tried = 0;
	struct cm_table *t;
	size_t row;

	unlink(path);
	unlink(lpath);
	r = cm_register_open(path, &opts, &err);
	t = cm_register_table(r);
	row = cm_table_append(t);
	cm_register_set(r, row, 0, "1", &err);
	cm_register_set(r, row, 2, "open", &err);
	cm_register_set(r, row, 3, "first", &err);
	cm_register_commit(r, &err);
	old = slurp(path, &n);
	oldlog = slurp(lpath, &nl);

	/* The transaction to tear: quotes, a newline, a new row. */
	r = cm_register_open(path, &opts, &err);
	t = cm_register_table(r);
	cm_register_set(r, 0, 3, "two\n\"lines\", and more", &err);
	cm_register_set(r, 0, 2, "action", &err);
	row = cm_table_append(t);
	cm_register_set(r, row, 0, "2", &err);
	cm_register_set(r, row, 3, "x\ny", &err);
	is_int(cm_register_commit(r, &err), 0, "commit the transaction");
	new = slurp(path, &nn);
	newlog = slurp(lpath, &nnl);

	spew(path, old, n);
	spew(lpath, newlog, nnl);
	r = cm_register_open(path, &opts, &err);
	cm_register_abort(r);
	ok(same_file(lpath, oldlog, nl),
	    "lines whose register was never renamed are cut");
	ok(same_file(path, old, n), "the register is not touched");

	for (k = nl + 1; k < nnl; k++) {
		spew(path, old, n);
		spew(lpath, newlog, k);
		r = cm_register_open(path, &opts, &err);
		cm_register_abort(r);
		tried++;
		if (r == NULL || !same_file(lpath, oldlog, nl)) {
			if (bad++ == 0)
				printf("# cut at %zu of %zu: %s\n", k, nnl,
				    r == NULL ? err.msg : "not repaired");
		}
	}
	is_int(bad, 0, "each of the torn logs is cut back to the old one");
	printf("# %zu cuts tried\n", tried);

	spew(path, new, nn);
	spew(lpath, newlog, nnl);
	r = cm_register_open(path, &opts, &err);
	cm_register_abort(r);
	ok(same_file(lpath, newlog, nnl), "a committed transaction stays");
	is_int(findings(path, 1), 0, "and agrees with the register");

	/*
	 * A torn record of a later transaction after the committed one:
	 * only the torn part goes, whatever its time shows.
	 */
	for (k = 1; k < 40; k += 3) {
		struct cm_buf b = { 0 };

		cm_buf_add(&b, newlog, nnl);
		cm_buf_add(&b, "2099-01-01T00:00:00.000000+08:00,u,1,status,"
		    "action,closed\n", k);
		spew(lpath, b.s, b.len);
		cm_buf_free(&b);
		r = cm_register_open(path, &opts, &err);
		cm_register_abort(r);
		if (!same_file(lpath, newlog, nnl))
			break;
	}
	ok(k >= 40, "a torn later record goes, the committed run stays");

	/* A log cut inside its header, before any register existed. */
	unlink(path);
	spew(lpath, "time,us", 7);
	r = cm_register_open(path, &opts, &err);
	ok(r != NULL, "a log torn in its header opens");
	cm_register_abort(r);
	ok(same_file(lpath, "", 0), "and is cut to nothing");
	free(old);
	free(oldlog);
	free(new);
	free(newlog);
	unlink(path);
	unlink(lpath);
}


/* The record's own check (register.c): FNV-1a, 64 bits. */
static unsigned long long
fnv(const char *p, size_t n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 0x100000001b3ULL;
	return h;
}

/*
 * Rewrite word k (from 0) of the position record at pos with value, and
 * seal it again with its own hash: a record that lies well.
 */
static void
pos_lie(const char *pos, int k, const char *value)
{
	struct cm_buf b = { 0 };
	char *rec = slurp(pos, NULL), *w, *save;
	int i = 0;

	if (rec == NULL)
		return;
	rec[strcspn(rec, "\n")] = '\0';
	*strrchr(rec, ' ') = '\0';		/* its hash */
	for (w = strtok_r(rec, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save), i++)
		cm_buf_printf(&b, "%s%s", i ? " " : "", i == k ? value : w);
	cm_buf_printf(&b, " %016llx\n", fnv(b.s, b.len));
	spew(pos, b.s, b.len);
	cm_buf_free(&b);
	free(rec);
}

/* Word k (from 0) of the position record at pos, or "" (static). */
static const char *
pos_word(const char *pos, int k)
{
	static char w[128];
	char *rec = slurp(pos, NULL), *t, *save;
	int i;

	w[0] = '\0';
	if (rec == NULL)
		return w;
	for (i = 0, t = strtok_r(rec, " \n", &save); t != NULL && i < k;
	    t = strtok_r(NULL, " \n", &save), i++)
		;
	if (t != NULL)
		snprintf(w, sizeof(w), "%s", t);
	free(rec);
	return w;
}

/*
 * Word k (4 size, 5 and 6 ctime) that a record of the log at lpath as
 * it is now would hold, or "" when it cannot be looked at (static).
 */
static const char *
log_word(const char *lpath, int k)
{
	static char v[64];
	struct stat st;

	v[0] = '\0';
	if (stat(lpath, &st) != 0)
		return v;
	if (k == 4)
		snprintf(v, sizeof(v), "%jd", (intmax_t)st.st_size);
	else if (k == 5)
		snprintf(v, sizeof(v), "%jd", (intmax_t)st.st_ctim.tv_sec);
	else if (k == 6)
		snprintf(v, sizeof(v), "%ld", st.st_ctim.tv_nsec);
	return v;
}

/*
 * Seal the record at pos again for the log at lpath as it is now: its
 * ctime (words 5 and 6), so that a log rewritten by a test (same inode,
 * same size) bears the record out as far as its inode can tell.
 */
static void
pos_reseal(const char *pos, const char *lpath)
{
	if (*log_word(lpath, 5) == '\0')
		exit(99);
	pos_lie(pos, 5, log_word(lpath, 5));
	pos_lie(pos, 6, log_word(lpath, 6));
}

/*
 * Per cent of path's pages in the page cache (mincore), or -1.  With
 * evict, drop them first (fdatasync, POSIX_FADV_DONTNEED): then what an
 * open makes resident is what it read.
 */
static int
resident(const char *path, int evict)
{
	unsigned char *vec;
	struct stat st;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), np, i, in = 0;
	void *m;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) != 0 ||
	    st.st_size == 0)
		return fd >= 0 ? close(fd), -1 : -1;
	if (evict) {
		(void)fdatasync(fd);
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	}
	np = ((size_t)st.st_size + pg - 1) / pg;
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	vec = malloc(np);
	if (vec != NULL && mincore(m, (size_t)st.st_size, vec) == 0)
		for (i = 0; i < np; i++)
			in += vec[i] & 1;
	free(vec);
	munmap(m, (size_t)st.st_size);
	return (int)(in * 100 / np);
}

/*
 * Open and abort path, the log's pages dropped before: the per cent of
 * the log the open read, or -1 where the pages cannot be dropped (a log
 * on tmpfs).
 */
static long
open_reads(const char *path, const char *lpath, int *ok_)
{
	struct cm_register *r;
	struct cm_error err;
	int before = resident(lpath, 1);

	r = cm_register_open(path, &opts, &err);
	*ok_ = r != NULL;
	cm_register_abort(r);
	return before < 0 || before > 10 ? -1 : resident(lpath, 0);
}

/*
 * The position record's tests start alike: a register of one row, its
 * log with lines of history before the row's own (note, each numbered,
 * until the log holds bytes or lines of them), a commit that writes the
 * record, then T, a transaction with a quoted line break and a new row.
 * The files as they were before T and after it are kept, freed by
 * pos_fix_free.  first: whether the first commit wrote the record;
 * t_rc: what T's commit returned.
 */
struct pos_fix {
	char *old, *oldlog, *oldrec, *newreg, *newlog, *newrec;
	size_t n, nl, nn, nnl;
	int first, t_rc;
};

static void
pos_fix_make(struct pos_fix *f, const char *path, const char *lpath,
    const char *pos, const char *note, size_t bytes, size_t lines)
{
	struct cm_register *r;
	struct cm_table *t;
	struct cm_error err;
	struct cm_buf b = { 0 };
	struct stat st;
	size_t i, row;

	spew(path, "id,customer,status,description\n1,c,open,\n", 41);
	cm_buf_adds(&b, "time,user,id,field,old,new\n");
	for (i = 0; b.len < bytes && i < lines; i++)
		cm_buf_printf(&b, "%s,t,%zu,note,,%s\n", SEEDTIME, i + 100,
		    note);
	cm_buf_printf(&b, "%s,t,1,id,,1\n%s,t,1,customer,,c\n%s,t,1,status,,"
	    "open\n", SEEDTIME, SEEDTIME, SEEDTIME);
	spew(lpath, b.s, b.len);
	cm_buf_free(&b);
	r = cm_register_open(path, &opts, &err);
	cm_register_set(r, 0, 2, "action", &err);
	f->first = cm_register_commit(r, &err) == 0 && stat(pos, &st) == 0;
	f->old = slurp(path, &f->n);
	f->oldlog = slurp(lpath, &f->nl);
	f->oldrec = slurp(pos, NULL);
	r = cm_register_open(path, &opts, &err);
	t = cm_register_table(r);
	cm_register_set(r, 0, 3, "two\n\"lines\"", &err);
	row = cm_table_append(t);
	cm_register_set(r, row, 0, "2", &err);
	f->t_rc = cm_register_commit(r, &err);
	f->newreg = slurp(path, &f->nn);
	f->newlog = slurp(lpath, &f->nnl);
	f->newrec = slurp(pos, NULL);
}

static void
pos_fix_free(struct pos_fix *f)
{
	free(f->old);
	free(f->oldlog);
	free(f->oldrec);
	free(f->newreg);
	free(f->newlog);
	free(f->newrec);
}

/*
 * The position record (register.h): an open of a long log whose record
 * the log bears out reads its last transaction only, and decides as the
 * scan would; a record that is missing, stale or lies costs a scan and
 * nothing else.  The transaction weighed is one a writer killed between
 * steps 3 and 4 left (never renamed), so that a record believed wrongly
 * would show as a line kept.
 */
static void
test_position(void)
{
	const char *path = in_dir("pos.csv"), *lpath = in_dir("pos.log");
	const char *pos = in_dir("pos.log.pos");
	struct cm_register *r;
	struct cm_error err;
	struct cm_buf b = { 0 };
	struct pos_fix fx;
	char *rec;
	long fast, slow, f;
	int o1, o2;
	struct stat st;

	unlink(path);
	unlink(lpath);
	unlink(pos);
	/*
	 * Its log 32 MB of lines before the row's own; T is the
	 * transaction a writer is killed in, after step 3.
	 */
	pos_fix_make(&fx, path, lpath, pos, "\"a line, of \"\"history\"\" "
	    "long enough to count\"", (32u << 20) / SLOW, (size_t)-1);
	ok(fx.first, "a commit writes the log's position record");
	is_int(fx.t_rc, 0, "commit T");
	if (!ok(fx.oldrec != NULL && fx.newrec != NULL &&
	    strcmp(fx.oldrec, fx.newrec) != 0, "and a new record with it")) {
		pos_fix_free(&fx);
		return;
	}

	/* The record of T, the register before T: as after a kill -9. */
	spew(path, fx.old, fx.n);
	fast = open_reads(path, lpath, &o1);
	ok(o1 && same_file(lpath, fx.oldlog, fx.nl),
	    "a record borne out: the unrenamed T is cut");
	spew(path, fx.old, fx.n);
	spew(lpath, fx.newlog, fx.nnl);
	unlink(pos);
	slow = open_reads(path, lpath, &o2);
	ok(o2 && same_file(lpath, fx.oldlog, fx.nl),
	    "no record: the scan cuts it the same");
	if (fast < 0 || slow < 0)
		printf("# the page cache cannot be dropped here: how much of "
		    "the log an open reads is not measured\n");
	ok(fast < 0 || slow < 0 || (fast <= 5 && slow >= 50), "the record "
	    "spares reading the log (%ld%% of it read, %ld%% by the scan)",
	    fast, slow);
	/* Whether an open read the log through, where that can be seen. */
#define SCANNED(f)	((f) < 0 || (f) >= 50)

	/* A commit after T killed, whose record was never written. */
	spew(lpath, fx.newlog, fx.nnl);
	spew(pos, fx.oldrec, strlen(fx.oldrec));
	f = open_reads(path, lpath, &o1);
	ok(o1 && same_file(lpath, fx.oldlog, fx.nl) && SCANNED(f),
	    "a stale record (the log grew): a scan, T cut (%ld)", f);

	/*
	 * Killed after step 4's rename, before step 5: T committed, the
	 * record the one before it.  A scan, T kept; the next commit
	 * writes a record the open after it believes.
	 */
	spew(path, fx.newreg, fx.nn);
	spew(lpath, fx.newlog, fx.nnl);
	spew(pos, fx.oldrec, strlen(fx.oldrec));
	f = open_reads(path, lpath, &o1);
	ok(o1 && same_file(lpath, fx.newlog, fx.nnl) &&
	    same_file(path, fx.newreg, fx.nn) && SCANNED(f),
	    "killed before the record: a scan, T kept (%ld)", f);
	r = cm_register_open(path, &opts, &err);
	cm_register_set(r, 0, 2, "verifying", &err);
	o2 = r != NULL && cm_register_commit(r, &err) == 0;
	f = open_reads(path, lpath, &o1);
	ok(o2 && o1 && f <= 5, "the next commit's record is believed (%ld%% "
	    "read)", f);
	is_int(findings(path, 1), 0, "and check finds nothing");

	/* Lies: each must cost a scan and change nothing of the outcome. */
	{
		static const struct { int k; const char *v, *what; } lies[] = {
			{ 4, "1", "size" },
			{ 6, "7", "ctime" },
			{ 9, "28", "run" },
			{ 13, "0000000000000001", "hash of T" },
			{ 14, "2021-01-01T00:00:00.000000+08:00", "time" },
			{ 12, "1", "one run" },
		};
		size_t k;

		for (k = 0; k < sizeof(lies) / sizeof(lies[0]); k++) {
			spew(path, fx.old, fx.n);
			spew(lpath, fx.newlog, fx.nnl);
			spew(pos, fx.newrec, strlen(fx.newrec));
			/*
			 * Sealed for the log as rewritten here (its ctime),
			 * so that the lie is all that is wrong with it.
			 */
			pos_reseal(pos, lpath);
			pos_lie(pos, lies[k].k, lies[k].v);
			f = open_reads(path, lpath, &o1);
			ok(o1 && same_file(lpath, fx.oldlog, fx.nl) &&
			    SCANNED(f), "a record that lies about the %s: a "
			    "scan, T cut (%ld)", lies[k].what, f);
		}
		spew(path, fx.old, fx.n);
		spew(lpath, fx.newlog, fx.nnl);
		spew(pos, fx.newrec, strlen(fx.newrec));
		pos_reseal(pos, lpath);
		rec = slurp(pos, NULL);
		rec[strlen(rec) - 3] ^= 1;	/* its own hash */
		spew(pos, rec, strlen(rec));
		free(rec);
		f = open_reads(path, lpath, &o1);
		ok(o1 && same_file(lpath, fx.oldlog, fx.nl) && SCANNED(f),
		    "a torn or edited record: a scan (%ld)", f);
	}

	/* An old cm appended T' after the record: a scan, T' weighed. */
	spew(path, fx.old, fx.n);
	spew(lpath, fx.oldlog, fx.nl);
	spew(pos, fx.oldrec, strlen(fx.oldrec));
	r = cm_register_open(path, &opts, &err);	/* the record is stale */
	cm_register_set(r, 0, 2, "verifying", &err);
	is_int(cm_register_commit(r, &err), 0, "a commit after a scan");
	ok(stat(pos, &st) == 0, "writes the record again");
	cm_buf_adds(&b, "2099-01-01T00:00:00.000000+08:00,old,1,status,"
	    "verifying,closed\n");
	{
		int fd = open(lpath, O_WRONLY | O_APPEND);

		ok(fd >= 0 && write(fd, b.s, b.len) == (ssize_t)b.len,
		    "an old cm appends a line (and is killed)");
		if (fd >= 0)
			close(fd);
	}
	free(fx.newlog);
	fx.newlog = slurp(lpath, &fx.nnl);
	f = open_reads(path, lpath, &o1);
	ok(o1 && fx.nnl > b.len &&
	    same_file(lpath, fx.newlog, fx.nnl - b.len) && SCANNED(f),
	    "its line, never renamed, is cut after a scan (%ld)", f);
	is_int(findings(path, 1), 0, "check finds nothing");
	cm_buf_free(&b);
	pos_fix_free(&fx);
	unlink(path);
	unlink(lpath);
	unlink(pos);
}

/* r's table as it would be written, in a string to free. */
static char *
table_text(struct cm_register *r)
{
	struct cm_error err;
	char *s = NULL;
	size_t n;
	FILE *fp;

	if ((fp = open_memstream(&s, &n)) == NULL)
		exit(99);
	cm_table_write(cm_register_table(r), fp, &err);
	fclose(fp);
	return s;
}

/*
 * What a reader sees of path (cm_register_read with its log): the table
 * as it would be written, the history (line:new value or damage) and
 * check's findings, as one string; the error when it cannot open.
 */
static char *
view(const char *path)
{
	struct cm_findings f = { 0 };
	struct cm_buf b = { 0 }, h = { 0 };
	struct cm_register *r;
	struct cm_error err;
	char *s;
	size_t i;

	if ((r = cm_register_read(path, &opts, 1, &err)) == NULL)
		return strdup(err.msg);
	s = table_text(r);
	cm_buf_printf(&b, "%s==\n", s);
	free(s);
	if (cm_register_history(r, keep_line, &h, &err) < 0)
		cm_buf_printf(&b, "history: %s\n", err.msg);
	cm_buf_printf(&b, "%s\n==\n", h.len ? h.s : "");
	if (cm_register_check(r, &f, &err) < 0)
		cm_buf_printf(&b, "check: %s\n", err.msg);
	for (i = 0; i < f.n; i++)
		cm_buf_printf(&b, "%ld:%s\n", f.v[i].line, f.v[i].msg);
	cm_findings_free(&f);
	cm_buf_free(&h);
	cm_register_abort(r);
	return b.s;
}

/* Remove whatever is at path: a file, a link, a FIFO, a directory. */
static void
clear(const char *path)
{
	/* unlink(2) of a directory: EISDIR, or EPERM on Linux. */
	if (unlink(path) != 0 && (errno == EISDIR || errno == EPERM))
		rmdir(path);
}

/*
 * A scan's view of path: the reader's, with the position record pos
 * moved aside (and put back).
 */
static char *
scan_view_of(char *(*see)(const char *), const char *path, const char *pos)
{
	char aside[600];
	char *v;
	int had;

	snprintf(aside, sizeof(aside), "%s.aside", pos);
	had = rename(pos, aside) == 0;
	v = see(path);
	if (had && rename(aside, pos) != 0)
		exit(99);
	return v;
}

static char *
scan_view(const char *path, const char *pos)
{
	return scan_view_of(view, path, pos);
}

/*
 * Every entry of the test directory with its type, mode, size, mtime
 * and ctime (to the nanosecond): a reader that creates, changes or
 * removes a file, or so much as touches one's inode, changes this.
 */
static char *
dir_state(void)
{
	struct dirent **e;
	struct cm_buf b = { 0 };
	struct stat st;
	int n, i;

	if ((n = scandir(dir, &e, NULL, alphasort)) < 0)
		exit(99);
	for (i = 0; i < n; i++) {
		if (lstat(in_dir(e[i]->d_name), &st) == 0)
			cm_buf_printf(&b, "%s %o %jd %jd.%09ld %jd.%09ld\n",
			    e[i]->d_name, (unsigned)st.st_mode,
			    (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec, (intmax_t)st.st_ctim.tv_sec,
			    st.st_ctim.tv_nsec);
		free(e[i]);
	}
	free(e);
	return b.s != NULL ? b.s : strdup("");
}

/* Bytes n of the file at path, from offset off (a test's own edit). */
static void
overwrite(const char *path, off_t off, const char *s, size_t n)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || pwrite(fd, s, n, off) != (ssize_t)n || close(fd) != 0)
		exit(99);
}

static off_t size_of(const char *path);

static void
on_alarm(int sig)
{
	(void)sig;
	printf("not ok - a reader hung on the position record\n");
	_exit(1);
}

/*
 * A reader uses the log's position record too (register.h, "Readers"):
 * what it sees is what a scan sees, whether the last transaction
 * committed, did not, or was torn; with a record the log bears out it
 * reads only the last transaction; and a record it cannot believe (stale,
 * forged, torn, a link, a FIFO, a directory, unreadable, garbage) only
 * costs it a scan.  Either way it creates, changes and repairs nothing.
 *
 * That it reads no more than the last transaction is shown by what a
 * scan would find before it: the lines before T are overwritten by one
 * quote that nothing closes, which a scan reads as a stray quote right
 * before T and so keeps T (register.h, step a: no cut right after
 * one), while the record, resealed for the edited log, says where T
 * starts, and T, never renamed, is left out.  A reader that scanned
 * would show T.
 */
static void
test_reader_position(void)
{
	const char *path = in_dir("rp.csv"), *lpath = in_dir("rp.log");
	const char *pos = in_dir("rp.log.pos"), *other = in_dir("rp.other");
	struct cm_register *r;
	struct cm_error err;
	struct pos_fix fx;
	char *goodrec;
	char *v1, *v2, *d1, *d2, *junk, *garbled, sz[32];
	size_t i, hdrend, run;
	int same, used, kept;

	unlink(path);
	unlink(lpath);
	clear(pos);
	/*
	 * Its log 300 lines before the row's own; T's lines a reader must
	 * leave out when it never renamed.
	 */
	pos_fix_make(&fx, path, lpath, pos,
	    "\"a line, of \"\"history\"\"\"", (size_t)-1, 300);
	is_int(fx.t_rc, 0, "reader: commit T");
	if (!ok(fx.oldrec != NULL && fx.newrec != NULL && fx.nnl > fx.nl,
	    "reader: a record before T and one after it")) {
		pos_fix_free(&fx);
		return;
	}

	/* Committed: the record is the one the commit wrote. */
	d1 = dir_state();
	v1 = view(path);
	d2 = dir_state();
	v2 = scan_view(path, pos);
	ok(strcmp(v1, v2) == 0 && strstr(v1, "lines") != NULL,
	    "reader, T committed: the record's view is the scan's");
	ok(strcmp(d1, d2) == 0, "and reading with it touched no file");
	free(v1);
	free(v2);
	free(d1);
	free(d2);

	/* Not committed: the register before T, the log and record after. */
	spew(path, fx.old, fx.n);
	d1 = dir_state();
	v1 = view(path);
	d2 = dir_state();
	v2 = scan_view(path, pos);
	ok(strcmp(v1, v2) == 0 && strstr(v1, "lines") == NULL,
	    "reader, T never renamed: both leave T out");
	ok(strcmp(d1, d2) == 0 && same_file(lpath, fx.newlog, fx.nnl),
	    "and nothing is cut, created or touched");
	free(v1);
	free(v2);
	free(d1);
	free(d2);

	/* Torn (a writer killed inside step 3): no record bears it out. */
	for (i = 0; i < 2; i++) {
		spew(path, i ? fx.newreg : fx.old, i ? fx.nn : fx.n);
		spew(lpath, fx.newlog, fx.nnl - 5);
		spew(pos, fx.newrec, strlen(fx.newrec));
		pos_reseal(pos, lpath);
		/* Even sized and sealed for the torn log: it ends torn. */
		snprintf(sz, sizeof(sz), "%zu", fx.nnl - 5);
		pos_lie(pos, 4, sz);
		v1 = view(path);
		v2 = scan_view(path, pos);
		ok(strcmp(v1, v2) == 0, "reader, T torn, %s: the scan's view "
		    "even with a record sized for the torn log",
		    i ? "the register after T" : "never renamed");
		free(v1);
		free(v2);
	}

	/*
	 * The lines before T made garbage: a scan trips on the stray quote
	 * and keeps T; the record, sealed for the edited log, says where T
	 * starts, and T is left out.
	 */
	spew(path, fx.old, fx.n);
	spew(lpath, fx.newlog, fx.nnl);
	spew(pos, fx.newrec, strlen(fx.newrec));
	hdrend = (size_t)strtoul(pos_word(pos, 8), NULL, 10);
	run = (size_t)strtoul(pos_word(pos, 9), NULL, 10);
	if (!ok(hdrend > 0 && run > hdrend + 2 && run == fx.nl,
	    "reader: the record names the header's end and T's start")) {
		hdrend = 27;
		run = fx.nl;
	}
	junk = malloc(run - hdrend);
	memset(junk, 'x', run - hdrend);
	junk[0] = '"';
	junk[run - hdrend - 1] = '\n';
	overwrite(lpath, (off_t)hdrend, junk, run - hdrend);
	free(junk);
	pos_reseal(pos, lpath);
	goodrec = slurp(pos, NULL);
	garbled = slurp(lpath, NULL);
	v2 = scan_view(path, pos);
	ok(strstr(v2, "lines") != NULL && strstr(v2, "never closed") != NULL,
	    "reader: a scan of the garbled log keeps T and names the quote");
	d1 = dir_state();
	alarm(10);
	v1 = view(path);
	alarm(0);
	d2 = dir_state();
	used = strstr(v1, "lines") == NULL && strcmp(v1, v2) != 0;
	ok(used, "reader: with the record the log bears out, it reads T "
	    "only: T left out, the garbage before it never read");
	ok(strcmp(d1, d2) == 0, "and touches no file");
	free(v1);
	free(d1);
	free(d2);

	/*
	 * Records it cannot believe: each costs a scan (the garbled log's
	 * view, T kept), never an error, never a hang, and no file changes.
	 */
	{
		static const char *const what[] = {
			"missing", "stale (the log before T)",
			"for another log (its inode)", "lying about T's hash",
			"lying about the size", "torn in half",
			"without its newline", "with its own hash wrong",
			"followed by a second line", "longer than a record",
			"garbage", "a symbolic link", "a FIFO", "a directory",
			"unreadable",
		};
		size_t k, len;
		char *rec, *good;

		signal(SIGALRM, on_alarm);
		for (k = 0; k < sizeof(what) / sizeof(what[0]); k++) {
			/* The garbled log again, its record sealed for it. */
			clear(pos);
			clear(other);
			spew(lpath, garbled, fx.nnl);
			spew(pos, goodrec, strlen(goodrec));
			pos_reseal(pos, lpath);
			good = slurp(pos, &len);
			switch (k) {
			case 0:
				unlink(pos);
				break;
			case 1:
				spew(pos, fx.oldrec, strlen(fx.oldrec));
				break;
			case 2:
				snprintf(junk = malloc(32), 32, "%llu",
				    strtoull(pos_word(pos, 3), NULL, 10) + 1);
				pos_lie(pos, 3, junk);
				free(junk);
				break;
			case 3:
				pos_lie(pos, 13, "0000000000000001");
				break;
			case 4:
				pos_lie(pos, 4, "1");
				break;
			case 5:
				spew(pos, good, len / 2);
				break;
			case 6:
				spew(pos, good, len - 1);
				break;
			case 7:
				rec = strdup(good);
				rec[len - 3] ^= 1;
				spew(pos, rec, len);
				free(rec);
				break;
			case 8:
				rec = malloc(len + 3);
				memcpy(rec, good, len);
				memcpy(rec + len, "x\n", 3);
				spew(pos, rec, len + 2);
				free(rec);
				break;
			case 9:
				rec = malloc(len + 600);
				memcpy(rec, good, len - 1);
				memset(rec + len - 1, '#', 600);
				rec[len + 599] = '\n';
				spew(pos, rec, len + 600);
				free(rec);
				break;
			case 10:
				spew(pos, "\x01\xff cm-logpos 1 \"\n\n", 17);
				break;
			case 11:
				unlink(pos);
				spew(other, good, len);
				if (symlink(other, pos) != 0)
					exit(99);
				break;
			case 12:
				unlink(pos);
				if (mkfifo(pos, 0600) != 0)
					exit(99);
				break;
			case 13:
				unlink(pos);
				if (mkdir(pos, 0700) != 0)
					exit(99);
				break;
			case 14:
				chmod(pos, 0);
				break;
			}
			d1 = dir_state();
			alarm(10);
			v1 = view(path);
			alarm(0);
			d2 = dir_state();
			same = strcmp(v1, v2) == 0;
			if (k == 14 && geteuid() == 0) {
				printf("# root reads a file of mode 0: the "
				    "unreadable record is the good one\n");
				same = 1;
			}
			ok(same, "reader, a record %s: a scan's view", what[k]);
			ok(strcmp(d1, d2) == 0, "and no file touched");
			free(v1);
			free(d1);
			free(d2);
			free(good);
			/* The writer's open shares the check: it scans too. */
			if (k == 8 || k == 9) {
				r = cm_register_open(path, &opts, &err);
				kept = r != NULL;
				cm_register_abort(r);
				ok(kept && size_of(lpath) == (off_t)fx.nnl,
				    "and a writer, scanning, keeps T after the "
				    "stray quote");
			}
		}
		clear(pos);
		clear(other);
	}
	free(v2);
	free(goodrec);
	free(garbled);
	pos_fix_free(&fx);
	unlink(path);
	unlink(lpath);
	unlink(in_dir("rp.csv.lock"));
}

/*
 * Sixteen writers at once, each adding a row with the next free id:
 * the lock serializes them, so no id is taken twice.
 */
static void
test_concurrent(void)
{
	const char *path = in_dir("many.csv");
	struct cm_register_opts o = opts;
	pid_t pid[16];
	int go[2], i, good = 0;
	struct cm_table *t;
	struct cm_error err;
	char *log, id[32];
	long max, v;
	size_t r, n, distinct = 0;
	const size_t *rows;

	if (pipe(go) != 0)
		exit(99);
	o.timeout = 20;
	for (i = 0; i < 16; i++) {
		pid[i] = xfork();
		if (pid[i] == 0) {
			struct cm_register *reg;
			char c;

			close(go[1]);
			(void)!read(go[0], &c, 1);	/* EOF: all go */
			reg = cm_register_open(path, &o, &err);
			if (reg == NULL)
				_exit(1);
			t = cm_register_table(reg);
			for (max = 0, r = 0; r < cm_table_nrows(t); r++)
				if ((v = atol(cm_table_get(t, r, 0))) > max)
					max = v;
			snprintf(id, sizeof(id), "%ld", max + 1);
			r = cm_table_append(t);
			if (cm_register_set(reg, r, 0, id, &err) < 0 ||
			    cm_register_commit(reg, &err) < 0)
				_exit(2);
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	for (i = 0; i < 16; i++) {
		int st = wait_status(pid[i]);

		good += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	is_int(good, 16, "sixteen writers at once all succeed");
	t = cm_table_load(path, NULL, &err);
	if (!ok(t != NULL, "the register parses"))
		return;
	is_int(cm_table_nrows(t), 16, "with sixteen rows");
	for (i = 1; i <= 16; i++) {
		snprintf(id, sizeof(id), "%d", i);
		n = cm_table_find(t, 0, id, &rows);
		distinct += n == 1;
	}
	is_int(distinct, 16, "ids 1 to 16, each once");
	cm_table_free(t);
	log = slurp(in_dir("many.log"), NULL);
	is_int(count(log, "\n"), 17, "sixteen log lines and the header");
	free(log);
	is_int(findings(path, 1), 0, "check finds nothing");
}

/*
 * The long transaction of the kill loop: every row's description and
 * status change (descriptions hold quotes, commas and newlines, so torn
 * records end inside quoted fields too), and five rows are added.  With
 * reg NULL it runs on a bare table, to compute the expected register.
 */
static void
transform(struct cm_register *reg, struct cm_table *t, int iter)
{
	static const char *const status[] = { "open", "investigating",
	    "action", "verifying" };
	struct cm_error err;
	size_t r, n = cm_table_nrows(t), k;
	long max = 0, v;
	char buf[256];

	for (r = 0; r < n; r++) {
		if ((v = atol(cm_table_get(t, r, 0))) > max)
			max = v;
		snprintf(buf, sizeof(buf), "第%d版 \"row\" %zu,\n"
		    "划伤, scratches and dents on the housing", iter, r);
		if (reg)
			cm_register_set(reg, r, 3, buf, &err);
		else
			cm_table_set(t, r, 3, buf);
		if (reg)
			cm_register_set(reg, r, 2, status[(iter + r) % 4],
			    &err);
		else
			cm_table_set(t, r, 2, status[(iter + r) % 4]);
	}
	for (k = 1; k <= 5; k++) {
		r = cm_table_append(t);
		snprintf(buf, sizeof(buf), "%ld", max + (long)k);
		if (reg) {
			cm_register_set(reg, r, 0, buf, &err);
			cm_register_set(reg, r, 1, "客户", &err);
			cm_register_set(reg, r, 2, "open", &err);
		} else {
			cm_table_set(t, r, 0, buf);
			cm_table_set(t, r, 1, "客户");
			cm_table_set(t, r, 2, "open");
		}
	}
}

/* In a child: one transaction; a byte on fd says the commit begins. */
static void
run_transaction(const char *path, int iter, int fd)
{
	struct cm_register *r;
	struct cm_error err;

	if ((r = cm_register_open(path, &opts, &err)) == NULL)
		_exit(1);
	transform(r, cm_register_table(r), iter);
	(void)!write(fd, "c", 1);
	_exit(cm_register_commit(r, &err) < 0 ? 2 : 0);
}

static void
nap(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

/* The register that transform(iter) makes of the current one. */
static char *
expected(const char *path, int iter, size_t *len)
{
	struct cm_table *t;
	struct cm_error err;
	char *s = NULL;
	FILE *fp;

	if ((t = cm_table_load(path, NULL, &err)) == NULL)
		return NULL;
	transform(NULL, t, iter);
	fp = open_memstream(&s, len);
	cm_table_write(t, fp, &err);
	fclose(fp);
	cm_table_free(t);
	return s;
}

static off_t
size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : 0;
}

/*
 * All of a reader's view that a check or a history would go on (the
 * table, and how much of the log it keeps: regpriv.h), without reading
 * the log through as they do: cheap enough for every kill of the loop.
 */
static char *
reader_view(const char *path)
{
	struct cm_buf b = { 0 };
	struct cm_register *r;
	struct cm_error err;
	char *s;

	if ((r = cm_register_read(path, &opts, 1, &err)) == NULL)
		return strdup(err.msg);
	s = table_text(r);
	cm_buf_printf(&b, "%slog kept to %jd\n", s, (intmax_t)r->logsize);
	free(s);
	cm_register_abort(r);
	return b.s;
}

/* Whether the record pos names the log lpath's size and ctime. */
static int
pos_fits(const char *pos, const char *lpath)
{
	char w[128];
	int k;

	for (k = 4; k <= 6; k++) {
		/* pos_word and log_word each return a static buffer. */
		snprintf(w, sizeof(w), "%s", pos_word(pos, k));
		if (*log_word(lpath, k) == '\0' ||
		    strcmp(w, log_word(lpath, k)) != 0)
			return 0;
	}
	return 1;
}

static void
test_kill_loop(void)
{
	const char *path = in_dir("kill.csv"), *lpath = in_dir("kill.log");
	const char *pos = in_dir("kill.log.pos");
	struct cm_buf b = { 0 };
	int iter, st, n_old = 0, n_new = 0, n_cut = 0, n_torn = 0;
	int exact = 0, agree = 0, kept = 0, iters = 40, rsame = 0, fits = 0;
	char *with, *without;
	unsigned seed = 20261123;
	size_t i, n, nl, nn, nnl;
	char *old, *oldlog, *new, *cur, *log;
	double t0, tc, dur, dcommit;
	int fds[2];
	off_t killed;
	pid_t pid;
	char c;

	/*
	 * A register of 1,500 rows (300 when sanitized), with the log of
	 * its creation, since check wants every cell's history.
	 */
	cm_buf_adds(&b, "id,customer,status,description\n");
	for (i = 1; i <= 1500 / SLOW; i++)
		cm_buf_printf(&b, "%zu,客户%zu,open,\n", i, i % 37);
	spew(path, b.s, b.len);
	cm_buf_reset(&b);
	cm_buf_adds(&b, "time,user,id,field,old,new\n");
	for (i = 1; i <= 1500 / SLOW; i++)
		cm_buf_printf(&b, "%s,t,%zu,id,,%zu\n%s,t,%zu,customer,,"
		    "客户%zu\n%s,t,%zu,status,,open\n", SEEDTIME, i, i,
		    SEEDTIME, i, i % 37, SEEDTIME, i);
	spew(lpath, b.s, b.len);
	cm_buf_free(&b);

	/*
	 * How long a transaction takes, and its commit, to aim the kills:
	 * odd iterations kill at any moment after the fork, even ones at
	 * any moment of the commit, where the files change.
	 */
	if (pipe(fds) != 0)
		exit(99);
	t0 = now();
	pid = xfork();
	if (pid == 0)
		run_transaction(path, 0, fds[1]);
	close(fds[1]);
	(void)!read(fds[0], &c, 1);
	tc = now();
	st = wait_status(pid);
	dur = now() - t0;
	dcommit = now() - tc;
	close(fds[0]);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "a whole long transaction (%.1f ms, commit %.1f ms)", dur * 1e3,
	    dcommit * 1e3);

	t0 = now();
	for (iter = 1; iter <= iters; iter++) {
		old = slurp(path, &n);
		oldlog = slurp(lpath, &nl);
		new = expected(path, iter, &nn);
		if (pipe(fds) != 0)
			exit(99);
		pid = xfork();
		if (pid == 0)
			run_transaction(path, iter, fds[1]);
		close(fds[1]);
		if (iter % 2)
			nap(dur * 1.1 * rand_r(&seed) / RAND_MAX);
		else if (read(fds[0], &c, 1) == 1)
			nap(dcommit * 1.5 * rand_r(&seed) / RAND_MAX);
		kill(pid, SIGKILL);
		wait_status(pid);
		close(fds[0]);
		killed = size_of(lpath);
		log = slurp(lpath, &nnl);
		n_torn += log != NULL && nnl > 0 && log[nnl - 1] != '\n';
		free(log);

		cur = slurp(path, NULL);
		if (cur != NULL && strcmp(cur, old) == 0)
			n_old++;
		else if (cur != NULL && new != NULL && strcmp(cur, new) == 0)
			n_new++;
		else
			printf("# iteration %d: the register is neither\n",
			    iter);

		/*
		 * Before anyone repairs: a reader sees with the record what
		 * it sees by a scan (register.h, "Readers").
		 */
		fits += pos_fits(pos, lpath);
		with = reader_view(path);
		without = scan_view_of(reader_view, path, pos);
		if (strcmp(with, without) == 0)
			rsame++;
		else
			printf("# iteration %d: the reader's view with the "
			    "record is not the scan's\n", iter);
		free(with);
		free(without);

		/*
		 * The next open repairs the log: exactly the old one when
		 * the register is, the old one and more when it is new.
		 */
		if (findings(path, 1) == 0)
			agree++;
		else
			printf("# iteration %d: the log disagrees\n", iter);
		log = slurp(lpath, &nnl);
		if (log != NULL && nnl >= nl && memcmp(log, oldlog, nl) == 0 &&
		    (cur == NULL || strcmp(cur, old) != 0 || nnl == nl) &&
		    (cur == NULL || strcmp(cur, old) == 0 || nnl > nl))
			kept++;
		else
			printf("# iteration %d: log of %zu bytes, was %zu\n",
			    iter, nnl, nl);
		if (cur != NULL && (strcmp(cur, old) == 0 ||
		    strcmp(cur, new) == 0))
			exact++;
		n_cut += (size_t)killed > nnl;
		free(log);
		free(cur);
		free(old);
		free(oldlog);
		free(new);
	}
	is_int(exact, iters, "after each kill the register is exactly "
	    "the old or the new one");
	is_int(agree, iters, "after the next open, check finds nothing");
	is_int(kept, iters, "the log is the old one, or the old one and "
	    "the new lines: no past line changed");
	is_int(rsame, iters, "after each kill, before the repair, a reader "
	    "with the record sees what a scan sees");
	printf("# %d kills in %.2f s: %d left the old register, %d the new; "
	    "%d repairs cut lines, %d of them torn ones; %d readers found a "
	    "record naming the log's size and ctime\n", iters, now() - t0, n_old, n_new,
	    n_cut, n_torn, fits);
	is_int(ntemps(), 0, "no temporary file is left");
}

static void
cleanup(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(in_dir(e->d_name));
	closedir(d);
	rmdir(dir);
	while (npaths > 0)
		free(paths[--npaths]);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/t-register.XXXXXX",
	    t && *t ? t : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 99;
	}
	cm_setprogname("t-register");
	setenv("TZ", "Asia/Shanghai", 1);
	setenv("CM_USER", "tester", 1);

	test_paths();
	test_create_and_change();
	test_abort();
	test_bad_commit();
	test_not_a_register();
	test_lock_timeout();
	test_check();
	test_repair();
	test_position();
	test_reader_position();
	test_read();
	test_stray_quote();
	test_concurrent();
	test_kill_loop();

	cleanup();
	return done_testing();
}
