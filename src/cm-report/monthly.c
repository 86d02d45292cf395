/* monthly.c: placeholder of the skeleton; its owner replaces this file. */
#include "report.h"

int
report_monthly(struct report *r)
{
	(void)r;
	cm_die(CM_SYSTEM, "monthly: not built yet");
}
