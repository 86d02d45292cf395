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
#include "words.h"

void
grade_columns(struct cm_out *o)
{
	/*
	 * 评定等级 and 定级规则 are columns.map's, so a graded file reads
	 * back; not 等级, which a customer file may have for the grade it keeps.
	 */
	cm_out_name(o, "grade", NULL);
	cm_out_name(o, "grade_rule", NULL);
}

static void
grade_header(struct source *s, int first)
{
	struct cm_out *o = s->arg;

	if (!first)
		return;
	source_out_header(s, o);
	grade_columns(o);
	cm_out_endrow(o);
}

/* Every row unchanged plus grade and grade_rule, streaming. */
int
do_grade(struct ctx *c)
{
	struct source s;
	struct cm_buf where = {0};
	struct cm_out *o;
	size_t rows = 0;

	rules_load(c);
	o = cm_out_open(&c->co.out);
	source_init(&s, c);
	s.refuse_graded = 1;
	s.on_header = grade_header;
	s.arg = o;
	while (source_next(&s)) {
		source_out_row(&s, o);
		cm_out_word(o, "grade", s.grade);
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

/*
 * The language of --explain, text for a person: with --lang, the one
 * it names; without, the locale's, through the message catalog as
 * before --lang existed.
 */
enum voice { BY_LOCALE, IN_ENGLISH, IN_CHINESE };

static enum voice
voice_of(const struct ctx *c)
{
	if (!c->co.lang_given)
		return BY_LOCALE;
	return c->co.out.lang == CM_LANG_ZH ? IN_CHINESE : IN_ENGLISH;
}

/* en (marked N_) in the locale's language or in English; or zh. */
static const char *say(enum voice v, const char *en, const char *zh)
    __attribute__((format_arg(2)));

static const char *
say(enum voice v, const char *en, const char *zh)
{
	return v == IN_CHINESE ? zh : v == IN_ENGLISH ? en : _(en);
}

/* What each condition saw, one line each, under the rule it is in. */
static void
saw(void *arg, const char *cond, const char *value, int result)
{
	enum voice v = *(enum voice *)arg;

	printf(say(v, N_("  %s: '%s' is %s\n"), "  %s: '%s' 为%s\n"), cond,
	    value, result ? say(v, N_("true"), "真") :
	    say(v, N_("false"), "假"));
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
	enum voice v = voice_of(c);

	rules_load(c);
	source_init(&s, c);
	s.refuse_graded = 1;
	/* Another customer's bad cell is no concern of this explanation. */
	s.read_only = 1;
	s.on_header = source_need_id;
	while (source_next(&s)) {
		if (strcmp(source_id(&s), c->explain) != 0)
			continue;
		printf(say(v, N_("%scustomer '%s' (%s:%ld)\n"),
		    "%s客户 '%s' (%s:%ld)\n"), found++ ? "\n" : "",
		    c->explain, cm_csv_name(s.r), cm_csv_line(s.r));
		for (i = 0; i < c->nrules; i++) {
			struct cm_error err;
			const struct rule *ru = &c->rules[i];

			printf("%s:%ld: %c %s\n", c->rules_name, ru->line,
			    ru->grade, ru->cond);
			rc = cm_expr_eval(ru->e, s.f, s.n, c->today, saw, &v,
			    &err);
			if (rc == 1) {
				char g[2] = {ru->grade, '\0'};

				/* Chinese names the grade as the office does. */
				if (v == IN_CHINESE)
					printf("等级 %s，由 %s:%ld 决定\n",
					    cm_word_alias("grade", g),
					    c->rules_name, ru->line);
				else
					printf(say(v, N_("grade %c by %s:%ld\n"),
					    NULL), ru->grade, c->rules_name,
					    ru->line);
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
