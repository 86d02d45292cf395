/*
 * report-doc.h: what monthly.c and annual.c share: the report's words,
 * the sibling commands that do the computing, and the HTML document with
 * its charts, written into the output directory.
 */
#ifndef CM_REPORT_DOC_H
#define CM_REPORT_DOC_H

#include <stddef.h>

#include "buf.h"
#include "report.h"
#include "table.h"

/* --- report-words.c ------------------------------------------------- */

/*
 * Load share/cm/report.words (KEY<TAB>EN<TAB>ZH a line) for lang ("zh"
 * or "en"), and share/cm/causes.category for the causes' Chinese names.
 * A missing or bad words file is exit 4 (a shipped file: a broken
 * installation) or 2 naming file and line.
 */
void words_load(const char *lang);
/*
 * The word for key in the report's language.  A key the file lacks is a
 * broken installation: exit 4 naming it (never an English fallback
 * that would slip into a Chinese report unseen).
 */
const char *word(const char *key);
/* The same for a word that may be missing (a value of the data): dflt. */
const char *word_or(const char *key, const char *dflt);
/* Whether the report is in Chinese. */
int words_zh(void);
/*
 * A cause of the register as the report names it: in Chinese the first
 * Chinese name causes.category gives it, in English the name with '_'
 * as spaces; an empty cause is the word "unclassified".  The string
 * lives until exit.
 */
const char *cause_word(const char *cause);

/* --- report-run.c ---------------------------------------------------- */

/*
 * Run the sibling program name (cm-survey-calc, cm-complaint: found by
 * cm_sibling_path, share.h) with the arguments args (NULL-terminated,
 * without argv[0]), in[0..in_len) on its standard input (in NULL:
 * /dev/null), and read its standard output as a CSV table.  Its exit 0
 * and 1 are results (1 a finding: *finding is set); its standard error
 * is passed on then (its notices name the user's files).  Any other
 * exit status is the report's failure: each line of its standard error
 * is printed as "cm-report: LINE" and we exit with its status; a sibling
 * missing, killed or timed out is exit 4.  quiet_err: drop its standard
 * error on success (it names lines of the pipe we fed, not the user's).
 * Returns the table (name "cm-survey-calc", ...), owned by the caller.
 */
struct cm_table *sibling_csv(const char *name, const char *const *args,
    const char *in, size_t in_len, int quiet_err, int *finding);

/*
 * cm-complaint -f r->complaints [--calendar r->calendar] ARG...: its
 * output as a table, as sibling_csv says.  The arguments end with NULL.
 */
struct cm_table *complaint_csv(struct report *r, int *finding, ...)
    __attribute__((sentinel));

/* --- report-doc.c ---------------------------------------------------- */

/*
 * The page, built in two copies that differ only in how images are
 * named: report.html refers to "trend.png", the mail's copy to
 * "cid:trend.png@cm-report" (mime.h), so the mail shows what the
 * browser shows.
 */
struct doc {
	struct cm_buf file, mail;
	const char *dir;		/* the output directory */
	const char *font;		/* --font, or NULL */
	const char *images[16];		/* the PNGs drawn, by name */
	char *staged[16];		/* ... and the names drawn into */
	size_t nimages;
};

/* Create dir (and its parents, 0755) when missing; exit 4 when it cannot. */
void doc_mkdir(const char *dir);
/*
 * <html>, <head> with the CSS, the title as <h1>, a line under it.
 * First takes DIR/.report.lock for the rest of the run (waiting 10 s at
 * most for another run, then exit 4 "another cm-report is writing
 * 'DIR'") and removes what a killed run left in dir: its staged charts
 * (.new-*) here, its temporary report files in doc_finish.
 */
void doc_begin(struct doc *d, const char *dir, const char *font,
    const char *title, const char *subtitle);
/* A section heading, <h2>. */
void doc_section(struct doc *d, const char *heading);
/* A paragraph of text, escaped; cls: a CSS class or NULL. */
void doc_para(struct doc *d, const char *cls, const char *text);
/* A paragraph built of pieces: doc_text escapes, doc_raw does not. */
void doc_open(struct doc *d, const char *cls);
void doc_text(struct doc *d, const char *text);
void doc_strong(struct doc *d, const char *text);
void doc_close(struct doc *d);
/*
 * A paragraph of the word key, whose each "{}" is the next argument (a
 * figure, in <strong>); the arguments end with NULL.
 */
void doc_say(struct doc *d, const char *cls, const char *key, ...)
    __attribute__((sentinel));
/* The "no data" sentence of a section that draws nothing. */
void doc_nodata(struct doc *d, const char *text);
/*
 * Draw t as s says (through chart_render) and show it as DIR/name (a
 * .png), alt its text.  The chart is drawn beside, into DIR/.new-PID-name,
 * and takes its name only in doc_finish; a link at either name is
 * replaced, never followed.  A chart that cannot be drawn is the
 * report's failure: chart_render's message, and exit with its status
 * (4 when gnuplot is missing or fails), every file of DIR as it was
 * (the staged charts are removed at exit).
 */
void doc_chart(struct doc *d, const char *name, const char *alt,
    const struct chart_spec *s, struct cm_table *t);
/*
 * t as an HTML table (table.c's rendering), caption above it (NULL:
 * none); a column NAME is headed by the word col_NAME.
 */
void doc_table(struct doc *d, struct cm_table *t, const char *caption);
/*
 * End the page and write DIR/report.html, and with r's --to also
 * DIR/report.eml (subject as given); without --to, an old report.eml
 * is removed (it would be another month's).  Charts of the report that
 * this run did not draw (charts: the names the verb may draw; a section
 * without data draws none) are removed likewise.
 * The mail is built, every name to be replaced or removed checked
 * (absent, a regular file or a link, else exit 4 "cannot replace
 * 'PATH': not a regular file") and report.eml and report.html written
 * and synced into temporary files before any file is replaced; then the
 * charts take their names, report.eml and report.html theirs (a link at
 * a name replaced, never followed) and the charts not drawn are removed,
 * in that order: report.html never names a chart that is missing or
 * stale, and only a failed rename(2) or a SIGKILL in that last step
 * leaves a mix.  Prints the path of report.html.
 */
void doc_finish(struct doc *d, struct report *r, const char *subject,
    const char *const *charts);

/*
 * The Pareto section of the causes (002 §4.2: root causes as 柏拉图), by
 * count or by loss, from cm-complaint stats --by cause (src): the chart
 * and its table, or the sentence no_data (a word key) when src has no
 * rows; total_key, when not NULL, is a sentence with the number of
 * complaints said first.
 */
void doc_pareto(struct doc *d, struct cm_table *src, int by_loss,
    const char *no_data, const char *total_key);

/*
 * The overdue list of cm-complaint overdue as a table: the cases open
 * past due on as_of, most overdue first, states in the report's words;
 * first and last (dates, or NULL): only cases received between them.
 */
void overdue_table(struct doc *d, struct cm_table *overdue,
    const char *as_of, const char *first, const char *last);

/* --- helpers ------------------------------------------------------------ */

/* A table of the given columns (names as shown), for charts and tables. */
struct cm_table *table_of(const char *const *cols, size_t n);
/* Append a row of n cells. */
void table_row(struct cm_table *t, const char *const *cells, size_t n);
/* The cell of column name in row, "" when the table has no such column. */
const char *cell(const struct cm_table *t, size_t row, const char *name);

/*
 * The options monthly and annual check before anything runs: --to, --cc
 * and --from go together (--cc or --from without --to, or --to without
 * a sender, --from or $CM_MAIL_FROM, is a usage error); the addresses
 * and $SOURCE_DATE_EPOCH are checked as cm_mail_build does (exit 2
 * naming the value); an empty --out is exit 2; --calendar must load as
 * cm-complaint would load it (cm_cal_find, cm_cal_load: its message and
 * status, 4 for a calendar that is not there).
 */
void report_check_mail(struct report *r);
/*
 * --as-of as YYYY-MM-DD into buf (11 bytes); without it, dflt (the
 * period's last day), or today (cm_today: CM_TODAY) when that is
 * earlier.  A bad --as-of or CM_TODAY: exit 2.
 */
void report_as_of(const struct report *r, const char *dflt, char *buf);

#endif
