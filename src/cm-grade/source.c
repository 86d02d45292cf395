/*
 * source.c: the customers, input after input, each row with its grade:
 * the input's own grade column when it has one (a file graded earlier,
 * for --due and --diff), else the first rule that matches.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grade.h"
#include "msg.h"
#include "words.h"
#include "xalloc.h"
#include "text.h"

void
source_need_id(struct source *s, int first)
{
	(void)first;
	if (s->id_col < 0)
		cm_die_no_column(s->r, "id");
}

void
source_init(struct source *s, struct ctx *c)
{
	memset(s, 0, sizeof(*s));
	s->c = c;
	s->k = -1;
	s->id_col = s->name_col = s->grade_col = -1;
}

static void
open_next(struct source *s)
{
	struct ctx *c = s->c;
	struct cm_error err;
	struct cm_buf names = {0};
	size_t i;
	int first = s->k == 0;

	if ((s->r = cm_csv_open(c->inputs[s->k], &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	s->ncols = cm_csv_ncols(s->r);
	for (i = 0; i < s->ncols; i++) {
		cm_buf_adds(&names, cm_csv_colname(s->r, i));
		cm_buf_addc(&names, '\x1f');
	}
	/* Rows pass through unchanged, so every input needs one header. */
	if (first)
		s->header = xstrdup(cm_buf_str(&names));
	else if (strcmp(s->header, cm_buf_str(&names)) != 0)
		cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r), 0,
		    "columns differ from those of the first input");
	cm_buf_free(&names);
	s->id_col = cm_csv_col(s->r, "id");
	/* 客户名称 maps to customer: a Chinese file's name is there. */
	if ((s->name_col = cm_csv_col(s->r, "name")) < 0)
		s->name_col = cm_csv_col(s->r, "customer");
	s->grade_col = cm_csv_col(s->r, "grade");
	if (s->grade_col >= 0 && s->refuse_graded)
		cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r), 0,
		    "the input has a grade column already: it is graded (--due "
		    "and --diff take it as it is)");
	if (s->grade_col < 0 && !s->read_only)
		rules_load(c);
	/* --explain loads the rules itself and grades read-only rows. */
	if (c->nrules > 0)
		rules_bind(c, s->r);
	s->f = xreallocarray(s->f, s->ncols, sizeof(*s->f));
	s->n = xreallocarray(s->n, s->ncols, sizeof(*s->n));
	if (s->on_header != NULL)
		s->on_header(s, first);
}

int
source_next(struct source *s)
{
	struct cm_error err;
	size_t i;
	int rc;

	for (;;) {
		if (s->r == NULL) {
			if (s->k + 1 >= s->c->ninputs)
				return 0;
			s->k++;
			open_next(s);
		}
		if ((rc = cm_csv_next(s->r, &err)) < 0)
			cm_die_error(&err);
		if (rc == 1)
			break;
		cm_csv_close(s->r);
		s->r = NULL;
	}
	for (i = 0; i < s->ncols; i++) {
		s->f[i] = cm_csv_field(s->r, i);
		s->n[i] = cm_csv_flen(s->r, i);
	}
	if (s->read_only) {
		s->rule = NULL;
		s->grade = NULL;
		s->glen = 0;
		return 1;
	}
	if (s->grade_col >= 0) {
		/*
		 * A graded file kept by hand may say A级 or B級 (001/13):
		 * the row goes on with the canonical letter.
		 */
		s->rule = NULL;
		if ((s->grade = cm_word("grade", s->f[s->grade_col])) == NULL)
			cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r),
			    0, "grade '%s' is not one of %s",
			    cm_msg_value(s->f[s->grade_col]),
			    cm_word_list("grade"));
		s->f[s->grade_col] = s->grade;
		s->n[s->grade_col] = s->glen = strlen(s->grade);
		return 1;
	}
	s->rule = rules_grade(s->c, s->r, s->f, s->n, s->id_col, NULL, NULL);
	s->grade = s->rule->grade == 'A' ? "A" : s->rule->grade == 'B' ? "B" :
	    "C";
	s->glen = 1;
	return 1;
}

void
source_out_header(const struct source *s, struct cm_out *o)
{
	size_t i;

	for (i = 0; i < s->ncols; i++) {
		const char *canon = cm_csv_colname(s->r, i);
		const char *raw = cm_csv_rawname(s->r, i);

		if (strcmp(canon, "name") == 0 && cm_ascii(raw))
			raw = NAME_ZH;
		cm_out_name(o, canon, raw);
	}
}

void
source_out_row(const struct source *s, struct cm_out *o)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if ((int)i == s->grade_col)
			cm_out_word(o, "grade", s->grade);
		else
			cm_out_field(o, s->f[i], s->n[i]);
}

const char *
source_id(const struct source *s)
{
	return s->id_col >= 0 ? s->f[s->id_col] : "";
}

void
source_free(struct source *s)
{
	if (s->r != NULL)
		cm_csv_close(s->r);
	free(s->f);
	free(s->n);
	free(s->header);
	memset(s, 0, sizeof(*s));
}
