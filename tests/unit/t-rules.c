/*
 * t-rules.c: rule lists (rules.h): the file format, first match wins,
 * errors with file:line and PCRE2's message, and the shipped
 * share/cm/causes.rules (with causes.category) on realistic complaint
 * descriptions.  Run from the top of the tree, as make check does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bounds.h"
#include "buf.h"
#include "msg.h"
#include "rules.h"
#include "tap.h"

#define CAUSES		"share/cm/causes.rules"
#define CATEGORIES	"share/cm/causes.category"

static struct cm_error err;

static int
parse(struct cm_rules *rs, const char *text)
{
	memset(&err, 0, sizeof(err));
	return cm_rules_parse(rs, "t.rules", text, strlen(text), &err);
}

/* The name of the rule text falls under, "-" for none, "!" on error. */
static const char *
classify(struct cm_rules *rs, const char *text, long *line)
{
	size_t i, n = strlen(text);
	char *copy = malloc(n ? n : 1);
	int rc;

	/* No NUL after the text, as with a CSV field: ASan sees overreads. */
	memcpy(copy, text, n);
	memset(&err, 0, sizeof(err));
	rc = cm_rules_match(rs, copy, n, 0, &i, NULL, &err);
	free(copy);
	if (rc < 0)
		return "!";
	if (rc == 0)
		return "-";
	if (line != NULL)
		*line = rs->v[i].line;
	return rs->v[i].name;
}

static void
test_format(void)
{
	struct cm_rules rs;
	struct cm_span sp;
	size_t i;
	long line = 0;
	const char *text =
	    "\xef\xbb\xbf# causes\r\n"
	    "\r\n"
	    "   \t \n"
	    "  # indented comment\n"
	    "late_delivery\t交[货貨]延[迟遲]\r\n"
	    "late_delivery\t(?i)\\blate delivery\\b\n"
	    "wrong_shipment\t[发發][错錯]\n"
	    "交期\t(?i)due date with spaces \n"
	    "other\t\\S";		/* no newline at the end */

	is_int(parse(&rs, text), 0, "rule file parses");
	is_int((long long)rs.n, 5, "five rules");
	is_str(rs.v[0].name, "late_delivery", "first name");
	is_int(rs.v[0].line, 5, "first rule on line 5 (BOM, CRLF, comments)");
	is_int(rs.v[1].line, 6, "second rule on line 6");
	is_str(rs.v[3].name, "交期", "a Chinese name");
	is_int(rs.v[4].line, 9, "last line without a newline");
	is_str(rs.file, "t.rules", "file name kept");

	is_str(classify(&rs, "交货延迟三天", &line), "late_delivery",
	    "Chinese text");
	is_int(line, 5, "matched on line 5");
	is_str(classify(&rs, "交貨延遲", NULL), "late_delivery",
	    "traditional characters");
	is_str(classify(&rs, "A LATE DELIVERY again", &line), "late_delivery",
	    "English text, caseless by (?i)");
	is_int(line, 6, "matched by the English rule on line 6");
	is_str(classify(&rs, "发错货", NULL), "wrong_shipment", "third rule");
	is_str(classify(&rs, "due date with spaces ", NULL), "交期",
	    "spaces at the end of a pattern are kept");
	is_str(classify(&rs, "due date with spaces", NULL), "other",
	    "... and required");
	is_str(classify(&rs, "something else", NULL), "other", "catch-all");
	is_str(classify(&rs, " \t", NULL), "-", "blank text matches none");
	is_str(classify(&rs, "", NULL), "-", "empty text matches none");

	/* First match wins, even when a later rule also matches. */
	is_str(classify(&rs, "发错货，交货延迟", &line), "late_delivery",
	    "first of two matching rules wins");
	is_int(cm_rules_match(&rs, "x发错", strlen("x发错"), 0, &i, &sp,
	    &err), 1, "match with span");
	is_int((long long)i, 2, "index of the rule");
	is_int((long long)sp.start, 1, "span start");
	is_int((long long)sp.end, 7, "span end");
	cm_rules_free(&rs);
	is_int((long long)rs.n, 0, "freed list is empty");
	cm_rules_free(&rs);
	ok(1, "freeing twice is harmless");

	is_int(parse(&rs, "b\tx\na\tx\n"), 0, "order is file order");
	is_str(classify(&rs, "x", NULL), "b", "not sorted by name");
	cm_rules_free(&rs);
}

/* text must fail with status and "t.rules:line: msg". */
static void
bad(const char *text, long line, const char *msg)
{
	struct cm_rules rs;
	char got[1024];

	ok(parse(&rs, text) < 0, "refused: %s", msg);
	snprintf(got, sizeof(got), "%s:%ld: %s", err.file ? err.file : "-",
	    err.line, err.msg);
	{
		char want[1024];

		snprintf(want, sizeof(want), "t.rules:%ld: %s", line, msg);
		is_str(got, want, "message");
	}
	is_int(err.status, CM_USAGE, "usage error");
	is_int((long long)rs.n, 0, "nothing left to free");
}

static void
test_errors(void)
{
	struct cm_rules rs;

	bad("a\tx\n# c\nlate_delivery 交货延迟\n", 3,
	    "expected CAUSE<TAB>PATTERN, found no tab");
	bad("\tx\n", 1, "empty cause name before the tab");
	bad("ok\tx\n\n(a\tb\nc\t(d\n", 4,
	    "bad pattern: missing closing parenthesis at offset 2");
	bad("x\t交货(延迟\n", 1,
	    "bad pattern: missing closing parenthesis at offset 13");
	bad("x\t[a-\n", 1,
	    "bad pattern: missing terminating ] for character class at "
	    "offset 3");
	bad("late\t\tx\n", 1,
	    "expected CAUSE<TAB>PATTERN, found a second tab (write \\t for a "
	    "tab in a pattern)");
	bad("late\tx\ty\n", 1,
	    "expected CAUSE<TAB>PATTERN, found a second tab (write \\t for a "
	    "tab in a pattern)");
	bad("late\t\n", 1, "empty pattern after the tab");
	bad("late\t\r\n", 1, "empty pattern after the tab");
	bad(" late\tx\n", 1, "cause name ' late' has spaces around it");
	bad("late \tx\n", 1, "cause name 'late ' has spaces around it");
	bad("la\rte\tx\n", 1, "control character 0x0d in cause name");
	bad("la\xfft\tx\n", 1, "cause name is not valid UTF-8");
	bad("x\tab\xff\n", 1,
	    "bad pattern: UTF-8 error: illegal byte (0xfe or 0xff) at "
	    "offset 2");
	bad("x\t\\C\n", 1,
	    "bad pattern: using \\C is disabled by the application at "
	    "offset 2");

	/* A NUL inside a line: memory parsing must not stop there. */
	ok(cm_rules_parse(&rs, "t.rules", "a\tb\nc\0d\te\n", 10, &err) < 0,
	    "NUL byte refused");
	is_str(err.msg, "NUL byte in rule file", "NUL message");
	is_int(err.line, 2, "NUL line");

	/* No rules at all is a usage error, naming the file only. */
	ok(parse(&rs, "# only comments\n\n") < 0, "no rules refused");
	is_str(err.msg, "no rules (expected CAUSE<TAB>PATTERN lines)",
	    "no rules message");
	is_int(err.line, 0, "no line for an empty file");
	ok(cm_rules_parse(&rs, "t.rules", "", 0, &err) < 0,
	    "empty text refused");
}

static void
test_load(void)
{
	struct cm_rules rs;
	char path[] = "/tmp/t-rules.XXXXXX";
	const char *body = "x\tok\n\ny\t(\n";
	int fd;

	memset(&err, 0, sizeof(err));
	ok(cm_rules_load(&rs, "/nonexistent/causes.rules", &err) < 0,
	    "missing file refused");
	is_str(err.msg, "cannot open rule file '/nonexistent/causes.rules': "
	    "No such file or directory", "missing file message");
	is_int(err.status, CM_USAGE, "missing file is a usage error");

	if ((fd = mkstemp(path)) < 0 ||
	    write(fd, body, strlen(body)) != (ssize_t)strlen(body)) {
		ok(0, "temporary file");
		return;
	}
	close(fd);
	ok(cm_rules_load(&rs, path, &err) < 0, "bad file refused");
	is_str(err.file, path, "error names the path");
	is_int(err.line, 3, "and the line");
	is_str(err.msg, "bad pattern: missing closing parenthesis at offset 1",
	    "and PCRE2's message with the offset");
	unlink(path);
}

/* A rule file is a settings file (lines.h): bounded, regular files only. */
static void
test_load_hostile(void)
{
	struct cm_rules rs;
	struct cm_buf b = {0};
	size_t i;

	alarm(10);
	memset(&err, 0, sizeof(err));
	ok(cm_rules_load(&rs, "/dev/zero", &err) < 0 &&
	    err.status == CM_SYSTEM, "/dev/zero as rules: a system error");
	is_str(err.msg, "cannot read rule file '/dev/zero': a device, not a "
	    "regular file", "  at once, saying why");
	alarm(0);
	ok(cm_rules_load(&rs, "/tmp", &err) < 0 && err.status == CM_SYSTEM,
	    "a directory as rules: a system error");
	is_str(err.msg, "cannot read rule file '/tmp': Is a directory",
	    "  saying so");
	cm_buf_adds(&b, "late\t");
	for (i = 0; i < CM_LINE_MAX; i++)
		cm_buf_addc(&b, 'x');
	ok(cm_rules_parse(&rs, "long.rules", b.s, b.len, &err) < 0 &&
	    err.status == CM_USAGE && err.line == 1 &&
	    strcmp(err.msg, "line longer than 1048576 bytes") == 0,
	    "a rule past CM_LINE_MAX: a bad rule file at its line");
	/* At the limit: a comment, as PCRE2 would not take such a pattern. */
	cm_buf_reset(&b);
	cm_buf_adds(&b, "late\tlate\n# ");
	for (i = 2; i < CM_LINE_MAX; i++)
		cm_buf_addc(&b, 'x');
	cm_buf_adds(&b, "\r\nlabel\tlabel\n");
	ok(cm_rules_parse(&rs, "max.rules", b.s, b.len, &err) == 0 &&
	    rs.n == 2 && rs.v[1].line == 3,
	    "a line of CM_LINE_MAX bytes (and a CR) is read");
	cm_rules_free(&rs);
	cm_buf_free(&b);
}

static void
test_limit(void)
{
	struct cm_rules rs;
	const char *s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";

	is_int(parse(&rs, "# pathological\nbad\t(a+)+$\nother\t\\S\n"), 0,
	    "pathological rule parses");
	is_str(classify(&rs, s, NULL), "!",
	    "match limit is an error, not a fall-through to the next rule");
	is_int(err.status, CM_DATA, "limit is a data error");
	is_str(err.msg, "pattern at t.rules:2 exceeded its match limit (too "
	    "much backtracking: look for a nested repeat such as (a+)+)",
	    "message names the rule's file and line");
	is_str(classify(&rs, "aaa", NULL), "bad",
	    "the same rule on a short text matches");
	is_str(classify(&rs, "bb", NULL), "other", "and falls through");
	/* Invalid UTF-8 without CM_RE_VALID_UTF8 is reported, not a crash. */
	is_str(classify(&rs, "ab\xe6", NULL), "!", "invalid UTF-8 subject");
	is_int(err.status, CM_DATA, "invalid UTF-8 is a data error");
	cm_rules_free(&rs);
}

/* Read causes.category into a buffer of "NAME\tCATEGORY\n" lines. */
static int
category_of(const char *table, const char *cause, char *out, size_t n)
{
	const char *p = table;
	size_t len = strlen(cause);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, cause, len) == 0 && p[len] == '\t') {
			size_t k = strcspn(p + len + 1, "\t\r\n");

			snprintf(out, n, "%.*s", (int)k, p + len + 1);
			return 1;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return 0;
}

static char *
slurp(const char *path)
{
	struct cm_buf b = {0};
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		cm_buf_add(&b, chunk, n);
	fclose(fp);
	cm_buf_addc(&b, '\0');
	return b.s;
}

static void
test_categories(struct cm_rules *rs)
{
	static const char *seed15[] = {
		"document_error", "finance_error", "material_not_per_spec",
		"rejects_mixed_in", "over_shipment", "production_data_reduced",
		"special_requirement_not_passed_on", "order_entry_error",
		"late_delivery", "wrong_shipment", "delivery_note_error",
		"storage_transport_damage", "label_not_to_spec",
		"inspection_data_mismatch", "other",
	};
	char *table = slurp(CATEGORIES), cat[64];
	size_t i, j, bad_cat = 0, seen;

	if (!ok(table != NULL, "%s readable", CATEGORIES))
		return;
	for (i = 0; i < rs->n; i++)
		if (!category_of(table, rs->v[i].name, cat, sizeof(cat)) ||
		    (strcmp(cat, "quality") != 0 &&
		    strcmp(cat, "non-quality") != 0)) {
			printf("# no category for %s (line %ld)\n",
			    rs->v[i].name, rs->v[i].line);
			bad_cat++;
		}
	is_int((long long)bad_cat, 0,
	    "every cause has category quality or non-quality");
	for (i = 0; i < sizeof(seed15) / sizeof(seed15[0]); i++) {
		for (seen = 0, j = 0; j < rs->n; j++)
			seen += strcmp(rs->v[j].name, seed15[i]) == 0;
		ok(seen > 0 && category_of(table, seed15[i], cat, sizeof(cat))
		    && strcmp(cat, "non-quality") == 0,
		    "004/3 cause %zu %s has rules and is non-quality", i + 1,
		    seed15[i]);
	}
	ok(category_of(table, "dimension", cat, sizeof(cat)) &&
	    strcmp(cat, "quality") == 0, "dimension is a quality cause");
	ok(strcmp(rs->v[rs->n - 1].name, "other") == 0,
	    "the last rule is the catch-all other");
	free(table);
}

static void
test_causes(void)
{
	static const struct {
		const char *text, *cause;
	} cases[] = {
		/* Descriptions as a sales office writes them. */
		{"客户反映交货延迟3天，影响其生产线", "late_delivery"},
		{"貨物晚到兩天，客戶要求賠償", "late_delivery"},
		{"交货期延误了一周", "late_delivery"},
		{"The shipment arrived two weeks late", "late_delivery"},
		{"Goods delivered 5 days late, line stopped", "late_delivery"},
		{"客户收到的货是别的型号，发错货了", "wrong_shipment"},
		{"少发了200片", "wrong_shipment"},
		{"We received the wrong part number", "wrong_shipment"},
		{"送货单上数量写错，与实际不符", "delivery_note_error"},
		{"Packing list does not match the goods received",
		    "delivery_note_error"},
		{"外箱破损，运输途中被压坏", "storage_transport_damage"},
		{"倉儲保管不當，產品受潮", "storage_transport_damage"},
		{"Cartons crushed during transit, 20 boards damaged",
		    "storage_transport_damage"},
		{"标签与规格不符，客户拒收", "label_not_to_spec"},
		{"Labels on the reels do not match the specification",
		    "label_not_to_spec"},
		{"检验报告中的数据与实测不一致", "inspection_data_mismatch"},
		{"COA不符，客户要求重新提供", "inspection_data_mismatch"},
		{"Test report data does not match the measured values",
		    "inspection_data_mismatch"},
		{"发票金额错误，多开了5000元", "finance_error"},
		{"Customer was overcharged on invoice 2023-118",
		    "finance_error"},
		{"订单误记，把1.6mm写成了1.0mm", "order_entry_error"},
		{"The order was entered wrongly by sales",
		    "order_entry_error"},
		{"客户特殊要求未传达给生产部门",
		    "special_requirement_not_passed_on"},
		{"Special requirement for gold thickness was not communicated "
		    "to production", "special_requirement_not_passed_on"},
		{"不良品混入良品中出货", "rejects_mixed_in"},
		{"Rejected boards mixed with good ones in lot 23",
		    "rejects_mixed_in"},
		{"未经客户同意超量交货2000片", "over_shipment"},
		{"We shipped more than ordered without approval",
		    "over_shipment"},
		{"擅自减少工序导致问题", "production_data_reduced"},
		{"用错料，板材规格不符", "material_not_per_spec"},
		{"Wrong material used: FR4 instead of high-Tg",
		    "material_not_per_spec"},
		{"附样寄错了", "document_error"},
		{"Wrong drawings were sent with the goods", "document_error"},
		{"包装不良导致产品受损", "packaging_damage"},
		{"上锡不良，虚焊", "solderability"},
		{"Poor wetting on pads, solderability issue", "solderability"},
		{"板材分层起泡", "material_defect"},
		{"Delamination after reflow", "material_defect"},
		{"PCB板尺寸超差", "dimension"},
		{"孔径偏小，元件插不进去", "dimension"},
		{"Hole size out of tolerance", "dimension"},
		{"板面划伤严重", "appearance"},
		{"We received scratched boards", "appearance"},
		{"通电后短路，功能失效", "function_failure"},
		{"Boards do not work after assembly, open circuit",
		    "function_failure"},
		{"客户不满意服务态度", "other"},
		/* Near misses that must not be taken for a cause. */
		{"此问题多发，请尽快处理", "other"},
		{"plate thickness too thin", "dimension"},
		{"信号延迟", "other"},
		/* 004/3 §4 itself, items 1 to 15, in the seed's words. */
		{"因票據錯誤或附樣等資料錯誤遭客戶投訴者", "document_error"},
		{"因財務錯誤遭客戶投訴者", "finance_error"},
		{"未依「製作規範」予以備料、用料遭致客戶投訴者",
		    "material_not_per_spec"},
		{"經剔除的不合格產品混入正常品繳庫遭致客戶投訴者",
		    "rejects_mixed_in"},
		{"成品交運超出應收範圍未經客戶同意遭客戶投訴者",
		    "over_shipment"},
		{"擅自減少有關生產資料者", "production_data_reduced"},
		{"業務人員對於特殊質量要求，未反映給有關部門遭客戶投訴者",
		    "special_requirement_not_passed_on"},
		{"訂單誤記造成錯誤者", "order_entry_error"},
		{"交貨延遲者", "late_delivery"},
		{"裝運錯誤者", "wrong_shipment"},
		{"交貨單誤記交運錯誤者", "delivery_note_error"},
		{"倉儲保管不當及運輸上出問題者", "storage_transport_damage"},
		{"外觀標示不符規格者", "label_not_to_spec"},
		{"檢驗資料不符", "inspection_data_mismatch"},
		{"其他", "other"},
		/* The same in simplified characters. */
		{"因票据错误或附样等资料错误遭客户投诉者", "document_error"},
		{"因财务错误遭客户投诉者", "finance_error"},
		{"经剔除的不合格产品混入正常品缴库", "rejects_mixed_in"},
		{"擅自减少有关生产资料者", "production_data_reduced"},
		{"订单误记造成错误者", "order_entry_error"},
		{"交货延迟者", "late_delivery"},
		{"装运错误者", "wrong_shipment"},
		{"交货单误记交运错误者", "delivery_note_error"},
		{"仓储保管不当及运输上出问题者", "storage_transport_damage"},
		{"外观标示不符规格者", "label_not_to_spec"},
		{"检验资料不符", "inspection_data_mismatch"},
	};
	struct cm_rules rs;
	size_t i;
	char name[512];
	long line;
	int jit = 0;

	memset(&err, 0, sizeof(err));
	if (!ok(cm_rules_load(&rs, CAUSES, &err) == 0, "%s compiles",
	    CAUSES)) {
		printf("#   %s:%ld: %s\n", err.file ? err.file : "-",
		    err.line, err.msg);
		return;
	}
	ok(rs.n >= 21, "%s has %zu rules", CAUSES, rs.n);
	for (i = 0; i < rs.n; i++)
		jit += cm_regex_jitted(rs.v[i].re);
	printf("# %d of %zu rules on the JIT\n", jit, rs.n);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got;

		line = 0;
		got = classify(&rs, cases[i].text, &line);
		snprintf(name, sizeof(name), "'%s' is %s", cases[i].text,
		    cases[i].cause);
		if (!is_str(got, cases[i].cause, name))
			printf("#   (rule on line %ld%s%s)\n", line,
			    *got == '!' ? ": " : "", *got == '!' ? err.msg : "");
	}
	test_categories(&rs);
	cm_rules_free(&rs);
}

int
main(void)
{
	test_format();
	test_errors();
	test_load();
	test_load_hostile();
	test_limit();
	test_causes();
	return done_testing();
}
