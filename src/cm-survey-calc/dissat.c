/*
 * dissat.c: the questionnaires to act on (000 §5.3.1.6 不满意因素分析;
 * 001/12 §5.9.2: a "dissatisfied" answer enters the complaint procedure).
 * Rows pass through unchanged, with the items below the threshold named,
 * so cm-complaint new --from-survey can open one complaint per row.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvin.h"
#include "msg.h"
#include "survey.h"
#include "xalloc.h"

/*
 * A --reverse item is tested on its reversed score: on "the delivery was
 * often late" a low answer is the satisfied one.
 */
static int
low(struct survey *sv, struct cm_csv *r, int col, size_t i, int *sum, int *n)
{
	int v = survey_rating(sv, r, col, i);

	if (v == CM_RATING_INVALID)
		survey_invalid(sv, r, col);
	if (v < 0)
		return 0;
	*sum += v;
	(*n)++;
	return v < sv->smin;
}

static char *header;	/* the first input's columns */

void
survey_dissatisfied(struct survey *sv, const char *path, struct cm_out *o,
    int first)
{
	struct cm_error err;
	/*
	 * Static, so that a data error, which exits from inside this
	 * function, leaves nothing unreachable for LeakSanitizer.
	 */
	static struct cm_csv *r;
	static int *col;
	struct cm_buf names = {0};
	size_t i, ncols;
	int rc;

	r = cm_csv_open(path, &sv->co.in, &err);
	if (r == NULL)
		cm_die_error(&err);
	col = xcalloc(sv->k + 1, sizeof(int));
	ncols = cm_csv_ncols(r);
	for (i = 1; i <= sv->k; i++)
		if ((col[i] = cm_csv_col(r, sv->items[i - 1])) < 0)
			cm_die_no_column(r, sv->items[i - 1]);
	col[0] = cm_csv_col(r, sv->overall);
	if (col[0] < 0 && (sv->overall_given || sv->k == 0))
		cm_die_no_column(r, sv->overall);
	survey_keep_raw(sv, r, NULL, col);
	/* Rows pass through unchanged, so every input needs one header. */
	cm_buf_reset(&names);
	for (i = 0; i < ncols; i++) {
		cm_buf_adds(&names, cm_csv_colname(r, i));
		cm_buf_addc(&names, '\x1f');
	}
	if (first) {
		free(header);
		header = xstrdup(cm_buf_str(&names));
		for (i = 0; i < ncols; i++)
			cm_out_name(o, cm_csv_colname(r, i),
			    cm_csv_rawname(r, i));
		survey_put_col(o, "dissatisfied_items");
		cm_out_endrow(o);
	} else if (strcmp(header, cm_buf_str(&names)) != 0)
		cm_dieat(CM_DATA, cm_csv_name(r), 1, 0, "columns differ from "
		    "those of the first input");
	while ((rc = cm_csv_next(r, &err)) > 0) {
		int sum = 0, n = 0, osum = 0, on = 0, olow;

		cm_buf_reset(&names);
		olow = col[0] >= 0 && low(sv, r, col[0], 0, &osum, &on);
		for (i = 1; i <= sv->k; i++)
			if (low(sv, r, col[i], i, &sum, &n)) {
				cm_buf_adds(&names, names.len ? ";" : "");
				cm_buf_adds(&names, survey_item_name(sv, o, i));
			}
		/* Without an overall column the form's mean decides. */
		if (col[0] < 0)
			olow = n > 0 && sum < sv->smin * n;
		if (!olow && names.len == 0)
			continue;
		for (i = 0; i < ncols; i++)
			cm_out_field(o, cm_csv_field(r, i), cm_csv_flen(r, i));
		if (olow && names.len)
			cm_out_printf(o, "%s;%s", survey_item_name(sv, o, 0),
			    cm_buf_str(&names));
		else
			cm_out_str(o, olow ? survey_item_name(sv, o, 0) :
			    cm_buf_str(&names));
		cm_out_endrow(o);
	}
	if (rc < 0)
		cm_die_error(&err);
	cm_csv_close(r);
	cm_buf_free(&names);
	free(col);
	r = NULL;
	col = NULL;
}
