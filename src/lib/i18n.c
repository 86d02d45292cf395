/*
 * i18n.c: the locale and the catalogs (i18n.h).
 */
#include <locale.h>
#include <stdlib.h>

#include "i18n.h"
#include "share.h"

void
cm_i18n_init(void)
{
	char *dir;

	/*
	 * A locale that is not installed leaves the C locale: English,
	 * which is what the user gets from every other tool then too.
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	dir = cm_share_path("../locale");
	bindtextdomain(CM_TEXTDOMAIN, dir);
	free(dir);
	bind_textdomain_codeset(CM_TEXTDOMAIN, "UTF-8");
	textdomain(CM_TEXTDOMAIN);
}
