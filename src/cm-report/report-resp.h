/*
 * report-resp.h: the survey forms of the monthly report, read and made
 * ready for cm-survey-calc (report-resp.c).
 */
#ifndef CM_REPORT_RESP_H
#define CM_REPORT_RESP_H

#include <stddef.h>

#include "buf.h"
#include "report-doc.h"

/* A month as a number, year * 12 + month - 1, for counting back. */
int month_index(const char *s, size_t n);	/* YYYY-MM, or -1 */
void month_name(int idx, char buf[8]);		/* "YYYY-MM" */

struct responses {
	struct cm_buf feed;	/* CSV: month[,overall],items...; UTF-8 */
	size_t nforms;		/* forms in the window */
	size_t *items;		/* (the reader's column numbers) */
	char **canon;		/* the items, canonical names */
	char **raw;		/* ... and as the user's header writes them */
	size_t nitems;
	struct cm_buf ilist;	/* "a,b,c": cm-survey-calc's -i */
	int has_overall;
	char *overall_raw;
};

/*
 * Read every --responses file (r->co.in: encoding, delimiter, --map) and
 * keep the forms of months lo..hi (month_index numbers).  Items: -i as
 * cm-survey-calc takes it (each a column of every file, else exit 3),
 * or every column, other than the who/when/group columns, whose
 * non-empty cells in those forms are all ratings of the default scale.
 * A form with no month is exit 3 naming it.  An -i item's cell that is
 * no rating is warned about with the user's file:line:column.
 */
void responses_read(struct report *r, int lo, int hi, struct responses *rs);
void responses_free(struct responses *rs);
/*
 * How an item of cm-survey-calc's output is shown: in Chinese the
 * user's header (产品品质, not quality), in English the canonical name;
 * "overall" is the overall column's header or the word for it.
 */
const char *responses_shown(const struct responses *rs, const char *canon);

#endif
