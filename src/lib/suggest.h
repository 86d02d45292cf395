/*
 * suggest.h: "did you mean", for a name the user typed that is not
 * there (a column, a long option), as git suggests a command.
 *
 * Names are compared by edit distance over Unicode code points (a
 * Chinese header counts one per character, not three per byte), ASCII
 * letters without case: "Qualty" is one edit from "quality".
 */
#ifndef CM_SUGGEST_H
#define CM_SUGGEST_H

#include <stddef.h>

#include "csvin.h"
#include "msg.h"

/*
 * The edit distance between a and b: the fewest insertions, deletions,
 * replacements of one code point and swaps of two neighbours ("frmo"
 * for "from": one), each substring edited once (optimal string
 * alignment).  A byte that is not UTF-8 counts as one character.
 */
size_t cm_edit_distance(const char *a, const char *b);

/*
 * The index of the candidate nearest to name, or -1 when none is near
 * enough to be a likely typo: at most a third of name's length (and at
 * least one) edits away, the first of equally near ones winning.
 * A candidate equal to name is a distance of 0 and is returned.
 */
long cm_nearest(const char *name, const char *const *cand, size_t n);

/*
 * Fill err (CM_DATA, r's file name, the line of its header) with
 * "no column 'NAME' (columns: a, b, c)" listing the header's canonical
 * names (the first eight, then how many more), and "; did you mean 'x'?"
 * when cm_nearest finds one (among the first thousand columns: a wider
 * header is listed, not searched).  Returns -1.  Call it before the
 * first cm_csv_next: the line is cm_csv_line's, the header's until then.
 */
int cm_no_column(const struct cm_csv *r, const char *name,
    struct cm_error *err);

/* The same, printed, and exit 3: for a command's own column lookups. */
_Noreturn void cm_die_no_column(const struct cm_csv *r, const char *name);

/* The index of column name in r's header, or cm_die_no_column. */
int cm_need_column(const struct cm_csv *r, const char *name);

#endif
