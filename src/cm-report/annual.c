/* annual.c: placeholder of the skeleton; its owner replaces this file. */
#include "report.h"

int
report_annual(struct report *r)
{
	(void)r;
	cm_die(CM_SYSTEM, "annual: not built yet");
}
