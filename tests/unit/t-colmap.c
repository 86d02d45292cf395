/*
 * t-colmap.c: header aliases (colmap.h): map files, --map additions, which
 * one wins, trimming and case, and the errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "colmap.h"
#include "msg.h"
#include "tap.h"

#define IDSP	"\xe3\x80\x80"	/* U+3000 IDEOGRAPHIC SPACE */

static char path[] = "/tmp/t-colmap.XXXXXX";

static void
write_map(const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

static void
maps(const struct cm_colmap *m, const char *name, const char *want)
{
	char *buf = malloc(strlen(name) + 1);
	char label[160];

	snprintf(label, sizeof(label), "'%s' -> '%s'", name, want);
	is_str(cm_colmap_get(m, name, buf), want, label);
	free(buf);
}

static void
test_load(void)
{
	struct cm_colmap *m = cm_colmap_new();
	struct cm_error err;

	write_map("# columns.map\n"
	    "\n"
	    "总体评价=overall\n"
	    "  客户名称 = customer \n"
	    IDSP "料号" IDSP "=part_no\n"
	    "\t# an indented comment\n"
	    "Qty=QTY\n"
	    "Part No.=Part_No\n");
	memset(&err, 0, sizeof(err));
	is_int(cm_colmap_load(m, path, &err), 0, "load a map file");
	maps(m, "总体评价", "overall");
	maps(m, "客户名称", "customer");
	maps(m, " 客户名称\t", "customer");
	maps(m, IDSP "总体评价" IDSP, "overall");
	maps(m, "料号", "part_no");
	maps(m, "qty", "qty");
	maps(m, "QTY", "qty");
	maps(m, "part no.", "part_no");
	maps(m, "PART NO.", "part_no");
	/* Not mapped: the name itself, trimmed, ASCII folded. */
	maps(m, "品名", "品名");
	maps(m, " Unknown Name ", "unknown name");
	maps(m, IDSP "spec" IDSP, "spec");
	maps(m, "", "");
	/* A comment line is not a mapping. */
	maps(m, "# columns.map", "# columns.map");
	cm_colmap_free(m);
}

static void
test_add(void)
{
	struct cm_colmap *m = cm_colmap_new();
	struct cm_error err;
	char buf[64];
	const char *got;

	write_map("总体评价=overall\n满意度=overall\n满意度=rating\n");
	memset(&err, 0, sizeof(err));
	is_int(cm_colmap_load(m, path, &err), 0, "load");
	maps(m, "满意度", "rating");	/* the later line of the file wins */

	is_int(cm_colmap_add(m, "总体评价=score", &err), 0,
	    "--map 总体评价=score");
	maps(m, "总体评价", "score");	/* --map wins over the file */
	is_int(cm_colmap_add(m, "总体评价=overall", &err), 0,
	    "--map 总体评价=overall");
	maps(m, "总体评价", "overall");	/* and the last --map wins */

	is_int(cm_colmap_add(m, " Delivery Date = Date ", &err), 0,
	    "--map with spaces and capitals");
	maps(m, "delivery date", "date");
	maps(m, "DELIVERY DATE", "date");
	is_int(cm_colmap_add(m, IDSP "交期" IDSP "=" IDSP "delivery", &err), 0,
	    "--map with ideographic spaces");
	maps(m, "交期", "delivery");

	/* A mapped result lives in m, an unmapped one in buf. */
	got = cm_colmap_get(m, "交期", buf);
	ok(got != buf, "a mapped name is not copied into buf");
	got = cm_colmap_get(m, "Other", buf);
	ok(got == buf && strcmp(buf, "other") == 0,
	    "an unmapped name is folded into buf");
	cm_colmap_free(m);

	/* Without a map. */
	maps(NULL, " Overall ", "overall");
	maps(NULL, "总体评价", "总体评价");
}

static void
add_fails(struct cm_colmap *m, const char *spec)
{
	struct cm_error err;
	char want[256];

	memset(&err, 0, sizeof(err));
	ok(cm_colmap_add(m, spec, &err) == -1, "--map '%s' fails", spec);
	is_int(err.status, CM_USAGE, "  status 2");
	snprintf(want, sizeof(want),
	    "invalid column mapping '%s' (expected OLD=NEW)", spec);
	is_str(err.msg, want, "  message");
}

static void
load_fails(const char *name, const char *text, long line, const char *msg)
{
	struct cm_colmap *m = cm_colmap_new();
	struct cm_error err;
	char label[160];

	write_map(text);
	memset(&err, 0, sizeof(err));
	ok(cm_colmap_load(m, path, &err) == -1, "%s: load fails", name);
	snprintf(label, sizeof(label), "  %s: status 2", name);
	is_int(err.status, CM_USAGE, label);
	snprintf(label, sizeof(label), "  %s: file", name);
	is_str(err.file, path, label);
	snprintf(label, sizeof(label), "  %s: line", name);
	is_int(err.line, line, label);
	snprintf(label, sizeof(label), "  %s: message", name);
	is_str(err.msg, msg, label);
	cm_colmap_free(m);
}

static void
test_errors(void)
{
	struct cm_colmap *m = cm_colmap_new();
	struct cm_error err;

	add_fails(m, "overall");
	add_fails(m, "=overall");
	add_fails(m, "总体评价=");
	add_fails(m, " = ");
	add_fails(m, IDSP "=" IDSP);
	add_fails(m, "");
	/* The failures left nothing behind; the map still works. */
	is_int(cm_colmap_add(m, "a=b", &err), 0, "a good --map after bad ones");
	maps(m, "a", "b");
	maps(m, "overall", "overall");
	cm_colmap_free(m);

	load_fails("line without '='", "a=b\n\nbad line\nc=d\n", 3,
	    "invalid column mapping 'bad line' (expected OLD=NEW)");
	load_fails("empty old name", "# x\n =b\n", 2,
	    "invalid column mapping '=b' (expected OLD=NEW)");
	load_fails("empty new name", "a=\n", 1,
	    "invalid column mapping 'a=' (expected OLD=NEW)");

	unlink(path);
	m = cm_colmap_new();
	memset(&err, 0, sizeof(err));
	ok(cm_colmap_load(m, path, &err) == -1 && err.status == CM_SYSTEM,
	    "a missing map file is a system error");
	ok(cm_colmap_load(m, "/tmp", &err) == -1 && err.status == CM_SYSTEM,
	    "a directory is a system error, not an empty map");
	is_str(err.msg, "cannot read column map '/tmp': Is a directory",
	    "  saying so");
	alarm(10);
	ok(cm_colmap_load(m, "/dev/zero", &err) == -1 &&
	    err.status == CM_SYSTEM, "/dev/zero: a system error, at once");
	alarm(0);
	cm_colmap_free(m);

	/* Written with fwrite: the strings of load_fails end at a NUL. */
	{
		FILE *f = fopen(path, "w");

		fwrite("a=b\nc\0=d\n", 1, 9, f);
		fclose(f);
		m = cm_colmap_new();
		ok(cm_colmap_load(m, path, &err) == -1 &&
		    err.status == CM_USAGE && err.line == 2 &&
		    strcmp(err.msg, "NUL byte in column map") == 0,
		    "a NUL byte is a bad map at its line");
		cm_colmap_free(m);
	}
}

/* The Chinese header written under --lang zh (cm_colmap_zh). */
static void
test_zh(void)
{
	struct cm_colmap *m = cm_colmap_new();
	struct cm_error err;

	write_map("# q\nQuality=quality\n产品品质=quality\n產品品質=quality\n"
	    "客户名称=customer\n客户=customer\n");
	ok(cm_colmap_load(m, path, &err) == 0, "a map with Chinese names");
	is_str(cm_colmap_zh(m, "quality"), "产品品质",
	    "zh: the first Chinese name, past an ASCII one");
	is_str(cm_colmap_zh(m, "customer"), "客户名称",
	    "zh: the first of two");
	ok(cm_colmap_zh(m, "rate") == NULL, "zh: none for an unlisted name");
	ok(cm_colmap_zh(m, "产品品质") == NULL,
	    "zh: looked up by the canonical name, not an alias");
	ok(cm_colmap_zh(NULL, "quality") == NULL, "zh: no map, no name");
	ok(cm_colmap_zh_user(m, "customer") == NULL,
	    "zh_user: none before a --map");
	cm_colmap_add(m, "cust=customer", &err);
	is_str(cm_colmap_zh(m, "customer"), "客户名称",
	    "zh: an ASCII --map name is not Chinese");
	cm_colmap_add(m, "顾客=customer", &err);
	cm_colmap_add(m, "客人=customer", &err);
	is_str(cm_colmap_zh(m, "customer"), "客人",
	    "zh: the last --map name wins over the file, as in reading");
	maps(m, "客人", "customer");
	is_str(cm_colmap_zh_user(m, "customer"), "客人",
	    "zh_user: the last --map name");
	ok(cm_colmap_zh_user(m, "quality") == NULL,
	    "zh_user: a file's name is not the user's");
	cm_colmap_free(m);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0) {
		perror(path);
		return 99;
	}
	close(fd);
	test_load();
	test_add();
	test_errors();
	test_zh();
	unlink(path);
	return done_testing();
}
