/*
 * out.c: the month's deduction list, one row per person with anything
 * assigned, carried in, sanctioned or carried out, in staff-file order; or, with --cases, one row per
 * case and person with the loss and the rule that made the amount, so
 * that every figure can be traced to its case.  Nothing is printed until
 * every input has been checked: a data error (exit 3) prints nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "msg.h"
#include "num.h"
#include "penalty.h"
#include "xalloc.h"

static void
money(struct cm_out *o, long long fen)
{
	char buf[32];

	cm_out_str(o, cm_money_format(buf, fen));
}

/* Base points with the decimals they need, one at least: "1.2", "3.0". */
static const char *
points_fmt(long long milli, char *buf)
{
	int dec = milli % 10 ? 3 : milli % 100 ? 2 : 1;

	return cm_milli_format(buf, milli, dec);
}

/*
 * resold within 30 days; shared 60%; unit 装配一组 1.2 of 3.4 points
 * Under --lang zh each clause is a whole Chinese phrase of its own, with
 * its figures in place, and the clauses are joined by "；": 30天内已转售；
 * 分摊60%；班组装配一组，基点1.2/3.4.  The rule is text for people: no
 * command reads it back.
 */
static void
rule_text(const struct ctx *c, const struct part *pt, int zh,
    struct cm_buf *b)
{
	const struct kase *ks = &c->cases[pt->k];
	const struct party *pa = &ks->party[pt->party];
	const char *sep = zh ? "；" : "; ";
	char buf[32], buf2[32];

	cm_buf_reset(b);
	if (ks->rule == LOSS_ACTUAL)
		cm_buf_adds(b, zh ? "按实际损失" : "actual loss");
	else if (ks->rule == LOSS_RESOLD)
		cm_buf_printf(b, zh ? "%ld天内已转售" :
		    "resold within %ld days", c->conf.resale_days);
	else
		cm_buf_printf(b, zh ? "%ld天内未转售" :
		    "not resold within %ld days", c->conf.resale_days);
	if (pa->share != SHARE_WHOLE)
		cm_buf_printf(b, zh ? "%s分摊%s%%" : "%sshared %s%%", sep,
		    share_fmt(pa->share, buf));
	else if (pa->kind == PARTY_PERSON)
		cm_buf_printf(b, "%s%s", sep, zh ? "个人承担" : "person");
	if (pa->kind != PARTY_PERSON) {
		const struct group *g = pa->kind == PARTY_UNIT ?
		    &c->units[pa->who] : &c->depts[pa->who];
		const char *fmt = pa->kind == PARTY_UNIT ?
		    (zh ? "%s班组%s，基点%s/%s" : "%sunit %s %s of %s points") :
		    (zh ? "%s部门%s，基点%s/%s" : "%sdept %s %s of %s points");

		cm_buf_printf(b, fmt, sep, g->name,
		    points_fmt(c->staff[pt->person].points, buf),
		    points_fmt(g->points, buf2));
	}
}

/*
 * The headers, as the office's deduction list (经济处罚, 004 article 3)
 * heads them under --lang zh: each reads back through columns.map (its
 * cm-penalty section), so that a Chinese list is next month's --carry.
 * NULL: columns.map's first Chinese name is the right one.
 */
struct head {
	const char *en, *zh;
};

static void
header(struct cm_out *o, const struct head *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cm_out_name(o, h[i].en, h[i].zh);
	cm_out_endrow(o);
}

/*
 * The Chinese header of a column of the staff file: the user's own when
 * it is Chinese (员工编号, 责任部门), else zh.
 */
static const char *
staff_head(const char *raw, const char *zh)
{
	const char *s;

	for (s = raw; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return raw;
	return zh;
}

static void
by_case(struct ctx *c, struct cm_out *o)
{
	/* 品名, columns.map's first name for name, is a part's. */
	const struct head head[] = {{"month", NULL}, {"case", NULL},
	    {"person", staff_head(c->raw_person, NULL)},
	    {"name", staff_head(c->raw_name, "姓名")}, {"loss", NULL},
	    {"rule", "罚扣依据"}, {"amount", "罚扣金额"}};
	struct cm_buf rule = {0}, line = {0};
	int zh = cm_out_lang(o) == CM_LANG_ZH;
	char buf[32];
	size_t i;

	header(o, head, sizeof(head) / sizeof(*head));
	for (i = 0; i < c->nparts; i++) {
		const struct part *pt = &c->parts[i];
		const struct person *p = &c->staff[pt->person];
		const struct kase *ks = &c->cases[pt->k];

		cm_out_str(o, c->month_arg);
		cm_out_str(o, ks->id);
		cm_out_str(o, p->id);
		cm_out_str(o, p->name);
		money(o, ks->loss);
		rule_text(c, pt, zh, &rule);
		/* --register: the amount is what changed since. */
		cm_buf_reset(&line);
		if (ks->rejected)
			cm_buf_adds(&line, zh ? "投诉不成立；" : "rejected; ");
		if (ks->before != 0)
			cm_buf_printf(&line, zh ? "此前已扣%s；" :
			    "charged %s before; ",
			    cm_money_format(buf, ks->before));
		cm_buf_adds(&line, cm_buf_str(&rule));
		cm_out_str(o, cm_buf_str(&line));
		money(o, pt->amount);
		cm_out_endrow(o);
	}
	cm_buf_free(&rule);
	cm_buf_free(&line);
}

static void
by_person(struct ctx *c, struct cm_out *o, const struct month *ms)
{
	const struct head head[] = {{"month", NULL},
	    {"person", staff_head(c->raw_person, NULL)},
	    {"name", staff_head(c->raw_name, "姓名")},
	    {"dept", staff_head(c->raw_dept, NULL)}, {"bonus", NULL},
	    {"carried_in", NULL}, {"assigned", "投诉罚扣"},
	    {"sanctions", "行政罚扣"}, {"due", "应扣合计"},
	    {"cap", "罚扣上限"}, {"deducted", "本月扣款"},
	    {"carried_out", NULL}};
	size_t i;

	header(o, head, sizeof(head) / sizeof(*head));
	for (i = 0; i < c->nstaff; i++) {
		const struct person *p = &c->staff[i];
		const struct month *m = &ms[i];

		if (p->assigned == 0 && p->carried_in == 0 &&
		    m->sanctions == 0 && m->carried_out == 0)
			continue;
		cm_out_str(o, c->month_arg);
		cm_out_str(o, p->id);
		cm_out_str(o, p->name);
		cm_out_str(o, p->dept);
		money(o, p->bonus);
		money(o, p->carried_in);
		money(o, p->assigned);
		money(o, m->sanctions);
		money(o, m->due);
		money(o, m->cap);
		money(o, m->deducted);
		money(o, m->carried_out);
		cm_out_endrow(o);
	}
}

int
output(struct ctx *c)
{
	struct month *ms = xreallocarray(NULL, c->nstaff ? c->nstaff : 1,
	    sizeof(*ms));
	struct cm_out *o;
	char next[16], buf[32];
	int status = CM_OK;
	size_t i;

	for (i = 0; i < c->nstaff; i++)
		if (person_month(c, &c->staff[i], &ms[i]) < 0)
			cm_dieat(CM_DATA, c->staff_path, c->staff[i].line, 0,
			    "the amounts of person '%s' are too large (due "
			    "above 100000000000.00)",
			    cm_msg_value(c->staff[i].id));
	o = cm_out_open(&c->co.out);
	if (c->by_case)
		by_case(c, o);
	else
		by_person(c, o, ms);
	cm_out_close(o);
	/* (三).4: the office must know who still owes. */
	month_name(c, 1, next);
	for (i = 0; i < c->nstaff; i++) {
		/*
		 * A refund beyond what was owed: the office pays it, so the
		 * office must know, as of a balance carried (not under -q).
		 */
		if (ms[i].deducted < 0)
			cm_warn("%s %s is paid back %s in %s (refunds)",
			    cm_msg_value(c->staff[i].id),
			    cm_msg_value(c->staff[i].name),
			    cm_money_format(buf, -ms[i].deducted),
			    c->month_arg);
		if (ms[i].carried_out > 0) {
			cm_warn("%s %s carries %s into %s",
			    cm_msg_value(c->staff[i].id),
			    cm_msg_value(c->staff[i].name),
			    cm_money_format(buf, ms[i].carried_out), next);
			status = CM_ATTENTION;
		}
	}
	free(ms);
	return status;
}
