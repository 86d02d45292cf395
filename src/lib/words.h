/*
 * words.h: the fixed vocabularies a user types (a complaint's market,
 * channel and status, a movement's action, a sanction's kind, a visit's
 * method, a grade...), in English or in Chinese, and the one canonical
 * word cm stores and prints for each (issue 14).
 *
 * The words come from one table, share/cm/words.map: one
 * FIELD<TAB>CANONICAL[<TAB>ALIAS,ALIAS...] a line, '#' lines and blank
 * lines skipped (its header comment is the reference).  A lookup trims
 * the value of ASCII and ideographic spaces (cm_trim, text.h) and
 * compares ASCII letters without case, so " Phone ", "PHONE", "电话" and
 * "電話" are all phone.
 *
 *	const char *m = cm_word("market", value);
 *
 *	if (m == NULL)
 *		fail(value, cm_word_list("market"));
 *	store(m);
 */
#ifndef CM_WORDS_H
#define CM_WORDS_H

#include <stddef.h>

#include "msg.h"

struct cm_words;

/*
 * Read a word table from path (through lines.h: a file that does not
 * exist, is not regular or cannot be read is CM_SYSTEM).  A line without
 * a tab, a field name other than a-z and _, an empty canonical word, an
 * empty alias, or a word given twice in one field (as a canonical word
 * or an alias, compared as lookups compare) is CM_USAGE naming the file
 * and line.  NULL with err filled on failure.
 */
struct cm_words *cm_words_load(const char *path, struct cm_error *err);
/* The same over text[0..len), named name in messages (tests, fuzzers). */
struct cm_words *cm_words_parse(const char *name, const char *text,
    size_t len, struct cm_error *err);
void cm_words_free(struct cm_words *w);

/*
 * The canonical word of field that value stands for, or NULL when value
 * is none of field's words (or field has none).  The result lives as
 * long as w.
 */
const char *cm_words_find(const struct cm_words *w, const char *field,
    const char *value);
/*
 * What field accepts, for a message: "domestic/国内, foreign/国外", each
 * canonical word with its first alias (the Chinese word), in the
 * order of the table; NULL when field has no words.  Lives as long as w.
 */
const char *cm_words_list(const struct cm_words *w, const char *field);
/*
 * Every word field accepts, canonical words and aliases, as the table
 * writes them and in its order, for a suggestion (suggest.h); *n of
 * them, NULL and 0 when field has none.  Lives as long as w.
 */
const char *const *cm_words_all(const struct cm_words *w, const char *field,
    size_t *n);
/* The first alias of a canonical word of field (its Chinese), or NULL. */
const char *cm_words_alias(const struct cm_words *w, const char *field,
    const char *canonical);

/*
 * The same on the shipped table, share/cm/words.map (share.h), read on
 * the first call and kept for the life of the process.  A table that
 * cannot be read or is malformed ends the program through cm_die_error:
 * a broken installation (CM_SYSTEM) or a bad edit of it (CM_USAGE).
 */
const char *cm_word(const char *field, const char *value);
const char *cm_word_list(const char *field);
const char *cm_word_alias(const char *field, const char *canonical);
const char *const *cm_word_all(const char *field, size_t *n);

/*
 * Write canonical, a word of field, in the output's language
 * (csvout.h): under --lang zh its first alias, the Chinese word, which
 * reads back as canonical; canonical itself when the field gives none
 * or under English.  NULL writes an empty field.
 */
struct cm_out;
void cm_out_word(struct cm_out *o, const char *field, const char *canonical);

#endif
