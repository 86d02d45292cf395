/*
 * due.c: --due YYYY-MM, the customers whose credit report falls due that
 * month (001/13, 定期报告): A twice a year, in March and September; B
 * quarterly, in January, April, July and October; C every month.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grade.h"
#include "msg.h"
#include "words.h"

static int
due(char grade, int month)
{
	switch (grade) {
	case 'A':
		return month == 3 || month == 9;
	case 'B':
		return month % 3 == 1;
	default:
		return 1;
	}
}

static void
due_header(struct source *s, int first)
{
	struct cm_out *o = s->arg;

	if (!first)
		return;
	source_out_header(s, o);
	if (s->grade_col < 0)
		grade_columns(o);
	cm_out_endrow(o);
}

/* The rows as grading writes them (or as they came, graded), filtered. */
int
do_due(struct ctx *c)
{
	struct source s;
	struct cm_buf where = {0};
	struct cm_out *o;

	o = cm_out_open(&c->co.out);
	source_init(&s, c);
	s.on_header = due_header;
	s.arg = o;
	while (source_next(&s)) {
		if (!due(*s.grade, c->due_month))
			continue;
		source_out_row(&s, o);
		if (s.rule != NULL) {
			cm_out_word(o, "grade", s.grade);
			cm_out_str(o, rule_where(c, s.rule, &where));
		}
		cm_out_endrow(o);
	}
	source_free(&s);
	cm_buf_free(&where);
	cm_out_close(o);
	return CM_OK;
}
