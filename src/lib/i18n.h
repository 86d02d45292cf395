/*
 * i18n.h: messages and help in the user's language, through GNU gettext
 * (glibc's libintl), as every GNU tool does.
 *
 * The language follows the locale: LC_ALL, LC_MESSAGES, LANG, and
 * LANGUAGE (a list, zh_CN:en) when the locale is not C; the C locale is
 * English.  Catalogs (cm.mo, text domain "cm") live in share/locale
 * beside share/cm, found the way cm_share_dir finds share/cm: a program
 * in the source tree's bin/ reads the tree's catalogs, one installed
 * under PREFIX reads PREFIX/share/locale.  Translations are written out
 * as UTF-8 whatever the locale's charset, as all cm output is.
 *
 * Only the text is translated: the message shape of cm(7) ("cm-NAME:
 * FILE:LINE: ..."), exit statuses, option names, column names of CSV
 * output and canonical words stay as they are.  msg.c and opt.c pass
 * every format through gettext, so a call such as cm_die(CM_DATA,
 * "...") needs no marking; a fragment put into a message through %s
 * (a hint, a unit) is marked _() where it is chosen, and a string
 * translated later (a help text in a static array) N_() where it is
 * written.  po/Makefile rules: `make pot` collects them (xgettext),
 * `make check` fails when po/zh_CN.po misses one.
 */
#ifndef CM_I18N_H
#define CM_I18N_H

#include <libintl.h>

#define CM_TEXTDOMAIN	"cm"

#define _(s)	gettext(s)
#define N_(s)	s

/*
 * Set LC_CTYPE and LC_MESSAGES from the environment (not LC_NUMERIC:
 * numbers are read and written the C way) and bind the "cm" domain to
 * its catalogs.  Called by cm_common_init, before any message.
 */
void cm_i18n_init(void);

#endif
