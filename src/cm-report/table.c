/* table.c: placeholder of the skeleton; its owner replaces this file. */
#include "report.h"

int
report_table(struct report *r)
{
	(void)r;
	cm_die(CM_SYSTEM, "table: not built yet");
}
