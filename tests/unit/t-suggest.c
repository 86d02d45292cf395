/*
 * t-suggest.c: "did you mean" (suggest.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvin.h"
#include "suggest.h"
#include "tap.h"

static void
test_distance(void)
{
	is_int((long long)cm_edit_distance("", ""), 0, "empty to empty");
	is_int((long long)cm_edit_distance("", "abc"), 3, "empty to abc");
	is_int((long long)cm_edit_distance("quality", "quality"), 0, "equal");
	is_int((long long)cm_edit_distance("qualty", "quality"), 1,
	    "one deletion");
	is_int((long long)cm_edit_distance("Overall", "overall"), 0,
	    "ASCII case does not count");
	is_int((long long)cm_edit_distance("frmo", "from"), 1,
	    "a swap of neighbours is one edit");
	is_int((long long)cm_edit_distance("kitten", "sitting"), 3,
	    "kitten to sitting");
	is_int((long long)cm_edit_distance("客户名称", "客户名"), 1,
	    "a Chinese character is one edit, not three bytes");
	is_int((long long)cm_edit_distance("\xff\xfe", "\xff"), 1,
	    "bytes that are no UTF-8 count one each");
	is_int((long long)cm_edit_distance("\xe5\xae", "\xe5"), 1,
	    "a cut sequence is bytes");
}

static void
test_nearest(void)
{
	const char *cols[] = {"period", "quality", "overall", "qualify"};

	is_int(cm_nearest("qualty", cols, 4), 1, "qualty: quality, the first "
	    "of two as near");
	is_int(cm_nearest("perod", cols, 4), 0, "perod: period");
	is_int(cm_nearest("xyz", cols, 4), -1, "nothing near xyz");
	is_int(cm_nearest("a", cols, 4), -1, "one letter is near nothing "
	    "long");
	is_int(cm_nearest("quality", cols, 0), -1, "no candidates");
	is_int(cm_nearest("OVERALL", cols, 4), 2, "case folded");
}

static struct cm_csv *
open_text(const char *text)
{
	struct cm_csv_opts o = {',', "utf-8", NULL};
	struct cm_error err;
	char path[] = "/tmp/t-suggest.XXXXXX";
	int fd = mkstemp(path);
	struct cm_csv *r;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	r = cm_csv_open(path, &o, &err);
	unlink(path);
	if (r == NULL)
		abort();
	return r;
}

static void
test_no_column(void)
{
	struct cm_error err;
	struct cm_csv *r;

	r = open_text("\n\nperiod,quality,overall\n1,5,5\n");
	is_int(cm_no_column(r, "qualty", &err), -1, "no_column returns -1");
	is_int(err.status, CM_DATA, "  a data error");
	is_int(err.line, 3, "  at the header's own line");
	is_str(err.msg, "no column 'qualty' (columns: 'period', 'quality', "
	    "'overall'); did you mean 'quality'?", "  lists and suggests");
	cm_no_column(r, "region", &err);
	is_str(err.msg, "no column 'region' (columns: 'period', 'quality', "
	    "'overall')", "  no guess when nothing is near");
	cm_csv_close(r);

	r = open_text("a1,a2,a3,a4,a5,a6,a7,a8,a9,"
	    "a_name_much_longer_than_thirty_two_bytes\n");
	cm_no_column(r, "a_name_much_longer_than_thirty_two_bytez", &err);
	is_str(err.msg, "no column 'a_name_much_longer_than_thirty_t...' "
	    "(columns: 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8' and 2 "
	    "more); did you mean 'a_name_much_longer_than_thirty_t...'?",
	    "  eight names, the count of the rest, long names cut");
	cm_csv_close(r);
}

int
main(void)
{
	test_distance();
	test_nearest();
	test_no_column();
	return done_testing();
}
