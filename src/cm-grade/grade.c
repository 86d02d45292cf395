/*
 * grade.c: grade every customer by the rules (001/13), and say why for
 * one (--explain), as auditors ask why a customer is C.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grade.h"
#include "i18n.h"
#include "msg.h"

static void
grade_header(struct source *s, int first)
{
	struct cm_out *o = s->arg;
	size_t i;

	if (!first)
		return;
	for (i = 0; i < s->ncols; i++)
		cm_out_str(o, cm_csv_colname(s->r, i));
	cm_out_str(o, "grade");
	cm_out_str(o, "grade_rule");
	cm_out_endrow(o);
}

/* Every row unchanged plus grade and grade_rule, streaming. */
int
do_grade(struct ctx *c)
{
	struct source s;
	struct cm_buf where = {0};
	struct cm_out *o;
	size_t i, rows = 0;

	rules_load(c);
	o = cm_out_open(&c->co.out);
	source_init(&s, c);
	s.refuse_graded = 1;
	s.on_header = grade_header;
	s.arg = o;
	while (source_next(&s)) {
		for (i = 0; i < s.ncols; i++)
			cm_out_field(o, s.f[i], s.n[i]);
		cm_out_field(o, s.grade, s.glen);
		cm_out_str(o, rule_where(c, s.rule, &where));
		cm_out_endrow(o);
		rows++;
	}
	source_free(&s);
	cm_info("%zu customers graded by %zu rules of %s", rows, c->nrules,
	    c->rules_name);
	cm_buf_free(&where);
	cm_out_close(o);
	return CM_OK;
}

/* What each condition saw, one line each, under the rule it is in. */
static void
saw(void *arg, const char *cond, const char *value, int result)
{
	(void)arg;
	printf(_("  %s: '%s' is %s\n"), cond, value,
	    result ? _("true") : _("false"));
}

/*
 * --explain ID: every rule tried for that customer, in order, with the
 * value each condition saw, up to the rule that decided.
 */
int
do_explain(struct ctx *c)
{
	struct source s;
	size_t i, found = 0;
	int rc = 0;

	rules_load(c);
	source_init(&s, c);
	s.refuse_graded = 1;
	/* Another customer's bad cell is no concern of this explanation. */
	s.read_only = 1;
	s.on_header = source_need_id;
	while (source_next(&s)) {
		if (strcmp(source_id(&s), c->explain) != 0)
			continue;
		printf(_("%scustomer '%s' (%s:%ld)\n"), found++ ? "\n" : "",
		    c->explain, cm_csv_name(s.r), cm_csv_line(s.r));
		for (i = 0; i < c->nrules; i++) {
			struct cm_error err;

			printf("%s:%ld: %c %s\n", c->rules_name,
			    c->rules[i].line, c->rules[i].grade,
			    c->rules[i].cond);
			rc = cm_expr_eval(c->rules[i].e, s.f, s.n, c->today, saw,
			    NULL, &err);
			if (rc == 1) {
				printf(_("grade %c by %s:%ld\n"), c->rules[i].grade,
				    c->rules_name, c->rules[i].line);
				break;
			}
			if (rc < 0)
				break;
		}
		/* No rule decided: say why, as grading would, and exit 3. */
		if (i == c->nrules || rc < 0) {
			fflush(stdout);
			rules_grade(c, s.r, s.f, s.n, s.id_col, NULL, NULL);
		}
	}
	source_free(&s);
	if (found == 0)
		cm_die(CM_DATA, "no customer with id '%s' in the input",
		    cm_msg_value(c->explain));
	cm_close_stdout();
	return CM_OK;
}
