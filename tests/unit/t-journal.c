/*
 * t-journal.c: the append-only journal of journal.h: sibling paths,
 * open (mode, creation, links and FIFOs refused), append and read back,
 * a failing append cut back (a size changed behind its back, a write
 * the file size limit cuts short), cut, end_torn, the record scan over
 * quoted newlines and doubled quotes, torn inside and outside quotes,
 * the damage-proof reader, and open_read refusing links and FIFOs
 * without hanging.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "buf.h"
#include "journal.h"
#include "msg.h"
#include "tap.h"

static char dir[256];

static char *
in_dir(const char *name)
{
	static char p[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void
spew(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fputs(s, fp) == EOF || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
}

/* The contents of path, or "(missing)". */
static const char *
slurp(const char *path)
{
	static char b[8192];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return "(missing)";
	n = fread(b, 1, sizeof(b) - 1, fp);
	b[n] = '\0';
	fclose(fp);
	return b;
}

static void
sibling(const char *path, const char *ext, const char *want)
{
	char *p = cm_journal_sibling(path, ext);
	char name[600];

	snprintf(name, sizeof(name), "sibling of '%s' (%s)", path, ext);
	is_str(p, want, name);
	free(p);
}

static void
test_sibling(void)
{
	sibling("complaints.csv", ".log", "complaints.log");
	sibling("data/property.csv", ".bal", "data/property.bal");
	sibling("/srv/cm/property", ".bal", "/srv/cm/property.bal");
	sibling("my.data/property", ".bal", "my.data/property.bal");
	sibling("my.data/property.csv", ".bal", "my.data/property.bal");
	sibling("./property", ".bal", "./property.bal");
	sibling(".hidden", ".log", ".hidden.log");
	sibling("dir/.hidden", ".log", "dir/.hidden.log");
	sibling("a.tar.gz", ".log", "a.tar.log");
	sibling("x.log", ".log", "x.log.log");
	sibling("x.bal", ".bal", "x.bal.bal");
	sibling("x.", ".log", "x.log");
}

static void
test_open(void)
{
	struct cm_journal j;
	struct cm_error err;
	struct stat st;
	const char *path = in_dir("j.csv");
	mode_t um;

	errno = 0;
	is_int(cm_journal_open(&j, path, 0, 0644, &err), -1,
	    "open without create: a missing journal fails");
	is_int(errno, ENOENT, "errno ENOENT");
	is_int(err.status, CM_SYSTEM, "CM_SYSTEM");
	ok(strstr(err.msg, "j.csv': No such file") != NULL, "msg: %s",
	    err.msg);
	ok(access(path, F_OK) != 0, "nothing created");

	um = umask(077);
	ok(cm_journal_open(&j, path, 1, 0640, &err) == 0, "open, create");
	umask(um);
	ok(j.created && j.size == 0 && j.fd >= 0, "created, size 0");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640,
	    "mode 0640 given, not the umask's");
	cm_journal_close(&j);
	ok(j.fd == -1 && j.path == NULL, "close");
	cm_journal_close(&j);

	spew(path, "h\n");
	ok(cm_journal_open(&j, path, 1, 0600, &err) == 0, "open existing");
	ok(!j.created && j.size == 2, "not created; size 2");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640,
	    "an existing journal keeps its mode");
	cm_journal_close(&j);

	ok(symlink("j.csv", in_dir("link.csv")) == 0, "link");
	is_int(cm_journal_open(&j, in_dir("link.csv"), 1, 0644, &err), -1,
	    "a link is refused");
	ok(strstr(err.msg, "is a symbolic link") != NULL, "msg: %s",
	    err.msg);
	ok(symlink("nothere.csv", in_dir("dangling.csv")) == 0, "link");
	is_int(cm_journal_open(&j, in_dir("dangling.csv"), 1, 0644, &err),
	    -1, "a dangling link is refused");
	ok(access(in_dir("nothere.csv"), F_OK) != 0,
	    "nothing created through it");
	ok(mkfifo(in_dir("fifo.csv"), 0600) == 0, "fifo");
	alarm(10);
	is_int(cm_journal_open(&j, in_dir("fifo.csv"), 1, 0644, &err), -1,
	    "a FIFO is refused, without hanging");
	alarm(0);
	ok(strstr(err.msg, "not a regular file") != NULL, "msg: %s",
	    err.msg);
	unlink(in_dir("link.csv"));
	unlink(in_dir("dangling.csv"));
	unlink(in_dir("fifo.csv"));
	unlink(path);
}

static void
test_append(void)
{
	struct cm_journal j;
	struct cm_error err;
	const char *path = in_dir("a.csv");
	FILE *fp;

	ok(cm_journal_open(&j, path, 1, 0644, &err) == 0, "open");
	ok(cm_journal_append(&j, "h\n1\n", 4, &err) == 0, "append");
	is_int(j.size, 4, "size 4");
	ok(cm_journal_append(&j, "2\n3\n", 4, &err) == 0, "append again");
	is_int(j.size, 8, "size 8");
	ok(cm_journal_append(&j, "", 0, &err) == 0, "an empty append");
	is_str(slurp(path), "h\n1\n2\n3\n", "read back");
	cm_journal_close(&j);

	/* Changed behind its back: nothing written, nothing cut. */
	ok(cm_journal_open(&j, path, 0, 0, &err) == 0, "open");
	fp = fopen(path, "a");
	fputs("x\n", fp);
	fclose(fp);
	is_int(cm_journal_append(&j, "4\n", 2, &err), -1,
	    "append to a journal that grew behind the lock fails");
	ok(strstr(err.msg, "a.csv' changed while it was locked") != NULL,
	    "msg: %s", err.msg);
	is_str(slurp(path), "h\n1\n2\n3\nx\n",
	    "nothing written, and their bytes are not cut");
	is_int(j.size, 8, "size unchanged");
	if (truncate(path, 6) != 0)
		perror("truncate");
	is_int(cm_journal_append(&j, "4\n", 2, &err), -1,
	    "append to a journal that shrank fails too");
	is_str(slurp(path), "h\n1\n2\n", "nothing written");
	cm_journal_close(&j);
	unlink(path);
}

/*
 * A write cut short (here by the file size limit, as SIGKILL or a full
 * disk can): the rest is tried, fails, and the file is cut back.  In a
 * child, since the limit is the process's.
 */
static void
test_append_cut_back(void)
{
	struct cm_journal j;
	struct cm_error err;
	struct rlimit rl;
	const char *path = in_dir("f.csv");
	int st, rc;
	pid_t pid;

	spew(path, "h\n1\n");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = 10;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0 ||
		    cm_journal_open(&j, path, 0, 0, &err) != 0)
			_exit(2);
		rc = cm_journal_append(&j, "2\n3\n4\n5\n6\n", 10, &err);
		if (rc != -1 || j.size != 4 ||
		    strstr(err.msg, "write error on '") == NULL ||
		    strstr(err.msg, "f.csv': File too large") == NULL)
			_exit(3);
		_exit(0);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "a write cut short fails with the system's reason (%d)",
	    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	is_str(slurp(path), "h\n1\n", "and the journal is cut back");
	unlink(path);
}

static void
test_cut_end_torn(void)
{
	struct cm_journal j;
	struct cm_error err;
	const char *path = in_dir("c.csv");

	spew(path, "h\n1\n2,\"x\ny");
	ok(cm_journal_open(&j, path, 0, 0, &err) == 0, "open");
	ok(cm_journal_cut(&j, 4, &err) == 0, "cut");
	is_int(j.size, 4, "size is the cut's");
	is_str(slurp(path), "h\n1\n", "cut back");
	ok(cm_journal_append(&j, "2\n", 2, &err) == 0,
	    "append after a cut starts there");
	is_str(slurp(path), "h\n1\n2\n", "read back");
	cm_journal_close(&j);

	spew(path, "h\n1,a");
	ok(cm_journal_open(&j, path, 0, 0, &err) == 0, "open");
	ok(cm_journal_end_torn(&j, 0, &err) == 0, "end_torn outside quotes");
	is_str(slurp(path), "h\n1,a\n", "a newline");
	is_int(j.size, 6, "size counts it");
	cm_journal_close(&j);

	spew(path, "h\n1,\"a\nb");
	ok(cm_journal_open(&j, path, 0, 0, &err) == 0, "open");
	ok(cm_journal_end_torn(&j, 1, &err) == 0, "end_torn inside quotes");
	is_str(slurp(path), "h\n1,\"a\nb\"\n", "a quote and a newline");
	is_int(j.size, 10, "size counts both");
	ok(cm_journal_append(&j, "2\n", 2, &err) == 0, "append after it");
	cm_journal_close(&j);
	unlink(path);
}

/* The text being scanned, for rec to copy records from. */
static const char *scan_text;

struct recs {
	char s[16][64];
	int n;
};

static void
rec(void *arg, size_t start, size_t end)
{
	struct recs *r = arg;

	if (r->n < 16)
		snprintf(r->s[r->n], sizeof(r->s[0]), "%.*s",
		    (int)(end - start), scan_text + start);
	r->n++;
}

/* Scan text from from; want: the records, joined by '|'. */
static void
records(const char *text, size_t from, const char *want, size_t wend,
    int winq, const char *name)
{
	struct recs r = { .n = 0 };
	char got[1024] = "";
	size_t end;
	int inq = -1, i;

	scan_text = text;
	end = cm_journal_records(text, from, strlen(text), 2, rec, &r, &inq,
	    NULL);
	for (i = 0; i < r.n && i < 16; i++) {
		if (i > 0)
			strcat(got, "|");
		strcat(got, r.s[i]);
	}
	is_str(got, want, name);
	ok(end == wend && inq == winq, "%s: end %zu, inq %d", name, end, inq);
}

static void
test_records(void)
{
	records("", 0, "", 0, 0, "empty");
	records("a,b\nc,d\n", 0, "a,b\n|c,d\n", 8, 0, "plain");
	records("a,b\nc,d\n", 4, "c,d\n", 8, 0, "from the middle");
	records("a,\"x\ny\",b\nc\n", 0, "a,\"x\ny\",b\n|c\n", 12, 0,
	    "a quoted newline");
	records("a,\"say \"\"hi\"\"\nthere\"\nc\n", 0,
	    "a,\"say \"\"hi\"\"\nthere\"\n|c\n", 23, 0,
	    "doubled quotes toggle twice");
	records("a,\"\"\nb\n", 0, "a,\"\"\n|b\n", 7, 0, "an empty quoted field");
	records("a\nb,c", 0, "a\n", 2, 0, "torn outside quotes");
	records("a\nb,\"c\nd", 0, "a\n", 2, 1, "torn inside quotes");
	records("a\nb,\"c\"\"", 0, "a\n", 2, 1,
	    "torn inside quotes after a doubled quote");
	records("a\nb,\"c\"", 0, "a\n", 2, 0, "torn after a closing quote");
	records("\"", 0, "", 0, 1, "a lone quote");
	records("x\r\ny\r\n", 0, "x\r\n|y\r\n", 6, 0, "CRLF");
	records("\xef\xbb\xbfh\n1\n", 3, "h\n|1\n", 7, 0, "after a BOM");
	{
		struct recs r = { .n = 0 };
		int inq;

		scan_text = "a\nb\n";
		is_int((long long)cm_journal_records(scan_text, 0, 4, 2, NULL,
		    &r, &inq, NULL), 4, "no callback: the end only");
	}
}

/* Times as a register's log writes them, and one made by hand. */
#define T1	"2026-11-01T09:00:00.000001+08:00"
#define T2	"2026-11-02T09:00:00.000001+08:00"
#define T3	"2026-11-03T09:00:00.000001+08:00"
#define TX	"2026-11-09T09:00:00.5+00:00"

/* Read text with rd (6 fields); the records' recline:damage, '|'-joined. */
static void
rd_all(struct cm_journal_rd *d, struct cm_buf *b)
{
	struct cm_error err;

	while (cm_journal_rd_next(d, "m", &err) == 1)
		cm_buf_printf(b, "%s%ld:%s", b->len ? "|" : "", d->recline,
		    d->damage ? d->damage : "ok");
}

/*
 * A quote that nothing closes, in the middle of a log: its own line is
 * damaged, the lines after it are read as written, by both scanners and
 * across the reader's window; a torn last record stays torn.
 */
static void
test_stray(void)
{
	const char *path = in_dir("stray.csv");
	static const char a[] =
	    T1 ",u,1,f,a,b\n"
	    TX ",root,2,f,a,\"b\n"
	    T2 ",u,1,f,b,c\n"
	    T3 ",u,1,f,c,d\n";
	static const char b[] =
	    T1 ",u,1,f,a,b\n"
	    TX ",root,2,f,a,\"b\n"
	    T2 ",u,1,f,b,\"two\nlines, \"\"x\"\"\"\n"
	    T3 ",u,1,f,c,\"d, e";
	static const char c[] =
	    T1 ",u,1,f,a,b\n"
	    T3 ",u,1,f,c,\"two\n\"\"lines\"\", and mo";
	static const char pasted[] =
	    T1 ",u,1,f,a,\"x\n" T2 ",u,1,f,b,c\"\n";
	struct recs r = { .n = 0 };
	struct cm_journal_rd d;
	struct cm_buf got = { 0 };
	struct cm_error err;
	size_t end, stray, l1 = strlen(T1 ",u,1,f,a,b\n");
	size_t l2 = strlen(TX ",root,2,f,a,\"b\n");
	int inq, fd, i;
	FILE *fp;

	scan_text = a;
	end = cm_journal_records(a, 0, strlen(a), 6, rec, &r, &inq, &stray);
	ok(r.n == 4 && end == strlen(a) && !inq && stray == l1 + l2,
	    "stray: four records, the stray quote's ends at its line");
	scan_text = b;
	r.n = 0;
	end = cm_journal_records(b, 0, strlen(b), 6, rec, &r, &inq, &stray);
	ok(r.n == 3 && inq && stray == l1 + l2 && end == strlen(b) -
	    strlen(T3 ",u,1,f,c,\"d, e"),
	    "stray: a quoted newline after it, then a record torn in quotes");
	scan_text = c;
	r.n = 0;
	end = cm_journal_records(c, 0, strlen(c), 6, rec, &r, &inq, &stray);
	ok(r.n == 1 && end == l1 && inq && stray == 0,
	    "stray: none; a torn record with quotes and a newline is torn");
	scan_text = pasted;
	r.n = 0;
	end = cm_journal_records(pasted, 0, strlen(pasted), 6, rec, &r, &inq,
	    &stray);
	ok(r.n == 1 && end == strlen(pasted) && stray == 0,
	    "stray: none; a balanced value holding a log line is one record");

	cm_journal_rd_mem(&d, b, strlen(b), 0, 1, 6);
	rd_all(&d, &got);
	is_str(got.s, "1:ok|2:a quote that is never closed|3:ok|"
	    "5:cut short: the log ends inside it", "stray: rd over memory");
	cm_journal_rd_free(&d);
	cm_journal_rd_mem(&d, b, strlen(b), 0, 1, 6);
	for (i = 0; i < 3; i++)
		cm_journal_rd_next(&d, "m", &err);
	is_str(cm_journal_rd_get(&d, 5), "two\nlines, \"x\"",
	    "stray: the value after it reads as written");
	cm_journal_rd_free(&d);
	cm_buf_reset(&got);
	cm_journal_rd_mem(&d, c, strlen(c), 0, 1, 6);
	rd_all(&d, &got);
	is_str(got.s, "1:ok|2:cut short: the log ends inside it",
	    "stray: rd, a torn record with quotes and a newline");
	cm_journal_rd_free(&d);

	/* Through a file, the stray quote a window away from the lines. */
	fp = fopen(path, "w");
	fputs(T1 ",u,1,f,a,b\n" TX ",root,2,f,a,\"b", fp);
	for (i = 0; i < 70000; i++)
		fputc(i % 80 == 79 ? '\n' : 'v', fp);
	fputs("\n" T2 ",u,1,f,b,c\n" T3 ",u,1,f,c,d\n", fp);
	fclose(fp);
	fd = cm_journal_open_read(path, &err);
	cm_journal_rd_file(&d, fd, 1 << 20, 6);
	cm_buf_reset(&got);
	rd_all(&d, &got);
	is_str(got.s, "1:ok|2:a quote that is never closed|878:ok|879:ok",
	    "stray: rd over a file, across the window");
	cm_journal_rd_free(&d);
	close(fd);
	cm_buf_free(&got);
	unlink(path);
}

/* The damage-proof record reader, over memory. */
static void
test_rd_mem(void)
{
	static const char m[] = "\xef\xbb\xbf" "a,b,c\n"
	    "\"x\"\"y\",\"p\nq\",z\r\n"
	    "1,2\n"
	    "1,\"2\"x,3\n"
	    "1,2\"3\",4\n"
	    "\n"
	    "a,b,\"c\n";
	struct cm_journal_rd d;
	struct cm_error err;

	cm_journal_rd_mem(&d, m, sizeof(m) - 1, 0, 1, 3);
	ok(cm_journal_rd_next(&d, "m", &err) == 1 && d.damage == NULL &&
	    d.off == 3 && d.recline == 1 && d.end == 9 &&
	    memcmp(d.raw, "a,b,c\n", 6) == 0, "rd: after the BOM, raw");
	is_str(cm_journal_rd_get(&d, 2), "c", "rd: field 3");
	ok(cm_journal_rd_next(&d, "m", &err) == 1 && d.damage == NULL &&
	    d.recline == 2 && d.line == 4, "rd: a quoted newline, CRLF");
	is_str(cm_journal_rd_get(&d, 0), "x\"y", "rd: a doubled quote");
	is_str(cm_journal_rd_get(&d, 1), "p\nq", "rd: a quoted newline");
	is_str(cm_journal_rd_get(&d, 2), "z", "rd: no CR in the last field");
	ok(cm_journal_rd_next(&d, "m", &err) == 1 && d.nf == 2, "rd: short");
	is_str(d.damage, "2 fields, not 3", "rd: too few fields");
	is_str(cm_journal_rd_get(&d, 2), "", "rd: a missing field is empty");
	ok(cm_journal_rd_next(&d, "m", &err) == 1, "rd: next");
	is_str(d.damage, "text after a closing quote", "rd: after a quote");
	is_str(cm_journal_rd_get(&d, 1), "2x", "rd: and it is kept");
	ok(cm_journal_rd_next(&d, "m", &err) == 1 && d.nf == 3, "rd: next");
	is_str(d.damage, "a quote inside an unquoted field",
	    "rd: a stray quote");
	ok(cm_journal_rd_next(&d, "m", &err) == 1, "rd: next");
	is_str(d.damage, "an empty line", "rd: an empty line");
	ok(cm_journal_rd_next(&d, "m", &err) == 1 && d.torn && d.inq,
	    "rd: torn inside quotes");
	is_str(d.damage, "cut short: the log ends inside it", "rd: cut short");
	ok(cm_journal_rd_whole(&d, 1) && !cm_journal_rd_whole(&d, 2),
	    "rd: a torn record's last field is not whole");
	is_int(cm_journal_rd_next(&d, "m", &err), 0, "rd: the end");
	cm_journal_rd_free(&d);

	cm_journal_rd_mem(&d, "a,b,c\n", 6, 0, 1, 2);
	ok(cm_journal_rd_next(&d, "m", &err) == 1 && d.nf == 3,
	    "rd: more fields than kept are counted");
	is_str(d.damage, "3 fields, not 2", "rd: too many fields");
	is_str(cm_journal_rd_get(&d, 2), "", "rd: only nfields are kept");
	cm_journal_rd_free(&d);
}

/*
 * Over a file: a record longer than the first window, and a limit that
 * stops before the last record (a batch in flight).
 */
static void
test_rd_file(void)
{
	const char *path = in_dir("rd.csv");
	struct cm_journal_rd d;
	struct cm_error err;
	char *big = malloc(200020);
	FILE *fp;
	int fd, n = 0;
	long lim;

	memset(big, 'v', 200000);
	fp = fopen(path, "w");
	fprintf(fp, "h,h\nk,%.*s\nx,y\n", 200000, big);
	lim = ftell(fp) - 4;
	fclose(fp);
	fd = cm_journal_open_read(path, &err);
	cm_journal_rd_file(&d, fd, lim, 2);
	while (cm_journal_rd_next(&d, path, &err) == 1) {
		n++;
		if (n == 2)
			ok(d.damage == NULL &&
			    strlen(cm_journal_rd_get(&d, 1)) == 200000 &&
			    d.off == 4 && d.end == lim,
			    "rd file: a record wider than the window");
	}
	is_int(n, 2, "rd file: the limit leaves the last record out");
	is_int(cm_journal_rd_seen(&d), lim, "rd file: seen up to the limit");
	cm_journal_rd_free(&d);
	close(fd);
	free(big);
	unlink(path);
}

static void
test_open_read(void)
{
	struct cm_error err;
	const char *path = in_dir("r.csv");
	char buf[16];
	int fd;

	errno = 0;
	is_int(cm_journal_open_read(path, &err), -1, "missing: -1");
	is_int(errno, ENOENT, "errno ENOENT");
	ok(strstr(err.msg, "r.csv': No such file") != NULL, "err filled: %s",
	    err.msg);
	ok(access(path, F_OK) != 0, "nothing created");
	spew(path, "h\n");
	fd = cm_journal_open_read(path, &err);
	ok(fd >= 0 && read(fd, buf, sizeof(buf)) == 2, "a regular file reads");
	if (fd >= 0)
		close(fd);

	ok(symlink("r.csv", in_dir("rl.csv")) == 0, "link");
	is_int(cm_journal_open_read(in_dir("rl.csv"), &err), -2,
	    "a link: -2");
	ok(strstr(err.msg, "cannot open '") != NULL &&
	    strstr(err.msg, "rl.csv': Too many levels of symbolic links") !=
	    NULL, "msg: %s", err.msg);
	ok(mkfifo(in_dir("rf.csv"), 0600) == 0, "fifo");
	alarm(10);
	is_int(cm_journal_open_read(in_dir("rf.csv"), &err), -2,
	    "a FIFO: -2, without hanging");
	alarm(0);
	ok(strstr(err.msg, "cannot read '") != NULL &&
	    strstr(err.msg, "rf.csv': not a regular file") != NULL, "msg: %s",
	    err.msg);
	is_int(cm_journal_open_read(dir, &err), -2, "a directory: -2");
	unlink(in_dir("rl.csv"));
	unlink(in_dir("rf.csv"));
	unlink(path);
}

/*
 * Protocol B of journal.h, run as it is written there by writers that
 * are killed with SIGKILL at random moments: a journal J of records
 * "seq,text" (text quoted, with newlines and doubled quotes inside, so
 * that a cut can land anywhere in a record) and its commit record S =
 * "B L".  After each kill, a reader without a lock sees exactly a
 * committed journal, and the next writer's recovery leaves exactly the
 * old journal or the new one.
 */
#define KBATCH	40

/* Sanitized builds fork and fsync slower: fewer kills keep it quick. */
#if defined(__SANITIZE_ADDRESS__)
#define KILLS	20
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KILLS	20
#endif
#endif
#ifndef KILLS
#define KILLS	60
#endif

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* S's B and L; -1 when there is no S. */
static int
read_commit(const char *spath, long long *b, long *l)
{
	FILE *fp = fopen(spath, "r");
	int n;

	if (fp == NULL)
		return -1;
	n = fscanf(fp, "%lld %ld", b, l);
	fclose(fp);
	return n == 2 ? 0 : -1;
}

static int
write_commit(const char *spath, long long b, long l, struct cm_error *err)
{
	struct cm_atomic a;

	if (cm_atomic_begin(&a, spath, CM_ATOMIC_LOCK, 10, err) < 0)
		return -1;
	fprintf(a.fp, "%lld %ld\n", b, l);
	return cm_atomic_commit(&a, err);
}

/* The batch that follows the first l records (and the header, at 0). */
static void
batch(struct cm_buf *b, long long at, long l)
{
	long k, i, len;

	cm_buf_reset(b);
	if (at == 0)
		cm_buf_adds(b, "seq,text\n");
	for (k = l + 1; k <= l + KBATCH; k++) {
		cm_buf_printf(b, "%ld,\"line one\nline \"\"two\"\" ", k);
		len = 977 * k % 20000;
		for (i = 0; i < len; i++)
			cm_buf_addc(b, (char)('a' + (k + i) % 26));
		cm_buf_adds(b, "\"\n");
	}
}

/* Step 1: the lock held, cut J back to S's B; J created when missing. */
static int
recover(struct cm_journal *j, const char *jpath, const char *spath,
    long long *b, long *l, struct cm_error *err)
{
	if (read_commit(spath, b, l) < 0)
		return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "no S");
	if (cm_journal_open(j, jpath, 1, 0644, err) < 0)
		return -1;
	if (j->size > *b && cm_journal_cut(j, *b, err) < 0)
		return -1;
	return j->size == *b ? 0 : cm_error_set(err, CM_SYSTEM, NULL, 0, 0,
	    "J shorter than S");
}

/*
 * One append, steps 1 to 4; the exit status says how far it got.  A
 * byte on fd says the append is about to start.
 */
static void
writer(const char *jpath, const char *spath, int fd)
{
	struct cm_journal j;
	struct cm_error err;
	struct cm_buf b = { 0 };
	long long at;
	long l;
	int lock;

	if ((lock = cm_lock(jpath, 10, &err)) < 0 ||
	    recover(&j, jpath, spath, &at, &l, &err) < 0)
		_exit(2);
	batch(&b, at, l);
	if (write(fd, "a", 1) != 1 ||
	    cm_journal_append(&j, b.s, b.len, &err) < 0 ||
	    write_commit(spath, at + (long long)b.len, l + KBATCH, &err) < 0)
		_exit(3);
	_exit(0);
}

/*
 * What a reader sees: the records of J up to S's B, each whole and in
 * sequence after the header.  Returns the number of records, or -1.
 */
static long
reader(const char *jpath, const char *spath)
{
	struct cm_journal_rd d;
	struct cm_error err;
	long long at;
	long l, n = 0, bad = 0;
	int fd;

	if (read_commit(spath, &at, &l) < 0)
		return -1;
	if ((fd = cm_journal_open_read(jpath, &err)) < 0)
		return fd == -1 && at == 0 && l == 0 ? 0 : -1;
	cm_journal_rd_file(&d, fd, at, 2);
	while (cm_journal_rd_next(&d, jpath, &err) == 1) {
		if (d.damage != NULL || (n == 0 ?
		    strcmp(cm_journal_rd_get(&d, 0), "seq") != 0 :
		    atol(cm_journal_rd_get(&d, 0)) != n))
			bad++;
		n++;
	}
	cm_journal_rd_free(&d);
	close(fd);
	return bad == 0 && (n == 0 ? l == 0 : n - 1 == l) ? l : -1;
}

static char *
slurp_all(const char *path, size_t *n)
{
	struct cm_buf b = { 0 };
	char buf[65536];
	FILE *fp = fopen(path, "r");
	size_t k;

	if (fp != NULL) {
		while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
			cm_buf_add(&b, buf, k);
		fclose(fp);
	}
	*n = b.len;
	cm_buf_addc(&b, '\0');
	return b.s;
}

static void
test_kill_loop(void)
{
	char *jpath = strdup(in_dir("k.csv"));
	char *spath = cm_journal_sibling(jpath, ".bal");
	struct cm_buf next = { 0 };
	struct cm_journal j;
	struct cm_error err;
	unsigned seed = 20261129;
	int iter, iters = KILLS, st, seen = 0, exact = 0, n_old = 0, n_new = 0;
	int n_torn = 0, lock;
	long long at;
	long l;
	size_t nold, ncur;
	char *old, *cur;
	double t0, tc, dur = 0, dcommit = 0;
	struct timespec ts;
	int fds[2], n_ahead = 0;
	pid_t pid;
	char c;

	/* I3: S (B = 0) before J. */
	ok(write_commit(spath, 0, 0, &err) == 0, "kill loop: S with B = 0");
	for (iter = 0; iter <= iters; iter++) {
		old = slurp_all(jpath, &nold);
		if (read_commit(spath, &at, &l) < 0) {
			ok(0, "kill loop: S is readable at iteration %d", iter);
			free(old);
			break;
		}
		batch(&next, at, l);
		fflush(stdout);
		if (pipe(fds) != 0)
			exit(99);
		t0 = now();
		if ((pid = fork()) == 0)
			writer(jpath, spath, fds[1]);
		close(fds[1]);
		if (iter == 0) {
			/* A whole append first, to aim the kills. */
			(void)!read(fds[0], &c, 1);
			tc = now();
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			dur = now() - t0;
			dcommit = now() - tc;
			close(fds[0]);
			ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
			    "kill loop: an append (%.2f ms, from the write "
			    "%.2f ms)", dur * 1e3, dcommit * 1e3);
			free(old);
			continue;
		}
		/*
		 * Odd iterations kill at any moment after the fork, even
		 * ones at any moment after the write starts.
		 */
		if (iter % 2)
			t0 = dur * 1.2 * rand_r(&seed) / RAND_MAX;
		else
			t0 = read(fds[0], &c, 1) == 1 ?
			    dcommit * 1.2 * rand_r(&seed) / RAND_MAX : 0;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(t0 * 1e9);
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		close(fds[0]);
		cur = slurp_all(jpath, &ncur);
		(void)read_commit(spath, &at, &l);
		n_ahead += (long long)ncur > at;
		n_torn += ncur > nold && ncur < nold + next.len;
		free(cur);

		/* A reader, before any repair, sees a committed journal. */
		seen += reader(jpath, spath) >= 0;

		/* The next writer's recovery: the old journal or the new. */
		if ((lock = cm_lock(jpath, 10, &err)) >= 0 &&
		    recover(&j, jpath, spath, &at, &l, &err) == 0) {
			cm_journal_close(&j);
			cur = slurp_all(jpath, &ncur);
			if ((long long)ncur != at)
				printf("# iteration %d: J is %zu bytes, S says "
				    "%lld\n", iter, ncur, at);
			else if (ncur == nold && memcmp(cur, old, nold) == 0)
				n_old++, exact++;
			else if (ncur == nold + next.len &&
			    memcmp(cur, old, nold) == 0 &&
			    memcmp(cur + nold, next.s, next.len) == 0)
				n_new++, exact++;
			else
				printf("# iteration %d: J is %zu bytes, "
				    "neither\n", iter, ncur);
			free(cur);
		} else
			printf("# iteration %d: %s\n", iter, err.msg);
		cm_unlock(lock);
		free(old);
	}
	is_int(seen, iters, "kill loop: a reader sees exactly a committed "
	    "journal after every kill");
	is_int(exact, iters, "kill loop: the recovery leaves exactly the "
	    "old journal or the new one");
	printf("# %d kills: %d left the old journal, %d the new; %d left J "
	    "ahead of S, %d of them inside the batch's bytes\n", iters,
	    n_old, n_new, n_ahead, n_torn);
	is_int(reader(jpath, spath), (long)n_new * KBATCH + KBATCH,
	    "kill loop: every committed batch is there, in order");
	cm_buf_free(&next);
	unlink(jpath);
	unlink(spath);
	free(jpath);
	free(spath);
	unlink(in_dir("k.csv.lock"));
	unlink(in_dir("k.bal.lock"));
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/t-journal.XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 99;
	}
	cm_setprogname("t-journal");

	test_sibling();
	test_open();
	test_append();
	test_append_cut_back();
	test_cut_end_torn();
	test_records();
	test_rd_mem();
	test_stray();
	test_rd_file();
	test_open_read();
	test_kill_loop();

	rmdir(dir);
	return done_testing();
}
