/* mail.c: placeholder of the skeleton; its owner replaces this file. */
#include "report.h"

int
report_mail(struct report *r)
{
	(void)r;
	cm_die(CM_SYSTEM, "mail: not built yet");
}
