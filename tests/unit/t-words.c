/*
 * t-words.c: the word table (words.h), on small tables and on the
 * shipped share/cm/words.map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "csvout.h"
#include "words.h"

static struct cm_words *
parse(const char *text, struct cm_error *err)
{
	return cm_words_parse("t.map", text, strlen(text), err);
}

static void
test_lookup(void)
{
	struct cm_error err;
	struct cm_words *w = parse("# markets\n"
	    "market\tdomestic\t国内,國內\n"
	    "market\tforeign\t国外, 國外 \n"
	    "\n"
	    "channel\tphone\t电话,電話\n"
	    "channel\twritten\n"
	    "grade\tA\tA级\n"
	    "method\tphone\t电话\n", &err);

	if (!ok(w != NULL, "a good table loads"))
		printf("# %s\n", err.msg);
	is_str(cm_words_find(w, "market", "domestic"), "domestic",
	    "the canonical word is its own");
	is_str(cm_words_find(w, "market", "国内"), "domestic", "simplified");
	is_str(cm_words_find(w, "market", "國內"), "domestic", "traditional");
	is_str(cm_words_find(w, "market", "國外"), "foreign",
	    "an alias written with spaces around it in the table");
	is_str(cm_words_find(w, "market", " Domestic\t"), "domestic",
	    "spaces trimmed, ASCII case folded");
	is_str(cm_words_find(w, "market", "\xe3\x80\x80国外\xe3\x80\x80"),
	    "foreign", "the ideographic space is trimmed too");
	is_str(cm_words_find(w, "market", "FOREIGN"), "foreign", "upper case");
	is_str(cm_words_find(w, "grade", "a"), "A",
	    "the canonical word is returned as the table has it");
	is_str(cm_words_find(w, "grade", "a级"), "A", "A级 in lower case");
	is_str(cm_words_find(w, "market", "domest"), NULL, "a prefix is none");
	is_str(cm_words_find(w, "market", "国内,国外"), NULL,
	    "two aliases are not one");
	is_str(cm_words_find(w, "market", ""), NULL, "empty is none");
	is_str(cm_words_find(w, "market", "phone"), NULL,
	    "another field's word is none");
	is_str(cm_words_find(w, "method", "电话"), "phone",
	    "one word may stand in two fields");
	is_str(cm_words_find(w, "nofield", "phone"), NULL, "an unknown field");
	is_str(cm_words_list(w, "market"), "domestic/国内, foreign/国外",
	    "the list: each canonical word with its first alias");
	is_str(cm_words_list(w, "channel"), "phone/电话, written",
	    "  a word without aliases listed alone");
	is_str(cm_words_list(w, "nofield"), NULL, "  no list for no field");
	{
		size_t n;
		const char *const *all = cm_words_all(w, "market", &n);

		ok(n == 6 && strcmp(all[0], "domestic") == 0 &&
		    strcmp(all[1], "国内") == 0 &&
		    strcmp(all[3], "foreign") == 0 &&
		    strcmp(all[5], "國外") == 0,
		    "every word of a field, as written, in order");
		ok(cm_words_all(w, "nofield", &n) == NULL && n == 0,
		    "  none for no field");
	}
	is_str(cm_words_alias(w, "market", "foreign"), "国外",
	    "the Chinese of a canonical word");
	is_str(cm_words_alias(w, "channel", "written"), NULL,
	    "  none when it has no alias");
	cm_words_free(w);
	cm_words_free(NULL);
}

static void
bad(const char *text, long line, const char *msg, const char *name)
{
	struct cm_error err;
	struct cm_words *w = parse(text, &err);

	if (!ok(w == NULL && err.status == CM_USAGE && err.line == line &&
	    strcmp(err.msg, msg) == 0, "%s", name))
		printf("# got %d %ld '%s'\n", w ? 0 : err.status,
		    w ? 0 : err.line, w ? "" : err.msg);
	cm_words_free(w);
}

static void
test_errors(void)
{
	struct cm_error err;

	bad("market\n", 1, "expected FIELD<TAB>WORD[<TAB>ALIASES]",
	    "a line without a tab");
	bad("# x\nMarket\tdomestic\n", 2,
	    "invalid field name 'Market' (a-z and _)", "a bad field name");
	bad("market\t \t国内\n", 1, "empty word for field 'market'",
	    "an empty canonical word");
	bad("market\tdomestic\t国内,,國內\n", 1,
	    "empty word for field 'market'", "an empty alias");
	bad("market\tdomestic\t国内\nmarket\tforeign\t国内\n", 2,
	    "word '国内' of field 'market' listed twice",
	    "an alias of two canonical words");
	bad("market\tdomestic\nmarket\tDomestic\n", 2,
	    "word 'domestic' of field 'market' listed twice",
	    "a canonical word twice, compared as lookups compare");
	ok(cm_words_load("/nonexistent/words.map", &err) == NULL &&
	    err.status == CM_SYSTEM, "a missing table is a system error");
}

/* The shipped table: every vocabulary issue 14 names is there. */
static void
test_shipped(void)
{
	struct cm_error err;
	struct cm_words *w = cm_words_load("share/cm/words.map", &err);

	if (!ok(w != NULL, "share/cm/words.map loads"))
		printf("# %s:%ld: %s\n", err.file, err.line, err.msg);
	if (w == NULL)
		return;
	is_str(cm_words_find(w, "market", "国内"), "domestic", "market 国内");
	is_str(cm_words_find(w, "market", "國外"), "foreign", "market 國外");
	is_str(cm_words_find(w, "channel", "电话"), "phone", "channel 电话");
	is_str(cm_words_find(w, "channel", "书面"), "written", "channel 书面");
	is_str(cm_words_find(w, "channel", "邮件"), "email", "channel 邮件");
	is_str(cm_words_find(w, "channel", "来访"), "visit", "channel 来访");
	is_str(cm_words_find(w, "status", "调查中"), "investigating",
	    "status 调查中");
	is_str(cm_words_find(w, "responsibility", "供應商"), "supplier",
	    "responsibility 供應商");
	is_str(cm_words_find(w, "action", "借出"), "lend", "action 借出");
	is_str(cm_words_find(w, "kind", "設備"), "equipment", "kind 設備");
	is_str(cm_words_find(w, "sanction", "小過"), "minor", "sanction 小過");
	is_str(cm_words_find(w, "method", "上门"), "visit", "method 上门");
	is_str(cm_words_find(w, "reason", "報修"), "repair", "reason 報修");
	is_str(cm_words_find(w, "grade", "B级"), "B", "grade B级");
	cm_words_free(w);
}

/* cm_out_word: a canonical word in the output's language. */
static void
test_out_word(void)
{
	static const enum cm_lang langs[] = { CM_LANG_EN, CM_LANG_ZH };
	static const char *const want[] = {
		"open,domestic,A,random,\n",
		"待处理,国内,A级,random,\n",
	};
	char path[] = "/tmp/t-words.XXXXXX";
	size_t i;
	int fd = mkstemp(path);

	setenv("CM_SHARE", "share/cm", 1);
	for (i = 0; i < 2 && fd >= 0; i++) {
		struct cm_out_opts oo = { CM_FMT_CSV, ',', 0, path, langs[i],
		    NULL };
		struct cm_out *o = cm_out_open(&oo);
		char got[256] = "";
		FILE *fp;
		size_t n;

		cm_out_word(o, "status", "open");
		cm_out_word(o, "market", "domestic");
		cm_out_word(o, "grade", "A");
		cm_out_word(o, "reason", "random");
		cm_out_word(o, "status", NULL);
		cm_out_endrow(o);
		cm_out_close(o);
		if ((fp = fopen(path, "r")) != NULL) {
			n = fread(got, 1, sizeof(got) - 1, fp);
			got[n] = '\0';
			fclose(fp);
		}
		is_str(got, want[i], i == 0 ? "out_word en: canonical" :
		    "out_word zh: the first alias; a word without one as it is");
	}
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	is_str(cm_word_alias("status", "open"), "待处理",
	    "alias of a canonical word");
	ok(cm_word_alias("status", "待处理") == NULL,
	    "no alias of an alias: canonical words only");
	ok(cm_word_alias("status", "OPEN") == NULL,
	    "no alias of another spelling");
}

int
main(void)
{
	test_lookup();
	test_errors();
	test_shipped();
	test_out_word();
	return done_testing();
}
