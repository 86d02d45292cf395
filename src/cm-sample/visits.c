/* visits.c: --visits, the month's visit plan (001/5 §4.3.1). */
#include "msg.h"
#include "sample.h"

int
visits_run(struct ctx *c)
{
	(void)c;
	cm_die(CM_USAGE, "--visits is not built yet");
}
