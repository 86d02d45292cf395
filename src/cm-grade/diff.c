/*
 * diff.c: --diff PREVIOUS [FILE], the customers whose grade changed since
 * an earlier graded file, for the customer relationship review
 * (客户关系评审报告, 000 §5.4.2).  PREVIOUS is held in memory (id, name
 * and grade a customer); the input streams.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grade.h"
#include "msg.h"
#include "strset.h"
#include "words.h"
#include "xalloc.h"

struct old {
	size_t id, name;	/* offsets into the text buffer */
	long line;
	char grade;
	int seen;		/* in the input too */
};

struct prev {
	struct cm_buf text;
	struct old *v;
	size_t n;
	struct cm_strset *ids;
};

static void
read_previous(struct ctx *c, struct prev *p)
{
	struct cm_error err;
	struct cm_csv *r;
	int id, name, grade, rc;
	size_t cap = 0, i;

	if ((r = cm_csv_open(c->previous, &c->co.in, &err)) == NULL)
		cm_die_error(&err);
	if ((id = cm_csv_col(r, "id")) < 0)
		cm_die_no_column(r, "id");
	if ((grade = cm_csv_col(r, "grade")) < 0)
		cm_die_no_column(r, "grade");
	/* 客户名称 maps to customer: a Chinese file's name is there. */
	if ((name = cm_csv_col(r, "name")) < 0)
		name = cm_csv_col(r, "customer");
	while ((rc = cm_csv_next(r, &err)) == 1) {
		const char *g = cm_csv_field(r, (size_t)grade);
		struct old *o;

		if (cm_csv_flen(r, (size_t)id) == 0)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "empty id");
		if ((g = cm_word("grade", g)) == NULL)
			cm_dieat(CM_DATA, cm_csv_name(r), cm_csv_line(r), 0,
			    "grade '%s' is not one of %s",
			    cm_msg_value(cm_csv_field(r, (size_t)grade)),
			    cm_word_list("grade"));
		p->v = xgrow(p->v, &cap, p->n + 1, sizeof(*p->v));
		o = &p->v[p->n++];
		o->grade = *g;
		o->line = cm_csv_line(r);
		o->seen = 0;
		o->id = p->text.len;
		cm_buf_add(&p->text, cm_csv_field(r, (size_t)id),
		    cm_csv_flen(r, (size_t)id));
		cm_buf_addc(&p->text, '\0');
		o->name = p->text.len;
		if (name >= 0)
			cm_buf_add(&p->text, cm_csv_field(r, (size_t)name),
			    cm_csv_flen(r, (size_t)name));
		cm_buf_addc(&p->text, '\0');
	}
	if (rc < 0)
		cm_die_error(&err);
	/* The buffer has stopped moving: keys may point into it now. */
	p->ids = cm_strset_new();
	for (i = 0; i < p->n; i++) {
		size_t first;

		if (!cm_strset_add(p->ids, p->text.s + p->v[i].id, i, &first))
			cm_dieat(CM_DATA, cm_csv_name(r), p->v[i].line, 0,
			    "duplicate id '%s' (first on line %ld)",
			    cm_msg_value(p->text.s + p->v[i].id),
			    p->v[first].line);
	}
	cm_csv_close(r);
}

/* The header: a customer's name is its 名称 (grade.h). */
static void
header(struct cm_out *o)
{
	cm_out_name(o, "id", NULL);
	cm_out_name(o, "name", NAME_ZH);
	cm_out_name(o, "old", "原等级");
	cm_out_name(o, "new", "新等级");
	cm_out_name(o, "change", NULL);
	cm_out_endrow(o);
}

/* A customer: old and new are grades ("" for none), change a word. */
static void
row(struct cm_out *o, const char *id, const char *name, const char *old,
    const char *new, const char *change)
{
	static const char *const changes[][2] = {
		{"up", "升级"}, {"down", "降级"}, {"new", "新增"},
		{"gone", "移除"}
	};
	size_t i;

	cm_out_str(o, id);
	cm_out_str(o, name);
	cm_out_word(o, "grade", *old != '\0' ? old : NULL);
	cm_out_word(o, "grade", *new != '\0' ? new : NULL);
	for (i = 0; i < 3 && strcmp(changes[i][0], change) != 0; i++)
		;
	cm_out_text(o, change, changes[i][1]);
	cm_out_endrow(o);
}

/* A customer twice in the input would be compared twice. */
static _Noreturn void
twice(const struct source *s, const char *id)
{
	cm_dieat(CM_DATA, cm_csv_name(s->r), cm_csv_line(s->r), 0,
	    "customer '%s' is in the input twice", cm_msg_value(id));
}

int
do_diff(struct ctx *c)
{
	struct prev p = {{0}, NULL, 0, NULL};
	struct source s;
	struct cm_strset *fresh = cm_strset_new();
	char **fresh_ids = NULL;
	size_t nfresh = 0, fcap = 0;
	char g[2] = "", og[2] = "";
	struct cm_out *o;
	size_t i, k;
	int changed = 0;

	read_previous(c, &p);
	o = cm_out_open(&c->co.out);
	header(o);
	source_init(&s, c);
	s.on_header = source_need_id;
	while (source_next(&s)) {
		const char *id = source_id(&s);
		const char *name = s.name_col >= 0 ? s.f[s.name_col] : "";

		if (*id == '\0')
			cm_dieat(CM_DATA, cm_csv_name(s.r), cm_csv_line(s.r), 0,
			    "empty id");
		g[0] = *s.grade;
		if (!cm_strset_get(p.ids, id, &k)) {
			/* Few customers are new: each keeps a copy of its id. */
			if (cm_strset_get(fresh, id, NULL))
				twice(&s, id);
			fresh_ids = xgrow(fresh_ids, &fcap, nfresh + 1,
			    sizeof(*fresh_ids));
			fresh_ids[nfresh] = xstrdup(id);
			cm_strset_add(fresh, fresh_ids[nfresh++], 0, NULL);
			row(o, id, name, "", g, "new");
			changed = 1;
			continue;
		}
		if (p.v[k].seen)
			twice(&s, id);
		p.v[k].seen = 1;
		if (p.v[k].grade == *s.grade)
			continue;
		og[0] = p.v[k].grade;
		/* A before B before C: a smaller letter is a better grade. */
		row(o, id, name, og, g, *s.grade < p.v[k].grade ? "up" :
		    "down");
		changed = 1;
	}
	source_free(&s);
	for (i = 0; i < p.n; i++)
		if (!p.v[i].seen) {
			og[0] = p.v[i].grade;
			row(o, p.text.s + p.v[i].id, p.text.s + p.v[i].name, og,
			    "", "gone");
			changed = 1;
		}
	cm_out_close(o);
	cm_strset_free(fresh);
	for (i = 0; i < nfresh; i++)
		free(fresh_ids[i]);
	free(fresh_ids);
	cm_strset_free(p.ids);
	cm_buf_free(&p.text);
	free(p.v);
	return changed ? CM_ATTENTION : CM_OK;
}
