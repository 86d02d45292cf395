/*
 * colmap.h: header aliases (DESIGN.md §2, "Column names").
 *
 * Canonical column names are lower-case English.  Common Chinese headers
 * map to them through share/cm/columns.map; --map OLD=NEW adds more, and
 * later additions win over earlier ones.  Lookups trim ASCII and ideographic
 * spaces and compare ASCII letters without case, so "Overall", " overall "
 * and "总体评价" all find "overall".
 */
#ifndef CM_COLMAP_H
#define CM_COLMAP_H

#include "msg.h"

struct cm_colmap;

struct cm_colmap *cm_colmap_new(void);
void cm_colmap_free(struct cm_colmap *m);

/*
 * Load a map file: one "OLD=NEW" a line; blank lines and lines starting
 * with '#' are skipped; spaces around either name are trimmed.  A line
 * without '=' or with an empty side, a NUL byte or a line longer than
 * CM_LINE_MAX is CM_USAGE naming file and line.  The file is read through
 * lines.h: one that does not exist, is not a regular file or cannot be
 * read is CM_SYSTEM.
 */
int cm_colmap_load(struct cm_colmap *m, const char *path,
    struct cm_error *err);

/* Add one "OLD=NEW" (from --map); -1 and err (CM_USAGE) when malformed. */
int cm_colmap_add(struct cm_colmap *m, const char *spec,
    struct cm_error *err);

/*
 * The canonical name for name: its alias target, or name itself trimmed
 * (and folded to lower case when it is ASCII).  The result lives as long
 * as m, or in buf (which must hold strlen(name)+1 bytes) when not mapped.
 * m may be NULL.
 */
const char *cm_colmap_get(const struct cm_colmap *m, const char *name,
    char *buf);

/*
 * The index of the column called name among n columns whose canonical
 * names are names[i] and whose names as the file has them are raw[i], or
 * -1: name is mapped as a header is (so "客户名称" and " Customer " find
 * "customer"), and also matches a raw name exactly.  The first match
 * wins.  For the readers of headers (csvin.h, table.h).
 */
int cm_colmap_find(const struct cm_colmap *m, char *const *names,
    char *const *raw, size_t n, const char *name);

/*
 * The Chinese header cm writes for canonical under --lang zh (csvout.h,
 * cm_out_name): the last name a --map addition gives it, else the first
 * name columns.map lists for it, written with a character that is not
 * ASCII; NULL when there is none.  Such a name reads back as canonical
 * unless a later line maps it elsewhere, which t0140 rules out for the
 * shipped map.  Lives as long as m; m may be NULL.
 */
const char *cm_colmap_zh(const struct cm_colmap *m, const char *canonical);
/* The same from the --map additions only (cm_colmap_add): NULL without. */
const char *cm_colmap_zh_user(const struct cm_colmap *m,
    const char *canonical);

#endif
