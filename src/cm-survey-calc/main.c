/*
 * cm-survey-calc: satisfaction statistics from returned questionnaires.
 *
 * 000 §5.3 (survey every quarter; issue ≥ 80% of customers, return ≥ 70%;
 * overall and per-item satisfaction and its trend), 001/12 §5.8-5.10 (the
 * five answers and the formula: forms 基本满意 or better / forms returned),
 * 001/2, 001/3, 001/5 §4.3 (other return targets, satisfaction goals),
 * 002 §3.1 (monthly, on a 5-point scale).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvout.h"
#include "i18n.h"
#include "msg.h"
#include "num.h"
#include "opt.h"
#include "rating.h"
#include "share.h"
#include "survey.h"
#include "xalloc.h"

static const char help[] = N_(
"Usage: cm-survey-calc [OPTION]... [FILE]...\n"
"Satisfaction rates, means and answer counts per group and question from\n"
"returned questionnaires (one CSV row per form).  With no FILE, or when\n"
"FILE is -, read standard input.\n"
"\n"
"  -i, --items=LIST         rating columns, comma-separated\n"
"      --overall=COL        the overall rating column (default overall;\n"
"                           without it a form's item mean decides)\n"
"  -s, --satisfied-min=N    lowest satisfied rating (default 3, 基本满意)\n"
"      --scale=FILE         another rating scale (see cm-survey-calc(1))\n"
"      --reverse=LIST       items worded negatively: score max+min-x\n"
"      --strict             an invalid rating is an error, not a count\n"
"  -g, --by=LIST            group by these columns\n"
"      --trend              add the change from the previous period\n"
"      --trend=COL          the same along COL of -g (default: period)\n"
"      --population=FILE    customers and issued forms per group: add\n"
"                           issue_rate and return_rate\n"
"      --customers=N        the same for one group: N customers ...\n"
"      --issued=N           ... of whom N were sent a form\n"
"      --min-issue-rate=P   target issue rate, percent\n"
"      --min-return-rate=P  target return rate, percent\n"
"      --target=P           target satisfaction rate, percent\n"
"      --weights=LIST       item=weight,...: add a weighted 0-100 index\n"
"      --alpha              add Cronbach's alpha per group\n"
"      --dissatisfied       print the forms below the threshold instead\n"
"      --partial            print tallies to merge instead of rates\n"
"      --merge              read tallies made by --partial\n"
"\n"
"Exit status 1: a group is below --target, --min-issue-rate or\n"
"--min-return-rate (each failing figure is named on stderr).\n");

enum {
	OPT_OVERALL = CM_OPT_FIRST_FREE,
	OPT_SCALE,
	OPT_STRICT,
	OPT_TREND,
	OPT_POPULATION,
	OPT_CUSTOMERS,
	OPT_ISSUED,
	OPT_MIN_ISSUE,
	OPT_MIN_RETURN,
	OPT_TARGET,
	OPT_WEIGHTS,
	OPT_ALPHA,
	OPT_DISSATISFIED,
	OPT_PARTIAL,
	OPT_MERGE,
	OPT_REVERSE
};

static const struct option longopts[] = {
	CM_COMMON_LONGOPTS,
	{"alpha", no_argument, NULL, OPT_ALPHA},
	{"by", required_argument, NULL, 'g'},
	{"customers", required_argument, NULL, OPT_CUSTOMERS},
	{"dissatisfied", no_argument, NULL, OPT_DISSATISFIED},
	{"issued", required_argument, NULL, OPT_ISSUED},
	{"items", required_argument, NULL, 'i'},
	{"merge", no_argument, NULL, OPT_MERGE},
	{"min-issue-rate", required_argument, NULL, OPT_MIN_ISSUE},
	{"min-return-rate", required_argument, NULL, OPT_MIN_RETURN},
	{"overall", required_argument, NULL, OPT_OVERALL},
	{"partial", no_argument, NULL, OPT_PARTIAL},
	{"population", required_argument, NULL, OPT_POPULATION},
	{"reverse", required_argument, NULL, OPT_REVERSE},
	{"satisfied-min", required_argument, NULL, 's'},
	{"scale", required_argument, NULL, OPT_SCALE},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"target", required_argument, NULL, OPT_TARGET},
	{"trend", optional_argument, NULL, OPT_TREND},
	{"weights", required_argument, NULL, OPT_WEIGHTS},
	{NULL, 0, NULL, 0}
};

/* Split a comma-separated list into canonical column names. */
static char **
split(const struct survey *sv, const char *opt, const char *arg, size_t *n)
{
	char *copy = xstrdup(arg), *p, *save = NULL;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		char *buf = xmalloc(strlen(p) + 1);

		v = xgrow(v, &cap, *n + 2, sizeof(*v));
		v[(*n)++] = xstrdup(cm_colmap_get(sv->co.map, p, buf));
		free(buf);
	}
	free(copy);
	if (*n == 0)
		cm_usage_error("%s needs at least one column name", opt);
	v[*n] = NULL;
	return v;
}

/* --weights quality=2,delivery=1: weights of the items (and overall). */
static void
parse_weights(struct survey *sv, const char *arg)
{
	char **pairs, *buf;
	const char *name;
	size_t n, i, j;

	pairs = split(sv, "--weights", arg, &n);
	sv->weights = xcalloc(sv->k + 1, sizeof(double));
	for (i = 0; i < n; i++) {
		char *eq = strchr(pairs[i], '=');
		int found = 0;

		if (eq == NULL)
			cm_usage_error("invalid weight '%s' (expected "
			    "ITEM=WEIGHT)", pairs[i]);
		*eq = '\0';
		/* The list was mapped whole: map the name of 产品品质=2 too. */
		buf = xmalloc(strlen(pairs[i]) + 1);
		name = cm_colmap_get(sv->co.map, pairs[i], buf);
		for (j = 0; j <= sv->k; j++)
			if (strcmp(name, j ? sv->items[j - 1] :
			    sv->overall) == 0) {
				sv->weights[j] = cm_opt_double("--weights",
				    eq + 1, 0, 1e6);
				found = 1;
			}
		if (!found)
			cm_usage_error("--weights names '%s', which is not an "
			    "item (-i)", pairs[i]);
		free(buf);
		free(pairs[i]);
	}
	free(pairs);
}

/*
 * --reverse a,b: items worded negatively ("the delivery was often late"),
 * whose answers are scored max + min - x as they are read, so that every
 * count, mean, alpha and dissatisfied test sees the satisfied end high.
 * The mirror of a value must be on the scale.
 */
static void
parse_reverse(struct survey *sv, const char *arg)
{
	char **names;
	size_t n, i, j;
	int v;

	names = split(sv, "--reverse", arg, &n);
	sv->reverse = xcalloc(sv->k + 1, 1);
	for (i = 0; i < n; i++) {
		for (j = 0; j < sv->k; j++)
			if (strcmp(names[i], sv->items[j]) == 0)
				break;
		if (j == sv->k)
			cm_usage_error("--reverse names '%s', which is not an "
			    "item (-i)", names[i]);
		sv->reverse[j + 1] = 1;
		free(names[i]);
	}
	free(names);
	for (v = sv->scale.min; v <= sv->scale.max; v++)
		if (sv->scale.has[v] &&
		    !sv->scale.has[sv->scale.max + sv->scale.min - v])
			cm_usage_error("--reverse needs a scale whose values "
			    "mirror: %d is on it, %d is not", v,
			    sv->scale.max + sv->scale.min - v);
}

/*
 * --trend runs along one -g column within each group of the others
 * (000 §5.3.1.6): --trend=COL, else the column named period, else the
 * only -g column.  Anything else would guess which column is time.
 */
static void
find_trend(struct survey *sv, const char *col)
{
	const char *want = col ? col : "period";
	char *buf = xmalloc(strlen(want) + 1);
	const char *name = cm_colmap_get(sv->co.map, want, buf);
	size_t i;

	for (i = 0; i < sv->nby; i++)
		if (strcmp(sv->by[i], name) == 0)
			break;
	if (i == sv->nby && col == NULL && sv->nby == 1)
		i = 0;
	if (i == sv->nby && col != NULL)
		cm_usage_error("--trend=%s names a column that is not in -g",
		    col);
	if (i == sv->nby)
		cm_usage_error("--trend: no column 'period' in -g; name the "
		    "column of the periods with --trend=COL");
	free(buf);
	sv->trend_col = i;
}

/*
 * --scale FILE: a path, or the name of a shipped scale (four-point, or
 * four-point.scale) in share/cm/scales/.
 */
static void
load_scale(struct cm_scale *sc, const char *name)
{
	struct cm_error err;
	char *p = NULL;
	int rc;

	if (strchr(name, '/') == NULL && access(name, F_OK) != 0) {
		p = cm_share_path("scales/");
		p = xrealloc(p, strlen(p) + strlen(name) + sizeof(".scale"));
		strcat(p, name);
		if (access(p, F_OK) != 0)
			strcat(p, ".scale");
	}
	rc = cm_scale_load(sc, p && access(p, F_OK) == 0 ? p : name, &err);
	free(p);
	if (rc < 0)
		cm_die_error(&err);
}

/* Option combinations that cannot mean anything are usage errors. */
static void
check_options(struct survey *sv, const char *weights, const char *by)
{
	int report_only = sv->trend || weights || sv->population ||
	    sv->customers >= 0 || sv->issued >= 0 || sv->min_issue >= 0 ||
	    sv->min_return >= 0 || sv->target >= 0;

	if (sv->dissatisfied && (sv->partial || sv->merge || by ||
	    report_only || sv->alpha))
		cm_usage_error("--dissatisfied prints forms; it takes no "
		    "grouping, targets or tallies");
	if (sv->partial && report_only)
		cm_usage_error("--partial prints tallies; give --trend, "
		    "--weights, populations and targets to the --merge run");
	if ((sv->customers >= 0) != (sv->issued >= 0))
		cm_usage_error("--customers and --issued go together");
	if (sv->customers >= 0 && (sv->population || by))
		cm_usage_error("--customers and --issued are for one group; "
		    "with -g or per group use --population");
	if ((sv->min_issue >= 0 || sv->min_return >= 0) &&
	    sv->population == NULL && sv->customers < 0)
		cm_usage_error("--min-issue-rate and --min-return-rate need "
		    "--population or --customers and --issued");
	if (sv->trend && by == NULL)
		cm_usage_error("--trend needs -g with the period column");
	if (sv->reverse && sv->merge)
		cm_usage_error("--reverse applies where answers are read: give "
		    "it to the --partial runs, whose tallies are reversed");
	if (sv->smin < sv->scale.min || sv->smin > sv->scale.max)
		cm_usage_error("--satisfied-min %d is outside the scale "
		    "(%d to %d)", sv->smin, sv->scale.min, sv->scale.max);
	if (sv->alpha && sv->k < 2)
		cm_notice("--alpha needs at least 2 items (-i)");
}

int
main(int argc, char **argv)
{
	struct survey sv;
	struct cm_out *o;
	const char *items = NULL, *by = NULL, *weights = NULL, *scale = NULL;
	const char *overall = "overall", *reverse = NULL, *trend = NULL;
	int c, smin = -1, status = CM_OK;

	memset(&sv, 0, sizeof(sv));
	cm_common_init(&sv.co, argc, argv, help);
	cm_common_longopts(longopts);
	sv.customers = sv.issued = -1;
	sv.min_issue = sv.min_return = sv.target = -1;
	while ((c = getopt_long(argc, argv, CM_COMMON_SHORTOPTS "g:i:s:",
	    longopts, NULL)) != -1) {
		if (cm_common_option(&sv.co, c, optarg))
			continue;
		switch (c) {
		case 'g':
			by = optarg;
			break;
		case 'i':
			items = optarg;
			break;
		case 's':
			smin = (int)cm_opt_num("--satisfied-min", optarg, 0,
			    CM_SCALE_MAXVAL);
			break;
		case OPT_ALPHA:
			sv.alpha = 1;
			break;
		case OPT_CUSTOMERS:
			sv.customers = cm_opt_num("--customers", optarg, 0,
			    INT64_MAX);
			break;
		case OPT_DISSATISFIED:
			sv.dissatisfied = 1;
			break;
		case OPT_ISSUED:
			sv.issued = cm_opt_num("--issued", optarg, 0,
			    INT64_MAX);
			break;
		case OPT_MERGE:
			sv.merge = 1;
			break;
		case OPT_MIN_ISSUE:
			sv.min_issue = cm_opt_double("--min-issue-rate",
			    optarg, 0, 100);
			break;
		case OPT_MIN_RETURN:
			sv.min_return = cm_opt_double("--min-return-rate",
			    optarg, 0, 100);
			break;
		case OPT_OVERALL:
			overall = optarg;
			sv.overall_given = 1;
			break;
		case OPT_PARTIAL:
			sv.partial = 1;
			break;
		case OPT_POPULATION:
			sv.population = optarg;
			break;
		case OPT_REVERSE:
			reverse = optarg;
			break;
		case OPT_SCALE:
			scale = optarg;
			break;
		case OPT_STRICT:
			sv.strict = 1;
			break;
		case OPT_TARGET:
			sv.target = cm_opt_double("--target", optarg, 0, 100);
			break;
		case OPT_TREND:
			sv.trend = 1;
			trend = optarg;
			break;
		case OPT_WEIGHTS:
			weights = optarg;
			break;
		default:
			cm_usage_error(NULL);
		}
	}
	cm_common_finish(&sv.co);

	if (scale == NULL)
		cm_scale_default(&sv.scale);
	else
		load_scale(&sv.scale, scale);
	/* The middle of the scale: 3 (基本满意) on the default one. */
	sv.smin = smin >= 0 ? smin :
	    sv.scale.min + (sv.scale.max - sv.scale.min + 1) / 2;
	{
		char *buf = xmalloc(strlen(overall) + 1);

		sv.overall = xstrdup(cm_colmap_get(sv.co.map, overall, buf));
		free(buf);
	}
	if (items != NULL)
		sv.items = split(&sv, "--items", items, &sv.k);
	if (by != NULL)
		sv.by = split(&sv, "--by", by, &sv.nby);
	if (weights != NULL)
		parse_weights(&sv, weights);
	if (reverse != NULL)
		parse_reverse(&sv, reverse);
	check_options(&sv, weights, by);
	if (sv.trend)
		find_trend(&sv, trend);
	sv.nvals = (size_t)(sv.scale.max - sv.scale.min + 1);
	sv.fstride = sv.k * (size_t)sv.scale.max + 1;
	if (sv.merge)
		sv.synth = 0;

	o = cm_out_open(&sv.co.out);
	argv += optind;
	argc -= optind;
	if (argc == 0) {
		static char *stdin_only[] = {"-", NULL};

		argv = stdin_only;
		argc = 1;
	}
	for (c = 0; c < argc; c++)
		if (sv.dissatisfied)
			survey_dissatisfied(&sv, argv[c], o, c == 0);
		else if (sv.merge)
			survey_merge(&sv, argv[c]);
		else
			survey_read(&sv, argv[c]);
	survey_invalid_summary(&sv);
	if (sv.partial)
		survey_write_partial(&sv, o);
	else if (!sv.dissatisfied) {
		survey_population(&sv);
		if (survey_report(&sv, o))
			status = CM_ATTENTION;
	}
	cm_out_close(o);
	survey_free(&sv);
	return status;
}
