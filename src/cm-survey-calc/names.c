/*
 * names.c: the names and words cm-survey-calc writes, in English or, under
 * --lang zh, in a quality office's Chinese (issue 14): its own columns as
 * the 顾客满意度调查表 and the satisfaction statistics (000 §5.3.1.6,
 * 001/12 §5.10) name them, the user's columns and items as the user's
 * header wrote them.  Each Chinese header here is listed in the
 * cm-survey-calc section of columns.map, so that it reads back as its
 * English name; the statistics of a partial read back through
 * survey_stat_en.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colmap.h"
#include "survey.h"
#include "xalloc.h"
#include "text.h"

/*
 * The columns cm-survey-calc makes.  The Chinese is passed to cm_out_name
 * rather than taken from columns.map, where another command's section
 * may list another first name for the same canonical one (rate is also
 * cm-sample's 抽样比例).
 */
static const struct {
	const char *en, *zh;
} col[] = {
	{"item", "调查项目"},
	{"n", "答卷数"},
	{"satisfied", "满意数"},
	{"rate", "满意率"},
	{"mean", "平均分"},
	{"unanswered", "未答"},
	{"invalid", "无效"},
	{"ci_low", "置信下限"},
	{"ci_high", "置信上限"},
	{"trend", "较上期"},
	{"index", "满意度指数"},
	{"alpha", "α系数"},
	{"alpha_if_deleted", "删除该项后α系数"},
	{"alpha_n", "α答卷数"},
	{"issue_rate", "发放率"},
	{"return_rate", "回收率"},
	{"status", "达标情况"},
	{"stat", "统计量"},
	{"value", "数值"},
	{"dissatisfied_items", "不满意项目"},
};

void
survey_put_col(struct cm_out *o, const char *en)
{
	size_t i;

	for (i = 0; i < sizeof(col) / sizeof(col[0]); i++)
		if (strcmp(col[i].en, en) == 0)
			break;
	cm_out_name(o, en, i < sizeof(col) / sizeof(col[0]) ? col[i].zh :
	    NULL);
}

/*
 * The count of answers v: "n5", or "5分" as columns.map gives it (it
 * lists 0分 to 10分, the shipped scales; a value above stays n11, which
 * reads back as well).
 */
void
survey_put_ncol(struct cm_out *o, int v)
{
	char name[16];

	snprintf(name, sizeof(name), "n%d", v);
	cm_out_name(o, name, NULL);
}

static void
keep(char **slot, const char *raw)
{
	if (*slot == NULL && raw != NULL)
		*slot = xstrdup(raw);
}

void
survey_keep_raw(struct survey *sv, struct cm_csv *r, const int *by,
    const int *item)
{
	size_t i;

	if (sv->rawby == NULL) {
		sv->rawby = xcalloc(sv->nby + 1, sizeof(char *));
		sv->rawitem = xcalloc(sv->k + 1, sizeof(char *));
	}
	for (i = 0; by != NULL && i < sv->nby; i++)
		if (by[i] >= 0)
			keep(&sv->rawby[i], cm_csv_rawname(r, (size_t)by[i]));
	for (i = 0; item != NULL && i <= sv->k; i++)
		if (item[i] >= 0)
			keep(&sv->rawitem[i],
			    cm_csv_rawname(r, (size_t)item[i]));
}

void
survey_keep_item(struct survey *sv, long i, const char *raw)
{
	if (sv->rawitem == NULL) {
		sv->rawby = xcalloc(sv->nby + 1, sizeof(char *));
		sv->rawitem = xcalloc(sv->k + 1, sizeof(char *));
	}
	/* Only a Chinese name says more than the canonical one. */
	if (i >= 0 && sv->rawitem[i] == NULL && !cm_ascii(raw))
		sv->rawitem[i] = xstrdup(raw);
}

const char *
survey_item_raw(const struct survey *sv, size_t i)
{
	return sv->rawitem != NULL ? sv->rawitem[i] : NULL;
}

const char *
survey_item_en(const struct survey *sv, size_t i)
{
	return i == 0 ? sv->overall : sv->items[i - 1];
}

void
survey_put_by(const struct survey *sv, struct cm_out *o)
{
	size_t i;

	for (i = 0; i < sv->nby; i++)
		cm_out_name(o, sv->by[i], sv->rawby ? sv->rawby[i] : NULL);
}

void
survey_put_item(const struct survey *sv, struct cm_out *o, size_t i)
{
	cm_out_name(o, survey_item_en(sv, i), survey_item_raw(sv, i));
}

/* The item's name for a cell of text (dissatisfied_items, x:ITEM). */
const char *
survey_item_name(const struct survey *sv, const struct cm_out *o, size_t i)
{
	const char *raw = survey_item_raw(sv, i);
	const char *zh;

	if (cm_out_lang(o) != CM_LANG_ZH)
		return survey_item_en(sv, i);
	if (!cm_ascii(raw))
		return raw;
	zh = cm_colmap_zh(sv->co.map, survey_item_en(sv, i));
	return zh != NULL ? zh : survey_item_en(sv, i);
}

/*
 * The statistics of a partial (partial.c) in Chinese: the words, and
 * the codes spelt out, n5 as 5分 and f2:7 (2 items answered, 7 points in
 * all) as 答2项共7分.
 */
static const struct {
	const char *en, *zh;
} stat[] = {
	{"forms", "回收份数"},
	{"unanswered", "未答"},
	{"invalid", "无效"},
	{"finvalid", "无效答卷"},
	{"an", "全答份数"},
	{"sum", "总分"},
};

static const char XPFX[] = "乘积和:";

void
survey_put_stat(const struct survey *sv, struct cm_out *o, const char *en,
    long x)
{
	size_t i;
	unsigned long c, s;

	if (strcmp(en, "x:") == 0) {
		if (cm_out_lang(o) == CM_LANG_ZH)
			cm_out_printf(o, "%s%s", XPFX,
			    survey_item_name(sv, o, (size_t)x));
		else
			cm_out_printf(o, "x:%s", survey_item_en(sv, (size_t)x));
		return;
	}
	if (cm_out_lang(o) != CM_LANG_ZH) {
		cm_out_str(o, en);
		return;
	}
	for (i = 0; i < sizeof(stat) / sizeof(stat[0]); i++)
		if (strcmp(stat[i].en, en) == 0) {
			cm_out_str(o, stat[i].zh);
			return;
		}
	if (sscanf(en, "f%lu:%lu", &c, &s) == 2)
		cm_out_printf(o, "答%lu项共%lu分", c, s);
	else if (en[0] == 'n')
		cm_out_printf(o, "%s分", en + 1);
	else
		cm_out_str(o, en);
}

/* Append the digits s starts with to b: what follows them, or NULL. */
static const char *
number(const char *s, struct cm_buf *b)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s)
		return NULL;
	cm_buf_add(b, s, (size_t)(p - s));
	return p;
}

const char *
survey_stat_en(const char *s, struct cm_buf *b)
{
	const char *p;
	size_t i;

	cm_buf_reset(b);
	for (i = 0; i < sizeof(stat) / sizeof(stat[0]); i++)
		if (strcmp(stat[i].zh, s) == 0)
			return stat[i].en;
	if (strncmp(s, XPFX, sizeof(XPFX) - 1) == 0) {
		cm_buf_adds(b, "x:");
		cm_buf_adds(b, s + sizeof(XPFX) - 1);
		return cm_buf_str(b);
	}
	if (strncmp(s, "答", strlen("答")) == 0) {
		cm_buf_addc(b, 'f');
		if ((p = number(s + strlen("答"), b)) == NULL ||
		    strncmp(p, "项共", strlen("项共")) != 0)
			return s;
		cm_buf_addc(b, ':');
		if ((p = number(p + strlen("项共"), b)) == NULL ||
		    strcmp(p, "分") != 0)
			return s;
		return cm_buf_str(b);
	}
	cm_buf_addc(b, 'n');
	if ((p = number(s, b)) != NULL && strcmp(p, "分") == 0)
		return cm_buf_str(b);
	return s;
}
