/*
 * cm-complaint: the complaint register, its deadlines and its history.
 *
 * 004/4 §8 (numbering), §9 (the procedure, §9.10 the monthly statistics,
 * §9.14 complaints not established), §10 (13 days at home, 17 abroad),
 * §14 (催办单 for overdue cases, 洽办单 for late ones); 003 §4.3 (review,
 * corrective action approved first, annual report); 000 §5.2; 001/12
 * §5.2-5.7.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "enc.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "share.h"
#include "words.h"
#include "xalloc.h"

static const char help[] = N_(
"Usage: cm-complaint [OPTION]... VERB [ARG]...\n"
"Keep the complaint register ($CM_DATA/complaints.csv) and its history.\n"
"\n"
"Verbs:\n"
"  new [KEY=VALUE]...       open complaints (CSV rows on stdin without\n"
"                           arguments); print each new id\n"
"  new --from-survey        one complaint per row of cm-survey-calc\n"
"                           --dissatisfied output on stdin\n"
"  set ID KEY=VALUE...      change fields (status moves forward only)\n"
"  close ID [KEY=VALUE]...  close, once responsibility (and when ours:\n"
"                           cause, root_cause, action, dept) are known\n"
"  reject ID --reason=TEXT  the complaint is not established\n"
"  reopen ID --reason=TEXT  the customer is not satisfied: back to action\n"
"  list                     the register, filtered; --history ID\n"
"  overdue                  open cases past due (催办单); --late: cases\n"
"                           closed after due (洽办单)\n"
"  stats --by=KEY[,KEY]...  counts by month, cause, dept, customer,\n"
"                           responsibility or category, or several\n"
"  classify                 fill empty causes from the description\n"
"  redue [ID]...            count provisional due dates again, with the\n"
"                           calendar as it is now\n"
"  check                    verify the register and its log\n"
"\n"
"  -f, --file=FILE          the register (default $CM_DATA/complaints.csv)\n"
"      --calendar=FILE      count working days with this calendar (a name\n"
"                           such as cn: share/cm/calendar/cn.csv; none:\n"
"                           calendar days; default from complaint.conf)\n"
"      --as-of=DATE         the day overdue is judged on, and the day close,\n"
"                           reject and reopen take effect (default today)\n"
"      --by=KEY             stats: the grouping\n"
"      --customer=NAME      list: only this customer\n"
"      --dept=NAME          overdue: only this department's cases\n"
"      --dry-run            classify: show, change nothing\n"
"      --explain            new, list: show the days counted to the due date\n"
"      --from=DATE          list, stats: received on or after DATE\n"
"      --from-survey        new: read cm-survey-calc --dissatisfied rows\n"
"      --history=ID         list: the history of one complaint\n"
"      --late               overdue: cases closed after their due date\n"
"      --reason=TEXT        reject, reopen: why\n"
"      --rules=FILE         classify: rules (default causes.rules)\n"
"      --sort=KEY           stats: count (default) or loss\n"
"      --status=LIST        list: only these states\n"
"      --to=DATE            list, stats: received on or before DATE\n"
"\n"
"Exit status 1: overdue or late cases were listed, check found problems,\n"
"or a date was counted past the last year the calendar covers\n"
"(provisional).\n");

enum {
	OPT_CALENDAR = CM_OPT_FIRST_FREE,
	OPT_AS_OF,
	OPT_BY,
	OPT_CUSTOMER,
	OPT_DEPT,
	OPT_DRY_RUN,
	OPT_EXPLAIN,
	OPT_FROM,
	OPT_FROM_SURVEY,
	OPT_HISTORY,
	OPT_LATE,
	OPT_REASON,
	OPT_RULES,
	OPT_SORT,
	OPT_STATUS,
	OPT_TO
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"by", required_argument, NULL, OPT_BY},
	{"calendar", required_argument, NULL, OPT_CALENDAR},
	{"customer", required_argument, NULL, OPT_CUSTOMER},
	{"dept", required_argument, NULL, OPT_DEPT},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"file", required_argument, NULL, 'f'},
	{"from", required_argument, NULL, OPT_FROM},
	{"from-survey", no_argument, NULL, OPT_FROM_SURVEY},
	{"history", required_argument, NULL, OPT_HISTORY},
	{"late", no_argument, NULL, OPT_LATE},
	{"reason", required_argument, NULL, OPT_REASON},
	{"rules", required_argument, NULL, OPT_RULES},
	{"sort", required_argument, NULL, OPT_SORT},
	{"status", required_argument, NULL, OPT_STATUS},
	{"to", required_argument, NULL, OPT_TO},
	{NULL, 0, NULL, 0}
};

/* The register's columns (DESIGN §3), then two of cm's own. */
const char *const columns[] = {
	"id", "received", "customer", "market", "channel", "product",
	"order_no", "part_no", "qty", "defect_qty", "description", "category",
	"cause", "dept", "responsibility", "root_cause", "action", "status",
	"due", "closed", "loss", "disposition", "result",
	"response_id",		/* the survey form a complaint came from */
	"reopened",		/* how many times the customer reopened it */
	NULL
};

static const char *const required[] = {
	"id", "received", "customer", "market", "description", "status",
	"due", "closed", NULL
};

static const char *const states[] = {
	"open", "investigating", "action", "verifying", "closed", "rejected"
};

enum state
state_of(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(s, states[i]) == 0)
			return (enum state)i;
	return ST_BAD;
}

const char *
state_name(enum state s)
{
	return s == ST_BAD ? "?" : states[s];
}

void
die_row(const char *where, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cm_vwarnat(where, line, 0, fmt, ap);
	va_end(ap);
	exit(CM_DATA);
}

/*
 * Only new creates a register (DESIGN §2): any other verb on a missing
 * one says which path it looked at and why there, since an unset or
 * mistyped $CM_DATA must not read as "nothing overdue" every night.
 */
void
no_register(const struct ctx *c)
{
	cm_die(CM_SYSTEM, "no register '%s' (%s); 'cm-complaint new' "
	    "creates it", c->file, c->file_from);
}

static int
missing(const char *path)
{
	struct stat st;

	return stat(path, &st) != 0 && errno == ENOENT;
}

static void
register_opts(struct ctx *c, struct cm_register_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->required = required;
	o->key = "id";
	o->timeout = c->lock_timeout;
	o->csv = &c->co.in;
}

/*
 * A writer's transaction.  Every verb but new needs the register to
 * exist: it looks before it locks, so that a missing register leaves no
 * lock file behind, and the open looks again under the lock.
 */
struct cm_register *
open_register(struct ctx *c)
{
	struct cm_register_opts o;
	struct cm_register *r;
	struct cm_error err;
	int creates = strcmp(c->verb, "new") == 0;

	register_opts(c, &o);
	if (creates)
		o.header = columns;
	else if (missing(c->file))
		no_register(c);
	if ((r = cm_register_open(c->file, &o, &err)) == NULL) {
		if (!creates && missing(c->file))
			no_register(c);
		cm_die_error(&err);
	}
	/* Damage after a commit: ended, kept, reported (register.h, e). */
	if (cm_register_mended(r) > 0) {
		cm_warnat(cm_register_logpath(r), cm_register_mended(r), 0,
		    "last line cut short, though the register shows its change "
		    "was made: ended it so that nothing is lost; run check");
		c->attention = 1;
	}
	return r;
}

/* A reader's view (register.h): no lock, nothing created or repaired. */
struct cm_register *
read_register(struct ctx *c, int withlog)
{
	struct cm_register_opts o;
	struct cm_register *r;
	struct cm_error err;

	register_opts(c, &o);
	if ((r = cm_register_read(c->file, &o, withlog, &err)) == NULL) {
		if (missing(c->file))
			no_register(c);
		cm_die_error(&err);
	}
	return r;
}

void
commit_register(struct cm_register *r)
{
	struct cm_error err;

	if (cm_register_commit(r, &err) < 0)
		cm_die_error(&err);
}

/*
 * The column called name, added (empty) when the register lacks it.
 * Verbs ask for the same few columns on every row of a 100,000-case
 * register, and a lookup maps and compares names, so answers are
 * remembered by the name's address and text (callers mostly pass string
 * literals; a new address only costs one more lookup, and the text check
 * keeps a reused heap address honest).  A column's index never changes
 * once it exists: columns are only added at the end.
 */
size_t
col(struct cm_table *t, const char *name)
{
	static struct {
		const struct cm_table *t;
		const char *name;
		char text[32];
		size_t col;
	} seen[64];
	static size_t next;
	size_t k;
	int i;

	for (k = 0; k < sizeof(seen) / sizeof(seen[0]); k++)
		if (seen[k].name == name && seen[k].t == t &&
		    strcmp(seen[k].text, name) == 0)
			return seen[k].col;
	i = cm_table_col(t, name);
	if (i < 0)
		i = (int)cm_table_add_col(t, name);
	if (strlen(name) < sizeof(seen[0].text)) {
		k = next++ % (sizeof(seen) / sizeof(seen[0]));
		seen[k].t = t;
		seen[k].name = name;
		strcpy(seen[k].text, name);
		seen[k].col = (size_t)i;
	}
	return (size_t)i;
}

/* The row of complaint id, or a data error naming it. */
size_t
find_id(struct cm_table *t, const char *id)
{
	const size_t *rows;
	size_t n = cm_table_find(t, col(t, "id"), id, &rows);

	if (n == 0)
		cm_die(CM_DATA, "%s: no complaint '%s'", cm_table_name(t), id);
	if (n > 1)
		cm_die(CM_DATA, "%s: complaint '%s' appears %zu times (run "
		    "check)", cm_table_name(t), id, n);
	return rows[0];
}

/*
 * The due date (004/4 §10): received plus 13 days at home, 17 abroad,
 * working days with a calendar; past the calendar's last year Monday to
 * Friday, a provisional date (counted_to).  0, or -1 with err.
 */
int
due_date(struct ctx *c, const char *received, const char *market,
    char *out, struct cm_error *err)
{
	cm_day d, due;
	long n = strcmp(market, "foreign") == 0 ? c->days_foreign :
	    c->days_domestic;

	if (cm_date_parse(received, strlen(received), &d) < 0)
		return cm_error_set(err, CM_DATA, NULL, 0, 0,
		    "invalid received date '%s'", received);
	if (cm_cal_add(c->cal, d, n, &due, err) < 0)
		return -1;
	cm_date_format(due, out);
	counted_to(c, due);
	return 0;
}

/*
 * Note that a count reached day d: past the calendar's last year it is
 * provisional (DESIGN §2), and main says so once, at the end.  Returns
 * whether it was.
 */
int
counted_to(struct ctx *c, cm_day d)
{
	if (!cm_cal_past(c->cal, d))
		return 0;
	if (d > c->provisional)
		c->provisional = d;
	return 1;
}

/* Whether the date text d (ISO) lies past the calendar's last year. */
int
past_calendar(struct ctx *c, const char *d)
{
	cm_day day;

	return cm_date_parse(d, strlen(d), &day) == 0 &&
	    cm_cal_past(c->cal, day);
}

/*
 * The notice that makes a provisional count visible: which calendar,
 * which years it lacks, what to do.  Exit status 1 goes with it.
 */
static void
provisional_notice(struct ctx *c)
{
	int last = cm_cal_last_year(c->cal), y, m, d;

	cm_date_to_ymd(c->provisional, &y, &m, &d);
	cm_warn("provisional: calendar '%s' covers %s, not %d%s%.0d, so days "
	    "after %d-12-31 were counted Monday to Friday; add %d's holiday "
	    "and workday rows to it, then run 'cm-complaint redue'",
	    cm_cal_file(c->cal), cm_cal_years(c->cal), last + 1,
	    y > last + 1 ? "-" : "", y > last + 1 ? y : 0, last, last + 1);
}

/*
 * From 1 December, a calendar without next year is a month from making
 * every new due date provisional: overdue and check say so in time for
 * someone to add the State Council's notice (usually out in November).
 */
void
year_end_warning(struct ctx *c)
{
	int y, m, d;

	if (c->cal == NULL)
		return;
	cm_date_to_ymd(c->today, &y, &m, &d);
	if (m == 12 && !cm_cal_covers(c->cal, cm_date_from_ymd(y + 1, 1, 1)) &&
	    !cm_cal_past(c->cal, c->today))
		cm_notice("calendar '%s' covers %s: from %d-01-01 due dates "
		    "will be provisional until %d is added to it",
		    cm_cal_file(c->cal), cm_cal_years(c->cal), y + 1, y + 1);
}

/*
 * The category follows the cause (004/4 §5) on every write: with a
 * cause, the row's category becomes the cause's.  given is a category
 * the writer was handed along with it (NULL for none): one that
 * disagrees with the cause is a data error, since one of the two is
 * wrong, and the caller has committed nothing yet.
 */
void
follow_cause(struct cm_register *r, size_t row, const char *given,
    const char *id)
{
	struct cm_table *t = cm_register_table(r);
	const char *cause = cm_table_get(t, row, col(t, "cause"));
	const char *cat;
	struct cm_error err;

	if (*cause == '\0' || (cat = cause_category(cause)) == NULL)
		return;
	if (given != NULL && *given != '\0' && strcmp(given, cat) != 0)
		cm_die(CM_DATA, "%s: category '%s' does not go with cause '%s' "
		    "(%s)", id, given, cause, cat);
	if (strcmp(cm_table_get(t, row, col(t, "category")), cat) != 0 &&
	    cm_register_set(r, row, col(t, "category"), cat, &err) < 0)
		cm_die_error(&err);
}

/* Fields set only by verbs or by cm itself. */
int
settable(const char *field)
{
	return strcmp(field, "id") != 0 && strcmp(field, "due") != 0 &&
	    strcmp(field, "closed") != 0 && strcmp(field, "reopened") != 0 &&
	    strcmp(field, "due_provisional") != 0;
}

/*
 * The fields whose values are words of share/cm/words.map (words.h),
 * typed in English or Chinese and stored canonical.  "action" is not
 * one: here it is the corrective action, free text.
 */
int
vocabulary(const char *field)
{
	static const char *const fields[] = {"market", "channel", "category",
	    "responsibility", "status", NULL};
	const char *const *f;

	for (f = fields; *f; f++)
		if (strcmp(field, *f) == 0)
			return 1;
	return 0;
}

/*
 * Check value for field and put its stored form in norm (replacing what
 * it held): dates in ISO form, money in fen shown with two decimals,
 * a word of a vocabulary (English or Chinese) as its canonical word,
 * anything else byte for byte, however long.  0, or -1 with *why.
 */
int
check_value(const char *field, const char *value, struct cm_buf *norm,
    const char **why)
{
	static struct cm_buf words;
	const char *w;
	char fmt[64];
	long long n;
	cm_day d;

	cm_buf_reset(norm);
	cm_buf_adds(norm, value);
	if (*value == '\0')
		return 0;
	/*
	 * Values from the command line come as the shell's bytes: one cut
	 * inside a character would make the register undecodable, and
	 * every later verb would fail on it.
	 */
	if (cm_utf8_valid_prefix(value, norm->len, NULL) != norm->len) {
		*why = _("not valid UTF-8");
		return -1;
	}
	if (strcmp(field, "received") == 0) {
		if (cm_date_parse(value, strlen(value), &d) < 0) {
			*why = _("not a date");
			return -1;
		}
		cm_buf_reset(norm);
		cm_buf_adds(norm, cm_date_format(d, fmt));
	} else if (vocabulary(field)) {
		if ((w = cm_word(field, value)) == NULL) {
			cm_buf_reset(&words);
			cm_buf_printf(&words, _("one of %s"),
			    cm_word_list(field));
			*why = cm_buf_str(&words);
			return -1;
		}
		cm_buf_reset(norm);
		cm_buf_adds(norm, w);
	} else if ((strcmp(field, "qty") == 0 ||
	    strcmp(field, "defect_qty") == 0) &&
	    cm_strtonum(value, 0, 1000000000000LL, &n) < 0) {
		*why = _("a whole number, 0 or more");
		return -1;
	} else if (strcmp(field, "loss") == 0) {
		if (cm_money_parse(value, 0, LOSS_MAX, &n) < 0) {
			*why = _("an amount of money, 0 or more");
			return -1;
		}
		cm_buf_reset(norm);
		cm_buf_adds(norm, cm_money_format(fmt, n));
	} else if (strcmp(field, "cause") == 0) {
		/* A name of the cause list, or one of its Chinese names. */
		static struct cm_buf names;
		const char *name = cause_of(value);

		if (name == NULL) {
			if (names.len == 0)
				cm_buf_printf(&names, _("one of %s"),
				    cause_names());
			*why = cm_buf_str(&names);
			return -1;
		}
		cm_buf_reset(norm);
		cm_buf_adds(norm, name);
	}
	return 0;
}

struct cm_out *
open_output(struct ctx *c)
{
	return cm_out_open(&c->co.out);
}

static cm_day
date_opt(const char *opt, const char *arg)
{
	cm_day d;

	if (cm_date_parse(arg, strlen(arg), &d) < 0)
		cm_usage_error("invalid date '%s' for %s", arg, opt);
	return d;
}

/*
 * The verbs and the options each takes beyond those every verb takes
 * (-f, --calendar, the input options, -q, -v, -h, -V): an option that
 * does not apply is a usage error, never silently ignored (a set
 * --dry-run that writes anyway, a check -o that prints to stdout).
 */
#define OUTPUT	" output format excel lang"
static const struct {
	const char *name;
	int (*run)(struct ctx *);
	const char *opts;
} verbs[] = {
	{"check", verb_check, ""},
	{"classify", verb_classify, " dry-run rules"},
	{"close", verb_close, " as-of"},
	{"list", verb_list, " customer explain from history status to"
	    OUTPUT},
	{"new", verb_new, " explain from-survey"},
	{"overdue", verb_overdue, " as-of dept late" OUTPUT},
	{"redue", verb_redue, OUTPUT},
	{"reject", verb_reject, " as-of reason"},
	{"reopen", verb_reopen, " as-of reason"},
	{"set", verb_set, ""},
	{"stats", verb_stats, " by from precision sort to" OUTPUT},
};

/* Options every verb takes. */
static const char every[] = " calendar delimiter encoding file help map "
    "quiet tsv verbose version";

int
main(int argc, char **argv)
{
	struct ctx c;
	struct cm_error err;
	const char *calendar = NULL, *file = NULL;
	unsigned char given[512] = {0};
	size_t i;
	int ch, status;

	memset(&c, 0, sizeof(c));
	cm_common_init(&c.co, argc, argv, help);
	cm_common_longopts(longopts);
	c.days_domestic = 13;
	c.days_foreign = 17;
	c.lock_timeout = 10;
	c.from = c.to = c.as_of = CM_NO_DAY;
	/* Options may stand before or after the verb (getopt permutes). */
	while ((ch = getopt_long(argc, argv, CM_COMMON_SHORTOPTS "f:",
	    longopts, NULL)) != -1) {
		if (ch >= 0 && ch < 512)
			given[ch] = 1;
		if (cm_common_option(&c.co, ch, optarg))
			continue;
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case OPT_AS_OF:
			c.as_of = date_opt("--as-of", optarg);
			break;
		case OPT_BY:
			c.by = optarg;
			break;
		case OPT_CALENDAR:
			calendar = optarg;
			break;
		case OPT_CUSTOMER:
			c.customer = optarg;
			break;
		case OPT_DEPT:
			c.dept = optarg;
			break;
		case OPT_DRY_RUN:
			c.dry_run = 1;
			break;
		case OPT_EXPLAIN:
			c.explain = 1;
			break;
		case OPT_FROM:
			c.from = date_opt("--from", optarg);
			break;
		case OPT_FROM_SURVEY:
			c.from_survey = 1;
			break;
		case OPT_HISTORY:
			c.history = optarg;
			break;
		case OPT_LATE:
			c.late = 1;
			break;
		case OPT_REASON:
			c.reason = optarg;
			break;
		case OPT_RULES:
			c.rules = optarg;
			break;
		case OPT_SORT:
			if (strcmp(optarg, "count") != 0 &&
			    strcmp(optarg, "loss") != 0)
				cm_usage_error("invalid --sort '%s' (count or "
				    "loss)", optarg);
			c.sort = optarg;
			break;
		case OPT_STATUS:
			c.status = optarg;
			break;
		case OPT_TO:
			c.to = date_opt("--to", optarg);
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&c.co);
	if (optind >= argc)
		cm_usage_error("no verb (new, set, close, reject, reopen, list, "
		    "overdue, stats, classify, check, redue)");
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(argv[optind], verbs[i].name) == 0)
			break;
	if (i == sizeof(verbs) / sizeof(verbs[0]))
		cm_usage_error("unknown verb '%s'", argv[optind]);
	cm_opt_mode_check(longopts, given, every, verbs[i].opts, -1,
	    verbs[i].name, NULL);
	c.verb = verbs[i].name;
	read_conf(&c);
	if ((c.today = cm_today()) < 0)
		cm_usage_error("CM_TODAY is not a date");
	if (c.as_of == CM_NO_DAY)
		c.as_of = c.today;
	c.file = file ? xstrdup(file) : cm_data_path("complaints.csv");
	c.file_from = file ? _("from -f") : getenv("CM_DATA") != NULL &&
	    *getenv("CM_DATA") != '\0' ? _("from $CM_DATA") :
	    _("the current directory, as $CM_DATA is not set");
	/* --calendar wins over complaint.conf; "none" means calendar days. */
	if (calendar == NULL)
		calendar = c.conf_calendar;
	if (calendar != NULL && strcmp(calendar, "none") != 0) {
		char *path = cm_cal_find(calendar);

		if ((c.cal = cm_cal_load(path, NULL, &err)) == NULL)
			cm_die_error(&err);
		free(path);
		/* The office never stops at the year's end (DESIGN §2). */
		cm_cal_extend(c.cal);
	}
	c.args = argv + optind + 1;
	c.nargs = argc - optind - 1;
	if (verbs[i].run == verb_overdue || verbs[i].run == verb_check)
		year_end_warning(&c);
	status = verbs[i].run(&c);
	if (c.provisional > 0)
		provisional_notice(&c);
	if ((c.provisional > 0 || c.attention) && status == CM_OK)
		status = CM_ATTENTION;
	cm_cal_free(c.cal);
	free(c.conf_calendar);
	cm_colmap_free(c.co.map);
	free(c.file);
	return status;
}
