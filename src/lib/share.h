/*
 * share.h: where rules, maps, calendars and examples live.
 *
 * The share directory is, in order: $CM_SHARE when set; ../share/cm beside
 * the running program (so bin/ of the source tree finds share/cm of the
 * tree, and PREFIX/bin finds PREFIX/share/cm after make install); the
 * directory compiled in as CM_SHAREDIR.
 */
#ifndef CM_SHARE_H
#define CM_SHARE_H

const char *cm_share_dir(void);
/* share_dir/rel, freshly allocated. */
char *cm_share_path(const char *rel);
/*
 * Whether path names a file in the share directory (as cm_share_path
 * makes them).  A shipped file that is not there is a broken
 * installation, a system error (exit 4), where a file the user named
 * that is not there is a usage error (exit 2).
 */
int cm_share_holds(const char *path);
/*
 * The program to run for a sibling command (cm-survey-calc for
 * cm-report): DIR/name when DIR, the running program's own directory,
 * holds an executable file of that name (bin/ of the source tree, or
 * PREFIX/bin after make install), so a tree runs its own build and never
 * an older copy installed elsewhere; else name itself, which execvp
 * looks up on PATH.  Freshly allocated.
 */
char *cm_sibling_path(const char *name);
/* The data directory: $CM_DATA, or "." (DESIGN.md §2). */
const char *cm_data_dir(void);
/* cm_data_dir()/name, freshly allocated: the default register paths. */
char *cm_data_path(const char *name);

#endif
