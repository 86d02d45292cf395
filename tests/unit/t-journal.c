/*
 * t-journal.c: the append-only journal of journal.h: sibling paths,
 * open (mode, creation, links and FIFOs refused), append and read back,
 * a failing append cut back (a size changed behind its back, a write
 * the file size limit cuts short), cut, end_torn, the record scan over
 * quoted newlines and doubled quotes, torn inside and outside quotes,
 * and open_read refusing links and FIFOs without hanging.
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
#include <unistd.h>

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
	end = cm_journal_records(text, from, strlen(text), rec, &r, &inq);
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
		is_int((long long)cm_journal_records(scan_text, 0, 4, NULL,
		    &r, &inq), 4, "no callback: the end only");
	}
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
	test_open_read();

	rmdir(dir);
	return done_testing();
}
