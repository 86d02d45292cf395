/*
 * report-run.c: the sibling commands that compute what the reports
 * show.  cm-report does no statistics of its own: the satisfaction rates
 * are cm-survey-calc's and the complaint figures cm-complaint's, so a
 * report never disagrees with what those commands print for the same
 * data.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "enc.h"
#include "mime.h"
#include "report-doc.h"
#include "share.h"
#include "spawn.h"
#include "xalloc.h"

/* Each line of a sibling's standard error, as ours. */
static void
pass_on(const struct cm_buf *b, int prefixed)
{
	const char *p = cm_buf_str(b), *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (prefixed)
			cm_warn("%.*s", (int)(nl ? nl - p : (long)strlen(p)), p);
		else
			fprintf(stderr, "%.*s\n", (int)(nl ? nl - p :
			    (long)strlen(p)), p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

struct cm_table *
sibling_csv(const char *name, const char *const *args, const char *in,
    size_t in_len, int quiet_err, int *finding)
{
	struct cm_buf out = {0}, errb = {0};
	struct cm_spawn io;
	struct cm_error err;
	struct cm_table *t;
	struct cm_in *min;
	char **argv;
	size_t n, i;
	int rc;

	for (n = 0; args[n] != NULL; n++)
		;
	argv = xcalloc(n + 3, sizeof(*argv));
	argv[0] = cm_sibling_path(name);
	/* -q silences the sibling's notices as it does ours. */
	if (cm_quiet)
		argv[1] = "-q";
	for (i = 0; i < n; i++)
		argv[i + 1 + (cm_quiet != 0)] = (char *)args[i];
	memset(&io, 0, sizeof(io));
	io.in = in;
	io.in_len = in_len;
	io.out_fd = -1;
	io.out = &out;
	io.err_out = &errb;
	if (cm_verbose) {
		struct cm_buf cmd = {0};

		for (i = 0; argv[i] != NULL; i++) {
			cm_buf_adds(&cmd, i ? " " : "");
			cm_buf_adds(&cmd, argv[i]);
		}
		cm_info("running %s", cm_buf_str(&cmd));
		cm_buf_free(&cmd);
	}
	rc = cm_spawn_run(argv, &io, &err);
	if (rc < 0 && errno == ENOENT)
		cm_die(CM_SYSTEM, "%s not found (beside cm-report, nor on "
		    "PATH): it is built and installed with cm-report", name);
	if (rc < 0) {
		pass_on(&errb, 1);
		cm_die(CM_SYSTEM, "%s: %s", name, err.msg);
	}
	if (rc > CM_ATTENTION) {
		/* Its own words, "cm-complaint: FILE:LINE: ...", as ours. */
		pass_on(&errb, 1);
		if (errb.len == 0)
			cm_warn("%s exited with status %d", name, rc);
		exit(rc <= CM_SYSTEM ? rc : CM_SYSTEM);
	}
	if (rc == CM_ATTENTION)
		*finding = 1;
	if (!quiet_err || cm_verbose)
		pass_on(&errb, 0);
	min = cm_in_open_mem(name, out.s ? out.s : "", out.len, "utf-8", &err);
	if (min == NULL || (t = cm_table_load_in(min, NULL, &err)) == NULL)
		cm_die(CM_SYSTEM, "%s printed what is not its CSV: %s", name,
		    err.msg);
	/* The table keeps pointers into its own copies, not into out. */
	free(argv[0]);
	free(argv);
	cm_buf_free(&errb);
	/* out must outlive the input it was opened over: the table is read. */
	cm_buf_free(&out);
	return t;
}

struct cm_table *
complaint_csv(struct report *r, int *finding, ...)
{
	const char *args[32];
	struct cm_table *t;
	size_t n = 0;
	va_list ap;

	args[n++] = "-f";
	args[n++] = r->complaints;
	if (r->calendar != NULL) {
		args[n++] = "--calendar";
		args[n++] = r->calendar;
	}
	va_start(ap, finding);
	while (n < sizeof(args) / sizeof(args[0]) - 1 &&
	    (args[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	args[n] = NULL;
	t = sibling_csv("cm-complaint", args, NULL, 0, 0, finding);
	return t;
}

void
report_check_mail(struct report *r)
{
	const char *env = getenv("CM_MAIL_FROM");

	if (r->to.n == 0 && r->cc.n > 0)
		cm_usage_error("--cc without --to: give the recipients with "
		    "--to");
	if (r->to.n == 0 && r->from != NULL)
		cm_usage_error("--from without --to: give the recipients with "
		    "--to");
	if (r->to.n > 0 && r->from == NULL && (env == NULL || *env == '\0'))
		cm_usage_error("no sender: give --from or set CM_MAIL_FROM");
	if (r->to.n > 0) {
		struct cm_mail m;
		struct cm_buf out = {0};
		struct cm_error err;

		/*
		 * The addresses and the Date are checked as the mail will be
		 * built, on an empty message, before anything is computed or
		 * written: a bad --cc found only at the end would leave the
		 * charts of DIR replaced and no mail.
		 */
		memset(&m, 0, sizeof(m));
		m.from = r->from != NULL ? r->from : env;
		m.to = r->to.v;
		m.nto = r->to.n;
		m.cc = r->cc.v;
		m.ncc = r->cc.n;
		m.subject = "";
		m.text = "";
		if (cm_mail_date(&m.date, &m.reproducible, &err) < 0 ||
		    cm_mail_build(&m, &out, &err) < 0)
			cm_die_error(&err);
		cm_buf_free(&out);
	}
	if (r->out_dir != NULL && *r->out_dir == '\0')
		cm_usage_error("empty --out: name the report's directory");
	if (r->calendar != NULL && strcmp(r->calendar, "none") != 0) {
		char *path = cm_cal_find(r->calendar);
		struct cm_error err;
		struct cm_cal *cal;

		/* cm-complaint's own words and status (4), before it runs. */
		if ((cal = cm_cal_load(path, NULL, &err)) == NULL)
			cm_die_error(&err);
		cm_cal_free(cal);
		free(path);
	}
}

void
report_as_of(const struct report *r, const char *dflt, char *buf)
{
	cm_day d;

	if (r->as_of == NULL) {
		cm_day today = cm_today(), last;

		/*
		 * A period not over yet is judged today: a case due tomorrow
		 * is not overdue, whatever the month's last day says.
		 */
		if (today == -1)
			cm_usage_error("invalid CM_TODAY '%s' (a date such as "
			    "2026-10-31)", getenv("CM_TODAY"));
		if (cm_date_parse(dflt, strlen(dflt), &last) == 0 &&
		    today < last)
			cm_date_format(today, buf);
		else
			memcpy(buf, dflt, 11);
		return;
	}
	if (cm_date_parse(r->as_of, strlen(r->as_of), &d) < 0)
		cm_usage_error("invalid --as-of '%s' (a date such as "
		    "2026-10-31)", r->as_of);
	cm_date_format(d, buf);
}
