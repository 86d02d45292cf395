/*
 * lang.c: the register's names and words in the output's language
 * (--lang, issue 14): the headers of the 投诉处理登记表 and of the
 * lists and tables made from it, and its fixed words in Chinese.  Only
 * output goes through here: the register and its log are data, read by
 * cm-penalty and cm-report, and stay canonical whatever --lang says.
 */
#include <string.h>

#include "complaint.h"
#include "csvout.h"
#include "words.h"
#include "text.h"

/*
 * A column's Chinese header where columns.map's first Chinese name for
 * it is not the office's word for a complaint (客户编号 is a customer's
 * number, 部门 any department, 动作 a movement of goods).  Each reads
 * back as its column through columns.map (t2004 checks all of them);
 * the other columns take columns.map's first name (cm_colmap_zh).
 */
static const struct {
	const char *name;
	const char *zh;
} own[] = {
	{"id", "编号"},
	{"customer", "客户"},
	{"dept", "责任部门"},
	{"action", "处理对策"},
};

/*
 * The header of the register's column name, whose header in the
 * register is raw (NULL: name): raw in English, as cm always wrote it.
 */
void
out_column(struct cm_out *o, const char *name, const char *raw)
{
	const char *zh = raw;
	size_t i;

	if (cm_out_lang(o) == CM_LANG_EN) {
		cm_out_str(o, raw != NULL ? raw : name);
		return;
	}
	/* A header the user wrote in Chinese stays theirs (cm_out_name). */
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strcmp(own[i].name, name) == 0 && cm_ascii(raw))
			zh = own[i].zh;
	cm_out_name(o, name, zh);
}

/*
 * A cell of the register's column name: its words (a status, a market,
 * a cause...) in Chinese under --lang zh; anything else as it stands.
 */
void
out_value(struct cm_out *o, const char *name, const char *value)
{
	if (cm_out_lang(o) == CM_LANG_EN || *value == '\0')
		cm_out_str(o, value);
	else if (vocabulary(name))
		cm_out_word(o, name, value);
	else if (strcmp(name, "cause") == 0)
		cm_out_text(o, value, cause_zh(value));
	else
		cm_out_str(o, value);
}
