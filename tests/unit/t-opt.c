/*
 * t-opt.c: cm_opt_once (opt.h).  The first value is stored; a second,
 * even the same one, is exit 2 naming the option as the table does
 * (-o as '--output'), or by its letter when it has no long name, and
 * both values.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opt.h"
#include "tap.h"

enum { OPT_STAFF = CM_OPT_FIRST_FREE };

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"staff", required_argument, NULL, OPT_STAFF},
	{NULL, 0, NULL, 0}
};

/*
 * In a child: cm_opt_once(slot, val, a) then (val, b), slot starting
 * NULL.  Returns what the child wrote to stderr, then " exit N" (or
 * " stored 'a'" when the second call returned, which it must not).
 */
static const char *
twice(int val, const char *a, const char *b)
{
	static char got[512];
	int p[2], st;
	ssize_t n, len = 0;
	pid_t pid;

	if (pipe(p) != 0) {
		perror("pipe");
		exit(99);
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char *argv[] = {"cm-test", NULL};
		struct cm_common co;
		const char *slot = NULL;

		if (dup2(p[1], 2) < 0)
			_exit(98);
		close(p[0]);
		close(p[1]);
		cm_common_init(&co, 1, argv, "");
		cm_common_longopts(longopts);
		cm_opt_once(&slot, val, a);
		if (slot != a)
			_exit(97);
		cm_opt_once(&slot, val, b);
		fprintf(stderr, "stored '%s'", slot);
		_exit(0);
	}
	close(p[1]);
	while (len < (ssize_t)sizeof(got) - 1 &&
	    (n = read(p[0], got + len, sizeof(got) - 1 - len)) > 0)
		len += n;
	got[len] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		snprintf(got + len, sizeof(got) - len, " exit %d",
		    WEXITSTATUS(st));
	return got;
}

int
main(void)
{
	is_str(twice(OPT_STAFF, "a.csv", "b.csv"),
	    "cm-test: option '--staff' given twice ('a.csv', then 'b.csv')\n"
	    "Try 'cm-test --help' for more information.\n exit 2",
	    "a second --staff is exit 2 with both values");
	is_str(twice(OPT_STAFF, "a.csv", "a.csv"),
	    "cm-test: option '--staff' given twice ('a.csv', then 'a.csv')\n"
	    "Try 'cm-test --help' for more information.\n exit 2",
	    "the same value twice is refused too");
	is_str(twice('o', "x.csv", "-"),
	    "cm-test: option '--output' given twice ('x.csv', then '-')\n"
	    "Try 'cm-test --help' for more information.\n exit 2",
	    "-o is named by its long name");
	is_str(twice('Z', "1", "2"),
	    "cm-test: option '-Z' given twice ('1', then '2')\n"
	    "Try 'cm-test --help' for more information.\n exit 2",
	    "a short option without a long name by its letter");
	return done_testing();
}
