/*
 * check.c: the audit of the journal, for the nightly cron job (001/6
 * §6.5.1.3: records are kept and can be shown to be complete).  Every row
 * is checked as an append would check it, no balance may ever go below
 * 0, dates go forward per part, and the balances folded from the
 * committed journal must be the snapshot's: a hand edit shows up there.
 * Findings go to stderr as FILE:LINE: messages; exit 1 when any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "receive.h"

static void
compare(struct ctx *c, struct book *j, struct book *s, int *findings)
{
	size_t i, k;
	char a[32], b[32];

	for (i = 0; i < j->n; i++) {
		struct item *it = &j->items[i], *st;

		if ((st = book_find(s, it->customer, it->part)) == NULL) {
			cm_warnat(c->snapshot, 0, 0, "part '%s' for '%s' is in "
			    "the journal but not in its snapshot",
			    cm_msg_value(it->part), cm_msg_value(it->customer));
			(*findings)++;
			continue;
		}
		for (k = 0; k < B_N; k++)
			if (it->b[k] != st->b[k]) {
				cm_warnat(c->snapshot, 0, 0, "%s of part '%s' "
				    "for '%s' is %s in the snapshot but %s in "
				    "the journal (edited by hand?)",
				    bal_names[k], cm_msg_value(it->part),
				    cm_msg_value(it->customer),
				    qty_text(a, st->b[k], it->unit),
				    qty_text(b, it->b[k], it->unit));
				(*findings)++;
			}
	}
	for (i = 0; i < s->n; i++)
		if (book_find(j, s->items[i].customer, s->items[i].part) ==
		    NULL) {
			cm_warnat(c->snapshot, 0, 0, "part '%s' for '%s' is in "
			    "the snapshot but not in the journal (edited by "
			    "hand?)", cm_msg_value(s->items[i].part),
			    cm_msg_value(s->items[i].customer));
			(*findings)++;
		}
}

int
do_check(struct ctx *c)
{
	struct jread jr;
	struct book b, sb;
	struct cm_buf why = {0};
	struct move m;
	struct item *it;
	struct snap snap;
	int findings = 0, have_sb;
	size_t i;

	jread_open(c, &jr, 1);
	book_init(&b);
	book_init(&sb);
	if (!jr.have_snap) {
		cm_warn("%s; the next append rebuilds it", jr.why.s);
		findings++;
	}
	/*
	 * A snapshot that does not fit the journal's length is still
	 * compared: after a hand edit, that says which balances it changed.
	 */
	have_sb = snap_read(c->snapshot, &sb, &snap, &why) == 0;
	/* A head that reads but rows that do not: the next append rebuilds. */
	if (jr.have_snap && !have_sb) {
		cm_warn("%s; the next append rebuilds it", why.s);
		findings++;
	}
	if (jr.s.r != NULL) {
		for (i = 0; i < cm_csv_ncols(jr.s.r); i++)
			if (i >= C_N || strcmp(cm_csv_rawname(jr.s.r, i),
			    journal_cols[i]) != 0)
				break;
		if (i != C_N || cm_csv_ncols(jr.s.r) != C_N) {
			cm_warnat(c->journal, cm_csv_line(jr.s.r), 0, "header "
			    "is not the journal's: date,customer,part_no,name,"
			    "spec,unit,kind,action,qty,declared_qty,location,"
			    "ref,by,note");
			findings++;
		}
	}
	while (jr.s.r != NULL && src_next(&jr.s)) {
		long line = cm_csv_line(jr.s.r);

		if (move_parse(c, &jr.s, &m, 0, &why) < 0 ||
		    book_apply(&b, &m, &it, &why) < 0) {
			cm_warnat(c->journal, line, 0, "%s", why.s);
			findings++;
		}
	}
	if (have_sb)
		compare(c, &b, &sb, &findings);
	/*
	 * Bytes past the commit point are a batch in flight or one whose
	 * writer was killed: a reader cannot tell which, and neither is
	 * wrong.  The next append keeps them aside (append.c).
	 */
	if (jr.have_snap && jr.size > jr.snap.bytes)
		cm_info("%s: %lld bytes after line %lld are not committed (an "
		    "append in flight, or one that was killed)", c->journal,
		    jr.size - jr.snap.bytes, jr.snap.lines);
	if (findings == 0)
		cm_info("%s: %zu parts, no findings", c->journal, b.n);
	jread_close(&jr);
	book_free(&b);
	book_free(&sb);
	cm_buf_free(&why);
	return findings > 0 ? CM_ATTENTION : CM_OK;
}
