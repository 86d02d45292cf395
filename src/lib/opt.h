/*
 * opt.h: the options every command shares (DESIGN.md §2), over
 * getopt_long.  A command writes
 *
 *	static const struct option longopts[] = {
 *		CM_COMMON_LONGOPTS,
 *		{"items", required_argument, NULL, 'i'},
 *		...
 *		{NULL, 0, NULL, 0}
 *	};
 *	cm_common_init(&co, argc, argv, help);
 *	cm_common_longopts(longopts);
 *	while ((c = getopt_long(argc, argv, CM_COMMON_SHORTOPTS "i:", ...)) != -1)
 *		if (!cm_common_option(&co, c, optarg))
 *			switch (c) { ...its own... default: cm_usage_error(NULL); }
 *	cm_common_finish(&co);
 *
 * and gets -d -t --encoding --map -o --format --excel --precision -q -v
 * -h -V handled the same way on every command, and a bad option reported
 * in the cm voice (getopt's own messages are off: CM_COMMON_SHORTOPTS
 * starts with ':').  Long-only options of a command take values from
 * CM_OPT_FIRST_FREE up.
 */
#ifndef CM_OPT_H
#define CM_OPT_H

#include <getopt.h>
#include "colmap.h"
#include "csvin.h"
#include "csvout.h"
/* cm_close_stdout, cm_stdout_closed: every command that prints needs them. */
#include "stdfd.h"

#define CM_VERSION "0.1.0"

enum {
	CM_OPT_ENCODING = 256,
	CM_OPT_MAP,
	CM_OPT_FORMAT,
	CM_OPT_EXCEL,
	CM_OPT_PRECISION,
	CM_OPT_LANG,
	CM_OPT_FIRST_FREE = 300
};

#define CM_COMMON_SHORTOPTS ":d:ho:qtvV"
#define CM_COMMON_LONGOPTS \
	{"delimiter", required_argument, NULL, 'd'}, \
	{"encoding", required_argument, NULL, CM_OPT_ENCODING}, \
	{"excel", no_argument, NULL, CM_OPT_EXCEL}, \
	{"format", required_argument, NULL, CM_OPT_FORMAT}, \
	{"help", no_argument, NULL, 'h'}, \
	{"lang", required_argument, NULL, CM_OPT_LANG}, \
	{"map", required_argument, NULL, CM_OPT_MAP}, \
	{"output", required_argument, NULL, 'o'}, \
	{"precision", required_argument, NULL, CM_OPT_PRECISION}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"tsv", no_argument, NULL, 't'}, \
	{"verbose", no_argument, NULL, 'v'}, \
	{"version", no_argument, NULL, 'V'}

/*
 * An option the command's mode does not take is a usage error, never
 * silently ignored: "option '--NAME' does not apply to MODE".  given[v]
 * is set by the caller for each getopt value v below 512 it saw; every
 * and takes list long option names, each after a space (" as-of
 * output"), that every mode and this mode take; mode_val is the mode's
 * own option, named "--NAME" in the message, or -1 for the mode without
 * one, named plain ("an append").  hint, when not NULL, returns a reason
 * to add for an option (" (why)"), or "".  plain and the reasons are
 * words of the message: the caller translates them (_(), i18n.h).
 */
void cm_opt_mode_check(const struct option *longopts,
    const unsigned char *given, const char *every, const char *takes,
    int mode_val, const char *plain, const char *(*hint)(const char *name));

/* The long name of the option whose getopt value is val, or NULL. */
const char *cm_opt_name(const struct option *longopts, int val);

/*
 * An option that takes one value, stored in *slot: *slot must be NULL
 * until the option is first given (the caller zeroes it).  Given a second
 * time, even with the same value, it is a usage error, "option '--NAME'
 * given twice ('FIRST', then 'SECOND')", rather than the last value
 * silently winning over the first.  NAME is val's long name in the table
 * given to cm_common_longopts (-o is '--output'), or "-C" for a short
 * option without one.
 */
void cm_opt_once(const char **slot, int val, const char *arg);

/* The help text of the shared options, for a command's --help. */
extern const char cm_common_help[];

struct cm_common {
	struct cm_csv_opts in;
	struct cm_out_opts out;
	struct cm_colmap *map;	/* columns.map plus --map, after finish */
	int precision;		/* decimals of rates, means, money: 2 */
	const char *help;	/* the command's full --help text */
	/*
	 * --lang: the language of the headers and words written
	 * (csvout.h).  Given, it holds everywhere; not given, it is the
	 * locale's (cm_lang_default) for --format table and --excel, made
	 * for people, and English for plain CSV, made for pipes.  Set in
	 * out.lang by cm_common_finish.
	 */
	int lang_given;
};

/*
 * The language the user's locale names: Chinese when LC_ALL, else
 * LC_MESSAGES, else LANG (the first one set, as setlocale(3) looks) is
 * a zh locale, or, when it is not C or POSIX, when LANGUAGE lists a zh
 * language (gettext goes down that list to the first catalog it has);
 * English otherwise.  Read from the environment, so that a cron job's
 * LANG=zh_CN.UTF-8 gives Chinese tables on a host where that locale is
 * not generated (its messages are then English: they need the locale).
 */
enum cm_lang cm_lang_default(void);

/*
 * Make sure descriptors 0, 1 and 2 are open (cm_stdfd_init, stdfd.h), then
 * set defaults, the program name (from argv[0]) and the --help text.  The
 * first call in main: nothing may open a file before it.
 */
void cm_common_init(struct cm_common *co, int argc, char **argv,
    const char *help);
/*
 * The command's long options (the table it gives getopt_long), so that
 * an unknown or ambiguous one is reported with the options it could be.
 * The table must live until the options are read; without it the
 * message names the bad option only.
 */
void cm_common_longopts(const struct option *longopts);
/* Handle a shared option: 1 when c was one, 0 when it is the command's. */
int cm_common_option(struct cm_common *co, int c, const char *arg);
/*
 * After the option loop: load share/cm/columns.map under the --map
 * additions, settle the input and output delimiters.
 */
void cm_common_finish(struct cm_common *co);

/*
 * Print "cm-NAME: MSG" (when fmt is not NULL) and the "Try --help" line
 * to stderr, exit 2.
 */
_Noreturn void cm_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* A whole number option in [min, max], or a usage error naming it. */
long long cm_opt_num(const char *opt, const char *arg, long long min,
    long long max);
/* A decimal number option in [min, max], or a usage error naming it. */
double cm_opt_double(const char *opt, const char *arg, double min,
    double max);

#endif
