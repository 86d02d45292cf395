/* opt.c: the options every command shares (see opt.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "buf.h"
#include "num.h"
#include "opt.h"
#include "share.h"
#include "suggest.h"
#include "stdfd.h"
#include "xalloc.h"

const char cm_common_help[] = N_(
"Input and output (the same on every cm command):\n"
"  -d, --delimiter=C    fields are separated by C (default ',')\n"
"  -t, --tsv            tab-separated input and output\n"
"      --encoding=ENC   input encoding: auto (default: UTF-8 if it decodes,\n"
"                       else GB18030), utf-8, gb18030, gbk, utf-16, ...\n"
"      --map=OLD=NEW    read column OLD as NEW (adds to columns.map)\n"
"  -o, --output=FILE    write FILE, atomically, instead of standard output\n"
"      --format=FMT     csv (default), tsv, or table (aligned, for people)\n"
"      --excel          for Excel on a Chinese Windows: UTF-8 BOM, CRLF, and\n"
"                       cells that start with = + - @ kept from running as\n"
"                       formulas (a ' in front; plain numbers stay numbers)\n"
"      --lang=zh|en     headers and words in Chinese or English (default:\n"
"                       the locale's with --format table and --excel,\n"
"                       English for CSV)\n"
"      --precision=N    decimals of rates, means and money (default 2)\n"
"  -q, --quiet          no notices\n"
"  -v, --verbose        explain what is done\n"
"  -h, --help           show this help and exit\n"
"  -V, --version        show the version and exit\n"
"\n"
"Exit status: 0 done; 1 done, something needs attention; 2 usage error;\n"
"3 bad input data (nothing written); 4 system error.\n");

/* --map arguments wait until finish so they can override columns.map. */
static const char **maps;
static size_t nmaps, mapcap;

/* For messages about options getopt could not take. */
static char **args;
static int nargs;
static const struct option *longs;

void
cm_common_longopts(const struct option *longopts)
{
	longs = longopts;
}

/*
 * A long option getopt_long refused as unknown or ambiguous: the options
 * it could be (those it begins), or the one it is a typo of.
 */
static _Noreturn void
bad_long(const char *arg, size_t n)
{
	struct cm_buf b = {0};
	const char **names;
	size_t i, nl = 0, nmatch = 0;
	char *name = xstrndup(arg + 2, n - 2);
	long near;

	for (i = 0; longs != NULL && longs[i].name != NULL; i++)
		nl++;
	names = xcalloc(nl + 1, sizeof(*names));
	for (i = 0; i < nl; i++) {
		names[i] = longs[i].name;
		if (strncmp(names[i], name, n - 2) == 0)
			cm_buf_printf(&b, "%s--%s", nmatch++ > 0 ? ", " : "",
			    names[i]);
	}
	if (nmatch > 1)
		cm_usage_error("ambiguous option '%.*s' (could be %s)", (int)n,
		    arg, b.s);
	if ((near = cm_nearest(name, names, nl)) >= 0)
		cm_usage_error("unknown option '%.*s'; did you mean '--%s'?",
		    (int)n, arg, names[near]);
	cm_usage_error("unknown option '%.*s'", (int)n, arg);
}

void
cm_common_init(struct cm_common *co, int argc, char **argv,
    const char *help)
{
	/*
	 * Before anything can open a file on a closed 0, 1 or 2; only the
	 * program's name (which opens nothing) first, for its message.
	 */
	cm_setprogname(argv[0]);
	cm_stdfd_init();
	cm_i18n_init();
	args = argv;
	nargs = argc;
	opterr = 0;
	memset(co, 0, sizeof(*co));
	co->in.delim = ',';
	co->out.format = CM_FMT_CSV;
	co->out.delim = ',';
	co->precision = 2;
	co->help = help;
}

static char
delimiter(const char *arg)
{
	if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
		return '\t';
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
	    arg[0] == '\r')
		cm_usage_error("invalid delimiter '%s' (one character, not a "
		    "quote or newline)", arg);
	return arg[0];
}

/* getopt_long refused the option before optind: say which, and how. */
static _Noreturn void
bad_option(int c)
{
	const char *arg = optind > 0 && optind <= nargs ? args[optind - 1] :
	    "";

	if (strncmp(arg, "--", 2) == 0) {
		size_t n = strcspn(arg, "=");

		if (c == ':')
			cm_usage_error("option '%s' needs a value", arg);
		/* getopt names a known option that was given a value. */
		if (optopt != 0)
			cm_usage_error("option '%.*s' takes no value", (int)n,
			    arg);
		bad_long(arg, n);
	}
	if (c == ':')
		cm_usage_error("option '-%c' needs a value", optopt);
	cm_usage_error("unknown option '-%c'", optopt);
}

int
cm_common_option(struct cm_common *co, int c, const char *arg)
{
	switch (c) {
	case 'd':
		co->in.delim = co->out.delim = delimiter(arg);
		break;
	case 'h':
		fputs(_(co->help), stdout);
		fputs("\n", stdout);
		fputs(_(cm_common_help), stdout);
		cm_close_stdout();
		exit(CM_OK);
	case 'o':
		co->out.path = arg;
		break;
	case 'q':
		cm_quiet = 1;
		break;
	case 't':
		co->in.delim = co->out.delim = '\t';
		break;
	case 'v':
		cm_verbose = 1;
		break;
	case 'V':
		printf("%s (cm) %s\n", cm_progname, CM_VERSION);
		cm_close_stdout();
		exit(CM_OK);
	case CM_OPT_ENCODING:
		co->in.encoding = arg;
		break;
	case CM_OPT_EXCEL:
		co->out.excel = 1;
		break;
	case CM_OPT_FORMAT:
		if (strcmp(arg, "csv") == 0)
			co->out.format = CM_FMT_CSV;
		else if (strcmp(arg, "tsv") == 0) {
			co->out.format = CM_FMT_CSV;
			co->out.delim = '\t';
		} else if (strcmp(arg, "table") == 0)
			co->out.format = CM_FMT_TABLE;
		else
			cm_usage_error("invalid format '%s' (csv, tsv or "
			    "table)", arg);
		break;
	case CM_OPT_MAP:
		maps = xgrow(maps, &mapcap, nmaps + 1, sizeof(*maps));
		maps[nmaps++] = arg;
		break;
	case CM_OPT_PRECISION:
		co->precision = (int)cm_opt_num("--precision", arg, 0, 9);
		break;
	case CM_OPT_LANG:
		if (strcmp(arg, "zh") == 0)
			co->out.lang = CM_LANG_ZH;
		else if (strcmp(arg, "en") == 0)
			co->out.lang = CM_LANG_EN;
		else
			cm_usage_error("invalid --lang '%s' (zh or en)", arg);
		co->lang_given = 1;
		break;
	case '?':
	case ':':
		bad_option(c);
	default:
		return 0;
	}
	return 1;
}

void
cm_common_finish(struct cm_common *co)
{
	struct cm_error err;
	char *path = cm_share_path("columns.map");
	size_t i;

	co->map = cm_colmap_new();
	if (access(path, F_OK) != 0)
		cm_info("no column map at '%s'", path);
	else if (cm_colmap_load(co->map, path, &err) < 0)
		cm_die_error(&err);
	free(path);
	for (i = 0; i < nmaps; i++)
		if (cm_colmap_add(co->map, maps[i], &err) < 0)
			cm_usage_error("%s", err.msg);
	free(maps);
	maps = NULL;
	nmaps = mapcap = 0;
	co->in.map = co->map;
	co->out.map = co->map;
	if (!co->lang_given)
		co->out.lang = co->out.format == CM_FMT_TABLE || co->out.excel ?
		    cm_lang_default() : CM_LANG_EN;
	if (co->out.path != NULL && strcmp(co->out.path, "-") == 0)
		co->out.path = NULL;
}

enum cm_lang
cm_lang_default(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *loc = NULL, *l;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]) && loc == NULL; i++)
		if ((l = getenv(vars[i])) != NULL && *l != '\0')
			loc = l;
	if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		return CM_LANG_EN;
	/* gettext goes down LANGUAGE to the first catalog it has: zh's. */
	if ((l = getenv("LANGUAGE")) != NULL && *l != '\0') {
		for (; *l != '\0'; l += strcspn(l, ":"), l += *l == ':')
			if (strncmp(l, "zh", 2) == 0)
				return CM_LANG_ZH;
		return CM_LANG_EN;
	}
	return strncmp(loc, "zh", 2) == 0 ? CM_LANG_ZH : CM_LANG_EN;
}

void
cm_usage_error(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		cm_vwarnat(NULL, 0, 0, fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    cm_progname);
	exit(CM_USAGE);
}

long long
cm_opt_num(const char *opt, const char *arg, long long min, long long max)
{
	long long v;

	if (cm_strtonum(arg, min, max, &v) < 0)
		cm_usage_error("invalid value '%s' for %s (a whole number "
		    "from %lld to %lld)", arg, opt, min, max);
	return v;
}

double
cm_opt_double(const char *opt, const char *arg, double min, double max)
{
	double v;

	if (cm_strtod(arg, &v) < 0 || v < min || v > max)
		cm_usage_error("invalid value '%s' for %s (a number from %g "
		    "to %g)", arg, opt, min, max);
	return v;
}

/* Whether the list of names, each after a space, holds name. */
static int
list_has(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if (p > list && p[-1] == ' ' && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

const char *
cm_opt_name(const struct option *longopts, int val)
{
	const struct option *o;

	for (o = longopts; o->name != NULL; o++)
		if (o->val == val)
			return o->name;
	return NULL;
}

void
cm_opt_once(const char **slot, int val, const char *arg)
{
	const char *name;

	if (*slot == NULL) {
		*slot = arg;
		return;
	}
	if (longs != NULL && (name = cm_opt_name(longs, val)) != NULL)
		cm_usage_error("option '--%s' given twice ('%s', then '%s')",
		    name, cm_msg_value(*slot), cm_msg_value(arg));
	cm_usage_error("option '-%c' given twice ('%s', then '%s')", val,
	    cm_msg_value(*slot), cm_msg_value(arg));
}

void
cm_opt_mode_check(const struct option *longopts, const unsigned char *given,
    const char *every, const char *takes, int mode_val, const char *plain,
    const char *(*hint)(const char *name))
{
	const char *m = mode_val >= 0 ? cm_opt_name(longopts, mode_val) : NULL;
	const struct option *o;

	for (o = longopts; o->name != NULL; o++)
		if (o->val >= 0 && o->val < 512 && given[o->val] &&
		    !list_has(every, o->name) && !list_has(takes, o->name) &&
		    o->val != mode_val) {
			/* Two sentences: "--" is no word to translate. */
			if (m != NULL)
				cm_usage_error("option '--%s' does not apply "
				    "to --%s%s", o->name, m,
				    hint != NULL ? hint(o->name) : "");
			cm_usage_error("option '--%s' does not apply to %s%s",
			    o->name, plain, hint != NULL ? hint(o->name) : "");
		}
}
